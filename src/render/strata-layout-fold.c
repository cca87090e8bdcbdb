/* strata-layout-fold.c: a graph whose skip edges nest, drawn in two rows facing each other. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-layout-place-private.h"

/* A U-Net's skip connections span the whole network, so its graph never
 * wraps into rows, and one row of it holds no page's type. The figure
 * people draw folds it at its bottleneck: the encoder left to right, the
 * decoder back right to left under it, each skip connection a short
 * straight edge down from its encoder block to the merge it feeds.
 *
 * A graph folds when its own track is cut by sections nested one in the
 * other, each of one lane (the path that goes on) and one arc (the skip edge), the
 * arcs like parentheses around the innermost lane. The first row holds
 * every node before the fold, which falls inside the innermost lane, and
 * the second the rest, in reverse: each merge sits under its fork's bus,
 * the line in the gap after the fork's column, so that its skip edge goes
 * straight down between two labels. Where one row's part between two
 * skip edges is longer than the other's, the shorter one's steps are
 * spread to match. */

/* The one section among @track's items, its index in items, or -1 when
 * it has none; FALSE when it has more than one. */
static gboolean
only_section (const StrataTrack *track,
              int               *section,
              guint             *at)
{
  *section = -1;
  for (guint i = 0; i < track->items->len; i++)
    {
      int item = g_array_index (track->items, int, i);

      if (item >= 0)
        continue;
      if (*section >= 0)
        return FALSE;
      *section = ~item;
      *at = i;
    }
  return TRUE;
}

gboolean
strata_placer_find_fold (StrataGraph *graph,
                         StrataFold  *fold)
{
  StrataTrack *track = strata_graph_track (graph, 0);
  guint expected = 0, before = 0, n_nodes = graph->nodes->len;
  g_autoptr(GArray) tracks = g_array_new (FALSE, FALSE, sizeof (gpointer));
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint innermost_len, split;

  for (;;)
    {
      int s;
      guint at = 0;
      StrataSection *section;

      if (track->fallback || !only_section (track, &s, &at))
        return FALSE;
      if (s < 0)
        break;
      section = strata_graph_section (graph, s);
      /* The fork just before the section and its merge just after. */
      if (section->lanes->len != 1 || section->main != 0 || section->n_arcs != 1 ||
          at == 0 || at + 1 >= track->items->len ||
          g_array_index (track->items, int, at - 1) != section->from ||
          g_array_index (track->items, int, at + 1) != section->to)
        return FALSE;
      g_array_append_val (fold->forks, section->from);
      g_array_append_val (fold->merges, section->to);
      g_array_append_val (tracks, track);
      g_array_append_val (cuts, at);
      before += at;
      track = strata_graph_lane (graph, section, 0);
    }
  innermost_len = track->items->len;
  if (fold->forks->len == 0 || innermost_len == 0)
    return FALSE;

  /* The fold inside the innermost lane, where the rows hold as many
   * nodes as can be, the second row keeping one of the lane's nodes at
   * least when it has two: the edge round the fold then joins two
   * blocks rather than a block and a merge. */
  split = n_nodes / 2 > before ? n_nodes / 2 - before : 1;
  split = CLAMP (split, 1, MAX (innermost_len, 2) - 1);
  split = MIN (split, innermost_len);
  fold->n_first = before + split;

  /* The rows must hold consecutive nodes, as rows do: the first row's in
   * order down the nesting, the second's back up it. */
  for (guint k = 0; k < tracks->len; k++)
    {
      StrataTrack *t = g_array_index (tracks, StrataTrack *, k);

      for (guint i = 0; i < g_array_index (cuts, guint, k); i++)
        if (g_array_index (t->items, int, i) != (int) expected++)
          return FALSE;
    }
  for (guint i = 0; i < innermost_len; i++)
    if (g_array_index (track->items, int, i) != (int) expected++)
      return FALSE;
  for (guint k = tracks->len; k-- > 0;)
    {
      StrataTrack *t = g_array_index (tracks, StrataTrack *, k);

      for (guint i = g_array_index (cuts, guint, k) + 1; i < t->items->len; i++)
        if (g_array_index (t->items, int, i) != (int) expected++)
          return FALSE;
    }
  if (expected != n_nodes)
    return FALSE;

  /* Every edge is a step along a row, the one round the fold, or a skip
   * edge. */
  for (guint e = 0; e < graph->edges->len; e++)
    {
      const StrataGraphEdge *edge = strata_graph_edge (graph, e);
      gboolean skip = FALSE;

      for (guint k = 0; k < fold->forks->len && !skip; k++)
        skip = edge->from == g_array_index (fold->forks, guint, k) &&
               edge->to == g_array_index (fold->merges, guint, k);
      if (!skip && edge->to != edge->from + 1)
        return FALSE;
    }
  return TRUE;
}

/* Between the centres of neighbouring columns of the second row, @left
 * drawn left of @right, which it reads. */
static double
back_distance (StrataPlacer *p,
               guint         left,
               guint         right)
{
  return strata_column_distance (strata_placer_column (p, left), strata_placer_column (p, right));
}

static double
bus (StrataPlacer *p,
     guint         fork)
{
  return strata_placer_fork_bus (strata_placer_column (p, fork), p->cx[fork]);
}

/* The natural span of the second row from node @from to the later node
 * @to, drawn left of it. */
static double
back_span (StrataPlacer *p,
           guint         from,
           guint         to)
{
  double span = 0;

  for (guint j = from; j < to; j++)
    span += back_distance (p, j + 1, j);
  return span;
}

/* The second row's nodes from @from at @x_from to the later @to at
 * @x_to, leftwards, each step as much longer as the others where the
 * span is more than they need. */
static void
place_back (StrataPlacer *p,
            guint         from,
            guint         to,
            double        x_from,
            double        x_to)
{
  double extra = to > from ? (x_from - x_to - back_span (p, from, to)) / (to - from) : 0;

  p->cx[from] = x_from;
  for (guint j = from; j < to; j++)
    p->cx[j + 1] = p->cx[j] - back_distance (p, j + 1, j) - MAX (extra, 0);
}

/* The first row's nodes after @fork moved right by @extra, spread over
 * the steps up to @next and all of it past there. */
static void
stretch_first (StrataPlacer *p,
               guint         fork,
               guint         next,
               guint         n_first,
               double        extra)
{
  for (guint i = fork + 1; i < n_first; i++)
    p->cx[i] += extra * MIN (i - fork, next - fork) / (next - fork);
}

static void
place_x (StrataPlacer     *p,
         const StrataFold *fold)
{
  guint n_nodes = p->graph->nodes->len, n_levels = fold->forks->len;
  guint first_merge = g_array_index (fold->merges, guint, 0);
  guint last = n_nodes - 1;
  double tail, right;

  p->cx[0] = p->x0 + strata_column_width (strata_placer_column (p, 0)) / 2;
  for (guint i = 1; i < fold->n_first; i++)
    p->cx[i] = p->cx[i - 1] + strata_column_distance (strata_placer_column (p, i - 1),
                                                      strata_placer_column (p, i));

  /* What the second row draws left of the outermost merge must fit. */
  tail = back_span (p, first_merge, last) +
         strata_column_width (strata_placer_column (p, last)) / 2;
  if (bus (p, g_array_index (fold->forks, guint, 0)) - tail < p->x0)
    {
      double shift = p->x0 - (bus (p, g_array_index (fold->forks, guint, 0)) - tail);

      for (guint i = 0; i < fold->n_first; i++)
        p->cx[i] += shift;
    }
  /* The tail at its natural steps, from the merge. */
  p->cx[first_merge] = bus (p, g_array_index (fold->forks, guint, 0));
  for (guint j = first_merge; j < last; j++)
    p->cx[j + 1] = p->cx[j] - back_distance (p, j + 1, j);

  for (guint k = 0; k + 1 < n_levels; k++)
    {
      guint fork = g_array_index (fold->forks, guint, k);
      guint next = g_array_index (fold->forks, guint, k + 1);
      guint merge = g_array_index (fold->merges, guint, k);
      guint inner = g_array_index (fold->merges, guint, k + 1);
      double first = bus (p, next) - bus (p, fork), second = back_span (p, inner, merge);

      if (second > first)
        stretch_first (p, fork, next, fold->n_first, second - first);
      place_back (p, inner, merge, bus (p, next), bus (p, fork));
    }

  /* Round the fold: the second row starts under the first row's end, or
   * further right when its part inside the innermost skip edge needs it. */
  {
    guint fork = g_array_index (fold->forks, guint, n_levels - 1);
    guint merge = g_array_index (fold->merges, guint, n_levels - 1);

    right = MAX (bus (p, fork) + back_span (p, fold->n_first, merge), p->cx[fold->n_first - 1]);
    place_back (p, fold->n_first, merge, right, bus (p, fork));
  }
}

/* Each row's axis and labels from its columns. */
static void
place_rows (StrataPlacer     *p,
            const StrataFold *fold)
{
  StrataLayout *self = p->self;
  guint n_nodes = p->graph->nodes->len;

  for (guint r = 0; r < 2; r++)
    {
      StrataRow row = { 0 };
      double above = 0, below = 0, label_h = 0;

      row.first = r == 0 ? 0 : fold->n_first;
      row.n = r == 0 ? fold->n_first : n_nodes - fold->n_first;
      for (guint i = row.first; i < row.first + row.n; i++)
        {
          const StrataColumn *c = strata_placer_column (p, i);

          above = MAX (above, c->size.height / 2 + c->dy);
          below = MAX (below, c->size.height / 2);
          label_h = MAX (label_h, c->label_height);
        }
      row.top = p->b->y;
      row.axis = row.top + above;
      row.label_y = row.axis + below + LABEL_GAP;
      row.bottom = row.label_y + label_h;
      for (guint i = row.first; i < row.first + row.n; i++)
        {
          p->axis[i] = row.axis;
          p->label_y[i] = row.label_y;
          p->row[i] = r;
        }
      g_array_append_val (self->rows, row);
      p->b->y = row.bottom + ROW_GAP;
    }
  p->b->y -= ROW_GAP;
  for (guint i = 0; i < n_nodes; i++)
    strata_placer_finish_column (p, i);
}

/* Appends the edge from node @from to node @to along @points, its head
 * drawn unless another edge ends at the same point with one. */
void
strata_placer_add_edge (StrataPlacer      *p,
                        guint              from,
                        guint              to,
                        const StrataPoint *points,
                        guint              n_points,
                        gboolean           head)
{
  StrataLayout *self = p->self;
  StrataEdge edge = { strata_placer_column (p, from)->position,
                      strata_placer_column (p, to)->position,
                      self->points->len, n_points, head, { 0 } };

  g_array_append_vals (self->points, points, n_points);
  strata_placer_edge_bounds (self, &edge);
  p->b->content_right = MAX (p->b->content_right, edge.bounds.x + edge.bounds.width);
  g_array_append_val (self->edges, edge);
}

/* Out of the right of a block in the first row, into the left of the
 * next; in the second row, out of the left into the right. */
static void
add_step (StrataPlacer *p,
          guint         from,
          gboolean      back)
{
  const StrataColumn *u = strata_placer_column (p, from);
  const StrataColumn *v = strata_placer_column (p, from + 1);
  StrataPoint points[2];

  if (back)
    {
      points[0] = (StrataPoint) { u->x - STRATA_ARROW_SPACE, p->axis[from] };
      points[1] = (StrataPoint) { v->x + v->block_width + STRATA_ARROW_SPACE, p->axis[from] };
    }
  else
    {
      points[0] = (StrataPoint) { u->x + u->block_width + STRATA_ARROW_SPACE, p->axis[from] };
      points[1] = (StrataPoint) { v->x - STRATA_ARROW_SPACE, p->axis[from] };
    }
  /* The second row's windows mirrored, on the end its arrows leave by;
   * top to bottom it runs up, the block before under its reader, whose
   * window stays on its side. */
  strata_placer_set_kernel (p, from, from + 1,
                            back && p->self->options.arrangement != STRATA_ARRANGEMENT_TOP_TO_BOTTOM);
  strata_placer_add_edge (p, from, from + 1, points, 2, TRUE);
}

static void
route (StrataPlacer     *p,
       const StrataFold *fold)
{
  StrataLayout *self = p->self;
  guint n_nodes = p->graph->nodes->len, n_first = fold->n_first;
  StrataRow *rows = &g_array_index (self->rows, StrataRow, 0);
  const StrataColumn *end = strata_placer_column (p, n_first - 1);
  const StrataColumn *start = strata_placer_column (p, n_first);
  double xr;
  StrataPoint round[4];

  g_array_set_size (self->edges, 0);
  rows[0].first_edge = 0;
  for (guint i = 0; i + 1 < n_first; i++)
    add_step (p, i, FALSE);
  rows[0].n_edges = self->edges->len;

  /* Round the fold: right of both rows' ends, down the gap and back into
   * the second row's first block, with room for its head. */
  xr = MAX (MAX (end->bounds.x + end->bounds.width, start->bounds.x + start->bounds.width),
            start->x + start->block_width + STRATA_ARROW_SPACE + STRATA_ARROW_HEAD + 4) +
       ROW_EXIT / 2;
  round[0] = (StrataPoint) { end->x + end->block_width + STRATA_ARROW_SPACE, p->axis[n_first - 1] };
  round[1] = (StrataPoint) { xr, p->axis[n_first - 1] };
  round[2] = (StrataPoint) { xr, p->axis[n_first] };
  round[3] = (StrataPoint) { start->x + start->block_width + STRATA_ARROW_SPACE,
                             p->axis[n_first] };
  strata_placer_add_edge (p, n_first - 1, n_first, round, 4, TRUE);

  /* Each skip edge along its fork's axis to the bus, then straight down
   * into the top of its merge, which sits on that line. */
  for (guint k = 0; k < fold->forks->len; k++)
    {
      guint fork = g_array_index (fold->forks, guint, k);
      guint merge = g_array_index (fold->merges, guint, k);
      const StrataColumn *u = strata_placer_column (p, fork);
      const StrataColumn *m = strata_placer_column (p, merge);
      StrataPoint skip[3] = {
        { u->x + u->block_width + STRATA_ARROW_SPACE, p->axis[fork] },
        { p->cx[merge], p->axis[fork] },
        { p->cx[merge], m->block_rect.y - STRATA_ARROW_SPACE },
      };

      strata_placer_add_edge (p, fork, merge, skip, 3, TRUE);
    }
  rows[0].n_exits = self->edges->len - rows[0].n_edges;

  rows[1].first_edge = self->edges->len;
  for (guint i = n_first; i + 1 < n_nodes; i++)
    add_step (p, i, TRUE);
  rows[1].n_edges = self->edges->len - rows[1].first_edge;
  rows[1].n_exits = 0;
}

/* Each skip edge goes down between two columns of the first row, through
 * the room under their labels where brackets go: a group's bracket ends
 * there, and one more starts after it, as at the end of a row. Under the
 * second row, and round the fold, right of both, no edge passes. */
static void
cut_brackets (StrataPlacer     *p,
              const StrataFold *fold)
{
  guint n_nodes = p->graph->nodes->len, n_forks = fold->forks->len, part = 0;

  p->b->bracket_part = g_new (guint, n_nodes);
  for (guint i = 0, k = 0; i < fold->n_first; i++)
    {
      p->b->bracket_part[i] = part;
      if (k < n_forks && g_array_index (fold->forks, guint, k) == i)
        {
          part++;
          k++;
        }
    }
  for (guint i = fold->n_first; i < n_nodes; i++)
    p->b->bracket_part[i] = part + 1;
}

gboolean
strata_placer_fold (StrataPlacer *p)
{
  StrataFold fold = { g_array_new (FALSE, FALSE, sizeof (guint)),
                      g_array_new (FALSE, FALSE, sizeof (guint)), 0 };
  gboolean folds = strata_placer_find_fold (p->graph, &fold);

  if (folds)
    {
      p->x0 = MARGIN;
      p->self->connector_left = MARGIN;
      place_x (p, &fold);
      place_rows (p, &fold);
      route (p, &fold);
      if (p->b->group_of != NULL)
        cut_brackets (p, &fold);
      p->self->folded = TRUE;
    }
  g_array_unref (fold.forks);
  g_array_unref (fold.merges);
  return folds;
}
