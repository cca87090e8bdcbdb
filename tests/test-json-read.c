/* test-json-read.c: our reader of plain JSON gives json-glib's tree, or gives up. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "strata-file-private.h"
#include "strata-json-private.h"
#include "strata-test-file.h"
#include "strata-test-json.h"

#define MAX_DEPTH 32

static JsonNode *
read_text (const char *text)
{
  return strata_json_read (text, strlen (text), MAX_DEPTH, NULL, NULL, NULL);
}

static char *
nested (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  g_string_append_c (text, '1');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

/* Every text read is the tree json-glib makes of it. */
static void
test_same_as_json_glib (void)
{
  static const char * const texts[] = {
    "{\"a\": -0, \"b\": 1e3, \"c\": -0.0, \"d\": 0.5, \"e\": 1E-7, \"f\": 2.5e+2, \"g\": 0.1}",
    "[123456789012345678, -123456789012345678, 0, 7, 1.7976931348623157e308, 5e-324]",
    "[0.1000000000000000055511151231257827, 123456789.987654321e-5, 2.2250738585072011e-308, "
    "9007199254740993.0, 1e400, -1e-400, 0e0, 1.5E-0]",
    "[true, false, null, \"\", {}, [], [[]], {\"x\": {}}]",
    "{\"name\": \"h\xc3\xa9llo \xe2\x9c\x93 \xf0\x9f\x98\x80\", \"z\": 1, \"a\": 2, \"m\": 3}",
    " \t\r\n[ 1 , 2 ,\n3 ]\n",
    "42",
    "\"text\"",
    "-2.5",
  };
  g_autofree char *deepest = nested (MAX_DEPTH);
  g_autofree char *inner = nested (MAX_DEPTH - 1);
  g_autofree char *deepest_object = g_strdup_printf ("{\"a\": %s}", inner);
  const char *deep[] = { deepest, deepest_object };

  for (guint i = 0; i < G_N_ELEMENTS (texts) + G_N_ELEMENTS (deep); i++)
    {
      const char *text = i < G_N_ELEMENTS (texts) ? texts[i] : deep[i - G_N_ELEMENTS (texts)];
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonNode) ours = read_text (text);
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = g_strescape (text, NULL);

      g_test_message ("%s", shown);
      g_assert_nonnull (ours);
      json_parser_load_from_data (parser, text, -1, &error);
      g_assert_no_error (error);
      g_assert_true (same_tree (ours, json_parser_get_root (parser)));
      /* The check of hostile text is left out for an object read. */
      if (JSON_NODE_HOLDS_OBJECT (ours))
        g_assert_true (strata_file_check_json (text, strlen (text), "test.strata", MAX_DEPTH,
                                               NULL));
    }
}

/* The numbers themselves, as file values are read from them: a whole
 * number is one without a fraction or an exponent. */
static void
test_numbers (void)
{
  g_autoptr(JsonNode) root = read_text ("[-0, -0.0, 1e3, -999999999999999999, 0.1, 1e-5]");
  JsonArray *array;
  double zero;

  g_assert_nonnull (root);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 6);
  g_assert_true (json_node_get_value_type (json_array_get_element (array, 0)) == G_TYPE_INT64);
  g_assert_cmpint (json_array_get_int_element (array, 0), ==, 0);
  g_assert_true (json_node_get_value_type (json_array_get_element (array, 1)) == G_TYPE_DOUBLE);
  zero = json_array_get_double_element (array, 1);
  g_assert_true (zero == 0 && signbit (zero));
  g_assert_true (json_node_get_value_type (json_array_get_element (array, 2)) == G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_array_get_double_element (array, 2), ==, 1000);
  g_assert_cmpint (json_array_get_int_element (array, 3), ==, -999999999999999999);
  g_assert_cmpfloat (json_array_get_double_element (array, 4), ==, 0.1);
  g_assert_cmpfloat (json_array_get_double_element (array, 5), ==, 1e-5);
}

/* Valid JSON this reader leaves to json-glib, and text that is not JSON. */
static void
test_gives_up (void)
{
  static const char * const texts[] = {
    /* Escapes, which json-glib 1.6 decodes in its own ways. */
    "\"a\\\"b\"", "\"\\u00e9\"", "\"\\ud83d\\ude00\"", "\"\\n\"",
    /* Integers past 18 digits, which json-glib wraps. */
    "1234567890123456789", "-1234567890123456789",
    /* A key given twice, and an empty key. */
    "{\"a\": 1, \"a\": 2}", "{\"\": 1}",
    /* Not UTF-8, and a control character in a string. */
    "\"\xff\"", "\"\xc3\"", "\"\xed\xa0\x80\"", "\"a\tb\"",
    /* Not JSON. */
    "", " ", "[1,]", "[,1]", "{\"a\" 1}", "{\"a\": 1,}", "{1: 2}", "01", "-01", "1.", ".5", "-",
    "1e", "1e+", "+1", "tru", "nul", "True", "[1] x", "[1", "{", "\"abc", "[1 2]", "NaN",
    "// c\n1", "[1]\x01",
  };
  g_autofree char *too_deep = nested (MAX_DEPTH + 1);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      /* Escaped: TAP output is lines of UTF-8. */
      g_autofree char *shown = g_strescape (texts[i], NULL);

      g_test_message ("%s", shown);
      g_assert_null (read_text (texts[i]));
    }
  g_assert_null (read_text (too_deep));
  /* The length given, not a NUL, ends the text. */
  g_assert_null (strata_json_read ("[1]\0", 4, MAX_DEPTH, NULL, NULL, NULL));
  {
    g_autoptr(JsonNode) cut = strata_json_read ("[1] [2]", 3, MAX_DEPTH, NULL, NULL, NULL);

    g_assert_nonnull (cut);
    g_assert_cmpint (json_array_get_int_element (json_node_get_array (cut), 0), ==, 1);
  }
}

typedef struct
{
  GString *seen;
} Elements;

/* Takes every object out of its list, noting each element as it comes. */
static gboolean
take_objects (JsonArray *array,
              JsonNode  *element,
              gpointer   data)
{
  Elements *elements = data;

  if (JSON_NODE_HOLDS_OBJECT (element))
    {
      g_string_append_printf (elements->seen, "{%u}",
                              json_object_get_size (json_node_get_object (element)));
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (element))
    g_string_append_printf (elements->seen, "[%u]",
                            json_array_get_length (json_node_get_array (element)));
  else
    g_string_append_printf (elements->seen, "%" G_GINT64_FORMAT, json_node_get_int (element));
  return FALSE;
}

/* Each element is handed over once read, the elements of a list in it
 * first, and what is taken is left out of the tree. */
static void
test_elements (void)
{
  g_autoptr(GString) seen = g_string_new (NULL);
  Elements elements = { seen };
  const char *text = "{\"l\": [1, {\"a\": [2, {}]}, [3, {}], 4]}";
  g_autoptr(JsonNode) root = strata_json_read (text, strlen (text), MAX_DEPTH, take_objects,
                                               NULL, &elements);
  JsonArray *list;

  g_assert_nonnull (root);
  g_assert_cmpstr (seen->str, ==, "12{0}{1}3{0}[1]4");
  list = json_object_get_array_member (json_node_get_object (root), "l");
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  g_assert_cmpint (json_array_get_int_element (list, 0), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_array_get_array_element (list, 1)), ==, 1);
  g_assert_cmpint (json_array_get_int_element (list, 2), ==, 4);
}

/* Takes the objects of lists that have a member "take", noting each
 * object offered by its keys. */
static gboolean
take_marked (JsonArray              *array,
             const StrataJsonMember *members,
             guint                   n_members,
             gpointer                data)
{
  Elements *elements = data;
  gboolean take = FALSE;

  g_string_append_c (elements->seen, '(');
  for (guint i = 0; i < n_members; i++)
    {
      g_string_append (elements->seen, members[i].key);
      take |= g_str_equal (members[i].key, "take");
    }
  g_string_append_c (elements->seen, ')');
  return take;
}

/* Objects of lists are offered by their members before any JsonObject is
 * made; those not taken are elements as any other, and an object of
 * more members than are offered is made at once. */
static void
test_objects (void)
{
  g_autoptr(GString) seen = g_string_new (NULL);
  Elements elements = { seen };
  g_autoptr(GString) many = g_string_new ("[{");
  const char *text = "[{\"a\": {\"b\": [{\"take\": 1}]}, \"c\": 2}, {\"take\": [{\"d\": 3}]}, 5, {}]";
  g_autoptr(JsonNode) root = strata_json_read (text, strlen (text), MAX_DEPTH, take_objects,
                                               take_marked, &elements);
  g_autoptr(JsonNode) many_root = NULL;
  JsonArray *list;

  g_assert_nonnull (root);
  /* The inner objects first; one not taken goes on as an element. */
  g_assert_cmpstr (seen->str, ==, "(take)(ac){2}(d){1}(take)5(){0}");
  list = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpint (json_array_get_int_element (list, 0), ==, 5);

  for (guint i = 0; i <= STRATA_JSON_MAX_OFFERED_MEMBERS; i++)
    g_string_append_printf (many, "%s\"k%u\": %u", i > 0 ? ", " : "", i, i);
  g_string_append (many, ", \"take\": 0}]");
  g_string_truncate (seen, 0);
  many_root = strata_json_read (many->str, many->len, MAX_DEPTH, NULL, take_marked, &elements);
  g_assert_nonnull (many_root);
  g_assert_cmpstr (seen->str, ==, "");
  g_assert_cmpuint (json_object_get_size (json_array_get_object_element (
                      json_node_get_array (many_root), 0)), ==,
                    STRATA_JSON_MAX_OFFERED_MEMBERS + 2);

  /* A key given twice is never offered, and json-glib reads the text. */
  g_string_truncate (seen, 0);
  g_assert_null (strata_json_read ("[{\"take\": 1, \"take\": 2}]", 26, MAX_DEPTH, NULL,
                                   take_marked, &elements));
  g_assert_cmpstr (seen->str, ==, "");
}

/* Files this reader gives up on read as they always did, through
 * json-glib: escaped names, a key given twice, numbers past 64 bits. */
static void
test_files_given_up (void)
{
  g_autoptr(StrataNetwork) network = NULL;
  g_autoptr(GError) error = NULL;

  network = load_string ("{\"format\": \"strata\", \"version\": 1, "
                         "\"input\": {\"height\": 8, \"width\": 8, \"channels\": 3}, "
                         "\"layers\": ["
                         "{\"type\": \"conv2d\", \"name\": \"a\\\"b\", \"filters\": 4, "
                         "\"filters\": 6},"
                         "{\"type\": \"activation\", \"name\": \"\\u00e9\\ud83d\\ude00\"},"
                         "{\"type\": \"activation\", \"inputs\": [\"a\\\"b\"]}]}",
                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 3);
  g_assert_cmpuint (strata_layer_get_n_inputs (strata_network_get_layer (network, 2)), ==, 1);
  g_assert_true (strata_layer_get_input (strata_network_get_layer (network, 2), 0) ==
                 strata_network_get_layer (network, 0));
  g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (network, 0)), ==, "a\"b");
  g_assert_cmpuint (strata_layer_get_params (strata_network_get_layer (network, 0))->filters, ==,
                    6);
  g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (network, 1)), ==,
                   "\xc3\xa9\xf0\x9f\x98\x80");
  g_clear_object (&network);

  network = load_string ("{\"format\": \"strata\", \"version\": 1, "
                         "\"input\": {\"height\": 8, \"width\": 8, \"channels\": 3}, "
                         "\"layers\": [{\"type\": \"dense\", "
                         "\"units\": 12345678901234567890}]}", &error);
  g_assert_null (network);
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-read/same-as-json-glib", test_same_as_json_glib);
  g_test_add_func ("/json-read/numbers", test_numbers);
  g_test_add_func ("/json-read/gives-up", test_gives_up);
  g_test_add_func ("/json-read/elements", test_elements);
  g_test_add_func ("/json-read/objects", test_objects);
  g_test_add_func ("/json-read/files-given-up", test_files_given_up);

  return g_test_run ();
}
