/* strata-network-edits.c: a network's layers added, removed and moved, each with its entry. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-layer-private.h"
#include "strata-network-private.h"

static Entry *
entry_new (StrataNetwork *self,
           StrataLayer   *layer)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->network = self;
  entry->layer = layer;
  strata_layer_set_network_data (layer, entry);
  strata_layer_set_convention (layer, self->convention);
  return entry;
}

void
strata_network_entry_free (gpointer data)
{
  Entry *entry = data;

  strata_layer_set_network_data (entry->layer, NULL);
  g_clear_pointer (&entry->dependents, g_ptr_array_unref);
  g_free (entry);
}

/* Tells the entries in [start, end) where they are now. */
static void
renumber (StrataNetwork *self,
          guint          start,
          guint          end)
{
  for (guint i = start; i < end; i++)
    ((Entry *) g_ptr_array_index (self->entries, i))->position = i;
}

/* The position @layer will have once @additions replace [position,
 * position + n_removals); -1 when it will not be in the network. */
static int
spliced_position (StrataNetwork *self,
                  GHashTable    *added,
                  guint          position,
                  guint          n_removals,
                  guint          n_additions,
                  StrataLayer   *layer)
{
  gpointer index;
  Entry *entry;

  if (g_hash_table_lookup_extended (added, layer, NULL, &index))
    return position + GPOINTER_TO_UINT (index);
  entry = entry_of (layer);
  if (entry == NULL || entry->network != self)
    return -1;
  if (entry->position < position)
    return entry->position;
  if (entry->position < position + n_removals)
    return -1;
  return entry->position - n_removals + n_additions;
}

/* Whether every layer will still read only layers before it. */
static gboolean
splice_keeps_order (StrataNetwork *self,
                    guint          position,
                    guint          n_removals,
                    StrataLayer  **additions,
                    guint          n_additions)
{
  g_autoptr(GHashTable) added = g_hash_table_new (NULL, NULL);

#define AFTER(layer) spliced_position (self, added, position, n_removals, n_additions, (layer))
  for (guint j = 0; j < n_additions; j++)
    {
      Entry *entry = entry_of (additions[j]);

      /* A layer is in one network, once; it may come back where it was taken out. */
      if (g_hash_table_contains (added, additions[j]) ||
          (entry != NULL && (entry->network != self || entry->position < position ||
                             entry->position >= position + n_removals)))
        return FALSE;
      g_hash_table_insert (added, additions[j], GUINT_TO_POINTER (j));
    }
  for (guint j = 0; j < n_additions; j++)
    {
      StrataLayer *layer = additions[j];
      StrataLayer *owner = strata_layer_get_shares (layer);

      for (guint k = 0; k < strata_layer_get_n_inputs (layer); k++)
        {
          StrataLayer *input = strata_layer_get_input (layer, k);

          if (input != NULL && (AFTER (input) < 0 || AFTER (input) >= (int) (position + j)))
            return FALSE;
        }
      if (owner != NULL && (AFTER (owner) < 0 || AFTER (owner) >= (int) (position + j)))
        return FALSE;
    }
  for (guint r = position; r < position + n_removals; r++)
    {
      Entry *entry = entry_at (self, r);

      for (guint d = 0; d < entry_n_dependents (entry); d++)
        {
          StrataLayer *dependent = ((Entry *) g_ptr_array_index (entry->dependents, d))->layer;
          int after = AFTER (dependent);

          if (after >= 0 && (AFTER (entry->layer) < 0 || AFTER (entry->layer) >= after))
            return FALSE;
        }
    }
#undef AFTER
  return TRUE;
}

/* Makes room for @n elements at @position at once: inserting them one by
 * one would move the rest of the array each time. */
static void
open_gap (GPtrArray *array,
          guint      position,
          guint      n)
{
  guint tail = array->len - position;

  if (n == 0)
    return;
  g_ptr_array_set_size (array, array->len + n);
  memmove (array->pdata + position + n, array->pdata + position, tail * sizeof (gpointer));
}

void
strata_network_splice (StrataNetwork *self,
                       guint          position,
                       guint          n_removals,
                       StrataLayer  **additions,
                       guint          n_additions)
{
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gboolean groups_changed;

  g_return_if_fail (STRATA_IS_NETWORK (self));
  g_return_if_fail (position <= self->layers->len);
  g_return_if_fail (n_removals <= self->layers->len - position);

  for (guint i = 0; i < n_additions; i++)
    g_return_if_fail (STRATA_IS_LAYER (additions[i]));
  g_return_if_fail (splice_keeps_order (self, position, n_removals, additions, n_additions));

  groups_changed = strata_network_groups_before_splice (self, position, n_removals);

  /* A layer taken out and put back (a move undone) keeps its entry, and
   * so the layers that depend on it; the others leave their inputs'
   * lists of dependents. */
  /* References taken before the removal, which may drop the last. */
  layers = g_ptr_array_new_full (n_additions, NULL);
  entries = g_ptr_array_new_full (n_additions, NULL);
  for (guint i = 0; i < n_additions; i++)
    {
      Entry *entry = entry_of (additions[i]);

      if (entry != NULL)
        entry->kept = TRUE;
      else
        entry = entry_new (self, additions[i]);
      g_ptr_array_add (layers, g_object_ref (additions[i]));
      g_ptr_array_add (entries, entry);
    }
  for (guint r = position; r < position + n_removals; r++)
    {
      Entry *entry = entry_at (self, r);

      if (!entry->kept)
        {
          strata_network_uncount (self, entry);
          strata_network_unlink (entry);
          strata_network_entry_free (entry);
        }
    }
  g_ptr_array_remove_range (self->entries, position, n_removals);
  g_ptr_array_remove_range (self->layers, position, n_removals);
  open_gap (self->entries, position, n_additions);
  open_gap (self->layers, position, n_additions);
  for (guint i = 0; i < n_additions; i++)
    {
      Entry *entry = entries->pdata[i];

      self->layers->pdata[position + i] = layers->pdata[i];
      self->entries->pdata[position + i] = entry;
      if (entry->kept)
        entry->kept = FALSE;
      else
        strata_network_link (entry);
    }
  renumber (self, position,
            n_removals == n_additions ? position + n_additions : self->entries->len);
  strata_network_repeats_spliced (self, position, n_removals, n_additions);

  /* Layers have their shapes before anyone hears of them. */
  strata_network_recompute (self, position, position + n_additions + 1);

  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removals, n_additions);
  if (n_removals != n_additions)
    strata_network_notify_n_items (self);
  if (groups_changed)
    strata_network_groups_emit_changed (self);
}

void
strata_network_insert (StrataNetwork *self,
                       guint          position,
                       StrataLayer   *layer)
{
  strata_network_splice (self, position, 0, &layer, 1);
}

void
strata_network_append (StrataNetwork *self,
                       StrataLayer   *layer)
{
  g_return_if_fail (STRATA_IS_NETWORK (self));

  strata_network_splice (self, self->layers->len, 0, &layer, 1);
}

void
strata_network_remove (StrataNetwork *self,
                       guint          position)
{
  g_return_if_fail (STRATA_IS_NETWORK (self));
  g_return_if_fail (position < self->layers->len);

  strata_network_rewire_dependents (self, position);
  strata_network_splice (self, position, 1, NULL, 0);
}

void
strata_network_move (StrataNetwork *self,
                     guint          from,
                     guint          to)
{
  StrataLayer *layer;
  StrataLayerGroup carried = { NULL, NULL, NULL };
  gboolean groups_changed;
  guint low, high;

  g_return_if_fail (STRATA_IS_NETWORK (self));
  g_return_if_fail (from < self->layers->len);
  g_return_if_fail (to < self->layers->len);
  g_return_if_fail (strata_network_can_move (self, from, to, NULL));

  if (from == to)
    return;

  groups_changed = strata_network_groups_before_move (self, from, &carried);

  layer = g_ptr_array_steal_index (self->layers, from);
  g_ptr_array_insert (self->layers, to, layer);
  g_ptr_array_insert (self->entries, to, g_ptr_array_steal_index (self->entries, from));

  low = MIN (from, to);
  high = MAX (from, to);
  renumber (self, low, high + 1);
  strata_network_repeats_spliced (self, low, high - low + 1, high - low + 1);
  strata_network_recompute (self, low, high + 2);
  strata_network_groups_after_move (self, &carried);
  g_list_model_items_changed (G_LIST_MODEL (self), low, high - low + 1, high - low + 1);
  if (groups_changed)
    strata_network_groups_emit_changed (self);
}
