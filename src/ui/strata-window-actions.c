/* strata-window-actions.c: the window's actions and their shortcuts. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-export-dialog.h"
#include "strata-image-content.h"
#include "strata-preferences-window.h"
#include "strata-presentation.h"
#include "strata-window-private.h"

/* Clipboard images are made for slides: twice the screen's resolution. */

void
strata_window_update_actions (StrataWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int position = strata_window_get_selected (self);
  int n_layers = strata_network_get_n_layers (self->network);
  gboolean has_layer = position >= 0;

  gtk_widget_action_set_enabled (widget, "win.undo", strata_history_can_undo (self->history));
  gtk_widget_action_set_enabled (widget, "win.redo", strata_history_can_redo (self->history));
  gtk_widget_action_set_enabled (widget, "win.remove-layer", has_layer);
  gtk_widget_action_set_enabled (widget, "win.branch-layer", has_layer || self->input_selected);
  gtk_widget_action_set_enabled (widget, "win.show-branch-menu",
                                 has_layer || self->input_selected);
  gtk_widget_action_set_enabled (widget, "win.duplicate-layer", has_layer);
  gtk_widget_action_set_enabled (widget, "win.rename-layer", has_layer);
  gtk_widget_action_set_enabled (widget, "win.move-up", has_layer && position > 0);
  gtk_widget_action_set_enabled (widget, "win.move-down", has_layer && position < n_layers - 1);
  gtk_widget_action_set_enabled (widget, "win.group", has_layer);
  gtk_widget_action_set_enabled (widget, "win.ungroup", has_layer);
  gtk_widget_action_set_enabled (widget, "win.rename-group",
                                 has_layer && strata_window_selection_in_group (self));
  gtk_widget_action_set_enabled (widget, "win.group-automatically",
                                 has_layer && strata_window_selection_in_ungrouped (self));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  int position = -1;

  /* The title is edited where the input is. */
  if (strata_history_undo (self->history, &position))
    strata_window_select (self, position >= 0 ? position : STRATA_LAYOUT_INPUT);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  int position = -1;

  if (strata_history_redo (self->history, &position))
    strata_window_select (self, position >= 0 ? position : STRATA_LAYOUT_INPUT);
}

/* The kind named by an action's parameter. */
static gboolean
parameter_kind (GVariant        *parameter,
                StrataLayerKind *kind)
{
  if (strata_layer_kind_from_id (g_variant_get_string (parameter, NULL), kind))
    return TRUE;
  g_warning ("No layer kind “%s”", g_variant_get_string (parameter, NULL));
  return FALSE;
}

static void
add_layer_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StrataLayerKind kind;

  if (parameter_kind (parameter, &kind))
    strata_window_add_layer (STRATA_WINDOW (widget), kind);
}

static void
branch_layer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StrataLayerKind kind;

  if (parameter_kind (parameter, &kind))
    strata_window_branch_layer (STRATA_WINDOW (widget), kind);
}

static void
remove_layer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  int position = strata_window_get_selected (self);

  if (position >= 0)
    strata_window_remove_layer (self, position);
}

static void
duplicate_layer_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  int position = strata_window_get_selected (self);

  if (position >= 0)
    strata_window_duplicate_layer (self, position);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  int position = strata_window_get_selected (self);
  int to = position + (g_str_equal (action_name, "win.move-up") ? -1 : 1);

  if (position < 0 || to < 0 || to >= (int) strata_network_get_n_layers (self->network))
    return;

  strata_window_move_layer (self, position, to);
}

static void
rename_layer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);

  strata_layer_editor_focus_name (self->editor);
}

static void
select_input_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);

  /* Asked for by a key: the next keys type the input's height. */
  strata_window_select_input (self);
  strata_layer_editor_focus_first_param (self->editor);
}

static void
show_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);

  if (g_str_equal (action_name, "win.show-open-menu"))
    adw_split_button_popup (self->open_button);
  else
    gtk_menu_button_popup (g_str_equal (action_name, "win.show-branch-menu")
                           ? self->branch_menu_button : self->add_menu_button);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    strata_canvas_zoom_in (self->canvas);
  else if (g_str_equal (action_name, "win.zoom-out"))
    strata_canvas_zoom_out (self->canvas);
  else
    strata_canvas_zoom_to_fit (self->canvas);
}

static void
new_confirmed_cb (StrataWindow *self,
                  gpointer      data)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();

  strata_window_set_document (self, network, NULL, NULL);
  strata_window_select_input (self);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  strata_window_confirm_discard (STRATA_WINDOW (widget), new_confirmed_cb, NULL, NULL);
}

static void
open_file_confirmed_cb (StrataWindow *self,
                        gpointer      data)
{
  strata_window_open_file (self, G_FILE (data));
}

static void
open_response_cb (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  StrataWindow *self = STRATA_WINDOW (gtk_native_dialog_get_transient_for (native));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      /* In a thread: a model file can be large. */
      if (file != NULL)
        strata_window_import_file (self, file, NULL);
    }
  g_object_unref (native);
}

static void
choose_file_confirmed_cb (StrataWindow *self,
                          gpointer      data)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Network or Model"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  strata_window_add_open_filters (GTK_FILE_CHOOSER (native));

  g_signal_connect (native, "response", G_CALLBACK (open_response_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  strata_window_confirm_discard (STRATA_WINDOW (widget), choose_file_confirmed_cb, NULL, NULL);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GFile *file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  strata_window_confirm_discard (STRATA_WINDOW (widget), open_file_confirmed_cb,
                                 file, g_object_unref);
}

static void
open_example_confirmed_cb (StrataWindow *self,
                           gpointer      data)
{
  strata_window_open_example (self, data);
}

static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  strata_window_confirm_discard (STRATA_WINDOW (widget), open_example_confirmed_cb,
                                 g_variant_dup_string (parameter, NULL), g_free);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);

  if (self->file != NULL && !g_str_equal (action_name, "win.save-as"))
    strata_window_save_to (self, self->file);
  else
    strata_window_save_as (self, NULL, NULL, NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  StrataRenderOptions options;
  GtkWidget *dialog;

  strata_window_init_render_options (self, &options);
  dialog = strata_export_dialog_new (GTK_WINDOW (self), self->network, &options);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  StrataRenderOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;

  /* At the DPI last chosen for an export, so that a copy and an export
   * of the same drawing are the same image. */
  strata_window_init_render_options (self, &options);
  provider = strata_image_content_new (self->network, &options,
                                       strata_settings_get_image_dpi (self->settings), &error);
  if (provider == NULL)
    {
      strata_window_show_error (self, _("Could Not Copy the Image"), error->message);
      return;
    }

  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Image copied")));
}

/* Only the diagram, fullscreen, for a room: what the export of steps
 * writes, one step at a time. From the start, or (Shift+F5, as slide
 * programs do) from the selected layer, to go on after a pause. */
static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  StrataRenderOptions options;
  GtkWidget *presentation;
  int selected = strata_window_get_selected (self);

  strata_window_init_render_options (self, &options);
  presentation = strata_presentation_new (GTK_WINDOW (self), self->network, &options);
  if (g_str_equal (action_name, "win.present-from-selection") && selected >= 0)
    strata_presentation_set_step (STRATA_PRESENTATION (presentation), selected + 1);
  gtk_window_present (GTK_WINDOW (presentation));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  /* The dialog tells what goes wrong once the user has chosen. */
  strata_window_print (STRATA_WINDOW (widget), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL,
                       NULL);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StrataWindow *self = STRATA_WINDOW (widget);
  GtkWidget *preferences = strata_preferences_window_new (GTK_WINDOW (self), self->settings);

  gtk_window_present (GTK_WINDOW (preferences));
}

void
strata_window_class_actions_init (StrataWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", "s", open_example_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-image", NULL, copy_image_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.add-layer", "s", add_layer_action);
  gtk_widget_class_install_action (widget_class, "win.branch-layer", "s", branch_layer_action);
  gtk_widget_class_install_action (widget_class, "win.show-open-menu", NULL, show_menu_action);
  gtk_widget_class_install_action (widget_class, "win.show-add-menu", NULL, show_menu_action);
  gtk_widget_class_install_action (widget_class, "win.show-branch-menu", NULL, show_menu_action);
  gtk_widget_class_install_action (widget_class, "win.remove-layer", NULL, remove_layer_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-layer", NULL,
                                   duplicate_layer_action);
  gtk_widget_class_install_action (widget_class, "win.rename-layer", NULL, rename_layer_action);
  gtk_widget_class_install_action (widget_class, "win.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "win.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "win.select-input", NULL, select_input_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.present-from-selection", NULL,
                                   present_action);
  /* GtkWindow's own property: the menu shows whether it is on. */
  gtk_widget_class_install_property_action (widget_class, "win.fullscreen", "fullscreened");
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
}

/* The window's shortcuts, in the order of the shortcuts window. */
static const struct
{
  const char *trigger;
  const char *action;
} shortcuts[] = {
  { "<Control>n", "win.new" },
  { "<Control>o", "win.open" },
  { "<Control><Shift>o", "win.show-open-menu" },
  { "<Control>s", "win.save" },
  { "<Control><Shift>s", "win.save-as" },
  { "<Control>e", "win.export" },
  { "<Control><Shift>c", "win.copy-image" },
  { "<Control>p", "win.print" },
  { "<Control>w", "window.close" },
  { "<Control>comma", "win.preferences" },
  { "F11", "win.fullscreen" },
  /* win.show-sidebar is each window's own (strata-window-sidebar.c). */
  { "F9", "win.show-sidebar" },
  { "F5", "win.present" },
  { "<Shift>F5", "win.present-from-selection" },
  { "<Control><Shift>a|Insert", "win.show-add-menu" },
  { "<Control><Shift>b", "win.show-branch-menu" },
  { "<Control>d", "win.duplicate-layer" },
  { "F2", "win.rename-layer" },
  { "<Alt>Up", "win.move-up" },
  { "<Alt>Down", "win.move-down" },
  { "<Control>g", "win.group" },
  { "<Control><Shift>g", "win.ungroup" },
  { "<Control>i", "win.select-input" },
  { "<Control>z", "win.undo" },
  { "<Control><Shift>z|<Control>y", "win.redo" },
  { "<Control>plus|<Control>equal|<Control>KP_Add", "win.zoom-in" },
  { "<Control>minus|<Control>KP_Subtract", "win.zoom-out" },
  { "<Control>0|<Control>KP_0", "win.zoom-fit" },
};

/* The shortcuts are seen before the focused widget sees the key: a list
 * takes Ctrl+Shift+A to unselect all, a field Insert to overwrite and
 * Ctrl+Z to undo its typing, and none of them may keep a documented key
 * from working where the focus happens to be. The window's fields keep
 * no undo of their own (a number applies as it is typed), so Ctrl+Z is
 * always the document's. A shortcut whose action is disabled lets the
 * key through. */
void
strata_window_actions_init (StrataWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (shortcuts[i].trigger);

      g_assert (trigger != NULL);
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (trigger,
                                                              gtk_named_action_new (shortcuts[i].action)));
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
