/* strata-shape.c: the shape of a tensor flowing between layers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-shape.h"

G_DEFINE_BOXED_TYPE (StrataShape, strata_shape, strata_shape_copy, strata_shape_free)

StrataShape *
strata_shape_copy (const StrataShape *shape)
{
  g_return_val_if_fail (shape != NULL, NULL);

  return g_memdup2 (shape, sizeof *shape);
}

void
strata_shape_free (StrataShape *shape)
{
  g_free (shape);
}

gboolean
strata_shape_equal (const StrataShape *a,
                    const StrataShape *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return a->height == b->height &&
         a->width == b->width &&
         a->channels == b->channels &&
         !a->is_vector == !b->is_vector;
}

gboolean
strata_shape_get_size (const StrataShape *shape,
                       guint64           *size)
{
  guint64 n;

  g_return_val_if_fail (shape != NULL, FALSE);
  g_return_val_if_fail (size != NULL, FALSE);

  if (shape->is_vector)
    {
      *size = shape->channels;
      return TRUE;
    }

  return g_uint64_checked_mul (&n, shape->height, shape->width) &&
         g_uint64_checked_mul (size, n, shape->channels);
}

char *
strata_shape_to_string (const StrataShape *shape)
{
  g_return_val_if_fail (shape != NULL, NULL);

  if (shape->is_vector)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, shape->channels);

  return g_strdup_printf ("%" G_GUINT64_FORMAT " × %" G_GUINT64_FORMAT " × %" G_GUINT64_FORMAT,
                          shape->height, shape->width, shape->channels);
}
