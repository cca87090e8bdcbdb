/* strata-import-torch-blocks.c: torchvision blocks whose forward() is known from their class. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-import.h"
#include "strata-import-torch-build-private.h"

/* Each function here builds what torchvision 0.14's forward() of that
 * class does; docs/import.md lists them. The children must be the ones
 * torchvision gives the class, or the wiring would be a guess. */

static const TorchModule *
find_child (const TorchModule *m,
            const char        *key)
{
  /* A block printed on one line, "Fire()", has none. */
  if (m->children == NULL)
    return NULL;
  for (guint i = 0; i < m->children->len; i++)
    {
      const TorchModule *child = g_ptr_array_index (m->children, i);

      if (g_str_equal (child->key, key))
        return child;
    }
  return NULL;
}

/* Every child is one of @keys, and each key up to @n_required is there. */
static gboolean
check_children (TorchBuilder       *b,
                const TorchModule  *m,
                const char * const *keys,
                guint               n_required,
                GError            **error)
{
  for (guint i = 0; m->children != NULL && i < m->children->len; i++)
    {
      const TorchModule *child = g_ptr_array_index (m->children, i);

      if (!g_strv_contains (keys, child->key))
        {
          torch_builder_fail (b, m, STRATA_IMPORT_ERROR_UNSUPPORTED, error,
                              _("torchvision’s %s has no child “%s”, so its wiring is not "
                                "known"), m->type, child->key);
          return FALSE;
        }
    }
  for (guint i = 0; i < n_required; i++)
    if (find_child (m, keys[i]) == NULL)
      {
        torch_builder_fail (b, m, STRATA_IMPORT_ERROR_INVALID, error,
                            _("the child “%s” of torchvision’s %s is missing"), keys[i],
                            m->type);
        return FALSE;
      }
  return TRUE;
}

static gboolean
build_child (TorchBuilder       *b,
             const TorchModule  *m,
             const char         *key,
             guint               depth,
             GError            **error)
{
  return torch_build_module (b, find_child (m, key), depth + 1, error);
}

/* The tip as a layer of the network (NULL: the input). */
static gboolean
take (TorchBuilder  *b,
      StrataLayer  **tip,
      GError       **error)
{
  if (!torch_builder_flush (b, error))
    return FALSE;
  *tip = b->tip;
  return TRUE;
}

/* A layer for what forward() does without a module, named "path.suffix". */
static gboolean
emit_functional (TorchBuilder            *b,
                 const TorchModule       *m,
                 StrataLayerKind          kind,
                 const StrataLayerParams *params,
                 const char              *suffix,
                 GError                 **error)
{
  g_autofree char *base = m->path[0] != '\0' ? g_strconcat (m->path, ".", suffix, NULL)
                                             : g_strdup (suffix);

  return torch_builder_emit (b, m, torch_layer_new (b, kind, params, base), error);
}

static gboolean
emit_relu (TorchBuilder       *b,
           const TorchModule  *m,
           GError            **error)
{
  StrataLayerParams p;

  strata_layer_kind_init_params (STRATA_LAYER_KIND_ACTIVATION, &p);
  p.activation = STRATA_ACTIVATION_RELU;
  return emit_functional (b, m, STRATA_LAYER_KIND_ACTIVATION, &p, "relu", error);
}

/* BasicBlock and Bottleneck: @sequence, plus the input or downsample(input),
 * then relu. */
static gboolean
build_residual (TorchBuilder       *b,
                const TorchModule  *m,
                const char * const *keys,
                const char * const *sequence,
                guint               depth,
                GError            **error)
{
  StrataLayer *inputs[2];
  StrataLayer *x;

  if (!check_children (b, m, keys, g_strv_length ((char **) keys) - 1, error) ||
      !take (b, &x, error))
    return FALSE;
  for (guint i = 0; sequence[i] != NULL; i++)
    if (!build_child (b, m, sequence[i], depth, error))
      return FALSE;
  if (!take (b, &inputs[0], error))
    return FALSE;
  inputs[1] = x;
  if (find_child (m, "downsample") != NULL)
    {
      if (!torch_builder_set_tip (b, x, error) ||
          !build_child (b, m, "downsample", depth, error) ||
          !take (b, &inputs[1], error))
        return FALSE;
    }
  return torch_builder_merge (b, m, STRATA_LAYER_KIND_ADD, "add", inputs, 2, error) &&
         build_child (b, m, "relu", depth, error);
}

/* MobileNetV2's InvertedResidual, MNASNet's _InvertedResidual and
 * EfficientNet's MBConv and FusedMBConv add their input when their stride
 * is 1 and they keep the channels; MBConv's @extra (stochastic_depth)
 * acts on the sum's other term. */
static gboolean
build_inverted_residual (TorchBuilder       *b,
                         const TorchModule  *m,
                         const char         *key,
                         const char         *extra,
                         guint               depth,
                         GError            **error)
{
  const char * const keys[] = { key, extra, NULL };
  gboolean strided = b->strided;
  StrataLayer *inputs[2];
  guint64 in_channels;

  if (!check_children (b, m, keys, 1, error) || !take (b, &inputs[1], error))
    return FALSE;
  in_channels = torch_builder_shape (b)->channels;
  b->strided = FALSE;
  if (!build_child (b, m, key, depth, error))
    return FALSE;
  if (!b->strided && torch_builder_shape (b)->channels == in_channels)
    {
      if ((extra != NULL && find_child (m, extra) != NULL &&
           !build_child (b, m, extra, depth, error)) ||
          !take (b, &inputs[0], error) ||
          !torch_builder_merge (b, m, STRATA_LAYER_KIND_ADD, "add", inputs, 2, error))
        return FALSE;
    }
  b->strided = b->strided || strided;
  return TRUE;
}

/* torchvision's SqueezeExcitation: the input times a scale computed from
 * it by avgpool, fc1, activation, fc2, scale_activation. */
static gboolean
build_squeeze_excitation (TorchBuilder       *b,
                          const TorchModule  *m,
                          guint               depth,
                          GError            **error)
{
  static const char * const keys[] = {
    "avgpool", "fc1", "activation", "fc2", "scale_activation", NULL
  };
  StrataLayer *inputs[2];

  if (!check_children (b, m, keys, 5, error) || !take (b, &inputs[0], error))
    return FALSE;
  for (guint i = 0; keys[i] != NULL; i++)
    if (!build_child (b, m, keys[i], depth, error))
      return FALSE;
  return take (b, &inputs[1], error) &&
         torch_builder_merge (b, m, STRATA_LAYER_KIND_MULTIPLY, "mul", inputs, 2, error);
}

static gboolean
concatenate (TorchBuilder       *b,
             const TorchModule  *m,
             StrataLayer       **inputs,
             guint               n_inputs,
             GError            **error)
{
  return torch_builder_merge (b, m, STRATA_LAYER_KIND_CONCATENATE, "cat", inputs, n_inputs,
                              error);
}

/* SqueezeNet's Fire: squeeze, then expand1x1 and expand3x3 side by side. */
static gboolean
build_fire (TorchBuilder       *b,
            const TorchModule  *m,
            guint               depth,
            GError            **error)
{
  static const char * const keys[] = {
    "squeeze", "squeeze_activation", "expand1x1", "expand1x1_activation", "expand3x3",
    "expand3x3_activation", NULL
  };
  StrataLayer *squeezed;
  StrataLayer *inputs[2];

  if (!check_children (b, m, keys, 6, error) ||
      !build_child (b, m, keys[0], depth, error) || !build_child (b, m, keys[1], depth, error) ||
      !take (b, &squeezed, error) ||
      !build_child (b, m, keys[2], depth, error) || !build_child (b, m, keys[3], depth, error) ||
      !take (b, &inputs[0], error) || !torch_builder_set_tip (b, squeezed, error) ||
      !build_child (b, m, keys[4], depth, error) || !build_child (b, m, keys[5], depth, error) ||
      !take (b, &inputs[1], error))
    return FALSE;
  return concatenate (b, m, inputs, 2, error);
}

/* GoogLeNet's Inception: four branches from the input, concatenated. */
static gboolean
build_inception (TorchBuilder       *b,
                 const TorchModule  *m,
                 guint               depth,
                 GError            **error)
{
  static const char * const keys[] = { "branch1", "branch2", "branch3", "branch4", NULL };
  StrataLayer *inputs[4];
  StrataLayer *x;

  if (!check_children (b, m, keys, 4, error) || !take (b, &x, error))
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!torch_builder_set_tip (b, x, error) || !build_child (b, m, keys[i], depth, error) ||
        !take (b, &inputs[i], error))
      return FALSE;
  return concatenate (b, m, inputs, 4, error);
}

/* GoogLeNet's and Inception v3's BasicConv2d: conv, bn, then F.relu. */
static gboolean
build_basic_conv (TorchBuilder       *b,
                  const TorchModule  *m,
                  guint               depth,
                  GError            **error)
{
  static const char * const keys[] = { "conv", "bn", NULL };

  return check_children (b, m, keys, 2, error) && build_child (b, m, "conv", depth, error) &&
         build_child (b, m, "bn", depth, error) && emit_relu (b, m, error);
}

/* GoogLeNet's InceptionAux: F.adaptive_avg_pool2d to 4 × 4, conv,
 * torch.flatten, fc1, F.relu, dropout, fc2. */
static gboolean
build_inception_aux (TorchBuilder       *b,
                     const TorchModule  *m,
                     guint               depth,
                     GError            **error)
{
  static const char * const keys[] = { "conv", "fc1", "fc2", "dropout", NULL };
  StrataLayerParams p;

  strata_layer_kind_init_params (STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D, &p);
  p.output = (StrataPair) { 4, 4 };
  if (!check_children (b, m, keys, 3, error) ||
      !emit_functional (b, m, STRATA_LAYER_KIND_ADAPTIVE_AVGPOOL2D, &p, "adaptive_avg_pool2d",
                        error) ||
      !build_child (b, m, "conv", depth, error) ||
      !emit_functional (b, m, STRATA_LAYER_KIND_FLATTEN, NULL, "flatten", error) ||
      !build_child (b, m, "fc1", depth, error) || !emit_relu (b, m, error))
    return FALSE;
  if (find_child (m, "dropout") != NULL && !build_child (b, m, "dropout", depth, error))
    return FALSE;
  return build_child (b, m, "fc2", depth, error);
}

/* GoogLeNet: its children in order, but aux1 and aux2 read the outputs of
 * inception4a and inception4d, and only while training: they are side
 * branches whose outputs nothing reads. */
static gboolean
build_googlenet (TorchBuilder       *b,
                 const TorchModule  *m,
                 guint               depth,
                 GError            **error)
{
  static const char * const sources[] = { "inception4a", "inception4d" };
  StrataLayer *outputs[2] = { NULL, NULL };
  gboolean seen[2] = { FALSE, FALSE };

  for (guint i = 0; i < m->children->len; i++)
    {
      const TorchModule *child = g_ptr_array_index (m->children, i);
      StrataLayer *main;
      guint which;

      torch_builder_mark_boundary (b);
      if (!g_str_equal (child->type, "InceptionAux"))
        {
          if (!torch_build_module (b, child, depth + 1, error))
            return FALSE;
          for (which = 0; which < 2; which++)
            if (g_str_equal (child->key, sources[which]))
              {
                if (!take (b, &outputs[which], error))
                  return FALSE;
                seen[which] = TRUE;
              }
          continue;
        }

      which = g_str_equal (child->key, "aux1") ? 0 : g_str_equal (child->key, "aux2") ? 1 : 2;
      if (which == 2 || !seen[which])
        {
          torch_builder_fail (b, child, STRATA_IMPORT_ERROR_UNSUPPORTED, error, "%s",
                              _("GoogLeNet’s auxiliary classifiers are aux1, after "
                                "inception4a, and aux2, after inception4d"));
          return FALSE;
        }
      if (!take (b, &main, error) || !torch_builder_set_tip (b, outputs[which], error) ||
          !build_inception_aux (b, child, depth + 1, error) ||
          !torch_builder_set_tip (b, main, error))
        return FALSE;
      torch_builder_warn (b, child,
                          _("it runs only while training: it is drawn as a side branch from "
                            "“%s”, and its parameters are counted"), sources[which]);
    }
  torch_builder_mark_boundary (b);
  return TRUE;
}

/* DenseNet's _DenseLayer: the concatenation of every earlier feature map
 * of its block, then norm1, relu1, conv1, norm2, relu2, conv2 (and
 * F.dropout when its drop_rate, which the print does not show, is over 0). */
static gboolean
build_dense_layer (TorchBuilder       *b,
                   const TorchModule  *m,
                   GPtrArray          *features,
                   guint               depth,
                   GError            **error)
{
  static const char * const keys[] = { "norm1", "relu1", "conv1", "norm2", "relu2", "conv2",
                                       NULL };

  if (!check_children (b, m, keys, 6, error))
    return FALSE;
  if (features->len > 1)
    {
      if (!concatenate (b, m, (StrataLayer **) features->pdata, features->len, error))
        return FALSE;
    }
  else if (!torch_builder_set_tip (b, g_ptr_array_index (features, 0), error))
    return FALSE;
  for (guint i = 0; keys[i] != NULL; i++)
    if (!build_child (b, m, keys[i], depth, error))
      return FALSE;
  return TRUE;
}

/* DenseNet's _DenseBlock: each layer reads all the feature maps before it,
 * and the block gives them all, concatenated. */
static gboolean
build_dense_block (TorchBuilder       *b,
                   const TorchModule  *m,
                   guint               depth,
                   GError            **error)
{
  g_autoptr(GPtrArray) features = g_ptr_array_new ();
  StrataLayer *x;

  if (!take (b, &x, error))
    return FALSE;
  g_ptr_array_add (features, x);
  for (guint i = 0; i < m->children->len; i++)
    {
      const TorchModule *child = g_ptr_array_index (m->children, i);

      if (!g_str_equal (child->type, "_DenseLayer"))
        {
          torch_builder_fail (b, m, STRATA_IMPORT_ERROR_UNSUPPORTED, error,
                              _("torchvision’s %s has no child “%s”, so its wiring is not "
                                "known"), m->type, child->key);
          return FALSE;
        }
      if (!build_dense_layer (b, child, features, depth + 1, error) || !take (b, &x, error))
        return FALSE;
      g_ptr_array_add (features, x);
    }
  return concatenate (b, m, (StrataLayer **) features->pdata, features->len, error);
}

/* DenseNet: its children in order, with F.relu after the features. */
static gboolean
build_densenet (TorchBuilder       *b,
                const TorchModule  *m,
                guint               depth,
                GError            **error)
{
  for (guint i = 0; i < m->children->len; i++)
    {
      const TorchModule *child = g_ptr_array_index (m->children, i);

      torch_builder_mark_boundary (b);
      if (!torch_build_module (b, child, depth + 1, error))
        return FALSE;
      if (g_str_equal (child->key, "features"))
        {
          torch_builder_mark_boundary (b);
          if (!emit_relu (b, m, error))
            return FALSE;
        }
    }
  torch_builder_mark_boundary (b);
  return TRUE;
}

gboolean
torch_build_block (TorchBuilder       *b,
                   const TorchModule  *m,
                   guint               depth,
                   gboolean           *known,
                   GError            **error)
{
  static const char * const basic_keys[] = {
    "conv1", "bn1", "relu", "conv2", "bn2", "downsample", NULL
  };
  static const char * const basic_sequence[] = {
    "conv1", "bn1", "relu", "conv2", "bn2", NULL
  };
  static const char * const bottleneck_keys[] = {
    "conv1", "bn1", "conv2", "bn2", "conv3", "bn3", "relu", "downsample", NULL
  };
  static const char * const bottleneck_sequence[] = {
    "conv1", "bn1", "relu", "conv2", "bn2", "relu", "conv3", "bn3", NULL
  };
  const char *t = m->type;

  *known = TRUE;
  if (g_str_equal (t, "BasicBlock"))
    return build_residual (b, m, basic_keys, basic_sequence, depth, error);
  if (g_str_equal (t, "Bottleneck"))
    return build_residual (b, m, bottleneck_keys, bottleneck_sequence, depth, error);
  if (g_str_equal (t, "InvertedResidual") && find_child (m, "conv") != NULL)
    return build_inverted_residual (b, m, "conv", NULL, depth, error);
  if (g_str_equal (t, "_InvertedResidual"))
    return build_inverted_residual (b, m, "layers", NULL, depth, error);
  if (g_str_equal (t, "MBConv") || g_str_equal (t, "FusedMBConv"))
    return build_inverted_residual (b, m, "block", "stochastic_depth", depth, error);
  if (g_str_equal (t, "SqueezeExcitation"))
    return build_squeeze_excitation (b, m, depth, error);
  if (g_str_equal (t, "Fire"))
    return build_fire (b, m, depth, error);
  if (g_str_equal (t, "Inception"))
    return build_inception (b, m, depth, error);
  if (g_str_equal (t, "BasicConv2d"))
    return build_basic_conv (b, m, depth, error);
  if (g_str_equal (t, "InceptionAux"))
    return build_inception_aux (b, m, depth, error);
  if (g_str_equal (t, "GoogLeNet"))
    return build_googlenet (b, m, depth, error);
  if (g_str_equal (t, "_DenseBlock"))
    return build_dense_block (b, m, depth, error);
  if (g_str_equal (t, "DenseNet"))
    return build_densenet (b, m, depth, error);
  *known = FALSE;
  return FALSE;
}
