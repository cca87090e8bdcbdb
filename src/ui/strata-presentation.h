/* strata-presentation.h: a network shown fullscreen to a room, revealed one layer at a time. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "strata-network.h"
#include "strata-render.h"

G_BEGIN_DECLS

#define STRATA_TYPE_PRESENTATION (strata_presentation_get_type ())

G_DECLARE_FINAL_TYPE (StrataPresentation, strata_presentation, STRATA, PRESENTATION, GtkWindow)

/* A fullscreen window over @parent showing only @network's diagram as
 * the slides of strata-slide.h, drawn with @options (theme, style,
 * scale), from step 0. It follows edits of the network. */
GtkWidget *strata_presentation_new         (GtkWindow                 *parent,
                                            StrataNetwork             *network,
                                            const StrataRenderOptions *options);
/* From 0, the input alone, to the number of layers. */
guint      strata_presentation_get_step    (StrataPresentation *self);
void       strata_presentation_set_step    (StrataPresentation *self,
                                            guint               step);
/* TRUE: layers after the step are hidden; FALSE: every layer is shown,
 * the step's still highlighted and captioned. */
gboolean   strata_presentation_get_reveal  (StrataPresentation *self);
void       strata_presentation_set_reveal  (StrataPresentation *self,
                                            gboolean            reveal);
/* The caption shown now. Free with g_free(). */
char      *strata_presentation_dup_caption (StrataPresentation *self);

G_END_DECLS
