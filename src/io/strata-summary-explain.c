/* strata-summary-explain.c: formulas, receptive fields and batches in summaries. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-layer-formula.h"
#include "strata-receptive-field.h"
#include "strata-summary-private.h"

/* Sizes in bytes as every JSON count is written: a number, or text past
 * what JSON readers keep exactly. */
static void
add_bytes (JsonBuilder *builder,
           const char  *key,
           guint64      value)
{
  json_builder_set_member_name (builder, key);
  if (value <= G_MAXINT64)
    json_builder_add_int_value (builder, (gint64) value);
  else
    {
      g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);

      json_builder_add_string_value (builder, text);
    }
}

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
  weights = g_format_size_full (estimate.weights, G_FORMAT_SIZE_IEC_UNITS);
  activations = g_format_size_full (estimate.activations, G_FORMAT_SIZE_IEC_UNITS);
  sgd = g_format_size_full (estimate.training_sgd, G_FORMAT_SIZE_IEC_UNITS);
  adam = g_format_size_full (estimate.training_adam, G_FORMAT_SIZE_IEC_UNITS);
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
add_formula (JsonBuilder        *builder,
             const char         *key,
             StrataLayer        *layer,
             StrataLayerFormula  which)
{
  g_autofree char *formula = strata_layer_dup_plain_formula_of (layer, which);

  json_builder_set_member_name (builder, key);
  if (formula != NULL)
    json_builder_add_string_value (builder, formula);
  else
    json_builder_add_null_value (builder);
}

/* [height, width], whole numbers as integers; a jump after upsampling
 * can be a fraction. */
static void
add_axes (JsonBuilder  *builder,
          const char   *key,
          const double  values[2])
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint a = 0; a < 2; a++)
    {
      if (values[a] == (double) (gint64) values[a])
        json_builder_add_int_value (builder, (gint64) values[a]);
      else
        json_builder_add_double_value (builder, values[a]);
    }
  json_builder_end_array (builder);
}

/* What a learner asks of a row: the formulas of its shape and MACs, and
 * its receptive field ("whole" when every output value sees the whole
 * input, null when it has none). */
void
strata_summary_add_explanations (JsonBuilder *builder,
                                 StrataLayer *layer)
{
  const StrataReceptiveField *field = strata_layer_get_receptive_field (layer);

  add_formula (builder, "shape_formula", layer, STRATA_LAYER_FORMULA_SHAPE);
  add_formula (builder, "macs_formula", layer, STRATA_LAYER_FORMULA_MACS);
  if (field->kind == STRATA_RECEPTIVE_FIELD_SPATIAL)
    {
      add_axes (builder, "receptive_field", field->size);
      add_axes (builder, "jump", field->jump);
      add_axes (builder, "receptive_field_start", field->start);
      return;
    }
  json_builder_set_member_name (builder, "receptive_field");
  if (field->kind == STRATA_RECEPTIVE_FIELD_GLOBAL)
    json_builder_add_string_value (builder, "whole");
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "jump");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "receptive_field_start");
  json_builder_add_null_value (builder);
}

void
strata_summary_add_batch (JsonBuilder              *builder,
                          StrataNetwork            *network,
                          const StrataSummaryBatch *batch)
{
  StrataMemoryEstimate estimate;

  strata_network_estimate_memory (network, batch->size, batch->dtype, &estimate);
  json_builder_set_member_name (builder, "batch");
  json_builder_begin_object (builder);
  add_bytes (builder, "size", batch->size);
  json_builder_set_member_name (builder, "dtype");
  json_builder_add_string_value (builder, strata_dtype_get_id (batch->dtype));
  add_bytes (builder, "weights_bytes", estimate.weights);
  add_bytes (builder, "activations_bytes", estimate.activations);
  add_bytes (builder, "gradients_bytes", estimate.gradients);
  add_bytes (builder, "training_sgd_momentum_bytes", estimate.training_sgd);
  add_bytes (builder, "training_adam_bytes", estimate.training_adam);
  add_bytes (builder, "macs", estimate.macs);
  json_builder_end_object (builder);
}
