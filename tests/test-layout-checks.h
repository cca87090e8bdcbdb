/* test-layout-checks.h: layouts of test networks, and what every layout must hold. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-layout-private.h"
#include "test-render-networks.h"

static inline StrataLayout *
layout_with (StrataNetwork      *network,
             StrataDiagramStyle  style,
             StrataScaleMode     scale,
             double              max_width)
{
  StrataRenderOptions options;

  strata_render_options_init (&options);
  options.style = style;
  options.scale = scale;
  options.max_width = max_width;
  options.show_kernels = TRUE;
  return strata_layout_new (network, &options);
}

/* The column of @position's own block. */
static inline const StrataColumn *
column_at (StrataLayout *layout,
           int           position)
{
  for (guint i = 0; i < layout->columns->len; i++)
    {
      const StrataColumn *c = &g_array_index (layout->columns, StrataColumn, i);

      if (c->position == position)
        return c;
    }
  g_error ("No column for layer %d", position);
}

/* The column that draws @position: its own, or the one it is a band of. */
static inline const StrataColumn *
column_holding (StrataLayout *layout,
                int           position)
{
  for (guint i = 0; i < layout->columns->len; i++)
    {
      const StrataColumn *c = &g_array_index (layout->columns, StrataColumn, i);

      if (c->position == position)
        return c;
      for (guint k = 0; k < c->size.n_bands; k++)
        if (g_array_index (layout->bands, StrataBand, c->first_band + k).position == position)
          return c;
    }
  g_error ("No column holds layer %d", position);
}

static inline gboolean
rects_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* The lines of one tensor leave its block together, and the lines into a
 * merge end together: such edges may share segments. */
static inline gboolean
may_share (const StrataLayoutBox *a,
           const StrataLayoutBox *b)
{
  return a->kind == STRATA_BOX_EDGE && b->kind == STRATA_BOX_EDGE &&
         (a->position == b->position || a->target == b->target);
}

/* Whether @rect meets the outline of @position's block, a prism seen at
 * an angle: its bounds' corners above the front face and below the side
 * are empty, and top to bottom an arrow ends there, at the outline. Two
 * convex shapes meet unless an axis of one's edges separates them. */
static inline gboolean
rect_meets_block (StrataLayout            *layout,
                  const cairo_rectangle_t *rect,
                  int                      position)
{
  const StrataColumn *c = NULL;
  double outline[6][2], corners[4][2];

  for (guint i = 0; i < layout->columns->len && c == NULL; i++)
    if (g_array_index (layout->columns, StrataColumn, i).position == position)
      c = &g_array_index (layout->columns, StrataColumn, i);
  g_assert_nonnull (c);
  if (c->is_merge || c->size.is_placeholder)
    return TRUE;

  outline[0][0] = c->x;                               outline[0][1] = c->y;
  outline[1][0] = c->x + c->dx;                       outline[1][1] = c->y - c->dy;
  outline[2][0] = c->x + c->total_thickness + c->dx;  outline[2][1] = c->y - c->dy;
  outline[3][0] = outline[2][0];                      outline[3][1] = c->y + c->size.height - c->dy;
  outline[4][0] = c->x + c->total_thickness;          outline[4][1] = c->y + c->size.height;
  outline[5][0] = c->x;                               outline[5][1] = c->y + c->size.height;
  corners[0][0] = rect->x;               corners[0][1] = rect->y;
  corners[1][0] = rect->x + rect->width; corners[1][1] = rect->y;
  corners[2][0] = rect->x + rect->width; corners[2][1] = rect->y + rect->height;
  corners[3][0] = rect->x;               corners[3][1] = rect->y + rect->height;

  for (guint e = 0; e < 6; e++)
    {
      double nx = outline[e][1] - outline[(e + 1) % 6][1];
      double ny = outline[(e + 1) % 6][0] - outline[e][0];
      double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, rlo = G_MAXDOUBLE, rhi = -G_MAXDOUBLE;

      if (nx == 0 && ny == 0)
        continue;
      for (guint k = 0; k < 6; k++)
        {
          lo = MIN (lo, nx * outline[k][0] + ny * outline[k][1]);
          hi = MAX (hi, nx * outline[k][0] + ny * outline[k][1]);
        }
      for (guint k = 0; k < 4; k++)
        {
          rlo = MIN (rlo, nx * corners[k][0] + ny * corners[k][1]);
          rhi = MAX (rhi, nx * corners[k][0] + ny * corners[k][1]);
        }
      if (rhi <= lo || rlo >= hi)
        return FALSE;
    }
  return TRUE;
}

/* An edge's or a text's box (a dimension written on an edge) meets a
 * block's bounds only where it misses the block. */
static inline gboolean
clears_block (StrataLayout          *layout,
              const StrataLayoutBox *a,
              const StrataLayoutBox *b)
{
  if (b->kind != STRATA_BOX_BLOCK)
    return a->kind == STRATA_BOX_BLOCK && clears_block (layout, b, a);
  return (a->kind == STRATA_BOX_EDGE || a->kind == STRATA_BOX_LABEL) &&
         layout->options.style == STRATA_DIAGRAM_STYLE_BLOCKS &&
         !rect_meets_block (layout, &a->rect, b->position);
}

/* No two boxes (blocks, merges, labels, edges, title, legend) overlap, and
 * all lie inside the page with at least a few points to spare. Edges may
 * cross each other when @crossings, as in a graph that is not cut into
 * lanes, but never a block or a label. */
static inline void
assert_boxes (StrataLayout *layout,
              gboolean      crossings)
{
  double width, height;
  guint n = strata_layout_get_n_boxes (layout);

  strata_layout_get_size (layout, &width, &height);
  g_assert_cmpuint (n, >, 0);

  for (guint i = 0; i < n; i++)
    {
      const StrataLayoutBox *a = strata_layout_get_box (layout, i);

      g_assert_cmpfloat (a->rect.width, >, 0);
      g_assert_cmpfloat (a->rect.height, >, 0);
      g_assert_cmpfloat (a->rect.x, >=, 8);
      g_assert_cmpfloat (a->rect.y, >=, 8);
      g_assert_cmpfloat (a->rect.x + a->rect.width, <=, width - 8);
      g_assert_cmpfloat (a->rect.y + a->rect.height, <=, height - 8);

      for (guint j = i + 1; j < n; j++)
        {
          const StrataLayoutBox *b = strata_layout_get_box (layout, j);

          if (crossings && a->kind == STRATA_BOX_EDGE && b->kind == STRATA_BOX_EDGE)
            continue;
          if (rects_overlap (&a->rect, &b->rect) && !may_share (a, b) &&
              !clears_block (layout, a, b))
            g_error ("Boxes %u (kind %d, layer %d → %d, %g %g %g × %g) and %u (kind %d, "
                     "layer %d → %d, %g %g %g × %g) overlap", i, a->kind, a->position, a->target,
                     a->rect.x, a->rect.y, a->rect.width, a->rect.height, j, b->kind,
                     b->position, b->target, b->rect.x, b->rect.y, b->rect.width,
                     b->rect.height);
        }
    }
}

static inline void
assert_tidy (StrataLayout *layout)
{
  assert_boxes (layout, FALSE);
}
