/* strata-export-private.h: what the export of build-up slides shares with that of one diagram. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "strata-export.h"

G_BEGIN_DECLS

/* cairo's image surfaces stop at 32767 pixels a side; the area limit keeps
 * a mistyped DPI from asking for gigabytes. */
#define MAX_PIXELS_SIDE 32767
#define MAX_PIXELS_AREA (256.0 * 1024 * 1024)

/* A cairo write function appending to a GByteArray. */
cairo_status_t strata_export_append       (void                *closure,
                                           const unsigned char *data,
                                           unsigned int         length);
/* FALSE with STRATA_EXPORT_ERROR_WRITE when cairo failed. */
gboolean       strata_export_check_status (cairo_status_t       status,
                                           GError             **error);
/* Appends @surface to @out as a PNG recording @dpi, with its alpha
 * channel if @alpha; FALSE if libpng failed. */
gboolean       strata_export_write_png    (cairo_surface_t     *surface,
                                           double               dpi,
                                           gboolean             alpha,
                                           GByteArray          *out);
/* Writes @bytes to @path as strata_export_to_file() does: atomically,
 * regular files only. */
gboolean       strata_export_write_bytes  (const char          *path,
                                           GBytes              *bytes,
                                           GError             **error);

G_END_DECLS
