/* strata-network-groups.c: groups of layers a user made, kept valid as layers come and go. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-layer-private.h"
#include "strata-network-private.h"

/* A group is held by its first and last layers, not by positions: a
 * layer put inside it or taken out shifts nothing that has to be kept
 * up to date, and only an edit that takes out one of the two layers
 * that bound it has something to do. */

static void
group_clear (gpointer data)
{
  StrataLayerGroup *group = data;

  g_clear_object (&group->first);
  g_clear_object (&group->last);
  g_clear_pointer (&group->name, g_free);
}

static GArray *
groups_new (void)
{
  GArray *groups = g_array_new (FALSE, TRUE, sizeof (StrataLayerGroup));

  g_array_set_clear_func (groups, group_clear);
  return groups;
}

static void
group_copy (StrataLayerGroup       *to,
            const StrataLayerGroup *from)
{
  to->first = g_object_ref (from->first);
  to->last = g_object_ref (from->last);
  to->name = g_strdup (from->name);
}

static void
set_end (StrataLayer **end,
         StrataLayer  *layer)
{
  g_set_object (end, layer);
}

static void
emit_changed (StrataNetwork *self)
{
  g_signal_emit (self, strata_network_signals[GROUPS_CHANGED], 0);
}

guint
strata_network_get_n_groups (StrataNetwork *self)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), 0);

  return self->groups != NULL ? self->groups->len : 0;
}

const StrataLayerGroup *
strata_network_get_group (StrataNetwork *self,
                          guint          index)
{
  g_return_val_if_fail (STRATA_IS_NETWORK (self), NULL);
  g_return_val_if_fail (index < strata_network_get_n_groups (self), NULL);

  return &g_array_index (self->groups, StrataLayerGroup, index);
}

void
strata_network_get_group_range (StrataNetwork *self,
                                guint          index,
                                guint         *first,
                                guint         *last)
{
  const StrataLayerGroup *group = strata_network_get_group (self, index);

  g_return_if_fail (group != NULL);

  *first = entry_of (group->first)->position;
  *last = entry_of (group->last)->position;
}

int
strata_network_find_group (StrataNetwork *self,
                           guint          position)
{
  guint low = 0, high = strata_network_get_n_groups (self);

  /* Groups are apart and in order: a binary search over their firsts. */
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      guint first, last;

      strata_network_get_group_range (self, middle, &first, &last);
      if (position < first)
        high = middle;
      else if (position > last)
        low = middle + 1;
      else
        return middle;
    }
  return -1;
}

/* Where a group starting at @first goes, keeping them in order. */
static guint
insertion_index (StrataNetwork *self,
                 guint          first)
{
  guint index = 0;

  while (index < strata_network_get_n_groups (self))
    {
      guint group_first, group_last;

      strata_network_get_group_range (self, index, &group_first, &group_last);
      if (group_first > first)
        break;
      index++;
    }
  return index;
}

int
strata_network_add_group (StrataNetwork  *self,
                          guint           first,
                          guint           last,
                          const char     *name,
                          GError        **error)
{
  StrataLayerGroup group = { 0 };
  guint index;

  g_return_val_if_fail (STRATA_IS_NETWORK (self), -1);
  g_return_val_if_fail (first <= last && last < self->layers->len, -1);
  g_return_val_if_fail (name == NULL || g_utf8_validate (name, -1, NULL), -1);

  for (guint i = 0; i < strata_network_get_n_groups (self); i++)
    {
      const StrataLayerGroup *other = strata_network_get_group (self, i);
      guint other_first, other_last;

      strata_network_get_group_range (self, i, &other_first, &other_last);
      if (first <= other_last && other_first <= last)
        {
          if (other->name != NULL)
            g_set_error (error, STRATA_NETWORK_ERROR, STRATA_NETWORK_ERROR_GROUP,
                         _("These layers overlap the group “%s”"), other->name);
          else
            g_set_error_literal (error, STRATA_NETWORK_ERROR, STRATA_NETWORK_ERROR_GROUP,
                                 _("These layers overlap layers that are ungrouped"));
          return -1;
        }
    }

  if (self->groups == NULL)
    self->groups = groups_new ();
  group.first = g_object_ref (g_ptr_array_index (self->layers, first));
  group.last = g_object_ref (g_ptr_array_index (self->layers, last));
  group.name = strata_name_dup (name);
  index = insertion_index (self, first);
  g_array_insert_val (self->groups, index, group);
  emit_changed (self);
  return index;
}

void
strata_network_remove_group (StrataNetwork *self,
                             guint          index)
{
  g_return_if_fail (STRATA_IS_NETWORK (self));
  g_return_if_fail (index < strata_network_get_n_groups (self));

  g_array_remove_index (self->groups, index);
  emit_changed (self);
}

void
strata_network_rename_group (StrataNetwork *self,
                             guint          index,
                             const char    *name)
{
  StrataLayerGroup *group;

  g_return_if_fail (STRATA_IS_NETWORK (self));
  g_return_if_fail (index < strata_network_get_n_groups (self));
  g_return_if_fail (name != NULL && *name != '\0' && g_utf8_validate (name, -1, NULL));

  group = &g_array_index (self->groups, StrataLayerGroup, index);
  g_return_if_fail (group->name != NULL);
  if (g_str_equal (group->name, name))
    return;
  g_free (group->name);
  group->name = strata_name_dup (name);
  emit_changed (self);
}

GArray *
strata_network_dup_groups (StrataNetwork *self)
{
  GArray *copy;

  g_return_val_if_fail (STRATA_IS_NETWORK (self), NULL);

  copy = groups_new ();
  for (guint i = 0; i < strata_network_get_n_groups (self); i++)
    {
      StrataLayerGroup group;

      group_copy (&group, strata_network_get_group (self, i));
      g_array_append_val (copy, group);
    }
  return copy;
}

gboolean
strata_network_groups_equal (StrataNetwork *self,
                             GArray        *groups)
{
  guint n = groups != NULL ? groups->len : 0;

  g_return_val_if_fail (STRATA_IS_NETWORK (self), FALSE);

  if (n != strata_network_get_n_groups (self))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const StrataLayerGroup *a = strata_network_get_group (self, i);
      const StrataLayerGroup *b = &g_array_index (groups, StrataLayerGroup, i);

      if (a->first != b->first || a->last != b->last || g_strcmp0 (a->name, b->name) != 0)
        return FALSE;
    }
  return TRUE;
}

void
strata_network_set_groups (StrataNetwork *self,
                           GArray        *groups)
{
  guint previous_last = 0;

  g_return_if_fail (STRATA_IS_NETWORK (self));

  if (strata_network_groups_equal (self, groups))
    return;

  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      const StrataLayerGroup *group = &g_array_index (groups, StrataLayerGroup, i);
      int first = strata_network_index_of (self, group->first);
      int last = strata_network_index_of (self, group->last);

      g_return_if_fail (first >= 0 && first <= last);
      g_return_if_fail (i == 0 || (guint) first > previous_last);
      previous_last = last;
    }

  g_clear_pointer (&self->groups, g_array_unref);
  if (groups != NULL && groups->len > 0)
    {
      self->groups = groups_new ();
      for (guint i = 0; i < groups->len; i++)
        {
          StrataLayerGroup group;

          group_copy (&group, &g_array_index (groups, StrataLayerGroup, i));
          g_array_append_val (self->groups, group);
        }
    }
  emit_changed (self);
}

char *
strata_network_new_group_name (StrataNetwork *self)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (STRATA_IS_NETWORK (self), NULL);

  for (guint i = 0; i < strata_network_get_n_groups (self); i++)
    {
      const char *name = strata_network_get_group (self, i)->name;

      if (name != NULL)
        g_hash_table_add (taken, (gpointer) name);
    }
  /* As many groups as there are can take as many numbers, no more. */
  for (guint n = 1;; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("block%u", n);

      if (!g_hash_table_contains (taken, candidate))
        return g_steal_pointer (&candidate);
    }
}

gboolean
strata_network_groups_before_splice (StrataNetwork *self,
                                     guint          position,
                                     guint          n_removals)
{
  gboolean changed = FALSE;

  if (self->groups == NULL || n_removals == 0)
    return FALSE;

  /* A group loses the layers taken out: one that bounds it hands that
   * role to the nearest layer of the group that stays, and a group
   * whose layers all go goes with them. Layers put back by the same
   * splice come back as any added layer, inside a group when they land
   * between its ends. */
  for (guint i = self->groups->len; i-- > 0;)
    {
      StrataLayerGroup *group = &g_array_index (self->groups, StrataLayerGroup, i);
      guint first = entry_of (group->first)->position;
      guint last = entry_of (group->last)->position;
      guint end = position + n_removals;

      if (last < position || first >= end)
        continue;
      changed = TRUE;
      if (first >= position && last < end)
        g_array_remove_index (self->groups, i);
      else if (first >= position)
        set_end (&group->first, g_ptr_array_index (self->layers, end));
      else if (last < end)
        set_end (&group->last, g_ptr_array_index (self->layers, position - 1));
    }
  if (self->groups->len == 0)
    g_clear_pointer (&self->groups, g_array_unref);
  return changed;
}

/* A group of one layer travels with it; it cannot land inside another. */
gboolean
strata_network_groups_before_move (StrataNetwork     *self,
                                   guint              from,
                                   StrataLayerGroup  *carried)
{
  int index = self->groups != NULL ? strata_network_find_group (self, from) : -1;
  StrataLayerGroup *group;
  guint first, last;

  if (index < 0)
    return FALSE;
  group = &g_array_index (self->groups, StrataLayerGroup, index);
  first = entry_of (group->first)->position;
  last = entry_of (group->last)->position;
  if (first == last)
    {
      *carried = *group;
      *group = (StrataLayerGroup) { NULL, NULL, NULL };
      g_array_remove_index (self->groups, index);
      return TRUE;
    }
  if (from != first && from != last)
    return FALSE;
  if (from == first)
    set_end (&group->first, g_ptr_array_index (self->layers, first + 1));
  else
    set_end (&group->last, g_ptr_array_index (self->layers, last - 1));
  return TRUE;
}

void
strata_network_groups_after_move (StrataNetwork    *self,
                                  StrataLayerGroup *carried)
{
  guint position;

  if (carried->first == NULL)
    return;
  position = entry_of (carried->first)->position;
  if (self->groups != NULL && strata_network_find_group (self, position) >= 0)
    {
      group_clear (carried);
      return;
    }
  /* Emptied by strata_network_groups_before_move(). */
  if (self->groups == NULL)
    self->groups = groups_new ();
  g_array_insert_val (self->groups, insertion_index (self, position), *carried);
}

void
strata_network_groups_emit_changed (StrataNetwork *self)
{
  emit_changed (self);
}
