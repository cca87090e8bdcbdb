/* test-examples.c: the built-in examples, against the frameworks' numbers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "strata-file.h"
#include "strata-test-refs.h"

static guint64
ref_total (const char *relative,
           const char *key)
{
  g_autoptr(JsonNode) root = load_ref (relative);

  return json_object_get_int_member (json_node_get_object (root), key);
}

static void
test_examples (void)
{
  const char * const *ids = strata_file_get_example_ids ();
  gboolean refs = g_getenv ("STRATA_REFS_DIR") != NULL &&
                  g_file_test (g_getenv ("STRATA_REFS_DIR"), G_FILE_TEST_IS_DIR);
  struct {
    const char *id;
    guint64     params;
    guint64     non_trainable;
  } totals[] = {
    /* Published by torchvision (AlexNet) and Keras Applications (MobileNet). */
    { "alexnet", 61100840, 0 },
    { "mobilenet_v1", 4253864, 21888 },
  };
  GError *error = NULL;

  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 5);
  g_assert_cmpstr (ids[0], ==, "lecture");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(StrataNetwork) network = strata_file_load_example (ids[i], &error);

      g_assert_no_error (error);
      g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
      g_assert_nonnull (strata_file_get_example_title (ids[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      g_autoptr(StrataNetwork) network = strata_file_load_example (totals[i].id, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (strata_network_get_params (network), ==, totals[i].params);
      g_assert_cmpuint (strata_network_get_non_trainable_params (network), ==,
                        totals[i].non_trainable);
    }

  if (refs)
    {
      g_autoptr(StrataNetwork) lecture = strata_file_load_example ("lecture", NULL);
      g_autoptr(StrataNetwork) lenet = strata_file_load_example ("lenet5", NULL);
      g_autoptr(StrataNetwork) vgg = strata_file_load_example ("vgg16", NULL);

      g_assert_cmpuint (strata_network_get_params (lecture), ==,
                        ref_total ("torch/ng_cnn.json", "total_params"));
      g_assert_cmpuint (strata_network_get_params (lenet), ==,
                        ref_total ("keras/lenet5.summary.json", "total_params"));
      g_assert_cmpuint (strata_network_get_params (vgg), ==,
                        ref_total ("torch/vgg16.json", "total_params"));
    }

  g_assert_null (strata_file_load_example ("resnet50", &error));
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/examples/totals", test_examples);

  return g_test_run ();
}
