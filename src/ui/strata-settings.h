/* strata-settings.h: what Strata remembers: window state and the default diagram options. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "strata-render.h"

G_BEGIN_DECLS

#define STRATA_SETTINGS_SCHEMA_ID "io.github.strata.Strata"

#define STRATA_TYPE_SETTINGS (strata_settings_get_type ())

G_DECLARE_FINAL_TYPE (StrataSettings, strata_settings, STRATA, SETTINGS, GObject)

/* Shared by every window. Backed by GSettings when the schema is
 * installed; otherwise the values live in memory for this run only. */
StrataSettings     *strata_settings_get_default        (void);
/* A new object bound to @settings (NULL: in memory only), for tests. */
StrataSettings     *strata_settings_new                (GSettings          *settings);
gboolean            strata_settings_get_persistent     (StrataSettings     *self);

void                strata_settings_get_window_state   (StrataSettings     *self,
                                                        int                *width,
                                                        int                *height,
                                                        gboolean           *maximized);
void                strata_settings_set_window_state   (StrataSettings     *self,
                                                        int                 width,
                                                        int                 height,
                                                        gboolean            maximized);
int                 strata_settings_get_sidebar_width  (StrataSettings     *self);
void                strata_settings_set_sidebar_width  (StrataSettings     *self,
                                                        int                 width);
/* Whether the side panel is shown (F9), beside a diagram wide enough. */
gboolean            strata_settings_get_sidebar_visible (StrataSettings    *self);
void                strata_settings_set_sidebar_visible (StrataSettings    *self,
                                                         gboolean           visible);

StrataDiagramStyle  strata_settings_get_diagram_style  (StrataSettings     *self);
void                strata_settings_set_diagram_style  (StrataSettings     *self,
                                                        StrataDiagramStyle  style);
StrataTheme         strata_settings_get_diagram_theme  (StrataSettings     *self);
void                strata_settings_set_diagram_theme  (StrataSettings     *self,
                                                        StrataTheme         theme);
StrataScaleMode     strata_settings_get_diagram_scale  (StrataSettings     *self);
/* How the window's networks count BatchNorm (Keras's by default). */
StrataConvention    strata_settings_get_counting_convention (StrataSettings   *self);
void                strata_settings_set_counting_convention (StrataSettings   *self,
                                                             StrataConvention  convention);
void                strata_settings_set_diagram_scale  (StrataSettings     *self,
                                                        StrataScaleMode     scale);

/* Counts in diagrams as "138.4 M" (the "short-numbers" property). */
gboolean            strata_settings_get_short_numbers  (StrataSettings     *self);
/* The DPI of PNG images, exported or copied ("image-dpi"). */
int                 strata_settings_get_image_dpi      (StrataSettings     *self);
void                strata_settings_set_image_dpi      (StrataSettings     *self,
                                                        int                 dpi);

/* Render options with the user's default style, theme, scaling and numbers. */
/* Whether diagrams draw repeated runs of blocks under brackets. */
gboolean            strata_settings_get_diagram_groups (StrataSettings     *self);
void                strata_settings_set_diagram_groups (StrataSettings     *self,
                                                        gboolean            groups);
/* Whether they draw each repeated run once and each group a user made
 * as one block ("diagram-collapse"). */
gboolean            strata_settings_get_diagram_collapse (StrataSettings   *self);

/* How diagrams lay their blocks out: wrapped rows, one compact row or top to bottom. */
StrataArrangement   strata_settings_get_diagram_layout (StrataSettings     *self);
void                strata_settings_set_diagram_layout (StrataSettings     *self,
                                                        StrataArrangement   arrangement);

/* The page the export window last filled (see strata_page_parse();
 * STRATA_PAGE_NONE for the drawing's own size). */
void                strata_settings_get_export_page    (StrataSettings     *self,
                                                        StrataPage         *page);
void                strata_settings_set_export_page    (StrataSettings     *self,
                                                        const StrataPage   *page);

/* The export window's choices that differed from the window's drawing
 * ("export-choices"): an a{sv} by the names of the export window's
 * controls; borrowed. Setting a floating value takes it. */
GVariant           *strata_settings_get_export_choices (StrataSettings     *self);
void                strata_settings_set_export_choices (StrataSettings     *self,
                                                        GVariant           *choices);

/* Render options with the user's default style, theme and scaling. */
void                strata_settings_init_render_options (StrataSettings      *self,
                                                         StrataRenderOptions *options);

G_END_DECLS
