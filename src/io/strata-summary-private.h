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

/* strata-summary-data.c: the summary as data, and what every format shares. */

/* Where strata_summary_write() hands the text as it is written; NULL for
 * a summary returned whole. */
typedef struct
{
  StrataSummaryFunc func;
  gpointer          user_data;
} StrataSummarySink;

/* Pieces about this long: a summary of 100,000 layers held whole took a
 * tenth of the memory of writing it. */
#define PIECE_SIZE (64 * 1024)

/* Called between rows: hands what @out holds to @sink once it is a
 * piece, and empties it. */
void         strata_summary_flush_rows    (GString                 *out,
                                           const StrataSummarySink *sink);
/* The name machine formats use: the layer's name in a file, else its
 * kind's file id. */
const char  *strata_summary_machine_name  (GPtrArray               *names,
                                           guint                    position,
                                           StrataLayer             *layer);
/* The name of input @k of the layer at @position, resolved. */
const char  *strata_summary_input_name    (StrataNetwork           *network,
                                           GPtrArray               *names,
                                           guint                    position,
                                           guint                    k);
/* An opaque operation: the file says what it outputs, not what it computes. */
gboolean     strata_summary_macs_unknown  (StrataLayer             *layer);
char        *strata_summary_csv           (StrataNetwork           *network,
                                           const StrataSummarySink *sink);
char        *strata_summary_json          (StrataNetwork            *network,
                                           const StrataSummaryBatch *batch,
                                           const StrataSummarySink *sink);

G_END_DECLS
