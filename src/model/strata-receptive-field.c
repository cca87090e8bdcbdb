/* strata-receptive-field.c: the receptive field recurrence, one rule per kind. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "strata-layer-fields-private.h"
#include "strata-layer-private.h"
#include "strata-network-private.h"
#include "strata-receptive-field.h"

/* The layer's pair on an axis: 0 the height, 1 the width. */
#define AXIS(pair, a) ((a) == 0 ? (pair).height : (pair).width)

typedef void (*FieldRule) (StrataLayer                *layer,
                           const StrataReceptiveField *in,
                           StrataReceptiveField       *out);

/* What a window of @window with @dilation, moving by @stride with @pad
 * before the first row or column, does to the field along one axis. */
static void
window_axis (const StrataReceptiveField *in,
             guint                       a,
             double                      window,
             double                      dilation,
             double                      stride,
             double                      pad,
             StrataReceptiveField       *out)
{
  double reach = (window - 1) * dilation;

  out->size[a] = in->size[a] + reach * in->jump[a];
  out->start[a] = in->start[a] + (reach / 2 - pad) * in->jump[a];
  out->jump[a] = in->jump[a] * stride;
}

/* The padding before the first window on one axis: Keras puts the odd
 * pixel of "same" padding after the last. */
static guint64
pad_before (StrataLayer *layer,
            guint        a,
            guint        window,
            guint        dilation)
{
  const StrataLayerParams *p = &layer->params;
  guint64 in = a == 0 ? layer->input_shapes[0].height : layer->input_shapes[0].width;
  guint64 out = a == 0 ? layer->result.output.height : layer->result.output.width;
  guint64 span = (guint64) dilation * (window - 1) + 1;
  guint64 needed;

  if (p->padding_mode == STRATA_PADDING_EXPLICIT)
    return AXIS (p->padding, a);
  if (p->padding_mode == STRATA_PADDING_VALID)
    return 0;
  needed = (out - 1) * AXIS (p->stride, a) + span;
  return needed > in ? (needed - in) / 2 : 0;
}

static void
rule_conv (StrataLayer                *layer,
           const StrataReceptiveField *in,
           StrataReceptiveField       *out)
{
  const StrataLayerParams *p = &layer->params;

  for (guint a = 0; a < 2; a++)
    window_axis (in, a, AXIS (p->kernel, a), AXIS (p->dilation, a), AXIS (p->stride, a),
                 pad_before (layer, a, AXIS (p->kernel, a), AXIS (p->dilation, a)), out);
}

static void
rule_pool (StrataLayer                *layer,
           const StrataReceptiveField *in,
           StrataReceptiveField       *out)
{
  const StrataLayerParams *p = &layer->params;

  for (guint a = 0; a < 2; a++)
    window_axis (in, a, AXIS (p->pool, a), 1, AXIS (p->stride, a),
                 pad_before (layer, a, AXIS (p->pool, a), 1), out);
}

/* An output value of a transposed convolution takes the input values
 * whose spread-out windows cover it: at most ⌈span / s⌉ neighbours, and
 * its neighbours are 1/s input values apart. */
static void
rule_transpose (StrataLayer                *layer,
                const StrataReceptiveField *in,
                StrataReceptiveField       *out)
{
  const StrataLayerParams *p = &layer->params;

  for (guint a = 0; a < 2; a++)
    {
      guint64 span = (guint64) AXIS (p->dilation, a) * (AXIS (p->kernel, a) - 1) + 1;
      guint stride = AXIS (p->stride, a);
      double pad;
      guint64 taken = (span + stride - 1) / stride;

      if (p->padding_mode == STRATA_PADDING_EXPLICIT)
        pad = AXIS (p->padding, a);
      else if (AXIS (p->output_padding, a) > 0)
        pad = p->padding_mode == STRATA_PADDING_SAME ? span / 2 : 0;
      else
        pad = p->padding_mode == STRATA_PADDING_SAME && span > stride ? (span - stride) / 2 : 0;

      out->size[a] = in->size[a] + (taken - 1) * in->jump[a];
      out->start[a] = in->start[a] + (pad - (span - 1) / 2.0) / stride * in->jump[a];
      out->jump[a] = in->jump[a] / stride;
    }
}

/* PyTorch's windows: output i averages [⌊i·in/out⌋, ⌈(i + 1)·in/out⌉). */
static void
rule_adaptive (StrataLayer                *layer,
               const StrataReceptiveField *in,
               StrataReceptiveField       *out)
{
  for (guint a = 0; a < 2; a++)
    {
      guint64 n_in = a == 0 ? layer->input_shapes[0].height : layer->input_shapes[0].width;
      guint64 n_out = a == 0 ? layer->result.output.height : layer->result.output.width;
      guint64 first = (n_in + n_out - 1) / n_out;
      guint64 widest = first;

      /* The windows differ only when out does not divide in; then the
       * widest one sets the size. Past a few thousand outputs (nobody
       * pools to more) the bound ⌈in / out⌉ + 1 stands in for the search,
       * which would cost each recompute as much. */
      if (n_in % n_out != 0 && n_out > 4096)
        widest = first + 1;
      else if (n_in % n_out != 0)
        for (guint64 i = 0; i < n_out; i++)
          {
            unsigned __int128 start = (unsigned __int128) i * n_in / n_out;
            unsigned __int128 end = ((unsigned __int128) (i + 1) * n_in + n_out - 1) / n_out;

            widest = MAX (widest, (guint64) (end - start));
          }
      out->size[a] = in->size[a] + (widest - 1.0) * in->jump[a];
      out->start[a] = in->start[a] + (first - 1.0) / 2 * in->jump[a];
      out->jump[a] = in->jump[a] * n_in / n_out;
    }
}

/* Nearest repeats each value s times; bilinear (half-pixel centres, both
 * frameworks' default) mixes two neighbours. */
static void
rule_upsampling (StrataLayer                *layer,
                 const StrataReceptiveField *in,
                 StrataReceptiveField       *out)
{
  const StrataLayerParams *p = &layer->params;
  gboolean bilinear = p->interpolation == STRATA_INTERPOLATION_BILINEAR;

  for (guint a = 0; a < 2; a++)
    {
      double s = AXIS (p->size, a);

      out->size[a] = in->size[a] + (bilinear ? in->jump[a] : 0);
      out->start[a] = in->start[a] + (bilinear ? (0.5 / s - 0.5) * in->jump[a] : 0);
      out->jump[a] = in->jump[a] / s;
    }
}

static void
rule_zero_padding (StrataLayer                *layer,
                   const StrataReceptiveField *in,
                   StrataReceptiveField       *out)
{
  *out = *in;
  out->start[0] -= layer->params.zero_padding.top * in->jump[0];
  out->start[1] -= layer->params.zero_padding.left * in->jump[1];
}

static void
rule_cropping (StrataLayer                *layer,
               const StrataReceptiveField *in,
               StrataReceptiveField       *out)
{
  *out = *in;
  out->start[0] += layer->params.cropping.top * in->jump[0];
  out->start[1] += layer->params.cropping.left * in->jump[1];
}

static void
rule_same (StrataLayer                *layer,
           const StrataReceptiveField *in,
           StrataReceptiveField       *out)
{
  *out = *in;
}

/* By kind; NULL for kinds that end the field (every output value sees
 * the whole input) or start one. Merges and concatenation take the union
 * of their inputs' fields, in strata_receptive_field_apply(). */
static const FieldRule rules[STRATA_N_LAYER_KINDS] = {
  [STRATA_LAYER_KIND_CONV2D] = rule_conv,
  [STRATA_LAYER_KIND_DEPTHWISE_CONV2D] = rule_conv,
  [STRATA_LAYER_KIND_SEPARABLE_CONV2D] = rule_conv,
  [STRATA_LAYER_KIND_CONV2D_TRANSPOSE] = rule_transpose,
  [STRATA_LAYER_KIND_MAXPOOL2D] = rule_pool,
  [STRATA_LAYER_KIND_AVGPOOL2D] = rule_pool,
  [STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D] = rule_adaptive,
  [STRATA_LAYER_KIND_UPSAMPLING2D] = rule_upsampling,
  [STRATA_LAYER_KIND_ZERO_PADDING2D] = rule_zero_padding,
  [STRATA_LAYER_KIND_CROPPING2D] = rule_cropping,
  [STRATA_LAYER_KIND_BATCHNORM] = rule_same,
  [STRATA_LAYER_KIND_DROPOUT] = rule_same,
  [STRATA_LAYER_KIND_ACTIVATION] = rule_same,
  [STRATA_LAYER_KIND_ADD] = rule_same,
  [STRATA_LAYER_KIND_SUBTRACT] = rule_same,
  [STRATA_LAYER_KIND_MULTIPLY] = rule_same,
  [STRATA_LAYER_KIND_AVERAGE] = rule_same,
  [STRATA_LAYER_KIND_MAXIMUM] = rule_same,
  [STRATA_LAYER_KIND_MINIMUM] = rule_same,
  [STRATA_LAYER_KIND_CONCATENATE] = rule_same,
};

void
strata_receptive_field_init (StrataReceptiveField *field,
                             const StrataShape    *shape)
{
  if (shape->is_vector)
    *field = (StrataReceptiveField) { STRATA_RECEPTIVE_FIELD_NONE };
  else
    *field = (StrataReceptiveField) { STRATA_RECEPTIVE_FIELD_SPATIAL, { 1, 1 }, { 1, 1 },
                                      { 0, 0 } };
}

/* The fields of several inputs as one: any without a field leaves none,
 * any global makes it global, and windows join into the span that covers
 * them all, the largest when they are centred alike (a residual shortcut). */
static void
join (const StrataReceptiveField * const *inputs,
      guint                               n_inputs,
      StrataReceptiveField               *out)
{
  double low[2], high[2];

  *out = (StrataReceptiveField) { STRATA_RECEPTIVE_FIELD_SPATIAL };
  for (guint i = 0; i < n_inputs; i++)
    {
      const StrataReceptiveField *f = inputs[i];

      if (f->kind == STRATA_RECEPTIVE_FIELD_NONE)
        {
          out->kind = STRATA_RECEPTIVE_FIELD_NONE;
          return;
        }
      if (f->kind == STRATA_RECEPTIVE_FIELD_GLOBAL)
        out->kind = STRATA_RECEPTIVE_FIELD_GLOBAL;
    }
  if (out->kind == STRATA_RECEPTIVE_FIELD_GLOBAL)
    return;

  for (guint a = 0; a < 2; a++)
    {
      for (guint i = 0; i < n_inputs; i++)
        {
          const StrataReceptiveField *f = inputs[i];
          double l = f->start[a] - (f->size[a] - 1) / 2;
          double h = f->start[a] + (f->size[a] - 1) / 2;

          low[a] = i == 0 ? l : MIN (low[a], l);
          high[a] = i == 0 ? h : MAX (high[a], h);
          out->jump[a] = i == 0 ? f->jump[a] : MAX (out->jump[a], f->jump[a]);
        }
      out->size[a] = high[a] - low[a] + 1;
      out->start[a] = (low[a] + high[a]) / 2;
    }
}

void
strata_receptive_field_apply (StrataLayer                        *layer,
                              const StrataReceptiveField * const *inputs,
                              guint                               n_inputs,
                              StrataReceptiveField               *out)
{
  StrataReceptiveField in;
  FieldRule rule;

  g_return_if_fail (STRATA_IS_LAYER (layer));
  g_return_if_fail (out != NULL);

  if (!layer->has_shape || layer->kind == STRATA_LAYER_KIND_OPAQUE)
    {
      *out = (StrataReceptiveField) { STRATA_RECEPTIVE_FIELD_NONE };
      return;
    }
  if (layer->kind == STRATA_LAYER_KIND_INPUT)
    {
      strata_receptive_field_init (out, &layer->result.output);
      return;
    }

  join (inputs, n_inputs, &in);
  rule = rules[layer->kind];
  if (in.kind != STRATA_RECEPTIVE_FIELD_SPATIAL)
    *out = in;
  else if (rule == NULL)
    /* Dense, flatten, reshape and global pooling mix every position. */
    *out = (StrataReceptiveField) { STRATA_RECEPTIVE_FIELD_GLOBAL };
  else
    {
      *out = in;
      rule (layer, &in, out);
    }
}

gboolean
strata_layer_get_window_axis (StrataLayer      *layer,
                              guint             axis,
                              StrataWindowAxis *window)
{
  const StrataLayerParams *p;
  gboolean pool;
  guint64 span, declared, reach;

  g_return_val_if_fail (STRATA_IS_LAYER (layer), FALSE);
  g_return_val_if_fail (axis < 2, FALSE);
  g_return_val_if_fail (window != NULL, FALSE);

  pool = rules[layer->kind] == rule_pool;
  if (!layer->has_shape || (rules[layer->kind] != rule_conv && !pool))
    return FALSE;

  p = &layer->params;
  window->input = axis == 0 ? layer->input_shapes[0].height : layer->input_shapes[0].width;
  window->output = axis == 0 ? layer->result.output.height : layer->result.output.width;
  window->window = pool ? AXIS (p->pool, axis) : AXIS (p->kernel, axis);
  window->stride = AXIS (p->stride, axis);
  window->dilation = pool ? 1 : AXIS (p->dilation, axis);
  window->pad_before = pad_before (layer, axis, window->window, window->dilation);

  span = (guint64) window->dilation * (window->window - 1) + 1;
  if (p->padding_mode == STRATA_PADDING_EXPLICIT)
    declared = AXIS (p->padding, axis);
  else if (p->padding_mode == STRATA_PADDING_SAME)
    {
      guint64 needed = (window->output - 1) * window->stride + span;

      declared = needed > window->input ? needed - window->input - window->pad_before : 0;
    }
  else
    declared = 0;
  reach = (window->output - 1) * window->stride + span;
  reach = reach > window->pad_before + window->input
            ? reach - window->pad_before - window->input : 0;
  window->pad_after = MAX (declared, reach);
  return TRUE;
}

gboolean
strata_receptive_field_equal (const StrataReceptiveField *a,
                              const StrataReceptiveField *b)
{
  if (a->kind != b->kind)
    return FALSE;
  if (a->kind != STRATA_RECEPTIVE_FIELD_SPATIAL)
    return TRUE;
  for (guint i = 0; i < 2; i++)
    if (a->size[i] != b->size[i] || a->jump[i] != b->jump[i] || a->start[i] != b->start[i])
      return FALSE;
  return TRUE;
}

const StrataReceptiveField *
strata_layer_get_receptive_field (StrataLayer *layer)
{
  g_return_val_if_fail (STRATA_IS_LAYER (layer), NULL);

  return &layer->field;
}

gboolean
strata_layer_set_receptive_field (StrataLayer                *layer,
                                  const StrataReceptiveField *field)
{
  if (strata_receptive_field_equal (&layer->field, field))
    return FALSE;
  layer->field = *field;
  g_object_notify_by_pspec ((GObject *) layer, strata_layer_properties[PROP_RECEPTIVE_FIELD]);
  return TRUE;
}

/* A whole number as a count, a fraction (after upsampling) with up to
 * six digits. */
static void
append_length (GString *out,
               double   value)
{
  char buffer[STRATA_FORMAT_COUNT_SIZE];

  if (value == floor (value) && value >= 0 && value < 1e18)
    g_string_append (out, strata_format_count_into ((guint64) value, buffer));
  /* A start before the first pixel, with a real minus sign. */
  else if (value < 0)
    g_string_append_printf (out, "−%.6g", -value);
  else
    g_string_append_printf (out, "%.6g", value);
}

/* Written into @out: a table of many layers makes no string per cell. */
static gboolean
append_pair (GString                    *out,
             const StrataReceptiveField *field,
             const double                values[2])
{
  if (field->kind == STRATA_RECEPTIVE_FIELD_NONE)
    return FALSE;
  if (field->kind == STRATA_RECEPTIVE_FIELD_GLOBAL)
    {
      /* Translators: a receptive field covering the whole input */
      g_string_append (out, _("the whole input"));
      return TRUE;
    }
  append_length (out, values[0]);
  if (values[0] != values[1])
    {
      g_string_append (out, " × ");
      append_length (out, values[1]);
    }
  return TRUE;
}

static char *
format_pair (const StrataReceptiveField *field,
             const double                values[2])
{
  GString *out = g_string_new (NULL);

  if (!append_pair (out, field, values))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

gboolean
strata_receptive_field_append_size (const StrataReceptiveField *field,
                                    GString                    *out)
{
  return append_pair (out, field, field->size);
}

gboolean
strata_receptive_field_append_jump (const StrataReceptiveField *field,
                                    GString                    *out)
{
  return append_pair (out, field, field->jump);
}

char *
strata_receptive_field_dup_size (const StrataReceptiveField *field)
{
  return format_pair (field, field->size);
}

char *
strata_receptive_field_dup_jump (const StrataReceptiveField *field)
{
  return format_pair (field, field->jump);
}

char *
strata_receptive_field_dup_start (const StrataReceptiveField *field)
{
  return format_pair (field, field->start);
}

/* The receptive field of input @index of the layer at @position, as
 * input_shape() finds its shape; @source holds the network input's. */
static const StrataReceptiveField *
input_field (StrataNetwork              *self,
             guint                       position,
             StrataLayer                *layer,
             guint                       index,
             const StrataReceptiveField *source)
{
  StrataLayer *input;

  if (strata_layer_get_n_inputs (layer) == 0)
    input = position > 0 ? g_ptr_array_index (self->layers, position - 1) : NULL;
  else
    input = strata_layer_get_input (layer, index);
  return input != NULL ? strata_layer_get_receptive_field (input) : source;
}

/* Computes the layer's receptive field from its inputs' in the same pass
 * as its shape; returns whether it changed. A field can change while the
 * shape stays (a 5 × 5 kernel padded by 2 for a 3 × 3 padded by 1), so
 * what reads the layer is recomputed then too. */
gboolean
strata_network_update_field (StrataNetwork *self,
                             guint          position,
                             StrataLayer   *layer,
                             guint          n)
{
  StrataReceptiveField source;
  StrataReceptiveField field;
  const StrataReceptiveField *stack[4];
  g_autofree const StrataReceptiveField **heap = NULL;
  const StrataReceptiveField **fields =
    n <= G_N_ELEMENTS (stack) ? stack : (heap = g_new (const StrataReceptiveField *, n));

  strata_receptive_field_init (&source, &self->input);
  for (guint k = 0; k < n; k++)
    fields[k] = input_field (self, position, layer, k, &source);
  strata_receptive_field_apply (layer, fields, n, &field);
  return strata_layer_set_receptive_field (layer, &field);
}
