/* strata-network-repeats.c: runs of layers that repeat, such as VGG's stages and ResNet's blocks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "strata-network.h"

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

  /* Weak on purpose: the settings are compared in full by signature_equal. */
  for (guint i = 0; i < s->n_offsets; i++)
    hash = hash * 31 + s->offsets[i];
  return hash * 31 + s->params.kernel.height * 7 + s->params.stride.height;
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

/* One id per kind of layer, alike layers sharing one; a layer that reads
 * more than MAX_OFFSETS layers gets an id of its own. */
static guint *
layer_ids (StrataNetwork *network,
           guint          n)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (signature_hash, signature_equal, g_free, NULL);
  guint *out = g_new (guint, MAX (n, 1));
  g_autofree Recent *memo = g_new0 (Recent, 2 * STRATA_N_LAYER_KINDS);
  guint next = 0;

  for (guint i = 0; i < n; i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      guint n_inputs = strata_layer_get_n_inputs (layer);
      Signature s;
      Recent *recent;
      gpointer id;

      if (n_inputs > MAX_OFFSETS)
        {
          out[i] = next++;
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
      recent = &memo[s.kind * 2];
      if (recent[0].known && memcmp (&recent[0].signature, &s, sizeof s) == 0)
        out[i] = recent[0].id;
      else if (recent[1].known && memcmp (&recent[1].signature, &s, sizeof s) == 0)
        out[i] = recent[1].id;
      else if (g_hash_table_lookup_extended (ids, &s, NULL, &id))
        out[i] = GPOINTER_TO_UINT (id);
      else
        {
          out[i] = next;
          g_hash_table_insert (ids, g_memdup2 (&s, sizeof s), GUINT_TO_POINTER (next));
          next++;
        }
      if (!recent[0].known || recent[0].id != out[i])
        {
          recent[1] = recent[0];
          recent[0] = (Recent) { TRUE, out[i], s };
        }
    }
  return out;
}

/* A slice after a block (activation, normalization, dropout) is no block
 * of its own: a unit needs two layers of other kinds. */
static gboolean
is_core (StrataNetwork *network,
         guint          position)
{
  switch (strata_layer_get_kind_info (strata_network_get_layer (network, position))->category)
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

GArray *
strata_network_find_repeats (StrataNetwork *network)
{
  GArray *repeats;
  g_autofree guint *ids = NULL;
  g_autofree guint *cores = NULL;
  guint n;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);

  repeats = g_array_new (FALSE, FALSE, sizeof (StrataRepeat));
  n = strata_network_get_n_layers (network);
  ids = layer_ids (network, n);
  /* cores[i]: how many of the first i layers are blocks. */
  cores = g_new (guint, n + 1);
  cores[0] = 0;
  for (guint i = 0; i < n; i++)
    cores[i + 1] = cores[i] + is_core (network, i);

  /* Greedy from the start: at each layer, the unit length whose repeats
   * cover the most layers (the shorter unit on a tie), then on after
   * them. Each layer is compared with the one a unit later at most
   * MAX_UNIT times per start, so this is linear in the layers. */
  for (guint i = 0; i < n;)
    {
      guint best_length = 0, best_units = 0;

      /* A unit starts at a block, not at a slice drawn on the one before. */
      if (!is_core (network, i))
        {
          i++;
          continue;
        }
      for (guint length = 1; length <= MAX_UNIT && i + 2 * length <= n; length++)
        {
          guint same = 0, units;

          if (cores[i + length] - cores[i] < 2)
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
        {
          i++;
          continue;
        }

      {
        StrataRepeat repeat = { i, best_length, best_units, repeats->len };

        /* The same unit seen before keeps its pattern. */
        for (guint r = 0; r < repeats->len; r++)
          {
            const StrataRepeat *earlier = &g_array_index (repeats, StrataRepeat, r);

            if (earlier->unit_length == best_length &&
                memcmp (ids + earlier->first, ids + i, best_length * sizeof (guint)) == 0)
              {
                repeat.pattern = earlier->pattern;
                break;
              }
          }
        if (repeat.pattern == repeats->len)
          {
            guint n_patterns = 0;

            for (guint r = 0; r < repeats->len; r++)
              n_patterns = MAX (n_patterns, g_array_index (repeats, StrataRepeat, r).pattern + 1);
            repeat.pattern = n_patterns;
          }
        g_array_append_val (repeats, repeat);
      }
      i += best_length * best_units;
    }
  return repeats;
}
