/* strata-export-dialog-preview.c: the export window's preview, fitted to the page in a thread and drawn. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "strata-export.h"
#include "strata-export-dialog-private.h"
#include "strata-history.h"
#include "strata-slide.h"

#define PREVIEW_MARGIN 16.0
#define CHECKER 8.0
/* A fit shorter than this shows no spinner, which would only flicker. */
#define BUSY_DELAY_MS 200

/* Where an image of @page_width × @page_height points goes in an area
 * of @width × @height pixels, and at what scale. */
static void
place_preview (double   page_width,
               double   page_height,
               gboolean own_size,
               int      width,
               int      height,
               double  *scale,
               double  *x,
               double  *y)
{
  *scale = MIN ((width - 2 * PREVIEW_MARGIN) / page_width,
                (height - 2 * PREVIEW_MARGIN) / page_height);
  /* Never above 2, but a small page is shown at the size of a large one. */
  if (own_size)
    *scale = MIN (*scale, 2.0);
  *x = floor ((width - page_width * *scale) / 2);
  *y = floor ((height - page_height * *scale) / 2);
}

/* What a fit is given: its own copy of the network, which no other
 * thread touches while it runs, the choices, and the area's size. */
typedef struct
{
  StrataNetwork       *network;
  StrataRenderOptions  options;
  int                  width;
  int                  height;
  int                  scale_factor;
} FitJob;

typedef struct
{
  StrataPageFit    fit;
  StrataLayout    *layout;
  double           type;
  cairo_surface_t *image;
  int              width;
  int              height;
  int              scale_factor;
} FitResult;

static void
fit_job_free (gpointer data)
{
  FitJob *job = data;

  g_clear_object (&job->network);
  g_free (job);
}

static void
fit_result_free (gpointer data)
{
  FitResult *result = data;

  g_clear_pointer (&result->image, cairo_surface_destroy);
  g_clear_pointer (&result->layout, strata_layout_unref);
  g_free (result);
}

/* The fit, and the preview drawn from it in the same thread: its labels
 * are set with this thread's fonts (Pango's font map is a thread's own),
 * so the layout is only drawn there, and the main thread gets pixels and
 * keeps the layout for an export to write in the same thread. */
static void
fit_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  FitJob *job = task_data;
  StrataLayout *layout;
  g_autoptr(GError) error = NULL;
  FitResult *result = g_new0 (FitResult, 1);
  double scale, x, y;
  cairo_t *cr;

  layout = strata_layout_new_for_page_cancellable (job->network, &job->options, cancellable,
                                                   &result->fit, &error);
  result->layout = layout;
  if (layout == NULL)
    {
      fit_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result->type = strata_layout_get_smallest_type (layout) * result->fit.scale;
  result->width = job->width;
  result->height = job->height;
  result->scale_factor = job->scale_factor;
  place_preview (result->fit.width, result->fit.height,
                 job->options.page.preset == STRATA_PAGE_NONE, job->width, job->height,
                 &scale, &x, &y);
  if (scale > 0)
    {
      result->image = cairo_image_surface_create (
        CAIRO_FORMAT_ARGB32, (int) ceil (result->fit.width * scale * job->scale_factor),
        (int) ceil (result->fit.height * scale * job->scale_factor));
      cairo_surface_set_device_scale (result->image, job->scale_factor, job->scale_factor);
      cr = cairo_create (result->image);
      cairo_scale (cr, scale, scale);
      cairo_translate (cr, result->fit.x, result->fit.y);
      cairo_scale (cr, result->fit.scale, result->fit.scale);
      strata_layout_draw_on_screen (layout, cr);
      cairo_destroy (cr);
    }
  g_task_return_pointer (task, result, fit_result_free);
}

void
strata_export_dialog_update_spinner (StrataExportDialog *self)
{
  /* An export shows its progress bar instead. */
  gboolean spin = self->busy && self->export_cancellable == NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), spin);
  gtk_spinner_set_spinning (self->spinner, spin);
}

/* A fit that takes long says so. */
static gboolean
busy_cb (gpointer user_data)
{
  StrataExportDialog *self = user_data;

  self->busy_id = 0;
  self->busy = TRUE;
  strata_export_dialog_update_spinner (self);
  strata_export_dialog_update_size_label (self);
  return G_SOURCE_REMOVE;
}

static void
stop_busy (StrataExportDialog *self)
{
  g_clear_handle_id (&self->busy_id, g_source_remove);
  self->busy = FALSE;
  strata_export_dialog_update_spinner (self);
}

static void
fit_done_cb (GObject      *source_object,
             GAsyncResult *res,
             gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(StrataExportDialog) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  FitResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  g_weak_ref_clear (ref);
  g_free (ref);
  /* Closed while it ran: nothing to show it in. */
  if (self == NULL || self->network == NULL)
    {
      g_clear_pointer (&result, fit_result_free);
      return;
    }
  g_clear_object (&self->cancellable);
  /* Cancelled, or ended before it saw the choices change: the latest
   * choices are fitted now. */
  if (result == NULL || self->refit)
    {
      g_clear_pointer (&result, fit_result_free);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && error != NULL)
        g_warning ("Could not fit the preview: %s", error->message);
      if (self->refit)
        strata_export_dialog_start_fit (self);
      return;
    }

  stop_busy (self);
  self->fitted = TRUE;
  self->fit = result->fit;
  g_clear_pointer (&self->layout, strata_layout_unref);
  self->layout = g_steal_pointer (&result->layout);
  self->type = result->type;
  g_clear_pointer (&self->image, cairo_surface_destroy);
  self->image = g_steal_pointer (&result->image);
  self->image_width = result->width;
  self->image_height = result->height;
  self->image_scale = result->scale_factor;
  fit_result_free (result);
  strata_export_dialog_update_size_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview_area));
}

/* Fits the preview to the choices in a thread, once the area has a size:
 * the fit of a page tries hundreds of layouts, which froze the window. */
void
strata_export_dialog_start_fit (StrataExportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  GtkWidget *area = GTK_WIDGET (self->preview_area);
  FitJob *job;
  GWeakRef *ref;

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      self->refit = TRUE;
      return;
    }
  /* Slides are drawn as they are shown; an area not yet allocated
   * starts its fit when it is, and during an export, when it failed (a
   * fit would only keep the export waiting, and closing after it). */
  self->refit = !self->steps;
  if (self->steps || gtk_widget_get_width (area) <= 0 || self->export_cancellable != NULL)
    {
      stop_busy (self);
      return;
    }
  self->refit = FALSE;

  job = g_new0 (FitJob, 1);
  job->network = g_object_ref (strata_export_dialog_get_copy (self));
  job->options = self->options;
  job->width = gtk_widget_get_width (area);
  job->height = gtk_widget_get_height (area);
  job->scale_factor = gtk_widget_get_scale_factor (area);
  ref = g_new (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, fit_done_cb, ref);
  g_task_set_source_tag (task, strata_export_dialog_start_fit);
  g_task_set_task_data (task, job, fit_job_free);
  strata_export_dialog_run (self, task, fit_thread);
  if (self->busy_id == 0 && !self->busy)
    self->busy_id = g_timeout_add (BUSY_DELAY_MS, busy_cb, self);
}

StrataNetwork *
strata_export_dialog_get_copy (StrataExportDialog *self)
{
  if (self->copy == NULL)
    self->copy = strata_history_copy_network (self->network);
  return self->copy;
}

/* What the worker runs: a task and its function, which returns it. */
typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} Work;

static void
work_run (gpointer data,
          gpointer user_data)
{
  Work *work = data;

  work->func (work->task, NULL, g_task_get_task_data (work->task),
              g_task_get_cancellable (work->task));
  g_object_unref (work->task);
  g_free (work);
}

/* A work the dialog's closing left waiting never runs: it ends as
 * cancelled, so that its callback frees what it holds. */
static void
work_drop (gpointer data)
{
  Work *work = data;

  g_task_return_new_error (work->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  g_object_unref (work->task);
  g_free (work);
}

void
strata_export_dialog_run (StrataExportDialog *self,
                          GTask              *task,
                          GTaskThreadFunc     func)
{
  Work *work = g_new (Work, 1);

  work->task = g_object_ref (task);
  work->func = func;
  g_thread_pool_push (self->worker, work, NULL);
}

/* The preview is drawn for the area's size: a new size, a new drawing. */
static void
preview_resized_cb (StrataExportDialog *self)
{
  GtkWidget *area = GTK_WIDGET (self->preview_area);

  if (self->fitted && self->image_width == gtk_widget_get_width (area) &&
      self->image_height == gtk_widget_get_height (area) &&
      self->image_scale == gtk_widget_get_scale_factor (area))
    return;
  strata_export_dialog_start_fit (self);
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  StrataExportDialog *self = user_data;
  double layout_width, layout_height;
  double scale, x, y;

  /* The image: the slides' page, the page, or the drawing's own size. */
  if (self->steps)
    {
      layout_width = STRATA_EXPORT_STEPS_WIDTH;
      layout_height = STRATA_EXPORT_STEPS_HEIGHT;
    }
  else if (self->fitted)
    {
      layout_width = self->fit.width;
      layout_height = self->fit.height;
    }
  else
    return;
  if (layout_width <= 0 || layout_height <= 0)
    return;

  place_preview (layout_width, layout_height, self->options.page.preset == STRATA_PAGE_NONE,
                 width, height, &scale, &x, &y);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  /* A checkerboard shows what transparency leaves. */
  if (self->options.transparent)
    {
      cairo_rectangle (cr, 0, 0, layout_width * scale, layout_height * scale);
      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
      for (double cy = 0; cy < layout_height * scale; cy += CHECKER)
        for (double cx = ((int) (cy / CHECKER) % 2) * CHECKER; cx < layout_width * scale;
             cx += 2 * CHECKER)
          cairo_rectangle (cr, cx, cy,
                           MIN (CHECKER, layout_width * scale - cx),
                           MIN (CHECKER, layout_height * scale - cy));
      cairo_fill (cr);
    }
  /* The image ends at its edge, whatever the renderer fills. */
  cairo_rectangle (cr, 0, 0, layout_width * scale, layout_height * scale);
  cairo_clip (cr);
  /* A step half way through shows what the others are like. */
  if (self->steps)
    {
      cairo_scale (cr, scale, scale);
      strata_slide_draw (cr, self->network, &self->slide_options,
                         strata_slide_get_n_steps (self->network) / 2, TRUE,
                         layout_width, layout_height);
    }
  else if (self->image != NULL)
    {
      double image_scale, image_x, image_y;

      /* Drawn for the area's size when the fit ended; until the fit for
       * its new size ends, scaled to it. */
      place_preview (layout_width, layout_height,
                     self->options.page.preset == STRATA_PAGE_NONE,
                     self->image_width, self->image_height, &image_scale, &image_x, &image_y);
      cairo_scale (cr, scale / image_scale, scale / image_scale);
      cairo_set_source_surface (cr, self->image, 0, 0);
      cairo_paint (cr);
    }
  cairo_restore (cr);

  /* The image's edge. */
  cairo_rectangle (cr, x - 0.5, y - 0.5, layout_width * scale + 1, layout_height * scale + 1);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

void
strata_export_dialog_preview_init (StrataExportDialog *self)
{
  g_autoptr(GError) error = NULL;

  /* Exclusive: the same thread for every work, as long as the dialog. */
  self->worker = g_thread_pool_new_full (work_run, NULL, work_drop, 1, TRUE, &error);
  if (self->worker == NULL)
    g_error ("Could not start the export window's thread: %s", error->message);
  gtk_drawing_area_set_draw_func (self->preview_area, draw_preview, self, NULL);
  g_signal_connect_object (self->preview_area, "resize", G_CALLBACK (preview_resized_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview_area, "notify::scale-factor",
                           G_CALLBACK (preview_resized_cb), self, G_CONNECT_SWAPPED);
}

void
strata_export_dialog_preview_dispose (StrataExportDialog *self)
{
  /* A fit still running stops at its next trial, an export at its next
   * strip or before it replaces the file; what waits never runs. Waited
   * for, so that nothing of the dialog's outlives it. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  if (self->worker != NULL)
    g_thread_pool_free (g_steal_pointer (&self->worker), TRUE, TRUE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->export_cancellable);
  self->refit = FALSE;
  g_clear_handle_id (&self->busy_id, g_source_remove);
  g_clear_pointer (&self->image, cairo_surface_destroy);
  g_clear_pointer (&self->layout, strata_layout_unref);
  g_clear_object (&self->copy);
}
