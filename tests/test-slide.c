/* test-slide.c: build-up slides: their steps, captions, scale and what each reveals. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>

#include <glib/gstdio.h>

#include "strata-export.h"
#include "strata-layout-private.h"
#include "strata-slide.h"
#include "test-render-networks.h"

static void
test_steps (void)
{
  g_autoptr(StrataNetwork) lecture = test_lecture_network ();
  g_autoptr(StrataNetwork) vgg = test_vgg16_network ();

  g_assert_cmpuint (strata_slide_get_n_steps (lecture), ==, 8);
  g_assert_cmpuint (strata_slide_get_n_steps (vgg), ==, 38);
  g_assert_cmpint (strata_slide_step_position (0), ==, STRATA_LAYOUT_INPUT);
  g_assert_cmpint (strata_slide_step_position (1), ==, 0);
  g_assert_cmpint (strata_slide_step_position (37), ==, 36);
}

/* Numbers written in the C locale, as the tests run: grouped in threes by
 * U+202F, as the diagram's counts are, in the formulas too. */
static void
test_caption (void)
{
  g_autoptr(StrataNetwork) lecture = test_lecture_network ();
  g_autoptr(StrataNetwork) broken = test_broken_network ();
  g_autofree char *input = strata_slide_caption_text (lecture, 0);
  g_autofree char *conv1 = strata_slide_caption_text (lecture, 1);
  g_autofree char *pool1 = strata_slide_caption_text (lecture, 2);
  g_autofree char *fc1 = strata_slide_caption_text (lecture, 5);
  g_autofree char *fc1_count = NULL;
  g_autofree char *failed = NULL;

  g_assert_cmpstr (input, ==, "input · Input\nShape 32 × 32 × 3");
  /* (5 × 5 × 3 + 1) × 8 weights; 28 × 28 × 8 outputs of 5 × 5 × 3 MACs each. */
  g_assert_cmpstr (conv1, ==, "conv1 · Convolution · Output 28 × 28 × 8\n"
                              "Shape: height and width: 32 − 5 + 1 = 28; channels: 8 filters\n"
                              "Parameters: (5 × 5 × 3 + 1) × 8 = 608\n"
                              "MACs: 28 × 28 × 8 × (5 × 5 × 3) = 470\u202F400");
  g_assert_cmpstr (pool1, ==, "pool1 · Max pooling · Output 14 × 14 × 8\n"
                              "Shape: height and width: ⌊(28 − 2) / 2⌋ + 1 = 14; "
                              "channels: 8, as the input\n"
                              "Parameters: 0 (no weights)\n"
                              "MACs: 0 (no multiply-accumulates)");
  /* 5 × 5 × 16 = 400 inputs. */
  g_assert_cmpstr (fc1, ==, "fc1 · Dense · Output 120\n"
                            "Shape: 120 units\n"
                            "Parameters: (400 + 1) × 120 = 48\u202F120 (400 = 5 × 5 × 16)\n"
                            "MACs: (5 × 5 × 16) × 120 = 48\u202F000");
  /* As the diagram writes that layer's count; the layer's own formula,
   * for the window and summaries, stays as the locale writes it. */
  fc1_count = strata_render_format_count (48120, FALSE);
  g_assert_cmpstr (fc1_count, ==, "48\u202F120");
  g_assert_cmpstr (strata_layer_get_formula (strata_network_get_layer (lecture, 4)), ==,
                   "(400 + 1) × 120 = 48120 (400 = 5 × 5 × 16)");

  /* The layer that failed says why. */
  failed = strata_slide_caption_text (broken, strata_network_get_first_error (broken) + 1);
  g_assert_true (g_str_has_suffix (failed, strata_layer_get_error (
    strata_network_get_layer (broken, strata_network_get_first_error (broken)))));
}

static void
test_step_path (void)
{
  g_autofree char *first = strata_export_step_path ("slides/steps.png", 0, 8);
  g_autofree char *last = strata_export_step_path ("slides/steps.png", 7, 8);
  g_autofree char *wide = strata_export_step_path ("a.b/steps", 3, 150);
  g_autofree char *two_dots = strata_export_step_path ("x.tar.svg", 12, 100);

  g_assert_cmpstr (first, ==, "slides/steps-00.png");
  g_assert_cmpstr (last, ==, "slides/steps-07.png");
  /* 150 steps end at 149: three digits, and the folder's dot is no extension. */
  g_assert_cmpstr (wide, ==, "a.b/steps-003");
  g_assert_cmpstr (two_dots, ==, "x.tar-12.svg");
}

/* Labels 2.5 % of the screen's height at least: 18 pixels at 720. */
static void
test_scale (void)
{
  g_autoptr(StrataNetwork) vgg = test_vgg16_network ();
  g_autoptr(StrataNetwork) lecture = test_lecture_network ();
  StrataRenderOptions options;
  double scale;

  strata_slide_fit_options (vgg, NULL, 1280, 720, TRUE, &options);
  g_assert_false (options.show_params);
  g_assert_false (options.show_legend);
  /* Wrapped into rows: one row is many times wider than the screen. */
  g_assert_cmpfloat (options.max_width, >, 0);
  scale = strata_slide_get_scale (vgg, &options, TRUE, 1280, 720);
  /* The smallest label, a block's details, is set at 12.5 points. */
  g_assert_cmpfloat (12.5 * scale, >=, 18 - 1e-9);

  /* The lecture example reaches it too, under a caption of four lines. */
  strata_slide_fit_options (lecture, NULL, 1280, 720, TRUE, &options);
  scale = strata_slide_get_scale (lecture, &options, TRUE, 1280, 720);
  g_assert_cmpfloat (12.5 * scale, >=, 18 - 1e-9);

  /* Showing every layer, VGG-16 is fitted whole: smaller than the least
   * scale, and the drawing within the page. */
  strata_slide_fit_options (vgg, NULL, 1280, 720, FALSE, &options);
  scale = strata_slide_get_scale (vgg, &options, FALSE, 1280, 720);
  g_assert_cmpfloat (12.5 * scale, <, 18);
  {
    g_autoptr(StrataLayout) layout = strata_layout_new (vgg, &options);
    double w, h;

    strata_layout_get_size (layout, &w, &h);
    g_assert_cmpfloat (w * scale, <=, 1280);
    g_assert_cmpfloat (h * scale, <=, 720);
  }
}

static const StrataColumn *
column_of (StrataLayout *layout,
           int           position)
{
  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    if (strata_layout_column (layout, i)->position == position)
      return strata_layout_column (layout, i);
  g_assert_not_reached ();
}

/* The red of the pixel at (@x, @y) of @layout drawn at its own size. */
static guint
red_at (StrataNetwork *network,
        int            revealed,
        double         x,
        double         y)
{
  g_autoptr(StrataLayout) layout = NULL;
  StrataRenderOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;
  guint red;

  strata_render_options_init (&options);
  options.revealed = revealed;
  layout = strata_layout_new (network, &options);
  strata_layout_get_size (layout, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w), (int) ceil (h));
  cr = cairo_create (surface);
  strata_layout_draw (layout, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  red = cairo_image_surface_get_data (surface)[(int) y * cairo_image_surface_get_stride (surface) +
                                               (int) x * 4 + 2];
  cairo_surface_destroy (surface);
  return red;
}

/* Revealed layers are drawn where the whole network's layout puts them;
 * the others, and a band not yet revealed, not at all. */
static void
test_reveal (void)
{
  g_autoptr(StrataNetwork) vgg = test_vgg16_network ();
  g_autoptr(StrataLayout) layout = NULL;
  const StrataColumn *conv, *pool;
  double band_x, band_y, pool_x, pool_y;
  guint band_red;

  layout = strata_layout_new (vgg, NULL);
  conv = column_of (layout, 0);
  pool = column_of (layout, 4);
  g_assert_cmpuint (conv->size.n_bands, ==, 1);
  /* The middle of the front of conv1_1's ReLU band, and of pool1's block. */
  band_x = conv->x + conv->size.thickness + STRATA_BAND_THICKNESS / 2;
  band_y = conv->y + conv->size.height / 2;
  pool_x = pool->x + pool->size.thickness / 2;
  pool_y = pool->y + pool->size.height / 2;

  /* The band's front in its colour; hidden, the side of the block is
   * seen there instead. The light theme's background is white. */
  band_red = (guint) round (strata_category_get_color (STRATA_LAYER_CATEGORY_ACTIVATION)->red * 255);
  g_assert_cmpuint (red_at (vgg, 0, band_x, band_y), !=, band_red);
  g_assert_cmpuint (red_at (vgg, 1, band_x, band_y), ==, band_red);
  g_assert_cmpuint (red_at (vgg, G_MAXINT, band_x, band_y), ==, band_red);
  g_assert_cmpuint (red_at (vgg, 3, pool_x, pool_y), ==, 255);
  g_assert_cmpuint (red_at (vgg, 4, pool_x, pool_y), <, 255);
  g_assert_cmpuint (red_at (vgg, STRATA_LAYOUT_INPUT, pool_x, pool_y), ==, 255);
}

/* Bands not revealed go unnamed under their block, and nothing moves. */
static void
test_reveal_labels (void)
{
  g_autoptr(StrataNetwork) vgg = test_vgg16_network ();
  g_autoptr(StrataLayout) first = NULL;
  g_autoptr(StrataLayout) all = NULL;
  StrataRenderOptions options;

  strata_render_options_init (&options);
  options.revealed = 0;
  first = strata_layout_new (vgg, &options);
  options.revealed = G_MAXINT;
  all = strata_layout_new (vgg, &options);

  g_assert_cmpstr (pango_layout_get_text (column_of (first, 0)->lines[STRATA_LINE_DETAILS]), ==,
                   "3 × 3");
  g_assert_cmpstr (pango_layout_get_text (column_of (all, 0)->lines[STRATA_LINE_DETAILS]), ==,
                   "3 × 3 · ReLU");

  g_assert_cmpuint (strata_layout_n_columns (first), ==, strata_layout_n_columns (all));
  for (guint i = 0; i < strata_layout_n_columns (all); i++)
    {
      const StrataColumn *a = strata_layout_column (first, i);
      const StrataColumn *b = strata_layout_column (all, i);

      g_assert_cmpfloat (a->bounds.x, ==, b->bounds.x);
      g_assert_cmpfloat (a->bounds.y, ==, b->bounds.y);
      g_assert_cmpfloat (a->bounds.width, ==, b->bounds.width);
      g_assert_cmpfloat (a->bounds.height, ==, b->bounds.height);
      for (guint l = 0; l < STRATA_N_LINES; l++)
        if (b->lines[l] != NULL)
          g_assert_cmpfloat (a->line_y[l], ==, b->line_y[l]);
    }
}

/* Pages too small or too large, and PNGs too large, are refused before
 * anything is written. */
static void
test_steps_limits (void)
{
  g_autoptr(StrataNetwork) lecture = test_lecture_network ();
  g_autoptr(GError) small = NULL;
  g_autoptr(GError) large = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-slide-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "step.png", NULL);
  g_autofree char *first = g_build_filename (dir, "step-00.png", NULL);

  g_assert_false (strata_export_steps_to_file (lecture, NULL, STRATA_EXPORT_FORMAT_PDF, 72, 50, 540,
                                               path, &small));
  g_assert_error (small, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_SIZE);
  /* 960 × 540 points at 2400 DPI: 32,000 × 18,000 pixels, over the area limit. */
  g_assert_false (strata_export_steps_to_file (lecture, NULL, STRATA_EXPORT_FORMAT_PNG, 2400, 960,
                                               540, path, &large));
  g_assert_error (large, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_SIZE);
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/slide/steps", test_steps);
  g_test_add_func ("/slide/caption", test_caption);
  g_test_add_func ("/slide/step-path", test_step_path);
  g_test_add_func ("/slide/steps-limits", test_steps_limits);
  g_test_add_func ("/slide/scale", test_scale);
  g_test_add_func ("/slide/reveal", test_reveal);
  g_test_add_func ("/slide/reveal-labels", test_reveal_labels);

  return g_test_run ();
}
