/* strata-file.c: reading .strata files, and the built-in examples. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "strata-examples.h"
#include "strata-file.h"
#include "strata-file-links-private.h"
#include "strata-file-private.h"
#include "strata-json-private.h"
#include "strata-read-private.h"

G_DEFINE_QUARK (strata-file-error-quark, strata_file_error)

/* Limits that keep a hostile file from costing more than a real one could. */
#define MAX_NESTING 32
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

static JsonNode *
find_member (const StrataJsonMember *members,
             guint                   n_members,
             const char             *key)
{
  for (guint i = 0; i < n_members; i++)
    if (g_str_equal (members[i].key, key))
      return members[i].value;
  return NULL;
}

/* The layer of the object of @members (keys all different), without its
 * links to other layers (see read_links()). A layer is read from its
 * members, in order, rather than from a JsonObject: making and freeing
 * the hash table of one took a quarter of the time of loading a file. */
static StrataLayer *
read_layer_members (const StrataJsonMember  *members,
                    guint                    n_members,
                    Place                   *place,
                    GError                 **error)
{
  const char *type = NULL;
  const char *name = NULL;
  const char *caption = NULL;
  const char *color = NULL;
  StrataLayerKind kind;
  const StrataLayerKindInfo *info;
  StrataLayerParams params;
  StrataLayer *layer;
  JsonNode *node;

  if ((node = find_member (members, n_members, "name")) != NULL)
    {
      if (!read_name (node, &name, place, "name", error))
        return NULL;
      place->layer = name;
    }
  if ((node = find_member (members, n_members, "type")) == NULL)
    {
      set_invalid (error, place, "%s", _("The layer has no “type”"));
      return NULL;
    }
  if (!read_string (node, &type, place, "type", error))
    return NULL;
  if (!strata_layer_kind_from_id (type, &kind))
    {
      set_invalid (error, place, _("Unknown layer type “%s”"), type);
      return NULL;
    }
  info = strata_layer_kind_get_info (kind);
  strata_layer_kind_init_params (kind, &params);

  if ((node = find_member (members, n_members, "caption")) != NULL &&
      !read_name (node, &caption, place, "caption", error))
    return NULL;
  if ((node = find_member (members, n_members, "color")) != NULL)
    {
      if (!read_string (node, &color, place, "color", error))
        return NULL;
      if (!strata_color_parse (color, NULL))
        {
          set_invalid (error, place, _("“color” must be a colour such as \"#e69f00\", not “%s”"),
                       color);
          return NULL;
        }
    }

  for (guint i = 0; i < n_members; i++)
    {
      const char *key = members[i].key;
      const StrataParamInfo *param;

      /* Links to other layers are read once the layer exists. */
      if (g_str_equal (key, "type") || g_str_equal (key, "name") || g_str_equal (key, "inputs") ||
          g_str_equal (key, "shares") || g_str_equal (key, "caption") ||
          g_str_equal (key, "color"))
        continue;
      if ((param = strata_file_lookup_param (kind, key, place, error)) == NULL)
        return NULL;
      if (!strata_file_read_param (members[i].value, param, &params, place, error))
        return NULL;
    }

  /* Pooling moves by the window unless a stride is given, as in both frameworks. */
  if ((info->flags & STRATA_LAYER_KIND_FLAG_POOLING) &&
      find_member (members, n_members, "stride") == NULL)
    params.stride = params.pool;

  layer = strata_layer_new_full (kind, name, &params);
  strata_layer_set_caption (layer, caption);
  strata_layer_set_color (layer, color);
  return layer;
}

/* The members of @object, in order, its own. */
static StrataJsonMember *
object_members (JsonObject *object,
                guint      *n_members)
{
  StrataJsonMember *members = g_new (StrataJsonMember, json_object_get_size (object));
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  *n_members = 0;
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    members[(*n_members)++] = (StrataJsonMember) { key, value };
  return members;
}

/* The layer @node describes, as read_layer_members() reads it. */
static StrataLayer *
read_layer (JsonNode  *node,
            Place     *place,
            GError   **error)
{
  JsonObject *object;
  g_autofree StrataJsonMember *members = NULL;
  guint n_members;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, place, _("A layer must be an object, not %s"), node_kind (node));
      return NULL;
    }
  object = json_node_get_object (node);
  members = object_members (object, &n_members);
  return read_layer_members (members, n_members, place, error);
}

/* Sets @layer's inputs and shared weights from @object, then makes it one
 * that later layers may name. */
static gboolean
read_links (StrataLinkReader  *links,
            JsonObject        *object,
            StrataLayer       *layer,
            const Place       *place,
            GError           **error)
{
  g_autofree char *problem = strata_link_reader_read (links, object, layer);

  if (problem != NULL)
    {
      set_invalid (error, place, "%s", problem);
      return FALSE;
    }
  strata_link_reader_add (links, layer);
  return TRUE;
}

/* The layers of a file read as json-glib parses them, each taken out of
 * the tree once read: the tree of a network of 100,000 layers took 64 MiB
 * and a third of the time of reading it. Only a file that reads without
 * error is read this way to the end; any doubt, and the file is read
 * again from its whole tree, which gives every message as it always has. */
typedef struct
{
  const char *file;
  /* The list the layers are taken from, once an object was found in one. */
  JsonArray  *array;
  GPtrArray  *layers;
  /* For each layer that names other layers, an object of its "inputs"
   * and "shares", else NULL: links are read once every layer before it
   * is known. */
  GPtrArray  *objects;
  gboolean    failed;
} LayerStream;

static void
object_unref0 (gpointer object)
{
  if (object != NULL)
    json_object_unref (object);
}

static void
layer_stream_clear (LayerStream *stream)
{
  g_clear_pointer (&stream->layers, g_ptr_array_unref);
  g_clear_pointer (&stream->objects, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LayerStream, layer_stream_clear)

/* Every object of every list, as the parser reads it: it is a layer when
 * it is in the first list found to hold objects. Objects of a later list
 * (the groups, written after the layers) stay in the tree. Returns
 * whether the layer was taken, and so is to leave the tree. */
static gboolean
take_layer_members (JsonArray              *array,
                    const StrataJsonMember *members,
                    guint                   n_members,
                    gpointer                data)
{
  LayerStream *stream = data;
  Place place = { stream->file, stream->layers->len + 1, NULL };
  JsonObject *links = NULL;
  StrataLayer *layer;

  if (stream->failed)
    return FALSE;
  if (array != stream->array)
    {
      if (stream->array != NULL)
        return FALSE;
      stream->array = array;
    }
  if ((layer = read_layer_members (members, n_members, &place, NULL)) == NULL)
    {
      stream->failed = TRUE;
      return FALSE;
    }
  g_ptr_array_add (stream->layers, layer);
  for (guint i = 0; i < n_members; i++)
    if (g_str_equal (members[i].key, "inputs") || g_str_equal (members[i].key, "shares"))
      {
        if (links == NULL)
          links = json_object_new ();
        json_object_set_member (links, members[i].key, json_node_ref (members[i].value));
      }
  g_ptr_array_add (stream->objects, links);
  return TRUE;
}

/* Every element of every list, as the parser reads it, as
 * take_layer_members() takes an object. */
static gboolean
take_layer (JsonArray *array,
            JsonNode  *node,
            gpointer   data)
{
  LayerStream *stream = data;
  JsonObject *object;
  g_autofree StrataJsonMember *members = NULL;
  guint n_members;

  if (stream->failed)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* Not a layer, in the list of layers. */
      if (array == stream->array)
        stream->failed = TRUE;
      return FALSE;
    }
  object = json_node_get_object (node);
  members = object_members (object, &n_members);
  return take_layer_members (array, members, n_members, stream);
}

static void
array_element_cb (JsonParser  *parser,
                  JsonArray   *array,
                  int          index,
                  LayerStream *stream)
{
  guint last = json_array_get_length (array) - 1;

  if (take_layer (array, json_array_get_element (array, last), stream))
    json_array_remove_element (array, last);
}

/* Whether @stream read every layer of the file whose tree is @root: its
 * "layers" is the list they were taken from, now empty. */
static gboolean
layer_stream_read_all (const LayerStream *stream,
                       JsonNode          *root)
{
  JsonNode *layers;

  if (stream->failed || root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  layers = json_object_get_member (json_node_get_object (root), "layers");
  if (layers == NULL || !JSON_NODE_HOLDS_ARRAY (layers) ||
      json_array_get_length (json_node_get_array (layers)) > 0)
    return FALSE;
  return stream->array == NULL || stream->array == json_node_get_array (layers);
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

/* The network in the tree @root; its layers are those of @stream when not
 * NULL, read as it was parsed, else those in the tree. */
static StrataNetwork *
read_network (JsonNode     *root,
              const char   *file,
              LayerStream  *stream,
              GError      **error)
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
  if (stream != NULL)
    {
      for (guint i = 0; i < stream->layers->len; i++)
        {
          Place layer_place = { file, i + 1, strata_layer_get_name (stream->layers->pdata[i]) };
          JsonObject *layer_object = g_ptr_array_index (stream->objects, i);

          if (layer_object == NULL)
            strata_link_reader_add (links, stream->layers->pdata[i]);
          else if (!read_links (links, layer_object, stream->layers->pdata[i], &layer_place,
                                error))
            return NULL;
        }
      list = g_ptr_array_ref (stream->layers);
    }
  else
    {
      list = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < json_array_get_length (layers); i++)
        {
          Place layer_place = { file, i + 1, NULL };
          JsonNode *layer_node = json_array_get_element (layers, i);
          StrataLayer *layer = read_layer (layer_node, &layer_place, error);

          if (layer == NULL)
            return NULL;
          g_ptr_array_add (list, layer);
          if (!read_links (links, json_node_get_object (layer_node), layer, &layer_place, error))
            return NULL;
        }
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) list->pdata, list->len);

  if (json_object_has_member (object, "groups") &&
      !strata_file_read_groups (network, json_object_get_member (object, "groups"), file, error))
    return NULL;

  return g_steal_pointer (&network);
}

/* The network of @data read by our own reader, taking each layer as it
 * is read; @parsed says whether the reader read the text, which it leaves
 * to json-glib when it is not plain JSON. */
static StrataNetwork *
load_read (const char *data,
           gsize       length,
           const char *display_name,
           gboolean   *parsed)
{
  g_auto(LayerStream) stream = { display_name, NULL, NULL, NULL, FALSE };
  g_autoptr(JsonNode) root = NULL;

  stream.layers = g_ptr_array_new_with_free_func (g_object_unref);
  stream.objects = g_ptr_array_new_with_free_func (object_unref0);
  root = strata_json_read (data, length, MAX_NESTING, take_layer, take_layer_members, &stream);
  *parsed = root != NULL;
  if (!layer_stream_read_all (&stream, root))
    return NULL;
  return read_network (root, display_name, &stream, NULL);
}

/* The same, read as json-glib parses @data. */
static StrataNetwork *
load_parsed (const char *data,
             gsize       length,
             const char *display_name)
{
  g_auto(LayerStream) stream = { display_name, NULL, NULL, NULL, FALSE };
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  stream.layers = g_ptr_array_new_with_free_func (g_object_unref);
  stream.objects = g_ptr_array_new_with_free_func (object_unref0);
  g_signal_connect (parser, "array-element", G_CALLBACK (array_element_cb), &stream);
  if (!json_parser_load_from_data (parser, data, length, NULL) ||
      !layer_stream_read_all (&stream, json_parser_get_root (parser)))
    return NULL;
  return read_network (json_parser_get_root (parser), display_name, &stream, NULL);
}

StrataNetwork *
strata_file_load_data (const char  *data,
                       gsize        length,
                       const char  *display_name,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  StrataNetwork *network;
  gboolean parsed = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Our own reader first, then json-glib's parse when the reader gives
   * up; a file that does not read without error either way is parsed
   * whole, for json-glib's messages. Whatever our reader reads passes
   * the check of hostile text (it reads no escapes, no integer past 18
   * digits, nothing nested deeper, nothing after the network, and only
   * UTF-8), which is made only when it is needed. */
  if (length <= STRATA_FILE_MAX_SIZE &&
      (network = load_read (data, length, display_name, &parsed)) != NULL)
    return network;
  if (!strata_file_check_json (data, length, display_name, MAX_NESTING, error))
    return NULL;
  if (!parsed && (network = load_parsed (data, length, display_name)) != NULL)
    return network;

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

  return read_network (json_parser_get_root (parser), display_name, NULL, error);
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

  bytes = strata_read_file (file, STRATA_FILE_MAX_SIZE, cancellable, error);
  if (bytes == NULL)
    return NULL;
  name = g_file_get_parse_name (file);
  data = g_bytes_get_data (bytes, &length);
  return strata_file_load_data (length > 0 ? data : "", length, name, error);
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
