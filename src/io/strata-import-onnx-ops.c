/* strata-import-onnx-ops.c: ONNX ops on activations as Strata layers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Each handler checks the node's weights against what Strata computes for
 * the layer it makes: a disagreement stops the import naming the node,
 * rather than show a wrong count. docs/import.md lists the mapping. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-import-onnx-private.h"

static gboolean
unsupported (Import          *im,
             const OnnxNode  *node,
             GError         **error,
             const char      *why)
{
  return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_UNSUPPORTED, "%s", why);
}

static gboolean
invalid (Import          *im,
         const OnnxNode  *node,
         GError         **error,
         const char      *why)
{
  return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID, "%s", why);
}

/* The activation a node reads as input @index. */
static Value *
tensor_input (Import          *im,
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
static Value *
image_input (Import          *im,
             const OnnxNode  *node,
             GError         **error)
{
  Value *v = tensor_input (im, node, 0, error);

  if (v != NULL && (v->rank != 4 || v->shape.is_vector))
    {
      invalid (im, node, error, _("it needs an N × C × H × W input"));
      return NULL;
    }
  return v;
}

/* The weights of input @index: a constant of @n dims. */
static Value *
weight_input (Import          *im,
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
static gboolean
wrong_dims (Import          *im,
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
static gboolean
check_bias (Import          *im,
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
    return wrong_dims (im, node, b, want, 1, error);
  return TRUE;
}

/* A value of an attribute that Strata keeps as a guint of at least @least. */
static gboolean
count_of (Import          *im,
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

/* The attributes of a sliding window over H and W. */
typedef struct
{
  StrataPair kernel;
  StrataPair stride;
  StrataPair dilation;
  guint      pads[4];     /* top, left, bottom, right, as ONNX orders them */
  const char *auto_pad;
} Window;

static gboolean
read_pair (Import          *im,
           const OnnxNode  *node,
           const char      *name,
           guint            fallback,
           guint            least,
           StrataPair      *pair,
           GError         **error)
{
  gint64 v[2];
  guint n;

  pair->height = pair->width = fallback;
  if (!onnx_attr_ints (im, node, name, v, 2, &n))
    return TRUE;
  if (n != 2)
    return onnx_node_error (im, node, error, n == 1 || n == 3 ? STRATA_IMPORT_ERROR_NOT_2D
                            : STRATA_IMPORT_ERROR_INVALID,
                            _("its %s has %u values where a 2-D window has 2: Strata models "
                              "2-D image networks"), name, n);
  return count_of (im, node, name, v[0], least, &pair->height, error) &&
         count_of (im, node, name, v[1], least, &pair->width, error);
}

static gboolean
read_window (Import          *im,
             const OnnxNode  *node,
             StrataPair       kernel,
             Window          *w,
             GError         **error)
{
  gint64 pads[4] = { 0, 0, 0, 0 };
  guint n = 4;

  if (!read_pair (im, node, "kernel_shape", 0, 1, &w->kernel, error) ||
      !read_pair (im, node, "strides", 1, 1, &w->stride, error) ||
      !read_pair (im, node, "dilations", 1, 1, &w->dilation, error))
    return FALSE;
  if (w->kernel.height == 0)
    w->kernel = kernel;
  else if (kernel.height != 0 && (w->kernel.height != kernel.height ||
                                  w->kernel.width != kernel.width))
    return invalid (im, node, error, _("its kernel_shape differs from its weights’ dims"));
  if (w->kernel.height == 0)
    return invalid (im, node, error, _("it has no kernel_shape"));
  if (onnx_attr_ints (im, node, "pads", pads, 4, &n) && n != 4)
    return invalid (im, node, error, _("its pads do not have 4 values"));
  for (guint i = 0; i < 4; i++)
    if (!count_of (im, node, "pads", pads[i], 0, &w->pads[i], error))
      return FALSE;
  w->auto_pad = onnx_attr_string (im, node, "auto_pad", "NOTSET");
  if (!g_str_equal (w->auto_pad, "NOTSET") && !g_str_equal (w->auto_pad, "VALID") &&
      !g_str_equal (w->auto_pad, "SAME_UPPER") && !g_str_equal (w->auto_pad, "SAME_LOWER"))
    return invalid (im, node, error, _("its auto_pad is none of NOTSET, VALID, SAME_UPPER and "
                                       "SAME_LOWER"));
  return TRUE;
}

static gboolean
is_same (const Window *w)
{
  return g_str_has_prefix (w->auto_pad, "SAME");
}

/* Sets the padding of @p from @w; FALSE when the pads are uneven, which a
 * zero padding layer before the window then takes. */
static gboolean
set_padding (const Window      *w,
             StrataLayerParams *p)
{
  if (is_same (w))
    p->padding_mode = STRATA_PADDING_SAME;
  else if (g_str_equal (w->auto_pad, "VALID") ||
           (w->pads[0] == 0 && w->pads[1] == 0 && w->pads[2] == 0 && w->pads[3] == 0))
    p->padding_mode = STRATA_PADDING_VALID;
  else if (w->pads[0] == w->pads[2] && w->pads[1] == w->pads[3])
    {
      p->padding_mode = STRATA_PADDING_EXPLICIT;
      p->padding = (StrataPair) { w->pads[0], w->pads[1] };
    }
  else
    return FALSE;
  return TRUE;
}

/* A zero padding layer for uneven pads, whose output @padded the window reads. */
static gboolean
pad_before (Import          *im,
            const OnnxNode  *node,
            const Window    *w,
            Value           *in,
            Value           *padded,
            GError         **error)
{
  StrataLayerParams p;
  StrataLayer *layer;

  strata_layer_kind_init_params (STRATA_LAYER_KIND_ZERO_PADDING2D, &p);
  p.zero_padding = (StrataSides) { w->pads[0], w->pads[2], w->pads[1], w->pads[3] };
  *padded = *in;
  padded->stated = NULL;
  layer = onnx_add_layer (im, node, "_pad", STRATA_LAYER_KIND_ZERO_PADDING2D, &p, &in, 1,
                          &padded->shape, error);
  padded->layer = layer;
  return layer != NULL;
}

static gboolean
op_conv (Import          *im,
         const OnnxNode  *node,
         GError         **error)
{
  Value *x = image_input (im, node, error);
  Value *w = x != NULL ? weight_input (im, node, 1, 4, error) : NULL;
  Value padded;
  Value *in = x;
  StrataLayerParams p;
  StrataLayerKind kind = STRATA_LAYER_KIND_CONV2D;
  Window win;
  StrataShape out;
  StrataLayer *layer;
  gint64 group = onnx_attr_int (im, node, "group", 1);
  guint64 cin, m;
  gboolean bias;

  if (w == NULL)
    return FALSE;
  cin = x->shape.channels;
  m = w->dims[0];
  if (!read_window (im, node, (StrataPair) { w->dims[2], w->dims[3] }, &win, error))
    return FALSE;
  if (group < 1 || group > G_MAXUINT || cin % group != 0 || m % group != 0)
    return invalid (im, node, error, _("its group does not divide its input and output "
                                       "channels"));
  if ((guint64) w->dims[1] != cin / group)
    {
      gint64 want[4] = { m, cin / group, w->dims[2], w->dims[3] };

      return wrong_dims (im, node, w, want, 4, error);
    }
  if (!check_bias (im, node, 2, m, &bias, error))
    return FALSE;

  /* A convolution per channel is the depthwise kind: the same counts as
   * groups = channels, under the name a reader expects. */
  if (group > 1 && (guint64) group == cin)
    kind = STRATA_LAYER_KIND_DEPTHWISE_CONV2D;
  strata_layer_kind_init_params (kind, &p);
  p.kernel = win.kernel;
  p.stride = win.stride;
  p.dilation = win.dilation;
  p.bias = bias;
  if (kind == STRATA_LAYER_KIND_DEPTHWISE_CONV2D)
    p.depth_multiplier = m / cin;
  else
    {
      p.filters = m;
      p.groups = group;
    }
  if (!set_padding (&win, &p))
    {
      if (!pad_before (im, node, &win, x, &padded, error))
        return FALSE;
      in = &padded;
    }
  layer = onnx_add_layer (im, node, NULL, kind, &p, &in, 1, &out, error);
  return layer != NULL && onnx_set_tensor (im, node, onnx_output (im, node, 0), layer, &out, 4,
                                           error);
}

/* One axis of ONNX's ConvTranspose: its output size. */
static gint64
transpose_size (gint64        in,
                guint         kernel,
                guint         stride,
                guint         dilation,
                gint64        output_padding,
                gint64        pad_begin,
                gint64        pad_end)
{
  return (in - 1) * (gint64) stride + output_padding + ((gint64) kernel - 1) * dilation + 1 -
         pad_begin - pad_end;
}

/* Padding and output padding that give @target on one axis in Strata's
 * explicit form: (in - 1)·s + span + op - 2·pad. */
static gboolean
transpose_axis (gint64 in,
                guint  kernel,
                guint  stride,
                guint  dilation,
                gint64 target,
                guint *pad,
                guint *output_padding)
{
  gint64 full = transpose_size (in, kernel, stride, dilation, 0, 0, 0);
  gint64 excess = full - target;
  gint64 p = excess > 0 ? (excess + 1) / 2 : 0;
  gint64 op = 2 * p - excess;

  if (target <= 0 || op < 0 || op >= MAX (stride, dilation) || p > G_MAXUINT)
    return FALSE;
  *pad = p;
  *output_padding = op;
  return TRUE;
}

static gboolean
op_conv_transpose (Import          *im,
                   const OnnxNode  *node,
                   GError         **error)
{
  Value *x = image_input (im, node, error);
  Value *w = x != NULL ? weight_input (im, node, 1, 4, error) : NULL;
  StrataLayerParams p;
  Window win;
  StrataShape out;
  StrataLayer *layer;
  gint64 group = onnx_attr_int (im, node, "group", 1);
  gint64 op[2] = { 0, 0 }, shape[4];
  guint n_op = 0, n_shape = 0;
  guint64 cin, m;
  gboolean bias, has_shape;

  if (w == NULL)
    return FALSE;
  cin = x->shape.channels;
  if (!read_window (im, node, (StrataPair) { w->dims[2], w->dims[3] }, &win, error))
    return FALSE;
  if (group < 1 || group > G_MAXUINT || cin % group != 0)
    return invalid (im, node, error, _("its group does not divide its input channels"));
  m = (guint64) w->dims[1] * group;
  if ((guint64) w->dims[0] != cin)
    {
      gint64 want[4] = { cin, w->dims[1], w->dims[2], w->dims[3] };

      return wrong_dims (im, node, w, want, 4, error);
    }
  if (m > G_MAXUINT)
    return invalid (im, node, error, _("it has too many output channels"));
  if (!check_bias (im, node, 2, m, &bias, error))
    return FALSE;
  if ((onnx_attr_ints (im, node, "output_padding", op, 2, &n_op) && n_op != 2) ||
      op[0] < 0 || op[1] < 0)
    return invalid (im, node, error, _("its output_padding is not two sizes"));
  has_shape = onnx_attr_ints (im, node, "output_shape", shape, 4, &n_shape);
  if (has_shape && n_shape != 2 && n_shape != 4)
    return invalid (im, node, error, _("its output_shape is not two sizes"));

  strata_layer_kind_init_params (STRATA_LAYER_KIND_CONV2D_TRANSPOSE, &p);
  p.filters = m;
  p.groups = group;
  p.kernel = win.kernel;
  p.stride = win.stride;
  p.dilation = win.dilation;
  p.bias = bias;
  if (is_same (&win) && !has_shape)
    /* ONNX's output is then input × stride, Strata's "same". */
    p.padding_mode = STRATA_PADDING_SAME;
  else
    {
      gint64 target[2];
      gint64 in[2] = { x->shape.height, x->shape.width };
      guint kernel[2] = { win.kernel.height, win.kernel.width };
      guint stride[2] = { win.stride.height, win.stride.width };
      guint dilation[2] = { win.dilation.height, win.dilation.width };
      guint pad[2], output_padding[2];

      for (guint i = 0; i < 2; i++)
        {
          gboolean valid = g_str_equal (win.auto_pad, "VALID");

          target[i] = has_shape ? shape[n_shape - 2 + i]
                                : transpose_size (in[i], kernel[i], stride[i], dilation[i], op[i],
                                                  valid ? 0 : win.pads[i],
                                                  valid ? 0 : win.pads[i + 2]);
          /* Even pads are carried over as they are; others are expressed
           * as the same size with padding and output padding. */
          if (!has_shape && !valid && win.pads[i] == win.pads[i + 2] &&
              op[i] < MAX (stride[i], dilation[i]))
            {
              pad[i] = win.pads[i];
              output_padding[i] = op[i];
            }
          else if (!transpose_axis (in[i], kernel[i], stride[i], dilation[i], target[i],
                                    &pad[i], &output_padding[i]))
            return unsupported (im, node, error,
                                _("Strata’s transposed convolution cannot give its output size"));
        }
      p.padding_mode = STRATA_PADDING_EXPLICIT;
      p.padding = (StrataPair) { pad[0], pad[1] };
      p.output_padding = (StrataPair) { output_padding[0], output_padding[1] };
    }
  layer = onnx_add_layer (im, node, NULL, STRATA_LAYER_KIND_CONV2D_TRANSPOSE, &p, &x, 1, &out,
                          error);
  return layer != NULL && onnx_set_tensor (im, node, onnx_output (im, node, 0), layer, &out, 4,
                                           error);
}

/* ONNX's pooled size on one axis: PyTorch's, dropping a last window
 * that would start in the end padding. */
static gint64
pool_size (gint64   in,
           guint    span,
           guint    stride,
           guint    begin,
           guint    end,
           gboolean ceil_mode)
{
  gint64 room = in + begin + end - span;
  gint64 n;

  if (room < 0)
    return 0;
  n = room / stride + (ceil_mode && room % stride != 0) + 1;
  if (ceil_mode && (n - 1) * (gint64) stride >= in + begin)
    n--;
  return n;
}

static gboolean
only_output_used (Import          *im,
                  const OnnxNode  *node,
                  GError         **error)
{
  for (guint i = 1; i < node->n_outputs; i++)
    {
      Value *v = onnx_output (im, node, i);

      if (v != NULL && v->consumers != NULL)
        return unsupported (im, node, error,
                            _("Strata draws only its first output, and another one is read"));
    }
  return TRUE;
}

static gboolean
op_pool (Import          *im,
         const OnnxNode  *node,
         GError         **error)
{
  Value *x = image_input (im, node, error);
  StrataLayerKind kind = node->op_type[0] == 'M' ? STRATA_LAYER_KIND_MAXPOOL2D
                                                 : STRATA_LAYER_KIND_AVGPOOL2D;
  StrataLayerParams p;
  Window win;
  Value padded;
  Value *in = x;
  StrataShape out;
  StrataLayer *layer;
  gboolean ceil_mode = onnx_attr_int (im, node, "ceil_mode", 0) != 0;
  guint span_h, span_w;

  if (x == NULL || !read_window (im, node, (StrataPair) { 0, 0 }, &win, error) ||
      !only_output_used (im, node, error))
    return FALSE;
  span_h = (win.kernel.height - 1) * win.dilation.height + 1;
  span_w = (win.kernel.width - 1) * win.dilation.width + 1;
  if ((span_h - 1) / win.dilation.height != win.kernel.height - 1 ||
      (span_w - 1) / win.dilation.width != win.kernel.width - 1)
    return invalid (im, node, error, _("its window is too large"));
  if (win.dilation.height > 1 || win.dilation.width > 1)
    onnx_node_warn (im, node, _("a dilated %u × %u window is drawn as the %u × %u it spans"),
                    win.kernel.height, win.kernel.width, span_h, span_w);

  strata_layer_kind_init_params (kind, &p);
  /* ONNX's stride defaults to 1, not to the window. */
  p.pool = (StrataPair) { span_h, span_w };
  p.stride = win.stride;
  p.ceil_mode = ceil_mode;
  if (!set_padding (&win, &p) ||
      (p.padding_mode == STRATA_PADDING_EXPLICIT &&
       (p.padding.height > span_h / 2 || p.padding.width > span_w / 2)))
    {
      /* Uneven pads, or more than half the window, which Strata (as
       * PyTorch) refuses: a zero padding layer takes them, and the window
       * must then give the same size. */
      if (ceil_mode)
        {
          gint64 h = pool_size (x->shape.height, span_h, win.stride.height, win.pads[0],
                                win.pads[2], TRUE);
          gint64 w = pool_size (x->shape.width, span_w, win.stride.width, win.pads[1],
                                win.pads[3], TRUE);

          if (h != pool_size (x->shape.height + win.pads[0] + win.pads[2], span_h,
                              win.stride.height, 0, 0, TRUE) ||
              w != pool_size (x->shape.width + win.pads[1] + win.pads[3], span_w,
                              win.stride.width, 0, 0, TRUE))
            return unsupported (im, node, error,
                                _("Strata cannot pool with these pads in ceil mode"));
        }
      if (!pad_before (im, node, &win, x, &padded, error))
        return FALSE;
      in = &padded;
      p.padding_mode = STRATA_PADDING_VALID;
    }
  layer = onnx_add_layer (im, node, NULL, kind, &p, &in, 1, &out, error);
  return layer != NULL && onnx_set_tensor (im, node, onnx_output (im, node, 0), layer, &out, 4,
                                           error);
}

/* Whether every reader of @value takes it as a flat vector. */
static gboolean
read_flat (Import      *im,
           const Value *value)
{
  static const char * const flat[] = { "Flatten", "Reshape", "Squeeze", "Gemm", "MatMul" };

  if (value == NULL || value->consumers == NULL)
    return TRUE;
  for (guint i = 0; i < value->consumers->len; i++)
    {
      const OnnxNode *reader = &g_array_index (im->model->nodes, OnnxNode,
                                               g_array_index (value->consumers, guint, i));
      gboolean ok = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (flat) && !ok; k++)
        ok = g_str_equal (reader->op_type, flat[k]);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
op_global_pool (Import          *im,
                const OnnxNode  *node,
                GError         **error)
{
  Value *x = image_input (im, node, error);
  Value *y = onnx_output (im, node, 0);
  gboolean max = strstr (node->op_type, "Max") != NULL;
  StrataLayerKind kind = max ? STRATA_LAYER_KIND_GLOBAL_MAXPOOL2D
                             : STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D;
  StrataLayerParams p;
  StrataShape out;
  StrataLayer *layer;

  if (x == NULL)
    return FALSE;
  /* Strata's global pooling gives a vector. Read as an image (a
   * squeeze-and-excitation block's 1 × 1 convolutions), the same pooling
   * is a window over the whole input, which keeps 1 × 1 × C. */
  if (!read_flat (im, y))
    {
      kind = max ? STRATA_LAYER_KIND_MAXPOOL2D : STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D;
      strata_layer_kind_init_params (kind, &p);
      if (max)
        {
          if (x->shape.height > G_MAXUINT || x->shape.width > G_MAXUINT)
            return invalid (im, node, error, _("its input is too large"));
          p.pool = p.stride = (StrataPair) { x->shape.height, x->shape.width };
        }
    }
  else
    strata_layer_kind_init_params (kind, &p);
  layer = onnx_add_layer (im, node, NULL, kind, &p, &x, 1, &out, error);
  return layer != NULL && onnx_set_tensor (im, node, y, layer, &out, 4, error);
}

/* A vector activation, [N, F]. */
static Value *
vector_input (Import          *im,
              const OnnxNode  *node,
              GError         **error)
{
  Value *v = tensor_input (im, node, 0, error);

  if (v != NULL && v->rank != 2 && !v->shape.is_vector)
    {
      invalid (im, node, error, _("it needs an N × F input"));
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
    return invalid (im, node, error, _("it has too many units"));
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
  Value *b = x != NULL ? weight_input (im, node, 1, 2, error) : NULL;
  gboolean trans_b = onnx_attr_int (im, node, "transB", 0) != 0;
  guint64 units, in;
  gboolean bias;

  if (b == NULL)
    return FALSE;
  if (onnx_attr_int (im, node, "transA", 0) != 0)
    return unsupported (im, node, error, _("Strata has no layer for a transposed input (transA)"));
  units = b->dims[trans_b ? 0 : 1];
  in = b->dims[trans_b ? 1 : 0];
  if (in != x->shape.channels)
    {
      gint64 want[2] = { trans_b ? units : x->shape.channels, trans_b ? x->shape.channels : units };

      return wrong_dims (im, node, b, want, 2, error);
    }
  return check_bias (im, node, 2, units, &bias, error) &&
         add_dense (im, node, x, units, bias, error);
}

static gboolean
op_matmul (Import          *im,
           const OnnxNode  *node,
           GError         **error)
{
  Value *x = vector_input (im, node, error);
  Value *b = x != NULL ? weight_input (im, node, 1, 2, error) : NULL;
  Value *y = onnx_output (im, node, 0);

  if (b == NULL)
    return FALSE;
  if ((guint64) b->dims[0] != x->shape.channels)
    {
      gint64 want[2] = { x->shape.channels, b->dims[1] };

      return wrong_dims (im, node, b, want, 2, error);
    }
  if (!add_dense (im, node, x, b->dims[1], FALSE, error))
    return FALSE;
  if (y != NULL)
    y->from_matmul = TRUE;
  return TRUE;
}

/* Reshapes an activation to @dims (batch first, taken as 1): a vector
 * [1, F] or an image [1, C, H, W]; the same shape draws nothing. */
static gboolean
reshape_to (Import          *im,
            const OnnxNode  *node,
            Value           *x,
            const gint64    *dims,
            guint            n_dims,
            GError         **error)
{
  Value *y = onnx_output (im, node, 0);
  gint64 now[4];
  guint n_now = onnx_tensor_dims (x, now);
  StrataLayerParams p;
  StrataLayerKind kind;
  StrataShape out;
  StrataLayer *layer;
  guint rank = n_dims;

  if ((n_dims != 2 && n_dims != 4) || dims[0] != 1)
    return unsupported (im, node, error,
                        _("Strata keeps the batch and reshapes only to N × F or N × C × H × W"));
  for (guint i = 1; i < n_dims; i++)
    if (dims[i] <= 0 || dims[i] > G_MAXUINT)
      return invalid (im, node, error, _("the target shape is impossible"));
  if (n_dims == n_now && memcmp (dims, now, n_dims * sizeof *dims) == 0)
    return onnx_alias (im, node, y, x, error);
  if (n_dims == 2)
    kind = STRATA_LAYER_KIND_FLATTEN;
  else
    kind = STRATA_LAYER_KIND_RESHAPE;
  strata_layer_kind_init_params (kind, &p);
  if (kind == STRATA_LAYER_KIND_RESHAPE)
    p.target = (StrataTarget) { dims[2], dims[3], dims[1], FALSE };
  else if (x->shape.is_vector)
    {
      /* A global pooling's vector, [N, C, 1, 1], to [N, C]: nothing to draw. */
      if (!onnx_alias (im, node, y, x, error))
        return FALSE;
      if (y != NULL)
        y->rank = 2;
      return TRUE;
    }
  layer = onnx_add_layer (im, node, NULL, kind, &p, &x, 1, &out, error);
  return layer != NULL && onnx_set_tensor (im, node, y, layer, &out, rank, error);
}

static gboolean
op_flatten (Import          *im,
            const OnnxNode  *node,
            GError         **error)
{
  Value *x = tensor_input (im, node, 0, error);
  gint64 axis = onnx_attr_int (im, node, "axis", 1);
  gint64 dims[2] = { 1, 0 };
  guint64 size;

  if (x == NULL)
    return FALSE;
  if (axis < 0)
    axis += x->rank;
  if (axis != 1)
    return unsupported (im, node, error,
                        _("Strata flattens only what follows the batch (axis 1)"));
  if (!strata_shape_get_size (&x->shape, &size) || size > G_MAXUINT)
    return invalid (im, node, error, _("its input is too large"));
  dims[1] = size;
  if (x->rank == 2 || x->shape.is_vector)
    {
      StrataLayerParams p;
      StrataShape out;
      StrataLayer *layer;

      /* Drawn although it changes nothing: the file has it. */
      strata_layer_kind_init_params (STRATA_LAYER_KIND_FLATTEN, &p);
      layer = onnx_add_layer (im, node, NULL, STRATA_LAYER_KIND_FLATTEN, &p, &x, 1, &out, error);
      return layer != NULL && onnx_set_tensor (im, node, onnx_output (im, node, 0), layer, &out,
                                               2, error);
    }
  return reshape_to (im, node, x, dims, 2, error);
}

static gboolean
op_reshape (Import          *im,
            const OnnxNode  *node,
            GError         **error)
{
  Value *x = tensor_input (im, node, 0, error);
  Value *shape = x != NULL ? onnx_input (im, node, 1) : NULL;
  gint64 now[4], dims[ONNX_MAX_RANK];
  guint n_now;
  guint64 numel, known = 1;
  gint infer = -1;
  gboolean allow_zero = onnx_attr_int (im, node, "allowzero", 0) != 0;

  if (x == NULL)
    return FALSE;
  if (shape == NULL || shape->kind != VALUE_CONSTANT)
    return unsupported (im, node, error,
                        _("its target shape is computed from values Strata does not know"));
  if (!onnx_constant_data (im, node, shape, error))
    return FALSE;
  if (shape->n_data > ONNX_MAX_RANK)
    return invalid (im, node, error, _("the target shape is impossible"));
  n_now = onnx_tensor_dims (x, now);
  if (!strata_shape_get_size (&x->shape, &numel))
    return invalid (im, node, error, _("its input is too large"));
  for (guint i = 0; i < shape->n_data; i++)
    {
      dims[i] = shape->ints[i];
      if (dims[i] == 0 && !allow_zero)
        dims[i] = i < n_now ? now[i] : 0;
      if (dims[i] == -1 && infer < 0)
        infer = i;
      else if (dims[i] <= 0 || !g_uint64_checked_mul (&known, known, dims[i]))
        return invalid (im, node, error, _("the target shape is impossible"));
    }
  if (infer >= 0)
    {
      if (numel % known != 0)
        return invalid (im, node, error, _("the target shape does not hold its input"));
      dims[infer] = numel / known;
    }
  else if (known != numel)
    return invalid (im, node, error, _("the target shape does not hold its input"));
  return reshape_to (im, node, x, dims, shape->n_data, error);
}

/* Squeeze and Unsqueeze of an activation, as a reshape. */
static gboolean
op_squeeze (Import          *im,
            const OnnxNode  *node,
            GError         **error)
{
  Value *x = tensor_input (im, node, 0, error);
  Value *list = onnx_input (im, node, 1);
  gboolean squeeze = node->op_type[0] == 'S';
  gint64 now[4], axes[ONNX_MAX_RANK], dims[ONNX_MAX_RANK];
  gboolean marked[ONNX_MAX_RANK] = { FALSE };
  guint n_now, n_axes = 0, rank, from = 0;
  gboolean given = onnx_attr_ints (im, node, "axes", axes, ONNX_MAX_RANK, &n_axes);

  if (x == NULL)
    return FALSE;
  if (!given && list != NULL)
    {
      if (list->kind != VALUE_CONSTANT || !onnx_constant_data (im, node, list, error))
        return list->kind == VALUE_CONSTANT ? FALSE
               : unsupported (im, node, error, _("its axes are not constant"));
      n_axes = list->n_data;
      given = TRUE;
      if (n_axes <= ONNX_MAX_RANK)
        memcpy (axes, list->ints, n_axes * sizeof *axes);
    }
  if (n_axes > ONNX_MAX_RANK)
    return invalid (im, node, error, _("it has too many axes"));
  n_now = onnx_tensor_dims (x, now);
  rank = squeeze ? n_now : n_now + n_axes;
  for (guint i = 0; i < n_axes; i++)
    {
      gint64 axis = axes[i] < 0 ? axes[i] + rank : axes[i];

      if (axis < 0 || axis >= rank || marked[axis] || (squeeze && now[axis] != 1))
        return invalid (im, node, error, _("its axes are out of range or repeated"));
      marked[axis] = TRUE;
    }
  if (squeeze)
    {
      rank = 0;
      /* With no axes, every 1 but the batch goes. */
      for (guint i = 0; i < n_now; i++)
        if (!(given ? marked[i] : (i > 0 && now[i] == 1)))
          dims[rank++] = now[i];
    }
  else
    for (guint i = 0; i < rank; i++)
      dims[i] = marked[i] ? 1 : now[from++];
  return reshape_to (im, node, x, dims, rank, error);
}

static gboolean
op_batchnorm (Import          *im,
              const OnnxNode  *node,
              GError         **error)
{
  Value *x = tensor_input (im, node, 0, error);
  StrataLayerParams p;
  StrataShape out;
  StrataLayer *layer;

  if (x == NULL || !only_output_used (im, node, error))
    return FALSE;
  /* γ, β, the running mean and variance: one per channel each. */
  for (guint i = 1; i < 5; i++)
    {
      Value *v = weight_input (im, node, i, 1, error);
      gint64 want[1] = { x->shape.channels };

      if (v == NULL)
        return FALSE;
      if ((guint64) v->dims[0] != x->shape.channels)
        return wrong_dims (im, node, v, want, 1, error);
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
  Value *x = tensor_input (im, node, 0, error);

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
    return unsupported (im, node, error, _("its bounds are not constant"));
  if (!onnx_constant_data (im, node, v, error))
    return FALSE;
  if (v->n_data != 1)
    return invalid (im, node, error, _("a bound is not one number"));
  *bound = v->floats[0];
  return TRUE;
}

static gboolean
op_clip (Import          *im,
         const OnnxNode  *node,
         GError         **error)
{
  Value *x = tensor_input (im, node, 0, error);
  double low, high;

  if (x == NULL || !clip_bound (im, node, "min", 1, -INFINITY, &low, error) ||
      !clip_bound (im, node, "max", 2, INFINITY, &high, error))
    return FALSE;
  /* ONNX's defaults are ±FLT_MAX. */
  if (low == 0 && high == 6)
    return add_activation (im, node, x, STRATA_ACTIVATION_RELU6, error);
  if (low == 0 && high >= G_MAXFLOAT)
    return add_activation (im, node, x, STRATA_ACTIVATION_RELU, error);
  return unsupported (im, node, error,
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
  Value *constant = NULL;
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
      else
        constant = v;
    }
  if (tensors->len == 0)
    return invalid (im, node, error, _("it has no input"));

  if (constant != NULL)
    {
      Value *x = g_ptr_array_index (tensors, 0);
      gint64 dims[4];
      guint n = onnx_tensor_dims (x, dims);
      guint64 numel = onnx_constant_numel (constant);

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
        return unsupported (im, node, error, _("its constant operand has more dimensions than "
                                               "its input"));
      for (guint i = 0; i < constant->n_dims; i++)
        {
          gint64 c = constant->dims[constant->n_dims - 1 - i];

          if (c != 1 && c != dims[n - 1 - i])
            return unsupported (im, node, error,
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
    return unsupported (im, node, error, _("Strata has no merge that divides"));
  if (kind == STRATA_LAYER_KIND_SUBTRACT && tensors->len != 2)
    return invalid (im, node, error, _("it subtracts more than two activations"));
  for (guint i = 1; i < tensors->len; i++)
    if (((Value *) tensors->pdata[i])->rank != ((Value *) tensors->pdata[0])->rank)
      return unsupported (im, node, error,
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
        return unsupported (im, node, error,
                            _("Strata joins activations only, and an input is a constant"));
      g_ptr_array_add (tensors, v);
    }
  if (tensors->len == 0)
    return invalid (im, node, error, _("it has no input"));
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
    return unsupported (im, node, error,
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
  Value *x = tensor_input (im, node, 0, error);
  Value *ratio = onnx_input (im, node, 1);
  StrataLayerParams p;
  StrataShape out;
  StrataLayer *layer;
  double rate = onnx_attr_float (im, node, "ratio", 0.5);

  if (x == NULL || !only_output_used (im, node, error))
    return FALSE;
  if (ratio != NULL)
    {
      if (ratio->kind != VALUE_CONSTANT)
        return unsupported (im, node, error, _("its ratio is not constant"));
      if (!onnx_constant_data (im, node, ratio, error))
        return FALSE;
      if (ratio->n_data != 1)
        return invalid (im, node, error, _("its ratio is not one number"));
      rate = ratio->floats[0];
    }
  if (!(rate >= 0 && rate < 1))
    return invalid (im, node, error, _("its ratio is not from 0 up to 1"));
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
  Value *x = tensor_input (im, node, 0, error);

  return x != NULL && onnx_alias (im, node, onnx_output (im, node, 0), x, error);
}

static gboolean
op_pad (Import          *im,
        const OnnxNode  *node,
        GError         **error)
{
  Value *x = image_input (im, node, error);
  Value *list = onnx_input (im, node, 1);
  Value *axes_value = onnx_input (im, node, 3);
  gint64 given[8], pads[8] = { 0 };
  guint n = 0;
  const char *mode = onnx_attr_string (im, node, "mode", "constant");
  gboolean positive = FALSE, negative = FALSE;
  StrataLayerParams p;
  StrataLayerKind kind;
  StrataShape out;
  StrataLayer *layer;

  if (x == NULL)
    return FALSE;
  if (!onnx_attr_ints (im, node, "pads", given, 8, &n) &&
      !onnx_attr_ints (im, node, "paddings", given, 8, &n))
    {
      if (list == NULL || list->kind != VALUE_CONSTANT)
        return unsupported (im, node, error, _("its pads are not constant"));
      if (!onnx_constant_data (im, node, list, error))
        return FALSE;
      n = list->n_data;
      if (n <= 8)
        memcpy (given, list->ints, n * sizeof *given);
    }
  if (axes_value != NULL)
    {
      /* Opset 18: pads for these axes only. */
      guint n_axes;

      if (axes_value->kind != VALUE_CONSTANT || !onnx_constant_data (im, node, axes_value, error))
        return axes_value->kind == VALUE_CONSTANT ? FALSE
               : unsupported (im, node, error, _("its axes are not constant"));
      n_axes = axes_value->n_data;
      if (n != 2 * n_axes || n_axes > 4)
        return invalid (im, node, error, _("its pads do not match its axes"));
      for (guint i = 0; i < n_axes; i++)
        {
          gint64 axis = axes_value->ints[i] < 0 ? axes_value->ints[i] + 4 : axes_value->ints[i];

          if (axis < 0 || axis > 3)
            return invalid (im, node, error, _("its axes are out of range"));
          pads[axis] = given[i];
          pads[axis + 4] = given[i + n_axes];
        }
    }
  else if (n == 8)
    memcpy (pads, given, sizeof pads);
  else
    return invalid (im, node, error, _("its pads do not have 8 values"));
  for (guint i = 0; i < 8; i++)
    {
      if ((i % 4) < 2 && pads[i] != 0)
        return unsupported (im, node, error, _("Strata pads only the height and the width"));
      if (pads[i] > G_MAXUINT || pads[i] < -(gint64) G_MAXUINT)
        return invalid (im, node, error, _("its pads are impossible"));
      positive |= pads[i] > 0;
      negative |= pads[i] < 0;
    }
  if (!positive && !negative)
    return onnx_alias (im, node, onnx_output (im, node, 0), x, error);
  if (positive && negative)
    return unsupported (im, node, error, _("it pads some sides and crops others"));
  if (!g_str_equal (mode, "constant"))
    onnx_node_warn (im, node, _("its padding by “%s” is drawn as zero padding, which has the "
                                "same shape"), mode);
  kind = positive ? STRATA_LAYER_KIND_ZERO_PADDING2D : STRATA_LAYER_KIND_CROPPING2D;
  strata_layer_kind_init_params (kind, &p);
  {
    StrataSides sides = { ABS (pads[2]), ABS (pads[6]), ABS (pads[3]), ABS (pads[7]) };

    if (positive)
      p.zero_padding = sides;
    else
      p.cropping = sides;
  }
  layer = onnx_add_layer (im, node, NULL, kind, &p, &x, 1, &out, error);
  return layer != NULL && onnx_set_tensor (im, node, onnx_output (im, node, 0), layer, &out, 4,
                                           error);
}

/* The scale of one axis as a whole factor, or 0. */
static guint
whole_factor (double scale)
{
  return scale >= 1 && scale <= G_MAXUINT && scale == floor (scale) ? (guint) scale : 0;
}

static gboolean
op_resize (Import          *im,
           const OnnxNode  *node,
           GError         **error)
{
  Value *x = image_input (im, node, error);
  gboolean upsample = g_str_equal (node->op_type, "Upsample");
  /* Resize reads (X, scales) in opset 10 and (X, roi, scales, sizes) after. */
  gboolean opset10 = !upsample && im->model->opset == 10;
  Value *scales = onnx_input (im, node, upsample || opset10 ? 1 : 2);
  Value *sizes = upsample || opset10 ? NULL : onnx_input (im, node, 3);
  const char *mode = onnx_attr_string (im, node, "mode", "nearest");
  double factor[4] = { 1, 1, 1, 1 };
  guint n = 0;
  StrataLayerParams p;
  StrataShape out;
  StrataLayer *layer;

  if (x == NULL)
    return FALSE;
  if (onnx_attr (im, node, "axes") != NULL)
    return unsupported (im, node, error, _("Strata reads a resize of every axis only"));
  if (onnx_attr_floats (im, node, "scales", factor, 4, &n))
    ;
  else if (sizes != NULL && sizes->kind == VALUE_CONSTANT && onnx_constant_numel (sizes) > 0)
    {
      gint64 now[4];

      if (!onnx_constant_data (im, node, sizes, error))
        return FALSE;
      onnx_tensor_dims (x, now);
      n = sizes->n_data;
      for (guint i = 0; i < MIN (n, 4); i++)
        {
          if (sizes->ints[i] <= 0 || sizes->ints[i] % now[i] != 0)
            return unsupported (im, node, error, _("Strata scales only by whole factors"));
          factor[i] = (double) (sizes->ints[i] / now[i]);
        }
    }
  else if (scales != NULL && scales->kind == VALUE_CONSTANT)
    {
      if (!onnx_constant_data (im, node, scales, error))
        return FALSE;
      n = scales->n_data;
      for (guint i = 0; i < MIN (n, 4); i++)
        factor[i] = scales->floats[i];
    }
  else
    return unsupported (im, node, error, _("its scales are not constant"));
  if (n != 4)
    return invalid (im, node, error, _("its scales or sizes do not have 4 values"));
  if (factor[0] != 1 || factor[1] != 1 || !whole_factor (factor[2]) || !whole_factor (factor[3]))
    return unsupported (im, node, error,
                        _("Strata scales only the height and the width, by whole factors"));
  strata_layer_kind_init_params (STRATA_LAYER_KIND_UPSAMPLING2D, &p);
  p.size = (StrataPair) { whole_factor (factor[2]), whole_factor (factor[3]) };
  if (g_str_equal (mode, "nearest"))
    p.interpolation = STRATA_INTERPOLATION_NEAREST;
  else
    {
      p.interpolation = STRATA_INTERPOLATION_BILINEAR;
      if (!g_str_equal (mode, "linear") && !g_str_equal (mode, "bilinear"))
        onnx_node_warn (im, node, _("its “%s” interpolation is drawn as bilinear, which has the "
                                    "same shape"), mode);
    }
  layer = onnx_add_layer (im, node, NULL, STRATA_LAYER_KIND_UPSAMPLING2D, &p, &x, 1, &out, error);
  return layer != NULL && onnx_set_tensor (im, node, onnx_output (im, node, 0), layer, &out, 4,
                                           error);
}

OnnxOpFunc
onnx_op_func (const char *op_type)
{
  static const struct { const char *op; OnnxOpFunc func; } table[] = {
    { "Conv", op_conv },
    { "ConvTranspose", op_conv_transpose },
    { "MaxPool", op_pool },
    { "AveragePool", op_pool },
    { "GlobalAveragePool", op_global_pool },
    { "GlobalMaxPool", op_global_pool },
    { "Gemm", op_gemm },
    { "MatMul", op_matmul },
    { "Flatten", op_flatten },
    { "Reshape", op_reshape },
    { "Squeeze", op_squeeze },
    { "Unsqueeze", op_squeeze },
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
    { "Pad", op_pad },
    { "Resize", op_resize },
    { "Upsample", op_resize },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i].op, op_type))
      return table[i].func;
  return NULL;
}
