/* strata-layer-kind.h: the table of layer kinds and their hyper-parameters. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "strata-shape.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_LAYER_KIND_CONV2D,
  STRATA_LAYER_KIND_DEPTHWISE_CONV2D,
  STRATA_LAYER_KIND_SEPARABLE_CONV2D,
  STRATA_LAYER_KIND_CONV2D_TRANSPOSE,
  STRATA_LAYER_KIND_MAXPOOL2D,
  STRATA_LAYER_KIND_AVGPOOL2D,
  STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D,
  STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D,
  STRATA_LAYER_KIND_GLOBAL_MAXPOOL2D,
  STRATA_LAYER_KIND_FLATTEN,
  STRATA_LAYER_KIND_RESHAPE,
  STRATA_LAYER_KIND_UPSAMPLING2D,
  STRATA_LAYER_KIND_ZERO_PADDING2D,
  STRATA_LAYER_KIND_CROPPING2D,
  STRATA_LAYER_KIND_DENSE,
  STRATA_LAYER_KIND_BATCHNORM,
  STRATA_LAYER_KIND_DROPOUT,
  STRATA_LAYER_KIND_ACTIVATION,
  STRATA_LAYER_KIND_ADD,
  STRATA_LAYER_KIND_SUBTRACT,
  STRATA_LAYER_KIND_MULTIPLY,
  STRATA_LAYER_KIND_AVERAGE,
  STRATA_LAYER_KIND_MAXIMUM,
  STRATA_LAYER_KIND_MINIMUM,
  STRATA_LAYER_KIND_CONCATENATE,
  STRATA_LAYER_KIND_INPUT,
  STRATA_LAYER_KIND_OPAQUE,
  STRATA_N_LAYER_KINDS
} StrataLayerKind;

/* What a kind is, for colours and legends. */
typedef enum
{
  STRATA_LAYER_CATEGORY_INPUT,
  STRATA_LAYER_CATEGORY_CONVOLUTION,
  STRATA_LAYER_CATEGORY_POOLING,
  STRATA_LAYER_CATEGORY_DENSE,
  STRATA_LAYER_CATEGORY_NORMALIZATION,
  STRATA_LAYER_CATEGORY_ACTIVATION,
  STRATA_LAYER_CATEGORY_DROPOUT,
  STRATA_LAYER_CATEGORY_RESHAPE,
  STRATA_LAYER_CATEGORY_MERGE,
  STRATA_LAYER_CATEGORY_OTHER,
  STRATA_N_LAYER_CATEGORIES
} StrataLayerCategory;

typedef enum
{
  STRATA_PADDING_VALID,
  STRATA_PADDING_SAME,
  STRATA_PADDING_EXPLICIT,
} StrataPadding;

typedef enum
{
  STRATA_ACTIVATION_NONE,
  STRATA_ACTIVATION_RELU,
  STRATA_ACTIVATION_RELU6,
  STRATA_ACTIVATION_LEAKY_RELU,
  STRATA_ACTIVATION_ELU,
  STRATA_ACTIVATION_GELU,
  STRATA_ACTIVATION_SIGMOID,
  STRATA_ACTIVATION_TANH,
  STRATA_ACTIVATION_SOFTMAX,
  STRATA_ACTIVATION_SWISH,
  STRATA_ACTIVATION_LINEAR,
  STRATA_N_ACTIVATIONS
} StrataActivation;

/* Hyper-parameters; a kind's mask says which of them it takes. */
typedef enum
{
  STRATA_PARAM_FILTERS,
  STRATA_PARAM_KERNEL,
  STRATA_PARAM_STRIDE,
  STRATA_PARAM_PADDING,
  STRATA_PARAM_OUTPUT_PADDING,
  STRATA_PARAM_DILATION,
  STRATA_PARAM_GROUPS,
  STRATA_PARAM_DEPTH_MULTIPLIER,
  STRATA_PARAM_BIAS,
  STRATA_PARAM_ACTIVATION,
  STRATA_PARAM_POOL,
  STRATA_PARAM_CEIL_MODE,
  STRATA_PARAM_OUTPUT,
  STRATA_PARAM_UNITS,
  STRATA_PARAM_RATE,
  STRATA_PARAM_SIZE,
  STRATA_PARAM_INTERPOLATION,
  STRATA_PARAM_AXIS,
  STRATA_PARAM_ZERO_PADDING,
  STRATA_PARAM_CROPPING,
  STRATA_PARAM_TARGET,
  STRATA_PARAM_HEIGHT,
  STRATA_PARAM_WIDTH,
  STRATA_PARAM_CHANNELS,
  STRATA_PARAM_OP,
  STRATA_PARAM_SHAPE,
  STRATA_PARAM_TRAINABLE_WEIGHTS,
  STRATA_PARAM_NON_TRAINABLE_WEIGHTS,
  STRATA_N_PARAMS
} StrataParam;

#define STRATA_PARAM_BIT(p) (1u << (p))

/* How a hyper-parameter is written in a file and edited. */
typedef enum
{
  STRATA_PARAM_TYPE_COUNT,      /* a positive integer */
  STRATA_PARAM_TYPE_PAIR,       /* an integer or [h, w], each at least the minimum */
  STRATA_PARAM_TYPE_PADDING,    /* "valid", "same", an integer or [h, w] >= 0 */
  STRATA_PARAM_TYPE_BOOLEAN,
  STRATA_PARAM_TYPE_ACTIVATION, /* a name from the activation table */
  STRATA_PARAM_TYPE_RATE,       /* a number in [0, 1) */
  STRATA_PARAM_TYPE_CHOICE,     /* an id from the parameter's table of choices */
  STRATA_PARAM_TYPE_SIDES,      /* an integer, [h, w] or [top, bottom, left, right], each >= 0 */
  STRATA_PARAM_TYPE_TARGET,     /* [h, w, c] or [n], each positive */
  STRATA_PARAM_TYPE_TEXT,       /* a short text, such as an operation's name */
  STRATA_PARAM_TYPE_WEIGHTS,    /* a count of weights, from 0 to STRATA_WEIGHTS_MAX */
} StrataParamType;

/* Texts of hyper-parameters are at most this many characters: an
 * operation's name such as "LayerNormalization" or
 * "com.microsoft.FusedMatMul" is far shorter. */
#define STRATA_TEXT_MAX_CHARS 256

/* Counts of weights stop at 2⁵³ − 1, the largest integer that every JSON
 * reader (and a spin button's double) keeps exactly: far more than any
 * model holds. */
#define STRATA_WEIGHTS_MAX ((G_GUINT64_CONSTANT (1) << 53) - 1)

typedef enum
{
  STRATA_INTERPOLATION_NEAREST,
  STRATA_INTERPOLATION_BILINEAR,
  STRATA_N_INTERPOLATIONS
} StrataInterpolation;

/* The axis a concatenation joins along. */
typedef enum
{
  STRATA_AXIS_CHANNELS,
  STRATA_AXIS_HEIGHT,
  STRATA_AXIS_WIDTH,
  STRATA_N_AXES
} StrataAxis;

/* One value of a choice; a choice is stored as its index in the table. */
typedef struct
{
  const char *id;    /* as written in files, e.g. "bilinear" */
  const char *label; /* N_() marked, for editors */
} StrataChoice;

typedef struct
{
  StrataParam      param;
  const char      *key;         /* the JSON key, e.g. "filters" */
  const char      *label;       /* N_() marked, for editors */
  /* A StrataParamType, held as a plain integer so that code handling only
   * some types (such as the ones two kinds can share) need not name every
   * type; a switch over all of them casts it back. */
  guint            type;
  /* The least value of each number in it: 1, or 0 for amounts of padding
   * and counts of weights. */
  guint            minimum;
  /* GObject property names on StrataLayer, one per number in the value: a
   * pair has two, height first; sides four, from the top; a target its
   * height, width and channels, then whether it is a vector. */
  const char      *properties[4];
  /* Where the value lives in StrataLayerParams: a guint, StrataPair (also
   * the padding amounts; the mode is padding_mode), gboolean,
   * StrataActivation, double, the guint index of a choice, StrataSides,
   * StrataTarget, an interned const char * (NULL for none; see
   * strata_text_intern()) or a guint64, by type. */
  gsize            offset;
  /* A choice's values, n_choices of them. */
  const StrataChoice *choices;
  guint            n_choices;
} StrataParamInfo;

#define STRATA_PARAM_FIELD(params, info, ctype) \
  ((ctype *) G_STRUCT_MEMBER_P ((params), (info)->offset))

typedef struct
{
  guint height;
  guint width;
} StrataPair;

/* An amount on each side of a spatial tensor. */
typedef struct
{
  guint top;
  guint bottom;
  guint left;
  guint right;
} StrataSides;

/* A shape to reshape to: height × width × channels, or a vector whose
 * length is in channels (height and width are then kept but unused). */
typedef struct
{
  guint    height;
  guint    width;
  guint    channels;
  gboolean is_vector;
} StrataTarget;

/* The plain hyper-parameter values a layer carries. */
typedef struct
{
  guint            filters;
  StrataPair       kernel;
  StrataPair       stride;
  StrataPadding    padding_mode;
  StrataPair       padding;   /* per side, used with STRATA_PADDING_EXPLICIT */
  StrataPair       output_padding;
  StrataPair       dilation;
  guint            groups;
  guint            depth_multiplier;
  gboolean         bias;
  StrataActivation activation;
  StrataPair       pool;
  gboolean         ceil_mode;
  StrataPair       output;
  guint            units;
  double           rate;
  StrataPair       size;
  StrataInterpolation interpolation;
  StrataAxis       axis;
  StrataSides      zero_padding;
  StrataSides      cropping;
  StrataTarget     target;
  guint            height;    /* of an input */
  guint            width;
  guint            channels;
  /* An opaque layer's operation, interned so that parameters stay plain
   * values that copy and compare as bytes; NULL for none. */
  const char      *op;
  guint64          trainable_weights;
  guint64          non_trainable_weights;
} StrataLayerParams;

/* Whose counts a network reports where frameworks disagree: Keras counts
 * BatchNorm's moving mean and variance as non-trainable parameters (4·C
 * in all), PyTorch keeps them as buffers outside its parameters (2·C). */
typedef enum
{
  STRATA_CONVENTION_KERAS,
  STRATA_CONVENTION_PYTORCH,
  STRATA_N_CONVENTIONS
} StrataConvention;

/* What a kind computes for one input shape. */
typedef struct
{
  StrataShape  output;
  guint64      params;
  guint64      trainable_params;
  guint64      non_trainable_params;
  /* Values kept with the weights that PyTorch does not count as
   * parameters (running statistics), under its convention. */
  guint64      buffers;
  guint64      macs;
  char        *formula;  /* the parameter count with numbers substituted */
  char        *error;    /* set when the kind cannot apply to the input */
  /* Set before applying: how to count, and whether to write the
   * formula, which only its readers need: formatting it took most of the
   * time of computing a long network. */
  StrataConvention convention;
  gboolean         with_formula;
} StrataLayerResult;

/* What a kind computes for its inputs' shapes, @n_inputs of them, as
 * many as the kind takes (see min_inputs and max_inputs). */
typedef void (*StrataLayerApplyFunc) (const StrataLayerParams   *params,
                                      const StrataShape * const *inputs,
                                      guint                      n_inputs,
                                      StrataLayerResult         *result);

typedef enum
{
  /* Acts on values only, keeping the shape (activation, normalization,
   * dropout): drawn as a band on the block before it. */
  STRATA_LAYER_KIND_FLAG_BAND = 1 << 0,
  /* A window that moves by its own size unless a stride is given. */
  STRATA_LAYER_KIND_FLAG_POOLING = 1 << 1,
  /* Added in file version 2: a file with one is written as version 2. */
  STRATA_LAYER_KIND_FLAG_VERSION_2 = 1 << 2,
  /* Its MACs are not known (an operation imported as opaque): counted as
   * 0, and totals say how many layers they leave out. */
  STRATA_LAYER_KIND_FLAG_MACS_UNKNOWN = 1 << 3,
  /* Makes the map larger by a factor (a transposed convolution, an
   * upsampling), unlike a padding, which adds a border. */
  STRATA_LAYER_KIND_FLAG_UPSAMPLING = 1 << 4,
} StrataLayerKindFlags;

typedef struct
{
  StrataLayerKind      kind;
  const char          *id;          /* "conv2d", as written in files */
  const char          *label;       /* N_() marked, e.g. "Convolution" */
  const char          *short_label; /* N_() marked, e.g. "Conv" */
  StrataLayerCategory  category;
  guint                params_mask; /* STRATA_PARAM_BIT of each it takes */
  StrataLayerApplyFunc apply;
  StrataLayerKindFlags flags;
  StrataActivation     default_activation;
  guint                min_inputs;
  guint                max_inputs;  /* G_MAXUINT: any number */
} StrataLayerKindInfo;

typedef struct
{
  StrataActivation  activation;
  const char       *id;    /* "leaky_relu", as written in files; also the GEnum nick */
  const char       *label; /* N_() marked, e.g. "Leaky ReLU" */
} StrataActivationInfo;

#define STRATA_TYPE_LAYER_KIND (strata_layer_kind_get_type ())
#define STRATA_TYPE_PADDING (strata_padding_get_type ())
#define STRATA_TYPE_ACTIVATION (strata_activation_get_type ())
#define STRATA_TYPE_CONVENTION (strata_convention_get_type ())

GType                      strata_layer_kind_get_type       (void) G_GNUC_CONST;
GType                      strata_padding_get_type          (void) G_GNUC_CONST;
GType                      strata_activation_get_type       (void) G_GNUC_CONST;
GType                      strata_convention_get_type       (void) G_GNUC_CONST;
/* "keras" or "pytorch", as the command line and settings write it. */
gboolean                   strata_convention_from_id        (const char       *id,
                                                             StrataConvention *convention);

const StrataLayerKindInfo *strata_layer_kind_get_info       (StrataLayerKind kind);
/* Looks up a kind by its file id; FALSE when there is none. */
gboolean                   strata_layer_kind_from_id        (const char      *id,
                                                             StrataLayerKind *kind);
gboolean                   strata_layer_kind_takes          (StrataLayerKind kind,
                                                             StrataParam     param);
/* Applies @kind's rule to @n_inputs shapes, or fails @result when the
 * kind takes another number of inputs. */
void                       strata_layer_kind_apply          (StrataLayerKind            kind,
                                                             const StrataLayerParams   *params,
                                                             const StrataShape * const *inputs,
                                                             guint                      n_inputs,
                                                             StrataLayerResult         *result);
/* The defaults a new layer of @kind starts with. */
void                       strata_layer_kind_init_params    (StrataLayerKind    kind,
                                                             StrataLayerParams *params);

/* Whether @a and @b agree on every hyper-parameter @kind takes. */
gboolean                   strata_layer_kind_params_equal   (StrataLayerKind          kind,
                                                             const StrataLayerParams *a,
                                                             const StrataLayerParams *b);

/* Copies from @from, of @from_kind, into @to, of @to_kind, each value
 * that both kinds take and that differs from @from_kind's default: what
 * a layer keeps of its settings when its kind changes. A default is
 * left to the new kind, whose own default may differ (a pooling
 * window's stride, an activation layer's function). */
void                       strata_layer_kind_carry_params   (StrataLayerKind          from_kind,
                                                             const StrataLayerParams *from,
                                                             StrataLayerKind          to_kind,
                                                             StrataLayerParams       *to);

const StrataParamInfo     *strata_param_get_info            (StrataParam param);
/* How many bytes the value of @info takes in StrataLayerParams. */
gsize                      strata_param_get_size            (const StrataParamInfo *info);

const StrataActivationInfo *strata_activation_get_info     (StrataActivation activation);
gboolean                   strata_activation_from_id        (const char       *id,
                                                             StrataActivation *activation);
/* "none, relu, relu6, …": every id, for messages. */
char                      *strata_activation_list_ids       (void);
/* Translated display name of a layer category, for legends. */
const char                *strata_layer_category_get_label  (StrataLayerCategory category);

void                       strata_layer_result_clear        (StrataLayerResult *result);

/* @text (valid UTF-8 or NULL) cut to STRATA_TEXT_MAX_CHARS and interned,
 * as the value of a text hyper-parameter; NULL for NULL or "". */
const char                *strata_text_intern               (const char *text);
/* Whether @text is such a value: NULL, or interned, valid and not too long. */
gboolean                   strata_text_is_valid             (const char *text);

/* Formats a count with the locale's digit grouping: "48,120". */
char                      *strata_format_count              (guint64 count);
/* 20 digits, a separator of up to 8 bytes between any two, the end. */
#define STRATA_FORMAT_COUNT_SIZE (20 + 19 * 8 + 1)
/* The same written at the end of @buffer, without an allocation, for
 * tables of many counts; returns where it starts in @buffer. */
const char                *strata_format_count_into         (guint64 count,
                                                             char    buffer[STRATA_FORMAT_COUNT_SIZE]);
/* From now on, on this thread, where the locale groups no digits (the C
 * locale) strata_format_count() groups them in threes with @separator (at
 * most 8 bytes), as drawings write every count; NULL: not at all again.
 * Returns the separator set before, to put back. */
const char                *strata_format_count_set_separator (const char *separator);
/* Formats a size in bytes in binary units, "3.1 KiB" (1 KiB = 1,024
 * bytes), as the window, the summaries and the docs all give memory and
 * as the limits on files are set. */
char                      *strata_format_bytes              (guint64 bytes);

G_END_DECLS
