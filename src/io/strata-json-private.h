/* strata-json-private.h: JSON helpers shared by the io formats. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Writes JSON as it goes, laid out as strata_json_builder_to_text() lays
 * out a tree: a summary of 100,000 layers built as a JsonBuilder tree
 * first took several times as long as the text table, and as much memory
 * again as the network. Containers nest at most 64 deep. */
typedef struct
{
  GString  *out;
  guint     level;
  /* Bit k: the container at depth k + 1 has a member or element already. */
  guint64   filled;
  /* A member's name was written; its value follows on the same line. */
  gboolean  after_name;
} StrataJsonWriter;

void strata_json_writer_init         (StrataJsonWriter *writer,
                                      GString          *out);
void strata_json_writer_begin_object (StrataJsonWriter *writer);
void strata_json_writer_end_object   (StrataJsonWriter *writer);
void strata_json_writer_begin_array  (StrataJsonWriter *writer);
void strata_json_writer_end_array    (StrataJsonWriter *writer);
/* The name of the next member of the object being written. */
void strata_json_writer_member       (StrataJsonWriter *writer,
                                      const char       *name);
void strata_json_writer_string       (StrataJsonWriter *writer,
                                      const char       *value);
void strata_json_writer_int          (StrataJsonWriter *writer,
                                      gint64            value);
void strata_json_writer_double       (StrataJsonWriter *writer,
                                      double            value);
void strata_json_writer_boolean      (StrataJsonWriter *writer,
                                      gboolean          value);
void strata_json_writer_null         (StrataJsonWriter *writer);

/* The builder's document, pretty-printed with two-space indents and a
 * final newline, as every JSON file Strata writes. Doubles are written
 * with the fewest digits that read back exactly. */
char *strata_json_builder_to_text (JsonBuilder *builder,
                                   gsize       *length);

/* The shortest text that reads back as @value, with a point or an
 * exponent so it reads back as a double: "0.003", "28.0", "1e-05". */
char *strata_json_format_double   (double       value);

/* Called with each element of each list as it is read, lists within it
 * first; returns TRUE when it took what it needed of @element, which is
 * then left out of @array. */
typedef gboolean (*StrataJsonElementFunc) (JsonArray *array,
                                           JsonNode  *element,
                                           gpointer   user_data);

/* A member of an object, in the order of the text. */
typedef struct
{
  const char *key;
  JsonNode   *value;
} StrataJsonMember;

/* Called, before any JsonObject is made of it, with an object that is an
 * element of @array (of at most STRATA_JSON_MAX_OFFERED_MEMBERS members,
 * no key twice); returns TRUE when it took what it needed, and the object
 * is then left out, else it goes to the element function. The members are
 * the reader's: a value kept is referenced. */
typedef gboolean (*StrataJsonObjectFunc) (JsonArray              *array,
                                          const StrataJsonMember *members,
                                          guint                   n_members,
                                          gpointer                user_data);

#define STRATA_JSON_MAX_OFFERED_MEMBERS 32

/* The tree of @data, nested at most @max_depth deep, or NULL when the
 * text is not all of the plain JSON this reads (strata-json-read.c): the
 * caller then parses it with json-glib, for its messages. */
JsonNode *strata_json_read (const char            *data,
                            gsize                  length,
                            guint                  max_depth,
                            StrataJsonElementFunc  element_func,
                            StrataJsonObjectFunc   object_func,
                            gpointer               user_data);

G_END_DECLS
