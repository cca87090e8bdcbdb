/* strata-presentation.c: a network shown fullscreen to a room, revealed one layer at a time. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-presentation.h"
#include "strata-slide.h"

struct _StrataPresentation
{
  GtkWindow            parent_instance;

  StrataNetwork       *network;
  StrataRenderOptions  options;
  GtkWidget           *area;
  guint                step;
  gboolean             reveal;

  /* The options fitted to the size and the way of showing they were
   * fitted for; a new size, the other way or an edit fits them again. */
  StrataRenderOptions  slide_options;
  int                  fitted_width;
  int                  fitted_height;
  gboolean             fitted_reveal;
  gboolean             fitted;

  /* The pointer hides when it stops moving: it would sit over the diagram. */
  guint                hide_pointer_id;
  double               pointer_x;
  double               pointer_y;
};

#define HIDE_POINTER_MS 2000

enum
{
  PROP_0,
  PROP_STEP,
  PROP_REVEAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StrataPresentation, strata_presentation, GTK_TYPE_WINDOW)

static void
update_caption (StrataPresentation *self)
{
  g_autofree char *caption = strata_presentation_dup_caption (self);

  /* What the room reads, for a screen reader too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, caption, -1);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  StrataPresentation *self = user_data;

  if (width <= 0 || height <= 0)
    return;
  if (!self->fitted || width != self->fitted_width || height != self->fitted_height ||
      self->reveal != self->fitted_reveal)
    {
      strata_slide_fit_options (self->network, &self->options, width, height, self->reveal,
                                &self->slide_options);
      self->fitted_width = width;
      self->fitted_height = height;
      self->fitted_reveal = self->reveal;
      self->fitted = TRUE;
    }
  strata_slide_draw (cr, self->network, &self->slide_options, self->step, self->reveal,
                     width, height);
}

/* After an edit: fitted again, and on a step that still exists. */
static void
network_changed (StrataPresentation *self)
{
  guint last = strata_slide_get_n_steps (self->network) - 1;

  self->fitted = FALSE;
  if (self->step > last)
    strata_presentation_set_step (self, last);
  update_caption (self);
  gtk_widget_queue_draw (self->area);
}

static void
items_changed_cb (GListModel         *model,
                  guint               position,
                  guint               removed,
                  guint               added,
                  StrataPresentation *self)
{
  network_changed (self);
}

static void
layer_changed_cb (StrataNetwork      *network,
                  StrataLayer        *layer,
                  guint               position,
                  StrataPresentation *self)
{
  network_changed (self);
}

/* Its name (the title) or its input. */
static void
network_notify_cb (StrataNetwork      *network,
                   GParamSpec         *pspec,
                   StrataPresentation *self)
{
  network_changed (self);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StrataPresentation *self = STRATA_PRESENTATION (widget);
  int delta = g_variant_get_int32 (parameter);

  if (delta < 0 && (guint) -delta > self->step)
    strata_presentation_set_step (self, 0);
  else
    strata_presentation_set_step (self, MIN (self->step + delta,
                                             strata_slide_get_n_steps (self->network) - 1));
}

static void
first_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  strata_presentation_set_step (STRATA_PRESENTATION (widget), 0);
}

static void
last_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StrataPresentation *self = STRATA_PRESENTATION (widget);

  strata_presentation_set_step (self, strata_slide_get_n_steps (self->network) - 1);
}

static void
toggle_reveal_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StrataPresentation *self = STRATA_PRESENTATION (widget);

  strata_presentation_set_reveal (self, !self->reveal);
}

/* A click goes on, as most clickers' main button does; the other button
 * goes back. */
static void
pressed_cb (GtkGestureClick    *gesture,
            int                 n_press,
            double              x,
            double              y,
            StrataPresentation *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  gtk_widget_activate_action (GTK_WIDGET (self), "presentation.step", "i",
                              button == GDK_BUTTON_SECONDARY ? -1 : 1);
}

static void
hide_pointer_cb (gpointer user_data)
{
  StrataPresentation *self = user_data;

  self->hide_pointer_id = 0;
  gtk_widget_set_cursor_from_name (self->area, "none");
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           StrataPresentation       *self)
{
  /* A window shown under a still pointer reports it once; that is no move. */
  if (self->hide_pointer_id != 0 && x == self->pointer_x && y == self->pointer_y)
    return;
  self->pointer_x = x;
  self->pointer_y = y;
  gtk_widget_set_cursor (self->area, NULL);
  g_clear_handle_id (&self->hide_pointer_id, g_source_remove);
  self->hide_pointer_id = g_timeout_add_once (HIDE_POINTER_MS, hide_pointer_cb, self);
}

static void
strata_presentation_dispose (GObject *object)
{
  StrataPresentation *self = STRATA_PRESENTATION (object);

  g_clear_handle_id (&self->hide_pointer_id, g_source_remove);
  if (self->network != NULL)
    g_signal_handlers_disconnect_by_data (self->network, self);
  g_clear_object (&self->network);

  G_OBJECT_CLASS (strata_presentation_parent_class)->dispose (object);
}

static void
strata_presentation_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StrataPresentation *self = STRATA_PRESENTATION (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_uint (value, self->step);
      break;
    case PROP_REVEAL:
      g_value_set_boolean (value, self->reveal);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_presentation_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StrataPresentation *self = STRATA_PRESENTATION (object);

  switch (prop_id)
    {
    case PROP_STEP:
      strata_presentation_set_step (self, g_value_get_uint (value));
      break;
    case PROP_REVEAL:
      strata_presentation_set_reveal (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_presentation_class_init (StrataPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = strata_presentation_dispose;
  object_class->get_property = strata_presentation_get_property;
  object_class->set_property = strata_presentation_set_property;

  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEAL] =
    g_param_spec_boolean ("reveal", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "presentation.step", "i", step_action);
  gtk_widget_class_install_action (widget_class, "presentation.first", NULL, first_action);
  gtk_widget_class_install_action (widget_class, "presentation.last", NULL, last_action);
  gtk_widget_class_install_action (widget_class, "presentation.toggle-reveal", NULL,
                                   toggle_reveal_action);

}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              GdkModifierType        modifiers,
              const char            *action,
              GVariant              *arguments)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_named_action_new (action));

  if (arguments != NULL)
    gtk_shortcut_set_arguments (shortcut, arguments);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/* The keys, caught before the window's own: it moves the focus with the
 * arrows and activates with Space, which here go on and back. */
static void
add_keys (StrataPresentation *self)
{
  /* What presenters' clickers send, and what a keyboard offers. */
  static const guint next_keys[] = { GDK_KEY_Right, GDK_KEY_space, GDK_KEY_Page_Down,
                                     GDK_KEY_KP_Page_Down, GDK_KEY_Down, GDK_KEY_Return };
  static const guint previous_keys[] = { GDK_KEY_Left, GDK_KEY_Page_Up, GDK_KEY_KP_Page_Up,
                                         GDK_KEY_Up, GDK_KEY_BackSpace };
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *keys = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (next_keys); i++)
    add_shortcut (keys, next_keys[i], 0, "presentation.step", g_variant_new_int32 (1));
  for (guint i = 0; i < G_N_ELEMENTS (previous_keys); i++)
    add_shortcut (keys, previous_keys[i], 0, "presentation.step", g_variant_new_int32 (-1));
  add_shortcut (keys, GDK_KEY_Home, 0, "presentation.first", NULL);
  add_shortcut (keys, GDK_KEY_End, 0, "presentation.last", NULL);
  add_shortcut (keys, GDK_KEY_f, 0, "presentation.toggle-reveal", NULL);
  add_shortcut (keys, GDK_KEY_F, GDK_SHIFT_MASK, "presentation.toggle-reveal", NULL);
  add_shortcut (keys, GDK_KEY_Escape, 0, "window.close", NULL);
  /* F5 started it; pressed again, it ends it as Esc does. */
  add_shortcut (keys, GDK_KEY_F5, 0, "window.close", NULL);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
strata_presentation_init (StrataPresentation *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion;

  self->reveal = TRUE;
  strata_render_options_init (&self->options);

  self->area = gtk_drawing_area_new ();
  gtk_widget_set_hexpand (self->area, TRUE);
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (self->area, GTK_EVENT_CONTROLLER (click));
  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (self->area, motion);
  self->hide_pointer_id = g_timeout_add_once (HIDE_POINTER_MS, hide_pointer_cb, self);
  gtk_window_set_child (GTK_WINDOW (self), self->area);
  gtk_window_set_title (GTK_WINDOW (self), _("Presentation"));
  add_keys (self);
}

GtkWidget *
strata_presentation_new (GtkWindow                 *parent,
                         StrataNetwork             *network,
                         const StrataRenderOptions *options)
{
  StrataPresentation *self;
  GdkDisplay *display;
  GdkMonitor *monitor = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);

  self = g_object_new (STRATA_TYPE_PRESENTATION, NULL);
  self->network = g_object_ref (network);
  if (options != NULL)
    self->options = *options;
  g_signal_connect (network, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_signal_connect (network, "layer-changed", G_CALLBACK (layer_changed_cb), self);
  g_signal_connect (network, "notify", G_CALLBACK (network_notify_cb), self);

  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
    }

  /* The whole screen even where nothing makes a window fullscreen (a
   * display without a window manager). */
  display = gtk_widget_get_display (GTK_WIDGET (self));
  if (parent != NULL && gtk_native_get_surface (GTK_NATIVE (parent)) != NULL)
    monitor = gdk_display_get_monitor_at_surface (display,
                                                  gtk_native_get_surface (GTK_NATIVE (parent)));
  if (monitor == NULL && g_list_model_get_n_items (gdk_display_get_monitors (display)) > 0)
    monitor = g_list_model_get_item (gdk_display_get_monitors (display), 0);
  else if (monitor != NULL)
    g_object_ref (monitor);
  if (monitor != NULL)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
      g_object_unref (monitor);
    }
  else
    gtk_window_fullscreen (GTK_WINDOW (self));

  update_caption (self);
  return GTK_WIDGET (self);
}

guint
strata_presentation_get_step (StrataPresentation *self)
{
  g_return_val_if_fail (STRATA_IS_PRESENTATION (self), 0);

  return self->step;
}

void
strata_presentation_set_step (StrataPresentation *self,
                              guint               step)
{
  g_return_if_fail (STRATA_IS_PRESENTATION (self));

  step = MIN (step, strata_slide_get_n_steps (self->network) - 1);
  if (self->step == step)
    return;
  self->step = step;
  update_caption (self);
  gtk_widget_queue_draw (self->area);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

gboolean
strata_presentation_get_reveal (StrataPresentation *self)
{
  g_return_val_if_fail (STRATA_IS_PRESENTATION (self), FALSE);

  return self->reveal;
}

void
strata_presentation_set_reveal (StrataPresentation *self,
                                gboolean            reveal)
{
  g_return_if_fail (STRATA_IS_PRESENTATION (self));

  reveal = !!reveal;
  if (self->reveal == reveal)
    return;
  self->reveal = reveal;
  gtk_widget_queue_draw (self->area);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL]);
}

char *
strata_presentation_dup_caption (StrataPresentation *self)
{
  g_return_val_if_fail (STRATA_IS_PRESENTATION (self), NULL);

  return strata_slide_caption_text (self->network, self->step);
}
