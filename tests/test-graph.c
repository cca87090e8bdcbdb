/* test-graph.c: branches: layers that name their inputs, share weights, and keep their order. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-history.h"
#include "strata-test-random.h"

static StrataLayer *
conv (const char *name,
      guint       filters,
      guint       kernel)
{
  StrataLayer *layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  StrataLayerParams params = *strata_layer_get_params (layer);

  params.filters = filters;
  params.kernel = (StrataPair) { kernel, kernel };
  params.padding_mode = STRATA_PADDING_SAME;
  strata_layer_set_params (layer, &params);
  strata_layer_set_name (layer, name);
  return layer;
}

static void
set_filters (StrataLayer *layer,
             guint        filters)
{
  StrataLayerParams params = *strata_layer_get_params (layer);

  params.filters = filters;
  strata_layer_set_params (layer, &params);
}

static void
assert_shape (StrataLayer *layer,
              guint64      height,
              guint64      width,
              guint64      channels)
{
  const StrataShape *shape = strata_layer_get_output_shape (layer);

  g_assert_nonnull (shape);
  g_assert_cmpuint (shape->height, ==, height);
  g_assert_cmpuint (shape->width, ==, width);
  g_assert_cmpuint (shape->channels, ==, channels);
}

/* input 8 × 8 × 3 → a (4 filters, 1 × 1), b (6 filters, 3 × 3) reading the
 * input too, then c (2 filters) reading a: two branches from the input. */
static StrataNetwork *
make_fork (void)
{
  StrataNetwork *network = strata_network_new ();
  g_autoptr(StrataLayer) a = conv ("a", 4, 1);
  g_autoptr(StrataLayer) b = conv ("b", 6, 3);
  g_autoptr(StrataLayer) c = conv ("c", 2, 1);
  StrataLayer *input = NULL;
  StrataLayer *layers[] = { a, b, c };

  strata_network_set_input (network, 8, 8, 3);
  strata_layer_set_inputs (b, &input, 1);
  strata_layer_set_inputs (c, &a, 1);
  strata_network_splice (network, 0, 0, layers, G_N_ELEMENTS (layers));
  return network;
}

static void
assert_consumers (StrataNetwork *network,
                  guint          position,
                  const char    *expected)
{
  g_autoptr(GPtrArray) consumers = strata_network_get_consumers (network, position);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < consumers->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                            strata_layer_get_display_name (consumers->pdata[i]));
  g_assert_cmpstr (names->str, ==, expected);
}

static void
test_graph_fork (void)
{
  g_autoptr(StrataNetwork) network = make_fork ();
  StrataLayer *a = strata_network_get_layer (network, 0);
  StrataLayer *b = strata_network_get_layer (network, 1);
  StrataLayer *c = strata_network_get_layer (network, 2);

  assert_shape (a, 8, 8, 4);
  assert_shape (b, 8, 8, 6);
  /* c reads a's 4 channels, not b's 6: (1 × 1 × 4 + 1) × 2 */
  assert_shape (c, 8, 8, 2);
  g_assert_cmpuint (strata_layer_get_params_count (c), ==, 10);
  g_assert_cmpuint (strata_network_get_params (network), ==, (3 + 1) * 4 + (27 + 1) * 6 + 10);

  g_assert_null (strata_network_get_input_layer (network, 1, 0));
  g_assert_true (strata_network_get_input_layer (network, 2, 0) == a);
  g_assert_cmpuint (strata_network_get_n_input_layers (network, 0), ==, 1);
  assert_consumers (network, 0, "c");
  assert_consumers (network, 1, "");
  assert_consumers (network, 2, "");
  g_assert_false (strata_network_is_chain (network));

  /* Changing a's filters changes c's parameters; b, on the other branch, stays. */
  set_filters (a, 8);
  g_assert_cmpuint (strata_layer_get_params_count (c), ==, 18);
  g_assert_cmpuint (strata_layer_get_params_count (b), ==, 168);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* Only what reads a changed shape is computed again. */
static void
test_graph_incremental (void)
{
  g_autoptr(StrataNetwork) network = make_fork ();
  StrataLayer *a = strata_network_get_layer (network, 0);
  StrataLayer *b = strata_network_get_layer (network, 1);
  StrataLayer *c = strata_network_get_layer (network, 2);
  guint b_notified = 0, c_notified = 0;

  g_signal_connect (b, "notify", G_CALLBACK (count_notify_cb), &b_notified);
  g_signal_connect (c, "notify", G_CALLBACK (count_notify_cb), &c_notified);

  /* b comes right after a but does not read it: it is not touched. */
  set_filters (a, 5);
  g_assert_cmpuint (b_notified, ==, 0);
  /* params, trainable-params, macs and formula of c */
  g_assert_cmpuint (c_notified, ==, 4);

  g_signal_handlers_disconnect_by_data (b, &b_notified);
  g_signal_handlers_disconnect_by_data (c, &c_notified);
}

static void
test_graph_order (void)
{
  g_autoptr(StrataNetwork) network = make_fork ();
  StrataLayer *a = strata_network_get_layer (network, 0);
  StrataLayer *c = strata_network_get_layer (network, 2);
  g_autoptr(GError) error = NULL;

  g_assert_false (strata_network_set_inputs (network, 0, &c, 1, &error));
  g_assert_error (error, STRATA_NETWORK_ERROR, STRATA_NETWORK_ERROR_ORDER);
  g_assert_cmpstr (error->message, ==, "“a” cannot read “c”, which comes after it");
  g_clear_error (&error);
  g_assert_cmpuint (strata_layer_get_n_inputs (a), ==, 0);

  g_assert_false (strata_network_can_move (network, 2, 0, &error));
  g_assert_cmpstr (error->message, ==, "“c” cannot move above “a”, which it reads");
  g_clear_error (&error);
  g_assert_false (strata_network_can_move (network, 0, 2, &error));
  g_assert_cmpstr (error->message, ==, "“a” cannot move below “c”, which reads it");
  g_clear_error (&error);

  /* b reads the input, so it may go first, and c still reads a. */
  g_assert_true (strata_network_can_move (network, 1, 0, NULL));
  strata_network_move (network, 1, 0);
  g_assert_true (strata_network_get_layer (network, 1) == a);
  g_assert_true (strata_network_get_input_layer (network, 2, 0) == a);
  assert_shape (c, 8, 8, 2);
}

/* Removing a layer points what read it at the layer's first input, in one
 * undo step, and the undo puts every link back. */
static void
test_graph_remove (void)
{
  g_autoptr(StrataNetwork) network = make_fork ();
  g_autoptr(StrataHistory) history = strata_history_new (network);
  StrataLayer *a = strata_network_get_layer (network, 0);
  StrataLayer *c = strata_network_get_layer (network, 2);

  strata_history_begin_group (history);
  strata_network_remove (network, 0);
  strata_history_end_group (history);

  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 2);
  g_assert_null (strata_network_get_input_layer (network, 1, 0));
  /* c now reads the 3 input channels: (3 + 1) × 2 */
  g_assert_cmpuint (strata_layer_get_params_count (c), ==, 8);

  strata_history_undo (history, NULL);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 3);
  g_assert_true (strata_network_get_input_layer (network, 2, 0) == a);
  g_assert_cmpuint (strata_layer_get_params_count (c), ==, 10);
  g_assert_false (strata_history_can_undo (history));

  strata_history_redo (history, NULL);
  g_assert_cmpuint (strata_layer_get_params_count (c), ==, 8);
}

/* The layer after a removed one that named its input goes on reading
 * that input. */
static void
test_graph_remove_default_reader (void)
{
  g_autoptr(StrataNetwork) network = make_fork ();
  g_autoptr(StrataLayer) d = conv ("d", 3, 1);

  /* d, after b, reads b by default; b reads the network's input. */
  strata_network_insert (network, 2, d);
  assert_shape (d, 8, 8, 3);
  g_assert_cmpuint (strata_layer_get_params_count (d), ==, (6 + 1) * 3);
  strata_network_remove (network, 1);
  g_assert_cmpuint (strata_layer_get_n_inputs (d), ==, 1);
  g_assert_null (strata_layer_get_input (d, 0));
  g_assert_cmpuint (strata_layer_get_params_count (d), ==, (3 + 1) * 3);
}

static void
test_graph_history (void)
{
  g_autoptr(StrataNetwork) network = make_fork ();
  g_autoptr(StrataHistory) history = strata_history_new (network);
  StrataLayer *b = strata_network_get_layer (network, 1);
  StrataLayer *c = strata_network_get_layer (network, 2);
  g_autoptr(GError) error = NULL;

  g_assert_true (strata_network_set_inputs (network, 2, &b, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strata_layer_get_params_count (c), ==, (6 + 1) * 2);
  assert_consumers (network, 1, "c");
  g_assert_true (strata_history_get_modified (history));

  strata_history_undo (history, NULL);
  g_assert_cmpuint (strata_layer_get_params_count (c), ==, 10);
  assert_consumers (network, 1, "");
  assert_consumers (network, 0, "c");
  g_assert_false (strata_history_get_modified (history));

  strata_history_redo (history, NULL);
  g_assert_cmpuint (strata_layer_get_params_count (c), ==, 14);
}

/* A layer using another's weights shows none of its own and says whose
 * it uses; its output and MACs are its own. */
static void
test_graph_shares (void)
{
  g_autoptr(StrataNetwork) network = make_fork ();
  g_autoptr(StrataLayer) twin = conv (NULL, 4, 1);
  StrataLayer *a = strata_network_get_layer (network, 0);
  StrataLayer *input = NULL;
  g_autoptr(GError) error = NULL;
  guint64 total = strata_network_get_params (network);

  strata_network_append (network, twin);
  g_assert_true (strata_network_set_inputs (network, 3, &input, 1, &error));
  g_assert_true (strata_network_set_shares (network, 3, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strata_layer_get_params_count (twin), ==, 0);
  g_assert_cmpuint (strata_layer_get_trainable_params (twin), ==, 0);
  g_assert_cmpuint (strata_layer_get_macs (twin), ==, strata_layer_get_macs (a));
  g_assert_cmpstr (strata_layer_get_formula (twin), ==, "0 (uses the weights of “a”)");
  g_assert_cmpuint (strata_network_get_params (network), ==, total);

  /* Its settings must stay the owner's: an edit of the owner that keeps
   * the owner's shape still reaches it. */
  {
    StrataLayerParams params = *strata_layer_get_params (a);

    params.bias = FALSE;
    strata_layer_set_params (a, &params);
  }
  g_assert_false (strata_layer_has_shape (twin));
  g_assert_cmpstr (strata_layer_get_error (twin), ==,
                   "Shares the weights of “a”, so it must be a layer of the same type with the "
                   "same settings");

  /* Reading a's output (4 channels) while a reads 3 does not fit its weights. */
  {
    StrataLayerParams params = *strata_layer_get_params (twin);

    params.bias = FALSE;
    strata_layer_set_params (twin, &params);
  }
  g_assert_true (strata_layer_has_shape (twin));
  g_assert_true (strata_network_set_inputs (network, 3, &a, 1, NULL));
  g_assert_cmpstr (strata_layer_get_error (twin), ==,
                   "Shares the weights of “a”, whose input has 3 channels, but its input has 4");
}

/* Sharing compares every kind of setting, the four sides of a padding too. */
static void
test_graph_shares_sides (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(StrataLayer) owner = strata_layer_new (STRATA_LAYER_KIND_ZERO_PADDING2D);
  g_autoptr(StrataLayer) twin = strata_layer_new (STRATA_LAYER_KIND_ZERO_PADDING2D);
  StrataLayerParams params = *strata_layer_get_params (twin);

  strata_network_append (network, owner);
  strata_network_append (network, twin);
  g_assert_true (strata_network_set_shares (network, 1, owner, NULL));
  g_assert_null (strata_layer_get_error (twin));

  params.zero_padding.left = 3;
  strata_layer_set_params (twin, &params);
  g_assert_nonnull (strata_layer_get_error (twin));
  g_assert_true (g_str_has_prefix (strata_layer_get_error (twin), "Shares the weights of"));
}

/* Connecting to a layer without a name names it, so a file can refer to it. */
static void
test_graph_names (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(StrataLayer) first = strata_layer_new (STRATA_LAYER_KIND_DENSE);
  g_autoptr(StrataLayer) taken = strata_layer_new (STRATA_LAYER_KIND_DENSE);
  g_autoptr(StrataLayer) reader = strata_layer_new (STRATA_LAYER_KIND_DENSE);

  strata_layer_set_name (taken, "dense_1");
  strata_network_append (network, first);
  strata_network_append (network, taken);
  strata_network_append (network, reader);
  g_assert_true (strata_network_set_inputs (network, 2, &first, 1, NULL));
  g_assert_cmpstr (strata_layer_get_name (first), ==, "dense_2");
  g_assert_cmpstr (strata_network_get_input_name (network), ==, "input");
}

/* One network takes another's input, its shape and the name layers use. */
static void
test_graph_input_like (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(StrataNetwork) other = strata_network_new ();

  strata_network_set_input (other, 17, 23, 5);
  strata_network_set_input_name (other, "image");
  strata_network_set_input_like (network, other);
  g_assert_cmpint (strata_network_get_input_shape (network)->height, ==, 17);
  g_assert_cmpint (strata_network_get_input_shape (network)->width, ==, 23);
  g_assert_cmpint (strata_network_get_input_shape (network)->channels, ==, 5);
  g_assert_cmpstr (strata_network_get_input_name (network), ==, "image");

  strata_network_set_input_name (other, NULL);
  strata_network_set_input_like (network, other);
  g_assert_cmpstr (strata_network_get_input_name (network), ==, "input");
}

/* A layer changed to another kind keeps its name, the settings it
 * changed that the new kind takes, and what it reads. */
static void
test_graph_copy_as_kind (void)
{
  g_autoptr(StrataNetwork) network = make_fork ();
  StrataLayer *a = strata_network_get_layer (network, 0);
  StrataLayer *b = strata_network_get_layer (network, 1);
  StrataLayer *inputs[] = { a, b };
  g_autoptr(StrataLayer) sum = strata_layer_new (STRATA_LAYER_KIND_ADD);
  g_autoptr(StrataLayer) as_conv = NULL;
  g_autoptr(StrataLayer) as_pool = NULL;
  g_autoptr(StrataLayer) as_activation = NULL;
  g_autoptr(StrataLayer) as_input = NULL;
  g_autoptr(StrataLayer) twin = NULL;
  g_autoptr(StrataLayer) same = NULL;
  StrataLayerParams params;

  strata_layer_set_name (sum, "sum");
  strata_layer_set_inputs (sum, inputs, G_N_ELEMENTS (inputs));
  strata_network_append (network, sum);

  /* A convolution reads one input: the merge's first. */
  as_conv = strata_layer_copy_as_kind (sum, STRATA_LAYER_KIND_CONV2D);
  g_assert_cmpint (strata_layer_get_kind (as_conv), ==, STRATA_LAYER_KIND_CONV2D);
  g_assert_cmpstr (strata_layer_get_name (as_conv), ==, "sum");
  g_assert_cmpuint (strata_layer_get_n_inputs (as_conv), ==, 1);
  g_assert_true (strata_layer_get_input (as_conv, 0) == a);
  g_assert_cmpint (strata_network_index_of (network, as_conv), ==, -1);
  as_input = strata_layer_copy_as_kind (sum, STRATA_LAYER_KIND_INPUT);
  g_assert_cmpuint (strata_layer_get_n_inputs (as_input), ==, 0);

  /* b: 3 × 3, 6 filters, "same" padding, stride 1 and no activation, the
   * last two the defaults of a convolution: a pooling window keeps its
   * own stride (its size), an activation layer its ReLU. */
  as_pool = strata_layer_copy_as_kind (b, STRATA_LAYER_KIND_MAXPOOL2D);
  g_assert_cmpint (strata_layer_get_params (as_pool)->padding_mode, ==, STRATA_PADDING_SAME);
  g_assert_cmpuint (strata_layer_get_params (as_pool)->stride.height, ==, 2);
  g_assert_cmpuint (strata_layer_get_params (as_pool)->pool.height, ==, 2);
  g_assert_cmpuint (strata_layer_get_n_inputs (as_pool), ==, 1);
  g_assert_null (strata_layer_get_input (as_pool, 0));
  as_activation = strata_layer_copy_as_kind (b, STRATA_LAYER_KIND_ACTIVATION);
  g_assert_cmpint (strata_layer_get_params (as_activation)->activation, ==,
                   STRATA_ACTIVATION_RELU);
  params = *strata_layer_get_params (b);
  params.activation = STRATA_ACTIVATION_GELU;
  params.kernel = (StrataPair) { 5, 3 };
  strata_layer_set_params (b, &params);
  g_clear_object (&as_activation);
  as_activation = strata_layer_copy_as_kind (b, STRATA_LAYER_KIND_ACTIVATION);
  g_assert_cmpint (strata_layer_get_params (as_activation)->activation, ==,
                   STRATA_ACTIVATION_GELU);
  g_clear_object (&as_conv);
  as_conv = strata_layer_copy_as_kind (b, STRATA_LAYER_KIND_DEPTHWISE_CONV2D);
  g_assert_cmpuint (strata_layer_get_params (as_conv)->kernel.height, ==, 5);
  g_assert_cmpuint (strata_layer_get_params (as_conv)->kernel.width, ==, 3);

  /* Weights are shared with a layer of the same kind only. */
  twin = conv ("twin", 4, 1);
  strata_layer_set_shares (twin, a);
  same = strata_layer_copy_as_kind (twin, STRATA_LAYER_KIND_CONV2D);
  g_assert_true (strata_layer_get_shares (same) == a);
  g_assert_true (strata_layer_kind_params_equal (STRATA_LAYER_KIND_CONV2D,
                                                 strata_layer_get_params (same),
                                                 strata_layer_get_params (twin)));
  g_clear_object (&as_conv);
  as_conv = strata_layer_copy_as_kind (twin, STRATA_LAYER_KIND_DEPTHWISE_CONV2D);
  g_assert_null (strata_layer_get_shares (as_conv));
}

/* Settings of every type compare by their whole value: a choice, sides
 * and a target too. */
static void
test_graph_params_equal (void)
{
  static const StrataLayerKind kinds[] = {
    STRATA_LAYER_KIND_UPSAMPLING2D, STRATA_LAYER_KIND_ZERO_PADDING2D, STRATA_LAYER_KIND_RESHAPE,
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      StrataLayerParams a, b;

      strata_layer_kind_init_params (kinds[k], &a);
      b = a;
      g_assert_true (strata_layer_kind_params_equal (kinds[k], &a, &b));
      b.interpolation = STRATA_INTERPOLATION_BILINEAR;
      b.zero_padding.right = 2;
      b.target.is_vector = TRUE;
      g_assert_false (strata_layer_kind_params_equal (kinds[k], &a, &b));
    }
}

/* A long chain where every layer names the one before it frees without
 * recursing once per layer. */
static void
test_graph_deep_teardown (void)
{
  StrataNetwork *network = strata_network_new ();
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 300000; i++)
    {
      StrataLayer *layer = strata_layer_new (STRATA_LAYER_KIND_DROPOUT);

      if (i > 0)
        strata_layer_set_inputs (layer, (StrataLayer **) &layers->pdata[i - 1], 1);
      g_ptr_array_add (layers, layer);
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 300000);
  g_clear_pointer (&layers, g_ptr_array_unref);
  g_object_unref (network);
}

/* The totals and first error, kept up to date as layers change, are what
 * summing every layer gives, after each of many random edits. */
static void
assert_totals_are_sums (StrataNetwork *network)
{
  guint64 params = 0, trainable = 0, macs = 0, activations = 0;
  int first_error = -1;

  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);

      if (first_error < 0 && strata_layer_get_error (layer) != NULL)
        first_error = i;
      params += strata_layer_get_params_count (layer);
      trainable += strata_layer_get_trainable_params (layer);
      macs += strata_layer_get_macs (layer);
      activations += strata_layer_get_activation_size (layer);
    }
  g_assert_cmpint (strata_network_get_first_error (network), ==, first_error);
  g_assert_cmpuint (strata_network_get_params (network), ==, params);
  g_assert_cmpuint (strata_network_get_trainable_params (network), ==, trainable);
  g_assert_cmpuint (strata_network_get_macs (network), ==, macs);
  g_assert_cmpuint (strata_network_get_activation_size (network), ==, activations);
}

/* A layer that fails on its own before the layer at which the totals
 * overflow stays the network's first error: four maps of 2⁶² values,
 * each read from the input beside a reshape that cannot apply, sum past
 * 64 bits at the last. */
static void
test_graph_overflow_after_error (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  StrataLayer *reshape = strata_layer_new (STRATA_LAYER_KIND_RESHAPE);
  StrataLayerParams params = *strata_layer_get_params (reshape);
  StrataLayer *from_input = NULL;

  params.target = (StrataTarget) { 1, 1, 1, FALSE };
  strata_layer_set_params (reshape, &params);
  g_ptr_array_add (layers, reshape);
  for (guint i = 0; i < 4; i++)
    {
      StrataLayer *dropout = strata_layer_new (STRATA_LAYER_KIND_DROPOUT);

      strata_layer_set_inputs (dropout, &from_input, 1);
      g_ptr_array_add (layers, dropout);
    }
  strata_network_set_input (network, 1u << 21, 1u << 21, 1u << 20);
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);

  g_assert_nonnull (strata_layer_get_error (reshape));
  g_assert_cmpstr (strata_layer_get_error (g_ptr_array_index (layers, 4)), ==,
                   "The network's totals overflow 64 bits at this layer");
  g_assert_cmpint (strata_network_get_first_error (network), ==, 0);
  assert_totals_are_sums (network);
}

static void
test_graph_totals (void)
{
  for (guint round = 0; round < 40; round++)
    {
      guint32 seed = g_test_rand_int ();
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(StrataNetwork) network = strata_test_random_network_full (rand, TRUE);

      g_test_message ("network seed %u", seed);
      assert_totals_are_sums (network);
      for (guint edit = 0; edit < 60; edit++)
        {
          guint n = strata_network_get_n_layers (network);
          guint position = g_rand_int_range (rand, 0, MAX (n, 1));

          switch (g_rand_int_range (rand, 0, 5))
            {
            case 0:
              {
                g_autoptr(StrataLayer) layer =
                  strata_test_random_layer (rand, g_rand_int_range (rand, 0, STRATA_N_LAYER_KINDS));

                strata_network_insert (network, MIN (position, n), layer);
              }
              break;
            case 1:
              if (n > 0)
                strata_network_remove (network, position);
              break;
            case 2:
              if (n > 0)
                {
                  StrataLayer *layer = strata_network_get_layer (network, position);
                  g_autoptr(StrataLayer) donor =
                    strata_test_random_layer (rand, strata_layer_get_kind (layer));

                  strata_layer_set_params (layer, strata_layer_get_params (donor));
                }
              break;
            case 3:
              if (n > 1 && position > 0)
                {
                  StrataLayer *source = g_rand_boolean (rand)
                                          ? strata_network_get_layer (network,
                                                                      g_rand_int_range (rand, 0,
                                                                                        position))
                                          : NULL;

                  strata_network_set_inputs (network, position, &source, 1, NULL);
                }
              break;
            default:
              strata_network_set_input (network, g_rand_int_range (rand, 1, 64),
                                        g_rand_int_range (rand, 1, 64),
                                        g_rand_int_range (rand, 1, 16));
              break;
            }
          assert_totals_are_sums (network);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/graph/fork", test_graph_fork);
  g_test_add_func ("/graph/overflow-after-error", test_graph_overflow_after_error);
  g_test_add_func ("/graph/incremental", test_graph_incremental);
  g_test_add_func ("/graph/order", test_graph_order);
  g_test_add_func ("/graph/remove", test_graph_remove);
  g_test_add_func ("/graph/remove-default-reader", test_graph_remove_default_reader);
  g_test_add_func ("/graph/history", test_graph_history);
  g_test_add_func ("/graph/shares", test_graph_shares);
  g_test_add_func ("/graph/shares-sides", test_graph_shares_sides);
  g_test_add_func ("/graph/names", test_graph_names);
  g_test_add_func ("/graph/input-like", test_graph_input_like);
  g_test_add_func ("/graph/totals", test_graph_totals);
  g_test_add_func ("/graph/copy-as-kind", test_graph_copy_as_kind);
  g_test_add_func ("/graph/params-equal", test_graph_params_equal);
  g_test_add_func ("/graph/deep-teardown", test_graph_deep_teardown);

  return g_test_run ();
}
