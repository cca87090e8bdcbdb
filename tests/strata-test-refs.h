/* strata-test-refs.h: reading the frameworks' reference networks; a PyTorch row as a layer. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "strata-network.h"

static inline JsonNode *
load_ref (const char *relative)
{
  const char *dir = g_getenv ("STRATA_REFS_DIR");
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, relative, NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static inline gboolean
refs_available (void)
{
  const char *dir = g_getenv ("STRATA_REFS_DIR");

  if (dir != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR))
    return TRUE;
  g_test_skip ("reference data not found (STRATA_REFS_DIR)");
  return FALSE;
}

/* An int, or the first of a list of two ints: [h, w] → pair. */
static inline StrataPair
json_pair (JsonObject *object,
           const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  g_assert_nonnull (node);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_assert_cmpuint (json_array_get_length (array), ==, 2);
      return (StrataPair) { json_array_get_int_element (array, 0),
                            json_array_get_int_element (array, 1) };
    }
  return (StrataPair) { json_node_get_int (node), json_node_get_int (node) };
}

static inline StrataLayer *
layer_with (StrataLayerKind          kind,
            const StrataLayerParams *params)
{
  StrataLayer *layer = strata_layer_new (kind);

  strata_layer_set_params (layer, params);
  return layer;
}

/* The layer a PyTorch row describes, with padding explicit as PyTorch gives it. */
static inline StrataLayer *
torch_layer (JsonObject *row)
{
  const char *type = json_object_get_string_member (row, "type");
  JsonObject *h = json_object_get_object_member (row, "hparams");
  StrataLayerParams p;
  StrataLayerKind kind;

  if (g_str_equal (type, "Conv2d"))
    {
      strata_layer_kind_init_params (kind = STRATA_LAYER_KIND_CONV2D, &p);
      p.filters = json_object_get_int_member (h, "out_channels");
      p.kernel = json_pair (h, "kernel_size");
      p.stride = json_pair (h, "stride");
      p.padding_mode = STRATA_PADDING_EXPLICIT;
      p.padding = json_pair (h, "padding");
      p.dilation = json_pair (h, "dilation");
      p.groups = json_object_get_int_member (h, "groups");
      p.bias = json_object_get_boolean_member (h, "bias");
      return layer_with (kind, &p);
    }
  if (g_str_equal (type, "MaxPool2d") || g_str_equal (type, "AvgPool2d"))
    {
      kind = g_str_equal (type, "MaxPool2d") ? STRATA_LAYER_KIND_MAXPOOL2D
                                             : STRATA_LAYER_KIND_AVGPOOL2D;
      strata_layer_kind_init_params (kind, &p);
      p.pool = json_pair (h, "kernel_size");
      p.stride = json_pair (h, "stride");
      p.padding_mode = STRATA_PADDING_EXPLICIT;
      p.padding = json_pair (h, "padding");
      p.ceil_mode = json_object_get_boolean_member (h, "ceil_mode");
      if (json_object_has_member (h, "dilation"))
        g_assert_cmpint (json_object_get_int_member (h, "dilation"), ==, 1);
      return layer_with (kind, &p);
    }
  if (g_str_equal (type, "AdaptiveAvgPool2d"))
    {
      strata_layer_kind_init_params (kind = STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D, &p);
      p.output = json_pair (h, "output_size");
      return layer_with (kind, &p);
    }
  if (g_str_equal (type, "Linear"))
    {
      strata_layer_kind_init_params (kind = STRATA_LAYER_KIND_DENSE, &p);
      p.units = json_object_get_int_member (h, "out_features");
      p.bias = json_object_get_boolean_member (h, "bias");
      return layer_with (kind, &p);
    }
  if (g_str_equal (type, "BatchNorm2d") || g_str_equal (type, "BatchNorm1d"))
    return strata_layer_new (STRATA_LAYER_KIND_BATCHNORM);
  if (g_str_equal (type, "Flatten"))
    return strata_layer_new (STRATA_LAYER_KIND_FLATTEN);
  if (g_str_equal (type, "Dropout") || g_str_equal (type, "Dropout2d"))
    {
      strata_layer_kind_init_params (kind = STRATA_LAYER_KIND_DROPOUT, &p);
      p.rate = json_object_get_double_member (h, "p");
      return layer_with (kind, &p);
    }

  strata_layer_kind_init_params (kind = STRATA_LAYER_KIND_ACTIVATION, &p);
  if (g_str_equal (type, "ReLU"))
    p.activation = STRATA_ACTIVATION_RELU;
  else if (g_str_equal (type, "ReLU6"))
    p.activation = STRATA_ACTIVATION_RELU6;
  else if (g_str_equal (type, "Tanh"))
    p.activation = STRATA_ACTIVATION_TANH;
  else if (g_str_equal (type, "Softmax"))
    p.activation = STRATA_ACTIVATION_SOFTMAX;
  else
    g_error ("a PyTorch module this test does not know: %s", type);
  return layer_with (kind, &p);
}

/* NCHW (N = 1) or [1, N] → a Strata shape. */
static inline StrataShape
torch_shape (JsonArray *array)
{
  if (json_array_get_length (array) == 2)
    return (StrataShape) { 1, 1, json_array_get_int_element (array, 1), TRUE };
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  return (StrataShape) { json_array_get_int_element (array, 2),
                         json_array_get_int_element (array, 3),
                         json_array_get_int_element (array, 1), FALSE };
}

static inline void
assert_shape (StrataLayer       *layer,
              const StrataShape *expected,
              guint              row)
{
  const StrataShape *shape = strata_layer_get_output_shape (layer);
  g_autofree char *got = NULL;
  g_autofree char *want = strata_shape_to_string (expected);

  if (shape == NULL)
    g_error ("row %u: no shape (%s), expected %s", row, strata_layer_get_error (layer), want);
  got = strata_shape_to_string (shape);
  if (!strata_shape_equal (shape, expected))
    g_error ("row %u: shape %s, expected %s", row, got, want);
}
