/* strata-svg-private.h: the layout's drawing written as SVG elements, with real text. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* The drawing code builds its paths with cairo and ends each with one of
 * the strata_paint_*() calls below instead of cairo_fill(), cairo_stroke()
 * and pango_cairo_show_layout(). On a cairo context with an SVG writer
 * attached, they write the path, with the source colour and line of the
 * context, as an SVG element instead, and a Pango layout as <text>
 * elements: cairo's own SVG surface turns text into glyph outlines, which
 * no one can select, search or correct. On any other context they are the
 * cairo calls, so the canvas, PNG and PDF draw as before. */
typedef struct _StrataSvgWriter StrataSvgWriter;

StrataSvgWriter *strata_svg_writer_new     (double           width,
                                            double           height);
void             strata_svg_writer_free    (StrataSvgWriter *writer);
/* A context to draw on: its paths become the writer's elements. */
cairo_t         *strata_svg_writer_create_context (StrataSvgWriter *writer);
/* Told as each layer's group begins: the layers begun. */
typedef void (*StrataSvgLayerFunc) (guint    n_layers,
                                    gpointer user_data);
/* At each layer's group the writer tells @func (may be NULL) and looks
 * at @cancellable (may be NULL): once it is cancelled, nothing more is
 * written, however much more is drawn, and finishing fails. A network
 * of 100,000 layers stops within a layer, not at the end of its file. */
void             strata_svg_writer_watch   (StrataSvgWriter    *writer,
                                            GCancellable       *cancellable,
                                            StrataSvgLayerFunc  func,
                                            gpointer            user_data);
/* The document: the <svg> element with @head (title, description,
 * metadata) first, then everything drawn; NULL with
 * G_IO_ERROR_CANCELLED when the watch's cancellable stopped it. */
GBytes          *strata_svg_writer_finish  (StrataSvgWriter *writer,
                                            const char      *head,
                                            GError         **error);

void strata_paint_fill          (cairo_t     *cr);
void strata_paint_fill_preserve (cairo_t     *cr);
void strata_paint_stroke        (cairo_t     *cr);
/* The whole page in the source colour. */
void strata_paint_page          (cairo_t     *cr);
/* cairo_save() and a clip to the current path, until strata_paint_pop_clip(). */
void strata_paint_push_clip     (cairo_t     *cr);
void strata_paint_pop_clip      (cairo_t     *cr);
/* Where an SVG's text is anchored on each line: the drawing is the same
 * with the fonts it was set in, and a label centred under its block stays
 * centred where another font replaces them. */
typedef enum
{
  STRATA_TEXT_ANCHOR_START,
  STRATA_TEXT_ANCHOR_MIDDLE,
  STRATA_TEXT_ANCHOR_END,
} StrataTextAnchor;

/* @layout with its top left at the current point, as set (@anchor only
 * says which end of each line an SVG fixes). */
void strata_paint_layout        (cairo_t          *cr,
                                 PangoLayout      *layout,
                                 StrataTextAnchor  anchor);
/* What is drawn until the group ends belongs to one layer (@name, shown as
 * the group's <title>; its id is "layer-" and the name made a valid, unique
 * id) or, with @name NULL, to a part of the figure of id @part. */
void strata_paint_begin_group   (cairo_t     *cr,
                                 const char  *part,
                                 const char  *name);
void strata_paint_end_group     (cairo_t     *cr);

G_END_DECLS
