/* strata-import-onnx.c: ONNX models as networks: each node in turn, and what the ops share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The file's graph is walked in an order where every node comes after
 * what it reads. Each value a node reads is an activation (made by a
 * layer, or the network's input) or a constant (an initializer, a
 * Constant node, or a shape computation folded on constants); nodes that
 * work on constants only are evaluated and never drawn. docs/import.md
 * says how each op maps. */

#include "config.h"

#include <string.h>

#include "strata-import-onnx-private.h"

gboolean
strata_import_onnx_sniff (GBytes *contents)
{
  gsize size;
  const guint8 *p = g_bytes_get_data (contents, &size);
  guint64 tag = 0;
  guint i;

  /* ModelProto's first field: a varint tag of one of its fields (ir_version
   * 1, the graph 7, opset_import 8, producer 2, ...) that fits its wire type. */
  if (size < 2)
    return FALSE;
  for (i = 0; i < 2 && i < size; i++)
    {
      tag |= (guint64) (p[i] & 0x7f) << (7 * i);
      if ((p[i] & 0x80) == 0)
        break;
    }
  if (i == 2)
    return FALSE;
  switch (tag)
    {
    case (1 << 3) | 0:  /* ir_version, a small number */
      return p[1] >= 1 && p[1] <= 64;
    case (2 << 3) | 2:
    case (3 << 3) | 2:
    case (4 << 3) | 2:
    case (7 << 3) | 2:
    case (8 << 3) | 2:
      /* A length that fits the file. */
      return i == 0 && size > 2 && ((p[1] & 0x80) != 0 || p[1] <= size - 2);
    default:
      return FALSE;
    }
}

const char *
onnx_node_label (const OnnxNode *node,
                 Import         *im)
{
  if (node->name[0] != '\0')
    return node->name;
  if (node->n_outputs > 0)
    return g_ptr_array_index (im->model->refs, node->first_output);
  return node->op_type;
}

gboolean
onnx_node_error (Import          *im,
                 const OnnxNode  *node,
                 GError         **error,
                 int              code,
                 const char      *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: "FILE: node “NAME” (OP): MESSAGE" */
  g_set_error (error, STRATA_IMPORT_ERROR, code, _("“%s”: node “%s” (%s): %s"), im->display_name,
               onnx_node_label (node, im), node->op_type, message);
  return FALSE;
}

void
onnx_node_warn (Import         *im,
                const OnnxNode *node,
                const char     *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (im->warnings == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (im->warnings, g_strdup_printf (_("“%s”: node “%s” (%s): %s"), im->display_name,
                                                  onnx_node_label (node, im), node->op_type,
                                                  message));
}

/* The value named at @index of a node's @n names from @first: NULL when
 * absent or named "" (an optional input or output left out). */
static Value *
named_value (Import *im,
             guint   first,
             guint   n,
             guint   index)
{
  const char *name;

  if (index >= n)
    return NULL;
  name = g_ptr_array_index (im->model->refs, first + index);
  if (name[0] == '\0')
    return NULL;
  return g_hash_table_lookup (im->by_name, name);
}

Value *
onnx_input (Import         *im,
            const OnnxNode *node,
            guint           index)
{
  return named_value (im, node->first_input, node->n_inputs, index);
}

Value *
onnx_output (Import         *im,
             const OnnxNode *node,
             guint           index)
{
  return named_value (im, node->first_output, node->n_outputs, index);
}

const OnnxAttribute *
onnx_attr (Import         *im,
           const OnnxNode *node,
           const char     *name)
{
  for (guint i = 0; i < node->n_attributes; i++)
    {
      const OnnxAttribute *a = &g_array_index (im->model->attributes, OnnxAttribute,
                                               node->first_attribute + i);

      if (g_str_equal (a->name, name))
        return a;
    }
  return NULL;
}

gint64
onnx_attr_int (Import         *im,
               const OnnxNode *node,
               const char     *name,
               gint64          fallback)
{
  const OnnxAttribute *a = onnx_attr (im, node, name);

  return a != NULL && a->type == ONNX_ATTR_INT ? a->i : fallback;
}

double
onnx_attr_float (Import         *im,
                 const OnnxNode *node,
                 const char     *name,
                 double          fallback)
{
  const OnnxAttribute *a = onnx_attr (im, node, name);

  return a != NULL && a->type == ONNX_ATTR_FLOAT ? a->f : fallback;
}

const char *
onnx_attr_string (Import         *im,
                  const OnnxNode *node,
                  const char     *name,
                  const char     *fallback)
{
  const OnnxAttribute *a = onnx_attr (im, node, name);

  return a != NULL && a->type == ONNX_ATTR_STRING ? a->s : fallback;
}

gboolean
onnx_attr_ints (Import         *im,
                const OnnxNode *node,
                const char     *name,
                gint64         *out,
                guint           max,
                guint          *n)
{
  const OnnxAttribute *a = onnx_attr (im, node, name);

  if (a == NULL || (a->type != ONNX_ATTR_INTS && a->type != ONNX_ATTR_FLOATS))
    return FALSE;
  *n = MIN (a->n, max);
  for (guint i = 0; i < *n; i++)
    out[i] = g_array_index (im->model->int_numbers, gint64, a->first + i);
  /* A longer list than the op can take is refused by the caller, which
   * sees the true length. */
  *n = a->n;
  return TRUE;
}

gboolean
onnx_attr_floats (Import         *im,
                  const OnnxNode *node,
                  const char     *name,
                  double         *out,
                  guint           max,
                  guint          *n)
{
  const OnnxAttribute *a = onnx_attr (im, node, name);

  if (a == NULL || (a->type != ONNX_ATTR_INTS && a->type != ONNX_ATTR_FLOATS))
    return FALSE;
  for (guint i = 0; i < MIN (a->n, max); i++)
    out[i] = g_array_index (im->model->numbers, double, a->first + i);
  *n = a->n;
  return TRUE;
}

guint64
onnx_constant_numel (const Value *value)
{
  guint64 n = 1;

  for (guint i = 0; i < value->n_dims; i++)
    if (value->dims[i] <= 0 || !g_uint64_checked_mul (&n, n, (guint64) value->dims[i]))
      return value->dims[i] == 0 ? 0 : G_MAXUINT64;
  return n;
}

gboolean
onnx_constant_data (Import          *im,
                    const OnnxNode  *node,
                    Value           *value,
                    GError         **error)
{
  guint64 n = onnx_constant_numel (value);

  if (value->has_data)
    return TRUE;
  if (value->kind != VALUE_CONSTANT || value->tensor == NULL || n > ONNX_MAX_LIST)
    return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                            _("the values of “%s” are needed and cannot be read"), value->name);
  value->ints = g_new0 (gint64, MAX (n, 1));
  value->floats = g_new0 (double, MAX (n, 1));
  if (!onnx_tensor_values (value->tensor, n, value->ints, value->floats))
    {
      g_clear_pointer (&value->ints, g_free);
      g_clear_pointer (&value->floats, g_free);
      return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                              value->tensor->external
                              ? _("the values of “%s” are needed but are stored outside the file")
                              : _("the values of “%s” are needed and cannot be read"),
                              value->name);
    }
  value->n_data = n;
  value->has_data = TRUE;
  value->is_float = value->tensor->data_type == ONNX_FLOAT ||
                    value->tensor->data_type == ONNX_DOUBLE;
  return TRUE;
}

guint
onnx_tensor_dims (const Value *value,
                  gint64      *dims)
{
  dims[0] = 1;
  if (value->rank == 2)
    {
      dims[1] = value->shape.channels;
      return 2;
    }
  dims[1] = value->shape.channels;
  dims[2] = value->shape.is_vector ? 1 : value->shape.height;
  dims[3] = value->shape.is_vector ? 1 : value->shape.width;
  return 4;
}

char *
onnx_dims_to_string (const gint64 *dims,
                     guint         n_dims)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_dims; i++)
    {
      if (i > 0)
        g_string_append (text, " × ");
      if (dims[i] == ONNX_DIM_UNKNOWN)
        g_string_append (text, "?");
      else
        g_string_append_printf (text, "%" G_GINT64_FORMAT, dims[i]);
    }
  if (n_dims == 0)
    g_string_append (text, _("a scalar"));
  return g_string_free (text, FALSE);
}

/* A name no layer has yet: the file's, or with "_2", "_3", … after it.
 * Each name taken keeps the next suffix to try, so that many nodes of one
 * name cost linear time. */
char *
onnx_unique_name (Import     *im,
                  const char *wanted)
{
  g_autofree char *base = strata_name_dup (wanted);
  char *name;
  guint i;

  if (!g_hash_table_contains (im->names, base))
    {
      g_hash_table_insert (im->names, g_strdup (base), GUINT_TO_POINTER (2));
      return g_steal_pointer (&base);
    }
  for (i = MAX (GPOINTER_TO_UINT (g_hash_table_lookup (im->names, base)), 2);; i++)
    {
      g_autofree char *suffix = g_strdup_printf ("_%u", i);
      /* Cut so the suffix fits in a name's length. */
      g_autofree char *cut = g_utf8_substring (base, 0,
                                               MIN ((glong) g_utf8_strlen (base, -1),
                                                    STRATA_NAME_MAX_CHARS -
                                                    (glong) strlen (suffix)));

      name = g_strconcat (cut, suffix, NULL);
      if (!g_hash_table_contains (im->names, name))
        break;
      g_free (name);
    }
  g_hash_table_insert (im->names, g_strdup (base), GUINT_TO_POINTER (i + 1));
  g_hash_table_insert (im->names, g_strdup (name), GUINT_TO_POINTER (2));
  return name;
}

StrataLayer *
onnx_add_layer (Import                   *im,
                const OnnxNode           *node,
                const char               *suffix,
                StrataLayerKind           kind,
                const StrataLayerParams  *params,
                Value * const            *inputs,
                guint                     n_inputs,
                StrataShape              *output,
                GError                  **error)
{
  const StrataShape *shapes[8];
  StrataLayer *reads[8];
  StrataLayerResult result = { 0 };
  StrataLayer *layer;
  StrataLayer *last = im->layers->len > 0 ? g_ptr_array_index (im->layers, im->layers->len - 1)
                                          : NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *name = NULL;
  g_autofree const StrataShape **many_shapes = NULL;
  g_autofree StrataLayer **many_reads = NULL;
  const StrataShape **in_shapes = shapes;
  StrataLayer **in_reads = reads;

  if (n_inputs > G_N_ELEMENTS (shapes))
    {
      in_shapes = many_shapes = g_new (const StrataShape *, n_inputs);
      in_reads = many_reads = g_new (StrataLayer *, n_inputs);
    }
  for (guint i = 0; i < n_inputs; i++)
    {
      in_shapes[i] = &inputs[i]->shape;
      in_reads[i] = inputs[i]->layer;
    }
  strata_layer_kind_apply (kind, params, in_shapes, n_inputs, &result);
  if (result.error != NULL)
    {
      onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID, "%s", result.error);
      strata_layer_result_clear (&result);
      return NULL;
    }
  *output = result.output;
  strata_layer_result_clear (&result);

  layer = strata_layer_new (kind);
  strata_layer_set_params (layer, params);
  wanted = suffix != NULL ? g_strconcat (onnx_node_label (node, im), suffix, NULL)
                          : g_strdup (onnx_node_label (node, im));
  name = onnx_unique_name (im, wanted);
  strata_layer_set_name (layer, name);
  /* A layer reading the one before it (or the first reading the network's
   * input) says nothing: a chain stays a chain. */
  if (!(n_inputs == 1 && in_reads[0] == last && (last != NULL || im->layers->len == 0)))
    strata_layer_set_inputs (layer, in_reads, n_inputs);
  g_ptr_array_add (im->layers, layer);
  return layer;
}

/* Whether the shape the file states for @value agrees with ours; a
 * symbolic size agrees with any, and the batch is not compared. */
static gboolean
agrees_with_stated (const Value *value)
{
  const OnnxValueInfo *stated = value->stated;
  gint64 dims[4];
  guint n = onnx_tensor_dims (value, dims);

  if (stated == NULL || !stated->has_shape)
    return TRUE;
  /* A global pooling's vector is [N, C, 1, 1] in ONNX, and flattened [N, C]. */
  if (value->shape.is_vector && stated->n_dims == 4 && n == 2)
    {
      dims[2] = dims[3] = 1;
      n = 4;
    }
  if (stated->n_dims != n)
    return FALSE;
  for (guint i = 1; i < n; i++)
    if (stated->dims[i] != ONNX_DIM_UNKNOWN && stated->dims[i] != dims[i])
      return FALSE;
  return TRUE;
}

gboolean
onnx_set_tensor (Import            *im,
                 const OnnxNode    *node,
                 Value             *out,
                 StrataLayer       *layer,
                 const StrataShape *shape,
                 guint              rank,
                 GError           **error)
{
  if (out == NULL)
    return TRUE;
  out->kind = VALUE_TENSOR;
  out->layer = layer;
  out->shape = *shape;
  out->rank = rank;
  out->from_matmul = FALSE;
  if (im->check_stated && !agrees_with_stated (out))
    {
      gint64 dims[4];
      guint n = onnx_tensor_dims (out, dims);
      g_autofree char *stated = onnx_dims_to_string (out->stated->dims, out->stated->n_dims);
      g_autofree char *ours = onnx_dims_to_string (dims, n);

      return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                              _("the file states the shape %s for “%s”, but its inputs give %s"),
                              stated, out->name, ours);
    }
  return TRUE;
}

gboolean
onnx_alias (Import         *im,
            const OnnxNode *node,
            Value          *out,
            const Value    *in,
            GError        **error)
{
  gboolean from_matmul = in->from_matmul;

  if (!onnx_set_tensor (im, node, out, in->layer, &in->shape, in->rank, error))
    return FALSE;
  if (out != NULL)
    out->from_matmul = from_matmul;
  return TRUE;
}

void
onnx_new_reading (Import *im)
{
  im->reading++;
}

gboolean
onnx_first_read (Import *im,
                 Value  *value)
{
  if (value->reading == im->reading)
    return FALSE;
  value->reading = im->reading;
  return TRUE;
}

/* The parameters of an op Strata keeps as opaque: its float initializers. */
static guint64
opaque_weights (Import         *im,
                const OnnxNode *node)
{
  guint64 total = 0;

  onnx_new_reading (im);
  for (guint i = 0; i < node->n_inputs; i++)
    {
      Value *v = onnx_input (im, node, i);
      int type;

      if (v == NULL || !v->is_initializer || !onnx_first_read (im, v))
        continue;
      type = v->tensor->data_type;
      /* float, float16, double, bfloat16: weights; integers are sizes. */
      if ((type == ONNX_FLOAT || type == 10 || type == ONNX_DOUBLE || type == 16))
        total = MIN (total + MIN (onnx_constant_numel (v), STRATA_WEIGHTS_MAX),
                     STRATA_WEIGHTS_MAX);
    }
  return total;
}

/* An op Strata has no kind for, kept as an opaque layer of the shape the
 * file states for its output, reading the activations it reads. FALSE,
 * with @error left as the reason it could not be mapped, when the file
 * states no shape or the op reads no activation. */
static gboolean
import_opaque (Import          *im,
               const OnnxNode  *node,
               GError         **error)
{
  Value *y = onnx_output (im, node, 0);
  const OnnxValueInfo *stated = y != NULL ? y->stated : NULL;
  g_autoptr(GPtrArray) tensors = g_ptr_array_new ();
  g_autofree char *op = NULL;
  StrataLayerParams p;
  StrataShape out;
  StrataLayer *layer;
  GError *reason = *error;

  if (!im->check_stated || stated == NULL || !stated->has_shape ||
      (stated->n_dims != 2 && stated->n_dims != 4) || !onnx_only_output_used (im, node, NULL))
    return FALSE;
  for (guint i = 1; i < stated->n_dims; i++)
    if (stated->dims[i] <= 0 || stated->dims[i] > G_MAXUINT)
      return FALSE;
  onnx_new_reading (im);
  for (guint i = 0; i < node->n_inputs; i++)
    {
      Value *v = onnx_input (im, node, i);

      if (v != NULL && v->kind == VALUE_TENSOR && onnx_first_read (im, v))
        g_ptr_array_add (tensors, v);
    }
  if (tensors->len == 0)
    return FALSE;

  strata_layer_kind_init_params (STRATA_LAYER_KIND_OPAQUE, &p);
  op = node->domain[0] != '\0' && !g_str_equal (node->domain, "ai.onnx")
       ? g_strconcat (node->domain, ".", node->op_type, NULL) : g_strdup (node->op_type);
  p.op = strata_text_intern (op);
  if (stated->n_dims == 2)
    p.target = (StrataTarget) { 1, 1, stated->dims[1], TRUE };
  else
    p.target = (StrataTarget) { stated->dims[2], stated->dims[3], stated->dims[1], FALSE };
  p.trainable_weights = opaque_weights (im, node);
  *error = NULL;
  layer = onnx_add_layer (im, node, NULL, STRATA_LAYER_KIND_OPAQUE, &p,
                          (Value **) tensors->pdata, tensors->len, &out, error);
  if (layer == NULL || !onnx_set_tensor (im, node, y, layer, &out, stated->n_dims, error))
    {
      g_clear_error (&reason);
      return FALSE;
    }
  {
    /* The reason without the file and node, which the warning names. */
    g_autofree char *prefix = g_strdup_printf (_("“%s”: node “%s” (%s): %s"), im->display_name,
                                               onnx_node_label (node, im), node->op_type, "");
    const char *why = g_str_has_prefix (reason->message, prefix)
                      ? reason->message + strlen (prefix) : reason->message;

    onnx_node_warn (im, node, _("kept as an opaque layer of the shape the file states: %s"), why);
  }
  g_error_free (reason);
  return TRUE;
}

static gboolean
import_node (Import         *im,
             const OnnxNode *node,
             GError        **error)
{
  OnnxOpFunc fold = onnx_fold_func (node->op_type);
  OnnxOpFunc func = onnx_op_func (node->op_type);
  gboolean constant = TRUE;
  guint n_layers = im->layers->len;
  GError *reason = NULL;

  for (guint i = 0; i < node->n_inputs; i++)
    {
      Value *v = onnx_input (im, node, i);

      if (v != NULL && v->kind == VALUE_UNSET)
        return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                                _("its input “%s” is not made before it"), v->name);
      if (v != NULL && v->kind != VALUE_CONSTANT)
        constant = FALSE;
    }
  if (node->domain[0] != '\0' && !g_str_equal (node->domain, "ai.onnx"))
    onnx_node_error (im, node, &reason, STRATA_IMPORT_ERROR_UNSUPPORTED,
                     _("the op domain “%s” is not one Strata reads"), node->domain);
  /* Shape reads only the dims of an activation: always folded. */
  else if (fold != NULL && (constant || g_str_equal (node->op_type, "Shape")))
    return fold (im, node, error);
  else if (func == NULL)
    onnx_node_error (im, node, &reason, STRATA_IMPORT_ERROR_UNSUPPORTED,
                     _("Strata has no kind of layer for this operation"));
  else if (func (im, node, &reason))
    return TRUE;
  /* What Strata has no kind for, or no kind that gives the same numbers,
   * is kept as an opaque layer when the file states its shape. The
   * handler's layers are taken back first. */
  g_ptr_array_set_size (im->layers, n_layers);
  if (reason->domain == STRATA_IMPORT_ERROR && reason->code == STRATA_IMPORT_ERROR_UNSUPPORTED)
    {
      GError *attempt = reason;

      if (import_opaque (im, node, &attempt))
        return TRUE;
      /* @attempt is the reason still, or why the opaque layer failed. */
      reason = attempt;
    }
  g_propagate_error (error, reason);
  return FALSE;
}

static char *
network_name (const char *display_name,
              const char *graph_name)
{
  g_autofree char *base = g_path_get_basename (display_name);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  if (base[0] == '\0' || g_str_equal (base, ".") || g_str_equal (base, G_DIR_SEPARATOR_S))
    return g_strdup (graph_name);
  return g_steal_pointer (&base);
}

StrataNetwork *
strata_import_onnx (GBytes                     *contents,
                    const char                 *display_name,
                    const StrataImportOptions  *options,
                    GPtrArray                  *warnings,
                    GError                    **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (contents, &size);
  g_autoptr(OnnxModel) model = NULL;
  g_autoptr(StrataNetwork) network = strata_network_new ();
  g_autoptr(GArray) order = NULL;
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) onnx_value_free);
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *name = NULL;
  Import im;

  model = onnx_model_decode (data, size, display_name, error);
  if (model == NULL)
    return NULL;
  im = (Import) { display_name, options, warnings, model, by_name, values, layers, names,
                  options == NULL || !options->has_input };
  if (model->opset != 0 && (model->opset < 7 || model->opset > 21) && warnings != NULL)
    {
      /* As text: xgettext cuts a message short at a G_GINT64_FORMAT. */
      g_autofree char *opset = g_strdup_printf ("%" G_GINT64_FORMAT, model->opset);

      g_ptr_array_add (warnings,
                       g_strdup_printf (_("“%s”: opset %s is outside the versions Strata was "
                                          "checked with (7 to 21)"), display_name, opset));
    }
  if (!onnx_collect_values (&im, error) || !onnx_set_inputs (&im, network, error))
    return NULL;
  order = onnx_order_nodes (&im, error);
  if (order == NULL)
    return NULL;
  for (guint k = 0; k < order->len; k++)
    {
      const OnnxNode *node = &g_array_index (model->nodes, OnnxNode, g_array_index (order, guint, k));

      if (!import_node (&im, node, error))
        return NULL;
    }

  name = network_name (display_name, model->graph_name);
  strata_network_set_name (network, name);
  strata_network_splice (network, 0, 0, (StrataLayer **) layers->pdata, layers->len);
  return g_steal_pointer (&network);
}
