/* strata-summary-explain.c: formulas, receptive fields and batches in summaries. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-layer-formula.h"
#include "strata-receptive-field.h"
#include "strata-summary-private.h"

/* What a batch costs, as docs/numbers.md estimates it. */
void
strata_summary_append_batch (GString                  *out,
                             StrataNetwork            *network,
                             const StrataSummaryBatch *batch,
                             const char               *bullet)
{
  StrataMemoryEstimate estimate;
  g_autofree char *weights = NULL, *activations = NULL, *sgd = NULL, *adam = NULL, *macs = NULL;

  strata_network_estimate_memory (network, batch->size, batch->dtype, &estimate);
  weights = strata_format_bytes (estimate.weights);
  activations = strata_format_bytes (estimate.activations);
  sgd = strata_format_bytes (estimate.training_sgd);
  adam = strata_format_bytes (estimate.training_adam);
  macs = strata_format_count (estimate.macs);
  /* Translators: "Batch of 32 as float16: …"; the numbers are memory sizes */
  g_string_append_printf (out, _("%sBatch of %u as %s: weights %s, activations %s (one forward "
                                 "pass), MACs %s\n"),
                          bullet, batch->size, strata_dtype_get_id (batch->dtype), weights,
                          activations, macs);
  /* Translators: memory to train on the batch, with each optimizer's state */
  g_string_append_printf (out, _("%sTraining: %s with SGD and momentum, %s with Adam\n"), bullet,
                          sgd, adam);
}

static void
add_formula (StrataJsonWriter   *writer,
             const char         *key,
             StrataLayer        *layer,
             StrataLayerFormula  which)
{
  g_autofree char *formula = strata_layer_dup_plain_formula_of (layer, which);

  strata_json_writer_member (writer, key);
  if (formula != NULL)
    strata_json_writer_string (writer, formula);
  else
    strata_json_writer_null (writer);
}

/* [height, width], whole numbers as integers; a jump after upsampling
 * can be a fraction. */
static void
add_axes (StrataJsonWriter *writer,
          const char   *key,
          const double  values[2])
{
  strata_json_writer_member (writer, key);
  strata_json_writer_begin_array (writer);
  for (guint a = 0; a < 2; a++)
    {
      if (values[a] == (double) (gint64) values[a])
        strata_json_writer_int (writer, (gint64) values[a]);
      else
        strata_json_writer_double (writer, values[a]);
    }
  strata_json_writer_end_array (writer);
}

/* What a learner asks of a row: the formulas of its shape and MACs, and
 * its receptive field ("whole" when every output value sees the whole
 * input, null when it has none). */
void
strata_summary_add_explanations (StrataJsonWriter *writer,
                                 StrataLayer *layer)
{
  const StrataReceptiveField *field = strata_layer_get_receptive_field (layer);

  add_formula (writer, "shape_formula", layer, STRATA_LAYER_FORMULA_SHAPE);
  add_formula (writer, "macs_formula", layer, STRATA_LAYER_FORMULA_MACS);
  if (field->kind == STRATA_RECEPTIVE_FIELD_SPATIAL)
    {
      add_axes (writer, "receptive_field", field->size);
      add_axes (writer, "jump", field->jump);
      add_axes (writer, "receptive_field_start", field->start);
      return;
    }
  strata_json_writer_member (writer, "receptive_field");
  if (field->kind == STRATA_RECEPTIVE_FIELD_GLOBAL)
    strata_json_writer_string (writer, "whole");
  else
    strata_json_writer_null (writer);
  strata_json_writer_member (writer, "jump");
  strata_json_writer_null (writer);
  strata_json_writer_member (writer, "receptive_field_start");
  strata_json_writer_null (writer);
}

void
strata_summary_add_batch (StrataJsonWriter         *writer,
                          StrataNetwork            *network,
                          const StrataSummaryBatch *batch)
{
  StrataMemoryEstimate estimate;

  strata_network_estimate_memory (network, batch->size, batch->dtype, &estimate);
  strata_json_writer_member (writer, "batch");
  strata_json_writer_begin_object (writer);
  strata_summary_add_count (writer, "size", batch->size);
  strata_json_writer_member (writer, "dtype");
  strata_json_writer_string (writer, strata_dtype_get_id (batch->dtype));
  strata_summary_add_count (writer, "weights_bytes", estimate.weights);
  strata_summary_add_count (writer, "activations_bytes", estimate.activations);
  strata_summary_add_count (writer, "gradients_bytes", estimate.gradients);
  strata_summary_add_count (writer, "training_sgd_momentum_bytes", estimate.training_sgd);
  strata_summary_add_count (writer, "training_adam_bytes", estimate.training_adam);
  strata_summary_add_count (writer, "macs", estimate.macs);
  strata_json_writer_end_object (writer);
}
