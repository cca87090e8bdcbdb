/* strata-inputs-group.h: what the selected layer reads, and whose weights it uses. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "strata-history.h"

G_BEGIN_DECLS

#define STRATA_TYPE_INPUTS_GROUP (strata_inputs_group_get_type ())

G_DECLARE_FINAL_TYPE (StrataInputsGroup, strata_inputs_group, STRATA, INPUTS_GROUP,
                      AdwPreferencesGroup)

GtkWidget *strata_inputs_group_new         (void);
/* Shows what @layer of @history's network reads and whose weights it
 * uses, and edits them there, each change one step of @history; NULL
 * for either shows nothing. */
void       strata_inputs_group_set_layer   (StrataInputsGroup *self,
                                            StrataHistory     *history,
                                            StrataLayer       *layer);
/* The control named @name, for tests: "input-N" (from 0), "remove-input-N",
 * "add-input" or "shares"; NULL when not shown. */
GtkWidget *strata_inputs_group_get_control (StrataInputsGroup *self,
                                            const char        *name);

G_END_DECLS
