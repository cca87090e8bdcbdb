/* test-window.c: the real window driven through its actions and widgets. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "strata-add-popover.h"
#include "strata-drafts.h"
#include "test-window-fixture.h"
#include "strata-file.h"
#include "strata-layer-editor-private.h"
#include "strata-layer-row.h"
#include "strata-layout-private.h"
#include "strata-preferences-window.h"
#include "strata-free.h"

/* The same, for what must be seen before a short timer runs out, however
 * slowly the window draws (under a sanitizer, say). */
static void
activate_undrawn (Fixture    *fixture,
                  const char *action,
                  const char *format_string,
                  ...)
{
  va_list args;

  va_start (args, format_string);
  activate_now (fixture, action, format_string, &args);
  va_end (args);
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (STRATA_IS_LAYER_ROW (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* The detail line of the row showing @layer in the list, or NULL. */
static const char *
row_detail (Fixture     *fixture,
            StrataLayer *layer)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (fixture->window->list_view), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      StrataLayerRow *row = g_ptr_array_index (rows, i);

      if (strata_layer_row_get_layer (row) == layer)
        return strata_layer_row_get_detail (row);
    }
  return NULL;
}

/* The links line of the row showing @layer: NULL when the row says
 * nothing of what the layer reads. */
static const char *
row_links (Fixture     *fixture,
           StrataLayer *layer)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (fixture->window->list_view), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      StrataLayerRow *row = g_ptr_array_index (rows, i);

      if (strata_layer_row_get_layer (row) == layer)
        return strata_layer_row_get_links (row);
    }
  g_error ("No row shows “%s”", strata_layer_get_display_name (layer));
  return NULL;
}

static guint
n_rows (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (fixture->window->list_view), rows);
  return rows->len;
}

static void
assert_totals (Fixture *fixture,
               guint64  params)
{
  g_autofree char *expected = strata_format_count (params);

  g_assert_cmpuint (strata_network_get_params (fixture->network), ==, params);
  g_assert_cmpstr (strata_totals_bar_get_params_text (fixture->window->totals_bar), ==, expected);
}

/* The memory shown is the batch's: for 8 samples in float16, the weights
 * at 2 bytes and 8 samples' activations at 2 bytes. */
static void
test_window_batch_memory (Fixture       *fixture,
                          gconstpointer  data)
{
  StrataTotalsBar *bar = fixture->window->totals_bar;
  guint64 params = strata_network_get_params (fixture->network);
  guint64 size = strata_network_get_activation_size (fixture->network);
  g_autofree char *weights = strata_format_bytes (params * 4);
  g_autofree char *activations = strata_format_bytes (size * 4);
  g_autofree char *one = g_strdup_printf ("%s weights · %s activations", weights, activations);
  g_autofree char *half_weights = strata_format_bytes (params * 2);
  g_autofree char *batch_activations = strata_format_bytes (size * 8 * 2);
  g_autofree char *eight = g_strdup_printf ("%s weights · %s activations (× 8, float16)",
                                            half_weights, batch_activations);
  g_autofree char *adam = strata_format_bytes (params * 2 * 4 + size * 8 * 2);

  g_assert_cmpuint (params, >, 0);
  g_assert_cmpstr (strata_totals_bar_get_memory_text (bar), ==, one);
  strata_totals_bar_set_batch (bar, 8, STRATA_DTYPE_FLOAT16);
  g_assert_cmpstr (strata_totals_bar_get_memory_text (bar), ==, eight);
  g_assert_nonnull (strstr (strata_totals_bar_get_training_text (bar), adam));

  /* The popover is made when it first opens, with the batch set; its
   * batch size then changes the figures. */
  {
    GtkMenuButton *button = GTK_MENU_BUTTON (strata_test_find_descendant (GTK_WIDGET (bar),
                                                                          GTK_TYPE_MENU_BUTTON));
    GtkPopover *popover;
    GtkSpinButton *spin;
    g_autofree char *sixteen_activations = strata_format_bytes (size * 16 * 2);

    g_assert_null (gtk_menu_button_get_popover (button));
    gtk_menu_button_popup (button);
    popover = gtk_menu_button_get_popover (button);
    g_assert_nonnull (popover);
    spin = GTK_SPIN_BUTTON (strata_test_find_descendant (GTK_WIDGET (popover),
                                                         GTK_TYPE_SPIN_BUTTON));
    g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 8);
    gtk_spin_button_set_value (spin, 16);
    g_assert_nonnull (strstr (strata_totals_bar_get_memory_text (bar), sixteen_activations));
    g_assert_nonnull (strstr (strata_totals_bar_get_memory_text (bar), "(× 16, float16)"));
    gtk_menu_button_popdown (button);
    strata_totals_bar_set_batch (bar, 1, STRATA_DTYPE_FLOAT32);
    g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 1);
    g_assert_cmpstr (strata_totals_bar_get_memory_text (bar), ==, one);
  }
}

static void
assert_detail_contains (Fixture     *fixture,
                        StrataLayer *layer,
                        const char  *text)
{
  const char *detail = row_detail (fixture, layer);

  g_assert_nonnull (detail);
  if (strstr (detail, text) == NULL)
    g_error ("Row “%s” does not show “%s”", detail, text);
}

static void
test_window_typing (Fixture       *fixture,
                    gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataLayer *conv = strata_network_get_layer (fixture->network, 0);
  GtkWidget *spin = strata_layer_editor_get_control (window->editor, "filters");

  /* Each keystroke that leaves a number in range applies at once. */
  gtk_editable_set_text (GTK_EDITABLE (spin), "1");
  g_assert_cmpuint (strata_layer_get_params (conv)->filters, ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (spin), "12");
  g_assert_cmpuint (strata_layer_get_params (conv)->filters, ==, 12);
  assert_totals (fixture, (5 * 5 * 3 + 1) * 12);

  /* Text on its way to a number, or out of range, changes nothing. */
  gtk_editable_set_text (GTK_EDITABLE (spin), "");
  g_assert_cmpuint (strata_layer_get_params (conv)->filters, ==, 12);
  gtk_editable_set_text (GTK_EDITABLE (spin), "0");
  g_assert_cmpuint (strata_layer_get_params (conv)->filters, ==, 12);
  gtk_editable_set_text (GTK_EDITABLE (spin), "99999999999");
  g_assert_cmpuint (strata_layer_get_params (conv)->filters, ==, 12);

  /* The input's fields too. */
  strata_window_select (window, STRATA_LAYOUT_INPUT);
  gtk_editable_set_text (GTK_EDITABLE (strata_layer_editor_get_control (window->editor,
                                                                        "input-height")),
                         "33");
  g_assert_cmpuint (strata_network_get_input_shape (fixture->network)->height, ==, 33);
}

static void
test_window_edit (Fixture       *fixture,
                  gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataNetwork *network = fixture->network;
  StrataLayer *conv = strata_network_get_layer (network, 0);
  StrataLayer *pool;
  GtkWidget *spin;

  g_assert_cmpint (strata_window_get_selected (window), ==, 0);
  g_assert_cmpuint (n_rows (fixture), ==, 1);
  assert_totals (fixture, 608);
  /* Binary units, as the command line and the docs give them: 608 × 4
   * bytes of weights, 28 × 28 × 8 × 4 of activations. */
  g_assert_cmpstr (strata_totals_bar_get_memory_text (window->totals_bar), ==,
                   "2.4\u00a0KiB weights · 24.5\u00a0KiB activations");
  assert_detail_contains (fixture, conv, "28 × 28 × 8");
  g_assert_false (strata_window_get_modified (window));

  /* Add: a pooling layer goes after the selection and becomes selected. */
  activate (fixture, "win.add-layer", "s", "maxpool2d");
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 2);
  pool = strata_network_get_layer (network, 1);
  g_assert_cmpint (strata_layer_get_kind (pool), ==, STRATA_LAYER_KIND_MAXPOOL2D);
  g_assert_cmpint (strata_window_get_selected (window), ==, 1);
  g_assert_true (strata_layer_editor_get_layer (window->editor) == pool);
  g_assert_cmpint (strata_canvas_get_selected (window->canvas), ==, 1);
  g_assert_cmpuint (n_rows (fixture), ==, 2);
  assert_detail_contains (fixture, pool, "14 × 14 × 8");
  assert_totals (fixture, 608);
  g_assert_true (strata_window_get_modified (window));
  g_assert_true (g_str_has_prefix (adw_window_title_get_title (window->window_title), "•"));

  /* Edit: the editor's filters control is bound to the layer. */
  strata_window_select (window, 0);
  spin = strata_layer_editor_get_control (window->editor, "filters");
  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 16);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (strata_layer_get_params (conv)->filters, ==, 16);
  assert_totals (fixture, (5 * 5 * 3 + 1) * 16);
  assert_detail_contains (fixture, pool, "14 × 14 × 16");

  /* Move: the pooling layer first; the shapes follow. */
  strata_window_select (window, 1);
  activate (fixture, "win.move-up", NULL);
  g_assert_true (strata_network_get_layer (network, 0) == pool);
  g_assert_true (strata_network_get_layer (network, 1) == conv);
  g_assert_cmpint (strata_window_get_selected (window), ==, 0);
  assert_detail_contains (fixture, pool, "16 × 16 × 3");
  assert_detail_contains (fixture, conv, "12 × 12 × 16");
  assert_totals (fixture, (5 * 5 * 3 + 1) * 16);

  /* Delete the selected pooling layer. */
  activate (fixture, "win.remove-layer", NULL);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 1);
  g_assert_true (strata_network_get_layer (network, 0) == conv);
  g_assert_cmpuint (n_rows (fixture), ==, 1);
  assert_detail_contains (fixture, conv, "28 × 28 × 16");

  /* Undo each step, newest first. */
  activate (fixture, "win.undo", NULL);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 2);
  g_assert_true (strata_network_get_layer (network, 0) == pool);
  g_assert_cmpint (strata_window_get_selected (window), ==, 0);

  activate (fixture, "win.undo", NULL);
  g_assert_true (strata_network_get_layer (network, 0) == conv);
  g_assert_true (strata_network_get_layer (network, 1) == pool);

  activate (fixture, "win.undo", NULL);
  g_assert_cmpuint (strata_layer_get_params (conv)->filters, ==, 8);
  g_assert_cmpint (strata_window_get_selected (window), ==, 0);
  /* The editor shows the undone value too. */
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (
                       strata_layer_editor_get_control (window->editor, "filters"))), ==, 8);
  assert_totals (fixture, 608);
  assert_detail_contains (fixture, pool, "14 × 14 × 8");

  activate (fixture, "win.undo", NULL);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 1);
  g_assert_cmpuint (n_rows (fixture), ==, 1);
  g_assert_false (strata_window_get_modified (window));
  g_assert_false (strata_history_can_undo (window->history));
  /* One more undo does nothing. */
  activate (fixture, "win.undo", NULL);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 1);

  /* Redo everything: back to one convolution of 16 filters. */
  for (guint i = 0; i < 4; i++)
    activate (fixture, "win.redo", NULL);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 1);
  g_assert_cmpuint (strata_layer_get_params (conv)->filters, ==, 16);
  assert_totals (fixture, (5 * 5 * 3 + 1) * 16);
  assert_detail_contains (fixture, conv, "28 × 28 × 16");
}

static void
test_window_duplicate_and_kind (Fixture       *fixture,
                                gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataNetwork *network = fixture->network;
  StrataLayer *copy;

  activate (fixture, "win.duplicate-layer", NULL);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 2);
  copy = strata_network_get_layer (network, 1);
  /* Under a name of its own, the next number. */
  g_assert_cmpstr (strata_layer_get_name (copy), ==, "C2");
  g_assert_cmpuint (strata_layer_get_params (copy)->filters, ==, 8);
  /* 28 × 28 × 8 through a second 5 × 5 convolution of 8: (5 × 5 × 8 + 1) × 8 = 1608. */
  assert_totals (fixture, 608 + 1608);
  assert_detail_contains (fixture, copy, "24 × 24 × 8");

  /* Another kind from the editor's drop-down: the layer is replaced, its name kept. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (strata_layer_editor_get_control (window->editor,
                                                                                "kind")),
                              STRATA_LAYER_KIND_DEPTHWISE_CONV2D);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  copy = strata_network_get_layer (network, 1);
  g_assert_cmpint (strata_layer_get_kind (copy), ==, STRATA_LAYER_KIND_DEPTHWISE_CONV2D);
  g_assert_cmpstr (strata_layer_get_name (copy), ==, "C2");
  /* The kernel carried over: (5 × 5 + 1) × 8 = 208. */
  g_assert_cmpuint (strata_layer_get_params (copy)->kernel.height, ==, 5);
  assert_totals (fixture, 608 + 208);
  g_assert_cmpint (strata_window_get_selected (window), ==, 1);

  activate (fixture, "win.undo", NULL);
  g_assert_cmpint (strata_layer_get_kind (strata_network_get_layer (network, 1)), ==,
                   STRATA_LAYER_KIND_CONV2D);
  assert_totals (fixture, 608 + 1608);
}

/* The value of the spin button editing @property of the layer shown. */
static double
control_value (Fixture    *fixture,
               const char *property)
{
  GtkWidget *spin = strata_layer_editor_get_control (fixture->window->editor, property);

  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  return gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin));
}

/* Selecting another layer of the same kind: the editor's controls edit
 * that layer alone, each layer's edits one step to undo. */
static void
test_window_edit_same_kind (Fixture       *fixture,
                            gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataNetwork *network = fixture->network;
  StrataLayer *conv = strata_network_get_layer (network, 0);
  StrataLayer *copy;
  GtkWidget *name;

  activate (fixture, "win.duplicate-layer", NULL);
  copy = strata_network_get_layer (network, 1);
  strata_layer_set_name (copy, "C2");
  g_assert_true (strata_layer_editor_get_layer (window->editor) == copy);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (strata_layer_editor_get_control (window->editor,
                                                                                 "filters")),
                             16);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (strata_layer_get_params (copy)->filters, ==, 16);
  g_assert_cmpuint (strata_layer_get_params (conv)->filters, ==, 8);

  strata_window_select (window, 0);
  g_assert_true (strata_layer_editor_get_layer (window->editor) == conv);
  g_assert_cmpfloat (control_value (fixture, "filters"), ==, 8);
  name = strata_layer_editor_get_control (window->editor, "name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "C1");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (strata_layer_editor_get_control (window->editor,
                                                                                 "filters")),
                             4);
  gtk_editable_set_text (GTK_EDITABLE (name), "first");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (strata_layer_get_params (conv)->filters, ==, 4);
  g_assert_cmpstr (strata_layer_get_name (conv), ==, "first");
  g_assert_cmpuint (strata_layer_get_params (copy)->filters, ==, 16);
  g_assert_cmpstr (strata_layer_get_name (copy), ==, "C2");
  /* The layer no longer shown moves its old controls no more. */
  strata_layer_set_name (copy, "second");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "first");
  g_assert_cmpfloat (control_value (fixture, "filters"), ==, 4);

  /* Newest first: the second's new name, the first's name and filters,
   * the second's filters. */
  activate (fixture, "win.undo", NULL);
  g_assert_cmpstr (strata_layer_get_name (copy), ==, "C2");
  activate (fixture, "win.undo", NULL);
  g_assert_cmpstr (strata_layer_get_name (conv), ==, "C1");
  g_assert_cmpuint (strata_layer_get_params (conv)->filters, ==, 4);
  activate (fixture, "win.undo", NULL);
  g_assert_cmpuint (strata_layer_get_params (conv)->filters, ==, 8);
  g_assert_cmpuint (strata_layer_get_params (copy)->filters, ==, 16);
  g_assert_true (strata_layer_editor_get_layer (window->editor) == conv);
  g_assert_cmpfloat (control_value (fixture, "filters"), ==, 8);
  activate (fixture, "win.undo", NULL);
  g_assert_cmpuint (strata_layer_get_params (copy)->filters, ==, 8);
  g_assert_cmpint (strata_window_get_selected (window), ==, 1);
  g_assert_cmpfloat (control_value (fixture, "filters"), ==, 8);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "C2");
}

/* A window starts on an empty network, its input selected and its list
 * saying it has no layers, once it shows; a document set before then
 * shows its own pages, and the empty one's are never made. */
static void
test_window_start_pages (Fixture       *fixture,
                         gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(StrataWindow) fresh = NULL;
  GtkStack *list_stack;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window->list_stack)), ==, "list");
  g_assert_null (gtk_stack_get_child_by_name (GTK_STACK (window->list_stack), "empty"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->editor->stack), ==, "layer");
  g_assert_null (window->editor->title_row);
  g_assert_null (gtk_stack_get_child_by_name (window->editor->stack, "empty"));

  fresh = g_object_ref_sink (strata_window_new (NULL));
  list_stack = GTK_STACK (fresh->list_stack);
  g_assert_null (gtk_stack_get_child_by_name (list_stack, "empty"));
  g_assert_null (fresh->editor->title_row);
  gtk_window_present (GTK_WINDOW (fresh));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fresh));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "empty");
  g_assert_true (gtk_widget_get_mapped (gtk_stack_get_visible_child (list_stack)));
  g_assert_nonnull (strata_test_find_label (GTK_WIDGET (list_stack), "No Layers"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fresh->editor->stack), ==, "input");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fresh->editor->title_row)));
  g_assert_true (gtk_widget_get_state_flags (GTK_WIDGET (fresh->input_row)) &
                 GTK_STATE_FLAG_SELECTED);
  fresh->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (fresh));
}

static void
test_window_input (Fixture       *fixture,
                   gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  GtkWidget *spin;

  activate (fixture, "win.select-input", NULL);
  g_assert_cmpint (strata_window_get_selected (window), ==, -1);
  g_assert_cmpint (strata_canvas_get_selected (window->canvas), ==, STRATA_LAYOUT_INPUT);
  spin = strata_layer_editor_get_control (window->editor, "input-height");
  g_assert_true (GTK_IS_SPIN_BUTTON (spin));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 64);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (strata_network_get_input_shape (fixture->network)->height, ==, 64);
  g_assert_cmpstr (gtk_label_get_label (window->input_shape_label), ==, "64 × 32 × 3");
  assert_detail_contains (fixture, strata_network_get_layer (fixture->network, 0), "60 × 28 × 8");

  activate (fixture, "win.undo", NULL);
  g_assert_cmpuint (strata_network_get_input_shape (fixture->network)->height, ==, 32);
  g_assert_cmpstr (gtk_label_get_label (window->input_shape_label), ==, "32 × 32 × 3");
}

static void
test_window_canvas_select (Fixture       *fixture,
                           gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataLayout *layout;
  cairo_rectangle_t bounds;

  activate (fixture, "win.add-layer", "s", "flatten");
  strata_window_select (window, 0);

  /* A click on the flatten layer's block, found where the renderer put it. */
  layout = strata_canvas_get_layout (window->canvas);
  g_assert_true (strata_layout_get_item_bounds (layout, 1, &bounds));
  g_assert_cmpint (strata_layout_hit_test (layout, bounds.x + bounds.width / 2,
                                           bounds.y + bounds.height / 2), ==, 1);
  g_signal_emit_by_name (window->canvas, "layer-activated", 1);
  g_assert_cmpint (strata_window_get_selected (window), ==, 1);
  g_assert_true (strata_layer_editor_get_layer (window->editor) ==
                 strata_network_get_layer (fixture->network, 1));

  g_signal_emit_by_name (window->canvas, "layer-activated", STRATA_LAYOUT_INPUT);
  g_assert_true (window->input_selected);
  g_signal_emit_by_name (window->canvas, "layer-activated", STRATA_LAYOUT_NONE);
  g_assert_cmpint (strata_window_get_selected (window), ==, -1);
  g_assert_false (window->input_selected);
}

static void
test_window_open_error (Fixture       *fixture,
                        gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  const char *body;

  g_assert_no_error (error);
  path = g_build_filename (dir, "broken.strata", NULL);
  g_file_set_contents (path, "{ \"format\": \"strata\", \"version\": 1, \"layers\": [", -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  g_assert_false (strata_window_open_file (window, file));
  g_assert_nonnull (window->message_dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->message_dialog)));
  g_assert_true (strstr (adw_message_dialog_get_heading (window->message_dialog),
                         "broken.strata") != NULL);
  body = adw_message_dialog_get_body (window->message_dialog);
  g_assert_true (strstr (body, "broken.strata") != NULL);
  /* The document is untouched. */
  g_assert_true (strata_window_get_network (window) == fixture->network);
  g_assert_null (strata_window_get_file (window));

  adw_message_dialog_response (window->message_dialog, "close");
  gtk_window_destroy (GTK_WINDOW (window->message_dialog));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_window_open_and_save (Fixture       *fixture,
                           gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(StrataNetwork) loaded = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "saved.strata", NULL);
  file = g_file_new_for_path (path);

  activate (fixture, "win.add-layer", "s", "dense");
  g_assert_true (strata_window_get_modified (window));
  g_assert_true (strata_window_save_to (window, file));
  g_assert_false (strata_window_get_modified (window));
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, "saved.strata");

  loaded = strata_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_n_layers (loaded), ==, 2);
  g_assert_cmpuint (strata_network_get_params (loaded), ==,
                    strata_network_get_params (fixture->network));

  g_assert_true (strata_window_open_example (window, "lenet5"));
  g_assert_cmpuint (strata_network_get_n_layers (strata_window_get_network (window)), >, 4);
  g_assert_false (strata_window_get_modified (window));
  g_assert_true (strata_window_open_file (window, file));
  g_assert_cmpuint (strata_network_get_n_layers (strata_window_get_network (window)), ==, 2);
  g_assert_true (g_file_equal (strata_window_get_file (window), file));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_window_close_prompt (Fixture       *fixture,
                          gconstpointer  data)
{
  StrataWindow *window = fixture->window;

  /* A modified document asks before the window closes. */
  activate (fixture, "win.remove-layer", NULL);
  g_assert_true (strata_window_get_modified (window));
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_nonnull (window->message_dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (window->message_dialog), ==, "Save Changes?");
  g_assert_true (adw_message_dialog_has_response (window->message_dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (window->message_dialog, "save"));

  /* Cancel keeps the window and the changes. */
  adw_message_dialog_response (window->message_dialog, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (strata_window_get_modified (window));

  /* New over a modified document asks too; cancel keeps the document. */
  activate (fixture, "win.new", NULL);
  g_assert_true (strata_window_get_network (window) == fixture->network);
  adw_message_dialog_response (window->message_dialog, "cancel");

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  adw_message_dialog_response (window->message_dialog, "discard");
  strata_test_flush_main_loop ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_clear_object (&fixture->window);
}

/* Waits for pending work (settings changes, idles) to run. */
static void
test_window_preferences_canvas (Fixture       *fixture,
                                gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(GSettings) settings = g_settings_new (STRATA_SETTINGS_SCHEMA_ID);
  AdwStyleManager *style = adw_style_manager_get_default ();
  const StrataRenderOptions *options = strata_canvas_get_options (window->canvas);
  StrataLayout *layout;
  double blocks_width = 0, bars_width = 0, height = 0;

  /* The defaults: 3D blocks, square-root sizes, the light style. */
  g_assert_cmpint (options->style, ==, STRATA_DIAGRAM_STYLE_BLOCKS);
  g_assert_cmpint (options->scale, ==, STRATA_SCALE_SQRT);
  g_assert_cmpint (options->theme, ==, STRATA_THEME_LIGHT);
  strata_layout_get_size (strata_canvas_get_layout (window->canvas), &blocks_width, &height);

  /* A preference written anywhere (here straight to GSettings) changes
   * what the canvas draws with, and what it draws. */
  g_settings_set_enum (settings, "diagram-style", STRATA_DIAGRAM_STYLE_BARS);
  strata_test_flush_main_loop ();
  g_assert_cmpint (options->style, ==, STRATA_DIAGRAM_STYLE_BARS);
  layout = strata_canvas_get_layout (window->canvas);
  strata_layout_get_size (layout, &bars_width, &height);
  g_assert_cmpfloat (bars_width, !=, blocks_width);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_settings_set_string (settings, "diagram-scale", "log");
  strata_test_flush_main_loop ();
  g_assert_cmpint (options->scale, ==, STRATA_SCALE_LOG);

  /* The canvas follows the system's dark style... */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  strata_test_flush_main_loop ();
  g_assert_cmpint (options->theme, ==, STRATA_THEME_DARK);
  /* ...unless the user chose Print, shown as on paper. */
  g_settings_set_string (settings, "diagram-theme", "print");
  strata_test_flush_main_loop ();
  g_assert_cmpint (options->theme, ==, STRATA_THEME_PRINT);
  g_settings_set_string (settings, "diagram-theme", "dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  strata_test_flush_main_loop ();
  /* Light and Dark are for exports: the canvas stays with the system. */
  g_assert_cmpint (options->theme, ==, STRATA_THEME_LIGHT);

  /* Nothing of this is the selection, which the canvas draws itself. */
  g_assert_cmpint (options->selected, ==, STRATA_LAYOUT_NONE);
}

static GtkWidget *
find_swatch (GtkWidget *widget)
{
  if (gtk_widget_has_css_class (widget, "swatch"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_swatch (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The colour in the middle of @widget as drawn. */
static guint32
middle_pixel (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  guint32 *pixels = g_new (guint32, width * height);
  guint32 pixel;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  pixel = pixels[(height / 2) * width + width / 2] & 0xffffff;
  g_free (pixels);
  return pixel;
}

/* A layer's own colour shows in its row's swatch, and goes with it. */
static void
test_window_row_color (Fixture       *fixture,
                       gconstpointer  data)
{
  StrataLayer *conv = strata_network_get_layer (fixture->network, 0);
  GtkWidget *row = g_hash_table_lookup (fixture->window->bound_rows, conv);
  g_autoptr(GtkCssProvider) style = gtk_css_provider_new ();
  GtkWidget *swatch;

  g_assert_nonnull (row);
  /* The application's stylesheet, which only an application loads. */
  gtk_css_provider_load_from_resource (style, "/io/github/strata/Strata/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (style),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  swatch = find_swatch (row);
  g_assert_nonnull (swatch);
  /* The convolutions' colour, #eebc4c, as the stylesheet gives it. */
  g_assert_cmphex (middle_pixel (swatch), ==, 0xeebc4c);
  strata_layer_set_color (conv, "#123456");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_cmphex (middle_pixel (swatch), ==, 0x123456);
  strata_layer_set_color (conv, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_cmphex (middle_pixel (swatch), ==, 0xeebc4c);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (style));
}

static void
test_window_preferences_window (Fixture       *fixture,
                                gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(GSettings) settings = g_settings_new (STRATA_SETTINGS_SCHEMA_ID);
  GtkWindow *preferences;
  GtkWidget *row;

  activate (fixture, "win.preferences", NULL);
  preferences = find_toplevel (STRATA_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));

  /* The rows show the settings... */
  row = strata_preferences_window_get_row (STRATA_PREFERENCES_WINDOW (preferences), "scale");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, STRATA_SCALE_SQRT);

  /* ...and write them, by nick, for every window. */
  row = strata_preferences_window_get_row (STRATA_PREFERENCES_WINDOW (preferences), "style");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), STRATA_DIAGRAM_STYLE_FLAT);
  strata_test_flush_main_loop ();
  {
    g_autofree char *style = g_settings_get_string (settings, "diagram-style");

    g_assert_cmpstr (style, ==, "flat");
  }
  g_assert_cmpint (strata_canvas_get_diagram_style (window->canvas), ==,
                   STRATA_DIAGRAM_STYLE_FLAT);

  row = strata_preferences_window_get_row (STRATA_PREFERENCES_WINDOW (preferences), "theme");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), STRATA_THEME_PRINT);
  strata_test_flush_main_loop ();
  g_assert_cmpint (g_settings_get_enum (settings, "diagram-theme"), ==, STRATA_THEME_PRINT);

  /* Groups are drawn unless switched off, in every window. */
  g_assert_true (strata_canvas_get_options (window->canvas)->group_repeats);
  row = strata_preferences_window_get_row (STRATA_PREFERENCES_WINDOW (preferences), "groups");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (row)));
  gtk_switch_set_active (GTK_SWITCH (row), FALSE);
  strata_test_flush_main_loop ();
  g_assert_false (g_settings_get_boolean (settings, "diagram-groups"));
  g_assert_false (strata_canvas_get_options (window->canvas)->group_repeats);

  /* Runs and the user's groups collapse where groups are drawn. */
  {
    GtkWidget *groups = row;
    GtkWidget *collapse = strata_preferences_window_get_row (
      STRATA_PREFERENCES_WINDOW (preferences), "collapse");

    g_assert_false (gtk_widget_is_sensitive (collapse));
    gtk_switch_set_active (GTK_SWITCH (groups), TRUE);
    strata_test_flush_main_loop ();
    g_assert_true (gtk_widget_is_sensitive (collapse));
    g_assert_false (strata_canvas_get_options (window->canvas)->collapse_repeats);
    gtk_switch_set_active (GTK_SWITCH (collapse), TRUE);
    strata_test_flush_main_loop ();
    g_assert_true (g_settings_get_boolean (settings, "diagram-collapse"));
    g_assert_true (strata_canvas_get_options (window->canvas)->collapse_repeats);
    gtk_switch_set_active (GTK_SWITCH (collapse), FALSE);
    gtk_switch_set_active (GTK_SWITCH (groups), FALSE);
    strata_test_flush_main_loop ();
    g_assert_false (strata_canvas_get_options (window->canvas)->collapse_repeats);
  }

  /* The compact row, by nick, for the canvas too. */
  g_assert_cmpint (strata_canvas_get_options (window->canvas)->arrangement, ==,
                   STRATA_ARRANGEMENT_ROWS);
  row = strata_preferences_window_get_row (STRATA_PREFERENCES_WINDOW (preferences), "layout");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), STRATA_ARRANGEMENT_COMPACT);
  strata_test_flush_main_loop ();
  {
    g_autofree char *layout = g_settings_get_string (settings, "diagram-layout");

    g_assert_cmpstr (layout, ==, "compact");
  }
  g_assert_cmpint (strata_canvas_get_options (window->canvas)->arrangement, ==,
                   STRATA_ARRANGEMENT_COMPACT);

  /* The export page: a preset by name, and a custom size kept when
   * Custom is chosen again. */
  row = strata_preferences_window_get_row (STRATA_PREFERENCES_WINDOW (preferences), "page");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, STRATA_PAGE_NONE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), STRATA_PAGE_COLUMN);
  strata_test_flush_main_loop ();
  {
    g_autofree char *page = g_settings_get_string (settings, "export-page");

    g_assert_cmpstr (page, ==, "column");
  }
  g_settings_set_string (settings, "export-page", "400x300pt");
  strata_test_flush_main_loop ();
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, STRATA_PAGE_CUSTOM);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), STRATA_PAGE_SLIDE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), STRATA_PAGE_CUSTOM);
  strata_test_flush_main_loop ();
  {
    g_autofree char *page = g_settings_get_string (settings, "export-page");

    g_assert_cmpstr (page, ==, "360x216pt");
  }

  /* A change from elsewhere shows in the open preferences. */
  g_settings_set_string (settings, "diagram-scale", "linear");
  strata_test_flush_main_loop ();
  row = strata_preferences_window_get_row (STRATA_PREFERENCES_WINDOW (preferences), "scale");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, STRATA_SCALE_LINEAR);

  /* Short numbers, on the canvas at once. */
  row = strata_preferences_window_get_row (STRATA_PREFERENCES_WINDOW (preferences), "numbers");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (row)));
  g_assert_false (strata_canvas_get_options (window->canvas)->short_numbers);
  gtk_switch_set_active (GTK_SWITCH (row), TRUE);
  strata_test_flush_main_loop ();
  g_assert_true (g_settings_get_boolean (settings, "short-numbers"));
  g_assert_true (strata_canvas_get_options (window->canvas)->short_numbers);
  /* The counting convention reaches the window's network: a BatchNorm
   * then has PyTorch's 2·C parameters and 2·C buffers. */
  row = strata_preferences_window_get_row (STRATA_PREFERENCES_WINDOW (preferences), "convention");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, STRATA_CONVENTION_KERAS);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), STRATA_CONVENTION_PYTORCH);
  strata_test_flush_main_loop ();
  {
    g_autofree char *convention = g_settings_get_string (settings, "counting-convention");
    g_autoptr(StrataLayer) bn = strata_layer_new (STRATA_LAYER_KIND_BATCHNORM);

    g_assert_cmpstr (convention, ==, "pytorch");
    g_assert_cmpint (strata_network_get_convention (fixture->network), ==,
                     STRATA_CONVENTION_PYTORCH);
    strata_network_insert (fixture->network, 1, bn);
    g_assert_cmpuint (strata_layer_get_params_count (bn), ==, 2 * 8);
    g_assert_cmpuint (strata_network_get_buffers (fixture->network), ==, 2 * 8);
  }

  gtk_window_destroy (preferences);
}

static void
test_window_state_saved (Fixture       *fixture,
                         gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(GSettings) settings = g_settings_new (STRATA_SETTINGS_SCHEMA_ID);
  StrataWindow *second;
  int width = 0, height = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1010, 700);
  strata_window_set_sidebar_width (window, 420);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* Closing writes the size, the maximised state and the sidebar's width. */
  gtk_window_close (GTK_WINDOW (window));
  g_clear_object (&fixture->window);
  strata_test_flush_main_loop ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1010);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, 420);

  /* The next window opens as the last one closed. */
  g_settings_set_int (settings, "sidebar-width", 380);
  strata_test_flush_main_loop ();
  second = g_object_ref_sink (strata_window_new (NULL));
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 1010);
  g_assert_cmpint (height, ==, 700);
  g_assert_cmpint (strata_window_get_sidebar_width (second), ==, 380);
  gtk_window_destroy (GTK_WINDOW (second));
  g_object_unref (second);
}

static void
test_window_selection_overlay (Fixture       *fixture,
                               gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataLayout *before, *after;

  activate (fixture, "win.add-layer", "s", "flatten");
  strata_window_select (window, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  before = strata_layout_ref (strata_canvas_get_layout (window->canvas));

  /* Selecting draws a frame over the same layout: no new layout. */
  strata_window_select (window, 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (strata_canvas_get_selected (window->canvas), ==, 1);
  after = strata_canvas_get_layout (window->canvas);
  g_assert_true (after == before);
  g_assert_cmpint (strata_canvas_get_options (window->canvas)->selected, ==, STRATA_LAYOUT_NONE);

  /* A rename changes the drawing: a new layout. */
  strata_layer_set_name (strata_network_get_layer (fixture->network, 1), "F");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (strata_canvas_get_layout (window->canvas) != before);
  strata_layout_unref (before);
}

/* A large network fitted to the canvas has the canvas's shape: rows laid
 * out for it, not a column of rows the canvas's width. */
static void
test_window_large_network_shape (Fixture       *fixture,
                                 gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  double layout_width = 0, layout_height = 0, canvas_width, canvas_height, shape;

  strata_network_set_input (network, 1, 1, 4);
  for (guint i = 0; i < 1000; i++)
    g_ptr_array_add (layers, strata_layer_new (STRATA_LAYER_KIND_DENSE));
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  strata_window_set_document (window, network, NULL, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  strata_test_flush_main_loop ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  canvas_width = gtk_widget_get_width (GTK_WIDGET (window->canvas));
  canvas_height = gtk_widget_get_height (GTK_WIDGET (window->canvas));
  strata_layout_get_size (strata_canvas_get_layout (window->canvas), &layout_width,
                          &layout_height);
  g_assert_cmpfloat (strata_canvas_get_options (window->canvas)->max_width, >, canvas_width);
  /* Within a third of the canvas's shape, rows being whole blocks. */
  shape = (layout_width / layout_height) / (canvas_width / canvas_height);
  g_assert_cmpfloat (shape, >, 0.67);
  g_assert_cmpfloat (shape, <, 1.5);
  /* All of it shown, above the smallest zoom. */
  g_assert_cmpfloat (strata_canvas_get_zoom (window->canvas), >, 0.05);
  g_assert_cmpfloat (layout_height * strata_canvas_get_zoom (window->canvas), <=, canvas_height);
}

/* A canvas lets its layout go with it: the title the layout shaped, which
 * nothing else holds, is freed when the canvas is. */
static void
test_window_canvas_frees_layout (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWidget *canvas = g_object_ref_sink (strata_canvas_new ());
  PangoLayout *title;

  strata_network_set_name (fixture->network, "Lecture");
  strata_canvas_set_network (STRATA_CANVAS (canvas), fixture->network);
  title = strata_canvas_get_layout (STRATA_CANVAS (canvas))->title;
  g_assert_nonnull (title);
  g_object_add_weak_pointer (G_OBJECT (title), (gpointer *) &title);

  g_assert_finalize_object (canvas);
  g_assert_null (title);
}

/* A closed window lets its document go: nothing it made (its actions,
 * its side panel) keeps its widgets, and through them the network,
 * alive, whose memory closing is meant to give back. */
static void
test_window_close_frees_network (Fixture       *fixture,
                                 gconstpointer  data)
{
  StrataNetwork *network = fixture->network;

  g_object_add_weak_pointer (G_OBJECT (network), (gpointer *) &network);
  g_clear_object (&fixture->network);
  fixture->window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (g_steal_pointer (&fixture->window));
  strata_test_flush_main_loop ();
  g_assert_null (network);
}

/* A network of convolutions just large enough to be freed in a thread,
 * shown by the fixture's window and drawn; its weak reference is
 * initialized. */
static void
show_large_network (Fixture  *fixture,
                    GWeakRef *network_ref)
{
  StrataNetwork *network = strata_network_new ();
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);

  strata_network_set_input (network, 8, 8, 3);
  for (guint i = 0; i < STRATA_FREE_LATER_LAYERS; i++)
    {
      StrataLayer *layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);

      g_object_set (layer, "filters", 4, "padding", STRATA_PADDING_SAME, NULL);
      g_ptr_array_add (layers, layer);
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  g_weak_ref_init (network_ref, network);
  strata_window_set_document (fixture->window, network, NULL, NULL);
  g_object_unref (network);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_nonnull (strata_canvas_get_layout (fixture->window->canvas));
}

/* A large network is freed after its window, in a thread of its own:
 * all of it, whatever of it the window's canvas had laid out. */
static void
test_window_close_frees_large_network (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(StrataNetwork) network = NULL;
  GWeakRef network_ref;

  show_large_network (fixture, &network_ref);
  fixture->window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (g_steal_pointer (&fixture->window));
  strata_free_wait ();
  network = g_weak_ref_get (&network_ref);
  g_assert_null (network);
  g_weak_ref_clear (&network_ref);
}

static gboolean
count_cb (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_REMOVE;
}

/* Closed as the user closes it, a large window leaves the screen at once
 * and gives the main loop back: what comes next (an event, another
 * window's frame) is handled before its widgets go, a step at a time,
 * and everything is freed after. */
static void
test_window_close_large_in_steps (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(StrataNetwork) network = NULL;
  StrataWindow *window;
  GWeakRef network_ref;
  guint handled = 0, turns = 0;
  gint64 deadline;

  show_large_network (fixture, &network_ref);
  window = g_steal_pointer (&fixture->window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  strata_history_set_unmodified (window->history);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  /* The close's own reference keeps it until its last step. */
  g_object_unref (window);
  g_assert_nonnull (window);
  g_assert_true (gtk_list_view_get_model (window->list_view) != NULL);

  /* An event's priority: ahead of every step of the close. */
  g_idle_add_full (G_PRIORITY_DEFAULT, count_cb, &handled, NULL);
  while (handled == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (window);
  g_assert_true (gtk_list_view_get_model (window->list_view) != NULL);

  /* Then the rows, the surface and the widgets, each in a turn. */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (window != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      turns++;
    }
  g_assert_null (window);
  g_assert_cmpuint (turns, >=, 3);
  strata_free_wait ();
  network = g_weak_ref_get (&network_ref);
  g_assert_null (network);
  g_weak_ref_clear (&network_ref);
}


static void
test_window_scroll_to_selection (Fixture       *fixture,
                                 gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  GtkWidget *scrolled = gtk_widget_get_parent (GTK_WIDGET (window->list_view));
  StrataLayer *target;
  GtkWidget *row;
  graphene_rect_t bounds;
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);

  /* More rows than the list shows. */
  for (guint i = 0; i < 150; i++)
    g_ptr_array_add (layers, strata_layer_new (STRATA_LAYER_KIND_DROPOUT));
  strata_network_splice (fixture->network, 1, 0, (StrataLayer **) layers->pdata, layers->len);
  strata_window_select (window, 0);
  for (guint i = 0; i < 4; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* Selecting from the canvas scrolls the list to the row, once laid out. */
  target = strata_network_get_layer (fixture->network, 140);
  g_signal_emit_by_name (window->canvas, "layer-activated", 140);
  for (guint i = 0; i < 4; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  row = g_hash_table_lookup (window->bound_rows, target);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_compute_bounds (row, scrolled, &bounds));
  /* In view, not merely kept out of view with no height. */
  g_assert_cmpfloat (bounds.size.height, >, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scrolled));
}

/* The row at the top of the list and its bounds in @scrolled, with the
 * room the list gives it: the first one with a part in view. */
static StrataLayerRow *
top_row (StrataWindow    *window,
         GtkWidget       *scrolled,
         graphene_rect_t *bounds)
{
  GHashTableIter iter;
  gpointer row;
  StrataLayerRow *top = NULL;

  g_hash_table_iter_init (&iter, window->bound_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    {
      graphene_rect_t row_bounds;

      if (!gtk_widget_get_mapped (row) ||
          !gtk_widget_compute_bounds (gtk_widget_get_parent (row), scrolled, &row_bounds) ||
          row_bounds.size.height <= 0 || row_bounds.origin.y + row_bounds.size.height <= 0)
        continue;
      if (top == NULL || row_bounds.origin.y < bounds->origin.y)
        {
          top = row;
          *bounds = row_bounds;
        }
    }
  g_assert_nonnull (top);
  return top;
}

/* Scrolls the list to @value pixels, as a touchpad or the scroll bar can,
 * and waits until it has stopped and been drawn. */
static void
scroll_list_to (StrataWindow *window,
                double        value)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (window->list_view));
  gint64 until;

  gtk_adjustment_set_value (adjustment, value);
  until = g_get_monotonic_time () + 500 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < until)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (window->list_snap_id, ==, 0);
}

/* The Input row stays above the list as the layers scroll: the row at
 * the list's top is never left part way under it, its name cut. */
static void
test_window_list_top_row (Fixture       *fixture,
                          gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  GtkWidget *scrolled = gtk_widget_get_parent (GTK_WIDGET (window->list_view));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (window->list_view));
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  graphene_rect_t input, list, bounds, name;
  StrataLayerRow *row;
  double row_height, end;

  for (guint i = 0; i < 60; i++)
    {
      StrataLayer *layer = strata_layer_new (STRATA_LAYER_KIND_DROPOUT);
      g_autofree char *layer_name = g_strdup_printf ("drop%u", i + 1);

      strata_layer_set_name (layer, layer_name);
      g_ptr_array_add (layers, layer);
    }
  strata_network_splice (fixture->network, 1, 0, (StrataLayer **) layers->pdata, layers->len);
  for (guint i = 0; i < 4; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* The Input row is above the list, not over it. */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (window->input_row), GTK_WIDGET (window),
                                            &input));
  g_assert_true (gtk_widget_compute_bounds (scrolled, GTK_WIDGET (window), &list));
  g_assert_cmpfloat (input.origin.y + input.size.height, <=, list.origin.y);

  /* The rows' pitch: from one row's top to the next's. */
  {
    GtkWidget *first = g_hash_table_lookup (window->bound_rows,
                                            strata_network_get_layer (fixture->network, 0));
    GtkWidget *second = g_hash_table_lookup (window->bound_rows,
                                             strata_network_get_layer (fixture->network, 1));
    graphene_rect_t second_bounds;

    g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_parent (first), scrolled, &bounds));
    g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_parent (second), scrolled,
                                              &second_bounds));
    row_height = second_bounds.origin.y - bounds.origin.y;
  }
  g_assert_cmpfloat (row_height, >, 20);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment) -
                     gtk_adjustment_get_page_size (adjustment), >, 10 * row_height);

  /* Down to a third of a row past the fourth row's top: the list goes on
   * down to the fifth row's. Back up to two thirds past it: the list goes
   * on up to the fourth row, whole. Each with its name in view. */
  for (guint i = 0; i < 2; i++)
    {
      double wanted = 3 * row_height + (i == 0 ? row_height / 3 : 2 * row_height / 3);
      StrataLayer *layer;

      scroll_list_to (window, wanted);
      row = top_row (window, scrolled, &bounds);
      layer = strata_layer_row_get_layer (row);
      g_test_message ("scrolled to %.0f px: %s at the top, %.1f px down", wanted,
                      strata_layer_get_name (layer), bounds.origin.y);
      g_assert_true (layer == strata_network_get_layer (fixture->network, i == 0 ? 4 : 3));
      g_assert_cmpfloat (bounds.origin.y, >=, 0);
      g_assert_cmpfloat (bounds.origin.y, <, row_height);
      g_assert_true (gtk_widget_compute_bounds (strata_test_find_label (GTK_WIDGET (row),
                                                            strata_layer_get_name (layer)),
                                                scrolled, &name));
      g_assert_cmpfloat (name.origin.y, >=, 0);
    }

  /* At the end, the last row is whole: the list stays there. */
  end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  scroll_list_to (window, end);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, end);
}

/* Spins the main loop until the window's pending draft is written. */
static void
wait_for_draft (StrataWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (window->draft_timeout_id != 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static char *
draft_path (StrataWindow *window)
{
  g_autofree char *dir = strata_drafts_get_dir ();
  g_autofree char *name = g_strconcat (window->draft_id, ".draft", NULL);

  return g_build_filename (dir, name, NULL);
}

/* The draft holds what the window shows. */
static void
assert_draft_matches (StrataWindow *window,
                      GFile        *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) loaded = NULL;
  g_autoptr(GFile) loaded_file = NULL;
  g_autofree char *title = NULL;
  g_autofree char *data = NULL;
  g_autofree char *loaded_data = NULL;

  loaded = strata_drafts_load (window->draft_id, &loaded_file, NULL, &title, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  if (file == NULL)
    g_assert_null (loaded_file);
  else
    g_assert_true (g_file_equal (loaded_file, file));
  g_assert_nonnull (title);
  data = strata_file_to_data (strata_window_get_network (window), NULL);
  loaded_data = strata_file_to_data (loaded, NULL);
  g_assert_cmpstr (loaded_data, ==, data);
}

/* Unsaved edits reach a draft after a pause, not on every change; undoing
 * to what is saved, saving and discarding each remove it. */
static void
test_window_draft (Fixture       *fixture,
                   gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "draft.strata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *draft = NULL;
  StrataLayer *conv = strata_network_get_layer (fixture->network, 0);
  StrataLayerParams params;

  g_assert_no_error (error);
  strata_window_set_draft_delay (50);

  /* Unmodified: nothing to keep. */
  g_assert_false (strata_window_get_modified (window));
  g_assert_cmpuint (window->draft_timeout_id, ==, 0);
  g_assert_null (window->draft_id);

  activate_undrawn (fixture, "win.add-layer", "s", "flatten");
  g_assert_true (strata_window_get_modified (window));
  g_assert_cmpuint (window->draft_timeout_id, !=, 0);
  wait_for_draft (window);
  g_assert_nonnull (window->draft_id);
  draft = draft_path (window);
  g_assert_true (g_file_test (draft, G_FILE_TEST_IS_REGULAR));
  assert_draft_matches (window, NULL);

  /* A hyper-parameter, changed on the layer, updates the same draft. */
  params = *strata_layer_get_params (conv);
  params.filters = 16;
  strata_layer_set_params (conv, &params);
  g_assert_cmpuint (window->draft_timeout_id, !=, 0);
  wait_for_draft (window);
  g_assert_true (g_file_test (draft, G_FILE_TEST_IS_REGULAR));
  assert_draft_matches (window, NULL);

  /* Undone back to the document as it was: the draft goes. */
  activate (fixture, "win.undo", NULL);
  activate (fixture, "win.undo", NULL);
  g_assert_false (strata_window_get_modified (window));
  wait_for_draft (window);
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));
  g_assert_null (window->draft_id);

  /* Saving removes it at once. */
  activate (fixture, "win.redo", NULL);
  wait_for_draft (window);
  g_clear_pointer (&draft, g_free);
  draft = draft_path (window);
  g_assert_true (g_file_test (draft, G_FILE_TEST_IS_REGULAR));
  g_assert_true (strata_window_save_to (window, file));
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));
  g_assert_null (window->draft_id);
  g_assert_cmpuint (window->draft_timeout_id, ==, 0);

  /* A saved document's draft knows its file; Discard on close removes it. */
  activate (fixture, "win.remove-layer", NULL);
  wait_for_draft (window);
  g_clear_pointer (&draft, g_free);
  draft = draft_path (window);
  assert_draft_matches (window, file);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_nonnull (window->message_dialog);
  adw_message_dialog_response (window->message_dialog, "discard");
  strata_test_flush_main_loop ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));
  g_clear_object (&fixture->window);

  strata_window_set_draft_delay (2000);
  g_unlink (path);
  g_rmdir (dir);
}


/* The document's states from the first undo can reach to the last redo
 * can, and in @present the index of the one shown; @window is left as it
 * was. Each state is file data. */
static GPtrArray *
walk_history (StrataWindow *window,
              guint        *present)
{
  GtkWidget *widget = GTK_WIDGET (window);
  StrataNetwork *network = strata_window_get_network (window);
  GPtrArray *states = g_ptr_array_new_with_free_func (g_free);
  guint n_redo = 0;

  g_ptr_array_add (states, strata_file_to_data (network, NULL));
  while (strata_history_can_undo (window->history))
    {
      g_assert_true (gtk_widget_activate_action (widget, "win.undo", NULL));
      g_ptr_array_insert (states, 0, strata_file_to_data (network, NULL));
    }
  *present = states->len - 1;
  for (guint i = 0; i < *present; i++)
    {
      g_autofree char *state = NULL;

      g_assert_true (gtk_widget_activate_action (widget, "win.redo", NULL));
      state = strata_file_to_data (network, NULL);
      g_assert_cmpstr (state, ==, states->pdata[i + 1]);
    }
  while (strata_history_can_redo (window->history))
    {
      g_assert_true (gtk_widget_activate_action (widget, "win.redo", NULL));
      g_ptr_array_add (states, strata_file_to_data (network, NULL));
      n_redo++;
    }
  for (guint i = 0; i < n_redo; i++)
    g_assert_true (gtk_widget_activate_action (widget, "win.undo", NULL));
  return states;
}

/* A recovered draft gives back every step of undo and of redo, not only
 * the states drafts were written at: edits made without a pause, two of
 * them undone, walk through the same states after recovery. */
static void
test_window_draft_history (Fixture       *fixture,
                           gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(StrataWindow) recovered = NULL;
  g_autoptr(GError) error = NULL;
  StrataLayer *conv = strata_network_get_layer (fixture->network, 0);
  StrataLayerParams params;
  g_auto(GStrv) undo = NULL;
  g_auto(GStrv) redo = NULL;
  g_autoptr(StrataNetwork) draft = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *example_id = NULL;
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GPtrArray) recovered_states = NULL;
  guint present, recovered_present;

  strata_window_set_draft_delay (50);
  activate_undrawn (fixture, "win.add-layer", "s", "flatten");
  params = *strata_layer_get_params (conv);
  params.filters = 16;
  strata_layer_set_params (conv, &params);
  strata_history_break_merge (window->history);
  activate_undrawn (fixture, "win.add-layer", "s", "dense");
  strata_layer_set_name (conv, "first");
  strata_history_break_merge (window->history);
  strata_network_set_input (fixture->network, 28, 28, 1);
  activate_undrawn (fixture, "win.add-layer", "s", "dropout");
  activate (fixture, "win.undo", NULL);
  activate (fixture, "win.undo", NULL);
  wait_for_draft (window);

  undo = strata_drafts_load_history (window->draft_id, &redo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (undo), ==, 4);
  g_assert_cmpuint (g_strv_length (redo), ==, 2);
  states = walk_history (window, &present);
  g_assert_cmpuint (states->len, ==, 7);
  g_assert_cmpuint (present, ==, 4);

  draft = strata_drafts_load (window->draft_id, &file, &example_id, NULL, &error);
  g_assert_no_error (error);
  recovered = g_object_ref_sink (strata_window_new (NULL));
  strata_window_recover_draft (recovered, window->draft_id, draft, file, example_id,
                               (const char * const *) undo, (const char * const *) redo);
  g_assert_true (strata_window_get_modified (recovered));
  recovered_states = walk_history (recovered, &recovered_present);
  g_assert_cmpuint (recovered_present, ==, present);
  g_assert_cmpuint (recovered_states->len, ==, states->len);
  for (guint i = 0; i < states->len; i++)
    g_assert_cmpstr (recovered_states->pdata[i], ==, states->pdata[i]);
  g_assert_cmpuint (strata_network_get_n_layers (strata_window_get_network (recovered)), ==, 3);

  recovered->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (recovered));
  strata_window_set_draft_delay (2000);
}

static StrataLayer *
conv_new (const char *name,
          guint       filters,
          guint       kernel)
{
  StrataLayer *layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  StrataLayerParams params = *strata_layer_get_params (layer);

  params.filters = filters;
  params.kernel = (StrataPair) { kernel, kernel };
  params.padding_mode = STRATA_PADDING_SAME;
  strata_layer_set_params (layer, &params);
  strata_layer_set_name (layer, name);
  return layer;
}

/* input 32 × 32 × 3 → C1 (3 × 3, 8 filters, same) → C2 (1 × 1, 8) →
 * sum = C2 + C1, a residual block, opened in the window. */
static StrataNetwork *
open_residual (Fixture *fixture)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(StrataLayer) c1 = conv_new ("C1", 8, 3);
  g_autoptr(StrataLayer) c2 = conv_new ("C2", 8, 1);
  g_autoptr(StrataLayer) sum = strata_layer_new (STRATA_LAYER_KIND_ADD);
  StrataLayer *inputs[] = { c2, c1 };
  StrataLayer *layers[] = { c1, c2, sum };

  strata_layer_set_name (sum, "sum");
  strata_layer_set_inputs (sum, inputs, G_N_ELEMENTS (inputs));
  strata_network_splice (network, 0, 0, layers, G_N_ELEMENTS (layers));
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
  strata_window_set_document (fixture->window, network, NULL, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  return g_steal_pointer (&network);
}

static void
assert_inputs (StrataNetwork *network,
               StrataLayer   *layer,
               guint          n,
               ...)
{
  int position = strata_network_index_of (network, layer);
  va_list args;

  g_assert_cmpint (position, >=, 0);
  g_assert_cmpuint (strata_layer_get_n_inputs (layer), ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_true (strata_layer_get_input (layer, i) == va_arg (args, StrataLayer *));
  va_end (args);
}

/* A row says what its layer reads when that is not just the layer
 * before it, and follows renames and moves. */
static void
test_window_row_links (Fixture       *fixture,
                       gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(StrataNetwork) network = open_residual (fixture);
  StrataLayer *c1 = strata_network_get_layer (network, 0);
  StrataLayer *c2 = strata_network_get_layer (network, 1);
  StrataLayer *sum = strata_network_get_layer (network, 2);
  g_autoptr(StrataLayer) pool = strata_layer_new (STRATA_LAYER_KIND_MAXPOOL2D);
  StrataLayer *input = NULL;

  g_assert_null (row_links (fixture, c1));
  g_assert_null (row_links (fixture, c2));
  g_assert_cmpstr (row_links (fixture, sum), ==, "← C2, C1");
  assert_detail_contains (fixture, sum, "Add · 32 × 32 × 8");

  strata_layer_set_name (c1, "stem");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (row_links (fixture, sum), ==, "← C2, stem");

  /* Naming the layer before is reading it, as by default. */
  g_assert_true (strata_network_set_inputs (network, 1, &c1, 1, NULL));
  g_assert_null (row_links (fixture, c2));
  g_assert_true (strata_network_set_inputs (network, 1, &input, 1, NULL));
  g_assert_true (strata_network_set_shares (network, 1, c1, NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (row_links (fixture, c2), ==, "← input · shares stem");

  /* A layer put between C1 and C2 makes C1 no longer the one before. */
  g_assert_true (strata_network_set_inputs (network, 1, &c1, 1, NULL));
  g_assert_true (strata_network_set_shares (network, 1, NULL, NULL));
  strata_network_insert (network, 1, pool);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (row_links (fixture, c2), ==, "← stem");
  g_assert_null (row_links (fixture, pool));
}

/* Whether a label showing @text is mapped somewhere in @widget. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static void
assert_toast (Fixture    *fixture,
              const char *message)
{
  StrataWindow *window = fixture->window;

  g_assert_nonnull (window->toast);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  if (!shows_text (GTK_WIDGET (window->toast_overlay), message))
    g_error ("No toast shows “%s”", message);
}

/* A branch reads the selection, and the layer that read the selection
 * still does: one step to undo. */
static void
test_window_branch (Fixture       *fixture,
                    gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataNetwork *network = fixture->network;
  StrataLayer *c1 = strata_network_get_layer (network, 0);
  StrataLayer *pool, *branch, *first;

  activate (fixture, "win.add-layer", "s", "maxpool2d");
  pool = strata_network_get_layer (network, 1);
  g_assert_null (row_links (fixture, pool));

  strata_window_select (window, 0);
  activate (fixture, "win.branch-layer", "s", "conv2d");
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 3);
  branch = strata_network_get_layer (network, 1);
  g_assert_cmpint (strata_layer_get_kind (branch), ==, STRATA_LAYER_KIND_CONV2D);
  g_assert_true (strata_network_get_layer (network, 2) == pool);
  assert_inputs (network, branch, 1, c1);
  assert_inputs (network, pool, 1, c1);
  g_assert_cmpint (strata_window_get_selected (window), ==, 1);
  /* The pool still halves C1's 28 × 28 × 8; the branch convolves it. */
  assert_detail_contains (fixture, pool, "14 × 14 × 8");
  assert_detail_contains (fixture, branch, "26 × 26 × 8");
  g_assert_null (row_links (fixture, branch));
  g_assert_cmpstr (row_links (fixture, pool), ==, "← C1");
  /* (3 × 3 × 8 + 1) × 8 = 584 */
  assert_totals (fixture, 608 + 584);

  activate (fixture, "win.undo", NULL);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 2);
  g_assert_cmpuint (strata_layer_get_n_inputs (pool), ==, 0);
  g_assert_null (row_links (fixture, pool));
  activate (fixture, "win.redo", NULL);
  g_assert_true (strata_network_get_layer (network, 1) == branch);
  assert_inputs (network, pool, 1, c1);

  /* From the input: a second path from the image. */
  activate (fixture, "win.select-input", NULL);
  activate (fixture, "win.branch-layer", "s", "dense");
  first = strata_network_get_layer (network, 0);
  g_assert_cmpint (strata_layer_get_kind (first), ==, STRATA_LAYER_KIND_DENSE);
  assert_inputs (network, first, 1, NULL);
  assert_inputs (network, c1, 1, NULL);
  g_assert_cmpstr (row_links (fixture, c1), ==, "← input");
  assert_detail_contains (fixture, c1, "28 × 28 × 8");

  /* The menu offers every kind that reads one input, from the table. */
  {
    GMenuModel *menu = G_MENU_MODEL (window->branch_menu);
    guint n_items = 0, n_kinds = 0;

    for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
      {
        g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i,
                                                                    G_MENU_LINK_SECTION);

        n_items += g_menu_model_get_n_items (section);
      }
    for (guint kind = 0; kind < STRATA_N_LAYER_KINDS; kind++)
      n_kinds += strata_layer_kind_get_info (kind)->min_inputs <= 1 &&
                 strata_layer_kind_get_info (kind)->max_inputs >= 1;
    g_assert_cmpuint (n_items, ==, n_kinds);
    g_assert_cmpuint (n_kinds, <, STRATA_N_LAYER_KINDS - 7);
  }
}

/* The add menu is the table of kinds: every kind, merges included. */
/* The add popover lists every kind and finds them by part of a name. It
 * is made when it first opens, as every menu of the window is. */
static void
test_window_add_menu (Fixture       *fixture,
                      gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataAddPopover *popover;
  StrataLayerKind first = STRATA_N_LAYER_KINDS;

  g_assert_null (gtk_menu_button_get_popover (window->add_menu_button));
  g_assert_null (gtk_menu_button_get_popover (window->branch_menu_button));
  g_assert_null (gtk_menu_button_get_popover (window->primary_menu_button));
  g_assert_null (adw_split_button_get_popover (window->open_button));
  gtk_menu_button_popup (window->add_menu_button);
  strata_test_flush_main_loop ();
  popover = STRATA_ADD_POPOVER (gtk_menu_button_get_popover (window->add_menu_button));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpuint (strata_add_popover_get_n_shown (popover, &first), ==, STRATA_N_LAYER_KINDS);
  g_assert_cmpint (first, ==, 0);
  gtk_editable_set_text (strata_add_popover_get_search (popover), "pool");
  strata_test_flush_main_loop ();
  /* Max, average, adaptive average, global average, global max. */
  g_assert_cmpuint (strata_add_popover_get_n_shown (popover, &first), ==, 5);
  g_assert_cmpint (first, ==, STRATA_LAYER_KIND_MAXPOOL2D);
  gtk_editable_set_text (strata_add_popover_get_search (popover), "DENSE");
  strata_test_flush_main_loop ();
  g_assert_cmpuint (strata_add_popover_get_n_shown (popover, &first), ==, 1);
  g_assert_cmpint (first, ==, STRATA_LAYER_KIND_DENSE);
  gtk_editable_set_text (strata_add_popover_get_search (popover), "no such kind");
  strata_test_flush_main_loop ();
  g_assert_cmpuint (strata_add_popover_get_n_shown (popover, NULL), ==, 0);
  gtk_menu_button_popdown (window->add_menu_button);
  strata_test_flush_main_loop ();
  /* Opened again, it is the same popover. */
  gtk_menu_button_popup (window->add_menu_button);
  g_assert_true (GTK_WIDGET (popover) ==
                 GTK_WIDGET (gtk_menu_button_get_popover (window->add_menu_button)));
  gtk_menu_button_popdown (window->add_menu_button);
}

/* A merge added after a layer reads it and what it read: the shortcut
 * of a residual block, in one step. */
static void
test_window_add_merge (Fixture       *fixture,
                       gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  StrataNetwork *network = fixture->network;
  StrataLayer *c1 = strata_network_get_layer (network, 0);
  StrataLayer *conv, *sum;
  StrataLayerParams params = *strata_layer_get_params (c1);

  /* C1 keeps 32 × 32 and gives 3 channels, so that it adds to the input. */
  params.padding_mode = STRATA_PADDING_SAME;
  params.filters = 3;
  strata_layer_set_params (c1, &params);
  /* A convolution after it, named as new layers are; unnamed, as in a
   * file, for the merge to name it. */
  activate (fixture, "win.add-layer", "s", "conv2d");
  conv = strata_network_get_layer (network, 1);
  g_assert_cmpstr (strata_layer_get_name (conv), ==, "conv1");
  strata_layer_set_name (conv, NULL);
  params = *strata_layer_get_params (conv);
  params.padding_mode = STRATA_PADDING_SAME;
  params.filters = 3;
  strata_layer_set_params (conv, &params);
  strata_history_break_merge (window->history);

  activate (fixture, "win.add-layer", "s", "add");
  sum = strata_network_get_layer (network, 2);
  g_assert_cmpint (strata_layer_get_kind (sum), ==, STRATA_LAYER_KIND_ADD);
  assert_inputs (network, sum, 2, conv, c1);
  g_assert_cmpstr (strata_layer_get_name (conv), ==, "conv2d_1");
  g_assert_null (strata_layer_get_error (sum));
  assert_detail_contains (fixture, sum, "32 × 32 × 3");
  g_assert_cmpstr (row_links (fixture, sum), ==, "← conv2d_1, C1");

  /* Undone at once: the merge and the name it gave. */
  activate (fixture, "win.undo", NULL);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 2);
  g_assert_null (strata_layer_get_name (conv));

  /* After the first layer the merge adds the network's input. */
  strata_window_select (window, 0);
  activate (fixture, "win.add-layer", "s", "add");
  sum = strata_network_get_layer (network, 1);
  assert_inputs (network, sum, 2, c1, NULL);
  g_assert_cmpstr (row_links (fixture, sum), ==, "← C1, input");
  /* The convolution after it reads the merge. */
  g_assert_true (strata_network_get_input_layer (network, 2, 0) == sum);
}

static void
select_choice (AdwComboRow *row,
               guint        index)
{
  adw_combo_row_set_selected (row, index);
  /* The editor shows the change once it is over. */
  strata_test_flush_main_loop ();
}

static const char *
choice_text (StrataWindow *window,
             const char   *control)
{
  GtkWidget *row = strata_layer_editor_get_control (window->editor, control);

  g_assert_true (ADW_IS_COMBO_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* What a layer reads, chosen in the editor; each choice one step. */
static void
test_window_editor_inputs (Fixture       *fixture,
                           gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(StrataNetwork) network = open_residual (fixture);
  StrataLayer *c1 = strata_network_get_layer (network, 0);
  StrataLayer *c2 = strata_network_get_layer (network, 1);
  StrataLayer *sum = strata_network_get_layer (network, 2);
  GtkWidget *add, *remove, *old_row;

  /* The merge: one drop-down per input, over the input and C1, C2. */
  strata_window_select (window, 2);
  g_assert_cmpstr (choice_text (window, "input-0"), ==, "C2");
  g_assert_cmpstr (choice_text (window, "input-1"), ==, "C1");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (
                      strata_layer_editor_get_control (window->editor, "input-1")))), ==, 3);
  /* Two is the least an addition takes. */
  remove = strata_layer_editor_get_control (window->editor, "remove-input-0");
  g_assert_false (gtk_widget_get_sensitive (remove));
  g_assert_null (strata_layer_editor_get_control (window->editor, "shares"));

  /* The second input, the network's: 32 × 32 × 3 does not add to 8 channels. */
  old_row = strata_layer_editor_get_control (window->editor, "input-1");
  g_object_add_weak_pointer (G_OBJECT (old_row), (gpointer *) &old_row);
  gtk_widget_grab_focus (old_row);
  select_choice (ADW_COMBO_ROW (old_row), 0);
  assert_inputs (network, sum, 2, c2, NULL);
  /* The controls are made again, and the focus stays on the choice made. */
  g_assert_null (old_row);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) ==
                 strata_layer_editor_get_control (window->editor, "input-1"));
  g_assert_cmpstr (choice_text (window, "input-1"), ==, "input");
  g_assert_nonnull (strata_layer_get_error (sum));
  g_assert_nonnull (strstr (strata_layer_get_error (sum), "32 × 32 × 8 and 32 × 32 × 3"));
  g_assert_cmpstr (row_links (fixture, sum), ==, "← C2, input");
  activate (fixture, "win.undo", NULL);
  strata_test_flush_main_loop ();
  assert_inputs (network, sum, 2, c2, c1);
  g_assert_cmpstr (choice_text (window, "input-1"), ==, "C1");

  /* A third input: the latest layer it does not read yet, none here. */
  add = strata_layer_editor_get_control (window->editor, "add-input");
  g_assert_true (gtk_widget_get_visible (add));
  g_signal_emit_by_name (add, "clicked");
  strata_test_flush_main_loop ();
  assert_inputs (network, sum, 3, c2, c1, NULL);
  g_assert_cmpstr (choice_text (window, "input-2"), ==, "input");
  remove = strata_layer_editor_get_control (window->editor, "remove-input-0");
  g_assert_true (gtk_widget_get_sensitive (remove));
  g_signal_emit_by_name (remove, "clicked");
  strata_test_flush_main_loop ();
  assert_inputs (network, sum, 2, c1, NULL);
  g_assert_cmpstr (row_links (fixture, sum), ==, "← C1, input");
  activate (fixture, "win.undo", NULL);
  activate (fixture, "win.undo", NULL);
  assert_inputs (network, sum, 2, c2, c1);

  /* One input: the layer before by default, or any earlier one. */
  strata_window_select (window, 1);
  g_assert_cmpstr (choice_text (window, "input-0"), ==, "Default (the layer before)");
  select_choice (ADW_COMBO_ROW (strata_layer_editor_get_control (window->editor, "input-0")), 1);
  assert_inputs (network, c2, 1, NULL);
  g_assert_cmpstr (row_links (fixture, c2), ==, "← input");
  /* (1 × 1 × 3 + 1) × 8 */
  g_assert_cmpuint (strata_layer_get_params_count (c2), ==, 32);
  select_choice (ADW_COMBO_ROW (strata_layer_editor_get_control (window->editor, "input-0")), 0);
  assert_inputs (network, c2, 0);
  g_assert_null (row_links (fixture, c2));
  g_assert_cmpuint (strata_layer_get_params_count (c2), ==, 72);

  /* Shared weights: of none or an earlier convolution, whose settings come with them. */
  {
    AdwComboRow *shares = ADW_COMBO_ROW (strata_layer_editor_get_control (window->editor,
                                                                          "shares"));

    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (shares)), ==, "None");
    g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (shares)), ==, 2);
    select_choice (ADW_COMBO_ROW (strata_layer_editor_get_control (window->editor, "input-0")), 1);
    select_choice (ADW_COMBO_ROW (strata_layer_editor_get_control (window->editor, "shares")), 1);
    g_assert_true (strata_layer_get_shares (c2) == c1);
    g_assert_cmpuint (strata_layer_get_params (c2)->kernel.height, ==, 3);
    g_assert_null (strata_layer_get_error (c2));
    g_assert_cmpuint (strata_layer_get_params_count (c2), ==, 0);
    /* C1's (3 × 3 × 3 + 1) × 8 weights, counted once. */
    g_assert_cmpuint (strata_network_get_params (network), ==, 224);
    g_assert_cmpstr (row_links (fixture, c2), ==, "← input · shares C1");
    activate (fixture, "win.undo", NULL);
    g_assert_null (strata_layer_get_shares (c2));
    g_assert_cmpuint (strata_layer_get_params (c2)->kernel.height, ==, 1);
    g_assert_cmpstr (row_links (fixture, c2), ==, "← input");
  }
}

/* A move that would put a layer above what it reads, or below what reads
 * it, is refused and says why, however it is asked for. */
static void
test_window_refused_move (Fixture       *fixture,
                          gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(StrataNetwork) network = open_residual (fixture);
  StrataLayer *c1 = strata_network_get_layer (network, 0);
  StrataLayer *c2 = strata_network_get_layer (network, 1);
  StrataLayer *sum = strata_network_get_layer (network, 2);
  StrataLayerRow *row;

  strata_window_select (window, 2);
  activate (fixture, "win.move-up", NULL);
  g_assert_true (strata_network_get_layer (network, 2) == sum);
  g_assert_cmpint (strata_window_get_selected (window), ==, 2);
  assert_toast (fixture, "“sum” cannot move above “C2”, which it reads");
  g_assert_false (strata_history_can_undo (window->history));

  strata_window_select (window, 1);
  activate (fixture, "win.move-down", NULL);
  g_assert_true (strata_network_get_layer (network, 1) == c2);
  assert_toast (fixture, "“C2” cannot move below “sum”, which reads it");

  /* Dropped on C1's row. */
  row = g_hash_table_lookup (window->bound_rows, c1);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "layer-dropped", sum);
  g_assert_true (strata_network_get_layer (network, 0) == c1);
  g_assert_true (strata_network_get_layer (network, 2) == sum);
  assert_toast (fixture, "“sum” cannot move above “C2”, which it reads");
  g_assert_false (strata_history_can_undo (window->history));
}

/* Removing a layer points what read it at its input; one undo brings
 * back the layer and every link. */
static void
test_window_remove_rewires (Fixture       *fixture,
                            gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(StrataNetwork) network = open_residual (fixture);
  StrataLayer *c1 = strata_network_get_layer (network, 0);
  StrataLayer *c2 = strata_network_get_layer (network, 1);
  StrataLayer *sum = strata_network_get_layer (network, 2);

  g_assert_cmpstr (row_links (fixture, sum), ==, "← C2, C1");
  /* Read aloud in words. */
  gtk_test_accessible_assert_property (g_hash_table_lookup (window->bound_rows, sum),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "sum, Add · 32 × 32 × 8, reads C2, C1, 0 parameters");
  strata_window_select (window, 1);
  activate (fixture, "win.remove-layer", NULL);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 2);
  assert_inputs (network, sum, 2, c1, c1);
  g_assert_cmpstr (row_links (fixture, sum), ==, "← C1, C1");
  g_assert_cmpint (strata_window_get_selected (window), ==, 1);

  activate (fixture, "win.undo", NULL);
  g_assert_false (strata_history_can_undo (window->history));
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 3);
  g_assert_true (strata_network_get_layer (network, 1) == c2);
  assert_inputs (network, sum, 2, c2, c1);
  g_assert_cmpstr (row_links (fixture, sum), ==, "← C2, C1");
  g_assert_false (strata_window_get_modified (window));

  activate (fixture, "win.redo", NULL);
  assert_inputs (network, sum, 2, c1, c1);
}

/* Another kind takes the layer's place in the graph: its name, what it
 * reads and what reads it; those sharing its weights get their own. */
static void
test_window_kind_keeps_links (Fixture       *fixture,
                              gconstpointer  data)
{
  StrataWindow *window = fixture->window;
  g_autoptr(StrataNetwork) network = open_residual (fixture);
  g_autoptr(StrataLayer) twin = conv_new ("twin", 8, 3);
  StrataLayer *c1 = strata_network_get_layer (network, 0);
  StrataLayer *c2 = strata_network_get_layer (network, 1);
  StrataLayer *sum = strata_network_get_layer (network, 2);
  StrataLayer *replaced;
  StrataLayer *input = NULL;

  strata_network_append (network, twin);
  g_assert_true (strata_network_set_inputs (network, 3, &input, 1, NULL));
  g_assert_true (strata_network_set_shares (network, 3, c1, NULL));
  g_assert_null (strata_layer_get_error (twin));
  strata_history_break_merge (window->history);

  /* C2, read by the merge by name, becomes a depthwise convolution. */
  strata_window_select (window, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (strata_layer_editor_get_control (window->editor,
                                                                                "kind")),
                              STRATA_LAYER_KIND_DEPTHWISE_CONV2D);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  replaced = strata_network_get_layer (network, 1);
  g_assert_true (replaced != c2);
  g_assert_cmpint (strata_layer_get_kind (replaced), ==, STRATA_LAYER_KIND_DEPTHWISE_CONV2D);
  g_assert_cmpstr (strata_layer_get_name (replaced), ==, "C2");
  g_assert_cmpuint (strata_layer_get_n_inputs (replaced), ==, 0);
  assert_inputs (network, sum, 2, replaced, c1);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 4);
  g_assert_cmpint (strata_window_get_selected (window), ==, 1);
  g_assert_true (strata_layer_editor_get_layer (window->editor) == replaced);
  g_assert_null (strata_layer_get_error (sum));
  activate (fixture, "win.undo", NULL);
  g_assert_true (strata_network_get_layer (network, 1) == c2);
  assert_inputs (network, sum, 2, c2, c1);

  /* C1, whose weights twin uses: twin has its own from now on. */
  strata_window_select (window, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (strata_layer_editor_get_control (window->editor,
                                                                                "kind")),
                              STRATA_LAYER_KIND_SEPARABLE_CONV2D);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  replaced = strata_network_get_layer (network, 0);
  g_assert_cmpint (strata_layer_get_kind (replaced), ==, STRATA_LAYER_KIND_SEPARABLE_CONV2D);
  assert_inputs (network, sum, 2, c2, replaced);
  g_assert_null (strata_layer_get_shares (twin));
  g_assert_cmpuint (strata_layer_get_params_count (twin), ==, (3 * 3 * 3 + 1) * 8);
  assert_toast (fixture, "Layers that used the weights of “C1” now have their own");
  activate (fixture, "win.undo", NULL);
  g_assert_true (strata_network_get_layer (network, 0) == c1);
  g_assert_true (strata_layer_get_shares (twin) == c1);
  assert_inputs (network, sum, 2, c2, c1);
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
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
  ADD ("/window/edit", test_window_edit);
  ADD ("/window/typing", test_window_typing);
  ADD ("/window/duplicate-and-kind", test_window_duplicate_and_kind);
  ADD ("/window/edit-same-kind", test_window_edit_same_kind);
  ADD ("/window/input", test_window_input);
  ADD ("/window/start-pages", test_window_start_pages);
  ADD ("/window/canvas-select", test_window_canvas_select);
  ADD ("/window/open-error", test_window_open_error);
  ADD ("/window/open-and-save", test_window_open_and_save);
  ADD ("/window/close-prompt", test_window_close_prompt);
  ADD ("/window/preferences-canvas", test_window_preferences_canvas);
  ADD ("/window/preferences-window", test_window_preferences_window);
  ADD ("/window/batch-memory", test_window_batch_memory);
  ADD ("/window/row-color", test_window_row_color);
  ADD ("/window/state-saved", test_window_state_saved);
  ADD ("/window/large-network-shape", test_window_large_network_shape);
  ADD ("/window/selection-overlay", test_window_selection_overlay);
  ADD ("/window/canvas-frees-layout", test_window_canvas_frees_layout);
  ADD ("/window/close-frees-network", test_window_close_frees_network);
  ADD ("/window/close-frees-large-network", test_window_close_frees_large_network);
  ADD ("/window/close-large-in-steps", test_window_close_large_in_steps);
  ADD ("/window/scroll-to-selection", test_window_scroll_to_selection);
  ADD ("/window/list-top-row", test_window_list_top_row);
  ADD ("/window/draft", test_window_draft);
  ADD ("/window/draft-history", test_window_draft_history);
  ADD ("/window/row-links", test_window_row_links);
  ADD ("/window/branch", test_window_branch);
  ADD ("/window/add-menu", test_window_add_menu);
  ADD ("/window/add-merge", test_window_add_merge);
  ADD ("/window/editor-inputs", test_window_editor_inputs);
  ADD ("/window/refused-move", test_window_refused_move);
  ADD ("/window/remove-rewires", test_window_remove_rewires);
  ADD ("/window/kind-keeps-links", test_window_kind_keeps_links);
#undef ADD

  status = g_test_run ();
  strata_test_state_dir_remove (state_dir);
  return status;
}
