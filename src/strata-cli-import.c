/* strata-cli-import.c: `strata import IN -o OUT.strata`, a model of another program saved as a Strata network. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-cli.h"
#include "strata-file.h"
#include "strata-summary.h"

int
strata_cli_import (int    argc,
                   char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *input = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  int first_error;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the network to OUT, a .strata file"), N_("OUT") },
    { "input", 'i', 0, G_OPTION_ARG_STRING, &input,
      N_("Give or change the input shape: channels × height × width, such as 3x224x224"),
      N_("CxHxW") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };

  /* Translators: follows "import [OPTION…] FILE" in the usage line; keep "-o" */
  context = g_option_context_new (_("-o OUT.strata — save an ONNX, Keras or PyTorch model as a "
                                    "Strata network"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("strata import: %s\n", error->message);
      return 1;
    }
  if (files == NULL || g_strv_length (files) != 1)
    {
      g_printerr ("%s\n", _("strata import: give exactly one model file"));
      return 1;
    }
  if (output == NULL || !g_str_has_suffix (output, ".strata"))
    {
      g_printerr ("%s\n", _("strata import: give the network file to write with -o OUT.strata"));
      return 1;
    }
  source = g_file_new_for_commandline_arg (files[0]);
  target = g_file_new_for_commandline_arg (output);
  /* Saving over the model would lose it: a .strata file holds no weights. */
  if (g_file_equal (source, target))
    {
      g_printerr ("%s\n", _("strata import: the output would replace the model; give another "
                            "file with -o"));
      return 1;
    }

  network = strata_cli_load ("strata import", files[0], input);
  if (network == NULL)
    return 1;

  if (!strata_file_save (network, target, NULL, &error))
    {
      g_printerr ("strata import: %s\n", error->message);
      return 1;
    }

  /* Saved as it is, a layer that does not apply included: say so. */
  first_error = strata_network_get_first_error (network);
  if (first_error >= 0)
    {
      StrataLayer *layer = strata_network_get_layer (network, first_error);
      g_autofree char *name = strata_summary_escape_text (strata_layer_get_display_name (layer));
      g_autofree char *message = strata_summary_escape_text (strata_layer_get_error (layer));

      /* Translators: "strata import: warning: layer NUMBER “NAME”: ERROR" */
      g_printerr (_("strata import: warning: layer %d “%s”: %s\n"), first_error + 1, name,
                  message);
    }
  return 0;
}
