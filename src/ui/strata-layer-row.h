/* strata-layer-row.h: one layer in the sidebar list: kind, name, output shape and params. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "strata-network.h"

G_BEGIN_DECLS

#define STRATA_TYPE_LAYER_ROW (strata_layer_row_get_type ())

G_DECLARE_FINAL_TYPE (StrataLayerRow, strata_layer_row, STRATA, LAYER_ROW, GtkWidget)

GtkWidget   *strata_layer_row_new           (void);
StrataLayer *strata_layer_row_get_layer     (StrataLayerRow *self);
void         strata_layer_row_set_layer     (StrataLayerRow *self,
                                             StrataLayer    *layer);
/* The row's position in the list, shown beside it (0-based; -1 hides it). */
void         strata_layer_row_set_position  (StrataLayerRow *self,
                                             int             position);

/* The second line as shown: "Conv · 28 × 28 × 8", or the layer's error. */
const char  *strata_layer_row_get_detail    (StrataLayerRow *self);
/* Shows what the row's layer reads and whose weights it uses, as it
 * is now in @network; call again when links or names change. */
void         strata_layer_row_update_links  (StrataLayerRow *self,
                                             StrataNetwork  *network);
/* The third line as shown, "← conv1, shortcut · shares conv_a", or NULL
 * when the layer just reads the one before it. */
const char  *strata_layer_row_get_links     (StrataLayerRow *self);

/* That text for the layer at @position of @network, and in *@spoken
 * (if not NULL) the words a screen reader says for it; NULL when there
 * is nothing to say. */
char        *strata_layer_describe_links    (StrataNetwork  *network,
                                             guint           position,
                                             char          **spoken);

/* Shows the row in a group of the user's (@in_group), named @name or,
 * NULL, a run the user ungrouped; the name, or "Not grouped", shows over
 * the group's @first row. */
void         strata_layer_row_set_group     (StrataLayerRow *self,
                                             gboolean        in_group,
                                             const char     *name,
                                             gboolean        first);
/* What shows over the row: the group's name, "Not grouped", or NULL. */
const char  *strata_layer_row_get_group_label (StrataLayerRow *self);
/* Shows the row in the range of layers selected, beside the selected one. */
void         strata_layer_row_set_in_range  (StrataLayerRow *self,
                                             gboolean        in_range);

/* The CSS class naming the colour of @category, as the canvas draws it. */
const char  *strata_layer_category_css_class (StrataLayerCategory category);

G_END_DECLS
