/* strata-layout-place.c: where the nodes, lanes and arrows of a diagram go, row by row. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "strata-layout-build-private.h"

#define LANE_GAP     26.0  /* between a lane's labels and the blocks of the lane below */
#define ARC_GAP      16.0  /* between the highest block under an arc and the arc */
#define ARC_STEP     12.0  /* between arcs over the same blocks */
#define FORK_RUN     8.0   /* the least line from a fork's bus to an arrow's head */
#define JOIN_RUN     8.0   /* the least line from a lane's last block to the join's bus */
#define ARC_RUN      24.0  /* the least length of an arc's top */
#define FALLBACK_GAP 12.0  /* between the buses of neighbours in a fallback */

/* A place where rows may break: a node every path goes through, with the
 * section that widens before it. */
typedef struct
{
  int    anchor;   /* the node, or -1 after the last one */
  int    section;  /* the section before it, or -1 */
  double lead;     /* from the start of a row to the anchor */
  double link;     /* from the anchor before it to the anchor */
  double tail;     /* from the anchor to the unit's right */
  guint  first;    /* its columns */
  guint  n;
} Unit;

typedef enum
{
  ALIGN_CENTER,
  ALIGN_LEFT,
  ALIGN_RIGHT,
} Align;

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
} Placer;

static StrataColumn *
column_at (Placer *p,
           int     node)
{
  return &g_array_index (p->self->columns, StrataColumn, node);
}

static double
column_width (const StrataColumn *c)
{
  return MAX (c->block_width, c->label_width);
}

/* Distance between the centres of neighbouring columns: their labels must
 * not touch and their blocks must leave room for an arrow. */
static double
column_distance (const StrataColumn *a,
                 const StrataColumn *b)
{
  return MAX ((column_width (a) + column_width (b)) / 2 + COLUMN_GAP,
              (a->block_width + b->block_width) / 2 + BLOCK_GAP);
}

/* Edges that leave a node for other axes run up or down a line in the gap
 * after its column (its fork's bus), and edges into a node from other axes
 * down or up a line in the gap before it (its join's bus): neither line
 * meets a label. This is the join's bus's distance before the centre. */
static double
join_reach (const StrataColumn *c)
{
  return MAX (column_width (c) / 2 + COLUMN_GAP / 2,
              c->block_width / 2 + STRATA_ARROW_SPACE + STRATA_ARROW_HEAD + JOIN_RUN);
}

static double
fork_bus (const StrataColumn *c,
          double              cx)
{
  return cx + column_width (c) / 2 + COLUMN_GAP / 2;
}

/* From a fork to the first node of a lane: past the fork's bus, with room
 * for the arrow's head. */
static double
fork_distance (const StrataColumn *a,
               const StrataColumn *f)
{
  return MAX (column_distance (a, f),
              column_width (a) / 2 + COLUMN_GAP / 2 + STRATA_ARROW_SPACE + STRATA_ARROW_HEAD +
              FORK_RUN + f->block_width / 2);
}

/* From the last node of a lane to its join: the lane's arrow reaches the
 * join's bus clear of the node's label. */
static double
join_distance (const StrataColumn *l,
               const StrataColumn *j)
{
  return MAX (column_distance (l, j),
              MAX (l->block_width / 2 + STRATA_ARROW_SPACE + JOIN_RUN,
                   column_width (l) / 2 + COLUMN_GAP / 2) + join_reach (j));
}

static double
first_distance (Placer *p,
                int     fork,
                int     node)
{
  if (fork >= 0)
    return fork_distance (column_at (p, fork), column_at (p, node));
  return column_width (column_at (p, node)) / 2;
}

static double
last_distance (Placer *p,
               int     node,
               int     join)
{
  if (join >= 0)
    return join_distance (column_at (p, node), column_at (p, join));
  return column_width (column_at (p, node)) / 2;
}

static double
step_distance (Placer            *p,
               const StrataTrack *track,
               int                a,
               int                b)
{
  /* In a fallback any node may fork and any join, both in one gap. */
  if (track->fallback)
    return MAX (fork_distance (column_at (p, a), column_at (p, b)),
                join_distance (column_at (p, a), column_at (p, b)) + FALLBACK_GAP);
  return column_distance (column_at (p, a), column_at (p, b));
}

static double span_track (Placer      *p,
                          StrataTrack *track,
                          int          fork,
                          int          join);

/* How far apart @fork and @join must be for @section's lanes and arcs. */
static double
span_section (Placer        *p,
              StrataSection *section,
              int            fork,
              int            join)
{
  double span = 0;

  if (section->span_from == fork && section->span_to == join)
    return section->span;

  for (guint l = 0; l < section->lanes->len; l++)
    {
      double lane = span_track (p, strata_graph_track (p->graph,
                                                       g_array_index (section->lanes, guint, l)),
                                fork, join);

      span = MAX (span, lane);
    }

  /* Direct edges exist only between nodes; the fork may be drawn as the
   * start of a row. */
  if (join >= 0 && section->lanes->len == 0)
    span = MAX (span, fork >= 0 ? column_distance (column_at (p, fork), column_at (p, join))
                                : column_width (column_at (p, join)) / 2);
  if (join >= 0 && section->n_arcs > 0)
    {
      const StrataColumn *j = column_at (p, join);

      if (fork >= 0)
        span = MAX (span, column_width (column_at (p, fork)) / 2 + COLUMN_GAP / 2 + ARC_RUN +
                          join_reach (j));
      else
        span = MAX (span, MAX (column_width (j) / 2,
                               join_reach (j) + ARC_RUN - (p->x0 - p->xl)));
    }

  section->span_from = fork;
  section->span_to = join;
  section->span = span;
  return span;
}

/* How far apart @fork and @join must be for @track's nodes and sections. */
static double
span_track (Placer      *p,
            StrataTrack *track,
            int          fork,
            int          join)
{
  double span = 0;
  int prev = G_MININT; /* the fork */
  gboolean after_section = FALSE;

  if (track->span_from == fork && track->span_to == join)
    return track->span;

  for (guint i = 0; i < track->items->len; i++)
    {
      int item = g_array_index (track->items, int, i);

      if (item >= 0)
        {
          if (prev == G_MININT && !after_section)
            span += first_distance (p, fork, item);
          else if (!after_section)
            span += step_distance (p, track, prev, item);
          prev = item;
          after_section = FALSE;
        }
      else
        {
          int next = i + 1 < track->items->len ? g_array_index (track->items, int, i + 1) : join;

          span += span_section (p, strata_graph_section (p->graph, ~item),
                                prev == G_MININT ? fork : prev, next);
          after_section = TRUE;
        }
    }
  if (prev != G_MININT && !after_section)
    span += last_distance (p, prev, join);

  track->span_from = fork;
  track->span_to = join;
  track->span = span;
  return span;
}

static void place_section (Placer        *p,
                           StrataSection *section,
                           int            fork,
                           double         fork_x,
                           int            join,
                           double         join_x);

/* Centres of @track's nodes between @fork at @fork_x and @join at
 * @join_x, the room left over shared out by @align. A section that starts
 * or ends the track takes its share, so its own lanes are centred. */
static void
place_track (Placer      *p,
             StrataTrack *track,
             int          fork,
             double       fork_x,
             int          join,
             double       join_x,
             Align        align)
{
  double span = span_track (p, track, fork, join);
  double slack = MAX (join_x - fork_x - span, 0);
  double start = fork_x + (align == ALIGN_CENTER ? slack / 2 : align == ALIGN_RIGHT ? slack : 0);
  int prev = G_MININT;
  gboolean after_section = FALSE;

  for (guint i = 0; i < track->items->len; i++)
    {
      int item = g_array_index (track->items, int, i);

      if (item >= 0)
        {
          if (prev == G_MININT && !after_section)
            p->cx[item] = start + first_distance (p, fork, item);
          else if (!after_section)
            p->cx[item] = p->cx[prev] + step_distance (p, track, prev, item);
          prev = item;
          after_section = FALSE;
        }
      else
        {
          StrataSection *section = strata_graph_section (p->graph, ~item);
          int from = prev == G_MININT ? fork : prev;
          double from_x = prev == G_MININT ? fork_x : p->cx[prev];
          int next = i + 1 < track->items->len ? g_array_index (track->items, int, i + 1) : join;
          double next_x;

          if (i + 1 == track->items->len)
            next_x = join_x;
          else
            {
              next_x = (prev == G_MININT ? start : p->cx[prev]) +
                       span_section (p, section, from, next);
              p->cx[next] = next_x;
            }
          place_section (p, section, from, from_x, next, next_x);
          after_section = TRUE;
        }
    }
}

static void
place_section (Placer        *p,
               StrataSection *section,
               int            fork,
               double         fork_x,
               int            join,
               double         join_x)
{
  Align align = ALIGN_CENTER;

  /* Lanes from the network's sources lead into their join; lanes to its
   * outputs start at their fork. */
  if (join == STRATA_TERMINAL_NONE)
    align = ALIGN_LEFT;
  else if (fork == STRATA_TERMINAL_NONE)
    align = ALIGN_RIGHT;

  for (guint l = 0; l < section->lanes->len; l++)
    place_track (p, strata_graph_track (p->graph, g_array_index (section->lanes, guint, l)),
                 fork, fork_x, join, join_x, align);
}

/* The extents of the nodes on @track's axis, those of its main lanes
 * included. */
static void
axis_extents (Placer      *p,
              StrataTrack *track,
              double      *above,
              double      *below,
              double      *label_h)
{
  for (guint i = 0; i < track->items->len; i++)
    {
      int item = g_array_index (track->items, int, i);

      if (item >= 0)
        {
          const StrataColumn *c = column_at (p, item);

          *above = MAX (*above, c->size.height / 2 + c->dy);
          *below = MAX (*below, c->size.height / 2);
          *label_h = MAX (*label_h, c->label_height);
        }
      else
        {
          StrataSection *section = strata_graph_section (p->graph, ~item);

          if (section->main >= 0)
            axis_extents (p, strata_graph_track (p->graph, g_array_index (section->lanes, guint,
                                                                          section->main)),
                          above, below, label_h);
        }
    }
}

/* The arcs of a fallback, over its nodes. */
static double
fallback_top (const StrataTrack *track)
{
  if (track->n_levels == 0)
    return track->node_above;
  return track->node_above + ARC_GAP + (track->n_levels - 1) * ARC_STEP + STRATA_ARROW_WIDTH / 2;
}

static void measure_section (Placer        *p,
                             StrataSection *section,
                             double         label_bottom,
                             int            junction);

/* A lane's extents about its own axis: its nodes and labels, and its own
 * lanes and arcs. */
static void
measure_track (Placer      *p,
               StrataTrack *track)
{
  double above = 0, below = 0, label_h = 0, label_bottom;

  if (track->measured)
    return;

  axis_extents (p, track, &above, &below, &label_h);
  track->node_above = above;
  track->node_below = below;
  label_bottom = below + LABEL_GAP + label_h;
  track->top = track->fallback ? fallback_top (track) : above;
  track->bottom = label_bottom;

  for (guint i = 0; i < track->items->len; i++)
    {
      int item = g_array_index (track->items, int, i);

      if (item < 0)
        {
          StrataSection *section = strata_graph_section (p->graph, ~item);

          measure_section (p, section, label_bottom, -1);
          track->top = MAX (track->top, section->top);
          track->bottom = MAX (track->bottom, section->bottom);
        }
    }
  track->measured = TRUE;
}

/* A section's extents about its track's axis, within its span: on the
 * axis its main lane; above it the lanes before the main one, then the
 * arcs, highest last; below it, under the labels of the axis at
 * @label_bottom, the lanes after the main one. The arcs of a section on
 * a row's own axis from @junction, the node that ends the row before,
 * run along the gap between the rows and take no room in the row. */
static void
measure_section (Placer        *p,
                 StrataSection *section,
                 double         label_bottom,
                 int            junction)
{
  double top = 0, bottom = label_bottom;

  if (section->main >= 0)
    {
      StrataTrack *main = strata_graph_track (p->graph, g_array_index (section->lanes, guint,
                                                                       section->main));

      main->node_above = 0;
      for (guint i = 0; i < main->items->len; i++)
        {
          int item = g_array_index (main->items, int, i);

          if (item >= 0)
            {
              const StrataColumn *c = column_at (p, item);

              main->node_above = MAX (main->node_above, c->size.height / 2 + c->dy);
            }
          else
            {
              StrataSection *inner = strata_graph_section (p->graph, ~item);

              measure_section (p, inner, label_bottom, junction);
              top = MAX (top, inner->top);
              bottom = MAX (bottom, inner->bottom);
            }
        }
      top = MAX (top, main->fallback ? fallback_top (main) : main->node_above);
      main->offset = 0;
    }

  for (int l = section->main - 1; l >= 0; l--)
    {
      StrataTrack *lane = strata_graph_track (p->graph, g_array_index (section->lanes, guint, l));

      measure_track (p, lane);
      lane->offset = -(top + LANE_GAP + lane->bottom);
      top = -lane->offset + lane->top;
    }
  if (section->main < 0)
    top = STRATA_ARROW_WIDTH / 2;

  if (section->n_arcs > 0 && (junction < 0 || section->from != junction))
    {
      section->arc_base = top + ARC_GAP;
      top = section->arc_base + (section->n_arcs - 1) * ARC_STEP + STRATA_ARROW_WIDTH / 2;
    }

  for (guint l = section->main + 1; l < section->lanes->len; l++)
    {
      StrataTrack *lane = strata_graph_track (p->graph, g_array_index (section->lanes, guint, l));

      measure_track (p, lane);
      lane->offset = bottom + LANE_GAP + lane->top;
      bottom = lane->offset + lane->bottom;
    }

  section->top = top;
  section->bottom = bottom;
}

static void assign_section (Placer        *p,
                            StrataSection *section,
                            double         axis,
                            double         label_y,
                            guint          row);

/* Absolute axes and label lines, once the extents are known. */
static void
assign_track (Placer      *p,
              StrataTrack *track,
              double       axis,
              double       label_y,
              guint        row)
{
  track->axis = axis;
  for (guint i = 0; i < track->items->len; i++)
    {
      int item = g_array_index (track->items, int, i);

      if (item >= 0)
        {
          p->axis[item] = axis;
          p->label_y[item] = label_y;
          p->row[item] = row;
        }
      else
        assign_section (p, strata_graph_section (p->graph, ~item), axis, label_y, row);
    }
}

static void
assign_section (Placer        *p,
                StrataSection *section,
                double         axis,
                double         label_y,
                guint          row)
{
  section->axis = axis;
  for (guint l = 0; l < section->lanes->len; l++)
    {
      StrataTrack *lane = strata_graph_track (p->graph, g_array_index (section->lanes, guint, l));

      if ((int) l == section->main)
        assign_track (p, lane, axis, label_y, row);
      else
        assign_track (p, lane, axis + lane->offset,
                      axis + lane->offset + lane->node_below + LABEL_GAP, row);
    }
}

/* The network's own track, cut where rows may break. */
static GArray *
build_units (Placer *p)
{
  StrataTrack *track = strata_graph_track (p->graph, 0);
  GArray *units = g_array_new (FALSE, TRUE, sizeof (Unit));
  int section = -1;
  guint first = 0;

  for (guint i = 0; i <= track->items->len; i++)
    {
      int item = i < track->items->len ? g_array_index (track->items, int, i) : -1;
      Unit unit = { -1, section, 0, 0, 0, first, 0 };
      int before = units->len > 0 ? g_array_index (units, Unit, units->len - 1).anchor
                                  : STRATA_TERMINAL_NONE;

      if (i < track->items->len && item < 0)
        {
          section = ~item;
          continue;
        }
      if (i == track->items->len && section < 0)
        break;

      unit.anchor = i < track->items->len ? item : -1;
      unit.n = (unit.anchor >= 0 ? (guint) unit.anchor + 1 : p->graph->nodes->len) - first;
      if (section < 0)
        {
          const StrataColumn *c = column_at (p, unit.anchor);

          unit.lead = column_width (c) / 2;
          unit.tail = column_width (c) / 2;
          if (before >= 0)
            unit.link = column_distance (column_at (p, before), c);
        }
      else
        {
          StrataSection *s = strata_graph_section (p->graph, section);
          int join = unit.anchor >= 0 ? unit.anchor : STRATA_TERMINAL_NONE;

          unit.tail = unit.anchor >= 0 ? column_width (column_at (p, unit.anchor)) / 2 : 0;
          if (before >= 0)
            unit.link = span_section (p, s, before, join);
          unit.lead = span_section (p, s, units->len > 0 ? STRATA_TERMINAL_JUNCTION
                                                        : STRATA_TERMINAL_NONE, join);
        }
      g_array_append_val (units, unit);
      first += unit.n;
      section = -1;
    }
  return units;
}

/* Greedy breaking into rows no wider than @limit; fills @starts (may be
 * NULL) with the first unit of each row and returns the count of rows. */
static guint
break_rows (GArray *units,
            double  limit,
            GArray *starts)
{
  guint n_rows = 1;
  double span = 0;
  guint first = 0;

  if (starts != NULL)
    g_array_append_val (starts, first);

  for (guint i = 1; i < units->len; i++)
    {
      const Unit *u = &g_array_index (units, Unit, i);
      const Unit *f = &g_array_index (units, Unit, first);
      double d = u->link;

      if (f->lead + span + d + u->tail > limit)
        {
          n_rows++;
          first = i;
          span = 0;
          if (starts != NULL)
            g_array_append_val (starts, first);
        }
      else
        span += d;
    }
  return n_rows;
}

/* Places a row's units from @x0: their anchors, their sections' lanes. */
static void
place_row_x (Placer *p,
             GArray *units,
             guint   first,
             guint   end)
{
  double x = 0;

  for (guint u = first; u < end; u++)
    {
      const Unit *unit = &g_array_index (units, Unit, u);
      int before = u > first ? g_array_index (units, Unit, u - 1).anchor
                             : u > 0 ? STRATA_TERMINAL_JUNCTION : STRATA_TERMINAL_NONE;
      double before_x = u > first ? x : p->x0;

      if (u == first)
        x = p->x0 + unit->lead;
      else
        x += unit->link;
      if (unit->anchor >= 0)
        p->cx[unit->anchor] = x;
      if (unit->section >= 0)
        place_section (p, strata_graph_section (p->graph, unit->section), before, before_x,
                       unit->anchor >= 0 ? unit->anchor : STRATA_TERMINAL_NONE, x);
    }
}

static void
finish_column (Placer       *p,
               StrataColumn *c,
               int           node)
{
  StrataLayout *self = p->self;
  double cx = p->cx[node], y;

  c->row = p->row[node];
  c->x = cx - c->block_width / 2;
  c->y = p->axis[node] - c->size.height / 2;
  c->block_rect = (cairo_rectangle_t) { c->x, c->y - c->dy,
                                        c->block_width, c->size.height + c->dy };

  y = p->label_y[node];
  for (guint l = 0; l < STRATA_N_LINES; l++)
    {
      if (c->lines[l] == NULL)
        continue;
      c->line_x[l] = cx - c->line_size[l].width / 2 - c->line_size[l].x;
      c->line_y[l] = y;
      y += c->line_size[l].height + LINE_GAP;
    }
  c->label_rect = (cairo_rectangle_t) { cx - c->label_width / 2, p->label_y[node],
                                        c->label_width, c->label_height };
  c->bounds = c->block_rect;
  strata_rect_union (&c->bounds, &c->label_rect);
  p->b->content_right = MAX (p->b->content_right, c->bounds.x + c->bounds.width);

  strata_layout_add_box (self, c->is_merge ? STRATA_BOX_MERGE : STRATA_BOX_BLOCK, c->position,
                         &c->block_rect);
  strata_layout_add_box (self, STRATA_BOX_LABEL, c->position, &c->label_rect);
}

static void
add_point (GArray *points,
           double  x,
           double  y)
{
  StrataPoint point = { x, y };

  g_array_append_val (points, point);
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
arc_axis (Placer                *p,
          const StrataGraphEdge *edge)
{
  if (edge->owner >= 0)
    return strata_graph_section (p->graph, edge->owner)->axis;
  return strata_graph_track (p->graph, ~edge->owner)->axis;
}

static double
arc_y (Placer                *p,
       const StrataGraphEdge *edge)
{
  if (edge->owner >= 0)
    {
      StrataSection *section = strata_graph_section (p->graph, edge->owner);

      return section->axis - (section->arc_base + edge->level * ARC_STEP);
    }
  else
    {
      StrataTrack *track = strata_graph_track (p->graph, ~edge->owner);

      return track->axis - (track->node_above + ARC_GAP + edge->level * ARC_STEP);
    }
}

static void
add_edge_boxes (StrataLayout     *self,
                const StrataEdge *edge)
{
  const StrataPoint *points = &g_array_index (self->points, StrataPoint, edge->first_point);
  double w = STRATA_ARROW_WIDTH / 2;

  for (guint i = 0; i + 1 < edge->n_points; i++)
    {
      cairo_rectangle_t rect;

      rect.x = MIN (points[i].x, points[i + 1].x) - w;
      rect.y = MIN (points[i].y, points[i + 1].y) - w;
      rect.width = fabs (points[i].x - points[i + 1].x) + 2 * w;
      rect.height = fabs (points[i].y - points[i + 1].y) + 2 * w;
      strata_layout_add_box (self, STRATA_BOX_EDGE, edge->from, &rect);
      g_array_index (self->boxes, StrataLayoutBox, self->boxes->len - 1).target = edge->to;
    }
  if (edge->head)
    {
      const StrataPoint *tip = &points[edge->n_points - 1];
      double half = STRATA_ARROW_HEAD * 0.45;
      cairo_rectangle_t rect = { tip->x - STRATA_ARROW_HEAD, tip->y - half,
                                 STRATA_ARROW_HEAD, 2 * half };

      strata_layout_add_box (self, STRATA_BOX_EDGE, edge->from, &rect);
      g_array_index (self->boxes, StrataLayoutBox, self->boxes->len - 1).target = edge->to;
    }
}

/* The polyline of @e: out of its source's right, into its target's left,
 * along its route; an edge into the next row first follows the
 * connector, down the gap after its row and into the next. */
static StrataEdge
route_edge (Placer *p,
            guint   e)
{
  StrataLayout *self = p->self;
  const StrataGraphEdge *edge = strata_graph_edge (p->graph, e);
  const StrataColumn *u = column_at (p, edge->from);
  const StrataColumn *v = column_at (p, edge->to);
  double yu = p->axis[edge->from], yv = p->axis[edge->to];
  double x1 = u->x + u->block_width + STRATA_ARROW_SPACE;
  double x2 = v->x - STRATA_ARROW_SPACE;
  double bus = fork_bus (u, p->cx[edge->from]);
  double join = p->cx[edge->to] - join_reach (v);
  gboolean across = p->row[edge->from] != p->row[edge->to];
  const StrataRow *to_row = &g_array_index (self->rows, StrataRow, p->row[edge->to]);
  StrataEdge out = { u->position, v->position, self->points->len, 0, TRUE, { 0 } };
  /* From the row before, an arc over the row's own axis goes on along
   * the gap between the rows, over everything in the row, rather than
   * back to the row's start and up again. */
  gboolean along_gap = across && edge->route == STRATA_ROUTE_ARC &&
                       arc_axis (p, edge) == to_row->axis;
  double ym = 0;

  add_point (self->points, x1, yu);
  if (across)
    {
      const StrataRow *from_row = &g_array_index (self->rows, StrataRow, p->row[edge->from]);
      double xr = MAX (u->bounds.x + u->bounds.width, x1) + 12;

      ym = from_row->bottom + (to_row->top - from_row->bottom) / 2;
      add_point (self->points, xr, yu);
      add_point (self->points, xr, ym);
      if (!along_gap)
        add_point (self->points, self->connector_left, ym);
      bus = self->connector_left;
    }

  if (along_gap)
    {
      add_point (self->points, join, ym);
      add_point (self->points, join, yv);
    }
  else
    switch (edge->route)
      {
      case STRATA_ROUTE_JOIN:
        add_point (self->points, join, yu);
        add_point (self->points, join, yv);
        break;
      case STRATA_ROUTE_ARC:
        {
          double y = arc_y (p, edge);

          if (!across)
            add_point (self->points, bus, yu);
          add_point (self->points, bus, y);
          add_point (self->points, join, y);
          add_point (self->points, join, yv);
        }
        break;
      case STRATA_ROUTE_FORK:
      case STRATA_ROUTE_STRAIGHT:
      default:
        if (!across)
          add_point (self->points, bus, yu);
        add_point (self->points, bus, yv);
        break;
      }
  add_point (self->points, x2, yv);

  out.n_points = simplify (&g_array_index (self->points, StrataPoint, out.first_point),
                           self->points->len - out.first_point);
  g_array_set_size (self->points, out.first_point + out.n_points);
  return out;
}

/* The lines and the head, for clipping and the page's size. */
static void
edge_bounds (StrataLayout *self,
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
static void
route_edges (Placer *p)
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
      StrataColumn *to = column_at (p, edge->to);

      *out = route_edge (p, e);
      /* Every edge into a node ends at the same point: one head. */
      out->head = !headed[edge->to];
      headed[edge->to] = TRUE;
      edge_bounds (self, out);
      add_edge_boxes (self, out);
      p->b->content_right = MAX (p->b->content_right, out->bounds.x + out->bounds.width);

      /* The window of a convolution or pooling is drawn on the block it
       * reads when that block is drawn just before it. */
      if (out->n_points == 2 && strata_graph_node (graph, edge->to)->n_in == 1 &&
          !column_at (p, edge->from)->is_merge)
        to->kernel_from = edge->from;
    }
}

void
strata_builder_place_columns (StrataBuilder *b)
{
  StrataLayout *self = b->self;
  StrataGraph *graph = b->graph;
  guint n_nodes = graph->nodes->len;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) units = NULL;
  g_autofree double *cx = g_new0 (double, n_nodes);
  g_autofree double *axis = g_new0 (double, n_nodes);
  g_autofree double *label_y = g_new0 (double, n_nodes);
  g_autofree guint *rows = g_new0 (guint, n_nodes);
  Placer p = { b, self, graph, cx, axis, label_y, rows, MARGIN + ROW_LEAD, MARGIN + ROW_LEAD / 3 };
  double single = 0, widest = 0, limit;
  guint n_rows = 1;

  units = build_units (&p);
  for (guint i = 0; i < units->len; i++)
    {
      const Unit *u = &g_array_index (units, Unit, i);
      double width = u->section < 0 ? column_width (column_at (&p, u->anchor)) : u->lead + u->tail;

      widest = MAX (widest, width);
      if (i == 0)
        single = u->section < 0 ? column_width (column_at (&p, u->anchor))
                                : g_array_index (units, Unit, 0).lead + u->tail;
      else
        single += u->link - (u - 1)->tail + u->tail;
    }

  limit = single;
  if (self->options.max_width > 0 && single > self->options.max_width - 2 * MARGIN)
    {
      double avail = self->options.max_width - 2 * MARGIN - ROW_LEAD - ROW_EXIT;
      double lo = widest, hi = MAX (avail, widest);

      /* Rows as even as the fewest rows allow: the narrowest limit that
       * needs no more rows than the page width does. */
      n_rows = break_rows (units, hi, NULL);
      for (guint iter = 0; iter < 40 && hi - lo > 0.5; iter++)
        {
          double mid = (lo + hi) / 2;

          if (break_rows (units, mid, NULL) <= n_rows)
            hi = mid;
          else
            lo = mid;
        }
      limit = hi;
    }
  n_rows = break_rows (units, limit + 0.01, starts);

  p.x0 = MARGIN + (n_rows > 1 ? ROW_LEAD : 0);
  self->connector_left = MARGIN + ROW_LEAD / 3;
  p.xl = self->connector_left;

  for (guint r = 0; r < n_rows; r++)
    {
      StrataRow row = { 0 };
      guint first = g_array_index (starts, guint, r);
      guint end = r + 1 < n_rows ? g_array_index (starts, guint, r + 1) : units->len;
      double above = 0, below = 0, label_h = 0, label_bottom, bottom = 0;
      gboolean sections = FALSE;

      row.first = g_array_index (units, Unit, first).first;
      for (guint u = first; u < end; u++)
        row.n += g_array_index (units, Unit, u).n;

      place_row_x (&p, units, first, end);

      for (guint u = first; u < end; u++)
        {
          const Unit *unit = &g_array_index (units, Unit, u);

          if (unit->anchor >= 0)
            {
              const StrataColumn *c = column_at (&p, unit->anchor);

              above = MAX (above, c->size.height / 2 + c->dy);
              below = MAX (below, c->size.height / 2);
              label_h = MAX (label_h, c->label_height);
            }
          if (unit->section >= 0)
            {
              StrataSection *s = strata_graph_section (graph, unit->section);

              if (s->main >= 0)
                axis_extents (&p, strata_graph_track (graph, g_array_index (s->lanes, guint,
                                                                            s->main)),
                              &above, &below, &label_h);
            }
        }

      label_bottom = below + LABEL_GAP + label_h;
      for (guint u = first; u < end; u++)
        {
          const Unit *unit = &g_array_index (units, Unit, u);

          if (unit->section >= 0)
            {
              StrataSection *s = strata_graph_section (graph, unit->section);

              measure_section (&p, s, label_bottom,
                               u > first || u == 0 ? -1
                                                   : g_array_index (units, Unit, u - 1).anchor);
              above = MAX (above, s->top);
              bottom = MAX (bottom, s->bottom);
              sections = TRUE;
            }
        }

      row.top = b->y;
      row.axis = row.top + above;
      row.label_y = row.axis + below + LABEL_GAP;
      row.bottom = row.label_y + label_h;
      if (sections)
        row.bottom = MAX (row.bottom, row.axis + bottom);

      for (guint u = first; u < end; u++)
        {
          const Unit *unit = &g_array_index (units, Unit, u);

          if (unit->anchor >= 0)
            {
              axis[unit->anchor] = row.axis;
              label_y[unit->anchor] = row.label_y;
              rows[unit->anchor] = r;
            }
          if (unit->section >= 0)
            assign_section (&p, strata_graph_section (graph, unit->section), row.axis,
                            row.label_y, r);
        }

      for (guint i = row.first; i < row.first + row.n; i++)
        finish_column (&p, &g_array_index (self->columns, StrataColumn, i), i);

      g_array_append_val (self->rows, row);
      b->y = row.bottom + ROW_GAP;
    }

  if (n_rows > 1)
    b->content_right += ROW_EXIT;
  b->y -= ROW_GAP;

  route_edges (&p);
}
