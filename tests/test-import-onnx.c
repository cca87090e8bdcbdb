/* test-import-onnx.c: ONNX models exported by PyTorch, and graphs made with the onnx package. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include "strata-import.h"
#include "strata-test-refs.h"

static GBytes *
map_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);

  g_assert_no_error (error);
  return g_mapped_file_get_bytes (file);
}

static StrataLayer *
find_layer (StrataNetwork *network,
            const char    *name)
{
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);

      if (g_strcmp0 (strata_layer_get_name (layer), name) == 0)
        return layer;
    }
  return NULL;
}

/* ONNX's [1, C, H, W] or [1, F] as Strata's shape. */
static void
assert_onnx_shape (const StrataShape *shape,
              JsonArray         *dims)
{
  guint n = json_array_get_length (dims);

  g_assert_cmpint (json_array_get_int_element (dims, 0), ==, 1);
  if (n == 2)
    {
      g_assert_true (shape->is_vector);
      g_assert_cmpuint (shape->channels, ==, json_array_get_int_element (dims, 1));
      return;
    }
  g_assert_cmpuint (n, ==, 4);
  if (shape->is_vector)
    {
      /* A global pooling: [1, C, 1, 1]. */
      g_assert_cmpint (json_array_get_int_element (dims, 2), ==, 1);
      g_assert_cmpint (json_array_get_int_element (dims, 3), ==, 1);
    }
  else
    {
      g_assert_cmpuint (shape->height, ==, json_array_get_int_element (dims, 2));
      g_assert_cmpuint (shape->width, ==, json_array_get_int_element (dims, 3));
    }
  g_assert_cmpuint (shape->channels, ==, json_array_get_int_element (dims, 1));
}

/* The inferred shape of the value @name in the map's nodes. */
static JsonArray *
output_shape_of (JsonArray  *nodes,
                 const char *name)
{
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      JsonArray *outputs = json_object_get_array_member (node, "outputs");

      for (guint k = 0; k < json_array_get_length (outputs); k++)
        if (g_str_equal (json_array_get_string_element (outputs, k), name))
          return json_array_get_array_element (json_object_get_array_member (node,
                                                                             "output_shapes"), k);
    }
  return NULL;
}

/* Every node of NAME.map.json: a layer named after it with its inferred
 * shape and the parameters of its initializers, or a node Strata folds
 * (constants) or drops (padding by nothing). Totals against PyTorch. */
static void
check_model (gconstpointer data)
{
  const char *model = data;
  g_autofree char *map_path = g_strdup_printf ("onnx/%s.map.json", model);
  g_autofree char *torch_path = g_strdup_printf ("torch/%s.json", model);
  g_autofree char *onnx_path = NULL;
  g_autoptr(JsonNode) map = NULL, torch = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  g_autofree char *display = g_strdup_printf ("%s.onnx", model);
  JsonObject *totals;
  JsonArray *nodes;
  guint layers_seen = 0;

  if (!refs_available ())
    return;
  map = load_ref (map_path);
  torch = load_ref (torch_path);
  onnx_path = g_build_filename (g_getenv ("STRATA_REFS_DIR"), "onnx", display, NULL);
  bytes = map_file (onnx_path);
  g_assert_true (strata_import_onnx_sniff (bytes));
  network = strata_import_onnx (bytes, display, NULL, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpstr (strata_network_get_name (network), ==, model);
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);

  nodes = json_object_get_array_member (json_node_get_object (map), "nodes");
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      const char *name = json_object_get_string_member (node, "name");
      const char *op = json_object_get_string_member (node, "op_type");
      JsonArray *shapes = json_object_get_array_member (node, "output_shapes");
      JsonArray *shape = json_array_get_array_element (shapes, 0);
      StrataLayer *layer = find_layer (network, name);
      gint64 numel = json_object_get_int_member (node, "initializer_numel");

      g_test_message ("%s: node %s (%s)", model, name, op);
      if (g_str_equal (op, "Constant"))
        {
          g_assert_null (layer);
          continue;
        }
      if (g_str_equal (op, "Pad"))
        {
          /* Padding by zeros on every side: the same shape, not drawn. */
          JsonArray *in = output_shape_of (nodes, json_array_get_string_element (
                                             json_object_get_array_member (node, "inputs"), 0));

          g_assert_null (layer);
          g_assert_nonnull (in);
          for (guint d = 0; d < 4; d++)
            g_assert_cmpint (json_array_get_int_element (in, d), ==,
                             json_array_get_int_element (shape, d));
          continue;
        }
      g_assert_nonnull (layer);
      layers_seen++;
      assert_onnx_shape (strata_layer_get_output_shape (layer), shape);
      g_assert_cmpuint (strata_layer_get_params_count (layer), ==, numel);
      if (g_str_equal (op, "BatchNormalization"))
        {
          g_assert_cmpuint (strata_layer_get_trainable_params (layer), ==, numel / 2);
          g_assert_cmpuint (strata_layer_get_non_trainable_params (layer), ==, numel / 2);
        }
      else
        g_assert_cmpuint (strata_layer_get_non_trainable_params (layer), ==, 0);
    }
  g_assert_cmpuint (layers_seen, ==, strata_network_get_n_layers (network));

  /* PyTorch's parameters are Strata's trainable ones; its BatchNorm
   * buffers (running mean and variance) the non-trainable ones. */
  totals = json_object_get_object_member (json_node_get_object (map), "totals");
  g_assert_cmpuint (strata_network_get_trainable_params (network), ==,
                    json_object_get_int_member (json_node_get_object (torch), "total_params"));
  g_assert_cmpuint (strata_network_get_non_trainable_params (network), ==,
                    json_object_get_int_member (totals, "bn_running_stats_numel"));
  g_assert_cmpuint (strata_network_get_params (network), ==,
                    json_object_get_int_member (totals, "initializer_numel"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/import-onnx/refs/lenet5", "lenet5", check_model);
  g_test_add_data_func ("/import-onnx/refs/ng_cnn", "ng_cnn", check_model);
  g_test_add_data_func ("/import-onnx/refs/vgg16", "vgg16", check_model);
  g_test_add_data_func ("/import-onnx/refs/resnet18", "resnet18", check_model);
  return g_test_run ();
}
