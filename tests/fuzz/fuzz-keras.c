/* fuzz-keras.c: any bytes given to the Keras readers (model config JSON and .keras archives). */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A zip goes to the archive reader, anything else to the JSON reader;
 * the input's hash sometimes gives an input shape, as --input does. What
 * is refused must come with a message in the import domain naming the
 * file; what imports must have every layer's shape, unique names,
 * readable warnings and summaries, and save and reload as a .strata file
 * byte for byte. .h5 files are not fuzzed here: libhdf5 itself is not
 * made to withstand hostile files (docs/import.md). */

#include "fuzz-checks.h"
#include "strata-import.h"

#define JSON_NAME "fuzz.json"
#define ARCHIVE_NAME "fuzz.keras"

static void
check_network (StrataNetwork *network,
               GPtrArray     *warnings)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
  g_hash_table_add (names, (gpointer) strata_network_get_input_name (network));
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      const char *name = strata_layer_get_name (layer);

      g_assert_true (strata_layer_has_shape (layer));
      if (name != NULL)
        {
          assert_utf8 ("a layer's name", name, strlen (name));
          g_assert_false (g_hash_table_contains (names, name));
          g_hash_table_add (names, (gpointer) name);
        }
    }
  for (guint i = 0; i < warnings->len; i++)
    {
      const char *warning = g_ptr_array_index (warnings, i);

      assert_utf8 ("a warning", warning, strlen (warning));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(StrataNetwork) network = NULL;
  g_autoptr(GError) error = NULL;
  guint32 hash = hash_bytes (data, size);
  StrataImportOptions options = { (hash & 3) == 0, 1 + (hash >> 2) % 64, 1 + (hash >> 8) % 64,
                                  1 + (hash >> 14) % 8 };
  gboolean archive;
  const char *name;

  setup ();
  bytes = g_bytes_new_static (data, size);
  archive = strata_import_keras_archive_sniff (bytes) || (size >= 2 && data[0] == 'P' && data[1] == 'K');
  name = archive ? ARCHIVE_NAME : JSON_NAME;
  /* Sniffing looks at the first bytes of anything. */
  strata_import_keras_json_sniff (bytes);
  strata_import_keras_h5_sniff (bytes);

  network = archive ? strata_import_keras_archive (bytes, name, &options, warnings, &error)
                    : strata_import_keras_json (bytes, name, &options, warnings, &error);
  if (network == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == STRATA_IMPORT_ERROR);
      assert_utf8 ("the error message", error->message, strlen (error->message));
      g_assert_nonnull (strstr (error->message, name));
      return 0;
    }
  g_assert_no_error (error);

  check_network (network, warnings);
  check_summaries (network);
  check_round_trip (network, "saved.strata");
  return 0;
}
