/* test-export.c: exported SVG, PNG and PDF files are valid, complete and written atomically. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <zlib.h>
#include <png.h>

#include "strata-export.h"
#include "strata-layout-private.h"
#include "test-render-networks.h"
#include "test-svg-scan.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("strata-export-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      if (g_unlink (path) != 0)
        g_rmdir (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_format_from_path (void)
{
  g_autoptr(GError) error = NULL;
  StrataExportFormat format;

  g_assert_true (strata_export_format_from_path ("a.png", &format, NULL));
  g_assert_cmpint (format, ==, STRATA_EXPORT_FORMAT_PNG);
  g_assert_true (strata_export_format_from_path ("dir.pdf/b.SVG", &format, NULL));
  g_assert_cmpint (format, ==, STRATA_EXPORT_FORMAT_SVG);
  g_assert_true (strata_export_format_from_path ("/tmp/x.y.Pdf", &format, NULL));
  g_assert_cmpint (format, ==, STRATA_EXPORT_FORMAT_PDF);

  g_assert_false (strata_export_format_from_path ("picture.jpg", &format, &error));
  g_assert_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "picture.jpg"));
  g_clear_error (&error);
  g_assert_false (strata_export_format_from_path ("png", &format, &error));
  g_assert_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (strata_export_format_from_path ("dir.png/noext", &format, &error));
  g_assert_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_FORMAT);
}

static void
test_svg (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(StrataLayout) layout = strata_layout_new (network, NULL);
  g_autofree char *path = g_build_filename (f->dir, "lecture.svg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *width = NULL;
  g_autofree char *height = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "Input", "conv1", "pool1", "conv2", "pool2", "fc1", "fc2", "fc3" };
  double w, h;
  gsize length;
  SvgScan scan;

  g_assert_true (strata_export_to_file (network, NULL, STRATA_EXPORT_FORMAT_SVG, 72, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);

  scan_svg (contents, length, &scan);
  g_assert_cmpuint (scan.n_svg, ==, 1);
  g_assert_cmpuint (scan.n_blocks, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (scan.names, i), ==, expected[i]);
  g_assert_cmpstr (scan.title->str, ==, "Lecture example");

  /* The page is the layout's size, in points. */
  strata_layout_get_size (layout, &w, &h);
  width = g_strdup_printf ("%gpt", w);
  height = g_strdup_printf ("%gpt", h);
  g_assert_cmpstr (scan.width, ==, width);
  g_assert_cmpstr (scan.height, ==, height);
  scan_clear (&scan);

  g_assert_cmpuint (count_files (f->dir), ==, 1);
}

/* Branching networks export in every format and style; their merges and
 * the blocks in their lanes are in the SVG's metadata as blocks are. */
static void
test_branches (void)
{
  StrataNetwork *networks[] = {
    test_resnet_network (),
    test_inception_network (),
    test_unet_network (),
    test_broken_merge_network (),
  };
  const guint n_blocks[] = { 11, 10, 25, 6 };
  const char *names[][2] = {
    { "add1", "proj" }, { "concat", "1×1" }, { "concat1", "up2" }, { "sum", "side" },
  };

  for (guint n = 0; n < G_N_ELEMENTS (networks); n++)
    {
      for (StrataDiagramStyle s = STRATA_DIAGRAM_STYLE_BLOCKS; s <= STRATA_DIAGRAM_STYLE_BARS; s++)
        for (StrataExportFormat format = STRATA_EXPORT_FORMAT_PNG;
             format <= STRATA_EXPORT_FORMAT_PDF; format++)
          {
            g_autoptr(GBytes) bytes = NULL;
            g_autoptr(GError) error = NULL;
            StrataRenderOptions options;

            strata_render_options_init (&options);
            options.style = s;
            options.max_width = 1280;
            bytes = strata_export_to_bytes (networks[n], &options, format, 72, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);

            if (format == STRATA_EXPORT_FORMAT_SVG)
              {
                gsize length;
                const char *contents = g_bytes_get_data (bytes, &length);
                SvgScan scan;

                scan_svg (contents, length, &scan);
                /* The bars style has a row for each layer and the input. */
                g_assert_cmpuint (scan.n_blocks, ==,
                                  s == STRATA_DIAGRAM_STYLE_BARS
                                    ? strata_network_get_n_layers (networks[n]) + 1
                                    : n_blocks[n]);
                g_assert_true (has_name (&scan, names[n][0]));
                g_assert_true (has_name (&scan, names[n][1]));
                scan_clear (&scan);
              }
          }
      g_object_unref (networks[n]);
    }
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Walks the chunks, checking every CRC; returns the pixels per metre of
 * the pHYs chunk (0 when there is none) and the size from IHDR. */
static guint32
read_png (const guint8 *data,
          gsize         length,
          guint32      *width,
          guint32      *height,
          guint        *n_phys)
{
  static const guint8 signature[8] = { 137, 'P', 'N', 'G', '\r', '\n', 26, '\n' };
  guint32 ppm = 0;
  gboolean seen_idat = FALSE, seen_end = FALSE;
  gsize offset = 8;

  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (data, 8, signature, 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  *width = be32 (data + 16);
  *height = be32 (data + 20);
  *n_phys = 0;

  while (offset + 12 <= length)
    {
      guint32 chunk_length = be32 (data + offset);
      const guint8 *type = data + offset + 4;

      g_assert_cmpuint (offset + 12 + chunk_length, <=, length);
      g_assert_cmphex (be32 (type + 4 + chunk_length), ==, (guint32) crc32 (0, type, 4 + chunk_length));
      if (memcmp (type, "pHYs", 4) == 0)
        {
          g_assert_cmpuint (chunk_length, ==, 9);
          g_assert_false (seen_idat); /* it must come before the image data */
          ppm = be32 (type + 4);
          g_assert_cmpuint (be32 (type + 8), ==, ppm);
          g_assert_cmpuint (type[12], ==, 1);
          (*n_phys)++;
        }
      else if (memcmp (type, "IDAT", 4) == 0)
        seen_idat = TRUE;
      else if (memcmp (type, "IEND", 4) == 0)
        seen_end = TRUE;
      offset += 12 + chunk_length;
    }
  g_assert_cmpuint (offset, ==, length);
  g_assert_true (seen_idat);
  g_assert_true (seen_end);
  return ppm;
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(StrataLayout) layout = strata_layout_new (network, NULL);
  g_autofree char *path = g_build_filename (f->dir, "lecture.png", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  guint32 width, height, ppm;
  guint n_phys;
  double w, h;
  gsize length;

  g_assert_true (strata_export_to_file (network, NULL, STRATA_EXPORT_FORMAT_PNG, 144, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));

  strata_layout_get_size (layout, &w, &h);
  ppm = read_png ((const guint8 *) contents, length, &width, &height, &n_phys);
  g_assert_cmpuint (n_phys, ==, 1);
  g_assert_cmpuint (width, ==, (guint32) ceil (w * 2));
  g_assert_cmpuint (height, ==, (guint32) ceil (h * 2));
  /* 144 DPI is 5669.29 pixels per metre. */
  g_assert_cmpuint (ppm, ==, 5669);

  /* And a PNG decoder agrees. */
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) width);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, (int) height);
  /* Opaque: the top-left corner is the light theme's white. */
  cairo_surface_flush (image);
  g_assert_cmphex (*(guint32 *) cairo_image_surface_get_data (image), ==, 0xFFFFFFFF);
  cairo_surface_destroy (image);
}

/* Images too large for viewers are drawn at a lower DPI, as large as the
 * limits allow; others at the DPI asked for. */
static void
test_png_dpi (void)
{
  double dpi;

  /* A 1,000-layer chain, 2,040 × 53,750 pixels at 144 DPI. */
  g_assert_cmpfloat (strata_export_png_dpi (1020, 26875, 144), ==, 144);
  g_assert_cmpfloat (strata_export_png_dpi (0, 0, 144), ==, 144);

  /* A side of two million pixels at 144 DPI: one million at 72. */
  dpi = strata_export_png_dpi (100, 1e6, 144);
  g_assert_cmpfloat (dpi, <=, 72);
  g_assert_cmpfloat (ceil (1e6 * dpi / 72), ==, STRATA_PNG_MAX_SIDE);
  g_assert_cmpfloat (ceil (100 * dpi / 72), ==, 100);

  /* 10,000 layers: within the pixels, and close to all of them. */
  dpi = strata_export_png_dpi (1020, 265586, 144);
  g_assert_cmpfloat (dpi, <, 144);
  g_assert_cmpfloat (ceil (1020 * dpi / 72) * ceil (265586 * dpi / 72), <=, STRATA_PNG_MAX_PIXELS);
  g_assert_cmpfloat (ceil (1020 * dpi / 72) * ceil (265586 * dpi / 72), >,
                     0.999 * STRATA_PNG_MAX_PIXELS);
}

/* A chain of @n_layers convolutions: long drawings, however they wrap. */
static StrataNetwork *
tall_network (guint n_layers)
{
  StrataNetwork *network = strata_network_new ();
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);

  strata_network_set_input (network, 8, 8, 3);
  for (guint i = 0; i < n_layers; i++)
    {
      StrataLayer *layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);

      g_object_set (layer, "filters", 4, "padding", STRATA_PADDING_SAME, NULL);
      g_ptr_array_add (layers, layer);
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  return network;
}

static void
png_read_error_cb (png_structp     png,
                   png_const_charp message)
{
  g_error ("%s", message);
}

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         offset;
} PngSource;

static void
png_read_cb (png_structp  png,
             png_bytep    out,
             png_size_t   length)
{
  PngSource *source = png_get_io_ptr (png);

  g_assert_cmpuint (source->offset + length, <=, source->length);
  memcpy (out, source->data + source->offset, length);
  source->offset += length;
}

/* Rows @top to @top + @n_rows of an opaque PNG as RGB, with its size and
 * pixels per metre. */
static guint8 *
read_png_rows (GBytes  *bytes,
               guint32  top,
               guint32  n_rows,
               guint32 *width,
               guint32 *height,
               guint32 *ppm)
{
  PngSource source = { NULL, 0, 0 };
  png_structp png = png_create_read_struct (PNG_LIBPNG_VER_STRING, NULL, png_read_error_cb, NULL);
  png_infop info = png_create_info_struct (png);
  g_autofree guint8 *row = NULL;
  guint8 *rows;

  source.data = g_bytes_get_data (bytes, &source.length);
  png_set_user_limits (png, STRATA_PNG_MAX_SIDE, STRATA_PNG_MAX_SIDE);
  png_set_read_fn (png, &source, png_read_cb);
  png_read_info (png, info);
  *width = png_get_image_width (png, info);
  *height = png_get_image_height (png, info);
  *ppm = png_get_x_pixels_per_meter (png, info);
  g_assert_cmpint (png_get_color_type (png, info), ==, PNG_COLOR_TYPE_RGB);
  g_assert_cmpint (png_get_bit_depth (png, info), ==, 8);
  g_assert_cmpuint (top + n_rows, <=, *height);

  row = g_malloc ((gsize) *width * 3);
  rows = g_malloc ((gsize) *width * 3 * n_rows);
  for (guint32 y = 0; y < top + n_rows; y++)
    png_read_row (png, y >= top ? rows + (gsize) (y - top) * *width * 3 : row, NULL);
  png_destroy_read_struct (&png, &info, NULL);
  return rows;
}

/* Larger than cairo's images (32,767 pixels a side), a PNG is drawn in
 * strips and tiles: its size is the one asked for, and its pixels where
 * tiles meet are those of the drawing. */
static void
test_png_tiled (void)
{
  /* Down the rows of a narrow drawing, and across a single row. */
  const double max_widths[] = { 200, 0 };
  const double dpis[] = { 72, 144 };

  for (guint i = 0; i < G_N_ELEMENTS (max_widths); i++)
    {
      g_autoptr(StrataNetwork) network = tall_network (i == 0 ? 160 : 200);
      g_autoptr(StrataLayout) layout = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree guint8 *rows = NULL;
      StrataRenderOptions options;
      double w, h, scale = dpis[i] / 72;
      guint32 width, height, ppm, top, left, n_rows = 64, n_drawn = 0;
      cairo_surface_t *expected;
      cairo_t *cr;

      strata_render_options_init (&options);
      options.max_width = max_widths[i];
      options.selected = -1;
      layout = strata_layout_new (network, &options);
      strata_layout_get_size (layout, &w, &h);
      /* Past cairo's limit along the side tested. */
      g_assert_cmpfloat ((i == 0 ? h : w) * scale, >, 32767 + n_rows);

      bytes = strata_export_to_png_bytes (network, &options, dpis[i], &error);
      g_assert_no_error (error);
      top = i == 0 ? 32767 - n_rows / 2 : 0;
      rows = read_png_rows (bytes, top, n_rows, &width, &height, &ppm);
      g_assert_cmpuint (width, ==, (guint32) ceil (w * scale));
      g_assert_cmpuint (height, ==, (guint32) ceil (h * scale));
      g_assert_cmpuint (ppm, ==, (guint32) lround (dpis[i] / 0.0254));

      /* The same rows drawn in one piece; across a row, the columns
       * around the first tile's right edge. */
      left = i == 0 ? 0 : 32767 - 2048;
      expected = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MIN (width - left, 4096), n_rows);
      cr = cairo_create (expected);
      cairo_translate (cr, -(double) left, -(double) top);
      cairo_scale (cr, scale, scale);
      strata_layout_draw (layout, cr);
      cairo_destroy (cr);
      cairo_surface_flush (expected);
      for (guint32 y = 0; y < n_rows; y++)
        for (int x = 0; x < cairo_image_surface_get_width (expected); x++)
          {
            guint32 p = ((guint32 *) (cairo_image_surface_get_data (expected) +
                                      y * cairo_image_surface_get_stride (expected)))[x];
            const guint8 *got = rows + ((gsize) y * width + left + x) * 3;

            /* Opaque: premultiplied and straight colours are the same. */
            g_assert_cmpuint (p >> 24, ==, 0xFF);
            g_assert_cmpuint (got[0], ==, (p >> 16) & 0xFF);
            g_assert_cmpuint (got[1], ==, (p >> 8) & 0xFF);
            g_assert_cmpuint (got[2], ==, p & 0xFF);
            n_drawn += (p & 0xFFFFFF) != 0xFFFFFF;
          }
      /* Not just the background. */
      g_assert_cmpuint (n_drawn, >, 100);
      cairo_surface_destroy (expected);
    }
}

static void
test_png_bytes_transparent (void)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  StrataRenderOptions options;
  guint32 width, height;
  guint n_phys;
  const guint8 *data;
  gsize length;

  strata_render_options_init (&options);
  options.transparent = TRUE;
  options.max_width = 1280;
  bytes = strata_export_to_png_bytes (network, &options, 96, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &length);
  /* 96 DPI is 3779.53 pixels per metre. */
  g_assert_cmpuint (read_png (data, length, &width, &height, &n_phys), ==, 3780);
  g_assert_cmpuint (n_phys, ==, 1);
  g_assert_cmpuint (width, <=, (guint32) ceil (1280 * 96 / 72.0));
  /* Colour type 6: RGBA, for the transparent background. */
  g_assert_cmpuint (data[25], ==, 6);
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(StrataNetwork) network = test_vgg16_network ();
  g_autofree char *path = g_build_filename (f->dir, "vgg.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  StrataRenderOptions options;
  guint n_pages = 0;
  gsize length;

  strata_render_options_init (&options);
  options.max_width = 1280;
  options.theme = STRATA_THEME_PRINT;
  g_assert_true (strata_export_to_file (network, &options, STRATA_EXPORT_FORMAT_PDF, 72, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* Finished: the file ends with the end-of-file marker. */
  g_assert_cmpuint (length, >, 16);
  g_assert_nonnull (g_strstr_len (contents + length - 16, 16, "%%EOF"));

  /* Page objects are "/Type /Page" not followed by "s". */
  for (gsize i = 0; i + 12 <= length; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      n_pages++;
  g_assert_cmpuint (n_pages, ==, 1);

  /* The text is text, as a PDF reader extracts it (poppler-utils is among
   * the test packages). */
  {
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
    g_autofree char *out = NULL;
    const char *argv[] = { pdftotext, path, "-", NULL };
    int status;

    if (pdftotext == NULL)
      {
        g_test_message ("pdftotext is not installed: the text of the PDF is not checked");
        return;
      }
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                 NULL, &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "VGG-16"));
    g_assert_nonnull (strstr (out, "conv1_1"));
    g_assert_nonnull (strstr (out, "224 × 224 × 64"));
    /* pdftotext gives the narrow no-break space as a space. */
    g_assert_true (strstr (out, "1\u202F792 params") != NULL || strstr (out, "1 792 params") != NULL);
  }
}

/* An export that fails leaves no file, and the old file as it was. */
static void
test_atomic (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autofree char *path = g_build_filename (f->dir, "keep.png", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-dir", "out.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));

  g_assert_false (strata_export_to_file (network, NULL, STRATA_EXPORT_FORMAT_PNG, 0, path, &error));
  g_assert_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_SIZE);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");

  g_assert_false (strata_export_to_file (network, NULL, STRATA_EXPORT_FORMAT_SVG, 72, missing, &error));
  g_assert_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "out.svg"));
  g_clear_error (&error);

  /* Writing a directory's name fails too, and leaves no temporary file. */
  g_assert_false (strata_export_to_file (network, NULL, STRATA_EXPORT_FORMAT_PDF, 72, f->dir, &error));
  g_assert_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_TARGET);
  g_assert_cmpuint (count_files (f->dir), ==, 1);

  /* A good export replaces the old file. */
  g_clear_error (&error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (strata_export_to_file (network, NULL, STRATA_EXPORT_FORMAT_PNG, 72, path, &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\x89PNG"));
  g_assert_cmpuint (count_files (f->dir), ==, 1);
}

/* Only regular files are written: a pipe, a folder or a link to nothing
 * is refused and left as it was, and a link is followed, not replaced. */
static void
test_not_regular (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.png", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.svg", NULL);
  g_autofree char *dangling = g_build_filename (f->dir, "dangling.pdf", NULL);
  g_autofree char *real = g_build_filename (f->dir, "real.svg", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link.svg", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (symlink ("missing.pdf", dangling), ==, 0);
  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (symlink ("real.svg", link), ==, 0);

  g_assert_false (strata_export_to_file (network, NULL, STRATA_EXPORT_FORMAT_PNG, 72, fifo, &error));
  g_assert_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_TARGET);
  expected = g_strdup_printf ("Cannot export to “%s”: it is not a regular file", fifo);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  g_assert_false (strata_export_to_file (network, NULL, STRATA_EXPORT_FORMAT_SVG, 72, folder, &error));
  g_assert_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_TARGET);
  expected = g_strdup_printf ("Cannot export to “%s”: it is a folder", folder);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (g_lstat (folder, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  g_assert_false (strata_export_to_file (network, NULL, STRATA_EXPORT_FORMAT_PDF, 72, dangling, &error));
  g_assert_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_TARGET);
  g_assert_cmpint (g_lstat (dangling, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_clear_error (&error);

  g_assert_true (strata_export_to_file (network, NULL, STRATA_EXPORT_FORMAT_SVG, 72, link, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (g_file_get_contents (real, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));

  /* Nothing else was made or left. */
  g_assert_cmpuint (count_files (f->dir), ==, 5);
}

/* Creates @name in @dir (a link to real.png when @link) with a
 * modification time @age seconds ago; returns its path. */
static char *
make_file (const char *dir,
           const char *name,
           gboolean    link,
           int         age)
{
  char *path = g_build_filename (dir, name, NULL);
  struct timespec times[2];

  if (link)
    g_assert_cmpint (symlink ("real.png", path), ==, 0);
  else
    g_assert_true (g_file_set_contents (path, "junk", -1, NULL));
  times[0].tv_sec = times[1].tv_sec = time (NULL) - age;
  times[0].tv_nsec = times[1].tv_nsec = 0;
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW), ==, 0);
  return path;
}

/* An export removes the temporaries that killed exports to the same
 * target left behind, and nothing else. */
static void
test_stale_temporaries (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autofree char *target = g_build_filename (f->dir, "net.png", NULL);
  g_autofree char *stale = make_file (f->dir, "net.png.strata-AbC123", FALSE, 120);
  g_autofree char *held = make_file (f->dir, "net.png.strata-Held99", FALSE, 120);
  static const struct {
    const char *name;
    gboolean    link;
    int         age;
  } kept[] = {
    { "real.png", FALSE, 120 },
    { "net.png.strata-Fresh1", FALSE, 0 },        /* it may be being written */
    { "net.png.strata-Link01", TRUE, 120 },       /* not a regular file */
    { "net.png.strata-AbC12", FALSE, 120 },       /* not our pattern */
    { "net.png.strata-AbC1234", FALSE, 120 },
    { "net.png.strata-AbC-12", FALSE, 120 },
    { "net.png.AbC123", FALSE, 120 },
    { "net.png.backup", FALSE, 120 },
    { "other.png.strata-AbC123", FALSE, 120 },    /* another target's */
    { "xnet.png.strata-AbC123", FALSE, 120 },
  };
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  int held_fd;

  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    g_free (make_file (f->dir, kept[i].name, kept[i].link, kept[i].age));
  /* As an export that is still writing holds it. */
  held_fd = g_open (held, O_RDONLY, 0);
  g_assert_cmpint (flock (held_fd, LOCK_EX), ==, 0);

  g_assert_true (strata_export_to_file (network, NULL, STRATA_EXPORT_FORMAT_PNG, 72, target, &error));
  g_assert_no_error (error);
  close (held_fd);

  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (held, G_FILE_TEST_IS_REGULAR));
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, kept[i].name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_lstat (path, &st), ==, 0);
      g_assert_true (kept[i].link ? S_ISLNK (st.st_mode) : S_ISREG (st.st_mode));
    }
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\x89PNG"));
  /* The target, the held temporary and those kept; none of this export's. */
  g_assert_cmpuint (count_files (f->dir), ==, 2 + G_N_ELEMENTS (kept));
}

/* A network with an error still exports, its failed layers marked. */
static void
test_broken (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(StrataNetwork) network = test_broken_network ();
  g_autoptr(GError) error = NULL;

  for (StrataExportFormat format = STRATA_EXPORT_FORMAT_PNG; format <= STRATA_EXPORT_FORMAT_PDF; format++)
    for (StrataDiagramStyle style = STRATA_DIAGRAM_STYLE_BLOCKS; style <= STRATA_DIAGRAM_STYLE_BARS; style++)
      {
        g_autoptr(GBytes) bytes = NULL;
        StrataRenderOptions options;

        strata_render_options_init (&options);
        options.style = style;
        options.show_kernels = TRUE;
        bytes = strata_export_to_bytes (network, &options, format, 96, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/format-from-path", test_format_from_path);
  g_test_add ("/export/svg", Fixture, NULL, fixture_set_up, test_svg, fixture_tear_down);
  g_test_add_func ("/export/branches", test_branches);
  g_test_add ("/export/png", Fixture, NULL, fixture_set_up, test_png, fixture_tear_down);
  g_test_add_func ("/export/png-bytes-transparent", test_png_bytes_transparent);
  g_test_add_func ("/export/png-dpi", test_png_dpi);
  g_test_add_func ("/export/png-tiled", test_png_tiled);
  g_test_add ("/export/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/export/atomic", Fixture, NULL, fixture_set_up, test_atomic, fixture_tear_down);
  g_test_add ("/export/not-regular", Fixture, NULL, fixture_set_up, test_not_regular,
              fixture_tear_down);
  g_test_add ("/export/stale-temporaries", Fixture, NULL, fixture_set_up, test_stale_temporaries,
              fixture_tear_down);
  g_test_add ("/export/broken", Fixture, NULL, fixture_set_up, test_broken, fixture_tear_down);

  return g_test_run ();
}
