/* bench-common.h: timing helpers shared by the benchmarks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdlib.h>
#include <time.h>

#include <glib.h>

static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of @n samples; sorts them in place. Medians, not means, so
 * one slow round on a busy machine does not move the figure. */
static inline double
bench_median (double *samples,
              guint   n)
{
  qsort (samples, n, sizeof *samples, bench_compare_doubles);
  return samples[n / 2];
}

/* Milliseconds since @start, a g_get_monotonic_time() value. */
static inline double
bench_elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Milliseconds of processor time the calling thread has taken: the
 * machines the figures are read on are shared, and the wall clock counts
 * the others' work, as it counts other threads' (a closed window's
 * network freed apart from the main loop). */
static inline double
bench_thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}
