/* strata-layer-rules-private.h: the rules of each kind, for the table of kinds. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gi18n-lib.h>

#include "strata-layer-kind.h"

G_BEGIN_DECLS

/* Sets the result's error once; the first problem found is the one reported. */
G_GNUC_PRINTF (2, 3)
static inline void
fail (StrataLayerResult *result,
      const char        *format,
      ...)
{
  va_list args;

  if (result->error != NULL)
    return;

  va_start (args, format);
  result->error = g_strdup_vprintf (format, args);
  va_end (args);
}

static inline void
fail_overflow (StrataLayerResult *result)
{
  fail (result, "%s", _("The counts of this layer are too large to represent (more than 2⁶⁴)"));
}

/* Multiplies into *acc, failing the result on overflow. */
static inline gboolean
mul (StrataLayerResult *result,
     guint64           *acc,
     guint64            factor)
{
  if (result->error != NULL)
    return FALSE;
  if (g_uint64_checked_mul (acc, *acc, factor))
    return TRUE;
  fail_overflow (result);
  return FALSE;
}

static inline gboolean
add (StrataLayerResult *result,
     guint64           *acc,
     guint64            term)
{
  if (result->error != NULL)
    return FALSE;
  if (g_uint64_checked_add (acc, *acc, term))
    return TRUE;
  fail_overflow (result);
  return FALSE;
}

static inline gboolean
need_spatial (const StrataShape *input,
              StrataLayerResult *result)
{
  g_autofree char *n = NULL;

  if (!input->is_vector)
    return TRUE;

  n = strata_format_count (input->channels);
  fail (result,
        _("Needs a spatial input (height × width × channels), but its input is a vector of %s"),
        n);
  return FALSE;
}

static inline guint64
input_size (const StrataShape *input,
            StrataLayerResult *result)
{
  guint64 size = 0;

  if (!strata_shape_get_size (input, &size))
    fail_overflow (result);
  return size;
}

static inline void
set_no_weights (StrataLayerResult *result)
{
  if (result->with_formula)
    result->formula = g_strdup (_("0 (no weights)"));
}

void strata_rule_conv2d (const StrataLayerParams *p,
                    const StrataShape * const *inputs,
                    guint                      n_inputs,
                    StrataLayerResult         *r);

void strata_rule_depthwise_conv2d (const StrataLayerParams *p,
                              const StrataShape * const *inputs,
                              guint                      n_inputs,
                              StrataLayerResult         *r);

void strata_rule_separable_conv2d (const StrataLayerParams *p,
                              const StrataShape * const *inputs,
                              guint                      n_inputs,
                              StrataLayerResult         *r);

void strata_rule_conv2d_transpose (const StrataLayerParams *p,
                                   const StrataShape * const *inputs,
                                   guint                      n_inputs,
                                   StrataLayerResult         *r);

void strata_rule_pool2d (const StrataLayerParams *p,
                    const StrataShape * const *inputs,
                    guint                      n_inputs,
                    StrataLayerResult         *r);

void strata_rule_adaptive_avgpool2d (const StrataLayerParams *p,
                                const StrataShape * const *inputs,
                                guint                      n_inputs,
                                StrataLayerResult         *r);

void strata_rule_global_pool2d (const StrataLayerParams *p,
                           const StrataShape * const *inputs,
                           guint                      n_inputs,
                           StrataLayerResult         *r);

void strata_rule_flatten (const StrataLayerParams *p,
                     const StrataShape * const *inputs,
                     guint                      n_inputs,
                     StrataLayerResult         *r);

void strata_rule_reshape (const StrataLayerParams *p,
                          const StrataShape * const *inputs,
                          guint                      n_inputs,
                          StrataLayerResult         *r);

void strata_rule_upsampling2d (const StrataLayerParams *p,
                               const StrataShape * const *inputs,
                               guint                      n_inputs,
                               StrataLayerResult         *r);

void strata_rule_zero_padding2d (const StrataLayerParams *p,
                                 const StrataShape * const *inputs,
                                 guint                      n_inputs,
                                 StrataLayerResult         *r);

void strata_rule_cropping2d (const StrataLayerParams *p,
                             const StrataShape * const *inputs,
                             guint                      n_inputs,
                             StrataLayerResult         *r);

void strata_rule_dense (const StrataLayerParams *p,
                   const StrataShape * const *inputs,
                   guint                      n_inputs,
                   StrataLayerResult         *r);

void strata_rule_batchnorm (const StrataLayerParams *p,
                       const StrataShape * const *inputs,
                       guint                      n_inputs,
                       StrataLayerResult         *r);

void strata_rule_identity (const StrataLayerParams *p,
                      const StrataShape * const *inputs,
                      guint                      n_inputs,
                      StrataLayerResult         *r);

/* Kinds that take other than one input: strata-layer-rules-inputs.c. */

void strata_rule_add (const StrataLayerParams   *p,
                      const StrataShape * const *inputs,
                      guint                      n_inputs,
                      StrataLayerResult         *r);

void strata_rule_subtract (const StrataLayerParams   *p,
                           const StrataShape * const *inputs,
                           guint                      n_inputs,
                           StrataLayerResult         *r);

void strata_rule_multiply (const StrataLayerParams   *p,
                           const StrataShape * const *inputs,
                           guint                      n_inputs,
                           StrataLayerResult         *r);

void strata_rule_average (const StrataLayerParams   *p,
                          const StrataShape * const *inputs,
                          guint                      n_inputs,
                          StrataLayerResult         *r);

void strata_rule_maximum (const StrataLayerParams   *p,
                          const StrataShape * const *inputs,
                          guint                      n_inputs,
                          StrataLayerResult         *r);

void strata_rule_minimum (const StrataLayerParams   *p,
                          const StrataShape * const *inputs,
                          guint                      n_inputs,
                          StrataLayerResult         *r);

void strata_rule_concatenate (const StrataLayerParams   *p,
                              const StrataShape * const *inputs,
                              guint                      n_inputs,
                              StrataLayerResult         *r);

void strata_rule_input (const StrataLayerParams   *p,
                        const StrataShape * const *inputs,
                        guint                      n_inputs,
                        StrataLayerResult         *r);

void strata_rule_opaque (const StrataLayerParams   *p,
                         const StrataShape * const *inputs,
                         guint                      n_inputs,
                         StrataLayerResult         *r);

G_END_DECLS
