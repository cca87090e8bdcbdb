/* strata-export-dialog.h: choose format and style, see a live preview, export or copy. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "strata-network.h"
#include "strata-render.h"

G_BEGIN_DECLS

#define STRATA_TYPE_EXPORT_DIALOG (strata_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (StrataExportDialog, strata_export_dialog, STRATA, EXPORT_DIALOG, AdwWindow)

/* @defaults (may be NULL) sets the controls: the user's preferences. */
GtkWidget                 *strata_export_dialog_new         (GtkWindow                 *parent,
                                                             StrataNetwork             *network,
                                                             const StrataRenderOptions *defaults);
const StrataRenderOptions *strata_export_dialog_get_options (StrataExportDialog        *self);
/* Whether the preview shows the choices as they are, no fit running;
 * then @fit is the page fit it shows. */
gboolean                   strata_export_dialog_get_preview (StrataExportDialog        *self,
                                                             StrataPageFit             *fit);
/* A control by name: "format", "dpi", "page", "page-width", "page-height",
 * "transparent", "style", "layout", "dimensions", "theme", "scale",
 * "params", "kernels", "groups", "collapse", "legend", "title", "steps";
 * and "progress", the export's progress bar. */
GtkWidget                 *strata_export_dialog_get_control (StrataExportDialog        *self,
                                                             const char                *name);

G_END_DECLS
