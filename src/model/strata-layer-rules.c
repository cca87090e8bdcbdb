/* strata-layer-rules.c: the shape, parameter and MAC rules of single-input kinds. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-layer-rules-private.h"

/* One spatial axis of a sliding window. Follows PyTorch for explicit
 * padding and ceil mode, Keras for "same". */
static gboolean
window_axis (guint64        in,
             guint          window,
             guint          stride,
             guint          dilation,
             StrataPadding  mode,
             guint          pad,
             gboolean       ceil_mode,
             guint64       *out)
{
  guint64 span = (guint64) dilation * (window - 1) + 1;
  guint64 total;
  guint64 n;

  if (mode == STRATA_PADDING_SAME)
    {
      *out = in / stride + (in % stride != 0);
      return TRUE;
    }

  if (mode == STRATA_PADDING_VALID)
    pad = 0;

  total = in + 2 * (guint64) pad;
  if (total < span)
    return FALSE;

  n = (total - span) / stride;
  if (ceil_mode && (total - span) % stride != 0)
    {
      /* PyTorch drops a last window that would start in the right padding. */
      if ((n + 1) * stride < in + pad)
        n++;
    }
  *out = n + 1;
  return TRUE;
}

/* Output height and width of a sliding window over a spatial input. */
static gboolean
window_output (const StrataLayerParams *p,
               const StrataShape       *input,
               StrataPair               window,
               StrataPair               dilation,
               gboolean                 ceil_mode,
               const char              *what,
               StrataLayerResult       *result)
{
  g_autofree char *in_h = NULL;
  g_autofree char *in_w = NULL;
  StrataPair pad = p->padding_mode == STRATA_PADDING_EXPLICIT ? p->padding : (StrataPair) { 0, 0 };

  if (!window_axis (input->height, window.height, p->stride.height, dilation.height,
                    p->padding_mode, pad.height, ceil_mode, &result->output.height) ||
      !window_axis (input->width, window.width, p->stride.width, dilation.width,
                    p->padding_mode, pad.width, ceil_mode, &result->output.width))
    {
      /* Formatted only here: this runs for every layer on every recompute. */
      in_h = strata_format_count (input->height);
      in_w = strata_format_count (input->width);
      if (dilation.height > 1 || dilation.width > 1)
        {
          /* As text: xgettext cuts a message short at a G_GUINT64_FORMAT. */
          g_autofree char *span_h = strata_format_count ((guint64) dilation.height *
                                                         (window.height - 1) + 1);
          g_autofree char *span_w = strata_format_count ((guint64) dilation.width *
                                                         (window.width - 1) + 1);

          fail (result,
                /* Translators: the third "%s" is "kernel" or "pooling window" */
                _("A %u × %u %s with dilation %u × %u spans %s × %s, which does not fit a "
                  "%s × %s input"),
                window.height, window.width, what, dilation.height, dilation.width,
                span_h, span_w, in_h, in_w);
        }
      else if (pad.height == 0 && pad.width == 0)
        fail (result, _("A %u × %u %s does not fit a %s × %s input without padding"),
              window.height, window.width, what, in_h, in_w);
      else
        fail (result, _("A %u × %u %s does not fit a %s × %s input with padding %u × %u"),
              window.height, window.width, what, in_h, in_w, pad.height, pad.width);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_groups (const StrataLayerParams *p,
              guint64                  in_channels,
              StrataLayerResult       *result)
{
  g_autofree char *c = NULL;

  if (in_channels % p->groups == 0 && p->filters % p->groups == 0)
    return TRUE;
  c = strata_format_count (in_channels);
  fail (result, _("Groups (%u) must divide both the input channels (%s) and the filters (%u)"),
        p->groups, c, p->filters);
  return FALSE;
}

void
strata_rule_conv2d (const StrataLayerParams *p,
                    const StrataShape * const *inputs,
                    guint                      n_inputs,
                    StrataLayerResult         *r)
{
  const StrataShape *input = inputs[0];
  guint64 cin = input->channels;
  guint64 per_filter;
  guint64 weights;
  g_autofree char *kh = NULL, *kw = NULL, *ci = NULL, *f = NULL, *total = NULL;
  g_autofree char *depth = NULL;

  if (!need_spatial (input, r) || !check_groups (p, cin, r))
    return;
  if (!window_output (p, input, p->kernel, p->dilation, FALSE, _("kernel"), r))
    return;
  r->output.channels = p->filters;

  per_filter = (guint64) p->kernel.height * p->kernel.width;
  mul (r, &per_filter, cin / p->groups);
  weights = per_filter;
  mul (r, &weights, p->filters);
  r->params = weights;
  if (p->bias)
    add (r, &r->params, p->filters);
  r->trainable_params = r->params;

  r->macs = r->output.height;
  mul (r, &r->macs, r->output.width);
  mul (r, &r->macs, p->filters);
  mul (r, &r->macs, per_filter);
  if (r->error != NULL || !r->with_formula)
    return;

  kh = strata_format_count (p->kernel.height);
  kw = strata_format_count (p->kernel.width);
  ci = strata_format_count (cin);
  f = strata_format_count (p->filters);
  total = strata_format_count (r->params);
  depth = p->groups > 1 ? g_strdup_printf ("%s/%u", ci, p->groups) : g_strdup (ci);
  if (p->bias)
    r->formula = g_strdup_printf ("(%s × %s × %s + 1) × %s = %s", kh, kw, depth, f, total);
  else
    r->formula = g_strdup_printf ("%s × %s × %s × %s = %s", kh, kw, depth, f, total);
}

void
strata_rule_depthwise_conv2d (const StrataLayerParams *p,
                              const StrataShape * const *inputs,
                              guint                      n_inputs,
                              StrataLayerResult         *r)
{
  const StrataShape *input = inputs[0];
  guint64 channels = input->channels;
  guint64 window = (guint64) p->kernel.height * p->kernel.width;
  g_autofree char *kh = NULL, *kw = NULL, *c = NULL, *total = NULL, *count = NULL;

  if (!need_spatial (input, r))
    return;
  if (!window_output (p, input, p->kernel, p->dilation, FALSE, _("kernel"), r))
    return;
  mul (r, &channels, p->depth_multiplier);
  r->output.channels = channels;

  r->params = window;
  if (p->bias)
    add (r, &r->params, 1);
  mul (r, &r->params, channels);
  r->trainable_params = r->params;

  r->macs = r->output.height;
  mul (r, &r->macs, r->output.width);
  mul (r, &r->macs, channels);
  mul (r, &r->macs, window);
  if (r->error != NULL || !r->with_formula)
    return;

  kh = strata_format_count (p->kernel.height);
  kw = strata_format_count (p->kernel.width);
  c = strata_format_count (input->channels);
  total = strata_format_count (r->params);
  count = p->depth_multiplier > 1 ? g_strdup_printf ("%s × %u", c, p->depth_multiplier)
                                  : g_strdup (c);
  if (p->bias)
    r->formula = g_strdup_printf ("(%s × %s + 1) × %s = %s", kh, kw, count, total);
  else
    r->formula = g_strdup_printf ("%s × %s × %s = %s", kh, kw, count, total);
}

void
strata_rule_separable_conv2d (const StrataLayerParams *p,
                              const StrataShape * const *inputs,
                              guint                      n_inputs,
                              StrataLayerResult         *r)
{
  const StrataShape *input = inputs[0];
  guint64 mid = input->channels;
  guint64 window = (guint64) p->kernel.height * p->kernel.width;
  guint64 depthwise;
  guint64 pointwise;
  guint64 positions;
  guint64 pointwise_macs;
  g_autofree char *kh = NULL, *kw = NULL, *c = NULL, *m = NULL, *f = NULL, *total = NULL;

  if (!need_spatial (input, r))
    return;
  if (!window_output (p, input, p->kernel, p->dilation, FALSE, _("kernel"), r))
    return;
  r->output.channels = p->filters;

  mul (r, &mid, p->depth_multiplier);
  depthwise = window;
  mul (r, &depthwise, mid);
  pointwise = mid;
  mul (r, &pointwise, p->filters);
  r->params = depthwise;
  add (r, &r->params, pointwise);
  if (p->bias)
    add (r, &r->params, p->filters);
  r->trainable_params = r->params;

  positions = r->output.height;
  mul (r, &positions, r->output.width);
  r->macs = positions;
  mul (r, &r->macs, depthwise);
  pointwise_macs = positions;
  mul (r, &pointwise_macs, pointwise);
  add (r, &r->macs, pointwise_macs);
  if (r->error != NULL || !r->with_formula)
    return;

  kh = strata_format_count (p->kernel.height);
  kw = strata_format_count (p->kernel.width);
  c = strata_format_count (input->channels);
  f = strata_format_count (p->filters);
  total = strata_format_count (r->params);
  m = p->depth_multiplier > 1 ? g_strdup_printf ("%s × %u", c, p->depth_multiplier)
                              : g_strdup (c);
  if (p->bias)
    r->formula = g_strdup_printf ("%s × %s × %s + %s × %s + %s = %s", kh, kw, m, m, f, f, total);
  else
    r->formula = g_strdup_printf ("%s × %s × %s + %s × %s = %s", kh, kw, m, m, f, total);
}

/* One spatial axis of a transposed convolution, before any padding is
 * taken off: PyTorch's size for explicit padding, Keras's for "same" and
 * "valid" (deconv_output_length; an output padding of 0 there is Keras's
 * None, which lets the framework choose). *removed is what padding takes
 * off that. */
static gboolean
transpose_axis (guint64        in,
                guint          kernel,
                guint          stride,
                guint          dilation,
                StrataPadding  mode,
                guint          pad,
                guint          output_padding,
                guint64       *full,
                guint64       *removed)
{
  guint64 span = (guint64) dilation * (kernel - 1) + 1;
  guint64 size;

  *removed = 0;
  if (mode != STRATA_PADDING_EXPLICIT && output_padding == 0)
    {
      /* "same" gives in × stride; "valid" also keeps what a window wider
       * than the stride reaches past the last step. */
      if (!g_uint64_checked_mul (&size, in, stride))
        return FALSE;
      if (mode == STRATA_PADDING_VALID && span > stride &&
          !g_uint64_checked_add (&size, size, span - stride))
        return FALSE;
      *full = size;
      return TRUE;
    }

  if (!g_uint64_checked_mul (&size, in - 1, stride) ||
      !g_uint64_checked_add (&size, size, span) ||
      !g_uint64_checked_add (&size, size, output_padding))
    return FALSE;
  *full = size;
  if (mode == STRATA_PADDING_EXPLICIT)
    *removed = 2 * (guint64) pad;
  else if (mode == STRATA_PADDING_SAME)
    *removed = 2 * (span / 2);
  return TRUE;
}

void
strata_rule_conv2d_transpose (const StrataLayerParams   *p,
                              const StrataShape * const *inputs,
                              guint                      n_inputs,
                              StrataLayerResult         *r)
{
  const StrataShape *input = inputs[0];
  guint64 cin = input->channels;
  guint64 full_h, full_w, removed_h, removed_w;
  guint64 per_input;
  guint64 weights;
  g_autofree char *kh = NULL, *kw = NULL, *ci = NULL, *f = NULL, *total = NULL;
  g_autofree char *out = NULL;

  if (!need_spatial (input, r) || !check_groups (p, cin, r))
    return;

  if (p->padding_mode == STRATA_PADDING_EXPLICIT &&
      ((p->output_padding.height >= MAX (p->stride.height, p->dilation.height)) ||
       (p->output_padding.width >= MAX (p->stride.width, p->dilation.width))))
    {
      /* PyTorch refuses it: the extra rows would lie beyond every window. */
      fail (r, _("Output padding %u × %u must be smaller than the stride %u × %u or the "
                 "dilation %u × %u"),
            p->output_padding.height, p->output_padding.width, p->stride.height,
            p->stride.width, p->dilation.height, p->dilation.width);
      return;
    }
  if (p->padding_mode != STRATA_PADDING_EXPLICIT &&
      (p->output_padding.height >= p->stride.height ||
       p->output_padding.width >= p->stride.width))
    {
      /* As Keras refuses it with "same" or "valid". */
      fail (r, _("Output padding %u × %u must be smaller than the stride %u × %u"),
            p->output_padding.height, p->output_padding.width, p->stride.height,
            p->stride.width);
      return;
    }

  if (!transpose_axis (input->height, p->kernel.height, p->stride.height, p->dilation.height,
                       p->padding_mode, p->padding.height, p->output_padding.height,
                       &full_h, &removed_h) ||
      !transpose_axis (input->width, p->kernel.width, p->stride.width, p->dilation.width,
                       p->padding_mode, p->padding.width, p->output_padding.width,
                       &full_w, &removed_w))
    {
      fail_overflow (r);
      return;
    }
  if (full_h <= removed_h || full_w <= removed_w)
    {
      g_autofree char *h = strata_format_count (full_h);
      g_autofree char *w = strata_format_count (full_w);

      fail (r, _("Padding %u × %u leaves nothing of the %s × %s output of this transposed "
                 "convolution"),
            p->padding.height, p->padding.width, h, w);
      return;
    }
  r->output = (StrataShape) { full_h - removed_h, full_w - removed_w, p->filters, FALSE };

  /* PyTorch's weight is in × filters/groups × kh × kw. */
  per_input = (guint64) p->kernel.height * p->kernel.width;
  mul (r, &per_input, p->filters / p->groups);
  weights = per_input;
  mul (r, &weights, cin);
  r->params = weights;
  if (p->bias)
    add (r, &r->params, p->filters);
  r->trainable_params = r->params;

  /* Every input value is multiplied by each weight it meets once, whatever
   * the stride spreads apart or the padding later cuts off. */
  r->macs = input->height;
  mul (r, &r->macs, input->width);
  mul (r, &r->macs, weights);
  if (r->error != NULL || !r->with_formula)
    return;

  kh = strata_format_count (p->kernel.height);
  kw = strata_format_count (p->kernel.width);
  ci = strata_format_count (cin);
  f = strata_format_count (p->filters);
  total = strata_format_count (r->params);
  out = p->groups > 1 ? g_strdup_printf ("%s/%u", f, p->groups) : g_strdup (f);
  if (p->bias)
    r->formula = g_strdup_printf ("%s × %s × %s × %s + %s = %s", kh, kw, ci, out, f, total);
  else
    r->formula = g_strdup_printf ("%s × %s × %s × %s = %s", kh, kw, ci, out, total);
}

void
strata_rule_pool2d (const StrataLayerParams *p,
                    const StrataShape * const *inputs,
                    guint                      n_inputs,
                    StrataLayerResult         *r)
{
  const StrataShape *input = inputs[0];
  StrataPair no_dilation = { 1, 1 };

  if (!need_spatial (input, r))
    return;
  if (p->padding_mode == STRATA_PADDING_EXPLICIT &&
      (p->padding.height > p->pool.height / 2 || p->padding.width > p->pool.width / 2))
    {
      /* PyTorch refuses this too: a window could then lie wholly in the padding. */
      fail (r, _("Padding %u × %u is more than half of the %u × %u pooling window"),
            p->padding.height, p->padding.width, p->pool.height, p->pool.width);
      return;
    }
  if (!window_output (p, input, p->pool, no_dilation, p->ceil_mode, _("pooling window"), r))
    return;
  r->output.channels = input->channels;
  set_no_weights (r);
}

void
strata_rule_adaptive_avgpool2d (const StrataLayerParams *p,
                                const StrataShape * const *inputs,
                                guint                      n_inputs,
                                StrataLayerResult         *r)
{
  const StrataShape *input = inputs[0];
  if (!need_spatial (input, r))
    return;
  r->output.height = p->output.height;
  r->output.width = p->output.width;
  r->output.channels = input->channels;
  set_no_weights (r);
}

void
strata_rule_global_pool2d (const StrataLayerParams *p,
                           const StrataShape * const *inputs,
                           guint                      n_inputs,
                           StrataLayerResult         *r)
{
  const StrataShape *input = inputs[0];
  if (!need_spatial (input, r))
    return;
  r->output = (StrataShape) { 1, 1, input->channels, TRUE };
  set_no_weights (r);
}

void
strata_rule_flatten (const StrataLayerParams *p,
                     const StrataShape * const *inputs,
                     guint                      n_inputs,
                     StrataLayerResult         *r)
{
  const StrataShape *input = inputs[0];
  guint64 n = input_size (input, r);

  r->output = (StrataShape) { 1, 1, n, TRUE };
  set_no_weights (r);
}

void
strata_rule_reshape (const StrataLayerParams   *p,
                     const StrataShape * const *inputs,
                     guint                      n_inputs,
                     StrataLayerResult         *r)
{
  const StrataTarget *target = &p->target;
  guint64 in = input_size (inputs[0], r);
  guint64 out = target->channels;

  if (target->is_vector)
    r->output = (StrataShape) { 1, 1, target->channels, TRUE };
  else
    {
      r->output = (StrataShape) { target->height, target->width, target->channels, FALSE };
      mul (r, &out, target->height);
      mul (r, &out, target->width);
    }
  if (r->error != NULL)
    return;
  if (in != out)
    {
      g_autofree char *n_in = strata_format_count (in);
      g_autofree char *n_out = strata_format_count (out);
      g_autofree char *shape = strata_shape_to_string (&r->output);

      fail (r, _("The input has %s elements, but the target shape %s holds %s"), n_in, shape,
            n_out);
      return;
    }
  set_no_weights (r);
}

void
strata_rule_upsampling2d (const StrataLayerParams   *p,
                          const StrataShape * const *inputs,
                          guint                      n_inputs,
                          StrataLayerResult         *r)
{
  const StrataShape *input = inputs[0];

  if (!need_spatial (input, r))
    return;
  /* Nearest and bilinear give the same shape; neither has weights. */
  r->output = (StrataShape) { input->height, input->width, input->channels, FALSE };
  mul (r, &r->output.height, p->size.height);
  mul (r, &r->output.width, p->size.width);
  set_no_weights (r);
}

void
strata_rule_zero_padding2d (const StrataLayerParams   *p,
                            const StrataShape * const *inputs,
                            guint                      n_inputs,
                            StrataLayerResult         *r)
{
  const StrataShape *input = inputs[0];

  if (!need_spatial (input, r))
    return;
  r->output = *input;
  add (r, &r->output.height, (guint64) p->zero_padding.top + p->zero_padding.bottom);
  add (r, &r->output.width, (guint64) p->zero_padding.left + p->zero_padding.right);
  set_no_weights (r);
}

void
strata_rule_cropping2d (const StrataLayerParams   *p,
                        const StrataShape * const *inputs,
                        guint                      n_inputs,
                        StrataLayerResult         *r)
{
  const StrataShape *input = inputs[0];
  const StrataSides *crop = &p->cropping;
  guint64 rows = (guint64) crop->top + crop->bottom;
  guint64 columns = (guint64) crop->left + crop->right;

  if (!need_spatial (input, r))
    return;
  /* Keras would give an empty tensor; nothing can follow it. */
  if (rows >= input->height || columns >= input->width)
    {
      g_autofree char *h = strata_format_count (input->height);
      g_autofree char *w = strata_format_count (input->width);

      fail (r, _("Cropping %u from the top, %u from the bottom, %u from the left and %u from the "
                 "right leaves nothing of a %s × %s input"),
            crop->top, crop->bottom, crop->left, crop->right, h, w);
      return;
    }
  r->output = (StrataShape) { input->height - rows, input->width - columns, input->channels,
                              FALSE };
  set_no_weights (r);
}

void
strata_rule_dense (const StrataLayerParams *p,
                   const StrataShape * const *inputs,
                   guint                      n_inputs,
                   StrataLayerResult         *r)
{
  const StrataShape *input = inputs[0];
  /* A spatial input is flattened first, as lecture diagrams draw it. */
  guint64 in = input_size (input, r);
  g_autofree char *i = NULL, *u = NULL, *total = NULL;

  r->output = (StrataShape) { 1, 1, p->units, TRUE };
  r->params = in;
  mul (r, &r->params, p->units);
  r->macs = r->params;
  if (p->bias)
    add (r, &r->params, p->units);
  r->trainable_params = r->params;
  if (r->error != NULL || !r->with_formula)
    return;

  i = strata_format_count (in);
  u = strata_format_count (p->units);
  total = strata_format_count (r->params);
  if (p->bias)
    r->formula = g_strdup_printf ("(%s + 1) × %s = %s", i, u, total);
  else
    r->formula = g_strdup_printf ("%s × %s = %s", i, u, total);
  /* A flattened input says where its size comes from: 400 = 5 × 5 × 16. */
  if (!input->is_vector)
    {
      g_autofree char *h = strata_format_count (input->height);
      g_autofree char *w = strata_format_count (input->width);
      g_autofree char *c = strata_format_count (input->channels);
      char *formula = g_strdup_printf ("%s (%s = %s × %s × %s)", r->formula, i, h, w, c);

      g_free (r->formula);
      r->formula = formula;
    }
}

void
strata_rule_batchnorm (const StrataLayerParams *p,
                       const StrataShape * const *inputs,
                       guint                      n_inputs,
                       StrataLayerResult         *r)
{
  const StrataShape *input = inputs[0];
  g_autofree char *c = NULL, *total = NULL;

  r->output = *input;
  /* Keras's split: γ and β are trained, the moving mean and variance are not. */
  r->trainable_params = 2;
  mul (r, &r->trainable_params, input->channels);
  r->non_trainable_params = r->trainable_params;
  r->params = r->trainable_params;
  add (r, &r->params, r->non_trainable_params);
  if (r->error != NULL)
    return;

  if (r->convention == STRATA_CONVENTION_PYTORCH)
    {
      /* PyTorch's: the running statistics are buffers, not parameters. */
      g_autofree char *buffers = NULL;

      r->buffers = r->non_trainable_params;
      r->non_trainable_params = 0;
      r->params = r->trainable_params;
      if (!r->with_formula)
        return;
      c = strata_format_count (input->channels);
      total = strata_format_count (r->params);
      buffers = strata_format_count (r->buffers);
      /* Translators: PyTorch's count of BatchNorm; γ and β are its weights per channel */
      r->formula = g_strdup_printf (_("2 × %s = %s (γ, β; running mean and variance are %s "
                                      "buffers)"), c, total, buffers);
      return;
    }
  if (!r->with_formula)
    return;
  c = strata_format_count (input->channels);
  total = strata_format_count (r->params);
  /* Translators: γ, β, mean and variance are BatchNorm's four weights per channel */
  r->formula = g_strdup_printf (_("4 × %s = %s (γ, β trained; mean, variance not)"), c, total);
}

void
strata_rule_identity (const StrataLayerParams *p,
                      const StrataShape * const *inputs,
                      guint                      n_inputs,
                      StrataLayerResult         *r)
{
  const StrataShape *input = inputs[0];
  r->output = *input;
  set_no_weights (r);
}
