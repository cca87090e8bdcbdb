/* strata-canvas.c: the network drawn by the shared renderer: its layout, options and selection. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "strata-canvas-private.h"
#include "strata-free.h"

/* Long networks wrap into rows, so that a VGG fills the canvas instead of
 * one thin row; rows are never narrower than this. */
#define MIN_WRAP_WIDTH 480.0
/* Past this many layers only the canvas width is tried as a wrap width:
 * each try is a full layout. */
#define MAX_WRAP_TRIES_LAYERS 200

G_DEFINE_FINAL_TYPE (StrataCanvas, strata_canvas, GTK_TYPE_WIDGET)

GParamSpec *strata_canvas_properties[N_PROPS];
guint strata_canvas_signals[N_SIGNALS];

static void
invalidate (StrataCanvas *self)
{
  self->layout_stale = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The layers the network applied again for the edit just heard: those
 * whose values may have changed. A recompute heard of no signal (the
 * count grew by more than one) leaves what changed unknown. */
static void
add_recompute (StrataCanvas *self)
{
  guint first, end;
  guint64 count = strata_network_get_last_recompute (self->network, &first, &end);

  if (count == self->recomputes)
    return;
  if (count != self->recomputes + 1)
    self->changes_known = FALSE;
  self->recomputes = count;
  strata_layout_changes_add (&self->changes, first, end);
}

/* What a layer shows (its shape, counts, error and name) changes only when
 * it or an earlier layer is edited, renamed, added or removed, or the input
 * changes: the network tells of each, so no layer needs a handler of ours. */
static void
layer_changed_cb (StrataCanvas  *self,
                  StrataLayer   *layer,
                  guint          position,
                  StrataNetwork *network)
{
  strata_layout_changes_add (&self->changes, position, position + 1);
  add_recompute (self);
  invalidate (self);
}

static void
inputs_changed_cb (StrataCanvas  *self,
                   StrataLayer   *layer,
                   guint          position,
                   StrataNetwork *network)
{
  self->changes.links = TRUE;
}

/* The title shows the name and total parameters, the first block the
 * input; the other totals are not drawn. */
static void
network_notify_cb (StrataCanvas  *self,
                   GParamSpec    *pspec,
                   StrataNetwork *network)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_has_prefix (name, "input-"))
    {
      self->changes.input = TRUE;
      add_recompute (self);
    }
  if (g_str_equal (name, "name") || g_str_equal (name, "params") ||
      g_str_has_prefix (name, "input-"))
    invalidate (self);
}

/* Groups change which layers are drawn under brackets, or as one block. */
static void
groups_changed_cb (StrataCanvas  *self,
                   StrataNetwork *network)
{
  self->changes.links = TRUE;
  invalidate (self);
}

/* The network recomputed the layers it spliced in before telling, so
 * what changed before moves with its layers first. */
static void
items_changed_cb (StrataCanvas *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *model)
{
  strata_layout_changes_splice (&self->changes, position, removed, added);
  add_recompute (self);
  invalidate (self);
}

/* @layout, of the network as it is now, replaces the canvas's. */
static void
replace_layout (StrataCanvas *self,
                StrataLayout *layout)
{
  strata_canvas_release_later (self, self->old_layouts, g_steal_pointer (&self->layout));
  self->layout = layout;
  strata_layout_changes_clear (&self->changes);
  self->changes_known = TRUE;
  self->recomputes = strata_network_get_last_recompute (self->network, NULL, NULL);
  self->layout_serial++;
  self->layout_stale = FALSE;
}

StrataLayout *
strata_canvas_ensure_layout (StrataCanvas *self)
{
  if (self->network == NULL)
    g_clear_pointer (&self->layout, strata_layout_unref);
  else if (self->layout == NULL || self->layout_stale)
    {
      StrataLayout *previous = self->layout;

      /* A recompute no signal told of changed what it changed unheard. */
      if (strata_network_get_last_recompute (self->network, NULL, NULL) != self->recomputes)
        self->changes_known = FALSE;
      if (previous != NULL && self->changes_known)
        replace_layout (self, strata_layout_new_after_changes (self->network, &self->options,
                                                               previous, &self->changes));
      else
        replace_layout (self, strata_layout_new_after (self->network, &self->options, previous));
    }
  self->layout_stale = FALSE;
  return self->layout;
}

/* For a large network, the row width whose drawing has the canvas's
 * shape: rows of a given width hold blocks of about the same total area
 * whatever the width, so the drawing laid out at @width, W × H, has the
 * shape w / h of the canvas at sqrt (W · H · w / h). Rows the width of
 * the canvas made a long network a thin column at the smallest zoom. No
 * wider than the canvas shows at that zoom: the overview is then the
 * first rows, the window's shape. One layout more, made only when the
 * network or the canvas's size changes. */
static double
wrap_to_shape (StrataCanvas *self,
               double        width,
               double        height,
               double        wrap)
{
  StrataRenderOptions options = self->options;
  g_autoptr(StrataLayout) layout = NULL;
  double layout_width = 0, layout_height = 0, shaped;

  options.max_width = wrap;
  layout = strata_layout_new (self->network, &options);
  strata_layout_get_size (layout, &layout_width, &layout_height);
  if (layout_width <= 0 || layout_height <= 0 || width <= 2 * MARGIN || height <= 2 * MARGIN)
    return wrap;
  shaped = sqrt (layout_width * layout_height * (width - 2 * MARGIN) / (height - 2 * MARGIN));
  shaped = MIN (shaped, (width - 2 * MARGIN) / ZOOM_MIN);
  return MAX (wrap, floor (shaped));
}

/* The row width whose layout fits the canvas at the largest zoom, and, in
 * @chosen, that layout if one of the tries made it. Chosen when the canvas
 * or the network changes, not on every edit, so that rows do not jump
 * about while the user types. Wider rows never make a drawing shorter
 * along them (tests/test-layout-vertical.c checks it of the examples): once a try
 * fills the canvas along its rows, no wider one can be drawn larger, and
 * is not made (VGG-16 in a window fills it at the first). */
static double
choose_wrap_width (StrataCanvas  *self,
                   double         width,
                   double         height,
                   StrataLayout **chosen)
{
  static const double factors[] = { 1.0, 1.5, 2.0, 3.0, 0.0 };
  StrataRenderOptions options = self->options;
  /* Top to bottom, what wraps is the height of the columns. */
  gboolean down = options.arrangement == STRATA_ARRANGEMENT_TOP_TO_BOTTOM;
  double along = down ? height - MARGIN - MARGIN_BOTTOM : width - 2 * MARGIN;
  double best_width = MAX (along, MIN_WRAP_WIDTH);
  double best_zoom = 0;

  *chosen = NULL;
  if (self->network == NULL || width <= 0 || height <= 0)
    return best_width;
  if (strata_network_get_n_layers (self->network) > MAX_WRAP_TRIES_LAYERS)
    return down ? wrap_to_shape (self, height, width, best_width)
                : wrap_to_shape (self, width, height, best_width);

  for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
    {
      g_autoptr(StrataLayout) layout = NULL;
      double layout_width = 0, layout_height = 0, zoom_x, zoom_y, zoom;

      options.max_width = factors[i] > 0 ? MAX (along * factors[i], MIN_WRAP_WIDTH) : 0;
      layout = strata_layout_new (self->network, &options);
      strata_layout_get_size (layout, &layout_width, &layout_height);
      if (layout_width <= 0 || layout_height <= 0)
        continue;
      zoom_x = (width - 2 * MARGIN) / layout_width;
      zoom_y = (height - MARGIN - MARGIN_BOTTOM) / layout_height;
      zoom = MIN (zoom_x, zoom_y);
      /* A clear gain only: otherwise the narrower, earlier candidate stays. */
      if (zoom > best_zoom * 1.05)
        {
          best_zoom = zoom;
          best_width = options.max_width;
          g_clear_pointer (chosen, strata_layout_unref);
          *chosen = g_steal_pointer (&layout);
        }
      if ((down ? zoom_y : zoom_x) <= zoom)
        break;
    }
  return best_width;
}

static void
strata_canvas_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  StrataCanvas *self = STRATA_CANVAS (widget);

  if (self->wrap_for_width != width || self->wrap_for_height != height)
    {
      StrataLayout *chosen = NULL;
      double wrap = choose_wrap_width (self, width, height, &chosen);

      self->wrap_for_width = width;
      self->wrap_for_height = height;
      if (self->options.max_width != wrap)
        {
          self->options.max_width = wrap;
          invalidate (self);
        }
      /* The try is the layout the canvas would make again. */
      if (chosen != NULL && (self->layout_stale || self->layout == NULL))
        replace_layout (self, g_steal_pointer (&chosen));
      g_clear_pointer (&chosen, strata_layout_unref);
    }
  if (self->fit)
    strata_canvas_apply_fit (self);
  strata_canvas_allocate_blocks (self);
}

static void
strata_canvas_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 500;
}

static void
strata_canvas_dispose (GObject *object)
{
  StrataCanvas *self = STRATA_CANVAS (object);
  gboolean large = self->network != NULL &&
                   strata_network_get_n_layers (self->network) >= STRATA_FREE_LATER_LAYERS;

  strata_canvas_set_network (self, NULL);
  strata_canvas_dispose_blocks (self);
  /* The layouts of a large network hold the last references to its
   * shaped labels, the cache having let them go: they are freed after
   * the window has gone. */
  if (large)
    {
      GPtrArray *garbage = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_layout_unref);

      if (self->layout != NULL)
        g_ptr_array_add (garbage, g_steal_pointer (&self->layout));
      if (self->cache_layout != NULL)
        g_ptr_array_add (garbage, g_steal_pointer (&self->cache_layout));
      while (self->old_layouts->len > 0)
        g_ptr_array_add (garbage, g_ptr_array_steal_index_fast (self->old_layouts,
                                                                self->old_layouts->len - 1));
      strata_free_later (garbage);
    }
  g_clear_pointer (&self->layout, strata_layout_unref);
  strata_canvas_clear_drawings (self);
  g_clear_handle_id (&self->notify_zoom_id, g_source_remove);

  G_OBJECT_CLASS (strata_canvas_parent_class)->dispose (object);
}

static void
strata_canvas_finalize (GObject *object)
{
  StrataCanvas *self = STRATA_CANVAS (object);

  g_clear_pointer (&self->old_layouts, g_ptr_array_unref);
  g_clear_pointer (&self->old_drawings, g_ptr_array_unref);

  G_OBJECT_CLASS (strata_canvas_parent_class)->finalize (object);
}

static void
strata_canvas_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StrataCanvas *self = STRATA_CANVAS (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    case PROP_THEME:
      g_value_set_int (value, self->options.theme);
      break;
    case PROP_DIAGRAM_STYLE:
      g_value_set_int (value, self->options.style);
      break;
    case PROP_SCALE_MODE:
      g_value_set_int (value, self->options.scale);
      break;
    case PROP_SHORT_NUMBERS:
      g_value_set_boolean (value, self->options.short_numbers);
      break;
    case PROP_GROUP_REPEATS:
      g_value_set_boolean (value, self->options.group_repeats);
      break;
    case PROP_COLLAPSE_REPEATS:
      g_value_set_boolean (value, self->options.collapse_repeats);
      break;
    case PROP_ARRANGEMENT:
      g_value_set_int (value, self->options.arrangement);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_canvas_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StrataCanvas *self = STRATA_CANVAS (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      strata_canvas_set_network (self, g_value_get_object (value));
      break;
    case PROP_SELECTED:
      strata_canvas_set_selected (self, g_value_get_int (value));
      break;
    case PROP_THEME:
      strata_canvas_set_theme (self, g_value_get_int (value));
      break;
    case PROP_DIAGRAM_STYLE:
      strata_canvas_set_diagram_style (self, g_value_get_int (value));
      break;
    case PROP_SCALE_MODE:
      strata_canvas_set_scale_mode (self, g_value_get_int (value));
      break;
    case PROP_SHORT_NUMBERS:
      strata_canvas_set_short_numbers (self, g_value_get_boolean (value));
      break;
    case PROP_GROUP_REPEATS:
      strata_canvas_set_group_repeats (self, g_value_get_boolean (value));
      break;
    case PROP_COLLAPSE_REPEATS:
      strata_canvas_set_collapse_repeats (self, g_value_get_boolean (value));
      break;
    case PROP_ARRANGEMENT:
      strata_canvas_set_arrangement (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_canvas_class_init (StrataCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = strata_canvas_dispose;
  object_class->finalize = strata_canvas_finalize;
  object_class->get_property = strata_canvas_get_property;
  object_class->set_property = strata_canvas_set_property;

  widget_class->snapshot = strata_canvas_snapshot;
  widget_class->size_allocate = strata_canvas_size_allocate;
  widget_class->focus = strata_canvas_focus;
  widget_class->measure = strata_canvas_measure;

  strata_canvas_properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, STRATA_TYPE_NETWORK, rw);
  strata_canvas_properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, STRATA_LAYOUT_NONE, G_MAXINT,
                      STRATA_LAYOUT_NONE, rw);
  strata_canvas_properties[PROP_THEME] =
    g_param_spec_int ("theme", NULL, NULL, STRATA_THEME_LIGHT, STRATA_THEME_PRINT,
                      STRATA_THEME_LIGHT, rw);
  strata_canvas_properties[PROP_DIAGRAM_STYLE] =
    g_param_spec_int ("diagram-style", NULL, NULL, STRATA_DIAGRAM_STYLE_BLOCKS,
                      STRATA_DIAGRAM_STYLE_BARS, STRATA_DIAGRAM_STYLE_BLOCKS, rw);
  strata_canvas_properties[PROP_SCALE_MODE] =
    g_param_spec_int ("scale-mode", NULL, NULL, STRATA_SCALE_LINEAR, STRATA_SCALE_LOG,
                      STRATA_SCALE_SQRT, rw);
  strata_canvas_properties[PROP_SHORT_NUMBERS] =
    g_param_spec_boolean ("short-numbers", NULL, NULL, FALSE, rw);
  strata_canvas_properties[PROP_GROUP_REPEATS] =
    g_param_spec_boolean ("group-repeats", NULL, NULL, TRUE, rw);
  strata_canvas_properties[PROP_COLLAPSE_REPEATS] =
    g_param_spec_boolean ("collapse-repeats", NULL, NULL, FALSE, rw);
  strata_canvas_properties[PROP_ARRANGEMENT] =
    g_param_spec_int ("arrangement", NULL, NULL, STRATA_ARRANGEMENT_ROWS,
                      STRATA_ARRANGEMENT_TOP_TO_BOTTOM, STRATA_ARRANGEMENT_ROWS, rw);
  strata_canvas_properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, strata_canvas_properties);

  /**
   * StrataCanvas::layer-activated:
   * @position: the layer clicked, STRATA_LAYOUT_INPUT or STRATA_LAYOUT_NONE
   *
   * The user clicked the drawing (or stepped with the arrow keys).
   */
  strata_canvas_signals[LAYER_ACTIVATED] =
    g_signal_new ("layer-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  strata_canvas_class_init_view (widget_class);

  gtk_widget_class_set_css_name (widget_class, "canvas");
  /* A list of the blocks in view, which a screen reader visits. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
strata_canvas_init (StrataCanvas *self)
{
  self->old_layouts = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_layout_unref);
  self->old_drawings = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  strata_render_options_init (&self->options);
  /* The widget's own background shows through, as the style gives it. */
  self->options.transparent = TRUE;
  self->options.selected = STRATA_LAYOUT_NONE;
  self->selected = STRATA_LAYOUT_NONE;
  self->range_first = self->range_last = STRATA_LAYOUT_NONE;
  self->zoom = 1.0;
  self->fit = TRUE;
  self->hover = STRATA_LAYOUT_NONE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Network diagram"),
                                  -1);

  strata_canvas_init_view (self);
}

GtkWidget *
strata_canvas_new (void)
{
  return g_object_new (STRATA_TYPE_CANVAS, NULL);
}

StrataNetwork *
strata_canvas_get_network (StrataCanvas *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), NULL);

  return self->network;
}

void
strata_canvas_set_network (StrataCanvas  *self,
                           StrataNetwork *network)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));
  g_return_if_fail (network == NULL || STRATA_IS_NETWORK (network));

  if (self->network == network)
    return;

  if (self->network != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->network, self);
      /* A network of 100,000 layers left a kilobyte per layer of shaped
       * labels cached after its window closed. */
      strata_layout_forget_labels ();
    }
  g_set_object (&self->network, network);
  if (network != NULL)
    {
      g_signal_connect_object (network, "items-changed", G_CALLBACK (items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (network, "layer-changed", G_CALLBACK (layer_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (network, "layer-changed::inputs", G_CALLBACK (inputs_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (network, "notify", G_CALLBACK (network_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (network, "groups-changed", G_CALLBACK (groups_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  self->selected = STRATA_LAYOUT_NONE;
  self->range_first = self->range_last = STRATA_LAYOUT_NONE;
  self->hover = STRATA_LAYOUT_NONE;
  self->fit = TRUE;
  self->wrap_for_width = self->wrap_for_height = 0;
  self->changes_known = FALSE;
  invalidate (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), strata_canvas_properties[PROP_NETWORK]);
}

int
strata_canvas_get_selected (StrataCanvas *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), STRATA_LAYOUT_NONE);

  return self->selected;
}

void
strata_canvas_set_selected (StrataCanvas *self,
                            int           selected)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));

  if (self->selected == selected)
    return;

  self->selected = selected;
  self->reveal_selected = TRUE;
  /* Drawn over the same layout. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  strata_canvas_follow_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), strata_canvas_properties[PROP_SELECTED]);
}

void
strata_canvas_set_selected_range (StrataCanvas *self,
                                  int           first,
                                  int           last)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));
  g_return_if_fail ((first < 0) == (last < 0) && first <= last);

  if (first == last)
    first = last = STRATA_LAYOUT_NONE;
  if (self->range_first == first && self->range_last == last)
    return;
  self->range_first = first;
  self->range_last = last;
  strata_canvas_update_blocks_selected (self);
  /* Drawn over the same layout, as the selection is. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
strata_canvas_get_selected_range (StrataCanvas *self,
                                  int          *first,
                                  int          *last)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), FALSE);

  if (self->range_first == STRATA_LAYOUT_NONE)
    return FALSE;
  if (first != NULL)
    *first = self->range_first;
  if (last != NULL)
    *last = self->range_last;
  return TRUE;
}

/* Options that change sizes choose the rows again, as a new network does. */
static void
options_changed (StrataCanvas *self,
                 guint         prop_id,
                 gboolean      resized)
{
  if (resized)
    {
      self->wrap_for_width = self->wrap_for_height = 0;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), strata_canvas_properties[prop_id]);
}

StrataTheme
strata_canvas_get_theme (StrataCanvas *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), STRATA_THEME_LIGHT);

  return self->options.theme;
}

void
strata_canvas_set_theme (StrataCanvas *self,
                         StrataTheme   theme)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));
  g_return_if_fail (theme <= STRATA_THEME_PRINT);

  if (self->options.theme == theme)
    return;

  self->options.theme = theme;
  options_changed (self, PROP_THEME, FALSE);
}

void
strata_canvas_set_high_contrast (StrataCanvas *self,
                                 gboolean      high_contrast)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));

  high_contrast = !!high_contrast;
  if (self->options.high_contrast == high_contrast)
    return;

  /* Only colours and line widths change: the rows stay. */
  self->options.high_contrast = high_contrast;
  invalidate (self);
}

StrataDiagramStyle
strata_canvas_get_diagram_style (StrataCanvas *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), STRATA_DIAGRAM_STYLE_BLOCKS);

  return self->options.style;
}

void
strata_canvas_set_diagram_style (StrataCanvas       *self,
                                 StrataDiagramStyle  style)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));
  g_return_if_fail (style <= STRATA_DIAGRAM_STYLE_BARS);

  if (self->options.style == style)
    return;

  self->options.style = style;
  self->fit = TRUE;
  options_changed (self, PROP_DIAGRAM_STYLE, TRUE);
}

StrataScaleMode
strata_canvas_get_scale_mode (StrataCanvas *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), STRATA_SCALE_SQRT);

  return self->options.scale;
}

void
strata_canvas_set_scale_mode (StrataCanvas    *self,
                              StrataScaleMode  scale)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));
  g_return_if_fail (scale <= STRATA_SCALE_LOG);

  if (self->options.scale == scale)
    return;

  self->options.scale = scale;
  options_changed (self, PROP_SCALE_MODE, TRUE);
}

void
strata_canvas_set_short_numbers (StrataCanvas *self,
                                 gboolean      short_numbers)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));

  if (self->options.short_numbers == !!short_numbers)
    return;

  self->options.short_numbers = !!short_numbers;
  /* Labels change width, and the columns with them. */
  options_changed (self, PROP_SHORT_NUMBERS, TRUE);
}

void
strata_canvas_set_group_repeats (StrataCanvas *self,
                                 gboolean      group_repeats)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));

  group_repeats = !!group_repeats;
  if (self->options.group_repeats == group_repeats)
    return;

  self->options.group_repeats = group_repeats;
  options_changed (self, PROP_GROUP_REPEATS, TRUE);
}

void
strata_canvas_set_collapse_repeats (StrataCanvas *self,
                                    gboolean      collapse)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));

  collapse = !!collapse;
  if (self->options.collapse_repeats == collapse)
    return;

  self->options.collapse_repeats = collapse;
  options_changed (self, PROP_COLLAPSE_REPEATS, TRUE);
}

void
strata_canvas_set_arrangement (StrataCanvas      *self,
                               StrataArrangement  arrangement)
{
  g_return_if_fail (STRATA_IS_CANVAS (self));
  g_return_if_fail (arrangement <= STRATA_ARRANGEMENT_TOP_TO_BOTTOM);

  if (self->options.arrangement == arrangement)
    return;

  self->options.arrangement = arrangement;
  options_changed (self, PROP_ARRANGEMENT, TRUE);
}

const StrataRenderOptions *
strata_canvas_get_options (StrataCanvas *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), NULL);

  return &self->options;
}

StrataLayout *
strata_canvas_get_layout (StrataCanvas *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), NULL);

  return strata_canvas_ensure_layout (self);
}
