/* bench-page.c: how long fitting a drawing to a page takes, per example and page. */
/* SPDX-License-Identifier: GPL-3.0-or-later */


#include "bench-common.h"
#include "strata-file.h"
#include "strata-render.h"

#define ROUNDS 5

/* A fit as `strata export --page` makes it, each from an empty label
 * cache, as a new process starts; what was chosen is printed with it, so
 * that two builds' lines show whether they chose the same. */
static void
bench_fit (const char       *id,
           StrataPagePreset  preset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = strata_file_load_example (id, &error);
  StrataRenderOptions options;
  StrataPageFit fit = { 0 };
  double samples[ROUNDS], cpu[ROUNDS], type = 0, width = 0, height = 0;

  g_assert_no_error (error);
  strata_render_options_init (&options);
  strata_page_init (&options.page, preset, 0, 0);
  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(StrataLayout) layout = NULL;
      gint64 start;
      double start_cpu;

      strata_layout_forget_labels ();
      start = g_get_monotonic_time ();
      start_cpu = bench_thread_cpu_ms ();
      layout = strata_layout_new_for_page (network, &options, &fit);
      cpu[r] = bench_thread_cpu_ms () - start_cpu;
      samples[r] = bench_elapsed_ms (start);
      type = strata_layout_get_smallest_type (layout) * fit.scale;
      strata_layout_get_size (layout, &width, &height);
    }
  g_print ("%-10s %-7s %8.1f ms CPU %8.1f ms wall   type %.3f pt, scale %.5f, %.1f x %.1f pt\n",
           id, strata_page_preset_to_string (preset), bench_median (cpu, ROUNDS),
           bench_median (samples, ROUNDS), type, fit.scale, width, height);
}

int
main (int   argc,
      char *argv[])
{
  static const char *const ids[] = { "vgg16", "resnet18", "unet", "googlenet" };
  static const StrataPagePreset presets[] = {
    STRATA_PAGE_COLUMN, STRATA_PAGE_SLIDE, STRATA_PAGE_FULL,
  };

  g_print ("Page fits, median of %u rounds, each from an empty label cache; rows layout.\n",
           ROUNDS);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    for (guint p = 0; p < G_N_ELEMENTS (presets); p++)
      bench_fit (ids[i], presets[p]);
  return 0;
}
