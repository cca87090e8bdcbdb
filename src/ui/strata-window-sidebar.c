/* strata-window-sidebar.c: the side panel: shown or hidden (F9), folded over the diagram in a narrow window, resized by its edge. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-window-private.h"

/* The layer header's buttons and a layer's name and shape need this much;
 * wider than this the diagram would be left too little of a laptop's screen. */
#define MIN_SIDEBAR_WIDTH 320
#define MAX_SIDEBAR_WIDTH 720

int
strata_window_get_sidebar_width (StrataWindow *self)
{
  int width = 0;

  gtk_widget_get_size_request (self->sidebar, &width, NULL);
  return width;
}

void
strata_window_set_sidebar_width (StrataWindow *self,
                                 int           width)
{
  width = CLAMP (width, MIN_SIDEBAR_WIDTH, MAX_SIDEBAR_WIDTH);
  gtk_widget_set_size_request (self->sidebar, width, -1);
  adw_clamp_set_maximum_size (self->sidebar_clamp, width);
  adw_clamp_set_tightening_threshold (self->sidebar_clamp, width);
}

static void
drag_begin_cb (StrataWindow   *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  self->sidebar_drag_width = strata_window_get_sidebar_width (self);
}

/* Moves the panel's edge @dx pixels from where it was at @from, towards
 * the window's end: the panel is the flap at the window's start, on the
 * right in a right-to-left language, where moving left widens it. */
static void
move_edge (StrataWindow *self,
           int           from,
           double        dx)
{
  int content_width = 0, room;

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    dx = -dx;
  /* No wider than leaves the diagram its least width: past it the flap
   * would fold the panel away under the pointer. */
  gtk_widget_measure (adw_flap_get_content (self->flap), GTK_ORIENTATION_HORIZONTAL, -1,
                      &content_width, NULL, NULL, NULL);
  room = gtk_widget_get_width (GTK_WIDGET (self->flap)) -
         gtk_widget_get_width (self->sidebar_handle) - content_width;
  strata_window_set_sidebar_width (self, MIN (from + (int) dx, room));
}

static void
drag_update_cb (StrataWindow   *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  move_edge (self, self->sidebar_drag_width, dx);
}

/* As a pane's handle: with the focus on it, Left and Right move it. */
static gboolean
key_pressed_cb (StrataWindow          *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  /* Ctrl moves it further, as in a pane. */
  double step = (state & GDK_CONTROL_MASK) ? 64 : 16;

  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    step = -step;
  else if (keyval != GDK_KEY_Right && keyval != GDK_KEY_KP_Right)
    return GDK_EVENT_PROPAGATE;
  move_edge (self, strata_window_get_sidebar_width (self), step);
  return GDK_EVENT_STOP;
}

/* What F9 or the header's toggle made of the panel is kept for the next
 * window. The flap folding it away from a narrow window, or bringing it
 * over the diagram there, is no choice to keep. */
static void
reveal_changed_cb (StrataWindow *self,
                   GParamSpec   *pspec,
                   AdwFlap      *flap)
{
  if (!adw_flap_get_folded (flap))
    strata_settings_set_sidebar_visible (self->settings, adw_flap_get_reveal_flap (flap));
}

void
strata_window_sidebar_init (StrataWindow *self)
{
  g_autoptr(GPropertyAction) action = NULL;
  GtkEventController *keys;
  GtkGesture *drag;

  /* A stateful action: the menu shows a check, F9 and the header's
   * toggle both flip it. The flap hides the panel itself when the window
   * gets too narrow for both, and shows it again when it widens. */
  action = g_property_action_new ("show-sidebar", self->flap, "reveal-flap");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
  adw_flap_set_reveal_flap (self->flap, strata_settings_get_sidebar_visible (self->settings));
  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (reveal_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* A separator is 1 pixel wide; its padding (style.css) makes a handle
   * that can be grabbed, as a pane's is. */
  gtk_widget_set_cursor_from_name (self->sidebar_handle, "col-resize");
  drag = gtk_gesture_drag_new ();
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (drag_update_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->sidebar_handle, GTK_EVENT_CONTROLLER (drag));

  /* Reached with Tab, it says what it is and moves with the arrows. */
  gtk_widget_set_focusable (self->sidebar_handle, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sidebar_handle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Side panel width (Left and Right arrows)"), -1);
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->sidebar_handle, keys);
}
