/* test-presentation.c: presentation mode, fullscreen and the diagram's title, driven through the window. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "strata-export.h"
#include "strata-export-dialog.h"
#include "strata-file.h"
#include "strata-layer-editor-private.h"
#include "strata-layout-private.h"
#include "strata-presentation.h"
#include "strata-slide.h"
#include "strata-test-state.h"
#include "strata-test-window.h"
#include "test-render-networks.h"

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->network = test_lecture_network ();
  strata_test_window_open (fixture, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  strata_test_window_tear_down (fixture, data);
  strata_test_remove_drafts ();
}

/* The shortcut of @keyval with @modifiers on @widget: the action it
 * names and its arguments. No key bound there fails the test. */
static const char *
find_shortcut (GtkWidget        *widget,
               guint             keyval,
               GdkModifierType   modifiers,
               GVariant        **arguments)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

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

          if (!GTK_IS_KEYVAL_TRIGGER (trigger) || !GTK_IS_NAMED_ACTION (action) ||
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != keyval ||
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != modifiers)
            continue;
          *arguments = gtk_shortcut_get_arguments (shortcut);
          /* Owned by the action, which the widget's controller keeps. */
          return gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
        }
    }
  g_error ("no shortcut for %s on %s", gdk_keyval_name (keyval), G_OBJECT_TYPE_NAME (widget));
}

/* What @keyval with @modifiers does on @widget: the action its shortcut
 * names, with that shortcut's arguments, activated as the key would. */
static void
press (GtkWidget       *widget,
       guint            keyval,
       GdkModifierType  modifiers)
{
  GVariant *arguments = NULL;
  const char *action = find_shortcut (widget, keyval, modifiers, &arguments);

  g_assert_true (gtk_widget_activate_action_variant (widget, action, arguments));
}

/* The first window of @type, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }
  return NULL;
}

/* The presentation window over the window, or NULL. */
static StrataPresentation *
find_presentation (void)
{
  return (StrataPresentation *) find_toplevel (STRATA_TYPE_PRESENTATION);
}

static gboolean
is_shown (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget);
}

/* F5 opens it fullscreen on step 0; the clicker's keys step; Esc leaves. */
static void
test_presentation_keys (Fixture       *fixture,
                        gconstpointer  data)
{
  StrataPresentation *presentation;
  g_autofree char *input = NULL;
  g_autofree char *conv1 = NULL;
  g_autofree char *description = NULL;
  guint n_steps = strata_slide_get_n_steps (fixture->network);

  g_assert_null (find_presentation ());
  press (GTK_WIDGET (fixture->window), GDK_KEY_F5, 0);
  presentation = find_presentation ();
  g_assert_nonnull (presentation);
  g_object_add_weak_pointer (G_OBJECT (presentation), (gpointer *) &presentation);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (presentation));
  g_assert_true (is_shown (GTK_WIDGET (presentation)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (presentation)) ==
                 GTK_WINDOW (fixture->window));
  /* Only the diagram: one drawing, nothing else. */
  g_assert_true (GTK_IS_DRAWING_AREA (gtk_window_get_child (GTK_WINDOW (presentation))));

  g_assert_cmpuint (n_steps, ==, 8);
  g_assert_cmpuint (strata_presentation_get_step (presentation), ==, 0);
  g_assert_true (strata_presentation_get_reveal (presentation));
  input = strata_presentation_dup_caption (presentation);
  g_assert_cmpstr (input, ==, "input · Input\nShape 32 × 32 × 3");

  press (GTK_WIDGET (presentation), GDK_KEY_Right, 0);
  g_assert_cmpuint (strata_presentation_get_step (presentation), ==, 1);
  conv1 = strata_presentation_dup_caption (presentation);
  /* The window's locale groups digits. */
  g_assert_cmpstr (conv1, ==, "conv1 · Convolution · Output 28 × 28 × 8\n"
                              "Shape: height and width: 32 − 5 + 1 = 28; channels: 8 filters\n"
                              "Parameters: (5 × 5 × 3 + 1) × 8 = 608\n"
                              "MACs: 28 × 28 × 8 × (5 × 5 × 3) = 470,400");
  press (GTK_WIDGET (presentation), GDK_KEY_space, 0);
  press (GTK_WIDGET (presentation), GDK_KEY_Page_Down, 0);
  g_assert_cmpuint (strata_presentation_get_step (presentation), ==, 3);
  press (GTK_WIDGET (presentation), GDK_KEY_Left, 0);
  g_assert_cmpuint (strata_presentation_get_step (presentation), ==, 2);
  press (GTK_WIDGET (presentation), GDK_KEY_Page_Up, 0);
  g_assert_cmpuint (strata_presentation_get_step (presentation), ==, 1);
  press (GTK_WIDGET (presentation), GDK_KEY_End, 0);
  g_assert_cmpuint (strata_presentation_get_step (presentation), ==, n_steps - 1);
  /* Past the last step and before the first, nothing moves. */
  press (GTK_WIDGET (presentation), GDK_KEY_Right, 0);
  g_assert_cmpuint (strata_presentation_get_step (presentation), ==, n_steps - 1);
  press (GTK_WIDGET (presentation), GDK_KEY_Home, 0);
  g_assert_cmpuint (strata_presentation_get_step (presentation), ==, 0);
  press (GTK_WIDGET (presentation), GDK_KEY_Left, 0);
  g_assert_cmpuint (strata_presentation_get_step (presentation), ==, 0);

  press (GTK_WIDGET (presentation), GDK_KEY_f, 0);
  g_assert_false (strata_presentation_get_reveal (presentation));
  press (GTK_WIDGET (presentation), GDK_KEY_f, 0);
  g_assert_true (strata_presentation_get_reveal (presentation));

  /* A screen reader reads the caption of the step shown. */
  press (GTK_WIDGET (presentation), GDK_KEY_Right, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (presentation));
  g_assert_true (gtk_test_accessible_has_property (
    GTK_ACCESSIBLE (gtk_window_get_child (GTK_WINDOW (presentation))),
    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  description = gtk_test_accessible_check_property (
    GTK_ACCESSIBLE (gtk_window_get_child (GTK_WINDOW (presentation))),
    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, conv1);
  g_assert_null (description);

  press (GTK_WIDGET (presentation), GDK_KEY_Escape, 0);
  while (presentation != NULL && g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (presentation);
  g_assert_null (find_presentation ());
}

/* Edits while presenting: the step stays within the layers there are. */
static void
test_presentation_follows_edits (Fixture       *fixture,
                                 gconstpointer  data)
{
  StrataPresentation *presentation;
  g_autofree char *caption = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.present", NULL);
  presentation = find_presentation ();
  g_assert_nonnull (presentation);
  press (GTK_WIDGET (presentation), GDK_KEY_End, 0);
  g_assert_cmpuint (strata_presentation_get_step (presentation), ==, 7);

  strata_network_remove (fixture->network, 6);
  g_assert_cmpuint (strata_presentation_get_step (presentation), ==, 6);
  caption = strata_presentation_dup_caption (presentation);
  g_assert_true (g_str_has_prefix (caption, "fc2 · Dense · Output "));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (presentation));

  /* The input is the first step's caption. */
  press (GTK_WIDGET (presentation), GDK_KEY_Home, 0);
  g_clear_pointer (&caption, g_free);
  strata_network_set_input (fixture->network, 28, 28, 1);
  caption = strata_presentation_dup_caption (presentation);
  g_assert_cmpstr (caption, ==, "input · Input\nShape 28 × 28 × 1");
  g_assert_true (gtk_test_accessible_check_property (
    GTK_ACCESSIBLE (gtk_window_get_child (GTK_WINDOW (presentation))),
    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, caption) == NULL);

  press (GTK_WIDGET (presentation), GDK_KEY_F5, 0);
  while (find_presentation () != NULL && g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (find_presentation ());
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Shift+F5 goes on from the selected layer; the pointer hides when still. */
static void
test_presentation_from_selection (Fixture       *fixture,
                                  gconstpointer  data)
{
  StrataPresentation *presentation;
  GtkWidget *area;
  gboolean timed_out = FALSE;
  guint timeout_id;

  strata_window_select (fixture->window, 2);
  press (GTK_WIDGET (fixture->window), GDK_KEY_F5, GDK_SHIFT_MASK);
  presentation = find_presentation ();
  g_assert_nonnull (presentation);
  /* conv2, the third layer: step 3 reveals it. */
  g_assert_cmpuint (strata_presentation_get_step (presentation), ==, 3);

  area = gtk_window_get_child (GTK_WINDOW (presentation));
  /* A bound for a pointer that never hides, far above its 2 s: under the
   * sanitizers the window behind finishes its first frame's work (the
   * editor's lower groups) in the meantime, for seconds. */
  timeout_id = g_timeout_add (30000, timeout_cb, &timed_out);
  while (!timed_out && (gtk_widget_get_cursor (area) == NULL ||
                        g_strcmp0 (gdk_cursor_get_name (gtk_widget_get_cursor (area)), "none") != 0))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);

  gtk_window_destroy (GTK_WINDOW (presentation));
  g_assert_null (find_presentation ());
}

/* F11 and the menu's Fullscreen: GtkWindow's own "fullscreened". The
 * tests' display has no window manager to grant it, so what is checked
 * is that the key reaches that property. */
static void
test_fullscreen (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (fixture->window);
  GVariant *arguments = NULL;
  const char *property = NULL;
  gboolean found = FALSE;

  g_assert_cmpstr (find_shortcut (GTK_WIDGET (fixture->window), GDK_KEY_F11, 0, &arguments), ==,
                   "win.fullscreen");
  g_assert_null (arguments);
  for (guint i = 0; !found; i++)
    {
      const GVariantType *parameter_type;
      const char *name;
      GType owner;

      g_assert_true (gtk_widget_class_query_action (klass, i, &owner, &name, &parameter_type,
                                                    &property));
      found = g_strcmp0 (name, "win.fullscreen") == 0;
    }
  g_assert_cmpstr (property, ==, "fullscreened");
  press (GTK_WIDGET (fixture->window), GDK_KEY_F11, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

/* The title is typed where the input is edited, drawn over the diagram,
 * undone as one step, and saved. */
static void
test_title (Fixture       *fixture,
            gconstpointer  data)
{
  AdwEntryRow *row;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-title-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "lecture.strata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(StrataNetwork) saved = NULL;

  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.select-input", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  /* Made when the input is first shown. */
  row = fixture->window->editor->title_row;
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Lecture example");

  /* A click on the diagram's title goes where it is edited. */
  {
    StrataLayout *layout = strata_canvas_get_layout (fixture->window->canvas);
    const cairo_rectangle_t *title = &layout->title_rect;

    g_assert_true (strata_layout_title_contains (layout, title->x + title->width / 2,
                                                 title->y + title->height / 2));
    g_assert_false (strata_layout_title_contains (layout, title->x - 1, title->y));
    g_assert_false (strata_layout_title_contains (layout, title->x, title->y + title->height));
  }

  gtk_editable_set_text (GTK_EDITABLE (row), "Week 3: a small CNN");
  g_assert_cmpstr (strata_network_get_name (fixture->network), ==, "Week 3: a small CNN");
  g_assert_cmpstr (strata_layout_get_title (strata_canvas_get_layout (fixture->window->canvas)), ==,
                   "Week 3: a small CNN");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_cmpstr (strata_network_get_name (fixture->network), ==, "Lecture example");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Lecture example");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Week 3: a small CNN");

  g_assert_true (strata_window_save_to (fixture->window, file));
  saved = strata_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (strata_network_get_name (saved), ==, "Week 3: a small CNN");
  g_unlink (path);
  g_rmdir (dir);
}

/* The export dialog writes build-up slides: a page per step in a PDF,
 * a file per step otherwise. */
static void
test_export_dialog_steps (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-steps-XXXXXX", &error);
  g_autofree char *base = g_build_filename (dir, "lecture", NULL);
  g_autofree char *pdf = g_strconcat (base, ".pdf", NULL);
  g_autofree char *contents = NULL;
  StrataExportDialog *dialog;
  guint n_pages = 0;
  gsize length;

  g_assert_no_error (error);
  for (int round = 0; round < 2; round++)
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export", NULL);
      dialog = STRATA_EXPORT_DIALOG (find_toplevel (STRATA_TYPE_EXPORT_DIALOG));
      g_assert_nonnull (dialog);
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      gtk_switch_set_active (GTK_SWITCH (strata_export_dialog_get_control (dialog, "steps")), TRUE);
      /* PDF, then PNG at 144 DPI. */
      adw_combo_row_set_selected (ADW_COMBO_ROW (strata_export_dialog_get_control (dialog, "format")),
                                  round == 0 ? STRATA_EXPORT_FORMAT_PDF : STRATA_EXPORT_FORMAT_PNG);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (strata_export_dialog_get_control (dialog, "dpi")),
                                 144);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
      g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (
        strata_export_dialog_get_control (dialog, "transparent"), ADW_TYPE_ACTION_ROW)));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.save-to", "s", base));
      strata_test_wait_for_null ((gpointer *) &dialog);
    }

  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_no_error (error);
  for (gsize i = 0; i + 12 <= length; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      n_pages++;
  g_assert_cmpuint (n_pages, ==, 8);
  g_unlink (pdf);

  for (guint step = 0; step <= 8; step++)
    {
      g_autofree char *name = g_strdup_printf ("lecture-%02u.png", step);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_file_test (path, G_FILE_TEST_IS_REGULAR), ==, step < 8);
      if (step == 0)
        {
          g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);

          g_assert_no_error (error);
          g_assert_cmpint (gdk_texture_get_width (texture), ==, 1920);
          g_assert_cmpint (gdk_texture_get_height (texture), ==, 1080);
        }
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_dir = strata_test_state_dir_new ();
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/presentation/keys", test_presentation_keys);
  ADD ("/presentation/follows-edits", test_presentation_follows_edits);
  ADD ("/presentation/from-selection", test_presentation_from_selection);
  ADD ("/presentation/fullscreen", test_fullscreen);
  ADD ("/presentation/title", test_title);
  ADD ("/presentation/export-dialog-steps", test_export_dialog_steps);
#undef ADD

  status = g_test_run ();
  strata_test_state_dir_remove (state_dir);
  return status;
}
