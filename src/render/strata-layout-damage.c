/* strata-layout-damage.c: where two layouts of one network differ, for a drawing redrawn in part. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "strata-layout-private.h"

/* Around what changed, for outlines and antialiasing past the bounds
 * of a block or an edge. */
#define DAMAGE_PAD 4.0

static void
add_damage (cairo_rectangle_t       *area,
            gboolean                *any,
            const cairo_rectangle_t *rect)
{
  cairo_rectangle_t padded = { rect->x - DAMAGE_PAD, rect->y - DAMAGE_PAD,
                               rect->width + 2 * DAMAGE_PAD, rect->height + 2 * DAMAGE_PAD };
  double x1, y1, x2, y2;

  if (!*any)
    {
      *area = padded;
      *any = TRUE;
      return;
    }
  x1 = MIN (area->x, padded.x);
  y1 = MIN (area->y, padded.y);
  x2 = MAX (area->x + area->width, padded.x + padded.width);
  y2 = MAX (area->y + area->height, padded.y + padded.height);
  *area = (cairo_rectangle_t) { x1, y1, x2 - x1, y2 - y1 };
}

static gboolean
same_text (PangoLayout *a,
           PangoLayout *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return strcmp (pango_layout_get_text (a), pango_layout_get_text (b)) == 0;
}

/* What a column draws: its block, bands and labels where they are. Its
 * labels are the same pointers when they were taken over, and else
 * compared as text. */
static gboolean
same_column (StrataLayout       *layout,
             StrataLayout       *before,
             const StrataColumn *a,
             const StrataColumn *b)
{
  if (a->position != b->position || a->kind != b->kind || a->category != b->category ||
      a->is_merge != b->is_merge || a->has_error != b->has_error ||
      a->has_shape != b->has_shape ||
      memcmp (&a->fill, &b->fill, sizeof a->fill) != 0 ||
      memcmp (&a->size, &b->size, sizeof a->size) != 0 ||
      memcmp (&a->bounds, &b->bounds, sizeof a->bounds) != 0 ||
      memcmp (&a->block_rect, &b->block_rect, sizeof a->block_rect) != 0 ||
      a->x != b->x || a->y != b->y || a->dx != b->dx || a->dy != b->dy ||
      a->total_thickness != b->total_thickness || a->row != b->row ||
      memcmp (a->line_x, b->line_x, sizeof a->line_x) != 0 ||
      memcmp (a->line_y, b->line_y, sizeof a->line_y) != 0)
    return FALSE;
  for (guint l = 0; l < STRATA_N_LINES; l++)
    if (!same_text (a->lines[l], b->lines[l]))
      return FALSE;
  for (guint d = 0; d < STRATA_N_DIMENSIONS; d++)
    if (!same_text (a->dims[d], b->dims[d]))
      return FALSE;
  return a->size.n_bands == 0 ||
         memcmp (&g_array_index (layout->bands, StrataBand, a->first_band),
                 &g_array_index (before->bands, StrataBand, b->first_band),
                 a->size.n_bands * sizeof (StrataBand)) == 0;
}

static gboolean
same_edge (StrataLayout     *layout,
           StrataLayout     *before,
           const StrataEdge *a,
           const StrataEdge *b)
{
  return a->from == b->from && a->to == b->to && a->n_points == b->n_points &&
         a->head == b->head && memcmp (&a->bounds, &b->bounds, sizeof a->bounds) == 0 &&
         memcmp (&g_array_index (layout->points, StrataPoint, a->first_point),
                 &g_array_index (before->points, StrataPoint, b->first_point),
                 a->n_points * sizeof (StrataPoint)) == 0;
}

static gboolean
same_arrays (GArray *a,
             GArray *b)
{
  return a->len == b->len &&
         (a->len == 0 ||
          memcmp (a->data, b->data, (gsize) a->len * g_array_get_element_size (a)) == 0);
}

/* The title and its line of totals, logical and ink extents. */
/* Rows whose columns' right changed draw nothing else: the columns
 * that moved are damage of their own. */
static gboolean
same_rows (StrataLayout *layout,
           StrataLayout *before)
{
  if (layout->rows->len != before->rows->len)
    return FALSE;
  for (guint r = 0; r < layout->rows->len; r++)
    {
      StrataRow a = g_array_index (layout->rows, StrataRow, r);
      const StrataRow *b = &g_array_index (before->rows, StrataRow, r);

      a.right = b->right;
      if (memcmp (&a, b, sizeof a) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
add_title_damage (StrataLayout      *layout,
                  cairo_rectangle_t *area,
                  gboolean          *any)
{
  PangoRectangle ink, logical;
  cairo_rectangle_t rect;

  add_damage (area, any, &layout->title_rect);
  if (layout->subtitle == NULL)
    return;
  pango_layout_get_extents (layout->subtitle, &ink, &logical);
  for (guint i = 0; i < 2; i++)
    {
      const PangoRectangle *r = i == 0 ? &ink : &logical;

      rect = (cairo_rectangle_t) { layout->subtitle_x + (double) r->x / PANGO_SCALE,
                                   layout->subtitle_y + (double) r->y / PANGO_SCALE,
                                   (double) r->width / PANGO_SCALE,
                                   (double) r->height / PANGO_SCALE };
      add_damage (area, any, &rect);
    }
}

static gboolean
same_legend (StrataLayout *a,
             StrataLayout *b)
{
  if (a->legend->len != b->legend->len ||
      memcmp (&a->legend_rect, &b->legend_rect, sizeof a->legend_rect) != 0 ||
      !same_text (a->legend_note, b->legend_note) || !same_text (a->break_note, b->break_note) ||
      !same_text (a->group_note, b->group_note) ||
      a->legend_note_x != b->legend_note_x || a->legend_note_y != b->legend_note_y ||
      a->break_note_x != b->break_note_x || a->break_note_y != b->break_note_y ||
      a->group_note_x != b->group_note_x || a->group_note_y != b->group_note_y)
    return FALSE;
  for (guint i = 0; i < a->legend->len; i++)
    {
      const StrataLegendEntry *x = &g_array_index (a->legend, StrataLegendEntry, i);
      const StrataLegendEntry *y = &g_array_index (b->legend, StrataLegendEntry, i);

      if (x->category != y->category || memcmp (&x->fill, &y->fill, sizeof x->fill) != 0 ||
          x->is_glyph != y->is_glyph || x->kind != y->kind || x->x != y->x || x->y != y->y ||
          !same_text (x->label, y->label))
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_groups (StrataLayout *a,
             StrataLayout *b)
{
  if (a->groups->len != b->groups->len)
    return FALSE;
  for (guint i = 0; i < a->groups->len; i++)
    {
      const StrataGroup *x = &g_array_index (a->groups, StrataGroup, i);
      const StrataGroup *y = &g_array_index (b->groups, StrataGroup, i);

      if (x->first != y->first || x->end != y->end || x->pattern != y->pattern ||
          x->n_units != y->n_units || !same_text (x->name, y->name))
        return FALSE;
    }
  return TRUE;
}

gboolean
strata_layout_get_damage (StrataLayout      *layout,
                          StrataLayout      *before,
                          cairo_rectangle_t *area)
{
  gboolean any = FALSE;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (before != NULL, FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  *area = (cairo_rectangle_t) { 0, 0, 0, 0 };
  /* Only the blocks' styles, whose parts each have bounds of their own;
   * kernel markers reach from one column into another. */
  if (memcmp (&layout->options, &before->options, sizeof layout->options) != 0 ||
      layout->options.style == STRATA_DIAGRAM_STYLE_BARS || layout->options.show_kernels ||
      layout->width != before->width || layout->height != before->height ||
      layout->zoom != before->zoom || layout->folded != before->folded ||
      layout->connector_left != before->connector_left ||
      layout->has_clamped != before->has_clamped ||
      strata_layout_n_columns (layout) != strata_layout_n_columns (before) ||
      layout->edges->len != before->edges->len ||
      !same_rows (layout, before) ||
      !same_arrays (layout->brackets, before->brackets) ||
      !same_groups (layout, before) || !same_legend (layout, before))
    return FALSE;
  for (guint k = 0; k < STRATA_N_LAYER_KINDS; k++)
    if ((layout->glyphs[k] == NULL) != (before->glyphs[k] == NULL))
      return FALSE;

  if (g_strcmp0 (layout->title_text, before->title_text) != 0 ||
      !same_text (layout->subtitle, before->subtitle) ||
      layout->title_x != before->title_x || layout->title_y != before->title_y ||
      layout->subtitle_x != before->subtitle_x || layout->subtitle_y != before->subtitle_y)
    {
      if ((layout->title == NULL) != (before->title == NULL))
        return FALSE;
      if (layout->title != NULL)
        {
          add_title_damage (layout, area, &any);
          add_title_damage (before, area, &any);
        }
    }

  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    {
      const StrataColumn *a, *b;

      /* A chunk both hold is the same columns, which drew the same
       * bands: a layout after an edit shares those it did not change. */
      if (i % STRATA_COLUMN_CHUNK == 0 &&
          strata_layout_same_chunk (layout, before, i / STRATA_COLUMN_CHUNK))
        {
          i += STRATA_COLUMN_CHUNK - 1;
          continue;
        }
      a = strata_layout_column (layout, i);
      b = strata_layout_column (before, i);
      if (same_column (layout, before, a, b))
        continue;
      add_damage (area, &any, &a->bounds);
      add_damage (area, &any, &b->bounds);
    }
  for (guint e = 0; e < layout->edges->len; e++)
    {
      const StrataEdge *a = &g_array_index (layout->edges, StrataEdge, e);
      const StrataEdge *b = &g_array_index (before->edges, StrataEdge, e);

      if (same_edge (layout, before, a, b))
        continue;
      add_damage (area, &any, &a->bounds);
      add_damage (area, &any, &b->bounds);
    }
  return TRUE;
}
