/* strata-import-torch-modules.c: each standard PyTorch module of a print as Strata layers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-import.h"
#include "strata-import-torch-build-private.h"

static gboolean
need_image (TorchBuilder       *b,
            const TorchModule  *m,
            GError            **error)
{
  const StrataShape *shape = torch_builder_shape (b);
  g_autofree char *n = NULL;

  if (!shape->is_vector)
    return TRUE;
  n = strata_format_count (shape->channels);
  torch_builder_fail (b, m, STRATA_IMPORT_ERROR_INVALID, error,
                      _("it takes an image (C × H × W), but receives a vector of %s values"), n);
  return FALSE;
}

/* A count a module states that must equal what it receives. */
static gboolean
check_channels (TorchBuilder       *b,
                const TorchModule  *m,
                const char         *name,
                guint               stated,
                GError            **error)
{
  const StrataShape *shape = torch_builder_shape (b);
  g_autofree char *text = NULL;

  if (shape->channels == stated)
    return TRUE;
  text = torch_shape_text (shape);
  torch_builder_fail (b, m, STRATA_IMPORT_ERROR_INVALID, error,
                      shape->is_vector ? _("%s is %u, but it receives a vector of %s values")
                                       : _("%s is %u, but it receives a %s tensor (C × H × W)"),
                      name, stated, text);
  return FALSE;
}

static gboolean
emit (TorchBuilder            *b,
      const TorchModule       *m,
      StrataLayerKind          kind,
      const StrataLayerParams *params,
      GError                 **error)
{
  return torch_builder_emit (b, m, torch_layer_new (b, kind, params, torch_module_name (m)),
                             error);
}

static gboolean
map_conv (TorchBuilder       *b,
          const TorchModule  *m,
          gboolean            transposed,
          GError            **error)
{
  static const char * const conv_names[] = {
    "in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups",
    "bias", "padding_mode", NULL
  };
  static const char * const transposed_names[] = {
    "in_channels", "out_channels", "kernel_size", "stride", "padding", "output_padding",
    "groups", "bias", "dilation", "padding_mode", NULL
  };
  const char * const *names = transposed ? transposed_names : conv_names;
  enum { IN, OUT, KERNEL, STRIDE, PADDING };
  guint dilation = transposed ? 8 : 5, groups = 6, bias = 7;
  StrataLayerKind kind = transposed ? STRATA_LAYER_KIND_CONV2D_TRANSPOSE
                                    : STRATA_LAYER_KIND_CONV2D;
  g_auto(Bound) a = { 0 };
  StrataLayerParams p;
  guint in;
  TorchValue *padding;

  strata_layer_kind_init_params (kind, &p);
  if (!torch_bind (b, m, names, &a, error) || !torch_require (b, m, names, &a, 3, error) ||
      !need_image (b, m, error) ||
      !torch_get_count (b, m, names[IN], a.values[IN], 1, &in, error) ||
      !check_channels (b, m, names[IN], in, error) ||
      !torch_get_count (b, m, names[OUT], a.values[OUT], 1, &p.filters, error) ||
      !torch_get_pair (b, m, names[KERNEL], a.values[KERNEL], 1, &p.kernel, error) ||
      (a.values[STRIDE] != NULL &&
       !torch_get_pair (b, m, names[STRIDE], a.values[STRIDE], 1, &p.stride, error)) ||
      (a.values[dilation] != NULL &&
       !torch_get_pair (b, m, names[dilation], a.values[dilation], 1, &p.dilation, error)) ||
      (a.values[groups] != NULL &&
       !torch_get_count (b, m, names[groups], a.values[groups], 1, &p.groups, error)) ||
      (a.values[bias] != NULL &&
       !torch_get_bool (b, m, names[bias], a.values[bias], &p.bias, error)))
    return FALSE;
  if (transposed && a.values[5] != NULL &&
      !torch_get_pair (b, m, names[5], a.values[5], 0, &p.output_padding, error))
    return FALSE;

  /* padding_mode (zeros, reflect, replicate, circular) changes values,
   * never a shape or a count. */
  padding = a.values[PADDING];
  p.padding_mode = STRATA_PADDING_EXPLICIT;
  if (!transposed && torch_is_string (padding, "same"))
    {
      if (p.stride.height != 1 || p.stride.width != 1)
        {
          torch_builder_fail (b, m, STRATA_IMPORT_ERROR_INVALID, error, "%s",
                              _("padding='same' needs a stride of 1 in PyTorch"));
          return FALSE;
        }
      p.padding_mode = STRATA_PADDING_SAME;
    }
  else if (!transposed && torch_is_string (padding, "valid"))
    p.padding_mode = STRATA_PADDING_VALID;
  else if (padding != NULL && !torch_get_pair (b, m, names[PADDING], padding, 0, &p.padding, error))
    return FALSE;

  if (p.stride.height > 1 || p.stride.width > 1)
    b->strided = TRUE;
  return emit (b, m, kind, &p, error);
}

static gboolean
map_pool (TorchBuilder       *b,
          const TorchModule  *m,
          gboolean            max,
          GError            **error)
{
  static const char * const max_names[] = {
    "kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode", NULL
  };
  static const char * const avg_names[] = {
    "kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override",
    NULL
  };
  const char * const *names = max ? max_names : avg_names;
  guint ceil_slot = max ? 5 : 3;
  StrataLayerKind kind = max ? STRATA_LAYER_KIND_MAXPOOL2D : STRATA_LAYER_KIND_AVGPOOL2D;
  g_auto(Bound) a = { 0 };
  StrataLayerParams p;
  StrataPair dilation = { 1, 1 };

  strata_layer_kind_init_params (kind, &p);
  p.padding_mode = STRATA_PADDING_EXPLICIT;
  if (!torch_bind (b, m, names, &a, error) || !torch_require (b, m, names, &a, 1, error) ||
      !need_image (b, m, error) ||
      !torch_get_pair (b, m, names[0], a.values[0], 1, &p.pool, error))
    return FALSE;
  p.stride = p.pool;
  if ((a.values[1] != NULL && a.values[1]->type != TORCH_VALUE_NONE &&
       !torch_get_pair (b, m, names[1], a.values[1], 1, &p.stride, error)) ||
      (a.values[2] != NULL &&
       !torch_get_pair (b, m, names[2], a.values[2], 0, &p.padding, error)) ||
      (a.values[ceil_slot] != NULL &&
       !torch_get_bool (b, m, names[ceil_slot], a.values[ceil_slot], &p.ceil_mode, error)) ||
      (max && a.values[3] != NULL && !torch_get_pair (b, m, names[3], a.values[3], 1, &dilation,
                                                      error)))
    return FALSE;
  if (dilation.height != 1 || dilation.width != 1)
    {
      torch_builder_fail (b, m, STRATA_IMPORT_ERROR_UNSUPPORTED, error, "%s",
                          _("Strata has no pooling with a dilation over 1"));
      return FALSE;
    }

  /* AvgPool2d's print leaves ceil_mode out: say so where it would matter. */
  if (!max && a.values[ceil_slot] == NULL)
    {
      const StrataShape *input = torch_builder_shape (b);
      StrataLayerParams with_ceil = p;
      StrataLayerResult floor_result = { 0 }, ceil_result = { 0 };

      with_ceil.ceil_mode = TRUE;
      strata_layer_kind_apply (kind, &p, &input, 1, &floor_result);
      strata_layer_kind_apply (kind, &with_ceil, &input, 1, &ceil_result);
      if (floor_result.error == NULL && ceil_result.error == NULL &&
          !strata_shape_equal (&floor_result.output, &ceil_result.output))
        {
          g_autofree char *floor_text = torch_shape_text (&floor_result.output);
          g_autofree char *ceil_text = torch_shape_text (&ceil_result.output);

          torch_builder_warn (b, m,
                              _("PyTorch does not print ceil_mode for AvgPool2d: it is taken as "
                                "False, which gives %s (C × H × W), not %s as with "
                                "ceil_mode=True"), floor_text, ceil_text);
        }
      strata_layer_result_clear (&floor_result);
      strata_layer_result_clear (&ceil_result);
    }
  if (p.stride.height > 1 || p.stride.width > 1)
    b->strided = TRUE;
  return emit (b, m, kind, &p, error);
}

static gboolean
map_adaptive_pool (TorchBuilder       *b,
                   const TorchModule  *m,
                   GError            **error)
{
  static const char * const names[] = { "output_size", NULL };
  g_auto(Bound) a = { 0 };
  StrataLayerParams p;
  const StrataShape *shape;
  TorchValue *v;

  strata_layer_kind_init_params (STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D, &p);
  if (!torch_bind (b, m, names, &a, error) || !torch_require (b, m, names, &a, 1, error) ||
      !need_image (b, m, error))
    return FALSE;
  shape = torch_builder_shape (b);
  v = a.values[0];
  if (v->type == TORCH_VALUE_TUPLE && v->items->len == 2)
    {
      /* None keeps the input's size on that axis. */
      TorchValue *h = g_ptr_array_index (v->items, 0);
      TorchValue *w = g_ptr_array_index (v->items, 1);

      if (h->type == TORCH_VALUE_NONE)
        p.output.height = MIN (shape->height, G_MAXUINT);
      else if (!torch_get_count (b, m, names[0], h, 1, &p.output.height, error))
        return FALSE;
      if (w->type == TORCH_VALUE_NONE)
        p.output.width = MIN (shape->width, G_MAXUINT);
      else if (!torch_get_count (b, m, names[0], w, 1, &p.output.width, error))
        return FALSE;
    }
  else if (!torch_get_pair (b, m, names[0], v, 1, &p.output, error))
    return FALSE;
  return emit (b, m, STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D, &p, error);
}

static gboolean
map_linear (TorchBuilder       *b,
            const TorchModule  *m,
            GError            **error)
{
  static const char * const names[] = { "in_features", "out_features", "bias", NULL };
  g_auto(Bound) a = { 0 };
  StrataLayerParams p;
  guint in;

  strata_layer_kind_init_params (STRATA_LAYER_KIND_DENSE, &p);
  if (!torch_bind (b, m, names, &a, error) || !torch_require (b, m, names, &a, 2, error) ||
      !torch_get_count (b, m, names[0], a.values[0], 1, &in, error) ||
      !torch_get_count (b, m, names[1], a.values[1], 1, &p.units, error) ||
      (a.values[2] != NULL && !torch_get_bool (b, m, names[2], a.values[2], &p.bias, error)))
    return FALSE;
  if (!torch_builder_shape (b)->is_vector && !torch_builder_flatten_for (b, m, in, error))
    return FALSE;
  if (!check_channels (b, m, names[0], in, error))
    return FALSE;
  return emit (b, m, STRATA_LAYER_KIND_DENSE, &p, error);
}

static gboolean
map_batchnorm (TorchBuilder       *b,
               const TorchModule  *m,
               gboolean            image,
               GError            **error)
{
  static const char * const names[] = {
    "num_features", "eps", "momentum", "affine", "track_running_stats", NULL
  };
  g_auto(Bound) a = { 0 };
  gboolean affine = TRUE, track = TRUE;
  guint features;
  double unused;

  if (!torch_bind (b, m, names, &a, error) || !torch_require (b, m, names, &a, 1, error) ||
      !torch_get_count (b, m, names[0], a.values[0], 1, &features, error) ||
      (a.values[1] != NULL && !torch_get_number (b, m, names[1], a.values[1], &unused, error)) ||
      (a.values[2] != NULL && a.values[2]->type != TORCH_VALUE_NONE &&
       !torch_get_number (b, m, names[2], a.values[2], &unused, error)) ||
      (a.values[3] != NULL && !torch_get_bool (b, m, names[3], a.values[3], &affine, error)) ||
      (a.values[4] != NULL && !torch_get_bool (b, m, names[4], a.values[4], &track, error)))
    return FALSE;
  if (!affine || !track)
    {
      /* Strata counts γ and β as trained and the running statistics as not. */
      torch_builder_fail (b, m, STRATA_IMPORT_ERROR_UNSUPPORTED, error, "%s",
                          _("Strata models batch normalization with affine=True and "
                            "track_running_stats=True only"));
      return FALSE;
    }
  if (image && !need_image (b, m, error))
    return FALSE;
  if (!image && !torch_builder_shape (b)->is_vector)
    {
      torch_builder_fail (b, m, STRATA_IMPORT_ERROR_INVALID, error, "%s",
                          _("BatchNorm1d takes a vector, but receives an image: use "
                            "BatchNorm2d"));
      return FALSE;
    }
  if (!check_channels (b, m, names[0], features, error))
    return FALSE;
  return emit (b, m, STRATA_LAYER_KIND_BATCHNORM, NULL, error);
}

static gboolean
map_dropout (TorchBuilder       *b,
             const TorchModule  *m,
             GError            **error)
{
  static const char * const names[] = { "p", "inplace", NULL };
  g_auto(Bound) a = { 0 };
  StrataLayerParams p;
  gboolean unused;

  strata_layer_kind_init_params (STRATA_LAYER_KIND_DROPOUT, &p);
  if (!torch_bind (b, m, names, &a, error) ||
      (a.values[0] != NULL && !torch_get_number (b, m, names[0], a.values[0], &p.rate, error)) ||
      (a.values[1] != NULL && !torch_get_bool (b, m, names[1], a.values[1], &unused, error)))
    return FALSE;
  if (!(p.rate >= 0 && p.rate < 1))
    {
      torch_builder_fail (b, m, STRATA_IMPORT_ERROR_INVALID, error, "%s",
                          _("“p” must be from 0 up to, not including, 1"));
      return FALSE;
    }
  return emit (b, m, STRATA_LAYER_KIND_DROPOUT, &p, error);
}

static gboolean
map_flatten (TorchBuilder       *b,
             const TorchModule  *m,
             GError            **error)
{
  static const char * const names[] = { "start_dim", "end_dim", NULL };
  g_auto(Bound) a = { 0 };

  if (!torch_bind (b, m, names, &a, error))
    return FALSE;
  if ((a.values[0] != NULL &&
       (a.values[0]->type != TORCH_VALUE_INT || a.values[0]->integer != 1)) ||
      (a.values[1] != NULL &&
       (a.values[1]->type != TORCH_VALUE_INT || a.values[1]->integer != -1)))
    {
      torch_builder_fail (b, m, STRATA_IMPORT_ERROR_UNSUPPORTED, error, "%s",
                          _("Strata flattens everything but the batch: start_dim=1, "
                            "end_dim=-1"));
      return FALSE;
    }
  return emit (b, m, STRATA_LAYER_KIND_FLATTEN, NULL, error);
}

/* An integral scale factor from a float such as 2.0. */
static gboolean
get_scale (TorchBuilder       *b,
           const TorchModule  *m,
           const TorchValue   *v,
           guint              *out,
           GError            **error)
{
  if ((v->type == TORCH_VALUE_INT || v->type == TORCH_VALUE_FLOAT) && v->number >= 1 &&
      v->number <= 65536 && v->number == floor (v->number))
    {
      *out = (guint) v->number;
      return TRUE;
    }
  torch_builder_fail (b, m, STRATA_IMPORT_ERROR_UNSUPPORTED, error, "%s",
                      _("Strata upsamples by whole factors from 1 to 65536 only"));
  return FALSE;
}

static gboolean
map_upsample (TorchBuilder       *b,
              const TorchModule  *m,
              GError            **error)
{
  static const char * const names[] = {
    "size", "scale_factor", "mode", "align_corners", "recompute_scale_factor", NULL
  };
  g_auto(Bound) a = { 0 };
  StrataLayerParams p;
  const StrataShape *shape;
  TorchValue *size, *scale;
  const char *mode;

  strata_layer_kind_init_params (STRATA_LAYER_KIND_UPSAMPLING2D, &p);
  if (!torch_bind (b, m, names, &a, error) || !need_image (b, m, error))
    return FALSE;
  shape = torch_builder_shape (b);
  size = a.values[0] != NULL && a.values[0]->type != TORCH_VALUE_NONE ? a.values[0] : NULL;
  scale = a.values[1] != NULL && a.values[1]->type != TORCH_VALUE_NONE ? a.values[1] : NULL;
  if ((size == NULL) == (scale == NULL))
    {
      torch_builder_fail (b, m, STRATA_IMPORT_ERROR_INVALID, error, "%s",
                          _("give either “size” or “scale_factor”"));
      return FALSE;
    }
  if (scale != NULL && scale->type == TORCH_VALUE_TUPLE)
    {
      if (scale->items->len != 2)
        {
          torch_builder_fail_at (b, m, scale, error, "%s",
                                 _("“scale_factor” must be a number or a pair of them"));
          return FALSE;
        }
      if (!get_scale (b, m, g_ptr_array_index (scale->items, 0), &p.size.height, error) ||
          !get_scale (b, m, g_ptr_array_index (scale->items, 1), &p.size.width, error))
        return FALSE;
    }
  else if (scale != NULL)
    {
      if (!get_scale (b, m, scale, &p.size.height, error))
        return FALSE;
      p.size.width = p.size.height;
    }
  else
    {
      StrataPair target;

      if (!torch_get_pair (b, m, names[0], size, 1, &target, error))
        return FALSE;
      if (target.height % shape->height != 0 || target.width % shape->width != 0)
        {
          torch_builder_fail (b, m, STRATA_IMPORT_ERROR_UNSUPPORTED, error, "%s",
                              _("Strata upsamples by whole factors only, and this size is not a "
                                "multiple of the input’s"));
          return FALSE;
        }
      p.size = (StrataPair) { target.height / shape->height, target.width / shape->width };
    }

  mode = a.values[2] != NULL && a.values[2]->type == TORCH_VALUE_STRING ? a.values[2]->string
                                                                        : "nearest";
  if (g_str_equal (m->type, "UpsamplingBilinear2d") || g_str_equal (mode, "bilinear"))
    p.interpolation = STRATA_INTERPOLATION_BILINEAR;
  else if (g_str_equal (mode, "bicubic"))
    {
      p.interpolation = STRATA_INTERPOLATION_BILINEAR;
      torch_builder_warn (b, m, "%s", _("bicubic upsampling is drawn as bilinear (the shape is "
                                        "the same)"));
    }
  else if (!g_str_equal (mode, "nearest") && !g_str_equal (mode, "nearest-exact"))
    {
      torch_builder_fail (b, m, STRATA_IMPORT_ERROR_UNSUPPORTED, error,
                          _("Strata has no upsampling of mode “%s” for images"), mode);
      return FALSE;
    }
  return emit (b, m, STRATA_LAYER_KIND_UPSAMPLING2D, &p, error);
}

static gboolean
map_zero_pad (TorchBuilder       *b,
              const TorchModule  *m,
              GError            **error)
{
  static const char * const names[] = { "padding", NULL };
  g_auto(Bound) a = { 0 };
  StrataLayerParams p;
  TorchValue *v;
  guint sides[4];

  strata_layer_kind_init_params (STRATA_LAYER_KIND_ZERO_PADDING2D, &p);
  if (!torch_bind (b, m, names, &a, error) || !torch_require (b, m, names, &a, 1, error) ||
      !need_image (b, m, error))
    return FALSE;
  v = a.values[0];
  /* PyTorch's order: left, right, top, bottom. */
  if (v->type == TORCH_VALUE_TUPLE && v->items->len == 4)
    {
      for (guint i = 0; i < 4; i++)
        if (!torch_get_count (b, m, names[0], g_ptr_array_index (v->items, i), 0, &sides[i], error))
          return FALSE;
    }
  else if (v->type == TORCH_VALUE_INT)
    {
      if (!torch_get_count (b, m, names[0], v, 0, &sides[0], error))
        return FALSE;
      sides[1] = sides[2] = sides[3] = sides[0];
    }
  else
    {
      torch_builder_fail (b, m, STRATA_IMPORT_ERROR_INVALID, error, "%s",
                          _("“padding” must be a whole number or (left, right, top, bottom)"));
      return FALSE;
    }
  p.zero_padding = (StrataSides) { sides[2], sides[3], sides[0], sides[1] };
  return emit (b, m, STRATA_LAYER_KIND_ZERO_PADDING2D, &p, error);
}

typedef struct
{
  const char       *type;
  StrataActivation  activation;
} ActivationMapping;

/* Each activation's arguments (a slope, inplace, a dim) change no shape
 * or count, so they are read only to check the text. */
static const ActivationMapping activations[] = {
  { "ReLU", STRATA_ACTIVATION_RELU },
  { "ReLU6", STRATA_ACTIVATION_RELU6 },
  { "LeakyReLU", STRATA_ACTIVATION_LEAKY_RELU },
  { "ELU", STRATA_ACTIVATION_ELU },
  { "GELU", STRATA_ACTIVATION_GELU },
  { "Sigmoid", STRATA_ACTIVATION_SIGMOID },
  { "Tanh", STRATA_ACTIVATION_TANH },
  { "Softmax", STRATA_ACTIVATION_SOFTMAX },
  { "Softmax2d", STRATA_ACTIVATION_SOFTMAX },
  { "SiLU", STRATA_ACTIVATION_SWISH },
};

static gboolean
map_activation (TorchBuilder       *b,
                const TorchModule  *m,
                StrataActivation    activation,
                GError            **error)
{
  g_autoptr(GPtrArray) args = torch_parse_args (b->data, m, b->file, error);
  StrataLayerParams p;

  if (args == NULL)
    return FALSE;
  strata_layer_kind_init_params (STRATA_LAYER_KIND_ACTIVATION, &p);
  p.activation = activation;
  return emit (b, m, STRATA_LAYER_KIND_ACTIVATION, &p, error);
}

static gboolean
is_one_of (const char         *type,
           const char * const *types)
{
  return g_strv_contains (types, type);
}

/* Containers that run their children in order and nothing else. */
static const char * const sequential_types[] = {
  "Sequential", "ModuleList", "Conv2dNormActivation", "ConvNormActivation", "ConvBNReLU",
  "ConvBNActivation", "_Transition", NULL
};

static gboolean
is_not_2d (const char *type)
{
  static const char * const families[] = {
    "Conv", "ConvTranspose", "MaxPool", "AvgPool", "AdaptiveAvgPool", "AdaptiveMaxPool",
    "LPPool", "FractionalMaxPool", "MaxUnpool", "BatchNorm", "InstanceNorm", "Dropout",
    "ZeroPad", "ConstantPad", "ReflectionPad", "ReplicationPad", "LazyConv", NULL
  };
  gsize length = strlen (type);

  if (length < 3 || (!g_str_has_suffix (type, "1d") && !g_str_has_suffix (type, "3d")))
    return FALSE;
  /* BatchNorm1d acts on the vectors of a 2-D network too. */
  if (g_str_equal (type, "BatchNorm1d"))
    return FALSE;
  for (guint i = 0; families[i] != NULL; i++)
    if (length == strlen (families[i]) + 2 && g_str_has_prefix (type, families[i]))
      return TRUE;
  return FALSE;
}

static gboolean
map_leaf (TorchBuilder       *b,
          const TorchModule  *m,
          gboolean           *known,
          GError            **error)
{
  const char *t = m->type;

  *known = TRUE;
  if (g_str_equal (t, "Conv2d") || g_str_equal (t, "ConvTranspose2d"))
    return map_conv (b, m, g_str_equal (t, "ConvTranspose2d"), error);
  if (g_str_equal (t, "MaxPool2d") || g_str_equal (t, "AvgPool2d"))
    return map_pool (b, m, g_str_equal (t, "MaxPool2d"), error);
  if (g_str_equal (t, "AdaptiveAvgPool2d"))
    return map_adaptive_pool (b, m, error);
  if (g_str_equal (t, "Linear"))
    return map_linear (b, m, error);
  if (g_str_equal (t, "BatchNorm2d") || g_str_equal (t, "BatchNorm1d"))
    return map_batchnorm (b, m, g_str_equal (t, "BatchNorm2d"), error);
  if (g_str_equal (t, "Dropout") || g_str_equal (t, "Dropout2d"))
    return map_dropout (b, m, error);
  if (g_str_equal (t, "Flatten"))
    return map_flatten (b, m, error);
  if (g_str_equal (t, "Upsample") || g_str_equal (t, "UpsamplingNearest2d") ||
      g_str_equal (t, "UpsamplingBilinear2d"))
    return map_upsample (b, m, error);
  if (g_str_equal (t, "ZeroPad2d"))
    return map_zero_pad (b, m, error);
  /* StochasticDepth drops a residual branch at random while training
   * only; neither changes a shape or a count. */
  if (g_str_equal (t, "Identity") || g_str_equal (t, "StochasticDepth"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (activations); i++)
    if (g_str_equal (t, activations[i].type))
      return map_activation (b, m, activations[i].activation, error);
  *known = FALSE;
  return FALSE;
}

gboolean
torch_build_module (TorchBuilder       *b,
                    const TorchModule  *m,
                    guint               depth,
                    GError            **error)
{
  gboolean known;
  gboolean ok;

  if (is_not_2d (m->type))
    {
      torch_builder_fail (b, m, STRATA_IMPORT_ERROR_NOT_2D, error, "%s",
                          _("Strata models 2-D image networks, and this module is 1-D or 3-D"));
      return FALSE;
    }

  ok = map_leaf (b, m, &known, error);
  if (known)
    {
      if (ok && m->children != NULL && m->children->len > 0)
        {
          torch_builder_fail (b, m, STRATA_IMPORT_ERROR_INVALID, error,
                              _("%s has no child modules"), m->type);
          return FALSE;
        }
      return ok;
    }

  if (m->children == NULL || m->children->len == 0)
    {
      if (is_one_of (m->type, sequential_types))
        return TRUE;
      torch_builder_fail (b, m, STRATA_IMPORT_ERROR_UNSUPPORTED, error,
                          _("Strata has no layer for the module %s"), m->type);
      return FALSE;
    }

  if (is_one_of (m->type, sequential_types))
    {
      for (guint i = 0; i < m->children->len; i++)
        if (!torch_build_module (b, g_ptr_array_index (m->children, i), depth + 1, error))
          return FALSE;
      return TRUE;
    }

  ok = torch_build_block (b, m, depth, &known, error);
  if (known)
    return ok;

  /* Any other module: its children in the printed order, as a model's own
   * class (VGG, AlexNet, a user's Net) runs them. Its forward() may run
   * functional code between them (torch.flatten). */
  if (depth > 0 && !g_hash_table_contains (b->warned, m->type))
    {
      g_hash_table_add (b->warned, m->type);
      torch_builder_warn (b, m, "%s",
                          _("Strata does not know what this class’s forward() does: its "
                            "children are taken to run one after the other, in the printed "
                            "order"));
    }
  for (guint i = 0; i < m->children->len; i++)
    {
      torch_builder_mark_boundary (b);
      if (!torch_build_module (b, g_ptr_array_index (m->children, i), depth + 1, error))
        return FALSE;
    }
  torch_builder_mark_boundary (b);
  return TRUE;
}
