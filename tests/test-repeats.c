/* test-repeats.c: runs of repeated layers found in networks, and drawn under brackets. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-export.h"
#include "strata-file.h"
#include "test-layout-checks.h"

static void
assert_repeat (GArray *repeats,
               guint   index,
               guint   first,
               guint   unit_length,
               guint   n_units,
               guint   pattern)
{
  const StrataRepeat *r;

  g_assert_cmpuint (index, <, repeats->len);
  r = &g_array_index (repeats, StrataRepeat, index);
  g_assert_cmpuint (r->first, ==, first);
  g_assert_cmpuint (r->unit_length, ==, unit_length);
  g_assert_cmpuint (r->n_units, ==, n_units);
  g_assert_cmpuint (r->pattern, ==, pattern);
}

static GArray *
example_repeats (const char *id)
{
  g_autoptr(StrataNetwork) network = strata_file_load_example (id, NULL);

  g_assert_nonnull (network);
  return strata_network_find_repeats (network);
}

/* VGG-16's five stages: two of conv, conv, pool, then three of conv ×3,
 * pool, though their filters grow; the dense layers are no unit, being
 * one block each with their slices. */
static void
test_vgg (void)
{
  g_autoptr(GArray) file = example_repeats ("vgg16");
  g_autoptr(StrataNetwork) network = test_vgg16_network ();
  g_autoptr(GArray) relus = strata_network_find_repeats (network);

  g_assert_cmpuint (file->len, ==, 2);
  assert_repeat (file, 0, 0, 3, 2, 0);
  assert_repeat (file, 1, 6, 4, 3, 1);

  /* With each ReLU a layer of its own. */
  g_assert_cmpuint (relus->len, ==, 2);
  assert_repeat (relus, 0, 0, 5, 2, 0);
  assert_repeat (relus, 1, 10, 7, 3, 1);
}

/* ResNet-18: the two blocks of its first stage, then three stages of a
 * block with a projection and one without, matched by what each layer
 * reads. */
static void
test_resnet (void)
{
  g_autoptr(GArray) repeats = example_repeats ("resnet18");

  g_assert_cmpuint (repeats->len, ==, 2);
  assert_repeat (repeats, 0, 4, 7, 2, 0);
  assert_repeat (repeats, 1, 18, 16, 3, 1);
}

/* The same unit in runs apart keeps its letter; a unit starts at a block,
 * never at the slices of the block before. */
static void
test_patterns (void)
{
  g_autoptr(GArray) googlenet = example_repeats ("googlenet");
  g_autoptr(GArray) mobilenet = example_repeats ("mobilenet_v1");

  g_assert_cmpuint (googlenet->len, ==, 3);
  assert_repeat (googlenet, 0, 11, 20, 2, 0);
  assert_repeat (googlenet, 1, 52, 20, 5, 0);
  assert_repeat (googlenet, 2, 153, 20, 2, 0);

  g_assert_cmpuint (mobilenet->len, ==, 2);
  assert_repeat (mobilenet, 0, 3, 12, 3, 0);
  assert_repeat (mobilenet, 1, 39, 6, 5, 1);
}

/* No repeats, no groups: AlexNet's convolutions differ, and a run of one
 * block with its slices is no unit. */
static void
test_none (void)
{
  g_autoptr(GArray) alexnet = example_repeats ("alexnet");
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(GArray) repeats = NULL;
  g_autoptr(GArray) empty = NULL;

  g_assert_cmpuint (alexnet->len, ==, 0);

  empty = strata_network_find_repeats (network);
  g_assert_cmpuint (empty->len, ==, 0);

  strata_network_set_input (network, 32, 32, 3);
  for (guint i = 0; i < 4; i++)
    {
      test_append (network, test_layer (STRATA_LAYER_KIND_CONV2D, NULL, "filters", 8 << i, NULL));
      test_append (network, test_layer (STRATA_LAYER_KIND_ACTIVATION, NULL, NULL));
    }
  test_append (network, test_layer (STRATA_LAYER_KIND_MAXPOOL2D, NULL, NULL));
  repeats = strata_network_find_repeats (network);
  /* Conv-ReLU pairs are one block each: two of them make a unit. */
  g_assert_cmpuint (repeats->len, ==, 1);
  assert_repeat (repeats, 0, 0, 4, 2, 0);
}

static const char *
text_of (PangoLayout *layout)
{
  return layout != NULL ? pango_layout_get_text (layout) : NULL;
}

/* Each unit under a bracket with its name, the legend saying what each
 * letter repeats; switched off, nothing of it, and the drawing is shorter. */
static void
test_layout (void)
{
  g_autoptr(StrataNetwork) network = test_vgg16_network ();
  g_autoptr(StrataLayout) grouped = NULL;
  g_autoptr(StrataLayout) plain = NULL;
  g_autoptr(StrataLayout) bars = NULL;
  g_autoptr(StrataLayout) tight = NULL;
  static const char * const names[] = { "A1", "A2", "B1", "B2", "B3" };
  StrataRenderOptions options;
  double grouped_h, plain_h, width;

  grouped = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS, STRATA_SCALE_SQRT, 1200);
  g_assert_cmpuint (grouped->groups->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (text_of (g_array_index (grouped->groups, StrataGroup, i).name), ==, names[i]);
  g_assert_cmpuint (grouped->brackets->len, >=, 5);
  g_assert_cmpstr (text_of (grouped->group_note), ==,
                   "Repeated: A = Conv × 2 · Max pool, 2 times; B = Conv × 3 · Max pool, 3 times.");

  /* Every block of a unit is over one of its unit's brackets, which lies
   * under its labels. */
  for (guint c = 0; c < strata_layout_n_columns (grouped); c++)
    {
      const StrataColumn *column = strata_layout_column (grouped, c);
      gboolean covered = FALSE;

      for (guint i = 0; i < grouped->brackets->len && column->group_space > 0; i++)
        {
          const StrataBracket *bracket = &g_array_index (grouped->brackets, StrataBracket, i);
          const StrataGroup *group = &g_array_index (grouped->groups, StrataGroup, bracket->group);

          if (column->position < (int) group->first || column->position >= (int) group->end)
            continue;
          covered |= bracket->x0 <= column->block_rect.x &&
                     bracket->x1 >= column->block_rect.x + column->block_rect.width &&
                     bracket->y > column->label_rect.y + column->label_rect.height &&
                     bracket->y < column->label_rect.y + column->label_rect.height + column->group_space;
        }
      /* The input, flatten and the dense layers are in no unit. */
      g_assert_true (covered == (column->group_space > 0));
      g_assert_true ((column->group_space > 0) ==
                     (column->position >= 0 && column->position < 31));
    }
  assert_tidy (grouped);

  strata_render_options_init (&options);
  options.max_width = 1200;
  options.show_kernels = TRUE;
  options.group_repeats = FALSE;
  plain = strata_layout_new (network, &options);
  g_assert_cmpuint (plain->groups->len, ==, 0);
  g_assert_cmpuint (plain->brackets->len, ==, 0);
  g_assert_null (plain->group_note);
  strata_layout_get_size (grouped, &width, &grouped_h);
  strata_layout_get_size (plain, &width, &plain_h);
  g_assert_cmpfloat (grouped_h, >, plain_h);

  /* The bars style lists every layer: nothing to group. */
  options.group_repeats = TRUE;
  options.style = STRATA_DIAGRAM_STYLE_BARS;
  bars = strata_layout_new (network, &options);
  g_assert_cmpuint (bars->groups->len, ==, 0);
  g_assert_null (bars->group_note);

  /* A page short of room runs the groups' line on after the sizes', in
   * one paragraph, and keeps the legend's lines closer: a shorter legend. */
  options.style = STRATA_DIAGRAM_STYLE_BLOCKS;
  options.tight_gaps = TRUE;
  tight = strata_layout_new (network, &options);
  g_assert_null (tight->group_note);
  {
    g_autofree char *both = g_strconcat (text_of (grouped->legend_note), " ",
                                         text_of (grouped->group_note), NULL);

    g_assert_cmpstr (text_of (tight->legend_note), ==, both);
  }
  g_assert_cmpfloat (tight->legend_rect.height, <, grouped->legend_rect.height - 10);
}

/* A user's groups are drawn under their own names and take their layers
 * from the repeated units, as an ungrouped run does; a run they take
 * layers from is not collapsed. The legend names each. */
static void
test_user_groups (void)
{
  g_autoptr(StrataNetwork) vgg = strata_file_load_example ("vgg16", NULL);
  g_autoptr(StrataLayout) layout = NULL;
  g_autoptr(StrataLayout) collapsed = NULL;
  g_autoptr(StrataLayout) automatic_off = NULL;
  static const char * const names[] = { "features", "classifier", "B1", "B2" };
  static const guint firsts[] = { 0, 21, 6, 10 };
  StrataRenderOptions options;

  g_assert_cmpint (strata_network_add_group (vgg, 0, 4, "features", NULL), ==, 0);
  g_assert_cmpint (strata_network_add_group (vgg, 21, 23, "classifier", NULL), ==, 1);
  g_assert_cmpint (strata_network_add_group (vgg, 14, 17, NULL, NULL), ==, 1);

  strata_render_options_init (&options);
  layout = strata_layout_new (vgg, &options);
  g_assert_cmpuint (layout->groups->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const StrataGroup *group = &g_array_index (layout->groups, StrataGroup, i);

      g_assert_cmpstr (text_of (group->name), ==, names[i]);
      g_assert_cmpuint (group->first, ==, firsts[i]);
    }
  g_assert_cmpuint (g_array_index (layout->groups, StrataGroup, 0).end, ==, 5);
  g_assert_cmpuint (g_array_index (layout->groups, StrataGroup, 1).end, ==, 24);
  g_assert_cmpstr (text_of (layout->group_note), ==,
                   "Repeated: B = Conv × 3 · Max pool, 2 times. Grouped: features = Conv × 2 · "
                   "Max pool · Conv × 2; classifier = Dense × 2.");
  assert_tidy (layout);

  /* Both runs lend layers to a user's group: neither is collapsed; the
   * user's groups are one block each, 5 columns and 2 fewer 23. */
  options.collapse_repeats = TRUE;
  collapsed = strata_layout_new (vgg, &options);
  g_assert_cmpuint (collapsed->groups->len, ==, 2);
  g_assert_cmpuint (strata_layout_n_columns (collapsed), ==, 23 - 4 - 1);
  g_assert_cmpuint (collapsed->brackets->len, ==, 0);
  g_assert_cmpstr (text_of (collapsed->group_note), ==,
                   "Grouped, each drawn as one block: features = Conv × 2 · Max pool · "
                   "Conv × 2; classifier = Dense × 2.");

  /* Without the automatic groups, the user's stay. */
  options.collapse_repeats = FALSE;
  options.group_repeats = FALSE;
  automatic_off = strata_layout_new (vgg, &options);
  g_assert_cmpuint (automatic_off->groups->len, ==, 2);
  g_assert_cmpstr (text_of (automatic_off->group_note), ==,
                   "Grouped: features = Conv × 2 · Max pool · Conv × 2; classifier = Dense × 2.");
}

/* Collapsed, a user's group is one block: its last layer's shape, under
 * its name, its blocks' kinds and its parameters; what its layers read
 * from outside and what reads them is read by it, and the edges within
 * it go. Clicking it selects its first layer. */
static void
test_user_group_block (void)
{
  g_autoptr(StrataNetwork) resnet = strata_file_load_example ("resnet18", NULL);
  g_autoptr(StrataLayout) layout = NULL;
  g_autoptr(StrataLayout) bracketed = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GError) error = NULL;
  StrataRenderOptions options;
  const StrataColumn *block, *convs;
  cairo_rectangle_t bounds;
  guint n_into_block = 0, n_into_add = 0;
  const char *contents;

  /* layer1.0 whole, its shortcut from maxpool (3) into its add (9)
   * inside; layer1.1's convolutions (11 to 15), which its add (16)
   * reads with layer1.0's output (10). */
  g_assert_cmpint (strata_network_add_group (resnet, 4, 10, "block 1", NULL), ==, 0);
  g_assert_cmpint (strata_network_add_group (resnet, 11, 15, "convs", NULL), ==, 1);

  strata_render_options_init (&options);
  bracketed = strata_layout_new (resnet, &options);
  options.collapse_repeats = TRUE;
  layout = strata_layout_new (resnet, &options);
  assert_tidy (layout);
  /* The run of layer1's two blocks lends them, so it is drawn whole,
   * but as 3 columns (the two groups and layer1.1's add), as many as
   * its first unit collapsed: 32 less the 3 units of layer2 to layer4
   * after their first, 17, in both. */
  g_assert_cmpuint (strata_layout_n_columns (bracketed), ==, 32);
  g_assert_cmpuint (strata_layout_n_columns (layout), ==, 15);

  block = column_at (layout, 4);
  g_assert_cmpuint (block->group_end, ==, 11);
  g_assert_false (block->is_merge);
  g_assert_cmpstr (text_of (block->lines[STRATA_LINE_NAME]), ==, "block 1");
  g_assert_cmpstr (text_of (block->lines[STRATA_LINE_SHAPE]), ==, "56 × 56 × 64");
  g_assert_cmpstr (text_of (block->lines[STRATA_LINE_DETAILS]), ==, "Conv × 2 · Add");
  /* Two 3 × 3 convolutions of 64 channels and two BatchNorms. */
  g_assert_cmpuint (block->params, ==, 2 * (3 * 3 * 64 * 64) + 2 * 4 * 64);
  g_assert_cmpstr (text_of (block->lines[STRATA_LINE_PARAMS]), ==, "74\u202F240 params");
  g_assert_true (block->category == STRATA_LAYER_CATEGORY_CONVOLUTION);
  convs = column_at (layout, 11);
  g_assert_cmpstr (text_of (convs->lines[STRATA_LINE_DETAILS]), ==, "Conv × 2");

  for (guint e = 0; e < layout->edges->len; e++)
    {
      const StrataEdge *edge = &g_array_index (layout->edges, StrataEdge, e);

      /* No layer inside a block is an end of an edge. */
      g_assert_false ((edge->from > 4 && edge->from <= 10) ||
                      (edge->from > 11 && edge->from <= 15));
      g_assert_false ((edge->to > 4 && edge->to <= 10) || (edge->to > 11 && edge->to <= 15));
      n_into_block += edge->to == 4;
      if (edge->to == 16)
        {
          g_assert_true (edge->from == 4 || edge->from == 11);
          n_into_add++;
        }
    }
  /* maxpool, read by both conv1 and the add, is one edge into it. */
  g_assert_cmpuint (n_into_block, ==, 1);
  g_assert_cmpuint (n_into_add, ==, 2);

  /* Every layer of it is framed there; a click selects the first. */
  g_assert_true (strata_layout_get_item_bounds (layout, 9, &bounds));
  g_assert_cmpfloat (bounds.x, ==, block->bounds.x);
  g_assert_cmpint (strata_layout_hit_test (layout, block->x + 2, block->y + block->size.height / 2),
                   ==, 4);

  svg = strata_export_to_bytes (resnet, &options, STRATA_EXPORT_FORMAT_SVG, 72, &error);
  g_assert_no_error (error);
  contents = g_bytes_get_data (svg, NULL);
  g_assert_nonnull (strstr (contents, "<g id=\"layer-block_1\">"));
  g_assert_nonnull (strstr (contents, ">Conv × 2 · Add</text>"));
  g_assert_nonnull (strstr (contents, ">74\u202F240 params</text>"));
  g_assert_null (strstr (contents, "layer-layer1.0.conv2"));
}

/* Collapsed, each run is its first unit under a bracket that counts the
 * units; what read the last unit read the first one's last layer. */
static void
test_collapse (void)
{
  static const struct { const char *id; guint bracketed; guint collapsed; } examples[] = {
    { "vgg16", 23, 12 }, { "resnet18", 32, 15 }, { "googlenet", 83, 35 }, { "unet", 32, 23 },
    { "lenet5", 9, 7 },
  };
  g_autoptr(StrataNetwork) vgg = strata_file_load_example ("vgg16", NULL);
  g_autoptr(StrataLayout) layout = NULL;
  g_autoptr(StrataLayout) full = NULL;
  StrataRenderOptions options;
  cairo_rectangle_t bounds;
  const StrataGroup *group;
  gboolean flatten_read = FALSE;

  strata_render_options_init (&options);
  full = strata_layout_new (vgg, &options);
  options.collapse_repeats = TRUE;
  layout = strata_layout_new (vgg, &options);

  /* Two runs: A1–A2 (conv, conv, pool: layers 0 to 5) and B1–B3 (conv
   * × 3, pool: layers 6 to 17). */
  g_assert_cmpuint (layout->groups->len, ==, 2);
  group = &g_array_index (layout->groups, StrataGroup, 0);
  g_assert_cmpuint (group->first, ==, 0);
  g_assert_cmpuint (group->end, ==, 3);
  g_assert_cmpuint (group->n_units, ==, 2);
  g_assert_cmpstr (pango_layout_get_text (group->name), ==, "A × 2");
  group = &g_array_index (layout->groups, StrataGroup, 1);
  g_assert_cmpuint (group->first, ==, 6);
  g_assert_cmpuint (group->end, ==, 10);
  g_assert_cmpuint (group->n_units, ==, 3);
  g_assert_cmpstr (pango_layout_get_text (group->name), ==, "B × 3");
  g_assert_cmpstr (pango_layout_get_text (layout->group_note), ==,
                   "Repeated, each run drawn once: A = Conv × 2 · Max pool, 2 times; "
                   "B = Conv × 3 · Max pool, 3 times.");

  /* 23 columns less the 3 blocks of A2 and the 8 of B2 and B3. */
  g_assert_cmpuint (strata_layout_n_columns (full), ==, 23);
  g_assert_cmpuint (strata_layout_n_columns (layout), ==, 12);
  g_assert_true (strata_layout_get_item_bounds (layout, 9, &bounds));
  g_assert_false (strata_layout_get_item_bounds (layout, 3, &bounds));
  g_assert_false (strata_layout_get_item_bounds (layout, 17, &bounds));
  for (guint e = 0; e < layout->edges->len; e++)
    {
      const StrataEdge *edge = &g_array_index (layout->edges, StrataEdge, e);

      /* flatten (18) reads pool5 (17), drawn as B1's pool3 (9). */
      if (edge->to == 18)
        {
          g_assert_cmpint (edge->from, ==, 9);
          flatten_read = TRUE;
        }
      g_assert_true (edge->from < 3 || (edge->from >= 6 && edge->from < 10) || edge->from > 17);
      g_assert_true (edge->to < 3 || (edge->to >= 6 && edge->to < 10) || edge->to > 17);
    }
  g_assert_true (flatten_read);
  assert_tidy (layout);

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autoptr(StrataNetwork) network = strata_file_load_example (examples[i].id, NULL);
      g_autoptr(StrataLayout) collapsed = NULL;
      g_autoptr(StrataLayout) bracketed = NULL;

      g_test_message ("%s", examples[i].id);
      options.max_width = 1280;
      options.collapse_repeats = FALSE;
      bracketed = strata_layout_new (network, &options);
      options.collapse_repeats = TRUE;
      collapsed = strata_layout_new (network, &options);
      g_assert_cmpuint (strata_layout_n_columns (bracketed), ==, examples[i].bracketed);
      g_assert_cmpuint (strata_layout_n_columns (collapsed), ==, examples[i].collapsed);
      assert_tidy (collapsed);
    }
}

/* Grouped branching networks stay tidy: brackets meet no edge or label. */
static void
test_layout_graphs (void)
{
  static const char * const ids[] = { "resnet18", "googlenet", "unet", "mobilenet_v1", "lenet5" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(StrataNetwork) network = strata_file_load_example (ids[i], NULL);
      g_autoptr(StrataLayout) layout = NULL;

      g_test_message ("%s", ids[i]);
      layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS, STRATA_SCALE_SQRT, 1280);
      g_assert_cmpuint (layout->brackets->len, >, 0);
      g_assert_nonnull (layout->group_note);
      assert_tidy (layout);
    }
}

/* A run of more units than a drawing shows is left ungrouped, though it
 * is found. */
static void
test_layout_limit (void)
{
  for (guint n = 1000; n <= 1001; n++)
    {
      g_autoptr(StrataNetwork) network = strata_network_new ();
      g_autoptr(StrataLayout) layout = NULL;
      g_autoptr(GArray) repeats = NULL;
      StrataRenderOptions options;

      strata_network_set_input (network, 8, 8, 3);
      for (guint i = 0; i < n; i++)
        {
          test_append (network, test_layer (STRATA_LAYER_KIND_CONV2D, NULL, "padding",
                                            STRATA_PADDING_SAME, NULL));
          test_append (network, test_layer (STRATA_LAYER_KIND_DENSE, NULL, NULL));
        }
      repeats = strata_network_find_repeats (network);
      g_assert_cmpuint (repeats->len, ==, 1);
      assert_repeat (repeats, 0, 0, 2, n, 0);
      layout = layout_with (network, STRATA_DIAGRAM_STYLE_FLAT, STRATA_SCALE_SQRT, 1280);
      g_assert_cmpuint (layout->groups->len, ==, n == 1000 ? 1000 : 0);
      g_assert_true ((layout->group_note != NULL) == (n == 1000));
      g_clear_pointer (&layout, strata_layout_unref);

      /* Collapsed, the run is one group. */
      strata_render_options_init (&options);
      options.collapse_repeats = TRUE;
      layout = strata_layout_new (network, &options);
      g_assert_cmpuint (layout->groups->len, ==, 1);
      g_assert_cmpuint (strata_layout_n_columns (layout), ==, 3);
    }
}

/* A layer of a kind that units repeat: mostly conv → relu, pools. */
static StrataLayer *
random_layer (GRand *rand)
{
  static const StrataLayerKind kinds[] = {
    STRATA_LAYER_KIND_CONV2D, STRATA_LAYER_KIND_CONV2D, STRATA_LAYER_KIND_ACTIVATION,
    STRATA_LAYER_KIND_BATCHNORM, STRATA_LAYER_KIND_MAXPOOL2D,
  };
  StrataLayer *layer = strata_layer_new (kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))]);

  if (strata_layer_get_kind (layer) == STRATA_LAYER_KIND_CONV2D)
    g_object_set (layer, "filters", 8, "padding", STRATA_PADDING_SAME, NULL);
  return layer;
}

/* Long runs of conv → batchnorm → relu, a pool now and then, and
 * residual blocks of conv → conv → add. */
static StrataNetwork *
repeating_network (GRand *rand)
{
  StrataNetwork *network = strata_network_new ();

  strata_network_set_input (network, 64, 64, 8);
  for (guint i = 0; i < 150; i++)
    {
      g_autoptr(StrataLayer) layer = NULL;
      guint n = strata_network_get_n_layers (network);

      if (i >= 90 && i % 3 == 2)
        {
          StrataLayer *inputs[2] = { strata_network_get_layer (network, n - 1),
                                     strata_network_get_layer (network, n - 3) };

          layer = strata_layer_new (STRATA_LAYER_KIND_ADD);
          strata_layer_set_inputs (layer, inputs, 2);
        }
      else if (i >= 90 || i % 3 == 0)
        {
          layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
          g_object_set (layer, "filters", 8, "padding", STRATA_PADDING_SAME,
                        "kernel-height", i % 40 == 39 ? 5 : 3, NULL);
        }
      else
        layer = strata_layer_new (i % 3 == 1 ? STRATA_LAYER_KIND_BATCHNORM
                                             : STRATA_LAYER_KIND_ACTIVATION);
      strata_network_append (network, layer);
    }
  return network;
}

/* An edit that may change what repeats: a kernel or a stride (not the
 * filters, which units may differ in), a layer added, removed or moved,
 * an input named. */
static void
random_edit (StrataNetwork *network,
             GRand         *rand)
{
  guint n = strata_network_get_n_layers (network);
  guint position = g_rand_int_range (rand, 0, n);
  StrataLayer *layer = strata_network_get_layer (network, position);

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      {
        StrataLayerParams params = *strata_layer_get_params (layer);

        params.kernel.height = params.kernel.width = g_rand_boolean (rand) ? 3 : 5;
        strata_layer_set_params (layer, &params);
      }
      break;
    case 1:
      {
        StrataLayerParams params = *strata_layer_get_params (layer);

        params.filters = g_rand_int_range (rand, 4, 12);
        strata_layer_set_params (layer, &params);
      }
      break;
    case 2:
      {
        g_autoptr(StrataLayer) added = random_layer (rand);

        strata_network_insert (network, position, added);
      }
      break;
    case 3:
      if (n > 8)
        strata_network_remove (network, position);
      break;
    case 4:
      {
        int to = (int) position + g_rand_int_range (rand, -30, 31);

        to = CLAMP (to, 0, (int) n - 1);

        if (strata_network_can_move (network, position, to, NULL))
          strata_network_move (network, position, to);
      }
      break;
    default:
      if (position > 1)
        {
          StrataLayer *input = strata_network_get_layer (network, position - g_rand_int_range (
                                                           rand, 1, MIN (position, 40) + 1));

          strata_network_set_inputs (network, position, &input, 1, NULL);
        }
      break;
    }
}

/* Runs found again only around each edit are the runs a search of the
 * whole network finds (that of a copy read from its file). */
static void
test_edits (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(StrataNetwork) network = repeating_network (rand);
  g_autoptr(GArray) first = strata_network_find_repeats (network);
  guint n_runs = 0;

  g_assert_cmpuint (first->len, >, 1);
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GArray) found = NULL;
      g_autoptr(GArray) whole = NULL;
      g_autoptr(StrataNetwork) copy = NULL;
      g_autofree char *data = NULL;
      gsize length;

      /* Now and then several edits before a search. */
      for (guint k = g_rand_int_range (rand, 0, 4) == 0 ? 3 : 1; k > 0; k--)
        random_edit (network, rand);
      found = strata_network_find_repeats (network);
      data = strata_file_to_data (network, &length);
      copy = strata_file_load_data (data, length, "copy", NULL);
      g_assert_nonnull (copy);
      whole = strata_network_find_repeats (copy);
      g_assert_cmpuint (found->len, ==, whole->len);
      g_assert_cmpmem (found->data, found->len * sizeof (StrataRepeat),
                       whole->data, whole->len * sizeof (StrataRepeat));
      n_runs += found->len;
    }
  /* The edits left runs to find. */
  g_assert_cmpuint (n_runs, >, 300);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/repeats/vgg", test_vgg);
  g_test_add_func ("/repeats/collapse", test_collapse);
  g_test_add_func ("/repeats/user-groups", test_user_groups);
  g_test_add_func ("/repeats/user-group-block", test_user_group_block);
  g_test_add_func ("/repeats/resnet", test_resnet);
  g_test_add_func ("/repeats/patterns", test_patterns);
  g_test_add_func ("/repeats/none", test_none);
  g_test_add_func ("/repeats/layout", test_layout);
  g_test_add_func ("/repeats/layout-graphs", test_layout_graphs);
  g_test_add_func ("/repeats/layout-limit", test_layout_limit);
  g_test_add_func ("/repeats/edits", test_edits);

  return g_test_run ();
}
