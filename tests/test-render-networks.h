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
