/* bench-layout.c: how long the layout of a residual network takes, and how it grows. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "bench-common.h"
#include "strata-render.h"

#define ROUNDS 15

/* Residual blocks on 16 × 16 × 16, a block every three layers: conv 3 × 3
 * with a ReLU → conv 3 × 3 → add of the second convolution and the
 * block's input; @n_layers layers, every one named. */
static StrataNetwork *
build_residual (guint n_layers)
{
  StrataNetwork *network = strata_network_new ();
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  StrataLayer *input = NULL;
  StrataLayer *second = NULL;

  strata_network_set_name (network, "Residual");
  strata_network_set_input (network, 16, 16, 16);
  for (guint i = 0; i < n_layers; i++)
    {
      g_autofree char *name = g_strdup_printf ("block%u_%c", i / 3 + 1, "abc"[i % 3]);
      StrataLayer *layer;

      if (i % 3 < 2)
        {
          layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
          g_object_set (layer, "filters", 16, "padding", STRATA_PADDING_SAME,
                        "activation", i % 3 == 0 ? STRATA_ACTIVATION_RELU : STRATA_ACTIVATION_NONE,
                        NULL);
          second = layer;
        }
      else
        {
          StrataLayer *inputs[2] = { second, input };

          layer = strata_layer_new (STRATA_LAYER_KIND_ADD);
          strata_layer_set_inputs (layer, inputs, 2);
          input = layer;
        }
      strata_layer_set_name (layer, name);
      g_ptr_array_add (layers, layer);
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  g_assert (strata_network_get_first_error (network) < 0);
  g_assert (!strata_network_is_chain (network));
  return network;
}

typedef struct
{
  StrataNetwork             *network;
  const StrataRenderOptions *options;
  double                     ms;
} Round;

static gpointer
layout_round (gpointer data)
{
  Round *round = data;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(StrataLayout) layout = strata_layout_new (round->network, round->options);

  round->ms = bench_elapsed_ms (start);
  return NULL;
}

/* In a thread of its own, whose fonts and cache of shaped labels start
 * empty: the fonts are loaded first, by a layout of no layers, as they
 * are once for all when the window opens. */
static gpointer
cold_round (gpointer data)
{
  g_autoptr(StrataNetwork) empty = strata_network_new ();
  g_autoptr(StrataLayout) layout = strata_layout_new (empty, ((Round *) data)->options);

  return layout_round (data);
}

/* The median layout time. Warm: as after an edit, the labels of earlier
 * layouts already shaped. Cold: the first layout of the network, every
 * label shaped. */
static double
time_layout (StrataNetwork      *network,
             StrataDiagramStyle  style,
             gboolean            cold)
{
  StrataRenderOptions options;
  double samples[ROUNDS];
  Round round = { network, &options, 0 };

  strata_render_options_init (&options);
  options.style = style;
  options.max_width = 1280;
  if (!cold)
    layout_round (&round);
  for (guint r = 0; r < ROUNDS; r++)
    {
      if (cold)
        g_thread_join (g_thread_new ("layout", cold_round, &round));
      else
        layout_round (&round);
      samples[r] = round.ms;
    }
  return bench_median (samples, ROUNDS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StrataNetwork) small = build_residual (1000);
  g_autoptr(StrataNetwork) large = build_residual (10000);
  const StrataDiagramStyle styles[] = { STRATA_DIAGRAM_STYLE_BLOCKS, STRATA_DIAGRAM_STYLE_BARS };

  g_print ("Median of %u rounds; drawings wrap at 1280 pt.\n", ROUNDS);
  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    for (guint cold = 0; cold < 2; cold++)
      {
        const char *style = strata_diagram_style_to_string (styles[s]);
        const char *when = cold ? "cold" : "warm";
        double ms_small = time_layout (small, styles[s], cold);
        double ms_large = time_layout (large, styles[s], cold);
        double ratio = ms_large / ms_small;

        g_print ("layout, %-6s %s: residual, 1,000 layers   %8.2f ms", style, when, ms_small);
        if (!cold && styles[s] == STRATA_DIAGRAM_STYLE_BLOCKS)
          g_print ("  (target < 10 ms: %s)", ms_small < 10 ? "met" : "MISSED");
        g_print ("\n");
        g_print ("layout, %-6s %s: residual, 10,000 layers  %8.2f ms  (%.1f times the 1,000; "
                 "target <= 12: %s)\n", style, when, ms_large, ratio,
                 ratio <= 12 ? "met" : "MISSED");
      }
  return 0;
}
