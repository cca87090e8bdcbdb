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

gboolean
strata_column_get_dimension_rect (const StrataColumn *c,
                                  StrataDimension     dimension,
                                  cairo_rectangle_t  *rect)
{
  const StrataTextSize *size = &c->dim_size[dimension];
  double bottom = c->y + c->size.height;
  double channels_right = c->x;

  if (c->dims[dimension] == NULL)
    return FALSE;

  if (c->dims[STRATA_DIMENSION_CHANNELS] != NULL)
    {
      const StrataTextSize *cs = &c->dim_size[STRATA_DIMENSION_CHANNELS];

      /* Under the front face, no further left than it starts. */
      channels_right = MAX (c->x + c->size.thickness / 2 - cs->width / 2, c->x) + cs->width;
    }

  switch (dimension)
    {
    case STRATA_DIMENSION_HEIGHT:
      *rect = (cairo_rectangle_t) { c->x - DIM_GAP - size->width, bottom - size->height,
                                    size->width, size->height };
      if (rect->y < c->y + c->size.height / 2 + ARROW_CLEAR)
        rect->y = bottom + DIM_GAP;
      break;
    case STRATA_DIMENSION_CHANNELS:
      *rect = (cairo_rectangle_t) { channels_right - size->width, bottom + DIM_GAP,
                                    size->width, size->height };
      break;
    case STRATA_DIMENSION_WIDTH:
    case STRATA_N_DIMENSIONS:
    default:
      /* Below the receding lower edge of the side, from its middle: the
       * text's corner nearest the edge is just off it. */
      *rect = (cairo_rectangle_t) {
        MAX (c->x + c->total_thickness + c->dx / 2, channels_right) + DIM_GAP,
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

  if (!b->self->options.dimensions_on_edges || column->is_merge || !column->has_shape ||
      b->self->options.arrangement != STRATA_ARRANGEMENT_COMPACT)
    return;

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
      cairo_move_to (cr, rect.x - column->dim_size[d].x, rect.y);
      strata_paint_layout (cr, column->dims[d], STRATA_TEXT_ANCHOR_START);
    }
}
