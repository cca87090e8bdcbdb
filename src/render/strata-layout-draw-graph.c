/* strata-layout-draw-graph.c: merges' nodes and glyphs, and the graph of the bars style. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "strata-layout-private.h"
#include "strata-svg-private.h"

static const StrataRgb white = { 1, 1, 1 };

typedef enum
{
  SIGN_NONE,
  SIGN_PLUS,
  SIGN_MINUS,
  SIGN_TIMES,
  SIGN_BARS,
} Sign;

/* Signs drawn as strokes, so that they look the same in every output and
 * font: + for add, − subtract, × multiply, ‖ concatenate. The others show
 * an abbreviation, as in formulas (not translated: the legend names
 * them), shaped with the rest of the layout's text. */
static const struct
{
  Sign        sign;
  const char *text;
} glyphs[STRATA_N_LAYER_KINDS] = {
  [STRATA_LAYER_KIND_ADD] = { SIGN_PLUS, NULL },
  [STRATA_LAYER_KIND_SUBTRACT] = { SIGN_MINUS, NULL },
  [STRATA_LAYER_KIND_MULTIPLY] = { SIGN_TIMES, NULL },
  [STRATA_LAYER_KIND_CONCATENATE] = { SIGN_BARS, NULL },
  [STRATA_LAYER_KIND_AVERAGE] = { SIGN_NONE, "avg" },
  [STRATA_LAYER_KIND_MAXIMUM] = { SIGN_NONE, "max" },
  [STRATA_LAYER_KIND_MINIMUM] = { SIGN_NONE, "min" },
};

const char *
strata_merge_glyph_text (StrataLayerKind kind)
{
  g_return_val_if_fail (kind < STRATA_N_LAYER_KINDS, NULL);

  return glyphs[kind].text;
}

static void
set_color (cairo_t         *cr,
           const StrataRgb *color)
{
  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
}

static void
draw_glyph (cairo_t         *cr,
            StrataLayout    *layout,
            StrataLayerKind  kind,
            double           x,
            double           y,
            double           radius)
{
  double scale = radius / (STRATA_MERGE_SIZE / 2);
  double a = radius * 0.5;
  PangoLayout *text = layout->glyphs[kind];

  cairo_save (cr);
  cairo_set_line_width (cr, 2.5 * scale);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  switch (glyphs[kind].sign)
    {
    case SIGN_PLUS:
      cairo_move_to (cr, x - a, y);
      cairo_line_to (cr, x + a, y);
      cairo_move_to (cr, x, y - a);
      cairo_line_to (cr, x, y + a);
      strata_paint_stroke (cr);
      break;
    case SIGN_MINUS:
      cairo_move_to (cr, x - a, y);
      cairo_line_to (cr, x + a, y);
      strata_paint_stroke (cr);
      break;
    case SIGN_TIMES:
      a *= 0.75;
      cairo_move_to (cr, x - a, y - a);
      cairo_line_to (cr, x + a, y + a);
      cairo_move_to (cr, x - a, y + a);
      cairo_line_to (cr, x + a, y - a);
      strata_paint_stroke (cr);
      break;
    case SIGN_BARS:
      cairo_move_to (cr, x - a * 0.3, y - a);
      cairo_line_to (cr, x - a * 0.3, y + a);
      cairo_move_to (cr, x + a * 0.3, y - a);
      cairo_line_to (cr, x + a * 0.3, y + a);
      strata_paint_stroke (cr);
      break;
    case SIGN_NONE:
    default:
      if (text != NULL)
        {
          PangoRectangle ink;

          pango_layout_get_extents (text, &ink, NULL);
          cairo_translate (cr, x, y);
          cairo_scale (cr, scale, scale);
          cairo_move_to (cr, -(ink.x + ink.width / 2.0) / PANGO_SCALE,
                         -(ink.y + ink.height / 2.0) / PANGO_SCALE);
          strata_paint_layout (cr, text, STRATA_TEXT_ANCHOR_MIDDLE);
        }
      break;
    }
  cairo_restore (cr);
}

void
strata_draw_merge_disc (cairo_t                 *cr,
                        StrataLayout            *layout,
                        const StrataThemeColors *colors,
                        StrataLayerKind          kind,
                        double                   x,
                        double                   y,
                        double                   radius)
{
  const StrataRgb *fill = strata_category_get_color (STRATA_LAYER_CATEGORY_MERGE);
  StrataRgb edge = strata_outline_color (colors, fill);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  set_color (cr, fill);
  strata_paint_fill_preserve (cr);
  set_color (cr, &edge);
  strata_paint_stroke (cr);

  set_color (cr, &white);
  draw_glyph (cr, layout, kind, x, y, radius);
}

/* The disc, and its bands as slices after it, the first tucked under it. */
void
strata_draw_merge_node (cairo_t                 *cr,
                        StrataLayout            *layout,
                        const StrataThemeColors *colors,
                        const StrataColumn      *column)
{
  double radius = column->size.thickness / 2;
  double cy = column->y + column->size.height / 2;
  double x = column->x + column->size.thickness;
  guint n_bands = strata_column_n_revealed_bands (layout, column);

  for (guint i = 0; i < n_bands; i++)
    {
      const StrataBand *band = &g_array_index (layout->bands, StrataBand, column->first_band + i);
      const StrataRgb *fill = &band->fill;
      StrataRgb edge = strata_outline_color (colors, fill);
      double tuck = i == 0 ? radius / 2 : 0;

      cairo_rectangle (cr, x - tuck, cy - STRATA_MERGE_BAND_HEIGHT / 2,
                       STRATA_BAND_THICKNESS + tuck, STRATA_MERGE_BAND_HEIGHT);
      set_color (cr, fill);
      strata_paint_fill_preserve (cr);
      set_color (cr, &edge);
      strata_paint_stroke (cr);
      x += STRATA_BAND_THICKNESS;
    }

  strata_draw_merge_disc (cr, layout, colors, column->kind, column->x + radius, cy, radius);
}

/* The bars style's graph: the lines, then a mark on each row over them. */
void
strata_draw_gutter (cairo_t                 *cr,
                    StrataLayout            *layout,
                    const StrataThemeColors *colors)
{
  static const double dashes[] = { 2, 2 };

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, STRATA_GUTTER_LINE);
  set_color (cr, &colors->arrow);
  for (guint i = 0; i < layout->edges->len; i++)
    {
      const StrataEdge *edge = &g_array_index (layout->edges, StrataEdge, i);
      const StrataPoint *points = &g_array_index (layout->points, StrataPoint, edge->first_point);

      if (edge->to > layout->options.revealed)
        continue;
      cairo_move_to (cr, points[0].x, points[0].y);
      for (guint k = 1; k < edge->n_points; k++)
        cairo_line_to (cr, points[k].x, points[k].y);
    }
  strata_paint_stroke (cr);

  cairo_set_line_width (cr, colors->edge_width);
  for (guint i = 0; i < layout->markers->len; i++)
    {
      const StrataMarker *marker = &g_array_index (layout->markers, StrataMarker, i);
      const StrataRgb *fill = &marker->fill;
      StrataRgb edge = strata_outline_color (colors, fill);

      if (marker->position > layout->options.revealed)
        continue;
      if (marker->is_merge)
        {
          strata_draw_merge_disc (cr, layout, colors, marker->kind, marker->x, marker->y,
                                  marker->radius);
          continue;
        }

      cairo_new_sub_path (cr);
      cairo_arc (cr, marker->x, marker->y, marker->radius, 0, 2 * G_PI);
      if (marker->failed)
        {
          /* As a placeholder block: grey, dashed. */
          set_color (cr, &colors->placeholder);
          strata_paint_fill_preserve (cr);
          set_color (cr, &colors->secondary);
          cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
          strata_paint_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          continue;
        }
      set_color (cr, fill);
      strata_paint_fill_preserve (cr);
      set_color (cr, &edge);
      strata_paint_stroke (cr);
    }
  cairo_restore (cr);
}
