/* strata-layout-draw.c: painting a StrataLayout with cairo, for the canvas and every export. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "strata-layout-draw-private.h"

/* Lines of a label this few device pixels high are unreadable: each is
 * drawn as a bar where its text would be, which keeps the look of a
 * labelled drawing at a fraction of the cost of its glyphs (a fitted
 * overview of a large network spent most of its drawing on them). */
#define GREEK_LINE_PIXELS 4.0

/* Device pixels per unit of the drawing: below some sizes, outlines and
 * text no longer show, and a zoomed-out canvas would spend most of its
 * drawing on them. */
static double
device_scale (cairo_t *cr)
{
  double dx = 1, dy = 0;

  cairo_user_to_device_distance (cr, &dx, &dy);
  return hypot (dx, dy);
}

static void
draw_arrow_head (cairo_t *cr,
                 double   x,
                 double   y,
                 double   dir_x,
                 double   dir_y,
                 double   size)
{
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - dir_x * size - dir_y * size * 0.45,
                 y - dir_y * size + dir_x * size * 0.45);
  cairo_line_to (cr, x - dir_x * size + dir_y * size * 0.45,
                 y - dir_y * size - dir_x * size * 0.45);
  cairo_close_path (cr);
  strata_paint_fill (cr);
}

/* An edge ends along its last line: entering its target from the left,
 * from above top to bottom, and from the right or below in the second
 * row of a fold. */
static void
draw_edge (const Painter    *p,
           const StrataEdge *edge)
{
  cairo_t *cr = p->cr;
  const StrataPoint *points = &g_array_index (p->self->points, StrataPoint, edge->first_point);
  const StrataPoint *tip = &points[edge->n_points - 1];
  double run = fabs (tip->x - tip[-1].x) + fabs (tip->y - tip[-1].y);
  double head = edge->arrow > 0 ? STRATA_LAYER_ARROW_HEAD : STRATA_ARROW_HEAD;
  double dir_x, dir_y;
  guint from = 0;

  if (edge->n_points == 2 && run < STRATA_ARROW_HEAD + 4)
    return;
  if (edge->to > p->self->options.revealed)
    return;
  if (!is_visible (p, &edge->bounds, STRATA_ARROW_HEAD))
    return;

  set_color (cr, &p->colors->arrow);
  cairo_set_line_width (cr, STRATA_ARROW_WIDTH);
  /* A layer drawn as the edge down a U's level (pool_arrows) leaves the
   * line its level's skip edge shares as a plain one, and is wide and in
   * its colour from where the two part; one drawn as the edge up
   * (up_arrows) is wide from its block on, over the skip edge's last line
   * into the merge, which the two share. */
  if (edge->arrow > 0)
    {
      const StrataArrowLayer *arrow =
        &g_array_index (p->self->arrows, StrataArrowLayer, edge->arrow - 1);

      from = MIN (arrow->wide_from, edge->n_points - 2);
      if (from > 0)
        {
          cairo_move_to (cr, points[0].x, points[0].y);
          for (guint i = 1; i <= from; i++)
            cairo_line_to (cr, points[i].x, points[i].y);
          strata_paint_stroke (cr);
        }
      set_color (cr, &arrow->fill);
      cairo_set_line_width (cr, STRATA_LAYER_ARROW_WIDTH);
    }
  cairo_move_to (cr, points[from].x, points[from].y);
  for (guint i = from + 1; i + 1 < edge->n_points; i++)
    cairo_line_to (cr, points[i].x, points[i].y);
  /* Lines are horizontal or vertical. */
  dir_x = run > 0 ? (tip->x - tip[-1].x) / run : 1;
  dir_y = run > 0 ? (tip->y - tip[-1].y) / run : 0;
  cairo_line_to (cr, tip->x - dir_x * (head - 1), tip->y - dir_y * (head - 1));
  strata_paint_stroke (cr);
  if (edge->head)
    draw_arrow_head (cr, tip->x, tip->y, dir_x, dir_y, head);
}


/* A line of text too small to read, as a bar through the middle of
 * each of its lines. */
static void
draw_greeked (const Painter      *p,
              const StrataColumn *c,
              StrataLabelLine     l,
              int                 n_lines,
              const StrataRgb    *color)
{
  const StrataTextSize *size = &c->line_size[l];
  double line_height = size->height / n_lines;

  set_color_alpha (p->cr, color, 0.4);
  for (int k = 0; k < n_lines; k++)
    cairo_rectangle (p->cr, c->line_x[l] + size->x, c->line_y[l] + (k + 0.3) * line_height,
                     size->width, 0.4 * line_height);
  strata_paint_fill (p->cr);
}

static void
draw_labels (const Painter      *p,
             const StrataColumn *c)
{
  /* Where even bars would be smudges, as show_text() has it. */
  if (p->scale * 10 < 1)
    return;
  for (guint l = 0; l < STRATA_N_LINES; l++)
    {
      const StrataRgb *color;
      int n_lines;

      if (c->lines[l] == NULL)
        continue;
      if (l == STRATA_LINE_NAME || l == STRATA_LINE_CAPTION)
        color = &p->colors->text;
      else if (l == STRATA_LINE_SHAPE && c->has_error)
        color = &p->colors->error;
      else
        color = &p->colors->secondary;
      n_lines = MAX (pango_layout_get_line_count (c->lines[l]), 1);
      if (c->line_size[l].height / n_lines * p->scale < GREEK_LINE_PIXELS)
        {
          draw_greeked (p, c, l, n_lines, color);
          continue;
        }
      set_color (p->cr, color);
      show_text_anchored (p, c->lines[l], c->line_x[l], c->line_y[l],
                          p->self->options.arrangement == STRATA_ARRANGEMENT_TOP_TO_BOTTOM
                          ? STRATA_TEXT_ANCHOR_START : STRATA_TEXT_ANCHOR_MIDDLE);
    }
}

static gboolean
column_holds (StrataLayout       *self,
              const StrataColumn *c,
              int                 position)
{
  if (c->position == position ||
      (position > c->position && (guint) position < c->group_end))
    return TRUE;
  for (guint i = 0; i < c->size.n_bands; i++)
    if (g_array_index (self->bands, StrataBand, c->first_band + i).position == position)
      return TRUE;
  return FALSE;
}

static void
draw_highlight (const Painter           *p,
                const cairo_rectangle_t *r)
{
  const StrataRgb *accent = &p->colors->accent;

  strata_render_draw_highlight (p->cr, r, accent->red, accent->green, accent->blue);
}

/* Each group's bracket: a line under its labels with ticks up at its
 * ends, and its name under the middle; top to bottom, a line right of
 * them with ticks to the left, its name right of it (see
 * strata-layout-vertical.c). */
static void
draw_brackets (const Painter *p)
{
  StrataLayout *self = p->self;
  cairo_t *cr = p->cr;

  for (guint i = 0; i < self->brackets->len; i++)
    {
      const StrataBracket *bracket = &g_array_index (self->brackets, StrataBracket, i);
      const StrataGroup *group = &g_array_index (self->groups, StrataGroup, bracket->group);
      double tick = bracket->rect.y;

      if (!is_visible (p, &bracket->rect, 4))
        continue;
      set_color (cr, &p->colors->secondary);
      cairo_set_line_width (cr, 1.5);
      if (self->options.arrangement == STRATA_ARRANGEMENT_TOP_TO_BOTTOM)
        {
          tick = bracket->rect.x;
          cairo_move_to (cr, tick, bracket->x0 + 0.75);
          cairo_line_to (cr, bracket->y, bracket->x0 + 0.75);
          cairo_line_to (cr, bracket->y, bracket->x1 - 0.75);
          cairo_line_to (cr, tick, bracket->x1 - 0.75);
        }
      else
        {
          cairo_move_to (cr, bracket->x0 + 0.75, tick);
          cairo_line_to (cr, bracket->x0 + 0.75, bracket->y);
          cairo_line_to (cr, bracket->x1 - 0.75, bracket->y);
          cairo_line_to (cr, bracket->x1 - 0.75, tick);
        }
      strata_paint_stroke (cr);
      {
        PangoRectangle rect;

        /* A name too small to read goes, as the labels' text does. */
        pango_layout_get_extents (group->name, NULL, &rect);
        if ((double) rect.height / PANGO_SCALE * p->scale >= GREEK_LINE_PIXELS)
          show_text (p, group->name, bracket->name_x, bracket->name_y);
      }
    }
}

static void
draw_columns (const Painter *p)
{
  StrataLayout *self = p->self;
  cairo_t *cr = p->cr;

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint r = 0; r < self->rows->len; r++)
    {
      const StrataRow *row = &g_array_index (self->rows, StrataRow, r);
      cairo_rectangle_t extent = { p->clip[0], row->top, 0, row->bottom - row->top };

      /* A row out of view is passed over whole, but for the edges that
       * leave it for the next one: a canvas showing a few rows of
       * 100,000 layers would otherwise look at every column of them. The
       * slack is that of the dimensions drawn beside blocks. */
      if (!is_visible (p, &extent, 48))
        {
          for (guint e = row->first_edge + row->n_edges;
               e < row->first_edge + row->n_edges + row->n_exits; e++)
            draw_edge (p, &g_array_index (self->edges, StrataEdge, e));
          continue;
        }

      for (guint i = row->first; i < row->first + row->n; i++)
        {
          const StrataColumn *c = strata_layout_column (self, i);

          if (c->position > self->options.revealed)
            continue;
          if (self->options.selected >= 0 && column_holds (self, c, self->options.selected) &&
              is_visible (p, &c->bounds, 8))
            draw_highlight (p, &c->bounds);
        }

      for (guint e = row->first_edge; e < row->first_edge + row->n_edges; e++)
        draw_edge (p, &g_array_index (self->edges, StrataEdge, e));

      /* Each column whole, its block, the window it reads and its labels,
       * so that a layer is one group of an SVG file; nothing of one
       * column overlaps another's. */
      for (guint i = row->first; i < row->first + row->n; i++)
        {
          const StrataColumn *c = strata_layout_column (self, i);

          if (c->position > self->options.revealed)
            continue;
          strata_paint_begin_group (cr, NULL, pango_layout_get_text (c->lines[STRATA_LINE_NAME]));
          cairo_set_line_width (cr, p->colors->edge_width);
          if (is_visible (p, &c->block_rect, 4))
            strata_draw_block (p, c);
          if (self->options.show_kernels && self->options.style == STRATA_DIAGRAM_STYLE_BLOCKS &&
              c->kernel_from >= 0 && c->kernel_h != 0)
            {
              const StrataColumn *prev = strata_layout_column (self, c->kernel_from);
              double x0 = MIN (prev->block_rect.x, c->block_rect.x);
              double y0 = MIN (prev->block_rect.y, c->block_rect.y);
              /* The block before may be right of it: a fold's second row runs back. */
              cairo_rectangle_t span = {
                x0, y0,
                MAX (prev->block_rect.x + prev->block_rect.width,
                     c->block_rect.x + c->block_rect.width) - x0,
                MAX (prev->block_rect.y + prev->block_rect.height,
                     c->block_rect.y + c->block_rect.height) - y0,
              };

              if (is_visible (p, &span, 4))
                strata_draw_kernel (p, prev, c);
            }
          if (is_visible (p, &c->label_rect, 4))
            draw_labels (p, c);
          if (is_visible (p, &c->block_rect, 40))
            strata_draw_dimensions (cr, p->colors, c);
          strata_paint_end_group (cr);
        }

      for (guint e = row->first_edge + row->n_edges;
           e < row->first_edge + row->n_edges + row->n_exits; e++)
        draw_edge (p, &g_array_index (self->edges, StrataEdge, e));
    }

  draw_brackets (p);
}

static void
draw_bars (const Painter *p)
{
  StrataLayout *self = p->self;
  cairo_t *cr = p->cr;
  double name_right = self->bar_header_x[1] - 20;
  double top, bottom;

  if (self->bar_rows->len == 0)
    return;

  set_color (cr, &p->colors->text);
  for (guint i = 0; i < 4; i++)
    show_text (p, self->bar_headers[i], self->bar_header_x[i], self->bar_header_y);

  for (guint i = 0; i < self->bar_rows->len; i++)
    {
      const StrataBarRow *row = &g_array_index (self->bar_rows, StrataBarRow, i);
      const StrataRgb *fill = &row->fill;
      StrataRgb edge = strata_outline_color (p->colors, fill);
      double lx, w, h, mid = row->y + row->height / 2;

      if (row->position > self->options.revealed || !is_visible (p, &row->rect, 8))
        continue;

      strata_paint_begin_group (cr, NULL, pango_layout_get_text (row->name));

      if (self->options.selected >= 0 && self->options.selected == row->position)
        draw_highlight (p, &row->rect);
      else if (i % 2 == 1)
        {
          set_color_alpha (cr, &p->colors->text, 0.05);
          cairo_rectangle (cr, row->rect.x - 6, row->rect.y, row->rect.width + 12, row->rect.height);
          strata_paint_fill (cr);
        }

      {
        PangoRectangle rect;

        pango_layout_get_extents (row->name, NULL, &rect);
        lx = (double) rect.x / PANGO_SCALE;
        w = (double) rect.width / PANGO_SCALE;
        h = (double) rect.height / PANGO_SCALE;
      }
      set_color (cr, &p->colors->text);
      show_text_anchored (p, row->name, name_right - w - lx, mid - h / 2,
                          STRATA_TEXT_ANCHOR_END);

      {
        PangoRectangle rect;

        pango_layout_get_extents (row->shape, NULL, &rect);
        h = (double) rect.height / PANGO_SCALE;
        lx = (double) rect.x / PANGO_SCALE;
      }
      set_color (cr, row->has_error ? &p->colors->error : &p->colors->secondary);
      show_text (p, row->shape, self->bar_header_x[1] - lx, mid - h / 2);

      for (guint k = 0; k < 2; k++)
        {
          PangoRectangle rect;

          if (row->lengths[k] > 0)
            {
              cairo_rectangle (cr, self->bar_x[k], mid - 7, row->lengths[k], 14);
              cairo_set_line_width (cr, p->colors->edge_width);
              fill_and_edge (p, fill, &edge);
            }
          pango_layout_get_extents (row->values[k], NULL, &rect);
          set_color (cr, &p->colors->secondary);
          show_text (p, row->values[k], self->bar_x[k] + row->lengths[k] + 8,
                     mid - (double) rect.height / PANGO_SCALE / 2);
        }
      strata_paint_end_group (cr);
    }

  if (self->markers->len > 0)
    strata_draw_gutter (cr, self, p->colors);

  /* The zero line of both columns of bars. */
  top = g_array_index (self->bar_rows, StrataBarRow, 0).y;
  {
    const StrataBarRow *last = &g_array_index (self->bar_rows, StrataBarRow, self->bar_rows->len - 1);

    bottom = last->y + last->height;
  }
  set_color (cr, &p->colors->secondary);
  cairo_set_line_width (cr, 1.0);
  for (guint k = 0; k < 2; k++)
    {
      cairo_move_to (cr, self->bar_x[k], top);
      cairo_line_to (cr, self->bar_x[k], bottom);
    }
  strata_paint_stroke (cr);
}

static void
draw_break_sample (const Painter *p,
                   double         x,
                   double         y)
{
  StrataColumn sample = { 0 };

  sample.category = STRATA_LAYER_CATEGORY_INPUT;
  sample.fill = *strata_category_get_color (sample.category);
  sample.x = x;
  sample.y = y;
  sample.size.thickness = 12;
  sample.size.height = 18;
  sample.total_thickness = 12;
  sample.size.clamped = STRATA_CLAMPED_HEIGHT;
  cairo_set_line_width (p->cr, p->colors->edge_width);
  strata_draw_slice (p, x, x + 12, &sample, &sample.fill, NULL);
  strata_draw_breaks (p, &sample);
}

static void
draw_legend (const Painter *p)
{
  StrataLayout *self = p->self;
  cairo_t *cr = p->cr;

  for (guint i = 0; i < self->legend->len; i++)
    {
      const StrataLegendEntry *entry = &g_array_index (self->legend, StrataLegendEntry, i);
      const StrataRgb *fill = &entry->fill;
      StrataRgb edge = strata_outline_color (p->colors, fill);
      PangoRectangle rect;
      double h, mid;

      pango_layout_get_extents (entry->label, NULL, &rect);
      h = (double) rect.height / PANGO_SCALE;
      cairo_set_line_width (cr, p->colors->edge_width);
      if (entry->is_arrow)
        {
          /* The U's arrow down, or up, in a swatch's square. */
          double x = entry->x + STRATA_LEGEND_SWATCH / 2, head = STRATA_LEGEND_SWATCH * 0.6;
          double dir = entry->points_up ? -1 : 1;

          mid = entry->y + MAX (h, STRATA_LEGEND_SWATCH) / 2;
          set_color (cr, fill);
          cairo_set_line_width (cr, STRATA_LAYER_ARROW_WIDTH * 0.8);
          cairo_move_to (cr, x, mid - dir * STRATA_LEGEND_SWATCH / 2);
          cairo_line_to (cr, x, mid + dir * (STRATA_LEGEND_SWATCH / 2 - head + 1));
          strata_paint_stroke (cr);
          draw_arrow_head (cr, x, mid + dir * STRATA_LEGEND_SWATCH / 2, 0, dir, head);
          set_color (cr, &p->colors->text);
          show_text (p, entry->label, entry->x + STRATA_LEGEND_SWATCH + 6, mid - h / 2);
          continue;
        }
      if (entry->is_glyph)
        {
          mid = entry->y + MAX (h, STRATA_LEGEND_GLYPH) / 2;
          strata_draw_merge_disc (cr, self, p->colors, entry->kind,
                                  entry->x + STRATA_LEGEND_GLYPH / 2, mid, STRATA_LEGEND_GLYPH / 2);
          set_color (cr, &p->colors->text);
          show_text (p, entry->label, entry->x + STRATA_LEGEND_GLYPH + 6, mid - h / 2);
          continue;
        }
      mid = entry->y + MAX (h, STRATA_LEGEND_SWATCH) / 2;
      cairo_rectangle (cr, entry->x, mid - STRATA_LEGEND_SWATCH / 2,
                       STRATA_LEGEND_SWATCH, STRATA_LEGEND_SWATCH);
      fill_and_edge (p, fill, &edge);
      set_color (cr, &p->colors->text);
      show_text (p, entry->label, entry->x + STRATA_LEGEND_SWATCH + 6, mid - h / 2);
    }

  if (self->legend_note != NULL)
    {
      set_color (cr, &p->colors->secondary);
      show_text (p, self->legend_note, self->legend_note_x, self->legend_note_y);
    }

  if (self->group_note != NULL)
    {
      set_color (cr, &p->colors->secondary);
      show_text (p, self->group_note, self->group_note_x, self->group_note_y);
    }

  if (self->break_note != NULL)
    {
      draw_break_sample (p, self->break_note_x - 26, self->break_note_y);
      set_color (cr, &p->colors->secondary);
      show_text (p, self->break_note, self->break_note_x, self->break_note_y);
    }
}

static void
draw (StrataLayout *layout,
      cairo_t      *cr,
      gboolean      on_screen)
{
  Painter p;
  StrataThemeColors high_contrast;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);

  p.self = layout;
  p.cr = cr;
  p.colors = strata_theme_get_colors (layout->options.theme);
  if (layout->options.high_contrast)
    {
      high_contrast = *p.colors;
      strata_theme_colors_for_high_contrast (&high_contrast);
      p.colors = &high_contrast;
    }
  cairo_clip_extents (cr, &p.clip[0], &p.clip[1], &p.clip[2], &p.clip[3]);
  p.scale = on_screen ? device_scale (cr) : INFINITY;

  cairo_save (cr);

  if (!layout->options.transparent)
    {
      set_color (cr, &p.colors->background);
      strata_paint_page (cr);
    }

  if (layout->title != NULL)
    {
      strata_paint_begin_group (cr, "title", NULL);
      set_color (cr, &p.colors->text);
      show_text (&p, layout->title, layout->title_x, layout->title_y);
      set_color (cr, &p.colors->secondary);
      show_text (&p, layout->subtitle, layout->subtitle_x, layout->subtitle_y);
      strata_paint_end_group (cr);
    }

  if (layout->options.style == STRATA_DIAGRAM_STYLE_BARS)
    draw_bars (&p);
  else
    draw_columns (&p);

  if (layout->legend->len > 0 || layout->legend_note != NULL || layout->break_note != NULL)
    {
      strata_paint_begin_group (cr, "legend", NULL);
      draw_legend (&p);
      strata_paint_end_group (cr);
    }

  cairo_restore (cr);
}

void
strata_layout_draw (StrataLayout *layout,
                    cairo_t      *cr)
{
  draw (layout, cr, FALSE);
}

void
strata_layout_draw_on_screen (StrataLayout *layout,
                              cairo_t      *cr)
{
  draw (layout, cr, TRUE);
}
