/* test-window-export-progress.c: the export window's progress bar, through an export, a cancel and a failure. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "test-window-fixture.h"
#include "strata-export.h"
#include "test-export-dialog-wait.h"
#include "strata-file.h"

/* What the bar showed: its fractions, and whether it was shown at each. */
typedef struct
{
  GArray   *fractions;
  gboolean  shown_at_each;
  gint64    first_at;
  gint64    last_at;
} Shown;

static void
fraction_cb (GtkProgressBar *bar,
             GParamSpec     *pspec,
             Shown          *shown)
{
  double fraction = gtk_progress_bar_get_fraction (bar);

  if (fraction == 0)
    return;
  if (shown->fractions->len == 0)
    shown->first_at = g_get_monotonic_time ();
  shown->last_at = g_get_monotonic_time ();
  g_array_append_val (shown->fractions, fraction);
  if (!gtk_widget_is_visible (GTK_WIDGET (bar)))
    shown->shown_at_each = FALSE;
}

static StrataExportDialog *
open_dialog (Fixture       *fixture,
             StrataNetwork *network)
{
  StrataExportDialog *dialog;

  dialog = STRATA_EXPORT_DIALOG (strata_export_dialog_new (GTK_WINDOW (fixture->window), network,
                                                           NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  return dialog;
}

/* A poster of GoogLeNet at 192 DPI, fitted and then written (a second
 * and more): the bar shows, named with the file, and fills as the export
 * goes, never back, no more than about 30 times a second, to the end as
 * the file is in place; then the window closes. Cancelled part way, or
 * failed, the bar goes and the window stays. */
static void
test_window_export_progress (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(StrataNetwork) network = strata_file_load_example ("googlenet", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "googlenet.png", NULL);
  g_autofree char *cancelled = g_build_filename (dir, "cancelled.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", "googlenet.png", NULL);
  Shown shown = { g_array_new (FALSE, FALSE, sizeof (double)), TRUE, 0, 0 };
  StrataExportDialog *dialog;
  GtkProgressBar *bar;
  GtkWindow *message;
  double seconds, last;
  gint64 deadline;

  g_assert_no_error (error);
  g_assert_nonnull (network);
  dialog = open_dialog (fixture, network);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  bar = GTK_PROGRESS_BAR (strata_export_dialog_get_control (dialog, "progress"));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (bar)));
  g_signal_connect (bar, "notify::fraction", G_CALLBACK (fraction_cb), &shown);

  adw_combo_row_set_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (dialog, "page")),
                              STRATA_PAGE_POSTER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save-to", "s", path));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (bar)));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 0);
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "Exporting “googlenet.png”…");
  strata_test_wait_for_null ((gpointer *) &dialog);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  seconds = (shown.last_at - shown.first_at) / (double) G_USEC_PER_SEC;
  g_test_message ("%u fractions shown in %.2f s", shown.fractions->len, seconds);
  /* Its rows alone are 4,608. */
  g_assert_cmpuint (shown.fractions->len, >=, 5);
  g_assert_cmpuint (shown.fractions->len, <=, 30 * seconds + 2);
  g_assert_true (shown.shown_at_each);
  for (guint i = 1; i < shown.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (shown.fractions, double, i), >,
                       g_array_index (shown.fractions, double, i - 1));
  last = g_array_index (shown.fractions, double, shown.fractions->len - 1);
  g_assert_cmpfloat (last, ==, 1);
  g_assert_cmpfloat (g_array_index (shown.fractions, double, shown.fractions->len - 2), <, 1);

  /* Cancelled part way: no file, and no bar. */
  dialog = open_dialog (fixture, network);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  bar = GTK_PROGRESS_BAR (strata_export_dialog_get_control (dialog, "progress"));
  /* The page of the last export. */
  g_assert_cmpint (strata_export_dialog_get_options (dialog)->page.preset, ==, STRATA_PAGE_POSTER);
  g_array_set_size (shown.fractions, 0);
  g_signal_connect (bar, "notify::fraction", G_CALLBACK (fraction_cb), &shown);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save-to", "s",
                                             cancelled));
  deadline = g_get_monotonic_time () + 100 * G_USEC_PER_SEC;
  while (shown.fractions->len == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (shown.fractions->len, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL));
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "Cancelling…");
  wait_export_idle (dialog, deadline);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (bar)));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), <, 1);
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));

  /* A folder that is not there: said, and no bar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save-to", "s",
                                             missing));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (bar)));
  wait_export_idle (dialog, deadline);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (bar)));
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (message);
  gtk_window_destroy (message);
  gtk_window_destroy (GTK_WINDOW (dialog));
  strata_test_flush_main_loop ();
  g_assert_null (dialog);

  g_array_unref (shown.fractions);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_dir = NULL;
  int status;

  /* Before anything asks GLib where state goes: drafts never reach the
   * real home, nor outlive the run. */
  state_dir = strata_test_state_dir_new ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/window/export-progress", Fixture, NULL, fixture_set_up,
              test_window_export_progress, fixture_tear_down);

  status = g_test_run ();
  strata_test_state_dir_remove (state_dir);
  return status;
}
