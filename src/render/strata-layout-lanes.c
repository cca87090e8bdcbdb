/* strata-layout-lanes.c: the geometry of lanes: how wide, how high, where. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-layout-place-private.h"

#define LANE_GAP     26.0  /* between a lane's labels and the blocks of the lane below */
#define TIGHT_LANE_GAP 13.0 /* the same on a page short of room for the text */
#define ARC_GAP      16.0  /* between the highest block under an arc and the arc */
#define ARC_STEP     12.0  /* between arcs over the same blocks */
#define FORK_RUN     8.0   /* the least line from a fork's bus to an arrow's head */
#define JOIN_RUN     8.0   /* the least line from a lane's last block to the join's bus */
#define ARC_RUN      24.0  /* the least length of an arc's top */
#define FALLBACK_GAP 12.0  /* between the buses of neighbours in a fallback */

typedef enum
{
  ALIGN_CENTER,
  ALIGN_LEFT,
  ALIGN_RIGHT,
} Align;

/* Edges that leave a node for other axes run up or down a line in the gap
 * after its column (its fork's bus), and edges into a node from other axes
 * down or up a line in the gap before it (its join's bus): neither line
 * meets a label. This is the join's bus's distance before the centre. */
double
strata_placer_join_reach (const StrataColumn *c)
{
  return MAX (strata_column_width (c) / 2 + COLUMN_GAP / 2,
              c->block_width / 2 + STRATA_ARROW_SPACE + STRATA_ARROW_HEAD + JOIN_RUN);
}

/* In the middle of the gap after the column, as its neighbour's labels
 * are that far (less in the compact row). */
double
strata_placer_fork_bus (const StrataColumn *c,
                        double              cx)
{
  return cx + strata_column_width (c) / 2 + c->label_gap / 2;
}

/* From a fork to the first node of a lane: past the fork's bus, with room
 * for the arrow's head. */
static double
fork_distance (const StrataColumn *a,
               const StrataColumn *f)
{
  return MAX (strata_column_distance (a, f),
              strata_column_width (a) / 2 + a->label_gap / 2 + STRATA_ARROW_SPACE +
              STRATA_ARROW_HEAD + FORK_RUN + f->block_width / 2);
}

/* From the last node of a lane to its join: the lane's arrow reaches the
 * join's bus clear of the node's label. */
static double
join_distance (const StrataColumn *l,
               const StrataColumn *j)
{
  return MAX (strata_column_distance (l, j),
              MAX (l->block_width / 2 + STRATA_ARROW_SPACE + JOIN_RUN,
                   strata_column_width (l) / 2 + COLUMN_GAP / 2) + strata_placer_join_reach (j));
}

static double
first_distance (StrataPlacer *p,
                int           fork,
                int           node)
{
  if (fork >= 0)
    return fork_distance (strata_placer_column (p, fork), strata_placer_column (p, node));
  return strata_column_width (strata_placer_column (p, node)) / 2;
}

static double
last_distance (StrataPlacer *p,
               int           node,
               int           join)
{
  if (join >= 0)
    return join_distance (strata_placer_column (p, node), strata_placer_column (p, join));
  return strata_column_width (strata_placer_column (p, node)) / 2;
}

static double
step_distance (StrataPlacer      *p,
               const StrataTrack *track,
               int                a,
               int                b)
{
  const StrataColumn *first = strata_placer_column (p, a);
  const StrataColumn *second = strata_placer_column (p, b);

  /* In a fallback any node may fork and any join, both in one gap. */
  if (track->fallback)
    return MAX (fork_distance (first, second), join_distance (first, second) + FALLBACK_GAP);
  return strata_column_distance (first, second);
}

static double span_track (StrataPlacer *p,
                          StrataTrack  *track,
                          int           fork,
                          int           join);

/* How far apart @fork and @join must be for @section's lanes and arcs. */
double
strata_placer_span_section (StrataPlacer  *p,
                            StrataSection *section,
                            int            fork,
                            int            join)
{
  double span = 0;

  if (section->span_from == fork && section->span_to == join)
    return section->span;

  for (guint l = 0; l < section->lanes->len; l++)
    {
      double lane = span_track (p, strata_graph_lane (p->graph, section, l), fork, join);

      span = MAX (span, lane);
    }

  /* Direct edges exist only between nodes; the fork may be drawn as the
   * start of a row. */
  if (join >= 0)
    {
      const StrataColumn *j = strata_placer_column (p, join);
      const StrataColumn *f = fork >= 0 ? strata_placer_column (p, fork) : NULL;

      if (section->lanes->len == 0)
        span = MAX (span, f != NULL ? strata_column_distance (f, j) : strata_column_width (j) / 2);
      if (section->n_arcs > 0 && f != NULL)
        span = MAX (span, strata_column_width (f) / 2 + COLUMN_GAP / 2 + ARC_RUN +
                          strata_placer_join_reach (j));
      else if (section->n_arcs > 0)
        span = MAX (span, MAX (strata_column_width (j) / 2,
                               strata_placer_join_reach (j) + ARC_RUN - (p->x0 - p->xl)));
    }

  section->span_from = fork;
  section->span_to = join;
  section->span = span;
  return span;
}

/* How far apart @fork and @join must be for @track's nodes and sections. */
static double
span_track (StrataPlacer *p,
            StrataTrack  *track,
            int           fork,
            int           join)
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

          span += strata_placer_span_section (p, strata_graph_section (p->graph, ~item),
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

/* Centres of @track's nodes between @fork at @fork_x and @join at
 * @join_x, the room left over shared out by @align. A section that starts
 * or ends the track takes its share, so its own lanes are centred. */
static void
place_track (StrataPlacer *p,
             StrataTrack  *track,
             int           fork,
             double        fork_x,
             int           join,
             double        join_x,
             Align         align)
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
                       strata_placer_span_section (p, section, from, next);
              p->cx[next] = next_x;
            }
          strata_placer_place_section (p, section, from, from_x, next, next_x);
          after_section = TRUE;
        }
    }
}

void
strata_placer_place_section (StrataPlacer  *p,
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
    place_track (p, strata_graph_lane (p->graph, section, l),
                 fork, fork_x, join, join_x, align);
}

/* The extents of the nodes on @track's axis, those of its main lanes
 * included. */
void
strata_placer_axis_extents (StrataPlacer *p,
                            StrataTrack  *track,
                            double       *above,
                            double       *below,
                            double       *label_h)
{
  for (guint i = 0; i < track->items->len; i++)
    {
      int item = g_array_index (track->items, int, i);

      if (item >= 0)
        {
          const StrataColumn *c = strata_placer_column (p, item);

          *above = MAX (*above, c->size.height / 2 + c->dy);
          *below = MAX (*below, c->size.height / 2);
          *label_h = MAX (*label_h, c->label_height);
        }
      else
        {
          StrataSection *section = strata_graph_section (p->graph, ~item);

          if (section->main >= 0)
            strata_placer_axis_extents (p, strata_graph_lane (p->graph, section, section->main),
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

/* A lane's extents about its own axis: its nodes and labels, and its own
 * lanes and arcs. */
static void
measure_track (StrataPlacer *p,
               StrataTrack  *track)
{
  double above = 0, below = 0, label_h = 0, label_bottom;

  if (track->measured)
    return;

  strata_placer_axis_extents (p, track, &above, &below, &label_h);
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

          strata_placer_measure_section (p, section, label_bottom, -1);
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
void
strata_placer_measure_section (StrataPlacer  *p,
                               StrataSection *section,
                               double         label_bottom,
                               int            junction)
{
  double top = 0, bottom = label_bottom;
  double gap = p->self->options.tight_gaps ? TIGHT_LANE_GAP : LANE_GAP;

  if (section->main >= 0)
    {
      StrataTrack *main = strata_graph_lane (p->graph, section, section->main);

      main->node_above = 0;
      for (guint i = 0; i < main->items->len; i++)
        {
          int item = g_array_index (main->items, int, i);

          if (item >= 0)
            {
              const StrataColumn *c = strata_placer_column (p, item);

              main->node_above = MAX (main->node_above, c->size.height / 2 + c->dy);
            }
          else
            {
              StrataSection *inner = strata_graph_section (p->graph, ~item);

              strata_placer_measure_section (p, inner, label_bottom, junction);
              top = MAX (top, inner->top);
              bottom = MAX (bottom, inner->bottom);
            }
        }
      top = MAX (top, main->fallback ? fallback_top (main) : main->node_above);
      main->offset = 0;
    }

  for (int l = section->main - 1; l >= 0; l--)
    {
      StrataTrack *lane = strata_graph_lane (p->graph, section, l);

      measure_track (p, lane);
      lane->offset = -(top + gap + lane->bottom);
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
      StrataTrack *lane = strata_graph_lane (p->graph, section, l);

      measure_track (p, lane);
      lane->offset = bottom + gap + lane->top;
      bottom = lane->offset + lane->bottom;
    }

  section->top = top;
  section->bottom = bottom;
}

/* Absolute axes and label lines, once the extents are known. */
static void
assign_track (StrataPlacer *p,
              StrataTrack  *track,
              double        axis,
              double        label_y,
              guint         row)
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
        strata_placer_assign_section (p, strata_graph_section (p->graph, ~item), axis, label_y,
                                      row);
    }
}

void
strata_placer_assign_section (StrataPlacer  *p,
                              StrataSection *section,
                              double         axis,
                              double         label_y,
                              guint          row)
{
  section->axis = axis;
  for (guint l = 0; l < section->lanes->len; l++)
    {
      StrataTrack *lane = strata_graph_lane (p->graph, section, l);

      if ((int) l == section->main)
        assign_track (p, lane, axis, label_y, row);
      else
        assign_track (p, lane, axis + lane->offset,
                      axis + lane->offset + lane->node_below + LABEL_GAP, row);
    }
}

double
strata_placer_arc_y (StrataPlacer          *p,
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
