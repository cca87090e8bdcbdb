/* test-layer-kind.c: shape, parameter, MAC and error rules of each layer kind. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <locale.h>
#include <string.h>

#include "strata-layer.h"

typedef struct
{
  StrataLayerParams params;
  StrataLayer      *layer;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  StrataLayerKind kind = GPOINTER_TO_UINT (data);

  f->layer = strata_layer_new (kind);
  strata_layer_kind_init_params (kind, &f->params);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->layer);
}

/* Applies the fixture's parameters to an H × W × C input (C alone when
 * vector) and returns the output shape as text, or NULL on error. */
static char *
apply (Fixture *f,
       guint64  height,
       guint64  width,
       guint64  channels,
       gboolean vector)
{
  StrataShape input = { height, width, channels, vector };

  strata_layer_set_params (f->layer, &f->params);
  strata_layer_apply (f->layer, &input);
  if (!strata_layer_has_shape (f->layer))
    {
      g_assert_nonnull (strata_layer_get_error (f->layer));
      return NULL;
    }
  g_assert_null (strata_layer_get_error (f->layer));
  return strata_shape_to_string (strata_layer_get_output_shape (f->layer));
}

#define ASSERT_APPLY(f, h, w, c, vec, expected) \
  G_STMT_START { \
    g_autofree char *shape_ = apply (f, h, w, c, vec); \
    g_assert_cmpstr (shape_, ==, expected); \
  } G_STMT_END

static void
test_conv2d (Fixture       *f,
             gconstpointer  data)
{
  /* The lecture's CONV1: a filter spans all three input channels. */
  f->params.filters = 8;
  f->params.kernel = (StrataPair) { 5, 5 };
  ASSERT_APPLY (f, 32, 32, 3, FALSE, "28 × 28 × 8");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 608);
  g_assert_cmpuint (strata_layer_get_trainable_params (f->layer), ==, 608);
  g_assert_cmpuint (strata_layer_get_non_trainable_params (f->layer), ==, 0);
  g_assert_cmpuint (strata_layer_get_macs (f->layer), ==, 28 * 28 * 8 * 5 * 5 * 3);
  g_assert_cmpuint (strata_layer_get_activation_size (f->layer), ==, 28 * 28 * 8);
  g_assert_cmpstr (strata_layer_get_formula (f->layer), ==, "(5 × 5 × 3 + 1) × 8 = 608");

  /* Without bias, and "same" padding with stride 2 on an odd size: ceil(33 / 2). */
  f->params.bias = FALSE;
  f->params.padding_mode = STRATA_PADDING_SAME;
  f->params.stride = (StrataPair) { 2, 2 };
  ASSERT_APPLY (f, 33, 33, 3, FALSE, "17 × 17 × 8");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 600);
  g_assert_cmpstr (strata_layer_get_formula (f->layer), ==, "5 × 5 × 3 × 8 = 600");

  /* Grouped, non-square kernel with per-side padding, as in PyTorch. */
  f->params = (StrataLayerParams) { 0 };
  strata_layer_kind_init_params (STRATA_LAYER_KIND_CONV2D, &f->params);
  f->params.filters = 64;
  f->params.groups = 4;
  f->params.kernel = (StrataPair) { 3, 5 };
  f->params.padding_mode = STRATA_PADDING_EXPLICIT;
  f->params.padding = (StrataPair) { 1, 2 };
  ASSERT_APPLY (f, 7, 7, 64, FALSE, "7 × 7 × 64");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, (3 * 5 * 16 + 1) * 64);
  g_assert_cmpstr (strata_layer_get_formula (f->layer), ==, "(3 × 5 × 64/4 + 1) × 64 = 15424");

  /* Groups must divide the channels. */
  f->params.groups = 3;
  ASSERT_APPLY (f, 7, 7, 64, FALSE, NULL);
  g_assert_true (g_str_has_prefix (strata_layer_get_error (f->layer), "Groups (3) must divide"));
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 0);
}

static void
test_conv2d_errors (Fixture       *f,
                    gconstpointer  data)
{
  f->params.kernel = (StrataPair) { 5, 5 };
  ASSERT_APPLY (f, 3, 3, 1, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "A 5 × 5 kernel does not fit a 3 × 3 input without padding");

  f->params.padding_mode = STRATA_PADDING_EXPLICIT;
  f->params.padding = (StrataPair) { 1, 0 };
  ASSERT_APPLY (f, 3, 3, 1, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "A 5 × 5 kernel does not fit a 3 × 3 input with padding 1 × 0");

  /* Padding makes it fit. */
  f->params.padding = (StrataPair) { 1, 1 };
  ASSERT_APPLY (f, 3, 3, 1, FALSE, "1 × 1 × 8");

  f->params.kernel = (StrataPair) { 3, 3 };
  f->params.dilation = (StrataPair) { 3, 3 };
  f->params.padding_mode = STRATA_PADDING_VALID;
  ASSERT_APPLY (f, 6, 6, 1, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "A 3 × 3 kernel with dilation 3 × 3 spans 7 × 7, which does not fit a 6 × 6 input");
  ASSERT_APPLY (f, 7, 7, 1, FALSE, "1 × 1 × 8");

  /* A vector cannot be convolved. */
  ASSERT_APPLY (f, 1, 1, 120, TRUE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "Needs a spatial input (height × width × channels), but its input is a vector of 120");
}

static void
test_overflow (Fixture       *f,
               gconstpointer  data)
{
  /* 2³² × 2³² filters' worth of weights cannot be counted in 64 bits... */
  f->params.filters = G_MAXUINT32;
  f->params.kernel = (StrataPair) { 65536, 65536 };
  ASSERT_APPLY (f, 65536, 65536, G_MAXUINT32, FALSE, NULL);
  g_assert_true (g_str_has_prefix (strata_layer_get_error (f->layer),
                                   "The counts of this layer are too large"));
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 0);
  g_assert_cmpuint (strata_layer_get_macs (f->layer), ==, 0);
  g_assert_null (strata_layer_get_formula (f->layer));
}

static void
test_depthwise (Fixture       *f,
                gconstpointer  data)
{
  f->params.stride = (StrataPair) { 2, 2 };
  f->params.padding_mode = STRATA_PADDING_SAME;
  f->params.bias = FALSE;
  ASSERT_APPLY (f, 112, 112, 64, FALSE, "56 × 56 × 64");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 3 * 3 * 64);
  g_assert_cmpuint (strata_layer_get_macs (f->layer), ==, 56 * 56 * 64 * 9);
  g_assert_cmpstr (strata_layer_get_formula (f->layer), ==, "3 × 3 × 64 = 576");

  f->params.depth_multiplier = 2;
  f->params.bias = TRUE;
  ASSERT_APPLY (f, 112, 112, 64, FALSE, "56 × 56 × 128");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, (3 * 3 + 1) * 128);
  g_assert_cmpstr (strata_layer_get_formula (f->layer), ==, "(3 × 3 + 1) × 64 × 2 = 1280");
}

static void
test_separable (Fixture       *f,
                gconstpointer  data)
{
  /* Keras SeparableConv2D: depthwise 3 × 3 × 32, pointwise 32 × 64, bias 64. */
  f->params.filters = 64;
  f->params.padding_mode = STRATA_PADDING_SAME;
  ASSERT_APPLY (f, 16, 16, 32, FALSE, "16 × 16 × 64");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 3 * 3 * 32 + 32 * 64 + 64);
  g_assert_cmpuint (strata_layer_get_macs (f->layer), ==,
                    16 * 16 * (3 * 3 * 32) + 16 * 16 * (32 * 64));
  g_assert_cmpstr (strata_layer_get_formula (f->layer), ==, "3 × 3 × 32 + 32 × 64 + 64 = 2400");
}

/* Every number here was checked against nn.ConvTranspose2d (PyTorch 1.13)
 * for explicit padding, and against tf.layers.conv2dTranspose (Keras
 * semantics) or Keras's deconv_output_length for "same" and "valid". */
static void
test_conv2d_transpose (Fixture       *f,
                       gconstpointer  data)
{
  /* (7 − 1) × 2 − 2 + 2 + 1 + 1 = 14; the weight is 16 × 8 × 3 × 3. */
  f->params.filters = 8;
  f->params.stride = (StrataPair) { 2, 2 };
  f->params.padding_mode = STRATA_PADDING_EXPLICIT;
  f->params.padding = (StrataPair) { 1, 1 };
  f->params.output_padding = (StrataPair) { 1, 1 };
  ASSERT_APPLY (f, 7, 7, 16, FALSE, "14 × 14 × 8");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 16 * 8 * 9 + 8);
  g_assert_cmpuint (strata_layer_get_trainable_params (f->layer), ==, 1160);
  g_assert_cmpuint (strata_layer_get_non_trainable_params (f->layer), ==, 0);
  g_assert_cmpuint (strata_layer_get_macs (f->layer), ==, 7 * 7 * 3 * 3 * 16 * 8);
  g_assert_cmpstr (strata_layer_get_formula (f->layer), ==, "3 × 3 × 16 × 8 + 8 = 1160");

  f->params.bias = FALSE;
  ASSERT_APPLY (f, 7, 7, 16, FALSE, "14 × 14 × 8");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 1152);
  g_assert_cmpstr (strata_layer_get_formula (f->layer), ==, "3 × 3 × 16 × 8 = 1152");

  /* Each axis on its own: 3 × 2 − 2 + 2 + 1 + 1 and 5 × 3 − 4 + 4 + 2 + 1. */
  f->params.bias = TRUE;
  f->params.filters = 5;
  f->params.kernel = (StrataPair) { 3, 5 };
  f->params.stride = (StrataPair) { 2, 3 };
  f->params.padding = (StrataPair) { 1, 2 };
  f->params.output_padding = (StrataPair) { 1, 2 };
  ASSERT_APPLY (f, 4, 6, 3, FALSE, "8 × 18 × 5");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 230);
  g_assert_cmpuint (strata_layer_get_macs (f->layer), ==, 4 * 6 * 3 * 5 * 3 * 5);

  /* Dilation 2 spans 5, and groups split the weight: 8 × 4/2 × 3 × 3. */
  f->params.filters = 4;
  f->params.groups = 2;
  f->params.kernel = (StrataPair) { 3, 3 };
  f->params.stride = (StrataPair) { 1, 1 };
  f->params.dilation = (StrataPair) { 2, 2 };
  f->params.padding = (StrataPair) { 0, 0 };
  f->params.output_padding = (StrataPair) { 0, 0 };
  ASSERT_APPLY (f, 5, 5, 8, FALSE, "9 × 9 × 4");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 148);
  g_assert_cmpuint (strata_layer_get_macs (f->layer), ==, 5 * 5 * 3 * 3 * 8 * 2);
  g_assert_cmpstr (strata_layer_get_formula (f->layer), ==, "3 × 3 × 8 × 4/2 + 4 = 148");
  /* PyTorch takes an output padding below the dilation too. */
  f->params.output_padding = (StrataPair) { 1, 1 };
  ASSERT_APPLY (f, 5, 5, 8, FALSE, "10 × 10 × 4");
}

static void
test_conv2d_transpose_keras (Fixture       *f,
                             gconstpointer  data)
{
  f->params.filters = 8;
  f->params.stride = (StrataPair) { 2, 2 };

  /* Without output padding: "same" is H × s, "valid" adds what the
   * kernel reaches past the stride. */
  f->params.padding_mode = STRATA_PADDING_SAME;
  ASSERT_APPLY (f, 7, 7, 16, FALSE, "14 × 14 × 8");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 1160);
  f->params.padding_mode = STRATA_PADDING_VALID;
  ASSERT_APPLY (f, 7, 7, 16, FALSE, "15 × 15 × 8");
  f->params.kernel = (StrataPair) { 1, 1 };
  ASSERT_APPLY (f, 7, 7, 16, FALSE, "14 × 14 × 8");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 136);
  f->params.kernel = (StrataPair) { 4, 4 };
  f->params.padding_mode = STRATA_PADDING_SAME;
  ASSERT_APPLY (f, 7, 7, 16, FALSE, "14 × 14 × 8");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 2056);
  f->params.filters = 5;
  f->params.kernel = (StrataPair) { 3, 5 };
  f->params.stride = (StrataPair) { 2, 3 };
  f->params.padding_mode = STRATA_PADDING_VALID;
  ASSERT_APPLY (f, 4, 6, 3, FALSE, "9 × 20 × 5");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 230);
  f->params.padding_mode = STRATA_PADDING_SAME;
  ASSERT_APPLY (f, 4, 6, 3, FALSE, "8 × 18 × 5");

  /* With output padding, Keras's exact length: (H − 1) × s + k − 2 × pad
   * + output padding, pad = k // 2 for "same" and 0 for "valid". */
  f->params.filters = 8;
  f->params.stride = (StrataPair) { 2, 2 };
  f->params.output_padding = (StrataPair) { 1, 1 };
  f->params.kernel = (StrataPair) { 3, 3 };
  ASSERT_APPLY (f, 7, 7, 16, FALSE, "14 × 14 × 8");
  f->params.kernel = (StrataPair) { 4, 4 };
  ASSERT_APPLY (f, 7, 7, 16, FALSE, "13 × 13 × 8");
  f->params.kernel = (StrataPair) { 3, 3 };
  f->params.padding_mode = STRATA_PADDING_VALID;
  ASSERT_APPLY (f, 7, 7, 16, FALSE, "16 × 16 × 8");

  /* The window of a dilated kernel spans d × (k − 1) + 1 = 5. */
  f->params.output_padding = (StrataPair) { 0, 0 };
  f->params.stride = (StrataPair) { 1, 1 };
  f->params.dilation = (StrataPair) { 2, 2 };
  ASSERT_APPLY (f, 5, 5, 16, FALSE, "9 × 9 × 8");
  f->params.padding_mode = STRATA_PADDING_SAME;
  ASSERT_APPLY (f, 5, 5, 16, FALSE, "5 × 5 × 8");
}

static void
test_conv2d_transpose_errors (Fixture       *f,
                              gconstpointer  data)
{
  f->params.stride = (StrataPair) { 2, 2 };
  f->params.padding_mode = STRATA_PADDING_EXPLICIT;
  f->params.output_padding = (StrataPair) { 2, 1 };
  ASSERT_APPLY (f, 7, 7, 16, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "Output padding 2 × 1 must be smaller than the stride 2 × 2 or the dilation "
                   "1 × 1");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 0);

  /* Keras asks for less than the stride, whatever the dilation. */
  f->params.padding_mode = STRATA_PADDING_SAME;
  f->params.stride = (StrataPair) { 1, 1 };
  f->params.dilation = (StrataPair) { 2, 2 };
  f->params.output_padding = (StrataPair) { 1, 1 };
  ASSERT_APPLY (f, 7, 7, 16, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "Output padding 1 × 1 must be smaller than the stride 1 × 1");
  f->params.padding_mode = STRATA_PADDING_EXPLICIT;
  ASSERT_APPLY (f, 7, 7, 16, FALSE, "12 × 12 × 8");

  /* PyTorch: "Calculated output size per channel: (0 x 0)". */
  f->params.dilation = (StrataPair) { 1, 1 };
  f->params.output_padding = (StrataPair) { 0, 0 };
  f->params.kernel = (StrataPair) { 1, 1 };
  f->params.padding = (StrataPair) { 1, 1 };
  ASSERT_APPLY (f, 2, 2, 3, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "Padding 1 × 1 leaves nothing of the 2 × 2 output of this transposed "
                   "convolution");
  ASSERT_APPLY (f, 3, 3, 3, FALSE, "1 × 1 × 8");

  f->params.groups = 3;
  ASSERT_APPLY (f, 3, 3, 16, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "Groups (3) must divide both the input channels (16) and the filters (8)");

  f->params.groups = 1;
  ASSERT_APPLY (f, 1, 1, 16, TRUE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "Needs a spatial input (height × width × channels), but its input is a vector of 16");

  /* 2⁴⁰ rows spread 2³⁰ apart. */
  f->params.padding = (StrataPair) { 0, 0 };
  f->params.stride = (StrataPair) { 1u << 30, 1 };
  ASSERT_APPLY (f, G_GUINT64_CONSTANT (1) << 40, 1, 1, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "The counts of this layer are too large to represent (more than 2⁶⁴)");
}

static void
test_pooling (Fixture       *f,
              gconstpointer  data)
{
  ASSERT_APPLY (f, 28, 28, 8, FALSE, "14 × 14 × 8");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 0);
  g_assert_cmpuint (strata_layer_get_macs (f->layer), ==, 0);
  ASSERT_APPLY (f, 7, 7, 8, FALSE, "3 × 3 × 8");

  /* PyTorch ceil mode: 5 + 2 × 1 padding, window 2, stride 2 gives 4
   * windows by ceil, but the last would start in the padding: 3. */
  f->params.ceil_mode = TRUE;
  f->params.padding_mode = STRATA_PADDING_EXPLICIT;
  f->params.padding = (StrataPair) { 1, 1 };
  ASSERT_APPLY (f, 5, 5, 8, FALSE, "3 × 3 × 8");
  f->params.padding = (StrataPair) { 0, 0 };
  ASSERT_APPLY (f, 7, 7, 8, FALSE, "4 × 4 × 8");

  /* Keras "same": ceil(input / stride). */
  f->params.ceil_mode = FALSE;
  f->params.padding_mode = STRATA_PADDING_SAME;
  ASSERT_APPLY (f, 7, 7, 8, FALSE, "4 × 4 × 8");

  /* Padding beyond half the window is refused, as by PyTorch. */
  f->params.padding_mode = STRATA_PADDING_EXPLICIT;
  f->params.padding = (StrataPair) { 2, 2 };
  ASSERT_APPLY (f, 7, 7, 8, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "Padding 2 × 2 is more than half of the 2 × 2 pooling window");

  f->params.padding_mode = STRATA_PADDING_VALID;
  ASSERT_APPLY (f, 1, 1, 8, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "A 2 × 2 pooling window does not fit a 1 × 1 input without padding");
}

static void
test_global_and_adaptive (void)
{
  g_autoptr(StrataLayer) global = strata_layer_new (STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D);
  g_autoptr(StrataLayer) adaptive = strata_layer_new (STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D);
  g_autoptr(StrataLayer) flatten = strata_layer_new (STRATA_LAYER_KIND_FLATTEN);
  StrataShape input = { 7, 7, 512, FALSE };
  StrataShape vector = { 1, 1, 10, TRUE };
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  strata_layer_apply (global, &input);
  strata_layer_apply (flatten, &input);
  g_object_set (adaptive, "output-height", 6, "output-width", 5, NULL);
  strata_layer_apply (adaptive, &input);
  a = strata_shape_to_string (strata_layer_get_output_shape (global));
  b = strata_shape_to_string (strata_layer_get_output_shape (adaptive));
  c = strata_shape_to_string (strata_layer_get_output_shape (flatten));
  g_assert_cmpstr (a, ==, "512");
  g_assert_true (strata_layer_get_output_shape (global)->is_vector);
  g_assert_cmpstr (b, ==, "6 × 5 × 512");
  g_assert_cmpstr (c, ==, "25088");

  strata_layer_apply (global, &vector);
  g_assert_false (strata_layer_has_shape (global));
  g_assert_nonnull (strata_layer_get_error (global));
}

/* As tf.layers.reshape and torch's reshape give. */
static void
test_reshape (Fixture       *f,
              gconstpointer  data)
{
  f->params.target = (StrataTarget) { 5, 5, 392, TRUE };
  ASSERT_APPLY (f, 7, 7, 8, FALSE, "392");
  g_assert_true (strata_layer_get_output_shape (f->layer)->is_vector);
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 0);
  g_assert_cmpuint (strata_layer_get_macs (f->layer), ==, 0);
  g_assert_cmpstr (strata_layer_get_formula (f->layer), ==, "0 (no weights)");
  f->params.target = (StrataTarget) { 14, 7, 4, FALSE };
  ASSERT_APPLY (f, 7, 7, 8, FALSE, "14 × 7 × 4");
  f->params.target = (StrataTarget) { 1, 1, 16, FALSE };
  ASSERT_APPLY (f, 1, 1, 16, TRUE, "1 × 1 × 16");
  g_assert_false (strata_layer_get_output_shape (f->layer)->is_vector);

  f->params.target = (StrataTarget) { 1, 1, 10, TRUE };
  ASSERT_APPLY (f, 7, 7, 8, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "The input has 392 elements, but the target shape 10 holds 10");
  f->params.target = (StrataTarget) { 7, 7, 9, FALSE };
  ASSERT_APPLY (f, 7, 7, 8, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "The input has 392 elements, but the target shape 7 × 7 × 9 holds 441");
  f->params.target = (StrataTarget) { G_MAXUINT32, G_MAXUINT32, G_MAXUINT32, FALSE };
  ASSERT_APPLY (f, 7, 7, 8, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "The counts of this layer are too large to represent (more than 2⁶⁴)");
}

/* As nn.Upsample and UpSampling2D give, by either interpolation. */
static void
test_upsampling (Fixture       *f,
                 gconstpointer  data)
{
  ASSERT_APPLY (f, 5, 7, 4, FALSE, "10 × 14 × 4");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 0);
  g_assert_cmpuint (strata_layer_get_macs (f->layer), ==, 0);
  g_assert_cmpstr (strata_layer_get_formula (f->layer), ==, "0 (no weights)");

  f->params.size = (StrataPair) { 3, 2 };
  ASSERT_APPLY (f, 5, 7, 4, FALSE, "15 × 14 × 4");
  f->params.interpolation = STRATA_INTERPOLATION_BILINEAR;
  ASSERT_APPLY (f, 5, 7, 4, FALSE, "15 × 14 × 4");

  ASSERT_APPLY (f, 1, 1, 4, TRUE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "Needs a spatial input (height × width × channels), but its input is a vector of 4");

  f->params.size = (StrataPair) { G_MAXUINT32, 1 };
  ASSERT_APPLY (f, G_MAXUINT32 * G_GUINT64_CONSTANT (2), 1, 1, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "The counts of this layer are too large to represent (more than 2⁶⁴)");
}

/* As ZeroPadding2D and Cropping2D give (and nn.ZeroPad2d, whose order is
 * left, right, top, bottom). */
static void
test_zero_padding (Fixture       *f,
                   gconstpointer  data)
{
  ASSERT_APPLY (f, 5, 7, 3, FALSE, "7 × 9 × 3");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 0);
  g_assert_cmpuint (strata_layer_get_macs (f->layer), ==, 0);
  g_assert_cmpstr (strata_layer_get_formula (f->layer), ==, "0 (no weights)");
  f->params.zero_padding = (StrataSides) { 1, 2, 3, 4 };
  ASSERT_APPLY (f, 5, 7, 3, FALSE, "8 × 14 × 3");
  f->params.zero_padding = (StrataSides) { 0, 0, 0, 0 };
  ASSERT_APPLY (f, 5, 7, 3, FALSE, "5 × 7 × 3");

  ASSERT_APPLY (f, 1, 1, 3, TRUE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "Needs a spatial input (height × width × channels), but its input is a vector of 3");
  f->params.zero_padding = (StrataSides) { G_MAXUINT32, G_MAXUINT32, 0, 0 };
  ASSERT_APPLY (f, G_MAXUINT64 - G_MAXUINT32, 1, 1, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "The counts of this layer are too large to represent (more than 2⁶⁴)");
}

static void
test_cropping (Fixture       *f,
               gconstpointer  data)
{
  ASSERT_APPLY (f, 5, 7, 3, FALSE, "5 × 7 × 3");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 0);
  g_assert_cmpstr (strata_layer_get_formula (f->layer), ==, "0 (no weights)");
  f->params.cropping = (StrataSides) { 1, 2, 3, 0 };
  ASSERT_APPLY (f, 5, 7, 3, FALSE, "2 × 4 × 3");
  f->params.cropping = (StrataSides) { 2, 2, 3, 3 };
  ASSERT_APPLY (f, 5, 7, 3, FALSE, "1 × 1 × 3");

  /* Keras would give 0 × 7 × 3. */
  f->params.cropping = (StrataSides) { 2, 3, 0, 0 };
  ASSERT_APPLY (f, 5, 7, 3, FALSE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "Cropping 2 from the top, 3 from the bottom, 0 from the left and 0 from the "
                   "right leaves nothing of a 5 × 7 input");
  f->params.cropping = (StrataSides) { 0, 0, G_MAXUINT32, G_MAXUINT32 };
  ASSERT_APPLY (f, 5, 7, 3, FALSE, NULL);
  g_assert_true (g_str_has_suffix (strata_layer_get_error (f->layer),
                                   "leaves nothing of a 5 × 7 input"));
  ASSERT_APPLY (f, 5, G_GUINT64_CONSTANT (1) << 40, 3, FALSE, "5 × 1090921693186 × 3");

  ASSERT_APPLY (f, 1, 1, 3, TRUE, NULL);
  g_assert_cmpstr (strata_layer_get_error (f->layer), ==,
                   "Needs a spatial input (height × width × channels), but its input is a vector of 3");
}

static void
test_dense (Fixture       *f,
            gconstpointer  data)
{
  /* On a spatial input it flattens first: 5 × 5 × 16 = 400 inputs. */
  f->params.units = 120;
  ASSERT_APPLY (f, 5, 5, 16, FALSE, "120");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 48120);
  g_assert_cmpuint (strata_layer_get_macs (f->layer), ==, 48000);
  g_assert_cmpstr (strata_layer_get_formula (f->layer), ==,
                   "(400 + 1) × 120 = 48120 (400 = 5 × 5 × 16)");

  f->params.bias = FALSE;
  ASSERT_APPLY (f, 1, 1, 128, TRUE, "120");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 128 * 120);
}

static void
test_batchnorm (Fixture       *f,
                gconstpointer  data)
{
  ASSERT_APPLY (f, 17, 17, 16, FALSE, "17 × 17 × 16");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 64);
  g_assert_cmpuint (strata_layer_get_trainable_params (f->layer), ==, 32);
  g_assert_cmpuint (strata_layer_get_non_trainable_params (f->layer), ==, 32);
  ASSERT_APPLY (f, 1, 1, 10, TRUE, "10");
  g_assert_cmpuint (strata_layer_get_params_count (f->layer), ==, 40);
}

static void
test_identity (void)
{
  for (StrataLayerKind kind = STRATA_LAYER_KIND_DROPOUT; kind <= STRATA_LAYER_KIND_ACTIVATION;
       kind++)
    {
      g_autoptr(StrataLayer) layer = strata_layer_new (kind);
      StrataShape input = { 14, 14, 8, FALSE };

      strata_layer_apply (layer, &input);
      g_assert_true (strata_shape_equal (strata_layer_get_output_shape (layer), &input));
      g_assert_cmpuint (strata_layer_get_params_count (layer), ==, 0);
    }
}

static void
test_table (void)
{
  StrataLayerKind kind;
  StrataActivation activation;
  GEnumClass *enum_class;
  GObjectClass *layer_class;
  char *ids;

  /* Every kind is found by its own id, and takes only what the issue lists. */
  for (guint i = 0; i < STRATA_N_LAYER_KINDS; i++)
    {
      const StrataLayerKindInfo *info = strata_layer_kind_get_info (i);

      g_assert_cmpuint (info->kind, ==, i);
      g_assert_cmpuint (info->min_inputs, <=, info->max_inputs);
      /* Files find a kind's hyper-parameter by its key. */
      for (guint p = 0; p < STRATA_N_PARAMS; p++)
        for (guint q = p + 1; q < STRATA_N_PARAMS; q++)
          if (strata_layer_kind_takes (i, p) && strata_layer_kind_takes (i, q))
            g_assert_cmpstr (strata_param_get_info (p)->key, !=, strata_param_get_info (q)->key);
      g_assert_true (strata_layer_kind_from_id (info->id, &kind));
      g_assert_cmpuint (kind, ==, i);
      g_assert_nonnull (info->apply);
    }
  g_assert_false (strata_layer_kind_from_id ("conv3d", &kind));
  g_assert_true (strata_layer_kind_takes (STRATA_LAYER_KIND_CONV2D, STRATA_PARAM_GROUPS));
  g_assert_false (strata_layer_kind_takes (STRATA_LAYER_KIND_DEPTHWISE_CONV2D,
                                           STRATA_PARAM_FILTERS));
  g_assert_false (strata_layer_kind_takes (STRATA_LAYER_KIND_FLATTEN, STRATA_PARAM_UNITS));
  g_assert_true (strata_layer_kind_takes (STRATA_LAYER_KIND_MAXPOOL2D, STRATA_PARAM_CEIL_MODE));
  /* Only what scales the map up by a factor is an upsampling: a padding
   * makes it larger too, by a border. */
  for (guint i = 0; i < STRATA_N_LAYER_KINDS; i++)
    g_assert_cmpint ((strata_layer_kind_get_info (i)->flags & STRATA_LAYER_KIND_FLAG_UPSAMPLING) != 0,
                     ==, i == STRATA_LAYER_KIND_CONV2D_TRANSPOSE ||
                           i == STRATA_LAYER_KIND_UPSAMPLING2D);

  /* Each property the table names is a layer's, and a number's least
   * value is the one files accept. */
  layer_class = g_type_class_ref (STRATA_TYPE_LAYER);
  for (guint i = 0; i < STRATA_N_LAYER_CATEGORIES; i++)
    g_assert_cmpstr (strata_layer_category_get_label (i), !=, "");
  g_assert_cmpstr (strata_layer_category_get_label (STRATA_LAYER_CATEGORY_MERGE), ==, "Merge");

  for (guint i = 0; i < STRATA_N_PARAMS; i++)
    {
      const StrataParamInfo *info = strata_param_get_info (i);

      g_assert_cmpuint (info->param, ==, i);
      g_assert_cmpuint (strata_param_get_size (info), >, 0);
      g_assert_nonnull (info->properties[0]);
      for (guint j = 0; j < G_N_ELEMENTS (info->properties) && info->properties[j] != NULL; j++)
        {
          GParamSpec *pspec = g_object_class_find_property (layer_class, info->properties[j]);

          g_test_message ("property %s", info->properties[j]);
          g_assert_nonnull (pspec);
          if (G_IS_PARAM_SPEC_UINT (pspec))
            g_assert_cmpuint (G_PARAM_SPEC_UINT (pspec)->minimum, ==, info->minimum);
          /* A choice is its index in the table. */
          if (info->type == STRATA_PARAM_TYPE_CHOICE)
            g_assert_cmpuint (G_PARAM_SPEC_UINT (pspec)->maximum, ==, info->n_choices - 1);
        }
    }
  g_type_class_unref (layer_class);

  /* One table: file ids, GEnum nicks and labels agree. */
  enum_class = g_type_class_ref (STRATA_TYPE_ACTIVATION);
  for (guint i = 0; i < STRATA_N_ACTIVATIONS; i++)
    {
      const StrataActivationInfo *a = strata_activation_get_info (i);

      g_assert_cmpuint (a->activation, ==, i);
      g_assert_true (strata_activation_from_id (a->id, &activation));
      g_assert_cmpuint (activation, ==, i);
      g_assert_cmpstr (g_enum_get_value (enum_class, i)->value_nick, ==, a->id);
      g_assert_nonnull (a->label);
    }
  g_assert_cmpstr (g_enum_get_value_by_nick (enum_class, "leaky_relu")->value_nick, ==,
                   "leaky_relu");
  g_type_class_unref (enum_class);
  g_assert_cmpstr (ids = strata_activation_list_ids (), ==,
                   "none, relu, relu6, leaky_relu, elu, gelu, sigmoid, tanh, softmax, swish, linear");
  g_free (ids);
  g_assert_false (strata_activation_from_id ("mish", &activation));
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

static void
test_properties (void)
{
  g_autoptr(StrataLayer) layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  guint changed = 0;
  guint kernel = 0;

  g_signal_connect_swapped (layer, "changed", G_CALLBACK (count_cb), &changed);

  g_object_set (layer, "kernel-height", 7, NULL);
  g_object_get (layer, "kernel-height", &kernel, NULL);
  g_assert_cmpuint (kernel, ==, 7);
  g_assert_cmpuint (strata_layer_get_params (layer)->kernel.height, ==, 7);
  g_assert_cmpuint (changed, ==, 1);

  /* Setting the same value changes nothing and says nothing. */
  g_object_set (layer, "kernel-height", 7, NULL);
  g_assert_cmpuint (changed, ==, 1);

  g_object_set (layer, "padding", STRATA_PADDING_SAME, "bias", FALSE, NULL);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpint (strata_layer_get_params (layer)->padding_mode, ==, STRATA_PADDING_SAME);

  /* The name is not a hyper-parameter: nothing to recompute. */
  strata_layer_set_name (layer, "CONV1");
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpstr (strata_layer_get_display_name (layer), ==, "CONV1");
  strata_layer_set_name (layer, "");
  g_assert_null (strata_layer_get_name (layer));
  g_assert_cmpstr (strata_layer_get_display_name (layer), ==, "Convolution");
}

/* Counts are grouped by hand, not by printf: every locale's grouping
 * must come out as printf's ' flag gives it, for every size of number. */
static void
test_format_count (void)
{
  static const char *locales[] = {
    "C", "C.UTF-8", "en_US.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8",
  };
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  guint64 values[3 * 20 + 1];
  guint n_values = 0;
  guint64 ten = 1;

  for (guint digits = 1; digits <= 20; digits++, ten *= 10)
    {
      values[n_values++] = ten - 1;
      values[n_values++] = ten;
      values[n_values++] = ten + ten / 3;
    }
  values[n_values++] = G_MAXUINT64;

  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      if (setlocale (LC_ALL, locales[l]) == NULL)
        continue;
      for (guint i = 0; i < n_values; i++)
        {
          g_autofree char *ours = strata_format_count (values[i]);
          g_autofree char *printfs = g_strdup_printf ("%'" G_GUINT64_FORMAT, values[i]);

          g_assert_cmpstr (ours, ==, printfs);
        }
    }

  if (setlocale (LC_ALL, "en_US.UTF-8") != NULL)
    {
      g_autofree char *count = strata_format_count (11689512);

      g_assert_cmpstr (count, ==, "11,689,512");
    }
  if (setlocale (LC_ALL, "de_DE.UTF-8") != NULL)
    {
      g_autofree char *count = strata_format_count (18446744073709551615u);

      g_assert_cmpstr (count, ==, "18.446.744.073.709.551.615");
    }
  setlocale (LC_ALL, saved);
}

/* A layer made at once is the layer made and then set, for every kind. */
static void
test_new_full (void)
{
  for (guint k = 0; k < STRATA_N_LAYER_KINDS; k++)
    {
      StrataLayerParams params;
      g_autoptr(StrataLayer) set = strata_layer_new (k);
      g_autoptr(StrataLayer) full = NULL;
      g_autoptr(StrataLayer) unnamed = NULL;

      strata_layer_kind_init_params (k, &params);
      params.rate = 0.25;
      params.bias = !params.bias;
      strata_layer_set_name (set, "Tap 1");
      strata_layer_set_params (set, &params);
      full = strata_layer_new_full (k, "Tap 1", &params);
      g_assert_cmpuint (strata_layer_get_kind (full), ==, k);
      g_assert_cmpstr (strata_layer_get_name (full), ==, "Tap 1");
      g_assert_true (memcmp (strata_layer_get_params (full), strata_layer_get_params (set),
                             sizeof params) == 0);

      unnamed = strata_layer_new_full (k, "", &params);
      g_assert_null (strata_layer_get_name (unnamed));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, kind, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (STRATA_LAYER_KIND_##kind), \
              fixture_set_up, func, fixture_tear_down)
  ADD ("/kind/conv2d", CONV2D, test_conv2d);
  ADD ("/kind/conv2d/errors", CONV2D, test_conv2d_errors);
  ADD ("/kind/conv2d/overflow", CONV2D, test_overflow);
  ADD ("/kind/depthwise", DEPTHWISE_CONV2D, test_depthwise);
  ADD ("/kind/separable", SEPARABLE_CONV2D, test_separable);
  ADD ("/kind/conv2d-transpose", CONV2D_TRANSPOSE, test_conv2d_transpose);
  ADD ("/kind/conv2d-transpose/keras", CONV2D_TRANSPOSE, test_conv2d_transpose_keras);
  ADD ("/kind/conv2d-transpose/errors", CONV2D_TRANSPOSE, test_conv2d_transpose_errors);
  ADD ("/kind/maxpool", MAXPOOL2D, test_pooling);
  ADD ("/kind/avgpool", AVGPOOL2D, test_pooling);
  ADD ("/kind/reshape", RESHAPE, test_reshape);
  ADD ("/kind/upsampling", UPSAMPLING2D, test_upsampling);
  ADD ("/kind/zero-padding", ZERO_PADDING2D, test_zero_padding);
  ADD ("/kind/cropping", CROPPING2D, test_cropping);
  ADD ("/kind/dense", DENSE, test_dense);
  ADD ("/kind/batchnorm", BATCHNORM, test_batchnorm);
#undef ADD
  g_test_add_func ("/kind/global-and-adaptive", test_global_and_adaptive);
  g_test_add_func ("/kind/identity", test_identity);
  g_test_add_func ("/kind/format-count", test_format_count);
  g_test_add_func ("/kind/table", test_table);
  g_test_add_func ("/layer/properties", test_properties);
  g_test_add_func ("/layer/new-full", test_new_full);

  return g_test_run ();
}
