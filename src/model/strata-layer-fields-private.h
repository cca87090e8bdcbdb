/* strata-layer-fields-private.h: StrataLayer's fields, for the files that make it up. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-layer.h"
#include "strata-receptive-field.h"

G_BEGIN_DECLS

struct _StrataLayer
{
  GObject           parent_instance;

  StrataLayerKind   kind;
  char             *name;
  /* How it is drawn, when not as its kind: NULL, or a caption (bounded
   * as names are) and a colour "#rrggbb". */
  char             *caption;
  char             *color;
  StrataLayerParams params;

  /* What it reads: earlier layers, NULL for the network's input; empty
   * for the layer before it. References, not names, so that renaming
   * never breaks a link; held, so a layer taken out keeps its links for
   * an undo to put back. */
  StrataLayer     **inputs;
  guint             n_inputs;
  /* The layer whose weights it uses, or NULL. */
  StrataLayer      *shares;
  gpointer          network;

  gboolean          has_shape;
  /* The shapes it was last applied to, one per input: in the layer
   * itself for one or two, so that a recompute allocates nothing and
   * reads no other block of memory. */
  StrataShape      *input_shapes;
  guint             n_input_shapes;
  StrataShape       few_input_shapes[2];
  guint64           activation_size;
  StrataLayerResult result;
  /* Its network's, read by the rules. */
  StrataConvention  convention;
  /* Set by the network after each recompute of the layer. */
  StrataReceptiveField field;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_NAME,
  PROP_CAPTION,
  PROP_COLOR,
  PROP_PADDING,
  PROP_BIAS,
  PROP_ACTIVATION,
  PROP_CEIL_MODE,
  PROP_RATE,
  PROP_TARGET_VECTOR,
  PROP_OP,
  PROP_TRAINABLE_WEIGHTS,
  PROP_NON_TRAINABLE_WEIGHTS,
  /* computed, read-only */
  PROP_HAS_SHAPE,
  PROP_OUTPUT_SHAPE,
  PROP_ACTIVATION_SIZE,
  PROP_PARAMS,
  PROP_TRAINABLE_PARAMS,
  PROP_NON_TRAINABLE_PARAMS,
  PROP_MACS,
  PROP_FORMULA,
  PROP_ERROR,
  PROP_RECEPTIVE_FIELD,
  PROP_FIRST_COUNT,
};

/* Installed by strata-layer.c; the computed ones are notified by
 * strata-layer-compute.c. */
extern GParamSpec *strata_layer_properties[];

G_END_DECLS
