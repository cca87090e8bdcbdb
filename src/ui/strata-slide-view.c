/* strata-slide-view.c: a convolution's or pooling's window moving over its padded input. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-receptive-field.h"
#include "strata-slide-view.h"

/* At most this many cells a side: a window onto a large input or output,
 * following the current position, so that cells stay big enough to see. */
#define INPUT_CELLS 16
#define OUTPUT_CELLS 12
/* Microseconds on one output position while playing. */
#define STEP_TIME 700000

struct _StrataSlideView
{
  GtkWidget         parent_instance;

  GtkWidget        *area;
  GtkWidget        *previous_button;
  GtkWidget        *play_button;
  GtkWidget        *next_button;
  GtkLabel         *caption;

  /* Valid when has_window: [0] rows, [1] columns. */
  gboolean          has_window;
  StrataWindowAxis  axes[2];
  guint64           position;  /* the output position, row × columns + column */

  gboolean          playing;
  guint             tick_id;
  gint64            last_step;
};

G_DEFINE_FINAL_TYPE (StrataSlideView, strata_slide_view, GTK_TYPE_WIDGET)

static gboolean
animations_enabled (StrataSlideView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled,
                NULL);
  return enabled;
}

static guint64
n_positions (StrataSlideView *self)
{
  return self->axes[0].output * self->axes[1].output;
}

/* The first of @shown cells of an axis of @length cells (from @first on)
 * that keeps [@low, @high] in view, or starts at @low when it cannot. */
static gint64
view_start (gint64 first,
            gint64 length,
            gint64 shown,
            gint64 low,
            gint64 high)
{
  gint64 start;

  if (length <= shown)
    return first;
  start = low - (shown - (high - low + 1)) / 2;
  if (high - low + 1 > shown)
    start = low;
  return CLAMP (start, first, first + length - shown);
}

typedef struct
{
  gint64 first;  /* the first input position shown; negative in the padding */
  gint64 shown;
  gint64 tap;    /* the current window's first position */
  gint64 out_first;
  gint64 out_shown;
  gint64 out;    /* the current output position on this axis */
} AxisView;

static void
axis_view (StrataSlideView *self,
           guint            a,
           AxisView        *view)
{
  const StrataWindowAxis *w = &self->axes[a];
  gint64 length = w->input + w->pad_before + w->pad_after;
  gint64 span = (gint64) w->dilation * (w->window - 1) + 1;

  view->out = a == 0 ? self->position / self->axes[1].output
                     : self->position % self->axes[1].output;
  view->tap = view->out * w->stride - (gint64) w->pad_before;
  view->shown = MIN (length, INPUT_CELLS);
  view->first = view_start (-(gint64) w->pad_before, length, view->shown, view->tap,
                            view->tap + span - 1);
  view->out_shown = MIN ((gint64) w->output, OUTPUT_CELLS);
  view->out_first = view_start (0, w->output, view->out_shown, view->out, view->out);
}

/* Whether input position @i of axis @a is read by the current window. */
static gboolean
is_tap (const StrataWindowAxis *w,
        const AxisView         *view,
        gint64                  i)
{
  gint64 offset = i - view->tap;

  return offset >= 0 && offset % w->dilation == 0 && offset / w->dilation < w->window;
}

/* A position as text: a real minus sign before the padding's. */
static char *
position_text (gint64 value)
{
  g_autofree char *digits = strata_format_count (value < 0 ? -(guint64) value : (guint64) value);

  return value < 0 ? g_strconcat ("−", digits, NULL) : g_steal_pointer (&digits);
}

static void
draw_label (cairo_t    *cr,
            GtkWidget  *widget,
            const char *text,
            double      x,
            double      y,
            double      align)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - align * width, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw (GtkDrawingArea *area,
      cairo_t        *cr,
      int             width,
      int             height,
      gpointer        data)
{
  StrataSlideView *self = data;
  GtkWidget *widget = GTK_WIDGET (area);
  AxisView rows, columns;
  GdkRGBA fg;
  double cell, input_x, output_x, top = 18;
  g_autofree char *input_label = NULL, *output_label = NULL;
  g_autofree char *in_row = NULL, *in_column = NULL, *out_row = NULL, *out_column = NULL;

  if (!self->has_window)
    return;

  axis_view (self, 0, &rows);
  axis_view (self, 1, &columns);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);

  /* Both grids side by side, with a gap between them for the arrow. */
  cell = MIN ((width - 40.0) / (columns.shown + columns.out_shown),
              (height - top - 4.0) / MAX (rows.shown, rows.out_shown));
  cell = MIN (cell, 22);
  input_x = 0;
  output_x = columns.shown * cell + 40;

  for (gint64 r = 0; r < rows.shown; r++)
    for (gint64 c = 0; c < columns.shown; c++)
      {
        gint64 i = rows.first + r, j = columns.first + c;
        gboolean padding = i < 0 || j < 0 || i >= (gint64) self->axes[0].input ||
                           j >= (gint64) self->axes[1].input;
        gboolean tap = is_tap (&self->axes[0], &rows, i) && is_tap (&self->axes[1], &columns, j);
        double x = input_x + c * cell, y = top + r * cell;

        if (tap)
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.85);
        else if (padding)
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
        else
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.03);
        cairo_rectangle (cr, x + 0.5, y + 0.5, cell - 1, cell - 1);
        cairo_fill_preserve (cr);
        cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, padding ? 0.2 : 0.35);
        cairo_set_line_width (cr, 1);
        cairo_stroke (cr);
      }

  /* The window's span, dilation's gaps included. */
  {
    const StrataWindowAxis *h = &self->axes[0], *w = &self->axes[1];
    double x = input_x + (columns.tap - columns.first) * cell;
    double y = top + (rows.tap - rows.first) * cell;
    double span_w = ((double) w->dilation * (w->window - 1) + 1) * cell;
    double span_h = ((double) h->dilation * (h->window - 1) + 1) * cell;

    cairo_rectangle (cr, input_x, top, columns.shown * cell, rows.shown * cell);
    cairo_save (cr);
    cairo_clip (cr);
    cairo_set_source_rgb (cr, 0.11, 0.36, 0.69);
    cairo_set_line_width (cr, 2);
    cairo_rectangle (cr, x + 1, y + 1, span_w - 2, span_h - 2);
    cairo_stroke (cr);
    cairo_restore (cr);
  }

  for (gint64 r = 0; r < rows.out_shown; r++)
    for (gint64 c = 0; c < columns.out_shown; c++)
      {
        guint64 index = (rows.out_first + r) * self->axes[1].output + columns.out_first + c;
        double x = output_x + c * cell, y = top + r * cell;

        if (index == self->position)
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.85);
        else if (index < self->position)
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.25);
        else
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.03);
        cairo_rectangle (cr, x + 0.5, y + 0.5, cell - 1, cell - 1);
        cairo_fill_preserve (cr);
        cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.35);
        cairo_stroke (cr);
      }

  /* An arrow from the window to what it computes. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
  cairo_move_to (cr, output_x - 32, top + MIN (rows.shown, rows.out_shown) * cell / 2);
  cairo_rel_line_to (cr, 22, 0);
  cairo_rel_line_to (cr, -6, -4);
  cairo_move_to (cr, output_x - 10, top + MIN (rows.shown, rows.out_shown) * cell / 2);
  cairo_rel_line_to (cr, -6, 4);
  cairo_stroke (cr);

  /* Where each view starts, in the layer's own coordinates. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
  in_row = position_text (rows.first);
  in_column = position_text (columns.first);
  out_row = position_text (rows.out_first);
  out_column = position_text (columns.out_first);
  /* Translators: over the grid of the padded input; the first row and column shown */
  input_label = g_strdup_printf (_("Input from (%s, %s)"), in_row, in_column);
  /* Translators: over the grid of the output; the first row and column shown */
  output_label = g_strdup_printf (_("Output from (%s, %s)"), out_row, out_column);
  draw_label (cr, widget, input_label, input_x, 0, 0);
  draw_label (cr, widget, output_label, output_x, 0, 0);
}

static void
update (StrataSlideView *self)
{
  g_autofree char *text = NULL;
  AxisView rows, columns;

  gtk_widget_queue_draw (self->area);
  if (!self->has_window)
    {
      gtk_label_set_label (self->caption, "");
      return;
    }
  axis_view (self, 0, &rows);
  axis_view (self, 1, &columns);
  {
    const StrataWindowAxis *h = &self->axes[0], *w = &self->axes[1];
    g_autofree char *out_row = position_text (rows.out);
    g_autofree char *out_column = position_text (columns.out);
    g_autofree char *out_h = position_text (h->output);
    g_autofree char *out_w = position_text (w->output);
    g_autofree char *first_row = position_text (rows.tap);
    g_autofree char *last_row = position_text (rows.tap + (gint64) h->dilation * (h->window - 1));
    g_autofree char *first_column = position_text (columns.tap);
    g_autofree char *last_column = position_text (columns.tap +
                                                  (gint64) w->dilation * (w->window - 1));
    g_autofree char *in_h = position_text (h->input);
    g_autofree char *in_w = position_text (w->input);

    /* Translators: which input positions one output value reads; rows and
     * columns count from 0, negative ones and those past the input are padding */
    text = g_strdup_printf (_("Output (%s, %s) of %s × %s reads input rows %s to %s and columns "
                              "%s to %s of %s × %s; the window moves by %u × %u"),
                            out_row, out_column, out_h, out_w, first_row, last_row,
                            first_column, last_column, in_h, in_w, h->stride, w->stride);
  }
  gtk_label_set_label (self->caption, text);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  StrataSlideView *self = STRATA_SLIDE_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->last_step == 0)
    self->last_step = now;
  if (now - self->last_step >= STEP_TIME)
    {
      self->last_step = now;
      strata_slide_view_step (self, 1);
    }
  return G_SOURCE_CONTINUE;
}

static void
sync_playing (StrataSlideView *self)
{
  gboolean run = self->playing && self->has_window && animations_enabled (self);

  if (run && self->tick_id == 0)
    {
      self->last_step = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  else if (!run && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            run ? "media-playback-pause-symbolic"
                                : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button, run ? _("Pause") : _("Play"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  run ? _("Pause") : _("Play"), -1);
  gtk_widget_set_sensitive (self->play_button, animations_enabled (self));
}

static void
previous_cb (StrataSlideView *self)
{
  strata_slide_view_step (self, -1);
}

static void
next_cb (StrataSlideView *self)
{
  strata_slide_view_step (self, 1);
}

static void
play_cb (StrataSlideView *self)
{
  strata_slide_view_set_playing (self, !self->playing);
}

static void
animations_changed_cb (StrataSlideView *self)
{
  sync_playing (self);
}

static void
strata_slide_view_dispose (GObject *object)
{
  StrataSlideView *self = STRATA_SLIDE_VIEW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (strata_slide_view_parent_class)->dispose (object);
}

static void
strata_slide_view_root (GtkWidget *widget)
{
  StrataSlideView *self = STRATA_SLIDE_VIEW (widget);

  GTK_WIDGET_CLASS (strata_slide_view_parent_class)->root (widget);
  g_signal_connect_object (gtk_widget_get_settings (widget), "notify::gtk-enable-animations",
                           G_CALLBACK (animations_changed_cb), self, G_CONNECT_SWAPPED);
  sync_playing (self);
}

static void
strata_slide_view_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_settings (widget), animations_changed_cb,
                                        widget);
  GTK_WIDGET_CLASS (strata_slide_view_parent_class)->unroot (widget);
}

static void
strata_slide_view_class_init (StrataSlideViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_slide_view_dispose;
  widget_class->root = strata_slide_view_root;
  widget_class->unroot = strata_slide_view_unroot;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  /* A screen reader would say "GtkImage": the tooltip is its name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
strata_slide_view_init (StrataSlideView *self)
{
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);

  self->area = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->area), 190);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw, self, NULL);
  gtk_widget_set_parent (self->area, GTK_WIDGET (self));

  self->previous_button = icon_button ("go-previous-symbolic", _("Previous position"));
  self->play_button = icon_button ("media-playback-start-symbolic", _("Play"));
  self->next_button = icon_button ("go-next-symbolic", _("Next position"));
  g_signal_connect_swapped (self->previous_button, "clicked", G_CALLBACK (previous_cb), self);
  g_signal_connect_swapped (self->play_button, "clicked", G_CALLBACK (play_cb), self);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (next_cb), self);
  gtk_box_append (GTK_BOX (controls), self->previous_button);
  gtk_box_append (GTK_BOX (controls), self->play_button);
  gtk_box_append (GTK_BOX (controls), self->next_button);
  gtk_widget_set_halign (controls, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (controls, GTK_WIDGET (self));

  self->caption = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->caption, TRUE);
  gtk_label_set_xalign (self->caption, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->caption), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->caption), "caption");
  gtk_widget_set_parent (GTK_WIDGET (self->caption), GTK_WIDGET (self));

  self->playing = TRUE;
}

GtkWidget *
strata_slide_view_new (void)
{
  return g_object_new (STRATA_TYPE_SLIDE_VIEW, NULL);
}

gboolean
strata_slide_view_set_layer (StrataSlideView *self,
                             StrataLayer     *layer)
{
  StrataWindowAxis axes[2];
  gboolean has_window;

  g_return_val_if_fail (STRATA_IS_SLIDE_VIEW (self), FALSE);
  g_return_val_if_fail (layer == NULL || STRATA_IS_LAYER (layer), FALSE);

  has_window = layer != NULL && strata_layer_get_window_axis (layer, 0, &axes[0]) &&
               strata_layer_get_window_axis (layer, 1, &axes[1]);
  /* An edit that keeps the sizes keeps the position too. */
  if (!has_window || !self->has_window || axes[0].output != self->axes[0].output ||
      axes[1].output != self->axes[1].output)
    self->position = 0;
  self->has_window = has_window;
  if (has_window)
    memcpy (self->axes, axes, sizeof axes);
  sync_playing (self);
  update (self);
  return has_window;
}

void
strata_slide_view_step (StrataSlideView *self,
                        int              delta)
{
  guint64 n;

  g_return_if_fail (STRATA_IS_SLIDE_VIEW (self));

  if (!self->has_window)
    return;
  n = n_positions (self);
  if (delta < 0)
    self->position = (self->position + n - ((guint64) -delta % n)) % n;
  else
    self->position = (self->position + (guint64) delta) % n;
  update (self);
}

void
strata_slide_view_get_position (StrataSlideView *self,
                                guint64         *row,
                                guint64         *column)
{
  g_return_if_fail (STRATA_IS_SLIDE_VIEW (self));

  *row = self->has_window ? self->position / self->axes[1].output : 0;
  *column = self->has_window ? self->position % self->axes[1].output : 0;
}

gboolean
strata_slide_view_get_playing (StrataSlideView *self)
{
  g_return_val_if_fail (STRATA_IS_SLIDE_VIEW (self), FALSE);

  return self->tick_id != 0;
}

void
strata_slide_view_set_playing (StrataSlideView *self,
                               gboolean         playing)
{
  g_return_if_fail (STRATA_IS_SLIDE_VIEW (self));

  self->playing = playing;
  sync_playing (self);
}
