/* strata-layer-rules-inputs.c: the rules of kinds that take other than one input. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-layer-rules-private.h"

/* A shape as NumPy sees it: [H, W, C], or [C] for a vector. */
typedef struct
{
  guint   rank;
  guint64 sizes[3];
} Dims;

static Dims
dims_of (const StrataShape *shape)
{
  if (shape->is_vector)
    return (Dims) { 1, { shape->channels } };
  return (Dims) { 3, { shape->height, shape->width, shape->channels } };
}

/* The size of @dims on the axis @from_right places from the last, 1 where
 * it has no such axis: shapes are aligned from the right. */
static guint64
size_from_right (const Dims *dims,
                 guint       from_right)
{
  return from_right < dims->rank ? dims->sizes[dims->rank - 1 - from_right] : 1;
}

static gboolean
broadcast_pair (const Dims *a,
                const Dims *b,
                Dims       *out)
{
  out->rank = MAX (a->rank, b->rank);
  for (guint i = 0; i < out->rank; i++)
    {
      guint64 x = size_from_right (a, i);
      guint64 y = size_from_right (b, i);

      if (x != y && x != 1 && y != 1)
        return FALSE;
      out->sizes[out->rank - 1 - i] = MAX (x, y);
    }
  return TRUE;
}

/* Broadcasts the inputs as NumPy, Keras and ONNX do, into the result's
 * output. When they do not broadcast, *a and *b are two inputs that do
 * not, as text: some axis has two sizes other than 1 only when two inputs
 * disagree on it, so the pair is found among the inputs themselves. */
static gboolean
broadcast (const StrataShape * const *inputs,
           guint                      n_inputs,
           StrataLayerResult         *r,
           char                     **a,
           char                     **b)
{
  Dims out = dims_of (inputs[0]);

  for (guint j = 1; j < n_inputs; j++)
    {
      Dims next = dims_of (inputs[j]);
      Dims joined;

      /* Into a copy: broadcast_pair() reads its inputs while it writes. */
      if (broadcast_pair (&out, &next, &joined))
        {
          out = joined;
          continue;
        }
      for (guint i = 0; i < j; i++)
        {
          Dims earlier = dims_of (inputs[i]);
          Dims unused;

          if (!broadcast_pair (&earlier, &next, &unused))
            {
              *a = strata_shape_to_string (inputs[i]);
              *b = strata_shape_to_string (inputs[j]);
              return FALSE;
            }
        }
      g_assert_not_reached ();
    }

  if (out.rank == 1)
    r->output = (StrataShape) { 1, 1, out.sizes[0], TRUE };
  else
    r->output = (StrataShape) { out.sizes[0], out.sizes[1], out.sizes[2], FALSE };
  set_no_weights (r);
  return TRUE;
}

void
strata_rule_add (const StrataLayerParams   *p,
                 const StrataShape * const *inputs,
                 guint                      n_inputs,
                 StrataLayerResult         *r)
{
  g_autofree char *a = NULL, *b = NULL;

  if (!broadcast (inputs, n_inputs, r, &a, &b))
    fail (r, _("Cannot add %s and %s: sizes must be equal or 1 on each axis"), a, b);
}

void
strata_rule_subtract (const StrataLayerParams   *p,
                      const StrataShape * const *inputs,
                      guint                      n_inputs,
                      StrataLayerResult         *r)
{
  g_autofree char *a = NULL, *b = NULL;

  if (!broadcast (inputs, n_inputs, r, &a, &b))
    /* Translators: the second input is taken from the first */
    fail (r, _("Cannot subtract %s from %s: sizes must be equal or 1 on each axis"), b, a);
}

void
strata_rule_multiply (const StrataLayerParams   *p,
                      const StrataShape * const *inputs,
                      guint                      n_inputs,
                      StrataLayerResult         *r)
{
  g_autofree char *a = NULL, *b = NULL;

  if (!broadcast (inputs, n_inputs, r, &a, &b))
    fail (r, _("Cannot multiply %s and %s: sizes must be equal or 1 on each axis"), a, b);
}

void
strata_rule_average (const StrataLayerParams   *p,
                     const StrataShape * const *inputs,
                     guint                      n_inputs,
                     StrataLayerResult         *r)
{
  g_autofree char *a = NULL, *b = NULL;

  if (!broadcast (inputs, n_inputs, r, &a, &b))
    fail (r, _("Cannot average %s and %s: sizes must be equal or 1 on each axis"), a, b);
}

void
strata_rule_maximum (const StrataLayerParams   *p,
                     const StrataShape * const *inputs,
                     guint                      n_inputs,
                     StrataLayerResult         *r)
{
  g_autofree char *a = NULL, *b = NULL;

  if (!broadcast (inputs, n_inputs, r, &a, &b))
    fail (r, _("Cannot take the maximum of %s and %s: sizes must be equal or 1 on each axis"),
          a, b);
}

void
strata_rule_minimum (const StrataLayerParams   *p,
                     const StrataShape * const *inputs,
                     guint                      n_inputs,
                     StrataLayerResult         *r)
{
  g_autofree char *a = NULL, *b = NULL;

  if (!broadcast (inputs, n_inputs, r, &a, &b))
    fail (r, _("Cannot take the minimum of %s and %s: sizes must be equal or 1 on each axis"),
          a, b);
}

/* Why @a and @b cannot be joined along @axis; both are spatial. */
static void
fail_concatenate (StrataLayerResult *r,
                  StrataAxis         axis,
                  const StrataShape *a,
                  const StrataShape *b)
{
  g_autofree char *x = strata_shape_to_string (a);
  g_autofree char *y = strata_shape_to_string (b);

  switch (axis)
    {
    case STRATA_AXIS_CHANNELS:
      fail (r, _("Cannot concatenate %s and %s along channels: heights and widths must be "
                 "equal"), x, y);
      break;
    case STRATA_AXIS_HEIGHT:
      fail (r, _("Cannot concatenate %s and %s along the height: widths and channels must be "
                 "equal"), x, y);
      break;
    case STRATA_AXIS_WIDTH:
      fail (r, _("Cannot concatenate %s and %s along the width: heights and channels must be "
                 "equal"), x, y);
      break;
    case STRATA_N_AXES:
    default:
      g_assert_not_reached ();
    }
}

/* Joins the inputs in their order along the axis; every other size must
 * agree. Vectors join only vectors, along their one axis. */
void
strata_rule_concatenate (const StrataLayerParams   *p,
                         const StrataShape * const *inputs,
                         guint                      n_inputs,
                         StrataLayerResult         *r)
{
  const StrataShape *first = inputs[0];

  if (first->is_vector && p->axis != STRATA_AXIS_CHANNELS)
    {
      fail (r, "%s", _("Vectors have no height or width: they concatenate along channels"));
      return;
    }

  r->output = *first;
  for (guint i = 1; i < n_inputs; i++)
    {
      const StrataShape *next = inputs[i];

      if (first->is_vector != next->is_vector)
        {
          g_autofree char *x = strata_shape_to_string (first);
          g_autofree char *y = strata_shape_to_string (next);

          fail (r, _("Cannot concatenate %s and %s: a vector joins only vectors"), x, y);
          return;
        }
      switch (p->axis)
        {
        case STRATA_AXIS_CHANNELS:
          if (next->height != first->height || next->width != first->width)
            {
              fail_concatenate (r, p->axis, first, next);
              return;
            }
          add (r, &r->output.channels, next->channels);
          break;
        case STRATA_AXIS_HEIGHT:
          if (next->width != first->width || next->channels != first->channels)
            {
              fail_concatenate (r, p->axis, first, next);
              return;
            }
          add (r, &r->output.height, next->height);
          break;
        case STRATA_AXIS_WIDTH:
          if (next->height != first->height || next->channels != first->channels)
            {
              fail_concatenate (r, p->axis, first, next);
              return;
            }
          add (r, &r->output.width, next->width);
          break;
        case STRATA_N_AXES:
        default:
          g_assert_not_reached ();
        }
    }

  if (r->error == NULL)
    set_no_weights (r);
}

/* A further input of the network: its shape is its own. */
void
strata_rule_input (const StrataLayerParams   *p,
                   const StrataShape * const *inputs,
                   guint                      n_inputs,
                   StrataLayerResult         *r)
{
  r->output = (StrataShape) { p->height, p->width, p->channels, FALSE };
  set_no_weights (r);
}

/* The output and the weights are what the imported file states; the rule
 * checks nothing about the inputs, whose relation to the output Strata
 * does not know. */
void
strata_rule_opaque (const StrataLayerParams   *p,
                    const StrataShape * const *inputs,
                    guint                      n_inputs,
                    StrataLayerResult         *r)
{
  const StrataTarget *shape = &p->target;
  g_autofree char *trainable = NULL;
  g_autofree char *frozen = NULL;

  if (shape->is_vector)
    r->output = (StrataShape) { 1, 1, shape->channels, TRUE };
  else
    r->output = (StrataShape) { shape->height, shape->width, shape->channels, FALSE };

  /* Each is at most 2⁵³ − 1, so the sum fits. */
  r->trainable_params = p->trainable_weights;
  r->non_trainable_params = p->non_trainable_weights;
  r->params = p->trainable_weights + p->non_trainable_weights;
  if (r->params == 0)
    {
      set_no_weights (r);
      return;
    }
  if (!r->with_formula)
    return;
  trainable = strata_format_count (p->trainable_weights);
  frozen = strata_format_count (p->non_trainable_weights);
  /* Translators: the parameters of an imported operation Strata has no type for */
  r->formula = g_strdup_printf (_("%s trainable + %s non-trainable, as the model file states"),
                                trainable, frozen);
}
