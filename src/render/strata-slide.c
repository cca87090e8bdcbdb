/* strata-slide.c: pages of a talk that builds a network up one layer at a time. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-layer-formula.h"
#include "strata-layout-build-private.h"
#include "strata-slide.h"
#include "strata-svg-private.h"

/* The size of the smallest label a slide keeps, a block's details
 * (FONT_DETAILS in strata-layout.c), in layout points: the one
 * STRATA_SLIDE_LABEL_FRACTION is measured on. */
#define LABEL_POINTS 12.5

/* Of the page's height: the margin, and the caption's type. */
#define MARGIN_FRACTION  0.03
#define CAPTION_FRACTION 0.034
#define CAPTION_LINES    4
#define LINE_SPACING     1.3

/* A small network is not blown up past this many times the least scale:
 * its labels would be larger than the caption. */
#define MAX_SCALE_FACTOR 2.0

/* Where across the page the layer followed goes when the diagram is
 * wider than the page (0: the left, 1: the right): what came before it
 * keeps most of the room. */
#define FOLLOW_ACROSS 0.8

/* Room kept around the layer followed, in layout points. */
#define FOCUS_PADDING 12.0

/* Rows tried when fitting: more is never better on a page wider than
 * tall, and each try builds a layout. */
#define MAX_ROWS 12

guint
strata_slide_get_n_steps (StrataNetwork *network)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (network), 0);

  return strata_network_get_n_layers (network) + 1;
}

int
strata_slide_step_position (guint step)
{
  return step == 0 ? STRATA_LAYOUT_INPUT : (int) step - 1;
}

/* Every caption is built here, for the window's presentation and the
 * exported slides alike. */
char *
strata_slide_caption_text (StrataNetwork *network,
                           guint          step)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *shape = NULL;
  g_autofree char *params = NULL;
  g_autofree char *macs = NULL;
  g_autofree char *output = NULL;
  g_autofree char *joined = NULL;
  g_auto(GStrv) shape_lines = NULL;
  StrataLayer *layer;
  const StrataLayerKindInfo *info;
  guint64 non_trainable;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);
  g_return_val_if_fail (step < strata_slide_get_n_steps (network), NULL);

  if (step == 0)
    {
      name = strata_render_label_text (strata_network_get_input_name (network));
      shape = strata_shape_to_string (strata_network_get_input_shape (network));
      /* Translators: a slide's caption: the network's input, e.g. "input · Input" */
      g_string_append_printf (text, _("%s · Input"), name);
      g_string_append_c (text, '\n');
      /* Translators: a slide's caption, e.g. "Shape 224 × 224 × 3" */
      g_string_append_printf (text, _("Shape %s"), shape);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  layer = strata_network_get_layer (network, step - 1);
  info = strata_layer_get_kind_info (layer);
  name = strata_render_label_text (strata_layer_get_display_name (layer));
  /* Translators: a slide's caption: a layer's name and kind, e.g. "conv1 · Convolution" */
  g_string_append_printf (text, _("%s · %s"), name, _(info->label));
  g_string_append_c (text, '\n');

  if (!strata_layer_has_shape (layer))
    {
      const char *error = strata_layer_get_error (layer);
      g_autofree char *message = NULL;

      /* A layer after the one that failed has no error of its own. */
      if (error == NULL)
        message = g_strdup (_("No shape: an earlier layer failed"));
      else
        message = strata_render_label_text (error);
      g_string_append (text, message);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  /* What a learner asks of each number: where it comes from, with the
   * layer's own values. */
  /* Its counts grouped as the diagram above groups them. */
  shape = strata_layer_dup_formula_grouped (layer, STRATA_LAYER_FORMULA_SHAPE,
                                            STRATA_RENDER_DIGIT_SEPARATOR);
  params = strata_layer_dup_formula_grouped (layer, STRATA_LAYER_FORMULA_PARAMS,
                                             STRATA_RENDER_DIGIT_SEPARATOR);
  macs = strata_layer_dup_formula_grouped (layer, STRATA_LAYER_FORMULA_MACS,
                                           STRATA_RENDER_DIGIT_SEPARATOR);
  output = strata_shape_to_string (strata_layer_get_output_shape (layer));
  /* The heading says the shape the layer gives. */
  g_string_truncate (text, text->len - 1);
  g_string_append (text, " · ");
  /* Translators: a slide's caption, e.g. "Output 28 × 28 × 8" */
  g_string_append_printf (text, _("Output %s"), output);
  g_string_append_c (text, '\n');
  /* One line of the caption: the axes' formulas side by side. */
  shape_lines = g_strsplit (shape, "\n", -1);
  joined = g_strjoinv ("; ", shape_lines);
  /* Translators: a slide's caption: how the output shape is computed */
  g_string_append_printf (text, _("Shape: %s"), joined);
  g_string_append_c (text, '\n');
  /* Translators: a slide's caption: how the parameters are counted */
  g_string_append_printf (text, _("Parameters: %s"), params);
  non_trainable = strata_layer_get_non_trainable_params (layer);
  if (non_trainable > 0)
    {
      g_autofree char *count = strata_render_format_count (non_trainable, FALSE);

      g_string_append_c (text, ' ');
      /* Translators: after a layer's parameters on a slide, e.g. "(128 non-trainable)" */
      g_string_append_printf (text, _("(%s non-trainable)"), count);
    }
  g_string_append_c (text, '\n');
  if (info->flags & STRATA_LAYER_KIND_FLAG_MACS_UNKNOWN)
    g_string_append (text, _("MACs unknown"));
  else
    /* Translators: a slide's caption: how the multiply-accumulates are counted */
    g_string_append_printf (text, _("MACs: %s"), macs);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Where the diagram goes on a page: above the caption, within margins. */
static void
diagram_area (double             width,
              double             height,
              cairo_rectangle_t *area)
{
  double margin = MARGIN_FRACTION * height;
  double caption = CAPTION_LINES * LINE_SPACING * CAPTION_FRACTION * height;

  area->x = margin;
  area->y = margin;
  area->width = MAX (1, width - 2 * margin);
  area->height = MAX (1, height - 3 * margin - caption);
}

static double
fit_scale (StrataLayout            *layout,
           const cairo_rectangle_t *area)
{
  double w, h;

  strata_layout_get_size (layout, &w, &h);
  return MIN (area->width / MAX (w, 1), area->height / MAX (h, 1));
}

/* The least scale of a page @height tall: its labels' size. */
static double
least_scale (double height)
{
  return STRATA_SLIDE_LABEL_FRACTION * height / LABEL_POINTS;
}

/* How large @options draw on the page; with @reveal, -1 when rows of
 * theirs are too wide for it at the least scale: a diagram followed from
 * layer to layer moves up and down a row at a time, never sideways. */
static double
try_options (StrataNetwork             *network,
             const StrataRenderOptions *options,
             const cairo_rectangle_t   *area,
             double                     height,
             gboolean                   reveal,
             double                    *width)
{
  g_autoptr(StrataLayout) layout = strata_layout_new (network, options);
  double w;

  strata_layout_get_size (layout, &w, NULL);
  if (width != NULL)
    *width = w;
  if (reveal && w * least_scale (height) > area->width + 0.5)
    return -1;
  return fit_scale (layout, area);
}

void
strata_slide_fit_options (StrataNetwork             *network,
                          const StrataRenderOptions *options,
                          double                     width,
                          double                     height,
                          gboolean                   reveal,
                          StrataRenderOptions       *slide_options)
{
  StrataRenderOptions tried;
  cairo_rectangle_t area;
  double one_row, best_scale;
  guint n_rows;

  g_return_if_fail (STRATA_IS_NETWORK (network));
  g_return_if_fail (slide_options != NULL);

  if (options != NULL)
    *slide_options = *options;
  else
    strata_render_options_init (slide_options);
  slide_options->show_params = FALSE;
  slide_options->show_legend = FALSE;
  slide_options->transparent = FALSE;
  slide_options->selected = -1;
  slide_options->revealed = G_MAXINT;
  slide_options->max_width = 0;

  diagram_area (width, height, &area);
  best_scale = try_options (network, slide_options, &area, height, reveal, &one_row);

  /* The bars style has no rows to wrap into. */
  if (slide_options->style == STRATA_DIAGRAM_STYLE_BARS)
    return;

  /* The widest rows that fit at the least scale, for a network too large
   * to fit whole; then even shares of one row, which may draw larger. */
  tried = *slide_options;
  tried.max_width = floor (area.width / least_scale (height));
  if (tried.max_width < one_row)
    {
      double scale = try_options (network, &tried, &area, height, reveal, NULL);

      if (scale > best_scale)
        {
          best_scale = scale;
          slide_options->max_width = tried.max_width;
        }
    }

  n_rows = MIN (MAX_ROWS, strata_network_get_n_layers (network) + 1);
  for (guint rows = 2; rows <= n_rows; rows++)
    {
      double scale;

      /* A little wider than an even share, or a last block spills over. */
      tried.max_width = ceil (one_row / rows * 1.1);
      scale = try_options (network, &tried, &area, height, reveal, NULL);
      if (scale > best_scale)
        {
          best_scale = scale;
          slide_options->max_width = tried.max_width;
        }
    }
}

/* Revealing, never below the least scale; showing every layer, the whole
 * diagram, however small its labels come out. */
static double
scale_for (StrataLayout            *layout,
           const cairo_rectangle_t *area,
           double                   height,
           gboolean                 reveal)
{
  double least = least_scale (height);
  double scale = MIN (fit_scale (layout, area), MAX_SCALE_FACTOR * least);

  return reveal ? MAX (scale, least) : scale;
}

double
strata_slide_get_scale (StrataNetwork             *network,
                        const StrataRenderOptions *slide_options,
                        gboolean                   reveal,
                        double                     width,
                        double                     height)
{
  g_autoptr(StrataLayout) layout = NULL;
  cairo_rectangle_t area;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), 0);

  layout = strata_layout_new (network, slide_options);
  diagram_area (width, height, &area);
  return scale_for (layout, &area, height, reveal);
}

/* The offset along one axis that shows @focus (from @focus_start, @focus
 * long) of content @length long in a window @room long starting at
 * @start: @focus at @align of the room (0.5: centred; 1: at its end),
 * unless that would leave room empty that the content could fill.
 * Content that fits is centred as a whole. */
static double
follow (double start,
        double room,
        double length,
        double focus_start,
        double focus_length,
        double align)
{
  double offset;

  if (length <= room)
    return start + (room - length) / 2;
  offset = start + (room - focus_length) * align - focus_start;
  return CLAMP (offset, start + room - length, start);
}

static PangoLayout *
new_caption_text (double      size,
                  const char *text)
{
  PangoLayout *layout = pango_layout_new (strata_label_context ());
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The caption, and where the step is in the talk at its right: "5 / 25". */
static void
draw_caption (cairo_t                 *cr,
              const StrataThemeColors *colors,
              const char              *text,
              guint                    step,
              guint                    n_steps,
              double                   width,
              double                   height)
{
  double margin = MARGIN_FRACTION * height;
  double size = CAPTION_FRACTION * height;
  double top = height - margin - CAPTION_LINES * LINE_SPACING * size;
  /* Translators: where a slide is among the build-up slides, e.g. "5 / 25" */
  g_autofree char *place = g_strdup_printf (_("%u / %u"), step + 1, n_steps);
  g_autoptr(PangoLayout) counter = new_caption_text (size, place);
  const char *end = strchr (text, '\n');
  g_autofree char *first = g_strndup (text, end != NULL ? (gsize) (end - text) : strlen (text));
  g_autoptr(PangoLayout) heading = new_caption_text (size, first);
  g_autoptr(PangoLayout) body = new_caption_text (size, end != NULL ? end + 1 : "");
  PangoFontDescription *bold = pango_font_description_copy (pango_layout_get_font_description (heading));
  int counter_width, heading_height;
  double text_width;

  pango_layout_get_pixel_size (counter, &counter_width, NULL);
  text_width = width - 2 * margin - counter_width - size;
  /* The first line, what the step shows, stands out. It is a layout of
   * its own rather than a bold run, so that an SVG's <text> keeps it. */
  pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (heading, bold);
  pango_font_description_free (bold);
  for (guint i = 0; i < 2; i++)
    {
      PangoLayout *part = i == 0 ? heading : body;

      pango_layout_set_width (part, (int) (text_width * PANGO_SCALE));
      pango_layout_set_ellipsize (part, PANGO_ELLIPSIZE_END);
      pango_layout_set_spacing (part, (int) ((LINE_SPACING - 1.2) * size * PANGO_SCALE));
    }
  pango_layout_get_pixel_size (heading, NULL, &heading_height);

  cairo_save (cr);
  /* The caption's top: its lines, however few, start at the same place
   * on every step. */
  cairo_set_source_rgb (cr, colors->text.red, colors->text.green, colors->text.blue);
  cairo_move_to (cr, margin, top);
  strata_paint_layout (cr, heading, STRATA_TEXT_ANCHOR_START);
  cairo_move_to (cr, margin, top + heading_height + (LINE_SPACING - 1.2) * size);
  strata_paint_layout (cr, body, STRATA_TEXT_ANCHOR_START);
  cairo_move_to (cr, width - margin - counter_width, top);
  cairo_set_source_rgb (cr, colors->secondary.red, colors->secondary.green,
                        colors->secondary.blue);
  strata_paint_layout (cr, counter, STRATA_TEXT_ANCHOR_START);
  cairo_restore (cr);
}

void
strata_slide_draw (cairo_t                   *cr,
                   StrataNetwork             *network,
                   const StrataRenderOptions *slide_options,
                   guint                      step,
                   gboolean                   reveal,
                   double                     width,
                   double                     height)
{
  g_autoptr(StrataLayout) layout = NULL;
  g_autofree char *caption = NULL;
  const StrataThemeColors *colors;
  StrataRenderOptions options;
  cairo_rectangle_t area, focus;
  double layout_w, layout_h, scale;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (STRATA_IS_NETWORK (network));
  g_return_if_fail (slide_options != NULL);
  g_return_if_fail (step < strata_slide_get_n_steps (network));

  options = *slide_options;
  options.selected = strata_slide_step_position (step);
  options.revealed = reveal ? strata_slide_step_position (step) : G_MAXINT;
  layout = strata_layout_new (network, &options);
  colors = strata_theme_get_colors (options.theme);

  diagram_area (width, height, &area);
  scale = scale_for (layout, &area, height, reveal);
  strata_layout_get_size (layout, &layout_w, &layout_h);
  if (strata_layout_get_item_bounds (layout, options.selected, &focus))
    {
      /* The whole row, whose other labels may reach lower, when it fits. */
      for (guint r = 0; r < layout->rows->len; r++)
        {
          const StrataRow *row = &g_array_index (layout->rows, StrataRow, r);
          double middle = focus.y + focus.height / 2;
          double top = MIN (focus.y, row->top);
          double bottom = MAX (focus.y + focus.height, row->bottom);

          if (middle < row->top || middle > row->bottom)
            continue;
          if ((bottom - top + 2 * FOCUS_PADDING) * scale <= area.height)
            {
              focus.y = top;
              focus.height = bottom - top;
            }
          break;
        }
      /* With the highlight's frame, which lies just outside them. */
      focus.x -= FOCUS_PADDING;
      focus.y -= FOCUS_PADDING;
      focus.width += 2 * FOCUS_PADDING;
      focus.height += 2 * FOCUS_PADDING;
    }
  else
    focus = (cairo_rectangle_t) { 0, 0, layout_w, layout_h };

  cairo_save (cr);
  cairo_set_source_rgb (cr, colors->background.red, colors->background.green,
                        colors->background.blue);
  strata_paint_page (cr);

  cairo_rectangle (cr, area.x, area.y, area.width, area.height);
  strata_paint_push_clip (cr);
  /* The layer revealed last at the bottom and towards the right, what
   * led to it above and before it. */
  cairo_translate (cr,
                   follow (area.x, area.width, layout_w * scale, focus.x * scale,
                           focus.width * scale, FOLLOW_ACROSS),
                   follow (area.y, area.height, layout_h * scale, focus.y * scale,
                           focus.height * scale, 1.0));
  cairo_scale (cr, scale, scale);
  strata_layout_draw (layout, cr);
  strata_paint_pop_clip (cr);

  caption = strata_slide_caption_text (network, step);
  draw_caption (cr, colors, caption, step, strata_slide_get_n_steps (network), width, height);
  cairo_restore (cr);
}
