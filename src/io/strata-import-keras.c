/* strata-import-keras.c: Keras model configs (model.to_json(), TensorFlow.js model.json) as networks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-file-private.h"
#include "strata-import-keras-private.h"

/* A Keras config nests each model inside the layer that calls it, and
 * each call's tensors several levels deeper: deeper than a .strata file. */
#define MAX_NESTING 64
/* How much of the start of a file sniffing looks at. */
#define SNIFF_BYTES 65536

void
strata_keras_set_error (KerasImport  *self,
                        GError      **error,
                        int           code,
                        const char   *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: "FILE: MESSAGE" */
  g_set_error (error, STRATA_IMPORT_ERROR, code, _("“%s”: %s"), self->file, message);
}

static char *
layer_message (KerasImport      *self,
               const KerasPlace *place,
               const char       *format,
               va_list           args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  if (place->name == NULL)
    /* Translators: "FILE: a layer (CLASS): MESSAGE" */
    return g_strdup_printf (_("“%s”: a layer (%s): %s"), self->file, place->class_name, message);
  /* Translators: "FILE: layer “NAME” (CLASS): MESSAGE" */
  return g_strdup_printf (_("“%s”: layer “%s” (%s): %s"), self->file, place->name,
                          place->class_name, message);
}

void
strata_keras_layer_error (KerasImport       *self,
                          const KerasPlace  *place,
                          GError           **error,
                          int                code,
                          const char        *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = layer_message (self, place, format, args);
  va_end (args);
  g_set_error_literal (error, STRATA_IMPORT_ERROR, code, message);
}

void
strata_keras_warn (KerasImport      *self,
                   const KerasPlace *place,
                   const char       *format,
                   ...)
{
  va_list args;

  if (self->warnings == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (self->warnings, layer_message (self, place, format, args));
  va_end (args);
}

gboolean
strata_import_keras_json_sniff (GBytes *contents)
{
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  gsize i = 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i == length || data[i] != '{')
    return FALSE;
  length = MIN (length, SNIFF_BYTES);
  /* Every Keras model config names its class; TensorFlow.js wraps one
   * in modelTopology. A .strata file has neither. */
  return g_strstr_len (data, length, "\"class_name\"") != NULL ||
         g_strstr_len (data, length, "\"modelTopology\"") != NULL;
}

typedef enum
{
  SHAPE_FOUND,
  SHAPE_ABSENT,
  SHAPE_FAILED,
} ShapeStatus;

/* A shape with the batch first: [batch, height, width, channels], or
 * [batch, n] for a vector, which Strata's input holds as 1 × 1 × n. */
static ShapeStatus
read_shape (KerasImport      *self,
            const KerasPlace *place,
            JsonNode         *node,
            guint             dims[3],
            gboolean         *is_vector,
            GError          **error)
{
  JsonArray *array;
  guint rank;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return SHAPE_ABSENT;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                _("its input shape must be a list"));
      return SHAPE_FAILED;
    }
  array = json_node_get_array (node);
  rank = json_array_get_length (array);
  if (rank == 3 || rank == 5)
    {
      strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_NOT_2D,
                                _("its input has %u dimensions with the batch, but Strata models "
                                  "2-D image networks (batch, height, width, channels)"), rank);
      return SHAPE_FAILED;
    }
  if (rank != 2 && rank != 4)
    {
      strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                _("its input shape must have 2 or 4 dimensions with the batch, "
                                  "not %u"), rank);
      return SHAPE_FAILED;
    }
  dims[0] = dims[1] = 1;
  *is_vector = rank == 2;
  for (guint i = 1; i < rank; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      guint *dim = &dims[rank == 2 ? 2 : i - 1];
      gint64 value;

      if (JSON_NODE_HOLDS_NULL (element))
        {
          strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_NEEDS_INPUT,
                                    _("its input's size is not fixed in the file; give the "
                                      "input shape (such as 3x224x224)"));
          return SHAPE_FAILED;
        }
      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64 ||
          (value = json_node_get_int (element)) < 1 || value > G_MAXUINT32)
        {
          strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                    _("its input shape must hold whole numbers from 1 to %u"),
                                    G_MAXUINT32);
          return SHAPE_FAILED;
        }
      *dim = (guint) value;
    }
  return SHAPE_FOUND;
}

static ShapeStatus
read_entry_shape (KerasImport *self,
                  Entry       *entry,
                  guint        dims[3],
                  gboolean    *is_vector,
                  GError     **error)
{
  KerasPlace place = { entry->name, entry->class_name };
  static const char * const keys[] = { "batch_input_shape", "batch_shape" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      ShapeStatus status = read_shape (self, &place,
                                       json_object_get_member (entry->config, keys[i]), dims,
                                       is_vector, error);

      if (status != SHAPE_ABSENT)
        return status;
    }
  return SHAPE_ABSENT;
}

/* Where a model's first input is stated: its InputLayer, the first
 * layer of a Sequential, what it was built with, or the first layer of
 * a model that is its first layer. */
static ShapeStatus
model_input_shape (KerasImport *self,
                   Graph       *graph,
                   guint        dims[3],
                   gboolean    *is_vector,
                   GError     **error)
{
  Entry *first;
  ShapeStatus status;

  if (!graph->sequential)
    return read_entry_shape (self, g_array_index (graph->inputs, Ref, 0).entry, dims, is_vector,
                             error);
  if (graph->entries->len == 0)
    return SHAPE_ABSENT;
  first = g_ptr_array_index (graph->entries, 0);
  status = first->model != NULL ? model_input_shape (self, first->model, dims, is_vector, error)
                                : read_entry_shape (self, first, dims, is_vector, error);
  if (status == SHAPE_ABSENT && graph->build_shape != NULL)
    {
      KerasPlace place = { graph->name, "Sequential" };

      status = read_shape (self, &place, graph->build_shape, dims, is_vector, error);
    }
  return status;
}

/* The network's inputs: its own for the model's first, layers of kind
 * input for the others. */
static gboolean
make_inputs (KerasImport  *self,
             Graph        *graph,
             StrataLayer **inputs,
             GError      **error)
{
  KerasImport *base = self;
  const StrataImportOptions *options = base->options;
  Entry *first = NULL;
  gboolean is_vector = FALSE;
  guint dims[3];

  if (graph->sequential)
    {
      if (graph->entries->len > 0 &&
          ((Entry *) g_ptr_array_index (graph->entries, 0))->is_input)
        first = g_ptr_array_index (graph->entries, 0);
    }
  else
    first = g_array_index (graph->inputs, Ref, 0).entry;
  if (first != NULL && first->name != NULL)
    strata_network_set_input_name (base->network, strata_keras_take_name (base, "", first->name));
  else
    g_hash_table_add (base->taken, g_strdup (strata_network_get_input_name (base->network)));

  if (options != NULL && options->has_input)
    strata_network_set_input (base->network, options->height, options->width, options->channels);
  else
    switch (model_input_shape (self, graph, dims, &is_vector, error))
      {
      case SHAPE_FOUND:
        strata_network_set_input (base->network, dims[0], dims[1], dims[2]);
        base->vector_input = is_vector;
        break;
      case SHAPE_ABSENT:
        strata_keras_set_error (base, error, STRATA_IMPORT_ERROR_NEEDS_INPUT,
                                _("the model does not state the shape of its input; give it "
                                  "(such as 3x224x224)"));
        return FALSE;
      case SHAPE_FAILED:
      default:
        return FALSE;
      }
  inputs[0] = NULL;

  for (guint i = 1; !graph->sequential && i < graph->inputs->len; i++)
    {
      Entry *entry = g_array_index (graph->inputs, Ref, i).entry;
      g_autoptr(StrataLayer) layer = strata_layer_new (STRATA_LAYER_KIND_INPUT);
      StrataLayerParams p = *strata_layer_get_params (layer);

      switch (read_entry_shape (self, entry, dims, &is_vector, error))
        {
        case SHAPE_FOUND:
          break;
        case SHAPE_ABSENT:
          {
            KerasPlace place = { entry->name, entry->class_name };

            strata_keras_layer_error (base, &place, error, STRATA_IMPORT_ERROR_NEEDS_INPUT,
                                      _("the model does not state the shape of this input"));
            return FALSE;
          }
        case SHAPE_FAILED:
        default:
          return FALSE;
        }
      p.height = dims[0];
      p.width = dims[1];
      p.channels = dims[2];
      strata_layer_set_params (layer, &p);
      if (entry->name != NULL)
        strata_layer_set_name (layer, strata_keras_take_name (base, "", entry->name));
      strata_network_append (base->network, layer);
      base->last = layer;
      inputs[i] = layer;
      if (is_vector)
        g_hash_table_add (base->vector_inputs, layer);
      self->n_layers++;
    }
  return TRUE;
}

/* The model in a parsed file: the root itself (model.to_json(), a
 * .keras archive's config.json, an .h5 file's model_config), or the
 * modelTopology of a TensorFlow.js model.json, which may hold it as
 * model_config. */
static JsonObject *
find_model (JsonObject *root)
{
  JsonObject *topology = object_member (root, "modelTopology");
  JsonObject *inner;

  if (topology != NULL)
    root = topology;
  if ((inner = object_member (root, "model_config")) != NULL)
    root = inner;
  return root;
}

static StrataNetwork *
import_model (KerasImport *self,
              JsonObject  *root,
              GError     **error)
{
  KerasImport *base = self;
  JsonObject *model = find_model (root);
  const char *class_name = string_member (model, "class_name");
  g_autoptr(Graph) graph = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  g_autofree StrataLayer **inputs = NULL;
  g_autoptr(GPtrArray) outputs = NULL;

  if (class_name == NULL)
    {
      strata_keras_set_error (base, error, STRATA_IMPORT_ERROR_INVALID, "%s",
                              _("not a Keras model (there is no “class_name”)"));
      return NULL;
    }
  if (!is_model_class (class_name))
    {
      strata_keras_set_error (base, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                              _("the model is of class “%s”; Strata reads Sequential and "
                                "Functional models, whose layers their config lists"),
                              class_name);
      return NULL;
    }
  if ((graph = strata_keras_read_graph (self, model, class_name, error)) == NULL)
    return NULL;

  network = strata_network_new ();
  base->network = network;
  strata_network_set_name (network, graph->name);
  inputs = g_new0 (StrataLayer *, graph->sequential ? 1 : graph->inputs->len);
  if (!make_inputs (self, graph, inputs, error))
    return NULL;
  outputs = strata_keras_instantiate (self, graph, "", inputs, graph->sequential ? 1 : graph->inputs->len,
                         FALSE, error);
  if (outputs == NULL)
    return NULL;

  if (base->n_frozen > 0 && base->warnings != NULL)
    g_ptr_array_add (base->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u layer with weights is frozen "
                                                   "(trainable: false); Strata counts its weights "
                                                   "as trainable, as it would be when training",
                                                   "%s: %u layers with weights are frozen "
                                                   "(trainable: false); Strata counts their "
                                                   "weights as trainable, as they would be when "
                                                   "training",
                                                   base->n_frozen),
                                      base->file, base->n_frozen));
  return g_steal_pointer (&network);
}

StrataNetwork *
strata_import_keras_json (GBytes                    *contents,
                          const char                *display_name,
                          const StrataImportOptions *options,
                          GPtrArray                 *warnings,
                          GError                   **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) next_suffix = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) vector_inputs = g_hash_table_new (NULL, NULL);
  KerasImport self = { display_name, options, warnings, NULL, taken, next_suffix, NULL, FALSE,
                       vector_inputs, 0, 0, 0 };
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  JsonNode *root;
  gsize i = 0;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i == length || data[i] != '{')
    {
      strata_keras_set_error (&self, error, STRATA_IMPORT_ERROR_INVALID, "%s",
                              _("not a Keras model (the file is not a JSON object)"));
      return NULL;
    }
  if (!strata_file_check_json (data, length, display_name, MAX_NESTING, &local_error))
    {
      g_set_error_literal (error, STRATA_IMPORT_ERROR,
                           g_error_matches (local_error, STRATA_FILE_ERROR,
                                            STRATA_FILE_ERROR_TOO_LARGE)
                             ? STRATA_IMPORT_ERROR_TOO_LARGE : STRATA_IMPORT_ERROR_INVALID,
                           local_error->message);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* json-glib quotes a bad string cut at a byte count, which may fall
       * inside a character. */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      strata_keras_set_error (&self, error, STRATA_IMPORT_ERROR_INVALID,
                              _("not valid JSON: %s"), reason);
      return NULL;
    }
  root = json_parser_get_root (parser);
  return import_model (&self, json_node_get_object (root), error);
}
