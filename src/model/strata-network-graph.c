/* strata-network-graph.c: the branches of a network: which layers read which. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-layer-private.h"
#include "strata-network-private.h"

G_DEFINE_QUARK (strata-network-error-quark, strata_network_error)

/* Calls @func with each layer @entry's layer reads by name or whose
 * weights it shares: each an edge of the graph, walked the same way to
 * add and to remove it. */
static void
foreach_source (Entry   *entry,
                void   (*func) (Entry *source,
                                Entry *entry))
{
  StrataLayer *layer = entry->layer;
  StrataLayer *owner = strata_layer_get_shares (layer);

  for (guint i = 0; i < strata_layer_get_n_inputs (layer); i++)
    {
      StrataLayer *input = strata_layer_get_input (layer, i);

      if (input != NULL)
        func (entry_of (input), entry);
    }
  if (owner != NULL)
    func (entry_of (owner), entry);
}

static void
add_dependent (Entry *source,
               Entry *entry)
{
  if (source->dependents == NULL)
    source->dependents = g_ptr_array_new ();
  g_ptr_array_add (source->dependents, entry);
}

static void
remove_dependent (Entry *source,
                  Entry *entry)
{
  /* Once per edge: a layer reading another twice is listed twice. */
  g_ptr_array_remove_fast (source->dependents, entry);
}

void
strata_network_link (Entry *entry)
{
  foreach_source (entry, add_dependent);
}

void
strata_network_unlink (Entry *entry)
{
  foreach_source (entry, remove_dependent);
}

const char *
strata_network_get_input_name (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), NULL);

  return self->input_name != NULL ? self->input_name : "input";
}

void
strata_network_set_input_name (StrataNetwork *self,
                               const char    *name)
{
  g_return_if_fail (STRATA_IS_NETWORK (self));
  g_return_if_fail (name == NULL || g_utf8_validate (name, -1, NULL));

  if (g_strcmp0 (name, "input") == 0)
    name = NULL;
  g_free (self->input_name);
  self->input_name = strata_name_dup (name);
}

void
strata_network_set_input_like (StrataNetwork *self,
                               StrataNetwork *other)
{
  const StrataShape *input;

  g_return_if_fail (STRATA_IS_NETWORK (self));
  g_return_if_fail (STRATA_IS_NETWORK (other));

  input = strata_network_get_input_shape (other);
  strata_network_set_input (self, input->height, input->width, input->channels);
  strata_network_set_input_name (self, strata_network_get_input_name (other));
}

/* Refuses an edit with @message, which it frees. */
static gboolean
set_order_error (GError **error,
                 char    *message)
{
  g_set_error_literal (error, STRATA_NETWORK_ERROR, STRATA_NETWORK_ERROR_ORDER, message);
  g_free (message);
  return FALSE;
}

#define NAME(layer) strata_layer_get_display_name (layer)

/* Whether @source (NULL: the network's input) may be read by the layer
 * at @position: it must come before it. */
static gboolean
check_source (StrataNetwork  *self,
              guint           position,
              StrataLayer    *source,
              GError        **error)
{
  Entry *entry;

  if (source == NULL)
    return TRUE;
  g_return_val_if_fail (STRATA_IS_LAYER (source), FALSE);
  entry = entry_of (source);
  g_return_val_if_fail (entry != NULL && entry->network == self, FALSE);
  if (entry->position < position)
    return TRUE;
  return set_order_error (error,
                          g_strdup_printf (_("“%s” cannot read “%s”, which comes after it"),
                                           NAME (entry_at (self, position)->layer), NAME (source)));
}

/* A layer that others read is named in files by its name, so it gets
 * one if it has none: its kind's id and the first free number. */
static void
ensure_name (StrataNetwork *self,
             StrataLayer   *layer)
{
  g_autoptr(GHashTable) names = NULL;
  const char *id;

  if (layer == NULL || strata_layer_get_name (layer) != NULL)
    return;

  names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->layers->len; i++)
    {
      const char *name = strata_layer_get_name (g_ptr_array_index (self->layers, i));

      if (name != NULL)
        g_hash_table_add (names, (gpointer) name);
    }
  id = strata_layer_get_kind_info (layer)->id;
  for (guint n = 1;; n++)
    {
      g_autofree char *name = g_strdup_printf ("%s_%u", id, n);

      if (!g_hash_table_contains (names, name))
        {
          strata_layer_set_name (layer, name);
          return;
        }
    }
}

/* Relinks and recomputes the layer at @position after its sources changed. */
static void
sources_changed (StrataNetwork *self,
                 guint          position)
{
  Entry *entry = entry_at (self, position);

  strata_network_link (entry);
  entry->dirty = TRUE;
  strata_network_repeats_changed (self, position);
  strata_network_recompute_marked (self, position, position + 1);
  g_signal_emit (self, strata_network_signals[LAYER_CHANGED], strata_network_inputs_quark,
                 entry->layer, position);
}

gboolean
strata_network_set_inputs (StrataNetwork  *self,
                           guint           position,
                           StrataLayer   **inputs,
                           guint           n_inputs,
                           GError        **error)
{
  StrataLayer *layer;
  gboolean same;

  g_return_val_if_fail (STRATA_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (position < self->layers->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_inputs; i++)
    if (!check_source (self, position, inputs[i], error))
      return FALSE;

  layer = entry_at (self, position)->layer;
  same = n_inputs == strata_layer_get_n_inputs (layer);
  for (guint i = 0; i < n_inputs && same; i++)
    same = inputs[i] == strata_layer_get_input (layer, i);
  if (same)
    return TRUE;

  for (guint i = 0; i < n_inputs; i++)
    ensure_name (self, inputs[i]);
  strata_network_unlink (entry_at (self, position));
  strata_layer_replace_inputs (layer, inputs, n_inputs);
  sources_changed (self, position);
  return TRUE;
}

gboolean
strata_network_set_shares (StrataNetwork  *self,
                           guint           position,
                           StrataLayer    *owner,
                           GError        **error)
{
  StrataLayer *layer;

  g_return_val_if_fail (STRATA_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (position < self->layers->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_source (self, position, owner, error))
    return FALSE;
  layer = entry_at (self, position)->layer;
  if (strata_layer_get_shares (layer) == owner)
    return TRUE;

  ensure_name (self, owner);
  strata_network_unlink (entry_at (self, position));
  strata_layer_replace_shares (layer, owner);
  sources_changed (self, position);
  return TRUE;
}

gboolean
strata_network_can_move (StrataNetwork  *self,
                         guint           from,
                         guint           to,
                         GError        **error)
{
  Entry *entry;
  StrataLayer *layer;
  StrataLayer *owner;

  g_return_val_if_fail (STRATA_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (from < self->layers->len && to < self->layers->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entry = entry_at (self, from);
  layer = entry->layer;
  owner = strata_layer_get_shares (layer);

  /* Up: past none of the layers it reads. Down: past none that read it. */
  for (guint i = 0; i < strata_layer_get_n_inputs (layer) && to < from; i++)
    {
      StrataLayer *input = strata_layer_get_input (layer, i);

      if (input != NULL && entry_of (input)->position >= to)
        return set_order_error (error,
                                g_strdup_printf (_("“%s” cannot move above “%s”, which it reads"),
                                                 NAME (layer), NAME (input)));
    }
  if (owner != NULL && to < from && entry_of (owner)->position >= to)
    return set_order_error (error,
                            g_strdup_printf (_("“%s” cannot move above “%s”, whose weights it uses"),
                                             NAME (layer), NAME (owner)));
  for (guint d = 0; d < entry_n_dependents (entry) && to > from; d++)
    {
      Entry *dependent = g_ptr_array_index (entry->dependents, d);

      if (dependent->position <= to)
        return set_order_error (error,
                                g_strdup_printf (_("“%s” cannot move below “%s”, which reads it"),
                                                 NAME (layer), NAME (dependent->layer)));
    }
  return TRUE;
}

StrataLayer *
strata_network_get_input_layer (StrataNetwork *self,
                                guint          position,
                                guint          index)
{
  StrataLayer *layer;

  g_return_val_if_fail (STRATA_IS_NETWORK (self), NULL);
  g_return_val_if_fail (index < strata_network_get_n_input_layers (self, position), NULL);

  /* The list of layers, not their entries: a layout reads every layer's
   * inputs, and an entry is one more block of memory per layer. */
  layer = g_ptr_array_index (self->layers, position);
  if (strata_layer_get_n_inputs (layer) > 0)
    return strata_layer_get_input (layer, index);
  return position > 0 ? g_ptr_array_index (self->layers, position - 1) : NULL;
}

guint
strata_network_get_n_input_layers (StrataNetwork *self,
                                   guint          position)
{
  StrataLayer *layer;
  guint n;

  g_return_val_if_fail (STRATA_IS_NETWORK (self), 0);
  g_return_val_if_fail (position < self->layers->len, 0);

  layer = g_ptr_array_index (self->layers, position);
  n = strata_layer_get_n_inputs (layer);
  if (n == 0 && strata_layer_get_kind_info (layer)->max_inputs > 0)
    return 1;
  return n;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint pa = entry_of (*(StrataLayer **) a)->position;
  guint pb = entry_of (*(StrataLayer **) b)->position;

  return pa < pb ? -1 : pa > pb;
}

GPtrArray *
strata_network_get_consumers (StrataNetwork *self,
                              guint          position)
{
  GPtrArray *consumers;
  Entry *entry;

  g_return_val_if_fail (STRATA_IS_NETWORK (self), NULL);
  g_return_val_if_fail (position < self->layers->len, NULL);

  entry = entry_at (self, position);
  consumers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint d = 0; d < entry_n_dependents (entry); d++)
    {
      Entry *dependent = g_ptr_array_index (entry->dependents, d);
      StrataLayer *layer = dependent->layer;
      gboolean reads = FALSE;

      /* Sharing weights is not reading; a layer reading twice is one consumer. */
      for (guint i = 0; i < strata_layer_get_n_inputs (layer) && !reads; i++)
        reads = strata_layer_get_input (layer, i) == entry->layer;
      if (reads && !g_ptr_array_find (consumers, layer, NULL))
        g_ptr_array_add (consumers, g_object_ref (layer));
    }
  if (position + 1 < self->layers->len &&
      strata_network_get_n_input_layers (self, position + 1) == 1 &&
      strata_layer_get_n_inputs (entry_at (self, position + 1)->layer) == 0)
    g_ptr_array_add (consumers, g_object_ref (entry_at (self, position + 1)->layer));
  g_ptr_array_sort (consumers, compare_positions);
  return consumers;
}

gboolean
strata_network_is_chain (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), FALSE);

  for (guint i = 0; i < self->layers->len; i++)
    {
      StrataLayer *layer = g_ptr_array_index (self->layers, i);

      if (strata_layer_get_shares (layer) != NULL ||
          strata_network_get_n_input_layers (self, i) != 1 ||
          strata_network_get_input_layer (self, i, 0) != (i > 0 ? g_ptr_array_index (self->layers,
                                                                                     i - 1)
                                                                : NULL))
        return FALSE;
    }
  return TRUE;
}

char *
strata_network_unique_name (StrataNetwork *self,
                            const char    *name)
{
  g_autoptr(GHashTable) taken = NULL;
  const char *digits;
  g_autofree char *stem = NULL;
  guint64 number = 1;

  g_return_val_if_fail (STRATA_IS_NETWORK (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  taken = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_add (taken, (gpointer) strata_network_get_input_name (self));
  for (guint i = 0; i < self->layers->len; i++)
    {
      const char *layer_name = strata_layer_get_name (g_ptr_array_index (self->layers, i));

      if (layer_name != NULL)
        g_hash_table_add (taken, (gpointer) layer_name);
    }
  if (!g_hash_table_contains (taken, name))
    return g_strdup (name);

  /* "conv3" is "conv" numbered 3; "C" is "C" numbered 1, its copy "C2". */
  digits = name + strlen (name);
  while (digits > name && g_ascii_isdigit (digits[-1]) && name + strlen (name) - digits < 9)
    digits--;
  stem = g_strndup (name, digits - name);
  if (*digits != '\0')
    number = g_ascii_strtoull (digits, NULL, 10);

  /* As many layers as there are can take as many numbers, no more. */
  for (guint64 n = number + 1;; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s%" G_GUINT64_FORMAT, stem, n);

      if (!g_hash_table_contains (taken, candidate))
        return g_steal_pointer (&candidate);
    }
}

void
strata_network_rewire_dependents (StrataNetwork *self,
                                  guint          position)
{
  Entry *entry = entry_at (self, position);
  StrataLayer *layer = entry->layer;
  StrataLayer *first = strata_network_get_n_input_layers (self, position) > 0
                         ? strata_network_get_input_layer (self, position, 0)
                         : NULL;
  StrataLayer *before = position > 0 ? entry_at (self, position - 1)->layer : NULL;

  while (entry_n_dependents (entry) > 0)
    {
      Entry *dependent = g_ptr_array_index (entry->dependents, 0);
      StrataLayer *reader = dependent->layer;
      guint n = strata_layer_get_n_inputs (reader);
      g_autofree StrataLayer **inputs = g_new (StrataLayer *, MAX (n, 1));

      for (guint i = 0; i < n; i++)
        {
          inputs[i] = strata_layer_get_input (reader, i);
          if (inputs[i] == layer)
            inputs[i] = first;
        }
      strata_network_unlink (dependent);
      strata_layer_replace_inputs (reader, inputs, n);
      if (strata_layer_get_shares (reader) == layer)
        strata_layer_replace_shares (reader, NULL);
      sources_changed (self, dependent->position);
    }

  /* The layer after it read it by default; it goes on reading the same
   * tensor, which is no longer the one before it if this layer named
   * its input. */
  if (position + 1 < self->layers->len &&
      strata_layer_get_n_inputs (entry_at (self, position + 1)->layer) == 0 &&
      strata_layer_get_kind_info (entry_at (self, position + 1)->layer)->max_inputs > 0 &&
      first != before)
    strata_network_set_inputs (self, position + 1, &first, 1, NULL);
}
