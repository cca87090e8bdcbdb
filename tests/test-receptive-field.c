/* test-receptive-field.c: receptive fields, against published values and brute force. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "strata-network.h"
#include "strata-receptive-field.h"

static StrataLayer *
conv (guint         kernel,
      guint         stride,
      guint         dilation,
      StrataPadding mode,
      guint         pad)
{
  StrataLayer *layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  StrataLayerParams p;

  strata_layer_kind_init_params (STRATA_LAYER_KIND_CONV2D, &p);
  p.filters = 2;
  p.kernel = (StrataPair) { kernel, kernel };
  p.stride = (StrataPair) { stride, stride };
  p.dilation = (StrataPair) { dilation, dilation };
  p.padding_mode = mode;
  p.padding = (StrataPair) { pad, pad };
  strata_layer_set_params (layer, &p);
  return layer;
}

static StrataLayer *
maxpool (guint size,
         guint stride)
{
  StrataLayer *layer = strata_layer_new (STRATA_LAYER_KIND_MAXPOOL2D);
  StrataLayerParams p;

  strata_layer_kind_init_params (STRATA_LAYER_KIND_MAXPOOL2D, &p);
  p.pool = (StrataPair) { size, size };
  p.stride = (StrataPair) { stride, stride };
  strata_layer_set_params (layer, &p);
  return layer;
}

static void
append (StrataNetwork *network,
        StrataLayer   *layer)
{
  strata_network_append (network, layer);
  g_object_unref (layer);
}

static void
assert_field (StrataLayer *layer,
              double       size,
              double       jump,
              double       start)
{
  const StrataReceptiveField *f = strata_layer_get_receptive_field (layer);

  g_assert_cmpint (f->kind, ==, STRATA_RECEPTIVE_FIELD_SPATIAL);
  for (guint a = 0; a < 2; a++)
    {
      g_assert_cmpfloat (f->size[a], ==, size);
      g_assert_cmpfloat (f->jump[a], ==, jump);
      g_assert_cmpfloat (f->start[a], ==, start);
    }
}

/* VGG-16's published fields: 196 at conv5_3, 212 at pool5, then dense
 * layers see the whole image. */
static void
test_vgg16 (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  guint blocks[] = { 2, 2, 3, 3, 3 };
  StrataLayer *conv5_3 = NULL;
  StrataLayer *pool5 = NULL;
  g_autofree char *size = NULL;
  g_autofree char *jump = NULL;

  strata_network_set_input (network, 224, 224, 3);
  for (guint b = 0; b < G_N_ELEMENTS (blocks); b++)
    {
      for (guint i = 0; i < blocks[b]; i++)
        append (network, conv5_3 = conv (3, 1, 1, STRATA_PADDING_EXPLICIT, 1));
      append (network, pool5 = maxpool (2, 2));
    }
  append (network, strata_layer_new (STRATA_LAYER_KIND_FLATTEN));
  append (network, strata_layer_new (STRATA_LAYER_KIND_DENSE));

  assert_field (strata_network_get_layer (network, 0), 3, 1, 0);
  assert_field (strata_network_get_layer (network, 2), 6, 2, 0.5);
  assert_field (conv5_3, 196, 16, 7.5);
  assert_field (pool5, 212, 32, 15.5);
  size = strata_receptive_field_dup_size (strata_layer_get_receptive_field (pool5));
  jump = strata_receptive_field_dup_jump (strata_layer_get_receptive_field (pool5));
  g_assert_cmpstr (size, ==, "212");
  g_assert_cmpstr (jump, ==, "32");
  for (guint i = 18; i < 20; i++)
    {
      const StrataReceptiveField *f =
        strata_layer_get_receptive_field (strata_network_get_layer (network, i));
      g_autofree char *text = strata_receptive_field_dup_size (f);

      g_assert_cmpint (f->kind, ==, STRATA_RECEPTIVE_FIELD_GLOBAL);
      g_assert_cmpstr (text, ==, "the whole input");
    }
}

/* An edit that keeps every shape still changes the fields after it. */
static void
test_edit_keeps_shape (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  StrataLayer *first;
  StrataLayer *last;
  StrataLayerParams p;

  strata_network_set_input (network, 32, 32, 3);
  append (network, first = conv (3, 1, 1, STRATA_PADDING_EXPLICIT, 1));
  append (network, last = conv (3, 2, 1, STRATA_PADDING_EXPLICIT, 1));
  assert_field (last, 5, 2, 0);

  p = *strata_layer_get_params (first);
  p.kernel = (StrataPair) { 5, 5 };
  p.padding = (StrataPair) { 2, 2 };
  strata_layer_set_params (first, &p);
  assert_field (last, 7, 2, 0);
}

/* Brute force, along one axis: the input positions that output position
 * @o of @layer depends on, found by following every tap of every window
 * back to the input. Positions outside the input (in the padding) count,
 * as the recurrence counts them. */
static void
support (StrataNetwork *network,
         StrataLayer   *layer,
         guint          axis,
         gint64         o,
         GHashTable    *out)
{
  int position = strata_network_index_of (network, layer);
  const StrataLayerParams *p = strata_layer_get_params (layer);
  const StrataLayerKindInfo *info = strata_layer_get_kind_info (layer);
  guint n_inputs = strata_network_get_n_input_layers (network, position);
  gint64 k = axis == 0 ? p->kernel.height : p->kernel.width;
  gint64 s = axis == 0 ? p->stride.height : p->stride.width;
  gint64 d = axis == 0 ? p->dilation.height : p->dilation.width;
  gint64 pad = 0;
  g_autoptr(GArray) taps = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (info->category == STRATA_LAYER_CATEGORY_POOLING)
    {
      k = axis == 0 ? p->pool.height : p->pool.width;
      d = 1;
    }
  if (info->category == STRATA_LAYER_CATEGORY_CONVOLUTION ||
      info->category == STRATA_LAYER_CATEGORY_POOLING)
    {
      const StrataShape *in = strata_layer_get_input_shape (layer);
      const StrataShape *outs = strata_layer_get_output_shape (layer);
      gint64 n_in = axis == 0 ? in->height : in->width;
      gint64 n_out = axis == 0 ? outs->height : outs->width;

      if (p->padding_mode == STRATA_PADDING_EXPLICIT)
        pad = axis == 0 ? p->padding.height : p->padding.width;
      else if (p->padding_mode == STRATA_PADDING_SAME)
        pad = MAX ((n_out - 1) * s + d * (k - 1) + 1 - n_in, 0) / 2;
      for (gint64 t = 0; t < k; t++)
        g_array_append_val (taps, (gint64) { o * s - pad + t * d });
    }
  else if (strata_layer_get_kind (layer) == STRATA_LAYER_KIND_ZERO_PADDING2D)
    g_array_append_val (taps, (gint64) { o - (axis == 0 ? p->zero_padding.top
                                                        : p->zero_padding.left) });
  else if (strata_layer_get_kind (layer) == STRATA_LAYER_KIND_CROPPING2D)
    g_array_append_val (taps, (gint64) { o + (axis == 0 ? p->cropping.top : p->cropping.left) });
  else
    g_array_append_val (taps, o);

  for (guint i = 0; i < n_inputs; i++)
    {
      StrataLayer *input = strata_network_get_input_layer (network, position, i);

      for (guint t = 0; t < taps->len; t++)
        {
          gint64 at = g_array_index (taps, gint64, t);

          if (input == NULL)
            g_hash_table_add (out, g_memdup2 (&at, sizeof at));
          else
            support (network, input, axis, at, out);
        }
    }
}

static void
extent (GHashTable *set,
        gint64     *low,
        gint64     *high)
{
  GHashTableIter iter;
  gpointer key;

  *low = G_MAXINT64;
  *high = G_MININT64;
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      *low = MIN (*low, *(gint64 *) key);
      *high = MAX (*high, *(gint64 *) key);
    }
}

static GHashTable *
support_of (StrataNetwork *network,
            StrataLayer   *layer,
            guint          axis,
            gint64         o)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  support (network, layer, axis, o, set);
  return set;
}

/* Every layer's field against its brute-force support: the extent of
 * output 0's support is the size and centres on the start, and output 1's
 * lies a jump further on. */
static void
assert_brute_force (StrataNetwork *network)
{
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      const StrataReceptiveField *f = strata_layer_get_receptive_field (layer);

      g_assert_cmpint (f->kind, ==, STRATA_RECEPTIVE_FIELD_SPATIAL);
      for (guint a = 0; a < 2; a++)
        {
          g_autoptr(GHashTable) first = support_of (network, layer, a, 0);
          g_autoptr(GHashTable) second = support_of (network, layer, a, 1);
          gint64 low, high, low1, high1;

          extent (first, &low, &high);
          extent (second, &low1, &high1);
          g_assert_cmpfloat (f->size[a], ==, high - low + 1);
          g_assert_cmpfloat (f->start[a], ==, (low + high) / 2.0);
          g_assert_cmpfloat (f->jump[a], ==, low1 - low);
        }
    }
}

static StrataLayer *
random_layer (GRand *rand)
{
  StrataLayerKind kinds[] = { STRATA_LAYER_KIND_CONV2D, STRATA_LAYER_KIND_DEPTHWISE_CONV2D,
                              STRATA_LAYER_KIND_MAXPOOL2D, STRATA_LAYER_KIND_AVGPOOL2D,
                              STRATA_LAYER_KIND_ZERO_PADDING2D, STRATA_LAYER_KIND_CROPPING2D,
                              STRATA_LAYER_KIND_BATCHNORM };
  StrataLayerKind kind = kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))];
  StrataLayer *layer = strata_layer_new (kind);
  StrataLayerParams p;

  strata_layer_kind_init_params (kind, &p);
  /* Height and width differ, so that the axes cannot be mixed up. */
  p.kernel = (StrataPair) { g_rand_int_range (rand, 1, 6), g_rand_int_range (rand, 1, 6) };
  p.pool = (StrataPair) { g_rand_int_range (rand, 1, 4), g_rand_int_range (rand, 1, 4) };
  p.stride = (StrataPair) { g_rand_int_range (rand, 1, 4), g_rand_int_range (rand, 1, 4) };
  if (kind != STRATA_LAYER_KIND_MAXPOOL2D && kind != STRATA_LAYER_KIND_AVGPOOL2D)
    p.dilation = (StrataPair) { g_rand_int_range (rand, 1, 4), g_rand_int_range (rand, 1, 4) };
  p.padding_mode = g_rand_int_range (rand, 0, 3);
  p.padding = (StrataPair) { g_rand_int_range (rand, 0, 2), g_rand_int_range (rand, 0, 2) };
  if (kind == STRATA_LAYER_KIND_MAXPOOL2D || kind == STRATA_LAYER_KIND_AVGPOOL2D)
    p.padding = (StrataPair) { MIN (p.padding.height, p.pool.height / 2),
                               MIN (p.padding.width, p.pool.width / 2) };
  p.zero_padding = (StrataSides) { g_rand_int_range (rand, 0, 3), 1, g_rand_int_range (rand, 0, 3),
                                   0 };
  p.cropping = (StrataSides) { g_rand_int_range (rand, 0, 3), 0, g_rand_int_range (rand, 0, 3),
                               1 };
  strata_layer_set_params (layer, &p);
  return layer;
}

/* A branch that keeps its input's size ("same", stride 1) but not its
 * field's centre when the kernel is even. */
static StrataLayer *
random_branch (GRand *rand)
{
  StrataLayer *layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  StrataLayerParams p;

  strata_layer_kind_init_params (STRATA_LAYER_KIND_CONV2D, &p);
  p.kernel = (StrataPair) { g_rand_int_range (rand, 1, 6), g_rand_int_range (rand, 1, 6) };
  p.dilation = (StrataPair) { g_rand_int_range (rand, 1, 4), g_rand_int_range (rand, 1, 4) };
  p.padding_mode = STRATA_PADDING_SAME;
  strata_layer_set_params (layer, &p);
  return layer;
}

/* Random chains, and forks joined by an addition, on a large enough input. */
static void
test_brute_force (void)
{
  guint32 seed = g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint checked = 0;

  g_test_message ("seed %u", seed);
  for (guint n = 0; n < 200; n++)
    {
      g_autoptr(StrataNetwork) network = strata_network_new ();
      guint length = g_rand_int_range (rand, 1, 6);

      strata_network_set_input (network, 300, 300, 3);
      for (guint i = 0; i < length; i++)
        append (network, random_layer (rand));
      if (g_rand_boolean (rand))
        {
          /* Two branches from the last layer, added: a residual block. */
          StrataLayer *fork = strata_network_get_layer (network, length - 1);
          StrataLayer *left = random_branch (rand);
          StrataLayer *right = random_branch (rand);
          StrataLayer *add = strata_layer_new (STRATA_LAYER_KIND_ADD);
          StrataLayer *both[2] = { left, right };

          strata_layer_set_inputs (right, &fork, 1);
          append (network, left);
          append (network, right);
          strata_layer_set_inputs (add, both, 2);
          append (network, add);
        }
      if (strata_network_get_first_error (network) >= 0)
        continue;
      assert_brute_force (network);
      checked++;
    }
  /* Most draws fit the input; the ones that do not prove nothing. */
  g_assert_cmpuint (checked, >, 100);
}

/* Upsampling and transposed convolutions divide the jump. */
static void
test_upsampling (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  StrataLayer *up = strata_layer_new (STRATA_LAYER_KIND_UPSAMPLING2D);
  StrataLayer *transpose = strata_layer_new (STRATA_LAYER_KIND_CONV2D_TRANSPOSE);
  StrataLayerParams p;
  g_autofree char *jump = NULL;

  strata_network_set_input (network, 32, 32, 3);
  append (network, conv (3, 2, 1, STRATA_PADDING_EXPLICIT, 1));
  append (network, up);
  strata_layer_kind_init_params (STRATA_LAYER_KIND_CONV2D_TRANSPOSE, &p);
  p.kernel = (StrataPair) { 4, 4 };
  p.stride = (StrataPair) { 2, 2 };
  p.padding_mode = STRATA_PADDING_EXPLICIT;
  p.padding = (StrataPair) { 1, 1 };
  strata_layer_set_params (transpose, &p);
  append (network, transpose);

  /* Nearest: each value repeated, the field kept, neighbours 1 apart. */
  assert_field (up, 3, 1, 0);
  /* Output o of the 4 × 4 stride 2 takes ⌈4 / 2⌉ = 2 inputs: 3 + 1. */
  assert_field (transpose, 4, 0.5, -0.25);
  jump = strata_receptive_field_dup_jump (strata_layer_get_receptive_field (transpose));
  g_assert_cmpstr (jump, ==, "0.5");
}

/* PyTorch's adaptive windows on 5 → 3: [0, 2), [1, 4), [3, 5); the widest
 * is 3, and outputs are 5/3 input pixels apart. */
static void
test_adaptive (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  StrataLayer *pool = strata_layer_new (STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D);
  const StrataReceptiveField *f;

  g_object_set (pool, "output-height", 3, "output-width", 3, NULL);
  strata_network_set_input (network, 5, 5, 2);
  append (network, pool);
  f = strata_layer_get_receptive_field (pool);
  g_assert_cmpint (f->kind, ==, STRATA_RECEPTIVE_FIELD_SPATIAL);
  g_assert_cmpfloat (f->size[0], ==, 3);
  g_assert_cmpfloat_with_epsilon (f->jump[1], 5.0 / 3, 1e-12);
  g_assert_cmpfloat (f->start[0], ==, 0.5);
}

static void
assert_window (StrataLayer *layer,
               guint        axis,
               guint64      pad_before,
               guint64      pad_after,
               guint64      output)
{
  StrataWindowAxis w;

  g_assert_true (strata_layer_get_window_axis (layer, axis, &w));
  g_assert_cmpuint (w.pad_before, ==, pad_before);
  g_assert_cmpuint (w.pad_after, ==, pad_after);
  g_assert_cmpuint (w.output, ==, output);
}

/* The padding a sliding window really sees on each side. */
static void
test_window_axes (void)
{
  g_autoptr(StrataLayer) explicit = conv (3, 2, 1, STRATA_PADDING_EXPLICIT, 1);
  g_autoptr(StrataLayer) same = conv (4, 2, 1, STRATA_PADDING_SAME, 0);
  g_autoptr(StrataLayer) ceil = maxpool (2, 2);
  g_autoptr(StrataLayer) dense = strata_layer_new (STRATA_LAYER_KIND_DENSE);
  StrataShape eight = { 8, 8, 3, FALSE };
  StrataShape seven = { 7, 5, 3, FALSE };
  StrataWindowAxis w;

  strata_layer_apply (explicit, &eight);
  assert_window (explicit, 0, 1, 1, 4);
  /* Keras's "same": 3 pixels of padding on 7, the odd one after. */
  strata_layer_apply (same, &seven);
  assert_window (same, 0, 1, 2, 4);
  assert_window (same, 1, 1, 2, 3);
  /* Ceil mode: the last window reaches one past a 5-pixel input. */
  g_object_set (ceil, "ceil-mode", TRUE, NULL);
  strata_layer_apply (ceil, &seven);
  assert_window (ceil, 1, 0, 1, 3);
  strata_layer_apply (dense, &seven);
  g_assert_false (strata_layer_get_window_axis (dense, 0, &w));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/receptive-field/vgg16", test_vgg16);
  g_test_add_func ("/receptive-field/edit-keeps-shape", test_edit_keeps_shape);
  g_test_add_func ("/receptive-field/brute-force", test_brute_force);
  g_test_add_func ("/receptive-field/upsampling", test_upsampling);
  g_test_add_func ("/receptive-field/window-axes", test_window_axes);
  g_test_add_func ("/receptive-field/adaptive", test_adaptive);

  return g_test_run ();
}
