/* strata-layer-compute.c: what a layer computes from its inputs' shapes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-layer-fields-private.h"
#include "strata-layer-formula.h"
#include "strata-layer-private.h"

static void apply_rule (StrataLayer       *self,
                        StrataLayerResult *result);

gboolean
strata_layer_has_shape (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), FALSE);

  return self->has_shape;
}

const StrataShape *
strata_layer_get_input_shape (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), NULL);

  if (self->n_input_shapes == 0 || (!self->has_shape && self->result.error == NULL))
    return NULL;
  return &self->input_shapes[0];
}

const StrataShape *
strata_layer_get_output_shape (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), NULL);

  return self->has_shape ? &self->result.output : NULL;
}

guint64
strata_layer_get_activation_size (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), 0);

  return self->activation_size;
}

guint64
strata_layer_get_params_count (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), 0);

  return self->result.params;
}

guint64
strata_layer_get_trainable_params (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), 0);

  return self->result.trainable_params;
}

guint64
strata_layer_get_non_trainable_params (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), 0);

  return self->result.non_trainable_params;
}

guint64
strata_layer_get_buffers (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), 0);

  return self->result.buffers;
}

gboolean
strata_layer_set_convention (StrataLayer      *self,
                             StrataConvention  convention)
{
  if (self->convention == convention)
    return FALSE;
  strata_layer_keep_formula (self);
  self->convention = convention;
  return TRUE;
}

guint64
strata_layer_get_macs (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), 0);

  return self->result.macs;
}

gboolean
strata_layer_get_counts (StrataLayer *self,
                         guint64      counts[STRATA_LAYER_N_COUNTS])
{
  if (!self->has_shape)
    {
      memset (counts, 0, STRATA_LAYER_N_COUNTS * sizeof counts[0]);
      return self->result.error != NULL;
    }
  counts[0] = self->result.params;
  counts[1] = self->result.trainable_params;
  counts[2] = self->result.non_trainable_params;
  counts[3] = self->activation_size;
  counts[4] = self->result.macs;
  counts[5] = (strata_layer_get_kind_info (self)->flags & STRATA_LAYER_KIND_FLAG_MACS_UNKNOWN) != 0;
  counts[6] = self->result.buffers;
  return self->result.error != NULL;
}

char *
strata_layer_write_formula (StrataLayer *self)
{
  StrataLayerResult result = { { 0 } };
  char *formula;

  if (!self->has_shape)
    return NULL;
  result.with_formula = TRUE;
  apply_rule (self, &result);
  formula = g_steal_pointer (&result.formula);
  strata_layer_result_clear (&result);
  return formula;
}

/* The formula is written when first asked for, not at each recompute:
 * most layers of a long network are never shown with theirs. */
const char *
strata_layer_get_formula (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), NULL);

  if (self->result.formula == NULL)
    self->result.formula = strata_layer_write_formula (self);
  return self->result.formula;
}

char *
strata_layer_dup_plain_formula (StrataLayer *self)
{
  char *formula;

  g_return_val_if_fail (STRATA_IS_LAYER (self), NULL);

  if (!self->has_shape)
    return NULL;

  /* The formula groups digits as the locale does; computing it again under
   * the C locale gives the plain form. */
  strata_layer_begin_plain_formulas ();
  formula = strata_layer_write_formula (self);
  strata_layer_end_plain_formulas ();
  return formula;
}

const char *
strata_layer_get_error (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), NULL);

  return self->result.error;
}

/* Installs @next as the computed result and notifies what changed.
 * Returns TRUE when the output shape changed. */
static gboolean
set_result (StrataLayer       *self,
            StrataLayerResult *next,
            gboolean           has_shape,
            guint64            size,
            gboolean           heard)
{
  StrataLayerResult old = self->result;
  gboolean had_shape = self->has_shape;
  guint64 old_size = self->activation_size;
  gboolean shape_changed;

  self->result = *next;
  self->has_shape = has_shape;
  self->activation_size = has_shape ? size : 0;

  shape_changed = had_shape != has_shape ||
                  (has_shape && !strata_shape_equal (&old.output, &next->output));

  /* Every field is set before the first notification, so handlers see a
   * consistent layer; no freeze, which would cost an allocation per layer.
   * A plain cast: the checked one cost as much as the notification; and
   * none at all when nobody listens, which is most layers of a file. */
#define NOTIFY_IF(cond, prop) \
  if (heard && (cond)) \
    g_object_notify_by_pspec ((GObject *) self, strata_layer_properties[prop]);
  NOTIFY_IF (had_shape != has_shape, PROP_HAS_SHAPE)
  NOTIFY_IF (shape_changed, PROP_OUTPUT_SHAPE)
  NOTIFY_IF (old_size != self->activation_size, PROP_ACTIVATION_SIZE)
  NOTIFY_IF (old.params != next->params, PROP_PARAMS)
  NOTIFY_IF (old.trainable_params != next->trainable_params, PROP_TRAINABLE_PARAMS)
  NOTIFY_IF (old.non_trainable_params != next->non_trainable_params, PROP_NON_TRAINABLE_PARAMS)
  NOTIFY_IF (old.macs != next->macs, PROP_MACS)
  NOTIFY_IF (g_strcmp0 (old.error, next->error) != 0, PROP_ERROR)
  /* Compared only when someone hears it (strata_layer_is_heard()); else
   * the new one is written when first asked for. */
  NOTIFY_IF (g_strcmp0 (old.formula, next->formula) != 0, PROP_FORMULA)
#undef NOTIFY_IF
  strata_layer_result_clear (&old);

  return shape_changed;
}

static gboolean
set_error (StrataLayer *self,
           char        *error,
           gboolean     heard)
{
  StrataLayerResult next = { { 0 } };

  next.error = error;
  return set_result (self, &next, FALSE, 0, heard);
}

/* A layer that uses another's weights (a shared Keras layer, a PyTorch
 * module called twice) must match them: the same kind and hyper-parameters
 * and as many input channels. Its own output and MACs stand; the weights
 * are counted once, on their owner. */
static void
share_weights (StrataLayer       *self,
               StrataLayerResult *result)
{
  StrataLayer *owner = self->shares;
  const StrataShape *owner_input = strata_layer_get_input_shape (owner);
  const char *name = strata_layer_get_display_name (owner);

  if (owner->kind != self->kind ||
      !strata_layer_kind_params_equal (self->kind, &owner->params, &self->params))
    {
      result->error = g_strdup_printf (_("Shares the weights of “%s”, so it must be a layer of "
                                         "the same type with the same settings"), name);
      return;
    }
  if (owner_input != NULL && self->n_input_shapes > 0 &&
      owner_input->channels != self->input_shapes[0].channels)
    {
      g_autofree char *theirs = strata_format_count (owner_input->channels);
      g_autofree char *ours =
        strata_format_count (self->input_shapes[0].channels);

      result->error = g_strdup_printf (_("Shares the weights of “%s”, whose input has %s "
                                         "channels, but its input has %s"), name, theirs, ours);
      return;
    }
  result->params = result->trainable_params = result->non_trainable_params = 0;
  result->buffers = 0;
  g_free (result->formula);
  result->formula = result->with_formula
                      ? g_strdup_printf (_("0 (uses the weights of “%s”)"), name) : NULL;
}

/* The kind's rule on the stored input shapes, then what sharing weights
 * changes: the counts stay with the layer that owns the weights. */
static void
apply_rule (StrataLayer       *self,
            StrataLayerResult *result)
{
  guint n = self->n_input_shapes;
  const StrataShape *stack[4];
  g_autofree const StrataShape **heap = NULL;
  const StrataShape **inputs = n <= G_N_ELEMENTS (stack) ? stack : (heap = g_new (const StrataShape *, n));

  for (guint i = 0; i < n; i++)
    inputs[i] = &self->input_shapes[i];

  result->output.height = result->output.width = 1;
  result->convention = self->convention;
  strata_layer_kind_apply (self->kind, &self->params, inputs, n, result);
  if (self->shares != NULL && result->error == NULL)
    share_weights (self, result);
}

static void
store_input_shapes (StrataLayer               *self,
                    const StrataShape * const *inputs,
                    guint                      n_inputs)
{
  if (n_inputs > G_N_ELEMENTS (self->few_input_shapes) && n_inputs != self->n_input_shapes)
    {
      if (self->input_shapes != self->few_input_shapes)
        g_free (self->input_shapes);
      self->input_shapes = g_new (StrataShape, n_inputs);
    }
  else if (n_inputs <= G_N_ELEMENTS (self->few_input_shapes) &&
           self->input_shapes != self->few_input_shapes)
    {
      g_free (self->input_shapes);
      self->input_shapes = self->few_input_shapes;
    }
  self->n_input_shapes = n_inputs;
  for (guint i = 0; i < n_inputs; i++)
    self->input_shapes[i] = *inputs[i];
}

gboolean
strata_layer_is_heard (StrataLayer *self)
{
  static gsize notify_id = 0;

  if (g_once_init_enter (&notify_id))
    g_once_init_leave (&notify_id, g_signal_lookup ("notify", G_TYPE_OBJECT));
  /* Any handler of a notification, of whichever property: one lookup,
   * where asking for "formula" and for every property took two. */
  return g_signal_handler_find (self, G_SIGNAL_MATCH_ID, notify_id, 0, NULL, NULL, NULL) != 0;
}

void
strata_layer_keep_formula (StrataLayer *self)
{
  if (self->has_shape && self->result.formula == NULL && strata_layer_is_heard (self))
    strata_layer_get_formula (self);
}

gboolean
strata_layer_apply_inputs (StrataLayer               *self,
                           const StrataShape * const *inputs,
                           guint                      n_inputs)
{
  StrataLayerResult next = { { 0 } };
  guint64 size = 0;

  g_return_val_if_fail (STRATA_IS_LAYER (self), FALSE);

  /* Heard, it writes its formula and notifies what changed; the formula
   * it had, to compare, is written before its inputs change. */
  next.with_formula = strata_layer_is_heard (self);
  if (next.with_formula && self->has_shape && self->result.formula == NULL)
    strata_layer_get_formula (self);

  for (guint i = 0; i < n_inputs; i++)
    if (inputs[i] == NULL)
      return set_result (self, &next, FALSE, 0, next.with_formula);

  store_input_shapes (self, inputs, n_inputs);
  apply_rule (self, &next);
  if (next.error == NULL && !strata_shape_get_size (&next.output, &size))
    next.error = g_strdup (_("The output of this layer has more than 2⁶⁴ elements"));

  if (next.error != NULL)
    {
      /* A failed layer has an error but no shape and no counts. */
      char *error = g_steal_pointer (&next.error);

      strata_layer_result_clear (&next);
      return set_error (self, error, next.with_formula);
    }

  return set_result (self, &next, TRUE, size, next.with_formula);
}

gboolean
strata_layer_apply (StrataLayer       *self,
                    const StrataShape *input)
{
  return strata_layer_apply_inputs (self, &input, 1);
}

void
strata_layer_fail (StrataLayer *self,
                   const char  *message)
{
  g_return_if_fail (STRATA_IS_LAYER (self));
  g_return_if_fail (message != NULL);

  set_error (self, g_strdup (message), strata_layer_is_heard (self));
}
