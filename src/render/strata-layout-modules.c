/* strata-layout-modules.c: runs of layers whose names share a module's path, for a page to draw as blocks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "strata-layout-build-private.h"

/* Names made by PyTorch (and by Strata's importers of its models) are
 * module paths, "layer1.0.conv1": the layers of one module are next to
 * each other and share the path's start. A page too small for every
 * layer draws each module as one block, as a user's group collapsed is
 * drawn; the modules are the layout's, never the network's.
 *
 * A module at depth d is a run of at least two consecutive layers whose
 * names have more than d parts and the same first d. They are found top
 * down: a module is drawn as its own modules one level deeper when those
 * hold more than half of its layers (ResNet-18's layer1 as layer1.0 and
 * layer1.1; not layer2.0 as its downsample, two of its nine layers), and
 * never as a block of every layer, which would show nothing. */

/* The length of @name's first @depth parts, or 0 when it has no more
 * parts than that (or an empty one where they end). */
static gsize
prefix_length (const char *name,
               guint       depth)
{
  const char *at = name;

  if (depth == 0)
    return 0;
  for (guint d = 0; d < depth; d++)
    {
      at = strchr (at, '.');
      if (at == NULL)
        return 0;
      at++;
    }
  if (at == name + 1 || *at == '\0')
    return 0;
  return at - 1 - name;
}

static gboolean
same_prefix (const char *a,
             const char *b,
             gsize       length,
             guint       depth)
{
  return prefix_length (b, depth) == length && strncmp (a, b, length) == 0;
}

/* The modules at @depth among layers [@first, @end), each as its own
 * modules down to @limit where those hold more than half of it. */
static void
find_at (const char **names,
         guint        n_layers,
         guint        first,
         guint        end,
         guint        depth,
         guint        limit,
         GArray      *modules)
{
  for (guint i = first; i < end;)
    {
      gsize length = prefix_length (names[i], depth);
      guint j = i + 1, start = modules->len, held = 0;

      if (length == 0)
        {
          i++;
          continue;
        }
      while (j < end && same_prefix (names[i], names[j], length, depth))
        j++;
      if (j - i >= 2)
        {
          StrataModule module = { i, j, length };

          if (depth < limit)
            find_at (names, n_layers, i, j, depth + 1, limit, modules);
          for (guint k = start; k < modules->len; k++)
            held += g_array_index (modules, StrataModule, k).end -
                    g_array_index (modules, StrataModule, k).first;
          if (held * 2 <= j - i && j - i < n_layers)
            {
              g_array_set_size (modules, start);
              g_array_append_val (modules, module);
            }
        }
      i = j;
    }
}

GArray *
strata_layout_find_modules (StrataNetwork *network,
                            guint          depth)
{
  guint n_layers = strata_network_get_n_layers (network);
  g_autofree const char **names = g_new (const char *, n_layers);
  GArray *modules = g_array_new (FALSE, FALSE, sizeof (StrataModule));
  guint kept = 0;

  for (guint i = 0; i < n_layers; i++)
    names[i] = strata_layer_get_name (strata_network_get_layer (network, i));
  if (depth > 0)
    find_at (names, n_layers, 0, n_layers, 1, depth, modules);

  /* A user's groups, and the runs a user ungrouped, keep their layers. */
  for (guint m = 0, g = 0; m < modules->len; m++)
    {
      StrataModule *module = &g_array_index (modules, StrataModule, m);
      gboolean overlaps = FALSE;

      for (; g < strata_network_get_n_groups (network) && !overlaps; g++)
        {
          guint first, last;

          strata_network_get_group_range (network, g, &first, &last);
          if (first >= module->end)
            break;
          overlaps = last >= module->first;
        }
      /* The group that overlapped may overlap the next module too. */
      if (overlaps)
        g--;
      else
        g_array_index (modules, StrataModule, kept++) = *module;
    }
  g_array_set_size (modules, kept);
  return modules;
}

guint
strata_layout_module_depth (StrataNetwork *network)
{
  guint deepest = 0;

  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      const char *name = strata_layer_get_name (strata_network_get_layer (network, i));
      guint depth = 0;

      while (prefix_length (name, depth + 1) > 0)
        depth++;
      deepest = MAX (deepest, depth);
    }
  return deepest;
}

/* A name as a stem and the number it ends with ("enc" and 3 of
 * "enc3"), or FALSE when it ends with none. */
static gboolean
split_number (const char *name,
              gsize      *stem,
              guint64    *number)
{
  gsize length = strlen (name), at = length;

  while (at > 0 && g_ascii_isdigit (name[at - 1]))
    at--;
  /* "07" would not step to "08" as numbers do. */
  if (at == length || length - at > 9 || (name[at] == '0' && length - at > 1))
    return FALSE;
  *stem = at;
  *number = g_ascii_strtoull (name + at, NULL, 10);
  return TRUE;
}

typedef struct
{
  const char *name;
  guint       stem_order; /* of its stem's first module */
  guint64     number;
  gboolean    numbered;
  gsize       stem;
} ModuleName;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const ModuleName *x = a, *y = b;

  if (x->stem_order != y->stem_order)
    return x->stem_order < y->stem_order ? -1 : 1;
  if (x->number != y->number)
    return x->number < y->number ? -1 : 1;
  return 0;
}

/* @names (ModuleName) by their stems as they first come, each stem's by
 * number, three numbers or more in a row as a range: "enc1–enc4,
 * bottleneck, dec1–dec4". */
static void
append_names (GString *text,
              GArray  *names)
{
  for (guint i = 0; i < names->len; i++)
    {
      ModuleName *n = &g_array_index (names, ModuleName, i);

      n->stem_order = i;
      for (guint k = 0; k < i; k++)
        {
          ModuleName *before = &g_array_index (names, ModuleName, k);

          if (n->numbered && before->numbered && before->stem == n->stem &&
              strncmp (before->name, n->name, n->stem) == 0)
            {
              n->stem_order = before->stem_order;
              break;
            }
        }
    }
  g_array_sort (names, compare_names);
  for (guint i = 0; i < names->len;)
    {
      const ModuleName *n = &g_array_index (names, ModuleName, i);
      guint j = i + 1;

      while (n->numbered && j < names->len &&
             g_array_index (names, ModuleName, j).stem_order == n->stem_order &&
             g_array_index (names, ModuleName, j).number == n->number + (j - i))
        j++;
      if (i > 0)
        g_string_append (text, ", ");
      if (j - i >= 3)
        {
          /* A word joiner after the dash, after which a line would
           * otherwise break, so that a range is never split. */
          g_string_append_printf (text, "%s\u2013\u2060%s", n->name,
                                  g_array_index (names, ModuleName, j - 1).name);
          i = j;
        }
      else
        g_string_append (text, g_array_index (names, ModuleName, i++).name);
    }
}

void
strata_layout_append_names (GString   *text,
                            GPtrArray *names)
{
  g_autoptr(GArray) split = g_array_sized_new (FALSE, FALSE, sizeof (ModuleName), names->len);

  for (guint i = 0; i < names->len; i++)
    {
      ModuleName name = { names->pdata[i] };

      name.numbered = split_number (name.name, &name.stem, &name.number);
      g_array_append_val (split, name);
    }
  append_names (text, split);
}

void
strata_builder_append_modules (StrataBuilder *b,
                               GString       *text)
{
  StrataLayout *self = b->self;
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  /* One entry per kind of module, in the order they first come. */
  for (guint g = 0; g < self->groups->len; g++)
    {
      const StrataGroup *group = &g_array_index (self->groups, StrataGroup, g);
      g_autofree char *unit = NULL;
      guint k;

      if (group->pattern != STRATA_GROUP_MODULE)
        continue;
      unit = strata_builder_group_kinds (b, group);
      for (k = 0; k < kinds->len && !g_str_equal (kinds->pdata[k], unit); k++)
        ;
      if (k == kinds->len)
        {
          g_ptr_array_add (kinds, g_steal_pointer (&unit));
          g_ptr_array_add (names, g_ptr_array_new ());
        }
      g_ptr_array_add (names->pdata[k], (gpointer) pango_layout_get_text (group->name));
    }
  if (kinds->len == 0)
    return;

  if (text->len > 0)
    g_string_append_c (text, ' ');
  /* Translators: starts the legend's line of the modules of a network
   * (layers whose names share a path, "layer1.0.conv1"), which a page
   * too small for every layer draws as one block each */
  g_string_append (text, _("Modules, each drawn as one block:"));
  for (guint k = 0; k < kinds->len; k++)
    {
      g_autoptr(GString) listed = g_string_new (NULL);
      g_autofree char *entry = NULL;

      strata_layout_append_names (listed, names->pdata[k]);
      /* Translators: modules of a network drawn as blocks: their names
       * and their blocks ("Conv × 2 · Add") */
      entry = g_strdup_printf (_("%s = %s"), listed->str, (const char *) kinds->pdata[k]);
      g_string_append (text, k == 0 ? " " : "; ");
      g_string_append (text, entry);
    }
  g_string_append (text, ".");
}
