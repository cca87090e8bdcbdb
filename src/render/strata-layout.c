/* strata-layout.c: a diagram's layout: building it, and what it answers about itself. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "strata-layout-build-private.h"

/* The title's size where a page evens the type out. */
#define EVEN_TITLE_SIZE 18

static const char * const font_names[N_FONTS] = {
  [FONT_TITLE] = "Sans Bold 24",
  [FONT_SUBTITLE] = "Sans 14",
  [FONT_NAME] = "Sans Bold 15",
  [FONT_SHAPE] = "Sans 14",
  [FONT_DETAILS] = "Sans Italic 12.5",
  [FONT_PARAMS] = "Sans 12.5",
  [FONT_LEGEND] = "Sans 13",
  [FONT_HEADER] = "Sans Bold 13",
  [FONT_GLYPH] = "Sans Bold 10",
};

G_DEFINE_BOXED_TYPE (StrataLayout, strata_layout, strata_layout_ref, strata_layout_unref)

/* The arrays of the large layouts freed last, kept for the next ones: a
 * relayout of 100,000 layers spent more time having the kernel map and
 * clear the pages of new arrays of columns and bands than laying them
 * out. Two sets, since the layout before an edit is often freed with
 * the one before it, when the main loop is next idle; of any thread,
 * since layouts may be freed in another. */
#define SPARE_MIN_COLUMNS 1024

#define N_SPARE_SETS 2
static GArray **spare[N_SPARE_SETS];
/* Large layouts alive: when the last goes, so do the spare arrays,
 * which no layout is then likely to take soon. */
static gint n_large;

static void
free_spare (GArray **arrays)
{
  if (arrays == NULL)
    return;
  for (guint i = 0; i < N_SPARE; i++)
    g_clear_pointer (&arrays[i], g_array_unref);
  g_free (arrays);
}

void
strata_layout_free_spare (void)
{
  for (guint i = 0; i < N_SPARE_SETS; i++)
    free_spare (g_atomic_pointer_exchange (&spare[i], NULL));
}

static GArray **
take_spare (void)
{
  for (guint i = 0; i < N_SPARE_SETS; i++)
    {
      GArray **arrays = g_atomic_pointer_exchange (&spare[i], NULL);

      if (arrays != NULL)
        return arrays;
    }
  return NULL;
}

/* The spare array @which, emptied, or a new one. */
GArray *
strata_builder_new_array (StrataBuilder *b,
                          guint          which,
                          guint          element_size,
                          guint          reserve)
{
  GArray *array = b->spare != NULL ? g_steal_pointer (&b->spare[which]) : NULL;

  if (array == NULL)
    return g_array_sized_new (FALSE, TRUE, element_size, reserve);
  g_array_set_size (array, 0);
  return array;
}

static void
keep_spare (StrataLayout *layout)
{
  GArray **arrays = g_new0 (GArray *, N_SPARE);

  arrays[SPARE_BANDS] = g_steal_pointer (&layout->bands);
  arrays[SPARE_EDGES] = g_steal_pointer (&layout->edges);
  arrays[SPARE_POINTS] = g_steal_pointer (&layout->points);
  arrays[SPARE_LABEL_KEYS] = g_steal_pointer (&layout->label_keys);
  arrays[SPARE_KEY_BYTES] = g_steal_pointer (&layout->key_bytes);
  for (guint i = 0; i < N_SPARE_SETS && arrays != NULL; i++)
    if (g_atomic_pointer_compare_and_exchange (&spare[i], NULL, arrays))
      arrays = NULL;
  free_spare (arrays);
}

void
strata_rect_union (cairo_rectangle_t       *a,
                   const cairo_rectangle_t *b)
{
  double x1 = MIN (a->x, b->x);
  double y1 = MIN (a->y, b->y);
  double x2 = MAX (a->x + a->width, b->x + b->width);
  double y2 = MAX (a->y + a->height, b->y + b->height);

  *a = (cairo_rectangle_t) { x1, y1, x2 - x1, y2 - y1 };
}

/* @followed: a layout made to be followed by one after an edit keeps its
 * graph and its labels' values for that one to take. */
static StrataLayout *
layout_new (StrataNetwork             *network,
            const StrataRenderOptions *options,
            StrataLayout              *previous,
            const StrataLayoutChanges *changes,
            gboolean                   followed,
            StrataLayoutKeepFunc       keep,
            gpointer                   keep_data)
{
  StrataLayout *self;
  StrataBuilder b = { 0 };
  g_autoptr(StrataGraph) graph = NULL;
  g_autoptr(StrataGraph) previous_graph = NULL;
  guint n_layers, n_nodes, n_edges;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);

  self = g_new0 (StrataLayout, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->zoom = 1.0;
  if (options != NULL)
    self->options = *options;
  else
    strata_render_options_init (&self->options);
  self->context = g_object_ref (strata_label_context ());
  self->label_tables = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);

  b.self = self;
  b.network = network;
  b.changes = changes;
  for (guint f = 0; f < N_FONTS; f++)
    b.fonts[f] = pango_font_description_from_string (font_names[f]);
  /* Text larger than the smallest takes room a small page needs for it;
   * names stay apart by their weight. */
  if (self->options.even_type)
    {
      int least = pango_font_description_get_size (b.fonts[FONT_PARAMS]);

      for (guint f = 0; f < N_FONTS; f++)
        if (f != FONT_TITLE && f != FONT_GLYPH)
          pango_font_description_set_size (
            b.fonts[f], MIN (pango_font_description_get_size (b.fonts[f]), least));
      pango_font_description_set_size (b.fonts[FONT_TITLE], EVEN_TITLE_SIZE * PANGO_SCALE);
    }
  /* Before the graph, which leaves out the layers of collapsed runs. */
  self->groups = g_array_new (FALSE, TRUE, sizeof (StrataGroup));
  strata_builder_find_groups (&b);
  if (previous != NULL)
    previous_graph = g_steal_pointer (&previous->graph);
  if ((self->options.pool_arrows || self->options.up_arrows) && self->options.fold_levels)
    b.arrows = strata_layout_find_arrows (network, self->options.pool_arrows,
                                          self->options.up_arrows);
  graph = strata_graph_new_after (network, b.shown_as, b.arrows, previous_graph, changes);
  n_layers = strata_network_get_n_layers (network);
  n_nodes = graph->nodes->len;
  n_edges = graph->edges->len;
  /* Arrays of the size they will have, or near it: growing those of a
   * large network would copy them over and over. */
  b.spare = take_spare ();
  strata_layout_init_chunks (self, n_nodes);
  self->bands = strata_builder_new_array (&b, SPARE_BANDS, sizeof (StrataBand), n_layers);
  self->rows = g_array_new (FALSE, TRUE, sizeof (StrataRow));
  self->bar_rows = g_array_sized_new (FALSE, TRUE, sizeof (StrataBarRow), n_layers + 1);
  self->legend = g_array_new (FALSE, TRUE, sizeof (StrataLegendEntry));
  self->brackets = g_array_new (FALSE, TRUE, sizeof (StrataBracket));
  self->edges = strata_builder_new_array (&b, SPARE_EDGES, sizeof (StrataEdge), n_edges);
  self->points = strata_builder_new_array (&b, SPARE_POINTS, sizeof (StrataPoint), 4 * n_edges);
  self->markers = g_array_sized_new (FALSE, TRUE, sizeof (StrataMarker),
                                     graph->is_chain ? 0 : n_layers + 1);
  b.graph = graph;
  b.y = MARGIN;
  /* A column's lines or a bar row's texts, for every layer and the input. */
  strata_builder_fit_label_cache (&b, (n_layers + 1) * STRATA_N_LINES);
  b.own_colors = g_array_new (FALSE, TRUE, sizeof (StrataOwnColor));

  strata_builder_build_title (&b);

  if (self->options.style == STRATA_DIAGRAM_STYLE_BARS)
    {
      /* Only rows of blocks are placed from where the layout before
       * placed the graph (strata_builder_place_columns()). */
      strata_graph_reset_placement (graph);
      strata_builder_build_bars (&b);
    }
  else
    {
      /* The sizes follow from the largest map, known before any block. */
      if (graph->largest > 0)
        self->zoom = strata_render_zoom_for (self->options.scale, graph->largest);
      /* A page too small for the text beside blocks at full size gets
       * smaller blocks before smaller type. */
      if (self->options.block_scale > 0)
        self->zoom *= self->options.block_scale;
      strata_builder_begin_reuse (&b, previous, followed);
      strata_builder_build_columns (&b);
      if (self->options.arrangement == STRATA_ARRANGEMENT_TOP_TO_BOTTOM)
        strata_builder_place_vertical (&b);
      else
        {
          strata_builder_place_columns (&b);
          strata_builder_place_groups (&b);
        }
    }

  for (guint k = 0; k < STRATA_N_LAYER_KINDS; k++)
    if (b.used_merges[k] && strata_merge_glyph_text (k) != NULL)
      self->glyphs[k] = strata_builder_new_text (&b, FONT_GLYPH, strata_merge_glyph_text (k), 0, 0);

  {
    gboolean any_glyph = FALSE;

    for (guint k = 0; k < STRATA_N_LAYER_KINDS; k++)
      any_glyph |= self->glyphs[k] != NULL;
    self->smallest_type = (double) pango_font_description_get_size (
      b.fonts[any_glyph ? FONT_GLYPH : FONT_PARAMS]) / PANGO_SCALE;
    /* A glyph is drawn scaled to its disc. */
    if (any_glyph)
      self->smallest_type *= strata_layout_merge_size (&self->options) / STRATA_MERGE_SIZE;
  }

  /* The title's width and the legend, most of a small layout's text, are
   * left out of one its caller has no more use for. */
  if (keep == NULL || keep (self, keep_data))
    {
      strata_builder_place_title (&b);
      if (self->options.show_legend)
        strata_builder_build_legend (&b);
    }

  self->width = ceil (b.content_right + MARGIN);
  self->height = ceil (b.y + MARGIN);

  for (guint f = 0; f < N_FONTS; f++)
    pango_font_description_free (b.fonts[f]);
  strata_builder_fit_label_cache (&b, b.n_labels);
  self->own_colors = b.own_colors->len > 0;
  g_array_unref (b.own_colors);
  g_free (b.group_of);
  g_free (b.shown_as);
  g_free (b.arrows);
  g_free (b.bracket_part);
  free_spare (b.spare);
  if (strata_layout_n_columns (self) >= SPARE_MIN_COLUMNS)
    g_atomic_int_inc (&n_large);
  if (followed)
    self->graph = g_steal_pointer (&graph);

  return self;
}

StrataLayout *
strata_layout_new (StrataNetwork             *network,
                   const StrataRenderOptions *options)
{
  return layout_new (network, options, NULL, NULL, FALSE, NULL, NULL);
}

StrataLayout *
strata_layout_new_after (StrataNetwork             *network,
                         const StrataRenderOptions *options,
                         StrataLayout              *previous)
{
  return layout_new (network, options, previous, NULL, TRUE, NULL, NULL);
}

StrataLayout *
strata_layout_new_after_changes (StrataNetwork             *network,
                                 const StrataRenderOptions *options,
                                 StrataLayout              *previous,
                                 const StrataLayoutChanges *changes)
{
  g_return_val_if_fail (changes != NULL, NULL);

  return layout_new (network, options, previous, changes, TRUE, NULL, NULL);
}

StrataLayout *
strata_layout_new_trial (StrataNetwork             *network,
                         const StrataRenderOptions *options,
                         StrataLayoutKeepFunc       keep,
                         gpointer                   keep_data)
{
  return layout_new (network, options, NULL, NULL, FALSE, keep, keep_data);
}

StrataLayout *
strata_layout_ref (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);

  g_atomic_ref_count_inc (&layout->ref_count);
  return layout;
}

void
strata_layout_unref (StrataLayout *layout)
{
  g_return_if_fail (layout != NULL);

  if (!g_atomic_ref_count_dec (&layout->ref_count))
    return;

  for (guint i = 0; i < layout->legend->len; i++)
    g_clear_object (&g_array_index (layout->legend, StrataLegendEntry, i).label);
  for (guint i = 0; i < G_N_ELEMENTS (layout->bar_headers); i++)
    g_clear_object (&layout->bar_headers[i]);
  for (guint k = 0; k < STRATA_N_LAYER_KINDS; k++)
    g_clear_object (&layout->glyphs[k]);

  g_clear_object (&layout->title);
  g_clear_object (&layout->subtitle);
  g_clear_object (&layout->legend_note);
  g_clear_object (&layout->break_note);
  g_clear_object (&layout->group_note);
  for (guint i = 0; i < layout->groups->len; i++)
    g_clear_object (&g_array_index (layout->groups, StrataGroup, i).name);
  g_array_unref (layout->groups);
  g_array_unref (layout->brackets);
  g_clear_object (&layout->context);
  /* Last: the columns' and bar rows' labels belong to these tables. */
  g_ptr_array_unref (layout->label_tables);
  g_clear_pointer (&layout->title_text, g_free);
  g_clear_pointer ((StrataGraph **) &layout->graph, strata_graph_free);
  if (strata_layout_n_columns (layout) >= SPARE_MIN_COLUMNS)
    {
      if (g_atomic_int_dec_and_test (&n_large))
        strata_layout_free_spare ();
      else
        keep_spare (layout);
    }
  strata_layout_free_chunks (layout);
  g_clear_pointer (&layout->label_keys, g_array_unref);
  g_clear_pointer (&layout->key_bytes, g_array_unref);
  g_clear_pointer (&layout->bands, g_array_unref);
  g_array_unref (layout->rows);
  g_free (layout->kernels);
  g_array_unref (layout->bar_rows);
  g_array_unref (layout->legend);
  g_clear_pointer (&layout->arrows, g_array_unref);
  g_clear_pointer (&layout->boxes, g_array_unref);
  g_clear_pointer (&layout->edges, g_array_unref);
  g_clear_pointer (&layout->points, g_array_unref);
  g_array_unref (layout->markers);
  g_free (layout);
}

void
strata_layout_get_size (StrataLayout *layout,
                        double       *width,
                        double       *height)
{
  g_return_if_fail (layout != NULL);

  if (width != NULL)
    *width = layout->width;
  if (height != NULL)
    *height = layout->height;
}

static gboolean
rect_contains (const cairo_rectangle_t *r,
               double                   x,
               double                   y)
{
  return x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

/* Which part of a column's prism (its block or one of its bands) is under
 * a point inside its block rectangle: the point is moved back along the
 * receding axis onto the front face's plane. */
static int
column_part_at (StrataLayout       *layout,
                const StrataColumn *c,
                double              x,
                double              y)
{
  double fx = x;

  if (y < c->y && c->dy > 0)
    fx = x - (c->y - y) * c->dx / c->dy;
  fx -= c->x + c->size.thickness;
  if (fx < 0 || c->size.n_bands == 0)
    return c->position;
  return g_array_index (layout->bands, StrataBand,
                        c->first_band + MIN ((guint) (fx / STRATA_BAND_THICKNESS),
                                             c->size.n_bands - 1)).position;
}

int
strata_layout_hit_test (StrataLayout *layout,
                        double        x,
                        double        y)
{
  g_return_val_if_fail (layout != NULL, STRATA_LAYOUT_NONE);

  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    {
      const StrataColumn *c = strata_layout_column (layout, i);

      if (!rect_contains (&c->bounds, x, y))
        continue;
      if (rect_contains (&c->block_rect, x, y))
        return column_part_at (layout, c, x, y);
      if (rect_contains (&c->label_rect, x, y))
        return c->position;
    }

  for (guint i = 0; i < layout->bar_rows->len; i++)
    {
      const StrataBarRow *row = &g_array_index (layout->bar_rows, StrataBarRow, i);

      if (rect_contains (&row->rect, x, y))
        return row->position;
    }

  for (guint i = 0; i < layout->markers->len; i++)
    {
      const StrataMarker *marker = &g_array_index (layout->markers, StrataMarker, i);

      if (hypot (x - marker->x, y - marker->y) <= marker->radius + 2)
        return marker->position;
    }

  return STRATA_LAYOUT_NONE;
}

gboolean
strata_layout_title_contains (StrataLayout *layout,
                              double        x,
                              double        y)
{
  g_return_val_if_fail (layout != NULL, FALSE);

  return layout->title != NULL && rect_contains (&layout->title_rect, x, y);
}

gboolean
strata_layout_get_item_bounds (StrataLayout      *layout,
                               int                position,
                               cairo_rectangle_t *bounds)
{
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    {
      const StrataColumn *c = strata_layout_column (layout, i);
      /* A group drawn as one block stands for each of its layers. */
      gboolean found = c->position == position ||
                       (position > c->position && (guint) position < c->group_end);

      for (guint k = 0; k < c->size.n_bands && !found; k++)
        found = g_array_index (layout->bands, StrataBand, c->first_band + k).position == position;
      if (found)
        {
          *bounds = c->bounds;
          return TRUE;
        }
    }

  for (guint i = 0; i < layout->bar_rows->len; i++)
    {
      const StrataBarRow *row = &g_array_index (layout->bar_rows, StrataBarRow, i);

      if (row->position == position)
        {
          *bounds = row->rect;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
rects_meet (const cairo_rectangle_t *a,
            const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

void
strata_layout_foreach_item_in (StrataLayout            *layout,
                               const cairo_rectangle_t *area,
                               StrataLayoutItemFunc     func,
                               gpointer                 user_data)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (area != NULL);
  g_return_if_fail (func != NULL);

  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    {
      const StrataColumn *c = strata_layout_column (layout, i);

      if (!rects_meet (&c->bounds, area))
        continue;
      /* A column's bands share its bounds, as get_item_bounds() says;
       * a band of the column's own layer (its activation) is that layer. */
      if (!func (c->position, &c->bounds, user_data))
        return;
      for (guint k = 0; k < c->size.n_bands; k++)
        {
          int band = g_array_index (layout->bands, StrataBand, c->first_band + k).position;

          if (band != c->position && !func (band, &c->bounds, user_data))
            return;
        }
    }
  for (guint i = 0; i < layout->bar_rows->len; i++)
    {
      const StrataBarRow *row = &g_array_index (layout->bar_rows, StrataBarRow, i);

      if (rects_meet (&row->rect, area) && !func (row->position, &row->rect, user_data))
        return;
    }
}

typedef struct
{
  int   *positions;
  guint  n;
  guint  max;
} Collected;

static gboolean
collect_position (int                      position,
                  const cairo_rectangle_t *bounds,
                  gpointer                 user_data)
{
  Collected *collected = user_data;

  if (collected->n == collected->max)
    return FALSE;
  collected->positions[collected->n++] = position;
  return TRUE;
}

guint
strata_layout_get_items_in (StrataLayout            *layout,
                            const cairo_rectangle_t *area,
                            int                     *positions,
                            guint                    max_positions)
{
  Collected collected = { positions, 0, max_positions };

  g_return_val_if_fail (layout != NULL, 0);
  g_return_val_if_fail (area != NULL, 0);

  strata_layout_foreach_item_in (layout, area, collect_position, &collected);
  return collected.n;
}

static void
add_box (GArray                  *boxes,
         StrataBoxKind            kind,
         int                      position,
         int                      target,
         const cairo_rectangle_t *rect)
{
  StrataLayoutBox box = { kind, position, target, *rect, FALSE };

  g_array_append_val (boxes, box);
}

/* Every rectangle the layout covers, for tests of overlaps: made from
 * its parts when first asked for, so that a layout that is only drawn
 * does without them. An edge is a rectangle per segment, as wide as its
 * line, and one for its head. */
static GArray *
get_boxes (StrataLayout *layout)
{
  gboolean bars = layout->options.style == STRATA_DIAGRAM_STYLE_BARS;
  double w = (bars ? STRATA_GUTTER_LINE : STRATA_ARROW_WIDTH) / 2;
  GArray *boxes;

  if (layout->boxes != NULL)
    return layout->boxes;

  boxes = g_array_new (FALSE, TRUE, sizeof (StrataLayoutBox));
  if (layout->title != NULL)
    add_box (boxes, STRATA_BOX_TITLE, STRATA_LAYOUT_NONE, STRATA_LAYOUT_NONE,
             &layout->title_rect);
  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    {
      const StrataColumn *c = strata_layout_column (layout, i);

      add_box (boxes, c->is_merge ? STRATA_BOX_MERGE : STRATA_BOX_BLOCK, c->position, c->position,
               &c->block_rect);
      add_box (boxes, STRATA_BOX_LABEL, c->position, c->position, &c->label_rect);
      for (guint d = 0; d < STRATA_N_DIMENSIONS; d++)
        {
          cairo_rectangle_t rect;

          if (!strata_column_get_dimension_rect (c, d, &rect))
            continue;
          add_box (boxes, STRATA_BOX_LABEL, c->position, c->position, &rect);
          g_array_index (boxes, StrataLayoutBox, boxes->len - 1).turned =
            strata_column_dimension_is_turned (c, d);
        }
    }
  for (guint i = 0; i < layout->brackets->len; i++)
    add_box (boxes, STRATA_BOX_GROUP, STRATA_LAYOUT_NONE, STRATA_LAYOUT_NONE,
             &g_array_index (layout->brackets, StrataBracket, i).rect);
  for (guint i = 0; i < layout->bar_rows->len; i++)
    {
      const StrataBarRow *row = &g_array_index (layout->bar_rows, StrataBarRow, i);

      add_box (boxes, STRATA_BOX_LABEL, row->position, row->position, &row->rect);
    }
  for (guint i = 0; i < layout->markers->len; i++)
    {
      const StrataMarker *m = &g_array_index (layout->markers, StrataMarker, i);
      cairo_rectangle_t rect = { m->x - m->radius, m->y - m->radius, 2 * m->radius, 2 * m->radius };

      add_box (boxes, m->is_merge ? STRATA_BOX_MERGE : STRATA_BOX_BLOCK, m->position, m->position,
               &rect);
    }
  for (guint e = 0; e < layout->edges->len; e++)
    {
      const StrataEdge *edge = &g_array_index (layout->edges, StrataEdge, e);
      const StrataPoint *points = &g_array_index (layout->points, StrataPoint, edge->first_point);
      const StrataPoint *tip = &points[edge->n_points - 1];
      /* A layer drawn as the edge is wider from the line it is drawn wide
       * from. */
      guint wide_from = edge->arrow > 0 ? MIN (g_array_index (layout->arrows, StrataArrowLayer,
                                                              edge->arrow - 1).wide_from,
                                               edge->n_points - 2)
                                        : edge->n_points;
      double head = edge->arrow > 0 ? STRATA_LAYER_ARROW_HEAD : STRATA_ARROW_HEAD;

      for (guint i = 0; i + 1 < edge->n_points; i++)
        {
          double wi = i >= wide_from ? STRATA_LAYER_ARROW_WIDTH / 2 : w;
          cairo_rectangle_t rect = { MIN (points[i].x, points[i + 1].x) - wi,
                                     MIN (points[i].y, points[i + 1].y) - wi,
                                     fabs (points[i].x - points[i + 1].x) + 2 * wi,
                                     fabs (points[i].y - points[i + 1].y) + 2 * wi };

          add_box (boxes, STRATA_BOX_EDGE, edge->from, edge->to, &rect);
        }
      if (edge->head)
        {
          double half = head * 0.45;
          cairo_rectangle_t rect = { tip->x - head, tip->y - half, head, 2 * half };

          /* Top to bottom, heads point down; the second row of a fold
           * points them left, or up. */
          if (tip[-1].x == tip->x)
            rect = (cairo_rectangle_t) { tip->x - half, tip[-1].y < tip->y ? tip->y - head : tip->y,
                                         2 * half, head };
          else if (tip[-1].x > tip->x)
            rect.x = tip->x;
          add_box (boxes, STRATA_BOX_EDGE, edge->from, edge->to, &rect);
        }
    }
  if (layout->options.show_legend)
    add_box (boxes, STRATA_BOX_LEGEND, STRATA_LAYOUT_NONE, STRATA_LAYOUT_NONE,
             &layout->legend_rect);

  layout->boxes = boxes;
  return boxes;
}

guint
strata_layout_get_n_boxes (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return get_boxes (layout)->len;
}

const StrataLayoutBox *
strata_layout_get_box (StrataLayout *layout,
                       guint         index)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (index < get_boxes (layout)->len, NULL);

  return &g_array_index (layout->boxes, StrataLayoutBox, index);
}

gboolean
strata_layout_get_block_size (StrataLayout    *layout,
                              int              position,
                              StrataBlockSize *size)
{
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (size != NULL, FALSE);

  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    {
      const StrataColumn *c = strata_layout_column (layout, i);

      if (c->position == position)
        {
          *size = c->size;
          return TRUE;
        }
    }
  return FALSE;
}

guint
strata_layout_get_n_rows (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->rows->len;
}

gboolean
strata_layout_is_folded (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, FALSE);

  return layout->folded;
}

double
strata_layout_get_smallest_type (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->smallest_type;
}

double
strata_layout_get_zoom (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 1.0);

  return layout->zoom;
}

gboolean
strata_layout_has_clamped (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, FALSE);

  return layout->has_clamped;
}

void
strata_layout_foreach_label (StrataLayout          *layout,
                             StrataLayoutLabelFunc  func,
                             gpointer               user_data)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (func != NULL);

  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    {
      const StrataColumn *c = strata_layout_column (layout, i);

      /* A shape written on the block's edges has no line of its own. */
      g_autofree char *shape = c->lines[STRATA_LINE_SHAPE] == NULL
                               ? strata_shape_to_string (&c->shape) : NULL;

      func (c->position,
            pango_layout_get_text (c->lines[STRATA_LINE_NAME]),
            shape != NULL ? shape : pango_layout_get_text (c->lines[STRATA_LINE_SHAPE]),
            c->params, &c->bounds, user_data);
    }

  for (guint i = 0; i < layout->bar_rows->len; i++)
    {
      const StrataBarRow *row = &g_array_index (layout->bar_rows, StrataBarRow, i);

      func (row->position,
            pango_layout_get_text (row->name),
            pango_layout_get_text (row->shape),
            row->params, &row->rect, user_data);
    }
}

const char *
strata_layout_get_title (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);

  return layout->title_text;
}

const StrataRenderOptions *
strata_layout_get_options (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);

  return &layout->options;
}

