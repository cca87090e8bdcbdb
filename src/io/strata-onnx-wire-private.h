/* strata-onnx-wire-private.h: reading protobuf's wire format, shared by the ONNX messages' decoder. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-onnx-private.h"

G_BEGIN_DECLS

enum { WIRE_VARINT = 0, WIRE_FIXED64 = 1, WIRE_BYTES = 2, WIRE_FIXED32 = 5 };

typedef struct
{
  const guint8 *start;  /* of the file, for the offsets in messages */
  const char   *display_name;
  OnnxModel    *model;
  GError      **error;
} Decoder;

/* The bytes of a message not read yet. */
typedef struct
{
  const guint8 *p;
  const guint8 *end;
} Span;

/* Each sets the decoder's error and returns FALSE: a file damaged at
 * @at, a list longer than Strata reads there (docs/limits.md), or more
 * @what than ONNX_MAX_ITEMS. */
G_GNUC_INTERNAL G_GNUC_PRINTF (3, 4)
gboolean onnx_wire_damaged     (Decoder      *d,
                                const guint8 *at,
                                const char   *format,
                                ...);
G_GNUC_INTERNAL G_GNUC_PRINTF (3, 4)
gboolean onnx_wire_past_limit  (Decoder      *d,
                                const guint8 *at,
                                const char   *format,
                                ...);
G_GNUC_INTERNAL
gboolean onnx_wire_too_many    (Decoder      *d,
                                const char   *what);

G_GNUC_INTERNAL
gboolean onnx_wire_read_varint (Decoder      *d,
                                Span         *s,
                                guint64      *value);
G_GNUC_INTERNAL
gboolean onnx_wire_read_field  (Decoder      *d,
                                Span         *s,
                                guint        *field,
                                guint        *wire,
                                Span         *contents);
G_GNUC_INTERNAL
gboolean onnx_wire_skip_scalar (Decoder      *d,
                                Span         *s,
                                guint         wire);
G_GNUC_INTERNAL
gboolean onnx_wire_read_int    (Decoder      *d,
                                Span         *s,
                                guint         wire,
                                gint64       *value);
G_GNUC_INTERNAL
gboolean onnx_wire_read_float  (Decoder      *d,
                                Span         *s,
                                double       *value);

G_END_DECLS
