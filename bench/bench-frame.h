/* bench-frame.h: the clocks and frames of the window's benchmarks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <time.h>

#include <gtk/gtk.h>

#include "strata-layer.h"

static inline double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* The processor time of the whole process in ms: on a busy machine the
 * wall clock also counts the time other processes had the processor. */
static inline double
bench_cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

/* One frame of the window: when it began (before-paint) and ended
 * (after-paint), on the monotonic clock in ms, and the process's
 * processor time at its end. */
typedef struct
{
  double begin;
  double end;
  double end_cpu;
} BenchFrame;

static inline void
bench_before_paint_cb (GdkFrameClock *clock,
                       BenchFrame    *frame)
{
  if (frame->begin == 0)
    frame->begin = bench_now_ms ();
}

static inline void
bench_after_paint_cb (GdkFrameClock *clock,
                      BenchFrame    *frame)
{
  if (frame->begin != 0 && frame->end == 0)
    {
      frame->end = bench_now_ms ();
      frame->end_cpu = bench_cpu_ms ();
    }
}

/* Runs the main loop until the end of the next frame @widget paints. */
static inline void
bench_next_frame (GtkWidget  *widget,
                  BenchFrame *frame)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong before_id, after_id;

  *frame = (BenchFrame) { 0, 0, 0 };
  before_id = g_signal_connect (clock, "before-paint", G_CALLBACK (bench_before_paint_cb), frame);
  after_id = g_signal_connect (clock, "after-paint", G_CALLBACK (bench_after_paint_cb), frame);
  /* A frame even if nothing changed, so that the loop cannot wait forever. */
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  while (frame->end == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, before_id);
  g_signal_handler_disconnect (clock, after_id);
}

/* The edit both benchmarks time: one layer's filters. */
static inline void
bench_set_filters (StrataLayer *layer,
                   guint        filters)
{
  StrataLayerParams params = *strata_layer_get_params (layer);

  params.filters = filters;
  strata_layer_set_params (layer, &params);
}
