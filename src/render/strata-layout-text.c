/* strata-layout-text.c: labels set with Pango, and the cache of labels already shaped. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-layout-build-private.h"

PangoLayout *
strata_builder_new_text (StrataBuilder *b,
                         Font           font,
                         const char    *text,
                         double         wrap_width,
                         int            max_lines)
{
  PangoLayout *layout = pango_layout_new (b->self->context);

  pango_layout_set_font_description (layout, b->fonts[font]);
  if (wrap_width > 0)
    {
      pango_layout_set_width (layout, (int) (wrap_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      if (max_lines > 0)
        {
          pango_layout_set_height (layout, -max_lines);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Labels shaped by earlier layouts, so that a layout rebuilt after one
 * edit shapes only the text that changed. A thread's own, as are Pango's
 * default font map and the context made from it. */
#define LABEL_CACHE_SIZE 8192

typedef struct
{
  PangoContext *context;
  GHashTable   *labels; /* "font, wrap, lines, text" → PangoLayout */
} LabelCache;

static PangoContext *
create_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *font_options = cairo_font_options_create ();

  /* One point per unit and no hinting: text measures the same whatever
   * the output (screen, PNG at any DPI, SVG, PDF), so the layout holds. */
  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, font_options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (font_options);
  return context;
}

static void
label_cache_free (gpointer data)
{
  LabelCache *cache = data;

  g_hash_table_unref (cache->labels);
  g_object_unref (cache->context);
  g_free (cache);
}

static GPrivate label_cache_key = G_PRIVATE_INIT (label_cache_free);

static LabelCache *
get_label_cache (void)
{
  LabelCache *cache = g_private_get (&label_cache_key);

  if (cache == NULL)
    {
      cache = g_new0 (LabelCache, 1);
      cache->context = create_context ();
      cache->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_private_set (&label_cache_key, cache);
    }
  return cache;
}

/* Like new_text(), for labels that are never changed after they are made:
 * the same text in the same font is shaped once and shared. */
PangoLayout *
strata_builder_cached_text (StrataBuilder *b,
                            Font           font,
                            const char    *text,
                            double         wrap_width,
                            int            max_lines)
{
  GHashTable *labels = get_label_cache ()->labels;
  char *key = g_strdup_printf ("%d\x1f%g\x1f%d\x1f%s", font, wrap_width, max_lines, text);
  PangoLayout *layout = g_hash_table_lookup (labels, key);

  if (layout != NULL)
    {
      g_free (key);
      return g_object_ref (layout);
    }

  layout = strata_builder_new_text (b, font, text, wrap_width, max_lines);
  /* Shape it now, while it is the only user. */
  pango_layout_get_extents (layout, NULL, NULL);
  if (g_hash_table_size (labels) >= LABEL_CACHE_SIZE)
    g_hash_table_remove_all (labels);
  g_hash_table_insert (labels, key, g_object_ref (layout));
  return layout;
}

/* The logical extents: @x is where the ink starts relative to the origin. */
void
strata_text_extents (PangoLayout *layout,
                     double      *x,
                     double      *width,
                     double      *height)
{
  PangoRectangle rect;

  pango_layout_get_extents (layout, NULL, &rect);
  if (x != NULL)
    *x = (double) rect.x / PANGO_SCALE;
  if (width != NULL)
    *width = (double) rect.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) rect.height / PANGO_SCALE;
}

PangoContext *
strata_label_context (void)
{
  return get_label_cache ()->context;
}
