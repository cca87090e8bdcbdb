/* strata-layer.h: one layer of a network, its hyper-parameters and what it computes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "strata-layer-kind.h"
#include "strata-shape.h"

G_BEGIN_DECLS

#define STRATA_TYPE_LAYER (strata_layer_get_type ())

G_DECLARE_FINAL_TYPE (StrataLayer, strata_layer, STRATA, LAYER, GObject)

StrataLayer             *strata_layer_new                      (StrataLayerKind kind);
/* A layer of @kind named @name (NULL or "" for none) with @params, made
 * at once: as strata_layer_new() followed by strata_layer_set_name() and
 * strata_layer_set_params(), without the notifications nobody can hear
 * yet, which cost a file of 100,000 layers 20 ms. */
StrataLayer             *strata_layer_new_full                 (StrataLayerKind          kind,
                                                                const char              *name,
                                                                const StrataLayerParams *params);
StrataLayer             *strata_layer_copy                     (StrataLayer *self);
/* A layer of @kind, in no network, keeping what @self has that @kind
 * takes: its name, the settings it changed from its defaults (see
 * strata_layer_kind_carry_params()), its inputs up to as many as @kind
 * reads, and, for the same kind, whose weights it shares. */
StrataLayer             *strata_layer_copy_as_kind             (StrataLayer     *self,
                                                                StrataLayerKind  kind);

StrataLayerKind          strata_layer_get_kind                 (StrataLayer *self);
const StrataLayerKindInfo *strata_layer_get_kind_info          (StrataLayer *self);
/* Names of layers and networks are at most this many characters: a
 * setter cuts a longer one, the file reader refuses it. */
#define STRATA_NAME_MAX_CHARS 1024

/* A copy of @name (valid UTF-8 or NULL) cut to STRATA_NAME_MAX_CHARS. */
char                    *strata_name_dup                       (const char  *name);

const char              *strata_layer_get_name                 (StrataLayer *self);
/* Notifies name and emits StrataLayer::renamed when the name really changed. */
void                     strata_layer_set_name                 (StrataLayer *self,
                                                                const char  *name);
/* A caption drawn with the layer, or NULL; bounded and emptied to NULL
 * as names are. Setting it emits StrataLayer::renamed, as the name does:
 * both are what the drawing says of the layer. */
const char              *strata_layer_get_caption              (StrataLayer *self);
void                     strata_layer_set_caption              (StrataLayer *self,
                                                                const char  *caption);
/* The colour the layer is drawn in instead of its kind's, as "#rrggbb"
 * (lower case), or NULL for its kind's. The setter takes what
 * strata_color_parse() reads, or NULL, and emits StrataLayer::renamed. */
const char              *strata_layer_get_color                (StrataLayer *self);
void                     strata_layer_set_color                (StrataLayer *self,
                                                                const char  *color);
/* Reads "#rrggbb" or "#rgb", either case, into @rgb (may be NULL). */
gboolean                 strata_color_parse                    (const char  *text,
                                                                guint8       rgb[3]);

/* The name, or the kind's label when the layer has none. */
const char              *strata_layer_get_display_name         (StrataLayer *self);

/* What the layer reads: @index of strata_layer_get_n_inputs() inputs,
 * each an earlier layer or NULL for the network's input. No inputs means
 * the layer before it (the network's input for the first layer), so a
 * chain needs none. */
guint                    strata_layer_get_n_inputs             (StrataLayer  *self);
StrataLayer             *strata_layer_get_input                (StrataLayer  *self,
                                                                guint         index);
/* For a layer not yet in a network (files, importers); in a network,
 * strata_network_set_inputs() checks the order and recomputes. */
void                     strata_layer_set_inputs               (StrataLayer  *self,
                                                                StrataLayer **inputs,
                                                                guint         n_inputs);
/* The earlier layer whose weights this one uses, or NULL; set like
 * the inputs. */
StrataLayer             *strata_layer_get_shares               (StrataLayer  *self);
void                     strata_layer_set_shares               (StrataLayer  *self,
                                                                StrataLayer  *owner);

/* Hyper-parameters. Each setter notifies its property and emits
 * StrataLayer::changed when the value really changed. */
const StrataLayerParams *strata_layer_get_params               (StrataLayer *self);
void                     strata_layer_set_params               (StrataLayer             *self,
                                                                const StrataLayerParams *params);

/* Computed values, valid after strata_layer_apply(). A layer whose input is
 * unknown (an earlier layer failed) has no shape: get_output_shape() returns
 * NULL and every count is 0. */
gboolean                 strata_layer_has_shape                (StrataLayer *self);
const StrataShape       *strata_layer_get_input_shape          (StrataLayer *self);
const StrataShape       *strata_layer_get_output_shape         (StrataLayer *self);
guint64                  strata_layer_get_activation_size      (StrataLayer *self);
guint64                  strata_layer_get_params_count         (StrataLayer *self);
guint64                  strata_layer_get_trainable_params     (StrataLayer *self);
guint64                  strata_layer_get_non_trainable_params (StrataLayer *self);
guint64                  strata_layer_get_macs                 (StrataLayer *self);
/* Running statistics PyTorch keeps outside its parameters, under its
 * convention (see StrataConvention); 0 under Keras's. */
guint64                  strata_layer_get_buffers              (StrataLayer *self);
const char              *strata_layer_get_formula              (StrataLayer *self);
/* The formula with numbers as the C locale writes them ("48120"), for
 * machine-readable output; NULL when the layer has no shape. */
char                    *strata_layer_dup_plain_formula        (StrataLayer *self);
const char              *strata_layer_get_error                (StrataLayer *self);

/* Recomputes from @input (NULL: no input) as the only input and notifies
 * the computed properties that changed. Returns TRUE when the output
 * shape changed. */
gboolean                 strata_layer_apply                    (StrataLayer       *self,
                                                                const StrataShape *input);

G_END_DECLS
