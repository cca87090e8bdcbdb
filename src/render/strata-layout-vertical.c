/* strata-layout-vertical.c: the top-to-bottom layout, the rows' placement turned a quarter. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-layout-build-private.h"

/* Top to bottom is the rows layout with its axes swapped: what flows
 * left to right in a row flows down a column of the page, what a row
 * stacks above and below its axis (lanes, arcs, labels) goes left and
 * right of the column's axis, and rows that wrap become columns side by
 * side. So the rows' placement, which keeps a branching graph's lanes,
 * arcs and edges apart, places it: each column is measured across the
 * flow and along it, placed as a row's, and turned back. Labels then sit
 * right of their blocks (where a row puts them under), and a group's
 * bracket right of its labels. */

/* A column's measures as the placement sees them, and its own. */
typedef struct
{
  double block_width;
  double height;
  double dy;
  double label_width;
  double label_height;
  double group_space;
  double side;          /* across the flow on either side, for its dimensions */
  double below;         /* along it, before and after the block */
  PangoLayout *dims[STRATA_N_DIMENSIONS];
} Measures;

static void
turn_measures (StrataBuilder *b,
               StrataColumn  *c,
               Measures      *own)
{
  double name_width = 0;
  cairo_rectangle_t extent;

  *own = (Measures) { c->block_width, c->size.height, c->dy, c->label_width, c->label_height,
                      c->group_space, 0, 0, { NULL } };

  /* A block's dimensions make it larger to the placement, across the
   * flow as far on both sides as they reach past it on either and along
   * it as far before it as they reach past its bottom, so that it stays
   * on its axis and every edge and label keeps clear of them; they are
   * left out of the placement, which would measure them on the turned
   * block, and put back after. */
  if (strata_builder_dimensions_extent (c, &extent))
    {
      own->side = MAX (MAX (-extent.x, extent.x + extent.width - own->block_width), 0);
      own->below = MAX (extent.y + extent.height - own->height, 0);
    }
  for (guint d = 0; d < STRATA_N_DIMENSIONS; d++)
    {
      own->dims[d] = c->dims[d];
      c->dims[d] = NULL;
    }

  /* Along the flow: the block's height with its depth, and its text's. */
  c->block_width = own->height + own->dy + 2 * own->below;
  c->label_width = own->label_height - own->group_space;
  /* Across it: the block's width, then its text's and the bracket with
   * its name beside them, which no lane's blocks may meet. */
  c->size.height = own->block_width + 2 * own->side;
  c->dy = 0;
  if (own->group_space > 0)
    {
      const StrataGroup *group = &g_array_index (b->self->groups, StrataGroup,
                                                 b->group_of[c->position]);

      strata_text_extents (group->name, NULL, &name_width, NULL);
      c->group_space = GROUP_SPACE + name_width;
    }
  c->label_height = own->label_width + c->group_space;
}

static inline cairo_rectangle_t
turn_rect (const cairo_rectangle_t *r,
           double                   offset)
{
  return (cairo_rectangle_t) { r->y, r->x + offset, r->height, r->width };
}

/* The column turned back, at its place down the page: its labels left
 * aligned, one under the other, right of the block. */
static void
turn_column_back (StrataColumn   *c,
                  const Measures *own,
                  double          offset)
{
  double y;

  c->block_rect = turn_rect (&c->block_rect, offset);
  c->block_rect.x += own->side;
  c->block_rect.width -= 2 * own->side;
  c->block_rect.y += own->below;
  c->block_rect.height -= 2 * own->below;
  c->label_rect = turn_rect (&c->label_rect, offset);
  c->block_width = own->block_width;
  for (guint d = 0; d < STRATA_N_DIMENSIONS; d++)
    c->dims[d] = own->dims[d];
  c->size.height = own->height;
  c->dy = own->dy;
  c->label_width = own->label_width;
  c->label_height = own->label_height;
  c->group_space = own->group_space;
  c->x = c->block_rect.x;
  c->y = c->block_rect.y + c->dy;

  y = c->label_rect.y;
  for (guint l = 0; l < STRATA_N_LINES; l++)
    {
      if (c->lines[l] == NULL)
        continue;
      c->line_x[l] = c->label_rect.x - c->line_size[l].x;
      c->line_y[l] = y;
      y += c->line_size[l].height + LINE_GAP;
    }
  c->bounds = c->block_rect;
  strata_rect_union (&c->bounds, &c->label_rect);
  for (guint d = 0; d < STRATA_N_DIMENSIONS; d++)
    {
      cairo_rectangle_t rect;

      if (strata_column_get_dimension_rect (c, d, &rect))
        strata_rect_union (&c->bounds, &rect);
    }
}

/* Where an edge meets the top of a block at @x: a block's bounds are
 * square, but its top face recedes to the right, so that left of the
 * face's back edge the block's outline is lower than its bounds. */
static double
block_top_at (const StrataColumn *c,
              double              x)
{
  double along = x - c->x;

  if (c->dx <= 0 || along >= c->dx)
    return c->y - c->dy;
  return c->y - MAX (along, 0) * c->dy / c->dx;
}

/* And where it leaves its bottom: past its front face, the side's lower
 * edge rises as it recedes. */
static double
block_bottom_at (const StrataColumn *c,
                 double              x)
{
  double along = x - c->x - c->total_thickness;

  if (c->dx <= 0 || along <= 0)
    return c->y + c->size.height;
  return c->y + c->size.height - MIN (along, c->dx) * c->dy / c->dx;
}

static void
edge_bounds (StrataLayout *self,
             StrataEdge   *edge)
{
  const StrataPoint *points = &g_array_index (self->points, StrataPoint, edge->first_point);
  double w = STRATA_ARROW_HEAD * 0.45;
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;

  /* The head's half width covers the line's on every side. */
  for (guint i = 0; i < edge->n_points; i++)
    {
      x1 = MIN (x1, points[i].x - w);
      y1 = MIN (y1, points[i].y - w);
      x2 = MAX (x2, points[i].x + w);
      y2 = MAX (y2, points[i].y + w);
    }
  edge->bounds = (cairo_rectangle_t) { x1, y1, x2 - x1, y2 - y1 };
}

/* An edge's points turned back; one that runs down into a block or out
 * of one ends at its outline rather than its bounds. */
static void
turn_edge_back (StrataBuilder *b,
                StrataEdge    *edge,
                double         offset)
{
  StrataLayout *self = b->self;
  StrataPoint *points = &g_array_index (self->points, StrataPoint, edge->first_point);
  StrataPoint *tip = &points[edge->n_points - 1];
  const StrataColumn *from, *to;

  for (guint i = 0; i < edge->n_points; i++)
    points[i] = (StrataPoint) { points[i].y, points[i].x + offset };

  from = strata_layout_column (self, b->graph->node_of[edge->from + 1]);
  to = strata_layout_column (self, b->graph->node_of[edge->to + 1]);
  if (!to->is_merge && !to->size.is_placeholder && tip[-1].x == tip->x && tip[-1].y < tip->y)
    tip->y = block_top_at (to, tip->x) - STRATA_ARROW_SPACE;
  if (!from->is_merge && !from->size.is_placeholder && points[1].x == points[0].x &&
      points[1].y > points[0].y && points[0].y > from->block_rect.y)
    points[0].y = block_bottom_at (from, points[0].x) + STRATA_ARROW_SPACE;
  /* A fold's second column runs up: into a block's bottom, out of its top. */
  if (!to->is_merge && !to->size.is_placeholder && tip[-1].x == tip->x && tip[-1].y > tip->y)
    tip->y = block_bottom_at (to, tip->x) + STRATA_ARROW_SPACE;
  if (!from->is_merge && !from->size.is_placeholder && points[1].x == points[0].x &&
      points[1].y < points[0].y && points[0].y < from->block_rect.y + from->block_rect.height)
    points[0].y = block_top_at (from, points[0].x) - STRATA_ARROW_SPACE;
  edge_bounds (self, edge);
}

/* A bracket under a group's labels turned into one right of them: its
 * ends along y, its line at x = y, its ticks back left to rect.x, and
 * its name right of the line, in the middle. */
static void
turn_bracket_back (StrataLayout  *self,
                   StrataBracket *bracket,
                   double         offset)
{
  const StrataGroup *group = &g_array_index (self->groups, StrataGroup, bracket->group);
  double tick = bracket->rect.y, x, w, h;

  strata_text_extents (group->name, &x, &w, &h);
  bracket->x0 += offset;
  bracket->x1 += offset;
  bracket->name_x = bracket->y + 4 - x;
  bracket->name_y = (bracket->x0 + bracket->x1) / 2 - h / 2;
  bracket->rect = (cairo_rectangle_t) { tick, bracket->x0, bracket->y - tick + 4 + w,
                                        bracket->x1 - bracket->x0 };
}

void
strata_builder_place_vertical (StrataBuilder *b)
{
  StrataLayout *self = b->self;
  guint n = strata_layout_n_columns (self);
  g_autofree Measures *own = g_new (Measures, n);
  double top = b->y, right = b->content_right, offset, placed_bottom;

  for (guint i = 0; i < n; i++)
    turn_measures (b, strata_layout_column_mut (self, i), &own[i]);

  /* Placed from the margin across, and down from under the title. */
  b->y = MARGIN;
  b->content_right = 0;
  strata_builder_place_columns (b);
  strata_builder_place_groups (b);
  offset = top - MARGIN;
  placed_bottom = b->y;
  b->y = b->content_right + offset;
  b->content_right = MAX (right, placed_bottom);

  for (guint i = 0; i < n; i++)
    turn_column_back (strata_layout_column_mut (self, i), &own[i], offset);
  for (guint e = 0; e < self->edges->len; e++)
    turn_edge_back (b, &g_array_index (self->edges, StrataEdge, e), offset);
  for (guint i = 0; i < self->brackets->len; i++)
    turn_bracket_back (self, &g_array_index (self->brackets, StrataBracket, i), offset);

  /* A row is a column of the page: its extent down the page, for what
   * scrolls to it (build-up slides). */
  for (guint r = 0; r < self->rows->len; r++)
    {
      StrataRow *row = &g_array_index (self->rows, StrataRow, r);

      row->top = G_MAXDOUBLE;
      row->bottom = -G_MAXDOUBLE;
      for (guint i = row->first; i < row->first + row->n; i++)
        {
          const cairo_rectangle_t *bounds = &strata_layout_column (self, i)->bounds;

          row->top = MIN (row->top, bounds->y);
          row->bottom = MAX (row->bottom, bounds->y + bounds->height);
        }
    }
}
