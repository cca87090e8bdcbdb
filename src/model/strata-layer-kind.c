/* strata-layer-kind.c: shape, parameter and MAC rules of every layer kind. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-layer-kind.h"

G_DEFINE_ENUM_TYPE (StrataLayerKind, strata_layer_kind,
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_CONV2D, "conv2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_DEPTHWISE_CONV2D, "depthwise-conv2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_SEPARABLE_CONV2D, "separable-conv2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_MAXPOOL2D, "maxpool2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_AVGPOOL2D, "avgpool2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D, "adaptive-avgpool2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D, "global-avgpool2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_GLOBAL_MAXPOOL2D, "global-maxpool2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_FLATTEN, "flatten"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_DENSE, "dense"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_BATCHNORM, "batchnorm"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_DROPOUT, "dropout"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_ACTIVATION, "activation"))

G_DEFINE_ENUM_TYPE (StrataPadding, strata_padding,
  G_DEFINE_ENUM_VALUE (STRATA_PADDING_VALID, "valid"),
  G_DEFINE_ENUM_VALUE (STRATA_PADDING_SAME, "same"),
  G_DEFINE_ENUM_VALUE (STRATA_PADDING_EXPLICIT, "explicit"))

/* The activations: index = StrataActivation. The id is written in files
 * and is the GEnum nick; "none" is written only for an activation layer
 * set to none, whose default is relu. */
static const StrataActivationInfo activation_infos[STRATA_N_ACTIVATIONS] = {
  { STRATA_ACTIVATION_NONE, "none", N_("None") },
  { STRATA_ACTIVATION_RELU, "relu", N_("ReLU") },
  { STRATA_ACTIVATION_RELU6, "relu6", N_("ReLU6") },
  { STRATA_ACTIVATION_LEAKY_RELU, "leaky_relu", N_("Leaky ReLU") },
  { STRATA_ACTIVATION_ELU, "elu", N_("ELU") },
  { STRATA_ACTIVATION_GELU, "gelu", N_("GELU") },
  { STRATA_ACTIVATION_SIGMOID, "sigmoid", N_("Sigmoid") },
  { STRATA_ACTIVATION_TANH, "tanh", N_("Tanh") },
  { STRATA_ACTIVATION_SOFTMAX, "softmax", N_("Softmax") },
  { STRATA_ACTIVATION_SWISH, "swish", N_("Swish") },
  { STRATA_ACTIVATION_LINEAR, "linear", N_("Linear") },
};

GType
strata_activation_get_type (void)
{
  static gsize type = 0;

  /* Registered from the table, so the nicks cannot drift from the ids. */
  if (g_once_init_enter (&type))
    {
      static GEnumValue values[STRATA_N_ACTIVATIONS + 1];

      for (guint i = 0; i < STRATA_N_ACTIVATIONS; i++)
        values[i] = (GEnumValue) { activation_infos[i].activation, activation_infos[i].id,
                                   activation_infos[i].id };
      g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("StrataActivation"),
                                                        values));
    }
  return type;
}

#define PARAM(id, key, label, type, prop, prop_w, field) \
  { STRATA_PARAM_##id, key, label, STRATA_PARAM_TYPE_##type, prop, prop_w, \
    G_STRUCT_OFFSET (StrataLayerParams, field) }
static const StrataParamInfo param_infos[STRATA_N_PARAMS] = {
  PARAM (FILTERS, "filters", N_("Filters"), COUNT, "filters", NULL, filters),
  PARAM (KERNEL, "kernel", N_("Kernel"), PAIR, "kernel-height", "kernel-width", kernel),
  PARAM (STRIDE, "stride", N_("Stride"), PAIR, "stride-height", "stride-width", stride),
  PARAM (PADDING, "padding", N_("Padding"), PADDING, "padding-height", "padding-width", padding),
  PARAM (DILATION, "dilation", N_("Dilation"), PAIR, "dilation-height", "dilation-width",
         dilation),
  PARAM (GROUPS, "groups", N_("Groups"), COUNT, "groups", NULL, groups),
  PARAM (DEPTH_MULTIPLIER, "depth_multiplier", N_("Depth multiplier"), COUNT,
         "depth-multiplier", NULL, depth_multiplier),
  PARAM (BIAS, "bias", N_("Bias"), BOOLEAN, "bias", NULL, bias),
  PARAM (ACTIVATION, "activation", N_("Activation"), ACTIVATION, "activation", NULL, activation),
  PARAM (POOL, "pool", N_("Pool size"), PAIR, "pool-height", "pool-width", pool),
  PARAM (CEIL_MODE, "ceil_mode", N_("Ceil mode"), BOOLEAN, "ceil-mode", NULL, ceil_mode),
  PARAM (OUTPUT, "output", N_("Output size"), PAIR, "output-height", "output-width", output),
  PARAM (UNITS, "units", N_("Units"), COUNT, "units", NULL, units),
  PARAM (RATE, "rate", N_("Rate"), RATE, "rate", NULL, rate),
};
#undef PARAM

static const char * const category_labels[STRATA_N_LAYER_CATEGORIES] = {
  N_("Input"), N_("Convolution"), N_("Pooling"), N_("Dense"),
  N_("Normalization"), N_("Activation"), N_("Dropout"), N_("Reshape"),
};

char *
strata_format_count (guint64 count)
{
  /* The ' flag groups digits as LC_NUMERIC says: "48,120" in English. */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}

void
strata_layer_result_clear (StrataLayerResult *result)
{
  g_clear_pointer (&result->formula, g_free);
  g_clear_pointer (&result->error, g_free);
  memset (result, 0, sizeof *result);
}

/* Sets the result's error once; the first problem found is the one reported. */
G_GNUC_PRINTF (2, 3)
static void
fail (StrataLayerResult *result,
      const char        *format,
      ...)
{
  va_list args;

  if (result->error != NULL)
    return;

  va_start (args, format);
  result->error = g_strdup_vprintf (format, args);
  va_end (args);
}

static void
fail_overflow (StrataLayerResult *result)
{
  fail (result, "%s", _("The counts of this layer are too large to represent (more than 2⁶⁴)"));
}

/* Multiplies into *acc, failing the result on overflow. */
static gboolean
mul (StrataLayerResult *result,
     guint64           *acc,
     guint64            factor)
{
  if (result->error != NULL)
    return FALSE;
  if (g_uint64_checked_mul (acc, *acc, factor))
    return TRUE;
  fail_overflow (result);
  return FALSE;
}

static gboolean
add (StrataLayerResult *result,
     guint64           *acc,
     guint64            term)
{
  if (result->error != NULL)
    return FALSE;
  if (g_uint64_checked_add (acc, *acc, term))
    return TRUE;
  fail_overflow (result);
  return FALSE;
}

static gboolean
need_spatial (const StrataShape *input,
              StrataLayerResult *result)
{
  g_autofree char *n = NULL;

  if (!input->is_vector)
    return TRUE;

  n = strata_format_count (input->channels);
  fail (result,
        _("Needs a spatial input (height × width × channels), but its input is a vector of %s"),
        n);
  return FALSE;
}

static guint64
input_size (const StrataShape *input,
            StrataLayerResult *result)
{
  guint64 size = 0;

  if (!strata_shape_get_size (input, &size))
    fail_overflow (result);
  return size;
}

/* One spatial axis of a sliding window. Follows PyTorch for explicit
 * padding and ceil mode, Keras for "same". */
static gboolean
window_axis (guint64        in,
             guint          window,
             guint          stride,
             guint          dilation,
             StrataPadding  mode,
             guint          pad,
             gboolean       ceil_mode,
             guint64       *out)
{
  guint64 span = (guint64) dilation * (window - 1) + 1;
  guint64 total;
  guint64 n;

  if (mode == STRATA_PADDING_SAME)
    {
      *out = in / stride + (in % stride != 0);
      return TRUE;
    }

  if (mode == STRATA_PADDING_VALID)
    pad = 0;

  total = in + 2 * (guint64) pad;
  if (total < span)
    return FALSE;

  n = (total - span) / stride;
  if (ceil_mode && (total - span) % stride != 0)
    {
      /* PyTorch drops a last window that would start in the right padding. */
      if ((n + 1) * stride < in + pad)
        n++;
    }
  *out = n + 1;
  return TRUE;
}

/* Output height and width of a sliding window over a spatial input. */
static gboolean
window_output (const StrataLayerParams *p,
               const StrataShape       *input,
               StrataPair               window,
               StrataPair               dilation,
               gboolean                 ceil_mode,
               const char              *what,
               StrataLayerResult       *result)
{
  g_autofree char *in_h = NULL;
  g_autofree char *in_w = NULL;
  StrataPair pad = p->padding_mode == STRATA_PADDING_EXPLICIT ? p->padding : (StrataPair) { 0, 0 };

  if (!window_axis (input->height, window.height, p->stride.height, dilation.height,
                    p->padding_mode, pad.height, ceil_mode, &result->output.height) ||
      !window_axis (input->width, window.width, p->stride.width, dilation.width,
                    p->padding_mode, pad.width, ceil_mode, &result->output.width))
    {
      /* Formatted only here: this runs for every layer on every recompute. */
      in_h = strata_format_count (input->height);
      in_w = strata_format_count (input->width);
      if (dilation.height > 1 || dilation.width > 1)
        {
          /* As text: xgettext cuts a message short at a G_GUINT64_FORMAT. */
          g_autofree char *span_h = strata_format_count ((guint64) dilation.height *
                                                         (window.height - 1) + 1);
          g_autofree char *span_w = strata_format_count ((guint64) dilation.width *
                                                         (window.width - 1) + 1);

          fail (result,
                /* Translators: the third "%s" is "kernel" or "pooling window" */
                _("A %u × %u %s with dilation %u × %u spans %s × %s, which does not fit a "
                  "%s × %s input"),
                window.height, window.width, what, dilation.height, dilation.width,
                span_h, span_w, in_h, in_w);
        }
      else if (pad.height == 0 && pad.width == 0)
        fail (result, _("A %u × %u %s does not fit a %s × %s input without padding"),
              window.height, window.width, what, in_h, in_w);
      else
        fail (result, _("A %u × %u %s does not fit a %s × %s input with padding %u × %u"),
              window.height, window.width, what, in_h, in_w, pad.height, pad.width);
      return FALSE;
    }
  return TRUE;
}

static void
set_no_weights (StrataLayerResult *result)
{
  result->formula = g_strdup (_("0 (no weights)"));
}

static void
apply_conv2d (const StrataLayerParams *p,
              const StrataShape       *input,
              StrataLayerResult       *r)
{
  guint64 cin = input->channels;
  guint64 per_filter;
  guint64 weights;
  g_autofree char *kh = NULL, *kw = NULL, *ci = NULL, *f = NULL, *total = NULL;
  g_autofree char *depth = NULL;

  if (!need_spatial (input, r))
    return;
  if (cin % p->groups != 0 || p->filters % p->groups != 0)
    {
      g_autofree char *c = strata_format_count (cin);
      fail (r, _("Groups (%u) must divide both the input channels (%s) and the filters (%u)"),
            p->groups, c, p->filters);
      return;
    }
  if (!window_output (p, input, p->kernel, p->dilation, FALSE, _("kernel"), r))
    return;
  r->output.channels = p->filters;

  per_filter = (guint64) p->kernel.height * p->kernel.width;
  mul (r, &per_filter, cin / p->groups);
  weights = per_filter;
  mul (r, &weights, p->filters);
  r->params = weights;
  if (p->bias)
    add (r, &r->params, p->filters);
  r->trainable_params = r->params;

  r->macs = r->output.height;
  mul (r, &r->macs, r->output.width);
  mul (r, &r->macs, p->filters);
  mul (r, &r->macs, per_filter);
  if (r->error != NULL)
    return;

  kh = strata_format_count (p->kernel.height);
  kw = strata_format_count (p->kernel.width);
  ci = strata_format_count (cin);
  f = strata_format_count (p->filters);
  total = strata_format_count (r->params);
  depth = p->groups > 1 ? g_strdup_printf ("%s/%u", ci, p->groups) : g_strdup (ci);
  if (p->bias)
    r->formula = g_strdup_printf ("(%s × %s × %s + 1) × %s = %s", kh, kw, depth, f, total);
  else
    r->formula = g_strdup_printf ("%s × %s × %s × %s = %s", kh, kw, depth, f, total);
}

static void
apply_depthwise_conv2d (const StrataLayerParams *p,
                        const StrataShape       *input,
                        StrataLayerResult       *r)
{
  guint64 channels = input->channels;
  guint64 window = (guint64) p->kernel.height * p->kernel.width;
  g_autofree char *kh = NULL, *kw = NULL, *c = NULL, *total = NULL, *count = NULL;

  if (!need_spatial (input, r))
    return;
  if (!window_output (p, input, p->kernel, p->dilation, FALSE, _("kernel"), r))
    return;
  mul (r, &channels, p->depth_multiplier);
  r->output.channels = channels;

  r->params = window;
  if (p->bias)
    add (r, &r->params, 1);
  mul (r, &r->params, channels);
  r->trainable_params = r->params;

  r->macs = r->output.height;
  mul (r, &r->macs, r->output.width);
  mul (r, &r->macs, channels);
  mul (r, &r->macs, window);
  if (r->error != NULL)
    return;

  kh = strata_format_count (p->kernel.height);
  kw = strata_format_count (p->kernel.width);
  c = strata_format_count (input->channels);
  total = strata_format_count (r->params);
  count = p->depth_multiplier > 1 ? g_strdup_printf ("%s × %u", c, p->depth_multiplier)
                                  : g_strdup (c);
  if (p->bias)
    r->formula = g_strdup_printf ("(%s × %s + 1) × %s = %s", kh, kw, count, total);
  else
    r->formula = g_strdup_printf ("%s × %s × %s = %s", kh, kw, count, total);
}

static void
apply_separable_conv2d (const StrataLayerParams *p,
                        const StrataShape       *input,
                        StrataLayerResult       *r)
{
  guint64 mid = input->channels;
  guint64 window = (guint64) p->kernel.height * p->kernel.width;
  guint64 depthwise;
  guint64 pointwise;
  guint64 positions;
  guint64 pointwise_macs;
  g_autofree char *kh = NULL, *kw = NULL, *c = NULL, *m = NULL, *f = NULL, *total = NULL;

  if (!need_spatial (input, r))
    return;
  if (!window_output (p, input, p->kernel, p->dilation, FALSE, _("kernel"), r))
    return;
  r->output.channels = p->filters;

  mul (r, &mid, p->depth_multiplier);
  depthwise = window;
  mul (r, &depthwise, mid);
  pointwise = mid;
  mul (r, &pointwise, p->filters);
  r->params = depthwise;
  add (r, &r->params, pointwise);
  if (p->bias)
    add (r, &r->params, p->filters);
  r->trainable_params = r->params;

  positions = r->output.height;
  mul (r, &positions, r->output.width);
  r->macs = positions;
  mul (r, &r->macs, depthwise);
  pointwise_macs = positions;
  mul (r, &pointwise_macs, pointwise);
  add (r, &r->macs, pointwise_macs);
  if (r->error != NULL)
    return;

  kh = strata_format_count (p->kernel.height);
  kw = strata_format_count (p->kernel.width);
  c = strata_format_count (input->channels);
  f = strata_format_count (p->filters);
  total = strata_format_count (r->params);
  m = p->depth_multiplier > 1 ? g_strdup_printf ("%s × %u", c, p->depth_multiplier)
                              : g_strdup (c);
  if (p->bias)
    r->formula = g_strdup_printf ("%s × %s × %s + %s × %s + %s = %s", kh, kw, m, m, f, f, total);
  else
    r->formula = g_strdup_printf ("%s × %s × %s + %s × %s = %s", kh, kw, m, m, f, total);
}

static void
apply_pool2d (const StrataLayerParams *p,
              const StrataShape       *input,
              StrataLayerResult       *r)
{
  StrataPair no_dilation = { 1, 1 };

  if (!need_spatial (input, r))
    return;
  if (p->padding_mode == STRATA_PADDING_EXPLICIT &&
      (p->padding.height > p->pool.height / 2 || p->padding.width > p->pool.width / 2))
    {
      /* PyTorch refuses this too: a window could then lie wholly in the padding. */
      fail (r, _("Padding %u × %u is more than half of the %u × %u pooling window"),
            p->padding.height, p->padding.width, p->pool.height, p->pool.width);
      return;
    }
  if (!window_output (p, input, p->pool, no_dilation, p->ceil_mode, _("pooling window"), r))
    return;
  r->output.channels = input->channels;
  set_no_weights (r);
}

static void
apply_adaptive_avgpool2d (const StrataLayerParams *p,
                          const StrataShape       *input,
                          StrataLayerResult       *r)
{
  if (!need_spatial (input, r))
    return;
  r->output.height = p->output.height;
  r->output.width = p->output.width;
  r->output.channels = input->channels;
  set_no_weights (r);
}

static void
apply_global_pool2d (const StrataLayerParams *p,
                     const StrataShape       *input,
                     StrataLayerResult       *r)
{
  if (!need_spatial (input, r))
    return;
  r->output = (StrataShape) { 1, 1, input->channels, TRUE };
  set_no_weights (r);
}

static void
apply_flatten (const StrataLayerParams *p,
               const StrataShape       *input,
               StrataLayerResult       *r)
{
  guint64 n = input_size (input, r);

  r->output = (StrataShape) { 1, 1, n, TRUE };
  set_no_weights (r);
}

static void
apply_dense (const StrataLayerParams *p,
             const StrataShape       *input,
             StrataLayerResult       *r)
{
  /* A spatial input is flattened first, as lecture diagrams draw it. */
  guint64 in = input_size (input, r);
  g_autofree char *i = NULL, *u = NULL, *total = NULL;

  r->output = (StrataShape) { 1, 1, p->units, TRUE };
  r->params = in;
  mul (r, &r->params, p->units);
  r->macs = r->params;
  if (p->bias)
    add (r, &r->params, p->units);
  r->trainable_params = r->params;
  if (r->error != NULL)
    return;

  i = strata_format_count (in);
  u = strata_format_count (p->units);
  total = strata_format_count (r->params);
  if (p->bias)
    r->formula = g_strdup_printf ("(%s + 1) × %s = %s", i, u, total);
  else
    r->formula = g_strdup_printf ("%s × %s = %s", i, u, total);
}

static void
apply_batchnorm (const StrataLayerParams *p,
                 const StrataShape       *input,
                 StrataLayerResult       *r)
{
  g_autofree char *c = NULL, *total = NULL;

  r->output = *input;
  /* Keras's split: γ and β are trained, the moving mean and variance are not. */
  r->trainable_params = 2;
  mul (r, &r->trainable_params, input->channels);
  r->non_trainable_params = r->trainable_params;
  r->params = r->trainable_params;
  add (r, &r->params, r->non_trainable_params);
  if (r->error != NULL)
    return;

  c = strata_format_count (input->channels);
  total = strata_format_count (r->params);
  /* Translators: γ, β, mean and variance are BatchNorm's four weights per channel */
  r->formula = g_strdup_printf (_("4 × %s = %s (γ, β trained; mean, variance not)"), c, total);
}

static void
apply_identity (const StrataLayerParams *p,
                const StrataShape       *input,
                StrataLayerResult       *r)
{
  r->output = *input;
  set_no_weights (r);
}

#define P(x) STRATA_PARAM_BIT (STRATA_PARAM_##x)
#define CONV_WINDOW (P (KERNEL) | P (STRIDE) | P (PADDING) | P (DILATION))
#define POOL_WINDOW (P (POOL) | P (STRIDE) | P (PADDING) | P (CEIL_MODE))

static const StrataLayerKindInfo kind_infos[STRATA_N_LAYER_KINDS] = {
  { STRATA_LAYER_KIND_CONV2D, "conv2d", N_("Convolution"), N_("Conv"),
    STRATA_LAYER_CATEGORY_CONVOLUTION,
    P (FILTERS) | CONV_WINDOW | P (GROUPS) | P (BIAS) | P (ACTIVATION), apply_conv2d },
  { STRATA_LAYER_KIND_DEPTHWISE_CONV2D, "depthwise_conv2d", N_("Depthwise convolution"),
    N_("DW conv"), STRATA_LAYER_CATEGORY_CONVOLUTION,
    CONV_WINDOW | P (DEPTH_MULTIPLIER) | P (BIAS) | P (ACTIVATION), apply_depthwise_conv2d },
  { STRATA_LAYER_KIND_SEPARABLE_CONV2D, "separable_conv2d", N_("Separable convolution"),
    N_("Sep conv"), STRATA_LAYER_CATEGORY_CONVOLUTION,
    P (FILTERS) | CONV_WINDOW | P (DEPTH_MULTIPLIER) | P (BIAS) | P (ACTIVATION),
    apply_separable_conv2d },
  { STRATA_LAYER_KIND_MAXPOOL2D, "maxpool2d", N_("Max pooling"), N_("Max pool"),
    STRATA_LAYER_CATEGORY_POOLING, POOL_WINDOW, apply_pool2d },
  { STRATA_LAYER_KIND_AVGPOOL2D, "avgpool2d", N_("Average pooling"), N_("Avg pool"),
    STRATA_LAYER_CATEGORY_POOLING, POOL_WINDOW, apply_pool2d },
  { STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D, "adaptive_avgpool2d", N_("Adaptive average pooling"),
    N_("Adaptive pool"), STRATA_LAYER_CATEGORY_POOLING, P (OUTPUT), apply_adaptive_avgpool2d },
  { STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D, "global_avgpool2d", N_("Global average pooling"),
    N_("Global avg pool"), STRATA_LAYER_CATEGORY_POOLING, 0, apply_global_pool2d },
  { STRATA_LAYER_KIND_GLOBAL_MAXPOOL2D, "global_maxpool2d", N_("Global max pooling"),
    N_("Global max pool"), STRATA_LAYER_CATEGORY_POOLING, 0, apply_global_pool2d },
  { STRATA_LAYER_KIND_FLATTEN, "flatten", N_("Flatten"), N_("Flatten"),
    STRATA_LAYER_CATEGORY_RESHAPE, 0, apply_flatten },
  { STRATA_LAYER_KIND_DENSE, "dense", N_("Dense"), N_("Dense"),
    STRATA_LAYER_CATEGORY_DENSE, P (UNITS) | P (BIAS) | P (ACTIVATION), apply_dense },
  { STRATA_LAYER_KIND_BATCHNORM, "batchnorm", N_("Batch normalization"), N_("BatchNorm"),
    STRATA_LAYER_CATEGORY_NORMALIZATION, 0, apply_batchnorm },
  { STRATA_LAYER_KIND_DROPOUT, "dropout", N_("Dropout"), N_("Dropout"),
    STRATA_LAYER_CATEGORY_DROPOUT, P (RATE), apply_identity },
  { STRATA_LAYER_KIND_ACTIVATION, "activation", N_("Activation"), N_("Activation"),
    STRATA_LAYER_CATEGORY_ACTIVATION, P (ACTIVATION), apply_identity },
};

#undef P
#undef CONV_WINDOW
#undef POOL_WINDOW

const StrataLayerKindInfo *
strata_layer_kind_get_info (StrataLayerKind kind)
{
  g_return_val_if_fail (kind < STRATA_N_LAYER_KINDS, NULL);

  return &kind_infos[kind];
}

gboolean
strata_layer_kind_from_id (const char      *id,
                           StrataLayerKind *kind)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < STRATA_N_LAYER_KINDS; i++)
    {
      if (g_str_equal (kind_infos[i].id, id))
        {
          *kind = kind_infos[i].kind;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
strata_layer_kind_takes (StrataLayerKind kind,
                         StrataParam     param)
{
  g_return_val_if_fail (kind < STRATA_N_LAYER_KINDS, FALSE);
  g_return_val_if_fail (param < STRATA_N_PARAMS, FALSE);

  return (kind_infos[kind].params_mask & STRATA_PARAM_BIT (param)) != 0;
}

void
strata_layer_kind_init_params (StrataLayerKind    kind,
                               StrataLayerParams *params)
{
  g_return_if_fail (kind < STRATA_N_LAYER_KINDS);
  g_return_if_fail (params != NULL);

  *params = (StrataLayerParams) {
    .filters = 8,
    .kernel = { 3, 3 },
    .stride = { 1, 1 },
    .padding_mode = STRATA_PADDING_VALID,
    .padding = { 0, 0 },
    .dilation = { 1, 1 },
    .groups = 1,
    .depth_multiplier = 1,
    .bias = TRUE,
    .activation = kind == STRATA_LAYER_KIND_ACTIVATION ? STRATA_ACTIVATION_RELU
                                                       : STRATA_ACTIVATION_NONE,
    .pool = { 2, 2 },
    .ceil_mode = FALSE,
    .output = { 1, 1 },
    .units = 10,
    .rate = 0.5,
  };

  /* A pooling window moves by its own size unless told otherwise. */
  if (kind_infos[kind].params_mask & STRATA_PARAM_BIT (STRATA_PARAM_POOL))
    params->stride = params->pool;
}

const StrataParamInfo *
strata_param_get_info (StrataParam param)
{
  g_return_val_if_fail (param < STRATA_N_PARAMS, NULL);

  return &param_infos[param];
}

const StrataActivationInfo *
strata_activation_get_info (StrataActivation activation)
{
  g_return_val_if_fail (activation < STRATA_N_ACTIVATIONS, NULL);

  return &activation_infos[activation];
}

gboolean
strata_activation_from_id (const char       *id,
                           StrataActivation *activation)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < STRATA_N_ACTIVATIONS; i++)
    {
      if (g_str_equal (activation_infos[i].id, id))
        {
          *activation = i;
          return TRUE;
        }
    }
  return FALSE;
}

char *
strata_activation_list_ids (void)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < STRATA_N_ACTIVATIONS; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", activation_infos[i].id);
  return g_string_free (list, FALSE);
}

const char *
strata_layer_category_get_label (StrataLayerCategory category)
{
  g_return_val_if_fail (category < STRATA_N_LAYER_CATEGORIES, NULL);

  return _(category_labels[category]);
}
