/* bench-common.h: timing helpers shared by the benchmarks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdlib.h>

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
