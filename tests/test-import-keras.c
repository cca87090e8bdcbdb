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

  return g_test_run ();
}
