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
          if (rects_overlap (&a->rect, &b->rect) && !may_share (a, b))
            g_error ("Boxes %u (kind %d, layer %d → %d) and %u (kind %d, layer %d → %d) "
                     "overlap", i, a->kind, a->position, a->target, j, b->kind, b->position,
                     b->target);
        }
    }
}

static inline void
assert_tidy (StrataLayout *layout)
{
  assert_boxes (layout, FALSE);
}
