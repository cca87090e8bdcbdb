/* strata-inputs-group.c: what the selected layer reads, and whose weights it uses. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-inputs-group.h"
#include "strata-render.h"

struct _StrataInputsGroup
{
  AdwPreferencesGroup  parent_instance;

  StrataHistory       *history;
  StrataNetwork       *network;
  StrataLayer         *layer;
  GPtrArray           *rows;
  /* name -> control, for tests and to keep the focus across a rebuild */
  GHashTable          *controls;
  GtkWidget           *add_button;
  guint                rebuild_id;
};

G_DEFINE_FINAL_TYPE (StrataInputsGroup, strata_inputs_group, ADW_TYPE_PREFERENCES_GROUP)

/* What an item of a drop-down stands for: a layer, the network's input,
 * or, as NULL, the default (the layer before) or no shared weights. */
static const char network_input_tag;
#define NETWORK_INPUT ((gpointer) &network_input_tag)

/* The drop-down of shared weights, told apart from those of inputs. */
#define SHARES G_MAXUINT

typedef struct
{
  StrataInputsGroup *group;
  GPtrArray         *targets; /* per item: a layer, NETWORK_INPUT or NULL */
  guint              index;   /* the input it sets, or SHARES */
} Choices;

static void
choices_free (gpointer data)
{
  Choices *choices = data;

  g_ptr_array_unref (choices->targets);
  g_free (choices);
}

static StrataLayer *
target_layer (gpointer target)
{
  return target == NETWORK_INPUT ? NULL : target;
}

/* Whether layers of @kind have weights to share: its rule counts some
 * on a sample input that its defaults fit. */
static gboolean
kind_has_weights (StrataLayerKind kind)
{
  static const StrataShape sample = { 16, 16, 4, FALSE };
  const StrataShape *inputs[] = { &sample, &sample };
  const StrataLayerKindInfo *info = strata_layer_kind_get_info (kind);
  StrataLayerParams params;
  StrataLayerResult result = { { 0 } };
  gboolean has_weights;

  if (info->max_inputs == 0 || info->min_inputs > G_N_ELEMENTS (inputs))
    return FALSE;
  strata_layer_kind_init_params (kind, &params);
  strata_layer_kind_apply (kind, &params, inputs, MAX (info->min_inputs, 1), &result);
  has_weights = result.params > 0;
  strata_layer_result_clear (&result);
  return has_weights;
}

/* The layers the shown layer reads, resolved (the layer before when it
 * names none); a new array of borrowed layers, NULL for the input. */
static GPtrArray *
resolved_inputs (StrataInputsGroup *self,
                 guint              position)
{
  guint n = strata_network_get_n_input_layers (self->network, position);
  GPtrArray *inputs = g_ptr_array_sized_new (n + 1);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (inputs, strata_network_get_input_layer (self->network, position, i));
  return inputs;
}

static void
show_refusal (StrataInputsGroup *self,
              const GError      *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
  else
    g_message ("%s", error->message);
}

/* Sets what the shown layer reads: one step to undo, with the names the
 * network gives the layers it reads. */
static void
apply_inputs (StrataInputsGroup  *self,
              StrataLayer       **inputs,
              guint               n_inputs)
{
  g_autoptr(GError) error = NULL;
  int position = strata_network_index_of (self->network, self->layer);

  if (position < 0)
    return;
  strata_history_begin_group (self->history);
  if (!strata_network_set_inputs (self->network, position, inputs, n_inputs, &error))
    show_refusal (self, error);
  strata_history_end_group (self->history);
}

/* Sharing weights means having the owner's settings: they come with it,
 * in the same step. */
static void
apply_shares (StrataInputsGroup *self,
              StrataLayer       *owner)
{
  g_autoptr(GError) error = NULL;
  int position = strata_network_index_of (self->network, self->layer);

  if (position < 0)
    return;
  strata_history_begin_group (self->history);
  if (!strata_network_set_shares (self->network, position, owner, &error))
    show_refusal (self, error);
  else if (owner != NULL)
    strata_layer_set_params (self->layer, strata_layer_get_params (owner));
  strata_history_end_group (self->history);
}

static void
choice_selected_cb (StrataInputsGroup *self,
                    GParamSpec        *pspec,
                    AdwComboRow       *row)
{
  Choices *choices = g_object_get_data (G_OBJECT (row), "strata-choices");
  guint selected = adw_combo_row_get_selected (row);
  gpointer target;
  int position;

  if (selected >= choices->targets->len)
    return;
  target = g_ptr_array_index (choices->targets, selected);
  position = strata_network_index_of (self->network, self->layer);
  if (position < 0)
    return;

  if (choices->index == SHARES)
    apply_shares (self, target);
  else if (target == NULL)
    apply_inputs (self, NULL, 0);
  else
    {
      g_autoptr(GPtrArray) inputs = resolved_inputs (self, position);

      if (choices->index < inputs->len)
        inputs->pdata[choices->index] = target_layer (target);
      else
        g_ptr_array_add (inputs, target_layer (target));
      apply_inputs (self, (StrataLayer **) inputs->pdata, inputs->len);
    }
}

static void
remove_clicked_cb (StrataInputsGroup *self,
                   GtkButton         *button)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "strata-index"));
  int position = strata_network_index_of (self->network, self->layer);
  g_autoptr(GPtrArray) inputs = NULL;

  if (position < 0)
    return;
  inputs = resolved_inputs (self, position);
  if (index < inputs->len)
    g_ptr_array_remove_index (inputs, index);
  apply_inputs (self, (StrataLayer **) inputs->pdata, inputs->len);
}

/* A further input reads the latest earlier layer it does not read yet,
 * or the network's input. */
static void
add_clicked_cb (StrataInputsGroup *self,
                GtkButton         *button)
{
  int position = strata_network_index_of (self->network, self->layer);
  g_autoptr(GPtrArray) inputs = NULL;
  StrataLayer *added = NULL;

  if (position < 0)
    return;
  inputs = resolved_inputs (self, position);
  for (int i = position - 1; i >= 0 && added == NULL; i--)
    {
      StrataLayer *layer = strata_network_get_layer (self->network, i);

      if (!g_ptr_array_find (inputs, layer, NULL))
        added = layer;
    }
  g_ptr_array_add (inputs, added);
  apply_inputs (self, (StrataLayer **) inputs->pdata, inputs->len);
}

/* The popover of a drop-down shows each item with its shape (of a
 * default, the layer it stands for), which is what a merge must match. */
static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               AdwComboRow              *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
update_check (GtkListItem *item,
              AdwComboRow *row)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check, adw_combo_row_get_selected (row) ==
                                 gtk_list_item_get_position (item) ? 1 : 0);
}

static void
selected_changed_cb (AdwComboRow *row,
                     GParamSpec  *pspec,
                     GtkListItem *item)
{
  update_check (item, row);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              AdwComboRow              *row)
{
  Choices *choices = g_object_get_data (G_OBJECT (row), "strata-choices");
  StrataInputsGroup *self = choices->group;
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *detail = gtk_widget_get_next_sibling (label);
  guint position = gtk_list_item_get_position (item);
  gpointer target = position < choices->targets->len ? choices->targets->pdata[position] : NULL;
  const StrataShape *shape = NULL;
  g_autofree char *text = NULL;

  gtk_label_set_label (GTK_LABEL (label),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
  if (target == NETWORK_INPUT)
    shape = strata_network_get_input_shape (self->network);
  else if (target != NULL)
    shape = strata_layer_get_output_shape (target);
  else if (choices->index != SHARES)
    {
      int at = strata_network_index_of (self->network, self->layer);
      StrataLayer *before = at > 0 ? strata_network_get_layer (self->network, at - 1) : NULL;

      text = strata_render_label_text (before != NULL ? strata_layer_get_display_name (before)
                                                      : strata_network_get_input_name (self->network));
    }
  if (text == NULL && shape != NULL)
    text = strata_shape_to_string (shape);
  else if (text == NULL && target != NULL)
    /* Translators: shown for a value that cannot be computed */
    text = g_strdup (_("—"));
  gtk_label_set_label (GTK_LABEL (detail), text);

  update_check (item, row);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (selected_changed_cb), item, 0);
}

static void
unbind_item_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, selected_changed_cb, item);
}

static const char *
target_label (StrataInputsGroup *self,
              gpointer           target)
{
  if (target == NETWORK_INPUT)
    return strata_network_get_input_name (self->network);
  return strata_layer_get_display_name (target);
}

static void
add_control (StrataInputsGroup *self,
             const char        *name,
             GtkWidget         *control)
{
  g_hash_table_insert (self->controls, g_strdup (name), control);
}

/* A row choosing among @targets (taken), its first item @first_label
 * when that item is NULL, showing @selected. */
static AdwComboRow *
add_choice_row (StrataInputsGroup *self,
                const char        *title,
                const char        *first_label,
                GPtrArray         *targets,
                gpointer           selected,
                guint              index)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  Choices *choices = g_new0 (Choices, 1);
  guint selected_index = 0;

  for (guint i = 0; i < targets->len; i++)
    {
      gpointer target = targets->pdata[i];
      g_autofree char *label = NULL;

      label = target != NULL ? strata_render_label_text (target_label (self, target))
                             : g_strdup (first_label);
      gtk_string_list_append (labels, label);
      if (target == selected)
        selected_index = i;
    }

  choices->group = self;
  choices->targets = targets;
  choices->index = index;
  g_object_set_data_full (G_OBJECT (row), "strata-choices", choices, choices_free);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Below the title, where long names (Keras's conv2_block1_1_conv)
   * have the row's width. */
  adw_combo_row_set_use_subtitle (row, TRUE);
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_item_cb), row, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_item_cb), row, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_item_cb), row, 0);
  adw_combo_row_set_list_factory (row, factory);
  adw_combo_row_set_selected (row, selected_index);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (choice_selected_cb), self,
                           G_CONNECT_SWAPPED);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (row));
  g_ptr_array_add (self->rows, row);
  return row;
}

/* The network's input and every layer before @position. */
static GPtrArray *
earlier_targets (StrataInputsGroup *self,
                 guint              position,
                 gboolean           with_default)
{
  GPtrArray *targets = g_ptr_array_sized_new (position + 2);

  if (with_default)
    g_ptr_array_add (targets, NULL);
  g_ptr_array_add (targets, NETWORK_INPUT);
  for (guint i = 0; i < position; i++)
    g_ptr_array_add (targets, strata_network_get_layer (self->network, i));
  return targets;
}

static void
build_inputs (StrataInputsGroup *self,
              guint              position)
{
  const StrataLayerKindInfo *info = strata_layer_get_kind_info (self->layer);
  guint n_named = strata_layer_get_n_inputs (self->layer);
  g_autoptr(GPtrArray) inputs = resolved_inputs (self, position);

  /* One input: a choice that includes reading the layer before. */
  if (info->max_inputs == 1 && n_named <= 1)
    {
      gpointer selected = NULL;
      AdwComboRow *row;

      if (n_named == 1)
        selected = strata_layer_get_input (self->layer, 0) != NULL
                   ? (gpointer) strata_layer_get_input (self->layer, 0) : NETWORK_INPUT;
      row = add_choice_row (self, _("Input"), _("Default (the layer before)"),
                            earlier_targets (self, position, TRUE), selected, 0);
      add_control (self, "input-0", GTK_WIDGET (row));
      return;
    }

  for (guint i = 0; i < inputs->len; i++)
    {
      StrataLayer *input = inputs->pdata[i];
      /* Translators: the title of the choice of a merge's input, e.g. "Input 2" */
      g_autofree char *title = g_strdup_printf (_("Input %u"), i + 1);
      g_autofree char *name = g_strdup_printf ("input-%u", i);
      AdwComboRow *row = add_choice_row (self, title, NULL, earlier_targets (self, position, FALSE),
                                         input != NULL ? (gpointer) input : NETWORK_INPUT, i);

      add_control (self, name, GTK_WIDGET (row));
      if (inputs->len > info->min_inputs || info->min_inputs != info->max_inputs)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
          /* Translators: the accessible name of the button removing "Input 2" */
          g_autofree char *label = g_strdup_printf (_("Remove input %u"), i + 1);

          g_free (name);
          name = g_strdup_printf ("remove-input-%u", i);
          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (remove, _("Remove Input"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          label, -1);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_sensitive (remove, inputs->len > info->min_inputs);
          g_object_set_data (G_OBJECT (remove), "strata-index", GUINT_TO_POINTER (i));
          g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self,
                                   G_CONNECT_SWAPPED);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
          add_control (self, name, remove);
        }
    }
  if (inputs->len < info->max_inputs)
    {
      gtk_widget_set_visible (self->add_button, TRUE);
      add_control (self, "add-input", self->add_button);
    }
}

static void
build_shares (StrataInputsGroup *self,
              guint              position)
{
  StrataLayerKind kind = strata_layer_get_kind (self->layer);
  StrataLayer *owner = strata_layer_get_shares (self->layer);
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  AdwComboRow *row;

  if (!kind_has_weights (kind) && owner == NULL)
    return;

  g_ptr_array_add (targets, NULL);
  for (guint i = 0; i < position; i++)
    {
      StrataLayer *layer = strata_network_get_layer (self->network, i);

      /* Any owner it has is shown, even one that does not fit. */
      if (strata_layer_get_kind (layer) == kind || layer == owner)
        g_ptr_array_add (targets, layer);
    }
  if (targets->len == 1)
    return;

  row = add_choice_row (self, _("Shares weights of"), _("None"), g_steal_pointer (&targets),
                        owner, SHARES);
  add_control (self, "shares", GTK_WIDGET (row));
}

static void
clear (StrataInputsGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->controls);
  gtk_widget_set_visible (self->add_button, FALSE);
}

/* The name of the control holding the focus, to give it back once the
 * controls are made again; NULL when the focus is elsewhere. */
static const char *
focused_control (StrataInputsGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GHashTableIter iter;
  gpointer name, control;

  if (focus == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, self->controls);
  while (g_hash_table_iter_next (&iter, &name, &control))
    if (focus == control || gtk_widget_is_ancestor (focus, control))
      return name;
  return NULL;
}

static void
rebuild (StrataInputsGroup *self)
{
  g_autofree char *focused = g_strdup (focused_control (self));
  int position = -1;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  clear (self);
  if (self->layer != NULL)
    position = strata_network_index_of (self->network, self->layer);
  if (position >= 0)
    {
      if (strata_layer_get_kind_info (self->layer)->max_inputs > 0)
        build_inputs (self, position);
      build_shares (self, position);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);

  if (focused != NULL)
    {
      GtkWidget *control = g_hash_table_lookup (self->controls, focused);

      /* A removed input's button is gone: the first input takes the focus. */
      if (control == NULL)
        control = g_hash_table_lookup (self->controls, "input-0");
      if (control != NULL)
        gtk_widget_grab_focus (control);
    }
}

static gboolean
rebuild_cb (gpointer data)
{
  StrataInputsGroup *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Controls are made again once the change is over, never inside the
 * handler of the control that made it: a drop-down goes on using
 * itself after telling of its choice. Before the next frame. */
static void
queue_rebuild (StrataInputsGroup *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_cb, self, NULL);
}

static void
items_changed_cb (StrataInputsGroup *self)
{
  queue_rebuild (self);
}

static void
layer_inputs_cb (StrataInputsGroup *self,
                 StrataLayer       *layer,
                 guint              position,
                 StrataNetwork     *network)
{
  if (layer == self->layer)
    queue_rebuild (self);
}

/* Only the names of earlier layers are shown. */
static void
layer_name_cb (StrataInputsGroup *self,
               StrataLayer       *layer,
               guint              position,
               StrataNetwork     *network)
{
  if ((int) position < strata_network_index_of (network, self->layer))
    queue_rebuild (self);
}

static void
detach (StrataInputsGroup *self)
{
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->network != NULL)
    g_signal_handlers_disconnect_by_data (self->network, self);
  g_clear_object (&self->layer);
  g_clear_object (&self->network);
  g_clear_object (&self->history);
}

static void
strata_inputs_group_dispose (GObject *object)
{
  StrataInputsGroup *self = STRATA_INPUTS_GROUP (object);

  detach (self);
  g_clear_pointer (&self->controls, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (strata_inputs_group_parent_class)->dispose (object);
}

static void
strata_inputs_group_class_init (StrataInputsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = strata_inputs_group_dispose;
}

static void
strata_inputs_group_init (StrataInputsGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->controls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Inputs"));
  self->add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_tooltip_text (self->add_button, _("Add Input"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add input"), -1);
  gtk_widget_add_css_class (self->add_button, "flat");
  gtk_widget_set_valign (self->add_button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->add_button, FALSE);
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->add_button);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
strata_inputs_group_new (void)
{
  return g_object_new (STRATA_TYPE_INPUTS_GROUP, NULL);
}

void
strata_inputs_group_set_layer (StrataInputsGroup *self,
                               StrataHistory     *history,
                               StrataLayer       *layer)
{
  g_return_if_fail (STRATA_IS_INPUTS_GROUP (self));
  g_return_if_fail (history == NULL || STRATA_IS_HISTORY (history));
  g_return_if_fail (layer == NULL || STRATA_IS_LAYER (layer));

  detach (self);
  if (history != NULL && layer != NULL)
    {
      StrataNetwork *network = strata_history_get_network (history);

      self->history = g_object_ref (history);
      self->network = g_object_ref (network);
      self->layer = g_object_ref (layer);
      g_signal_connect_object (network, "items-changed", G_CALLBACK (items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (network, "layer-changed::inputs", G_CALLBACK (layer_inputs_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (network, "layer-changed::name", G_CALLBACK (layer_name_cb),
                               self, G_CONNECT_SWAPPED);
    }
  rebuild (self);
}

GtkWidget *
strata_inputs_group_get_control (StrataInputsGroup *self,
                                 const char        *name)
{
  g_return_val_if_fail (STRATA_IS_INPUTS_GROUP (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->controls, name);
}
