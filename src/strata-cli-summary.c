/* strata-cli-summary.c: `strata summary FILE`, a network's table without a display. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "strata-cli.h"
#include "strata-summary.h"

/* Prints @text some lines at a time: g_print() copies what it prints, which
 * for the JSON of 100,000 layers would be 50 MB more at once. Whole lines,
 * so that no character is cut where the text is converted to the
 * console's character set. A StrataSummaryFunc: the summary comes in
 * pieces of whole rows, NUL-terminated. */
static void
print_in_pieces (const char *text,
                 gsize       length,
                 gpointer    user_data)
{
  while (*text != '\0')
    {
      const char *end = text + strnlen (text, 64 * 1024);
      const char *newline = strchr (end, '\n');

      if (*end != '\0')
        end = newline != NULL ? newline + 1 : end + strlen (end);
      g_print ("%.*s", (int) (end - text), text);
      text = end;
    }
}

int
strata_cli_summary (int    argc,
                    char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *input = NULL;
  g_autofree char *convention_name = NULL;
  g_autofree char *dtype_name = NULL;
  /* -1: not given. */
  int batch = -1;
  StrataDType dtype = STRATA_DTYPE_FLOAT32;
  StrataConvention convention = STRATA_CONVENTION_KERAS;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  StrataSummaryFormat format = STRATA_SUMMARY_TEXT;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: text, markdown, csv, json or latex (default: text)"), N_("FORMAT") },
    { "input", 'i', 0, G_OPTION_ARG_STRING, &input,
      N_("Give or change the input shape: channels × height × width, such as 3x224x224"),
      N_("CxHxW") },
    { "convention", 0, 0, G_OPTION_ARG_STRING, &convention_name,
      N_("Count BatchNorm as keras does (4 per channel, 2 of them non-trainable; the default) "
         "or as pytorch does (2 per channel, the running statistics as buffers)"),
      N_("NAME") },
    { "batch", 'b', 0, G_OPTION_ARG_INT, &batch,
      N_("Estimate memory and MACs for a batch of N samples"), N_("N") },
    { "dtype", 0, 0, G_OPTION_ARG_STRING, &dtype_name,
      N_("Data type of the estimate: float32 (the default), float16, bfloat16 or int8"),
      N_("TYPE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };

  /* Translators: follows "summary [OPTION…] FILE" in the usage line */
  context = g_option_context_new (_("— print each layer's shape, parameters and MACs"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("strata summary: %s\n", error->message);
      return 1;
    }
  if (format_name != NULL && !strata_summary_format_from_string (format_name, &format))
    {
      g_printerr (_("strata summary: unknown format “%s” (use text, markdown, csv, json or latex)\n"),
                  format_name);
      return 1;
    }
  if (convention_name != NULL && !strata_convention_from_id (convention_name, &convention))
    {
      g_printerr (_("strata summary: unknown convention “%s” (use keras or pytorch)\n"),
                  convention_name);
      return 1;
    }
  if (dtype_name != NULL && !strata_dtype_from_id (dtype_name, &dtype))
    {
      g_printerr (_("strata summary: unknown data type “%s” (use float32, float16, bfloat16 or "
                    "int8)\n"), dtype_name);
      return 1;
    }
  if (batch != -1 && batch < 1)
    {
      g_printerr ("%s\n", _("strata summary: the batch size must be at least 1"));
      return 1;
    }
  if (files == NULL || g_strv_length (files) != 1)
    {
      g_printerr ("%s\n", _("strata summary: give exactly one network file"));
      return 1;
    }

  file = g_file_new_for_commandline_arg (files[0]);
  network = strata_cli_load ("strata summary", files[0], input);
  if (network == NULL)
    return 1;
  strata_network_set_convention (network, convention);

  /* Printed as it is written: never whole in memory. */
  if (batch != -1 || dtype_name != NULL)
    strata_summary_write (network, format, MAX (batch, 1), dtype, print_in_pieces, NULL);
  else
    strata_summary_write (network, format, 0, STRATA_DTYPE_FLOAT32, print_in_pieces, NULL);

  if (strata_network_get_first_error (network) >= 0)
    {
      g_autofree char *parse_name = g_file_get_parse_name (file);
      g_autofree char *file_name = strata_summary_escape_text (parse_name);

      for (guint i = 0; i < strata_network_get_n_layers (network); i++)
        {
          StrataLayer *layer = strata_network_get_layer (network, i);
          g_autofree char *name = NULL;
          g_autofree char *message = NULL;

          if (strata_layer_get_error (layer) == NULL)
            continue;
          name = strata_summary_escape_text (strata_layer_get_display_name (layer));
          message = strata_summary_escape_text (strata_layer_get_error (layer));
          /* Translators: "strata summary: “FILE”, layer NUMBER “NAME”: ERROR" */
          g_printerr (_("strata summary: “%s”, layer %u “%s”: %s\n"), file_name, i + 1, name,
                      message);
        }
      return 1;
    }
  return 0;
}
