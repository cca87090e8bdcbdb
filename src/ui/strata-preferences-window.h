/* strata-preferences-window.h: the default diagram style, theme and block sizes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "strata-settings.h"

G_BEGIN_DECLS

#define STRATA_TYPE_PREFERENCES_WINDOW (strata_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (StrataPreferencesWindow, strata_preferences_window,
                      STRATA, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *strata_preferences_window_new         (GtkWindow               *parent,
                                                  StrataSettings          *settings);
/* The row of "style", "theme", "scale", "palette" or "contrast", or the
 * switch of "numbers", for tests. */
GtkWidget *strata_preferences_window_get_row     (StrataPreferencesWindow *self,
                                                  const char              *name);

G_END_DECLS
