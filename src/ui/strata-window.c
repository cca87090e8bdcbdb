/* strata-window.c: a window editing one network: the document it shows, the selection that list, editor and canvas share, its size kept for the next one, the canvas's options. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-free.h"
#include "strata-layer-row.h"
#include "strata-stack-page.h"
#include "strata-window-private.h"

G_DEFINE_FINAL_TYPE (StrataWindow, strata_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_input_label (StrataWindow *self)
{
  g_autofree char *shape = strata_shape_to_string (strata_network_get_input_shape (self->network));

  gtk_label_set_label (self->input_shape_label, shape);
}

static void
update_list_page (StrataWindow *self)
{
  gboolean empty = strata_network_get_n_layers (self->network) == 0;
  GtkStack *stack = GTK_STACK (self->list_stack);

  if (empty && gtk_stack_get_child_by_name (stack, "empty") == NULL)
    g_object_unref (strata_stack_add_page (stack, "empty",
                                           "/io/github/strata/Strata/ui/strata-window-empty.ui"));
  gtk_stack_set_visible_child_name (stack, empty ? "empty" : "list");
}

static void
update_zoom_label (StrataWindow *self)
{
  g_autofree char *text = NULL;

  /* Translators: the canvas zoom, e.g. "100%" */
  text = g_strdup_printf (_("%.0f%%"), strata_canvas_get_zoom (self->canvas) * 100);
  gtk_label_set_label (self->zoom_label, text);
}

int
strata_window_get_selected (StrataWindow *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION)
    return -1;
  return position;
}

static void
selection_changed_cb (StrataWindow       *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  int position = strata_window_get_selected (self);

  if (position >= 0)
    {
      self->input_selected = FALSE;
      gtk_widget_unset_state_flags (GTK_WIDGET (self->input_row), GTK_STATE_FLAG_SELECTED);
      strata_layer_editor_set_layer (self->editor,
                                     strata_network_get_layer (self->network, position));
      strata_canvas_set_selected (self->canvas, position);
    }
  else if (!self->input_selected)
    {
      strata_layer_editor_clear (self->editor);
      strata_canvas_set_selected (self->canvas, STRATA_LAYOUT_NONE);
    }

  strata_window_range_selection_changed (self);
  /* Edits of another layer are another undo step. */
  strata_history_break_merge (self->history);
  strata_window_update_actions (self);
}

void
strata_window_select_input (StrataWindow *self)
{
  self->input_selected = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_widget_set_state_flags (GTK_WIDGET (self->input_row), GTK_STATE_FLAG_SELECTED, FALSE);
  strata_layer_editor_set_input (self->editor, self->network);
  strata_canvas_set_selected (self->canvas, STRATA_LAYOUT_INPUT);
  strata_history_break_merge (self->history);
  strata_window_update_actions (self);
}

void
strata_window_select (StrataWindow *self,
                      int           position)
{
  guint n_layers = strata_network_get_n_layers (self->network);

  if (position == STRATA_LAYOUT_INPUT)
    {
      strata_window_select_input (self);
      return;
    }

  if (position < 0 || (guint) position >= n_layers)
    {
      self->input_selected = FALSE;
      gtk_widget_unset_state_flags (GTK_WIDGET (self->input_row), GTK_STATE_FLAG_SELECTED);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      /* Unselecting what was not selected notifies nothing. */
      selection_changed_cb (self, NULL, self->selection);
      return;
    }

  gtk_single_selection_set_selected (self->selection, position);
  /* A layer that moved back to the selected position is not a new selection. */
  selection_changed_cb (self, NULL, self->selection);
  /* Focus in the list follows the selection (a copy made, a layer moved
   * by keys), or the next arrow key would start from another row. */
  self->focus_row = gtk_widget_get_focus_child (GTK_WIDGET (self->list_view)) != NULL;
  strata_window_list_scroll_to_row (self, position);
}

/* The input is chosen by a click, Enter or Space, never by Tab passing
 * through its row: the list box would select a row that takes the focus,
 * and the editor would leave the layer being edited. The row shows as
 * selected by its state alone. */
static void
input_row_activated_cb (StrataWindow  *self,
                        GtkListBoxRow *row,
                        GtkListBox    *list)
{
  if (!self->input_selected)
    strata_window_select_input (self);
}

static void
canvas_activated_cb (StrataWindow *self,
                     int           position,
                     StrataCanvas *canvas)
{
  strata_window_select (self, position);
}

static void
kind_changed_cb (StrataWindow      *self,
                 StrataLayerKind    kind,
                 StrataLayerEditor *editor)
{
  StrataLayer *layer = strata_layer_editor_get_layer (editor);
  int position = layer != NULL ? strata_network_index_of (self->network, layer) : -1;

  if (position >= 0)
    strata_window_change_kind (self, position, kind);
}

static void
history_notify_cb (StrataWindow  *self,
                   GParamSpec    *pspec,
                   StrataHistory *history)
{
  strata_window_schedule_draft (self);
  strata_window_update_title (self);
  strata_window_update_actions (self);
}

static void
network_items_changed_cb (StrataWindow  *self,
                          guint          position,
                          guint          removed,
                          guint          added,
                          StrataNetwork *network)
{
  strata_window_schedule_draft (self);
  update_list_page (self);
  strata_window_list_update_row_links (self);
  strata_window_update_actions (self);
}

static void
layer_inputs_changed_cb (StrataWindow  *self,
                         StrataLayer   *layer,
                         guint          position,
                         StrataNetwork *network)
{
  StrataLayerRow *row = g_hash_table_lookup (self->bound_rows, layer);

  if (row != NULL)
    strata_layer_row_update_links (row, network);
}

static void
network_notify_cb (StrataWindow  *self,
                   GParamSpec    *pspec,
                   StrataNetwork *network)
{
  strata_window_schedule_draft (self);
  update_input_label (self);
  strata_window_update_title (self);
}

/* The list's page and the selection of a document just set. */
static void
show_document (StrataWindow *self)
{
  self->document_unshown = FALSE;
  update_list_page (self);
  strata_window_select (self, strata_network_get_n_layers (self->network) > 0 ? 0 : -1);
  /* Once the layer shown is this network's. */
  strata_layer_editor_set_history (self->editor, self->history);
}

void
strata_window_set_document (StrataWindow  *self,
                            StrataNetwork *network,
                            GFile         *file,
                            const char    *example_id)
{
  g_return_if_fail (STRATA_IS_WINDOW (self));
  g_return_if_fail (STRATA_IS_NETWORK (network));

  if (self->network != NULL)
    g_signal_handlers_disconnect_by_data (self->network, self);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  /* Whatever the window held was saved, or the user let it go. */
  strata_window_delete_draft (self);
  self->recovered = FALSE;
  /* An import's origin and warnings were the old document's. */
  g_clear_object (&self->imported_from);
  gtk_info_bar_set_revealed (self->warnings_bar, FALSE);

  g_set_object (&self->network, network);
  strata_network_set_convention (network,
                                 strata_settings_get_counting_convention (self->settings));
  g_clear_object (&self->history);
  self->history = strata_history_new (network);
  g_set_object (&self->file, file);
  g_free (self->example_id);
  self->example_id = g_strdup (example_id);
  self->input_selected = FALSE;
  self->range_anchor = -1;
  self->close_confirmed = FALSE;
  g_clear_weak_pointer (&self->output_layer);

  /* A network of layers shows its first in the editor (below), which lets
   * go of the document before, and a window starting shows nothing yet:
   * the editor's page of nothing selected would be made for nothing.
   * Until then its fields edit no history. */
  strata_layer_editor_set_history (self->editor, NULL);
  if (strata_network_get_n_layers (network) == 0 && !self->starting)
    strata_layer_editor_clear (self->editor);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (network));
  strata_canvas_set_network (self->canvas, network);
  strata_totals_bar_set_network (self->totals_bar, network);

  g_signal_connect_object (self->history, "notify", G_CALLBACK (history_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "items-changed", G_CALLBACK (network_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  /* Hyper-parameters and names change on the layers; the network tells. */
  g_signal_connect_object (network, "layer-changed", G_CALLBACK (strata_window_schedule_draft),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "layer-changed::inputs", G_CALLBACK (layer_inputs_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "layer-changed::name",
                           G_CALLBACK (strata_window_list_update_row_links), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "notify::input-height", G_CALLBACK (network_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "notify::input-width", G_CALLBACK (network_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "notify::input-channels", G_CALLBACK (network_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "notify::name", G_CALLBACK (network_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "groups-changed", G_CALLBACK (strata_window_groups_changed),
                           self, G_CONNECT_SWAPPED);

  update_input_label (self);
  strata_window_update_title (self);
  self->document_unshown = self->starting;
  if (!self->starting)
    show_document (self);
  strata_window_update_actions (self);
}

static void
strata_window_map (GtkWidget *widget)
{
  StrataWindow *self = STRATA_WINDOW (widget);

  /* Before its children are mapped, so that the pages made now map with
   * them. */
  if (self->document_unshown)
    show_document (self);
  GTK_WIDGET_CLASS (strata_window_parent_class)->map (widget);
}

/* GNOME's top bar and a window's title bar, or a taskbar. */
#define SCREEN_PANELS_HEIGHT 72

/* The size the window had before any maximising, and the sidebar's width. */
static void
save_window_state (StrataWindow *self)
{
  int width = 0, height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  strata_settings_set_window_state (self->settings, width, height,
                                    gtk_window_is_maximized (GTK_WINDOW (self)));
  strata_settings_set_sidebar_width (self->settings, strata_window_get_sidebar_width (self));
}

/* The largest screen's size, in the units of window sizes (1600 × 1000
 * pixels at twice the scale is 800 × 500), or FALSE if none is known. */
static gboolean
get_largest_monitor (StrataWindow *self,
                     int          *width,
                     int          *height)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  guint n = g_list_model_get_n_items (monitors);

  *width = *height = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      if (geometry.width * geometry.height > *width * *height)
        {
          *width = geometry.width;
          *height = geometry.height;
        }
    }
  return *width > 0 && *height > 0;
}

static void
restore_window_state (StrataWindow *self)
{
  int width = 0, height = 0, sidebar, screen_width, screen_height;
  gboolean maximized = FALSE;

  strata_settings_get_window_state (self->settings, &width, &height, &maximized);
  if (width <= 0 || height <= 0)
    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  /* A size no screen can show (the default on a laptop, or one saved on a
   * larger screen) would put the window's buttons out of reach: it is cut
   * to the screen, less room for a panel and the title bar. */
  if (get_largest_monitor (self, &screen_width, &screen_height))
    {
      width = MIN (width, screen_width);
      height = MIN (height, screen_height - SCREEN_PANELS_HEIGHT);
    }
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (maximized)
    gtk_window_maximize (GTK_WINDOW (self));
  sidebar = strata_settings_get_sidebar_width (self->settings);
  if (sidebar > 0)
    strata_window_set_sidebar_width (self, sidebar);
}

static gboolean
strata_window_close_request (GtkWindow *window)
{
  StrataWindow *self = STRATA_WINDOW (window);

  if (!strata_window_close_document (self))
    return TRUE;

  save_window_state (self);
  if (strata_window_close_later (self))
    return TRUE;
  return GTK_WINDOW_CLASS (strata_window_parent_class)->close_request (window);
}

/* The canvas follows the system style: dark with a dark style, and black
 * on white with high contrast, as the Print theme draws. Choosing Print
 * in the preferences shows it on screen too, as it will print. */
static void
update_canvas_options (StrataWindow *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  StrataTheme theme = STRATA_THEME_LIGHT;

  if (strata_settings_get_diagram_theme (self->settings) == STRATA_THEME_PRINT)
    theme = STRATA_THEME_PRINT;
  else if (adw_style_manager_get_dark (style))
    theme = STRATA_THEME_DARK;
  else if (adw_style_manager_get_high_contrast (style))
    theme = STRATA_THEME_PRINT;

  strata_canvas_set_theme (self->canvas, theme);
  strata_canvas_set_high_contrast (self->canvas, adw_style_manager_get_high_contrast (style));
  strata_canvas_set_diagram_style (self->canvas,
                                   strata_settings_get_diagram_style (self->settings));
  strata_canvas_set_scale_mode (self->canvas, strata_settings_get_diagram_scale (self->settings));
  strata_canvas_set_short_numbers (self->canvas,
                                   strata_settings_get_short_numbers (self->settings));
  strata_canvas_set_group_repeats (self->canvas,
                                   strata_settings_get_diagram_groups (self->settings));
  strata_canvas_set_collapse_repeats (self->canvas,
                                      strata_settings_get_diagram_collapse (self->settings));
  strata_canvas_set_arrangement (self->canvas,
                                 strata_settings_get_diagram_layout (self->settings));
}

static void
update_convention (StrataWindow *self)
{
  if (self->network != NULL)
    strata_network_set_convention (self->network,
                                   strata_settings_get_counting_convention (self->settings));
}

void
strata_window_init_render_options (StrataWindow        *self,
                                   StrataRenderOptions *options)
{
  strata_settings_init_render_options (self->settings, options);
  /* Rows break where the canvas breaks them: an export is what was seen. */
  options->max_width = strata_canvas_get_options (self->canvas)->max_width;
}

static void
strata_window_dispose (GObject *object)
{
  StrataWindow *self = STRATA_WINDOW (object);
  StrataNetwork *network;
  StrataHistory *history;

  /* The window is off the screen once the display hears that its surface
   * is gone, which it would only after everything below: a network of
   * 100,000 layers takes a fifth of a second to free. */
  gdk_display_flush (gtk_widget_get_display (GTK_WIDGET (self)));

  strata_window_groups_dispose (self);
  if (self->network != NULL)
    g_signal_handlers_disconnect_by_data (self->network, self);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  /* Going away without being closed (a crash or a test): the draft stays. */
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  g_clear_handle_id (&self->recent_idle_id, g_source_remove);
  g_clear_pointer (&self->draft_id, g_free);

  strata_window_import_dispose (self);
  strata_window_list_dispose (self);
  strata_window_close_dispose (self);
  /* The action holds the flap, an ancestor of the widgets whose action
   * groups lead back to it: left in place, it kept the window's whole
   * content, and the network, alive after the window had gone. */
  g_action_map_remove_action (G_ACTION_MAP (self), "show-sidebar");
  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_WINDOW);

  g_clear_weak_pointer (&self->message_dialog);
  g_clear_weak_pointer (&self->output_layer);
  g_clear_weak_pointer (&self->toast);
  g_clear_object (&self->selection);
  history = g_steal_pointer (&self->history);
  network = g_steal_pointer (&self->network);
  g_clear_object (&self->file);
  g_clear_object (&self->recent_section);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);
  g_clear_pointer (&self->example_id, g_free);

  G_OBJECT_CLASS (strata_window_parent_class)->dispose (object);

  /* Their last references, most often, now that the widgets showing them
   * have gone with the window's content: a large network is freed after
   * the window, and its history first, which holds what each layer was
   * last seen as (half of the main thread's closing of 100,000 layers). */
  if (network != NULL && strata_network_get_n_layers (network) >= STRATA_FREE_LATER_LAYERS)
    {
      GPtrArray *garbage = g_ptr_array_new_with_free_func (g_object_unref);

      if (history != NULL)
        g_ptr_array_add (garbage, g_steal_pointer (&history));
      g_ptr_array_add (garbage, g_steal_pointer (&network));
      strata_free_later (garbage);
    }
  g_clear_object (&history);
  g_clear_object (&network);
}

static void
strata_window_class_init (StrataWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = strata_window_dispose;
  window_class->close_request = strata_window_close_request;
  widget_class->map = strata_window_map;

  g_type_ensure (STRATA_TYPE_CANVAS);
  g_type_ensure (STRATA_TYPE_LAYER_EDITOR);
  g_type_ensure (STRATA_TYPE_TOTALS_BAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/ui/strata-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, add_menu_button);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, branch_menu_button);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, sidebar_clamp);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, sidebar_handle);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, input_list);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, input_row);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, input_shape_label);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, editor);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, totals_bar);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, open_menu);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, branch_menu);

  strata_window_class_actions_init (klass);
  strata_window_class_groups_init (klass);
  strata_window_class_import_init (klass);
}

static void
strata_window_init (StrataWindow *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(StrataNetwork) network = strata_network_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bound_rows = g_hash_table_new (NULL, NULL);
  self->scroll_to = -1;
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  strata_window_list_init_rows (self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  strata_window_groups_init (self);

  g_signal_connect_object (self->input_list, "row-activated", G_CALLBACK (input_row_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "kind-changed", G_CALLBACK (kind_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "layer-activated", G_CALLBACK (canvas_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::zoom", G_CALLBACK (update_zoom_label),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (style, "notify::dark", G_CALLBACK (update_canvas_options),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (style, "notify::high-contrast", G_CALLBACK (update_canvas_options),
                           self, G_CONNECT_SWAPPED);
  self->settings = g_object_ref (strata_settings_get_default ());
  g_signal_connect_object (self->settings, "notify::diagram-style",
                           G_CALLBACK (update_canvas_options), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::diagram-theme",
                           G_CALLBACK (update_canvas_options), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::diagram-scale",
                           G_CALLBACK (update_canvas_options), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::short-numbers",
                           G_CALLBACK (update_canvas_options), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::counting-convention",
                           G_CALLBACK (update_convention), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::diagram-groups",
                           G_CALLBACK (update_canvas_options), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::diagram-collapse",
                           G_CALLBACK (update_canvas_options), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::diagram-layout",
                           G_CALLBACK (update_canvas_options), self, G_CONNECT_SWAPPED);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), strata_window_first_frame_cb, NULL, NULL);

  /* Delete removes a layer only where layers have the focus, never in a field. */
  {
    GtkShortcut *shortcut;
    GtkEventController *controller;

    shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                 gtk_named_action_new ("win.remove-layer"));
    controller = gtk_shortcut_controller_new ();
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);

    shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                 gtk_named_action_new ("win.remove-layer"));
    controller = gtk_shortcut_controller_new ();
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);
  }

  /* A menu button is announced by the toggle button inside it, which
   * has only an icon: it is named by the menu button. */
  {
    GtkWidget *buttons[] = { GTK_WIDGET (self->add_menu_button),
                             GTK_WIDGET (self->branch_menu_button),
                             GTK_WIDGET (self->primary_menu_button) };
    GtkWidget *open_menu_button = gtk_widget_get_last_child (GTK_WIDGET (self->open_button));

    for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
      gtk_accessible_update_relation (GTK_ACCESSIBLE (gtk_widget_get_first_child (buttons[i])),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, buttons[i], NULL,
                                      -1);
    /* The arrow of the Open button, which says only in its tooltip. */
    g_assert (GTK_IS_MENU_BUTTON (open_menu_button));
    gtk_accessible_update_property (GTK_ACCESSIBLE (open_menu_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Examples and Recent Files"),
                                    -1);
    gtk_accessible_update_relation (GTK_ACCESSIBLE (gtk_widget_get_first_child (open_menu_button)),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, open_menu_button, NULL,
                                    -1);
    /* The info bar's close button, an icon of its own making. */
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_bar));
         child != NULL;
         child = gtk_widget_get_first_child (child))
      for (GtkWidget *sibling = child; sibling != NULL; sibling = gtk_widget_get_next_sibling (sibling))
        if (GTK_IS_BUTTON (sibling))
          gtk_accessible_update_property (GTK_ACCESSIBLE (sibling),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close"),
                                          -1);
  }

  strata_window_actions_init (self);
  strata_window_import_init (self);
  strata_window_sidebar_init (self);
  strata_window_list_init (self);
  strata_window_build_menus (self);
  restore_window_state (self);
  update_canvas_options (self);
  update_zoom_label (self);

  self->starting = TRUE;
  strata_window_set_document (self, network, NULL, NULL);
  self->starting = FALSE;
}

StrataWindow *
strata_window_new (GtkApplication *application)
{
  return g_object_new (STRATA_TYPE_WINDOW, "application", application, NULL);
}

StrataNetwork *
strata_window_get_network (StrataWindow *self)
{
  g_return_val_if_fail (STRATA_IS_WINDOW (self), NULL);

  return self->network;
}
