/* strata-layer-editor-private.h: what the parts of StrataLayerEditor share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "strata-inputs-group.h"
#include "strata-layer-editor.h"
#include "strata-slide-view.h"

G_BEGIN_DECLS

struct _StrataLayerEditor
{
  GtkWidget             parent_instance;

  StrataLayer          *layer;
  StrataNetwork        *network;
  StrataHistory        *history;
  /* The name's and the parameters' bindings to the layer shown, made with
   * the rows: a layer of the same kind takes them over, one of another
   * kind gets rows and bindings of its own. */
  GBindingGroup        *bindings;
  /* The input's spin buttons, bound to the network shown. */
  GBindingGroup        *input_bindings;
  GPtrArray            *param_rows;
  /* The kind whose parameters' rows wait for the groups under the first
   * screenful to show, if rows_pending. */
  StrataLayerKind       rows_kind;
  gboolean              rows_pending;
  /* property name -> the control editing it */
  GHashTable           *controls;
  gboolean              setting_kind;

  GtkStack             *stack;
  /* The pages of a range and of the input, NULL until first shown. */
  GtkLabel             *range_label;
  guint                 n_range;
  GtkSpinButton        *input_height_spin;
  GtkSpinButton        *input_width_spin;
  GtkSpinButton        *input_channels_spin;
  AdwEntryRow          *title_row;
  GtkWidget            *error_box;
  GtkLabel             *error_label;
  AdwEntryRow          *name_row;
  AdwComboRow          *kind_row;
  AdwEntryRow          *caption_row;
  AdwActionRow         *color_row;
  GtkColorButton       *color_button;
  GtkButton            *color_reset_button;
  StrataInputsGroup    *inputs_group;
  /* The groups under the first screenful, NULL until made. */
  AdwPreferencesGroup  *params_group;
  AdwActionRow         *output_row;
  AdwActionRow         *params_row;
  AdwActionRow         *macs_row;
  AdwActionRow         *activation_row;
  AdwActionRow         *field_row;
  GtkLabel             *field_label;
  GtkWidget            *lower_box;
  GtkWidget            *slide_group;
  StrataSlideView      *slide_view;
  /* Whether the groups under the name and the drawing's fields are shown
   * (strata-layer-editor.c says when), whether the last layout left room
   * for them, and the clock of the first frame they wait for. */
  gboolean              lower_shown;
  gboolean              lower_room;
  GdkFrameClock        *frame_clock;
  gulong                layout_id;
  gulong                after_paint_id;
  guint                 show_idle_id;
  GtkLabel             *output_label;
  GtkLabel             *params_label;
  GtkLabel             *macs_label;
  GtkLabel             *activation_label;
};

/* strata-layer-editor-rows.c */
/* A text property (a name, an operation) to an entry's text: none is "". */
gboolean   strata_layer_editor_text_to_entry      (GBinding              *binding,
                                                   const GValue          *from,
                                                   GValue                *to,
                                                   gpointer               user_data);
/* The input's spin buttons too: a number is applied as it is typed, and
 * the wheel changes it only once it has the focus. */
void       strata_layer_editor_apply_while_typing (GtkSpinButton         *spin);
/* One row for one hyper-parameter, its controls bound to the layer shown
 * and listed in the editor's table of controls. */
GtkWidget *strata_layer_editor_make_param_row     (StrataLayerEditor     *self,
                                                   StrataLayerKind        kind,
                                                   const StrataParamInfo *info);

G_END_DECLS
