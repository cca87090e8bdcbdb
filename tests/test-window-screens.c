/* test-window-screens.c: the window on small and large screens: the side panel folding and hidden (F9), the totals wrapping, the diagram reflowing. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "strata-canvas-private.h"
#include "strata-preferences-window.h"
#include "strata-test-state.h"
#include "strata-test-window.h"

#define FRAME 16

/* The lecture network, wide enough to wrap into rows. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = g_object_ref_sink (strata_window_new (NULL));
  strata_window_open_example (fixture->window, "lecture");
  fixture->network = g_object_ref (strata_window_get_network (fixture->window));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1366, 700);
  strata_test_window_present (fixture);
}

/* Resizes the window as a window manager would, and waits until it is
 * laid out at that size. The window's widget is that size less the
 * frame GTK draws around it without a window manager, a few pixels. */
static void
resize (Fixture *fixture,
        int      width,
        int      height)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  for (guint i = 0; i < 200 && (ABS (gtk_widget_get_width (window) - width) > FRAME ||
                                ABS (gtk_widget_get_height (window) - height) > FRAME); i++)
    {
      gtk_test_widget_wait_for_draw (window);
      g_usleep (5000);
      strata_test_flush_main_loop ();
    }
  g_assert_cmpint (ABS (gtk_widget_get_width (window) - width), <=, FRAME);
  g_assert_cmpint (ABS (gtk_widget_get_height (window) - height), <=, FRAME);
  gtk_test_widget_wait_for_draw (window);
}

/* The action a key pressed on the window runs, as the window's class binds
 * it, or NULL. */
static char *
action_for_key (StrataWindow    *window,
                guint            keyval,
                GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted) &&
              GTK_IS_NAMED_ACTION (action))
            return g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }
  return NULL;
}

static void
activate_zoom_fit (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.zoom-fit", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
press_f9 (Fixture *fixture)
{
  g_autofree char *action = action_for_key (fixture->window, GDK_KEY_F9, 0);

  g_assert_cmpstr (action, ==, "win.show-sidebar");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

/* F9 hides the side panel and gives its room to the diagram, and shows it
 * again; the header's toggle and the menu's check follow. */
static void
test_sidebar_f9 (Fixture       *fixture,
                 gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  GtkWidget *canvas = GTK_WIDGET (window->canvas);
  int with_panel = gtk_widget_get_width (canvas);
  g_autoptr(GVariant) state = NULL;

  g_assert_false (adw_flap_get_folded (window->flap));
  g_assert_true (adw_flap_get_reveal_flap (window->flap));
  g_assert_cmpint (with_panel, <=, 1366 - 360);

  press_f9 (fixture);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (adw_flap_get_reveal_flap (window->flap));
  g_assert_false (gtk_widget_get_child_visible (GTK_WIDGET (window->sidebar_clamp)));
  g_assert_cmpint (gtk_widget_get_width (canvas), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "show-sidebar");
  g_assert_false (g_variant_get_boolean (state));

  press_f9 (fixture);
  g_assert_true (adw_flap_get_reveal_flap (window->flap));
  g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (window->sidebar_clamp)));
  g_assert_cmpint (gtk_widget_get_width (canvas), ==, with_panel);
}

/* F9's choice is remembered: the next window starts with the panel as it
 * was left. Folding in a narrow window, and the flap shown over the
 * diagram there, change nothing. */
static void
test_sidebar_remembered (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (STRATA_SETTINGS_SCHEMA_ID);
  g_autoptr(StrataWindow) next = NULL;

  g_assert_true (g_settings_get_boolean (settings, "sidebar-visible"));
  press_f9 (fixture);
  g_assert_false (adw_flap_get_reveal_flap (fixture->window->flap));
  g_assert_false (g_settings_get_boolean (settings, "sidebar-visible"));

  next = g_object_ref_sink (strata_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (next), 1366, 700);
  gtk_window_present (GTK_WINDOW (next));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (next));
  g_assert_false (adw_flap_get_folded (next->flap));
  g_assert_false (adw_flap_get_reveal_flap (next->flap));
  g_assert_false (gtk_widget_get_child_visible (GTK_WIDGET (next->sidebar_clamp)));
  next->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (next));

  press_f9 (fixture);
  g_assert_true (g_settings_get_boolean (settings, "sidebar-visible"));
  resize (fixture, 800, 428);
  g_assert_true (adw_flap_get_folded (fixture->window->flap));
  g_assert_false (adw_flap_get_reveal_flap (fixture->window->flap));
  press_f9 (fixture);
  g_assert_true (adw_flap_get_reveal_flap (fixture->window->flap));
  press_f9 (fixture);
  g_assert_true (g_settings_get_boolean (settings, "sidebar-visible"));
  resize (fixture, 1366, 700);
  g_assert_true (adw_flap_get_reveal_flap (fixture->window->flap));
  g_assert_true (g_settings_get_boolean (settings, "sidebar-visible"));
}

/* The window fits 800 × 500, which is 1600 × 1000 pixels at twice the
 * scale: the panel folds into a flap over the diagram, which keeps the
 * whole width, and F9 brings the panel over it. */
static void
test_small_screen (Fixture       *fixture,
                   gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  GtkWidget *canvas = GTK_WIDGET (window->canvas);
  int minimum_width, minimum_height;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum_width, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, minimum_width,
                      &minimum_height, NULL, NULL, NULL);
  /* The header bar's buttons set it, with room to spare in 800 pixels
   * for a window manager's frame. */
  g_assert_cmpint (minimum_width, <=, 700);
  g_assert_cmpint (minimum_height, <=, 428);

  resize (fixture, 800, 428);
  g_assert_true (adw_flap_get_folded (window->flap));
  g_assert_false (adw_flap_get_reveal_flap (window->flap));
  g_assert_cmpint (gtk_widget_get_width (canvas), ==, gtk_widget_get_width (GTK_WIDGET (window)));

  press_f9 (fixture);
  g_assert_true (adw_flap_get_reveal_flap (window->flap));
  g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (window->sidebar_clamp)));
  /* Over the diagram, not beside it. */
  g_assert_cmpint (gtk_widget_get_width (canvas), ==, gtk_widget_get_width (GTK_WIDGET (window)));

  /* Wide again, the panel is beside the diagram. */
  resize (fixture, 1366, 700);
  g_assert_false (adw_flap_get_folded (window->flap));
  g_assert_true (adw_flap_get_reveal_flap (window->flap));
  g_assert_cmpint (gtk_widget_get_width (canvas), <, 1366 - 360);
}

/* At the narrowest, the totals wrap onto more lines: the memory figure is
 * shown whole, never cut. */
static void
test_totals_wrap (Fixture       *fixture,
                  gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  GtkWidget *bar = GTK_WIDGET (window->totals_bar);
  int wide_height;
  GtkWidget *memory;
  int natural;

  /* One line in a wide window. */
  resize (fixture, 1600, 900);
  wide_height = gtk_widget_get_height (bar);

  resize (fixture, 700, 428);
  g_assert_cmpint (gtk_widget_get_height (bar), >, wide_height);

  /* The memory figure's label: in the last group, before the button of
   * the batch. */
  memory = gtk_widget_get_prev_sibling (gtk_widget_get_last_child (gtk_widget_get_last_child (
    gtk_widget_get_last_child (gtk_widget_get_first_child (bar)))));
  g_assert_true (GTK_IS_LABEL (memory));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (memory)), ==,
                   strata_totals_bar_get_memory_text (window->totals_bar));
  gtk_widget_measure (memory, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_width (memory), >=, natural);
}

/* A larger window gives the diagram the room: its rows reflow into the
 * new width and it is drawn larger. */
static void
test_maximise_reflows (Fixture       *fixture,
                       gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  double narrow_wrap, narrow_zoom;

  resize (fixture, 900, 700);
  narrow_wrap = strata_canvas_get_options (window->canvas)->max_width;
  narrow_zoom = strata_canvas_get_zoom (window->canvas);

  resize (fixture, 1600, 1000);
  g_assert_cmpfloat (strata_canvas_get_options (window->canvas)->max_width, >, narrow_wrap);
  g_assert_cmpfloat (strata_canvas_get_zoom (window->canvas), >, narrow_zoom);
}

/* The drawing fitted to the canvas stays clear of the zoom buttons that
 * float over its corner, on a small screen and a large one. */
static void
test_zoom_buttons_clear (Fixture       *fixture,
                         gconstpointer  data)
{
  static const int sizes[][2] = { { 1366, 700 }, { 800, 428 }, { 1600, 1000 }, { 620, 428 } };
  StrataWindow *window = fixture->window;
  GtkWidget *canvas = GTK_WIDGET (window->canvas);
  GtkWidget *buttons;

  /* The zoom label's button, then the box of the three buttons. */
  buttons = gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (window->zoom_label)));
  g_assert_true (gtk_widget_has_css_class (buttons, "zoom-controls"));

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      graphene_rect_t controls;
      double width = 0, height = 0, bottom;

      resize (fixture, sizes[i][0], sizes[i][1]);
      activate_zoom_fit (fixture);
      g_assert_true (gtk_widget_compute_bounds (buttons, canvas, &controls));
      strata_layout_get_size (window->canvas->layout, &width, &height);
      bottom = window->canvas->offset_y + height * window->canvas->zoom;
      g_assert_cmpfloat (controls.size.height, >, 20);
      g_assert_cmpfloat (bottom, <=, controls.origin.y);
    }
}

/* The desktop's high-contrast setting reaches the diagram at once, and
 * leaves it when turned off. */
static void
test_high_contrast (Fixture       *fixture,
                    gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.interface");
  AdwStyleManager *style = adw_style_manager_get_default ();

  g_assert_false (strata_canvas_get_options (window->canvas)->high_contrast);

  g_settings_set_boolean (a11y, "high-contrast", TRUE);
  strata_test_flush_main_loop ();
  g_assert_true (adw_style_manager_get_high_contrast (style));
  g_assert_true (strata_canvas_get_options (window->canvas)->high_contrast);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_settings_set_boolean (a11y, "high-contrast", FALSE);
  strata_test_flush_main_loop ();
  g_assert_false (strata_canvas_get_options (window->canvas)->high_contrast);
}

/* Preferences say that the palette is safe for colour blindness, and what
 * high contrast changes. */
static void
test_preferences_colours (Fixture       *fixture,
                          gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  StrataPreferencesWindow *preferences = NULL;
  GtkWidget *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences",
                                             NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (STRATA_IS_PREFERENCES_WINDOW (toplevel))
        preferences = STRATA_PREFERENCES_WINDOW (toplevel);
    }
  g_assert_nonnull (preferences);

  row = strata_preferences_window_get_row (preferences, "palette");
  g_assert_true (gtk_widget_is_visible (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Safe for Colour Blindness");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Okabe and Ito's palette"));
  row = strata_preferences_window_get_row (preferences, "contrast");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "thicker black outlines"));
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* @needle in the @length bytes at @data, zero bytes included. */
static const char *
find_bytes (const char *data,
            gsize       length,
            const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

/* Ctrl+P prints; printed to a PDF, the drawing is one page, turned to
 * the drawing's shape, with the drawing on it. */
static void
test_print (Fixture       *fixture,
            gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autofree char *action = action_for_key (window, GDK_KEY_p, GDK_CONTROL_MASK);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-print-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *pdf = NULL;
  g_autoptr(StrataLayout) layout = NULL;
  StrataRenderOptions options;
  double width, height, box[4];
  const char *media_box, *page;
  guint n_pages = 0;
  gsize length;

  g_assert_no_error (error);
  g_assert_cmpstr (action, ==, "win.print");

  g_assert_true (strata_window_print (window, GTK_PRINT_OPERATION_ACTION_EXPORT, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &pdf, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  /* "/Type /Page" but not "/Type /Pages", between compressed streams
   * that hold zero bytes. */
  for (page = find_bytes (pdf, length, "/Type /Page"); page != NULL;
       page = find_bytes (page + 1, length - (page + 1 - pdf), "/Type /Page"))
    if (page[strlen ("/Type /Page")] != 's')
      n_pages++;
  g_assert_cmpuint (n_pages, ==, 1);

  media_box = find_bytes (pdf, length, "/MediaBox [");
  g_assert_nonnull (media_box);
  g_assert_cmpint (sscanf (media_box, "/MediaBox [ %lf %lf %lf %lf", &box[0], &box[1], &box[2],
                           &box[3]), ==, 4);
  strata_window_init_render_options (window, &options);
  layout = strata_layout_new (window->network, &options);
  strata_layout_get_size (layout, &width, &height);
  g_assert_true ((box[2] - box[0] > box[3] - box[1]) == (width > height));
  /* A page of the drawing is more than a blank page. */
  g_assert_cmpuint (length, >, 8000);

  g_unlink (path);
  g_rmdir (dir);
}

/* A size saved on a larger screen, or a default larger than this one, is
 * cut to the screen, leaving room for a panel: no button out of reach. */
static void
test_fits_screen (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (STRATA_SETTINGS_SCHEMA_ID);
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle screen;
  StrataWindow *window;
  int width = 0, height = 0;

  gdk_monitor_get_geometry (monitor, &screen);
  g_settings_set_int (settings, "window-width", screen.width + 1000);
  g_settings_set_int (settings, "window-height", screen.height + 1000);
  strata_test_flush_main_loop ();
  window = g_object_ref_sink (strata_window_new (NULL));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, screen.width);
  g_assert_cmpint (height, ==, screen.height - 72);
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* Dragging the panel's edge resizes it, never so far that the diagram
 * would lose its least width and the panel fold away under the pointer. */
static void
test_sidebar_drag (Fixture       *fixture,
                   gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window->sidebar_handle);
  GtkGesture *drag = NULL;
  GtkEventController *keys = NULL;
  int before = strata_window_get_sidebar_width (window);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        drag = GTK_GESTURE (controller);
      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        keys = GTK_EVENT_CONTROLLER (controller);
    }
  g_assert_nonnull (drag);
  g_assert_nonnull (keys);
  g_assert_true (gtk_widget_get_focusable (window->sidebar_handle));
  g_assert_cmpint (before, ==, 360);
  /* Too narrow for the widest panel beside the diagram. */
  resize (fixture, 1000, 700);

  g_signal_emit_by_name (drag, "drag-begin", 0.0, 0.0);
  g_signal_emit_by_name (drag, "drag-update", 60.0, 3.0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (strata_window_get_sidebar_width (window), ==, 420);
  g_assert_cmpint (gtk_widget_get_width (window->sidebar), ==, 420);

  g_signal_emit_by_name (drag, "drag-update", 5000.0, 0.0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (strata_window_get_sidebar_width (window), >, 420);
  g_assert_false (adw_flap_get_folded (window->flap));
  g_assert_true (adw_flap_get_reveal_flap (window->flap));

  /* Narrower than the panel's least width: held there. */
  g_signal_emit_by_name (drag, "drag-update", -5000.0, 0.0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (strata_window_get_sidebar_width (window), ==, 320);

  /* From the keyboard, as a pane's handle: Right widens, Ctrl more. */
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_cmpint (strata_window_get_sidebar_width (window), ==, 336);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, GDK_CONTROL_MASK, &handled);
  g_assert_cmpint (strata_window_get_sidebar_width (window), ==, 400);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Left, 0, 0, &handled);
  g_assert_cmpint (strata_window_get_sidebar_width (window), ==, 384);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_a, 0, 0, &handled);
  g_assert_false (handled);
  g_assert_cmpint (strata_window_get_sidebar_width (window), ==, 384);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_dir = NULL;
  int status;

  /* Drafts never reach the real home, nor outlive the run. */
  state_dir = strata_test_state_dir_new ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Sizes are checked once the flap has moved, not halfway. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, strata_test_window_tear_down)
  ADD ("/window-screens/sidebar-remembered", test_sidebar_remembered);
  ADD ("/window-screens/sidebar-f9", test_sidebar_f9);
  ADD ("/window-screens/small-screen", test_small_screen);
  ADD ("/window-screens/totals-wrap", test_totals_wrap);
  ADD ("/window-screens/maximise-reflows", test_maximise_reflows);
  ADD ("/window-screens/zoom-buttons-clear", test_zoom_buttons_clear);
  ADD ("/window-screens/high-contrast", test_high_contrast);
  ADD ("/window-screens/preferences-colours", test_preferences_colours);
  ADD ("/window-screens/print", test_print);
  ADD ("/window-screens/fits-screen", test_fits_screen);
  ADD ("/window-screens/sidebar-drag", test_sidebar_drag);
#undef ADD

  status = g_test_run ();
  strata_test_state_dir_remove (state_dir);
  return status;
}
