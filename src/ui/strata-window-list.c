/* strata-window-list.c: the layer list: its rows bound to the layers in view, scrolling to a row, and the row at its top always whole. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-window-private.h"

static void
layer_dropped_cb (StrataLayerRow *row,
                  StrataLayer    *dragged,
                  StrataWindow   *self)
{
  int from = strata_network_index_of (self->network, dragged);
  int to = strata_network_index_of (self->network, strata_layer_row_get_layer (row));

  if (from < 0 || to < 0 || from == to)
    return;
  strata_window_move_layer (self, from, to);
}

static void
setup_row_cb (StrataWindow             *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  GtkWidget *row = strata_layer_row_new ();

  g_signal_connect_object (row, "layer-dropped", G_CALLBACK (layer_dropped_cb), self, 0);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (StrataWindow             *self,
             GtkListItem              *item,
             GtkSignalListItemFactory *factory)
{
  StrataLayerRow *row = STRATA_LAYER_ROW (gtk_list_item_get_child (item));
  GBinding *binding;

  strata_layer_row_set_layer (row, gtk_list_item_get_item (item));
  strata_layer_row_update_links (row, self->network);
  strata_window_update_group_row (self, row, gtk_list_item_get_position (item));
  g_hash_table_insert (self->bound_rows, gtk_list_item_get_item (item), row);
  binding = g_object_bind_property (item, "position", row, "position", G_BINDING_SYNC_CREATE);
  g_object_set_data_full (G_OBJECT (row), "strata-position-binding",
                          g_object_ref (binding), g_object_unref);
}

static void
unbind_row_cb (StrataWindow             *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  StrataLayerRow *row = STRATA_LAYER_ROW (gtk_list_item_get_child (item));
  GBinding *binding = g_object_get_data (G_OBJECT (row), "strata-position-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (row), "strata-position-binding", NULL);
  if (self->bound_rows != NULL &&
      g_hash_table_lookup (self->bound_rows, gtk_list_item_get_item (item)) == row)
    g_hash_table_remove (self->bound_rows, gtk_list_item_get_item (item));
  strata_layer_row_set_layer (row, NULL);
}

void
strata_window_list_init_rows (StrataWindow *self)
{
  GtkListItemFactory *factory;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}

/* Whether a row says what its layer reads depends on the layer before
 * it and on the names of the layers it reads: rows in view are told
 * again whenever layers move or are renamed, which costs only them. */
void
strata_window_list_update_row_links (StrataWindow *self)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    strata_layer_row_update_links (row, self->network);
}

/* Whether the row of @position is wholly in view, as last laid out. */
static gboolean
row_is_visible (StrataWindow *self,
                int           position)
{
  StrataLayer *layer = strata_network_get_layer (self->network, position);
  GtkWidget *scrolled = gtk_widget_get_parent (GTK_WIDGET (self->list_view));
  GtkWidget *row = layer != NULL ? g_hash_table_lookup (self->bound_rows, layer) : NULL;
  graphene_rect_t bounds;

  if (row == NULL || scrolled == NULL || !gtk_widget_get_mapped (row) ||
      !gtk_widget_compute_bounds (row, scrolled, &bounds))
    return FALSE;
  /* Rows kept out of view have no height. */
  return bounds.size.height > 0 && bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

/* Runs at the start of frames: the first after the change lays the rows
 * out where they will be seen, the next one looks at them. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  StrataWindow *self = STRATA_WINDOW (widget);

  if (!self->scroll_laid_out)
    {
      self->scroll_laid_out = TRUE;
      return G_SOURCE_CONTINUE;
    }

  if (self->scroll_to >= 0 && self->scroll_to < (int) strata_network_get_n_layers (self->network) &&
      !row_is_visible (self, self->scroll_to))
    {
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                  (guint) self->scroll_to);
      /* The row is bound to its layer in the next layout. */
      if (self->focus_row)
        {
          self->scroll_laid_out = FALSE;
          return G_SOURCE_CONTINUE;
        }
    }
  if (self->focus_row && self->scroll_to >= 0)
    {
      StrataLayer *layer = strata_network_get_layer (self->network, self->scroll_to);
      GtkWidget *row = layer != NULL ? g_hash_table_lookup (self->bound_rows, layer) : NULL;

      if (row != NULL)
        gtk_widget_grab_focus (gtk_widget_get_parent (row));
    }
  self->focus_row = FALSE;
  self->scroll_to = -1;
  self->scroll_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* Scrolling the list costs a whole layout of it, even to a row in view,
 * so it waits until the rows are laid out as they will be seen, and
 * happens only if the row is not in view then. */
void
strata_window_list_scroll_to_row (StrataWindow *self,
                                  int           position)
{
  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    {
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                  (guint) position);
      return;
    }

  self->scroll_to = position;
  self->scroll_laid_out = FALSE;
  if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb,
                                                         NULL, NULL);
}

/* Long enough after the last step of a wheel, a touchpad's swipe or its
 * glide for the list to have stopped, short enough to seem part of it. */
#define SNAP_DELAY_MS 200

static GtkAdjustment *
list_adjustment (StrataWindow *self)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
}

/* The Input row stays above the list: a row scrolled part way past the
 * list's top seemed hidden under it, its name gone. Once the list stops,
 * it goes on the way it went to the next row's top: down, past the row
 * cut (a row the keys moved the focus to at the bottom stays in view), up,
 * to show it whole. At the list's end the last row is what must be whole. */
static gboolean
snap_cb (gpointer user_data)
{
  StrataWindow *self = STRATA_WINDOW (user_data);
  GtkAdjustment *adjustment = list_adjustment (self);
  GtkWidget *scrolled = gtk_widget_get_parent (GTK_WIDGET (self->list_view));
  double value = gtk_adjustment_get_value (adjustment);
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  /* A row that grew above the one the list keeps in place (a group's
   * first row given its name) moved the list without the user: there is
   * no way it went, and the row cut is the one to show. */
  gboolean down = !self->list_rows_resized && value > self->list_stopped_at;

  self->list_snap_id = 0;

  if (value >= end - 0.5)
    {
      self->list_stopped_at = value;
      return G_SOURCE_REMOVE;
    }

  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      graphene_rect_t bounds;
      double top, bottom;

      if (!gtk_widget_get_child_visible (item) || !gtk_widget_get_visible (item) ||
          !gtk_widget_compute_bounds (item, scrolled, &bounds) || bounds.size.height <= 0)
        continue;
      top = bounds.origin.y;
      bottom = top + bounds.size.height;
      if (top < -0.5 && bottom > 0.5)
        {
          GtkWidget *child = gtk_widget_get_first_child (item);
          double target = down ? value + bottom : value + top;

          /* Up to the first row: to the list's top, its padding above the
           * row in view too. */
          if (!down && STRATA_IS_LAYER_ROW (child) &&
              strata_network_index_of (self->network,
                                       strata_layer_row_get_layer (STRATA_LAYER_ROW (child))) == 0)
            target = 0;

          self->list_snapping = TRUE;
          gtk_adjustment_set_value (adjustment, MIN (target, end));
          self->list_snapping = FALSE;
          /* Held until a row it cut is shown: on a slow machine the list
           * may move only after a first wait has run out. */
          self->list_rows_resized = FALSE;
          break;
        }
    }
  self->list_stopped_at = gtk_adjustment_get_value (adjustment);
  return G_SOURCE_REMOVE;
}

static void
schedule_snap (StrataWindow *self)
{
  g_clear_handle_id (&self->list_snap_id, g_source_remove);
  self->list_snap_id = g_timeout_add (SNAP_DELAY_MS, snap_cb, self);
}

/* While the scroll bar is dragged the list follows the pointer: it stops
 * when the button is let go. */
static void
value_changed_cb (StrataWindow  *self,
                  GtkAdjustment *adjustment)
{
  if (!self->list_snapping && !self->list_pressed)
    schedule_snap (self);
}

/* Seen on the way to whatever is pressed (the scroll bar, a row), never
 * taken from it. */
static gboolean
event_cb (StrataWindow             *self,
          GdkEvent                 *event,
          GtkEventControllerLegacy *controller)
{
  GdkEventType type = gdk_event_get_event_type (event);

  /* The user moves the list again: it goes their way. (A key that
   * regroups rows says so after this.) */
  if (type == GDK_SCROLL || type == GDK_KEY_PRESS || type == GDK_BUTTON_PRESS ||
      type == GDK_TOUCH_BEGIN)
    self->list_rows_resized = FALSE;
  if (type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN)
    {
      self->list_pressed = TRUE;
      g_clear_handle_id (&self->list_snap_id, g_source_remove);
    }
  else if ((type == GDK_BUTTON_RELEASE || type == GDK_TOUCH_END || type == GDK_TOUCH_CANCEL ||
            type == GDK_GRAB_BROKEN) && self->list_pressed)
    {
      self->list_pressed = FALSE;
      schedule_snap (self);
    }
  return GDK_EVENT_PROPAGATE;
}

void
strata_window_list_rows_resized (StrataWindow *self)
{
  self->list_rows_resized = TRUE;
  schedule_snap (self);
}

void
strata_window_list_init (StrataWindow *self)
{
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (event_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (gtk_widget_get_parent (GTK_WIDGET (self->list_view)), controller);
  g_signal_connect_object (list_adjustment (self), "value-changed",
                           G_CALLBACK (value_changed_cb), self, G_CONNECT_SWAPPED);
}

void
strata_window_list_dispose (StrataWindow *self)
{
  g_clear_handle_id (&self->list_snap_id, g_source_remove);
}
