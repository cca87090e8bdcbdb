/* strata-test-run.h: running the strata binary from a test, as a user would. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>

#include <glib.h>

typedef struct
{
  char *out;
  char *err;
  int   status;
} Run;

static inline void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* In the child, before exec: makes the file @data names its standard
 * output (only calls safe there), or exits with 127. */
static inline void
run_redirect_stdout (gpointer data)
{
  int fd = open (data, O_WRONLY);

  if (fd < 0 || dup2 (fd, STDOUT_FILENO) < 0)
    _exit (127);
  close (fd);
}

/* Runs $STRATA with the arguments in @args (up to a NULL), without a
 * display, with LANGUAGE and LC_ALL set when not NULL, and its standard
 * output written to @out_path (run->out is then NULL) when not NULL. */
static inline void
run_strata_full (Run        *run,
                 const char *language,
                 const char *locale,
                 const char *out_path,
                 const char *first,
                 va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("STRATA"));
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  if (language != NULL)
    envp = g_environ_setenv (envp, "LANGUAGE", language, TRUE);
  if (locale != NULL)
    envp = g_environ_setenv (envp, "LC_ALL", locale, TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT,
                out_path != NULL ? run_redirect_stdout : NULL, (gpointer) out_path,
                out_path != NULL ? NULL : &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
}

static inline void
run_strata_va (Run        *run,
               const char *language,
               const char *locale,
               const char *first,
               va_list     args)
{
  run_strata_full (run, language, locale, NULL, first, args);
}

/* The exit status of a run that ended normally. */
static inline int
run_exit_status (const Run *run)
{
  g_autoptr(GError) error = NULL;

  if (g_spawn_check_wait_status (run->status, &error))
    return 0;
  g_assert_true (g_error_matches (error, G_SPAWN_EXIT_ERROR, error->code));
  return error->code;
}
