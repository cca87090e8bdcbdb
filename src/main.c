/* main.c: the strata command: summaries and imports here, the programs that draw or open the window started. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-cli.h"
#include "strata-locale.h"

typedef struct
{
  const char *name;
  const char *summary; /* N_() marked */
  /* The command, run in this process; or NULL, and the program of
   * libexecdir that runs it, given the same arguments. */
  int (*run) (int argc, char **argv);
  const char *program;
} Command;

/* Summaries and imports run here; drawing in strata-draw, which alone
 * links cairo and Pango, and the window in strata-window, which alone
 * links GTK and libadwaita: each library this program links is loaded at
 * every start, and those took most of the time of a small summary (see
 * DEVELOPERS.md). */
static const Command commands[] = {
  { "export", N_("Draw a network to PNG, SVG or PDF"), NULL, "strata-draw" },
  { "import", N_("Save an ONNX, Keras or PyTorch model as a Strata network"), strata_cli_import },
  { "summary", N_("Print each layer's shape, parameters and MACs, and the totals"),
    strata_cli_summary },
  { "thumbnail", N_("Draw a network's thumbnail for file managers"), NULL, "strata-draw" },
};

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
  strata_locale_init ();

  if (argc >= 2)
    {
      if (g_str_equal (argv[1], "--version"))
        {
          strata_cli_watch_stdout ("strata");
          g_print ("strata %s\n", PACKAGE_VERSION);
          return 0;
        }
      if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
        {
          strata_cli_watch_stdout ("strata");
          print_help ();
          return 0;
        }
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        {
          if (!g_str_equal (argv[1], commands[i].name))
            continue;
          if (commands[i].run == NULL)
            return strata_cli_exec (commands[i].program, argv);
          return strata_cli_run (commands[i].name, commands[i].run, argc, argv);
        }
    }

  /* No command: the window, with the files given or the built-in example.
   * It takes the arguments as they are, its name first, so that the
   * desktop file, file managers and scripts still open it as `strata
   * FILE…`, and it is still called "strata". */
  return strata_cli_exec ("strata-window", argv);
}
