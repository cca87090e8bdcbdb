/* test-layout-fold.c: a U-Net folded at its bottleneck: two rows facing each other, or a U. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>

#include "strata-file.h"
#include "test-layout-checks.h"

static int
layer_named (StrataNetwork *network,
             const char    *name)
{
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    if (g_str_equal (strata_layer_get_name (strata_network_get_layer (network, i)), name))
      return i;
  g_error ("No layer %s", name);
}

static StrataLayout *
folded_layout (StrataNetwork     *network,
               StrataArrangement  arrangement)
{
  StrataRenderOptions options;

  strata_render_options_init (&options);
  options.arrangement = arrangement;
  options.group_repeats = FALSE;
  options.fold = TRUE;
  return strata_layout_new (network, &options);
}

static const StrataEdge *
edge_between (StrataLayout *layout,
              int           from,
              int           to)
{
  for (guint e = 0; e < layout->edges->len; e++)
    {
      const StrataEdge *edge = &g_array_index (layout->edges, StrataEdge, e);

      if (edge->from == from && edge->to == to)
        return edge;
    }
  g_error ("No edge from %d to %d", from, to);
}

static const StrataPoint *
edge_point (StrataLayout     *layout,
            const StrataEdge *edge,
            guint             index)
{
  return &g_array_index (layout->points, StrataPoint, edge->first_point + index);
}

static double
centre_x (const StrataColumn *c)
{
  return c->block_rect.x + c->block_rect.width / 2;
}

static double
centre_y (const StrataColumn *c)
{
  return c->block_rect.y + c->block_rect.height / 2;
}

/* The encoder in the first row left to right, the decoder in the second
 * right to left, each skip edge a straight line down from the gap after
 * its encoder block into the top of its merge. */
static void
test_unet_rows (void)
{
  g_autoptr(StrataNetwork) network = strata_file_load_example ("unet", NULL);
  g_autoptr(StrataLayout) layout = folded_layout (network, STRATA_ARRANGEMENT_ROWS);
  guint n_layers = strata_network_get_n_layers (network);
  int bottleneck = layer_named (network, "bottleneck.conv2");
  int up4 = layer_named (network, "up4");
  static const char * const skips[][2] = {
    { "enc1.conv2", "concat1" }, { "enc2.conv2", "concat2" },
    { "enc3.conv2", "concat3" }, { "enc4.conv2", "concat4" },
  };

  g_assert_true (strata_layout_is_folded (layout));
  g_assert_cmpuint (strata_layout_get_n_rows (layout), ==, 2);
  assert_tidy (layout);

  /* Every layer has its column (the input's too), in one of the rows:
   * those up to the bottleneck in the first, the rest in the second. */
  g_assert_cmpuint (strata_layout_n_columns (layout), ==, n_layers + 1);
  for (guint i = 0; i < n_layers; i++)
    g_assert_cmpuint (column_at (layout, i)->row, ==, (int) i <= bottleneck ? 0 : 1);
  for (guint i = 0; i + 1 < n_layers; i++)
    {
      const StrataColumn *a = column_at (layout, i), *b = column_at (layout, i + 1);

      if (a->row != b->row)
        continue;
      if (a->row == 0)
        g_assert_cmpfloat (b->block_rect.x, >, a->block_rect.x + a->block_rect.width);
      else
        g_assert_cmpfloat (b->block_rect.x + b->block_rect.width, <, a->block_rect.x);
    }
  /* The fold: up4 under the bottleneck, the edge round the right. */
  g_assert_cmpfloat (fabs (centre_x (column_at (layout, up4)) -
                           centre_x (column_at (layout, bottleneck))), <, 1);
  g_assert_cmpuint (edge_between (layout, bottleneck, up4)->n_points, ==, 4);
  g_assert_cmpfloat (edge_point (layout, edge_between (layout, bottleneck, up4), 1)->x, >,
                     column_at (layout, bottleneck)->bounds.x +
                     column_at (layout, bottleneck)->bounds.width);

  for (guint k = 0; k < G_N_ELEMENTS (skips); k++)
    {
      int fork = layer_named (network, skips[k][0]);
      int merge = layer_named (network, skips[k][1]);
      const StrataColumn *f = column_at (layout, fork), *m = column_at (layout, merge);
      const StrataColumn *next = column_at (layout, fork + 1);
      const StrataEdge *edge = edge_between (layout, fork, merge);
      const StrataPoint *bend = edge_point (layout, edge, 1), *tip = edge_point (layout, edge, 2);

      g_assert_true (m->is_merge);
      g_assert_cmpuint (edge->n_points, ==, 3);
      /* Along the fork's axis, then down the gap between its labels and
       * the next column's, straight into the merge's top. */
      g_assert_cmpfloat (bend->y, ==, centre_y (f) + f->dy / 2);
      g_assert_cmpfloat (bend->x, >, f->label_rect.x + f->label_rect.width);
      g_assert_cmpfloat (bend->x, <, next->label_rect.x);
      g_assert_cmpfloat (tip->x, ==, bend->x);
      g_assert_cmpfloat (fabs (tip->x - centre_x (m)), <, 1e-9);
      g_assert_cmpfloat (tip->y, <, m->block_rect.y);
      g_assert_cmpfloat (tip->y, >, m->block_rect.y - 10);
    }
}

/* Top to bottom, the same fold turned: the encoder down the left, the
 * decoder up the right, each skip edge straight across. */
static void
test_unet_top_to_bottom (void)
{
  g_autoptr(StrataNetwork) network = strata_file_load_example ("unet", NULL);
  g_autoptr(StrataLayout) layout = folded_layout (network, STRATA_ARRANGEMENT_TOP_TO_BOTTOM);
  int fork = layer_named (network, "enc2.conv2");
  int merge = layer_named (network, "concat2");
  const StrataEdge *edge = edge_between (layout, fork, merge);
  const StrataPoint *bend = edge_point (layout, edge, 1), *tip = edge_point (layout, edge, 2);
  const StrataColumn *m = column_at (layout, merge);

  g_assert_true (strata_layout_is_folded (layout));
  assert_tidy (layout);
  g_assert_cmpfloat (column_at (layout, merge)->block_rect.x, >,
                     column_at (layout, fork)->label_rect.x +
                     column_at (layout, fork)->label_rect.width);
  g_assert_cmpfloat (tip->y, ==, bend->y);
  g_assert_cmpfloat (fabs (tip->y - centre_y (m)), <, 1e-9);
  g_assert_cmpfloat (tip->x, <, m->block_rect.x);
  /* The decoder runs up: dec1.conv1 above concat1. */
  g_assert_cmpfloat (column_at (layout, layer_named (network, "dec1.conv1"))->block_rect.y, <,
                     column_at (layout, layer_named (network, "concat1"))->block_rect.y);
}

/* The compact row folds the same, with its narrower gaps. */
static void
test_unet_compact (void)
{
  g_autoptr(StrataNetwork) network = strata_file_load_example ("unet", NULL);
  g_autoptr(StrataLayout) rows = folded_layout (network, STRATA_ARRANGEMENT_ROWS);
  g_autoptr(StrataLayout) compact = folded_layout (network, STRATA_ARRANGEMENT_COMPACT);
  double rows_width, compact_width, height;

  g_assert_true (strata_layout_is_folded (compact));
  g_assert_cmpuint (strata_layout_get_n_rows (compact), ==, 2);
  assert_tidy (compact);
  strata_layout_get_size (rows, &rows_width, &height);
  strata_layout_get_size (compact, &compact_width, &height);
  g_assert_cmpfloat (compact_width, <, rows_width);
}

static StrataLayout *
levels_layout (StrataNetwork     *network,
               StrataArrangement  arrangement,
               double             max_width)
{
  StrataRenderOptions options;

  strata_render_options_init (&options);
  options.arrangement = arrangement;
  options.fold = TRUE;
  options.fold_levels = TRUE;
  options.max_width = max_width;
  options.show_kernels = TRUE;
  return strata_layout_new (network, &options);
}

/* The runs' brackets in two rows: under the first row's labels, each
 * cut where a skip edge goes down through it, a bracket on either side
 * with the unit's name, and under the second's; no edge crosses one. The
 * second row's kernels are mirrored, as it runs right to left: each
 * window on the left end of the block before, where the arrow leaves
 * it, the pyramid from it meeting the right side of the reader, where
 * the arrow comes in. */
static void
test_unet_rows_brackets_kernels (void)
{
  g_autoptr(StrataNetwork) network = strata_file_load_example ("unet", NULL);
  static const char * const names[] = { "A1", "A1", "A2", "A2", "A3", "A3", "A4", "A4" };
  /* The second of each pair starts at the pooling after the skip edge. */
  static const char * const starts[] = { "enc1.conv1", "pool1", "enc2.conv1", "pool2",
                                         "enc3.conv1", "pool3", "enc4.conv1", "pool4" };

  static const StrataArrangement arrangements[] = {
    STRATA_ARRANGEMENT_ROWS, STRATA_ARRANGEMENT_TOP_TO_BOTTOM,
  };

  for (guint n = 0; n < G_N_ELEMENTS (arrangements); n++)
    {
      StrataArrangement a = arrangements[n];
      g_autoptr(StrataLayout) layout = NULL;
      StrataRenderOptions options;
      guint n_back = 0;

      strata_render_options_init (&options);
      options.arrangement = a;
      options.fold = TRUE;
      options.show_kernels = TRUE;
      layout = strata_layout_new (network, &options);

      g_assert_true (strata_layout_is_folded (layout));
      g_assert_cmpuint (strata_layout_get_n_rows (layout), ==, 2);
      assert_tidy (layout);
      g_assert_cmpuint (layout->brackets->len, ==, G_N_ELEMENTS (names));
      for (guint i = 0; i < layout->brackets->len; i++)
        {
          const StrataBracket *bracket = &g_array_index (layout->brackets, StrataBracket, i);
          const StrataGroup *group = &g_array_index (layout->groups, StrataGroup, bracket->group);
          const StrataColumn *first = column_at (layout, layer_named (network, starts[i]));

          g_assert_cmpstr (pango_layout_get_text (group->name), ==, names[i]);
          g_assert_cmpuint (first->row, ==, 0);
          /* From its first column's blocks and labels on, under them. */
          if (a == STRATA_ARRANGEMENT_ROWS)
            {
              g_assert_cmpfloat (fabs (bracket->x0 - MIN (first->block_rect.x, first->label_rect.x)),
                                 <, 1e-9);
              g_assert_cmpfloat (bracket->y, >, first->label_rect.y + first->label_rect.height);
            }
        }
      for (guint i = 0; i < strata_layout_get_n_boxes (layout); i++)
        {
          const StrataLayoutBox *bracket = strata_layout_get_box (layout, i);

          if (bracket->kind != STRATA_BOX_GROUP)
            continue;
          for (guint j = 0; j < strata_layout_get_n_boxes (layout); j++)
            {
              const StrataLayoutBox *edge = strata_layout_get_box (layout, j);

              if (edge->kind == STRATA_BOX_EDGE)
                g_assert_false (rects_overlap (&bracket->rect, &edge->rect));
            }
        }

      for (guint i = 0; i < strata_layout_n_columns (layout); i++)
        {
          const StrataColumn *c = strata_layout_column (layout, i);
          const StrataColumn *prev;
          StrataPoint corners[4], apex;

          if (c->kernel_from < 0 || c->kernel_h == 0)
            continue;
          prev = strata_layout_column (layout, c->kernel_from);
          /* Top to bottom, the second column runs up, its windows on the
           * side, as in the first. */
          g_assert_cmpint (c->kernel_back, ==, a == STRATA_ARRANGEMENT_ROWS && c->row == 1);
          if (!c->kernel_back || !strata_column_get_kernel_marker (prev, c, corners, &apex))
            continue;
          n_back++;
          g_assert_cmpfloat (prev->block_rect.x, >, c->block_rect.x + c->block_rect.width);
          /* On the plane of the block's left end: depth right and up from
           * its front face's left edge, within its height. */
          for (guint k = 0; k < 4; k++)
            {
              double along = corners[k].x - prev->x;
              double down = corners[k].y - prev->y + along * prev->dy / prev->dx;

              g_assert_cmpfloat (along, >=, 0);
              g_assert_cmpfloat (along, <=, prev->dx);
              g_assert_cmpfloat (down, >=, -1e-9);
              g_assert_cmpfloat (down, <=, prev->size.height + 1e-9);
            }
          /* On the reader's side facing right, which the arrow comes in by. */
          {
            double along = apex.x - c->x - c->total_thickness;
            double down = apex.y - c->y + along * c->dy / c->dx;

            g_assert_cmpfloat (along, >, 0);
            g_assert_cmpfloat (along, <, c->dx);
            g_assert_cmpfloat (down, >, 0);
            g_assert_cmpfloat (down, <, c->size.height);
          }
        }
      /* Each level's second convolution and its up-convolution, and the
       * last 1 × 1: the first convolutions read merges. */
      g_assert_cmpuint (n_back, ==, a == STRATA_ARRANGEMENT_ROWS ? 8 : 0);
    }
}

/* A chain and ResNet-18, whose shortcuts follow each other rather than
 * nest, never fold, in two rows or by levels; nor does a U-Net whose
 * runs are drawn once, whose skip edges would leave their first units. */
static void
test_no_fold (void)
{
  static const char * const ids[] = { "vgg16", "lenet5", "resnet18", "googlenet" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(StrataNetwork) network = strata_file_load_example (ids[i], NULL);
      g_autoptr(StrataLayout) layout = folded_layout (network, STRATA_ARRANGEMENT_ROWS);
      g_autoptr(StrataLayout) levels = levels_layout (network, STRATA_ARRANGEMENT_ROWS, 0);

      g_assert_false (strata_layout_is_folded (layout));
      g_assert_false (strata_layout_is_folded (levels));
    }
  {
    g_autoptr(StrataNetwork) network = strata_file_load_example ("unet", NULL);
    StrataRenderOptions options;
    g_autoptr(StrataLayout) layout = NULL;

    strata_render_options_init (&options);
    options.fold = TRUE;
    options.collapse_repeats = TRUE;
    layout = strata_layout_new (network, &options);
    g_assert_false (strata_layout_is_folded (layout));
    g_clear_pointer (&layout, strata_layout_unref);
    options.fold_levels = TRUE;
    layout = strata_layout_new (network, &options);
    g_assert_false (strata_layout_is_folded (layout));
  }
}

/* The U by levels: each skip edge one straight line across its level,
 * its fork and its merge on one axis; the encoder's levels step in on
 * the left going down, the decoder's on the right going up, down to the
 * bottleneck, lowest of all, in the middle; the runs' brackets under
 * their labels. */
static void
test_unet_levels (void)
{
  g_autoptr(StrataNetwork) network = strata_file_load_example ("unet", NULL);
  static const char * const skips[][2] = {
    { "enc1.conv2", "concat1" }, { "enc2.conv2", "concat2" },
    { "enc3.conv2", "concat3" }, { "enc4.conv2", "concat4" },
  };
  /* The input first, which is no layer. */
  static const char * const firsts[] = { NULL, "pool1", "pool2", "pool3", "pool4" };
  static const char * const lasts[] = { "out", "up1", "up2", "up3", "up4" };
  static const double widths[] = { 0, 1400, 600 };
  double previous = G_MAXDOUBLE;

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autoptr(StrataLayout) layout = levels_layout (network, STRATA_ARRANGEMENT_ROWS, widths[w]);
      int bottleneck = layer_named (network, "bottleneck.conv2");
      double width, height, lowest = -G_MAXDOUBLE;

      g_assert_true (strata_layout_is_folded (layout));
      /* A part a row: the encoder's and the decoder's of each level, and
       * the innermost layers. */
      g_assert_cmpuint (strata_layout_get_n_rows (layout), ==, 2 * G_N_ELEMENTS (skips) + 1);
      g_assert_cmpuint (layout->brackets->len, >, 0);
      assert_tidy (layout);
      strata_layout_get_size (layout, &width, &height);
      g_test_message ("width %g: %g", widths[w], width);
      /* Within the width asked for, down to the least steps. */
      if (w == 1)
        g_assert_cmpfloat (width, <=, widths[w]);
      g_assert_cmpfloat (width, <, previous);
      previous = width;

      for (guint k = 0; k < G_N_ELEMENTS (skips); k++)
        {
          int fork = layer_named (network, skips[k][0]);
          int merge = layer_named (network, skips[k][1]);
          const StrataColumn *f = column_at (layout, fork), *m = column_at (layout, merge);
          const StrataEdge *edge = edge_between (layout, fork, merge);
          const StrataEdge *down = edge_between (layout, fork, fork + 1);
          const StrataEdge *up = edge_between (layout, merge - 1, merge);

          g_assert_cmpuint (edge->n_points, ==, 2);
          g_assert_cmpfloat (edge_point (layout, edge, 0)->y, ==, edge_point (layout, edge, 1)->y);
          g_assert_cmpfloat (edge_point (layout, edge, 0)->x, >, f->block_rect.x);
          g_assert_cmpfloat (edge_point (layout, edge, 1)->x, <, m->block_rect.x);
          g_assert_cmpfloat (fabs (centre_y (f) + f->dy / 2 - centre_y (m) - m->dy / 2), <, 1e-9);
          /* Down on the left to the next level, up on the right from it. */
          g_assert_cmpfloat (edge_point (layout, down, down->n_points - 1)->y, >,
                             f->bounds.y + f->bounds.height);
          g_assert_cmpfloat (edge_point (layout, up, 0)->y, >, m->bounds.y + m->bounds.height);
          g_assert_cmpfloat (edge_point (layout, up, up->n_points - 1)->y, ==,
                             edge_point (layout, edge, 1)->y);
          /* The next level steps in on both sides. */
          g_assert_cmpfloat (column_at (layout, layer_named (network, firsts[k + 1]))->block_rect.x, >,
                             column_at (layout, k == 0 ? STRATA_LAYOUT_INPUT
                                                       : layer_named (network, firsts[k]))->block_rect.x);
          g_assert_cmpfloat (column_at (layout, layer_named (network, lasts[k + 1]))->block_rect.x, <,
                             column_at (layout, layer_named (network, lasts[k]))->block_rect.x);
        }
      /* The innermost layers lowest, with nothing else on their row. */
      for (guint i = 0; i < strata_layout_n_columns (layout); i++)
        {
          const StrataColumn *c = strata_layout_column (layout, i);

          if (c->row != column_at (layout, bottleneck)->row)
            lowest = MAX (lowest, c->bounds.y + c->bounds.height);
          else
            g_assert_cmpint (c->position, >=, layer_named (network, "pool4"));
        }
      g_assert_cmpfloat (column_at (layout, bottleneck)->block_rect.y, >, lowest);
      /* Kernels on every level: the second convolution's window on the
       * first's block, the decoder's too. */
      g_assert_cmpint (column_at (layout, layer_named (network, "dec2.conv2"))->kernel_from, ==,
                       layer_named (network, "dec2.conv1") + 1);
    }
}

/* Top to bottom, the levels turned: each a column, the encoder above the
 * decoder, each skip edge straight down, the bottleneck furthest right. */
static void
test_unet_levels_top_to_bottom (void)
{
  g_autoptr(StrataNetwork) network = strata_file_load_example ("unet", NULL);
  g_autoptr(StrataLayout) layout = levels_layout (network, STRATA_ARRANGEMENT_TOP_TO_BOTTOM, 0);
  int fork = layer_named (network, "enc3.conv2");
  int merge = layer_named (network, "concat3");
  int bottleneck = layer_named (network, "bottleneck.conv2");
  const StrataEdge *edge = edge_between (layout, fork, merge);

  g_assert_true (strata_layout_is_folded (layout));
  assert_tidy (layout);
  g_assert_cmpfloat (edge_point (layout, edge, 0)->x, ==, edge_point (layout, edge, 1)->x);
  g_assert_cmpfloat (edge_point (layout, edge, 1)->y, >, edge_point (layout, edge, 0)->y);
  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    {
      const StrataColumn *c = strata_layout_column (layout, i);

      if (c->row != column_at (layout, bottleneck)->row)
        g_assert_cmpfloat (c->bounds.x + c->bounds.width, <,
                           column_at (layout, bottleneck)->block_rect.x);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout-fold/unet-rows", test_unet_rows);
  g_test_add_func ("/layout-fold/unet-top-to-bottom", test_unet_top_to_bottom);
  g_test_add_func ("/layout-fold/unet-compact", test_unet_compact);
  g_test_add_func ("/layout-fold/unet-rows-brackets-kernels", test_unet_rows_brackets_kernels);
  g_test_add_func ("/layout-fold/no-fold", test_no_fold);
  g_test_add_func ("/layout-fold/unet-levels", test_unet_levels);
  g_test_add_func ("/layout-fold/unet-levels-top-to-bottom", test_unet_levels_top_to_bottom);

  return g_test_run ();
}
