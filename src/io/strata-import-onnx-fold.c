/* strata-import-onnx-fold.c: the small shape computations exporters emit, evaluated. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* PyTorch writes x.view(x.size(0), -1) as Shape → Gather → Unsqueeze →
 * Concat → Reshape, and many ops take their sizes from Constant nodes.
 * Every node whose inputs are all constants is evaluated here (the batch
 * taken as 1), so the Reshape after it sees a plain list of sizes and
 * none of these nodes is drawn. Only values of at most ONNX_MAX_LIST
 * numbers are computed; larger constants (weights transformed in the
 * graph) keep their dims alone. */

#include "config.h"

#include <string.h>

#include "strata-import-onnx-private.h"

static void
set_dims (Value        *out,
          const gint64 *dims,
          guint         n_dims)
{
  out->kind = VALUE_CONSTANT;
  out->n_dims = n_dims;
  memmove (out->dims, dims, n_dims * sizeof *dims);
}

/* Takes the values (of as many numbers as @out's dims hold). */
static void
set_data (Value    *out,
          gint64   *ints,
          double   *floats,
          gboolean  is_float)
{
  g_free (out->ints);
  g_free (out->floats);
  out->ints = ints;
  out->floats = floats;
  out->n_data = onnx_constant_numel (out);
  out->has_data = TRUE;
  out->is_float = is_float;
}

static gboolean
too_long (Import          *im,
          const OnnxNode  *node,
          GError         **error)
{
  return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                          _("this shape computation is too large to evaluate (more than %u "
                            "values)"), ONNX_MAX_LIST);
}

static gboolean
cannot (Import          *im,
        const OnnxNode  *node,
        GError         **error)
{
  return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                          _("Strata evaluates this operation only on lists of sizes"));
}

/* A constant input with its values; an absent one fails. */
static Value *
data_input (Import          *im,
            const OnnxNode  *node,
            guint            index,
            GError         **error)
{
  Value *v = onnx_input (im, node, index);

  if (v == NULL)
    {
      onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                       _("input %u is missing"), index + 1);
      return NULL;
    }
  if (v->kind != VALUE_CONSTANT)
    {
      cannot (im, node, error);
      return NULL;
    }
  return onnx_constant_data (im, node, v, error) ? v : NULL;
}

static void
copy_values (Value       *out,
             const Value *in)
{
  if (!in->has_data)
    {
      out->tensor = in->tensor;
      return;
    }
  set_data (out, g_memdup2 (in->ints, MAX (in->n_data, 1) * sizeof (gint64)),
            g_memdup2 (in->floats, MAX (in->n_data, 1) * sizeof (double)), in->is_float);
}

/* A list of at most ONNX_MAX_RANK numbers from an attribute (in older
 * opsets: before 10 for Slice, before 13 for axes) or a constant input;
 * @given, unless NULL, says whether there was either. */
static gboolean
read_list (Import          *im,
           const OnnxNode  *node,
           const char      *attribute,
           guint            input,
           gint64          *values,
           guint           *n,
           gboolean        *given,
           GError         **error)
{
  Value *v;

  if (given != NULL)
    *given = TRUE;
  if (onnx_attr_ints (im, node, attribute, values, ONNX_MAX_RANK, n))
    return *n <= ONNX_MAX_RANK || too_long (im, node, error);
  v = onnx_input (im, node, input);
  if (v == NULL)
    {
      if (given != NULL)
        *given = FALSE;
      *n = 0;
      return TRUE;
    }
  if (v->kind != VALUE_CONSTANT || !onnx_constant_data (im, node, v, error))
    return v->kind == VALUE_CONSTANT ? FALSE : cannot (im, node, error);
  if (v->n_data > ONNX_MAX_RANK)
    return too_long (im, node, error);
  *n = v->n_data;
  memcpy (values, v->ints, v->n_data * sizeof *values);
  return TRUE;
}

static gboolean
fold_constant (Import          *im,
               const OnnxNode  *node,
               GError         **error)
{
  Value *out = onnx_output (im, node, 0);
  const OnnxAttribute *a;
  gint64 dims[1] = { 0 };

  if (out == NULL)
    return TRUE;
  out->kind = VALUE_CONSTANT;
  if ((a = onnx_attr (im, node, "value")) != NULL && a->tensor >= 0)
    {
      const OnnxTensor *t = &g_array_index (im->model->tensors, OnnxTensor, a->tensor);

      set_dims (out, t->dims, t->n_dims);
      out->tensor = t;
      return TRUE;
    }
  for (guint i = 0; i < 4; i++)
    {
      static const char * const names[] = { "value_int", "value_float", "value_ints",
                                             "value_floats" };
      GArray *ints = im->model->int_numbers, *floats = im->model->numbers;
      guint n, first;

      if ((a = onnx_attr (im, node, names[i])) == NULL)
        continue;
      n = i < 2 ? 1 : a->n;
      first = a->first;
      dims[0] = n;
      set_dims (out, dims, i < 2 ? 0 : 1);
      if (i < 2)
        set_data (out, g_memdup2 (&a->i, sizeof a->i), g_new (double, 1), i == 1);
      else
        set_data (out, g_memdup2 (&g_array_index (ints, gint64, first), MAX (n, 1) * sizeof (gint64)),
                  g_memdup2 (&g_array_index (floats, double, first), MAX (n, 1) * sizeof (double)),
                  i == 3);
      if (i == 0)
        out->floats[0] = a->i;
      else if (i == 1)
        {
          out->floats[0] = a->f;
          out->ints[0] = onnx_float_to_int (a->f);
        }
      return TRUE;
    }
  return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                          _("Strata reads only a tensor or numbers as a constant’s value"));
}

static gint64
clamp_index (gint64 index,
             gint64 length)
{
  if (index < 0)
    index += length;
  return CLAMP (index, 0, length);
}

static gboolean
fold_shape (Import          *im,
            const OnnxNode  *node,
            GError         **error)
{
  Value *in = onnx_input (im, node, 0);
  Value *out = onnx_output (im, node, 0);
  gint64 dims[ONNX_MAX_RANK];
  guint n;
  gint64 start, end, length[1];

  if (in == NULL)
    return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID, _("input 1 is missing"));
  if (in->kind == VALUE_TENSOR)
    n = onnx_tensor_dims (in, dims);
  else
    memcpy (dims, in->dims, (n = in->n_dims) * sizeof *dims);
  if (out == NULL)
    return TRUE;
  /* Opset 15's start and end. */
  start = clamp_index (onnx_attr_int (im, node, "start", 0), n);
  end = clamp_index (onnx_attr_int (im, node, "end", n), n);
  length[0] = MAX (end - start, 0);
  set_dims (out, length, 1);
  set_data (out, g_memdup2 (dims + start, MAX (length[0], 1) * sizeof (gint64)),
            g_new (double, MAX (length[0], 1)), FALSE);
  for (gint64 i = 0; i < length[0]; i++)
    out->floats[i] = out->ints[i];
  return TRUE;
}

static gboolean
fold_gather (Import          *im,
             const OnnxNode  *node,
             GError         **error)
{
  Value *data = data_input (im, node, 0, error);
  Value *indices = data != NULL ? data_input (im, node, 1, error) : NULL;
  Value *out = onnx_output (im, node, 0);
  gint64 axis = onnx_attr_int (im, node, "axis", 0);
  gint64 *ints;
  double *floats;

  if (indices == NULL)
    return FALSE;
  if (data->n_dims != 1 || (axis != 0 && axis != -1) || indices->n_dims > 1)
    return cannot (im, node, error);
  if (out == NULL)
    return TRUE;
  ints = g_new (gint64, MAX (indices->n_data, 1));
  floats = g_new (double, MAX (indices->n_data, 1));
  for (guint i = 0; i < indices->n_data; i++)
    {
      gint64 k = indices->ints[i];

      if (k < 0)
        k += data->n_data;
      if (k < 0 || k >= (gint64) data->n_data)
        {
          g_free (ints);
          g_free (floats);
          return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                                  _("an index is outside the list it reads"));
        }
      ints[i] = data->ints[k];
      floats[i] = data->floats[k];
    }
  set_dims (out, indices->dims, indices->n_dims);
  set_data (out, ints, floats, data->is_float);
  return TRUE;
}

static gboolean
fold_unsqueeze (Import          *im,
                const OnnxNode  *node,
                GError         **error)
{
  Value *in = onnx_input (im, node, 0);
  Value *out = onnx_output (im, node, 0);
  gint64 axes[ONNX_MAX_RANK], dims[ONNX_MAX_RANK];
  guint n_axes, rank, from = 0;
  gboolean given, inserted[ONNX_MAX_RANK] = { FALSE };

  if (in == NULL || !read_list (im, node, "axes", 1, axes, &n_axes, &given, error))
    return in == NULL ? onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                                         _("input 1 is missing")) : FALSE;
  rank = in->n_dims + n_axes;
  if (!given || rank > ONNX_MAX_RANK)
    return cannot (im, node, error);
  for (guint i = 0; i < n_axes; i++)
    {
      gint64 axis = axes[i] < 0 ? axes[i] + rank : axes[i];

      if (axis < 0 || axis >= rank || inserted[axis])
        return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                                _("the axes are out of range or repeated"));
      inserted[axis] = TRUE;
    }
  for (guint i = 0; i < rank; i++)
    dims[i] = inserted[i] ? 1 : in->dims[from++];
  if (out == NULL)
    return TRUE;
  set_dims (out, dims, rank);
  copy_values (out, in);
  return TRUE;
}

static gboolean
fold_squeeze (Import          *im,
              const OnnxNode  *node,
              GError         **error)
{
  Value *in = onnx_input (im, node, 0);
  Value *out = onnx_output (im, node, 0);
  gint64 axes[ONNX_MAX_RANK], dims[ONNX_MAX_RANK];
  guint n_axes, rank = 0;
  gboolean given, removed[ONNX_MAX_RANK] = { FALSE };

  if (in == NULL || !read_list (im, node, "axes", 1, axes, &n_axes, &given, error))
    return in == NULL ? onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                                         _("input 1 is missing")) : FALSE;
  for (guint i = 0; i < n_axes; i++)
    {
      gint64 axis = axes[i] < 0 ? axes[i] + in->n_dims : axes[i];

      if (axis < 0 || axis >= in->n_dims || in->dims[axis] != 1)
        return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                                _("an axis to squeeze is out of range or not of size 1"));
      removed[axis] = TRUE;
    }
  for (guint i = 0; i < in->n_dims; i++)
    if (!(given ? removed[i] : in->dims[i] == 1))
      dims[rank++] = in->dims[i];
  if (out == NULL)
    return TRUE;
  set_dims (out, dims, rank);
  copy_values (out, in);
  return TRUE;
}

static gboolean
fold_concat (Import          *im,
             const OnnxNode  *node,
             GError         **error)
{
  Value *out = onnx_output (im, node, 0);
  guint64 total = 0;
  gint64 length[1];
  gint64 *ints;
  double *floats;
  gboolean is_float = FALSE;
  guint at = 0;

  for (guint i = 0; i < node->n_inputs; i++)
    {
      Value *v = data_input (im, node, i, error);

      if (v == NULL)
        return FALSE;
      if (v->n_dims != 1)
        return cannot (im, node, error);
      total += v->n_data;
      is_float |= v->is_float;
    }
  if (total > ONNX_MAX_LIST)
    return too_long (im, node, error);
  if (out == NULL)
    return TRUE;
  ints = g_new (gint64, MAX (total, 1));
  floats = g_new (double, MAX (total, 1));
  for (guint i = 0; i < node->n_inputs; i++)
    {
      Value *v = onnx_input (im, node, i);

      memcpy (ints + at, v->ints, v->n_data * sizeof *ints);
      memcpy (floats + at, v->floats, v->n_data * sizeof *floats);
      at += v->n_data;
    }
  length[0] = total;
  set_dims (out, length, 1);
  set_data (out, ints, floats, is_float);
  return TRUE;
}

static gboolean
fold_identity (Import          *im,
               const OnnxNode  *node,
               GError         **error)
{
  Value *in = onnx_input (im, node, 0);
  Value *out = onnx_output (im, node, 0);
  gint64 to = onnx_attr_int (im, node, "to", 0);

  if (in == NULL)
    return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID, _("input 1 is missing"));
  if (out == NULL)
    return TRUE;
  set_dims (out, in->dims, in->n_dims);
  copy_values (out, in);
  /* Cast: to an integer type, values are truncated. */
  if (out->has_data && g_str_equal (node->op_type, "Cast") && to != ONNX_FLOAT &&
      to != ONNX_DOUBLE && to != 10 && to != 16)
    {
      for (guint i = 0; i < out->n_data; i++)
        out->floats[i] = out->ints[i] = onnx_float_to_int (out->floats[i]);
      out->is_float = FALSE;
    }
  else if (out->has_data && g_str_equal (node->op_type, "Cast"))
    out->is_float = TRUE;
  return TRUE;
}

static gboolean
fold_slice (Import          *im,
            const OnnxNode  *node,
            GError         **error)
{
  Value *data = data_input (im, node, 0, error);
  Value *out = onnx_output (im, node, 0);
  gint64 starts[ONNX_MAX_RANK], ends[ONNX_MAX_RANK], axes[ONNX_MAX_RANK], steps[ONNX_MAX_RANK];
  gint64 first[ONNX_MAX_RANK], step[ONNX_MAX_RANK], dims[ONNX_MAX_RANK];
  guint64 strides[ONNX_MAX_RANK];
  guint n_starts, n_ends, n_axes, n_steps, rank;
  guint64 n = 1;
  gint64 *ints;
  double *floats;

  if (data == NULL ||
      !read_list (im, node, "starts", 1, starts, &n_starts, NULL, error) ||
      !read_list (im, node, "ends", 2, ends, &n_ends, NULL, error) ||
      !read_list (im, node, "axes", 3, axes, &n_axes, NULL, error) ||
      !read_list (im, node, "steps", 4, steps, &n_steps, NULL, error))
    return FALSE;
  rank = data->n_dims;
  if (n_starts != n_ends || (n_axes != 0 && n_axes != n_starts) ||
      (n_steps != 0 && n_steps != n_starts) || n_starts > rank)
    return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                            _("its starts, ends, axes and steps do not match"));
  for (guint i = 0; i < rank; i++)
    {
      first[i] = 0;
      step[i] = 1;
      dims[i] = data->dims[i];
    }
  for (guint k = 0; k < n_starts; k++)
    {
      gint64 axis = n_axes ? axes[k] : (gint64) k;
      gint64 length, begin, stop, by = n_steps ? steps[k] : 1;

      if (axis < 0)
        axis += rank;
      if (axis < 0 || axis >= rank || by == 0 || by == G_MININT64)
        return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                                _("its axes or steps are impossible"));
      length = data->dims[axis];
      begin = starts[k] < 0 ? MAX (starts[k], -length) + length : starts[k];
      stop = ends[k] < 0 ? MAX (ends[k], -length - 1) + length : ends[k];
      if (by > 0)
        {
          begin = MIN (begin, length);
          stop = MIN (stop, length);
          dims[axis] = stop > begin ? (stop - begin - 1) / by + 1 : 0;
        }
      else
        {
          begin = MIN (begin, length - 1);
          stop = MIN (stop, length - 1);
          dims[axis] = begin > stop ? (begin - stop - 1) / -by + 1 : 0;
        }
      first[axis] = begin;
      step[axis] = by;
    }
  if (out == NULL)
    return TRUE;
  for (guint i = rank; i-- > 0;)
    {
      strides[i] = i + 1 < rank ? strides[i + 1] * data->dims[i + 1] : 1;
      n *= dims[i];
    }
  ints = g_new (gint64, MAX (n, 1));
  floats = g_new (double, MAX (n, 1));
  for (guint64 k = 0; k < n; k++)
    {
      guint64 rest = k, from = 0;

      for (guint i = rank; i-- > 0;)
        {
          from += (first[i] + (gint64) (rest % dims[i]) * step[i]) * strides[i];
          rest /= dims[i];
        }
      ints[k] = data->ints[from];
      floats[k] = data->floats[from];
    }
  set_dims (out, dims, rank);
  set_data (out, ints, floats, data->is_float);
  return TRUE;
}

static gboolean
fold_reshape (Import          *im,
              const OnnxNode  *node,
              GError         **error)
{
  Value *in = onnx_input (im, node, 0);
  Value *shape = data_input (im, node, 1, error);
  Value *out = onnx_output (im, node, 0);
  gint64 dims[ONNX_MAX_RANK];
  guint64 known = 1, numel;
  gint infer = -1;

  if (in == NULL || shape == NULL)
    return FALSE;
  if (shape->n_data > ONNX_MAX_RANK)
    return too_long (im, node, error);
  numel = onnx_constant_numel (in);
  for (guint i = 0; i < shape->n_data; i++)
    {
      dims[i] = shape->ints[i];
      if (dims[i] == 0 && !onnx_attr_int (im, node, "allowzero", 0))
        dims[i] = i < in->n_dims ? in->dims[i] : 0;
      if (dims[i] == -1 && infer < 0)
        infer = i;
      else if (dims[i] < 0 || !g_uint64_checked_mul (&known, known, dims[i]))
        return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                                _("the target shape is impossible"));
    }
  if (infer >= 0)
    {
      if (known == 0 || numel % known != 0)
        return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                                _("the target shape is impossible"));
      dims[infer] = numel / known;
    }
  else if (known != numel)
    return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                            _("the target shape is impossible"));
  if (out == NULL)
    return TRUE;
  set_dims (out, dims, shape->n_data);
  copy_values (out, in);
  return TRUE;
}

/* Elementwise arithmetic. Values are computed for a scalar with a list or
 * two lists of one length; other operands keep only the broadcast dims. */
static gboolean
fold_arithmetic (Import          *im,
                 const OnnxNode  *node,
                 GError         **error)
{
  Value *a = onnx_input (im, node, 0);
  Value *b = onnx_input (im, node, 1);
  Value *out = onnx_output (im, node, 0);
  gint64 dims[ONNX_MAX_RANK];
  guint rank;
  guint64 na, nb, n;
  char op = node->op_type[0];
  gint64 *ints;
  double *floats;
  gboolean is_float;

  if (a == NULL || b == NULL)
    return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                            _("it needs two inputs"));
  rank = MAX (a->n_dims, b->n_dims);
  for (guint i = 0; i < rank; i++)
    {
      gint64 x = i < a->n_dims ? a->dims[a->n_dims - 1 - i] : 1;
      gint64 y = i < b->n_dims ? b->dims[b->n_dims - 1 - i] : 1;

      if (x != y && x != 1 && y != 1)
        return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                                _("its operands do not broadcast"));
      dims[rank - 1 - i] = x == 1 ? y : x;
    }
  if (out == NULL)
    return TRUE;
  set_dims (out, dims, rank);
  na = onnx_constant_numel (a);
  nb = onnx_constant_numel (b);
  n = onnx_constant_numel (out);
  if (n > ONNX_MAX_LIST || (na != n && na != 1) || (nb != n && nb != 1))
    return TRUE;
  if (!onnx_constant_data (im, node, a, error) || !onnx_constant_data (im, node, b, error))
    return FALSE;
  is_float = a->is_float || b->is_float;
  ints = g_new (gint64, MAX (n, 1));
  floats = g_new (double, MAX (n, 1));
  for (guint64 i = 0; i < n; i++)
    {
      gint64 x = a->ints[na == 1 ? 0 : i], y = b->ints[nb == 1 ? 0 : i];
      double fx = a->floats[na == 1 ? 0 : i], fy = b->floats[nb == 1 ? 0 : i];

      switch (op)
        {
        case 'A':
          floats[i] = fx + fy;
          ints[i] = (gint64) ((guint64) x + (guint64) y);
          break;
        case 'S':
          floats[i] = fx - fy;
          ints[i] = (gint64) ((guint64) x - (guint64) y);
          break;
        case 'M':
          floats[i] = fx * fy;
          ints[i] = (gint64) ((guint64) x * (guint64) y);
          break;
        default:
          floats[i] = fy != 0 ? fx / fy : 0;
          ints[i] = y != 0 && !(x == G_MININT64 && y == -1) ? x / y : 0;
          break;
        }
      if (is_float)
        ints[i] = onnx_float_to_int (floats[i]);
      else
        floats[i] = ints[i];
    }
  set_data (out, ints, floats, is_float);
  return TRUE;
}

static gboolean
fold_transpose (Import          *im,
                const OnnxNode  *node,
                GError         **error)
{
  Value *in = onnx_input (im, node, 0);
  Value *out = onnx_output (im, node, 0);
  gint64 perm[ONNX_MAX_RANK], dims[ONNX_MAX_RANK];
  guint64 in_strides[ONNX_MAX_RANK];
  gboolean used[ONNX_MAX_RANK] = { FALSE };
  guint n_perm = 0, rank;
  guint64 n;
  gint64 *ints;
  double *floats;

  if (in == NULL)
    return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID, _("input 1 is missing"));
  rank = in->n_dims;
  if (!onnx_attr_ints (im, node, "perm", perm, ONNX_MAX_RANK, &n_perm))
    for (guint i = 0; i < rank; i++)
      perm[i] = rank - 1 - i;
  else if (n_perm != rank)
    return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                            _("its perm does not list every axis once"));
  for (guint i = 0; i < rank; i++)
    {
      if (perm[i] < 0 || perm[i] >= rank || used[perm[i]])
        return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                                _("its perm does not list every axis once"));
      used[perm[i]] = TRUE;
      dims[i] = in->dims[perm[i]];
    }
  if (out == NULL)
    return TRUE;
  set_dims (out, dims, rank);
  n = onnx_constant_numel (in);
  if (n > ONNX_MAX_LIST || !onnx_constant_data (im, node, in, NULL))
    {
      /* Values, if ever needed, cannot be read in this order. */
      out->tensor = NULL;
      return TRUE;
    }
  in_strides[rank > 0 ? rank - 1 : 0] = 1;
  for (guint i = rank - 1; i > 0 && rank > 0; i--)
    in_strides[i - 1] = in_strides[i] * in->dims[i];
  ints = g_new (gint64, MAX (n, 1));
  floats = g_new (double, MAX (n, 1));
  for (guint64 k = 0; k < n; k++)
    {
      guint64 rest = k, from = 0;

      /* The output index, digit by digit from the last axis. */
      for (guint i = rank; i-- > 0;)
        {
          from += (rest % dims[i]) * in_strides[perm[i]];
          rest /= dims[i];
        }
      ints[k] = in->ints[from];
      floats[k] = in->floats[from];
    }
  set_data (out, ints, floats, in->is_float);
  return TRUE;
}

static gboolean
fold_constant_of_shape (Import          *im,
                        const OnnxNode  *node,
                        GError         **error)
{
  Value *shape = data_input (im, node, 0, error);
  Value *out = onnx_output (im, node, 0);
  const OnnxAttribute *a = onnx_attr (im, node, "value");
  gint64 dims[ONNX_MAX_RANK];
  gint64 fill = 0;
  double ffill = 0;
  guint64 n;

  if (shape == NULL)
    return FALSE;
  if (shape->n_data > ONNX_MAX_RANK)
    return too_long (im, node, error);
  for (guint i = 0; i < shape->n_data; i++)
    if ((dims[i] = shape->ints[i]) < 0)
      return onnx_node_error (im, node, error, STRATA_IMPORT_ERROR_INVALID,
                              _("the target shape is impossible"));
  if (a != NULL && a->tensor >= 0 &&
      !onnx_tensor_values (&g_array_index (im->model->tensors, OnnxTensor, a->tensor), 1,
                           &fill, &ffill))
    return cannot (im, node, error);
  if (out == NULL)
    return TRUE;
  set_dims (out, dims, shape->n_data);
  n = onnx_constant_numel (out);
  if (n <= ONNX_MAX_LIST)
    {
      gint64 *ints = g_new (gint64, MAX (n, 1));
      double *floats = g_new (double, MAX (n, 1));

      for (guint64 i = 0; i < n; i++)
        {
          ints[i] = fill;
          floats[i] = ffill;
        }
      set_data (out, ints, floats, FALSE);
    }
  return TRUE;
}

OnnxOpFunc
onnx_fold_func (const char *op_type)
{
  static const struct { const char *op; OnnxOpFunc func; } table[] = {
    { "Constant", fold_constant },
    { "Shape", fold_shape },
    { "Gather", fold_gather },
    { "Unsqueeze", fold_unsqueeze },
    { "Squeeze", fold_squeeze },
    { "Concat", fold_concat },
    { "Cast", fold_identity },
    { "Identity", fold_identity },
    { "Slice", fold_slice },
    { "Reshape", fold_reshape },
    { "Add", fold_arithmetic },
    { "Sub", fold_arithmetic },
    { "Mul", fold_arithmetic },
    { "Div", fold_arithmetic },
    { "ConstantOfShape", fold_constant_of_shape },
    { "Transpose", fold_transpose },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i].op, op_type))
      return table[i].func;
  return NULL;
}
