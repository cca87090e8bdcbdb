/* strata-layer-editor.c: the controls of the selected layer, or of the network's input. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "strata-layer-editor-private.h"
#include "strata-stack-page.h"
#include "strata-layer-formula.h"
#include "strata-receptive-field.h"
#include "strata-render.h"

G_DEFINE_FINAL_TYPE (StrataLayerEditor, strata_layer_editor, GTK_TYPE_WIDGET)

enum {
  KIND_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_lower (StrataLayerEditor *self);

#define LOWER_RESOURCE "/io/github/strata/Strata/ui/strata-layer-editor-lower.ui"

/* The groups under the first screenful, hidden: what is not shown costs
 * the window's start nothing (80 widgets). */
static void
ensure_lower_box (StrataLayerEditor *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *inputs = GTK_WIDGET (self->inputs_group);

  if (self->lower_box != NULL)
    return;
  g_type_ensure (STRATA_TYPE_SLIDE_VIEW);
  builder = gtk_builder_new_from_resource (LOWER_RESOURCE);
#define GET(type, name) self->name = type (gtk_builder_get_object (builder, #name))
  GET (GTK_WIDGET, lower_box);
  GET (ADW_PREFERENCES_GROUP, params_group);
  GET (ADW_ACTION_ROW, output_row);
  GET (ADW_ACTION_ROW, params_row);
  GET (ADW_ACTION_ROW, macs_row);
  GET (ADW_ACTION_ROW, activation_row);
  GET (ADW_ACTION_ROW, field_row);
  GET (GTK_LABEL, output_label);
  GET (GTK_LABEL, params_label);
  GET (GTK_LABEL, macs_label);
  GET (GTK_LABEL, activation_label);
  GET (GTK_LABEL, field_label);
  GET (GTK_WIDGET, slide_group);
  GET (STRATA_SLIDE_VIEW, slide_view);
#undef GET
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (inputs)), self->lower_box, inputs);
  update_lower (self);
}

/* A row for each parameter of the kind waiting for them, in the table's
 * order, bound to the layer shown if there is one. */
static void
make_param_rows (StrataLayerEditor *self)
{
  if (!self->rows_pending)
    return;
  self->rows_pending = FALSE;
  ensure_lower_box (self);

  /* The kind's parameter mask decides the rows, in the table's order but
   * for the units, which size a dense layer as the filters (first in the
   * table) size a convolution: the field edited first comes first. */
  for (int i = -1; i < STRATA_N_PARAMS; i++)
    {
      StrataParam p = i < 0 ? STRATA_PARAM_UNITS : (StrataParam) i;
      GtkWidget *row;

      if (!strata_layer_kind_takes (self->rows_kind, p) || (i >= 0 && p == STRATA_PARAM_UNITS))
        continue;
      row = strata_layer_editor_make_param_row (self, self->rows_kind, strata_param_get_info (p));
      adw_preferences_group_add (self->params_group, row);
      g_ptr_array_add (self->param_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->params_group), self->param_rows->len > 0);
}

/* The name's binding, bound to no layer yet, and the rows of @kind's
 * parameters, which are under the first screenful: until the groups
 * there show, they wait (a convolution's took 16 M instructions of the
 * window's start, 3 ms). */
static void
make_rows (StrataLayerEditor *self,
           StrataLayerKind    kind)
{
  self->bindings = g_binding_group_new ();

  /* Text goes back untouched: the layer turns "" into no name. */
  g_binding_group_bind_full (self->bindings, "name", self->name_row, "text",
                             G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                             strata_layer_editor_text_to_entry, NULL,
                             NULL, NULL);
  g_binding_group_bind_full (self->bindings, "caption", self->caption_row, "text",
                             G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                             strata_layer_editor_text_to_entry, NULL,
                             NULL, NULL);
  g_hash_table_insert (self->controls, (gpointer) "name", self->name_row);
  g_hash_table_insert (self->controls, (gpointer) "caption", self->caption_row);
  g_hash_table_insert (self->controls, (gpointer) "color", self->color_button);
  g_hash_table_insert (self->controls, (gpointer) "color-reset", self->color_reset_button);
  g_hash_table_insert (self->controls, (gpointer) "kind", self->kind_row);

  self->rows_kind = kind;
  self->rows_pending = TRUE;
  if (self->lower_shown)
    make_param_rows (self);
}

/* The rows go, and their bindings with them. */
static void
clear_rows (StrataLayerEditor *self)
{
  g_clear_object (&self->bindings);
  for (guint i = 0; i < self->param_rows->len; i++)
    adw_preferences_group_remove (self->params_group, g_ptr_array_index (self->param_rows, i));
  g_ptr_array_set_size (self->param_rows, 0);
  self->rows_pending = FALSE;
  g_hash_table_remove_all (self->controls);
}

/* The arithmetic behind a row's number, under it. */
static void
set_formula (AdwActionRow       *row,
             StrataLayer        *layer,
             StrataLayerFormula  which)
{
  g_autofree char *formula = strata_layer_dup_formula (layer, which);

  adw_action_row_set_subtitle (row, formula != NULL ? formula : "");
}

static void
update_field (StrataLayerEditor *self)
{
  const StrataReceptiveField *field = strata_layer_get_receptive_field (self->layer);
  g_autofree char *size = strata_receptive_field_dup_size (field);
  g_autofree char *subtitle = NULL;

  if (field->kind == STRATA_RECEPTIVE_FIELD_SPATIAL)
    {
      g_autofree char *jump = strata_receptive_field_dup_jump (field);
      g_autofree char *start = strata_receptive_field_dup_start (field);

      /* Translators: the receptive field's jump (effective stride) and the
       * input position its first window centres on */
      subtitle = g_strdup_printf (_("Input pixels seen by one output value; neighbours are %s "
                                    "apart, the first centred on %s"), jump, start);
    }
  else if (field->kind == STRATA_RECEPTIVE_FIELD_GLOBAL)
    subtitle = g_strdup (_("Every output value depends on every input value"));

  gtk_label_set_label (self->field_label, size != NULL ? size : _("—"));
  adw_action_row_set_subtitle (self->field_row, subtitle != NULL ? subtitle : "");
}

/* The button shows the layer's colour, or its kind's when it has none of
 * its own; it is set here, not bound, so that showing the kind's colour
 * never gives the layer a colour. */
static void
update_color (StrataLayerEditor *self)
{
  const char *color = strata_layer_get_color (self->layer);
  GdkRGBA rgba = { 0, 0, 0, 1 };

  if (color != NULL)
    gdk_rgba_parse (&rgba, color);
  else
    {
      double rgb[3];

      strata_render_get_category_rgb (strata_layer_get_kind_info (self->layer)->category, rgb);
      rgba = (GdkRGBA) { rgb[0], rgb[1], rgb[2], 1 };
    }
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
  gtk_widget_set_visible (GTK_WIDGET (self->color_reset_button), color != NULL);
  adw_action_row_set_subtitle (self->color_row,
                               color != NULL ? _("Its own, shown in the legend")
                                             : _("Its kind's"));
}

static void
color_set_cb (StrataLayerEditor *self,
              GtkColorButton    *button)
{
  GdkRGBA rgba;
  g_autofree char *color = NULL;

  if (self->layer == NULL)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  color = g_strdup_printf ("#%02x%02x%02x", (guint) lround (CLAMP (rgba.red, 0, 1) * 255),
                           (guint) lround (CLAMP (rgba.green, 0, 1) * 255),
                           (guint) lround (CLAMP (rgba.blue, 0, 1) * 255));
  strata_layer_set_color (self->layer, color);
}

static void
color_reset_cb (StrataLayerEditor *self,
                GtkButton         *button)
{
  if (self->layer != NULL)
    strata_layer_set_color (self->layer, NULL);
}

static void
update_results (StrataLayerEditor *self)
{
  const char *error;

  if (self->layer == NULL)
    return;

  update_color (self);
  error = strata_layer_get_error (self->layer);

  gtk_widget_set_visible (self->error_box, error != NULL);
  gtk_label_set_label (self->error_label, error);
  update_lower (self);
}

/* The results and the slide, once made: the formulas are not written for
 * rows nobody sees. */
static void
update_lower (StrataLayerEditor *self)
{
  const StrataShape *shape;
  const char *formula;
  g_autofree char *shape_text = NULL;
  g_autofree char *params = NULL;
  g_autofree char *macs = NULL;
  g_autofree char *activations = NULL;

  if (self->layer == NULL || self->lower_box == NULL)
    return;
  shape = strata_layer_get_output_shape (self->layer);
  formula = strata_layer_get_formula (self->layer);

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
  set_formula (self->output_row, self->layer, STRATA_LAYER_FORMULA_SHAPE);
  set_formula (self->macs_row, self->layer, STRATA_LAYER_FORMULA_MACS);
  set_formula (self->activation_row, self->layer, STRATA_LAYER_FORMULA_ACTIVATION);
  update_field (self);
  gtk_widget_set_visible (self->slide_group,
                          strata_slide_view_set_layer (self->slide_view, self->layer));
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
  if (self->input_bindings != NULL)
    g_binding_group_set_source (self->input_bindings, NULL);
  if (self->inputs_group != NULL)
    strata_inputs_group_set_layer (self->inputs_group, NULL, NULL);
  if (self->layer != NULL)
    g_signal_handlers_disconnect_by_func (self->layer, layer_notify_cb, self);
  g_clear_object (&self->layer);
  /* Stops its animation. */
  if (self->slide_view != NULL)
    strata_slide_view_set_layer (self->slide_view, NULL);
  g_clear_object (&self->network);
  self->n_range = 0;
}

static void
detach (StrataLayerEditor *self)
{
  release (self);
  clear_rows (self);
}

/* The groups under the layer's name, kind, drawing fields and inputs:
 * its hyper-parameters, results and slide. A window's first frame most
 * often shows them only once the panel is scrolled, and their wrapped
 * formulas were the most costly widgets to measure of that frame, each
 * measured at many widths by the boxes around them (GtkBoxLayout asks a
 * wrapped label's width for several heights, and the label searches for
 * each). They are shown in the first frame if the panel has room left
 * for them, or else once it has been drawn. */
static void
stop_waiting_for_frame (StrataLayerEditor *self)
{
  if (self->frame_clock != NULL)
    {
      g_clear_signal_handler (&self->layout_id, self->frame_clock);
      g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
    }
  g_clear_object (&self->frame_clock);
  g_clear_handle_id (&self->show_idle_id, g_source_remove);
}

static void
show_lower_groups (StrataLayerEditor *self)
{
  self->lower_shown = TRUE;
  stop_waiting_for_frame (self);
  ensure_lower_box (self);
  make_param_rows (self);
  gtk_widget_set_visible (self->lower_box, TRUE);
}

/* After the window's own layout: showing the groups then makes the frame
 * clock lay the window out again before it paints. A size allocation
 * must not change what it allocates: the widgets being allocated would
 * forget that they need it again. */
static void
layout_cb (GdkFrameClock     *clock,
           StrataLayerEditor *self)
{
  if (self->lower_room)
    show_lower_groups (self);
}

static gboolean
show_lower_groups_cb (gpointer data)
{
  StrataLayerEditor *self = data;

  self->show_idle_id = 0;
  show_lower_groups (self);
  return G_SOURCE_REMOVE;
}

/* The frame is on the screen: the groups, their rows made, are the next
 * frame's, once the frame clock has finished with this one. */
static void
after_paint_cb (GdkFrameClock     *clock,
                StrataLayerEditor *self)
{
  stop_waiting_for_frame (self);
  self->show_idle_id = g_idle_add (show_lower_groups_cb, self);
}

static void
strata_layer_editor_map (GtkWidget *widget)
{
  StrataLayerEditor *self = STRATA_LAYER_EDITOR (widget);

  GTK_WIDGET_CLASS (strata_layer_editor_parent_class)->map (widget);
  if (!self->lower_shown && self->frame_clock == NULL && self->show_idle_id == 0)
    {
      self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
      self->layout_id = g_signal_connect (self->frame_clock, "layout", G_CALLBACK (layout_cb),
                                          self);
      self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                               G_CALLBACK (after_paint_cb), self);
    }
}

static void
strata_layer_editor_unmap (GtkWidget *widget)
{
  stop_waiting_for_frame (STRATA_LAYER_EDITOR (widget));
  GTK_WIDGET_CLASS (strata_layer_editor_parent_class)->unmap (widget);
}

static GtkSizeRequestMode
strata_layer_editor_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (GTK_WIDGET (STRATA_LAYER_EDITOR (widget)->stack));
}

static void
strata_layer_editor_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (STRATA_LAYER_EDITOR (widget)->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
strata_layer_editor_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  StrataLayerEditor *self = STRATA_LAYER_EDITOR (widget);
  int natural = 0;

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
  if (self->lower_shown)
    return;
  /* Given more height than the fields shown need, the panel would show
   * the groups' place empty: they are shown in this frame. */
  gtk_widget_measure (GTK_WIDGET (self->stack), GTK_ORIENTATION_VERTICAL, width,
                      NULL, &natural, NULL, NULL);
  self->lower_room = height > natural;
}

static void
strata_layer_editor_dispose (GObject *object)
{
  StrataLayerEditor *self = STRATA_LAYER_EDITOR (object);

  stop_waiting_for_frame (self);
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
  widget_class->map = strata_layer_editor_map;
  widget_class->unmap = strata_layer_editor_unmap;
  widget_class->get_request_mode = strata_layer_editor_get_request_mode;
  widget_class->measure = strata_layer_editor_measure;
  widget_class->size_allocate = strata_layer_editor_size_allocate;

  g_type_ensure (STRATA_TYPE_INPUTS_GROUP);
  g_type_ensure (STRATA_TYPE_SLIDE_VIEW);

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
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, error_box);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, caption_row);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, color_row);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, color_button);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, color_reset_button);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerEditor, inputs_group);
  gtk_widget_class_set_css_name (widget_class, "layereditor");
}

static GtkWidget *
find_popover (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_POPOVER (child) ? child : find_popover (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
kind_popover_show_cb (StrataLayerEditor *self,
                      GtkWidget         *popover)
{
  /* The combo row's own rows, with their check marks. */
  adw_combo_row_set_list_factory (self->kind_row, NULL);
  g_signal_handlers_disconnect_by_func (popover, kind_popover_show_cb, self);
}

/* GTK 4.8's list view makes a row for each of its first items (up to 200),
 * shown or not: the kind row's hidden popover made one for every kind at
 * every start, 108 widgets. Its rows stay empty until it first opens. */
static void
defer_kind_list (StrataLayerEditor *self)
{
  GtkWidget *popover = find_popover (GTK_WIDGET (self->kind_row));
  g_autoptr(GtkListItemFactory) empty = NULL;

  if (popover == NULL)
    return;
  empty = gtk_signal_list_item_factory_new ();
  adw_combo_row_set_list_factory (self->kind_row, empty);
  g_signal_connect_object (popover, "show", G_CALLBACK (kind_popover_show_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
strata_layer_editor_init (StrataLayerEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  self->param_rows = g_ptr_array_new ();
  self->controls = g_hash_table_new (g_str_hash, g_str_equal);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* GtkColorButton's name stays on itself; the button inside it, which
   * takes the focus and the click, is what a screen reader announces. */
  gtk_accessible_update_property (
    GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->color_button))),
    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Colour"), -1);

  defer_kind_list (self);
  for (guint i = 0; i < STRATA_N_LAYER_KINDS; i++)
    gtk_string_list_append (kinds, _(strata_layer_kind_get_info (i)->label));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (kind_selected_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->color_button, "color-set", G_CALLBACK (color_set_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->color_reset_button, "clicked", G_CALLBACK (color_reset_cb), self,
                           G_CONNECT_SWAPPED);
  /* The chooser offers no transparency: a block is opaque. */
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (self->color_button), FALSE);

  gtk_editable_set_enable_undo (GTK_EDITABLE (self->name_row), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->caption_row), FALSE);
}

#define PAGES "/io/github/strata/Strata/ui/"

/* The input's fields, bound to the network shown from now on. */
static void
ensure_input_page (StrataLayerEditor *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->title_row != NULL)
    return;
  builder = strata_stack_add_page (self->stack, "input", PAGES "strata-layer-editor-input.ui");
  self->input_height_spin = GTK_SPIN_BUTTON (gtk_builder_get_object (builder, "input_height_spin"));
  self->input_width_spin = GTK_SPIN_BUTTON (gtk_builder_get_object (builder, "input_width_spin"));
  self->input_channels_spin =
    GTK_SPIN_BUTTON (gtk_builder_get_object (builder, "input_channels_spin"));
  self->title_row = ADW_ENTRY_ROW (gtk_builder_get_object (builder, "title_row"));

  self->input_bindings = g_binding_group_new ();
  g_binding_group_bind (self->input_bindings, "input-height", self->input_height_spin, "value",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->input_bindings, "input-width", self->input_width_spin, "value",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->input_bindings, "input-channels", self->input_channels_spin, "value",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  /* The diagram's title is the network's name, which files keep. */
  g_binding_group_bind_full (self->input_bindings, "name", self->title_row, "text",
                             G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                             strata_layer_editor_text_to_entry, NULL, NULL, NULL);

  gtk_editable_set_enable_undo (GTK_EDITABLE (self->title_row), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->input_height_spin), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->input_width_spin), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->input_channels_spin), FALSE);
  strata_layer_editor_apply_while_typing (self->input_height_spin);
  strata_layer_editor_apply_while_typing (self->input_width_spin);
  strata_layer_editor_apply_while_typing (self->input_channels_spin);
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
  ensure_input_page (self);
  self->network = g_object_ref (network);
  g_binding_group_set_source (self->input_bindings, network);
  g_hash_table_insert (self->controls, (gpointer) "input-height", self->input_height_spin);
  g_hash_table_insert (self->controls, (gpointer) "input-width", self->input_width_spin);
  g_hash_table_insert (self->controls, (gpointer) "input-channels", self->input_channels_spin);
  g_hash_table_insert (self->controls, (gpointer) "title", self->title_row);
  gtk_stack_set_visible_child_name (self->stack, "input");
}

void
strata_layer_editor_clear (StrataLayerEditor *self)
{
  g_return_if_fail (STRATA_IS_LAYER_EDITOR (self));

  detach (self);
  if (gtk_stack_get_child_by_name (self->stack, "empty") == NULL)
    g_object_unref (strata_stack_add_page (self->stack, "empty",
                                           PAGES "strata-layer-editor-empty.ui"));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
strata_layer_editor_set_range (StrataLayerEditor *self,
                               guint              n_layers)
{
  g_autofree char *text = NULL;

  g_return_if_fail (STRATA_IS_LAYER_EDITOR (self));
  g_return_if_fail (n_layers > 1);

  /* No layer's fields: an edit would reach only one of the layers the
   * range seems to say it applies to. */
  detach (self);
  if (self->range_label == NULL)
    {
      g_autoptr(GtkBuilder) builder = strata_stack_add_page (self->stack, "range",
                                                             PAGES "strata-layer-editor-range.ui");

      self->range_label = GTK_LABEL (gtk_builder_get_object (builder, "range_label"));
    }
  /* Translators: the side panel, when a range of layers is selected in the list */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u layer selected", "%u layers selected",
                                       n_layers),
                          n_layers);
  gtk_label_set_label (self->range_label, text);
  self->n_range = n_layers;
  gtk_stack_set_visible_child_name (self->stack, "range");
}

guint
strata_layer_editor_get_range (StrataLayerEditor *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER_EDITOR (self), 0);

  return self->n_range;
}

void
strata_layer_editor_focus_name (StrataLayerEditor *self)
{
  g_return_if_fail (STRATA_IS_LAYER_EDITOR (self));

  if (self->layer != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

gboolean
strata_layer_editor_focus_first_param (StrataLayerEditor *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER_EDITOR (self), FALSE);

  if (self->network != NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (self->input_height_spin));
  if (!self->lower_shown)
    show_lower_groups (self);
  /* Rows of fields are no Tab stops: the first of their controls is. */
  return self->param_rows->len > 0 &&
         gtk_widget_child_focus (g_ptr_array_index (self->param_rows, 0), GTK_DIR_TAB_FORWARD);
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

  make_param_rows (self);
  control = g_hash_table_lookup (self->controls, property);
  if (control == NULL)
    control = strata_inputs_group_get_control (self->inputs_group, property);
  return control;
}
