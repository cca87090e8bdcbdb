/* test-layout-vertical.c: the top-to-bottom layout: blocks down the page, labels beside them; wrapping in both directions. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "strata-file.h"
#include "test-layout-checks.h"

static StrataLayout *
layout_down (StrataNetwork *network,
             double         max_height,
             gboolean       groups)
{
  StrataRenderOptions options;

  strata_render_options_init (&options);
  options.arrangement = STRATA_ARRANGEMENT_TOP_TO_BOTTOM;
  options.max_width = max_height;
  options.group_repeats = groups;
  return strata_layout_new (network, &options);
}

/* Every layer is drawn, its labels right of its block and beside it, and
 * a click on its block or its name finds it. */
static void
assert_placed (StrataLayout  *layout,
               StrataNetwork *network)
{
  for (int i = STRATA_LAYOUT_INPUT; i < (int) strata_network_get_n_layers (network); i++)
    {
      const StrataColumn *c = column_holding (layout, i);
      const cairo_rectangle_t *block = &c->block_rect;
      const cairo_rectangle_t *label = &c->label_rect;

      g_assert_cmpfloat (label->x, >, block->x + block->width);
      g_assert_cmpfloat (label->y, <, block->y + block->height);
      g_assert_cmpfloat (label->y + label->height, >, block->y);
      for (guint l = 0; l < STRATA_N_LINES; l++)
        if (c->lines[l] != NULL)
          g_assert_cmpfloat (c->line_x[l] + c->line_size[l].x, ==, label->x);
      if (c->position != i)
        continue;
      g_assert_cmpint (strata_layout_hit_test (layout, c->x + c->size.thickness / 2,
                                               c->y + c->size.height / 2), ==, i);
      g_assert_cmpint (strata_layout_hit_test (layout, label->x + 4, label->y + 4), ==, i);
    }
}

/* A chain in one column: each block under the one before, its arrow
 * coming down into it from above, its head on the block's outline. */
static void
test_chain (void)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(StrataLayout) layout = layout_down (network, 0, FALSE);
  double width, height;

  strata_layout_get_size (layout, &width, &height);
  g_assert_cmpfloat (height, >, 2 * width);
  g_assert_cmpuint (strata_layout_get_n_rows (layout), ==, 1);
  g_assert_cmpuint (layout->edges->len, ==, strata_layout_n_columns (layout) - 1);
  assert_tidy (layout);
  assert_placed (layout, network);

  for (guint i = 1; i < strata_layout_n_columns (layout); i++)
    {
      const StrataColumn *above = strata_layout_column (layout, i - 1);
      const StrataColumn *c = strata_layout_column (layout, i);

      g_assert_cmpfloat (c->block_rect.y, >, above->bounds.y + above->bounds.height);
      /* One axis: the blocks' middles line up. */
      g_assert_cmpfloat_with_epsilon (c->block_rect.x + c->block_rect.width / 2,
                                      above->block_rect.x + above->block_rect.width / 2, 1e-9);
    }
  for (guint e = 0; e < layout->edges->len; e++)
    {
      const StrataEdge *edge = &g_array_index (layout->edges, StrataEdge, e);
      const StrataPoint *points = &g_array_index (layout->points, StrataPoint, edge->first_point);
      const StrataColumn *from = column_holding (layout, edge->from);
      const StrataColumn *to = column_holding (layout, edge->to);
      double along = points[1].x - to->x;

      g_assert_cmpuint (edge->n_points, ==, 2);
      g_assert_cmpfloat (points[0].x, ==, points[1].x);
      g_assert_cmpfloat (points[0].y, >, from->y);
      g_assert_cmpfloat (points[0].y, <=, from->y + from->size.height + STRATA_ARROW_SPACE);
      /* The head reaches the top face, where it is at the arrow's x. */
      g_assert_cmpfloat_with_epsilon (points[1].y + STRATA_ARROW_SPACE,
                                      along < to->dx ? to->y - along * to->dy / to->dx
                                                     : to->y - to->dy, 1e-9);
    }
}

/* Given a height, columns wrap side by side, each no taller than asked
 * (when one block allows), and the flow goes down each, then on to the
 * top of the next. */
static void
test_wrap (void)
{
  g_autoptr(StrataNetwork) network = test_vgg16_network ();
  g_autoptr(StrataLayout) one = layout_down (network, 0, FALSE);
  g_autoptr(StrataLayout) layout = layout_down (network, 1400, FALSE);
  double one_height, height;

  strata_layout_get_size (one, NULL, &one_height);
  strata_layout_get_size (layout, NULL, &height);
  g_assert_cmpuint (strata_layout_get_n_rows (one), ==, 1);
  g_assert_cmpuint (strata_layout_get_n_rows (layout), >=, 3);
  g_assert_cmpfloat (height, <, one_height / 2);
  assert_tidy (layout);
  assert_placed (layout, network);

  for (guint r = 0; r < layout->rows->len; r++)
    {
      const StrataRow *row = &g_array_index (layout->rows, StrataRow, r);

      g_assert_cmpfloat (row->bottom - row->top, <=, 1400);
      for (guint i = row->first; i < row->first + row->n; i++)
        {
          const StrataColumn *c = strata_layout_column (layout, i);

          g_assert_cmpuint (c->row, ==, r);
          if (i > row->first)
            g_assert_cmpfloat (c->block_rect.y, >,
                               strata_layout_column (layout, i - 1)->block_rect.y);
          if (r > 0)
            {
              const StrataRow *before = &g_array_index (layout->rows, StrataRow, r - 1);

              for (guint k = before->first; k < before->first + before->n; k++)
                {
                  const StrataColumn *left = strata_layout_column (layout, k);

                  g_assert_cmpfloat (c->bounds.x, >, left->bounds.x + left->bounds.width);
                }
            }
        }
    }
}

/* Branches: a lane's blocks are beside the axis, level with what they
 * run beside, and every example lays out tidily. */
static void
test_branches (void)
{
  static const char * const ids[] = { "resnet18", "unet", "googlenet" };
  g_autoptr(StrataNetwork) resnet = test_resnet_network ();
  g_autoptr(StrataLayout) layout = layout_down (resnet, 0, FALSE);
  gboolean beside = FALSE;

  assert_tidy (layout);
  assert_placed (layout, resnet);
  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    for (guint k = 0; k < strata_layout_n_columns (layout); k++)
      {
        const StrataColumn *a = strata_layout_column (layout, i);
        const StrataColumn *b = strata_layout_column (layout, k);

        if (a->block_rect.x + a->block_rect.width < b->block_rect.x &&
            a->block_rect.y < b->block_rect.y + b->block_rect.height &&
            b->block_rect.y < a->block_rect.y + a->block_rect.height)
          beside = TRUE;
      }
  g_assert_true (beside);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(StrataNetwork) network = strata_file_load_example (ids[i], NULL);
      const double heights[] = { 0, 2400 };

      g_test_message ("example %s", ids[i]);
      for (guint h = 0; h < G_N_ELEMENTS (heights); h++)
        {
          g_autoptr(StrataLayout) example = layout_down (network, heights[h], TRUE);

          assert_tidy (example);
          assert_placed (example, network);
        }
    }
}

/* A group's bracket stands right of its labels, as tall as its blocks. */
static void
test_groups (void)
{
  g_autoptr(StrataNetwork) network = test_vgg16_network ();
  g_autoptr(StrataLayout) layout = layout_down (network, 0, TRUE);

  g_assert_cmpuint (layout->groups->len, ==, 5);
  g_assert_cmpuint (layout->brackets->len, ==, 5);
  assert_tidy (layout);
  for (guint i = 0; i < layout->brackets->len; i++)
    {
      const StrataBracket *bracket = &g_array_index (layout->brackets, StrataBracket, i);
      const StrataGroup *group = &g_array_index (layout->groups, StrataGroup, bracket->group);

      g_assert_cmpfloat (bracket->rect.height, >, 2 * bracket->rect.width);
      for (guint p = group->first; p < group->end; p++)
        {
          const StrataColumn *c = column_holding (layout, p);

          g_assert_cmpfloat (bracket->rect.x, >=, c->label_rect.x + c->label_rect.width);
          g_assert_cmpfloat (bracket->x0, <=, c->block_rect.y);
          g_assert_cmpfloat (bracket->x1, >=, c->block_rect.y + c->block_rect.height);
        }
    }
}

/* Wider rows (taller columns, top to bottom) never make a drawing shorter
 * along them: the canvas stops trying wider rows once one fills it along
 * them (choose_wrap_width() in strata-canvas.c). The widths are those it
 * tries in windows of several sizes, the last one no wrapping at all. */
static void
test_wider_rows (void)
{
  const char * const *ids = strata_file_get_example_ids ();
  const StrataArrangement arrangements[] = { STRATA_ARRANGEMENT_ROWS,
                                             STRATA_ARRANGEMENT_COMPACT,
                                             STRATA_ARRANGEMENT_TOP_TO_BOTTOM };
  const double canvases[] = { 440, 700, 900, 1500 };
  const double factors[] = { 1.0, 1.5, 2.0, 3.0, 0.0 };
  guint grew = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(StrataNetwork) network = strata_file_load_example (ids[i], NULL);

      for (guint a = 0; a < G_N_ELEMENTS (arrangements); a++)
        for (guint c = 0; c < G_N_ELEMENTS (canvases); c++)
          for (int collapse = 0; collapse < 2; collapse++)
            {
              gboolean down = arrangements[a] == STRATA_ARRANGEMENT_TOP_TO_BOTTOM;
              double last = 0;

              for (guint f = 0; f < G_N_ELEMENTS (factors); f++)
                {
                  g_autoptr(StrataLayout) layout = NULL;
                  StrataRenderOptions options;
                  double width = 0, height = 0, along;

                  strata_render_options_init (&options);
                  options.arrangement = arrangements[a];
                  options.group_repeats = TRUE;
                  options.collapse_repeats = collapse;
                  options.max_width = factors[f] > 0 ? MAX (canvases[c] * factors[f], 480) : 0;
                  layout = strata_layout_new (network, &options);
                  strata_layout_get_size (layout, &width, &height);
                  along = down ? height : width;
                  if (along < last - 1e-6)
                    g_error ("%s, arrangement %d, collapsed %d: %g along at %g, %g at a "
                             "narrower width", ids[i], arrangements[a], collapse, along,
                             options.max_width, last);
                  grew += along > last + 1 && last > 0;
                  last = along;
                }
            }
    }
  /* The widths wrapped some examples into rows. */
  g_assert_cmpuint (grew, >, 20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout-vertical/chain", test_chain);
  g_test_add_func ("/layout-vertical/wrap", test_wrap);
  g_test_add_func ("/layout-vertical/branches", test_branches);
  g_test_add_func ("/layout-vertical/groups", test_groups);
  g_test_add_func ("/layout-vertical/wider-rows", test_wider_rows);

  return g_test_run ();
}
