/* test-ui-application.c: what launching Strata with files shows. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <time.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "strata-application.h"
#include "strata-drafts-dialog.h"
#include "strata-drafts.h"
#include "strata-test-state.h"
#include "strata-file.h"
#include "strata-free.h"
#include "strata-window-private.h"

/* One for the whole run: a registered application keeps its place on
 * the session bus for as long as the process lives. */
static StrataApplication *application;

typedef struct
{
  StrataApplication *application;
  char              *dir;
  GFile             *broken;
  GFile             *good;
} Fixture;


static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *good = NULL;

  fixture->dir = g_dir_make_tmp ("strata-test-XXXXXX", &error);
  g_assert_no_error (error);

  broken = g_build_filename (fixture->dir, "broken.strata", NULL);
  g_file_set_contents (broken, "{ \"format\": \"strata\", \"version\": 1, \"layers\": [", -1, &error);
  g_assert_no_error (error);
  fixture->broken = g_file_new_for_path (broken);

  good = g_build_filename (fixture->dir, "good.strata", NULL);
  g_file_set_contents (good,
                       "{ \"format\": \"strata\", \"version\": 1, \"name\": \"Good\",\n"
                       "  \"input\": { \"height\": 8, \"width\": 8, \"channels\": 1 },\n"
                       "  \"layers\": [ { \"type\": \"flatten\" } ] }\n", -1, &error);
  g_assert_no_error (error);
  fixture->good = g_file_new_for_path (good);

  fixture->application = application;
  strata_test_remove_drafts ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (fixture->application)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  strata_test_remove_drafts ();

  g_file_delete (fixture->broken, NULL, NULL);
  g_file_delete (fixture->good, NULL, NULL);
  g_clear_object (&fixture->broken);
  g_clear_object (&fixture->good);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GList *
strata_windows (Fixture *fixture)
{
  GList *windows = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fixture->application));
       l != NULL; l = l->next)
    if (STRATA_IS_WINDOW (l->data))
      windows = g_list_prepend (windows, l->data);
  return windows;
}

/* `strata broken.strata`: the example, ready to edit, under a dialog
 * saying what is wrong with the file; never an empty window. */
static void
test_open_broken_alone (Fixture       *fixture,
                        gconstpointer  data)
{
  GList *windows;
  StrataWindow *window;

  g_application_open (G_APPLICATION (fixture->application), &fixture->broken, 1, "");

  windows = strata_windows (fixture);
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = windows->data;
  g_list_free (windows);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_null (strata_window_get_file (window));
  g_assert_cmpstr (window->example_id, !=, NULL);
  g_assert_cmpuint (strata_network_get_n_layers (strata_window_get_network (window)), >, 0);
  g_assert_false (strata_window_get_modified (window));

  g_assert_nonnull (window->message_dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->message_dialog)));
  g_assert_true (strstr (adw_message_dialog_get_heading (window->message_dialog),
                         "broken.strata") != NULL);
  g_assert_cmpstr (adw_message_dialog_get_body (window->message_dialog), !=, "");
}

/* `strata good.strata broken.strata`: one window, the good file's, and
 * the error over it. */
static void
test_open_broken_with_good (Fixture       *fixture,
                            gconstpointer  data)
{
  GFile *files[] = { fixture->good, fixture->broken };
  GList *windows;
  StrataWindow *window;

  g_application_open (G_APPLICATION (fixture->application), files, 2, "");

  windows = strata_windows (fixture);
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = windows->data;
  g_list_free (windows);

  g_assert_true (g_file_equal (strata_window_get_file (window), fixture->good));
  g_assert_cmpuint (strata_network_get_n_layers (strata_window_get_network (window)), ==, 1);
  g_assert_nonnull (window->message_dialog);
  g_assert_true (strstr (adw_message_dialog_get_heading (window->message_dialog),
                         "broken.strata") != NULL);
}

/* `strata resnet18.txt`, a PyTorch print, without --input: its window
 * asks for the input shape, then shows the model. */
static void
test_open_print_asks_shape (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("STRATA_REFS_DIR"), "torchprint",
                                            "resnet18.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GList *windows;
  StrataWindow *window;
  GtkWidget *entry;

  g_application_open (G_APPLICATION (fixture->application), &file, 1, "");
  windows = strata_windows (fixture);
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = windows->data;
  g_list_free (windows);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  while (window->message_dialog == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (adw_message_dialog_get_heading (window->message_dialog), ==, "Input Shape");
  entry = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (window->message_dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), "3x224x224");
  adw_message_dialog_response (window->message_dialog, "import");
  gtk_window_destroy (GTK_WINDOW (window->message_dialog));
  while (strata_window_is_importing (window))
    g_main_context_iteration (NULL, TRUE);

  /* torchvision's ResNet-18: 11,689,512 trainable parameters. */
  g_assert_cmpuint (strata_network_get_trainable_params (strata_window_get_network (window)), ==,
                    11689512);
  g_assert_null (strata_window_get_file (window));
}

static char *
draft_path (const char *id)
{
  g_autofree char *dir = strata_drafts_get_dir ();
  g_autofree char *name = g_strconcat (id, ".draft", NULL);

  return g_build_filename (dir, name, NULL);
}

static StrataWindow *
find_window_for_draft (GList      *windows,
                       const char *id)
{
  for (GList *l = windows; l != NULL; l = l->next)
    if (g_strcmp0 (STRATA_WINDOW (l->data)->draft_id, id) == 0)
      return l->data;
  return NULL;
}

/* The dialog offering the drafts, over @window, or NULL. */
static AdwMessageDialog *
find_drafts_dialog (StrataWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window) &&
          g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)),
                            "Unsaved Network"))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

/* Spins the main loop until @n Strata windows show drafts (read in
 * threads). */
static GList *
wait_for_drafts_shown (Fixture *fixture,
                       guint    n)
{
  for (;;)
    {
      GList *windows = strata_windows (fixture);
      guint shown = 0;

      for (GList *l = windows; l != NULL; l = l->next)
        if (STRATA_WINDOW (l->data)->draft_id != NULL)
          shown++;
      if (shown >= n)
        return windows;
      g_list_free (windows);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* `strata` after a crash: the example window shows at once, and over it
 * the drafts, each with its name, layers, size and age; Open All reads
 * them in threads, the first into that window, each unsaved, with its
 * file. */
static void
test_recover_drafts (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) edited = strata_file_load (fixture->good, NULL, &error);
  g_autoptr(StrataNetwork) example = strata_file_load_example ("lenet5", &error);
  g_autoptr(StrataLayer) dense = strata_layer_new (STRATA_LAYER_KIND_DENSE);
  g_autofree char *edited_id = strata_drafts_new_id ();
  g_autofree char *example_id = strata_drafts_new_id ();
  g_autofree char *edited_data = NULL;
  g_autofree char *shown_data = NULL;
  g_autofree char *path = NULL;
  AdwMessageDialog *dialog;
  GList *windows;
  StrataWindow *window;

  g_assert_no_error (error);
  strata_network_append (edited, dense);
  strata_network_remove (example, 0);
  g_assert_true (strata_drafts_save (edited_id, edited, fixture->good, NULL, "good.strata",
                                     &error));
  g_assert_no_error (error);
  g_assert_true (strata_drafts_save (example_id, example, NULL, "lenet5", "LeNet-5", &error));
  g_assert_no_error (error);

  g_application_activate (G_APPLICATION (fixture->application));

  /* One window at once, the example's, and the drafts offered over it. */
  windows = strata_windows (fixture);
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = windows->data;
  g_list_free (windows);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_null (window->draft_id);
  dialog = find_drafts_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Unsaved Networks Recovered");
  g_assert_cmpuint (strata_drafts_dialog_get_n_listed (dialog), ==, 2);
  {
    GtkWidget *list = gtk_widget_get_first_child (gtk_widget_get_first_child (
      gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog))));
    GtkWidget *row = gtk_widget_get_first_child (list);
    g_autofree char *size = NULL;
    g_autofree char *expected = NULL;
    StrataDraftInfo info;

    g_assert_true (GTK_IS_LIST_BOX (list));
    /* Both written in the same second: in either order. */
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "good.strata") != 0)
      row = gtk_widget_get_next_sibling (row);
    g_assert_true (ADW_IS_ACTION_ROW (row));
    g_assert_true (strata_drafts_get_info (edited_id, &info, &error));
    size = strata_format_bytes ((guint64) info.size);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                     "good.strata");
    expected = g_strdup_printf ("2 layers · %s · today at ", size);
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                     expected));
    strata_draft_info_clear (&info);
  }

  /* As the button does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, "open-all");
  gtk_window_close (GTK_WINDOW (dialog));
  windows = wait_for_drafts_shown (fixture, 2);
  g_assert_cmpuint (g_list_length (windows), ==, 2);
  g_assert_null (find_drafts_dialog (window));

  window = find_window_for_draft (windows, edited_id);
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (strata_window_get_modified (window));
  g_assert_true (g_file_equal (strata_window_get_file (window), fixture->good));
  g_assert_null (window->example_id);
  g_assert_cmpuint (strata_network_get_n_layers (strata_window_get_network (window)), ==, 2);
  edited_data = strata_file_to_data (edited, NULL);
  shown_data = strata_file_to_data (strata_window_get_network (window), NULL);
  g_assert_cmpstr (shown_data, ==, edited_data);
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• good.strata"));
  /* Kept until the document is saved or discarded: it may crash again. */
  path = draft_path (edited_id);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  window = find_window_for_draft (windows, example_id);
  g_assert_nonnull (window);
  g_assert_true (strata_window_get_modified (window));
  g_assert_null (strata_window_get_file (window));
  g_assert_cmpstr (window->example_id, ==, "lenet5");
  g_assert_cmpuint (strata_network_get_n_layers (strata_window_get_network (window)), ==,
                    strata_network_get_n_layers (example));

  /* Closing with Discard gives the draft up. Only the application holds
   * the window, as for a user's click: it must outlive its dialog, and
   * then go (fatal warnings catch a dialog that outlives it). */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_nonnull (window->message_dialog);
  adw_message_dialog_response (window->message_dialog, "discard");
  while (window != NULL && g_main_context_iteration (NULL, TRUE))
    ;
  g_assert_null (window);
  g_clear_pointer (&path, g_free);
  path = draft_path (example_id);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_list_free (windows);

  /* Activated again with windows open: their drafts are not offered. */
  g_application_activate (G_APPLICATION (fixture->application));
  windows = strata_windows (fixture);
  g_assert_cmpuint (g_list_length (windows), ==, 2);
  for (GList *l = windows; l != NULL; l = l->next)
    g_assert_null (find_drafts_dialog (l->data));
  g_assert_nonnull (find_window_for_draft (windows, edited_id));
  g_list_free (windows);
}

/* A draft whose network cannot be read is listed, not removed unasked;
 * opening it says why, and Discard removes it. */
static void
test_corrupt_draft (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = strata_drafts_new_id ();
  g_autofree char *path = draft_path (id);
  g_autofree char *dir = g_path_get_dirname (path);
  g_auto(GStrv) ids = NULL;
  AdwMessageDialog *dialog;
  GList *windows;
  StrataWindow *window;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "[Draft]\nNetwork={ \"layers\": [\n", -1, &error));
  g_assert_no_error (error);

  g_application_activate (G_APPLICATION (fixture->application));
  windows = strata_windows (fixture);
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = windows->data;
  g_list_free (windows);
  g_assert_cmpstr (window->example_id, ==, strata_file_get_example_ids ()[0]);
  dialog = find_drafts_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (strata_drafts_dialog_get_n_listed (dialog), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "drafts.open", "s", id));
  while (window->message_dialog == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (adw_message_dialog_get_heading (window->message_dialog), ==,
                   "Could Not Open the Draft");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (strata_window_get_modified (window));
  g_assert_null (window->draft_id);
  gtk_window_destroy (GTK_WINDOW (window->message_dialog));

  /* The next start offers it again; Discard removes it. */
  gtk_window_destroy (GTK_WINDOW (window));
  g_application_activate (G_APPLICATION (fixture->application));
  windows = strata_windows (fixture);
  window = windows->data;
  g_list_free (windows);
  dialog = find_drafts_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "drafts.discard", "s", id));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  ids = strata_drafts_list ();
  g_assert_cmpuint (g_strv_length (ids), ==, 0);
  while (find_drafts_dialog (window) != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Drafts not written for over 30 days are marked and offered for deletion
 * together; the others stay. */
static void
test_old_drafts (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = strata_file_load (fixture->good, NULL, &error);
  g_autofree char *old_id = strata_drafts_new_id ();
  g_autofree char *new_id = strata_drafts_new_id ();
  g_autofree char *old_path = draft_path (old_id);
  g_autofree char *new_path = draft_path (new_id);
  struct utimbuf times;
  AdwMessageDialog *dialog;
  GList *windows;
  StrataWindow *window;

  g_assert_no_error (error);
  g_assert_true (strata_drafts_save (old_id, network, NULL, NULL, "Old", &error));
  g_assert_true (strata_drafts_save (new_id, network, NULL, NULL, "New", &error));
  g_assert_no_error (error);
  times.actime = times.modtime = time (NULL) - 40 * 24 * 60 * 60;
  g_assert_cmpint (g_utime (old_path, &times), ==, 0);

  g_application_activate (G_APPLICATION (fixture->application));
  windows = strata_windows (fixture);
  window = windows->data;
  g_list_free (windows);
  dialog = find_drafts_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (strata_drafts_dialog_get_n_listed (dialog), ==, 2);
  {
    GtkWidget *list = gtk_widget_get_first_child (gtk_widget_get_first_child (
      gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog))));
    GtkWidget *row = gtk_widget_get_first_child (list);

    /* The latest first. */
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "New");
    g_assert_false (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                      "older than 30 days"));
    row = gtk_widget_get_next_sibling (row);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Old");
    g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                     " · older than 30 days"));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "drafts.discard-old", NULL));
  g_assert_false (g_file_test (old_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (new_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (strata_drafts_dialog_get_n_listed (dialog), ==, 1);

  /* Kept for later: still there, for the next start. */
  adw_message_dialog_response (dialog, "later");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (g_file_test (new_path, G_FILE_TEST_IS_REGULAR));
}

/* Whatever the run left, then the folders that held it. */

/* A large window closed is no window of the application's any more (a
 * file opened now gets a window of its own), though it goes in turns of
 * the main loop after; it is freed whole. */
static void
test_close_large_window (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  StrataNetwork *network = strata_network_new ();
  StrataWindow *window = strata_window_new (GTK_APPLICATION (fixture->application));
  GList *windows;

  strata_network_set_input (network, 8, 8, 3);
  for (guint i = 0; i < STRATA_FREE_LATER_LAYERS; i++)
    g_ptr_array_add (layers, strata_layer_new (STRATA_LAYER_KIND_ACTIVATION));
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  strata_window_set_document (window, network, NULL, NULL);
  g_object_add_weak_pointer (G_OBJECT (network), (gpointer *) &network);
  g_object_unref (network);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  gtk_window_close (GTK_WINDOW (window));
  windows = strata_windows (fixture);
  g_assert_null (windows);
  g_assert_nonnull (window);
  g_assert_null (gtk_window_get_application (GTK_WINDOW (window)));

  while (window != NULL)
    g_main_context_iteration (NULL, TRUE);
  strata_free_wait ();
  g_assert_null (network);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state_dir = NULL;
  int status;

  /* Before anything asks GLib where state goes: never the real home. */
  state_dir = strata_test_state_dir_new ();

  gtk_test_init (&argc, &argv, NULL);

  /* Not unique: no other instance to talk to, whatever runs beside. */
  application = strata_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/application/open-broken-alone", test_open_broken_alone);
  ADD ("/application/open-broken-with-good", test_open_broken_with_good);
  ADD ("/application/open-print-asks-shape", test_open_print_asks_shape);
  ADD ("/application/recover-drafts", test_recover_drafts);
  ADD ("/application/corrupt-draft", test_corrupt_draft);
  ADD ("/application/old-drafts", test_old_drafts);
  ADD ("/application/close-large-window", test_close_large_window);
#undef ADD

  status = g_test_run ();
  g_object_unref (application);
  strata_test_state_dir_remove (state_dir);
  return status;
}
