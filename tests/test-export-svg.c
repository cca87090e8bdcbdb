/* test-export-svg.c: an exported SVG holds every label as text, in a group per layer. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "strata-export.h"
#include "strata-layout-private.h"
#include "test-render-networks.h"
#include "test-svg-scan.h"

/* Every label is real text, in its layer's group: name, shape, details
 * and parameters, as an editor or a search finds them. */
static void
test_svg_text (void)
{
  static const struct
  {
    const char *id;
    const char *name;
    const char *shape;
    const char *details;
    const char *params;
  } expected[] = {
    { "layer-Input", "Input", "32 × 32 × 3", NULL, NULL },
    { "layer-conv1", "conv1", "28 × 28 × 8", "5 × 5 · ReLU", "608 params" },
    { "layer-pool1", "pool1", "14 × 14 × 8", "2 × 2", NULL },
    { "layer-conv2", "conv2", "10 × 10 × 16", "5 × 5 · ReLU", "3\u202F216 params" },
    { "layer-pool2", "pool2", "5 × 5 × 16", "2 × 2", NULL },
    { "layer-fc1", "fc1", "120", "ReLU", "48\u202F120 params" },
    { "layer-fc2", "fc2", "84", "ReLU", "10\u202F164 params" },
    { "layer-fc3", "fc3", "10", "Softmax", "850 params" },
  };
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *contents;
  gsize length;
  SvgScan scan;

  bytes = strata_export_to_bytes (network, NULL, STRATA_EXPORT_FORMAT_SVG, 72, &error);
  g_assert_no_error (error);
  contents = g_bytes_get_data (bytes, &length);
  /* cairo's surface would have drawn glyphs as paths of a <symbol> each. */
  g_assert_null (strstr (contents, "<symbol"));
  scan_svg (contents, length, &scan);
  g_assert_false (scan.repeated_id);
  g_assert_cmpuint (scan.groups->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      SvgGroup *group = find_group (&scan, expected[i].id);

      g_assert_nonnull (group);
      g_assert_cmpstr (group->title->str, ==, expected[i].name);
      g_assert_true (group_has_text (group, expected[i].name));
      g_assert_true (group_has_text (group, expected[i].shape));
      g_assert_cmpuint (group->texts->len, ==,
                        2 + (expected[i].details != NULL) + (expected[i].params != NULL));
      if (expected[i].details != NULL)
        g_assert_true (group_has_text (group, expected[i].details));
      if (expected[i].params != NULL)
        g_assert_true (group_has_text (group, expected[i].params));
    }
  /* The title's two lines, outside the layers' groups. */
  g_assert_nonnull (strstr (contents, ">Lecture example</text>"));
  g_assert_nonnull (strstr (contents, "font-weight=\"700\">conv1</text>"));
  /* Labels under a block are fixed at their middle, so that they stay
   * centred where another font replaces the drawing's; the title at its
   * start. */
  {
    const char *end = strstr (contents, ">conv1</text>");
    const char *start = g_strrstr_len (contents, end - contents, "<text ");
    g_autofree char *element = g_strndup (start, end - start);

    g_assert_nonnull (strstr (element, " text-anchor=\"middle\""));
    end = strstr (contents, ">Lecture example</text>");
    start = g_strrstr_len (contents, end - contents, "<text ");
    g_free (element);
    element = g_strndup (start, end - start);
    g_assert_null (strstr (element, "text-anchor"));
  }
  scan_clear (&scan);
}

/* Names are text as typed, however odd; the ids made of them are valid
 * and each is unique. */
static void
test_svg_names (void)
{
  const char *long_name = "many words in a name far too long for the two lines under a block";
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *contents;
  SvgGroup *group;
  gsize length;
  SvgScan scan;

  strata_network_set_input (network, 8, 8, 1);
  test_append (network, test_layer (STRATA_LAYER_KIND_CONV2D, "a<b & \"c\"", "filters", 2,
                                    "kernel-height", 3, "kernel-width", 3, NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_CONV2D, "a<b & \"c\"", "filters", 2,
                                    "kernel-height", 3, "kernel-width", 3, NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_DENSE, "слой σ", "units", 4, NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_DENSE, "layer2.0.downsample.0", "units", 4,
                                    NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_DENSE, long_name, "units", 2, NULL));
  bytes = strata_export_to_bytes (network, NULL, STRATA_EXPORT_FORMAT_SVG, 72, &error);
  g_assert_no_error (error);
  contents = g_bytes_get_data (bytes, &length);
  scan_svg (contents, length, &scan);
  g_assert_false (scan.repeated_id);

  group = find_group (&scan, "layer-a_b____c_");
  g_assert_nonnull (group);
  g_assert_cmpstr (group->title->str, ==, "a<b & \"c\"");
  g_assert_true (group_has_text (group, "a<b & \"c\""));
  g_assert_true (group_has_text (group, "6 × 6 × 2"));
  group = find_group (&scan, "layer-a_b____c_-2");
  g_assert_nonnull (group);
  g_assert_true (group_has_text (group, "a<b & \"c\""));
  g_assert_true (group_has_text (group, "4 × 4 × 2"));
  group = find_group (&scan, "layer-слой_σ");
  g_assert_nonnull (group);
  g_assert_true (group_has_text (group, "слой σ"));

  /* A name that wraps, and is cut, is one <text>, its lines within it:
   * the name, the shape and the parameters. */
  group = g_ptr_array_index (scan.groups, scan.groups->len - 1);
  g_assert_cmpstr (group->title->str, ==, long_name);
  g_assert_cmpuint (group->texts->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (group->texts, 0), "many words "));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (group->texts, 0), "…"));
  g_assert_true (group_has_text (group, "2"));
  g_assert_true (group_has_text (group, "10 params"));

  /* A name that wraps after a dot keeps its text: no hyphen, nothing
   * added where it breaks. */
  group = find_group (&scan, "layer-layer2.0.downsample.0");
  g_assert_nonnull (group);
  g_assert_cmpstr (group->title->str, ==, "layer2.0.downsample.0");
  g_assert_true (group_has_text (group, "layer2.0.downsample.0"));
  g_assert_nonnull (strstr (contents, ">layer2.0.</tspan>"));
  g_assert_nonnull (strstr (contents, ">downsample.0</tspan>"));
  scan_clear (&scan);
}

/* Explicit padding is in the label; a network with an error says so in
 * its title; short numbers are short everywhere. */
static void
test_svg_labels (void)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  StrataRenderOptions options;
  const char *contents;
  SvgGroup *group;
  gsize length;
  SvgScan scan;

  strata_network_set_name (network, "padded");
  strata_network_set_input (network, 32, 32, 3);
  test_append (network, test_layer (STRATA_LAYER_KIND_CONV2D, "c1", "filters", 64,
                                    "kernel-height", 3, "kernel-width", 3,
                                    "padding", STRATA_PADDING_EXPLICIT, "padding-height", 1,
                                    "padding-width", 1, NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_CONV2D, "c2", "filters", 1000,
                                    "kernel-height", 3, "kernel-width", 5,
                                    "padding", STRATA_PADDING_EXPLICIT, "padding-height", 1,
                                    "padding-width", 2, "stride-height", 2, "stride-width", 2,
                                    NULL));
  strata_render_options_init (&options);
  bytes = strata_export_to_bytes (network, &options, STRATA_EXPORT_FORMAT_SVG, 72, &error);
  g_assert_no_error (error);
  contents = g_bytes_get_data (bytes, &length);
  scan_svg (contents, length, &scan);
  group = find_group (&scan, "layer-c1");
  g_assert_true (group_has_text (group, "3 × 3, pad 1"));
  g_assert_true (group_has_text (group, "32 × 32 × 64"));
  g_assert_true (group_has_text (group, "1\u202F792 params"));
  group = find_group (&scan, "layer-c2");
  /* (32 + 2 − 3) / 2 + 1 = 16, (32 + 4 − 5) / 2 + 1 = 16 */
  g_assert_true (group_has_text (group, "3 × 5, stride 2, pad 1 × 2"));
  /* Dimensions are written as in code, without groups. */
  g_assert_true (group_has_text (group, "16 × 16 × 1000"));
  g_assert_true (group_has_text (group, "961\u202F000 params"));
  g_assert_nonnull (strstr (contents, ">2 layers · 962\u202F792 parameters</text>"));
  scan_clear (&scan);

  g_clear_pointer (&bytes, g_bytes_unref);
  options.short_numbers = TRUE;
  bytes = strata_export_to_bytes (network, &options, STRATA_EXPORT_FORMAT_SVG, 72, &error);
  g_assert_no_error (error);
  contents = g_bytes_get_data (bytes, &length);
  scan_svg (contents, length, &scan);
  g_assert_true (group_has_text (find_group (&scan, "layer-c1"), "1.8\u00A0k params"));
  g_assert_true (group_has_text (find_group (&scan, "layer-c2"), "961.0\u00A0k params"));
  g_assert_nonnull (strstr (contents, ">2 layers · 962.8\u00A0k parameters</text>"));
  scan_clear (&scan);

  /* A kernel larger than the map: the title says the counts stop there. */
  test_append (network, test_layer (STRATA_LAYER_KIND_CONV2D, "too big", "filters", 8,
                                    "kernel-height", 20, "kernel-width", 20, NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_DENSE, "fc", "units", 10, NULL));
  g_clear_pointer (&bytes, g_bytes_unref);
  options.short_numbers = FALSE;
  bytes = strata_export_to_bytes (network, &options, STRATA_EXPORT_FORMAT_SVG, 72, &error);
  g_assert_no_error (error);
  contents = g_bytes_get_data (bytes, &length);
  g_assert_nonnull (strstr (contents, ">4 layers · 962\u202F792 parameters · "
                                      "incomplete: “too big” has an error</text>"));

  /* A long name is cut, so that the line still says what is wrong. */
  strata_layer_set_name (strata_network_get_layer (network, 2),
                         "a name of sixty characters, far more than the title line has");
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = strata_export_to_bytes (network, &options, STRATA_EXPORT_FORMAT_SVG, 72, &error);
  g_assert_no_error (error);
  contents = g_bytes_get_data (bytes, &length);
  g_assert_nonnull (strstr (contents, " · incomplete: “a name of sixty characters, far more "
                                      "th…” has an error</text>"));
}

static guint
count_paths (const char *contents)
{
  guint n = 0;

  for (const char *at = strstr (contents, "<path"); at != NULL; at = strstr (at + 1, "<path"))
    n++;
  return n;
}

/* The count of layers under the title is grouped as every count is, and
 * not shortened. */
static void
test_svg_layer_count (void)
{
  g_autoptr(StrataNetwork) network = test_long_network (1000);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  StrataRenderOptions options;

  strata_render_options_init (&options);
  options.short_numbers = TRUE;
  bytes = strata_export_to_bytes (network, &options, STRATA_EXPORT_FORMAT_SVG, 72, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), ">1\u202F000 layers · "));
}

/* VGG-16 with its separate ReLU layers: 37 layers, 23 blocks. */
static void
test_svg_vgg (void)
{
  g_autoptr(StrataNetwork) network = test_vgg16_network ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  StrataRenderOptions options;
  SvgScan scan;
  gsize length;
  const char *contents;
  guint n_paths;

  strata_render_options_init (&options);
  options.max_width = 1280;
  options.show_kernels = TRUE;
  options.theme = STRATA_THEME_DARK;
  bytes = strata_export_to_bytes (network, &options, STRATA_EXPORT_FORMAT_SVG, 72, &error);
  g_assert_no_error (error);
  contents = g_bytes_get_data (bytes, &length);
  scan_svg (contents, length, &scan);
  g_assert_cmpuint (scan.n_blocks, ==, 23);
  g_assert_cmpstr (g_ptr_array_index (scan.names, 1), ==, "conv1_1");
  g_assert_cmpstr (g_ptr_array_index (scan.names, 22), ==, "fc8");
  scan_clear (&scan);

  /* The bars style lists every layer, the ReLUs too. */
  g_clear_pointer (&bytes, g_bytes_unref);
  options.style = STRATA_DIAGRAM_STYLE_BARS;
  bytes = strata_export_to_bytes (network, &options, STRATA_EXPORT_FORMAT_SVG, 72, &error);
  g_assert_no_error (error);
  contents = g_bytes_get_data (bytes, &length);
  scan_svg (contents, length, &scan);
  g_assert_cmpuint (scan.n_blocks, ==, 38);
  g_assert_cmpstr (g_ptr_array_index (scan.names, 2), ==, "relu1_1");
  scan_clear (&scan);

  /* Top to bottom, labels start beside their blocks rather than centred
   * under them, and each of the 5 groups' brackets is a line of its own. */
  g_clear_pointer (&bytes, g_bytes_unref);
  options.style = STRATA_DIAGRAM_STYLE_BLOCKS;
  options.arrangement = STRATA_ARRANGEMENT_TOP_TO_BOTTOM;
  options.max_width = 0;
  options.show_kernels = FALSE;
  bytes = strata_export_to_bytes (network, &options, STRATA_EXPORT_FORMAT_SVG, 72, &error);
  g_assert_no_error (error);
  contents = g_bytes_get_data (bytes, &length);
  scan_svg (contents, length, &scan);
  g_assert_cmpuint (scan.n_blocks, ==, 23);
  g_assert_true (group_has_text (find_group (&scan, "layer-conv5_3"), "14 × 14 × 512"));
  g_assert_null (strstr (contents, "text-anchor=\"middle\""));
  scan_clear (&scan);
  n_paths = count_paths (contents);
  g_clear_pointer (&bytes, g_bytes_unref);
  options.group_repeats = FALSE;
  bytes = strata_export_to_bytes (network, &options, STRATA_EXPORT_FORMAT_SVG, 72, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_paths, ==, count_paths (g_bytes_get_data (bytes, NULL)) + 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-svg/text", test_svg_text);
  g_test_add_func ("/export-svg/names", test_svg_names);
  g_test_add_func ("/export-svg/labels", test_svg_labels);
  g_test_add_func ("/export-svg/vgg", test_svg_vgg);
  g_test_add_func ("/export-svg/layer-count", test_svg_layer_count);

  return g_test_run ();
}
