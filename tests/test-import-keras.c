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
  assert_layer (network, 5, "tower_2/pool", 4, 4, 4, FALSE, 0, "tower/pool");
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

  return g_test_run ();
}
