/* strata-export-choices.h: the export window's choices, remembered for the next one. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-export-dialog.h"

G_BEGIN_DECLS

/* Sets each of @dialog's choices but the page and the DPI as @remembered
 * (an a{sv} by the names of its controls: a list's item by the name the
 * command line gives it, a switch as a boolean) has it, or, for those it
 * does not name, as @defaults (the window's drawing) has it. */
void      strata_export_choices_set (StrataExportDialog        *dialog,
                                     const StrataRenderOptions *defaults,
                                     GVariant                  *remembered);
/* @dialog's choices that differ from @defaults, as the above reads them,
 * so that what the user never changed there follows Preferences; floating. */
GVariant *strata_export_choices_get (StrataExportDialog        *dialog,
                                     const StrataRenderOptions *defaults);

G_END_DECLS
