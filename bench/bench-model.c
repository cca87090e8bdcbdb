/* bench-model.c: recompute and summary of 10,000-layer networks, and freeing huge ones. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib/gstdio.h>

#include "bench-common.h"
#include "strata-file.h"
#include "strata-history.h"
#include "strata-summary.h"

#define N_LAYERS 10000
#define ROUNDS 20

/* Repeating conv (3 × 3, "same") → batchnorm → relu → dropout, so every
 * spatial shape follows the input and every layer has counts. */
static StrataNetwork *
build_network (guint n_layers)
{
  StrataNetwork *network = strata_network_new ();
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  static const StrataLayerKind cycle[] = {
    STRATA_LAYER_KIND_CONV2D, STRATA_LAYER_KIND_BATCHNORM,
    STRATA_LAYER_KIND_ACTIVATION, STRATA_LAYER_KIND_DROPOUT,
  };

  strata_network_set_input (network, 32, 32, 3);
  for (guint i = 0; i < n_layers; i++)
    {
      StrataLayer *layer = strata_layer_new (cycle[i % G_N_ELEMENTS (cycle)]);

      if (strata_layer_get_kind (layer) == STRATA_LAYER_KIND_CONV2D)
        g_object_set (layer, "filters", 16, "padding", STRATA_PADDING_SAME, NULL);
      g_ptr_array_add (layers, layer);
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  return network;
}

/* A stem conv (3 × 3, "same") and ResNet's blocks after it: conv → conv →
 * add of the second conv and the block's input, so every third layer reads
 * two layers and a change reaches it along both. 1 + 3·k layers. */
static StrataNetwork *
build_residual (guint n_layers)
{
  StrataNetwork *network = strata_network_new ();
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  StrataLayer *block_input = NULL;

  g_assert_cmpuint (n_layers % 3, ==, 1);
  strata_network_set_input (network, 32, 32, 3);
  for (guint i = 0; i < n_layers; i++)
    {
      StrataLayer *layer;

      if (i % 3 < 2)
        {
          layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
          g_object_set (layer, "filters", 16, "padding", STRATA_PADDING_SAME, NULL);
          if (i == 0)
            block_input = layer;
        }
      else
        {
          StrataLayer *inputs[] = { g_ptr_array_index (layers, i - 1), block_input };

          layer = strata_layer_new (STRATA_LAYER_KIND_ADD);
          strata_layer_set_inputs (layer, inputs, G_N_ELEMENTS (inputs));
          block_input = layer;
        }
      g_ptr_array_add (layers, layer);
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);
  return network;
}

static guint notifications;

static void
count_cb (void)
{
  notifications++;
}

/* Every layer and the network have a notify handler, as in the window. */
static void
watch (StrataNetwork *network)
{
  g_signal_connect (network, "notify", G_CALLBACK (count_cb), NULL);
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    g_signal_connect (strata_network_get_layer (network, i), "notify", G_CALLBACK (count_cb), NULL);
}

/* With @listeners, every layer has a notify handler: the worst case, as a
 * window binds only the rows it shows. */
static void
bench_recompute (guint    n_layers,
                 gboolean listeners)
{
  g_autoptr(StrataNetwork) network = build_network (n_layers);
  StrataLayer *first = strata_network_get_layer (network, 0);
  double edit[ROUNDS], input[ROUNDS];
  guint edit_notifications = 0, input_notifications = 0;
  const char *who = listeners ? "a listener on every layer" : "no listeners";

  if (listeners)
    watch (network);
  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 start;

      /* A typical edit: the first layer's filters; shapes after it hold. */
      notifications = 0;
      start = g_get_monotonic_time ();
      g_object_set (first, "filters", r % 2 ? 16 : 32, NULL);
      edit[r] = bench_elapsed_ms (start);
      edit_notifications = notifications;

      /* The worst case: a new input size changes every layer's shape. */
      notifications = 0;
      start = g_get_monotonic_time ();
      strata_network_set_input (network, r % 2 ? 32 : 33, 32, 3);
      input[r] = bench_elapsed_ms (start);
      input_notifications = notifications;
    }

  g_print ("recompute, %u layers, %s, edit first layer's filters: %.3f ms (%u notifications)\n",
           n_layers, who, bench_median (edit, ROUNDS), edit_notifications);
  g_print ("recompute, %u layers, %s, new input size (every layer): %.3f ms\n",
           n_layers, who, bench_median (input, ROUNDS));
  if (listeners)
    g_print ("  (%u notifications for the new input size)\n", input_notifications);
}

/* Edits of the stem of a residual network, with a listener on every layer
 * or none, as in bench_recompute(). A new stride changes every shape after
 * it (new filters cannot: the first addition would then fail, as its
 * inputs would differ); a bias changes the stem's parameters and nothing
 * after it. Returns the median of the first. */
static double
bench_residual_recompute (guint    n_layers,
                          gboolean listeners)
{
  g_autoptr(StrataNetwork) network = build_residual (n_layers);
  StrataLayer *first = strata_network_get_layer (network, 0);
  StrataLayer *last = strata_network_get_layer (network, n_layers - 1);
  double stride[ROUNDS], bias[ROUNDS], median;
  guint stride_notifications = 0, bias_notifications = 0;
  const char *who = listeners ? "a listener on every layer" : "no listeners";

  if (listeners)
    watch (network);
  for (guint r = 0; r < ROUNDS; r++)
    {
      StrataLayerParams params = *strata_layer_get_params (first);
      gint64 start;

      notifications = 0;
      params.stride = r % 2 ? (StrataPair) { 1, 1 } : (StrataPair) { 2, 2 };
      start = g_get_monotonic_time ();
      strata_layer_set_params (first, &params);
      stride[r] = bench_elapsed_ms (start);
      stride_notifications = notifications;
      g_assert_cmpuint (strata_layer_get_output_shape (last)->height, ==, (r % 2 ? 32 : 16));

      notifications = 0;
      start = g_get_monotonic_time ();
      g_object_set (first, "bias", r % 2 != 0, NULL);
      bias[r] = bench_elapsed_ms (start);
      bias_notifications = notifications;
    }
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);

  median = bench_median (stride, ROUNDS);
  g_print ("residual recompute, %u layers, %s, stem's stride (every shape): %.3f ms "
           "(%u notifications)\n", n_layers, who, median, stride_notifications);
  g_print ("residual recompute, %u layers, %s, stem's bias (nothing after it): %.3f ms "
           "(%u notifications)\n", n_layers, who, bench_median (bias, ROUNDS),
           bias_notifications);
  return median;
}

/* Linear growth: ten times the layers, about ten times as long. */
static void
bench_residual_growth (gboolean listeners)
{
  double small = bench_residual_recompute (N_LAYERS / 10, listeners);
  double large = bench_residual_recompute (N_LAYERS, listeners);

  g_print ("residual recompute, every shape, %s: %u layers take %.1f times as long as %u\n",
           listeners ? "a listener on every layer" : "no listeners", N_LAYERS, large / small,
           N_LAYERS / 10);
}

static void
bench_summary (const char *strata)
{
  g_autoptr(StrataNetwork) network = build_network (N_LAYERS);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "big.strata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  double load[ROUNDS], run[ROUNDS];

  g_assert_no_error (error);
  strata_file_save (network, file, NULL, &error);
  g_assert_no_error (error);

  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(StrataNetwork) loaded = NULL;
      g_autofree char *text = NULL;
      gint64 start = g_get_monotonic_time ();

      loaded = strata_file_load (file, NULL, &error);
      g_assert_no_error (error);
      text = strata_summary_to_string (loaded, STRATA_SUMMARY_TEXT);
      load[r] = bench_elapsed_ms (start);
    }
  g_print ("load + text summary, %u layers, in process: %.2f ms\n", N_LAYERS, bench_median (load, ROUNDS));

  if (strata != NULL)
    {
      const char *argv[] = { strata, "summary", path, NULL };

      for (guint r = 0; r < ROUNDS; r++)
        {
          g_autofree char *out = NULL;
          gint64 start = g_get_monotonic_time ();
          int status;

          g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                        &out, NULL, &status, &error);
          g_assert_no_error (error);
          g_assert_true (g_spawn_check_wait_status (status, NULL));
          run[r] = bench_elapsed_ms (start);
        }
      g_print ("`strata summary` of a saved %u-layer file: %.2f ms\n", N_LAYERS,
               bench_median (run, ROUNDS));
    }

  g_unlink (path);
  g_rmdir (dir);
}

/* A network as the window holds it, with a history watching it, freed as
 * the window frees it when it closes: a tenfold network must take about
 * ten times as long, however many layers it has. */
static void
bench_teardown (guint    n_layers,
                gboolean residual)
{
  StrataNetwork *network;
  StrataHistory *history;
  double build_ms, free_ms;
  gint64 start;

  start = g_get_monotonic_time ();
  network = residual ? build_residual (n_layers) : build_network (n_layers);
  history = strata_history_new (network);
  build_ms = bench_elapsed_ms (start);

  start = g_get_monotonic_time ();
  g_object_unref (history);
  g_object_unref (network);
  free_ms = bench_elapsed_ms (start);

  g_print ("teardown, %u layers%s with a history: built in %.0f ms, freed in %.0f ms "
           "(%.0f ns a layer)\n", n_layers, residual ? " of residual blocks" : "", build_ms,
           free_ms, free_ms * 1e6 / n_layers);
}

int
main (int   argc,
      char *argv[])
{
  /* Linear growth: the same work at a tenth, a half and the full size. */
  bench_recompute (N_LAYERS / 10, TRUE);
  bench_recompute (N_LAYERS / 2, TRUE);
  bench_recompute (N_LAYERS, TRUE);
  bench_recompute (N_LAYERS, FALSE);
  bench_summary (argc > 1 ? argv[1] : NULL);
  bench_teardown (N_LAYERS * 10, FALSE);
  bench_teardown (N_LAYERS * 100, FALSE);

  bench_residual_growth (TRUE);
  bench_residual_growth (FALSE);
  /* Each block's addition holds the one before: freeing must not recurse. */
  bench_teardown (N_LAYERS * 100, TRUE);
  return 0;
}
