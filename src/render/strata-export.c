/* strata-export.c: a network diagram written to PNG, SVG or PDF. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "strata-export.h"
#include "strata-layout-private.h"

/* cairo's image surfaces stop at 32767 pixels a side; the area limit keeps
 * a mistyped DPI from asking for gigabytes. */
#define MAX_PIXELS_SIDE 32767
#define MAX_PIXELS_AREA (256.0 * 1024 * 1024)

#define SVG_NAMESPACE "urn:io.github.strata.Strata:diagram"

/* An export writes TARGET.strata-XXXXXX beside its target, then renames
 * it over the target; a name no one would give a file of their own. */
#define TEMPORARY_INFIX ".strata-"
#define TEMPORARY_SUFFIX_LENGTH 6
/* How old a temporary nobody holds must be to count as left behind. */
#define STALE_SECONDS 60

G_DEFINE_QUARK (strata-export-error-quark, strata_export_error)

gboolean
strata_export_format_from_path (const char          *path,
                                StrataExportFormat  *format,
                                GError             **error)
{
  g_autofree char *basename = NULL;
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  basename = g_path_get_basename (path);
  dot = strrchr (basename, '.');
  if (dot != NULL)
    {
      if (g_ascii_strcasecmp (dot, ".png") == 0)
        *format = STRATA_EXPORT_FORMAT_PNG;
      else if (g_ascii_strcasecmp (dot, ".svg") == 0)
        *format = STRATA_EXPORT_FORMAT_SVG;
      else if (g_ascii_strcasecmp (dot, ".pdf") == 0)
        *format = STRATA_EXPORT_FORMAT_PDF;
      else
        dot = NULL;
    }

  if (dot == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_FORMAT,
                   _("Cannot tell the image format of “%s”: its name must end in .png, .svg or .pdf"),
                   display);
      return FALSE;
    }
  return TRUE;
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_status (cairo_status_t   status,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_WRITE,
               _("Could not draw the diagram: %s"), cairo_status_to_string (status));
  return FALSE;
}

/* The CRC of PNG chunks (ISO 3309, as in the PNG specification's annex). */
static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         length)
{
  static guint32 table[256];
  static gsize table_ready = 0;

  if (g_once_init_enter (&table_ready))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (guint k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&table_ready, 1);
    }

  crc ^= 0xFFFFFFFFu;
  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

static void
put_be32 (guint8  *p,
          guint32  value)
{
  p[0] = value >> 24;
  p[1] = value >> 16;
  p[2] = value >> 8;
  p[3] = value;
}

static guint32
get_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* cairo writes no pHYs chunk, so viewers would assume 72 or 96 DPI; this
 * records the DPI the image was made for, in pixels per metre, as a chunk
 * right after IHDR (where the specification wants it: before IDAT). */
static gboolean
add_phys_chunk (GByteArray  *png,
                double       dpi)
{
  static const guint8 signature[8] = { 137, 'P', 'N', 'G', '\r', '\n', 26, '\n' };
  guint32 ppm = (guint32) lround (dpi / 0.0254);
  guint8 chunk[4 + 4 + 9 + 4];
  gsize offset;

  if (png->len < 33 || memcmp (png->data, signature, 8) != 0 ||
      memcmp (png->data + 12, "IHDR", 4) != 0)
    return FALSE;

  put_be32 (chunk, 9);
  memcpy (chunk + 4, "pHYs", 4);
  put_be32 (chunk + 8, ppm);
  put_be32 (chunk + 12, ppm);
  chunk[16] = 1; /* the unit is the metre */
  put_be32 (chunk + 17, crc32_update (0, chunk + 4, 4 + 9));

  /* Replace a pHYs that a later cairo might write, else insert one. */
  for (offset = 8; offset + 12 <= png->len;)
    {
      guint32 length = get_be32 (png->data + offset);

      if (memcmp (png->data + offset + 4, "pHYs", 4) == 0 && length == 9)
        {
          memcpy (png->data + offset, chunk, sizeof chunk);
          return TRUE;
        }
      if (memcmp (png->data + offset + 4, "IDAT", 4) == 0)
        break;
      offset += 12 + (gsize) length;
    }

  {
    gsize at = 8 + 12 + get_be32 (png->data + 8);
    g_autoptr(GByteArray) rest = g_byte_array_new ();

    g_byte_array_append (rest, png->data + at, png->len - at);
    g_byte_array_set_size (png, at);
    g_byte_array_append (png, chunk, sizeof chunk);
    g_byte_array_append (png, rest->data, rest->len);
  }
  return TRUE;
}

/* Draws @layout where @fit puts it on its page. */
static void
draw_on_page (StrataLayout        *layout,
              const StrataPageFit *fit,
              cairo_t             *cr)
{
  cairo_save (cr);
  cairo_translate (cr, fit->x, fit->y);
  cairo_scale (cr, fit->scale, fit->scale);
  /* It paints its background over the whole clip: the page's margins too. */
  strata_layout_draw (layout, cr);
  cairo_restore (cr);
}

static GBytes *
render_png (StrataLayout        *layout,
            const StrataPageFit *fit,
            double               dpi,
            GError             **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  double width, height, scale = dpi / 72.0;
  double pixels_w, pixels_h;
  cairo_t *cr;

  width = fit->width;
  height = fit->height;
  /* Multiplied first: 960 pt at 300 DPI is 4000 pixels, where times
   * 300 / 72 rounds a hair above and would add one. */
  pixels_w = ceil (width * dpi / 72.0);
  pixels_h = ceil (height * dpi / 72.0);
  if (pixels_w > MAX_PIXELS_SIDE || pixels_h > MAX_PIXELS_SIDE ||
      pixels_w * pixels_h > MAX_PIXELS_AREA)
    {
      g_set_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_SIZE,
                   _("The image would be %.0f × %.0f pixels, too large for PNG at %g DPI; "
                     "choose a lower DPI or SVG"),
                   pixels_w, pixels_h, dpi);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) pixels_w, (int) pixels_h);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  draw_on_page (layout, fit, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_cb, data);
  cairo_surface_destroy (surface);

  if (!check_status (status, error))
    return NULL;
  if (!add_phys_chunk (data, dpi))
    {
      g_set_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_WRITE,
                   _("Could not record the DPI in the PNG"));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

typedef struct
{
  GString             *desc;
  GString             *blocks;
  const StrataPageFit *fit;
} SvgInfo;

static void
svg_label_cb (int                      position,
              const char              *name,
              const char              *shape,
              guint64                  params,
              const cairo_rectangle_t *bounds,
              gpointer                 user_data)
{
  SvgInfo *info = user_data;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (info->desc, "\n");
  append_escaped (info->desc, name);
  g_string_append (info->desc, ": ");
  append_escaped (info->desc, shape);

  g_string_append_printf (info->blocks, "  <strata:block position=\"%d\" name=\"", position);
  append_escaped (info->blocks, name);
  g_string_append (info->blocks, "\" shape=\"");
  append_escaped (info->blocks, shape);
  g_string_append_printf (info->blocks, "\" params=\"%" G_GUINT64_FORMAT "\"", params);
  if (bounds != NULL)
    {
      const StrataPageFit *fit = info->fit;

      g_string_append_printf (info->blocks, " x=\"%s\"",
                              g_ascii_formatd (number, sizeof number, "%.1f",
                                               fit->x + bounds->x * fit->scale));
      g_string_append_printf (info->blocks, " y=\"%s\"",
                              g_ascii_formatd (number, sizeof number, "%.1f",
                                               fit->y + bounds->y * fit->scale));
      g_string_append_printf (info->blocks, " width=\"%s\"",
                              g_ascii_formatd (number, sizeof number, "%.1f",
                                               bounds->width * fit->scale));
      g_string_append_printf (info->blocks, " height=\"%s\"",
                              g_ascii_formatd (number, sizeof number, "%.1f",
                                               bounds->height * fit->scale));
    }
  g_string_append (info->blocks, "/>\n");
}

/* cairo turns text into glyph outlines, so names cannot be searched or
 * read aloud from the drawing itself. A title, a description and one
 * element per block in the metadata carry them instead, for screen
 * readers, search and scripts. */
static gboolean
add_svg_metadata (GByteArray          *svg,
                  StrataLayout        *layout,
                  const StrataPageFit *fit)
{
  const StrataRenderOptions *options = strata_layout_get_options (layout);
  const char *title = strata_layout_get_title (layout);
  SvgInfo info = { g_string_new (NULL), g_string_new (NULL), fit };
  g_autoptr(GString) head = g_string_new ("\n<title>");
  const char *start, *end;
  gsize at;

  start = g_strstr_len ((const char *) svg->data, svg->len, "<svg");
  if (start == NULL)
    goto fail;
  end = memchr (start, '>', svg->len - (start - (const char *) svg->data));
  if (end == NULL)
    goto fail;
  at = end + 1 - (const char *) svg->data;

  strata_layout_foreach_label (layout, svg_label_cb, &info);

  append_escaped (head, title != NULL && title[0] != '\0' ? title : _("Network diagram"));
  g_string_append (head, "</title>\n<desc>");
  g_string_append (head, _("A convolutional network, drawn by Strata."));
  g_string_append (head, info.desc->str);
  g_string_append (head, "</desc>\n<metadata>\n <strata:diagram xmlns:strata=\"" SVG_NAMESPACE "\"");
  g_string_append_printf (head, " style=\"%s\" theme=\"%s\" scale=\"%s\">\n",
                          strata_diagram_style_to_string (options->style),
                          strata_theme_to_string (options->theme),
                          strata_scale_mode_to_string (options->scale));
  g_string_append (head, info.blocks->str);
  g_string_append (head, " </strata:diagram>\n</metadata>");

  {
    g_autoptr(GByteArray) rest = g_byte_array_new ();

    g_byte_array_append (rest, svg->data + at, svg->len - at);
    g_byte_array_set_size (svg, at);
    g_byte_array_append (svg, (const guint8 *) head->str, head->len);
    g_byte_array_append (svg, rest->data, rest->len);
  }

  g_string_free (info.desc, TRUE);
  g_string_free (info.blocks, TRUE);
  return TRUE;

fail:
  g_string_free (info.desc, TRUE);
  g_string_free (info.blocks, TRUE);
  return FALSE;
}

static GBytes *
render_vector (StrataLayout        *layout,
               const StrataPageFit *fit,
               StrataExportFormat   format,
               GError             **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  double width, height;
  cairo_t *cr;

  width = fit->width;
  height = fit->height;
  if (format == STRATA_EXPORT_FORMAT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (append_cb, data, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
    }
  else
    {
      const char *title = strata_layout_get_title (layout);

      surface = cairo_pdf_surface_create_for_stream (append_cb, data, width, height);
      if (title != NULL && title[0] != '\0')
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Strata " PACKAGE_VERSION);
    }

  cr = cairo_create (surface);
  draw_on_page (layout, fit, cr);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!check_status (status, error))
    return NULL;
  if (format == STRATA_EXPORT_FORMAT_SVG && !add_svg_metadata (data, layout, fit))
    {
      g_set_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_WRITE,
                   _("Could not write the diagram's description into the SVG"));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

GBytes *
strata_export_to_bytes (StrataNetwork             *network,
                        const StrataRenderOptions *options,
                        StrataExportFormat         format,
                        double                     dpi,
                        GError                   **error)
{
  g_autoptr(StrataLayout) layout = NULL;
  StrataRenderOptions opts;
  StrataPageFit fit;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);
  g_return_val_if_fail (format <= STRATA_EXPORT_FORMAT_PDF, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options != NULL)
    opts = *options;
  else
    strata_render_options_init (&opts);

  /* A file shows the whole network, with nothing selected. */
  opts.selected = -1;
  if (format != STRATA_EXPORT_FORMAT_PNG)
    opts.transparent = FALSE;

  if (format == STRATA_EXPORT_FORMAT_PNG && !(dpi >= 1 && dpi <= 2400))
    {
      g_set_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_SIZE,
                   _("%g DPI is out of range: use 1 to 2400"), dpi);
      return NULL;
    }

  layout = strata_layout_new_for_page (network, &opts, &fit);
  if (format == STRATA_EXPORT_FORMAT_PNG)
    return render_png (layout, &fit, dpi, error);
  return render_vector (layout, &fit, format, error);
}

/* The file to write for @path: the file a symbolic link leads to (so the
 * link stays), @path itself when nothing is there yet, or NULL when
 * something is there that is not a regular file. Writing replaces the
 * target by renaming a new file over it, which would turn a pipe, a
 * device, a folder's name or a link into a plain file; a pipe or a device
 * cannot be written atomically anyway, so these are refused. */
static char *
export_target (const char  *path,
               GError     **error)
{
  char *resolved = realpath (path, NULL);
  g_autofree char *display = NULL;
  gboolean folder = FALSE;
  GStatBuf st;

  if (resolved != NULL)
    {
      char *target = NULL;

      if (g_stat (resolved, &st) != 0 || S_ISREG (st.st_mode))
        target = g_strdup (resolved);
      else
        folder = S_ISDIR (st.st_mode);
      free (resolved);
      if (target != NULL)
        return target;
    }
  else if (g_lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    {
      /* Nothing there yet, or a folder on the way that is missing or
       * closed to us, which writing then reports. */
      return g_strdup (path);
    }

  /* Not a regular file, or a link that leads nowhere. */
  display = g_filename_display_name (path);
  if (folder)
    g_set_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_TARGET,
                 _("Cannot export to “%s”: it is a folder"), display);
  else
    g_set_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_TARGET,
                 _("Cannot export to “%s”: it is not a regular file"), display);
  return NULL;
}

/* Whether @name is one of our temporaries for the file named @target_name. */
static gboolean
is_temporary_of (const char *name,
                 const char *target_name)
{
  gsize length = strlen (target_name);
  const char *suffix;

  if (strncmp (name, target_name, length) != 0 ||
      !g_str_has_prefix (name + length, TEMPORARY_INFIX))
    return FALSE;
  suffix = name + length + strlen (TEMPORARY_INFIX);
  if (strlen (suffix) != TEMPORARY_SUFFIX_LENGTH)
    return FALSE;
  for (guint i = 0; i < TEMPORARY_SUFFIX_LENGTH; i++)
    if (!g_ascii_isalnum (suffix[i]))
      return FALSE;
  return TRUE;
}

/* An export that is killed (kill -9, a crash, a power cut) leaves its
 * temporary behind, and nothing else would remove it: the next export to
 * the same target does. Only names of our pattern for this very target
 * are considered, only regular files of our own user, and only stale ones.
 * A writer holds a lock on its temporary, which the system releases when
 * the writer dies, so a temporary whose lock can be taken is nobody's;
 * and it must also be a minute old, which covers the instant between
 * creating a temporary and locking it, and file systems without locks,
 * where age alone decides (there an export stalled for a minute fails
 * when its temporary is gone, and the old file stays). */
static void
remove_stale_temporaries (const char *target)
{
  g_autofree char *folder = g_path_get_dirname (target);
  g_autofree char *target_name = g_path_get_basename (target);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;
      int fd;

      if (!is_temporary_of (name, target_name))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != getuid () ||
          now - st.st_mtime < STALE_SECONDS)
        continue;
      fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
      if (fd < 0)
        continue;
      if (flock (fd, LOCK_EX | LOCK_NB) == 0 || errno != EWOULDBLOCK)
        g_unlink (path);
      close (fd);
    }
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length)
{
  while (length > 0)
    {
      gssize written = write (fd, data, MIN (length, G_MAXSSIZE));

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        return FALSE;
      data += written;
      length -= written;
    }
  return TRUE;
}

/* Writes @data to @target through a temporary beside it, renamed over
 * @target once written and on disk: the old file stays whole until the new
 * one is complete, and every failure (a full disk, a quota, a file size
 * limit, an error the file system reports late) is an error naming @path. */
static gboolean
replace_file (const char    *target,
              const char    *path,
              const guint8  *data,
              gsize          length,
              GError       **error)
{
  g_autofree char *temporary = g_strconcat (target, TEMPORARY_INFIX "XXXXXX", NULL);
  g_autofree char *display = NULL;
  int fd, saved_errno;

  remove_stale_temporaries (target);

  fd = g_mkstemp_full (temporary, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      saved_errno = errno;
      goto fail;
    }
  /* Held until the file is closed, even by the system when this process
   * dies: tells remove_stale_temporaries() the file is being written. A
   * file system without locks is no reason to fail. */
  flock (fd, LOCK_EX | LOCK_NB);
  if (!write_all (fd, data, length) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (temporary);
      goto fail;
    }
  if (close (fd) != 0 || g_rename (temporary, target) != 0)
    {
      saved_errno = errno;
      g_unlink (temporary);
      goto fail;
    }
  return TRUE;

fail:
  display = g_filename_display_name (path);
  g_set_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_WRITE,
               _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

gboolean
strata_export_to_file (StrataNetwork             *network,
                       const StrataRenderOptions *options,
                       StrataExportFormat         format,
                       double                     dpi,
                       const char                *path,
                       GError                   **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *target = NULL;
  const guint8 *data;
  gsize length;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = export_target (path, error);
  if (target == NULL)
    return FALSE;

  /* Drawn in memory first: nothing touches the disk unless it all worked. */
  bytes = strata_export_to_bytes (network, options, format, dpi, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &length);
  return replace_file (target, path, data, length, error);
}

GBytes *
strata_export_to_png_bytes (StrataNetwork             *network,
                            const StrataRenderOptions *options,
                            double                     dpi,
                            GError                   **error)
{
  return strata_export_to_bytes (network, options, STRATA_EXPORT_FORMAT_PNG, dpi, error);
}
