/* strata-import-keras-graph.c: a Keras model's layers and the calls between them, as its config gives them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-import-keras-private.h"

static void
entry_free (Entry *entry)
{
  if (entry->model != NULL)
    strata_keras_graph_free (entry->model);
  g_free (entry);
}

void
strata_keras_graph_free (Graph *graph)
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

/* One layer entry of a model: its name, class and config, and the model
 * it is when it is one. */
static Entry *
read_entry (KerasImport *self,
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
      strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
                              _("layer %u of model “%s” is not an object"), position + 1,
                              graph->name);
      return NULL;
    }
  object = json_node_get_object (node);
  entry->class_name = string_member (object, "class_name");
  entry->config = object_member (object, "config");
  if (entry->class_name == NULL || entry->config == NULL)
    {
      strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
                              _("layer %u of model “%s” has no “class_name” and “config”"),
                              position + 1, graph->name);
      return NULL;
    }
  entry->name = string_member (object, "name");
  if (entry->name == NULL)
    entry->name = string_member (entry->config, "name");
  if (entry->name == NULL && json_object_has_member (entry->config, "name"))
    {
      strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
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
      (entry->model = strata_keras_read_graph (self, object, entry->class_name, error)) == NULL)
    return NULL;
  if (entry->name == NULL && entry->model != NULL)
    entry->name = entry->model->name;
  return g_steal_pointer (&entry);
}

/* [layer, node_index, tensor_index] (Keras 2, and the model's inputs and
 * outputs), with an optional fourth element of keyword arguments. */
static gboolean
read_history (KerasImport *self,
              Graph       *graph,
              JsonNode    *node,
              const char  *what,
              Ref         *ref,
              GError     **error)
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
      strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
                              _("%s names “%s”, which is not a layer of model “%s”"), what, name,
                              graph->name);
      return FALSE;
    }
  ref->node = (guint) index[0];
  ref->tensor = (guint) index[1];
  ref->shape = NULL;
  return TRUE;

invalid:
  strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
                          _("%s in model “%s” must be [layer, node index, tensor index]"), what,
                          graph->name);
  return FALSE;
}

/* A Keras 3 tensor: {"class_name": "__keras_tensor__", "config":
 * {"keras_history": [layer, node_index, tensor_index]}}, found anywhere
 * in a call's args (a merge's are a list inside the list). */
static gboolean
collect_tensors (KerasImport *self,
                 Graph       *graph,
                 JsonNode    *node,
                 const char  *what,
                 GArray      *refs,
                 GError     **error)
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
          strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
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
read_call (KerasImport *self,
           Graph       *graph,
           JsonNode    *node,
           const char  *what,
           GArray      *refs,
           GError     **error)
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
      strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
                              _("%s must be a list of tensors or an object with “args”"), what);
      return FALSE;
    }
  if (refs->len == 0)
    {
      strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
                              _("%s reads no tensor"), what);
      return FALSE;
    }
  return TRUE;
}

/* input_layers or output_layers: a list of [layer, node, tensor], or one
 * written flat, as converters do for a single input. */
static gboolean
read_ends (KerasImport *self,
           Graph       *graph,
           JsonObject  *config,
           const char  *key,
           GArray      *refs,
           GError     **error)
{
  JsonNode *node = json_object_get_member (config, key);
  JsonArray *array;

  /* Keras 3 writes a model built on a dict of inputs with a dict here:
   * its values, in order. */
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) values = json_object_get_values (json_node_get_object (node));

      for (GList *l = values; l != NULL; l = l->next)
        {
          Ref ref;

          if (!read_history (self, graph, l->data, key, &ref, error))
            return FALSE;
          g_array_append_val (refs, ref);
        }
      return TRUE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
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

guint
strata_keras_n_outputs (Entry *entry)
{
  if (entry->model == NULL || entry->model->sequential)
    return 1;
  return entry->model->outputs->len;
}

/* Whether @ref names a call the layer has and an output the call has. */
static gboolean
check_ref (KerasImport *self,
           Graph       *graph,
           const Ref   *ref,
           const char  *what,
           GError     **error)
{
  if (ref->node >= ref->entry->n_calls)
    {
      strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
                              _("%s reads call %u of layer “%s”, which has %u"), what,
                              ref->node, ref->entry->name, ref->entry->n_calls);
      return FALSE;
    }
  if (ref->tensor >= strata_keras_n_outputs (ref->entry))
    {
      strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
                              _("%s reads output %u of layer “%s”, which has %u"), what,
                              ref->tensor, ref->entry->name, strata_keras_n_outputs (ref->entry));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_calls (KerasImport *self,
            Graph       *graph,
            JsonArray   *layers,
            GError     **error)
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

          strata_keras_layer_error (self, &place, error, STRATA_IMPORT_ERROR_INVALID,
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

Graph *
strata_keras_read_graph (KerasImport *self,
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
      strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
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
          strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
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
      strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
                              _("model “%s” has no inputs"), graph->name);
      return NULL;
    }
  for (guint i = 0; i < graph->inputs->len; i++)
    {
      const Ref *ref = &g_array_index (graph->inputs, Ref, i);

      if (!ref->entry->is_input || ref->node != 0 || ref->tensor != 0)
        {
          strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
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
