/* strata-layout-edges.c: the polylines of a diagram's edges, and their boxes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "strata-layout-place-private.h"

/* The most points an edge's route has before it is simplified. */
#define MAX_ROUTE_POINTS 10

typedef struct
{
  StrataPoint points[MAX_ROUTE_POINTS];
  guint       n;
} Route;

/* Points are gathered on the stack and appended once: appending each to
 * the layout's array was a sixth of routing 100,000 edges. */
static void
add_point (Route  *route,
           double  x,
           double  y)
{
  g_assert (route->n < MAX_ROUTE_POINTS);
  route->points[route->n++] = (StrataPoint) { x, y };
}

/* Drops points that repeat the one before, or lie on a straight line
 * between their neighbours. */
static guint
simplify (StrataPoint *points,
          guint        n)
{
  guint m = 0;

  for (guint i = 0; i < n; i++)
    {
      if (m > 0 && points[m - 1].x == points[i].x && points[m - 1].y == points[i].y)
        continue;
      if (m > 1 && ((points[m - 2].x == points[m - 1].x && points[m - 1].x == points[i].x) ||
                    (points[m - 2].y == points[m - 1].y && points[m - 1].y == points[i].y)))
        m--;
      points[m++] = points[i];
    }
  return m;
}

/* The axis an arc lies over, and its height. */
static double
arc_axis (StrataPlacer          *p,
          const StrataGraphEdge *edge)
{
  if (edge->owner >= 0)
    return strata_graph_section (p->graph, edge->owner)->axis;
  return strata_graph_track (p->graph, ~edge->owner)->axis;
}

/* The polyline of @e: out of its source's right, into its target's left,
 * along its route; an edge into the next row first follows the
 * connector, down the gap after its row and into the next. */
static StrataEdge
route_edge (StrataPlacer *p,
            guint         e)
{
  StrataLayout *self = p->self;
  const StrataGraphEdge *edge = strata_graph_edge (p->graph, e);
  const StrataColumn *u = strata_placer_column (p, edge->from);
  const StrataColumn *v = strata_placer_column (p, edge->to);
  double yu = p->axis[edge->from], yv = p->axis[edge->to];
  double x1 = u->x + u->block_width + STRATA_ARROW_SPACE;
  double x2 = v->x - STRATA_ARROW_SPACE;
  double bus = strata_placer_fork_bus (u, p->cx[edge->from]);
  double join = p->cx[edge->to] - strata_placer_join_reach (v);
  gboolean across = p->row[edge->from] != p->row[edge->to];
  const StrataRow *to_row = &g_array_index (self->rows, StrataRow, p->row[edge->to]);
  StrataEdge out = { u->position, v->position, self->points->len, 0, TRUE, { 0 } };
  /* From the row before, an arc over the row's own axis goes on along
   * the gap between the rows, over everything in the row, rather than
   * back to the row's start and up again. */
  gboolean along_gap = across && edge->route == STRATA_ROUTE_ARC &&
                       arc_axis (p, edge) == to_row->axis;
  double ym = 0;
  Route route = { .n = 0 };

  add_point (&route, x1, yu);
  if (across)
    {
      const StrataRow *from_row = &g_array_index (self->rows, StrataRow, p->row[edge->from]);
      double xr = MAX (u->bounds.x + u->bounds.width, x1) + 12;

      ym = from_row->bottom + (to_row->top - from_row->bottom) / 2;
      add_point (&route, xr, yu);
      add_point (&route, xr, ym);
      if (!along_gap)
        add_point (&route, self->connector_left, ym);
      bus = self->connector_left;
    }

  if (along_gap)
    {
      add_point (&route, join, ym);
      add_point (&route, join, yv);
    }
  else
    switch (edge->route)
      {
      case STRATA_ROUTE_JOIN:
        add_point (&route, join, yu);
        add_point (&route, join, yv);
        break;
      case STRATA_ROUTE_ARC:
        {
          double y = strata_placer_arc_y (p, edge);

          if (!across)
            add_point (&route, bus, yu);
          add_point (&route, bus, y);
          add_point (&route, join, y);
          add_point (&route, join, yv);
        }
        break;
      case STRATA_ROUTE_FORK:
      case STRATA_ROUTE_STRAIGHT:
      default:
        if (!across)
          add_point (&route, bus, yu);
        add_point (&route, bus, yv);
        break;
      }
  add_point (&route, x2, yv);

  out.n_points = simplify (route.points, route.n);
  g_array_append_vals (self->points, route.points, out.n_points);
  return out;
}

/* The lines and the head, for clipping and the page's size. */
void
strata_placer_edge_bounds (StrataLayout *self,
                           StrataEdge   *edge)
{
  const StrataPoint *points = &g_array_index (self->points, StrataPoint, edge->first_point);
  const StrataPoint *tip = &points[edge->n_points - 1];
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;
  double w = STRATA_ARROW_WIDTH / 2, half = STRATA_ARROW_HEAD * 0.45;

  for (guint i = 0; i < edge->n_points; i++)
    {
      x1 = MIN (x1, points[i].x - w);
      y1 = MIN (y1, points[i].y - w);
      x2 = MAX (x2, points[i].x + w);
      y2 = MAX (y2, points[i].y + w);
    }
  y1 = MIN (y1, tip->y - half);
  y2 = MAX (y2, tip->y + half);
  edge->bounds = (cairo_rectangle_t) { x1, y1, x2 - x1, y2 - y1 };
}

/* Every edge, grouped by the row it is drawn with: those within a row,
 * then those into the next. */
void
strata_placer_route_edges (StrataPlacer *p)
{
  StrataLayout *self = p->self;
  StrataGraph *graph = p->graph;
  guint n_rows = self->rows->len;
  g_autofree guint *counts = g_new0 (guint, 2 * n_rows + 1);
  g_autofree guint *slots = g_new (guint, MAX (graph->edges->len, 1));
  g_autofree gboolean *headed = g_new0 (gboolean, graph->nodes->len);

  for (guint e = 0; e < graph->edges->len; e++)
    {
      const StrataGraphEdge *edge = strata_graph_edge (graph, e);
      guint group = 2 * p->row[edge->from] + (p->row[edge->from] != p->row[edge->to]);

      counts[group + 1]++;
    }
  for (guint g = 0; g < 2 * n_rows; g++)
    counts[g + 1] += counts[g];
  for (guint r = 0; r < n_rows; r++)
    {
      StrataRow *row = &g_array_index (self->rows, StrataRow, r);

      row->first_edge = counts[2 * r];
      row->n_edges = counts[2 * r + 1] - counts[2 * r];
      row->n_exits = counts[2 * r + 2] - counts[2 * r + 1];
    }
  for (guint e = 0; e < graph->edges->len; e++)
    {
      const StrataGraphEdge *edge = strata_graph_edge (graph, e);
      guint group = 2 * p->row[edge->from] + (p->row[edge->from] != p->row[edge->to]);

      slots[counts[group]++] = e;
    }

  g_array_set_size (self->edges, graph->edges->len);
  for (guint i = 0; i < graph->edges->len; i++)
    {
      guint e = slots[i];
      const StrataGraphEdge *edge = strata_graph_edge (graph, e);
      StrataEdge *out = &g_array_index (self->edges, StrataEdge, i);

      /* Between rows kept as they were, an edge is as it was: the same
       * rows make the same order of edges. */
      gboolean taken = p->before != NULL && p->kept[p->row[edge->from]] &&
                       p->kept[p->row[edge->to]];

      if (taken)
        {
          const StrataEdge *was = &g_array_index (p->before->edges, StrataEdge, i);

          *out = *was;
          out->first_point = self->points->len;
          g_array_append_vals (self->points,
                               &g_array_index (p->before->points, StrataPoint, was->first_point),
                               was->n_points);
        }
      else
        {
          strata_placer_take_node (p, edge->from);
          strata_placer_take_node (p, edge->to);
          *out = route_edge (p, e);
          strata_placer_edge_bounds (self, out);
          /* Its kernel found again: the one it had was taken with the
           * others (strata_builder_place_columns()). */
          if (p->before != NULL)
            {
              p->kernel_from[edge->to] = -1;
              p->kernel_back[edge->to] = FALSE;
            }
        }
      /* Every edge into a node ends at the same point: one head. */
      out->head = !headed[edge->to];
      headed[edge->to] = TRUE;
      p->b->content_right = MAX (p->b->content_right, out->bounds.x + out->bounds.width);

      /* Taken, an edge's kernel is the one the layout before found. */
      if (out->n_points == 2 && !taken)
        strata_placer_set_kernel (p, edge->from, edge->to, FALSE);
    }
}

/* The window of a convolution or pooling is drawn on the block it reads
 * when that block is drawn just before it, a straight arrow between
 * them, and it reads nothing else. */
void
strata_placer_set_kernel (StrataPlacer *p,
                          guint         from,
                          guint         to,
                          gboolean      back)
{
  if (strata_graph_node (p->graph, to)->n_in == 1 && !strata_placer_column (p, from)->is_merge)
    {
      p->kernel_from[to] = from;
      p->kernel_back[to] = back;
    }
}
