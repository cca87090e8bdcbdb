/* strata-layout-graph.c: a network as the graph a diagram draws: its nodes and edges, and
 * what an edit's graph takes from the one before. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "strata-layout-graph-private.h"

/* What the layer at @position reads, as the layer at @node (itself, or
 * the first of a group drawn as one block) reads it: each layer drawn in
 * place of the one read, once, and none of the node's own; a layer drawn
 * as an arrow (@arrows) read as what it reads. */
static void
append_inputs (StrataGraph   *graph,
               StrataNetwork *network,
               const guint   *shown_as,
               const guint8  *arrows,
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
      if (arrows != NULL && at >= 0 && arrows[at])
        {
          input = strata_network_get_input_layer (network, at, 0);
          at = input != NULL ? strata_network_index_of (network, input) : STRATA_LAYOUT_INPUT;
        }
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
             const guint8       *arrows,
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
      if ((shown_as != NULL && shown_as[i] != i) || (arrows != NULL && arrows[i]))
        continue;
      append_inputs (graph, network, shown_as, arrows, i, i);
      /* The layers right after it drawn as it (a user's group drawn as
       * one block) are its node: it reads what they read from outside
       * it, and its output is the last one's. */
      if (shown_as != NULL && i + 1 < n_layers && shown_as[i + 1] == i)
        {
          guint j = i + 1;

          for (; j < n_layers && shown_as[j] == i; j++)
            append_inputs (graph, network, shown_as, arrows, i, j);
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
             const guint8       *arrows,
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

      if ((shown_as != NULL && shown_as[i] != i) || (arrows != NULL && arrows[i]))
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
reset_track (StrataTrack *track)
{
  track->measured = FALSE;
  track->node_above = track->node_below = track->top = track->bottom = 0;
  track->offset = track->axis = 0;
  track->gutter = 0;
  track->span_from = G_MININT;
  track->span_to = 0;
  track->span = 0;
}

static void
reset_section (StrataSection *section)
{
  section->top = section->bottom = section->arc_base = section->axis = 0;
  section->gutter = 0;
  section->span_from = G_MININT;
  section->span_to = 0;
  section->span = 0;
}

void
strata_graph_reset_placement (StrataGraph *graph)
{
  if (!graph->placed)
    return;
  for (guint t = 0; t < graph->tracks->len; t++)
    reset_track (strata_graph_track (graph, t));
  for (guint i = 0; i < graph->sections->len; i++)
    reset_section (strata_graph_section (graph, i));
  graph->placed = FALSE;
}

void
strata_graph_forget_spans (StrataGraph *graph)
{
  for (guint t = 0; t < graph->tracks->len; t++)
    {
      StrataTrack *track = strata_graph_track (graph, t);

      track->measured = FALSE;
      track->span_from = G_MININT;
    }
  for (guint i = 0; i < graph->sections->len; i++)
    strata_graph_section (graph, i)->span_from = G_MININT;
}

void
strata_graph_reset_section (StrataGraph   *graph,
                            StrataSection *section)
{
  reset_section (section);
  for (guint l = 0; l < section->lanes->len; l++)
    {
      StrataTrack *lane = strata_graph_lane (graph, section, l);

      reset_track (lane);
      for (guint i = 0; i < lane->items->len; i++)
        {
          int item = g_array_index (lane->items, int, i);

          if (item < 0)
            strata_graph_reset_section (graph, strata_graph_section (graph, ~item));
        }
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
  /* Where its sections were placed stays, for rows placed as they were
   * (strata-layout-place.c); strata_graph_reset_placement() forgets it. */
  graph->placed = TRUE;
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
                        const guint8              *arrows,
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
  graph->collapsed = shown_as != NULL || arrows != NULL;

  /* Reading every layer's links, resolved, to compare them was an eighth
   * of an edit's relayout of 100,000 layers that changed none. */
  if (previous != NULL && changes != NULL && !changes->links && !graph->collapsed &&
      !previous->collapsed && previous->n_layers == n_layers &&
      take_links (graph, network, previous, changes))
    return graph;

  outputs = g_new (const StrataShape *, MAX (n_layers, 1));
  bands = g_new (gboolean, MAX (n_layers, 1));
  read_layers (graph, network, shown_as, arrows, outputs, bands);
  build_nodes (graph, network, shown_as, arrows, outputs, bands);

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
  strata_graph_new_track (graph, -1);
  strata_graph_cut_region (graph, 0, STRATA_TERMINAL_NONE, STRATA_TERMINAL_NONE, all, n_nodes, 0);
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
