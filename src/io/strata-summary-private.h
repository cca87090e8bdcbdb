/* strata-summary-private.h: the summary formats and explanations that live in files of their own. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-json-private.h"
#include "strata-summary.h"

G_BEGIN_DECLS

/* strata-summary-latex.c: a booktabs table for a paper. */
char *strata_summary_latex (StrataNetwork *network);

/* A count as every JSON count is written: a number, or text past what
 * JSON readers keep exactly. */
void strata_summary_add_count        (StrataJsonWriter         *writer,
                                      const char               *key,
                                      guint64                   value);

/* The batch and data type the memory estimate is for; text shows it only
 * when asked for. */
typedef struct
{
  guint       size;
  StrataDType dtype;
  gboolean    asked;
} StrataSummaryBatch;

/* The text totals' lines for the batch: its memory, MACs and training estimate. */
void strata_summary_append_batch     (GString                  *out,
                                      StrataNetwork            *network,
                                      const StrataSummaryBatch *batch,
                                      const char               *bullet);
/* A JSON row's shape_formula, macs_formula, receptive_field, jump and
 * receptive_field_start. */
void strata_summary_add_explanations (StrataJsonWriter         *writer,
                                      StrataLayer              *layer);
/* The JSON totals' "batch" object. */
void strata_summary_add_batch        (StrataJsonWriter         *writer,
                                      StrataNetwork            *network,
                                      const StrataSummaryBatch *batch);

G_END_DECLS
