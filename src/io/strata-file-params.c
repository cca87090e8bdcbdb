/* strata-file-params.c: the values of hyper-parameters in .strata files, read and written. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "strata-file-private.h"

/* Keys repeat across kinds (a convolution's "padding" is not zero
 * padding's), never within one. */
const StrataParamInfo *
strata_file_lookup_param (StrataLayerKind   kind,
                          const char       *key,
                          const Place      *place,
                          GError          **error)
{
  gboolean known = FALSE;

  for (guint i = 0; i < STRATA_N_PARAMS; i++)
    {
      if (!g_str_equal (strata_param_get_info (i)->key, key))
        continue;
      if (strata_layer_kind_takes (kind, i))
        return strata_param_get_info (i);
      known = TRUE;
    }

  if (known)
    set_invalid (error, place, _("A layer of type “%s” has no “%s”"),
                 strata_layer_kind_get_info (kind)->id, key);
  else
    set_invalid (error, place, _("Unknown field “%s”"), key);
  return NULL;
}

/* An integer or [height, width]. */
static gboolean
read_pair (JsonNode    *node,
           guint        minimum,
           StrataPair  *pair,
           const Place *place,
           const char  *key,
           GError     **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      if (!read_count (node, minimum, &pair->height, place, key, error))
        return FALSE;
      pair->width = pair->height;
      return TRUE;
    }

  array = json_node_get_array (node);
  if (json_array_get_length (array) != 2)
    {
      set_invalid (error, place, _("“%s” must be a number or a pair [height, width], not a list "
                                   "of %u"), key, json_array_get_length (array));
      return FALSE;
    }
  return read_count (json_array_get_element (array, 0), minimum, &pair->height, place, key,
                     error) &&
         read_count (json_array_get_element (array, 1), minimum, &pair->width, place, key, error);
}

static gboolean
read_choice (JsonNode              *node,
             const StrataParamInfo *info,
             guint                 *value,
             const Place           *place,
             GError               **error)
{
  const char *text;
  g_autoptr(GString) known = NULL;

  if (!read_string (node, &text, place, info->key, error))
    return FALSE;
  for (guint i = 0; i < info->n_choices; i++)
    {
      if (g_str_equal (info->choices[i].id, text))
        {
          *value = i;
          return TRUE;
        }
    }

  known = g_string_new (NULL);
  for (guint i = 0; i < info->n_choices; i++)
    g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", info->choices[i].id);
  set_invalid (error, place, _("“%s” must be one of %s, not “%s”"), info->key, known->str, text);
  return FALSE;
}

/* An integer, [height, width], [top, bottom, left, right], or Keras's
 * [[top, bottom], [left, right]]. */
static gboolean
read_sides (JsonNode              *node,
            const StrataParamInfo *info,
            StrataSides           *sides,
            const Place           *place,
            GError               **error)
{
  guint values[4];
  guint n = 0;
  JsonArray *array = NULL;
  JsonArray *parts[2] = { NULL, NULL };

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) ||
          (json_node_get_value_type (node) != G_TYPE_INT64 &&
           json_node_get_value_type (node) != G_TYPE_DOUBLE))
        {
          set_invalid (error, place, _("“%s” must be a number, [height, width], [top, bottom, "
                                       "left, right] or [[top, bottom], [left, right]], not %s"),
                       info->key, node_kind (node));
          return FALSE;
        }
      if (!read_count (node, info->minimum, &values[0], place, info->key, error))
        return FALSE;
      *sides = (StrataSides) { values[0], values[0], values[0], values[0] };
      return TRUE;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 2 && JSON_NODE_HOLDS_ARRAY (json_array_get_element (array, 0)) &&
      JSON_NODE_HOLDS_ARRAY (json_array_get_element (array, 1)))
    {
      parts[0] = json_array_get_array_element (array, 0);
      parts[1] = json_array_get_array_element (array, 1);
      if (json_array_get_length (parts[0]) == 2 && json_array_get_length (parts[1]) == 2)
        {
          for (guint i = 0; i < 4; i++)
            if (!read_count (json_array_get_element (parts[i / 2], i % 2), info->minimum,
                             &values[i], place, info->key, error))
              return FALSE;
          *sides = (StrataSides) { values[0], values[1], values[2], values[3] };
          return TRUE;
        }
    }
  else if (n == 2 || n == 4)
    {
      for (guint i = 0; i < n; i++)
        if (!read_count (json_array_get_element (array, i), info->minimum, &values[i], place,
                         info->key, error))
          return FALSE;
      if (n == 2)
        *sides = (StrataSides) { values[0], values[0], values[1], values[1] };
      else
        *sides = (StrataSides) { values[0], values[1], values[2], values[3] };
      return TRUE;
    }

  set_invalid (error, place, _("“%s” must be a number, [height, width], [top, bottom, left, "
                               "right] or [[top, bottom], [left, right]]"), info->key);
  return FALSE;
}

/* [height, width, channels], or [length] for a vector. */
static gboolean
read_target (JsonNode              *node,
             const StrataParamInfo *info,
             StrataTarget          *target,
             const Place           *place,
             GError               **error)
{
  JsonArray *array;
  guint n;
  guint values[3];

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (error, place, _("“%s” must be [height, width, channels] or [length], not %s"),
                   info->key, node_kind (node));
      return FALSE;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n != 1 && n != 3)
    {
      set_invalid (error, place, _("“%s” must be [height, width, channels] or [length], not a "
                                   "list of %u"), info->key, n);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!read_count (json_array_get_element (array, i), info->minimum, &values[i], place,
                     info->key, error))
      return FALSE;

  /* A vector leaves the height and width as they were, unused. */
  target->is_vector = n == 1;
  target->channels = values[n - 1];
  if (n == 3)
    {
      target->height = values[0];
      target->width = values[1];
    }
  return TRUE;
}

/* A count of weights: a whole number from 0 to STRATA_WEIGHTS_MAX. */
static gboolean
read_weights (JsonNode              *node,
              const StrataParamInfo *info,
              guint64               *value,
              const Place           *place,
              GError               **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *largest = g_strdup_printf ("%" G_GUINT64_FORMAT, STRATA_WEIGHTS_MAX);
  double number;

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 &&
       json_node_get_value_type (node) != G_TYPE_DOUBLE))
    {
      set_invalid (error, place, _("“%s” must be a whole number, not %s"), info->key,
                   node_kind (node));
      return FALSE;
    }
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 n = json_node_get_int (node);

      if (n >= 0 && (guint64) n <= STRATA_WEIGHTS_MAX)
        {
          *value = n;
          return TRUE;
        }
      shown = g_strdup_printf ("%" G_GINT64_FORMAT, n);
    }
  else
    {
      number = json_node_get_double (node);
      if (!isfinite (number))
        shown = g_strdup (number > 0 ? "∞" : "−∞");
      else
        {
          shown = strata_json_format_double (number);
          if (number != floor (number))
            {
              set_invalid (error, place, _("“%s” must be a whole number, not %s"), info->key,
                           shown);
              return FALSE;
            }
          if (number >= 0 && number <= (double) STRATA_WEIGHTS_MAX)
            {
              *value = (guint64) number;
              return TRUE;
            }
        }
    }
  /* As text: xgettext cuts a message short at a G_GUINT64_FORMAT. */
  set_invalid (error, place, _("“%s” must be from 0 to %s, not %s"), info->key, largest, shown);
  return FALSE;
}

/* Text of at most STRATA_TEXT_MAX_CHARS characters, "" for none. */
static gboolean
read_text (JsonNode              *node,
           const StrataParamInfo *info,
           const char           **value,
           const Place           *place,
           GError               **error)
{
  const char *text;
  glong length;

  if (!read_string (node, &text, place, info->key, error))
    return FALSE;
  length = g_utf8_strlen (text, -1);
  if (length > STRATA_TEXT_MAX_CHARS)
    {
      set_invalid (error, place, _("“%s” must be at most %d characters long, not %ld"),
                   info->key, STRATA_TEXT_MAX_CHARS, length);
      return FALSE;
    }
  *value = strata_text_intern (text);
  return TRUE;
}

gboolean
strata_file_read_param (JsonNode              *node,
                        const StrataParamInfo *info,
                        StrataLayerParams     *p,
                        const Place           *place,
                        GError               **error)
{
  const char *text;

  switch ((StrataParamType) info->type)
    {
    case STRATA_PARAM_TYPE_COUNT:
      return read_count (node, info->minimum, STRATA_PARAM_FIELD (p, info, guint), place,
                         info->key, error);

    case STRATA_PARAM_TYPE_PAIR:
      return read_pair (node, info->minimum, STRATA_PARAM_FIELD (p, info, StrataPair), place,
                        info->key, error);

    case STRATA_PARAM_TYPE_PADDING:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          text = json_node_get_string (node);
          if (g_str_equal (text, "valid"))
            p->padding_mode = STRATA_PADDING_VALID;
          else if (g_str_equal (text, "same"))
            p->padding_mode = STRATA_PADDING_SAME;
          else
            {
              set_invalid (error, place, _("“padding” must be “valid”, “same”, a number or a "
                                           "pair [height, width], not “%s”"), text);
              return FALSE;
            }
          return TRUE;
        }
      p->padding_mode = STRATA_PADDING_EXPLICIT;
      return read_pair (node, info->minimum, STRATA_PARAM_FIELD (p, info, StrataPair), place,
                        info->key, error);

    case STRATA_PARAM_TYPE_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          set_invalid (error, place, _("“%s” must be true or false, not %s"), info->key,
                       node_kind (node));
          return FALSE;
        }
      *STRATA_PARAM_FIELD (p, info, gboolean) = json_node_get_boolean (node);
      return TRUE;

    case STRATA_PARAM_TYPE_ACTIVATION:
      if (!read_string (node, &text, place, info->key, error))
        return FALSE;
      if (!strata_activation_from_id (text, STRATA_PARAM_FIELD (p, info, StrataActivation)))
        {
          g_autofree char *known = strata_activation_list_ids ();

          set_invalid (error, place, _("Unknown activation “%s” (known: %s)"), text, known);
          return FALSE;
        }
      return TRUE;

    case STRATA_PARAM_TYPE_RATE:
      if (!JSON_NODE_HOLDS_VALUE (node) ||
          (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
           json_node_get_value_type (node) != G_TYPE_INT64) ||
          !(json_node_get_double (node) >= 0.0 && json_node_get_double (node) < 1.0))
        {
          set_invalid (error, place, _("“%s” must be a number from 0 up to (not including) 1"),
                       info->key);
          return FALSE;
        }
      *STRATA_PARAM_FIELD (p, info, double) = json_node_get_double (node);
      return TRUE;

    case STRATA_PARAM_TYPE_CHOICE:
      return read_choice (node, info, STRATA_PARAM_FIELD (p, info, guint), place, error);

    case STRATA_PARAM_TYPE_SIDES:
      return read_sides (node, info, STRATA_PARAM_FIELD (p, info, StrataSides), place, error);

    case STRATA_PARAM_TYPE_TARGET:
      return read_target (node, info, STRATA_PARAM_FIELD (p, info, StrataTarget), place, error);

    case STRATA_PARAM_TYPE_TEXT:
      return read_text (node, info, STRATA_PARAM_FIELD (p, info, const char *), place, error);

    case STRATA_PARAM_TYPE_WEIGHTS:
      return read_weights (node, info, STRATA_PARAM_FIELD (p, info, guint64), place, error);

    default:
      g_assert_not_reached ();
    }
}

static JsonNode *
pair_node (StrataPair pair)
{
  JsonNode *node;
  JsonArray *array;

  if (pair.height == pair.width)
    return json_node_init_int (json_node_alloc (), pair.height);

  array = json_array_sized_new (2);
  json_array_add_int_element (array, pair.height);
  json_array_add_int_element (array, pair.width);
  node = json_node_alloc ();
  json_node_take_array (json_node_init (node, JSON_NODE_ARRAY), array);
  return node;
}

/* The shortest form of @sides: one number, [height, width] when each is
 * the same on both sides, or all four. */
static JsonNode *
sides_node (const StrataSides *sides)
{
  JsonArray *array;
  JsonNode *node;

  if (sides->top == sides->bottom && sides->left == sides->right)
    return pair_node ((StrataPair) { sides->top, sides->left });

  array = json_array_sized_new (4);
  json_array_add_int_element (array, sides->top);
  json_array_add_int_element (array, sides->bottom);
  json_array_add_int_element (array, sides->left);
  json_array_add_int_element (array, sides->right);
  node = json_node_alloc ();
  json_node_take_array (json_node_init (node, JSON_NODE_ARRAY), array);
  return node;
}

static JsonNode *
target_node (const StrataTarget *target)
{
  JsonArray *array = json_array_sized_new (3);
  JsonNode *node;

  if (!target->is_vector)
    {
      json_array_add_int_element (array, target->height);
      json_array_add_int_element (array, target->width);
    }
  json_array_add_int_element (array, target->channels);
  node = json_node_alloc ();
  json_node_take_array (json_node_init (node, JSON_NODE_ARRAY), array);
  return node;
}

JsonNode *
strata_file_param_node (const StrataParamInfo   *info,
                        const StrataLayerParams *p,
                        const StrataLayerParams *d)
{
  gconstpointer value = G_STRUCT_MEMBER_P (p, info->offset);

  if (info->type == STRATA_PARAM_TYPE_PADDING)
    {
      if (p->padding_mode == STRATA_PADDING_EXPLICIT)
        return pair_node (*(const StrataPair *) value);
      if (p->padding_mode == d->padding_mode)
        return NULL;
      return json_node_init_string (json_node_alloc (),
                                    p->padding_mode == STRATA_PADDING_SAME ? "same" : "valid");
    }

  if (memcmp (value, G_STRUCT_MEMBER_P (d, info->offset), strata_param_get_size (info)) == 0)
    return NULL;

  switch ((StrataParamType) info->type)
    {
    case STRATA_PARAM_TYPE_COUNT:
      return json_node_init_int (json_node_alloc (), *(const guint *) value);
    case STRATA_PARAM_TYPE_PAIR:
      return pair_node (*(const StrataPair *) value);
    case STRATA_PARAM_TYPE_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), *(const gboolean *) value);
    case STRATA_PARAM_TYPE_ACTIVATION:
      return json_node_init_string (json_node_alloc (),
                                    strata_activation_get_info (
                                      *(const StrataActivation *) value)->id);
    case STRATA_PARAM_TYPE_RATE:
      return json_node_init_double (json_node_alloc (), *(const double *) value);
    case STRATA_PARAM_TYPE_CHOICE:
      return json_node_init_string (json_node_alloc (),
                                    info->choices[*(const guint *) value].id);
    case STRATA_PARAM_TYPE_SIDES:
      return sides_node (value);
    case STRATA_PARAM_TYPE_TARGET:
      return target_node (value);
    case STRATA_PARAM_TYPE_TEXT:
      return json_node_init_string (json_node_alloc (), *(const char * const *) value);
    case STRATA_PARAM_TYPE_WEIGHTS:
      /* At most 2⁵³ − 1: exact in any JSON reader. */
      return json_node_init_int (json_node_alloc (), *(const guint64 *) value);
    case STRATA_PARAM_TYPE_PADDING:
    default:
      g_assert_not_reached ();
    }
}
