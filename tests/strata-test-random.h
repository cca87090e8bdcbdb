/* strata-test-random.h: random networks of every kind with random valid values. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-network.h"

/* Characters names are drawn from: quotes, escapes, controls, non-ASCII
 * and a character outside the Basic Multilingual Plane. */
static const char * const strata_test_name_pieces[] = {
  "a", "Z", "7", " ", "_", "\"", "\\", "/", "\n", "\t", "\r", "\x1b", "\x7f", "|", ",", "=",
  "é", "ß", "—", "“", "×", "中", "😀", "\u2028",
};

static inline char *
strata_test_random_name (GRand *rand)
{
  GString *name;
  guint length;

  if (g_rand_int_range (rand, 0, 4) == 0)
    return NULL;
  /* Now and then a name of exactly the longest length a file holds. */
  length = g_rand_int_range (rand, 0, 8) == 0 ? STRATA_NAME_MAX_CHARS
                                              : (guint) g_rand_int_range (rand, 1, 24);
  name = g_string_new (NULL);
  for (guint i = 0; i < length; i++)
    g_string_append (name, strata_test_name_pieces[g_rand_int_range (
                             rand, 0, G_N_ELEMENTS (strata_test_name_pieces))]);
  return g_string_free (name, FALSE);
}

/* A text of a hyper-parameter from the same characters, now and then of
 * exactly the longest length a file holds; NULL for none. */
static inline char *
strata_test_random_text (GRand *rand)
{
  GString *text;
  guint length;

  if (g_rand_int_range (rand, 0, 4) == 0)
    return NULL;
  length = g_rand_int_range (rand, 0, 8) == 0 ? STRATA_TEXT_MAX_CHARS
                                              : (guint) g_rand_int_range (rand, 1, 24);
  text = g_string_new (NULL);
  for (guint i = 0; i < length; i++)
    g_string_append (text, strata_test_name_pieces[g_rand_int_range (
                             rand, 0, G_N_ELEMENTS (strata_test_name_pieces))]);
  return g_string_free (text, FALSE);
}

/* Rates as people type them (0.003, the kind json-glib wrote with 17
 * digits), tiny ones written with an exponent, and any double below 1. */
static inline double
strata_test_random_rate (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      return g_rand_int_range (rand, 0, 1000) / 1000.0;
    case 1:
      return g_rand_int_range (rand, 1, 100) * 1e-7;
    case 2:
      return 1.0 - g_rand_int_range (rand, 1, 1000) * 1e-16;
    default:
      return g_rand_double (rand);
    }
}

static inline void
strata_test_random_pair (GRand      *rand,
                         StrataPair *pair,
                         guint       minimum)
{
  pair->height = g_rand_int_range (rand, minimum, 8);
  pair->width = g_rand_int_range (rand, 0, 2) ? pair->height
                                              : (guint) g_rand_int_range (rand, minimum, 8);
}

/* Every hyper-parameter the kind takes set at random within what a file
 * can hold; some of the values leave the layer unable to apply, which a
 * file must keep all the same. */
static inline StrataLayer *
strata_test_random_layer (GRand          *rand,
                          StrataLayerKind kind)
{
  StrataLayer *layer = strata_layer_new (kind);
  StrataLayerParams p = *strata_layer_get_params (layer);
  g_autofree char *name = strata_test_random_name (rand);

  for (guint i = 0; i < STRATA_N_PARAMS; i++)
    {
      const StrataParamInfo *info = strata_param_get_info (i);

      if (!strata_layer_kind_takes (kind, i) || g_rand_int_range (rand, 0, 3) == 0)
        continue;
      switch ((StrataParamType) info->type)
        {
        case STRATA_PARAM_TYPE_COUNT:
          *STRATA_PARAM_FIELD (&p, info, guint) =
            g_rand_int_range (rand, 0, 10) == 0 ? G_MAXUINT32
                                                : (guint) g_rand_int_range (rand, info->minimum,
                                                                            70);
          break;
        case STRATA_PARAM_TYPE_PAIR:
          strata_test_random_pair (rand, STRATA_PARAM_FIELD (&p, info, StrataPair),
                                   info->minimum);
          break;
        case STRATA_PARAM_TYPE_PADDING:
          p.padding_mode = g_rand_int_range (rand, 0, 3);
          strata_test_random_pair (rand, &p.padding, info->minimum);
          break;
        case STRATA_PARAM_TYPE_BOOLEAN:
          *STRATA_PARAM_FIELD (&p, info, gboolean) = g_rand_boolean (rand);
          break;
        case STRATA_PARAM_TYPE_ACTIVATION:
          p.activation = g_rand_int_range (rand, 0, STRATA_N_ACTIVATIONS);
          break;
        case STRATA_PARAM_TYPE_RATE:
          p.rate = strata_test_random_rate (rand);
          break;
        case STRATA_PARAM_TYPE_CHOICE:
          *STRATA_PARAM_FIELD (&p, info, guint) = g_rand_int_range (rand, 0, info->n_choices);
          break;
        case STRATA_PARAM_TYPE_TARGET:
          {
            StrataTarget *target = STRATA_PARAM_FIELD (&p, info, StrataTarget);
            StrataPair area;

            strata_test_random_pair (rand, &area, info->minimum);
            *target = (StrataTarget) { area.height, area.width,
                                       g_rand_int_range (rand, info->minimum, 70),
                                       g_rand_boolean (rand) };
          }
          break;
        case STRATA_PARAM_TYPE_SIDES:
          {
            StrataSides *sides = STRATA_PARAM_FIELD (&p, info, StrataSides);
            StrataPair height, width;

            /* Now and then the same on both sides of an axis, or on all four. */
            strata_test_random_pair (rand, &height, info->minimum);
            strata_test_random_pair (rand, &width, info->minimum);
            *sides = (StrataSides) { height.height, height.width, width.height, width.width };
            if (g_rand_int_range (rand, 0, 4) == 0)
              sides->left = sides->right = sides->bottom = sides->top;
          }
          break;
        case STRATA_PARAM_TYPE_TEXT:
          {
            g_autofree char *text = strata_test_random_text (rand);

            *STRATA_PARAM_FIELD (&p, info, const char *) = strata_text_intern (text);
          }
          break;
        case STRATA_PARAM_TYPE_WEIGHTS:
          /* Now and then the most a file holds. */
          *STRATA_PARAM_FIELD (&p, info, guint64) =
            g_rand_int_range (rand, 0, 8) == 0 ? STRATA_WEIGHTS_MAX
                                               : (guint64) g_rand_int_range (rand, 0, 1 << 30) *
                                                 g_rand_int_range (rand, 1, 1000);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  strata_layer_set_params (layer, &p);
  strata_layer_set_name (layer, name);
  return layer;
}

/* A network with every kind at least once, in random order: a chain,
 * or with @branches, layers that name random earlier layers (or the
 * input) as inputs and now and then use an earlier layer's weights. */
static inline StrataNetwork *
strata_test_random_network_full (GRand    *rand,
                                 gboolean  branches)
{
  StrataNetwork *network = strata_network_new ();
  g_autofree char *name = strata_test_random_name (rand);
  guint n_layers = STRATA_N_LAYER_KINDS + g_rand_int_range (rand, 0, 8);
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree StrataLayerKind *kinds = g_new (StrataLayerKind, n_layers);

  strata_network_set_name (network, name);
  strata_network_set_input (network, g_rand_int_range (rand, 1, 300),
                            g_rand_int_range (rand, 1, 300), g_rand_int_range (rand, 1, 64));
  for (guint i = 0; i < n_layers; i++)
    kinds[i] = i < STRATA_N_LAYER_KINDS ? (StrataLayerKind) i
                                        : (StrataLayerKind) g_rand_int_range (rand, 0,
                                                                              STRATA_N_LAYER_KINDS);
  for (guint i = n_layers; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      StrataLayerKind kind = kinds[i - 1];

      kinds[i - 1] = kinds[j];
      kinds[j] = kind;
    }

  for (guint i = 0; i < n_layers; i++)
    {
      StrataLayer *layer = strata_test_random_layer (rand, kinds[i]);
      const StrataLayerKindInfo *info = strata_layer_get_kind_info (layer);

      if (branches && info->max_inputs > 0 && g_rand_int_range (rand, 0, 3) == 0)
        {
          StrataLayer *inputs[3];
          guint n = g_rand_int_range (rand, 1, 4);

          for (guint k = 0; k < n; k++)
            {
              int source = g_rand_int_range (rand, -1, i);

              inputs[k] = source < 0 ? NULL : g_ptr_array_index (layers, source);
            }
          strata_layer_set_inputs (layer, inputs, n);
        }
      if (branches && i > 0 && g_rand_int_range (rand, 0, 6) == 0)
        {
          StrataLayer *owner = g_ptr_array_index (layers, g_rand_int_range (rand, 0, i));

          if (strata_layer_get_kind (owner) == kinds[i])
            {
              strata_layer_set_params (layer, strata_layer_get_params (owner));
              strata_layer_set_shares (layer, owner);
            }
        }
      g_ptr_array_add (layers, layer);
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  return network;
}

static inline StrataNetwork *
strata_test_random_network (GRand *rand)
{
  return strata_test_random_network_full (rand, FALSE);
}
