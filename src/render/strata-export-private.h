/* strata-export-private.h: what the exporter's files share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "strata-export.h"

G_BEGIN_DECLS

/* FALSE with STRATA_EXPORT_ERROR_WRITE when cairo failed. */
gboolean       strata_export_check_status (cairo_status_t       status,
                                           GError             **error);
/* Writes @bytes to @path as strata_export_to_file() does: atomically,
 * regular files only, nothing once @cancellable (may be NULL) is cancelled. */
gboolean       strata_export_write_bytes  (const char          *path,
                                           GBytes              *bytes,
                                           GCancellable        *cancellable,
                                           GError             **error);

/* How much of an export is done: each part of it (the page's fit, the
 * drawing, the file written) covers a share of the whole, from where the
 * one before ended. What is told never goes down, and reaches 1 only at
 * strata_export_progress_finish(). Every call takes NULL, which tells
 * no one. */
typedef struct
{
  StrataExportProgressFunc func;
  gpointer                 user_data;
  double                   from;   /* where the running part's share starts */
  double                   to;     /* and ends */
  double                   last;   /* the fraction told last */
} StrataExportProgress;

void strata_export_progress_init   (StrataExportProgress     *progress,
                                    StrataExportProgressFunc  func,
                                    gpointer                  user_data);
/* The next part runs from where the last ended up to @to of the whole. */
void strata_export_progress_part   (StrataExportProgress     *progress,
                                    double                    to);
/* @done of @total of the running part is done. */
void strata_export_progress_report (StrataExportProgress     *progress,
                                    double                    done,
                                    double                    total);
/* The file is in place: 1. */
void strata_export_progress_finish (StrataExportProgress     *progress);

/* Where the drawing ends, of the whole: the rest is the file's writing. */
#define STRATA_EXPORT_DRAWN 0.99

/* strata-export-progress.c: the fit of a page, weighed against the
 * drawing after it, which strata_export_fit_init() is told of:
 * strata_export_fit_trial_cb() is the fit's StrataFitProgressFunc. */
typedef struct
{
  StrataExportProgress *progress;
  double                n_layers;
  double                drawing;  /* what the drawing costs */
  guint                 first;    /* the trials the first search planned */
} StrataExportFit;

void strata_export_fit_init     (StrataExportFit           *trials,
                                 StrataNetwork             *network,
                                 const StrataRenderOptions *options,
                                 StrataExportFormat         format,
                                 double                     dpi,
                                 StrataExportProgress      *progress);
void strata_export_fit_trial_cb (guint                      done,
                                 guint                      planned,
                                 gboolean                   reached,
                                 gpointer                   user_data);

/* Draws a page of points on @cr (already scaled from points to pixels). */
typedef void (*StrataExportDrawFunc) (cairo_t  *cr,
                                      gpointer  user_data);

/* strata-export-png.c: a drawing of @width × @height points as a PNG at
 * @dpi, or at the lower DPI strata_export_png_dpi() gives for a larger
 * image, stored in @used_dpi; with an alpha channel if @transparent.
 * Stops at the strip after @cancellable (may be NULL) is cancelled, and
 * tells @progress's running part the strips written of the strips. */
GBytes *strata_export_render_png_drawing (double                width,
                                          double                height,
                                          gboolean              transparent,
                                          double                dpi,
                                          StrataExportDrawFunc  draw,
                                          gpointer              user_data,
                                          GCancellable         *cancellable,
                                          StrataExportProgress *progress,
                                          double               *used_dpi,
                                          GError              **error);

/* Draws page @page of a PDF on @cr, in points. */
typedef void (*StrataExportPageDrawFunc) (cairo_t  *cr,
                                          guint     page,
                                          gpointer  user_data);

/* A PDF of @n_pages pages of @width × @height points titled @title;
 * stops before the next page once @cancellable (may be NULL) is
 * cancelled, and tells @progress's running part the pages drawn. */
GBytes *strata_export_render_pdf         (double                    width,
                                          double                    height,
                                          const char               *title,
                                          guint                     n_pages,
                                          StrataExportPageDrawFunc  draw,
                                          gpointer                  user_data,
                                          GCancellable             *cancellable,
                                          StrataExportProgress     *progress,
                                          GError                  **error);

G_END_DECLS
