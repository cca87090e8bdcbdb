/* test-import.c: finding a file's format, reading it mapped or whole, and --input. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "strata-file.h"
#include "strata-import.h"

/* A Keras 2 Sequential model. */
static const char keras_text[] =
  "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"tiny_cnn\", \"layers\": ["
  "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 8, 8, 3],"
  " \"name\": \"in\"}},"
  "{\"class_name\": \"Flatten\", \"config\": {\"name\": \"flat\"}}]}}";

static const char strata_text[] =
  "{\"format\": \"strata\", \"version\": 1, \"name\": \"tiny\","
  " \"input\": {\"height\": 4, \"width\": 4, \"channels\": 2},"
  " \"layers\": [{\"type\": \"flatten\", \"name\": \"flat\"}]}";

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("strata-import-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static char *
data_path (const char *format,
           const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", format, name, NULL);
}

static char *
ref_path (const char *format,
          const char *name)
{
  return g_build_filename (g_getenv ("STRATA_REFS_DIR"), format, name, NULL);
}

/* Each format by its contents, whatever the file is called. */
static void
test_detect (void)
{
  static const struct {
    gboolean           ref;
    const char        *folder;
    const char        *name;
    StrataImportFormat format;
  } cases[] = {
    { TRUE, "onnx", "lenet5.onnx", STRATA_IMPORT_FORMAT_ONNX },
    { FALSE, "keras", "lenet5.keras3.json", STRATA_IMPORT_FORMAT_KERAS_JSON },
    { FALSE, "keras", "resnet_mini.keras", STRATA_IMPORT_FORMAT_KERAS_ARCHIVE },
    { FALSE, "keras", "lenet5.h5", STRATA_IMPORT_FORMAT_KERAS_H5 },
    { TRUE, "torchprint", "lenet5.txt", STRATA_IMPORT_FORMAT_TORCH_PRINT },
  };
  g_autoptr(GBytes) keras = g_bytes_new_static (keras_text, strlen (keras_text));
  g_autoptr(GBytes) strata = g_bytes_new_static (strata_text, strlen (strata_text));
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) noise = g_bytes_new_static ("\x01\x02\x03 not a model", 19);
  StrataImportFormat format = STRATA_N_IMPORT_FORMATS;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = cases[i].ref ? ref_path (cases[i].folder, cases[i].name)
                                           : data_path (cases[i].folder, cases[i].name);
      g_autoptr(GBytes) bytes = read_bytes (path);

      format = STRATA_N_IMPORT_FORMATS;
      g_assert_true (strata_import_detect (bytes, &format));
      g_assert_cmpint (format, ==, cases[i].format);
    }

  g_assert_true (strata_import_detect (keras, &format));
  g_assert_cmpint (format, ==, STRATA_IMPORT_FORMAT_KERAS_JSON);
  /* Strata's own files are no import, whatever a reader makes of them. */
  format = STRATA_N_IMPORT_FORMATS;
  g_assert_false (strata_import_detect (strata, &format));
  g_assert_cmpint (format, ==, STRATA_N_IMPORT_FORMATS);
  g_assert_false (strata_import_detect (empty, &format));
  g_assert_false (strata_import_detect (noise, &format));
}

static void
test_formats (void)
{
  g_assert_cmpstr (strata_import_format_get_extensions (STRATA_IMPORT_FORMAT_ONNX)[0], ==,
                   ".onnx");
  g_assert_null (strata_import_format_get_extensions (STRATA_IMPORT_FORMAT_ONNX)[1]);
  g_assert_cmpstr (strata_import_format_get_extensions (STRATA_IMPORT_FORMAT_KERAS_H5)[1], ==,
                   ".hdf5");
  for (guint f = 0; f < STRATA_N_IMPORT_FORMATS; f++)
    {
      g_assert_true (g_str_has_prefix (strata_import_format_get_extensions (f)[0], "."));
    }
}

/* A .strata file is Strata's document, whatever its name; --input
 * overrides its input too. */
static void
test_load_strata (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (f, "tiny.json", strata_text, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(StrataNetwork) network = NULL;
  g_autoptr(StrataNetwork) resized = NULL;
  StrataImportOptions options = { TRUE, 6, 5, 3 };
  gboolean is_strata = FALSE;

  network = strata_import_load_full (file, NULL, warnings, &is_strata, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (is_strata);
  g_assert_cmpstr (strata_network_get_name (network), ==, "tiny");
  g_assert_cmpuint (strata_layer_get_output_shape (strata_network_get_layer (network, 0))->channels,
                    ==, 32);
  g_assert_cmpuint (warnings->len, ==, 0);

  resized = strata_import_load (file, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_layer_get_output_shape (strata_network_get_layer (resized, 0))->channels,
                    ==, 6 * 5 * 3);
}

/* An import is named after the model. */
static void
test_load_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (f, "my.model.json", keras_text, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  gboolean is_strata = TRUE;

  network = strata_import_load_full (file, NULL, NULL, &is_strata, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (is_strata);
  g_assert_cmpstr (strata_network_get_name (network), ==, "tiny_cnn");
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 1);
  g_assert_cmpuint (strata_layer_get_output_shape (strata_network_get_layer (network, 0))->channels,
                    ==, 192);
}

/* Content decides; a name breaks no rule, and only when nothing knows
 * the content does its extension pick the reader that explains why. */
static void
test_load_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) noise = write_file (f, "noise.bin", "\x01\x02 nothing", -1);
  g_autoptr(GFile) damaged = write_file (f, "cut.strata", "{\"format\": \"strat", -1);
  g_autoptr(GFile) empty = write_file (f, "empty.onnx", "", 0);
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autoptr(GFile) missing = g_file_get_child (folder, "missing.onnx");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (noise);
  g_autofree char *expected = g_strdup_printf ("“%s” is not a network file Strata reads (Strata, "
                                               "ONNX, Keras or the text PyTorch prints for a "
                                               "model)", name);

  g_assert_null (strata_import_load (noise, NULL, NULL, NULL, &error));
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_UNKNOWN_FORMAT);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* A damaged .strata file gets the .strata reader's message. */
  g_assert_null (strata_import_load (damaged, NULL, NULL, NULL, &error));
  g_assert_true (error->domain == STRATA_FILE_ERROR);
  g_assert_nonnull (strstr (error->message, "cut.strata"));
  g_clear_error (&error);

  /* An empty .onnx file is the ONNX reader's to refuse. */
  g_assert_null (strata_import_load (empty, NULL, NULL, NULL, &error));
  g_assert_true (error->domain == STRATA_IMPORT_ERROR);
  g_assert_cmpint (error->code, !=, STRATA_IMPORT_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);

  g_assert_null (strata_import_load (folder, NULL, NULL, NULL, &error));
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "it is a folder"));
  g_clear_error (&error);

  g_assert_null (strata_import_load (missing, NULL, NULL, NULL, &error));
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_READ);
  g_clear_error (&error);

  /* Cancelled: nothing is returned. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GFile) file = write_file (f, "tiny.strata", strata_text, -1);

    g_cancellable_cancel (cancellable);
    g_assert_null (strata_import_load (file, NULL, NULL, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

/* A PyTorch print saved as model.onnx is read as what it is; the print
 * gives no input shape, so it needs one. Warnings come back one a line. */
static void
test_load_content_decides (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *print_path = ref_path ("torchprint", "lenet5.txt");
  g_autofree char *print = NULL;
  g_autofree char *nested_path = data_path ("keras", "nested.json");
  g_autoptr(GFile) nested = g_file_new_for_path (nested_path);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(StrataNetwork) network = NULL;
  g_autoptr(StrataNetwork) keras = NULL;
  StrataImportOptions options = { FALSE, 0, 0, 0 };
  gboolean is_strata = TRUE;

  g_file_get_contents (print_path, &print, NULL, &error);
  g_assert_no_error (error);
  file = write_file (f, "model.onnx", print, -1);

  g_assert_null (strata_import_load (file, &options, NULL, NULL, &error));
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_NEEDS_INPUT);
  g_clear_error (&error);

  g_assert_true (strata_import_parse_shape ("1x32x32", &options, &error));
  network = strata_import_load_full (file, &options, NULL, &is_strata, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (is_strata);
  g_assert_cmpuint (strata_network_get_n_layers (network), >, 0);
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
  g_assert_cmpuint (strata_network_get_input_shape (network)->height, ==, 32);

  keras = strata_import_load (nested, NULL, warnings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "nested.json"));
  g_assert_null (strchr (g_ptr_array_index (warnings, 0), '\n'));
}

static gpointer
write_fifo (gpointer path)
{
  /* g_file_set_contents() would replace the FIFO with a file. */
  FILE *out = fopen (path, "w");

  g_assert_nonnull (out);
  fputs (keras_text, out);
  fclose (out);
  return NULL;
}

/* A pipe cannot be mapped: it is read, up to the limit. */
static void
test_load_pipe (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "pipe.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  GThread *writer;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  writer = g_thread_new ("writer", write_fifo, path);
  network = strata_import_load (file, NULL, NULL, NULL, &error);
  g_thread_join (writer);
  g_assert_no_error (error);
  g_assert_cmpstr (strata_network_get_name (network), ==, "tiny_cnn");

  /* Endless: read up to the limit and no further. */
  g_assert_null (strata_import_load (zero, NULL, NULL, NULL, &error));
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_TOO_LARGE);
}

static void
test_parse_shape (void)
{
  static const struct {
    const char *text;
    guint       channels, height, width;
  } good[] = {
    { "3x224x224", 3, 224, 224 },
    { "1×28×28", 1, 28, 28 },
    { " 3 x 32 X 16 ", 3, 32, 16 },
    { "4294967295x1x1", 4294967295u, 1, 1 },
  };
  static const struct {
    const char *text;
    const char *message;
  } bad[] = {
    { "", "“” is not an input shape: give channels × height × width, such as “3x224x224”" },
    { "224x224", "“224x224” is not an input shape: give channels × height × width, such as "
                 "“3x224x224”" },
    { "3x224x224x1", "“3x224x224x1” is not an input shape: give channels × height × width, "
                     "such as “3x224x224”" },
    { "3,224,224", "“3,224,224” is not an input shape: give channels × height × width, such "
                   "as “3x224x224”" },
    { "-3x224x224", "“-3x224x224” is not an input shape: give channels × height × width, "
                    "such as “3x224x224”" },
    { "3x0x224", "“3x0x224”: each size of the input shape must be from 1 to 4294967295, not 0" },
    { "3x224x4294967296", "“3x224x4294967296”: each size of the input shape must be from 1 to "
                          "4294967295, not 4294967296" },
    { "3x99999999999999999999999x1", "“3x99999999999999999999999x1”: each size of the input "
                                     "shape must be from 1 to 4294967295, not "
                                     "99999999999999999999999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      StrataImportOptions options = { FALSE, 0, 0, 0 };
      g_autoptr(GError) error = NULL;

      g_assert_true (strata_import_parse_shape (good[i].text, &options, &error));
      g_assert_no_error (error);
      g_assert_true (options.has_input);
      g_assert_cmpuint (options.channels, ==, good[i].channels);
      g_assert_cmpuint (options.height, ==, good[i].height);
      g_assert_cmpuint (options.width, ==, good[i].width);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      StrataImportOptions options = { FALSE, 0, 0, 0 };
      g_autoptr(GError) error = NULL;

      g_assert_false (strata_import_parse_shape (bad[i].text, &options, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, bad[i].message);
      g_assert_false (options.has_input);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/detect", test_detect);
  g_test_add_func ("/import/formats", test_formats);
  g_test_add ("/import/load/strata", Fixture, NULL, fixture_set_up, test_load_strata,
              fixture_tear_down);
  g_test_add ("/import/load/import", Fixture, NULL, fixture_set_up, test_load_import,
              fixture_tear_down);
  g_test_add ("/import/load/refused", Fixture, NULL, fixture_set_up, test_load_refused,
              fixture_tear_down);
  g_test_add ("/import/load/content-decides", Fixture, NULL, fixture_set_up,
              test_load_content_decides, fixture_tear_down);
  g_test_add ("/import/load/pipe", Fixture, NULL, fixture_set_up, test_load_pipe,
              fixture_tear_down);
  g_test_add_func ("/import/parse-shape", test_parse_shape);

  return g_test_run ();
}
