/* strata-layout-chunks.c: a layout's columns in chunks shared with the layout before an edit. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "strata-layout-private.h"

/* A chunk is shared while more than one layout holds it, and copied by
 * the first that changes a column of it. Only the layout being built
 * changes its columns, and it holds a reference to each chunk it
 * shares, so that a count of one cannot grow under it: another thread
 * freeing the layout before only makes a copy needless, never wrong. */

static StrataColumnChunk *
chunk_ref (StrataColumnChunk *chunk)
{
  g_atomic_int_inc (&chunk->ref_count);
  return chunk;
}

static void
chunk_unref (gpointer data)
{
  StrataColumnChunk *chunk = data;

  if (g_atomic_int_dec_and_test (&chunk->ref_count))
    g_free (chunk);
}

/* A chunk of its own, with the columns of @from it holds so far. */
static StrataColumnChunk *
chunk_new (const StrataColumnChunk *from,
           guint                    n)
{
  /* Not cleared: a column is written whole before it is read. */
  StrataColumnChunk *chunk = g_malloc (sizeof (StrataColumnChunk));

  chunk->ref_count = 1;
  if (from != NULL)
    memcpy (chunk->columns, from->columns, n * sizeof (StrataColumn));
  return chunk;
}

/* Whether @column, not placed yet, is @was but for where @was was placed. */
static gboolean
same_but_placed (const StrataColumn *column,
                 const StrataColumn *was)
{
  StrataColumn c = *column;

  c.row = was->row;
  c.placed_cx = was->placed_cx;
  c.placed_axis = was->placed_axis;
  c.placed_label_y = was->placed_label_y;
  c.x = was->x;
  c.y = was->y;
  c.block_rect = was->block_rect;
  c.label_rect = was->label_rect;
  c.bounds = was->bounds;
  memcpy (c.line_x, was->line_x, sizeof c.line_x);
  memcpy (c.line_y, was->line_y, sizeof c.line_y);
  c.kernel_from = was->kernel_from;
  c.kernel_back = was->kernel_back;
  return memcmp (&c, was, sizeof c) == 0;
}

StrataColumn *
strata_layout_column_mut (StrataLayout *layout,
                          guint         index)
{
  guint k = index / STRATA_COLUMN_CHUNK;
  StrataColumnChunk *chunk = g_ptr_array_index (layout->chunks, k);

  g_assert (index < layout->n_columns);
  if (g_atomic_int_get (&chunk->ref_count) > 1)
    {
      /* Up to the columns the layout has so far: while it is built, the
       * rest are still to be written, or taken one by one. */
      StrataColumnChunk *own = chunk_new (chunk, MIN (STRATA_COLUMN_CHUNK,
                                                      layout->n_columns - k * STRATA_COLUMN_CHUNK));

      chunk_unref (chunk);
      g_ptr_array_index (layout->chunks, k) = own;
      chunk = own;
    }
  return &chunk->columns[index % STRATA_COLUMN_CHUNK];
}

void
strata_layout_add_column (StrataLayout       *layout,
                          StrataLayout       *shared,
                          const StrataColumn *column)
{
  guint index = layout->n_columns++;
  guint k = index / STRATA_COLUMN_CHUNK;

  if (index % STRATA_COLUMN_CHUNK == 0)
    g_ptr_array_add (layout->chunks,
                     shared != NULL && k < shared->chunks->len
                     ? chunk_ref (g_ptr_array_index (shared->chunks, k)) : chunk_new (NULL, 0));
  if (column != NULL && (shared == NULL || index >= shared->n_columns ||
                         !same_but_placed (column, strata_layout_column (shared, index))))
    {
      *strata_layout_column_mut (layout, index) = *column;
      return;
    }

  g_assert (shared != NULL && index < shared->n_columns);
  /* A chunk copied already holds only the columns before this one. */
  if (g_ptr_array_index (layout->chunks, k) != g_ptr_array_index (shared->chunks, k))
    *strata_layout_column_mut (layout, index) = *strata_layout_column (shared, index);
}

gboolean
strata_layout_same_columns (StrataLayout *layout,
                            StrataLayout *before,
                            guint         first,
                            guint         n)
{
  if (first + n > layout->n_columns || first + n > before->n_columns)
    return FALSE;
  for (guint i = first; i < first + n; i++)
    {
      StrataColumn c;

      /* A chunk both hold holds the same columns. */
      if (strata_layout_same_chunk (layout, before, i / STRATA_COLUMN_CHUNK))
        {
          i = MIN (first + n, (i / STRATA_COLUMN_CHUNK + 1) * STRATA_COLUMN_CHUNK) - 1;
          continue;
        }
      c = *strata_layout_column (layout, i);
      c.kernel_from = strata_layout_column (before, i)->kernel_from;
      c.kernel_back = strata_layout_column (before, i)->kernel_back;
      if (memcmp (&c, strata_layout_column (before, i), sizeof c) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
strata_layout_same_chunk (StrataLayout *a,
                          StrataLayout *b,
                          guint         chunk)
{
  return chunk < a->chunks->len && chunk < b->chunks->len &&
         g_ptr_array_index (a->chunks, chunk) == g_ptr_array_index (b->chunks, chunk);
}

void
strata_layout_init_chunks (StrataLayout *layout,
                           guint         n_columns)
{
  layout->chunks = g_ptr_array_new_full (n_columns / STRATA_COLUMN_CHUNK + 1, chunk_unref);
  layout->n_columns = 0;
}

void
strata_layout_free_chunks (StrataLayout *layout)
{
  g_clear_pointer (&layout->chunks, g_ptr_array_unref);
  layout->n_columns = 0;
}
