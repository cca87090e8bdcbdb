/* strata-onnx-wire.c: protobuf's wire format read in place: numbers, fields, a tensor's values. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-import.h"
#include "strata-onnx-wire-private.h"

gboolean
onnx_wire_damaged (Decoder      *d,
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
gboolean
onnx_wire_past_limit (Decoder      *d,
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

gboolean
onnx_wire_too_many (Decoder    *d,
                    const char *what)
{
  g_set_error (d->error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_TOO_LARGE,
               /* Translators: "FILE: more than N nodes" etc. */
               _("“%s”: the model has more %s than Strata reads (%u)"), d->display_name, what,
               ONNX_MAX_ITEMS);
  return FALSE;
}

gboolean
onnx_wire_read_varint (Decoder *d,
                       Span    *s,
                       guint64 *value)
{
  const guint8 *at = s->p;
  guint64 v = 0;

  for (guint shift = 0; shift < 64; shift += 7)
    {
      guint8 byte;

      if (s->p == s->end)
        return onnx_wire_damaged (d, at, _("a number runs past the end of its message"));
      byte = *s->p++;
      v |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          *value = v;
          return TRUE;
        }
    }
  return onnx_wire_damaged (d, at, _("a number is longer than ten bytes"));
}

/* The next field's number and wire type; for WIRE_BYTES also its
 * contents, checked to lie within @s. */
gboolean
onnx_wire_read_field (Decoder *d,
                      Span    *s,
                      guint   *field,
                      guint   *wire,
                      Span    *contents)
{
  const guint8 *at = s->p;
  guint64 tag;
  guint64 length;

  if (!onnx_wire_read_varint (d, s, &tag))
    return FALSE;
  *field = tag >> 3 > G_MAXUINT ? 0 : tag >> 3;
  *wire = tag & 7;
  if (*field == 0)
    return onnx_wire_damaged (d, at, _("a field has number 0"));
  switch (*wire)
    {
    case WIRE_VARINT:
    case WIRE_FIXED64:
    case WIRE_FIXED32:
      return TRUE;
    case WIRE_BYTES:
      at = s->p;
      if (!onnx_wire_read_varint (d, s, &length))
        return FALSE;
      if (length > (guint64) (s->end - s->p))
        return onnx_wire_damaged (d, at, _("a field’s length runs past the end of its message"));
      contents->p = s->p;
      contents->end = s->p + length;
      s->p += length;
      return TRUE;
    default:
      return onnx_wire_damaged (d, at, _("a field has the unknown wire type %u"), *wire);
    }
}

/* Passes over a field that is not length-delimited (those are passed
 * over by read_field()). */
gboolean
onnx_wire_skip_scalar (Decoder *d,
                       Span    *s,
                       guint    wire)
{
  guint64 unused;
  gsize size = wire == WIRE_FIXED64 ? 8 : 4;

  if (wire == WIRE_VARINT)
    return onnx_wire_read_varint (d, s, &unused);
  if (wire == WIRE_BYTES)
    return TRUE;
  if ((gsize) (s->end - s->p) < size)
    return onnx_wire_damaged (d, s->p, _("a field runs past the end of its message"));
  s->p += size;
  return TRUE;
}

gboolean
onnx_wire_read_int (Decoder *d,
                    Span    *s,
                    guint    wire,
                    gint64  *value)
{
  guint64 v;

  if (wire != WIRE_VARINT)
    return onnx_wire_damaged (d, s->p, _("an integer field has another wire type"));
  if (!onnx_wire_read_varint (d, s, &v))
    return FALSE;
  *value = (gint64) v;
  return TRUE;
}

gboolean
onnx_wire_read_float (Decoder *d,
                      Span    *s,
                      double  *value)
{
  guint32 bits;
  float f;

  if (s->end - s->p < 4)
    return onnx_wire_damaged (d, s->p, _("a number runs past the end of its message"));
  bits = (guint32) s->p[0] | (guint32) s->p[1] << 8 | (guint32) s->p[2] << 16 |
         (guint32) s->p[3] << 24;
  memcpy (&f, &bits, sizeof f);
  *value = f;
  s->p += 4;
  return TRUE;
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

      if (!onnx_wire_read_field (&d, &s, &field, &wire, &c))
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
              if (!onnx_wire_read_varint (&d, &s, &u) || count == n)
                return FALSE;
              ints[count] = field == 7 ? (gint64) u : (gint32) (guint32) u;
              floats[count] = ints[count];
              count++;
              continue;
            }
          while (values.p < values.end)
            {
              if (!onnx_wire_read_varint (&d, &values, &u) || count == n)
                return FALSE;
              ints[count] = field == 7 ? (gint64) u : (gint32) (guint32) u;
              floats[count] = ints[count];
              count++;
            }
          continue;
        }
      if (!onnx_wire_skip_scalar (&d, &s, wire))
        return FALSE;
    }
  return count == n;
}
