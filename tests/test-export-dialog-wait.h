/* test-export-dialog-wait.h: waiting for the export window's export to end. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "strata-export-dialog.h"

/* Whether the export window's choices can be changed: not while it exports. */
static inline gboolean
export_idle (StrataExportDialog *dialog)
{
  return gtk_widget_is_sensitive (strata_export_dialog_get_control (dialog, "format"));
}

/* Turns the main loop until @dialog's export has ended, which it must
 * have by @deadline (monotonic time). */
static inline void
wait_export_idle (StrataExportDialog *dialog,
                  gint64              deadline)
{
  while (!export_idle (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (export_idle (dialog));
}
