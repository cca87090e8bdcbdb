/* strata-file-groups.c: the groups of layers a user made, as a file holds them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-file-links-private.h"
#include "strata-file-private.h"

/* A group names its first and last layers, not their numbers, so that a
 * file edited by hand (a layer added above the group) keeps its groups. */

typedef struct
{
  guint       first;
  guint       last;
  guint       number; /* in the file, from 1 */
  const char *name;   /* NULL for an ungrouped run */
} ReadGroup;

static int
compare_firsts (gconstpointer a,
                gconstpointer b)
{
  const ReadGroup *x = a, *y = b;

  return x->first < y->first ? -1 : x->first > y->first;
}

/* Layers by name; a name more than one layer has maps to G_MAXUINT. */
static GHashTable *
positions_by_name (StrataNetwork *network)
{
  GHashTable *positions = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      const char *name = strata_layer_get_name (strata_network_get_layer (network, i));

      if (name == NULL)
        continue;
      g_hash_table_insert (positions, (gpointer) name,
                           GUINT_TO_POINTER (g_hash_table_contains (positions, name) ? G_MAXUINT
                                                                                       : i + 1));
    }
  return positions;
}

static gboolean
read_text (JsonObject  *object,
           const char  *key,
           guint        number,
           const char **value,
           const Place *place,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_invalid (error, place, _("group %u: “%s” must be text, not %s"), number, key,
                   node_kind (node));
      return FALSE;
    }
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_end (JsonObject  *object,
          const char  *key,
          GHashTable  *positions,
          guint        number,
          guint       *position,
          const Place *place,
          GError     **error)
{
  const char *name;
  guint found;

  if (!json_object_has_member (object, key))
    {
      /* Translators: "group NUMBER: there is no “first”" (or “last”), in a file */
      set_invalid (error, place, _("group %u: there is no “%s”"), number, key);
      return FALSE;
    }
  if (!read_text (object, key, number, &name, place, error))
    return FALSE;
  found = GPOINTER_TO_UINT (g_hash_table_lookup (positions, name));
  if (found == 0)
    {
      set_invalid (error, place, _("group %u: “%s” names “%s”, but no layer has that name"),
                   number, key, name);
      return FALSE;
    }
  if (found == G_MAXUINT)
    {
      set_invalid (error, place, _("group %u: “%s” names “%s”, which more than one layer has"),
                   number, key, name);
      return FALSE;
    }
  *position = found - 1;
  return TRUE;
}

static gboolean
read_group (JsonNode    *node,
            GHashTable  *positions,
            guint        number,
            ReadGroup   *group,
            const Place *place,
            GError     **error)
{
  JsonObject *object;
  gboolean ungrouped = FALSE;
  g_autoptr(GList) keys = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, place, _("group %u must be an object, not %s"), number,
                   node_kind (node));
      return FALSE;
    }
  object = json_node_get_object (node);
  keys = json_object_get_members (object);
  for (GList *k = keys; k != NULL; k = k->next)
    if (!g_str_equal (k->data, "name") && !g_str_equal (k->data, "first") &&
        !g_str_equal (k->data, "last") && !g_str_equal (k->data, "ungrouped"))
      {
        set_invalid (error, place, _("group %u: “%s” is not a key of a group"), number,
                     (const char *) k->data);
        return FALSE;
      }

  group->number = number;
  group->name = NULL;
  if (json_object_has_member (object, "ungrouped"))
    {
      JsonNode *value = json_object_get_member (object, "ungrouped");

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
        {
          set_invalid (error, place, _("group %u: “ungrouped” must be true or false, not %s"),
                       number, node_kind (value));
          return FALSE;
        }
      ungrouped = json_node_get_boolean (value);
    }
  if (json_object_has_member (object, "name"))
    {
      if (ungrouped)
        {
          set_invalid (error, place, _("group %u: an ungrouped run has no “name”"), number);
          return FALSE;
        }
      if (!read_text (object, "name", number, &group->name, place, error))
        return FALSE;
      if (g_utf8_strlen (group->name, -1) > STRATA_NAME_MAX_CHARS || *group->name == '\0')
        {
          set_invalid (error, place, _("group %u: “name” must be from 1 to %d characters long"),
                       number, STRATA_NAME_MAX_CHARS);
          return FALSE;
        }
    }
  else if (!ungrouped)
    {
      set_invalid (error, place, _("group %u: there is no “name”"), number);
      return FALSE;
    }

  if (!read_end (object, "first", positions, number, &group->first, place, error) ||
      !read_end (object, "last", positions, number, &group->last, place, error))
    return FALSE;
  if (group->last < group->first)
    {
      set_invalid (error, place, _("group %u: its last layer, “%s”, comes before its first, “%s”"),
                   number, json_object_get_string_member (object, "last"),
                   json_object_get_string_member (object, "first"));
      return FALSE;
    }
  return TRUE;
}

gboolean
strata_file_read_groups (StrataNetwork  *network,
                         JsonNode       *node,
                         const char     *file,
                         GError        **error)
{
  Place place = { file, 0, NULL };
  g_autoptr(GHashTable) positions = NULL;
  g_autoptr(GArray) read = NULL;
  g_autoptr(GArray) groups = NULL;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (error, &place, _("“groups” must be a list, not %s"), node_kind (node));
      return FALSE;
    }
  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return TRUE;

  positions = positions_by_name (network);
  read = g_array_sized_new (FALSE, FALSE, sizeof (ReadGroup), json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      ReadGroup group;

      if (!read_group (json_array_get_element (array, i), positions, i + 1, &group, &place,
                       error))
        return FALSE;
      g_array_append_val (read, group);
    }

  /* Sorted, two groups overlap only if neighbours do. */
  g_array_sort (read, compare_firsts);
  for (guint i = 1; i < read->len; i++)
    {
      const ReadGroup *before = &g_array_index (read, ReadGroup, i - 1);
      const ReadGroup *after = &g_array_index (read, ReadGroup, i);

      if (after->first <= before->last)
        {
          guint low = MIN (before->number, after->number);
          guint high = MAX (before->number, after->number);

          set_invalid (error, &place, _("groups %u and %u overlap: a layer is in one group at most"),
                       low, high);
          return FALSE;
        }
    }

  groups = g_array_sized_new (FALSE, TRUE, sizeof (StrataLayerGroup), read->len);
  for (guint i = 0; i < read->len; i++)
    {
      const ReadGroup *group = &g_array_index (read, ReadGroup, i);
      StrataLayerGroup added = {
        strata_network_get_layer (network, group->first),
        strata_network_get_layer (network, group->last),
        (char *) group->name,
      };

      /* Borrowed: set_groups() copies them. */
      g_array_append_val (groups, added);
    }
  strata_network_set_groups (network, groups);
  return TRUE;
}

void
strata_file_write_groups (StrataNetwork *network,
                          GPtrArray     *names,
                          JsonBuilder   *builder)
{
  if (strata_network_get_n_groups (network) == 0)
    return;

  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint i = 0; i < strata_network_get_n_groups (network); i++)
    {
      const StrataLayerGroup *group = strata_network_get_group (network, i);

      json_builder_begin_object (builder);
      if (group->name != NULL)
        {
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, group->name);
        }
      json_builder_set_member_name (builder, "first");
      json_builder_add_string_value (builder, strata_file_link_name (network, names, group->first));
      json_builder_set_member_name (builder, "last");
      json_builder_add_string_value (builder, strata_file_link_name (network, names, group->last));
      if (group->name == NULL)
        {
          json_builder_set_member_name (builder, "ungrouped");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}
