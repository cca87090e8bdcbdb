/* strata-onnx-decode.c: the messages of an ONNX model, decoded from the wire format in place. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A model is read where it lies in the (mapped) file: a length-delimited
 * field the importer does not need, such as a tensor's raw_data, is passed
 * over by its length, so the pages of a model's weights are never touched.
 * Only names, dims and attributes are kept; docs/import.md compares this
 * with protobuf-c, which copies every bytes field it unpacks. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-import.h"
#include "strata-onnx-wire-private.h"

static const char *
intern (Decoder    *d,
        const Span *text)
{
  gsize length = text->end - text->p;
  g_autofree char *valid = NULL;

  /* Names end up in layer names and messages, which must be UTF-8. */
  if (memchr (text->p, '\0', length) == NULL &&
      g_utf8_validate ((const char *) text->p, length, NULL))
    return g_string_chunk_insert_len (d->model->strings, (const char *) text->p, length);
  valid = g_utf8_make_valid ((const char *) text->p, length);
  return g_string_chunk_insert (d->model->strings, valid);
}

/* A repeated int64, packed or not, appended to @dims. */
static gboolean
read_dim (Decoder *d,
          Span    *s,
          guint    wire,
          Span    *contents,
          gint64  *dims,
          guint   *n_dims)
{
  Span packed = *contents;
  gint64 v = 0;

  if (wire != WIRE_BYTES)
    {
      if (!onnx_wire_read_int (d, s, wire, &v))
        return FALSE;
      if (*n_dims == ONNX_MAX_RANK)
        return onnx_wire_past_limit (d, s->p, _("a tensor has more than %u dims"), ONNX_MAX_RANK);
      dims[(*n_dims)++] = v;
      return TRUE;
    }
  while (packed.p < packed.end)
    {
      guint64 u;

      if (!onnx_wire_read_varint (d, &packed, &u))
        return FALSE;
      if (*n_dims == ONNX_MAX_RANK)
        return onnx_wire_past_limit (d, packed.p, _("a tensor has more than %u dims"),
                                     ONNX_MAX_RANK);
      dims[(*n_dims)++] = (gint64) u;
    }
  return TRUE;
}

static gboolean
read_tensor (Decoder    *d,
             Span        s,
             OnnxTensor *tensor)
{
  memset (tensor, 0, sizeof *tensor);
  tensor->name = "";
  tensor->message = s.p;
  tensor->length = s.end - s.p;
  while (s.p < s.end)
    {
      guint field, wire;
      Span contents = { NULL, NULL };
      gint64 v = 0;

      if (!onnx_wire_read_field (d, &s, &field, &wire, &contents))
        return FALSE;
      switch (field)
        {
        case 1:
          if (!read_dim (d, &s, wire, &contents, tensor->dims, &tensor->n_dims))
            return FALSE;
          break;
        case 2:
          if (!onnx_wire_read_int (d, &s, wire, &v))
            return FALSE;
          tensor->data_type = (int) CLAMP (v, -1, G_MAXINT);
          break;
        case 8:
          if (wire != WIRE_BYTES)
            return onnx_wire_damaged (d, s.p, _("a tensor’s name is not text"));
          tensor->name = intern (d, &contents);
          break;
        case 14:
          if (!onnx_wire_read_int (d, &s, wire, &v))
            return FALSE;
          tensor->external = v == 1;
          break;
        default:
          /* raw_data and the typed data fields: passed over by length. */
          if (!onnx_wire_skip_scalar (d, &s, wire))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
add_tensor (Decoder *d,
            Span     s,
            GArray  *into,
            gint    *index)
{
  OnnxTensor tensor;

  if (into->len >= ONNX_MAX_ITEMS)
    return onnx_wire_too_many (d, _("tensors"));
  if (!read_tensor (d, s, &tensor))
    return FALSE;
  *index = into->len;
  g_array_append_val (into, tensor);
  return TRUE;
}

static gboolean
append_number (Decoder      *d,
               const guint8 *at,
               OnnxAttribute *attribute,
               gint64        i,
               double        f)
{
  if (attribute->n >= ONNX_MAX_LIST)
    return onnx_wire_past_limit (d, at, _("an attribute lists more than %u numbers"),
                                 ONNX_MAX_LIST);
  g_array_append_val (d->model->int_numbers, i);
  g_array_append_val (d->model->numbers, f);
  attribute->n++;
  return TRUE;
}

static gboolean
read_attribute (Decoder *d,
                Span     s)
{
  OnnxModel *m = d->model;
  OnnxAttribute a = { "", 0, 0, 0.0, "", m->numbers->len, 0, -1 };
  gboolean lists_ints = FALSE, lists_floats = FALSE;

  while (s.p < s.end)
    {
      const guint8 *at = s.p;
      guint field, wire;
      Span contents = { NULL, NULL };
      gint64 v = 0;
      double f;

      if (!onnx_wire_read_field (d, &s, &field, &wire, &contents))
        return FALSE;
      switch (field)
        {
        case 1:
        case 4:
          if (wire != WIRE_BYTES)
            return onnx_wire_damaged (d, at, _("an attribute’s name or text is not text"));
          if (field == 1)
            a.name = intern (d, &contents);
          else
            a.s = intern (d, &contents);
          break;
        case 20:
          if (!onnx_wire_read_int (d, &s, wire, &v))
            return FALSE;
          a.type = (int) CLAMP (v, 0, G_MAXINT);
          break;
        case 2:
          if (wire != WIRE_FIXED32)
            return onnx_wire_damaged (d, at, _("a float attribute has another wire type"));
          if (!onnx_wire_read_float (d, &s, &a.f))
            return FALSE;
          break;
        case 3:
          if (!onnx_wire_read_int (d, &s, wire, &a.i))
            return FALSE;
          break;
        case 5:
          if (wire != WIRE_BYTES)
            return onnx_wire_damaged (d, at, _("a tensor attribute is not a message"));
          if (!add_tensor (d, contents, m->tensors, &a.tensor))
            return FALSE;
          break;
        case 7:
          lists_floats = TRUE;
          if (wire == WIRE_FIXED32)
            {
              if (!onnx_wire_read_float (d, &s, &f) ||
                  !append_number (d, at, &a, onnx_float_to_int (f), f))
                return FALSE;
            }
          else if (wire == WIRE_BYTES)
            while (contents.p < contents.end)
              if (!onnx_wire_read_float (d, &contents, &f) ||
                  !append_number (d, at, &a, onnx_float_to_int (f), f))
                return FALSE;
          break;
        case 8:
          lists_ints = TRUE;
          if (wire == WIRE_VARINT)
            {
              if (!onnx_wire_read_int (d, &s, wire, &v) ||
                  !append_number (d, at, &a, v, (double) v))
                return FALSE;
            }
          else if (wire == WIRE_BYTES)
            while (contents.p < contents.end)
              {
                guint64 u;

                if (!onnx_wire_read_varint (d, &contents, &u) ||
                    !append_number (d, at, &a, (gint64) u, (double) (gint64) u))
                  return FALSE;
              }
          break;
        default:
          if (!onnx_wire_skip_scalar (d, &s, wire))
            return FALSE;
        }
    }
  if (lists_ints && lists_floats)
    return onnx_wire_damaged (d, s.end, _("the attribute “%s” lists both integers and floats"),
                              a.name);
  /* Files written before the type field existed: the value says it. */
  if (a.type == 0)
    a.type = lists_ints ? ONNX_ATTR_INTS : lists_floats ? ONNX_ATTR_FLOATS : a.tensor >= 0
             ? ONNX_ATTR_TENSOR : ONNX_ATTR_INT;
  if (m->attributes->len >= ONNX_MAX_ITEMS)
    return onnx_wire_too_many (d, _("attributes"));
  g_array_append_val (m->attributes, a);
  return TRUE;
}

static gboolean
add_ref (Decoder *d,
         Span    *contents,
         guint   *count)
{
  if (d->model->refs->len >= ONNX_MAX_ITEMS)
    return onnx_wire_too_many (d, _("node inputs and outputs"));
  g_ptr_array_add (d->model->refs, (gpointer) intern (d, contents));
  (*count)++;
  return TRUE;
}

/* Inputs and outputs are gathered apart, as a node may list them in any
 * order, then appended to the refs in a row. */
static gboolean
read_node (Decoder *d,
           Span     s)
{
  OnnxModel *m = d->model;
  OnnxNode node = { "", "", "", 0, 0, 0, 0, m->attributes->len, 0 };
  g_autoptr(GPtrArray) outputs = g_ptr_array_new ();
  guint first = m->refs->len;

  node.first_input = first;
  while (s.p < s.end)
    {
      const guint8 *at = s.p;
      guint field, wire;
      Span contents = { NULL, NULL };

      if (!onnx_wire_read_field (d, &s, &field, &wire, &contents))
        return FALSE;
      if (field >= 1 && field <= 7 && field != 6 && wire != WIRE_BYTES)
        return onnx_wire_damaged (d, at, _("a node field is not a message or text"));
      switch (field)
        {
        case 1:
          if (!add_ref (d, &contents, &node.n_inputs))
            return FALSE;
          break;
        case 2:
          if (outputs->len >= ONNX_MAX_ITEMS)
            return onnx_wire_too_many (d, _("node outputs"));
          g_ptr_array_add (outputs, (gpointer) intern (d, &contents));
          break;
        case 3:
          node.name = intern (d, &contents);
          break;
        case 4:
          node.op_type = intern (d, &contents);
          break;
        case 7:
          node.domain = intern (d, &contents);
          break;
        case 5:
          if (!read_attribute (d, contents))
            return FALSE;
          node.n_attributes++;
          break;
        default:
          if (!onnx_wire_skip_scalar (d, &s, wire))
            return FALSE;
        }
    }
  node.first_output = m->refs->len;
  for (guint i = 0; i < outputs->len; i++)
    {
      if (m->refs->len >= ONNX_MAX_ITEMS)
        return onnx_wire_too_many (d, _("node inputs and outputs"));
      g_ptr_array_add (m->refs, outputs->pdata[i]);
    }
  node.n_outputs = outputs->len;
  if (m->nodes->len >= ONNX_MAX_ITEMS)
    return onnx_wire_too_many (d, _("nodes"));
  g_array_append_val (m->nodes, node);
  return TRUE;
}

static gboolean
read_shape (Decoder       *d,
            Span           s,
            OnnxValueInfo *info)
{
  info->has_shape = TRUE;
  while (s.p < s.end)
    {
      const guint8 *at = s.p;
      guint field, wire;
      Span dim = { NULL, NULL };
      gint64 size = ONNX_DIM_UNKNOWN;

      if (!onnx_wire_read_field (d, &s, &field, &wire, &dim))
        return FALSE;
      if (field != 1)
        {
          if (!onnx_wire_skip_scalar (d, &s, wire))
            return FALSE;
          continue;
        }
      if (wire != WIRE_BYTES)
        return onnx_wire_damaged (d, at, _("a dimension is not a message"));
      while (dim.p < dim.end)
        {
          guint f, w;
          Span unused = { NULL, NULL };

          if (!onnx_wire_read_field (d, &dim, &f, &w, &unused))
            return FALSE;
          if (f == 1)
            {
              if (!onnx_wire_read_int (d, &dim, w, &size))
                return FALSE;
            }
          else if (!onnx_wire_skip_scalar (d, &dim, w))
            return FALSE;
        }
      if (info->n_dims == ONNX_MAX_RANK)
        return onnx_wire_past_limit (d, at, _("a tensor has more than %u dims"), ONNX_MAX_RANK);
      /* A symbolic dimension (dim_param) has no value. */
      info->dims[info->n_dims++] = size;
    }
  return TRUE;
}

/* A ValueInfoProto: its name and TypeProto.tensor_type.shape. */
static gboolean
read_value_info (Decoder *d,
                 Span     s,
                 GArray  *into)
{
  OnnxValueInfo info = { "", FALSE, 0, { 0 } };

  while (s.p < s.end)
    {
      guint field, wire;
      Span type = { NULL, NULL };

      if (!onnx_wire_read_field (d, &s, &field, &wire, &type))
        return FALSE;
      if (wire != WIRE_BYTES)
        {
          if (!onnx_wire_skip_scalar (d, &s, wire))
            return FALSE;
          continue;
        }
      if (field == 1)
        info.name = intern (d, &type);
      else if (field == 2)
        while (type.p < type.end)
          {
            guint f, w;
            Span tensor = { NULL, NULL };

            if (!onnx_wire_read_field (d, &type, &f, &w, &tensor))
              return FALSE;
            if (f != 1 || w != WIRE_BYTES)
              {
                if (!onnx_wire_skip_scalar (d, &type, w))
                  return FALSE;
                continue;
              }
            while (tensor.p < tensor.end)
              {
                guint tf, tw;
                Span shape = { NULL, NULL };

                if (!onnx_wire_read_field (d, &tensor, &tf, &tw, &shape))
                  return FALSE;
                if (tf == 2 && tw == WIRE_BYTES)
                  {
                    info.n_dims = 0;
                    if (!read_shape (d, shape, &info))
                      return FALSE;
                  }
                else if (!onnx_wire_skip_scalar (d, &tensor, tw))
                  return FALSE;
              }
          }
    }
  if (into->len >= ONNX_MAX_ITEMS)
    return onnx_wire_too_many (d, _("graph inputs, outputs or value infos"));
  g_array_append_val (into, info);
  return TRUE;
}

static gboolean
read_graph (Decoder *d,
            Span     s)
{
  OnnxModel *m = d->model;

  m->has_graph = TRUE;
  while (s.p < s.end)
    {
      guint field, wire;
      Span contents = { NULL, NULL };
      gint unused;
      gboolean ok = TRUE;

      if (!onnx_wire_read_field (d, &s, &field, &wire, &contents))
        return FALSE;
      if (wire != WIRE_BYTES)
        {
          if (!onnx_wire_skip_scalar (d, &s, wire))
            return FALSE;
          continue;
        }
      switch (field)
        {
        case 1:
          ok = read_node (d, contents);
          break;
        case 2:
          m->graph_name = intern (d, &contents);
          break;
        case 5:
          ok = add_tensor (d, contents, m->initializers, &unused);
          break;
        case 11:
          ok = read_value_info (d, contents, m->inputs);
          break;
        case 12:
          ok = read_value_info (d, contents, m->outputs);
          break;
        case 13:
          ok = read_value_info (d, contents, m->value_infos);
          break;
        default:
          break;
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_opset (Decoder *d,
            Span     s)
{
  const char *domain = "";
  gint64 version = 0;

  while (s.p < s.end)
    {
      guint field, wire;
      Span contents = { NULL, NULL };

      if (!onnx_wire_read_field (d, &s, &field, &wire, &contents))
        return FALSE;
      if (field == 1 && wire == WIRE_BYTES)
        domain = intern (d, &contents);
      else if (field == 2)
        {
          if (!onnx_wire_read_int (d, &s, wire, &version))
            return FALSE;
        }
      else if (!onnx_wire_skip_scalar (d, &s, wire))
        return FALSE;
    }
  if (domain[0] == '\0' || g_str_equal (domain, "ai.onnx"))
    d->model->opset = version;
  return TRUE;
}

void
onnx_model_free (OnnxModel *model)
{
  g_string_chunk_free (model->strings);
  g_array_unref (model->nodes);
  g_array_unref (model->attributes);
  g_array_unref (model->tensors);
  g_array_unref (model->initializers);
  g_array_unref (model->inputs);
  g_array_unref (model->outputs);
  g_array_unref (model->value_infos);
  g_ptr_array_unref (model->refs);
  g_array_unref (model->numbers);
  g_array_unref (model->int_numbers);
  g_free (model);
}

OnnxModel *
onnx_model_decode (const guint8  *data,
                   gsize          size,
                   const char    *display_name,
                   GError       **error)
{
  g_autoptr(OnnxModel) model = g_new0 (OnnxModel, 1);
  Decoder d = { data, display_name, model, error };
  /* Empty contents may have no data: NULL + 0 is undefined. */
  Span s = { data, size > 0 ? data + size : data };

  model->strings = g_string_chunk_new (4096);
  model->nodes = g_array_new (FALSE, FALSE, sizeof (OnnxNode));
  model->attributes = g_array_new (FALSE, FALSE, sizeof (OnnxAttribute));
  model->tensors = g_array_new (FALSE, FALSE, sizeof (OnnxTensor));
  model->initializers = g_array_new (FALSE, FALSE, sizeof (OnnxTensor));
  model->inputs = g_array_new (FALSE, FALSE, sizeof (OnnxValueInfo));
  model->outputs = g_array_new (FALSE, FALSE, sizeof (OnnxValueInfo));
  model->value_infos = g_array_new (FALSE, FALSE, sizeof (OnnxValueInfo));
  model->refs = g_ptr_array_new ();
  model->numbers = g_array_new (FALSE, FALSE, sizeof (double));
  model->int_numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  model->graph_name = "";

  while (s.p < s.end)
    {
      guint field, wire;
      Span contents = { NULL, NULL };

      if (!onnx_wire_read_field (&d, &s, &field, &wire, &contents))
        return NULL;
      if (field == 7 && wire == WIRE_BYTES)
        {
          if (!read_graph (&d, contents))
            return NULL;
        }
      else if (field == 8 && wire == WIRE_BYTES)
        {
          if (!read_opset (&d, contents))
            return NULL;
        }
      else if (!onnx_wire_skip_scalar (&d, &s, wire))
        return NULL;
    }
  if (!model->has_graph)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_INVALID,
                   _("“%s”: the ONNX file has no graph"), display_name);
      return NULL;
    }
  return g_steal_pointer (&model);
}
