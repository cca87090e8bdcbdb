/* strata-layout-draw-private.h: what the drawing of a layout's parts shares. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "strata-layout-private.h"
#include "strata-svg-private.h"

G_BEGIN_DECLS

typedef struct
{
  StrataLayout            *self;
  cairo_t                 *cr;
  const StrataThemeColors *colors;
  double                   clip[4]; /* x1, y1, x2, y2 */
  /* Device pixels per unit on a screen, see device_scale(); infinite for
   * a file, which shows every detail however small. */
  double                   scale;
} Painter;

static inline void
set_color (cairo_t         *cr,
           const StrataRgb *color)
{
  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
}

static inline void
set_color_alpha (cairo_t         *cr,
                 const StrataRgb *color,
                 double           alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha);
}

static inline gboolean
is_visible (const Painter           *p,
            const cairo_rectangle_t *r,
            double                   slack)
{
  return r->x - slack < p->clip[2] && r->x + r->width + slack > p->clip[0] &&
         r->y - slack < p->clip[3] && r->y + r->height + slack > p->clip[1];
}

/* An outline thinner than a quarter of a pixel darkens the edge of its
 * face by a few percent at most: the fill alone is drawn. */
static inline void
fill_and_edge (const Painter   *p,
               const StrataRgb *fill,
               const StrataRgb *edge)
{
  set_color (p->cr, fill);
  if (cairo_get_line_width (p->cr) * p->scale < 0.25)
    {
      strata_paint_fill (p->cr);
      return;
    }
  strata_paint_fill_preserve (p->cr);
  set_color (p->cr, edge);
  strata_paint_stroke (p->cr);
}

/* Text is not drawn where ten units, the size of a label, make less than
 * a pixel: it could only be a grey smudge. */
static inline void
show_text_anchored (const Painter    *p,
                    PangoLayout      *layout,
                    double            x,
                    double            y,
                    StrataTextAnchor  anchor)
{
  if (p->scale * 10 < 1)
    return;
  cairo_move_to (p->cr, x, y);
  strata_paint_layout (p->cr, layout, anchor);
}

static inline void
show_text (const Painter *p,
           PangoLayout   *layout,
           double         x,
           double         y)
{
  show_text_anchored (p, layout, x, y, STRATA_TEXT_ANCHOR_START);
}

void strata_draw_slice  (const Painter      *p,
                         double              x0,
                         double              x1,
                         const StrataColumn *c,
                         const StrataRgb    *fill,
                         const StrataRgb    *side_fill);
void strata_draw_breaks (const Painter      *p,
                         const StrataColumn *c);
void strata_draw_block  (const Painter      *p,
                         const StrataColumn *c);
void strata_draw_kernel (const Painter      *p,
                         const StrataColumn *prev,
                         const StrataColumn *c);

G_END_DECLS
