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
  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    {
      const StrataColumn *c = strata_layout_column (layout, i);

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
  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    {
      const StrataColumn *c = strata_layout_column (layout, i);

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

/* Whether two convex polygons meet: unless an axis of one's edges
 * separates them. */
static inline gboolean
polygons_meet (const StrataPoint *a,
               guint              na,
               const StrataPoint *b,
               guint              nb)
{
  for (guint side = 0; side < 2; side++)
    {
      const StrataPoint *p = side == 0 ? a : b;
      guint np = side == 0 ? na : nb;

      for (guint e = 0; e < np; e++)
        {
          double nx = p[e].y - p[(e + 1) % np].y;
          double ny = p[(e + 1) % np].x - p[e].x;
          double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, rlo = G_MAXDOUBLE, rhi = -G_MAXDOUBLE;

          if (nx == 0 && ny == 0)
            continue;
          for (guint k = 0; k < na; k++)
            {
              lo = MIN (lo, nx * a[k].x + ny * a[k].y);
              hi = MAX (hi, nx * a[k].x + ny * a[k].y);
            }
          for (guint k = 0; k < nb; k++)
            {
              rlo = MIN (rlo, nx * b[k].x + ny * b[k].y);
              rhi = MAX (rhi, nx * b[k].x + ny * b[k].y);
            }
          if (rhi <= lo || rlo >= hi)
            return FALSE;
        }
    }
  return TRUE;
}

/* A box's corners: its rect's, or those of the turned text it bounds. */
static inline void
box_corners (StrataLayout          *layout,
             const StrataLayoutBox *box,
             StrataPoint            corners[4])
{
  const cairo_rectangle_t *r = &box->rect;

  if (box->turned)
    {
      g_assert_true (strata_column_get_dimension_quad (column_at (layout, box->position),
                                                       STRATA_DIMENSION_WIDTH, corners));
      return;
    }
  corners[0] = (StrataPoint) { r->x, r->y };
  corners[1] = (StrataPoint) { r->x + r->width, r->y };
  corners[2] = (StrataPoint) { r->x + r->width, r->y + r->height };
  corners[3] = (StrataPoint) { r->x, r->y + r->height };
}

/* Whether @box meets the outline of @position's block, a prism seen at
 * an angle: its bounds' corners above the front face and below the side
 * are empty, and top to bottom an arrow ends there, at the outline. */
static inline gboolean
box_meets_block (StrataLayout          *layout,
                 const StrataLayoutBox *box,
                 int                    position)
{
  const StrataColumn *c = column_at (layout, position);
  StrataPoint outline[6], corners[4];

  if (c->is_merge || c->size.is_placeholder)
    return TRUE;

  outline[0] = (StrataPoint) { c->x, c->y };
  outline[1] = (StrataPoint) { c->x + c->dx, c->y - c->dy };
  outline[2] = (StrataPoint) { c->x + c->total_thickness + c->dx, c->y - c->dy };
  outline[3] = (StrataPoint) { outline[2].x, c->y + c->size.height - c->dy };
  outline[4] = (StrataPoint) { c->x + c->total_thickness, c->y + c->size.height };
  outline[5] = (StrataPoint) { c->x, c->y + c->size.height };
  box_corners (layout, box, corners);
  return polygons_meet (outline, 6, corners, 4);
}

/* Whether two boxes whose rects overlap meet: a turned text only where
 * its own corners do. */
static inline gboolean
boxes_meet (StrataLayout          *layout,
            const StrataLayoutBox *a,
            const StrataLayoutBox *b)
{
  StrataPoint ca[4], cb[4];

  if (!a->turned && !b->turned)
    return TRUE;
  box_corners (layout, a, ca);
  box_corners (layout, b, cb);
  return polygons_meet (ca, 4, cb, 4);
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
         !box_meets_block (layout, a, b->position);
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
              !clears_block (layout, a, b) && boxes_meet (layout, a, b))
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
