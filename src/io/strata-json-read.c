/* strata-json-read.c: a strict reader of the JSON Strata writes, into json-glib's nodes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "strata-json-private.h"

/* Only text json-glib reads the same way is read here: strings without
 * escapes, integers of at most 18 digits, no duplicate keys. Anything
 * else, valid or not, makes the whole read give up, and the caller parses
 * the text with json-glib, whose messages say what is wrong and where.
 * json-glib's scanner, and the signal it emits for every element, took
 * two thirds of the time of loading a file of 100,000 layers. */

#define MAX_INTEGER_DIGITS 18 /* as strata_file_check_json() allows */

typedef struct
{
  const char            *p;
  const char            *end;
  guint                  depth;
  guint                  max_depth;
  StrataJsonElementFunc  element_func;
  StrataJsonObjectFunc   object_func;
  gpointer               user_data;
  /* The members of the objects being read, the innermost last; each
   * key is ours. */
  GArray                *members;
  /* The string read last, without its quotes, and its length; the
   * buffer holds @size bytes. */
  char                  *text;
  gsize                  length;
  gsize                  size;
} Reader;

static JsonNode *read_value (Reader *reader);

static void
skip_space (Reader *reader)
{
  while (reader->p < reader->end &&
         (*reader->p == ' ' || *reader->p == '\n' || *reader->p == '\r' || *reader->p == '\t'))
    reader->p++;
}

/* Reads the string at the reader's place into reader->text. */
static gboolean
read_string (Reader *reader)
{
  const char *start = ++reader->p;

  while (reader->p < reader->end && *reader->p != '"')
    {
      guchar c = *reader->p;

      if (c == '\\' || c < 0x20)
        return FALSE;
      reader->p++;
    }
  if (reader->p == reader->end)
    return FALSE;
  if (!g_utf8_validate_len (start, reader->p - start, NULL))
    return FALSE;
  reader->length = reader->p - start;
  if (reader->length >= reader->size)
    {
      reader->size = MAX (reader->length + 1, 2 * reader->size);
      reader->text = g_realloc (reader->text, reader->size);
    }
  memcpy (reader->text, start, reader->length);
  reader->text[reader->length] = '\0';
  reader->p++;
  return TRUE;
}

static gboolean
read_literal (Reader     *reader,
              const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (reader->end - reader->p) < length || memcmp (reader->p, word, length) != 0)
    return FALSE;
  reader->p += length;
  return TRUE;
}

static gboolean
is_digit (Reader *reader)
{
  return reader->p < reader->end && g_ascii_isdigit (*reader->p);
}

/* A number as RFC 8259 writes it: a whole number when it has neither a
 * fraction nor an exponent, as in json-glib. */
static JsonNode *
read_number (Reader *reader)
{
  const char *start = reader->p;
  const char *digits;
  gboolean whole = TRUE;
  JsonNode *node;

  if (*reader->p == '-')
    reader->p++;
  digits = reader->p;
  if (!is_digit (reader))
    return NULL;
  if (*reader->p == '0')
    reader->p++;
  else
    while (is_digit (reader))
      reader->p++;
  if (reader->p - digits > MAX_INTEGER_DIGITS)
    return NULL;
  if (reader->p < reader->end && *reader->p == '.')
    {
      whole = FALSE;
      reader->p++;
      if (!is_digit (reader))
        return NULL;
      while (is_digit (reader))
        reader->p++;
    }
  if (reader->p < reader->end && (*reader->p == 'e' || *reader->p == 'E'))
    {
      whole = FALSE;
      reader->p++;
      if (reader->p < reader->end && (*reader->p == '+' || *reader->p == '-'))
        reader->p++;
      if (!is_digit (reader))
        return NULL;
      while (is_digit (reader))
        reader->p++;
    }

  node = json_node_alloc ();
  if (whole)
    {
      gint64 value = 0;

      for (const char *d = digits; d < reader->p; d++)
        value = value * 10 + (*d - '0');
      json_node_init_int (node, *start == '-' ? -value : value);
    }
  else
    {
      /* A copy, since the text need not end after the number. */
      g_autofree char *text = g_strndup (start, reader->p - start);

      json_node_init_double (node, g_ascii_strtod (text, NULL));
    }
  return node;
}

static void
drop_members (Reader *reader,
              guint   base)
{
  for (guint i = base; i < reader->members->len; i++)
    {
      StrataJsonMember *member = &g_array_index (reader->members, StrataJsonMember, i);

      g_free ((char *) member->key);
      if (member->value != NULL)
        json_node_unref (member->value);
    }
  g_array_set_size (reader->members, base);
}

static gboolean
keys_unique (const StrataJsonMember *members,
             guint                   n_members)
{
  for (guint i = 1; i < n_members; i++)
    for (guint j = 0; j < i; j++)
      if (g_str_equal (members[i].key, members[j].key))
        return FALSE;
  return TRUE;
}

/* The members of the object at the reader's place, pushed on
 * reader->members. */
static gboolean
read_members (Reader *reader)
{
  reader->p++;
  skip_space (reader);
  if (reader->p < reader->end && *reader->p == '}')
    {
      reader->p++;
      return TRUE;
    }
  for (;;)
    {
      StrataJsonMember *member;
      JsonNode *value;
      guint index;

      if (reader->p == reader->end || *reader->p != '"' || !read_string (reader) ||
          reader->length == 0)
        return FALSE;
      /* Pushed before its value is read, which reads strings of its own. */
      index = reader->members->len;
      g_array_set_size (reader->members, index + 1);
      member = &g_array_index (reader->members, StrataJsonMember, index);
      member->key = g_strndup (reader->text, reader->length);
      member->value = NULL;
      skip_space (reader);
      if (reader->p == reader->end || *reader->p != ':')
        return FALSE;
      reader->p++;
      /* The value's own members may move the array. */
      value = read_value (reader);
      g_array_index (reader->members, StrataJsonMember, index).value = value;
      if (value == NULL)
        return FALSE;
      skip_space (reader);
      if (reader->p < reader->end && *reader->p == ',')
        {
          reader->p++;
          skip_space (reader);
          continue;
        }
      if (reader->p < reader->end && *reader->p == '}')
        {
          reader->p++;
          return TRUE;
        }
      return FALSE;
    }
}

/* The object at the reader's place, an element of @array when not NULL;
 * *taken says whether the object function took it (and NULL is then no
 * failure). */
static JsonNode *
read_object (Reader    *reader,
             JsonArray *array,
             gboolean  *taken)
{
  guint base = reader->members->len;
  const StrataJsonMember *members;
  guint n_members;
  g_autoptr(JsonObject) object = NULL;
  JsonNode *node;

  *taken = FALSE;
  if (!read_members (reader))
    {
      drop_members (reader, base);
      return NULL;
    }
  n_members = reader->members->len - base;
  /* An array never grown has no data to point into. */
  members = n_members > 0 ? &g_array_index (reader->members, StrataJsonMember, base) : NULL;
  if (array != NULL && reader->object_func != NULL &&
      n_members <= STRATA_JSON_MAX_OFFERED_MEMBERS && keys_unique (members, n_members) &&
      reader->object_func (array, members, n_members, reader->user_data))
    {
      *taken = TRUE;
      drop_members (reader, base);
      return NULL;
    }

  object = json_object_new ();
  for (guint i = 0; i < n_members; i++)
    {
      StrataJsonMember *member = &g_array_index (reader->members, StrataJsonMember, base + i);

      json_object_set_member (object, member->key, g_steal_pointer (&member->value));
      /* json-glib keeps the last value of a key given twice, in the place
       * of the first: left to it. */
      if (json_object_get_size (object) != i + 1)
        {
          drop_members (reader, base);
          return NULL;
        }
    }
  drop_members (reader, base);
  node = json_node_alloc ();
  json_node_init_object (node, object);
  return node;
}

static JsonNode *
read_array (Reader *reader)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;

  reader->p++;
  skip_space (reader);
  if (reader->p < reader->end && *reader->p == ']')
    reader->p++;
  else
    for (;;)
      {
        gboolean taken = FALSE;
        JsonNode *element;

        skip_space (reader);
        if (reader->p < reader->end && *reader->p == '{' && reader->depth < reader->max_depth)
          {
            reader->depth++;
            element = read_object (reader, array, &taken);
            reader->depth--;
          }
        else
          element = read_value (reader);
        if (element == NULL && !taken)
          return NULL;
        if (element == NULL)
          ;
        else if (reader->element_func != NULL &&
                 reader->element_func (array, element, reader->user_data))
          json_node_unref (element);
        else
          json_array_add_element (array, element);
        skip_space (reader);
        if (reader->p < reader->end && *reader->p == ',')
          {
            reader->p++;
            continue;
          }
        if (reader->p < reader->end && *reader->p == ']')
          {
            reader->p++;
            break;
          }
        return NULL;
      }

  node = json_node_alloc ();
  json_node_init_array (node, array);
  return node;
}

static JsonNode *
read_value (Reader *reader)
{
  JsonNode *node = NULL;

  skip_space (reader);
  if (reader->p == reader->end)
    return NULL;
  switch (*reader->p)
    {
    case '{':
    case '[':
      if (reader->depth == reader->max_depth)
        return NULL;
      reader->depth++;
      if (*reader->p == '{')
        {
          gboolean taken;

          node = read_object (reader, NULL, &taken);
        }
      else
        node = read_array (reader);
      reader->depth--;
      return node;
    case '"':
      if (!read_string (reader))
        return NULL;
      return json_node_init_string (json_node_alloc (), reader->text);
    case 't':
      return read_literal (reader, "true") ? json_node_init_boolean (json_node_alloc (), TRUE)
                                            : NULL;
    case 'f':
      return read_literal (reader, "false") ? json_node_init_boolean (json_node_alloc (), FALSE)
                                             : NULL;
    case 'n':
      return read_literal (reader, "null") ? json_node_init_null (json_node_alloc ()) : NULL;
    default:
      return *reader->p == '-' || g_ascii_isdigit (*reader->p) ? read_number (reader) : NULL;
    }
}

JsonNode *
strata_json_read (const char            *data,
                  gsize                  length,
                  guint                  max_depth,
                  StrataJsonElementFunc  element_func,
                  StrataJsonObjectFunc   object_func,
                  gpointer               user_data)
{
  Reader reader = {
    data, data + length, 0, max_depth, element_func, object_func, user_data,
    g_array_new (FALSE, FALSE, sizeof (StrataJsonMember)), NULL, 0, 0
  };
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  root = read_value (&reader);
  g_free (reader.text);
  g_array_unref (reader.members);
  if (root == NULL)
    return NULL;
  skip_space (&reader);
  if (reader.p != reader.end)
    {
      json_node_unref (root);
      return NULL;
    }
  return root;
}
