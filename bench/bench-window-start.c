/* bench-window-start.c: from a process's start to its window's first frame, VGG-16's against an empty libadwaita window's. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>

#include <adwaita.h>

#include "bench-common.h"
#include "bench-frame.h"
#include "strata-file.h"
#include "strata-window-private.h"

#define ROUNDS 9
#define VIEW_WIDTH 1280
#define VIEW_HEIGHT 800
/* issue 11: the window with VGG-16 shows within 1.3 times the time an
 * empty libadwaita window takes. */
#define TARGET_RATIO 1.3

/* Widgets in @widget's tree, itself included: what a window made before
 * it could draw, popovers and rows not shown counted too. */
static guint
count_widgets (GtkWidget *widget)
{
  guint n = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child);
  return n;
}

/* The child's first frame: the time since its parent spawned it, which
 * counts loading the libraries, as a user waits for it, and the
 * processor time the child had until then, which a busy machine does not
 * inflate as it does the wall clock. */
typedef struct {
  gint64     spawned;
  GtkWidget *window;
} Child;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  Child *child = data;
  gint64 spawned = child->spawned;
  double wall = (g_get_monotonic_time () - spawned) / 1000.0;
  double cpu = bench_cpu_ms ();

  g_print ("%.3f %.3f %u\n", wall, cpu,
           count_widgets (child->window));
  exit (0);
}

static int
run_child (const char *what,
           gint64      spawned)
{
  static Child child;
  GtkWidget *window;

  child.spawned = spawned;
  gtk_init ();
  adw_init ();
  if (g_str_equal (what, "empty"))
    window = adw_application_window_new (NULL);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (what);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = strata_file_load (file, NULL, &error);

      if (network == NULL)
        g_error ("%s", error->message);
      window = GTK_WIDGET (strata_window_new (NULL));
      strata_window_set_document (STRATA_WINDOW (window), network, file, NULL);
    }
  gtk_window_set_default_size (GTK_WINDOW (window), VIEW_WIDTH, VIEW_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  child.window = window;
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), &child);
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 1;
}

/* The medians of ROUNDS children showing @what, in ms: wall and
 * processor time; and the widgets the window had at its first frame. */
static void
time_start (const char *self,
            const char *what,
            double     *wall,
            double     *cpu,
            guint      *widgets)
{
  double samples[ROUNDS], cpu_samples[ROUNDS];

  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autofree char *spawned = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ());
      const char *argv[] = { self, "--child", what, spawned, NULL };
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;
      int status;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                         &out, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        g_error ("%s", error->message);
      {
        char *end = NULL;

        samples[r] = g_ascii_strtod (out, &end);
        cpu_samples[r] = g_ascii_strtod (end, &end);
        *widgets = g_ascii_strtoull (end, NULL, 10);
      }
    }
  *wall = bench_median (samples, ROUNDS);
  *cpu = bench_median (cpu_samples, ROUNDS);
}

int
main (int   argc,
      char *argv[])
{
  double empty, vgg, empty_cpu, vgg_cpu;
  guint empty_widgets, vgg_widgets;

  setlocale (LC_ALL, "");
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], g_ascii_strtoll (argv[3], NULL, 10));
  if (argc != 2)
    {
      g_printerr ("usage: %s FILE.strata\n", argv[0]);
      return 2;
    }
  if (!gtk_init_check ())
    {
      g_print ("skipped, no display\n");
      return 0;
    }

  time_start (argv[0], "empty", &empty, &empty_cpu, &empty_widgets);
  time_start (argv[0], argv[1], &vgg, &vgg_cpu, &vgg_widgets);
  g_print ("window start to first frame, median of %u: empty libadwaita window %.1f ms, "
           "%s %.1f ms: %.2f times (target %.1f: %s)\n", ROUNDS, empty, argv[1], vgg,
           vgg / empty, TARGET_RATIO, vgg / empty <= TARGET_RATIO ? "met" : "MISSED");
  /* On a busy machine, the figures to compare. */
  g_print ("processor time to first frame: empty %.1f ms, %s %.1f ms: %.2f times\n",
           empty_cpu, argv[1], vgg_cpu, vgg_cpu / empty_cpu);
  g_print ("widgets at the first frame: empty %u, %s %u\n", empty_widgets, argv[1], vgg_widgets);
  return 0;
}
