/* test-import-keras.c: Keras model configs, TensorFlow.js model.json, .keras archives and .h5 files as networks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include "strata-import.h"
#include "strata-test-refs.h"

/* Every reference row is checked against the imported layer of the same
 * name: shape, parameters and their split, and for branching networks
 * what each layer reads. */

static char *
read_ref_text (const char *relative)
{
  g_autofree char *path = g_build_filename (g_getenv ("STRATA_REFS_DIR"), relative, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static GBytes *
read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "keras", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static StrataNetwork *
import_text (const char                *text,
             const StrataImportOptions *options,
             GPtrArray                 *warnings,
             GError                   **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  g_assert_true (strata_import_keras_json_sniff (bytes));
  return strata_import_keras_json (bytes, "model.json", options, warnings, error);
}

/* [null, h, w, c] or [null, n] as Strata's shape. */
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

static StrataLayer *
find_layer (StrataNetwork *network,
            const char    *name,
            guint         *position)
{
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);

      if (g_strcmp0 (strata_layer_get_name (layer), name) == 0)
        {
          *position = i;
          return layer;
        }
    }
  g_error ("no layer named “%s”", name);
}

/* Every row of a summary against @network. */
static void
check_summary (StrataNetwork *network,
               JsonObject    *summary)
{
  JsonArray *rows = json_object_get_array_member (summary, "rows");
  StrataShape input = keras_shape (json_object_get_array_member (summary, "input_shape"));
  guint n_rows = 0;

  g_assert_cmpstr (strata_network_get_name (network), ==,
                   json_object_get_string_member (summary, "model"));
  g_assert_true (strata_shape_equal (strata_network_get_input_shape (network), &input));
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *name = json_object_get_string_member (row, "name");
      StrataShape expected = keras_shape (json_object_get_array_member (row, "output_shape"));
      StrataLayer *layer;
      guint position;

      if (g_str_equal (json_object_get_string_member (row, "class_name"), "InputLayer"))
        {
          /* The model's input is the network's, under its name. */
          g_assert_cmpstr (strata_network_get_input_name (network), ==, name);
          g_assert_true (strata_shape_equal (strata_network_get_input_shape (network), &expected));
          continue;
        }
      n_rows++;
      layer = find_layer (network, name, &position);
      assert_shape (layer, &expected, i);
      g_assert_cmpuint (strata_layer_get_params_count (layer), ==,
                        json_object_get_int_member (row, "params"));
      g_assert_cmpuint (strata_layer_get_trainable_params (layer), ==,
                        json_object_get_int_member (row, "trainable_params"));
      g_assert_cmpuint (strata_layer_get_non_trainable_params (layer), ==,
                        json_object_get_int_member (row, "non_trainable_params"));

      if (json_object_has_member (row, "inbound"))
        {
          JsonArray *inbound = json_object_get_array_member (row, "inbound");

          g_assert_cmpuint (strata_network_get_n_input_layers (network, position), ==,
                            json_array_get_length (inbound));
          for (guint k = 0; k < json_array_get_length (inbound); k++)
            {
              StrataLayer *read = strata_network_get_input_layer (network, position, k);

              g_assert_cmpstr (read != NULL ? strata_layer_get_name (read)
                                            : strata_network_get_input_name (network), ==,
                               json_array_get_string_element (inbound, k));
            }
        }
    }

  g_assert_cmpuint (strata_network_get_n_layers (network), ==, n_rows);
  g_assert_cmpuint (strata_network_get_params (network), ==,
                    json_object_get_int_member (summary, "total_params"));
  g_assert_cmpuint (strata_network_get_trainable_params (network), ==,
                    json_object_get_int_member (summary, "trainable_params"));
  g_assert_cmpuint (strata_network_get_non_trainable_params (network), ==,
                    json_object_get_int_member (summary, "non_trainable_params"));
}

static void
check_ref (const char *dir,
           const char *model,
           const char *text)
{
  g_autofree char *summary_path = g_strdup_printf ("%s/%s.summary.json", dir, model);
  g_autoptr(JsonNode) summary = load_ref (summary_path);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = import_text (text, NULL, warnings, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  check_summary (network, json_node_get_object (summary));
}

/* "keras/lenet5" → the model.to_json() text of the reference. */
static void
test_ref (gconstpointer data)
{
  const char *ref = data;
  g_auto(GStrv) parts = g_strsplit (ref, "/", 2);
  g_autofree char *relative = g_strdup_printf ("%s.keras.json", ref);
  g_autofree char *text = NULL;

  if (!refs_available ())
    return;
  text = read_ref_text (relative);
  check_ref (parts[0], parts[1], text);
}

/* TensorFlow.js's model.json holds the same config in modelTopology,
 * directly or as model_config beside the Keras version. */
static void
test_tfjs (gconstpointer data)
{
  const char *ref = data;
  g_auto(GStrv) parts = g_strsplit (ref, "/", 2);
  g_autofree char *relative = g_strdup_printf ("%s.keras.json", ref);
  g_autofree char *config = NULL;
  g_autofree char *direct = NULL;
  g_autofree char *wrapped = NULL;

  if (!refs_available ())
    return;
  config = read_ref_text (relative);
  direct = g_strdup_printf ("{\"format\": \"layers-model\", \"generatedBy\": \"keras v2.15.0\", "
                            "\"convertedBy\": \"TensorFlow.js Converter v4.22.0\", "
                            "\"modelTopology\": %s, \"weightsManifest\": []}", config);
  check_ref (parts[0], parts[1], direct);
  wrapped = g_strdup_printf ("{\"format\": \"layers-model\", \"modelTopology\": "
                             "{\"keras_version\": \"2.15.0\", \"backend\": \"tensorflow\", "
                             "\"model_config\": %s, \"training_config\": null}}", config);
  check_ref (parts[0], parts[1], wrapped);
}

/* Written from the Keras 2 references by tests/data/keras/make-fixtures.py
 * in the Keras 3 form: calls as {"args": [...]} of __keras_tensor__ objects. */
static void
test_keras3 (gconstpointer data)
{
  const char *ref = data;
  g_auto(GStrv) parts = g_strsplit (ref, "/", 2);
  g_autofree char *name = g_strdup_printf ("%s.keras3.json", parts[1]);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  if (!refs_available ())
    return;
  bytes = read_data (name);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  check_ref (parts[0], parts[1], text);
}

/* A .keras archive: config.json (the Keras 3 form) beside the metadata
 * and weights. */
static void
test_archive (void)
{
  g_autoptr(GBytes) bytes = read_data ("resnet_mini.keras");
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  g_autoptr(JsonNode) summary = NULL;

  if (!refs_available ())
    return;
  summary = load_ref ("keras_functional/resnet_mini.summary.json");
  g_assert_true (strata_import_keras_archive_sniff (bytes));
  g_assert_false (strata_import_keras_json_sniff (bytes));
  g_assert_false (strata_import_keras_h5_sniff (bytes));
  network = strata_import_keras_archive (bytes, "resnet_mini.keras", NULL, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  check_summary (network, json_node_get_object (summary));
}

/* The root's model_config, as a variable-length string (h5py, Keras 3)
 * and a fixed-length one (Keras 2 wrote bytes). */
static void
test_h5 (gconstpointer data)
{
  const char *model = data;
  g_autofree char *file = g_str_equal (model, "ng_cnn") ? g_strdup ("ng_cnn-fixed.h5")
                                                        : g_strdup_printf ("%s.h5", model);
  g_autofree char *summary_path = g_strdup_printf ("keras/%s.summary.json", model);
  g_autoptr(GBytes) bytes = read_data (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  g_autoptr(JsonNode) summary = NULL;

  if (!refs_available ())
    return;
  summary = load_ref (summary_path);
  g_assert_true (strata_import_keras_h5_sniff (bytes));
  g_assert_false (strata_import_keras_archive_sniff (bytes));
  g_assert_false (strata_import_keras_json_sniff (bytes));
  network = strata_import_keras_h5 (bytes, file, NULL, NULL, &error);
  g_assert_no_error (error);
  check_summary (network, json_node_get_object (summary));
}

static StrataLayer *
layer_named (StrataNetwork *network,
             const char    *name)
{
  guint position;

  return find_layer (network, name, &position);
}

static void
assert_layer (StrataNetwork *network,
              guint          position,
              const char    *name,
              guint64        height,
              guint64        width,
              guint64        channels,
              gboolean       is_vector,
              guint64        params,
              const char    *shares)
{
  StrataLayer *layer = strata_network_get_layer (network, position);
  StrataShape expected = { height, width, channels, is_vector };

  g_assert_cmpstr (strata_layer_get_name (layer), ==, name);
  assert_shape (layer, &expected, position);
  g_assert_cmpuint (strata_layer_get_params_count (layer), ==, params);
  if (shares == NULL)
    g_assert_null (strata_layer_get_shares (layer));
  else
    g_assert_true (strata_layer_get_shares (layer) == layer_named (network, shares));
}

/* A Sequential called twice and a Functional used as a layer are inlined
 * under their names; the second call of each shares the first's weights.
 * "shared" is listed before the tower its calls read. The head is frozen,
 * in the Keras 3 form, and gives two outputs. Counts: conv (3·3·3 + 1)·4,
 * shared (4 + 1)·2, head's conv 2·2·4·5 without bias, out (5 + 1)·3. */
static void
test_nested (void)
{
  g_autoptr(GBytes) bytes = read_data ("nested.json");
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  const StrataShape input = { 8, 8, 3, FALSE };

  network = strata_import_keras_json (bytes, "nested.json", NULL, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (strata_network_get_name (network), ==, "siamese");
  g_assert_cmpstr (strata_network_get_input_name (network), ==, "in_a");
  g_assert_true (strata_shape_equal (strata_network_get_input_shape (network), &input));
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 12);

  g_assert_cmpint (strata_layer_get_kind (strata_network_get_layer (network, 0)), ==,
                   STRATA_LAYER_KIND_INPUT);
  assert_layer (network, 0, "in_b", 8, 8, 3, FALSE, 0, NULL);
  assert_layer (network, 1, "tower/conv", 8, 8, 4, FALSE, 112, NULL);
  assert_layer (network, 2, "tower/pool", 4, 4, 4, FALSE, 0, NULL);
  assert_layer (network, 3, "shared", 4, 4, 2, FALSE, 10, NULL);
  assert_layer (network, 4, "tower_2/conv", 8, 8, 4, FALSE, 0, "tower/conv");
  assert_layer (network, 5, "tower_2/pool", 4, 4, 4, FALSE, 0, NULL);
  assert_layer (network, 6, "shared_2", 4, 4, 2, FALSE, 0, "shared");
  assert_layer (network, 7, "join", 4, 4, 4, FALSE, 0, NULL);
  assert_layer (network, 8, "head/c", 3, 3, 5, FALSE, 80, NULL);
  assert_layer (network, 9, "head/gap", 1, 1, 5, TRUE, 0, NULL);
  assert_layer (network, 10, "out", 1, 1, 3, TRUE, 18, NULL);
  assert_layer (network, 11, "side", 1, 1, 45, TRUE, 0, NULL);
  g_assert_cmpuint (strata_network_get_params (network), ==, 112 + 10 + 80 + 18);

  /* The second tower reads the second input; the join reads both calls. */
  g_assert_true (strata_network_get_input_layer (network, 4, 0) ==
                 strata_network_get_layer (network, 0));
  g_assert_null (strata_network_get_input_layer (network, 1, 0));
  g_assert_true (strata_network_get_input_layer (network, 7, 0) ==
                 strata_network_get_layer (network, 3));
  g_assert_true (strata_network_get_input_layer (network, 7, 1) ==
                 strata_network_get_layer (network, 6));
  g_assert_true (strata_network_get_input_layer (network, 11, 0) ==
                 strata_network_get_layer (network, 8));

  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "frozen"));
}

#define TINY \
  "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"tiny\", \"layers\": [" \
  "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c1\", \"filters\": 4, " \
  "\"kernel_size\": [3, 3], \"batch_input_shape\": [null, 8, 8, 1]}}, " \
  "{\"class_name\": \"Flatten\", \"config\": {\"name\": \"f\"}}, " \
  "{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 2}}]}}"

#define GRAPH \
  "{\"class_name\": \"Functional\", \"config\": {\"name\": \"g\", \"layers\": [" \
  "{\"name\": \"in\", \"class_name\": \"InputLayer\", \"config\": " \
  "{\"batch_input_shape\": [null, 8, 8, 2], \"name\": \"in\"}, \"inbound_nodes\": []}, " \
  "{\"name\": \"a\", \"class_name\": \"Conv2D\", \"config\": {\"name\": \"a\", \"filters\": 2, " \
  "\"kernel_size\": 1}, \"inbound_nodes\": [[[\"in\", 0, 0, {}]]]}, " \
  "{\"name\": \"b\", \"class_name\": \"Conv2D\", \"config\": {\"name\": \"b\", \"filters\": 2, " \
  "\"kernel_size\": 1}, \"inbound_nodes\": [[[\"a\", 0, 0, {}]]]}, " \
  "{\"name\": \"sum\", \"class_name\": \"Add\", \"config\": {\"name\": \"sum\"}, " \
  "\"inbound_nodes\": [[[\"a\", 0, 0, {}], [\"b\", 0, 0, {}]]]}], " \
  "\"input_layers\": [[\"in\", 0, 0]], \"output_layers\": [[\"sum\", 0, 0]]}}"

/* @base with its first @from replaced by @to. */
static char *
edit (const char *base,
      const char *from,
      const char *to)
{
  const char *at = strstr (base, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - base), base, to, at + strlen (from));
}

static void
test_edits_that_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) tiny = import_text (TINY, NULL, NULL, &error);
  g_autoptr(StrataNetwork) graph = NULL;
  g_autoptr(StrataNetwork) flat = NULL;
  g_autofree char *flat_inputs = edit (GRAPH, "[[\"in\", 0, 0]]", "[\"in\", 0, 0]");

  /* (3·3·1 + 1)·4 and (6·6·4 + 1)·2. */
  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_n_layers (tiny), ==, 3);
  g_assert_cmpuint (strata_network_get_params (tiny), ==, 40 + 290);
  g_assert_true (strata_network_is_chain (tiny));

  graph = import_text (GRAPH, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_params (graph), ==, 6 + 6);
  g_assert_false (strata_network_is_chain (graph));

  /* A single input written flat, as converters do. */
  flat = import_text (flat_inputs, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_n_layers (flat), ==, 3);

  /* Keras 3's dict of inputs and outputs. */
  {
    g_autofree char *inputs = edit (GRAPH, "[[\"in\", 0, 0]]", "{\"image\": [\"in\", 0, 0]}");
    g_autofree char *both = edit (inputs, "[[\"sum\", 0, 0]]", "{\"out\": [\"sum\", 0, 0]}");
    g_autoptr(StrataNetwork) dict = import_text (both, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (strata_network_get_n_layers (dict), ==, 3);
    g_assert_cmpstr (strata_network_get_input_name (dict), ==, "in");
  }
}

/* A vector input is held as 1 × 1 × n, but a dense layer on it stays a
 * dense layer: (12 + 1)·4, and BatchNormalization's axis 1 is its length. */
static void
test_vector_input (void)
{
  g_autofree char *dense = edit (TINY, "\"Conv2D\", \"config\": {\"name\": \"c1\", \"filters\": 4, "
                                 "\"kernel_size\": [3, 3], \"batch_input_shape\": [null, 8, 8, 1]}",
                                 "\"Dense\", \"config\": {\"name\": \"c1\", \"units\": 4, "
                                 "\"batch_input_shape\": [null, 12]}");
  g_autofree char *text = edit (dense, "\"Flatten\", \"config\": {\"name\": \"f\"}",
                                "\"BatchNormalization\", \"config\": {\"name\": \"f\", \"axis\": 1}");
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = import_text (text, NULL, warnings, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  assert_layer (network, 0, "c1", 1, 1, 4, TRUE, 52, NULL);
  g_assert_cmpint (strata_layer_get_kind (strata_network_get_layer (network, 0)), ==,
                   STRATA_LAYER_KIND_DENSE);
  assert_layer (network, 1, "f", 1, 1, 4, TRUE, 16, NULL);
  assert_layer (network, 2, "d", 1, 1, 2, TRUE, 10, NULL);
}

/* The input shape given by the person wins, and is the only way in when
 * the file states none. */
static void
test_input_option (void)
{
  const StrataImportOptions options = { TRUE, 10, 12, 1 };
  const StrataShape input = { 10, 12, 1, FALSE };
  const StrataShape conv = { 8, 10, 4, FALSE };
  g_autofree char *no_shape = edit (TINY, ", \"batch_input_shape\": [null, 8, 8, 1]", "");
  g_autofree char *open_size = edit (TINY, "[null, 8, 8, 1]", "[null, null, null, 1]");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) given = NULL;
  g_autoptr(StrataNetwork) overridden = NULL;

  g_assert_null (import_text (no_shape, NULL, NULL, &error));
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_NEEDS_INPUT);
  g_clear_error (&error);
  g_assert_null (import_text (open_size, NULL, NULL, &error));
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_NEEDS_INPUT);
  g_clear_error (&error);

  given = import_text (no_shape, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_shape_equal (strata_network_get_input_shape (given), &input));
  overridden = import_text (TINY, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_shape_equal (strata_network_get_input_shape (overridden), &input));
  g_assert_true (strata_shape_equal (strata_layer_get_output_shape (
                   strata_network_get_layer (overridden, 0)), &conv));
}

typedef struct
{
  const char *base;
  const char *from;
  const char *to;
  int         code;
  const char *says; /* a part of the message */
} Damage;

static const Damage damages[] = {
  { TINY, "\"Dense\"", "\"Frobnicate\"", STRATA_IMPORT_ERROR_UNSUPPORTED,
    "“model.json”: layer “d” (Frobnicate): " },
  { TINY, "\"filters\": 4, ", "", STRATA_IMPORT_ERROR_INVALID, "layer “c1” (Conv2D): its config has no “filters”" },
  { TINY, "\"filters\": 4", "\"filters\": \"four\"", STRATA_IMPORT_ERROR_INVALID, "“filters” must be a whole number" },
  { TINY, "\"filters\": 4", "\"filters\": -4", STRATA_IMPORT_ERROR_INVALID, "“filters”" },
  { TINY, "\"filters\": 4", "\"filters\": 4.5", STRATA_IMPORT_ERROR_INVALID, "“filters”" },
  { TINY, "[3, 3]", "[3]", STRATA_IMPORT_ERROR_INVALID, "“kernel_size”" },
  { TINY, "[3, 3]", "[30, 30]", STRATA_IMPORT_ERROR_INVALID, "layer “c1” (Conv2D): " },
  { TINY, "\"units\": 2", "\"units\": 2, \"use_bias\": 1", STRATA_IMPORT_ERROR_INVALID, "“use_bias” must be true or false" },
  { TINY, "\"units\": 2", "\"units\": 2, \"activation\": 7", STRATA_IMPORT_ERROR_INVALID, "“activation”" },
  { TINY, "\"Conv2D\"", "\"Conv1D\"", STRATA_IMPORT_ERROR_NOT_2D, "layer “c1” (Conv1D)" },
  { TINY, "\"Dense\"", "\"LSTM\"", STRATA_IMPORT_ERROR_NOT_2D, "2-D" },
  { TINY, "[null, 8, 8, 1]", "[null, 8, 1]", STRATA_IMPORT_ERROR_NOT_2D, "2-D" },
  { TINY, "[null, 8, 8, 1]", "[null, 8, 0, 1]", STRATA_IMPORT_ERROR_INVALID, "input shape" },
  { TINY, "[null, 8, 8, 1]", "[null, 8, 8, 1, 1, 1]", STRATA_IMPORT_ERROR_INVALID, "input shape" },
  { TINY, "\"name\": \"f\"", "\"name\": \"f\", \"data_format\": \"channels_first\"",
    STRATA_IMPORT_ERROR_UNSUPPORTED, "channels_first" },
  { TINY, "\"Flatten\", \"config\": {\"name\": \"f\"}", "\"BatchNormalization\", \"config\": "
    "{\"name\": \"f\", \"axis\": 0}", STRATA_IMPORT_ERROR_UNSUPPORTED, "axis 0" },
  { TINY, "\"Flatten\", \"config\": {\"name\": \"f\"}", "\"PReLU\", \"config\": "
    "{\"name\": \"f\", \"shared_axes\": [0]}", STRATA_IMPORT_ERROR_INVALID, "shared_axes" },
  { TINY, "\"Flatten\", \"config\": {\"name\": \"f\"}", "\"LayerNormalization\", \"config\": "
    "{\"name\": \"f\", \"axis\": 1}", STRATA_IMPORT_ERROR_UNSUPPORTED, "axis other than the channels" },
  { TINY, "\"Flatten\", \"config\": {\"name\": \"f\"}", "\"Reshape\", \"config\": "
    "{\"name\": \"f\", \"target_shape\": [6, 25]}", STRATA_IMPORT_ERROR_NOT_2D, "sequence" },
  { TINY, "\"Flatten\", \"config\": {\"name\": \"f\"}", "\"Reshape\", \"config\": "
    "{\"name\": \"f\", \"target_shape\": [7, -1]}", STRATA_IMPORT_ERROR_NOT_2D, "sequence" },
  { TINY, "\"Flatten\", \"config\": {\"name\": \"f\"}", "\"Reshape\", \"config\": "
    "{\"name\": \"f\", \"target_shape\": [7, 7, -1]}", STRATA_IMPORT_ERROR_INVALID, "−1" },
  { TINY, "\"Flatten\", \"config\": {\"name\": \"f\"}", "\"Dropout\", \"config\": "
    "{\"name\": \"f\", \"rate\": 1.5}", STRATA_IMPORT_ERROR_INVALID, "“rate”" },
  { TINY, "\"Sequential\"", "\"MyModel\"", STRATA_IMPORT_ERROR_UNSUPPORTED, "MyModel" },
  { TINY, "\"layers\"", "\"strata\"", STRATA_IMPORT_ERROR_INVALID, "no list of layers" },
  { TINY, "{\"class_name\": \"Flatten\"", "7, {\"class_name\": \"Flatten\"", STRATA_IMPORT_ERROR_INVALID, "layer 2 of model “tiny” is not an object" },
  { TINY, "\"class_name\": \"Sequential\"", "\"class\": \"Sequential\"", STRATA_IMPORT_ERROR_INVALID, "class_name" },
  { TINY, "]}}", "]}", STRATA_IMPORT_ERROR_INVALID, "“model.json”: not valid JSON" },
  { TINY, "]}}", "]}} []", STRATA_IMPORT_ERROR_INVALID, "model.json" },
  { TINY, "\"tiny\"", "\"\\u0000\"", STRATA_IMPORT_ERROR_INVALID, "U+0000" },
  { TINY, "8, 8, 1]", "8, 8, 1000000000000000000000]", STRATA_IMPORT_ERROR_INVALID, "too large" },
  { GRAPH, "[[[\"in\", 0, 0, {}]]]", "[[[\"b\", 0, 0, {}]]]", STRATA_IMPORT_ERROR_INVALID, "cycle" },
  { GRAPH, "[[[\"a\", 0, 0, {}]]]", "[[[\"b\", 0, 0, {}]]]", STRATA_IMPORT_ERROR_INVALID, "cycle" },
  { GRAPH, "[[[\"in\", 0, 0, {}]]]", "[[[\"ghost\", 0, 0, {}]]]", STRATA_IMPORT_ERROR_INVALID,
    "call 0 of layer “a” names “ghost”, which is not a layer of model “g”" },
  { GRAPH, "[[[\"in\", 0, 0, {}]]]", "[[[\"in\", 1, 0, {}]]]", STRATA_IMPORT_ERROR_INVALID, "call 1 of layer “in”" },
  { GRAPH, "[[[\"in\", 0, 0, {}]]]", "[[[\"in\", 0, 2, {}]]]", STRATA_IMPORT_ERROR_INVALID, "output 2" },
  { GRAPH, "[[[\"in\", 0, 0, {}]]]", "[[[\"in\", -1, 0, {}]]]", STRATA_IMPORT_ERROR_INVALID, "[layer, node index, tensor index]" },
  { GRAPH, "[[[\"in\", 0, 0, {}]]]", "[[[7, 0, 0, {}]]]", STRATA_IMPORT_ERROR_INVALID, "[layer, node index, tensor index]" },
  { GRAPH, "[[[\"in\", 0, 0, {}]]]", "[[]]", STRATA_IMPORT_ERROR_INVALID, "reads no tensor" },
  { GRAPH, "[[[\"in\", 0, 0, {}]]]", "[{\"kwargs\": {}}]", STRATA_IMPORT_ERROR_INVALID, "“args”" },
  { GRAPH, "[[[\"in\", 0, 0, {}]]]", "[{\"args\": [{\"class_name\": \"__keras_tensor__\", "
    "\"config\": {}}]}]", STRATA_IMPORT_ERROR_INVALID, "keras_history" },
  { GRAPH, "[[[\"in\", 0, 0, {}]]]", "7", STRATA_IMPORT_ERROR_INVALID, "“inbound_nodes” must be a list" },
  { GRAPH, "\"name\": \"b\", \"class_name\"", "\"name\": \"a\", \"class_name\"", STRATA_IMPORT_ERROR_INVALID,
    "two layers named “a”" },
  { GRAPH, "\"Add\", \"config\": {\"name\": \"sum\"}, \"inbound_nodes\": [[[\"a\", 0, 0, {}], [\"b\", 0, 0, {}]]]",
    "\"Subtract\", \"config\": {\"name\": \"sum\"}, \"inbound_nodes\": [[[\"a\", 0, 0, {}], [\"b\", 0, 0, {}], "
    "[\"in\", 0, 0, {}]]]", STRATA_IMPORT_ERROR_INVALID, "layer “sum” (Subtract): it reads 3 tensors, but takes two" },
  { GRAPH, "\"name\": \"b\", \"filters\": 2", "\"name\": \"b\", \"filters\": 3", STRATA_IMPORT_ERROR_INVALID,
    "layer “sum” (Add): " },
  { GRAPH, "\"input_layers\": [[\"in\", 0, 0]]", "\"input_layers\": [[\"a\", 0, 0]]",
    STRATA_IMPORT_ERROR_INVALID, "not an InputLayer" },
  { GRAPH, "\"input_layers\": [[\"in\", 0, 0]]", "\"input_layers\": []",
    STRATA_IMPORT_ERROR_INVALID, "no inputs" },
  { GRAPH, "\"output_layers\": [[\"sum\", 0, 0]]", "\"output_layers\": 3",
    STRATA_IMPORT_ERROR_INVALID, "output_layers" },
};

/* Each damage is refused with its code and a message that names the
 * file and the place; nothing warns or crashes. */
static void
test_damaged (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      const Damage *d = &damages[i];
      g_autofree char *text = edit (d->base, d->from, d->to);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = strata_import_keras_json (bytes, "model.json", NULL,
                                                                   NULL, &error);

      if (network != NULL || error == NULL || !g_error_matches (error, STRATA_IMPORT_ERROR, d->code) ||
          strstr (error->message, "model.json") == NULL || strstr (error->message, d->says) == NULL)
        g_error ("damage %u (%s → %s): %s", i, d->from, d->to,
                 error != NULL ? error->message : "imported");
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_test_message ("%s", error->message);
    }
}

/* Deeper than a config ever nests: refused before json-glib recurses. */
static void
test_deep (void)
{
  GString *text = g_string_new ("{\"class_name\": \"Sequential\", \"config\": ");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  bytes = g_string_free_to_bytes (text);
  g_assert_null (strata_import_keras_json (bytes, "model.json", NULL, NULL, &error));
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
}

/* A model inlined in a model inlined in … multiplies its layers: the
 * work is bounded, whatever the file's size. */
static void
test_blowup (void)
{
  GString *text = g_string_new ("");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const guint depth = 12;

  /* Each level calls the one inside it ten times, in a chain. */
  for (guint level = 0; level < depth; level++)
    {
      g_string_append_printf (text, "{\"class_name\": \"Functional\", \"name\": \"m%u\", \"config\": "
                              "{\"name\": \"m%u\", \"layers\": [{\"name\": \"i\", \"class_name\": "
                              "\"InputLayer\", \"config\": {\"batch_input_shape\": [null, 4, 4, 1]}},",
                              level, level);
    }
  /* The innermost model makes no layer: only the work is bounded here,
   * not the layers made. */
  g_string_append (text, "{\"name\": \"j\", \"class_name\": \"InputLayer\", \"config\": {}}], "
                   "\"input_layers\": [[\"i\", 0, 0]], \"output_layers\": [[\"i\", 0, 0]]}");
  for (guint level = 1; level < depth; level++)
    {
      guint inner = depth - level;

      g_string_append (text, ", \"inbound_nodes\": [");
      for (guint k = 0; k < 10; k++)
        {
          if (k == 0)
            g_string_append (text, "[[\"i\", 0, 0, {}]]");
          else
            g_string_append_printf (text, ", [[\"m%u\", %u, 0, {}]]", inner, k - 1);
        }
      g_string_append_printf (text, "]}], \"input_layers\": [[\"i\", 0, 0]], "
                              "\"output_layers\": [[\"m%u\", 9, 0]]}", inner);
    }
  g_string_append (text, "}");
  bytes = g_string_free_to_bytes (text);
  g_assert_null (strata_import_keras_json (bytes, "model.json", NULL, NULL, &error));
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "model.json"));
}

/* Damaged containers: a zip bomb, a zip or HDF5 file cut short, or one
 * without the config. */
static void
test_damaged_files (void)
{
  static const struct
  {
    const char *file;
    gboolean    h5;
    gsize       cut;  /* bytes kept, 0 for all */
    int         code;
    const char *says;
  } cases[] = {
    { "bomb.keras", FALSE, 0, STRATA_IMPORT_ERROR_TOO_LARGE, "64 MiB" },
    { "no-config.keras", FALSE, 0, STRATA_IMPORT_ERROR_INVALID, "no config.json" },
    { "resnet_mini.keras", FALSE, 100, STRATA_IMPORT_ERROR_INVALID, "" },
    { "resnet_mini.keras", FALSE, 1000, STRATA_IMPORT_ERROR_INVALID, "" },
    /* Cut after its config.json: what is needed is whole. */
    { "resnet_mini.keras", FALSE, 1900, 0, NULL },
    { "lenet5.h5", TRUE, 0, 0, NULL },
    { "no-config.h5", TRUE, 0, STRATA_IMPORT_ERROR_INVALID, "model_config" },
    { "lenet5.h5", TRUE, 8, STRATA_IMPORT_ERROR_INVALID, "HDF5" },
    { "lenet5.h5", TRUE, 3000, STRATA_IMPORT_ERROR_INVALID, "" },
    { "lenet5.h5", TRUE, 6000, STRATA_IMPORT_ERROR_INVALID, "" },
    { "nested.json", TRUE, 0, STRATA_IMPORT_ERROR_INVALID, "HDF5" },
    { "nested.json", FALSE, 0, STRATA_IMPORT_ERROR_INVALID, "zip" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) whole = read_data (cases[i].file);
      g_autoptr(GBytes) bytes = cases[i].cut == 0 ? g_bytes_ref (whole)
                                                  : g_bytes_new_from_bytes (whole, 0, cases[i].cut);
      g_autofree char *name = g_strdup_printf ("cut-%s", cases[i].file);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = NULL;

      network = cases[i].h5 ? strata_import_keras_h5 (bytes, name, NULL, NULL, &error)
                            : strata_import_keras_archive (bytes, name, NULL, NULL, &error);
      if (cases[i].says == NULL)
        {
          g_assert_no_error (error);
          continue;
        }
      if (network != NULL || !g_error_matches (error, STRATA_IMPORT_ERROR, cases[i].code) ||
          strstr (error->message, name) == NULL || strstr (error->message, cases[i].says) == NULL)
        g_error ("case %u (%s, %" G_GSIZE_FORMAT " bytes): %s", i, cases[i].file, cases[i].cut,
                 error != NULL ? error->message : "imported");
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_test_message ("%s", error->message);
    }
}

/* Names repeated across models stay unique: _2 is appended. */
static void
test_unique_names (void)
{
  g_autofree char *text = edit (TINY, "\"name\": \"f\"", "\"name\": \"c1\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = import_text (text, NULL, NULL, &error);

  g_autoptr(GBytes) nested = read_data ("nested.json");
  g_autofree char *clash = NULL;
  g_autofree char *renamed = NULL;
  g_autoptr(StrataNetwork) inlined = NULL;

  /* A Sequential may not repeat a name either: Keras refuses it, so do we. */
  g_assert_null (network);
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "two layers named “c1”"));
  g_clear_error (&error);

  /* An outer layer named as an inlined one would be: the later gets _2. */
  clash = g_strndup (g_bytes_get_data (nested, NULL), g_bytes_get_size (nested));
  renamed = edit (clash, "\"name\": \"join\", \"class_name\": \"Concatenate\", \"config\": {\"name\": \"join\"",
                  "\"name\": \"tower/conv\", \"class_name\": \"Concatenate\", \"config\": {\"name\": \"tower/conv\"");
  g_free (clash);
  clash = edit (renamed, "\"keras_history\": [\"join\", 0, 0]",
                "\"keras_history\": [\"tower/conv\", 0, 0]");
  inlined = import_text (clash, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (inlined, 1)), ==, "tower/conv");
  g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (inlined, 7)), ==, "tower/conv_2");
}

/* Every class with a Strata kind, and the settings that change numbers.
 * Keras's rules, by hand: the grouped, dilated conv spans 5 (16 − 4 = 12)
 * with 3·3·(8/4)·8 weights; the separable one 3·3·16 + 16·8 + 8; a
 * transposed conv with output_padding 0 gives (10 − 1)·2 + 3 − 2·1 = 19,
 * without it 19·2; "same" average pooling ceil (19 / 2); a dense layer on
 * an image is a 1 × 1 convolution, (4 + 1)·6; keepdims keeps 1 × 1 × 6. */
static void
test_classes (void)
{
  static const struct
  {
    const char     *name;
    StrataLayerKind kind;
    guint64         height, width, channels;
    gboolean        is_vector;
    guint64         params;
  } rows[] = {
    { "conv", STRATA_LAYER_KIND_CONV2D, 16, 16, 8, FALSE, 224 },
    { "grouped", STRATA_LAYER_KIND_CONV2D, 12, 12, 8, FALSE, 144 },
    { "dw", STRATA_LAYER_KIND_DEPTHWISE_CONV2D, 12, 12, 16, FALSE, 160 },
    { "sep", STRATA_LAYER_KIND_SEPARABLE_CONV2D, 10, 10, 8, FALSE, 280 },
    { "bn", STRATA_LAYER_KIND_BATCHNORM, 10, 10, 8, FALSE, 32 },
    { "relu6", STRATA_LAYER_KIND_ACTIVATION, 10, 10, 8, FALSE, 0 },
    { "up", STRATA_LAYER_KIND_CONV2D_TRANSPOSE, 19, 19, 4, FALSE, 292 },
    { "up2", STRATA_LAYER_KIND_CONV2D_TRANSPOSE, 38, 38, 4, FALSE, 148 },
    { "pool", STRATA_LAYER_KIND_MAXPOOL2D, 19, 19, 4, FALSE, 0 },
    { "avg", STRATA_LAYER_KIND_AVGPOOL2D, 10, 10, 4, FALSE, 0 },
    { "zpad", STRATA_LAYER_KIND_ZERO_PADDING2D, 11, 11, 4, FALSE, 0 },
    { "crop", STRATA_LAYER_KIND_CROPPING2D, 10, 10, 4, FALSE, 0 },
    { "ups", STRATA_LAYER_KIND_UPSAMPLING2D, 20, 20, 4, FALSE, 0 },
    { "leaky", STRATA_LAYER_KIND_ACTIVATION, 20, 20, 4, FALSE, 0 },
    { "elu", STRATA_LAYER_KIND_ACTIVATION, 20, 20, 4, FALSE, 0 },
    { "sig", STRATA_LAYER_KIND_ACTIVATION, 20, 20, 4, FALSE, 0 },
    { "sdrop", STRATA_LAYER_KIND_DROPOUT, 20, 20, 4, FALSE, 0 },
    { "pos", STRATA_LAYER_KIND_CONV2D, 20, 20, 6, FALSE, 30 },
    { "gmp", STRATA_LAYER_KIND_MAXPOOL2D, 1, 1, 6, FALSE, 0 },
    { "gap", STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D, 1, 1, 6, FALSE, 0 },
    { "vec", STRATA_LAYER_KIND_RESHAPE, 1, 1, 6, TRUE, 0 },
    { "fc", STRATA_LAYER_KIND_DENSE, 1, 1, 10, TRUE, 70 },
    { "drop", STRATA_LAYER_KIND_DROPOUT, 1, 1, 10, TRUE, 0 },
    { "sm", STRATA_LAYER_KIND_ACTIVATION, 1, 1, 10, TRUE, 0 },
  };
  static const StrataActivation activations[] = {
    STRATA_ACTIVATION_RELU, STRATA_ACTIVATION_NONE, STRATA_ACTIVATION_RELU6,
    STRATA_ACTIVATION_SWISH, STRATA_ACTIVATION_NONE, STRATA_ACTIVATION_RELU6,
  };
  g_autoptr(GBytes) bytes = read_data ("all-classes.json");
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  const StrataLayerParams *p;

  network = strata_import_keras_json (bytes, "all-classes.json", NULL, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, G_N_ELEMENTS (rows));
  g_assert_true (strata_network_is_chain (network));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);

      g_assert_cmpint (strata_layer_get_kind (layer), ==, rows[i].kind);
      assert_layer (network, i, rows[i].name, rows[i].height, rows[i].width, rows[i].channels,
                    rows[i].is_vector, rows[i].params, NULL);
      if (i < G_N_ELEMENTS (activations))
        g_assert_cmpint (strata_layer_get_params (layer)->activation, ==, activations[i]);
    }
  p = strata_layer_get_params (strata_network_get_layer (network, 13));
  g_assert_cmpint (p->activation, ==, STRATA_ACTIVATION_LEAKY_RELU);
  p = strata_layer_get_params (strata_network_get_layer (network, 15));
  g_assert_cmpint (p->activation, ==, STRATA_ACTIVATION_SIGMOID);
  p = strata_layer_get_params (strata_network_get_layer (network, 12));
  g_assert_cmpint (p->interpolation, ==, STRATA_INTERPOLATION_BILINEAR);
  p = strata_layer_get_params (strata_network_get_layer (network, 16));
  g_assert_cmpfloat (p->rate, ==, 0.2);
  g_assert_cmpuint (strata_network_get_params (network), ==,
                    224 + 144 + 160 + 280 + 32 + 292 + 148 + 30 + 70);
  g_assert_cmpuint (strata_network_get_non_trainable_params (network), ==, 16);

  /* The dense layer on an image, said once. */
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "layer “pos” (Dense)"));
}

#define KERAS3 \
  "{\"class_name\": \"Functional\", \"config\": {\"name\": \"k3\", \"layers\": [" \
  "{\"name\": \"in\", \"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 8, 8, 2]}, " \
  "\"inbound_nodes\": []}, " \
  "{\"name\": \"a\", \"class_name\": \"Frobnicate\", \"config\": {}, \"inbound_nodes\": [{\"args\": " \
  "[{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 8, 8, 2], " \
  "\"keras_history\": [\"in\", 0, 0]}}], \"kwargs\": {}}]}, " \
  "{\"name\": \"b\", \"class_name\": \"Conv2D\", \"config\": {\"filters\": 2, \"kernel_size\": 1}, " \
  "\"inbound_nodes\": [{\"args\": [{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": " \
  "[null, 4, 4, 3], \"keras_history\": [\"a\", 0, 0]}}], \"kwargs\": {}}]}, " \
  "{\"name\": \"c\", \"class_name\": \"Add\", \"config\": {}, \"inbound_nodes\": [{\"args\": [[" \
  "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 4, 4, 2], " \
  "\"keras_history\": [\"b\", 0, 0]}}]], \"kwargs\": {}}]}], " \
  "\"input_layers\": [[\"in\", 0, 0]], \"output_layers\": [[\"c\", 0, 0]]}}"

/* What Strata has no kind for becomes an opaque layer when its numbers
 * are known: from the shape a Keras 3 call states (weights unknown, so
 * none), or from Keras's rule for BatchNormalization without γ or along
 * the height, PReLU, LayerNormalization and Rescaling. Each says so. */
static void
test_opaque (void)
{
  static const struct
  {
    const char *to;
    guint64     trainable, non_trainable;
  } classes[] = {
    /* scale only: 1·4 trained, mean and variance 2·4 not */
    { "\"BatchNormalization\", \"config\": {\"name\": \"f\", \"center\": false}", 4, 8 },
    /* along the height, 6 rows: 2·6 and 2·6 */
    { "\"BatchNormalization\", \"config\": {\"name\": \"f\", \"axis\": 1}", 12, 12 },
    /* one slope for each channel: shared over the height and width */
    { "\"PReLU\", \"config\": {\"name\": \"f\", \"shared_axes\": [1, 2]}", 4, 0 },
    { "\"PReLU\", \"config\": {\"name\": \"f\"}", 6 * 6 * 4, 0 },
    { "\"LayerNormalization\", \"config\": {\"name\": \"f\", \"axis\": -1}", 8, 0 },
    { "\"Rescaling\", \"config\": {\"name\": \"f\", \"scale\": 0.0039}", 0, 0 },
  };
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) stated = import_text (KERAS3, NULL, warnings, &error);
  g_autofree char *wrong = NULL;
  g_autoptr(StrataNetwork) mismatch = NULL;
  StrataLayer *layer;

  g_assert_no_error (error);
  layer = strata_network_get_layer (stated, 0);
  g_assert_cmpint (strata_layer_get_kind (layer), ==, STRATA_LAYER_KIND_OPAQUE);
  g_assert_cmpstr (strata_layer_get_params (layer)->op, ==, "Frobnicate");
  assert_layer (stated, 0, "a", 4, 4, 3, FALSE, 0, NULL);
  assert_layer (stated, 1, "b", 4, 4, 2, FALSE, 8, NULL);
  /* A merge of one tensor passes it on. */
  g_assert_cmpint (strata_layer_get_kind (strata_network_get_layer (stated, 2)), ==,
                   STRATA_LAYER_KIND_OPAQUE);
  assert_layer (stated, 2, "c", 4, 4, 2, FALSE, 0, NULL);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "layer “a” (Frobnicate)"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 1), "layer “c” (Add)"));

  /* A stated shape Strata computes otherwise is said. */
  g_ptr_array_set_size (warnings, 0);
  wrong = edit (KERAS3, "[null, 4, 4, 2]", "[null, 4, 4, 5]");
  mismatch = import_text (wrong, NULL, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 1),
                            "layer “b” (Conv2D): the file states its output shape as 4 × 4 × 5, "
                            "but Strata computes 4 × 4 × 2"));

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      g_autofree char *text = edit (TINY, "\"Flatten\", \"config\": {\"name\": \"f\"}", classes[i].to);
      g_autoptr(StrataNetwork) network = NULL;

      g_ptr_array_set_size (warnings, 0);
      network = import_text (text, NULL, warnings, &error);
      g_assert_no_error (error);
      layer = strata_network_get_layer (network, 1);
      g_assert_cmpint (strata_layer_get_kind (layer), ==, STRATA_LAYER_KIND_OPAQUE);
      assert_layer (network, 1, "f", 6, 6, 4, FALSE, classes[i].trainable + classes[i].non_trainable,
                    NULL);
      g_assert_cmpuint (strata_layer_get_trainable_params (layer), ==, classes[i].trainable);
      g_assert_cmpuint (strata_layer_get_non_trainable_params (layer), ==, classes[i].non_trainable);
      /* The dense layer after it is on an image now, which it says too. */
      g_assert_cmpuint (warnings->len, ==, 2);
      g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "opaque"));
    }
}

int
main (int   argc,
      char *argv[])
{
  static const char * const refs[] = {
    "keras/ng_cnn", "keras/lenet5", "keras/vgg16_like", "keras_functional/resnet_mini",
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import-keras/refs/%s", refs[i]);
      g_autofree char *tfjs = g_strdup_printf ("/import-keras/tfjs/%s", refs[i]);
      g_autofree char *keras3 = g_strdup_printf ("/import-keras/keras3/%s", refs[i]);

      g_test_add_data_func (path, refs[i], test_ref);
      g_test_add_data_func (tfjs, refs[i], test_tfjs);
      g_test_add_data_func (keras3, refs[i], test_keras3);
    }

  g_test_add_func ("/import-keras/archive", test_archive);
  g_test_add_data_func ("/import-keras/h5/lenet5", "lenet5", test_h5);
  g_test_add_data_func ("/import-keras/h5/ng_cnn-fixed", "ng_cnn", test_h5);
  g_test_add_func ("/import-keras/nested", test_nested);
  g_test_add_func ("/import-keras/classes", test_classes);
  g_test_add_func ("/import-keras/opaque", test_opaque);
  g_test_add_func ("/import-keras/edits", test_edits_that_import);
  g_test_add_func ("/import-keras/input-option", test_input_option);
  g_test_add_func ("/import-keras/vector-input", test_vector_input);
  g_test_add_func ("/import-keras/damaged", test_damaged);
  g_test_add_func ("/import-keras/deep", test_deep);
  g_test_add_func ("/import-keras/blowup", test_blowup);
  g_test_add_func ("/import-keras/damaged-files", test_damaged_files);
  g_test_add_func ("/import-keras/unique-names", test_unique_names);

  return g_test_run ();
}
