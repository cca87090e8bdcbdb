/* strata-layer-row.c: one layer in the sidebar list: kind, name, output shape and params. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-layer-row.h"
#include "strata-render.h"

struct _StrataLayerRow
{
  GtkWidget    parent_instance;

  StrataLayer *layer;
  int          position;

  GtkWidget   *box;
  GtkLabel    *position_label;
  GtkWidget   *swatch;
  /* The layer's own colour over its kind's, made when first needed. */
  GtkCssProvider *swatch_color;
  char        *swatch_css;
  /* The box of the texts, which takes the group's label over them and
   * the links' under them. */
  GtkWidget   *texts;
  /* The group's label, the links' and the error's icon, NULL until a row
   * first shows them: most rows of most networks never do. */
  GtkLabel    *group_label;
  /* The group shown, so that telling a row again what it shows costs nothing. */
  gboolean     in_group;
  char        *group_name;
  gboolean     group_first;
  GtkLabel    *name_label;
  GtkLabel    *detail_label;
  GtkLabel    *links_label;
  /* What the links say to a screen reader. */
  char        *spoken_links;
  GtkWidget   *error_image;
  GtkLabel    *params_label;
};

G_DEFINE_FINAL_TYPE (StrataLayerRow, strata_layer_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LAYER,
  PROP_POSITION,
  N_PROPS
};

enum {
  LAYER_DROPPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const category_classes[STRATA_N_LAYER_CATEGORIES] = {
  "category-input",
  "category-convolution",
  "category-pooling",
  "category-dense",
  "category-normalization",
  "category-activation",
  "category-dropout",
  "category-reshape",
  "category-merge",
  "category-other",
};

const char *
strata_layer_category_css_class (StrataLayerCategory category)
{
  g_return_val_if_fail (category < STRATA_N_LAYER_CATEGORIES, NULL);

  return category_classes[category];
}

static GtkLabel *
new_text_label (const char *first_class,
                const char *second_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, first_class);
  gtk_widget_add_css_class (label, second_class);
  return GTK_LABEL (label);
}

static void
show_error_image (StrataLayerRow *self,
                  gboolean        shown)
{
  if (self->error_image == NULL)
    {
      if (!shown)
        return;
      self->error_image = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (self->error_image, "error");
      gtk_box_insert_child_after (GTK_BOX (self->box), self->error_image, self->texts);
    }
  gtk_widget_set_visible (self->error_image, shown);
}

static void
update_swatch_color (StrataLayerRow *self)
{
  const char *color = strata_layer_get_color (self->layer);
  g_autofree char *css = NULL;

  if (color == NULL && self->swatch_color == NULL)
    return;
  css = color != NULL ? g_strdup_printf (".swatch { background-color: %s; }", color)
                      : g_strdup ("");
  if (g_strcmp0 (css, self->swatch_css) == 0)
    return;
  if (self->swatch_color == NULL)
    {
      self->swatch_color = gtk_css_provider_new ();
      gtk_style_context_add_provider (gtk_widget_get_style_context (self->swatch),
                                      GTK_STYLE_PROVIDER (self->swatch_color),
                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
    }
  gtk_css_provider_load_from_data (self->swatch_color, css, -1);
  g_free (self->swatch_css);
  self->swatch_css = g_steal_pointer (&css);
}

static void
update (StrataLayerRow *self)
{
  const StrataLayerKindInfo *info;
  const StrataShape *shape;
  const char *error;
  g_autofree char *shape_text = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *params = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *name = NULL;
  g_autofree char *kind_text = NULL;

  if (self->layer == NULL)
    return;

  info = strata_layer_get_kind_info (self->layer);
  if (strata_layer_get_params (self->layer)->op != NULL)
    kind_text = strata_render_label_text (strata_layer_get_params (self->layer)->op);
  shape = strata_layer_get_output_shape (self->layer);
  error = strata_layer_get_error (self->layer);

  for (guint i = 0; i < G_N_ELEMENTS (category_classes); i++)
    gtk_widget_remove_css_class (self->swatch, category_classes[i]);
  gtk_widget_add_css_class (self->swatch, category_classes[info->category]);
  update_swatch_color (self);

  /* The label ellipsizes, but Pango would still measure all of a long
   * name, and GTK shows nothing when the text is megabytes long. */
  name = strata_render_label_text (strata_layer_get_display_name (self->layer));
  gtk_label_set_label (self->name_label, name);

  if (error != NULL)
    {
      detail = g_strdup (error);
      gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->detail_label), "dim-label");
    }
  else
    {
      shape_text = shape != NULL ? strata_shape_to_string (shape) : g_strdup (_("no input"));
      /* Translators: a layer's kind and its output shape, e.g. "Conv · 28 × 28 × 8" */
      detail = g_strdup_printf (_("%s · %s"),
                                /* An opaque layer is known by its operation. */
                                kind_text != NULL ? kind_text : _(info->short_label),
                                shape_text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->detail_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "dim-label");
    }
  gtk_label_set_label (self->detail_label, detail);
  show_error_image (self, error != NULL);
  /* Setting a tooltip asks the display where the pointer is: a round
   * trip on X11, too slow for every row on every edit. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self)), error) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self), error);

  params = strata_format_count (strata_layer_get_params_count (self->layer));
  gtk_label_set_label (self->params_label, shape != NULL ? params : "");

  if (self->spoken_links != NULL)
    {
      g_autofree char *with_links = g_strdup_printf ("%s, %s", detail, self->spoken_links);

      g_free (detail);
      detail = g_steal_pointer (&with_links);
    }
  /* Translators: how a screen reader reads a layer row: name, details, parameter count */
  accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s, %s parameter",
                                             "%s, %s, %s parameters",
                                             strata_layer_get_params_count (self->layer)),
                                name, detail, params);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

/* Names in a row are cut as the diagram cuts them; a merge of many
 * inputs lists the first few. */
#define MAX_LINKED_NAMES 6

static void
append_name (GString    *text,
             const char *name)
{
  g_autofree char *label = strata_render_label_text (name);

  if (text->len > 0)
    g_string_append (text, ", ");
  g_string_append (text, label);
}

char *
strata_layer_describe_links (StrataNetwork  *network,
                             guint           position,
                             char          **spoken)
{
  StrataLayer *layer;
  StrataLayer *owner;
  StrataLayer *before;
  guint n;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *reads = NULL;
  g_autofree char *shares = NULL;
  g_autofree char *owner_name = NULL;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);
  g_return_val_if_fail (position < strata_network_get_n_layers (network), NULL);

  layer = strata_network_get_layer (network, position);
  owner = strata_layer_get_shares (layer);
  before = position > 0 ? strata_network_get_layer (network, position - 1) : NULL;
  n = strata_network_get_n_input_layers (network, position);

  /* Reading just the layer before, named or not, is what a list shows
   * without saying. */
  if (n > 1 || (n == 1 && strata_network_get_input_layer (network, position, 0) != before))
    {
      for (guint i = 0; i < MIN (n, MAX_LINKED_NAMES); i++)
        {
          StrataLayer *input = strata_network_get_input_layer (network, position, i);

          append_name (names, input != NULL ? strata_layer_get_display_name (input)
                                            : strata_network_get_input_name (network));
        }
      if (n > MAX_LINKED_NAMES)
        g_string_append (names, ", …");
      /* Translators: what a layer reads, e.g. "← conv1, shortcut" */
      reads = g_strdup_printf (_("← %s"), names->str);
    }
  if (owner != NULL)
    {
      owner_name = strata_render_label_text (strata_layer_get_display_name (owner));
      /* Translators: whose weights a layer uses, e.g. "shares conv_a" */
      shares = g_strdup_printf (_("shares %s"), owner_name);
    }

  if (spoken != NULL)
    {
      g_autofree char *spoken_reads = NULL;
      g_autofree char *spoken_shares = NULL;

      /* An arrow means nothing read aloud. */
      if (reads != NULL)
        /* Translators: how a screen reader says what a layer reads, e.g. "reads conv1, shortcut" */
        spoken_reads = g_strdup_printf (_("reads %s"), names->str);
      if (shares != NULL)
        /* Translators: how a screen reader says whose weights a layer uses */
        spoken_shares = g_strdup_printf (_("uses the weights of %s"), owner_name);
      if (spoken_reads != NULL && spoken_shares != NULL)
        *spoken = g_strdup_printf ("%s, %s", spoken_reads, spoken_shares);
      else
        *spoken = g_strdup (spoken_reads != NULL ? spoken_reads : spoken_shares);
    }

  if (reads != NULL && shares != NULL)
    /* Translators: what a layer reads, then whose weights it uses */
    return g_strdup_printf (_("%s · %s"), reads, shares);
  if (reads != NULL)
    return g_steal_pointer (&reads);
  return g_steal_pointer (&shares);
}

/* Takes @spoken. */
static void
set_links (StrataLayerRow *self,
           const char     *text,
           char           *spoken)
{
  gboolean visible = text != NULL;

  if (self->links_label == NULL)
    {
      if (!visible)
        {
          g_free (spoken);
          return;
        }
      self->links_label = new_text_label ("caption", "links");
      gtk_widget_add_css_class (GTK_WIDGET (self->links_label), "dim-label");
      gtk_box_append (GTK_BOX (self->texts), GTK_WIDGET (self->links_label));
    }
  if (g_strcmp0 (text, gtk_label_get_label (self->links_label)) == 0 &&
      visible == gtk_widget_get_visible (GTK_WIDGET (self->links_label)))
    {
      g_free (spoken);
      return;
    }
  gtk_label_set_label (self->links_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->links_label), visible);
  g_free (self->spoken_links);
  self->spoken_links = spoken;
  update (self);
}

void
strata_layer_row_update_links (StrataLayerRow *self,
                               StrataNetwork  *network)
{
  g_autofree char *text = NULL;
  char *spoken = NULL;
  int position;

  g_return_if_fail (STRATA_IS_LAYER_ROW (self));
  g_return_if_fail (STRATA_IS_NETWORK (network));

  position = self->layer != NULL ? strata_network_index_of (network, self->layer) : -1;
  if (position >= 0)
    text = strata_layer_describe_links (network, position, &spoken);
  set_links (self, text, spoken);
}

const char *
strata_layer_row_get_links (StrataLayerRow *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER_ROW (self), NULL);

  if (self->links_label == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->links_label)))
    return NULL;
  return gtk_label_get_label (self->links_label);
}

static void
layer_notify_cb (StrataLayerRow *self,
                 GParamSpec     *pspec,
                 StrataLayer    *layer)
{
  update (self);
}

static GdkContentProvider *
drag_prepare_cb (StrataLayerRow *self,
                 double          x,
                 double          y,
                 GtkDragSource  *source)
{
  if (self->layer == NULL)
    return NULL;
  return gdk_content_provider_new_typed (STRATA_TYPE_LAYER, self->layer);
}

static void
drag_begin_cb (StrataLayerRow *self,
               GdkDrag        *drag,
               GtkDragSource  *source)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
drop_cb (StrataLayerRow *self,
         const GValue   *value,
         double          x,
         double          y,
         GtkDropTarget  *target)
{
  StrataLayer *dragged = g_value_get_object (value);

  if (dragged == NULL || dragged == self->layer)
    return FALSE;
  g_signal_emit (self, signals[LAYER_DROPPED], 0, dragged);
  return TRUE;
}

static void
strata_layer_row_dispose (GObject *object)
{
  StrataLayerRow *self = STRATA_LAYER_ROW (object);

  strata_layer_row_set_layer (self, NULL);
  g_clear_pointer (&self->spoken_links, g_free);
  g_clear_object (&self->swatch_color);
  g_clear_pointer (&self->swatch_css, g_free);
  g_clear_pointer (&self->group_name, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_LAYER_ROW);

  G_OBJECT_CLASS (strata_layer_row_parent_class)->dispose (object);
}

static void
strata_layer_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StrataLayerRow *self = STRATA_LAYER_ROW (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      g_value_set_object (value, self->layer);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_layer_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  StrataLayerRow *self = STRATA_LAYER_ROW (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      strata_layer_row_set_layer (self, g_value_get_object (value));
      break;
    case PROP_POSITION:
      strata_layer_row_set_position (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_layer_row_class_init (StrataLayerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_layer_row_dispose;
  object_class->get_property = strata_layer_row_get_property;
  object_class->set_property = strata_layer_row_set_property;

  properties[PROP_LAYER] =
    g_param_spec_object ("layer", NULL, NULL, STRATA_TYPE_LAYER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StrataLayerRow::layer-dropped:
   * @dragged: the layer dropped on this row
   *
   * The user dropped @dragged here: it should move to this row's place.
   */
  signals[LAYER_DROPPED] =
    g_signal_new ("layer-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, STRATA_TYPE_LAYER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/ui/strata-layer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataLayerRow, box);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerRow, position_label);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerRow, texts);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, StrataLayerRow, params_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "layerrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
strata_layer_row_init (StrataLayerRow *self)
{
  GtkDragSource *source;
  GtkDropTarget *target;

  self->position = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (drag_prepare_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (drag_begin_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (STRATA_TYPE_LAYER, GDK_ACTION_MOVE);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
strata_layer_row_new (void)
{
  return g_object_new (STRATA_TYPE_LAYER_ROW, NULL);
}

StrataLayer *
strata_layer_row_get_layer (StrataLayerRow *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER_ROW (self), NULL);

  return self->layer;
}

void
strata_layer_row_set_layer (StrataLayerRow *self,
                            StrataLayer    *layer)
{
  g_return_if_fail (STRATA_IS_LAYER_ROW (self));
  g_return_if_fail (layer == NULL || STRATA_IS_LAYER (layer));

  if (self->layer == layer)
    return;

  if (self->layer != NULL)
    g_signal_handlers_disconnect_by_func (self->layer, layer_notify_cb, self);
  g_set_object (&self->layer, layer);
  /* Links are the network's to tell: none until it does. */
  set_links (self, NULL, NULL);
  if (layer != NULL)
    {
      /* Only what the row shows; every other property is the editor's. */
      static const char * const shown[] = {
        "notify::name", "notify::output-shape", "notify::params", "notify::error",
        "notify::has-shape", "notify::op", "notify::color",
      };

      for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
        g_signal_connect_object (layer, shown[i], G_CALLBACK (layer_notify_cb), self,
                                 G_CONNECT_SWAPPED);
      update (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYER]);
}

void
strata_layer_row_set_position (StrataLayerRow *self,
                               int             position)
{
  g_autofree char *text = NULL;

  g_return_if_fail (STRATA_IS_LAYER_ROW (self));

  if (self->position == position)
    return;

  self->position = position;
  if (position >= 0)
    text = g_strdup_printf ("%d", position + 1);
  gtk_label_set_label (self->position_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->position_label), position >= 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

const char *
strata_layer_row_get_detail (StrataLayerRow *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER_ROW (self), NULL);

  return gtk_label_get_label (self->detail_label);
}

void
strata_layer_row_set_group (StrataLayerRow *self,
                            gboolean        in_group,
                            const char     *name,
                            gboolean        first)
{
  gboolean ungrouped = in_group && name == NULL;
  g_autofree char *description = NULL;
  const char *label = NULL;

  g_return_if_fail (STRATA_IS_LAYER_ROW (self));

  if (in_group == self->in_group && g_strcmp0 (name, self->group_name) == 0 &&
      (!in_group || first == self->group_first))
    return;
  self->in_group = in_group;
  g_free (self->group_name);
  self->group_name = g_strdup (name);
  self->group_first = first;

  /* A band down every row of the group, its name over the first: one
   * label a row, however many layers the list has. An ungrouped run is
   * told apart, and quieter: a thin dashed band, its words dimmed. */
  if (in_group && first)
    /* Translators: over the first row of layers the user ungrouped, which
     * the drawing groups no more */
    label = ungrouped ? _("Not grouped") : name;
  if (label != NULL && self->group_label == NULL)
    {
      self->group_label = new_text_label ("caption-heading", "accent");
      gtk_box_prepend (GTK_BOX (self->texts), GTK_WIDGET (self->group_label));
    }
  if (in_group && !ungrouped)
    gtk_widget_add_css_class (GTK_WIDGET (self), "grouped");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "grouped");
  if (ungrouped)
    gtk_widget_add_css_class (GTK_WIDGET (self), "ungrouped");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "ungrouped");
  if (self->group_label != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->group_label),
                                   ungrouped ? "accent" : "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->group_label),
                                ungrouped ? "dim-label" : "accent");
      gtk_label_set_label (self->group_label, label);
      gtk_widget_set_visible (GTK_WIDGET (self->group_label), label != NULL);
    }

  /* A screen reader hears the band as words. */
  if (ungrouped)
    /* Translators: what a screen reader adds to a layer row the user ungrouped */
    description = g_strdup (_("Not grouped: the diagram groups no repeated layers here"));
  else if (in_group)
    /* Translators: what a screen reader adds to a layer row in a group the user made */
    description = g_strdup_printf (_("In the group “%s”"), name);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

void
strata_layer_row_set_in_range (StrataLayerRow *self,
                               gboolean        in_range)
{
  g_return_if_fail (STRATA_IS_LAYER_ROW (self));

  if (in_range)
    gtk_widget_add_css_class (GTK_WIDGET (self), "in-range");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "in-range");
}

const char *
strata_layer_row_get_group_label (StrataLayerRow *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER_ROW (self), NULL);

  return self->group_label != NULL && gtk_widget_get_visible (GTK_WIDGET (self->group_label))
         ? gtk_label_get_label (self->group_label) : NULL;
}
