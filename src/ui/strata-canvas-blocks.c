/* strata-canvas-blocks.c: the blocks in view as child widgets, for screen readers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-canvas-private.h"

/* GTK 4.8 lets no application implement GtkAccessible: each block a
 * screen reader can visit is a child widget that draws nothing, placed
 * over its block. Only blocks in view get one, at most this many, so a
 * network of 100,000 layers costs no more than a small one. */
#define MAX_BLOCKS 256

#define STRATA_TYPE_CANVAS_BLOCK (strata_canvas_block_get_type ())
G_DECLARE_FINAL_TYPE (StrataCanvasBlock, strata_canvas_block, STRATA, CANVAS_BLOCK, GtkWidget)

struct _StrataCanvasBlock
{
  GtkWidget parent_instance;
  int       position;
};

G_DEFINE_FINAL_TYPE (StrataCanvasBlock, strata_canvas_block, GTK_TYPE_WIDGET)

static void
strata_canvas_block_class_init (StrataCanvasBlockClass *klass)
{
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass),
                                        GTK_ACCESSIBLE_ROLE_LIST_ITEM);
}

static void
strata_canvas_block_init (StrataCanvasBlock *self)
{
  /* The arrow keys bring the focus here; Tab passes the canvas by. The
   * pointer goes through to the canvas, which hit-tests the drawing. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

void
strata_canvas_group_facts (StrataNetwork               *network,
                           const StrataLayoutGroupInfo *info,
                           StrataGroupFacts            *facts)
{
  guint n_layers = info->end - info->first;
  StrataLayer *last = strata_network_get_layer (network, info->end - 1);
  const StrataShape *output = strata_layer_get_output_shape (last);
  guint64 macs = 0;
  guint n_unknown = 0;

  /* Translators: a group of layers a user made, drawn as one block of
   * the diagram: how many layers it holds */
  facts->what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Group of %u layer",
                                              "Group of %u layers", n_layers),
                                 n_layers);
  facts->kinds = strata_render_dup_group_kinds (network, info->first, info->end);
  facts->params = 0;
  facts->output = output != NULL ? strata_shape_to_string (output) : NULL;
  for (guint i = info->first; i < info->end; i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      guint64 layer_macs = strata_layer_get_macs (layer);

      facts->params += strata_layer_get_params_count (layer);
      if (strata_layer_get_kind_info (layer)->flags & STRATA_LAYER_KIND_FLAG_MACS_UNKNOWN)
        n_unknown++;
      else
        /* At most every count there is, as each layer's is. */
        macs = layer_macs > G_MAXUINT64 - macs ? G_MAXUINT64 : macs + layer_macs;
      if (facts->output == NULL && strata_layer_get_error (layer) != NULL)
        facts->output = g_strdup (strata_layer_get_error (layer));
    }
  if (facts->output == NULL)
    facts->output = g_strdup (_("no input"));
  /* As the layer's tooltip and the totals bar say unknown MACs. */
  if (n_unknown == n_layers)
    facts->macs = g_strdup ("?");
  else if (n_unknown > 0)
    {
      g_autofree char *known = strata_format_count (macs);

      /* Translators: a count of MACs that leaves out the unknown ones */
      facts->macs = g_strdup_printf (_("≥ %s"), known);
    }
  else
    facts->macs = strata_format_count (macs);
}

void
strata_group_facts_clear (StrataGroupFacts *facts)
{
  g_clear_pointer (&facts->what, g_free);
  g_clear_pointer (&facts->kinds, g_free);
  g_clear_pointer (&facts->output, g_free);
  g_clear_pointer (&facts->macs, g_free);
}

char *
strata_canvas_dup_run_note (const StrataLayoutGroupInfo *info)
{
  /* Translators: a layer of a run of repeated layers that the diagram
   * draws once: the run's name as drawn ("B × 3") and how many times it
   * repeats */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: drawn once for %u repeat",
                                       "%s: drawn once for %u repeats", info->n_units),
                          info->name, info->n_units);
}

/* What a screen reader says of a block: its name, then its kind, shape
 * and parameters, as the layer list says them; of a group drawn as one
 * block, what the block shows; of a layer of a run drawn once, that. */
static void
describe (StrataCanvasBlock *block,
          StrataNetwork     *network,
          StrataLayout      *layout)
{
  g_autofree char *name = NULL;
  g_autofree char *shape = NULL;
  g_autofree char *params = NULL;
  g_autofree char *description = NULL;
  StrataLayoutGroupInfo group;

  if (block->position == STRATA_LAYOUT_INPUT)
    {
      name = g_strdup (_("Input"));
      description = strata_shape_to_string (strata_network_get_input_shape (network));
    }
  else if (strata_layout_get_collapsed_group (layout, block->position, &group) && group.block)
    {
      g_auto(StrataGroupFacts) facts = { NULL };
      g_autofree char *kind = NULL;

      strata_canvas_group_facts (network, &group, &facts);
      name = g_strdup (group.name);
      params = strata_format_count (facts.params);
      /* Translators: a group drawn as one block, for a screen reader: how
       * many layers it holds ("Group of 5 layers") and their kinds ("Conv × 2 · Add") */
      kind = g_strdup_printf (_("%s: %s"), facts.what, facts.kinds);
      /* Translators: a group drawn as one block, for a screen reader: its
       * layers, output shape, parameters and multiply-accumulates */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s, %s parameter, %s MACs",
                                                  "%s, %s, %s parameters, %s MACs", facts.params),
                                     kind, facts.output, params, facts.macs);
    }
  else
    {
      StrataLayer *layer = strata_network_get_layer (network, block->position);
      const StrataShape *output = strata_layer_get_output_shape (layer);
      const char *error = strata_layer_get_error (layer);

      name = g_strdup (strata_layer_get_display_name (layer));
      shape = output != NULL ? strata_shape_to_string (output) : g_strdup (_("no input"));
      params = strata_format_count (strata_layer_get_params_count (layer));
      /* Translators: a block of the diagram for a screen reader: kind, output shape, parameters */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s, %s parameter",
                                                  "%s, %s, %s parameters",
                                                  strata_layer_get_params_count (layer)),
                                     _(strata_layer_get_kind_info (layer)->label),
                                     error != NULL ? error : shape, params);
      if (strata_layout_get_collapsed_group (layout, block->position, &group))
        {
          g_autofree char *note = strata_canvas_dup_run_note (&group);
          g_autofree char *layer_only = g_steal_pointer (&description);

          /* Translators: a block's description for a screen reader, then
           * what the run it is drawn for says ("B × 3: drawn once for 3 repeats") */
          description = g_strdup_printf (_("%s; %s"), layer_only, note);
        }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (block),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* The whole network in a sentence, for the diagram itself. */
static void
describe_network (StrataCanvas *self)
{
  g_autofree char *shape = strata_shape_to_string (strata_network_get_input_shape (self->network));
  g_autofree char *params = strata_format_count (strata_network_get_params (self->network));
  guint n_layers = strata_network_get_n_layers (self->network);
  g_autofree char *description = NULL;

  /* Translators: the diagram for a screen reader: layers, input shape, parameters */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u layer from an input of %s, %s parameters",
                                              "%u layers from an input of %s, %s parameters",
                                              n_layers),
                                 n_layers, shape, params);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* The selected block and, while the list has a range, every block of
 * it, as the drawing frames them: a screen reader hears what a copy or a
 * grouping acts on. */
static gboolean
is_selected (StrataCanvas *self,
             int           position)
{
  if (self->range_first != STRATA_LAYOUT_NONE)
    return position >= self->range_first && position <= self->range_last;
  return position == self->selected;
}

void
strata_canvas_update_blocks_selected (StrataCanvas *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_SELECTED,
                                 is_selected (self, STRATA_CANVAS_BLOCK (child)->position),
                                 -1);
}

static GtkWidget *
find_block (StrataCanvas *self,
            int           position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (STRATA_CANVAS_BLOCK (child)->position == position)
      return child;
  return NULL;
}

/* A block for each position in view, the widgets of those that left the
 * view reused for those that came in. Run from an idle: widgets come and
 * go between frames, never while the canvas is laid out. */
static gboolean
sync_blocks_cb (gpointer data)
{
  StrataCanvas *self = data;
  GtkWidget *widget = GTK_WIDGET (self);
  int positions[MAX_BLOCKS];
  guint n = 0;
  GtkWidget *child;

  self->blocks_idle_id = 0;
  /* Positions of an old layout may be gone from the network. */
  strata_canvas_ensure_layout (self);
  if (self->network != NULL && self->layout != NULL && self->zoom > 0)
    {
      cairo_rectangle_t view = {
        -self->offset_x / self->zoom, -self->offset_y / self->zoom,
        gtk_widget_get_width (widget) / self->zoom, gtk_widget_get_height (widget) / self->zoom,
      };

      n = strata_layout_get_items_in (self->layout, &view, positions, MAX_BLOCKS);
    }

  child = gtk_widget_get_first_child (widget);
  for (guint i = 0; i < n; i++)
    {
      StrataCanvasBlock *block;

      if (child == NULL)
        {
          child = g_object_new (STRATA_TYPE_CANVAS_BLOCK, NULL);
          gtk_widget_set_parent (child, widget);
        }
      block = STRATA_CANVAS_BLOCK (child);
      if (block->position != positions[i] || self->blocks_serial != self->layout_serial)
        {
          block->position = positions[i];
          describe (block, self->network, self->layout);
        }
      gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                   GTK_ACCESSIBLE_STATE_SELECTED, is_selected (self, positions[i]),
                                   -1);
      child = gtk_widget_get_next_sibling (child);
    }
  /* Blocks no longer in view go, unless one has the focus: it moves to
   * the canvas first, or the window would lose it. */
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (gtk_widget_has_focus (child))
        gtk_widget_grab_focus (widget);
      gtk_widget_unparent (child);
      child = next;
    }

  if (self->blocks_serial != self->layout_serial && self->network != NULL)
    describe_network (self);
  self->blocks_serial = self->layout_serial;
  self->blocks_zoom = self->zoom;
  self->blocks_x = self->offset_x;
  self->blocks_y = self->offset_y;

  if (self->focus_block)
    {
      GtkWidget *block = find_block (self, self->selected);

      self->focus_block = FALSE;
      if (block != NULL)
        gtk_widget_grab_focus (block);
    }
  gtk_widget_queue_allocate (widget);
  return G_SOURCE_REMOVE;
}

static void
schedule_sync (StrataCanvas *self)
{
  if (self->blocks_idle_id == 0)
    self->blocks_idle_id = g_idle_add (sync_blocks_cb, self);
}

/* Each block over its own in the drawing, where a screen reader shows it. */
void
strata_canvas_allocate_blocks (StrataCanvas *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      cairo_rectangle_t bounds = { 0, 0, 0, 0 };
      GtkAllocation allocation;

      if (self->layout != NULL)
        strata_layout_get_item_bounds (self->layout, STRATA_CANVAS_BLOCK (child)->position,
                                       &bounds);
      allocation.x = floor (self->offset_x + bounds.x * self->zoom);
      allocation.y = floor (self->offset_y + bounds.y * self->zoom);
      allocation.width = MAX (ceil (bounds.width * self->zoom), 1);
      allocation.height = MAX (ceil (bounds.height * self->zoom), 1);
      gtk_widget_size_allocate (child, &allocation, -1);
    }
}

/* Called by each frame: a view or a layout that changed since the
 * blocks were made makes them again, after the frame. */
void
strata_canvas_check_blocks (StrataCanvas *self)
{
  if (self->blocks_serial != self->layout_serial || self->blocks_zoom != self->zoom ||
      self->blocks_x != self->offset_x || self->blocks_y != self->offset_y)
    schedule_sync (self);
}

/* The selection moved while the focus was on the diagram: it moves to the
 * selected block, which a screen reader then reads. The selected state
 * follows in any case. */
void
strata_canvas_follow_selection (StrataCanvas *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && (focus == GTK_WIDGET (self) ||
                        gtk_widget_get_parent (focus) == GTK_WIDGET (self)))
    self->focus_block = TRUE;
  schedule_sync (self);
}

/* Tab comes into the diagram and goes on out of it: the blocks are
 * reached with the arrow keys. */
gboolean
strata_canvas_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  if (gtk_widget_has_focus (widget) || gtk_widget_get_focus_child (widget) != NULL)
    return FALSE;
  return gtk_widget_grab_focus (widget);
}

void
strata_canvas_dispose_blocks (StrataCanvas *self)
{
  GtkWidget *child;

  g_clear_handle_id (&self->blocks_idle_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}
