/* bench-canvas.c: layout and drawing of a 1,000-layer network, and one edit to the next frame. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>

#include <adwaita.h>

#include "strata-canvas.h"
#include "strata-render.h"
#include "strata-window-private.h"

#define N_LAYERS 1000
#define ROUNDS 15
/* The canvas area of a maximised window on a laptop screen. */
#define VIEW_WIDTH 1200
#define VIEW_HEIGHT 800

/* conv (3 × 3, "same") → batchnorm → relu → dropout, with a pooling layer
 * now and then, so that block sizes vary along the network. */
static StrataNetwork *
build_network (void)
{
  StrataNetwork *network = strata_network_new ();
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  static const StrataLayerKind cycle[] = {
    STRATA_LAYER_KIND_CONV2D, STRATA_LAYER_KIND_BATCHNORM,
    STRATA_LAYER_KIND_ACTIVATION, STRATA_LAYER_KIND_DROPOUT,
  };

  strata_network_set_input (network, 224, 224, 3);
  for (guint i = 0; i < N_LAYERS; i++)
    {
      StrataLayer *layer;

      if (i % 200 == 199)
        layer = strata_layer_new (STRATA_LAYER_KIND_MAXPOOL2D);
      else
        layer = strata_layer_new (cycle[i % G_N_ELEMENTS (cycle)]);
      if (strata_layer_get_kind (layer) == STRATA_LAYER_KIND_CONV2D)
        g_object_set (layer, "filters", 32 + 8 * (i / 200), "padding", STRATA_PADDING_SAME, NULL);
      g_ptr_array_add (layers, layer);
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  return network;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *samples)
{
  qsort (samples, ROUNDS, sizeof *samples, compare_doubles);
  return samples[ROUNDS / 2];
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Draws @layout into a VIEW_WIDTH × VIEW_HEIGHT surface at @zoom, the
 * view's left edge at layout x = @x, as the canvas does. */
static void
draw_view (StrataLayout *layout,
           double        zoom,
           double        x)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         VIEW_WIDTH, VIEW_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, zoom, zoom);
  cairo_translate (cr, -x, 0);
  strata_layout_draw (layout, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);
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
bench_render (StrataNetwork *network)
{
  StrataRenderOptions options;
  double layout_ms[ROUNDS], visible_ms[ROUNDS], fit_ms[ROUNDS], edit_ms[ROUNDS];
  double width = 0, height = 0, fit_zoom;
  StrataLayer *middle = strata_network_get_layer (network, N_LAYERS / 2);

  strata_render_options_init (&options);
  options.transparent = TRUE;

  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(StrataLayout) layout = NULL;
      double start = now_ms ();

      layout = strata_layout_new (network, &options);
      layout_ms[r] = now_ms () - start;

      strata_layout_get_size (layout, &width, &height);
      start = now_ms ();
      draw_view (layout, 1.0, width / 2);
      visible_ms[r] = now_ms () - start;

      fit_zoom = MIN (VIEW_WIDTH / width, VIEW_HEIGHT / height);
      start = now_ms ();
      draw_view (layout, fit_zoom, 0);
      fit_ms[r] = now_ms () - start;
    }

  /* An edit as the canvas sees it: the model recomputes, then a new
   * layout, then the visible part is drawn. */
  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(StrataLayout) layout = NULL;
      double start = now_ms ();

      set_filters (middle, r % 2 == 0 ? 48 : 40);
      layout = strata_layout_new (network, &options);
      draw_view (layout, 1.0, width / 2);
      edit_ms[r] = now_ms () - start;
    }

  g_print ("network: %d layers, layout %.0f × %.0f points\n", N_LAYERS, width, height);
  g_print ("layout (strata_layout_new):           %7.2f ms median of %d\n",
           median (layout_ms), ROUNDS);
  g_print ("draw visible %d × %d at 100%%:       %7.2f ms\n",
           VIEW_WIDTH, VIEW_HEIGHT, median (visible_ms));
  g_print ("draw whole network fitted (%.3f×):    %7.2f ms\n", fit_zoom, median (fit_ms));
  g_print ("edit → layout → visible draw:         %7.2f ms (budget 16 ms)\n", median (edit_ms));
}

/* The same edit in the real window: from the model change to the end of
 * the frame that shows it. */
static void
bench_window (StrataNetwork *network)
{
  StrataWindow *window;
  StrataLayer *middle = strata_network_get_layer (network, N_LAYERS / 2);
  double frame_ms[ROUNDS], select_ms[ROUNDS], idle_ms[ROUNDS];

  adw_init ();
  window = strata_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), VIEW_WIDTH + 400, VIEW_HEIGHT + 100);
  strata_window_set_document (window, network, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  /* Draw at 100% around the middle, not the whole network fitted. */
  strata_window_select (window, N_LAYERS / 2);
  strata_canvas_zoom_in (window->canvas);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* What a frame costs here with nothing changed, to subtract. */
  for (guint r = 0; r < ROUNDS; r++)
    {
      double start = now_ms ();

      gtk_widget_queue_draw (GTK_WIDGET (window->canvas));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      idle_ms[r] = now_ms () - start;
    }

  for (guint r = 0; r < ROUNDS; r++)
    {
      double start = now_ms ();

      set_filters (middle, r % 2 == 0 ? 48 : 40);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      frame_ms[r] = now_ms () - start;
    }

  for (guint r = 0; r < ROUNDS; r++)
    {
      double start = now_ms ();

      strata_window_select (window, N_LAYERS / 2 + (r % 2 == 0 ? 1 : -1));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      select_ms[r] = now_ms () - start;
    }

  g_print ("window: redraw, nothing changed:      %7.2f ms median (the cost of a frame here)\n",
           median (idle_ms));
  g_print ("window: edit → end of next frame:     %7.2f ms median (includes waiting for "
           "the frame clock)\n", median (frame_ms));
  g_print ("window: select a layer → next frame:  %7.2f ms median\n", median (select_ms));

  strata_history_set_unmodified (window->history);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StrataNetwork) network = NULL;

  setlocale (LC_ALL, "");
  network = build_network ();

  bench_render (network);

  if (gtk_init_check ())
    bench_window (network);
  else
    g_print ("window: skipped, no display\n");

  return 0;
}
