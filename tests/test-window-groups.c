/* test-window-groups.c: a range of layers selected with Shift, grouped and ungrouped by keys. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "strata-canvas-private.h"
#include "strata-file.h"
#include "strata-layer-editor-private.h"
#include "strata-layout-private.h"
#include "strata-test-groups.h"
#include "strata-test-keys.h"
#include "strata-test-state.h"
#include "strata-test-window.h"

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->network = strata_file_load_example ("vgg16", NULL);
  strata_test_window_open (fixture, NULL);
  strata_test_focus_window (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  strata_test_window_tear_down (fixture, data);
  strata_test_settle ();
}

static StrataLayerRow *
row_at (StrataWindow *window,
        guint         position)
{
  StrataNetwork *network = strata_window_get_network (window);
  StrataLayerRow *row = g_hash_table_lookup (window->bound_rows,
                                             strata_network_get_layer (network, position));

  g_assert_nonnull (row);
  return row;
}

/* Selects @position and gives its row the focus, as a click would. */
static void
focus_row (StrataWindow *window,
           guint         position)
{
  strata_window_select (window, position);
  strata_test_settle ();
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (row_at (window,
                                                                                   position)))));
  strata_test_settle ();
}

/* The names of the groups the canvas draws over the layer at @position. */
static const char *
drawn_group (StrataWindow *window,
             guint         position)
{
  StrataLayout *layout = strata_canvas_ensure_layout (window->canvas);

  for (guint g = 0; g < layout->groups->len; g++)
    {
      const StrataGroup *group = &g_array_index (layout->groups, StrataGroup, g);

      if (position >= group->first && position < group->end)
        return pango_layout_get_text (group->name);
    }
  return NULL;
}

/* Clicks @button on the row at @position, Shift held if @shift, with the
 * pointer moved there through the X server as a mouse moves it. */
static void
click_row (StrataWindow *window,
           guint         position,
           guint         button,
           gboolean      shift)
{
  GtkWidget *row = GTK_WIDGET (row_at (window, position));
  GtkNative *native = gtk_widget_get_native (row);
  Display *xdisplay = strata_test_x_display ();
  graphene_point_t point;
  double dx, dy;
  int x, y;
  Window child;

  g_assert_true (gtk_widget_compute_point (row, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (40, 8),
                                           &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  XTranslateCoordinates (xdisplay, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                         DefaultRootWindow (xdisplay), (int) (point.x + dx), (int) (point.y + dy),
                         &x, &y, &child);
  XTestFakeMotionEvent (xdisplay, -1, x, y, CurrentTime);
  if (shift)
    strata_test_send_keyval (GDK_KEY_Shift_L, TRUE);
  XTestFakeButtonEvent (xdisplay, button, True, CurrentTime);
  XTestFakeButtonEvent (xdisplay, button, False, CurrentTime);
  if (shift)
    strata_test_send_keyval (GDK_KEY_Shift_L, FALSE);
  strata_test_settle ();
}

/* Shift+click extends the range to the row clicked, a click alone starts
 * over, and a right click outside the range selects the row under the
 * menu. */
static void
test_groups_clicks (Fixture       *fixture,
                    gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  guint first = 0, last = 0;

  focus_row (window, 2);
  click_row (window, 5, 1, TRUE);
  g_assert_cmpint (strata_window_get_selected (window), ==, 5);
  g_assert_true (strata_window_get_range (window, &first, &last));
  g_assert_cmpuint (first, ==, 2);
  g_assert_cmpuint (last, ==, 5);
  click_row (window, 1, 1, TRUE);
  g_assert_true (strata_window_get_range (window, &first, &last));
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (last, ==, 2);

  /* Inside the range, the menu acts on all of it. */
  click_row (window, 2, 3, FALSE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->list_menu)));
  g_assert_true (strata_window_get_range (window, &first, &last));
  g_assert_cmpuint (last - first, ==, 1);
  strata_test_key ("Escape");

  click_row (window, 4, 1, FALSE);
  g_assert_cmpint (strata_window_get_selected (window), ==, 4);
  g_assert_true (strata_window_get_range (window, &first, &last));
  g_assert_cmpuint (first, ==, 4);
  g_assert_cmpuint (last, ==, 4);

  click_row (window, 6, 3, FALSE);
  g_assert_cmpint (strata_window_get_selected (window), ==, 6);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->list_menu)));
  strata_test_key ("Escape");
}

/* The position of the layer a block of the canvas stands for, found by
 * the name a screen reader hears; -2 for none. */
static int
block_position (GtkWidget     *block,
                StrataNetwork *network)
{
  for (int i = -1; i < (int) strata_network_get_n_layers (network); i++)
    {
      const char *name = i < 0 ? "Input"
                               : strata_layer_get_display_name (strata_network_get_layer (network,
                                                                                          i));
      g_autofree char *differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (block),
                                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                     name);

      if (differs == NULL)
        return i;
    }
  return -2;
}

/* Every block of the canvas from @first to @last, and only those, is
 * selected for a screen reader; returns how many blocks there are. */
static guint
assert_blocks_selected (StrataWindow *window,
                        int           first,
                        int           last)
{
  StrataNetwork *network = strata_window_get_network (window);
  guint n = 0, n_selected = 0;

  strata_test_settle ();
  for (GtkWidget *block = gtk_widget_get_first_child (GTK_WIDGET (window->canvas));
       block != NULL;
       block = gtk_widget_get_next_sibling (block))
    {
      int position = block_position (block, network);
      gboolean selected = position >= first && position <= last;
      g_autofree char *differs = gtk_test_accessible_check_state (GTK_ACCESSIBLE (block),
                                                                  GTK_ACCESSIBLE_STATE_SELECTED,
                                                                  selected);

      g_assert_cmpint (position, !=, -2);
      g_assert_cmpstr (differs, ==, NULL);
      n++;
      n_selected += selected;
    }
  /* VGG-16 is in view whole: its input and 23 layers. */
  g_assert_cmpuint (n, ==, strata_network_get_n_layers (network) + 1);
  g_assert_cmpuint (n_selected, ==, last - first + 1);
  return n;
}

/* A range is shown everywhere: framed on the canvas, counted in the
 * editor, which a screen reader is told; a step without Shift ends it. */
static void
test_groups_range_shown (Fixture       *fixture,
                         gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataNetwork *network = fixture->network;
  StrataLayerEditor *editor = window->editor;
  int first = 0, last = 0;

  focus_row (window, 2);
  g_assert_false (strata_canvas_get_selected_range (window->canvas, &first, &last));
  strata_test_key ("<Shift>Down");
  strata_test_key ("<Shift>Down");
  g_assert_cmpint (strata_canvas_get_selected (window->canvas), ==, 4);
  g_assert_true (strata_canvas_get_selected_range (window->canvas, &first, &last));
  g_assert_cmpint (first, ==, 2);
  g_assert_cmpint (last, ==, 4);
  g_assert_cmpuint (strata_layer_editor_get_range (editor), ==, 3);
  assert_blocks_selected (window, 2, 4);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (editor->stack), ==, "range");
  g_assert_cmpstr (gtk_label_get_label (editor->range_label), ==, "3 layers selected");
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (editor->range_label)));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (editor->range_label)), ==,
                   GTK_ACCESSIBLE_ROLE_STATUS);
  g_assert_null (strata_layer_editor_get_layer (editor));

  /* Back to the row where it began, the range is one layer: its fields. */
  strata_test_key ("<Shift>Up");
  strata_test_key ("<Shift>Up");
  g_assert_false (strata_canvas_get_selected_range (window->canvas, NULL, NULL));
  g_assert_cmpuint (strata_layer_editor_get_range (editor), ==, 0);
  g_assert_true (strata_layer_editor_get_layer (editor) == strata_network_get_layer (network, 2));
  strata_test_key ("<Shift>Down");
  strata_test_key ("<Shift>Down");
  g_assert_cmpuint (strata_layer_editor_get_range (editor), ==, 3);

  strata_test_key ("Down");
  g_assert_cmpint (strata_window_get_selected (window), ==, 5);
  g_assert_false (strata_canvas_get_selected_range (window->canvas, &first, &last));
  g_assert_cmpint (strata_canvas_get_selected (window->canvas), ==, 5);
  assert_blocks_selected (window, 5, 5);
  g_assert_cmpuint (strata_layer_editor_get_range (editor), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (editor->stack), ==, "layer");
  g_assert_true (strata_layer_editor_get_layer (editor) == strata_network_get_layer (network, 5));
}

static void
test_groups_by_keys (Fixture       *fixture,
                     gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataNetwork *network = fixture->network;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "grouped.strata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  StrataNetwork *reopened;
  GtkAdjustment *adjustment;
  double scrolled_to;
  guint first = 0, last = 0;

  g_assert_no_error (error);
  /* VGG-16's first stage is drawn as the repeated unit A1. */
  g_assert_cmpstr (drawn_group (window, 1), ==, "A1");

  /* Shift+Down extends the range from the row where it began; the editor
   * says how many layers it holds, the rows between are marked. */
  focus_row (window, 1);
  strata_test_key ("<Shift>Down");
  strata_test_key ("<Shift>Down");
  strata_test_key ("<Shift>Down");
  g_assert_cmpint (strata_window_get_selected (window), ==, 4);
  g_assert_true (strata_window_get_range (window, &first, &last));
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (last, ==, 4);
  g_assert_null (strata_layer_editor_get_layer (window->editor));
  g_assert_cmpuint (strata_layer_editor_get_range (window->editor), ==, 4);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row_at (window, 2)), "in-range"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row_at (window, 5)), "in-range"));
  /* Shift+Up takes it back a row. */
  strata_test_key ("<Shift>Up");
  g_assert_true (strata_window_get_range (window, &first, &last));
  g_assert_cmpuint (last, ==, 3);

  /* Shift+F10 in the list opens its menu, which keeps the range. */
  strata_test_key ("<Shift>F10");
  g_assert_nonnull (window->list_menu);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->list_menu)));
  strata_test_key ("Escape");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->list_menu)));
  g_assert_true (strata_window_get_range (window, &first, &last));
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (last, ==, 3);

  /* Ctrl+G groups them under a name of their own, in the list and drawn. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (window->list_view));
  scrolled_to = gtk_adjustment_get_value (adjustment);
  strata_test_key ("<Control>g");
  g_assert_cmpuint (strata_network_get_n_groups (network), ==, 1);
  strata_network_get_group_range (network, 0, &first, &last);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (last, ==, 3);
  g_assert_cmpstr (strata_network_get_group (network, 0)->name, ==, "block1");
  g_assert_cmpstr (strata_layer_row_get_group_label (row_at (window, 1)), ==, "block1");
  g_assert_null (strata_layer_row_get_group_label (row_at (window, 2)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row_at (window, 3)), "grouped"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row_at (window, 4)), "grouped"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row_at (window, 2)), "in-range"));
  /* The group's first row, grown by its name, is whole in view once the
   * list has stopped, and the list is where it was: the rows it grew by
   * did not move it on. */
  {
    GtkWidget *scrolled = gtk_widget_get_parent (GTK_WIDGET (window->list_view));
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    graphene_rect_t bounds;

    /* Drawn again, then stopped: no snap to a whole row still waits. */
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window->list_view));
    while (window->list_snap_id != 0 && g_get_monotonic_time () < deadline)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    g_assert_cmpuint (window->list_snap_id, ==, 0);
    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (row_at (window, 1)), scrolled, &bounds));
    g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adjustment) - scrolled_to), <, 0.5);
    g_assert_cmpfloat (bounds.origin.y, >=, 0);
  }
  /* One layer is selected again, and the editor shows it. */
  g_assert_true (strata_layer_editor_get_layer (window->editor) ==
                 strata_network_get_layer (network, strata_window_get_selected (window)));
  g_assert_cmpstr (drawn_group (window, 2), ==, "block1");
  /* The units A1 and A2 it overlaps are no longer drawn; B1 still is. */
  g_assert_null (drawn_group (window, 0));
  g_assert_null (drawn_group (window, 4));
  g_assert_cmpstr (drawn_group (window, 6), ==, "B1");

  /* Ctrl+Z removes it, Ctrl+Shift+Z makes it again. */
  strata_test_key ("<Control>z");
  g_assert_cmpuint (strata_network_get_n_groups (network), ==, 0);
  g_assert_cmpstr (drawn_group (window, 2), ==, "A1");
  g_assert_null (strata_layer_row_get_group_label (row_at (window, 1)));
  strata_test_key ("<Control><Shift>z");
  g_assert_cmpuint (strata_network_get_n_groups (network), ==, 1);

  /* Renamed in its dialog, the group is drawn under its new name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.rename-group", NULL));
  g_assert_nonnull (window->message_dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (window->message_dialog)),
                         "  stem ");
  /* A click on Rename answers, then closes the dialog. */
  adw_message_dialog_response (window->message_dialog, "rename");
  gtk_window_close (GTK_WINDOW (window->message_dialog));
  strata_test_settle ();
  g_assert_cmpstr (strata_network_get_group (network, 0)->name, ==, "stem");
  g_assert_cmpstr (strata_layer_row_get_group_label (row_at (window, 1)), ==, "stem");
  g_assert_cmpstr (drawn_group (window, 2), ==, "stem");
  /* The dialog gone, the window has the keyboard again. */
  strata_test_focus_window (GTK_WINDOW (window));
  strata_test_key ("<Control>z");
  g_assert_cmpstr (strata_network_get_group (network, 0)->name, ==, "block1");

  /* Saved and opened again, the group is there. */
  g_assert_true (strata_window_save_to (window, file));
  g_assert_true (strata_window_open_file (window, file));
  strata_test_settle ();
  reopened = strata_window_get_network (window);
  g_assert_true (reopened != network);
  g_assert_cmpuint (strata_network_get_n_groups (reopened), ==, 1);
  strata_network_get_group_range (reopened, 0, &first, &last);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (last, ==, 3);
  g_assert_cmpstr (drawn_group (window, 3), ==, "block1");

  /* Ctrl+Shift+G on a layer of it ungroups it, one step. */
  focus_row (window, 2);
  strata_test_key ("<Control><Shift>g");
  g_assert_cmpuint (strata_network_get_n_groups (reopened), ==, 0);
  strata_test_key ("<Control>z");
  g_assert_cmpuint (strata_network_get_n_groups (reopened), ==, 1);

  /* On an automatic unit (B1, conv3_1 to pool3), it turns the automatic
   * groups off there. */
  g_assert_cmpstr (drawn_group (window, 7), ==, "B1");
  focus_row (window, 7);
  strata_test_key ("<Control><Shift>g");
  g_assert_cmpuint (strata_network_get_n_groups (reopened), ==, 2);
  g_assert_null (strata_network_get_group (reopened, 1)->name);
  g_assert_null (drawn_group (window, 7));
  g_assert_cmpstr (drawn_group (window, 11), ==, "B1");
  strata_test_key ("<Control><Shift>g");
  g_assert_cmpuint (strata_network_get_n_groups (reopened), ==, 2);
  g_assert_cmpstr (adw_toast_get_title (window->toast), ==, "These layers are already ungrouped");

  /* Grouping those layers again groups them, replacing the ungrouped run. */
  strata_test_key ("<Control>g");
  g_assert_cmpuint (strata_network_get_n_groups (reopened), ==, 2);
  g_assert_cmpstr (strata_network_get_group (reopened, 1)->name, ==, "block2");
  g_assert_cmpstr (drawn_group (window, 7), ==, "block2");

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
assert_groups (StrataNetwork *network,
               const char    *expected)
{
  g_autofree char *groups = describe_groups (network);

  g_assert_cmpstr (groups, ==, expected);
}

/* Whether @row shows it is in a run the user ungrouped, and, if @first,
 * says so over it; a screen reader is told either way. */
static void
assert_ungrouped_row (StrataLayerRow *row,
                      gboolean        first)
{
  g_autofree char *differs =
    gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                        "Not grouped: the diagram groups no repeated layers here");

  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "ungrouped"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "grouped"));
  g_assert_cmpstr (strata_layer_row_get_group_label (row), ==, first ? "Not grouped" : NULL);
  g_assert_cmpstr (differs, ==, NULL);
}

/* Layers ungrouped where no group of the user's held them show it in the
 * list; Group Automatically gives them back to the drawing's groups,
 * Ctrl+G makes them a group. */
static void
test_groups_ungrouped (Fixture       *fixture,
                       gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataNetwork *network = fixture->network;
  g_autofree char *differs = NULL;

  /* conv3_1 to conv3_3, in the unit B1 the drawing finds. */
  g_assert_cmpstr (drawn_group (window, 8), ==, "B1");
  focus_row (window, 7);
  strata_test_key ("<Shift>Down");
  strata_test_key ("<Shift>Down");
  strata_test_key ("<Control><Shift>g");
  assert_groups (network, "-:7-9");
  g_assert_null (drawn_group (window, 8));
  assert_ungrouped_row (row_at (window, 7), TRUE);
  assert_ungrouped_row (row_at (window, 9), FALSE);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row_at (window, 10)), "ungrouped"));
  g_assert_null (strata_layer_row_get_group_label (row_at (window, 10)));

  /* Only on those layers does the menu offer Group Automatically: its
   * mnemonic does nothing elsewhere. */
  focus_row (window, 10);
  strata_test_key ("<Shift>F10");
  strata_test_key ("a");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->list_menu)));
  strata_test_key ("Escape");
  assert_groups (network, "-:7-9");

  /* From the menu of one of them (Shift+F10, then its mnemonic), a step
   * that Ctrl+Z takes back. */
  focus_row (window, 8);
  strata_test_key ("<Shift>F10");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->list_menu)));
  strata_test_key ("a");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->list_menu)));
  g_assert_cmpuint (strata_network_get_n_groups (network), ==, 0);
  g_assert_cmpstr (drawn_group (window, 8), ==, "B1");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row_at (window, 7)), "ungrouped"));
  g_assert_null (strata_layer_row_get_group_label (row_at (window, 7)));
  differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row_at (window, 7)),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                "Not grouped: the diagram groups no repeated "
                                                "layers here");
  g_assert_nonnull (differs);
  strata_test_key ("<Control>z");
  assert_groups (network, "-:7-9");
  assert_ungrouped_row (row_at (window, 7), TRUE);

  /* Ctrl+G on one layer of the run groups the run. */
  focus_row (window, 9);
  strata_test_key ("<Control>g");
  assert_groups (network, "block1:7-9");
  g_assert_cmpstr (strata_layer_row_get_group_label (row_at (window, 7)), ==, "block1");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row_at (window, 8)), "grouped"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row_at (window, 8)), "ungrouped"));
  strata_test_key ("<Control>z");
  assert_groups (network, "-:7-9");

  /* A range of some of its layers becomes a group; the rest stays ungrouped. */
  focus_row (window, 8);
  strata_test_key ("<Shift>Down");
  strata_test_key ("<Control>g");
  assert_groups (network, "-:7-7 block1:8-9");
  assert_ungrouped_row (row_at (window, 7), TRUE);
  g_assert_cmpstr (strata_layer_row_get_group_label (row_at (window, 8)), ==, "block1");
  strata_test_key ("<Control>z");
  assert_groups (network, "-:7-9");
}

/* A layer changed to another kind keeps its place in its group, and a
 * recovered draft its groups, state by state. */
static void
test_groups_edits (Fixture       *fixture,
                   gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataNetwork *network = fixture->network;
  g_autoptr(StrataNetwork) draft = strata_file_load_example ("vgg16", NULL);
  g_autofree char *older = NULL;
  const char *history[2] = { NULL, NULL };
  StrataNetwork *recovered;
  guint first, last;

  strata_network_add_group (network, 1, 3, "block1", NULL);
  strata_network_add_group (network, 5, 5, "single", NULL);
  strata_window_change_kind (window, 1, STRATA_LAYER_KIND_DEPTHWISE_CONV2D);
  strata_window_change_kind (window, 3, STRATA_LAYER_KIND_DEPTHWISE_CONV2D);
  strata_window_change_kind (window, 5, STRATA_LAYER_KIND_DEPTHWISE_CONV2D);
  g_assert_cmpuint (strata_network_get_n_groups (network), ==, 2);
  strata_network_get_group_range (network, 0, &first, &last);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (last, ==, 3);
  g_assert_true (strata_network_get_group (network, 0)->first ==
                 strata_network_get_layer (network, 1));
  g_assert_cmpint (strata_layer_get_kind (strata_network_get_layer (network, 3)), ==,
                   STRATA_LAYER_KIND_DEPTHWISE_CONV2D);
  strata_network_get_group_range (network, 1, &first, &last);
  g_assert_cmpuint (first, ==, 5);
  g_assert_cmpuint (last, ==, 5);
  g_assert_true (strata_history_undo (window->history, NULL));
  strata_network_get_group_range (network, 1, &first, &last);
  g_assert_cmpuint (first, ==, 5);
  g_assert_cmpint (strata_layer_get_kind (strata_network_get_layer (network, 5)), ==,
                   STRATA_LAYER_KIND_MAXPOOL2D);

  /* The older state has one group, the draft another. */
  strata_network_add_group (draft, 0, 2, "stem", NULL);
  older = strata_file_to_data (draft, NULL);
  strata_network_remove_group (draft, 0);
  strata_network_add_group (draft, 6, 9, "middle", NULL);
  history[0] = older;
  strata_window_recover_draft (window, "groups-draft", draft, NULL, NULL, history, NULL);
  strata_test_settle ();
  recovered = strata_window_get_network (window);
  g_assert_cmpuint (strata_network_get_n_groups (recovered), ==, 1);
  g_assert_cmpstr (strata_network_get_group (recovered, 0)->name, ==, "middle");
  g_assert_cmpstr (drawn_group (window, 7), ==, "middle");
  g_assert_true (strata_history_undo (window->history, NULL));
  g_assert_cmpuint (strata_network_get_n_groups (recovered), ==, 1);
  g_assert_cmpstr (strata_network_get_group (recovered, 0)->name, ==, "stem");
  strata_window_delete_draft (window);
}

/* The canvas's child for screen readers whose name is @label. */
static GtkWidget *
block_named (StrataWindow *window,
             const char   *label)
{
  for (GtkWidget *block = gtk_widget_get_first_child (GTK_WIDGET (window->canvas));
       block != NULL;
       block = gtk_widget_get_next_sibling (block))
    {
      g_autofree char *differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (block),
                                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                     label);

      if (differs == NULL)
        return block;
    }
  g_error ("No block named %s", label);
}

/* Collapsed, a user's group is one block, and its tooltip and its child
 * for screen readers say what the block shows: the group's name, its
 * layers, their kinds, its output and all their parameters. A layer of
 * a run drawn once says that the run repeats. */
static void
test_groups_collapsed_described (Fixture       *fixture,
                                 gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataNetwork *network = fixture->network;
  g_autofree char *group_params = strata_format_count (1792 + 36928);
  /* 224 × 224 × 64 outputs of 3 × 3 × 3, then of 3 × 3 × 64, products;
   * pooling has none. */
  g_autofree char *group_macs = strata_format_count (224 * 224 * 64 * (27 + 576));
  g_autofree char *run_params = strata_format_count (295168);
  g_autofree char *group_tip = NULL;
  g_autofree char *run_tip = NULL;
  g_autofree char *plain_tip = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *differs = NULL;
  GtkWidget *block;

  strata_network_add_group (network, 0, 2, "stem", NULL);
  strata_canvas_set_collapse_repeats (window->canvas, TRUE);
  strata_test_settle ();

  group_tip = strata_canvas_dup_tooltip (window->canvas, 0);
  expected = g_strdup_printf ("<b>stem</b> — Group of 3 layers\nConv × 2 · Max pool\n"
                              "Output: 112 × 112 × 64\nParameters: %s\nMACs: %s",
                              group_params, group_macs);
  g_assert_cmpstr (group_tip, ==, expected);
  g_clear_pointer (&expected, g_free);

  /* The first stages lend the group a layer: only B, stages 3 to 5, is
   * drawn once, and its first unit says so. */
  run_tip = strata_canvas_dup_tooltip (window->canvas, 6);
  g_assert_true (g_str_has_prefix (run_tip, "<b>conv3_1</b> — Convolution\n"));
  g_assert_true (g_str_has_suffix (run_tip, "\n<i>B × 3: drawn once for 3 repeats</i>"));
  plain_tip = strata_canvas_dup_tooltip (window->canvas, 3);
  g_assert_true (g_str_has_prefix (plain_tip, "<b>conv2_1</b> — Convolution\n"));
  g_assert_null (strstr (plain_tip, "drawn once"));

  block = block_named (window, "stem");
  g_assert_cmpuint (strata_layer_get_macs (strata_network_get_layer (network, 0)) +
                    strata_layer_get_macs (strata_network_get_layer (network, 1)), ==,
                    1936392192);
  expected = g_strdup_printf ("Group of 3 layers: Conv × 2 · Max pool, 112 × 112 × 64, "
                              "%s parameters, %s MACs", group_params, group_macs);
  differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (block),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  g_assert_cmpstr (differs, ==, NULL);
  g_clear_pointer (&expected, g_free);

  block = block_named (window, "conv3_1");
  expected = g_strdup_printf ("Convolution, 56 × 56 × 256, %s parameters; "
                              "B × 3: drawn once for 3 repeats", run_params);
  differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (block),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  g_assert_cmpstr (differs, ==, NULL);
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

  g_test_add ("/window-groups/by-keys", Fixture, NULL, fixture_set_up, test_groups_by_keys,
              fixture_tear_down);
  g_test_add ("/window-groups/ungrouped", Fixture, NULL, fixture_set_up, test_groups_ungrouped,
              fixture_tear_down);
  g_test_add ("/window-groups/range-shown", Fixture, NULL, fixture_set_up,
              test_groups_range_shown, fixture_tear_down);
  g_test_add ("/window-groups/clicks", Fixture, NULL, fixture_set_up, test_groups_clicks,
              fixture_tear_down);
  g_test_add ("/window-groups/edits", Fixture, NULL, fixture_set_up, test_groups_edits,
              fixture_tear_down);
  g_test_add ("/window-groups/collapsed-described", Fixture, NULL, fixture_set_up,
              test_groups_collapsed_described, fixture_tear_down);

  status = g_test_run ();
  strata_test_state_dir_remove (state_dir);
  return status;
}
