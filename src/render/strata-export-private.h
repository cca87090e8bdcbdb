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

/* Draws a page of points on @cr (already scaled from points to pixels). */
typedef void (*StrataExportDrawFunc) (cairo_t  *cr,
                                      gpointer  user_data);

/* strata-export-png.c: a drawing of @width × @height points as a PNG at
 * @dpi, or at the lower DPI strata_export_png_dpi() gives for a larger
 * image, stored in @used_dpi; with an alpha channel if @transparent.
 * Stops at the strip after @cancellable (may be NULL) is cancelled. */
GBytes *strata_export_render_png_drawing (double                width,
                                          double                height,
                                          gboolean              transparent,
                                          double                dpi,
                                          StrataExportDrawFunc  draw,
                                          gpointer              user_data,
                                          GCancellable         *cancellable,
                                          double               *used_dpi,
                                          GError              **error);

/* Draws page @page of a PDF on @cr, in points. */
typedef void (*StrataExportPageDrawFunc) (cairo_t  *cr,
                                          guint     page,
                                          gpointer  user_data);

/* A PDF of @n_pages pages of @width × @height points titled @title. */
GBytes *strata_export_render_pdf         (double                    width,
                                          double                    height,
                                          const char               *title,
                                          guint                     n_pages,
                                          StrataExportPageDrawFunc  draw,
                                          gpointer                  user_data,
                                          GError                  **error);

G_END_DECLS
