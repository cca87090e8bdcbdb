/* test-opaque.c: operations Strata has no kind for, kept with the shape and weights a file states. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <locale.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "strata-file.h"
#include "strata-summary.h"

#define LAYERS(x) "{\"format\": \"strata\", \"version\": 2, " \
                  "\"input\": {\"height\": 8, \"width\": 8, \"channels\": 3}, " \
                  "\"layers\": [" x "]}"

static StrataNetwork *
load_string (const char  *text,
             GError     **error)
{
  return strata_file_load_data (text, strlen (text), "net.strata", error);
}

/* A convolution, a LayerNormalization kept opaque, and an Einsum of the
 * two, whose MACs are unknown. */
static const char example[] =
  LAYERS ("{\"type\": \"conv2d\", \"name\": \"conv\", \"filters\": 4, \"kernel\": 1},"
          "{\"type\": \"opaque\", \"name\": \"norm\", \"op\": \"LayerNormalization\","
          " \"shape\": [8, 8, 4], \"trainable_weights\": 8},"
          "{\"type\": \"opaque\", \"name\": \"mix\", \"inputs\": [\"conv\", \"norm\"],"
          " \"op\": \"Einsum\", \"shape\": [64], \"trainable_weights\": 9007199254740991,"
          " \"non_trainable_weights\": 12}");

static void
test_opaque_rule (void)
{
  const StrataLayerKindInfo *info = strata_layer_kind_get_info (STRATA_LAYER_KIND_OPAQUE);
  StrataLayerParams p;
  StrataShape a = { 7, 7, 512, FALSE };
  StrataShape b = { 1, 1, 10, TRUE };
  const StrataShape *inputs[] = { &a, &b, &a };
  StrataLayerResult r = { { 0 } };

  g_assert_cmpstr (info->id, ==, "opaque");
  g_assert_cmpint (info->category, ==, STRATA_LAYER_CATEGORY_OTHER);
  g_assert_true (info->flags & STRATA_LAYER_KIND_FLAG_MACS_UNKNOWN);
  g_assert_true (info->flags & STRATA_LAYER_KIND_FLAG_VERSION_2);
  strata_layer_kind_init_params (STRATA_LAYER_KIND_OPAQUE, &p);
  g_assert_null (p.op);

  p.op = strata_text_intern ("MultiHeadAttention");
  p.target = (StrataTarget) { 7, 7, 256, FALSE };
  p.trainable_weights = 1050624;
  p.non_trainable_weights = 3;

  /* Any number of inputs of any shapes: the file states the output. */
  for (guint n = 1; n <= G_N_ELEMENTS (inputs); n++)
    {
      r.with_formula = TRUE;
      strata_layer_kind_apply (STRATA_LAYER_KIND_OPAQUE, &p, inputs, n, &r);
      g_assert_null (r.error);
      g_assert_true (strata_shape_equal (&r.output, &(StrataShape) { 7, 7, 256, FALSE }));
      g_assert_cmpuint (r.params, ==, 1050627);
      g_assert_cmpuint (r.trainable_params, ==, 1050624);
      g_assert_cmpuint (r.non_trainable_params, ==, 3);
      g_assert_cmpuint (r.macs, ==, 0);
      g_assert_cmpstr (r.formula, ==,
                       "1050624 trainable + 3 non-trainable, as the model file states");
      strata_layer_result_clear (&r);
    }

  /* Only a reader of the formula has it written. */
  strata_layer_kind_apply (STRATA_LAYER_KIND_OPAQUE, &p, inputs, 1, &r);
  g_assert_cmpuint (r.params, ==, 1050627);
  g_assert_null (r.formula);
  strata_layer_result_clear (&r);

  /* A vector; and no weights at all. */
  p.target.is_vector = TRUE;
  p.trainable_weights = p.non_trainable_weights = 0;
  r.with_formula = TRUE;
  strata_layer_kind_apply (STRATA_LAYER_KIND_OPAQUE, &p, inputs, 1, &r);
  g_assert_true (strata_shape_equal (&r.output, &(StrataShape) { 1, 1, 256, TRUE }));
  g_assert_cmpuint (r.params, ==, 0);
  g_assert_cmpstr (r.formula, ==, "0 (no weights)");
  strata_layer_result_clear (&r);

  /* Nothing to read is an error, as for any kind that needs an input. */
  strata_layer_kind_apply (STRATA_LAYER_KIND_OPAQUE, &p, NULL, 0, &r);
  g_assert_cmpstr (r.error, ==, "Needs at least 1 input, but it has 0");
  strata_layer_result_clear (&r);
}

/* The operation's name is interned, bounded, and "" means none. */
static void
test_opaque_text (void)
{
  g_autoptr(StrataLayer) layer = strata_layer_new (STRATA_LAYER_KIND_OPAQUE);
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *op = NULL;
  const char *interned;
  char copy[] = "Einsum";

  g_assert_null (strata_text_intern (NULL));
  g_assert_null (strata_text_intern (""));
  interned = strata_text_intern (copy);
  g_assert_true (interned != copy);
  g_assert_true (strata_text_intern ("Einsum") == interned);
  g_assert_true (strata_text_is_valid (interned));
  /* Equal but not interned: no layer may hold it, or equal parameters
   * would compare unequal. */
  g_assert_false (strata_text_is_valid (copy));

  for (guint i = 0; i < STRATA_TEXT_MAX_CHARS + 10; i++)
    g_string_append (long_text, "é");
  g_object_set (layer, "op", long_text->str, NULL);
  g_object_get (layer, "op", &op, NULL);
  g_assert_cmpint (g_utf8_strlen (op, -1), ==, STRATA_TEXT_MAX_CHARS);
  g_assert_true (strata_layer_get_params (layer)->op == strata_text_intern (op));
  g_object_set (layer, "op", "", NULL);
  g_assert_null (strata_layer_get_params (layer)->op);
}

/* Totals count the weights and say how many layers' MACs they leave out. */
static void
test_opaque_totals (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = load_string (example, &error);

  g_assert_no_error (error);
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
  /* 16 of the convolution, 8, then 2⁵³ − 1 + 12. */
  g_assert_cmpuint (strata_network_get_params (network), ==, 16 + 8 + 9007199254740991 + 12);
  g_assert_cmpuint (strata_network_get_trainable_params (network), ==, 16 + 8 + 9007199254740991);
  g_assert_cmpuint (strata_network_get_non_trainable_params (network), ==, 12);
  /* Only the convolution's: 8·8·4·3. */
  g_assert_cmpuint (strata_network_get_macs (network), ==, 768);
  g_assert_cmpuint (strata_network_get_n_macs_unknown (network), ==, 2);

  strata_network_remove (network, 2);
  g_assert_cmpuint (strata_network_get_n_macs_unknown (network), ==, 1);
  /* A layer without a shape is in no total. */
  g_object_set (strata_network_get_layer (network, 0), "kernel-height", 20, NULL);
  g_assert_cmpuint (strata_network_get_n_macs_unknown (network), ==, 0);
  g_object_set (strata_network_get_layer (network, 0), "kernel-height", 1, NULL);
  g_assert_cmpuint (strata_network_get_n_macs_unknown (network), ==, 1);
}

static void
test_opaque_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = load_string (example, &error);
  g_autoptr(StrataNetwork) loaded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  StrataLayer *mix;

  g_assert_no_error (error);
  mix = strata_network_get_layer (network, 2);
  g_assert_cmpstr (strata_layer_get_params (mix)->op, ==, "Einsum");
  g_assert_true (strata_shape_equal (strata_layer_get_output_shape (mix),
                                     &(StrataShape) { 1, 1, 64, TRUE }));

  text = strata_file_to_data (network, NULL);
  g_assert_nonnull (strstr (text, "\"version\" : 2,"));
  g_assert_nonnull (strstr (text, "      \"type\" : \"opaque\",\n"
                                  "      \"name\" : \"norm\",\n"
                                  "      \"op\" : \"LayerNormalization\",\n"
                                  "      \"shape\" : [\n        8,\n        8,\n        4\n"
                                  "      ],\n"
                                  "      \"trainable_weights\" : 8\n"));
  g_assert_nonnull (strstr (text, "\"trainable_weights\" : 9007199254740991,\n"
                                  "      \"non_trainable_weights\" : 12\n"));
  loaded = load_string (text, &error);
  g_assert_no_error (error);
  again = strata_file_to_data (loaded, NULL);
  g_assert_cmpstr (again, ==, text);
  g_assert_true (strata_layer_get_params (strata_network_get_layer (loaded, 2))->op ==
                 strata_layer_get_params (mix)->op);

  /* A lone opaque layer makes a version 2 file too. */
  strata_network_remove (network, 2);
  strata_network_remove (network, 0);
  g_clear_pointer (&text, g_free);
  text = strata_file_to_data (network, NULL);
  g_assert_nonnull (strstr (text, "\"version\" : 2,"));
}

static void
test_opaque_refused (void)
{
  static const struct {
    const char *layer;
    const char *message;
  } cases[] = {
    { "{\"type\": \"opaque\", \"trainable_weights\": -1}",
      "“net.strata”, layer 1: “trainable_weights” must be from 0 to 9007199254740991, not -1" },
    { "{\"type\": \"opaque\", \"trainable_weights\": 9007199254740992}",
      "“net.strata”, layer 1: “trainable_weights” must be from 0 to 9007199254740991, not "
      "9007199254740992" },
    { "{\"type\": \"opaque\", \"non_trainable_weights\": 1e300}",
      "“net.strata”, layer 1: “non_trainable_weights” must be from 0 to 9007199254740991, not "
      "1e+300" },
    { "{\"type\": \"opaque\", \"non_trainable_weights\": 2.5}",
      "“net.strata”, layer 1: “non_trainable_weights” must be a whole number, not 2.5" },
    { "{\"type\": \"opaque\", \"trainable_weights\": \"12\"}",
      "“net.strata”, layer 1: “trainable_weights” must be a whole number, not text" },
    { "{\"type\": \"opaque\", \"op\": 3}",
      "“net.strata”, layer 1: “op” must be text, not a number" },
    { "{\"type\": \"opaque\", \"shape\": [0]}",
      "“net.strata”, layer 1: “shape” must be from 1 to 4294967295, not 0" },
    { "{\"type\": \"opaque\", \"shape\": [2, 2]}",
      "“net.strata”, layer 1: “shape” must be [height, width, channels] or [length], not a "
      "list of 2" },
    { "{\"type\": \"conv2d\", \"op\": \"Conv\"}",
      "“net.strata”, layer 1: A layer of type “conv2d” has no “op”" },
    { "{\"type\": \"reshape\", \"shape\": [4]}",
      "“net.strata”, layer 1: A layer of type “reshape” has no “shape”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf (LAYERS ("%s"), cases[i].layer);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = load_string (text, &error);

      g_assert_null (network);
      g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* The longest operation's name is read, one character more refused. */
  for (guint extra = 0; extra <= 1; extra++)
    {
      g_autoptr(GString) op = g_string_new (NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = NULL;

      for (guint i = 0; i < STRATA_TEXT_MAX_CHARS + extra; i++)
        g_string_append (op, "中");
      text = g_strdup_printf (LAYERS ("{\"type\": \"opaque\", \"op\": \"%s\"}"), op->str);
      network = load_string (text, &error);
      if (extra == 0)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (strata_layer_get_params (strata_network_get_layer (network, 0))->op,
                           ==, op->str);
        }
      else
        {
          g_assert_null (network);
          g_assert_cmpstr (error->message, ==, "“net.strata”, layer 1: “op” must be at most 256 "
                                               "characters long, not 257");
        }
    }
}

/* Summaries never show unknown MACs as a measured 0. */
static void
test_opaque_summary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = load_string (example, &error);
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *totals;
  JsonArray *layers;

  g_assert_no_error (error);
  text = strata_summary_to_string (network, STRATA_SUMMARY_TEXT);
  /* Nor a receptive field it cannot know. */
  g_assert_nonnull (strstr (text, "norm   opaque  conv          8 × 8 × 4             256"
                                  "                 8     ?                —     —\n"));
  g_assert_nonnull (strstr (text, "MACs: at least 768 (2 opaque layers not counted)\n"));

  csv = strata_summary_to_string (network, STRATA_SUMMARY_CSV);
  /* Nor a receptive field there. */
  g_assert_nonnull (strstr (csv, "\r\nnorm,opaque,conv,8x8x4,256,8,8,0,,\"8 trainable + 0 "
                                 "non-trainable, as the model file states\","
                                 "as the model file states: 8 × 8 × 4,"
                                 "unknown (an operation Strata does not model),,,,\r\n"));
  /* A total that leaves layers out is no total. */
  g_assert_true (g_str_has_suffix (csv, "Total,total,,,576,9007199254741027,9007199254741015,"
                                        "12,,,,,,,,\r\n"));

  json = strata_summary_to_string (network, STRATA_SUMMARY_JSON);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  layers = json_object_get_array_member (root, "layers");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (layers, 0), "macs"),
                   ==, 768);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (
    json_array_get_object_element (layers, 1), "macs")));
  totals = json_object_get_object_member (root, "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "macs"), ==, 768);
  g_assert_cmpint (json_object_get_int_member (totals, "macs_unknown_layers"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (totals, "params"), ==, 9007199254741027);

  /* Without opaque layers, the total is a total again. */
  strata_network_remove (network, 2);
  strata_network_remove (network, 1);
  g_clear_pointer (&text, g_free);
  text = strata_summary_to_string (network, STRATA_SUMMARY_TEXT);
  g_assert_nonnull (strstr (text, "MACs: 768\n"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/opaque/rule", test_opaque_rule);
  g_test_add_func ("/opaque/text", test_opaque_text);
  g_test_add_func ("/opaque/totals", test_opaque_totals);
  g_test_add_func ("/opaque/round-trip", test_opaque_round_trip);
  g_test_add_func ("/opaque/refused", test_opaque_refused);
  g_test_add_func ("/opaque/summary", test_opaque_summary);

  return g_test_run ();
}
