/* strata-window-print.c: printing the diagram (Ctrl+P), drawn as exports draw it and fitted to the page. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-window-private.h"

/* The layout to print, made when the user asks, so that what prints is
 * the network as it was then, whatever is edited while the dialog is
 * open. */
typedef struct
{
  StrataLayout *layout;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_pointer (&job->layout, strata_layout_unref);
  g_free (job);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double page_width = gtk_print_context_get_width (context);
  double page_height = gtk_print_context_get_height (context);
  double width = 0, height = 0, scale;

  strata_layout_get_size (job->layout, &width, &height);
  if (width <= 0 || height <= 0)
    return;

  /* The whole drawing on the page, as large as fits, centred; never
   * enlarged past twice its size, where a small network's labels would
   * be larger than any text around them. */
  scale = MIN (2.0, MIN (page_width / width, page_height / height));
  cairo_translate (cr, (page_width - width * scale) / 2, (page_height - height * scale) / 2);
  cairo_scale (cr, scale, scale);
  strata_layout_draw (job->layout, cr);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         StrataWindow            *self)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  strata_window_show_error (self, _("Could Not Print"),
                            error != NULL ? error->message : _("The printer refused the job"));
}

gboolean
strata_window_print (StrataWindow             *self,
                     GtkPrintOperationAction   action,
                     const char               *export_filename,
                     GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  StrataRenderOptions options;
  PrintJob *job = g_new0 (PrintJob, 1);
  double width = 0, height = 0;

  /* What Export writes, on white: paper has no transparency. */
  strata_window_init_render_options (self, &options);
  options.transparent = FALSE;
  options.selected = -1;
  job->layout = strata_layout_new (self->network, &options);
  g_object_set_data_full (G_OBJECT (operation), "strata-print-job", job,
                          (GDestroyNotify) print_job_free);

  /* One page, the drawing fitted to it: across the page when it is wide,
   * down it when tall. */
  gtk_print_operation_set_n_pages (operation, 1);
  strata_layout_get_size (job->layout, &width, &height);
  gtk_page_setup_set_orientation (page_setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                             : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, adw_window_title_get_title (self->window_title));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  /* With the dialog, printing goes on after this returns: its errors are
   * told then. */
  if (action == GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG)
    {
      gtk_print_operation_set_allow_async (operation, TRUE);
      g_signal_connect_object (operation, "done", G_CALLBACK (done_cb), self, 0);
    }

  return gtk_print_operation_run (operation, action, GTK_WINDOW (self), error) !=
         GTK_PRINT_OPERATION_RESULT_ERROR;
}
