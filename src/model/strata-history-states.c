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

/* A StrataHistoryMap. */
static StrataLayer *
copy_of (gpointer     user_data,
         StrataLayer *layer)
{
  Copy *copy = user_data;
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

static void
copy_init (Copy          *copy,
           StrataNetwork *network)
{
  guint n = strata_network_get_n_layers (network);
  g_autofree StrataLayer **layers = g_new (StrataLayer *, MAX (n, 1));

  copy->copies = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  copy->network = strata_network_new ();
  strata_network_set_convention (copy->network, strata_network_get_convention (network));
  strata_network_set_name (copy->network, strata_network_get_name (network));
  strata_network_set_input_like (copy->network, network);
  for (guint i = 0; i < n; i++)
    layers[i] = copy_of (copy, strata_network_get_layer (network, i));
  strata_network_splice (copy->network, 0, 0, layers, n);
  if (strata_network_get_n_groups (network) > 0)
    {
      g_autoptr(GArray) groups = strata_network_dup_groups (network);

      strata_history_set_groups (copy->network, groups, copy_of, copy);
    }
}

static void
copy_clear (Copy *copy)
{
  g_clear_object (&copy->network);
  g_clear_pointer (&copy->copies, g_hash_table_unref);
}

StrataNetwork *
strata_history_copy_network (StrataNetwork *network)
{
  Copy copy;
  StrataNetwork *result;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);

  copy_init (&copy, network);
  result = g_steal_pointer (&copy.network);
  copy_clear (&copy);
  return result;
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
          strata_history_replay (copy.network, command, forward ? 1 : 0, copy_of, &copy);
          n = forward ? n + 1 : n - 1;
        }
      if (!func (copy.network, user_data))
        break;
    }
  copy_clear (&copy);
}
