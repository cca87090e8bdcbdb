/* strata-layer-formula.c: the arithmetic behind each number of a layer, per kind. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "strata-layer-fields-private.h"
#include "strata-layer-formula.h"
#include "strata-layer-private.h"

/* What a builder reads: the layer's hyper-parameters, the shapes it was
 * applied to and what its rule computed from them. */
typedef struct
{
  const StrataLayerParams *p;
  const StrataShape       *inputs;
  guint                    n_inputs;
  const StrataLayerResult *r;
  /* Counts formatted for this formula, freed with it. */
  GPtrArray               *counts;
} Context;

typedef char *(*FormulaFunc) (Context *c);

/* @value grouped as the layer's counts are, alive as long as @c. */
static const char *
n (Context *c,
   guint64  value)
{
  char *text = strata_format_count (value);

  g_ptr_array_add (c->counts, text);
  return text;
}

static const char *
shape_text (Context           *c,
            const StrataShape *shape)
{
  char *text;

  if (shape->is_vector)
    return n (c, shape->channels);
  text = g_strdup_printf ("%s × %s × %s", n (c, shape->height), n (c, shape->width),
                          n (c, shape->channels));
  g_ptr_array_add (c->counts, text);
  return text;
}

/* Lines of a shape formula: height and width share one when they are
 * computed alike (a square kernel on a square input). */
static void
add_axes (GString    *out,
          const char *height,
          const char *width)
{
  if (out->len > 0)
    g_string_append_c (out, '\n');
  if (g_str_equal (height, width))
    /* Translators: the formula of both spatial sizes of a layer's output */
    g_string_append_printf (out, _("height and width: %s"), height);
  else
    {
      g_string_append_printf (out, _("height: %s"), height);
      g_string_append_c (out, '\n');
      g_string_append_printf (out, _("width: %s"), width);
    }
}

static void
add_channels (GString    *out,
              const char *channels)
{
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append_printf (out, _("channels: %s"), channels);
}

/* One axis of a sliding window, as strata-layer-rules.c computes it:
 * PyTorch's ⌊(in + 2·pad − d·(k − 1) − 1) / s⌋ + 1, Keras's ⌈in / s⌉ for
 * "same", and the ceil mode's last window, dropped when it would start in
 * the right padding. */
static char *
window_axis (Context       *c,
             guint64        in,
             guint          window,
             guint          stride,
             guint          dilation,
             StrataPadding  mode,
             guint          pad,
             gboolean       ceil_mode,
             guint64        out)
{
  g_autoptr(GString) inner = NULL;
  guint64 span = (guint64) dilation * (window - 1) + 1;
  guint64 total;

  if (mode == STRATA_PADDING_SAME)
    return g_strdup_printf ("⌈%s / %s⌉ = %s", n (c, in), n (c, stride), n (c, out));
  if (mode == STRATA_PADDING_VALID)
    pad = 0;

  inner = g_string_new (n (c, in));
  if (pad > 0)
    g_string_append_printf (inner, " + 2·%s", n (c, pad));
  if (dilation > 1)
    g_string_append_printf (inner, " − %s·(%s − 1) − 1", n (c, dilation), n (c, window));
  else
    g_string_append_printf (inner, " − %s", n (c, window));

  if (!ceil_mode && stride == 1)
    return g_strdup_printf ("%s + 1 = %s", inner->str, n (c, out));
  if (!ceil_mode)
    return g_strdup_printf ("⌊(%s) / %s⌋ + 1 = %s", inner->str, n (c, stride), n (c, out));

  total = in + 2 * (guint64) pad;
  if ((total - span) % stride != 0 && (total - span) / stride + 1 == out)
    /* Translators: PyTorch's ceil mode drops a pooling window that would start in the padding */
    return g_strdup_printf (_("⌈(%s) / %s⌉ + 1 − 1 = %s (the last window would start in the "
                              "padding)"), inner->str, n (c, stride), n (c, out));
  return g_strdup_printf ("⌈(%s) / %s⌉ + 1 = %s", inner->str, n (c, stride), n (c, out));
}

static void
add_window_axes (Context    *c,
                 GString    *out,
                 StrataPair  window,
                 StrataPair  dilation,
                 gboolean    ceil_mode)
{
  const StrataLayerParams *p = c->p;
  StrataPair pad = p->padding_mode == STRATA_PADDING_EXPLICIT ? p->padding : (StrataPair) { 0, 0 };
  g_autofree char *h = window_axis (c, c->inputs[0].height, window.height, p->stride.height,
                                    dilation.height, p->padding_mode, pad.height, ceil_mode,
                                    c->r->output.height);
  g_autofree char *w = window_axis (c, c->inputs[0].width, window.width, p->stride.width,
                                    dilation.width, p->padding_mode, pad.width, ceil_mode,
                                    c->r->output.width);

  add_axes (out, h, w);
}

static char *
shape_conv (Context *c)
{
  GString *out = g_string_new (NULL);
  g_autofree char *filters = NULL;

  add_window_axes (c, out, c->p->kernel, c->p->dilation, FALSE);
  /* Translators: the output channels of a convolution */
  filters = g_strdup_printf (_("%s filters"), n (c, c->p->filters));
  add_channels (out, filters);
  return g_string_free (out, FALSE);
}

static char *
shape_depthwise (Context *c)
{
  GString *out = g_string_new (NULL);
  g_autofree char *channels = NULL;

  add_window_axes (c, out, c->p->kernel, c->p->dilation, FALSE);
  if (c->p->depth_multiplier > 1)
    channels = g_strdup_printf ("%s × %s = %s", n (c, c->inputs[0].channels),
                                n (c, c->p->depth_multiplier), n (c, c->r->output.channels));
  else
    /* Translators: a depthwise convolution keeps its input's channels */
    channels = g_strdup_printf (_("%s, as the input"), n (c, c->r->output.channels));
  add_channels (out, channels);
  return g_string_free (out, FALSE);
}

static char *
shape_pool (Context *c)
{
  GString *out = g_string_new (NULL);
  g_autofree char *channels = NULL;

  add_window_axes (c, out, c->p->pool, (StrataPair) { 1, 1 }, c->p->ceil_mode);
  channels = g_strdup_printf (_("%s, as the input"), n (c, c->r->output.channels));
  add_channels (out, channels);
  return g_string_free (out, FALSE);
}

/* One axis of a transposed convolution, as transpose_axis() in
 * strata-layer-rules.c: Keras's in · s for "same" (plus what a window
 * wider than the stride reaches for "valid"), otherwise PyTorch's
 * (in − 1)·s + d·(k − 1) + 1 + output padding, less the padding. */
static char *
transpose_axis (Context       *c,
                guint64        in,
                guint          kernel,
                guint          stride,
                guint          dilation,
                StrataPadding  mode,
                guint          pad,
                guint          output_padding,
                guint64        out)
{
  guint64 span = (guint64) dilation * (kernel - 1) + 1;
  g_autofree char *span_text = NULL;
  g_autoptr(GString) text = NULL;

  if (dilation > 1)
    span_text = g_strdup_printf ("%s·(%s − 1) + 1", n (c, dilation), n (c, kernel));
  else
    span_text = g_strdup (n (c, kernel));

  if (mode != STRATA_PADDING_EXPLICIT && output_padding == 0)
    {
      if (mode == STRATA_PADDING_VALID && span > stride)
        return g_strdup_printf ("%s·%s + %s − %s = %s", n (c, in), n (c, stride), span_text,
                                n (c, stride), n (c, out));
      return g_strdup_printf ("%s·%s = %s", n (c, in), n (c, stride), n (c, out));
    }

  text = g_string_new (NULL);
  g_string_append_printf (text, "(%s − 1)·%s + %s", n (c, in), n (c, stride), span_text);
  if (output_padding > 0)
    g_string_append_printf (text, " + %s", n (c, output_padding));
  if (mode == STRATA_PADDING_EXPLICIT && pad > 0)
    g_string_append_printf (text, " − 2·%s", n (c, pad));
  else if (mode == STRATA_PADDING_SAME && span / 2 > 0)
    g_string_append_printf (text, " − 2·%s", n (c, span / 2));
  g_string_append_printf (text, " = %s", n (c, out));
  return g_strdup (text->str);
}

static char *
shape_transpose (Context *c)
{
  const StrataLayerParams *p = c->p;
  GString *out = g_string_new (NULL);
  g_autofree char *h = transpose_axis (c, c->inputs[0].height, p->kernel.height,
                                       p->stride.height, p->dilation.height, p->padding_mode,
                                       p->padding.height, p->output_padding.height,
                                       c->r->output.height);
  g_autofree char *w = transpose_axis (c, c->inputs[0].width, p->kernel.width, p->stride.width,
                                       p->dilation.width, p->padding_mode, p->padding.width,
                                       p->output_padding.width, c->r->output.width);
  g_autofree char *filters = g_strdup_printf (_("%s filters"), n (c, p->filters));

  add_axes (out, h, w);
  add_channels (out, filters);
  return g_string_free (out, FALSE);
}

static char *
shape_adaptive (Context *c)
{
  GString *out = g_string_new (NULL);
  /* Translators: an output size the user chose, not computed */
  g_autofree char *h = g_strdup_printf (_("%s, as set"), n (c, c->r->output.height));
  g_autofree char *w = g_strdup_printf (_("%s, as set"), n (c, c->r->output.width));
  g_autofree char *channels = g_strdup_printf (_("%s, as the input"),
                                               n (c, c->r->output.channels));

  add_axes (out, h, w);
  add_channels (out, channels);
  return g_string_free (out, FALSE);
}

static char *
shape_global_pool (Context *c)
{
  /* Translators: global pooling gives a vector, one value per channel */
  return g_strdup_printf (_("one value per channel of the %s input: %s"),
                          shape_text (c, &c->inputs[0]), n (c, c->r->output.channels));
}

static char *
shape_flatten (Context *c)
{
  const StrataShape *in = &c->inputs[0];

  if (in->is_vector)
    /* Translators: flattening a vector changes nothing */
    return g_strdup_printf (_("%s, already a vector"), n (c, in->channels));
  return g_strdup_printf ("%s = %s", shape_text (c, in), n (c, c->r->output.channels));
}

static char *
shape_reshape (Context *c)
{
  guint64 size = 0;

  strata_shape_get_size (&c->inputs[0], &size);
  /* Translators: "%s values" is the input's size, the last %s the shape it is given */
  return g_strdup_printf (_("%s = %s values, rearranged as %s"), shape_text (c, &c->inputs[0]),
                          n (c, size), shape_text (c, &c->r->output));
}

static char *
shape_upsampling (Context *c)
{
  GString *out = g_string_new (NULL);
  g_autofree char *h = g_strdup_printf ("%s·%s = %s", n (c, c->inputs[0].height),
                                        n (c, c->p->size.height), n (c, c->r->output.height));
  g_autofree char *w = g_strdup_printf ("%s·%s = %s", n (c, c->inputs[0].width),
                                        n (c, c->p->size.width), n (c, c->r->output.width));

  add_axes (out, h, w);
  return g_string_free (out, FALSE);
}

/* Each axis of the input with the rows or columns of @s added (@sign
 * "+") or taken off ("−") at either end. */
static char *
shape_sides (Context           *c,
             const StrataSides *s,
             const char        *sign)
{
  GString *out = g_string_new (NULL);
  g_autofree char *h = g_strdup_printf ("%s %s %s %s %s = %s", n (c, c->inputs[0].height),
                                        sign, n (c, s->top), sign, n (c, s->bottom),
                                        n (c, c->r->output.height));
  g_autofree char *w = g_strdup_printf ("%s %s %s %s %s = %s", n (c, c->inputs[0].width),
                                        sign, n (c, s->left), sign, n (c, s->right),
                                        n (c, c->r->output.width));

  add_axes (out, h, w);
  return g_string_free (out, FALSE);
}

static char *
shape_zero_padding (Context *c)
{
  return shape_sides (c, &c->p->zero_padding, "+");
}

static char *
shape_cropping (Context *c)
{
  return shape_sides (c, &c->p->cropping, "−");
}

static char *
shape_dense (Context *c)
{
  /* Translators: a dense layer outputs one value per unit */
  return g_strdup_printf (_("%s units"), n (c, c->r->output.channels));
}

static char *
shape_same (Context *c)
{
  /* Translators: the layer keeps its input's shape */
  return g_strdup_printf (_("as the input: %s"), shape_text (c, &c->r->output));
}

/* Element-wise merges broadcast their inputs as NumPy does. */
static char *
shape_broadcast (Context *c)
{
  g_autoptr(GString) inputs = g_string_new (NULL);

  for (guint i = 0; i < c->n_inputs; i++)
    if (!strata_shape_equal (&c->inputs[i], &c->r->output))
      {
        for (guint k = 0; k < c->n_inputs; k++)
          {
            if (k > 0)
              g_string_append (inputs, ", ");
            g_string_append (inputs, shape_text (c, &c->inputs[k]));
          }
        /* Translators: the first %s lists the inputs' shapes */
        return g_strdup_printf (_("%s broadcast to %s"), inputs->str,
                                shape_text (c, &c->r->output));
      }
  /* Translators: a merge of inputs of one shape keeps it */
  return g_strdup_printf (_("as each input: %s"), shape_text (c, &c->r->output));
}

static char *
shape_concatenate (Context *c)
{
  g_autoptr(GString) sum = g_string_new (NULL);
  StrataAxis axis = c->p->axis;
  guint64 total = 0;

  for (guint i = 0; i < c->n_inputs; i++)
    {
      const StrataShape *s = &c->inputs[i];
      guint64 size = axis == STRATA_AXIS_HEIGHT ? s->height
                     : axis == STRATA_AXIS_WIDTH ? s->width : s->channels;

      if (i > 0)
        g_string_append (sum, " + ");
      g_string_append (sum, n (c, size));
      total += size;
    }
  g_string_append_printf (sum, " = %s", n (c, total));
  if (axis == STRATA_AXIS_HEIGHT)
    return g_strdup_printf (_("height: %s"), sum->str);
  if (axis == STRATA_AXIS_WIDTH)
    return g_strdup_printf (_("width: %s"), sum->str);
  return g_strdup_printf (_("channels: %s"), sum->str);
}

static char *
shape_input (Context *c)
{
  /* Translators: an input's shape is what the user set */
  return g_strdup_printf (_("as set: %s"), shape_text (c, &c->r->output));
}

static char *
shape_opaque (Context *c)
{
  /* Translators: an imported operation's shape comes from its file */
  return g_strdup_printf (_("as the model file states: %s"), shape_text (c, &c->r->output));
}

static char *
macs_none (Context *c)
{
  /* Translators: a layer that multiplies nothing by a weight */
  return g_strdup (_("0 (no multiply-accumulates)"));
}

static char *
macs_unknown (Context *c)
{
  /* Translators: the MACs of an imported operation Strata has no type for */
  return g_strdup (_("unknown (an operation Strata does not model)"));
}

/* Every output value of a filter is one dot product of its window. */
static char *
macs_conv (Context *c)
{
  const StrataLayerParams *p = c->p;
  const StrataShape *out = &c->r->output;
  g_autofree char *depth = NULL;

  if (p->groups > 1)
    depth = g_strdup_printf ("%s/%s", n (c, c->inputs[0].channels), n (c, p->groups));
  else
    depth = g_strdup (n (c, c->inputs[0].channels));
  return g_strdup_printf ("%s × %s × %s × (%s × %s × %s) = %s", n (c, out->height),
                          n (c, out->width), n (c, out->channels), n (c, p->kernel.height),
                          n (c, p->kernel.width), depth, n (c, c->r->macs));
}

static char *
macs_depthwise (Context *c)
{
  const StrataShape *out = &c->r->output;

  return g_strdup_printf ("%s × %s × %s × (%s × %s) = %s", n (c, out->height), n (c, out->width),
                          n (c, out->channels), n (c, c->p->kernel.height),
                          n (c, c->p->kernel.width), n (c, c->r->macs));
}

static char *
macs_separable (Context *c)
{
  const StrataLayerParams *p = c->p;
  const StrataShape *out = &c->r->output;
  const char *h = n (c, out->height);
  const char *w = n (c, out->width);
  const char *mid = n (c, c->inputs[0].channels * p->depth_multiplier);

  /* The depthwise step, then the 1 × 1 one. */
  return g_strdup_printf ("%s × %s × (%s × %s × %s) + %s × %s × %s × %s = %s", h, w,
                          n (c, p->kernel.height), n (c, p->kernel.width), mid, h, w, mid,
                          n (c, p->filters), n (c, c->r->macs));
}

static char *
macs_transpose (Context *c)
{
  const StrataLayerParams *p = c->p;
  const StrataShape *in = &c->inputs[0];
  g_autofree char *out = NULL;

  if (p->groups > 1)
    out = g_strdup_printf ("%s/%s", n (c, p->filters), n (c, p->groups));
  else
    out = g_strdup (n (c, p->filters));
  /* Each input value meets every weight of its group once. */
  return g_strdup_printf ("%s × %s × (%s × %s × %s × %s) = %s", n (c, in->height),
                          n (c, in->width), n (c, p->kernel.height), n (c, p->kernel.width),
                          n (c, in->channels), out, n (c, c->r->macs));
}

static char *
macs_dense (Context *c)
{
  const StrataShape *in = &c->inputs[0];

  if (in->is_vector)
    return g_strdup_printf ("%s × %s = %s", n (c, in->channels), n (c, c->p->units),
                            n (c, c->r->macs));
  return g_strdup_printf ("(%s) × %s = %s", shape_text (c, in), n (c, c->p->units),
                          n (c, c->r->macs));
}

/* Each kind's builders, by kind: the shape's and the MACs'; the
 * parameters' is the rule's own, and the activation size is the same
 * product for every kind. */
static const struct
{
  FormulaFunc shape;
  FormulaFunc macs;
} builders[STRATA_N_LAYER_KINDS] = {
  [STRATA_LAYER_KIND_CONV2D] = { shape_conv, macs_conv },
  [STRATA_LAYER_KIND_DEPTHWISE_CONV2D] = { shape_depthwise, macs_depthwise },
  [STRATA_LAYER_KIND_SEPARABLE_CONV2D] = { shape_conv, macs_separable },
  [STRATA_LAYER_KIND_CONV2D_TRANSPOSE] = { shape_transpose, macs_transpose },
  [STRATA_LAYER_KIND_MAXPOOL2D] = { shape_pool, macs_none },
  [STRATA_LAYER_KIND_AVGPOOL2D] = { shape_pool, macs_none },
  [STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D] = { shape_adaptive, macs_none },
  [STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D] = { shape_global_pool, macs_none },
  [STRATA_LAYER_KIND_GLOBAL_MAXPOOL2D] = { shape_global_pool, macs_none },
  [STRATA_LAYER_KIND_FLATTEN] = { shape_flatten, macs_none },
  [STRATA_LAYER_KIND_RESHAPE] = { shape_reshape, macs_none },
  [STRATA_LAYER_KIND_UPSAMPLING2D] = { shape_upsampling, macs_none },
  [STRATA_LAYER_KIND_ZERO_PADDING2D] = { shape_zero_padding, macs_none },
  [STRATA_LAYER_KIND_CROPPING2D] = { shape_cropping, macs_none },
  [STRATA_LAYER_KIND_DENSE] = { shape_dense, macs_dense },
  [STRATA_LAYER_KIND_BATCHNORM] = { shape_same, macs_none },
  [STRATA_LAYER_KIND_DROPOUT] = { shape_same, macs_none },
  [STRATA_LAYER_KIND_ACTIVATION] = { shape_same, macs_none },
  [STRATA_LAYER_KIND_ADD] = { shape_broadcast, macs_none },
  [STRATA_LAYER_KIND_SUBTRACT] = { shape_broadcast, macs_none },
  [STRATA_LAYER_KIND_MULTIPLY] = { shape_broadcast, macs_none },
  [STRATA_LAYER_KIND_AVERAGE] = { shape_broadcast, macs_none },
  [STRATA_LAYER_KIND_MAXIMUM] = { shape_broadcast, macs_none },
  [STRATA_LAYER_KIND_MINIMUM] = { shape_broadcast, macs_none },
  [STRATA_LAYER_KIND_CONCATENATE] = { shape_concatenate, macs_none },
  [STRATA_LAYER_KIND_INPUT] = { shape_input, macs_none },
  [STRATA_LAYER_KIND_OPAQUE] = { shape_opaque, macs_unknown },
};

static char *
activation_formula (Context *c)
{
  const StrataShape *out = &c->r->output;
  guint64 size = 0;

  strata_shape_get_size (out, &size);
  if (out->is_vector)
    return g_strdup (n (c, size));
  return g_strdup_printf ("%s × %s × %s = %s", n (c, out->height), n (c, out->width),
                          n (c, out->channels), n (c, size));
}

char *
strata_layer_dup_formula (StrataLayer        *layer,
                          StrataLayerFormula  which)
{
  Context c;
  char *formula = NULL;

  g_return_val_if_fail (STRATA_IS_LAYER (layer), NULL);
  g_return_val_if_fail (which < STRATA_N_LAYER_FORMULAS, NULL);

  if (!layer->has_shape)
    return NULL;
  if (which == STRATA_LAYER_FORMULA_PARAMS)
    return g_strdup (strata_layer_get_formula (layer));

  c = (Context) { &layer->params, layer->input_shapes, layer->n_input_shapes, &layer->result,
                  g_ptr_array_new_with_free_func (g_free) };
  if (which == STRATA_LAYER_FORMULA_SHAPE)
    formula = builders[layer->kind].shape (&c);
  else if (which == STRATA_LAYER_FORMULA_MACS)
    formula = builders[layer->kind].macs (&c);
  else
    formula = activation_formula (&c);
  g_ptr_array_unref (c.counts);
  return formula;
}

/* This thread's plain formulas under way (see
 * strata_layer_begin_plain_formulas()). */
typedef struct
{
  guint       depth;
  locale_t    c_locale;
  locale_t    previous;
  const char *separator;
} PlainFormulas;

static _Thread_local PlainFormulas plain;

void
strata_layer_begin_plain_formulas (void)
{
  if (plain.depth++ > 0)
    return;
  /* Counts are grouped as the thread's locale says: the C locale's
   * grouping is none, and drawings' separator is left out. */
  plain.c_locale = newlocale (LC_NUMERIC_MASK, "C", duplocale (LC_GLOBAL_LOCALE));
  plain.previous = uselocale (plain.c_locale);
  plain.separator = strata_format_count_set_separator (NULL);
}

void
strata_layer_end_plain_formulas (void)
{
  g_return_if_fail (plain.depth > 0);

  if (--plain.depth > 0)
    return;
  strata_format_count_set_separator (plain.separator);
  uselocale (plain.previous);
  freelocale (plain.c_locale);
}

char *
strata_layer_dup_plain_formula_of (StrataLayer        *layer,
                                   StrataLayerFormula  which)
{
  char *formula;

  g_return_val_if_fail (STRATA_IS_LAYER (layer), NULL);

  if (which == STRATA_LAYER_FORMULA_PARAMS)
    return strata_layer_dup_plain_formula (layer);

  strata_layer_begin_plain_formulas ();
  formula = strata_layer_dup_formula (layer, which);
  strata_layer_end_plain_formulas ();
  return formula;
}

char *
strata_layer_dup_formula_grouped (StrataLayer        *layer,
                                  StrataLayerFormula  which,
                                  const char         *separator)
{
  const char *previous;
  char *formula;

  g_return_val_if_fail (STRATA_IS_LAYER (layer), NULL);
  g_return_val_if_fail (which < STRATA_N_LAYER_FORMULAS, NULL);
  g_return_val_if_fail (separator != NULL, NULL);

  previous = strata_format_count_set_separator (separator);
  /* Written anew: the layer keeps its formula as the locale groups it. */
  if (which == STRATA_LAYER_FORMULA_PARAMS)
    formula = strata_layer_write_formula (layer);
  else
    formula = strata_layer_dup_formula (layer, which);
  strata_format_count_set_separator (previous);
  return formula;
}
