/* test-network.c: a network recomputes from the first affected layer and says exactly what changed. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "strata-network.h"

typedef struct
{
  StrataNetwork *network;
  GPtrArray     *events; /* "object:property" or "items-changed:pos,rem,add", in order */
} Fixture;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Fixture    *f)
{
  const char *who = STRATA_IS_LAYER (object) ? strata_layer_get_display_name (STRATA_LAYER (object))
                                              : "network";

  g_ptr_array_add (f->events, g_strdup_printf ("%s:%s", who, pspec->name));
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_ptr_array_add (f->events, g_strdup_printf ("items-changed:%u,%u,%u", position, removed, added));
}

static StrataLayer *
make_layer (StrataLayerKind  kind,
            const char      *name,
            const char      *first_property,
            ...)
{
  StrataLayer *layer = strata_layer_new (kind);
  va_list args;

  strata_layer_set_name (layer, name);
  va_start (args, first_property);
  g_object_set_valist (G_OBJECT (layer), first_property, args);
  va_end (args);
  return layer;
}

/* The lecture example, built through the API. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  StrataLayer *layers[] = {
    make_layer (STRATA_LAYER_KIND_CONV2D, "CONV1", "filters", 8, "kernel-height", 5,
                "kernel-width", 5, "activation", STRATA_ACTIVATION_RELU, NULL),
    make_layer (STRATA_LAYER_KIND_MAXPOOL2D, "POOL1", NULL),
    make_layer (STRATA_LAYER_KIND_CONV2D, "CONV2", "filters", 16, "kernel-height", 5,
                "kernel-width", 5, NULL),
    make_layer (STRATA_LAYER_KIND_MAXPOOL2D, "POOL2", NULL),
    make_layer (STRATA_LAYER_KIND_DENSE, "FC3", "units", 120, NULL),
    make_layer (STRATA_LAYER_KIND_DENSE, "FC4", "units", 84, NULL),
    make_layer (STRATA_LAYER_KIND_DENSE, "Softmax", "units", 10, NULL),
  };

  f->network = strata_network_new ();
  strata_network_set_input (f->network, 32, 32, 3);
  strata_network_splice (f->network, 0, 0, layers, G_N_ELEMENTS (layers));
  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      g_signal_connect (layers[i], "notify", G_CALLBACK (notify_cb), f);
      g_object_unref (layers[i]);
    }
  g_signal_connect (f->network, "notify", G_CALLBACK (notify_cb), f);
  g_signal_connect (f->network, "items-changed", G_CALLBACK (items_changed_cb), f);
  f->events = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->network, f);
  for (guint i = 0; i < strata_network_get_n_layers (f->network); i++)
    g_signal_handlers_disconnect_by_data (strata_network_get_layer (f->network, i), f);
  g_assert_finalize_object (f->network);
  g_ptr_array_unref (f->events);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Compares the recorded events with @expected (space-separated) as sorted
 * lists, so order is free but duplicates count, then forgets them. */
static void
assert_event_set (Fixture    *f,
                  const char *expected)
{
  g_auto(GStrv) want = g_strsplit (expected, " ", -1);
  guint n_want = *expected == '\0' ? 0 : g_strv_length (want);
  g_autofree char *wanted = NULL;
  g_autofree char *got = NULL;

  qsort (want, n_want, sizeof (char *), compare_strings);
  g_ptr_array_sort (f->events, compare_strings);
  g_ptr_array_add (f->events, NULL);
  got = g_strjoinv (" ", (char **) f->events->pdata);
  g_ptr_array_set_size (f->events, 0);
  if (n_want == 0)
    wanted = g_strdup ("");
  else
    wanted = g_strjoinv (" ", want);
  g_assert_cmpstr (got, ==, wanted);
}

static char *
shape_of (Fixture *f,
          guint    position)
{
  const StrataShape *shape =
    strata_layer_get_output_shape (strata_network_get_layer (f->network, position));

  return shape != NULL ? strata_shape_to_string (shape) : g_strdup ("none");
}

static void
test_totals (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *fc3 = shape_of (f, 4);

  g_assert_cmpuint (strata_network_get_n_layers (f->network), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->network)), ==, 7);
  g_assert_cmpuint (strata_network_get_params (f->network), ==, 62958);
  g_assert_cmpuint (strata_network_get_trainable_params (f->network), ==, 62958);
  g_assert_cmpuint (strata_network_get_non_trainable_params (f->network), ==, 0);
  g_assert_cmpuint (strata_network_get_activation_size (f->network), ==,
                    6272 + 1568 + 1600 + 400 + 120 + 84 + 10);
  g_assert_cmpuint (strata_network_get_macs (f->network), ==,
                    470400 + 320000 + 48000 + 10080 + 840);
  g_assert_cmpuint (strata_network_get_param_memory (f->network), ==, 4 * 62958);
  g_assert_cmpuint (strata_network_get_activation_memory (f->network), ==, 4 * 10054);
  g_assert_cmpint (strata_network_get_first_error (f->network), ==, -1);
  g_assert_cmpstr (fc3, ==, "120");
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  StrataLayer *conv1 = strata_network_get_layer (f->network, 0);
  g_autofree char *pool1 = NULL;

  /* Fewer filters: CONV1 and POOL1 change shape; CONV2 keeps its shape but
   * has fewer weights; nothing after CONV2 hears anything. */
  g_object_set (conv1, "filters", 6, NULL);
  assert_event_set (f,
                    "CONV1:filters CONV1:output-shape CONV1:activation-size CONV1:params "
                    "CONV1:trainable-params CONV1:macs CONV1:formula "
                    "POOL1:output-shape POOL1:activation-size "
                    "CONV2:params CONV2:trainable-params CONV2:macs CONV2:formula "
                    "network:params network:trainable-params network:activation-size "
                    "network:macs network:param-memory network:activation-memory");
  pool1 = shape_of (f, 1);
  g_assert_cmpstr (pool1, ==, "14 × 14 × 6");
  g_assert_cmpuint (strata_network_get_params (f->network), ==,
                    (5 * 5 * 3 + 1) * 6 + (5 * 5 * 6 + 1) * 16 + 48120 + 10164 + 850);

  /* The same value again: silence. */
  g_object_set (conv1, "filters", 6, NULL);
  assert_event_set (f, "");

  /* A rename is not a recompute. */
  strata_layer_set_name (strata_network_get_layer (f->network, 6), "Output");
  assert_event_set (f, "Output:name");
}

static void
test_input (Fixture       *f,
            gconstpointer  data)
{
  /* A wider input changes every spatial shape, and FC3's weights. */
  strata_network_set_input (f->network, 32, 36, 3);
  assert_event_set (f,
                    "network:input-width "
                    "CONV1:output-shape CONV1:activation-size CONV1:macs "
                    "POOL1:output-shape POOL1:activation-size "
                    "CONV2:output-shape CONV2:activation-size CONV2:macs "
                    "POOL2:output-shape POOL2:activation-size "
                    "FC3:params FC3:trainable-params FC3:macs FC3:formula "
                    "network:params network:trainable-params network:activation-size "
                    "network:macs network:param-memory network:activation-memory");
  g_assert_cmpuint (strata_layer_get_params_count (strata_network_get_layer (f->network, 4)),
                    ==, (5 * 6 * 16 + 1) * 120);

  strata_network_set_input (f->network, 32, 36, 3);
  assert_event_set (f, "");
}

static void
test_error_propagates (Fixture       *f,
                       gconstpointer  data)
{
  StrataLayer *conv2 = strata_network_get_layer (f->network, 2);

  /* A 15 × 15 kernel does not fit POOL1's 14 × 14: CONV2 fails, every later
   * layer loses its shape and counts, and the totals drop them. */
  g_object_set (conv2, "kernel-height", 15, "kernel-width", 15, NULL);
  g_assert_cmpint (strata_network_get_first_error (f->network), ==, 2);
  g_assert_cmpstr (strata_layer_get_error (conv2), ==,
                   "A 15 × 15 kernel does not fit a 14 × 14 input without padding");
  for (guint i = 2; i < 7; i++)
    {
      StrataLayer *layer = strata_network_get_layer (f->network, i);

      g_assert_false (strata_layer_has_shape (layer));
      g_assert_null (strata_layer_get_output_shape (layer));
      g_assert_cmpuint (strata_layer_get_params_count (layer), ==, 0);
      g_assert_cmpuint (strata_layer_get_activation_size (layer), ==, 0);
      if (i > 2)
        g_assert_null (strata_layer_get_error (layer));
    }
  g_assert_cmpuint (strata_network_get_params (f->network), ==, 608);

  /* Fixing it brings everything back. */
  g_ptr_array_set_size (f->events, 0);
  g_object_set (conv2, "kernel-height", 5, "kernel-width", 5, NULL);
  g_assert_cmpint (strata_network_get_first_error (f->network), ==, -1);
  g_assert_cmpuint (strata_network_get_params (f->network), ==, 62958);
}

static void
test_insert_remove (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(StrataLayer) bn = make_layer (STRATA_LAYER_KIND_BATCHNORM, "BN", NULL);
  g_autofree char *shape = NULL;

  g_signal_connect (bn, "notify", G_CALLBACK (notify_cb), f);
  strata_network_insert (f->network, 1, bn);
  /* The new layer has its shape before the list announces it. */
  assert_event_set (f,
                    "BN:has-shape BN:output-shape BN:activation-size BN:params "
                    "BN:trainable-params BN:non-trainable-params BN:formula BN:receptive-field "
                    "items-changed:1,0,1 network:n-items network:params "
                    "network:trainable-params network:non-trainable-params network:activation-size "
                    "network:param-memory network:activation-memory");
  shape = shape_of (f, 1);
  g_assert_cmpstr (shape, ==, "28 × 28 × 8");
  g_assert_cmpuint (strata_network_get_params (f->network), ==, 62958 + 32);
  g_assert_cmpuint (strata_network_get_non_trainable_params (f->network), ==, 16);
  g_assert_cmpint (strata_network_index_of (f->network, bn), ==, 1);

  strata_network_remove (f->network, 1);
  assert_event_set (f,
                    "items-changed:1,1,0 network:n-items network:params "
                    "network:trainable-params network:non-trainable-params network:activation-size "
                    "network:param-memory network:activation-memory");
  g_assert_cmpint (strata_network_index_of (f->network, bn), ==, -1);
  g_assert_cmpuint (strata_network_get_params (f->network), ==, 62958);

  /* A removed layer no longer drives the network. */
  g_signal_handlers_disconnect_by_data (bn, f);
  g_object_set (bn, "rate", 0.25, NULL);
  g_assert_cmpuint (f->events->len, ==, 0);
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  /* POOL1 after CONV2: CONV2 now sees 28 × 28 × 8. */
  strata_network_move (f->network, 1, 2);
  g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (f->network, 1)), ==, "CONV2");
  g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (f->network, 2)), ==, "POOL1");
  a = shape_of (f, 1);
  b = shape_of (f, 2);
  c = shape_of (f, 3);
  g_assert_cmpstr (a, ==, "24 × 24 × 16");
  g_assert_cmpstr (b, ==, "12 × 12 × 16");
  g_assert_cmpstr (c, ==, "6 × 6 × 16");
  g_assert_cmpuint (strata_layer_get_params_count (strata_network_get_layer (f->network, 4)),
                    ==, (6 * 6 * 16 + 1) * 120);
  /* CONV2 keeps its weights but not its shape; FC3's weights follow the
   * new 6 × 6 × 16; FC4 sees 120 as before, so nothing after FC3 hears. */
  assert_event_set (f,
                    "items-changed:1,2,2 "
                    "CONV2:output-shape CONV2:activation-size CONV2:macs CONV2:receptive-field "
                    "POOL1:output-shape POOL1:activation-size POOL1:receptive-field "
                    "POOL2:output-shape POOL2:activation-size POOL2:receptive-field "
                    "FC3:params FC3:trainable-params FC3:macs FC3:formula "
                    "network:params network:trainable-params network:activation-size "
                    "network:macs network:param-memory network:activation-memory");

  /* And back: the original numbers. */
  strata_network_move (f->network, 2, 1);
  g_assert_cmpuint (strata_network_get_params (f->network), ==, 62958);
}

static void
params_changed_cb (StrataNetwork *network,
                   StrataLayer   *layer,
                   guint          position,
                   GPtrArray     *changes)
{
  g_ptr_array_add (changes, g_strdup_printf ("params:%s@%u",
                                             strata_layer_get_display_name (layer), position));
}

static void
renamed_cb (StrataNetwork *network,
            StrataLayer   *layer,
            guint          position,
            GPtrArray     *changes)
{
  g_ptr_array_add (changes, g_strdup_printf ("name:%s@%u",
                                             strata_layer_get_display_name (layer), position));
}

/* Whether anything at all is connected to any signal of @layer. */
static gboolean
has_handlers (StrataLayer *layer)
{
  const GType types[] = { STRATA_TYPE_LAYER, G_TYPE_OBJECT };
  gboolean found = FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (types) && !found; t++)
    {
      guint n_ids = 0;
      g_autofree guint *ids = g_signal_list_ids (types[t], &n_ids);

      for (guint i = 0; i < n_ids && !found; i++)
        found = g_signal_handler_find (layer, G_SIGNAL_MATCH_ID, ids[i], 0,
                                       NULL, NULL, NULL) != 0;
    }
  return found;
}

/* Changes joined with spaces, then forgotten. */
static char *
take_changes (GPtrArray *changes)
{
  char *joined;

  g_ptr_array_add (changes, NULL);
  joined = g_strjoinv (" ", (char **) changes->pdata);
  g_ptr_array_set_size (changes, 0);
  return joined;
}

static void
test_layer_changed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(StrataLayer) bn = make_layer (STRATA_LAYER_KIND_BATCHNORM, "BN", NULL);
  g_autoptr(StrataLayer) conv1 = g_object_ref (strata_network_get_layer (f->network, 0));
  StrataLayer *softmax = strata_network_get_layer (f->network, 6);
  g_autofree char *edits = NULL, *moved = NULL, *removed = NULL;

  g_signal_connect (f->network, "layer-changed::params", G_CALLBACK (params_changed_cb), changes);
  g_signal_connect (f->network, "layer-changed::name", G_CALLBACK (renamed_cb), changes);

  /* One emission per edit, with the position, after the network recomputed. */
  g_object_set (strata_network_get_layer (f->network, 2), "filters", 20, NULL);
  strata_layer_set_name (strata_network_get_layer (f->network, 5), "Hidden");
  g_object_set (softmax, "units", 10, NULL);
  edits = take_changes (changes);
  g_assert_cmpstr (edits, ==, "params:CONV2@2 name:Hidden@5");

  /* Positions follow insertions and moves. */
  strata_network_insert (f->network, 1, bn);
  g_object_set (softmax, "units", 12, NULL);
  strata_network_move (f->network, 0, 3);
  g_object_set (conv1, "filters", 4, NULL);
  strata_layer_set_name (bn, "Norm");
  moved = take_changes (changes);
  g_assert_cmpstr (moved, ==, "params:Softmax@7 params:CONV1@3 name:Norm@0");

  /* A removed layer is no longer heard, nor watched at all. */
  strata_network_remove (f->network, 0);
  g_signal_handlers_disconnect_by_data (bn, f);
  g_object_set (bn, "rate", 0.25, NULL);
  strata_layer_set_name (bn, "Gone");
  removed = take_changes (changes);
  g_assert_cmpstr (removed, ==, "");
  g_assert_false (has_handlers (bn));

  /* Nor are the layers of a disposed network. The network hears its
   * layers without connecting to them: a layer it holds has no handler. */
  g_signal_handlers_disconnect_by_data (conv1, f);
  g_assert_false (has_handlers (conv1));
  g_object_run_dispose (G_OBJECT (f->network));
  g_assert_false (has_handlers (conv1));
  g_object_set (conv1, "filters", 5, NULL);
  g_assert_cmpuint (changes->len, ==, 0);
}

/* A formula nobody hears is written when asked for, from what the layer
 * is then: after an edit, after a change of its input, after a change of
 * convention. */
static void
test_formula_when_asked (Fixture       *f,
                         gconstpointer  data)
{
  StrataLayer *conv1 = strata_network_get_layer (f->network, 0);
  StrataLayer *conv2 = strata_network_get_layer (f->network, 2);
  g_autoptr(StrataLayer) bn = strata_layer_new (STRATA_LAYER_KIND_BATCHNORM);

  g_signal_handlers_disconnect_by_data (conv1, f);
  g_signal_handlers_disconnect_by_data (conv2, f);
  g_assert_cmpstr (strata_layer_get_formula (conv1), ==, "(5 × 5 × 3 + 1) × 8 = 608");
  g_object_set (conv1, "filters", 6, NULL);
  g_assert_cmpstr (strata_layer_get_formula (conv1), ==, "(5 × 5 × 3 + 1) × 6 = 456");
  g_assert_cmpstr (strata_layer_get_formula (conv2), ==, "(5 × 5 × 6 + 1) × 16 = 2416");
  strata_network_set_input (f->network, 32, 32, 1);
  g_assert_cmpstr (strata_layer_get_formula (conv1), ==, "(5 × 5 × 1 + 1) × 6 = 156");

  strata_network_insert (f->network, 1, bn);
  g_assert_cmpstr (strata_layer_get_formula (bn), ==,
                   "4 × 6 = 24 (γ, β trained; mean, variance not)");
  strata_network_set_convention (f->network, STRATA_CONVENTION_PYTORCH);
  g_assert_cmpstr (strata_layer_get_formula (bn), ==,
                   "2 × 6 = 12 (γ, β; running mean and variance are 12 buffers)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/network/totals", test_totals);
  ADD ("/network/edit", test_edit);
  ADD ("/network/input", test_input);
  ADD ("/network/error", test_error_propagates);
  ADD ("/network/insert-remove", test_insert_remove);
  ADD ("/network/move", test_move);
  ADD ("/network/layer-changed", test_layer_changed);
  ADD ("/network/formula-when-asked", test_formula_when_asked);
#undef ADD

  return g_test_run ();
}
