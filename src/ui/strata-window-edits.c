/* strata-window-edits.c: what the window's edits of layers do to a branching network. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-window-private.h"

void
strata_window_show_toast (StrataWindow *self,
                          const char   *message)
{
  /* A toast's title is markup, and names may hold any text. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  /* A refusal repeated (Alt+Up held down) replaces the last one rather
   * than queueing a toast per key press. */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_set_weak_pointer (&self->toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* New layers go after the selection; with the input selected, first. */
static guint
insert_position (StrataWindow *self)
{
  int position = strata_window_get_selected (self);

  if (position >= 0)
    return position + 1;
  if (self->input_selected)
    return 0;
  return strata_network_get_n_layers (self->network);
}

/* Whether the layer at @position reads the one before it by not naming
 * any input. */
static gboolean
reads_by_default (StrataNetwork *network,
                  guint          position)
{
  StrataLayer *layer = strata_network_get_layer (network, position);

  return strata_layer_get_n_inputs (layer) == 0 &&
         strata_layer_get_kind_info (layer)->max_inputs > 0;
}

static void
set_inputs (StrataWindow  *self,
            guint          position,
            StrataLayer  **inputs,
            guint          n_inputs)
{
  g_autoptr(GError) error = NULL;

  if (!strata_network_set_inputs (self->network, position, inputs, n_inputs, &error))
    strata_window_show_toast (self, error->message);
}

/* Whether layers of @kind have an activation of their own, none unless
 * chosen (convolutions, dense layers), which hidden layers want. */
static gboolean
wants_relu (StrataLayerKind kind)
{
  return kind != STRATA_LAYER_KIND_ACTIVATION &&
         strata_layer_kind_takes (kind, STRATA_PARAM_ACTIVATION) &&
         strata_layer_kind_get_info (kind)->default_activation == STRATA_ACTIVATION_NONE;
}

/* A new layer of @kind to go at @position: named "conv3", "dense2",
 * numbered per kind, and a convolution or a dense layer gets ReLU unless
 * it is the network's output. */
static StrataLayer *
new_layer (StrataWindow    *self,
           StrataLayerKind  kind,
           guint            position)
{
  StrataLayer *layer = strata_layer_new (kind);
  g_autoptr(GString) stem = g_string_new (strata_layer_kind_get_info (kind)->id);
  g_autofree char *name = NULL;

  /* "conv2d" is "conv" in a name: every kind of the table is 2-D. */
  g_string_replace (stem, "2d", "", 0);
  g_string_append (stem, "1");
  name = strata_network_unique_name (self->network, stem->str);
  strata_layer_set_name (layer, name);

  if (wants_relu (kind) && position < strata_network_get_n_layers (self->network))
    g_object_set (layer, "activation", STRATA_ACTIVATION_RELU, NULL);
  return layer;
}

/* The output layer was left without ReLU for being the last; a layer
 * added after it makes it a hidden layer, which gets it, in the same step
 * to undo, unless the user chose its activation meanwhile. */
static void
hide_output (StrataWindow *self,
             guint         position)
{
  StrataLayer *output = self->output_layer;

  if (output == NULL || position == 0 ||
      strata_network_get_layer (self->network, position - 1) != output ||
      position != strata_network_get_n_layers (self->network))
    return;
  if (strata_layer_get_params (output)->activation == STRATA_ACTIVATION_NONE)
    g_object_set (output, "activation", STRATA_ACTIVATION_RELU, NULL);
  g_clear_weak_pointer (&self->output_layer);
}

/* Remembers a layer added last without its ReLU, for hide_output(). */
static void
note_output (StrataWindow *self,
             StrataLayer  *layer,
             guint         position)
{
  if (wants_relu (strata_layer_get_kind (layer)) &&
      position + 1 == strata_network_get_n_layers (self->network))
    g_set_weak_pointer (&self->output_layer, layer);
}

void
strata_window_add_layer (StrataWindow    *self,
                         StrataLayerKind  kind)
{
  guint position = insert_position (self);
  g_autoptr(StrataLayer) layer = new_layer (self, kind, position);

  strata_history_begin_group (self->history);
  hide_output (self, position);
  strata_network_insert (self->network, position, layer);
  note_output (self, layer, position);
  /* A merge after a layer adds that layer to what the layer itself
   * read: the shortcut of a residual block, x + f(x), wired at once.
   * A layer that reads nothing (a further input) is merged with the
   * network's input. */
  if (strata_layer_kind_get_info (kind)->min_inputs >= 2 && position > 0)
    {
      StrataLayer *inputs[2] = { strata_network_get_layer (self->network, position - 1), NULL };

      if (strata_network_get_n_input_layers (self->network, position - 1) > 0)
        inputs[1] = strata_network_get_input_layer (self->network, position - 1, 0);
      set_inputs (self, position, inputs, G_N_ELEMENTS (inputs));
    }
  strata_history_end_group (self->history);
  strata_window_select (self, position);
  /* The next key edits the new layer: its first field has the focus. */
  strata_layer_editor_focus_first_param (self->editor);
}

void
strata_window_duplicate_layer (StrataWindow *self,
                               guint         position)
{
  StrataLayer *layer = strata_network_get_layer (self->network, position);
  g_autoptr(StrataLayer) copy = strata_layer_copy (layer);

  /* Names tell layers apart in files and in the diagram: the copy of
   * "conv1" is "conv2", or the first number no layer has. */
  if (strata_layer_get_name (layer) != NULL)
    {
      g_autofree char *name = strata_network_unique_name (self->network,
                                                          strata_layer_get_name (layer));

      strata_layer_set_name (copy, name);
    }
  strata_network_insert (self->network, position + 1, copy);
  strata_window_select (self, position + 1);
}

void
strata_window_branch_layer (StrataWindow    *self,
                            StrataLayerKind  kind)
{
  int selected = strata_window_get_selected (self);
  StrataLayer *source;
  g_autoptr(StrataLayer) layer = NULL;
  guint position;

  if (selected < 0 && !self->input_selected)
    return;

  source = selected >= 0 ? strata_network_get_layer (self->network, selected) : NULL;
  position = selected + 1;
  layer = new_layer (self, kind, position);

  strata_history_begin_group (self->history);
  /* The layer that read the selection goes on reading it, past the
   * new layer, which starts a second path from the same tensor. */
  if (position < strata_network_get_n_layers (self->network) &&
      reads_by_default (self->network, position))
    set_inputs (self, position, &source, 1);
  strata_network_insert (self->network, position, layer);
  /* Named, so that a layer added after the selection later does not
   * come between the branch and its start. */
  set_inputs (self, position, &source, 1);
  strata_history_end_group (self->history);
  strata_window_select (self, position);
  strata_layer_editor_focus_first_param (self->editor);
}

void
strata_window_remove_layer (StrataWindow *self,
                            guint         position)
{
  guint n_layers;

  /* The layers that read it are pointed at its input: with the removal,
   * one step to undo. */
  strata_history_begin_group (self->history);
  strata_network_remove (self->network, position);
  strata_history_end_group (self->history);

  n_layers = strata_network_get_n_layers (self->network);
  if (n_layers == 0)
    strata_window_select_input (self);
  else
    strata_window_select (self, MIN (position, n_layers - 1));
}

gboolean
strata_window_move_layer (StrataWindow *self,
                          guint         from,
                          guint         to)
{
  g_autoptr(GError) error = NULL;

  if (!strata_network_can_move (self->network, from, to, &error))
    {
      strata_window_show_toast (self, error->message);
      return FALSE;
    }
  strata_network_move (self->network, from, to);
  strata_window_select (self, to);
  return TRUE;
}

void
strata_window_change_kind (StrataWindow    *self,
                           guint            position,
                           StrataLayerKind  kind)
{
  StrataLayer *old = strata_network_get_layer (self->network, position);
  g_autoptr(StrataLayer) layer = strata_layer_copy_as_kind (old, kind);
  g_autoptr(GPtrArray) readers = g_ptr_array_new ();
  g_autoptr(GPtrArray) sharers = g_ptr_array_new ();
  gboolean old_reads_by_default = strata_layer_get_n_inputs (old) == 0;
  guint n_layers = strata_network_get_n_layers (self->network);
  /* The new layer takes the old one's place in its group, which
   * removing the old one alone would shrink or drop. */
  g_autoptr(GArray) groups = strata_network_dup_groups (self->network);

  for (guint i = position + 1; i < n_layers; i++)
    {
      StrataLayer *other = strata_network_get_layer (self->network, i);

      for (guint k = 0; k < strata_layer_get_n_inputs (other); k++)
        if (strata_layer_get_input (other, k) == old)
          {
            g_ptr_array_add (readers, other);
            break;
          }
      if (strata_layer_get_shares (other) == old)
        g_ptr_array_add (sharers, other);
    }

  /* The new layer goes in after the old one, takes over what read the
   * old one, and the old one goes: every step keeps the order, and the
   * whole is one step to undo. */
  strata_history_begin_group (self->history);
  strata_network_insert (self->network, position + 1, layer);
  for (guint r = 0; r < readers->len; r++)
    {
      StrataLayer *reader = readers->pdata[r];
      guint n = strata_layer_get_n_inputs (reader);
      g_autofree StrataLayer **inputs = g_new (StrataLayer *, n);

      for (guint k = 0; k < n; k++)
        {
          inputs[k] = strata_layer_get_input (reader, k);
          if (inputs[k] == old)
            inputs[k] = layer;
        }
      set_inputs (self, strata_network_index_of (self->network, reader), inputs, n);
    }
  /* Weights are shared between layers of one kind only. */
  for (guint s = 0; s < sharers->len; s++)
    strata_network_set_shares (self->network,
                               strata_network_index_of (self->network, sharers->pdata[s]),
                               NULL, NULL);
  strata_network_remove (self->network, position);
  /* A further input changed into a layer that reads reads the layer
   * before it, as a new layer would, not the network's input the
   * removal of the old one pointed it at. */
  if (old_reads_by_default && strata_layer_get_n_inputs (layer) > 0)
    set_inputs (self, position, NULL, 0);
  for (guint g = 0; g < groups->len; g++)
    {
      StrataLayerGroup *group = &g_array_index (groups, StrataLayerGroup, g);

      if (group->first == old)
        g_set_object (&group->first, layer);
      if (group->last == old)
        g_set_object (&group->last, layer);
    }
  strata_network_set_groups (self->network, groups);
  strata_history_end_group (self->history);

  strata_window_select (self, position);
  if (sharers->len > 0)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the name of a layer whose kind changed */
      message = g_strdup_printf (_("Layers that used the weights of “%s” now have their own"),
                                 strata_layer_get_display_name (layer));
      strata_window_show_toast (self, message);
    }
}
