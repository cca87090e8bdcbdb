/* strata-file-links.c: how layers in a file name the layers they read. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-file-links-private.h"

/* What a name stands for while reading: the network's input, a layer, or
 * more than one layer, which no reference may then use. */
#define NETWORK_INPUT GINT_TO_POINTER (1)
#define AMBIGUOUS GINT_TO_POINTER (2)

struct _StrataLinkReader
{
  /* name → NETWORK_INPUT, a StrataLayer read so far, or AMBIGUOUS */
  GHashTable *names;
  /* Every name the file gives a layer, with its position: what a
   * reference names that is not read yet comes later. */
  GHashTable *later;
};

StrataLinkReader *
strata_link_reader_new (JsonArray  *layers,
                        const char *input_name)
{
  StrataLinkReader *self = g_new0 (StrataLinkReader, 1);

  self->names = g_hash_table_new (g_str_hash, g_str_equal);
  self->later = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (self->names, (gpointer) input_name, NETWORK_INPUT);
  for (guint i = 0; i < json_array_get_length (layers); i++)
    {
      JsonNode *node = json_array_get_element (layers, i);
      JsonNode *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      name = json_object_get_member (json_node_get_object (node), "name");
      if (name != NULL && JSON_NODE_HOLDS_VALUE (name) &&
          json_node_get_value_type (name) == G_TYPE_STRING)
        g_hash_table_insert (self->later, (gpointer) json_node_get_string (name), NULL);
    }
  return self;
}

void
strata_link_reader_free (StrataLinkReader *self)
{
  g_hash_table_unref (self->names);
  g_hash_table_unref (self->later);
  g_free (self);
}

void
strata_link_reader_add (StrataLinkReader *self,
                        StrataLayer      *layer)
{
  const char *name = strata_layer_get_name (layer);

  if (name == NULL)
    return;
  if (g_hash_table_contains (self->names, name))
    g_hash_table_insert (self->names, (gpointer) name, AMBIGUOUS);
  else
    g_hash_table_insert (self->names, (gpointer) name, layer);
}

/* The layer (NULL: the network's input) that @node names, or a message
 * saying why it names none. */
static char *
resolve (StrataLinkReader  *self,
         JsonNode          *node,
         const char        *key,
         const char        *own_name,
         StrataLayer      **layer)
{
  const char *name;
  gpointer found;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return g_strdup_printf (_("“%s” must name layers, as text"), key);
  name = json_node_get_string (node);
  if (!g_hash_table_lookup_extended (self->names, name, NULL, &found))
    {
      if (own_name != NULL && g_str_equal (name, own_name))
        return g_strdup_printf (_("“%s” names the layer itself"), key);
      if (g_hash_table_contains (self->later, name))
        return g_strdup_printf (_("“%s” names “%s”, which comes after this layer"), key, name);
      return g_strdup_printf (_("“%s” names “%s”, but no earlier layer or input has that name"),
                              key, name);
    }
  if (found == AMBIGUOUS)
    return g_strdup_printf (_("“%s” names “%s”, but more than one earlier layer or input has "
                              "that name"), key, name);
  *layer = found == NETWORK_INPUT ? NULL : found;
  return NULL;
}

char *
strata_link_reader_read (StrataLinkReader *self,
                         JsonObject       *object,
                         StrataLayer      *layer)
{
  const StrataLayerKindInfo *info = strata_layer_get_kind_info (layer);
  const char *own_name = strata_layer_get_name (layer);
  JsonNode *node;
  char *problem;

  if ((node = json_object_get_member (object, "inputs")) != NULL)
    {
      g_autoptr(GPtrArray) inputs = NULL;
      JsonArray *array;

      if (info->max_inputs == 0)
        return g_strdup_printf (_("A layer of type “%s” reads no other layer, so it has no "
                                  "“inputs”"), info->id);
      if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
        return g_strdup (_("“inputs” must be a list of the names of earlier layers or inputs"));
      array = json_node_get_array (node);
      inputs = g_ptr_array_sized_new (json_array_get_length (array));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          StrataLayer *input = NULL;

          if ((problem = resolve (self, json_array_get_element (array, i), "inputs", own_name,
                                  &input)) != NULL)
            return problem;
          g_ptr_array_add (inputs, input);
        }
      strata_layer_set_inputs (layer, (StrataLayer **) inputs->pdata, inputs->len);
    }

  if ((node = json_object_get_member (object, "shares")) != NULL)
    {
      StrataLayer *owner = NULL;

      if ((problem = resolve (self, node, "shares", own_name, &owner)) != NULL)
        return problem;
      if (owner == NULL)
        return g_strdup (_("“shares” must name an earlier layer, not an input"));
      strata_layer_set_shares (layer, owner);
    }
  return NULL;
}

/* A name for @layer that @taken does not hold yet, added to it. */
static char *
new_name (GHashTable  *taken,
          StrataLayer *layer)
{
  const char *stem = strata_layer_get_name (layer);

  if (stem == NULL)
    stem = strata_layer_get_kind_info (layer)->id;
  for (guint n = 1;; n++)
    {
      char *name = g_strdup_printf ("%s_%u", stem, n);

      if (!g_hash_table_contains (taken, name))
        {
          g_hash_table_add (taken, name);
          return name;
        }
      g_free (name);
    }
}

GPtrArray *
strata_file_link_names (StrataNetwork *network)
{
  guint n = strata_network_get_n_layers (network);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) read = g_hash_table_new (NULL, NULL);
  GPtrArray *names = g_ptr_array_new_full (n, g_free);

  g_hash_table_insert (counts, g_strdup (strata_network_get_input_name (network)),
                       GUINT_TO_POINTER (1));
  for (guint i = 0; i < n; i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      const char *name = strata_layer_get_name (layer);

      if (name != NULL)
        g_hash_table_insert (counts, g_strdup (name),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts,
                                                                                      name)) + 1));
      for (guint k = 0; k < strata_layer_get_n_inputs (layer); k++)
        g_hash_table_add (read, strata_layer_get_input (layer, k));
      if (strata_layer_get_shares (layer) != NULL)
        g_hash_table_add (read, strata_layer_get_shares (layer));
    }
  /* Groups name the layers that bound them. */
  for (guint i = 0; i < strata_network_get_n_groups (network); i++)
    {
      g_hash_table_add (read, strata_network_get_group (network, i)->first);
      g_hash_table_add (read, strata_network_get_group (network, i)->last);
    }

  /* A layer that others read needs a name no other layer has; the rest
   * keep theirs, shared or not. */
  for (guint i = 0; i < n; i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      const char *name = strata_layer_get_name (layer);

      if (g_hash_table_contains (read, layer) &&
          (name == NULL || GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) > 1))
        g_ptr_array_add (names, g_strdup (new_name (counts, layer)));
      else
        g_ptr_array_add (names, g_strdup (name));
    }
  return names;
}

const char *
strata_file_link_name (StrataNetwork *network,
                       GPtrArray     *names,
                       StrataLayer   *layer)
{
  if (layer == NULL)
    return strata_network_get_input_name (network);
  return g_ptr_array_index (names, strata_network_index_of (network, layer));
}
