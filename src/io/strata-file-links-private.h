/* strata-file-links-private.h: how layers in a file name the layers they read. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "strata-network.h"

G_BEGIN_DECLS

/* Resolves the names by which a file's layers refer to earlier layers. */
typedef struct _StrataLinkReader StrataLinkReader;

/* @layers: the file's list of layers, whose names tell a reference to a
 * later layer from a name nothing has; @input_name: the network input's. */
StrataLinkReader *strata_link_reader_new  (JsonArray        *layers,
                                           const char       *input_name);
void              strata_link_reader_free (StrataLinkReader *self);
/* Sets @layer's inputs and shared weights from @object's "inputs" and
 * "shares"; returns NULL, or a message (to free) saying what is wrong. */
char             *strata_link_reader_read (StrataLinkReader *self,
                                           JsonObject       *object,
                                           StrataLayer      *layer);
/* Makes @layer, just read, one that later layers may name. */
void              strata_link_reader_add  (StrataLinkReader *self,
                                           StrataLayer      *layer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataLinkReader, strata_link_reader_free)

/* The name of each layer in a file, in order (NULL for none): its own,
 * except that a layer others read and whose name is missing or not
 * unique gets a new one, so that every reference names one layer. */
GPtrArray        *strata_file_link_names  (StrataNetwork    *network);
/* What a file calls @layer (NULL: the network's input), from @names. */
const char       *strata_file_link_name   (StrataNetwork    *network,
                                           GPtrArray        *names,
                                           StrataLayer      *layer);

G_END_DECLS
