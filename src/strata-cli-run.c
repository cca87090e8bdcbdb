/* strata-cli-run.c: running a subcommand, in this program or in one of libexecdir. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "strata-cli.h"

/* The command writing standard output, for messages. */
static char *stdout_command;
/* The first error writing standard output, or 0. */
static int stdout_error;

/* g_print() ignores write errors, and stdio forgets why once it drops a
 * buffer it could not write: this writes as g_print() does (converted to
 * the console's character set) and keeps the first error. */
static void
print_cb (const char *text)
{
  const char *charset;
  g_autofree char *converted = NULL;

  if (stdout_error != 0)
    return;
  if (!g_get_console_charset (&charset))
    converted = g_convert_with_fallback (text, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
  errno = 0;
  if (fputs (converted != NULL ? converted : text, stdout) == EOF || fflush (stdout) != 0)
    stdout_error = errno != 0 ? errno : EIO;
}

/* Runs at exit, however the command ends (GOption's --help exits by
 * itself): output that did not all reach its file (a full disk, /dev/full,
 * a closed pipe) is a failure, reported on standard error with status 1,
 * as the standard utilities do, rather than lost with status 0. */
static void
check_stdout (void)
{
  int error = stdout_error;

  errno = 0;
  if (error == 0 && fclose (stdout) != 0)
    error = errno != 0 ? errno : EIO;
  if (error == 0)
    return;
  /* Translators: "COMMAND: could not write to standard output: REASON" */
  g_printerr (_("%s: could not write to standard output: %s\n"), stdout_command,
              g_strerror (error));
  _exit (1);
}

void
strata_cli_watch_stdout (const char *command)
{
  stdout_command = g_strdup (command);
  g_set_print_handler (print_cb);
  atexit (check_stdout);
}

int
strata_cli_run (const char *name,
                int       (*run) (int    argc,
                                  char **argv),
                int         argc,
                char      **argv)
{
  g_autofree char *command = g_strconcat ("strata ", name, NULL);

  /* Usage lines and messages then read "strata summary". */
  g_set_prgname (command);
  strata_cli_watch_stdout (command);
  return run (argc - 1, argv + 1);
}

int
strata_cli_exec (const char  *program,
                 char       **argv)
{
  /* STRATA_LIBEXECDIR: the programs of an uninstalled build. */
  const char *libexecdir = g_getenv ("STRATA_LIBEXECDIR");
  g_autofree char *path = g_build_filename (libexecdir != NULL ? libexecdir : LIBEXECDIR,
                                            program, NULL);
  int error;

  execv (path, argv);
  error = errno;
  /* Translators: "strata: could not run “PROGRAM”: REASON" */
  g_printerr (_("strata: could not run “%s”: %s\n"), path, g_strerror (error));
  return 1;
}
