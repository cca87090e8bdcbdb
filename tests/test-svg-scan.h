/* test-svg-scan.h: what an exported SVG holds, read with a real XML parser, for the export tests. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <glib.h>

/* What the SVG parser saw. */
typedef struct
{
  guint      n_svg;
  guint      n_blocks;
  GPtrArray *names;
  char      *width;
  char      *height;
  gboolean   in_title;
  GString   *title;
  guint      depth;
  GPtrArray *groups;     /* SvgGroup, of the layers */
  GHashTable *ids;       /* every id, to see that none repeats */
  gboolean   repeated_id;
  GString   *text;       /* of the <text> being read, else NULL */
  gpointer   open_group; /* the SvgGroup being read, else NULL */
  guint      group_depth;
} SvgScan;

/* A layer's group: its id, its <title> and the content of each <text>. */
typedef struct
{
  char      *id;
  GString   *title;
  GPtrArray *texts;
} SvgGroup;

static inline void
svg_group_free (gpointer data)
{
  SvgGroup *group = data;

  g_free (group->id);
  g_string_free (group->title, TRUE);
  g_ptr_array_unref (group->texts);
  g_free (group);
}

static inline SvgGroup *
current_group (SvgScan *scan)
{
  return scan->open_group;
}

static inline void
svg_start_cb (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  SvgScan *scan = user_data;

  scan->depth++;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "id"))
      {
        if (g_hash_table_contains (scan->ids, values[i]))
          scan->repeated_id = TRUE;
        g_hash_table_add (scan->ids, g_strdup (values[i]));
        if (g_str_equal (element, "g") && g_str_has_prefix (values[i], "layer-"))
          {
            SvgGroup *group = g_new0 (SvgGroup, 1);

            group->id = g_strdup (values[i]);
            group->title = g_string_new (NULL);
            group->texts = g_ptr_array_new_with_free_func (g_free);
            g_ptr_array_add (scan->groups, group);
            scan->open_group = group;
            scan->group_depth = scan->depth;
          }
      }

  if (g_str_equal (element, "text"))
    scan->text = g_string_new (NULL);
  else if (g_str_equal (element, "svg"))
    {
      scan->n_svg++;
      for (guint i = 0; names[i] != NULL; i++)
        {
          if (g_str_equal (names[i], "width"))
            scan->width = g_strdup (values[i]);
          else if (g_str_equal (names[i], "height"))
            scan->height = g_strdup (values[i]);
        }
    }
  else if (g_str_equal (element, "strata:block"))
    {
      scan->n_blocks++;
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "name"))
          g_ptr_array_add (scan->names, g_strdup (values[i]));
    }
  else if (g_str_equal (element, "title"))
    scan->in_title = TRUE;
}

static inline void
svg_end_cb (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  SvgScan *scan = user_data;

  if (scan->open_group != NULL && scan->depth == scan->group_depth)
    scan->open_group = NULL;
  scan->depth--;
  if (g_str_equal (element, "title"))
    scan->in_title = FALSE;
  else if (g_str_equal (element, "text") && scan->text != NULL)
    {
      SvgGroup *group = current_group (scan);
      char *text = g_string_free (g_steal_pointer (&scan->text), FALSE);

      if (group != NULL)
        g_ptr_array_add (group->texts, text);
      else
        g_free (text);
    }
}

static inline void
svg_text_cb (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  SvgScan *scan = user_data;
  SvgGroup *group = current_group (scan);

  /* The document's own title, a child of <svg>; a layer's is its group's. */
  if (scan->in_title && scan->depth == 2)
    g_string_append_len (scan->title, text, length);
  else if (scan->in_title && group != NULL)
    g_string_append_len (group->title, text, length);
  else if (scan->text != NULL)
    g_string_append_len (scan->text, text, length);
}

static inline void
scan_svg (const char *contents,
          gsize       length,
          SvgScan    *scan)
{
  static const GMarkupParser parser = { svg_start_cb, svg_end_cb, svg_text_cb, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *start;

  /* GMarkup takes no <?xml?> declaration or DOCTYPE; everything after
   * them must parse, which is what "well-formed" asks of the drawing. */
  start = strstr (contents, "<svg");
  g_assert_nonnull (start);
  g_assert_true (g_str_has_prefix (contents, "<?xml"));

  memset (scan, 0, sizeof *scan);
  scan->names = g_ptr_array_new_with_free_func (g_free);
  scan->title = g_string_new (NULL);
  scan->groups = g_ptr_array_new_with_free_func (svg_group_free);
  scan->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  context = g_markup_parse_context_new (&parser, 0, scan, NULL);
  g_markup_parse_context_parse (context, start, length - (start - contents), &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static inline void
scan_clear (SvgScan *scan)
{
  g_ptr_array_unref (scan->names);
  g_ptr_array_unref (scan->groups);
  g_hash_table_unref (scan->ids);
  g_string_free (scan->title, TRUE);
  g_free (scan->width);
  g_free (scan->height);
}

static inline SvgGroup *
find_group (SvgScan    *scan,
            const char *id)
{
  for (guint i = 0; i < scan->groups->len; i++)
    {
      SvgGroup *group = g_ptr_array_index (scan->groups, i);

      if (g_str_equal (group->id, id))
        return group;
    }
  return NULL;
}

static inline gboolean
group_has_text (SvgGroup   *group,
                const char *text)
{
  for (guint i = 0; i < group->texts->len; i++)
    if (g_str_equal (g_ptr_array_index (group->texts, i), text))
      return TRUE;
  return FALSE;
}

static inline gboolean
has_name (SvgScan    *scan,
          const char *name)
{
  for (guint i = 0; i < scan->names->len; i++)
    if (g_str_equal (g_ptr_array_index (scan->names, i), name))
      return TRUE;
  return FALSE;
}
