/* strata-onnx-private.h: an ONNX model as the importer reads it, decoded from the wire format. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Limits of what the decoder keeps (docs/limits.md): each is far above a
 * real model, and bounds the memory a hostile file can make it take. */
#define ONNX_MAX_ITEMS 1000000  /* nodes, initializers, value infos, attributes */
#define ONNX_MAX_RANK 16        /* dims of one tensor */
#define ONNX_MAX_LIST 4096      /* numbers in one attribute */

/* A symbolic dimension of a stated shape (dim_param, or none given). */
#define ONNX_DIM_UNKNOWN G_MININT64

/* TensorProto.DataType values the importer reads. */
enum
{
  ONNX_FLOAT = 1,
  ONNX_UINT8 = 2,
  ONNX_INT8 = 3,
  ONNX_INT32 = 6,
  ONNX_INT64 = 7,
  ONNX_BOOL = 9,
  ONNX_DOUBLE = 11,
};

/* AttributeProto.AttributeType. */
enum
{
  ONNX_ATTR_FLOAT = 1,
  ONNX_ATTR_INT = 2,
  ONNX_ATTR_STRING = 3,
  ONNX_ATTR_TENSOR = 4,
  ONNX_ATTR_FLOATS = 6,
  ONNX_ATTR_INTS = 7,
};

/* A tensor's header. Its values are never decoded here: @message is
 * where it lies in the file, read again only for the few small integer
 * tensors that shape computations need, so weights stay unread. */
typedef struct
{
  const char   *name;
  int           data_type;
  guint         n_dims;
  gint64        dims[ONNX_MAX_RANK];
  gboolean      external;   /* data_location = EXTERNAL */
  const guint8 *message;
  gsize         length;
} OnnxTensor;

typedef struct
{
  const char *name;
  int         type;       /* ONNX_ATTR_*, or 0 when the file gives none */
  gint64      i;
  double      f;
  const char *s;
  guint       first;      /* ints or floats in OnnxModel.numbers */
  guint       n;
  gint        tensor;     /* index in OnnxModel.tensors, or -1 */
} OnnxAttribute;

typedef struct
{
  const char *name;
  const char *op_type;
  const char *domain;
  guint       first_input, n_inputs;   /* in OnnxModel.refs */
  guint       first_output, n_outputs;
  guint       first_attribute, n_attributes;
} OnnxNode;

/* A graph input, output or value_info entry. */
typedef struct
{
  const char *name;
  gboolean    has_shape;
  guint       n_dims;
  gint64      dims[ONNX_MAX_RANK];
} OnnxValueInfo;

typedef struct
{
  GStringChunk *strings;
  GArray       *nodes;       /* OnnxNode */
  GArray       *attributes;  /* OnnxAttribute */
  GArray       *initializers; /* OnnxTensor */
  GArray       *tensors;     /* OnnxTensor: the values of attributes */
  GArray       *inputs;      /* OnnxValueInfo */
  GArray       *outputs;
  GArray       *value_infos;
  GPtrArray    *refs;        /* const char *, the names nodes read and write */
  GArray       *numbers;     /* double: attribute lists (int64s are exact to 2^53) */
  GArray       *int_numbers; /* gint64, in step with numbers */
  gint64        opset;       /* of the default domain; 0 when not stated */
  const char   *graph_name;
  gboolean      has_graph;
} OnnxModel;

/* A float as an integer, truncated; NaN as 0 and the out of range
 * clamped, where a plain cast would be undefined. */
static inline gint64
onnx_float_to_int (double f)
{
  if (!(f == f))
    return 0;
  if (f >= 9.2e18)
    return G_MAXINT64;
  if (f <= -9.2e18)
    return G_MININT64;
  return (gint64) f;
}

void       onnx_model_free    (OnnxModel    *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OnnxModel, onnx_model_free)

/* Decodes @data; a damaged file sets STRATA_IMPORT_ERROR_INVALID naming
 * @display_name and the byte where it breaks. */
OnnxModel *onnx_model_decode  (const guint8  *data,
                               gsize          size,
                               const char    *display_name,
                               GError       **error);

/* The values of a small tensor as integers or doubles; FALSE when its
 * type is not a number type read here, it is stored outside the file or
 * its data does not hold @n values. */
gboolean   onnx_tensor_values (const OnnxTensor *tensor,
                               guint             n,
                               gint64           *ints,
                               double           *floats);

G_END_DECLS
