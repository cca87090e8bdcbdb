/* strata-page.h: the page a diagram is fitted to: slides, paper columns, posters. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  STRATA_PAGE_NONE,        /* the drawing at its own size */
  STRATA_PAGE_SLIDE,       /* 16:9 slide, 13.33 × 7.5 in */
  STRATA_PAGE_SLIDE_4_3,   /* 4:3 slide, 10 × 7.5 in */
  STRATA_PAGE_COLUMN,      /* one column of a paper, 3.5 in wide */
  STRATA_PAGE_FULL,        /* the full width of a paper's page, 7 in */
  STRATA_PAGE_POSTER,      /* a poster's panel, 36 × 24 in */
  STRATA_PAGE_CUSTOM,      /* width and height given */
} StrataPagePreset;

typedef struct
{
  StrataPagePreset preset;
  double           width;     /* points; 0 with STRATA_PAGE_NONE */
  double           height;
  double           min_type;  /* no text on the page is smaller, in points, if it can be */
} StrataPage;

/* The least and largest side of a custom page, in points (1 in to 100 in). */
#define STRATA_PAGE_MIN_SIDE 72.0
#define STRATA_PAGE_MAX_SIDE 7200.0

/* The type no smaller than which a custom page's text is drawn. */
#define STRATA_PAGE_CUSTOM_MIN_TYPE 6.0

/* Sets @page to @preset's size and least type size; for
 * STRATA_PAGE_CUSTOM, to a page of @width × @height points. */
void         strata_page_init               (StrataPage        *page,
                                             StrataPagePreset   preset,
                                             double             width,
                                             double             height);
/* "slide", "slide-4:3", "column", "page", "poster"; "none"; "custom". */
const char  *strata_page_preset_to_string   (StrataPagePreset   preset);
gboolean     strata_page_preset_from_string (const char        *text,
                                             StrataPagePreset  *preset);
/* A preset's name, or a custom size such as "5x3in", "12x8cm", "90x60mm"
 * or "400x300pt" (the unit applies to both sides; points without one). */
gboolean     strata_page_parse              (const char        *text,
                                             StrataPage        *page);
/* What strata_page_parse() reads back as @page: a preset's name, or a
 * custom size in points ("288x180pt"). Free with g_free(). */
char        *strata_page_to_string          (const StrataPage  *page);

G_END_DECLS
