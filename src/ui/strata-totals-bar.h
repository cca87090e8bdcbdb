/* strata-totals-bar.h: the network's totals under the canvas, updated live. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "strata-memory.h"
#include "strata-network.h"

G_BEGIN_DECLS

#define STRATA_TYPE_TOTALS_BAR (strata_totals_bar_get_type ())

G_DECLARE_FINAL_TYPE (StrataTotalsBar, strata_totals_bar, STRATA, TOTALS_BAR, GtkWidget)

GtkWidget     *strata_totals_bar_new         (void);
StrataNetwork *strata_totals_bar_get_network (StrataTotalsBar *self);
void           strata_totals_bar_set_network (StrataTotalsBar *self,
                                              StrataNetwork   *network);
/* The text of the parameters total, as shown: "61,706", for tests. */
const char    *strata_totals_bar_get_params_text (StrataTotalsBar *self);
/* The batch and data type of the memory shown, as the popover sets them. */
void           strata_totals_bar_set_batch       (StrataTotalsBar *self,
                                                  guint            batch,
                                                  StrataDType      dtype);
/* The memory as shown ("46.8 MB weights · 32.9 MB activations") and the
 * training estimate under it, for tests. */
const char    *strata_totals_bar_get_memory_text (StrataTotalsBar *self);
const char    *strata_totals_bar_get_training_text (StrataTotalsBar *self);

G_END_DECLS
