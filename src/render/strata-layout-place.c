/* strata-layout-place.c: where the nodes of a diagram go, in rows that break between blocks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "strata-layout-place-private.h"

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

/* The network's own track, cut where rows may break. */
static GArray *
build_units (StrataPlacer *p)
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
          const StrataColumn *c = strata_placer_column (p, unit.anchor);

          unit.lead = strata_column_width (c) / 2;
          unit.tail = strata_column_width (c) / 2;
          if (before >= 0)
            unit.link = strata_column_distance (strata_placer_column (p, before), c);
        }
      else
        {
          StrataSection *s = strata_graph_section (p->graph, section);
          int join = unit.anchor >= 0 ? unit.anchor : STRATA_TERMINAL_NONE;

          int start = units->len > 0 ? STRATA_TERMINAL_JUNCTION : STRATA_TERMINAL_NONE;

          if (unit.anchor >= 0)
            unit.tail = strata_column_width (strata_placer_column (p, unit.anchor)) / 2;
          /* The span after the anchor before last, as most units are
           * placed: the section keeps the last it measured. */
          unit.lead = strata_placer_span_section (p, s, start, join);
          if (before >= 0)
            unit.link = strata_placer_span_section (p, s, before, join);
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
place_row_x (StrataPlacer *p,
             GArray       *units,
             guint         first,
             guint         end)
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
        strata_placer_place_section (p, strata_graph_section (p->graph, unit->section),
                                     before, before_x,
                                     unit->anchor >= 0 ? unit->anchor : STRATA_TERMINAL_NONE, x);
    }
}

double
strata_placer_finish_column (StrataPlacer *p,
                             int           node)
{
  const StrataColumn *was = strata_placer_column (p, node);
  StrataColumn placed;
  StrataColumn *c = &placed;
  double cx = p->cx[node], y;

  /* A column placed where it was, as most are after an edit, is as it
   * was: the rest follows from these and its sizes. */
  if (was->bounds.width > 0 && was->row == p->row[node] && was->placed_cx == cx &&
      was->placed_axis == p->axis[node] && was->placed_label_y == p->label_y[node])
    {
      p->b->content_right = MAX (p->b->content_right, was->bounds.x + was->bounds.width);
      return was->bounds.x + was->bounds.width;
    }

  placed = *was;
  c->placed_cx = cx;
  c->placed_axis = p->axis[node];
  c->placed_label_y = p->label_y[node];
  c->row = p->row[node];
  c->x = cx - c->block_width / 2;
  c->y = p->axis[node] - c->size.height / 2;
  c->block_rect = (cairo_rectangle_t) { c->x, c->y - c->dy,
                                        c->block_width, c->size.height + c->dy };

  /* Under the blocks, the dimensions written on their edges first. */
  y = p->label_y[node] + c->top_space;
  for (guint l = 0; l < STRATA_N_LINES; l++)
    {
      if (c->lines[l] == NULL)
        continue;
      c->line_x[l] = cx - c->line_size[l].width / 2 - c->line_size[l].x;
      c->line_y[l] = y;
      y += c->line_size[l].height + LINE_GAP;
    }
  /* The group's bracket goes under the text, in the room kept for it. */
  c->label_rect = (cairo_rectangle_t) { cx - c->label_width / 2, p->label_y[node] + c->top_space,
                                        c->label_width,
                                        c->label_height - c->group_space - c->top_space };
  c->bounds = c->block_rect;
  strata_rect_union (&c->bounds, &c->label_rect);
  for (guint d = 0; d < STRATA_N_DIMENSIONS; d++)
    {
      cairo_rectangle_t rect;

      if (strata_column_get_dimension_rect (c, d, &rect))
        strata_rect_union (&c->bounds, &rect);
    }
  p->b->content_right = MAX (p->b->content_right, c->bounds.x + c->bounds.width);
  /* Copied whole from where it was, padding included. */
  if (memcmp (&placed, was, sizeof placed) != 0)
    *strata_layout_column_mut (p->self, node) = placed;
  return c->bounds.x + c->bounds.width;
}

/* The kernels placing found, where the columns drew others. A chunk
 * the layout before holds too has its columns' kernels, which it kept
 * apart: reading each column's was a pass over every column. */
static void
write_kernels (StrataPlacer *p)
{
  StrataLayout *before = p->b->shared;
  guint n = strata_layout_n_columns (p->self);

  p->self->kernels = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      int kernel = p->kernel_from[i] < 0 ? -1 : 2 * p->kernel_from[i] + !!p->kernel_back[i];
      const StrataColumn *c;

      p->self->kernels[i] = kernel;
      if (before != NULL && before->kernels != NULL &&
          strata_layout_same_chunk (p->self, before, i / STRATA_COLUMN_CHUNK))
        {
          if (before->kernels[i] == kernel)
            continue;
        }
      else
        {
          c = strata_placer_column (p, i);
          if (c->kernel_from == p->kernel_from[i] && c->kernel_back == p->kernel_back[i])
            continue;
        }
      {
        StrataColumn *own = strata_layout_column_mut (p->self, i);

        own->kernel_from = p->kernel_from[i];
        own->kernel_back = p->kernel_back[i];
      }
    }
}

/* The layout before an edit, whose rows are taken where they hold the
 * same columns from the same height: what placing them again would
 * find, as the graph's sections are where that layout placed them. Not
 * folded, where a fold that fails places rows of its own. */
static StrataLayout *
rows_before (StrataBuilder *b)
{
  StrataLayout *before = b->shared;

  if (before == NULL || !b->graph->placed || b->self->options.fold || before->folded ||
      before->rows->len == 0 || before->edges->len != b->graph->edges->len)
    return NULL;
  return before;
}

/* Whether row @r of the layout before is @row, from the same height,
 * with the same columns. */
static gboolean
same_row (StrataBuilder   *b,
          StrataLayout    *before,
          guint            r,
          guint            n_rows,
          const StrataRow *row)
{
  const StrataRow *was;

  /* With one row or more, rows start at another x. */
  if (r >= before->rows->len || (n_rows > 1) != (before->rows->len > 1))
    return FALSE;
  was = &g_array_index (before->rows, StrataRow, r);
  return was->first == row->first && was->n == row->n && was->top == b->y &&
         strata_layout_same_columns (b->self, before, row->first, row->n);
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
  g_autofree int *kernel_from = g_new (int, n_nodes);
  g_autofree gboolean *kernel_back = g_new0 (gboolean, n_nodes);
  /* A page short of room for the text keeps its rows closer. */
  double lead = self->options.tight_gaps ? TIGHT_ROW_LEAD : ROW_LEAD;
  double gap = self->options.tight_gaps ? TIGHT_ROW_GAP : ROW_GAP;
  StrataPlacer p = { b, self, graph, cx, axis, label_y, rows,
                     MARGIN + lead, MARGIN + lead / 3, kernel_from, kernel_back };
  double single = 0, widest = 0, limit;
  guint n_rows = 1;
  StrataLayout *before = rows_before (b);
  g_autofree gboolean *kept = NULL;
  gboolean same_rows;

  /* Folded, a run drawn once would show the skip edges leaving its
   * first unit, and a group drawn as one block would hide where they
   * leave it, unless they leave its last layer (U-Net's modules). */
  for (guint i = 0; i < n_nodes; i++)
    kernel_from[i] = -1;
  if (before == NULL)
    strata_graph_reset_placement (graph);
  else
    strata_graph_forget_spans (graph);
  if (self->options.fold && !strata_builder_hides_reads (b) &&
      (self->options.fold_levels ? strata_placer_levels (&p) : strata_placer_fold (&p)))
    {
      write_kernels (&p);
      return;
    }
  units = build_units (&p);
  for (guint i = 0; i < units->len; i++)
    {
      const Unit *u = &g_array_index (units, Unit, i);
      double width = u->section < 0 ? strata_column_width (strata_placer_column (&p, u->anchor))
                                    : u->lead + u->tail;

      widest = MAX (widest, width);
      if (i == 0)
        single = width;
      else
        single += u->link - (u - 1)->tail + u->tail;
    }

  limit = single;
  /* Top to bottom, this places the columns of the page as rows, the
   * width asked for being their height (strata-layout-vertical.c). */
  if ((self->options.arrangement != STRATA_ARRANGEMENT_COMPACT || self->options.wrap_compact) &&
      self->options.max_width > 0 &&
      single > self->options.max_width - 2 * MARGIN)
    {
      double avail = self->options.max_width - 2 * MARGIN - lead - ROW_EXIT;
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

  p.x0 = MARGIN + (n_rows > 1 ? lead : 0);
  self->connector_left = MARGIN + lead / 3;
  p.xl = self->connector_left;
  kept = g_new0 (gboolean, n_rows);
  p.kept = before != NULL ? kept : NULL;
  same_rows = before != NULL && before->rows->len == n_rows;

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

      if (same_rows)
        {
          const StrataRow *was = &g_array_index (before->rows, StrataRow, r);

          same_rows = was->first == row.first && was->n == row.n;
        }
      /* The rows an edit did not reach, before the first it did and
       * after it while the rows above end where they ended, are as they
       * were: placing and routing every row again was most of an edit
       * of a large network. */
      if (before != NULL && same_row (b, before, r, n_rows, &row))
        {
          row = g_array_index (before->rows, StrataRow, r);
          for (guint i = row.first; i < row.first + row.n; i++)
            rows[i] = r;
          kept[r] = TRUE;
          self->rows_taken++;
          b->content_right = MAX (b->content_right, row.right);
          g_array_append_val (self->rows, row);
          b->y = row.bottom + gap;
          continue;
        }
      /* Its sections placed anew, as in a graph just cut. */
      if (before != NULL)
        for (guint u = first; u < end; u++)
          {
            const Unit *unit = &g_array_index (units, Unit, u);

            if (unit->section >= 0)
              strata_graph_reset_section (graph, strata_graph_section (graph, unit->section));
          }

      place_row_x (&p, units, first, end);

      for (guint u = first; u < end; u++)
        {
          const Unit *unit = &g_array_index (units, Unit, u);

          if (unit->anchor >= 0)
            {
              const StrataColumn *c = strata_placer_column (&p, unit->anchor);

              above = MAX (above, c->size.height / 2 + c->dy);
              below = MAX (below, c->size.height / 2);
              label_h = MAX (label_h, c->label_height);
            }
          if (unit->section >= 0)
            {
              StrataSection *s = strata_graph_section (graph, unit->section);

              if (s->main >= 0)
                strata_placer_axis_extents (&p, strata_graph_lane (graph, s, s->main),
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

              strata_placer_measure_section (&p, s, label_bottom,
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
            strata_placer_assign_section (&p, strata_graph_section (graph, unit->section), row.axis,
                                          row.label_y, r);
        }

      row.right = -G_MAXDOUBLE;
      for (guint i = row.first; i < row.first + row.n; i++)
        row.right = MAX (row.right, strata_placer_finish_column (&p, i));

      g_array_append_val (self->rows, row);
      b->y = row.bottom + gap;
    }

  if (n_rows > 1)
    b->content_right += ROW_EXIT;
  b->y -= gap;

  p.before = same_rows && before->kernels != NULL ? before : NULL;
  /* The kernels of the edges taken as they were, as they were. */
  if (p.before != NULL)
    for (guint i = 0; i < n_nodes; i++)
      if (before->kernels[i] >= 0)
        {
          kernel_from[i] = before->kernels[i] / 2;
          kernel_back[i] = before->kernels[i] % 2;
        }
  strata_placer_route_edges (&p);
  write_kernels (&p);
}
