/* strata-layer-editor-rows.c: a row of controls for each hyper-parameter, from its table. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-layer-editor-private.h"
#include "strata-pair-entry.h"

/* Spin buttons stop here: larger values are typos, not networks. */
#define MAX_COUNT 1000000
#define MAX_RATE 0.99

/* Display names of a reshape's target; index = whether it is a vector. */
static const char * const target_labels[] = {
  N_("Height × width × channels"),
  N_("Vector"),
};

/* Display names; index = StrataPadding. */
static const char * const padding_labels[] = {
  /* Translators: padding "valid": no padding */
  N_("Valid"),
  /* Translators: padding "same": output as large as the input over the stride */
  N_("Same"),
  /* Translators: padding given as explicit amounts */
  N_("Explicit"),
};

static gboolean
enum_to_uint (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  g_value_set_uint (to, g_value_get_enum (from));
  return TRUE;
}

static gboolean
uint_to_enum (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  guint value = g_value_get_uint (from);

  if (value == GTK_INVALID_LIST_POSITION)
    return FALSE;
  g_value_set_enum (to, value);
  return TRUE;
}

/* An activation to its place in a list without @hidden, which shows as
 * the activation doing the same. */
static gboolean
activation_to_position (GBinding     *binding,
                        const GValue *from,
                        GValue       *to,
                        gpointer      user_data)
{
  guint hidden = GPOINTER_TO_UINT (user_data);
  guint value = g_value_get_enum (from);

  if (value == hidden)
    value = hidden == STRATA_ACTIVATION_NONE ? STRATA_ACTIVATION_LINEAR : STRATA_ACTIVATION_NONE;
  g_value_set_uint (to, value > hidden ? value - 1 : value);
  return TRUE;
}

static gboolean
position_to_activation (GBinding     *binding,
                        const GValue *from,
                        GValue       *to,
                        gpointer      user_data)
{
  guint hidden = GPOINTER_TO_UINT (user_data);
  guint value = g_value_get_uint (from);

  if (value == GTK_INVALID_LIST_POSITION)
    return FALSE;
  g_value_set_enum (to, value >= hidden ? value + 1 : value);
  return TRUE;
}

/* A list position, unless nothing is selected. */
static gboolean
position_to_uint (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  guint value = g_value_get_uint (from);

  if (value == GTK_INVALID_LIST_POSITION)
    return FALSE;
  g_value_set_uint (to, value);
  return TRUE;
}

static gboolean
boolean_to_uint (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_value_set_uint (to, g_value_get_boolean (from));
  return TRUE;
}

static gboolean
uint_to_boolean (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  guint value = g_value_get_uint (from);

  if (value == GTK_INVALID_LIST_POSITION)
    return FALSE;
  g_value_set_boolean (to, value != 0);
  return TRUE;
}

static gboolean
not_boolean (GBinding     *binding,
             const GValue *from,
             GValue       *to,
             gpointer      user_data)
{
  g_value_set_boolean (to, !g_value_get_boolean (from));
  return TRUE;
}

gboolean
strata_layer_editor_text_to_entry (GBinding     *binding,
                                   const GValue *from,
                                   GValue       *to,
                                   gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text != NULL ? text : "");
  return TRUE;
}

static gboolean
padding_is_explicit (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == STRATA_PADDING_EXPLICIT);
  return TRUE;
}

/* Binds @property of the layer shown, whichever it is, to @target. */
static void
bind (StrataLayerEditor      *self,
      const char             *property,
      gpointer                target,
      const char             *target_property,
      gboolean                both_ways,
      GBindingTransformFunc   to_target,
      GBindingTransformFunc   to_source)
{
  g_binding_group_bind_full (self->bindings, property, target, target_property,
                             G_BINDING_SYNC_CREATE | (both_ways ? G_BINDING_BIDIRECTIONAL : 0),
                             to_target, to_source, NULL, NULL);
}

/* Applies a whole number as it is typed, so the diagram follows every
 * keystroke; text that is not yet a number in range waits for Enter. */
static void
spin_text_changed_cb (GtkSpinButton *spin)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  guint64 value;

  if (gtk_spin_button_get_digits (spin) > 0 ||
      !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &value, NULL) ||
      value < gtk_adjustment_get_lower (adjustment) ||
      value > gtk_adjustment_get_upper (adjustment))
    return;

  gtk_spin_button_set_value (spin, (double) value);
}

/* The spin button's own wheel handling, switched on with the focus. */
static void
set_wheel_enabled (GtkWidget *spin,
                   gboolean   enabled)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (spin);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        gtk_event_controller_set_propagation_phase (controller,
                                                    enabled ? GTK_PHASE_BUBBLE : GTK_PHASE_NONE);
    }
}

static void
spin_focus_enter_cb (GtkEventControllerFocus *focus)
{
  set_wheel_enabled (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)), TRUE);
}

static void
spin_focus_leave_cb (GtkEventControllerFocus *focus)
{
  set_wheel_enabled (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)), FALSE);
}

void
strata_layer_editor_apply_while_typing (GtkSpinButton *spin)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (spin, "changed", G_CALLBACK (spin_text_changed_cb), NULL);

  /* The wheel over the editor scrolls it: a field passed under the
   * pointer must not change (a kernel of 5 became 2). Once the field has
   * the focus, the wheel steps its value, as the user asked by clicking. */
  set_wheel_enabled (GTK_WIDGET (spin), FALSE);
  g_signal_connect (focus, "enter", G_CALLBACK (spin_focus_enter_cb), NULL);
  g_signal_connect (focus, "leave", G_CALLBACK (spin_focus_leave_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (spin), focus);
}

/* A spin button for a numeric property of layers, bound both ways. */
static GtkWidget *
make_spin (StrataLayerEditor *self,
           const char        *property,
           const char        *accessible_label,
           int                width_chars)
{
  GParamSpec *pspec = g_object_class_find_property (g_type_class_peek (STRATA_TYPE_LAYER),
                                                    property);
  double lower = 0, upper = MAX_COUNT, step = 1;
  guint digits = 0;
  GtkAdjustment *adjustment;
  GtkWidget *spin;

  g_assert (pspec != NULL);

  if (G_IS_PARAM_SPEC_UINT (pspec))
    {
      lower = G_PARAM_SPEC_UINT (pspec)->minimum;
      upper = MIN (G_PARAM_SPEC_UINT (pspec)->maximum, MAX_COUNT);
    }
  else if (G_IS_PARAM_SPEC_UINT64 (pspec))
    /* Counts of weights, from a model file: as large as they are, up to
     * 2⁵³ − 1, which a double holds exactly. */
    upper = G_PARAM_SPEC_UINT64 (pspec)->maximum;
  else if (G_IS_PARAM_SPEC_DOUBLE (pspec))
    {
      lower = G_PARAM_SPEC_DOUBLE (pspec)->minimum;
      upper = MIN (G_PARAM_SPEC_DOUBLE (pspec)->maximum, MAX_RATE);
      step = 0.05;
      digits = 2;
    }

  adjustment = gtk_adjustment_new (lower, lower, upper, step, step * 10, 0);
  spin = gtk_spin_button_new (adjustment, 0, digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), width_chars);
  /* Ctrl+Z undoes the edit in the document, not the typing in the field. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (spin), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  strata_layer_editor_apply_while_typing (GTK_SPIN_BUTTON (spin));

  bind (self, property, spin, "value", TRUE, NULL, NULL);
  g_hash_table_insert (self->controls, (gpointer) property, spin);
  return spin;
}

/* "Kernel height" and "Kernel width" from "Kernel", for screen readers. */
static char *
part_label (const char *label,
            gboolean    width)
{
  /* Translators: the two halves of a pair such as "Kernel height" / "Kernel width" */
  return g_strdup_printf (width ? _("%s width") : _("%s height"), label);
}

static GtkWidget *
make_times (void)
{
  GtkWidget *times = gtk_label_new ("×");

  gtk_widget_add_css_class (times, "dim-label");
  return times;
}

/* One field for height × width: a square value is one edit. */
static GtkWidget *
make_pair (StrataLayerEditor     *self,
           const StrataParamInfo *info)
{
  GParamSpec *pspec = g_object_class_find_property (g_type_class_peek (STRATA_TYPE_LAYER),
                                                    info->properties[0]);
  GtkWidget *pair;

  g_assert (G_IS_PARAM_SPEC_UINT (pspec));
  pair = strata_pair_entry_new (G_PARAM_SPEC_UINT (pspec)->minimum,
                                MIN (G_PARAM_SPEC_UINT (pspec)->maximum, MAX_COUNT),
                                _(info->label));
  gtk_widget_set_valign (pair, GTK_ALIGN_CENTER);
  bind (self, info->properties[0], pair, "height", TRUE, NULL, NULL);
  bind (self, info->properties[1], pair, "width", TRUE, NULL, NULL);
  g_hash_table_insert (self->controls, (gpointer) info->properties[0], pair);
  g_hash_table_insert (self->controls, (gpointer) info->properties[1], pair);
  return pair;
}

/* "Padding top" … "Padding right" from "Padding", for screen readers. */
static char *
side_label (const char *label,
            guint       side)
{
  switch (side)
    {
    case 0:
      /* Translators: the four sides of padding or cropping, e.g. "Padding top" */
      return g_strdup_printf (_("%s top"), label);
    case 1:
      return g_strdup_printf (_("%s bottom"), label);
    case 2:
      return g_strdup_printf (_("%s left"), label);
    default:
      return g_strdup_printf (_("%s right"), label);
    }
}

/* Four spin buttons, in the order of the row's subtitle. */
static GtkWidget *
make_sides (StrataLayerEditor     *self,
            const StrataParamInfo *info)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *label = side_label (_(info->label), i);

      gtk_box_append (GTK_BOX (box),
                      make_spin (self, info->properties[i], label, 2));
    }
  return box;
}

static GtkWidget *
make_dropdown (const char * const *labels,
               guint               n_labels)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  GtkWidget *dropdown;

  for (guint i = 0; i < n_labels; i++)
    gtk_string_list_append (list, _(labels[i]));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
  /* Its button, which screen readers reach, is named as the drop-down. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (gtk_widget_get_first_child (dropdown)),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, dropdown, NULL,
                                  -1);
  return dropdown;
}

/* height × width × channels, the first two hidden for a vector, whose
 * length is the channels; and a drop-down to choose which. */
static void
add_target (StrataLayerEditor     *self,
            const StrataParamInfo *info,
            AdwActionRow          *row)
{
  const char *label = _(info->label);
  g_autofree char *height_label = part_label (label, FALSE);
  g_autofree char *width_label = part_label (label, TRUE);
  /* Translators: the last part of a shape, e.g. "Target shape channels" */
  g_autofree char *channels_label = g_strdup_printf (_("%s channels"), label);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *spatial = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *mode = make_dropdown (target_labels, G_N_ELEMENTS (target_labels));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (spatial), make_spin (self, info->properties[0], height_label, 3));
  gtk_box_append (GTK_BOX (spatial), make_times ());
  gtk_box_append (GTK_BOX (spatial), make_spin (self, info->properties[1], width_label, 3));
  gtk_box_append (GTK_BOX (spatial), make_times ());
  gtk_box_append (GTK_BOX (box), spatial);
  gtk_box_append (GTK_BOX (box), make_spin (self, info->properties[2], channels_label, 4));

  gtk_widget_set_valign (mode, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (mode), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  bind (self, info->properties[3], mode, "selected", TRUE, boolean_to_uint, uint_to_boolean);
  bind (self, info->properties[3], spatial, "visible", FALSE, not_boolean, NULL);
  g_hash_table_insert (self->controls, (gpointer) info->properties[3], mode);
  adw_action_row_add_suffix (row, box);
  adw_action_row_add_suffix (row, mode);
}

/* A row picking one of @labels, bound to the parameter's property. */
static GtkWidget *
make_combo_row (StrataLayerEditor     *self,
                const StrataParamInfo *info,
                GtkStringList         *labels,
                GBindingTransformFunc  to_target,
                GBindingTransformFunc  to_source)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(info->label));
  bind (self, info->properties[0], row, "selected", TRUE, to_target, to_source);
  g_hash_table_insert (self->controls, (gpointer) info->properties[0], row);
  return row;
}

/* One row for one hyper-parameter; its controls follow the parameter's type. */
GtkWidget *
strata_layer_editor_make_param_row (StrataLayerEditor     *self,
                                    StrataLayerKind        kind,
                                    const StrataParamInfo *info)
{
  const char *label = _(info->label);
  g_autoptr(GtkStringList) labels = NULL;
  GtkWidget *row;

  if (info->type == STRATA_PARAM_TYPE_ACTIVATION)
    {
      /* "None" and "Linear" do the same; one of them is offered: none for
       * an activation folded into a layer, linear for an activation
       * layer, which is always some function. */
      StrataActivation hidden = kind == STRATA_LAYER_KIND_ACTIVATION ? STRATA_ACTIVATION_NONE
                                                                     : STRATA_ACTIVATION_LINEAR;

      labels = gtk_string_list_new (NULL);
      for (guint i = 0; i < STRATA_N_ACTIVATIONS; i++)
        if (i != hidden)
          gtk_string_list_append (labels, _(strata_activation_get_info (i)->label));
      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      g_binding_group_bind_full (self->bindings, info->properties[0], row, "selected",
                                 G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                                 activation_to_position, position_to_activation,
                                 GUINT_TO_POINTER (hidden), NULL);
      g_hash_table_insert (self->controls, (gpointer) info->properties[0], row);
      return row;
    }
  if (info->type == STRATA_PARAM_TYPE_CHOICE)
    {
      labels = gtk_string_list_new (NULL);
      for (guint i = 0; i < info->n_choices; i++)
        gtk_string_list_append (labels, _(info->choices[i].label));
      return make_combo_row (self, info, labels, NULL, position_to_uint);
    }

  if (info->type == STRATA_PARAM_TYPE_TEXT)
    {
      /* Text goes back untouched: the layer turns "" into none. */
      row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
      bind (self, info->properties[0], row, "text", TRUE, strata_layer_editor_text_to_entry, NULL);
      g_hash_table_insert (self->controls, (gpointer) info->properties[0], row);
      return row;
    }

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  /* One Tab stop per field: the row itself would be a second one, with
   * nothing to do there that its controls do not do. */
  gtk_widget_set_focusable (row, FALSE);

  switch ((StrataParamType) info->type)
    {
    case STRATA_PARAM_TYPE_COUNT:
    case STRATA_PARAM_TYPE_RATE:
    case STRATA_PARAM_TYPE_WEIGHTS:
      {
        GtkWidget *spin = make_spin (self, info->properties[0], label,
                                     info->type == STRATA_PARAM_TYPE_RATE ? 4 :
                                     info->type == STRATA_PARAM_TYPE_WEIGHTS ? 9 : 5);

        adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      }
      break;
    case STRATA_PARAM_TYPE_PAIR:
      {
        GtkWidget *pair = make_pair (self, info);

        adw_action_row_add_suffix (ADW_ACTION_ROW (row), pair);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), pair);
      }
      break;
    case STRATA_PARAM_TYPE_PADDING:
      {
        GtkWidget *mode = make_dropdown (padding_labels, G_N_ELEMENTS (padding_labels));
        GtkWidget *amounts = make_pair (self, info);

        gtk_widget_set_valign (mode, GTK_ALIGN_CENTER);
        gtk_accessible_update_property (GTK_ACCESSIBLE (mode),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                        -1);
        bind (self, "padding", mode, "selected", TRUE, enum_to_uint, uint_to_enum);
        bind (self, "padding", amounts, "visible", FALSE, padding_is_explicit, NULL);
        g_hash_table_insert (self->controls, (gpointer) "padding", mode);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), amounts);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), mode);
      }
      break;
    case STRATA_PARAM_TYPE_BOOLEAN:
      {
        GtkWidget *toggle = gtk_switch_new ();

        gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
        gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                        -1);
        bind (self, info->properties[0], toggle, "active", TRUE, NULL, NULL);
        g_hash_table_insert (self->controls, (gpointer) info->properties[0], toggle);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      }
      break;
    case STRATA_PARAM_TYPE_SIDES:
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Top, bottom, left, right"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_sides (self, info));
      break;
    case STRATA_PARAM_TYPE_TARGET:
      add_target (self, info, ADW_ACTION_ROW (row));
      break;
    case STRATA_PARAM_TYPE_ACTIVATION:
    case STRATA_PARAM_TYPE_CHOICE:
    case STRATA_PARAM_TYPE_TEXT:
    default:
      g_assert_not_reached ();
    }

  return row;
}
