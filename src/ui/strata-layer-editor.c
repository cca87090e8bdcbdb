/* strata-layer-editor.c: the controls of the selected layer, or of the network's input. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "strata-inputs-group.h"
#include "strata-layer-editor.h"

/* Spin buttons stop here: larger values are typos, not networks. */
#define MAX_COUNT 1000000
#define MAX_RATE 0.99

struct _StrataLayerEditor
{
  GtkWidget             parent_instance;

  StrataLayer          *layer;
  StrataNetwork        *network;
  StrataHistory        *history;
  /* The name's and the parameters' bindings to the layer shown, made with
   * the rows: a layer of the same kind takes them over, one of another
   * kind gets rows and bindings of its own. */
  GBindingGroup        *bindings;
  /* The input's spin buttons, bound to the network shown. */
  GBindingGroup        *input_bindings;
  GPtrArray            *param_rows;
  /* property name -> the control editing it */
  GHashTable           *controls;
  gboolean              setting_kind;

  GtkStack             *stack;
  GtkSpinButton        *input_height_spin;
  GtkSpinButton        *input_width_spin;
  GtkSpinButton        *input_channels_spin;
  GtkWidget            *error_box;
  GtkLabel             *error_label;
  AdwEntryRow          *name_row;
  AdwComboRow          *kind_row;
  StrataInputsGroup    *inputs_group;
  AdwPreferencesGroup  *params_group;
  AdwActionRow         *params_row;
  GtkLabel             *output_label;
  GtkLabel             *params_label;
  GtkLabel             *macs_label;
  GtkLabel             *activation_label;
};

G_DEFINE_FINAL_TYPE (StrataLayerEditor, strata_layer_editor, GTK_TYPE_WIDGET)

enum {
  KIND_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static gboolean
padding_is_explicit (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == STRATA_PADDING_EXPLICIT);
  return TRUE;
}

static gboolean
name_to_text (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  const char *name = g_value_get_string (from);

  g_value_set_string (to, name != NULL ? name : "");
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

static void
apply_while_typing (GtkSpinButton *spin)
{
  g_signal_connect (spin, "changed", G_CALLBACK (spin_text_changed_cb), NULL);
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

  apply_while_typing (GTK_SPIN_BUTTON (spin));

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

/* Two spin buttons: height × width. */
static GtkWidget *
make_pair (StrataLayerEditor     *self,
           const StrataParamInfo *info)
{
  const char *label = _(info->label);
  g_autofree char *height_label = part_label (label, FALSE);
  g_autofree char *width_label = part_label (label, TRUE);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box),
                  make_spin (self, info->properties[0], height_label, 3));
  gtk_box_append (GTK_BOX (box), make_times ());
  gtk_box_append (GTK_BOX (box),
                  make_spin (self, info->properties[1], width_label, 3));
  return box;
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

  for (guint i = 0; i < n_labels; i++)
    gtk_string_list_append (list, _(labels[i]));
  return gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
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
static GtkWidget *
make_param_row (StrataLayerEditor     *self,
                const StrataParamInfo *info)
{
  const char *label = _(info->label);
  g_autoptr(GtkStringList) labels = NULL;
  GtkWidget *row;

  if (info->type == STRATA_PARAM_TYPE_ACTIVATION)
    {
      labels = gtk_string_list_new (NULL);
      for (guint i = 0; i < STRATA_N_ACTIVATIONS; i++)
        gtk_string_list_append (labels, _(strata_activation_get_info (i)->label));
      return make_combo_row (self, info, labels, enum_to_uint, uint_to_enum);
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
      bind (self, info->properties[0], row, "text", TRUE, name_to_text, NULL);
      g_hash_table_insert (self->controls, (gpointer) info->properties[0], row);
      return row;
    }

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);

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
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_pair (self, info));
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

/* The name's binding and a row for each parameter of @kind, in the
 * table's order, bound to no layer yet. */
static void
make_rows (StrataLayerEditor *self,
           StrataLayerKind    kind)
{
  self->bindings = g_binding_group_new ();

  /* Text goes back untouched: the layer turns "" into no name. */
  bind (self, "name", self->name_row, "text", TRUE, name_to_text, NULL);
  g_hash_table_insert (self->controls, (gpointer) "name", self->name_row);
  g_hash_table_insert (self->controls, (gpointer) "kind", self->kind_row);

  /* The kind's parameter mask decides the rows. */
  for (guint p = 0; p < STRATA_N_PARAMS; p++)
    {
      GtkWidget *row;

      if (!strata_layer_kind_takes (kind, p))
        continue;
      row = make_param_row (self, strata_param_get_info (p));
      adw_preferences_group_add (self->params_group, row);
      g_ptr_array_add (self->param_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->params_group), self->param_rows->len > 0);
}

/* The rows go, and their bindings with them. */
static void
clear_rows (StrataLayerEditor *self)
{
  g_clear_object (&self->bindings);
  for (guint i = 0; i < self->param_rows->len; i++)
    adw_preferences_group_remove (self->params_group, g_ptr_array_index (self->param_rows, i));
  g_ptr_array_set_size (self->param_rows, 0);
  g_hash_table_remove_all (self->controls);
}

static void
update_results (StrataLayerEditor *self)
{
  const StrataShape *shape;
  const char *error;
  const char *formula;
  g_autofree char *shape_text = NULL;
  g_autofree char *params = NULL;
  g_autofree char *macs = NULL;
  g_autofree char *activations = NULL;

  if (self->layer == NULL)
    return;

  shape = strata_layer_get_output_shape (self->layer);
  error = strata_layer_get_error (self->layer);
  formula = strata_layer_get_formula (self->layer);

  gtk_widget_set_visible (self->error_box, error != NULL);
  gtk_label_set_label (self->error_label, error);

  /* Translators: shown for a value that cannot be computed */
  shape_text = shape != NULL ? strata_shape_to_string (shape) : g_strdup (_("—"));
  params = strata_format_count (strata_layer_get_params_count (self->layer));
  macs = strata_format_count (strata_layer_get_macs (self->layer));
  activations = strata_format_count (strata_layer_get_activation_size (self->layer));

  gtk_label_set_label (self->output_label, shape_text);
  gtk_label_set_label (self->params_label, shape != NULL ? params : _("—"));
  if (shape != NULL && (strata_layer_get_kind_info (self->layer)->flags &
                        STRATA_LAYER_KIND_FLAG_MACS_UNKNOWN))
    /* Translators: the MACs of an imported operation Strata cannot count */
    gtk_label_set_label (self->macs_label, _("Unknown"));
  else
    gtk_label_set_label (self->macs_label, shape != NULL ? macs : _("—"));
  gtk_label_set_label (self->activation_label, shape != NULL ? activations : _("—"));
  adw_action_row_set_subtitle (self->params_row, formula != NULL ? formula : "");
}

static void
layer_notify_cb (StrataLayerEditor *self,
                 GParamSpec        *pspec,
                 StrataLayer       *layer)
{
  update_results (self);
}

static void
kind_selected_cb (StrataLayerEditor *self,
                  GParamSpec        *pspec,
                  AdwComboRow       *row)
{
  guint kind = adw_combo_row_get_selected (row);

  if (self->setting_kind || self->layer == NULL || kind >= STRATA_N_LAYER_KINDS)
    return;
  if (kind == strata_layer_get_kind (self->layer))
    return;
  g_signal_emit (self, signals[KIND_CHANGED], 0, (StrataLayerKind) kind);
}

/* Lets go of the layer or the network shown; the rows stay, bound to
 * nothing. */
static void
release (StrataLayerEditor *self)
{
  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  g_binding_group_set_source (self->input_bindings, NULL);
  if (self->inputs_group != NULL)
    strata_inputs_group_set_layer (self->inputs_group, NULL, NULL);
  if (self->layer != NULL)
    g_signal_handlers_disconnect_by_func (self->layer, layer_notify_cb, self);
  g_clear_object (&self->layer);
  g_clear_object (&self->network);
}

static void
detach (StrataLayerEditor *self)
{
  release (self);
  clear_rows (self);
}

static void
strata_layer_editor_dispose (GObject *object)
{
  StrataLayerEditor *self = STRATA_LAYER_EDITOR (object);

  detach (self);
  g_clear_object (&self->history);
  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_LAYER_EDITOR);

  G_OBJECT_CLASS (strata_layer_editor_parent_class)->dispose (object);
}

static void
strata_layer_editor_finalize (GObject *object)
{
  StrataLayerEditor *self = STRATA_LAYER_EDITOR (object);

  g_clear_object (&self->input_bindings);
  g_clear_pointer (&self->param_rows, g_ptr_array_unref);
  g_clear_pointer (&self->controls, g_hash_table_unref);

  G_OBJECT_CLASS (strata_layer_editor_parent_class)->finalize (object);
}

static void
strata_layer_editor_class_init (StrataLayerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_layer_editor_dispose;
  object_class->finalize = strata_layer_editor_finalize;

  g_type_ensure (STRATA_TYPE_INPUTS_GROUP);

  /**
   * StrataLayerEditor::kind-changed:
   * @kind: the kind the user picked
   *
   * The user asked for the shown layer to become a layer of another kind.
   */
  signals[KIND_CHANGED] =
    g_signal_new ("kind-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, STRATA_TYPE_LAYER_KIND);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/ui/strata-layer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, input_height_spin);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, input_width_spin);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, input_channels_spin);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, error_box);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, inputs_group);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, params_group);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, params_row);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, output_label);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, params_label);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, macs_label);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, activation_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "layereditor");
}

static void
strata_layer_editor_init (StrataLayerEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  self->param_rows = g_ptr_array_new ();
  self->controls = g_hash_table_new (g_str_hash, g_str_equal);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->input_bindings = g_binding_group_new ();
  g_binding_group_bind (self->input_bindings, "input-height", self->input_height_spin, "value",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->input_bindings, "input-width", self->input_width_spin, "value",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->input_bindings, "input-channels", self->input_channels_spin, "value",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  for (guint i = 0; i < STRATA_N_LAYER_KINDS; i++)
    gtk_string_list_append (kinds, _(strata_layer_kind_get_info (i)->label));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (kind_selected_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_editable_set_enable_undo (GTK_EDITABLE (self->name_row), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->input_height_spin), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->input_width_spin), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->input_channels_spin), FALSE);
  apply_while_typing (self->input_height_spin);
  apply_while_typing (self->input_width_spin);
  apply_while_typing (self->input_channels_spin);
}

GtkWidget *
strata_layer_editor_new (void)
{
  return g_object_new (STRATA_TYPE_LAYER_EDITOR, NULL);
}

StrataLayer *
strata_layer_editor_get_layer (StrataLayerEditor *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER_EDITOR (self), NULL);

  return self->layer;
}

void
strata_layer_editor_set_layer (StrataLayerEditor *self,
                               StrataLayer       *layer)
{
  StrataLayerKind kind;

  g_return_if_fail (STRATA_IS_LAYER_EDITOR (self));
  g_return_if_fail (layer == NULL || STRATA_IS_LAYER (layer));

  if (layer == NULL)
    {
      strata_layer_editor_clear (self);
      return;
    }
  if (layer == self->layer)
    return;

  kind = strata_layer_get_kind (layer);
  /* The rows of a layer of the same kind serve as they are: only the
   * layer they are bound to changes, which costs no widgets. */
  if (self->layer != NULL && strata_layer_get_kind (self->layer) == kind)
    release (self);
  else
    {
      detach (self);
      make_rows (self, kind);
    }
  self->layer = g_object_ref (layer);
  g_binding_group_set_source (self->bindings, layer);

  self->setting_kind = TRUE;
  adw_combo_row_set_selected (self->kind_row, kind);
  self->setting_kind = FALSE;

  strata_inputs_group_set_layer (self->inputs_group, self->history, layer);

  g_signal_connect_object (layer, "notify", G_CALLBACK (layer_notify_cb), self,
                           G_CONNECT_SWAPPED);
  update_results (self);
  gtk_stack_set_visible_child_name (self->stack, "layer");
}

void
strata_layer_editor_set_input (StrataLayerEditor *self,
                               StrataNetwork     *network)
{
  g_return_if_fail (STRATA_IS_LAYER_EDITOR (self));
  g_return_if_fail (STRATA_IS_NETWORK (network));

  if (network == self->network)
    return;

  detach (self);
  self->network = g_object_ref (network);
  g_binding_group_set_source (self->input_bindings, network);
  g_hash_table_insert (self->controls, (gpointer) "input-height", self->input_height_spin);
  g_hash_table_insert (self->controls, (gpointer) "input-width", self->input_width_spin);
  g_hash_table_insert (self->controls, (gpointer) "input-channels", self->input_channels_spin);
  gtk_stack_set_visible_child_name (self->stack, "input");
}

void
strata_layer_editor_clear (StrataLayerEditor *self)
{
  g_return_if_fail (STRATA_IS_LAYER_EDITOR (self));

  detach (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
strata_layer_editor_focus_name (StrataLayerEditor *self)
{
  g_return_if_fail (STRATA_IS_LAYER_EDITOR (self));

  if (self->layer != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

void
strata_layer_editor_set_history (StrataLayerEditor *self,
                                 StrataHistory     *history)
{
  g_return_if_fail (STRATA_IS_LAYER_EDITOR (self));
  g_return_if_fail (history == NULL || STRATA_IS_HISTORY (history));

  if (!g_set_object (&self->history, history))
    return;
  strata_inputs_group_set_layer (self->inputs_group, history, self->layer);
}

GtkWidget *
strata_layer_editor_get_control (StrataLayerEditor *self,
                                 const char        *property)
{
  GtkWidget *control;

  g_return_val_if_fail (STRATA_IS_LAYER_EDITOR (self), NULL);
  g_return_val_if_fail (property != NULL, NULL);

  control = g_hash_table_lookup (self->controls, property);
  if (control == NULL)
    control = strata_inputs_group_get_control (self->inputs_group, property);
  return control;
}
