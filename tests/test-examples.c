/* test-examples.c: the built-in examples, against the frameworks' numbers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include "strata-file.h"
#include "strata-test-refs.h"

static guint64
ref_total (const char *relative,
           const char *key)
{
  g_autoptr(JsonNode) root = load_ref (relative);

  return json_object_get_int_member (json_node_get_object (root), key);
}

/* The same network, and the same names, once saved and read back: a
 * layer that others read keeps its name, so none is renamed. */
static void
assert_round_trip (StrataNetwork *network)
{
  g_autofree char *text = strata_file_to_data (network, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) loaded = strata_file_load_data (text, strlen (text), "example.strata",
                                                           &error);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  again = strata_file_to_data (loaded, NULL);
  g_assert_cmpstr (again, ==, text);
  g_assert_cmpuint (strata_network_get_n_layers (loaded), ==, strata_network_get_n_layers (network));
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (loaded, i)), ==,
                     strata_layer_get_name (strata_network_get_layer (network, i)));
}

static void
test_examples (void)
{
  const char * const *ids = strata_file_get_example_ids ();
  gboolean refs = g_getenv ("STRATA_REFS_DIR") != NULL &&
                  g_file_test (g_getenv ("STRATA_REFS_DIR"), G_FILE_TEST_IS_DIR);
  struct {
    const char *id;
    guint64     params;
    guint64     non_trainable;
    gboolean    branches;
  } totals[] = {
    /* Published by torchvision (AlexNet, ResNet-18) and Keras Applications
     * (MobileNet). PyTorch's parameters are Strata's trainable ones, and
     * BatchNorm's running means and variances, which PyTorch keeps as
     * buffers, the non-trainable ones. */
    { "alexnet", 61100840, 0, FALSE },
    { "mobilenet_v1", 4253864, 21888, FALSE },
    { "resnet18", 11689512 + 9600, 9600, TRUE },
    /* PyTorch 1.13, the same architecture built with nn.Conv2d/nn.ConvTranspose2d
     * (3 × 3 convolutions with padding 1 and bias, 2 × 2 up-convolutions of
     * stride 2): 31,030,658 parameters. */
    { "unet", 31030658, 0, TRUE },
    /* PyTorch 1.13 with torchvision 0.14, googlenet (weights=None,
     * aux_logits=False, init_weights=False): 6,624,904 parameters and 14,560
     * floats of BatchNorm running means and variances. */
    { "googlenet", 6624904 + 14560, 14560, TRUE },
  };
  GError *error = NULL;

  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 8);
  g_assert_cmpstr (ids[0], ==, "lecture");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(StrataNetwork) network = strata_file_load_example (ids[i], &error);

      g_assert_no_error (error);
      g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
      g_assert_nonnull (strata_file_get_example_title (ids[i]));
      assert_round_trip (network);
    }

  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      g_autoptr(StrataNetwork) network = strata_file_load_example (totals[i].id, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (strata_network_get_params (network), ==, totals[i].params);
      g_assert_cmpuint (strata_network_get_non_trainable_params (network), ==,
                        totals[i].non_trainable);
      g_assert_cmpint (strata_network_is_chain (network), ==, !totals[i].branches);
    }

  if (refs)
    {
      g_autoptr(StrataNetwork) lecture = strata_file_load_example ("lecture", NULL);
      g_autoptr(StrataNetwork) lenet = strata_file_load_example ("lenet5", NULL);
      g_autoptr(StrataNetwork) vgg = strata_file_load_example ("vgg16", NULL);

      g_assert_cmpuint (strata_network_get_params (lecture), ==,
                        ref_total ("torch/ng_cnn.json", "total_params"));
      g_assert_cmpuint (strata_network_get_params (lenet), ==,
                        ref_total ("keras/lenet5.summary.json", "total_params"));
      g_assert_cmpuint (strata_network_get_params (vgg), ==,
                        ref_total ("torch/vgg16.json", "total_params"));
    }

  g_assert_null (strata_file_load_example ("resnet50", &error));
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

/* The name of the layer a PyTorch row is: a module called more than once
 * (each block's ReLU) gives its later calls layers of their own, "_1" on,
 * as Strata names a layer that others read when its name is taken. */
static char *
row_name (JsonObject *row)
{
  const char *name = json_object_get_string_member (row, "name");
  gint64 call = json_object_get_int_member (row, "call");

  if (call == 0)
    return g_strdup (name);
  return g_strdup_printf ("%s_%" G_GINT64_FORMAT, name, call);
}

/* Each row of torchvision's ResNet-18 is the example's layer of that name,
 * in the same order, of the same kind and hyper-parameters, with the same
 * shape and counts. The residual additions are functional in PyTorch and
 * have no row: each adds a block's second BatchNorm to its shortcut, the
 * block's input or its projection. */
static void
test_resnet18 (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  g_autoptr(GError) error = NULL;
  StrataLayer *block_input = NULL, *bn2 = NULL, *projection = NULL;
  JsonObject *top;
  JsonArray *rows;
  StrataShape input;
  guint row = 0, adds = 0;

  if (!refs_available ())
    return;

  root = load_ref ("torch" G_DIR_SEPARATOR_S "resnet18.json");
  top = json_node_get_object (root);
  rows = json_object_get_array_member (top, "rows");
  network = strata_file_load_example ("resnet18", &error);
  g_assert_no_error (error);
  input = torch_shape (json_object_get_array_member (top, "input_shape"));
  g_assert_true (strata_shape_equal (strata_network_get_input_shape (network), &input));

  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      const char *name = strata_layer_get_name (layer);
      g_autoptr(StrataLayer) expected = NULL;
      g_autofree char *expected_name = NULL;
      StrataLayerParams want;
      StrataShape shape;
      JsonObject *r;

      g_assert_null (strata_layer_get_error (layer));
      if (strata_layer_get_kind (layer) == STRATA_LAYER_KIND_ADD)
        {
          StrataLayer *shortcut = strata_network_get_input_layer (network, i, 1);

          g_assert_cmpuint (strata_network_get_n_input_layers (network, i), ==, 2);
          g_assert_true (strata_network_get_input_layer (network, i, 0) == bn2);
          g_assert_true (shortcut == (projection != NULL ? projection : block_input));
          adds++;
          continue;
        }

      g_assert_cmpuint (row, <, json_array_get_length (rows));
      r = json_array_get_object_element (rows, row);
      expected_name = row_name (r);
      g_assert_cmpstr (name, ==, expected_name);

      expected = torch_layer (r);
      want = *strata_layer_get_params (expected);
      /* PyTorch's padding 0 is Strata's "valid". */
      if (want.padding_mode == STRATA_PADDING_EXPLICIT &&
          want.padding.height == 0 && want.padding.width == 0)
        want.padding_mode = STRATA_PADDING_VALID;
      g_assert_cmpint (strata_layer_get_kind (layer), ==, strata_layer_get_kind (expected));
      g_assert_true (strata_layer_kind_params_equal (strata_layer_get_kind (layer), &want,
                                                     strata_layer_get_params (layer)));

      shape = torch_shape (json_object_get_array_member (r, "output_shape"));
      assert_shape (layer, &shape, row);
      g_assert_cmpuint (strata_layer_get_trainable_params (layer), ==,
                        json_object_get_int_member (r, "params"));
      g_assert_cmpuint (strata_layer_get_non_trainable_params (layer), ==,
                        json_object_get_int_member (r, "float_buffer_numel"));

      /* A block starts at its first convolution; its projection reads
       * what that convolution reads. */
      if (g_str_has_suffix (name, ".conv1"))
        {
          block_input = strata_network_get_input_layer (network, i, 0);
          bn2 = projection = NULL;
        }
      else if (g_str_has_suffix (name, ".bn2"))
        bn2 = layer;
      else if (g_str_has_suffix (name, ".downsample.0"))
        g_assert_true (strata_network_get_input_layer (network, i, 0) == block_input);
      else if (g_str_has_suffix (name, ".downsample.1"))
        projection = layer;
      row++;
    }

  g_assert_cmpuint (row, ==, json_array_get_length (rows));
  g_assert_cmpuint (adds, ==, 8);
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
  g_assert_cmpuint (strata_network_get_trainable_params (network), ==,
                    json_object_get_int_member (top, "total_params"));
  g_assert_cmpuint (strata_network_get_non_trainable_params (network), ==,
                    json_object_get_int_member (top, "float_buffer_numel"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/examples/totals", test_examples);
  g_test_add_func ("/examples/resnet18", test_resnet18);

  return g_test_run ();
}
