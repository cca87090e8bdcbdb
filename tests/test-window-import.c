/* test-window-import.c: models of other programs opened, dropped and pasted into the real window. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "strata-test-state.h"
#include "strata-test-window.h"
#include "strata-file.h"

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StrataLayer) flatten = strata_layer_new (STRATA_LAYER_KIND_FLATTEN);

  fixture->network = strata_network_new ();
  strata_network_append (fixture->network, flatten);
  strata_test_window_open (fixture, NULL);
}

static char *
ref_path (const char *format,
          const char *name)
{
  return g_build_filename (g_getenv ("STRATA_REFS_DIR"), format, name, NULL);
}

static GFile *
data_file (const char *format,
           const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", format, name, NULL);

  return g_file_new_for_path (path);
}

/* The import runs in a thread; the window keeps drawing meanwhile. */
static void
wait_for_import (StrataWindow *window)
{
  while (strata_window_is_importing (window))
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

/* Opened from the Open dialog's path: read in a thread, a new unsaved
 * document named after the model, its warnings in a strip that goes
 * when dismissed, and nothing of the document it replaced. */
static void
test_import_file (Fixture       *fixture,
                  gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(GFile) file = data_file ("keras", "nested.json");
  StrataNetwork *network;

  strata_window_import_file (window, file, NULL);
  g_assert_true (strata_window_is_importing (window));
  g_assert_true (gtk_info_bar_get_revealed (window->progress_bar));
  g_assert_cmpstr (gtk_label_get_label (window->progress_label), ==, "Reading “nested.json”…");
  wait_for_import (window);

  network = strata_window_get_network (window);
  g_assert_true (network != fixture->network);
  g_assert_cmpstr (strata_network_get_name (network), ==, "siamese");
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 12);
  g_assert_null (strata_window_get_file (window));
  g_assert_false (strata_window_get_modified (window));
  g_assert_false (gtk_info_bar_get_revealed (window->progress_bar));
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, "siamese");
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==,
                   "Imported from “nested.json”, not saved");

  g_assert_true (gtk_info_bar_get_revealed (window->warnings_bar));
  g_assert_true (gtk_info_bar_get_show_close_button (window->warnings_bar));
  g_assert_nonnull (strstr (gtk_label_get_label (window->warnings_label),
                            "1 layer with weights is frozen"));
  gtk_info_bar_response (window->warnings_bar, GTK_RESPONSE_CLOSE);
  g_assert_false (gtk_info_bar_get_revealed (window->warnings_bar));

  /* Another document: the import's origin and warnings go with it. */
  gtk_info_bar_set_revealed (window->warnings_bar, TRUE);
  g_assert_true (strata_window_open_example (window, "lenet5"));
  g_assert_false (gtk_info_bar_get_revealed (window->warnings_bar));
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==, "Built-in Example");
}

/* Saving an import writes a .strata file, which is then the document. */
static void
test_import_then_save (Fixture       *fixture,
                       gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autofree char *onnx = ref_path ("onnx", "lenet5.onnx");
  g_autoptr(GFile) file = g_file_new_for_path (onnx);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "lenet5.strata", NULL);
  g_autoptr(GFile) saved = g_file_new_for_path (path);
  g_autoptr(StrataNetwork) loaded = NULL;
  guint64 params;

  g_assert_no_error (error);
  g_assert_true (strata_window_load_file (window, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (strata_window_get_file (window));
  params = strata_network_get_params (strata_window_get_network (window));
  g_assert_cmpuint (params, >, 0);

  g_assert_true (strata_window_save_to (window, saved));
  g_assert_true (g_file_equal (strata_window_get_file (window), saved));
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, "lenet5.strata");

  /* Opened again, it is a document with its file. */
  g_assert_true (strata_window_load_file (window, saved, NULL, &error));
  g_assert_true (g_file_equal (strata_window_get_file (window), saved));
  loaded = strata_file_load (saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_params (loaded), ==, params);

  g_unlink (path);
  g_rmdir (dir);
}

static GtkEditable *
shape_entry (StrataWindow *window)
{
  GtkWidget *box;

  g_assert_nonnull (window->message_dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (window->message_dialog), ==, "Input Shape");
  box = adw_message_dialog_get_extra_child (window->message_dialog);
  return GTK_EDITABLE (gtk_widget_get_first_child (box));
}

/* The shape is checked as it is typed: Import waits for one that reads. */
static void
answer_shape (StrataWindow *window,
              const char   *shape)
{
  GtkEditable *entry = shape_entry (window);
  GtkWidget *problem = gtk_widget_get_next_sibling (GTK_WIDGET (entry));
  AdwMessageDialog *dialog = window->message_dialog;

  gtk_editable_set_text (entry, "3x0x224");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "import"));
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (problem)), ==,
                   "“3x0x224”: each size of the input shape must be from 1 to 4294967295, not 0");
  gtk_editable_set_text (entry, shape);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "import"));
  g_assert_false (gtk_widget_get_visible (problem));
  adw_message_dialog_response (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A print opened without a shape asks for it, then imports. */
static void
test_import_asks_shape (Fixture       *fixture,
                        gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autofree char *print = ref_path ("torchprint", "vgg16.txt");
  g_autoptr(GFile) file = g_file_new_for_path (print);
  StrataNetwork *network;

  strata_window_import_file (window, file, NULL);
  wait_for_import (window);
  g_assert_true (strata_window_get_network (window) == fixture->network);
  answer_shape (window, "3 × 224 × 224");
  wait_for_import (window);

  network = strata_window_get_network (window);
  g_assert_true (network != fixture->network);
  g_assert_cmpuint (strata_network_get_input_shape (network)->height, ==, 224);
  g_assert_cmpuint (strata_network_get_input_shape (network)->channels, ==, 3);
  /* torchvision's VGG-16: 138,357,544 parameters. */
  g_assert_cmpuint (strata_network_get_params (network), ==, 138357544);
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
}

/* Paste PyTorch Model: the clipboard's text, with the shape asked for. */
static void
test_import_paste (Fixture       *fixture,
                   gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autofree char *print_path = ref_path ("torchprint", "lenet5.txt");
  g_autofree char *print = NULL;
  g_autoptr(GError) error = NULL;
  StrataNetwork *network;

  g_file_get_contents (print_path, &print, NULL, &error);
  g_assert_no_error (error);

  /* Other text is refused, with a word why. */
  gdk_clipboard_set_text (clipboard, "hello");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste-model", NULL));
  while (window->toast == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (adw_toast_get_title (window->toast), ==, "The clipboard holds no PyTorch model");
  g_assert_null (window->message_dialog);

  gdk_clipboard_set_text (clipboard, print);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste-model", NULL));
  while (window->message_dialog == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* Offered first: an ImageNet image, the most common input. */
  g_assert_cmpstr (gtk_editable_get_text (shape_entry (window)), ==, "3x224x224");
  answer_shape (window, "1x32x32");
  g_assert_true (strata_window_is_importing (window));
  g_assert_cmpstr (gtk_label_get_label (window->progress_label), ==,
                   "Reading the pasted model…");
  wait_for_import (window);

  network = strata_window_get_network (window);
  g_assert_true (network != fixture->network);
  g_assert_cmpuint (strata_network_get_input_shape (network)->width, ==, 32);
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
  /* LeNet-5 as torchvision-style code builds it: 61,706 parameters. */
  g_assert_cmpuint (strata_network_get_params (network), ==, 61706);
  g_assert_null (strata_window_get_file (window));
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==, "Not Saved");

  /* The shape given is offered again. */
  strata_window_paste_model (window, print);
  g_assert_cmpstr (gtk_editable_get_text (shape_entry (window)), ==, "1x32x32");
  adw_message_dialog_response (window->message_dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (window->message_dialog));
  strata_test_flush_main_loop ();
  g_assert_false (strata_window_is_importing (window));
}

/* Ctrl+V on the layer list pastes a model; in a field it stays the
 * field's, which is why it is the list's shortcut and not the window's. */
static void
test_import_paste_shortcut (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GListModel) controllers =
    gtk_widget_observe_controllers (GTK_WIDGET (fixture->window->list_view));
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_v &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == GDK_CONTROL_MASK)
            {
              g_assert_true (GTK_IS_NAMED_ACTION (action));
              g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==,
                               "win.paste-model");
              found = TRUE;
            }
        }
    }
  g_assert_true (found);
}

/* Files dropped on the window open as the Open dialog's do. */
static void
test_import_drop (Fixture       *fixture,
                  gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoptr(GFile) file = data_file ("keras", "lenet5.h5");
  GtkDropTarget *target = NULL;
  GSList *files = g_slist_prepend (NULL, file);
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_assert_true (gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (target),
                                                    GDK_TYPE_FILE_LIST));

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_slist_free (files);
  g_assert_true (accepted);
  wait_for_import (window);

  g_assert_cmpstr (strata_network_get_name (strata_window_get_network (window)), ==, "lenet5");
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==,
                   "Imported from “lenet5.h5”, not saved");
}

/* Cancelled, an import leaves the document as it was. */
static void
test_import_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autofree char *onnx = ref_path ("onnx", "vgg16.onnx");
  g_autoptr(GFile) file = g_file_new_for_path (onnx);

  strata_window_import_file (window, file, NULL);
  gtk_info_bar_response (window->progress_bar, GTK_RESPONSE_CANCEL);
  g_assert_false (strata_window_is_importing (window));
  g_assert_false (gtk_info_bar_get_revealed (window->progress_bar));
  /* The thread's end, whenever it comes, changes nothing. */
  for (guint i = 0; i < 50; i++)
    {
      g_usleep (2000);
      strata_test_flush_main_loop ();
    }
  g_assert_true (strata_window_get_network (window) == fixture->network);
  g_assert_null (window->message_dialog);
}

/* What the file says is wrong, in a dialog naming it. */
static void
test_import_error (Fixture       *fixture,
                   gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(GFile) file = data_file ("keras", "no-config.h5");

  strata_window_import_file (window, file, NULL);
  wait_for_import (window);
  g_assert_nonnull (window->message_dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (window->message_dialog), ==,
                   "Could Not Open “no-config.h5”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (window->message_dialog), "no-config.h5"));
  g_assert_true (strata_window_get_network (window) == fixture->network);
  adw_message_dialog_response (window->message_dialog, "close");
  gtk_window_destroy (GTK_WINDOW (window->message_dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_dir = NULL;
  int status;

  state_dir = strata_test_state_dir_new ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, strata_test_window_tear_down)
  ADD ("/window-import/file", test_import_file);
  ADD ("/window-import/then-save", test_import_then_save);
  ADD ("/window-import/asks-shape", test_import_asks_shape);
  ADD ("/window-import/paste", test_import_paste);
  ADD ("/window-import/paste-shortcut", test_import_paste_shortcut);
  ADD ("/window-import/drop", test_import_drop);
  ADD ("/window-import/cancel", test_import_cancel);
  ADD ("/window-import/error", test_import_error);
#undef ADD

  status = g_test_run ();
  strata_test_state_dir_remove (state_dir);
  return status;
}
