/* strata-draw-main.c: strata-draw, the program of the subcommands that draw with cairo and Pango. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-cli.h"
#include "strata-locale.h"

/* `strata export …` and `strata thumbnail …` become this program, with the same arguments: cairo,
 * Pango and the libraries they load are then loaded only by the commands
 * that draw, not by a summary (main.c). */
int
main (int   argc,
      char *argv[])
{
  strata_locale_init ();
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return strata_cli_run ("export", strata_cli_export, argc, argv);
  if (argc >= 2 && g_str_equal (argv[1], "thumbnail"))
    return strata_cli_run ("thumbnail", strata_cli_thumbnail, argc, argv);
  /* Translators: keep "strata-draw", "strata export" and "strata thumbnail" */
  g_printerr ("%s\n", _("strata-draw: run “strata export” or “strata thumbnail” instead"));
  return 2;
}
