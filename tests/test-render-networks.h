/* test-render-networks.h: networks built through the model API for the renderer's tests. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-network.h"

static inline StrataLayer *
test_layer (StrataLayerKind  kind,
            const char      *name,
            const char      *first_property,
            ...)
{
  StrataLayer *layer = strata_layer_new (kind);
  va_list args;

  strata_layer_set_name (layer, name);
  if (first_property != NULL)
    {
      va_start (args, first_property);
      g_object_set_valist (G_OBJECT (layer), first_property, args);
      va_end (args);
    }
  return layer;
}

static inline void
test_append (StrataNetwork *network,
             StrataLayer   *layer)
{
  strata_network_append (network, layer);
  g_object_unref (layer);
}

/* 32×32×3, conv 8@5×5 ReLU, max pool 2, conv 16@5×5 ReLU, max pool 2,
 * dense 120 ReLU, dense 84 ReLU, dense 10 softmax. */
static inline StrataNetwork *
test_lecture_network (void)
{
  StrataNetwork *network = strata_network_new ();

  strata_network_set_name (network, "Lecture example");
  strata_network_set_input (network, 32, 32, 3);
  test_append (network, test_layer (STRATA_LAYER_KIND_CONV2D, "conv1", "filters", 8,
                                    "kernel-height", 5, "kernel-width", 5,
                                    "activation", STRATA_ACTIVATION_RELU, NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_MAXPOOL2D, "pool1", NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_CONV2D, "conv2", "filters", 16,
                                    "kernel-height", 5, "kernel-width", 5,
                                    "activation", STRATA_ACTIVATION_RELU, NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_MAXPOOL2D, "pool2", NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_DENSE, "fc1", "units", 120,
                                    "activation", STRATA_ACTIVATION_RELU, NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_DENSE, "fc2", "units", 84,
                                    "activation", STRATA_ACTIVATION_RELU, NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_DENSE, "fc3", "units", 10,
                                    "activation", STRATA_ACTIVATION_SOFTMAX, NULL));
  return network;
}

/* VGG-16 with every ReLU as a layer of its own (37 layers): 13 convolutions
 * 3×3 "same", 5 max pools, flatten, dense 4096, 4096, 1000. */
static inline StrataNetwork *
test_vgg16_network (void)
{
  static const guint blocks[5][2] = { { 2, 64 }, { 2, 128 }, { 3, 256 }, { 3, 512 }, { 3, 512 } };
  StrataNetwork *network = strata_network_new ();

  strata_network_set_name (network, "VGG-16");
  strata_network_set_input (network, 224, 224, 3);
  for (guint b = 0; b < 5; b++)
    {
      for (guint i = 0; i < blocks[b][0]; i++)
        {
          g_autofree char *conv = g_strdup_printf ("conv%u_%u", b + 1, i + 1);
          g_autofree char *relu = g_strdup_printf ("relu%u_%u", b + 1, i + 1);

          test_append (network, test_layer (STRATA_LAYER_KIND_CONV2D, conv,
                                            "filters", blocks[b][1],
                                            "padding", STRATA_PADDING_SAME, NULL));
          test_append (network, test_layer (STRATA_LAYER_KIND_ACTIVATION, relu, NULL));
        }
      {
        g_autofree char *pool = g_strdup_printf ("pool%u", b + 1);

        test_append (network, test_layer (STRATA_LAYER_KIND_MAXPOOL2D, pool, NULL));
      }
    }
  test_append (network, test_layer (STRATA_LAYER_KIND_FLATTEN, "flatten", NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_DENSE, "fc6", "units", 4096, NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_ACTIVATION, "relu6", NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_DENSE, "fc7", "units", 4096, NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_ACTIVATION, "relu7", NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_DENSE, "fc8", "units", 1000,
                                    "activation", STRATA_ACTIVATION_SOFTMAX, NULL));
  return network;
}

/* A learner's mistake: a 5×5 kernel on a 4×4 map, and layers after it. */
static inline StrataNetwork *
test_broken_network (void)
{
  StrataNetwork *network = strata_network_new ();

  strata_network_set_name (network, "Broken");
  strata_network_set_input (network, 8, 8, 1);
  test_append (network, test_layer (STRATA_LAYER_KIND_MAXPOOL2D, "pool", NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_CONV2D, "too big", "filters", 4,
                                    "kernel-height", 5, "kernel-width", 5, NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_ACTIVATION, "relu", NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_FLATTEN, "flatten", NULL));
  test_append (network, test_layer (STRATA_LAYER_KIND_DENSE, "out", "units", 10, NULL));
  return network;
}

/* @n layers that keep a small shape: conv 3×3 "same" then batchnorm, over
 * and over, for timing and for very long layouts. */
static inline StrataNetwork *
test_long_network (guint n)
{
  StrataNetwork *network = strata_network_new ();
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);

  strata_network_set_name (network, "Long");
  strata_network_set_input (network, 16, 16, 8);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("layer%u", i + 1);

      if (i % 2 == 0)
        g_ptr_array_add (layers, test_layer (STRATA_LAYER_KIND_CONV2D, name, "filters", 8 + i % 7,
                                             "padding", STRATA_PADDING_SAME, NULL));
      else
        g_ptr_array_add (layers, test_layer (STRATA_LAYER_KIND_MAXPOOL2D, name,
                                             "padding", STRATA_PADDING_SAME,
                                             "stride-height", 1, "stride-width", 1, NULL));
    }
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  return network;
}

/* Branching networks. A layer reads the one before it unless told; these
 * helpers name what it reads (NULL: the network's input) before the
 * layers go into a network, as files do. */
static inline StrataLayer *
test_reads (StrataLayer *layer,
            guint        n_inputs,
            ...)
{
  g_autofree StrataLayer **inputs = g_new0 (StrataLayer *, MAX (n_inputs, 1));
  va_list args;

  va_start (args, n_inputs);
  for (guint i = 0; i < n_inputs; i++)
    inputs[i] = va_arg (args, StrataLayer *);
  va_end (args);
  strata_layer_set_inputs (layer, inputs, n_inputs);
  return layer;
}

/* Adds @layer (taking it) to @layers, and returns it for test_reads(). */
static inline StrataLayer *
test_push (GPtrArray   *layers,
           StrataLayer *layer)
{
  g_ptr_array_add (layers, layer);
  return layer;
}

static inline StrataNetwork *
test_network_of (const char *name,
                 guint       height,
                 guint       width,
                 guint       channels,
                 GPtrArray  *layers)
{
  StrataNetwork *network = strata_network_new ();

  strata_network_set_name (network, name);
  strata_network_set_input (network, height, width, channels);
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  g_ptr_array_unref (layers);
  return network;
}

static inline StrataLayer *
test_conv (const char       *name,
           guint             filters,
           guint             kernel,
           guint             stride,
           StrataActivation  activation)
{
  return test_layer (STRATA_LAYER_KIND_CONV2D, name, "filters", filters,
                     "kernel-height", kernel, "kernel-width", kernel,
                     "stride-height", stride, "stride-width", stride,
                     "padding", STRATA_PADDING_SAME, "activation", activation, NULL);
}

/* 32×32×3, a stem convolution, then two residual blocks: one whose
 * shortcut is the identity, one that halves the map and whose shortcut is
 * a 1×1 projection; each convolution has a batch normalization, the
 * blocks' adds a ReLU. Layers 0–19. */
static inline StrataNetwork *
test_resnet_network (void)
{
  GPtrArray *l = g_ptr_array_new_with_free_func (g_object_unref);
  StrataLayer *stem, *bn1b, *relu1, *bn2b, *bnp;

  stem = test_push (l, test_conv ("stem", 16, 3, 1, STRATA_ACTIVATION_RELU));      /* 0 */
  test_push (l, test_conv ("res1a", 16, 3, 1, STRATA_ACTIVATION_NONE));
  test_push (l, test_layer (STRATA_LAYER_KIND_BATCHNORM, "bn1a", NULL));
  test_push (l, test_layer (STRATA_LAYER_KIND_ACTIVATION, "relu1a", NULL));
  test_push (l, test_conv ("res1b", 16, 3, 1, STRATA_ACTIVATION_NONE));
  bn1b = test_push (l, test_layer (STRATA_LAYER_KIND_BATCHNORM, "bn1b", NULL));   /* 5 */
  test_push (l, test_reads (test_layer (STRATA_LAYER_KIND_ADD, "add1", NULL), 2, bn1b, stem));
  relu1 = test_push (l, test_layer (STRATA_LAYER_KIND_ACTIVATION, "relu1", NULL));
  test_push (l, test_conv ("res2a", 32, 3, 2, STRATA_ACTIVATION_NONE));
  test_push (l, test_layer (STRATA_LAYER_KIND_BATCHNORM, "bn2a", NULL));
  test_push (l, test_layer (STRATA_LAYER_KIND_ACTIVATION, "relu2a", NULL));       /* 10 */
  test_push (l, test_conv ("res2b", 32, 3, 1, STRATA_ACTIVATION_NONE));
  bn2b = test_push (l, test_layer (STRATA_LAYER_KIND_BATCHNORM, "bn2b", NULL));
  test_push (l, test_reads (test_conv ("proj", 32, 1, 2, STRATA_ACTIVATION_NONE), 1, relu1));
  bnp = test_push (l, test_layer (STRATA_LAYER_KIND_BATCHNORM, "bn_proj", NULL));
  test_push (l, test_reads (test_layer (STRATA_LAYER_KIND_ADD, "add2", NULL),          /* 15 */
                            2, bn2b, bnp));
  test_push (l, test_layer (STRATA_LAYER_KIND_ACTIVATION, "relu2", NULL));
  test_push (l, test_layer (STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D, "pool", NULL));
  test_push (l, test_layer (STRATA_LAYER_KIND_DENSE, "fc", "units", 10,
                            "activation", STRATA_ACTIVATION_SOFTMAX, NULL));
  return test_network_of ("ResNet blocks", 32, 32, 3, l);
}

/* GoogLeNet's inception (3a) module on 28×28×192: four branches (1×1;
 * 1×1 then 3×3; 1×1 then 5×5; 3×3 max pool then 1×1), concatenated into
 * 28×28×256, then a max pool. Layers 0–8. */
static inline StrataNetwork *
test_inception_network (void)
{
  GPtrArray *l = g_ptr_array_new_with_free_func (g_object_unref);
  StrataLayer *b1, *b2, *b3, *b4;

  b1 = test_push (l, test_conv ("1×1", 64, 1, 1, STRATA_ACTIVATION_RELU));           /* 0 */
  test_push (l, test_reads (test_conv ("3×3 reduce", 96, 1, 1, STRATA_ACTIVATION_RELU), 1, NULL));
  b2 = test_push (l, test_conv ("3×3", 128, 3, 1, STRATA_ACTIVATION_RELU));
  test_push (l, test_reads (test_conv ("5×5 reduce", 16, 1, 1, STRATA_ACTIVATION_RELU), 1, NULL));
  b3 = test_push (l, test_conv ("5×5", 32, 5, 1, STRATA_ACTIVATION_RELU));
  test_push (l, test_reads (test_layer (STRATA_LAYER_KIND_MAXPOOL2D, "pool", "pool-height", 3,
                                        "pool-width", 3, "stride-height", 1, "stride-width", 1,
                                        "padding", STRATA_PADDING_SAME, NULL), 1, NULL)); /* 5 */
  b4 = test_push (l, test_conv ("pool proj", 32, 1, 1, STRATA_ACTIVATION_RELU));
  test_push (l, test_reads (test_layer (STRATA_LAYER_KIND_CONCATENATE, "concat", NULL),
                            4, b1, b2, b3, b4));
  test_push (l, test_layer (STRATA_LAYER_KIND_MAXPOOL2D, "pool 3b", "pool-height", 3,
                            "pool-width", 3, "stride-height", 2, "stride-width", 2,
                            "padding", STRATA_PADDING_SAME, NULL));
  return test_network_of ("Inception module", 28, 28, 192, l);
}

/* A U-Net on 64×64×3: three levels down (two convolutions, a 2×2 max
 * pool), a bottleneck, three levels up (a transposed convolution or an
 * upsampling, a concatenation with the level's encoder output, two
 * convolutions), and a 1×1 convolution to one channel. Layers 0–24. */
static inline StrataNetwork *
test_unet_network (void)
{
  GPtrArray *l = g_ptr_array_new_with_free_func (g_object_unref);
  StrataLayer *enc[3], *up;
  const guint filters[3] = { 16, 32, 64 };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *a = g_strdup_printf ("enc%u_a", i + 1);
      g_autofree char *b = g_strdup_printf ("enc%u_b", i + 1);
      g_autofree char *pool = g_strdup_printf ("pool%u", i + 1);

      test_push (l, test_conv (a, filters[i], 3, 1, STRATA_ACTIVATION_RELU));
      enc[i] = test_push (l, test_conv (b, filters[i], 3, 1, STRATA_ACTIVATION_RELU));
      test_push (l, test_layer (STRATA_LAYER_KIND_MAXPOOL2D, pool, NULL));
    }
  test_push (l, test_conv ("mid_a", 128, 3, 1, STRATA_ACTIVATION_RELU));            /* 9 */
  test_push (l, test_conv ("mid_b", 128, 3, 1, STRATA_ACTIVATION_RELU));
  for (int i = 2; i >= 0; i--)
    {
      g_autofree char *name = g_strdup_printf ("up%d", i + 1);
      g_autofree char *concat = g_strdup_printf ("concat%d", i + 1);
      g_autofree char *a = g_strdup_printf ("dec%d_a", i + 1);
      g_autofree char *b = g_strdup_printf ("dec%d_b", i + 1);

      /* The middle level upsamples; the others learn their upsampling. */
      if (i == 1)
        up = test_push (l, test_layer (STRATA_LAYER_KIND_UPSAMPLING2D, name, NULL));
      else
        up = test_push (l, test_layer (STRATA_LAYER_KIND_CONV2D_TRANSPOSE, name,
                                       "filters", filters[i], "kernel-height", 2,
                                       "kernel-width", 2, "stride-height", 2,
                                       "stride-width", 2, NULL));
      test_push (l, test_reads (test_layer (STRATA_LAYER_KIND_CONCATENATE, concat, NULL),
                                2, up, enc[i]));
      test_push (l, test_conv (a, filters[i], 3, 1, STRATA_ACTIVATION_RELU));
      test_push (l, test_conv (b, filters[i], 3, 1, STRATA_ACTIVATION_RELU));
    }
  test_push (l, test_conv ("out", 1, 1, 1, STRATA_ACTIVATION_SIGMOID));             /* 23 */
  return test_network_of ("U-Net", 64, 64, 3, l);
}

/* A learner's merge mistake: an add of 8×8×16 and 16×16×8, which do not
 * broadcast, then a ReLU and a dense layer after it. Layers 0–4. */
static inline StrataNetwork *
test_broken_merge_network (void)
{
  GPtrArray *l = g_ptr_array_new_with_free_func (g_object_unref);
  StrataLayer *a, *b;

  a = test_push (l, test_conv ("down", 16, 3, 2, STRATA_ACTIVATION_RELU));
  b = test_push (l, test_reads (test_conv ("side", 8, 3, 1, STRATA_ACTIVATION_RELU), 1, NULL));
  test_push (l, test_reads (test_layer (STRATA_LAYER_KIND_ADD, "sum", NULL), 2, a, b));
  test_push (l, test_layer (STRATA_LAYER_KIND_ACTIVATION, "relu", NULL));
  test_push (l, test_layer (STRATA_LAYER_KIND_DENSE, "out", "units", 10, NULL));
  return test_network_of ("Broken merge", 16, 16, 8, l);
}

/* @n_blocks residual blocks on 16×16×16, each conv → conv → add of the
 * second convolution and the block's input: 3 × @n_blocks layers, for
 * timing and for very long graphs. */
static inline StrataNetwork *
test_residual_network (guint n_blocks)
{
  GPtrArray *l = g_ptr_array_new_with_free_func (g_object_unref);
  StrataLayer *input = NULL;

  for (guint i = 0; i < n_blocks; i++)
    {
      g_autofree char *a = g_strdup_printf ("block%u_a", i + 1);
      g_autofree char *b = g_strdup_printf ("block%u_b", i + 1);
      g_autofree char *add = g_strdup_printf ("block%u_add", i + 1);
      StrataLayer *conv_b;

      test_push (l, test_conv (a, 16, 3, 1, STRATA_ACTIVATION_RELU));
      conv_b = test_push (l, test_conv (b, 16, 3, 1, STRATA_ACTIVATION_NONE));
      input = test_push (l, test_reads (test_layer (STRATA_LAYER_KIND_ADD, add, NULL),
                                        2, conv_b, input));
    }
  return test_network_of ("Residual", 16, 16, 16, l);
}
