/* strata-shape.h: the shape of a tensor flowing between layers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STRATA_TYPE_SHAPE (strata_shape_get_type ())

/* A spatial tensor is height × width × channels; a vector has
 * height = width = 1, is_vector = TRUE and its length in channels. */
typedef struct
{
  guint64  height;
  guint64  width;
  guint64  channels;
  gboolean is_vector;
} StrataShape;

GType        strata_shape_get_type    (void) G_GNUC_CONST;
StrataShape *strata_shape_copy        (const StrataShape *shape);
void         strata_shape_free        (StrataShape       *shape);
gboolean     strata_shape_equal       (const StrataShape *a,
                                       const StrataShape *b);
/* Elements in the tensor, or FALSE when the product overflows 64 bits. */
gboolean     strata_shape_get_size    (const StrataShape *shape,
                                       guint64           *size);
/* "28 × 28 × 8" or "120". */
char        *strata_shape_to_string   (const StrataShape *shape);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataShape, strata_shape_free)

G_END_DECLS
