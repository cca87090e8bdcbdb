/* strata-layer-kind.c: shape, parameter and MAC rules of every layer kind. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-layer-kind.h"
#include "strata-layer-rules-private.h"

G_DEFINE_ENUM_TYPE (StrataLayerKind, strata_layer_kind,
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_CONV2D, "conv2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_DEPTHWISE_CONV2D, "depthwise-conv2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_SEPARABLE_CONV2D, "separable-conv2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_CONV2D_TRANSPOSE, "conv2d-transpose"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_MAXPOOL2D, "maxpool2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_AVGPOOL2D, "avgpool2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D, "adaptive-avgpool2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D, "global-avgpool2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_GLOBAL_MAXPOOL2D, "global-maxpool2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_FLATTEN, "flatten"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_RESHAPE, "reshape"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_UPSAMPLING2D, "upsampling2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_ZERO_PADDING2D, "zero-padding2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_CROPPING2D, "cropping2d"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_DENSE, "dense"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_BATCHNORM, "batchnorm"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_DROPOUT, "dropout"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_ACTIVATION, "activation"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_ADD, "add"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_SUBTRACT, "subtract"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_MULTIPLY, "multiply"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_AVERAGE, "average"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_MAXIMUM, "maximum"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_MINIMUM, "minimum"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_CONCATENATE, "concatenate"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_INPUT, "input"),
  G_DEFINE_ENUM_VALUE (STRATA_LAYER_KIND_OPAQUE, "opaque"))

G_DEFINE_ENUM_TYPE (StrataConvention, strata_convention,
  G_DEFINE_ENUM_VALUE (STRATA_CONVENTION_KERAS, "keras"),
  G_DEFINE_ENUM_VALUE (STRATA_CONVENTION_PYTORCH, "pytorch"))

gboolean
strata_convention_from_id (const char       *id,
                           StrataConvention *convention)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (STRATA_TYPE_CONVENTION);
  GEnumValue *value = g_enum_get_value_by_nick (klass, id);

  if (value == NULL)
    return FALSE;
  *convention = value->value;
  return TRUE;
}

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

/* Index = StrataInterpolation. */
static const StrataChoice interpolations[STRATA_N_INTERPOLATIONS] = {
  { "nearest", N_("Nearest") },
  { "bilinear", N_("Bilinear") },
};

/* Index = StrataAxis. */
static const StrataChoice axes[STRATA_N_AXES] = {
  { "channels", N_("Channels") },
  { "height", N_("Height") },
  { "width", N_("Width") },
};

#define PARAM(id, key, label, type, minimum, field, ...) \
  { STRATA_PARAM_##id, key, label, STRATA_PARAM_TYPE_##type, minimum, { __VA_ARGS__ }, \
    G_STRUCT_OFFSET (StrataLayerParams, field), NULL, 0 }
#define CHOICE(id, key, label, field, choices, property) \
  { STRATA_PARAM_##id, key, label, STRATA_PARAM_TYPE_CHOICE, 0, { property }, \
    G_STRUCT_OFFSET (StrataLayerParams, field), choices, G_N_ELEMENTS (choices) }
static const StrataParamInfo param_infos[STRATA_N_PARAMS] = {
  PARAM (FILTERS, "filters", N_("Filters"), COUNT, 1, filters, "filters"),
  PARAM (KERNEL, "kernel", N_("Kernel"), PAIR, 1, kernel, "kernel-height", "kernel-width"),
  PARAM (STRIDE, "stride", N_("Stride"), PAIR, 1, stride, "stride-height", "stride-width"),
  PARAM (PADDING, "padding", N_("Padding"), PADDING, 0, padding,
         "padding-height", "padding-width"),
  PARAM (OUTPUT_PADDING, "output_padding", N_("Output padding"), PAIR, 0, output_padding,
         "output-padding-height", "output-padding-width"),
  PARAM (DILATION, "dilation", N_("Dilation"), PAIR, 1, dilation,
         "dilation-height", "dilation-width"),
  PARAM (GROUPS, "groups", N_("Groups"), COUNT, 1, groups, "groups"),
  PARAM (DEPTH_MULTIPLIER, "depth_multiplier", N_("Depth multiplier"), COUNT, 1,
         depth_multiplier, "depth-multiplier"),
  PARAM (BIAS, "bias", N_("Bias"), BOOLEAN, 0, bias, "bias"),
  PARAM (ACTIVATION, "activation", N_("Activation"), ACTIVATION, 0, activation, "activation"),
  PARAM (POOL, "pool", N_("Pool size"), PAIR, 1, pool, "pool-height", "pool-width"),
  PARAM (CEIL_MODE, "ceil_mode", N_("Ceil mode"), BOOLEAN, 0, ceil_mode, "ceil-mode"),
  PARAM (OUTPUT, "output", N_("Output size"), PAIR, 1, output, "output-height", "output-width"),
  PARAM (UNITS, "units", N_("Units"), COUNT, 1, units, "units"),
  PARAM (RATE, "rate", N_("Rate"), RATE, 0, rate, "rate"),
  PARAM (SIZE, "size", N_("Scale factor"), PAIR, 1, size, "size-height", "size-width"),
  CHOICE (INTERPOLATION, "interpolation", N_("Interpolation"), interpolation, interpolations,
          "interpolation"),
  CHOICE (AXIS, "axis", N_("Axis"), axis, axes, "axis"),
  /* The same key as a convolution's padding, which no kind takes with it. */
  PARAM (ZERO_PADDING, "padding", N_("Padding"), SIDES, 0, zero_padding,
         "padding-top", "padding-bottom", "padding-left", "padding-right"),
  PARAM (CROPPING, "cropping", N_("Cropping"), SIDES, 0, cropping,
         "cropping-top", "cropping-bottom", "cropping-left", "cropping-right"),
  PARAM (TARGET, "target", N_("Target shape"), TARGET, 1, target,
         "target-height", "target-width", "target-channels", "target-vector"),
  PARAM (HEIGHT, "height", N_("Height"), COUNT, 1, height, "height"),
  PARAM (WIDTH, "width", N_("Width"), COUNT, 1, width, "width"),
  PARAM (CHANNELS, "channels", N_("Channels"), COUNT, 1, channels, "channels"),
  PARAM (OP, "op", N_("Operation"), TEXT, 0, op, "op"),
  /* The same field and properties as a reshape's target, which no kind
   * takes with it: both are a shape the layer outputs. */
  PARAM (SHAPE, "shape", N_("Output shape"), TARGET, 1, target,
         "target-height", "target-width", "target-channels", "target-vector"),
  PARAM (TRAINABLE_WEIGHTS, "trainable_weights", N_("Trainable weights"), WEIGHTS, 0,
         trainable_weights, "trainable-weights"),
  PARAM (NON_TRAINABLE_WEIGHTS, "non_trainable_weights", N_("Non-trainable weights"), WEIGHTS, 0,
         non_trainable_weights, "non-trainable-weights"),
};
#undef PARAM
#undef CHOICE

static const char * const category_labels[STRATA_N_LAYER_CATEGORIES] = {
  N_("Input"), N_("Convolution"), N_("Pooling"), N_("Dense"),
  N_("Normalization"), N_("Activation"), N_("Dropout"), N_("Reshape"), N_("Merge"),
  /* Translators: a legend's entry for operations Strata has no type for */
  N_("Other operation"),
};

/* What strata_format_count_set_separator() set on this thread. */
static _Thread_local const char *fallback_separator;

const char *
strata_format_count_set_separator (const char *separator)
{
  const char *previous = fallback_separator;

  g_return_val_if_fail (separator == NULL || strlen (separator) <= 8, previous);

  fallback_separator = separator;
  return previous;
}

/* Digits grouped as LC_NUMERIC says ("48,120" in English), as printf's
 * ' flag groups them, without printf: every layer's formula has several
 * counts, so a recompute of a long network spends most of its time here. */
const char *
strata_format_count_into (guint64 count,
                          char    buffer[STRATA_FORMAT_COUNT_SIZE])
{
  static const char threes[] = { 3, 0 };
  /* The thread's locale, as printf reads it: strata_layer_dup_plain_formula()
   * switches to the C locale around this. */
  const struct lconv *numeric = localeconv ();
  const char *separator = numeric->thousands_sep;
  const char *grouping = numeric->grouping;
  gsize separator_len = strlen (separator);
  char *p = buffer + STRATA_FORMAT_COUNT_SIZE;
  int left = 0;

  /* A group size of 0 or less, or CHAR_MAX, ends grouping; the last size
   * repeats. Separators too long for the buffer are not grouped with. */
  if (separator_len > 0 && separator_len <= 8 && *grouping > 0 && *grouping != CHAR_MAX)
    left = *grouping;
  else if (fallback_separator != NULL)
    {
      separator = fallback_separator;
      separator_len = strlen (separator);
      grouping = threes;
      left = *grouping;
    }
  *--p = '\0';
  for (;;)
    {
      *--p = '0' + count % 10;
      count /= 10;
      if (count == 0)
        break;
      if (left > 0 && --left == 0)
        {
          p -= separator_len;
          memcpy (p, separator, separator_len);
          if (grouping[1] != 0)
            grouping++;
          left = *grouping > 0 && *grouping != CHAR_MAX ? *grouping : 0;
        }
    }
  return p;
}

char *
strata_format_count (guint64 count)
{
  char buffer[STRATA_FORMAT_COUNT_SIZE];

  return g_strdup (strata_format_count_into (count, buffer));
}

char *
strata_format_bytes (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

const char *
strata_text_intern (const char *text)
{
  const char *end;
  g_autofree char *bounded = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  end = text;
  for (guint i = 0; i < STRATA_TEXT_MAX_CHARS && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  if (*end == '\0')
    return g_intern_string (text);
  bounded = g_strndup (text, end - text);
  return g_intern_string (bounded);
}

gboolean
strata_text_is_valid (const char *text)
{
  if (text == NULL)
    return TRUE;
  /* Looked up, not interned: a check must not add to the table. */
  return *text != '\0' && g_quark_to_string (g_quark_try_string (text)) == text &&
         g_utf8_validate (text, -1, NULL) && g_utf8_strlen (text, -1) <= STRATA_TEXT_MAX_CHARS;
}

void
strata_layer_result_clear (StrataLayerResult *result)
{
  g_clear_pointer (&result->formula, g_free);
  g_clear_pointer (&result->error, g_free);
  memset (result, 0, sizeof *result);
}

/* A kind's hyper-parameters are the bits of a guint. */
G_STATIC_ASSERT (STRATA_N_PARAMS <= 8 * sizeof (guint));

#define P(x) STRATA_PARAM_BIT (STRATA_PARAM_##x)
#define CONV_WINDOW (P (KERNEL) | P (STRIDE) | P (PADDING) | P (DILATION))
#define POOL_WINDOW (P (POOL) | P (STRIDE) | P (PADDING) | P (CEIL_MODE))

static const StrataLayerKindInfo kind_infos[STRATA_N_LAYER_KINDS] = {
  { STRATA_LAYER_KIND_CONV2D, "conv2d", N_("Convolution"), N_("Conv"),
    STRATA_LAYER_CATEGORY_CONVOLUTION,
    P (FILTERS) | CONV_WINDOW | P (GROUPS) | P (BIAS) | P (ACTIVATION), strata_rule_conv2d,
    0, STRATA_ACTIVATION_NONE, 1, 1 },
  { STRATA_LAYER_KIND_DEPTHWISE_CONV2D, "depthwise_conv2d", N_("Depthwise convolution"),
    N_("DW conv"), STRATA_LAYER_CATEGORY_CONVOLUTION,
    CONV_WINDOW | P (DEPTH_MULTIPLIER) | P (BIAS) | P (ACTIVATION), strata_rule_depthwise_conv2d,
    0, STRATA_ACTIVATION_NONE, 1, 1 },
  { STRATA_LAYER_KIND_SEPARABLE_CONV2D, "separable_conv2d", N_("Separable convolution"),
    N_("Sep conv"), STRATA_LAYER_CATEGORY_CONVOLUTION,
    P (FILTERS) | CONV_WINDOW | P (DEPTH_MULTIPLIER) | P (BIAS) | P (ACTIVATION),
    strata_rule_separable_conv2d,
    0, STRATA_ACTIVATION_NONE, 1, 1 },
  { STRATA_LAYER_KIND_CONV2D_TRANSPOSE, "conv2d_transpose", N_("Transposed convolution"),
    N_("Transposed conv"), STRATA_LAYER_CATEGORY_CONVOLUTION,
    P (FILTERS) | CONV_WINDOW | P (OUTPUT_PADDING) | P (GROUPS) | P (BIAS) | P (ACTIVATION),
    strata_rule_conv2d_transpose,
    STRATA_LAYER_KIND_FLAG_VERSION_2 | STRATA_LAYER_KIND_FLAG_UPSAMPLING, STRATA_ACTIVATION_NONE,
    1, 1 },
  { STRATA_LAYER_KIND_MAXPOOL2D, "maxpool2d", N_("Max pooling"), N_("Max pool"),
    STRATA_LAYER_CATEGORY_POOLING, POOL_WINDOW, strata_rule_pool2d,
    STRATA_LAYER_KIND_FLAG_POOLING, STRATA_ACTIVATION_NONE, 1, 1 },
  { STRATA_LAYER_KIND_AVGPOOL2D, "avgpool2d", N_("Average pooling"), N_("Avg pool"),
    STRATA_LAYER_CATEGORY_POOLING, POOL_WINDOW, strata_rule_pool2d,
    STRATA_LAYER_KIND_FLAG_POOLING, STRATA_ACTIVATION_NONE, 1, 1 },
  { STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D, "adaptive_avgpool2d", N_("Adaptive average pooling"),
    N_("Adaptive pool"), STRATA_LAYER_CATEGORY_POOLING, P (OUTPUT), strata_rule_adaptive_avgpool2d,
    0, STRATA_ACTIVATION_NONE, 1, 1 },
  { STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D, "global_avgpool2d", N_("Global average pooling"),
    N_("Global avg pool"), STRATA_LAYER_CATEGORY_POOLING, 0, strata_rule_global_pool2d,
    0, STRATA_ACTIVATION_NONE, 1, 1 },
  { STRATA_LAYER_KIND_GLOBAL_MAXPOOL2D, "global_maxpool2d", N_("Global max pooling"),
    N_("Global max pool"), STRATA_LAYER_CATEGORY_POOLING, 0, strata_rule_global_pool2d,
    0, STRATA_ACTIVATION_NONE, 1, 1 },
  { STRATA_LAYER_KIND_FLATTEN, "flatten", N_("Flatten"), N_("Flatten"),
    STRATA_LAYER_CATEGORY_RESHAPE, 0, strata_rule_flatten,
    0, STRATA_ACTIVATION_NONE, 1, 1 },
  { STRATA_LAYER_KIND_RESHAPE, "reshape", N_("Reshape"), N_("Reshape"),
    STRATA_LAYER_CATEGORY_RESHAPE, P (TARGET), strata_rule_reshape,
    STRATA_LAYER_KIND_FLAG_VERSION_2, STRATA_ACTIVATION_NONE, 1, 1 },
  { STRATA_LAYER_KIND_UPSAMPLING2D, "upsampling2d", N_("Upsampling"), N_("Upsample"),
    STRATA_LAYER_CATEGORY_RESHAPE, P (SIZE) | P (INTERPOLATION), strata_rule_upsampling2d,
    STRATA_LAYER_KIND_FLAG_VERSION_2 | STRATA_LAYER_KIND_FLAG_UPSAMPLING, STRATA_ACTIVATION_NONE,
    1, 1 },
  { STRATA_LAYER_KIND_ZERO_PADDING2D, "zero_padding2d", N_("Zero padding"), N_("Zero pad"),
    STRATA_LAYER_CATEGORY_RESHAPE, P (ZERO_PADDING), strata_rule_zero_padding2d,
    STRATA_LAYER_KIND_FLAG_VERSION_2, STRATA_ACTIVATION_NONE, 1, 1 },
  { STRATA_LAYER_KIND_CROPPING2D, "cropping2d", N_("Cropping"), N_("Crop"),
    STRATA_LAYER_CATEGORY_RESHAPE, P (CROPPING), strata_rule_cropping2d,
    STRATA_LAYER_KIND_FLAG_VERSION_2, STRATA_ACTIVATION_NONE, 1, 1 },
  { STRATA_LAYER_KIND_DENSE, "dense", N_("Dense"), N_("Dense"),
    STRATA_LAYER_CATEGORY_DENSE, P (UNITS) | P (BIAS) | P (ACTIVATION), strata_rule_dense,
    0, STRATA_ACTIVATION_NONE, 1, 1 },
  { STRATA_LAYER_KIND_BATCHNORM, "batchnorm", N_("Batch normalization"), N_("BatchNorm"),
    STRATA_LAYER_CATEGORY_NORMALIZATION, 0, strata_rule_batchnorm,
    STRATA_LAYER_KIND_FLAG_BAND, STRATA_ACTIVATION_NONE, 1, 1 },
  { STRATA_LAYER_KIND_DROPOUT, "dropout", N_("Dropout"), N_("Dropout"),
    STRATA_LAYER_CATEGORY_DROPOUT, P (RATE), strata_rule_identity,
    STRATA_LAYER_KIND_FLAG_BAND, STRATA_ACTIVATION_NONE, 1, 1 },
  { STRATA_LAYER_KIND_ACTIVATION, "activation", N_("Activation"), N_("Activation"),
    STRATA_LAYER_CATEGORY_ACTIVATION, P (ACTIVATION), strata_rule_identity,
    STRATA_LAYER_KIND_FLAG_BAND, STRATA_ACTIVATION_RELU, 1, 1 },
  { STRATA_LAYER_KIND_ADD, "add", N_("Add"), N_("Add"),
    STRATA_LAYER_CATEGORY_MERGE, 0, strata_rule_add,
    STRATA_LAYER_KIND_FLAG_VERSION_2, STRATA_ACTIVATION_NONE, 2, G_MAXUINT },
  { STRATA_LAYER_KIND_SUBTRACT, "subtract", N_("Subtract"), N_("Subtract"),
    STRATA_LAYER_CATEGORY_MERGE, 0, strata_rule_subtract,
    STRATA_LAYER_KIND_FLAG_VERSION_2, STRATA_ACTIVATION_NONE, 2, 2 },
  { STRATA_LAYER_KIND_MULTIPLY, "multiply", N_("Multiply"), N_("Multiply"),
    STRATA_LAYER_CATEGORY_MERGE, 0, strata_rule_multiply,
    STRATA_LAYER_KIND_FLAG_VERSION_2, STRATA_ACTIVATION_NONE, 2, G_MAXUINT },
  { STRATA_LAYER_KIND_AVERAGE, "average", N_("Average"), N_("Average"),
    STRATA_LAYER_CATEGORY_MERGE, 0, strata_rule_average,
    STRATA_LAYER_KIND_FLAG_VERSION_2, STRATA_ACTIVATION_NONE, 2, G_MAXUINT },
  { STRATA_LAYER_KIND_MAXIMUM, "maximum", N_("Maximum"), N_("Maximum"),
    STRATA_LAYER_CATEGORY_MERGE, 0, strata_rule_maximum,
    STRATA_LAYER_KIND_FLAG_VERSION_2, STRATA_ACTIVATION_NONE, 2, G_MAXUINT },
  { STRATA_LAYER_KIND_MINIMUM, "minimum", N_("Minimum"), N_("Minimum"),
    STRATA_LAYER_CATEGORY_MERGE, 0, strata_rule_minimum,
    STRATA_LAYER_KIND_FLAG_VERSION_2, STRATA_ACTIVATION_NONE, 2, G_MAXUINT },
  { STRATA_LAYER_KIND_CONCATENATE, "concatenate", N_("Concatenate"), N_("Concat"),
    STRATA_LAYER_CATEGORY_MERGE, P (AXIS), strata_rule_concatenate,
    STRATA_LAYER_KIND_FLAG_VERSION_2, STRATA_ACTIVATION_NONE, 2, G_MAXUINT },
  { STRATA_LAYER_KIND_INPUT, "input", N_("Input"), N_("Input"),
    STRATA_LAYER_CATEGORY_INPUT, P (HEIGHT) | P (WIDTH) | P (CHANNELS), strata_rule_input,
    STRATA_LAYER_KIND_FLAG_VERSION_2, STRATA_ACTIVATION_NONE, 0, 0 },
  /* An imported operation with no kind of its own, whose output shape and
   * weights the file states: any inputs, any shapes. */
  { STRATA_LAYER_KIND_OPAQUE, "opaque", N_("Opaque operation"), N_("Opaque"),
    STRATA_LAYER_CATEGORY_OTHER,
    P (OP) | P (SHAPE) | P (TRAINABLE_WEIGHTS) | P (NON_TRAINABLE_WEIGHTS), strata_rule_opaque,
    STRATA_LAYER_KIND_FLAG_VERSION_2 | STRATA_LAYER_KIND_FLAG_MACS_UNKNOWN,
    STRATA_ACTIVATION_NONE, 1, G_MAXUINT },
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

  /* Once per layer of a file read: the first letter rules out most kinds
   * without a call. */
  for (guint i = 0; i < STRATA_N_LAYER_KINDS; i++)
    {
      if (kind_infos[i].id[0] == id[0] && strcmp (kind_infos[i].id, id) == 0)
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
strata_layer_kind_apply (StrataLayerKind            kind,
                         const StrataLayerParams   *params,
                         const StrataShape * const *inputs,
                         guint                      n_inputs,
                         StrataLayerResult         *result)
{
  const StrataLayerKindInfo *info;

  g_return_if_fail (kind < STRATA_N_LAYER_KINDS);
  g_return_if_fail (params != NULL);
  g_return_if_fail (inputs != NULL || n_inputs == 0);
  g_return_if_fail (result != NULL);

  info = &kind_infos[kind];
  /* The rules count on having as many inputs as their kind takes. */
  if (n_inputs < info->min_inputs && info->min_inputs == info->max_inputs)
    fail (result, g_dngettext (GETTEXT_PACKAGE, "Needs %u input, but it has %u",
                               "Needs %u inputs, but it has %u", info->min_inputs),
          info->min_inputs, n_inputs);
  else if (n_inputs < info->min_inputs)
    fail (result, g_dngettext (GETTEXT_PACKAGE, "Needs at least %u input, but it has %u",
                               "Needs at least %u inputs, but it has %u", info->min_inputs),
          info->min_inputs, n_inputs);
  else if (n_inputs > info->max_inputs && info->max_inputs == 0)
    fail (result, _("Takes no inputs, but it has %u"), n_inputs);
  else if (n_inputs > info->max_inputs)
    fail (result, g_dngettext (GETTEXT_PACKAGE, "Takes at most %u input, but it has %u",
                               "Takes at most %u inputs, but it has %u", info->max_inputs),
          info->max_inputs, n_inputs);
  else
    info->apply (params, inputs, n_inputs, result);
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
    .output_padding = { 0, 0 },
    .dilation = { 1, 1 },
    .groups = 1,
    .depth_multiplier = 1,
    .bias = TRUE,
    .activation = kind_infos[kind].default_activation,
    .pool = { 2, 2 },
    .ceil_mode = FALSE,
    .output = { 1, 1 },
    .units = 10,
    .rate = 0.5,
    .size = { 2, 2 },
    .interpolation = STRATA_INTERPOLATION_NEAREST,
    .axis = STRATA_AXIS_CHANNELS,
    /* Keras's defaults: one row and column of zeros on each side, no cropping. */
    .zero_padding = { 1, 1, 1, 1 },
    .cropping = { 0, 0, 0, 0 },
    .target = { 1, 1, 1, FALSE },
    .height = 32,
    .width = 32,
    .channels = 3,
    .op = NULL,
    .trainable_weights = 0,
    .non_trainable_weights = 0,
  };

  /* A pooling window moves by its own size unless told otherwise. */
  if (kind_infos[kind].flags & STRATA_LAYER_KIND_FLAG_POOLING)
    params->stride = params->pool;
}

gsize
strata_param_get_size (const StrataParamInfo *info)
{
  g_return_val_if_fail (info != NULL, 0);

  switch ((StrataParamType) info->type)
    {
    case STRATA_PARAM_TYPE_COUNT:
    case STRATA_PARAM_TYPE_CHOICE:
      return sizeof (guint);
    case STRATA_PARAM_TYPE_PAIR:
    case STRATA_PARAM_TYPE_PADDING:
      return sizeof (StrataPair);
    case STRATA_PARAM_TYPE_BOOLEAN:
      return sizeof (gboolean);
    case STRATA_PARAM_TYPE_ACTIVATION:
      return sizeof (StrataActivation);
    case STRATA_PARAM_TYPE_RATE:
      return sizeof (double);
    case STRATA_PARAM_TYPE_SIDES:
      return sizeof (StrataSides);
    case STRATA_PARAM_TYPE_TARGET:
      return sizeof (StrataTarget);
    case STRATA_PARAM_TYPE_TEXT:
      return sizeof (const char *);
    case STRATA_PARAM_TYPE_WEIGHTS:
      return sizeof (guint64);
    default:
      g_return_val_if_reached (0);
    }
}

gboolean
strata_layer_kind_params_equal (StrataLayerKind          kind,
                                const StrataLayerParams *a,
                                const StrataLayerParams *b)
{
  g_return_val_if_fail (kind < STRATA_N_LAYER_KINDS, FALSE);

  for (guint i = 0; i < STRATA_N_PARAMS; i++)
    {
      const StrataParamInfo *info = &param_infos[i];

      if (!strata_layer_kind_takes (kind, i))
        continue;
      if (info->type == STRATA_PARAM_TYPE_PADDING)
        {
          if (a->padding_mode != b->padding_mode)
            return FALSE;
          /* The amounts mean something only when padding is explicit. */
          if (a->padding_mode != STRATA_PADDING_EXPLICIT)
            continue;
        }
      if (memcmp (G_STRUCT_MEMBER_P (a, info->offset), G_STRUCT_MEMBER_P (b, info->offset),
                  strata_param_get_size (info)) != 0)
        return FALSE;
    }
  return TRUE;
}

void
strata_layer_kind_carry_params (StrataLayerKind          from_kind,
                                const StrataLayerParams *from,
                                StrataLayerKind          to_kind,
                                StrataLayerParams       *to)
{
  StrataLayerParams defaults;

  g_return_if_fail (from_kind < STRATA_N_LAYER_KINDS && to_kind < STRATA_N_LAYER_KINDS);
  g_return_if_fail (from != NULL && to != NULL);

  strata_layer_kind_init_params (from_kind, &defaults);
  for (guint i = 0; i < STRATA_N_PARAMS; i++)
    {
      const StrataParamInfo *info = &param_infos[i];
      gsize size = strata_param_get_size (info);
      gconstpointer value = G_STRUCT_MEMBER_P (from, info->offset);
      gboolean is_default;

      if (!strata_layer_kind_takes (from_kind, i) || !strata_layer_kind_takes (to_kind, i))
        continue;
      is_default = memcmp (value, G_STRUCT_MEMBER_P (&defaults, info->offset), size) == 0;
      if (info->type == STRATA_PARAM_TYPE_PADDING)
        {
          is_default = is_default && from->padding_mode == defaults.padding_mode;
          if (!is_default)
            to->padding_mode = from->padding_mode;
        }
      if (!is_default)
        memcpy (G_STRUCT_MEMBER_P (to, info->offset), value, size);
    }
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
