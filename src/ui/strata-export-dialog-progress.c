/* strata-export-dialog-progress.c: the export's progress, told by its thread, shown in the window's bar. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-export-dialog-private.h"

/* The bar is shown again no sooner than this after it was last: an
 * export tells its fraction once a layer or a row, far more often than
 * anyone sees. */
#define UPDATE_INTERVAL_MS 33

/* What the export's thread and the main loop share: the thread writes
 * the latest fraction and, when none is waiting, adds one update to the
 * main loop, which shows it in the dialog if the dialog is still there
 * and still shows this export. */
struct _StrataExportShare
{
  gatomicrefcount  ref_count;
  GMutex           lock;
  double           fraction;      /* the latest told */
  gboolean         waiting;       /* an update is in the main loop */
  gint64           shown_at;      /* when the bar was last updated */
  GWeakRef         dialog;
};

static StrataExportShare *
share_ref (StrataExportShare *share)
{
  g_atomic_ref_count_inc (&share->ref_count);
  return share;
}

static void
share_unref (gpointer data)
{
  StrataExportShare *share = data;

  if (!g_atomic_ref_count_dec (&share->ref_count))
    return;
  g_mutex_clear (&share->lock);
  g_weak_ref_clear (&share->dialog);
  g_free (share);
}

/* Shows the latest fraction, in the main loop. */
static void
show_fraction (StrataExportShare *share)
{
  g_autoptr(StrataExportDialog) self = g_weak_ref_get (&share->dialog);
  double fraction;

  g_mutex_lock (&share->lock);
  fraction = share->fraction;
  share->waiting = FALSE;
  share->shown_at = g_get_monotonic_time ();
  g_mutex_unlock (&share->lock);

  /* Closed, onto another export since, or shown already. */
  if (self == NULL || self->export_share != share ||
      gtk_progress_bar_get_fraction (self->progress_bar) == fraction)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static gboolean
update_cb (gpointer user_data)
{
  show_fraction (user_data);
  return G_SOURCE_REMOVE;
}

void
strata_export_dialog_progress_cb (double   fraction,
                                  gpointer user_data)
{
  StrataExportShare *share = user_data;
  gint64 wait = 0;
  gboolean add;

  g_mutex_lock (&share->lock);
  share->fraction = fraction;
  add = !share->waiting;
  if (add)
    {
      share->waiting = TRUE;
      wait = share->shown_at + UPDATE_INTERVAL_MS * 1000 - g_get_monotonic_time ();
    }
  g_mutex_unlock (&share->lock);

  /* The source holds the share: it may run after the dialog is gone. */
  if (add)
    g_timeout_add_full (G_PRIORITY_DEFAULT, wait > 0 ? (guint) (wait / 1000) : 0, update_cb,
                        share_ref (share), share_unref);
}

StrataExportShare *
strata_export_dialog_progress_start (StrataExportDialog *self)
{
  StrataExportShare *share = g_new0 (StrataExportShare, 1);

  g_atomic_ref_count_init (&share->ref_count);
  g_mutex_init (&share->lock);
  g_weak_ref_init (&share->dialog, self);

  strata_export_dialog_progress_stop (self);
  self->export_share = share;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (self->progress_box, TRUE);
  return share_ref (share);
}

void
strata_export_dialog_progress_flush (StrataExportDialog *self)
{
  if (self->export_share != NULL)
    show_fraction (self->export_share);
}

void
strata_export_dialog_progress_stop (StrataExportDialog *self)
{
  g_clear_pointer (&self->export_share, share_unref);
  gtk_widget_set_visible (self->progress_box, FALSE);
}

void
strata_export_dialog_progress_unref (StrataExportShare *share)
{
  share_unref (share);
}

void
strata_export_dialog_progress_set_text (StrataExportDialog *self,
                                        const char         *text)
{
  gtk_progress_bar_set_text (self->progress_bar, text);
  /* A screen reader names the bar with what it shows. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}
