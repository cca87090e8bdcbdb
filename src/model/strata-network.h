/* strata-network.h: a network, a GListModel of StrataLayer with an input and totals. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "strata-layer.h"

G_BEGIN_DECLS

#define STRATA_TYPE_NETWORK (strata_network_get_type ())

G_DECLARE_FINAL_TYPE (StrataNetwork, strata_network, STRATA, NETWORK, GObject)

/* Edits of its layers are told by StrataNetwork::layer-changed (layer,
 * position), detailed "params" (after the network recomputed) or "name". */

StrataNetwork     *strata_network_new                      (void);

const char        *strata_network_get_name                 (StrataNetwork *self);
void               strata_network_set_name                 (StrataNetwork *self,
                                                            const char    *name);

const StrataShape *strata_network_get_input_shape          (StrataNetwork *self);
void               strata_network_set_input                (StrataNetwork *self,
                                                            guint          height,
                                                            guint          width,
                                                            guint          channels);

guint              strata_network_get_n_layers             (StrataNetwork *self);
/* Borrowed; NULL past the end. */
StrataLayer       *strata_network_get_layer                (StrataNetwork *self,
                                                            guint          position);
/* Position of @layer, or -1 when it is not in the network. */
int                strata_network_index_of                 (StrataNetwork *self,
                                                            StrataLayer   *layer);
void               strata_network_insert                   (StrataNetwork *self,
                                                            guint          position,
                                                            StrataLayer   *layer);
void               strata_network_append                   (StrataNetwork *self,
                                                            StrataLayer   *layer);
void               strata_network_remove                   (StrataNetwork *self,
                                                            guint          position);
void               strata_network_move                     (StrataNetwork *self,
                                                            guint          from,
                                                            guint          to);
/* Replaces all layers at once (one items-changed), taking ownership of none. */
void               strata_network_splice                   (StrataNetwork *self,
                                                            guint          position,
                                                            guint          n_removals,
                                                            StrataLayer  **additions,
                                                            guint          n_additions);

/* Totals over the layers that have a shape. */
guint64            strata_network_get_params               (StrataNetwork *self);
guint64            strata_network_get_trainable_params     (StrataNetwork *self);
guint64            strata_network_get_non_trainable_params (StrataNetwork *self);
guint64            strata_network_get_activation_size      (StrataNetwork *self);
guint64            strata_network_get_macs                 (StrataNetwork *self);
/* float32 bytes: 4 × params, and 4 × the activation size. */
guint64            strata_network_get_param_memory         (StrataNetwork *self);
guint64            strata_network_get_activation_memory    (StrataNetwork *self);
/* The first layer with an error, or -1 when every layer applies. */
int                strata_network_get_first_error          (StrataNetwork *self);

G_END_DECLS
