/* strata-cli-thumbnail.c: `strata thumbnail -s SIZE IN OUT`, the diagram file managers show for a network. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "strata-cli.h"
#include "strata-render.h"

/* The sizes file managers ask for are 128 to 1024 pixels; past these a
 * request is a mistake, not a thumbnail. */
#define MIN_SIZE 16
#define MAX_SIZE 4096

/* The narrowest rows a drawing wraps into, as the export's --width allows. */
#define MIN_ROW_WIDTH 200.0

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The drawing of @network scaled to fit @size × @size pixels, its longer
 * side exactly @size, as a PNG. */
static GBytes *
draw_thumbnail (StrataNetwork *network,
                int            size)
{
  g_autoptr(StrataLayout) layout = NULL;
  g_autoptr(GByteArray) png = g_byte_array_new ();
  StrataRenderOptions options;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height, scale;
  int pixels_w, pixels_h;

  /* Only the blocks and arrows: text this small cannot be read, and the
   * title, legend and groups' brackets would shrink the blocks to leave
   * room for it. */
  strata_render_options_init (&options);
  options.show_title = FALSE;
  options.show_legend = FALSE;
  options.show_params = FALSE;
  options.group_repeats = FALSE;

  /* A long network drawn in one row would be a thin strip of tiny blocks:
   * its rows wrap so that the drawing comes close to a square, which fills
   * a file manager's icon. n rows of the one row's width w / n and height
   * n × h are square for n = √(w / h), that is rows √(w × h) wide. */
  layout = strata_layout_new (network, &options);
  strata_layout_get_size (layout, &width, &height);
  if (width > 2 * height)
    {
      options.max_width = MAX (sqrt (width * height), MIN_ROW_WIDTH);
      g_clear_pointer (&layout, strata_layout_unref);
      layout = strata_layout_new (network, &options);
      strata_layout_get_size (layout, &width, &height);
    }
  scale = size / MAX (MAX (width, height), 1.0);
  pixels_w = CLAMP ((int) lround (width * scale), 1, size);
  pixels_h = CLAMP ((int) lround (height * scale), 1, size);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixels_w, pixels_h);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  strata_layout_draw (layout, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, write_cb, png);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_printerr ("strata thumbnail: %s\n", cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

int
strata_cli_thumbnail (int    argc,
                      char **argv)
{
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  g_autoptr(GBytes) png = NULL;
  int size = 256;
  GOptionEntry entries[] = {
    { "size", 's', 0, G_OPTION_ARG_INT, &size,
      N_("The longer side of the image, in pixels (default: 256)"), N_("SIZE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE OUT") },
    { NULL }
  };

  /* Translators: follows "thumbnail [OPTION…]" in the usage line; keep "FILE" and "OUT" */
  context = g_option_context_new (_("FILE OUT — draw a network's thumbnail to the PNG OUT"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("strata thumbnail: %s\n", error->message);
      return 1;
    }
  if (size < MIN_SIZE || size > MAX_SIZE)
    {
      g_printerr (_("strata thumbnail: --size %d is out of range (use %d to %d pixels)\n"),
                  size, MIN_SIZE, MAX_SIZE);
      return 1;
    }
  if (files == NULL || g_strv_length (files) != 2)
    {
      g_printerr ("%s\n", _("strata thumbnail: give a network file and the PNG to write"));
      return 1;
    }

  network = strata_cli_load ("strata thumbnail", files[0], NULL);
  if (network == NULL)
    return 1;

  png = draw_thumbnail (network, size);
  if (png == NULL)
    return 1;
  /* A file manager reads the thumbnail only once this returns; a
   * replaced file is never seen half written. */
  if (!g_file_set_contents (files[1], g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                            &error))
    {
      g_printerr ("strata thumbnail: %s\n", error->message);
      return 1;
    }
  return 0;
}
