/* test-window-export.c: the export window, its preview and thread, and Copy Image. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "test-window-fixture.h"
#include "strata-export.h"
#include "test-export-dialog-wait.h"
#include "strata-file.h"

/* The longest an export in these tests may take, under the sanitizers too. */
#define EXPORT_WAIT (600 * G_USEC_PER_SEC)

/* What Strata copies to the clipboard: the DPI last chosen for an export. */
#define COPY_DPI 96.0

static void
test_window_export_dialog (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (STRATA_SETTINGS_SCHEMA_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", &error);
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(StrataLayout) layout = NULL;
  g_autoptr(StrataLayout) blocks = NULL;
  StrataRenderOptions options;
  GtkWindow *dialog;
  double width = 0, height = 0, blocks_width = 0, blocks_height = 0;

  g_assert_no_error (error);

  /* The dialog opens with the user's defaults. */
  g_settings_set_string (settings, "diagram-theme", "print");
  g_settings_set_string (settings, "diagram-layout", "compact");
  strata_test_flush_main_loop ();
  activate (fixture, "win.export", NULL);
  dialog = find_toplevel (STRATA_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture->window));
  g_assert_cmpint (strata_export_dialog_get_options (STRATA_EXPORT_DIALOG (dialog))->theme, ==,
                   STRATA_THEME_PRINT);
  g_assert_cmpint (adw_combo_row_get_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (
                     STRATA_EXPORT_DIALOG (dialog), "layout"))), ==, STRATA_ARRANGEMENT_COMPACT);
  g_assert_cmpint (strata_export_dialog_get_options (STRATA_EXPORT_DIALOG (dialog))->arrangement,
                   ==, STRATA_ARRANGEMENT_COMPACT);
  /* Every layout may write the dimensions on the blocks' edges; the bars
   * style, which has no blocks, does not. */
  {
    GtkWidget *dimensions = strata_export_dialog_get_control (STRATA_EXPORT_DIALOG (dialog),
                                                              "dimensions");
    GtkWidget *layout_row = strata_export_dialog_get_control (STRATA_EXPORT_DIALOG (dialog),
                                                              "layout");
    GtkWidget *style_row = strata_export_dialog_get_control (STRATA_EXPORT_DIALOG (dialog),
                                                             "style");
    guint style = adw_combo_row_get_selected (ADW_COMBO_ROW (style_row));

    g_assert_true (gtk_widget_is_sensitive (dimensions));
    gtk_switch_set_active (GTK_SWITCH (dimensions), TRUE);
    g_assert_true (strata_export_dialog_get_options (
      STRATA_EXPORT_DIALOG (dialog))->dimensions_on_edges);
    adw_combo_row_set_selected (ADW_COMBO_ROW (layout_row), STRATA_ARRANGEMENT_TOP_TO_BOTTOM);
    g_assert_true (gtk_widget_is_sensitive (dimensions));
    g_assert_cmpint (strata_export_dialog_get_options (STRATA_EXPORT_DIALOG (dialog))->arrangement,
                     ==, STRATA_ARRANGEMENT_TOP_TO_BOTTOM);
    adw_combo_row_set_selected (ADW_COMBO_ROW (style_row), STRATA_DIAGRAM_STYLE_BARS);
    g_assert_false (gtk_widget_is_sensitive (dimensions));
    adw_combo_row_set_selected (ADW_COMBO_ROW (style_row), style);
    adw_combo_row_set_selected (ADW_COMBO_ROW (layout_row), STRATA_ARRANGEMENT_COMPACT);
    gtk_switch_set_active (GTK_SWITCH (dimensions), FALSE);
  }
  /* Rows break where the canvas breaks them, so the export is what was seen. */
  g_assert_cmpfloat (strata_export_dialog_get_options (STRATA_EXPORT_DIALOG (dialog))->max_width,
                     >, 0);
  g_assert_cmpfloat (strata_export_dialog_get_options (STRATA_EXPORT_DIALOG (dialog))->max_width,
                     ==, strata_canvas_get_options (fixture->window->canvas)->max_width);

  /* Runs collapsed while they are grouped; the switch waits while not. */
  {
    GtkWidget *collapse = strata_export_dialog_get_control (STRATA_EXPORT_DIALOG (dialog),
                                                            "collapse");
    GtkWidget *groups = strata_export_dialog_get_control (STRATA_EXPORT_DIALOG (dialog), "groups");

    g_assert_false (gtk_switch_get_active (GTK_SWITCH (collapse)));
    gtk_switch_set_active (GTK_SWITCH (collapse), TRUE);
    g_assert_true (strata_export_dialog_get_options (STRATA_EXPORT_DIALOG (dialog))->collapse_repeats);
    g_assert_true (gtk_widget_is_sensitive (collapse));
    gtk_switch_set_active (GTK_SWITCH (groups), FALSE);
    g_assert_false (gtk_widget_is_sensitive (collapse));
    gtk_switch_set_active (GTK_SWITCH (groups), TRUE);
    gtk_switch_set_active (GTK_SWITCH (collapse), FALSE);
  }

  /* Bars at 144 dpi: twice the points in pixels. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (
                                STRATA_EXPORT_DIALOG (dialog), "style")),
                              STRATA_DIAGRAM_STYLE_BARS);
  /* The DPI last chosen, 192 at first, and remembered for Copy Image. */
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (strata_export_dialog_get_control (
                       STRATA_EXPORT_DIALOG (dialog), "dpi"))), ==, 192);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (strata_export_dialog_get_control (
                               STRATA_EXPORT_DIALOG (dialog), "dpi")), 144);
  g_assert_cmpint (g_settings_get_int (settings, "image-dpi"), ==, 144);
  options = *strata_export_dialog_get_options (STRATA_EXPORT_DIALOG (dialog));
  g_assert_cmpint (options.style, ==, STRATA_DIAGRAM_STYLE_BARS);
  g_assert_false (gtk_widget_get_sensitive (strata_export_dialog_get_control (
                    STRATA_EXPORT_DIALOG (dialog), "layout")));

  /* No extension: the chosen format adds it. */
  base = g_build_filename (dir, "diagram", NULL);
  path = g_strconcat (base, ".png", NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save-to", "s", base));
  strata_test_wait_for_null ((gpointer *) &dialog);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  layout = strata_layout_new (fixture->network, &options);
  strata_layout_get_size (layout, &width, &height);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, (int) ceil (width * 2));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, (int) ceil (height * 2));

  /* The style took: 3D blocks would not be this size. */
  options.style = STRATA_DIAGRAM_STYLE_BLOCKS;
  blocks = strata_layout_new (fixture->network, &options);
  strata_layout_get_size (blocks, &blocks_width, &blocks_height);
  g_assert_true (blocks_width != width || blocks_height != height);

  g_unlink (path);
  g_rmdir (dir);
}

/* A page fills the preview's image: the export is the page's size, and
 * the next dialog starts from the DPI and page of the last export. */
static void
test_window_export_page (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (STRATA_SETTINGS_SCHEMA_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *page = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *control;
  GtkWindow *dialog;

  g_assert_no_error (error);
  activate (fixture, "win.export", NULL);
  dialog = find_toplevel (STRATA_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  /* The schema's defaults: no page, 192 DPI. */
  control = strata_export_dialog_get_control (STRATA_EXPORT_DIALOG (dialog), "page");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (control)), ==, STRATA_PAGE_NONE);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (strata_export_dialog_get_control (
                       STRATA_EXPORT_DIALOG (dialog), "dpi"))), ==, 192);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (
    strata_export_dialog_get_control (STRATA_EXPORT_DIALOG (dialog), "page-width"),
    ADW_TYPE_ACTION_ROW)));

  adw_combo_row_set_selected (ADW_COMBO_ROW (control), STRATA_PAGE_CUSTOM);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (
    strata_export_dialog_get_control (STRATA_EXPORT_DIALOG (dialog), "page-width"),
    ADW_TYPE_ACTION_ROW)));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (strata_export_dialog_get_control (
                               STRATA_EXPORT_DIALOG (dialog), "page-width")), 4);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (strata_export_dialog_get_control (
                               STRATA_EXPORT_DIALOG (dialog), "page-height")), 2.5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (strata_export_dialog_get_control (
                               STRATA_EXPORT_DIALOG (dialog), "dpi")), 300);
  g_assert_cmpfloat (strata_export_dialog_get_options (STRATA_EXPORT_DIALOG (dialog))->page.width,
                     ==, 288);

  path = g_build_filename (dir, "page.png", NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save-to", "s", path));
  strata_test_wait_for_null ((gpointer *) &dialog);

  /* 4 × 2.5 in at 300 DPI, whatever the network's own size. */
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1200);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 750);

  page = g_settings_get_string (settings, "export-page");
  g_assert_cmpstr (page, ==, "288x180pt");
  g_assert_cmpint (g_settings_get_int (settings, "image-dpi"), ==, 300);

  /* A preset, as Preferences or an earlier export left it. */
  g_settings_set_string (settings, "export-page", "slide");
  strata_test_flush_main_loop ();
  activate (fixture, "win.export", NULL);
  dialog = find_toplevel (STRATA_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  control = strata_export_dialog_get_control (STRATA_EXPORT_DIALOG (dialog), "page");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (control)), ==, STRATA_PAGE_SLIDE);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (strata_export_dialog_get_control (
                       STRATA_EXPORT_DIALOG (dialog), "dpi"))), ==, 300);
  g_assert_cmpfloat (strata_export_dialog_get_options (STRATA_EXPORT_DIALOG (dialog))->page.width,
                     ==, 960);
  gtk_window_destroy (dialog);

  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
count_tick_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* The preview is fitted in a thread: the main loop goes on while it
 * fits, a page chosen during a fit cancels it, and the preview ends with
 * the last page chosen, fitted as an export fits it. */
static void
test_window_export_preview (Fixture       *fixture,
                            gconstpointer  data)
{
#ifdef __SANITIZE_ADDRESS__
  /* The slow unwinder makes GoogLeNet's fit on a column minutes;
   * VGG-16's on a slide takes seconds there. */
  g_autoptr(StrataNetwork) network = strata_file_load_example ("vgg16", NULL);
  StrataPagePreset last = STRATA_PAGE_SLIDE;
  double last_width = 960;
#else
  g_autoptr(StrataNetwork) network = strata_file_load_example ("googlenet", NULL);
  StrataPagePreset last = STRATA_PAGE_COLUMN;
  double last_width = 252;
#endif
  g_autoptr(StrataLayout) expected = NULL;
  StrataRenderOptions options;
  StrataPageFit fit, expected_fit;
  GtkWidget *dialog, *page;
  guint ticks = 0, tick_id;
  gint64 start, deadline;

  g_assert_nonnull (network);
  dialog = strata_export_dialog_new (GTK_WINDOW (fixture->window), network, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (dialog);
  page = strata_export_dialog_get_control (STRATA_EXPORT_DIALOG (dialog), "page");

  /* A poster, and at once a column, which GoogLeNet's 197 layers take
   * most of a second to fit: the poster's fit is cancelled, the
   * column's shown. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (page), STRATA_PAGE_POSTER);
  adw_combo_row_set_selected (ADW_COMBO_ROW (page), last);
  g_assert_false (strata_export_dialog_get_preview (STRATA_EXPORT_DIALOG (dialog), &fit));
  tick_id = g_timeout_add (5, count_tick_cb, &ticks);
  start = g_get_monotonic_time ();
  deadline = start + 300 * G_USEC_PER_SEC;
  while (!strata_export_dialog_get_preview (STRATA_EXPORT_DIALOG (dialog), &fit) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick_id);
  g_assert_true (strata_export_dialog_get_preview (STRATA_EXPORT_DIALOG (dialog), &fit));
  /* The main loop ran through the fit: a fit run in one of its sources
   * would have let the tick in once before it at most. Not a count from
   * the fit's time: on a busy machine, or under the sanitizers, each
   * turn of the loop (drawing the progress) may take longer than the
   * ticks' 5 ms. */
  g_test_message ("%u ticks of 5 ms in the %.0f ms the preview took to fit", ticks,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (ticks, >=, 3);

  options = *strata_export_dialog_get_options (STRATA_EXPORT_DIALOG (dialog));
  g_assert_cmpint (options.page.preset, ==, last);
  expected = strata_layout_new_for_page (network, &options, &expected_fit);
  g_assert_cmpmem (&fit, sizeof fit, &expected_fit, sizeof expected_fit);
  g_assert_cmpfloat (fit.width, ==, last_width);

  /* Closed during a fit: it stops on its own, and nothing is left. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (page), STRATA_PAGE_FULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  strata_test_flush_main_loop ();
  g_assert_null (dialog);
}

/* The main loop's turns, and the longest wait between two. */
typedef struct
{
  guint  ticks;
  gint64 last;
  gint64 longest;
} Ticks;

static gboolean
tick_cb (gpointer user_data)
{
  Ticks *ticks = user_data;
  gint64 now = g_get_monotonic_time ();

  ticks->ticks++;
  ticks->longest = MAX (ticks->longest, now - ticks->last);
  ticks->last = now;
  return G_SOURCE_CONTINUE;
}


/* @dir holds @n_files files, temporaries included. */
static void
assert_n_files (const char *dir,
                guint       n_files)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (folder);
  while (g_dir_read_name (folder) != NULL)
    n++;
  g_assert_cmpuint (n, ==, n_files);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);

  g_assert_no_error (error);
  return g_mapped_file_get_bytes (file);
}

/* Export writes in a thread: the main loop goes on while it fits and
 * writes, the file is the one the command line writes of the same
 * choices (the preview's fit, taken when it is there, or fitted again),
 * the network changed during an export changes nothing written, Cancel
 * and closing leave no file, and a failure names the file. */
static void
test_window_export_thread (Fixture       *fixture,
                           gconstpointer  data)
{
#ifdef __SANITIZE_ADDRESS__
  g_autoptr(StrataNetwork) network = strata_file_load_example ("vgg16", NULL);
  StrataPagePreset page = STRATA_PAGE_SLIDE;
#else
  g_autoptr(StrataNetwork) network = strata_file_load_example ("googlenet", NULL);
  StrataPagePreset page = STRATA_PAGE_COLUMN;
#endif
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", &error);
  g_autofree char *fitted = g_build_filename (dir, "fitted.png", NULL);
  g_autofree char *reused = g_build_filename (dir, "reused.png", NULL);
  g_autofree char *expected = g_build_filename (dir, "expected.png", NULL);
  g_autofree char *cancelled = g_build_filename (dir, "cancelled.png", NULL);
  g_autofree char *closed = g_build_filename (dir, "closed.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", "figure.png", NULL);
  g_autoptr(GBytes) fitted_bytes = NULL;
  g_autoptr(GBytes) reused_bytes = NULL;
  g_autoptr(GBytes) expected_bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  StrataRenderOptions options;
  StrataExportDialog *dialog;
  StrataPageFit fit;
  GtkWindow *message;
  Ticks ticks = { 0 };
  guint tick_id;
  gint64 start;
  double dpi, fit_cpu, reuse_cpu;
  clock_t cpu;

  g_assert_no_error (error);
  g_assert_nonnull (network);

  /* Exported while the preview still fits: fitted again in the thread. */
  dialog = STRATA_EXPORT_DIALOG (strata_export_dialog_new (GTK_WINDOW (fixture->window), network,
                                                           NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  adw_combo_row_set_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (dialog, "page")),
                              page);
  options = *strata_export_dialog_get_options (dialog);
  dpi = gtk_spin_button_get_value (GTK_SPIN_BUTTON (strata_export_dialog_get_control (dialog,
                                                                                      "dpi")));
  g_assert_false (strata_export_dialog_get_preview (dialog, &fit));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  tick_id = g_timeout_add (5, tick_cb, &ticks);
  start = ticks.last = g_get_monotonic_time ();
  cpu = clock ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save-to", "s", fitted));
  g_assert_false (export_idle (dialog));
  strata_test_wait_for_null ((gpointer *) &dialog);
  fit_cpu = (double) (clock () - cpu) / CLOCKS_PER_SEC * 1000;
  g_source_remove (tick_id);
  g_test_message ("%u ticks of 5 ms in the %.0f ms (%.0f ms of processor time) the export took, "
                  "at most %.0f ms apart", ticks.ticks, (g_get_monotonic_time () - start) / 1000.0,
                  fit_cpu, ticks.longest / 1000.0);
  /* The main loop ran through the export: not a count from its time, as
   * in /window-export/preview. */
  g_assert_cmpuint (ticks.ticks, >=, 3);

  /* What the command line writes of the same choices. */
  g_assert_true (strata_export_to_file (network, &options, STRATA_EXPORT_FORMAT_PNG, dpi,
                                        expected, &error));
  g_assert_no_error (error);
  expected_bytes = read_bytes (expected);
  fitted_bytes = read_bytes (fitted);
  g_assert_true (g_bytes_equal (fitted_bytes, expected_bytes));
  texture = gdk_texture_new_from_filename (fitted, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, (int) ceil (options.page.width * dpi / 72));
  g_assert_cmpint (gdk_texture_get_height (texture), ==,
                   (int) ceil (options.page.height * dpi / 72));

  /* Exported once the preview is fitted: its layout is written, and a
   * layer taken out meanwhile is still in the file. */
  dialog = STRATA_EXPORT_DIALOG (strata_export_dialog_new (GTK_WINDOW (fixture->window), network,
                                                           NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpint (strata_export_dialog_get_options (dialog)->page.preset, ==, page);
  start = g_get_monotonic_time ();
  while (!strata_export_dialog_get_preview (dialog, &fit) &&
         g_get_monotonic_time () < start + 600 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (strata_export_dialog_get_preview (dialog, &fit));
  start = g_get_monotonic_time ();
  cpu = clock ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save-to", "s", reused));
  strata_network_remove (network, strata_network_get_n_layers (network) - 1);
  strata_test_wait_for_null ((gpointer *) &dialog);
  reuse_cpu = (double) (clock () - cpu) / CLOCKS_PER_SEC * 1000;
  g_test_message ("%.0f ms (%.0f ms of processor time) to export the preview's layout",
                  (g_get_monotonic_time () - start) / 1000.0, reuse_cpu);
#ifndef __SANITIZE_ADDRESS__
  /* Drawn without fitting the page again: GoogLeNet's fit on a column is
   * most of the work. VGG-16's on a slide, under the sanitizers, is not,
   * and there their slow unwinder's time goes with the load. */
  g_assert_cmpfloat (reuse_cpu * 2, <, fit_cpu);
#endif
  reused_bytes = read_bytes (reused);
  g_assert_true (g_bytes_equal (reused_bytes, expected_bytes));

  /* Cancelled, while it fits: no file, and the dialog stays with its choices. */
  dialog = STRATA_EXPORT_DIALOG (strata_export_dialog_new (GTK_WINDOW (fixture->window), network,
                                                           NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save-to", "s",
                                             cancelled));
  g_assert_false (export_idle (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL));
  wait_export_idle (dialog, g_get_monotonic_time () + EXPORT_WAIT);
  g_assert_nonnull (dialog);
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));
  assert_n_files (dir, 3);

  /* A folder that is not there: said, naming the file, and the dialog stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save-to", "s", missing));
  wait_export_idle (dialog, g_get_monotonic_time () + EXPORT_WAIT);
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)),
                            "figure.png"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)),
                            g_strerror (ENOENT)));
  gtk_window_destroy (message);

  /* A folder closed to us, as it is to anyone but root. */
  if (geteuid () != 0)
    {
      g_autofree char *closed_dir = g_build_filename (dir, "closed", NULL);
      g_autofree char *inside = g_build_filename (closed_dir, "figure.png", NULL);

      g_assert_cmpint (g_mkdir (closed_dir, 0555), ==, 0);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save-to", "s",
                                                 inside));
      wait_export_idle (dialog, g_get_monotonic_time () + EXPORT_WAIT);
      message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)),
                                g_strerror (EACCES)));
      gtk_window_destroy (message);
      g_rmdir (closed_dir);
    }
  else
    g_test_message ("Run as root: a read-only folder is writable, not tried");

  /* Closed during an export, of a poster it has to fit for seconds: it
   * stops, and leaves nothing. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (dialog, "page")),
                              STRATA_PAGE_POSTER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save-to", "s", closed));
  gtk_window_destroy (GTK_WINDOW (dialog));
  strata_test_flush_main_loop ();
  g_assert_null (dialog);
  g_assert_false (g_file_test (closed, G_FILE_TEST_EXISTS));
  assert_n_files (dir, 3);

  g_unlink (fitted);
  g_unlink (reused);
  g_unlink (expected);
  g_rmdir (dir);
}

/* The window closed during an export takes its export window with it:
 * the export stops, and leaves no file. */
static void
test_window_export_window_closed (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(StrataNetwork) network = strata_file_load_example ("vgg16", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "poster.png", NULL);
  StrataExportDialog *dialog;

  g_assert_no_error (error);
  dialog = STRATA_EXPORT_DIALOG (strata_export_dialog_new (GTK_WINDOW (fixture->window), network,
                                                           NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_combo_row_set_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (dialog, "page")),
                              STRATA_PAGE_POSTER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save-to", "s", path));
  g_assert_false (export_idle (dialog));

  fixture->window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  strata_test_flush_main_loop ();
  g_assert_null (dialog);
  assert_n_files (dir, 0);
  g_rmdir (dir);
}

/* Every choice of the export window is there in the next one, the DPI
 * and the page as every other; a choice left as the window draws follows
 * Preferences, and the window's own drawing is left alone. */
static void
test_window_export_remembers (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (STRATA_SETTINGS_SCHEMA_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GVariant) choices = NULL;
  g_autoptr(GVariant) layout = NULL;
  StrataExportDialog *dialog;
  static const char * const switches[] = {
    "dimensions", "params", "kernels", "legend", "groups", "collapse", "title", "transparent",
  };
  /* Each the other way from its default. */
  static const gboolean chosen[] = { TRUE, FALSE, TRUE, FALSE, FALSE, TRUE, FALSE, TRUE };

  g_assert_no_error (error);
  activate (fixture, "win.export", NULL);
  dialog = STRATA_EXPORT_DIALOG (find_toplevel (STRATA_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  adw_combo_row_set_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (dialog, "layout")),
                              STRATA_ARRANGEMENT_COMPACT);
  adw_combo_row_set_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (dialog, "format")),
                              STRATA_EXPORT_FORMAT_SVG);
  adw_combo_row_set_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (dialog, "page")),
                              STRATA_PAGE_COLUMN);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (strata_export_dialog_get_control (dialog, "dpi")),
                             300);
  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      GtkSwitch *control = GTK_SWITCH (strata_export_dialog_get_control (dialog, switches[i]));

      g_assert_cmpint (gtk_switch_get_active (control), !=, chosen[i]);
      gtk_switch_set_active (control, chosen[i]);
    }
  g_assert_true (strata_export_dialog_get_options (dialog)->dimensions_on_edges);
  /* Closed without exporting: nothing is remembered but the DPI. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  strata_test_flush_main_loop ();
  g_assert_null (dialog);
  choices = g_settings_get_value (settings, "export-choices");
  g_assert_cmpuint (g_variant_n_children (choices), ==, 0);
  g_clear_pointer (&choices, g_variant_unref);

  activate (fixture, "win.export", NULL);
  dialog = STRATA_EXPORT_DIALOG (find_toplevel (STRATA_TYPE_EXPORT_DIALOG));
  g_assert_false (strata_export_dialog_get_options (dialog)->dimensions_on_edges);
  adw_combo_row_set_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (dialog, "layout")),
                              STRATA_ARRANGEMENT_COMPACT);
  adw_combo_row_set_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (dialog, "format")),
                              STRATA_EXPORT_FORMAT_SVG);
  adw_combo_row_set_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (dialog, "page")),
                              STRATA_PAGE_COLUMN);
  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    gtk_switch_set_active (GTK_SWITCH (strata_export_dialog_get_control (dialog, switches[i])),
                           chosen[i]);
  path = g_build_filename (dir, "figure.svg", NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save-to", "s", path));
  strata_test_wait_for_null ((gpointer *) &dialog);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* Kept by name, only where the window draws otherwise. */
  choices = g_settings_get_value (settings, "export-choices");
  layout = g_variant_lookup_value (choices, "layout", G_VARIANT_TYPE_STRING);
  g_assert_nonnull (layout);
  g_assert_cmpstr (g_variant_get_string (layout, NULL), ==, "compact");
  g_assert_cmpuint (g_variant_n_children (choices), ==, 2 + G_N_ELEMENTS (switches));
  g_assert_false (g_variant_lookup (choices, "theme", "&s", NULL));
  /* The window still draws its rows. */
  g_assert_cmpint (strata_canvas_get_options (fixture->window->canvas)->arrangement, ==,
                   STRATA_ARRANGEMENT_ROWS);

  /* A theme never chosen here follows Preferences. */
  g_settings_set_string (settings, "diagram-theme", "print");
  strata_test_flush_main_loop ();
  activate (fixture, "win.export", NULL);
  dialog = STRATA_EXPORT_DIALOG (find_toplevel (STRATA_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (
                      dialog, "layout"))), ==, STRATA_ARRANGEMENT_COMPACT);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (
                      dialog, "format"))), ==, STRATA_EXPORT_FORMAT_SVG);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (
                      dialog, "page"))), ==, STRATA_PAGE_COLUMN);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (strata_export_dialog_get_control (
                       dialog, "dpi"))), ==, 300);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (
                      dialog, "theme"))), ==, STRATA_THEME_PRINT);
  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (strata_export_dialog_get_control (
                       dialog, switches[i]))), ==, chosen[i]);
  g_assert_true (strata_export_dialog_get_options (dialog)->dimensions_on_edges);
  g_assert_cmpint (strata_export_dialog_get_options (dialog)->arrangement, ==,
                   STRATA_ARRANGEMENT_COMPACT);
  g_assert_false (strata_export_dialog_get_options (dialog)->group_repeats);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  GOutputStream *out;
  const char    *mime_type;
  gboolean       done;
  GError        *error;
} ClipboardRead;

static void
splice_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ClipboardRead *read = user_data;

  g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &read->error);
  read->done = TRUE;
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClipboardRead *read = user_data;
  const char *mime_type = NULL;
  g_autoptr(GInputStream) in = NULL;

  in = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, &mime_type, &read->error);
  if (in == NULL)
    {
      read->done = TRUE;
      return;
    }
  g_assert_cmpstr (mime_type, ==, read->mime_type);
  /* Asynchronous: the clipboard writes from this same main loop. */
  g_output_stream_splice_async (read->out, in,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, splice_done_cb, read);
}

static GBytes *
read_clipboard (GdkClipboard *clipboard,
                const char   *mime_type)
{
  const char *mime_types[] = { mime_type, NULL };
  ClipboardRead read = { NULL, mime_type, FALSE, NULL };
  GBytes *bytes;

  read.out = g_memory_output_stream_new_resizable ();
  gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL, read_done_cb, &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (read.error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (read.out));
  g_object_unref (read.out);
  return bytes;
}

static void
test_window_copy_image (Fixture       *fixture,
                        gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(GSettings) settings = g_settings_new (STRATA_SETTINGS_SCHEMA_ID);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autoptr(GBytes) copied = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) copied_svg = NULL;
  g_autoptr(GBytes) expected_svg = NULL;
  g_autoptr(GError) error = NULL;
  StrataRenderOptions options;

  /* Copies use the user's default style, numbers and DPI too. */
  g_settings_set_string (settings, "diagram-style", "flat");
  g_settings_set_boolean (settings, "short-numbers", TRUE);
  g_settings_set_int (settings, "image-dpi", (int) COPY_DPI);
  strata_test_flush_main_loop ();
  /* The canvas follows the numbers' setting. */
  g_assert_true (strata_canvas_get_options (window->canvas)->short_numbers);
  activate (fixture, "win.copy-image", NULL);

  g_assert_true (gdk_clipboard_is_local (clipboard));
  g_assert_true (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard),
                                                        "image/png"));
  g_assert_true (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard),
                                                        "image/svg+xml"));

  copied = read_clipboard (clipboard, "image/png");
  strata_render_options_init (&options);
  options.style = STRATA_DIAGRAM_STYLE_FLAT;
  options.short_numbers = TRUE;
  expected = strata_export_to_png_bytes (fixture->network, &options, COPY_DPI, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (copied), >, 8);
  g_assert_cmpmem (g_bytes_get_data (copied, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_true (g_bytes_equal (copied, expected));

  /* And the same drawing as SVG, for programs that keep its text. */
  copied_svg = read_clipboard (clipboard, "image/svg+xml");
  expected_svg = strata_export_to_bytes (fixture->network, &options, STRATA_EXPORT_FORMAT_SVG,
                                         COPY_DPI, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (copied_svg, expected_svg));
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

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/export-dialog", test_window_export_dialog);
  ADD ("/window/export-preview", test_window_export_preview);
  ADD ("/window/export-page", test_window_export_page);
  ADD ("/window/export-thread", test_window_export_thread);
  ADD ("/window/export-window-closed", test_window_export_window_closed);
  ADD ("/window/export-remembers", test_window_export_remembers);
  ADD ("/window/copy-image", test_window_copy_image);
#undef ADD

  status = g_test_run ();
  strata_test_state_dir_remove (state_dir);
  return status;
}
