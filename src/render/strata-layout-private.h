/* strata-layout-private.h: the inside of a StrataLayout, shared by its builder, its drawing, export and tests. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "strata-render.h"

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
} StrataRgb;

typedef struct
{
  StrataRgb background;
  StrataRgb text;
  StrataRgb secondary;   /* shapes, details, notes */
  StrataRgb arrow;
  StrataRgb error;
  StrataRgb accent;      /* the selected layer */
  StrataRgb placeholder; /* a layer without a shape */
  gboolean  black_edges; /* outlines in black instead of a darker fill */
  double    edge_width;
  double    top_tint;    /* how much white lightens a block's top face */
} StrataThemeColors;

const StrataThemeColors *strata_theme_get_colors     (StrataTheme          theme);
/* @colors as the desktop's high-contrast setting wants them. */
void                     strata_theme_colors_for_high_contrast (StrataThemeColors *colors);
const StrataRgb         *strata_category_get_color   (StrataLayerCategory  category);

static inline StrataRgb
strata_rgb_mix (const StrataRgb *a,
                const StrataRgb *b,
                double           t)
{
  return (StrataRgb) { a->red + (b->red - a->red) * t,
                       a->green + (b->green - a->green) * t,
                       a->blue + (b->blue - a->blue) * t };
}

/* The outline of a shape filled with @fill: black for print, else a
 * darker shade of the fill. */
static inline StrataRgb
strata_outline_color (const StrataThemeColors *colors,
                      const StrataRgb         *fill)
{
  static const StrataRgb black = { 0, 0, 0 };

  if (colors->black_edges)
    return black;
  return strata_rgb_mix (fill, &black, 0.6);
}

/* What a rectangle of the layout holds, for tests of overlaps and bounds. */
typedef enum
{
  STRATA_BOX_BLOCK,   /* a block or bar, with its bands; a layer's mark in the bars style */
  STRATA_BOX_LABEL,   /* the text under a block, or a row of the bars style */
  STRATA_BOX_TITLE,
  STRATA_BOX_LEGEND,
  STRATA_BOX_MERGE,   /* a merge's node, with its bands */
  STRATA_BOX_EDGE,    /* a segment of an arrow, or its head */
  STRATA_BOX_GROUP,   /* a group's bracket and its name */
} StrataBoxKind;

typedef struct
{
  StrataBoxKind     kind;
  int               position; /* layer, STRATA_LAYOUT_INPUT or STRATA_LAYOUT_NONE; an edge's source */
  int               target;   /* an edge's target layer; else position */
  cairo_rectangle_t rect;
  gboolean          turned;   /* a label turned along a block's edge, its width: rect
                               * bounds the corners strata_column_get_dimension_quad()
                               * gives */
} StrataLayoutBox;

/* Which sizes of a block were cut down by the maximum clamp. */
typedef enum
{
  STRATA_CLAMPED_THICKNESS = 1 << 0,
  STRATA_CLAMPED_HEIGHT    = 1 << 1,
  STRATA_CLAMPED_DEPTH     = 1 << 2,
} StrataClampedFlags;

/* Sizes of the block drawn for one column, in points before projection. */
typedef struct
{
  double             thickness; /* channels, along x (without bands) */
  double             height;    /* H, or a vector's length */
  double             depth;     /* W, drawn receding at STRATA_OBLIQUE_FACTOR */
  StrataClampedFlags clamped;
  gboolean           is_vector;
  gboolean           is_placeholder;
  guint              n_bands;   /* activation, normalization, dropout slices after it */
} StrataBlockSize;

/* The receding axis is drawn at 45° and half scale (a cabinet projection). */
#define STRATA_OBLIQUE_FACTOR 0.5

/* Arrows: the line, the head's length, and the room left between an
 * arrow's ends and the blocks it joins. */
#define STRATA_ARROW_WIDTH 2.5
#define STRATA_ARROW_HEAD  11.0
#define STRATA_ARROW_SPACE 6.0
/* The lines of the bars style's graph. */
#define STRATA_GUTTER_LINE 2.0

guint                    strata_layout_get_n_boxes   (StrataLayout    *layout);
const StrataLayoutBox   *strata_layout_get_box       (StrataLayout    *layout,
                                                      guint            index);
/* The block drawn for @position; FALSE when it has none (a band of another
 * layer's block, or the bars style). */
gboolean                 strata_layout_get_block_size (StrataLayout   *layout,
                                                       int             position,
                                                       StrataBlockSize *size);
guint                    strata_layout_get_n_rows    (StrataLayout    *layout);
gboolean                 strata_layout_is_folded     (StrataLayout    *layout);
double                   strata_layout_get_zoom      (StrataLayout    *layout);
/* TRUE when some block was cut by a clamp, so the legend explains the mark. */
gboolean                 strata_layout_has_clamped   (StrataLayout    *layout);

/* For export's SVG metadata: the text of each column's labels. */
typedef void (*StrataLayoutLabelFunc) (int                      position,
                                       const char              *name,
                                       const char              *shape,
                                       guint64                  params,
                                       const cairo_rectangle_t *bounds,
                                       gpointer                 user_data);
void                     strata_layout_foreach_label (StrataLayout          *layout,
                                                      StrataLayoutLabelFunc  func,
                                                      gpointer               user_data);
/* The network's name as a label shows it (see strata_render_label_text()). */
const char              *strata_layout_get_title     (StrataLayout    *layout);
const StrataRenderOptions *strata_layout_get_options (StrataLayout    *layout);

/* Below: the layout's own structures, shared by the files that build
 * them (strata-layout-build-private.h lists them) and
 * strata-layout-draw.c, which draws them. */

typedef enum
{
  STRATA_LINE_NAME,
  STRATA_LINE_CAPTION,  /* the layer's own caption, when it has one */
  STRATA_LINE_SHAPE,    /* or the error of a layer without a shape */
  STRATA_LINE_DETAILS,  /* kernel, activation and the bands: "5 × 5 · ReLU" */
  STRATA_LINE_PARAMS,
  STRATA_LINE_FIELD,    /* the receptive field, when the options ask for it */
  STRATA_N_LINES
} StrataLabelLine;

/* A thin slice after a block: a layer that keeps the shape (activation,
 * normalization, dropout) or a convolution's own activation. */
typedef struct
{
  int                 position;
  StrataLayerCategory category;
  StrataRgb           fill;         /* the layer's own colour, or its category's */
} StrataBand;

/* A label's logical extents; @x is where its ink starts. */
typedef struct
{
  double x;
  double width;
  double height;
} StrataTextSize;

/* A block's dimensions as written on its edges: its height left of its
 * front face, its channels under it, its width under the receding side. */
typedef enum
{
  STRATA_DIMENSION_HEIGHT,
  STRATA_DIMENSION_CHANNELS,
  STRATA_DIMENSION_WIDTH,
  STRATA_N_DIMENSIONS
} StrataDimension;

/* One block, or a merge's node, with its bands and its labels. */
typedef struct
{
  int                 position;
  StrataLayerCategory category;
  StrataRgb           fill;         /* the layer's own colour, or its category's */
  gboolean            is_merge;     /* a small node with its operation's glyph */
  StrataLayerKind     kind;
  StrataBlockSize     size;
  StrataShape         shape;        /* valid when has_shape */
  gboolean            has_shape;
  gboolean            has_error;    /* the placeholder of the layer that failed */
  guint               first_band;   /* into StrataLayout.bands */
  guint64             params;       /* of the block's layer and its band layers */
  guint64             in_height;    /* input of this column's layer, for kernel markers */
  guint64             in_width;
  guint               kernel_h;     /* window; 0 when the layer has none */
  guint               kernel_w;
  int                 kernel_from;  /* the column drawn just before it that it reads, or -1 */
  gboolean            kernel_back;  /* that column is drawn right of it, the second of two
                                     * rows facing each other running right to left */
  guint               group_end;    /* a user's group drawn as this one block: past its
                                     * last layer; else 0 */

  double              x, y;         /* top-left of the front face */
  double              dx, dy;       /* the projected depth: right and up */
  double              total_thickness;
  double              block_width;  /* total_thickness + dx */
  double              label_width;
  double              label_height; /* with group_space */
  double              group_space;  /* under the text, for its group's bracket */
  double              label_gap;    /* to the next column's labels, and blocks: */
  double              block_gap;    /* less in the compact row */
  double              block_lead;   /* room before the block, for its height on its edge */
  double              block_trail;  /* after it, for the width under its side */
  double              top_space;    /* over the text (in label_height), for dimensions */
  gboolean            leaves_down;  /* top to bottom: the edge out of it goes down from its
                                     * middle, which its dimensions keep clear of */
  guint               row;
  /* Where it was placed from: its centre, its row's axis and labels' top
   * (strata_placer_finish_column()). */
  double              placed_cx;
  double              placed_axis;
  double              placed_label_y;

  PangoLayout        *lines[STRATA_N_LINES];
  StrataTextSize      line_size[STRATA_N_LINES];
  double              line_x[STRATA_N_LINES];
  double              line_y[STRATA_N_LINES];

  PangoLayout        *dims[STRATA_N_DIMENSIONS]; /* on the edges, when the options ask */
  StrataTextSize      dim_size[STRATA_N_DIMENSIONS];

  cairo_rectangle_t   block_rect;
  cairo_rectangle_t   label_rect;
  cairo_rectangle_t   bounds;
} StrataColumn;

typedef struct
{
  guint  first;
  guint  n;
  double top;
  double axis;      /* the horizontal line through the middle of every block */
  /* Top to bottom, a row is a column of the page: top and bottom are its
   * extent down the page, axis and label_y x's. */
  double label_y;
  double bottom;
  guint  first_edge; /* the edges within the row, drawn under its blocks */
  guint  n_edges;
  guint  n_exits;    /* then the edges into the next row, after its labels */
  double right;      /* of its columns, in rows of blocks placed left to right */
} StrataRow;

typedef struct
{
  double x;
  double y;
} StrataPoint;

/* An arrow from the layer whose output it carries to a layer that reads
 * it: a polyline of horizontal and vertical segments. */
typedef struct
{
  int                 from;         /* layer positions, or STRATA_LAYOUT_INPUT */
  int                 to;
  guint               first_point;  /* into StrataLayout.points */
  guint               n_points;
  gboolean            head;         /* FALSE when another edge draws the same head */
  cairo_rectangle_t   bounds;
  guint               arrow;        /* the StrataArrowLayer it draws, plus one; 0: none */
} StrataEdge;

/* A layer drawn as an edge (pool_arrows, up_arrows), wider than the
 * others, in its colour. */
typedef struct
{
  int                 position;
  StrataRgb           fill;
  guint               wide_from;    /* its first line drawn wide: 1 where the line out
                                     * of its block is a skip edge's too */
} StrataArrowLayer;

#define STRATA_LAYER_ARROW_WIDTH 6.0
#define STRATA_LAYER_ARROW_HEAD  15.0

/* A layer's place in the bars style's graph: a dot, or a merge's glyph. */
typedef struct
{
  int                 position;
  StrataLayerCategory category;
  StrataRgb           fill;
  StrataLayerKind     kind;
  gboolean            is_merge;
  gboolean            failed;
  double              x, y;
  double              radius;
} StrataMarker;

/* One line of the bars style. */
typedef struct
{
  int                 position;
  StrataLayerCategory category;
  StrataRgb           fill;
  gboolean            failed;       /* no shape */
  gboolean            has_error;    /* the layer that failed, not one after it */
  PangoLayout        *name;
  PangoLayout        *shape;
  PangoLayout        *values[2];    /* activation size, params */
  double              lengths[2];
  guint64             params;
  double              y;
  double              height;
  cairo_rectangle_t   rect;
} StrataBarRow;

/* One unit of a run of repeated layers (see strata_network_find_repeats()),
 * drawn as a bracket under its blocks' labels with its name ("B2"): one
 * bracket per row it is in. A collapsed run is one group, its first
 * unit, named with its count ("B × 3"). A group a user made is drawn
 * the same way, under its own name, or, collapsed, as one block. */
typedef struct
{
  guint               first;        /* layer positions */
  guint               end;
  guint               pattern;      /* STRATA_GROUP_USER for a group a user made,
                                     * STRATA_GROUP_MODULE for a module a page drew */
  guint               n_units;      /* 1, or the units of a collapsed run */
  gboolean            block;        /* a user's group or a module drawn as one block,
                                     * without a bracket */
  PangoLayout        *name;
} StrataGroup;
#define STRATA_GROUP_USER G_MAXUINT
#define STRATA_GROUP_MODULE (G_MAXUINT - 1)

/* Top to bottom, a bracket is turned: its ends are along y, its line at
 * x = y, its ticks back to rect.x. */
typedef struct
{
  guint               group;
  double              x0, x1;       /* the bracket's ends */
  double              y;            /* its line */
  double              name_x, name_y;
  cairo_rectangle_t   rect;
} StrataBracket;

/* A swatch of a category's colour or of layers' own colour, or the glyph
 * of a kind of merge. */
typedef struct
{
  StrataLayerCategory category;
  StrataRgb           fill;
  gboolean            is_glyph;
  gboolean            is_arrow;     /* of the layers drawn as edges (StrataArrowLayer) */
  gboolean            points_up;    /* of those drawn as a U's arrows up */
  StrataLayerKind     kind;
  PangoLayout        *label;
  double              x, y;
} StrataLegendEntry;

/* What a column's labels were made from (strata-layout-reuse.c): its
 * layer, and @length bytes of StrataLayout.key_bytes from @offset. */
typedef struct
{
  StrataLayer        *layer;        /* not held: only compared */
  guint               offset;
  guint               length;       /* 0: not kept, in a layout told what changed */
  gboolean            grouped;      /* under a group's bracket */
} StrataLabelKey;

/* A layout's columns are kept in chunks of this many, which the layout
 * after an edit shares with the one before, by reference, as long as
 * none of their columns changes: copying 100,000 columns taken whole
 * (about 700 bytes each) into the new layout's array was a quarter of a
 * large network's edit, and comparing them for the damage a sixth. */
#define STRATA_COLUMN_CHUNK 256

typedef struct
{
  gint         ref_count;   /* atomic: layouts may be freed in another thread */
  StrataColumn columns[STRATA_COLUMN_CHUNK];
} StrataColumnChunk;

struct _StrataLayout
{
  gatomicrefcount      ref_count;
  StrataRenderOptions  options;
  double               zoom;        /* see strata_render_zoom_for(), times block_scale */
  double               smallest_type; /* points, see strata_layout_get_smallest_type() */
  double               width;
  double               height;

  PangoContext        *context;
  /* The tables of the label cache that own the shared labels it shows
   * (columns' lines, bar rows' texts), which it therefore holds no
   * reference to: referencing and releasing each label touched memory
   * of its own per label, which grew the layout of a large network
   * faster than its layers. */
  GPtrArray           *label_tables;
  char                *title_text;
  PangoLayout         *title;
  PangoLayout         *subtitle;
  double               title_x, title_y;
  double               subtitle_x, subtitle_y;

  GPtrArray           *chunks;      /* StrataColumnChunk, held: see strata_layout_column() */
  guint                n_columns;
  GArray              *label_keys;  /* StrataLabelKey, per column; NULL in the bars style */
  /* The StrataGraph it was placed from, for the layout after an edit to
   * take; NULL once taken, or in a layout not made to be followed. */
  gpointer             graph;
  GArray              *key_bytes;   /* guint8 */
  GArray              *bands;       /* StrataBand */
  GArray              *rows;        /* StrataRow */
  guint                rows_taken;  /* of them, as they were in the layout before an edit */
  /* Per column, its kernel_from * 2 + kernel_back, or -1, as placing
   * wrote them: read by the layout after an edit without its columns. */
  int                 *kernels;
  double               connector_left;  /* x of the line that leads into the next row */
  gboolean             folded;      /* two rows facing each other (strata-layout-fold.c), or a
                                     * U by levels (strata-layout-levels.c) */
  GArray              *edges;       /* StrataEdge, by row */
  GArray              *points;      /* StrataPoint, of the edges */
  GArray              *arrows;      /* StrataArrowLayer, or NULL when no layer is an edge */

  GArray              *bar_rows;    /* StrataBarRow */
  PangoLayout         *bar_headers[4];
  double               bar_header_x[4];
  double               bar_header_y;
  double               bar_x[2];    /* where the two bars start */
  double               bar_length;
  GArray              *markers;     /* StrataMarker, one per bar row when the network branches */

  PangoLayout         *glyphs[STRATA_N_LAYER_KINDS]; /* see strata_merge_glyph_text() */

  GArray              *groups;      /* StrataGroup */
  GArray              *brackets;    /* StrataBracket */
  PangoLayout         *group_note;  /* the legend's line of what each group repeats */
  double               group_note_x, group_note_y;

  GArray              *legend;      /* StrataLegendEntry */
  PangoLayout         *legend_note;
  double               legend_note_x, legend_note_y;
  PangoLayout         *break_note;
  double               break_note_x, break_note_y;
  gboolean             has_clamped;
  gboolean             own_colors;  /* some layer drawn in a colour of its own */

  cairo_rectangle_t    title_rect;  /* when there is a title */
  cairo_rectangle_t    legend_rect; /* when there is a legend */
  GArray              *boxes;       /* StrataLayoutBox, made when first asked for */
};

/* Column @index, to read. */
static inline const StrataColumn *
strata_layout_column (StrataLayout *layout,
                      guint         index)
{
  const StrataColumnChunk *chunk = g_ptr_array_index (layout->chunks, index / STRATA_COLUMN_CHUNK);

  return &chunk->columns[index % STRATA_COLUMN_CHUNK];
}

static inline guint
strata_layout_n_columns (StrataLayout *layout)
{
  return layout->n_columns;
}

/* strata-layout-chunks.c: column @index, to change: its chunk is copied
 * first when another layout shares it. */
StrataColumn *strata_layout_column_mut   (StrataLayout       *layout,
                                          guint               index);
/* @column, not placed yet, appended; or, with @column NULL, the column
 * of the layout @shared (may be NULL) at the same index taken as it is,
 * as is that column when @column is it but for where it was placed: the
 * chunk it is in stays shared, unless it was copied already, and then
 * holds it too. */
void          strata_layout_add_column   (StrataLayout       *layout,
                                          StrataLayout       *shared,
                                          const StrataColumn *column);
/* Whether the two layouts hold the same chunk @chunk: its columns are then
 * the same, bands included. */
/* Whether columns @first to @first + @n of @layout are those of
 * @before, where they were placed included, but for the kernels they
 * draw, which placing writes last. */
gboolean      strata_layout_same_columns (StrataLayout       *layout,
                                          StrataLayout       *before,
                                          guint               first,
                                          guint               n);
gboolean      strata_layout_same_chunk   (StrataLayout       *a,
                                          StrataLayout       *b,
                                          guint               chunk);
/* No columns yet, room for the chunks of about @n_columns. */
void          strata_layout_init_chunks  (StrataLayout       *layout,
                                          guint               n_columns);
void          strata_layout_free_chunks  (StrataLayout       *layout);

/* The widest any text from a name is drawn, in points, however long the
 * name: a layer's name under its block wraps onto at most
 * STRATA_NAME_LINES lines of STRATA_NAME_WIDTH; the line of details under
 * it (which may name a layer) and a name in the bars style take one line
 * of STRATA_LABEL_WIDTH; the title takes one line as wide as the drawing,
 * or STRATA_TITLE_WIDTH when the drawing is narrower. Longer text ends in
 * "…". */
#define STRATA_NAME_WIDTH  170.0
#define STRATA_NAME_LINES  2
#define STRATA_LABEL_WIDTH 340.0
#define STRATA_TITLE_WIDTH 960.0

#define STRATA_BAND_THICKNESS 6.0
#define STRATA_LEGEND_SWATCH 16.0
#define STRATA_LEGEND_GLYPH  20.0  /* a merge's disc in the legend */

/* A merge's node: a disc this wide, and its bands this tall. */
#define STRATA_MERGE_SIZE 30.0
#define STRATA_MERGE_BAND_HEIGHT 20.0

/* How many of @column's bands are drawn under options.revealed. */
guint       strata_column_n_revealed_bands (StrataLayout       *layout,
                                            const StrataColumn *column);

/* strata-layout-draw-blocks.c: the window of @c's kernel on @prev, the
 * block it reads (kernel_from), as the corners of a parallelogram on the
 * H × W face of @prev that its input leaves by (the side facing right, or
 * with kernel_back its left end), and the point of @c the pyramid from it
 * meets, on the face that input comes in by; FALSE when none is drawn. */
gboolean    strata_column_get_kernel_marker  (const StrataColumn *prev,
                                              const StrataColumn *c,
                                              StrataPoint         corners[4],
                                              StrataPoint        *apex);

/* strata-layout-dimensions.c: where a block's @dimension is written, when
 * it is; and drawing them. */
gboolean    strata_column_get_dimension_rect (const StrataColumn *c,
                                              StrataDimension     dimension,
                                              cairo_rectangle_t  *rect);
/* Whether it is turned along the edge it is written at (the width, along
 * the receding side's lower edge), and its text's corners, clockwise from
 * where its text starts: its rect is their bounds. */
gboolean    strata_column_dimension_is_turned (const StrataColumn *c,
                                               StrataDimension     dimension);
gboolean    strata_column_get_dimension_quad (const StrataColumn *c,
                                              StrataDimension     dimension,
                                              StrataPoint         corners[4]);
void        strata_draw_dimensions  (cairo_t                 *cr,
                                     const StrataThemeColors *colors,
                                     const StrataColumn      *column);

/* strata-layout-draw-graph.c: merges, and the graph of the bars style. */

/* The abbreviation a merge's node shows, for the merges whose operation
 * has no sign of its own; NULL for the others, which are drawn. */
const char *strata_merge_glyph_text (StrataLayerKind kind);
/* A merge's disc of @radius at (@x, @y) with its glyph. */
void        strata_draw_merge_disc  (cairo_t                 *cr,
                                     StrataLayout            *layout,
                                     const StrataThemeColors *colors,
                                     StrataLayerKind          kind,
                                     double                   x,
                                     double                   y,
                                     double                   radius);
/* A merge's node and its bands. */
void        strata_draw_merge_node  (cairo_t                 *cr,
                                     StrataLayout            *layout,
                                     const StrataThemeColors *colors,
                                     const StrataColumn      *column);
/* The bars style's graph, when the network branches. */
void        strata_draw_gutter      (cairo_t                 *cr,
                                     StrataLayout            *layout,
                                     const StrataThemeColors *colors);

G_END_DECLS
