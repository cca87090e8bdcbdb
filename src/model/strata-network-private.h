/* strata-network-private.h: what the parts of StrataNetwork share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-network.h"

G_BEGIN_DECLS

typedef enum {
  TOTAL_PARAMS,
  TOTAL_TRAINABLE,
  TOTAL_NON_TRAINABLE,
  TOTAL_ACTIVATION_SIZE,
  TOTAL_MACS,
  /* Layers with a shape whose MACs are unknown, left out of TOTAL_MACS. */
  TOTAL_MACS_UNKNOWN,
  /* PyTorch's buffers, under its convention; not in TOTAL_PARAMS. */
  TOTAL_BUFFERS,
  N_TOTALS
} Total;

/* What the network keeps on each of its layers (the layer's network
 * data): its position, so nothing is looked for, and the layers that
 * depend on it. The layer hands it to strata_network_layer_changed() and
 * _renamed() as it changes: no handler is connected to any layer, since
 * GLib allocates and registers each connection under a global lock, and
 * g_signal_connect_object() also adds a weak reference to the network
 * that GLib searches linearly as each layer is freed. */
typedef struct _StrataRepeatsMemo StrataRepeatsMemo;

typedef struct
{
  StrataNetwork *network;
  StrataLayer   *layer;
  guint          position;
  /* Entries of the layers that name this one as an input or share its
   * weights; the layer after it reading it by default is not listed.
   * NULL until there is one: most layers of a chain have none, and an
   * empty array each took 3 MB for 100,000 layers. */
  GPtrArray     *dependents;
  /* To be applied by the recompute under way. */
  gboolean       dirty;
  /* Taken out by a splice that puts it back. */
  gboolean       kept;
  /* Its layer's counts and error are in the network's sums, as they
   * were when counted: taking them out reads nothing of the layer. */
  gboolean       counted;
  gboolean       counted_error;
  guint64        counts[N_TOTALS];
} Entry;

struct _StrataNetwork
{
  GObject      parent_instance;

  char        *name;
  StrataShape  input;
  GPtrArray   *layers;
  /* One Entry per layer, in the same order. */
  GPtrArray   *entries;
  /* The name layers use for the input; NULL for "input". */
  char        *input_name;
  /* Reused by every recompute: the shapes a layer reads. */
  GPtrArray   *shapes;

  guint64      totals[N_TOTALS];
  StrataConvention convention;
  int          first_error;
  /* The counts of the layers with a shape, summed as they change, and
   * the number of layers with an error: wide enough never to overflow,
   * so that an edit costs no pass over the whole network. */
  unsigned __int128 sums[N_TOTALS];
  guint        n_errors;
  /* StrataLayerGroup, in order; NULL when there are none, so that a
   * network without groups pays nothing for them. */
  GArray      *groups;
  /* How many recomputes applied layers again, and which the last one
   * applied: [recomputed_first, recomputed_end). */
  /* The runs found last, kept up to date (strata-network-repeats.c);
   * NULL until they are first looked for. */
  StrataRepeatsMemo *repeats;
  guint64      n_recomputes;
  guint        recomputed_first;
  guint        recomputed_end;
};

enum {
  LAYER_CHANGED,
  GROUPS_CHANGED,
  N_SIGNALS
};

extern guint strata_network_signals[N_SIGNALS];
extern GQuark strata_network_inputs_quark;

static inline guint
entry_n_dependents (const Entry *entry)
{
  return entry->dependents != NULL ? entry->dependents->len : 0;
}

static inline Entry *
entry_of (StrataLayer *layer)
{
  return strata_layer_get_network_data (layer);
}

static inline Entry *
entry_at (StrataNetwork *self,
          guint          position)
{
  return g_ptr_array_index (self->entries, position);
}

/* Marks @entry to be applied by the next strata_network_recompute_marked()
 * and widens *@end to include it. */
static inline void
mark (Entry *entry,
      guint *end)
{
  entry->dirty = TRUE;
  *end = MAX (*end, entry->position + 1);
}

/* Applies the marked layers in [start, end), and those whose inputs
 * change on the way, then sums the totals. */
void strata_network_recompute_marked (StrataNetwork *self,
                                      guint          start,
                                      guint          end);
/* Applies layers [start, end), then whatever reads a shape that changed. */
void strata_network_recompute        (StrataNetwork *self,
                                      guint          start,
                                      guint          end);
#define BYTES_PER_FLOAT 4

/* 4 × n saturates rather than wraps: only reached by totals near 2⁶⁴. */
static inline guint64
float32_bytes (guint64 n)
{
  guint64 bytes;

  return g_uint64_checked_mul (&bytes, n, BYTES_PER_FLOAT) ? bytes : G_MAXUINT64;
}

/* Takes the layer of @entry out of the sums before it changes, and puts
 * it back after. */
void strata_network_uncount          (StrataNetwork *self,
                                      Entry         *entry);
void strata_network_count            (StrataNetwork *self,
                                      Entry         *entry);
/* Publishes the totals from the sums after a recompute from @start. */
void strata_network_update_totals    (StrataNetwork *self,
                                      guint          start);
/* Sets the totals and first error, notifying what changed. */
void strata_network_publish_totals   (StrataNetwork *self,
                                      const guint64  totals[N_TOTALS],
                                      int            first_error);
/* Notifies n-items, for a splice that changed the number of layers. */
void strata_network_notify_n_items   (StrataNetwork *self);

/* Adds @entry to the dependents of the layers it reads, or removes it. */
void strata_network_link             (Entry         *entry);
void strata_network_unlink           (Entry         *entry);

/* strata-network-edits.c: frees an entry, taking it off its layer. */
void strata_network_entry_free       (gpointer       data);

/* Points whatever reads the layer at @position at the layer's first
 * input instead, before it is removed. */
void strata_network_rewire_dependents (StrataNetwork *self,
                                       guint          position);

/* strata-network-groups.c: keep the groups whole through the edits of
 * layers. Each returns whether a group changed; the caller emits
 * groups-changed after its items-changed. A group of one layer that
 * moves is taken into *@carried and put back at its new place. */
gboolean strata_network_groups_before_splice (StrataNetwork    *self,
                                              guint             position,
                                              guint             n_removals);
gboolean strata_network_groups_before_move   (StrataNetwork    *self,
                                              guint             from,
                                              StrataLayerGroup *carried);
void     strata_network_groups_after_move    (StrataNetwork    *self,
                                              StrataLayerGroup *carried);
void     strata_network_groups_emit_changed  (StrataNetwork    *self);

/* strata-network-repeats.c: what the network keeps of its runs told of
 * each change to the layers: the ids of the layer at @position may have
 * changed (its settings, or what it reads); @n_removed layers at
 * @position were replaced by @n_added (a move is the layers between
 * its ends replaced by themselves), called once the layers are in
 * place. */
void     strata_network_repeats_changed  (StrataNetwork     *self,
                                          guint              position);
void     strata_network_repeats_spliced  (StrataNetwork     *self,
                                          guint              position,
                                          guint              n_removed,
                                          guint              n_added);
void     strata_network_repeats_free     (StrataRepeatsMemo *memo);

/* strata-receptive-field.c: computes the field of the layer at
 * @position, which reads @n inputs, in the recompute pass; returns
 * whether it changed. */
gboolean strata_network_update_field (StrataNetwork *self,
                                      guint          position,
                                      StrataLayer   *layer,
                                      guint          n);

G_END_DECLS
