/* strata-network-totals.c: a network's totals, kept up to date layer by layer. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-layer-private.h"
#include "strata-network-private.h"

G_STATIC_ASSERT (N_TOTALS == STRATA_LAYER_N_COUNTS);
G_STATIC_ASSERT (TOTAL_PARAMS == 0 && TOTAL_TRAINABLE == 1 && TOTAL_NON_TRAINABLE == 2 &&
                 TOTAL_ACTIVATION_SIZE == 3 && TOTAL_MACS == 4 && TOTAL_MACS_UNKNOWN == 5 &&
                 TOTAL_BUFFERS == 6);

void
strata_network_uncount (StrataNetwork *self,
                        Entry         *entry)
{
  if (!entry->counted)
    return;
  entry->counted = FALSE;
  if (entry->counted_error)
    self->n_errors--;
  for (guint t = 0; t < N_TOTALS; t++)
    self->sums[t] -= entry->counts[t];
}

void
strata_network_count (StrataNetwork *self,
                      Entry         *entry)
{
  g_assert (!entry->counted);
  entry->counted = TRUE;
  entry->counted_error = strata_layer_get_counts (entry->layer, entry->counts);
  if (entry->counted_error)
    self->n_errors++;
  for (guint t = 0; t < N_TOTALS; t++)
    self->sums[t] += entry->counts[t];
}

/* The totals as they were always defined, summed from the first layer: a
 * layer at which one would overflow 64 bits fails, and so do the layers
 * after it. Only sums that do overflow come here, so a network of
 * absurd counts costs a full pass; any other edit costs its layers. */
static void
rescan (StrataNetwork *self)
{
  guint64 totals[N_TOTALS] = { 0 };
  int first_error = -1;

  for (guint i = 0; i < self->layers->len; i++)
    {
      StrataLayer *layer = g_ptr_array_index (self->layers, i);
      guint64 values[N_TOTALS];
      gboolean ok = TRUE;

      if (!strata_layer_has_shape (layer))
        {
          if (first_error < 0 && strata_layer_get_error (layer) != NULL)
            first_error = i;
          continue;
        }

      strata_layer_get_counts (layer, values);
      for (guint t = 0; t < N_TOTALS && ok; t++)
        ok = g_uint64_checked_add (&values[t], totals[t], values[t]);

      if (!ok)
        {
          strata_layer_fail (layer, _("The network's totals overflow 64 bits at this layer"));
          for (guint j = i + 1; j < self->layers->len; j++)
            strata_layer_apply (g_ptr_array_index (self->layers, j), NULL);
          /* A layer before it that failed on its own is still the first. */
          if (first_error < 0)
            first_error = i;
          break;
        }
      memcpy (totals, values, sizeof totals);
    }

  /* Those failures changed layers behind the sums' back: count anew,
   * and tell whoever follows the recomputes that any may have changed. */
  self->n_recomputes++;
  self->recomputed_first = 0;
  self->recomputed_end = self->layers->len;
  memset (self->sums, 0, sizeof self->sums);
  self->n_errors = 0;
  for (guint i = 0; i < self->entries->len; i++)
    {
      entry_at (self, i)->counted = FALSE;
      strata_network_count (self, entry_at (self, i));
    }
  strata_network_publish_totals (self, totals, first_error);
}

void
strata_network_update_totals (StrataNetwork *self,
                              guint          start)
{
  guint64 totals[N_TOTALS];
  int first_error = self->first_error;

  for (guint t = 0; t < N_TOTALS; t++)
    {
      if (self->sums[t] > G_MAXUINT64)
        {
          rescan (self);
          return;
        }
      totals[t] = (guint64) self->sums[t];
    }

  /* Layers before @start are as they were, so an error among them is still
   * the first; otherwise the first is at @start or after it, if any is. */
  if (self->n_errors == 0)
    first_error = -1;
  else if (first_error < 0 || (guint) first_error >= start ||
           (guint) first_error >= self->layers->len)
    {
      first_error = start;
      while (strata_layer_get_error (g_ptr_array_index (self->layers, first_error)) == NULL)
        first_error++;
    }
  strata_network_publish_totals (self, totals, first_error);
}

void
strata_network_set_convention (StrataNetwork    *self,
                               StrataConvention  convention)
{
  g_return_if_fail (STRATA_IS_NETWORK (self));
  g_return_if_fail (convention < STRATA_N_CONVENTIONS);

  if (self->convention == convention)
    return;
  self->convention = convention;
  for (guint i = 0; i < self->layers->len; i++)
    strata_layer_set_convention (g_ptr_array_index (self->layers, i), convention);
  /* Only BatchNorm counts differ, but every layer may follow one. */
  for (guint i = 0; i < self->entries->len; i++)
    entry_at (self, i)->dirty = TRUE;
  strata_network_recompute_marked (self, 0, self->layers->len);
  g_object_notify (G_OBJECT (self), "convention");
}

StrataConvention
strata_network_get_convention (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), STRATA_CONVENTION_KERAS);

  return self->convention;
}

guint64
strata_network_get_buffers (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), 0);

  return self->totals[TOTAL_BUFFERS];
}
