/* strata-pair-entry.c: one field for a height and a width: "3" is 3 × 3, "3x5" is 3 × 5. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-pair-entry.h"

struct _StrataPairEntry
{
  GtkWidget  parent_instance;

  GtkWidget *entry;
  guint      height;
  guint      width;
  guint      lower;
  guint      upper;
  /* Set while the typed text is being applied: the text stays as typed
   * ("3" does not become "3 × 3" under the cursor). */
  gboolean   applying;
};

G_DEFINE_FINAL_TYPE (StrataPairEntry, strata_pair_entry, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HEIGHT,
  PROP_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "5", or "3 × 5": what the field shows of the values. */
static void
update_text (StrataPairEntry *self)
{
  g_autofree char *text = NULL;

  if (self->applying)
    return;
  if (self->height == self->width)
    text = g_strdup_printf ("%u", self->height);
  else
    text = g_strdup_printf ("%u × %u", self->height, self->width);
  if (!g_str_equal (text, gtk_editable_get_text (GTK_EDITABLE (self->entry))))
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_widget_remove_css_class (self->entry, "error");
}

static gboolean
parse_part (const char *text,
            guint       lower,
            guint       upper,
            guint      *value)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint64 number;

  if (!g_ascii_string_to_unsigned (stripped, 10, lower, upper, &number, NULL))
    return FALSE;
  *value = number;
  return TRUE;
}

/* One number, or two joined by "x", "×", "*" or ",". */
static gboolean
parse (StrataPairEntry *self,
       const char      *text,
       guint           *height,
       guint           *width)
{
  static const char * const separators[] = { "×", "x", "X", "*", "," };

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      const char *separator = strstr (text, separators[i]);
      g_autofree char *first = NULL;

      if (separator == NULL)
        continue;
      first = g_strndup (text, separator - text);
      return parse_part (first, self->lower, self->upper, height) &&
             parse_part (separator + strlen (separators[i]), self->lower, self->upper, width);
    }
  if (!parse_part (text, self->lower, self->upper, height))
    return FALSE;
  *width = *height;
  return TRUE;
}

void
strata_pair_entry_set_values (StrataPairEntry *self,
                              guint            height,
                              guint            width)
{
  g_return_if_fail (STRATA_IS_PAIR_ENTRY (self));

  height = CLAMP (height, self->lower, self->upper);
  width = CLAMP (width, self->lower, self->upper);

  g_object_freeze_notify (G_OBJECT (self));
  if (height != self->height)
    {
      self->height = height;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEIGHT]);
    }
  if (width != self->width)
    {
      self->width = width;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  update_text (self);
}

/* Applied as it is typed, as the spin buttons are; text that is not yet
 * a pair in range is marked and waits. */
static void
text_changed_cb (StrataPairEntry *self)
{
  guint height, width;

  if (self->applying)
    return;
  if (!parse (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)), &height, &width))
    {
      gtk_widget_add_css_class (self->entry, "error");
      return;
    }
  gtk_widget_remove_css_class (self->entry, "error");
  self->applying = TRUE;
  strata_pair_entry_set_values (self, height, width);
  self->applying = FALSE;
}

/* Text left unfinished shows the values again. */
static void
focus_leave_cb (StrataPairEntry *self)
{
  update_text (self);
}

/* Up and Down step both values, as a spin button steps its one. */
static gboolean
key_pressed_cb (StrataPairEntry       *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  int step;

  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    step = 1;
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    step = -1;
  else
    return GDK_EVENT_PROPAGATE;
  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return GDK_EVENT_PROPAGATE;

  strata_pair_entry_set_values (self,
                                MAX ((int) self->height + step, (int) self->lower),
                                MAX ((int) self->width + step, (int) self->lower));
  return GDK_EVENT_STOP;
}

static void
strata_pair_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StrataPairEntry *self = STRATA_PAIR_ENTRY (object);

  switch (prop_id)
    {
    case PROP_HEIGHT:
      g_value_set_uint (value, self->height);
      break;
    case PROP_WIDTH:
      g_value_set_uint (value, self->width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_pair_entry_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StrataPairEntry *self = STRATA_PAIR_ENTRY (object);

  switch (prop_id)
    {
    case PROP_HEIGHT:
      strata_pair_entry_set_values (self, g_value_get_uint (value), self->width);
      break;
    case PROP_WIDTH:
      strata_pair_entry_set_values (self, self->height, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_pair_entry_dispose (GObject *object)
{
  StrataPairEntry *self = STRATA_PAIR_ENTRY (object);

  g_clear_pointer (&self->entry, gtk_widget_unparent);

  G_OBJECT_CLASS (strata_pair_entry_parent_class)->dispose (object);
}

static gboolean
strata_pair_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (STRATA_PAIR_ENTRY (widget)->entry);
}

static void
strata_pair_entry_class_init (StrataPairEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = strata_pair_entry_get_property;
  object_class->set_property = strata_pair_entry_set_property;
  object_class->dispose = strata_pair_entry_dispose;
  widget_class->grab_focus = strata_pair_entry_grab_focus;

  properties[PROP_HEIGHT] =
    g_param_spec_uint ("height", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WIDTH] =
    g_param_spec_uint ("width", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
strata_pair_entry_init (StrataPairEntry *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->entry = gtk_entry_new ();
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
  /* As wide as "11 × 11", no wider: an entry otherwise asks for room the
   * row's title needs, which then wrapped letter by letter. */
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 6);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), 7);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_END);
  gtk_editable_set_alignment (GTK_EDITABLE (self->entry), 1);
  /* Ctrl+Z undoes the edit in the document, not the typing in the field. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->entry), FALSE);
  gtk_widget_set_tooltip_text (self->entry,
                               _("One number for a square (3), or height × width (3x5)"));
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (text_changed_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->entry, keys);
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->entry, focus);
}

GtkWidget *
strata_pair_entry_new (guint       lower,
                       guint       upper,
                       const char *label)
{
  StrataPairEntry *self = g_object_new (STRATA_TYPE_PAIR_ENTRY, NULL);

  self->lower = lower;
  self->upper = upper;
  self->height = self->width = lower;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  update_text (self);
  return GTK_WIDGET (self);
}

guint
strata_pair_entry_get_height (StrataPairEntry *self)
{
  g_return_val_if_fail (STRATA_IS_PAIR_ENTRY (self), 0);

  return self->height;
}

guint
strata_pair_entry_get_width (StrataPairEntry *self)
{
  g_return_val_if_fail (STRATA_IS_PAIR_ENTRY (self), 0);

  return self->width;
}

GtkEditable *
strata_pair_entry_get_editable (StrataPairEntry *self)
{
  g_return_val_if_fail (STRATA_IS_PAIR_ENTRY (self), NULL);

  return GTK_EDITABLE (self->entry);
}
