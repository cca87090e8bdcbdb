/* test-window-keys.c: the window driven by the keyboard alone, keys sent through the X server. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-application.h"
#include "strata-export-dialog.h"
#include "strata-file.h"
#include "strata-preferences-window.h"
#include "strata-presentation.h"
#include "strata-test-keys.h"
#include "strata-test-state.h"
#include "strata-test-window.h"

/* The windows' application, for its own shortcuts (Ctrl+Q); one for the
 * whole run, as it keeps its registration. */
static GtkApplication *application;

static StrataLayer *
conv_new (const char *name,
          guint       filters)
{
  g_autoptr(StrataLayer) conv = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  StrataLayerParams params = *strata_layer_get_params (conv);

  params.kernel = (StrataPair) { 5, 5 };
  params.filters = filters;
  strata_layer_set_params (conv, &params);
  strata_layer_set_name (conv, name);
  return g_steal_pointer (&conv);
}

/* input 32 × 32 × 3, then two 5 × 5 convolutions. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StrataLayer) c1 = conv_new ("C1", 8);
  g_autoptr(StrataLayer) c2 = conv_new ("C2", 16);

  fixture->network = strata_network_new ();
  strata_network_set_input (fixture->network, 32, 32, 3);
  strata_network_append (fixture->network, c1);
  strata_network_append (fixture->network, c2);

  strata_test_window_open (fixture, application);
  strata_test_focus_window (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  strata_test_window_tear_down (fixture, data);
  strata_test_settle ();
}

static GtkWidget *
focus (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

/* Where the focus can be when a shortcut is pressed. */
static const char * const places[] = { "list", "name", "kind", "filters", "kernel", "canvas" };

static void
focus_place (Fixture    *fixture,
             const char *place)
{
  StrataWindow *window = fixture->window;
  GtkWidget *widget;

  if (g_str_equal (place, "list"))
    {
      StrataLayer *layer = strata_network_get_layer (fixture->network,
                                                     strata_window_get_selected (window));

      /* The row's item in the list view, which takes the focus. */
      widget = gtk_widget_get_parent (g_hash_table_lookup (window->bound_rows, layer));
    }
  else if (g_str_equal (place, "canvas"))
    widget = GTK_WIDGET (window->canvas);
  else
    widget = strata_layer_editor_get_control (window->editor,
                                              g_str_equal (place, "kernel") ? "kernel-height"
                                                                            : place);
  /* A window just given the keyboard back, its dialog gone, may still
   * take the events of that going, which move its focus: a busy machine
   * delivers them after the grab. The focus is grabbed again, as a user
   * clicks again, a few times at most. */
  for (guint tries = 0;; tries++)
    {
      g_assert_true (gtk_widget_grab_focus (widget));
      strata_test_settle ();
      if (gtk_widget_is_focus (widget) || gtk_widget_is_ancestor (focus (fixture), widget))
        break;
      g_test_message ("the focus left %s for %s", place,
                      focus (fixture) != NULL ? G_OBJECT_TYPE_NAME (focus (fixture)) : "nothing");
      g_assert_cmpuint (tries, <, 3);
    }
}

/* Closes the one window of @type, which must be open. */
static void
close_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        found = window;
    }
  g_assert_nonnull (found);
  gtk_window_close (found);
  strata_test_settle ();
}

/* A menu is made when it first opens: none is not shown. */
static gboolean
menu_shown (GtkMenuButton *button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  return popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover));
}

/* Every shortcut of the shortcuts window that edits the network works
 * wherever the focus is in the list, the editor or the canvas. */
static void
test_keys_shortcuts_everywhere (Fixture       *fixture,
                                gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataNetwork *network = fixture->network;
  StrataLayer *c1 = strata_network_get_layer (network, 0);
  StrataLayer *c2 = strata_network_get_layer (network, 1);

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      double zoom;

      g_test_message ("focus in %s", places[i]);
      strata_window_select (window, 0);
      strata_test_settle ();

      focus_place (fixture, places[i]);
      strata_test_key ("<Control><Shift>a");
      g_assert_true (menu_shown (window->add_menu_button));
      strata_test_key ("Escape");
      g_assert_false (menu_shown (window->add_menu_button));

      focus_place (fixture, places[i]);
      strata_test_key ("Insert");
      g_assert_true (menu_shown (window->add_menu_button));
      strata_test_key ("Escape");

      focus_place (fixture, places[i]);
      strata_test_key ("<Control><Shift>b");
      g_assert_true (menu_shown (window->branch_menu_button));
      strata_test_key ("Escape");

      focus_place (fixture, places[i]);
      strata_test_key ("<Control>d");
      g_assert_cmpuint (strata_network_get_n_layers (network), ==, 3);
      g_assert_cmpint (strata_window_get_selected (window), ==, 1);
      strata_test_key ("<Control>z");
      g_assert_cmpuint (strata_network_get_n_layers (network), ==, 2);
      strata_test_key ("<Control><Shift>z");
      g_assert_cmpuint (strata_network_get_n_layers (network), ==, 3);
      strata_test_key ("<Control>z");
      g_assert_cmpuint (strata_network_get_n_layers (network), ==, 2);

      strata_window_select (window, 0);
      strata_test_settle ();
      focus_place (fixture, places[i]);
      strata_test_key ("<Alt>Down");
      g_assert_true (strata_network_get_layer (network, 1) == c1);
      strata_test_key ("<Alt>Up");
      g_assert_true (strata_network_get_layer (network, 0) == c1);
      g_assert_true (strata_network_get_layer (network, 1) == c2);

      focus_place (fixture, places[i]);
      zoom = strata_canvas_get_zoom (window->canvas);
      strata_test_key ("<Control>plus");
      g_assert_cmpfloat (strata_canvas_get_zoom (window->canvas), >, zoom);
      strata_test_key ("<Control>minus");
      g_assert_cmpfloat_with_epsilon (strata_canvas_get_zoom (window->canvas), zoom, 1e-9);
      strata_test_key ("<Control>plus");
      strata_test_key ("<Control>0");
      g_assert_cmpfloat_with_epsilon (strata_canvas_get_zoom (window->canvas), zoom, 1e-9);

      /* Delete removes the layer where layers have the focus; in a field
       * it deletes text. */
      focus_place (fixture, places[i]);
      strata_test_key ("Delete");
      if (g_str_equal (places[i], "list") || g_str_equal (places[i], "canvas"))
        {
          g_assert_cmpuint (strata_network_get_n_layers (network), ==, 1);
          strata_test_key ("<Control>z");
        }
      g_assert_cmpuint (strata_network_get_n_layers (network), ==, 2);
      strata_window_select (window, 0);
      strata_test_settle ();

      focus_place (fixture, places[i]);
      strata_test_key ("F10");
      g_assert_true (menu_shown (window->primary_menu_button));
      strata_test_key ("Escape");

      focus_place (fixture, places[i]);
      strata_test_key ("F2");
      g_assert_true (gtk_widget_is_ancestor (focus (fixture),
                                             strata_layer_editor_get_control (window->editor,
                                                                              "name")));

      /* Windows of their own: the export dialog, the preferences. */
      focus_place (fixture, places[i]);
      strata_test_key ("<Control>e");
      close_toplevel (STRATA_TYPE_EXPORT_DIALOG);
      strata_test_focus_window (GTK_WINDOW (window));
      focus_place (fixture, places[i]);
      strata_test_key ("<Control>comma");
      close_toplevel (STRATA_TYPE_PREFERENCES_WINDOW);
      strata_test_focus_window (GTK_WINDOW (window));

      focus_place (fixture, places[i]);
      strata_test_key ("<Control>i");
      g_assert_true (window->input_selected);
    }
}

/* The toplevels shown, borrowed. */
static GPtrArray *
shown_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *shown = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (window))
        g_ptr_array_add (shown, window);
    }
  return shown;
}

/* Waits for a window that was not in @before to show, and gives it the
 * keyboard, as a window manager would. */
static GtkWindow *
wait_for_new_toplevel (GPtrArray *before)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(GPtrArray) shown = shown_toplevels ();

      for (guint i = 0; i < shown->len; i++)
        if (!g_ptr_array_find (before, shown->pdata[i], NULL))
          {
            GtkWindow *window = shown->pdata[i];

            strata_test_focus_window (window);
            return window;
          }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      strata_test_settle ();
    }
}

/* Presses @accel with the focus in @place: a window of @type must open,
 * and Escape must close it, leaving the window as it was. */
static void
assert_key_opens (Fixture    *fixture,
                  const char *place,
                  const char *accel,
                  GType       type)
{
  g_autoptr(GPtrArray) before = shown_toplevels ();
  g_autoptr(GtkWindow) opened = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  focus_place (fixture, place);
  strata_test_key (accel);
  opened = g_object_ref (wait_for_new_toplevel (before));
  g_test_message ("%s in %s: %s", accel, place, G_OBJECT_TYPE_NAME (opened));
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (opened, type));
  strata_test_key ("Escape");
  while (gtk_widget_get_visible (GTK_WIDGET (opened)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      strata_test_settle ();
    }
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  strata_test_focus_window (GTK_WINDOW (fixture->window));
}

/* Another connection to the display, hearing what windows ask of the
 * window manager. */
static Display *wm_display;

/* Whether @window asked the window manager to make it fullscreen. There
 * is none under Xvfb to grant it, so the window never is: the request is
 * what F11 can be seen to do. */
static gboolean
fullscreen_requested (StrataWindow *window)
{
  Atom state = XInternAtom (wm_display, "_NET_WM_STATE", False);
  Atom fullscreen = XInternAtom (wm_display, "_NET_WM_STATE_FULLSCREEN", False);
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      XSync (wm_display, False);
      while (XPending (wm_display) > 0)
        {
          XEvent event;

          XNextEvent (wm_display, &event);
          /* _NET_WM_STATE_ADD is 1. */
          if (event.type == ClientMessage && event.xclient.window == xid &&
              event.xclient.message_type == state && event.xclient.data.l[0] == 1 &&
              (Atom) event.xclient.data.l[1] == fullscreen)
            return TRUE;
        }
      strata_test_settle ();
    }
  return FALSE;
}

/* The shortcuts of the window itself, its documents and the application
 * work from the list, each of the editor's fields and the canvas: the
 * windows and dialogs they open come up and go with Escape (a file
 * chooser is GTK's own without a portal, as under Xvfb), and closing
 * with unsaved changes asks first. */
static void
test_keys_window_shortcuts (Fixture       *fixture,
                            gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataLayer *c1 = strata_network_get_layer (fixture->network, 0);

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      StrataLayerParams params;

      strata_window_select (window, 0);
      strata_test_settle ();
      g_assert_false (strata_window_get_modified (window));

      assert_key_opens (fixture, places[i], "F5", STRATA_TYPE_PRESENTATION);
#ifndef __SANITIZE_ADDRESS__
      /* GTK's print and file dialogs list printers and folders in threads
       * of their own, still at work when the test exits soon after: the
       * leak checker would count what they hold. The normal run has them. */
      assert_key_opens (fixture, places[i], "<Control>p", GTK_TYPE_DIALOG);
      assert_key_opens (fixture, places[i], "<Control>o", GTK_TYPE_FILE_CHOOSER_DIALOG);
      /* Not saved yet: Save asks where. */
      assert_key_opens (fixture, places[i], "<Control>s", GTK_TYPE_FILE_CHOOSER_DIALOG);
#endif

      focus_place (fixture, places[i]);
      strata_test_key ("<Control><Shift>o");
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (adw_split_button_get_popover (window->open_button))));
      strata_test_key ("Escape");
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (adw_split_button_get_popover (window->open_button))));

      focus_place (fixture, places[i]);
      strata_test_key ("F9");
      g_assert_false (adw_flap_get_reveal_flap (window->flap));
      strata_test_key ("F9");
      g_assert_true (adw_flap_get_reveal_flap (window->flap));

      focus_place (fixture, places[i]);
      strata_test_key ("F11");
      g_assert_true (fullscreen_requested (window));

      /* With changes unsaved, Ctrl+W and Ctrl+Q ask first; Escape keeps
       * the window. */
      params = *strata_layer_get_params (c1);
      params.filters++;
      strata_layer_set_params (c1, &params);
      g_assert_true (strata_window_get_modified (window));
      assert_key_opens (fixture, places[i], "<Control>w", ADW_TYPE_MESSAGE_DIALOG);
      assert_key_opens (fixture, places[i], "<Control>q", ADW_TYPE_MESSAGE_DIALOG);
      focus_place (fixture, places[i]);
      strata_test_key ("<Control>z");
      g_assert_false (strata_window_get_modified (window));
    }
}

/* The row of the layer at @position in the list view, which takes the focus. */
static GtkWidget *
list_item (Fixture *fixture,
           guint    position)
{
  StrataLayer *layer = strata_network_get_layer (fixture->network, position);
  GtkWidget *row = g_hash_table_lookup (fixture->window->bound_rows, layer);

  g_assert_nonnull (row);
  return gtk_widget_get_parent (row);
}

/* After a layer is added, its first field has the focus and Tab goes on
 * through its fields, never to the Input row, which would take the
 * editor away from the new layer. */
static void
test_keys_add_then_tab (Fixture       *fixture,
                        gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataNetwork *network = fixture->network;
  StrataLayer *dense;

  strata_window_select (window, 1);
  focus_place (fixture, "list");
  strata_test_key ("Insert");
  g_assert_true (menu_shown (window->add_menu_button));
  /* Typing part of a kind's name finds it; Enter adds it. */
  strata_test_type ("dense");
  strata_test_key ("Return");
  g_assert_false (menu_shown (window->add_menu_button));
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 3);
  dense = strata_network_get_layer (network, 2);
  g_assert_cmpint (strata_window_get_selected (window), ==, 2);
  /* Units first: the field a dense layer is sized by. */
  g_assert_true (gtk_widget_is_ancestor (focus (fixture),
                                         strata_layer_editor_get_control (window->editor,
                                                                          "units")));
  strata_test_type ("84");
  g_assert_cmpuint (strata_layer_get_params (dense)->units, ==, 84);

  for (guint i = 0; i < 12; i++)
    {
      strata_test_key ("Tab");
      g_assert_false (window->input_selected);
      g_assert_cmpint (strata_window_get_selected (window), ==, 2);
      g_assert_true (strata_layer_editor_get_layer (window->editor) == dense);
    }
  /* Shift+Tab back from the list, past the Input row, selects nothing either. */
  focus_place (fixture, "list");
  for (guint i = 0; i < 4; i++)
    {
      strata_test_key ("<Shift>Tab");
      g_assert_false (window->input_selected);
    }
  g_assert_cmpint (strata_window_get_selected (window), ==, 2);
  /* Enter on it does. */
  gtk_widget_grab_focus (GTK_WIDGET (window->input_row));
  strata_test_key ("Return");
  g_assert_true (window->input_selected);
}

/* Ctrl+D in the list: the copy is selected and its row has the focus,
 * under a name of its own. */
static void
test_keys_duplicate (Fixture       *fixture,
                     gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataNetwork *network = fixture->network;

  strata_window_select (window, 0);
  focus_place (fixture, "list");
  strata_test_key ("<Control>d");
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 3);
  g_assert_cmpint (strata_window_get_selected (window), ==, 1);
  g_assert_true (focus (fixture) == list_item (fixture, 1));
  /* C1 and C2 are taken: C3. */
  g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (network, 1)), ==, "C3");
  strata_test_key ("<Control>d");
  g_assert_cmpint (strata_window_get_selected (window), ==, 2);
  g_assert_true (focus (fixture) == list_item (fixture, 2));
  g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (network, 2)), ==, "C4");

  /* A moved layer keeps the focus too. */
  strata_test_key ("<Alt>Up");
  g_assert_cmpint (strata_window_get_selected (window), ==, 1);
  g_assert_true (focus (fixture) == list_item (fixture, 1));
  g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (network, 1)), ==, "C4");
}

/* New layers are named per kind and hidden convolutions and dense layers
 * get ReLU; the last one, the output, none until a layer follows it. */
static void
test_keys_new_layer_defaults (Fixture       *fixture,
                              gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataNetwork *network = fixture->network;
  const char * const kinds[] = { "conv2d", "maxpool2d", "conv2d", "flatten", "dense", "dense" };
  const char * const names[] = { "conv1", "maxpool1", "conv2", "flatten1", "dense1", "dense2" };
  GtkWidget *activation;
  GListModel *choices;

  strata_window_select (window, 1);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.add-layer", "s", kinds[i]);
      strata_test_settle ();
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (network, i + 2)), ==,
                     names[i]);
  for (guint i = 2; i < 7; i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);

      if (strata_layer_kind_takes (strata_layer_get_kind (layer), STRATA_PARAM_ACTIVATION))
        g_assert_cmpint (strata_layer_get_params (layer)->activation, ==,
                         STRATA_ACTIVATION_RELU);
    }
  g_assert_cmpint (strata_layer_get_params (strata_network_get_layer (network, 7))->activation,
                   ==, STRATA_ACTIVATION_NONE);

  /* Undone, the last add takes the hidden layer's ReLU with it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpint (strata_layer_get_params (strata_network_get_layer (network, 6))->activation,
                   ==, STRATA_ACTIVATION_NONE);

  /* The activations offered: "None", not "Linear", which does the same. */
  strata_window_select (window, 6);
  activation = strata_layer_editor_get_control (window->editor, "activation");
  choices = adw_combo_row_get_model (ADW_COMBO_ROW (activation));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, STRATA_N_ACTIVATIONS - 1);
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), !=, "Linear");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices),
                                               adw_combo_row_get_selected (ADW_COMBO_ROW (activation))),
                   ==, "None");
  adw_combo_row_set_selected (ADW_COMBO_ROW (activation),
                              g_list_model_get_n_items (choices) - 1);
  g_assert_cmpint (strata_layer_get_params (strata_network_get_layer (network, 6))->activation,
                   ==, STRATA_ACTIVATION_SWISH);
}

/* The wheel over a field it does not have the focus scrolls the editor
 * and leaves the field alone; with the focus, it steps the field. */
static void
test_keys_wheel (Fixture       *fixture,
                 gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataLayer *c1 = strata_network_get_layer (fixture->network, 0);
  GtkWidget *spin;

  strata_window_select (window, 0);
  focus_place (fixture, "list");
  spin = strata_layer_editor_get_control (window->editor, "filters");
  strata_test_wheel (spin, TRUE);
  strata_test_wheel (spin, TRUE);
  g_assert_cmpuint (strata_layer_get_params (c1)->filters, ==, 8);

  focus_place (fixture, "filters");
  strata_test_wheel (spin, FALSE);
  g_assert_cmpuint (strata_layer_get_params (c1)->filters, ==, 9);

  /* The input's fields too. */
  focus_place (fixture, "list");
  strata_window_select_input (window);
  strata_test_settle ();
  strata_test_wheel (strata_layer_editor_get_control (window->editor, "input-height"), TRUE);
  g_assert_cmpuint (strata_network_get_input_shape (fixture->network)->height, ==, 32);

  /* Closed at once after the wheel, the window leaves the screen at once
   * and goes without a critical from the scrolled editor springing back. */
  window->close_confirmed = TRUE;
  strata_test_key ("<Control>w");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    guint position;

    while (g_list_store_find (G_LIST_STORE (gtk_window_get_toplevels ()), window, &position))
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        strata_test_settle ();
      }
  }
  g_clear_object (&fixture->window);
}

/* The canvas has the focus after Tab reaches it, and shows it; the arrow
 * keys step the selection through the layers there. */
static void
test_keys_canvas (Fixture       *fixture,
                  gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  GtkWidget *canvas = GTK_WIDGET (window->canvas);

  strata_window_select (window, 0);
  focus_place (fixture, "filters");
  while (!gtk_widget_has_focus (canvas))
    strata_test_key ("Tab");
  g_assert_true (gtk_widget_has_visible_focus (canvas));
  g_assert_true (gtk_widget_get_state_flags (canvas) & GTK_STATE_FLAG_FOCUS_VISIBLE);
  strata_test_key ("Right");
  g_assert_cmpint (strata_window_get_selected (window), ==, 1);
  /* The focus is on the selected block, which a screen reader reads. */
  g_assert_true (gtk_widget_get_parent (focus (fixture)) == canvas);
  g_assert_true (gtk_widget_get_state_flags (focus (fixture)) & GTK_STATE_FLAG_SELECTED ||
                 gtk_widget_has_focus (focus (fixture)));
  strata_test_key ("Left");
  strata_test_key ("Left");
  g_assert_true (window->input_selected);
  g_assert_true (gtk_widget_get_parent (focus (fixture)) == canvas);
  /* Tab goes on out of the diagram, not from block to block. */
  strata_test_key ("Tab");
  g_assert_false (gtk_widget_is_ancestor (focus (fixture), canvas));
  g_assert_false (gtk_widget_has_focus (canvas));
}

/* LeNet-5 from File > New by the keyboard alone, the keys counted: the
 * input, two convolutions with average pooling, three dense layers. */
static void
test_keys_lenet (Fixture       *fixture,
                 gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataNetwork *network;
  const struct
  {
    const char *search;
    const char *fields[2];
  } layers[] = {
    { "conv", { "6", "5" } },
    { "avg", { NULL } },
    { "conv", { "16", "5" } },
    { "avg", { NULL } },
    { "fl", { NULL } },
    { "den", { "120" } },
    { "den", { "84" } },
    { "den", { "10" } },
  };
  const char * const names[] = {
    "conv1", "avgpool1", "conv2", "avgpool2", "flatten1", "dense1", "dense2", "dense3"
  };
  guint first_key = strata_test_n_keys;

  focus_place (fixture, "list");
  strata_test_key ("<Control>n");
  network = window->network;
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 0);

  /* 32 × 32 × 1. */
  strata_test_key ("<Control>i");
  strata_test_key ("Tab");
  strata_test_key ("Tab");
  strata_test_type ("1");

  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      strata_test_key ("Insert");
      strata_test_type (layers[i].search);
      strata_test_key ("Return");
      for (guint f = 0; f < G_N_ELEMENTS (layers[i].fields) && layers[i].fields[f] != NULL; f++)
        {
          if (f > 0)
            strata_test_key ("Tab");
          strata_test_type (layers[i].fields[f]);
        }
    }

  g_test_message ("LeNet-5 from New: %u keys", strata_test_n_keys - first_key);
  g_assert_cmpuint (strata_test_n_keys - first_key, <, 80);

  g_assert_cmpuint (strata_network_get_n_layers (network), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (network, i)), ==, names[i]);
  g_assert_cmpuint (strata_network_get_input_shape (network)->channels, ==, 1);
  /* (5·5·1+1)·6 + (5·5·6+1)·16 + (400+1)·120 + (120+1)·84 + (84+1)·10. */
  g_assert_cmpuint (strata_network_get_params (network), ==, 156 + 2416 + 48120 + 10164 + 850);
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
  {
    g_autofree char *shape =
      strata_shape_to_string (strata_layer_get_output_shape (strata_network_get_layer (network, 3)));

    g_assert_cmpstr (shape, ==, "5 × 5 × 16");
  }
  g_assert_cmpint (strata_layer_get_params (strata_network_get_layer (network, 0))->activation,
                   ==, STRATA_ACTIVATION_RELU);
  g_assert_cmpint (strata_layer_get_params (strata_network_get_layer (network, 7))->activation,
                   ==, STRATA_ACTIVATION_NONE);
}

/* AlexNet's first convolution has an explicit padding: its row's title
 * keeps the room it needs on one line, and the side panel its width. */
static void
test_keys_padding_label (Fixture       *fixture,
                         gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  GtkWidget *padding, *row, *title;
  int natural = 0, sidebar = gtk_widget_get_width (window->sidebar);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", "s", "alexnet");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  strata_window_select (window, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (strata_layer_get_params (strata_network_get_layer (window->network, 0))->padding_mode,
                   ==, STRATA_PADDING_EXPLICIT);

  padding = strata_layer_editor_get_control (window->editor, "padding");
  row = gtk_widget_get_ancestor (padding, ADW_TYPE_ACTION_ROW);
  title = strata_test_find_label (row, "Padding");
  g_assert_nonnull (title);
  gtk_widget_measure (title, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_width (title), >=, natural);
  g_assert_cmpint (gtk_widget_get_width (window->sidebar), ==, sidebar);
}

/* Ctrl+Shift+O lists the examples and recent files; the arrow keys and
 * Enter open one. */
static void
test_keys_open_menu (Fixture       *fixture,
                     gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  const char * const *ids = strata_file_get_example_ids ();

  focus_place (fixture, "filters");
  strata_test_key ("<Control><Shift>o");
  /* The menu opens on the first example; Down goes to the second. */
  strata_test_key ("Down");
  strata_test_key ("Return");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (window->example_id, ==, ids[1]);
  g_assert_true (window->network != fixture->network);
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
  /* Not unique: no other instance to talk to, whatever runs beside. */
  application = GTK_APPLICATION (strata_application_new ());
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, NULL));
  /* Requests to the window manager are sent to the root window for those
   * who listen to what happens to its children. */
  wm_display = XOpenDisplay (NULL);
  g_assert_nonnull (wm_display);
  XSelectInput (wm_display, DefaultRootWindow (wm_display), SubstructureNotifyMask);
  XSync (wm_display, False);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window-keys/shortcuts-everywhere", test_keys_shortcuts_everywhere);
  ADD ("/window-keys/window-shortcuts", test_keys_window_shortcuts);
  ADD ("/window-keys/add-then-tab", test_keys_add_then_tab);
  ADD ("/window-keys/duplicate", test_keys_duplicate);
  ADD ("/window-keys/new-layer-defaults", test_keys_new_layer_defaults);
  ADD ("/window-keys/wheel", test_keys_wheel);
  ADD ("/window-keys/canvas", test_keys_canvas);
  ADD ("/window-keys/lenet", test_keys_lenet);
  ADD ("/window-keys/padding-label", test_keys_padding_label);
  ADD ("/window-keys/open-menu", test_keys_open_menu);
#undef ADD

  status = g_test_run ();
  g_object_unref (application);
  XCloseDisplay (wm_display);
  strata_test_state_dir_remove (state_dir);
  return status;
}
