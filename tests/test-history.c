/* test-history.c: undo and redo of every kind of edit to a network. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-history.h"

static StrataLayer *
conv (guint filters)
{
  StrataLayer *layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  StrataLayerParams params = *strata_layer_get_params (layer);

  params.filters = filters;
  strata_layer_set_params (layer, &params);
  return layer;
}

static void
set_filters (StrataLayer *layer,
             guint        filters)
{
  StrataLayerParams params = *strata_layer_get_params (layer);

  params.filters = filters;
  strata_layer_set_params (layer, &params);
}

static void
test_history_structure (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(StrataHistory) history = strata_history_new (network);
  g_autoptr(StrataLayer) a = conv (4);
  g_autoptr(StrataLayer) b = conv (8);
  g_autoptr(StrataLayer) c = conv (16);
  int position = -2;

  g_assert_false (strata_history_can_undo (history));
  g_assert_false (strata_history_get_modified (history));

  strata_network_append (network, a);
  strata_network_append (network, b);
  strata_network_append (network, c);
  g_assert_true (strata_history_get_modified (history));

  /* A move undoes to the old order, with the same layer objects. */
  strata_network_move (network, 2, 0);
  g_assert_true (strata_network_get_layer (network, 0) == c);
  g_assert_true (strata_history_undo (history, &position));
  g_assert_true (strata_network_get_layer (network, 0) == a);
  g_assert_true (strata_network_get_layer (network, 2) == c);
  g_assert_true (strata_history_redo (history, NULL));
  g_assert_true (strata_network_get_layer (network, 0) == c);

  /* A removal comes back where it was. */
  strata_network_remove (network, 1);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 2);
  g_assert_true (strata_history_undo (history, &position));
  g_assert_cmpint (position, ==, 1);
  g_assert_true (strata_network_get_layer (network, 1) == a);

  /* Back to the empty network, then all the way forward. */
  while (strata_history_undo (history, NULL))
    ;
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 0);
  g_assert_false (strata_history_get_modified (history));
  while (strata_history_redo (history, NULL))
    ;
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 2);
  g_assert_true (strata_network_get_layer (network, 0) == c);
  g_assert_true (strata_network_get_layer (network, 1) == b);
}

static void
test_history_params (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(StrataLayer) layer = conv (8);
  g_autoptr(StrataHistory) history = NULL;
  int position = -2;

  strata_network_set_input (network, 32, 32, 3);
  strata_network_append (network, layer);
  history = strata_history_new (network);
  g_assert_cmpuint (strata_network_get_params (network), ==, (3 * 3 * 3 + 1) * 8);

  /* Quick successive edits of one layer are one step... */
  set_filters (layer, 9);
  set_filters (layer, 10);
  strata_layer_set_name (layer, "C");
  g_assert_true (strata_history_undo (history, &position));
  g_assert_cmpint (position, ==, 0);
  g_assert_null (strata_layer_get_name (layer));
  g_assert_true (strata_history_undo (history, NULL));
  g_assert_cmpuint (strata_layer_get_params (layer)->filters, ==, 8);
  g_assert_cmpuint (strata_network_get_params (network), ==, (3 * 3 * 3 + 1) * 8);
  g_assert_false (strata_history_can_undo (history));

  /* ...unless the merge is broken, e.g. by selecting another layer. */
  set_filters (layer, 9);
  strata_history_break_merge (history);
  set_filters (layer, 10);
  g_assert_true (strata_history_undo (history, NULL));
  g_assert_cmpuint (strata_layer_get_params (layer)->filters, ==, 9);
  g_assert_true (strata_history_redo (history, NULL));
  g_assert_cmpuint (strata_layer_get_params (layer)->filters, ==, 10);

  /* The input is an edit too, and undo reports it as position -1. */
  strata_history_break_merge (history);
  strata_network_set_input (network, 64, 48, 1);
  g_assert_true (strata_history_undo (history, &position));
  g_assert_cmpint (position, ==, -1);
  g_assert_cmpuint (strata_network_get_input_shape (network)->height, ==, 32);
  g_assert_cmpuint (strata_network_get_input_shape (network)->channels, ==, 3);
}

/* The network's name, the diagram's title: typed letter by letter, it is
 * one step, and undo says so. */
static void
test_history_title (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(StrataHistory) history = NULL;
  int position = 0;

  strata_network_set_name (network, "LeNet");
  history = strata_history_new (network);
  strata_history_set_unmodified (history);

  strata_network_set_name (network, "LeNet-");
  strata_network_set_name (network, "LeNet-5");
  g_assert_true (strata_history_get_modified (history));
  g_assert_true (strata_history_undo (history, &position));
  g_assert_cmpint (position, ==, STRATA_HISTORY_TITLE);
  g_assert_cmpstr (strata_network_get_name (network), ==, "LeNet");
  g_assert_false (strata_history_get_modified (history));
  g_assert_false (strata_history_can_undo (history));

  g_assert_true (strata_history_redo (history, &position));
  g_assert_cmpint (position, ==, STRATA_HISTORY_TITLE);
  g_assert_cmpstr (strata_network_get_name (network), ==, "LeNet-5");

  /* No name at all is a title too. */
  strata_history_break_merge (history);
  strata_network_set_name (network, NULL);
  g_assert_true (strata_history_undo (history, NULL));
  g_assert_cmpstr (strata_network_get_name (network), ==, "LeNet-5");
}

static void
test_history_modified (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(StrataHistory) history = strata_history_new (network);
  g_autoptr(StrataLayer) layer = conv (8);

  strata_network_append (network, layer);
  strata_history_set_unmodified (history);
  g_assert_false (strata_history_get_modified (history));

  /* An edit after saving is its own step: undo returns to the saved state. */
  set_filters (layer, 12);
  g_assert_true (strata_history_get_modified (history));
  strata_history_undo (history, NULL);
  g_assert_false (strata_history_get_modified (history));
  g_assert_cmpuint (strata_layer_get_params (layer)->filters, ==, 8);

  /* Undo past the save, then a new edit: the saved state is gone for good. */
  strata_history_undo (history, NULL);
  g_assert_true (strata_history_get_modified (history));
  strata_network_set_input (network, 8, 8, 1);
  g_assert_false (strata_history_can_redo (history));
  while (strata_history_undo (history, NULL))
    g_assert_true (strata_history_get_modified (history) ||
                   strata_network_get_n_layers (network) == 0);
}

static void
test_history_group (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(StrataHistory) history = strata_history_new (network);
  g_autoptr(StrataLayer) a = conv (4);
  g_autoptr(StrataLayer) b = conv (8);

  strata_history_begin_group (history);
  strata_network_append (network, a);
  strata_network_append (network, b);
  set_filters (a, 5);
  strata_history_end_group (history);

  g_assert_true (strata_history_undo (history, NULL));
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 0);
  g_assert_false (strata_history_can_undo (history));
  g_assert_true (strata_history_redo (history, NULL));
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 2);
  g_assert_cmpuint (strata_layer_get_params (a)->filters, ==, 5);
}

static void
test_history_finalize (void)
{
  StrataNetwork *network = strata_network_new ();
  StrataHistory *history = strata_history_new (network);
  StrataLayer *layer = conv (8);

  strata_network_append (network, layer);
  strata_network_remove (network, 0);
  g_object_unref (layer);

  /* The history holds the removed layer for undo, and lets it go with it. */
  g_assert_finalize_object (history);
  g_assert_finalize_object (network);
}

/* What a state of @network is: each layer's kind, name, hyper-parameters,
 * what it reads and whose weights it shares, by position, with the input
 * and the title. */
static char *
describe (StrataNetwork *network)
{
  const StrataShape *input = strata_network_get_input_shape (network);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s %" G_GUINT64_FORMAT "×%" G_GUINT64_FORMAT "×%"
                          G_GUINT64_FORMAT ":", strata_network_get_name (network),
                          (guint64) input->height, (guint64) input->width,
                          (guint64) input->channels);
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      const StrataLayerParams *params = strata_layer_get_params (layer);

      g_string_append_printf (text, " [%d %s f%u k%u", strata_layer_get_kind (layer),
                              strata_layer_get_name (layer), params->filters,
                              params->kernel.height);
      for (guint j = 0; j < strata_layer_get_n_inputs (layer); j++)
        {
          StrataLayer *from = strata_layer_get_input (layer, j);

          g_string_append_printf (text, " <%d", from != NULL ? strata_network_index_of (network, from)
                                                             : -1);
        }
      if (strata_layer_get_shares (layer) != NULL)
        g_string_append_printf (text, " =%d",
                                strata_network_index_of (network, strata_layer_get_shares (layer)));
      g_string_append_printf (text, " %" G_GUINT64_FORMAT "]", strata_layer_get_params_count (layer));
    }
  return g_string_free (text, FALSE);
}

static gboolean
collect_state (StrataNetwork *state,
               gpointer       user_data)
{
  g_ptr_array_add (user_data, describe (state));
  return TRUE;
}

/* The states walked on a copy are the states undo and redo reach, step by
 * step, for every kind of step; the network is left as it was. */
static void
test_history_walk_states (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(StrataHistory) history = strata_history_new (network);
  g_autoptr(StrataLayer) a = conv (4);
  g_autoptr(StrataLayer) b = conv (8);
  g_autoptr(StrataLayer) c = conv (16);
  g_autoptr(StrataLayer) sum = strata_layer_new (STRATA_LAYER_KIND_ADD);
  g_autoptr(StrataLayer) drop = strata_layer_new (STRATA_LAYER_KIND_DROPOUT);
  g_autoptr(GPtrArray) back = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) forth = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *present = NULL;
  StrataLayer *inputs[2];
  StrataLayerParams params;

  strata_network_set_input (network, 32, 32, 3);
  strata_history_set_unmodified (history);
  strata_network_append (network, a);
  strata_network_append (network, b);
  strata_network_append (network, c);
  set_filters (b, 12);
  strata_history_break_merge (history);
  strata_layer_set_name (a, "first");
  strata_history_break_merge (history);
  params = *strata_layer_get_params (c);
  params.padding_mode = STRATA_PADDING_SAME;
  strata_layer_set_params (c, &params);
  strata_history_break_merge (history);
  /* A merge of b and c, then b removed: the merge reads a instead. */
  strata_history_begin_group (history);
  strata_network_append (network, sum);
  inputs[0] = b;
  inputs[1] = c;
  g_assert_true (strata_network_set_inputs (network, 3, inputs, 2, NULL));
  strata_history_end_group (history);
  strata_network_remove (network, 1);
  strata_network_set_input (network, 28, 28, 1);
  strata_history_break_merge (history);
  strata_network_set_name (network, "walked");
  strata_network_append (network, drop);
  g_assert_true (strata_network_can_move (network, 3, 1, NULL));
  strata_network_move (network, 3, 1);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, 4);

  /* Two steps undone: redo has them. */
  g_assert_true (strata_history_undo (history, NULL));
  g_assert_true (strata_history_undo (history, NULL));
  present = describe (network);

  strata_history_walk_states (history, FALSE, collect_state, back);
  strata_history_walk_states (history, TRUE, collect_state, forth);
  {
    g_autofree char *after = describe (network);

    g_assert_cmpstr (after, ==, present);
  }
  g_assert_cmpuint (forth->len, ==, 2);
  g_assert_cmpuint (back->len, >=, 9);
  for (guint i = 0; i < back->len; i++)
    {
      g_autofree char *state = NULL;

      g_assert_true (strata_history_undo (history, NULL));
      state = describe (network);
      g_test_message ("undo %u: %s", i + 1, state);
      g_assert_cmpstr (state, ==, back->pdata[i]);
    }
  g_assert_false (strata_history_can_undo (history));
  while (back->len > 0)
    {
      g_autofree char *state = NULL;

      g_ptr_array_set_size (back, back->len - 1);
      g_assert_true (strata_history_redo (history, NULL));
      state = describe (network);
      g_assert_cmpstr (state, ==, back->len > 0 ? back->pdata[back->len - 1] : present);
    }
  for (guint i = 0; i < forth->len; i++)
    {
      g_autofree char *state = NULL;

      g_assert_true (strata_history_redo (history, NULL));
      state = describe (network);
      g_assert_cmpstr (state, ==, forth->pdata[i]);
    }
  g_assert_false (strata_history_can_redo (history));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/structure", test_history_structure);
  g_test_add_func ("/history/params", test_history_params);
  g_test_add_func ("/history/title", test_history_title);
  g_test_add_func ("/history/modified", test_history_modified);
  g_test_add_func ("/history/group", test_history_group);
  g_test_add_func ("/history/finalize", test_history_finalize);
  g_test_add_func ("/history/walk-states", test_history_walk_states);

  return g_test_run ();
}
