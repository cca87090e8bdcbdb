/* strata-layout-reuse.c: a column's labels taken over from the layout before an edit. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "strata-layout-build-private.h"
#include "strata-receptive-field.h"

/* A layout keeps, per column, the values its labels were made from: the
 * text of names, captions and errors as the layers give them, and the
 * hyper-parameters the line of details reads, of the block's layer and
 * of each band's. A column whose values and sizes are those of a column
 * of the layout before takes that column's labels as they are, measured:
 * most of an edit's relayout of a large network was making and shaping
 * labels no edit had changed. Values are compared, not a count of
 * changes, so that no edit can forget to say what it changed. */

/* Told what changed (strata_layout_new_after_changes()), a layout does
 * without the values: a column none of whose layers changed, with the
 * same layers in it and the same sizes, takes the labels of its column
 * before without reading what they are made of. Building and comparing
 * the values of every column was a quarter of an edit's relayout of
 * 100,000 layers, whatever the edit. */

/* How far a column is looked for around where it was: inserting or
 * removing layers moves the columns after them by as many. */
#define REUSE_WINDOW 16
/* A layout holds the label tables of those it takes labels from; past
 * this many tables, a layout shapes its labels anew, which moves them
 * into the cache's newer table and lets the older ones go. */
#define MAX_LABEL_TABLES 4

static inline void
append_bytes (GArray        *bytes,
              gconstpointer  data,
              gsize          size)
{
  g_array_append_vals (bytes, data, size);
}

static void
append_string (GArray     *bytes,
               const char *text)
{
  /* NULL and "" differ: a NUL of its own after a mark. */
  static const guint8 none[2] = { 1, 0 };

  if (text == NULL)
    append_bytes (bytes, none, sizeof none);
  else
    append_bytes (bytes, text, strlen (text) + 1);
}

/* What the line of details reads of a layer's hyper-parameters: the
 * block's, or a band's, whose others are zero. */
typedef struct
{
  StrataLayerKind  kind;
  StrataActivation activation;
  double           rate;
  StrataPair       stride;
  StrataPadding    padding_mode;
  StrataPair       padding;
  StrataAxis       axis;
  const char      *op;   /* interned: the same operation is the same pointer */
} LayerKey;

/* What the labels of one layer of a column (its block's, or a band's)
 * are made of, beyond what the column itself holds. */
static void
append_layer (StrataBuilder *b,
              GArray        *bytes,
              StrataLayer   *layer,
              gboolean       block)
{
  const StrataLayerParams *p = strata_layer_get_params (layer);
  LayerKey key;

  /* Whole, padding included, so that keys compare as bytes. */
  memset (&key, 0, sizeof key);
  key.kind = strata_layer_get_kind (layer);
  key.activation = p->activation;
  key.rate = p->rate;
  if (block)
    {
      key.stride = p->stride;
      key.padding_mode = p->padding_mode;
      key.padding = p->padding;
      key.axis = p->axis;
      key.op = p->op;
    }
  append_bytes (bytes, &key, sizeof key);
  append_string (bytes, strata_layer_get_display_name (layer));
  if (!block)
    return;
  append_string (bytes, strata_layer_get_caption (layer));
  append_string (bytes, strata_layer_get_error (layer));
  if (b->self->options.show_receptive_field)
    append_bytes (bytes, strata_layer_get_receptive_field (layer), sizeof (StrataReceptiveField));
}

/* Everything the labels of @c are made of, but for its sizes, which are
 * compared apart. */
static void
append_key (StrataBuilder      *b,
            GArray             *bytes,
            const StrataColumn *c)
{
  gboolean grouped = b->group_of != NULL && c->position >= 0 && b->group_of[c->position] >= 0;

  append_bytes (bytes, &grouped, sizeof grouped);
  if (c->position >= 0)
    append_layer (b, bytes, strata_network_get_layer (b->network, c->position), TRUE);
  for (guint i = 0; i < c->size.n_bands; i++)
    {
      const StrataBand *band = &g_array_index (b->self->bands, StrataBand, c->first_band + i);
      /* Which bands a talk has revealed depends on where they are. */
      int offset = band->position - c->position;

      append_bytes (bytes, &offset, sizeof offset);
      append_bytes (bytes, &band->category, sizeof band->category);
      append_layer (b, bytes, strata_network_get_layer (b->network, band->position), FALSE);
    }
}

/* The sizes and values held by the column that its labels depend on. */
static gboolean
same_column (const StrataColumn *a,
             const StrataColumn *b)
{
  return a->kind == b->kind && a->category == b->category && a->is_merge == b->is_merge &&
         a->has_shape == b->has_shape && a->has_error == b->has_error &&
         (!a->has_shape || memcmp (&a->shape, &b->shape, sizeof a->shape) == 0) &&
         a->params == b->params && a->kernel_h == b->kernel_h && a->kernel_w == b->kernel_w &&
         a->size.thickness == b->size.thickness && a->size.height == b->size.height &&
         a->size.depth == b->size.depth && a->size.n_bands == b->size.n_bands &&
         a->size.is_vector == b->size.is_vector && a->block_width == b->block_width &&
         a->dx == b->dx && a->total_thickness == b->total_thickness &&
         (a->position == STRATA_LAYOUT_INPUT) == (b->position == STRATA_LAYOUT_INPUT);
}

/* Options that change no label: where rows wrap and what is selected. */
static gboolean
same_label_options (const StrataRenderOptions *a,
                    const StrataRenderOptions *b)
{
  StrataRenderOptions x = *a, y = *b;

  x.max_width = y.max_width = 0;
  x.selected = y.selected = -1;
  return memcmp (&x, &y, sizeof x) == 0;
}

void
strata_layout_changes_clear (StrataLayoutChanges *changes)
{
  g_return_if_fail (changes != NULL);

  *changes = (StrataLayoutChanges) { 0, 0, FALSE, FALSE };
}

void
strata_layout_changes_add (StrataLayoutChanges *changes,
                           guint                first,
                           guint                end)
{
  g_return_if_fail (changes != NULL);

  if (first >= end)
    return;
  if (changes->first >= changes->end)
    {
      changes->first = first;
      changes->end = end;
      return;
    }
  changes->first = MIN (changes->first, first);
  changes->end = MAX (changes->end, end);
}

void
strata_layout_changes_splice (StrataLayoutChanges *changes,
                              guint                position,
                              guint                n_removed,
                              guint                n_added)
{
  guint past = position + n_removed;

  g_return_if_fail (changes != NULL);

  changes->links = TRUE;
  /* Layers changed before keep changing where they are now; those
   * among the removed ones are gone, which the added ones cover. */
  if (changes->first < changes->end)
    {
      guint first = changes->first, end = changes->end;

      changes->first = first < position ? first : first >= past ? first - n_removed + n_added
                                                                 : position;
      changes->end = end <= position ? end : end >= past ? end - n_removed + n_added
                                                         : position + n_added;
    }
  /* The layer before a splice may lose or gain the bands after it, and
   * the layer after it may become a band of another column. */
  strata_layout_changes_add (changes, position > 0 ? position - 1 : 0, position + n_added + 1);
}

void
strata_builder_begin_reuse (StrataBuilder *b,
                            StrataLayout  *previous,
                            gboolean       followed)
{
  StrataLayout *self = b->self;

  /* A layout no other follows keeps no values. */
  if (!followed)
    return;
  self->label_keys = strata_builder_new_array (b, SPARE_LABEL_KEYS, sizeof (StrataLabelKey),
                                               b->graph->nodes->len);
  /* Near the size they will have: growing them copies them over. Told
   * what changed, a layout needs none. */
  if (b->changes == NULL)
    self->key_bytes = strata_builder_new_array (b, SPARE_KEY_BYTES, 1,
                                                previous != NULL && previous->key_bytes != NULL
                                                ? previous->key_bytes->len + 4096 : 4096);
  if (previous == NULL || previous->label_keys == NULL ||
      previous->label_tables->len > MAX_LABEL_TABLES ||
      previous->zoom != self->zoom ||
      !same_label_options (&previous->options, &self->options))
    return;

  b->previous = previous;
  /* Told what changed, most columns are taken as they were, and so are
   * the chunks they are in. Not top to bottom, where every column's
   * measures are turned and turned back again (strata-layout-vertical.c). */
  if (b->changes != NULL && self->options.arrangement != STRATA_ARRANGEMENT_TOP_TO_BOTTOM)
    b->shared = previous;
  /* The labels taken over belong to these. */
  for (guint i = 0; i < previous->label_tables->len; i++)
    g_ptr_array_add (self->label_tables,
                     g_hash_table_ref (g_ptr_array_index (previous->label_tables, i)));
}

/* The column of the layout before that was made from the layer of @c,
 * looked for where the last one found was, then around it. */
static const StrataColumn *
find_previous (StrataBuilder      *b,
               const StrataColumn *c,
               StrataLayer        *layer,
               const StrataLabelKey **key)
{
  StrataLayout *previous = b->previous;
  guint n = previous->label_keys->len;
  int guess = (int) b->self->label_keys->len - 1 + b->reuse_shift;

  for (int d = 0; d <= REUSE_WINDOW; d = d > 0 ? -d : -d + 1)
    {
      int i = guess + d;
      const StrataLabelKey *k;

      if (i < 0 || (guint) i >= n)
        continue;
      k = &g_array_index (previous->label_keys, StrataLabelKey, i);
      if (k->layer != layer)
        continue;
      b->reuse_shift = i - ((int) b->self->label_keys->len - 1);
      *key = k;
      return strata_layout_column (previous, i);
    }
  return NULL;
}

static gboolean
changed_layer (const StrataLayoutChanges *changes,
               int                        position)
{
  if (position < 0)
    return changes->input;
  return (guint) position >= changes->first && (guint) position < changes->end;
}

/* Whether @c, whose layer is that of @old, holds the layers @old held,
 * none of them changed: its bands are as many, as far from its block,
 * of the same categories, and no layer it holds is among the changed
 * ones, so that no splice took one out or put another in. While a talk
 * reveals the network, which bands are named depends on where they are. */
static gboolean
same_layers (StrataBuilder      *b,
             const StrataColumn *old,
             const StrataColumn *c)
{
  const StrataLayoutChanges *changes = b->changes;

  if (changed_layer (changes, c->position) || c->size.n_bands != old->size.n_bands ||
      (b->self->options.revealed < G_MAXINT && c->position != old->position))
    return FALSE;
  for (guint i = 0; i < c->size.n_bands; i++)
    {
      const StrataBand *band = &g_array_index (b->self->bands, StrataBand, c->first_band + i);
      const StrataBand *was = &g_array_index (b->previous->bands, StrataBand, old->first_band + i);

      if (changed_layer (changes, band->position) || band->category != was->category ||
          band->position - c->position != was->position - old->position)
        return FALSE;
    }
  return TRUE;
}

gboolean
strata_builder_reuse_labels (StrataBuilder *b,
                             StrataColumn  *c)
{
  StrataLayout *self = b->self;
  StrataLayer *layer = c->position >= 0 ? strata_network_get_layer (b->network, c->position)
                                        : NULL;
  StrataLabelKey key = { layer, 0, 0, FALSE };
  const StrataLabelKey *old_key = NULL;
  const StrataColumn *old;

  if (self->label_keys == NULL)
    return FALSE;
  key.grouped = b->group_of != NULL && c->position >= 0 && b->group_of[c->position] >= 0;
  if (b->changes == NULL)
    {
      key.offset = self->key_bytes->len;
      append_key (b, self->key_bytes, c);
      key.length = self->key_bytes->len - key.offset;
    }
  g_array_append_val (self->label_keys, key);

  /* A user's group drawn as one block is labelled from its layers and
   * its name, which are not in the key: made anew, as are few. */
  if (b->previous == NULL || strata_builder_block_group (b, c) != NULL)
    return FALSE;
  old = find_previous (b, c, layer, &old_key);
  if (old == NULL || old_key->grouped != key.grouped || !same_column (old, c))
    return FALSE;
  if (b->changes != NULL ? !same_layers (b, old, c)
                         : old_key->length != key.length ||
                           memcmp (b->previous->key_bytes->data + old_key->offset,
                                   self->key_bytes->data + key.offset, key.length) != 0)
    return FALSE;

  memcpy (c->lines, old->lines, sizeof c->lines);
  memcpy (c->line_size, old->line_size, sizeof c->line_size);
  memcpy (c->dims, old->dims, sizeof c->dims);
  memcpy (c->dim_size, old->dim_size, sizeof c->dim_size);
  c->label_width = old->label_width;
  c->label_height = old->label_height;
  c->group_space = old->group_space;
  c->label_gap = old->label_gap;
  c->block_gap = old->block_gap;
  c->block_lead = old->block_lead;
  c->block_trail = old->block_trail;
  c->top_space = old->top_space;
  for (guint l = 0; l < STRATA_N_LINES; l++)
    b->n_labels += c->lines[l] != NULL;
  for (guint d = 0; d < STRATA_N_DIMENSIONS; d++)
    b->n_labels += c->dims[d] != NULL;
  return TRUE;
}

/* Reading each layer of an unchanged column again (its kind, shape,
 * counts and colour, then sizing the block) was most of what was left of
 * an edit's relayout of a long chain: the layers are objects of their
 * own all over the heap. A column none of whose layers changed is the
 * column before as it was, with what building it tells the legend. Not
 * when some layer has a colour of its own, which the legend lists layer
 * by layer. */
gboolean
strata_builder_take_column (StrataBuilder *b,
                            StrataColumn  *column,
                            int            first_band,
                            const int     *next_band,
                            guint          node)
{
  StrataLayout *self = b->self;
  StrataLabelKey key = { NULL, 0, 0, FALSE };
  const StrataLabelKey *old_key = NULL;
  const StrataColumn *old;
  guint n_own = 0, k = 0;
  int shift;

  if (b->changes == NULL || b->previous == NULL || b->previous->own_colors ||
      self->label_keys == NULL || column->position < 0 ||
      changed_layer (b->changes, column->position))
    return FALSE;

  key.layer = strata_network_get_layer (b->network, column->position);
  key.grouped = b->group_of != NULL && b->group_of[column->position] >= 0;
  g_array_append_val (self->label_keys, key);
  old = find_previous (b, column, key.layer, &old_key);
  if (old == NULL || old_key->grouped != key.grouped || old->group_end != 0)
    goto refused;
  shift = column->position - old->position;
  if (shift != 0 && self->options.revealed < G_MAXINT)
    goto refused;

  /* The same bands: its own activation's first, then its band layers,
   * as far from it as before and none of them changed. */
  while (n_own < old->size.n_bands &&
         g_array_index (b->previous->bands, StrataBand, old->first_band + n_own).position ==
         old->position)
    n_own++;
  for (int j = first_band; j >= 0; j = next_band[j], k++)
    if (n_own + k >= old->size.n_bands || changed_layer (b->changes, j) ||
        g_array_index (b->previous->bands, StrataBand, old->first_band + n_own + k).position +
        shift != j)
      goto refused;
  if (n_own + k != old->size.n_bands)
    goto refused;

  /* At the same place, it is the column before as it is, in the chunk
   * of columns before when no other column of it changed; placing then
   * changes where it is only if it moved (strata_placer_finish_column()). */
  if (b->shared != NULL && shift == 0 && old->first_band == self->bands->len &&
      node < strata_layout_n_columns (b->shared) && strata_layout_column (b->shared, node) == old)
    strata_layout_add_column (self, b->shared, NULL);
  else
    {
      *column = *old;
      column->position = old->position + shift;
      column->first_band = self->bands->len;
      /* Where placing puts it, and the kernel it draws, placed again. */
      column->kernel_from = -1;
      column->kernel_back = FALSE;
      column->x = column->y = 0;
      column->row = 0;
      column->placed_cx = column->placed_axis = column->placed_label_y = 0;
      memset (column->line_x, 0, sizeof column->line_x);
      memset (column->line_y, 0, sizeof column->line_y);
      column->block_rect = column->label_rect = column->bounds = (cairo_rectangle_t) { 0, 0, 0, 0 };
      strata_layout_add_column (self, b->shared, column);
    }
  /* All its bands in one append, then moved as its layer moved. */
  g_array_append_vals (self->bands, &g_array_index (b->previous->bands, StrataBand, old->first_band),
                       old->size.n_bands);
  for (guint i = self->bands->len - old->size.n_bands; i < self->bands->len; i++)
    {
      StrataBand *band = &g_array_index (self->bands, StrataBand, i);

      band->position += shift;
      b->used[band->category] = TRUE;
    }
  if (old->has_shape && !old->is_merge)
    b->used[old->category] = TRUE;
  if (old->is_merge)
    b->used_merges[old->kind] = TRUE;
  if (old->size.clamped != 0)
    self->has_clamped = TRUE;
  if (old->size.is_vector)
    b->has_vector = TRUE;
  for (guint l = 0; l < STRATA_N_LINES; l++)
    b->n_labels += old->lines[l] != NULL;
  for (guint d = 0; d < STRATA_N_DIMENSIONS; d++)
    b->n_labels += old->dims[d] != NULL;
  return TRUE;

refused:
  g_array_set_size (self->label_keys, self->label_keys->len - 1);
  return FALSE;
}
