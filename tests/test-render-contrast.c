/* test-render-contrast.c: the drawing under the desktop's high-contrast setting. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>

#include "strata-layout-private.h"
#include "test-render-networks.h"

typedef struct
{
  guint tinted;  /* pixels of a convolution's pale top face */
  guint solid;   /* pixels of the convolution colour itself */
  guint dark;    /* outlines, arrows and text */
} Counts;

static gboolean
near (guint32          pixel,
      const StrataRgb *rgb)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return ABS (r - (int) lround (rgb->red * 255)) <= 2 &&
         ABS (g - (int) lround (rgb->green * 255)) <= 2 &&
         ABS (b - (int) lround (rgb->blue * 255)) <= 2;
}

/* The lecture network drawn at twice its size in the light theme. */
static Counts
draw_and_count (gboolean high_contrast)
{
  static const StrataRgb white = { 1, 1, 1 };
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(StrataLayout) layout = NULL;
  const StrataRgb *conv = strata_category_get_color (STRATA_LAYER_CATEGORY_CONVOLUTION);
  StrataRgb tint = strata_rgb_mix (conv, &white, 0.4);
  StrataRenderOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;
  Counts counts = { 0, 0, 0 };
  int stride;

  strata_render_options_init (&options);
  options.high_contrast = high_contrast;
  layout = strata_layout_new (network, &options);
  strata_layout_get_size (layout, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (2 * width),
                                        (int) (2 * height));
  cr = cairo_create (surface);
  cairo_scale (cr, 2, 2);
  strata_layout_draw (layout, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) + y * stride);

      for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
        {
          if (near (row[x], &tint))
            counts.tinted++;
          else if (near (row[x], conv))
            counts.solid++;
          else if (((row[x] >> 16) & 0xff) < 0x40 && ((row[x] >> 8) & 0xff) < 0x40 &&
                   (row[x] & 0xff) < 0x40)
            counts.dark++;
        }
    }
  cairo_surface_destroy (surface);
  return counts;
}

/* No pale tints, the palette's own colours instead; black outlines twice
 * as thick, and arrows and secondary text black, not grey. */
static void
test_high_contrast (void)
{
  Counts normal = draw_and_count (FALSE);
  Counts high = draw_and_count (TRUE);

  g_test_message ("normal: %u tinted, %u solid, %u dark; high contrast: %u, %u, %u",
                  normal.tinted, normal.solid, normal.dark, high.tinted, high.solid, high.dark);
  /* The two convolutions' top faces. */
  g_assert_cmpuint (normal.tinted, >, 1000);
  g_assert_cmpuint (high.tinted, ==, 0);
  g_assert_cmpuint (high.solid, >, normal.solid + normal.tinted / 2);
  g_assert_cmpuint (normal.dark, >, 1000);
  g_assert_cmpuint (high.dark, >, 2 * normal.dark);
}

static void
test_default_off (void)
{
  StrataRenderOptions options;

  strata_render_options_init (&options);
  g_assert_false (options.high_contrast);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/contrast/default-off", test_default_off);
  g_test_add_func ("/render/contrast/high", test_high_contrast);

  return g_test_run ();
}
