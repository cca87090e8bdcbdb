/* strata-render.c: diagram options, the size scales and the colours. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-layout-private.h"
#include "strata-render.h"
#include "strata-svg-private.h"

void
strata_render_options_init (StrataRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (StrataRenderOptions) {
    .style = STRATA_DIAGRAM_STYLE_BLOCKS,
    .theme = STRATA_THEME_LIGHT,
    .scale = STRATA_SCALE_SQRT,
    .show_params = TRUE,
    .show_kernels = FALSE,
    .show_receptive_field = FALSE,
    .show_legend = TRUE,
    .show_title = TRUE,
    .transparent = FALSE,
    .high_contrast = FALSE,
    .max_width = 0,
    .selected = -1,
    .revealed = G_MAXINT,
    .block_scale = 1,
    .group_repeats = TRUE,
    .short_labels = 0,
    .wrap_compact = FALSE,
    .dimensions_on_edges = FALSE,
    .fold = FALSE,
    .fold_levels = FALSE,
    .close_levels = FALSE,
    .pool_arrows = FALSE,
    .up_arrows = FALSE,
    .module_depth = 0,
    .collapse_repeats = FALSE,
    .page = { STRATA_PAGE_NONE, 0, 0, 0 },
    .arrangement = STRATA_ARRANGEMENT_ROWS,
  };
}

char *
strata_render_format_count (guint64  count,
                            gboolean short_form)
{
  static const char prefixes[] = { 'k', 'M', 'G', 'T', 'P', 'E' };
  const char *separator;
  char *text;
  double value;
  guint p;

  if (short_form && count >= 1000)
    {
      value = count / 1000.0;
      for (p = 0; p + 1 < G_N_ELEMENTS (prefixes) && value >= 999.95; p++)
        value /= 1000.0;
      /* printf writes the locale's decimal mark, as the rest of the
       * numbers of the window do. */
      return g_strdup_printf ("%.1f\u00A0%c", value, prefixes[p]);
    }

  /* Grouped as the locale says, or in threes where it groups none. */
  separator = strata_format_count_set_separator (STRATA_RENDER_DIGIT_SEPARATOR);
  text = strata_format_count (count);
  strata_format_count_set_separator (separator);
  return text;
}

char *
strata_render_label_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *label;
  guint n_chars = 0;

  if (text == NULL)
    text = "";

  /* A character takes at most four bytes, so these many hold all that is
   * kept: a longer text is never read to its end. */
  valid = g_utf8_make_valid (text, strnlen (text, 4 * STRATA_LABEL_MAX_CHARS + 1));
  label = g_string_sized_new (MIN (strlen (valid), 4 * STRATA_LABEL_MAX_CHARS) + 4);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars == STRATA_LABEL_MAX_CHARS)
        {
          g_string_append (label, "…");
          break;
        }
      /* Every paragraph of a text gets its own lines in Pango, so breaks
       * would let a label grow past the lines given to it. */
      if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029)
        g_string_append_c (label, ' ');
      /* cairo refuses to draw noncharacters (U+FFFF and the like), and
       * puts the whole drawing in error. */
      else if ((c & 0xfffe) == 0xfffe || (c >= 0xfdd0 && c <= 0xfdef))
        g_string_append (label, "\xef\xbf\xbd");
      else
        g_string_append_len (label, p, g_utf8_next_char (p) - p);
      n_chars++;
    }

  return g_string_free (label, FALSE);
}

static const char * const style_names[] = { "blocks", "flat", "bars" };
static const char * const theme_names[] = { "light", "dark", "print" };
static const char * const scale_names[] = { "linear", "sqrt", "log" };
static const char * const arrangement_names[] = { "rows", "compact", "top-to-bottom" };

static gboolean
lookup (const char * const *names,
        guint               n_names,
        const char         *text,
        guint              *value)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_ascii_strcasecmp (names[i], text) == 0)
        {
          *value = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
strata_diagram_style_to_string (StrataDiagramStyle style)
{
  g_return_val_if_fail (style < G_N_ELEMENTS (style_names), NULL);

  return style_names[style];
}

gboolean
strata_diagram_style_from_string (const char         *text,
                                  StrataDiagramStyle *style)
{
  guint value;

  if (!lookup (style_names, G_N_ELEMENTS (style_names), text, &value))
    return FALSE;
  *style = value;
  return TRUE;
}

const char *
strata_theme_to_string (StrataTheme theme)
{
  g_return_val_if_fail (theme < G_N_ELEMENTS (theme_names), NULL);

  return theme_names[theme];
}

gboolean
strata_theme_from_string (const char  *text,
                          StrataTheme *theme)
{
  guint value;

  if (!lookup (theme_names, G_N_ELEMENTS (theme_names), text, &value))
    return FALSE;
  *theme = value;
  return TRUE;
}

const char *
strata_scale_mode_to_string (StrataScaleMode scale)
{
  g_return_val_if_fail (scale < G_N_ELEMENTS (scale_names), NULL);

  return scale_names[scale];
}

gboolean
strata_scale_mode_from_string (const char      *text,
                               StrataScaleMode *scale)
{
  guint value;

  if (!lookup (scale_names, G_N_ELEMENTS (scale_names), text, &value))
    return FALSE;
  *scale = value;
  return TRUE;
}

const char *
strata_arrangement_to_string (StrataArrangement arrangement)
{
  g_return_val_if_fail (arrangement < G_N_ELEMENTS (arrangement_names), NULL);

  return arrangement_names[arrangement];
}

gboolean
strata_arrangement_from_string (const char        *text,
                                StrataArrangement *arrangement)
{
  guint value;

  if (!lookup (arrangement_names, G_N_ELEMENTS (arrangement_names), text, &value))
    return FALSE;
  *arrangement = value;
  return TRUE;
}

/* Coefficients per axis and mode, and the clamps. They are chosen so that
 * the usual range of each quantity (1–224 pixels, 3–4096 channels, 10–4096
 * units) fits between the clamps in the default square-root mode; the
 * documentation in docs/diagrams.md repeats them and must change with them. */
typedef struct
{
  double linear;
  double sqrt;
  double log;
  double min;
  double max;
} SizeScale;

static const SizeScale size_scales[] = {
  [STRATA_SIZE_SPATIAL] = { 0.75, 10.0, 18.0, 8.0, 180.0 },
  [STRATA_SIZE_CHANNELS] = { 0.12, 3.0, 6.0, 4.0, 90.0 },
  [STRATA_SIZE_VECTOR] = { 0.1, 2.8, 13.0, 8.0, 180.0 },
};

/* The tallest spatial block a zoom aims at. */
#define ZOOM_TARGET 150.0

static double
unclamped_size (StrataScaleMode  scale,
                const SizeScale *s,
                guint64          n)
{
  double v = (double) MAX (n, 1);

  switch (scale)
    {
    case STRATA_SCALE_LINEAR:
      return s->linear * v;
    case STRATA_SCALE_LOG:
      /* 1 + log₂ n, so that a dimension of 1 still has a size. */
      return s->log * (1.0 + log2 (v));
    case STRATA_SCALE_SQRT:
    default:
      return s->sqrt * sqrt (v);
    }
}

double
strata_render_size_for (StrataScaleMode  scale,
                        StrataSizeAxis   axis,
                        guint64          n,
                        double           zoom,
                        gboolean        *clamped)
{
  const SizeScale *s;
  double size;

  g_return_val_if_fail (axis < G_N_ELEMENTS (size_scales), 0);

  s = &size_scales[axis];
  size = zoom * unclamped_size (scale, s, n);
  if (clamped != NULL)
    *clamped = size > s->max;
  return CLAMP (size, s->min, s->max);
}

double
strata_render_zoom_for (StrataScaleMode scale,
                        guint64         largest)
{
  double size = unclamped_size (scale, &size_scales[STRATA_SIZE_SPATIAL], largest);

  /* Only ever enlarges: shrinking would hide the clamps' break marks. */
  return CLAMP (ZOOM_TARGET / size, 1.0, STRATA_MAX_ZOOM);
}

/* Okabe and Ito's colour-blind-safe palette, with convolution lightened so
 * that the kinds that sit side by side (convolution, activation, pooling)
 * also differ in lightness and so survive grayscale printing. */
static const StrataRgb category_colors[STRATA_N_LAYER_CATEGORIES] = {
  [STRATA_LAYER_CATEGORY_INPUT] = { 0.94, 0.94, 0.94 },
  [STRATA_LAYER_CATEGORY_CONVOLUTION] = { 0.933, 0.737, 0.298 },
  [STRATA_LAYER_CATEGORY_POOLING] = { 0.0, 0.447, 0.698 },
  [STRATA_LAYER_CATEGORY_DENSE] = { 0.8, 0.475, 0.655 },
  [STRATA_LAYER_CATEGORY_NORMALIZATION] = { 0.941, 0.894, 0.259 },
  [STRATA_LAYER_CATEGORY_ACTIVATION] = { 0.835, 0.369, 0.0 },
  [STRATA_LAYER_CATEGORY_DROPOUT] = { 0.337, 0.706, 0.914 },
  [STRATA_LAYER_CATEGORY_RESHAPE] = { 0.0, 0.62, 0.451 },
  /* #8C6BB1, as the layer list's swatch: dark enough for a white glyph. */
  [STRATA_LAYER_CATEGORY_MERGE] = { 0.549, 0.420, 0.694 },
  /* #999999, the grey that completes the palette: an operation Strata
   * knows only by its name and shape, darker than a placeholder. */
  [STRATA_LAYER_CATEGORY_OTHER] = { 0.6, 0.6, 0.6 },
};

const StrataRgb *
strata_category_get_color (StrataLayerCategory category)
{
  g_return_val_if_fail (category < STRATA_N_LAYER_CATEGORIES, &category_colors[0]);

  return &category_colors[category];
}

void
strata_render_get_category_rgb (StrataLayerCategory category,
                                double              rgb[3])
{
  const StrataRgb *color = strata_category_get_color (category);

  rgb[0] = color->red;
  rgb[1] = color->green;
  rgb[2] = color->blue;
}

static const StrataThemeColors theme_colors[] = {
  [STRATA_THEME_LIGHT] = {
    .background = { 1.0, 1.0, 1.0 },
    .text = { 0.1, 0.1, 0.1 },
    .secondary = { 0.3, 0.3, 0.3 },
    .arrow = { 0.3, 0.3, 0.3 },
    .error = { 0.753, 0.110, 0.157 },
    .accent = { 0.208, 0.518, 0.894 },
    .placeholder = { 0.92, 0.92, 0.92 },
    .black_edges = FALSE,
    .edge_width = 1.25,
    .top_tint = 0.4,
  },
  [STRATA_THEME_DARK] = {
    .background = { 0.118, 0.118, 0.118 },
    .text = { 0.95, 0.95, 0.95 },
    .secondary = { 0.75, 0.75, 0.75 },
    .arrow = { 0.75, 0.75, 0.75 },
    .error = { 1.0, 0.482, 0.388 },
    .accent = { 0.471, 0.682, 0.929 },
    .placeholder = { 0.3, 0.3, 0.3 },
    .black_edges = FALSE,
    .edge_width = 1.25,
    .top_tint = 0.4,
  },
  [STRATA_THEME_PRINT] = {
    .background = { 1.0, 1.0, 1.0 },
    .text = { 0.0, 0.0, 0.0 },
    .secondary = { 0.0, 0.0, 0.0 },
    .arrow = { 0.0, 0.0, 0.0 },
    .error = { 0.647, 0.114, 0.176 },
    .accent = { 0.0, 0.0, 0.0 },
    .placeholder = { 1.0, 1.0, 1.0 },
    .black_edges = TRUE,
    .edge_width = 1.5,
    .top_tint = 0.4,
  },
};

const StrataThemeColors *
strata_theme_get_colors (StrataTheme theme)
{
  g_return_val_if_fail (theme < G_N_ELEMENTS (theme_colors), &theme_colors[0]);

  return &theme_colors[theme];
}

/* Who asks for high contrast sees edges poorly: outlines twice as thick
 * and black, faces in the palette's own colours rather than paler tints
 * of them (the colours stay those of the palette, which people with
 * colour blindness tell apart), and every text and arrow in the text's
 * colour, none in a paler grey. */
void
strata_theme_colors_for_high_contrast (StrataThemeColors *colors)
{
  colors->black_edges = TRUE;
  colors->edge_width = 2 * MAX (colors->edge_width, 1.25);
  colors->top_tint = 0;
  colors->secondary = colors->text;
  colors->arrow = colors->text;
}

void
strata_render_highlight_path (cairo_t                 *cr,
                              const cairo_rectangle_t *bounds)
{
  /* 6 points outside, so the frame never touches the block or its labels. */
  double x = bounds->x - 6, y = bounds->y - 6;
  double w = bounds->width + 12, h = bounds->height + 12, rad = 8;
  double rad_x = rad, rad_y = 0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (bounds != NULL);

  /* Corners under a pixel round nothing one could see, and cost a
   * fitted overview of a long range most of its frame. */
  cairo_user_to_device_distance (cr, &rad_x, &rad_y);
  if (hypot (rad_x, rad_y) < 1)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - rad, y + rad, rad, -G_PI / 2, 0);
  cairo_arc (cr, x + w - rad, y + h - rad, rad, 0, G_PI / 2);
  cairo_arc (cr, x + rad, y + h - rad, rad, G_PI / 2, G_PI);
  cairo_arc (cr, x + rad, y + rad, rad, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
strata_render_paint_highlights (cairo_t *cr,
                                double   red,
                                double   green,
                                double   blue)
{
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_set_source_rgba (cr, red, green, blue, 0.12);
  /* Through the painter, so that a build-up slide's SVG shows it too. */
  strata_paint_fill_preserve (cr);
  cairo_set_source_rgb (cr, red, green, blue);
  cairo_set_line_width (cr, 2.0);
  strata_paint_stroke (cr);
  cairo_restore (cr);
}

void
strata_render_draw_highlight (cairo_t                 *cr,
                              const cairo_rectangle_t *bounds,
                              double                   red,
                              double                   green,
                              double                   blue)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (bounds != NULL);

  strata_render_highlight_path (cr, bounds);
  strata_render_paint_highlights (cr, red, green, blue);
}
