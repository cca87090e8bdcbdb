/* test-import-torch.c: networks from the text of PyTorch's print(model), against PyTorch. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "strata-import.h"
#include "strata-test-refs.h"

/* Every row PyTorch's forward hooks recorded (one per call of a leaf
 * module) is matched to the layer of the same module path, the n-th call
 * of a module to the layer named path_n; its output shape and counts must
 * be PyTorch's. The layers with no row are what forward() does without a
 * module (residual additions, concatenations, torch.flatten, F.relu). */

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static StrataNetwork *
import_text (const char *text,
             guint       channels,
             guint       height,
             guint       width,
             GPtrArray  *warnings,
             GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  StrataImportOptions options = { TRUE, height, width, channels };

  return strata_import_torch_print (bytes, "model.txt", &options, warnings, error);
}

static gboolean
has_warning (GPtrArray  *warnings,
             const char *part)
{
  for (guint i = 0; i < warnings->len; i++)
    if (strstr (g_ptr_array_index (warnings, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
is_functional (StrataLayer *layer)
{
  StrataLayerKind kind = strata_layer_get_kind (layer);

  if (kind == STRATA_LAYER_KIND_ACTIVATION)
    return g_str_has_suffix (strata_layer_get_name (layer), ".relu") ||
           g_str_equal (strata_layer_get_name (layer), "relu");
  return kind == STRATA_LAYER_KIND_ADD || kind == STRATA_LAYER_KIND_CONCATENATE ||
         kind == STRATA_LAYER_KIND_MULTIPLY ||
         kind == STRATA_LAYER_KIND_FLATTEN || kind == STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D ||
         kind == STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D;
}

/* Imports @print with the input of @rows_path and checks every row. */
static void
check_model (const char *print_path,
             const char *rows_path,
             const char *network_name,
             GPtrArray  *warnings)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) bytes = read_bytes (print_path);
  g_autoptr(GHashTable) layers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) matched = g_hash_table_new (NULL, NULL);
  g_autoptr(StrataNetwork) network = NULL;
  g_autoptr(GError) error = NULL;
  StrataImportOptions options = { TRUE, 0, 0, 0 };
  StrataShape input, diverged_ref = { 0 }, diverged_ours = { 0 };
  gboolean diverged = FALSE;
  JsonObject *top;
  JsonArray *rows;

  json_parser_load_from_file (parser, rows_path, &error);
  g_assert_no_error (error);
  top = json_node_get_object (json_parser_get_root (parser));
  rows = json_object_get_array_member (top, "rows");
  input = torch_shape (json_object_get_array_member (top, "input_shape"));
  options.height = input.height;
  options.width = input.width;
  options.channels = input.channels;

  g_assert_true (strata_import_torch_print_sniff (bytes));
  network = strata_import_torch_print (bytes, "model.txt", &options, warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (network);
  g_assert_cmpstr (strata_network_get_name (network), ==, network_name);
  g_assert_cmpint (strata_network_get_first_error (network), ==, -1);

  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);

      g_assert_false (g_hash_table_contains (layers, strata_layer_get_name (layer)));
      g_hash_table_insert (layers, (gpointer) strata_layer_get_name (layer), layer);
    }

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *name = json_object_get_string_member (row, "name");
      const char *type = json_object_get_string_member (row, "type");
      gint64 call = json_object_has_member (row, "call") ? json_object_get_int_member (row, "call")
                                                        : 0;
      g_autofree char *layer_name = call == 0 ? g_strdup (name)
                                              : g_strdup_printf ("%s_%" G_GINT64_FORMAT, name,
                                                                 call + 1);
      StrataLayer *layer = g_hash_table_lookup (layers, layer_name);
      StrataShape ref_in = torch_shape (json_object_get_array_member (row, "input_shape"));
      StrataShape expected = torch_shape (json_object_get_array_member (row, "output_shape"));
      JsonObject *h = json_object_has_member (row, "hparams")
                        ? json_object_get_object_member (row, "hparams") : NULL;

      if (layer == NULL && (g_str_equal (type, "Identity") ||
                            g_str_equal (type, "StochasticDepth")))
        {
          /* Dropped, as they change nothing. */
          g_assert_true (strata_shape_equal (&ref_in, &expected));
          g_assert_cmpint (json_object_get_int_member (row, "params"), ==, 0);
          continue;
        }
      if (layer == NULL)
        g_error ("row %u: no layer “%s”", i, layer_name);
      g_hash_table_add (matched, layer);

      if (g_str_equal (type, "AvgPool2d") &&
          json_object_get_boolean_member (h, "ceil_mode"))
        {
          /* The print hides AvgPool2d's ceil_mode: the layer must be PyTorch's
           * module in all else, and say what it assumed. */
          StrataLayerParams p = *strata_layer_get_params (layer);
          const StrataShape *in = strata_layer_get_input_shape (layer);
          StrataLayerResult result = { 0 };
          g_autofree char *place = g_strdup_printf ("“%s” (AvgPool2d)", name);

          g_assert_false (p.ceil_mode);
          p.ceil_mode = TRUE;
          strata_layer_kind_apply (STRATA_LAYER_KIND_AVGPOOL2D, &p, &in, 1, &result);
          g_assert_null (result.error);
          g_assert_true (strata_shape_equal (&result.output, &expected));
          strata_layer_result_clear (&result);
          if (!strata_shape_equal (strata_layer_get_output_shape (layer), &expected))
            {
              g_assert_true (has_warning (warnings, place));
              diverged = TRUE;
              diverged_ref = expected;
              diverged_ours = *strata_layer_get_output_shape (layer);
              expected = diverged_ours;
            }
        }
      else if (diverged && strata_shape_equal (&ref_in, &diverged_ref) &&
               strata_shape_equal (&expected, &ref_in))
        expected = diverged_ours;
      else
        diverged = FALSE;

      assert_shape (layer, &expected, i);
      g_assert_cmpuint (strata_layer_get_trainable_params (layer), ==,
                        json_object_get_int_member (row, "params"));
      g_assert_cmpuint (strata_layer_get_non_trainable_params (layer), ==,
                        json_object_get_int_member (row, "float_buffer_numel"));
    }

  /* Every other layer stands for functional code in forward(). */
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);

      if (!g_hash_table_contains (matched, layer) && !is_functional (layer))
        g_error ("layer “%s” has no row", strata_layer_get_name (layer));
    }

  g_assert_cmpuint (strata_network_get_trainable_params (network), ==,
                    json_object_get_int_member (top, "total_params"));
  g_assert_cmpuint (strata_network_get_non_trainable_params (network), ==,
                    json_object_get_int_member (top, "float_buffer_numel"));

  if (json_object_has_member (top, "merges"))
    {
      JsonObject *merges = json_object_get_object_member (top, "merges");
      guint adds = 0, concatenations = 0, products = 0;

      for (guint i = 0; i < strata_network_get_n_layers (network); i++)
        {
          StrataLayerKind kind = strata_layer_get_kind (strata_network_get_layer (network, i));

          adds += kind == STRATA_LAYER_KIND_ADD;
          concatenations += kind == STRATA_LAYER_KIND_CONCATENATE;
          products += kind == STRATA_LAYER_KIND_MULTIPLY;
        }
      g_assert_cmpuint (adds, ==, json_object_get_int_member (merges, "add"));
      g_assert_cmpuint (concatenations, ==, json_object_get_int_member (merges, "concatenate"));
      g_assert_cmpuint (products, ==, json_object_get_int_member (merges, "multiply"));
    }
}

typedef struct
{
  const char *model;
  const char *network_name;
  const char *warning; /* part of a warning the import must give, or NULL for none */
} Model;

static void
test_refs (gconstpointer data)
{
  const Model *model = data;
  const char *dir = g_getenv ("STRATA_REFS_DIR");
  g_autofree char *txt = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  if (!refs_available ())
    return;
  txt = g_strdup_printf ("%s%ctorchprint%c%s.txt", dir, G_DIR_SEPARATOR, G_DIR_SEPARATOR,
                         model->model);
  json = g_strdup_printf ("%s%ctorch%c%s.json", dir, G_DIR_SEPARATOR, G_DIR_SEPARATOR,
                          model->model);
  check_model (txt, json, model->network_name, warnings);
  if (model->warning != NULL)
    g_assert_true (has_warning (warnings, model->warning));
  else
    g_assert_cmpuint (warnings->len, ==, 0);
}

static void
test_torchvision (gconstpointer data)
{
  const Model *model = data;
  g_autofree char *name = g_strdup_printf ("%s.txt", model->model);
  g_autofree char *rows = g_strdup_printf ("%s.json", model->model);
  g_autofree char *txt = g_test_build_filename (G_TEST_DIST, "data", "torchprint", name, NULL);
  g_autofree char *json = g_test_build_filename (G_TEST_DIST, "data", "torchprint", rows, NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  check_model (txt, json, model->network_name, warnings);
  if (model->warning != NULL)
    g_assert_true (has_warning (warnings, model->warning));
  else
    g_assert_cmpuint (warnings->len, ==, 0);
}

static const Model ref_models[] = {
  { "lenet5", "Sequential", NULL },
  { "ng_cnn", "Sequential", NULL },
  { "odd_cases", "Sequential", "“12” (AvgPool2d): PyTorch does not print ceil_mode" },
  { "resnet18", "ResNet", NULL },
  { "vgg16", "VGG", NULL },
};

static const Model torchvision_models[] = {
  { "alexnet", "AlexNet", NULL },
  { "densenet121", "DenseNet", "“classifier” (Linear): its in_features equal the channels" },
  { "efficientnet_b0", "EfficientNet", NULL },
  { "googlenet", "GoogLeNet", "“aux2” (InceptionAux): it runs only while training" },
  { "mnasnet0_5", "MNASNet", "“classifier.1” (Linear): its in_features equal the channels" },
  { "mobilenet_v2", "MobileNetV2", "“classifier.1” (Linear): its in_features equal the channels" },
  { "resnet50", "ResNet", NULL },
  { "squeezenet1_0", "SqueezeNet", NULL },
};

/* The wiring of blocks, seen in the graph. */
static void
test_wiring (void)
{
  static const char resnet[] =
    "Net(\n"
    "  (conv): Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)\n"
    "  (block): BasicBlock(\n"
    "    (conv1): Conv2d(8, 16, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)\n"
    "    (bn1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n"
    "    (relu): ReLU(inplace=True)\n"
    "    (conv2): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)\n"
    "    (bn2): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n"
    "    (downsample): Sequential(\n"
    "      (0): Conv2d(8, 16, kernel_size=(1, 1), stride=(2, 2), bias=False)\n"
    "      (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n"
    "    )\n"
    "  )\n"
    "  (fc): Linear(in_features=1024, out_features=10, bias=True)\n"
    ")\n";
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = import_text (resnet, 3, 16, 16, warnings, &error);
  const char *names[] = {
    "conv", "block.conv1", "block.bn1", "block.relu", "block.conv2", "block.bn2",
    "block.downsample.0", "block.downsample.1", "block.add", "block.relu_2", "flatten", "fc",
  };
  StrataLayer *add;

  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (network, i)), ==, names[i]);
  /* The shortcut reads the block's input; the sum reads both paths. */
  g_assert_true (strata_network_get_input_layer (network, 6, 0) ==
                 strata_network_get_layer (network, 0));
  add = strata_network_get_layer (network, 8);
  g_assert_cmpuint (strata_network_get_n_input_layers (network, 8), ==, 2);
  g_assert_true (strata_network_get_input_layer (network, 8, 0) ==
                 strata_network_get_layer (network, 5));
  g_assert_true (strata_network_get_input_layer (network, 8, 1) ==
                 strata_network_get_layer (network, 7));
  g_assert_cmpuint (strata_layer_get_output_shape (add)->channels, ==, 16);
  g_assert_cmpuint (strata_layer_get_output_shape (add)->height, ==, 8);
  g_assert_cmpuint (strata_network_get_trainable_params (network), ==,
                    216 + 1152 + 32 + 2304 + 32 + 128 + 32 + 10250);
  g_assert_cmpuint (warnings->len, ==, 0);
}

/* Where forward() is taken to flatten: after the activations that follow
 * a module, before the dropouts of a classifier. */
static void
test_flatten_point (void)
{
  static const struct
  {
    const char *text;
    const char *names;
  } cases[] = {
    { "Net(\n  (conv): Conv2d(3, 4, kernel_size=(3, 3), stride=(1, 1))\n  (relu): ReLU()\n"
      "  (drop): Dropout(p=0.5, inplace=False)\n"
      "  (fc): Linear(in_features=144, out_features=2, bias=True)\n)\n",
      "conv relu flatten drop fc" },
    { "Net(\n  (conv): Conv2d(3, 4, kernel_size=(3, 3), stride=(1, 1))\n"
      "  (classifier): Sequential(\n    (0): Dropout(p=0.5, inplace=False)\n"
      "    (1): Linear(in_features=144, out_features=2, bias=True)\n  )\n)\n",
      "conv flatten classifier.0 classifier.1" },
    { "Net(\n  (features): Sequential(\n"
      "    (0): Conv2d(3, 4, kernel_size=(3, 3), stride=(1, 1))\n    (1): ReLU()\n  )\n"
      "  (classifier): Sequential(\n    (0): Dropout(p=0.5, inplace=False)\n"
      "    (1): Linear(in_features=4, out_features=2, bias=True)\n  )\n)\n",
      "features.0 features.1 adaptive_avg_pool2d classifier.0 classifier.1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = import_text (cases[i].text, 3, 8, 8, warnings, &error);
      g_autoptr(GString) names = g_string_new (NULL);

      g_assert_no_error (error);
      for (guint k = 0; k < strata_network_get_n_layers (network); k++)
        g_string_append_printf (names, "%s%s", k > 0 ? " " : "",
                                strata_layer_get_name (strata_network_get_layer (network, k)));
      g_assert_cmpstr (names->str, ==, cases[i].names);
      g_assert_cmpuint (warnings->len, ==, i == 2 ? 1 : 0);
    }
}

static void
test_needs_input (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("Sequential(\n  (0): ReLU()\n)\n", 28);
  StrataImportOptions options = { FALSE, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = strata_import_torch_print (bytes, "model.txt", &options,
                                                                NULL, &error);

  g_assert_null (network);
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_NEEDS_INPUT);
  g_assert_nonnull (strstr (error->message, "model.txt"));
  g_assert_nonnull (strstr (error->message, "--input CxHxW"));
}

static void
test_sniff (void)
{
  static const struct
  {
    const char *text;
    gboolean    is_print;
  } cases[] = {
    { "Sequential(\n  (0): Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))\n)\n", TRUE },
    { "\xef\xbb\xbf\n  ResNet(\n  (conv1): Conv2d(3, 64, kernel_size=(7, 7))\n", TRUE },
    { "Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1))\n", TRUE },
    { "Sequential(\n)\n", TRUE },
    { "{\"format\": \"strata\"}", FALSE },
    { "\x08\x07\x12\x07pytorch", FALSE },
    { "print(model)\nSequential(\n", FALSE },
    { "Sequential(\n  0: ReLU()\n)", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));

      if (strata_import_torch_print_sniff (bytes) != cases[i].is_print)
        g_error ("case %u: sniffed %s", i, cases[i].is_print ? "FALSE" : "TRUE");
    }
}

/* Damaged or unsupported text: one error naming the file and the place. */
static void
test_damaged (void)
{
  static const struct
  {
    const char *text;
    int         code;
    const char *place;   /* part of the message */
    const char *problem; /* another part */
  } cases[] = {
    { "", STRATA_IMPORT_ERROR_INVALID, "line 1, column 1", "class name" },
    { "Sequential(\n  (0): Conv2d(3, 6, kernel_size=(5, 5)\n)\n", STRATA_IMPORT_ERROR_INVALID,
      "line 2, column 14", "not closed on its line" },
    { "Sequential(\n  (0): ReLU()\n", STRATA_IMPORT_ERROR_INVALID, "line 1, column 11",
      "never closed" },
    { "Sequential(\n  (0): ReLU())\n)\n", STRATA_IMPORT_ERROR_INVALID, "line 2, column 14",
      "line of its own" },
    { "Sequential(\n  (0): ReLU()\n  (1) ReLU()\n)\n", STRATA_IMPORT_ERROR_INVALID,
      "line 3, column 3", "expected a child" },
    { "Sequential(\n  (0): ReLU()\n)\nReLU()\n", STRATA_IMPORT_ERROR_INVALID, "line 4, column 1",
      "more text after" },
    { "Sequential(\n  (0): Re\xc3LU()\n)\n", STRATA_IMPORT_ERROR_INVALID, "line 2, column 10",
      "not text (UTF-8)" },
    { "Sequential(\n  (0): Conv2d(3, 6x, kernel_size=5)\n)\n", STRATA_IMPORT_ERROR_INVALID,
      "line 2, column 18", "“6x” is not a number" },
    { "Conv2d(3, 99999999999999999999, kernel_size=5)", STRATA_IMPORT_ERROR_INVALID,
      "line 1, column 11", "too large" },
    { "Conv2d(3, 4294967296, kernel_size=5)", STRATA_IMPORT_ERROR_INVALID, "“Conv2d” (Conv2d)",
      "“out_channels” must be a whole number from 1" },
    { "Conv2d(3, 8, kernel_size=(0, 3))", STRATA_IMPORT_ERROR_INVALID, "line 1, column 27",
      "“kernel_size” must be a whole number from 1" },
    { "Conv2d(3, 8, kernel_size=(64, 64))", STRATA_IMPORT_ERROR_INVALID, "“Conv2d” (Conv2d)",
      "does not fit a 32 × 32 input" },
    { "Conv2d(3, 8, kernel_size=3, stride=2, padding=same)", STRATA_IMPORT_ERROR_INVALID,
      "(Conv2d)", "padding='same' needs a stride of 1" },
    { "Sequential(\n  (0): Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))\n)\n",
      STRATA_IMPORT_ERROR_INVALID, "line 2, column 8: “0” (Conv2d)",
      "in_channels is 1, but it receives a 3 × 32 × 32 tensor" },
    { "Sequential(\n  (0): Flatten(start_dim=1, end_dim=-1)\n"
      "  (1): Linear(in_features=100, out_features=10, bias=True)\n)\n",
      STRATA_IMPORT_ERROR_INVALID, "“1” (Linear)", "in_features is 100, but it receives a vector" },
    { "Sequential(\n  (0): Linear(in_features=3072, out_features=10, bias=True)\n)\n",
      STRATA_IMPORT_ERROR_INVALID, "“0” (Linear)", "no module flattens it" },
    { "Net(\n  (conv): Conv2d(3, 4, kernel_size=(1, 1), stride=(1, 1))\n"
      "  (fc): Linear(in_features=100, out_features=10, bias=True)\n)\n",
      STRATA_IMPORT_ERROR_INVALID, "“fc” (Linear)", "4 × 32 × 32 tensor (C × H × W), which has" },
    { "Sequential(\n  (0): Hardswish()\n)\n", STRATA_IMPORT_ERROR_UNSUPPORTED,
      "line 2, column 8: “0” (Hardswish)", "no layer" },
    { "Sequential(\n  (0): Conv1d(3, 8, kernel_size=(3,), stride=(1,))\n)\n",
      STRATA_IMPORT_ERROR_NOT_2D, "“0” (Conv1d)", "2-D" },
    { "BatchNorm2d(3, eps=1e-05, momentum=0.1, affine=False, track_running_stats=True)",
      STRATA_IMPORT_ERROR_UNSUPPORTED, "(BatchNorm2d)", "affine=True" },
    { "Conv2d(3, 8, kernel_size=(3, 3), frobnicate=True)", STRATA_IMPORT_ERROR_UNSUPPORTED,
      "(Conv2d)", "no argument “frobnicate”" },
    { "Conv2d(3, 8, 3, 1, 0, 1, 1, True, zeros, 7)", STRATA_IMPORT_ERROR_INVALID, "(Conv2d)",
      "more arguments" },
    { "Conv2d(3, 8, kernel_size=3, kernel_size=3)", STRATA_IMPORT_ERROR_INVALID, "(Conv2d)",
      "given twice" },
    { "GELU(approximate='none)", STRATA_IMPORT_ERROR_INVALID, "line 1, column 5",
      "not closed on its line" },
    { "Dropout(p=1.0, inplace=False)", STRATA_IMPORT_ERROR_INVALID, "(Dropout)", "“p”" },
    { "MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=2, ceil_mode=False)",
      STRATA_IMPORT_ERROR_UNSUPPORTED, "(MaxPool2d)", "dilation" },
    { "Upsample(scale_factor=1.5, mode=nearest)", STRATA_IMPORT_ERROR_UNSUPPORTED, "(Upsample)",
      "whole factors" },
    { "Flatten(start_dim=2, end_dim=-1)", STRATA_IMPORT_ERROR_UNSUPPORTED, "(Flatten)",
      "start_dim=1" },
    { "Conv2d(3, 8, kernel_size=(((((3))))))", STRATA_IMPORT_ERROR_INVALID, "(Conv2d)",
      "nested too deeply" },
    { "Conv2d(3, 8, kernel_size=(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1))",
      STRATA_IMPORT_ERROR_INVALID, "(Conv2d)", "too many values" },
    { "Conv2d(3, 8, kernel_size=(3, 3) stride=1)", STRATA_IMPORT_ERROR_INVALID,
      "line 1, column 33", "expected “,” between arguments" },
    { "Net(\n  (block): BasicBlock(\n"
      "    (conv1): Conv2d(3, 3, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)\n"
      "  )\n)\n", STRATA_IMPORT_ERROR_INVALID, "“block” (BasicBlock)", "“bn1”" },
    { "Net(\n  (block): Fire(\n    (squeeze): Conv2d(3, 3, kernel_size=(1, 1))\n"
      "    (extra): ReLU()\n  )\n)\n", STRATA_IMPORT_ERROR_UNSUPPORTED, "“block” (Fire)",
      "no child “extra”" },
    { "Net(\n  (block): _DenseBlock(\n    (denselayer1): _DenseLayer()\n  )\n)\n",
      STRATA_IMPORT_ERROR_INVALID, "“block.denselayer1” (_DenseLayer)", "“norm1”" },
    { "Linear(in_features=3072, out_features=10, bias=maybe)", STRATA_IMPORT_ERROR_INVALID,
      "(Linear)", "True or False" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = import_text (cases[i].text, 3, 32, 32, NULL, &error);

      if (network != NULL)
        g_error ("case %u: imported", i);
      if (error->code != cases[i].code)
        g_test_message ("case %u: code %d: %s", i, error->code, error->message), g_test_fail ();
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (strstr (error->message, "“model.txt”") == NULL ||
          strstr (error->message, cases[i].place) == NULL ||
          strstr (error->message, cases[i].problem) == NULL)
        g_test_message ("case %u: %s", i, error->message), g_test_fail ();
    }
}

/* Nesting past the limit is refused before it costs anything. */
static void
test_deep (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, i == 0 ? "Sequential(\n" : "(0): Sequential(\n");
  network = import_text (text->str, 3, 32, 32, NULL, &error);
  g_assert_null (network);
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "line 66, column 6"));
}

/* Names are the module paths, made unique where a file repeats one. */
static void
test_names (void)
{
  static const char text[] =
    "Sequential(\n"
    "  (input): ReLU()\n"
    "  (0): ReLU()\n"
    "  (0): ReLU()\n"
    "  (0_2): Sigmoid()\n"
    "  (skip): Identity()\n"
    "  (1): Sequential(\n"
    "    (a): LeakyReLU(negative_slope=0.2)\n"
    "  )\n"
    ")\n";
  const char *names[] = { "input_2", "0", "0_2", "0_2_2", "1.a" };
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = import_text (text, 3, 8, 8, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (network, i)), ==, names[i]);
  g_assert_cmpint (strata_layer_get_params (strata_network_get_layer (network, 4))->activation,
                   ==, STRATA_ACTIVATION_LEAKY_RELU);
}

/* PyTorch 2 prints a run of equal modules of a ModuleList once. */
static void
test_repeats (void)
{
  static const char text[] =
    "Net(\n"
    "  (blocks): ModuleList(\n"
    "    (0-2): 3 x Sequential(\n"
    "      (conv): Conv2d(3, 3, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))\n"
    "      (act): ReLU()\n"
    "    )\n"
    "    (3): Conv2d(3, 8, kernel_size=(1, 1), stride=(1, 1))\n"
    "  )\n"
    ")\n";
  const char *names[] = {
    "blocks.0.conv", "blocks.0.act", "blocks.1.conv", "blocks.1.act", "blocks.2.conv",
    "blocks.2.act", "blocks.3",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = import_text (text, 3, 8, 8, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (strata_network_get_n_layers (network), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (strata_layer_get_name (strata_network_get_layer (network, i)), ==, names[i]);
  g_assert_cmpuint (strata_network_get_trainable_params (network), ==, 3 * 84 + 32);

  /* A count that is not the range's, and a run past the limit. */
  g_clear_object (&network);
  network = import_text ("ModuleList(\n  (0-2): 2 x ReLU()\n)\n", 3, 8, 8, NULL, &error);
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_INVALID);
  g_clear_error (&error);
  network = import_text ("ModuleList(\n  (0-99999): 100000 x ReLU()\n)\n", 3, 8, 8, NULL,
                         &error);
  g_assert_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ref_models); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import-torch/refs/%s", ref_models[i].model);

      g_test_add_data_func (path, &ref_models[i], test_refs);
    }
  for (guint i = 0; i < G_N_ELEMENTS (torchvision_models); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import-torch/torchvision/%s",
                                               torchvision_models[i].model);

      g_test_add_data_func (path, &torchvision_models[i], test_torchvision);
    }
  g_test_add_func ("/import-torch/wiring", test_wiring);
  g_test_add_func ("/import-torch/flatten-point", test_flatten_point);
  g_test_add_func ("/import-torch/needs-input", test_needs_input);
  g_test_add_func ("/import-torch/sniff", test_sniff);
  g_test_add_func ("/import-torch/damaged", test_damaged);
  g_test_add_func ("/import-torch/deep", test_deep);
  g_test_add_func ("/import-torch/names", test_names);
  g_test_add_func ("/import-torch/repeats", test_repeats);
  return g_test_run ();
}
