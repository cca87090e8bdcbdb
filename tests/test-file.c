/* test-file.c: .strata files: round trips, hostile input and atomic saves. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <unistd.h>

#include <glib/gstdio.h>

#include "strata-file.h"
#include "strata-summary.h"
#include "strata-test-file.h"
#include "strata-test-random.h"

static void
assert_same_networks (StrataNetwork *a,
                      StrataNetwork *b)
{
  g_assert_cmpstr (strata_network_get_name (a), ==, strata_network_get_name (b));
  g_assert_true (strata_shape_equal (strata_network_get_input_shape (a),
                                     strata_network_get_input_shape (b)));
  g_assert_cmpuint (strata_network_get_n_layers (a), ==, strata_network_get_n_layers (b));
  for (guint i = 0; i < strata_network_get_n_layers (a); i++)
    {
      StrataLayer *la = strata_network_get_layer (a, i);
      StrataLayer *lb = strata_network_get_layer (b, i);
      const StrataLayerParams *pa = strata_layer_get_params (la);
      const StrataLayerParams *pb = strata_layer_get_params (lb);

      g_assert_cmpint (strata_layer_get_kind (la), ==, strata_layer_get_kind (lb));
      g_assert_cmpstr (strata_layer_get_name (la), ==, strata_layer_get_name (lb));
      /* Every field the kind takes, compared by value through the table. */
      for (guint p = 0; p < STRATA_N_PARAMS; p++)
        {
          const StrataParamInfo *info = strata_param_get_info (p);

          if (!strata_layer_kind_takes (strata_layer_get_kind (la), p))
            continue;
          switch ((StrataParamType) info->type)
            {
            case STRATA_PARAM_TYPE_COUNT:
            case STRATA_PARAM_TYPE_CHOICE:
              g_assert_cmpuint (*STRATA_PARAM_FIELD (pa, info, const guint), ==,
                                *STRATA_PARAM_FIELD (pb, info, const guint));
              break;
            case STRATA_PARAM_TYPE_PADDING:
              /* The amounts mean something only when padding is explicit. */
              g_assert_cmpint (pa->padding_mode, ==, pb->padding_mode);
              if (pa->padding_mode != STRATA_PADDING_EXPLICIT)
                break;
              G_GNUC_FALLTHROUGH;
            case STRATA_PARAM_TYPE_PAIR:
              g_assert_cmpuint (STRATA_PARAM_FIELD (pa, info, const StrataPair)->height, ==,
                                STRATA_PARAM_FIELD (pb, info, const StrataPair)->height);
              g_assert_cmpuint (STRATA_PARAM_FIELD (pa, info, const StrataPair)->width, ==,
                                STRATA_PARAM_FIELD (pb, info, const StrataPair)->width);
              break;
            case STRATA_PARAM_TYPE_BOOLEAN:
              g_assert_cmpint (*STRATA_PARAM_FIELD (pa, info, const gboolean), ==,
                               *STRATA_PARAM_FIELD (pb, info, const gboolean));
              break;
            case STRATA_PARAM_TYPE_ACTIVATION:
              g_assert_cmpint (pa->activation, ==, pb->activation);
              break;
            case STRATA_PARAM_TYPE_RATE:
              g_assert_cmpfloat (pa->rate, ==, pb->rate);
              break;
            case STRATA_PARAM_TYPE_TARGET:
              {
                const StrataTarget *ta = STRATA_PARAM_FIELD (pa, info, const StrataTarget);
                const StrataTarget *tb = STRATA_PARAM_FIELD (pb, info, const StrataTarget);

                /* A vector's height and width mean nothing. */
                g_assert_cmpint (ta->is_vector, ==, tb->is_vector);
                g_assert_cmpuint (ta->channels, ==, tb->channels);
                if (!ta->is_vector)
                  {
                    g_assert_cmpuint (ta->height, ==, tb->height);
                    g_assert_cmpuint (ta->width, ==, tb->width);
                  }
              }
              break;
            case STRATA_PARAM_TYPE_TEXT:
              g_assert_cmpstr (*STRATA_PARAM_FIELD (pa, info, const char * const),
                               ==, *STRATA_PARAM_FIELD (pb, info, const char * const));
              break;
            case STRATA_PARAM_TYPE_WEIGHTS:
              g_assert_cmpuint (*STRATA_PARAM_FIELD (pa, info, const guint64), ==,
                                *STRATA_PARAM_FIELD (pb, info, const guint64));
              break;
            case STRATA_PARAM_TYPE_SIDES:
              {
                const StrataSides *sa = STRATA_PARAM_FIELD (pa, info, const StrataSides);
                const StrataSides *sb = STRATA_PARAM_FIELD (pb, info, const StrataSides);

                g_assert_cmpuint (sa->top, ==, sb->top);
                g_assert_cmpuint (sa->bottom, ==, sb->bottom);
                g_assert_cmpuint (sa->left, ==, sb->left);
                g_assert_cmpuint (sa->right, ==, sb->right);
              }
              break;
            default:
              g_assert_not_reached ();
            }
        }
    }
}

static void
test_round_trip_every_field (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(StrataNetwork) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;

  strata_network_set_name (network, "Every field — ünïcödé");
  strata_network_set_input (network, 33, 31, 5);

  /* Each kind with every hyper-parameter it takes away from its default. */
  for (guint k = 0; k < STRATA_N_LAYER_KINDS; k++)
    {
      g_autoptr(StrataLayer) layer = strata_layer_new (k);
      StrataLayerParams p = *strata_layer_get_params (layer);
      g_autofree char *name = g_strdup_printf ("layer “%u”", k);

      p.filters = 10;
      p.kernel = (StrataPair) { 3, 1 };
      p.stride = (StrataPair) { 1, 2 };
      p.padding_mode = k % 2 ? STRATA_PADDING_EXPLICIT : STRATA_PADDING_SAME;
      p.padding = (StrataPair) { 1, 0 };
      p.output_padding = (StrataPair) { 1, 0 };
      p.dilation = (StrataPair) { 2, 1 };
      p.groups = 5;
      p.depth_multiplier = 3;
      p.bias = FALSE;
      p.activation = STRATA_ACTIVATION_GELU;
      p.pool = (StrataPair) { 3, 3 };
      p.ceil_mode = TRUE;
      p.output = (StrataPair) { 4, 2 };
      p.units = 7;
      p.rate = 0.125;
      p.size = (StrataPair) { 3, 1 };
      p.interpolation = STRATA_INTERPOLATION_BILINEAR;
      p.axis = STRATA_AXIS_WIDTH;
      p.zero_padding = (StrataSides) { 1, 2, 3, 0 };
      p.cropping = (StrataSides) { 2, 2, 1, 1 };
      p.target = (StrataTarget) { 5, 2, 6, k % 2 };
      p.height = 64;
      p.width = 48;
      p.channels = 1;
      strata_layer_set_params (layer, &p);
      strata_layer_set_name (layer, name);
      strata_network_append (network, layer);
    }

  text = strata_file_to_data (network, NULL);
  loaded = load_string (text, &error);
  g_assert_no_error (error);
  assert_same_networks (network, loaded);
  again = strata_file_to_data (loaded, NULL);
  g_assert_cmpstr (text, ==, again);
}

static void
test_defaults_stay_short (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network =
    load_string ("{\"format\": \"strata\", \"version\": 1,"
                 " \"input\": {\"height\": 8, \"width\": 8, \"channels\": 1},"
                 " \"layers\": [{\"type\": \"maxpool2d\", \"pool\": 4},"
                 "              {\"type\": \"maxpool2d\", \"pool\": [2, 1], \"stride\": 1}]}",
                 &error);
  StrataLayer *first, *second;
  g_autofree char *first_text = NULL, *second_text = NULL;

  g_assert_no_error (error);
  first = strata_network_get_layer (network, 0);
  second = strata_network_get_layer (network, 1);
  /* A pooling window moves by its own size unless told otherwise. */
  g_assert_cmpuint (strata_layer_get_params (first)->stride.height, ==, 4);
  g_assert_cmpuint (strata_layer_get_params (second)->stride.width, ==, 1);
  g_assert_cmpuint (strata_layer_get_params (second)->pool.width, ==, 1);

  first_text = layer_text (first);
  second_text = layer_text (second);
  g_assert_nonnull (strstr (first_text, "\"pool\" : 4"));
  g_assert_null (strstr (first_text, "stride"));
  g_assert_nonnull (strstr (second_text, "\"stride\" : 1"));
  g_assert_nonnull (strstr (second_text, "\"pool\" : [\n"));
}

static const BadFile bad_files[] = {
  { "{\"format\": ", STRATA_FILE_ERROR_SYNTAX, "“test.strata” is not valid JSON: …" },
  { "", STRATA_FILE_ERROR_INVALID,
    "“test.strata”: Not a Strata network (the file is not a JSON object)" },
  { "[1, 2]", STRATA_FILE_ERROR_INVALID,
    "“test.strata”: Not a Strata network (the file is not a JSON object)" },
  { "{\"format\": \"keras\", \"version\": 1}", STRATA_FILE_ERROR_INVALID,
    "“test.strata”: Not a Strata network (“format” is not “strata”)" },
  { "{\"format\": \"strata\"}", STRATA_FILE_ERROR_INVALID, "“test.strata”: There is no “version”" },
  { "{\"format\": \"strata\", \"version\": \"1\"}", STRATA_FILE_ERROR_INVALID,
    "“test.strata”: “version” must be a whole number from 1" },
  { "{\"format\": \"strata\", \"version\": 3}", STRATA_FILE_ERROR_VERSION,
    "“test.strata” was written by a newer version of Strata (file version 3; this version "
    "reads up to 2)" },
  { HEAD "\"layers\": []}", STRATA_FILE_ERROR_INVALID, "“test.strata”: There is no “input”" },
  /* json-glib would keep the last of several values, and leak the others. */
  { "\"valid\" {\"format\": \"strata\"}", STRATA_FILE_ERROR_INVALID,
    "“test.strata”: Not a Strata network (the file is not a JSON object)" },
  { "{\"format\": \"keras\"}\n {\"format\": \"strata\"}", STRATA_FILE_ERROR_SYNTAX,
    "“test.strata”, line 2, column 2: there is more after the end of the network" },
  { HEAD "\"input\": [32, 32, 3], \"layers\": []}", STRATA_FILE_ERROR_INVALID,
    "“test.strata”: “input” must be an object with height, width and channels, not a list" },
  { HEAD "\"input\": {\"height\": 32, \"width\": 32}, \"layers\": []}",
    STRATA_FILE_ERROR_INVALID, "“test.strata”: There is no “input.channels”" },
  { HEAD "\"input\": {\"height\": 0, \"width\": 32, \"channels\": 3}, \"layers\": []}",
    STRATA_FILE_ERROR_INVALID, "“test.strata”: “input.height” must be from 1 to 4294967295, not 0" },
  { HEAD "\"input\": {\"height\": 32, \"width\": -32, \"channels\": 3}, \"layers\": []}",
    STRATA_FILE_ERROR_INVALID,
    "“test.strata”: “input.width” must be from 1 to 4294967295, not -32" },
  { HEAD "\"input\": {\"height\": 32.5, \"width\": 32, \"channels\": 3}, \"layers\": []}",
    STRATA_FILE_ERROR_INVALID, "“test.strata”: “input.height” must be a whole number, not 32.5" },
  { HEAD "\"input\": {\"height\": \"32\", \"width\": 32, \"channels\": 3}, \"layers\": []}",
    STRATA_FILE_ERROR_INVALID, "“test.strata”: “input.height” must be a whole number, not text" },
  { HEAD INPUT "\"layers\": {}}", STRATA_FILE_ERROR_INVALID,
    "“test.strata”: “layers” must be a list, not an object" },
  { HEAD INPUT "\"name\": 5, \"layers\": []}", STRATA_FILE_ERROR_INVALID,
    "“test.strata”: “name” must be text, not a number" },
  { LAYERS ("3"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: A layer must be an object, not a number" },
  { LAYERS ("{\"type\": \"flatten\"}, {\"type\": \"conv3d\", \"name\": \"C\"}"),
    STRATA_FILE_ERROR_INVALID, "“test.strata”, layer 2 “C”: Unknown layer type “conv3d”" },
  { LAYERS ("{\"name\": \"X\"}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1 “X”: The layer has no “type”" },
  { LAYERS ("{\"type\": \"conv2d\", \"fliters\": 8}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: Unknown field “fliters”" },
  { LAYERS ("{\"type\": \"conv2d\", \"units\": 8}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: A layer of type “conv2d” has no “units”" },
  { LAYERS ("{\"type\": \"conv2d\", \"name\": \"CONV1\", \"kernel\": [3]}"),
    STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1 “CONV1”: “kernel” must be a number or a pair [height, width], not "
    "a list of 1" },
  { LAYERS ("{\"type\": \"conv2d\", \"kernel\": [3, 0]}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “kernel” must be from 1 to 4294967295, not 0" },
  { LAYERS ("{\"type\": \"conv2d\", \"filters\": 4294967296}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “filters” must be from 1 to 4294967295, not 4294967296" },
  { LAYERS ("{\"type\": \"conv2d\", \"filters\": 8.5}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “filters” must be a whole number, not 8.5" },
  { LAYERS ("{\"type\": \"conv2d\", \"padding\": \"full\"}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “padding” must be “valid”, “same”, a number or a pair [height, "
    "width], not “full”" },
  { LAYERS ("{\"type\": \"conv2d\", \"padding\": -1}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “padding” must be from 0 to 4294967295, not -1" },
  { LAYERS ("{\"type\": \"dense\", \"bias\": \"yes\"}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “bias” must be true or false, not text" },
  { LAYERS ("{\"type\": \"activation\", \"activation\": \"mish\"}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: Unknown activation “mish” (known: none, relu, relu6, leaky_relu, "
    "elu, gelu, sigmoid, tanh, softmax, swish, linear)" },
  { LAYERS ("{\"type\": \"dropout\", \"rate\": 1.5}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “rate” must be a number from 0 up to (not including) 1" },
  { LAYERS ("{\"type\": \"dense\", \"units\": 123456789012345678901234567890}"),
    STRATA_FILE_ERROR_INVALID,
    "“test.strata”, line 1, column 127: the number 123456789012345678901234567890 is too large" },
  { LAYERS ("{\"type\": \"dense\", \"units\": 18446744073709551617}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, line 1, column 127: the number 18446744073709551617 is too large" },
  /* json-glib would cut the name at the NUL and decode lone surrogates
   * to bytes that are not UTF-8. */
  { LAYERS ("{\"type\": \"dense\", \"name\": \"a\\u0000b\"}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, line 1, column 128: text cannot contain the character U+0000 (\\u0000)" },
  { LAYERS ("{\"type\": \"dense\", \"name\": \"a\\ud800b\"}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, line 1, column 128: \\ud800 is half of a UTF-16 surrogate pair without its "
    "other half" },
  { LAYERS ("{\"type\": \"dense\", \"name\": \"a\\udc00\\ud800\"}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, line 1, column 128: \\udc00 is half of a UTF-16 surrogate pair without its "
    "other half" },
  { LAYERS ("{\"type\": \"dense\", \"name\": \"\\ud83d\\u0041\"}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, line 1, column 127: \\ud83d is half of a UTF-16 surrogate pair without its "
    "other half" },
  { LAYERS ("{\"type\": \"dense\", \"name\": \"\\ud8\\3d\"}"), STRATA_FILE_ERROR_SYNTAX,
    "“test.strata”, line 1, column 127: \\u must be followed by four hexadecimal digits" },
  { LAYERS ("{\"type\": \"dense\", \"name\": \"a\\666\"}"), STRATA_FILE_ERROR_SYNTAX,
    "“test.strata”, line 1, column 128: \\6 is not an escape of JSON" },
  { LAYERS ("{\"type\": \"dense\", \"units\": 2.5}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “units” must be a whole number, not 2.5" },
  { LAYERS ("{\"type\": \"dense\", \"units\": -3.0}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “units” must be from 1 to 4294967295, not -3.0" },
  { LAYERS ("{\"type\": \"dense\", \"units\": 1e400}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “units” must be from 1 to 4294967295, not ∞" },
  { LAYERS ("{\"type\": \"dense\", \"units\": 5e9}"), STRATA_FILE_ERROR_INVALID,
    "“test.strata”, layer 1: “units” must be from 1 to 4294967295, not 5e+09" },
};

static void
test_bad_files (void)
{
  strata_test_assert_bad_files (bad_files, G_N_ELEMENTS (bad_files));
}

static void
test_hostile_bytes (void)
{
  static const char nul[] = "{\"format\": \"strata\"\0, \"version\": 1}";
  static const char latin1[] = "{\"format\": \"str\xe4ta\"}";
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GByteArray) garbage = g_byte_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  GError *error = NULL;

  g_assert_null (strata_file_load_data (nul, sizeof nul - 1, "nul.strata", &error));
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "“nul.strata” is not a network file: it is not text (UTF-8)");
  g_clear_error (&error);

  g_assert_null (strata_file_load_data (latin1, strlen (latin1), "latin1.strata", &error));
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX);
  g_clear_error (&error);

  /* json-glib would recurse until the stack runs out. */
  g_string_append (deep, "{\"a\": ");
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (strata_file_load_data (deep->str, deep->len, "deep.strata", &error));
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==,
                   "“deep.strata”, line 1, column 38: nested too deeply (more than 32 levels)");
  g_clear_error (&error);

  /* Random bytes fail cleanly (fatal-warnings would abort on a critical). */
  for (guint i = 0; i < 4096; i++)
    g_byte_array_append (garbage, (guint8[]) { g_rand_int_range (rand, 0, 256) }, 1);
  g_assert_null (strata_file_load_data ((char *) garbage->data, garbage->len, "random.bin",
                                        &error));
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX);
  g_clear_error (&error);
}

/* Thousands of damaged copies of a real file: each loads or fails with a
 * message, never both, never neither (and fatal-warnings catches criticals). */
static void
test_mutations (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "alexnet.strata", NULL);
  g_autofree char *original = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  static const char tokens[] = "{}[]\",:0123456789-.e truefalsnul\\\xc3";
  gsize length;
  guint loaded = 0, refused = 0;

  g_assert_true (g_file_get_contents (path, &original, &length, NULL));

  for (guint round = 0; round < 3000; round++)
    {
      g_autofree char *copy = g_memdup2 (original, length);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = NULL;
      guint edits = g_rand_int_range (rand, 1, 4);

      for (guint e = 0; e < edits; e++)
        copy[g_rand_int_range (rand, 0, length)] =
          tokens[g_rand_int_range (rand, 0, sizeof tokens - 1)];

      network = strata_file_load_data (copy, length, "damaged.strata", &error);
      g_assert_true ((network == NULL) != (error == NULL));
      if (error != NULL)
        {
          g_assert_true (g_error_matches (error, STRATA_FILE_ERROR, error->code));
          g_assert_nonnull (strstr (error->message, "damaged.strata"));
          refused++;
        }
      else
        loaded++;
    }
  /* Both outcomes occur, so the test exercises both paths. */
  g_assert_cmpuint (loaded, >, 0);
  g_assert_cmpuint (refused, >, 0);
}

static void
test_overflowing_network (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network =
    load_string (HEAD "\"input\": {\"height\": 4294967295, \"width\": 4294967295,"
                 " \"channels\": 4294967295}, \"layers\": [{\"type\": \"flatten\"},"
                 " {\"type\": \"dense\", \"units\": 10}]}", &error);

  /* The file is well-formed; the layer that cannot be counted carries the error. */
  g_assert_no_error (error);
  g_assert_cmpint (strata_network_get_first_error (network), ==, 0);
  g_assert_cmpstr (strata_layer_get_error (strata_network_get_layer (network, 0)), ==,
                   "The counts of this layer are too large to represent (more than 2⁶⁴)");
  g_assert_false (strata_layer_has_shape (strata_network_get_layer (network, 1)));
  g_assert_cmpuint (strata_network_get_params (network), ==, 0);
}


static void
assert_same_summaries (StrataNetwork *a,
                       StrataNetwork *b)
{
  for (StrataSummaryFormat f = STRATA_SUMMARY_TEXT; f <= STRATA_SUMMARY_JSON; f++)
    {
      g_autofree char *sa = strata_summary_to_string (a, f);
      g_autofree char *sb = strata_summary_to_string (b, f);

      g_assert_cmpstr (sa, ==, sb);
    }
}

/* A saved file always opens again, and saving what it opens changes
 * nothing: random networks of every kind with random valid values. */
static void
test_random_round_trip (void)
{
  for (guint round = 0; round < 300; round++)
    {
      guint32 seed = g_test_rand_int ();
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(StrataNetwork) network = strata_test_random_network (rand);
      g_autoptr(StrataNetwork) loaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = strata_file_to_data (network, NULL);
      g_autofree char *again = NULL;

      g_test_message ("network seed %u", seed);
      loaded = load_string (text, &error);
      g_assert_no_error (error);
      assert_same_networks (network, loaded);
      again = strata_file_to_data (loaded, NULL);
      g_assert_cmpstr (text, ==, again);
      assert_same_summaries (network, loaded);
    }
}

/* The same through branching networks: a layer that others read and has
 * no name or a name another has is given one in the file, and from then
 * on nothing changes. */
static void
test_random_branch_round_trip (void)
{
  for (guint round = 0; round < 300; round++)
    {
      guint32 seed = g_test_rand_int ();
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(StrataNetwork) network = strata_test_random_network_full (rand, TRUE);
      g_autoptr(StrataNetwork) loaded = NULL;
      g_autoptr(StrataNetwork) reloaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = strata_file_to_data (network, NULL);
      g_autofree char *again = NULL;

      g_test_message ("network seed %u", seed);
      loaded = load_string (text, &error);
      g_assert_no_error (error);
      again = strata_file_to_data (loaded, NULL);
      g_assert_cmpstr (text, ==, again);
      reloaded = load_string (again, &error);
      g_assert_no_error (error);
      assert_same_summaries (loaded, reloaded);
      for (guint i = 0; i < strata_network_get_n_layers (network); i++)
        {
          StrataLayer *owner = strata_layer_get_shares (strata_network_get_layer (network, i));
          StrataLayer *loaded_owner = strata_layer_get_shares (strata_network_get_layer (loaded, i));

          g_assert_cmpuint (strata_network_get_n_input_layers (network, i), ==,
                            strata_network_get_n_input_layers (loaded, i));
          for (guint k = 0; k < strata_network_get_n_input_layers (network, i); k++)
            {
              StrataLayer *a = strata_network_get_input_layer (network, i, k);
              StrataLayer *b = strata_network_get_input_layer (loaded, i, k);

              g_assert_cmpint (a != NULL ? strata_network_index_of (network, a) : -1, ==,
                               b != NULL ? strata_network_index_of (loaded, b) : -1);
            }
          g_assert_cmpint (owner != NULL ? strata_network_index_of (network, owner) : -1, ==,
                           loaded_owner != NULL ? strata_network_index_of (loaded, loaded_owner)
                                                : -1);
        }
    }
}

static void
assert_rate_text (double      rate,
                  const char *expected)
{
  g_autoptr(StrataLayer) layer = strata_layer_new (STRATA_LAYER_KIND_DROPOUT);
  StrataLayerParams p = *strata_layer_get_params (layer);
  g_autofree char *text = NULL;
  g_autofree char *member = g_strdup_printf ("\"rate\" : %s\n", expected);

  p.rate = rate;
  strata_layer_set_params (layer, &p);
  text = layer_text (layer);
  g_assert_nonnull (strstr (text, member));
}

/* Numbers are written with the fewest digits that read back exactly, and
 * read whatever their length as long as they are not integers too large
 * for 64 bits. */
static void
test_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;

  assert_rate_text (0.003, "0.003");
  assert_rate_text (0.1, "0.1");
  assert_rate_text (1e-7, "1e-07");
  assert_rate_text (0.0, "0.0");
  assert_rate_text (1.0 / 3.0, "0.3333333333333333");

  network = load_string (LAYERS ("{\"type\": \"dropout\", \"rate\": 0.1234567890123456789}"),
                         &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (strata_layer_get_params (strata_network_get_layer (network, 0))->rate, ==,
                     0.1234567890123456789);
  g_clear_object (&network);

  /* Keras and ONNX tools write some counts as 28.0. */
  network = load_string (LAYERS ("{\"type\": \"dense\", \"units\": 28.0}, "
                                 "{\"type\": \"dense\", \"units\": 1e2}"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_layer_get_params (strata_network_get_layer (network, 0))->units, ==,
                    28);
  g_assert_cmpuint (strata_layer_get_params (strata_network_get_layer (network, 1))->units, ==,
                    100);
}


static char *
findings_path (const char *name)
{
  g_autofree char *refs = g_canonicalize_filename (g_getenv ("STRATA_REFS_DIR"), NULL);
  g_autofree char *shared = g_path_get_dirname (refs);

  return g_build_filename (shared, "findings", name, NULL);
}

/* The files that found these bugs: each loads and saves to a file that
 * loads again, or is refused with a message in valid UTF-8 that says
 * where. */
static void
test_findings (void)
{
  static const struct {
    const char *name;
    const char *message; /* NULL when the file loads */
  } findings[] = {
    { "roundtrip-rate-0.003.strata", NULL },
    { "roundtrip-rate-fuzz-crash-5a7209e5.strata", NULL },
    { "roundtrip-rate-fuzz-crash-87708312.strata", NULL },
    { "rate-19-fraction-digits-rejected.strata", NULL },
    { "control-chars-in-names.strata", NULL },
    { "lone-surrogate-names.strata", "line 1, column 41: \\ud800 is half of a UTF-16 surrogate "
                                     "pair without its other half" },
    { "lone-surrogate-error-message.strata", "line 1, column 40: \\udc00 is half of a UTF-16 "
                                             "surrogate pair without its other half" },
    { "lone-surrogate-error-fuzz-crash-d5d62651.strata", "is half of a UTF-16 surrogate pair" },
    { "nul-escape-truncates-names.strata", "text cannot contain the character U+0000" },
  };

  if (g_getenv ("STRATA_REFS_DIR") == NULL)
    {
      g_test_skip ("STRATA_REFS_DIR is not set");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (findings); i++)
    {
      g_autofree char *path = findings_path (findings[i].name);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = strata_file_load (file, NULL, &error);

      g_test_message ("finding: %s", findings[i].name);
      if (findings[i].message == NULL)
        {
          g_autofree char *text = NULL;
          g_autofree char *again = NULL;
          g_autoptr(StrataNetwork) reloaded = NULL;

          g_assert_no_error (error);
          text = strata_file_to_data (network, NULL);
          reloaded = load_string (text, &error);
          g_assert_no_error (error);
          again = strata_file_to_data (reloaded, NULL);
          g_assert_cmpstr (text, ==, again);
        }
      else
        {
          g_assert_null (network);
          g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          g_assert_nonnull (strstr (error->message, findings[i].name));
          g_assert_nonnull (strstr (error->message, findings[i].message));
        }
    }
}

/* Names are at most STRATA_NAME_MAX_CHARS characters, counted as
 * characters, not bytes. */
static void
test_name_length (void)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(StrataNetwork) network = NULL;
  g_autoptr(StrataLayer) layer = strata_layer_new (STRATA_LAYER_KIND_FLATTEN);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < STRATA_NAME_MAX_CHARS; i++)
    g_string_append (name, "é");
  g_string_printf (text, LAYERS ("{\"type\": \"flatten\", \"name\": \"%s\"}"), name->str);
  network = load_string (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (network, 0)), ==, name->str);
  g_clear_object (&network);

  g_string_append (name, "x");
  g_string_printf (text, HEAD "\"name\": \"%s\", " INPUT "\"layers\": []}", name->str);
  g_assert_null (load_string (text->str, &error));
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“test.strata”: “name” must be at most 1024 characters long, not 1025");
  g_clear_error (&error);

  /* What the program is given longer is cut, so it still saves a file
   * that opens. */
  strata_layer_set_name (layer, name->str);
  g_assert_cmpint (g_utf8_strlen (strata_layer_get_name (layer), -1), ==, STRATA_NAME_MAX_CHARS);
  g_assert_true (g_str_has_prefix (name->str, strata_layer_get_name (layer)));
  network = strata_network_new ();
  strata_network_set_name (network, name->str);
  g_assert_cmpint (g_utf8_strlen (strata_network_get_name (network), -1), ==,
                   STRATA_NAME_MAX_CHARS);
}

/* The size limit holds before anything is read: a huge sparse file is
 * refused by its size, and a device that never ends is read up to the
 * limit and no further. GLib writes sizes with a no-break space. */
static void
test_bounded_reads (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "huge.strata", NULL);
  g_autoptr(GFile) huge = g_file_new_for_path (path);
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  FILE *stream;

  stream = fopen (path, "w");
  g_assert_nonnull (stream);
  g_assert_cmpint (ftruncate (fileno (stream), (off_t) 16 << 30), ==, 0);
  fclose (stream);

  g_assert_null (strata_file_load (huge, NULL, &error));
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.strata” is too large for a network file "
                                            "(more than 64.0\u00a0MiB)"));
  g_clear_error (&error);

  g_assert_null (strata_file_load (zero, NULL, &error));
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "“/dev/zero” is too large for a network file (more than 64.0\u00a0MiB)");
  g_clear_error (&error);

  g_assert_null (strata_file_load (folder, NULL, &error));
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_READ);
  g_assert_true (g_str_has_suffix (error->message, "”: it is a folder"));
  g_clear_error (&error);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_save_atomic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "net.strata", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "dir", "net.strata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (missing);
  g_autoptr(StrataNetwork) network = strata_file_load_example ("lecture", &error);
  g_autoptr(StrataNetwork) loaded = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) listing = NULL;
  guint entries = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "old contents", -1, &error));

  g_assert_true (strata_file_save (network, file, NULL, &error));
  g_assert_no_error (error);
  loaded = strata_file_load (file, NULL, &error);
  g_assert_no_error (error);
  assert_same_networks (network, loaded);

  /* Nothing but the file is left behind. */
  listing = g_dir_open (dir, 0, &error);
  while (g_dir_read_name (listing) != NULL)
    entries++;
  g_assert_cmpuint (entries, ==, 1);

  g_assert_false (strata_file_save (network, bad, NULL, &error));
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_WRITE);
  g_assert_true (g_str_has_prefix (error->message, "Could not save “"));
  g_assert_nonnull (strstr (error->message, "net.strata"));
  g_clear_error (&error);

  /* A file that cannot be read names itself. */
  g_assert_null (strata_file_load (bad, NULL, &error));
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_READ);
  g_assert_true (g_str_has_prefix (error->message, "Could not read “"));
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "{\n  \"format\" : \"strata\""));
  g_assert_true (g_str_has_suffix (contents, "}\n"));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file/round-trip", test_round_trip_every_field);
  g_test_add_func ("/file/random-round-trip", test_random_round_trip);
  g_test_add_func ("/file/random-branch-round-trip", test_random_branch_round_trip);
  g_test_add_func ("/file/numbers", test_numbers);
  g_test_add_func ("/file/findings", test_findings);
  g_test_add_func ("/file/name-length", test_name_length);
  g_test_add_func ("/file/bounded-reads", test_bounded_reads);
  g_test_add_func ("/file/defaults", test_defaults_stay_short);
  g_test_add_func ("/file/bad", test_bad_files);
  g_test_add_func ("/file/hostile-bytes", test_hostile_bytes);
  g_test_add_func ("/file/overflow", test_overflowing_network);
  g_test_add_func ("/file/mutations", test_mutations);
  g_test_add_func ("/file/save", test_save_atomic);

  return g_test_run ();
}
