/* strata-memory.h: memory a network needs for a batch, for inference and for training. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-network.h"

G_BEGIN_DECLS

/* How each value is stored. */
typedef enum
{
  STRATA_DTYPE_FLOAT32,
  STRATA_DTYPE_FLOAT16,
  STRATA_DTYPE_BFLOAT16,
  STRATA_DTYPE_INT8,
  STRATA_N_DTYPES
} StrataDType;

/* The estimate of docs/numbers.md, in bytes, each at most G_MAXUINT64
 * (saturating). */
typedef struct
{
  guint64 weights;      /* every parameter, and the buffers */
  guint64 activations;  /* every layer's output for the whole batch: one forward pass */
  guint64 gradients;    /* one per trainable parameter */
  guint64 training_sgd; /* weights + gradients + a momentum per trainable + activations */
  guint64 training_adam;/* weights + gradients + two moments per trainable + activations */
  guint64 macs;         /* multiply-accumulates of one forward pass of the batch */
} StrataMemoryEstimate;

/* "float32", "float16", "bfloat16", "int8". */
gboolean    strata_dtype_from_id      (const char  *id,
                                       StrataDType *dtype);
const char *strata_dtype_get_id       (StrataDType  dtype);
guint       strata_dtype_get_size     (StrataDType  dtype);

/* What @network needs for @batch samples (at least 1) stored as @dtype. */
void        strata_network_estimate_memory (StrataNetwork        *network,
                                            guint                 batch,
                                            StrataDType           dtype,
                                            StrataMemoryEstimate *estimate);

G_END_DECLS
