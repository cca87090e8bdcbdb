/* strata-onnx-wire.c: the protobuf wire format of ONNX models, read in place. */
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
#include "strata-onnx-private.h"

enum { WIRE_VARINT = 0, WIRE_FIXED64 = 1, WIRE_BYTES = 2, WIRE_FIXED32 = 5 };

typedef struct
{
  const guint8 *start;  /* of the file, for the offsets in messages */
  const char   *display_name;
  OnnxModel    *model;
  GError      **error;
} Decoder;

typedef struct
{
  const guint8 *p;
  const guint8 *end;
} Span;

G_GNUC_PRINTF (3, 4)
static gboolean
damaged (Decoder      *d,
         const guint8 *at,
         const char   *format,
         ...)
{
  g_autofree char *what = NULL;
  g_autofree char *offset = g_strdup_printf ("%" G_GSIZE_FORMAT, (gsize) (at - d->start));
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: "FILE: damaged at byte N: WHAT" */
  g_set_error (d->error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_INVALID,
               _("“%s”: the ONNX file is damaged at byte %s: %s"), d->display_name, offset, what);
  return FALSE;
}

/* A list longer than Strata reads (docs/limits.md). */
G_GNUC_PRINTF (3, 4)
static gboolean
past_limit (Decoder      *d,
            const guint8 *at,
            const char   *format,
            ...)
{
  g_autofree char *what = NULL;
  g_autofree char *offset = g_strdup_printf ("%" G_GSIZE_FORMAT, (gsize) (at - d->start));
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: "FILE: at byte N, WHAT" */
  g_set_error (d->error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_TOO_LARGE,
               _("“%s”: at byte %s, %s, more than Strata reads"), d->display_name, offset, what);
  return FALSE;
}

static gboolean
too_many (Decoder    *d,
          const char *what)
{
  g_set_error (d->error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_TOO_LARGE,
               /* Translators: "FILE: more than N nodes" etc. */
               _("“%s”: the model has more %s than Strata reads (%u)"), d->display_name, what,
               ONNX_MAX_ITEMS);
  return FALSE;
}

static gboolean
read_varint (Decoder *d,
             Span    *s,
             guint64 *value)
{
  const guint8 *at = s->p;
  guint64 v = 0;

  for (guint shift = 0; shift < 64; shift += 7)
    {
      guint8 byte;

      if (s->p == s->end)
        return damaged (d, at, _("a number runs past the end of its message"));
      byte = *s->p++;
      v |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          *value = v;
          return TRUE;
        }
    }
  return damaged (d, at, _("a number is longer than ten bytes"));
}

/* The next field's number and wire type; for WIRE_BYTES also its
 * contents, checked to lie within @s. */
static gboolean
read_field (Decoder *d,
            Span    *s,
            guint   *field,
            guint   *wire,
            Span    *contents)
{
  const guint8 *at = s->p;
  guint64 tag;
  guint64 length;

  if (!read_varint (d, s, &tag))
    return FALSE;
  *field = tag >> 3 > G_MAXUINT ? 0 : tag >> 3;
  *wire = tag & 7;
  if (*field == 0)
    return damaged (d, at, _("a field has number 0"));
  switch (*wire)
    {
    case WIRE_VARINT:
    case WIRE_FIXED64:
    case WIRE_FIXED32:
      return TRUE;
    case WIRE_BYTES:
      at = s->p;
      if (!read_varint (d, s, &length))
        return FALSE;
      if (length > (guint64) (s->end - s->p))
        return damaged (d, at, _("a field’s length runs past the end of its message"));
      contents->p = s->p;
      contents->end = s->p + length;
      s->p += length;
      return TRUE;
    default:
      return damaged (d, at, _("a field has the unknown wire type %u"), *wire);
    }
}

/* Passes over a field that is not length-delimited (those are passed
 * over by read_field()). */
static gboolean
skip_scalar (Decoder *d,
             Span    *s,
             guint    wire)
{
  guint64 unused;
  gsize size = wire == WIRE_FIXED64 ? 8 : 4;

  if (wire == WIRE_VARINT)
    return read_varint (d, s, &unused);
  if (wire == WIRE_BYTES)
    return TRUE;
  if ((gsize) (s->end - s->p) < size)
    return damaged (d, s->p, _("a field runs past the end of its message"));
  s->p += size;
  return TRUE;
}

static gboolean
read_int (Decoder *d,
          Span    *s,
          guint    wire,
          gint64  *value)
{
  guint64 v;

  if (wire != WIRE_VARINT)
    return damaged (d, s->p, _("an integer field has another wire type"));
  if (!read_varint (d, s, &v))
    return FALSE;
  *value = (gint64) v;
  return TRUE;
}

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
      if (!read_int (d, s, wire, &v))
        return FALSE;
      if (*n_dims == ONNX_MAX_RANK)
        return past_limit (d, s->p, _("a tensor has more than %u dims"), ONNX_MAX_RANK);
      dims[(*n_dims)++] = v;
      return TRUE;
    }
  while (packed.p < packed.end)
    {
      guint64 u;

      if (!read_varint (d, &packed, &u))
        return FALSE;
      if (*n_dims == ONNX_MAX_RANK)
        return past_limit (d, packed.p, _("a tensor has more than %u dims"), ONNX_MAX_RANK);
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

      if (!read_field (d, &s, &field, &wire, &contents))
        return FALSE;
      switch (field)
        {
        case 1:
          if (!read_dim (d, &s, wire, &contents, tensor->dims, &tensor->n_dims))
            return FALSE;
          break;
        case 2:
          if (!read_int (d, &s, wire, &v))
            return FALSE;
          tensor->data_type = (int) CLAMP (v, -1, G_MAXINT);
          break;
        case 8:
          if (wire != WIRE_BYTES)
            return damaged (d, s.p, _("a tensor’s name is not text"));
          tensor->name = intern (d, &contents);
          break;
        case 14:
          if (!read_int (d, &s, wire, &v))
            return FALSE;
          tensor->external = v == 1;
          break;
        default:
          /* raw_data and the typed data fields: passed over by length. */
          if (!skip_scalar (d, &s, wire))
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
    return too_many (d, _("tensors"));
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
    return past_limit (d, at, _("an attribute lists more than %u numbers"), ONNX_MAX_LIST);
  g_array_append_val (d->model->int_numbers, i);
  g_array_append_val (d->model->numbers, f);
  attribute->n++;
  return TRUE;
}

static gboolean
read_float (Decoder *d,
            Span    *s,
            double  *value)
{
  guint32 bits;
  float f;

  if (s->end - s->p < 4)
    return damaged (d, s->p, _("a number runs past the end of its message"));
  bits = (guint32) s->p[0] | (guint32) s->p[1] << 8 | (guint32) s->p[2] << 16 |
         (guint32) s->p[3] << 24;
  memcpy (&f, &bits, sizeof f);
  *value = f;
  s->p += 4;
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

      if (!read_field (d, &s, &field, &wire, &contents))
        return FALSE;
      switch (field)
        {
        case 1:
        case 4:
          if (wire != WIRE_BYTES)
            return damaged (d, at, _("an attribute’s name or text is not text"));
          if (field == 1)
            a.name = intern (d, &contents);
          else
            a.s = intern (d, &contents);
          break;
        case 20:
          if (!read_int (d, &s, wire, &v))
            return FALSE;
          a.type = (int) CLAMP (v, 0, G_MAXINT);
          break;
        case 2:
          if (wire != WIRE_FIXED32)
            return damaged (d, at, _("a float attribute has another wire type"));
          if (!read_float (d, &s, &a.f))
            return FALSE;
          break;
        case 3:
          if (!read_int (d, &s, wire, &a.i))
            return FALSE;
          break;
        case 5:
          if (wire != WIRE_BYTES)
            return damaged (d, at, _("a tensor attribute is not a message"));
          if (!add_tensor (d, contents, m->tensors, &a.tensor))
            return FALSE;
          break;
        case 7:
          lists_floats = TRUE;
          if (wire == WIRE_FIXED32)
            {
              if (!read_float (d, &s, &f) || !append_number (d, at, &a, onnx_float_to_int (f), f))
                return FALSE;
            }
          else if (wire == WIRE_BYTES)
            while (contents.p < contents.end)
              if (!read_float (d, &contents, &f) ||
                  !append_number (d, at, &a, onnx_float_to_int (f), f))
                return FALSE;
          break;
        case 8:
          lists_ints = TRUE;
          if (wire == WIRE_VARINT)
            {
              if (!read_int (d, &s, wire, &v) || !append_number (d, at, &a, v, (double) v))
                return FALSE;
            }
          else if (wire == WIRE_BYTES)
            while (contents.p < contents.end)
              {
                guint64 u;

                if (!read_varint (d, &contents, &u) ||
                    !append_number (d, at, &a, (gint64) u, (double) (gint64) u))
                  return FALSE;
              }
          break;
        default:
          if (!skip_scalar (d, &s, wire))
            return FALSE;
        }
    }
  if (lists_ints && lists_floats)
    return damaged (d, s.end, _("the attribute “%s” lists both integers and floats"), a.name);
  /* Files written before the type field existed: the value says it. */
  if (a.type == 0)
    a.type = lists_ints ? ONNX_ATTR_INTS : lists_floats ? ONNX_ATTR_FLOATS : a.tensor >= 0
             ? ONNX_ATTR_TENSOR : ONNX_ATTR_INT;
  if (m->attributes->len >= ONNX_MAX_ITEMS)
    return too_many (d, _("attributes"));
  g_array_append_val (m->attributes, a);
  return TRUE;
}

static gboolean
add_ref (Decoder *d,
         Span    *contents,
         guint   *count)
{
  if (d->model->refs->len >= ONNX_MAX_ITEMS)
    return too_many (d, _("node inputs and outputs"));
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

      if (!read_field (d, &s, &field, &wire, &contents))
        return FALSE;
      if (field >= 1 && field <= 7 && field != 6 && wire != WIRE_BYTES)
        return damaged (d, at, _("a node field is not a message or text"));
      switch (field)
        {
        case 1:
          if (!add_ref (d, &contents, &node.n_inputs))
            return FALSE;
          break;
        case 2:
          if (outputs->len >= ONNX_MAX_ITEMS)
            return too_many (d, _("node outputs"));
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
          if (!skip_scalar (d, &s, wire))
            return FALSE;
        }
    }
  node.first_output = m->refs->len;
  for (guint i = 0; i < outputs->len; i++)
    {
      if (m->refs->len >= ONNX_MAX_ITEMS)
        return too_many (d, _("node inputs and outputs"));
      g_ptr_array_add (m->refs, outputs->pdata[i]);
    }
  node.n_outputs = outputs->len;
  if (m->nodes->len >= ONNX_MAX_ITEMS)
    return too_many (d, _("nodes"));
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

      if (!read_field (d, &s, &field, &wire, &dim))
        return FALSE;
      if (field != 1)
        {
          if (!skip_scalar (d, &s, wire))
            return FALSE;
          continue;
        }
      if (wire != WIRE_BYTES)
        return damaged (d, at, _("a dimension is not a message"));
      while (dim.p < dim.end)
        {
          guint f, w;
          Span unused = { NULL, NULL };

          if (!read_field (d, &dim, &f, &w, &unused))
            return FALSE;
          if (f == 1)
            {
              if (!read_int (d, &dim, w, &size))
                return FALSE;
            }
          else if (!skip_scalar (d, &dim, w))
            return FALSE;
        }
      if (info->n_dims == ONNX_MAX_RANK)
        return past_limit (d, at, _("a tensor has more than %u dims"), ONNX_MAX_RANK);
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

      if (!read_field (d, &s, &field, &wire, &type))
        return FALSE;
      if (wire != WIRE_BYTES)
        {
          if (!skip_scalar (d, &s, wire))
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

            if (!read_field (d, &type, &f, &w, &tensor))
              return FALSE;
            if (f != 1 || w != WIRE_BYTES)
              {
                if (!skip_scalar (d, &type, w))
                  return FALSE;
                continue;
              }
            while (tensor.p < tensor.end)
              {
                guint tf, tw;
                Span shape = { NULL, NULL };

                if (!read_field (d, &tensor, &tf, &tw, &shape))
                  return FALSE;
                if (tf == 2 && tw == WIRE_BYTES)
                  {
                    info.n_dims = 0;
                    if (!read_shape (d, shape, &info))
                      return FALSE;
                  }
                else if (!skip_scalar (d, &tensor, tw))
                  return FALSE;
              }
          }
    }
  if (into->len >= ONNX_MAX_ITEMS)
    return too_many (d, _("graph inputs, outputs or value infos"));
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

      if (!read_field (d, &s, &field, &wire, &contents))
        return FALSE;
      if (wire != WIRE_BYTES)
        {
          if (!skip_scalar (d, &s, wire))
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

      if (!read_field (d, &s, &field, &wire, &contents))
        return FALSE;
      if (field == 1 && wire == WIRE_BYTES)
        domain = intern (d, &contents);
      else if (field == 2)
        {
          if (!read_int (d, &s, wire, &version))
            return FALSE;
        }
      else if (!skip_scalar (d, &s, wire))
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

      if (!read_field (&d, &s, &field, &wire, &contents))
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
      else if (!skip_scalar (&d, &s, wire))
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

/* The values of one typed data field (packed or not) or of raw_data. */
gboolean
onnx_tensor_values (const OnnxTensor *tensor,
                    guint             n,
                    gint64           *ints,
                    double           *floats)
{
  Decoder d = { tensor->message, "", NULL, NULL };
  Span s = { tensor->message, tensor->message + tensor->length };
  guint count = 0;
  int type = tensor->data_type;

  if (tensor->external)
    return FALSE;
  if (type != ONNX_FLOAT && type != ONNX_DOUBLE && type != ONNX_INT64 && type != ONNX_INT32 &&
      type != ONNX_INT8 && type != ONNX_UINT8 && type != ONNX_BOOL)
    return FALSE;
  while (s.p < s.end)
    {
      guint field, wire;
      Span c = { NULL, NULL };

      if (!read_field (&d, &s, &field, &wire, &c))
        return FALSE;
      if (field == 9 && wire == WIRE_BYTES)
        {
          gsize width = type == ONNX_DOUBLE || type == ONNX_INT64 ? 8 : type == ONNX_FLOAT ||
                        type == ONNX_INT32 ? 4 : 1;

          if ((gsize) (c.end - c.p) != width * n)
            return FALSE;
          for (guint i = 0; i < n; i++, c.p += width)
            {
              guint64 bits = 0;

              for (gsize b = 0; b < width; b++)
                bits |= (guint64) c.p[b] << (8 * b);
              if (type == ONNX_FLOAT)
                {
                  guint32 b32 = (guint32) bits;
                  float f;

                  memcpy (&f, &b32, sizeof f);
                  floats[i] = f;
                }
              else if (type == ONNX_DOUBLE)
                memcpy (&floats[i], &bits, sizeof floats[i]);
              else if (type == ONNX_INT32)
                floats[i] = (gint32) (guint32) bits;
              else if (type == ONNX_INT8)
                floats[i] = (gint8) (guint8) bits;
              else
                floats[i] = type == ONNX_INT64 ? (double) (gint64) bits : (double) bits;
              ints[i] = type == ONNX_INT64 ? (gint64) bits : onnx_float_to_int (floats[i]);
            }
          return TRUE;
        }
      if ((field == 4 && type == ONNX_FLOAT) || (field == 10 && type == ONNX_DOUBLE))
        {
          gsize width = field == 4 ? 4 : 8;
          guint want = wire == WIRE_BYTES ? (guint) ((c.end - c.p) / width) : 1;

          if (wire == WIRE_BYTES && (gsize) (c.end - c.p) % width != 0)
            return FALSE;
          if (wire != WIRE_BYTES)
            {
              c.p = s.p;
              c.end = s.p + width;
              if ((gsize) (s.end - s.p) < width)
                return FALSE;
              s.p += width;
            }
          for (guint i = 0; i < want; i++, c.p += width)
            {
              guint64 bits = 0;

              if (count == n)
                return FALSE;
              for (gsize b = 0; b < width; b++)
                bits |= (guint64) c.p[b] << (8 * b);
              if (width == 4)
                {
                  guint32 b32 = (guint32) bits;
                  float f;

                  memcpy (&f, &b32, sizeof f);
                  floats[count] = f;
                }
              else
                memcpy (&floats[count], &bits, sizeof floats[count]);
              ints[count] = onnx_float_to_int (floats[count]);
              count++;
            }
          continue;
        }
      if ((field == 7 && type == ONNX_INT64) ||
          (field == 5 && (type == ONNX_INT32 || type == ONNX_INT8 || type == ONNX_UINT8 ||
                          type == ONNX_BOOL)))
        {
          Span values = c;
          guint64 u;

          if (wire == WIRE_VARINT)
            {
              if (!read_varint (&d, &s, &u) || count == n)
                return FALSE;
              ints[count] = field == 7 ? (gint64) u : (gint32) (guint32) u;
              floats[count] = ints[count];
              count++;
              continue;
            }
          while (values.p < values.end)
            {
              if (!read_varint (&d, &values, &u) || count == n)
                return FALSE;
              ints[count] = field == 7 ? (gint64) u : (gint32) (guint32) u;
              floats[count] = ints[count];
              count++;
            }
          continue;
        }
      if (!skip_scalar (&d, &s, wire))
        return FALSE;
    }
  return count == n;
}
