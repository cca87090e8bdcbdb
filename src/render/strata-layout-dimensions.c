/* strata-layout-dimensions.c: a block's dimensions written on its edges, as in figures of papers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-layout-build-private.h"
#include "strata-svg-private.h"

/* Between a dimension and the edge it is written at. */
#define DIM_GAP 3.0

/* Its height is written left of the block's front face, low enough to
 * leave the arrow coming in at its middle alone: that far under it. */
#define ARROW_CLEAR (STRATA_ARROW_HEAD * 0.45 + 2)

/* Top to bottom, where the edge out of a block goes down. */
static double
exit_x (const StrataColumn *c)
{
  return c->x + c->block_width / 2;
}

/* Where the channels' number ends, under the front face and no further
 * left than it starts (top to bottom, left of the edge going down); the
 * face's left edge without one. */
static double
channels_right (const StrataColumn *c)
{
  const StrataTextSize *cs = &c->dim_size[STRATA_DIMENSION_CHANNELS];
  double right;

  if (c->dims[STRATA_DIMENSION_CHANNELS] == NULL)
    return c->x;
  right = MAX (c->x + c->size.thickness / 2 - cs->width / 2, c->x) + cs->width;
  if (c->leaves_down)
    right = MIN (right, exit_x (c) - ARROW_CLEAR);
  return right;
}

/* What the width's number keeps right of: the channels' number, and top
 * to bottom the edge going down. */
static double
width_left (const StrataColumn *c)
{
  double left = channels_right (c);

  if (c->leaves_down)
    left = MAX (left, exit_x (c) + ARROW_CLEAR);
  return left;
}

/* The width is written along the lower edge of the block's receding
 * side, turned with it, as figures made with PlotNeuralNet write it:
 * from the edge's middle, just under it, but clear of the channels'
 * number. Gives the corner its text starts at (its top left, before
 * turning); FALSE where the block has no receding side (the flat style)
 * or one too short for the text. */
static gboolean
width_along_edge (const StrataColumn *c,
                  double             *x,
                  double             *y)
{
  const StrataTextSize *size = &c->dim_size[STRATA_DIMENSION_WIDTH];
  double front_x = c->x + c->total_thickness, front_y = c->y + c->size.height;
  double along;

  if (c->dx <= 0)
    return FALSE;
  /* How far along the edge the text starts; off the edge, the text's
   * corner nearest the channels is DIM_GAP from the edge, which runs at
   * 45° up to the right. */
  along = MAX ((c->dx * G_SQRT2 - size->width) / 2,
               G_SQRT2 * (width_left (c) + DIM_GAP - front_x) - DIM_GAP);
  along = MAX (along, 0);
  *x = front_x + (along + DIM_GAP) / G_SQRT2;
  *y = front_y + (DIM_GAP - along) / G_SQRT2;
  /* Its far end stays under the arrow leaving the block's middle, as
   * the height's number does under the one coming in; top to bottom,
   * where nothing leaves the block's side, along the edge at all. */
  return c->leaves_down ? *x - front_x < c->dx
                        : *y - size->width / G_SQRT2 >= c->y + c->size.height / 2 + ARROW_CLEAR;
}

gboolean
strata_column_get_dimension_quad (const StrataColumn *c,
                                  StrataDimension     dimension,
                                  StrataPoint         corners[4])
{
  const StrataTextSize *size = &c->dim_size[dimension];
  cairo_rectangle_t rect;
  double x, y;

  if (dimension == STRATA_DIMENSION_WIDTH && c->dims[dimension] != NULL &&
      width_along_edge (c, &x, &y))
    {
      double w = size->width / G_SQRT2, h = size->height / G_SQRT2;

      /* Along the edge (1, -1) / √2, and across it (1, 1) / √2. */
      corners[0] = (StrataPoint) { x, y };
      corners[1] = (StrataPoint) { x + w, y - w };
      corners[2] = (StrataPoint) { x + w + h, y - w + h };
      corners[3] = (StrataPoint) { x + h, y + h };
      return TRUE;
    }
  if (!strata_column_get_dimension_rect (c, dimension, &rect))
    return FALSE;
  corners[0] = (StrataPoint) { rect.x, rect.y };
  corners[1] = (StrataPoint) { rect.x + rect.width, rect.y };
  corners[2] = (StrataPoint) { rect.x + rect.width, rect.y + rect.height };
  corners[3] = (StrataPoint) { rect.x, rect.y + rect.height };
  return TRUE;
}

gboolean
strata_column_dimension_is_turned (const StrataColumn *c,
                                   StrataDimension     dimension)
{
  double x, y;

  return dimension == STRATA_DIMENSION_WIDTH && c->dims[dimension] != NULL &&
         width_along_edge (c, &x, &y);
}

gboolean
strata_column_get_dimension_rect (const StrataColumn *c,
                                  StrataDimension     dimension,
                                  cairo_rectangle_t  *rect)
{
  const StrataTextSize *size = &c->dim_size[dimension];
  double bottom = c->y + c->size.height;

  if (c->dims[dimension] == NULL)
    return FALSE;

  switch (dimension)
    {
    case STRATA_DIMENSION_HEIGHT:
      *rect = (cairo_rectangle_t) { c->x - DIM_GAP - size->width, bottom - size->height,
                                    size->width, size->height };
      /* Top to bottom, no edge comes in from the left. */
      if (!c->leaves_down && rect->y < c->y + c->size.height / 2 + ARROW_CLEAR)
        rect->y = bottom + DIM_GAP;
      break;
    case STRATA_DIMENSION_CHANNELS:
      *rect = (cairo_rectangle_t) { channels_right (c) - size->width, bottom + DIM_GAP,
                                    size->width, size->height };
      break;
    case STRATA_DIMENSION_WIDTH:
    case STRATA_N_DIMENSIONS:
    default:
      if (strata_column_dimension_is_turned (c, dimension))
        {
          StrataPoint q[4];

          /* The bounds of the turned text. */
          strata_column_get_dimension_quad (c, dimension, q);
          *rect = (cairo_rectangle_t) { q[0].x, q[1].y, q[2].x - q[0].x, q[3].y - q[1].y };
        }
      else
        /* Where it would rise too high, below the side's lower edge from
         * its middle, the text's corner nearest the edge just off it. */
        *rect = (cairo_rectangle_t) {
          MAX (c->x + c->total_thickness + c->dx / 2, width_left (c)) + DIM_GAP,
          bottom - c->dy / 2 + DIM_GAP, size->width, size->height };
      break;
    }
  return TRUE;
}

void
strata_builder_build_dimensions (StrataBuilder *b,
                                 StrataColumn  *column)
{
  guint64 values[STRATA_N_DIMENSIONS];
  double right = 0, th = 0;

  if (!b->self->options.dimensions_on_edges || column->is_merge || !column->has_shape)
    return;
  column->leaves_down = b->self->options.arrangement == STRATA_ARRANGEMENT_TOP_TO_BOTTOM;

  /* A vector's only dimension is its length, its bar's height. */
  values[STRATA_DIMENSION_HEIGHT] = column->shape.is_vector ? column->shape.channels
                                                            : column->shape.height;
  values[STRATA_DIMENSION_CHANNELS] = column->shape.is_vector ? 0 : column->shape.channels;
  values[STRATA_DIMENSION_WIDTH] = column->shape.is_vector ? 0 : column->shape.width;
  for (guint d = 0; d < STRATA_N_DIMENSIONS; d++)
    {
      /* Dimensions are written as in code, without groups. */
      g_autofree char *text = NULL;

      if (values[d] == 0)
        continue;
      text = g_strdup_printf ("%" G_GUINT64_FORMAT, values[d]);
      column->dims[d] = strata_builder_cached_text (b, FONT_PARAMS, text, 0, 0, FALSE,
                                                    &column->dim_size[d]);
      th = MAX (th, column->dim_size[d].height);
    }
  /* Top to bottom, the room they take is the turned placement's (see
   * strata_builder_dimensions_extent()). */
  if (column->leaves_down)
    return;

  /* Room for them: under the block over its labels, before the block,
   * and past it as much as its width's number reaches. */
  column->top_space = th + 2 * DIM_GAP;
  column->block_lead = column->dim_size[STRATA_DIMENSION_HEIGHT].width + DIM_GAP;
  if (column->dims[STRATA_DIMENSION_WIDTH] != NULL)
    {
      cairo_rectangle_t rect;

      /* Measured from a block at (0, 0), as it is placed later. */
      column->x = 0;
      column->y = 0;
      strata_column_get_dimension_rect (column, STRATA_DIMENSION_WIDTH, &rect);
      right = rect.x + rect.width;
    }
  column->block_trail = MAX (right - column->block_width, 0);
  column->block_gap += column->block_trail;
}

gboolean
strata_builder_dimensions_extent (StrataColumn      *column,
                                  cairo_rectangle_t *extent)
{
  gboolean any = FALSE;

  /* Measured from a block at (0, 0), as it is placed later. */
  column->x = 0;
  column->y = 0;
  for (guint d = 0; d < STRATA_N_DIMENSIONS; d++)
    {
      cairo_rectangle_t rect;

      if (!strata_column_get_dimension_rect (column, d, &rect))
        continue;
      if (any)
        strata_rect_union (extent, &rect);
      else
        *extent = rect;
      any = TRUE;
    }
  return any;
}

void
strata_draw_dimensions (cairo_t                 *cr,
                        const StrataThemeColors *colors,
                        const StrataColumn      *column)
{
  cairo_set_source_rgb (cr, colors->secondary.red, colors->secondary.green,
                        colors->secondary.blue);
  for (guint d = 0; d < STRATA_N_DIMENSIONS; d++)
    {
      cairo_rectangle_t rect;

      if (!strata_column_get_dimension_rect (column, d, &rect))
        continue;
      if (strata_column_dimension_is_turned (column, d))
        {
          StrataPoint q[4];

          strata_column_get_dimension_quad (column, d, q);
          cairo_save (cr);
          cairo_translate (cr, q[0].x, q[0].y);
          cairo_rotate (cr, -G_PI / 4);
          cairo_move_to (cr, -column->dim_size[d].x, 0);
          strata_paint_layout (cr, column->dims[d], STRATA_TEXT_ANCHOR_START);
          cairo_restore (cr);
          continue;
        }
      cairo_move_to (cr, rect.x - column->dim_size[d].x, rect.y);
      strata_paint_layout (cr, column->dims[d], STRATA_TEXT_ANCHOR_START);
    }
}
