/* strata-layer-editor.h: the controls of the selected layer, or of the network's input. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "strata-history.h"

G_BEGIN_DECLS

#define STRATA_TYPE_LAYER_EDITOR (strata_layer_editor_get_type ())

G_DECLARE_FINAL_TYPE (StrataLayerEditor, strata_layer_editor, STRATA, LAYER_EDITOR, GtkWidget)

GtkWidget   *strata_layer_editor_new        (void);
/* Shows @layer's controls, bound to its properties: edits apply at once. */
void         strata_layer_editor_set_layer  (StrataLayerEditor *self,
                                             StrataLayer       *layer);
StrataLayer *strata_layer_editor_get_layer  (StrataLayerEditor *self);
/* Shows the input shape of @network instead. */
void         strata_layer_editor_set_input  (StrataLayerEditor *self,
                                             StrataNetwork     *network);
void         strata_layer_editor_clear      (StrataLayerEditor *self);
/* Shows how many layers a range holds (more than one) instead of a
 * layer's fields, until another layer, the input or nothing is shown. */
void         strata_layer_editor_set_range  (StrataLayerEditor *self,
                                             guint              n_layers);
/* The number of layers of the range shown, or 0. */
guint        strata_layer_editor_get_range  (StrataLayerEditor *self);
void         strata_layer_editor_focus_name (StrataLayerEditor *self);
/* Moves the focus to the first hyper-parameter's field, if there is one,
 * or to the input's height. */
gboolean     strata_layer_editor_focus_first_param (StrataLayerEditor *self);
/* The history of the shown layer's network: with one, the editor shows
 * what the layer reads, and changes it, each change one step to undo. */
void         strata_layer_editor_set_history (StrataLayerEditor *self,
                                              StrataHistory     *history);
/* The control editing @property of the shown layer (or input), or one of
 * its inputs (see strata_inputs_group_get_control()), for tests. */
GtkWidget   *strata_layer_editor_get_control (StrataLayerEditor *self,
                                              const char        *property);

G_END_DECLS
