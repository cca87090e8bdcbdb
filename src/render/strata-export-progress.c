/* strata-export-progress.c: how much of an export is done, the page's fit weighed against the drawing. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "strata-export-private.h"
#include "strata-layout-build-private.h"

void
strata_export_progress_init (StrataExportProgress     *progress,
                             StrataExportProgressFunc  func,
                             gpointer                  user_data)
{
  *progress = (StrataExportProgress) { func, user_data, 0, 0, 0 };
}

void
strata_export_progress_part (StrataExportProgress *progress,
                             double                to)
{
  if (progress == NULL)
    return;
  progress->from = progress->last;
  progress->to = MAX (to, progress->from);
}

/* Tells @fraction when it is more than was told. */
static void
tell (StrataExportProgress *progress,
      double                fraction)
{
  if (progress == NULL || progress->func == NULL || !(fraction > progress->last))
    return;
  progress->last = fraction;
  progress->func (fraction, progress->user_data);
}

void
strata_export_progress_report (StrataExportProgress *progress,
                               double                done,
                               double                total)
{
  if (progress == NULL || !(total > 0))
    return;
  tell (progress, progress->from + (progress->to - progress->from) * CLAMP (done / total, 0, 1));
}

void
strata_export_progress_finish (StrataExportProgress *progress)
{
  tell (progress, 1);
}

/* What the parts of an export cost, in microseconds, as measured on
 * the examples (only their ratio matters): a trial of a page's fit is
 * mostly its title and legend up to a few hundred layers; a PNG's
 * drawing costs its pixels (compressing them is most of it), an SVG's
 * or a PDF's its layers. */
#define TRIAL_US             300.0
#define TRIAL_US_PER_LAYER   1.5
#define PNG_US_PER_PIXEL     0.08
#define VECTOR_US            5000.0
#define VECTOR_US_PER_LAYER  20.0
/* A fit whose best misses the page's least type goes on with more
 * searches: from 1 to 70 times the first one's trials on the examples'
 * pages, 15 times in the middle of them. */
#define MORE_SEARCHES 15.0

void
strata_export_fit_init (StrataExportFit           *trials,
                        StrataNetwork             *network,
                        const StrataRenderOptions *options,
                        StrataExportFormat         format,
                        double                     dpi,
                        StrataExportProgress      *progress)
{
  double n_layers = MAX (strata_network_get_n_layers (network), 1);
  const StrataPage *page = &options->page;

  *trials = (StrataExportFit) { progress, n_layers, 0, 0 };
  if (format == STRATA_EXPORT_FORMAT_PNG)
    {
      double png_dpi = strata_export_png_dpi (page->width, page->height, dpi);

      trials->drawing = ceil (page->width * png_dpi / 72) * ceil (page->height * png_dpi / 72) *
                        PNG_US_PER_PIXEL;
    }
  else
    trials->drawing = VECTOR_US + n_layers * VECTOR_US_PER_LAYER;
}

void
strata_export_fit_trial_cb (guint     done,
                            guint     planned,
                            gboolean  reached,
                            gpointer  user_data)
{
  StrataExportFit *trials = user_data;
  double left;

  /* The fit's share, once its first search says how many trials it plans. */
  if (trials->first == 0)
    {
      double fit = planned * (1 + MORE_SEARCHES) *
                   (TRIAL_US + trials->n_layers * TRIAL_US_PER_LAYER);

      trials->first = MAX (planned, 1);
      strata_export_progress_part (trials->progress,
                                   STRATA_EXPORT_DRAWN * fit / (fit + trials->drawing));
    }
  /* What the searches begun have left, and while the best misses the
   * page's least type, the searches that then follow. */
  left = (planned > done ? planned - done : 0) + (reached ? 0 : MORE_SEARCHES * trials->first);
  strata_export_progress_report (trials->progress, done, done + left);
}
