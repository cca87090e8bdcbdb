/* strata-layout-build-private.h: what the files that build a StrataLayout share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-layout-graph-private.h"

G_BEGIN_DECLS

/* All sizes are in points. Fonts are large because diagrams end up on
 * projectors: 14 pt shapes stay readable when a 1200 pt wide drawing is
 * shrunk onto a slide. */
#define MARGIN          24.0
#define LINE_GAP        2.0
#define LABEL_GAP       12.0  /* between the lowest block of a row and its labels */
#define COLUMN_GAP      22.0  /* between the labels of neighbouring columns */
#define BLOCK_GAP       46.0  /* between neighbouring blocks: room for an arrow */
/* The compact row's: its blocks leave room for a short arrow (one is
 * drawn from 27 points between blocks), and its names wrap narrower. */
#define COMPACT_COLUMN_GAP 10.0
#define COMPACT_BLOCK_GAP  34.0
#define COMPACT_NAME_WIDTH 130.0
/* Labels of a page too small for the text wrap narrower still. */
#define SHORT_NAME_WIDTH   100.0
#define ROW_GAP         46.0  /* between rows: room for the connector */
#define ROW_LEAD        30.0  /* before each row when there are several: the connector comes in */
#define ROW_EXIT        22.0  /* after each row when there are several: the connector goes out */
#define TITLE_GAP       22.0
/* A page too small for the text keeps these instead: room for the
 * connector's line and its arrow, no more. */
#define TIGHT_ROW_GAP   24.0
#define TIGHT_ROW_LEAD  18.0
#define TIGHT_TITLE_GAP 11.0
#define TIGHT_BLOCK_GAP 28.0  /* the shortest arrow drawn, and its room */
#define TITLE_SPACE     10.0  /* between the title and the line after it on its line */
#define LEGEND_GAP      30.0
#define ERROR_WRAP      170.0
#define BAR_LENGTH      240.0
#define MIN_LEGEND_WIDTH 560.0
/* The width a legend beside the drawing wraps at. */
#define LEGEND_BESIDE_WIDTH 150.0
/* Beside a U whose levels are closer: the page's height holds its
 * longer column of lines, and the U its width. */
#define CLOSE_LEGEND_BESIDE_WIDTH 100.0
/* The least width a legend under a narrow drawing wraps at. */
#define TIGHT_LEGEND_WIDTH 250.0

/* A merge's disc in a U whose levels are closer (close_levels): about
 * as tall as the blocks beside it at a page's smallest scales (11 to
 * 26 pt), which a 30 pt disc, and still a 20 pt one, made each level
 * taller than its blocks. */
#define CLOSE_MERGE_SIZE 14.0

static inline double
strata_layout_merge_size (const StrataRenderOptions *options)
{
  return options->fold_levels && options->close_levels ? CLOSE_MERGE_SIZE : STRATA_MERGE_SIZE;
}

#define VECTOR_THICKNESS      8.0
#define VECTOR_DEPTH          14.0
#define PLACEHOLDER_THICKNESS 14.0
#define PLACEHOLDER_SIZE      48.0

typedef enum
{
  FONT_TITLE,
  FONT_SUBTITLE,
  FONT_NAME,
  FONT_SHAPE,
  FONT_DETAILS,
  FONT_PARAMS,
  FONT_LEGEND,
  FONT_HEADER,
  FONT_GLYPH,
  N_FONTS
} Font;

/* What only the building needs. */
typedef struct
{
  StrataLayout         *self;
  StrataNetwork        *network;
  StrataGraph          *graph;
  PangoFontDescription *fonts[N_FONTS];
  gboolean              used[STRATA_N_LAYER_CATEGORIES];  /* drawn in the category's colour */
  GArray               *own_colors;  /* StrataOwnColor: layers' own colours, in order */
  int                  *group_of;    /* per layer: its StrataGroup, or -1 */
  guint                *shown_as;    /* per layer, when runs are collapsed: see strata_graph_new_after() */
  guint8               *arrows;      /* per layer, with pool_arrows or up_arrows: a StrataArrowKind */
  /* Per column, the stretch of a row no edge crosses under its labels,
   * where a group's bracket is one (strata-layout-fold.c); NULL when
   * that is the row itself. */
  guint                *bracket_part;
  gboolean              used_merges[STRATA_N_LAYER_KINDS];
  gboolean              has_vector;
  double                content_right;
  double                y;
  guint                 n_labels;  /* asked of the label cache */
  StrataLayout         *previous;  /* whose labels columns may take, or NULL */
  /* What changed since @previous, or NULL: the labels' values are then
   * compared. */
  const StrataLayoutChanges *changes;
  int                   reuse_shift; /* its column of the last one found, less ours */
  /* The layout whose chunks of columns this one's start as (@previous,
   * told what changed), or NULL: see strata_builder_take_column(). */
  StrataLayout         *shared;
  GArray              **spare;     /* arrays a layout freed left, or NULL (strata-layout.c) */
} StrataBuilder;

/* The width the drawing wraps at, for its title and legend: none top to
 * bottom, whose columns wrap at options.max_width as their height. */
static inline double
strata_builder_width_limit (StrataBuilder *b)
{
  if (b->self->options.arrangement == STRATA_ARRANGEMENT_TOP_TO_BOTTOM)
    return 0;
  return b->self->options.max_width;
}

/* strata-layout-text.c: labels set with Pango, measured the same for every output. */
PangoContext *strata_label_context        (void);
PangoLayout  *strata_builder_new_text     (StrataBuilder *b,
                                           Font           font,
                                           const char    *text,
                                           double         wrap_width,
                                           int            max_lines);
/* A label shaped once and shared, with its extents: never to be changed,
 * and not to be released, as the layout holds the cache's table of it. */
PangoLayout  *strata_builder_cached_text  (StrataBuilder  *b,
                                           Font            font,
                                           const char     *text,
                                           double          wrap_width,
                                           int             max_lines,
                                           gboolean        left,
                                           StrataTextSize *size);
void          strata_builder_fit_label_cache (StrataBuilder *b,
                                              guint          n_labels);
void          strata_text_extents         (PangoLayout   *layout,
                                           double        *x,
                                           double        *width,
                                           double        *height);

/* strata-layout.c */
/* Frees the arrays kept for the next layout. */
void          strata_layout_free_spare    (void);
/* The arrays a layout freed leaves for the next one. */
enum {
  SPARE_BANDS,
  SPARE_EDGES,
  SPARE_POINTS,
  SPARE_LABEL_KEYS,
  SPARE_KEY_BYTES,
  N_SPARE
};
/* An empty array of elements of @element_size: the spare one @which,
 * or a new one with room for @reserve. */
GArray       *strata_builder_new_array    (StrataBuilder *b,
                                           guint          which,
                                           guint          element_size,
                                           guint          reserve);
void          strata_rect_union           (cairo_rectangle_t       *a,
                                           const cairo_rectangle_t *b);

/* strata-layout-columns.c: blocks and merges, sized, with their bands and
 * labels, at the layout's zoom. */
void          strata_builder_build_columns (StrataBuilder *b);
/* The window @layer's block is marked with, a convolution's kernel or a
 * pooling's window, in @window; FALSE when it has none. */
gboolean      strata_render_layer_window   (StrataLayer   *layer,
                                            StrataPair    *window);
/* "3 × 3" */
char         *strata_render_pair_text      (guint          height,
                                            guint          width);

/* strata-layout-reuse.c: labels taken over from the layout before an
 * edit. Begun once the zoom is known, before any column; a layout
 * @followed by one after an edit keeps what its labels are made of.
 * TRUE when @column took the labels of its column in the layout before. */
void          strata_builder_begin_reuse   (StrataBuilder *b,
                                            StrataLayout  *previous,
                                            gboolean       followed);
gboolean      strata_builder_reuse_labels  (StrataBuilder *b,
                                            StrataColumn  *column);
/* Told what changed, the column of the layer at @column's position, with
 * its bands (@first_band, then @next_band of each), taken whole from the
 * layout before when none of its layers changed: TRUE when it was, added
 * as column @node with its labels and bands, to be placed. */
gboolean      strata_builder_take_column   (StrataBuilder *b,
                                            StrataColumn  *column,
                                            int            first_band,
                                            const int     *next_band,
                                            guint          node);

/* strata-layout-dimensions.c: a block's dimensions, on its edges, and the
 * room they take beside it and under it. */
void          strata_builder_build_dimensions (StrataBuilder *b,
                                               StrataColumn  *column);
/* The bounds of @column's dimensions about its front face's top left
 * corner, which this sets to (0, 0); FALSE when it has none. */
gboolean      strata_builder_dimensions_extent (StrataColumn      *column,
                                                cairo_rectangle_t *extent);

/* strata-layout-place.c: columns, lanes and edges placed in rows. */
void          strata_builder_place_columns (StrataBuilder *b);

/* strata-layout-vertical.c: the same placed down the page, in columns,
 * the labels beside the blocks and groups' brackets right of them. */
void          strata_builder_place_vertical (StrataBuilder *b);

/* strata-layout-groups.c: runs of repeated layers, under brackets. */
#define GROUP_SPACE 24.0  /* under a grouped column's labels: the bracket and its name */
void          strata_builder_find_groups   (StrataBuilder *b);
void          strata_builder_place_groups  (StrataBuilder *b);
/* Whether the groups drawn hide what some layer reads: a run drawn once,
 * whose later units' readers are drawn reading its first, or a group
 * drawn as one block that a layer after it reads at another layer than
 * its last. */
gboolean      strata_builder_hides_reads   (StrataBuilder *b);
/* The legend's line of what each group repeats, or NULL without groups. */
char         *strata_builder_group_note    (StrataBuilder *b);
/* A user's group drawn as one block (StrataGroup.block): the group whose
 * block @column is, or NULL; its blocks' kinds ("Conv × 2 · Max pool");
 * and @column made that block, its last layer's shape, its layers'
 * parameters and the colour of the kind most of its blocks are, or FALSE
 * when @column is none. */
const StrataGroup *strata_builder_block_group (StrataBuilder      *b,
                                               const StrataColumn *column);
char         *strata_builder_group_kinds   (StrataBuilder     *b,
                                            const StrataGroup *group);
gboolean      strata_builder_group_block   (StrataBuilder *b,
                                            StrataColumn  *column);

/* strata-layout-modules.c: runs of layers whose names share a module's
 * path ("layer1.0."), found down to @depth parts of the names, none over
 * a layer of a user's group: StrataModule, in order; the most parts a
 * module's path may have; and the legend's line of them. */
typedef struct
{
  guint first;
  guint end;
  gsize name_length;  /* of the path, in the first layer's name */
} StrataModule;
GArray       *strata_layout_find_modules   (StrataNetwork *network,
                                            guint          depth);
guint         strata_layout_module_depth   (StrataNetwork *network);
void          strata_builder_append_modules (StrataBuilder *b,
                                             GString       *text);
/* @names (strings) by their stems as they first come, each stem's by
 * the number it ends with, three numbers or more in a row as a range:
 * "enc1–enc4, bottleneck, dec1–dec4", as the legend lists modules. */
void          strata_layout_append_names   (GString       *text,
                                            GPtrArray     *names);

/* strata-layout-bars.c: the bars style. */
void          strata_builder_build_bars    (StrataBuilder *b);

/* strata-layout-gutter.c: the bars style's graph, left of its rows. */
double        strata_builder_gutter_width  (StrataBuilder *b);
void          strata_builder_place_gutter  (StrataBuilder *b);

/* A colour layers were given, and what the legend says of it. */
typedef struct
{
  const char *color;    /* "#rrggbb", the first such layer's */
  StrataRgb   fill;
  const char *caption;  /* the first caption of such a layer, or NULL */
  StrataLayer *layers[3]; /* the first three such layers, to be named without a caption */
  guint       n_layers;
} StrataOwnColor;

/* strata-layout-legend.c: the title and the legend. */
/* The fill of @layer (NULL: the network's input) of @category: its own
 * colour, recorded for the legend, or the category's, which the legend
 * then shows. */
StrataRgb     strata_builder_layer_fill    (StrataBuilder       *b,
                                            StrataLayer         *layer,
                                            StrataLayerCategory  category);
void          strata_builder_build_title   (StrataBuilder *b);
void          strata_builder_place_title   (StrataBuilder *b);
void          strata_builder_build_legend  (StrataBuilder *b);

/* strata-layout-levels.c: per layer, the arrow a U draws it as, or
 * none. Down from one level to the next (pool_arrows): a pooling with no
 * parameters that makes a map smaller, keeping its channels, whose one
 * reader is all that reads it and whose input others read too (the
 * level's last layer, whose skip edge leaves beside it). Up into the
 * merge of the level above (up_arrows): an upsampling that makes the map
 * larger, whose one reader is a merge and whose input it alone reads
 * (the level's last block, on its right). Only those of the kinds asked
 * for (@down, @up) are marked; NULL when no layer is. */
typedef enum
{
  STRATA_ARROW_NONE,
  STRATA_ARROW_DOWN,
  STRATA_ARROW_UP,
} StrataArrowKind;

guint8       *strata_layout_find_arrows    (StrataNetwork *network,
                                            gboolean       down,
                                            gboolean       up);

/* strata-layout.c: strata_layout_new(), asking @keep, once the blocks
 * are placed, whether to go on with the title's width and the legend: a
 * layout it refuses is of no use but to be freed. */
typedef gboolean (*StrataLayoutKeepFunc) (StrataLayout *layout,
                                          gpointer      user_data);
StrataLayout *strata_layout_new_trial      (StrataNetwork             *network,
                                            const StrataRenderOptions *options,
                                            StrataLayoutKeepFunc       keep,
                                            gpointer                   keep_data);

/* Told before each trial of a page's fit: the trials made, those the
 * searches begun so far plan (a search may end early), and whether the
 * best so far has the page's least type, when the fit ends with the
 * search that runs; else more searches follow. */
typedef void (*StrataFitProgressFunc) (guint     done,
                                       guint     planned,
                                       gboolean  reached,
                                       gpointer  user_data);

/* strata-layout-page.c: strata_layout_new_for_page_cancellable(), every
 * trial finished without @bounded, to check that leaving those that
 * cannot be chosen unfinished chooses the same layout; @progress (may be
 * NULL) is told how far the fit is. */
StrataLayout *strata_layout_fit_page       (StrataNetwork             *network,
                                            const StrataRenderOptions *options,
                                            gboolean                   bounded,
                                            GCancellable              *cancellable,
                                            StrataFitProgressFunc      progress,
                                            gpointer                   progress_data,
                                            StrataPageFit             *fit,
                                            GError                   **error);

G_END_DECLS
