/* strata-image-content.h: a diagram on the clipboard, as PNG and as SVG. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "strata-render.h"

G_BEGIN_DECLS

/* The drawing of @network as a PNG of @dpi and as an SVG (image/svg+xml),
 * so that a slide or drawing program pastes whichever it takes best:
 * vector programs keep the text editable. NULL and @error when it cannot
 * be drawn. */
GdkContentProvider *strata_image_content_new (StrataNetwork             *network,
                                              const StrataRenderOptions *options,
                                              double                     dpi,
                                              GError                   **error);

G_END_DECLS
