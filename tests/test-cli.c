/* test-cli.c: the strata command line, run as a user runs it, without a display. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "strata-test-run.h"

/* The LC_ALL strata runs with; the test environment's when NULL. */
static const char *run_locale;

static void
run_strata (Run        *run,
            const char *first,
            ...)
{
  va_list args;

  va_start (args, first);
  run_strata_va (run, NULL, run_locale, first, args);
  va_end (args);
}

static void
run_strata_to (Run        *run,
               const char *out_path,
               const char *first,
               ...)
{
  va_list args;

  va_start (args, first);
  run_strata_full (run, NULL, run_locale, out_path, first, args);
  va_end (args);
}

static char *
example_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
}

static void
test_summary_json (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = example_path ("lecture.strata");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *totals;
  JsonArray *layers;
  static const struct {
    const char *name;
    gint64      shape[3];
    guint       rank;
    gint64      params;
  } expected[] = {
    { "CONV1", { 28, 28, 8 }, 3, 608 },
    { "POOL1", { 14, 14, 8 }, 3, 0 },
    { "CONV2", { 10, 10, 16 }, 3, 3216 },
    { "POOL2", { 5, 5, 16 }, 3, 0 },
    { "FC3", { 120 }, 1, 48120 },
    { "FC4", { 84 }, 1, 10164 },
    { "Softmax", { 10 }, 1, 850 },
  };

  run_strata (&run, "summary", path, "--format", "json", NULL);
  g_assert_cmpint (run_exit_status (&run), ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "CNN example");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (root, "input"), 2),
                   ==, 3);
  layers = json_object_get_array_member (root, "layers");
  g_assert_cmpuint (json_array_get_length (layers), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *layer = json_array_get_object_element (layers, i);
      JsonArray *shape = json_object_get_array_member (layer, "output_shape");

      g_assert_cmpstr (json_object_get_string_member (layer, "name"), ==, expected[i].name);
      g_assert_cmpuint (json_array_get_length (shape), ==, expected[i].rank);
      for (guint d = 0; d < expected[i].rank; d++)
        g_assert_cmpint (json_array_get_int_element (shape, d), ==, expected[i].shape[d]);
      g_assert_cmpint (json_object_get_int_member (layer, "params"), ==, expected[i].params);
      g_assert_cmpint (json_object_get_int_member (layer, "trainable_params"), ==,
                       expected[i].params);
      g_assert_cmpint (json_object_get_int_member (layer, "non_trainable_params"), ==, 0);
      g_assert_true (json_object_has_member (layer, "macs"));
      g_assert_true (json_object_has_member (layer, "activation_size"));
      g_assert_true (json_object_has_member (layer, "formula"));
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (layers, 0),
                                                  "formula"), ==, "(5 × 5 × 3 + 1) × 8 = 608");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (layers, 4),
                                                  "type"), ==, "dense");

  totals = json_object_get_object_member (root, "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "params"), ==, 62958);
  g_assert_cmpint (json_object_get_int_member (totals, "trainable_params"), ==, 62958);
  g_assert_cmpint (json_object_get_int_member (totals, "non_trainable_params"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (totals, "activation_size"), ==, 10054);
  g_assert_cmpint (json_object_get_int_member (totals, "macs"), ==, 849320);
}

static void
test_summary_text (void)
{
  g_auto(Run) text = { 0 };
  g_auto(Run) markdown = { 0 };
  g_auto(Run) csv = { 0 };
  g_autofree char *path = example_path ("lecture.strata");
  g_auto(GStrv) lines = NULL;

  run_strata (&text, "summary", path, NULL);
  g_assert_cmpint (run_exit_status (&text), ==, 0);
  lines = g_strsplit (text.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "CNN example");
  g_assert_cmpstr (lines[1], ==, "Input: 32 × 32 × 3");
  g_assert_cmpstr (lines[3], ==, "Layer    Type       Output shape  Activations  Params    MACs  "
                                 "Receptive field  Jump");
  g_assert_cmpstr (lines[5], ==, "CONV1    conv2d     28 × 28 × 8          6272     608  470400  "
                                 "              5     1");
  g_assert_cmpstr (lines[8], ==, "POOL2    maxpool2d  5 × 5 × 16            400       0       0  "
                                 "             16     4");
  g_assert_cmpstr (lines[9], ==, "FC3      dense      120                   120   48120   48000  "
                                 "the whole input     —");
  g_assert_nonnull (strstr (text.out, "\nTotal params: 62958 (trainable 62958, non-trainable 0)\n"));

  run_strata (&markdown, "summary", "--format=markdown", path, NULL);
  g_assert_cmpint (run_exit_status (&markdown), ==, 0);
  g_assert_true (g_str_has_prefix (markdown.out, "## CNN example\n"));
  g_assert_nonnull (strstr (markdown.out,
                            "| CONV1   | conv2d    | 28 × 28 × 8  |        6272 |    608 | 470400 | "
                            "              5 |    1 |"));

  run_strata (&csv, "summary", "-f", "csv", path, NULL);
  g_assert_cmpint (run_exit_status (&csv), ==, 0);
  g_assert_true (g_str_has_prefix (csv.out,
                                   "name,type,output_shape,activation_size,params,"
                                   "trainable_params,non_trainable_params,macs,formula,shape_formula,macs_formula,receptive_field,jump,"
                                   "receptive_field_start,error\r\n"
                                   "CONV1,conv2d,28x28x8,6272,608,608,0,470400,"
                                   "(5 × 5 × 3 + 1) × 8 = 608,\"height and width: 32 − 5 + 1 = 28\n"
                                   "channels: 8 filters\",28 × 28 × 8 × (5 × 5 × 3) = 470400,"
                                   "5x5,1x1,2x2,\r\n"));
  /* The receptive field as the text's columns show it, of a row below. */
  g_assert_nonnull (strstr (csv.out, ",16x16,4x4,7.5x7.5,\r\nFC3,"));
  g_assert_true (g_str_has_suffix (csv.out, "Total,total,,10054,62958,62958,0,849320,,,,,,,\r\n"));
}

static void
test_summary_errors (void)
{
  g_auto(Run) missing = { 0 };
  g_auto(Run) broken = { 0 };
  g_auto(Run) invalid_layer = { 0 };
  g_auto(Run) bad_format = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-cli-XXXXXX", &error);
  g_autofree char *broken_path = g_build_filename (dir, "broken.strata", NULL);
  g_autofree char *invalid_path = g_build_filename (dir, "invalid.strata", NULL);
  g_autofree char *lecture = example_path ("lecture.strata");

  g_file_set_contents (broken_path, "{\"format\": \"strata\", \"version\": 1, \"input\": {}}",
                       -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (invalid_path,
                       "{\"format\": \"strata\", \"version\": 1,"
                       " \"input\": {\"height\": 3, \"width\": 3, \"channels\": 1},"
                       " \"layers\": [{\"type\": \"conv2d\", \"name\": \"C1\", \"kernel\": 5}]}",
                       -1, &error);
  g_assert_no_error (error);

  run_strata (&missing, "summary", "no-such-file.strata", NULL);
  g_assert_cmpint (run_exit_status (&missing), ==, 1);
  g_assert_true (g_str_has_prefix (missing.err, "strata summary: Could not read “"));
  g_assert_nonnull (strstr (missing.err, "no-such-file.strata"));
  g_assert_cmpstr (missing.out, ==, "");

  run_strata (&broken, "summary", broken_path, NULL);
  g_assert_cmpint (run_exit_status (&broken), ==, 1);
  g_assert_nonnull (strstr (broken.err, "broken.strata”: There is no “input.height”\n"));

  /* A layer that cannot apply: the table still prints, the error goes to
   * stderr with the file, the layer and the reason, and the status is 1. */
  run_strata (&invalid_layer, "summary", invalid_path, NULL);
  g_assert_cmpint (run_exit_status (&invalid_layer), ==, 1);
  g_assert_nonnull (strstr (invalid_layer.err,
                            "invalid.strata”, layer 1 “C1”: A 5 × 5 kernel does not fit a 3 × 3 "
                            "input without padding\n"));
  g_assert_nonnull (strstr (invalid_layer.out, "C1"));

  run_strata (&bad_format, "summary", lecture, "--format", "yaml", NULL);
  g_assert_cmpint (run_exit_status (&bad_format), ==, 1);
  g_assert_cmpstr (bad_format.err, ==,
                   "strata summary: unknown format “yaml” (use text, markdown, csv, json or latex)\n");

  g_unlink (broken_path);
  g_unlink (invalid_path);
  g_rmdir (dir);
}

/* A file of the findings folder beside the reference data, or NULL (the
 * test is then skipped) when that folder is not there. */
static char *
finding_path (const char *name)
{
  const char *refs = g_getenv ("STRATA_REFS_DIR");
  g_autofree char *path = NULL;

  if (refs != NULL)
    path = g_build_filename (refs, "..", "findings", name, NULL);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the findings folder was not found (STRATA_REFS_DIR/../findings)");
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* ESC, CR and LF, "|" and "," in names, replayed in every format: shown
 * as escapes in text, escaped in Markdown, quoted in CSV, exact in JSON. */
static void
test_summary_control_chars (void)
{
  g_auto(Run) text = { 0 };
  g_auto(Run) markdown = { 0 };
  g_auto(Run) csv = { 0 };
  g_auto(Run) json = { 0 };
  g_autofree char *path = finding_path ("control-chars-in-names.strata");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *layers;

  if (path == NULL)
    return;

  run_strata (&text, "summary", path, NULL);
  g_assert_cmpint (run_exit_status (&text), ==, 0);
  g_assert_cmpstr (text.out, ==,
                   "t\\x1b[31mRED\\x1b[0m\\r\\nX\n"
                   "Input: 28 × 28 × 1\n"
                   "\n"
                   "Layer                  Type     Output shape  Activations  Params  MACs  "
                   "Receptive field  Jump\n"
                   "─────────────────────  ───────  ────────────  ───────────  ──────  ────  "
                   "───────────────  ────\n"
                   "a|b\\n|c,=HYPERLINK(1)  flatten  784                   784       0     0  "
                   "the whole input     —\n"
                   "\n"
                   "Total params: 0 (trainable 0, non-trainable 0)\n"
                   "Activations: 784\n"
                   "MACs: 0\n"
                   "Memory (float32): params 0 bytes, activations 3.1\302\240KiB\n");

  run_strata (&markdown, "summary", path, "--format", "markdown", NULL);
  g_assert_cmpint (run_exit_status (&markdown), ==, 0);
  g_assert_cmpstr (markdown.out, ==,
                   "## t\\x1b[31mRED\\x1b[0m\\r\\nX\n"
                   "\n"
                   "Input: 28 × 28 × 1\n"
                   "\n"
                   "| Layer                   | Type    | Output shape | Activations | Params | MACs "
                   "| Receptive field | Jump |\n"
                   "| ----------------------- | ------- | ------------ | ----------: | -----: | ---: "
                   "| --------------: | ---: |\n"
                   "| a\\|b\\n\\|c,=HYPERLINK(1) | flatten | 784          |         784 |      0 |    0 "
                   "| the whole input |    — |\n"
                   "\n"
                   "- Total params: 0 (trainable 0, non-trainable 0)\n"
                   "- Activations: 784\n"
                   "- MACs: 0\n"
                   "- Memory (float32): params 0 bytes, activations 3.1\302\240KiB\n");

  run_strata (&csv, "summary", path, "--format", "csv", NULL);
  g_assert_cmpint (run_exit_status (&csv), ==, 0);
  g_assert_cmpstr (csv.out, ==,
                   "name,type,output_shape,activation_size,params,trainable_params,"
                   "non_trainable_params,macs,formula,shape_formula,macs_formula,receptive_field,jump,"
                                   "receptive_field_start,error\r\n"
                   "\"a|b\n|c,=HYPERLINK(1)\",flatten,784,784,0,0,0,0,0 (no weights),"
                   "28 × 28 × 1 = 784,0 (no multiply-accumulates),whole,,,\r\n"
                   "Total,total,,784,0,0,0,0,,,,,,,\r\n");

  run_strata (&json, "summary", path, "--format", "json", NULL);
  g_assert_cmpint (run_exit_status (&json), ==, 0);
  g_assert_null (strpbrk (json.out, "\033\r"));
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "t\033[31mRED\033[0m\r\nX");
  layers = json_object_get_array_member (root, "layers");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (layers, 0),
                                                  "name"), ==, "a|b\n|c,=HYPERLINK(1)");

  g_assert_cmpstr (text.err, ==, "");
  g_assert_cmpstr (markdown.err, ==, "");
  g_assert_cmpstr (csv.err, ==, "");
  g_assert_cmpstr (json.err, ==, "");
}

/* Messages on standard error quote names with the same escapes. */
static void
test_summary_control_chars_errors (void)
{
  g_auto(Run) invalid_layer = { 0 };
  g_auto(Run) unreadable = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-cli-XXXXXX", &error);
  g_autofree char *invalid_path = g_build_filename (dir, "invalid.strata", NULL);
  g_autofree char *unreadable_path = g_build_filename (dir, "unreadable.strata", NULL);

  g_file_set_contents (invalid_path,
                       "{\"format\": \"strata\", \"version\": 1,"
                       " \"input\": {\"height\": 3, \"width\": 3, \"channels\": 1},"
                       " \"layers\": [{\"type\": \"conv2d\", \"name\": \"C\\u001b[2J\\r\","
                       " \"kernel\": 5}]}",
                       -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (unreadable_path,
                       "{\"format\": \"strata\", \"version\": 1,"
                       " \"input\": {\"height\": 3, \"width\": 3, \"channels\": 1},"
                       " \"layers\": [{\"type\": \"flatten\", \"name\": \"\\u001b]0;pwned\\u0007\","
                       " \"colour\": 1}]}",
                       -1, &error);
  g_assert_no_error (error);

  run_strata (&invalid_layer, "summary", invalid_path, NULL);
  g_assert_cmpint (run_exit_status (&invalid_layer), ==, 1);
  g_assert_null (strpbrk (invalid_layer.err, "\033\r"));
  g_assert_null (strpbrk (invalid_layer.out, "\033\r"));
  g_assert_nonnull (strstr (invalid_layer.err,
                            "invalid.strata”, layer 1 “C\\x1b[2J\\r”: A 5 × 5 kernel does not fit "
                            "a 3 × 3 input without padding\n"));
  g_assert_nonnull (strstr (invalid_layer.out,
                            "\nLayer 1 “C\\x1b[2J\\r”: A 5 × 5 kernel does not fit a 3 × 3 input "
                            "without padding\n"));

  run_strata (&unreadable, "summary", unreadable_path, NULL);
  g_assert_cmpint (run_exit_status (&unreadable), ==, 1);
  g_assert_null (strpbrk (unreadable.err, "\033\007"));
  g_assert_nonnull (strstr (unreadable.err, "layer 1 “\\x1b]0;pwned\\x07”"));
  g_assert_cmpstr (unreadable.out, ==, "");

  g_unlink (invalid_path);
  g_unlink (unreadable_path);
  g_rmdir (dir);
}

static void
test_locale_numbers (void)
{
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_autofree char *path = example_path ("lecture.strata");
  locale_t german = newlocale (LC_ALL_MASK, "de_DE.UTF-8", (locale_t) 0);

  if (german == (locale_t) 0)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not generated");
      return;
    }
  freelocale (german);

  /* People read numbers as their locale writes them; programs read plain ones. */
  run_locale = "de_DE.UTF-8";
  run_strata (&text, "summary", path, NULL);
  run_strata (&json, "summary", path, "--format", "json", NULL);
  run_locale = NULL;

  g_assert_cmpint (run_exit_status (&text), ==, 0);
  g_assert_nonnull (strstr (text.out, "62.958"));
  g_assert_nonnull (strstr (text.out, "  48.120  "));
  g_assert_nonnull (strstr (json.out, "\"params\" : 62958"));
  g_assert_nonnull (strstr (json.out,
                            "\"formula\" : \"(400 + 1) × 120 = 48120 (400 = 5 × 5 × 16)\""));
}

/* ResNet-18 counted as torchinfo counts it: PyTorch's total_params, and
 * the 9,600 running statistics of its BatchNorm layers as buffers. */
static void
test_summary_convention (void)
{
  g_auto(Run) keras = { 0 };
  g_auto(Run) pytorch = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) unknown = { 0 };
  g_autofree char *path = example_path ("resnet18.strata");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *totals;

  run_strata (&keras, "summary", path, "--format", "json", NULL);
  g_assert_cmpint (run_exit_status (&keras), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, keras.out, -1, NULL));
  totals = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                          "totals");
  g_assert_cmpstr (json_object_get_string_member (totals, "convention"), ==, "keras");
  g_assert_cmpint (json_object_get_int_member (totals, "params"), ==, 11699112);
  g_assert_cmpint (json_object_get_int_member (totals, "buffers"), ==, 0);

  run_strata (&pytorch, "summary", path, "--format", "json", "--convention", "pytorch", NULL);
  g_assert_cmpint (run_exit_status (&pytorch), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, pytorch.out, -1, NULL));
  totals = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                          "totals");
  g_assert_cmpstr (json_object_get_string_member (totals, "convention"), ==, "pytorch");
  g_assert_cmpint (json_object_get_int_member (totals, "params"), ==, 11689512);
  g_assert_cmpint (json_object_get_int_member (totals, "trainable_params"), ==, 11689512);
  g_assert_cmpint (json_object_get_int_member (totals, "non_trainable_params"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (totals, "buffers"), ==, 9600);

  run_strata (&text, "summary", path, "--convention=pytorch", NULL);
  g_assert_nonnull (strstr (text.out, "\nTotal params: 11689512 (trainable 11689512, "
                                      "non-trainable 0)\n"
                                      "Buffers (running statistics, not in the params): 9600\n"));

  run_strata (&unknown, "summary", path, "--convention", "tf", NULL);
  g_assert_cmpint (run_exit_status (&unknown), ==, 1);
  g_assert_cmpstr (unknown.err, ==,
                   "strata summary: unknown convention “tf” (use keras or pytorch)\n");
}

/* The lecture network (62,958 parameters, 10,054 activations, 849,320
 * MACs) for 8 samples in bfloat16, 2 bytes a value. */
static void
test_summary_batch (void)
{
  g_auto(Run) json = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) bad_type = { 0 };
  g_auto(Run) bad_size = { 0 };
  g_autofree char *path = example_path ("lecture.strata");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *batch;

  run_strata (&json, "summary", path, "-f", "json", "--batch", "8", "--dtype", "bfloat16", NULL);
  g_assert_cmpint (run_exit_status (&json), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, NULL));
  batch = json_object_get_object_member (
            json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                           "totals"), "batch");
  g_assert_cmpint (json_object_get_int_member (batch, "size"), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (batch, "dtype"), ==, "bfloat16");
  g_assert_cmpint (json_object_get_int_member (batch, "weights_bytes"), ==, 62958 * 2);
  g_assert_cmpint (json_object_get_int_member (batch, "activations_bytes"), ==, 10054 * 8 * 2);
  g_assert_cmpint (json_object_get_int_member (batch, "gradients_bytes"), ==, 62958 * 2);
  /* Weights, gradients, the optimizer's state and the stored activations. */
  g_assert_cmpint (json_object_get_int_member (batch, "training_sgd_momentum_bytes"), ==,
                   62958 * 2 * 3 + 10054 * 8 * 2);
  g_assert_cmpint (json_object_get_int_member (batch, "training_adam_bytes"), ==,
                   62958 * 2 * 4 + 10054 * 8 * 2);
  g_assert_cmpint (json_object_get_int_member (batch, "macs"), ==, 849320 * 8);

  run_strata (&text, "summary", path, "--batch=8", "--dtype=bfloat16", NULL);
  g_assert_nonnull (strstr (text.out, "\nBatch of 8 as bfloat16: weights 123.0\302\240KiB, "
                                      "activations 157.1\302\240KiB (one forward pass), "
                                      "MACs 6794560\n"
                                      "Training: 526.0\302\240KiB with SGD and momentum, "
                                      "649.0\302\240KiB with Adam\n"));

  run_strata (&bad_type, "summary", path, "--dtype", "float64", NULL);
  g_assert_cmpint (run_exit_status (&bad_type), ==, 1);
  g_assert_cmpstr (bad_type.err, ==, "strata summary: unknown data type “float64” (use float32, "
                                     "float16, bfloat16 or int8)\n");
  run_strata (&bad_size, "summary", path, "--batch", "0", NULL);
  g_assert_cmpint (run_exit_status (&bad_size), ==, 1);
  g_assert_cmpstr (bad_size.err, ==, "strata summary: the batch size must be at least 1\n");
}

static void
test_help_and_version (void)
{
  g_auto(Run) help = { 0 };
  g_auto(Run) version = { 0 };

  run_strata (&help, "--help", NULL);
  g_assert_cmpint (run_exit_status (&help), ==, 0);
  g_assert_nonnull (strstr (help.out, "Usage: strata"));
  g_assert_nonnull (strstr (help.out, "\n  summary "));

  run_strata (&version, "--version", NULL);
  g_assert_cmpint (run_exit_status (&version), ==, 0);
  g_assert_true (g_str_has_prefix (version.out, "strata "));
}

/* strata opens the window, and draws, with programs of libexecdir that it
 * becomes, given its arguments: they still call themselves "strata". */
static void
test_programs (void)
{
  g_autofree char *libexecdir = g_strdup (g_getenv ("STRATA_LIBEXECDIR"));
  g_autofree char *empty = g_dir_make_tmp ("strata-test-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (empty, "strata-window", NULL);
  g_autofree char *expected = g_strdup_printf ("strata: could not run “%s”: ", missing);
  g_autofree char *lecture = example_path ("lecture.strata");
  g_auto(Run) window = { 0 };
  g_auto(Run) draw = { 0 };
  g_auto(Run) none = { 0 };

  /* GApplication's own options: the window's program answered. */
  run_strata (&window, "--help-all", NULL);
  g_assert_cmpint (run_exit_status (&window), ==, 0);
  g_assert_true (g_str_has_prefix (window.out, "Usage:\n  strata [OPTION…]"));
  g_assert_nonnull (strstr (window.out, "--gapplication-service"));

  run_strata (&draw, "export", "--help", NULL);
  g_assert_cmpint (run_exit_status (&draw), ==, 0);
  g_assert_true (g_str_has_prefix (draw.out, "Usage:\n  strata export [OPTION…]"));
  g_assert_nonnull (strstr (draw.out, "--output"));

  g_assert_nonnull (empty);
  g_setenv ("STRATA_LIBEXECDIR", empty, TRUE);
  run_strata (&none, lecture, NULL);
  g_setenv ("STRATA_LIBEXECDIR", libexecdir, TRUE);
  g_rmdir (empty);
  g_assert_cmpint (run_exit_status (&none), ==, 1);
  g_assert_true (g_str_has_prefix (none.err, expected));
  g_assert_cmpstr (none.out, ==, "");
}

/* Output that cannot be written is a failure, not a silent exit 0. */
static void
test_stdout_full (void)
{
  g_autofree char *lecture = example_path ("lecture.strata");
  static const char * const commands[][4] = {
    { "--help" },
    { "--version" },
    { "summary", "--help" },
    { "summary", "lecture" },
    { "summary", "lecture", "--format", "json" },
    { "summary", "lecture", "--format", "csv" },
  };

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("there is no /dev/full");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      const char *args[4];
      const char *command = g_str_equal (commands[i][0], "summary") ? "strata summary" : "strata";
      g_autofree char *expected = g_strdup_printf ("%s: could not write to standard output: "
                                                   "No space left on device\n", command);

      for (guint a = 0; a < G_N_ELEMENTS (args); a++)
        args[a] = g_strcmp0 (commands[i][a], "lecture") == 0 ? lecture : commands[i][a];
      g_test_message ("strata %s %s > /dev/full", args[0], args[1] != NULL ? args[1] : "");
      run_strata_to (&run, "/dev/full", args[0], args[1], args[2], args[3], NULL);
      g_assert_cmpint (run_exit_status (&run), ==, 1);
      g_assert_cmpstr (run.err, ==, expected);
    }
}

/* The number of pages of a PDF: its objects "/Type /Page", not "/Pages". */
static guint
count_pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  for (gsize i = 0; i + 12 <= length; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      n_pages++;
  return n_pages;
}

/* --steps: a page per layer after one of the input alone, or a numbered
 * file per step, all 16:9. */
static void
test_export_steps (void)
{
  g_auto(Run) pdf = { 0 };
  g_auto(Run) png = { 0 };
  g_auto(Run) again = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-cli-XXXXXX", &error);
  g_autofree char *pdf_path = g_build_filename (dir, "steps.pdf", NULL);
  g_autofree char *png_path = g_build_filename (dir, "step.png", NULL);
  g_autofree char *vgg = example_path ("vgg16.strata");
  g_autofree char *lecture = example_path ("lecture.strata");
  g_autofree char *header = NULL;
  gsize length;

  g_assert_no_error (error);
  run_strata (&pdf, "export", vgg, "-o", pdf_path, "--steps", NULL);
  g_assert_cmpint (run_exit_status (&pdf), ==, 0);
  g_assert_cmpstr (pdf.err, ==, "");
  /* VGG-16 as the example has it: 24 layers. */
  g_assert_cmpuint (count_pdf_pages (pdf_path), ==, 25);

  run_strata (&png, "export", lecture, "-o", png_path, "--steps", NULL);
  g_assert_cmpint (run_exit_status (&png), ==, 0);
  g_assert_cmpstr (png.err, ==, "");
  /* The lecture example has 7 layers: step-00.png to step-07.png. */
  for (guint step = 0; step <= 8; step++)
    {
      g_autofree char *name = g_strdup_printf ("step-%02u.png", step);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, step < 8);
      if (step < 8)
        g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_false (g_file_test (png_path, G_FILE_TEST_EXISTS));

  /* 960 × 540 points at the default 144 DPI: 1920 × 1080 pixels, in the
   * PNG's header, big-endian at bytes 16 and 20. */
  run_strata (&again, "export", lecture, "-o", png_path, "--steps", "--transparent", NULL);
  g_assert_cmpint (run_exit_status (&again), ==, 0);
  g_assert_cmpstr (again.err, ==, "strata export: slides have a background; --transparent ignored\n");
  {
    g_autofree char *first = g_build_filename (dir, "step-00.png", NULL);
    const guint8 *bytes;

    g_assert_true (g_file_get_contents (first, &header, &length, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (length, >, 24);
    bytes = (const guint8 *) header;
    g_assert_cmpuint (GUINT32_FROM_BE (*(const guint32 *) (bytes + 16)), ==, 1920);
    g_assert_cmpuint (GUINT32_FROM_BE (*(const guint32 *) (bytes + 20)), ==, 1080);
  }

  for (guint step = 0; step < 8; step++)
    {
      g_autofree char *name = g_strdup_printf ("step-%02u.png", step);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_unlink (pdf_path);
  g_rmdir (dir);
}

/* An image that cannot be written whole (here: past a limit on file
 * sizes) fails with a message, and leaves no file and no temporary. */
static void
test_export_write_error (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-cli-XXXXXX", &error);
  g_autofree char *out = g_build_filename (dir, "out.png", NULL);
  g_autofree char *lecture = example_path ("lecture.strata");
  g_autofree char *expected = g_strdup_printf ("strata export: Could not write “%s”: ", out);
  g_autoptr(GDir) listing = NULL;
  struct rlimit saved, small;
  void (*saved_handler) (int);

  g_assert_no_error (error);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 4096;
  /* strata inherits both: its writes past 4 KiB fail (EFBIG) instead of
   * the signal killing it. */
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  run_strata (&run, "export", lecture, "-o", out, NULL);
  signal (SIGXFSZ, saved_handler);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  g_assert_cmpint (run_exit_status (&run), ==, 1);
  g_assert_true (g_str_has_prefix (run.err, expected));
  g_assert_true (g_str_has_suffix (run.err, "File too large\n"));
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  g_assert_null (g_dir_read_name (listing));
  g_rmdir (dir);
}

/* --numbers short writes counts as 138.4 M; an unknown value is refused. */
static void
test_export_numbers (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) bad = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-cli-XXXXXX", &error);
  g_autofree char *out = g_build_filename (dir, "vgg.svg", NULL);
  g_autofree char *vgg = example_path ("vgg16.strata");
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  run_strata (&run, "export", vgg, "-o", out, "--numbers", "short", NULL);
  g_assert_cmpint (run_exit_status (&run), ==, 0);
  g_assert_true (g_file_get_contents (out, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, ">24 layers · 138.4\u00A0M parameters</text>"));
  g_assert_nonnull (strstr (contents, ">1.8\u00A0k params</text>"));

  run_strata (&bad, "export", vgg, "-o", out, "--numbers", "few", NULL);
  g_assert_cmpint (run_exit_status (&bad), ==, 1);
  g_assert_cmpstr (bad.err, ==, "strata export: unknown numbers “few” (use full or short)\n");

  g_unlink (out);
  g_rmdir (dir);
}

/* --convention counts BatchNorm in the drawing as in summaries: ResNet-18
 * has 9,600 running means and variances, parameters under keras and
 * buffers under pytorch. An unknown one is refused. */
static void
test_export_convention (void)
{
  g_auto(Run) keras = { 0 };
  g_auto(Run) pytorch = { 0 };
  g_auto(Run) bad = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-cli-XXXXXX", &error);
  g_autofree char *out = g_build_filename (dir, "resnet.svg", NULL);
  g_autofree char *resnet = example_path ("resnet18.strata");
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  /* Where the locale groups no digits, drawings group them with U+202F. */
  run_locale = "C.UTF-8";
  run_strata (&keras, "export", resnet, "-o", out, NULL);
  g_assert_cmpint (run_exit_status (&keras), ==, 0);
  g_assert_true (g_file_get_contents (out, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, ">68 layers · 11\u202F699\u202F112 parameters</text>"));
  /* The first convolution with its BatchNorm: 9,408 + 4 × 64. */
  g_assert_nonnull (strstr (contents, ">9\u202F664 params</text>"));
  g_clear_pointer (&contents, g_free);

  run_strata (&pytorch, "export", resnet, "-o", out, "--convention", "pytorch", NULL);
  g_assert_cmpint (run_exit_status (&pytorch), ==, 0);
  g_assert_true (g_file_get_contents (out, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, ">68 layers · 11\u202F689\u202F512 parameters</text>"));
  g_assert_nonnull (strstr (contents, ">9\u202F536 params</text>"));
  g_assert_null (strstr (contents, ">9\u202F664 params</text>"));

  run_strata (&bad, "export", resnet, "-o", out, "--convention", "tf", NULL);
  g_assert_cmpint (run_exit_status (&bad), ==, 1);
  g_assert_cmpstr (bad.err, ==, "strata export: unknown convention “tf” (use keras or pytorch)\n");
  run_locale = NULL;

  g_unlink (out);
  g_rmdir (dir);
}

/* The width and height a PNG's header gives. */
static void
png_size (const char *path,
          guint      *width,
          guint      *height)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  const guchar *p;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  p = (const guchar *) data;
  *width = (guint) p[16] << 24 | (guint) p[17] << 16 | (guint) p[18] << 8 | p[19];
  *height = (guint) p[20] << 24 | (guint) p[21] << 16 | (guint) p[22] << 8 | p[23];
}

/* What a file manager runs: the diagram fitted to the size asked for,
 * its longer side exactly that, with no display. */
static void
test_thumbnail (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-cli-XXXXXX", &error);
  g_autofree char *out = g_build_filename (dir, "thumbnail.png", NULL);
  g_autofree char *lecture = example_path ("lecture.strata");
  g_autofree char *unet = example_path ("unet.strata");
  guint width, height;

  g_assert_no_error (error);

  /* The lecture network's seven layers wrap into rows: taller than wide. */
  run_strata (&run, "thumbnail", "-s", "128", lecture, out, NULL);
  g_assert_cmpint (run_exit_status (&run), ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  png_size (out, &width, &height);
  g_assert_cmpuint (height, ==, 128);
  g_assert_cmpuint (width, ==, 70);
  run_clear (&run);

  /* U-Net's graph does not wrap: wider than tall, still within the size. */
  run_strata (&run, "thumbnail", "--size", "256", unet, out, NULL);
  g_assert_cmpint (run_exit_status (&run), ==, 0);
  png_size (out, &width, &height);
  g_assert_cmpuint (width, ==, 256);
  g_assert_cmpuint (height, ==, 69);
  run_clear (&run);

  run_strata (&run, "thumbnail", "-s", "8", lecture, out, NULL);
  g_assert_cmpint (run_exit_status (&run), ==, 1);
  g_assert_cmpstr (run.err, ==,
                   "strata thumbnail: --size 8 is out of range (use 16 to 4096 pixels)\n");
  run_clear (&run);

  run_strata (&run, "thumbnail", lecture, NULL);
  g_assert_cmpint (run_exit_status (&run), ==, 1);
  g_assert_cmpstr (run.err, ==, "strata thumbnail: give a network file and the PNG to write\n");

  g_unlink (out);
  g_rmdir (dir);
}

/* --page makes the image the page's size, and warns when the labels need
 * more room than the page gives them at its least type; --layout chooses
 * the wrapped rows, the compact row or top to bottom. */
static void
test_export_page (void)
{
  g_auto(Run) slide = { 0 };
  g_auto(Run) column = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) compact = { 0 };
  g_auto(Run) down = { 0 };
  g_auto(Run) edges = { 0 };
  g_auto(Run) bad_edges = { 0 };
  g_auto(Run) bad_layout = { 0 };
  g_auto(Run) collapsed = { 0 };
  g_auto(Run) bad_groups = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-cli-XXXXXX", &error);
  g_autofree char *out = g_build_filename (dir, "out.svg", NULL);
  g_autofree char *vgg = example_path ("vgg16.strata");
  g_autofree char *svg = NULL;

  g_assert_no_error (error);
  run_strata (&slide, "export", vgg, "-o", out, "--page", "slide", NULL);
  g_assert_cmpint (run_exit_status (&slide), ==, 0);
  g_assert_cmpstr (slide.err, ==, "");
  g_assert_true (g_file_get_contents (out, &svg, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (svg, "width=\"960pt\" height=\"540pt\""));
  g_clear_pointer (&svg, g_free);

  /* VGG-16 reaches a column's 6 pt (with its runs all drawn it does not:
   * below). */
  run_strata (&column, "export", vgg, "-o", out, "-p", "column", NULL);
  g_assert_cmpint (run_exit_status (&column), ==, 0);
  g_assert_cmpstr (column.err, ==, "");
  g_assert_true (g_file_get_contents (out, &svg, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (svg, "width=\"252pt\" height=\"189pt\""));

  run_strata (&bad, "export", vgg, "-o", out, "--page", "3x2ft", NULL);
  g_assert_cmpint (run_exit_status (&bad), ==, 1);
  g_assert_true (g_str_has_prefix (bad.err, "strata export: unknown page “3x2ft”"));

  /* VGG-16's 24 blocks in one compact row are too long for a slide's 8 pt;
   * each run drawn once, they are not. */
  g_clear_pointer (&svg, g_free);
  run_strata (&compact, "export", vgg, "-o", out, "-p", "slide", "--layout", "compact", NULL);
  g_assert_cmpint (run_exit_status (&compact), ==, 0);
  g_assert_cmpstr (compact.err, ==, "");
  g_assert_true (g_file_get_contents (out, &svg, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (svg, "Repeated, each run drawn once:"));
  g_assert_nonnull (strstr (svg, "width=\"960pt\" height=\"540pt\""));

  /* Top to bottom, VGG-16 wraps into columns that fill a slide at 8 pt. */
  g_clear_pointer (&svg, g_free);
  run_strata (&down, "export", vgg, "-o", out, "-p", "slide", "--layout", "top-to-bottom", NULL);
  g_assert_cmpint (run_exit_status (&down), ==, 0);
  g_assert_cmpstr (down.err, ==, "");
  g_assert_true (g_file_get_contents (out, &svg, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (svg, "width=\"960pt\" height=\"540pt\""));

  run_strata (&edges, "export", vgg, "-o", out, "--layout", "compact", "--dimensions", "edges",
              NULL);
  g_assert_cmpint (run_exit_status (&edges), ==, 0);
  g_clear_pointer (&svg, g_free);
  g_assert_true (g_file_get_contents (out, &svg, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (svg, ">224</text>"));
  g_assert_null (strstr (svg, ">224\u2009×\u2009224\u2009×\u200964</text>"));
  run_strata (&bad_edges, "export", vgg, "-o", out, "--dimensions", "sides", NULL);
  g_assert_cmpint (run_exit_status (&bad_edges), ==, 1);
  g_assert_cmpstr (bad_edges.err, ==,
                   "strata export: unknown dimensions “sides” (use labels or edges)\n");

  run_strata (&bad_layout, "export", vgg, "-o", out, "--layout", "column", NULL);
  g_assert_cmpint (run_exit_status (&bad_layout), ==, 1);
  g_assert_cmpstr (bad_layout.err, ==,
                   "strata export: unknown layout “column” (use rows, compact or top-to-bottom)\n");

  /* Its 12 columns collapsed fit a column's page better than its 23 do
   * without groups. */
  run_strata (&collapsed, "export", vgg, "-o", out, "-p", "column", "--groups", "off", NULL);
  g_assert_cmpint (run_exit_status (&collapsed), ==, 0);
  g_assert_cmpstr (collapsed.err, ==, "strata export: warning: the smallest text is 5.6 pt, under "
                                      "the page’s 6 pt; a larger page leaves it more room\n");
  g_clear_pointer (&svg, g_free);
  g_assert_true (g_file_get_contents (out, &svg, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (svg, "width=\"252pt\" height=\"189pt\""));

  run_strata (&bad_groups, "export", vgg, "-o", out, "--groups", "none", NULL);
  g_assert_cmpint (run_exit_status (&bad_groups), ==, 1);
  g_assert_cmpstr (bad_groups.err, ==,
                   "strata export: unknown groups “none” (use bracket, collapse or off)\n");

  g_unlink (out);
  g_rmdir (dir);
}

/* A Keras 2 Sequential model, as model.to_json() writes it. */
static const char keras_model[] =
  "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"tiny_cnn\", \"layers\": ["
  "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 8, 8, 3],"
  " \"name\": \"in\"}},"
  "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c1\", \"filters\": 4,"
  " \"kernel_size\": [3, 3]}},"
  "{\"class_name\": \"Flatten\", \"config\": {\"name\": \"flat\"}}]}}";

/* `strata import` saves what the model file describes as a .strata file
 * that opens again, and refuses what would lose the model. */
static void
test_import (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) same = { 0 };
  g_auto(Run) no_output = { 0 };
  g_auto(Run) bad_input = { 0 };
  g_auto(Run) summary = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-cli-XXXXXX", &error);
  g_autofree char *model = g_build_filename (dir, "model.json", NULL);
  g_autofree char *out = g_build_filename (dir, "model.strata", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *kept = NULL;

  g_assert_no_error (error);
  g_file_set_contents (model, keras_model, -1, &error);
  g_assert_no_error (error);

  run_strata (&run, "import", model, "-o", out, NULL);
  g_assert_cmpint (run_exit_status (&run), ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, "");
  g_file_get_contents (out, &saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (saved, "{\n  \"format\" : \"strata\",\n"));
  g_assert_nonnull (strstr (saved, "\"name\" : \"tiny_cnn\""));

  /* The saved file is a network like any other, and --input changes its
   * input as it does a model's. */
  run_strata (&summary, "summary", out, "--input", "3x16x16", NULL);
  g_assert_cmpint (run_exit_status (&summary), ==, 0);
  g_assert_nonnull (strstr (summary.out, "Input: 16 × 16 × 3\n"));
  g_assert_nonnull (strstr (summary.out, "c1     conv2d   14 × 14 × 4           784     112  21168  "
                                         "              3     1\n"));

  /* Imported again over the old file, with another input. */
  run_strata (&again, "import", "--input", "1x10x10", model, "-o", out, NULL);
  g_assert_cmpint (run_exit_status (&again), ==, 0);
  g_clear_pointer (&saved, g_free);
  g_file_get_contents (out, &saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved, "\"height\" : 10,\n    \"width\" : 10,\n    \"channels\" : 1\n"));

  run_strata (&same, "import", out, "-o", out, NULL);
  g_assert_cmpint (run_exit_status (&same), ==, 1);
  g_assert_cmpstr (same.err, ==, "strata import: the output would replace the model; give another "
                                 "file with -o\n");

  run_strata (&no_output, "import", model, NULL);
  g_assert_cmpint (run_exit_status (&no_output), ==, 1);
  g_assert_cmpstr (no_output.err, ==,
                   "strata import: give the network file to write with -o OUT.strata\n");

  run_strata (&bad_input, "import", model, "-o", out, "--input", "224x224", NULL);
  g_assert_cmpint (run_exit_status (&bad_input), ==, 1);
  g_assert_cmpstr (bad_input.err, ==, "strata import: --input “224x224” is not an input shape: "
                                      "give channels × height × width, such as “3x224x224”\n");

  /* The model is untouched. */
  g_file_get_contents (model, &kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, keras_model);

  g_unlink (model);
  g_unlink (out);
  g_rmdir (dir);
}

/* summary and export read every format, and say which they cannot. */
static void
test_import_formats (void)
{
  g_auto(Run) summary = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) window = { 0 };
  g_auto(Run) bad_input = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-cli-XXXXXX", &error);
  g_autofree char *model = g_build_filename (dir, "model.json", NULL);
  g_autofree char *noise = g_build_filename (dir, "noise.bin", NULL);
  g_autofree char *svg = g_build_filename (dir, "model.svg", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *drawing = NULL;

  g_assert_no_error (error);
  g_file_set_contents (model, keras_model, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (noise, "\x01\x02 nothing", -1, &error);
  g_assert_no_error (error);

  run_strata (&summary, "summary", model, "--format", "csv", NULL);
  g_assert_cmpint (run_exit_status (&summary), ==, 0);
  g_assert_cmpstr (summary.out, ==,
                   "name,type,output_shape,activation_size,params,trainable_params,"
                   "non_trainable_params,macs,formula,shape_formula,macs_formula,receptive_field,jump,"
                                   "receptive_field_start,error\r\n"
                   "c1,conv2d,6x6x4,144,112,112,0,3888,(3 × 3 × 3 + 1) × 4 = 112,"
                   "\"height and width: 8 − 3 + 1 = 6\nchannels: 4 filters\","
                   "6 × 6 × 4 × (3 × 3 × 3) = 3888,3x3,1x1,1x1,\r\n"
                   "flat,flatten,144,144,0,0,0,0,0 (no weights),"
                   "6 × 6 × 4 = 144,0 (no multiply-accumulates),whole,,,\r\n"
                   "Total,total,,288,112,112,0,3888,,,,,,,\r\n");

  run_strata (&export, "export", model, "-o", svg, NULL);
  g_assert_cmpint (run_exit_status (&export), ==, 0);
  g_assert_cmpstr (export.err, ==, "");
  g_file_get_contents (svg, &drawing, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (drawing, "<svg"));

  run_strata (&unknown, "summary", noise, NULL);
  g_assert_cmpint (run_exit_status (&unknown), ==, 1);
  expected = g_strdup_printf ("strata summary: “%s” is not a network file Strata reads (Strata, "
                              "ONNX, Keras or the text PyTorch prints for a model)\n", noise);
  g_assert_cmpstr (unknown.err, ==, expected);

  /* The window's --input is checked before any window opens. */
  run_strata (&window, "--input", "3x224", model, NULL);
  g_assert_cmpint (run_exit_status (&window), ==, 1);
  g_assert_cmpstr (window.err, ==, "strata: --input “3x224” is not an input shape: give "
                                   "channels × height × width, such as “3x224x224”\n");

  run_strata (&bad_input, "export", model, "-o", svg, "--input", "3x0x8", NULL);
  g_assert_cmpint (run_exit_status (&bad_input), ==, 1);
  g_assert_cmpstr (bad_input.err, ==, "strata export: --input “3x0x8”: each size of the input "
                                      "shape must be from 1 to 4294967295, not 0\n");

  g_unlink (model);
  g_unlink (noise);
  g_unlink (svg);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/summary/json", test_summary_json);
  g_test_add_func ("/cli/summary/text", test_summary_text);
  g_test_add_func ("/cli/summary/errors", test_summary_errors);
  g_test_add_func ("/cli/summary/control-chars", test_summary_control_chars);
  g_test_add_func ("/cli/summary/control-chars-errors", test_summary_control_chars_errors);
  g_test_add_func ("/cli/summary/locale", test_locale_numbers);
  g_test_add_func ("/cli/summary/convention", test_summary_convention);
  g_test_add_func ("/cli/summary/batch", test_summary_batch);
  g_test_add_func ("/cli/help", test_help_and_version);
  g_test_add_func ("/cli/programs", test_programs);
  g_test_add_func ("/cli/stdout-full", test_stdout_full);
  g_test_add_func ("/cli/export/write-error", test_export_write_error);
  g_test_add_func ("/cli/export/numbers", test_export_numbers);
  g_test_add_func ("/cli/export/convention", test_export_convention);
  g_test_add_func ("/cli/export/steps", test_export_steps);
  g_test_add_func ("/cli/thumbnail", test_thumbnail);
  g_test_add_func ("/cli/export/page", test_export_page);
  g_test_add_func ("/cli/import", test_import);
  g_test_add_func ("/cli/import/formats", test_import_formats);

  return g_test_run ();
}
