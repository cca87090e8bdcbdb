/* test-file-graph.c: .strata files of branching networks: references by name, version 2. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#define HEAD "{\"format\": \"strata\", \"version\": 2, " \
             "\"input\": {\"name\": \"image\", \"height\": 8, \"width\": 8, \"channels\": 3}, "
#define LAYERS(x) HEAD "\"layers\": [" x "]}"

/* After the version 2 file above, which it then keeps. */
#include "strata-test-file.h"

/* Two branches from a named input, a layer reading one of them, and a
 * layer using another's weights. */
static const char branching[] =
  LAYERS ("{\"type\": \"conv2d\", \"name\": \"a\", \"filters\": 4, \"kernel\": 1},"
          "{\"type\": \"conv2d\", \"name\": \"b\", \"inputs\": [\"image\"], \"filters\": 6},"
          "{\"type\": \"flatten\", \"name\": \"c\", \"inputs\": [\"a\"]},"
          "{\"type\": \"conv2d\", \"inputs\": [\"image\"], \"shares\": \"a\", \"filters\": 4,"
          " \"kernel\": 1}");

static void
test_file_graph_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = load_string (branching, &error);
  StrataLayer *a, *c, *twin;

  g_assert_no_error (error);
  g_assert_cmpstr (strata_network_get_input_name (network), ==, "image");
  a = strata_network_get_layer (network, 0);
  c = strata_network_get_layer (network, 2);
  twin = strata_network_get_layer (network, 3);
  g_assert_null (strata_network_get_input_layer (network, 1, 0));
  g_assert_true (strata_network_get_input_layer (network, 2, 0) == a);
  /* c flattens a's 8 × 8 × 4, not b's output before it. */
  g_assert_cmpuint (strata_layer_get_output_shape (c)->channels, ==, 256);
  g_assert_true (strata_layer_get_shares (twin) == a);
  g_assert_cmpuint (strata_layer_get_params_count (twin), ==, 0);
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
}

static void
test_file_graph_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = load_string (branching, &error);
  g_autoptr(StrataNetwork) loaded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  text = strata_file_to_data (network, NULL);
  g_assert_nonnull (strstr (text, "\"version\" : 2,"));
  g_assert_nonnull (strstr (text, "\"name\" : \"image\","));
  g_assert_nonnull (strstr (text, "\"inputs\" : [\n        \"a\"\n      ]"));
  g_assert_nonnull (strstr (text, "\"shares\" : \"a\""));
  loaded = load_string (text, &error);
  g_assert_no_error (error);
  again = strata_file_to_data (loaded, NULL);
  g_assert_cmpstr (text, ==, again);
  g_assert_true (strata_network_get_input_layer (loaded, 2, 0) ==
                 strata_network_get_layer (loaded, 0));
}

/* A chain of the kinds version 1 had stays a version 1 file, which older
 * Strata reads; a kind added in version 2 makes it version 2. */
static void
test_file_graph_version_1 (void)
{
  g_autoptr(StrataNetwork) network = strata_file_load_example ("lecture", NULL);
  g_autoptr(StrataLayer) upsampling = strata_layer_new (STRATA_LAYER_KIND_UPSAMPLING2D);
  g_autofree char *text = strata_file_to_data (network, NULL);
  g_autofree char *with_upsampling = NULL;

  g_assert_nonnull (strstr (text, "\"version\" : 1,"));
  g_assert_null (strstr (text, "inputs"));

  strata_network_insert (network, 1, upsampling);
  with_upsampling = strata_file_to_data (network, NULL);
  g_assert_nonnull (strstr (with_upsampling, "\"version\" : 2,"));
}

/* Every reference names one layer in the file, even when the layer read
 * has no name or shares its name with another. */
static void
test_file_graph_names (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(StrataNetwork) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  StrataLayer *layers[4];

  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    layers[i] = strata_layer_new (STRATA_LAYER_KIND_DENSE);
  strata_layer_set_name (layers[0], "x");
  strata_layer_set_name (layers[1], "x");
  strata_layer_set_inputs (layers[2], &layers[1], 1);
  strata_layer_set_inputs (layers[3], &layers[0], 1);
  strata_network_splice (network, 0, 0, layers, G_N_ELEMENTS (layers));
  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    g_object_unref (layers[i]);

  text = strata_file_to_data (network, NULL);
  loaded = load_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (loaded, 0)), ==, "x_1");
  g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (loaded, 1)), ==, "x_2");
  g_assert_true (strata_network_get_input_layer (loaded, 2, 0) ==
                 strata_network_get_layer (loaded, 1));
  g_assert_true (strata_network_get_input_layer (loaded, 3, 0) ==
                 strata_network_get_layer (loaded, 0));
}

static void
test_file_graph_bad (void)
{
  static const BadFile bad[] = {
    { LAYERS ("{\"type\": \"dense\", \"inputs\": [\"nowhere\"]}"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”, layer 1: “inputs” names “nowhere”, but no earlier layer or input has that "
      "name" },
    { LAYERS ("{\"type\": \"dense\", \"inputs\": [\"later\"]}, {\"type\": \"dense\", \"name\": "
              "\"later\"}"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”, layer 1: “inputs” names “later”, which comes after this layer" },
    { LAYERS ("{\"type\": \"dense\", \"name\": \"me\", \"inputs\": [\"me\"]}"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”, layer 1 “me”: “inputs” names the layer itself" },
    { LAYERS ("{\"type\": \"dense\", \"name\": \"d\"}, {\"type\": \"dense\", \"name\": \"d\"},"
              "{\"type\": \"dense\", \"inputs\": [\"d\"]}"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”, layer 3: “inputs” names “d”, but more than one earlier layer or input has "
      "that name" },
    { LAYERS ("{\"type\": \"dense\", \"name\": \"image\"}, {\"type\": \"dense\", \"inputs\": "
              "[\"image\"]}"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”, layer 2: “inputs” names “image”, but more than one earlier layer or input "
      "has that name" },
    { LAYERS ("{\"type\": \"dense\", \"inputs\": []}"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”, layer 1: “inputs” must be a list of the names of earlier layers or inputs" },
    { LAYERS ("{\"type\": \"dense\", \"inputs\": \"image\"}"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”, layer 1: “inputs” must be a list of the names of earlier layers or inputs" },
    { LAYERS ("{\"type\": \"dense\", \"inputs\": [3]}"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”, layer 1: “inputs” must name layers, as text" },
    { LAYERS ("{\"type\": \"input\", \"inputs\": [\"image\"]}"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”, layer 1: A layer of type “input” reads no other layer, so it has no "
      "“inputs”" },
    { LAYERS ("{\"type\": \"dense\", \"shares\": \"image\"}"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”, layer 1: “shares” must name an earlier layer, not an input" },
  };

  strata_test_assert_bad_files (bad, G_N_ELEMENTS (bad));
}

/* Layers are read as the file is parsed, and only its "layers" count:
 * objects in another list, before or after it, and a "layers" given
 * twice (the last counts, as for any key) read as they always have. */
static void
test_file_graph_other_lists (void)
{
  static const struct {
    const char *text;
    guint64 units[3]; /* of each layer, then 0 */
  } files[] = {
    { HEAD "\"notes\": [{\"type\": \"dense\", \"units\": 3}], "
      "\"layers\": [{\"type\": \"dense\", \"units\": 5}]}", { 5 } },
    { HEAD "\"layers\": [{\"type\": \"dense\", \"units\": 5}], "
      "\"notes\": [{\"type\": \"dense\", \"units\": 3}]}", { 5 } },
    { HEAD "\"layers\": [{\"type\": \"dense\", \"units\": 1}], "
      "\"layers\": [{\"type\": \"dense\", \"units\": 2}, {\"type\": \"dense\", \"units\": 3}]}",
      { 2, 3 } },
    /* The layers first: the input they name comes after them. */
    { "{\"layers\": [{\"type\": \"dense\", \"units\": 4}, {\"type\": \"dense\", \"name\": \"x\","
      " \"inputs\": [\"image\"], \"units\": 6}], \"format\": \"strata\", \"version\": 2, "
      "\"input\": {\"name\": \"image\", \"height\": 8, \"width\": 8, \"channels\": 3}}",
      { 4, 6 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = load_string (files[i].text, &error);
      guint n = 0;

      g_test_message ("file: %s", files[i].text);
      g_assert_no_error (error);
      while (n < G_N_ELEMENTS (files[i].units) && files[i].units[n] != 0)
        n++;
      g_assert_cmpuint (strata_network_get_n_layers (network), ==, n);
      for (guint k = 0; k < n; k++)
        g_assert_cmpuint (strata_layer_get_output_shape (strata_network_get_layer (network, k))->channels,
                          ==, files[i].units[k]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-graph/read", test_file_graph_read);
  g_test_add_func ("/file-graph/round-trip", test_file_graph_round_trip);
  g_test_add_func ("/file-graph/version-1", test_file_graph_version_1);
  g_test_add_func ("/file-graph/names", test_file_graph_names);
  g_test_add_func ("/file-graph/bad", test_file_graph_bad);
  g_test_add_func ("/file-graph/other-lists", test_file_graph_other_lists);

  return g_test_run ();
}
