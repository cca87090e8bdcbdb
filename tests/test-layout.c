/* test-layout.c: block sizes follow shapes and the scale, and nothing in a diagram overlaps. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <locale.h>
#include <math.h>
#include <string.h>

#include "strata-export.h"
#include "strata-svg-private.h"
#include "test-layout-checks.h"

#define EPSILON 1e-9

static void
test_options_defaults (void)
{
  StrataRenderOptions options;

  memset (&options, 0xff, sizeof options);
  strata_render_options_init (&options);
  g_assert_cmpint (options.style, ==, STRATA_DIAGRAM_STYLE_BLOCKS);
  g_assert_cmpint (options.theme, ==, STRATA_THEME_LIGHT);
  g_assert_cmpint (options.scale, ==, STRATA_SCALE_SQRT);
  g_assert_true (options.show_params);
  g_assert_false (options.show_kernels);
  g_assert_true (options.show_legend);
  g_assert_true (options.show_title);
  g_assert_false (options.transparent);
  g_assert_cmpfloat (options.max_width, ==, 0);
  g_assert_cmpint (options.selected, ==, -1);
}

static void
test_option_strings (void)
{
  StrataDiagramStyle style;
  StrataTheme theme;
  StrataScaleMode scale;

  for (StrataDiagramStyle s = STRATA_DIAGRAM_STYLE_BLOCKS; s <= STRATA_DIAGRAM_STYLE_BARS; s++)
    {
      g_assert_true (strata_diagram_style_from_string (strata_diagram_style_to_string (s), &style));
      g_assert_cmpint (style, ==, s);
    }
  for (StrataTheme t = STRATA_THEME_LIGHT; t <= STRATA_THEME_PRINT; t++)
    {
      g_assert_true (strata_theme_from_string (strata_theme_to_string (t), &theme));
      g_assert_cmpint (theme, ==, t);
    }
  for (StrataScaleMode m = STRATA_SCALE_LINEAR; m <= STRATA_SCALE_LOG; m++)
    {
      g_assert_true (strata_scale_mode_from_string (strata_scale_mode_to_string (m), &scale));
      g_assert_cmpint (scale, ==, m);
    }

  g_assert_cmpstr (strata_diagram_style_to_string (STRATA_DIAGRAM_STYLE_FLAT), ==, "flat");
  g_assert_cmpstr (strata_theme_to_string (STRATA_THEME_PRINT), ==, "print");
  g_assert_cmpstr (strata_scale_mode_to_string (STRATA_SCALE_SQRT), ==, "sqrt");
  g_assert_true (strata_theme_from_string ("Dark", &theme));
  g_assert_cmpint (theme, ==, STRATA_THEME_DARK);

  style = STRATA_DIAGRAM_STYLE_FLAT;
  g_assert_false (strata_diagram_style_from_string ("cubes", &style));
  g_assert_false (strata_diagram_style_from_string ("", &style));
  g_assert_false (strata_diagram_style_from_string (NULL, &style));
  g_assert_cmpint (style, ==, STRATA_DIAGRAM_STYLE_FLAT);
  g_assert_false (strata_theme_from_string ("solarized", &theme));
  g_assert_false (strata_scale_mode_from_string ("log2", &scale));
}

/* The formulas of docs/diagrams.md, number by number. */
static void
test_size_formulas (void)
{
  gboolean clamped = TRUE;

  /* Square root: 10 √n, 3 √C, 2.8 √length. */
  g_assert_cmpfloat_with_epsilon (strata_render_size_for (STRATA_SCALE_SQRT, STRATA_SIZE_SPATIAL,
                                                          224, 1.0, &clamped),
                                  10 * sqrt (224), EPSILON);
  g_assert_false (clamped);
  g_assert_cmpfloat_with_epsilon (strata_render_size_for (STRATA_SCALE_SQRT, STRATA_SIZE_SPATIAL,
                                                          49, 1.0, NULL), 70.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (strata_render_size_for (STRATA_SCALE_SQRT, STRATA_SIZE_CHANNELS,
                                                          64, 1.0, NULL), 24.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (strata_render_size_for (STRATA_SCALE_SQRT, STRATA_SIZE_VECTOR,
                                                          100, 1.0, NULL), 28.0, EPSILON);

  /* Linear: 0.75 n, 0.12 C, 0.1 length. */
  g_assert_cmpfloat_with_epsilon (strata_render_size_for (STRATA_SCALE_LINEAR, STRATA_SIZE_SPATIAL,
                                                          224, 1.0, NULL), 168.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (strata_render_size_for (STRATA_SCALE_LINEAR, STRATA_SIZE_CHANNELS,
                                                          512, 1.0, NULL), 61.44, EPSILON);
  g_assert_cmpfloat_with_epsilon (strata_render_size_for (STRATA_SCALE_LINEAR, STRATA_SIZE_VECTOR,
                                                          1000, 1.0, NULL), 100.0, EPSILON);

  /* Logarithmic: 18 (1 + log₂ n), 6 (1 + log₂ C), 13 (1 + log₂ length). */
  g_assert_cmpfloat_with_epsilon (strata_render_size_for (STRATA_SCALE_LOG, STRATA_SIZE_SPATIAL,
                                                          32, 1.0, NULL), 108.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (strata_render_size_for (STRATA_SCALE_LOG, STRATA_SIZE_CHANNELS,
                                                          512, 1.0, NULL), 60.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (strata_render_size_for (STRATA_SCALE_LOG, STRATA_SIZE_VECTOR,
                                                          1, 1.0, NULL), 13.0, EPSILON);

  /* The zoom multiplies before the clamps. */
  g_assert_cmpfloat_with_epsilon (strata_render_size_for (STRATA_SCALE_SQRT, STRATA_SIZE_SPATIAL,
                                                          49, 2.0, NULL), 140.0, EPSILON);

  /* Clamps: the maximum cuts and says so; the minimum only lifts. */
  g_assert_cmpfloat (strata_render_size_for (STRATA_SCALE_LINEAR, STRATA_SIZE_SPATIAL,
                                             1000, 1.0, &clamped), ==, 180.0);
  g_assert_true (clamped);
  g_assert_cmpfloat (strata_render_size_for (STRATA_SCALE_SQRT, STRATA_SIZE_CHANNELS,
                                             4096, 1.0, &clamped), ==, 90.0);
  g_assert_true (clamped);
  g_assert_cmpfloat (strata_render_size_for (STRATA_SCALE_SQRT, STRATA_SIZE_VECTOR,
                                             25088, 1.0, &clamped), ==, 180.0);
  g_assert_true (clamped);
  g_assert_cmpfloat (strata_render_size_for (STRATA_SCALE_LINEAR, STRATA_SIZE_CHANNELS,
                                             3, 1.0, &clamped), ==, 4.0);
  g_assert_false (clamped);
  g_assert_cmpfloat (strata_render_size_for (STRATA_SCALE_LINEAR, STRATA_SIZE_SPATIAL,
                                             1, 1.0, &clamped), ==, 8.0);
  g_assert_false (clamped);
  /* A dimension of 0 is drawn as 1, never as nothing. */
  g_assert_cmpfloat (strata_render_size_for (STRATA_SCALE_LOG, STRATA_SIZE_SPATIAL,
                                             0, 1.0, NULL), ==, 18.0);

  /* Zoom: the largest spatial side near 150 pt, between 1 and 2.5. */
  g_assert_cmpfloat_with_epsilon (strata_render_zoom_for (STRATA_SCALE_SQRT, 32), 2.5, EPSILON);
  g_assert_cmpfloat_with_epsilon (strata_render_zoom_for (STRATA_SCALE_SQRT, 224),
                                  150 / (10 * sqrt (224)), EPSILON);
  g_assert_cmpfloat_with_epsilon (strata_render_zoom_for (STRATA_SCALE_LINEAR, 112),
                                  150 / 84.0, EPSILON);
  g_assert_cmpfloat (strata_render_zoom_for (STRATA_SCALE_SQRT, 1024), ==, 1.0);
}

static void
assert_block (StrataLayout *layout,
              int           position,
              double        thickness,
              double        height,
              double        depth,
              guint         n_bands)
{
  StrataBlockSize size;

  g_assert_true (strata_layout_get_block_size (layout, position, &size));
  g_assert_cmpfloat_with_epsilon (size.thickness, thickness, 1e-6);
  g_assert_cmpfloat_with_epsilon (size.height, height, 1e-6);
  g_assert_cmpfloat_with_epsilon (size.depth, depth, 1e-6);
  g_assert_cmpuint (size.n_bands, ==, n_bands);
}

static void
test_block_sizes_lecture (void)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(StrataLayout) sqrt_layout = NULL;
  g_autoptr(StrataLayout) linear_layout = NULL;
  g_autoptr(StrataLayout) log_layout = NULL;
  StrataBlockSize size;
  double z;

  /* Square root: the largest side is 32, so the zoom is capped at 2.5. */
  sqrt_layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS, STRATA_SCALE_SQRT, 0);
  z = strata_layout_get_zoom (sqrt_layout);
  g_assert_cmpfloat (z, ==, 2.5);
  assert_block (sqrt_layout, STRATA_LAYOUT_INPUT, z * 3 * sqrt (3), z * 10 * sqrt (32),
                z * 10 * sqrt (32), 0);
  assert_block (sqrt_layout, 0, z * 3 * sqrt (8), z * 10 * sqrt (28), z * 10 * sqrt (28), 1);
  assert_block (sqrt_layout, 1, z * 3 * sqrt (8), z * 10 * sqrt (14), z * 10 * sqrt (14), 0);
  assert_block (sqrt_layout, 2, z * 3 * sqrt (16), z * 10 * sqrt (10), z * 10 * sqrt (10), 1);
  assert_block (sqrt_layout, 3, z * 3 * sqrt (16), z * 10 * sqrt (5), z * 10 * sqrt (5), 0);
  g_assert_true (strata_layout_get_block_size (sqrt_layout, 4, &size));
  g_assert_true (size.is_vector);
  g_assert_cmpfloat_with_epsilon (size.height, z * 2.8 * sqrt (120), 1e-6);
  g_assert_true (strata_layout_get_block_size (sqrt_layout, 6, &size));
  g_assert_cmpfloat_with_epsilon (size.height, z * 2.8 * sqrt (10), 1e-6);
  g_assert_false (strata_layout_has_clamped (sqrt_layout));
  g_assert_false (strata_layout_get_block_size (sqrt_layout, 7, &size));

  /* Linear: 0.75 × 32 = 24 at zoom 1, so the zoom is 2.5 again. */
  linear_layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS, STRATA_SCALE_LINEAR, 0);
  g_assert_cmpfloat (strata_layout_get_zoom (linear_layout), ==, 2.5);
  assert_block (linear_layout, 0, 2.5 * 0.12 * 8 < 4 ? 4 : 2.5 * 0.12 * 8,
                2.5 * 0.75 * 28, 2.5 * 0.75 * 28, 1);
  assert_block (linear_layout, 3, 4.8, 2.5 * 0.75 * 5, 2.5 * 0.75 * 5, 0);

  /* Logarithmic: 18 (1 + log₂ 32) = 108, zoom 150 / 108. */
  log_layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS, STRATA_SCALE_LOG, 0);
  z = strata_layout_get_zoom (log_layout);
  g_assert_cmpfloat_with_epsilon (z, 150.0 / 108.0, EPSILON);
  assert_block (log_layout, STRATA_LAYOUT_INPUT, z * 6 * (1 + log2 (3)), 150, 150, 0);
  assert_block (log_layout, 1, z * 6 * 4, z * 18 * (1 + log2 (14)), z * 18 * (1 + log2 (14)), 0);
}

/* A ReLU layer of its own keeps the shape: it is a band on the block before
 * it, not a block of its own; the flatten's 25088 is cut by the clamp. */
static void
test_bands_and_clamps (void)
{
  g_autoptr(StrataNetwork) network = test_vgg16_network ();
  g_autoptr(StrataLayout) layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                STRATA_SCALE_SQRT, 0);
  StrataBlockSize size;
  guint n_blocks = 0;

  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 37);
  g_assert_true (strata_layout_get_block_size (layout, 0, &size));
  g_assert_cmpuint (size.n_bands, ==, 1);
  g_assert_false (strata_layout_get_block_size (layout, 1, &size));

  /* flatten is layer 31: 18 convolution layers and ReLUs, 5 pools, ... */
  g_assert_cmpint (strata_layer_get_kind (strata_network_get_layer (network, 31)), ==,
                   STRATA_LAYER_KIND_FLATTEN);
  g_assert_true (strata_layout_get_block_size (layout, 31, &size));
  g_assert_true (size.is_vector);
  g_assert_cmpfloat (size.height, ==, 180.0);
  g_assert_cmpuint (size.clamped, ==, STRATA_CLAMPED_HEIGHT);
  g_assert_true (strata_layout_has_clamped (layout));

  /* 13 convolutions, 5 pools, flatten, 3 dense and the input. */
  for (guint i = 0; i < strata_layout_get_n_boxes (layout); i++)
    if (strata_layout_get_box (layout, i)->kind == STRATA_BOX_BLOCK)
      n_blocks++;
  g_assert_cmpuint (n_blocks, ==, 13 + 5 + 1 + 3 + 1);
}

static void
test_no_overlaps (void)
{
  StrataNetwork *networks[] = {
    test_lecture_network (),
    test_vgg16_network (),
    test_broken_network (),
    test_long_network (120),
  };
  double widths[] = { 0, 1280, 700 };

  for (guint n = 0; n < G_N_ELEMENTS (networks); n++)
    {
      for (StrataDiagramStyle s = STRATA_DIAGRAM_STYLE_BLOCKS; s <= STRATA_DIAGRAM_STYLE_BARS; s++)
        for (StrataScaleMode m = STRATA_SCALE_LINEAR; m <= STRATA_SCALE_LOG; m++)
          for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
            {
              g_autoptr(StrataLayout) layout = layout_with (networks[n], s, m, widths[w]);
              double width;

              assert_tidy (layout);
              strata_layout_get_size (layout, &width, NULL);
              /* Rows keep to the width asked for, the legend wrapping too. */
              if (widths[w] > 0 && s != STRATA_DIAGRAM_STYLE_BARS)
                g_assert_cmpfloat (width, <=, widths[w] + 1);
            }
      g_object_unref (networks[n]);
    }
}

static void
test_rows (void)
{
  g_autoptr(StrataNetwork) network = test_vgg16_network ();
  g_autoptr(StrataLayout) one_row = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                 STRATA_SCALE_SQRT, 0);
  g_autoptr(StrataLayout) rows = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                              STRATA_SCALE_SQRT, 1280);
  g_autoptr(StrataLayout) narrow = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                STRATA_SCALE_SQRT, 600);
  cairo_rectangle_t first, last;
  double one_width, width;

  g_assert_cmpuint (strata_layout_get_n_rows (one_row), ==, 1);
  strata_layout_get_size (one_row, &one_width, NULL);
  g_assert_cmpfloat (one_width, >, 2560);

  g_assert_cmpuint (strata_layout_get_n_rows (rows), ==, 3);
  strata_layout_get_size (rows, &width, NULL);
  g_assert_cmpfloat (width, <=, 1280);
  g_assert_cmpuint (strata_layout_get_n_rows (narrow), >, strata_layout_get_n_rows (rows));

  /* Rows read top to bottom: the input is above the last layer. */
  g_assert_true (strata_layout_get_item_bounds (rows, STRATA_LAYOUT_INPUT, &first));
  g_assert_true (strata_layout_get_item_bounds (rows, 36, &last));
  g_assert_cmpfloat (first.y + first.height, <, last.y);
}

static gboolean
collect_item (int                      position,
              const cairo_rectangle_t *bounds,
              gpointer                 user_data)
{
  GArray *items = user_data;
  struct { int position; cairo_rectangle_t bounds; } item = { position, *bounds };

  g_array_append_val (items, item);
  return items->len < 5;
}

/* What meets an area, with its bounds as get_item_bounds() gives them,
 * as many as asked for. */
static void
test_items_in (void)
{
  g_autoptr(StrataNetwork) network = test_vgg16_network ();
  g_autoptr(StrataLayout) layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                STRATA_SCALE_SQRT, 1280);
  struct { int position; cairo_rectangle_t bounds; } *item;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof *item);
  cairo_rectangle_t all = { -1e6, -1e6, 2e6, 2e6 }, conv, area;
  int positions[64];
  guint n;

  n = strata_layout_get_items_in (layout, &all, positions, G_N_ELEMENTS (positions));
  /* The input and every layer, the input first. */
  g_assert_cmpuint (n, ==, strata_network_get_n_layers (network) + 1);
  g_assert_cmpint (positions[0], ==, STRATA_LAYOUT_INPUT);
  g_assert_cmpint (positions[1], ==, 0);
  g_assert_cmpuint (strata_layout_get_items_in (layout, &all, positions, 3), ==, 3);

  /* The callback stops the walk. */
  strata_layout_foreach_item_in (layout, &all, collect_item, items);
  g_assert_cmpuint (items->len, ==, 5);
  for (guint i = 0; i < items->len; i++)
    {
      cairo_rectangle_t bounds;

      item = &g_array_index (items, __typeof__ (*item), i);
      /* In the same order as the whole list (the call of 3 wrote the same first 3). */
      g_assert_cmpint (item->position, ==, positions[i]);
      g_assert_true (strata_layout_get_item_bounds (layout, item->position, &bounds));
      g_assert_cmpfloat (item->bounds.x, ==, bounds.x);
      g_assert_cmpfloat (item->bounds.width, ==, bounds.width);
    }

  /* An area on conv1_1 alone: it and the activation drawn on it. */
  g_assert_true (strata_layout_get_item_bounds (layout, 0, &conv));
  area = (cairo_rectangle_t) { conv.x + 1, conv.y + 1, 2, 2 };
  n = strata_layout_get_items_in (layout, &area, positions, G_N_ELEMENTS (positions));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (positions[0], ==, 0);
  g_assert_cmpint (positions[1], ==, 1);
}

/* A frame's corners are round where one can see them, square below a
 * pixel, where rounding them cost a fitted overview its frame. */
static void
test_highlight_path (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 100, 100);
  cairo_t *cr = cairo_create (surface);
  cairo_rectangle_t bounds = { 10, 10, 40, 30 };
  double scales[] = { 1, 0.05 };

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      cairo_path_t *path;
      guint curves = 0;
      double x1, y1, x2, y2;

      cairo_identity_matrix (cr);
      cairo_scale (cr, scales[s], scales[s]);
      strata_render_highlight_path (cr, &bounds);
      cairo_path_extents (cr, &x1, &y1, &x2, &y2);
      /* 6 points outside the bounds either way (cairo keeps device
       * coordinates to 1/256 of a pixel). */
      g_assert_cmpfloat_with_epsilon (x1, 4, 0.1);
      g_assert_cmpfloat_with_epsilon (x2, 56, 0.1);
      g_assert_cmpfloat_with_epsilon (y2, 46, 0.1);
      path = cairo_copy_path (cr);
      for (int i = 0; i < path->num_data; i += path->data[i].header.length)
        curves += path->data[i].header.type == CAIRO_PATH_CURVE_TO;
      cairo_path_destroy (path);
      cairo_new_path (cr);
      g_assert_cmpuint (curves, ==, s == 0 ? 4 : 0);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_hit_test (void)
{
  g_autoptr(StrataNetwork) network = test_vgg16_network ();
  g_autoptr(StrataLayout) layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                STRATA_SCALE_SQRT, 1280);
  cairo_rectangle_t conv, input, band_bounds;
  StrataBlockSize size;
  double band_x = -1, band_y = -1;

  g_assert_true (strata_layout_get_item_bounds (layout, STRATA_LAYOUT_INPUT, &input));
  g_assert_cmpint (strata_layout_hit_test (layout, input.x + input.width / 2,
                                           input.y + input.height - 2), ==, STRATA_LAYOUT_INPUT);

  /* conv1_1's block and its label, then the band of relu1_1 on it. */
  g_assert_true (strata_layout_get_item_bounds (layout, 0, &conv));
  g_assert_cmpint (strata_layout_hit_test (layout, conv.x + conv.width / 2,
                                           conv.y + conv.height - 2), ==, 0);
  g_assert_true (strata_layout_get_item_bounds (layout, 1, &band_bounds));
  g_assert_cmpfloat (band_bounds.x, ==, conv.x);
  g_assert_true (strata_layout_get_block_size (layout, 0, &size));
  for (guint i = 0; i < strata_layout_get_n_boxes (layout); i++)
    {
      const StrataLayoutBox *box = strata_layout_get_box (layout, i);

      if (box->kind == STRATA_BOX_BLOCK && box->position == 0)
        {
          /* The front face starts at the rectangle's left, below the
           * receding top; the band follows the block's own thickness. */
          band_x = box->rect.x + size.thickness + 3;
          band_y = box->rect.y + box->rect.height - 4;
          g_assert_cmpint (strata_layout_hit_test (layout, box->rect.x + 2, band_y), ==, 0);
        }
    }
  g_assert_cmpfloat (band_x, >, 0);
  g_assert_cmpint (strata_layout_hit_test (layout, band_x, band_y), ==, 1);

  g_assert_cmpint (strata_layout_hit_test (layout, 1, 1), ==, STRATA_LAYOUT_NONE);
  g_assert_cmpint (strata_layout_hit_test (layout, -50, 3000), ==, STRATA_LAYOUT_NONE);
  g_assert_false (strata_layout_get_item_bounds (layout, 37, &conv));
}

/* A failed layer and the layers after it are placeholders with their names
 * and the error; drawing them works. */
static void
test_placeholders (void)
{
  g_autoptr(StrataNetwork) network = test_broken_network ();
  g_autoptr(StrataLayout) layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                STRATA_SCALE_SQRT, 0);
  cairo_surface_t *surface;
  cairo_t *cr;
  StrataBlockSize size;
  double width, height;

  g_assert_cmpint (strata_network_get_first_error (network), ==, 1);
  g_assert_true (strata_layout_get_block_size (layout, 0, &size));
  g_assert_false (size.is_placeholder);
  for (int i = 1; i < 5; i++)
    {
      g_assert_true (strata_layout_get_block_size (layout, i, &size));
      g_assert_true (size.is_placeholder);
    }

  strata_layout_get_size (layout, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
  cr = cairo_create (surface);
  strata_layout_draw (layout, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
count_cb (int                      position,
          const char              *name,
          const char              *shape,
          guint64                  params,
          const cairo_rectangle_t *bounds,
          gpointer                 user_data)
{
  GString *out = user_data;

  g_string_append_printf (out, "%d %s [%s] %" G_GUINT64_FORMAT "\n", position, name, shape, params);
}

static void
test_labels (void)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(StrataNetwork) broken = test_broken_network ();
  g_autoptr(StrataLayout) layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                STRATA_SCALE_SQRT, 0);
  g_autoptr(StrataLayout) broken_layout = layout_with (broken, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                       STRATA_SCALE_SQRT, 0);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) broken_text = g_string_new (NULL);

  strata_layout_foreach_label (layout, count_cb, text);
  g_assert_cmpstr (text->str, ==,
                   "-1 Input [32 × 32 × 3] 0\n"
                   "0 conv1 [28 × 28 × 8] 608\n"
                   "1 pool1 [14 × 14 × 8] 0\n"
                   "2 conv2 [10 × 10 × 16] 3216\n"
                   "3 pool2 [5 × 5 × 16] 0\n"
                   "4 fc1 [120] 48120\n"
                   "5 fc2 [84] 10164\n"
                   "6 fc3 [10] 850\n");
  g_assert_cmpstr (strata_layout_get_title (layout), ==, "Lecture example");

  strata_layout_foreach_label (broken_layout, count_cb, broken_text);
  g_assert_true (g_str_has_prefix (broken_text->str,
                                   "-1 Input [8 × 8 × 1] 0\n"
                                   "0 pool [4 × 4 × 1] 0\n"
                                   "1 too big [A 5 × 5 kernel does not fit a 4 × 4 input"));
  g_assert_nonnull (strstr (broken_text->str, "\n2 relu [No shape] 0\n"));
}

/* Dense layers named @prefix0, @prefix1, …: every name a label of its own. */
static StrataNetwork *
named_chain (const char *prefix,
             guint       n_layers)
{
  StrataNetwork *network = strata_network_new ();
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);

  strata_network_set_input (network, 1, 1, 4);
  for (guint i = 0; i < n_layers; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%u", prefix, i);
      StrataLayer *layer = strata_layer_new (STRATA_LAYER_KIND_DENSE);

      strata_layer_set_name (layer, name);
      g_ptr_array_add (layers, layer);
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  return network;
}

/* A layout holds the labels it shares with later layouts through the
 * cache's tables, not one by one: the cache filling up while a later
 * layout is made (more names than the cache holds) must leave every label
 * of the first one shown. */
static void
test_labels_outlive_cache (void)
{
  const guint n_layers = 200;
  const guint n_later = 33000;
  const StrataDiagramStyle styles[] = { STRATA_DIAGRAM_STYLE_BLOCKS, STRATA_DIAGRAM_STYLE_BARS };

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      g_autoptr(StrataNetwork) first = named_chain ("first", n_layers);
      g_autoptr(StrataNetwork) second = named_chain ("second", n_later);
      g_autoptr(StrataLayout) layout = layout_with (first, styles[s], STRATA_SCALE_SQRT, 0);
      g_autoptr(StrataLayout) later = layout_with (second, styles[s], STRATA_SCALE_SQRT, 0);
      guint n_names = 0;

      g_clear_pointer (&later, strata_layout_unref);
      if (styles[s] == STRATA_DIAGRAM_STYLE_BLOCKS)
        for (guint i = 0; i < strata_layout_n_columns (layout); i++)
          {
            const StrataColumn *column = strata_layout_column (layout, i);
            g_autofree char *name = g_strdup_printf ("first%d", column->position);

            if (column->position < 0)
              continue;
            g_assert_cmpstr (pango_layout_get_text (column->lines[STRATA_LINE_NAME]), ==, name);
            n_names++;
          }
      else
        for (guint i = 0; i < layout->bar_rows->len; i++)
          {
            const StrataBarRow *row = &g_array_index (layout->bar_rows, StrataBarRow, i);
            g_autofree char *name = g_strdup_printf ("first%d", row->position);

            if (row->position < 0)
              continue;
            g_assert_cmpstr (pango_layout_get_text (row->name), ==, name);
            n_names++;
          }
      g_assert_cmpuint (n_names, ==, n_layers);
    }
}

/* Asked for, each block says its receptive field under its counts. */
static void
test_label_field (void)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(StrataLayout) plain = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                               STRATA_SCALE_SQRT, 0);
  g_autoptr(StrataLayout) layout = NULL;
  StrataRenderOptions options;
  guint n_fields = 0;

  strata_render_options_init (&options);
  options.show_receptive_field = TRUE;
  layout = strata_layout_new (network, &options);
  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    {
      const StrataColumn *column = strata_layout_column (layout, i);
      const StrataColumn *without = strata_layout_column (plain, i);
      const char *expected = NULL;

      g_assert_null (without->lines[STRATA_LINE_FIELD]);
      if (column->position == 2)
        expected = "RF 14, jump 2";   /* CONV2: 5 + 4·1 + 4·2 */
      else if (column->position == 3)
        expected = "RF 16, jump 4";
      else if (column->position == 4)
        expected = "RF: whole input";
      if (expected == NULL)
        continue;
      g_assert_cmpstr (pango_layout_get_text (column->lines[STRATA_LINE_FIELD]), ==, expected);
      g_assert_cmpfloat (column->label_height, >,
                         without->label_height + column->line_size[STRATA_LINE_FIELD].height);
      n_fields++;
    }
  g_assert_cmpuint (n_fields, ==, 3);
}

/* The labels of a network with more of them than the cache once held,
 * and of a network laid out before a larger one: laid out again, each is
 * found in the cache, not shaped again. */
static void
test_labels_reused (void)
{
  g_autoptr(StrataNetwork) small = named_chain ("small", 200);
  g_autoptr(StrataNetwork) large = named_chain ("large", 40000);
  g_autoptr(StrataLayout) small_first = layout_with (small, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                     STRATA_SCALE_SQRT, 0);
  g_autoptr(StrataLayout) large_first = layout_with (large, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                     STRATA_SCALE_SQRT, 0);
  g_autoptr(StrataLayout) large_again = layout_with (large, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                     STRATA_SCALE_SQRT, 0);
  g_autoptr(StrataLayout) small_again = layout_with (small, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                     STRATA_SCALE_SQRT, 0);
  StrataLayout *pairs[][2] = { { small_first, small_again }, { large_first, large_again } };
  guint n_layers[] = { 200, 40000 };

  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    {
      guint n_names = 0;

      g_assert_cmpuint (strata_layout_n_columns (pairs[p][0]), ==,
                        strata_layout_n_columns (pairs[p][1]));
      for (guint i = 0; i < strata_layout_n_columns (pairs[p][0]); i++)
        {
          const StrataColumn *before = strata_layout_column (pairs[p][0], i);
          const StrataColumn *after = strata_layout_column (pairs[p][1], i);

          if (before->position < 0)
            continue;
          g_assert_true (before->lines[STRATA_LINE_NAME] == after->lines[STRATA_LINE_NAME]);
          n_names++;
        }
      g_assert_cmpuint (n_names, ==, n_layers[p]);
    }
}

/* Labels used again and again stay cached while more labels than the
 * cache holds come and go: least recently used ones leave first. */
static void
test_labels_recently_used (void)
{
  g_autoptr(StrataNetwork) kept = named_chain ("kept", 200);
  g_autoptr(StrataLayout) first = NULL;

  strata_layout_forget_labels ();
  first = layout_with (kept, STRATA_DIAGRAM_STYLE_BLOCKS, STRATA_SCALE_SQRT, 0);
  /* 80,000 names in all: the cache, of 32,768 labels a generation for
   * layouts this small, is full twice over. */
  for (guint round = 0; round < 80; round++)
    {
      g_autofree char *prefix = g_strdup_printf ("passing%u_", round);
      g_autoptr(StrataNetwork) passing = named_chain (prefix, 1000);
      g_autoptr(StrataLayout) passing_layout = layout_with (passing, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                            STRATA_SCALE_SQRT, 0);
      g_autoptr(StrataLayout) again = layout_with (kept, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                   STRATA_SCALE_SQRT, 0);

      for (guint i = 0; i < strata_layout_n_columns (first); i++)
        g_assert_true (strata_layout_column (first, i)->lines[STRATA_LINE_NAME] ==
                       strata_layout_column (again, i)->lines[STRATA_LINE_NAME]);
    }
}

/* Forgotten labels are shaped again, and those a layout shows stay. */
static void
test_labels_forgotten (void)
{
  g_autoptr(StrataNetwork) network = named_chain ("forgotten", 50);
  g_autoptr(StrataLayout) first = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                               STRATA_SCALE_SQRT, 0);
  g_autoptr(StrataLayout) again = NULL;
  guint n_names = 0;

  strata_layout_forget_labels ();
  again = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS, STRATA_SCALE_SQRT, 0);
  for (guint i = 0; i < strata_layout_n_columns (first); i++)
    {
      const StrataColumn *before = strata_layout_column (first, i);
      const StrataColumn *after = strata_layout_column (again, i);
      g_autofree char *name = g_strdup_printf ("forgotten%d", before->position);

      if (before->position < 0)
        continue;
      g_assert_true (before->lines[STRATA_LINE_NAME] != after->lines[STRATA_LINE_NAME]);
      g_assert_cmpstr (pango_layout_get_text (before->lines[STRATA_LINE_NAME]), ==, name);
      n_names++;
    }
  g_assert_cmpuint (n_names, ==, 50);
}

static void
test_label_text (void)
{
  g_autoptr(GString) exact = g_string_new (NULL);
  g_autoptr(GString) accents = g_string_new (NULL);
  g_autoptr(GString) cut = g_string_new (NULL);
  g_autofree char *expected = NULL;
  char *text;

  text = strata_render_label_text (NULL);
  g_assert_cmpstr (text, ==, "");
  g_free (text);
  text = strata_render_label_text ("conv1");
  g_assert_cmpstr (text, ==, "conv1");
  g_free (text);
  /* One line: breaks would give a label more lines than it has room for. */
  text = strata_render_label_text ("two\nlines\r\nand\u2028more\u2029");
  g_assert_cmpstr (text, ==, "two lines  and more ");
  g_free (text);
  text = strata_render_label_text ("bad \xff byte");
  g_assert_cmpstr (text, ==, "bad \uFFFD byte");
  g_free (text);

  /* Up to the limit, a name is kept whole; past it, cut with "…". */
  for (guint i = 0; i < STRATA_LABEL_MAX_CHARS; i++)
    g_string_append_c (exact, 'a' + i % 26);
  text = strata_render_label_text (exact->str);
  g_assert_cmpstr (text, ==, exact->str);
  g_free (text);
  expected = g_strconcat (exact->str, "…", NULL);
  g_string_append (exact, "z");
  text = strata_render_label_text (exact->str);
  g_assert_cmpstr (text, ==, expected);
  g_free (text);

  /* Characters, not bytes. */
  for (guint i = 0; i < 3000; i++)
    g_string_append (accents, "é");
  for (guint i = 0; i < STRATA_LABEL_MAX_CHARS; i++)
    g_string_append (cut, "é");
  g_string_append (cut, "…");
  text = strata_render_label_text (accents->str);
  g_assert_cmpstr (text, ==, cut->str);
  g_free (text);
}

/* @pattern repeated to @length bytes (ASCII, so characters too). */
static char *
repeat_to (const char *pattern,
           gsize       length)
{
  GString *text = g_string_sized_new (length + 1);
  gsize n = strlen (pattern);

  while (text->len < length)
    g_string_append_len (text, pattern, MIN (n, length - text->len));
  return g_string_free (text, FALSE);
}

/* The lecture network with names of @length characters: words, one word,
 * lines, and an activation band (its name goes into a line of details). */
static StrataNetwork *
long_names_network (gsize length)
{
  StrataNetwork *network = test_lecture_network ();
  g_autofree char *title = repeat_to ("Very long network name ", length);
  g_autofree char *words = repeat_to ("conv1 with a very long name ", length);
  g_autofree char *word = repeat_to ("x", length);
  g_autofree char *lines = repeat_to ("fc\n", length);
  g_autofree char *band = repeat_to ("identity ", length);
  StrataLayer *identity;

  strata_network_set_name (network, title);
  strata_layer_set_name (strata_network_get_layer (network, 0), words);
  strata_layer_set_name (strata_network_get_layer (network, 3), word);
  strata_layer_set_name (strata_network_get_layer (network, 4), lines);
  identity = test_layer (STRATA_LAYER_KIND_ACTIVATION, band,
                         "activation", STRATA_ACTIVATION_NONE, NULL);
  strata_network_insert (network, 3, identity);
  g_object_unref (identity);
  return network;
}

/* Names of parts joined by dots, as PyTorch writes a module's path, wrap
 * after a dot, and inside a part only when the part is wider than the
 * label; the text is the name as it was. */
static void
test_name_breaks (void)
{
  static const char * const names[] = {
    "layer2.0.downsample.0",
    "net.mmmmmmmmmmmm",
  };
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(StrataLayout) layout = NULL;
  guint checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    strata_layer_set_name (strata_network_get_layer (network, i), names[i]);
  layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS, STRATA_SCALE_SQRT, 0);
  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    {
      const StrataColumn *c = strata_layout_column (layout, i);
      PangoLayout *name = c->lines[STRATA_LINE_NAME];
      const char *text = pango_layout_get_text (name);
      PangoLayoutLine *first;

      if (c->position < 0 || c->position >= (int) G_N_ELEMENTS (names))
        continue;
      g_assert_cmpstr (text, ==, names[c->position]);
      g_assert_false (pango_layout_is_ellipsized (name));
      g_assert_cmpint (pango_layout_get_line_count (name), ==, 2);
      first = pango_layout_get_line_readonly (name, 0);
      if (c->position == 0)
        {
          /* Not "layer2.0.downsam-ple.0". */
          g_assert_cmpint (first->length, ==, (int) strlen ("layer2.0."));
        }
      else
        /* "mmm…" is wider than the label: it breaks inside. */
        g_assert_cmpint (first->length, >, (int) strlen ("net."));
      checked++;
    }
  g_assert_cmpuint (checked, ==, G_N_ELEMENTS (names));
}

/* The text a PangoLayout draws: its own text, with "…" where Pango left
 * part of it out. */
static char *
drawn_text (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  GString *drawn = g_string_new (NULL);

  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    for (GSList *r = ((PangoLayoutLine *) l->data)->runs; r != NULL; r = r->next)
      {
        const PangoItem *item = ((PangoGlyphItem *) r->data)->item;

        if (item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
          g_string_append (drawn, "…");
        else
          g_string_append_len (drawn, text + item->offset, item->length);
      }
  return g_string_free (drawn, FALSE);
}

static double
text_width (PangoLayout *layout)
{
  PangoRectangle rect;

  pango_layout_get_extents (layout, NULL, &rect);
  return (double) rect.width / PANGO_SCALE;
}

static void
assert_cut (PangoLayout *layout,
            double       max_width,
            int          max_lines)
{
  g_autofree char *drawn = drawn_text (layout);

  g_assert_cmpfloat (text_width (layout), <=, max_width);
  g_assert_cmpint (pango_layout_get_line_count (layout), <=, max_lines);
  g_assert_true (pango_layout_is_ellipsized (layout));
  if (!g_str_has_suffix (drawn, "…"))
    g_error ("“%.40s…” (%zu bytes) does not end with “…”", drawn, strlen (drawn));
}

/* However long the names, every label is cut to its room with "…",
 * nothing overlaps, the title is no wider than the drawing needs, and the
 * SVG is of the usual size. */
static void
test_long_names (void)
{
  const gsize lengths[] = { STRATA_LABEL_MAX_CHARS, 100000 };
  const double widths[] = { 0, 700 };
  const int long_layers[] = { 0, 3, 4, 5 }; /* the band is on conv2, layer 2 */

  for (guint n = 0; n < G_N_ELEMENTS (lengths); n++)
    {
      g_autoptr(StrataNetwork) network = long_names_network (lengths[n]);
      g_autoptr(GBytes) svg = NULL;
      g_autoptr(GError) error = NULL;

      for (StrataDiagramStyle s = STRATA_DIAGRAM_STYLE_BLOCKS; s <= STRATA_DIAGRAM_STYLE_BARS; s++)
        for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
          {
            g_autoptr(StrataLayout) layout = layout_with (network, s, STRATA_SCALE_SQRT, widths[w]);
            const StrataLayoutBox *title = NULL;
            double content_right = 0;

            assert_tidy (layout);
            for (guint i = 0; i < strata_layout_get_n_boxes (layout); i++)
              {
                const StrataLayoutBox *box = strata_layout_get_box (layout, i);

                if (box->kind == STRATA_BOX_TITLE)
                  title = box;
                else if (box->kind == STRATA_BOX_LABEL && s != STRATA_DIAGRAM_STYLE_BARS)
                  g_assert_cmpfloat (box->rect.width, <=, STRATA_LABEL_WIDTH);
                if (box->kind == STRATA_BOX_BLOCK || box->kind == STRATA_BOX_LABEL)
                  content_right = MAX (content_right, box->rect.x + box->rect.width);
              }

            g_assert_nonnull (title);
            assert_cut (layout->title, widths[w] > 0 ? widths[w] - 2 * title->rect.x
                                                     : MAX (STRATA_TITLE_WIDTH,
                                                            content_right - title->rect.x), 1);

            if (s == STRATA_DIAGRAM_STYLE_BARS)
              {
                /* Row 0 is the input. */
                for (guint k = 0; k < G_N_ELEMENTS (long_layers); k++)
                  assert_cut (g_array_index (layout->bar_rows, StrataBarRow,
                                             long_layers[k] + 1).name, STRATA_LABEL_WIDTH, 1);
                continue;
              }

            for (guint i = 0; i < strata_layout_n_columns (layout); i++)
              {
                const StrataColumn *c = strata_layout_column (layout, i);

                g_assert_cmpfloat (text_width (c->lines[STRATA_LINE_NAME]), <=, STRATA_NAME_WIDTH);
                g_assert_cmpint (pango_layout_get_line_count (c->lines[STRATA_LINE_NAME]), <=,
                                 STRATA_NAME_LINES);
                for (guint k = 0; k < G_N_ELEMENTS (long_layers); k++)
                  if (c->position == long_layers[k])
                    assert_cut (c->lines[STRATA_LINE_NAME], STRATA_NAME_WIDTH, STRATA_NAME_LINES);
                if (c->position == 2)
                  assert_cut (c->lines[STRATA_LINE_DETAILS], STRATA_LABEL_WIDTH, 1);
              }
          }

      /* What SVG metadata carries of the names is cut the same way. */
      {
        g_autoptr(StrataLayout) layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                      STRATA_SCALE_SQRT, 0);
        const char *text = strata_layout_get_title (layout);

        /* The model has cut the longer name already. */
        g_assert_cmpstr (text, ==, strata_network_get_name (network));
        g_assert_cmpint (g_utf8_strlen (text, -1), ==, STRATA_LABEL_MAX_CHARS);
      }

      svg = strata_export_to_bytes (network, NULL, STRATA_EXPORT_FORMAT_SVG, 72, &error);
      g_assert_no_error (error);
      g_test_message ("SVG with names of %zu characters: %zu bytes",
                      lengths[n], g_bytes_get_size (svg));
      g_assert_cmpuint (g_bytes_get_size (svg), <, 200 * 1024);
    }
}

/* Drawing a part of the layout through a clip paints only that part, and
 * paints it as drawing everything does: what is skipped as outside the clip
 * is really outside. (cairo rounds antialiased edges a little differently
 * under a clip, so colours may differ by a few levels, never by a shape.) */
static int
channel_difference (guint32 a,
                    guint32 b)
{
  int most = 0;

  for (guint shift = 0; shift < 32; shift += 8)
    most = MAX (most, ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));
  return most;
}

static guint
count_substrings (const char *text,
                  const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (text, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* @layout drawn as SVG at @scale within @clip (NULL: all of it). */
/* The SVG of @layout drawn at @scale, as an export draws it or, with
 * @on_screen, as the canvas does. */
static char *
draw_svg (StrataLayout            *layout,
          double                   scale,
          const cairo_rectangle_t *clip,
          gboolean                 on_screen)
{
  double width, height;
  StrataSvgWriter *writer;
  g_autoptr(GBytes) bytes = NULL;
  cairo_t *cr;

  strata_layout_get_size (layout, &width, &height);
  writer = strata_svg_writer_new (width * scale, height * scale);
  cr = strata_svg_writer_create_context (writer);
  cairo_scale (cr, scale, scale);
  if (clip != NULL)
    {
      cairo_rectangle (cr, clip->x, clip->y, clip->width, clip->height);
      cairo_clip (cr);
    }
  if (on_screen)
    strata_layout_draw_on_screen (layout, cr);
  else
    strata_layout_draw (layout, cr);
  cairo_destroy (cr);
  bytes = strata_svg_writer_finish (writer, "", NULL);
  strata_svg_writer_free (writer);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static StrataNetwork *
long_chain (guint n_layers)
{
  StrataNetwork *network = strata_network_new ();

  strata_network_set_input (network, 32, 32, 3);
  for (guint i = 0; i < n_layers; i++)
    {
      g_autofree char *name = g_strdup_printf ("c%u", i + 1);

      test_append (network, test_layer (STRATA_LAYER_KIND_CONV2D, name, "filters", 8,
                                        "padding", STRATA_PADDING_SAME, NULL));
    }
  return network;
}

/* The rows out of view are not drawn at all: their layers' groups are
 * not even begun. */
static void
test_draw_rows_culled (void)
{
  g_autoptr(StrataNetwork) network = long_chain (60);
  g_autoptr(StrataLayout) layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                STRATA_SCALE_SQRT, 800);
  const StrataRow *first = &g_array_index (layout->rows, StrataRow, 0);
  cairo_rectangle_t clip = { 0, first->top, 800, first->bottom - first->top };
  g_autofree char *whole = draw_svg (layout, 1, NULL, FALSE);
  g_autofree char *part = draw_svg (layout, 1, &clip, FALSE);

  g_assert_cmpuint (strata_layout_get_n_rows (layout), >, 3);
  g_assert_nonnull (strstr (whole, "id=\"layer-c60\""));
  g_assert_nonnull (strstr (part, "id=\"layer-c1\""));
  g_assert_null (strstr (part, "id=\"layer-c60\""));
  g_assert_cmpuint (strlen (part), <, strlen (whole) / 2);
}

/* Labels too small to read are bars where their lines would be, not text. */
static void
test_draw_greeked (void)
{
  g_autoptr(StrataNetwork) network = long_chain (4);
  StrataRenderOptions options;
  g_autoptr(StrataLayout) layout = NULL;
  g_autofree char *near = NULL;
  g_autofree char *far = NULL;
  g_autofree char *far_file = NULL;

  strata_render_options_init (&options);
  options.show_title = FALSE;
  options.show_legend = FALSE;
  layout = strata_layout_new (network, &options);
  near = draw_svg (layout, 1, NULL, FALSE);
  far = draw_svg (layout, 0.1, NULL, TRUE);
  g_assert_nonnull (strstr (near, "<text"));
  g_assert_nonnull (strstr (near, ">c4<"));
  g_assert_null (strstr (far, "<text"));
  /* Each column's name, shape and parameters: a bar each at least. */
  g_assert_cmpuint (count_substrings (far, "<rect") + count_substrings (far, "<path"), >=,
                    5 * 3);
  /* A file at that size keeps its text, to be zoomed into. */
  far_file = draw_svg (layout, 0.1, NULL, FALSE);
  g_assert_nonnull (strstr (far_file, ">c4<"));
}

/* " fill=\"#RRGGBB\"" of @color, as the SVG writer gives it. */
static char *
svg_fill (const StrataRgb *color)
{
  return g_strdup_printf (" fill=\"#%02X%02X%02X\"", (guint) lround (color->red * 255),
                          (guint) lround (color->green * 255), (guint) lround (color->blue * 255));
}

/* Bands thinner than a pixel are one slice of their mean colour. */
static void
test_draw_thin_bands (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  StrataRenderOptions options;
  g_autoptr(StrataLayout) layout = NULL;
  g_autofree char *near = NULL;
  g_autofree char *far = NULL;
  g_autofree char *far_file = NULL;
  g_autofree char *normalization = svg_fill (strata_category_get_color (STRATA_LAYER_CATEGORY_NORMALIZATION));
  g_autofree char *dropout = svg_fill (strata_category_get_color (STRATA_LAYER_CATEGORY_DROPOUT));

  strata_network_set_input (network, 32, 32, 3);
  test_append (network, test_layer (STRATA_LAYER_KIND_CONV2D, "conv", "filters", 8,
                                    "padding", STRATA_PADDING_SAME, NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_BATCHNORM, "bn", NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_DROPOUT, "drop", NULL));
  strata_render_options_init (&options);
  options.show_legend = FALSE;
  layout = strata_layout_new (network, &options);
  near = draw_svg (layout, 1, NULL, FALSE);
  far = draw_svg (layout, 0.1, NULL, TRUE);
  g_assert_nonnull (strstr (near, normalization));
  g_assert_nonnull (strstr (near, dropout));
  g_assert_null (strstr (far, normalization));
  g_assert_null (strstr (far, dropout));
  far_file = draw_svg (layout, 0.1, NULL, FALSE);
  g_assert_nonnull (strstr (far_file, normalization));
  g_assert_nonnull (strstr (far_file, dropout));
}

static void
test_clip (void)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(StrataLayout) layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS,
                                                STRATA_SCALE_SQRT, 0);
  cairo_surface_t *whole, *part;
  cairo_rectangle_t bounds;
  double width, height;
  int stride, x0, y0, x1, y1, differ = 0, inked = 0;
  cairo_t *cr;

  strata_layout_get_size (layout, &width, &height);
  g_assert_true (strata_layout_get_item_bounds (layout, 2, &bounds));
  whole = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
  part = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);

  cr = cairo_create (whole);
  strata_layout_draw (layout, cr);
  cairo_destroy (cr);

  cr = cairo_create (part);
  x0 = (int) bounds.x;
  y0 = (int) bounds.y;
  x1 = (int) (bounds.x + bounds.width);
  y1 = (int) (bounds.y + bounds.height);
  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  cairo_clip (cr);
  strata_layout_draw (layout, cr);
  cairo_destroy (cr);

  cairo_surface_flush (whole);
  cairo_surface_flush (part);
  stride = cairo_image_surface_get_stride (whole);
  for (int y = 0; y < (int) height; y++)
    {
      const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (whole) + y * stride);
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (part) + y * stride);

      for (int x = 0; x < (int) width; x++)
        {
          gboolean inside = x >= x0 && x < x1 && y >= y0 && y < y1;

          if (inside && channel_difference (a[x], b[x]) > 40)
            {
              if (differ < 5)
                g_test_message ("differs at %d, %d: %08x %08x", x, y, a[x], b[x]);
              differ++;
            }
          if (inside && b[x] != 0xFFFFFFFF)
            inked++;
          if (!inside)
            g_assert_cmphex (b[x], ==, 0);
        }
    }
  g_assert_cmpint (differ, ==, 0);
  /* The block, its arrows and its labels are there. */
  g_assert_cmpint (inked, >, (x1 - x0) * (y1 - y0) / 10);

  cairo_surface_destroy (whole);
  cairo_surface_destroy (part);
}

/* Counts in drawings are grouped, by a narrow no-break space where the
 * locale has no separator; short ones have an SI prefix. */
static void
test_format_count (void)
{
  static const struct
  {
    guint64     count;
    const char *full;
    const char *brief;
  } cases[] = {
    { 0, "0", "0" },
    { 999, "999", "999" },
    { 1000, "1\u202F000", "1.0\u00A0k" },
    { 608, "608", "608" },
    { 138357544, "138\u202F357\u202F544", "138.4\u00A0M" },
    { 15470264320, "15\u202F470\u202F264\u202F320", "15.5\u00A0G" },
    { 999960, "999\u202F960", "1.0\u00A0M" },
    { G_MAXUINT64, "18\u202F446\u202F744\u202F073\u202F709\u202F551\u202F615", "18.4\u00A0E" },
  };
  const char *saved = setlocale (LC_NUMERIC, NULL);
  g_autofree char *previous = g_strdup (saved);

  setlocale (LC_NUMERIC, "C.UTF-8");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *full = strata_render_format_count (cases[i].count, FALSE);
      g_autofree char *brief = strata_render_format_count (cases[i].count, TRUE);

      g_assert_cmpstr (full, ==, cases[i].full);
      g_assert_cmpstr (brief, ==, cases[i].brief);
    }

  /* The locale's own separator and decimal mark, where it has them. */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") != NULL)
    {
      g_autofree char *full = strata_render_format_count (138357544, FALSE);
      g_autofree char *brief = strata_render_format_count (138357544, TRUE);

      g_assert_cmpstr (full, ==, "138.357.544");
      g_assert_cmpstr (brief, ==, "138,4\u00A0M");
    }
  setlocale (LC_NUMERIC, previous);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/options/defaults", test_options_defaults);
  g_test_add_func ("/layout/options/strings", test_option_strings);
  g_test_add_func ("/layout/format-count", test_format_count);
  g_test_add_func ("/layout/sizes/formulas", test_size_formulas);
  g_test_add_func ("/layout/sizes/lecture", test_block_sizes_lecture);
  g_test_add_func ("/layout/sizes/bands-and-clamps", test_bands_and_clamps);
  g_test_add_func ("/layout/no-overlaps", test_no_overlaps);
  g_test_add_func ("/layout/rows", test_rows);
  g_test_add_func ("/layout/hit-test", test_hit_test);
  g_test_add_func ("/layout/items-in", test_items_in);
  g_test_add_func ("/layout/draw/highlight-path", test_highlight_path);
  g_test_add_func ("/layout/placeholders", test_placeholders);
  g_test_add_func ("/layout/labels", test_labels);
  g_test_add_func ("/layout/labels/text", test_label_text);
  g_test_add_func ("/layout/labels/receptive-field", test_label_field);
  g_test_add_func ("/layout/labels/outlive-cache", test_labels_outlive_cache);
  g_test_add_func ("/layout/labels/reused", test_labels_reused);
  g_test_add_func ("/layout/labels/forgotten", test_labels_forgotten);
  g_test_add_func ("/layout/labels/recently-used", test_labels_recently_used);
  g_test_add_func ("/layout/labels/long-names", test_long_names);
  g_test_add_func ("/layout/labels/name-breaks", test_name_breaks);
  g_test_add_func ("/layout/clip", test_clip);
  g_test_add_func ("/layout/draw/rows-culled", test_draw_rows_culled);
  g_test_add_func ("/layout/draw/greeked", test_draw_greeked);
  g_test_add_func ("/layout/draw/thin-bands", test_draw_thin_bands);

  return g_test_run ();
}
