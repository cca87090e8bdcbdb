/* strata-layout-legend.c: a diagram's title and its legend of colours and sizes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-layout-build-private.h"

/* At most this much of a failing layer's name in the line under the title. */
#define FAILED_NAME_CHARS 40

static char *
size_note (StrataLayout *self,
           gboolean      has_vector)
{
  const char *blocks = NULL, *vectors = NULL;

  switch (self->options.style)
    {
    case STRATA_DIAGRAM_STYLE_BARS:
      switch (self->options.scale)
        {
        case STRATA_SCALE_LINEAR:
          return g_strdup (_("Bar length ∝ count; the longest bar in each column is its largest count."));
        case STRATA_SCALE_LOG:
          return g_strdup (_("Bar length ∝ log₁₀ (1 + count); the longest bar in each column is its largest count."));
        case STRATA_SCALE_SQRT:
        default:
          return g_strdup (_("Bar length ∝ √count; the longest bar in each column is its largest count."));
        }
    case STRATA_DIAGRAM_STYLE_FLAT:
      switch (self->options.scale)
        {
        case STRATA_SCALE_LINEAR:
          blocks = _("Size: height ∝ H, width ∝ C");
          break;
        case STRATA_SCALE_LOG:
          blocks = _("Size: height ∝ 1 + log₂ H, width ∝ 1 + log₂ C");
          break;
        case STRATA_SCALE_SQRT:
        default:
          blocks = _("Size: height ∝ √H, width ∝ √C");
          break;
        }
      break;
    case STRATA_DIAGRAM_STYLE_BLOCKS:
    default:
      switch (self->options.scale)
        {
        case STRATA_SCALE_LINEAR:
          blocks = _("Size: height ∝ H, depth ∝ W, thickness ∝ C");
          break;
        case STRATA_SCALE_LOG:
          blocks = _("Size: height ∝ 1 + log₂ H, depth ∝ 1 + log₂ W, thickness ∝ 1 + log₂ C");
          break;
        case STRATA_SCALE_SQRT:
        default:
          blocks = _("Size: height ∝ √H, depth ∝ √W, thickness ∝ √C");
          break;
        }
      break;
    }

  if (!has_vector)
    return g_strdup_printf ("%s.", blocks);

  switch (self->options.scale)
    {
    case STRATA_SCALE_LINEAR:
      vectors = _("a vector's bar height ∝ its length");
      break;
    case STRATA_SCALE_LOG:
      vectors = _("a vector's bar height ∝ 1 + log₂ length");
      break;
    case STRATA_SCALE_SQRT:
    default:
      vectors = _("a vector's bar height ∝ √length");
      break;
    }
  /* Translators: joins the two halves of the legend's size note: blocks, then vectors */
  return g_strdup_printf (_("%s; %s."), blocks, vectors);
}

StrataRgb
strata_builder_layer_fill (StrataBuilder       *b,
                           StrataLayer         *layer,
                           StrataLayerCategory  category)
{
  const char *color = layer != NULL ? strata_layer_get_color (layer) : NULL;
  StrataOwnColor *own = NULL;
  guint8 rgb[3];

  if (color == NULL || !strata_color_parse (color, rgb))
    {
      b->used[category] = TRUE;
      return *strata_category_get_color (category);
    }

  /* Few colours are given by hand, so a look along them is enough. */
  for (guint i = 0; i < b->own_colors->len && own == NULL; i++)
    if (g_str_equal (g_array_index (b->own_colors, StrataOwnColor, i).color, color))
      own = &g_array_index (b->own_colors, StrataOwnColor, i);
  if (own == NULL)
    {
      StrataOwnColor added = { color, { rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0 } };

      g_array_append_val (b->own_colors, added);
      own = &g_array_index (b->own_colors, StrataOwnColor, b->own_colors->len - 1);
    }
  if (own->caption == NULL)
    own->caption = strata_layer_get_caption (layer);
  if (own->n_layers < G_N_ELEMENTS (own->layers))
    own->layers[own->n_layers] = layer;
  own->n_layers++;
  return own->fill;
}

/* What the legend says of a colour layers were given: their caption, or
 * the names of the first of them. */
static char *
own_color_label (const StrataOwnColor *own)
{
  GString *text;

  if (own->caption != NULL)
    return strata_render_label_text (own->caption);
  text = g_string_new (NULL);
  for (guint i = 0; i < MIN (own->n_layers, G_N_ELEMENTS (own->layers)); i++)
    {
      g_autofree char *name = strata_render_label_text (strata_layer_get_display_name (own->layers[i]));

      if (i > 0)
        /* Translators: between the names of layers drawn in one colour of their own */
        g_string_append (text, _(", "));
      g_string_append (text, name);
    }
  if (own->n_layers > G_N_ELEMENTS (own->layers))
    g_string_append (text, "…");
  return g_string_free (text, FALSE);
}

/* The window of a layer drawn as a U's arrow: an upsampling's size, a
 * transposed convolution's kernel, a pooling's window. */
static StrataPair
arrow_window (StrataLayer *layer)
{
  StrataPair window = strata_layer_get_params (layer)->size;

  if (!strata_layer_kind_takes (strata_layer_get_kind_info (layer)->kind, STRATA_PARAM_SIZE))
    strata_render_layer_window (layer, &window);
  return window;
}

/* What the legend says of layers drawn as arrows of one kind and
 * window: "Max pooling 2 × 2: pool1–pool4". */
static char *
arrows_label (StrataLayer *first,
              GPtrArray   *names)
{
  StrataPair window = arrow_window (first);
  g_autoptr(GString) listed = g_string_new (NULL);
  g_autofree char *size = strata_render_pair_text (window.height, window.width);

  strata_layout_append_names (listed, names);
  /* Translators: the legend's entry for layers drawn as a U's arrows
   * from one level down to the next or up into the merge above: their
   * kind, their window, then their names, "Max pooling 2 × 2:
   * pool1–pool4" */
  return g_strdup_printf (_("%s %s: %s"), _(strata_layer_get_kind_info (first)->label),
                          size, listed->str);
}

/* Layers drawn as arrows alike: of one kind, window and colour. */
typedef struct
{
  StrataLayer *first;
  StrataRgb    fill;
  GPtrArray   *names;
} ArrowEntry;

static void
clear_arrow_entry (gpointer data)
{
  ArrowEntry *entry = data;

  g_ptr_array_unref (entry->names);
}

static gboolean
arrows_alike (StrataLayer     *a,
              const StrataRgb *a_fill,
              StrataLayer     *b,
              const StrataRgb *b_fill)
{
  StrataPair wa = arrow_window (a), wb = arrow_window (b);

  return strata_layer_get_kind_info (a)->kind == strata_layer_get_kind_info (b)->kind &&
         wa.height == wb.height && wa.width == wb.width &&
         memcmp (a_fill, b_fill, sizeof *a_fill) == 0;
}

/* Between the legend's lines: a page short of room keeps less. */
static double
line_gap (StrataLayout *self)
{
  return self->options.tight_gaps ? 3 : 6;
}

/* Places a swatch's entry after the last, on the next line when this one
 * is full, and adds it. */
static void
add_swatch (StrataLayout      *self,
            StrataLegendEntry *entry,
            double             left,
            double             limit,
            double            *x,
            double            *y,
            double            *line_h,
            double            *right)
{
  double w, h;

  strata_text_extents (entry->label, NULL, &w, &h);
  w += STRATA_LEGEND_SWATCH + 6;
  if (*x > left && *x + w > left + limit)
    {
      *x = left;
      *y += *line_h + line_gap (self);
      *line_h = 0;
    }
  entry->x = *x;
  entry->y = *y;
  *line_h = MAX (*line_h, MAX (h, STRATA_LEGEND_SWATCH));
  *right = MAX (*right, *x + w);
  *x += w + 20;
  g_array_append_val (self->legend, *entry);
}

/* A paragraph of the legend at @left, *@y, wrapped within @limit: *@y
 * moves past it and *@right takes in its ink. */
static PangoLayout *
add_note (StrataBuilder *b,
          const char    *text,
          double         left,
          double         limit,
          double        *y,
          double        *right)
{
  PangoLayout *note = strata_builder_new_text (b, FONT_LEGEND, text, 0, 0);
  PangoRectangle ink;
  double w, h;

  pango_layout_set_width (note, (int) (limit * PANGO_SCALE));
  pango_layout_set_wrap (note, PANGO_WRAP_WORD);
  pango_layout_get_pixel_extents (note, NULL, &ink);
  strata_text_extents (note, NULL, &w, &h);
  *right = MAX (*right, left + MIN (ink.width, limit));
  *y += h;
  return note;
}

void
strata_builder_build_legend (StrataBuilder *b)
{
  StrataLayout *self = b->self;
  double left = MARGIN, limit, x, y, line_h = 0, right, h;
  g_autofree char *note = NULL;
  g_autofree char *groups = NULL;
  cairo_rectangle_t rect;
  gboolean glyphs = FALSE;

  if (self->options.legend_beside)
    {
      /* On a wide page the legend's lines cost less room beside the
       * drawing than under it, where they take the height from every
       * row's text. */
      left = b->content_right + (self->options.tight_gaps ? LEGEND_GAP / 2 : LEGEND_GAP);
      limit = self->options.close_levels ? CLOSE_LEGEND_BESIDE_WIDTH : LEGEND_BESIDE_WIDTH;
      y = MARGIN;
    }
  else
    {
      if (strata_builder_width_limit (b) > 0)
        limit = strata_builder_width_limit (b) - 2 * MARGIN;
      else
        limit = MAX (b->content_right - MARGIN, MIN_LEGEND_WIDTH);
      /* A page short of room: no wider than the drawing, whose rows are
       * often narrower than the width they wrap at. */
      if (self->options.tight_gaps)
        limit = MIN (limit, MAX (b->content_right - MARGIN, TIGHT_LEGEND_WIDTH));
      /* A page short of room keeps less between the drawing and its
       * legend, as it does between the title and its line. */
      y = b->y + (self->options.tight_gaps ? LEGEND_GAP / 4
                  : self->options.even_type ? LEGEND_GAP / 2 : LEGEND_GAP);
    }
  x = left;
  right = left;
  rect = (cairo_rectangle_t) { left, y, 0, 0 };

  for (guint c = 0; c < STRATA_N_LAYER_CATEGORIES; c++)
    {
      StrataLegendEntry entry = { 0 };

      /* A merge's colour is on its node, which its glyph explains;
       * only the bars style draws merges in their colour alone. */
      if (!b->used[c] || (c == STRATA_LAYER_CATEGORY_MERGE &&
                          self->options.style != STRATA_DIAGRAM_STYLE_BARS))
        continue;
      entry.category = c;
      entry.fill = *strata_category_get_color (c);
      entry.label = strata_builder_new_text (b, FONT_LEGEND, strata_layer_category_get_label (c),
                                             0, 0);
      add_swatch (self, &entry, left, limit, &x, &y, &line_h, &right);
    }

  /* Then the colours layers were given, each with what it stands for. */
  for (guint i = 0; i < b->own_colors->len; i++)
    {
      const StrataOwnColor *own = &g_array_index (b->own_colors, StrataOwnColor, i);
      g_autofree char *label = own_color_label (own);
      StrataLegendEntry entry = { 0 };

      entry.fill = own->fill;
      entry.label = strata_builder_new_text (b, FONT_LEGEND, label, STRATA_LABEL_WIDTH, 1);
      /* One line, cut short, from the swatch on. */
      pango_layout_set_alignment (entry.label, PANGO_ALIGN_LEFT);
      add_swatch (self, &entry, left, limit, &x, &y, &line_h, &right);
    }

  /* Then the layers drawn as a U's arrows (pool_arrows, up_arrows), an
   * entry for each kind, window and colour, as they first come: the
   * poolings down before the upsamplings up. */
  if (self->arrows != NULL)
    {
      g_autoptr(GArray) alike = g_array_new (FALSE, FALSE, sizeof (ArrowEntry));

      g_array_set_clear_func (alike, clear_arrow_entry);
      for (guint i = 0; i < self->arrows->len; i++)
        {
          const StrataArrowLayer *arrow = &g_array_index (self->arrows, StrataArrowLayer, i);
          StrataLayer *layer = strata_network_get_layer (b->network, arrow->position);
          guint k = 0;

          while (k < alike->len &&
                 !arrows_alike (g_array_index (alike, ArrowEntry, k).first,
                                &g_array_index (alike, ArrowEntry, k).fill, layer, &arrow->fill))
            k++;
          if (k == alike->len)
            {
              ArrowEntry added = { layer, arrow->fill,
                                   g_ptr_array_new_with_free_func (g_free) };

              g_array_append_val (alike, added);
            }
          g_ptr_array_add (g_array_index (alike, ArrowEntry, k).names,
                           strata_render_label_text (strata_layer_get_display_name (layer)));
        }
      for (guint k = 0; k < alike->len; k++)
        {
          const ArrowEntry *found = &g_array_index (alike, ArrowEntry, k);
          StrataLegendEntry entry = { 0 };
          g_autofree char *label = arrows_label (found->first, found->names);

          entry.is_arrow = TRUE;
          entry.points_up = b->arrows[strata_network_index_of (b->network, found->first)] ==
                            STRATA_ARROW_UP;
          entry.fill = found->fill;
          /* Wrapped within the legend's width, which a legend beside the
           * drawing would otherwise grow by the width of the names. */
          entry.label = strata_builder_new_text (b, FONT_LEGEND, label,
                                                 limit - STRATA_LEGEND_SWATCH - 6, 0);
          pango_layout_set_alignment (entry.label, PANGO_ALIGN_LEFT);
          add_swatch (self, &entry, left, limit, &x, &y, &line_h, &right);
        }
    }

  /* The merges, by glyph, on a line of their own. */
  for (guint k = 0; k < STRATA_N_LAYER_KINDS; k++)
    {
      StrataLegendEntry entry = { 0 };
      double w;

      if (!b->used_merges[k])
        continue;
      /* A page short of room (close_levels) sets them after the
       * swatches, where the line has room for them. */
      if (!glyphs && !self->options.close_levels)
        {
          x = left;
          y += line_h + line_gap (self);
          line_h = 0;
        }
      glyphs = TRUE;
      entry.category = STRATA_LAYER_CATEGORY_MERGE;
      entry.is_glyph = TRUE;
      entry.kind = k;
      entry.label = strata_builder_new_text (b, FONT_LEGEND,
                                             _(strata_layer_kind_get_info (k)->label), 0, 0);
      strata_text_extents (entry.label, NULL, &w, &h);
      w += STRATA_LEGEND_GLYPH + 6;
      if (x > left && x + w > left + limit)
        {
          x = left;
          y += line_h + line_gap (self);
          line_h = 0;
        }
      entry.x = x;
      entry.y = y;
      line_h = MAX (line_h, MAX (h, STRATA_LEGEND_GLYPH));
      right = MAX (right, x + w);
      x += w + 20;
      g_array_append_val (self->legend, entry);
    }
  /* The notes stand a little further off the swatches. */
  y += line_h + line_gap (self) * 4 / 3;

  note = size_note (self, b->has_vector);
  groups = strata_builder_group_note (b);
  /* A page short of room runs the groups' line on after the note of
   * sizes, in one paragraph: a line less wherever the note's last line
   * leaves room. */
  if (self->options.tight_gaps && groups != NULL)
    {
      char *both = g_strconcat (note, " ", groups, NULL);

      g_free (note);
      note = both;
      g_clear_pointer (&groups, g_free);
    }
  self->legend_note_x = left;
  self->legend_note_y = y;
  self->legend_note = add_note (b, note, left, limit, &y, &right);
  if (groups != NULL)
    {
      y += 6;
      self->group_note_x = left;
      self->group_note_y = y;
      self->group_note = add_note (b, groups, left, limit, &y, &right);
    }

  if (self->has_clamped && self->options.style != STRATA_DIAGRAM_STYLE_BARS)
    {
      double w;

      y += 6;
      self->break_note = strata_builder_new_text (b, FONT_LEGEND,
                                                  _("Cut short: larger than the drawing's size limit, not to scale"),
                                                  0, 0);
      self->break_note_x = left + 30;
      self->break_note_y = y;
      strata_text_extents (self->break_note, NULL, &w, &h);
      right = MAX (right, self->break_note_x + w);
      y += MAX (h, 18);
    }

  rect.width = right - left;
  rect.height = y - rect.y;
  self->legend_rect = rect;
  b->content_right = MAX (b->content_right, right);
  b->y = MAX (b->y, y);
}

void
strata_builder_build_title (StrataBuilder *b)
{
  StrataLayout *self = b->self;
  StrataNetwork *network = b->network;
  const char *name = strata_network_get_name (network);
  guint n_layers = strata_network_get_n_layers (network);
  guint64 params = strata_network_get_params (network);
  g_autofree char *count = strata_render_format_count (params, b->self->options.short_numbers);
  /* Grouped as every count is, but never shortened: "1,000 layers". */
  g_autofree char *n_layers_text = strata_render_format_count (n_layers, FALSE);
  g_autofree char *layers = NULL;
  g_autofree char *params_line = NULL;
  g_autofree char *subtitle = NULL;
  double h, sh;
  int failed;

  self->title_text = name != NULL ? strata_render_label_text (name) : NULL;
  if (!self->options.show_title || name == NULL || name[0] == '\0')
    return;

  /* Translators: the line under a diagram's title; the count is grouped
   * by the locale's separator, "1,000 layers" */
  layers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s layer", "%s layers", n_layers),
                            n_layers_text);
  params_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s parameter", "%s parameters",
                                              params > G_MAXULONG ? G_MAXULONG : (gulong) params),
                                 count);
  failed = strata_network_get_first_error (network);
  if (failed >= 0)
    {
      g_autofree char *failed_name = strata_render_label_text (
        strata_layer_get_display_name (strata_network_get_layer (network, failed)));
      g_autofree char *incomplete = NULL;

      /* Short enough that the line still says what is wrong. */
      if (g_utf8_strlen (failed_name, -1) > FAILED_NAME_CHARS)
        {
          g_autofree char *start = g_utf8_substring (failed_name, 0, FAILED_NAME_CHARS - 1);

          g_free (failed_name);
          failed_name = g_strconcat (start, "…", NULL);
        }
      /* Translators: ends the line under a diagram's title when a layer
       * cannot apply: the counts before it stop at that layer */
      incomplete = g_strdup_printf (_("incomplete: “%s” has an error"), failed_name);

      subtitle = g_strdup_printf ("%s · %s · %s", layers, params_line, incomplete);
    }
  else
    subtitle = g_strdup_printf ("%s · %s", layers, params_line);

  /* One line, whatever its width: its height is known now, its width
   * only once the drawing below it is placed (see place_title()). */
  self->title = strata_builder_new_text (b, FONT_TITLE, self->title_text, 0, 0);
  pango_layout_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  self->subtitle = strata_builder_new_text (b, FONT_SUBTITLE, subtitle, 0, 0);
  pango_layout_set_ellipsize (self->subtitle, PANGO_ELLIPSIZE_END);
  strata_text_extents (self->title, NULL, NULL, &h);
  strata_text_extents (self->subtitle, NULL, NULL, &sh);
  self->title_x = MARGIN;
  self->title_y = b->y;
  self->subtitle_x = MARGIN;
  if (self->options.even_type)
    {
      /* A page short of room: the line under the title follows it on its
       * baseline (see place_title()). */
      self->subtitle_y = b->y + (pango_layout_get_baseline (self->title) -
                                 pango_layout_get_baseline (self->subtitle)) / (double) PANGO_SCALE;
      b->y += MAX (h, self->subtitle_y - b->y + sh) +
              (self->options.tight_gaps ? TIGHT_TITLE_GAP : TITLE_GAP);
      return;
    }
  self->subtitle_y = b->y + h + 2;
  b->y += h + 2 + sh + TITLE_GAP;
}

/* The title may widen a narrow drawing up to STRATA_TITLE_WIDTH, but no
 * further, and never past the width asked for. */
void
strata_builder_place_title (StrataBuilder *b)
{
  StrataLayout *self = b->self;
  cairo_rectangle_t rect;
  double limit, w, h, sw, sh;

  if (self->title == NULL)
    return;

  if (strata_builder_width_limit (b) > 0)
    limit = MAX (strata_builder_width_limit (b) - 2 * MARGIN, 0);
  else
    limit = MAX (b->content_right - MARGIN, STRATA_TITLE_WIDTH);
  pango_layout_set_width (self->title, (int) (limit * PANGO_SCALE));
  strata_text_extents (self->title, NULL, &w, &h);
  if (self->options.even_type)
    {
      /* It names the layer that fails, whose name may be long. */
      pango_layout_set_width (self->subtitle,
                              (int) (MAX (limit - w - TITLE_SPACE, TITLE_SPACE) * PANGO_SCALE));
      strata_text_extents (self->subtitle, NULL, &sw, &sh);
      self->subtitle_x = MARGIN + w + TITLE_SPACE;
      rect = (cairo_rectangle_t) { MARGIN, self->title_y, w + TITLE_SPACE + sw,
                                   MAX (h, self->subtitle_y - self->title_y + sh) };
    }
  else
    {
      pango_layout_set_width (self->subtitle, (int) (limit * PANGO_SCALE));
      strata_text_extents (self->subtitle, NULL, &sw, &sh);
      rect = (cairo_rectangle_t) { MARGIN, self->title_y, MAX (w, sw), h + 2 + sh };
    }
  self->title_rect = rect;
  b->content_right = MAX (b->content_right, MARGIN + rect.width);
}

