/* strata-canvas-private.h: what the parts of StrataCanvas share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-canvas.h"

G_BEGIN_DECLS

#define ZOOM_MIN 0.05
#define ZOOM_MAX 8.0
#define MARGIN 24.0
/* The window's zoom buttons float over the canvas's bottom right corner
 * (34 pixels high, 12 from the edge): a drawing that fits stays above
 * them, so they never cover a label. */
#define MARGIN_BOTTOM 64.0

struct _StrataCanvas
{
  GtkWidget            parent_instance;

  StrataNetwork       *network;
  StrataLayout        *layout;
  /* The network or the options changed since the layout was built. The
   * next frame builds a new one, once however many changes came; until
   * then pointer events hit-test the old one. */
  gboolean             layout_stale;
  /* What changed in the network since the layout was built, as its
   * signals told, for the next layout to take the rest from it; and the
   * network's count of recomputes heard (strata_network_get_last_recompute()).
   * changes_known is FALSE when what changed is not known. */
  StrataLayoutChanges  changes;
  gboolean             changes_known;
  guint64              recomputes;
  /* Counts the layouts built, so that what was made of one can tell. */
  guint                layout_serial;
  /* options.selected stays STRATA_LAYOUT_NONE: the canvas draws the
   * selection itself, so that selecting needs no new layout. */
  StrataRenderOptions  options;
  int                  selected;
  /* The list's range, framed as the selected block is; NONE for none. */
  int                  range_first;
  int                  range_last;

  /* The drawing as last painted, reused while neither the layout nor the
   * view changes: hovering and selecting then draw only their frames. A
   * GL renderer gets it as a texture, which it uploads once; the cairo
   * renderer as a cairo node, which it skips where nothing changed
   * (it would copy a texture's pixels on every frame of the window). */
  cairo_surface_t     *cache;
  GdkTexture          *cache_texture;
  StrataLayout        *cache_layout;
  double               cache_zoom;
  double               cache_x;
  double               cache_y;
  int                  cache_width;
  int                  cache_height;
  int                  cache_scale;

  /* Layouts and drawings replaced during a frame, freed after it: freeing
   * thousands of text layouts and megabytes of pixels costs milliseconds
   * that the frame showing an edit does not need to wait for. */
  GPtrArray           *old_layouts;
  GPtrArray           *old_drawings;
  guint                release_id;
  /* An old drawing nothing else holds, to draw the next one in: a new
   * surface of this size costs a page fault every 4 kB. */
  cairo_surface_t     *spare;

  double               zoom;
  double               offset_x;
  double               offset_y;
  gboolean             fit;
  gboolean             reveal_selected;
  guint                notify_zoom_id;
  /* The size the wrap width was chosen for; 0 to choose again. */
  int                  wrap_for_width;
  int                  wrap_for_height;

  int                  hover;
  double               pointer_x;
  double               pointer_y;
  double               drag_start_x;
  double               drag_start_y;
  gboolean             dragging;

  /* The blocks in view as child widgets (strata-canvas-blocks.c): the
   * layout and view they were placed for, the idle placing them again,
   * and whether the selected one takes the focus then. */
  guint                blocks_serial;
  double               blocks_zoom;
  double               blocks_x;
  double               blocks_y;
  guint                blocks_idle_id;
  gboolean             focus_block;
};

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_SELECTED,
  PROP_THEME,
  PROP_DIAGRAM_STYLE,
  PROP_SCALE_MODE,
  PROP_SHORT_NUMBERS,
  PROP_GROUP_REPEATS,
  PROP_COLLAPSE_REPEATS,
  PROP_ARRANGEMENT,
  PROP_ZOOM,
  N_PROPS
};

enum {
  LAYER_ACTIVATED,
  N_SIGNALS
};

extern GParamSpec *strata_canvas_properties[N_PROPS];
extern guint strata_canvas_signals[N_SIGNALS];

/* strata-canvas.c: the layout of the network, built again by the first
 * frame after a change. */
StrataLayout *strata_canvas_ensure_layout      (StrataCanvas *self);

/* strata-canvas-drawing.c: the drawing, cached between frames. */
void          strata_canvas_snapshot           (GtkWidget    *widget,
                                                GtkSnapshot  *snapshot);
/* Frees @data (a layout or a drawing, in @array) after the frame. */
void          strata_canvas_release_later      (StrataCanvas *self,
                                                GPtrArray    *array,
                                                gpointer      data);
/* Frees the drawing and whatever waits to be freed, now. */
void          strata_canvas_clear_drawings     (StrataCanvas *self);

/* strata-canvas-view.c: zoom, scrolling, the pointer and the keys. */
void          strata_canvas_apply_fit          (StrataCanvas *self);
void          strata_canvas_clamp_offsets      (StrataCanvas *self);
void          strata_canvas_reveal_selected    (StrataCanvas *self);
void          strata_canvas_class_init_view    (GtkWidgetClass *widget_class);
void          strata_canvas_init_view          (StrataCanvas *self);

/* strata-canvas-blocks.c: the blocks in view, for screen readers. */
void          strata_canvas_allocate_blocks    (StrataCanvas *self);
/* After a frame: places the blocks again if the view moved. */
void          strata_canvas_check_blocks       (StrataCanvas *self);
void          strata_canvas_follow_selection   (StrataCanvas *self);
gboolean      strata_canvas_focus              (GtkWidget        *widget,
                                                GtkDirectionType  direction);
/* The range selected changed: the blocks of it say so. */
void          strata_canvas_update_blocks_selected (StrataCanvas *self);
void          strata_canvas_dispose_blocks     (StrataCanvas *self);

/* What a group drawn as one block shows (strata_layout_get_collapsed_group()):
 * "Group of 5 layers", its blocks' kinds ("Conv × 2 · Add"), its last
 * layer's output shape, or the error of the first of its layers that
 * failed, all its layers' parameters, and their MACs: "231,211,008", or
 * "≥ 1,024" when some are opaque layers, whose MACs are unknown, "?" when
 * all are. */
typedef struct
{
  char    *what;
  char    *kinds;
  char    *output;
  guint64  params;
  char    *macs;
} StrataGroupFacts;

void          strata_canvas_group_facts        (StrataNetwork               *network,
                                                const StrataLayoutGroupInfo *info,
                                                StrataGroupFacts            *facts);
void          strata_group_facts_clear         (StrataGroupFacts            *facts);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StrataGroupFacts, strata_group_facts_clear)
/* Of a layer of a run drawn once: "B × 3: drawn once for 3 repeats". */
char         *strata_canvas_dup_run_note       (const StrataLayoutGroupInfo *info);

/* strata-canvas-view.c: the tooltip's markup for the block of @position. */
char         *strata_canvas_dup_tooltip        (StrataCanvas *self,
                                                int           position);

G_END_DECLS
