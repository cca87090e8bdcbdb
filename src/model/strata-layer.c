/* strata-layer.c: one layer of a network: its kind, name, hyper-parameters and links. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-layer-fields-private.h"
#include "strata-layer-private.h"

G_DEFINE_FINAL_TYPE (StrataLayer, strata_layer, G_TYPE_OBJECT)


/* The unsigned hyper-parameters, counts and the indices of choices,
 * installed as properties from PROP_FIRST_COUNT on, each stored at an
 * offset in StrataLayerParams. */
typedef struct
{
  const char *name;
  gsize       offset;
  guint       minimum;
  guint       maximum;
} CountProperty;

#define COUNT(n, field, min) { n, G_STRUCT_OFFSET (StrataLayerParams, field), min, G_MAXUINT32 }
#define CHOICE(n, field, n_choices) \
  { n, G_STRUCT_OFFSET (StrataLayerParams, field), 0, (n_choices) - 1 }
static const CountProperty count_properties[] = {
  COUNT ("filters", filters, 1),
  COUNT ("kernel-height", kernel.height, 1),
  COUNT ("kernel-width", kernel.width, 1),
  COUNT ("stride-height", stride.height, 1),
  COUNT ("stride-width", stride.width, 1),
  COUNT ("padding-height", padding.height, 0),
  COUNT ("padding-width", padding.width, 0),
  COUNT ("output-padding-height", output_padding.height, 0),
  COUNT ("output-padding-width", output_padding.width, 0),
  COUNT ("dilation-height", dilation.height, 1),
  COUNT ("dilation-width", dilation.width, 1),
  COUNT ("groups", groups, 1),
  COUNT ("depth-multiplier", depth_multiplier, 1),
  COUNT ("pool-height", pool.height, 1),
  COUNT ("pool-width", pool.width, 1),
  COUNT ("output-height", output.height, 1),
  COUNT ("output-width", output.width, 1),
  COUNT ("units", units, 1),
  COUNT ("size-height", size.height, 1),
  COUNT ("size-width", size.width, 1),
  CHOICE ("interpolation", interpolation, STRATA_N_INTERPOLATIONS),
  CHOICE ("axis", axis, STRATA_N_AXES),
  COUNT ("padding-top", zero_padding.top, 0),
  COUNT ("padding-bottom", zero_padding.bottom, 0),
  COUNT ("padding-left", zero_padding.left, 0),
  COUNT ("padding-right", zero_padding.right, 0),
  COUNT ("cropping-top", cropping.top, 0),
  COUNT ("cropping-bottom", cropping.bottom, 0),
  COUNT ("cropping-left", cropping.left, 0),
  COUNT ("cropping-right", cropping.right, 0),
  COUNT ("target-height", target.height, 1),
  COUNT ("target-width", target.width, 1),
  COUNT ("target-channels", target.channels, 1),
  COUNT ("height", height, 1),
  COUNT ("width", width, 1),
  COUNT ("channels", channels, 1),
};
#undef COUNT
#undef CHOICE

#define N_COUNTS G_N_ELEMENTS (count_properties)
#define N_PROPS (PROP_FIRST_COUNT + N_COUNTS)

GParamSpec *strata_layer_properties[N_PROPS];

enum {
  CHANGED,
  RENAMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint *
count_field (StrataLayerParams *params,
             guint              index)
{
  return G_STRUCT_MEMBER_P (params, count_properties[index].offset);
}

/* Whether a file could hold @params: anything a layer keeps must save
 * and load again. */
static gboolean
params_are_valid (const StrataLayerParams *params)
{
  for (guint i = 0; i < N_COUNTS; i++)
    {
      guint value = *count_field ((StrataLayerParams *) params, i);

      if (value < count_properties[i].minimum || value > count_properties[i].maximum)
        return FALSE;
    }
  return params->rate >= 0.0 && params->rate < 1.0 &&
         params->activation < STRATA_N_ACTIVATIONS &&
         params->padding_mode <= STRATA_PADDING_EXPLICIT &&
         strata_text_is_valid (params->op) &&
         params->trainable_weights <= STRATA_WEIGHTS_MAX &&
         params->non_trainable_weights <= STRATA_WEIGHTS_MAX;
}

/* Layers a finalized layer held, released one at a time: a chain of
 * 100,000 layers each holding the one before would otherwise finalize
 * recursively, 100,000 frames deep. */
static _Thread_local GPtrArray *releasing;

static void
release_later (gpointer layer)
{
  gboolean outermost = releasing == NULL;

  if (layer == NULL)
    return;
  if (outermost)
    releasing = g_ptr_array_new ();
  g_ptr_array_add (releasing, layer);
  if (!outermost)
    return;
  while (releasing->len > 0)
    g_object_unref (g_ptr_array_steal_index_fast (releasing, releasing->len - 1));
  g_clear_pointer (&releasing, g_ptr_array_unref);
}

static void
strata_layer_finalize (GObject *object)
{
  StrataLayer *self = STRATA_LAYER (object);

  for (guint i = 0; i < self->n_inputs; i++)
    release_later (self->inputs[i]);
  g_free (self->inputs);
  release_later (g_steal_pointer (&self->shares));
  if (self->input_shapes != self->few_input_shapes)
    g_free (self->input_shapes);
  g_free (self->name);
  g_free (self->caption);
  g_free (self->color);
  strata_layer_result_clear (&self->result);

  G_OBJECT_CLASS (strata_layer_parent_class)->finalize (object);
}

static void
strata_layer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StrataLayer *self = STRATA_LAYER (object);

  if (prop_id >= PROP_FIRST_COUNT && prop_id < N_PROPS)
    {
      g_value_set_uint (value, *count_field (&self->params, prop_id - PROP_FIRST_COUNT));
      return;
    }

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CAPTION:
      g_value_set_string (value, self->caption);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_PADDING:
      g_value_set_enum (value, self->params.padding_mode);
      break;
    case PROP_BIAS:
      g_value_set_boolean (value, self->params.bias);
      break;
    case PROP_ACTIVATION:
      g_value_set_enum (value, self->params.activation);
      break;
    case PROP_CEIL_MODE:
      g_value_set_boolean (value, self->params.ceil_mode);
      break;
    case PROP_RATE:
      g_value_set_double (value, self->params.rate);
      break;
    case PROP_TARGET_VECTOR:
      g_value_set_boolean (value, self->params.target.is_vector);
      break;
    case PROP_OP:
      g_value_set_static_string (value, self->params.op);
      break;
    case PROP_TRAINABLE_WEIGHTS:
      g_value_set_uint64 (value, self->params.trainable_weights);
      break;
    case PROP_NON_TRAINABLE_WEIGHTS:
      g_value_set_uint64 (value, self->params.non_trainable_weights);
      break;
    case PROP_HAS_SHAPE:
      g_value_set_boolean (value, self->has_shape);
      break;
    case PROP_OUTPUT_SHAPE:
      g_value_set_boxed (value, strata_layer_get_output_shape (self));
      break;
    case PROP_ACTIVATION_SIZE:
      g_value_set_uint64 (value, self->activation_size);
      break;
    case PROP_PARAMS:
      g_value_set_uint64 (value, self->result.params);
      break;
    case PROP_TRAINABLE_PARAMS:
      g_value_set_uint64 (value, self->result.trainable_params);
      break;
    case PROP_NON_TRAINABLE_PARAMS:
      g_value_set_uint64 (value, self->result.non_trainable_params);
      break;
    case PROP_MACS:
      g_value_set_uint64 (value, self->result.macs);
      break;
    case PROP_FORMULA:
      g_value_set_string (value, strata_layer_get_formula (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->result.error);
      break;
    case PROP_RECEPTIVE_FIELD:
      g_value_set_pointer (value, &self->field);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_layer_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  StrataLayer *self = STRATA_LAYER (object);
  StrataLayerParams params = self->params;

  if (prop_id >= PROP_FIRST_COUNT && prop_id < N_PROPS)
    {
      *count_field (&params, prop_id - PROP_FIRST_COUNT) = g_value_get_uint (value);
      strata_layer_set_params (self, &params);
      return;
    }

  switch (prop_id)
    {
    case PROP_NAME:
      strata_layer_set_name (self, g_value_get_string (value));
      break;
    case PROP_CAPTION:
      strata_layer_set_caption (self, g_value_get_string (value));
      break;
    case PROP_COLOR:
      strata_layer_set_color (self, g_value_get_string (value));
      break;
    case PROP_PADDING:
      params.padding_mode = g_value_get_enum (value);
      strata_layer_set_params (self, &params);
      break;
    case PROP_BIAS:
      params.bias = g_value_get_boolean (value);
      strata_layer_set_params (self, &params);
      break;
    case PROP_ACTIVATION:
      params.activation = g_value_get_enum (value);
      strata_layer_set_params (self, &params);
      break;
    case PROP_CEIL_MODE:
      params.ceil_mode = g_value_get_boolean (value);
      strata_layer_set_params (self, &params);
      break;
    case PROP_RATE:
      params.rate = g_value_get_double (value);
      strata_layer_set_params (self, &params);
      break;
    case PROP_TARGET_VECTOR:
      params.target.is_vector = g_value_get_boolean (value);
      strata_layer_set_params (self, &params);
      break;
    case PROP_OP:
      g_return_if_fail (g_value_get_string (value) == NULL ||
                        g_utf8_validate (g_value_get_string (value), -1, NULL));
      params.op = strata_text_intern (g_value_get_string (value));
      strata_layer_set_params (self, &params);
      break;
    case PROP_TRAINABLE_WEIGHTS:
      params.trainable_weights = g_value_get_uint64 (value);
      strata_layer_set_params (self, &params);
      break;
    case PROP_NON_TRAINABLE_WEIGHTS:
      params.non_trainable_weights = g_value_get_uint64 (value);
      strata_layer_set_params (self, &params);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_layer_class_init (StrataLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = strata_layer_finalize;
  object_class->get_property = strata_layer_get_property;
  object_class->set_property = strata_layer_set_property;

  /* Read-only, set by strata_layer_new(): a property set at construction
   * made GObject set it from a GValue, a fifth of the time of reading a
   * layer from a file. */
  strata_layer_properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, STRATA_TYPE_LAYER_KIND, STRATA_LAYER_KIND_CONV2D, ro);
  strata_layer_properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  strata_layer_properties[PROP_CAPTION] = g_param_spec_string ("caption", NULL, NULL, NULL, rw);
  strata_layer_properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, rw);
  strata_layer_properties[PROP_PADDING] =
    g_param_spec_enum ("padding", NULL, NULL, STRATA_TYPE_PADDING, STRATA_PADDING_VALID, rw);
  strata_layer_properties[PROP_BIAS] = g_param_spec_boolean ("bias", NULL, NULL, TRUE, rw);
  strata_layer_properties[PROP_ACTIVATION] =
    g_param_spec_enum ("activation", NULL, NULL, STRATA_TYPE_ACTIVATION,
                       STRATA_ACTIVATION_NONE, rw);
  strata_layer_properties[PROP_CEIL_MODE] = g_param_spec_boolean ("ceil-mode", NULL, NULL, FALSE, rw);
  strata_layer_properties[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, 0.0,
                                              /* files hold rates below 1 */
                                              nextafter (1.0, 0.0), 0.5, rw);
  strata_layer_properties[PROP_TARGET_VECTOR] = g_param_spec_boolean ("target-vector", NULL, NULL, FALSE, rw);
  /* Longer texts are cut, as names are. */
  strata_layer_properties[PROP_OP] = g_param_spec_string ("op", NULL, NULL, NULL, rw);
  strata_layer_properties[PROP_TRAINABLE_WEIGHTS] =
    g_param_spec_uint64 ("trainable-weights", NULL, NULL, 0, STRATA_WEIGHTS_MAX, 0, rw);
  strata_layer_properties[PROP_NON_TRAINABLE_WEIGHTS] =
    g_param_spec_uint64 ("non-trainable-weights", NULL, NULL, 0, STRATA_WEIGHTS_MAX, 0, rw);

  strata_layer_properties[PROP_HAS_SHAPE] = g_param_spec_boolean ("has-shape", NULL, NULL, FALSE, ro);
  strata_layer_properties[PROP_OUTPUT_SHAPE] =
    g_param_spec_boxed ("output-shape", NULL, NULL, STRATA_TYPE_SHAPE, ro);
  strata_layer_properties[PROP_ACTIVATION_SIZE] =
    g_param_spec_uint64 ("activation-size", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  strata_layer_properties[PROP_PARAMS] = g_param_spec_uint64 ("params", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  strata_layer_properties[PROP_TRAINABLE_PARAMS] =
    g_param_spec_uint64 ("trainable-params", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  strata_layer_properties[PROP_NON_TRAINABLE_PARAMS] =
    g_param_spec_uint64 ("non-trainable-params", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  strata_layer_properties[PROP_MACS] = g_param_spec_uint64 ("macs", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  strata_layer_properties[PROP_FORMULA] = g_param_spec_string ("formula", NULL, NULL, NULL, ro);
  strata_layer_properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  /* Notified after the network has computed it, which it does after the
   * rest: a StrataReceptiveField owned by the layer. */
  strata_layer_properties[PROP_RECEPTIVE_FIELD] =
    g_param_spec_pointer ("receptive-field", NULL, NULL, ro);

  for (guint i = 0; i < N_COUNTS; i++)
    strata_layer_properties[PROP_FIRST_COUNT + i] =
      g_param_spec_uint (count_properties[i].name, NULL, NULL, count_properties[i].minimum,
                         count_properties[i].maximum, count_properties[i].minimum, rw);

  g_object_class_install_properties (object_class, N_PROPS, strata_layer_properties);

  /**
   * StrataLayer::changed:
   *
   * A hyper-parameter changed; the network holding the layer has
   * recomputed it and the layers after it.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * StrataLayer::renamed:
   *
   * The name, caption or colour changed, after its notification. It is
   * for the network, which
   * watches every layer: a handler of notify::name on each would cost
   * every notification of each layer a signal emission, where GLib skips
   * the emission of a notification nobody listens to.
   */
  signals[RENAMED] =
    g_signal_new ("renamed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
strata_layer_init (StrataLayer *self)
{
  self->input_shapes = self->few_input_shapes;
}

StrataLayer *
strata_layer_new (StrataLayerKind kind)
{
  StrataLayer *self;

  g_return_val_if_fail (kind < STRATA_N_LAYER_KINDS, NULL);

  self = g_object_new (STRATA_TYPE_LAYER, NULL);
  self->kind = kind;
  strata_layer_kind_init_params (kind, &self->params);
  return self;
}

StrataLayer *
strata_layer_new_full (StrataLayerKind          kind,
                       const char              *name,
                       const StrataLayerParams *params)
{
  StrataLayer *self;

  g_return_val_if_fail (kind < STRATA_N_LAYER_KINDS, NULL);
  g_return_val_if_fail (name == NULL || g_utf8_validate (name, -1, NULL), NULL);
  g_return_val_if_fail (params != NULL && params_are_valid (params), NULL);

  self = strata_layer_new (kind);
  self->name = strata_name_dup (name != NULL && *name != '\0' ? name : NULL);
  self->params = *params;
  return self;
}

StrataLayer *
strata_layer_copy (StrataLayer *self)
{
  StrataLayer *copy;

  g_return_val_if_fail (STRATA_IS_LAYER (self), NULL);

  copy = strata_layer_new (self->kind);
  copy->name = g_strdup (self->name);
  copy->caption = g_strdup (self->caption);
  copy->color = g_strdup (self->color);
  copy->params = self->params;
  return copy;
}

StrataLayer *
strata_layer_copy_as_kind (StrataLayer     *self,
                           StrataLayerKind  kind)
{
  StrataLayer *copy;
  guint n_inputs;

  g_return_val_if_fail (STRATA_IS_LAYER (self), NULL);
  g_return_val_if_fail (kind < STRATA_N_LAYER_KINDS, NULL);

  copy = strata_layer_new (kind);
  copy->name = g_strdup (self->name);
  copy->caption = g_strdup (self->caption);
  copy->color = g_strdup (self->color);
  strata_layer_kind_carry_params (self->kind, &self->params, kind, &copy->params);

  /* A merge changed into a convolution reads its first input; one input
   * changed into a merge waits for the others it needs. */
  n_inputs = MIN (self->n_inputs, strata_layer_kind_get_info (kind)->max_inputs);
  strata_layer_replace_inputs (copy, self->inputs, n_inputs);
  /* Weights are shared only with a layer of the same kind. */
  if (kind == self->kind)
    strata_layer_replace_shares (copy, self->shares);
  return copy;
}

StrataLayerKind
strata_layer_get_kind (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), STRATA_LAYER_KIND_CONV2D);

  return self->kind;
}

const StrataLayerKindInfo *
strata_layer_get_kind_info (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), NULL);

  return strata_layer_kind_get_info (self->kind);
}

const char *
strata_layer_get_name (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), NULL);

  return self->name;
}

char *
strata_name_dup (const char *name)
{
  const char *end;

  if (name == NULL)
    return NULL;
  /* Bounded so a name pasted by mistake cannot make drawing, saving or
   * reading a network take minutes. */
  end = name;
  for (guint i = 0; i < STRATA_NAME_MAX_CHARS && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  return g_strndup (name, end - name);
}

/* The name, caption or colour changed: what the drawing says of the
 * layer. The network hears it first, then whoever watches the layer. */
static void
labels_changed (StrataLayer *self)
{
  if (self->network != NULL)
    strata_network_layer_renamed (self->network);
  g_signal_emit (self, signals[RENAMED], 0);
}

void
strata_layer_set_name (StrataLayer *self,
                       const char  *name)
{
  g_autofree char *bounded = NULL;

  g_return_if_fail (STRATA_IS_LAYER (self));
  g_return_if_fail (name == NULL || g_utf8_validate (name, -1, NULL));

  if (name != NULL && *name == '\0')
    name = NULL;
  bounded = strata_name_dup (name);
  if (g_strcmp0 (self->name, bounded) == 0)
    return;
  g_free (self->name);
  self->name = g_steal_pointer (&bounded);
  g_object_notify_by_pspec (G_OBJECT (self), strata_layer_properties[PROP_NAME]);
  labels_changed (self);
}

const char *
strata_layer_get_caption (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), NULL);

  return self->caption;
}

void
strata_layer_set_caption (StrataLayer *self,
                          const char  *caption)
{
  g_autofree char *bounded = NULL;

  g_return_if_fail (STRATA_IS_LAYER (self));
  g_return_if_fail (caption == NULL || g_utf8_validate (caption, -1, NULL));

  if (caption != NULL && *caption == '\0')
    caption = NULL;
  bounded = strata_name_dup (caption);
  if (g_strcmp0 (self->caption, bounded) == 0)
    return;
  g_free (self->caption);
  self->caption = g_steal_pointer (&bounded);
  g_object_notify_by_pspec (G_OBJECT (self), strata_layer_properties[PROP_CAPTION]);
  labels_changed (self);
}

gboolean
strata_color_parse (const char *text,
                    guint8      rgb[3])
{
  guint8 value[3];
  gsize n;

  if (text == NULL || text[0] != '#')
    return FALSE;
  n = strlen (text + 1);
  if (n != 6 && n != 3)
    return FALSE;
  for (gsize i = 1; i <= n; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  for (guint c = 0; c < 3; c++)
    {
      if (n == 6)
        value[c] = g_ascii_xdigit_value (text[1 + 2 * c]) * 16 +
                   g_ascii_xdigit_value (text[2 + 2 * c]);
      else
        value[c] = g_ascii_xdigit_value (text[1 + c]) * 17;
    }
  if (rgb != NULL)
    memcpy (rgb, value, sizeof value);
  return TRUE;
}

const char *
strata_layer_get_color (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), NULL);

  return self->color;
}

void
strata_layer_set_color (StrataLayer *self,
                        const char  *color)
{
  g_autofree char *canonical = NULL;
  guint8 rgb[3];

  g_return_if_fail (STRATA_IS_LAYER (self));
  g_return_if_fail (color == NULL || strata_color_parse (color, rgb));

  /* One spelling per colour, so that files and undo compare them as text. */
  if (color != NULL)
    canonical = g_strdup_printf ("#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  if (g_strcmp0 (self->color, canonical) == 0)
    return;
  g_free (self->color);
  self->color = g_steal_pointer (&canonical);
  g_object_notify_by_pspec (G_OBJECT (self), strata_layer_properties[PROP_COLOR]);
  labels_changed (self);
}

const char *
strata_layer_get_display_name (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), NULL);

  if (self->name != NULL)
    return self->name;
  return _(strata_layer_kind_get_info (self->kind)->label);
}

guint
strata_layer_get_n_inputs (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), 0);

  return self->n_inputs;
}

StrataLayer *
strata_layer_get_input (StrataLayer *self,
                        guint        index)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), NULL);
  g_return_val_if_fail (index < self->n_inputs, NULL);

  return self->inputs[index];
}

void
strata_layer_set_inputs (StrataLayer  *self,
                         StrataLayer **inputs,
                         guint         n_inputs)
{
  g_return_if_fail (STRATA_IS_LAYER (self));
  g_return_if_fail (self->network == NULL);

  strata_layer_replace_inputs (self, inputs, n_inputs);
}

void
strata_layer_replace_inputs (StrataLayer  *self,
                             StrataLayer **inputs,
                             guint         n_inputs)
{
  g_autofree StrataLayer **old = NULL;
  guint n_old;

  for (guint i = 0; i < n_inputs; i++)
    g_return_if_fail (inputs[i] == NULL || (STRATA_IS_LAYER (inputs[i]) && inputs[i] != self));

  /* The old array goes last: @inputs may point into it. */
  old = g_steal_pointer (&self->inputs);
  n_old = self->n_inputs;
  self->inputs = n_inputs > 0 ? g_new (StrataLayer *, n_inputs) : NULL;
  self->n_inputs = n_inputs;
  for (guint i = 0; i < n_inputs; i++)
    self->inputs[i] = inputs[i] != NULL ? g_object_ref (inputs[i]) : NULL;
  for (guint i = 0; i < n_old; i++)
    release_later (old[i]);
}

StrataLayer *
strata_layer_get_shares (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), NULL);

  return self->shares;
}

void
strata_layer_set_shares (StrataLayer *self,
                         StrataLayer *owner)
{
  g_return_if_fail (STRATA_IS_LAYER (self));
  g_return_if_fail (owner == NULL || (STRATA_IS_LAYER (owner) && owner != self));
  g_return_if_fail (self->network == NULL);

  strata_layer_replace_shares (self, owner);
}

void
strata_layer_replace_shares (StrataLayer *self,
                             StrataLayer *owner)
{
  StrataLayer *old;

  strata_layer_keep_formula (self);
  old = g_steal_pointer (&self->shares);
  self->shares = owner != NULL ? g_object_ref (owner) : NULL;
  release_later (old);
}

gpointer
strata_layer_get_network_data (StrataLayer *self)
{
  return self->network;
}

void
strata_layer_set_network_data (StrataLayer *self,
                               gpointer     data)
{
  self->network = data;
}

const StrataLayerParams *
strata_layer_get_params (StrataLayer *self)
{
  g_return_val_if_fail (STRATA_IS_LAYER (self), NULL);

  return &self->params;
}

void
strata_layer_set_params (StrataLayer             *self,
                         const StrataLayerParams *params)
{
  StrataLayerParams old;
  gboolean changed = FALSE;

  g_return_if_fail (STRATA_IS_LAYER (self));
  g_return_if_fail (params != NULL);
  g_return_if_fail (params_are_valid (params));

  strata_layer_keep_formula (self);
  old = self->params;
  self->params = *params;

  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 0; i < N_COUNTS; i++)
    {
      if (*count_field (&old, i) != *count_field (&self->params, i))
        {
          g_object_notify_by_pspec (G_OBJECT (self), strata_layer_properties[PROP_FIRST_COUNT + i]);
          changed = TRUE;
        }
    }

#define CHECK(field, prop) \
  if (old.field != self->params.field) \
    { \
      g_object_notify_by_pspec (G_OBJECT (self), strata_layer_properties[prop]); \
      changed = TRUE; \
    }
  CHECK (padding_mode, PROP_PADDING)
  CHECK (bias, PROP_BIAS)
  CHECK (activation, PROP_ACTIVATION)
  CHECK (ceil_mode, PROP_CEIL_MODE)
  CHECK (rate, PROP_RATE)
  CHECK (target.is_vector, PROP_TARGET_VECTOR)
  /* Interned: equal texts are the same pointer. */
  CHECK (op, PROP_OP)
  CHECK (trainable_weights, PROP_TRAINABLE_WEIGHTS)
  CHECK (non_trainable_weights, PROP_NON_TRAINABLE_WEIGHTS)
#undef CHECK

  if (changed && self->network != NULL)
    strata_network_layer_changed (self->network);
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);

  g_object_thaw_notify (G_OBJECT (self));
}
