/* strata-cli-export.c: `strata export FILE -o OUT`, a network's diagram as PNG, SVG or PDF without a display. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "strata-cli.h"
#include "strata-export.h"
#include "strata-summary.h"

/* A PNG for a slide: twice the pixels of a 72 DPI drawing, sharp on a
 * projector; and a width that fits a slide once scaled down. */
#define DEFAULT_DPI   144.0
#define DEFAULT_WIDTH 1280.0

int
strata_cli_export (int    argc,
                   char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *style_name = NULL;
  g_autofree char *theme_name = NULL;
  g_autofree char *scale_name = NULL;
  g_autofree char *numbers_name = NULL;
  g_autofree char *input = NULL;
  g_autofree char *page_name = NULL;
  g_autofree char *layout_name = NULL;
  g_autofree char *groups_name = NULL;
  g_autofree char *dimensions_name = NULL;
  g_autofree char *convention_name = NULL;
  StrataConvention convention = STRATA_CONVENTION_KERAS;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  StrataRenderOptions options;
  StrataExportFormat format;
  gboolean transparent = FALSE, no_params = FALSE, kernels = FALSE, field = FALSE;
  gboolean no_legend = FALSE, no_title = FALSE, steps = FALSE;
  double dpi = DEFAULT_DPI, width = DEFAULT_WIDTH, png_dpi = 0, page_type = 0;
  int first_error;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the diagram to OUT; its extension chooses the format: .png, .svg or .pdf"),
      N_("OUT") },
    { "style", 's', 0, G_OPTION_ARG_STRING, &style_name,
      N_("blocks (3D, the default), flat (2D) or bars (activations and parameters per layer)"),
      N_("STYLE") },
    { "theme", 't', 0, G_OPTION_ARG_STRING, &theme_name,
      N_("light (the default), dark or print"), N_("THEME") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_name,
      N_("How sizes follow shapes: linear, sqrt (the default) or log"), N_("SCALE") },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi,
      N_("Resolution of a PNG, recorded in the file (default: 144, twice 72)"), N_("N") },
    { "width", 'w', 0, G_OPTION_ARG_DOUBLE, &width,
      N_("Wrap the blocks into rows no wider than this many points, or top to bottom into "
         "columns no taller (default: 1280; 0: one row)"),
      N_("POINTS") },
    { "page", 'p', 0, G_OPTION_ARG_STRING, &page_name,
      N_("Fill a page: slide (16:9), slide-4:3, column (3.5 in), page (7 in), poster, "
         "or a size such as 5x3in, 12x8cm or 400x300pt; rows, sizes and type are chosen to fit"),
      N_("PAGE") },
    { "layout", 'l', 0, G_OPTION_ARG_STRING, &layout_name,
      N_("rows (wrapped, with full labels; the default), compact (one row of blocks close "
         "together, each with its name and shape) or top-to-bottom (down the page, labels "
         "beside the blocks)"),
      N_("LAYOUT") },
    { "dimensions", 0, 0, G_OPTION_ARG_STRING, &dimensions_name,
      N_("Where a block's dimensions are written: labels (its shape under it, the default) "
         "or edges (its height, channels and width on the block's edges)"),
      N_("WHERE") },
    { "transparent", 0, 0, G_OPTION_ARG_NONE, &transparent,
      N_("Leave a PNG's background transparent"), NULL },
    { "numbers", 0, 0, G_OPTION_ARG_STRING, &numbers_name,
      N_("Counts with every digit (full, the default) or short, such as 138.4 M"), N_("NUMBERS") },
    { "no-params", 0, 0, G_OPTION_ARG_NONE, &no_params,
      N_("Leave out the parameter count under each block"), NULL },
    { "kernels", 'k', 0, G_OPTION_ARG_NONE, &kernels,
      N_("Draw each convolution's and pooling's window on the block before it"), NULL },
    { "receptive-field", 0, 0, G_OPTION_ARG_NONE, &field,
      N_("Write each block's receptive field and jump under it"), NULL },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &no_legend,
      N_("Leave out the legend of colours and sizes"), NULL },
    { "no-title", 0, 0, G_OPTION_ARG_NONE, &no_title,
      N_("Leave out the network's name and totals above the drawing"), NULL },
    { "steps", 0, 0, G_OPTION_ARG_NONE, &steps,
      N_("Build-up slides, 16:9: a PDF of one page per layer after one of the input alone, "
         "or one PNG or SVG per step, OUT-00, OUT-01…"), NULL },
    { "groups", 'g', 0, G_OPTION_ARG_STRING, &groups_name,
      N_("Repeated runs of blocks (VGG's stages, ResNet's blocks): bracket (each repeat under "
         "a bracket, the default), collapse (each run drawn once, its count on its bracket, "
         "and each group of yours one block) or off"),
      N_("GROUPS") },
    { "input", 'i', 0, G_OPTION_ARG_STRING, &input,
      N_("Give or change the input shape: channels × height × width, such as 3x224x224"),
      N_("CxHxW") },
    /* The same as summary's: the diagram's counts and totals follow it. */
    { "convention", 0, 0, G_OPTION_ARG_STRING, &convention_name,
      N_("Count BatchNorm as keras does (4 per channel, 2 of them non-trainable; the default) "
         "or as pytorch does (2 per channel, the running statistics as buffers)"),
      N_("NAME") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };

  /* Translators: follows "export [OPTION…] FILE" in the usage line; keep "-o" */
  context = g_option_context_new (_("-o OUT — draw a network to PNG, SVG or PDF"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("strata export: %s\n", error->message);
      return 1;
    }

  strata_render_options_init (&options);
  if (style_name != NULL && !strata_diagram_style_from_string (style_name, &options.style))
    {
      g_printerr (_("strata export: unknown style “%s” (use blocks, flat or bars)\n"), style_name);
      return 1;
    }
  if (theme_name != NULL && !strata_theme_from_string (theme_name, &options.theme))
    {
      g_printerr (_("strata export: unknown theme “%s” (use light, dark or print)\n"), theme_name);
      return 1;
    }
  if (scale_name != NULL && !strata_scale_mode_from_string (scale_name, &options.scale))
    {
      g_printerr (_("strata export: unknown scale “%s” (use linear, sqrt or log)\n"), scale_name);
      return 1;
    }
  if (numbers_name != NULL && !g_str_equal (numbers_name, "full") &&
      !g_str_equal (numbers_name, "short"))
    {
      g_printerr (_("strata export: unknown numbers “%s” (use full or short)\n"), numbers_name);
      return 1;
    }
  options.short_numbers = numbers_name != NULL && g_str_equal (numbers_name, "short");
  if (dimensions_name != NULL && !g_str_equal (dimensions_name, "labels") &&
      !g_str_equal (dimensions_name, "edges"))
    {
      g_printerr (_("strata export: unknown dimensions “%s” (use labels or edges)\n"),
                  dimensions_name);
      return 1;
    }
  options.dimensions_on_edges = dimensions_name != NULL && g_str_equal (dimensions_name, "edges");
  if (!(dpi >= 1 && dpi <= 2400))
    {
      g_printerr (_("strata export: --dpi %g is out of range (use 1 to 2400)\n"), dpi);
      return 1;
    }
  if (!(width == 0 || (width >= 200 && width <= 100000)))
    {
      g_printerr (_("strata export: --width %g is out of range (use 0, or 200 to 100000 points)\n"),
                  width);
      return 1;
    }
  if (page_name != NULL && !strata_page_parse (page_name, &options.page))
    {
      g_printerr (_("strata export: unknown page “%s” (use slide, slide-4:3, column, page, "
                    "poster, or a size such as 5x3in from 1 to 100 in a side)\n"), page_name);
      return 1;
    }
  if (layout_name != NULL && !strata_arrangement_from_string (layout_name, &options.arrangement))
    {
      g_printerr (_("strata export: unknown layout “%s” (use rows, compact or top-to-bottom)\n"), layout_name);
      return 1;
    }
  if (groups_name != NULL && g_strcmp0 (groups_name, "bracket") != 0 &&
      g_strcmp0 (groups_name, "collapse") != 0 && g_strcmp0 (groups_name, "off") != 0)
    {
      g_printerr (_("strata export: unknown groups “%s” (use bracket, collapse or off)\n"),
                  groups_name);
      return 1;
    }
  if (convention_name != NULL && !strata_convention_from_id (convention_name, &convention))
    {
      g_printerr (_("strata export: unknown convention “%s” (use keras or pytorch)\n"),
                  convention_name);
      return 1;
    }
  if (files == NULL || g_strv_length (files) != 1)
    {
      g_printerr ("%s\n", _("strata export: give exactly one network file"));
      return 1;
    }
  if (output == NULL)
    {
      g_printerr ("%s\n", _("strata export: give the image to write with -o OUT.png, OUT.svg or OUT.pdf"));
      return 1;
    }
  if (!strata_export_format_from_path (output, &format, &error))
    {
      g_printerr ("strata export: %s\n", error->message);
      return 1;
    }

  options.transparent = transparent;
  options.show_params = !no_params;
  options.show_kernels = kernels;
  options.show_receptive_field = field;
  options.show_legend = !no_legend;
  options.show_title = !no_title;
  options.group_repeats = g_strcmp0 (groups_name, "off") != 0;
  options.collapse_repeats = g_strcmp0 (groups_name, "collapse") == 0;
  options.max_width = width;

  network = strata_cli_load ("strata export", files[0], input);
  if (network == NULL)
    return 1;
  strata_network_set_convention (network, convention);

  if (transparent && format != STRATA_EXPORT_FORMAT_PNG)
    g_printerr ("%s\n", _("strata export: --transparent applies to PNG only; ignored"));
  else if (transparent && steps)
    /* The caption is drawn on the slide's background. */
    g_printerr ("%s\n", _("strata export: slides have a background; --transparent ignored"));

  if (steps)
    {
      if (!strata_export_steps_to_file (network, &options, format, dpi, STRATA_EXPORT_STEPS_WIDTH,
                                        STRATA_EXPORT_STEPS_HEIGHT, output, &error))
        {
          g_printerr ("strata export: %s\n", error->message);
          return 1;
        }
    }
  else if (!strata_export_to_file_full (network, &options, format, dpi, output, &png_dpi,
                                        &page_type, &error))
    {
      g_printerr ("strata export: %s\n", error->message);
      return 1;
    }
  if (!steps && format == STRATA_EXPORT_FORMAT_PNG && png_dpi < dpi)
    /* Translators: "strata export: at 144 DPI the image would be too large
     * for image viewers; drawn at 70.5 DPI (SVG and PDF keep every detail)" */
    g_printerr (_("strata export: at %g DPI the image would be too large for image viewers; "
                  "drawn at %.1f DPI (SVG and PDF keep every detail)\n"), dpi, png_dpi);

  /* Labels that need more room than the page gives them at its least
   * type are drawn smaller: the file is written, but the user should know. */
  if (page_type > 0 && page_type < options.page.min_type - 1e-6)
    /* Rounded down, so that it never reads as the size it misses. */
    g_printerr (_("strata export: warning: the smallest text is %.1f pt, under the page’s "
                  "%g pt; a larger page leaves it more room\n"),
                floor (page_type * 10) / 10, options.page.min_type);

  /* The drawing marks a failed layer; say so here too, but the file is
   * written and correct, so this is no failure. */
  first_error = strata_network_get_first_error (network);
  if (first_error >= 0)
    {
      StrataLayer *layer = strata_network_get_layer (network, first_error);
      g_autofree char *name = strata_summary_escape_text (strata_layer_get_display_name (layer));
      g_autofree char *message = strata_summary_escape_text (strata_layer_get_error (layer));

      /* Translators: "strata export: warning: layer NUMBER “NAME”: ERROR" */
      g_printerr (_("strata export: warning: layer %d “%s”: %s\n"), first_error + 1, name,
                  message);
    }
  return 0;
}
