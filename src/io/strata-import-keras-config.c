/* strata-import-keras-config.c: the values of a Keras layer's config, read as Keras reads them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "strata-import-keras-private.h"

/* A member that is absent or null takes the Keras default. */
JsonNode *
strata_keras_member (JsonObject *config,
                     const char *key)
{
  JsonNode *node = json_object_get_member (config, key);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

gboolean
strata_keras_is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 ||
          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* A whole number from @minimum to G_MAXUINT32; Keras tools write some
 * counts as 28.0. */
gboolean
strata_keras_node_count (JsonNode *node,
                         guint     minimum,
                         guint    *value)
{
  double number;

  if (!strata_keras_is_number (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 n = json_node_get_int (node);

      if (n < minimum || n > G_MAXUINT32)
        return FALSE;
      *value = (guint) n;
      return TRUE;
    }
  number = json_node_get_double (node);
  if (!isfinite (number) || number != floor (number) || number < minimum || number > G_MAXUINT32)
    return FALSE;
  *value = (guint) number;
  return TRUE;
}

gboolean
strata_keras_missing (KerasImport      *self,
                      const KerasPlace *place,
                      const char       *key,
                      GError          **error)
{
  strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                            _("its config has no “%s”"), key);
  return FALSE;
}

gboolean
strata_keras_get_count (KerasImport      *self,
                        const KerasPlace *place,
                        JsonObject       *config,
                        const char       *key,
                        guint             minimum,
                        gboolean          required,
                        guint            *value,
                        GError          **error)
{
  JsonNode *node = strata_keras_member (config, key);

  if (node == NULL)
    return required ? strata_keras_missing (self, place, key, error) : TRUE;
  if (!strata_keras_node_count (node, minimum, value))
    {
      strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                _("“%s” must be a whole number from %u to %u"), key, minimum,
                                G_MAXUINT32);
      return FALSE;
    }
  return TRUE;
}

/* A number for both axes, or [height, width]. */
gboolean
strata_keras_get_pair (KerasImport      *self,
                       const KerasPlace *place,
                       JsonObject       *config,
                       const char       *key,
                       guint             minimum,
                       gboolean          required,
                       StrataPair       *pair,
                       GError          **error)
{
  JsonNode *node = strata_keras_member (config, key);
  JsonArray *array;

  if (node == NULL)
    return required ? strata_keras_missing (self, place, key, error) : TRUE;
  if (strata_keras_node_count (node, minimum, &pair->height))
    {
      pair->width = pair->height;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node) &&
      json_array_get_length (array = json_node_get_array (node)) == 2 &&
      strata_keras_node_count (json_array_get_element (array, 0), minimum, &pair->height) &&
      strata_keras_node_count (json_array_get_element (array, 1), minimum, &pair->width))
    return TRUE;
  strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                            _("“%s” must be a whole number from %u or a list of two"), key,
                            minimum);
  return FALSE;
}

/* ZeroPadding2D's padding and Cropping2D's cropping: n, [rows, columns]
 * or [[top, bottom], [left, right]]. */
gboolean
strata_keras_get_sides (KerasImport      *self,
                        const KerasPlace *place,
                        JsonObject       *config,
                        const char       *key,
                        StrataSides      *sides,
                        GError          **error)
{
  JsonNode *node = strata_keras_member (config, key);
  JsonArray *array;
  guint n;

  if (node == NULL)
    return TRUE;
  if (strata_keras_node_count (node, 0, &n))
    {
      *sides = (StrataSides) { n, n, n, n };
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (array = json_node_get_array (node)) == 2)
    {
      JsonNode *rows = json_array_get_element (array, 0);
      JsonNode *columns = json_array_get_element (array, 1);
      JsonArray *r, *c;

      if (strata_keras_node_count (rows, 0, &sides->top) && strata_keras_node_count (columns, 0, &sides->left))
        {
          sides->bottom = sides->top;
          sides->right = sides->left;
          return TRUE;
        }
      if (JSON_NODE_HOLDS_ARRAY (rows) && JSON_NODE_HOLDS_ARRAY (columns) &&
          json_array_get_length (r = json_node_get_array (rows)) == 2 &&
          json_array_get_length (c = json_node_get_array (columns)) == 2 &&
          strata_keras_node_count (json_array_get_element (r, 0), 0, &sides->top) &&
          strata_keras_node_count (json_array_get_element (r, 1), 0, &sides->bottom) &&
          strata_keras_node_count (json_array_get_element (c, 0), 0, &sides->left) &&
          strata_keras_node_count (json_array_get_element (c, 1), 0, &sides->right))
        return TRUE;
    }
  strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                            _("“%s” must be a whole number, [rows, columns] or [[top, bottom], "
                              "[left, right]]"), key);
  return FALSE;
}

gboolean
strata_keras_get_bool (KerasImport      *self,
                       const KerasPlace *place,
                       JsonObject       *config,
                       const char       *key,
                       gboolean         *value,
                       GError          **error)
{
  JsonNode *node = strata_keras_member (config, key);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                _("“%s” must be true or false"), key);
      return FALSE;
    }
  *value = json_node_get_boolean (node);
  return TRUE;
}

/* Text, or NULL (with *ok TRUE) when absent. */
const char *
strata_keras_get_string (KerasImport      *self,
                         const KerasPlace *place,
                         JsonObject       *config,
                         const char       *key,
                         gboolean         *ok,
                         GError          **error)
{
  JsonNode *node = strata_keras_member (config, key);

  *ok = TRUE;
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                _("“%s” must be text"), key);
      *ok = FALSE;
      return NULL;
    }
  return json_node_get_string (node);
}

gboolean
strata_keras_get_number (KerasImport      *self,
                         const KerasPlace *place,
                         JsonObject       *config,
                         const char       *key,
                         double           *value,
                         GError          **error)
{
  JsonNode *node = strata_keras_member (config, key);

  if (node == NULL)
    return TRUE;
  if (!strata_keras_is_number (node) || !isfinite (json_node_get_double (node)))
    {
      strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                _("“%s” must be a number"), key);
      return FALSE;
    }
  *value = json_node_get_double (node);
  return TRUE;
}

static const struct
{
  const char       *keras;
  StrataActivation  activation;
} activations[] = {
  { "linear", STRATA_ACTIVATION_NONE },
  { "relu", STRATA_ACTIVATION_RELU },
  { "relu6", STRATA_ACTIVATION_RELU6 },
  { "leaky_relu", STRATA_ACTIVATION_LEAKY_RELU },
  { "elu", STRATA_ACTIVATION_ELU },
  { "gelu", STRATA_ACTIVATION_GELU },
  { "sigmoid", STRATA_ACTIVATION_SIGMOID },
  { "tanh", STRATA_ACTIVATION_TANH },
  { "softmax", STRATA_ACTIVATION_SOFTMAX },
  { "swish", STRATA_ACTIVATION_SWISH },
  { "silu", STRATA_ACTIVATION_SWISH },
};

/* An activation changes no shape or count, so one Strata does not know
 * is imported as none, with a warning. Keras 3 may write a function as
 * an object whose config is its name. */
gboolean
strata_keras_get_activation (KerasImport      *self,
                             const KerasPlace *place,
                             JsonObject       *config,
                             const char       *key,
                             gboolean          required,
                             StrataActivation *activation,
                             GError          **error)
{
  JsonNode *node = strata_keras_member (config, key);
  const char *name = NULL;

  *activation = STRATA_ACTIVATION_NONE;
  if (node == NULL)
    return required ? strata_keras_missing (self, place, key, error) : TRUE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *inner = strata_keras_member (json_node_get_object (node), "config");

      if (inner != NULL && JSON_NODE_HOLDS_VALUE (inner) &&
          json_node_get_value_type (inner) == G_TYPE_STRING)
        name = json_node_get_string (inner);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    name = json_node_get_string (node);
  if (name == NULL)
    {
      strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                _("“%s” must name an activation function"), key);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (activations); i++)
    if (g_str_equal (name, activations[i].keras))
      {
        *activation = activations[i].activation;
        return TRUE;
      }
  strata_keras_warn (self, place, _("the activation “%s” has no equivalent in Strata and is "
                                    "left out (it changes no shape or count)"), name);
  return TRUE;
}

/* Strata's tensors are height × width × channels. */
gboolean
strata_keras_check_channels_last (KerasImport      *self,
                                  const KerasPlace *place,
                                  JsonObject       *config,
                                  GError          **error)
{
  gboolean ok;
  const char *format = strata_keras_get_string (self, place, config, "data_format", &ok, error);

  if (!ok)
    return FALSE;
  if (format != NULL && !g_str_equal (format, "channels_last"))
    {
      strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                                _("its data_format is “%s”, but Strata models channels-last "
                                  "tensors (height × width × channels) only"), format);
      return FALSE;
    }
  return TRUE;
}

gboolean
strata_keras_get_padding (KerasImport      *self,
                          const KerasPlace *place,
                          JsonObject       *config,
                          StrataPadding    *mode,
                          GError          **error)
{
  gboolean ok;
  const char *padding = strata_keras_get_string (self, place, config, "padding", &ok, error);

  if (!ok)
    return FALSE;
  if (padding == NULL || g_ascii_strcasecmp (padding, "valid") == 0)
    *mode = STRATA_PADDING_VALID;
  else if (g_ascii_strcasecmp (padding, "same") == 0)
    *mode = STRATA_PADDING_SAME;
  else
    {
      strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                                _("“padding” must be “valid” or “same”, not “%s”"), padding);
      return FALSE;
    }
  return TRUE;
}

/* The shape a layer reads: its input layer's, or the network's. */
const StrataShape *
strata_keras_input_shape (KerasImport *self,
                          StrataLayer *input)
{
  if (input == NULL)
    return strata_network_get_input_shape (self->network);
  return strata_layer_get_output_shape (input);
}

gboolean
strata_keras_reads_vector (KerasImport *self,
                           StrataLayer *input)
{
  const StrataShape *in = strata_keras_input_shape (self, input);

  if (input == NULL)
    return self->vector_input;
  return (in != NULL && in->is_vector) || g_hash_table_contains (self->vector_inputs, input);
}

/* A Keras axis of a tensor of @rank dimensions, batch included, as one
 * Strata names; FALSE for the batch or past the rank. */
gboolean
strata_keras_axis_of (gint64      axis,
                      guint       rank,
                      StrataAxis *strata_axis)
{
  if (axis < 0)
    axis += rank;
  if (axis <= 0 || axis >= rank)
    return FALSE;
  if (axis == rank - 1)
    *strata_axis = STRATA_AXIS_CHANNELS;
  else
    *strata_axis = axis == 1 ? STRATA_AXIS_HEIGHT : STRATA_AXIS_WIDTH;
  return TRUE;
}

gboolean
strata_keras_get_axis (KerasImport      *self,
                       const KerasPlace *place,
                       JsonObject       *config,
                       StrataLayer      *input,
                       gint64            fallback,
                       StrataAxis       *axis,
                       GError          **error)
{
  JsonNode *node = strata_keras_member (config, "axis");
  guint rank = strata_keras_reads_vector (self, input) ? 2 : 4;
  gint64 value = fallback;

  /* Keras 3 may write BatchNormalization's axis as a list of one. */
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
      json_array_get_length (json_node_get_array (node)) == 1)
    node = json_array_get_element (json_node_get_array (node), 0);
  if (node != NULL)
    {
      if (!strata_keras_is_number (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        {
          strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_INVALID,
                                    _("“axis” must be a whole number"));
          return FALSE;
        }
      value = json_node_get_int (node);
    }
  if (value < -(gint64) rank || value >= rank || !strata_keras_axis_of (value, rank, axis))
    {
      g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, value);

      strata_keras_layer_error (self, place, error, STRATA_IMPORT_ERROR_UNSUPPORTED,
                                _("its axis %s is not an axis Strata can join or normalize "
                                  "along"), shown);
      return FALSE;
    }
  return TRUE;
}
