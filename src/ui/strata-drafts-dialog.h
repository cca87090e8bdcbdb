/* strata-drafts-dialog.h: the networks an earlier run left unsaved, offered to reopen or discard. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Drafts not written for this long are marked as old, and offered for
 * deletion together. */
#define STRATA_DRAFTS_OLD_DAYS 30

/* A dialog over @parent listing the drafts @ids (strata_drafts_list(),
 * oldest first), the latest first, by name, size and age. Each opens, read in a thread, in a window of
 * @application (the first in @parent itself while @parent shows an
 * untouched example), or is discarded; "Keep for Later" leaves them for
 * the next start. Actions for tests: "drafts.open" and "drafts.discard"
 * with a draft's id, "drafts.discard-old". */
AdwMessageDialog *strata_drafts_dialog_new   (GtkApplication     *application,
                                              GtkWindow          *parent,
                                              const char * const *ids);
/* How many drafts the dialog still lists. */
guint             strata_drafts_dialog_get_n_listed (AdwMessageDialog *dialog);

G_END_DECLS
