/* test-window.c: the real window driven through its actions and widgets. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "strata-file.h"
#include "strata-layer-row.h"
#include "strata-window-private.h"

typedef struct
{
  StrataWindow  *window;
  StrataNetwork *network;
} Fixture;

/* input 32 × 32 × 3, then a 5 × 5 convolution of 8 filters: (5 × 5 × 3 + 1) × 8 = 608. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StrataLayer) conv = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  StrataLayerParams params = *strata_layer_get_params (conv);

  params.kernel = (StrataPair) { 5, 5 };
  params.filters = 8;
  strata_layer_set_params (conv, &params);
  strata_layer_set_name (conv, "C1");

  fixture->network = strata_network_new ();
  strata_network_set_input (fixture->network, 32, 32, 3);
  strata_network_append (fixture->network, conv);

  fixture->window = g_object_ref_sink (strata_window_new (NULL));
  strata_window_set_document (fixture->window, fixture->network, NULL, NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      /* Nothing left to ask about: the test is over. */
      fixture->window->close_confirmed = TRUE;
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      g_clear_object (&fixture->window);
    }
  g_clear_object (&fixture->network);
}

static void
activate (Fixture    *fixture,
          const char *action,
          const char *format_string,
          ...)
{
  GVariant *parameter = NULL;
  va_list args;

  if (format_string != NULL)
    {
      va_start (args, format_string);
      parameter = g_variant_new_va (format_string, NULL, &args);
      va_end (args);
    }
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->window), action,
                                                     parameter));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
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
  g_assert_cmpstr (strata_layer_get_name (copy), ==, "C1");
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
  g_assert_cmpstr (strata_layer_get_name (copy), ==, "C1");
  /* The kernel carried over: (5 × 5 + 1) × 8 = 208. */
  g_assert_cmpuint (strata_layer_get_params (copy)->kernel.height, ==, 5);
  assert_totals (fixture, 608 + 208);
  g_assert_cmpint (strata_window_get_selected (window), ==, 1);

  activate (fixture, "win.undo", NULL);
  g_assert_cmpint (strata_layer_get_kind (strata_network_get_layer (network, 1)), ==,
                   STRATA_LAYER_KIND_CONV2D);
  assert_totals (fixture, 608 + 1608);
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
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_clear_object (&fixture->window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/edit", test_window_edit);
  ADD ("/window/duplicate-and-kind", test_window_duplicate_and_kind);
  ADD ("/window/input", test_window_input);
  ADD ("/window/canvas-select", test_window_canvas_select);
  ADD ("/window/open-error", test_window_open_error);
  ADD ("/window/open-and-save", test_window_open_and_save);
  ADD ("/window/close-prompt", test_window_close_prompt);
#undef ADD

  return g_test_run ();
}
