/* strata-import-keras-layers.c: each Keras layer class as a Strata layer, with every setting that changes a number. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-import-keras-private.h"

/* The classes of 1-D, 3-D and sequence data: a network made of them is
 * not an image network, whatever else it holds. */
static const char * const not_2d_classes[] = {
  "Conv1D", "Conv3D", "Convolution1D", "Convolution3D", "Conv1DTranspose", "Conv3DTranspose",
  "SeparableConv1D", "DepthwiseConv1D", "MaxPooling1D", "MaxPooling3D", "MaxPool1D",
  "MaxPool3D", "AveragePooling1D", "AveragePooling3D", "AvgPool1D", "AvgPool3D",
  "GlobalAveragePooling1D", "GlobalAveragePooling3D", "GlobalAvgPool1D", "GlobalAvgPool3D",
  "GlobalMaxPooling1D", "GlobalMaxPooling3D", "GlobalMaxPool1D", "GlobalMaxPool3D",
  "UpSampling1D", "UpSampling3D", "ZeroPadding1D", "ZeroPadding3D", "Cropping1D", "Cropping3D",
  "SpatialDropout1D", "SpatialDropout3D", "LocallyConnected1D", "LSTM", "GRU", "SimpleRNN",
  "RNN", "Bidirectional", "TimeDistributed", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D",
  "Embedding", "CuDNNLSTM", "CuDNNGRU",
};

gboolean
strata_keras_class_is_not_2d (const char *class_name)
{
  for (guint i = 0; i < G_N_ELEMENTS (not_2d_classes); i++)
    if (g_str_equal (class_name, not_2d_classes[i]))
      return TRUE;
  return FALSE;
}

typedef enum
{
  CLASS_CONV,
  CLASS_DEPTHWISE,
  CLASS_SEPARABLE,
  CLASS_TRANSPOSE,
  CLASS_MAXPOOL,
  CLASS_AVGPOOL,
  CLASS_GLOBAL_AVGPOOL,
  CLASS_GLOBAL_MAXPOOL,
  CLASS_FLATTEN,
  CLASS_RESHAPE,
  CLASS_UPSAMPLING,
  CLASS_ZERO_PADDING,
  CLASS_CROPPING,
  CLASS_DENSE,
  CLASS_BATCHNORM,
  CLASS_DROPOUT,
  CLASS_ACTIVATION,
  CLASS_RELU,
  CLASS_LEAKY_RELU,
  CLASS_ELU,
  CLASS_SOFTMAX,
  CLASS_MERGE,
  CLASS_CONCATENATE,
} KerasClass;

static const struct
{
  const char      *name;
  KerasClass       klass;
  StrataLayerKind  kind;
} classes[] = {
  { "Conv2D", CLASS_CONV, STRATA_LAYER_KIND_CONV2D },
  { "Convolution2D", CLASS_CONV, STRATA_LAYER_KIND_CONV2D },
  { "DepthwiseConv2D", CLASS_DEPTHWISE, STRATA_LAYER_KIND_DEPTHWISE_CONV2D },
  { "SeparableConv2D", CLASS_SEPARABLE, STRATA_LAYER_KIND_SEPARABLE_CONV2D },
  { "SeparableConvolution2D", CLASS_SEPARABLE, STRATA_LAYER_KIND_SEPARABLE_CONV2D },
  { "Conv2DTranspose", CLASS_TRANSPOSE, STRATA_LAYER_KIND_CONV2D_TRANSPOSE },
  { "Convolution2DTranspose", CLASS_TRANSPOSE, STRATA_LAYER_KIND_CONV2D_TRANSPOSE },
  { "MaxPooling2D", CLASS_MAXPOOL, STRATA_LAYER_KIND_MAXPOOL2D },
  { "MaxPool2D", CLASS_MAXPOOL, STRATA_LAYER_KIND_MAXPOOL2D },
  { "AveragePooling2D", CLASS_AVGPOOL, STRATA_LAYER_KIND_AVGPOOL2D },
  { "AvgPool2D", CLASS_AVGPOOL, STRATA_LAYER_KIND_AVGPOOL2D },
  { "GlobalAveragePooling2D", CLASS_GLOBAL_AVGPOOL, STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D },
  { "GlobalAvgPool2D", CLASS_GLOBAL_AVGPOOL, STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D },
  { "GlobalMaxPooling2D", CLASS_GLOBAL_MAXPOOL, STRATA_LAYER_KIND_GLOBAL_MAXPOOL2D },
  { "GlobalMaxPool2D", CLASS_GLOBAL_MAXPOOL, STRATA_LAYER_KIND_GLOBAL_MAXPOOL2D },
  { "Flatten", CLASS_FLATTEN, STRATA_LAYER_KIND_FLATTEN },
  { "Reshape", CLASS_RESHAPE, STRATA_LAYER_KIND_RESHAPE },
  { "UpSampling2D", CLASS_UPSAMPLING, STRATA_LAYER_KIND_UPSAMPLING2D },
  { "ZeroPadding2D", CLASS_ZERO_PADDING, STRATA_LAYER_KIND_ZERO_PADDING2D },
  { "Cropping2D", CLASS_CROPPING, STRATA_LAYER_KIND_CROPPING2D },
  { "Dense", CLASS_DENSE, STRATA_LAYER_KIND_DENSE },
  { "BatchNormalization", CLASS_BATCHNORM, STRATA_LAYER_KIND_BATCHNORM },
  { "Dropout", CLASS_DROPOUT, STRATA_LAYER_KIND_DROPOUT },
  { "SpatialDropout2D", CLASS_DROPOUT, STRATA_LAYER_KIND_DROPOUT },
  { "GaussianDropout", CLASS_DROPOUT, STRATA_LAYER_KIND_DROPOUT },
  { "AlphaDropout", CLASS_DROPOUT, STRATA_LAYER_KIND_DROPOUT },
  { "Activation", CLASS_ACTIVATION, STRATA_LAYER_KIND_ACTIVATION },
  { "ReLU", CLASS_RELU, STRATA_LAYER_KIND_ACTIVATION },
  { "LeakyReLU", CLASS_LEAKY_RELU, STRATA_LAYER_KIND_ACTIVATION },
  { "ELU", CLASS_ELU, STRATA_LAYER_KIND_ACTIVATION },
  { "Softmax", CLASS_SOFTMAX, STRATA_LAYER_KIND_ACTIVATION },
  { "Add", CLASS_MERGE, STRATA_LAYER_KIND_ADD },
  { "Subtract", CLASS_MERGE, STRATA_LAYER_KIND_SUBTRACT },
  { "Multiply", CLASS_MERGE, STRATA_LAYER_KIND_MULTIPLY },
  { "Average", CLASS_MERGE, STRATA_LAYER_KIND_AVERAGE },
  { "Maximum", CLASS_MERGE, STRATA_LAYER_KIND_MAXIMUM },
  { "Minimum", CLASS_MERGE, STRATA_LAYER_KIND_MINIMUM },
  { "Concatenate", CLASS_CONCATENATE, STRATA_LAYER_KIND_CONCATENATE },
};

/* The settings of every convolution: the window, bias and activation. */
static gboolean
read_conv (KerasImport       *self,
           const KerasPlace  *place,
           JsonObject        *config,
           gboolean           has_filters,
           StrataLayerParams *p,
           GError           **error)
{
  return (!has_filters || strata_keras_get_count (self, place, config, "filters", 1, TRUE, &p->filters, error)) &&
         strata_keras_get_pair (self, place, config, "kernel_size", 1, TRUE, &p->kernel, error) &&
         strata_keras_get_pair (self, place, config, "strides", 1, FALSE, &p->stride, error) &&
         strata_keras_get_pair (self, place, config, "dilation_rate", 1, FALSE, &p->dilation, error) &&
         strata_keras_get_padding (self, place, config, &p->padding_mode, error) &&
         strata_keras_get_bool (self, place, config, "use_bias", &p->bias, error) &&
         strata_keras_get_activation (self, place, config, "activation", FALSE, &p->activation, error);
}

/* Keras's output_padding, when given, fixes the size as (in − 1) ×
 * stride + span − 2 × pad + output_padding with pad = span / 2 for
 * "same" and 0 for "valid"; Strata's explicit padding computes exactly
 * that. Without it (Keras's None) Strata's "same" and "valid" follow
 * Keras's own choice. */
static gboolean
read_transpose (KerasImport       *self,
                const KerasPlace  *place,
                JsonObject        *config,
                StrataLayerParams *p,
                GError           **error)
{
  gboolean same;

  if (!read_conv (self, place, config, TRUE, p, error))
    return FALSE;
  if (strata_keras_member (config, "output_padding") == NULL)
    return TRUE;
  if (!strata_keras_get_pair (self, place, config, "output_padding", 0, FALSE, &p->output_padding, error))
    return FALSE;
  if (p->output_padding.height >= p->stride.height || p->output_padding.width >= p->stride.width)
    {
      strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                _("“output_padding” must be smaller than the strides"));
      return FALSE;
    }
  same = p->padding_mode == STRATA_PADDING_SAME;
  p->padding_mode = STRATA_PADDING_EXPLICIT;
  p->padding.height = same ? (guint) (((guint64) p->dilation.height * (p->kernel.height - 1) + 1) / 2) : 0;
  p->padding.width = same ? (guint) (((guint64) p->dilation.width * (p->kernel.width - 1) + 1) / 2) : 0;
  return TRUE;
}

static gboolean
read_pool (KerasImport       *self,
           const KerasPlace  *place,
           JsonObject        *config,
           StrataLayerParams *p,
           GError           **error)
{
  if (!strata_keras_get_pair (self, place, config, "pool_size", 1, FALSE, &p->pool, error))
    return FALSE;
  /* Keras's strides default to the window. */
  p->stride = p->pool;
  return strata_keras_get_pair (self, place, config, "strides", 1, FALSE, &p->stride, error) &&
         strata_keras_get_padding (self, place, config, &p->padding_mode, error);
}

/* Reshape's target_shape, without the batch; one −1 is what is left of
 * the input's size. */
static gboolean
read_target (KerasImport       *self,
             const KerasPlace  *place,
             JsonObject        *config,
             StrataLayer       *input,
             StrataLayerParams *p,
             GError           **error)
{
  JsonNode *node = strata_keras_member (config, "target_shape");
  const StrataShape *in = strata_keras_input_shape (self, input);
  guint dims[3];
  guint n, unknown = G_MAXUINT;
  guint64 known = 1, size;
  JsonArray *array;

  if (node == NULL)
    return strata_keras_missing (self, place, "target_shape", error);
  if (!JSON_NODE_HOLDS_ARRAY (node) ||
      (n = json_array_get_length (array = json_node_get_array (node))) == 0 || n > 3)
    {
      strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                _("“target_shape” must be a list of one to three sizes"));
      return FALSE;
    }
  if (n == 2)
    {
      strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_NOT_2D,
                                _("it reshapes to a sequence (two sizes), but Strata models "
                                  "images (height × width × channels) and vectors only"));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (strata_keras_is_number (element) && json_node_get_value_type (element) == G_TYPE_INT64 &&
          json_node_get_int (element) == -1 && unknown == G_MAXUINT)
        {
          unknown = i;
          dims[i] = 1;
          continue;
        }
      if (!strata_keras_node_count (element, 1, &dims[i]))
        {
          strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                    _("“target_shape” must hold whole numbers from 1, and at "
                                      "most one −1"));
          return FALSE;
        }
      known *= dims[i];
    }
  if (unknown != G_MAXUINT)
    {
      if (in == NULL || !strata_shape_get_size (in, &size) || size % known != 0 ||
          size / known > G_MAXUINT32)
        {
          strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                    _("the −1 of “target_shape” does not divide the input's "
                                      "size"));
          return FALSE;
        }
      dims[unknown] = (guint) (size / known);
    }
  if (n == 1)
    p->target = (StrataTarget) { 1, 1, dims[0], TRUE };
  else
    p->target = (StrataTarget) { dims[0], dims[1], dims[2], FALSE };
  return TRUE;
}

/* Strata's batch normalization counts γ, β, mean and variance for each
 * channel. Keras without β or γ (center or scale false), or along the
 * height or width, counts otherwise: *fits is then FALSE and *axis says
 * along what. */
static gboolean
read_batchnorm (KerasImport      *self,
                const KerasPlace *place,
                JsonObject       *config,
                StrataLayer      *input,
                gboolean         *fits,
                guint            *n_weights,
                StrataAxis       *axis,
                GError          **error)
{
  gboolean center = TRUE, scale = TRUE;

  if (!strata_keras_get_bool (self, place, config, "center", &center, error) ||
      !strata_keras_get_bool (self, place, config, "scale", &scale, error) ||
      !strata_keras_get_axis (self, place, config, input, -1, axis, error))
    return FALSE;
  *n_weights = (guint) center + (guint) scale;
  *fits = center && scale && *axis == STRATA_AXIS_CHANNELS;
  return TRUE;
}

static gboolean
read_relu (KerasImport      *self,
           const KerasPlace *place,
           JsonObject       *config,
           StrataActivation *activation,
           GError          **error)
{
  double max_value = -1, slope = 0, threshold = 0;

  if (!strata_keras_get_number (self, place, config, "max_value", &max_value, error) ||
      !strata_keras_get_number (self, place, config, "negative_slope", &slope, error) ||
      !strata_keras_get_number (self, place, config, "threshold", &threshold, error))
    return FALSE;
  if (max_value == 6 && slope == 0 && threshold == 0)
    *activation = STRATA_ACTIVATION_RELU6;
  else if (max_value < 0 && slope > 0 && threshold == 0)
    *activation = STRATA_ACTIVATION_LEAKY_RELU;
  else
    {
      *activation = STRATA_ACTIVATION_RELU;
      if (max_value >= 0 || slope != 0 || threshold != 0)
        strata_keras_warn (self, place, _("imported as a plain ReLU: Strata has no ReLU with "
                                          "this maximum, slope or threshold (it changes no shape "
                                          "or count)"));
    }
  return TRUE;
}

static gboolean
read_upsampling (KerasImport       *self,
                 const KerasPlace  *place,
                 JsonObject        *config,
                 StrataLayerParams *p,
                 GError           **error)
{
  gboolean ok;
  const char *interpolation;

  if (!strata_keras_get_pair (self, place, config, "size", 1, FALSE, &p->size, error))
    return FALSE;
  interpolation = strata_keras_get_string (self, place, config, "interpolation", &ok, error);
  if (!ok)
    return FALSE;
  if (interpolation == NULL || g_str_equal (interpolation, "nearest"))
    p->interpolation = STRATA_INTERPOLATION_NEAREST;
  else if (g_str_equal (interpolation, "bilinear"))
    p->interpolation = STRATA_INTERPOLATION_BILINEAR;
  else
    strata_keras_warn (self, place, _("the interpolation “%s” is shown as nearest: Strata knows "
                                      "nearest and bilinear (it changes no shape or count)"),
                       interpolation);
  return TRUE;
}

/* Reads the settings of @klass into @p, and may change @kind where
 * another kind computes the same numbers. */
static gboolean
read_class (KerasImport       *self,
            const KerasPlace  *place,
            KerasClass         klass,
            JsonObject        *config,
            StrataLayer      **inputs,
            StrataLayerKind   *kind,
            StrataLayerParams *p,
            GError           **error)
{
  const StrataShape *in = strata_keras_input_shape (self, inputs[0]);
  gboolean keepdims = FALSE;

  switch (klass)
    {
    case CLASS_CONV:
      return read_conv (self, place, config, TRUE, p, error) &&
             strata_keras_get_count (self, place, config, "groups", 1, FALSE, &p->groups, error);
    case CLASS_DEPTHWISE:
      return read_conv (self, place, config, FALSE, p, error) &&
             strata_keras_get_count (self, place, config, "depth_multiplier", 1, FALSE, &p->depth_multiplier,
                        error);
    case CLASS_SEPARABLE:
      return read_conv (self, place, config, TRUE, p, error) &&
             strata_keras_get_count (self, place, config, "depth_multiplier", 1, FALSE, &p->depth_multiplier,
                        error);
    case CLASS_TRANSPOSE:
      return read_transpose (self, place, config, p, error);
    case CLASS_MAXPOOL:
    case CLASS_AVGPOOL:
      return read_pool (self, place, config, p, error);
    case CLASS_GLOBAL_AVGPOOL:
    case CLASS_GLOBAL_MAXPOOL:
      if (!strata_keras_get_bool (self, place, config, "keepdims", &keepdims, error))
        return FALSE;
      /* keepdims gives 1 × 1 × C, which a window over the whole input
       * computes, rather than a vector. */
      if (keepdims && in != NULL && !strata_keras_reads_vector (self, inputs[0]) &&
          in->height <= G_MAXUINT32 &&
          in->width <= G_MAXUINT32)
        {
          if (klass == CLASS_GLOBAL_AVGPOOL)
            {
              *kind = STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D;
              strata_layer_kind_init_params (*kind, p);
              p->output = (StrataPair) { 1, 1 };
            }
          else
            {
              *kind = STRATA_LAYER_KIND_MAXPOOL2D;
              strata_layer_kind_init_params (*kind, p);
              p->pool = p->stride = (StrataPair) { (guint) in->height, (guint) in->width };
            }
        }
      return TRUE;
    case CLASS_FLATTEN:
      return TRUE;
    case CLASS_RESHAPE:
      return read_target (self, place, config, inputs[0], p, error);
    case CLASS_UPSAMPLING:
      return read_upsampling (self, place, config, p, error);
    case CLASS_ZERO_PADDING:
      return strata_keras_get_sides (self, place, config, "padding", &p->zero_padding, error);
    case CLASS_CROPPING:
      return strata_keras_get_sides (self, place, config, "cropping", &p->cropping, error);
    case CLASS_DENSE:
      if (!strata_keras_get_count (self, place, config, "units", 1, TRUE, &p->units, error) ||
          !strata_keras_get_bool (self, place, config, "use_bias", &p->bias, error) ||
          !strata_keras_get_activation (self, place, config, "activation", FALSE, &p->activation, error))
        return FALSE;
      /* Keras's Dense on an image acts on each position's channels: a 1 ×
       * 1 convolution, with the same shape, weights and MACs. Strata's
       * dense layer would flatten the image first. */
      if (in != NULL && !strata_keras_reads_vector (self, inputs[0]))
        {
          StrataLayerParams dense = *p;

          *kind = STRATA_LAYER_KIND_CONV2D;
          strata_layer_kind_init_params (*kind, p);
          p->filters = dense.units;
          p->kernel = (StrataPair) { 1, 1 };
          p->bias = dense.bias;
          p->activation = dense.activation;
          strata_keras_warn (self, place, _("a dense layer on an image acts on its channels at "
                                            "each position: imported as a 1 × 1 convolution"));
        }
      return TRUE;
    case CLASS_BATCHNORM:
      /* Read in strata_keras_make_layer (), which may make it opaque. */
      return TRUE;
    case CLASS_DROPOUT:
      if (!strata_keras_get_number (self, place, config, "rate", &p->rate, error))
        return FALSE;
      if (!(p->rate >= 0 && p->rate < 1))
        {
          strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                    _("“rate” must be from 0 up to 1"));
          return FALSE;
        }
      return TRUE;
    case CLASS_ACTIVATION:
      if (!strata_keras_get_activation (self, place, config, "activation", TRUE, &p->activation, error))
        return FALSE;
      /* As a layer of its own, "linear" is shown for what it is. */
      if (p->activation == STRATA_ACTIVATION_NONE)
        p->activation = STRATA_ACTIVATION_LINEAR;
      return TRUE;
    case CLASS_RELU:
      return read_relu (self, place, config, &p->activation, error);
    case CLASS_LEAKY_RELU:
      p->activation = STRATA_ACTIVATION_LEAKY_RELU;
      return TRUE;
    case CLASS_ELU:
      p->activation = STRATA_ACTIVATION_ELU;
      return TRUE;
    case CLASS_SOFTMAX:
      p->activation = STRATA_ACTIVATION_SOFTMAX;
      return TRUE;
    case CLASS_MERGE:
      return TRUE;
    case CLASS_CONCATENATE:
      return strata_keras_get_axis (self, place, config, inputs[0], -1, &p->axis, error);
    default:
      g_assert_not_reached ();
    }
}

/* An opaque layer: an operation Strata has no kind for, keeping its
 * class, its output shape and the counts of its weights. */
static StrataLayer *
opaque_layer (const char        *class_name,
              const StrataShape *shape,
              guint64            trainable,
              guint64            non_trainable)
{
  StrataLayer *layer = strata_layer_new (STRATA_LAYER_KIND_OPAQUE);
  StrataLayerParams p;

  strata_layer_kind_init_params (STRATA_LAYER_KIND_OPAQUE, &p);
  p.op = strata_text_intern (class_name);
  p.target = (StrataTarget) { (guint) shape->height, (guint) shape->width, (guint) shape->channels,
                              shape->is_vector };
  p.trainable_weights = trainable;
  p.non_trainable_weights = non_trainable;
  strata_layer_set_params (layer, &p);
  return layer;
}

static gboolean
fits_target (const StrataShape *shape)
{
  return shape->height <= G_MAXUINT32 && shape->width <= G_MAXUINT32 &&
         shape->channels <= G_MAXUINT32;
}

/* The size of @input along @axis. */
static guint64
axis_size (const StrataShape *input,
           StrataAxis         axis)
{
  return axis == STRATA_AXIS_HEIGHT ? input->height
       : axis == STRATA_AXIS_WIDTH ? input->width : input->channels;
}

/* PReLU learns a slope for each element of its input but along its
 * shared_axes (1 for the height, 2 the width, 3 the channels). */
static gboolean
prelu_weights (KerasImport       *self,
               const KerasPlace  *place,
               JsonObject        *config,
               const StrataShape *in,
               gboolean           vector,
               guint64           *weights,
               GError           **error)
{
  JsonNode *node = strata_keras_member (config, "shared_axes");
  guint64 dims[3] = { in->height, in->width, in->channels };

  if (node != NULL)
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      guint n = array != NULL ? json_array_get_length (array) : 0;

      for (guint i = 0; i < n || (array == NULL && i == 0); i++)
        {
          JsonNode *element = array != NULL ? json_array_get_element (array, i) : node;
          StrataAxis axis;

          if (!strata_keras_is_number (element) || json_node_get_value_type (element) != G_TYPE_INT64 ||
              !strata_keras_axis_of (json_node_get_int (element), vector ? 2 : 4, &axis))
            {
              strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                        _("“shared_axes” must name axes of its input"));
              return FALSE;
            }
          dims[axis == STRATA_AXIS_HEIGHT ? 0 : axis == STRATA_AXIS_WIDTH ? 1 : 2] = 1;
        }
    }
  if (vector)
    dims[0] = dims[1] = 1;
  *weights = dims[0];
  return g_uint64_checked_mul (weights, *weights, dims[1]) &&
         g_uint64_checked_mul (weights, *weights, dims[2]) && *weights <= STRATA_WEIGHTS_MAX;
}

/* A class with no kind: an opaque layer when its shape and weights are
 * known, from Keras's rule for a few common classes or from the shape
 * the file states. */
static StrataLayer *
make_opaque (KerasImport       *self,
             const KerasPlace  *place,
             JsonObject        *config,
             StrataLayer      **inputs,
             guint              n_inputs,
             const StrataShape *stated,
             GError           **error)
{
  const StrataShape *in = n_inputs == 1 ? strata_keras_input_shape (self, inputs[0]) : NULL;
  gboolean vector = n_inputs == 1 && strata_keras_reads_vector (self, inputs[0]);
  const char *name = place->class_name;
  guint64 trainable = 0;

  /* Shape-keeping classes whose weights Keras's rule gives. */
  if (in != NULL && fits_target (in) &&
      (g_str_equal (name, "Rescaling") || g_str_equal (name, "Identity") ||
       g_str_equal (name, "PReLU") || g_str_equal (name, "LayerNormalization")))
    {
      if (g_str_equal (name, "PReLU") &&
          !prelu_weights (self, place, config, in, vector, &trainable, error))
        return NULL;
      if (g_str_equal (name, "LayerNormalization"))
        {
          gboolean center = TRUE, scale = TRUE;
          StrataAxis axis;

          if (!strata_keras_get_bool (self, place, config, "center", &center, error) ||
              !strata_keras_get_bool (self, place, config, "scale", &scale, error) ||
              !strata_keras_get_axis (self, place, config, inputs[0], -1, &axis, error))
            return NULL;
          if (axis != STRATA_AXIS_CHANNELS)
            {
              strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                                        _("Strata has no layer of this class, and it normalizes "
                                          "along an axis other than the channels"));
              return NULL;
            }
          trainable = ((guint64) center + scale) * in->channels;
        }
      strata_keras_warn (self, place, _("Strata has no layer of this class: imported as an "
                                        "opaque layer with Keras's shape and weights"));
      return opaque_layer (name, in, trainable, 0);
    }

  if (stated != NULL)
    {
      strata_keras_warn (self, place, _("Strata has no layer of this class: imported as an "
                                        "opaque layer with the output shape the file states; the "
                                        "config does not give its weights, which are not "
                                        "counted"));
      return opaque_layer (name, stated, 0, 0);
    }
  strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                            _("Strata has no layer of this class, and the file does not state "
                              "its output shape"));
  return NULL;
}

StrataLayer *
strata_keras_make_layer (KerasImport       *self,
                         const KerasPlace  *place,
                         JsonObject        *config,
                         StrataLayer      **inputs,
                         guint              n_inputs,
                         const StrataShape *stated,
                         GError           **error)
{
  const StrataLayerKindInfo *info;
  StrataLayerParams p;
  StrataLayerKind kind;
  StrataLayer *layer;
  KerasClass klass;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (classes); i++)
    if (g_str_equal (place->class_name, classes[i].name))
      break;
  if (i == G_N_ELEMENTS (classes))
    return strata_keras_check_channels_last (self, place, config, error)
             ? make_opaque (self, place, config, inputs, n_inputs, stated, error) : NULL;
  klass = classes[i].klass;
  kind = classes[i].kind;
  info = strata_layer_kind_get_info (kind);
  /* Keras 3 merges a single tensor into itself. */
  if (n_inputs == 1 && info->min_inputs > 1)
    {
      const StrataShape *in = strata_keras_input_shape (self, inputs[0]);

      if (in != NULL && fits_target (in))
        {
          strata_keras_warn (self, place, _("a merge of one tensor, which it passes on: imported "
                                            "as an opaque layer"));
          return opaque_layer (place->class_name, in, 0, 0);
        }
    }
  if (n_inputs < info->min_inputs || n_inputs > info->max_inputs)
    {
      if (info->max_inputs == 1)
        strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "it reads %u tensor, but takes one",
                                               "it reads %u tensors, but takes one", n_inputs),
                                  n_inputs);
      else if (info->max_inputs == 2)
        strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "it reads %u tensor, but takes two",
                                               "it reads %u tensors, but takes two", n_inputs),
                                  n_inputs);
      else
        strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "it reads %u tensor, but Strata merges two or more",
                                               "it reads %u tensors, but Strata merges two or more",
                                               n_inputs),
                                  n_inputs);
      return NULL;
    }

  strata_layer_kind_init_params (kind, &p);
  if (!strata_keras_check_channels_last (self, place, config, error) ||
      !read_class (self, place, klass, config, inputs, &kind, &p, error))
    return NULL;
  if (klass == CLASS_BATCHNORM)
    {
      const StrataShape *in = strata_keras_input_shape (self, inputs[0]);
      gboolean fits;
      guint n_weights;
      StrataAxis axis;

      if (!read_batchnorm (self, place, config, inputs[0], &fits, &n_weights, &axis, error))
        return NULL;
      if (!fits)
        {
          guint64 size;

          if (in == NULL || !fits_target (in))
            {
              strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                                        _("its input has no shape"));
              return NULL;
            }
          size = axis_size (in, axis);

          strata_keras_warn (self, place, _("without β or γ, or along the height or width, "
                                            "Keras counts other weights than Strata's batch "
                                            "normalization: imported as an opaque layer"));
          return opaque_layer (place->class_name, in, n_weights * size, 2 * size);
        }
    }

  layer = strata_layer_new (kind);
  strata_layer_set_params (layer, &p);
  return layer;
}
