/* strata-summary-private.h: what a summary explains beyond the counts. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "strata-summary.h"

G_BEGIN_DECLS

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
void strata_summary_add_explanations (JsonBuilder              *builder,
                                      StrataLayer              *layer);
/* The JSON totals' "batch" object. */
void strata_summary_add_batch        (JsonBuilder              *builder,
                                      StrataNetwork            *network,
                                      const StrataSummaryBatch *batch);

G_END_DECLS
