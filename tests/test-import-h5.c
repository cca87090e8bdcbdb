/* test-import-h5.c: .h5 files read in a child process, whatever libhdf5 does with them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include "strata-import.h"

/* The reader runs strata-hdf5-config from STRATA_LIBEXECDIR (the build's,
 * in the tests' environment). Files that make libhdf5 crash or hang show
 * that the process contains them; stand-ins for the program
 * (tests/data/hdf5-reader/) that sleep, crash, print without end or say
 * what this reader does not know show how each end is told. */

#define TIMEOUT_SECONDS 10

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

/* Imports @file and checks that it is refused with @code, naming the
 * file and saying @says, in seconds that it returns. */
static double
assert_refused (const char *file,
                int         code,
                const char *says)
{
  g_autoptr(GBytes) bytes = read_data (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  g_autofree char *prefix = g_strdup_printf ("“%s”: ", file);
  gint64 start = g_get_monotonic_time ();
  double seconds;

  g_assert_true (strata_import_keras_h5_sniff (bytes));
  network = strata_import_keras_h5 (bytes, file, NULL, NULL, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_null (network);
  g_assert_error (error, STRATA_IMPORT_ERROR, code);
  g_test_message ("%.2f s: %s", seconds, error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, says));
  return seconds;
}

/* Files found by fuzzing libhdf5 1.10 (Debian 12): one makes it read out
 * of bounds and crash, one loops for ever. What libhdf5 of another
 * version does with them may differ; what may not is that the reader
 * returns, refusing them with one message. */
static void
test_hostile_crash (void)
{
  assert_refused ("hostile-crash.h5", STRATA_IMPORT_ERROR_INVALID, "");
}

static void
test_hostile_hang (void)
{
  double seconds = assert_refused ("hostile-hang.h5", STRATA_IMPORT_ERROR_INVALID, "");

  /* Killed at the timeout, not waited for. */
  g_assert_cmpfloat (seconds, <, TIMEOUT_SECONDS + 5);
}

/* Runs the stand-in @program in place of strata-hdf5-config on a good
 * file, in a test process of its own whose environment is set before
 * any thread starts (setenv () is not thread-safe); the checks run in
 * it. */
static void
assert_stand_in (const char *program,
                 int         code,
                 const char *says,
                 double      at_least)
{
  g_autofree char *dir = NULL;
  double seconds;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  dir = g_test_build_filename (G_TEST_DIST, "data", "hdf5-reader", program, NULL);
  g_setenv ("STRATA_LIBEXECDIR", dir, TRUE);
  seconds = assert_refused ("lenet5.h5", code, says);
  g_assert_cmpfloat (seconds, >=, at_least);
  g_assert_cmpfloat (seconds, <, TIMEOUT_SECONDS + 5);
}

static void
test_timeout (void)
{
  assert_stand_in ("sleeps", STRATA_IMPORT_ERROR_INVALID,
                   "libhdf5 took longer than 10 seconds to read it", TIMEOUT_SECONDS);
}

static void
test_crash (void)
{
  assert_stand_in ("crashes", STRATA_IMPORT_ERROR_INVALID,
                   "libhdf5 could not read it: the file is damaged", 0);
}

/* Output past the 64 MiB a config may have is not read. */
static void
test_flood (void)
{
  assert_stand_in ("floods", STRATA_IMPORT_ERROR_TOO_LARGE,
                   "its model_config attribute is larger than 64 MiB", 0);
}

static void
test_unknown_reason (void)
{
  assert_stand_in ("babbles", STRATA_IMPORT_ERROR_INVALID,
                   "libhdf5 could not read it: the file is damaged", 0);
}

static void
test_missing (void)
{
  assert_stand_in ("no-such-folder", STRATA_IMPORT_ERROR_INVALID,
                   "the HDF5 reader could not be started (is Strata installed completely?)", 0);
}

/* The real program still reads a good file after all this, and refuses
 * a file without the attribute saying so. */
static void
test_program (void)
{
  g_autoptr(GBytes) bytes = read_data ("lenet5.h5");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = strata_import_keras_h5 (bytes, "lenet5.h5", NULL, NULL,
                                                             &error);

  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 8);
  assert_refused ("no-config.h5", STRATA_IMPORT_ERROR_INVALID, "no model_config attribute");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-h5/hostile/crash", test_hostile_crash);
  g_test_add_func ("/import-h5/hostile/hang", test_hostile_hang);
  g_test_add_func ("/import-h5/reader/timeout", test_timeout);
  g_test_add_func ("/import-h5/reader/crash", test_crash);
  g_test_add_func ("/import-h5/reader/flood", test_flood);
  g_test_add_func ("/import-h5/reader/unknown-reason", test_unknown_reason);
  g_test_add_func ("/import-h5/reader/missing", test_missing);
  g_test_add_func ("/import-h5/program", test_program);

  return g_test_run ();
}
