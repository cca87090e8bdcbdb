/* strata-json.c: JSON helpers shared by the io formats. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-json-private.h"

char *
strata_json_format_double (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (isfinite (value), g_strdup ("0"));

  /* The fewest significant digits that read back as the same double:
   * 17 always do, but print 0.003 as "0.0030000000000000001". */
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  /* A number without a point or an exponent would read back as an integer. */
  if (strpbrk (buffer, ".e") == NULL)
    return g_strconcat (buffer, ".0", NULL);
  return g_strdup (buffer);
}

static void
append_indent (GString *out,
               guint    level)
{
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if ((guchar) *p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void append_node (GString  *out,
                         JsonNode *node,
                         guint     level);

static void
append_value (GString  *out,
              JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    {
      g_autofree char *number = strata_json_format_double (json_node_get_double (node));

      g_string_append (out, number);
    }
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else
    append_string (out, json_node_get_string (node));
}

static void
append_object (GString    *out,
               JsonObject *object,
               guint       level)
{
  g_autoptr(GList) members = json_object_get_members (object);

  if (members == NULL)
    {
      g_string_append (out, "{}");
      return;
    }
  g_string_append (out, "{\n");
  for (const GList *l = members; l != NULL; l = l->next)
    {
      append_indent (out, level + 1);
      append_string (out, l->data);
      g_string_append (out, " : ");
      append_node (out, json_object_get_member (object, l->data), level + 1);
      g_string_append (out, l->next != NULL ? ",\n" : "\n");
    }
  append_indent (out, level);
  g_string_append_c (out, '}');
}

static void
append_array (GString   *out,
              JsonArray *array,
              guint      level)
{
  guint length = json_array_get_length (array);

  if (length == 0)
    {
      g_string_append (out, "[]");
      return;
    }
  g_string_append (out, "[\n");
  for (guint i = 0; i < length; i++)
    {
      append_indent (out, level + 1);
      append_node (out, json_array_get_element (array, i), level + 1);
      g_string_append (out, i + 1 < length ? ",\n" : "\n");
    }
  append_indent (out, level);
  g_string_append_c (out, ']');
}

static void
append_node (GString  *out,
             JsonNode *node,
             guint     level)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      append_object (out, json_node_get_object (node), level);
      break;
    case JSON_NODE_ARRAY:
      append_array (out, json_node_get_array (node), level);
      break;
    case JSON_NODE_VALUE:
      append_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/* Written here rather than by JsonGenerator, which prints every double
 * with 17 digits (see strata_json_format_double). */
char *
strata_json_builder_to_text (JsonBuilder *builder,
                             gsize       *length)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  GString *out = g_string_new (NULL);

  append_node (out, root, 0);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
