/* test-import-onnx.c: ONNX models exported by PyTorch, and graphs made with the onnx package. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>
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

static JsonNode *
load_expected (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "onnx", "expected.json",
                                                 NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static StrataNetwork *
import_fixture (const char                *file,
                const StrataImportOptions *options,
                GPtrArray                 *warnings,
                GError                   **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "onnx", file, NULL);
  g_autoptr(GBytes) bytes = map_file (path);

  g_assert_true (strata_import_onnx_sniff (bytes));
  return strata_import_onnx (bytes, file, options, warnings, error);
}

/* A shape ONNX's inference gives, against ours; its unknown sizes (null)
 * and the batch are not compared. */
static void
assert_inferred_shape (const StrataShape *shape,
                       JsonArray         *dims)
{
  guint n = json_array_get_length (dims);
  guint64 ours[4];

  g_assert_true (n == 2 || n == 4);
  if (n == 2)
    {
      g_assert_true (shape->is_vector);
      ours[1] = shape->channels;
    }
  else
    {
      ours[1] = shape->channels;
      ours[2] = shape->is_vector ? 1 : shape->height;
      ours[3] = shape->is_vector ? 1 : shape->width;
    }
  for (guint i = 1; i < n; i++)
    if (!JSON_NODE_HOLDS_NULL (json_array_get_element (dims, i)))
      g_assert_cmpuint (ours[i], ==, json_array_get_int_element (dims, i));
}

/* Every file of tests/data/onnx that imports: each layer its generator
 * expects, with the shape ONNX infers and the count of its weights, and
 * no other layer; PyTorch's totals where the file came from PyTorch. */
static void
test_fixtures (void)
{
  g_autoptr(JsonNode) expected = load_expected ();
  JsonArray *models = json_object_get_array_member (json_node_get_object (expected), "models");

  for (guint m = 0; m < json_array_get_length (models); m++)
    {
      JsonObject *model = json_array_get_object_element (models, m);
      const char *file = json_object_get_string_member (model, "file");
      JsonArray *layers = json_object_get_array_member (model, "layers");
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = import_fixture (file, NULL, warnings, &error);
      guint64 total = 0;

      g_test_message ("%s", file);
      g_assert_no_error (error);
      g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
      for (guint i = 0; i < strata_network_get_n_layers (network); i++)
        {
          StrataLayer *layer = strata_network_get_layer (network, i);

          g_test_message ("  layer %s (%s)", strata_layer_get_name (layer),
                          strata_layer_get_kind_info (layer)->id);
        }
      g_assert_cmpuint (strata_network_get_n_layers (network), ==, json_array_get_length (layers));
      for (guint i = 0; i < json_array_get_length (layers); i++)
        {
          JsonObject *row = json_array_get_object_element (layers, i);
          const char *name = json_object_get_string_member (row, "name");
          StrataLayer *layer = find_layer (network, name);
          JsonNode *shape = json_object_get_member (row, "shape");

          g_test_message ("%s: %s", file, name);
          g_assert_nonnull (layer);
          if (!JSON_NODE_HOLDS_NULL (shape))
            assert_inferred_shape (strata_layer_get_output_shape (layer),
                                   json_node_get_array (shape));
          g_assert_cmpuint (strata_layer_get_params_count (layer), ==,
                            json_object_get_int_member (row, "params"));
          g_assert_cmpuint (strata_layer_get_non_trainable_params (layer), ==,
                            json_object_get_int_member (row, "non_trainable"));
          total += json_object_get_int_member (row, "params");
        }
      g_assert_cmpuint (strata_network_get_params (network), ==, total);
      if (json_object_has_member (model, "torch_params"))
        {
          g_assert_cmpuint (strata_network_get_trainable_params (network), ==,
                            json_object_get_int_member (model, "torch_params"));
          g_assert_cmpuint (strata_network_get_non_trainable_params (network), ==,
                            json_object_get_int_member (model, "torch_buffers"));
        }
    }
}

/* How ops that Strata has no one kind for are drawn. */
static void
test_kinds (void)
{
  static const struct
  {
    const char *file;
    const char *layer;
    const char *kind;
    guint       n_inputs;  /* named inputs; 0: the layer before it */
  } cases[] = {
    { "torch-chain-13.onnx", "/features/features.2/Clip", "activation", 0 },
    { "torch-chain-13.onnx", "/features/features.6/Conv", "depthwise_conv2d", 0 },
    { "torch-chain-13.onnx", "/features/features.4/Conv", "conv2d", 0 },
    { "torch-chain-13.onnx", "/features/features.8/Resize", "upsampling2d", 0 },
    { "torch-chain-13.onnx", "/features/features.13/GlobalAveragePool", "global_avgpool2d", 0 },
    { "torch-chain-13.onnx", "/Reshape", "flatten", 0 },
    { "torch-chain-13.onnx", "/fc1/MatMul", "dense", 0 },
    { "torch-branches.onnx", "/GlobalAveragePool", "adaptive_avgpool2d", 0 },
    { "torch-branches.onnx", "/Add", "add", 2 },
    { "torch-branches.onnx", "/Mul", "multiply", 2 },
    { "torch-branches.onnx", "/Pad", "zero_padding2d", 0 },
    { "torch-branches.onnx", "/Sub", "subtract", 2 },
    { "torch-branches.onnx", "/Max", "maximum", 2 },
    { "torch-branches.onnx", "/Concat_1", "concatenate", 2 },
    { "helper-windows.onnx", "uneven_pad", "zero_padding2d", 0 },
    { "helper-windows.onnx", "uneven", "conv2d", 0 },
    { "helper-windows.onnx", "avgpool_uneven_pad", "zero_padding2d", 0 },
    { "helper-windows.onnx", "sum3", "add", 3 },
    { "helper-windows.onnx", "mean", "average", 2 },
    { "helper-windows.onnx", "min", "minimum", 2 },
    { "helper-windows.onnx", "matmul", "dense", 0 },
    { "helper-opset7.onnx", "crop", "cropping2d", 0 },
    { "helper-opset7.onnx", "pad", "zero_padding2d", 0 },
    { "helper-opset12.onnx", "squeeze", "flatten", 0 },
    { "helper-opset12.onnx", "unsqueeze", "reshape", 0 },
    { "helper-opset12.onnx", "gap", "global_avgpool2d", 0 },
    { "helper-opaque.onnx", "lrn", "opaque", 0 },
    { "helper-opaque.onnx", "instance_norm", "opaque", 0 },
    { "helper-opaque.onnx", "divide", "opaque", 2 },
    { "helper-opaque.onnx", "fused", "opaque", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = import_fixture (cases[i].file, NULL, NULL, &error);
      StrataLayer *layer;

      g_assert_no_error (error);
      layer = find_layer (network, cases[i].layer);
      g_assert_nonnull (layer);
      g_assert_cmpstr (strata_layer_get_kind_info (layer)->id, ==, cases[i].kind);
      g_assert_cmpuint (strata_layer_get_n_inputs (layer), ==, cases[i].n_inputs);
    }
}

/* Hyper-parameters carried over, and the ones worked out for Strata. */
static void
test_params (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(StrataNetwork) chain = import_fixture ("torch-chain-9.onnx", NULL, NULL, &error);
  g_autoptr(StrataNetwork) windows = NULL, opset7 = NULL, opset12 = NULL;
  const StrataLayerParams *p;

  g_assert_no_error (error);
  p = strata_layer_get_params (find_layer (chain, "/features/features.2/Clip"));
  g_assert_cmpint (p->activation, ==, STRATA_ACTIVATION_RELU6);
  p = strata_layer_get_params (find_layer (chain, "/features/features.3/MaxPool"));
  g_assert_true (p->ceil_mode);
  g_assert_cmpuint (p->pool.height, ==, 3);
  g_assert_cmpuint (p->stride.height, ==, 2);
  p = strata_layer_get_params (find_layer (chain, "/features/features.4/Conv"));
  g_assert_cmpuint (p->groups, ==, 2);
  g_assert_cmpuint (p->dilation.width, ==, 2);
  g_assert_cmpint (p->padding_mode, ==, STRATA_PADDING_EXPLICIT);
  g_assert_cmpuint (p->padding.height, ==, 2);
  p = strata_layer_get_params (find_layer (chain, "/features/features.6/Conv"));
  g_assert_cmpuint (p->depth_multiplier, ==, 2);
  g_assert_false (p->bias);
  p = strata_layer_get_params (find_layer (chain, "/features/features.11/Conv"));
  g_assert_cmpuint (p->kernel.height, ==, 3);
  g_assert_cmpuint (p->kernel.width, ==, 5);
  g_assert_cmpuint (p->stride.height, ==, 2);
  g_assert_cmpuint (p->stride.width, ==, 1);
  p = strata_layer_get_params (find_layer (chain, "/fc1/MatMul"));
  g_assert_cmpuint (p->units, ==, 12);
  g_assert_false (p->bias);

  windows = import_fixture ("helper-windows.onnx", NULL, warnings, &error);
  g_assert_no_error (error);
  p = strata_layer_get_params (find_layer (windows, "same_lower"));
  g_assert_cmpint (p->padding_mode, ==, STRATA_PADDING_SAME);
  p = strata_layer_get_params (find_layer (windows, "uneven_pad"));
  g_assert_cmpuint (p->zero_padding.top, ==, 1);
  g_assert_cmpuint (p->zero_padding.bottom, ==, 2);
  g_assert_cmpuint (p->zero_padding.left, ==, 0);
  g_assert_cmpuint (p->zero_padding.right, ==, 1);
  p = strata_layer_get_params (find_layer (windows, "maxpool_dilated"));
  g_assert_cmpuint (p->pool.height, ==, 3);
  p = strata_layer_get_params (find_layer (windows, "matmul"));
  g_assert_true (p->bias);
  p = strata_layer_get_params (find_layer (windows, "transpose_same"));
  g_assert_cmpuint (p->groups, ==, 2);
  /* The dilated pooling is said; a division by one number changes nothing. */
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "maxpool_dilated"));
  g_assert_null (find_layer (windows, "div_constant"));

  opset7 = import_fixture ("helper-opset7.onnx", NULL, NULL, &error);
  g_assert_no_error (error);
  p = strata_layer_get_params (find_layer (opset7, "upsample"));
  g_assert_cmpuint (p->size.height, ==, 2);
  g_assert_cmpuint (p->size.width, ==, 3);
  p = strata_layer_get_params (find_layer (opset7, "dropout"));
  g_assert_cmpfloat (p->rate, ==, 0.25);
  p = strata_layer_get_params (find_layer (opset7, "relu"));
  g_assert_cmpint (p->activation, ==, STRATA_ACTIVATION_RELU);

  opset12 = import_fixture ("helper-opset12.onnx", NULL, NULL, &error);
  g_assert_no_error (error);
  p = strata_layer_get_params (find_layer (opset12, "dropout"));
  g_assert_cmpfloat (fabs (p->rate - 0.3), <, 1e-6);
}

/* Ops Strata has no kind for, where the file states their shapes: opaque
 * layers keeping the op's name and the count of its float initializers,
 * each said in a warning; without stated shapes, refused. */
static void
test_opaque (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(StrataNetwork) network = import_fixture ("helper-opaque.onnx", NULL, warnings,
                                                     &error);
  StrataImportOptions options = { TRUE, 6, 6, 4 };
  g_autoptr(StrataNetwork) overridden = NULL;
  const StrataLayerParams *p;
  static const char * const ops[] = { "LRN", "InstanceNormalization", "PRelu", "Div",
                                      "com.microsoft.FusedConv" };

  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, G_N_ELEMENTS (ops));
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    g_assert_nonnull (strstr (g_ptr_array_index (warnings, i), "opaque"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 3), "no merge that divides"));
  p = strata_layer_get_params (find_layer (network, "fused"));
  g_assert_cmpstr (p->op, ==, "com.microsoft.FusedConv");
  g_assert_cmpuint (p->trainable_weights, ==, 72);
  p = strata_layer_get_params (find_layer (network, "prelu"));
  g_assert_cmpstr (p->op, ==, "PRelu");
  g_assert_cmpuint (p->trainable_weights, ==, 4);
  g_assert_cmpuint (strata_network_get_params (network), ==, 8 + 4 + 72);

  /* With another input, the shapes the file states no longer hold. */
  overridden = import_fixture ("helper-opaque.onnx", &options, NULL, &error);
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_UNSUPPORTED);
  g_assert_null (overridden);
}

static const char *
error_name (int code)
{
  static const char * const names[] = {
    "UNKNOWN_FORMAT", "INVALID", "UNSUPPORTED", "NOT_2D", "NEEDS_INPUT", "TOO_LARGE",
  };

  g_assert_cmpint (code, >=, 0);
  g_assert_cmpint (code, <, G_N_ELEMENTS (names));
  return names[code];
}

/* Each refused file: its code, and a message naming the file and the place. */
static void
test_refused (void)
{
  g_autoptr(JsonNode) expected = load_expected ();
  JsonArray *errors = json_object_get_array_member (json_node_get_object (expected), "errors");

  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *row = json_array_get_object_element (errors, i);
      const char *file = json_object_get_string_member (row, "file");
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = import_fixture (file, NULL, NULL, &error);
      g_autofree char *prefix = g_strdup_printf ("“%s”: ", file);

      g_test_message ("%s: %s", file, error != NULL ? error->message : "imported");
      g_assert_null (network);
      g_assert_nonnull (error);
      g_assert_true (error->domain == STRATA_IMPORT_ERROR);
      g_assert_cmpstr (error_name (error->code), ==, json_object_get_string_member (row, "error"));
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_nonnull (strstr (error->message, json_object_get_string_member (row, "contains")));
    }
}

/* A symbolic height and width need the person's input shape, which also
 * overrides the file's. */
static void
test_input_option (void)
{
  StrataImportOptions options = { TRUE, 10, 12, 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = import_fixture ("error-spatial-symbolic.onnx", &options,
                                                     NULL, &error);
  g_autoptr(StrataNetwork) larger = NULL;
  const StrataShape *input;
  StrataLayer *layer;

  g_assert_no_error (error);
  input = strata_network_get_input_shape (network);
  g_assert_cmpuint (input->height, ==, 10);
  g_assert_cmpuint (input->width, ==, 12);
  g_assert_cmpuint (input->channels, ==, 3);
  g_assert_cmpstr (strata_network_get_input_name (network), ==, "x");

  /* Given where the file has one: every shape follows, none is refused
   * for disagreeing with the file's. */
  options = (StrataImportOptions) { TRUE, 64, 48, 3 };
  larger = import_fixture ("torch-chain-13.onnx", &options, NULL, &error);
  g_assert_no_error (error);
  layer = find_layer (larger, "/features/features.0/Conv");
  g_assert_cmpuint (strata_layer_get_output_shape (layer)->height, ==, 64);
  g_assert_cmpint (strata_network_get_first_error (larger), ==, -1);
}

/* Bytes of a protobuf message, for damaged files made by hand. */
static void
put_varint (GByteArray *out,
            guint64     v)
{
  do
    {
      guint8 byte = (v & 0x7f) | (v >= 0x80 ? 0x80 : 0);

      g_byte_array_append (out, &byte, 1);
      v >>= 7;
    }
  while (v != 0);
}

static void
put_message (GByteArray *out,
             guint       field,
             GByteArray *message)
{
  put_varint (out, (field << 3) | 2);
  put_varint (out, message->len);
  g_byte_array_append (out, message->data, message->len);
}

static void
put_string (GByteArray *out,
            guint       field,
            const char *text)
{
  put_varint (out, (field << 3) | 2);
  put_varint (out, strlen (text));
  g_byte_array_append (out, (const guint8 *) text, strlen (text));
}

static GError *
import_bytes (const guint8 *data,
              gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(StrataNetwork) network = NULL;
  GError *error = NULL;

  network = strata_import_onnx (bytes, "damaged.onnx", NULL, NULL, &error);
  g_assert_true ((network == NULL) == (error != NULL));
  if (error != NULL)
    {
      g_assert_true (error->domain == STRATA_IMPORT_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_true (g_str_has_prefix (error->message, "“damaged.onnx”: "));
    }
  return error;
}

static void
assert_refused (const guint8 *data,
                gsize         size,
                int           code,
                const char   *says)
{
  g_autoptr(GError) error = import_bytes (data, size);

  g_assert_error (error, STRATA_IMPORT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, says));
}

static void
assert_damaged (const guint8 *data,
                gsize         size,
                const char   *says)
{
  g_autoptr(GError) error = import_bytes (data, size);

  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, says));
}

/* Cut after every byte, a real file is refused with a message or, cut
 * between two fields of the model, read as far as it goes. */
static void
test_truncated (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "onnx",
                                                 "torch-branches.onnx", NULL);
  g_autoptr(GBytes) bytes = map_file (path);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint refused = 0;

  for (gsize cut = 0; cut < size; cut++)
    {
      g_autoptr(GError) error = import_bytes (data, cut);

      refused += error != NULL;
    }
  /* Only a cut before the opsets, after the whole graph, still imports. */
  g_assert_cmpuint (refused, >=, size - 32);
}

static void
test_damaged (void)
{
  static const guint8 endless[] = { 0x3a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                    0xff, 0xff, 0xff, 0x01 };
  static const guint8 cut_number[] = { 0x3a, 0xff, 0xff };
  static const guint8 past_end[] = { 0x3a, 0x10, 0x0a, 0x02 };
  static const guint8 field_zero[] = { 0x02, 0x00 };
  static const guint8 group[] = { 0x3b, 0x3c };
  static const guint8 no_graph[] = { 0x08, 0x07 };
  static const char text[] = "{\"class_name\": \"Sequential\"}";
  g_autoptr(GByteArray) deep = g_byte_array_new ();
  g_autoptr(GByteArray) graph = g_byte_array_new ();
  g_autoptr(GByteArray) node = g_byte_array_new ();
  g_autoptr(GByteArray) attribute = g_byte_array_new ();
  g_autoptr(GByteArray) packed = g_byte_array_new ();
  g_autoptr(GByteArray) tensor = g_byte_array_new ();
  g_autoptr(GByteArray) many_dims = g_byte_array_new ();
  g_autoptr(GBytes) json = g_bytes_new_static (text, sizeof text - 1);

  assert_damaged (endless, sizeof endless, "longer than ten bytes");
  assert_damaged (cut_number, sizeof cut_number, "runs past the end");
  assert_damaged (past_end, sizeof past_end, "length runs past the end");
  assert_damaged (field_zero, sizeof field_zero, "number 0");
  assert_damaged (group, sizeof group, "wire type 3");
  assert_damaged (no_graph, sizeof no_graph, "no graph");
  assert_damaged ((const guint8 *) "", 0, "no graph");

  /* Another format's file is not taken for ONNX, and is refused. */
  g_assert_false (strata_import_onnx_sniff (json));
  assert_damaged ((const guint8 *) text, sizeof text - 1, "damaged");

  /* An attribute listing more numbers than any op takes. */
  for (guint i = 0; i < 5000; i++)
    put_varint (packed, 1);
  put_string (attribute, 1, "pads");
  put_message (attribute, 8, packed);
  put_message (node, 5, attribute);
  put_message (graph, 1, node);
  put_message (deep, 7, graph);
  assert_refused (deep->data, deep->len, STRATA_IMPORT_ERROR_TOO_LARGE, "more than 4096 numbers");

  /* A tensor of more dims than Strata reads. */
  for (guint i = 0; i < 17; i++)
    put_varint (many_dims, 2);
  put_message (tensor, 1, many_dims);
  g_byte_array_set_size (graph, 0);
  g_byte_array_set_size (deep, 0);
  put_message (graph, 5, tensor);
  put_message (deep, 7, graph);
  assert_refused (deep->data, deep->len, STRATA_IMPORT_ERROR_TOO_LARGE, "more than 16 dims");
}

/* An initializer of negative dims, and weights of absurd ones. */
static void
test_bad_dims (void)
{
  g_autoptr(GByteArray) model = g_byte_array_new ();
  g_autoptr(GByteArray) graph = g_byte_array_new ();
  g_autoptr(GByteArray) tensor = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  put_varint (tensor, 1 << 3);
  put_varint (tensor, (guint64) -5);
  put_string (tensor, 8, "w");
  put_message (graph, 5, tensor);
  put_message (model, 7, graph);
  error = import_bytes (model->data, model->len);
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“w” has a negative dimension"));
}

static void
put_node (GByteArray  *graph,
          const char  *op,
          const char  *name,
          const char **inputs,
          guint        n_inputs,
          const char  *output)
{
  g_autoptr(GByteArray) node = g_byte_array_new ();

  for (guint i = 0; i < n_inputs; i++)
    put_string (node, 1, inputs[i]);
  put_string (node, 2, output);
  put_string (node, 3, name);
  put_string (node, 4, op);
  put_message (graph, 1, node);
}

/* The graph input x, 1 × 1 × 4 × 4, then @graph, as a model. */
static StrataNetwork *
import_graph (GByteArray  *graph,
              GError     **error)
{
  g_autoptr(GByteArray) model = g_byte_array_new ();
  g_autoptr(GByteArray) info = g_byte_array_new ();
  g_autoptr(GByteArray) type = g_byte_array_new ();
  g_autoptr(GByteArray) tensor = g_byte_array_new ();
  g_autoptr(GByteArray) shape = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  static const guint dims[] = { 1, 1, 4, 4 };

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GByteArray) dim = g_byte_array_new ();

      put_varint (dim, 1 << 3);
      put_varint (dim, dims[i]);
      put_message (shape, 1, dim);
    }
  put_message (tensor, 2, shape);
  put_message (type, 1, tensor);
  put_string (info, 1, "x");
  put_message (info, 2, type);
  put_message (graph, 11, info);
  put_message (model, 7, graph);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&model));
  return strata_import_onnx (bytes, "built.onnx", NULL, NULL, error);
}

/* Names must be unique in a network: a repeated one gets the first free
 * "_N", even past a name the file has itself. */
static void
test_names (void)
{
  g_autoptr(GByteArray) graph = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  static const char * const expected[] = { "r_2", "r", "r_3", "r_4", "y" };
  const char *x[] = { "x" }, *a[] = { "a" }, *b[] = { "b" }, *c[] = { "c" }, *d[] = { "d" };

  put_node (graph, "Relu", "r_2", x, 1, "a");
  put_node (graph, "Relu", "r", a, 1, "b");
  put_node (graph, "Relu", "r", b, 1, "c");
  put_node (graph, "Relu", "r", c, 1, "d");
  /* No name: its first output's. */
  put_node (graph, "Relu", "", d, 1, "y");
  network = import_graph (graph, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (network, i)), ==,
                     expected[i]);
  g_assert_true (strata_network_is_chain (network));
}

/* A node reading one value 100,000 times, and 20,000 nodes of one name:
 * linear, not quadratic, in what the file holds. */
static void
test_many (void)
{
  g_autoptr(GByteArray) graph = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  g_autofree const char **inputs = g_new (const char *, 100000);
  gint64 start = g_get_monotonic_time ();
  char previous[32] = "s";

  for (guint i = 0; i < 100000; i++)
    inputs[i] = "x";
  put_node (graph, "Sum", "sum", inputs, 100000, "s");
  for (guint i = 0; i < 20000; i++)
    {
      char output[32];
      const char *in[] = { previous };

      g_snprintf (output, sizeof output, "v%u", i);
      put_node (graph, "Relu", "same", in, 1, output);
      g_strlcpy (previous, output, sizeof previous);
    }
  network = import_graph (graph, &error);
  g_assert_no_error (error);
  /* Sum of x with itself: an add of 100,000 inputs, then the chain. */
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 20001);
  g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (network, 20000)), ==,
                   "same_20000");
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
  g_test_message ("imported in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-onnx/fixtures", test_fixtures);
  g_test_add_func ("/import-onnx/kinds", test_kinds);
  g_test_add_func ("/import-onnx/params", test_params);
  g_test_add_func ("/import-onnx/opaque", test_opaque);
  g_test_add_func ("/import-onnx/refused", test_refused);
  g_test_add_func ("/import-onnx/input-option", test_input_option);
  g_test_add_func ("/import-onnx/truncated", test_truncated);
  g_test_add_func ("/import-onnx/damaged", test_damaged);
  g_test_add_func ("/import-onnx/bad-dims", test_bad_dims);
  g_test_add_func ("/import-onnx/names", test_names);
  g_test_add_func ("/import-onnx/many", test_many);

  g_test_add_data_func ("/import-onnx/refs/lenet5", "lenet5", check_model);
  g_test_add_data_func ("/import-onnx/refs/ng_cnn", "ng_cnn", check_model);
  g_test_add_data_func ("/import-onnx/refs/vgg16", "vgg16", check_model);
  g_test_add_data_func ("/import-onnx/refs/resnet18", "resnet18", check_model);
  return g_test_run ();
}
