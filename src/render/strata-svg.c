/* strata-svg.c: the layout's drawing written as SVG elements, with real text. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-svg-private.h"

struct _StrataSvgWriter
{
  double      width;
  double      height;
  GString    *body;
  GHashTable *ids;         /* ids given to groups, so that each is unique */
  guint       n_clips;
  guint       depth;       /* of the open groups, for the indent */
  /* A path filled with fill_preserve(), kept open in case the stroke
   * that usually follows outlines the same path: one element, not two. */
  GString    *pending;
  char       *pending_d;
  /* What strata_svg_writer_watch() set, and whether the cancellable
   * stopped the writer. */
  GCancellable       *cancellable;
  StrataSvgLayerFunc  layer_func;
  gpointer            layer_data;
  guint               n_layers;
  gboolean            stopped;
};

static const cairo_user_data_key_t writer_key;

StrataSvgWriter *
strata_svg_writer_new (double width,
                       double height)
{
  StrataSvgWriter *writer = g_new0 (StrataSvgWriter, 1);

  writer->width = width;
  writer->height = height;
  writer->body = g_string_new (NULL);
  writer->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  writer->pending = g_string_new (NULL);
  return writer;
}

void
strata_svg_writer_free (StrataSvgWriter *writer)
{
  if (writer == NULL)
    return;
  g_string_free (writer->body, TRUE);
  g_string_free (writer->pending, TRUE);
  g_free (writer->pending_d);
  g_hash_table_unref (writer->ids);
  g_clear_object (&writer->cancellable);
  g_free (writer);
}

void
strata_svg_writer_watch (StrataSvgWriter    *writer,
                         GCancellable       *cancellable,
                         StrataSvgLayerFunc  func,
                         gpointer            user_data)
{
  g_set_object (&writer->cancellable, cancellable);
  writer->layer_func = func;
  writer->layer_data = user_data;
}

/* A recording surface as large as the page, which records nothing since
 * no path is ever filled on it: it gives the drawing code its clip (the
 * whole page) and a device scale of one. */
cairo_t *
strata_svg_writer_create_context (StrataSvgWriter *writer)
{
  cairo_rectangle_t extents = { 0, 0, writer->width, writer->height };
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  cairo_set_user_data (cr, &writer_key, writer, NULL);
  return cr;
}

static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  /* Hundredths of a point are far below what any output shows. */
  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);
  end = buffer + strlen (buffer);
  while (end > buffer && end[-1] == '0')
    *--end = '\0';
  if (end > buffer && end[-1] == '.')
    *--end = '\0';
  if (strcmp (buffer, "-0") == 0)
    strcpy (buffer, "0");
  g_string_append (out, buffer);
}

static void
append_color (GString    *out,
              const char *property,
              cairo_t    *cr)
{
  double r = 0, g = 0, b = 0, a = 1;

  cairo_pattern_get_rgba (cairo_get_source (cr), &r, &g, &b, &a);
  g_string_append_printf (out, " %s=\"#%02X%02X%02X\"", property,
                          (guint) lround (CLAMP (r, 0, 1) * 255),
                          (guint) lround (CLAMP (g, 0, 1) * 255),
                          (guint) lround (CLAMP (b, 0, 1) * 255));
  if (a < 1)
    {
      g_string_append_printf (out, " %s-opacity=\"", property);
      append_number (out, a);
      g_string_append_c (out, '"');
    }
}

static void
append_escaped (GString    *out,
                const char *text,
                gssize      length)
{
  g_autofree char *escaped = g_markup_escape_text (text, length);

  g_string_append (out, escaped);
}

static void
indent (StrataSvgWriter *writer)
{
  for (guint i = 0; i <= writer->depth; i++)
    g_string_append_c (writer->body, ' ');
}

/* The current path in the page's coordinates, as an SVG path's data. */
static char *
path_data (cairo_t *cr)
{
  GString *d = g_string_new (NULL);
  cairo_path_t *path;

  cairo_save (cr);
  cairo_identity_matrix (cr);
  path = cairo_copy_path (cr);
  cairo_restore (cr);

  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      const cairo_path_data_t *data = &path->data[i];
      const char *command = NULL;
      int n_points = 0;

      switch (data->header.type)
        {
        case CAIRO_PATH_MOVE_TO:
          /* cairo starts a new subpath after each close: a move that
           * draws nothing. */
          if (i + data->header.length >= path->num_data ||
              path->data[i + data->header.length].header.type == CAIRO_PATH_MOVE_TO)
            continue;
          command = "M";
          n_points = 1;
          break;
        case CAIRO_PATH_LINE_TO:
          command = "L";
          n_points = 1;
          break;
        case CAIRO_PATH_CURVE_TO:
          command = "C";
          n_points = 3;
          break;
        case CAIRO_PATH_CLOSE_PATH:
        default:
          command = "Z";
          break;
        }
      if (d->len > 0)
        g_string_append_c (d, ' ');
      g_string_append (d, command);
      for (int k = 1; k <= n_points; k++)
        {
          if (k > 1)
            g_string_append_c (d, ' ');
          append_number (d, data[k].point.x);
          g_string_append_c (d, ',');
          append_number (d, data[k].point.y);
        }
    }
  cairo_path_destroy (path);
  return g_string_free (d, FALSE);
}

static void
flush_pending (StrataSvgWriter *writer)
{
  if (writer->pending->len == 0)
    return;
  g_string_append (writer->body, writer->pending->str);
  g_string_append (writer->body, "/>\n");
  g_string_truncate (writer->pending, 0);
  g_clear_pointer (&writer->pending_d, g_free);
}

/* Units of the page per unit of the context: the drawing scales only
 * uniformly (a merge's glyph). */
static double
context_scale (cairo_t *cr)
{
  double dx = 1, dy = 0;

  cairo_user_to_device_distance (cr, &dx, &dy);
  return hypot (dx, dy);
}

static void
append_stroke (GString *out,
               cairo_t *cr)
{
  double scale = context_scale (cr);
  int n_dashes = cairo_get_dash_count (cr);

  append_color (out, "stroke", cr);
  g_string_append (out, " stroke-width=\"");
  append_number (out, cairo_get_line_width (cr) * scale);
  g_string_append_c (out, '"');
  switch (cairo_get_line_cap (cr))
    {
    case CAIRO_LINE_CAP_ROUND:
      g_string_append (out, " stroke-linecap=\"round\"");
      break;
    case CAIRO_LINE_CAP_SQUARE:
      g_string_append (out, " stroke-linecap=\"square\"");
      break;
    case CAIRO_LINE_CAP_BUTT:
    default:
      break;
    }
  switch (cairo_get_line_join (cr))
    {
    case CAIRO_LINE_JOIN_ROUND:
      g_string_append (out, " stroke-linejoin=\"round\"");
      break;
    case CAIRO_LINE_JOIN_BEVEL:
      g_string_append (out, " stroke-linejoin=\"bevel\"");
      break;
    case CAIRO_LINE_JOIN_MITER:
    default:
      /* SVG's default limit is 4, cairo's 10. */
      g_string_append (out, " stroke-miterlimit=\"");
      append_number (out, cairo_get_miter_limit (cr));
      g_string_append_c (out, '"');
      break;
    }
  if (n_dashes > 0)
    {
      g_autofree double *dashes = g_new (double, n_dashes);
      double offset;

      cairo_get_dash (cr, dashes, &offset);
      g_string_append (out, " stroke-dasharray=\"");
      for (int i = 0; i < n_dashes; i++)
        {
          if (i > 0)
            g_string_append_c (out, ' ');
          append_number (out, dashes[i] * scale);
        }
      g_string_append_c (out, '"');
      if (offset != 0)
        {
          g_string_append (out, " stroke-dashoffset=\"");
          append_number (out, offset * scale);
          g_string_append_c (out, '"');
        }
    }
}

static StrataSvgWriter *
get_writer (cairo_t *cr)
{
  return cairo_get_user_data (cr, &writer_key);
}

/* Whether @writer stopped: then what is drawn is let go unwritten, and
 * never painted on the recording surface either. */
static gboolean
skip (StrataSvgWriter *writer,
      cairo_t         *cr,
      gboolean         keep_path)
{
  if (!writer->stopped)
    return FALSE;
  if (!keep_path)
    cairo_new_path (cr);
  return TRUE;
}

static void
write_fill (StrataSvgWriter *writer,
            cairo_t         *cr,
            gboolean         preserve)
{
  char *d = path_data (cr);

  flush_pending (writer);
  if (d[0] == '\0')
    {
      g_free (d);
      return;
    }
  for (guint i = 0; i <= writer->depth; i++)
    g_string_append_c (writer->pending, ' ');
  g_string_append_printf (writer->pending, "<path d=\"%s\"", d);
  append_color (writer->pending, "fill", cr);
  if (preserve)
    writer->pending_d = d;
  else
    {
      g_free (d);
      flush_pending (writer);
    }
}

void
strata_paint_fill (cairo_t *cr)
{
  StrataSvgWriter *writer = get_writer (cr);

  if (writer == NULL)
    {
      cairo_fill (cr);
      return;
    }
  if (skip (writer, cr, FALSE))
    return;
  write_fill (writer, cr, FALSE);
  cairo_new_path (cr);
}

void
strata_paint_fill_preserve (cairo_t *cr)
{
  StrataSvgWriter *writer = get_writer (cr);

  if (writer == NULL)
    {
      cairo_fill_preserve (cr);
      return;
    }
  if (skip (writer, cr, TRUE))
    return;
  write_fill (writer, cr, TRUE);
}

void
strata_paint_stroke (cairo_t *cr)
{
  StrataSvgWriter *writer = get_writer (cr);
  g_autofree char *d = NULL;

  if (writer == NULL)
    {
      cairo_stroke (cr);
      return;
    }
  if (skip (writer, cr, FALSE))
    return;

  d = path_data (cr);
  cairo_new_path (cr);
  if (writer->pending_d != NULL && strcmp (writer->pending_d, d) == 0)
    {
      append_stroke (writer->pending, cr);
      flush_pending (writer);
      return;
    }
  flush_pending (writer);
  if (d[0] == '\0')
    return;
  indent (writer);
  g_string_append_printf (writer->body, "<path d=\"%s\" fill=\"none\"", d);
  append_stroke (writer->body, cr);
  g_string_append (writer->body, "/>\n");
}

void
strata_paint_page (cairo_t *cr)
{
  StrataSvgWriter *writer = get_writer (cr);

  if (writer == NULL)
    {
      cairo_paint (cr);
      return;
    }
  if (skip (writer, cr, TRUE))
    return;
  flush_pending (writer);
  indent (writer);
  g_string_append (writer->body, "<rect width=\"");
  append_number (writer->body, writer->width);
  g_string_append (writer->body, "\" height=\"");
  append_number (writer->body, writer->height);
  g_string_append_c (writer->body, '"');
  append_color (writer->body, "fill", cr);
  g_string_append (writer->body, "/>\n");
}

void
strata_paint_push_clip (cairo_t *cr)
{
  StrataSvgWriter *writer = get_writer (cr);
  g_autofree char *d = NULL;

  cairo_save (cr);
  if (writer == NULL)
    {
      cairo_clip (cr);
      return;
    }
  if (skip (writer, cr, FALSE))
    return;
  d = path_data (cr);
  cairo_new_path (cr);
  flush_pending (writer);
  writer->n_clips++;
  indent (writer);
  g_string_append_printf (writer->body,
                          "<clipPath id=\"clip-%u\"><path d=\"%s\"/></clipPath>\n",
                          writer->n_clips, d);
  indent (writer);
  g_string_append_printf (writer->body, "<g clip-path=\"url(#clip-%u)\">\n", writer->n_clips);
  writer->depth++;
}

void
strata_paint_pop_clip (cairo_t *cr)
{
  StrataSvgWriter *writer = get_writer (cr);

  cairo_restore (cr);
  if (writer == NULL || writer->stopped)
    return;
  flush_pending (writer);
  writer->depth--;
  indent (writer);
  g_string_append (writer->body, "</g>\n");
}

static void
append_font (GString *out,
             PangoFont *font,
             double     scale)
{
  PangoFontDescription *desc = pango_font_describe (font);
  const char *family = pango_font_description_get_family (desc);
  PangoStyle style = pango_font_description_get_style (desc);

  g_string_append (out, " font-family=\"");
  if (family != NULL && family[0] != '\0')
    {
      /* The family the text was shaped with, then any sans-serif font
       * where that one is missing. */
      g_string_append_c (out, '\'');
      append_escaped (out, family, -1);
      g_string_append (out, "', ");
    }
  g_string_append (out, "sans-serif\" font-size=\"");
  append_number (out, pango_font_description_get_size (desc) * scale / PANGO_SCALE);
  g_string_append_printf (out, "\" font-weight=\"%d\"",
                          (int) pango_font_description_get_weight (desc));
  if (style == PANGO_STYLE_ITALIC)
    g_string_append (out, " font-style=\"italic\"");
  else if (style == PANGO_STYLE_OBLIQUE)
    g_string_append (out, " font-style=\"oblique\"");
  pango_font_description_free (desc);
}

static gboolean
same_font (PangoFont *a,
           PangoFont *b)
{
  PangoFontDescription *da, *db;
  gboolean same;

  if (a == b)
    return TRUE;
  da = pango_font_describe (a);
  db = pango_font_describe (b);
  same = pango_font_description_equal (da, db);
  pango_font_description_free (da);
  pango_font_description_free (db);
  return same;
}

static void
append_position (GString *out,
                 double   x,
                 double   y,
                 gboolean with_y)
{
  g_string_append (out, " x=\"");
  append_number (out, x);
  g_string_append_c (out, '"');
  if (with_y)
    {
      g_string_append (out, " y=\"");
      append_number (out, y);
      g_string_append_c (out, '"');
    }
}

/* The first font @layout sets text in, which its <text> element names. */
static PangoFont *
layout_font (PangoLayout *layout)
{
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;

      if (line->runs != NULL)
        return ((PangoGlyphItem *) line->runs->data)->item->analysis.font;
    }
  return NULL;
}

/* Where a line of @layout ends once the spaces a wrap leaves at its end
 * are left out, from the line's left edge; and in @end, the byte of the
 * text where they start. */
static int
line_visible_width (PangoLayout     *layout,
                    PangoLayoutLine *line,
                    int             *end)
{
  const char *text = pango_layout_get_text (layout);
  int x = 0;

  /* The glyphs' advances: the logical width of a line that ends in "…"
   * is not that of what it shows. */
  for (GSList *l = line->runs; l != NULL; l = l->next)
    x += pango_glyph_string_get_width (((PangoGlyphItem *) l->data)->glyphs);
  *end = line->start_index + line->length;
  /* That line maps its text to glyphs of its own. */
  for (GSList *l = line->runs; l != NULL; l = l->next)
    if (((PangoGlyphItem *) l->data)->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
      return x;
  while (*end > line->start_index && text[*end - 1] == ' ')
    (*end)--;
  if (*end < line->start_index + line->length)
    pango_layout_line_index_to_x (line, *end, FALSE, &x);
  return x;
}

/* One <text> element for @layout, so that a label is one object to edit,
 * its lines (when it wraps) <tspan> elements at their baselines, each
 * fixed at its start, middle or end as @anchor says. A line of several
 * runs (another font, for another script, or the "…" of an ellipsized
 * line, which holds the "…" rather than the text it leaves out) has a
 * <tspan> per run where Pango placed it, fixed at its start. */
static void
write_layout (StrataSvgWriter  *writer,
              cairo_t          *cr,
              PangoLayout      *layout,
              StrataTextAnchor  anchor)
{
  static const char * const anchors[] = { NULL, "middle", "end" };
  const char *text = pango_layout_get_text (layout);
  PangoFont *font = layout_font (layout);
  gboolean lines = pango_layout_get_line_count (layout) > 1;
  double x0 = 0, y0 = 0, scale = context_scale (cr), along_x = 1, along_y = 0, turn;
  gboolean opened = FALSE;
  PangoLayoutIter *iter;

  if (font == NULL)
    return;
  if (cairo_has_current_point (cr))
    cairo_get_current_point (cr, &x0, &y0);
  cairo_user_to_device (cr, &x0, &y0);
  /* Text turned (a dimension along a receding edge) is placed as if it
   * were not, about its start, and the element turned there. */
  cairo_user_to_device_distance (cr, &along_x, &along_y);
  turn = atan2 (along_y, along_x) * 180 / G_PI;
  if (fabs (turn) < 0.005)
    turn = 0;
  flush_pending (writer);

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double baseline = y0 + scale * pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      gboolean runs = line->runs != NULL && line->runs->next != NULL;
      StrataTextAnchor line_anchor = anchor;
      int offset = 0, end, width;
      double x;

      if (line->runs == NULL)
        continue;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      width = line_visible_width (layout, line, &end);
      /* Runs are placed one by one, as Pango placed them: another font's
       * "…" or text is not as wide as Pango's. */
      if (runs)
        line_anchor = STRATA_TEXT_ANCHOR_START;
      x = x0 + scale * (logical.x + (line_anchor == STRATA_TEXT_ANCHOR_MIDDLE ? width / 2.0
                                     : line_anchor == STRATA_TEXT_ANCHOR_END ? width : 0))
                 / PANGO_SCALE;

      if (!opened)
        {
          StrataTextAnchor text_anchor = lines ? anchor : line_anchor;

          indent (writer);
          g_string_append (writer->body, "<text xml:space=\"preserve\"");
          if (!lines)
            append_position (writer->body, x, baseline, TRUE);
          if (anchors[text_anchor] != NULL)
            g_string_append_printf (writer->body, " text-anchor=\"%s\"", anchors[text_anchor]);
          append_color (writer->body, "fill", cr);
          append_font (writer->body, font, scale);
          if (turn != 0)
            {
              g_string_append (writer->body, " transform=\"rotate(");
              append_number (writer->body, turn);
              g_string_append_c (writer->body, ' ');
              append_number (writer->body, x0);
              g_string_append_c (writer->body, ' ');
              append_number (writer->body, y0);
              g_string_append (writer->body, ")\"");
            }
          g_string_append_c (writer->body, '>');
          opened = TRUE;
        }
      if (lines)
        {
          g_string_append (writer->body, "<tspan");
          append_position (writer->body, x, baseline, TRUE);
          if (line_anchor != anchor)
            g_string_append (writer->body, " text-anchor=\"start\"");
          g_string_append_c (writer->body, '>');
        }

      for (GSList *l = line->runs; l != NULL; l = l->next)
        {
          PangoGlyphItem *run = l->data;
          PangoItem *item = run->item;
          int length = MIN (item->offset + item->length, end) - item->offset;

          if (runs)
            {
              g_string_append (writer->body, "<tspan");
              append_position (writer->body, x0 + scale * (logical.x + offset) / PANGO_SCALE, 0,
                               FALSE);
              if (!same_font (item->analysis.font, font))
                append_font (writer->body, item->analysis.font, scale);
              g_string_append_c (writer->body, '>');
            }
          offset += pango_glyph_string_get_width (run->glyphs);
          if (item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
            g_string_append (writer->body, "…");
          else if (length > 0)
            append_escaped (writer->body, text + item->offset, length);
          /* A word broken across lines ends in the hyphen Pango drew. */
          if (l->next == NULL && (item->analysis.flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN))
            g_string_append (writer->body,
                             pango_font_has_char (item->analysis.font, 0x2010) ? "‐" : "-");
          if (runs)
            g_string_append (writer->body, "</tspan>");
        }
      if (lines)
        g_string_append (writer->body, "</tspan>");
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  if (opened)
    g_string_append (writer->body, "</text>\n");
}

void
strata_paint_layout (cairo_t          *cr,
                     PangoLayout      *layout,
                     StrataTextAnchor  anchor)
{
  StrataSvgWriter *writer = get_writer (cr);

  if (writer == NULL)
    {
      pango_cairo_show_layout (cr, layout);
      return;
    }
  if (skip (writer, cr, FALSE))
    return;
  write_layout (writer, cr, layout, anchor);
  cairo_new_path (cr);
}

/* "layer-" and @name with what an XML id cannot hold made "_", then a
 * number when another group has that id already. */
static char *
unique_id (StrataSvgWriter *writer,
           const char      *prefix,
           const char      *name)
{
  GString *id = g_string_new (prefix);
  g_autofree char *base = NULL;

  for (const char *s = name; *s != '\0'; s = g_utf8_next_char (s))
    {
      gunichar c = g_utf8_get_char (s);

      if (c < 0x80 ? (g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.')
                   : g_unichar_isalnum (c))
        g_string_append_unichar (id, c);
      else
        g_string_append_c (id, '_');
    }
  base = g_strdup (id->str);
  for (guint n = 2; g_hash_table_contains (writer->ids, id->str); n++)
    g_string_printf (id, "%s-%u", base, n);
  g_hash_table_add (writer->ids, g_strdup (id->str));
  return g_string_free (id, FALSE);
}

void
strata_paint_begin_group (cairo_t    *cr,
                          const char *part,
                          const char *name)
{
  StrataSvgWriter *writer = get_writer (cr);
  g_autofree char *id = NULL;

  if (writer == NULL)
    return;
  if (name != NULL && !writer->stopped)
    {
      if (writer->layer_func != NULL)
        writer->layer_func (++writer->n_layers, writer->layer_data);
      writer->stopped = g_cancellable_is_cancelled (writer->cancellable);
    }
  if (skip (writer, cr, TRUE))
    return;
  flush_pending (writer);
  id = name != NULL ? unique_id (writer, "layer-", name) : unique_id (writer, "", part);
  indent (writer);
  g_string_append (writer->body, "<g id=\"");
  append_escaped (writer->body, id, -1);
  g_string_append (writer->body, "\">\n");
  writer->depth++;
  if (name != NULL)
    {
      indent (writer);
      g_string_append (writer->body, "<title>");
      append_escaped (writer->body, name, -1);
      g_string_append (writer->body, "</title>\n");
    }
}

void
strata_paint_end_group (cairo_t *cr)
{
  StrataSvgWriter *writer = get_writer (cr);

  if (writer == NULL || writer->stopped)
    return;
  flush_pending (writer);
  writer->depth--;
  indent (writer);
  g_string_append (writer->body, "</g>\n");
}

GBytes *
strata_svg_writer_finish (StrataSvgWriter  *writer,
                          const char       *head,
                          GError          **error)
{
  GString *out;

  if (writer->stopped)
    {
      g_cancellable_set_error_if_cancelled (writer->cancellable, error);
      return NULL;
    }
  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
  flush_pending (writer);
  append_number (out, writer->width);
  g_string_append (out, "pt\" height=\"");
  append_number (out, writer->height);
  g_string_append (out, "pt\" viewBox=\"0 0 ");
  append_number (out, writer->width);
  g_string_append_c (out, ' ');
  append_number (out, writer->height);
  g_string_append (out, "\">");
  g_string_append (out, head);
  g_string_append_c (out, '\n');
  g_string_append_len (out, writer->body->str, writer->body->len);
  g_string_append (out, "</svg>\n");
  return g_string_free_to_bytes (out);
}
