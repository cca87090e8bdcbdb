/* strata-export-png.c: a diagram as a PNG of any size, drawn in strips and written row by row. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <png.h>

#include "strata-export-private.h"
#include "strata-layout-private.h"

/* cairo's image surfaces stop at 32767 pixels a side, so a larger image
 * is drawn in tiles of at most this size and its rows are handed to
 * libpng one at a time: the whole image is never in memory, only a strip
 * of at most STRIP_PIXELS. */
#define TILE_SIDE 32767
#define STRIP_PIXELS (16 * 1024 * 1024)

double
strata_export_png_dpi (double width,
                       double height,
                       double dpi)
{
  double fit = dpi;

  if (width <= 0 || height <= 0)
    return dpi;
  fit = MIN (fit, 72.0 * STRATA_PNG_MAX_SIDE / width);
  fit = MIN (fit, 72.0 * STRATA_PNG_MAX_SIDE / height);
  fit = MIN (fit, 72.0 * sqrt (STRATA_PNG_MAX_PIXELS / (width * height)));
  /* The sides round up to whole pixels: a millionth less until the image
   * fits, which a side of a pixel more takes a few steps to undo. */
  while (fit < dpi &&
         (ceil (width * fit / 72) > STRATA_PNG_MAX_SIDE ||
          ceil (height * fit / 72) > STRATA_PNG_MAX_SIDE ||
          ceil (width * fit / 72) * ceil (height * fit / 72) > STRATA_PNG_MAX_PIXELS))
    fit *= 1 - 1e-6;
  return fit;
}

typedef struct
{
  GByteArray *data;
  char       *message;
} PngWrite;

static void
write_cb (png_structp  png,
          png_bytep    data,
          png_size_t   length)
{
  PngWrite *write = png_get_io_ptr (png);

  g_byte_array_append (write->data, data, length);
}

static void
flush_cb (png_structp png)
{
}

static void
error_cb (png_structp     png,
          png_const_charp message)
{
  PngWrite *write = png_get_error_ptr (png);

  write->message = g_strdup (message);
  png_longjmp (png, 1);
}

static void
warning_cb (png_structp     png,
            png_const_charp message)
{
}

/* Row @y of @tile into @out: cairo's premultiplied native-endian ARGB as
 * PNG's straight RGBA, or RGB when @channels is 3. */
static void
unpremultiply_row (cairo_surface_t *tile,
                   int              y,
                   guint            channels,
                   guint8          *out)
{
  const guint32 *pixels = (const guint32 *) (cairo_image_surface_get_data (tile) +
                                             (gsize) y * cairo_image_surface_get_stride (tile));
  int width = cairo_image_surface_get_width (tile);

  for (int x = 0; x < width; x++, out += channels)
    {
      guint32 p = pixels[x];
      guint a = p >> 24;

      if (a == 0)
        memset (out, 0, channels);
      else if (a == 0xFF)
        {
          /* Every pixel of an opaque drawing: no division. */
          out[0] = p >> 16;
          out[1] = p >> 8;
          out[2] = p;
          if (channels == 4)
            out[3] = a;
        }
      else
        {
          out[0] = (((p >> 16) & 0xFF) * 255 + a / 2) / a;
          out[1] = (((p >> 8) & 0xFF) * 255 + a / 2) / a;
          out[2] = ((p & 0xFF) * 255 + a / 2) / a;
          if (channels == 4)
            out[3] = a;
        }
    }
}

/* Draws the strip of @rows rows from @top into @tiles, side by side. */
static cairo_status_t
draw_strip (StrataExportDrawFunc  draw,
            gpointer              user_data,
            double                scale,
            cairo_surface_t **tiles,
            guint             n_tiles,
            int               top,
            int               rows)
{
  for (guint t = 0; t < n_tiles; t++)
    {
      cairo_t *cr = cairo_create (tiles[t]);
      cairo_status_t status;

      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      /* The rows below the last of the image stay clear; the clip makes
       * the layout skip all it draws outside the strip. */
      cairo_rectangle (cr, 0, 0, cairo_image_surface_get_width (tiles[t]), rows);
      cairo_clip (cr);
      cairo_translate (cr, -(double) t * TILE_SIDE, -(double) top);
      cairo_scale (cr, scale, scale);
      draw (cr, user_data);
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_flush (tiles[t]);
      if (status != CAIRO_STATUS_SUCCESS)
        return status;
    }
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
strata_export_render_png_drawing (double                width,
                                  double                height,
                                  gboolean              transparent,
                                  double                dpi,
                                  StrataExportDrawFunc  draw,
                                  gpointer              user_data,
                                  GCancellable         *cancellable,
                                  StrataExportProgress *progress,
                                  double               *used_dpi,
                                  GError              **error)
{
  PngWrite write = { g_byte_array_new (), NULL };
  double fit_dpi, scale;
  int pixels_w, pixels_h, strip_rows;
  guint n_tiles;
  /* An opaque drawing (its background painted) as RGB, a quarter
   * smaller, as cairo writes it. */
  guint channels = transparent ? 4 : 3;
  cairo_surface_t **tiles;
  /* Volatile: read after libpng's longjmp. */
  volatile cairo_status_t status = CAIRO_STATUS_SUCCESS;
  volatile gboolean cancelled = FALSE;
  guint8 *row;
  png_structp png;
  png_infop info;
  guint32 ppm;

  fit_dpi = strata_export_png_dpi (width, height, dpi);
  scale = fit_dpi / 72.0;
  /* Multiplied first: 960 pt at 300 DPI is 4000 pixels, where times
   * 300 / 72 rounds a hair above and would add one. */
  pixels_w = MAX ((int) ceil (width * fit_dpi / 72.0), 1);
  pixels_h = MAX ((int) ceil (height * fit_dpi / 72.0), 1);
  strip_rows = CLAMP (STRIP_PIXELS / pixels_w, 1, MIN (pixels_h, TILE_SIDE));
  n_tiles = (pixels_w + TILE_SIDE - 1) / TILE_SIDE;

  tiles = g_new0 (cairo_surface_t *, n_tiles);
  for (guint t = 0; t < n_tiles; t++)
    {
      tiles[t] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                             MIN (TILE_SIDE, pixels_w - (int) t * TILE_SIDE),
                                             strip_rows);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (tiles[t]);
    }
  row = g_malloc ((gsize) pixels_w * channels);

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &write, error_cb, warning_cb);
  info = png != NULL ? png_create_info_struct (png) : NULL;
  if (status == CAIRO_STATUS_SUCCESS && info != NULL && setjmp (png_jmpbuf (png)) == 0)
    {
      png_set_write_fn (png, &write, write_cb, flush_cb);
      png_set_IHDR (png, info, pixels_w, pixels_h, 8,
                    channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
      /* The DPI the image was made for, so that viewers and word
       * processors show it at the drawing's size. */
      ppm = (guint32) lround (fit_dpi / 0.0254);
      png_set_pHYs (png, info, ppm, ppm, PNG_RESOLUTION_METER);
      png_write_info (png, info);

      for (int top = 0; top < pixels_h && status == CAIRO_STATUS_SUCCESS; top += strip_rows)
        {
          int rows = MIN (strip_rows, pixels_h - top);

          /* Half an image is no use to anyone. */
          if (g_cancellable_is_cancelled (cancellable))
            {
              cancelled = TRUE;
              break;
            }
          status = draw_strip (draw, user_data, scale, tiles, n_tiles, top, rows);
          for (int y = 0; y < rows && status == CAIRO_STATUS_SUCCESS; y++)
            {
              for (guint t = 0; t < n_tiles; t++)
                unpremultiply_row (tiles[t], y, channels, row + (gsize) t * TILE_SIDE * channels);
              png_write_row (png, row);
              /* Row by row: compressing the rows is most of a strip's
               * time, its drawing a tenth. */
              strata_export_progress_report (progress, top + y + 1, pixels_h);
            }
        }
      if (status == CAIRO_STATUS_SUCCESS && !cancelled)
        png_write_end (png, info);
    }
  else if (status == CAIRO_STATUS_SUCCESS && write.message == NULL)
    write.message = g_strdup (_("out of memory"));

  png_destroy_write_struct (&png, &info);
  g_free (row);
  for (guint t = 0; t < n_tiles; t++)
    cairo_surface_destroy (tiles[t]);
  g_free (tiles);

  if (cancelled)
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      g_free (write.message);
      g_byte_array_unref (write.data);
      return NULL;
    }
  if (status != CAIRO_STATUS_SUCCESS || write.message != NULL)
    {
      g_set_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_WRITE,
                   _("Could not draw the diagram: %s"),
                   write.message != NULL ? write.message : cairo_status_to_string (status));
      g_free (write.message);
      g_byte_array_unref (write.data);
      return NULL;
    }
  if (used_dpi != NULL)
    *used_dpi = fit_dpi;
  return g_byte_array_free_to_bytes (write.data);
}
