/* strata-import-onnx-ops.c: ONNX ops on activations as Strata layers, but for the windows. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Each handler checks the node's weights against what Strata computes for
 * the layer it makes: a disagreement stops the import naming the node,
 * rather than show a wrong count. docs/import.md lists the mapping. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-import-onnx-private.h"

gboolean
onnx_unsupported (Import          *im,
                  const OnnxNode  *node,
                  GError         **error,
                  const char      *why)
{
  return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_UNSUPPORTED, "%s", why);
}

gboolean
onnx_invalid (Import          *im,
              const OnnxNode  *node,
              GError         **error,
              const char      *why)
{
  return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID, "%s", why);
}

/* The activation a node reads as input @index. */
Value *
onnx_tensor_input (Import          *im,
                   const OnnxNode  *node,
                   guint            index,
                   GError         **error)
{
  Value *v = onnx_input (im, node, index);

  if (v == NULL)
    {
      onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID, _("input %u is missing"),
                       index + 1);
      return NULL;
    }
  if (v->kind != VALUE_TENSOR)
    {
      onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                       _("Strata reads “%s” only as an activation, not a constant"), v->name);
      return NULL;
    }
  return v;
}

/* A spatial activation, [N, C, H, W]. */
Value *
onnx_image_input (Import          *im,
                  const OnnxNode  *node,
                  GError         **error)
{
  Value *v = onnx_tensor_input (im, node, 0, error);

  if (v != NULL && (v->rank != 4 || v->shape.is_vector))
    {
      onnx_invalid (im, node, error, _("it needs an N × C × H × W input"));
      return NULL;
    }
  /* What a window's arithmetic below can take without overflow. */
  if (v != NULL && (v->shape.height > G_MAXUINT || v->shape.width > G_MAXUINT ||
                    v->shape.channels > G_MAXUINT))
    {
      onnx_invalid (im, node, error, _("its input is too large"));
      return NULL;
    }
  return v;
}

/* The weights of input @index: a constant of @n dims. */
Value *
onnx_weight_input (Import          *im,
                   const OnnxNode  *node,
                   guint            index,
                   guint            n,
                   GError         **error)
{
  Value *v = onnx_input (im, node, index);

  if (v == NULL)
    {
      onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID, _("input %u is missing"),
                       index + 1);
      return NULL;
    }
  if (v->kind != VALUE_CONSTANT)
    {
      onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                       _("its weights “%s” are computed in the graph, not stored"), v->name);
      return NULL;
    }
  if (v->n_dims != n)
    {
      g_autofree char *dims = onnx_dims_to_string (v->dims, v->n_dims);

      onnx_node_error (im, node, error,
                       n == 4 && (v->n_dims == 3 || v->n_dims == 5)
                       ? STRATA_IMPORT_ERROR_NOT_2D : STRATA_IMPORT_ERROR_INVALID,
                       n == 4 && (v->n_dims == 3 || v->n_dims == 5)
                       ? _("its weights “%s” are %s: Strata models 2-D image networks")
                       : _("its weights “%s” have the unexpected dims %s"), v->name, dims);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    if (v->dims[i] <= 0 || v->dims[i] > G_MAXUINT)
      {
        g_autofree char *dims = onnx_dims_to_string (v->dims, v->n_dims);

        onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                         _("its weights “%s” have the impossible dims %s"), v->name, dims);
        return NULL;
      }
  return v;
}

/* A disagreement between a weight's dims and what the layer needs. */
gboolean
onnx_wrong_dims (Import          *im,
                 const OnnxNode  *node,
                 const Value     *weight,
                 const gint64    *expected,
                 guint            n,
                 GError         **error)
{
  g_autofree char *has = onnx_dims_to_string (weight->dims, weight->n_dims);
  g_autofree char *want = onnx_dims_to_string (expected, n);

  return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                          _("“%s” has dims %s where this layer needs %s"), weight->name, has,
                          want);
}

/* An optional bias: absent, or one value per unit. */
gboolean
onnx_check_bias (Import          *im,
                 const OnnxNode  *node,
                 guint            index,
                 guint64          units,
                 gboolean        *bias,
                 GError         **error)
{
  Value *b = onnx_input (im, node, index);
  gint64 want[1] = { units };

  *bias = b != NULL;
  if (b == NULL)
    return TRUE;
  if (b->kind != VALUE_CONSTANT)
    return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                            _("its bias “%s” is computed in the graph, not stored"), b->name);
  /* Gemm's C may be [1, units]. */
  if (!((b->n_dims == 1 && b->dims[0] == (gint64) units) ||
        (b->n_dims == 2 && b->dims[0] == 1 && b->dims[1] == (gint64) units)))
    return onnx_wrong_dims (im, node, b, want, 1, error);
  return TRUE;
}

/* A value of an attribute that Strata keeps as a guint of at least @least. */
gboolean
onnx_count_of (Import          *im,
               const OnnxNode  *node,
               const char      *what,
               gint64           value,
               guint            least,
               guint           *out,
               GError         **error)
{
  if (value < least || value > G_MAXUINT)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

      return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                              _("its %s of %s is impossible"), what, text);
    }
  *out = value;
  return TRUE;
}

gboolean
onnx_only_output_used (Import          *im,
                       const OnnxNode  *node,
                       GError         **error)
{
  for (guint i = 1; i < node->n_outputs; i++)
    {
      Value *v = onnx_output (im, node, i);

      if (v != NULL && v->consumers != NULL)
        return onnx_unsupported (im, node, error,
                                 _("Strata draws only its first output, and another one is read"));
    }
  return TRUE;
}

/* A vector activation, [N, F]. */
static Value *
vector_input (Import          *im,
              const OnnxNode  *node,
              GError         **error)
{
  Value *v = onnx_tensor_input (im, node, 0, error);

  if (v != NULL && v->rank != 2 && !v->shape.is_vector)
    {
      onnx_unsupported (im, node, error, _("Strata reads it only on an N × F input"));
      return NULL;
    }
  return v;
}

static gboolean
add_dense (Import          *im,
           const OnnxNode  *node,
           Value           *x,
           guint64          units,
           gboolean         bias,
           GError         **error)
{
  StrataLayerParams p;
  StrataShape out;
  StrataLayer *layer;

  if (units > G_MAXUINT)
    return onnx_invalid (im, node, error, _("it has too many units"));
  strata_layer_kind_init_params (STRATA_LAYER_KIND_DENSE, &p);
  p.units = units;
  p.bias = bias;
  layer = onnx_add_layer (im, node, NULL, STRATA_LAYER_KIND_DENSE, &p, &x, 1, &out, error);
  return layer != NULL && onnx_set_tensor (im, node, onnx_output (im, node, 0), layer, &out, 2,
                                           error);
}

static gboolean
op_gemm (Import          *im,
         const OnnxNode  *node,
         GError         **error)
{
  Value *x = vector_input (im, node, error);
  Value *b = x != NULL ? onnx_weight_input (im, node, 1, 2, error) : NULL;
  gboolean trans_b = onnx_attr_int (im, node, "transB", 0) != 0;
  Value *c;
  guint64 units, in;
  gboolean bias;

  if (b == NULL)
    return FALSE;
  if (onnx_attr_int (im, node, "transA", 0) != 0)
    return onnx_unsupported (im, node, error,
                             _("Strata has no layer for a transposed input (transA)"));
  units = b->dims[trans_b ? 0 : 1];
  in = b->dims[trans_b ? 1 : 0];
  c = onnx_input (im, node, 2);
  /* ONNX broadcasts C; a dense layer has one bias per unit. */
  if (c != NULL && c->kind == VALUE_CONSTANT && onnx_constant_numel (c) != units)
    return onnx_unsupported (im, node, error,
                             _("its bias is not one value per unit, which a dense layer has"));
  if (in != x->shape.channels)
    {
      gint64 want[2] = { trans_b ? units : x->shape.channels, trans_b ? x->shape.channels : units };

      return onnx_wrong_dims (im, node, b, want, 2, error);
    }
  return onnx_check_bias (im, node, 2, units, &bias, error) &&
         add_dense (im, node, x, units, bias, error);
}

static gboolean
op_matmul (Import          *im,
           const OnnxNode  *node,
           GError         **error)
{
  Value *x = vector_input (im, node, error);
  Value *b = x != NULL ? onnx_weight_input (im, node, 1, 2, error) : NULL;
  Value *y = onnx_output (im, node, 0);

  if (b == NULL)
    return FALSE;
  if ((guint64) b->dims[0] != x->shape.channels)
    {
      gint64 want[2] = { x->shape.channels, b->dims[1] };

      return onnx_wrong_dims (im, node, b, want, 2, error);
    }
  if (!add_dense (im, node, x, b->dims[1], FALSE, error))
    return FALSE;
  if (y != NULL)
    y->from_matmul = TRUE;
  return TRUE;
}

static gboolean
op_batchnorm (Import          *im,
              const OnnxNode  *node,
              GError         **error)
{
  Value *x = onnx_tensor_input (im, node, 0, error);
  StrataLayerParams p;
  StrataShape out;
  StrataLayer *layer;

  if (x == NULL || !onnx_only_output_used (im, node, error))
    return FALSE;
  /* Before opset 9, spatial = 0 normalised each value apart. */
  if (onnx_attr_int (im, node, "spatial", 1) == 0)
    return onnx_unsupported (im, node, error,
                             _("Strata normalises per channel, and spatial is 0"));
  /* γ, β, the running mean and variance: one per channel each. */
  for (guint i = 1; i < 5; i++)
    {
      Value *v = onnx_weight_input (im, node, i, 1, error);
      gint64 want[1] = { x->shape.channels };

      if (v == NULL)
        return FALSE;
      if ((guint64) v->dims[0] != x->shape.channels)
        return onnx_wrong_dims (im, node, v, want, 1, error);
    }
  strata_layer_kind_init_params (STRATA_LAYER_KIND_BATCHNORM, &p);
  layer = onnx_add_layer (im, node, NULL, STRATA_LAYER_KIND_BATCHNORM, &p, &x, 1, &out, error);
  return layer != NULL && onnx_set_tensor (im, node, onnx_output (im, node, 0), layer, &out,
                                           x->rank, error);
}

static gboolean
add_activation (Import           *im,
                const OnnxNode   *node,
                Value            *x,
                StrataActivation  activation,
                GError          **error)
{
  StrataLayerParams p;
  StrataShape out;
  StrataLayer *layer;

  strata_layer_kind_init_params (STRATA_LAYER_KIND_ACTIVATION, &p);
  p.activation = activation;
  layer = onnx_add_layer (im, node, NULL, STRATA_LAYER_KIND_ACTIVATION, &p, &x, 1, &out, error);
  return layer != NULL && onnx_set_tensor (im, node, onnx_output (im, node, 0), layer, &out,
                                           x->rank, error);
}

static gboolean
op_activation (Import          *im,
               const OnnxNode  *node,
               GError         **error)
{
  static const struct
  {
    const char       *op;
    StrataActivation  activation;
    gboolean          approximate;
  } table[] = {
    { "Relu", STRATA_ACTIVATION_RELU, FALSE },
    { "LeakyRelu", STRATA_ACTIVATION_LEAKY_RELU, FALSE },
    { "Elu", STRATA_ACTIVATION_ELU, FALSE },
    { "Sigmoid", STRATA_ACTIVATION_SIGMOID, FALSE },
    { "Tanh", STRATA_ACTIVATION_TANH, FALSE },
    { "Softmax", STRATA_ACTIVATION_SOFTMAX, FALSE },
    { "Gelu", STRATA_ACTIVATION_GELU, FALSE },
    { "LogSoftmax", STRATA_ACTIVATION_SOFTMAX, TRUE },
    { "HardSwish", STRATA_ACTIVATION_SWISH, TRUE },
    { "HardSigmoid", STRATA_ACTIVATION_SIGMOID, TRUE },
  };
  Value *x = onnx_tensor_input (im, node, 0, error);

  if (x == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i].op, node->op_type))
      {
        if (table[i].approximate)
          onnx_node_warn (im, node, _("drawn as the activation %s, which has the same shape"),
                          strata_activation_get_info (table[i].activation)->id);
        return add_activation (im, node, x, table[i].activation, error);
      }
  g_assert_not_reached ();
}

/* A bound of Clip: an attribute before opset 11, else an input. */
static gboolean
clip_bound (Import          *im,
            const OnnxNode  *node,
            const char      *name,
            guint            input,
            double           fallback,
            double          *bound,
            GError         **error)
{
  Value *v = onnx_input (im, node, input);

  *bound = onnx_attr_float (im, node, name, fallback);
  if (v == NULL)
    return TRUE;
  if (v->kind != VALUE_CONSTANT)
    return onnx_unsupported (im, node, error, _("its bounds are not constant"));
  if (!onnx_constant_data (im, node, v, error))
    return FALSE;
  if (v->n_data != 1)
    return onnx_invalid (im, node, error, _("a bound is not one number"));
  *bound = v->floats[0];
  return TRUE;
}

static gboolean
op_clip (Import          *im,
         const OnnxNode  *node,
         GError         **error)
{
  Value *x = onnx_tensor_input (im, node, 0, error);
  double low, high;

  if (x == NULL || !clip_bound (im, node, "min", 1, -INFINITY, &low, error) ||
      !clip_bound (im, node, "max", 2, INFINITY, &high, error))
    return FALSE;
  /* ONNX's defaults are ±FLT_MAX. */
  if (low == 0 && high == 6)
    return add_activation (im, node, x, STRATA_ACTIVATION_RELU6, error);
  if (low == 0 && high >= G_MAXFLOAT)
    return add_activation (im, node, x, STRATA_ACTIVATION_RELU, error);
  return onnx_unsupported (im, node, error,
                           _("Strata has an activation only for Clip to [0, 6] (ReLU6) or [0, ∞) "
                        "(ReLU)"));
}

/* Elementwise ops of activations are merges; a constant operand that
 * keeps the activation's shape is dropped, as it changes no number. */
static gboolean
op_elementwise (Import          *im,
                const OnnxNode  *node,
                GError         **error)
{
  static const struct { const char *op; int kind; } table[] = {
    { "Add", STRATA_LAYER_KIND_ADD }, { "Sum", STRATA_LAYER_KIND_ADD },
    { "Sub", STRATA_LAYER_KIND_SUBTRACT }, { "Mul", STRATA_LAYER_KIND_MULTIPLY },
    { "Mean", STRATA_LAYER_KIND_AVERAGE }, { "Max", STRATA_LAYER_KIND_MAXIMUM },
    { "Min", STRATA_LAYER_KIND_MINIMUM }, { "Div", -1 },
  };
  g_autoptr(GPtrArray) tensors = g_ptr_array_new ();
  Value *y = onnx_output (im, node, 0);
  int kind = -1;
  StrataLayerParams p;
  StrataShape out;
  StrataLayer *layer;

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i].op, node->op_type))
      kind = table[i].kind;
  for (guint i = 0; i < node->n_inputs; i++)
    {
      Value *v = onnx_input (im, node, i);

      if (v == NULL)
        continue;
      if (v->kind == VALUE_TENSOR)
        g_ptr_array_add (tensors, v);
    }
  if (tensors->len == 0)
    return onnx_unsupported (im, node, error,
                             _("Strata evaluates this operation on constants only as Add, Sub, "
                               "Mul or Div"));

  for (guint i = 0; i < node->n_inputs; i++)
    {
      Value *constant = onnx_input (im, node, i);
      Value *x = g_ptr_array_index (tensors, 0);
      gint64 dims[4];
      guint n = onnx_tensor_dims (x, dims);
      guint64 numel;

      if (constant == NULL || constant->kind != VALUE_CONSTANT)
        continue;
      numel = onnx_constant_numel (constant);
      /* MatMul then Add of a bias: one dense layer with a bias. */
      if (g_str_equal (node->op_type, "Add") && tensors->len == 1 && x->from_matmul &&
          x->consumers != NULL && x->consumers->len == 1 && numel == x->shape.channels &&
          (constant->n_dims == 1 || (constant->n_dims == 2 && constant->dims[0] == 1)))
        {
          StrataLayerParams dense = *strata_layer_get_params (x->layer);

          dense.bias = TRUE;
          strata_layer_set_params (x->layer, &dense);
          return onnx_alias (im, node, y, x, error);
        }
      if (constant->n_dims > n)
        return onnx_unsupported (im, node, error,
                                 _("its constant operand has more dimensions than its input"));
      for (guint k = 0; k < constant->n_dims; k++)
        {
          gint64 c = constant->dims[constant->n_dims - 1 - k];

          if (c != 1 && c != dims[n - 1 - k])
            return onnx_unsupported (im, node, error,
                                     _("its constant operand changes the shape of its input"));
        }
      if (constant->is_initializer && numel > 1)
        {
          g_autofree char *count = strata_format_count (numel);

          onnx_node_warn (im, node, _("its constant “%s” (%s values) is not counted as weights"),
                          constant->name, count);
        }
    }
  if (tensors->len == 1)
    return onnx_alias (im, node, y, g_ptr_array_index (tensors, 0), error);
  if (kind < 0)
    return onnx_unsupported (im, node, error, _("Strata has no merge that divides"));
  if (kind == STRATA_LAYER_KIND_SUBTRACT && tensors->len != 2)
    return onnx_invalid (im, node, error, _("it subtracts more than two activations"));
  for (guint i = 1; i < tensors->len; i++)
    if (((Value *) tensors->pdata[i])->rank != ((Value *) tensors->pdata[0])->rank)
      return onnx_unsupported (im, node, error,
                               _("it broadcasts activations of different ranks"));
  strata_layer_kind_init_params (kind, &p);
  layer = onnx_add_layer (im, node, NULL, kind, &p, (Value **) tensors->pdata, tensors->len,
                          &out, error);
  return layer != NULL && onnx_set_tensor (im, node, y, layer, &out,
                                           ((Value *) tensors->pdata[0])->rank, error);
}

static gboolean
op_concat (Import          *im,
           const OnnxNode  *node,
           GError         **error)
{
  g_autoptr(GPtrArray) tensors = g_ptr_array_new ();
  Value *y = onnx_output (im, node, 0);
  gint64 axis = onnx_attr_int (im, node, "axis", 1);
  guint rank;
  StrataLayerParams p;
  StrataShape out;
  StrataLayer *layer;

  for (guint i = 0; i < node->n_inputs; i++)
    {
      Value *v = onnx_input (im, node, i);

      if (v == NULL)
        continue;
      if (v->kind != VALUE_TENSOR)
        return onnx_unsupported (im, node, error,
                                 _("Strata joins activations only, and an input is a constant"));
      g_ptr_array_add (tensors, v);
    }
  if (tensors->len == 0)
    return onnx_invalid (im, node, error, _("it has no input"));
  rank = ((Value *) tensors->pdata[0])->rank;
  if (axis < 0)
    axis += rank;
  if (tensors->len == 1)
    return onnx_alias (im, node, y, tensors->pdata[0], error);
  strata_layer_kind_init_params (STRATA_LAYER_KIND_CONCATENATE, &p);
  if (axis == 1)
    p.axis = STRATA_AXIS_CHANNELS;
  else if (axis == 2 && rank == 4)
    p.axis = STRATA_AXIS_HEIGHT;
  else if (axis == 3 && rank == 4)
    p.axis = STRATA_AXIS_WIDTH;
  else
    return onnx_unsupported (im, node, error,
                             _("Strata joins along the channels, the height or the width only"));
  layer = onnx_add_layer (im, node, NULL, STRATA_LAYER_KIND_CONCATENATE, &p,
                          (Value **) tensors->pdata, tensors->len, &out, error);
  return layer != NULL && onnx_set_tensor (im, node, y, layer, &out, rank, error);
}

static gboolean
op_dropout (Import          *im,
            const OnnxNode  *node,
            GError         **error)
{
  Value *x = onnx_tensor_input (im, node, 0, error);
  Value *ratio = onnx_input (im, node, 1);
  StrataLayerParams p;
  StrataShape out;
  StrataLayer *layer;
  double rate = onnx_attr_float (im, node, "ratio", 0.5);

  if (x == NULL || !onnx_only_output_used (im, node, error))
    return FALSE;
  if (ratio != NULL)
    {
      if (ratio->kind != VALUE_CONSTANT)
        return onnx_unsupported (im, node, error, _("its ratio is not constant"));
      if (!onnx_constant_data (im, node, ratio, error))
        return FALSE;
      if (ratio->n_data != 1)
        return onnx_invalid (im, node, error, _("its ratio is not one number"));
      rate = ratio->floats[0];
    }
  if (!(rate >= 0 && rate < 1))
    return onnx_invalid (im, node, error, _("its ratio is not from 0 up to 1"));
  strata_layer_kind_init_params (STRATA_LAYER_KIND_DROPOUT, &p);
  p.rate = rate;
  layer = onnx_add_layer (im, node, NULL, STRATA_LAYER_KIND_DROPOUT, &p, &x, 1, &out, error);
  return layer != NULL && onnx_set_tensor (im, node, onnx_output (im, node, 0), layer, &out,
                                           x->rank, error);
}

static gboolean
op_identity (Import          *im,
             const OnnxNode  *node,
             GError         **error)
{
  Value *x = onnx_tensor_input (im, node, 0, error);

  return x != NULL && onnx_alias (im, node, onnx_output (im, node, 0), x, error);
}

OnnxOpFunc
onnx_op_func (const char *op_type)
{
  static const struct { const char *op; OnnxOpFunc func; } table[] = {
    { "Conv", onnx_op_conv },
    { "ConvTranspose", onnx_op_conv_transpose },
    { "MaxPool", onnx_op_pool },
    { "AveragePool", onnx_op_pool },
    { "GlobalAveragePool", onnx_op_global_pool },
    { "GlobalMaxPool", onnx_op_global_pool },
    { "Gemm", op_gemm },
    { "MatMul", op_matmul },
    { "Flatten", onnx_op_flatten },
    { "Reshape", onnx_op_reshape },
    { "Squeeze", onnx_op_squeeze },
    { "Unsqueeze", onnx_op_squeeze },
    { "BatchNormalization", op_batchnorm },
    { "Relu", op_activation },
    { "LeakyRelu", op_activation },
    { "Elu", op_activation },
    { "Sigmoid", op_activation },
    { "Tanh", op_activation },
    { "Softmax", op_activation },
    { "LogSoftmax", op_activation },
    { "Gelu", op_activation },
    { "HardSwish", op_activation },
    { "HardSigmoid", op_activation },
    { "Clip", op_clip },
    { "Add", op_elementwise },
    { "Sub", op_elementwise },
    { "Mul", op_elementwise },
    { "Div", op_elementwise },
    { "Max", op_elementwise },
    { "Min", op_elementwise },
    { "Mean", op_elementwise },
    { "Sum", op_elementwise },
    { "Concat", op_concat },
    { "Dropout", op_dropout },
    { "Identity", op_identity },
    { "Cast", op_identity },
    { "Pad", onnx_op_pad },
    { "Resize", onnx_op_resize },
    { "Upsample", onnx_op_resize },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i].op, op_type))
      return table[i].func;
  return NULL;
}
