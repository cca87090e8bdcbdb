/* strata-render.h: options, layout and drawing of a network diagram (cairo only). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "strata-network.h"
#include "strata-page.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_DIAGRAM_STYLE_BLOCKS, /* 3D blocks, oblique projection (default) */
  STRATA_DIAGRAM_STYLE_FLAT,   /* 2D rectangles */
  STRATA_DIAGRAM_STYLE_BARS,   /* one row per layer, bars by activation size and params */
} StrataDiagramStyle;

typedef enum
{
  STRATA_THEME_LIGHT,
  STRATA_THEME_DARK,
  STRATA_THEME_PRINT,          /* white, high contrast, black text */
} StrataTheme;

typedef enum
{
  STRATA_SCALE_LINEAR,
  STRATA_SCALE_SQRT,           /* default */
  STRATA_SCALE_LOG,
} StrataScaleMode;

typedef enum
{
  STRATA_ARRANGEMENT_ROWS,     /* rows that wrap at max_width, full labels (default) */
  STRATA_ARRANGEMENT_COMPACT,  /* one row, blocks close together, name and shape under each */
  STRATA_ARRANGEMENT_TOP_TO_BOTTOM, /* down the page, labels beside the blocks; columns that
                                     * wrap at max_width, taken as their height */
} StrataArrangement;

typedef struct
{
  StrataDiagramStyle style;
  StrataTheme        theme;
  StrataScaleMode    scale;
  gboolean           show_params;   /* parameter count under each block (default TRUE) */
  gboolean           show_kernels;  /* receptive-field markers (default FALSE) */
  gboolean           show_legend;   /* default TRUE */
  gboolean           show_title;    /* the network's name above the drawing (default TRUE) */
  gboolean           transparent;   /* no background fill (PNG only) */
  gboolean           high_contrast; /* thicker outlines, solid faces, full-contrast text and
                                     * arrows, as the desktop's high-contrast setting asks
                                     * (default FALSE) */
  double             max_width;     /* wrap into rows past this width in points (top to
                                     * bottom: into columns past this height); 0: no limit */
  int                selected;      /* layer position drawn highlighted; -1: none */
  gboolean           short_numbers; /* counts as "138.4 M" rather than every digit */
  /* The last layer position drawn (STRATA_LAYOUT_INPUT: the input alone;
   * default G_MAXINT: every layer). The layout is that of the whole
   * network, so that blocks stay in place while a talk reveals them. */
  int                revealed;
  gboolean           show_receptive_field; /* each block's receptive field and jump (default FALSE) */
  double             block_scale;   /* blocks' sizes against the text's (default 1) */
  gboolean           group_repeats; /* repeated runs of blocks under brackets (default TRUE) */
  gboolean           collapse_repeats; /* with group_repeats, each run drawn as its first
                                          unit, its bracket counting the units (default FALSE) */
  StrataPage         page;          /* the page an export fills (default: none) */
  StrataArrangement  arrangement;   /* the blocks' style only; the bars style has its own */
  guint              short_labels;  /* chosen by a page too small for the text: 1, each
                                     * block's name and shape only, with the compact row's
                                     * gaps; 2, those wrapped narrower, a shape on two
                                     * lines (default 0: every line) */
  gboolean           wrap_compact;  /* the compact row wraps at max_width too: chosen by a
                                     * page too small for one row (default FALSE) */
  gboolean           even_type;     /* names, shapes, the legend and the line under the
                                     * title at the size of the smallest text, the title
                                     * smaller: chosen by a page too small for the text
                                     * (default FALSE) */
  gboolean           tight_gaps;    /* rows, lanes, short labels' blocks, the title and
                                     * the legend closer together, the legend under the
                                     * drawing no wider than it: chosen by a page too
                                     * small for the text (default FALSE) */
  gboolean           square_shapes; /* a shape whose height is its width written
                                     * "224² × 64": chosen by a page too small for the
                                     * text (default FALSE) */
  gboolean           legend_beside; /* the legend right of the drawing, level with its
                                     * top, rather than under it: chosen by a page whose
                                     * height is too small for both (default FALSE) */
  gboolean           dimensions_on_edges; /* a block's height, channels and width written on
                                           * its edges rather than as a shape under it, in
                                           * the compact row (default FALSE) */
  gboolean           fold;          /* a graph whose skip edges nest around a layer (a
                                     * U-Net's bottleneck) drawn in two rows facing each
                                     * other, when no group is drawn: chosen by a page
                                     * too small for one row (default FALSE) */
  gboolean           fold_levels;   /* with fold, the graph drawn as a U instead, a row
                                     * per skip edge, its ends level, down to the
                                     * innermost layers at the bottom: chosen by a page
                                     * too small for one row (default FALSE) */
  gboolean           close_levels;  /* with fold_levels, the levels and their labels
                                     * closer, each stepping in less, the merges' discs
                                     * smaller and a legend beside narrower: chosen by a
                                     * page too small for the text (default FALSE) */
  gboolean           pool_arrows;   /* with fold_levels, a pooling that only takes one
                                     * level down to the next (no parameters, one reader)
                                     * drawn as the arrow down in its colour instead of a
                                     * block: chosen by a page too small for the text
                                     * (default FALSE) */
  gboolean           up_arrows;     /* with fold_levels, an upsampling that only takes one
                                     * level up into the merge of the level above (its
                                     * one reader, its input read by it alone) drawn as
                                     * the arrow up in its colour instead of a block:
                                     * chosen by a page too small for the text (default
                                     * FALSE) */
  guint              module_depth;  /* each run of layers whose names share a module's
                                     * path ("layer1.0.conv1") drawn as one block, the
                                     * paths found down to this many parts: chosen by a
                                     * page too small for every layer (default 0: none) */
} StrataRenderOptions;

/* Hit-test results that are not a layer position. */
#define STRATA_LAYOUT_INPUT (-1)
#define STRATA_LAYOUT_NONE  (-2)

void         strata_render_options_init        (StrataRenderOptions *options);

/* "blocks", "light", "sqrt"...: for the command line and settings. */
const char  *strata_diagram_style_to_string    (StrataDiagramStyle style);
gboolean     strata_diagram_style_from_string  (const char         *text,
                                                StrataDiagramStyle *style);
const char  *strata_theme_to_string            (StrataTheme         theme);
gboolean     strata_theme_from_string          (const char         *text,
                                                StrataTheme        *theme);
const char  *strata_scale_mode_to_string       (StrataScaleMode     scale);
gboolean     strata_scale_mode_from_string     (const char         *text,
                                                StrataScaleMode    *scale);
/* "rows", "compact", "top-to-bottom". */
const char  *strata_arrangement_to_string      (StrataArrangement   arrangement);
gboolean     strata_arrangement_from_string    (const char         *text,
                                                StrataArrangement  *arrangement);

/* A label shows at most this many characters of a text. Names in the
 * model are no longer (it cuts them there), but Pango measures the whole
 * of a text even when it shows only its start, so no text reaches it
 * unbounded. */
#define STRATA_LABEL_MAX_CHARS STRATA_NAME_MAX_CHARS

/* What a label shows of @text (a name; may be NULL, read as ""): its first
 * STRATA_LABEL_MAX_CHARS characters, then "…" if it was longer, on one
 * line (line and paragraph breaks become spaces) and valid UTF-8. Free
 * with g_free(). */
char        *strata_render_label_text          (const char         *text);

/* What drawings group digits with where the locale groups none: a narrow
 * no-break space, which a wrapped label never breaks at. */
#define STRATA_RENDER_DIGIT_SEPARATOR "\u202F"

/* A count as a drawing shows it: every digit, grouped by the locale's
 * separator or, where the locale has none (C.UTF-8), by a narrow no-break
 * space (U+202F, which a wrapped label never breaks at); or, @short_form,
 * three significant digits and an SI prefix, "138.4 M", below 1,000 exact.
 * Free with g_free(). */
char        *strata_render_format_count        (guint64             count,
                                                gboolean           short_form);

/* The quantities a block's sizes show, each with its own coefficient. */
typedef enum
{
  STRATA_SIZE_SPATIAL,         /* H and W: a block's height and depth */
  STRATA_SIZE_CHANNELS,        /* C: a block's thickness */
  STRATA_SIZE_VECTOR,          /* a vector's length: a bar's height */
} StrataSizeAxis;

/* The length in points drawn for a dimension of @n along @axis under
 * @scale and a drawing's @zoom, within the axis's clamps; @clamped (may be
 * NULL) is set when the maximum cut it down. docs/diagrams.md gives the
 * formulas. */
double       strata_render_size_for            (StrataScaleMode     scale,
                                                StrataSizeAxis      axis,
                                                guint64             n,
                                                double              zoom,
                                                gboolean           *clamped);
/* The zoom of a drawing whose largest spatial dimension (H or W) is
 * @largest: small networks are drawn larger, up to STRATA_MAX_ZOOM times,
 * so that their blocks are not dwarfed by their labels. */
double       strata_render_zoom_for            (StrataScaleMode     scale,
                                                guint64             largest);

#define STRATA_MAX_ZOOM 2.5

/* The colour blocks of @category are drawn in, each part from 0 to 1,
 * for a control that shows it. */
void         strata_render_get_category_rgb    (StrataLayerCategory category,
                                                double              rgb[3]);

/* Draws the frame around a selected item's @bounds (from
 * strata_layout_get_item_bounds): a rounded rectangle just outside them,
 * tinted with the colour @red, @green, @blue. */
void         strata_render_draw_highlight      (cairo_t                 *cr,
                                                const cairo_rectangle_t *bounds,
                                                double                   red,
                                                double                   green,
                                                double                   blue);
/* The same frames, many at once: strata_render_highlight_path() adds
 * one's outline to the path, strata_render_paint_highlights() paints
 * the path's, in one fill and one stroke, which tens of thousands of
 * frames need (the fill and the stroke of each cost 8 times more). */
void         strata_render_highlight_path      (cairo_t                 *cr,
                                                const cairo_rectangle_t *bounds);
void         strata_render_paint_highlights    (cairo_t                 *cr,
                                                double                   red,
                                                double                   green,
                                                double                   blue);

/* A layout: where every block, label, arrow and the legend go, in points.
 * It is a snapshot: build a new one after the network changes. */
typedef struct _StrataLayout StrataLayout;

#define STRATA_TYPE_LAYOUT (strata_layout_get_type ())

GType         strata_layout_get_type            (void) G_GNUC_CONST;
StrataLayout *strata_layout_new                 (StrataNetwork             *network,
                                                 const StrataRenderOptions *options);
/* The same layout as strata_layout_new() gives, made faster after an
 * edit by taking from @previous (a layout made by this function of the
 * network before it, or NULL) whatever the edit left as it was. What
 * @previous lends a layout after it, it lends once: it still draws and
 * answers as before. */
StrataLayout *strata_layout_new_after           (StrataNetwork             *network,
                                                 const StrataRenderOptions *options,
                                                 StrataLayout              *previous);
/* What changed in a network since a layout of it was made, as whoever
 * follows its signals heard it: the layers whose values (shape, counts,
 * error, name, hyper-parameters) may differ, [first, end) by their
 * positions now, and whether the input or any link changed. */
typedef struct
{
  guint    first;
  guint    end;
  gboolean input;  /* the network's input shape */
  gboolean links;  /* layers added, removed, moved or reading others; groups */
} StrataLayoutChanges;

/* Nothing changed. */
void          strata_layout_changes_clear       (StrataLayoutChanges *changes);
/* The layers [@first, @end) changed. */
void          strata_layout_changes_add         (StrataLayoutChanges *changes,
                                                 guint                first,
                                                 guint                end);
/* @n_removed layers at @position were replaced by @n_added: what changed
 * before moves with its layers, and the layers added and those around
 * them changed. */
void          strata_layout_changes_splice      (StrataLayoutChanges *changes,
                                                 guint                position,
                                                 guint                n_removed,
                                                 guint                n_added);
/* strata_layout_new_after() told what changed since @previous was made:
 * a column none of whose layers @changes names takes its labels as they
 * were, without comparing what they are made of, and the graph, when no
 * link changed, its links without reading them. Made this way, a
 * layout keeps no values of its labels: a layout made after it without
 * @changes shapes them anew. */
StrataLayout *strata_layout_new_after_changes   (StrataNetwork             *network,
                                                 const StrataRenderOptions *options,
                                                 StrataLayout              *previous,
                                                 const StrataLayoutChanges *changes);
/* Whether @layout draws as @before does but within @area (layout
 * points; empty when the two draw the same), so that a drawing of
 * @before needs only that redrawn; FALSE when the two cannot be told
 * apart in parts and the whole must be drawn again. */
gboolean      strata_layout_get_damage          (StrataLayout      *layout,
                                                 StrataLayout      *before,
                                                 cairo_rectangle_t *area);
StrataLayout *strata_layout_ref                 (StrataLayout *layout);
void          strata_layout_unref               (StrataLayout *layout);
/* Layouts share the labels they shape through a cache of the calling
 * thread, which grows to the labels of the largest layout made: this
 * empties it, for when a network goes away, so that its labels go with
 * the last layout that shows them. */
void          strata_layout_forget_labels       (void);

void          strata_layout_get_size            (StrataLayout *layout,
                                                 double       *width,
                                                 double       *height);
/* The layer position under (x, y), STRATA_LAYOUT_INPUT or STRATA_LAYOUT_NONE. */
int           strata_layout_hit_test            (StrataLayout *layout,
                                                 double        x,
                                                 double        y);
/* Whether (x, y) is on the title: the network's name and its totals. */
gboolean      strata_layout_title_contains      (StrataLayout *layout,
                                                 double        x,
                                                 double        y);
/* Bounds of a layer's block and labels (position, or STRATA_LAYOUT_INPUT). */
gboolean      strata_layout_get_item_bounds     (StrataLayout      *layout,
                                                 int                position,
                                                 cairo_rectangle_t *bounds);
/* What a block stands for besides its own layer: a group a user made,
 * drawn as one block, or a layer of a run of repeats drawn once. */
typedef struct
{
  const char *name;     /* as the drawing writes it, "features" or "B × 3"; the layout's */
  guint       first;    /* layer positions: the group's, or the unit's drawn */
  guint       end;
  guint       n_units;  /* the repeats a run drawn once stands for; 1 for a group */
  gboolean    block;    /* a user's group drawn as one block */
} StrataLayoutGroupInfo;

/* Whether the block of @position (its first layer's, for a group drawn
 * as one block) stands for more than itself, and what; FALSE for a block
 * drawn as often as its layer is there, under a bracket or not. */
gboolean      strata_layout_get_collapsed_group (StrataLayout          *layout,
                                                 int                    position,
                                                 StrataLayoutGroupInfo *info);
/* Layers @first to @end - 1 by their blocks' kinds, as the legend writes
 * a group's: "Conv × 2 · Add", or "3 layers" when all are drawn as
 * slices. */
char         *strata_render_dup_group_kinds     (StrataNetwork *network,
                                                 guint          first,
                                                 guint          end);
/* The positions (layers or STRATA_LAYOUT_INPUT) whose bounds, as
 * strata_layout_get_item_bounds() gives them, meet @area: at most
 * @max_positions, in the layout's order, in one pass. */
guint         strata_layout_get_items_in        (StrataLayout            *layout,
                                                 const cairo_rectangle_t *area,
                                                 int                     *positions,
                                                 guint                    max_positions);
/* Calls @func with each position whose bounds meet @area, and the
 * bounds, in the same order, until it returns FALSE. */
typedef gboolean (*StrataLayoutItemFunc) (int                      position,
                                          const cairo_rectangle_t *bounds,
                                          gpointer                 user_data);
void          strata_layout_foreach_item_in     (StrataLayout            *layout,
                                                 const cairo_rectangle_t *area,
                                                 StrataLayoutItemFunc     func,
                                                 gpointer                 user_data);
/* Draws at layout scale onto @cr, from (0, 0); only what meets the current
 * clip is drawn, so a canvas can paint just the visible part. */
void          strata_layout_draw                (StrataLayout *layout,
                                                 cairo_t      *cr);
/* As strata_layout_draw(), for a screen: what is too small to see at
 * @cr's scale is drawn more cheaply (labels as bars, bands of a block as
 * one slice). A file is zoomed into later, so exports draw every glyph. */
void          strata_layout_draw_on_screen      (StrataLayout *layout,
                                                 cairo_t      *cr);

/* Where a layout goes on its page: the page's size in points, and the
 * scale and offset that put the drawing on it. */
typedef struct
{
  double width;
  double height;
  double scale;
  double x;
  double y;
} StrataPageFit;

/* A layout of @network that fills @options->page: its rows, the scale of
 * its blocks and the scale of the whole chosen so that the drawing
 * covers the most of the page, its text no smaller than the page's
 * min_type where any choice allows it (docs/diagrams.md). Without a page,
 * strata_layout_new() and the drawing's own size at scale 1. */
StrataLayout *strata_layout_new_for_page        (StrataNetwork             *network,
                                                 const StrataRenderOptions *options,
                                                 StrataPageFit             *fit);
/* The same, ending early with G_IO_ERROR_CANCELLED (and NULL) once
 * @cancellable is cancelled, which it checks between trials: for a fit
 * made in another thread while a user still changes the choices. */
StrataLayout *strata_layout_new_for_page_cancellable (StrataNetwork             *network,
                                                      const StrataRenderOptions *options,
                                                      GCancellable              *cancellable,
                                                      StrataPageFit             *fit,
                                                      GError                   **error);
/* The size of the smallest text the layout draws, in points at its scale. */
double        strata_layout_get_smallest_type   (StrataLayout *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataLayout, strata_layout_unref)

G_END_DECLS
