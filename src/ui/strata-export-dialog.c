/* strata-export-dialog.c: choose format and style, see a live preview, export or copy. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "strata-export.h"
#include "strata-export-choices.h"
#include "strata-export-dialog.h"
#include "strata-history.h"
#include "strata-image-content.h"
#include "strata-settings.h"
#include "strata-slide.h"

#define PREVIEW_MARGIN 16.0
#define CHECKER 8.0
/* A fit shorter than this shows no spinner, which would only flicker. */
#define BUSY_DELAY_MS 200

struct _StrataExportDialog
{
  AdwWindow            parent_instance;

  StrataNetwork       *network;
  /* How the window draws: what a choice not remembered starts from. */
  StrataRenderOptions  defaults;
  StrataRenderOptions  options;
  /* With build-up slides: the options the slides are drawn with. */
  gboolean             steps;
  StrataRenderOptions  slide_options;

  /* The preview is fitted and drawn in a thread, on a copy of the network
   * (the window is modal: the network does not change while it is open),
   * one fit at a time: a choice made during one cancels it, and the next
   * starts with the latest choices once it has stopped. */
  StrataNetwork       *copy;
  GCancellable        *cancellable;  /* of the fit running, or NULL */
  gboolean             refit;        /* choices changed since it started */
  guint                busy_id;
  /* What the last fit finished gave: the fit, its smallest type, and the
   * image drawn for an area of image_width × image_height pixels. */
  gboolean             fitted;
  StrataPageFit        fit;
  double               type;
  cairo_surface_t     *image;
  int                  image_width;
  int                  image_height;
  int                  image_scale;

  AdwToastOverlay     *toast_overlay;
  GtkSpinner          *spinner;
  AdwComboRow         *format_row;
  AdwComboRow         *page_row;
  AdwActionRow        *page_width_row;
  GtkSpinButton       *page_width_spin;
  AdwActionRow        *page_height_row;
  GtkSpinButton       *page_height_spin;
  AdwActionRow        *dpi_row;
  GtkSpinButton       *dpi_spin;
  AdwActionRow        *transparent_row;
  GtkSwitch           *transparent_switch;
  GtkSwitch           *steps_switch;
  AdwComboRow         *style_row;
  AdwComboRow         *layout_row;
  AdwActionRow        *dimensions_row;
  GtkSwitch           *dimensions_switch;
  AdwComboRow         *theme_row;
  AdwComboRow         *scale_row;
  GtkSwitch           *params_switch;
  GtkSwitch           *kernels_switch;
  GtkSwitch           *legend_switch;
  GtkSwitch           *groups_switch;
  AdwActionRow        *collapse_row;
  GtkSwitch           *collapse_switch;
  GtkSwitch           *title_switch;
  GtkDrawingArea      *preview_area;
  GtkLabel            *size_label;
};

G_DEFINE_FINAL_TYPE (StrataExportDialog, strata_export_dialog, ADW_TYPE_WINDOW)

static const char * const extensions[] = { "png", "svg", "pdf" };

static StrataExportFormat
get_format (StrataExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  return selected < G_N_ELEMENTS (extensions) ? selected : STRATA_EXPORT_FORMAT_PNG;
}

static double
get_dpi (StrataExportDialog *self)
{
  return gtk_spin_button_get_value (self->dpi_spin);
}

static void
update_size_label (StrataExportDialog *self)
{
  double width = 0, height = 0, scale = 1, dpi = 72;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;
  g_autofree char *w = NULL;
  g_autofree char *h = NULL;
  gboolean png = get_format (self) == STRATA_EXPORT_FORMAT_PNG;

  if (!self->steps && gtk_widget_get_visible (GTK_WIDGET (self->spinner)))
    {
      gtk_label_set_label (self->size_label, _("Fitting to the page…"));
      return;
    }
  if (!self->fitted && !self->steps)
    return;

  width = self->fit.width;
  height = self->fit.height;
  if (self->steps)
    {
      width = STRATA_EXPORT_STEPS_WIDTH;
      height = STRATA_EXPORT_STEPS_HEIGHT;
    }
  if (png)
    {
      dpi = strata_export_png_dpi (width, height, get_dpi (self));
      scale = dpi / 72.0;
    }
  /* Grouped as the locale groups numbers: 8,136 × 1,358. */
  w = strata_format_count ((guint64) ceil (width * scale));
  h = strata_format_count ((guint64) ceil (height * scale));
  if (png && dpi < get_dpi (self))
    /* Translators: an image's size in pixels, drawn at a lower DPI than
     * the one asked for */
    size = g_strdup_printf (_("%s × %s pixels, at %.1f DPI: the largest image viewers open"),
                            w, h, dpi);
  else if (png)
    /* Translators: an image's size in pixels */
    size = g_strdup_printf (_("%s × %s pixels"), w, h);
  else
    /* Translators: a drawing's size in points (1/72 inch) */
    size = g_strdup_printf (_("%s × %s points"), w, h);

  if (self->steps)
    {
      guint n_steps = strata_slide_get_n_steps (self->network);

      if (get_format (self) == STRATA_EXPORT_FORMAT_PDF)
        /* Translators: the build-up slides' count and size, e.g. "8 pages of 960 × 540 points" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page of %s", "%u pages of %s",
                                             n_steps),
                                n_steps, size);
      else
        /* Translators: the build-up slides' count and size, e.g. "8 files of 1,920 × 1,080 pixels" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file of %s", "%u files of %s",
                                             n_steps),
                                n_steps, size);
    }
  /* On a page, the type is what the fit chose: say it, and say when it is
   * under what the page should have. */
  else if (self->options.page.preset != STRATA_PAGE_NONE)
    {
      double type = self->type;

      if (type < self->options.page.min_type - 1e-6)
        /* Translators: an image's size, then the size of its smallest text in points */
        text = g_strdup_printf (_("%s · smallest text %.1f pt, under the page’s %g pt"), size,
                                type, self->options.page.min_type);
      else
        /* Translators: an image's size, then the size of its smallest text in points */
        text = g_strdup_printf (_("%s · smallest text %.1f pt"), size, type);
    }
  gtk_label_set_label (self->size_label, text != NULL ? text : size);
}

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
  g_free (result);
}

/* The fit, and the preview drawn from it in the same thread: its labels
 * are set with this thread's fonts (Pango's font map is a thread's own),
 * so the layout never leaves it and the main thread gets pixels. */
static void
fit_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  FitJob *job = task_data;
  g_autoptr(StrataLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  FitResult *result = g_new0 (FitResult, 1);
  double scale, x, y;
  cairo_t *cr;

  layout = strata_layout_new_for_page_cancellable (job->network, &job->options, cancellable,
                                                   &result->fit, &error);
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

/* A fit that takes long says so. */
static gboolean
busy_cb (gpointer user_data)
{
  StrataExportDialog *self = user_data;

  self->busy_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  update_size_label (self);
  return G_SOURCE_REMOVE;
}

static void
stop_busy (StrataExportDialog *self)
{
  g_clear_handle_id (&self->busy_id, g_source_remove);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}

static void start_fit (StrataExportDialog *self);

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
        start_fit (self);
      return;
    }

  stop_busy (self);
  self->fitted = TRUE;
  self->fit = result->fit;
  self->type = result->type;
  g_clear_pointer (&self->image, cairo_surface_destroy);
  self->image = g_steal_pointer (&result->image);
  self->image_width = result->width;
  self->image_height = result->height;
  self->image_scale = result->scale_factor;
  fit_result_free (result);
  update_size_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview_area));
}

/* Fits the preview to the choices in a thread, once the area has a size:
 * the fit of a page tries hundreds of layouts, which froze the window. */
static void
start_fit (StrataExportDialog *self)
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
   * starts its fit when it is. */
  self->refit = !self->steps;
  if (self->steps || gtk_widget_get_width (area) <= 0)
    {
      stop_busy (self);
      return;
    }
  self->refit = FALSE;

  if (self->copy == NULL)
    self->copy = strata_history_copy_network (self->network);
  job = g_new0 (FitJob, 1);
  job->network = g_object_ref (self->copy);
  job->options = self->options;
  job->width = gtk_widget_get_width (area);
  job->height = gtk_widget_get_height (area);
  job->scale_factor = gtk_widget_get_scale_factor (area);
  ref = g_new (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, fit_done_cb, ref);
  g_task_set_source_tag (task, start_fit);
  g_task_set_task_data (task, job, fit_job_free);
  g_task_run_in_thread (task, fit_thread);
  if (self->busy_id == 0 && !gtk_widget_get_visible (GTK_WIDGET (self->spinner)))
    self->busy_id = g_timeout_add (BUSY_DELAY_MS, busy_cb, self);
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
  start_fit (self);
}

/* Reads every control into the options and rebuilds the preview. */
static void
options_changed (StrataExportDialog *self)
{
  gboolean png = get_format (self) == STRATA_EXPORT_FORMAT_PNG;
  StrataPagePreset preset = adw_combo_row_get_selected (self->page_row);

  /* The rows list the presets in their enum's order. */
  if (preset > STRATA_PAGE_CUSTOM)
    preset = STRATA_PAGE_NONE;
  strata_page_init (&self->options.page, preset,
                    gtk_spin_button_get_value (self->page_width_spin) * 72,
                    gtk_spin_button_get_value (self->page_height_spin) * 72);
  self->options.style = adw_combo_row_get_selected (self->style_row);
  self->options.arrangement = adw_combo_row_get_selected (self->layout_row);
  self->options.dimensions_on_edges = gtk_switch_get_active (self->dimensions_switch);
  self->options.theme = adw_combo_row_get_selected (self->theme_row);
  self->options.scale = adw_combo_row_get_selected (self->scale_row);
  self->options.show_params = gtk_switch_get_active (self->params_switch);
  self->options.show_kernels = gtk_switch_get_active (self->kernels_switch);
  self->options.show_legend = gtk_switch_get_active (self->legend_switch);
  self->options.group_repeats = gtk_switch_get_active (self->groups_switch);
  self->options.collapse_repeats = gtk_switch_get_active (self->collapse_switch);
  self->options.show_title = gtk_switch_get_active (self->title_switch);
  self->steps = gtk_switch_get_active (self->steps_switch);
  /* Slides have a background: the caption is drawn on it. */
  self->options.transparent = png && !self->steps &&
                              gtk_switch_get_active (self->transparent_switch);
  self->options.selected = STRATA_LAYOUT_NONE;

  /* The bars style lists a layer a line, whatever the layout. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->layout_row),
                            self->options.style != STRATA_DIAGRAM_STYLE_BARS);
  gtk_widget_set_sensitive (GTK_WIDGET (self->collapse_row), self->options.group_repeats);
  /* The bars style has no blocks to write dimensions on. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->dimensions_row),
                            self->options.style != STRATA_DIAGRAM_STYLE_BARS);
  gtk_widget_set_visible (GTK_WIDGET (self->dpi_row), png);
  gtk_widget_set_visible (GTK_WIDGET (self->transparent_row), png && !self->steps);
  gtk_widget_set_visible (GTK_WIDGET (self->page_width_row), preset == STRATA_PAGE_CUSTOM);
  gtk_widget_set_visible (GTK_WIDGET (self->page_height_row), preset == STRATA_PAGE_CUSTOM);
  if (self->steps)
    strata_slide_fit_options (self->network, &self->options, STRATA_EXPORT_STEPS_WIDTH,
                              STRATA_EXPORT_STEPS_HEIGHT, TRUE, &self->slide_options);

  start_fit (self);
  update_size_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview_area));
}

static void
control_changed_cb (StrataExportDialog *self)
{
  options_changed (self);
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

/* The next export starts from the page and the choices of this one (the
 * DPI is remembered as it changes, for Copy Image too). */
static void
remember_choices (StrataExportDialog *self)
{
  StrataSettings *settings = strata_settings_get_default ();

  strata_settings_set_export_page (settings, &self->options.page);
  strata_settings_set_export_choices (settings, strata_export_choices_get (self, &self->defaults));
}

/* Writes the image to @path and closes; a failure is shown and keeps the
 * dialog open, with every choice, to try elsewhere. */
static void
export_to_path (StrataExportDialog *self,
                const char         *chosen)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  StrataExportFormat format = get_format (self);

  /* The format chosen here wins over a missing or different extension. */
  if (g_str_has_suffix (chosen, extensions[format]))
    path = g_strdup (chosen);
  else
    path = g_strdup_printf ("%s.%s", chosen, extensions[format]);

  remember_choices (self);
  if (self->steps ? !strata_export_steps_to_file (self->network, &self->options, format,
                                                   get_dpi (self), STRATA_EXPORT_STEPS_WIDTH,
                                                   STRATA_EXPORT_STEPS_HEIGHT, path, &error)
                  : !strata_export_to_file (self->network, &self->options, format, get_dpi (self),
                                            path, &error))
    {
      GtkWidget *dialog;

      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export the Image"),
                                       error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
save_response_cb (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  StrataExportDialog *self = STRATA_EXPORT_DIALOG (user_data);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_object_unref (native);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    export_to_path (self, path);
}

/* What the file chooser does once the user picked a file. */
static void
save_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  export_to_path (STRATA_EXPORT_DIALOG (widget), g_variant_get_string (parameter, NULL));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StrataExportDialog *self = STRATA_EXPORT_DIALOG (widget);
  GtkFileChooserNative *native;
  const char *name = strata_network_get_name (self->network);
  g_autofree char *base = NULL;
  g_autofree char *file_name = NULL;

  native = gtk_file_chooser_native_new (_("Export Image"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* Translators: the file name offered for an exported image, without extension */
  base = g_strdup (name != NULL ? name : _("network"));
  g_strdelimit (base, "/\\:", '-');
  file_name = g_strdup_printf ("%s.%s", base, extensions[get_format (self)]);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), file_name);

  g_signal_connect_object (native, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StrataExportDialog *self = STRATA_EXPORT_DIALOG (widget);
  StrataRenderOptions options = self->options;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;

  options.transparent = gtk_switch_get_active (self->transparent_switch);
  remember_choices (self);
  provider = strata_image_content_new (self->network, &options, get_dpi (self), &error);
  if (provider == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Image copied")));
}

/* The DPI chosen is remembered, for the next export and for Copy Image. */
static void
dpi_changed_cb (StrataExportDialog *self)
{
  strata_settings_set_image_dpi (strata_settings_get_default (), (int) lround (get_dpi (self)));
}

static void
strata_export_dialog_dispose (GObject *object)
{
  StrataExportDialog *self = STRATA_EXPORT_DIALOG (object);

  /* A fit still running stops at its next trial, its copy with it. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->refit = FALSE;
  g_clear_handle_id (&self->busy_id, g_source_remove);
  g_clear_pointer (&self->image, cairo_surface_destroy);
  g_clear_object (&self->copy);
  g_clear_object (&self->network);
  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (strata_export_dialog_parent_class)->dispose (object);
}

static void
strata_export_dialog_class_init (StrataExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/ui/strata-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, page_row);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, page_width_row);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, page_width_spin);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, page_height_row);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, page_height_spin);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, dpi_row);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, dpi_spin);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, transparent_row);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, transparent_switch);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, steps_switch);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, style_row);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, layout_row);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, dimensions_row);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, dimensions_switch);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, params_switch);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, kernels_switch);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, legend_switch);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, groups_switch);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, collapse_row);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, collapse_switch);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, title_switch);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, preview_area);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, size_label);

  gtk_widget_class_install_action (widget_class, "export.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "export.save-to", "s", save_to_action);
  gtk_widget_class_install_action (widget_class, "export.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "export.copy", NULL);
}

static void
strata_export_dialog_init (StrataExportDialog *self)
{
  GObject *rows[6];
  GObject *switches[9];

  gtk_widget_init_template (GTK_WIDGET (self));

  rows[0] = G_OBJECT (self->format_row);
  rows[1] = G_OBJECT (self->style_row);
  rows[2] = G_OBJECT (self->theme_row);
  rows[3] = G_OBJECT (self->scale_row);
  rows[4] = G_OBJECT (self->page_row);
  rows[5] = G_OBJECT (self->layout_row);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_object (rows[i], "notify::selected", G_CALLBACK (control_changed_cb),
                             self, G_CONNECT_SWAPPED);

  switches[0] = G_OBJECT (self->params_switch);
  switches[1] = G_OBJECT (self->kernels_switch);
  switches[2] = G_OBJECT (self->legend_switch);
  switches[3] = G_OBJECT (self->title_switch);
  switches[4] = G_OBJECT (self->transparent_switch);
  switches[5] = G_OBJECT (self->steps_switch);
  switches[6] = G_OBJECT (self->groups_switch);
  switches[7] = G_OBJECT (self->collapse_switch);
  switches[8] = G_OBJECT (self->dimensions_switch);
  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    g_signal_connect_object (switches[i], "notify::active", G_CALLBACK (control_changed_cb),
                             self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dpi_spin, "value-changed", G_CALLBACK (update_size_label),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dpi_spin, "value-changed", G_CALLBACK (dpi_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_width_spin, "value-changed", G_CALLBACK (control_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_height_spin, "value-changed",
                           G_CALLBACK (control_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_drawing_area_set_draw_func (self->preview_area, draw_preview, self, NULL);
  g_signal_connect_object (self->preview_area, "resize", G_CALLBACK (preview_resized_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview_area, "notify::scale-factor",
                           G_CALLBACK (preview_resized_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
strata_export_dialog_new (GtkWindow                 *parent,
                          StrataNetwork             *network,
                          const StrataRenderOptions *defaults)
{
  StrataExportDialog *self;
  StrataRenderOptions options;
  StrataSettings *settings = strata_settings_get_default ();
  StrataPage page;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);

  if (defaults != NULL)
    options = *defaults;
  else
    strata_render_options_init (&options);

  self = g_object_new (STRATA_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->network = g_object_ref (network);
  /* What no control sets, such as where rows break, comes from the defaults. */
  self->defaults = options;
  self->options = options;

  /* Each control notifies and rebuilds the preview once the network is set. */
  strata_settings_get_export_page (settings, &page);
  if (page.preset == STRATA_PAGE_CUSTOM)
    {
      gtk_spin_button_set_value (self->page_width_spin, page.width / 72);
      gtk_spin_button_set_value (self->page_height_spin, page.height / 72);
    }
  adw_combo_row_set_selected (self->page_row, page.preset);
  strata_export_choices_set (self, &self->defaults, strata_settings_get_export_choices (settings));
  gtk_spin_button_set_value (self->dpi_spin, strata_settings_get_image_dpi (settings));
  options_changed (self);
  return GTK_WIDGET (self);
}

GtkWidget *
strata_export_dialog_get_control (StrataExportDialog *self,
                                  const char         *name)
{
  static const struct { const char *name; gsize offset; } controls[] = {
    { "format", G_STRUCT_OFFSET (StrataExportDialog, format_row) },
    { "dpi", G_STRUCT_OFFSET (StrataExportDialog, dpi_spin) },
    { "page", G_STRUCT_OFFSET (StrataExportDialog, page_row) },
    { "page-width", G_STRUCT_OFFSET (StrataExportDialog, page_width_spin) },
    { "page-height", G_STRUCT_OFFSET (StrataExportDialog, page_height_spin) },
    { "transparent", G_STRUCT_OFFSET (StrataExportDialog, transparent_switch) },
    { "style", G_STRUCT_OFFSET (StrataExportDialog, style_row) },
    { "layout", G_STRUCT_OFFSET (StrataExportDialog, layout_row) },
    { "dimensions", G_STRUCT_OFFSET (StrataExportDialog, dimensions_switch) },
    { "theme", G_STRUCT_OFFSET (StrataExportDialog, theme_row) },
    { "scale", G_STRUCT_OFFSET (StrataExportDialog, scale_row) },
    { "params", G_STRUCT_OFFSET (StrataExportDialog, params_switch) },
    { "kernels", G_STRUCT_OFFSET (StrataExportDialog, kernels_switch) },
    { "legend", G_STRUCT_OFFSET (StrataExportDialog, legend_switch) },
    { "groups", G_STRUCT_OFFSET (StrataExportDialog, groups_switch) },
    { "collapse", G_STRUCT_OFFSET (StrataExportDialog, collapse_switch) },
    { "title", G_STRUCT_OFFSET (StrataExportDialog, title_switch) },
    { "steps", G_STRUCT_OFFSET (StrataExportDialog, steps_switch) },
  };

  g_return_val_if_fail (STRATA_IS_EXPORT_DIALOG (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    if (g_str_equal (controls[i].name, name))
      return G_STRUCT_MEMBER (GtkWidget *, self, controls[i].offset);
  return NULL;
}

const StrataRenderOptions *
strata_export_dialog_get_options (StrataExportDialog *self)
{
  g_return_val_if_fail (STRATA_IS_EXPORT_DIALOG (self), NULL);

  return &self->options;
}

gboolean
strata_export_dialog_get_preview (StrataExportDialog *self,
                                  StrataPageFit      *fit)
{
  g_return_val_if_fail (STRATA_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (fit != NULL, FALSE);

  if (self->cancellable != NULL || !self->fitted || self->steps)
    return FALSE;
  *fit = self->fit;
  return TRUE;
}
