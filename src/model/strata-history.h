/* strata-history.h: undo and redo of every edit made to a network. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-network.h"

G_BEGIN_DECLS

#define STRATA_TYPE_HISTORY (strata_history_get_type ())

G_DECLARE_FINAL_TYPE (StrataHistory, strata_history, STRATA, HISTORY, GObject)

/* Watches @network and records every change made to it, whoever makes it:
 * layers added, removed or moved, hyper-parameters, names, the input and
 * the network's name. */
StrataHistory *strata_history_new            (StrataNetwork *network);
StrataNetwork *strata_history_get_network    (StrataHistory *self);

gboolean       strata_history_can_undo       (StrataHistory *self);
gboolean       strata_history_can_redo       (StrataHistory *self);
/* Each returns FALSE when there is nothing to do; otherwise @position (if
 * not NULL) is set to the layer the step touched, -1 for the input, or
 * STRATA_HISTORY_TITLE for the network's name. */
#define STRATA_HISTORY_TITLE (-2)

gboolean       strata_history_undo           (StrataHistory *self,
                                              int           *position);
gboolean       strata_history_redo           (StrataHistory *self,
                                              int           *position);

/* Changes recorded between these calls are undone as one step. */
void           strata_history_begin_group    (StrataHistory *self);
void           strata_history_end_group      (StrataHistory *self);
/* Quick successive edits of the same layer merge into one step; this
 * ends the current step, e.g. when the user selects another layer. */
void           strata_history_break_merge    (StrataHistory *self);

/* Hands @func, one step at a time, each state of the network that undo
 * (or with @forward, redo) would reach, nearest first, until there are
 * no more steps or @func returns FALSE. The states are made on a copy of
 * the network, valid during the call: the network itself never changes. */
typedef gboolean (*StrataHistoryStateFunc) (StrataNetwork *state,
                                            gpointer       user_data);

void           strata_history_walk_states    (StrataHistory          *self,
                                              gboolean                forward,
                                              StrataHistoryStateFunc  func,
                                              gpointer                user_data);

/* A network of copies of @network's layers, reading and sharing as they
 * do, in the same groups: what the states above are made on, for code
 * that reads a network where its own may change (another thread). */
StrataNetwork *strata_history_copy_network   (StrataNetwork *network);

/* Whether the network differs from the last point marked unmodified. */
gboolean       strata_history_get_modified   (StrataHistory *self);
void           strata_history_set_unmodified (StrataHistory *self);

G_END_DECLS
