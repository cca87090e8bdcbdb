/* strata-window-menus.c: the header bar's menus, each made when it first opens, and the recent files read once the window is drawn. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-add-popover.h"
#include "strata-file.h"
#include "strata-window-private.h"

/* One section per category of layer kinds, in the table's order, each
 * item activating @action with the kind's id: the kinds that read
 * exactly one input, as a branch from the selection does. */
static void
append_kind_sections (GMenu      *menu,
                      const char *action)
{
  GMenu *section = NULL;
  StrataLayerCategory category = STRATA_N_LAYER_CATEGORIES;

  for (guint kind = 0; kind < STRATA_N_LAYER_KINDS; kind++)
    {
      const StrataLayerKindInfo *info = strata_layer_kind_get_info (kind);
      g_autoptr(GMenuItem) item = NULL;

      if (info->min_inputs > 1 || info->max_inputs < 1)
        continue;
      if (info->category != category)
        {
          if (section != NULL)
            g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
          g_clear_object (&section);
          section = g_menu_new ();
          category = info->category;
        }
      item = g_menu_item_new (_(info->label), NULL);
      g_menu_item_set_action_and_target (item, action, "s", info->id);
      g_menu_append_item (section, item);
    }
  if (section != NULL)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_clear_object (&section);
}

static gboolean
load_recent_cb (gpointer data)
{
  StrataWindow *self = data;

  self->recent_idle_id = 0;
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (strata_window_rebuild_recent), self, G_CONNECT_SWAPPED);
  strata_window_rebuild_recent (self);
  return G_SOURCE_REMOVE;
}

/* The recent files are read once the window has drawn its first frame:
 * GtkRecentManager parses the whole list that every application shares
 * (1,000 files: 4 ms) and the menu looks for each file (4 ms more), for a
 * menu nobody can open before the window shows. Scheduled from the first
 * frame's start, the idle runs once that frame is painted. */
gboolean
strata_window_first_frame_cb (GtkWidget     *widget,
                              GdkFrameClock *clock,
                              gpointer       data)
{
  StrataWindow *self = STRATA_WINDOW (widget);

  self->recent_idle_id = g_idle_add (load_recent_cb, self);
  return G_SOURCE_REMOVE;
}

/* A menu's popover makes a widget of each of its items, which the first
 * frame never shows (the four menus were 242 widgets, and 4 ms of a
 * window's start): each button is given its menu when it first opens,
 * by a click or by its shortcut. */
static void
create_menu_cb (GtkMenuButton *button,
                gpointer       data)
{
  StrataWindow *self = data;

  if (gtk_menu_button_get_popover (button) != NULL)
    return;
  if (button == self->add_menu_button)
    /* Kinds to add are many: typing part of a name finds them. */
    gtk_menu_button_set_popover (button, strata_add_popover_new ("win.add-layer"));
  else if (button == self->branch_menu_button)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->branch_menu));
  else if (button == self->primary_menu_button)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->primary_menu));
  else
    adw_split_button_set_menu_model (self->open_button, G_MENU_MODEL (self->open_menu));
}

void
strata_window_build_menus (StrataWindow *self)
{
  g_autoptr(GMenu) examples = g_menu_new ();
  const char * const *ids = strata_file_get_example_ids ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (strata_file_get_example_title (ids[i]), NULL);

      g_menu_item_set_action_and_target (item, "win.open-example", "s", ids[i]);
      g_menu_append_item (examples, item);
    }
  g_menu_append_section (self->open_menu, _("Examples"), G_MENU_MODEL (examples));

  self->recent_section = g_menu_new ();
  g_menu_append_section (self->open_menu, _("Recent Files"), G_MENU_MODEL (self->recent_section));

  /* A branch is a layer that reads one input, the selection. */
  append_kind_sections (self->branch_menu, "win.branch-layer");

  {
    GtkWidget *open_arrow = gtk_widget_get_last_child (GTK_WIDGET (self->open_button));
    GtkMenuButton *buttons[] = { self->add_menu_button, self->branch_menu_button,
                                 self->primary_menu_button, GTK_MENU_BUTTON (open_arrow) };

    for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
      gtk_menu_button_set_create_popup_func (buttons[i], create_menu_cb, self, NULL);
  }
}
