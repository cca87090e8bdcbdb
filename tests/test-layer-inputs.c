/* test-layer-inputs.c: the rules of kinds that take other than one input. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "strata-layer.h"

#define SPATIAL(h, w, c) ((StrataShape) { h, w, c, FALSE })
#define VECTOR(c) ((StrataShape) { 1, 1, c, TRUE })

/* Applies @kind's rule from the table to @n shapes, with @params or the
 * kind's defaults, and checks the output (as text, with no weights) or
 * the error. */
static void
assert_rule (StrataLayerKind          kind,
             const StrataLayerParams *params,
             const StrataShape       *shapes,
             guint                    n,
             const char              *output,
             const char              *error)
{
  const StrataShape *inputs[8];
  StrataLayerParams defaults;
  StrataLayerResult result = { { 0 } };

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (inputs));
  for (guint i = 0; i < n; i++)
    inputs[i] = &shapes[i];
  strata_layer_kind_init_params (kind, &defaults);
  result.with_formula = TRUE;
  strata_layer_kind_get_info (kind)->apply (params != NULL ? params : &defaults, inputs, n,
                                           &result);
  if (output != NULL)
    {
      g_autofree char *shape = strata_shape_to_string (&result.output);

      g_assert_null (result.error);
      g_assert_cmpstr (shape, ==, output);
      g_assert_cmpuint (result.params, ==, 0);
      g_assert_cmpuint (result.trainable_params, ==, 0);
      g_assert_cmpuint (result.non_trainable_params, ==, 0);
      g_assert_cmpuint (result.macs, ==, 0);
      g_assert_cmpstr (result.formula, ==, "0 (no weights)");
    }
  else
    {
      g_assert_cmpstr (result.error, ==, error);
      g_assert_null (result.formula);
    }
  strata_layer_result_clear (&result);
}

/* Element-wise merges broadcast as NumPy, Keras and ONNX do; every case
 * was checked against tf.layers (Keras semantics) and PyTorch. */
static void
test_merges (void)
{
  StrataShape same[] = { SPATIAL (28, 28, 8), SPATIAL (28, 28, 8) };
  StrataShape excite[] = { SPATIAL (7, 7, 16), SPATIAL (1, 1, 16) };
  StrataShape over_vector[] = { SPATIAL (7, 7, 16), VECTOR (16) };
  StrataShape crossed[] = { SPATIAL (7, 1, 16), SPATIAL (1, 5, 16) };
  StrataShape vectors[] = { VECTOR (1), VECTOR (10) };
  StrataShape spread[] = { SPATIAL (7, 7, 1), VECTOR (16) };
  StrataShape three[] = { SPATIAL (7, 7, 16), SPATIAL (1, 1, 16), VECTOR (16) };
  StrataShape halves[] = { SPATIAL (28, 28, 8), SPATIAL (14, 14, 8) };
  StrataShape third_off[] = { SPATIAL (7, 7, 16), SPATIAL (1, 7, 16), SPATIAL (7, 5, 16) };
  StrataShape long_vector[] = { VECTOR (10), SPATIAL (7, 7, 16) };

  assert_rule (STRATA_LAYER_KIND_ADD, NULL, same, 2, "28 × 28 × 8", NULL);
  assert_rule (STRATA_LAYER_KIND_MULTIPLY, NULL, excite, 2, "7 × 7 × 16", NULL);
  assert_rule (STRATA_LAYER_KIND_ADD, NULL, over_vector, 2, "7 × 7 × 16", NULL);
  assert_rule (STRATA_LAYER_KIND_ADD, NULL, crossed, 2, "7 × 5 × 16", NULL);
  assert_rule (STRATA_LAYER_KIND_ADD, NULL, vectors, 2, "10", NULL);
  assert_rule (STRATA_LAYER_KIND_ADD, NULL, spread, 2, "7 × 7 × 16", NULL);
  assert_rule (STRATA_LAYER_KIND_MAXIMUM, NULL, three, 3, "7 × 7 × 16", NULL);
  assert_rule (STRATA_LAYER_KIND_MINIMUM, NULL, excite, 2, "7 × 7 × 16", NULL);
  assert_rule (STRATA_LAYER_KIND_AVERAGE, NULL, excite, 2, "7 × 7 × 16", NULL);
  assert_rule (STRATA_LAYER_KIND_SUBTRACT, NULL, excite, 2, "7 × 7 × 16", NULL);

  /* The error names the two inputs that disagree, not what came before. */
  assert_rule (STRATA_LAYER_KIND_ADD, NULL, halves, 2, NULL,
               "Cannot add 28 × 28 × 8 and 14 × 14 × 8: sizes must be equal or 1 on each axis");
  assert_rule (STRATA_LAYER_KIND_ADD, NULL, long_vector, 2, NULL,
               "Cannot add 10 and 7 × 7 × 16: sizes must be equal or 1 on each axis");
  assert_rule (STRATA_LAYER_KIND_MINIMUM, NULL, third_off, 3, NULL,
               "Cannot take the minimum of 7 × 7 × 16 and 7 × 5 × 16: sizes must be equal or 1 "
               "on each axis");
  assert_rule (STRATA_LAYER_KIND_MAXIMUM, NULL, halves, 2, NULL,
               "Cannot take the maximum of 28 × 28 × 8 and 14 × 14 × 8: sizes must be equal or 1 "
               "on each axis");
  assert_rule (STRATA_LAYER_KIND_SUBTRACT, NULL, halves, 2, NULL,
               "Cannot subtract 14 × 14 × 8 from 28 × 28 × 8: sizes must be equal or 1 on each "
               "axis");
  assert_rule (STRATA_LAYER_KIND_MULTIPLY, NULL, halves, 2, NULL,
               "Cannot multiply 28 × 28 × 8 and 14 × 14 × 8: sizes must be equal or 1 on each "
               "axis");
  assert_rule (STRATA_LAYER_KIND_AVERAGE, NULL, halves, 2, NULL,
               "Cannot average 28 × 28 × 8 and 14 × 14 × 8: sizes must be equal or 1 on each "
               "axis");
}

/* As tf.layers.concatenate and torch.cat give. */
static void
test_concatenate (void)
{
  StrataShape channels[] = { SPATIAL (28, 28, 8), SPATIAL (28, 28, 16), SPATIAL (28, 28, 4) };
  StrataShape rows[] = { SPATIAL (7, 5, 3), SPATIAL (2, 5, 3) };
  StrataShape columns[] = { SPATIAL (7, 5, 3), SPATIAL (7, 1, 3) };
  StrataShape vectors[] = { VECTOR (10), VECTOR (20) };
  StrataShape halves[] = { SPATIAL (28, 28, 8), SPATIAL (14, 14, 8) };
  StrataShape mixed[] = { VECTOR (10), SPATIAL (7, 7, 8) };
  StrataShape huge[] = { SPATIAL (1, 1, G_MAXUINT64), SPATIAL (1, 1, 1) };
  StrataLayerParams p;

  strata_layer_kind_init_params (STRATA_LAYER_KIND_CONCATENATE, &p);
  g_assert_cmpint (p.axis, ==, STRATA_AXIS_CHANNELS);
  assert_rule (STRATA_LAYER_KIND_CONCATENATE, &p, channels, 3, "28 × 28 × 28", NULL);
  assert_rule (STRATA_LAYER_KIND_CONCATENATE, &p, vectors, 2, "30", NULL);
  assert_rule (STRATA_LAYER_KIND_CONCATENATE, &p, halves, 2, NULL,
               "Cannot concatenate 28 × 28 × 8 and 14 × 14 × 8 along channels: heights and "
               "widths must be equal");
  assert_rule (STRATA_LAYER_KIND_CONCATENATE, &p, rows, 2, NULL,
               "Cannot concatenate 7 × 5 × 3 and 2 × 5 × 3 along channels: heights and widths "
               "must be equal");
  assert_rule (STRATA_LAYER_KIND_CONCATENATE, &p, mixed, 2, NULL,
               "Cannot concatenate 10 and 7 × 7 × 8: a vector joins only vectors");
  assert_rule (STRATA_LAYER_KIND_CONCATENATE, &p, huge, 2, NULL,
               "The counts of this layer are too large to represent (more than 2⁶⁴)");

  p.axis = STRATA_AXIS_HEIGHT;
  assert_rule (STRATA_LAYER_KIND_CONCATENATE, &p, rows, 2, "9 × 5 × 3", NULL);
  assert_rule (STRATA_LAYER_KIND_CONCATENATE, &p, columns, 2, NULL,
               "Cannot concatenate 7 × 5 × 3 and 7 × 1 × 3 along the height: widths and channels "
               "must be equal");
  assert_rule (STRATA_LAYER_KIND_CONCATENATE, &p, vectors, 2, NULL,
               "Vectors have no height or width: they concatenate along channels");

  p.axis = STRATA_AXIS_WIDTH;
  assert_rule (STRATA_LAYER_KIND_CONCATENATE, &p, columns, 2, "7 × 6 × 3", NULL);
  assert_rule (STRATA_LAYER_KIND_CONCATENATE, &p, rows, 2, NULL,
               "Cannot concatenate 7 × 5 × 3 and 2 × 5 × 3 along the width: heights and channels "
               "must be equal");
}

static void
assert_count_error (StrataLayerKind  kind,
                    guint            n,
                    const char      *error)
{
  StrataShape shapes[3] = { SPATIAL (7, 7, 8), SPATIAL (7, 7, 8), SPATIAL (7, 7, 8) };
  const StrataShape *inputs[] = { &shapes[0], &shapes[1], &shapes[2] };
  StrataLayerParams p;
  StrataLayerResult result = { { 0 } };

  strata_layer_kind_init_params (kind, &p);
  strata_layer_kind_apply (kind, &p, inputs, n, &result);
  g_assert_cmpstr (result.error, ==, error);
  strata_layer_result_clear (&result);
}

/* A kind is given as many inputs as it takes, or says how many it needs. */
static void
test_input_counts (void)
{
  g_autoptr(StrataLayer) add = strata_layer_new (STRATA_LAYER_KIND_ADD);
  StrataShape input = SPATIAL (7, 7, 8);

  assert_count_error (STRATA_LAYER_KIND_ADD, 1, "Needs at least 2 inputs, but it has 1");
  assert_count_error (STRATA_LAYER_KIND_ADD, 3, NULL);
  assert_count_error (STRATA_LAYER_KIND_CONCATENATE, 0, "Needs at least 2 inputs, but it has 0");
  assert_count_error (STRATA_LAYER_KIND_SUBTRACT, 1, "Needs 2 inputs, but it has 1");
  assert_count_error (STRATA_LAYER_KIND_SUBTRACT, 2, NULL);
  assert_count_error (STRATA_LAYER_KIND_SUBTRACT, 3, "Takes at most 2 inputs, but it has 3");
  assert_count_error (STRATA_LAYER_KIND_CONV2D, 0, "Needs 1 input, but it has 0");
  assert_count_error (STRATA_LAYER_KIND_CONV2D, 2, "Takes at most 1 input, but it has 2");

  /* A chain gives each layer one input. */
  strata_layer_apply (add, &input);
  g_assert_false (strata_layer_has_shape (add));
  g_assert_cmpstr (strata_layer_get_error (add), ==, "Needs at least 2 inputs, but it has 1");
}

/* A further input takes none and has the shape it is given. */
static void
test_input (void)
{
  g_autoptr(StrataLayer) layer = strata_layer_new (STRATA_LAYER_KIND_INPUT);
  StrataShape shape = SPATIAL (7, 7, 8);
  StrataLayerParams p;

  assert_rule (STRATA_LAYER_KIND_INPUT, NULL, NULL, 0, "32 × 32 × 3", NULL);
  strata_layer_kind_init_params (STRATA_LAYER_KIND_INPUT, &p);
  p.height = 224;
  p.width = 112;
  p.channels = 1;
  assert_rule (STRATA_LAYER_KIND_INPUT, &p, NULL, 0, "224 × 112 × 1", NULL);

  assert_count_error (STRATA_LAYER_KIND_INPUT, 0, NULL);
  assert_count_error (STRATA_LAYER_KIND_INPUT, 1, "Takes no inputs, but it has 1");
  strata_layer_apply (layer, &shape);
  g_assert_cmpstr (strata_layer_get_error (layer), ==, "Takes no inputs, but it has 1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kind/merges", test_merges);
  g_test_add_func ("/kind/concatenate", test_concatenate);
  g_test_add_func ("/kind/input-counts", test_input_counts);
  g_test_add_func ("/kind/input", test_input);

  return g_test_run ();
}
