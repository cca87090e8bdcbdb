/* strata-summary.h: a network's layers and totals as a table or as data. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "strata-memory.h"
#include "strata-network.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_SUMMARY_TEXT,      /* an aligned table for the terminal, numbers as the locale writes them */
  STRATA_SUMMARY_MARKDOWN,
  STRATA_SUMMARY_CSV,       /* locale-independent */
  STRATA_SUMMARY_JSON,      /* locale-independent */
  STRATA_SUMMARY_LATEX,     /* a booktabs table for a paper, numbers grouped by thin spaces */
} StrataSummaryFormat;

gboolean  strata_summary_format_from_string (const char          *text,
                                             StrataSummaryFormat *format);
char     *strata_summary_to_string          (StrataNetwork       *network,
                                             StrataSummaryFormat  format);
/* The same with the memory and MACs of a batch of @batch_size samples
 * stored as @dtype: in the totals of every format but CSV (JSON always
 * has them, for a batch of 1 in float32 by default). */
char     *strata_summary_to_string_for_batch (StrataNetwork       *network,
                                              StrataSummaryFormat  format,
                                              guint                batch_size,
                                              StrataDType          dtype);

/* Receives a summary a piece at a time: @length bytes of whole rows or
 * lines, NUL-terminated. */
typedef void (*StrataSummaryFunc) (const char *text,
                                   gsize       length,
                                   gpointer    user_data);
/* The same summary handed to @func as it is written, so that the summary
 * of a large network is never whole in memory; @batch_size 0 for none
 * asked (the totals of a batch of 1 in float32, as
 * strata_summary_to_string() writes them). */
void      strata_summary_write              (StrataNetwork       *network,
                                             StrataSummaryFormat  format,
                                             guint                batch_size,
                                             StrataDType          dtype,
                                             StrataSummaryFunc    func,
                                             gpointer             user_data);

/* @text with its control characters shown as escapes (\n, \x1b…), as the
 * text format shows names; for messages that quote a name or a file. */
char     *strata_summary_escape_text        (const char          *text);

G_END_DECLS
