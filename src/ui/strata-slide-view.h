/* strata-slide-view.h: a convolution's or pooling's window moving over its padded input. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "strata-layer.h"

G_BEGIN_DECLS

#define STRATA_TYPE_SLIDE_VIEW (strata_slide_view_get_type ())

G_DECLARE_FINAL_TYPE (StrataSlideView, strata_slide_view, STRATA, SLIDE_VIEW, GtkWidget)

GtkWidget *strata_slide_view_new        (void);
/* Shows @layer's window (NULL: none); returns whether it has one, a
 * convolution or pooling layer with a shape. */
gboolean   strata_slide_view_set_layer  (StrataSlideView *self,
                                         StrataLayer     *layer);
/* Moves to the output position @delta steps on, in reading order,
 * wrapping around. */
void       strata_slide_view_step       (StrataSlideView *self,
                                         int              delta);
/* The output position shown: row and column. */
void       strata_slide_view_get_position (StrataSlideView *self,
                                           guint64         *row,
                                           guint64         *column);
/* Whether it moves by itself; never while the desktop asks for no
 * animations, when only the step buttons move it. */
gboolean   strata_slide_view_get_playing (StrataSlideView *self);
void       strata_slide_view_set_playing (StrataSlideView *self,
                                          gboolean         playing);

G_END_DECLS
