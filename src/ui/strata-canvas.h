/* strata-canvas.h: the network drawn by the shared renderer, with zoom, pan and selection. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "strata-network.h"
#include "strata-render.h"

G_BEGIN_DECLS

#define STRATA_TYPE_CANVAS (strata_canvas_get_type ())

G_DECLARE_FINAL_TYPE (StrataCanvas, strata_canvas, STRATA, CANVAS, GtkWidget)

GtkWidget     *strata_canvas_new              (void);
StrataNetwork *strata_canvas_get_network      (StrataCanvas *self);
void           strata_canvas_set_network      (StrataCanvas  *self,
                                               StrataNetwork *network);
/* A layer position, STRATA_LAYOUT_INPUT or STRATA_LAYOUT_NONE. */
int            strata_canvas_get_selected     (StrataCanvas *self);
void           strata_canvas_set_selected     (StrataCanvas *self,
                                               int           selected);
/* Layers @first to @last (positions, or both STRATA_LAYOUT_NONE for none)
 * are drawn selected with the selected one: the range of the list. */
void           strata_canvas_set_selected_range (StrataCanvas *self,
                                                 int           first,
                                                 int           last);
/* Whether a range of more than one layer is drawn selected, and which. */
gboolean       strata_canvas_get_selected_range (StrataCanvas *self,
                                                 int          *first,
                                                 int          *last);
StrataTheme    strata_canvas_get_theme        (StrataCanvas *self);
void           strata_canvas_set_theme        (StrataCanvas *self,
                                               StrataTheme   theme);
/* The desktop's high-contrast setting (StrataRenderOptions.high_contrast). */
void           strata_canvas_set_high_contrast (StrataCanvas *self,
                                                gboolean      high_contrast);
StrataDiagramStyle strata_canvas_get_diagram_style (StrataCanvas       *self);
void           strata_canvas_set_diagram_style (StrataCanvas       *self,
                                                StrataDiagramStyle  style);
StrataScaleMode strata_canvas_get_scale_mode  (StrataCanvas    *self);
void           strata_canvas_set_scale_mode   (StrataCanvas    *self,
                                               StrataScaleMode  scale);
void           strata_canvas_set_short_numbers (StrataCanvas   *self,
                                                gboolean        short_numbers);
/* Repeated runs of blocks under brackets (on by default). */
void           strata_canvas_set_group_repeats (StrataCanvas *self,
                                                gboolean      group_repeats);
/* Each repeated run drawn once, each group a user made one block (off by default). */
void           strata_canvas_set_collapse_repeats (StrataCanvas *self,
                                                   gboolean      collapse);
void           strata_canvas_set_arrangement  (StrataCanvas      *self,
                                               StrataArrangement  arrangement);
/* What the canvas draws with; the selection is not among them, as the
 * canvas draws it over the layout. */
const StrataRenderOptions *strata_canvas_get_options (StrataCanvas *self);
/* Pixels per point of the layout. */
double         strata_canvas_get_zoom         (StrataCanvas *self);
void           strata_canvas_zoom_in          (StrataCanvas *self);
void           strata_canvas_zoom_out         (StrataCanvas *self);
/* Fits the whole drawing, and keeps fitting it as it changes until the
 * user zooms or pans. */
void           strata_canvas_zoom_to_fit      (StrataCanvas *self);
/* The current layout, built if needed (for tests and benchmarks). */
StrataLayout  *strata_canvas_get_layout       (StrataCanvas *self);

G_END_DECLS
