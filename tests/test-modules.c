/* test-modules.c: modules of layers found by their names, drawn as one block each by a page. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-file.h"
#include "strata-layout-build-private.h"
#include "test-layout-checks.h"

static const char *
text_of (PangoLayout *layout)
{
  return layout != NULL ? pango_layout_get_text (layout) : NULL;
}

/* The modules as "path:first-last", joined by spaces. */
static char *
describe_modules (StrataNetwork *network,
                  guint          depth)
{
  g_autoptr(GArray) modules = strata_layout_find_modules (network, depth);
  GString *text = g_string_new (NULL);

  for (guint m = 0; m < modules->len; m++)
    {
      const StrataModule *module = &g_array_index (modules, StrataModule, m);
      const char *name = strata_layer_get_name (strata_network_get_layer (network, module->first));

      g_string_append_printf (text, "%s%.*s:%u-%u", m > 0 ? " " : "", (int) module->name_length,
                              name, module->first, module->end - 1);
    }
  return g_string_free (text, FALSE);
}

/* Every name's dots made underscores: a network with no module paths. */
static void
flatten_names (StrataNetwork *network)
{
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      g_autofree char *name = g_strdup (strata_layer_get_name (layer));

      g_strdelimit (name, ".", '_');
      strata_layer_set_name (layer, name);
    }
}

/* ResNet-18's blocks at depth 2 and deeper (its downsample, two of a
 * block's nine layers, keeps the block whole), its stages at depth 1;
 * U-Net's levels at any depth; a user's group takes its layers back. */
static void
test_find (void)
{
  g_autoptr(StrataNetwork) resnet = strata_file_load_example ("resnet18", NULL);
  g_autoptr(StrataNetwork) unet = strata_file_load_example ("unet", NULL);
  static const char *blocks = "layer1.0:4-10 layer1.1:11-17 layer2.0:18-26 layer2.1:27-33 "
                              "layer3.0:34-42 layer3.1:43-49 layer4.0:50-58 layer4.1:59-65";
  g_autofree char *deepest = NULL;
  g_autofree char *fine = NULL;
  g_autofree char *stages = NULL;
  g_autofree char *levels = NULL;
  g_autofree char *taken = NULL;

  g_assert_cmpuint (strata_layout_module_depth (resnet), ==, 3);
  deepest = describe_modules (resnet, 3);
  fine = describe_modules (resnet, 2);
  stages = describe_modules (resnet, 1);
  g_assert_cmpstr (deepest, ==, blocks);
  g_assert_cmpstr (fine, ==, blocks);
  g_assert_cmpstr (stages, ==, "layer1:4-17 layer2:18-33 layer3:34-49 layer4:50-65");

  g_assert_cmpuint (strata_layout_module_depth (unet), ==, 1);
  levels = describe_modules (unet, 1);
  g_assert_cmpstr (levels, ==, "enc1:0-1 enc2:3-4 enc3:6-7 enc4:9-10 bottleneck:12-13 "
                               "dec4:16-17 dec3:20-21 dec2:24-25 dec1:28-29");

  /* A user's group over two of layer1.0's layers: that block, and then
   * its whole stage, are the user's. */
  g_assert_cmpint (strata_network_add_group (resnet, 5, 7, "mine", NULL), ==, 0);
  taken = describe_modules (resnet, 2);
  g_assert_cmpstr (taken, ==, blocks + strlen ("layer1.0:4-10 "));
  g_clear_pointer (&taken, g_free);
  taken = describe_modules (resnet, 1);
  g_assert_cmpstr (taken, ==, "layer2:18-33 layer3:34-49 layer4:50-65");

  /* No module holds every layer, and names without a dot hold none. */
  for (guint i = 0; i < strata_network_get_n_layers (unet); i++)
    {
      StrataLayer *layer = strata_network_get_layer (unet, i);
      g_autofree char *name = g_strconcat ("model.", strata_layer_get_name (layer), NULL);

      strata_layer_set_name (layer, name);
    }
  g_clear_pointer (&levels, g_free);
  levels = describe_modules (unet, 2);
  g_assert_true (g_str_has_prefix (levels, "model.enc1:0-1 model.enc2:3-4 "));
  g_clear_pointer (&levels, g_free);
  levels = describe_modules (unet, 1);
  g_assert_cmpstr (levels, ==, "");
  flatten_names (unet);
  g_assert_cmpuint (strata_layout_module_depth (unet), ==, 0);
}

/* ResNet-18's eight blocks, each drawn as a user's group collapsed: its
 * name, its last layer's shape, its kinds and its parameters; no edge
 * inside it; every parameter in some block; the legend's entries merged
 * by kinds, the title counting every layer. */
static void
test_resnet_blocks (void)
{
  g_autoptr(StrataNetwork) network = strata_file_load_example ("resnet18", NULL);
  g_autoptr(StrataLayout) layout = NULL;
  static const char *names[] = { "layer1.0", "layer1.1", "layer2.0", "layer2.1",
                                 "layer3.0", "layer3.1", "layer4.0", "layer4.1" };
  StrataRenderOptions options;
  const StrataColumn *block;
  guint64 params = 0;

  strata_render_options_init (&options);
  options.module_depth = 2;
  layout = strata_layout_new (network, &options);
  g_assert_cmpuint (layout->groups->len, ==, G_N_ELEMENTS (names));
  for (guint g = 0; g < layout->groups->len; g++)
    {
      const StrataGroup *group = &g_array_index (layout->groups, StrataGroup, g);

      g_assert_cmpuint (group->pattern, ==, STRATA_GROUP_MODULE);
      g_assert_true (group->block);
      g_assert_cmpstr (text_of (group->name), ==, names[g]);
    }
  /* conv1, maxpool, the blocks, avgpool and fc after the input. */
  g_assert_cmpuint (strata_layout_n_columns (layout), ==, 1 + 2 + 8 + 2);
  g_assert_cmpuint (layout->brackets->len, ==, 0);

  block = column_at (layout, 4);
  g_assert_cmpuint (block->group_end, ==, 11);
  g_assert_cmpstr (text_of (block->lines[STRATA_LINE_NAME]), ==, "layer1.0");
  g_assert_cmpstr (text_of (block->lines[STRATA_LINE_SHAPE]), ==, "56 × 56 × 64");
  g_assert_cmpstr (text_of (block->lines[STRATA_LINE_DETAILS]), ==, "Conv × 2 · Add");
  /* Two 3 × 3 convolutions of 64 channels, two BatchNorms of 4 · 64. */
  g_assert_cmpuint (block->params, ==, 2 * 3 * 3 * 64 * 64 + 2 * 4 * 64);
  g_assert_cmpuint (block->params, ==, 74240);
  block = column_at (layout, 18);
  g_assert_cmpstr (text_of (block->lines[STRATA_LINE_NAME]), ==, "layer2.0");
  g_assert_cmpstr (text_of (block->lines[STRATA_LINE_SHAPE]), ==, "28 × 28 × 128");
  g_assert_cmpstr (text_of (block->lines[STRATA_LINE_DETAILS]), ==, "Conv × 3 · Add");
  /* And the projection's 1 × 1 convolution and its BatchNorm. */
  g_assert_cmpuint (block->params, ==, 3 * 3 * 64 * 128 + 3 * 3 * 128 * 128 + 64 * 128 +
                                       3 * 4 * 128);

  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    params += strata_layout_column (layout, i)->params;
  g_assert_cmpuint (params, ==, strata_network_get_params (network));
  g_assert_cmpuint (params, ==, 11699112);
  g_assert_nonnull (strstr (text_of (layout->subtitle), "68 layers"));

  for (guint e = 0; e < layout->edges->len; e++)
    {
      const StrataEdge *edge = &g_array_index (layout->edges, StrataEdge, e);

      for (guint g = 0; g < layout->groups->len; g++)
        {
          const StrataGroup *group = &g_array_index (layout->groups, StrataGroup, g);

          g_assert_false (edge->from > (int) group->first && edge->from < (int) group->end);
          g_assert_false (edge->to > (int) group->first && edge->to < (int) group->end);
        }
    }
  g_assert_cmpstr (text_of (layout->group_note), ==,
                   "Modules, each drawn as one block: layer1.0, layer1.1, layer2.1, layer3.1, "
                   "layer4.1 = Conv × 2 · Add; layer2.0, layer3.0, layer4.0 = Conv × 3 · Add.");
  assert_tidy (layout);

  /* Its stages, at depth 1. */
  g_clear_pointer (&layout, strata_layout_unref);
  options.module_depth = 1;
  layout = strata_layout_new (network, &options);
  g_assert_cmpuint (layout->groups->len, ==, 4);
  g_assert_cmpstr (text_of (column_at (layout, 4)->lines[STRATA_LINE_DETAILS]), ==,
                   "Conv × 2 · Add · Conv × 2 · Add");
  g_assert_cmpstr (text_of (layout->group_note), ==,
                   "Modules, each drawn as one block: layer1 = Conv × 2 · Add · Conv × 2 · Add; "
                   "layer2–\u2060layer4 = Conv × 3 · Add · Conv × 2 · Add.");
}

/* U-Net's levels as blocks, the skip edges leaving them: it still folds
 * as a U, top to bottom too, and into two rows. */
static void
test_unet_folds (void)
{
  g_autoptr(StrataNetwork) network = strata_file_load_example ("unet", NULL);
  StrataRenderOptions options;

  strata_render_options_init (&options);
  options.module_depth = 1;
  options.group_repeats = FALSE;
  options.fold = TRUE;
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(StrataLayout) layout = NULL;

      options.fold_levels = i < 2;
      options.arrangement = i == 1 ? STRATA_ARRANGEMENT_TOP_TO_BOTTOM : STRATA_ARRANGEMENT_ROWS;
      layout = strata_layout_new (network, &options);
      g_assert_true (strata_layout_is_folded (layout));
      g_assert_cmpuint (layout->groups->len, ==, 9);
      /* Input, the 9 blocks, 4 poolings, 4 upsamplings, 4 merges, out. */
      g_assert_cmpuint (strata_layout_n_columns (layout), ==, 23);
      g_assert_cmpstr (text_of (layout->group_note), ==,
                       "Modules, each drawn as one block: enc1–\u2060enc4, bottleneck, "
                       "dec1–\u2060dec4 = Conv × 2.");
      /* The first skip edge leaves enc1's block for concat1. */
      {
        gboolean skip = FALSE;

        for (guint e = 0; e < layout->edges->len; e++)
          skip |= g_array_index (layout->edges, StrataEdge, e).from == 0 &&
                  g_array_index (layout->edges, StrataEdge, e).to == 27;
        g_assert_true (skip);
      }
      assert_tidy (layout);
    }

  /* A user's group of enc1 and pool1, drawn as one block, would hide
   * that the skip edge leaves enc1: it does not fold. */
  g_assert_cmpint (strata_network_add_group (network, 0, 2, "stem", NULL), ==, 0);
  options.collapse_repeats = TRUE;
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(StrataLayout) layout = NULL;

      options.fold_levels = i == 0;
      layout = strata_layout_new (network, &options);
      g_assert_false (strata_layout_is_folded (layout));
      g_assert_cmpuint (layout->groups->len, ==, 9);
      g_assert_cmpstr (text_of (g_array_index (layout->groups, StrataGroup, 0).name), ==, "stem");
    }
}

/* With its names' dots gone, @network has no modules: its fit to the
 * page of @options takes no such step, and reaches @type, in tenths of
 * a point rounded down, as it did before there was one. */
static void
assert_flat_fit (StrataNetwork             *network,
                 const StrataRenderOptions *options,
                 double                     type)
{
  g_autoptr(StrataLayout) flat = NULL;
  StrataPageFit fit;

  flatten_names (network);
  flat = strata_layout_new_for_page (network, options, &fit);
  g_assert_cmpuint (strata_layout_get_options (flat)->module_depth, ==, 0);
  for (guint g = 0; g < flat->groups->len; g++)
    g_assert_cmpuint (g_array_index (flat->groups, StrataGroup, g).pattern, !=,
                      STRATA_GROUP_MODULE);
  g_assert_cmpfloat (floor (strata_layout_get_smallest_type (flat) * fit.scale * 10) / 10, ==,
                     type);
}

/* The page's last step: the lecture example, its layers named as
 * modules, reaches a small page's 6 pt with two blocks, as ResNet-18 a
 * column's with its eight; with names without dots, each draws as
 * before. */
static void
test_page (void)
{
  static const char *paths[] = { "features.conv1", "features.pool1", "features.conv2",
                                 "features.pool2", "classifier.fc3", "classifier.fc4",
                                 "classifier.softmax" };
  g_autoptr(StrataNetwork) network = strata_file_load_example ("lecture", NULL);
  g_autoptr(StrataLayout) layout = NULL;
  StrataRenderOptions options;
  StrataPageFit fit;

  g_assert_cmpuint (strata_network_get_n_layers (network), ==, G_N_ELEMENTS (paths));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    strata_layer_set_name (strata_network_get_layer (network, i), paths[i]);
  /* Without a legend, whose steps beside the drawing would double the
   * layouts tried, which the sanitizers make minutes. */
  strata_render_options_init (&options);
  options.show_legend = FALSE;
  strata_page_init (&options.page, STRATA_PAGE_CUSTOM, 150, 100);
  layout = strata_layout_new_for_page (network, &options, &fit);
  g_assert_cmpfloat (strata_layout_get_smallest_type (layout) * fit.scale, >=, 6 - 1e-6);
  g_assert_cmpuint (strata_layout_get_options (layout)->module_depth, ==, 1);
  g_assert_cmpuint (strata_layout_n_columns (layout), ==, 3);
  g_assert_cmpstr (text_of (column_at (layout, 0)->lines[STRATA_LINE_NAME]), ==, "features");
  g_assert_cmpstr (text_of (column_at (layout, 4)->lines[STRATA_LINE_NAME]), ==, "classifier");
  assert_tidy (layout);

  assert_flat_fit (network, &options, 5.2);

#ifndef __SANITIZE_ADDRESS__
  /* Each of these is hundreds of layouts of 68 layers, which the address
   * sanitizer's slow unwinder makes a minute; the lecture example above
   * takes the same steps. */
  g_clear_pointer (&network, g_object_unref);
  g_clear_pointer (&layout, strata_layout_unref);
  network = strata_file_load_example ("resnet18", NULL);
  options.show_legend = TRUE;
  strata_page_init (&options.page, STRATA_PAGE_COLUMN, 0, 0);
  layout = strata_layout_new_for_page (network, &options, &fit);
  g_assert_cmpfloat (strata_layout_get_smallest_type (layout) * fit.scale, >=, 6 - 1e-6);
  g_assert_cmpuint (strata_layout_get_options (layout)->module_depth, >=, 2);
  g_assert_cmpuint (layout->groups->len, ==, 8);
  g_assert_cmpstr (text_of (g_array_index (layout->groups, StrataGroup, 0).name), ==, "layer1.0");
  assert_tidy (layout);

  /* What the column reached before the step (4.4 pt before a page short
   * of room ran its legend's two notes into one paragraph). */
  assert_flat_fit (network, &options, 4.5);
#endif
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/modules/find", test_find);
  g_test_add_func ("/modules/resnet-blocks", test_resnet_blocks);
  g_test_add_func ("/modules/unet-folds", test_unet_folds);
  g_test_add_func ("/modules/page", test_page);

  return g_test_run ();
}
