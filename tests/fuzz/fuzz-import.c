/* fuzz-import.c: any bytes, under any file name, given to the import framework and every reader. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The first byte picks the name the contents come under (so that the
 * extension's part in choosing a reader is fuzzed too) and whether an
 * input shape is given; the rest is the file. Whatever reader takes it, a
 * refusal must say why in UTF-8 naming the file, and a network read must
 * summarise as UTF-8 and save as a .strata file that reads back as the
 * same network: what `strata import` does with every model. A warning or
 * critical from any library is a finding. */

#include <string.h>

#include "strata-file.h"
#include "strata-import.h"
#include "strata-summary.h"

#include "fuzz-checks.h"

static const char * const names[] = {
  "model.onnx", "model.json", "model.keras", "model.h5", "model.txt", "model.strata", "model",
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  g_autoptr(StrataNetwork) reloaded = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *again = NULL;
  StrataImportOptions options = { FALSE, 0, 0, 0 };
  const char *name;
  gsize length;

  setup ();
  if (size == 0)
    return 0;

  name = names[data[0] % G_N_ELEMENTS (names)];
  /* Now and then an input shape, as --input gives. */
  if (data[0] & 0x80)
    options = (StrataImportOptions) { TRUE, 1 + (data[0] & 0x7) * 7, 1 + (data[0] & 0x7) * 5, 3 };
  contents = g_bytes_new (data + 1, size - 1);
  /* What the .h5 reader would run is libhdf5, in a process of its own
   * that limits itself and is killed after a timeout: a process for each
   * input would make fuzzing slow, and libhdf5's own crashes would be
   * most of what it found. The reader's handling of that process is
   * tested (tests/test-import-h5.c) instead. */
  if (strata_import_keras_h5_sniff (contents) ||
      (g_str_equal (name, "model.h5") && !strata_import_detect (contents, NULL)))
    return 0;

  network = strata_import_load_bytes (contents, name, &options, warnings, NULL, &error);
  for (guint i = 0; i < warnings->len; i++)
    {
      const char *warning = g_ptr_array_index (warnings, i);

      assert_utf8 ("a warning", warning, strlen (warning));
    }
  if (network == NULL)
    {
      g_assert_nonnull (error);
      assert_utf8 ("the message", error->message, strlen (error->message));
      if (strstr (error->message, name) == NULL)
        g_error ("the message does not name the file: %s", error->message);
      return 0;
    }
  g_assert_no_error (error);

  summary = strata_summary_to_string (network, STRATA_SUMMARY_TEXT);
  assert_utf8 ("the summary", summary, strlen (summary));

  /* strata import's promise: the network saves, and reads back the same. */
  saved = strata_file_to_data (network, &length);
  reloaded = strata_file_load_data (saved, length, "saved.strata", &error);
  if (reloaded == NULL)
    g_error ("an imported network saved as a file that does not read back: %s", error->message);
  again = strata_file_to_data (reloaded, NULL);
  if (strcmp (saved, again) != 0)
    g_error ("an imported network read back different from what was saved");
  return 0;
}
