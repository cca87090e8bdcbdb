/* strata-history-commands.c: the steps of an undo history, and their replay. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-history-private.h"

/* Inputs may be NULL, the network's input. */
static void
unref_input (gpointer layer)
{
  if (layer != NULL)
    g_object_unref (layer);
}

void
strata_history_labels_clear (Labels *labels)
{
  g_clear_pointer (&labels->name, g_free);
  g_clear_pointer (&labels->caption, g_free);
  g_clear_pointer (&labels->color, g_free);
}

void
strata_history_labels_get (Labels      *labels,
                           StrataLayer *layer)
{
  strata_history_labels_clear (labels);
  labels->name = g_strdup (strata_layer_get_name (layer));
  labels->caption = g_strdup (strata_layer_get_caption (layer));
  labels->color = g_strdup (strata_layer_get_color (layer));
}

gboolean
strata_history_labels_equal (const Labels *labels,
                             StrataLayer  *layer)
{
  return g_strcmp0 (labels->name, strata_layer_get_name (layer)) == 0 &&
         g_strcmp0 (labels->caption, strata_layer_get_caption (layer)) == 0 &&
         g_strcmp0 (labels->color, strata_layer_get_color (layer)) == 0;
}

void
strata_history_sources_clear (Sources *sources)
{
  g_clear_pointer (&sources->inputs, g_ptr_array_unref);
  g_clear_object (&sources->shares);
}

void
strata_history_sources_get (Sources     *sources,
                            StrataLayer *layer)
{
  guint n = strata_layer_get_n_inputs (layer);

  strata_history_sources_clear (sources);
  if (n > 0)
    {
      sources->inputs = g_ptr_array_new_full (n, unref_input);
      for (guint i = 0; i < n; i++)
        {
          StrataLayer *input = strata_layer_get_input (layer, i);

          g_ptr_array_add (sources->inputs, input != NULL ? g_object_ref (input) : NULL);
        }
    }
  g_set_object (&sources->shares, strata_layer_get_shares (layer));
}

void
strata_history_command_free (gpointer data)
{
  Command *command = data;

  strata_history_sources_clear (&command->sources[0]);
  strata_history_sources_clear (&command->sources[1]);
  g_clear_pointer (&command->removed, g_ptr_array_unref);
  g_clear_pointer (&command->added, g_ptr_array_unref);
  g_clear_object (&command->layer);
  strata_history_labels_clear (&command->labels[0]);
  strata_history_labels_clear (&command->labels[1]);
  g_clear_pointer (&command->groups[0], g_array_unref);
  g_clear_pointer (&command->groups[1], g_array_unref);
  g_free (command);
}

StrataLayer *
strata_history_same_layer (gpointer     user_data,
                           StrataLayer *layer)
{
  return layer;
}

/* The layers of @layers, mapped; never NULL, so that none is a valid
 * array of none. */
static StrataLayer **
map_layers (GPtrArray        *layers,
            StrataHistoryMap  map,
            gpointer          map_data)
{
  StrataLayer **mapped = g_new (StrataLayer *, MAX (layers->len, 1));

  for (guint i = 0; i < layers->len; i++)
    mapped[i] = map (map_data, g_ptr_array_index (layers, i));
  return mapped;
}

void
strata_history_set_groups (StrataNetwork    *network,
                           GArray           *groups,
                           StrataHistoryMap  map,
                           gpointer          map_data)
{
  g_autoptr(GArray) mapped = NULL;

  if (groups == NULL)
    {
      strata_network_set_groups (network, NULL);
      return;
    }
  mapped = g_array_sized_new (FALSE, TRUE, sizeof (StrataLayerGroup), groups->len);
  for (guint i = 0; i < groups->len; i++)
    {
      const StrataLayerGroup *group = &g_array_index (groups, StrataLayerGroup, i);
      StrataLayerGroup borrowed = {
        map (map_data, group->first), map (map_data, group->last), group->name,
      };

      /* Borrowed: the network copies them. */
      g_array_append_val (mapped, borrowed);
    }
  strata_network_set_groups (network, mapped);
}

/* The first layer of the first group that only one side of @command has. */
static int
groups_touched (StrataNetwork    *network,
                Command          *command,
                StrataHistoryMap  map,
                gpointer          map_data)
{
  for (guint side = 0; side < 2; side++)
    {
      GArray *these = command->groups[side], *others = command->groups[1 - side];

      for (guint i = 0; these != NULL && i < these->len; i++)
        {
          const StrataLayerGroup *group = &g_array_index (these, StrataLayerGroup, i);
          gboolean found = FALSE;

          for (guint j = 0; others != NULL && j < others->len && !found; j++)
            {
              const StrataLayerGroup *other = &g_array_index (others, StrataLayerGroup, j);

              found = other->first == group->first && other->last == group->last &&
                      g_strcmp0 (other->name, group->name) == 0;
            }
          if (!found)
            return strata_network_index_of (network, map (map_data, group->first));
        }
    }
  return -1;
}

int
strata_history_replay (StrataNetwork    *network,
                       Command          *command,
                       guint             to,
                       StrataHistoryMap  map,
                       gpointer          map_data)
{
  switch (command->type)
    {
    case COMMAND_SPLICE:
      {
        GPtrArray *from_layers = to == 0 ? command->added : command->removed;
        GPtrArray *to_layers = to == 0 ? command->removed : command->added;
        g_autofree StrataLayer **layers = map_layers (to_layers, map, map_data);

        strata_network_splice (network, command->position, from_layers->len,
                               layers, to_layers->len);
        if (command->groups[0] != NULL || command->groups[1] != NULL)
          strata_history_set_groups (network, command->groups[to], map, map_data);
        if (to_layers->len > 0)
          return command->position;
        return MIN (command->position, strata_network_get_n_layers (network)) - 1;
      }
    case COMMAND_PARAMS:
      {
        StrataLayer *layer = map (map_data, command->layer);

        strata_layer_set_params (layer, &command->params[to]);
        return strata_network_index_of (network, layer);
      }
    case COMMAND_LABELS:
      {
        StrataLayer *layer = map (map_data, command->layer);

        strata_layer_set_name (layer, command->labels[to].name);
        strata_layer_set_caption (layer, command->labels[to].caption);
        strata_layer_set_color (layer, command->labels[to].color);
        return strata_network_index_of (network, layer);
      }
    case COMMAND_SOURCES:
      {
        Sources *sources = &command->sources[to];
        int position = strata_network_index_of (network, map (map_data, command->layer));
        g_autofree StrataLayer **inputs = NULL;
        guint n_inputs = 0;

        if (sources->inputs != NULL)
          {
            inputs = map_layers (sources->inputs, map, map_data);
            n_inputs = sources->inputs->len;
          }
        strata_network_set_inputs (network, position, inputs, n_inputs, NULL);
        strata_network_set_shares (network, position, map (map_data, sources->shares), NULL);
        return position;
      }
    case COMMAND_INPUT:
      strata_network_set_input (network,
                                command->input[to].height,
                                command->input[to].width,
                                command->input[to].channels);
      return -1;
    case COMMAND_TITLE:
      strata_network_set_name (network, command->labels[to].name);
      return STRATA_HISTORY_TITLE;
    case COMMAND_GROUPS:
      strata_history_set_groups (network, command->groups[to], map, map_data);
      return groups_touched (network, command, map, map_data);
    default:
      g_assert_not_reached ();
    }
}
