/* strata-slide.h: pages of a talk that builds a network up one layer at a time. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "strata-render.h"

G_BEGIN_DECLS

/* A talk has one step more than the network has layers: step 0 shows the
 * input alone; step k shows layers 1 to k, layer k highlighted and
 * captioned. Layers come in the network's order, which for a branching
 * network is that of the list. */
guint    strata_slide_get_n_steps     (StrataNetwork             *network);

/* The layer position step @step reveals last: STRATA_LAYOUT_INPUT for
 * step 0. */
int      strata_slide_step_position   (guint                      step);

/* The caption of @step, one line after another ("\n"): the name and kind
 * of what it reveals, then its output shape, parameters and MACs, then
 * the formula of its parameters when it has one. Free with g_free(). */
char    *strata_slide_caption_text    (StrataNetwork             *network,
                                       guint                      step);

/* Labels on a slide are at least this fraction of its height, to be read
 * from the back of a lecture hall. */
#define STRATA_SLIDE_LABEL_FRACTION 0.025

/* @options made for slides of @width × @height drawn with @reveal (see
 * strata_slide_draw()): rows as wide as draw the diagram largest on such
 * a page (revealing, rows that fit across at the least scale), without
 * the parameter counts and the legend, which the caption says instead. */
void     strata_slide_fit_options     (StrataNetwork             *network,
                                       const StrataRenderOptions *options,
                                       double                     width,
                                       double                     height,
                                       gboolean                   reveal,
                                       StrataRenderOptions       *slide_options);

/* Draws @step onto @cr over (0, 0, @width, @height), the diagram above
 * the caption. With @reveal, layers after the step are hidden and the
 * diagram is fitted, or drawn at the least scale that keeps labels
 * readable with the layer revealed last at the bottom; without, every
 * layer is drawn and the whole diagram fitted, the step's layer still
 * highlighted and captioned. @slide_options come from
 * strata_slide_fit_options() with the same @reveal. */
void     strata_slide_draw            (cairo_t                   *cr,
                                       StrataNetwork             *network,
                                       const StrataRenderOptions *slide_options,
                                       guint                      step,
                                       gboolean                   reveal,
                                       double                     width,
                                       double                     height);

/* The scale at which strata_slide_draw() draws the diagram of
 * @slide_options with @reveal on a page of @width × @height, in page
 * units per layout point. */
double   strata_slide_get_scale       (StrataNetwork             *network,
                                       const StrataRenderOptions *slide_options,
                                       gboolean                   reveal,
                                       double                     width,
                                       double                     height);

G_END_DECLS
