/* strata-window.h: a window editing one network: layer list, editor, canvas and totals. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "strata-import.h"
#include "strata-network.h"

G_BEGIN_DECLS

#define STRATA_TYPE_WINDOW (strata_window_get_type ())

G_DECLARE_FINAL_TYPE (StrataWindow, strata_window, STRATA, WINDOW, AdwApplicationWindow)

StrataWindow  *strata_window_new          (GtkApplication *application);
StrataNetwork *strata_window_get_network  (StrataWindow   *self);
/* The file the document was loaded from or saved to; NULL when none. */
GFile         *strata_window_get_file     (StrataWindow   *self);
gboolean       strata_window_get_modified (StrataWindow   *self);

/* Loads into this window; a failure is shown in a dialog and returns FALSE. */
gboolean       strata_window_open_file    (StrataWindow   *self,
                                           GFile          *file);
gboolean       strata_window_open_example (StrataWindow   *self,
                                           const char     *id);
/* Loads a file in any format Strata reads, with @options (nullable) for
 * its input, without showing an error: the caller says what went wrong.
 * A .strata file is the document; a model of another program becomes a
 * new unsaved document, its warnings shown in the window. */
gboolean       strata_window_load_file    (StrataWindow               *self,
                                           GFile                      *file,
                                           const StrataImportOptions  *options,
                                           GError                    **error);
/* The same, read in a thread, errors shown; a model that does not give
 * its input shape (PyTorch's print) asks for it. */
void           strata_window_import_file  (StrataWindow               *self,
                                           GFile                      *file,
                                           const StrataImportOptions  *options);
/* Text of a model (PyTorch's print, Keras JSON…) as a new document. */
void           strata_window_import_text  (StrataWindow               *self,
                                           const char                 *text,
                                           const StrataImportOptions  *options);
/* Asks for the input shape of @text, what PyTorch prints for a model,
 * then imports it; other text is refused with a toast. */
void           strata_window_paste_model  (StrataWindow               *self,
                                           const char                 *text);
/* Whether an import is being read. */
gboolean       strata_window_is_importing (StrataWindow               *self);
/* Shows a draft left by an earlier run, unsaved, and says so; its
 * contents read by strata_drafts_load() and the states of its undo and
 * redo by strata_drafts_load_history() (in a thread for a large one),
 * which undo and redo go through again. */
void           strata_window_recover_draft (StrataWindow       *self,
                                            const char         *id,
                                            StrataNetwork      *network,
                                            GFile              *file,
                                            const char         *example_id,
                                            const char * const *undo,
                                            const char * const *redo);
void           strata_window_show_open_error (StrataWindow *self,
                                              GFile        *file,
                                              const GError *error);

G_END_DECLS
