/* strata-test-json.h: comparing JSON trees exactly. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <json-glib/json-glib.h>

/* Whether @a and @b are the same tree, down to the type of each number,
 * the sign of a zero and the order of members. */
static inline gboolean
same_tree (JsonNode *a,
           JsonNode *b)
{
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;
  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_NULL:
      return TRUE;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        return FALSE;
      switch (json_node_get_value_type (a))
        {
        case G_TYPE_INT64:
          return json_node_get_int (a) == json_node_get_int (b);
        case G_TYPE_DOUBLE:
          {
            double x = json_node_get_double (a), y = json_node_get_double (b);

            return memcmp (&x, &y, sizeof x) == 0;
          }
        case G_TYPE_BOOLEAN:
          return json_node_get_boolean (a) == json_node_get_boolean (b);
        case G_TYPE_STRING:
          return g_str_equal (json_node_get_string (a), json_node_get_string (b));
        default:
          return FALSE;
        }
    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a), *y = json_node_get_array (b);

        if (json_array_get_length (x) != json_array_get_length (y))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (x); i++)
          if (!same_tree (json_array_get_element (x, i), json_array_get_element (y, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_OBJECT:
      {
        JsonObject *x = json_node_get_object (a), *y = json_node_get_object (b);
        g_autoptr(GList) xs = json_object_get_members (x);
        g_autoptr(GList) ys = json_object_get_members (y);
        const GList *l, *m;

        for (l = xs, m = ys; l != NULL && m != NULL; l = l->next, m = m->next)
          if (!g_str_equal (l->data, m->data) ||
              !same_tree (json_object_get_member (x, l->data), json_object_get_member (y, m->data)))
            return FALSE;
        return l == NULL && m == NULL;
      }
    default:
      return FALSE;
    }
}
