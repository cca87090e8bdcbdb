/* strata-layout-place-private.h: what placing a layout's columns, lanes and edges shares. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-layout-build-private.h"

G_BEGIN_DECLS

/* What placing a layout needs at hand. */
typedef struct
{
  StrataBuilder *b;
  StrataLayout  *self;
  StrataGraph   *graph;
  double        *cx;      /* per node */
  double        *axis;
  double        *label_y;
  guint         *row;
  double         x0;      /* where a row's nodes start */
  double         xl;      /* the line that leads into a row */
  /* Per node, the column whose kernel it draws, or -1, and whether it
   * is drawn right of it: written to the columns last, only where they
   * change, so that the chunks of columns a layout shares stay shared. */
  int           *kernel_from;
  gboolean      *kernel_back;
  /* Per row, whether it is the row of the layout before as it was, where
   * it was: its nodes are not placed again, and read from their columns
   * (strata_placer_take_node()); NULL when none is. */
  const gboolean *kept;
  /* The layout before, when its rows hold the same nodes as these: its
   * edges between kept rows are taken as they were. */
  StrataLayout  *before;
} StrataPlacer;

/* Where @node was placed, when its row is kept. */
static inline void
strata_placer_take_node (StrataPlacer *p,
                         guint         node)
{
  if (p->kept != NULL && p->kept[p->row[node]])
    {
      const StrataColumn *c = strata_layout_column (p->self, node);

      p->cx[node] = c->placed_cx;
      p->axis[node] = c->placed_axis;
      p->label_y[node] = c->placed_label_y;
    }
}

static inline const StrataColumn *
strata_placer_column (StrataPlacer *p,
                      int           node)
{
  return strata_layout_column (p->self, node);
}

/* The room a block's dimensions take beside it keeps it centred. */
static inline double
strata_column_width (const StrataColumn *c)
{
  return MAX (c->block_width + 2 * MAX (c->block_lead, c->block_trail), c->label_width);
}

/* Distance between the centres of neighbouring columns: their labels must
 * not touch and their blocks must leave room for an arrow. */
static inline double
strata_column_distance (const StrataColumn *a,
                        const StrataColumn *b)
{
  return MAX ((strata_column_width (a) + strata_column_width (b)) / 2 + a->label_gap,
              (a->block_width + b->block_width) / 2 + a->block_gap + b->block_lead);
}

/* strata-layout-lanes.c: the geometry of lanes, their spans and extents. */
double  strata_placer_join_reach      (const StrataColumn    *c);
double  strata_placer_fork_bus        (const StrataColumn    *c,
                                       double                 cx);
double  strata_placer_span_section    (StrataPlacer          *p,
                                       StrataSection         *section,
                                       int                    fork,
                                       int                    join);
void    strata_placer_place_section   (StrataPlacer          *p,
                                       StrataSection         *section,
                                       int                    fork,
                                       double                 fork_x,
                                       int                    join,
                                       double                 join_x);
void    strata_placer_axis_extents    (StrataPlacer          *p,
                                       StrataTrack           *track,
                                       double                *above,
                                       double                *below,
                                       double                *label_h);
void    strata_placer_measure_section (StrataPlacer          *p,
                                       StrataSection         *section,
                                       double                 label_bottom,
                                       int                    junction);
void    strata_placer_assign_section  (StrataPlacer          *p,
                                       StrataSection         *section,
                                       double                 axis,
                                       double                 label_y,
                                       guint                  row);
double  strata_placer_arc_y           (StrataPlacer          *p,
                                       const StrataGraphEdge *edge);

/* strata-layout-place.c: where node @node's column is drawn, from
 * where it was placed; changed only if it moved. Returns its right. */
double  strata_placer_finish_column   (StrataPlacer          *p,
                                       int                    node);

/* strata-layout-edges.c: the polylines of edges. */
void    strata_placer_route_edges     (StrataPlacer          *p);
void    strata_placer_edge_bounds     (StrataLayout          *self,
                                       StrataEdge            *edge);
/* Node @to's kernel drawn on node @from, when it reads only that; @back
 * when @from is drawn right of it (StrataColumn.kernel_back). */
void    strata_placer_set_kernel      (StrataPlacer          *p,
                                       guint                  from,
                                       guint                  to,
                                       gboolean               back);

/* strata-layout-fold.c: where a graph's skip edges nest, each one a
 * fork and the merge it feeds, like parentheses around the innermost
 * lane; the graph in two rows facing each other. Both FALSE, placing
 * nothing, when it does not fold. */
typedef struct
{
  GArray *forks;     /* guint nodes, outermost first */
  GArray *merges;
  guint   n_first;   /* nodes in the first row of two: 0 .. n_first - 1 */
} StrataFold;

gboolean strata_placer_find_fold      (StrataGraph           *graph,
                                       StrataFold            *fold);
gboolean strata_placer_fold           (StrataPlacer          *p);
void     strata_placer_add_edge       (StrataPlacer          *p,
                                       guint                  from,
                                       guint                  to,
                                       const StrataPoint     *points,
                                       guint                  n_points,
                                       gboolean               head);

/* strata-layout-levels.c: the same graph as a U, a row per level of the
 * nesting; FALSE, placing nothing, when it does not fold. */
gboolean strata_placer_levels         (StrataPlacer          *p);

G_END_DECLS
