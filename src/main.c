/* main.c: the strata binary: the window, and subcommands that need no display. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "strata-application.h"
#include "strata-cli.h"

typedef struct
{
  const char *name;
  const char *summary; /* N_() marked */
  int (*run) (int argc, char **argv);
} Command;

static const Command commands[] = {
  { "export", N_("Draw a network to PNG, SVG or PDF"), strata_cli_export },
  { "import", N_("Save an ONNX, Keras or PyTorch model as a Strata network"), strata_cli_import },
  { "summary", N_("Print each layer's shape, parameters and MACs, and the totals"),
    strata_cli_summary },
  { "thumbnail", N_("Draw a network's thumbnail for file managers"), strata_cli_thumbnail },
};

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

static void
watch_stdout (const char *command)
{
  stdout_command = g_strdup (command);
  g_set_print_handler (print_cb);
  atexit (check_stdout);
}

static void
print_help (void)
{
  /* Translators: the usage line of the command line; keep "strata" and "COMMAND" */
  g_print ("%s\n\n", _("Usage: strata [FILE…] | strata COMMAND [OPTION…]"));
  g_print ("%s\n\n", _("Draw convolutional neural networks and count their parameters."));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("Options:"));
  g_print ("  %-18s %s\n", "-h, --help", _("Show this help"));
  g_print ("  %-18s %s\n", "--version", _("Show the version"));
  g_print ("\n%s\n", _("Run “strata COMMAND --help” for a command's options."));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("STRATA_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* STRATA_LOCALEDIR lets tests use the catalogs of an uninstalled build. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc >= 2)
    {
      if (g_str_equal (argv[1], "--version"))
        {
          watch_stdout ("strata");
          g_print ("strata %s\n", PACKAGE_VERSION);
          return 0;
        }
      if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
        {
          watch_stdout ("strata");
          print_help ();
          return 0;
        }
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        {
          if (g_str_equal (argv[1], commands[i].name))
            {
              g_autofree char *name = g_strconcat ("strata ", commands[i].name, NULL);

              /* Usage lines and messages then read "strata summary". */
              g_set_prgname (name);
              watch_stdout (name);
              return commands[i].run (argc - 1, argv + 1);
            }
        }
    }

  /* No command: the window, with the files given or the built-in example. */
  {
    g_autoptr(StrataApplication) app = strata_application_new ();

    return g_application_run (G_APPLICATION (app), argc, argv);
  }
}
