/* strata-page.c: page presets and sizes given as text. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "strata-page.h"

#define INCH 72.0

/* The least type of each: a slide is projected, its 8 pt as large on a
 * screen 3 m wide as 14 pt on a laptop's; a paper's captions are set near
 * 8 pt and 6 pt is the least its figures' labels may be; a poster is read
 * from a metre or two. */
static const struct
{
  const char *name;
  double      width;
  double      height;
  double      min_type;
} presets[] = {
  [STRATA_PAGE_NONE] = { "none", 0, 0, 0 },
  [STRATA_PAGE_SLIDE] = { "slide", 960, 7.5 * INCH, 8 },  /* 13⅓ in */
  [STRATA_PAGE_SLIDE_4_3] = { "slide-4:3", 10 * INCH, 7.5 * INCH, 8 },
  [STRATA_PAGE_COLUMN] = { "column", 3.5 * INCH, 2.625 * INCH, 6 },
  [STRATA_PAGE_FULL] = { "page", 7 * INCH, 3.5 * INCH, 6 },
  [STRATA_PAGE_POSTER] = { "poster", 36 * INCH, 24 * INCH, 18 },
  [STRATA_PAGE_CUSTOM] = { "custom", 0, 0, STRATA_PAGE_CUSTOM_MIN_TYPE },
};

void
strata_page_init (StrataPage       *page,
                  StrataPagePreset  preset,
                  double            width,
                  double            height)
{
  g_return_if_fail (page != NULL);
  g_return_if_fail (preset < G_N_ELEMENTS (presets));

  page->preset = preset;
  page->min_type = presets[preset].min_type;
  if (preset == STRATA_PAGE_CUSTOM)
    {
      page->width = CLAMP (width, STRATA_PAGE_MIN_SIDE, STRATA_PAGE_MAX_SIDE);
      page->height = CLAMP (height, STRATA_PAGE_MIN_SIDE, STRATA_PAGE_MAX_SIDE);
    }
  else
    {
      page->width = presets[preset].width;
      page->height = presets[preset].height;
    }
}

const char *
strata_page_preset_to_string (StrataPagePreset preset)
{
  g_return_val_if_fail (preset < G_N_ELEMENTS (presets), NULL);

  return presets[preset].name;
}

gboolean
strata_page_preset_from_string (const char       *text,
                                StrataPagePreset *preset)
{
  g_return_val_if_fail (preset != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (strcmp (text, presets[i].name) == 0)
      {
        *preset = i;
        return TRUE;
      }
  return FALSE;
}

/* A side's length: digits with at most one point, nothing else. */
static gboolean
parse_length (const char *start,
              const char *end,
              double     *value)
{
  g_autofree char *text = g_strndup (start, end - start);
  char *rest = NULL;

  if (text[0] < '0' || text[0] > '9')
    return FALSE;
  *value = g_ascii_strtod (text, &rest);
  return rest != text && *rest == '\0';
}

gboolean
strata_page_parse (const char *text,
                   StrataPage *page)
{
  static const struct { const char *suffix; double points; } units[] = {
    { "in", INCH }, { "cm", INCH / 2.54 }, { "mm", INCH / 25.4 }, { "pt", 1 },
  };
  StrataPagePreset preset;
  const char *x, *end;
  double unit = 1, width, height;

  g_return_val_if_fail (page != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  if (strata_page_preset_from_string (text, &preset) && preset != STRATA_PAGE_CUSTOM)
    {
      strata_page_init (page, preset, 0, 0);
      return TRUE;
    }

  x = strchr (text, 'x');
  if (x == NULL)
    return FALSE;
  end = text + strlen (text);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_has_suffix (text, units[i].suffix))
      {
        unit = units[i].points;
        end -= strlen (units[i].suffix);
        break;
      }
  if (end <= x || !parse_length (text, x, &width) || !parse_length (x + 1, end, &height))
    return FALSE;
  width *= unit;
  height *= unit;
  if (!(width >= STRATA_PAGE_MIN_SIDE && width <= STRATA_PAGE_MAX_SIDE &&
        height >= STRATA_PAGE_MIN_SIDE && height <= STRATA_PAGE_MAX_SIDE))
    return FALSE;
  strata_page_init (page, STRATA_PAGE_CUSTOM, width, height);
  return TRUE;
}

char *
strata_page_to_string (const StrataPage *page)
{
  char width[G_ASCII_DTOSTR_BUF_SIZE], height[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (page != NULL, NULL);

  if (page->preset != STRATA_PAGE_CUSTOM)
    return g_strdup (strata_page_preset_to_string (page->preset));
  g_ascii_formatd (width, sizeof width, "%.6g", page->width);
  g_ascii_formatd (height, sizeof height, "%.6g", page->height);
  return g_strdup_printf ("%sx%spt", width, height);
}
