/* bench-window-scale.c: the window with 1,000 to 100,000 layers: first frame, an edit, closing, memory. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <malloc.h>

#include <adwaita.h>

#include "bench-common.h"
#include "bench-frame.h"
#include "strata-canvas.h"
#include "strata-free.h"
#include "strata-window-private.h"

#define EDIT_ROUNDS 9
#define VIEW_WIDTH 1600
#define VIEW_HEIGHT 900
/* An edit reaches the screen within one frame of a 60 Hz screen. */
#define FRAME_BUDGET_MS (1000.0 / 60)

/* The heap in use, in bytes: unlike the resident size, it does not count
 * memory freed by the previous network and kept by the allocator. Blocks
 * the allocator mapped apart (the large ones) count too: a layout's
 * arrays of columns were mapped, and went uncounted. Run with
 * G_SLICE=always-malloc (as meson's benchmark does), or GSlice's own
 * caches count as in use. */
static double
heap_bytes (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return (double) (info.uordblks + info.hblkhd);
}

/* Every layer named, as in an imported model, so that every block has a
 * label of its own. */
static void
name_layer (StrataLayer *layer,
            guint        i)
{
  char name[32];

  g_snprintf (name, sizeof name, "layer_%u", i + 1);
  strata_layer_set_name (layer, name);
}

/* conv 3 × 3 "same" → batchnorm → relu → dropout, a pooling layer every
 * 200 layers while the input is big enough. */
static StrataNetwork *
build_chain (guint n_layers)
{
  StrataNetwork *network = strata_network_new ();
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  static const StrataLayerKind cycle[] = {
    STRATA_LAYER_KIND_CONV2D, STRATA_LAYER_KIND_BATCHNORM,
    STRATA_LAYER_KIND_ACTIVATION, STRATA_LAYER_KIND_DROPOUT,
  };

  strata_network_set_input (network, 224, 224, 3);
  for (guint i = 0; i < n_layers; i++)
    {
      StrataLayer *layer;

      if (i % 200 == 199 && i < 1000)
        layer = strata_layer_new (STRATA_LAYER_KIND_MAXPOOL2D);
      else
        layer = strata_layer_new (cycle[i % G_N_ELEMENTS (cycle)]);
      if (strata_layer_get_kind (layer) == STRATA_LAYER_KIND_CONV2D)
        g_object_set (layer, "filters", 32 + 8 * (MIN (i, 999) / 200),
                      "padding", STRATA_PADDING_SAME, NULL);
      name_layer (layer, i);
      g_ptr_array_add (layers, layer);
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  g_assert (strata_network_get_first_error (network) < 0);
  return network;
}

/* ResNet's blocks on 16 × 16 × 16: conv → conv → add of the second conv
 * and the block's input. */
static StrataNetwork *
build_residual (guint n_layers)
{
  StrataNetwork *network = strata_network_new ();
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  StrataLayer *block_input = NULL;

  strata_network_set_input (network, 16, 16, 16);
  for (guint i = 0; i < n_layers; i++)
    {
      StrataLayer *layer;

      if (i % 3 < 2)
        {
          layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
          g_object_set (layer, "filters", 16, "padding", STRATA_PADDING_SAME,
                        "activation", i % 3 == 0 ? STRATA_ACTIVATION_RELU : STRATA_ACTIVATION_NONE,
                        NULL);
        }
      else
        {
          StrataLayer *inputs[] = { g_ptr_array_index (layers, i - 1), block_input };

          layer = strata_layer_new (STRATA_LAYER_KIND_ADD);
          strata_layer_set_inputs (layer, inputs, G_N_ELEMENTS (inputs));
          block_input = layer;
        }
      name_layer (layer, i);
      g_ptr_array_add (layers, layer);
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  g_assert (strata_network_get_first_error (network) < 0);
  g_assert (!strata_network_is_chain (network));
  return network;
}

/* When a signal first came: a frame drawn, a window taken off the screen. */
static void
time_cb (GObject  *object,
         gpointer  data)
{
  if (*(double *) data == 0)
    *(double *) data = bench_now_ms ();
}

static void
bench_window (const char *what,
              guint       n_layers,
              gboolean    residual)
{
  StrataNetwork *network;
  StrataWindow *window;
  StrataLayer *edited;
  double before = heap_bytes (), built, shown, closed;
  double start, start_cpu, first_frame = 0, first_cpu, close_ms, close_cpu, unmapped = 0;
  double returned, returned_cpu, other_frame = 0, longest = 0, longest_cpu = 0;
  double destroyed = 0, destroyed_cpu = 0, start_thread_cpu;
  double work[EDIT_ROUNDS], latency[EDIT_ROUNDS], cpu[EDIT_ROUNDS];
  GtkWidget *other;
  GdkFrameClock *other_clock;
  gulong other_id;

  start = bench_now_ms ();
  network = residual ? build_residual (n_layers) : build_chain (n_layers);
  g_print ("%s, %u layers: network built in %.0f ms\n", what, n_layers, bench_now_ms () - start);
  built = heap_bytes ();

  /* From the window's creation with the network to its first frame's end. */
  start = bench_now_ms ();
  start_cpu = bench_cpu_ms ();
  window = strata_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), VIEW_WIDTH, VIEW_HEIGHT);
  strata_window_set_document (window, network, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
    gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (time_cb), &first_frame);

    while (first_frame == 0)
      g_main_context_iteration (NULL, TRUE);
    g_signal_handler_disconnect (clock, id);
  }
  first_frame -= start;
  first_cpu = bench_cpu_ms () - start_cpu;
  shown = heap_bytes ();

  /* An edit in the middle, from the model change to the end of the frame
   * that shows it, with the whole network fitted as it opens. */
  edited = strata_network_get_layer (network, n_layers / 2 / 3 * 3);
  for (guint r = 0; r < EDIT_ROUNDS; r++)
    {
      BenchFrame frame;

      double changed;

      bench_next_frame (GTK_WIDGET (window), &frame);
      start = bench_now_ms ();
      start_cpu = bench_cpu_ms ();
      bench_set_filters (edited, r % 2 == 0 ? 48 : 40);
      changed = bench_now_ms ();
      bench_next_frame (GTK_WIDGET (window), &frame);
      /* The edit's own work and its frame's, without the wait for the
       * frame clock in between; and the whole wait, as the user sees it. */
      work[r] = (changed - start) + (frame.end - frame.begin);
      latency[r] = frame.end - start;
      cpu[r] = bench_cpu_ms () - start_cpu;
    }

  /* Closing, as the user does, with another window open, to the end of
   * that window's next frame; then every turn of the main loop until the
   * window is destroyed, the longest of which is how long it could keep
   * an event waiting; then everything freed. */
  other = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (other), 320, 240);
  gtk_window_present (GTK_WINDOW (other));
  {
    BenchFrame frame;

    bench_next_frame (other, &frame);
  }
  g_object_unref (network);
  strata_history_set_unmodified (window->history);
  g_signal_connect (window, "unmap", G_CALLBACK (time_cb), &unmapped);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  start = bench_now_ms ();
  start_cpu = bench_cpu_ms ();
  start_thread_cpu = bench_thread_cpu_ms ();
  gtk_window_close (GTK_WINDOW (window));
  returned = bench_now_ms () - start;
  returned_cpu = bench_thread_cpu_ms () - start_thread_cpu;
  other_clock = gtk_widget_get_frame_clock (other);
  other_id = g_signal_connect (other_clock, "after-paint", G_CALLBACK (time_cb), &other_frame);
  gdk_frame_clock_request_phase (other_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  while (window != NULL || other_frame == 0)
    {
      double turn = bench_now_ms (), turn_cpu = bench_thread_cpu_ms ();

      /* Not spinning: the main loop's processor time would be taken
       * from the thread freeing the network. */
      if (!g_main_context_iteration (NULL, FALSE))
        {
          g_usleep (1000);
          continue;
        }
      longest = MAX (longest, bench_now_ms () - turn);
      longest_cpu = MAX (longest_cpu, bench_thread_cpu_ms () - turn_cpu);
      if (window == NULL && destroyed == 0)
        {
          destroyed = bench_now_ms () - start;
          destroyed_cpu = bench_thread_cpu_ms () - start_thread_cpu;
        }
    }
  g_signal_handler_disconnect (other_clock, other_id);
  other_frame -= start;
  strata_free_wait ();
  close_ms = bench_now_ms () - start;
  close_cpu = bench_cpu_ms () - start_cpu;
  closed = heap_bytes ();
  gtk_window_destroy (GTK_WINDOW (other));

  g_print ("%s, %u layers: first frame %.0f ms, %.0f ms of CPU (target 1500 ms: %s)\n", what,
           n_layers, first_frame, first_cpu, first_frame <= 1500 ? "met" : "MISSED");
  g_print ("%s, %u layers: edit, work %.1f ms (%.1f ms of CPU), %.1f ms to end of frame "
           "(median of %d; one 60 Hz frame of work: %s)\n", what, n_layers,
           bench_median (work, EDIT_ROUNDS), bench_median (cpu, EDIT_ROUNDS),
           bench_median (latency, EDIT_ROUNDS), EDIT_ROUNDS,
           bench_median (work, EDIT_ROUNDS) <= FRAME_BUDGET_MS ? "met" : "MISSED");
  /* Off the screen at once; the main loop free when another window's
   * next frame is drawn, and no turn of it longer than a frame while the
   * window goes; its destroying (the main thread's processor time from
   * the close) and all of it freed, a large network's memory in a thread
   * of its own (processor time of every thread). */
  g_print ("%s, %u layers: closed: off the screen after %.1f ms, the close returned after "
           "%.1f ms (%.1f ms of CPU), another window's next frame after %.1f ms (target "
           "100 ms: %s), longest turn of the main loop %.1f ms, %.1f ms of CPU (one 60 Hz frame: "
           "%s)\n", what, n_layers, unmapped - start, returned, returned_cpu, other_frame,
           other_frame <= 100 ? "met" : "MISSED", longest, longest_cpu,
           longest_cpu <= FRAME_BUDGET_MS ? "met" : "MISSED");
  g_print ("%s, %u layers: closed: window destroyed after %.1f ms, %.1f ms of the main thread's "
           "CPU; all freed after %.1f ms, %.1f ms of CPU\n", what, n_layers, destroyed,
           destroyed_cpu, close_ms, close_cpu);
  /* What stays after closing is the cache of shaped labels. */
  g_print ("%s, %u layers: memory per layer %.0f bytes in the model, %.0f more with the window, "
           "%.0f left after closing\n", what, n_layers, (built - before) / n_layers,
           (shown - built) / n_layers, (closed - before) / n_layers);
}

/* The network freed without a window: what closing costs at the least. */
static void
bench_free (const char *what,
            guint       n_layers,
            gboolean    residual)
{
  StrataNetwork *network = residual ? build_residual (n_layers) : build_chain (n_layers);
  double start = bench_now_ms (), start_cpu = bench_cpu_ms ();

  g_object_unref (network);
  g_print ("%s, %u layers: the network alone freed in %.1f ms, %.1f ms of CPU\n", what,
           n_layers, bench_now_ms () - start, bench_cpu_ms () - start_cpu);
}

int
main (int   argc,
      char *argv[])
{
  guint sizes[] = { 1000, 10000, 100000 };

  setlocale (LC_ALL, "");
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (!gtk_init_check ())
    {
      g_print ("skipped, no display\n");
      return 0;
    }
  adw_init ();
  /* Only the sizes asked for, e.g. "100000". */
  if (argc > 1)
    {
      sizes[0] = g_ascii_strtoull (argv[1], NULL, 10);
      sizes[1] = sizes[2] = 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sizes) && sizes[i] > 0; i++)
    {
      bench_window ("chain", sizes[i], FALSE);
      bench_free ("chain", sizes[i], FALSE);
      bench_window ("residual", sizes[i], TRUE);
      bench_free ("residual", sizes[i], TRUE);
    }
  return 0;
}
