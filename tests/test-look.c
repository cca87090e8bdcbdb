/* test-look.c: a layer's own caption and colour: the model, undo, files and the drawing. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "strata-file.h"
#include "strata-history.h"
#include "test-layout-checks.h"

static void
test_model (void)
{
  g_autoptr(StrataLayer) layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  g_autoptr(StrataLayer) copy = NULL;
  g_autofree char *long_caption = NULL;
  g_autofree char *caption = NULL;
  guint8 rgb[3];

  g_assert_null (strata_layer_get_caption (layer));
  g_assert_null (strata_layer_get_color (layer));

  g_assert_true (strata_color_parse ("#E69F00", rgb));
  g_assert_cmpuint (rgb[0], ==, 0xe6);
  g_assert_cmpuint (rgb[1], ==, 0x9f);
  g_assert_cmpuint (rgb[2], ==, 0x00);
  g_assert_true (strata_color_parse ("#f80", rgb));
  g_assert_cmpuint (rgb[0], ==, 0xff);
  g_assert_cmpuint (rgb[1], ==, 0x88);
  g_assert_cmpuint (rgb[2], ==, 0x00);
  g_assert_false (strata_color_parse ("e69f00", NULL));
  g_assert_false (strata_color_parse ("#e69f0", NULL));
  g_assert_false (strata_color_parse ("#e69g00", NULL));
  g_assert_false (strata_color_parse ("#e69f00 ", NULL));
  g_assert_false (strata_color_parse ("red", NULL));
  g_assert_false (strata_color_parse (NULL, NULL));

  /* One spelling per colour. */
  strata_layer_set_color (layer, "#F80");
  g_assert_cmpstr (strata_layer_get_color (layer), ==, "#ff8800");
  g_object_get (layer, "color", &caption, NULL);
  g_assert_cmpstr (caption, ==, "#ff8800");
  g_clear_pointer (&caption, g_free);

  strata_layer_set_caption (layer, "stem");
  g_assert_cmpstr (strata_layer_get_caption (layer), ==, "stem");
  strata_layer_set_caption (layer, "");
  g_assert_null (strata_layer_get_caption (layer));
  long_caption = g_strnfill (STRATA_NAME_MAX_CHARS + 10, 'a');
  strata_layer_set_caption (layer, long_caption);
  g_assert_cmpuint (strlen (strata_layer_get_caption (layer)), ==, STRATA_NAME_MAX_CHARS);
  g_object_set (layer, "caption", "stem", NULL);

  /* A copy, of the same or another kind, looks the same. */
  copy = strata_layer_copy (layer);
  g_assert_cmpstr (strata_layer_get_caption (copy), ==, "stem");
  g_assert_cmpstr (strata_layer_get_color (copy), ==, "#ff8800");
  g_clear_object (&copy);
  copy = strata_layer_copy_as_kind (layer, STRATA_LAYER_KIND_DENSE);
  g_assert_cmpstr (strata_layer_get_caption (copy), ==, "stem");
  g_assert_cmpstr (strata_layer_get_color (copy), ==, "#ff8800");

  strata_layer_set_color (layer, NULL);
  g_assert_null (strata_layer_get_color (layer));
}

static void
count_cb (StrataNetwork *network,
          StrataLayer   *layer,
          guint          position,
          guint         *count)
{
  (*count)++;
}

/* Each change is an undo step of its own, and tells the network's
 * followers as a rename does. */
static void
test_undo (void)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(StrataHistory) history = strata_history_new (network);
  StrataLayer *layer = strata_network_get_layer (network, 2);
  guint renamed = 0;
  int position = -1;

  g_signal_connect (network, "layer-changed::name", G_CALLBACK (count_cb), &renamed);
  strata_layer_set_color (layer, "#123456");
  g_assert_cmpuint (renamed, ==, 1);
  strata_layer_set_color (layer, "#123456");
  g_assert_cmpuint (renamed, ==, 1);
  g_assert_true (strata_history_can_undo (history));
  g_assert_true (strata_history_undo (history, &position));
  g_assert_cmpint (position, ==, 2);
  g_assert_null (strata_layer_get_color (layer));
  g_assert_false (strata_history_can_undo (history));
  g_assert_true (strata_history_redo (history, NULL));
  g_assert_cmpstr (strata_layer_get_color (layer), ==, "#123456");

  /* Undo and redo changed it twice more: once each, naming only the colour. */
  g_assert_cmpuint (renamed, ==, 3);
  strata_layer_set_caption (layer, "second stage");
  g_assert_cmpuint (renamed, ==, 4);
  g_assert_true (strata_history_undo (history, NULL));
  g_assert_null (strata_layer_get_caption (layer));
  g_assert_cmpstr (strata_layer_get_color (layer), ==, "#123456");
  g_assert_true (strata_history_undo (history, NULL));
  g_assert_null (strata_layer_get_color (layer));
  g_assert_false (strata_history_can_undo (history));
  g_assert_true (strata_history_redo (history, NULL));
  g_assert_true (strata_history_redo (history, NULL));
  g_assert_cmpstr (strata_layer_get_caption (layer), ==, "second stage");
  g_assert_cmpstr (strata_layer_get_color (layer), ==, "#123456");
}

static void
test_file (void)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(StrataNetwork) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;

  /* A chain without them stays a version 1 file. */
  plain = strata_file_to_data (network, NULL);
  g_assert_nonnull (strstr (plain, "\"version\" : 1"));
  g_assert_null (strstr (plain, "caption"));

  strata_layer_set_caption (strata_network_get_layer (network, 0), "stem \"one\"");
  strata_layer_set_color (strata_network_get_layer (network, 4), "#0072B2");
  data = strata_file_to_data (network, NULL);
  g_assert_nonnull (strstr (data, "\"version\" : 2"));
  g_assert_nonnull (strstr (data, "\"caption\" : \"stem \\\"one\\\"\""));
  g_assert_nonnull (strstr (data, "\"color\" : \"#0072b2\""));

  back = strata_file_load_data (data, strlen (data), "look.strata", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (strata_layer_get_caption (strata_network_get_layer (back, 0)), ==,
                   "stem \"one\"");
  g_assert_null (strata_layer_get_color (strata_network_get_layer (back, 0)));
  g_assert_cmpstr (strata_layer_get_color (strata_network_get_layer (back, 4)), ==, "#0072b2");
  again = strata_file_to_data (back, NULL);
  g_assert_cmpstr (again, ==, data);
}

static void
assert_refused (const char *layer,
                const char *message)
{
  g_autofree char *data = g_strdup_printf ("{\"format\": \"strata\", \"version\": 2, "
                                           "\"input\": {\"height\": 8, \"width\": 8, "
                                           "\"channels\": 3}, \"layers\": [%s]}", layer);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = strata_file_load_data (data, strlen (data), "bad.strata",
                                                            &error);

  g_assert_null (network);
  g_assert_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_file_errors (void)
{
  g_autofree char *long_caption = g_strnfill (STRATA_NAME_MAX_CHARS + 1, 'a');
  g_autofree char *layer = g_strdup_printf ("{\"type\": \"dense\", \"caption\": \"%s\"}",
                                            long_caption);

  assert_refused ("{\"type\": \"dense\", \"color\": \"red\"}",
                  "“bad.strata”, layer 1: “color” must be a colour such as \"#e69f00\", not "
                  "“red”");
  assert_refused ("{\"type\": \"dense\", \"color\": 3}",
                  "“bad.strata”, layer 1: “color” must be text, not a number");
  assert_refused (layer, "“bad.strata”, layer 1: “caption” must be at most 1024 characters "
                         "long, not 1025");
}

static gboolean
same_rgb (const StrataRgb *a,
          double           red,
          double           green,
          double           blue)
{
  return G_APPROX_VALUE (a->red, red, 1e-9) && G_APPROX_VALUE (a->green, green, 1e-9) &&
         G_APPROX_VALUE (a->blue, blue, 1e-9);
}

static const StrataLegendEntry *
legend_entry (StrataLayout *layout,
              const char   *label)
{
  for (guint i = 0; i < layout->legend->len; i++)
    {
      const StrataLegendEntry *entry = &g_array_index (layout->legend, StrataLegendEntry, i);

      if (g_strcmp0 (pango_layout_get_text (entry->label), label) == 0)
        return entry;
    }
  return NULL;
}

static const StrataColumn *
column_of (StrataLayout *layout,
           int           position)
{
  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    if (strata_layout_column (layout, i)->position == position)
      return strata_layout_column (layout, i);
  g_assert_not_reached ();
}

/* The block takes the layer's colour, the caption goes under its name,
 * and the legend follows: an entry for each colour given, named by a
 * caption or by the layers, and none for a kind no longer drawn in its
 * colour. */
static void
test_layout (void)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(StrataLayout) before = NULL;
  g_autoptr(StrataLayout) after = NULL;
  g_autoptr(StrataLayout) bars = NULL;
  const StrataRgb *conv = strata_category_get_color (STRATA_LAYER_CATEGORY_CONVOLUTION);
  const StrataLegendEntry *entry;
  const StrataColumn *c;
  StrataRenderOptions options;

  before = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS, STRATA_SCALE_SQRT, 0);
  g_assert_nonnull (legend_entry (before, "Convolution"));
  c = column_of (before, 0);
  g_assert_true (same_rgb (&c->fill, conv->red, conv->green, conv->blue));
  g_assert_null (c->lines[STRATA_LINE_CAPTION]);

  /* Both convolutions: conv1 red with a caption, conv2 red; fc1 blue. */
  strata_layer_set_color (strata_network_get_layer (network, 0), "#ff0000");
  strata_layer_set_caption (strata_network_get_layer (network, 0), "feature extractor");
  strata_layer_set_color (strata_network_get_layer (network, 2), "#ff0000");
  strata_layer_set_color (strata_network_get_layer (network, 4), "#0000ff");
  after = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS, STRATA_SCALE_SQRT, 0);

  c = column_of (after, 0);
  g_assert_true (same_rgb (&c->fill, 1, 0, 0));
  g_assert_cmpstr (pango_layout_get_text (c->lines[STRATA_LINE_CAPTION]), ==, "feature extractor");
  /* The caption is a line of the label, between the name and the shape. */
  g_assert_cmpfloat (c->line_y[STRATA_LINE_CAPTION], >, c->line_y[STRATA_LINE_NAME]);
  g_assert_cmpfloat (c->line_y[STRATA_LINE_SHAPE], >, c->line_y[STRATA_LINE_CAPTION]);
  g_assert_cmpfloat (c->label_height, >, column_of (before, 0)->label_height);
  /* The convolution's own activation keeps the activations' colour. */
  g_assert_cmpuint (c->size.n_bands, ==, 1);
  g_assert_true (same_rgb (&g_array_index (after->bands, StrataBand, c->first_band).fill,
                           strata_category_get_color (STRATA_LAYER_CATEGORY_ACTIVATION)->red,
                           strata_category_get_color (STRATA_LAYER_CATEGORY_ACTIVATION)->green,
                           strata_category_get_color (STRATA_LAYER_CATEGORY_ACTIVATION)->blue));
  g_assert_true (same_rgb (&column_of (after, 2)->fill, 1, 0, 0));
  g_assert_true (same_rgb (&column_of (after, 4)->fill, 0, 0, 1));

  g_assert_null (legend_entry (after, "Convolution"));
  g_assert_nonnull (legend_entry (after, "Dense"));
  entry = legend_entry (after, "feature extractor");
  g_assert_nonnull (entry);
  g_assert_true (same_rgb (&entry->fill, 1, 0, 0));
  entry = legend_entry (after, "fc1");
  g_assert_nonnull (entry);
  g_assert_true (same_rgb (&entry->fill, 0, 0, 1));
  assert_tidy (after);

  /* The bars style too. */
  strata_render_options_init (&options);
  options.style = STRATA_DIAGRAM_STYLE_BARS;
  bars = strata_layout_new (network, &options);
  g_assert_true (same_rgb (&g_array_index (bars->bar_rows, StrataBarRow, 1).fill, 1, 0, 0));
  g_assert_nonnull (legend_entry (bars, "feature extractor"));
  g_assert_null (legend_entry (bars, "Convolution"));
}

/* Without a caption, the legend names the first three layers of a colour. */
static void
test_legend_names (void)
{
  g_autoptr(StrataNetwork) network = test_vgg16_network ();
  g_autoptr(StrataLayout) layout = NULL;

  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);

      if (g_str_has_prefix (strata_layer_get_display_name (layer), "conv5"))
        strata_layer_set_color (layer, "#999");
      if (g_str_has_prefix (strata_layer_get_display_name (layer), "pool5"))
        strata_layer_set_color (layer, "#ABC");
    }
  layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS, STRATA_SCALE_SQRT, 1200);
  g_assert_nonnull (legend_entry (layout, "conv5_1, conv5_2, conv5_3"));
  g_assert_nonnull (legend_entry (layout, "pool5"));
  /* Other convolutions keep theirs. */
  g_assert_nonnull (legend_entry (layout, "Convolution"));
  assert_tidy (layout);

  strata_layer_set_color (strata_network_get_layer (network, 0), "#999999");
  g_clear_pointer (&layout, strata_layout_unref);
  layout = layout_with (network, STRATA_DIAGRAM_STYLE_BLOCKS, STRATA_SCALE_SQRT, 1200);
  g_assert_nonnull (legend_entry (layout, "conv1_1, conv5_1, conv5_2…"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/look/model", test_model);
  g_test_add_func ("/look/undo", test_undo);
  g_test_add_func ("/look/file", test_file);
  g_test_add_func ("/look/file-errors", test_file_errors);
  g_test_add_func ("/look/layout", test_layout);
  g_test_add_func ("/look/legend-names", test_legend_names);

  return g_test_run ();
}
