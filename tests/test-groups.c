/* test-groups.c: groups of layers a user made, through edits of layers and undo. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-history.h"
#include "strata-test-groups.h"

/* A chain of @n activation layers named "l0", "l1"… */
static StrataNetwork *
chain (guint n)
{
  StrataNetwork *network = strata_network_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StrataLayer) layer = strata_layer_new (STRATA_LAYER_KIND_ACTIVATION);
      g_autofree char *name = g_strdup_printf ("l%u", i);

      strata_layer_set_name (layer, name);
      strata_network_append (network, layer);
    }
  return network;
}

#define assert_groups(network, expected) \
  G_STMT_START { \
    g_autofree char *described = describe_groups (network); \
    g_assert_cmpstr (described, ==, expected); \
  } G_STMT_END

static void
count_cb (StrataNetwork *network,
          guint         *count)
{
  (*count)++;
}

static void
test_groups_add (void)
{
  g_autoptr(StrataNetwork) network = chain (10);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  guint changes = 0;

  g_signal_connect (network, "groups-changed", G_CALLBACK (count_cb), &changes);
  g_assert_cmpint (strata_network_add_group (network, 5, 7, "late", NULL), ==, 0);
  g_assert_cmpint (strata_network_add_group (network, 1, 2, "block1", NULL), ==, 0);
  g_assert_cmpint (strata_network_add_group (network, 9, 9, NULL, NULL), ==, 2);
  assert_groups (network, "block1:1-2 late:5-7 -:9-9");
  g_assert_cmpuint (changes, ==, 3);

  g_assert_cmpint (strata_network_find_group (network, 0), ==, -1);
  g_assert_cmpint (strata_network_find_group (network, 2), ==, 0);
  g_assert_cmpint (strata_network_find_group (network, 6), ==, 1);
  g_assert_cmpint (strata_network_find_group (network, 8), ==, -1);
  g_assert_cmpint (strata_network_find_group (network, 9), ==, 2);

  /* Groups never overlap, and the error names the one in the way. */
  g_assert_cmpint (strata_network_add_group (network, 2, 4, "x", &error), ==, -1);
  g_assert_error (error, STRATA_NETWORK_ERROR, STRATA_NETWORK_ERROR_GROUP);
  g_assert_cmpstr (error->message, ==, "These layers overlap the group “block1”");
  g_assert_cmpuint (changes, ==, 3);

  name = strata_network_new_group_name (network);
  g_assert_cmpstr (name, ==, "block2");

  strata_network_remove_group (network, 1);
  assert_groups (network, "block1:1-2 -:9-9");
  g_assert_cmpuint (changes, ==, 4);
}

static void
test_groups_edits (void)
{
  g_autoptr(StrataNetwork) network = chain (10);
  g_autoptr(StrataLayer) added = strata_layer_new (STRATA_LAYER_KIND_DROPOUT);
  g_autoptr(StrataLayer) outside = strata_layer_new (STRATA_LAYER_KIND_DROPOUT);
  guint changes = 0;

  strata_network_add_group (network, 2, 4, "a", NULL);
  strata_network_add_group (network, 6, 8, "b", NULL);
  g_signal_connect (network, "groups-changed", G_CALLBACK (count_cb), &changes);

  /* Put inside, a layer joins; before the first or after the last, not. */
  strata_network_insert (network, 3, added);
  assert_groups (network, "a:2-5 b:7-9");
  strata_network_insert (network, 2, outside);
  assert_groups (network, "a:3-6 b:8-10");
  g_assert_cmpuint (changes, ==, 0);

  /* Taking out a bounding layer hands its place to the next one in. */
  strata_network_remove (network, 3);
  assert_groups (network, "a:3-5 b:7-9");
  strata_network_remove (network, 9);
  assert_groups (network, "a:3-5 b:7-8");
  g_assert_cmpuint (changes, ==, 2);

  /* A moved bounding layer leaves its group; an inner one moved out too. */
  strata_network_move (network, 3, 0);
  assert_groups (network, "a:4-5 b:7-8");
  strata_network_move (network, 7, 1);
  assert_groups (network, "a:5-6 b:8-8");
  /* A group of one layer goes where its layer goes… */
  strata_network_move (network, 8, 2);
  assert_groups (network, "b:2-2 a:6-7");
  /* …but not into another group: it is dropped. */
  strata_network_move (network, 2, 6);
  assert_groups (network, "a:5-7");
  /* A group whose layers all go goes too. */
  strata_network_splice (network, 4, 5, NULL, 0);
  assert_groups (network, "");
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 5);
}

static void
test_groups_history (void)
{
  g_autoptr(StrataNetwork) network = chain (6);
  g_autoptr(StrataHistory) history = strata_history_new (network);
  int position = -2;

  strata_network_add_group (network, 1, 3, "block1", NULL);
  assert_groups (network, "block1:1-3");
  g_assert_true (strata_history_undo (history, &position));
  assert_groups (network, "");
  g_assert_cmpint (position, ==, 1);
  g_assert_true (strata_history_redo (history, &position));
  assert_groups (network, "block1:1-3");
  g_assert_cmpint (position, ==, 1);

  /* Removing a bounding layer is one step with the shrinking of its group:
   * undone, the group has its first layer again. */
  strata_network_remove (network, 1);
  assert_groups (network, "block1:1-2");
  g_assert_true (strata_history_undo (history, NULL));
  assert_groups (network, "block1:1-3");
  g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (network, 1)), ==, "l1");

  /* Undoing a move puts its bounding layer back at the end of the group. */
  strata_network_move (network, 3, 5);
  assert_groups (network, "block1:1-2");
  g_assert_true (strata_history_undo (history, NULL));
  assert_groups (network, "block1:1-3");
  g_assert_true (strata_history_redo (history, NULL));
  assert_groups (network, "block1:1-2");

  /* Removing the whole group's layers, undone, gives it back. */
  strata_network_splice (network, 1, 2, NULL, 0);
  assert_groups (network, "");
  g_assert_true (strata_history_undo (history, NULL));
  assert_groups (network, "block1:1-2");

  /* Renaming is a step of its own. */
  strata_network_rename_group (network, 0, "stem");
  assert_groups (network, "stem:1-2");
  g_assert_true (strata_history_undo (history, &position));
  assert_groups (network, "block1:1-2");
  g_assert_cmpint (position, ==, 1);

  /* Ungrouping is an undoable step too. */
  strata_network_remove_group (network, 0);
  assert_groups (network, "");
  g_assert_true (strata_history_undo (history, &position));
  assert_groups (network, "block1:1-2");
  g_assert_cmpint (position, ==, 1);
}

static gboolean
collect_cb (StrataNetwork *state,
            GPtrArray     *states)
{
  g_ptr_array_add (states, describe_groups (state));
  return TRUE;
}

/* The states undo would reach, made on a copy for drafts, have the
 * groups each had. */
static void
test_groups_states (void)
{
  g_autoptr(StrataNetwork) network = chain (6);
  g_autoptr(StrataHistory) history = strata_history_new (network);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);

  strata_network_add_group (network, 1, 3, "block1", NULL);
  strata_network_remove (network, 1);
  strata_network_rename_group (network, 0, "stem");
  strata_history_walk_states (history, FALSE, (StrataHistoryStateFunc) collect_cb, states);
  g_assert_cmpuint (states->len, ==, 3);
  g_assert_cmpstr (states->pdata[0], ==, "block1:1-2");
  g_assert_cmpstr (states->pdata[1], ==, "block1:1-3");
  g_assert_cmpstr (states->pdata[2], ==, "");
  assert_groups (network, "stem:1-2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/groups/add", test_groups_add);
  g_test_add_func ("/groups/edits", test_groups_edits);
  g_test_add_func ("/groups/history", test_groups_history);
  g_test_add_func ("/groups/states", test_groups_states);

  return g_test_run ();
}
