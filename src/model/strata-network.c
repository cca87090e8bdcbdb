/* strata-network.c: a network, a GListModel of StrataLayer with an input and totals:
 * its properties and the recompute of its layers (edits in strata-network-edits.c). */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-layer-private.h"
#include "strata-network-private.h"

static void strata_network_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataNetwork, strata_network, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      strata_network_list_model_init))

enum {
  PROP_0,
  PROP_NAME,
  PROP_INPUT_HEIGHT,
  PROP_INPUT_WIDTH,
  PROP_INPUT_CHANNELS,
  PROP_N_ITEMS,
  PROP_FIRST_ERROR,
  PROP_PARAM_MEMORY,
  PROP_ACTIVATION_MEMORY,
  PROP_CONVENTION,
  /* one per Total, in the same order */
  PROP_PARAMS,
  PROP_TRAINABLE_PARAMS,
  PROP_NON_TRAINABLE_PARAMS,
  PROP_ACTIVATION_SIZE,
  PROP_MACS,
  PROP_MACS_UNKNOWN,
  PROP_BUFFERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

guint strata_network_signals[N_SIGNALS];
GQuark strata_network_inputs_quark;
static GQuark params_quark;
static GQuark name_quark;


static GType
strata_network_get_item_type (GListModel *model)
{
  return STRATA_TYPE_LAYER;
}

static guint
strata_network_get_n_items (GListModel *model)
{
  return STRATA_NETWORK (model)->layers->len;
}

static gpointer
strata_network_get_item (GListModel *model,
                         guint       position)
{
  StrataNetwork *self = STRATA_NETWORK (model);

  if (position >= self->layers->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->layers, position));
}

static void
strata_network_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = strata_network_get_item_type;
  iface->get_n_items = strata_network_get_n_items;
  iface->get_item = strata_network_get_item;
}

/* The shape of input @index of the layer at @position; NULL when that
 * input has none. */
static const StrataShape *
input_shape (StrataNetwork *self,
             guint          position,
             StrataLayer   *layer,
             guint          index)
{
  StrataLayer *input;

  if (strata_layer_get_n_inputs (layer) == 0)
    input = position > 0 ? g_ptr_array_index (self->layers, position - 1) : NULL;
  else
    input = strata_layer_get_input (layer, index);
  return input != NULL ? strata_layer_get_output_shape (input) : &self->input;
}

/* How many inputs the layer reads: those it names, or else the layer
 * before it, unless its kind takes none (an extra input). */
static guint
n_inputs_read (StrataLayer *layer)
{
  guint n = strata_layer_get_n_inputs (layer);

  if (n == 0 && strata_layer_get_kind_info (layer)->max_inputs > 0)
    return 1;
  return n;
}

void
strata_network_publish_totals (StrataNetwork *self,
                               const guint64  totals[N_TOTALS],
                               int            first_error)
{
  guint64 old_memory[2] = { float32_bytes (self->totals[TOTAL_PARAMS]),
                            float32_bytes (self->totals[TOTAL_ACTIVATION_SIZE]) };

  g_object_freeze_notify (G_OBJECT (self));
  for (guint t = 0; t < N_TOTALS; t++)
    {
      if (self->totals[t] != totals[t])
        {
          self->totals[t] = totals[t];
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARAMS + t]);
        }
    }
  if (old_memory[0] != float32_bytes (totals[TOTAL_PARAMS]))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARAM_MEMORY]);
  if (old_memory[1] != float32_bytes (totals[TOTAL_ACTIVATION_SIZE]))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVATION_MEMORY]);
  if (self->first_error != first_error)
    {
      self->first_error = first_error;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_ERROR]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
strata_network_notify_n_items (StrataNetwork *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
strata_network_recompute_marked (StrataNetwork *self,
                                 guint          start,
                                 guint          end)
{
  guint first = G_MAXUINT, last = 0;

  for (guint i = start; i < end && i < self->layers->len; i++)
    {
      Entry *entry = entry_at (self, i);
      StrataLayer *layer = entry->layer;
      gboolean changed;
      guint n;

      if (!entry->dirty)
        continue;
      entry->dirty = FALSE;
      first = MIN (first, i);
      last = i;

      n = n_inputs_read (layer);
      g_ptr_array_set_size (self->shapes, n);
      for (guint k = 0; k < n; k++)
        self->shapes->pdata[k] = (gpointer) input_shape (self, i, layer, k);
      strata_network_uncount (self, entry);
      changed = strata_layer_apply_inputs (layer, (const StrataShape * const *) self->shapes->pdata,
                                           n);
      changed |= strata_network_update_field (self, i, layer, n);
      if (!changed)
        {
          strata_network_count (self, entry);
          continue;
        }
      strata_network_count (self, entry);

      /* Past an unchanged shape and field nothing can differ: only what
       * reads a changed one is applied again. */
      for (guint d = 0; d < entry_n_dependents (entry); d++)
        mark (g_ptr_array_index (entry->dependents, d), &end);
      if (i + 1 < self->layers->len &&
          strata_layer_get_n_inputs (g_ptr_array_index (self->layers, i + 1)) == 0)
        mark (entry_at (self, i + 1), &end);
    }
  /* Every layer applied, not only those whose shape changed: a layer
   * reading a changed shape may keep its own and count other weights. */
  if (first <= last)
    {
      self->n_recomputes++;
      self->recomputed_first = first;
      self->recomputed_end = last + 1;
    }
  strata_network_update_totals (self, start);
}

void
strata_network_recompute (StrataNetwork *self,
                          guint          start,
                          guint          end)
{
  end = MIN (end, self->layers->len);
  for (guint i = start; i < end; i++)
    entry_at (self, i)->dirty = TRUE;
  strata_network_recompute_marked (self, start, end);
}

void
strata_network_layer_changed (gpointer network_data)
{
  Entry *entry = network_data;
  StrataLayer *layer = entry->layer;
  StrataNetwork *self = entry->network;
  guint position = entry->position;
  guint end = position + 1;

  /* A layer sharing these weights must check them again even when this
   * layer's shape stays. */
  entry->dirty = TRUE;
  for (guint d = 0; d < entry_n_dependents (entry); d++)
    {
      Entry *dependent = g_ptr_array_index (entry->dependents, d);

      if (strata_layer_get_shares (dependent->layer) == layer)
        mark (dependent, &end);
    }
  strata_network_repeats_changed (self, position);
  strata_network_recompute_marked (self, position, end);
  g_signal_emit (self, strata_network_signals[LAYER_CHANGED], params_quark, layer, position);
}

void
strata_network_layer_renamed (gpointer network_data)
{
  Entry *entry = network_data;
  StrataLayer *layer = entry->layer;
  guint end = 0;

  /* The formula of a layer using its weights names it. */
  for (guint d = 0; d < entry_n_dependents (entry); d++)
    {
      Entry *dependent = g_ptr_array_index (entry->dependents, d);

      if (strata_layer_get_shares (dependent->layer) == layer)
        mark (dependent, &end);
    }
  if (end > 0)
    strata_network_recompute_marked (entry->network, entry->position + 1, end);
  g_signal_emit (entry->network, strata_network_signals[LAYER_CHANGED], name_quark, layer, entry->position);
}

static void
strata_network_dispose (GObject *object)
{
  StrataNetwork *self = STRATA_NETWORK (object);

  /* Groups hold references to their bounding layers. */
  g_clear_pointer (&self->groups, g_array_unref);
  /* Entries first: they disconnect from layers the list may hold the last reference to. */
  if (self->entries != NULL)
    {
      g_ptr_array_foreach (self->entries, (GFunc) strata_network_entry_free, NULL);
      g_ptr_array_set_size (self->entries, 0);
    }
  if (self->layers != NULL)
    g_ptr_array_set_size (self->layers, 0);

  G_OBJECT_CLASS (strata_network_parent_class)->dispose (object);
}

static void
strata_network_finalize (GObject *object)
{
  StrataNetwork *self = STRATA_NETWORK (object);

  g_free (self->name);
  g_free (self->input_name);
  strata_network_repeats_free (self->repeats);
  g_ptr_array_unref (self->shapes);
  g_ptr_array_unref (self->entries);
  g_ptr_array_unref (self->layers);

  G_OBJECT_CLASS (strata_network_parent_class)->finalize (object);
}

static void
strata_network_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StrataNetwork *self = STRATA_NETWORK (object);

  if (prop_id >= PROP_PARAMS && prop_id < N_PROPS)
    {
      g_value_set_uint64 (value, self->totals[prop_id - PROP_PARAMS]);
      return;
    }

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_INPUT_HEIGHT:
      g_value_set_uint (value, self->input.height);
      break;
    case PROP_INPUT_WIDTH:
      g_value_set_uint (value, self->input.width);
      break;
    case PROP_INPUT_CHANNELS:
      g_value_set_uint (value, self->input.channels);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->layers->len);
      break;
    case PROP_FIRST_ERROR:
      g_value_set_int (value, self->first_error);
      break;
    case PROP_PARAM_MEMORY:
      g_value_set_uint64 (value, strata_network_get_param_memory (self));
      break;
    case PROP_ACTIVATION_MEMORY:
      g_value_set_uint64 (value, strata_network_get_activation_memory (self));
      break;
    case PROP_CONVENTION:
      g_value_set_enum (value, self->convention);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_network_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  StrataNetwork *self = STRATA_NETWORK (object);
  StrataShape *in = &self->input;

  switch (prop_id)
    {
    case PROP_NAME:
      strata_network_set_name (self, g_value_get_string (value));
      break;
    case PROP_INPUT_HEIGHT:
      strata_network_set_input (self, g_value_get_uint (value), in->width, in->channels);
      break;
    case PROP_INPUT_WIDTH:
      strata_network_set_input (self, in->height, g_value_get_uint (value), in->channels);
      break;
    case PROP_INPUT_CHANNELS:
      strata_network_set_input (self, in->height, in->width, g_value_get_uint (value));
      break;
    case PROP_CONVENTION:
      strata_network_set_convention (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_network_class_init (StrataNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  static const char * const total_names[N_TOTALS] = {
    "params", "trainable-params", "non-trainable-params", "activation-size", "macs",
    "macs-unknown", "buffers",
  };

  object_class->dispose = strata_network_dispose;
  object_class->finalize = strata_network_finalize;
  object_class->get_property = strata_network_get_property;
  object_class->set_property = strata_network_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_INPUT_HEIGHT] =
    g_param_spec_uint ("input-height", NULL, NULL, 1, G_MAXUINT32, 32, rw);
  properties[PROP_INPUT_WIDTH] =
    g_param_spec_uint ("input-width", NULL, NULL, 1, G_MAXUINT32, 32, rw);
  properties[PROP_INPUT_CHANNELS] =
    g_param_spec_uint ("input-channels", NULL, NULL, 1, G_MAXUINT32, 3, rw);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_FIRST_ERROR] =
    g_param_spec_int ("first-error", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_PARAM_MEMORY] =
    g_param_spec_uint64 ("param-memory", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_ACTIVATION_MEMORY] =
    g_param_spec_uint64 ("activation-memory", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_CONVENTION] =
    g_param_spec_enum ("convention", NULL, NULL, STRATA_TYPE_CONVENTION,
                       STRATA_CONVENTION_KERAS, rw);
  for (guint t = 0; t < N_TOTALS; t++)
    properties[PROP_PARAMS + t] =
      g_param_spec_uint64 (total_names[t], NULL, NULL, 0, G_MAXUINT64, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StrataNetwork::layer-changed:
   * @self: the network
   * @layer: the layer edited
   * @position: where @layer is in the network
   *
   * One of the network's layers was edited: detail "params" when its
   * hyper-parameters changed, emitted once the network has recomputed,
   * and "name" when its name, caption or colour changed. Whoever follows every layer connects
   * here once instead of to each layer.
   */
  strata_network_signals[LAYER_CHANGED] =
    g_signal_new ("layer-changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, STRATA_TYPE_LAYER, G_TYPE_UINT);
  /**
   * StrataNetwork::groups-changed:
   * @self: the network
   *
   * A group of layers was made, removed or renamed, or its layers changed
   * as layers were added, removed or moved (see StrataLayerGroup).
   */
  strata_network_signals[GROUPS_CHANGED] =
    g_signal_new ("groups-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  params_quark = g_quark_from_static_string ("params");
  strata_network_inputs_quark = g_quark_from_static_string ("inputs");
  name_quark = g_quark_from_static_string ("name");
}

static void
strata_network_init (StrataNetwork *self)
{
  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
  /* Freed by hand: a splice keeps the entries of layers it puts back. */
  self->entries = g_ptr_array_new ();
  self->shapes = g_ptr_array_new ();
  self->input = (StrataShape) { 32, 32, 3, FALSE };
  self->first_error = -1;
}

StrataNetwork *
strata_network_new (void)
{
  return g_object_new (STRATA_TYPE_NETWORK, NULL);
}

const char *
strata_network_get_name (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), NULL);

  return self->name;
}

void
strata_network_set_name (StrataNetwork *self,
                         const char    *name)
{
  g_autofree char *bounded = NULL;

  g_return_if_fail (STRATA_IS_NETWORK (self));
  g_return_if_fail (name == NULL || g_utf8_validate (name, -1, NULL));

  bounded = strata_name_dup (name);
  if (g_strcmp0 (self->name, bounded) == 0)
    return;
  g_free (self->name);
  self->name = g_steal_pointer (&bounded);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const StrataShape *
strata_network_get_input_shape (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), NULL);

  return &self->input;
}

void
strata_network_set_input (StrataNetwork *self,
                          guint          height,
                          guint          width,
                          guint          channels)
{
  StrataShape old;

  g_return_if_fail (STRATA_IS_NETWORK (self));
  g_return_if_fail (height > 0 && width > 0 && channels > 0);

  old = self->input;
  self->input = (StrataShape) { height, width, channels, FALSE };
  if (strata_shape_equal (&old, &self->input))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (old.height != height)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUT_HEIGHT]);
  if (old.width != width)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUT_WIDTH]);
  if (old.channels != channels)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUT_CHANNELS]);
  strata_network_recompute (self, 0, 1);
  g_object_thaw_notify (G_OBJECT (self));
}

guint
strata_network_get_n_layers (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), 0);

  return self->layers->len;
}

StrataLayer *
strata_network_get_layer (StrataNetwork *self,
                          guint          position)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), NULL);

  if (position >= self->layers->len)
    return NULL;
  return g_ptr_array_index (self->layers, position);
}

int
strata_network_index_of (StrataNetwork *self,
                         StrataLayer   *layer)
{
  Entry *entry;

  g_return_val_if_fail (STRATA_IS_NETWORK (self), -1);
  g_return_val_if_fail (STRATA_IS_LAYER (layer), -1);

  /* Each layer knows where it is: no search. */
  entry = entry_of (layer);
  if (entry == NULL || entry->network != self)
    return -1;
  return entry->position;
}

guint64
strata_network_get_params (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), 0);

  return self->totals[TOTAL_PARAMS];
}

guint64
strata_network_get_trainable_params (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), 0);

  return self->totals[TOTAL_TRAINABLE];
}

guint64
strata_network_get_non_trainable_params (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), 0);

  return self->totals[TOTAL_NON_TRAINABLE];
}

guint64
strata_network_get_activation_size (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), 0);

  return self->totals[TOTAL_ACTIVATION_SIZE];
}

guint64
strata_network_get_macs (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), 0);

  return self->totals[TOTAL_MACS];
}

guint64
strata_network_get_n_macs_unknown (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), 0);

  return self->totals[TOTAL_MACS_UNKNOWN];
}

guint64
strata_network_get_param_memory (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), 0);

  return float32_bytes (self->totals[TOTAL_PARAMS]);
}

guint64
strata_network_get_activation_memory (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), 0);

  return float32_bytes (self->totals[TOTAL_ACTIVATION_SIZE]);
}

guint64
strata_network_get_last_recompute (StrataNetwork *self,
                                   guint         *first,
                                   guint         *end)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), 0);

  if (first != NULL)
    *first = self->recomputed_first;
  if (end != NULL)
    *end = self->recomputed_end;
  return self->n_recomputes;
}

int
strata_network_get_first_error (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), -1);

  return self->first_error;
}
