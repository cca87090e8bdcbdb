/* strata-history-private.h: the steps of an undo history, shared by its source files. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-history.h"

G_BEGIN_DECLS

/* What the drawing says of a layer besides its numbers. */
typedef struct
{
  char *name;
  char *caption;
  char *color;
} Labels;

typedef enum
{
  COMMAND_SPLICE,
  COMMAND_PARAMS,
  COMMAND_LABELS,
  COMMAND_INPUT,
  COMMAND_TITLE,
  COMMAND_SOURCES,
  COMMAND_GROUPS,
} CommandType;

/* The layers a layer reads and the one whose weights it uses. */
typedef struct
{
  GPtrArray   *inputs; /* NULL when it names none */
  StrataLayer *shares;
} Sources;

typedef struct
{
  CommandType       type;
  guint             group;
  gint64            time;

  /* COMMAND_SPLICE: layers are kept alive, so undo puts back the same objects. */
  guint             position;
  GPtrArray        *removed;
  GPtrArray        *added;

  /* COMMAND_PARAMS and COMMAND_LABELS; the labels' names alone for COMMAND_TITLE */
  StrataLayer      *layer;
  StrataLayerParams params[2];
  Labels            labels[2];

  /* COMMAND_INPUT */
  StrataShape       input[2];

  /* COMMAND_SOURCES, of layer */
  Sources           sources[2];

  /* COMMAND_GROUPS, and COMMAND_SPLICE when the network has groups: a
   * splice may shrink them, and the undo of a splice may shrink them
   * again where it should not, so each side is put back whole. NULL
   * for none; shared with the history's own copy, never changed. */
  GArray           *groups[2];
} Command;

struct _StrataHistory
{
  GObject        parent_instance;

  StrataNetwork *network;
  /* The network's layers as last seen, in order. */
  GPtrArray     *layers;
  GHashTable    *snapshots;
  StrataShape    input;
  char          *title;
  /* The network's groups as last seen; NULL for none. */
  GArray        *groups;

  GPtrArray     *commands;
  guint          n_done;
  /* n_done when last unmodified; -1 when that state can no longer be reached. */
  gint64         unmodified_at;

  guint          next_group;
  guint          group_depth;
  guint          current_group;
  gboolean       merge_open;
  gboolean       replaying;
};

/* strata-history-commands.c */
void     strata_history_labels_clear  (Labels       *labels);
void     strata_history_labels_get    (Labels       *labels,
                                       StrataLayer  *layer);
gboolean strata_history_labels_equal  (const Labels *labels,
                                       StrataLayer  *layer);
void     strata_history_sources_clear (Sources      *sources);
void     strata_history_sources_get   (Sources      *sources,
                                       StrataLayer  *layer);
void     strata_history_command_free  (gpointer      command);

/* The layer a step's @layer is in the network it is replayed on (NULL,
 * the network's input, stays NULL): itself for the history's network, its
 * copy for the states walked on a copy. */
typedef StrataLayer *(*StrataHistoryMap) (gpointer     user_data,
                                          StrataLayer *layer);

StrataLayer *strata_history_same_layer (gpointer     user_data,
                                        StrataLayer *layer);

/* Gives @network @groups (NULL: none), of the mapped layers. */
void     strata_history_set_groups    (StrataNetwork    *network,
                                       GArray           *groups,
                                       StrataHistoryMap  map,
                                       gpointer          map_data);

/* Applies side @to (0: before, 1: after) of @command to @network, whose
 * layers @map gives; returns the position of the layer it touched, -1 for
 * the input or STRATA_HISTORY_TITLE. */
int      strata_history_replay        (StrataNetwork    *network,
                                       Command          *command,
                                       guint             to,
                                       StrataHistoryMap  map,
                                       gpointer          map_data);

G_END_DECLS
