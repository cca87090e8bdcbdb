/* test-layer-editor.c: the editor's controls, made from the table of hyper-parameters. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <adwaita.h>
#include <glib/gi18n.h>

#include "strata-layer-editor-private.h"
#include "strata-layer-row.h"
#include "strata-pair-entry.h"
#include "strata-render.h"
#include "strata-test-window.h"

static GtkWidget *
control (StrataLayerEditor *editor,
         const char        *property)
{
  GtkWidget *widget = strata_layer_editor_get_control (editor, property);

  g_test_message ("control of %s", property);
  g_assert_nonnull (widget);
  return widget;
}

/* The control of a number follows the layer, and the layer follows it. */
static void
assert_spin_bound (StrataLayerEditor *editor,
                   StrataLayer       *layer,
                   const char        *property)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (control (editor, property));
  guint value = 0;

  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  gtk_spin_button_set_value (spin, gtk_spin_button_get_value (spin) + 1);
  g_object_get (layer, property, &value, NULL);
  g_assert_cmpfloat (value, ==, gtk_spin_button_get_value (spin));
  g_object_set (layer, property, value + 1, NULL);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, value + 1);
}

/* One field edits a height and a width: one number is a square, two
 * joined by "x" or "×" are each; what is not a pair in range waits. */
static void
assert_pair_bound (StrataLayerEditor     *editor,
                   StrataLayer           *layer,
                   const StrataParamInfo *info)
{
  GtkWidget *pair = control (editor, info->properties[0]);
  GtkEditable *text;
  guint height = 0, width = 0;

  g_assert_true (STRATA_IS_PAIR_ENTRY (pair));
  g_assert_true (control (editor, info->properties[1]) == pair);
  text = strata_pair_entry_get_editable (STRATA_PAIR_ENTRY (pair));

  gtk_editable_set_text (text, "3");
  g_object_get (layer, info->properties[0], &height, info->properties[1], &width, NULL);
  g_assert_cmpuint (height, ==, 3);
  g_assert_cmpuint (width, ==, 3);
  gtk_editable_set_text (text, "2x4");
  g_object_get (layer, info->properties[0], &height, info->properties[1], &width, NULL);
  g_assert_cmpuint (height, ==, 2);
  g_assert_cmpuint (width, ==, 4);
  gtk_editable_set_text (text, "7 × 6");
  g_object_get (layer, info->properties[0], &height, info->properties[1], &width, NULL);
  g_assert_cmpuint (height, ==, 7);
  g_assert_cmpuint (width, ==, 6);
  gtk_editable_set_text (text, "7 ×");
  g_object_get (layer, info->properties[0], &height, info->properties[1], &width, NULL);
  g_assert_cmpuint (width, ==, 6);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (text), "error"));

  g_object_set (layer, info->properties[0], 5, info->properties[1], 5, NULL);
  g_assert_cmpstr (gtk_editable_get_text (text), ==, "5");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (text), "error"));
  g_object_set (layer, info->properties[1], 2, NULL);
  g_assert_cmpstr (gtk_editable_get_text (text), ==, "5 × 2");
}

/* A text row edits the text both ways; an empty row means none. */
static void
assert_text_bound (StrataLayerEditor *editor,
                   StrataLayer       *layer,
                   const char        *property)
{
  GtkEditable *row = GTK_EDITABLE (control (editor, property));
  g_autofree char *value = NULL;

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (row, "LayerNormalization");
  g_object_get (layer, property, &value, NULL);
  g_assert_cmpstr (value, ==, "LayerNormalization");
  g_object_set (layer, property, "Einsum", NULL);
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "Einsum");
  gtk_editable_set_text (row, "");
  g_clear_pointer (&value, g_free);
  g_object_get (layer, property, &value, NULL);
  g_assert_null (value);
}

/* Counts of weights go past what spin buttons of hyper-parameters allow,
 * up to the most a file holds, exactly. */
static void
assert_weights_bound (StrataLayerEditor *editor,
                      StrataLayer       *layer,
                      const char        *property)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (control (editor, property));
  guint64 value = 0;

  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  gtk_spin_button_set_value (spin, 25000000);
  g_object_get (layer, property, &value, NULL);
  g_assert_cmpuint (value, ==, 25000000);
  g_object_set (layer, property, STRATA_WEIGHTS_MAX, NULL);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, (double) STRATA_WEIGHTS_MAX);
  gtk_spin_button_set_value (spin, 0);
  g_object_get (layer, property, &value, NULL);
  g_assert_cmpuint (value, ==, 0);
}

/* A drop-down of every value of a choice, in the table's order. */
static void
assert_choice_bound (StrataLayerEditor     *editor,
                     StrataLayer           *layer,
                     const StrataParamInfo *info)
{
  AdwComboRow *row = ADW_COMBO_ROW (control (editor, info->properties[0]));
  GListModel *labels = adw_combo_row_get_model (row);
  guint value = 0;

  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, info->n_choices);
  for (guint i = 0; i < info->n_choices; i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), ==,
                     info->choices[i].label);

  adw_combo_row_set_selected (row, info->n_choices - 1);
  g_object_get (layer, info->properties[0], &value, NULL);
  g_assert_cmpuint (value, ==, info->n_choices - 1);
  g_object_set (layer, info->properties[0], 0, NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
}

/* A reshape's target: three numbers, of which a vector shows only the
 * last, its length. */
static void
assert_target_bound (StrataLayerEditor     *editor,
                     StrataLayer           *layer,
                     const StrataParamInfo *info)
{
  GtkDropDown *mode = GTK_DROP_DOWN (control (editor, info->properties[3]));
  GtkWidget *height = control (editor, info->properties[0]);
  GtkWidget *channels = control (editor, info->properties[2]);
  gboolean vector = TRUE;

  for (guint i = 0; i < 3; i++)
    assert_spin_bound (editor, layer, info->properties[i]);

  g_assert_cmpuint (gtk_drop_down_get_selected (mode), ==, 0);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (height)));
  gtk_drop_down_set_selected (mode, 1);
  g_object_get (layer, info->properties[3], &vector, NULL);
  g_assert_true (vector);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (height)));
  g_assert_true (gtk_widget_get_visible (channels));
  g_object_set (layer, info->properties[3], FALSE, NULL);
  g_assert_cmpuint (gtk_drop_down_get_selected (mode), ==, 0);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (height)));
}

static gboolean
takes_property (StrataLayerKind  kind,
                const char      *property)
{
  for (guint p = 0; p < STRATA_N_PARAMS; p++)
    if (strata_layer_kind_takes (kind, p) &&
        g_str_equal (strata_param_get_info (p)->properties[0], property))
      return TRUE;
  return FALSE;
}

/* Each hyper-parameter of each kind has its controls, bound to the layer. */
static void
test_every_kind (void)
{
  StrataLayerEditor *editor = STRATA_LAYER_EDITOR (g_object_ref_sink (strata_layer_editor_new ()));
  GListModel *kinds;

  for (guint kind = 0; kind < STRATA_N_LAYER_KINDS; kind++)
    {
      g_autoptr(StrataLayer) layer = strata_layer_new (kind);
      const StrataLayerKindInfo *kind_info = strata_layer_kind_get_info (kind);

      g_test_message ("kind %s", kind_info->id);
      strata_layer_editor_set_layer (editor, layer);
      /* Every kind can be chosen, by its label, and has its colour. */
      kinds = adw_combo_row_get_model (ADW_COMBO_ROW (control (editor, "kind")));
      g_assert_cmpuint (g_list_model_get_n_items (kinds), ==, STRATA_N_LAYER_KINDS);
      g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (kinds), kind), ==,
                       kind_info->label);
      g_assert_nonnull (strata_layer_category_css_class (kind_info->category));
      g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (control (editor, "kind"))), ==,
                        kind);
      for (guint p = 0; p < STRATA_N_PARAMS; p++)
        {
          const StrataParamInfo *info = strata_param_get_info (p);

          if (!strata_layer_kind_takes (kind, p))
            {
              /* Unless a parameter the kind takes has the same field. */
              if (!takes_property (kind, info->properties[0]))
                g_assert_null (strata_layer_editor_get_control (editor, info->properties[0]));
              continue;
            }
          switch ((StrataParamType) info->type)
            {
            case STRATA_PARAM_TYPE_COUNT:
              assert_spin_bound (editor, layer, info->properties[0]);
              break;
            case STRATA_PARAM_TYPE_PADDING:
              g_assert_true (GTK_IS_DROP_DOWN (control (editor, "padding")));
              G_GNUC_FALLTHROUGH;
            case STRATA_PARAM_TYPE_PAIR:
              assert_pair_bound (editor, layer, info);
              break;
            case STRATA_PARAM_TYPE_BOOLEAN:
              g_assert_true (GTK_IS_SWITCH (control (editor, info->properties[0])));
              break;
            case STRATA_PARAM_TYPE_ACTIVATION:
              g_assert_true (ADW_IS_COMBO_ROW (control (editor, info->properties[0])));
              break;
            case STRATA_PARAM_TYPE_RATE:
              g_assert_true (GTK_IS_SPIN_BUTTON (control (editor, info->properties[0])));
              break;
            case STRATA_PARAM_TYPE_CHOICE:
              assert_choice_bound (editor, layer, info);
              break;
            case STRATA_PARAM_TYPE_SIDES:
              for (guint i = 0; i < 4; i++)
                assert_spin_bound (editor, layer, info->properties[i]);
              break;
            case STRATA_PARAM_TYPE_TARGET:
              assert_target_bound (editor, layer, info);
              break;
            case STRATA_PARAM_TYPE_TEXT:
              assert_text_bound (editor, layer, info->properties[0]);
              break;
            case STRATA_PARAM_TYPE_WEIGHTS:
              assert_weights_bound (editor, layer, info->properties[0]);
              break;
            default:
              g_assert_not_reached ();
            }
        }
    }

  strata_layer_editor_clear (editor);
  g_object_unref (editor);
}

static double
spin_value (GtkWidget *spin)
{
  return gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin));
}

/* The parameters' rows, under the first screenful, are made when the
 * groups there show or when a control is asked for, for the kind shown
 * then: a layer shown and left for another kind makes none. */
static void
test_rows_wait (void)
{
  StrataLayerEditor *editor = STRATA_LAYER_EDITOR (g_object_ref_sink (strata_layer_editor_new ()));
  g_autoptr(StrataLayer) conv = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  g_autoptr(StrataLayer) dense = strata_layer_new (STRATA_LAYER_KIND_DENSE);
  GtkWidget *units;

  strata_layer_editor_set_layer (editor, conv);
  g_assert_cmpuint (editor->param_rows->len, ==, 0);
  strata_layer_editor_set_layer (editor, dense);
  g_assert_cmpuint (editor->param_rows->len, ==, 0);
  units = control (editor, "units");
  g_assert_true (GTK_IS_SPIN_BUTTON (units));
  g_assert_cmpuint (editor->param_rows->len, >, 0);
  g_assert_null (strata_layer_editor_get_control (editor, "filters"));
  g_object_set (dense, "units", 77, NULL);
  g_assert_cmpfloat (spin_value (units), ==, 77);
  strata_layer_editor_clear (editor);
  g_assert_cmpuint (editor->param_rows->len, ==, 0);
  g_object_unref (editor);
}

/* Controls edit the layer or the network shown and nothing else: a
 * layer of the same kind keeps them, one of another kind has its own,
 * and those it replaced are bound to nothing. */
static void
test_rebind (void)
{
  StrataLayerEditor *editor = STRATA_LAYER_EDITOR (g_object_ref_sink (strata_layer_editor_new ()));
  g_autoptr(StrataLayer) first = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  g_autoptr(StrataLayer) second = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  g_autoptr(StrataLayer) pool = strata_layer_new (STRATA_LAYER_KIND_MAXPOOL2D);
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(StrataNetwork) other = strata_network_new ();
  g_autoptr(GtkWidget) old = NULL;
  GtkWidget *spin;
  guint filters = 0;

  g_object_set (first, "filters", 8, "name", "first", NULL);
  g_object_set (second, "filters", 16, "name", "second", NULL);

  strata_layer_editor_set_layer (editor, first);
  strata_layer_editor_set_layer (editor, second);
  spin = control (editor, "filters");
  g_assert_cmpfloat (spin_value (spin), ==, 16);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (control (editor, "name"))), ==, "second");
  assert_spin_bound (editor, second, "filters");
  g_object_set (first, "filters", 24, NULL);
  g_assert_cmpfloat (spin_value (spin), ==, 18);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (control (editor, "name"))), ==, "second");

  strata_layer_editor_set_layer (editor, first);
  spin = control (editor, "filters");
  g_assert_cmpfloat (spin_value (spin), ==, 24);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (control (editor, "name"))), ==, "first");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 32);
  g_object_get (first, "filters", &filters, NULL);
  g_assert_cmpuint (filters, ==, 32);
  g_object_get (second, "filters", &filters, NULL);
  g_assert_cmpuint (filters, ==, 18);

  /* Another kind: the filters' control is gone, and unbound. */
  old = g_object_ref (spin);
  strata_layer_editor_set_layer (editor, pool);
  g_assert_null (strata_layer_editor_get_control (editor, "filters"));
  assert_pair_bound (editor, pool, strata_param_get_info (STRATA_PARAM_POOL));
  g_object_set (first, "filters", 40, NULL);
  g_assert_cmpfloat (spin_value (old), ==, 32);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (old), 7);
  g_object_get (first, "filters", &filters, NULL);
  g_assert_cmpuint (filters, ==, 40);
  g_clear_object (&old);

  /* The input's fields follow the network shown. */
  strata_network_set_input (network, 32, 32, 3);
  strata_network_set_input (other, 64, 48, 1);
  strata_layer_editor_set_input (editor, network);
  strata_layer_editor_set_input (editor, other);
  spin = control (editor, "input-height");
  g_assert_cmpfloat (spin_value (spin), ==, 64);
  strata_network_set_input (network, 20, 20, 3);
  g_assert_cmpfloat (spin_value (spin), ==, 64);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 50);
  g_assert_cmpuint (strata_network_get_input_shape (other)->height, ==, 50);
  g_assert_cmpuint (strata_network_get_input_shape (network)->height, ==, 20);
  strata_layer_editor_clear (editor);
  strata_network_set_input (other, 10, 48, 1);
  g_assert_cmpfloat (spin_value (spin), ==, 50);

  g_object_unref (editor);
}

static void
flush_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static guint
n_choices (StrataLayerEditor *editor,
           const char        *name)
{
  return g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (control (editor,
                                                                                    name))));
}

/* Each kind reads what its row of the table says: one input with the
 * layer before as default, two or more, or none; kinds with weights may
 * share those of an earlier layer of their kind. */
static void
test_inputs_every_kind (void)
{
  StrataLayerEditor *editor = STRATA_LAYER_EDITOR (g_object_ref_sink (strata_layer_editor_new ()));

  for (guint kind = 0; kind < STRATA_N_LAYER_KINDS; kind++)
    {
      const StrataLayerKindInfo *info = strata_layer_kind_get_info (kind);
      g_autoptr(StrataNetwork) network = strata_network_new ();
      g_autoptr(StrataHistory) history = strata_history_new (network);
      g_autoptr(StrataLayer) conv = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
      g_autoptr(StrataLayer) pool = strata_layer_new (STRATA_LAYER_KIND_MAXPOOL2D);
      g_autoptr(StrataLayer) layer = strata_layer_new (kind);
      GtkWidget *shares;

      g_test_message ("kind %s", info->id);
      strata_layer_set_name (conv, "conv");
      strata_layer_set_name (pool, "pool");
      strata_network_append (network, conv);
      strata_network_append (network, pool);
      strata_network_append (network, layer);
      strata_layer_editor_set_history (editor, history);
      strata_layer_editor_set_layer (editor, layer);

      if (info->max_inputs == 0)
        g_assert_null (strata_layer_editor_get_control (editor, "input-0"));
      else if (info->max_inputs == 1)
        {
          /* Default, the network's input, conv and pool. */
          g_assert_cmpuint (n_choices (editor, "input-0"), ==, 4);
          g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (control (editor,
                                                                                "input-0"))),
                            ==, 0);
          g_assert_null (strata_layer_editor_get_control (editor, "add-input"));
        }
      else
        {
          GtkWidget *remove = strata_layer_editor_get_control (editor, "remove-input-0");

          /* Reading the layer before by default: one input, of at least two. */
          g_assert_cmpuint (n_choices (editor, "input-0"), ==, 3);
          g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (control (editor,
                                                                                  "input-0"))),
                           ==, "pool");
          g_assert_null (strata_layer_editor_get_control (editor, "input-1"));
          if (info->min_inputs == info->max_inputs)
            g_assert_null (remove);
          else
            g_assert_false (gtk_widget_get_sensitive (remove));
          g_signal_emit_by_name (control (editor, "add-input"), "clicked");
          flush_main_loop ();
          g_assert_cmpuint (strata_layer_get_n_inputs (layer), ==, 2);
          g_assert_true (strata_layer_get_input (layer, 0) == pool);
          g_assert_true (strata_layer_get_input (layer, 1) == conv);
          g_assert_cmpuint (n_choices (editor, "input-1"), ==, 3);
          g_assert_true ((strata_layer_editor_get_control (editor, "add-input") != NULL) ==
                         (info->max_inputs > 2));
          g_assert_true (strata_history_undo (history, NULL));
          flush_main_loop ();
          g_assert_cmpuint (strata_layer_get_n_inputs (layer), ==, 0);
          g_assert_null (strata_layer_editor_get_control (editor, "input-1"));
        }

      /* conv is the only earlier layer with weights; pool has none. */
      shares = strata_layer_editor_get_control (editor, "shares");
      if (kind == STRATA_LAYER_KIND_CONV2D)
        g_assert_cmpuint (n_choices (editor, "shares"), ==, 2);
      else
        g_assert_null (shares);
      strata_layer_editor_clear (editor);
    }

  g_object_unref (editor);
}

/* The Result rows explain their numbers, the receptive field has a row,
 * and only layers with a sliding window show how it slides. */
static void
test_results_explained (void)
{
  StrataLayerEditor *editor = STRATA_LAYER_EDITOR (g_object_ref_sink (strata_layer_editor_new ()));
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(StrataLayer) conv = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  g_autoptr(StrataLayer) dense = strata_layer_new (STRATA_LAYER_KIND_DENSE);

  g_object_set (conv, "kernel-height", 5, "kernel-width", 5, NULL);
  strata_network_set_input (network, 32, 32, 3);
  strata_network_append (network, conv);
  strata_network_append (network, dense);

  strata_layer_editor_set_layer (editor, conv);
  /* The results wait under the first screenful, as the fields do. */
  g_assert_null (editor->output_row);
  control (editor, "filters");
  g_assert_nonnull (editor->output_row);
  g_assert_false (gtk_widget_get_visible (editor->lower_box));
  g_assert_cmpstr (adw_action_row_get_subtitle (editor->output_row), ==,
                   "height and width: 32 − 5 + 1 = 28\nchannels: 8 filters");
  g_assert_cmpstr (adw_action_row_get_subtitle (editor->params_row), ==,
                   "(5 × 5 × 3 + 1) × 8 = 608");
  g_assert_cmpstr (adw_action_row_get_subtitle (editor->macs_row), ==,
                   "28 × 28 × 8 × (5 × 5 × 3) = 470,400");
  g_assert_cmpstr (adw_action_row_get_subtitle (editor->activation_row), ==,
                   "28 × 28 × 8 = 6,272");
  g_assert_cmpstr (gtk_label_get_label (editor->field_label), ==, "5");
  g_assert_true (gtk_widget_get_visible (editor->slide_group));

  /* An edit that keeps the shape changes the field, and the row shows it. */
  g_object_set (conv, "kernel-height", 7, "kernel-width", 7, "padding",
                STRATA_PADDING_EXPLICIT, "padding-height", 1, "padding-width", 1, NULL);
  g_assert_cmpstr (gtk_label_get_label (editor->field_label), ==, "7");

  strata_layer_editor_set_layer (editor, dense);
  g_assert_cmpstr (gtk_label_get_label (editor->field_label), ==, "the whole input");
  g_assert_false (gtk_widget_get_visible (editor->slide_group));
  g_object_unref (editor);
}

/* The caption is a text row; the colour shows the kind's until one is
 * chosen, and the reset button, shown only then, gives it back. */
static void
test_look (void)
{
  StrataLayerEditor *editor = STRATA_LAYER_EDITOR (g_object_ref_sink (strata_layer_editor_new ()));
  g_autoptr(StrataLayer) conv = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  g_autoptr(StrataLayer) dense = strata_layer_new (STRATA_LAYER_KIND_DENSE);
  GtkColorChooser *button;
  GtkWidget *reset;
  GdkRGBA rgba, kind_rgba;
  double rgb[3];

  strata_layer_editor_set_layer (editor, conv);
  assert_text_bound (editor, conv, "caption");

  button = GTK_COLOR_CHOOSER (control (editor, "color"));
  reset = control (editor, "color-reset");
  strata_render_get_category_rgb (STRATA_LAYER_CATEGORY_CONVOLUTION, rgb);
  gtk_color_chooser_get_rgba (button, &kind_rgba);
  g_assert_cmpfloat_with_epsilon (kind_rgba.red, rgb[0], 1e-6);
  g_assert_cmpfloat_with_epsilon (kind_rgba.green, rgb[1], 1e-6);
  g_assert_cmpfloat_with_epsilon (kind_rgba.blue, rgb[2], 1e-6);
  g_assert_false (gtk_widget_get_visible (reset));
  /* Showing the kind's colour gave the layer none. */
  g_assert_null (strata_layer_get_color (conv));

  /* As the chooser does when the user picks a colour. */
  gdk_rgba_parse (&rgba, "#336699");
  gtk_color_chooser_set_rgba (button, &rgba);
  g_signal_emit_by_name (button, "color-set");
  g_assert_cmpstr (strata_layer_get_color (conv), ==, "#336699");
  g_assert_true (gtk_widget_get_visible (reset));

  /* The layer's colour from elsewhere (undo, a file) shows. */
  strata_layer_set_color (conv, "#ff0000");
  gtk_color_chooser_get_rgba (button, &rgba);
  g_assert_cmpfloat (rgba.red, ==, 1);
  g_assert_cmpfloat (rgba.green, ==, 0);

  g_signal_emit_by_name (reset, "clicked");
  g_assert_null (strata_layer_get_color (conv));
  g_assert_false (gtk_widget_get_visible (reset));
  gtk_color_chooser_get_rgba (button, &rgba);
  g_assert_cmpfloat_with_epsilon (rgba.red, rgb[0], 1e-6);

  /* Another kind shows its own colour. */
  strata_layer_editor_set_layer (editor, dense);
  strata_render_get_category_rgb (STRATA_LAYER_CATEGORY_DENSE, rgb);
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (control (editor, "color")), &rgba);
  g_assert_cmpfloat_with_epsilon (rgba.red, rgb[0], 1e-6);
  g_assert_cmpfloat_with_epsilon (rgba.blue, rgb[2], 1e-6);

  strata_layer_editor_clear (editor);
  g_object_unref (editor);
}

/* Labels under @widget, in order, into @texts. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_ptr_array_add (texts, (gpointer) gtk_label_get_label (GTK_LABEL (child)));
      collect_labels (child, texts);
    }
}

/* What the editor does not show it has not made: the input's page, a
 * range's, nothing selected's, and the rows of the kind row's popover,
 * which its first opening fills with every kind. */
static void
test_pages_wait (void)
{
  GtkWidget *window = gtk_window_new ();
  StrataLayerEditor *editor = STRATA_LAYER_EDITOR (strata_layer_editor_new ());
  g_autoptr(StrataLayer) conv = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  GtkWidget *kind_row;
  GtkWidget *popover;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  strata_layer_editor_set_layer (editor, conv);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  g_assert_null (editor->title_row);
  g_assert_null (editor->range_label);
  g_assert_null (gtk_stack_get_child_by_name (editor->stack, "input"));
  g_assert_null (gtk_stack_get_child_by_name (editor->stack, "empty"));
  g_assert_null (gtk_stack_get_child_by_name (editor->stack, "range"));

  kind_row = control (editor, "kind");
  popover = strata_test_find_descendant (kind_row, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  collect_labels (popover, texts);
  g_assert_cmpuint (texts->len, ==, 0);
  gtk_widget_activate (kind_row);
  gtk_test_widget_wait_for_draw (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  collect_labels (popover, texts);
  /* Every kind, in the table's order, each row its label. */
  g_assert_cmpuint (texts->len, >=, STRATA_N_LAYER_KINDS);
  for (guint i = 0; i < STRATA_N_LAYER_KINDS; i++)
    g_assert_cmpstr (g_ptr_array_index (texts, i), ==, _(strata_layer_kind_get_info (i)->label));
  gtk_popover_popdown (GTK_POPOVER (popover));

  g_object_set (network, "input-height", 96, "name", "Slides", NULL);
  strata_layer_editor_set_input (editor, network);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (editor->stack), ==, "input");
  g_assert_cmpfloat (gtk_spin_button_get_value (editor->input_height_spin), ==, 96);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->title_row)), ==, "Slides");
  gtk_spin_button_set_value (editor->input_width_spin, 80);
  g_assert_cmpuint (strata_network_get_input_shape (network)->width, ==, 80);
  g_assert_true (control (editor, "title") == GTK_WIDGET (editor->title_row));

  strata_layer_editor_clear (editor);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (editor->stack), ==, "empty");
  strata_layer_editor_set_range (editor, 3);
  g_assert_cmpstr (gtk_label_get_label (editor->range_label), ==, "3 layers selected");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (editor->stack), ==, "range");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/layer-editor/every-kind", test_every_kind);
  g_test_add_func ("/layer-editor/inputs-every-kind", test_inputs_every_kind);
  g_test_add_func ("/layer-editor/rebind", test_rebind);
  g_test_add_func ("/layer-editor/rows-wait", test_rows_wait);
  g_test_add_func ("/layer-editor/pages-wait", test_pages_wait);
  g_test_add_func ("/layer-editor/results-explained", test_results_explained);
  g_test_add_func ("/layer-editor/look", test_look);

  return g_test_run ();
}
