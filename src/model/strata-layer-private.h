/* strata-layer-private.h: what only the network may do to a layer. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-layer.h"
#include "strata-receptive-field.h"

G_BEGIN_DECLS

/* Fails the layer with @message, as if it could not apply to its input. */
void strata_layer_fail (StrataLayer *self,
                        const char  *message);

/* Recomputes from the shapes of its inputs, in order (a NULL shape: that
 * input is unknown, so this layer has no shape either) and notifies the
 * computed properties that changed. Returns TRUE when the output shape
 * changed. */
gboolean strata_layer_apply_inputs   (StrataLayer               *self,
                                      const StrataShape * const *inputs,
                                      guint                      n_inputs);

/* The formula of its parameters written anew, as the thread formats
 * counts now (see strata_format_count_set_separator()); NULL without a
 * shape. */
char    *strata_layer_write_formula  (StrataLayer               *self);

/* Whether anyone connected to its notifications: when nobody did, a
 * recompute notifies nothing and writes no formula. */
gboolean strata_layer_is_heard       (StrataLayer               *self);

/* Writes the formula now if anyone hears it change and it is not yet
 * written: called before what it is computed from changes, so that the
 * next recompute can tell whether its text changed. */
void     strata_layer_keep_formula   (StrataLayer               *self);

/* Stores the field its network computed; returns whether it changed. */
gboolean strata_layer_set_receptive_field (StrataLayer                *self,
                                           const StrataReceptiveField *field);

/* Counts by its network's convention from the next apply on; returns
 * whether it changed. */
gboolean strata_layer_set_convention (StrataLayer      *self,
                                      StrataConvention  convention);

/* What a network sums of each layer, in this order: parameters,
 * trainable, non-trainable, activation size, MACs, 1 when its MACs
 * are unknown (left out of the MACs) and buffers; all 0 for a layer
 * without a shape. Read at once, as a network counts every layer that
 * changes. Returns whether the layer has an error. */
#define STRATA_LAYER_N_COUNTS 7
gboolean strata_layer_get_counts     (StrataLayer               *self,
                                      guint64                    counts[STRATA_LAYER_N_COUNTS]);

/* What the network changes of a layer it holds, having checked that the
 * layers named are before this one. */
void     strata_layer_replace_inputs (StrataLayer  *self,
                                      StrataLayer **inputs,
                                      guint         n_inputs);
void     strata_layer_replace_shares (StrataLayer  *self,
                                      StrataLayer  *owner);
/* What the network holding the layer keeps on it; NULL when no network
 * holds it. */
gpointer strata_layer_get_network_data (StrataLayer  *self);
void     strata_layer_set_network_data (StrataLayer  *self,
                                        gpointer      data);

/* Called by the layer holding @network_data, before it emits ::changed
 * or ::renamed: the network learns of its layers' edits by these calls,
 * not by handlers. Two handlers on each layer cost a network of 100,000
 * layers a fifth of the time of reading it, and as much again to undo
 * them as it is freed (strata-network.c). */
void     strata_network_layer_changed   (gpointer      network_data);
void     strata_network_layer_renamed   (gpointer      network_data);

G_END_DECLS
