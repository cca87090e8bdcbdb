/* strata-file-private.h: what the reader of .strata files shares between its files. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "strata-file.h"
#include "strata-json-private.h"

G_BEGIN_DECLS

/* Where in the file a problem is, for messages. */
typedef struct
{
  const char *file;
  guint       position;  /* 1-based layer number; 0 outside the layers */
  const char *layer;     /* the layer's name, if it has one */
} Place;

G_GNUC_PRINTF (3, 4)
static inline void
set_invalid (GError     **error,
             const Place *place,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (place->position == 0)
    /* Translators: "“FILE”: MESSAGE" */
    g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID, _("“%s”: %s"),
                 place->file, message);
  else if (place->layer != NULL)
    /* Translators: "“FILE”, layer NUMBER “NAME”: MESSAGE" */
    g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID, _("“%s”, layer %u “%s”: %s"),
                 place->file, place->position, place->layer, message);
  else
    /* Translators: "“FILE”, layer NUMBER: MESSAGE" */
    g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID, _("“%s”, layer %u: %s"),
                 place->file, place->position, message);
}

static inline const char *
node_kind (JsonNode *node)
{
  GType type;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("a list");
  if (JSON_NODE_HOLDS_NULL (node))
    return _("null");
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    return _("a number");
  if (type == G_TYPE_BOOLEAN)
    return _("true or false");
  return _("text");
}

/* A whole number in [minimum, G_MAXUINT32]. Keras and ONNX tools write
 * some counts as 28.0, so a double with no fraction counts as whole. */
static inline gboolean
read_count (JsonNode    *node,
            guint        minimum,
            guint       *value,
            const Place *place,
            const char  *key,
            GError     **error)
{
  g_autofree char *shown = NULL;
  double number;

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 &&
       json_node_get_value_type (node) != G_TYPE_DOUBLE))
    {
      set_invalid (error, place, _("“%s” must be a whole number, not %s"), key,
                   node_kind (node));
      return FALSE;
    }
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 n = json_node_get_int (node);

      if (n >= minimum && n <= G_MAXUINT32)
        {
          *value = (guint) n;
          return TRUE;
        }
      /* As text: xgettext cuts a message short at a G_GINT64_FORMAT. */
      shown = g_strdup_printf ("%" G_GINT64_FORMAT, n);
    }
  else
    {
      number = json_node_get_double (node);
      if (!isfinite (number))
        shown = g_strdup (number > 0 ? "∞" : "−∞");
      else
        {
          shown = strata_json_format_double (number);
          if (number != floor (number))
            {
              set_invalid (error, place, _("“%s” must be a whole number, not %s"), key, shown);
              return FALSE;
            }
          if (number >= minimum && number <= G_MAXUINT32)
            {
              *value = (guint) number;
              return TRUE;
            }
        }
    }
  set_invalid (error, place, _("“%s” must be from %u to %u, not %s"), key, minimum, G_MAXUINT32,
               shown);
  return FALSE;
}

static inline gboolean
read_string (JsonNode    *node,
             const char **value,
             const Place *place,
             const char  *key,
             GError     **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_invalid (error, place, _("“%s” must be text, not %s"), key, node_kind (node));
      return FALSE;
    }
  *value = json_node_get_string (node);
  return TRUE;
}

/* The largest .strata file read (docs/limits.md). */
#define STRATA_FILE_MAX_SIZE (64 * 1024 * 1024)

/* Refuses, before json-glib parses it, text that it would mishandle: not
 * UTF-8, nested deeper than @max_nesting, integers it would wrap, escapes
 * it decodes wrongly, or more than one value. The importers of JSON
 * formats use it too. */
gboolean               strata_file_check_json   (const char            *data,
                                                 gsize                  length,
                                                 const char            *file,
                                                 guint                  max_nesting,
                                                 GError               **error);

/* The hyper-parameter of @kind written as @key, or NULL with an error
 * naming the layer when the kind takes none. */
const StrataParamInfo *strata_file_lookup_param (StrataLayerKind        kind,
                                                 const char            *key,
                                                 const Place           *place,
                                                 GError               **error);

/* Reads the value of one hyper-parameter into @params. */
gboolean               strata_file_read_param   (JsonNode              *node,
                                                 const StrataParamInfo *info,
                                                 StrataLayerParams     *params,
                                                 const Place           *place,
                                                 GError               **error);

/* The value of one hyper-parameter as written, or NULL when it has the
 * default (@defaults), so saved files stay as short as hand-written ones. */
JsonNode              *strata_file_param_node   (const StrataParamInfo   *info,
                                                 const StrataLayerParams *params,
                                                 const StrataLayerParams *defaults);

/* strata-file-groups.c: reads the file's "groups" into @network, whose
 * layers are read, or fails with an error naming the group. */
gboolean               strata_file_read_groups  (StrataNetwork           *network,
                                                 JsonNode                *node,
                                                 const char              *file,
                                                 GError                 **error);
/* Writes the network's groups, if any, as the member "groups". */
void                   strata_file_write_groups (StrataNetwork           *network,
                                                 GPtrArray               *names,
                                                 JsonBuilder             *builder);

G_END_DECLS
