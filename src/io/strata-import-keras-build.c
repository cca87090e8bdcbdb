/* strata-import-keras-build.c: the layers a Keras model's calls make, in an order where each follows what it reads. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-import-keras-private.h"

/* Models called inside models multiply their layers; these bound the
 * network made and the work done to make it, whatever the file holds. */
#define MAX_LAYERS 100000
#define MAX_WORK 1000000
/* What making a model's layers costs beyond its calls: its tables. */
#define MODEL_COST 16

/* @prefix + @name as a Strata name no layer or input has yet, cut to
 * the longest name Strata keeps, with _2, _3, … when it is taken. */
const char *
strata_keras_take_name (KerasImport *self,
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
add_work (KerasImport *self,
          guint64      amount,
          GError     **error)
{
  self->work += amount;
  if (self->work > MAX_WORK)
    {
      strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_TOO_LARGE,
                              _("its models call one another too many times (making them "
                                "would take more than %u steps)"), MAX_WORK);
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
make_layer (KerasImport  *self,
            Entry        *entry,
            const char   *prefix,
            StrataLayer **inputs,
            guint         n_inputs,
            JsonNode     *stated_node,
            gboolean      frozen,
            GError      **error)
{
  KerasImport *base = self;
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
    strata_layer_set_name (layer, strata_keras_take_name (base, prefix, entry->name));
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

/* The outputs of one call of @entry: a layer, or a model's outputs. */
static GPtrArray *
call_entry (KerasImport  *self,
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

      return strata_keras_instantiate (self, entry->model, inner, inputs, n_inputs, frozen || entry->frozen,
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
instantiate_sequential (KerasImport *self,
                        Graph       *graph,
                        const char  *prefix,
                        StrataLayer *input,
                        gboolean     frozen,
                        GError     **error)
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

          strata_keras_layer_error (self, &place, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
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
GPtrArray *
strata_keras_instantiate (KerasImport  *self,
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

  if (!add_work (self, graph->calls->len + graph->entries->len + MODEL_COST, error))
    return NULL;
  if (graph->sequential)
    {
      if (n_inputs != 1)
        {
          strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
                                  _("the sequential model “%s” is called on %u tensors"),
                                  graph->name, n_inputs);
          return NULL;
        }
      return instantiate_sequential (self, graph, prefix, inputs[0], frozen, error);
    }
  if (n_inputs != graph->inputs->len)
    {
      strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
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
          strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
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
      if (made->len < strata_keras_n_outputs (call->entry))
        {
          g_ptr_array_unref (made);
          strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
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
      strata_keras_layer_error (self, &place, error, STRATA_IMPORT_ERROR_INVALID,
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
          strata_keras_set_error (self, error, STRATA_IMPORT_ERROR_INVALID,
                                  _("the output “%s” of model “%s” is an input it does not "
                                    "list"), ref->entry->name, graph->name);
          return NULL;
        }
      g_ptr_array_add (outputs, g_ptr_array_index (call->outputs, ref->tensor));
    }
  return outputs;
}
