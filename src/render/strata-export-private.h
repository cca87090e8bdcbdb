/* strata-export-private.h: what the exporter's files share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-export.h"

G_BEGIN_DECLS

/* strata-export-png.c: @layout as a PNG at @dpi, or at the lower DPI
 * strata_export_png_dpi() gives for a larger image, stored in @used_dpi. */
GBytes *strata_export_render_png (StrataLayout  *layout,
                                  double         dpi,
                                  double        *used_dpi,
                                  GError       **error);

G_END_DECLS
