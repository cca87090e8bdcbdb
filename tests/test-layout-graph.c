/* test-layout-graph.c: branching networks: lanes, shortcuts, merges and their edges. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>

#include "strata-file.h"
#include "test-layout-checks.h"

static const double widths[] = { 0, 1280, 700 };

static int
input_of (StrataNetwork *network,
          guint          position,
          guint          index)
{
  StrataLayer *input = strata_network_get_input_layer (network, position, index);

  return input != NULL ? strata_network_index_of (network, input) : STRATA_LAYOUT_INPUT;
}

static const StrataPoint *
edge_point (StrataLayout     *layout,
            const StrataEdge *edge,
            guint             index)
{
  return &g_array_index (layout->points, StrataPoint, edge->first_point + index);
}

static void
add_pair (GString *pairs,
          int      from,
          int      to)
{
  g_string_append_printf (pairs, "%d>%d ", from, to);
}

static int
compare_words (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The pairs as one sorted string, to compare multisets. */
static char *
sorted_pairs (GString *pairs)
{
  g_auto(GStrv) words = g_strsplit (g_strstrip (pairs->str), " ", -1);

  qsort (words, g_strv_length (words), sizeof (char *), compare_words);
  return g_strjoinv (" ", words);
}

/* Every edge joins the right two nodes, one edge per input a layer reads,
 * leaving the source's block on its axis and entering the target's. In
 * the bars style, every layer has its edges, between the marks of their
 * rows. */
static void
assert_edges (StrataLayout  *layout,
              StrataNetwork *network,
              gboolean       bars)
{
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) drawn = g_string_new (NULL);
  g_autofree char *expected_sorted = NULL;
  g_autofree char *drawn_sorted = NULL;

  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      if (!bars && column_holding (layout, i)->position != (int) i)
        continue;
      for (guint k = 0; k < strata_network_get_n_input_layers (network, i); k++)
        add_pair (expected, bars ? input_of (network, i, k)
                                 : column_holding (layout, input_of (network, i, k))->position, i);
    }

  for (guint e = 0; e < layout->edges->len; e++)
    {
      const StrataEdge *edge = &g_array_index (layout->edges, StrataEdge, e);
      const StrataPoint *first = edge_point (layout, edge, 0);
      const StrataPoint *last = edge_point (layout, edge, edge->n_points - 1);

      g_assert_cmpuint (edge->n_points, >=, 2);
      add_pair (drawn, edge->from, edge->to);
      if (bars)
        {
          const StrataMarker *from = &g_array_index (layout->markers, StrataMarker, edge->from + 1);
          const StrataMarker *to = &g_array_index (layout->markers, StrataMarker, edge->to + 1);

          g_assert_cmpint (from->position, ==, edge->from);
          g_assert_cmpint (to->position, ==, edge->to);
          g_assert_cmpfloat (fabs (hypot (first->x - from->x, first->y - from->y) - from->radius),
                             <, 2);
          g_assert_cmpfloat (fabs (hypot (last->x - to->x, last->y - to->y) - to->radius), <, 2);
        }
      else
        {
          const StrataColumn *from = column_at (layout, edge->from);
          const StrataColumn *to = column_at (layout, edge->to);

          g_assert_cmpfloat_with_epsilon (first->x,
                                          from->x + from->block_width + STRATA_ARROW_SPACE, 1e-9);
          g_assert_cmpfloat_with_epsilon (first->y, from->y + from->size.height / 2, 1e-9);
          g_assert_cmpfloat_with_epsilon (last->x, to->x - STRATA_ARROW_SPACE, 1e-9);
          g_assert_cmpfloat_with_epsilon (last->y, to->y + to->size.height / 2, 1e-9);
        }
      /* Segments are horizontal or vertical. */
      for (guint i = 0; i + 1 < edge->n_points; i++)
        g_assert_true (edge_point (layout, edge, i)->x == edge_point (layout, edge, i + 1)->x ||
                       edge_point (layout, edge, i)->y == edge_point (layout, edge, i + 1)->y);
    }

  expected_sorted = sorted_pairs (expected);
  drawn_sorted = sorted_pairs (drawn);
  g_assert_cmpstr (drawn_sorted, ==, expected_sorted);
}

/* Rows break only where one tensor flows: every edge stays in its row or
 * goes into the next, and the edges into the next row all leave the last
 * node of their row. */
static void
assert_rows (StrataLayout *layout)
{
  for (guint r = 0; r < layout->rows->len; r++)
    {
      const StrataRow *row = &g_array_index (layout->rows, StrataRow, r);
      const StrataColumn *last = strata_layout_column (layout, row->first + row->n - 1);

      g_assert_cmpuint (row->n_exits > 0, ==, r + 1 < layout->rows->len);
      for (guint e = row->first_edge; e < row->first_edge + row->n_edges + row->n_exits; e++)
        {
          const StrataEdge *edge = &g_array_index (layout->edges, StrataEdge, e);
          guint from = column_at (layout, edge->from)->row;
          guint to = column_at (layout, edge->to)->row;

          g_assert_cmpuint (from, ==, r);
          if (e < row->first_edge + row->n_edges)
            g_assert_cmpuint (to, ==, r);
          else
            {
              g_assert_cmpuint (to, ==, r + 1);
              g_assert_cmpint (edge->from, ==, last->position);
            }
        }
    }
}

static void
assert_same_row (StrataLayout *layout,
                 const int    *positions,
                 guint         n)
{
  for (guint i = 1; i < n; i++)
    g_assert_cmpuint (column_at (layout, positions[i])->row, ==,
                      column_at (layout, positions[0])->row);
}

/* The bounds of the layer at @position hit-test to it, at their middle. */
static void
assert_hit (StrataLayout *layout,
            int           position,
            gboolean      bars)
{
  if (bars)
    {
      const StrataMarker *marker = &g_array_index (layout->markers, StrataMarker, position + 1);

      g_assert_cmpint (strata_layout_hit_test (layout, marker->x, marker->y), ==, position);
    }
  else
    {
      const StrataColumn *c = column_at (layout, position);

      g_assert_cmpint (strata_layout_hit_test (layout, c->x + c->size.thickness / 2,
                                               c->y + c->size.height / 2), ==, position);
      g_assert_cmpint (strata_layout_hit_test (layout, c->label_rect.x + c->label_rect.width / 2,
                                               c->label_rect.y + 2), ==, position);
    }
}

/* Draws it, as a canvas would. */
static void
assert_draws (StrataLayout *layout)
{
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;

  strata_layout_get_size (layout, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width / 4),
                                        (int) ceil (height / 4));
  cr = cairo_create (surface);
  cairo_scale (cr, 0.25, 0.25);
  strata_layout_draw (layout, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Every style, scale and width: tidy, with the right edges, rows broken
 * only between blocks, and hits on @hits (merges and blocks in lanes). */
static void
assert_graph_full (StrataNetwork *network,
                   const int     *hits,
                   guint          n_hits,
                   const int     *together,
                   guint          n_together,
                   gboolean       crossings)
{
  for (StrataDiagramStyle s = STRATA_DIAGRAM_STYLE_BLOCKS; s <= STRATA_DIAGRAM_STYLE_BARS; s++)
    for (StrataScaleMode m = STRATA_SCALE_LINEAR; m <= STRATA_SCALE_LOG; m++)
      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        {
          g_autoptr(StrataLayout) layout = layout_with (network, s, m, widths[w]);
          gboolean bars = s == STRATA_DIAGRAM_STYLE_BARS;

          assert_boxes (layout, crossings);
          assert_edges (layout, network, bars);
          for (guint i = 0; i < n_hits; i++)
            assert_hit (layout, hits[i], bars);
          if (!bars)
            {
              assert_rows (layout);
              assert_same_row (layout, together, n_together);
            }
          else
            g_assert_cmpuint (layout->markers->len, ==, strata_network_get_n_layers (network) + 1);
          if (m == STRATA_SCALE_SQRT && w == 0)
            assert_draws (layout);
        }
}

static void
assert_graph (StrataNetwork *network,
              const int     *hits,
              guint          n_hits,
              const int     *together,
              guint          n_together)
{
  assert_graph_full (network, hits, n_hits, together, n_together, FALSE);
}

/* The highest point of the edge from @from to @to. */
static double
edge_top (StrataLayout *layout,
          int           from,
          int           to)
{
  for (guint e = 0; e < layout->edges->len; e++)
    {
      const StrataEdge *edge = &g_array_index (layout->edges, StrataEdge, e);
      double top = G_MAXDOUBLE;

      if (edge->from != from || edge->to != to)
        continue;
      for (guint i = 0; i < edge->n_points; i++)
        top = MIN (top, edge_point (layout, edge, i)->y);
      return top;
    }
  g_error ("No edge from %d to %d", from, to);
}

static double
axis_of (StrataLayout *layout,
         int           position)
{
  const StrataColumn *c = column_at (layout, position);

  return c->y + c->size.height / 2;
}

static gboolean
legend_has_glyph (StrataLayout    *layout,
                  StrataLayerKind  kind)
{
  for (guint i = 0; i < layout->legend->len; i++)
    {
      const StrataLegendEntry *entry = &g_array_index (layout->legend, StrataLegendEntry, i);

      if (entry->is_glyph && entry->kind == kind)
        return TRUE;
    }
  return FALSE;
}

/* Two residual blocks: the identity shortcut is an arc above the blocks
 * it skips; the projection shortcut's block is in a lane above them. */
static void
test_resnet (void)
{
  g_autoptr(StrataNetwork) network = test_resnet_network ();
  g_autoptr(StrataLayout) layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                STRATA_SCALE_SQRT, 0);
  const int hits[] = { 6, 15, 13, 1, STRATA_LAYOUT_INPUT };
  const int block1[] = { 1, 4, 6 }, block2[] = { 8, 11, 13, 15 };
  double top;

  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
  assert_graph (network, hits, G_N_ELEMENTS (hits), block1, G_N_ELEMENTS (block1));
  assert_graph (network, hits, G_N_ELEMENTS (hits), block2, G_N_ELEMENTS (block2));

  /* Adds are merges, with their ReLU as a band; batch normalizations are
   * bands of their convolutions. */
  g_assert_true (column_at (layout, 6)->is_merge);
  g_assert_cmpuint (column_at (layout, 6)->size.n_bands, ==, 1);
  g_assert_cmpint (column_holding (layout, 7)->position, ==, 6);
  g_assert_cmpint (column_holding (layout, 14)->position, ==, 13);
  g_assert_cmpuint (strata_layout_n_columns (layout), ==, 1 + 10);

  /* The identity arc clears the tops of the blocks it skips. */
  top = edge_top (layout, 0, 6);
  g_assert_cmpfloat (top, <, column_at (layout, 1)->block_rect.y - 10);
  g_assert_cmpfloat (top, <, column_at (layout, 4)->block_rect.y - 10);
  /* The main path stays on the axis, the projection above it. */
  g_assert_cmpfloat (axis_of (layout, 8), ==, axis_of (layout, 6));
  g_assert_cmpfloat (axis_of (layout, 11), ==, axis_of (layout, 15));
  g_assert_cmpfloat (column_at (layout, 13)->bounds.y + column_at (layout, 13)->bounds.height, <,
                     column_at (layout, 8)->block_rect.y);
  g_assert_true (legend_has_glyph (layout, STRATA_LAYER_KIND_ADD));
}

/* Four branches side by side, in the order they are concatenated, the
 * longest on the axis; none of them is split across rows. */
static void
test_inception (void)
{
  g_autoptr(StrataNetwork) network = test_inception_network ();
  g_autoptr(StrataLayout) layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                STRATA_SCALE_SQRT, 0);
  const int hits[] = { 7, 0, 2, 4, 6 };
  const int module[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
  double lanes[4];

  assert_graph (network, hits, G_N_ELEMENTS (hits), module, G_N_ELEMENTS (module));

  lanes[0] = axis_of (layout, 0);
  lanes[1] = axis_of (layout, 2);
  lanes[2] = axis_of (layout, 4);
  lanes[3] = axis_of (layout, 6);
  g_assert_cmpfloat (lanes[1], ==, axis_of (layout, 7));
  g_assert_cmpfloat (lanes[1], ==, axis_of (layout, 1));
  for (guint l = 0; l + 1 < 4; l++)
    g_assert_cmpfloat (lanes[l], <, lanes[l + 1]);
  /* Each lane's blocks sit below the labels of the lane above. */
  g_assert_cmpfloat (column_at (layout, 0)->bounds.y + column_at (layout, 0)->bounds.height, <,
                     column_at (layout, 1)->block_rect.y);
  g_assert_cmpfloat (column_at (layout, 2)->bounds.y + column_at (layout, 2)->bounds.height, <,
                     column_at (layout, 3)->block_rect.y);
  g_assert_true (column_at (layout, 7)->is_merge);
  g_assert_cmpint (column_at (layout, 7)->kind, ==, STRATA_LAYER_KIND_CONCATENATE);
  g_assert_true (legend_has_glyph (layout, STRATA_LAYER_KIND_CONCATENATE));
}

/* The long skips of a U-Net are arcs nested over the path between them:
 * the longest highest, none over a block or a label. */
static void
test_unet (void)
{
  g_autoptr(StrataNetwork) network = test_unet_network ();
  g_autoptr(StrataLayout) layout = layout_with (network, STRATA_DIAGRAM_STYLE_FLAT,
                                                STRATA_SCALE_SQRT, 1280);
  const int hits[] = { 12, 16, 20, 11, 15 };
  const int down_and_up[] = { 2, 3, 9, 12, 16, 19, 20 };
  double tops[3];

  assert_graph (network, hits, G_N_ELEMENTS (hits), down_and_up, G_N_ELEMENTS (down_and_up));

  tops[0] = edge_top (layout, 1, 20);
  tops[1] = edge_top (layout, 4, 16);
  tops[2] = edge_top (layout, 7, 12);
  g_assert_cmpfloat (tops[0], <, tops[1]);
  g_assert_cmpfloat (tops[1], <, tops[2]);
  /* Each is above the blocks it skips. */
  for (int i = 8; i < 12; i++)
    g_assert_cmpfloat (tops[2], <, column_at (layout, i)->block_rect.y - 10);
  for (int i = 2; i < 20; i++)
    if (!column_at (layout, i)->is_merge && column_holding (layout, i)->position == i)
      g_assert_cmpfloat (tops[0], <, column_at (layout, i)->block_rect.y - 10);
  /* The path between stays on one axis. */
  for (guint i = 0; i < G_N_ELEMENTS (down_and_up); i++)
    g_assert_cmpfloat (axis_of (layout, down_and_up[i]), ==, axis_of (layout, 12));
}

/* A merge that cannot apply is drawn as any failed layer, with its edges. */
static void
test_broken_merge (void)
{
  g_autoptr(StrataNetwork) network = test_broken_merge_network ();
  g_autoptr(StrataLayout) layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                STRATA_SCALE_SQRT, 0);
  const int hits[] = { 2, 1, 3 };
  const int all[] = { 0, 1, 2 };
  const StrataColumn *sum = column_at (layout, 2);

  g_assert_cmpint (strata_network_get_first_error (network), ==, 2);
  assert_graph (network, hits, G_N_ELEMENTS (hits), all, G_N_ELEMENTS (all));
  g_assert_false (sum->is_merge);
  g_assert_true (sum->size.is_placeholder);
  g_assert_true (sum->has_error);
  g_assert_false (legend_has_glyph (layout, STRATA_LAYER_KIND_ADD));
}

/* A further input is an input block that nothing leads into; a network
 * with two outputs ends in two lanes. */
static void
test_inputs_and_outputs (void)
{
  GPtrArray *l = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StrataNetwork) network = NULL;
  g_autoptr(StrataLayout) layout = NULL;
  StrataLayer *image, *aux, *joined;
  const int hits[] = { 1, 2, 3, 4 };
  const int all[] = { 0, 1, 2 };

  image = test_push (l, test_conv ("image conv", 8, 3, 1, STRATA_ACTIVATION_RELU));
  aux = test_push (l, test_layer (STRATA_LAYER_KIND_INPUT, "aux", "height", 16, "width", 16,
                                  "channels", 4, NULL));
  joined = test_push (l, test_reads (test_layer (STRATA_LAYER_KIND_CONCATENATE, "join", NULL),
                                     2, image, aux));
  test_push (l, test_reads (test_layer (STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D, "head a", NULL),
                            1, joined));
  test_push (l, test_reads (test_layer (STRATA_LAYER_KIND_GLOBAL_MAXPOOL2D, "head b", NULL),
                            1, joined));
  network = test_network_of ("Two inputs, two outputs", 16, 16, 3, l);
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);

  assert_graph (network, hits, G_N_ELEMENTS (hits), all, G_N_ELEMENTS (all));
  layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS, STRATA_SCALE_SQRT, 0);
  g_assert_cmpint (column_at (layout, 1)->category, ==, STRATA_LAYER_CATEGORY_INPUT);
  g_assert_true (column_at (layout, 1)->has_shape);
  g_assert_false (column_at (layout, 1)->size.is_placeholder);
  /* The two outputs are side by side, after the merge. */
  g_assert_cmpfloat (axis_of (layout, 3), !=, axis_of (layout, 4));
  g_assert_cmpfloat (column_at (layout, 3)->x, >, column_at (layout, 2)->x);
  g_assert_cmpfloat (column_at (layout, 4)->x, >, column_at (layout, 2)->x);
}

/* A graph that does not cut into lanes (one branch reads another and the
 * merge after it) still has every edge, as arcs over its blocks. */
static void
test_fallback (void)
{
  GPtrArray *l = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StrataNetwork) network = NULL;
  StrataLayer *a, *b, *c;
  const int hits[] = { 0, 1, 2, 3 };
  const int all[] = { STRATA_LAYOUT_INPUT, 0, 1, 2, 3 };

  a = test_push (l, test_conv ("a", 8, 3, 1, STRATA_ACTIVATION_NONE));
  b = test_push (l, test_reads (test_conv ("b", 8, 1, 1, STRATA_ACTIVATION_NONE), 1, NULL));
  c = test_push (l, test_reads (test_layer (STRATA_LAYER_KIND_ADD, "c", NULL), 2, a, b));
  test_push (l, test_reads (test_layer (STRATA_LAYER_KIND_ADD, "d", NULL), 2, a, c));
  network = test_network_of ("Crossing", 8, 8, 8, l);
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);

  assert_graph_full (network, hits, G_N_ELEMENTS (hits), all, G_N_ELEMENTS (all), TRUE);
}

/* A residual network wraps into rows between its blocks, and only there. */
static void
test_residual_rows (void)
{
  g_autoptr(StrataNetwork) network = test_residual_network (40);
  g_autoptr(StrataLayout) layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                STRATA_SCALE_SQRT, 1280);
  double width;

  g_assert_cmpuint (strata_layout_get_n_rows (layout), >, 5);
  strata_layout_get_size (layout, &width, NULL);
  g_assert_cmpfloat (width, <=, 1280);
  assert_rows (layout);
  for (guint r = 1; r < layout->rows->len; r++)
    {
      const StrataRow *row = &g_array_index (layout->rows, StrataRow, r);
      const StrataColumn *first = strata_layout_column (layout, row->first);

      /* Each row starts with a block's first convolution. */
      g_assert_cmpint (first->position % 3, ==, 0);
    }
  assert_tidy (layout);
  assert_edges (layout, network, FALSE);
}

/* Skips nested hundreds deep, as a file may hold: past a depth the
 * nesting is drawn as a fallback, every edge still there. */
static void
test_deep (void)
{
  GPtrArray *l = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) downs = g_ptr_array_new ();
  g_autoptr(StrataNetwork) network = NULL;
  StrataLayer *up = NULL;
  const guint depth = 300;

  for (guint i = 0; i < depth; i++)
    {
      g_autofree char *name = g_strdup_printf ("down%u", i);

      g_ptr_array_add (downs, test_push (l, test_conv (name, 4, 1, 1, STRATA_ACTIVATION_NONE)));
    }
  for (guint i = depth; i-- > 0;)
    {
      g_autofree char *name = g_strdup_printf ("up%u", i);

      up = test_push (l, test_reads (test_layer (STRATA_LAYER_KIND_ADD, name, NULL), 2,
                                     up != NULL ? up : downs->pdata[depth - 1],
                                     i > 0 ? downs->pdata[i - 1] : NULL));
    }
  network = test_network_of ("Deep", 8, 8, 4, l);
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);

  for (StrataDiagramStyle s = STRATA_DIAGRAM_STYLE_BLOCKS; s <= STRATA_DIAGRAM_STYLE_BARS; s++)
    {
      g_autoptr(StrataLayout) layout = layout_with (network, s, STRATA_SCALE_SQRT, 1280);

      assert_edges (layout, network, s == STRATA_DIAGRAM_STYLE_BARS);
      assert_hit (layout, 2 * depth - 1, s == STRATA_DIAGRAM_STYLE_BARS);
    }
}

/* A chain has no graph in the bars style, and one edge per block. */
static void
test_chain (void)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(StrataLayout) bars = layout_with (network, STRATA_DIAGRAM_STYLE_BARS,
                                              STRATA_SCALE_SQRT, 0);
  g_autoptr(StrataLayout) blocks = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                STRATA_SCALE_SQRT, 700);

  g_assert_cmpuint (bars->markers->len, ==, 0);
  g_assert_cmpuint (bars->edges->len, ==, 0);
  g_assert_cmpuint (blocks->edges->len, ==, strata_layout_n_columns (blocks) - 1);
  g_assert_cmpuint (strata_layout_get_n_rows (blocks), >, 1);
  assert_edges (blocks, network, FALSE);
  assert_rows (blocks);
}

/* The built-in branching examples lay out tidily in every style, at their
 * own width and fitted to a slide. */
static void
test_examples (void)
{
  static const char * const ids[] = { "resnet18", "unet", "googlenet" };
  const double slide_widths[] = { 0, 960 };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = strata_file_load_example (ids[i], &error);

      g_assert_no_error (error);
      g_test_message ("example %s", ids[i]);
      for (StrataDiagramStyle s = STRATA_DIAGRAM_STYLE_BLOCKS; s <= STRATA_DIAGRAM_STYLE_BARS; s++)
        for (guint w = 0; w < G_N_ELEMENTS (slide_widths); w++)
          {
            g_autoptr(StrataLayout) layout = layout_with (network, s, STRATA_SCALE_SQRT,
                                                          slide_widths[w]);

            assert_tidy (layout);
          }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout-graph/chain", test_chain);
  g_test_add_func ("/layout-graph/resnet", test_resnet);
  g_test_add_func ("/layout-graph/inception", test_inception);
  g_test_add_func ("/layout-graph/unet", test_unet);
  g_test_add_func ("/layout-graph/broken-merge", test_broken_merge);
  g_test_add_func ("/layout-graph/inputs-and-outputs", test_inputs_and_outputs);
  g_test_add_func ("/layout-graph/fallback", test_fallback);
  g_test_add_func ("/layout-graph/residual-rows", test_residual_rows);
  g_test_add_func ("/layout-graph/deep", test_deep);
  g_test_add_func ("/layout-graph/examples", test_examples);

  return g_test_run ();
}
