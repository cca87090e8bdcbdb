/* strata-export-dialog-private.h: what the export window's source files share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-export-dialog.h"

G_BEGIN_DECLS

typedef struct _StrataExportShare StrataExportShare;

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
   * (made again when the network changes), one fit at a time: a choice
   * made during one cancels it, and the next starts with the latest
   * choices once it has stopped. Fits and exports run in turn in one
   * thread of the window's own, where the layout a fit made can be
   * written as it is: its labels are set with that thread's fonts. */
  GThreadPool         *worker;
  StrataNetwork       *copy;
  GCancellable        *cancellable;  /* of the fit running, or NULL */
  gboolean             refit;        /* choices changed since it started */
  guint                busy_id;
  gboolean             busy;         /* the fit has taken long enough to say so */
  /* What the last fit finished gave: the fit, its layout (only ever
   * touched in the worker), its smallest type, and the image drawn for an
   * area of image_width × image_height pixels. */
  gboolean             fitted;
  StrataPageFit        fit;
  StrataLayout        *layout;
  double               type;
  cairo_surface_t     *image;
  int                  image_width;
  int                  image_height;
  int                  image_scale;
  /* The export running, or NULL, and what its thread tells of its progress. */
  GCancellable        *export_cancellable;
  char                *export_name;
  StrataExportShare   *export_share;

  AdwToastOverlay     *toast_overlay;
  GtkWidget           *controls;
  GtkSpinner          *spinner;
  GtkWidget           *progress_box;
  GtkProgressBar      *progress_bar;
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

/* strata-export-dialog.c: says the image's size, and on a page its
 * smallest type, under the preview. */
void strata_export_dialog_update_size_label (StrataExportDialog *self);

/* strata-export-dialog-preview.c: the preview, fitted and drawn in a thread. */
void strata_export_dialog_preview_init      (StrataExportDialog *self);
void strata_export_dialog_preview_dispose   (StrataExportDialog *self);
void strata_export_dialog_start_fit         (StrataExportDialog *self);
/* Runs @func on @task in the worker, after what runs there already. */
void strata_export_dialog_run               (StrataExportDialog *self,
                                             GTask              *task,
                                             GTaskThreadFunc     func);
/* The spinner shows a fit that takes long, but for an export's. */
void strata_export_dialog_update_spinner    (StrataExportDialog *self);
/* The copy of the network the worker reads, made when none is current. */
StrataNetwork *strata_export_dialog_get_copy (StrataExportDialog *self);

/* strata-export-dialog-progress.c: the progress bar of an export. Start
 * shows it at 0 for a new export and returns what the export's thread
 * gives strata_export_dialog_progress_cb() (a StrataExportProgressFunc),
 * to unref once the export is over; the bar shows the latest fraction at
 * most about 30 times a second, and at once with flush. Stop hides it. */
StrataExportShare *strata_export_dialog_progress_start (StrataExportDialog *self);
void strata_export_dialog_progress_cb       (double              fraction,
                                             gpointer            user_data);
void strata_export_dialog_progress_unref    (StrataExportShare  *share);
void strata_export_dialog_progress_flush    (StrataExportDialog *self);
void strata_export_dialog_progress_stop     (StrataExportDialog *self);
/* What the bar says, and its name for screen readers. */
void strata_export_dialog_progress_set_text (StrataExportDialog *self,
                                             const char         *text);

G_END_DECLS
