/* strata-window-groups.c: a range of layers selected with Shift, grouped and ungrouped. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-layer-row.h"
#include "strata-window-private.h"

/* The list keeps its single selection, which the editor, the canvas and
 * every action follow; a range is that selection and an anchor, the row
 * where Shift was first held. A multiple selection model would make
 * every one of them ask which of the selected layers it is about. */

gboolean
strata_window_get_range (StrataWindow *self,
                         guint        *first,
                         guint        *last)
{
  int selected = strata_window_get_selected (self);
  int anchor = self->range_anchor >= 0 ? self->range_anchor : selected;

  if (selected < 0 || anchor >= (int) strata_network_get_n_layers (self->network))
    return FALSE;
  *first = MIN (anchor, selected);
  *last = MAX (anchor, selected);
  return TRUE;
}

void
strata_window_update_group_row (StrataWindow   *self,
                                StrataLayerRow *row,
                                guint           position)
{
  int group = strata_network_find_group (self->network, position);
  const char *name = group >= 0 ? strata_network_get_group (self->network, group)->name : NULL;
  guint first = 0, last = 0, range_first, range_last;
  gboolean in_range;

  if (group >= 0)
    strata_network_get_group_range (self->network, group, &first, &last);
  strata_layer_row_set_group (row, group >= 0, name, position == first);
  in_range = self->range_anchor >= 0 && strata_window_get_range (self, &range_first, &range_last) &&
             position >= range_first && position <= range_last &&
             (int) position != strata_window_get_selected (self);
  strata_layer_row_set_in_range (row, in_range);
}

/* Rows in view only: the others are told as they are bound. */
static void
update_rows (StrataWindow *self)
{
  GHashTableIter iter;
  gpointer layer, row;

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &layer, &row))
    {
      int position = strata_network_index_of (self->network, layer);

      if (position >= 0)
        strata_window_update_group_row (self, row, position);
    }
}

void
strata_window_groups_changed (StrataWindow *self)
{
  /* A group's first row grows by its name, or shrinks. */
  strata_window_list_rows_resized (self);
  update_rows (self);
  strata_window_update_actions (self);
}

gboolean
strata_window_selection_in_group (StrataWindow *self)
{
  int selected = strata_window_get_selected (self);
  int group = selected >= 0 ? strata_network_find_group (self->network, selected) : -1;

  return group >= 0 && strata_network_get_group (self->network, group)->name != NULL;
}

static gboolean
overlaps (StrataNetwork *network,
          guint          group,
          guint          first,
          guint          last)
{
  guint group_first, group_last;

  strata_network_get_group_range (network, group, &group_first, &group_last);
  return group_first <= last && first <= group_last;
}

gboolean
strata_window_selection_in_ungrouped (StrataWindow *self)
{
  guint first, last;

  if (!strata_window_get_range (self, &first, &last))
    return FALSE;
  for (guint g = 0; g < strata_network_get_n_groups (self->network); g++)
    if (strata_network_get_group (self->network, g)->name == NULL &&
        overlaps (self->network, g, first, last))
      return TRUE;
  return FALSE;
}

void
strata_window_range_selection_changed (StrataWindow *self)
{
  gboolean had_range = self->range_anchor >= 0;
  guint first, last;

  if (!self->extending)
    self->range_anchor = -1;

  /* The editor says how many layers there are, and the canvas frames
   * each; a range back to one layer is that layer's. */
  if (self->range_anchor >= 0 && strata_window_get_range (self, &first, &last))
    {
      if (last > first)
        strata_layer_editor_set_range (self->editor, last - first + 1);
      else
        strata_layer_editor_set_layer (self->editor, strata_network_get_layer (self->network, first));
      strata_canvas_set_selected_range (self->canvas, first, last);
    }
  else if (had_range)
    strata_canvas_set_selected_range (self->canvas, STRATA_LAYOUT_NONE, STRATA_LAYOUT_NONE);
  /* A selection with no range before or after marks no row. */
  if (had_range || self->range_anchor >= 0)
    update_rows (self);
}

/* After a range is grouped or ungrouped, one layer is selected again:
 * the editor goes back from the range's count to its fields. */
static void
end_range (StrataWindow *self)
{
  int selected = strata_window_get_selected (self);

  self->range_anchor = -1;
  strata_canvas_set_selected_range (self->canvas, STRATA_LAYOUT_NONE, STRATA_LAYOUT_NONE);
  if (selected >= 0)
    strata_layer_editor_set_layer (self->editor, strata_network_get_layer (self->network, selected));
  update_rows (self);
}

/* Selects @to, keeping the other end of the range where it was. */
static void
extend_to (StrataWindow *self,
           int           to)
{
  int selected = strata_window_get_selected (self);

  if (selected < 0 || to < 0 || to >= (int) strata_network_get_n_layers (self->network))
    return;
  if (self->range_anchor < 0)
    self->range_anchor = selected;
  self->extending = TRUE;
  strata_window_select (self, to);
  self->extending = FALSE;
}

static gboolean
extend_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  StrataWindow *self = STRATA_WINDOW (user_data);

  extend_to (self, strata_window_get_selected (self) + g_variant_get_int32 (args));
  return TRUE;
}

/* A Shift+click on a row extends the range to it; the list, whose single
 * selection cannot, never sees the click. */
static void
list_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 StrataWindow    *self)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked, *row;
  int position;

  if ((state & GDK_SHIFT_MASK) == 0 || strata_window_get_selected (self) < 0)
    return;
  picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  row = picked != NULL ? gtk_widget_get_ancestor (picked, STRATA_TYPE_LAYER_ROW) : NULL;
  if (row == NULL || strata_layer_row_get_layer (STRATA_LAYER_ROW (row)) == NULL)
    return;
  position = strata_network_index_of (self->network,
                                      strata_layer_row_get_layer (STRATA_LAYER_ROW (row)));
  if (position < 0)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  extend_to (self, position);
}

/* The list's context menu: what acts on the layers selected. */
static void
popup_menu (StrataWindow *self,
            double        x,
            double        y)
{
  if (self->list_menu == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenu) layers = g_menu_new ();
      g_autoptr(GMenu) groups = g_menu_new ();
      g_autoptr(GMenuItem) automatic = g_menu_item_new (_("Group _Automatically"),
                                                        "win.group-automatically");

      g_menu_append (groups, _("_Group Layers"), "win.group");
      g_menu_append (groups, _("_Ungroup Layers"), "win.ungroup");
      g_menu_append (groups, _("Re_name Group…"), "win.rename-group");
      /* Only on layers the user ungrouped, which are all it acts on. */
      g_menu_item_set_attribute (automatic, "hidden-when", "s", "action-disabled");
      g_menu_append_item (groups, automatic);
      g_menu_append (layers, _("_Duplicate Layer"), "win.duplicate-layer");
      g_menu_append (layers, _("_Remove Layer"), "win.remove-layer");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (groups));
      g_menu_append_section (menu, NULL, G_MENU_MODEL (layers));
      self->list_menu = GTK_POPOVER (gtk_popover_menu_new_from_model (G_MENU_MODEL (menu)));
      gtk_popover_set_has_arrow (self->list_menu, FALSE);
      gtk_widget_set_halign (GTK_WIDGET (self->list_menu), GTK_ALIGN_START);
      gtk_widget_set_parent (GTK_WIDGET (self->list_menu), GTK_WIDGET (self->list_view));
    }
  gtk_popover_set_pointing_to (self->list_menu, &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (self->list_menu);
}

/* A right click on a row outside the range selects it first, as a file
 * manager does. */
static void
list_secondary_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   StrataWindow    *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  GtkWidget *row = picked != NULL ? gtk_widget_get_ancestor (picked, STRATA_TYPE_LAYER_ROW)
                                  : NULL;
  StrataLayer *layer = row != NULL ? strata_layer_row_get_layer (STRATA_LAYER_ROW (row)) : NULL;
  int position = layer != NULL ? strata_network_index_of (self->network, layer) : -1;
  guint first, last;

  if (position < 0)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (!strata_window_get_range (self, &first, &last) || (guint) position < first ||
      (guint) position > last)
    strata_window_select (self, position);
  popup_menu (self, x, y);
}

/* Shift+F10 or the Menu key: the menu at the selected row. */
static gboolean
menu_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  StrataWindow *self = STRATA_WINDOW (user_data);
  StrataLayer *layer = strata_network_get_layer (self->network,
                                                 MAX (strata_window_get_selected (self), 0));
  GtkWidget *row = layer != NULL ? g_hash_table_lookup (self->bound_rows, layer) : NULL;
  graphene_point_t at = GRAPHENE_POINT_INIT (24, 24);

  if (row == NULL || strata_window_get_selected (self) < 0)
    return FALSE;
  if (!gtk_widget_compute_point (row, GTK_WIDGET (self->list_view), &GRAPHENE_POINT_INIT (24, 24),
                                 &at))
    return FALSE;
  popup_menu (self, at.x, at.y);
  return TRUE;
}

void
strata_window_groups_init (StrataWindow *self)
{
  GtkGesture *secondary = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  static const struct { guint key; int delta; } steps[] = {
    { GDK_KEY_Up, -1 }, { GDK_KEY_KP_Up, -1 }, { GDK_KEY_Down, 1 }, { GDK_KEY_KP_Down, 1 },
  };

  self->range_anchor = -1;

  /* On the list alone: in a field, Shift+Up selects text. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      GtkShortcut *shortcut =
        gtk_shortcut_new (gtk_keyval_trigger_new (steps[i].key, GDK_SHIFT_MASK),
                          gtk_callback_action_new (extend_cb, self, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (steps[i].delta));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), shortcut);
    }
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Shift>F10|Menu"),
                                                          gtk_callback_action_new (menu_key_cb, self,
                                                                                   NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (secondary, "pressed", G_CALLBACK (list_secondary_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (secondary));

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (list_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));
}

/* Whether a repeated unit the drawing would find holds any of the layers. */
static gboolean
repeats_overlap (StrataNetwork *network,
                 guint          first,
                 guint          last)
{
  g_autoptr(GArray) repeats = strata_network_find_repeats (network);

  for (guint r = 0; r < repeats->len; r++)
    {
      const StrataRepeat *repeat = &g_array_index (repeats, StrataRepeat, r);

      if (repeat->first <= last && first < repeat->first + repeat->n_units * repeat->unit_length)
        return TRUE;
    }
  return FALSE;
}

static void
group_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  g_autofree char *name = NULL;
  guint first, last, before = G_MAXUINT, after = 0;
  int group;

  if (!strata_window_get_range (self, &first, &last))
    return;
  /* One layer of a run the user ungrouped stands for the run, whose first
   * row the list marks: Ctrl+G there groups it again. */
  group = first == last ? strata_network_find_group (self->network, first) : -1;
  if (group >= 0 && strata_network_get_group (self->network, group)->name == NULL)
    strata_network_get_group_range (self->network, group, &first, &last);
  for (guint g = 0; g < strata_network_get_n_groups (self->network); g++)
    {
      const char *other = strata_network_get_group (self->network, g)->name;

      if (other != NULL && overlaps (self->network, g, first, last))
        {
          g_autofree char *message =
            g_strdup_printf (_("These layers overlap the group “%s”: ungroup it first"), other);

          strata_window_show_toast (self, message);
          return;
        }
    }

  /* Grouping layers that were ungrouped groups them, one step; the rest
   * of a run they were part of stays ungrouped. */
  name = strata_network_new_group_name (self->network);
  strata_history_begin_group (self->history);
  for (guint g = strata_network_get_n_groups (self->network); g-- > 0;)
    if (overlaps (self->network, g, first, last))
      {
        guint run_first, run_last;

        strata_network_get_group_range (self->network, g, &run_first, &run_last);
        before = MIN (before, run_first);
        after = MAX (after, run_last);
        strata_network_remove_group (self->network, g);
      }
  if (before < first)
    strata_network_add_group (self->network, before, first - 1, NULL, NULL);
  if (after > last)
    strata_network_add_group (self->network, last + 1, after, NULL, NULL);
  strata_network_add_group (self->network, first, last, name, NULL);
  strata_history_end_group (self->history);

  end_range (self);
}

static void
ungroup_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  gboolean named = FALSE, taken = FALSE;
  guint first, last;

  if (!strata_window_get_range (self, &first, &last))
    return;
  for (guint g = 0; g < strata_network_get_n_groups (self->network); g++)
    if (overlaps (self->network, g, first, last))
      {
        taken = TRUE;
        named |= strata_network_get_group (self->network, g)->name != NULL;
      }

  if (named)
    {
      strata_history_begin_group (self->history);
      for (guint g = strata_network_get_n_groups (self->network); g-- > 0;)
        if (strata_network_get_group (self->network, g)->name != NULL &&
            overlaps (self->network, g, first, last))
          strata_network_remove_group (self->network, g);
      strata_history_end_group (self->history);
    }
  /* Ungrouping layers no group of the user's holds turns the automatic
   * groups off over them. */
  else if (!taken && repeats_overlap (self->network, first, last))
    strata_network_add_group (self->network, first, last, NULL, NULL);
  else
    {
      /* Translators: a toast, when Ungroup finds nothing to ungroup */
      strata_window_show_toast (self, taken ? _("These layers are already ungrouped")
                                            : _("These layers are in no group"));
      return;
    }

  end_range (self);
}

/* Takes the mark off the runs the user ungrouped that the range touches,
 * whole: the drawing groups their repeats again. */
static void
group_automatically_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  guint first, last;

  if (!strata_window_selection_in_ungrouped (self) ||
      !strata_window_get_range (self, &first, &last))
    return;
  strata_history_begin_group (self->history);
  for (guint g = strata_network_get_n_groups (self->network); g-- > 0;)
    if (strata_network_get_group (self->network, g)->name == NULL &&
        overlaps (self->network, g, first, last))
      strata_network_remove_group (self->network, g);
  strata_history_end_group (self->history);

  end_range (self);
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    StrataWindow     *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  StrataLayer *first = g_object_get_data (G_OBJECT (dialog), "strata-group-first");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  int position = strata_network_index_of (self->network, first);
  int group = position >= 0 ? strata_network_find_group (self->network, position) : -1;

  /* The group is found again by its first layer: the network was the
   * window's to edit while the dialog was open. */
  if (!g_str_equal (response, "rename") || *name == '\0' || group < 0 ||
      strata_network_get_group (self->network, group)->name == NULL)
    return;
  strata_network_rename_group (self->network, group, name);
}

static void
rename_group_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  int selected = strata_window_get_selected (self);
  int group = selected >= 0 ? strata_network_find_group (self->network, selected) : -1;
  const StrataLayerGroup *found = group >= 0 ? strata_network_get_group (self->network, group)
                                             : NULL;
  GtkWidget *dialog, *entry;

  if (found == NULL || found->name == NULL)
    {
      strata_window_show_toast (self, _("This layer is in no group"));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Rename Group"), NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), found->name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Group name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "strata-group-first", g_object_ref (found->first),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  g_clear_weak_pointer (&self->message_dialog);
  g_set_weak_pointer (&self->message_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
strata_window_groups_dispose (StrataWindow *self)
{
  if (self->list_menu != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->list_menu));
  self->list_menu = NULL;
}

void
strata_window_class_groups_init (StrataWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.group", NULL, group_action);
  gtk_widget_class_install_action (widget_class, "win.ungroup", NULL, ungroup_action);
  gtk_widget_class_install_action (widget_class, "win.rename-group", NULL, rename_group_action);
  gtk_widget_class_install_action (widget_class, "win.group-automatically", NULL,
                                   group_automatically_action);
}
