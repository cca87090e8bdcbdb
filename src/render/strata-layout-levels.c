/* strata-layout-levels.c: a graph whose skip edges nest, drawn as a U, a row per level. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-layout-place-private.h"

/* The figure of the U-Net paper: each resolution level is a row, its
 * encoder blocks on the left, its decoder blocks on the right at the
 * same height, the skip connection one straight line across between
 * them; the levels go down to the innermost layers (the bottleneck) at
 * the bottom, in the middle. Two rows facing each other stay about 3.5
 * times as wide as they are high; the levels are as high as the network
 * is deep, and how far each level steps in from the one above sets how
 * wide they are, which fits the drawing to a page's shape: a page tries
 * widths, and the steps are the largest that keep the drawing within
 * the width asked for.
 *
 * A skip edge is one level (strata_placer_find_fold() finds them). The
 * layout's rows are the parts of the levels, in the nodes' order, which
 * rows keep: the left part of each level top down, the innermost
 * layers, then the right part of each level bottom up. A level's left
 * part steps down into the next one's from its fork: straight down the
 * fork's bus and into the first block when that block is right of the
 * line, else down to the middle of the gap between the levels, back
 * left along it and into the block, as a wrapped row's connector does.
 * Its right part is the same mirrored, up into the merge the skip edge
 * feeds, along the line before it (its join's bus). Every line thus
 * keeps to the gaps between labels and between levels, and none crosses
 * another but where edges of one tensor leave together or edges into
 * one merge come in together. */

/* The least line from a bus to an arrow's head, or out of a block to
 * the line it climbs: a connector's step back is never shorter than
 * this less the arrow's own room. A page short of room for the text
 * (close_levels) takes half of it, still longer than the widest line
 * is wide. */
#define LEVEL_RUN    16.0
/* The least step of a level in from the one above, so that the drawing
 * stays a U at its narrowest; a page short of room for the text
 * (close_levels) takes half of it, which is still a step one sees. */
#define LEVEL_INDENT 30.0
/* The least skip edge between its fork's bus and its merge's. */
#define LEVEL_SKIP   22.0
/* Between one level's labels and the blocks of the next: room for a
 * connector's one line, less than rows leave, whose connectors share
 * their gap with arcs. */
#define LEVEL_GAP    26.0
/* With close_levels, as lanes are on such a page: the connector's line
 * in the middle still clears the labels above and the blocks below by
 * more than its width. The labels then sit closer under their blocks. */
#define CLOSE_LEVEL_GAP   13.0
#define CLOSE_LABEL_GAP   6.0
/* The room for an arrow's head on the line into a block. */
#define HEAD_ROOM    (STRATA_ARROW_HEAD + 4)

typedef struct
{
  StrataFold fold;
  guint      n_levels;  /* the skip edges */
  guint      n_rows;    /* 2 n_levels + 1 */
  guint     *starts;    /* the first node of each row, and one past the last */
  double    *top;       /* per level, the innermost last */
  double    *axis;
  double    *label_y;
  double    *bottom;
  double     indent;    /* LEVEL_INDENT, or with close_levels half of it */
  double     run;       /* LEVEL_RUN, or with close_levels half of it */
  double     gap;       /* between levels */
  double     label_gap; /* between a level's blocks and its labels */
} Levels;

static guint
fork_at (const Levels *lv,
         guint         level)
{
  return g_array_index (lv->fold.forks, guint, level);
}

static guint
merge_at (const Levels *lv,
          guint         level)
{
  return g_array_index (lv->fold.merges, guint, level);
}

/* The level of row @r: its left parts first, then the innermost, then
 * the right parts back up. */
static guint
level_of_row (const Levels *lv,
              guint         r)
{
  return r <= lv->n_levels ? r : 2 * lv->n_levels - r;
}

/* Nodes @first .. @end - 1 along a row from @cx, the first's centre. */
static void
place_part (StrataPlacer *p,
            guint         first,
            guint         end,
            double        cx)
{
  p->cx[first] = cx;
  for (guint i = first + 1; i < end; i++)
    p->cx[i] = p->cx[i - 1] + strata_column_distance (strata_placer_column (p, i - 1),
                                                      strata_placer_column (p, i));
}

/* The same, back from @cx, the last's centre. */
static void
place_part_back (StrataPlacer *p,
                 guint         first,
                 guint         end,
                 double        cx)
{
  p->cx[end - 1] = cx;
  for (guint i = end - 1; i > first; i--)
    p->cx[i - 1] = p->cx[i] - strata_column_distance (strata_placer_column (p, i - 1),
                                                      strata_placer_column (p, i));
}

static double
bus_of (StrataPlacer *p,
        guint         node)
{
  return strata_placer_fork_bus (strata_placer_column (p, node), p->cx[node]);
}

static double
join_of (StrataPlacer *p,
         guint         node)
{
  return p->cx[node] - strata_placer_join_reach (strata_placer_column (p, node));
}

/* The layer drawn as the edge into node @v as an arrow of @kind, which
 * one of its first layer's inputs is, or -1. A U leads one edge into a
 * node from the level above (down) and one into a merge from the level
 * below (up), so that the layer is that edge's. */
static int
arrow_into (StrataPlacer    *p,
            guint            v,
            StrataArrowKind  kind)
{
  int position = strata_placer_column (p, v)->position;

  if (p->b->arrows == NULL || position < 0)
    return -1;
  for (guint j = 0; j < strata_network_get_n_input_layers (p->b->network, position); j++)
    {
      StrataLayer *input = strata_network_get_input_layer (p->b->network, position, j);
      int at = input != NULL ? strata_network_index_of (p->b->network, input) : -1;

      if (at >= 0 && p->b->arrows[at] == kind)
        return at;
    }
  return -1;
}

/* Every node's centre with each level stepped in by @t of the way from
 * the least step to the one that lets its edges go straight down and up;
 * returns the right of the widest row. */
static double
place_x (StrataPlacer *p,
         const Levels *lv,
         double        t)
{
  guint n_levels = lv->n_levels, n_nodes = p->graph->nodes->len;
  guint inner = lv->starts[n_levels], inner_end = lv->starts[n_levels + 1];
  double inner_right = 0, xr = 0, span, shift, right = 0;

  /* Down the left: each level's first block from its fork's bus. */
  place_part (p, 0, lv->starts[1], p->x0 + strata_column_width (strata_placer_column (p, 0)) / 2);
  for (guint k = 0; k < n_levels; k++)
    {
      guint s = fork_at (lv, k) + 1;
      double half = strata_placer_column (p, s)->block_width / 2;
      double straight = bus_of (p, fork_at (lv, k)) + STRATA_ARROW_SPACE + HEAD_ROOM +
                        lv->run + half;
      double least = MAX (p->cx[lv->starts[k]] + lv->indent,
                          p->xl + STRATA_ARROW_SPACE + STRATA_ARROW_HEAD + lv->run + half);

      least = MIN (least, straight);
      place_part (p, s, lv->starts[k + 2], least + t * (straight - least));
    }

  /* Up the right, measured back from its right end: each level's last
   * block from its merge's bus above. */
  place_part_back (p, merge_at (lv, 0), n_nodes,
                   -strata_column_width (strata_placer_column (p, n_nodes - 1)) / 2);
  for (guint k = 0; k < n_levels; k++)
    {
      guint e = merge_at (lv, k) - 1;
      guint last = k == 0 ? n_nodes - 1 : merge_at (lv, k - 1) - 1;
      double straight = join_of (p, merge_at (lv, k)) - lv->run - STRATA_ARROW_SPACE -
                        strata_placer_column (p, e)->block_width / 2;
      double least = MAX (p->cx[last] - lv->indent, straight);
      double cx = least + t * (straight - least);

      if (k + 1 < n_levels)
        place_part_back (p, merge_at (lv, k + 1), merge_at (lv, k), cx);
      else
        inner_right = cx;
    }

  /* The right end where every skip edge has its length and the
   * innermost layers fit between their two bounds. */
  span = p->cx[inner_end - 1] - p->cx[inner];
  xr = p->cx[inner] + span - inner_right;
  for (guint k = 0; k < n_levels; k++)
    xr = MAX (xr, LEVEL_SKIP + bus_of (p, fork_at (lv, k)) - join_of (p, merge_at (lv, k)));
  for (guint i = lv->starts[n_levels + 1]; i < n_nodes; i++)
    p->cx[i] += xr;
  /* The innermost layers in the middle of the room they have. */
  shift = (xr + inner_right - span - p->cx[inner]) / 2;
  for (guint i = inner; i < inner_end; i++)
    p->cx[i] += shift;

  for (guint i = 0; i < n_nodes; i++)
    right = MAX (right, p->cx[i] + strata_column_width (strata_placer_column (p, i)) / 2);
  return right;
}

/* The largest steps whose drawing is no wider than the width asked for,
 * or the whole steps without a limit. */
static void
fit_x (StrataPlacer *p,
       const Levels *lv)
{
  double limit = p->self->options.max_width - MARGIN;
  double lo = 0, hi = 1;

  if (place_x (p, lv, 1) <= limit || p->self->options.max_width <= 0 ||
      place_x (p, lv, 0) > limit)
    return;
  for (guint iter = 0; iter < 30; iter++)
    {
      double mid = (lo + hi) / 2;

      if (place_x (p, lv, mid) <= limit)
        lo = mid;
      else
        hi = mid;
    }
  place_x (p, lv, lo);
}

/* Each level's band from the blocks and labels of both its parts, top
 * down, the innermost layers last; the rows, one per part, from them. */
static void
place_rows (StrataPlacer *p,
            Levels       *lv)
{
  StrataLayout *self = p->self;
  for (guint k = 0; k <= lv->n_levels; k++)
    {
      double above = 0, below = 0, label_h = 0;

      for (guint r = 0; r < lv->n_rows; r++)
        {
          if (level_of_row (lv, r) != k)
            continue;
          for (guint i = lv->starts[r]; i < lv->starts[r + 1]; i++)
            {
              const StrataColumn *c = strata_placer_column (p, i);

              above = MAX (above, c->size.height / 2 + c->dy);
              below = MAX (below, c->size.height / 2);
              label_h = MAX (label_h, c->label_height);
            }
        }
      lv->top[k] = p->b->y;
      lv->axis[k] = lv->top[k] + above;
      lv->label_y[k] = lv->axis[k] + below + lv->label_gap;
      lv->bottom[k] = lv->label_y[k] + label_h;
      p->b->y = lv->bottom[k] + lv->gap;
    }
  p->b->y -= lv->gap;

  for (guint r = 0; r < lv->n_rows; r++)
    {
      guint k = level_of_row (lv, r);
      StrataRow row = { .first = lv->starts[r], .n = lv->starts[r + 1] - lv->starts[r],
                        .top = lv->top[k], .axis = lv->axis[k], .label_y = lv->label_y[k],
                        .bottom = lv->bottom[k] };

      for (guint i = row.first; i < row.first + row.n; i++)
        {
          p->axis[i] = row.axis;
          p->label_y[i] = row.label_y;
          p->row[i] = r;
          strata_placer_finish_column (p, i);
        }
      g_array_append_val (self->rows, row);
    }
}

/* From the fork @u of a level down into @v, the first node of the next:
 * along the fork's axis to its bus, shared with the skip edge, then
 * down; into @v's left straight from there when @v is right of the bus,
 * else by the middle of the gap between the levels. */
static guint
route_down (StrataPlacer *p,
            const Levels *lv,
            guint         u,
            guint         v,
            StrataPoint  *points)
{
  const StrataColumn *a = strata_placer_column (p, u), *b = strata_placer_column (p, v);
  guint k = level_of_row (lv, p->row[u]);
  double bus = bus_of (p, u), end = b->x - STRATA_ARROW_SPACE;
  guint n = 0;

  points[n++] = (StrataPoint) { a->x + a->block_width + STRATA_ARROW_SPACE, p->axis[u] };
  points[n++] = (StrataPoint) { bus, p->axis[u] };
  if (end - bus < HEAD_ROOM)
    {
      double gap = (lv->bottom[k] + lv->top[k + 1]) / 2;
      double in = end - STRATA_ARROW_HEAD - lv->run;

      points[n++] = (StrataPoint) { bus, gap };
      points[n++] = (StrataPoint) { in, gap };
      bus = in;
    }
  points[n++] = (StrataPoint) { bus, p->axis[v] };
  points[n++] = (StrataPoint) { end, p->axis[v] };
  return n;
}

/* From @u, the last node of a level's right part (or of the innermost
 * layers), up into the merge @v of the level above: out of its right and
 * up to the merge's bus when that is right of it, else by the middle of
 * the gap between the levels, back left to the bus; then along the
 * skip edge's last line into the merge. */
static guint
route_up (StrataPlacer *p,
          const Levels *lv,
          guint         u,
          guint         v,
          StrataPoint  *points)
{
  const StrataColumn *a = strata_placer_column (p, u), *b = strata_placer_column (p, v);
  guint k = level_of_row (lv, p->row[v]);
  double out = a->x + a->block_width + STRATA_ARROW_SPACE, join = join_of (p, v);
  guint n = 0;

  points[n++] = (StrataPoint) { out, p->axis[u] };
  if (join - out < 4)
    {
      double gap = (lv->bottom[k] + lv->top[k + 1]) / 2;

      points[n++] = (StrataPoint) { out + lv->run, p->axis[u] };
      points[n++] = (StrataPoint) { out + lv->run, gap };
      points[n++] = (StrataPoint) { join, gap };
    }
  else
    points[n++] = (StrataPoint) { join, p->axis[u] };
  points[n++] = (StrataPoint) { join, p->axis[v] };
  points[n++] = (StrataPoint) { b->x - STRATA_ARROW_SPACE, p->axis[v] };
  return n;
}

/* The last edge added drawn as the layer at @position, in its colour,
 * wider from its line @wide_from on and with a larger head: its bounds
 * grow by as much. */
static void
draw_as_layer (StrataPlacer *p,
               int           position,
               guint         wide_from)
{
  StrataLayout *self = p->self;
  StrataLayer *layer = strata_network_get_layer (p->b->network, position);
  const char *color = strata_layer_get_color (layer);
  StrataEdge *edge = &g_array_index (self->edges, StrataEdge, self->edges->len - 1);
  StrataArrowLayer arrow = { position, { 0 }, wide_from };
  double grow = MAX (STRATA_LAYER_ARROW_WIDTH - STRATA_ARROW_WIDTH,
                     (STRATA_LAYER_ARROW_HEAD - STRATA_ARROW_HEAD) * 0.45 * 2) / 2;
  guint8 rgb[3];

  if (color != NULL && strata_color_parse (color, rgb))
    arrow.fill = (StrataRgb) { rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0 };
  else
    arrow.fill = *strata_category_get_color (strata_layer_get_kind_info (layer)->category);
  if (self->arrows == NULL)
    self->arrows = g_array_new (FALSE, FALSE, sizeof (StrataArrowLayer));
  g_array_append_val (self->arrows, arrow);
  edge->arrow = self->arrows->len;
  edge->bounds.x -= grow;
  edge->bounds.y -= grow;
  edge->bounds.width += 2 * grow;
  edge->bounds.height += 2 * grow;
}

/* The head into the layer at @to taken from the edge that drew it: an
 * arrow up draws its own, larger, over the line it shares with the skip
 * edge into the same merge. */
static void
take_head (StrataLayout *self,
           int           to)
{
  for (guint e = 0; e < self->edges->len; e++)
    {
      StrataEdge *edge = &g_array_index (self->edges, StrataEdge, e);

      if (edge->to == to)
        edge->head = FALSE;
    }
}

/* Row by row, in the rows' order, its steps and then the edges leaving
 * it: the skip edge across, the step down or up to the next level. */
static void
route (StrataPlacer *p,
       const Levels *lv)
{
  StrataLayout *self = p->self;
  StrataGraph *graph = p->graph;
  g_autofree gboolean *headed = g_new0 (gboolean, graph->nodes->len);

  g_array_set_size (self->edges, 0);
  for (guint r = 0; r < lv->n_rows; r++)
    {
      StrataRow *row = &g_array_index (self->rows, StrataRow, r);

      row->first_edge = self->edges->len;
      for (guint exits = 0; exits < 2; exits++)
        {
          for (guint u = row->first; u < row->first + row->n; u++)
            {
              const StrataGraphNode *node = strata_graph_node (graph, u);

              for (guint j = 0; j < node->n_out; j++)
                {
                  guint v = strata_graph_edge (graph, graph->out_edges[node->first_out + j])->to;
                  const StrataColumn *a = strata_placer_column (p, u);
                  const StrataColumn *b = strata_placer_column (p, v);
                  guint ku = level_of_row (lv, p->row[u]), kv = level_of_row (lv, p->row[v]);
                  StrataPoint points[6] = {
                    { a->x + a->block_width + STRATA_ARROW_SPACE, p->axis[u] },
                    { b->x - STRATA_ARROW_SPACE, p->axis[v] },
                  };
                  guint n = 2;
                  int down = -1, up = -1;

                  if ((p->row[v] != r) != exits)
                    continue;
                  if (kv == ku + 1)
                    {
                      n = route_down (p, lv, u, v, points);
                      down = arrow_into (p, v, STRATA_ARROW_DOWN);
                    }
                  else if (kv + 1 == ku)
                    {
                      n = route_up (p, lv, u, v, points);
                      up = arrow_into (p, v, STRATA_ARROW_UP);
                    }
                  /* The window of a convolution or pooling on the block
                   * before it, as in a row. */
                  else if (!exits)
                    strata_placer_set_kernel (p, u, v, FALSE);
                  if (up >= 0 && headed[v])
                    take_head (self, strata_placer_column (p, v)->position);
                  strata_placer_add_edge (p, u, v, points, n, !headed[v] || up >= 0);
                  headed[v] = TRUE;
                  /* Down, the line out of the block is the skip edge's
                   * too, which goes on plain. */
                  if (down >= 0)
                    draw_as_layer (p, down, 1);
                  else if (up >= 0)
                    draw_as_layer (p, up, 0);
                }
            }
          if (!exits)
            row->n_edges = self->edges->len - row->first_edge;
        }
      row->n_exits = self->edges->len - row->first_edge - row->n_edges;
    }
}

/* The arrow the layer at @i may be drawn as (strata_layout_find_arrows()). */
static StrataArrowKind
arrow_kind (StrataNetwork *network,
            guint          i)
{
  StrataLayer *layer = strata_network_get_layer (network, i);
  const StrataLayerKindInfo *info = strata_layer_get_kind_info (layer);
  const StrataShape *in = strata_layer_get_input_shape (layer);
  const StrataShape *out = strata_layer_get_output_shape (layer);
  gboolean upsamples = (info->flags & STRATA_LAYER_KIND_FLAG_UPSAMPLING) != 0;
  StrataLayer *input;
  g_autoptr(GPtrArray) readers = NULL;
  g_autoptr(GPtrArray) forks = NULL;

  /* Readers looked up only for the layers that may be arrows. */
  if ((!(info->flags & STRATA_LAYER_KIND_FLAG_POOLING) && !upsamples) || in == NULL ||
      out == NULL || in->is_vector || out->is_vector ||
      strata_network_get_n_input_layers (network, i) != 1)
    return STRATA_ARROW_NONE;
  input = strata_network_get_input_layer (network, i, 0);
  if (input == NULL)
    return STRATA_ARROW_NONE;
  readers = strata_network_get_consumers (network, i);
  if (readers->len != 1)
    return STRATA_ARROW_NONE;
  forks = strata_network_get_consumers (network, strata_network_index_of (network, input));
  if ((info->flags & STRATA_LAYER_KIND_FLAG_POOLING) && strata_layer_get_params_count (layer) == 0 &&
      in->channels == out->channels && out->height <= in->height && out->width <= in->width &&
      (out->height < in->height || out->width < in->width) && forks->len >= 2)
    return STRATA_ARROW_DOWN;
  /* Its parameters are still counted in the title's totals. */
  if (upsamples && out->height >= in->height && out->width >= in->width &&
      (out->height > in->height || out->width > in->width) && forks->len == 1 &&
      strata_layer_get_kind_info (g_ptr_array_index (readers, 0))->category ==
        STRATA_LAYER_CATEGORY_MERGE)
    return STRATA_ARROW_UP;
  return STRATA_ARROW_NONE;
}

guint8 *
strata_layout_find_arrows (StrataNetwork *network,
                           gboolean       down,
                           gboolean       up)
{
  guint n_layers = strata_network_get_n_layers (network);
  guint8 *arrows = NULL;

  for (guint i = 0; i < n_layers; i++)
    {
      StrataArrowKind kind = arrow_kind (network, i);

      if ((kind == STRATA_ARROW_DOWN && !down) || (kind == STRATA_ARROW_UP && !up) ||
          kind == STRATA_ARROW_NONE)
        continue;
      if (arrows == NULL)
        arrows = g_new0 (guint8, n_layers);
      arrows[i] = kind;
    }
  return arrows;
}

gboolean
strata_placer_levels (StrataPlacer *p)
{
  Levels lv = { { g_array_new (FALSE, FALSE, sizeof (guint)),
                  g_array_new (FALSE, FALSE, sizeof (guint)), 0 } };
  /* Brackets keep to their parts, under the labels, which no line
   * crosses. */
  gboolean folds = strata_placer_find_fold (p->graph, &lv.fold);

  if (folds)
    {
      guint n_levels = lv.n_levels = lv.fold.forks->len;

      lv.n_rows = 2 * n_levels + 1;
      lv.starts = g_new (guint, lv.n_rows + 1);
      lv.top = g_new (double, 4 * (n_levels + 1));
      lv.axis = lv.top + n_levels + 1;
      lv.label_y = lv.axis + n_levels + 1;
      lv.bottom = lv.label_y + n_levels + 1;
      lv.starts[0] = 0;
      for (guint k = 0; k < n_levels; k++)
        {
          lv.starts[k + 1] = fork_at (&lv, k) + 1;
          lv.starts[2 * n_levels - k] = merge_at (&lv, k);
        }
      lv.starts[lv.n_rows] = p->graph->nodes->len;
      lv.indent = p->self->options.close_levels ? LEVEL_INDENT / 2 : LEVEL_INDENT;
      lv.run = p->self->options.close_levels ? LEVEL_RUN / 2 : LEVEL_RUN;
      lv.gap = p->self->options.close_levels ? CLOSE_LEVEL_GAP : LEVEL_GAP;
      lv.label_gap = p->self->options.close_levels ? CLOSE_LABEL_GAP : LABEL_GAP;

      p->x0 = MARGIN;
      p->xl = MARGIN + ROW_LEAD / 3;
      p->self->connector_left = p->xl;
      fit_x (p, &lv);
      place_rows (p, &lv);
      route (p, &lv);
      p->self->folded = TRUE;
      g_free (lv.starts);
      g_free (lv.top);
    }
  g_array_unref (lv.fold.forks);
  g_array_unref (lv.fold.merges);
  return folds;
}
