/* strata-import-onnx-graph.c: an ONNX graph's values, the order of its nodes and its inputs. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Every name the graph uses is a value: made by one node, an initializer
 * or a graph input. Nodes are taken in an order where each comes after
 * what it reads; the graph's inputs become the network's input, input
 * layers, or weights of stated dims. */

#include "config.h"

#include <string.h>

#include "strata-import-onnx-private.h"

void
onnx_value_free (Value *value)
{
  if (value->consumers != NULL)
    g_array_unref (value->consumers);
  g_free (value->ints);
  g_free (value->floats);
  g_free (value);
}

static Value *
value_for (Import     *im,
           const char *name)
{
  Value *value = g_hash_table_lookup (im->by_name, name);

  if (value == NULL)
    {
      value = g_new0 (Value, 1);
      value->name = name;
      value->producer = -1;
      g_ptr_array_add (im->values, value);
      g_hash_table_insert (im->by_name, (gpointer) name, value);
    }
  return value;
}

/* Every value the graph names, who makes it and who reads it. */
gboolean
onnx_collect_values (Import  *im,
                     GError **error)
{
  OnnxModel *m = im->model;

  for (guint i = 0; i < m->initializers->len; i++)
    {
      const OnnxTensor *t = &g_array_index (m->initializers, OnnxTensor, i);
      Value *v = value_for (im, t->name);

      v->kind = VALUE_CONSTANT;
      v->is_initializer = TRUE;
      v->tensor = t;
      v->n_dims = t->n_dims;
      memcpy (v->dims, t->dims, sizeof v->dims);
      for (guint d = 0; d < t->n_dims; d++)
        if (t->dims[d] < 0)
          {
            g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_INVALID,
                         _("“%s”: the initializer “%s” has a negative dimension"),
                         im->display_name, t->name);
            return FALSE;
          }
    }
  for (guint i = 0; i < m->inputs->len; i++)
    value_for (im, g_array_index (m->inputs, OnnxValueInfo, i).name)->is_graph_input = TRUE;
  for (guint i = 0; i < m->value_infos->len; i++)
    {
      const OnnxValueInfo *info = &g_array_index (m->value_infos, OnnxValueInfo, i);

      value_for (im, info->name)->stated = info;
    }
  for (guint i = 0; i < m->outputs->len; i++)
    {
      const OnnxValueInfo *info = &g_array_index (m->outputs, OnnxValueInfo, i);

      value_for (im, info->name)->stated = info;
    }
  for (guint n = 0; n < m->nodes->len; n++)
    {
      const OnnxNode *node = &g_array_index (m->nodes, OnnxNode, n);

      for (guint i = 0; i < node->n_outputs; i++)
        {
          const char *name = g_ptr_array_index (m->refs, node->first_output + i);
          Value *v;

          if (name[0] == '\0')
            continue;
          v = value_for (im, name);
          if (v->producer >= 0 || v->is_initializer)
            return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                                    _("“%s” is already made by another node or an initializer"),
                                    name);
          v->producer = n;
        }
    }
  for (guint n = 0; n < m->nodes->len; n++)
    {
      const OnnxNode *node = &g_array_index (m->nodes, OnnxNode, n);

      for (guint i = 0; i < node->n_inputs; i++)
        {
          const char *name = g_ptr_array_index (m->refs, node->first_input + i);
          Value *v;

          if (name[0] == '\0')
            continue;
          v = g_hash_table_lookup (im->by_name, name);
          if (v == NULL || (v->producer < 0 && !v->is_initializer && !v->is_graph_input))
            return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                                    _("its input “%s” is made by no node and is neither an "
                                      "input nor an initializer of the graph"), name);
          if (v->consumers == NULL)
            v->consumers = g_array_new (FALSE, FALSE, sizeof (guint));
          /* A node reading one value twice counts once. */
          if (v->consumers->len == 0 ||
              g_array_index (v->consumers, guint, v->consumers->len - 1) != n)
            g_array_append_val (v->consumers, n);
        }
    }
  return TRUE;
}

/* The nodes in an order where each comes after the nodes it reads: the
 * file's own when it has one (as the ONNX spec asks), else Kahn's. */
GArray *
onnx_order_nodes (Import  *im,
                  GError **error)
{
  OnnxModel *m = im->model;
  guint n_nodes = m->nodes->len;
  g_autofree guint *waiting = g_new0 (guint, MAX (n_nodes, 1));
  g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_nodes);
  gboolean sorted = TRUE;

  for (guint n = 0; n < n_nodes; n++)
    {
      const OnnxNode *node = &g_array_index (m->nodes, OnnxNode, n);

      onnx_new_reading (im);
      for (guint i = 0; i < node->n_inputs; i++)
        {
          Value *v = onnx_input (im, node, i);

          /* Counted once per value and reader, as the consumers are. */
          if (v != NULL && v->producer >= 0)
            {
              if (onnx_first_read (im, v))
                waiting[n]++;
              if ((guint) v->producer >= n)
                sorted = FALSE;
            }
        }
    }
  if (sorted)
    {
      for (guint n = 0; n < n_nodes; n++)
        g_array_append_val (order, n);
      return g_steal_pointer (&order);
    }

  for (guint n = 0; n < n_nodes; n++)
    if (waiting[n] == 0)
      g_array_append_val (order, n);
  for (guint k = 0; k < order->len; k++)
    {
      const OnnxNode *node = &g_array_index (m->nodes, OnnxNode, g_array_index (order, guint, k));

      for (guint o = 0; o < node->n_outputs; o++)
        {
          Value *v = onnx_output (im, node, o);

          if (v == NULL || v->consumers == NULL)
            continue;
          for (guint c = 0; c < v->consumers->len; c++)
            {
              guint reader = g_array_index (v->consumers, guint, c);

              if (--waiting[reader] == 0)
                g_array_append_val (order, reader);
            }
        }
    }
  if (order->len < n_nodes)
    {
      for (guint n = 0; n < n_nodes; n++)
        if (waiting[n] > 0)
          {
            onnx_node_error (im, &g_array_index (m->nodes, OnnxNode, n), error,
                             STRATA_IMPORT_ERROR_INVALID,
                             _("the graph has a cycle through this node"));
            break;
          }
      return NULL;
    }
  return g_steal_pointer (&order);
}

static gboolean
is_initializer_name (Import     *im,
                     const char *name)
{
  Value *v = g_hash_table_lookup (im->by_name, name);

  return v != NULL && v->is_initializer;
}

/* Whether every node reading @v reads it as weights, which graphs made to
 * test ops (the ONNX conformance cases) pass as inputs. */
static gboolean
read_as_weights (Import      *im,
                 const Value *v)
{
  static const char * const weighted[] = { "Conv", "ConvTranspose", "Gemm", "MatMul",
                                           "BatchNormalization" };

  if (v->consumers == NULL)
    return FALSE;
  for (guint c = 0; c < v->consumers->len; c++)
    {
      const OnnxNode *node = &g_array_index (im->model->nodes, OnnxNode,
                                             g_array_index (v->consumers, guint, c));
      gboolean known = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (weighted) && !known; k++)
        known = g_str_equal (node->op_type, weighted[k]);
      if (!known || onnx_input (im, node, 0) == v)
        return FALSE;
    }
  return TRUE;
}

/* The network's input: the first graph input that is not an initializer,
 * given or overridden by the options; each further one read by a node
 * becomes an input layer. */
gboolean
onnx_set_inputs (Import         *im,
                 StrataNetwork  *network,
                 GError        **error)
{
  OnnxModel *m = im->model;
  const StrataImportOptions *options = im->options;
  gboolean first = TRUE;

  for (guint i = 0; i < m->inputs->len; i++)
    {
      const OnnxValueInfo *info = &g_array_index (m->inputs, OnnxValueInfo, i);
      Value *v;
      gint64 c, h = 1, w = 1;
      guint rank = info->n_dims;

      if (is_initializer_name (im, info->name))
        continue;
      v = value_for (im, info->name);
      if (!first && v->consumers == NULL)
        continue;
      if (!first && info->has_shape && read_as_weights (im, v))
        {
          /* Weights of stated dims, whose values are not in the file. */
          v->kind = VALUE_CONSTANT;
          v->n_dims = info->n_dims;
          memcpy (v->dims, info->dims, sizeof v->dims);
          for (guint d = 0; d < info->n_dims; d++)
            if (info->dims[d] == ONNX_DIM_UNKNOWN || info->dims[d] < 0)
              {
                g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_INVALID,
                             _("“%s”: the weights “%s” have no size stated"), im->display_name,
                             info->name);
                return FALSE;
              }
          continue;
        }
      if (!first && (!info->has_shape || (rank != 4 && rank != 2)))
        {
          /* A further input is an image or weights; a scalar or a list
           * of sizes given at run time cannot be drawn. */
          g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_UNSUPPORTED,
                       _("“%s”: the graph input “%s” is neither an N × C × H × W image, an "
                         "N × F vector nor weights of stated dims"), im->display_name,
                       info->name);
          return FALSE;
        }
      if (info->has_shape && rank != 2 && rank != 4)
        {
          g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_NOT_2D,
                       _("“%s”: the input “%s” has %u dimensions: Strata models 2-D image "
                         "networks, whose input is N × C × H × W"),
                       im->display_name, info->name, rank);
          return FALSE;
        }
      if (first && options != NULL && options->has_input)
        {
          c = options->channels;
          h = options->height;
          w = options->width;
          rank = 4;
        }
      else
        {
          if (!info->has_shape)
            {
              g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_NEEDS_INPUT,
                           _("“%s”: the file does not state the shape of the input “%s”: give it "
                             "with --input CxHxW"), im->display_name, info->name);
              return FALSE;
            }
          c = info->dims[1];
          if (rank == 4)
            {
              h = info->dims[2];
              w = info->dims[3];
            }
          if (c == ONNX_DIM_UNKNOWN || h == ONNX_DIM_UNKNOWN || w == ONNX_DIM_UNKNOWN)
            {
              g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_NEEDS_INPUT,
                           _("“%s”: the size of the input “%s” is symbolic: give it with "
                             "--input CxHxW"), im->display_name, info->name);
              return FALSE;
            }
          if (c <= 0 || h <= 0 || w <= 0 || c > G_MAXUINT || h > G_MAXUINT || w > G_MAXUINT)
            {
              g_autofree char *dims = onnx_dims_to_string (info->dims, info->n_dims);

              g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_INVALID,
                           _("“%s”: the input “%s” has the impossible shape %s"),
                           im->display_name, info->name, dims);
              return FALSE;
            }
        }
      v->kind = VALUE_TENSOR;
      v->rank = rank;
      v->shape = (StrataShape) { h, w, c, FALSE };
      if (first)
        {
          strata_network_set_input (network, h, w, c);
          strata_network_set_input_name (network, info->name);
          v->layer = NULL;
          first = FALSE;
        }
      else
        {
          StrataLayer *layer = strata_layer_new (STRATA_LAYER_KIND_INPUT);
          g_autofree char *name = onnx_unique_name (im, info->name);

          g_object_set (layer, "height", (guint) h, "width", (guint) w, "channels", (guint) c,
                        NULL);
          strata_layer_set_name (layer, name);
          g_ptr_array_add (im->layers, layer);
          v->layer = layer;
        }
    }
  if (first)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_INVALID,
                   _("“%s”: the graph has no input"), im->display_name);
      return FALSE;
    }
  return TRUE;
}
