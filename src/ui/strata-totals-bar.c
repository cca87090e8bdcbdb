/* strata-totals-bar.c: the network's totals under the canvas, updated live. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-totals-bar.h"

struct _StrataTotalsBar
{
  GtkWidget      parent_instance;

  StrataNetwork *network;

  GtkWidget     *box;
  GtkLabel      *params_label;
  GtkLabel      *split_label;
  GtkLabel      *buffers_label;
  GtkLabel      *activations_label;
  GtkLabel      *macs_label;
  GtkLabel      *memory_label;
  GtkMenuButton *batch_button;
  /* The popover's, made when it first opens: NULL until then. */
  GtkSpinButton *batch_spin;
  GtkDropDown   *dtype_dropdown;
  GtkLabel      *estimate_label;

  guint          batch;
  StrataDType    dtype;
  char          *training_text;
};

G_DEFINE_FINAL_TYPE (StrataTotalsBar, strata_totals_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NETWORK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Only when it changes: setting a tooltip asks the display where the
 * pointer is, and the totals change on every edit. */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
update (StrataTotalsBar *self)
{
  g_autofree char *params = NULL;
  g_autofree char *trainable = NULL;
  g_autofree char *frozen = NULL;
  g_autofree char *split = NULL;
  g_autofree char *activations = NULL;
  g_autofree char *macs = NULL;
  g_autofree char *weights_size = NULL;
  g_autofree char *activations_size = NULL;
  g_autofree char *memory = NULL;
  g_autofree char *sgd = NULL;
  g_autofree char *adam = NULL;
  g_autofree char *batch_text = NULL;
  StrataMemoryEstimate estimate;
  guint batch = self->batch;
  StrataDType dtype = self->dtype;

  if (self->network == NULL)
    return;

  params = strata_format_count (strata_network_get_params (self->network));
  trainable = strata_format_count (strata_network_get_trainable_params (self->network));
  frozen = strata_format_count (strata_network_get_non_trainable_params (self->network));
  activations = strata_format_count (strata_network_get_activation_size (self->network));
  macs = strata_format_count (strata_network_get_macs (self->network));
  /* The memory of the batch and data type chosen in the popover: 1 in
   * float32 until the user asks for more. */
  strata_network_estimate_memory (self->network, batch, dtype, &estimate);
  weights_size = strata_format_bytes (estimate.weights);
  activations_size = strata_format_bytes (estimate.activations);
  sgd = strata_format_bytes (estimate.training_sgd);
  adam = strata_format_bytes (estimate.training_adam);
  /* Said only when it is not one sample in float32; the button is only
   * an arrow, so that the bar fits beside a wide sidebar. */
  if (batch > 1 || dtype != STRATA_DTYPE_FLOAT32)
    /* Translators: the memory estimate's batch size and data type, "× 32, float16" */
    batch_text = g_strdup_printf (_("× %u, %s"), batch, strata_dtype_get_id (dtype));
  g_free (self->training_text);
  /* Translators: memory to train on the batch, with each optimizer's state */
  self->training_text = g_strdup_printf (_("Training with SGD and momentum: %s\nTraining with Adam: "
                                     "%s\n(weights, gradients, optimizer state\nand every "
                                     "layer's output)"), sgd, adam);

  /* Translators: trainable and non-trainable parameter counts */
  split = g_strdup_printf (_("(%s trainable · %s non-trainable)"), trainable, frozen);
  /* Translators: memory of the weights and of the batch's activations */
  memory = g_strdup_printf (_("%s weights · %s activations"), weights_size, activations_size);
  if (batch_text != NULL)
    {
      char *both = g_strdup_printf ("%s (%s)", memory, batch_text);

      g_free (memory);
      memory = both;
    }

  gtk_label_set_label (self->params_label, params);
  gtk_label_set_label (self->split_label, split);
  /* The split says something only when some parameters are not trained. */
  gtk_widget_set_visible (GTK_WIDGET (self->split_label),
                          strata_network_get_non_trainable_params (self->network) > 0);
  /* Under PyTorch's convention, beside the parameters and not in them. */
  if (strata_network_get_buffers (self->network) > 0)
    {
      g_autofree char *count = strata_format_count (strata_network_get_buffers (self->network));
      /* Translators: PyTorch's BatchNorm statistics, shown after the parameters */
      g_autofree char *buffers = g_strdup_printf (_("+ %s buffers"), count);

      gtk_label_set_label (self->buffers_label, buffers);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->buffers_label),
                          strata_network_get_buffers (self->network) > 0);
  gtk_label_set_label (self->activations_label, activations);
  if (strata_network_get_n_macs_unknown (self->network) > 0)
    {
      guint64 n = strata_network_get_n_macs_unknown (self->network);
      g_autofree char *count = strata_format_count (n);
      g_autofree char *bound = NULL;
      g_autofree char *why = NULL;

      /* Translators: a total that leaves out what cannot be counted: "≥ 1,024" */
      bound = g_strdup_printf (_("≥ %s"), macs);
      why = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Not counting %s opaque layer, whose MACs are unknown",
                                          "Not counting %s opaque layers, whose MACs are unknown",
                                          n > G_MAXULONG ? G_MAXULONG : (gulong) n),
                             count);
      gtk_label_set_label (self->macs_label, bound);
      set_tooltip (GTK_WIDGET (self->macs_label), why);
    }
  else
    {
      gtk_label_set_label (self->macs_label, macs);
      set_tooltip (GTK_WIDGET (self->macs_label), NULL);
    }
  gtk_label_set_label (self->memory_label, memory);
  if (self->estimate_label != NULL)
    gtk_label_set_label (self->estimate_label, self->training_text);
}

static void
batch_changed_cb (StrataTotalsBar *self)
{
  self->batch = MAX (gtk_spin_button_get_value_as_int (self->batch_spin), 1);
  update (self);
}

static void
dtype_changed_cb (StrataTotalsBar *self)
{
  self->dtype = MIN (gtk_drop_down_get_selected (self->dtype_dropdown), STRATA_N_DTYPES - 1);
  update (self);
}

static GtkWidget *
grid_label (const char *text,
            GtkWidget  *mnemonic_widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), mnemonic_widget);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

/* The batch and data type of the estimate, and the memory to train, in a
 * popover of 57 widgets (a spin button, and a drop-down with a popover
 * and list of its own) that nobody sees before opening it: made then. */
static void
create_popover_cb (GtkMenuButton *button,
                   gpointer       data)
{
  StrataTotalsBar *self = data;
  const char *dtypes[STRATA_N_DTYPES + 1] = { NULL };
  GtkWidget *grid, *popover;

  if (gtk_menu_button_get_popover (button) != NULL)
    return;

  for (guint i = 0; i < STRATA_N_DTYPES; i++)
    dtypes[i] = strata_dtype_get_id (i);
  self->batch_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 1048576, 1));
  gtk_spin_button_set_increments (self->batch_spin, 1, 16);
  gtk_spin_button_set_numeric (self->batch_spin, TRUE);
  gtk_spin_button_set_value (self->batch_spin, self->batch);
  self->dtype_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (dtypes));
  gtk_drop_down_set_selected (self->dtype_dropdown, self->dtype);
  self->estimate_label = GTK_LABEL (gtk_label_new (self->training_text));
  gtk_label_set_xalign (self->estimate_label, 0);
  gtk_label_set_wrap (self->estimate_label, TRUE);
  gtk_label_set_max_width_chars (self->estimate_label, 40);
  gtk_label_set_selectable (self->estimate_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->estimate_label), "numeric");

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  gtk_grid_attach (GTK_GRID (grid), grid_label (_("_Batch size"), GTK_WIDGET (self->batch_spin)),
                   0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->batch_spin), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid),
                   grid_label (_("_Data type"), GTK_WIDGET (self->dtype_dropdown)), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->dtype_dropdown), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->estimate_label), 0, 2, 2, 1);

  /* The drop-down's button, which screen readers reach, is named as the
   * drop-down, which its label names. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->dtype_dropdown))),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->dtype_dropdown, NULL,
                                  -1);
  g_signal_connect_swapped (self->batch_spin, "value-changed", G_CALLBACK (batch_changed_cb),
                            self);
  g_signal_connect_swapped (self->dtype_dropdown, "notify::selected",
                            G_CALLBACK (dtype_changed_cb), self);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  gtk_menu_button_set_popover (button, popover);
}

static void
network_notify_cb (StrataTotalsBar *self,
                   GParamSpec      *pspec,
                   StrataNetwork   *network)
{
  update (self);
}

static void
strata_totals_bar_dispose (GObject *object)
{
  StrataTotalsBar *self = STRATA_TOTALS_BAR (object);

  strata_totals_bar_set_network (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_TOTALS_BAR);

  G_OBJECT_CLASS (strata_totals_bar_parent_class)->dispose (object);
}

static void
strata_totals_bar_finalize (GObject *object)
{
  g_free (STRATA_TOTALS_BAR (object)->training_text);

  G_OBJECT_CLASS (strata_totals_bar_parent_class)->finalize (object);
}

static void
strata_totals_bar_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StrataTotalsBar *self = STRATA_TOTALS_BAR (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_totals_bar_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StrataTotalsBar *self = STRATA_TOTALS_BAR (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      strata_totals_bar_set_network (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_totals_bar_class_init (StrataTotalsBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_totals_bar_dispose;
  object_class->finalize = strata_totals_bar_finalize;
  object_class->get_property = strata_totals_bar_get_property;
  object_class->set_property = strata_totals_bar_set_property;

  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, STRATA_TYPE_NETWORK,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/ui/strata-totals-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataTotalsBar, box);
  gtk_widget_class_bind_template_child (widget_class, StrataTotalsBar, params_label);
  gtk_widget_class_bind_template_child (widget_class, StrataTotalsBar, split_label);
  gtk_widget_class_bind_template_child (widget_class, StrataTotalsBar, buffers_label);
  gtk_widget_class_bind_template_child (widget_class, StrataTotalsBar, activations_label);
  gtk_widget_class_bind_template_child (widget_class, StrataTotalsBar, macs_label);
  gtk_widget_class_bind_template_child (widget_class, StrataTotalsBar, memory_label);
  gtk_widget_class_bind_template_child (widget_class, StrataTotalsBar, batch_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "totalsbar");
}

static void
strata_totals_bar_init (StrataTotalsBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The flow box only lays the groups out: Tab goes to the figures, not
   * to the boxes around them. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  /* Once: setting a tooltip costs a round trip to the display on X11. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->memory_label),
                               _("Memory of the weights, and of the activations of the batch "
                                 "(all layer outputs), in the data type chosen"));
  /* The menu button shows only an arrow, and is announced by the toggle
   * button inside it: both are named for the settings of its popover. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->batch_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Batch Size and Data Type"),
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->batch_button))),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->batch_button, NULL,
                                  -1);
  self->batch = 1;
  self->dtype = STRATA_DTYPE_FLOAT32;
  gtk_menu_button_set_create_popup_func (self->batch_button, create_popover_cb, self, NULL);
}

GtkWidget *
strata_totals_bar_new (void)
{
  return g_object_new (STRATA_TYPE_TOTALS_BAR, NULL);
}

StrataNetwork *
strata_totals_bar_get_network (StrataTotalsBar *self)
{
  g_return_val_if_fail (STRATA_IS_TOTALS_BAR (self), NULL);

  return self->network;
}

void
strata_totals_bar_set_network (StrataTotalsBar *self,
                               StrataNetwork   *network)
{
  g_return_if_fail (STRATA_IS_TOTALS_BAR (self));
  g_return_if_fail (network == NULL || STRATA_IS_NETWORK (network));

  if (self->network == network)
    return;

  if (self->network != NULL)
    g_signal_handlers_disconnect_by_func (self->network, network_notify_cb, self);
  g_set_object (&self->network, network);
  if (network != NULL)
    {
      /* Every total is a property of the network. */
      g_signal_connect_object (network, "notify", G_CALLBACK (network_notify_cb), self,
                               G_CONNECT_SWAPPED);
      update (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
}

void
strata_totals_bar_set_batch (StrataTotalsBar *self,
                             guint            batch,
                             StrataDType      dtype)
{
  g_return_if_fail (STRATA_IS_TOTALS_BAR (self));
  g_return_if_fail (batch >= 1);
  g_return_if_fail (dtype < STRATA_N_DTYPES);

  self->batch = batch;
  self->dtype = dtype;
  if (self->batch_spin != NULL)
    {
      gtk_spin_button_set_value (self->batch_spin, batch);
      gtk_drop_down_set_selected (self->dtype_dropdown, dtype);
    }
  update (self);
}

const char *
strata_totals_bar_get_memory_text (StrataTotalsBar *self)
{
  g_return_val_if_fail (STRATA_IS_TOTALS_BAR (self), NULL);

  return gtk_label_get_label (self->memory_label);
}

const char *
strata_totals_bar_get_training_text (StrataTotalsBar *self)
{
  g_return_val_if_fail (STRATA_IS_TOTALS_BAR (self), NULL);

  return self->training_text;
}

const char *
strata_totals_bar_get_params_text (StrataTotalsBar *self)
{
  g_return_val_if_fail (STRATA_IS_TOTALS_BAR (self), NULL);

  return gtk_label_get_label (self->params_label);
}
