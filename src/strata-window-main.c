/* strata-window-main.c: strata-window, the program `strata` runs when it opens a window. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-application.h"
#include "strata-free.h"
#include "strata-locale.h"

/* Only this program links GTK and libadwaita, so that the subcommands of
 * `strata`, which never open a display, start as a small GLib program
 * does. `strata` passes its arguments unchanged, its own name first, so
 * that the application and its help are still called "strata". */
int
main (int   argc,
      char *argv[])
{
  g_autoptr(StrataApplication) app = NULL;
  int status;

  strata_locale_init ();
  app = strata_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  /* The last window may have left a large network to a thread: the
   * process ends once it is freed, its windows long gone, and the
   * application's name on the bus already given up, so that a Strata
   * started meanwhile opens its own window. */
  strata_free_wait ();
  return status;
}
