/* test-layout-reuse.c: a layout made after an edit from the one before is the layout made anew. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "strata-file.h"
#include "strata-layout-private.h"
#include "test-layout-compare.h"

#define N_EDITS 60

static StrataLayer *
new_layer (GRand *rand,
           guint  serial)
{
  static const StrataLayerKind kinds[] = {
    STRATA_LAYER_KIND_CONV2D, STRATA_LAYER_KIND_CONV2D, STRATA_LAYER_KIND_BATCHNORM,
    STRATA_LAYER_KIND_ACTIVATION, STRATA_LAYER_KIND_DROPOUT, STRATA_LAYER_KIND_MAXPOOL2D,
  };
  StrataLayer *layer = strata_layer_new (kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))]);
  char name[32];

  if (strata_layer_get_kind (layer) == STRATA_LAYER_KIND_CONV2D)
    g_object_set (layer, "filters", 8 * g_rand_int_range (rand, 1, 9),
                  "padding", STRATA_PADDING_SAME, NULL);
  g_snprintf (name, sizeof name, "layer_%u", serial);
  strata_layer_set_name (layer, name);
  return layer;
}

/* conv → relu → conv, then residual blocks of conv → conv → add, or a
 * chain of the same kinds when @branching is FALSE. */
static StrataNetwork *
build_network (GRand    *rand,
               gboolean  branching)
{
  StrataNetwork *network = strata_network_new ();

  strata_network_set_name (network, "Edited");
  strata_network_set_input (network, 64, 64, 3);
  for (guint i = 0; i < 36; i++)
    {
      g_autoptr(StrataLayer) layer = NULL;

      if (branching && i % 3 == 2 && i > 2)
        {
          StrataLayer *inputs[2] = { strata_network_get_layer (network, i - 1),
                                     strata_network_get_layer (network, i - 3) };

          layer = strata_layer_new (STRATA_LAYER_KIND_ADD);
          strata_layer_set_inputs (layer, inputs, 2);
        }
      else
        {
          layer = new_layer (rand, i);
          if (branching && strata_layer_get_kind (layer) != STRATA_LAYER_KIND_CONV2D)
            {
              g_clear_object (&layer);
              layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
              g_object_set (layer, "filters", 16, "padding", STRATA_PADDING_SAME, NULL);
            }
        }
      strata_network_append (network, layer);
    }
  return network;
}

/* What changed, as the window's canvas hears it from the network's
 * signals: the layers each edit names, the layers each recompute
 * applied, splices moving what changed before. */
typedef struct
{
  StrataNetwork       *network;
  StrataLayoutChanges  changes;
  gboolean             known;
  guint64              recomputes;
} Heard;

static void
heard_recompute (Heard *heard)
{
  guint first, end;
  guint64 count = strata_network_get_last_recompute (heard->network, &first, &end);

  if (count == heard->recomputes)
    return;
  if (count != heard->recomputes + 1)
    heard->known = FALSE;
  heard->recomputes = count;
  strata_layout_changes_add (&heard->changes, first, end);
}

static void
heard_layer (StrataNetwork *network,
             StrataLayer   *layer,
             guint          position,
             Heard         *heard)
{
  strata_layout_changes_add (&heard->changes, position, position + 1);
  heard_recompute (heard);
}

static void
heard_inputs (StrataNetwork *network,
              StrataLayer   *layer,
              guint          position,
              Heard         *heard)
{
  heard->changes.links = TRUE;
}

static void
heard_items (GListModel *model,
             guint       position,
             guint       removed,
             guint       added,
             Heard      *heard)
{
  strata_layout_changes_splice (&heard->changes, position, removed, added);
  heard_recompute (heard);
}

static void
heard_notify (StrataNetwork *network,
              GParamSpec    *pspec,
              Heard         *heard)
{
  if (g_str_has_prefix (g_param_spec_get_name (pspec), "input-"))
    {
      heard->changes.input = TRUE;
      heard_recompute (heard);
    }
}

static void
heard_groups (StrataNetwork *network,
              Heard         *heard)
{
  heard->changes.links = TRUE;
}

static void
listen (Heard         *heard,
        StrataNetwork *network)
{
  heard->network = network;
  heard->known = TRUE;
  heard->recomputes = strata_network_get_last_recompute (network, NULL, NULL);
  strata_layout_changes_clear (&heard->changes);
  g_signal_connect (network, "layer-changed", G_CALLBACK (heard_layer), heard);
  g_signal_connect (network, "layer-changed::inputs", G_CALLBACK (heard_inputs), heard);
  g_signal_connect (network, "items-changed", G_CALLBACK (heard_items), heard);
  g_signal_connect (network, "notify", G_CALLBACK (heard_notify), heard);
  g_signal_connect (network, "groups-changed", G_CALLBACK (heard_groups), heard);
}

/* One of: a hyper-parameter changed, a rename, a layer inserted or
 * removed, a layer made to read another, the input's shape changed, a
 * group made or taken away. */
static void
edit_network (StrataNetwork *network,
              GRand         *rand,
              guint          serial)
{
  guint n = strata_network_get_n_layers (network);
  guint position = g_rand_int_range (rand, 0, n);
  StrataLayer *layer = strata_network_get_layer (network, position);

  switch (g_rand_int_range (rand, 0, 7))
    {
    case 5:
      strata_network_set_input (network, 64, 64, g_rand_boolean (rand) ? 3 : 1);
      break;
    case 6:
      if (strata_network_get_n_groups (network) > 0)
        strata_network_remove_group (network, 0);
      else if (position + 2 < n)
        strata_network_add_group (network, position, position + 2, "block", NULL);
      break;
    case 0:
      {
        StrataLayerParams params = *strata_layer_get_params (layer);

        params.filters = 8 * g_rand_int_range (rand, 1, 9);
        params.activation = g_rand_boolean (rand) ? STRATA_ACTIVATION_RELU
                                                  : STRATA_ACTIVATION_NONE;
        params.rate = g_rand_boolean (rand) ? 0.5 : 0.25;
        strata_layer_set_params (layer, &params);
      }
      break;
    case 1:
      {
        g_autofree char *name = g_strdup_printf ("renamed_%u", serial);

        strata_layer_set_name (layer, g_rand_boolean (rand) ? name : NULL);
      }
      break;
    case 2:
      {
        g_autoptr(StrataLayer) added = new_layer (rand, 1000 + serial);

        strata_network_insert (network, position, added);
      }
      break;
    case 3:
      if (n > 4)
        strata_network_remove (network, position);
      break;
    default:
      if (position > 1)
        {
          StrataLayer *input = strata_network_get_layer (network,
                                                         g_rand_int_range (rand, 0, position));
          guint n_inputs = strata_layer_get_n_inputs (layer);

          if (n_inputs == 2)
            {
              StrataLayer *inputs[2] = { strata_layer_get_input (layer, 0), input };

              strata_network_set_inputs (network, position, inputs, 2, NULL);
            }
          else
            strata_network_set_inputs (network, position, &input, 1, NULL);
        }
      break;
    }
}

/* @told: each layout is told what changed since the one before, as
 * the canvas tells it, else it compares values. */
static void
run_edits (gboolean                   branching,
           const StrataRenderOptions *options,
           gboolean                   told)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (branching ? 11 : 7);
  g_autoptr(StrataNetwork) network = build_network (rand, branching);
  g_autoptr(StrataLayout) previous = strata_layout_new (network, options);
  Heard heard;

  listen (&heard, network);
  for (guint i = 0; i < N_EDITS; i++)
    {
      g_autoptr(StrataLayout) fresh = NULL;
      StrataLayout *reused;

      edit_network (network, rand, i);
      if (told)
        {
          g_assert_true (heard.known);
          reused = strata_layout_new_after_changes (network, options, previous, &heard.changes);
        }
      else
        reused = strata_layout_new_after (network, options, previous);
      /* Told, a layout keeps no values to compare. */
      g_assert_true ((reused->key_bytes == NULL) == told);
      strata_layout_changes_clear (&heard.changes);
      fresh = strata_layout_new (network, options);
      assert_same_layout (reused, fresh);
      assert_damage (reused, previous);
      strata_layout_unref (previous);
      previous = reused;
    }
  g_signal_handlers_disconnect_by_data (network, &heard);
}

static void
options_for (StrataRenderOptions *options,
             guint                variant)
{
  strata_render_options_init (options);
  options->max_width = 1400;
  if (variant == 1)
    {
      options->arrangement = STRATA_ARRANGEMENT_COMPACT;
      options->show_receptive_field = TRUE;
    }
  else if (variant == 2)
    options->arrangement = STRATA_ARRANGEMENT_TOP_TO_BOTTOM;
  else if (variant == 3)
    {
      options->fold = TRUE;
      options->show_kernels = TRUE;
    }
}

/* The variant of options in the low bits, and whether the layouts are
 * told what changed. */
#define TOLD 0x10

static void
test_chain (gconstpointer data)
{
  StrataRenderOptions options;

  options_for (&options, GPOINTER_TO_UINT (data) & ~TOLD);
  run_edits (FALSE, &options, (GPOINTER_TO_UINT (data) & TOLD) != 0);
}

static void
test_branching (gconstpointer data)
{
  StrataRenderOptions options;

  options_for (&options, GPOINTER_TO_UINT (data) & ~TOLD);
  run_edits (TRUE, &options, (GPOINTER_TO_UINT (data) & TOLD) != 0);
}

/* ResNet's blocks on 16 × 16 × 16, each of their layers a column:
 * conv → conv → add of the second conv and the block's input. */
static StrataNetwork *
build_residual (guint n_layers)
{
  StrataNetwork *network = strata_network_new ();
  StrataLayer *block_input = NULL;

  strata_network_set_input (network, 16, 16, 16);
  for (guint i = 0; i < n_layers; i++)
    {
      g_autoptr(StrataLayer) layer = NULL;

      if (i % 3 < 2)
        {
          layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
          g_object_set (layer, "filters", 16, "padding", STRATA_PADDING_SAME, NULL);
        }
      else
        {
          StrataLayer *inputs[] = { strata_network_get_layer (network, i - 1), block_input };

          layer = strata_layer_new (STRATA_LAYER_KIND_ADD);
          strata_layer_set_inputs (layer, inputs, G_N_ELEMENTS (inputs));
          block_input = layer;
        }
      strata_network_append (network, layer);
    }
  g_assert_cmpint (strata_network_get_first_error (network), <, 0);
  return network;
}

/* A network of several chunks of columns (STRATA_COLUMN_CHUNK) edited
 * in a chunk's middle, in its last chunk and across the chunks'
 * boundaries: told what changed, a layout shares the chunks before the
 * edit, and those after it when their columns did not move, and is the
 * layout made anew. */
#define LONG_LAYERS (2 * STRATA_COLUMN_CHUNK + 100)

typedef enum
{
  LONG_FILTERS,  /* a block's channels: the blocks after it in its row move */
  LONG_RENAME,   /* a name of two lines: its row grows, the rows after it move down */
  LONG_INSERT,
  LONG_REMOVE,
} LongEdit;

static void
test_long (void)
{
  g_autoptr(StrataNetwork) network = build_residual (LONG_LAYERS);
  g_autoptr(StrataLayout) previous = NULL;
  /* Layers at 3k are a block's first conv. Column k + 1 is layer k's,
   * and a splice at k changes the column of the layer before, k. */
  static const struct { LongEdit edit; guint position; } edits[] = {
    { LONG_FILTERS, STRATA_COLUMN_CHUNK + 128 },
    { LONG_RENAME, STRATA_COLUMN_CHUNK + 99 },
    { LONG_RENAME, STRATA_COLUMN_CHUNK + 99 },
    { LONG_FILTERS, LONG_LAYERS - 9 },
    { LONG_INSERT, 2 * STRATA_COLUMN_CHUNK - 1 },
    { LONG_REMOVE, 2 * STRATA_COLUMN_CHUNK - 1 },
    { LONG_INSERT, STRATA_COLUMN_CHUNK },
    { LONG_REMOVE, STRATA_COLUMN_CHUNK },
    { LONG_INSERT, LONG_LAYERS - 1 },
    { LONG_REMOVE, LONG_LAYERS - 1 },
  };
  StrataRenderOptions options;
  Heard heard;

  options_for (&options, 0);
  previous = strata_layout_new_after (network, &options, NULL);
  g_assert_cmpuint (previous->chunks->len, ==, 3);
  listen (&heard, network);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(StrataLayout) fresh = NULL;
      StrataLayer *layer = strata_network_get_layer (network, edits[i].position);
      gboolean splice = edits[i].edit == LONG_INSERT || edits[i].edit == LONG_REMOVE;
      guint chunk = (edits[i].position + !splice) / STRATA_COLUMN_CHUNK;
      double height = previous->height;
      StrataLayout *told;

      switch (edits[i].edit)
        {
        case LONG_FILTERS:
          g_assert_cmpuint (edits[i].position % 3, ==, 0);
          g_object_set (layer, "filters", 8 + (int) strata_layer_get_params (layer)->filters, NULL);
          break;
        case LONG_RENAME:
          strata_layer_set_name (layer, i % 2 == 1 ? "a name too long for one line under its block"
                                                   : NULL);
          break;
        case LONG_INSERT:
          {
            g_autoptr(StrataLayer) added = strata_layer_new (STRATA_LAYER_KIND_DROPOUT);

            strata_network_insert (network, edits[i].position, added);
          }
          break;
        case LONG_REMOVE:
        default:
          strata_network_remove (network, edits[i].position);
          break;
        }
      g_assert_true (heard.known);
      told = strata_layout_new_after_changes (network, &options, previous, &heard.changes);
      strata_layout_changes_clear (&heard.changes);
      fresh = strata_layout_new (network, &options);
      assert_same_layout (told, fresh);
      assert_damage (told, previous);

      /* What an edit leaves as it was is shared, and only that. */
      g_assert_cmpuint (told->chunks->len, ==, 3);
      g_assert_false (strata_layout_same_chunk (told, previous, chunk));
      for (guint k = 0; k < chunk; k++)
        g_assert_true (strata_layout_same_chunk (told, previous, k));
      if (edits[i].edit == LONG_RENAME)
        g_assert_cmpfloat (told->height, !=, height);
      for (guint k = chunk + 1; k < told->chunks->len; k++)
        g_assert_true (strata_layout_same_chunk (told, previous, k) ==
                       (edits[i].edit == LONG_FILTERS));
      strata_layout_unref (previous);
      previous = told;
    }
  g_signal_handlers_disconnect_by_data (network, &heard);
}

/* The row of @layout a layer's column is in. */
static guint
row_of (StrataLayout *layout,
        int           position)
{
  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    if (strata_layout_column (layout, i)->position == position)
      return strata_layout_column (layout, i)->row;
  g_assert_not_reached ();
}

/* Layer 3k + @offset, a block's first conv (0) or second (1), where
 * layer 3k starts a row after the first: the block's skip edge into its
 * add comes from the row before, from the add that ends it. */
static guint
under_skip_edge (StrataLayout *layout,
                 guint         offset)
{
  for (guint r = 1; r < layout->rows->len; r++)
    {
      const StrataRow *row = &g_array_index (layout->rows, StrataRow, r);
      int position = strata_layout_column (layout, row->first)->position;

      if (r >= layout->rows->len / 3 && position % 3 == 0)
        return position + offset;
    }
  g_assert_not_reached ();
}

#define WIDE_NAME "a_name_of_one_word_as_wide_as_names_may_be"

/* A width of the page narrower than @options's where naming layer
 * @position WIDE_NAME moves where rows break, in @options. */
static void
find_tight_width (StrataNetwork       *network,
                  guint                position,
                  StrataRenderOptions *options)
{
  StrataLayer *layer = strata_network_get_layer (network, position);

  for (options->max_width -= 10; options->max_width > 400; options->max_width -= 10)
    {
      g_autoptr(StrataLayout) before = strata_layout_new (network, options);
      g_autoptr(StrataLayout) after = NULL;
      gboolean moved = FALSE;

      strata_layer_set_name (layer, WIDE_NAME);
      after = strata_layout_new (network, options);
      strata_layer_set_name (layer, NULL);
      for (guint r = 0; r < MIN (before->rows->len, after->rows->len); r++)
        moved |= g_array_index (before->rows, StrataRow, r).first !=
                 g_array_index (after->rows, StrataRow, r).first;
      if (moved)
        return;
    }
  g_assert_not_reached ();
}

/* Told what changed, the rows before the first an edit reaches are
 * taken as they were, and those after it while the rows above end where
 * they did: an edit in a row of many, one that makes its row higher,
 * one that moves where rows break, edits under a skip edge from the row
 * before, each the layout made anew. */
static void
test_rows (void)
{
  g_autoptr(StrataNetwork) network = build_residual (LONG_LAYERS);
  g_autoptr(StrataLayout) previous = NULL;
  StrataRenderOptions options;
  Heard heard;

  options_for (&options, 0);
  previous = strata_layout_new_after (network, &options, NULL);
  g_assert_cmpuint (previous->rows->len, >, 20);
  g_assert_cmpuint (previous->rows_taken, ==, 0);
  listen (&heard, network);
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(StrataLayout) fresh = NULL;
      guint n_rows = previous->rows->len;
      guint position = i == 0 ? 3 : i == 1 ? LONG_LAYERS / 2 / 3 * 3
                                 : i == 6 ? LONG_LAYERS / 3 / 3 * 3
                                 : under_skip_edge (previous, i == 5);
      StrataLayer *layer = strata_network_get_layer (network, position);
      guint row = row_of (previous, position);
      gboolean breaks_moved = FALSE;
      StrataLayout *told;

      /* Rows that a name wider than the others' breaks elsewhere. */
      if (i == 6)
        {
          StrataLayoutChanges nothing;

          find_tight_width (network, position, &options);
          strata_layout_changes_clear (&nothing);
          told = strata_layout_new_after_changes (network, &options, previous, &nothing);
          strata_layout_unref (previous);
          previous = told;
          n_rows = previous->rows->len;
          row = row_of (previous, position);
        }
      if (i == 2)
        strata_layer_set_name (layer, "a name too long for one line under its block");
      else if (i == 6)
        strata_layer_set_name (layer, WIDE_NAME);
      else if (i == 3)
        strata_layer_set_name (layer, NULL);
      else if (i == 5)
        /* Its add's inputs keep their shapes. */
        g_object_set (layer, "kernel-height", 5, "kernel-width", 5, NULL);
      else
        g_object_set (layer, "filters", 24 + 8 * (int) i, NULL);
      told = strata_layout_new_after_changes (network, &options, previous, &heard.changes);
      strata_layout_changes_clear (&heard.changes);
      fresh = strata_layout_new (network, &options);
      assert_same_layout (told, fresh);
      assert_damage (told, previous);

      for (guint r = 0; r < MIN (n_rows, told->rows->len); r++)
        breaks_moved |= g_array_index (told->rows, StrataRow, r).first !=
                        g_array_index (previous->rows, StrataRow, r).first;
      g_test_message ("edit %u in row %u of %u: %u rows taken", i, row, n_rows, told->rows_taken);
      g_assert_true (breaks_moved == (i == 6));
      if (i == 6)
        /* A column many times wider moves where the rows break from its
         * row on. */
        g_assert_cmpuint (told->rows_taken, <=, row);
      else if (i == 2 || i == 3)
        /* Its row higher or lower: the rows after it are placed again. */
        g_assert_cmpuint (told->rows_taken, ==, row);
      else
        /* Only the rows of the edited layer and of the one after it. */
        g_assert_cmpuint (told->rows_taken, >=, n_rows - 2);
      if (i == 1 || i >= 4)
        g_assert_cmpuint (row, >, 0);
      /* A row's blocks moved within it damage that row, not the drawing. */
      if (i == 1)
        {
          cairo_rectangle_t area;

          g_assert_true (strata_layout_get_damage (told, previous, &area));
          g_assert_cmpfloat (area.height, >, 0);
          g_assert_cmpfloat (area.height, <, told->height / n_rows * 2);
        }
      strata_layout_unref (previous);
      previous = told;
    }
  g_signal_handlers_disconnect_by_data (network, &heard);
}

/* Colours of the layers' own, which the legend lists layer by layer:
 * told, a layout is still the one made anew as they come and go. */
static void
test_colors (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  g_autoptr(StrataNetwork) network = build_network (rand, TRUE);
  g_autoptr(StrataLayout) previous = NULL;
  static const struct { guint position; const char *color; } edits[] = {
    { 4, "#cc6600" }, { 19, "#cc6600" }, { 22, "#3366cc" }, { 4, NULL }, { 19, NULL }, { 22, NULL },
  };
  StrataRenderOptions options;
  Heard heard;

  options_for (&options, 0);
  previous = strata_layout_new_after (network, &options, NULL);
  listen (&heard, network);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(StrataLayout) fresh = NULL;
      StrataLayout *told;

      strata_layer_set_color (strata_network_get_layer (network, edits[i].position),
                              edits[i].color);
      g_assert_true (heard.known);
      told = strata_layout_new_after_changes (network, &options, previous, &heard.changes);
      strata_layout_changes_clear (&heard.changes);
      fresh = strata_layout_new (network, &options);
      assert_same_layout (told, fresh);
      g_assert_cmpint (told->own_colors, ==, i < 3);
      strata_layout_unref (previous);
      previous = told;
    }
  g_signal_handlers_disconnect_by_data (network, &heard);
}

/* A relayout after no edit takes every label, and draws nothing anew. */
static void
test_unchanged (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(StrataNetwork) network = build_network (rand, TRUE);
  StrataRenderOptions options;
  g_autoptr(StrataLayout) before = NULL;
  g_autoptr(StrataLayout) after = NULL;
  cairo_rectangle_t area;

  options_for (&options, 0);
  strata_layer_set_name (strata_network_get_layer (network, 10), "layer_11");
  before = strata_layout_new (network, &options);
  after = strata_layout_new_after (network, &options, before);
  for (guint i = 0; i < strata_layout_n_columns (after); i++)
    g_assert_true (strata_layout_column (after, i)->lines[STRATA_LINE_NAME] ==
                   strata_layout_column (before, i)->lines[STRATA_LINE_NAME]);
  g_assert_true (strata_layout_get_damage (after, before, &area));
  g_assert_cmpfloat (area.width, ==, 0);

  /* A new name as wide damages the renamed block's column, not the
   * drawing. */
  strata_layer_set_name (strata_network_get_layer (network, 10), "layer_99");
  g_clear_pointer (&after, strata_layout_unref);
  after = strata_layout_new_after (network, &options, before);
  g_assert_true (strata_layout_get_damage (after, before, &area));
  g_assert_cmpfloat (area.width, >, 0);
  g_assert_cmpfloat (area.width, <, after->width / 4);

  /* Told that nothing changed, a layout takes every column's labels
   * without reading what they are made of: the rename goes unseen. */
  {
    StrataLayoutChanges nothing;
    g_autoptr(StrataLayout) told = NULL;
    const StrataColumn *renamed = NULL;

    strata_layout_changes_clear (&nothing);
    strata_layer_set_name (strata_network_get_layer (network, 10), "layer_77");
    told = strata_layout_new_after_changes (network, &options, after, &nothing);
    for (guint i = 0; i < strata_layout_n_columns (told); i++)
      if (strata_layout_column (told, i)->position == 10)
        renamed = strata_layout_column (told, i);
    g_assert_nonnull (renamed);
    g_assert_cmpstr (pango_layout_get_text (renamed->lines[STRATA_LINE_NAME]), ==, "layer_99");
  }
}

/* A layout made after one of another width, as the canvas makes when
 * its window is resized, told that nothing changed or not: the same as
 * one made anew at its width, whatever the network and arrangement and
 * wherever the dimensions are written. */
static void
test_other_width (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  static const double widths[] = { 1400, 500, 3000, 0, 800 };

  static const char * const examples[] = { NULL, NULL, "vgg16", "resnet18", "unet" };

  for (guint n = 0; n < G_N_ELEMENTS (examples); n++)
    for (guint variant = 0; variant < 6; variant++)
      for (guint told = 0; told <= 1; told++)
        {
          g_autoptr(StrataNetwork) network = examples[n] != NULL
                                             ? strata_file_load_example (examples[n], NULL)
                                             : build_network (rand, n == 1);
          g_autoptr(StrataLayout) previous = NULL;
          StrataRenderOptions options;

          options_for (&options, variant % 4);
          options.dimensions_on_edges = variant >= 4;
          if (variant == 5)
            options.arrangement = STRATA_ARRANGEMENT_COMPACT;
          previous = strata_layout_new_after (network, &options, NULL);
          for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
            {
              g_autoptr(StrataLayout) fresh = NULL;
              StrataLayoutChanges nothing;
              StrataLayout *next;

              options.max_width = widths[w];
              strata_layout_changes_clear (&nothing);
              next = told ? strata_layout_new_after_changes (network, &options, previous, &nothing)
                          : strata_layout_new_after (network, &options, previous);
              fresh = strata_layout_new (network, &options);
              assert_same_layout (next, fresh);
              strata_layout_unref (previous);
              previous = next;
            }
        }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/layout-reuse/chain", GUINT_TO_POINTER (0), test_chain);
  g_test_add_data_func ("/layout-reuse/chain-compact", GUINT_TO_POINTER (1), test_chain);
  g_test_add_data_func ("/layout-reuse/chain-down", GUINT_TO_POINTER (2), test_chain);
  g_test_add_data_func ("/layout-reuse/branching", GUINT_TO_POINTER (0), test_branching);
  g_test_add_data_func ("/layout-reuse/branching-compact", GUINT_TO_POINTER (1),
                        test_branching);
  g_test_add_data_func ("/layout-reuse/chain-told", GUINT_TO_POINTER (TOLD), test_chain);
  g_test_add_data_func ("/layout-reuse/chain-compact-told", GUINT_TO_POINTER (1 | TOLD),
                        test_chain);
  g_test_add_data_func ("/layout-reuse/chain-down-told", GUINT_TO_POINTER (2 | TOLD),
                        test_chain);
  g_test_add_data_func ("/layout-reuse/branching-told", GUINT_TO_POINTER (TOLD),
                        test_branching);
  g_test_add_data_func ("/layout-reuse/branching-compact-told", GUINT_TO_POINTER (1 | TOLD),
                        test_branching);
  g_test_add_data_func ("/layout-reuse/branching-folded-told", GUINT_TO_POINTER (3 | TOLD),
                        test_branching);
  g_test_add_func ("/layout-reuse/long", test_long);
  g_test_add_func ("/layout-reuse/rows", test_rows);
  g_test_add_func ("/layout-reuse/colors", test_colors);
  g_test_add_func ("/layout-reuse/unchanged", test_unchanged);
  g_test_add_func ("/layout-reuse/other-width", test_other_width);
  return g_test_run ();
}
