/* strata-memory.c: memory a network needs for a batch, for inference and for training. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-memory.h"

static const struct
{
  const char *id;
  guint       size;
} dtypes[STRATA_N_DTYPES] = {
  [STRATA_DTYPE_FLOAT32] = { "float32", 4 },
  [STRATA_DTYPE_FLOAT16] = { "float16", 2 },
  [STRATA_DTYPE_BFLOAT16] = { "bfloat16", 2 },
  [STRATA_DTYPE_INT8] = { "int8", 1 },
};

gboolean
strata_dtype_from_id (const char  *id,
                      StrataDType *dtype)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < STRATA_N_DTYPES; i++)
    if (g_str_equal (dtypes[i].id, id))
      {
        *dtype = i;
        return TRUE;
      }
  return FALSE;
}

const char *
strata_dtype_get_id (StrataDType dtype)
{
  g_return_val_if_fail (dtype < STRATA_N_DTYPES, NULL);

  return dtypes[dtype].id;
}

guint
strata_dtype_get_size (StrataDType dtype)
{
  g_return_val_if_fail (dtype < STRATA_N_DTYPES, 0);

  return dtypes[dtype].size;
}

/* Sums of counts that each fit 64 bits can pass them once multiplied by a
 * batch and a size: computed wide, then held at the largest value. */
static guint64
saturate (unsigned __int128 value)
{
  return value > G_MAXUINT64 ? G_MAXUINT64 : (guint64) value;
}

void
strata_network_estimate_memory (StrataNetwork        *network,
                                guint                 batch,
                                StrataDType           dtype,
                                StrataMemoryEstimate *estimate)
{
  unsigned __int128 size;
  unsigned __int128 weights, activations, gradients;

  g_return_if_fail (STRATA_IS_NETWORK (network));
  g_return_if_fail (batch >= 1);
  g_return_if_fail (dtype < STRATA_N_DTYPES);
  g_return_if_fail (estimate != NULL);

  size = dtypes[dtype].size;
  /* The buffers (PyTorch's running statistics) are stored with the
   * weights; under Keras's convention they are the non-trainable params. */
  weights = ((unsigned __int128) strata_network_get_params (network) +
             strata_network_get_buffers (network)) * size;
  activations = (unsigned __int128) strata_network_get_activation_size (network) * batch * size;
  gradients = (unsigned __int128) strata_network_get_trainable_params (network) * size;

  estimate->weights = saturate (weights);
  estimate->activations = saturate (activations);
  estimate->gradients = saturate (gradients);
  /* Training keeps every output for the backward pass, one gradient per
   * trainable weight, and the optimizer's state: SGD's momentum is one
   * value per trainable weight, Adam's first and second moments two. */
  estimate->training_sgd = saturate (weights + 2 * gradients + activations);
  estimate->training_adam = saturate (weights + 3 * gradients + activations);
  estimate->macs = saturate ((unsigned __int128) strata_network_get_macs (network) * batch);
}
