/* strata-cli.h: the subcommands of the strata binary that need no display. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "strata-network.h"

G_BEGIN_DECLS

/* Each takes the arguments after "strata" (argv[0] is the command's name)
 * and returns the process's exit status. */
int strata_cli_export  (int    argc,
                        char **argv);
int strata_cli_summary (int    argc,
                        char **argv);
int strata_cli_import  (int    argc,
                        char **argv);
int strata_cli_thumbnail (int    argc,
                          char **argv);

/* The network in @path, in any format Strata reads (.strata, ONNX, Keras,
 * PyTorch's print), with the input shape @input ("3x224x224", from
 * --input) when not NULL. Each warning is printed to standard error as
 * "@command: warning: …"; NULL when it cannot be read, the reason
 * printed as "@command: …". */
StrataNetwork *strata_cli_load (const char *command,
                                const char *path,
                                const char *input);

G_END_DECLS
