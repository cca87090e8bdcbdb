/* strata-canvas-drawing.c: the canvas's drawing, cached between frames, and the frames over it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "strata-canvas-private.h"

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

void
strata_canvas_release_later (StrataCanvas *self,
                             GPtrArray    *array,
                             gpointer      data)
{
  if (data == NULL)
    return;
  g_ptr_array_add (array, data);
  if (self->release_id == 0)
    self->release_id = g_idle_add_full (G_PRIORITY_LOW, release_cb, self, NULL);
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

static void
clear_cache (StrataCanvas *self)
{
  g_clear_object (&self->cache_texture);
  strata_canvas_release_later (self, self->old_drawings, g_steal_pointer (&self->cache));
  strata_canvas_release_later (self, self->old_layouts, g_steal_pointer (&self->cache_layout));
}

/* Frees the drawing and whatever waits to be freed, now. */
void
strata_canvas_clear_drawings (StrataCanvas *self)
{
  clear_cache (self);
  g_clear_handle_id (&self->release_id, g_source_remove);
  release_cb (self);
  g_clear_pointer (&self->spare, cairo_surface_destroy);
}

/* A surface for a drawing of @width × @height, cleared: the spare one
 * when no texture still shows it. */
static cairo_surface_t *
new_surface (StrataCanvas *self,
             int           width,
             int           height,
             int           scale)
{
  cairo_surface_t *surface;

  if (self->spare != NULL &&
      (cairo_surface_get_reference_count (self->spare) > 1 ||
       cairo_image_surface_get_width (self->spare) != width * scale ||
       cairo_image_surface_get_height (self->spare) != height * scale))
    g_clear_pointer (&self->spare, cairo_surface_destroy);

  if (self->spare != NULL)
    {
      cairo_t *cr;

      surface = g_steal_pointer (&self->spare);
      cr = cairo_create (surface);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_destroy (cr);
      return surface;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_set_device_scale (surface, scale, scale);
  return surface;
}

/* After an edit, the drawing of the layout before with only what the
 * edit changed drawn again, when the layouts tell what that is: drawing
 * the whole view of a large network took longer than a frame. The
 * texture made of the drawing may still be on screen, so the pixels go
 * into a surface of their own. FALSE when all must be drawn. */
static gboolean
update_drawing (StrataCanvas *self,
                int           width,
                int           height,
                int           scale)
{
  cairo_rectangle_t area;
  cairo_surface_t *surface;
  double x1, y1, x2, y2;
  cairo_t *cr;

  if (!strata_layout_get_damage (self->layout, self->cache_layout, &area))
    return FALSE;
  if (area.width <= 0 || area.height <= 0)
    {
      strata_canvas_release_later (self, self->old_layouts, self->cache_layout);
      self->cache_layout = strata_layout_ref (self->layout);
      return TRUE;
    }

  g_clear_object (&self->cache_texture);
  surface = new_surface (self, width, height, scale);
  if (surface == NULL)
    return FALSE;
  cr = cairo_create (surface);
  cairo_set_source_surface (cr, self->cache, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);

  /* The area in whole device pixels, so that what is drawn again
   * within it is what a whole drawing has there. */
  x1 = floor ((self->offset_x + area.x * self->zoom) * scale) / scale;
  y1 = floor ((self->offset_y + area.y * self->zoom) * scale) / scale;
  x2 = ceil ((self->offset_x + (area.x + area.width) * self->zoom) * scale) / scale;
  y2 = ceil ((self->offset_y + (area.y + area.height) * self->zoom) * scale) / scale;
  cairo_rectangle (cr, x1, y1, x2 - x1, y2 - y1);
  cairo_clip (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_translate (cr, self->offset_x, self->offset_y);
  cairo_scale (cr, self->zoom, self->zoom);
  strata_layout_draw_on_screen (self->layout, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  strata_canvas_release_later (self, self->old_drawings, self->cache);
  strata_canvas_release_later (self, self->old_layouts, self->cache_layout);
  self->cache = surface;
  self->cache_layout = strata_layout_ref (self->layout);
  return TRUE;
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
  gboolean same_view;

  same_view = self->cache != NULL && self->cache_zoom == self->zoom &&
              self->cache_x == self->offset_x && self->cache_y == self->offset_y &&
              self->cache_width == width && self->cache_height == height &&
              self->cache_scale == scale;

  if (same_view && self->cache_layout == self->layout)
    return self->cache;
  if (same_view && self->cache_layout != NULL && update_drawing (self, width, height, scale))
    return self->cache;

  clear_cache (self);
  surface = new_surface (self, width, height, scale);
  if (surface == NULL)
    return NULL;
  cr = cairo_create (surface);

  /* The surface covers only the widget, so its clip is what is visible
   * and the renderer skips everything else. */
  cairo_translate (cr, self->offset_x, self->offset_y);
  cairo_scale (cr, self->zoom, self->zoom);
  strata_layout_draw_on_screen (self->layout, cr);
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

typedef struct
{
  StrataCanvas *self;
  GtkSnapshot  *snapshot;
  int           width;
  int           height;
  cairo_t      *cr;
} RangeFrames;

static gboolean
frame_in_range (int                      position,
                const cairo_rectangle_t *bounds,
                gpointer                 user_data)
{
  RangeFrames *frames = user_data;
  StrataCanvas *self = frames->self;

  if (position < self->range_first || position > self->range_last || position == self->selected)
    return TRUE;
  if (frames->cr == NULL)
    {
      frames->cr = gtk_snapshot_append_cairo (frames->snapshot,
                                              &GRAPHENE_RECT_INIT (0, 0, frames->width,
                                                                   frames->height));
      cairo_translate (frames->cr, self->offset_x, self->offset_y);
      cairo_scale (frames->cr, self->zoom, self->zoom);
    }
  strata_render_highlight_path (frames->cr, bounds);
  return TRUE;
}

/* The frame of each layer of the range in view but the selected one's,
 * in one node over the view and painted at once: what is out of view
 * costs only the walk over the layout's columns that finds what is in
 * it. */
static void
append_range (StrataCanvas *self,
              GtkSnapshot  *snapshot,
              int           width,
              int           height)
{
  /* Grown by the frame's reach past a block's bounds. */
  double pad = 8;
  cairo_rectangle_t view = {
    -self->offset_x / self->zoom - pad, -self->offset_y / self->zoom - pad,
    width / self->zoom + 2 * pad, height / self->zoom + 2 * pad,
  };
  RangeFrames frames = { self, snapshot, width, height, NULL };

  strata_layout_foreach_item_in (self->layout, &view, frame_in_range, &frames);
  if (frames.cr != NULL)
    {
      GdkRGBA accent;

      get_accent (self, &accent);
      strata_render_paint_highlights (frames.cr, accent.red, accent.green, accent.blue);
      cairo_destroy (frames.cr);
    }
}

void
strata_canvas_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  StrataCanvas *self = STRATA_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_rectangle_t bounds;
  cairo_surface_t *drawing;

  if (strata_canvas_ensure_layout (self) == NULL || width <= 0 || height <= 0)
    return;

  if (self->fit)
    strata_canvas_apply_fit (self);
  else
    {
      if (self->reveal_selected)
        strata_canvas_reveal_selected (self);
      strata_canvas_clamp_offsets (self);
    }
  self->reveal_selected = FALSE;
  strata_canvas_check_blocks (self);

  /* Print is black on white: paper, whatever the window's style. */
  if (self->options.theme == STRATA_THEME_PRINT)
    gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 },
                               &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Under the drawing, which has no background, as the renderer puts it. */
  if (self->range_first != STRATA_LAYOUT_NONE && self->zoom > 0)
    append_range (self, snapshot, width, height);
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
