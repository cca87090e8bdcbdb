/* strata-export.h: a network diagram written to PNG, SVG or PDF. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "strata-render.h"

G_BEGIN_DECLS

#define STRATA_EXPORT_ERROR (strata_export_error_quark ())

typedef enum
{
  STRATA_EXPORT_ERROR_FORMAT,  /* unknown file extension */
  STRATA_EXPORT_ERROR_SIZE,    /* the image would be too large */
  STRATA_EXPORT_ERROR_WRITE,   /* the file could not be written */
  STRATA_EXPORT_ERROR_TARGET,  /* something not a regular file is there */
} StrataExportError;

typedef enum
{
  STRATA_EXPORT_FORMAT_PNG,
  STRATA_EXPORT_FORMAT_SVG,
  STRATA_EXPORT_FORMAT_PDF,
} StrataExportFormat;

GQuark    strata_export_error_quark        (void);

/* The largest PNG written: image viewers built on libpng refuse images
 * over a million pixels a side unless told otherwise, and a gigabyte of
 * pixels (256 Mi of them) is what a viewer must hold to show the image. */
#define STRATA_PNG_MAX_SIDE   1000000
#define STRATA_PNG_MAX_PIXELS (256.0 * 1024 * 1024)

/* The DPI a PNG of a drawing of @width × @height points is made at when
 * @dpi is asked for: @dpi, or the largest DPI below it whose image stays
 * within STRATA_PNG_MAX_SIDE and STRATA_PNG_MAX_PIXELS. */
double    strata_export_png_dpi            (double               width,
                                            double               height,
                                            double               dpi);

/* From the extension of @path, case-insensitive. */
gboolean  strata_export_format_from_path   (const char          *path,
                                            StrataExportFormat  *format,
                                            GError             **error);

/* Writes atomically: a failed export leaves no file behind and an old one
 * untouched, and the temporaries that killed exports to @path left behind
 * are removed. Writes only regular files: a symbolic link is followed to
 * the file it names, and a folder, pipe, device, socket or a link to
 * nothing is refused with STRATA_EXPORT_ERROR_TARGET. @dpi sets a PNG's
 * pixel size (pixels = points × dpi / 72, or fewer for an image too large
 * for viewers: see strata_export_png_dpi()) and is recorded in the PNG;
 * vector formats ignore it. */
gboolean  strata_export_to_file            (StrataNetwork             *network,
                                            const StrataRenderOptions *options,
                                            StrataExportFormat         format,
                                            double                     dpi,
                                            const char                *path,
                                            GError                   **error);

/* Like strata_export_to_file(), and @png_dpi (if not NULL) is set to the
 * DPI a PNG was drawn at, which is below @dpi when the image would have
 * been too large (see strata_export_png_dpi()), and @page_type (if not
 * NULL) to the size in points of the smallest text on the page the
 * options ask for (0 without one), which a fit may leave under the
 * page's least: the page is fitted once, for the file and for this. */
gboolean  strata_export_to_file_full       (StrataNetwork             *network,
                                            const StrataRenderOptions *options,
                                            StrataExportFormat         format,
                                            double                     dpi,
                                            const char                *path,
                                            double                    *png_dpi,
                                            double                    *page_type,
                                            GError                   **error);

/* How much of an export is done, told from the thread that exports: a
 * fraction from 0 to 1 that never goes down, of the page's trials, a
 * PNG's strips, an SVG's layers and the slides' steps, each part weighed
 * by what it costs; 1 only once the file is in place. Called often (once
 * a layer): a window shows the latest now and then. */
typedef void (*StrataExportProgressFunc) (double   fraction,
                                          gpointer user_data);

/* strata_export_to_file(), for a thread: once @cancellable is cancelled
 * it stops (between the page's trials, a PNG's strips and an SVG's
 * layers) with G_IO_ERROR_CANCELLED, leaving @path as it was. @progress
 * (may be NULL) is told how much is done. */
gboolean  strata_export_to_file_cancellable (StrataNetwork             *network,
                                             const StrataRenderOptions *options,
                                             StrataExportFormat         format,
                                             double                     dpi,
                                             const char                *path,
                                             GCancellable              *cancellable,
                                             StrataExportProgressFunc   progress,
                                             gpointer                   progress_data,
                                             GError                   **error);

/* Writes @layout where @fit places it on its page, as
 * strata_layout_new_for_page() gives them: the file
 * strata_export_to_file_cancellable() writes of the network and options
 * @layout was made of (the options of a file: nothing selected, and
 * transparent only for a PNG), without fitting the page again. */
gboolean  strata_export_layout_to_file      (StrataLayout              *layout,
                                             const StrataPageFit       *fit,
                                             StrataExportFormat         format,
                                             double                     dpi,
                                             const char                *path,
                                             GCancellable              *cancellable,
                                             StrataExportProgressFunc   progress,
                                             gpointer                   progress_data,
                                             GError                   **error);

/* The file's bytes in memory, without writing anything. */
GBytes   *strata_export_to_bytes           (StrataNetwork             *network,
                                            const StrataRenderOptions *options,
                                            StrataExportFormat         format,
                                            double                     dpi,
                                            GError                   **error);

/* A PNG in memory, for the clipboard. */
GBytes   *strata_export_to_png_bytes       (StrataNetwork             *network,
                                            const StrataRenderOptions *options,
                                            double                     dpi,
                                            GError                   **error);

/* Build-up slides (strata-slide.h) on pages of @width × @height points,
 * 16:9 at STRATA_EXPORT_STEPS_WIDTH × STRATA_EXPORT_STEPS_HEIGHT: a PDF of
 * one page per step; for PNG and SVG, one file per step, named as
 * strata_export_step_path() says. Each file is written as
 * strata_export_to_file() writes one. */
#define STRATA_EXPORT_STEPS_WIDTH  960.0
#define STRATA_EXPORT_STEPS_HEIGHT 540.0

gboolean  strata_export_steps_to_file      (StrataNetwork             *network,
                                            const StrataRenderOptions *options,
                                            StrataExportFormat         format,
                                            double                     dpi,
                                            double                     width,
                                            double                     height,
                                            const char                *path,
                                            GError                   **error);

/* The same, stopping with G_IO_ERROR_CANCELLED once @cancellable is
 * cancelled: before the next step's file, at a PNG's next strip, or
 * before the file replaces the old one (the steps written before it
 * stay); @progress (may be NULL) is told the steps written of the steps,
 * and 1 once the last file is in place. */
gboolean  strata_export_steps_to_file_cancellable (StrataNetwork             *network,
                                                   const StrataRenderOptions *options,
                                                   StrataExportFormat         format,
                                                   double                     dpi,
                                                   double                     width,
                                                   double                     height,
                                                   const char                *path,
                                                   GCancellable              *cancellable,
                                                   StrataExportProgressFunc   progress,
                                                   gpointer                   progress_data,
                                                   GError                   **error);

/* The file of @step among @n_steps for @path: its number, of at least
 * two digits and as many as the last needs, before the extension:
 * "steps.png" → "steps-00.png". */
char     *strata_export_step_path          (const char                *path,
                                            guint                      step,
                                            guint                      n_steps);

G_END_DECLS
