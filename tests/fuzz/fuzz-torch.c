/* fuzz-torch.c: any bytes given to the reader of PyTorch's print(model), and what it builds. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The text is imported with two input shapes, and once without one. A
 * refusal must come with a UTF-8 message naming the file; a network that
 * is built must have every layer's shape, names that are unique, UTF-8
 * warnings and summaries, and save to a file that reopens as the same
 * network. A warning or critical from any library counts as a finding. */

#include <string.h>

#include "strata-file.h"
#include "strata-import.h"
#include "strata-summary.h"

#include "fuzz-checks.h"

#define DISPLAY_NAME "fuzz.txt"

static void
check_refusal (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == STRATA_IMPORT_ERROR);
  assert_utf8 ("the error message", error->message, strlen (error->message));
  g_assert_nonnull (strstr (error->message, DISPLAY_NAME));
}

static void
check_network (StrataNetwork *network,
               GPtrArray     *warnings)
{
  static const StrataSummaryFormat formats[] = {
    STRATA_SUMMARY_TEXT, STRATA_SUMMARY_MARKDOWN, STRATA_SUMMARY_CSV, STRATA_SUMMARY_JSON,
  };
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(StrataNetwork) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  gsize length, length_again;

  for (guint i = 0; i < warnings->len; i++)
    {
      const char *warning = g_ptr_array_index (warnings, i);

      assert_utf8 ("a warning", warning, strlen (warning));
    }
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
  g_assert_cmpuint (strata_network_get_n_layers (network), >, 0);
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      const char *name = strata_layer_get_name (layer);

      g_assert_true (strata_layer_has_shape (layer));
      g_assert_nonnull (name);
      assert_utf8 ("a layer name", name, strlen (name));
      g_assert_false (g_hash_table_contains (names, name));
      g_hash_table_add (names, (gpointer) name);
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *text = strata_summary_to_string (network, formats[i]);

      assert_utf8 ("a summary", text, strlen (text));
    }

  /* What was imported saves and reopens as itself. */
  saved = strata_file_to_data (network, &length);
  reloaded = strata_file_load_data (saved, length, "saved.strata", &error);
  g_assert_no_error (error);
  saved_again = strata_file_to_data (reloaded, &length_again);
  g_assert_cmpmem (saved, length, saved_again, length_again);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const StrataImportOptions inputs[] = {
    { TRUE, 224, 224, 3 },
    { TRUE, 32, 32, 1 },
  };
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  setup ();
  strata_import_torch_print_sniff (bytes);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = strata_import_torch_print (bytes, DISPLAY_NAME,
                                                                    &inputs[i], warnings,
                                                                    &error);

      if (network == NULL)
        check_refusal (error);
      else
        {
          g_assert_no_error (error);
          check_network (network, warnings);
        }
    }

  {
    StrataImportOptions none = { FALSE, 0, 0, 0 };
    g_autoptr(GError) error = NULL;
    g_autoptr(StrataNetwork) network = strata_import_torch_print (bytes, DISPLAY_NAME, &none,
                                                                  NULL, &error);

    g_assert_null (network);
    check_refusal (error);
  }
  return 0;
}
