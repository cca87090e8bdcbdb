/* test-drafts.c: drafts of unsaved documents written, listed, read back and removed. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "strata-drafts.h"
#include "strata-file.h"
#include "strata-summary.h"
#include "strata-test-random.h"

static char *state_dir;

/* input 28 × 28 × 1, a 3 × 3 convolution of 6 filters named C1, then flatten. */
static StrataNetwork *
make_network (void)
{
  StrataNetwork *network = strata_network_new ();
  g_autoptr(StrataLayer) conv = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  g_autoptr(StrataLayer) flatten = strata_layer_new (STRATA_LAYER_KIND_FLATTEN);
  StrataLayerParams params = *strata_layer_get_params (conv);

  params.kernel = (StrataPair) { 3, 3 };
  params.filters = 6;
  strata_layer_set_params (conv, &params);
  strata_layer_set_name (conv, "C1");
  strata_network_set_name (network, "Tiny");
  strata_network_set_input (network, 28, 28, 1);
  strata_network_append (network, conv);
  strata_network_append (network, flatten);
  return network;
}

static char *
draft_path (const char *id)
{
  g_autofree char *dir = strata_drafts_get_dir ();
  g_autofree char *name = g_strconcat (id, ".draft", NULL);

  return g_build_filename (dir, name, NULL);
}

static void
assert_no_drafts (void)
{
  g_auto(GStrv) ids = strata_drafts_list ();

  g_assert_cmpuint (g_strv_length (ids), ==, 0);
}

static void
test_drafts_dir (void)
{
  g_autofree char *dir = strata_drafts_get_dir ();
  g_autofree char *expected = g_build_filename (state_dir, "strata", "drafts", NULL);

  g_assert_cmpstr (dir, ==, expected);
}

static void
test_drafts_round_trip (void)
{
  g_autoptr(StrataNetwork) network = make_network ();
  g_autoptr(StrataNetwork) loaded = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nowhere/tiny.strata");
  g_autoptr(GFile) loaded_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = strata_drafts_new_id ();
  g_autofree char *other_id = strata_drafts_new_id ();
  g_autofree char *example_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *data = NULL;
  g_autofree char *loaded_data = NULL;
  g_auto(GStrv) ids = NULL;

  g_assert_cmpstr (id, !=, other_id);
  assert_no_drafts ();

  g_assert_true (strata_drafts_save (id, network, file, NULL, "tiny.strata", &error));
  g_assert_no_error (error);
  ids = strata_drafts_list ();
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, id);

  loaded = strata_drafts_load (id, &loaded_file, &example_id, &title, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_true (g_file_equal (loaded_file, file));
  g_assert_null (example_id);
  g_assert_cmpstr (title, ==, "tiny.strata");
  g_assert_cmpuint (strata_network_get_n_layers (loaded), ==, 2);
  g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (loaded, 0)), ==, "C1");
  /* (3 × 3 × 1 + 1) × 6 */
  g_assert_cmpuint (strata_network_get_params (loaded), ==, 60);
  data = strata_file_to_data (network, NULL);
  loaded_data = strata_file_to_data (loaded, NULL);
  g_assert_cmpstr (loaded_data, ==, data);

  /* What a list of drafts shows, without the network. */
  {
    g_autofree char *path = draft_path (id);
    GStatBuf buf;
    StrataDraftInfo info;

    g_assert_cmpint (g_stat (path, &buf), ==, 0);
    g_assert_true (strata_drafts_get_info (id, &info, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (info.title, ==, "tiny.strata");
    g_assert_null (info.example_id);
    g_assert_true (g_file_equal (info.file, file));
    g_assert_cmpint (info.n_layers, ==, 2);
    g_assert_cmpint (info.size, ==, buf.st_size);
    g_assert_cmpint (info.size, >, (goffset) strlen (data));
    g_assert_cmpint (info.modified, ==, buf.st_mtime);
    strata_draft_info_clear (&info);
    g_assert_null (info.title);
    g_assert_null (info.file);
  }

  strata_drafts_delete (id);
  assert_no_drafts ();
  /* Twice is not an error. */
  strata_drafts_delete (id);
}

/* Crash recovery gives back what was there: random networks of every
 * kind, with names that need escaping in the draft's key file too. */
static void
test_drafts_random_round_trip (void)
{
  g_autofree char *id = strata_drafts_new_id ();

  for (guint round = 0; round < 100; round++)
    {
      guint32 seed = g_test_rand_int ();
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(StrataNetwork) network = strata_test_random_network (rand);
      g_autoptr(StrataNetwork) loaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *title = strata_test_random_name (rand);
      g_autofree char *loaded_title = NULL;
      g_autofree char *data = strata_file_to_data (network, NULL);
      g_autofree char *loaded_data = NULL;

      g_test_message ("network seed %u", seed);
      g_assert_true (strata_drafts_save (id, network, NULL, NULL, title, &error));
      g_assert_no_error (error);
      loaded = strata_drafts_load (id, NULL, NULL, &loaded_title, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (loaded_title, ==, title);
      {
        StrataDraftInfo info;

        g_assert_true (strata_drafts_get_info (id, &info, &error));
        g_assert_no_error (error);
        g_assert_cmpstr (info.title, ==, title);
        g_assert_cmpint (info.n_layers, ==, (int) strata_network_get_n_layers (network));
        strata_draft_info_clear (&info);
      }
      loaded_data = strata_file_to_data (loaded, NULL);
      g_assert_cmpstr (loaded_data, ==, data);
      for (StrataSummaryFormat f = STRATA_SUMMARY_TEXT; f <= STRATA_SUMMARY_JSON; f++)
        {
          g_autofree char *summary = strata_summary_to_string (network, f);
          g_autofree char *loaded_summary = strata_summary_to_string (loaded, f);

          g_assert_cmpstr (loaded_summary, ==, summary);
        }
    }
  strata_drafts_delete (id);
  assert_no_drafts ();
}

/* An example's draft has no file; a later write replaces the earlier one. */
static void
test_drafts_overwrite (void)
{
  g_autoptr(StrataNetwork) network = make_network ();
  g_autoptr(StrataNetwork) loaded = NULL;
  g_autoptr(GFile) loaded_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = strata_drafts_new_id ();
  g_autofree char *example_id = NULL;
  g_auto(GStrv) ids = NULL;

  g_assert_true (strata_drafts_save (id, network, NULL, "lenet5", "LeNet-5", &error));
  g_assert_no_error (error);
  strata_network_remove (network, 1);
  g_assert_true (strata_drafts_save (id, network, NULL, "lenet5", "LeNet-5", &error));
  g_assert_no_error (error);

  ids = strata_drafts_list ();
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  loaded = strata_drafts_load (id, &loaded_file, &example_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded_file);
  g_assert_cmpstr (example_id, ==, "lenet5");
  g_assert_cmpuint (strata_network_get_n_layers (loaded), ==, 1);

  strata_drafts_delete (id);
  assert_no_drafts ();
}

/* Not a key file, no network, or a network that does not load: an error. */
static void
test_drafts_corrupt (void)
{
  static const struct {
    const char *contents;
    gboolean    listed;  /* whether its first lines are read */
  } drafts[] = {
    { "\x01\x02 not a key file", FALSE },
    { "[Draft]\nTitle=No network\n", TRUE },
    { "[Draft]\nNetwork={ \"format\": \"strata\", \"version\": 1, \"layers\": [\n", TRUE },
    { "[Other]\nTitle=Not a draft\n", FALSE },
    { "[Draft]\nTitle=\xff\xfe\nNetwork={}\n", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (drafts); i++)
    {
      g_autofree char *id = strata_drafts_new_id ();
      g_autofree char *path = draft_path (id);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) loaded = NULL;
      g_autoptr(GFile) file = NULL;
      StrataDraftInfo info;

      g_assert_true (g_file_set_contents (path, drafts[i].contents, -1, &error));
      g_assert_no_error (error);
      g_assert_true (strata_drafts_get_info (id, &info, &error) == drafts[i].listed);
      g_assert_true ((error == NULL) == drafts[i].listed);
      g_assert_cmpint (info.n_layers, ==, -1);
      strata_draft_info_clear (&info);
      g_clear_error (&error);
      loaded = strata_drafts_load (id, &file, NULL, NULL, &error);
      g_assert_null (loaded);
      g_assert_null (file);
      g_assert_nonnull (error);
      strata_drafts_delete (id);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  assert_no_drafts ();
}

/* What an interrupted write leaves behind is not a draft. */
static void
test_drafts_ignores_others (void)
{
  g_autofree char *dir = strata_drafts_get_dir ();
  g_autofree char *temp = g_build_filename (dir, "abc.draft.X1Y2Z3", NULL);

  g_assert_true (g_file_set_contents (temp, "partial", -1, NULL));
  assert_no_drafts ();
  g_unlink (temp);
}

/* The states of undo and of redo go with the draft, nearest first, at
 * most so many of each; a draft saved without them has none. */
static void
test_drafts_history (void)
{
  g_autoptr(StrataNetwork) network = make_network ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = strata_drafts_new_id ();
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  const char * const redo[] = { "{\"redo\": 1}", "{\"redo\": 2}", NULL };
  g_auto(GStrv) loaded = NULL;
  g_auto(GStrv) loaded_redo = NULL;
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) none_redo = NULL;

  for (guint i = 0; i < STRATA_DRAFTS_MAX_HISTORY + 5; i++)
    g_ptr_array_add (states, g_strdup_printf ("{\"state\": %u}", i));
  g_ptr_array_add (states, NULL);
  g_assert_true (strata_drafts_save_with_history (id, network,
                                                  (const char * const *) states->pdata, redo,
                                                  NULL, NULL, "tiny", &error));
  g_assert_no_error (error);
  loaded = strata_drafts_load_history (id, &loaded_redo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (loaded), ==, STRATA_DRAFTS_MAX_HISTORY);
  for (guint i = 0; i < STRATA_DRAFTS_MAX_HISTORY; i++)
    g_assert_cmpstr (loaded[i], ==, states->pdata[i]);
  g_assert_cmpuint (g_strv_length (loaded_redo), ==, 2);
  g_assert_cmpstr (loaded_redo[0], ==, redo[0]);
  g_assert_cmpstr (loaded_redo[1], ==, redo[1]);

  g_assert_true (strata_drafts_save (id, network, NULL, NULL, "tiny", &error));
  none = strata_drafts_load_history (id, &none_redo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (none_redo), ==, 0);
  strata_drafts_delete (id);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *drafts_dir = NULL;
  int status;

  /* Before anything asks GLib where state goes: never the real home. */
  state_dir = g_dir_make_tmp ("strata-state-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);
  drafts_dir = strata_drafts_get_dir ();
  g_assert_cmpint (g_mkdir_with_parents (drafts_dir, 0700), ==, 0);
  g_clear_pointer (&drafts_dir, g_free);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/drafts/dir", test_drafts_dir);
  g_test_add_func ("/drafts/round-trip", test_drafts_round_trip);
  g_test_add_func ("/drafts/history", test_drafts_history);
  g_test_add_func ("/drafts/random-round-trip", test_drafts_random_round_trip);
  g_test_add_func ("/drafts/overwrite", test_drafts_overwrite);
  g_test_add_func ("/drafts/corrupt", test_drafts_corrupt);
  g_test_add_func ("/drafts/ignores-others", test_drafts_ignores_others);

  status = g_test_run ();

  drafts_dir = strata_drafts_get_dir ();
  g_rmdir (drafts_dir);
  g_clear_pointer (&drafts_dir, g_free);
  drafts_dir = g_build_filename (state_dir, "strata", NULL);
  g_rmdir (drafts_dir);
  g_rmdir (state_dir);
  g_free (state_dir);
  return status;
}
