/* strata-layout-gutter.c: the bars style's graph: a column per lane, left of the rows. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "strata-layout-build-private.h"

#define GUTTER_STEP  20.0  /* between the columns of the graph */
#define GUTTER_GAP   14.0  /* between the graph and the rows */
#define DOT_RADIUS   4.5
#define MERGE_RADIUS 9.0
#define MARK_GAP     1.5   /* between a line's end and a mark */

static guint alloc_track (StrataGraph *graph,
                          StrataTrack *track,
                          guint        column);

/* A section's columns: its main lane's (and what is nested in it) next
 * to its track's, then its other lanes', then one per arc. Whatever
 * runs beside a lane is further out than what is inside it, so that a
 * line from a lane to its join crosses none that is still running. */
static guint
alloc_section (StrataGraph   *graph,
               StrataSection *section,
               guint          column)
{
  guint next = column + 1;

  for (guint l = 0; l < section->lanes->len; l++)
    {
      StrataTrack *lane = strata_graph_lane (graph, section, l);

      if ((int) l == section->main)
        next = column + alloc_track (graph, lane, column);
    }
  for (guint l = 0; l < section->lanes->len; l++)
    {
      StrataTrack *lane = strata_graph_lane (graph, section, l);

      if ((int) l != section->main)
        next += alloc_track (graph, lane, next);
    }
  section->gutter = next;
  return next + section->n_arcs - column;
}

/* A track's column and how many it takes, its arcs' included: sections
 * one after another share the columns after it. */
static guint
alloc_track (StrataGraph *graph,
             StrataTrack *track,
             guint        column)
{
  guint width = 1 + (track->fallback ? track->n_levels : 0);

  track->gutter = column;
  for (guint i = 0; i < track->items->len; i++)
    {
      int item = g_array_index (track->items, int, i);

      if (item < 0)
        {
          guint section = alloc_section (graph, strata_graph_section (graph, ~item), column);

          width = MAX (width, section);
        }
    }
  return width;
}

double
strata_builder_gutter_width (StrataBuilder *b)
{
  if (b->graph->is_chain)
    return 0;
  return alloc_track (b->graph, strata_graph_track (b->graph, 0), 0) * GUTTER_STEP + GUTTER_GAP;
}

static double
column_x (int column)
{
  return MARGIN + GUTTER_STEP / 2 + column * GUTTER_STEP;
}

static const StrataMarker *
marker_of (StrataLayout *self,
           int           position)
{
  /* One mark per row, the input's first. */
  return &g_array_index (self->markers, StrataMarker, position + 1);
}

static void
add_point (StrataLayout *self,
           double        x,
           double        y)
{
  StrataPoint point = { x, y };

  g_array_append_val (self->points, point);
}

/* A line from the layer at @from down to the layer at @to. It leaves its
 * source's row to the right when it goes to another column (a fork, or
 * an arc along a column of its own), and enters its target from above,
 * coming along the top of the target's row when it comes from another
 * column: a node that joins lanes and forks again uses its row for the
 * one and the gap above it for the other. */
static void
add_edge (StrataBuilder *b,
          int            from,
          int            to,
          StrataRoute    route,
          int            column)
{
  StrataLayout *self = b->self;
  const StrataMarker *u = marker_of (self, from);
  const StrataMarker *v = marker_of (self, to);
  double top = g_array_index (self->bar_rows, StrataBarRow, to + 1).y;
  StrataEdge edge = { from, to, self->points->len, 0, FALSE, { 0 } };
  const StrataPoint *points;
  double w = STRATA_GUTTER_LINE / 2;

  if (route == STRATA_ROUTE_ARC)
    {
      add_point (self, u->x + u->radius + MARK_GAP, u->y);
      add_point (self, column_x (column), u->y);
      add_point (self, column_x (column), top);
      add_point (self, v->x, top);
    }
  else if (u->x == v->x)
    add_point (self, u->x, u->y + u->radius + MARK_GAP);
  else if (route == STRATA_ROUTE_JOIN)
    {
      add_point (self, u->x, u->y + u->radius + MARK_GAP);
      add_point (self, u->x, top);
      add_point (self, v->x, top);
    }
  else
    {
      add_point (self, u->x + u->radius + MARK_GAP, u->y);
      add_point (self, v->x, u->y);
    }
  add_point (self, v->x, v->y - v->radius - MARK_GAP);
  edge.n_points = self->points->len - edge.first_point;

  points = &g_array_index (self->points, StrataPoint, edge.first_point);
  edge.bounds = (cairo_rectangle_t) { G_MAXDOUBLE, G_MAXDOUBLE, 0, 0 };
  for (guint i = 0; i + 1 < edge.n_points; i++)
    {
      cairo_rectangle_t rect = { MIN (points[i].x, points[i + 1].x) - w,
                                 MIN (points[i].y, points[i + 1].y) - w,
                                 fabs (points[i].x - points[i + 1].x) + 2 * w,
                                 fabs (points[i].y - points[i + 1].y) + 2 * w };

      if (i == 0)
        edge.bounds = rect;
      else
        strata_rect_union (&edge.bounds, &rect);
    }
  g_array_append_val (self->edges, edge);
}

/* A mark on each bar row, in its lane's column, and the lines between
 * them: every layer to each layer that reads it. */
void
strata_builder_place_gutter (StrataBuilder *b)
{
  StrataLayout *self = b->self;
  StrataGraph *graph = b->graph;
  guint n_layers = strata_network_get_n_layers (b->network);

  if (graph->is_chain)
    return;

  for (guint i = 0; i < self->bar_rows->len; i++)
    {
      const StrataBarRow *row = &g_array_index (self->bar_rows, StrataBarRow, i);
      const StrataGraphNode *node = strata_graph_node (graph, graph->node_of[row->position + 1]);
      StrataMarker marker = { 0 };

      marker.position = row->position;
      marker.category = row->category;
      marker.fill = row->fill;
      marker.kind = row->position >= 0
                      ? strata_layer_get_kind (strata_network_get_layer (b->network, row->position))
                      : STRATA_LAYER_KIND_INPUT;
      marker.failed = row->failed;
      marker.is_merge = !row->failed && row->category == STRATA_LAYER_CATEGORY_MERGE;
      marker.radius = marker.is_merge ? MERGE_RADIUS : DOT_RADIUS;
      marker.x = column_x (strata_graph_track (graph, node->track)->gutter);
      marker.y = row->y + row->height / 2;
      g_array_append_val (self->markers, marker);
      if (marker.is_merge)
        b->used_merges[marker.kind] = TRUE;
    }

  /* Within a node: each band reads the layer before it in the node. */
  for (guint i = 0; i < n_layers; i++)
    {
      const StrataGraphNode *node = strata_graph_node (graph, graph->node_of[i + 1]);

      if (node->position != (int) i)
        add_edge (b, strata_graph_input (graph, i, 0), i, STRATA_ROUTE_STRAIGHT, 0);
    }

  for (guint e = 0; e < graph->edges->len; e++)
    {
      const StrataGraphEdge *edge = strata_graph_edge (graph, e);
      int column = 0;

      if (edge->route == STRATA_ROUTE_ARC && edge->owner >= 0)
        column = strata_graph_section (graph, edge->owner)->gutter + edge->level;
      else if (edge->route == STRATA_ROUTE_ARC)
        column = strata_graph_track (graph, ~edge->owner)->gutter + 1 + edge->level;
      add_edge (b, strata_graph_node (graph, edge->from)->last,
                strata_graph_node (graph, edge->to)->position, edge->route, column);
    }
}
