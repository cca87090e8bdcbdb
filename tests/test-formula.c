/* test-formula.c: the formula behind each number of every layer kind. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "strata-layer-formula.h"
#include "strata-layer-private.h"

#define SPATIAL(h, w, c) ((StrataShape) { h, w, c, FALSE })
#define VECTOR(c) ((StrataShape) { 1, 1, c, TRUE })

/* Kinds some case has checked, for test_every_kind(). */
static gboolean covered[STRATA_N_LAYER_KINDS];

typedef struct
{
  StrataLayerKind   kind;
  StrataLayerParams params;
  StrataLayer      *layer;
} Case;

static void
case_init (Case            *c,
           StrataLayerKind  kind)
{
  c->kind = kind;
  c->layer = NULL;
  strata_layer_kind_init_params (kind, &c->params);
}

/* Applies the case to @n shapes and checks each formula; NULL skips one.
 * Every formula ends in the number the layer itself shows, so the text
 * cannot drift from the counts. */
static void
check (Case              *c,
       const StrataShape *shapes,
       guint              n,
       const char        *shape,
       const char        *params,
       const char        *macs,
       const char        *activation)
{
  const StrataShape *inputs[4];
  const char *expected[STRATA_N_LAYER_FORMULAS] = { shape, params, macs, activation };

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (inputs));
  for (guint i = 0; i < n; i++)
    inputs[i] = &shapes[i];
  g_clear_object (&c->layer);
  c->layer = strata_layer_new (c->kind);
  strata_layer_set_params (c->layer, &c->params);
  strata_layer_apply_inputs (c->layer, inputs, n);
  g_assert_null (strata_layer_get_error (c->layer));
  g_assert_true (strata_layer_has_shape (c->layer));

  for (guint f = 0; f < STRATA_N_LAYER_FORMULAS; f++)
    {
      g_autofree char *text = strata_layer_dup_formula (c->layer, f);

      g_assert_nonnull (text);
      if (expected[f] != NULL)
        g_assert_cmpstr (text, ==, expected[f]);
    }
  covered[c->kind] = TRUE;
}

static void
case_clear (Case *c)
{
  g_clear_object (&c->layer);
}

static void
test_convolutions (void)
{
  Case c;
  StrataShape in = SPATIAL (32, 32, 3);
  StrataShape odd = SPATIAL (32, 31, 3);

  /* The example: 32 padded by 2, a 5 × 5 kernel moving by 2. */
  case_init (&c, STRATA_LAYER_KIND_CONV2D);
  c.params.filters = 16;
  c.params.kernel = (StrataPair) { 5, 5 };
  c.params.stride = (StrataPair) { 2, 2 };
  c.params.padding_mode = STRATA_PADDING_EXPLICIT;
  c.params.padding = (StrataPair) { 2, 2 };
  check (&c, &in, 1,
         "height and width: ⌊(32 + 2·2 − 5) / 2⌋ + 1 = 16\nchannels: 16 filters",
         "(5 × 5 × 3 + 1) × 16 = 1216",
         "16 × 16 × 16 × (5 × 5 × 3) = 307200",
         "16 × 16 × 16 = 4096");
  g_assert_cmpuint (strata_layer_get_macs (c.layer), ==, 307200);

  /* Keras "same": ⌈in / s⌉, each axis its own. */
  c.params.padding_mode = STRATA_PADDING_SAME;
  check (&c, &odd, 1, "height: ⌈32 / 2⌉ = 16\nwidth: ⌈31 / 2⌉ = 16\nchannels: 16 filters",
         NULL, NULL, NULL);

  /* Dilation spreads the kernel: 2·(3 − 1) + 1 = 5 pixels. */
  c.params.padding_mode = STRATA_PADDING_VALID;
  c.params.kernel = (StrataPair) { 3, 3 };
  c.params.stride = (StrataPair) { 1, 1 };
  c.params.dilation = (StrataPair) { 2, 2 };
  check (&c, &in, 1, "height and width: 32 − 2·(3 − 1) − 1 + 1 = 28\nchannels: 16 filters",
         NULL, "28 × 28 × 16 × (3 × 3 × 3) = 338688", "28 × 28 × 16 = 12544");

  /* Groups divide the depth a filter sees. */
  c.params.dilation = (StrataPair) { 1, 1 };
  c.params.groups = 4;
  c.params.filters = 8;
  in = SPATIAL (6, 6, 8);
  check (&c, &in, 1, NULL, "(3 × 3 × 8/4 + 1) × 8 = 152", "4 × 4 × 8 × (3 × 3 × 8/4) = 2304",
         NULL);
  case_clear (&c);

  case_init (&c, STRATA_LAYER_KIND_DEPTHWISE_CONV2D);
  c.params.depth_multiplier = 2;
  in = SPATIAL (8, 8, 3);
  check (&c, &in, 1, "height and width: 8 − 3 + 1 = 6\nchannels: 3 × 2 = 6",
         "(3 × 3 + 1) × 3 × 2 = 60", "6 × 6 × 6 × (3 × 3) = 1944", "6 × 6 × 6 = 216");
  c.params.depth_multiplier = 1;
  check (&c, &in, 1, "height and width: 8 − 3 + 1 = 6\nchannels: 3, as the input", NULL, NULL,
         NULL);
  case_clear (&c);

  /* The depthwise step, then the pointwise one. */
  case_init (&c, STRATA_LAYER_KIND_SEPARABLE_CONV2D);
  c.params.filters = 4;
  check (&c, &in, 1, "height and width: 8 − 3 + 1 = 6\nchannels: 4 filters",
         "3 × 3 × 3 + 3 × 4 + 4 = 43", "6 × 6 × (3 × 3 × 3) + 6 × 6 × 3 × 4 = 1404", NULL);
  g_assert_cmpuint (strata_layer_get_macs (c.layer), ==, 1404);
  case_clear (&c);
}

static void
test_transposed (void)
{
  Case c;
  StrataShape in = SPATIAL (16, 16, 8);

  /* PyTorch: (in − 1)·s + k + output padding − 2·padding. */
  case_init (&c, STRATA_LAYER_KIND_CONV2D_TRANSPOSE);
  c.params.filters = 4;
  c.params.stride = (StrataPair) { 2, 2 };
  c.params.padding_mode = STRATA_PADDING_EXPLICIT;
  c.params.padding = (StrataPair) { 1, 1 };
  c.params.output_padding = (StrataPair) { 1, 1 };
  check (&c, &in, 1, "height and width: (16 − 1)·2 + 3 + 1 − 2·1 = 32\nchannels: 4 filters",
         "3 × 3 × 8 × 4 + 4 = 292", "16 × 16 × (3 × 3 × 8 × 4) = 73728", "32 × 32 × 4 = 4096");

  /* Keras: in·s for "same"; "valid" keeps what a wider window reaches. */
  c.params.padding_mode = STRATA_PADDING_SAME;
  c.params.output_padding = (StrataPair) { 0, 0 };
  check (&c, &in, 1, "height and width: 16·2 = 32\nchannels: 4 filters", NULL, NULL, NULL);
  c.params.padding_mode = STRATA_PADDING_VALID;
  c.params.kernel = (StrataPair) { 5, 5 };
  check (&c, &in, 1, "height and width: 16·2 + 5 − 2 = 35\nchannels: 4 filters", NULL, NULL,
         NULL);
  case_clear (&c);
}

static void
test_pooling (void)
{
  Case c;
  StrataShape in = SPATIAL (5, 5, 2);
  StrataShape big = SPATIAL (14, 14, 8);
  StrataShape last = SPATIAL (7, 7, 512);

  case_init (&c, STRATA_LAYER_KIND_MAXPOOL2D);
  c.params.pool = (StrataPair) { 2, 2 };
  c.params.stride = (StrataPair) { 2, 2 };
  check (&c, &in, 1, "height and width: ⌊(5 − 2) / 2⌋ + 1 = 2\nchannels: 2, as the input",
         "0 (no weights)", "0 (no multiply-accumulates)", "2 × 2 × 2 = 8");
  /* Ceil mode keeps a last window that starts inside the input... */
  c.params.ceil_mode = TRUE;
  check (&c, &in, 1, "height and width: ⌈(5 − 2) / 2⌉ + 1 = 3\nchannels: 2, as the input",
         NULL, NULL, NULL);
  /* ...and drops one that would start in the padding, as PyTorch does. */
  c.params.stride = (StrataPair) { 3, 3 };
  c.params.padding_mode = STRATA_PADDING_EXPLICIT;
  c.params.padding = (StrataPair) { 1, 1 };
  check (&c, &in, 1,
         "height and width: ⌈(5 + 2·1 − 2) / 3⌉ + 1 − 1 = 2 (the last window would start in "
         "the padding)\nchannels: 2, as the input", NULL, NULL, NULL);
  case_clear (&c);

  case_init (&c, STRATA_LAYER_KIND_AVGPOOL2D);
  c.params.pool = (StrataPair) { 3, 2 };
  c.params.stride = (StrataPair) { 3, 2 };
  check (&c, &big, 1,
         "height: ⌊(14 − 3) / 3⌋ + 1 = 4\nwidth: ⌊(14 − 2) / 2⌋ + 1 = 7\nchannels: 8, as the input",
         NULL, "0 (no multiply-accumulates)", "4 × 7 × 8 = 224");
  case_clear (&c);

  case_init (&c, STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D);
  c.params.output = (StrataPair) { 7, 7 };
  check (&c, &big, 1, "height and width: 7, as set\nchannels: 8, as the input", NULL, NULL, NULL);
  case_clear (&c);

  case_init (&c, STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D);
  check (&c, &last, 1, "one value per channel of the 7 × 7 × 512 input: 512", NULL, NULL, "512");
  case_clear (&c);
  case_init (&c, STRATA_LAYER_KIND_GLOBAL_MAXPOOL2D);
  check (&c, &last, 1, "one value per channel of the 7 × 7 × 512 input: 512", NULL, NULL, "512");
  case_clear (&c);
}

static void
test_reshaping (void)
{
  Case c;
  StrataShape in = SPATIAL (5, 5, 16);
  StrataShape cube = SPATIAL (4, 4, 4);
  StrataShape small = SPATIAL (8, 8, 2);
  StrataShape vector = VECTOR (400);

  case_init (&c, STRATA_LAYER_KIND_FLATTEN);
  check (&c, &in, 1, "5 × 5 × 16 = 400", "0 (no weights)", "0 (no multiply-accumulates)", "400");
  check (&c, &vector, 1, "400, already a vector", NULL, NULL, NULL);
  case_clear (&c);

  case_init (&c, STRATA_LAYER_KIND_RESHAPE);
  c.params.target = (StrataTarget) { 1, 1, 64, TRUE };
  check (&c, &cube, 1, "4 × 4 × 4 = 64 values, rearranged as 64", NULL, NULL, NULL);
  case_clear (&c);

  case_init (&c, STRATA_LAYER_KIND_UPSAMPLING2D);
  c.params.size = (StrataPair) { 2, 3 };
  check (&c, &small, 1, "height: 8·2 = 16\nwidth: 8·3 = 24", NULL, NULL, "16 × 24 × 2 = 768");
  case_clear (&c);

  case_init (&c, STRATA_LAYER_KIND_ZERO_PADDING2D);
  c.params.zero_padding = (StrataSides) { 1, 1, 2, 2 };
  check (&c, &small, 1, "height: 8 + 1 + 1 = 10\nwidth: 8 + 2 + 2 = 12", NULL, NULL, NULL);
  case_clear (&c);

  case_init (&c, STRATA_LAYER_KIND_CROPPING2D);
  c.params.cropping = (StrataSides) { 1, 2, 0, 0 };
  check (&c, &small, 1, "height: 8 − 1 − 2 = 5\nwidth: 8 − 0 − 0 = 8", NULL, NULL, NULL);
  case_clear (&c);
}

static void
test_dense (void)
{
  Case c;
  StrataShape in = SPATIAL (5, 5, 16);
  StrataShape vector = VECTOR (400);

  /* A flattened input says where its 400 values come from. */
  case_init (&c, STRATA_LAYER_KIND_DENSE);
  c.params.units = 120;
  check (&c, &in, 1, "120 units", "(400 + 1) × 120 = 48120 (400 = 5 × 5 × 16)",
         "(5 × 5 × 16) × 120 = 48000", "120");
  check (&c, &vector, 1, "120 units", "(400 + 1) × 120 = 48120", "400 × 120 = 48000", "120");
  case_clear (&c);
}

static void
test_values_only (void)
{
  StrataLayerKind kinds[] = { STRATA_LAYER_KIND_BATCHNORM, STRATA_LAYER_KIND_DROPOUT,
                              STRATA_LAYER_KIND_ACTIVATION };
  StrataShape in = SPATIAL (8, 8, 4);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      Case c;

      case_init (&c, kinds[i]);
      check (&c, &in, 1, "as the input: 8 × 8 × 4", NULL, "0 (no multiply-accumulates)",
             "8 × 8 × 4 = 256");
      case_clear (&c);
    }
}

/* BatchNorm as each framework counts it. */
static void
test_batchnorm_conventions (void)
{
  g_autoptr(StrataLayer) layer = strata_layer_new (STRATA_LAYER_KIND_BATCHNORM);
  StrataShape in = SPATIAL (8, 8, 4);
  const StrataShape *inputs[] = { &in };

  strata_layer_apply_inputs (layer, inputs, 1);
  g_assert_cmpstr (strata_layer_get_formula (layer), ==,
                   "4 × 4 = 16 (γ, β trained; mean, variance not)");
  g_assert_cmpuint (strata_layer_get_buffers (layer), ==, 0);

  g_assert_true (strata_layer_set_convention (layer, STRATA_CONVENTION_PYTORCH));
  strata_layer_apply_inputs (layer, inputs, 1);
  g_assert_cmpstr (strata_layer_get_formula (layer), ==,
                   "2 × 4 = 8 (γ, β; running mean and variance are 8 buffers)");
  g_assert_cmpuint (strata_layer_get_params_count (layer), ==, 8);
  g_assert_cmpuint (strata_layer_get_trainable_params (layer), ==, 8);
  g_assert_cmpuint (strata_layer_get_non_trainable_params (layer), ==, 0);
  g_assert_cmpuint (strata_layer_get_buffers (layer), ==, 8);
}

static void
test_merges (void)
{
  StrataLayerKind kinds[] = { STRATA_LAYER_KIND_ADD, STRATA_LAYER_KIND_SUBTRACT,
                              STRATA_LAYER_KIND_MULTIPLY, STRATA_LAYER_KIND_AVERAGE,
                              STRATA_LAYER_KIND_MAXIMUM, STRATA_LAYER_KIND_MINIMUM };
  StrataShape same[] = { SPATIAL (8, 8, 4), SPATIAL (8, 8, 4) };
  StrataShape scaled[] = { SPATIAL (8, 8, 4), VECTOR (4) };
  StrataShape joined[] = { SPATIAL (8, 8, 4), SPATIAL (8, 8, 6), SPATIAL (8, 8, 2) };
  Case c;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      case_init (&c, kinds[i]);
      check (&c, same, 2, "as each input: 8 × 8 × 4", "0 (no weights)",
             "0 (no multiply-accumulates)", "8 × 8 × 4 = 256");
      check (&c, scaled, 2, "8 × 8 × 4, 4 broadcast to 8 × 8 × 4", NULL, NULL, NULL);
      case_clear (&c);
    }

  case_init (&c, STRATA_LAYER_KIND_CONCATENATE);
  check (&c, joined, 3, "channels: 4 + 6 + 2 = 12", NULL, NULL, "8 × 8 × 12 = 768");
  c.params.axis = STRATA_AXIS_WIDTH;
  joined[1].channels = joined[2].channels = 4;
  check (&c, joined, 3, "width: 8 + 8 + 8 = 24", NULL, NULL, NULL);
  case_clear (&c);
}

static void
test_sources (void)
{
  StrataShape any = SPATIAL (3, 3, 3);
  Case c;

  case_init (&c, STRATA_LAYER_KIND_INPUT);
  c.params.height = 16;
  c.params.width = 12;
  c.params.channels = 1;
  check (&c, NULL, 0, "as set: 16 × 12 × 1", "0 (no weights)", "0 (no multiply-accumulates)",
         "16 × 12 × 1 = 192");
  case_clear (&c);

  case_init (&c, STRATA_LAYER_KIND_OPAQUE);
  c.params.target = (StrataTarget) { 1, 1, 10, TRUE };
  c.params.trainable_weights = 5;
  check (&c, &any, 1, "as the model file states: 10",
         "5 trainable + 0 non-trainable, as the model file states",
         "unknown (an operation Strata does not model)", "10");
  case_clear (&c);
}

/* No shape, no formula. */
static void
test_no_shape (void)
{
  g_autoptr(StrataLayer) layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  StrataShape vector = VECTOR (10);

  strata_layer_apply (layer, &vector);
  for (guint f = 0; f < STRATA_N_LAYER_FORMULAS; f++)
    {
      g_autofree char *text = strata_layer_dup_formula (layer, f);

      g_assert_null (text);
    }
}

/* Runs last: each kind has a case above. */
static void
test_every_kind (void)
{
  for (guint k = 0; k < STRATA_N_LAYER_KINDS; k++)
    {
      if (!covered[k])
        g_test_message ("no formula case for %s", strata_layer_kind_get_info (k)->id);
      g_assert_true (covered[k]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formula/convolutions", test_convolutions);
  g_test_add_func ("/formula/transposed", test_transposed);
  g_test_add_func ("/formula/pooling", test_pooling);
  g_test_add_func ("/formula/reshaping", test_reshaping);
  g_test_add_func ("/formula/dense", test_dense);
  g_test_add_func ("/formula/values-only", test_values_only);
  g_test_add_func ("/formula/batchnorm-conventions", test_batchnorm_conventions);
  g_test_add_func ("/formula/merges", test_merges);
  g_test_add_func ("/formula/sources", test_sources);
  g_test_add_func ("/formula/no-shape", test_no_shape);
  g_test_add_func ("/formula/zz-every-kind", test_every_kind);

  return g_test_run ();
}
