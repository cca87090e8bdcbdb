/* test-file-params.c: the values of hyper-parameters in .strata files, in every form. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <json-glib/json-glib.h>

#include "strata-test-file.h"

/* A layer with its kind's defaults is written as its type alone. */
static void
test_defaults (void)
{
  for (guint kind = 0; kind < STRATA_N_LAYER_KINDS; kind++)
    {
      g_autoptr(StrataLayer) layer = strata_layer_new (kind);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *text = layer_text (layer);
      JsonObject *root;
      JsonObject *written;

      g_test_message ("kind %s", strata_layer_kind_get_info (kind)->id);
      json_parser_load_from_data (parser, text, -1, &error);
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      written = json_array_get_object_element (json_object_get_array_member (root, "layers"), 0);
      g_assert_cmpuint (json_object_get_size (written), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (written, "type"), ==,
                       strata_layer_kind_get_info (kind)->id);
    }
}

/* Padding and cropping are written in their shortest form, and read in
 * every form, Keras's [[top, bottom], [left, right]] too. The key
 * "padding" is a convolution's padding or zero padding's, by the kind. */
static void
test_sides (void)
{
  static const struct {
    const char  *value;
    StrataSides  sides;
    const char  *written; /* NULL: the default, not written */
  } cases[] = {
    { "1", { 1, 1, 1, 1 }, NULL },
    { "2", { 2, 2, 2, 2 }, "\"padding\" : 2\n" },
    { "[1, 3]", { 1, 1, 3, 3 }, "\"padding\" : [\n        1,\n        3\n      ]" },
    { "[1, 2, 3, 4]", { 1, 2, 3, 4 },
      "\"padding\" : [\n        1,\n        2,\n        3,\n        4\n      ]" },
    { "[[1, 2], [3, 4]]", { 1, 2, 3, 4 },
      "\"padding\" : [\n        1,\n        2,\n        3,\n        4\n      ]" },
    { "[[0, 0], [5, 5]]", { 0, 0, 5, 5 }, "\"padding\" : [\n        0,\n        5\n      ]" },
    { "[[0, 0], [0, 0]]", { 0, 0, 0, 0 }, "\"padding\" : 0\n" },
    { "[2, 2, 2, 2.0]", { 2, 2, 2, 2 }, "\"padding\" : 2\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf (LAYERS ("{\"type\": \"conv2d\", \"padding\": 1}, "
                                                       "{\"type\": \"zero_padding2d\", "
                                                       "\"padding\": %s}"), cases[i].value);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = load_string (text, &error);
      const StrataLayerParams *conv, *pad;
      g_autofree char *written = NULL;

      g_test_message ("padding %s", cases[i].value);
      g_assert_no_error (error);
      conv = strata_layer_get_params (strata_network_get_layer (network, 0));
      pad = strata_layer_get_params (strata_network_get_layer (network, 1));
      g_assert_cmpint (conv->padding_mode, ==, STRATA_PADDING_EXPLICIT);
      g_assert_cmpuint (conv->padding.height, ==, 1);
      g_assert_cmpuint (pad->zero_padding.top, ==, cases[i].sides.top);
      g_assert_cmpuint (pad->zero_padding.bottom, ==, cases[i].sides.bottom);
      g_assert_cmpuint (pad->zero_padding.left, ==, cases[i].sides.left);
      g_assert_cmpuint (pad->zero_padding.right, ==, cases[i].sides.right);

      written = layer_text (strata_network_get_layer (network, 1));
      if (cases[i].written == NULL)
        g_assert_null (strstr (written, "\"padding\""));
      else
        g_assert_nonnull (strstr (written, cases[i].written));
    }
}

/* A target is [height, width, channels], or [length] for a vector. */
static void
test_target (void)
{
  static const struct {
    const char   *value;
    StrataTarget  target;
    const char   *written; /* NULL: the default, not written */
  } cases[] = {
    { "[1, 1, 1]", { 1, 1, 1, FALSE }, NULL },
    { "[14, 7, 4]", { 14, 7, 4, FALSE },
      "\"target\" : [\n        14,\n        7,\n        4\n      ]" },
    { "[392]", { 1, 1, 392, TRUE }, "\"target\" : [\n        392\n      ]" },
    { "[1]", { 1, 1, 1, TRUE }, "\"target\" : [\n        1\n      ]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf (LAYERS ("{\"type\": \"reshape\", "
                                                       "\"target\": %s}"), cases[i].value);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = load_string (text, &error);
      const StrataTarget *target;
      g_autofree char *written = NULL;

      g_test_message ("target %s", cases[i].value);
      g_assert_no_error (error);
      target = &strata_layer_get_params (strata_network_get_layer (network, 0))->target;
      g_assert_cmpuint (target->height, ==, cases[i].target.height);
      g_assert_cmpuint (target->width, ==, cases[i].target.width);
      g_assert_cmpuint (target->channels, ==, cases[i].target.channels);
      g_assert_cmpint (target->is_vector, ==, cases[i].target.is_vector);

      written = layer_text (strata_network_get_layer (network, 0));
      if (cases[i].written == NULL)
        g_assert_null (strstr (written, "\"target\""));
      else
        g_assert_nonnull (strstr (written, cases[i].written));
    }
}

static const BadFile bad_values[] = {
  { LAYERS ("{\"type\": \"conv2d_transpose\", \"name\": \"UP\", \"output_padding\": [1, -1]}"),
    STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1 “UP”: “output_padding” must be from 0 to 4294967295, not -1" },
  { LAYERS ("{\"type\": \"conv2d\", \"output_padding\": 1}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: A layer of type “conv2d” has no “output_padding”" },
  { LAYERS ("{\"type\": \"upsampling2d\", \"interpolation\": \"bicubic\"}"),
    STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “interpolation” must be one of nearest, bilinear, not “bicubic”" },
  { LAYERS ("{\"type\": \"upsampling2d\", \"interpolation\": 1}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “interpolation” must be text, not a number" },
  { LAYERS ("{\"type\": \"upsampling2d\", \"size\": [2, 0]}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “size” must be from 1 to 4294967295, not 0" },
  { LAYERS ("{\"type\": \"concatenate\", \"name\": \"cat\", \"axis\": \"depth\"}"),
    STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1 “cat”: “axis” must be one of channels, height, width, not “depth”" },
  { LAYERS ("{\"type\": \"concatenate\", \"axis\": -1}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “axis” must be text, not a number" },
  { LAYERS ("{\"type\": \"zero_padding2d\", \"name\": \"P\", \"padding\": \"same\"}"),
    STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1 “P”: “padding” must be a number, [height, width], [top, bottom, "
    "left, right] or [[top, bottom], [left, right]], not text" },
  { LAYERS ("{\"type\": \"zero_padding2d\", \"padding\": [1, 2, 3]}"),
    STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “padding” must be a number, [height, width], [top, bottom, left, "
    "right] or [[top, bottom], [left, right]]" },
  { LAYERS ("{\"type\": \"cropping2d\", \"cropping\": [[1, 2], [3]]}"),
    STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “cropping” must be a number, [height, width], [top, bottom, left, "
    "right] or [[top, bottom], [left, right]]" },
  { LAYERS ("{\"type\": \"cropping2d\", \"cropping\": [[1, 2], [3, -4]]}"),
    STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “cropping” must be from 0 to 4294967295, not -4" },
  { LAYERS ("{\"type\": \"cropping2d\", \"cropping\": [1, 2, 3, 4.5]}"),
    STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “cropping” must be a whole number, not 4.5" },
  { LAYERS ("{\"type\": \"cropping2d\", \"padding\": 1}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: A layer of type “cropping2d” has no “padding”" },
  { LAYERS ("{\"type\": \"conv2d\", \"cropping\": 1}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: A layer of type “conv2d” has no “cropping”" },
  { LAYERS ("{\"type\": \"input\", \"name\": \"depth\", \"channels\": 0}"),
    STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1 “depth”: “channels” must be from 1 to 4294967295, not 0" },
  { LAYERS ("{\"type\": \"conv2d\", \"height\": 28}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: A layer of type “conv2d” has no “height”" },
  { LAYERS ("{\"type\": \"reshape\", \"name\": \"R\", \"target\": 392}"),
    STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1 “R”: “target” must be [height, width, channels] or [length], not a "
    "number" },
  { LAYERS ("{\"type\": \"reshape\", \"target\": [14, 28]}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “target” must be [height, width, channels] or [length], not a list "
    "of 2" },
  { LAYERS ("{\"type\": \"reshape\", \"target\": [7, 0, 8]}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “target” must be from 1 to 4294967295, not 0" },
};

static void
test_bad_values (void)
{
  strata_test_assert_bad_files (bad_values, G_N_ELEMENTS (bad_values));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-params/defaults", test_defaults);
  g_test_add_func ("/file-params/sides", test_sides);
  g_test_add_func ("/file-params/target", test_target);
  g_test_add_func ("/file-params/bad", test_bad_values);

  return g_test_run ();
}
