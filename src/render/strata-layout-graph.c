/* strata-layout-graph.c: a network as the graph a diagram draws, cut into lanes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "strata-layout-graph-private.h"

/* What the layer at @position reads, as the layer at @node (itself, or
 * the first of a group drawn as one block) reads it: each layer drawn in
 * place of the one read, once, and none of the node's own. */
static void
append_inputs (StrataGraph   *graph,
               StrataNetwork *network,
               const guint   *shown_as,
               guint          node,
               guint          position)
{
  guint n = strata_network_get_n_input_layers (network, position);

  for (guint k = 0; k < n; k++)
    {
      StrataLayer *input = strata_network_get_input_layer (network, position, k);
      int at = input != NULL ? strata_network_index_of (network, input) : STRATA_LAYOUT_INPUT;
      gboolean again = FALSE;
      gboolean mapped;

      if (at >= (int) position)
        continue;
      mapped = at >= 0 && shown_as != NULL && shown_as[at] != (guint) at;
      if (mapped)
        at = shown_as[at];
      if (node != position && at == (int) node)
        continue;
      /* Two layers drawn as one are one edge. */
      if (mapped || node != position)
        for (guint e = graph->first_input[node]; e < graph->inputs->len && !again; e++)
          again = g_array_index (graph->inputs, int, e) == at;
      if (!again)
        g_array_append_val (graph->inputs, at);
    }
}

/* What the graph needs of each layer, read once: the layers it reads,
 * resolved, as positions (STRATA_LAYOUT_INPUT for the network's input);
 * its output (NULL without a shape), and whether it is a band. A layer
 * can only read earlier layers; one that claimed otherwise would break
 * the order every edge relies on, so it is not drawn as read. */
static void
read_layers (StrataGraph        *graph,
             StrataNetwork      *network,
             const guint        *shown_as,
             const StrataShape **outputs,
             gboolean           *bands)
{
  guint n_layers = strata_network_get_n_layers (network);

  graph->first_input = g_new (guint, n_layers + 1);
  graph->inputs = g_array_sized_new (FALSE, FALSE, sizeof (int), n_layers);
  for (guint i = 0; i < n_layers; i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);

      outputs[i] = strata_layer_get_output_shape (layer);
      bands[i] = (strata_layer_get_kind_info (layer)->flags & STRATA_LAYER_KIND_FLAG_BAND) != 0;

      graph->first_input[i] = graph->inputs->len;
      if (shown_as != NULL && shown_as[i] != i)
        continue;
      append_inputs (graph, network, shown_as, i, i);
      /* The layers right after it drawn as it (a user's group drawn as
       * one block) are its node: it reads what they read from outside
       * it, and its output is the last one's. */
      if (shown_as != NULL && i + 1 < n_layers && shown_as[i + 1] == i)
        {
          guint j = i + 1;

          for (; j < n_layers && shown_as[j] == i; j++)
            append_inputs (graph, network, shown_as, i, j);
          outputs[i] = strata_layer_get_output_shape (strata_network_get_layer (network, j - 1));
          bands[i] = FALSE;
        }
    }
  graph->first_input[n_layers] = graph->inputs->len;
}

static guint
add_node (StrataGraph *graph,
          int          position)
{
  StrataGraphNode node = { position, position, 0, 0, 0, 0, 0 };

  g_array_append_val (graph->nodes, node);
  return graph->nodes->len - 1;
}

/* Nodes, with the band layers folded into the node they follow: a layer
 * that only acts on values and keeps the shape, whose input nothing else
 * reads (else the other reader would be drawn reading its output). */
static void
build_nodes (StrataGraph        *graph,
             StrataNetwork      *network,
             const guint        *shown_as,
             const StrataShape **outputs,
             const gboolean     *bands)
{
  guint n_layers = strata_network_get_n_layers (network);
  g_autofree guint *readers = g_new0 (guint, n_layers + 1);
  g_autofree const StrataShape **shapes = g_new0 (const StrataShape *, n_layers + 1);

  for (guint j = 0; j < graph->inputs->len; j++)
    readers[g_array_index (graph->inputs, int, j) + 1]++;

  graph->node_of = g_new (int, n_layers + 1);
  graph->foldable = g_new0 (guint8, MAX (n_layers, 1));
  graph->node_of[0] = add_node (graph, STRATA_LAYOUT_INPUT);
  shapes[0] = strata_network_get_input_shape (network);
  graph->largest = MAX (shapes[0]->height, shapes[0]->width);

  for (guint i = 0; i < n_layers; i++)
    {
      const StrataShape *output = outputs[i];
      int at = strata_graph_n_inputs (graph, i) == 1 ? strata_graph_input (graph, i, 0) : G_MININT;

      if (shown_as != NULL && shown_as[i] != i)
        {
          graph->node_of[i + 1] = -1;
          continue;
        }
      graph->foldable[i] = at != G_MININT && bands[i] && readers[at + 1] == 1;
      if (output != NULL && graph->foldable[i])
        {
          guint node = graph->node_of[at + 1];
          const StrataShape *shape = shapes[strata_graph_node (graph, node)->position + 1];

          if (shape != NULL && strata_shape_equal (shape, output))
            {
              graph->node_of[i + 1] = node;
              strata_graph_node (graph, node)->last = i;
              continue;
            }
        }

      graph->node_of[i + 1] = add_node (graph, i);
      shapes[i + 1] = output;
    }

  graph->extent = g_new (guint64, graph->nodes->len);
  for (guint v = 0; v < graph->nodes->len; v++)
    {
      const StrataShape *shape = shapes[strata_graph_node (graph, v)->position + 1];

      graph->extent[v] = shape != NULL && !shape->is_vector ? MAX (shape->height, shape->width) : 0;
      graph->largest = MAX (graph->largest, graph->extent[v]);
    }
}

/* The larger side of the spatial shape of the layer at @position (the
 * network's input for STRATA_LAYOUT_INPUT), or 0. */
static guint64
extent_of (StrataNetwork *network,
           int            position)
{
  const StrataShape *shape =
    position < 0 ? strata_network_get_input_shape (network)
                 : strata_layer_get_output_shape (strata_network_get_layer (network, position));

  return shape != NULL && !shape->is_vector ? MAX (shape->height, shape->width) : 0;
}

/* Whether the layer at @position folds into the node of its input: see
 * build_nodes(), whose nodes @graph has. */
static gboolean
folds (StrataGraph   *graph,
       StrataNetwork *network,
       guint          position)
{
  const StrataShape *output, *shape;
  int block;

  if (!graph->foldable[position])
    return FALSE;
  output = strata_layer_get_output_shape (strata_network_get_layer (network, position));
  block = strata_graph_node (graph,
                             graph->node_of[strata_graph_input (graph, position, 0) + 1])->position;
  shape = block < 0 ? strata_network_get_input_shape (network)
                    : strata_layer_get_output_shape (strata_network_get_layer (network, block));
  return output != NULL && shape != NULL && strata_shape_equal (shape, output);
}

/* One edge per input of each node's first layer, then each node's list
 * of edges out, sorted by target as the edges are. */
static void
build_edges (StrataGraph *graph)
{
  guint n_nodes = graph->nodes->len;
  g_autofree guint *fill = NULL;

  graph->is_chain = TRUE;
  for (guint v = 1; v < n_nodes; v++)
    {
      StrataGraphNode *node = strata_graph_node (graph, v);
      guint n = strata_graph_n_inputs (graph, node->position);

      node->first_in = graph->edges->len;
      for (guint k = 0; k < n; k++)
        {
          StrataGraphEdge edge = { 0 };

          edge.from = graph->node_of[strata_graph_input (graph, node->position, k) + 1];
          edge.to = v;
          g_array_append_val (graph->edges, edge);
        }
      node->n_in = n;
      if (n != 1 || strata_graph_edge (graph, node->first_in)->from != v - 1)
        graph->is_chain = FALSE;
    }

  graph->out_edges = g_new (guint, MAX (graph->edges->len, 1));
  fill = g_new0 (guint, n_nodes);
  for (guint e = 0; e < graph->edges->len; e++)
    strata_graph_node (graph, strata_graph_edge (graph, e)->from)->n_out++;
  for (guint v = 0, at = 0; v < n_nodes; v++)
    {
      strata_graph_node (graph, v)->first_out = at;
      at += strata_graph_node (graph, v)->n_out;
    }
  for (guint e = 0; e < graph->edges->len; e++)
    {
      StrataGraphNode *from = strata_graph_node (graph, strata_graph_edge (graph, e)->from);

      graph->out_edges[from->first_out + fill[strata_graph_edge (graph, e)->from]++] = e;
    }
}

static guint
new_track (StrataGraph *graph,
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
free_track (gpointer data)
{
  StrataTrack *track = data;

  g_array_unref (track->items);
  g_free (track);
}

static void
free_section (gpointer data)
{
  StrataSection *section = data;

  g_array_unref (section->lanes);
  g_free (section);
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

static void cut_region (StrataGraph *graph,
                        guint        track,
                        int          fork,
                        int          join,
                        const int   *nodes,
                        guint        n_nodes,
                        guint        depth);

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
      lanes[l] = new_track (graph, index);
      if ((whole && n_lanes == 1) || depth >= MAX_DEPTH)
        build_fallback (graph, lanes[l], from, to, order + start, n_nodes);
      else
        cut_region (graph, lanes[l], from, to, order + start, counts[l], depth + 1);
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
static void
cut_region (StrataGraph *graph,
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

/* What placing a graph leaves in its tracks and sections, as a graph
 * just cut has them. */
static void
reset_placement (StrataGraph *graph)
{
  for (guint t = 0; t < graph->tracks->len; t++)
    {
      StrataTrack *track = strata_graph_track (graph, t);

      track->measured = FALSE;
      track->node_above = track->node_below = track->top = track->bottom = 0;
      track->offset = track->axis = 0;
      track->gutter = 0;
      track->span_from = G_MININT;
      track->span_to = 0;
      track->span = 0;
    }
  for (guint i = 0; i < graph->sections->len; i++)
    {
      StrataSection *section = strata_graph_section (graph, i);

      section->top = section->bottom = section->arc_base = section->axis = 0;
      section->gutter = 0;
      section->span_from = G_MININT;
      section->span_to = 0;
      section->span = 0;
    }
}

/* Whether @graph, read from a network, has the layers, inputs and nodes
 * of @previous, so that it is cut into the same lanes. */
static gboolean
same_nodes (StrataGraph *graph,
            StrataGraph *previous,
            guint        n_layers)
{
  if (previous->nodes->len != graph->nodes->len ||
      previous->inputs->len != graph->inputs->len ||
      previous->first_input[n_layers] != graph->first_input[n_layers] ||
      memcmp (previous->first_input, graph->first_input, n_layers * sizeof (guint)) != 0 ||
      (graph->inputs->len > 0 &&
       memcmp (previous->inputs->data, graph->inputs->data,
               graph->inputs->len * sizeof (int)) != 0) ||
      memcmp (previous->node_of, graph->node_of, (n_layers + 1) * sizeof (int)) != 0)
    return FALSE;
  for (guint v = 0; v < graph->nodes->len; v++)
    {
      const StrataGraphNode *a = strata_graph_node (graph, v);
      const StrataGraphNode *b = strata_graph_node (previous, v);

      if (a->position != b->position || a->last != b->last)
        return FALSE;
    }
  return TRUE;
}

#define SWAP(a, b) G_STMT_START { gpointer t_ = (gpointer) (a); (a) = (b); (b) = t_; } G_STMT_END

/* The edges, lanes and arcs of @previous taken by @graph, which has its
 * nodes, @previous left with @graph's, to be freed. */
static void
take_edges (StrataGraph *graph,
            StrataGraph *previous)
{
  SWAP (graph->nodes, previous->nodes);
  SWAP (graph->edges, previous->edges);
  SWAP (graph->out_edges, previous->out_edges);
  SWAP (graph->tracks, previous->tracks);
  SWAP (graph->sections, previous->sections);
  SWAP (graph->stamp, previous->stamp);
  SWAP (graph->index, previous->index);
  SWAP (graph->parent, previous->parent);
  SWAP (graph->lane, previous->lane);
  graph->n_stamps = previous->n_stamps;
  graph->is_chain = previous->is_chain;
  reset_placement (graph);
}

/* No link changed and no layer is drawn as another: the layers read
 * what they read, so the graph is @previous's but where a changed layer
 * is a band that folds into its input's node, or stops folding, as its
 * shape and that node's change, and for the largest side. FALSE, taking
 * nothing, when some band folds otherwise: the nodes are then new. */
static gboolean
take_links (StrataGraph               *graph,
            StrataNetwork             *network,
            StrataGraph               *previous,
            const StrataLayoutChanges *changes)
{
  guint n_layers = previous->n_layers;
  guint end = MIN (changes->end, n_layers);

  for (guint i = changes->first; i < end; i++)
    {
      int node = previous->node_of[i + 1];
      gboolean folded = strata_graph_node (previous, node)->position != (int) i;

      if (folds (previous, network, i) != folded)
        return FALSE;
    }

  SWAP (graph->first_input, previous->first_input);
  SWAP (graph->inputs, previous->inputs);
  SWAP (graph->node_of, previous->node_of);
  SWAP (graph->foldable, previous->foldable);
  SWAP (graph->extent, previous->extent);
  take_edges (graph, previous);
  if (changes->input)
    graph->extent[0] = extent_of (network, STRATA_LAYOUT_INPUT);
  for (guint i = changes->first; i < end; i++)
    {
      int node = graph->node_of[i + 1];

      if (strata_graph_node (graph, node)->position == (int) i)
        graph->extent[node] = extent_of (network, i);
    }
  graph->largest = 0;
  for (guint v = 0; v < graph->nodes->len; v++)
    graph->largest = MAX (graph->largest, graph->extent[v]);
  return TRUE;
}

StrataGraph *
strata_graph_new_after (StrataNetwork             *network,
                        const guint               *shown_as,
                        StrataGraph               *previous,
                        const StrataLayoutChanges *changes)
{
  StrataGraph *graph = g_new0 (StrataGraph, 1);
  guint n_layers = strata_network_get_n_layers (network);
  g_autofree const StrataShape **outputs = NULL;
  g_autofree gboolean *bands = NULL;
  g_autofree int *all = NULL;
  guint n_nodes;

  graph->nodes = g_array_sized_new (FALSE, TRUE, sizeof (StrataGraphNode), n_layers + 1);
  graph->edges = g_array_sized_new (FALSE, TRUE, sizeof (StrataGraphEdge), n_layers);
  graph->tracks = g_ptr_array_new_with_free_func (free_track);
  graph->sections = g_ptr_array_new_with_free_func (free_section);
  graph->n_layers = n_layers;
  graph->collapsed = shown_as != NULL;

  /* Reading every layer's links, resolved, to compare them was an eighth
   * of an edit's relayout of 100,000 layers that changed none. */
  if (previous != NULL && changes != NULL && !changes->links && shown_as == NULL &&
      !previous->collapsed && previous->n_layers == n_layers &&
      take_links (graph, network, previous, changes))
    return graph;

  outputs = g_new (const StrataShape *, MAX (n_layers, 1));
  bands = g_new (gboolean, MAX (n_layers, 1));
  read_layers (graph, network, shown_as, outputs, bands);
  build_nodes (graph, network, shown_as, outputs, bands);

  /* The edit left the links as they were: the edges, lanes and arcs of
   * the graph before are this one's, which cutting a large graph again
   * and freeing the one before took most of the time of a relayout's
   * graph. They change places with this graph's empty ones, so that
   * @previous stays a graph to free. */
  if (previous != NULL && same_nodes (graph, previous, n_layers))
    {
      take_edges (graph, previous);
      return graph;
    }

  build_edges (graph);

  n_nodes = graph->nodes->len;
  graph->stamp = g_new0 (guint, n_nodes);
  graph->index = g_new0 (int, n_nodes);
  graph->parent = g_new0 (int, n_nodes);
  graph->lane = g_new0 (int, n_nodes);
  all = g_new (int, n_nodes);
  for (guint v = 0; v < n_nodes; v++)
    all[v] = v;
  new_track (graph, -1);
  cut_region (graph, 0, STRATA_TERMINAL_NONE, STRATA_TERMINAL_NONE, all, n_nodes, 0);
  return graph;
}

void
strata_graph_free (StrataGraph *graph)
{
  if (graph == NULL)
    return;

  g_array_unref (graph->nodes);
  g_array_unref (graph->edges);
  g_free (graph->first_input);
  /* None in a graph whose links another took. */
  g_clear_pointer (&graph->inputs, g_array_unref);
  g_free (graph->out_edges);
  g_free (graph->node_of);
  g_ptr_array_unref (graph->tracks);
  g_ptr_array_unref (graph->sections);
  g_free (graph->stamp);
  g_free (graph->index);
  g_free (graph->parent);
  g_free (graph->lane);
  g_free (graph->extent);
  g_free (graph->foldable);
  g_free (graph);
}
