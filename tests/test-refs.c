/* test-refs.c: every layer of the reference networks, against PyTorch and Keras. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "strata-memory.h"
#include "strata-test-refs.h"

/* The reference JSON is read as the frameworks wrote it; nothing is copied
 * by hand. Each framework row becomes one Strata layer, and the network's
 * shapes and counts must equal the framework's, row by row. */

static void
test_torch (gconstpointer data)
{
  const char *model = data;
  g_autofree char *relative = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(StrataNetwork) network = strata_network_new ();
  JsonObject *top;
  JsonArray *rows;
  StrataShape input;
  guint64 buffers = 0;
  StrataMemoryEstimate estimate;

  if (!refs_available ())
    return;

  relative = g_strdup_printf ("torch%c%s.json", G_DIR_SEPARATOR, model);
  root = load_ref (relative);
  top = json_node_get_object (root);
  rows = json_object_get_array_member (top, "rows");
  input = torch_shape (json_object_get_array_member (top, "input_shape"));
  strata_network_set_input (network, input.height, input.width, input.channels);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autoptr(StrataLayer) layer = NULL;
      StrataShape expected;

      g_assert_true (json_object_get_boolean_member (row, "first_call"));
      layer = torch_layer (row);
      strata_network_append (network, layer);

      expected = torch_shape (json_object_get_array_member (row, "output_shape"));
      assert_shape (layer, &expected, i);
      /* PyTorch's parameters are Strata's trainable ones; its float buffers
       * (BatchNorm's running mean and variance) are the non-trainable ones. */
      g_assert_cmpuint (strata_layer_get_trainable_params (layer), ==,
                        json_object_get_int_member (row, "params"));
      g_assert_cmpuint (strata_layer_get_non_trainable_params (layer), ==,
                        json_object_get_int_member (row, "float_buffer_numel"));
      g_assert_cmpuint (strata_layer_get_params_count (layer), ==,
                        json_object_get_int_member (row, "params") +
                        json_object_get_int_member (row, "float_buffer_numel"));
      g_assert_nonnull (strata_layer_get_formula (layer));
      buffers += json_object_get_int_member (row, "float_buffer_numel");
    }

  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
  g_assert_cmpuint (strata_network_get_trainable_params (network), ==,
                    json_object_get_int_member (top, "total_params"));
  g_assert_cmpuint (strata_network_get_non_trainable_params (network), ==, buffers);
  g_assert_cmpuint (strata_network_get_non_trainable_params (network), ==,
                    json_object_get_int_member (top, "float_buffer_numel"));
  g_assert_cmpuint (strata_network_get_buffers (network), ==, 0);

  /* Counted as PyTorch counts: its total_params, every row's params, and
   * the running statistics as buffers. */
  strata_network_set_convention (network, STRATA_CONVENTION_PYTORCH);
  g_assert_cmpuint (strata_network_get_params (network), ==,
                    json_object_get_int_member (top, "total_params"));
  g_assert_cmpuint (strata_network_get_trainable_params (network), ==,
                    json_object_get_int_member (top, "total_params"));
  g_assert_cmpuint (strata_network_get_non_trainable_params (network), ==, 0);
  g_assert_cmpuint (strata_network_get_buffers (network), ==,
                    json_object_get_int_member (top, "float_buffer_numel"));
  /* The buffers are stored with the weights, but get no gradient. */
  strata_network_estimate_memory (network, 4, STRATA_DTYPE_FLOAT16, &estimate);
  g_assert_cmpuint (estimate.weights, ==,
                    2 * (json_object_get_int_member (top, "total_params") +
                         json_object_get_int_member (top, "float_buffer_numel")));
  g_assert_cmpuint (estimate.gradients, ==, 2 * json_object_get_int_member (top, "total_params"));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      StrataLayer *layer = strata_network_get_layer (network, i);

      g_assert_cmpuint (strata_layer_get_params_count (layer), ==,
                        json_object_get_int_member (row, "params"));
      g_assert_cmpuint (strata_layer_get_buffers (layer), ==,
                        json_object_get_int_member (row, "float_buffer_numel"));
    }
}

static StrataActivation
keras_activation (JsonObject *config)
{
  StrataActivation activation = STRATA_ACTIVATION_NONE;
  const char *name;

  if (!json_object_has_member (config, "activation"))
    return STRATA_ACTIVATION_NONE;
  name = json_object_get_string_member (config, "activation");
  g_assert_true (strata_activation_from_id (name, &activation));
  return activation;
}

static StrataPadding
keras_padding (JsonObject *config)
{
  const char *padding = json_object_get_string_member (config, "padding");

  if (g_str_equal (padding, "same"))
    return STRATA_PADDING_SAME;
  g_assert_cmpstr (padding, ==, "valid");
  return STRATA_PADDING_VALID;
}

static StrataLayer *
keras_layer (JsonObject *row)
{
  const char *type = json_object_get_string_member (row, "class_name");
  JsonObject *c = json_object_get_object_member (row, "config");
  StrataLayerParams p;
  StrataLayerKind kind;

  if (g_str_equal (type, "Conv2D"))
    {
      strata_layer_kind_init_params (kind = STRATA_LAYER_KIND_CONV2D, &p);
      p.filters = json_object_get_int_member (c, "filters");
      p.kernel = json_pair (c, "kernel_size");
      p.stride = json_pair (c, "strides");
      p.padding_mode = keras_padding (c);
      p.dilation = json_pair (c, "dilation_rate");
      p.bias = json_object_get_boolean_member (c, "use_bias");
      p.activation = keras_activation (c);
      return layer_with (kind, &p);
    }
  if (g_str_equal (type, "MaxPooling2D") || g_str_equal (type, "AveragePooling2D"))
    {
      kind = g_str_equal (type, "MaxPooling2D") ? STRATA_LAYER_KIND_MAXPOOL2D
                                                : STRATA_LAYER_KIND_AVGPOOL2D;
      strata_layer_kind_init_params (kind, &p);
      p.pool = json_pair (c, "pool_size");
      p.stride = json_pair (c, "strides");
      p.padding_mode = keras_padding (c);
      return layer_with (kind, &p);
    }
  if (g_str_equal (type, "Dense"))
    {
      strata_layer_kind_init_params (kind = STRATA_LAYER_KIND_DENSE, &p);
      p.units = json_object_get_int_member (c, "units");
      p.bias = json_object_get_boolean_member (c, "use_bias");
      p.activation = keras_activation (c);
      return layer_with (kind, &p);
    }
  if (g_str_equal (type, "Flatten"))
    return strata_layer_new (STRATA_LAYER_KIND_FLATTEN);
  if (g_str_equal (type, "BatchNormalization"))
    return strata_layer_new (STRATA_LAYER_KIND_BATCHNORM);
  if (g_str_equal (type, "GlobalAveragePooling2D"))
    return strata_layer_new (STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D);
  if (g_str_equal (type, "Add"))
    return strata_layer_new (STRATA_LAYER_KIND_ADD);
  if (g_str_equal (type, "Activation"))
    {
      strata_layer_kind_init_params (kind = STRATA_LAYER_KIND_ACTIVATION, &p);
      p.activation = keras_activation (c);
      return layer_with (kind, &p);
    }
  if (g_str_equal (type, "InputLayer"))
    {
      JsonArray *shape = json_object_get_array_member (c, "batch_input_shape");

      strata_layer_kind_init_params (kind = STRATA_LAYER_KIND_INPUT, &p);
      g_assert_cmpuint (json_array_get_length (shape), ==, 4);
      p.height = json_array_get_int_element (shape, 1);
      p.width = json_array_get_int_element (shape, 2);
      p.channels = json_array_get_int_element (shape, 3);
      return layer_with (kind, &p);
    }

  g_error ("a Keras layer this test does not know: %s", type);
}

/* [null, H, W, C] or [null, N]. */
static StrataShape
keras_shape (JsonArray *array)
{
  if (json_array_get_length (array) == 2)
    return (StrataShape) { 1, 1, json_array_get_int_element (array, 1), TRUE };
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  return (StrataShape) { json_array_get_int_element (array, 1),
                         json_array_get_int_element (array, 2),
                         json_array_get_int_element (array, 3), FALSE };
}

static void
test_keras (gconstpointer data)
{
  const char *model = data;
  g_autofree char *relative = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(StrataNetwork) network = strata_network_new ();
  JsonObject *top;
  JsonArray *rows;
  StrataShape input;

  if (!refs_available ())
    return;

  relative = g_strdup_printf ("keras%c%s.summary.json", G_DIR_SEPARATOR, model);
  root = load_ref (relative);
  top = json_node_get_object (root);
  rows = json_object_get_array_member (top, "rows");
  input = keras_shape (json_object_get_array_member (top, "input_shape"));
  strata_network_set_input (network, input.height, input.width, input.channels);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autoptr(StrataLayer) layer = keras_layer (row);
      StrataShape expected = keras_shape (json_object_get_array_member (row, "output_shape"));

      strata_network_append (network, layer);
      assert_shape (layer, &expected, i);
      g_assert_cmpuint (strata_layer_get_params_count (layer), ==,
                        json_object_get_int_member (row, "params"));
      g_assert_cmpuint (strata_layer_get_trainable_params (layer), ==,
                        json_object_get_int_member (row, "trainable_params"));
      g_assert_cmpuint (strata_layer_get_non_trainable_params (layer), ==,
                        json_object_get_int_member (row, "non_trainable_params"));
    }

  g_assert_cmpuint (strata_network_get_params (network), ==,
                    json_object_get_int_member (top, "total_params"));
  g_assert_cmpuint (strata_network_get_trainable_params (network), ==,
                    json_object_get_int_member (top, "trainable_params"));
  g_assert_cmpuint (strata_network_get_non_trainable_params (network), ==,
                    json_object_get_int_member (top, "non_trainable_params"));
}

static void
assert_keras_row (StrataLayer *layer,
                  JsonObject  *row,
                  guint        index)
{
  StrataShape expected = keras_shape (json_object_get_array_member (row, "output_shape"));

  if (strata_layer_get_error (layer) != NULL)
    g_error ("row %u: %s", index, strata_layer_get_error (layer));
  assert_shape (layer, &expected, index);
  g_assert_cmpuint (strata_layer_get_params_count (layer), ==,
                    json_object_get_int_member (row, "params"));
  g_assert_cmpuint (strata_layer_get_trainable_params (layer), ==,
                    json_object_get_int_member (row, "trainable_params"));
  g_assert_cmpuint (strata_layer_get_non_trainable_params (layer), ==,
                    json_object_get_int_member (row, "non_trainable_params"));
}

/* A branching Keras network built as a graph from each layer's inbound
 * layers, every row checked in the network. */
static void
test_keras_functional (gconstpointer data)
{
  const char *model = data;
  g_autofree char *relative = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *top;
  JsonArray *rows;
  guint merges = 0;

  if (!refs_available ())
    return;

  relative = g_strdup_printf ("keras_functional%c%s.summary.json", G_DIR_SEPARATOR, model);
  root = load_ref (relative);
  top = json_node_get_object (root);
  rows = json_object_get_array_member (top, "rows");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonArray *inbound = json_object_get_array_member (row, "inbound");
      const char *name = json_object_get_string_member (row, "name");
      g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
      StrataLayer *layer;

      /* The first input is the network's own, not a row. */
      if (i == 0)
        {
          StrataShape shape = keras_shape (json_object_get_array_member (row, "output_shape"));

          g_assert_cmpstr (json_object_get_string_member (row, "class_name"), ==, "InputLayer");
          strata_network_set_input (network, shape.height, shape.width, shape.channels);
          strata_network_set_input_name (network, name);
          g_hash_table_insert (by_name, (gpointer) name, NULL);
          continue;
        }
      for (guint j = 0; j < json_array_get_length (inbound); j++)
        {
          const char *source = json_array_get_string_element (inbound, j);

          g_assert_true (g_hash_table_contains (by_name, source));
          g_ptr_array_add (inputs, g_hash_table_lookup (by_name, source));
        }
      merges += inputs->len > 1;
      layer = keras_layer (row);
      strata_layer_set_name (layer, name);
      strata_layer_set_inputs (layer, (StrataLayer **) inputs->pdata, inputs->len);
      g_hash_table_insert (by_name, (gpointer) name, layer);
      g_ptr_array_add (layers, layer);
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);

  g_assert_cmpuint (merges, >, 0);
  for (guint i = 1; i < json_array_get_length (rows); i++)
    assert_keras_row (strata_network_get_layer (network, i - 1),
                      json_array_get_object_element (rows, i), i);
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
  g_assert_cmpuint (strata_network_get_params (network), ==,
                    json_object_get_int_member (top, "total_params"));
  g_assert_cmpuint (strata_network_get_trainable_params (network), ==,
                    json_object_get_int_member (top, "trainable_params"));
  g_assert_cmpuint (strata_network_get_non_trainable_params (network), ==,
                    json_object_get_int_member (top, "non_trainable_params"));

  /* Its output is the layer nothing reads. */
  {
    g_autoptr(GPtrArray) consumers =
      strata_network_get_consumers (network, strata_network_get_n_layers (network) - 1);
    JsonArray *outputs = json_object_get_array_member (top, "output_names");

    g_assert_cmpuint (consumers->len, ==, 0);
    g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (
                       network, strata_network_get_n_layers (network) - 1)), ==,
                     json_array_get_string_element (outputs, 0));
  }
}

int
main (int   argc,
      char *argv[])
{
  static const char * const torch_models[] = { "ng_cnn", "lenet5", "vgg16", "odd_cases" };
  static const char * const keras_models[] = { "ng_cnn", "lenet5", "vgg16_like" };
  static const char * const keras_functional_models[] = { "resnet_mini" };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (torch_models); i++)
    {
      g_autofree char *path = g_strdup_printf ("/refs/torch/%s", torch_models[i]);
      g_test_add_data_func (path, torch_models[i], test_torch);
    }
  for (guint i = 0; i < G_N_ELEMENTS (keras_models); i++)
    {
      g_autofree char *path = g_strdup_printf ("/refs/keras/%s", keras_models[i]);
      g_test_add_data_func (path, keras_models[i], test_keras);
    }

  for (guint i = 0; i < G_N_ELEMENTS (keras_functional_models); i++)
    {
      g_autofree char *path = g_strdup_printf ("/refs/keras-functional/%s",
                                               keras_functional_models[i]);
      g_test_add_data_func (path, keras_functional_models[i], test_keras_functional);
    }

  return g_test_run ();
}
