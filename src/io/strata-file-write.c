/* strata-file-write.c: writing .strata files. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "strata-file.h"
#include "strata-file-links-private.h"
#include "strata-file-private.h"
#include "strata-json-private.h"

static JsonNode *
layer_node (StrataNetwork *network,
            GPtrArray     *names,
            guint          position)
{
  StrataLayer *layer = strata_network_get_layer (network, position);
  const char *name = g_ptr_array_index (names, position);
  const StrataLayerKindInfo *info = strata_layer_get_kind_info (layer);
  const StrataLayerParams *params = strata_layer_get_params (layer);
  StrataLayerParams defaults;
  JsonObject *object = json_object_new ();
  JsonNode *node;

  strata_layer_kind_init_params (info->kind, &defaults);
  if (info->flags & STRATA_LAYER_KIND_FLAG_POOLING)
    defaults.stride = params->pool;

  json_object_set_string_member (object, "type", info->id);
  if (name != NULL)
    json_object_set_string_member (object, "name", name);
  if (strata_layer_get_caption (layer) != NULL)
    json_object_set_string_member (object, "caption", strata_layer_get_caption (layer));
  if (strata_layer_get_color (layer) != NULL)
    json_object_set_string_member (object, "color", strata_layer_get_color (layer));
  if (strata_layer_get_n_inputs (layer) > 0)
    {
      JsonArray *inputs = json_array_sized_new (strata_layer_get_n_inputs (layer));

      for (guint i = 0; i < strata_layer_get_n_inputs (layer); i++)
        json_array_add_string_element (inputs,
                                       strata_file_link_name (network, names,
                                                              strata_layer_get_input (layer, i)));
      json_object_set_array_member (object, "inputs", inputs);
    }
  if (strata_layer_get_shares (layer) != NULL)
    json_object_set_string_member (object, "shares",
                                   strata_file_link_name (network, names,
                                                          strata_layer_get_shares (layer)));

  for (guint i = 0; i < STRATA_N_PARAMS; i++)
    {
      const StrataParamInfo *param = strata_param_get_info (i);
      JsonNode *value;

      if (!strata_layer_kind_takes (info->kind, i))
        continue;
      if ((value = strata_file_param_node (param, params, &defaults)) != NULL)
        json_object_set_member (object, param->key, value);
    }

  node = json_node_alloc ();
  json_node_take_object (json_node_init (node, JSON_NODE_OBJECT), object);
  return node;
}

/* 1 for a chain of the kinds version 1 had, which older Strata opens. */
static int
file_version (StrataNetwork *network)
{
  if (g_strcmp0 (strata_network_get_input_name (network), "input") != 0 ||
      strata_network_get_n_groups (network) > 0)
    return 2;
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);

      if (strata_layer_get_n_inputs (layer) > 0 || strata_layer_get_shares (layer) != NULL ||
          strata_layer_get_caption (layer) != NULL || strata_layer_get_color (layer) != NULL ||
          (strata_layer_get_kind_info (layer)->flags & STRATA_LAYER_KIND_FLAG_VERSION_2))
        return 2;
    }
  return 1;
}

char *
strata_file_to_data (StrataNetwork *network,
                     gsize         *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) names = NULL;
  const StrataShape *input;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);

  input = strata_network_get_input_shape (network);
  names = strata_file_link_names (network);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "strata");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, file_version (network));
  if (strata_network_get_name (network) != NULL)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, strata_network_get_name (network));
    }
  json_builder_set_member_name (builder, "input");
  json_builder_begin_object (builder);
  if (g_strcmp0 (strata_network_get_input_name (network), "input") != 0)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, strata_network_get_input_name (network));
    }
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, input->height);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, input->width);
  json_builder_set_member_name (builder, "channels");
  json_builder_add_int_value (builder, input->channels);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    json_builder_add_value (builder, layer_node (network, names, i));
  json_builder_end_array (builder);
  strata_file_write_groups (network, names, builder);
  json_builder_end_object (builder);

  return strata_json_builder_to_text (builder, length);
}

gboolean
strata_file_save (StrataNetwork  *network,
                  GFile          *file,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = strata_file_to_data (network, &length);

  /* GIO writes a temporary file beside the target and renames it over,
   * so an interrupted save never leaves a half-written network. */
  if (!g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_WRITE,
                   _("Could not save “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}
