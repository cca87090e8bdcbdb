/* strata-import-torch-args.c: a module's arguments bound to its constructor's, as values. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-import.h"
#include "strata-import-torch-build-private.h"

void
torch_bound_clear (Bound *bound)
{
  g_clear_pointer (&bound->args, g_ptr_array_unref);
}

gboolean
torch_bind (TorchBuilder       *b,
            const TorchModule  *m,
            const char * const *names,
            Bound              *bound,
            GError            **error)
{
  guint n_names = g_strv_length ((char **) names);
  guint positional = 0;

  g_assert (n_names <= TORCH_MAX_SIGNATURE);
  if ((bound->args = torch_parse_args (b->data, m, b->file, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < bound->args->len; i++)
    {
      TorchArg *arg = g_ptr_array_index (bound->args, i);
      guint slot = n_names;

      if (arg->name == NULL)
        {
          if (positional >= n_names)
            {
              torch_builder_fail (b, m, STRATA_IMPORT_ERROR_INVALID, error,
                                  _("there are more arguments than %s takes"), m->type);
              return FALSE;
            }
          slot = positional++;
        }
      else
        for (slot = 0; slot < n_names && !g_str_equal (names[slot], arg->name); slot++)
          ;
      if (slot == n_names)
        {
          torch_builder_fail (b, m, STRATA_IMPORT_ERROR_UNSUPPORTED, error,
                              _("%s has no argument “%s” that Strata knows"), m->type,
                              arg->name);
          return FALSE;
        }
      if (bound->values[slot] != NULL)
        {
          torch_builder_fail (b, m, STRATA_IMPORT_ERROR_INVALID, error,
                              _("“%s” is given twice"), names[slot]);
          return FALSE;
        }
      bound->values[slot] = arg->value;
    }
  return TRUE;
}

gboolean
torch_require (TorchBuilder       *b,
               const TorchModule  *m,
               const char * const *names,
               const Bound        *bound,
               guint               n_required,
               GError            **error)
{
  for (guint i = 0; i < n_required; i++)
    if (bound->values[i] == NULL)
      {
        torch_builder_fail (b, m, STRATA_IMPORT_ERROR_INVALID, error,
                            _("“%s” is missing"), names[i]);
        return FALSE;
      }
  return TRUE;
}

gboolean
torch_get_count (TorchBuilder       *b,
                 const TorchModule  *m,
                 const char         *name,
                 const TorchValue   *v,
                 guint               minimum,
                 guint              *out,
                 GError            **error)
{
  if (v->type != TORCH_VALUE_INT || v->integer < minimum || v->integer > G_MAXUINT)
    {
      torch_builder_fail_at (b, m, v, error,
                             _("“%s” must be a whole number from %u to %u"), name, minimum,
                             G_MAXUINT);
      return FALSE;
    }
  *out = (guint) v->integer;
  return TRUE;
}

/* An int, or a tuple of two, as PyTorch takes for kernel sizes and strides. */
gboolean
torch_get_pair (TorchBuilder       *b,
                const TorchModule  *m,
                const char         *name,
                const TorchValue   *v,
                guint               minimum,
                StrataPair         *out,
                GError            **error)
{
  if (v->type == TORCH_VALUE_TUPLE && v->items->len == 2)
    return torch_get_count (b, m, name, g_ptr_array_index (v->items, 0), minimum, &out->height,
                            error) &&
           torch_get_count (b, m, name, g_ptr_array_index (v->items, 1), minimum, &out->width,
                            error);
  if (v->type == TORCH_VALUE_INT)
    {
      if (!torch_get_count (b, m, name, v, minimum, &out->height, error))
        return FALSE;
      out->width = out->height;
      return TRUE;
    }
  torch_builder_fail_at (b, m, v, error,
                         _("“%s” must be a whole number or a pair of them, such as (3, 3)"), name);
  return FALSE;
}

gboolean
torch_get_bool (TorchBuilder       *b,
                const TorchModule  *m,
                const char         *name,
                const TorchValue   *v,
                gboolean           *out,
                GError            **error)
{
  if (v->type != TORCH_VALUE_BOOL)
    {
      torch_builder_fail_at (b, m, v, error,
                             _("“%s” must be True or False"), name);
      return FALSE;
    }
  *out = v->boolean;
  return TRUE;
}

gboolean
torch_get_number (TorchBuilder       *b,
                  const TorchModule  *m,
                  const char         *name,
                  const TorchValue   *v,
                  double             *out,
                  GError            **error)
{
  if (v->type != TORCH_VALUE_INT && v->type != TORCH_VALUE_FLOAT)
    {
      torch_builder_fail_at (b, m, v, error,
                             _("“%s” must be a number"), name);
      return FALSE;
    }
  *out = v->number;
  return TRUE;
}

gboolean
torch_is_string (const TorchValue *v,
                 const char       *text)
{
  return v != NULL && v->type == TORCH_VALUE_STRING && g_str_equal (v->string, text);
}
