/* strata-drafts.h: copies of unsaved documents, kept until they are saved or discarded. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "strata-network.h"

G_BEGIN_DECLS

/* Drafts live in $XDG_STATE_HOME/strata/drafts, one file per document,
 * named by an id that stays the document's for as long as it is unsaved. */
char           *strata_drafts_get_dir  (void);
/* A fresh id for a document that has none yet. */
char           *strata_drafts_new_id   (void);
/* The ids of the drafts on disk, oldest first; never NULL. */
GStrv           strata_drafts_list     (void);

/* Atomic: an interrupted write leaves the previous draft whole. @file
 * (the document's location, or NULL), @example_id and @title say what
 * the draft is a copy of. */
gboolean        strata_drafts_save     (const char     *id,
                                        StrataNetwork  *network,
                                        GFile          *file,
                                        const char     *example_id,
                                        const char     *title,
                                        GError        **error);
/* How many states of the document a draft keeps for undo, and as many
 * for redo. */
#define STRATA_DRAFTS_MAX_HISTORY 100
/* The same, with the states undo goes back through (@undo) and redo goes
 * forward through (@redo), each nearest first, as file data
 * (strata_file_to_data()), NULL-terminated or NULL; the first
 * STRATA_DRAFTS_MAX_HISTORY of each are kept. */
gboolean        strata_drafts_save_with_history (const char          *id,
                                                 StrataNetwork       *network,
                                                 const char * const  *undo,
                                                 const char * const  *redo,
                                                 GFile               *file,
                                                 const char          *example_id,
                                                 const char          *title,
                                                 GError             **error);
/* Each out argument may be NULL; they are set only on success. */
StrataNetwork  *strata_drafts_load     (const char     *id,
                                        GFile         **file,
                                        char          **example_id,
                                        char          **title,
                                        GError        **error);
/* What a list of drafts shows of one, read without reading its network:
 * the few lines before it. */
typedef struct
{
  char   *title;      /* as given to strata_drafts_save(); may be NULL */
  char   *example_id; /* may be NULL */
  GFile  *file;       /* may be NULL */
  int     n_layers;   /* -1 in drafts of versions that did not say */
  goffset size;       /* of the draft, in bytes */
  gint64  modified;   /* when it was last written, in seconds since 1970 (UTC) */
} StrataDraftInfo;

/* FALSE with @error set when the draft cannot be read; @info is then
 * left cleared. Free its fields with strata_draft_info_clear(). */
gboolean        strata_drafts_get_info (const char       *id,
                                        StrataDraftInfo  *info,
                                        GError          **error);
void            strata_draft_info_clear (StrataDraftInfo *info);

/* The states kept with the draft for undo, nearest first, as file data,
 * and in @redo (if not NULL) those for redo; empty for a draft that kept
 * none. */
GStrv           strata_drafts_load_history (const char  *id,
                                            GStrv       *redo,
                                            GError     **error);
/* Removing a draft that is not there is not an error. */
void            strata_drafts_delete   (const char     *id);

G_END_DECLS
