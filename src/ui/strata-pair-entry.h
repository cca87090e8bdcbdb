/* strata-pair-entry.h: one field for a height and a width: "3" is 3 × 3, "3x5" is 3 × 5. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STRATA_TYPE_PAIR_ENTRY (strata_pair_entry_get_type ())

G_DECLARE_FINAL_TYPE (StrataPairEntry, strata_pair_entry, STRATA, PAIR_ENTRY, GtkWidget)

/* Values from @lower to @upper; @label names the pair for screen readers. */
GtkWidget *strata_pair_entry_new       (guint            lower,
                                        guint            upper,
                                        const char      *label);
guint      strata_pair_entry_get_height (StrataPairEntry *self);
guint      strata_pair_entry_get_width  (StrataPairEntry *self);
void       strata_pair_entry_set_values (StrataPairEntry *self,
                                         guint            height,
                                         guint            width);
/* The field the user types in. */
GtkEditable *strata_pair_entry_get_editable (StrataPairEntry *self);

G_END_DECLS
