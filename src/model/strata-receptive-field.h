/* strata-receptive-field.h: which input pixels an output value of a layer sees. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-layer.h"

G_BEGIN_DECLS

typedef enum
{
  /* No field: the layer has no shape, its input is a vector, or it
   * follows an imported operation whose wiring Strata does not know. */
  STRATA_RECEPTIVE_FIELD_NONE,
  /* A window onto the input, described by size, jump and start. */
  STRATA_RECEPTIVE_FIELD_SPATIAL,
  /* Every output value sees the whole input: after a dense layer,
   * flatten, reshape or global pooling. */
  STRATA_RECEPTIVE_FIELD_GLOBAL,
} StrataReceptiveFieldKind;

/* The receptive field of one output value of a layer, in pixels of the
 * network's input, by axis: [0] the height, [1] the width. Computed by
 * the standard recurrence, layer by layer from the input (size 1, jump
 * 1, start 0): a window of k with dilation d, stride s and padding p
 * before it gives r ← r + (k − 1)·d·j, start ← start + ((k − 1)·d/2 − p)·j,
 * j ← j·s. Boundaries are ignored: the size is how far the window reaches,
 * padding included. A merge takes the largest of its inputs. Upsampling
 * and transposed convolutions divide the jump, so it can be a fraction. */
typedef struct
{
  StrataReceptiveFieldKind kind;
  /* Input pixels one output value depends on, along the axis. */
  double size[2];
  /* Input pixels between two neighbouring output values (the effective
   * stride). */
  double jump[2];
  /* The input coordinate of the centre of the first output value's
   * field, 0 being the centre of the first input pixel: negative when it
   * reaches into the padding. */
  double start[2];
} StrataReceptiveField;

/* The field of @layer's output values, as its network last computed it
 * (kind NONE before that). */
const StrataReceptiveField *strata_layer_get_receptive_field (StrataLayer *layer);

/* What @layer, as last applied, makes of the fields of the @n_inputs it
 * read, in their order, by its kind's rule. */
void strata_receptive_field_apply (StrataLayer                        *layer,
                                   const StrataReceptiveField * const *inputs,
                                   guint                               n_inputs,
                                   StrataReceptiveField               *out);

/* The field of a network input of @shape: 1 pixel, or none for a vector. */
void strata_receptive_field_init (StrataReceptiveField *field,
                                  const StrataShape    *shape);

gboolean strata_receptive_field_equal (const StrataReceptiveField *a,
                                       const StrataReceptiveField *b);

/* "196" when both axes agree, else "196 × 100"; "the whole input"
 * (translated) for a global field, NULL for none. */
char *strata_receptive_field_dup_size (const StrataReceptiveField *field);
/* The jump and the start, formatted as the size is. */
char *strata_receptive_field_dup_jump  (const StrataReceptiveField *field);
char *strata_receptive_field_dup_start (const StrataReceptiveField *field);
/* The size and the jump appended to @out, as written above; FALSE, with
 * nothing appended, for a field of none. */
gboolean strata_receptive_field_append_size (const StrataReceptiveField *field,
                                             GString                    *out);
gboolean strata_receptive_field_append_jump (const StrataReceptiveField *field,
                                             GString                    *out);

/* The sliding window of a convolution or pooling layer along one axis,
 * as the layer was last applied: output i reads the input positions
 * i·stride − pad_before + t·dilation for t from 0 to window − 1;
 * positions before 0 or from input on are padding. */
typedef struct
{
  guint64 input;
  guint64 output;
  guint   window;
  guint   stride;
  guint   dilation;
  guint64 pad_before;
  /* The padding after the input, widened to the last window's reach
   * (ceil mode lets a window end past it). */
  guint64 pad_after;
} StrataWindowAxis;

/* @layer's window along @axis (0 the height, 1 the width); FALSE when it
 * has none (not a convolution or pooling window) or no shape. */
gboolean strata_layer_get_window_axis (StrataLayer      *layer,
                                       guint             axis,
                                       StrataWindowAxis *window);

G_END_DECLS
