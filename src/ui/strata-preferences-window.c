/* strata-preferences-window.c: the default diagram style, theme, block sizes and export page. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-preferences-window.h"

struct _StrataPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  StrataSettings       *settings;

  AdwComboRow          *style_row;
  AdwComboRow          *layout_row;
  AdwComboRow          *theme_row;
  AdwComboRow          *scale_row;
  GtkSwitch            *numbers_switch;
  AdwActionRow         *palette_row;
  AdwActionRow         *contrast_row;
  AdwComboRow          *convention_row;
  AdwComboRow          *page_row;
  GtkSwitch            *groups_switch;
  AdwActionRow         *collapse_row;
  GtkSwitch            *collapse_switch;
};

G_DEFINE_FINAL_TYPE (StrataPreferencesWindow, strata_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void
strata_preferences_window_dispose (GObject *object)
{
  StrataPreferencesWindow *self = STRATA_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (strata_preferences_window_parent_class)->dispose (object);
}

static void
strata_preferences_window_class_init (StrataPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/ui/strata-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, StrataPreferencesWindow, layout_row);
  gtk_widget_class_bind_template_child (widget_class, StrataPreferencesWindow, theme_row);
  gtk_widget_class_bind_template_child (widget_class, StrataPreferencesWindow, scale_row);
  gtk_widget_class_bind_template_child (widget_class, StrataPreferencesWindow, numbers_switch);
  gtk_widget_class_bind_template_child (widget_class, StrataPreferencesWindow, palette_row);
  gtk_widget_class_bind_template_child (widget_class, StrataPreferencesWindow, contrast_row);
  gtk_widget_class_bind_template_child (widget_class, StrataPreferencesWindow, convention_row);
  gtk_widget_class_bind_template_child (widget_class, StrataPreferencesWindow, page_row);
  gtk_widget_class_bind_template_child (widget_class, StrataPreferencesWindow, groups_switch);
  gtk_widget_class_bind_template_child (widget_class, StrataPreferencesWindow, collapse_row);
  gtk_widget_class_bind_template_child (widget_class, StrataPreferencesWindow, collapse_switch);
}

/* The page row lists the presets in their enum's order. */
static gboolean
page_to_row (GBinding     *binding,
             const GValue *from,
             GValue       *to,
             gpointer      user_data)
{
  StrataPage page;

  if (!strata_page_parse (g_value_get_string (from), &page))
    page.preset = STRATA_PAGE_NONE;
  g_value_set_uint (to, page.preset);
  return TRUE;
}

static gboolean
row_to_page (GBinding     *binding,
             const GValue *from,
             GValue       *to,
             gpointer      user_data)
{
  StrataPreferencesWindow *self = user_data;
  guint selected = g_value_get_uint (from);
  StrataPage page;

  if (selected > STRATA_PAGE_CUSTOM)
    return FALSE;
  /* Custom keeps the size last given in the export window, or starts at
   * 5 × 3 in. */
  strata_settings_get_export_page (self->settings, &page);
  if (selected != STRATA_PAGE_CUSTOM || page.preset != STRATA_PAGE_CUSTOM)
    strata_page_init (&page, selected, 5 * 72, 3 * 72);
  g_value_take_string (to, strata_page_to_string (&page));
  return TRUE;
}

static void
strata_preferences_window_init (StrataPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
strata_preferences_window_new (GtkWindow      *parent,
                               StrataSettings *settings)
{
  StrataPreferencesWindow *self;
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (STRATA_IS_SETTINGS (settings), NULL);

  self = g_object_new (STRATA_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);

  /* The rows list the values in the renderer's order; the settings
   * write each change through to GSettings at once. */
  g_object_bind_property (settings, "diagram-style", self->style_row, "selected", flags);
  g_object_bind_property (settings, "diagram-layout", self->layout_row, "selected", flags);
  g_object_bind_property (settings, "diagram-theme", self->theme_row, "selected", flags);
  g_object_bind_property (settings, "diagram-scale", self->scale_row, "selected", flags);
  g_object_bind_property (settings, "short-numbers", self->numbers_switch, "active", flags);
  g_object_bind_property (settings, "counting-convention", self->convention_row, "selected",
                          flags);
  g_object_bind_property (settings, "diagram-groups", self->groups_switch, "active", flags);
  g_object_bind_property (settings, "diagram-collapse", self->collapse_switch, "active", flags);
  /* As in the export window, runs are collapsed only where they are grouped. */
  g_object_bind_property (self->groups_switch, "active", self->collapse_row, "sensitive",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (settings, "export-page", self->page_row, "selected", flags,
                               page_to_row, row_to_page, self, NULL);

  return GTK_WIDGET (self);
}

GtkWidget *
strata_preferences_window_get_row (StrataPreferencesWindow *self,
                                   const char              *name)
{
  g_return_val_if_fail (STRATA_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "style"))
    return GTK_WIDGET (self->style_row);
  if (g_str_equal (name, "theme"))
    return GTK_WIDGET (self->theme_row);
  if (g_str_equal (name, "scale"))
    return GTK_WIDGET (self->scale_row);
  if (g_str_equal (name, "numbers"))
    return GTK_WIDGET (self->numbers_switch);
  if (g_str_equal (name, "palette"))
    return GTK_WIDGET (self->palette_row);
  if (g_str_equal (name, "contrast"))
    return GTK_WIDGET (self->contrast_row);
  if (g_str_equal (name, "convention"))
    return GTK_WIDGET (self->convention_row);
  if (g_str_equal (name, "page"))
    return GTK_WIDGET (self->page_row);
  if (g_str_equal (name, "layout"))
    return GTK_WIDGET (self->layout_row);
  if (g_str_equal (name, "groups"))
    return GTK_WIDGET (self->groups_switch);
  if (g_str_equal (name, "collapse"))
    return GTK_WIDGET (self->collapse_switch);
  return NULL;
}
