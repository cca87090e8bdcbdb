/* strata-network-repeats.c: runs of layers that repeat, such as VGG's stages and ResNet's blocks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "strata-layer-private.h"
#include "strata-network-private.h"

/* A unit longer than this is not looked for: ResNet's bottleneck blocks,
 * with their projections, take 12 layers; two of them 24. */
#define MAX_UNIT 24
/* Inputs beyond these make a layer like no other. */
#define MAX_OFFSETS 8

/* What makes two layers alike: the kind, the settings other than the
 * widths that grow from stage to stage (filters, units), and which
 * layers they read, counted back from themselves. */
typedef struct
{
  StrataLayerKind   kind;
  StrataLayerParams params;
  guint             n_offsets;
  guint             offsets[MAX_OFFSETS];
} Signature;

static guint
signature_hash (gconstpointer data)
{
  const Signature *s = data;
  guint hash = s->kind * 131 + s->n_offsets;

  /* Weak on purpose: the settings are compared in full by signature_equal,
   * and only those the kind takes, which alike layers hash the same. */
  for (guint i = 0; i < s->n_offsets; i++)
    hash = hash * 31 + s->offsets[i];
  if (strata_layer_kind_takes (s->kind, STRATA_PARAM_KERNEL))
    hash = hash * 31 + s->params.kernel.height * 7;
  if (strata_layer_kind_takes (s->kind, STRATA_PARAM_STRIDE))
    hash = hash * 31 + s->params.stride.height;
  return hash;
}

static gboolean
signature_equal (gconstpointer a,
                 gconstpointer b)
{
  const Signature *x = a, *y = b;

  return x->kind == y->kind && x->n_offsets == y->n_offsets &&
         memcmp (x->offsets, y->offsets, x->n_offsets * sizeof (guint)) == 0 &&
         strata_layer_kind_params_equal (x->kind, &x->params, &y->params);
}

typedef struct
{
  gboolean  known;
  guint     id;
  Signature signature;
} Recent;

/* What the network keeps of the runs it found last, kept up to date as
 * layers change (StrataNetwork.repeats): each layer's id, alike layers
 * sharing one through a table of signatures that lasts, so that the ids
 * of unchanged layers stay; and the runs. An edit marks the layers whose
 * ids it may have changed, and the next search computes those alone,
 * then walks again only the part of the network where the runs may
 * differ: finding them again from the first layer was a fifth of an
 * edit's relayout of 100,000 layers. */
struct _StrataRepeatsMemo
{
  GHashTable *signatures;  /* Signature → id */
  guint       next_id;
  GArray     *ids;         /* guint, per layer */
  GArray     *cores;       /* guint8, per layer: see is_core() */
  GArray     *runs;        /* StrataRepeat, in order */
  /* No layer names one further back than this: a splice changes what
   * the layers up to this far after it read, counted back. */
  guint       reach;
  guint       dirty_first; /* ids to compute again: [dirty_first, dirty_end) */
  guint       dirty_end;
  gboolean    spliced;     /* layers came or went since the runs were found */
};

/* A search changes what the network keeps, and a layout, which searches,
 * may be made in another thread while the network is not edited, as an
 * export's is: one search at a time, of any network. */
static GMutex memo_lock;

/* A slice after a block (activation, normalization, dropout) is no block
 * of its own: a unit needs two layers of other kinds. */
static gboolean
is_core (StrataLayer *layer)
{
  switch (strata_layer_get_kind_info (layer)->category)
    {
    case STRATA_LAYER_CATEGORY_ACTIVATION:
    case STRATA_LAYER_CATEGORY_NORMALIZATION:
    case STRATA_LAYER_CATEGORY_DROPOUT:
      return FALSE;
    case STRATA_LAYER_CATEGORY_INPUT:
    case STRATA_LAYER_CATEGORY_CONVOLUTION:
    case STRATA_LAYER_CATEGORY_POOLING:
    case STRATA_LAYER_CATEGORY_DENSE:
    case STRATA_LAYER_CATEGORY_RESHAPE:
    case STRATA_LAYER_CATEGORY_MERGE:
    case STRATA_LAYER_CATEGORY_OTHER:
    case STRATA_N_LAYER_CATEGORIES:
    default:
      return TRUE;
    }
}

/* The ids of the layers [first, end), alike layers sharing one; a layer
 * that reads more than MAX_OFFSETS layers gets an id of its own. */
static void
compute_ids (StrataRepeatsMemo *memo,
             StrataNetwork     *network,
             guint              first,
             guint              end)
{
  g_autofree Recent *recents = g_new0 (Recent, 2 * STRATA_N_LAYER_KINDS);
  guint *ids = (guint *) memo->ids->data;

  for (guint i = first; i < end; i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      guint n_inputs = strata_layer_get_n_inputs (layer);
      Signature s;
      Recent *recent;
      gpointer id;

      g_array_index (memo->cores, guint8, i) = is_core (layer);
      for (guint k = 0; k < n_inputs; k++)
        {
          StrataLayer *input = strata_layer_get_input (layer, k);

          memo->reach = MAX (memo->reach,
                             i - (input != NULL ? strata_network_index_of (network, input) : -1));
        }
      if (n_inputs > MAX_OFFSETS)
        {
          ids[i] = memo->next_id++;
          continue;
        }
      /* On the stack, and copied only for a kind not seen before,
       * rather than allocated and freed for every layer; cleared whole,
       * so that alike layers have the same bytes. */
      memset (&s, 0, sizeof s);
      s.kind = strata_layer_get_kind (layer);
      s.params = *strata_layer_get_params (layer);
      s.params.filters = 0;
      s.params.units = 0;
      /* No inputs reads the layer before, as one input one back does. */
      s.n_offsets = MAX (n_inputs, 1);
      s.offsets[0] = 1;
      for (guint k = 0; k < n_inputs; k++)
        {
          StrataLayer *input = strata_layer_get_input (layer, k);

          /* The network's input counts as the layer before the first. */
          s.offsets[k] = i - (input != NULL ? strata_network_index_of (network, input) : -1);
        }
      /* Alike layers are mostly the same bytes as one of the last two
       * of their kind, which a comparison of bytes tells faster than
       * the lookup's comparison of settings. Other bytes, such as a
       * padding's unused amounts, only miss this. */
      recent = &recents[s.kind * 2];
      if (recent[0].known && memcmp (&recent[0].signature, &s, sizeof s) == 0)
        ids[i] = recent[0].id;
      else if (recent[1].known && memcmp (&recent[1].signature, &s, sizeof s) == 0)
        ids[i] = recent[1].id;
      else if (g_hash_table_lookup_extended (memo->signatures, &s, NULL, &id))
        ids[i] = GPOINTER_TO_UINT (id);
      else
        {
          ids[i] = memo->next_id++;
          g_hash_table_insert (memo->signatures, g_memdup2 (&s, sizeof s),
                               GUINT_TO_POINTER (ids[i]));
        }
      if (!recent[0].known || recent[0].id != ids[i])
        {
          recent[1] = recent[0];
          recent[0] = (Recent) { TRUE, ids[i], s };
        }
    }
}

/* A run's unit, as its layers' ids, for the runs' patterns. */
typedef struct
{
  const guint *ids;
  guint        length;
} Unit;

static guint
unit_hash (gconstpointer data)
{
  const Unit *u = data;
  guint hash = u->length;

  for (guint i = 0; i < u->length; i++)
    hash = hash * 31 + u->ids[i];
  return hash;
}

static gboolean
unit_equal (gconstpointer a,
            gconstpointer b)
{
  const Unit *x = a, *y = b;

  return x->length == y->length && memcmp (x->ids, y->ids, x->length * sizeof (guint)) == 0;
}

/* Units of the same layers share a pattern, numbered in the order the
 * runs first show them. */
static void
number_patterns (GArray      *runs,
                 const guint *ids)
{
  g_autoptr(GHashTable) patterns = g_hash_table_new_full (unit_hash, unit_equal, g_free, NULL);

  for (guint r = 0; r < runs->len; r++)
    {
      StrataRepeat *repeat = &g_array_index (runs, StrataRepeat, r);
      Unit unit = { ids + repeat->first, repeat->unit_length };
      gpointer pattern;

      if (g_hash_table_lookup_extended (patterns, &unit, NULL, &pattern))
        repeat->pattern = GPOINTER_TO_UINT (pattern);
      else
        {
          repeat->pattern = g_hash_table_size (patterns);
          g_hash_table_insert (patterns, g_memdup2 (&unit, sizeof unit),
                               GUINT_TO_POINTER (repeat->pattern));
        }
    }
}

static inline guint
run_end (const StrataRepeat *repeat)
{
  return repeat->first + repeat->unit_length * repeat->n_units;
}

/* Greedy: at layer @i, the unit length whose repeats cover the most
 * layers (the shorter unit on a tie); FALSE when no unit repeats there.
 * Each layer is compared with the one a unit later at most MAX_UNIT
 * times per start, so a walk of the network is linear in its layers. */
static gboolean
run_at (const guint  *ids,
        const guint8 *cores,
        guint         n,
        guint         i,
        StrataRepeat *repeat)
{
  guint best_length = 0, best_units = 0, n_cores = 0;

  /* A unit starts at a block, not at a slice drawn on the one before. */
  if (!cores[i])
    return FALSE;
  for (guint length = 1; length <= MAX_UNIT && i + 2 * length <= n; length++)
    {
      guint same = 0, units;

      n_cores += cores[i + length - 1];
      if (n_cores < 2)
        continue;
      while (i + length + same < n && ids[i + same] == ids[i + length + same])
        same++;
      units = 1 + same / length;
      if (units >= 2 && units * length > best_units * best_length)
        {
          best_length = length;
          best_units = units;
        }
    }
  if (best_units < 2)
    return FALSE;
  *repeat = (StrataRepeat) { i, best_length, best_units, 0 };
  return TRUE;
}

/* What a search after an edit walks again, and why no more.
 *
 * The walk goes from the first layer, deciding at each layer it stops
 * at whether a run starts there, and then goes on after the run, or to
 * the next layer. Its decision at layer i reads the ids of layers up to
 * the end of the run it finds there plus a unit (MAX_UNIT), or, for the
 * lengths that repeat less than twice, up to i + 2 × MAX_UNIT, and
 * nothing before i. So with the ids of [lo, hi) changed:
 *  - every decision reading only layers before lo is the one taken
 *    before: the runs ending MAX_UNIT before lo and starting 2 × MAX_UNIT
 *    before it are kept, and the walk starts again after them, at a
 *    layer it stopped at before (the start of a run it went over, or a
 *    layer 2 × MAX_UNIT before lo);
 *  - from a layer at or after hi that the walk before stopped at too
 *    (one no run before went over), it reads what it read before, a
 *    splice's shift apart, and takes the same decisions: the runs from
 *    there on are those found before.
 * The walk again is thus the changed layers, two units before them, and
 * the runs that reach past them, however long: an edit inside a run of
 * 25,000 units walks it again to its end (comparing ids, nothing else),
 * as that run may now end anywhere. The patterns are numbered again for
 * every run, as a run new or gone renumbers those after it. */
static void
find_runs (StrataRepeatsMemo *memo,
           guint              n,
           guint              lo,
           guint              hi)
{
  const guint *ids = (const guint *) memo->ids->data;
  const guint8 *cores = (const guint8 *) memo->cores->data;
  GArray *before = memo->runs;
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (StrataRepeat));
  guint kept = 0, i = 0, old;

  while (kept < before->len)
    {
      const StrataRepeat *r = &g_array_index (before, StrataRepeat, kept);

      if (MAX (run_end (r) + MAX_UNIT, r->first + 2 * MAX_UNIT) >= lo)
        break;
      i = run_end (r);
      kept++;
    }
  g_array_append_vals (runs, before->data, kept);
  if (lo > 2 * MAX_UNIT)
    i = MAX (i, lo - 2 * MAX_UNIT);
  /* Not inside a run the walk went over. */
  if (kept < before->len && g_array_index (before, StrataRepeat, kept).first < i)
    i = g_array_index (before, StrataRepeat, kept).first;

  for (old = kept; i < n;)
    {
      StrataRepeat repeat;

      if (i >= hi)
        {
          while (old < before->len && run_end (&g_array_index (before, StrataRepeat, old)) <= i)
            old++;
          if (old == before->len || g_array_index (before, StrataRepeat, old).first >= i)
            {
              g_array_append_vals (runs, &g_array_index (before, StrataRepeat, old),
                                   before->len - old);
              break;
            }
        }
      if (run_at (ids, cores, n, i, &repeat))
        {
          g_array_append_val (runs, repeat);
          i = run_end (&repeat);
        }
      else
        i++;
    }
  number_patterns (runs, ids);
  g_array_unref (before);
  memo->runs = runs;
}

void
strata_network_repeats_free (StrataRepeatsMemo *memo)
{
  if (memo == NULL)
    return;
  g_hash_table_unref (memo->signatures);
  g_array_unref (memo->ids);
  g_array_unref (memo->cores);
  g_array_unref (memo->runs);
  g_free (memo);
}

static inline void
mark_dirty (StrataRepeatsMemo *memo,
            guint              first,
            guint              end)
{
  if (first >= end)
    return;
  if (memo->dirty_first >= memo->dirty_end)
    {
      memo->dirty_first = first;
      memo->dirty_end = end;
      return;
    }
  memo->dirty_first = MIN (memo->dirty_first, first);
  memo->dirty_end = MAX (memo->dirty_end, end);
}

void
strata_network_repeats_changed (StrataNetwork *self,
                                guint          position)
{
  g_mutex_lock (&memo_lock);
  if (self->repeats != NULL)
    mark_dirty (self->repeats, position, position + 1);
  g_mutex_unlock (&memo_lock);
}

void
strata_network_repeats_spliced (StrataNetwork *self,
                                guint          position,
                                guint          n_removed,
                                guint          n_added)
{
  StrataRepeatsMemo *memo;
  guint past = position + n_removed;
  GArray *runs;

  g_mutex_lock (&memo_lock);
  memo = self->repeats;
  if (memo == NULL)
    {
      g_mutex_unlock (&memo_lock);
      return;
    }
  /* The marks move with their layers, as the runs do; a run that loses
   * or gains layers is walked again. */
  if (memo->dirty_first < memo->dirty_end)
    {
      guint first = memo->dirty_first, end = memo->dirty_end;

      memo->dirty_first = first < position ? first : first >= past ? first - n_removed + n_added
                                                                   : position;
      memo->dirty_end = end <= position ? end : end >= past ? end - n_removed + n_added
                                                            : position + n_added;
    }
  runs = g_array_new (FALSE, FALSE, sizeof (StrataRepeat));
  for (guint r = 0; r < memo->runs->len; r++)
    {
      StrataRepeat repeat = g_array_index (memo->runs, StrataRepeat, r);

      if (repeat.first >= past)
        repeat.first = repeat.first - n_removed + n_added;
      else if (run_end (&repeat) > position)
        {
          mark_dirty (memo, repeat.first,
                      run_end (&repeat) <= past ? position + n_added
                                                : run_end (&repeat) - n_removed + n_added);
          continue;
        }
      g_array_append_val (runs, repeat);
    }
  g_array_unref (memo->runs);
  memo->runs = runs;

  g_array_remove_range (memo->ids, position, n_removed);
  g_array_remove_range (memo->cores, position, n_removed);
  g_array_set_size (memo->ids, memo->ids->len + n_added);
  g_array_set_size (memo->cores, memo->cores->len + n_added);
  memmove ((guint *) memo->ids->data + position + n_added, (guint *) memo->ids->data + position,
           (memo->ids->len - position - n_added) * sizeof (guint));
  memmove ((guint8 *) memo->cores->data + position + n_added,
           (guint8 *) memo->cores->data + position, memo->cores->len - position - n_added);
  /* The layers added, and those after them that may read one before
   * them, or one of them moved. */
  mark_dirty (memo, position, position + n_added + memo->reach);
  memo->spliced = TRUE;
  g_mutex_unlock (&memo_lock);
}

GArray *
strata_network_find_repeats (StrataNetwork *network)
{
  StrataRepeatsMemo *memo;
  guint n, lo, hi;
  GArray *copy;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);

  g_mutex_lock (&memo_lock);
  n = strata_network_get_n_layers (network);
  memo = network->repeats;
  if (memo == NULL)
    {
      memo = network->repeats = g_new0 (StrataRepeatsMemo, 1);
      memo->signatures = g_hash_table_new_full (signature_hash, signature_equal, g_free, NULL);
      memo->ids = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
      memo->cores = g_array_sized_new (FALSE, FALSE, sizeof (guint8), n);
      memo->runs = g_array_new (FALSE, FALSE, sizeof (StrataRepeat));
      memo->reach = 1;
      g_array_set_size (memo->ids, n);
      g_array_set_size (memo->cores, n);
      memo->dirty_first = 0;
      memo->dirty_end = n;
      memo->spliced = TRUE;
    }

  lo = memo->dirty_first;
  hi = MIN (memo->dirty_end, n);
  if (lo < hi || memo->spliced)
    {
      g_autofree guint *was = NULL;

      lo = MIN (lo, hi);
      /* Only compared where no layer came or went, where [lo, hi) is
       * not empty; a network of no layers has no ids at all. */
      if (!memo->spliced)
        was = g_memdup2 (&g_array_index (memo->ids, guint, lo), (hi - lo) * sizeof (guint));
      compute_ids (memo, network, lo, hi);
      /* The same ids where no layer came or went: the same runs. */
      if (memo->spliced || memcmp (was, &g_array_index (memo->ids, guint, lo),
                                   (hi - lo) * sizeof (guint)) != 0)
        find_runs (memo, n, lo, hi);
      memo->dirty_first = memo->dirty_end = 0;
      memo->spliced = FALSE;
    }

  copy = g_array_sized_new (FALSE, FALSE, sizeof (StrataRepeat), memo->runs->len);
  g_array_append_vals (copy, memo->runs->data, memo->runs->len);
  g_mutex_unlock (&memo_lock);
  return copy;
}
