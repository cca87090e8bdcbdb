/* strata-window-list.c: the layer list's scrolling: the row at its top is always whole. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-window-private.h"

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
