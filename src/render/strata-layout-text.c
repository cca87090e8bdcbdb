/* strata-layout-text.c: labels set with Pango, and the cache of labels already shaped. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "strata-layout-build-private.h"

/* Where a name breaks when it wraps: after a '.', '_' or '/', so that
 * "layer2.0.downsample.0" reads "layer2.0." and "downsample.0" rather
 * than "layer2.0.downsam-ple.0". Line breaking follows Unicode, which
 * keeps such a name one word, so the word wraps at any character; here
 * the parts between separators are kept whole instead, each but those
 * in @loose, whose lines were too narrow for them and still break
 * inside. The text is left as it is: an SVG keeps the name. Returns
 * FALSE when the text has no part to keep whole. */
static gboolean
set_name_breaks (PangoLayout *layout,
                 const char  *text,
                 GHashTable  *loose)
{
  g_autoptr(PangoAttrList) attrs = NULL;
  int start = 0;

  if (strpbrk (text, "._/") == NULL)
    return FALSE;
  attrs = pango_attr_list_new ();
  for (int i = 0;; i++)
    {
      gboolean separator = text[i] != '\0' && strchr ("._/", text[i]) != NULL;
      int end;

      if (!separator && text[i] != ' ' && text[i] != '\0')
        continue;
      /* The separator ends its part; a space is a break of its own. */
      end = separator ? i + 1 : i;
      if (end - start > 1 && !g_hash_table_contains (loose, GINT_TO_POINTER (start)))
        {
          PangoAttribute *whole = pango_attr_allow_breaks_new (FALSE);

          whole->start_index = start;
          whole->end_index = end;
          pango_attr_list_insert (attrs, whole);
        }
      if (separator)
        {
          /* A line that ends at the separator needs no hyphen. */
          PangoAttribute *hyphen = pango_attr_insert_hyphens_new (FALSE);

          hyphen->start_index = i;
          hyphen->end_index = end;
          pango_attr_list_insert (attrs, hyphen);
        }
      if (text[i] == '\0')
        break;
      start = separator ? end : i + 1;
    }
  pango_layout_set_attributes (layout, attrs);
  return TRUE;
}

/* Adds to @loose the parts (by where they start) that lines of @layout,
 * wrapped at @width, were too narrow for; returns whether there were. */
static gboolean
find_loose_parts (PangoLayout *layout,
                  const char  *text,
                  int          width,
                  GHashTable  *loose)
{
  gboolean found = FALSE;

  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      PangoRectangle logical;
      int start = line->start_index;

      pango_layout_line_get_extents (line, NULL, &logical);
      if (logical.width <= width)
        continue;
      /* Back to the start of the part the line starts in. */
      while (start > 0 && strchr ("._/ ", text[start - 1]) == NULL)
        start--;
      for (int i = start; i < line->start_index + line->length; i++)
        if (i == start || strchr ("._/ ", text[i - 1]) != NULL)
          {
            g_hash_table_add (loose, GINT_TO_POINTER (i));
            found = TRUE;
          }
    }
  return found;
}

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
  if (wrap_width > 0)
    {
      g_autoptr(GHashTable) loose = g_hash_table_new (NULL, NULL);

      if (set_name_breaks (layout, text, loose) &&
          find_loose_parts (layout, text, pango_layout_get_width (layout), loose))
        set_name_breaks (layout, text, loose);
      /* Parts kept whole may take more lines than a label has, and
       * then the label shows more of the name breaking anywhere. */
      if (max_lines > 0 && pango_layout_is_ellipsized (layout))
        pango_layout_set_attributes (layout, NULL);
    }
  return layout;
}

/* Labels shaped by earlier layouts, so that a layout rebuilt after one
 * edit shapes only the text that changed. A thread's own, as are Pango's
 * default font map and the context made from it.
 *
 * Least recently used labels leave first, in two generations rather than
 * a list of every label (which would cost two pointers and a write per
 * label on every lookup): a label found in the older table is moved to
 * the newer one, and when the newer one is full the older one goes with
 * the labels no layout asked for since. Dropping the whole cache when it
 * was full, as it once did, made every relayout of a network with more
 * labels than that shape all of them again (48 times the time for 10
 * times the layers). A generation holds LABEL_CACHE_SIZE labels, or a
 * quarter more than the largest layout built asked for: a layout going
 * over its labels in order would otherwise evict each one just before it
 * is asked for again, the worst case of any least-recently-used cache. */
#define LABEL_CACHE_SIZE 32768

typedef struct
{
  PangoContext *context;
  GHashTable   *labels;   /* a set of Label, the newer generation */
  GHashTable   *older;    /* or NULL */
  guint         capacity; /* of a generation */
} LabelCache;

/* A label's text and how it is set, with the layout that shows it and its
 * extents, so that a layout made of cached labels never walks their lines
 * again: one block, the text after it. Looked up with @text pointing at
 * the caller's text and no layout. Held by each table it is in; the
 * tables, not the label, are what layouts hold. */
typedef struct
{
  guint           hash;
  Font            font;
  int             font_size; /* the font's, which a page's even type changes */
  int             max_lines;
  gboolean        left;
  gint            ref_count;
  double          wrap_width;
  const char     *text;
  PangoLayout    *layout;
  StrataTextSize  size;
} Label;

/* Tables may be freed by the layouts of other threads. */
static void
label_unref (gpointer data)
{
  Label *label = data;

  if (!g_atomic_int_dec_and_test (&label->ref_count))
    return;
  g_object_unref (label->layout);
  g_free (label);
}

static guint
label_hash (gconstpointer data)
{
  return ((const Label *) data)->hash;
}

static gboolean
label_equal (gconstpointer a,
             gconstpointer b)
{
  const Label *x = a, *y = b;

  return x->hash == y->hash && x->font == y->font && x->font_size == y->font_size &&
         x->max_lines == y->max_lines &&
         x->wrap_width == y->wrap_width && x->left == y->left && strcmp (x->text, y->text) == 0;
}

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

static GHashTable *
new_label_table (void)
{
  return g_hash_table_new_full (label_hash, label_equal, label_unref, NULL);
}

static void
label_cache_free (gpointer data)
{
  LabelCache *cache = data;

  g_hash_table_unref (cache->labels);
  g_clear_pointer (&cache->older, g_hash_table_unref);
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
      cache->labels = new_label_table ();
      cache->capacity = LABEL_CACHE_SIZE;
      g_private_set (&label_cache_key, cache);
    }
  return cache;
}

/* The label for @lookup, from either generation or shaped now, in the
 * newer one. */
static Label *
find_label (StrataBuilder *b,
            LabelCache    *cache,
            const Label   *lookup)
{
  Label *label = g_hash_table_lookup (cache->labels, lookup);
  gsize length;

  if (label != NULL)
    return label;

  if (cache->older != NULL && (label = g_hash_table_lookup (cache->older, lookup)) != NULL)
    g_atomic_int_inc (&label->ref_count);
  else
    {
      length = strlen (lookup->text) + 1;
      label = g_malloc (sizeof (Label) + length);
      *label = *lookup;
      label->ref_count = 1;
      label->text = memcpy (label + 1, lookup->text, length);
      label->layout = strata_builder_new_text (b, lookup->font, lookup->text,
                                               lookup->wrap_width, lookup->max_lines);
      if (lookup->left)
        pango_layout_set_alignment (label->layout, PANGO_ALIGN_LEFT);
      /* Shaped now, while it is the only user. */
      strata_text_extents (label->layout, &label->size.x, &label->size.width,
                           &label->size.height);
    }
  g_hash_table_add (cache->labels, label);
  return label;
}

/* Like new_text(), for labels that are never changed after they are made:
 * the same text in the same font is shaped once and shared. A wrapped
 * text is centred, or aligned @left. The label belongs to the cache's
 * tables, which the layout holds until it is freed: a generation that
 * leaves the cache stays as long as a layout may still show its labels. */
PangoLayout *
strata_builder_cached_text (StrataBuilder  *b,
                            Font            font,
                            const char     *text,
                            double          wrap_width,
                            int             max_lines,
                            gboolean        left,
                            StrataTextSize *size)
{
  LabelCache *cache = get_label_cache ();
  Label lookup = { g_str_hash (text) * 31 + font * 7 + max_lines * 2 + left, font,
                   pango_font_description_get_size (b->fonts[font]), max_lines, left, 0,
                   wrap_width, text, NULL, { 0 } };
  Label *label = find_label (b, cache, &lookup);
  GHashTable *labels = cache->labels;
  GPtrArray *tables = b->self->label_tables;

  if (tables->len == 0 || g_ptr_array_index (tables, tables->len - 1) != labels)
    g_ptr_array_add (tables, g_hash_table_ref (labels));
  b->n_labels++;

  if (g_hash_table_size (labels) >= cache->capacity)
    {
      g_clear_pointer (&cache->older, g_hash_table_unref);
      cache->older = g_steal_pointer (&cache->labels);
      cache->labels = new_label_table ();
    }
  *size = label->size;
  return label->layout;
}

void
strata_layout_forget_labels (void)
{
  LabelCache *cache = g_private_get (&label_cache_key);

  strata_layout_free_spare ();
  if (cache == NULL)
    return;
  g_clear_pointer (&cache->older, g_hash_table_unref);
  g_hash_table_unref (cache->labels);
  cache->labels = new_label_table ();
  cache->capacity = LABEL_CACHE_SIZE;
}

/* A generation holds at least all of a layout's @n_labels labels, with
 * room for those that its next edit changes: before a layout, for the
 * labels it may ask for, so that the first layout of a large network does
 * not evict the labels it shaped first, which the next one would shape
 * again; after, for those it did ask for. */
void
strata_builder_fit_label_cache (StrataBuilder *b,
                                guint          n_labels)
{
  LabelCache *cache = get_label_cache ();

  if (n_labels > cache->capacity / 5 * 4)
    cache->capacity = n_labels + n_labels / 4;
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
