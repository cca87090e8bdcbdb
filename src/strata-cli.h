/* strata-cli.h: the subcommands of the strata binary that need no display. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "strata-network.h"

G_BEGIN_DECLS

/* Runs @run, a subcommand called @name, on the arguments of a program
 * started as "strata @name …" (argv[1] is @name), and returns its exit
 * status; messages then name "strata @name", and output that could not
 * be written makes it fail (strata_cli_watch_stdout()). */
int  strata_cli_run          (const char  *name,
                              int        (*run) (int    argc,
                                                 char **argv),
                              int          argc,
                              char       **argv);
/* From now on, a failure to write standard output makes the process end
 * with status 1 and a message naming @command. */
void strata_cli_watch_stdout (const char  *command);
/* Becomes @program of libexecdir (STRATA_LIBEXECDIR when set), with
 * @argv; returns 1, the reason printed, when it cannot. */
int  strata_cli_exec         (const char  *program,
                              char       **argv);

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
