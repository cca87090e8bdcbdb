/* test-layout-dimensions.c: each block's dimensions on its edges, in every layout. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>

#include "strata-export.h"
#include "strata-file.h"
#include "test-layout-checks.h"

static StrataLayout *
layout_on_edges (StrataNetwork *network,
                 gboolean       on_edges)
{
  StrataRenderOptions options;

  strata_render_options_init (&options);
  options.arrangement = STRATA_ARRANGEMENT_COMPACT;
  options.dimensions_on_edges = on_edges;
  return strata_layout_new (network, &options);
}

static const char *
dimension_text (const StrataColumn *c,
                StrataDimension     d)
{
  return c->dims[d] != NULL ? pango_layout_get_text (c->dims[d]) : NULL;
}

/* The lecture example: each block's height left of its front face and
 * under the arrow coming in, its channels under the front face, its
 * width under the receding side; a vector's length only; no shape under
 * the blocks any more, and nothing overlapping. */
static void
test_lecture (void)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(StrataLayout) layout = layout_on_edges (network, TRUE);
  g_autoptr(StrataLayout) plain = layout_on_edges (network, FALSE);
  const StrataColumn *conv1 = strata_layout_column (layout, 1);
  const StrataColumn *fc3 = NULL;
  cairo_rectangle_t h, c, w;

  assert_tidy (layout);
  assert_tidy (plain);
  g_assert_cmpstr (pango_layout_get_text (conv1->lines[STRATA_LINE_NAME]), ==, "conv1");
  g_assert_cmpstr (dimension_text (conv1, STRATA_DIMENSION_HEIGHT), ==, "28");
  g_assert_cmpstr (dimension_text (conv1, STRATA_DIMENSION_CHANNELS), ==, "8");
  g_assert_cmpstr (dimension_text (conv1, STRATA_DIMENSION_WIDTH), ==, "28");
  g_assert_null (conv1->lines[STRATA_LINE_SHAPE]);
  g_assert_nonnull (strata_layout_column (plain, 1)->lines[STRATA_LINE_SHAPE]);
  g_assert_null (strata_layout_column (plain, 1)->dims[STRATA_DIMENSION_HEIGHT]);

  g_assert_true (strata_column_get_dimension_rect (conv1, STRATA_DIMENSION_HEIGHT, &h));
  g_assert_true (strata_column_get_dimension_rect (conv1, STRATA_DIMENSION_CHANNELS, &c));
  g_assert_true (strata_column_get_dimension_rect (conv1, STRATA_DIMENSION_WIDTH, &w));
  g_assert_cmpfloat (h.x + h.width, <, conv1->x);
  g_assert_cmpfloat (h.y, >, conv1->y + conv1->size.height / 2);
  g_assert_cmpfloat (h.y + h.height, <=, conv1->y + conv1->size.height);
  g_assert_cmpfloat (c.y, >, conv1->y + conv1->size.height);
  g_assert_cmpfloat (c.x, >=, conv1->x);
  g_assert_cmpfloat (c.x + c.width, <=, conv1->x + conv1->size.thickness);
  g_assert_cmpfloat (w.x, >, conv1->x + conv1->total_thickness);
  g_assert_cmpfloat (w.y, <, conv1->y + conv1->size.height);
  /* The width is turned along the side's lower edge, at 45°, just under it. */
  {
    StrataPoint q[4];
    double front_x = conv1->x + conv1->total_thickness, front_y = conv1->y + conv1->size.height;

    g_assert_true (strata_column_dimension_is_turned (conv1, STRATA_DIMENSION_WIDTH));
    g_assert_false (strata_column_dimension_is_turned (conv1, STRATA_DIMENSION_HEIGHT));
    g_assert_true (strata_column_get_dimension_quad (conv1, STRATA_DIMENSION_WIDTH, q));
    g_assert_cmpfloat_with_epsilon (q[1].x - q[0].x, q[0].y - q[1].y, 1e-9);
    g_assert_cmpfloat_with_epsilon (hypot (q[1].x - q[0].x, q[1].y - q[0].y),
                                    conv1->dim_size[STRATA_DIMENSION_WIDTH].width, 1e-9);
    /* Its top line is 3 points under the edge, which runs through the
     * front face's lower right corner: x + y is the same along it. */
    g_assert_cmpfloat_with_epsilon ((q[0].x + q[0].y) - (front_x + front_y), 3 * G_SQRT2, 1e-9);
    g_assert_cmpfloat_with_epsilon ((q[1].x + q[1].y) - (front_x + front_y), 3 * G_SQRT2, 1e-9);
    /* Within the edge's length, from its middle. */
    g_assert_cmpfloat (q[0].x, >, front_x);
    g_assert_cmpfloat (q[1].x, <, front_x + conv1->dx + 3);
  }
  /* The labels start under the numbers. */
  g_assert_cmpfloat (conv1->label_rect.y, >, c.y + c.height);

  for (guint i = 0; i < strata_layout_n_columns (layout) && fc3 == NULL; i++)
    if (strata_layout_column (layout, i)->size.is_vector)
      fc3 = strata_layout_column (layout, i);
  g_assert_nonnull (fc3);
  g_assert_cmpstr (dimension_text (fc3, STRATA_DIMENSION_HEIGHT), ==, "120");
  g_assert_null (fc3->dims[STRATA_DIMENSION_CHANNELS]);
  g_assert_null (fc3->dims[STRATA_DIMENSION_WIDTH]);
}

/* Every example, blocks and flat, fitted to a page or not, in the
 * compact row and the rows layout, stays tidy. */
static void
test_examples (void)
{
  static const char * const ids[] = { "vgg16", "alexnet", "lenet5", "lecture", "resnet18",
                                      "unet", "googlenet" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(StrataNetwork) network = strata_file_load_example (ids[i], NULL);
      gboolean paged = g_str_equal (ids[i], "vgg16");

      g_test_message ("example %s", ids[i]);
      for (StrataDiagramStyle s = STRATA_DIAGRAM_STYLE_BLOCKS; s <= STRATA_DIAGRAM_STYLE_FLAT; s++)
        {
          g_autoptr(StrataLayout) layout = NULL;
          g_autoptr(StrataLayout) rows = NULL;
          g_autoptr(StrataLayout) page = NULL;
          g_autoptr(StrataLayout) plain = NULL;
          StrataRenderOptions options;
          StrataPageFit fit;
          guint n_dims = 0;

          strata_render_options_init (&options);
          options.style = s;
          options.arrangement = STRATA_ARRANGEMENT_COMPACT;
          options.dimensions_on_edges = TRUE;
          layout = strata_layout_new (network, &options);
          assert_tidy (layout);
          for (guint k = 0; k < strata_layout_n_columns (layout); k++)
            n_dims += strata_layout_column (layout, k)->dims[0] != NULL;
          g_assert_cmpuint (n_dims, >, strata_layout_n_columns (layout) / 2);

          strata_page_init (&options.page, STRATA_PAGE_SLIDE, 0, 0);
          page = strata_layout_new_for_page (network, &options, &fit);
          assert_tidy (page);

          options.arrangement = STRATA_ARRANGEMENT_ROWS;
          options.page.preset = STRATA_PAGE_NONE;
          rows = strata_layout_new (network, &options);
          assert_tidy (rows);
          n_dims = 0;
          for (guint k = 0; k < strata_layout_n_columns (rows); k++)
            {
              const StrataColumn *c = strata_layout_column (rows, k);

              n_dims += c->dims[0] != NULL;
              /* The shape is on the edges, the rest of the label under. */
              if (c->dims[0] != NULL)
                g_assert_null (c->lines[STRATA_LINE_SHAPE]);
            }
          g_assert_cmpuint (n_dims, >, strata_layout_n_columns (rows) / 2);
          /* A page tries dozens of layouts: VGG-16's in 3D only, lest
           * the sanitizers' run take minutes. */
          if (paged && s == STRATA_DIAGRAM_STYLE_BLOCKS)
            {
              strata_page_init (&options.page, STRATA_PAGE_COLUMN, 0, 0);
              g_clear_pointer (&page, strata_layout_unref);
              page = strata_layout_new_for_page (network, &options, &fit);
              assert_tidy (page);
            }

          /* Top to bottom, the edges going down keep clear of them too. */
          options.arrangement = STRATA_ARRANGEMENT_TOP_TO_BOTTOM;
          options.page.preset = STRATA_PAGE_NONE;
          g_clear_pointer (&rows, strata_layout_unref);
          rows = strata_layout_new (network, &options);
          assert_tidy (rows);
          n_dims = 0;
          for (guint k = 0; k < strata_layout_n_columns (rows); k++)
            n_dims += strata_layout_column (rows, k)->dims[0] != NULL;
          g_assert_cmpuint (n_dims, >, strata_layout_n_columns (rows) / 2);
          if (paged && s == STRATA_DIAGRAM_STYLE_BLOCKS)
            {
              strata_page_init (&options.page, STRATA_PAGE_SLIDE, 0, 0);
              g_clear_pointer (&page, strata_layout_unref);
              page = strata_layout_new_for_page (network, &options, &fit);
              assert_tidy (page);
            }

          /* Nor does the compact row without them, whose lanes' edges
           * keep clear of its narrower gaps' labels. */
          options.arrangement = STRATA_ARRANGEMENT_COMPACT;
          options.dimensions_on_edges = FALSE;
          options.page.preset = STRATA_PAGE_NONE;
          plain = strata_layout_new (network, &options);
          assert_tidy (plain);
        }
    }
}

/* Top to bottom, the lecture example's numbers keep clear of the edge
 * going down from each block's middle: the channels left of it, the
 * width right of it; the labels right of them all. */
static void
test_top_to_bottom (void)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(StrataLayout) layout = NULL;
  StrataRenderOptions options;
  guint n_checked = 0;

  strata_render_options_init (&options);
  options.arrangement = STRATA_ARRANGEMENT_TOP_TO_BOTTOM;
  options.dimensions_on_edges = TRUE;
  layout = strata_layout_new (network, &options);
  assert_tidy (layout);
  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    {
      const StrataColumn *c = strata_layout_column (layout, i);
      double exit = c->x + c->block_width / 2;
      cairo_rectangle_t h, ch, w;

      if (c->dims[STRATA_DIMENSION_CHANNELS] == NULL)
        continue;
      g_assert_true (strata_column_get_dimension_rect (c, STRATA_DIMENSION_HEIGHT, &h));
      g_assert_true (strata_column_get_dimension_rect (c, STRATA_DIMENSION_CHANNELS, &ch));
      g_assert_true (strata_column_get_dimension_rect (c, STRATA_DIMENSION_WIDTH, &w));
      g_assert_cmpfloat (h.x + h.width, <, c->x);
      g_assert_cmpfloat (ch.x + ch.width, <, exit - STRATA_ARROW_WIDTH);
      g_assert_cmpfloat (ch.y, >, c->y + c->size.height);
      g_assert_cmpfloat (w.x, >, exit + STRATA_ARROW_WIDTH);
      g_assert_cmpfloat (c->label_rect.x, >, MAX (w.x + w.width, c->x + c->block_width));
      n_checked++;
    }
  /* The input, the two convolutions and the two poolings. */
  g_assert_cmpuint (n_checked, ==, 5);
}

/* The SVG writes the numbers as text, and its metadata keeps each block's shape. */
static void
test_svg (void)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  StrataRenderOptions options;
  const char *contents;

  strata_render_options_init (&options);
  options.arrangement = STRATA_ARRANGEMENT_COMPACT;
  options.dimensions_on_edges = TRUE;
  bytes = strata_export_to_bytes (network, &options, STRATA_EXPORT_FORMAT_SVG, 72, &error);
  g_assert_no_error (error);
  contents = g_bytes_get_data (bytes, NULL);
  g_assert_nonnull (strstr (contents, ">120</text>"));
  /* conv1's width, turned about where its text starts. */
  g_assert_nonnull (strstr (contents, "transform=\"rotate(-45 "));
  g_assert_nonnull (strstr (contents, "shape=\"28 × 28 × 8\""));
  g_assert_null (strstr (contents, ">28 × 28 × 8</text>"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout-dimensions/lecture", test_lecture);
  g_test_add_func ("/layout-dimensions/examples", test_examples);
  g_test_add_func ("/layout-dimensions/top-to-bottom", test_top_to_bottom);
  g_test_add_func ("/layout-dimensions/svg", test_svg);

  return g_test_run ();
}
