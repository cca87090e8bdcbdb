/* strata-export-steps.c: build-up slides written to a PDF of one page per step, or to one image per step. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-export-private.h"
#include "strata-slide.h"
#include "strata-svg-private.h"

char *
strata_export_step_path (const char *path,
                         guint       step,
                         guint       n_steps)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');
  gsize stem = dot != NULL && dot != base ? (gsize) (dot - base) : strlen (base);
  gsize dir_length = strlen (path) - strlen (base);
  guint digits = 2;

  g_return_val_if_fail (path != NULL, NULL);

  for (guint last = n_steps > 0 ? n_steps - 1 : 0; last >= 100; last /= 10)
    digits++;

  return g_strdup_printf ("%.*s%.*s-%0*u%s", (int) dir_length, path, (int) stem, base,
                          (int) digits, step, base + stem);
}

/* One step of the slides, for the PNG writer. */
typedef struct
{
  StrataNetwork             *network;
  const StrataRenderOptions *options;
  guint                      step;
  double                     width;
  double                     height;
} SlideStep;

static void
draw_step (cairo_t  *cr,
           gpointer  user_data)
{
  const SlideStep *s = user_data;

  strata_slide_draw (cr, s->network, s->options, s->step, TRUE, s->width, s->height);
}

/* Page @page of the PDF: step @page. */
static void
draw_page (cairo_t  *cr,
           guint     page,
           gpointer  user_data)
{
  const SlideStep *s = user_data;

  strata_slide_draw (cr, s->network, s->options, page, TRUE, s->width, s->height);
}

static GBytes *
render_pdf (StrataNetwork             *network,
            const StrataRenderOptions *slide_options,
            double                     width,
            double                     height,
            GCancellable              *cancellable,
            StrataExportProgress      *progress,
            GError                   **error)
{
  const char *name = strata_network_get_name (network);
  g_autofree char *title = name != NULL ? strata_render_label_text (name) : NULL;
  SlideStep pages = { network, slide_options, 0, width, height };

  return strata_export_render_pdf (width, height, title, strata_slide_get_n_steps (network),
                                   draw_page, &pages, cancellable, progress, error);
}

static GBytes *
render_step (StrataNetwork             *network,
             const StrataRenderOptions *slide_options,
             StrataExportFormat         format,
             double                     dpi,
             double                     width,
             double                     height,
             guint                      step,
             GCancellable              *cancellable,
             StrataExportProgress      *progress,
             GError                   **error)
{
  SlideStep step_data;

  /* An SVG step is written by the same writer as one diagram, so that its
   * text stays text. */
  if (format == STRATA_EXPORT_FORMAT_SVG)
    {
      StrataSvgWriter *writer = strata_svg_writer_new (width, height);
      const char *name = strata_network_get_name (network);
      g_autofree char *title = g_markup_escape_text (name != NULL && name[0] != '\0'
                                                     ? name : _("Network diagram"), -1);
      g_autofree char *head = g_strdup_printf ("\n<title>%s</title>", title);
      GBytes *bytes = NULL;
      cairo_status_t status;
      cairo_t *cr;

      strata_svg_writer_watch (writer, cancellable, NULL, NULL);
      cr = strata_svg_writer_create_context (writer);
      strata_slide_draw (cr, network, slide_options, step, TRUE, width, height);
      status = cairo_status (cr);
      cairo_destroy (cr);
      if (strata_export_check_status (status, error))
        bytes = strata_svg_writer_finish (writer, head, error);
      strata_svg_writer_free (writer);
      return bytes;
    }

  step_data = (SlideStep) { network, slide_options, step, width, height };
  return strata_export_render_png_drawing (width, height, FALSE, dpi, draw_step, &step_data,
                                           cancellable, progress, NULL, error);
}

gboolean
strata_export_steps_to_file (StrataNetwork             *network,
                             const StrataRenderOptions *options,
                             StrataExportFormat         format,
                             double                     dpi,
                             double                     width,
                             double                     height,
                             const char                *path,
                             GError                   **error)
{
  return strata_export_steps_to_file_cancellable (network, options, format, dpi, width, height,
                                                  path, NULL, NULL, NULL, error);
}

gboolean
strata_export_steps_to_file_cancellable (StrataNetwork             *network,
                                         const StrataRenderOptions *options,
                                         StrataExportFormat         format,
                                         double                     dpi,
                                         double                     width,
                                         double                     height,
                                         const char                *path,
                                         GCancellable              *cancellable,
                                         StrataExportProgressFunc   progress_func,
                                         gpointer                   progress_data,
                                         GError                   **error)
{
  StrataRenderOptions slide_options;
  StrataExportProgress progress;
  guint n_steps;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (format <= STRATA_EXPORT_FORMAT_PDF, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* PDF readers take pages of up to 14,400 points (200 inches) a side. */
  if (!(width >= 100 && height >= 100 && width <= 14400 && height <= 14400))
    {
      g_set_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_SIZE,
                   _("Slides of %g × %g points are out of range: use 100 to 14400 a side"),
                   width, height);
      return FALSE;
    }
  if (format == STRATA_EXPORT_FORMAT_PNG &&
      (!(dpi >= 1 && dpi <= 2400) || ceil (width * dpi / 72) > STRATA_PNG_MAX_SIDE ||
       ceil (height * dpi / 72) > STRATA_PNG_MAX_SIDE ||
       ceil (width * dpi / 72) * ceil (height * dpi / 72) > STRATA_PNG_MAX_PIXELS))
    {
      g_set_error (error, STRATA_EXPORT_ERROR, STRATA_EXPORT_ERROR_SIZE,
                   _("Slides of %g × %g points at %g DPI are too large for PNG; choose a lower DPI"),
                   width, height, dpi);
      return FALSE;
    }

  strata_export_progress_init (&progress, progress_func, progress_data);
  strata_slide_fit_options (network, options, width, height, TRUE, &slide_options);
  n_steps = strata_slide_get_n_steps (network);

  if (format == STRATA_EXPORT_FORMAT_PDF)
    {
      g_autoptr(GBytes) bytes = NULL;

      strata_export_progress_part (&progress, STRATA_EXPORT_DRAWN);
      bytes = render_pdf (network, &slide_options, width, height, cancellable, &progress, error);
      if (bytes == NULL || !strata_export_write_bytes (path, bytes, cancellable, error))
        return FALSE;
      strata_export_progress_finish (&progress);
      return TRUE;
    }

  for (guint step = 0; step < n_steps; step++)
    {
      g_autofree char *step_path = strata_export_step_path (path, step, n_steps);
      g_autoptr(GBytes) bytes = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* Each step an equal share, its PNG's strips within it; the last
       * one's file written is the end. */
      strata_export_progress_part (&progress, STRATA_EXPORT_DRAWN * (step + 1) / n_steps);
      bytes = render_step (network, &slide_options, format, dpi, width, height, step,
                           cancellable, &progress, error);
      if (bytes == NULL || !strata_export_write_bytes (step_path, bytes, cancellable, error))
        return FALSE;
      strata_export_progress_report (&progress, 1, 1);
    }
  strata_export_progress_finish (&progress);
  return TRUE;
}
