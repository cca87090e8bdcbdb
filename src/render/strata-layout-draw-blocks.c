/* strata-layout-draw-blocks.c: a layer's block, its breaks and its kernel, drawn with cairo. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "strata-layout-draw-private.h"

#define BREAK_GAP     3.0   /* half the width of a break mark's gap */
#define BREAK_SLANT   3.5

static const StrataRgb white = { 1, 1, 1 };
static const StrataRgb black = { 0, 0, 0 };

/* One slice of a prism from x0 to x1: its front, its top and, when
 * @side_fill is given, the side facing right. The side is the H × W face
 * of the whole block, so it takes the block's colour even when bands end
 * the block. */
void
strata_draw_slice (const Painter      *p,
                   double              x0,
                   double              x1,
                   const StrataColumn *c,
                   const StrataRgb    *fill,
                   const StrataRgb    *side_fill)
{
  cairo_t *cr = p->cr;
  double y = c->y, h = c->size.height, dx = c->dx, dy = c->dy;
  StrataRgb edge = strata_outline_color (p->colors, fill);
  StrataRgb top = strata_rgb_mix (fill, &white, p->colors->top_tint);
  StrataRgb side;

  cairo_rectangle (cr, x0, y, x1 - x0, h);
  fill_and_edge (p, fill, &edge);

  if (dy <= 0)
    return;

  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_line_to (cr, x1 + dx, y - dy);
  cairo_line_to (cr, x0 + dx, y - dy);
  cairo_close_path (cr);
  fill_and_edge (p, &top, &edge);

  if (side_fill == NULL)
    return;

  side = strata_rgb_mix (side_fill, &black, 0.2);
  edge = strata_outline_color (p->colors, side_fill);
  cairo_move_to (cr, x1, y);
  cairo_line_to (cr, x1 + dx, y - dy);
  cairo_line_to (cr, x1 + dx, y + h - dy);
  cairo_line_to (cr, x1, y + h);
  cairo_close_path (cr);
  fill_and_edge (p, &side, &edge);
}

/* A gap across one face of a prism, the face given by its corner @ox, @oy,
 * the axis being cut (@ax, @ay, a length @len) and the axis across (@bx,
 * @by). Where the gap meets the face's far edge is @t_end along the cut
 * axis; @t_start at the near edge. */
static void
draw_break_face (const Painter   *p,
                 const StrataRgb *edge,
                 double ox, double oy,
                 double ax, double ay,
                 double bx, double by,
                 double t_start,
                 double t_end,
                 double gap)
{
  cairo_t *cr = p->cr;

  cairo_move_to (cr, ox + ax * t_start, oy + ay * t_start);
  cairo_line_to (cr, ox + bx + ax * t_end, oy + by + ay * t_end);
  cairo_line_to (cr, ox + bx + ax * (t_end + gap), oy + by + ay * (t_end + gap));
  cairo_line_to (cr, ox + ax * (t_start + gap), oy + ay * (t_start + gap));
  cairo_close_path (cr);
  set_color (cr, &p->colors->background);
  strata_paint_fill (cr);

  cairo_move_to (cr, ox + ax * t_start, oy + ay * t_start);
  cairo_line_to (cr, ox + bx + ax * t_end, oy + by + ay * t_end);
  cairo_move_to (cr, ox + ax * (t_start + gap), oy + ay * (t_start + gap));
  cairo_line_to (cr, ox + bx + ax * (t_end + gap), oy + by + ay * (t_end + gap));
  set_color (cr, edge);
  strata_paint_stroke (cr);
}

/* The break marks of a block cut down by a clamp: a slanted gap across the
 * middle of the axis that was cut, as on a broken chart axis. */
void
strata_draw_breaks (const Painter      *p,
                    const StrataColumn *c)
{
  const StrataRgb *fill = &c->fill;
  StrataRgb edge = strata_outline_color (p->colors, fill);
  double x = c->x, y = c->y, h = c->size.height;
  double t = c->size.thickness, total = c->total_thickness;
  double dx = c->dx, dy = c->dy;
  double depth = hypot (dx, dy);

  if (c->size.clamped & STRATA_CLAMPED_HEIGHT)
    {
      double g = 2 * BREAK_GAP / h, s = BREAK_SLANT / h;

      /* Up the front, then level along the side so the two faces meet. */
      draw_break_face (p, &edge, x, y + h, 0, -h, total, 0, 0.5 - g / 2 - s, 0.5 - g / 2 + s, g);
      if (dy > 0)
        draw_break_face (p, &edge, x + total, y + h, 0, -h, dx, -dy,
                         0.5 - g / 2 + s, 0.5 - g / 2 + s, g);
    }

  if ((c->size.clamped & STRATA_CLAMPED_DEPTH) && depth > 0)
    {
      double g = 2 * BREAK_GAP / depth, s = BREAK_SLANT / depth;

      draw_break_face (p, &edge, x, y, dx, -dy, total, 0, 0.5 - g / 2 - s, 0.5 - g / 2 + s, g);
      draw_break_face (p, &edge, x + total, y, dx, -dy, 0, h,
                       0.5 - g / 2 + s, 0.5 - g / 2 + s, g);
    }

  if (c->size.clamped & STRATA_CLAMPED_THICKNESS)
    {
      double g = 2 * BREAK_GAP / t, s = BREAK_SLANT / t;

      draw_break_face (p, &edge, x, y + h, t, 0, 0, -h, 0.5 - g / 2 - s, 0.5 - g / 2 + s, g);
      if (dy > 0)
        draw_break_face (p, &edge, x, y, t, 0, dx, -dy, 0.5 - g / 2 + s, 0.5 - g / 2 + s, g);
    }
}

/* The receding side of a block @t wide and @h high at @x, @y, as a
 * closed path: filled, then clipped to for its hatching. */
static void
add_side_face (cairo_t *cr,
               double   x,
               double   y,
               double   t,
               double   h,
               double   dx,
               double   dy)
{
  cairo_move_to (cr, x + t, y);
  cairo_line_to (cr, x + t + dx, y - dy);
  cairo_line_to (cr, x + t + dx, y + h - dy);
  cairo_line_to (cr, x + t, y + h);
  cairo_close_path (cr);
}

/* A layer without a shape: a hatched, dashed block of a fixed size with
 * an exclamation badge, so that it is seen and never mistaken for data. */
static void
draw_placeholder (const Painter      *p,
                  const StrataColumn *c)
{
  cairo_t *cr = p->cr;
  const StrataRgb *mark = c->has_error ? &p->colors->error : &p->colors->secondary;
  double x = c->x, y = c->y, t = c->total_thickness, h = c->size.height;
  double dx = c->dx, dy = c->dy;
  double bx, by;
  double dashes[] = { 4, 3 };

  cairo_save (cr);
  set_color (cr, &p->colors->placeholder);
  cairo_rectangle (cr, x, y, t, h);
  strata_paint_fill (cr);
  if (dy > 0)
    {
      /* The top, then the side. */
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + dx, y - dy);
      cairo_line_to (cr, x + t + dx, y - dy);
      cairo_line_to (cr, x + t, y);
      cairo_close_path (cr);
      add_side_face (cr, x, y, t, h, dx, dy);
      strata_paint_fill (cr);
    }

  /* Diagonal hatching over the front and the side. */
  cairo_rectangle (cr, x, y, t, h);
  if (dy > 0)
    add_side_face (cr, x, y, t, h, dx, dy);
  strata_paint_push_clip (cr);
  set_color_alpha (cr, mark, 0.35);
  cairo_set_line_width (cr, 1.0);
  for (double k = -h - dy; k < t + dx + h; k += 7)
    {
      cairo_move_to (cr, x + k, y + h);
      cairo_line_to (cr, x + k + h + dy, y - dy);
    }
  strata_paint_stroke (cr);
  strata_paint_pop_clip (cr);

  set_color (cr, mark);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_rectangle (cr, x, y, t, h);
  if (dy > 0)
    {
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + dx, y - dy);
      cairo_line_to (cr, x + t + dx, y - dy);
      cairo_line_to (cr, x + t + dx, y + h - dy);
      cairo_line_to (cr, x + t, y + h);
      cairo_move_to (cr, x + t, y);
      cairo_line_to (cr, x + t + dx, y - dy);
    }
  strata_paint_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* The badge: a filled disc with an exclamation mark cut out of it. */
  bx = x + (t + dx) / 2;
  by = y + h / 2 - dy / 2;
  cairo_arc (cr, bx, by, 10, 0, 2 * G_PI);
  strata_paint_fill (cr);
  set_color (cr, &p->colors->background);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, bx, by - 5);
  cairo_line_to (cr, bx, by + 1);
  strata_paint_stroke (cr);
  cairo_arc (cr, bx, by + 5, 1.5, 0, 2 * G_PI);
  strata_paint_fill (cr);
  cairo_restore (cr);
}

/* How many of a column's bands are revealed: its first ones, since they
 * follow its layer in the network's order. */
guint
strata_column_n_revealed_bands (StrataLayout       *self,
                                const StrataColumn *c)
{
  guint n = 0;

  while (n < c->size.n_bands &&
         g_array_index (self->bands, StrataBand, c->first_band + n).position <=
         self->options.revealed)
    n++;
  return n;
}

void
strata_draw_block (const Painter      *p,
                   const StrataColumn *c)
{
  StrataLayout *self = p->self;
  const StrataRgb *fill;
  guint n_bands;
  double x;

  if (c->size.is_placeholder)
    {
      draw_placeholder (p, c);
      return;
    }
  if (c->is_merge)
    {
      strata_draw_merge_node (p->cr, p->self, p->colors, c);
      return;
    }

  fill = &c->fill;
  n_bands = strata_column_n_revealed_bands (self, c);
  x = c->x + c->size.thickness;
  strata_draw_slice (p, c->x, x, c, fill, n_bands == 0 ? fill : NULL);
  /* Bands narrower than a device pixel are one slice of their mean
   * colour, what their pixels would blend to anyway, in a third of the
   * fills: a fitted overview draws thousands of them. */
  if (n_bands > 1 && STRATA_BAND_THICKNESS * p->scale < 1)
    {
      StrataRgb mean = { 0, 0, 0 };

      for (guint i = 0; i < n_bands; i++)
        {
          const StrataBand *band = &g_array_index (self->bands, StrataBand, c->first_band + i);

          mean.red += band->fill.red / n_bands;
          mean.green += band->fill.green / n_bands;
          mean.blue += band->fill.blue / n_bands;
        }
      strata_draw_slice (p, x, x + n_bands * STRATA_BAND_THICKNESS, c, &mean, fill);
      n_bands = 0;
    }
  for (guint i = 0; i < n_bands; i++)
    {
      const StrataBand *band = &g_array_index (self->bands, StrataBand, c->first_band + i);

      strata_draw_slice (p, x, x + STRATA_BAND_THICKNESS, c, &band->fill,
                  i + 1 == n_bands ? fill : NULL);
      x += STRATA_BAND_THICKNESS;
    }

  if (c->size.clamped != 0)
    strata_draw_breaks (p, c);
}


gboolean
strata_column_get_kernel_marker (const StrataColumn *prev,
                                 const StrataColumn *c,
                                 StrataPoint         corners[4],
                                 StrataPoint        *apex)
{
  double fh, fw, bh, bw, v0, u0, u1, xr, yt, depth, v_rel;

  if (prev->size.is_placeholder || prev->size.is_vector || c->size.is_placeholder ||
      c->in_height == 0 || c->in_width == 0 || prev->dy <= 0)
    return FALSE;

  fh = MIN (1.0, (double) c->kernel_h / c->in_height);
  fw = MIN (1.0, (double) c->kernel_w / c->in_width);
  depth = prev->size.depth * STRATA_OBLIQUE_FACTOR;
  bh = MIN (prev->size.height, MAX (fh * prev->size.height, 5.0));
  bw = MIN (1.0, MAX (fw, 5.0 / depth));

  v0 = MIN (prev->size.height / 3, prev->size.height - bh);
  u0 = 0.5 - bw / 2;
  u1 = 0.5 + bw / 2;
  /* Mirrored in a row running right to left: the input leaves the block
   * before by its left end and comes into this one by its right. */
  xr = c->kernel_back ? prev->x : prev->x + prev->total_thickness;
  yt = prev->y;

  corners[0] = (StrataPoint) { xr + u0 * prev->dx, yt + v0 - u0 * prev->dy };
  corners[1] = (StrataPoint) { xr + u1 * prev->dx, yt + v0 - u1 * prev->dy };
  corners[2] = (StrataPoint) { xr + u1 * prev->dx, yt + v0 + bh - u1 * prev->dy };
  corners[3] = (StrataPoint) { xr + u0 * prev->dx, yt + v0 + bh - u0 * prev->dy };

  v_rel = (v0 + bh / 2) / prev->size.height;
  apex->x = c->x + (c->kernel_back ? c->total_thickness : 0) + 0.5 * c->dx;
  apex->y = c->y + v_rel * c->size.height - 0.5 * c->dy;
  return TRUE;
}

/* The receptive field: a window on the side (the H × W face) of the block
 * before, and the pyramid from it to one point of this block. It sits at
 * the same place on every block, a third of the way down and half way in,
 * so that the drawing does not change from one export to the next. */
void
strata_draw_kernel (const Painter      *p,
                    const StrataColumn *prev,
                    const StrataColumn *c)
{
  cairo_t *cr = p->cr;
  const StrataRgb *fill = &c->fill;
  StrataRgb edge = strata_outline_color (p->colors, fill);
  StrataPoint corners[4], apex;
  double ax, ay;

  if (!strata_column_get_kernel_marker (prev, c, corners, &apex))
    return;
  ax = apex.x;
  ay = apex.y;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* The pyramid's faces, lightly, then its edges. */
  for (guint i = 0; i < 4; i++)
    {
      cairo_move_to (cr, corners[i].x, corners[i].y);
      cairo_line_to (cr, corners[(i + 1) % 4].x, corners[(i + 1) % 4].y);
      cairo_line_to (cr, ax, ay);
      cairo_close_path (cr);
    }
  set_color_alpha (cr, fill, 0.25);
  strata_paint_fill (cr);

  for (guint i = 0; i < 4; i++)
    {
      cairo_move_to (cr, corners[i].x, corners[i].y);
      cairo_line_to (cr, ax, ay);
    }
  /* Dark edges would vanish on a dark background. */
  set_color (cr, p->self->options.theme == STRATA_THEME_DARK ? fill : &edge);
  strata_paint_stroke (cr);

  cairo_move_to (cr, corners[0].x, corners[0].y);
  for (guint i = 1; i < 4; i++)
    cairo_line_to (cr, corners[i].x, corners[i].y);
  cairo_close_path (cr);
  cairo_set_line_width (cr, 1.5);
  fill_and_edge (p, fill, &edge);

  cairo_arc (cr, ax, ay, 2.5, 0, 2 * G_PI);
  set_color (cr, &edge);
  strata_paint_fill (cr);
  cairo_restore (cr);
}
