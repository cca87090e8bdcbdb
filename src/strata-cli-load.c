/* strata-cli-load.c: reading the network a subcommand works on, in any format Strata reads. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-cli.h"
#include "strata-import.h"
#include "strata-summary.h"

StrataNetwork *
strata_cli_load (const char *command,
                 const char *path,
                 const char *input)
{
  StrataImportOptions options = { FALSE, 0, 0, 0 };
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(StrataNetwork) network = NULL;

  if (input != NULL && !strata_import_parse_shape (input, &options, &error))
    {
      g_autofree char *message = strata_summary_escape_text (error->message);

      g_printerr ("%s: --input %s\n", command, message);
      return NULL;
    }

  file = g_file_new_for_commandline_arg (path);
  network = strata_import_load (file, &options, warnings, NULL, &error);
  /* Messages and warnings may quote names from the file. */
  for (guint i = 0; i < warnings->len; i++)
    {
      g_autofree char *warning = strata_summary_escape_text (g_ptr_array_index (warnings, i));

      /* Translators: "COMMAND: warning: WARNING", e.g. a layer imported approximately */
      g_printerr (_("%s: warning: %s\n"), command, warning);
    }
  if (network == NULL)
    {
      g_autofree char *message = strata_summary_escape_text (error->message);

      g_printerr ("%s: %s\n", command, message);
      return NULL;
    }
  return g_steal_pointer (&network);
}
