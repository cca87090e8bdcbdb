/* strata-file.c: reading and writing .strata files, and the built-in examples. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "strata-examples.h"
#include "strata-file.h"
#include "strata-file-links-private.h"
#include "strata-file-private.h"
#include "strata-read-private.h"

G_DEFINE_QUARK (strata-file-error-quark, strata_file_error)

/* Limits that keep a hostile file from costing more than a real one could. */
#define MAX_FILE_SIZE (64 * 1024 * 1024)
#define MAX_NESTING 32
#define MAX_INTEGER_DIGITS 18 /* every 18-digit integer fits in a gint64 */
#define EXAMPLES_PATH "/io/github/strata/Strata/examples/"

typedef struct
{
  const char *id;
  const char *title; /* N_() marked */
} Example;

static const Example examples[] = {
  { "lecture", N_("Lecture example (CNN)") },
  { "lenet5", N_("LeNet-5") },
  { "alexnet", N_("AlexNet") },
  { "vgg16", N_("VGG-16") },
  { "mobilenet_v1", N_("MobileNet v1") },
  { "resnet18", N_("ResNet-18") },
  { "unet", N_("U-Net") },
  { "googlenet", N_("GoogLeNet (Inception v1)") },
};


/* Columns count characters, as editors do, not bytes. */
static guint
column_of (const char *line_start,
           const char *p)
{
  return (guint) g_utf8_strlen (line_start, p - line_start) + 1;
}

/* The code unit of the \\uXXXX escape at @p, or -1 when @p starts
 * another escape or a \\u without four hexadecimal digits. */
static int
escaped_unit (const char *p,
              const char *end)
{
  int unit = 0;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  for (int i = 2; i < 6; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return -1;
      unit = unit * 16 + g_ascii_xdigit_value (p[i]);
    }
  return unit;
}

/* json-glib 1.6 recurses without bound, wraps integers past 64 bits and
 * decodes some escapes wrongly, so the text is checked for these before
 * it is parsed. */
gboolean
strata_file_check_json (const char  *data,
                        gsize        length,
                        const char  *file,
                        guint        max_nesting,
                        GError     **error)
{
  guint depth = 0;
  guint line = 1;
  const char *line_start = data;
  gboolean in_string = FALSE;
  gboolean started = FALSE;

  if (length > MAX_FILE_SIZE)
    {
      g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_TOO_LARGE,
                   _("“%s” is too large for a network file (more than 64 MiB)"), file);
      return FALSE;
    }
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX,
                   _("“%s” is not a network file: it is not text (UTF-8)"), file);
      return FALSE;
    }

  for (const char *p = data; p < data + length; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p + 1 < data + length)
            {
              int unit = escaped_unit (p, data + length);

              /* json-glib 1.6 cuts a string at \u0000, and turns a lone
               * surrogate, or a \u with fewer than four hexadecimal
               * digits, into bytes that are not UTF-8. */
              /* GScanner, under json-glib, also takes octal escapes such
               * as \\666, which make bytes that are not UTF-8: only
               * JSON's own escapes are let through. */
              if (strchr ("\"\\/bfnrtu", p[1]) == NULL)
                {
                  g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX,
                               _("“%s”, line %u, column %u: \\%.*s is not an escape of JSON"),
                               file, line, column_of (line_start, p),
                               (int) (g_utf8_next_char (p + 1) - (p + 1)), p + 1);
                  return FALSE;
                }
              if (p[1] == 'u' && unit < 0)
                {
                  g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX,
                               _("“%s”, line %u, column %u: \\u must be followed by four "
                                 "hexadecimal digits"),
                               file, line, column_of (line_start, p));
                  return FALSE;
                }
              if (unit == 0)
                {
                  g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID,
                               _("“%s”, line %u, column %u: text cannot contain the character "
                                 "U+0000 (\\u0000)"),
                               file, line, column_of (line_start, p));
                  return FALSE;
                }
              if (unit >= 0xd800 && unit <= 0xdfff)
                {
                  int low = escaped_unit (p + 6, data + length);

                  if (unit >= 0xdc00 || low < 0xdc00 || low > 0xdfff)
                    {
                      g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID,
                                   _("“%s”, line %u, column %u: \\u%04x is half of a UTF-16 "
                                     "surrogate pair without its other half"),
                                   file, line, column_of (line_start, p), (guint) unit);
                      return FALSE;
                    }
                  p += 6;
                }
              p++;
            }
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }

      /* json-glib 1.6 takes several values one after the other for a
       * document, keeps the last and leaks the others: a network file is
       * one object and nothing after it. */
      if (depth == 0 && !g_ascii_isspace (*p))
        {
          if (!started && *p != '{')
            {
              /* Translators: "“FILE”: MESSAGE" */
              g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID, _("“%s”: %s"), file,
                           _("Not a Strata network (the file is not a JSON object)"));
              return FALSE;
            }
          if (started)
            {
              g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX,
                           _("“%s”, line %u, column %u: there is more after the end of the "
                             "network"),
                           file, line, column_of (line_start, p));
              return FALSE;
            }
          started = TRUE;
        }

      switch (*p)
        {
        case '"':
          in_string = TRUE;
          break;
        case '\'':
          /* GScanner, under json-glib, also reads strings in single
           * quotes, which this check would not see as strings, letting
           * the escapes above through in them: JSON has none. */
          g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX,
                       _("“%s”, line %u, column %u: JSON strings are in double quotes, not "
                         "single"),
                       file, line, column_of (line_start, p));
          return FALSE;
        case '\n':
          line++;
          line_start = p + 1;
          break;
        case '[':
        case '{':
          if (++depth > max_nesting)
            {
              g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX,
                           _("“%s”, line %u, column %u: nested too deeply (more than %u levels)"),
                           file, line, column_of (line_start, p), max_nesting);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          if (g_ascii_isdigit (*p))
            {
              const char *start = p;
              const char *end = data + length;
              gsize digits;

              while (p + 1 < end && g_ascii_isdigit (p[1]))
                p++;
              digits = p - start + 1;
              /* Only integers wrap: a fraction or an exponent makes the
               * number a double, which json-glib reads at any length. */
              if (p + 1 < end && (p[1] == '.' || p[1] == 'e' || p[1] == 'E'))
                {
                  if (p[1] == '.')
                    for (p++; p + 1 < end && g_ascii_isdigit (p[1]); p++)
                      ;
                  if (p + 1 < end && (p[1] == 'e' || p[1] == 'E'))
                    {
                      p++;
                      if (p + 1 < end && (p[1] == '+' || p[1] == '-'))
                        p++;
                      while (p + 1 < end && g_ascii_isdigit (p[1]))
                        p++;
                    }
                }
              else if (digits > MAX_INTEGER_DIGITS)
                {
                  g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID,
                               _("“%s”, line %u, column %u: the number %.*s is too large"),
                               file, line, column_of (line_start, start),
                               (int) MIN (digits, 40), start);
                  return FALSE;
                }
            }
          break;
        }
    }
  return TRUE;
}

static gboolean
read_name (JsonNode    *node,
           const char **value,
           const Place *place,
           const char  *key,
           GError     **error)
{
  glong length;

  if (!read_string (node, value, place, key, error))
    return FALSE;
  length = g_utf8_strlen (*value, -1);
  if (length > STRATA_NAME_MAX_CHARS)
    {
      set_invalid (error, place, _("“%s” must be at most %d characters long, not %ld"),
                   key, STRATA_NAME_MAX_CHARS, length);
      return FALSE;
    }
  return TRUE;
}

static StrataLayer *
read_layer (JsonNode          *node,
            StrataLinkReader  *links,
            Place             *place,
            GError           **error)
{
  g_autofree char *problem = NULL;
  JsonObject *object;
  const char *type = NULL;
  const char *name = NULL;
  const char *caption = NULL;
  const char *color = NULL;
  StrataLayerKind kind;
  const StrataLayerKindInfo *info;
  StrataLayerParams params;
  gboolean has_stride;
  g_autoptr(GList) members = NULL;
  StrataLayer *layer;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, place, _("A layer must be an object, not %s"), node_kind (node));
      return NULL;
    }
  object = json_node_get_object (node);

  if (json_object_has_member (object, "name"))
    {
      if (!read_name (json_object_get_member (object, "name"), &name, place, "name", error))
        return NULL;
      place->layer = name;
    }
  if (!json_object_has_member (object, "type"))
    {
      set_invalid (error, place, "%s", _("The layer has no “type”"));
      return NULL;
    }
  if (!read_string (json_object_get_member (object, "type"), &type, place, "type", error))
    return NULL;
  if (!strata_layer_kind_from_id (type, &kind))
    {
      set_invalid (error, place, _("Unknown layer type “%s”"), type);
      return NULL;
    }
  info = strata_layer_kind_get_info (kind);
  strata_layer_kind_init_params (kind, &params);

  if (json_object_has_member (object, "caption") &&
      !read_name (json_object_get_member (object, "caption"), &caption, place, "caption", error))
    return NULL;
  if (json_object_has_member (object, "color"))
    {
      if (!read_string (json_object_get_member (object, "color"), &color, place, "color", error))
        return NULL;
      if (!strata_color_parse (color, NULL))
        {
          set_invalid (error, place, _("“color” must be a colour such as \"#e69f00\", not “%s”"),
                       color);
          return NULL;
        }
    }

  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const StrataParamInfo *param;

      /* Links to other layers are read once the layer exists. */
      if (g_str_equal (key, "type") || g_str_equal (key, "name") || g_str_equal (key, "inputs") ||
          g_str_equal (key, "shares") || g_str_equal (key, "caption") ||
          g_str_equal (key, "color"))
        continue;
      if ((param = strata_file_lookup_param (kind, key, place, error)) == NULL)
        return NULL;
      if (!strata_file_read_param (json_object_get_member (object, key), param, &params, place,
                                   error))
        return NULL;
    }

  /* Pooling moves by the window unless a stride is given, as in both frameworks. */
  has_stride = json_object_has_member (object, "stride");
  if ((info->flags & STRATA_LAYER_KIND_FLAG_POOLING) && !has_stride)
    params.stride = params.pool;

  layer = strata_layer_new (kind);
  strata_layer_set_name (layer, name);
  strata_layer_set_caption (layer, caption);
  strata_layer_set_color (layer, color);
  strata_layer_set_params (layer, &params);
  if ((problem = strata_link_reader_read (links, object, layer)) != NULL)
    {
      set_invalid (error, place, "%s", problem);
      g_object_unref (layer);
      return NULL;
    }
  strata_link_reader_add (links, layer);
  return layer;
}

static JsonNode *
require_member (JsonObject  *object,
                const char  *key,
                const Place *place,
                GError     **error)
{
  if (!json_object_has_member (object, key))
    {
      set_invalid (error, place, _("There is no “%s”"), key);
      return NULL;
    }
  return json_object_get_member (object, key);
}

static StrataNetwork *
read_network (JsonNode    *root,
              const char  *file,
              GError     **error)
{
  Place place = { file, 0, NULL };
  JsonObject *object;
  JsonObject *input;
  JsonNode *node;
  JsonArray *layers;
  const char *text;
  guint height, width, channels;
  g_autoptr(StrataNetwork) network = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(StrataLinkReader) links = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_invalid (error, &place, "%s", _("Not a Strata network (the file is not a JSON object)"));
      return NULL;
    }
  object = json_node_get_object (root);

  if (!json_object_has_member (object, "format") ||
      !read_string (json_object_get_member (object, "format"), &text, &place, "format", NULL) ||
      !g_str_equal (text, "strata"))
    {
      set_invalid (error, &place, "%s", _("Not a Strata network (“format” is not “strata”)"));
      return NULL;
    }

  if ((node = require_member (object, "version", &place, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 1)
    {
      set_invalid (error, &place, "%s", _("“version” must be a whole number from 1"));
      return NULL;
    }
  if (json_node_get_int (node) > STRATA_FILE_VERSION)
    {
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

      g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_VERSION,
                   _("“%s” was written by a newer version of Strata (file version %s; this "
                     "version reads up to %d)"),
                   file, version, STRATA_FILE_VERSION);
      return NULL;
    }

  network = strata_network_new ();

  if (json_object_has_member (object, "name"))
    {
      if (!read_name (json_object_get_member (object, "name"), &text, &place, "name", error))
        return NULL;
      strata_network_set_name (network, text);
    }

  if ((node = require_member (object, "input", &place, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, &place, _("“input” must be an object with height, width and channels, "
                                    "not %s"), node_kind (node));
      return NULL;
    }
  input = json_node_get_object (node);
  {
    static const char * const keys[] = { "height", "width", "channels" };
    guint *values[] = { &height, &width, &channels };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_autofree char *field = g_strdup_printf ("input.%s", keys[i]);

        if (!json_object_has_member (input, keys[i]))
          {
            set_invalid (error, &place, _("There is no “%s”"), field);
            return NULL;
          }
        if (!read_count (json_object_get_member (input, keys[i]), 1, values[i], &place, field,
                         error))
          return NULL;
      }
  }
  strata_network_set_input (network, height, width, channels);
  if (json_object_has_member (input, "name"))
    {
      if (!read_name (json_object_get_member (input, "name"), &text, &place, "input.name", error))
        return NULL;
      strata_network_set_input_name (network, text);
    }

  if ((node = require_member (object, "layers", &place, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (error, &place, _("“layers” must be a list, not %s"), node_kind (node));
      return NULL;
    }
  layers = json_node_get_array (node);

  links = strata_link_reader_new (layers, strata_network_get_input_name (network));
  list = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (layers); i++)
    {
      Place layer_place = { file, i + 1, NULL };
      StrataLayer *layer = read_layer (json_array_get_element (layers, i), links, &layer_place,
                                       error);

      if (layer == NULL)
        return NULL;
      g_ptr_array_add (list, layer);
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) list->pdata, list->len);

  return g_steal_pointer (&network);
}

StrataNetwork *
strata_file_load_data (const char  *data,
                       gsize        length,
                       const char  *display_name,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!strata_file_check_json (data, length, display_name, MAX_NESTING, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* json-glib quotes a bad string cut at a byte count, which may fall
       * inside a character. */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX,
                   _("“%s” is not valid JSON: %s"), display_name, reason);
      return NULL;
    }

  return read_network (json_parser_get_root (parser), display_name, error);
}

StrataNetwork *
strata_file_load (GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = strata_read_file (file, MAX_FILE_SIZE, cancellable, error);
  if (bytes == NULL)
    return NULL;
  name = g_file_get_parse_name (file);
  data = g_bytes_get_data (bytes, &length);
  return strata_file_load_data (length > 0 ? data : "", length, name, error);
}

static JsonNode *
layer_node (StrataNetwork *network,
            GPtrArray     *names,
            guint          position)
{
  StrataLayer *layer = strata_network_get_layer (network, position);
  const char *name = g_ptr_array_index (names, position);
  const StrataLayerKindInfo *info = strata_layer_get_kind_info (layer);
  const StrataLayerParams *params = strata_layer_get_params (layer);
  StrataLayerParams defaults;
  JsonObject *object = json_object_new ();
  JsonNode *node;

  strata_layer_kind_init_params (info->kind, &defaults);
  if (info->flags & STRATA_LAYER_KIND_FLAG_POOLING)
    defaults.stride = params->pool;

  json_object_set_string_member (object, "type", info->id);
  if (name != NULL)
    json_object_set_string_member (object, "name", name);
  if (strata_layer_get_caption (layer) != NULL)
    json_object_set_string_member (object, "caption", strata_layer_get_caption (layer));
  if (strata_layer_get_color (layer) != NULL)
    json_object_set_string_member (object, "color", strata_layer_get_color (layer));
  if (strata_layer_get_n_inputs (layer) > 0)
    {
      JsonArray *inputs = json_array_sized_new (strata_layer_get_n_inputs (layer));

      for (guint i = 0; i < strata_layer_get_n_inputs (layer); i++)
        json_array_add_string_element (inputs,
                                       strata_file_link_name (network, names,
                                                              strata_layer_get_input (layer, i)));
      json_object_set_array_member (object, "inputs", inputs);
    }
  if (strata_layer_get_shares (layer) != NULL)
    json_object_set_string_member (object, "shares",
                                   strata_file_link_name (network, names,
                                                          strata_layer_get_shares (layer)));

  for (guint i = 0; i < STRATA_N_PARAMS; i++)
    {
      const StrataParamInfo *param = strata_param_get_info (i);
      JsonNode *value;

      if (!strata_layer_kind_takes (info->kind, i))
        continue;
      if ((value = strata_file_param_node (param, params, &defaults)) != NULL)
        json_object_set_member (object, param->key, value);
    }

  node = json_node_alloc ();
  json_node_take_object (json_node_init (node, JSON_NODE_OBJECT), object);
  return node;
}

/* 1 for a chain of the kinds version 1 had, which older Strata opens. */
static int
file_version (StrataNetwork *network)
{
  if (g_strcmp0 (strata_network_get_input_name (network), "input") != 0)
    return 2;
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);

      if (strata_layer_get_n_inputs (layer) > 0 || strata_layer_get_shares (layer) != NULL ||
          strata_layer_get_caption (layer) != NULL || strata_layer_get_color (layer) != NULL ||
          (strata_layer_get_kind_info (layer)->flags & STRATA_LAYER_KIND_FLAG_VERSION_2))
        return 2;
    }
  return 1;
}

char *
strata_file_to_data (StrataNetwork *network,
                     gsize         *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) names = NULL;
  const StrataShape *input;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);

  input = strata_network_get_input_shape (network);
  names = strata_file_link_names (network);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "strata");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, file_version (network));
  if (strata_network_get_name (network) != NULL)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, strata_network_get_name (network));
    }
  json_builder_set_member_name (builder, "input");
  json_builder_begin_object (builder);
  if (g_strcmp0 (strata_network_get_input_name (network), "input") != 0)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, strata_network_get_input_name (network));
    }
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, input->height);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, input->width);
  json_builder_set_member_name (builder, "channels");
  json_builder_add_int_value (builder, input->channels);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    json_builder_add_value (builder, layer_node (network, names, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return strata_json_builder_to_text (builder, length);
}

gboolean
strata_file_save (StrataNetwork  *network,
                  GFile          *file,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = strata_file_to_data (network, &length);

  /* GIO writes a temporary file beside the target and renames it over,
   * so an interrupted save never leaves a half-written network. */
  if (!g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_WRITE,
                   _("Could not save “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

const char * const *
strata_file_get_example_ids (void)
{
  static const char *ids[G_N_ELEMENTS (examples) + 1];
  static gsize initialized = 0;

  /* Taken from the table above, so an example is listed in one place. */
  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
        ids[i] = examples[i].id;
      g_once_init_leave (&initialized, 1);
    }
  return ids;
}

const char *
strata_file_get_example_title (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    if (g_str_equal (examples[i].id, id))
      return _(examples[i].title);
  return NULL;
}

StrataNetwork *
strata_file_load_example (const char  *id,
                          GError     **error)
{
  static gsize registered = 0;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strata_file_get_example_title (id) == NULL)
    {
      g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_NOT_FOUND,
                   _("There is no built-in example “%s”"), id);
      return NULL;
    }

  path = g_strconcat (EXAMPLES_PATH, id, ".strata", NULL);
  /* Registered on first use: a constructor in a static library would be
   * dropped by the linker. */
  if (g_once_init_enter (&registered))
    {
      strata_examples_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (bytes != NULL);
  data = g_bytes_get_data (bytes, &length);
  return strata_file_load_data (data, length, strata_file_get_example_title (id), error);
}
