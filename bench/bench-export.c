/* bench-export.c: how long layouts and exports take: VGG-16, 1,000 layers, long names. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "bench-common.h"
#include "strata-export.h"
#include "strata-file.h"

#define ROUNDS 15

/* Convolutions 3 × 3 "same" with a ReLU, then a batchnorm, then a max pool
 * that keeps the size: 1,000 layers, 500 blocks with bands, every one
 * labelled. */
static StrataNetwork *
build_long_network (guint n_layers)
{
  StrataNetwork *network = strata_network_new ();
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);

  strata_network_set_name (network, "1,000 layers");
  strata_network_set_input (network, 32, 32, 3);
  for (guint i = 0; i < n_layers; i++)
    {
      g_autofree char *name = g_strdup_printf ("layer %u", i + 1);
      StrataLayer *layer;

      switch (i % 3)
        {
        case 0:
          layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
          g_object_set (layer, "filters", 16 + 16 * (i % 4), "padding", STRATA_PADDING_SAME,
                        "activation", STRATA_ACTIVATION_RELU, NULL);
          break;
        case 1:
          layer = strata_layer_new (STRATA_LAYER_KIND_BATCHNORM);
          break;
        default:
          layer = strata_layer_new (STRATA_LAYER_KIND_MAXPOOL2D);
          g_object_set (layer, "padding", STRATA_PADDING_SAME,
                        "stride-height", 1, "stride-width", 1, NULL);
          break;
        }
      strata_layer_set_name (layer, name);
      g_ptr_array_add (layers, layer);
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  g_assert (strata_network_get_first_error (network) < 0);
  return network;
}

/* The lecture example with its network name and first layer's name
 * @length characters long, as the API allows and a file does not. */
static StrataNetwork *
build_long_names (gsize length)
{
  g_autoptr(GError) error = NULL;
  StrataNetwork *network = strata_file_load_example ("lecture", &error);
  g_autofree char *name = g_malloc (length + 1);

  g_assert_no_error (error);
  for (gsize i = 0; i < length; i++)
    name[i] = i % 8 == 7 ? ' ' : 'a' + i % 26;
  name[length] = '\0';
  strata_network_set_name (network, name);
  strata_layer_set_name (strata_network_get_layer (network, 0), name);
  return network;
}

static void
report (const char *what,
        double     *samples,
        double      target_ms,
        gsize       size)
{
  double ms = bench_median (samples, ROUNDS);

  if (target_ms > 0)
    g_print ("%-44s %8.2f ms  (target < %.0f ms: %s)", what, ms, target_ms,
             ms < target_ms ? "met" : "MISSED");
  else
    g_print ("%-44s %8.2f ms", what, ms);
  if (size > 0)
    g_print ("  %" G_GSIZE_FORMAT " kB", size / 1024);
  g_print ("\n");
}

static void
bench_export (const char         *what,
              StrataNetwork      *network,
              StrataExportFormat  format,
              double              dpi,
              double              target_ms)
{
  StrataRenderOptions options;
  double samples[ROUNDS];
  gsize size = 0;

  strata_render_options_init (&options);
  options.max_width = 1280;
  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gint64 start = g_get_monotonic_time ();

      bytes = strata_export_to_bytes (network, &options, format, dpi, &error);
      samples[r] = bench_elapsed_ms (start);
      g_assert_no_error (error);
      size = g_bytes_get_size (bytes);
    }
  report (what, samples, target_ms, size);
}

static void
bench_layout (const char    *what,
              StrataNetwork *network)
{
  StrataRenderOptions options;
  double samples[ROUNDS];

  strata_render_options_init (&options);
  options.max_width = 1280;
  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(StrataLayout) layout = strata_layout_new (network, &options);

      samples[r] = bench_elapsed_ms (start);
    }
  report (what, samples, 0, 0);
}

/* What a canvas does on each frame: draw the part in view (1200 x 800
 * points, the middle of the drawing) at 2×, for a hi-DPI screen. */
static void
bench_viewport (const char    *what,
                StrataNetwork *network)
{
  g_autoptr(StrataLayout) layout = NULL;
  StrataRenderOptions options;
  cairo_surface_t *surface;
  double samples[ROUNDS], width, height;

  strata_render_options_init (&options);
  options.max_width = 1280;
  layout = strata_layout_new (network, &options);
  strata_layout_get_size (layout, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2400, 1600);

  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      cairo_t *cr = cairo_create (surface);

      cairo_scale (cr, 2, 2);
      cairo_translate (cr, 0, -height / 2);
      cairo_rectangle (cr, 0, height / 2, 1200, 800);
      cairo_clip (cr);
      strata_layout_draw (layout, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      samples[r] = bench_elapsed_ms (start);
    }
  cairo_surface_destroy (surface);
  report (what, samples, 0, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) vgg = strata_file_load_example ("vgg16", &error);
  g_autoptr(StrataNetwork) lecture = NULL;
  g_autoptr(StrataNetwork) long_network = build_long_network (1000);
  g_autoptr(StrataNetwork) long_names = build_long_names (1024);
  g_autoptr(StrataNetwork) huge_names = build_long_names (10 * 1024 * 1024);

  g_assert_no_error (error);
  lecture = strata_file_load_example ("lecture", &error);
  g_assert_no_error (error);

  g_print ("Median of %u rounds; drawings wrap at 1280 pt.\n", ROUNDS);
  bench_layout ("layout: VGG-16", vgg);
  bench_layout ("layout: 1,000 layers", long_network);
  bench_viewport ("canvas frame (1200 x 800 pt at 2x): 1,000 layers", long_network);
  bench_export ("export: lecture example to SVG", lecture, STRATA_EXPORT_FORMAT_SVG, 72, 0);
  bench_export ("export: VGG-16 to SVG", vgg, STRATA_EXPORT_FORMAT_SVG, 72, 50);
  bench_export ("export: VGG-16 to PDF", vgg, STRATA_EXPORT_FORMAT_PDF, 72, 0);
  bench_export ("export: VGG-16 to PNG at 2x (144 DPI)", vgg, STRATA_EXPORT_FORMAT_PNG, 144, 200);
  bench_export ("export: 1,000 layers to SVG", long_network, STRATA_EXPORT_FORMAT_SVG, 72, 1000);
  /* Labels are cut to their room and names to 1,024 characters before
   * Pango sees them: as fast and as small as with short names. */
  bench_export ("export: 1,024-character names to PNG at 2x", long_names,
                STRATA_EXPORT_FORMAT_PNG, 144, 100);
  bench_export ("export: 1,024-character names to SVG", long_names,
                STRATA_EXPORT_FORMAT_SVG, 72, 50);
  bench_export ("export: 10 MB names to PNG at 2x", huge_names, STRATA_EXPORT_FORMAT_PNG, 144, 100);
  bench_export ("export: 10 MB names to SVG", huge_names, STRATA_EXPORT_FORMAT_SVG, 72, 50);
  return 0;
}
