/* strata-import-keras-private.h: what the Keras reader shares between its files. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "strata-import.h"

G_BEGIN_DECLS

/* One import under way: where layers go and what to say about them. */
typedef struct
{
  const char                *file;     /* the display name, for messages */
  const StrataImportOptions *options;
  GPtrArray                 *warnings; /* may be NULL */
  StrataNetwork             *network;  /* layers are appended as they are made */
  GHashTable                *taken;    /* every name given so far */
  GHashTable                *next_suffix; /* name → the next _N to try for it */
  StrataLayer               *last;     /* the layer appended last, or NULL */
  /* Inputs that Keras gives as vectors ([batch, n]), which Strata's
   * inputs hold as 1 × 1 × n: the network's, and layers of kind input. */
  gboolean                   vector_input;
  GHashTable                *vector_inputs;
  guint                      n_frozen; /* layers with trainable: false */
  guint                      n_layers; /* made so far */
  guint64                    work;     /* calls made so far, each model's counted as often as it is called */
} KerasImport;

/* A model's layers and their calls, as its config gives them
 * (strata-import-keras-graph.c), made into layers by
 * strata-import-keras-build.c. */
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

/* The graph of @model, a Sequential, Functional or Model of
 * @class_name, with every reference checked; NULL with @error. */
Graph       *strata_keras_read_graph   (KerasImport       *self,
                                        JsonObject        *model,
                                        const char        *class_name,
                                        GError           **error);
void         strata_keras_graph_free   (Graph             *graph);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Graph, strata_keras_graph_free)
/* How many tensors a call of @entry gives. */
guint        strata_keras_n_outputs    (Entry             *entry);

/* @prefix + @name as a Strata name no layer or input has yet. */
const char  *strata_keras_take_name    (KerasImport       *self,
                                        const char        *prefix,
                                        const char        *name);
/* Makes the layers of @graph called on @inputs (layers of the network,
 * NULL for its input) and returns its outputs, borrowed. */
GPtrArray   *strata_keras_instantiate  (KerasImport       *self,
                                        Graph             *graph,
                                        const char        *prefix,
                                        StrataLayer      **inputs,
                                        guint              n_inputs,
                                        gboolean           frozen,
                                        GError           **error);

/* The text member @key of @object, or NULL. */
static inline const char *
string_member (JsonObject *object,
               const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static inline JsonObject *
object_member (JsonObject *object,
               const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static inline const char *
string_member_at (JsonArray *array,
                  guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static inline gboolean
is_model_class (const char *class_name)
{
  return g_str_equal (class_name, "Sequential") || g_str_equal (class_name, "Functional") ||
         g_str_equal (class_name, "Model");
}

/* Where a message points: a layer's name and class, both from the file. */
typedef struct
{
  const char *name;
  const char *class_name;
} KerasPlace;

G_GNUC_PRINTF (4, 5)
void         strata_keras_set_error    (KerasImport       *self,
                                        GError           **error,
                                        int                code,
                                        const char        *format,
                                        ...);
G_GNUC_PRINTF (5, 6)
void         strata_keras_layer_error  (KerasImport       *self,
                                        const KerasPlace  *place,
                                        GError           **error,
                                        int                code,
                                        const char        *format,
                                        ...);
G_GNUC_PRINTF (3, 4)
void         strata_keras_warn         (KerasImport       *self,
                                        const KerasPlace  *place,
                                        const char        *format,
                                        ...);

/* Values of a layer's config (strata-import-keras-config.c), as Keras
 * reads them: absent or null is Keras's default unless @required; a
 * wrong type or range fails with @error naming the layer and the key. */
JsonNode *strata_keras_member (JsonObject *config,
                               const char *key);
gboolean strata_keras_is_number (JsonNode *node);
gboolean strata_keras_node_count (JsonNode *node,
                                  guint     minimum,
                                  guint    *value);
gboolean strata_keras_missing (KerasImport      *self,
                               const KerasPlace *place,
                               const char       *key,
                               GError          **error);
gboolean strata_keras_get_count (KerasImport      *self,
                                 const KerasPlace *place,
                                 JsonObject       *config,
                                 const char       *key,
                                 guint             minimum,
                                 gboolean          required,
                                 guint            *value,
                                 GError          **error);
gboolean strata_keras_get_pair (KerasImport      *self,
                                const KerasPlace *place,
                                JsonObject       *config,
                                const char       *key,
                                guint             minimum,
                                gboolean          required,
                                StrataPair       *pair,
                                GError          **error);
gboolean strata_keras_get_sides (KerasImport      *self,
                                 const KerasPlace *place,
                                 JsonObject       *config,
                                 const char       *key,
                                 StrataSides      *sides,
                                 GError          **error);
gboolean strata_keras_get_bool (KerasImport      *self,
                                const KerasPlace *place,
                                JsonObject       *config,
                                const char       *key,
                                gboolean         *value,
                                GError          **error);
const char *strata_keras_get_string (KerasImport      *self,
                                     const KerasPlace *place,
                                     JsonObject       *config,
                                     const char       *key,
                                     gboolean         *ok,
                                     GError          **error);
gboolean strata_keras_get_number (KerasImport      *self,
                                  const KerasPlace *place,
                                  JsonObject       *config,
                                  const char       *key,
                                  double           *value,
                                  GError          **error);
gboolean strata_keras_get_activation (KerasImport      *self,
                                      const KerasPlace *place,
                                      JsonObject       *config,
                                      const char       *key,
                                      gboolean          required,
                                      StrataActivation *activation,
                                      GError          **error);
gboolean strata_keras_check_channels_last (KerasImport      *self,
                                           const KerasPlace *place,
                                           JsonObject       *config,
                                           GError          **error);
gboolean strata_keras_get_padding (KerasImport      *self,
                                   const KerasPlace *place,
                                   JsonObject       *config,
                                   StrataPadding    *mode,
                                   GError          **error);
const StrataShape *strata_keras_input_shape (KerasImport *self,
                                             StrataLayer *input);
gboolean strata_keras_reads_vector (KerasImport *self,
                                    StrataLayer *input);
gboolean strata_keras_axis_of (gint64      axis,
                               guint       rank,
                               StrataAxis *strata_axis);
gboolean strata_keras_get_axis (KerasImport      *self,
                                const KerasPlace *place,
                                JsonObject       *config,
                                StrataLayer      *input,
                                gint64            fallback,
                                StrataAxis       *axis,
                                GError          **error);

/* Whether @class_name is a Keras layer of 1-D or 3-D data (Conv1D, LSTM,
 * MaxPooling3D, …), which Strata does not model. */
gboolean     strata_keras_class_is_not_2d (const char *class_name);

/* The Strata layer for one call of a Keras layer of class
 * @place->class_name with @config, reading @inputs (each a layer of the
 * network, NULL for its input); not yet named, given its inputs or
 * appended. @stated is the output shape the file states for it (Keras 3
 * calls give each tensor's), or NULL: a class with no kind becomes an
 * opaque layer of that shape. NULL with @error when the class or a
 * setting has no equivalent. */
StrataLayer *strata_keras_make_layer   (KerasImport       *self,
                                        const KerasPlace  *place,
                                        JsonObject        *config,
                                        StrataLayer      **inputs,
                                        guint              n_inputs,
                                        const StrataShape *stated,
                                        GError           **error);

G_END_DECLS
