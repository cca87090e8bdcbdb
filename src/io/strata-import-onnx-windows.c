/* strata-import-onnx-windows.c: ONNX's sliding windows (convolutions and pools) as layers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* ONNX pads each side on its own and computes its own output sizes
 * (auto_pad, output_shape, ceil mode written as padding); each is
 * expressed here in Strata's symmetric padding, adding a zero padding
 * layer where no padding of the window gives the same numbers. */

#include "config.h"

#include <string.h>

#include "strata-import-onnx-private.h"

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
  return onnx_count_of (im, node, name, v[0], least, &pair->height, error) &&
         onnx_count_of (im, node, name, v[1], least, &pair->width, error);
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
    return onnx_invalid (im, node, error, _("its kernel_shape differs from its weights’ dims"));
  if (w->kernel.height == 0)
    return onnx_invalid (im, node, error, _("it has no kernel_shape"));
  if (onnx_attr_ints (im, node, "pads", pads, 4, &n) && n != 4)
    return onnx_invalid (im, node, error, _("its pads do not have 4 values"));
  for (guint i = 0; i < 4; i++)
    if (!onnx_count_of (im, node, "pads", pads[i], 0, &w->pads[i], error))
      return FALSE;
  w->auto_pad = onnx_attr_string (im, node, "auto_pad", "NOTSET");
  if (!g_str_equal (w->auto_pad, "NOTSET") && !g_str_equal (w->auto_pad, "VALID") &&
      !g_str_equal (w->auto_pad, "SAME_UPPER") && !g_str_equal (w->auto_pad, "SAME_LOWER"))
    return onnx_invalid (im, node, error, _("its auto_pad is none of NOTSET, VALID, SAME_UPPER and "
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

gboolean
onnx_op_conv (Import          *im,
              const OnnxNode  *node,
              GError         **error)
{
  Value *x = onnx_image_input (im, node, error);
  Value *w = x != NULL ? onnx_weight_input (im, node, 1, 4, error) : NULL;
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
    return onnx_invalid (im, node, error, _("its group does not divide its input and output "
                                            "channels"));
  if ((guint64) w->dims[1] != cin / group)
    {
      gint64 want[4] = { m, cin / group, w->dims[2], w->dims[3] };

      return onnx_wrong_dims (im, node, w, want, 4, error);
    }
  if (!onnx_check_bias (im, node, 2, m, &bias, error))
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

/* One axis of ONNX's ConvTranspose: its output size, or -1 when it would
 * not fit 63 bits. */
static gint64
transpose_size (gint64        in,
                guint         kernel,
                guint         stride,
                guint         dilation,
                gint64        output_padding,
                gint64        pad_begin,
                gint64        pad_end)
{
  guint64 size;

  if (in < 1 || in > G_MAXUINT || output_padding > G_MAXUINT ||
      !g_uint64_checked_mul (&size, in - 1, stride))
    return -1;
  size += (guint64) (kernel - 1) * dilation + 1 + output_padding;
  if (size > G_MAXINT64 / 2)
    return -1;
  return (gint64) size - pad_begin - pad_end;
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

  if (full < 0 || target <= 0 || target > G_MAXUINT || op < 0 ||
      op >= MAX (stride, dilation) || p > G_MAXUINT)
    return FALSE;
  *pad = p;
  *output_padding = op;
  return TRUE;
}

gboolean
onnx_op_conv_transpose (Import          *im,
                        const OnnxNode  *node,
                        GError         **error)
{
  Value *x = onnx_image_input (im, node, error);
  Value *w = x != NULL ? onnx_weight_input (im, node, 1, 4, error) : NULL;
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
    return onnx_invalid (im, node, error, _("its group does not divide its input channels"));
  m = (guint64) w->dims[1] * group;
  if ((guint64) w->dims[0] != cin)
    {
      gint64 want[4] = { cin, w->dims[1], w->dims[2], w->dims[3] };

      return onnx_wrong_dims (im, node, w, want, 4, error);
    }
  if (m > G_MAXUINT)
    return onnx_invalid (im, node, error, _("it has too many output channels"));
  if (!onnx_check_bias (im, node, 2, m, &bias, error))
    return FALSE;
  if ((onnx_attr_ints (im, node, "output_padding", op, 2, &n_op) && n_op != 2) ||
      op[0] < 0 || op[1] < 0)
    return onnx_invalid (im, node, error, _("its output_padding is not two sizes"));
  has_shape = onnx_attr_ints (im, node, "output_shape", shape, 4, &n_shape);
  if (has_shape && n_shape != 2 && n_shape != 4)
    return onnx_invalid (im, node, error, _("its output_shape is not two sizes"));

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
            return onnx_unsupported (im, node, error, _("Strata’s transposed convolution cannot "
                                                        "give its output size"));
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

/* Before opset 10 there is no ceil mode: PyTorch's exporter writes it as
 * more padding at the end. The same window with the start's padding on
 * both sides, in ceil mode or not, may give the same size. */
static gboolean
pads_as_ceil_mode (const Value       *x,
                   const Window      *win,
                   guint              span_h,
                   guint              span_w,
                   gboolean           ceil_mode,
                   StrataLayerParams *p)
{
  gint64 h = pool_size (x->shape.height, span_h, win->stride.height, win->pads[0], win->pads[2],
                        ceil_mode);
  gint64 w = pool_size (x->shape.width, span_w, win->stride.width, win->pads[1], win->pads[3],
                        ceil_mode);

  /* Ceil mode first: that is what the extra padding stood for. */
  for (int ceil = 1; ceil >= 0; ceil--)
    if (h == pool_size (x->shape.height, span_h, win->stride.height, win->pads[0], win->pads[0],
                        ceil) &&
        w == pool_size (x->shape.width, span_w, win->stride.width, win->pads[1], win->pads[1],
                        ceil))
      {
        p->padding_mode = win->pads[0] == 0 && win->pads[1] == 0 ? STRATA_PADDING_VALID
                                                                 : STRATA_PADDING_EXPLICIT;
        p->padding = (StrataPair) { win->pads[0], win->pads[1] };
        p->ceil_mode = ceil;
        return TRUE;
      }
  return FALSE;
}

gboolean
onnx_op_pool (Import          *im,
              const OnnxNode  *node,
              GError         **error)
{
  Value *x = onnx_image_input (im, node, error);
  StrataLayerKind kind = node->op_type[0] == 'M' ? STRATA_LAYER_KIND_MAXPOOL2D
                                                 : STRATA_LAYER_KIND_AVGPOOL2D;
  StrataLayerParams p;
  Window win;
  Value padded;
  Value *in = x;
  StrataShape out;
  StrataLayer *layer;
  gboolean ceil_mode = onnx_attr_int (im, node, "ceil_mode", 0) != 0;
  gboolean placed;
  guint span_h, span_w;

  if (x == NULL || !read_window (im, node, (StrataPair) { 0, 0 }, &win, error) ||
      !onnx_only_output_used (im, node, error))
    return FALSE;
  span_h = (win.kernel.height - 1) * win.dilation.height + 1;
  span_w = (win.kernel.width - 1) * win.dilation.width + 1;
  if ((span_h - 1) / win.dilation.height != win.kernel.height - 1 ||
      (span_w - 1) / win.dilation.width != win.kernel.width - 1)
    return onnx_invalid (im, node, error, _("its window is too large"));
  if (win.dilation.height > 1 || win.dilation.width > 1)
    onnx_node_warn (im, node, _("a dilated %u × %u window is drawn as the %u × %u it spans"),
                    win.kernel.height, win.kernel.width, span_h, span_w);

  strata_layer_kind_init_params (kind, &p);
  /* ONNX's stride defaults to 1, not to the window. */
  p.pool = (StrataPair) { span_h, span_w };
  p.stride = win.stride;
  p.ceil_mode = ceil_mode;
  placed = set_padding (&win, &p);
  if (!placed && win.pads[0] <= span_h / 2 && win.pads[1] <= span_w / 2)
    placed = pads_as_ceil_mode (x, &win, span_h, span_w, ceil_mode, &p);
  if (!placed || (p.padding_mode == STRATA_PADDING_EXPLICIT &&
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
            return onnx_unsupported (im, node, error,
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

gboolean
onnx_op_global_pool (Import          *im,
                     const OnnxNode  *node,
                     GError         **error)
{
  Value *x = onnx_image_input (im, node, error);
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
            return onnx_invalid (im, node, error, _("its input is too large"));
          p.pool = p.stride = (StrataPair) { x->shape.height, x->shape.width };
        }
    }
  else
    strata_layer_kind_init_params (kind, &p);
  layer = onnx_add_layer (im, node, NULL, kind, &p, &x, 1, &out, error);
  return layer != NULL && onnx_set_tensor (im, node, y, layer, &out, 4, error);
}
