/* strata-add-popover.c: the kinds of layers to add, found by typing part of a name. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-add-popover.h"
#include "strata-layer-row.h"

struct _StrataAddPopover
{
  GtkPopover  parent_instance;

  char       *action;
  GtkWidget  *search;
  GtkWidget  *list;
  /* The search folded to compare without case; "" shows every kind. */
  char       *query;
};

G_DEFINE_FINAL_TYPE (StrataAddPopover, strata_add_popover, GTK_TYPE_POPOVER)

#define KIND_KEY "strata-kind"

static StrataLayerKind
row_kind (GtkListBoxRow *row)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), KIND_KEY));
}

static gboolean
contains_folded (const char *text,
                 const char *query)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return strstr (folded, query) != NULL;
}

/* A kind is shown when its label, short label or file id holds the
 * search: "conv" finds every convolution, "pool" every pooling. */
static gboolean
filter_cb (GtkListBoxRow *row,
           gpointer       user_data)
{
  StrataAddPopover *self = user_data;
  const StrataLayerKindInfo *info = strata_layer_kind_get_info (row_kind (row));

  return self->query[0] == '\0' ||
         contains_folded (_(info->label), self->query) ||
         contains_folded (_(info->short_label), self->query) ||
         contains_folded (info->id, self->query);
}

static GtkWidget *
make_row (StrataLayerKind kind)
{
  const StrataLayerKindInfo *info = strata_layer_kind_get_info (kind);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (_(info->label));

  gtk_widget_add_css_class (swatch, "swatch");
  gtk_widget_add_css_class (swatch, strata_layer_category_css_class (info->category));
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), KIND_KEY, GUINT_TO_POINTER (kind));
  return row;
}

/* A row for every kind, made when the list is first shown or searched:
 * the window has no need of them to show. */
static void
ensure_rows (StrataAddPopover *self)
{
  if (gtk_widget_get_first_child (self->list) != NULL)
    return;
  for (guint kind = 0; kind < STRATA_N_LAYER_KINDS; kind++)
    gtk_list_box_append (GTK_LIST_BOX (self->list), make_row (kind));
}

static GtkListBoxRow *
first_shown (StrataAddPopover *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (filter_cb (GTK_LIST_BOX_ROW (child), self))
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

static void
choose (StrataAddPopover *self,
        StrataLayerKind   kind)
{
  GtkWidget *widget = GTK_WIDGET (self);

  /* Closed first: the new layer's editor then takes the focus. */
  gtk_popover_popdown (GTK_POPOVER (self));
  gtk_widget_activate_action (widget, self->action, "s", strata_layer_kind_get_info (kind)->id);
}

static void
search_changed_cb (StrataAddPopover *self)
{
  GtkListBoxRow *first;

  ensure_rows (self);
  g_free (self->query);
  self->query = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search)), -1);
  g_strstrip (self->query);
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));

  /* The kind Enter adds shows as selected while the search has the focus. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_unset_state_flags (child, GTK_STATE_FLAG_SELECTED);
  first = first_shown (self);
  if (first != NULL && self->query[0] != '\0')
    gtk_widget_set_state_flags (GTK_WIDGET (first), GTK_STATE_FLAG_SELECTED, FALSE);
}

/* Enter adds the first kind found. */
static void
search_activate_cb (StrataAddPopover *self)
{
  GtkListBoxRow *row = first_shown (self);

  if (row != NULL)
    choose (self, row_kind (row));
}

/* Down goes from the search to the kinds found, to choose another. */
static gboolean
search_key_cb (StrataAddPopover      *self,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;
  row = first_shown (self);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  return GDK_EVENT_STOP;
}

static void
row_activated_cb (StrataAddPopover *self,
                  GtkListBoxRow    *row)
{
  choose (self, row_kind (row));
}

/* A new search each time, typed at once. */
static void
show_cb (StrataAddPopover *self)
{
  ensure_rows (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  gtk_widget_grab_focus (self->search);
}

static void
strata_add_popover_finalize (GObject *object)
{
  StrataAddPopover *self = STRATA_ADD_POPOVER (object);

  g_free (self->action);
  g_free (self->query);

  G_OBJECT_CLASS (strata_add_popover_parent_class)->finalize (object);
}

static void
strata_add_popover_class_init (StrataAddPopoverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_add_popover_finalize;
}

static void
strata_add_popover_init (StrataAddPopover *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->query = g_strdup ("");

  self->search = gtk_search_entry_new ();
  /* Translators: the placeholder of the search among layer kinds */
  g_object_set (self->search, "placeholder-text", _("Search Layer Kinds"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search layer kinds"),
                                  -1);
  /* At each key, not after the search's pause: the list is short, and
   * Enter typed fast after the name must add what it names. */
  g_signal_connect_object (self->search, "changed", G_CALLBACK (search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* Escape closes, as in any menu. */
  g_signal_connect_object (self->search, "stop-search", G_CALLBACK (gtk_popover_popdown), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "activate", G_CALLBACK (search_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->search, keys);
  gtk_box_append (GTK_BOX (box), self->search);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->list), filter_cb, self, NULL);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Layer kinds"),
                                  -1);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_box_append (GTK_BOX (box), scrolled);

  gtk_popover_set_child (GTK_POPOVER (self), box);
  g_signal_connect (self, "show", G_CALLBACK (show_cb), NULL);
}

GtkWidget *
strata_add_popover_new (const char *action)
{
  StrataAddPopover *self = g_object_new (STRATA_TYPE_ADD_POPOVER, NULL);

  self->action = g_strdup (action);
  return GTK_WIDGET (self);
}

GtkEditable *
strata_add_popover_get_search (StrataAddPopover *self)
{
  g_return_val_if_fail (STRATA_IS_ADD_POPOVER (self), NULL);

  return GTK_EDITABLE (self->search);
}

guint
strata_add_popover_get_n_shown (StrataAddPopover *self,
                                StrataLayerKind  *first)
{
  guint n = 0;

  g_return_val_if_fail (STRATA_IS_ADD_POPOVER (self), 0);

  ensure_rows (self);
  for (GtkWidget *child = gtk_widget_get_first_child (self->list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (filter_cb (GTK_LIST_BOX_ROW (child), self))
      {
        if (n++ == 0 && first != NULL)
          *first = row_kind (GTK_LIST_BOX_ROW (child));
      }
  return n;
}
