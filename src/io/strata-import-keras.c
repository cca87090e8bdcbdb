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
/* Models called inside models multiply their layers; these bound the
 * network made and the work done to make it, whatever the file holds. */
#define MAX_LAYERS 100000
#define MAX_WORK 4000000
/* How much of the start of a file sniffing looks at. */
#define SNIFF_BYTES 65536

typedef struct _Graph Graph;
typedef struct _Entry Entry;

/* A tensor a call reads: output @tensor of call @node of @entry. */
typedef struct
{
  Entry    *entry;
  guint     node;
  guint     tensor;
  JsonNode *shape; /* as a Keras 3 tensor states it, or NULL */
} Ref;

/* One call of a layer (a Keras node). */
typedef struct
{
  Entry        *entry;
  guint         node;
  GArray       *refs;    /* Ref */
  GArray       *waiters; /* guint: calls that read this one, once per tensor read */
  /* While the model is being made: */
  guint         pending; /* refs to calls not made yet */
  gboolean      done;
  GPtrArray    *outputs; /* StrataLayer (NULL: the network's input), borrowed */
  JsonNode     *stated;  /* the shape of its first output, as a reader states it, or NULL */
} Call;

struct _Entry
{
  const char  *name;
  const char  *class_name;
  JsonObject  *config;
  gboolean     is_input;
  gboolean     frozen;
  Graph       *model;      /* a model used as a layer, or NULL */
  guint        first_call; /* in the graph's calls */
  guint        n_calls;
  StrataLayer *owner;      /* the first layer made for it: later calls share its weights */
};

struct _Graph
{
  const char *name;
  gboolean    sequential;
  GPtrArray  *entries;  /* Entry, in the file's order */
  GHashTable *by_name;  /* name → Entry */
  GArray     *calls;    /* Call, by entry then node */
  GArray     *inputs;   /* Ref: the model's inputs (functional) */
  GArray     *outputs;  /* Ref: its outputs (functional) */
  JsonNode   *build_shape; /* a Sequential's build_input_shape, or NULL */
};

typedef struct
{
  KerasImport base;
  guint       n_layers;
  guint64     work;
} Importer;

static void graph_free (Graph *graph);

static void
entry_free (Entry *entry)
{
  if (entry->model != NULL)
    graph_free (entry->model);
  g_free (entry);
}

static void
graph_free (Graph *graph)
{
  for (guint i = 0; i < graph->calls->len; i++)
    {
      Call *call = &g_array_index (graph->calls, Call, i);

      g_array_unref (call->refs);
      g_clear_pointer (&call->waiters, g_array_unref);
      g_clear_pointer (&call->outputs, g_ptr_array_unref);
    }
  g_array_unref (graph->calls);
  g_array_unref (graph->inputs);
  g_array_unref (graph->outputs);
  g_hash_table_unref (graph->by_name);
  g_ptr_array_unref (graph->entries);
  g_free (graph);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Graph, graph_free)

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
  g_set_error (error, STRATA_IMPORT_ERROR, code, _("%s: %s"), self->file, message);
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
    return g_strdup_printf (_("%s: a layer (%s): %s"), self->file, place->class_name, message);
  /* Translators: "FILE: layer “NAME” (CLASS): MESSAGE" */
  return g_strdup_printf (_("%s: layer “%s” (%s): %s"), self->file, place->name,
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

/* The text member @key of @object, or NULL. */
static const char *
string_member (JsonObject *object,
               const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
object_member (JsonObject *object,
               const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
string_member_at (JsonArray *array,
                  guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_model_class (const char *class_name)
{
  return g_str_equal (class_name, "Sequential") || g_str_equal (class_name, "Functional") ||
         g_str_equal (class_name, "Model");
}

static Graph *read_graph (Importer    *self,
                          JsonObject  *model,
                          const char  *class_name,
                          GError     **error);

/* One layer entry of a model: its name, class and config, and the model
 * it is when it is one. */
static Entry *
read_entry (Importer    *self,
            Graph       *graph,
            JsonNode    *node,
            guint        position,
            GError     **error)
{
  g_autofree Entry *entry = g_new0 (Entry, 1);
  JsonObject *object;
  JsonNode *trainable;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                              _("layer %u of model “%s” is not an object"), position + 1,
                              graph->name);
      return NULL;
    }
  object = json_node_get_object (node);
  entry->class_name = string_member (object, "class_name");
  entry->config = object_member (object, "config");
  if (entry->class_name == NULL || entry->config == NULL)
    {
      strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                              _("layer %u of model “%s” has no “class_name” and “config”"),
                              position + 1, graph->name);
      return NULL;
    }
  entry->name = string_member (object, "name");
  if (entry->name == NULL)
    entry->name = string_member (entry->config, "name");
  if (entry->name == NULL && json_object_has_member (entry->config, "name"))
    {
      strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                              _("layer %u of model “%s”: its name must be text"), position + 1,
                              graph->name);
      return NULL;
    }
  entry->is_input = g_str_equal (entry->class_name, "InputLayer");
  trainable = json_object_get_member (entry->config, "trainable");
  entry->frozen = trainable != NULL && JSON_NODE_HOLDS_VALUE (trainable) &&
                  json_node_get_value_type (trainable) == G_TYPE_BOOLEAN &&
                  !json_node_get_boolean (trainable);

  if (is_model_class (entry->class_name) &&
      (entry->model = read_graph (self, object, entry->class_name, error)) == NULL)
    return NULL;
  if (entry->name == NULL && entry->model != NULL)
    entry->name = entry->model->name;
  return g_steal_pointer (&entry);
}

/* [layer, node_index, tensor_index] (Keras 2, and the model's inputs and
 * outputs), with an optional fourth element of keyword arguments. */
static gboolean
read_history (Importer   *self,
              Graph      *graph,
              JsonNode   *node,
              const char *what,
              Ref        *ref,
              GError    **error)
{
  JsonArray *array;
  const char *name;
  gint64 index[2];

  if (!JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) < 3 ||
      json_array_get_length (array) > 4 ||
      (name = string_member_at (array, 0)) == NULL)
    goto invalid;
  for (guint i = 0; i < 2; i++)
    {
      JsonNode *element = json_array_get_element (array, i + 1);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64 ||
          (index[i] = json_node_get_int (element)) < 0 || index[i] > G_MAXUINT32)
        goto invalid;
    }
  ref->entry = g_hash_table_lookup (graph->by_name, name);
  if (ref->entry == NULL)
    {
      strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                              _("%s names “%s”, which is not a layer of model “%s”"), what, name,
                              graph->name);
      return FALSE;
    }
  ref->node = (guint) index[0];
  ref->tensor = (guint) index[1];
  ref->shape = NULL;
  return TRUE;

invalid:
  strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                          _("%s in model “%s” must be [layer, node index, tensor index]"), what,
                          graph->name);
  return FALSE;
}

/* A Keras 3 tensor: {"class_name": "__keras_tensor__", "config":
 * {"keras_history": [layer, node_index, tensor_index]}}, found anywhere
 * in a call's args (a merge's are a list inside the list). */
static gboolean
collect_tensors (Importer   *self,
                 Graph      *graph,
                 JsonNode   *node,
                 const char *what,
                 GArray     *refs,
                 GError    **error)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!collect_tensors (self, graph, json_array_get_element (array, i), what, refs, error))
          return FALSE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      const char *class_name = string_member (object, "class_name");
      JsonObject *config = object_member (object, "config");
      JsonNode *history;
      Ref ref;

      if (class_name == NULL || !g_str_equal (class_name, "__keras_tensor__"))
        return TRUE;
      if (config == NULL || (history = json_object_get_member (config, "keras_history")) == NULL)
        {
          strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                                  _("%s: a tensor without “keras_history”"), what);
          return FALSE;
        }
      if (!read_history (self, graph, history, what, &ref, error))
        return FALSE;
      ref.shape = json_object_get_member (config, "shape");
      g_array_append_val (refs, ref);
    }
  return TRUE;
}

/* One entry of inbound_nodes, in either form: Keras 2's list of
 * [layer, node, tensor, kwargs], or Keras 3's {"args": […], "kwargs": {…}}.
 * Keras 3 writes .h5 files with Keras 2 layer entries but Keras 3 calls,
 * so the form is decided for each call. */
static gboolean
read_call (Importer   *self,
           Graph      *graph,
           JsonNode   *node,
           const char *what,
           GArray     *refs,
           GError    **error)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      /* A call of one tensor, written flat by some converters. */
      if (json_array_get_length (array) > 0 && string_member_at (array, 0) != NULL)
        {
          Ref ref;

          if (!read_history (self, graph, node, what, &ref, error))
            return FALSE;
          g_array_append_val (refs, ref);
          return TRUE;
        }
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          Ref ref;

          if (!read_history (self, graph, json_array_get_element (array, i), what, &ref, error))
            return FALSE;
          g_array_append_val (refs, ref);
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node) &&
           json_object_has_member (json_node_get_object (node), "args"))
    {
      if (!collect_tensors (self, graph, json_object_get_member (json_node_get_object (node), "args"),
                            what, refs, error))
        return FALSE;
    }
  else
    {
      strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                              _("%s must be a list of tensors or an object with “args”"), what);
      return FALSE;
    }
  if (refs->len == 0)
    {
      strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                              _("%s reads no tensor"), what);
      return FALSE;
    }
  return TRUE;
}

/* input_layers or output_layers: a list of [layer, node, tensor], or one
 * written flat, as converters do for a single input. */
static gboolean
read_ends (Importer    *self,
           Graph       *graph,
           JsonObject  *config,
           const char  *key,
           GArray      *refs,
           GError     **error)
{
  JsonNode *node = json_object_get_member (config, key);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                              _("model “%s” has no list “%s”"), graph->name, key);
      return FALSE;
    }
  array = json_node_get_array (node);
  if (json_array_get_length (array) > 0 && string_member_at (array, 0) != NULL)
    {
      Ref ref;

      if (!read_history (self, graph, node, key, &ref, error))
        return FALSE;
      g_array_append_val (refs, ref);
      return TRUE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      Ref ref;

      if (!read_history (self, graph, json_array_get_element (array, i), key, &ref, error))
        return FALSE;
      g_array_append_val (refs, ref);
    }
  return TRUE;
}

static guint
n_outputs_of (Entry *entry)
{
  if (entry->model == NULL || entry->model->sequential)
    return 1;
  return entry->model->outputs->len;
}

/* Whether @ref names a call the layer has and an output the call has. */
static gboolean
check_ref (Importer   *self,
           Graph      *graph,
           const Ref  *ref,
           const char *what,
           GError    **error)
{
  if (ref->node >= ref->entry->n_calls)
    {
      strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                              _("%s reads call %u of layer “%s”, which has %u"), what,
                              ref->node, ref->entry->name, ref->entry->n_calls);
      return FALSE;
    }
  if (ref->tensor >= n_outputs_of (ref->entry))
    {
      strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                              _("%s reads output %u of layer “%s”, which has %u"), what,
                              ref->tensor, ref->entry->name, n_outputs_of (ref->entry));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_calls (Importer  *self,
            Graph     *graph,
            JsonArray *layers,
            GError   **error)
{
  for (guint i = 0; i < graph->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (graph->entries, i);
      JsonObject *object = json_node_get_object (json_array_get_element (layers, i));
      JsonNode *nodes = json_object_get_member (object, "inbound_nodes");
      JsonArray *array;

      entry->first_call = graph->calls->len;
      if (entry->is_input)
        {
          /* An input is made by no call, but is read as call 0. */
          Call call = { entry, 0, g_array_new (FALSE, FALSE, sizeof (Ref)), NULL, 0, FALSE, NULL,
                        NULL };

          g_array_append_val (graph->calls, call);
          entry->n_calls = 1;
          continue;
        }
      if (nodes == NULL || JSON_NODE_HOLDS_NULL (nodes))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (nodes))
        {
          KerasPlace place = { entry->name, entry->class_name };

          strata_keras_layer_error (&self->base, &place, error, STRATA_IMPORT_ERROR_INVALID,
                                    _("“inbound_nodes” must be a list"));
          return FALSE;
        }
      array = json_node_get_array (nodes);
      for (guint k = 0; k < json_array_get_length (array); k++)
        {
          g_autofree char *what = g_strdup_printf (_("call %u of layer “%s”"), k,
                                                   entry->name != NULL ? entry->name : "");
          Call call = { entry, k, g_array_new (FALSE, FALSE, sizeof (Ref)), NULL, 0, FALSE, NULL,
                        NULL };

          g_array_append_val (graph->calls, call);
          entry->n_calls++;
          if (!read_call (self, graph, json_array_get_element (array, k), what, call.refs, error))
            return FALSE;
        }
    }

  /* Every reference is checked, and its reader made to wait for it. */
  for (guint c = 0; c < graph->calls->len; c++)
    {
      Call *call = &g_array_index (graph->calls, Call, c);
      g_autofree char *what = g_strdup_printf (_("call %u of layer “%s”"), call->node,
                                               call->entry->name != NULL ? call->entry->name : "");

      for (guint r = 0; r < call->refs->len; r++)
        {
          const Ref *ref = &g_array_index (call->refs, Ref, r);
          Call *producer;

          if (!check_ref (self, graph, ref, what, error))
            return FALSE;
          producer = &g_array_index (graph->calls, Call, ref->entry->first_call + ref->node);
          if (ref->tensor == 0 && producer->stated == NULL)
            producer->stated = ref->shape;
          if (producer->waiters == NULL)
            producer->waiters = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (producer->waiters, c);
        }
    }
  return TRUE;
}

static Graph *
read_graph (Importer    *self,
            JsonObject  *model,
            const char  *class_name,
            GError     **error)
{
  g_autoptr(Graph) graph = g_new0 (Graph, 1);
  JsonNode *config_node = json_object_get_member (model, "config");
  JsonObject *config = NULL;
  JsonArray *layers = NULL;
  JsonNode *node;

  graph->sequential = g_str_equal (class_name, "Sequential");
  graph->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  graph->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  graph->calls = g_array_new (FALSE, FALSE, sizeof (Call));
  graph->inputs = g_array_new (FALSE, FALSE, sizeof (Ref));
  graph->outputs = g_array_new (FALSE, FALSE, sizeof (Ref));

  /* Keras before 2.2.3 wrote a Sequential's config as its list of layers. */
  if (config_node != NULL && JSON_NODE_HOLDS_ARRAY (config_node) && graph->sequential)
    layers = json_node_get_array (config_node);
  else if (config_node != NULL && JSON_NODE_HOLDS_OBJECT (config_node))
    {
      config = json_node_get_object (config_node);
      node = json_object_get_member (config, "layers");
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        layers = json_node_get_array (node);
      graph->name = string_member (config, "name");
    }
  if (graph->name == NULL)
    graph->name = string_member (model, "name");
  if (graph->name == NULL)
    graph->name = class_name;
  if (layers == NULL)
    {
      strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                              _("model “%s” (%s) has no list of layers in its config"),
                              graph->name, class_name);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (layers); i++)
    {
      Entry *entry = read_entry (self, graph, json_array_get_element (layers, i), i, error);

      if (entry == NULL)
        return NULL;
      g_ptr_array_add (graph->entries, entry);
      if (entry->name == NULL)
        continue;
      if (g_hash_table_contains (graph->by_name, entry->name))
        {
          strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                                  _("model “%s” has two layers named “%s”"), graph->name,
                                  entry->name);
          return NULL;
        }
      g_hash_table_insert (graph->by_name, (gpointer) entry->name, entry);
    }

  if (graph->sequential)
    {
      JsonObject *build = object_member (model, "build_config");

      if (config != NULL)
        graph->build_shape = json_object_get_member (config, "build_input_shape");
      if (graph->build_shape == NULL && build != NULL)
        graph->build_shape = json_object_get_member (build, "input_shape");
      return g_steal_pointer (&graph);
    }

  if (!read_calls (self, graph, layers, error) ||
      !read_ends (self, graph, config, "input_layers", graph->inputs, error) ||
      !read_ends (self, graph, config, "output_layers", graph->outputs, error))
    return NULL;
  if (graph->inputs->len == 0)
    {
      strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                              _("model “%s” has no inputs"), graph->name);
      return NULL;
    }
  for (guint i = 0; i < graph->inputs->len; i++)
    {
      const Ref *ref = &g_array_index (graph->inputs, Ref, i);

      if (!ref->entry->is_input || ref->node != 0 || ref->tensor != 0)
        {
          strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                                  _("“input_layers” of model “%s” names “%s”, which is not an "
                                    "InputLayer"), graph->name, ref->entry->name);
          return NULL;
        }
    }
  for (guint i = 0; i < graph->outputs->len; i++)
    if (!check_ref (self, graph, &g_array_index (graph->outputs, Ref, i), "output_layers", error))
      return NULL;
  return g_steal_pointer (&graph);
}

/* @prefix + @name as a Strata name no layer or input has yet, cut to
 * the longest name Strata keeps, with _2, _3, … when it is taken. */
static const char *
take_name (KerasImport *self,
           const char  *prefix,
           const char  *name)
{
  g_autofree char *joined = g_strconcat (prefix, name, NULL);
  char *wanted = strata_name_dup (joined);
  gpointer stem;
  glong length;
  guint n;

  if (!g_hash_table_lookup_extended (self->taken, wanted, &stem, NULL))
    {
      g_hash_table_add (self->taken, wanted);
      return wanted;
    }
  /* The copy taken first holds the count of its suffixes, for as long as
   * the table of names lives. */
  g_free (wanted);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->next_suffix, stem));
  length = g_utf8_strlen (stem, -1);
  for (n = MAX (n, 2);; n++)
    {
      g_autofree char *suffix = g_strdup_printf ("_%u", n);
      glong room = STRATA_NAME_MAX_CHARS - (glong) strlen (suffix);
      g_autofree char *cut = length > room ? g_utf8_substring (stem, 0, room) : g_strdup (stem);
      char *candidate = g_strconcat (cut, suffix, NULL);

      if (!g_hash_table_contains (self->taken, candidate))
        {
          g_hash_table_insert (self->next_suffix, stem, GUINT_TO_POINTER (n + 1));
          g_hash_table_add (self->taken, candidate);
          return candidate;
        }
      g_free (candidate);
    }
}

static gboolean
add_work (Importer *self,
          guint64   amount,
          GError  **error)
{
  self->work += amount;
  if (self->work > MAX_WORK)
    {
      strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_TOO_LARGE,
                              _("its models call one another too many times (more than %u "
                                "calls in all)"), MAX_WORK);
      return FALSE;
    }
  return TRUE;
}

/* A shape a Keras 3 tensor states, [batch, h, w, c] or [batch, n]:
 * FALSE for any other, which is then not used. */
static gboolean
read_stated (JsonNode    *node,
             StrataShape *shape)
{
  JsonArray *array;
  guint rank;
  guint64 dims[3] = { 1, 1, 1 };

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  rank = json_array_get_length (array);
  if (rank != 2 && rank != 4)
    return FALSE;
  for (guint i = 1; i < rank; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 value;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64 ||
          (value = json_node_get_int (element)) < 1 || value > G_MAXUINT32)
        return FALSE;
      dims[rank == 2 ? 2 : i - 1] = (guint64) value;
    }
  *shape = (StrataShape) { dims[0], dims[1], dims[2], rank == 2 };
  return TRUE;
}

/* Whether Strata's @computed is the shape Keras @stated: a Keras vector
 * may be held as 1 × 1 × n. */
static gboolean
stated_matches (const StrataShape *stated,
                const StrataShape *computed)
{
  if (stated->is_vector)
    return computed->channels == stated->channels &&
           (computed->is_vector || (computed->height == 1 && computed->width == 1));
  return strata_shape_equal (stated, computed);
}

/* The Strata layer for one call of a layer that is not a model. */
static StrataLayer *
make_layer (Importer     *self,
            Entry        *entry,
            const char   *prefix,
            StrataLayer **inputs,
            guint         n_inputs,
            JsonNode     *stated_node,
            gboolean      frozen,
            GError      **error)
{
  KerasImport *base = &self->base;
  KerasPlace place = { entry->name, entry->class_name };
  g_autoptr(StrataLayer) layer = NULL;
  StrataShape stated;
  gboolean has_stated = read_stated (stated_node, &stated);

  if (strata_keras_class_is_not_2d (entry->class_name))
    {
      strata_keras_layer_error (base, &place, error, STRATA_IMPORT_ERROR_NOT_2D,
                                _("this is a layer of 1-D, 3-D or sequence data, but Strata "
                                  "models 2-D image networks"));
      return NULL;
    }
  if (entry->is_input)
    {
      strata_keras_layer_error (base, &place, error, STRATA_IMPORT_ERROR_INVALID,
                                _("an input inside a sequential model"));
      return NULL;
    }
  if (self->n_layers >= MAX_LAYERS)
    {
      strata_keras_set_error (base, error, STRATA_IMPORT_ERROR_TOO_LARGE,
                              _("the model has more than %u layers"), MAX_LAYERS);
      return NULL;
    }

  layer = strata_keras_make_layer (base, &place, entry->config, inputs, n_inputs,
                                   has_stated ? &stated : NULL, error);
  if (layer == NULL)
    return NULL;
  if (entry->name != NULL)
    strata_layer_set_name (layer, take_name (base, prefix, entry->name));
  /* A layer reading the one before it says nothing, so a chain stays one. */
  if (n_inputs != 1 || inputs[0] != base->last)
    strata_layer_set_inputs (layer, inputs, n_inputs);
  /* Only weights are shared: a pooling layer called twice is two
   * pooling layers, with nothing between them to draw. */
  if (entry->owner != NULL && strata_layer_get_params_count (entry->owner) > 0)
    strata_layer_set_shares (layer, entry->owner);
  strata_network_append (base->network, layer);
  base->last = layer;
  self->n_layers++;

  if (strata_layer_get_error (layer) != NULL)
    {
      strata_keras_layer_error (base, &place, error, STRATA_IMPORT_ERROR_INVALID, "%s",
                                strata_layer_get_error (layer));
      return NULL;
    }
  /* A shape Strata computes otherwise than the file states is said:
   * then a rule or a setting was not read as Keras reads it. */
  if (has_stated && !stated_matches (&stated, strata_layer_get_output_shape (layer)))
    {
      g_autofree char *theirs = strata_shape_to_string (&stated);
      g_autofree char *ours = strata_shape_to_string (strata_layer_get_output_shape (layer));

      strata_keras_warn (base, &place, _("the file states its output shape as %s, but Strata "
                                         "computes %s"), theirs, ours);
    }
  if ((frozen || entry->frozen) && strata_layer_get_params_count (layer) > 0)
    base->n_frozen++;
  if (entry->owner == NULL)
    entry->owner = layer;
  return layer;
}

static GPtrArray *instantiate (Importer     *self,
                               Graph        *graph,
                               const char   *prefix,
                               StrataLayer **inputs,
                               guint         n_inputs,
                               gboolean      frozen,
                               GError      **error);

/* The outputs of one call of @entry: a layer, or a model's outputs. */
static GPtrArray *
call_entry (Importer     *self,
            Entry        *entry,
            guint         node,
            const char   *prefix,
            StrataLayer **inputs,
            guint         n_inputs,
            JsonNode     *stated,
            gboolean      frozen,
            GError      **error)
{
  GPtrArray *outputs;
  StrataLayer *layer;

  if (entry->model != NULL)
    {
      /* Its layers are named after it: "encoder/conv1", and for its
       * second call "encoder_2/conv1", which shares the first's weights. */
      g_autofree char *inner = node == 0 ? g_strdup_printf ("%s%s/", prefix, entry->name)
                                         : g_strdup_printf ("%s%s_%u/", prefix, entry->name,
                                                            node + 1);

      return instantiate (self, entry->model, inner, inputs, n_inputs, frozen || entry->frozen,
                          error);
    }
  layer = make_layer (self, entry, prefix, inputs, n_inputs, stated, frozen, error);
  if (layer == NULL)
    return NULL;
  outputs = g_ptr_array_new ();
  g_ptr_array_add (outputs, layer);
  return outputs;
}

static GPtrArray *
instantiate_sequential (Importer     *self,
                        Graph        *graph,
                        const char   *prefix,
                        StrataLayer  *input,
                        gboolean      frozen,
                        GError      **error)
{
  StrataLayer *current = input;
  GPtrArray *outputs;

  for (guint i = 0; i < graph->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (graph->entries, i);
      g_autoptr(GPtrArray) result = NULL;

      /* Its input is the tensor the model is called on. */
      if (entry->is_input && i == 0)
        continue;
      if (!add_work (self, 1, error) ||
          (result = call_entry (self, entry, 0, prefix, &current, 1, NULL, frozen, error)) == NULL)
        return NULL;
      if (result->len != 1)
        {
          KerasPlace place = { entry->name, entry->class_name };

          strata_keras_layer_error (&self->base, &place, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                                    _("a model with %u outputs inside a sequential model"),
                                    result->len);
          return NULL;
        }
      current = g_ptr_array_index (result, 0);
    }
  outputs = g_ptr_array_new ();
  g_ptr_array_add (outputs, current);
  return outputs;
}

static int
compare_calls (gconstpointer a,
               gconstpointer b)
{
  guint x = GPOINTER_TO_UINT (a), y = GPOINTER_TO_UINT (b);

  return x < y ? -1 : x > y;
}

/* Call @c is made: whoever waited only for it is ready. */
static void
finish_call (Graph *graph,
             guint  c,
             GTree *ready)
{
  Call *call = &g_array_index (graph->calls, Call, c);

  call->done = TRUE;
  if (call->waiters == NULL)
    return;
  for (guint i = 0; i < call->waiters->len; i++)
    {
      guint w = g_array_index (call->waiters, guint, i);
      Call *waiter = &g_array_index (graph->calls, Call, w);

      if (--waiter->pending == 0)
        g_tree_insert (ready, GUINT_TO_POINTER (w), NULL);
    }
}

/* Makes the layers of @graph called on @inputs and returns its outputs
 * (borrowed layers, NULL for the network's input). Calls are made as
 * soon as what they read exists, in the file's order otherwise: a
 * file's list is topological but a shared layer's later call may read a
 * layer listed after it. */
static GPtrArray *
instantiate (Importer     *self,
             Graph        *graph,
             const char   *prefix,
             StrataLayer **inputs,
             guint         n_inputs,
             gboolean      frozen,
             GError      **error)
{
  g_autoptr(GTree) ready = NULL;
  GPtrArray *outputs;
  GTreeNode *first;

  if (!add_work (self, graph->calls->len + graph->entries->len + 1, error))
    return NULL;
  if (graph->sequential)
    {
      if (n_inputs != 1)
        {
          strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                                  _("the sequential model “%s” is called on %u tensors"),
                                  graph->name, n_inputs);
          return NULL;
        }
      return instantiate_sequential (self, graph, prefix, inputs[0], frozen, error);
    }
  if (n_inputs != graph->inputs->len)
    {
      strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                              _("model “%s” takes %u inputs but is called on %u"), graph->name,
                              graph->inputs->len, n_inputs);
      return NULL;
    }

  for (guint c = 0; c < graph->calls->len; c++)
    {
      Call *call = &g_array_index (graph->calls, Call, c);

      call->pending = call->refs->len;
      call->done = FALSE;
      g_clear_pointer (&call->outputs, g_ptr_array_unref);
    }
  ready = g_tree_new (compare_calls);
  for (guint i = 0; i < n_inputs; i++)
    {
      const Ref *ref = &g_array_index (graph->inputs, Ref, i);
      Call *call = &g_array_index (graph->calls, Call, ref->entry->first_call);

      if (call->done)
        {
          strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                                  _("model “%s” lists the input “%s” twice"), graph->name,
                                  ref->entry->name);
          return NULL;
        }
      call->outputs = g_ptr_array_new ();
      g_ptr_array_add (call->outputs, inputs[i]);
      finish_call (graph, ref->entry->first_call, ready);
    }

  while ((first = g_tree_node_first (ready)) != NULL)
    {
      guint c = GPOINTER_TO_UINT (g_tree_node_key (first));
      Call *call = &g_array_index (graph->calls, Call, c);
      g_autofree StrataLayer **reads = g_new (StrataLayer *, call->refs->len);
      GPtrArray *made;

      g_tree_remove (ready, GUINT_TO_POINTER (c));
      for (guint r = 0; r < call->refs->len; r++)
        {
          const Ref *ref = &g_array_index (call->refs, Ref, r);
          Call *producer = &g_array_index (graph->calls, Call, ref->entry->first_call + ref->node);

          reads[r] = g_ptr_array_index (producer->outputs, ref->tensor);
        }
      made = call_entry (self, call->entry, call->node, prefix, reads, call->refs->len,
                         call->stated, frozen, error);
      if (made == NULL)
        return NULL;
      if (made->len < n_outputs_of (call->entry))
        {
          g_ptr_array_unref (made);
          strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                                  _("model “%s” gives fewer outputs than it lists"),
                                  call->entry->name);
          return NULL;
        }
      call->outputs = made;
      finish_call (graph, c, ready);
    }

  for (guint c = 0; c < graph->calls->len; c++)
    {
      Call *call = &g_array_index (graph->calls, Call, c);
      KerasPlace place = { call->entry->name, call->entry->class_name };

      if (call->done || call->entry->is_input)
        continue;
      strata_keras_layer_error (&self->base, &place, error, STRATA_IMPORT_ERROR_INVALID,
                                _("call %u never has all its inputs: its inbound nodes form a "
                                  "cycle, or read an input the model does not list"), call->node);
      return NULL;
    }

  outputs = g_ptr_array_new ();
  for (guint i = 0; i < graph->outputs->len; i++)
    {
      const Ref *ref = &g_array_index (graph->outputs, Ref, i);
      Call *call = &g_array_index (graph->calls, Call, ref->entry->first_call + ref->node);

      if (!call->done)
        {
          g_ptr_array_unref (outputs);
          strata_keras_set_error (&self->base, error, STRATA_IMPORT_ERROR_INVALID,
                                  _("the output “%s” of model “%s” is an input it does not "
                                    "list"), ref->entry->name, graph->name);
          return NULL;
        }
      g_ptr_array_add (outputs, g_ptr_array_index (call->outputs, ref->tensor));
    }
  return outputs;
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
read_shape (Importer         *self,
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
      strata_keras_layer_error (&self->base, place, error, STRATA_IMPORT_ERROR_INVALID,
                                _("its input shape must be a list"));
      return SHAPE_FAILED;
    }
  array = json_node_get_array (node);
  rank = json_array_get_length (array);
  if (rank == 3 || rank == 5)
    {
      strata_keras_layer_error (&self->base, place, error, STRATA_IMPORT_ERROR_NOT_2D,
                                _("its input has %u dimensions with the batch, but Strata models "
                                  "2-D image networks (batch, height, width, channels)"), rank);
      return SHAPE_FAILED;
    }
  if (rank != 2 && rank != 4)
    {
      strata_keras_layer_error (&self->base, place, error, STRATA_IMPORT_ERROR_INVALID,
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
          strata_keras_layer_error (&self->base, place, error, STRATA_IMPORT_ERROR_NEEDS_INPUT,
                                    _("its input's size is not fixed in the file; give the "
                                      "input shape (such as 3x224x224)"));
          return SHAPE_FAILED;
        }
      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64 ||
          (value = json_node_get_int (element)) < 1 || value > G_MAXUINT32)
        {
          strata_keras_layer_error (&self->base, place, error, STRATA_IMPORT_ERROR_INVALID,
                                    _("its input shape must hold whole numbers from 1 to %u"),
                                    G_MAXUINT32);
          return SHAPE_FAILED;
        }
      *dim = (guint) value;
    }
  return SHAPE_FOUND;
}

static ShapeStatus
read_entry_shape (Importer  *self,
                  Entry     *entry,
                  guint      dims[3],
                  gboolean  *is_vector,
                  GError   **error)
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
model_input_shape (Importer  *self,
                   Graph     *graph,
                   guint      dims[3],
                   gboolean  *is_vector,
                   GError   **error)
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
make_inputs (Importer     *self,
             Graph        *graph,
             StrataLayer **inputs,
             GError      **error)
{
  KerasImport *base = &self->base;
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
    strata_network_set_input_name (base->network, take_name (base, "", first->name));
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
        strata_layer_set_name (layer, take_name (base, "", entry->name));
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
import_model (Importer    *self,
              JsonObject  *root,
              GError     **error)
{
  KerasImport *base = &self->base;
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
  if ((graph = read_graph (self, model, class_name, error)) == NULL)
    return NULL;

  network = strata_network_new ();
  base->network = network;
  strata_network_set_name (network, graph->name);
  inputs = g_new0 (StrataLayer *, graph->sequential ? 1 : graph->inputs->len);
  if (!make_inputs (self, graph, inputs, error))
    return NULL;
  outputs = instantiate (self, graph, "", inputs, graph->sequential ? 1 : graph->inputs->len,
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
strata_import_keras_json (GBytes                     *contents,
                          const char                 *display_name,
                          const StrataImportOptions  *options,
                          GPtrArray                  *warnings,
                          GError                    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) next_suffix = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) vector_inputs = g_hash_table_new (NULL, NULL);
  Importer self = { { display_name, options, warnings, NULL, taken, next_suffix, NULL, FALSE,
                      vector_inputs, 0 }, 0, 0 };
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
      strata_keras_set_error (&self.base, error, STRATA_IMPORT_ERROR_INVALID, "%s",
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

      strata_keras_set_error (&self.base, error, STRATA_IMPORT_ERROR_INVALID,
                              _("not valid JSON: %s"), reason);
      return NULL;
    }
  root = json_parser_get_root (parser);
  return import_model (&self, json_node_get_object (root), error);
}
