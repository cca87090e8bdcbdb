/* strata-history.c: undo and redo of every edit made to a network. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-history-private.h"

/* Successive edits of one layer closer than this become one undo step, so
 * that dragging a spin button or typing a name is undone at once. */
#define MERGE_INTERVAL_USEC (G_USEC_PER_SEC * 3 / 2)

/* What a layer was last seen as, to know the "before" of its next edit. */
typedef struct
{
  StrataLayerParams params;
  Labels            labels;
  Sources           sources;
} Snapshot;

G_DEFINE_FINAL_TYPE (StrataHistory, strata_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
snapshot_free (gpointer data)
{
  Snapshot *snapshot = data;

  strata_history_sources_clear (&snapshot->sources);
  strata_history_labels_clear (&snapshot->labels);
  g_free (snapshot);
}

static void
notify_state (StrataHistory *self,
              gboolean       could_undo,
              gboolean       could_redo,
              gboolean       was_modified)
{
  if (could_undo != strata_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != strata_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (was_modified != strata_history_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static Command *
top_command (StrataHistory *self)
{
  if (self->n_done == 0)
    return NULL;
  return g_ptr_array_index (self->commands, self->n_done - 1);
}

/* Whether @command may absorb a new edit of @type on @layer. */
static gboolean
can_merge (StrataHistory *self,
           Command       *command,
           CommandType    type,
           StrataLayer   *layer,
           gint64         now)
{
  if (command == NULL || !self->merge_open || self->group_depth > 0)
    return FALSE;
  if ((gint64) self->n_done == self->unmodified_at)
    return FALSE;
  return command->type == type &&
         command->layer == layer &&
         now - command->time < MERGE_INTERVAL_USEC;
}

/* Drops what could be redone and appends @command. */
static void
push (StrataHistory *self,
      Command       *command)
{
  gboolean could_undo = strata_history_can_undo (self);
  gboolean could_redo = strata_history_can_redo (self);
  gboolean was_modified = strata_history_get_modified (self);

  if (self->n_done < self->commands->len)
    {
      if (self->unmodified_at > (gint64) self->n_done)
        self->unmodified_at = -1;
      g_ptr_array_set_size (self->commands, self->n_done);
    }

  if (self->group_depth > 0)
    command->group = self->current_group;
  else
    command->group = ++self->next_group;

  g_ptr_array_add (self->commands, command);
  self->n_done = self->commands->len;
  self->merge_open = command->type != COMMAND_SPLICE;

  notify_state (self, could_undo, could_redo, was_modified);
}

static void
remember_layer (StrataHistory *self,
                StrataLayer   *layer)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->params = *strata_layer_get_params (layer);
  strata_history_labels_get (&snapshot->labels, layer);
  strata_history_sources_get (&snapshot->sources, layer);
  g_hash_table_replace (self->snapshots, layer, snapshot);
}

static void
layer_changed_cb (StrataNetwork *network,
                  StrataLayer   *layer,
                  guint          position,
                  StrataHistory *self)
{
  Snapshot *snapshot = g_hash_table_lookup (self->snapshots, layer);
  const StrataLayerParams *params = strata_layer_get_params (layer);
  gint64 now = g_get_monotonic_time ();
  Command *command;

  g_assert (snapshot != NULL);

  if (!self->replaying)
    {
      command = top_command (self);
      if (can_merge (self, command, COMMAND_PARAMS, layer, now))
        {
          command->params[1] = *params;
          command->time = now;
        }
      else
        {
          command = g_new0 (Command, 1);
          command->type = COMMAND_PARAMS;
          command->time = now;
          command->layer = g_object_ref (layer);
          command->params[0] = snapshot->params;
          command->params[1] = *params;
          push (self, command);
        }
    }

  snapshot->params = *params;
}

static void
layer_name_cb (StrataNetwork *network,
               StrataLayer   *layer,
               guint          position,
               StrataHistory *self)
{
  Snapshot *snapshot = g_hash_table_lookup (self->snapshots, layer);
  gint64 now = g_get_monotonic_time ();
  Command *command;

  g_assert (snapshot != NULL);

  if (strata_history_labels_equal (&snapshot->labels, layer))
    return;

  if (!self->replaying)
    {
      command = top_command (self);
      if (can_merge (self, command, COMMAND_LABELS, layer, now))
        {
          strata_history_labels_get (&command->labels[1], layer);
          command->time = now;
        }
      else
        {
          command = g_new0 (Command, 1);
          command->type = COMMAND_LABELS;
          command->time = now;
          command->layer = g_object_ref (layer);
          command->labels[0] = snapshot->labels;
          snapshot->labels = (Labels) { NULL, NULL, NULL };
          strata_history_labels_get (&command->labels[1], layer);
          push (self, command);
        }
    }

  strata_history_labels_get (&snapshot->labels, layer);
}

static void
layer_sources_cb (StrataNetwork *network,
                  StrataLayer   *layer,
                  guint          position,
                  StrataHistory *self)
{
  Snapshot *snapshot = g_hash_table_lookup (self->snapshots, layer);

  g_assert (snapshot != NULL);

  if (!self->replaying)
    {
      Command *command = g_new0 (Command, 1);

      command->type = COMMAND_SOURCES;
      command->time = g_get_monotonic_time ();
      command->layer = g_object_ref (layer);
      command->sources[0] = snapshot->sources;
      strata_history_sources_get (&command->sources[1], layer);
      snapshot->sources = (Sources) { NULL, NULL };
      push (self, command);
    }
  strata_history_sources_get (&snapshot->sources, layer);
}

/* The network's groups now, and the history's copy made that. */
static GArray *
update_groups (StrataHistory *self)
{
  GArray *before = g_steal_pointer (&self->groups);

  if (strata_network_get_n_groups (self->network) > 0)
    self->groups = strata_network_dup_groups (self->network);
  return before;
}

static void
groups_changed_cb (StrataNetwork *network,
                   StrataHistory *self)
{
  g_autoptr(GArray) before = NULL;

  /* The change an edit of layers made is in that edit's splice. */
  if (strata_network_groups_equal (network, self->groups))
    return;

  before = update_groups (self);
  if (!self->replaying)
    {
      Command *command = g_new0 (Command, 1);

      command->type = COMMAND_GROUPS;
      command->time = g_get_monotonic_time ();
      command->groups[0] = g_steal_pointer (&before);
      command->groups[1] = self->groups != NULL ? g_array_ref (self->groups) : NULL;
      push (self, command);
    }
}

static void
items_changed_cb (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  StrataHistory *self)
{
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) new = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < removed; i++)
    {
      StrataLayer *layer = g_ptr_array_index (self->layers, position + i);

      g_ptr_array_add (old, g_object_ref (layer));
      g_hash_table_remove (self->snapshots, layer);
    }
  g_ptr_array_remove_range (self->layers, position, removed);

  for (guint i = 0; i < added; i++)
    {
      StrataLayer *layer = strata_network_get_layer (self->network, position + i);

      g_ptr_array_add (new, g_object_ref (layer));
      g_ptr_array_insert (self->layers, position + i, g_object_ref (layer));
      remember_layer (self, layer);
    }

  if (!self->replaying)
    {
      Command *command = g_new0 (Command, 1);

      command->type = COMMAND_SPLICE;
      command->time = g_get_monotonic_time ();
      command->position = position;
      command->removed = g_steal_pointer (&old);
      command->added = g_steal_pointer (&new);
      command->groups[0] = update_groups (self);
      command->groups[1] = self->groups != NULL ? g_array_ref (self->groups) : NULL;
      push (self, command);
    }
  else
    {
      g_autoptr(GArray) before = update_groups (self);
    }
}

static void
input_changed_cb (StrataNetwork *network,
                  GParamSpec    *pspec,
                  StrataHistory *self)
{
  const StrataShape *input = strata_network_get_input_shape (network);
  gint64 now = g_get_monotonic_time ();
  Command *command;

  /* One set_input() notifies up to three properties; the first one records it. */
  if (strata_shape_equal (input, &self->input))
    return;

  if (!self->replaying)
    {
      command = top_command (self);
      if (can_merge (self, command, COMMAND_INPUT, NULL, now))
        {
          command->input[1] = *input;
          command->time = now;
        }
      else
        {
          command = g_new0 (Command, 1);
          command->type = COMMAND_INPUT;
          command->time = now;
          command->input[0] = self->input;
          command->input[1] = *input;
          push (self, command);
        }
    }

  self->input = *input;
}

/* The network's name, the diagram's title: typing it is one step. */
static void
title_changed_cb (StrataNetwork *network,
                  GParamSpec    *pspec,
                  StrataHistory *self)
{
  const char *title = strata_network_get_name (network);
  gint64 now = g_get_monotonic_time ();
  Command *command;

  if (g_strcmp0 (title, self->title) == 0)
    return;

  if (!self->replaying)
    {
      command = top_command (self);
      if (can_merge (self, command, COMMAND_TITLE, NULL, now))
        {
          g_free (command->labels[1].name);
          command->labels[1].name = g_strdup (title);
          command->time = now;
        }
      else
        {
          command = g_new0 (Command, 1);
          command->type = COMMAND_TITLE;
          command->time = now;
          command->labels[0].name = g_strdup (self->title);
          command->labels[1].name = g_strdup (title);
          push (self, command);
        }
    }

  g_free (self->title);
  self->title = g_strdup (title);
}

static void
strata_history_set_network (StrataHistory *self,
                            StrataNetwork *network)
{
  g_assert (self->network == NULL);

  self->network = g_object_ref (network);
  self->input = *strata_network_get_input_shape (network);
  self->title = g_strdup (strata_network_get_name (network));
  if (strata_network_get_n_groups (network) > 0)
    self->groups = strata_network_dup_groups (network);
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);

      g_ptr_array_add (self->layers, g_object_ref (layer));
      remember_layer (self, layer);
    }

  /* The network tells of its layers' edits: one connection, however many
   * layers, and none to undo when they are freed. */
  g_signal_connect_object (network, "layer-changed::params", G_CALLBACK (layer_changed_cb),
                           self, 0);
  g_signal_connect_object (network, "layer-changed::name", G_CALLBACK (layer_name_cb),
                           self, 0);
  g_signal_connect_object (network, "layer-changed::inputs", G_CALLBACK (layer_sources_cb),
                           self, 0);
  g_signal_connect_object (network, "items-changed", G_CALLBACK (items_changed_cb), self, 0);
  g_signal_connect_object (network, "notify::input-height", G_CALLBACK (input_changed_cb),
                           self, 0);
  g_signal_connect_object (network, "notify::input-width", G_CALLBACK (input_changed_cb),
                           self, 0);
  g_signal_connect_object (network, "notify::input-channels", G_CALLBACK (input_changed_cb),
                           self, 0);
  g_signal_connect_object (network, "notify::name", G_CALLBACK (title_changed_cb), self, 0);
  g_signal_connect_object (network, "groups-changed", G_CALLBACK (groups_changed_cb), self, 0);
}

static void
strata_history_dispose (GObject *object)
{
  StrataHistory *self = STRATA_HISTORY (object);

  if (self->network != NULL)
    g_signal_handlers_disconnect_by_data (self->network, self);

  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->snapshots, g_hash_table_unref);
  g_clear_pointer (&self->commands, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->groups, g_array_unref);
  g_clear_object (&self->network);

  G_OBJECT_CLASS (strata_history_parent_class)->dispose (object);
}

static void
strata_history_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StrataHistory *self = STRATA_HISTORY (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, strata_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, strata_history_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, strata_history_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_history_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  StrataHistory *self = STRATA_HISTORY (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      strata_history_set_network (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_history_class_init (StrataHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = strata_history_dispose;
  object_class->get_property = strata_history_get_property;
  object_class->set_property = strata_history_set_property;

  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, STRATA_TYPE_NETWORK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
strata_history_init (StrataHistory *self)
{
  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
  self->snapshots = g_hash_table_new_full (NULL, NULL, NULL, snapshot_free);
  self->commands = g_ptr_array_new_with_free_func (strata_history_command_free);
}

StrataHistory *
strata_history_new (StrataNetwork *network)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);

  return g_object_new (STRATA_TYPE_HISTORY, "network", network, NULL);
}

StrataNetwork *
strata_history_get_network (StrataHistory *self)
{
  g_return_val_if_fail (STRATA_IS_HISTORY (self), NULL);

  return self->network;
}

gboolean
strata_history_can_undo (StrataHistory *self)
{
  g_return_val_if_fail (STRATA_IS_HISTORY (self), FALSE);

  return self->n_done > 0;
}

gboolean
strata_history_can_redo (StrataHistory *self)
{
  g_return_val_if_fail (STRATA_IS_HISTORY (self), FALSE);

  return self->n_done < self->commands->len;
}

gboolean
strata_history_undo (StrataHistory *self,
                     int           *position)
{
  gboolean could_undo, could_redo, was_modified;
  guint group;
  int touched = -1;

  g_return_val_if_fail (STRATA_IS_HISTORY (self), FALSE);

  if (!strata_history_can_undo (self))
    return FALSE;

  could_undo = strata_history_can_undo (self);
  could_redo = strata_history_can_redo (self);
  was_modified = strata_history_get_modified (self);

  group = top_command (self)->group;
  self->replaying = TRUE;
  while (self->n_done > 0 && top_command (self)->group == group)
    {
      touched = strata_history_replay (self->network, top_command (self), 0,
                                       strata_history_same_layer, NULL);
      self->n_done--;
    }
  self->replaying = FALSE;
  self->merge_open = FALSE;

  if (position != NULL)
    *position = touched;

  notify_state (self, could_undo, could_redo, was_modified);
  return TRUE;
}

gboolean
strata_history_redo (StrataHistory *self,
                     int           *position)
{
  gboolean could_undo, could_redo, was_modified;
  guint group;
  int touched = -1;

  g_return_val_if_fail (STRATA_IS_HISTORY (self), FALSE);

  if (!strata_history_can_redo (self))
    return FALSE;

  could_undo = strata_history_can_undo (self);
  could_redo = strata_history_can_redo (self);
  was_modified = strata_history_get_modified (self);

  group = ((Command *) g_ptr_array_index (self->commands, self->n_done))->group;
  self->replaying = TRUE;
  while (self->n_done < self->commands->len)
    {
      Command *command = g_ptr_array_index (self->commands, self->n_done);

      if (command->group != group)
        break;
      touched = strata_history_replay (self->network, command, 1,
                                       strata_history_same_layer, NULL);
      self->n_done++;
    }
  self->replaying = FALSE;
  self->merge_open = FALSE;

  if (position != NULL)
    *position = touched;

  notify_state (self, could_undo, could_redo, was_modified);
  return TRUE;
}

void
strata_history_begin_group (StrataHistory *self)
{
  g_return_if_fail (STRATA_IS_HISTORY (self));

  if (self->group_depth++ == 0)
    self->current_group = ++self->next_group;
}

void
strata_history_end_group (StrataHistory *self)
{
  g_return_if_fail (STRATA_IS_HISTORY (self));
  g_return_if_fail (self->group_depth > 0);

  self->group_depth--;
  self->merge_open = FALSE;
}

void
strata_history_break_merge (StrataHistory *self)
{
  g_return_if_fail (STRATA_IS_HISTORY (self));

  self->merge_open = FALSE;
}

gboolean
strata_history_get_modified (StrataHistory *self)
{
  g_return_val_if_fail (STRATA_IS_HISTORY (self), FALSE);

  return self->unmodified_at != (gint64) self->n_done;
}

void
strata_history_set_unmodified (StrataHistory *self)
{
  gboolean was_modified;

  g_return_if_fail (STRATA_IS_HISTORY (self));

  was_modified = strata_history_get_modified (self);
  self->unmodified_at = self->n_done;
  self->merge_open = FALSE;
  if (was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}
