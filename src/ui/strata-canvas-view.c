/* strata-canvas-view.c: the canvas's zoom and scrolling, and what the pointer and the keys do. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "strata-canvas-private.h"
#include "strata-layer-formula.h"
#include "strata-receptive-field.h"

/* Fitting never magnifies past this: a three-layer network stays readable
 * rather than filling a large screen with two blocks. */
#define FIT_MAX 2.0
#define ZOOM_STEP 1.25
/* Pixels a mouse wheel notch pans. */
#define WHEEL_PAN 48.0
/* A press that moves less than this is a click, not a drag. */
#define DRAG_THRESHOLD 4.0

static gboolean
notify_zoom_cb (gpointer data)
{
  StrataCanvas *self = data;

  self->notify_zoom_id = 0;
  g_object_notify_by_pspec (G_OBJECT (self), strata_canvas_properties[PROP_ZOOM]);
  return G_SOURCE_REMOVE;
}

/* The zoom label must not change while the canvas draws; tell it after. */
static void
set_zoom_value (StrataCanvas *self,
                double        zoom)
{
  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (self->zoom == zoom)
    return;
  self->zoom = zoom;
  if (self->notify_zoom_id == 0)
    self->notify_zoom_id = g_idle_add (notify_zoom_cb, self);
}

/* For pointer events: the layout on screen, even if a newer one is due. */
static StrataLayout *
shown_layout (StrataCanvas *self)
{
  if (self->layout != NULL && self->network != NULL)
    return self->layout;
  return strata_canvas_ensure_layout (self);
}

/* Keeps the drawing on screen: centred along an axis where it fits,
 * otherwise never scrolled past its edges. */
void
strata_canvas_clamp_offsets (StrataCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double layout_width = 0, layout_height = 0;
  double content_width, content_height;

  if (strata_canvas_ensure_layout (self) == NULL)
    return;

  strata_layout_get_size (self->layout, &layout_width, &layout_height);
  content_width = layout_width * self->zoom;
  content_height = layout_height * self->zoom;

  if (content_width + 2 * MARGIN <= width)
    self->offset_x = (width - content_width) / 2;
  else
    self->offset_x = CLAMP (self->offset_x, width - content_width - MARGIN, MARGIN);

  if (content_height + MARGIN + MARGIN_BOTTOM <= height)
    self->offset_y = (height - MARGIN_BOTTOM + MARGIN - content_height) / 2;
  else
    self->offset_y = CLAMP (self->offset_y, height - content_height - MARGIN_BOTTOM, MARGIN);
}

void
strata_canvas_apply_fit (StrataCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double layout_width = 0, layout_height = 0;

  if (strata_canvas_ensure_layout (self) == NULL || width <= 0 || height <= 0)
    return;

  strata_layout_get_size (self->layout, &layout_width, &layout_height);
  if (layout_width > 0 && layout_height > 0)
    set_zoom_value (self, MIN (FIT_MAX, MIN ((width - 2 * MARGIN) / layout_width,
                                             (height - MARGIN - MARGIN_BOTTOM) / layout_height)));
  strata_canvas_clamp_offsets (self);
}

/* Scrolls just enough to show the selected layer whole. */
void
strata_canvas_reveal_selected (StrataCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  cairo_rectangle_t bounds;
  double x0, y0, x1, y1;

  if (self->selected == STRATA_LAYOUT_NONE ||
      !strata_layout_get_item_bounds (self->layout, self->selected, &bounds))
    return;

  x0 = self->offset_x + bounds.x * self->zoom;
  y0 = self->offset_y + bounds.y * self->zoom;
  x1 = x0 + bounds.width * self->zoom;
  y1 = y0 + bounds.height * self->zoom;

  if (x0 < MARGIN)
    self->offset_x += MARGIN - x0;
  else if (x1 > width - MARGIN)
    self->offset_x -= MIN (x1 - (width - MARGIN), x0 - MARGIN);
  if (y0 < MARGIN)
    self->offset_y += MARGIN - y0;
  else if (y1 > height - MARGIN_BOTTOM)
    self->offset_y -= MIN (y1 - (height - MARGIN_BOTTOM), y0 - MARGIN);
}

/* The layout position under widget coordinates (x, y). */
static int
hit_test (StrataCanvas *self,
          double        x,
          double        y)
{
  if (shown_layout (self) == NULL)
    return STRATA_LAYOUT_NONE;
  return strata_layout_hit_test (self->layout,
                                 (x - self->offset_x) / self->zoom,
                                 (y - self->offset_y) / self->zoom);
}

/* A line of markup ("Output: 16 × 16 × 8"), then the formula behind its
 * value in monospace, one line each; takes @line. */
static void
append_explained (GString            *text,
                  char               *line,
                  StrataLayer        *layer,
                  StrataLayerFormula  which)
{
  g_autofree char *owned = line;
  g_autofree char *formula = strata_layer_dup_formula (layer, which);

  g_string_append_c (text, '\n');
  g_string_append (text, owned);
  /* A formula that is only the value (a vector's size) says nothing more. */
  if (formula != NULL && !g_str_has_suffix (owned, formula))
    {
      g_autofree char *escaped = g_markup_escape_text (formula, -1);

      g_string_append_printf (text, "\n<tt>%s</tt>", escaped);
    }
}

static void
append_field (GString     *text,
              StrataLayer *layer)
{
  const StrataReceptiveField *field = strata_layer_get_receptive_field (layer);
  g_autofree char *size = strata_receptive_field_dup_size (field);
  g_autofree char *jump = strata_receptive_field_dup_jump (field);
  g_autofree char *line = NULL;

  if (field->kind == STRATA_RECEPTIVE_FIELD_SPATIAL)
    /* Translators: in the canvas tooltip; the jump is the field's effective stride */
    line = g_markup_printf_escaped (_("Receptive field: %s, jump %s"), size, jump);
  else if (field->kind == STRATA_RECEPTIVE_FIELD_GLOBAL)
    line = g_markup_printf_escaped (_("Receptive field: %s"), size);
  if (line != NULL)
    g_string_append_printf (text, "\n%s", line);
}

static char *
describe_layer (StrataLayer *layer)
{
  const StrataShape *shape = strata_layer_get_output_shape (layer);
  const char *error = strata_layer_get_error (layer);
  g_autofree char *shape_text = NULL;
  g_autofree char *params = NULL;
  g_autofree char *macs = NULL;
  g_autofree char *activations = NULL;
  GString *text = g_string_new (NULL);
  g_autofree char *title = NULL;

  title = g_markup_printf_escaped ("<b>%s</b> — %s",
                                   strata_layer_get_display_name (layer),
                                   _(strata_layer_get_kind_info (layer)->label));
  g_string_append (text, title);

  if (shape != NULL)
    {
      shape_text = strata_shape_to_string (shape);
      params = strata_format_count (strata_layer_get_params_count (layer));
      /* Not a 0 nobody measured: the formula says why. */
      if (strata_layer_get_kind_info (layer)->flags & STRATA_LAYER_KIND_FLAG_MACS_UNKNOWN)
        macs = g_strdup ("?");
      else
        macs = strata_format_count (strata_layer_get_macs (layer));
      activations = strata_format_count (strata_layer_get_activation_size (layer));
      /* Translators: in the canvas tooltip */
      append_explained (text, g_markup_printf_escaped (_("Output: %s"), shape_text), layer,
                        STRATA_LAYER_FORMULA_SHAPE);
      /* Translators: in the canvas tooltip */
      append_explained (text, g_markup_printf_escaped (_("Parameters: %s"), params), layer,
                        STRATA_LAYER_FORMULA_PARAMS);
      /* Translators: in the canvas tooltip, multiply-accumulates */
      append_explained (text, g_markup_printf_escaped (_("MACs: %s"), macs), layer,
                        STRATA_LAYER_FORMULA_MACS);
      /* Translators: in the canvas tooltip, the values in the layer's output */
      append_explained (text, g_markup_printf_escaped (_("Activations: %s"), activations), layer,
                        STRATA_LAYER_FORMULA_ACTIVATION);
      append_field (text, layer);
    }
  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error, -1);

      g_string_append_printf (text, "\n%s", escaped);
    }

  return g_string_free (text, FALSE);
}

/* A group drawn as one block, with what the block shows: its name, how
 * many layers, their kinds, the output, and all their parameters and MACs. */
static char *
describe_group (StrataNetwork               *network,
                const StrataLayoutGroupInfo *group)
{
  g_auto(StrataGroupFacts) facts = { NULL };
  g_autofree char *params = NULL;
  GString *text = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *output = NULL;
  g_autofree char *line = NULL;
  g_autofree char *macs = NULL;

  strata_canvas_group_facts (network, group, &facts);
  params = strata_format_count (facts.params);
  title = g_markup_printf_escaped ("<b>%s</b> — %s", group->name, facts.what);
  kinds = g_markup_escape_text (facts.kinds, -1);
  output = g_markup_printf_escaped (_("Output: %s"), facts.output);
  line = g_markup_printf_escaped (_("Parameters: %s"), params);
  macs = g_markup_printf_escaped (_("MACs: %s"), facts.macs);
  g_string_append_printf (text, "%s\n%s\n%s\n%s\n%s", title, kinds, output, line, macs);
  return g_string_free (text, FALSE);
}

char *
strata_canvas_dup_tooltip (StrataCanvas *self,
                           int           position)
{
  StrataLayout *layout = strata_canvas_ensure_layout (self);
  StrataLayoutGroupInfo group;
  StrataLayer *layer;
  g_autofree char *layer_only = NULL;
  g_autofree char *note = NULL;
  g_autofree char *escaped = NULL;

  if (self->network == NULL || position == STRATA_LAYOUT_NONE)
    return NULL;
  if (position == STRATA_LAYOUT_INPUT)
    {
      g_autofree char *shape = strata_shape_to_string (strata_network_get_input_shape (self->network));

      /* Translators: the canvas tooltip of the input block */
      return g_markup_printf_escaped (_("<b>Input</b>\n%s"), shape);
    }
  layer = strata_network_get_layer (self->network, position);
  if (layer == NULL)
    return NULL;
  if (layout == NULL || !strata_layout_get_collapsed_group (layout, position, &group))
    return describe_layer (layer);
  if (group.block)
    return describe_group (self->network, &group);

  /* A layer of a run drawn once: the layer, and that the run repeats. */
  layer_only = describe_layer (layer);
  note = strata_canvas_dup_run_note (&group);
  escaped = g_markup_escape_text (note, -1);
  return g_strdup_printf ("%s\n<i>%s</i>", layer_only, escaped);
}

static gboolean
strata_canvas_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  StrataCanvas *self = STRATA_CANVAS (widget);
  int hit = hit_test (self, x, y);
  g_autofree char *markup = strata_canvas_dup_tooltip (self, hit);
  cairo_rectangle_t bounds;

  if (markup == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  if (strata_layout_get_item_bounds (self->layout, hit, &bounds))
    {
      GdkRectangle area = {
        floor (self->offset_x + bounds.x * self->zoom),
        floor (self->offset_y + bounds.y * self->zoom),
        ceil (bounds.width * self->zoom),
        ceil (bounds.height * self->zoom),
      };

      gtk_tooltip_set_tip_area (tooltip, &area);
    }
  return TRUE;
}

static void
set_hover (StrataCanvas *self,
           int           hover)
{
  if (self->hover == hover)
    return;
  self->hover = hover;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   hover != STRATA_LAYOUT_NONE ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (StrataCanvas             *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  self->pointer_x = x;
  self->pointer_y = y;
  if (!self->dragging)
    set_hover (self, hit_test (self, x, y));
}

static void
leave_cb (StrataCanvas             *self,
          GtkEventControllerMotion *motion)
{
  set_hover (self, STRATA_LAYOUT_NONE);
}

/* Zooms by @factor keeping the point under (x, y) in place. */
static void
zoom_at (StrataCanvas *self,
         double        factor,
         double        x,
         double        y)
{
  double old_zoom = self->zoom;

  self->fit = FALSE;
  set_zoom_value (self, self->zoom * factor);
  self->offset_x = x - (x - self->offset_x) * self->zoom / old_zoom;
  self->offset_y = y - (y - self->offset_y) * self->zoom / old_zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (StrataCanvas             *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *scroll)
{
  GdkModifierType state;
  gboolean wheel;
  double layout_width = 0, layout_height = 0;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  wheel = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL;

  if (state & GDK_CONTROL_MASK)
    {
      double factor = wheel ? pow (1.2, -dy) : pow (1.01, -dy);

      zoom_at (self, factor, self->pointer_x, self->pointer_y);
      return GDK_EVENT_STOP;
    }

  if (shown_layout (self) == NULL)
    return GDK_EVENT_PROPAGATE;

  if (wheel)
    {
      dx *= WHEEL_PAN;
      dy *= WHEEL_PAN;
    }
  /* Networks are wide: a plain wheel scrolls sideways when nothing is
   * hidden above or below, as does Shift with any wheel. */
  strata_layout_get_size (self->layout, &layout_width, &layout_height);
  if ((state & GDK_SHIFT_MASK) ||
      (dx == 0 && layout_height * self->zoom + MARGIN + MARGIN_BOTTOM <=
                  gtk_widget_get_height (GTK_WIDGET (self))))
    {
      dx = dy;
      dy = 0;
    }

  self->fit = FALSE;
  self->offset_x -= dx;
  self->offset_y -= dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return GDK_EVENT_STOP;
}

static void
drag_begin_cb (StrataCanvas   *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  self->drag_start_x = self->offset_x;
  self->drag_start_y = self->offset_y;
  self->dragging = FALSE;
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (StrataCanvas   *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  if (!self->dragging && hypot (dx, dy) < DRAG_THRESHOLD)
    return;

  if (!self->dragging)
    {
      self->dragging = TRUE;
      self->fit = FALSE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  self->offset_x = self->drag_start_x + dx;
  self->offset_y = self->drag_start_y + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (StrataCanvas   *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  double x = 0, y = 0;

  if (self->dragging)
    {
      self->dragging = FALSE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
      return;
    }

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_PRIMARY)
    {
      int hit = hit_test (self, x, y);

      /* The title is edited with the input: a click on it goes there. */
      if (hit == STRATA_LAYOUT_NONE && shown_layout (self) != NULL &&
          strata_layout_title_contains (self->layout, (x - self->offset_x) / self->zoom,
                                        (y - self->offset_y) / self->zoom))
        hit = STRATA_LAYOUT_INPUT;
      g_signal_emit (self, strata_canvas_signals[LAYER_ACTIVATED], 0, hit);
    }
}

static void
step_selection (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  StrataCanvas *self = STRATA_CANVAS (widget);
  int step = g_variant_get_int32 (parameter);
  int last, next;

  if (self->network == NULL)
    return;

  last = (int) strata_network_get_n_layers (self->network) - 1;
  if (self->selected == STRATA_LAYOUT_NONE)
    next = step > 0 ? STRATA_LAYOUT_INPUT : last;
  else
    next = CLAMP (self->selected + step, STRATA_LAYOUT_INPUT, last);
  g_signal_emit (self, strata_canvas_signals[LAYER_ACTIVATED], 0, next);
}

void
strata_canvas_class_init_view (GtkWidgetClass *widget_class)
{
  widget_class->query_tooltip = strata_canvas_query_tooltip;

  gtk_widget_class_install_action (widget_class, "canvas.step", "i", step_selection);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "canvas.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "canvas.step", "i", 1);
}

void
strata_canvas_init_view (StrataCanvas *self)
{
  GtkEventController *motion;
  GtkEventController *scroll;
  GtkGesture *drag;

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  drag = gtk_gesture_drag_new ();
  /* Any button pans; only the primary one selects. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (drag_update_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (drag_end_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

double
strata_canvas_get_zoom (StrataCanvas *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), 1.0);

  return self->zoom;
}

void
strata_canvas_zoom_in (StrataCanvas *self)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));

  zoom_at (self, ZOOM_STEP, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
strata_canvas_zoom_out (StrataCanvas *self)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));

  zoom_at (self, 1 / ZOOM_STEP, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
strata_canvas_zoom_to_fit (StrataCanvas *self)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));

  self->fit = TRUE;
  strata_canvas_apply_fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
