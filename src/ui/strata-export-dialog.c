/* strata-export-dialog.c: the export window's controls: choose format and style, export or copy. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "strata-export.h"
#include "strata-export-choices.h"
#include "strata-export-dialog-private.h"
#include "strata-image-content.h"
#include "strata-settings.h"
#include "strata-slide.h"

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

void
strata_export_dialog_update_size_label (StrataExportDialog *self)
{
  double width = 0, height = 0, scale = 1, dpi = 72;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;
  g_autofree char *w = NULL;
  g_autofree char *h = NULL;
  gboolean png = get_format (self) == STRATA_EXPORT_FORMAT_PNG;

  /* The progress bar says what runs; the label, what is written, once
   * the preview's fit says it. */
  if (self->export_cancellable != NULL)
    {
      g_autofree char *exporting = NULL;

      if (g_cancellable_is_cancelled (self->export_cancellable))
        exporting = g_strdup (_("Cancelling…"));
      else
        /* Translators: said on the progress bar while the file is written */
        exporting = g_strdup_printf (_("Exporting “%s”…"), self->export_name);
      strata_export_dialog_progress_set_text (self, exporting);
      if (!self->steps && (self->busy || !self->fitted))
        {
          gtk_label_set_label (self->size_label, "");
          return;
        }
    }
  else if (!self->steps && self->busy)
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

  strata_export_dialog_start_fit (self);
  strata_export_dialog_update_size_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview_area));
}

static void
control_changed_cb (StrataExportDialog *self)
{
  options_changed (self);
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

/* What an export writes: the layout the preview fitted, or a copy of the
 * network to fit (or to draw as slides), as it was when Export was
 * pressed, whatever happens to the network after. */
typedef struct
{
  StrataLayout        *layout;
  StrataPageFit        fit;
  StrataNetwork       *network;
  StrataRenderOptions  options;
  gboolean             steps;
  StrataExportFormat   format;
  double               dpi;
  char                *path;
  StrataExportShare   *share;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_pointer (&job->layout, strata_layout_unref);
  g_clear_object (&job->network);
  g_free (job->path);
  g_clear_pointer (&job->share, strata_export_dialog_progress_unref);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  gboolean done;

  if (job->layout != NULL)
    done = strata_export_layout_to_file (job->layout, &job->fit, job->format, job->dpi, job->path,
                                         cancellable, strata_export_dialog_progress_cb,
                                         job->share, &error);
  else if (job->steps)
    done = strata_export_steps_to_file_cancellable (job->network, &job->options, job->format,
                                                    job->dpi, STRATA_EXPORT_STEPS_WIDTH,
                                                    STRATA_EXPORT_STEPS_HEIGHT, job->path,
                                                    cancellable, strata_export_dialog_progress_cb,
                                                    job->share, &error);
  else
    done = strata_export_to_file_cancellable (job->network, &job->options, job->format, job->dpi,
                                              job->path, cancellable,
                                              strata_export_dialog_progress_cb, job->share,
                                              &error);
  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* While an export runs, the choices stay as they were when it started,
 * Cancel stops it, and the bar shows how far it is; @job (of the export
 * starting, or NULL once it is over) is given what its thread tells. */
static void
set_exporting (StrataExportDialog *self,
               ExportJob          *job)
{
  gboolean exporting = job != NULL;

  g_clear_object (&self->export_cancellable);
  g_clear_pointer (&self->export_name, g_free);
  if (exporting)
    {
      self->export_cancellable = g_cancellable_new ();
      self->export_name = g_filename_display_basename (job->path);
      job->share = strata_export_dialog_progress_start (self);
    }
  else
    strata_export_dialog_progress_stop (self);
  gtk_widget_set_sensitive (self->controls, !exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", !exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save-to", !exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.copy", !exporting);
  strata_export_dialog_update_spinner (self);
  strata_export_dialog_update_size_label (self);
}

/* The file is written, and the dialog closes; a failure is shown and
 * keeps the dialog open, with every choice, to try elsewhere. */
static void
export_done_cb (GObject      *source_object,
                GAsyncResult *res,
                gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(StrataExportDialog) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  gboolean done = g_task_propagate_boolean (G_TASK (res), &error);
  GtkWidget *dialog;

  g_weak_ref_clear (ref);
  g_free (ref);
  if (self == NULL || self->network == NULL)
    return;
  /* The file in place: the bar at its end, as the window closes. */
  strata_export_dialog_progress_flush (self);
  set_exporting (self, NULL);
  if (done)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (self->refit)
    strata_export_dialog_start_fit (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export the Image"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Writes the image to @path in the worker: the fit and a large PNG take
 * seconds, which froze the window. */
static void
export_to_path (StrataExportDialog *self,
                const char         *chosen)
{
  g_autoptr(GTask) task = NULL;
  StrataExportFormat format = get_format (self);
  ExportJob *job = g_new0 (ExportJob, 1);
  GWeakRef *ref;

  /* The format chosen here wins over a missing or different extension. */
  if (g_str_has_suffix (chosen, extensions[format]))
    job->path = g_strdup (chosen);
  else
    job->path = g_strdup_printf ("%s.%s", chosen, extensions[format]);
  job->format = format;
  job->dpi = get_dpi (self);
  job->steps = self->steps;
  job->options = self->options;
  /* The preview shows the choices as they are, of the network as it is:
   * the file is its layout, which a fit would only find again. */
  if (!self->steps && self->layout != NULL && self->cancellable == NULL && !self->refit)
    {
      job->layout = strata_layout_ref (self->layout);
      job->fit = self->fit;
    }
  else
    {
      job->network = g_object_ref (strata_export_dialog_get_copy (self));
      /* The export fits the page itself, before the preview fits it again. */
      if (self->cancellable != NULL)
        {
          g_cancellable_cancel (self->cancellable);
          self->refit = TRUE;
        }
    }

  remember_choices (self);
  set_exporting (self, job);
  ref = g_new (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  task = g_task_new (NULL, self->export_cancellable, export_done_cb, ref);
  g_task_set_source_tag (task, export_to_path);
  g_task_set_task_data (task, job, export_job_free);
  strata_export_dialog_run (self, task, export_thread);
}

/* Cancel stops an export that runs, or else closes the dialog. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StrataExportDialog *self = STRATA_EXPORT_DIALOG (widget);

  if (self->export_cancellable != NULL && !g_cancellable_is_cancelled (self->export_cancellable))
    {
      g_cancellable_cancel (self->export_cancellable);
      strata_export_dialog_update_size_label (self);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* The preview follows the network: a copy of it as it is now is fitted. */
static void
network_changed_cb (StrataExportDialog *self)
{
  g_clear_object (&self->copy);
  options_changed (self);
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

  strata_export_dialog_preview_dispose (self);
  g_clear_pointer (&self->export_share, strata_export_dialog_progress_unref);
  g_clear_pointer (&self->export_name, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, controls);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, StrataExportDialog, progress_bar);
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
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
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
  g_signal_connect_object (self->dpi_spin, "value-changed",
                           G_CALLBACK (strata_export_dialog_update_size_label), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dpi_spin, "value-changed", G_CALLBACK (dpi_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_width_spin, "value-changed", G_CALLBACK (control_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_height_spin, "value-changed",
                           G_CALLBACK (control_changed_cb), self, G_CONNECT_SWAPPED);

  strata_export_dialog_preview_init (self);
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
  g_signal_connect_object (network, "items-changed", G_CALLBACK (network_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "layer-changed", G_CALLBACK (network_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "groups-changed", G_CALLBACK (network_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "notify", G_CALLBACK (network_changed_cb), self,
                           G_CONNECT_SWAPPED);
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
    { "progress", G_STRUCT_OFFSET (StrataExportDialog, progress_bar) },
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
