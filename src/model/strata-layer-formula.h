/* strata-layer-formula.h: the arithmetic behind each number of a layer. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-layer.h"

G_BEGIN_DECLS

/* Which of a layer's numbers a formula explains. */
typedef enum
{
  /* The output shape: one line per axis that the layer computes
   * ("height: ⌊(32 + 2·2 − 5) / 2⌋ + 1 = 16"), height and width on one
   * line when their formulas are the same, lines joined by "\n". */
  STRATA_LAYER_FORMULA_SHAPE,
  /* The parameter count: strata_layer_get_formula(). */
  STRATA_LAYER_FORMULA_PARAMS,
  /* Multiply-accumulates of one forward pass. */
  STRATA_LAYER_FORMULA_MACS,
  /* Values in the output (strata_layer_get_activation_size()). */
  STRATA_LAYER_FORMULA_ACTIVATION,
  STRATA_N_LAYER_FORMULAS
} StrataLayerFormula;

/* The formula behind one of @layer's numbers, with its own values
 * substituted and counts grouped as strata_format_count() groups them,
 * in Unicode (⌊ ⌋ ⌈ ⌉ · × −), ending in "= " and the number the layer
 * shows. NULL when the layer has no shape (its input is unknown or it
 * has an error). The text is translated; each call formats it anew, so
 * call it for what is shown, not on every recompute. */
char *strata_layer_dup_formula       (StrataLayer        *layer,
                                      StrataLayerFormula  which);
/* The same with numbers as the C locale writes them ("48120"), for
 * machine-readable output. */
char *strata_layer_dup_plain_formula_of (StrataLayer        *layer,
                                         StrataLayerFormula  which);
/* Until the matching end, this thread writes formulas as the plain ones
 * are written, so that a summary of many layers switches locales once:
 * each switch took longer than the formula. Calls nest. */
void  strata_layer_begin_plain_formulas (void);
void  strata_layer_end_plain_formulas   (void);
/* The same with counts grouped in threes by @separator where the locale
 * groups none (the C locale), as drawings write them. */
char *strata_layer_dup_formula_grouped  (StrataLayer        *layer,
                                         StrataLayerFormula  which,
                                         const char         *separator);

G_END_DECLS
