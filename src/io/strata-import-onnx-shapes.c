/* strata-import-onnx-shapes.c: ONNX ops that change only an activation's shape, as layers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Reshapes keep the batch (taken as 1) and become flatten or reshape
 * layers; Pad, Resize and Upsample read their sizes from attributes in
 * early opsets and from constant inputs in later ones. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-import-onnx-private.h"

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
    return onnx_unsupported (im, node, error,
                             _("Strata keeps the batch and reshapes only to N × F or "
                               "N × C × H × W"));
  for (guint i = 1; i < n_dims; i++)
    if (dims[i] <= 0 || dims[i] > G_MAXUINT)
      return onnx_invalid (im, node, error, _("the target shape is impossible"));
  if (n_dims == n_now && memcmp (dims, now, n_dims * sizeof *dims) == 0)
    return onnx_alias (im, node, y, x, error);
  /* To N × F is a flatten (PyTorch's x.view(x.size(0), -1)), drawn even
   * after a global pooling, whose vector stands for [N, C, 1, 1]. */
  kind = n_dims == 2 ? STRATA_LAYER_KIND_FLATTEN : STRATA_LAYER_KIND_RESHAPE;
  strata_layer_kind_init_params (kind, &p);
  if (kind == STRATA_LAYER_KIND_RESHAPE)
    p.target = (StrataTarget) { dims[2], dims[3], dims[1], FALSE };
  layer = onnx_add_layer (im, node, NULL, kind, &p, &x, 1, &out, error);
  return layer != NULL && onnx_set_tensor (im, node, y, layer, &out, rank, error);
}

gboolean
onnx_op_flatten (Import          *im,
                 const OnnxNode  *node,
                 GError         **error)
{
  Value *x = onnx_tensor_input (im, node, 0, error);
  gint64 axis = onnx_attr_int (im, node, "axis", 1);
  gint64 dims[2] = { 1, 0 };
  guint64 size;

  if (x == NULL)
    return FALSE;
  if (axis < 0)
    axis += x->rank;
  if (axis != 1)
    return onnx_unsupported (im, node, error,
                             _("Strata flattens only what follows the batch (axis 1)"));
  if (!strata_shape_get_size (&x->shape, &size) || size > G_MAXUINT)
    return onnx_invalid (im, node, error, _("its input is too large"));
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

gboolean
onnx_op_reshape (Import          *im,
                 const OnnxNode  *node,
                 GError         **error)
{
  Value *x = onnx_tensor_input (im, node, 0, error);
  Value *shape = x != NULL ? onnx_input (im, node, 1) : NULL;
  gint64 now[4], dims[ONNX_MAX_RANK];
  guint n_now;
  guint64 numel, known = 1;
  gint infer = -1;
  gboolean allow_zero = onnx_attr_int (im, node, "allowzero", 0) != 0;

  if (x == NULL)
    return FALSE;
  if (shape == NULL || shape->kind != VALUE_CONSTANT)
    return onnx_unsupported (im, node, error,
                             _("its target shape is computed from values Strata does not know"));
  if (!onnx_constant_data (im, node, shape, error))
    return FALSE;
  if (shape->n_data > ONNX_MAX_RANK)
    return onnx_invalid (im, node, error, _("the target shape is impossible"));
  n_now = onnx_tensor_dims (x, now);
  if (!strata_shape_get_size (&x->shape, &numel))
    return onnx_invalid (im, node, error, _("its input is too large"));
  for (guint i = 0; i < shape->n_data; i++)
    {
      dims[i] = shape->ints[i];
      if (dims[i] == 0 && !allow_zero)
        dims[i] = i < n_now ? now[i] : 0;
      if (dims[i] == -1 && infer < 0)
        infer = i;
      else if (dims[i] <= 0 || !g_uint64_checked_mul (&known, known, dims[i]))
        return onnx_invalid (im, node, error, _("the target shape is impossible"));
    }
  if (infer >= 0)
    {
      if (numel % known != 0)
        return onnx_invalid (im, node, error, _("the target shape does not hold its input"));
      dims[infer] = numel / known;
    }
  else if (known != numel)
    return onnx_invalid (im, node, error, _("the target shape does not hold its input"));
  return reshape_to (im, node, x, dims, shape->n_data, error);
}

/* Squeeze and Unsqueeze of an activation, as a reshape. */
gboolean
onnx_op_squeeze (Import          *im,
                 const OnnxNode  *node,
                 GError         **error)
{
  Value *x = onnx_tensor_input (im, node, 0, error);
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
               : onnx_unsupported (im, node, error, _("its axes are not constant"));
      n_axes = list->n_data;
      given = TRUE;
      if (n_axes <= ONNX_MAX_RANK)
        memcpy (axes, list->ints, n_axes * sizeof *axes);
    }
  if (n_axes > ONNX_MAX_RANK)
    return onnx_invalid (im, node, error, _("it has too many axes"));
  n_now = onnx_tensor_dims (x, now);
  rank = squeeze ? n_now : n_now + n_axes;
  for (guint i = 0; i < n_axes; i++)
    {
      gint64 axis = axes[i] < 0 ? axes[i] + rank : axes[i];

      if (axis < 0 || axis >= rank || marked[axis] || (squeeze && now[axis] != 1))
        return onnx_invalid (im, node, error, _("its axes are out of range or repeated"));
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

gboolean
onnx_op_pad (Import          *im,
             const OnnxNode  *node,
             GError         **error)
{
  Value *x = onnx_image_input (im, node, error);
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
        return onnx_unsupported (im, node, error, _("its pads are not constant"));
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
               : onnx_unsupported (im, node, error, _("its axes are not constant"));
      n_axes = axes_value->n_data;
      if (n != 2 * n_axes || n_axes > 4)
        return onnx_invalid (im, node, error, _("its pads do not match its axes"));
      for (guint i = 0; i < n_axes; i++)
        {
          gint64 axis = axes_value->ints[i] < 0 ? axes_value->ints[i] + 4 : axes_value->ints[i];

          if (axis < 0 || axis > 3)
            return onnx_invalid (im, node, error, _("its axes are out of range"));
          pads[axis] = given[i];
          pads[axis + 4] = given[i + n_axes];
        }
    }
  else if (n == 8)
    memcpy (pads, given, sizeof pads);
  else
    return onnx_invalid (im, node, error, _("its pads do not have 8 values"));
  for (guint i = 0; i < 8; i++)
    {
      if ((i % 4) < 2 && pads[i] != 0)
        return onnx_unsupported (im, node, error, _("Strata pads only the height and the width"));
      if (pads[i] > G_MAXUINT || pads[i] < -(gint64) G_MAXUINT)
        return onnx_invalid (im, node, error, _("its pads are impossible"));
      positive |= pads[i] > 0;
      negative |= pads[i] < 0;
    }
  if (!positive && !negative)
    return onnx_alias (im, node, onnx_output (im, node, 0), x, error);
  if (positive && negative)
    return onnx_unsupported (im, node, error, _("it pads some sides and crops others"));
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

gboolean
onnx_op_resize (Import          *im,
                const OnnxNode  *node,
                GError         **error)
{
  Value *x = onnx_image_input (im, node, error);
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
    return onnx_unsupported (im, node, error, _("Strata reads a resize of every axis only"));
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
            return onnx_unsupported (im, node, error, _("Strata scales only by whole factors"));
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
    return onnx_unsupported (im, node, error, _("its scales are not constant"));
  if (n != 4)
    return onnx_invalid (im, node, error, _("its scales or sizes do not have 4 values"));
  if (factor[0] != 1 || factor[1] != 1 || !whole_factor (factor[2]) || !whole_factor (factor[3]))
    return onnx_unsupported (im, node, error,
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
