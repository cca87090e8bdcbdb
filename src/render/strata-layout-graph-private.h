/* strata-layout-graph-private.h: a network as the graph a diagram draws, cut into lanes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-layout-private.h"

G_BEGIN_DECLS

/* How an edge is drawn, decided as the graph is cut into lanes. */
typedef enum
{
  STRATA_ROUTE_STRAIGHT, /* to the next node along one axis */
  STRATA_ROUTE_FORK,     /* from a fork into the first node of a lane: along the lane's axis */
  STRATA_ROUTE_JOIN,     /* from the last node of a lane into its join: along the lane's axis */
  STRATA_ROUTE_ARC,      /* over the nodes it skips, at a level of its owner's arcs */
} StrataRoute;

typedef struct
{
  guint       from;      /* nodes */
  guint       to;
  StrataRoute route;
  int         owner;     /* an arc's section, or ~track for the arcs of a fallback track */
  guint       level;     /* an arc's level among its owner's, 0 nearest the nodes */
} StrataGraphEdge;

/* A drawn node: a layer, with the band layers folded into it, or the
 * network's input. Nodes are in the layers' order, which is an order
 * where every edge goes forward. */
typedef struct
{
  int   position;        /* its first layer, or STRATA_LAYOUT_INPUT */
  int   last;            /* the layer whose output leaves it: its last band, or position */
  guint first_in;        /* into StrataGraph.edges, in the order of the layer's inputs */
  guint n_in;
  guint first_out;       /* into StrataGraph.out_edges, by target */
  guint n_out;
  guint track;
} StrataGraphNode;

/* Terminals of a track or section that are not nodes. */
#define STRATA_TERMINAL_NONE     (-1) /* the network's sources, or its outputs */
/* The start of a row, where the output of the row before comes in. */
#define STRATA_TERMINAL_JUNCTION (-2)

/* A sequence of nodes and sections along one axis. A lane of a section
 * is a track; the main lane lies on the section's own axis. */
typedef struct
{
  GArray  *items;        /* int: a node, or ~section */
  int      section;      /* the section it is a lane of; -1 for the network's own track */
  /* A part of the graph that is not cut into lanes: its nodes in order,
   * every edge but those between neighbours drawn as an arc. */
  gboolean fallback;
  guint    n_levels;     /* of a fallback's arcs */

  /* Measured about its own axis, positive up and down. */
  gboolean measured;
  double   node_above;   /* its nodes, those of its main lanes included */
  double   node_below;
  double   top;          /* everything: lanes and arcs too */
  double   bottom;
  double   offset;       /* its axis below the axis of the track its section lies on */

  double   axis;         /* absolute, once placed */
  int      gutter;       /* its column in the bars style's graph */

  int      span_from;    /* terminals span was measured between, or G_MININT */
  int      span_to;
  double   span;
} StrataTrack;

/* Where a graph widens from the node @from to the node @to: the lanes
 * between them, and the edges from one to the other (arcs, or one
 * straight arrow when there is no lane). */
typedef struct
{
  int      from;         /* a node, or STRATA_TERMINAL_NONE */
  int      to;
  GArray  *lanes;        /* guint tracks, top to bottom */
  int      main;         /* the lane on the section's axis, or -1 when there is none */
  guint    n_arcs;

  double   top;          /* about its track's axis, within its span */
  double   bottom;
  double   arc_base;     /* the first arc's height above the axis */
  double   axis;         /* its track's, in its row, once placed */
  int      gutter;       /* the bars style's column of its first arc */

  int      span_from;    /* as for tracks */
  int      span_to;
  double   span;
} StrataSection;

typedef struct
{
  guint            *first_input; /* layer position → into inputs; one past the last layer */
  GArray           *inputs;    /* int: the layers each layer reads, resolved */
  GArray           *nodes;     /* StrataGraphNode */
  GArray           *edges;     /* StrataGraphEdge, by target then input */
  guint            *out_edges; /* edge indices */
  int              *node_of;   /* layer position + 1 → node */
  GPtrArray        *tracks;    /* StrataTrack; the first is the network's own */
  GPtrArray        *sections;  /* StrataSection */
  gboolean          is_chain;  /* every node reads the one before it, once */
  /* Its tracks and sections hold where a layout before placed them:
   * taken with the edges of a graph before (strata_graph_new_after()). */
  gboolean          placed;
  guint64           largest;   /* height or width of a node's spatial shape */
  guint             n_layers;
  gboolean          collapsed; /* some layer drawn as another (shown_as) */
  guint64          *extent;    /* per node: the larger side of its spatial shape, or 0 */
  /* Per layer: a band whose one input has no other reader, which folds
   * into the node of that input when it has the same shape. */
  guint8           *foldable;

  /* Scratch, one per node, for cutting into lanes. */
  guint            *stamp;
  guint             n_stamps;
  int              *index;
  int              *parent;
  int              *lane;      /* of a section's nodes, until its lanes are cut */
} StrataGraph;

/* strata-layout-graph.c */
/* @shown_as (may be NULL: every layer drawn) gives per layer the layer
 * drawn in its place: itself, or for a layer of a collapsed run the
 * layer at its place in the run's first unit, or for a layer of a user's
 * group drawn as one block that group's first layer. A layer not drawn
 * has no node (node_of is -1), and what reads it reads the one drawn
 * instead; the layers right after a layer that are drawn as it are its
 * node, which reads what they read from outside them. @previous (may be
 * NULL) is a graph of the network before an edit: when the edit changed
 * no link, its edges, lanes and arcs are taken, and it is left with
 * none, to be freed. Told what changed (@changes, may be NULL), a graph
 * takes its links and nodes too, when no link changed, without reading
 * the layers' links to compare them. @arrows (may be NULL) marks, per
 * layer, those drawn as the edge from what they read into their one
 * reader, which have no node either (strata_layout_find_arrows()). */
StrataGraph *strata_graph_new_after    (StrataNetwork             *network,
                                        const guint               *shown_as,
                                        const guint8              *arrows,
                                        StrataGraph               *previous,
                                        const StrataLayoutChanges *changes);
void         strata_graph_free         (StrataGraph   *graph);
/* Tracks and sections as a graph just cut has them. */
void         strata_graph_reset_placement (StrataGraph *graph);
/* The spans and measures tracks and sections keep, forgotten, as the
 * columns they were made from may have changed; where they were placed
 * stays. */
void         strata_graph_forget_spans (StrataGraph   *graph);
/* @section, its lanes and the sections in them, as just cut. */
void         strata_graph_reset_section (StrataGraph   *graph,
                                         StrataSection *section);

/* strata-layout-graph-cut.c: the graph's nodes cut into tracks and
 * sections, from its own track (section -1) down. */
guint        strata_graph_new_track    (StrataGraph   *graph,
                                        int            section);
void         strata_graph_cut_region   (StrataGraph   *graph,
                                        guint          track,
                                        int            fork,
                                        int            join,
                                        const int     *nodes,
                                        guint          n_nodes,
                                        guint          depth);

static inline StrataGraphNode *
strata_graph_node (StrataGraph *graph,
                   guint        node)
{
  return &g_array_index (graph->nodes, StrataGraphNode, node);
}

/* How many layers the layer at @position reads, and which. */
static inline guint
strata_graph_n_inputs (StrataGraph *graph,
                       guint        position)
{
  return graph->first_input[position + 1] - graph->first_input[position];
}

static inline int
strata_graph_input (StrataGraph *graph,
                    guint        position,
                    guint        index)
{
  return g_array_index (graph->inputs, int, graph->first_input[position] + index);
}

static inline StrataGraphEdge *
strata_graph_edge (StrataGraph *graph,
                   guint        edge)
{
  return &g_array_index (graph->edges, StrataGraphEdge, edge);
}

static inline StrataTrack *
strata_graph_track (StrataGraph *graph,
                    guint        track)
{
  return g_ptr_array_index (graph->tracks, track);
}

static inline StrataSection *
strata_graph_section (StrataGraph *graph,
                      guint        section)
{
  return g_ptr_array_index (graph->sections, section);
}

/* A section's lane @index, top to bottom. */
static inline StrataTrack *
strata_graph_lane (StrataGraph   *graph,
                   StrataSection *section,
                   guint          index)
{
  return strata_graph_track (graph, g_array_index (section->lanes, guint, index));
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataGraph, strata_graph_free)

G_END_DECLS
