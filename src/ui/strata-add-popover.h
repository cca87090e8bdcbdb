/* strata-add-popover.h: the kinds of layers to add, found by typing part of a name. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "strata-layer-kind.h"

G_BEGIN_DECLS

#define STRATA_TYPE_ADD_POPOVER (strata_add_popover_get_type ())

G_DECLARE_FINAL_TYPE (StrataAddPopover, strata_add_popover, STRATA, ADD_POPOVER, GtkPopover)

/* Activates @action (taking a kind's id) with the kind chosen. */
GtkWidget   *strata_add_popover_new        (const char       *action);
/* The field typed in, for tests. */
GtkEditable *strata_add_popover_get_search (StrataAddPopover *self);
/* How many kinds the search leaves, and the first of them. */
guint        strata_add_popover_get_n_shown (StrataAddPopover *self,
                                             StrataLayerKind  *first);

G_END_DECLS
