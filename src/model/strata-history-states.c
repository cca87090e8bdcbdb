/* strata-history-states.c: the states undo and redo would reach, made on a copy of the network. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-history-private.h"

/* The network as it is, made of copies of its layers, which the steps
 * are replayed on: the network being edited, and what shows it, never
 * see them. */
typedef struct
{
  StrataNetwork *network;
  /* Each layer of the history (the network's, and those its steps
   * removed or would add again) → its copy. */
  GHashTable    *copies;
} Copy;

static StrataLayer *
copy_of (Copy        *copy,
         StrataLayer *layer)
{
  StrataLayer *layer_copy;
  guint n_inputs;

  /* The network's input. */
  if (layer == NULL)
    return NULL;
  layer_copy = g_hash_table_lookup (copy->copies, layer);
  if (layer_copy != NULL)
    return layer_copy;

  /* A layer out of the network is as it was when a step took it out: no
   * edit reaches it there. What it reads came before it, and has a copy
   * of its own or gets one now. */
  layer_copy = strata_layer_copy (layer);
  g_hash_table_insert (copy->copies, layer, layer_copy);
  n_inputs = strata_layer_get_n_inputs (layer);
  if (n_inputs > 0)
    {
      g_autofree StrataLayer **inputs = g_new (StrataLayer *, n_inputs);

      for (guint i = 0; i < n_inputs; i++)
        inputs[i] = copy_of (copy, strata_layer_get_input (layer, i));
      strata_layer_set_inputs (layer_copy, inputs, n_inputs);
    }
  strata_layer_set_shares (layer_copy, copy_of (copy, strata_layer_get_shares (layer)));
  return layer_copy;
}

/* @groups (NULL: none) on the copies of their layers. */
static void
copy_set_groups (Copy   *copy,
                 GArray *groups)
{
  g_autoptr(GArray) copies = g_array_new (FALSE, TRUE, sizeof (StrataLayerGroup));

  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      const StrataLayerGroup *group = &g_array_index (groups, StrataLayerGroup, i);
      StrataLayerGroup borrowed = {
        copy_of (copy, group->first), copy_of (copy, group->last), group->name,
      };

      /* Borrowed: the network copies them. */
      g_array_append_val (copies, borrowed);
    }
  strata_network_set_groups (copy->network, copies);
}

static void
copy_init (Copy          *copy,
           StrataNetwork *network)
{
  const StrataShape *input = strata_network_get_input_shape (network);
  guint n = strata_network_get_n_layers (network);
  g_autofree StrataLayer **layers = g_new (StrataLayer *, MAX (n, 1));

  copy->copies = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  copy->network = strata_network_new ();
  strata_network_set_convention (copy->network, strata_network_get_convention (network));
  strata_network_set_name (copy->network, strata_network_get_name (network));
  strata_network_set_input_name (copy->network, strata_network_get_input_name (network));
  strata_network_set_input (copy->network, input->height, input->width, input->channels);
  for (guint i = 0; i < n; i++)
    layers[i] = copy_of (copy, strata_network_get_layer (network, i));
  strata_network_splice (copy->network, 0, 0, layers, n);
  if (strata_network_get_n_groups (network) > 0)
    {
      g_autoptr(GArray) groups = strata_network_dup_groups (network);

      copy_set_groups (copy, groups);
    }
}

static void
copy_clear (Copy *copy)
{
  g_clear_object (&copy->network);
  g_clear_pointer (&copy->copies, g_hash_table_unref);
}

/* As replay() in strata-history.c, on the copies. */
static void
replay_on_copy (Copy    *copy,
                Command *command,
                guint    to)
{
  switch (command->type)
    {
    case COMMAND_SPLICE:
      {
        GPtrArray *from_layers = to == 0 ? command->added : command->removed;
        GPtrArray *to_layers = to == 0 ? command->removed : command->added;
        g_autofree StrataLayer **layers = g_new (StrataLayer *, MAX (to_layers->len, 1));

        for (guint i = 0; i < to_layers->len; i++)
          layers[i] = copy_of (copy, g_ptr_array_index (to_layers, i));
        strata_network_splice (copy->network, command->position, from_layers->len,
                               layers, to_layers->len);
        if (command->groups[0] != NULL || command->groups[1] != NULL)
          copy_set_groups (copy, command->groups[to]);
        break;
      }
    case COMMAND_PARAMS:
      strata_layer_set_params (copy_of (copy, command->layer), &command->params[to]);
      break;
    case COMMAND_LABELS:
      {
        StrataLayer *layer = copy_of (copy, command->layer);

        strata_layer_set_name (layer, command->labels[to].name);
        strata_layer_set_caption (layer, command->labels[to].caption);
        strata_layer_set_color (layer, command->labels[to].color);
        break;
      }
    case COMMAND_SOURCES:
      {
        Sources *sources = &command->sources[to];
        int position = strata_network_index_of (copy->network, copy_of (copy, command->layer));
        guint n_inputs = sources->inputs != NULL ? sources->inputs->len : 0;
        g_autofree StrataLayer **inputs = g_new (StrataLayer *, MAX (n_inputs, 1));

        for (guint i = 0; i < n_inputs; i++)
          inputs[i] = copy_of (copy, g_ptr_array_index (sources->inputs, i));
        strata_network_set_inputs (copy->network, position,
                                   sources->inputs != NULL ? inputs : NULL, n_inputs, NULL);
        strata_network_set_shares (copy->network, position, copy_of (copy, sources->shares), NULL);
        break;
      }
    case COMMAND_INPUT:
      strata_network_set_input (copy->network, command->input[to].height,
                                command->input[to].width, command->input[to].channels);
      break;
    case COMMAND_TITLE:
      strata_network_set_name (copy->network, command->labels[to].name);
      break;
    case COMMAND_GROUPS:
      copy_set_groups (copy, command->groups[to]);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
strata_history_walk_states (StrataHistory          *self,
                            gboolean                forward,
                            StrataHistoryStateFunc  func,
                            gpointer                user_data)
{
  Copy copy;
  guint n;

  g_return_if_fail (STRATA_IS_HISTORY (self));
  g_return_if_fail (func != NULL);

  copy_init (&copy, self->network);
  /* Step by step as strata_history_undo() and strata_history_redo() go:
   * the commands of one group at a time. */
  n = self->n_done;
  while (forward ? n < self->commands->len : n > 0)
    {
      guint group = ((Command *) g_ptr_array_index (self->commands,
                                                    forward ? n : n - 1))->group;

      while (forward ? n < self->commands->len : n > 0)
        {
          Command *command = g_ptr_array_index (self->commands, forward ? n : n - 1);

          if (command->group != group)
            break;
          replay_on_copy (&copy, command, forward ? 1 : 0);
          n = forward ? n + 1 : n - 1;
        }
      if (!func (copy.network, user_data))
        break;
    }
  copy_clear (&copy);
}
