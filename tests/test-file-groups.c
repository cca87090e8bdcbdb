/* test-file-groups.c: the groups of layers a user made, saved and read back, and damaged. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "strata-test-file.h"
#include "strata-test-groups.h"

#define FILE_OF(layers, groups) \
  "{\"format\": \"strata\", \"version\": 2, " \
  "\"input\": {\"height\": 8, \"width\": 8, \"channels\": 3}, \"layers\": [" layers "]" \
  groups "}"
#define FIVE \
  "{\"type\": \"activation\", \"name\": \"a\"}, {\"type\": \"activation\", \"name\": \"b\"}," \
  "{\"type\": \"activation\", \"name\": \"c\"}, {\"type\": \"activation\", \"name\": \"d\"}," \
  "{\"type\": \"activation\", \"name\": \"e\"}"

static void
test_file_groups_read (void)
{
  /* In any order in the file; the second file's escaped name makes it
   * read by json-glib's parser rather than ours: both read the same. */
  static const char * const files[] = {
    FILE_OF (FIVE, ", \"groups\": [{\"name\": \"tail\", \"first\": \"d\", \"last\": \"e\"},"
                   " {\"name\": \"block1\", \"first\": \"a\", \"last\": \"b\"},"
                   " {\"first\": \"c\", \"last\": \"c\", \"ungrouped\": true}]"),
    FILE_OF (FIVE, ", \"groups\": [{\"name\": \"t\\u0061il\", \"first\": \"d\", \"last\": \"e\"},"
                   " {\"name\": \"block1\", \"first\": \"a\", \"last\": \"b\"},"
                   " {\"first\": \"c\", \"last\": \"c\", \"ungrouped\": true}]"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = load_string (files[i], &error);
      g_autofree char *described = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (strata_network_get_n_layers (network), ==, 5);
      described = describe_groups (network);
      g_assert_cmpstr (described, ==, "block1:0-1 -:2-2 tail:3-4");
    }
}

static void
test_file_groups_round_trip (void)
{
  g_autoptr(StrataNetwork) network = strata_file_load_example ("lecture", NULL);
  g_autoptr(StrataNetwork) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = strata_file_to_data (network, NULL);
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *described = NULL;

  /* Without groups, a lecture's chain stays a version 1 file. */
  g_assert_nonnull (strstr (plain, "\"version\" : 1,"));
  g_assert_null (strstr (plain, "groups"));

  /* A bounding layer without a name, or whose name another layer has,
   * gets one of its own so that the group names one layer. */
  strata_layer_set_name (strata_network_get_layer (network, 0), NULL);
  strata_layer_set_name (strata_network_get_layer (network, 3),
                         strata_layer_get_name (strata_network_get_layer (network, 2)));
  g_assert_cmpint (strata_network_add_group (network, 0, 1, "stem", NULL), ==, 0);
  g_assert_cmpint (strata_network_add_group (network, 2, 3, NULL, NULL), ==, 1);
  g_assert_cmpint (strata_network_add_group (network, 4, 6, "head", NULL), ==, 2);

  text = strata_file_to_data (network, NULL);
  g_assert_nonnull (strstr (text, "\"version\" : 2,"));
  g_assert_nonnull (strstr (text, "\"groups\" : [\n    {\n      \"name\" : \"stem\",\n"
                                  "      \"first\" : \"conv2d_1\",\n      \"last\" : \"POOL1\"\n"
                                  "    },"));
  g_assert_nonnull (strstr (text, "\"ungrouped\" : true"));
  loaded = load_string (text, &error);
  g_assert_no_error (error);
  described = describe_groups (loaded);
  g_assert_cmpstr (described, ==, "stem:0-1 -:2-3 head:4-6");
  again = strata_file_to_data (loaded, NULL);
  g_assert_cmpstr (text, ==, again);
}

static void
test_file_groups_bad (void)
{
  static const BadFile bad[] = {
    { FILE_OF (FIVE, ", \"groups\": [{\"name\": \"g\", \"first\": \"a\", \"last\": \"zz\"}]"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”: group 1: “last” names “zz”, but no layer has that name" },
    { FILE_OF (FIVE, ", \"groups\": [{\"name\": \"g\", \"first\": \"d\", \"last\": \"b\"}]"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”: group 1: its last layer, “b”, comes before its first, “d”" },
    { FILE_OF (FIVE, ", \"groups\": [{\"name\": \"g\", \"first\": \"c\", \"last\": \"e\"},"
                     " {\"name\": \"h\", \"first\": \"a\", \"last\": \"c\"}]"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”: groups 1 and 2 overlap: a layer is in one group at most" },
    { FILE_OF (FIVE ", {\"type\": \"activation\", \"name\": \"a\"}",
               ", \"groups\": [{\"name\": \"g\", \"first\": \"a\", \"last\": \"b\"}]"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”: group 1: “first” names “a”, which more than one layer has" },
    { FILE_OF (FIVE, ", \"groups\": [{\"first\": \"a\", \"last\": \"b\"}]"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”: group 1: there is no “name”" },
    { FILE_OF (FIVE, ", \"groups\": [{\"name\": \"g\", \"last\": \"b\"}]"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”: group 1: there is no “first”" },
    { FILE_OF (FIVE, ", \"groups\": [{\"name\": \"g\", \"first\": \"a\", \"last\": \"b\","
                     " \"ungrouped\": true}]"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”: group 1: an ungrouped run has no “name”" },
    { FILE_OF (FIVE, ", \"groups\": [{\"name\": \"g\", \"first\": \"a\", \"last\": \"b\","
                     " \"colour\": \"red\"}]"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”: group 1: “colour” is not a key of a group" },
    { FILE_OF (FIVE, ", \"groups\": [{\"name\": \"\", \"first\": \"a\", \"last\": \"b\"}]"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”: group 1: “name” must be from 1 to 1024 characters long" },
    { FILE_OF (FIVE, ", \"groups\": [\"a\"]"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”: group 1 must be an object, not text" },
    { FILE_OF (FIVE, ", \"groups\": {\"name\": \"g\"}"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”: “groups” must be a list, not an object" },
    { FILE_OF (FIVE, ", \"groups\": [{\"name\": \"g\", \"first\": 1, \"last\": \"b\"}]"),
      STRATA_FILE_ERROR_INVALID,
      "“test.strata”: group 1: “first” must be text, not a number" },
  };

  strata_test_assert_bad_files (bad, G_N_ELEMENTS (bad));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-groups/read", test_file_groups_read);
  g_test_add_func ("/file-groups/round-trip", test_file_groups_round_trip);
  g_test_add_func ("/file-groups/bad", test_file_groups_bad);

  return g_test_run ();
}
