/* fuzz-onnx.c: any bytes given to the ONNX importer, and what Strata does with a network it imports. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A file that is refused must say why in UTF-8 naming the file; one that
 * imports gives a network where every layer has its shape, whose
 * summaries are UTF-8 and which saves as a .strata file that reopens as
 * the same network. The same bytes are imported again with an input shape
 * given, as `--input` does. A warning or critical from any library counts
 * as a finding, as it does under G_DEBUG=fatal-warnings. */

#include <string.h>

#include "strata-file.h"
#include "strata-import.h"
#include "strata-summary.h"

#include "fuzz-checks.h"

/* Every message names the file, so the checks below can look for it. */
#define DISPLAY_NAME "fuzz.onnx"

static void
check_network (StrataNetwork *network,
               GPtrArray     *warnings)
{
  static const StrataSummaryFormat formats[] = {
    STRATA_SUMMARY_TEXT, STRATA_SUMMARY_MARKDOWN, STRATA_SUMMARY_CSV, STRATA_SUMMARY_JSON,
  };
  g_autoptr(StrataNetwork) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL, *saved_again = NULL;
  gsize length, length_again;

  for (guint i = 0; i < warnings->len; i++)
    {
      assert_utf8 ("a warning", warnings->pdata[i], strlen (warnings->pdata[i]));
      g_assert_true (g_str_has_prefix (warnings->pdata[i], "“" DISPLAY_NAME "”: "));
    }
  /* What the importer checked layer by layer holds in the network. */
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *text = strata_summary_to_string (network, formats[i]);

      assert_utf8 ("a summary", text, strlen (text));
    }
  saved = strata_file_to_data (network, &length);
  reloaded = strata_file_load_data (saved, length, "saved.strata", &error);
  g_assert_no_error (error);
  saved_again = strata_file_to_data (reloaded, &length_again);
  g_assert_cmpmem (saved, length, saved_again, length_again);
}

static void
import (GBytes                    *bytes,
        const StrataImportOptions *options)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = strata_import_onnx (bytes, DISPLAY_NAME, options, warnings,
                                                         &error);

  if (network == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == STRATA_IMPORT_ERROR);
      assert_utf8 ("the error message", error->message, strlen (error->message));
      g_assert_true (g_str_has_prefix (error->message, "“" DISPLAY_NAME "”: "));
      return;
    }
  g_assert_no_error (error);
  check_network (network, warnings);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  StrataImportOptions options = { TRUE, 1 + size % 64, 1 + size % 37, 1 + size % 5 };

  setup ();
  strata_import_onnx_sniff (bytes);
  import (bytes, NULL);
  import (bytes, &options);
  return 0;
}
