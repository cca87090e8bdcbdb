/* strata-layout-groups.c: groups a user made and runs of repeated layers, under named brackets. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-layout-build-private.h"

/* More groups than this are not drawn: each bracket's name is text of its
 * own, which would double the time a network of 100,000 layers takes to
 * lay out, and thousands of brackets explain nothing. Collapsed, a run
 * is one group however many units it has. */
#define MAX_GROUPS 1000

/* Between a group's lowest label and its bracket, and the bracket's ticks. */
#define BRACKET_GAP  6.0
#define BRACKET_TICK 5.0

/* "A" to "Z", then "AA", "AB"…: a pattern's name, as spreadsheets name columns. */
static void
append_pattern_name (GString *text,
                     guint    pattern)
{
  char name[8];
  int at = G_N_ELEMENTS (name) - 1;

  name[at] = '\0';
  do
    {
      name[--at] = 'A' + pattern % 26;
      pattern = pattern / 26;
    }
  while (pattern-- > 0 && at > 0);
  g_string_append (text, name + at);
}

/* Groups a user made, and runs they ungrouped, take their layers from
 * the repeated runs: marks those layers in @taken and returns how many
 * of the groups are drawn (the named ones). */
static guint
mark_user_groups (StrataNetwork *network,
                  gboolean      *taken)
{
  guint n_named = 0;

  for (guint g = 0; g < strata_network_get_n_groups (network); g++)
    {
      guint first, last;

      strata_network_get_group_range (network, g, &first, &last);
      for (guint i = first; i <= last; i++)
        taken[i] = TRUE;
      if (strata_network_get_group (network, g)->name != NULL)
        n_named++;
    }
  return n_named;
}

/* @taken is NULL without any group of the user's. */
static gboolean
any_taken (const gboolean *taken,
           guint           first,
           guint           end)
{
  for (guint i = first; taken != NULL && i < end; i++)
    if (taken[i])
      return TRUE;
  return FALSE;
}

static void
add_group (StrataBuilder *b,
           StrataGroup   *group,
           const char    *name)
{
  StrataLayout *self = b->self;

  group->name = strata_builder_new_text (b, FONT_DETAILS, name, 0, 0);
  for (guint i = group->first; i < group->end; i++)
    b->group_of[i] = self->groups->len;
  g_array_append_val (self->groups, *group);
}

void
strata_builder_find_groups (StrataBuilder *b)
{
  StrataLayout *self = b->self;
  g_autoptr(GArray) repeats = NULL;
  g_autoptr(GArray) modules = NULL;
  g_autofree guint *numbers = NULL;
  g_autofree gboolean *taken = NULL;
  guint n_layers = strata_network_get_n_layers (b->network);
  gboolean collapse = self->options.collapse_repeats;
  gboolean automatic = self->options.group_repeats;
  guint n_groups;

  if (self->options.style == STRATA_DIAGRAM_STYLE_BARS ||
      (!automatic && self->options.module_depth == 0 &&
       strata_network_get_n_groups (b->network) == 0))
    return;

  /* A user's groups are drawn whether or not repeats are looked for:
   * they are the user's own, undone by ungrouping them. */
  if (strata_network_get_n_groups (b->network) > 0)
    {
      taken = g_new0 (gboolean, n_layers);
      n_groups = mark_user_groups (b->network, taken);
    }
  else
    n_groups = 0;
  /* Modules, which leave a user's groups alone, take their layers from
   * the repeated runs as a user's groups do. */
  if (self->options.module_depth > 0)
    {
      modules = strata_layout_find_modules (b->network, self->options.module_depth);
      if (modules->len > 0 && taken == NULL)
        taken = g_new0 (gboolean, n_layers);
      for (guint m = 0; m < modules->len; m++)
        {
          const StrataModule *module = &g_array_index (modules, StrataModule, m);

          for (guint i = module->first; i < module->end; i++)
            taken[i] = TRUE;
        }
      n_groups += modules->len;
    }
  repeats = automatic ? strata_network_find_repeats (b->network)
                      : g_array_new (FALSE, FALSE, sizeof (StrataRepeat));
  for (guint r = 0; r < repeats->len; r++)
    {
      const StrataRepeat *repeat = &g_array_index (repeats, StrataRepeat, r);

      if (collapse)
        n_groups += !any_taken (taken, repeat->first,
                                repeat->first + repeat->n_units * repeat->unit_length);
      else
        for (guint u = 0; u < repeat->n_units; u++)
          n_groups += !any_taken (taken, repeat->first + u * repeat->unit_length,
                                  repeat->first + (u + 1) * repeat->unit_length);
    }
  if (n_groups == 0 || n_groups > MAX_GROUPS)
    return;

  b->group_of = g_new (int, n_layers);
  for (guint i = 0; i < n_layers; i++)
    b->group_of[i] = -1;
  if (collapse || (modules != NULL && modules->len > 0))
    {
      b->shown_as = g_new (guint, n_layers);
      for (guint i = 0; i < n_layers; i++)
        b->shown_as[i] = i;
    }

  for (guint g = 0; g < strata_network_get_n_groups (b->network); g++)
    {
      const StrataLayerGroup *user = strata_network_get_group (b->network, g);
      StrataGroup group = { 0 };
      guint last;

      if (user->name == NULL)
        continue;
      strata_network_get_group_range (b->network, g, &group.first, &last);
      group.end = last + 1;
      group.pattern = STRATA_GROUP_USER;
      group.n_units = 1;
      /* Collapsed, a user's group is one block, its first layer's node:
       * the graph draws what its layers read from outside it as read by
       * that node, and what reads any of them as reading it. */
      group.block = collapse;
      if (collapse)
        for (guint i = group.first + 1; i < group.end; i++)
          b->shown_as[i] = group.first;
      add_group (b, &group, user->name);
    }
  /* A module is drawn as a user's group collapsed. */
  for (guint m = 0; modules != NULL && m < modules->len; m++)
    {
      const StrataModule *module = &g_array_index (modules, StrataModule, m);
      const char *name = strata_layer_get_name (strata_network_get_layer (b->network,
                                                                          module->first));
      g_autofree char *path = g_strndup (name, module->name_length);
      StrataGroup group = { module->first, module->end, STRATA_GROUP_MODULE, 1, TRUE, NULL };

      for (guint i = group.first + 1; i < group.end; i++)
        b->shown_as[i] = group.first;
      add_group (b, &group, path);
    }

  /* Units are numbered within their pattern, across its runs. */
  numbers = g_new0 (guint, repeats->len);
  for (guint r = 0; r < repeats->len; r++)
    {
      const StrataRepeat *repeat = &g_array_index (repeats, StrataRepeat, r);
      guint run_end = repeat->first + repeat->n_units * repeat->unit_length;

      /* A run that a user's group takes layers from is not collapsed. */
      if (collapse && any_taken (taken, repeat->first, run_end))
        continue;
      /* Collapsed, a run is its first unit, drawn once under a bracket
       * that counts the units: "B × 3". */
      for (guint u = 0; u < (collapse ? 1 : repeat->n_units); u++)
        {
          StrataGroup group = { 0 };
          g_autoptr(GString) name = g_string_new (NULL);

          group.first = repeat->first + u * repeat->unit_length;
          group.end = group.first + repeat->unit_length;
          if (!collapse && any_taken (taken, group.first, group.end))
            continue;
          group.pattern = repeat->pattern;
          group.n_units = collapse ? repeat->n_units : 1;
          append_pattern_name (name, repeat->pattern);
          if (collapse)
            g_string_append_printf (name, " × %u", repeat->n_units);
          else
            g_string_append_printf (name, "%u", ++numbers[repeat->pattern]);
          add_group (b, &group, name->str);
        }
      if (collapse)
        for (guint i = repeat->first + repeat->unit_length; i < run_end; i++)
          b->shown_as[i] = repeat->first + (i - repeat->first) % repeat->unit_length;
    }
}

/* One bracket per group and row (or stretch of a row: see
 * StrataBuilder.bracket_part), under the lowest label of its columns
 * there, from the leftmost of their blocks and labels to the rightmost. */
void
strata_builder_place_groups (StrataBuilder *b)
{
  StrataLayout *self = b->self;
  g_autoptr(GHashTable) index = NULL;

  if (b->group_of == NULL)
    return;

  index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < strata_layout_n_columns (self); i++)
    {
      const StrataColumn *c = strata_layout_column (self, i);
      double left, right, bottom;
      StrataBracket *bracket;
      gint64 key;
      gpointer found;

      if (c->group_space == 0)
        continue;
      left = MIN (c->block_rect.x, c->label_rect.x);
      right = MAX (c->block_rect.x + c->block_rect.width, c->label_rect.x + c->label_rect.width);
      bottom = c->label_rect.y + c->label_rect.height;
      key = ((gint64) b->group_of[c->position] << 32) |
            (b->bracket_part != NULL ? b->bracket_part[i] : c->row);
      if (g_hash_table_lookup_extended (index, &key, NULL, &found))
        {
          bracket = &g_array_index (self->brackets, StrataBracket, GPOINTER_TO_UINT (found));
          bracket->x0 = MIN (bracket->x0, left);
          bracket->x1 = MAX (bracket->x1, right);
          bracket->y = MAX (bracket->y, bottom + BRACKET_GAP);
        }
      else
        {
          StrataBracket added = { b->group_of[c->position], left, right, bottom + BRACKET_GAP };
          gint64 *stored = g_new (gint64, 1);

          *stored = key;
          g_hash_table_insert (index, stored, GUINT_TO_POINTER (self->brackets->len));
          g_array_append_val (self->brackets, added);
        }
    }
  g_hash_table_foreach (index, (GHFunc) g_free, NULL);

  for (guint i = 0; i < self->brackets->len; i++)
    {
      StrataBracket *bracket = &g_array_index (self->brackets, StrataBracket, i);
      const StrataGroup *group = &g_array_index (self->groups, StrataGroup, bracket->group);
      double x, w, h;

      strata_text_extents (group->name, &x, &w, &h);
      bracket->name_x = (bracket->x0 + bracket->x1) / 2 - w / 2 - x;
      bracket->name_y = bracket->y + 2;
      bracket->rect = (cairo_rectangle_t) { bracket->x0, bracket->y - BRACKET_TICK,
                                            bracket->x1 - bracket->x0, BRACKET_TICK + 2 + h };
    }
}

/* The kinds drawn as slices on a block, which a unit's blocks leave out. */
static gboolean
is_slice (StrataLayerCategory category)
{
  return category == STRATA_LAYER_CATEGORY_ACTIVATION ||
         category == STRATA_LAYER_CATEGORY_NORMALIZATION ||
         category == STRATA_LAYER_CATEGORY_DROPOUT;
}

/* A unit's blocks by their kinds' short names, runs counted: "Conv × 3 · Max pool". */
static void
append_unit (GString           *text,
             StrataNetwork     *network,
             const StrataGroup *group)
{
  StrataLayerKind last = STRATA_N_LAYER_KINDS;
  guint run = 0;
  gboolean first = TRUE;

  for (guint i = group->first; i <= group->end; i++)
    {
      StrataLayer *layer = i < group->end ? strata_network_get_layer (network, i) : NULL;
      StrataLayerKind kind = layer != NULL ? strata_layer_get_kind (layer) : STRATA_N_LAYER_KINDS;

      /* The slices drawn on a block are left out, as they are in its name. */
      if (layer != NULL && is_slice (strata_layer_get_kind_info (layer)->category))
        continue;
      if (kind == last)
        {
          run++;
          continue;
        }
      if (last != STRATA_N_LAYER_KINDS)
        {
          if (!first)
            g_string_append (text, " · ");
          g_string_append (text, _(strata_layer_kind_get_info (last)->short_label));
          if (run > 1)
            g_string_append_printf (text, " × %u", run);
          first = FALSE;
        }
      last = kind;
      run = 1;
    }
}

/* A user's group's blocks, "Conv × 2 · Max pool", or, when all its
 * layers are drawn as slices, how many it has. */
static GString *
group_unit (StrataNetwork     *network,
            const StrataGroup *group)
{
  GString *unit = g_string_new (NULL);

  append_unit (unit, network, group);
  /* Translators: a group of layers a user made, all of them activations,
   * normalizations or dropouts: how many it holds */
  if (unit->len == 0)
    g_string_append_printf (unit, g_dngettext (GETTEXT_PACKAGE, "%u layer", "%u layers",
                                               group->end - group->first),
                            group->end - group->first);
  return unit;
}

/* "Grouped: stem = Conv × 2 · Max pool; head = Dense × 3." for a user's groups. */
static void
append_user_groups (GString       *text,
                    StrataBuilder *b)
{
  StrataLayout *self = b->self;
  gboolean first = TRUE;

  for (guint g = 0; g < self->groups->len; g++)
    {
      const StrataGroup *group = &g_array_index (self->groups, StrataGroup, g);
      g_autoptr(GString) unit = NULL;
      g_autofree char *entry = NULL;

      if (group->pattern != STRATA_GROUP_USER)
        continue;
      if (first)
        {
          if (text->len > 0)
            g_string_append_c (text, ' ');
          if (group->block)
            /* Translators: starts the legend's line of the groups a user
             * made of layers when each is drawn as one block, under its name */
            g_string_append (text, _("Grouped, each drawn as one block:"));
          else
            /* Translators: starts the legend's line of the groups a user
             * made of layers, each named, as they are under their brackets */
            g_string_append (text, _("Grouped:"));
        }
      unit = group_unit (b->network, group);
      /* Translators: a group of layers a user made: its name and its
       * blocks ("Conv × 2 · Max pool") */
      entry = g_strdup_printf (_("%s = %s"), pango_layout_get_text (group->name), unit->str);
      g_string_append (text, first ? " " : "; ");
      g_string_append (text, entry);
      first = FALSE;
    }
  if (!first)
    g_string_append (text, ".");
}

char *
strata_builder_group_note (StrataBuilder *b)
{
  StrataLayout *self = b->self;
  g_autoptr(GString) text = NULL;
  guint n_patterns = 0;

  if (self->groups->len == 0)
    return NULL;

  for (guint g = 0; g < self->groups->len; g++)
    {
      guint pattern = g_array_index (self->groups, StrataGroup, g).pattern;

      if (pattern < STRATA_GROUP_MODULE)
        n_patterns = MAX (n_patterns, pattern + 1);
    }

  text = g_string_new (NULL);
  if (n_patterns > 0)
    {
      if (self->options.collapse_repeats)
        /* Translators: starts the legend's line of repeated groups of layers,
         * when each run of them is drawn once with its count ("B × 3") */
        g_string_append (text, _("Repeated, each run drawn once:"));
      else
        /* Translators: starts the legend's line of repeated groups of layers */
        g_string_append (text, _("Repeated:"));
    }
  for (guint p = 0, shown = 0; p < n_patterns; p++)
    {
      const StrataGroup *example = NULL;
      guint n_units = 0;
      g_autoptr(GString) unit = g_string_new (NULL);
      g_autoptr(GString) name = g_string_new (NULL);
      g_autofree char *entry = NULL;

      for (guint g = 0; g < self->groups->len; g++)
        if (g_array_index (self->groups, StrataGroup, g).pattern == p)
          {
            if (example == NULL)
              example = &g_array_index (self->groups, StrataGroup, g);
            n_units += g_array_index (self->groups, StrataGroup, g).n_units;
          }
      /* Every unit of it in a user's group. */
      if (example == NULL)
        continue;
      append_pattern_name (name, p);
      append_unit (unit, b->network, example);
      /* Translators: a pattern of repeated layers: its letter, its blocks
       * ("Conv × 2 · Max pool") and how many times it is drawn */
      entry = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s = %s, %u time", "%s = %s, %u times",
                                            n_units),
                               name->str, unit->str, n_units);
      g_string_append (text, shown++ == 0 ? " " : "; ");
      g_string_append (text, entry);
    }
  if (n_patterns > 0)
    g_string_append (text, ".");
  append_user_groups (text, b);
  strata_builder_append_modules (b, text);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
strata_builder_group_kinds (StrataBuilder     *b,
                            const StrataGroup *group)
{
  return g_string_free (group_unit (b->network, group), FALSE);
}

gboolean
strata_builder_hides_reads (StrataBuilder *b)
{
  GArray *groups = b->self->groups;

  if (b->shown_as == NULL)
    return FALSE;
  for (guint g = 0; g < groups->len; g++)
    {
      const StrataGroup *group = &g_array_index (groups, StrataGroup, g);

      if (group->n_units > 1)
        return TRUE;
      for (guint i = group->first; group->block && i + 1 < group->end; i++)
        {
          g_autoptr(GPtrArray) readers = strata_network_get_consumers (b->network, i);

          for (guint k = 0; k < readers->len; k++)
            if (strata_network_index_of (b->network, g_ptr_array_index (readers, k)) >=
                (int) group->end)
              return TRUE;
        }
    }
  return FALSE;
}

const StrataGroup *
strata_builder_block_group (StrataBuilder      *b,
                            const StrataColumn *column)
{
  const StrataGroup *group;

  if (b->group_of == NULL || column->position < 0 || b->group_of[column->position] < 0)
    return NULL;
  group = &g_array_index (b->self->groups, StrataGroup, b->group_of[column->position]);
  return group->block && group->first == (guint) column->position ? group : NULL;
}

gboolean
strata_builder_group_block (StrataBuilder *b,
                            StrataColumn  *column)
{
  const StrataGroup *group = strata_builder_block_group (b, column);
  guint counts[STRATA_N_LAYER_CATEGORIES] = { 0 };
  StrataLayer *first_of[STRATA_N_LAYER_CATEGORIES] = { NULL };
  StrataLayer *chosen = NULL;
  const StrataShape *output;
  gboolean failed = FALSE;
  guint most = 0;

  if (group == NULL)
    return FALSE;

  for (guint i = group->first; i < group->end; i++)
    {
      StrataLayer *layer = strata_network_get_layer (b->network, i);
      StrataLayerCategory category = strata_layer_get_kind_info (layer)->category;

      column->params += strata_layer_get_params_count (layer);
      failed |= strata_layer_get_error (layer) != NULL;
      if (is_slice (category))
        continue;
      if (first_of[category] == NULL)
        first_of[category] = layer;
      /* Of kinds as common, the first to be that common. */
      if (++counts[category] > most)
        {
          most = counts[category];
          chosen = first_of[category];
        }
    }
  if (chosen == NULL)
    chosen = strata_network_get_layer (b->network, group->first);

  output = strata_layer_get_output_shape (strata_network_get_layer (b->network, group->end - 1));
  column->category = strata_layer_get_kind_info (chosen)->category;
  column->kind = strata_layer_get_kind (chosen);
  column->has_shape = output != NULL;
  if (output != NULL)
    column->shape = *output;
  column->has_error = output == NULL && failed;
  column->group_end = group->end;
  if (output != NULL)
    column->fill = strata_builder_layer_fill (b, chosen, column->category);
  else
    column->fill = *strata_category_get_color (column->category);
  return TRUE;
}

char *
strata_render_dup_group_kinds (StrataNetwork *network,
                               guint          first,
                               guint          end)
{
  StrataGroup group = { .first = first, .end = end };

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);
  g_return_val_if_fail (first < end && end <= strata_network_get_n_layers (network), NULL);

  return g_string_free (group_unit (network, &group), FALSE);
}

gboolean
strata_layout_get_collapsed_group (StrataLayout          *layout,
                                   int                    position,
                                   StrataLayoutGroupInfo *info)
{
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  for (guint g = 0; g < layout->groups->len && position >= 0; g++)
    {
      const StrataGroup *group = &g_array_index (layout->groups, StrataGroup, g);

      if ((guint) position < group->first || (guint) position >= group->end)
        continue;
      if (!(group->block && (guint) position == group->first) && group->n_units < 2)
        return FALSE;
      *info = (StrataLayoutGroupInfo) { pango_layout_get_text (group->name), group->first,
                                        group->end, group->n_units, group->block };
      return TRUE;
    }
  return FALSE;
}
