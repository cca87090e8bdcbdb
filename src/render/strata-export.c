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
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "strata-export-private.h"
#include "strata-layout-build-private.h"
#include "strata-svg-private.h"

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

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

/* Where the layout sits on its page, and the layout. */
typedef struct
{
  StrataLayout        *layout;
  const StrataPageFit *fit;
} PagePlace;

/* Draws the layout where the fit puts it on its page. */
static void
draw_on_page (cairo_t  *cr,
              gpointer  user_data)
{
  const PagePlace *place = user_data;

  cairo_save (cr);
  cairo_translate (cr, place->fit->x, place->fit->y);
  cairo_scale (cr, place->fit->scale, place->fit->scale);
  /* It paints its background over the whole clip: the page's margins too. */
  strata_layout_draw (place->layout, cr);
  cairo_restore (cr);
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

/* The document's title, its description (one line per block, for screen
 * readers and search) and one element per block in the metadata, for
 * scripts: what the drawing shows, without reading it from the text. */
static char *
svg_head (StrataLayout        *layout,
          const StrataPageFit *fit)
{
  const StrataRenderOptions *options = strata_layout_get_options (layout);
  const char *title = strata_layout_get_title (layout);
  SvgInfo info = { g_string_new (NULL), g_string_new (NULL), fit };
  GString *head = g_string_new ("\n<title>");

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

  g_string_free (info.desc, TRUE);
  g_string_free (info.blocks, TRUE);
  return g_string_free (head, FALSE);
}

/* An SVG's layers written, of its layers. */
typedef struct
{
  StrataExportProgress *progress;
  guint                 n_layers;
} SvgLayers;

/* A layer's group begun: those before it are written. */
static void
svg_layer_cb (guint    n_layers,
              gpointer user_data)
{
  SvgLayers *layers = user_data;

  strata_export_progress_report (layers->progress, n_layers - 1, layers->n_layers);
}

/* Written by our own writer rather than cairo's SVG surface, which turns
 * text into glyph outlines: the text stays text, to select, search and
 * correct in an editor, and each layer is a group of its own. */
static GBytes *
render_svg (StrataLayout          *layout,
            const StrataPageFit   *fit,
            GCancellable          *cancellable,
            StrataExportProgress  *progress,
            GError               **error)
{
  PagePlace place = { layout, fit };
  /* A group per column or line of bars, as strata_layout_draw() draws them. */
  SvgLayers layers = { progress, strata_layout_n_columns (layout) + layout->bar_rows->len };
  StrataSvgWriter *writer;
  g_autofree char *head = NULL;
  cairo_status_t status;
  GBytes *bytes = NULL;
  cairo_t *cr;

  writer = strata_svg_writer_new (fit->width, fit->height);
  strata_svg_writer_watch (writer, cancellable, svg_layer_cb, &layers);
  cr = strata_svg_writer_create_context (writer);
  draw_on_page (cr, &place);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (check_status (status, error))
    {
      head = svg_head (layout, fit);
      bytes = strata_svg_writer_finish (writer, head, error);
    }
  strata_svg_writer_free (writer);
  return bytes;
}

GBytes *
strata_export_render_pdf (double                    width,
                          double                    height,
                          const char               *title,
                          guint                     n_pages,
                          StrataExportPageDrawFunc  draw,
                          gpointer                  user_data,
                          GCancellable             *cancellable,
                          StrataExportProgress     *progress,
                          GError                  **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean cancelled = FALSE;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (append_cb, data, width, height);
  if (title != NULL && title[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Strata " PACKAGE_VERSION);

  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      /* Slides of many steps stop between them; one diagram is drawn whole. */
      if (page > 0 && g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          break;
        }
      draw (cr, page, user_data);
      cairo_show_page (cr);
      strata_export_progress_report (progress, page + 1, n_pages);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (cancelled)
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }
  if (!check_status (status, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* The one page of a diagram's PDF. */
static void
draw_pdf_page (cairo_t  *cr,
               guint     page,
               gpointer  place)
{
  draw_on_page (cr, place);
}

static gboolean
check_dpi (StrataExportFormat   format,
           double               dpi,
           GError             **error)
{
  if (format == STRATA_EXPORT_FORMAT_PNG && !(dpi >= 1 && dpi <= 2400))
    {
      g_set_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_SIZE,
                   _("%g DPI is out of range: use 1 to 2400"), dpi);
      return FALSE;
    }
  return TRUE;
}

/* The file's bytes of @layout placed on its page by @fit. */
static GBytes *
render_layout (StrataLayout          *layout,
               const StrataPageFit   *fit,
               StrataExportFormat     format,
               double                 dpi,
               GCancellable          *cancellable,
               StrataExportProgress  *progress,
               double                *png_dpi,
               GError               **error)
{
  PagePlace place = { layout, fit };
  GBytes *bytes;

  /* The drawing is all but the file's writing. */
  strata_export_progress_part (progress, STRATA_EXPORT_DRAWN);
  if (format == STRATA_EXPORT_FORMAT_PNG)
    bytes = strata_export_render_png_drawing (fit->width, fit->height,
                                              strata_layout_get_options (layout)->transparent,
                                              dpi, draw_on_page, &place, cancellable, progress,
                                              png_dpi, error);
  else if (format == STRATA_EXPORT_FORMAT_SVG)
    bytes = render_svg (layout, fit, cancellable, progress, error);
  else
    bytes = strata_export_render_pdf (fit->width, fit->height, strata_layout_get_title (layout),
                                      1, draw_pdf_page, &place, cancellable, progress, error);
  /* A PNG stops at its next strip, an SVG at its next layer; a PDF is
   * made whole. */
  if (bytes != NULL && g_cancellable_set_error_if_cancelled (cancellable, error))
    g_clear_pointer (&bytes, g_bytes_unref);
  if (bytes != NULL)
    strata_export_progress_report (progress, 1, 1);
  return bytes;
}

static GBytes *
export_to_bytes (StrataNetwork             *network,
                 const StrataRenderOptions *options,
                 StrataExportFormat         format,
                 double                     dpi,
                 GCancellable              *cancellable,
                 StrataExportProgress      *progress,
                 double                    *png_dpi,
                 double                    *page_type,
                 GError                   **error)
{
  g_autoptr(StrataLayout) layout = NULL;
  StrataRenderOptions opts;
  StrataPageFit fit;
  StrataExportFit trials;

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

  if (!check_dpi (format, dpi, error))
    return NULL;

  strata_export_fit_init (&trials, network, &opts, format, dpi, progress);
  layout = strata_layout_fit_page (network, &opts, TRUE, cancellable,
                                   progress != NULL ? strata_export_fit_trial_cb : NULL, &trials,
                                   &fit, error);
  if (layout == NULL)
    return NULL;
  if (page_type != NULL)
    *page_type = opts.page.preset != STRATA_PAGE_NONE
                 ? strata_layout_get_smallest_type (layout) * fit.scale : 0;
  return render_layout (layout, &fit, format, dpi, cancellable, progress, png_dpi, error);
}

GBytes *
strata_export_to_bytes (StrataNetwork             *network,
                        const StrataRenderOptions *options,
                        StrataExportFormat         format,
                        double                     dpi,
                        GError                   **error)
{
  return export_to_bytes (network, options, format, dpi, NULL, NULL, NULL, NULL, error);
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
              GCancellable  *cancellable,
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
  /* The last moment a cancel leaves the old file as it was. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      close (fd);
      g_unlink (temporary);
      return FALSE;
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
  return strata_export_to_file_full (network, options, format, dpi, path, NULL, NULL, error);
}

/* Writes @layout placed by @fit to @path, or without a layout, the one
 * fitted to @options's page of @network. */
static gboolean
export_to_file (StrataNetwork             *network,
                const StrataRenderOptions *options,
                StrataLayout              *layout,
                const StrataPageFit       *fit,
                StrataExportFormat         format,
                double                     dpi,
                const char                *path,
                GCancellable              *cancellable,
                StrataExportProgressFunc   progress_func,
                gpointer                   progress_data,
                double                    *png_dpi,
                double                    *page_type,
                GError                   **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *target = NULL;
  StrataExportProgress progress;
  const guint8 *data;
  gsize length;

  strata_export_progress_init (&progress, progress_func, progress_data);
  target = export_target (path, error);
  if (target == NULL)
    return FALSE;

  /* Drawn in memory first: nothing touches the disk unless it all worked. */
  if (layout != NULL)
    bytes = check_dpi (format, dpi, error)
            ? render_layout (layout, fit, format, dpi, cancellable, &progress, png_dpi, error)
            : NULL;
  else
    bytes = export_to_bytes (network, options, format, dpi, cancellable, &progress, png_dpi,
                             page_type, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &length);
  if (!replace_file (target, path, data, length, cancellable, error))
    return FALSE;
  strata_export_progress_finish (&progress);
  return TRUE;
}

gboolean
strata_export_to_file_full (StrataNetwork             *network,
                            const StrataRenderOptions *options,
                            StrataExportFormat         format,
                            double                     dpi,
                            const char                *path,
                            double                    *png_dpi,
                            double                    *page_type,
                            GError                   **error)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (network), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_to_file (network, options, NULL, NULL, format, dpi, path, NULL, NULL, NULL,
                         png_dpi, page_type, error);
}

gboolean
strata_export_to_file_cancellable (StrataNetwork             *network,
                                   const StrataRenderOptions *options,
                                   StrataExportFormat         format,
                                   double                     dpi,
                                   const char                *path,
                                   GCancellable              *cancellable,
                                   StrataExportProgressFunc   progress,
                                   gpointer                   progress_data,
                                   GError                   **error)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (network), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_to_file (network, options, NULL, NULL, format, dpi, path, cancellable, progress,
                         progress_data, NULL, NULL, error);
}

gboolean
strata_export_layout_to_file (StrataLayout              *layout,
                              const StrataPageFit       *fit,
                              StrataExportFormat         format,
                              double                     dpi,
                              const char                *path,
                              GCancellable              *cancellable,
                              StrataExportProgressFunc   progress,
                              gpointer                   progress_data,
                              GError                   **error)
{
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (fit != NULL, FALSE);
  g_return_val_if_fail (format <= STRATA_EXPORT_FORMAT_PDF, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_to_file (NULL, NULL, layout, fit, format, dpi, path, cancellable, progress,
                         progress_data, NULL, NULL, error);
}

GBytes *
strata_export_to_png_bytes (StrataNetwork             *network,
                            const StrataRenderOptions *options,
                            double                     dpi,
                            GError                   **error)
{
  return strata_export_to_bytes (network, options, STRATA_EXPORT_FORMAT_PNG, dpi, error);
}

/* What strata-export-steps.c shares with the export of one diagram. */

gboolean
strata_export_check_status (cairo_status_t   status,
                            GError         **error)
{
  return check_status (status, error);
}

gboolean
strata_export_write_bytes (const char    *path,
                           GBytes        *bytes,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *target = export_target (path, error);
  const guint8 *data;
  gsize length;

  if (target == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  return replace_file (target, path, data, length, cancellable, error);
}
