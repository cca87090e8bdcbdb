/* strata-canvas.c: the network drawn by the shared renderer, with zoom, pan and selection. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "strata-canvas.h"

#define ZOOM_MIN 0.05
#define ZOOM_MAX 8.0
/* Fitting never magnifies past this: a three-layer network stays readable
 * rather than filling a large screen with two blocks. */
#define FIT_MAX 2.0
#define ZOOM_STEP 1.25
#define MARGIN 24.0
/* Pixels a mouse wheel notch pans. */
#define WHEEL_PAN 48.0
/* A press that moves less than this is a click, not a drag. */
#define DRAG_THRESHOLD 4.0
/* Long networks wrap into rows, so that a VGG fills the canvas instead of
 * one thin row; rows are never narrower than this. */
#define MIN_WRAP_WIDTH 480.0
/* Past this many layers only the canvas width is tried as a wrap width:
 * each try is a full layout. */
#define MAX_WRAP_TRIES_LAYERS 200

struct _StrataCanvas
{
  GtkWidget            parent_instance;

  StrataNetwork       *network;
  StrataLayout        *layout;
  /* The network or the options changed since the layout was built. The
   * next frame builds a new one, once however many changes came; until
   * then pointer events hit-test the old one. */
  gboolean             layout_stale;
  /* options.selected stays STRATA_LAYOUT_NONE: the canvas draws the
   * selection itself, so that selecting needs no new layout. */
  StrataRenderOptions  options;
  int                  selected;

  /* The drawing as last painted, reused while neither the layout nor the
   * view changes: hovering and selecting then draw only their frames. A
   * GL renderer gets it as a texture, which it uploads once; the cairo
   * renderer as a cairo node, which it skips where nothing changed
   * (it would copy a texture's pixels on every frame of the window). */
  cairo_surface_t     *cache;
  GdkTexture          *cache_texture;
  StrataLayout        *cache_layout;
  double               cache_zoom;
  double               cache_x;
  double               cache_y;
  int                  cache_width;
  int                  cache_height;
  int                  cache_scale;

  /* Layouts and drawings replaced during a frame, freed after it: freeing
   * thousands of text layouts and megabytes of pixels costs milliseconds
   * that the frame showing an edit does not need to wait for. */
  GPtrArray           *old_layouts;
  GPtrArray           *old_drawings;
  guint                release_id;
  /* An old drawing nothing else holds, to draw the next one in: a new
   * surface of this size costs a page fault every 4 kB. */
  cairo_surface_t     *spare;

  double               zoom;
  double               offset_x;
  double               offset_y;
  gboolean             fit;
  gboolean             reveal_selected;
  guint                notify_zoom_id;
  /* The size the wrap width was chosen for; 0 to choose again. */
  int                  wrap_for_width;
  int                  wrap_for_height;

  int                  hover;
  double               pointer_x;
  double               pointer_y;
  double               drag_start_x;
  double               drag_start_y;
  gboolean             dragging;
};

G_DEFINE_FINAL_TYPE (StrataCanvas, strata_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_SELECTED,
  PROP_THEME,
  PROP_DIAGRAM_STYLE,
  PROP_SCALE_MODE,
  PROP_ZOOM,
  N_PROPS
};

enum {
  LAYER_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
release_cb (gpointer data)
{
  StrataCanvas *self = data;

  self->release_id = 0;
  g_ptr_array_set_size (self->old_layouts, 0);
  for (guint i = 0; i < self->old_drawings->len; i++)
    {
      cairo_surface_t *surface = g_ptr_array_index (self->old_drawings, i);

      if (self->spare == NULL && cairo_surface_get_reference_count (surface) == 1)
        self->spare = cairo_surface_reference (surface);
    }
  g_ptr_array_set_size (self->old_drawings, 0);
  return G_SOURCE_REMOVE;
}

static void
release_later (StrataCanvas *self,
               GPtrArray    *array,
               gpointer      data)
{
  if (data == NULL)
    return;
  g_ptr_array_add (array, data);
  if (self->release_id == 0)
    self->release_id = g_idle_add_full (G_PRIORITY_LOW, release_cb, self, NULL);
}

static void
invalidate (StrataCanvas *self)
{
  self->layout_stale = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  invalidate (self);
}

/* The title shows the name and total parameters, the first block the
 * input; the other totals are not drawn. */
static void
network_notify_cb (StrataCanvas  *self,
                   GParamSpec    *pspec,
                   StrataNetwork *network)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "name") || g_str_equal (name, "params") ||
      g_str_has_prefix (name, "input-"))
    invalidate (self);
}

static void
items_changed_cb (StrataCanvas *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *model)
{
  invalidate (self);
}

static gboolean
notify_zoom_cb (gpointer data)
{
  StrataCanvas *self = data;

  self->notify_zoom_id = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
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

static StrataLayout *
ensure_layout (StrataCanvas *self)
{
  if (self->network == NULL)
    g_clear_pointer (&self->layout, strata_layout_unref);
  else if (self->layout == NULL || self->layout_stale)
    {
      release_later (self, self->old_layouts, g_steal_pointer (&self->layout));
      self->layout = strata_layout_new (self->network, &self->options);
    }
  self->layout_stale = FALSE;
  return self->layout;
}

/* For pointer events: the layout on screen, even if a newer one is due. */
static StrataLayout *
shown_layout (StrataCanvas *self)
{
  if (self->layout != NULL && self->network != NULL)
    return self->layout;
  return ensure_layout (self);
}

/* The accent of the style, so that the selection follows high contrast
 * and dark styles as the list's selection does; black on paper. */
static void
get_accent (StrataCanvas *self,
            GdkRGBA      *accent)
{
  if (self->options.theme == STRATA_THEME_PRINT)
    {
      *accent = (GdkRGBA) { 0, 0, 0, 1 };
      return;
    }
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                       "accent_color", accent))
    *accent = (GdkRGBA) { 0.208, 0.518, 0.894, 1 };
}

/* The frame the renderer draws around a selected layer, in the accent colour. */
static void
draw_selection (StrataCanvas            *self,
                cairo_t                 *cr,
                const cairo_rectangle_t *r)
{
  GdkRGBA accent;

  get_accent (self, &accent);
  strata_render_draw_highlight (cr, r, accent.red, accent.green, accent.blue);
}

/* Keeps the drawing on screen: centred along an axis where it fits,
 * otherwise never scrolled past its edges. */
static void
clamp_offsets (StrataCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double layout_width = 0, layout_height = 0;
  double content_width, content_height;

  if (ensure_layout (self) == NULL)
    return;

  strata_layout_get_size (self->layout, &layout_width, &layout_height);
  content_width = layout_width * self->zoom;
  content_height = layout_height * self->zoom;

  if (content_width + 2 * MARGIN <= width)
    self->offset_x = (width - content_width) / 2;
  else
    self->offset_x = CLAMP (self->offset_x, width - content_width - MARGIN, MARGIN);

  if (content_height + 2 * MARGIN <= height)
    self->offset_y = (height - content_height) / 2;
  else
    self->offset_y = CLAMP (self->offset_y, height - content_height - MARGIN, MARGIN);
}

static void
apply_fit (StrataCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double layout_width = 0, layout_height = 0;

  if (ensure_layout (self) == NULL || width <= 0 || height <= 0)
    return;

  strata_layout_get_size (self->layout, &layout_width, &layout_height);
  if (layout_width > 0 && layout_height > 0)
    set_zoom_value (self, MIN (FIT_MAX, MIN ((width - 2 * MARGIN) / layout_width,
                                             (height - 2 * MARGIN) / layout_height)));
  clamp_offsets (self);
}

/* Scrolls just enough to show the selected layer whole. */
static void
reveal_selected (StrataCanvas *self)
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
  else if (y1 > height - MARGIN)
    self->offset_y -= MIN (y1 - (height - MARGIN), y0 - MARGIN);
}

static void
clear_cache (StrataCanvas *self)
{
  g_clear_object (&self->cache_texture);
  release_later (self, self->old_drawings, g_steal_pointer (&self->cache));
  release_later (self, self->old_layouts, g_steal_pointer (&self->cache_layout));
}

/* The visible part of the drawing at the current zoom and offsets, in a
 * surface of the widget's size in device pixels. */
static cairo_surface_t *
get_drawing (StrataCanvas *self,
             int           width,
             int           height)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  cairo_surface_t *surface;
  cairo_t *cr;

  if (self->cache != NULL && self->cache_layout == self->layout &&
      self->cache_zoom == self->zoom && self->cache_x == self->offset_x &&
      self->cache_y == self->offset_y && self->cache_width == width &&
      self->cache_height == height && self->cache_scale == scale)
    return self->cache;

  clear_cache (self);
  if (self->spare != NULL &&
      (cairo_surface_get_reference_count (self->spare) > 1 ||
       cairo_image_surface_get_width (self->spare) != width * scale ||
       cairo_image_surface_get_height (self->spare) != height * scale))
    g_clear_pointer (&self->spare, cairo_surface_destroy);

  if (self->spare != NULL)
    {
      surface = g_steal_pointer (&self->spare);
      cr = cairo_create (surface);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
    }
  else
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        {
          cairo_surface_destroy (surface);
          return NULL;
        }
      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
    }

  /* The surface covers only the widget, so its clip is what is visible
   * and the renderer skips everything else. */
  cairo_translate (cr, self->offset_x, self->offset_y);
  cairo_scale (cr, self->zoom, self->zoom);
  strata_layout_draw (self->layout, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  self->cache = surface;
  self->cache_layout = strata_layout_ref (self->layout);
  self->cache_zoom = self->zoom;
  self->cache_x = self->offset_x;
  self->cache_y = self->offset_y;
  self->cache_width = width;
  self->cache_height = height;
  self->cache_scale = scale;
  return self->cache;
}

/* The cached drawing as a texture sharing its pixels; cairo's ARGB32 is
 * GDK_MEMORY_DEFAULT. */
static GdkTexture *
get_drawing_texture (StrataCanvas *self)
{
  g_autoptr(GBytes) bytes = NULL;
  int stride;

  if (self->cache_texture != NULL)
    return self->cache_texture;

  stride = cairo_image_surface_get_stride (self->cache);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (self->cache),
                                      (gsize) stride * cairo_image_surface_get_height (self->cache),
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (self->cache));
  self->cache_texture = gdk_memory_texture_new (cairo_image_surface_get_width (self->cache),
                                                cairo_image_surface_get_height (self->cache),
                                                GDK_MEMORY_DEFAULT, bytes, stride);
  return self->cache_texture;
}

/* A cairo node just large enough for a frame around @bounds (layout
 * points) grown by @pad points, set up to draw in layout points. */
static cairo_t *
append_frame_node (StrataCanvas            *self,
                   GtkSnapshot             *snapshot,
                   const cairo_rectangle_t *bounds,
                   double                   pad)
{
  graphene_rect_t area;
  cairo_t *cr;

  area.origin.x = floor (self->offset_x + (bounds->x - pad) * self->zoom);
  area.origin.y = floor (self->offset_y + (bounds->y - pad) * self->zoom);
  area.size.width = ceil ((bounds->width + 2 * pad) * self->zoom) + 2;
  area.size.height = ceil ((bounds->height + 2 * pad) * self->zoom) + 2;

  cr = gtk_snapshot_append_cairo (snapshot, &area);
  cairo_translate (cr, self->offset_x, self->offset_y);
  cairo_scale (cr, self->zoom, self->zoom);
  return cr;
}

static void
strata_canvas_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  StrataCanvas *self = STRATA_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_rectangle_t bounds;
  cairo_surface_t *drawing;

  if (ensure_layout (self) == NULL || width <= 0 || height <= 0)
    return;

  if (self->fit)
    apply_fit (self);
  else
    {
      if (self->reveal_selected)
        reveal_selected (self);
      clamp_offsets (self);
    }
  self->reveal_selected = FALSE;

  /* Print is black on white: paper, whatever the window's style. */
  if (self->options.theme == STRATA_THEME_PRINT)
    gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 },
                               &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Under the drawing, which has no background, as the renderer puts it. */
  if (self->selected != STRATA_LAYOUT_NONE &&
      strata_layout_get_item_bounds (self->layout, self->selected, &bounds))
    {
      cairo_t *cr = append_frame_node (self, snapshot, &bounds, 8);

      draw_selection (self, cr, &bounds);
      cairo_destroy (cr);
    }

  drawing = get_drawing (self, width, height);
  if (drawing != NULL)
    {
      GtkNative *native = gtk_widget_get_native (widget);
      GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

      if (renderer != NULL && !GSK_IS_CAIRO_RENDERER (renderer))
        gtk_snapshot_append_texture (snapshot, get_drawing_texture (self),
                                     &GRAPHENE_RECT_INIT (0, 0, width, height));
      else
        {
          cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                                   &GRAPHENE_RECT_INIT (0, 0, width, height));

          cairo_set_source_surface (cr, drawing, 0, 0);
          cairo_paint (cr);
          cairo_destroy (cr);
        }
    }

  if (self->hover != STRATA_LAYOUT_NONE && self->hover != self->selected &&
      strata_layout_get_item_bounds (self->layout, self->hover, &bounds))
    {
      double pad = 4 / self->zoom;
      cairo_t *cr = append_frame_node (self, snapshot, &bounds, pad + 1 / self->zoom);
      GdkRGBA accent;

      get_accent (self, &accent);
      cairo_rectangle (cr, bounds.x - pad, bounds.y - pad,
                       bounds.width + 2 * pad, bounds.height + 2 * pad);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.12);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.6);
      cairo_set_line_width (cr, 1.0 / self->zoom);
      cairo_stroke (cr);
      cairo_destroy (cr);
    }
}

/* The row width whose layout fits the canvas at the largest zoom. Chosen
 * when the canvas or the network changes, not on every edit, so that
 * rows do not jump about while the user types. */
static double
choose_wrap_width (StrataCanvas *self,
                   double        width,
                   double        height)
{
  static const double factors[] = { 1.0, 1.5, 2.0, 3.0, 0.0 };
  StrataRenderOptions options = self->options;
  double best_width = MAX (width - 2 * MARGIN, MIN_WRAP_WIDTH);
  double best_zoom = 0;

  if (self->network == NULL || width <= 0 || height <= 0 ||
      strata_network_get_n_layers (self->network) > MAX_WRAP_TRIES_LAYERS)
    return best_width;

  for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
    {
      g_autoptr(StrataLayout) layout = NULL;
      double layout_width = 0, layout_height = 0, zoom;

      options.max_width = factors[i] > 0 ? MAX ((width - 2 * MARGIN) * factors[i],
                                                MIN_WRAP_WIDTH)
                                         : 0;
      layout = strata_layout_new (self->network, &options);
      strata_layout_get_size (layout, &layout_width, &layout_height);
      if (layout_width <= 0 || layout_height <= 0)
        continue;
      zoom = MIN ((width - 2 * MARGIN) / layout_width, (height - 2 * MARGIN) / layout_height);
      /* A clear gain only: otherwise the narrower, earlier candidate stays. */
      if (zoom > best_zoom * 1.05)
        {
          best_zoom = zoom;
          best_width = options.max_width;
        }
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
      double wrap = choose_wrap_width (self, width, height);

      self->wrap_for_width = width;
      self->wrap_for_height = height;
      if (self->options.max_width != wrap)
        {
          self->options.max_width = wrap;
          invalidate (self);
        }
    }
  if (self->fit)
    apply_fit (self);
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

static char *
describe_layer (StrataLayer *layer)
{
  const StrataShape *shape = strata_layer_get_output_shape (layer);
  const char *formula = strata_layer_get_formula (layer);
  const char *error = strata_layer_get_error (layer);
  g_autofree char *shape_text = NULL;
  g_autofree char *params = NULL;
  GString *text = g_string_new (NULL);
  g_autofree char *title = NULL;

  title = g_markup_printf_escaped ("<b>%s</b> — %s",
                                   strata_layer_get_display_name (layer),
                                   _(strata_layer_get_kind_info (layer)->label));
  g_string_append (text, title);

  if (shape != NULL)
    {
      g_autofree char *line = NULL;

      shape_text = strata_shape_to_string (shape);
      params = strata_format_count (strata_layer_get_params_count (layer));
      /* Translators: in the canvas tooltip */
      line = g_markup_printf_escaped (_("\nOutput: %s\nParameters: %s"), shape_text, params);
      g_string_append (text, line);
      if (formula != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (formula, -1);

          g_string_append_printf (text, "\n<tt>%s</tt>", escaped);
        }
    }
  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error, -1);

      g_string_append_printf (text, "\n%s", escaped);
    }

  return g_string_free (text, FALSE);
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
  g_autofree char *markup = NULL;
  cairo_rectangle_t bounds;

  if (hit == STRATA_LAYOUT_NONE || self->network == NULL)
    return FALSE;

  if (hit == STRATA_LAYOUT_INPUT)
    {
      g_autofree char *shape = strata_shape_to_string (strata_network_get_input_shape (self->network));

      /* Translators: the canvas tooltip of the input block */
      markup = g_markup_printf_escaped (_("<b>Input</b>\n%s"), shape);
    }
  else
    {
      StrataLayer *layer = strata_network_get_layer (self->network, hit);

      if (layer == NULL)
        return FALSE;
      markup = describe_layer (layer);
    }

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
      (dx == 0 && layout_height * self->zoom + 2 * MARGIN <= gtk_widget_get_height (GTK_WIDGET (self))))
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
    g_signal_emit (self, signals[LAYER_ACTIVATED], 0, hit_test (self, x, y));
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
  g_signal_emit (self, signals[LAYER_ACTIVATED], 0, next);
}

static void
strata_canvas_dispose (GObject *object)
{
  StrataCanvas *self = STRATA_CANVAS (object);

  strata_canvas_set_network (self, NULL);
  g_clear_pointer (&self->layout, strata_layout_unref);
  clear_cache (self);
  g_clear_handle_id (&self->release_id, g_source_remove);
  release_cb (self);
  g_clear_pointer (&self->spare, cairo_surface_destroy);
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
  widget_class->measure = strata_canvas_measure;
  widget_class->query_tooltip = strata_canvas_query_tooltip;

  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, STRATA_TYPE_NETWORK, rw);
  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, STRATA_LAYOUT_NONE, G_MAXINT,
                      STRATA_LAYOUT_NONE, rw);
  properties[PROP_THEME] =
    g_param_spec_int ("theme", NULL, NULL, STRATA_THEME_LIGHT, STRATA_THEME_PRINT,
                      STRATA_THEME_LIGHT, rw);
  properties[PROP_DIAGRAM_STYLE] =
    g_param_spec_int ("diagram-style", NULL, NULL, STRATA_DIAGRAM_STYLE_BLOCKS,
                      STRATA_DIAGRAM_STYLE_BARS, STRATA_DIAGRAM_STYLE_BLOCKS, rw);
  properties[PROP_SCALE_MODE] =
    g_param_spec_int ("scale-mode", NULL, NULL, STRATA_SCALE_LINEAR, STRATA_SCALE_LOG,
                      STRATA_SCALE_SQRT, rw);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StrataCanvas::layer-activated:
   * @position: the layer clicked, STRATA_LAYOUT_INPUT or STRATA_LAYOUT_NONE
   *
   * The user clicked the drawing (or stepped with the arrow keys).
   */
  signals[LAYER_ACTIVATED] =
    g_signal_new ("layer-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "canvas.step", "i", step_selection);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "canvas.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "canvas.step", "i", 1);

  gtk_widget_class_set_css_name (widget_class, "canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
strata_canvas_init (StrataCanvas *self)
{
  GtkEventController *motion;
  GtkEventController *scroll;
  GtkGesture *drag;

  self->old_layouts = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_layout_unref);
  self->old_drawings = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  strata_render_options_init (&self->options);
  /* The widget's own background shows through, as the style gives it. */
  self->options.transparent = TRUE;
  self->options.selected = STRATA_LAYOUT_NONE;
  self->selected = STRATA_LAYOUT_NONE;
  self->zoom = 1.0;
  self->fit = TRUE;
  self->hover = STRATA_LAYOUT_NONE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Network diagram"),
                                  -1);

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
    g_signal_handlers_disconnect_by_data (self->network, self);
  g_set_object (&self->network, network);
  if (network != NULL)
    {
      g_signal_connect_object (network, "items-changed", G_CALLBACK (items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (network, "layer-changed", G_CALLBACK (layer_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (network, "notify", G_CALLBACK (network_notify_cb), self,
                               G_CONNECT_SWAPPED);
    }

  self->selected = STRATA_LAYOUT_NONE;
  self->hover = STRATA_LAYOUT_NONE;
  self->fit = TRUE;
  self->wrap_for_width = self->wrap_for_height = 0;
  invalidate (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
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

const StrataRenderOptions *
strata_canvas_get_options (StrataCanvas *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), NULL);

  return &self->options;
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
  apply_fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

StrataLayout *
strata_canvas_get_layout (StrataCanvas *self)
{
  g_return_val_if_fail (STRATA_IS_CANVAS (self), NULL);

  return ensure_layout (self);
}
