/* strata-layout-draw.c: painting a StrataLayout with cairo, for the canvas and every export. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "strata-layout-private.h"
#include "strata-svg-private.h"

#define BREAK_GAP     3.0   /* half the width of a break mark's gap */
#define BREAK_SLANT   3.5

typedef struct
{
  StrataLayout            *self;
  cairo_t                 *cr;
  const StrataThemeColors *colors;
  double                   clip[4]; /* x1, y1, x2, y2 */
  /* Device pixels per unit on a screen, see device_scale(); infinite for
   * a file, which shows every detail however small. */
  double                   scale;
} Painter;

/* Lines of a label this few device pixels high are unreadable: each is
 * drawn as a bar where its text would be, which keeps the look of a
 * labelled drawing at a fraction of the cost of its glyphs (a fitted
 * overview of a large network spent most of its drawing on them). */
#define GREEK_LINE_PIXELS 4.0

static const StrataRgb white = { 1, 1, 1 };
static const StrataRgb black = { 0, 0, 0 };

static void
set_color (cairo_t         *cr,
           const StrataRgb *color)
{
  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
}

static void
set_color_alpha (cairo_t         *cr,
                 const StrataRgb *color,
                 double           alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha);
}

static gboolean
is_visible (const Painter           *p,
            const cairo_rectangle_t *r,
            double                   slack)
{
  return r->x - slack < p->clip[2] && r->x + r->width + slack > p->clip[0] &&
         r->y - slack < p->clip[3] && r->y + r->height + slack > p->clip[1];
}

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

/* An outline thinner than a quarter of a pixel darkens the edge of its
 * face by a few percent at most: the fill alone is drawn. */
static void
fill_and_edge (const Painter   *p,
               const StrataRgb *fill,
               const StrataRgb *edge)
{
  set_color (p->cr, fill);
  if (cairo_get_line_width (p->cr) * p->scale < 0.25)
    {
      strata_paint_fill (p->cr);
      return;
    }
  strata_paint_fill_preserve (p->cr);
  set_color (p->cr, edge);
  strata_paint_stroke (p->cr);
}

/* Text is not drawn where ten units, the size of a label, make less than
 * a pixel: it could only be a grey smudge. */
static void
show_text_anchored (const Painter    *p,
                    PangoLayout      *layout,
                    double            x,
                    double            y,
                    StrataTextAnchor  anchor)
{
  if (p->scale * 10 < 1)
    return;
  cairo_move_to (p->cr, x, y);
  strata_paint_layout (p->cr, layout, anchor);
}

static void
show_text (const Painter *p,
           PangoLayout   *layout,
           double         x,
           double         y)
{
  show_text_anchored (p, layout, x, y, STRATA_TEXT_ANCHOR_START);
}

/* One slice of a prism from x0 to x1: its front, its top and, when
 * @side_fill is given, the side facing right. The side is the H × W face
 * of the whole block, so it takes the block's colour even when bands end
 * the block. */
static void
draw_slice (const Painter      *p,
            double              x0,
            double              x1,
            const StrataColumn *c,
            const StrataRgb    *fill,
            const StrataRgb    *side_fill)
{
  cairo_t *cr = p->cr;
  double y = c->y, h = c->size.height, dx = c->dx, dy = c->dy;
  StrataRgb edge = strata_outline_color (p->colors, fill);
  StrataRgb top = strata_rgb_mix (fill, &white, p->colors->top_tint);
  StrataRgb side;

  cairo_rectangle (cr, x0, y, x1 - x0, h);
  fill_and_edge (p, fill, &edge);

  if (dy <= 0)
    return;

  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_line_to (cr, x1 + dx, y - dy);
  cairo_line_to (cr, x0 + dx, y - dy);
  cairo_close_path (cr);
  fill_and_edge (p, &top, &edge);

  if (side_fill == NULL)
    return;

  side = strata_rgb_mix (side_fill, &black, 0.2);
  edge = strata_outline_color (p->colors, side_fill);
  cairo_move_to (cr, x1, y);
  cairo_line_to (cr, x1 + dx, y - dy);
  cairo_line_to (cr, x1 + dx, y + h - dy);
  cairo_line_to (cr, x1, y + h);
  cairo_close_path (cr);
  fill_and_edge (p, &side, &edge);
}

/* A gap across one face of a prism, the face given by its corner @ox, @oy,
 * the axis being cut (@ax, @ay, a length @len) and the axis across (@bx,
 * @by). Where the gap meets the face's far edge is @t_end along the cut
 * axis; @t_start at the near edge. */
static void
draw_break_face (const Painter   *p,
                 const StrataRgb *edge,
                 double ox, double oy,
                 double ax, double ay,
                 double bx, double by,
                 double t_start,
                 double t_end,
                 double gap)
{
  cairo_t *cr = p->cr;

  cairo_move_to (cr, ox + ax * t_start, oy + ay * t_start);
  cairo_line_to (cr, ox + bx + ax * t_end, oy + by + ay * t_end);
  cairo_line_to (cr, ox + bx + ax * (t_end + gap), oy + by + ay * (t_end + gap));
  cairo_line_to (cr, ox + ax * (t_start + gap), oy + ay * (t_start + gap));
  cairo_close_path (cr);
  set_color (cr, &p->colors->background);
  strata_paint_fill (cr);

  cairo_move_to (cr, ox + ax * t_start, oy + ay * t_start);
  cairo_line_to (cr, ox + bx + ax * t_end, oy + by + ay * t_end);
  cairo_move_to (cr, ox + ax * (t_start + gap), oy + ay * (t_start + gap));
  cairo_line_to (cr, ox + bx + ax * (t_end + gap), oy + by + ay * (t_end + gap));
  set_color (cr, edge);
  strata_paint_stroke (cr);
}

/* The break marks of a block cut down by a clamp: a slanted gap across the
 * middle of the axis that was cut, as on a broken chart axis. */
static void
draw_breaks (const Painter      *p,
             const StrataColumn *c)
{
  const StrataRgb *fill = &c->fill;
  StrataRgb edge = strata_outline_color (p->colors, fill);
  double x = c->x, y = c->y, h = c->size.height;
  double t = c->size.thickness, total = c->total_thickness;
  double dx = c->dx, dy = c->dy;
  double depth = hypot (dx, dy);

  if (c->size.clamped & STRATA_CLAMPED_HEIGHT)
    {
      double g = 2 * BREAK_GAP / h, s = BREAK_SLANT / h;

      /* Up the front, then level along the side so the two faces meet. */
      draw_break_face (p, &edge, x, y + h, 0, -h, total, 0, 0.5 - g / 2 - s, 0.5 - g / 2 + s, g);
      if (dy > 0)
        draw_break_face (p, &edge, x + total, y + h, 0, -h, dx, -dy,
                         0.5 - g / 2 + s, 0.5 - g / 2 + s, g);
    }

  if ((c->size.clamped & STRATA_CLAMPED_DEPTH) && depth > 0)
    {
      double g = 2 * BREAK_GAP / depth, s = BREAK_SLANT / depth;

      draw_break_face (p, &edge, x, y, dx, -dy, total, 0, 0.5 - g / 2 - s, 0.5 - g / 2 + s, g);
      draw_break_face (p, &edge, x + total, y, dx, -dy, 0, h,
                       0.5 - g / 2 + s, 0.5 - g / 2 + s, g);
    }

  if (c->size.clamped & STRATA_CLAMPED_THICKNESS)
    {
      double g = 2 * BREAK_GAP / t, s = BREAK_SLANT / t;

      draw_break_face (p, &edge, x, y + h, t, 0, 0, -h, 0.5 - g / 2 - s, 0.5 - g / 2 + s, g);
      if (dy > 0)
        draw_break_face (p, &edge, x, y, t, 0, dx, -dy, 0.5 - g / 2 + s, 0.5 - g / 2 + s, g);
    }
}

/* A layer without a shape: a hatched, dashed block of a fixed size with
 * an exclamation badge, so that it is seen and never mistaken for data. */
static void
draw_placeholder (const Painter      *p,
                  const StrataColumn *c)
{
  cairo_t *cr = p->cr;
  const StrataRgb *mark = c->has_error ? &p->colors->error : &p->colors->secondary;
  double x = c->x, y = c->y, t = c->total_thickness, h = c->size.height;
  double dx = c->dx, dy = c->dy;
  double bx, by;
  double dashes[] = { 4, 3 };

  cairo_save (cr);
  set_color (cr, &p->colors->placeholder);
  cairo_rectangle (cr, x, y, t, h);
  strata_paint_fill (cr);
  if (dy > 0)
    {
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + t, y);
      cairo_line_to (cr, x + t + dx, y - dy);
      cairo_line_to (cr, x + t + dx, y + h - dy);
      cairo_line_to (cr, x + t, y + h);
      cairo_line_to (cr, x + t, y);
      cairo_line_to (cr, x + t, y);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + dx, y - dy);
      cairo_line_to (cr, x + t + dx, y - dy);
      cairo_line_to (cr, x + t, y);
      cairo_close_path (cr);
      cairo_move_to (cr, x + t, y);
      cairo_line_to (cr, x + t + dx, y - dy);
      cairo_line_to (cr, x + t + dx, y + h - dy);
      cairo_line_to (cr, x + t, y + h);
      cairo_close_path (cr);
      strata_paint_fill (cr);
    }

  /* Diagonal hatching over the front and the side. */
  cairo_rectangle (cr, x, y, t, h);
  if (dy > 0)
    {
      cairo_move_to (cr, x + t, y);
      cairo_line_to (cr, x + t + dx, y - dy);
      cairo_line_to (cr, x + t + dx, y + h - dy);
      cairo_line_to (cr, x + t, y + h);
      cairo_close_path (cr);
    }
  strata_paint_push_clip (cr);
  set_color_alpha (cr, mark, 0.35);
  cairo_set_line_width (cr, 1.0);
  for (double k = -h - dy; k < t + dx + h; k += 7)
    {
      cairo_move_to (cr, x + k, y + h);
      cairo_line_to (cr, x + k + h + dy, y - dy);
    }
  strata_paint_stroke (cr);
  strata_paint_pop_clip (cr);

  set_color (cr, mark);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_rectangle (cr, x, y, t, h);
  if (dy > 0)
    {
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + dx, y - dy);
      cairo_line_to (cr, x + t + dx, y - dy);
      cairo_line_to (cr, x + t + dx, y + h - dy);
      cairo_line_to (cr, x + t, y + h);
      cairo_move_to (cr, x + t, y);
      cairo_line_to (cr, x + t + dx, y - dy);
    }
  strata_paint_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* The badge: a filled disc with an exclamation mark cut out of it. */
  bx = x + (t + dx) / 2;
  by = y + h / 2 - dy / 2;
  cairo_arc (cr, bx, by, 10, 0, 2 * G_PI);
  strata_paint_fill (cr);
  set_color (cr, &p->colors->background);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, bx, by - 5);
  cairo_line_to (cr, bx, by + 1);
  strata_paint_stroke (cr);
  cairo_arc (cr, bx, by + 5, 1.5, 0, 2 * G_PI);
  strata_paint_fill (cr);
  cairo_restore (cr);
}

/* How many of a column's bands are revealed: its first ones, since they
 * follow its layer in the network's order. */
guint
strata_column_n_revealed_bands (StrataLayout       *self,
                                const StrataColumn *c)
{
  guint n = 0;

  while (n < c->size.n_bands &&
         g_array_index (self->bands, StrataBand, c->first_band + n).position <=
         self->options.revealed)
    n++;
  return n;
}

static void
draw_block (const Painter      *p,
            const StrataColumn *c)
{
  StrataLayout *self = p->self;
  const StrataRgb *fill;
  guint n_bands;
  double x;

  if (c->size.is_placeholder)
    {
      draw_placeholder (p, c);
      return;
    }
  if (c->is_merge)
    {
      strata_draw_merge_node (p->cr, p->self, p->colors, c);
      return;
    }

  fill = &c->fill;
  n_bands = strata_column_n_revealed_bands (self, c);
  x = c->x + c->size.thickness;
  draw_slice (p, c->x, x, c, fill, n_bands == 0 ? fill : NULL);
  /* Bands narrower than a device pixel are one slice of their mean
   * colour, what their pixels would blend to anyway, in a third of the
   * fills: a fitted overview draws thousands of them. */
  if (n_bands > 1 && STRATA_BAND_THICKNESS * p->scale < 1)
    {
      StrataRgb mean = { 0, 0, 0 };

      for (guint i = 0; i < n_bands; i++)
        {
          const StrataBand *band = &g_array_index (self->bands, StrataBand, c->first_band + i);

          mean.red += band->fill.red / n_bands;
          mean.green += band->fill.green / n_bands;
          mean.blue += band->fill.blue / n_bands;
        }
      draw_slice (p, x, x + n_bands * STRATA_BAND_THICKNESS, c, &mean, fill);
      n_bands = 0;
    }
  for (guint i = 0; i < n_bands; i++)
    {
      const StrataBand *band = &g_array_index (self->bands, StrataBand, c->first_band + i);

      draw_slice (p, x, x + STRATA_BAND_THICKNESS, c, &band->fill,
                  i + 1 == n_bands ? fill : NULL);
      x += STRATA_BAND_THICKNESS;
    }

  if (c->size.clamped != 0)
    draw_breaks (p, c);
}

static void
draw_arrow_head (cairo_t *cr,
                 double   x,
                 double   y,
                 double   dir_x,
                 double   dir_y)
{
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - dir_x * STRATA_ARROW_HEAD - dir_y * STRATA_ARROW_HEAD * 0.45,
                 y - dir_y * STRATA_ARROW_HEAD + dir_x * STRATA_ARROW_HEAD * 0.45);
  cairo_line_to (cr, x - dir_x * STRATA_ARROW_HEAD + dir_y * STRATA_ARROW_HEAD * 0.45,
                 y - dir_y * STRATA_ARROW_HEAD - dir_x * STRATA_ARROW_HEAD * 0.45);
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
  double dir_x, dir_y;

  if (edge->n_points == 2 && run < STRATA_ARROW_HEAD + 4)
    return;
  if (edge->to > p->self->options.revealed)
    return;
  if (!is_visible (p, &edge->bounds, STRATA_ARROW_HEAD))
    return;

  set_color (cr, &p->colors->arrow);
  cairo_set_line_width (cr, STRATA_ARROW_WIDTH);
  cairo_move_to (cr, points[0].x, points[0].y);
  for (guint i = 1; i + 1 < edge->n_points; i++)
    cairo_line_to (cr, points[i].x, points[i].y);
  /* Lines are horizontal or vertical. */
  dir_x = run > 0 ? (tip->x - tip[-1].x) / run : 1;
  dir_y = run > 0 ? (tip->y - tip[-1].y) / run : 0;
  cairo_line_to (cr, tip->x - dir_x * (STRATA_ARROW_HEAD - 1),
                 tip->y - dir_y * (STRATA_ARROW_HEAD - 1));
  strata_paint_stroke (cr);
  if (edge->head)
    draw_arrow_head (cr, tip->x, tip->y, dir_x, dir_y);
}

/* The receptive field: a window on the side (the H × W face) of the block
 * before, and the pyramid from it to one point of this block. It sits at
 * the same place on every block, a third of the way down and half way in,
 * so that the drawing does not change from one export to the next. */
static void
draw_kernel (const Painter      *p,
             const StrataColumn *prev,
             const StrataColumn *c)
{
  cairo_t *cr = p->cr;
  const StrataRgb *fill = &c->fill;
  StrataRgb edge = strata_outline_color (p->colors, fill);
  double fh, fw, bh, bw, v0, u0, u1, xr, yt, depth, ax, ay, v_rel;
  double corners[4][2];

  if (prev->size.is_placeholder || prev->size.is_vector || c->size.is_placeholder ||
      c->in_height == 0 || c->in_width == 0 || prev->dy <= 0)
    return;

  fh = MIN (1.0, (double) c->kernel_h / c->in_height);
  fw = MIN (1.0, (double) c->kernel_w / c->in_width);
  depth = prev->size.depth * STRATA_OBLIQUE_FACTOR;
  bh = MIN (prev->size.height, MAX (fh * prev->size.height, 5.0));
  bw = MIN (1.0, MAX (fw, 5.0 / depth));

  v0 = MIN (prev->size.height / 3, prev->size.height - bh);
  u0 = 0.5 - bw / 2;
  u1 = 0.5 + bw / 2;
  xr = prev->x + prev->total_thickness;
  yt = prev->y;

  corners[0][0] = xr + u0 * prev->dx; corners[0][1] = yt + v0 - u0 * prev->dy;
  corners[1][0] = xr + u1 * prev->dx; corners[1][1] = yt + v0 - u1 * prev->dy;
  corners[2][0] = xr + u1 * prev->dx; corners[2][1] = yt + v0 + bh - u1 * prev->dy;
  corners[3][0] = xr + u0 * prev->dx; corners[3][1] = yt + v0 + bh - u0 * prev->dy;

  v_rel = (v0 + bh / 2) / prev->size.height;
  ax = c->x + 0.5 * c->dx;
  ay = c->y + v_rel * c->size.height - 0.5 * c->dy;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* The pyramid's faces, lightly, then its edges. */
  for (guint i = 0; i < 4; i++)
    {
      cairo_move_to (cr, corners[i][0], corners[i][1]);
      cairo_line_to (cr, corners[(i + 1) % 4][0], corners[(i + 1) % 4][1]);
      cairo_line_to (cr, ax, ay);
      cairo_close_path (cr);
    }
  set_color_alpha (cr, fill, 0.25);
  strata_paint_fill (cr);

  for (guint i = 0; i < 4; i++)
    {
      cairo_move_to (cr, corners[i][0], corners[i][1]);
      cairo_line_to (cr, ax, ay);
    }
  /* Dark edges would vanish on a dark background. */
  set_color (cr, p->self->options.theme == STRATA_THEME_DARK ? fill : &edge);
  strata_paint_stroke (cr);

  cairo_move_to (cr, corners[0][0], corners[0][1]);
  for (guint i = 1; i < 4; i++)
    cairo_line_to (cr, corners[i][0], corners[i][1]);
  cairo_close_path (cr);
  cairo_set_line_width (cr, 1.5);
  fill_and_edge (p, fill, &edge);

  cairo_arc (cr, ax, ay, 2.5, 0, 2 * G_PI);
  set_color (cr, &edge);
  strata_paint_fill (cr);
  cairo_restore (cr);
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
  if (c->position == position)
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
          const StrataColumn *c = &g_array_index (self->columns, StrataColumn, i);

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
          const StrataColumn *c = &g_array_index (self->columns, StrataColumn, i);

          if (c->position > self->options.revealed)
            continue;
          strata_paint_begin_group (cr, NULL, pango_layout_get_text (c->lines[STRATA_LINE_NAME]));
          cairo_set_line_width (cr, p->colors->edge_width);
          if (is_visible (p, &c->block_rect, 4))
            draw_block (p, c);
          if (self->options.show_kernels && self->options.style == STRATA_DIAGRAM_STYLE_BLOCKS &&
              c->kernel_from >= 0 && c->kernel_h != 0)
            {
              const StrataColumn *prev = &g_array_index (self->columns, StrataColumn,
                                                         c->kernel_from);
              cairo_rectangle_t span = prev->block_rect;

              span.width = c->block_rect.x + c->block_rect.width - span.x;
              span.height = MAX (span.y + span.height,
                                 c->block_rect.y + c->block_rect.height) - span.y;
              if (is_visible (p, &span, 4))
                draw_kernel (p, prev, c);
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
  draw_slice (p, x, x + 12, &sample, &sample.fill, NULL);
  draw_breaks (p, &sample);
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
