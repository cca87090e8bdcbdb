/* strata-import-onnx-private.h: what the ONNX importer's files share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gi18n-lib.h>

#include "strata-import.h"
#include "strata-onnx-private.h"

G_BEGIN_DECLS

typedef enum
{
  VALUE_UNSET,     /* not yet produced */
  VALUE_TENSOR,    /* an activation: the output of a layer or the network's input */
  VALUE_CONSTANT,  /* an initializer, a Constant or a folded shape computation */
} ValueKind;

typedef struct
{
  const char          *name;
  gint                 producer;     /* node index, or -1 */
  const OnnxValueInfo *stated;       /* the shape the file states, or NULL */
  GArray              *consumers;    /* node indices (guint), or NULL */
  gboolean             is_graph_input;
  guint                reading;      /* see onnx_first_read() */
  ValueKind            kind;

  /* VALUE_TENSOR: @layer (NULL: the network's input) gives @shape; ONNX
   * sees it with @rank 2 ([N, C]) or 4 ([N, C, H, W], which a vector of
   * a global pooling stands for). */
  StrataLayer         *layer;
  StrataShape          shape;
  guint                rank;
  gboolean             from_matmul;  /* a dense layer with no bias yet */

  /* VALUE_CONSTANT: dims, and values once read (at most ONNX_MAX_LIST). */
  guint                n_dims;
  gint64               dims[ONNX_MAX_RANK];
  const OnnxTensor    *tensor;       /* where values can be read, or NULL */
  gboolean             is_initializer;
  gboolean             has_data;
  gboolean             is_float;
  guint                n_data;
  gint64              *ints;
  double              *floats;
} Value;

typedef struct
{
  const char                *display_name;
  const StrataImportOptions *options;
  GPtrArray                 *warnings;
  OnnxModel                 *model;
  GHashTable                *by_name;   /* name → Value */
  GPtrArray                 *values;
  GPtrArray                 *layers;    /* StrataLayer, in order */
  GHashTable                *names;     /* layer names taken */
  gboolean                   check_stated;
  guint                      reading;
} Import;

/* What an op's handler is given: the node, its inputs resolved. */
typedef gboolean (*OnnxOpFunc) (Import         *im,
                                const OnnxNode *node,
                                GError        **error);

/* strata-import-onnx.c */
const char          *onnx_node_label     (const OnnxNode *node,
                                          Import         *im);
G_GNUC_PRINTF (5, 6)
gboolean             onnx_node_error     (Import          *im,
                                          const OnnxNode  *node,
                                          GError         **error,
                                          int              code,
                                          const char      *format,
                                          ...);
G_GNUC_PRINTF (3, 4)
void                 onnx_node_warn      (Import          *im,
                                          const OnnxNode  *node,
                                          const char      *format,
                                          ...);
Value               *onnx_input          (Import         *im,
                                          const OnnxNode *node,
                                          guint           index);
Value               *onnx_output         (Import         *im,
                                          const OnnxNode *node,
                                          guint           index);
const OnnxAttribute *onnx_attr           (Import         *im,
                                          const OnnxNode *node,
                                          const char     *name);
gint64               onnx_attr_int       (Import         *im,
                                          const OnnxNode *node,
                                          const char     *name,
                                          gint64          fallback);
double               onnx_attr_float     (Import         *im,
                                          const OnnxNode *node,
                                          const char     *name,
                                          double          fallback);
const char          *onnx_attr_string    (Import         *im,
                                          const OnnxNode *node,
                                          const char     *name,
                                          const char     *fallback);
/* Copies at most @max ints of a list attribute; FALSE when absent. */
gboolean             onnx_attr_ints      (Import         *im,
                                          const OnnxNode *node,
                                          const char     *name,
                                          gint64         *out,
                                          guint           max,
                                          guint          *n);
gboolean             onnx_attr_floats    (Import         *im,
                                          const OnnxNode *node,
                                          const char     *name,
                                          double         *out,
                                          guint           max,
                                          guint          *n);
/* Reads a constant's values; FALSE (with @error) when it has none. */
gboolean             onnx_constant_data  (Import          *im,
                                          const OnnxNode  *node,
                                          Value           *value,
                                          GError         **error);
guint64              onnx_constant_numel (const Value    *value);
/* The ONNX dims of a tensor value, with a batch of 1. */
guint                onnx_tensor_dims    (const Value    *value,
                                          gint64         *dims);
char                *onnx_dims_to_string (const gint64   *dims,
                                          guint           n_dims);

/* A layer name not taken yet: @wanted, or it with "_2", "_3", …, cut to
 * a name's length. */
char                *onnx_unique_name    (Import         *im,
                                          const char     *wanted);

/* Appends a layer for @node (@suffix names a second layer of one node)
 * reading @inputs, computing its shape; a rule's error names the node. */
StrataLayer         *onnx_add_layer      (Import                   *im,
                                          const OnnxNode           *node,
                                          const char               *suffix,
                                          StrataLayerKind           kind,
                                          const StrataLayerParams  *params,
                                          Value * const            *inputs,
                                          guint                     n_inputs,
                                          StrataShape              *output,
                                          GError                  **error);
/* Whether @value is read for the first time since onnx_new_reading(): so
 * that a node's inputs are told apart in linear time, however many it has. */
void                 onnx_new_reading    (Import         *im);
gboolean             onnx_first_read     (Import         *im,
                                          Value          *value);
/* Makes @out an activation; checks it against the shape the file states. */
gboolean             onnx_set_tensor     (Import            *im,
                                          const OnnxNode    *node,
                                          Value             *out,
                                          StrataLayer       *layer,
                                          const StrataShape *shape,
                                          guint              rank,
                                          GError           **error);
/* @out stands for the same activation as @in: an op that changes no number. */
gboolean             onnx_alias          (Import         *im,
                                          const OnnxNode *node,
                                          Value          *out,
                                          const Value    *in,
                                          GError        **error);

/* strata-import-onnx-graph.c */
void                 onnx_value_free     (Value          *value);
/* Every value the graph names, who makes it and who reads it. */
gboolean             onnx_collect_values (Import         *im,
                                          GError        **error);
/* The nodes' indices in an order where each comes after what it reads. */
GArray              *onnx_order_nodes    (Import         *im,
                                          GError        **error);
/* The network's input, input layers and weights passed as inputs. */
gboolean             onnx_set_inputs     (Import         *im,
                                          StrataNetwork  *network,
                                          GError        **error);

/* strata-import-onnx-ops.c: what every op's handler checks. */
gboolean             onnx_unsupported       (Import          *im,
                                             const OnnxNode  *node,
                                             GError         **error,
                                             const char      *why);
gboolean             onnx_invalid           (Import          *im,
                                             const OnnxNode  *node,
                                             GError         **error,
                                             const char      *why);
/* The activation input @index reads. */
Value               *onnx_tensor_input      (Import          *im,
                                             const OnnxNode  *node,
                                             guint            index,
                                             GError         **error);
/* Input 0 as an image, [N, C, H, W]. */
Value               *onnx_image_input       (Import          *im,
                                             const OnnxNode  *node,
                                             GError         **error);
/* The weights of input @index: a constant of @n dims, each positive. */
Value               *onnx_weight_input      (Import          *im,
                                             const OnnxNode  *node,
                                             guint            index,
                                             guint            n,
                                             GError         **error);
gboolean             onnx_wrong_dims        (Import          *im,
                                             const OnnxNode  *node,
                                             const Value     *weight,
                                             const gint64    *expected,
                                             guint            n,
                                             GError         **error);
/* An optional bias of input @index: absent, or one value per unit. */
gboolean             onnx_check_bias        (Import          *im,
                                             const OnnxNode  *node,
                                             guint            index,
                                             guint64          units,
                                             gboolean        *bias,
                                             GError         **error);
/* @value as a guint of at least @least, or an error naming @what. */
gboolean             onnx_count_of          (Import          *im,
                                             const OnnxNode  *node,
                                             const char      *what,
                                             gint64           value,
                                             guint            least,
                                             guint           *out,
                                             GError         **error);
/* Refuses a node whose outputs after the first are read. */
gboolean             onnx_only_output_used  (Import          *im,
                                             const OnnxNode  *node,
                                             GError         **error);

/* strata-import-onnx-windows.c: Conv, ConvTranspose and the pools. */
gboolean             onnx_op_conv           (Import          *im,
                                             const OnnxNode  *node,
                                             GError         **error);
gboolean             onnx_op_conv_transpose (Import          *im,
                                             const OnnxNode  *node,
                                             GError         **error);
gboolean             onnx_op_pool           (Import          *im,
                                             const OnnxNode  *node,
                                             GError         **error);
gboolean             onnx_op_global_pool    (Import          *im,
                                             const OnnxNode  *node,
                                             GError         **error);

/* strata-import-onnx-shapes.c: Flatten, Reshape, Squeeze, Unsqueeze, Pad, Resize, Upsample. */
gboolean             onnx_op_flatten        (Import          *im,
                                             const OnnxNode  *node,
                                             GError         **error);
gboolean             onnx_op_reshape        (Import          *im,
                                             const OnnxNode  *node,
                                             GError         **error);
gboolean             onnx_op_squeeze        (Import          *im,
                                             const OnnxNode  *node,
                                             GError         **error);
gboolean             onnx_op_pad            (Import          *im,
                                             const OnnxNode  *node,
                                             GError         **error);
gboolean             onnx_op_resize         (Import          *im,
                                             const OnnxNode  *node,
                                             GError         **error);

/* strata-import-onnx-fold.c: shape computations on constants. */
OnnxOpFunc           onnx_fold_func      (const char *op_type);

/* strata-import-onnx-ops.c: ops that become layers. */
OnnxOpFunc           onnx_op_func        (const char *op_type);

G_END_DECLS
