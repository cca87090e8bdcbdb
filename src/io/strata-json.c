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

/* Makes room for @n more bytes and returns where they go; the caller
 * writes them and written() ends the text after them. GLib's appends
 * check whether the text lies inside the string, which took most of the
 * time of writing a long summary. */
static inline char *
reserve (GString *out,
         gsize    n)
{
  gsize at = out->len;

  if (G_UNLIKELY (at + n >= out->allocated_len))
    {
      g_string_set_size (out, at + n);
      out->len = at;
    }
  return out->str + at;
}

static inline void
written (GString *out,
         gsize    n)
{
  out->len += n;
  out->str[out->len] = '\0';
}

static inline void
put (GString    *out,
     const char *text,
     gsize       n)
{
  memcpy (reserve (out, n), text, n);
  written (out, n);
}

#define PUT_LITERAL(out, text) put ((out), (text), sizeof (text) - 1)

static void
append_indent (GString *out,
               guint    level)
{
  gsize n = 2 * (gsize) level;

  memset (reserve (out, n), ' ', n);
  written (out, n);
}

static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      /* Runs of characters that need no escape, at once. */
      const char *run = p;

      while ((guchar) *p >= 0x20 && *p != 0x7f && *p != '"' && *p != '\\')
        p++;
      put (out, run, p - run);
      if (*p == '\0')
        break;
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
          /* Other control characters. */
          g_string_append_printf (out, "\\u%04x", (guchar) *p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

void
strata_json_writer_init (StrataJsonWriter *writer,
                         GString          *out)
{
  *writer = (StrataJsonWriter) { out, 0, 0, FALSE };
}

/* A new line for the next member or element of the innermost container,
 * after a comma unless it is the first. */
static void
next_line (StrataJsonWriter *writer)
{
  guint64 bit = G_GUINT64_CONSTANT (1) << (writer->level - 1);

  if ((writer->filled & bit) != 0)
    PUT_LITERAL (writer->out, ",\n");
  else
    g_string_append_c (writer->out, '\n');
  writer->filled |= bit;
  append_indent (writer->out, writer->level);
}

/* Where a value goes: after its member's name, or on a line of its own
 * in an array, or alone at the top. */
static void
before_value (StrataJsonWriter *writer)
{
  if (writer->after_name)
    writer->after_name = FALSE;
  else if (writer->level > 0)
    next_line (writer);
}

static void
begin (StrataJsonWriter *writer,
       char              bracket)
{
  g_return_if_fail (writer->level < 64);

  before_value (writer);
  g_string_append_c (writer->out, bracket);
  writer->level++;
  writer->filled &= ~(G_GUINT64_CONSTANT (1) << (writer->level - 1));
}

/* An empty container stays on its line: "{}", "[]". */
static void
end (StrataJsonWriter *writer,
     char              bracket)
{
  guint64 bit;

  g_return_if_fail (writer->level > 0);

  bit = G_GUINT64_CONSTANT (1) << (writer->level - 1);
  writer->level--;
  if ((writer->filled & bit) != 0)
    {
      g_string_append_c (writer->out, '\n');
      append_indent (writer->out, writer->level);
    }
  g_string_append_c (writer->out, bracket);
}

void
strata_json_writer_begin_object (StrataJsonWriter *writer)
{
  begin (writer, '{');
}

void
strata_json_writer_end_object (StrataJsonWriter *writer)
{
  end (writer, '}');
}

void
strata_json_writer_begin_array (StrataJsonWriter *writer)
{
  begin (writer, '[');
}

void
strata_json_writer_end_array (StrataJsonWriter *writer)
{
  end (writer, ']');
}

void
strata_json_writer_member (StrataJsonWriter *writer,
                           const char       *name)
{
  g_return_if_fail (writer->level > 0);

  next_line (writer);
  append_string (writer->out, name);
  PUT_LITERAL (writer->out, " : ");
  writer->after_name = TRUE;
}

void
strata_json_writer_string (StrataJsonWriter *writer,
                           const char       *value)
{
  before_value (writer);
  append_string (writer->out, value);
}

void
strata_json_writer_int (StrataJsonWriter *writer,
                        gint64            value)
{
  /* Digits written backwards, without printf, which took most of the
   * time of a summary's counts. */
  char digits[21];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  before_value (writer);
  put (writer->out, p, digits + sizeof digits - p);
}

void
strata_json_writer_double (StrataJsonWriter *writer,
                           double            value)
{
  g_autofree char *number = strata_json_format_double (value);

  before_value (writer);
  g_string_append (writer->out, number);
}

void
strata_json_writer_boolean (StrataJsonWriter *writer,
                            gboolean          value)
{
  before_value (writer);
  g_string_append (writer->out, value ? "true" : "false");
}

void
strata_json_writer_null (StrataJsonWriter *writer)
{
  before_value (writer);
  PUT_LITERAL (writer->out, "null");
}

static void
write_node (StrataJsonWriter *writer,
            JsonNode         *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        strata_json_writer_begin_object (writer);
        for (const GList *l = members; l != NULL; l = l->next)
          {
            strata_json_writer_member (writer, l->data);
            write_node (writer, json_object_get_member (object, l->data));
          }
        strata_json_writer_end_object (writer);
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        strata_json_writer_begin_array (writer);
        for (guint i = 0; i < json_array_get_length (array); i++)
          write_node (writer, json_array_get_element (array, i));
        strata_json_writer_end_array (writer);
      }
      break;
    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_INT64)
          strata_json_writer_int (writer, json_node_get_int (node));
        else if (type == G_TYPE_DOUBLE)
          strata_json_writer_double (writer, json_node_get_double (node));
        else if (type == G_TYPE_BOOLEAN)
          strata_json_writer_boolean (writer, json_node_get_boolean (node));
        else
          strata_json_writer_string (writer, json_node_get_string (node));
      }
      break;
    case JSON_NODE_NULL:
    default:
      strata_json_writer_null (writer);
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
  StrataJsonWriter writer;

  strata_json_writer_init (&writer, out);
  write_node (&writer, root);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
