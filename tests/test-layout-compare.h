/* test-layout-compare.h: two layouts compared, geometry and drawing, and a drawing redrawn in part. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>
#include <string.h>

#include "strata-layout-private.h"

static inline const char *
text_of (PangoLayout *layout)
{
  return layout != NULL ? pango_layout_get_text (layout) : NULL;
}

static inline void
assert_rect_equal (const cairo_rectangle_t *a,
                   const cairo_rectangle_t *b)
{
  g_assert_cmpfloat (a->x, ==, b->x);
  g_assert_cmpfloat (a->y, ==, b->y);
  g_assert_cmpfloat (a->width, ==, b->width);
  g_assert_cmpfloat (a->height, ==, b->height);
}

/* Every column's rectangles, labels and lines, every row and edge. */
static inline void
assert_same_layout (StrataLayout *a,
                    StrataLayout *b)
{
  g_assert_cmpfloat (a->width, ==, b->width);
  g_assert_cmpfloat (a->height, ==, b->height);
  g_assert_cmpstr (a->title_text, ==, b->title_text);
  g_assert_cmpuint (strata_layout_n_columns (a), ==, strata_layout_n_columns (b));
  for (guint i = 0; i < strata_layout_n_columns (a); i++)
    {
      const StrataColumn *x = strata_layout_column (a, i);
      const StrataColumn *y = strata_layout_column (b, i);

      g_assert_cmpint (x->position, ==, y->position);
      g_assert_cmpuint (x->row, ==, y->row);
      g_assert_cmpint (x->kernel_from, ==, y->kernel_from);
      g_assert_cmpint (x->kernel_back, ==, y->kernel_back);
      g_assert_cmpuint (x->size.n_bands, ==, y->size.n_bands);
      assert_rect_equal (&x->block_rect, &y->block_rect);
      assert_rect_equal (&x->label_rect, &y->label_rect);
      assert_rect_equal (&x->bounds, &y->bounds);
      for (guint l = 0; l < STRATA_N_LINES; l++)
        {
          g_assert_cmpstr (text_of (x->lines[l]), ==, text_of (y->lines[l]));
          if (x->lines[l] == NULL)
            continue;
          g_assert_cmpfloat (x->line_x[l], ==, y->line_x[l]);
          g_assert_cmpfloat (x->line_y[l], ==, y->line_y[l]);
          g_assert_cmpfloat (x->line_size[l].width, ==, y->line_size[l].width);
        }
      for (guint k = 0; k < x->size.n_bands; k++)
        g_assert_cmpint (g_array_index (a->bands, StrataBand, x->first_band + k).position, ==,
                         g_array_index (b->bands, StrataBand, y->first_band + k).position);
    }
  g_assert_cmpuint (a->rows->len, ==, b->rows->len);
  g_assert_cmpmem (a->rows->data, a->rows->len * sizeof (StrataRow),
                   b->rows->data, b->rows->len * sizeof (StrataRow));
  g_assert_cmpuint (a->edges->len, ==, b->edges->len);
  for (guint e = 0; e < a->edges->len; e++)
    {
      const StrataEdge *x = &g_array_index (a->edges, StrataEdge, e);
      const StrataEdge *y = &g_array_index (b->edges, StrataEdge, e);

      g_assert_cmpint (x->from, ==, y->from);
      g_assert_cmpint (x->to, ==, y->to);
      g_assert_cmpuint (x->n_points, ==, y->n_points);
      g_assert_cmpint (x->head, ==, y->head);
      assert_rect_equal (&x->bounds, &y->bounds);
      g_assert_cmpmem (&g_array_index (a->points, StrataPoint, x->first_point),
                       x->n_points * sizeof (StrataPoint),
                       &g_array_index (b->points, StrataPoint, y->first_point),
                       y->n_points * sizeof (StrataPoint));
    }
  g_assert_cmpfloat (a->zoom, ==, b->zoom);
  g_assert_cmpint (a->has_clamped, ==, b->has_clamped);
  g_assert_cmpuint (a->legend->len, ==, b->legend->len);
  for (guint i = 0; i < a->legend->len; i++)
    {
      const StrataLegendEntry *x = &g_array_index (a->legend, StrataLegendEntry, i);
      const StrataLegendEntry *y = &g_array_index (b->legend, StrataLegendEntry, i);

      g_assert_cmpint (x->category, ==, y->category);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (text_of (x->label), ==, text_of (y->label));
    }
  g_assert_cmpuint (a->brackets->len, ==, b->brackets->len);
  for (guint i = 0; i < a->brackets->len; i++)
    assert_rect_equal (&g_array_index (a->brackets, StrataBracket, i).rect,
                       &g_array_index (b->brackets, StrataBracket, i).rect);
}

#define DRAW_SCALE 0.5

static inline cairo_surface_t *
draw_whole (StrataLayout *layout)
{
  cairo_surface_t *surface =
    cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (layout->width * DRAW_SCALE) + 1,
                                (int) (layout->height * DRAW_SCALE) + 1);
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, DRAW_SCALE, DRAW_SCALE);
  strata_layout_draw_on_screen (layout, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* A drawing of @before with the damage @after gives it drawn again is a
 * drawing of @after. */
static inline void
assert_damage (StrataLayout *after,
               StrataLayout *before)
{
  cairo_rectangle_t area;
  cairo_surface_t *whole, *updated;
  double x1, y1, x2, y2;
  cairo_t *cr;

  if (!strata_layout_get_damage (after, before, &area))
    return;
  whole = draw_whole (after);
  updated = draw_whole (before);
  cr = cairo_create (updated);
  x1 = floor (area.x * DRAW_SCALE);
  y1 = floor (area.y * DRAW_SCALE);
  x2 = ceil ((area.x + area.width) * DRAW_SCALE);
  y2 = ceil ((area.y + area.height) * DRAW_SCALE);
  cairo_rectangle (cr, x1, y1, x2 - x1, y2 - y1);
  cairo_clip (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_scale (cr, DRAW_SCALE, DRAW_SCALE);
  strata_layout_draw_on_screen (after, cr);
  cairo_destroy (cr);
  cairo_surface_flush (updated);

  /* The same pixels, but for rounding where an antialiased edge crosses
   * the clip's border: a part left as it was would differ elsewhere, or
   * by far more. */
  g_assert_cmpint (cairo_image_surface_get_height (whole), ==,
                   cairo_image_surface_get_height (updated));
  g_assert_cmpint (cairo_image_surface_get_width (whole), ==,
                   cairo_image_surface_get_width (updated));
  {
    const guint8 *x = cairo_image_surface_get_data (whole);
    const guint8 *y = cairo_image_surface_get_data (updated);
    int stride = cairo_image_surface_get_stride (whole);

    for (int row = 0; row < cairo_image_surface_get_height (whole); row++)
      for (int i = 0; i < 4 * cairo_image_surface_get_width (whole); i++)
        {
          int px = i / 4;
          gboolean inside = px >= x1 - 3 && px < x2 + 3 && row >= y1 - 3 && row < y2 + 3;
          gboolean border = inside && (px < x1 + 3 || px >= x2 - 3 ||
                                       row < y1 + 3 || row >= y2 - 3);
          int a = x[row * stride + i], b = y[row * stride + i];

          if (ABS (a - b) > (border ? 16 : 0))
            g_error ("Pixel (%d, %d) is %d drawn whole and %d redrawn in part", px, row, a, b);
        }
  }
  cairo_surface_destroy (whole);
  cairo_surface_destroy (updated);
}
