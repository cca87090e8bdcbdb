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

/* A run of layers that repeats: @n_units units of @unit_length layers
 * each, from @first, alike unit by unit (kind, settings other than
 * filters and units, and what each reads, counted back). Units of the
 * same layers share a @pattern, numbered from 0 in order. */
typedef struct
{
  guint first;
  guint unit_length;
  guint n_units;
  guint pattern;
} StrataRepeat;

/* The runs, in order and apart, found greedily from the first layer: at
 * each, the unit (of up to 24 layers, at least two of them not
 * activations, normalizations or dropouts) whose repeats cover the most
 * layers. VGG-16 gives two runs, of two and three stages; a network
 * without repeats none. Free with g_array_unref(). */
GArray            *strata_network_find_repeats             (StrataNetwork *self);

/* The network's input as layers name it: "input" unless named. */
const char        *strata_network_get_input_name           (StrataNetwork *self);
void               strata_network_set_input_name           (StrataNetwork *self,
                                                            const char    *name);
/* Gives the network the input shape and name of @other. */
void               strata_network_set_input_like           (StrataNetwork *self,
                                                            StrataNetwork *other);

/* Branches. Layers stay in an order where each comes after every layer
 * it reads; the edits below keep that order or refuse with @error
 * (STRATA_NETWORK_ERROR_ORDER) and change nothing. */
#define STRATA_NETWORK_ERROR (strata_network_error_quark ())
typedef enum
{
  STRATA_NETWORK_ERROR_ORDER, /* a layer would come before a layer it reads */
  STRATA_NETWORK_ERROR_GROUP, /* a group would overlap another */
} StrataNetworkError;
GQuark             strata_network_error_quark              (void);

/* Makes the layer at @position read @inputs, in order (each an earlier
 * layer, or NULL for the network's input; none: the layer before it),
 * gives a name to each layer it reads that has none, recomputes and
 * emits layer-changed with detail "inputs". */
gboolean           strata_network_set_inputs               (StrataNetwork  *self,
                                                            guint           position,
                                                            StrataLayer   **inputs,
                                                            guint           n_inputs,
                                                            GError        **error);
/* Makes the layer at @position use the weights of @owner, an earlier
 * layer (NULL: its own), as set_inputs() does. */
gboolean           strata_network_set_shares               (StrataNetwork  *self,
                                                            guint           position,
                                                            StrataLayer    *owner,
                                                            GError        **error);
/* Whether strata_network_move (@from, @to) keeps every layer after the
 * layers it reads. */
gboolean           strata_network_can_move                 (StrataNetwork  *self,
                                                            guint           from,
                                                            guint           to,
                                                            GError        **error);
/* The layer that input @index of the layer at @position reads, resolved:
 * the layer before it when it names none; NULL for the network's input. */
StrataLayer       *strata_network_get_input_layer          (StrataNetwork  *self,
                                                            guint           position,
                                                            guint           index);
/* How many inputs the layer at @position reads, resolved as above. */
guint              strata_network_get_n_input_layers       (StrataNetwork  *self,
                                                            guint           position);
/* The layers that read the layer at @position, in order, the one after it
 * included when it reads it by default; a new array. The network's
 * outputs are the layers nothing reads. */
GPtrArray         *strata_network_get_consumers            (StrataNetwork  *self,
                                                            guint           position);
/* Whether every layer reads just the one before it: no branches, extra
 * inputs or shared weights. */
gboolean           strata_network_is_chain                 (StrataNetwork  *self);
/* @name if no layer has it, or else @name's stem numbered past its
 * trailing number ("conv1" → "conv2", "C" → "C2") up to the first name no
 * layer has; a new string. */
char              *strata_network_unique_name              (StrataNetwork  *self,
                                                            const char     *name);

/* Groups of layers a user made (strata-network-groups.c): runs of
 * consecutive layers, in order and apart, none inside another. A group
 * is bounded by its @first and @last layers: a layer put between them
 * joins it, one taken out leaves it, and when a bounding layer goes (or
 * moves away) the nearest layer of the group that stays takes its
 * place; a group whose layers all go goes too, and a group of one
 * layer moves with it (unless it lands inside another group, which
 * drops it). A group without a @name is a run the user ungrouped: the
 * drawing's automatic groups of repeated layers leave it alone, as they
 * leave every group. StrataNetwork::groups-changed tells of every
 * change, after the items-changed of the edit that made it. */
typedef struct
{
  StrataLayer *first;
  StrataLayer *last;
  char        *name;
} StrataLayerGroup;

guint              strata_network_get_n_groups             (StrataNetwork  *self);
/* Borrowed, in order of their layers. */
const StrataLayerGroup *strata_network_get_group           (StrataNetwork  *self,
                                                            guint           index);
void               strata_network_get_group_range          (StrataNetwork  *self,
                                                            guint           index,
                                                            guint          *first,
                                                            guint          *last);
/* The group holding the layer at @position, or -1; O(log groups). */
int                strata_network_find_group               (StrataNetwork  *self,
                                                            guint           position);
/* Groups the layers from @first to @last under @name (NULL: ungrouped,
 * see above); returns the new group's index, or -1 with @error
 * (STRATA_NETWORK_ERROR_GROUP) when a group already holds one of them. */
int                strata_network_add_group                (StrataNetwork  *self,
                                                            guint           first,
                                                            guint           last,
                                                            const char     *name,
                                                            GError        **error);
void               strata_network_remove_group             (StrataNetwork  *self,
                                                            guint           index);
/* Names the group at @index, which must be a named one, @name (not empty). */
void               strata_network_rename_group             (StrataNetwork  *self,
                                                            guint           index,
                                                            const char     *name);
/* A copy of the groups, holding references to their layers; free with
 * g_array_unref(). */
GArray            *strata_network_dup_groups               (StrataNetwork  *self);
/* Whether the groups are those of @groups (NULL: none). */
gboolean           strata_network_groups_equal             (StrataNetwork  *self,
                                                            GArray         *groups);
/* Replaces every group by a copy of @groups (NULL: none), which must be
 * in order and apart, of layers in the network. */
void               strata_network_set_groups               (StrataNetwork  *self,
                                                            GArray         *groups);
/* "block1", or the next number no group's name has; a new string. */
char              *strata_network_new_group_name           (StrataNetwork  *self);

/* Totals over the layers that have a shape. */
guint64            strata_network_get_params               (StrataNetwork *self);
guint64            strata_network_get_trainable_params     (StrataNetwork *self);
guint64            strata_network_get_non_trainable_params (StrataNetwork *self);
guint64            strata_network_get_activation_size      (StrataNetwork *self);
guint64            strata_network_get_macs                 (StrataNetwork *self);
/* How BatchNorm is counted (Keras by default); under PyTorch's
 * convention its running statistics are buffers, not parameters. */
void               strata_network_set_convention           (StrataNetwork    *self,
                                                            StrataConvention  convention);
StrataConvention   strata_network_get_convention           (StrataNetwork    *self);
/* Running statistics outside the parameters: 0 under Keras's convention. */
guint64            strata_network_get_buffers              (StrataNetwork *self);
/* How many layers with a shape have MACs nobody knows (opaque ones): the
 * MACs total leaves them out, so it is a lower bound when this is not 0. */
guint64            strata_network_get_n_macs_unknown       (StrataNetwork *self);
/* float32 bytes: 4 × params, and 4 × the activation size. */
guint64            strata_network_get_param_memory         (StrataNetwork *self);
guint64            strata_network_get_activation_memory    (StrataNetwork *self);
/* The first layer with an error, or -1 when every layer applies. */
int                strata_network_get_first_error          (StrataNetwork *self);
/* How many times the network has applied its layers again, and which
 * layers the last time: [*@first, *@end), by their positions then. Every
 * layer whose shape, counts, error or receptive field changed was
 * applied. Read as each edit is heard (items-changed, layer-changed, the
 * input's notifications), it tells what the edit changed; a count grown
 * by more than one since the last read means a recompute went unheard. */
guint64            strata_network_get_last_recompute       (StrataNetwork *self,
                                                            guint         *first,
                                                            guint         *end);

G_END_DECLS
