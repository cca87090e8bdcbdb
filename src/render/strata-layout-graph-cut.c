/* strata-layout-graph-cut.c: a diagram's graph cut into tracks and sections: lanes where it
 * widens, and a fallback of arcs where a cut would give a part back whole or nest too deep. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-layout-graph-private.h"

guint
strata_graph_new_track (StrataGraph *graph,
                        int          section)
{
  StrataTrack *track = g_new0 (StrataTrack, 1);

  track->items = g_array_new (FALSE, FALSE, sizeof (int));
  track->section = section;
  track->span_from = G_MININT;
  g_ptr_array_add (graph->tracks, track);
  return graph->tracks->len - 1;
}

static void
append_node (StrataGraph *graph,
             guint        track,
             guint        node)
{
  int item = node;

  g_array_append_val (strata_graph_track (graph, track)->items, item);
  strata_graph_node (graph, node)->track = track;
}

static void
set_route (StrataGraph *graph,
           guint        edge,
           StrataRoute  route,
           int          owner,
           guint        level)
{
  StrataGraphEdge *e = strata_graph_edge (graph, edge);

  e->route = route;
  e->owner = owner;
  e->level = level;
}

static guint
new_stamp (StrataGraph *graph)
{
  return ++graph->n_stamps;
}

static int
find_root (StrataGraph *graph,
           int          node)
{
  while (graph->parent[node] != node)
    {
      graph->parent[node] = graph->parent[graph->parent[node]];
      node = graph->parent[node];
    }
  return node;
}

/* Sections within sections, past which a part is drawn as a fallback:
 * the layout's recursions stay shallow whatever a file holds. */
#define MAX_DEPTH 48

/* An edge drawn as an arc over a fallback's nodes: the positions it
 * joins, the fork at -1 and the join at the count of nodes. */
typedef struct
{
  guint edge;
  int   from;
  int   to;
} FallbackArc;

static int
compare_arcs (gconstpointer a,
              gconstpointer b)
{
  const FallbackArc *x = a, *y = b;
  int length = (x->to - x->from) - (y->to - y->from);

  return length != 0 ? length : (x->from > y->from) - (x->from < y->from);
}

/* A part that is not cut into lanes, @nodes from @fork to @join: its
 * nodes in order, the edge between neighbours straight and every other
 * edge an arc, nested by what it spans so that arcs stack and never
 * share a level over the same gap. */
static void
build_fallback (StrataGraph *graph,
                guint        track,
                int          fork,
                int          join,
                const int   *nodes,
                guint        n_nodes)
{
  StrataTrack *t = strata_graph_track (graph, track);
  guint stamp = new_stamp (graph);
  g_autoptr(GArray) arcs = g_array_new (FALSE, FALSE, sizeof (FallbackArc));
  g_autofree gboolean *straight = g_new0 (gboolean, n_nodes + 1);
  g_autofree guint *levels = g_new0 (guint, n_nodes + 1);

  t->fallback = TRUE;
  for (guint i = 0; i < n_nodes; i++)
    {
      append_node (graph, track, nodes[i]);
      graph->stamp[nodes[i]] = stamp;
      graph->index[nodes[i]] = i;
    }

  for (int i = fork >= 0 ? -1 : 0; i < (int) n_nodes; i++)
    {
      StrataGraphNode *node = strata_graph_node (graph, i < 0 ? fork : nodes[i]);

      for (guint k = 0; k < node->n_out; k++)
        {
          guint e = graph->out_edges[node->first_out + k];
          guint to = strata_graph_edge (graph, e)->to;
          FallbackArc arc = { e, i, 0 };

          /* The fork's edges to other lanes, or past them to the join,
           * are the section's. */
          if (graph->stamp[to] == stamp)
            arc.to = graph->index[to];
          else if ((int) to == join && i >= 0)
            arc.to = n_nodes;
          else
            continue;

          if (arc.to == i + 1 && !straight[i + 1])
            {
              straight[i + 1] = TRUE;
              set_route (graph, e, i < 0 ? STRATA_ROUTE_FORK
                                         : arc.to == (int) n_nodes ? STRATA_ROUTE_JOIN
                                                                   : STRATA_ROUTE_STRAIGHT, 0, 0);
            }
          else
            g_array_append_val (arcs, arc);
        }
    }

  /* Shortest first, each a level above every arc over the same gaps. */
  g_array_sort (arcs, compare_arcs);
  for (guint a = 0; a < arcs->len; a++)
    {
      const FallbackArc *arc = &g_array_index (arcs, FallbackArc, a);
      guint level = 0;

      for (int gap = arc->from + 1; gap <= arc->to; gap++)
        level = MAX (level, levels[gap]);
      for (int gap = arc->from + 1; gap <= arc->to; gap++)
        levels[gap] = level + 1;
      set_route (graph, arc->edge, STRATA_ROUTE_ARC, ~(int) track, level);
      t->n_levels = MAX (t->n_levels, level + 1);
    }
}

/* Lanes in the order the join reads them (the order of a concatenation's
 * channels), or of their first node when nothing joins them. */
static int
lane_rank (StrataGraph   *graph,
           StrataSection *section,
           guint          stamp,
           const guint   *first,
           guint          lane)
{
  StrataGraphNode *join;

  if (section->to < 0)
    return first[lane];
  join = strata_graph_node (graph, section->to);
  for (guint k = 0; k < join->n_in; k++)
    {
      guint from = strata_graph_edge (graph, join->first_in + k)->from;

      if (graph->stamp[from] == stamp && graph->lane[from] == (int) lane)
        return k;
    }
  return G_MAXINT;
}

/* The section between @from and @to over @nodes: its lanes are the parts
 * of @nodes that no edge joins, each cut again. When @whole, @from and
 * @to are the region's own ends, so one part would be the region again:
 * it is drawn as a fallback, as are all the parts of a section @depth
 * sections deep. */
static void
cut_section (StrataGraph *graph,
             guint        track,
             int          from,
             int          to,
             const int   *nodes,
             guint        n_nodes,
             gboolean     whole,
             guint        depth)
{
  StrataSection *section = g_new0 (StrataSection, 1);
  guint index = graph->sections->len;
  int item = ~(int) index;
  guint stamp = new_stamp (graph);
  int *lane_of = graph->lane;
  guint n_out = from >= 0 ? strata_graph_node (graph, from)->n_out : 0;
  /* One block for this section's lists, which are at most as long as
   * its nodes: a graph of many small sections allocates little. */
  g_autofree guint *scratch = g_new (guint, 7 * n_nodes + 1 + n_out);
  int *order = (int *) scratch;        /* the nodes, lane by lane */
  guint *firsts = scratch + n_nodes;   /* each lane's first node, as an index into @nodes */
  guint *counts = firsts + n_nodes;    /* each lane's count of nodes */
  guint *at = counts + n_nodes;        /* n_lanes + 1 starts into @order */
  int *ranks = (int *) at + n_nodes + 1;
  guint *lanes = (guint *) ranks + n_nodes;
  guint *sorted = lanes + n_nodes;
  guint *direct = sorted + n_nodes;
  guint n_lanes = 0, n_direct = 0;

  section->from = from;
  section->to = to;
  section->lanes = g_array_new (FALSE, FALSE, sizeof (guint));
  section->main = -1;
  section->span_from = G_MININT;
  g_ptr_array_add (graph->sections, section);
  g_array_append_val (strata_graph_track (graph, track)->items, item);

  if (from >= 0 && to >= 0 && !whole)
    {
      StrataGraphNode *node = strata_graph_node (graph, from);

      for (guint k = 0; k < node->n_out; k++)
        {
          guint e = graph->out_edges[node->first_out + k];

          if ((int) strata_graph_edge (graph, e)->to == to)
            direct[n_direct++] = e;
        }
    }

  /* The parts: nodes joined by edges among themselves. */
  for (guint i = 0; i < n_nodes; i++)
    {
      graph->stamp[nodes[i]] = stamp;
      graph->parent[nodes[i]] = nodes[i];
    }
  for (guint i = 0; i < n_nodes; i++)
    {
      StrataGraphNode *node = strata_graph_node (graph, nodes[i]);

      for (guint k = 0; k < node->n_out; k++)
        {
          guint to_node = strata_graph_edge (graph, graph->out_edges[node->first_out + k])->to;

          if (graph->stamp[to_node] == stamp)
            graph->parent[find_root (graph, to_node)] = find_root (graph, nodes[i]);
        }
    }
  for (guint i = 0; i < n_nodes; i++)
    lane_of[nodes[i]] = -1;
  for (guint i = 0; i < n_nodes; i++)
    {
      int root = find_root (graph, nodes[i]);

      if (lane_of[root] < 0)
        {
          lane_of[root] = n_lanes;
          firsts[n_lanes] = i;
          counts[n_lanes++] = 0;
        }
      lane_of[nodes[i]] = lane_of[root];
      counts[lane_of[root]]++;
    }
  if (depth >= MAX_DEPTH && n_lanes > 1)
    {
      for (guint i = 0; i < n_nodes; i++)
        lane_of[nodes[i]] = 0;
      counts[0] = n_nodes;
      n_lanes = 1;
    }

  /* Each part's nodes together, in order, for cutting each in turn. */
  at[0] = 0;
  for (guint l = 0; l < n_lanes; l++)
    at[l + 1] = at[l] + counts[l];
  for (guint i = 0; i < n_nodes; i++)
    order[at[lane_of[nodes[i]]]++] = nodes[i];

  for (guint l = 0; l < n_lanes; l++)
    ranks[l] = lane_rank (graph, section, stamp, firsts, l);

  for (guint l = 0, start = 0; l < n_lanes; l++)
    {
      lanes[l] = strata_graph_new_track (graph, index);
      if ((whole && n_lanes == 1) || depth >= MAX_DEPTH)
        build_fallback (graph, lanes[l], from, to, order + start, n_nodes);
      else
        strata_graph_cut_region (graph, lanes[l], from, to, order + start, counts[l], depth + 1);
      start += counts[l];
    }

  /* Top to bottom in the join's order; the lane of most nodes stays on
   * the axis (of equals, the one nearest the middle). A single other
   * lane goes above, as a shortcut over the blocks it skips. */
  {
    double middle = (n_lanes - 1) / 2.0;
    int main = -1;

    for (guint l = 0; l < n_lanes; l++)
      {
        guint place = l;

        while (place > 0 && ranks[sorted[place - 1]] > ranks[l])
          {
            sorted[place] = sorted[place - 1];
            place--;
          }
        sorted[place] = l;
      }
    for (guint l = 0; l < n_lanes; l++)
      {
        guint size = counts[sorted[l]];

        if (main < 0 || size > counts[sorted[main]] ||
            (size == counts[sorted[main]] && ABS (l - middle) < ABS (main - middle)))
          main = l;
      }
    if (n_lanes == 2 && main == 0)
      {
        guint other = sorted[1];

        sorted[1] = sorted[0];
        sorted[0] = other;
        main = 1;
      }
    for (guint l = 0; l < n_lanes; l++)
      g_array_append_val (section->lanes, lanes[sorted[l]]);
    section->main = main;
  }

  /* Without a lane, the first edge is the arrow along the axis. */
  for (guint k = 0; k < n_direct; k++)
    {
      if (n_lanes == 0 && k == 0)
        set_route (graph, direct[k], STRATA_ROUTE_STRAIGHT, 0, 0);
      else
        set_route (graph, direct[k], STRATA_ROUTE_ARC, index, section->n_arcs++);
    }
}

/* Cuts @nodes (in order), all between @fork and @join, along @track: the
 * nodes every path from @fork to @join goes through stay on the track,
 * and where the graph widens between two of them it is a section. A node
 * is on every path when no edge jumps over it, which one sweep finds. */
void
strata_graph_cut_region (StrataGraph *graph,
                         guint        track,
                         int          fork,
                         int          join,
                         const int   *nodes,
                         guint        n_nodes,
                         guint        depth)
{
  guint stamp = new_stamp (graph);
  g_autoptr(GArray) narrow = g_array_new (FALSE, FALSE, sizeof (guint));
  int reach = -1;
  int prev = fork;
  guint start = 0;

  for (guint i = 0; i < n_nodes; i++)
    {
      graph->stamp[nodes[i]] = stamp;
      graph->index[nodes[i]] = i;
    }

  /* How far the edges from the fork reach: from the network's sources
   * when the fork is none. */
  if (fork >= 0)
    {
      StrataGraphNode *node = strata_graph_node (graph, fork);

      for (guint k = 0; k < node->n_out; k++)
        {
          guint to = strata_graph_edge (graph, graph->out_edges[node->first_out + k])->to;

          if (graph->stamp[to] == stamp)
            reach = MAX (reach, graph->index[to]);
        }
    }
  else
    for (guint i = 0; i < n_nodes; i++)
      if (strata_graph_node (graph, nodes[i])->n_in == 0)
        reach = MAX (reach, (int) i);

  for (guint i = 0; i < n_nodes; i++)
    {
      StrataGraphNode *node = strata_graph_node (graph, nodes[i]);

      if (reach <= (int) i)
        g_array_append_val (narrow, i);
      for (guint k = 0; k < node->n_out; k++)
        {
          guint to = strata_graph_edge (graph, graph->out_edges[node->first_out + k])->to;

          reach = MAX (reach, graph->stamp[to] == stamp ? graph->index[to] : (int) n_nodes);
        }
      /* An output of the network reaches its end. */
      if (node->n_out == 0)
        reach = MAX (reach, (int) n_nodes);
    }

  for (guint d = 0; d <= narrow->len; d++)
    {
      guint at = d < narrow->len ? g_array_index (narrow, guint, d) : n_nodes;
      int next = at < n_nodes ? nodes[at] : join;

      if (at > start)
        cut_section (graph, track, prev, next, nodes + start, at - start,
                     prev == fork && at == n_nodes, depth);
      else if (prev >= 0 && next >= 0)
        {
          StrataGraphNode *node = strata_graph_node (graph, prev);
          guint n_edges = 0, edge = 0;

          for (guint k = 0; k < node->n_out; k++)
            {
              guint e = graph->out_edges[node->first_out + k];

              if ((int) strata_graph_edge (graph, e)->to == next && n_edges++ == 0)
                edge = e;
            }
          if (n_edges == 1)
            set_route (graph, edge,
                       prev == fork ? STRATA_ROUTE_FORK
                                    : next == join ? STRATA_ROUTE_JOIN : STRATA_ROUTE_STRAIGHT,
                       0, 0);
          else if (n_edges > 1)
            cut_section (graph, track, prev, next, NULL, 0, FALSE, depth);
        }

      if (at < n_nodes)
        append_node (graph, track, nodes[at]);
      prev = next;
      start = at + 1;
    }
}
