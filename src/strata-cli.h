/* strata-cli.h: the subcommands of the strata binary that need no display. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each takes the arguments after "strata" (argv[0] is the command's name)
 * and returns the process's exit status. */
int strata_cli_export  (int    argc,
                        char **argv);
int strata_cli_summary (int    argc,
                        char **argv);

G_END_DECLS
