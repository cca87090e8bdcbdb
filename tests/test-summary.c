/* test-summary.c: summaries show hostile names harmlessly in every format. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include <json-glib/json-glib.h>

#include "strata-json-private.h"
#include "strata-summary.h"

/* A 4 × 4 × 1 input and one flatten layer per name. */
static StrataNetwork *
network_with_names (const char *network_name,
                    const char *first,
                    ...)
{
  StrataNetwork *network = strata_network_new ();
  va_list args;

  strata_network_set_name (network, network_name);
  strata_network_set_input (network, 4, 4, 1);
  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      g_autoptr(StrataLayer) layer = strata_layer_new (STRATA_LAYER_KIND_FLATTEN);

      strata_layer_set_name (layer, name);
      strata_network_append (network, layer);
    }
  va_end (args);
  return network;
}

static void
test_escape_text (void)
{
  static const struct {
    const char *text;
    const char *escaped;
  } cases[] = {
    { "conv1", "conv1" },
    { "", "" },
    { "a\nb\rc\td", "a\\nb\\rc\\td" },
    { "\033[31mred\033[0m", "\\x1b[31mred\\x1b[0m" },
    { "\001\037\177", "\\x01\\x1f\\x7f" },
    /* C1 controls: CSI (U+009B) is ESC [ to some terminals. */
    { "\302\233" "2J \302\200\302\237", "\\u009b2J \\u0080\\u009f" },
    /* Not controls: U+00A0 (no-break space), "é", "×", a backslash, a bar. */
    { "\302\240\303\251 × \\ |", "\302\240\303\251 × \\ |" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = strata_summary_escape_text (cases[i].text);

      g_assert_cmpstr (escaped, ==, cases[i].escaped);
    }
}

/* A name with controls keeps its row on one line, aligned, in text. */
static void
test_text (void)
{
  g_autoptr(StrataNetwork) network = network_with_names ("net\033]0;title\007", "a\tb\033[2J",
                                                         "c", NULL);
  g_autofree char *text = strata_summary_to_string (network, STRATA_SUMMARY_TEXT);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_null (strpbrk (text, "\033\007\t\r"));
  g_assert_cmpstr (lines[0], ==, "net\\x1b]0;title\\x07");
  g_assert_cmpstr (lines[3], ==, "Layer        Type     Output shape  Activations  Params  MACs  Receptive field  Jump");
  g_assert_cmpstr (lines[5], ==, "a\\tb\\x1b[2J  flatten  16                     16       0     0  the whole input     —");
  g_assert_cmpstr (lines[6], ==, "c            flatten  16                     16       0     0  the whole input     —");
  g_assert_cmpstr (lines[7], ==, "");
}

/* In Markdown, "|", "\" and "<" are escaped too, and a row stays one row. */
static void
test_markdown (void)
{
  g_autoptr(StrataNetwork) network = network_with_names ("a|b\nc", "x|y", "back\\|slash",
                                                         "<img src=x>", "line\r\nbreak", NULL);
  g_autofree char *text = strata_summary_to_string (network, STRATA_SUMMARY_MARKDOWN);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_cmpstr (lines[0], ==, "## a\\|b\\nc");
  g_assert_cmpstr (lines[1], ==, "");
  g_assert_cmpstr (lines[4], ==, "| Layer         | Type    | Output shape | Activations | Params | MACs | Receptive field | Jump |");
  g_assert_cmpstr (lines[6], ==, "| x\\|y          | flatten | 16           |          16 |      0 |    0 | the whole input |    — |");
  g_assert_cmpstr (lines[7], ==, "| back\\\\\\|slash | flatten | 16           |          16 |      0 |    0 | the whole input |    — |");
  g_assert_cmpstr (lines[8], ==, "| \\<img src=x>  | flatten | 16           |          16 |      0 |    0 | the whole input |    — |");
  g_assert_cmpstr (lines[9], ==, "| line\\r\\nbreak | flatten | 16           |          16 |      0 |    0 | the whole input |    — |");
  g_assert_cmpstr (lines[10], ==, "");
}

/* Fields a spreadsheet would compute start with "'", inside quotes; a
 * field with a comma is quoted. */
static void
test_csv (void)
{
  g_autoptr(StrataNetwork) network = network_with_names (NULL, "=1+1", "+A1", "-2", "@SUM(A1)",
                                                         "\tx", "\rx", "a;=B1", "say \"hi\"",
                                                         "'quoted", "x=1", "\033[31m", NULL);
  g_autofree char *text = strata_summary_to_string (network, STRATA_SUMMARY_CSV);
  g_auto(GStrv) rows = g_strsplit (text, "\r\n", -1);
  static const char * const expected[] = {
    "\"'=1+1\",flatten,16,16,0,0,0,0,0 (no weights),4 × 4 × 1 = 16,0 (no multiply-accumulates),whole,,,",
    "\"'+A1\",flatten,16,16,0,0,0,0,0 (no weights),\"16, already a vector\",0 (no multiply-accumulates),whole,,,",
    "\"'-2\",flatten,16,16,0,0,0,0,0 (no weights),\"16, already a vector\",0 (no multiply-accumulates),whole,,,",
    "\"'@SUM(A1)\",flatten,16,16,0,0,0,0,0 (no weights),\"16, already a vector\",0 (no multiply-accumulates),whole,,,",
    "\"'\tx\",flatten,16,16,0,0,0,0,0 (no weights),\"16, already a vector\",0 (no multiply-accumulates),whole,,,",
    "\"'\rx\",flatten,16,16,0,0,0,0,0 (no weights),\"16, already a vector\",0 (no multiply-accumulates),whole,,,",
    "\"a;=B1\",flatten,16,16,0,0,0,0,0 (no weights),\"16, already a vector\",0 (no multiply-accumulates),whole,,,",
    "\"say \"\"hi\"\"\",flatten,16,16,0,0,0,0,0 (no weights),\"16, already a vector\",0 (no multiply-accumulates),whole,,,",
    "'quoted,flatten,16,16,0,0,0,0,0 (no weights),\"16, already a vector\",0 (no multiply-accumulates),whole,,,",
    "x=1,flatten,16,16,0,0,0,0,0 (no weights),\"16, already a vector\",0 (no multiply-accumulates),whole,,,",
    "\033[31m,flatten,16,16,0,0,0,0,0 (no weights),\"16, already a vector\",0 (no multiply-accumulates),whole,,,",
  };

  g_assert_cmpuint (g_strv_length (rows), ==, 1 + G_N_ELEMENTS (expected) + 2);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (rows[1 + i], ==, expected[i]);
  g_assert_cmpstr (rows[1 + G_N_ELEMENTS (expected)], ==, "Total,total,,176,0,0,0,0,,,,,,,");
}

/* JSON keeps every name exactly, its controls as JSON escapes. */
static void
test_json (void)
{
  const char *network_name = "n\033[0m\r\n\177\302\233";
  const char *layer_name = "a|b\n\001=c";
  g_autoptr(StrataNetwork) network = network_with_names (network_name, layer_name, NULL);
  g_autofree char *text = strata_summary_to_string (network, STRATA_SUMMARY_JSON);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *layers;

  g_assert_null (strpbrk (text, "\033\r\001"));
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, network_name);
  layers = json_object_get_array_member (root, "layers");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (layers, 0),
                                                  "name"), ==, layer_name);
}

/* LaTeX: TeX's special characters are escaped, control characters shown
 * as their escapes, and numbers grouped by thin spaces. */
static void
test_latex (void)
{
  g_autoptr(StrataNetwork) network = network_with_names ("50% of {net} & #1", "a_b\\c", "$x^2~y",
                                                         "tab\there", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(StrataLayer) dense = strata_layer_new (STRATA_LAYER_KIND_DENSE);
  g_autoptr(StrataLayer) norm = strata_layer_new (STRATA_LAYER_KIND_BATCHNORM);

  /* A dense layer of 1,000 units on the 16 values (17,000 parameters),
   * then a batch normalization of 4,000, 2,000 of them not trainable. */
  g_object_set (dense, "units", 1000, NULL);
  strata_layer_set_name (dense, "fc");
  strata_network_append (network, dense);
  strata_network_append (network, norm);
  text = strata_summary_to_string (network, STRATA_SUMMARY_LATEX);
  lines = g_strsplit (text, "\n", -1);

  g_assert_null (strpbrk (text, "\t\033"));
  g_assert_cmpstr (lines[0], ==, "% \\usepackage{booktabs}");
  g_assert_cmpstr (lines[1], ==, "\\begin{table}");
  g_assert_cmpstr (lines[3], ==, "  \\caption{50\\% of \\{net\\} \\& \\#1}");
  g_assert_cmpstr (lines[4], ==, "  \\begin{tabular}{llrrr}");
  g_assert_cmpstr (lines[5], ==, "    \\toprule");
  g_assert_cmpstr (lines[6], ==, "    Layer & Type & Output shape & Params & MACs \\\\");
  g_assert_cmpstr (lines[7], ==, "    \\midrule");
  g_assert_cmpstr (lines[8], ==, "    Input & input & 4 $\\times$ 4 $\\times$ 1 & --- & --- \\\\");
  g_assert_cmpstr (lines[9], ==, "    a\\_b\\textbackslash{}c & flatten & 16 & 0 & 0 \\\\");
  g_assert_cmpstr (lines[10], ==,
                   "    \\$x\\textasciicircum{}2\\textasciitilde{}y & flatten & 16 & 0 & 0 \\\\");
  g_assert_cmpstr (lines[11], ==, "    tab\\textbackslash{}there & flatten & 16 & 0 & 0 \\\\");
  g_assert_cmpstr (lines[12], ==, "    fc & dense & 1\\,000 & 17\\,000 & 16\\,000 \\\\");
  g_assert_cmpstr (lines[14], ==, "    \\midrule");
  g_assert_cmpstr (lines[15], ==, "    Total & & & 21\\,000 & 16\\,000 \\\\");
  g_assert_cmpstr (lines[16], ==, "    Trainable & & & 19\\,000 & \\\\");
  g_assert_cmpstr (lines[17], ==, "    Non-trainable & & & 2\\,000 & \\\\");
  g_assert_cmpstr (lines[18], ==, "    \\bottomrule");
  g_assert_cmpstr (lines[20], ==, "\\end{table}");
  g_assert_cmpstr (lines[21], ==, "");
}

/* input 4 × 4 × 2 → a (dense 3) and b (dense 5, reading the input too),
 * then a flatten reading b: not a chain. */
static StrataNetwork *
branching_network (void)
{
  StrataNetwork *network = strata_network_new ();
  StrataLayer *layers[3];
  StrataLayer *input = NULL;

  strata_network_set_input (network, 4, 4, 2);
  for (guint i = 0; i < 2; i++)
    {
      layers[i] = strata_layer_new (STRATA_LAYER_KIND_DENSE);
      g_object_set (layers[i], "units", i == 0 ? 3 : 5, NULL);
    }
  layers[2] = strata_layer_new (STRATA_LAYER_KIND_FLATTEN);
  strata_layer_set_name (layers[0], "a");
  strata_layer_set_inputs (layers[1], &input, 1);
  strata_layer_set_inputs (layers[2], &layers[1], 1);
  strata_network_splice (network, 0, 0, layers, 3);
  for (guint i = 0; i < 3; i++)
    g_object_unref (layers[i]);
  return network;
}

/* Every format says what each layer reads once the network branches. */
/* Each row explains its shape and MACs, and gives its receptive field. */
static void
test_json_explanations (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(StrataLayer) conv = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  g_autoptr(StrataLayer) pool = strata_layer_new (STRATA_LAYER_KIND_MAXPOOL2D);
  g_autoptr(StrataLayer) dense = strata_layer_new (STRATA_LAYER_KIND_DENSE);
  StrataLayer *layers[] = { conv, pool, dense };
  StrataLayerParams p = *strata_layer_get_params (conv);
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rows;
  JsonObject *row;

  p.filters = 16;
  p.kernel = (StrataPair) { 5, 5 };
  p.stride = (StrataPair) { 2, 2 };
  p.padding_mode = STRATA_PADDING_EXPLICIT;
  p.padding = (StrataPair) { 2, 2 };
  strata_layer_set_params (conv, &p);
  strata_network_set_input (network, 1000, 32, 3);
  strata_network_splice (network, 0, 0, layers, G_N_ELEMENTS (layers));
  json = strata_summary_to_string (network, STRATA_SUMMARY_JSON);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  rows = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "layers");

  /* Plain numbers, as every count in JSON is. */
  row = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "shape_formula"), ==,
                   "height: ⌊(1000 + 2·2 − 5) / 2⌋ + 1 = 500\n"
                   "width: ⌊(32 + 2·2 − 5) / 2⌋ + 1 = 16\n"
                   "channels: 16 filters");
  g_assert_cmpstr (json_object_get_string_member (row, "macs_formula"), ==,
                   "500 × 16 × 16 × (5 × 5 × 3) = 9600000");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (row, "receptive_field"),
                                               0), ==, 5);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (row, "jump"), 1),
                   ==, 2);

  /* 5 + (2 − 1)·2 = 7, centred at (2 − 1)/2 · 2 = 1 past the first field's. */
  row = json_array_get_object_element (rows, 1);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (row, "receptive_field"),
                                               1), ==, 7);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (row, "jump"), 0),
                   ==, 4);
  g_assert_cmpint (json_array_get_int_element (
                     json_object_get_array_member (row, "receptive_field_start"), 0), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (row, "macs_formula"), ==,
                   "0 (no multiply-accumulates)");

  row = json_array_get_object_element (rows, 2);
  g_assert_cmpstr (json_object_get_string_member (row, "receptive_field"), ==, "whole");
  g_assert_true (json_object_get_null_member (row, "jump"));
}

static void
test_connections (void)
{
  g_autoptr(StrataNetwork) network = branching_network ();
  g_autofree char *text = strata_summary_to_string (network, STRATA_SUMMARY_TEXT);
  g_autofree char *markdown = strata_summary_to_string (network, STRATA_SUMMARY_MARKDOWN);
  g_autofree char *csv = strata_summary_to_string (network, STRATA_SUMMARY_CSV);
  g_autofree char *json = strata_summary_to_string (network, STRATA_SUMMARY_JSON);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *layers;

  g_assert_nonnull (strstr (text, "Layer    Type     Connected to  Output shape"));
  g_assert_nonnull (strstr (text, "\na        dense    input         3 "));
  /* The layer the flatten reads has no name: it is called what the file
   * calls it. */
  g_assert_nonnull (strstr (text, "\ndense_1  dense    input         5 "));
  g_assert_nonnull (strstr (text, "\nFlatten  flatten  dense_1       5 "));
  g_assert_nonnull (strstr (markdown, "| Layer   | Type    | Connected to |"));
  g_assert_nonnull (strstr (csv, "name,type,inputs,output_shape,"));
  g_assert_nonnull (strstr (csv, "\r\ndense_1,dense,input,5,"));
  g_assert_nonnull (strstr (csv, "\r\nTotal,total,,"));

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  layers = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "layers");
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (json_array_get_object_element (layers, 2),
                                                   "inputs"), 0), ==, "dense_1");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (layers, 1),
                                                  "name"), ==, "dense_1");
}

/* A merge lists one input a line on the terminal, and in a cell in
 * Markdown. */
static void
test_merge_connections (void)
{
  g_autoptr(StrataNetwork) network = branching_network ();
  g_autoptr(StrataLayer) add = strata_layer_new (STRATA_LAYER_KIND_ADD);
  StrataLayer *inputs[] = { strata_network_get_layer (network, 0), NULL };
  g_autofree char *text = NULL;
  g_autofree char *markdown = NULL;

  strata_layer_set_name (add, "sum");
  strata_layer_set_inputs (add, inputs, 2);
  strata_network_append (network, add);
  text = strata_summary_to_string (network, STRATA_SUMMARY_TEXT);
  markdown = strata_summary_to_string (network, STRATA_SUMMARY_MARKDOWN);
  g_assert_nonnull (strstr (text, "\nsum      add      a             "));
  g_assert_nonnull (strstr (text, "\n                  input\n"));
  g_assert_nonnull (strstr (markdown, "| sum     | add     | a, input     |"));
}

/* A chain's tables have no column for it; its JSON still says it. */
static void
test_chain_connections (void)
{
  g_autoptr(StrataNetwork) network = network_with_names (NULL, "first", "second", NULL);
  g_autofree char *text = strata_summary_to_string (network, STRATA_SUMMARY_TEXT);
  g_autofree char *csv = strata_summary_to_string (network, STRATA_SUMMARY_CSV);
  g_autofree char *json = strata_summary_to_string (network, STRATA_SUMMARY_JSON);

  g_assert_null (strstr (text, "Connected to"));
  g_assert_true (g_str_has_prefix (csv, "name,type,output_shape,"));
  g_assert_nonnull (strstr (json, "\"name\" : \"second\",\n      \"type\" : \"flatten\",\n"
                                  "      \"inputs\" : [\n        \"first\"\n      ],"));
  g_assert_nonnull (strstr (json, "\"inputs\" : [\n        \"input\"\n      ],"));
}

/* The writer lays JSON out as the file writer does a tree, escapes and
 * numbers included; both give the same text for the same document. */
static void
test_json_writer (void)
{
  static const char expected[] =
    "{\n"
    "  \"empty\" : {},\n"
    "  \"none\" : [],\n"
    "  \"numbers\" : [\n"
    "    0,\n"
    "    -7,\n"
    "    -9223372036854775808,\n"
    "    9223372036854775807,\n"
    "    0.003,\n"
    "    true,\n"
    "    null\n"
    "  ],\n"
    "  \"a \\\"quoted\\\" \\\\ name\" : \"tab\\there\\nline\\r\\u001b[31m\\u007f é\"\n"
    "}\n";
  const char *text = "tab\there\nline\r\033[31m\177 é";
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *from_tree = NULL;
  StrataJsonWriter writer;

  strata_json_writer_init (&writer, out);
  strata_json_writer_begin_object (&writer);
  strata_json_writer_member (&writer, "empty");
  strata_json_writer_begin_object (&writer);
  strata_json_writer_end_object (&writer);
  strata_json_writer_member (&writer, "none");
  strata_json_writer_begin_array (&writer);
  strata_json_writer_end_array (&writer);
  strata_json_writer_member (&writer, "numbers");
  strata_json_writer_begin_array (&writer);
  strata_json_writer_int (&writer, 0);
  strata_json_writer_int (&writer, -7);
  strata_json_writer_int (&writer, G_MININT64);
  strata_json_writer_int (&writer, G_MAXINT64);
  strata_json_writer_double (&writer, 0.003);
  strata_json_writer_boolean (&writer, TRUE);
  strata_json_writer_null (&writer);
  strata_json_writer_end_array (&writer);
  strata_json_writer_member (&writer, "a \"quoted\" \\ name");
  strata_json_writer_string (&writer, text);
  strata_json_writer_end_object (&writer);
  g_string_append_c (out, '\n');
  g_assert_cmpstr (out->str, ==, expected);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "empty");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "none");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "numbers");
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, 0);
  json_builder_add_int_value (builder, -7);
  json_builder_add_int_value (builder, G_MININT64);
  json_builder_add_int_value (builder, G_MAXINT64);
  json_builder_add_double_value (builder, 0.003);
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_add_null_value (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "a \"quoted\" \\ name");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  from_tree = strata_json_builder_to_text (builder, NULL);
  g_assert_cmpstr (from_tree, ==, expected);
}

static void
collect_piece (const char *text,
               gsize       length,
               gpointer    user_data)
{
  GPtrArray *pieces = user_data;

  g_assert_cmpuint (strlen (text), ==, length);
  g_ptr_array_add (pieces, g_strdup (text));
}

/* A summary written in pieces is the one made whole, cut between rows:
 * each piece but the last of at least 64 KiB, ending a line. */
static void
test_write_pieces (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  static const StrataSummaryFormat formats[] = {
    STRATA_SUMMARY_TEXT, STRATA_SUMMARY_MARKDOWN, STRATA_SUMMARY_CSV, STRATA_SUMMARY_JSON,
    STRATA_SUMMARY_LATEX,
  };

  strata_network_set_input (network, 8, 8, 3);
  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(StrataLayer) layer =
        strata_layer_new (i % 2 == 0 ? STRATA_LAYER_KIND_CONV2D : STRATA_LAYER_KIND_ACTIVATION);

      if (i % 2 == 0)
        g_object_set (layer, "padding", STRATA_PADDING_SAME, NULL);
      strata_network_append (network, layer);
    }

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *whole = strata_summary_to_string (network, formats[f]);
      g_autofree char *batch = strata_summary_to_string_for_batch (network, formats[f], 8,
                                                                   STRATA_DTYPE_FLOAT16);
      g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) batch_pieces = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *joined = NULL;
      g_autofree char *batch_joined = NULL;

      strata_summary_write (network, formats[f], 0, STRATA_DTYPE_FLOAT32, collect_piece, pieces);
      strata_summary_write (network, formats[f], 8, STRATA_DTYPE_FLOAT16, collect_piece,
                            batch_pieces);
      g_ptr_array_add (pieces, NULL);
      g_ptr_array_add (batch_pieces, NULL);
      joined = g_strjoinv ("", (char **) pieces->pdata);
      batch_joined = g_strjoinv ("", (char **) batch_pieces->pdata);
      g_assert_cmpstr (joined, ==, whole);
      g_assert_cmpstr (batch_joined, ==, batch);
      /* LaTeX comes whole; the others of 3,000 rows in several pieces. */
      if (formats[f] == STRATA_SUMMARY_LATEX)
        g_assert_cmpuint (pieces->len - 1, ==, 1);
      else
        g_assert_cmpuint (pieces->len - 1, >, 1);
      for (guint i = 0; i + 2 < pieces->len; i++)
        {
          const char *piece = pieces->pdata[i];

          g_assert_cmpuint (strlen (piece), >=, 64 * 1024);
          g_assert_true (g_str_has_suffix (piece, formats[f] == STRATA_SUMMARY_JSON ? "}" : "\n"));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/summary/escape-text", test_escape_text);
  g_test_add_func ("/summary/text", test_text);
  g_test_add_func ("/summary/markdown", test_markdown);
  g_test_add_func ("/summary/csv", test_csv);
  g_test_add_func ("/summary/write-pieces", test_write_pieces);
  g_test_add_func ("/summary/json", test_json);
  g_test_add_func ("/summary/latex", test_latex);
  g_test_add_func ("/summary/json-writer", test_json_writer);
  g_test_add_func ("/summary/json-explanations", test_json_explanations);
  g_test_add_func ("/summary/connections", test_connections);
  g_test_add_func ("/summary/merge-connections", test_merge_connections);
  g_test_add_func ("/summary/chain-connections", test_chain_connections);

  return g_test_run ();
}
