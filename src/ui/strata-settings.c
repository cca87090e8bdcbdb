/* strata-settings.c: what Strata remembers: window state and the default diagram options. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "strata-settings.h"


struct _StrataSettings
{
  GObject             parent_instance;

  /* NULL when the schema is not installed (an uninstalled build run
   * directly): the values below are then this run's only copy. */
  GSettings          *settings;

  int                 window_width;
  int                 window_height;
  gboolean            window_maximized;
  int                 sidebar_width;
  gboolean            sidebar_visible;
  /* StrataDiagramStyle, StrataTheme and StrataScaleMode values. */
  int                 diagram_style;
  int                 diagram_theme;
  int                 diagram_scale;
  gboolean            short_numbers;
  int                 image_dpi;
  /* A StrataConvention. */
  int                 counting_convention;
  gboolean            diagram_groups;
  gboolean            diagram_collapse;
  int                 diagram_layout;
  char               *export_page;  /* as strata_page_parse() reads it */
  GVariant           *export_choices; /* a{sv} */
};

G_DEFINE_FINAL_TYPE (StrataSettings, strata_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WINDOW_WIDTH,
  PROP_WINDOW_HEIGHT,
  PROP_WINDOW_MAXIMIZED,
  PROP_SIDEBAR_WIDTH,
  PROP_SIDEBAR_VISIBLE,
  PROP_DIAGRAM_STYLE,
  PROP_DIAGRAM_THEME,
  PROP_DIAGRAM_SCALE,
  PROP_SHORT_NUMBERS,
  PROP_IMAGE_DPI,
  PROP_COUNTING_CONVENTION,
  PROP_DIAGRAM_GROUPS,
  PROP_DIAGRAM_COLLAPSE,
  PROP_DIAGRAM_LAYOUT,
  PROP_EXPORT_PAGE,
  PROP_EXPORT_CHOICES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Enum keys hold nicks ("blocks"); the properties hold the renderer's values. */
static gboolean
enum_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);
  gboolean found = FALSE;

  switch (GPOINTER_TO_INT (user_data))
    {
    case PROP_DIAGRAM_STYLE:
      {
        StrataDiagramStyle style;

        if ((found = strata_diagram_style_from_string (nick, &style)))
          g_value_set_int (value, style);
      }
      break;
    case PROP_DIAGRAM_THEME:
      {
        StrataTheme theme;

        if ((found = strata_theme_from_string (nick, &theme)))
          g_value_set_int (value, theme);
      }
      break;
    case PROP_DIAGRAM_SCALE:
      {
        StrataScaleMode scale;

        if ((found = strata_scale_mode_from_string (nick, &scale)))
          g_value_set_int (value, scale);
      }
      break;
    case PROP_COUNTING_CONVENTION:
      {
        StrataConvention convention;

        if ((found = strata_convention_from_id (nick, &convention)))
          g_value_set_int (value, convention);
      }
      break;
    case PROP_DIAGRAM_LAYOUT:
      {
        StrataArrangement arrangement;

        if ((found = strata_arrangement_from_string (nick, &arrangement)))
          g_value_set_int (value, arrangement);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return found;
}

static GVariant *
enum_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  int v = g_value_get_int (value);

  switch (GPOINTER_TO_INT (user_data))
    {
    case PROP_DIAGRAM_STYLE:
      return g_variant_new_string (strata_diagram_style_to_string (v));
    case PROP_DIAGRAM_THEME:
      return g_variant_new_string (strata_theme_to_string (v));
    case PROP_DIAGRAM_SCALE:
      return g_variant_new_string (strata_scale_mode_to_string (v));
    case PROP_COUNTING_CONVENTION:
      return g_variant_new_string (v == STRATA_CONVENTION_PYTORCH ? "pytorch" : "keras");
    case PROP_DIAGRAM_LAYOUT:
      return g_variant_new_string (strata_arrangement_to_string (v));
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/* GSettings maps no GVariant property of its own accord. */
static gboolean
variant_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_set_variant (value, variant);
  return TRUE;
}

static GVariant *
variant_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  return g_value_dup_variant (value);
}

static void
set_int (StrataSettings *self,
         int            *field,
         int             value,
         guint           prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
strata_settings_dispose (GObject *object)
{
  StrataSettings *self = STRATA_SETTINGS (object);

  if (self->settings != NULL)
    g_settings_unbind (self, NULL);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (strata_settings_parent_class)->dispose (object);
}

static void
strata_settings_finalize (GObject *object)
{
  StrataSettings *self = STRATA_SETTINGS (object);

  g_free (self->export_page);
  g_variant_unref (self->export_choices);

  G_OBJECT_CLASS (strata_settings_parent_class)->finalize (object);
}

static void
set_export_page_text (StrataSettings *self,
                      const char     *text)
{
  StrataPage page;

  /* A value edited by hand into nonsense reads as no page. */
  if (!strata_page_parse (text, &page))
    text = "none";
  if (g_strcmp0 (self->export_page, text) == 0)
    return;
  g_free (self->export_page);
  self->export_page = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPORT_PAGE]);
}

static void
strata_settings_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StrataSettings *self = STRATA_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_WINDOW_WIDTH:
      g_value_set_int (value, self->window_width);
      break;
    case PROP_WINDOW_HEIGHT:
      g_value_set_int (value, self->window_height);
      break;
    case PROP_WINDOW_MAXIMIZED:
      g_value_set_boolean (value, self->window_maximized);
      break;
    case PROP_SIDEBAR_WIDTH:
      g_value_set_int (value, self->sidebar_width);
      break;
    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar_visible);
      break;
    case PROP_DIAGRAM_STYLE:
      g_value_set_int (value, self->diagram_style);
      break;
    case PROP_DIAGRAM_THEME:
      g_value_set_int (value, self->diagram_theme);
      break;
    case PROP_DIAGRAM_SCALE:
      g_value_set_int (value, self->diagram_scale);
      break;
    case PROP_SHORT_NUMBERS:
      g_value_set_boolean (value, self->short_numbers);
      break;
    case PROP_IMAGE_DPI:
      g_value_set_int (value, self->image_dpi);
      break;
    case PROP_COUNTING_CONVENTION:
      g_value_set_int (value, self->counting_convention);
      break;
    case PROP_DIAGRAM_GROUPS:
      g_value_set_boolean (value, self->diagram_groups);
      break;
    case PROP_DIAGRAM_COLLAPSE:
      g_value_set_boolean (value, self->diagram_collapse);
      break;
    case PROP_DIAGRAM_LAYOUT:
      g_value_set_int (value, self->diagram_layout);
      break;
    case PROP_EXPORT_PAGE:
      g_value_set_string (value, self->export_page);
      break;
    case PROP_EXPORT_CHOICES:
      g_value_set_variant (value, self->export_choices);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_settings_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  StrataSettings *self = STRATA_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_WINDOW_WIDTH:
      set_int (self, &self->window_width, g_value_get_int (value), prop_id);
      break;
    case PROP_WINDOW_HEIGHT:
      set_int (self, &self->window_height, g_value_get_int (value), prop_id);
      break;
    case PROP_WINDOW_MAXIMIZED:
      set_int (self, &self->window_maximized, !!g_value_get_boolean (value), prop_id);
      break;
    case PROP_SIDEBAR_WIDTH:
      set_int (self, &self->sidebar_width, g_value_get_int (value), prop_id);
      break;
    case PROP_SIDEBAR_VISIBLE:
      set_int (self, &self->sidebar_visible, !!g_value_get_boolean (value), prop_id);
      break;
    case PROP_DIAGRAM_STYLE:
      strata_settings_set_diagram_style (self, g_value_get_int (value));
      break;
    case PROP_DIAGRAM_THEME:
      strata_settings_set_diagram_theme (self, g_value_get_int (value));
      break;
    case PROP_DIAGRAM_SCALE:
      strata_settings_set_diagram_scale (self, g_value_get_int (value));
      break;
    case PROP_SHORT_NUMBERS:
      set_int (self, &self->short_numbers, !!g_value_get_boolean (value), prop_id);
      break;
    case PROP_IMAGE_DPI:
      strata_settings_set_image_dpi (self, g_value_get_int (value));
      break;
    case PROP_COUNTING_CONVENTION:
      strata_settings_set_counting_convention (self, g_value_get_int (value));
      break;
    case PROP_DIAGRAM_GROUPS:
      strata_settings_set_diagram_groups (self, g_value_get_boolean (value));
      break;
    case PROP_DIAGRAM_COLLAPSE:
      set_int (self, &self->diagram_collapse, !!g_value_get_boolean (value), prop_id);
      break;
    case PROP_DIAGRAM_LAYOUT:
      strata_settings_set_diagram_layout (self, g_value_get_int (value));
      break;
    case PROP_EXPORT_PAGE:
      set_export_page_text (self, g_value_get_string (value));
      break;
    case PROP_EXPORT_CHOICES:
      strata_settings_set_export_choices (self, g_value_get_variant (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_settings_class_init (StrataSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = strata_settings_dispose;
  object_class->finalize = strata_settings_finalize;
  object_class->get_property = strata_settings_get_property;
  object_class->set_property = strata_settings_set_property;

  /* The defaults are the schema's. */
  properties[PROP_WINDOW_WIDTH] =
    g_param_spec_int ("window-width", NULL, NULL, -1, G_MAXINT, 1200, rw);
  properties[PROP_WINDOW_HEIGHT] =
    g_param_spec_int ("window-height", NULL, NULL, -1, G_MAXINT, 760, rw);
  properties[PROP_WINDOW_MAXIMIZED] =
    g_param_spec_boolean ("window-maximized", NULL, NULL, FALSE, rw);
  properties[PROP_SIDEBAR_WIDTH] =
    g_param_spec_int ("sidebar-width", NULL, NULL, 0, G_MAXINT, 360, rw);
  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL, TRUE, rw);
  properties[PROP_DIAGRAM_STYLE] =
    g_param_spec_int ("diagram-style", NULL, NULL, STRATA_DIAGRAM_STYLE_BLOCKS,
                      STRATA_DIAGRAM_STYLE_BARS, STRATA_DIAGRAM_STYLE_BLOCKS, rw);
  properties[PROP_DIAGRAM_THEME] =
    g_param_spec_int ("diagram-theme", NULL, NULL, STRATA_THEME_LIGHT, STRATA_THEME_PRINT,
                      STRATA_THEME_LIGHT, rw);
  properties[PROP_DIAGRAM_SCALE] =
    g_param_spec_int ("diagram-scale", NULL, NULL, STRATA_SCALE_LINEAR, STRATA_SCALE_LOG,
                      STRATA_SCALE_SQRT, rw);
  properties[PROP_SHORT_NUMBERS] =
    g_param_spec_boolean ("short-numbers", NULL, NULL, FALSE, rw);
  properties[PROP_IMAGE_DPI] =
    g_param_spec_int ("image-dpi", NULL, NULL, 1, 2400, 192, rw);
  properties[PROP_COUNTING_CONVENTION] =
    g_param_spec_int ("counting-convention", NULL, NULL, STRATA_CONVENTION_KERAS,
                      STRATA_CONVENTION_PYTORCH, STRATA_CONVENTION_KERAS, rw);
  properties[PROP_DIAGRAM_GROUPS] =
    g_param_spec_boolean ("diagram-groups", NULL, NULL, TRUE, rw);
  properties[PROP_DIAGRAM_COLLAPSE] =
    g_param_spec_boolean ("diagram-collapse", NULL, NULL, FALSE, rw);
  properties[PROP_DIAGRAM_LAYOUT] =
    g_param_spec_int ("diagram-layout", NULL, NULL, STRATA_ARRANGEMENT_ROWS,
                      STRATA_ARRANGEMENT_TOP_TO_BOTTOM, STRATA_ARRANGEMENT_ROWS, rw);
  properties[PROP_EXPORT_PAGE] =
    g_param_spec_string ("export-page", NULL, NULL, "none", rw);
  properties[PROP_EXPORT_CHOICES] =
    g_param_spec_variant ("export-choices", NULL, NULL, G_VARIANT_TYPE_VARDICT, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
strata_settings_init (StrataSettings *self)
{
  self->window_width = 1200;
  self->window_height = 760;
  self->sidebar_width = 360;
  self->sidebar_visible = TRUE;
  self->diagram_style = STRATA_DIAGRAM_STYLE_BLOCKS;
  self->diagram_theme = STRATA_THEME_LIGHT;
  self->diagram_scale = STRATA_SCALE_SQRT;
  self->image_dpi = 192;
  self->diagram_groups = TRUE;
  self->export_page = g_strdup ("none");
  self->export_choices = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL,
                                                                  0));
}

StrataSettings *
strata_settings_new (GSettings *settings)
{
  StrataSettings *self;
  static const char * const keys[] = {
    "window-width", "window-height", "window-maximized", "sidebar-width",
    "short-numbers", "image-dpi", "diagram-groups", "export-page", "sidebar-visible",
    "diagram-collapse",
  };
  static const struct { const char *key; guint prop_id; } enum_keys[] = {
    { "diagram-style", PROP_DIAGRAM_STYLE },
    { "diagram-theme", PROP_DIAGRAM_THEME },
    { "diagram-scale", PROP_DIAGRAM_SCALE },
    { "counting-convention", PROP_COUNTING_CONVENTION },
    { "diagram-layout", PROP_DIAGRAM_LAYOUT },
  };

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (STRATA_TYPE_SETTINGS, NULL);
  if (settings == NULL)
    return self;

  self->settings = g_object_ref (settings);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_bind (settings, keys[i], self, keys[i], G_SETTINGS_BIND_DEFAULT);
  for (guint i = 0; i < G_N_ELEMENTS (enum_keys); i++)
    g_settings_bind_with_mapping (settings, enum_keys[i].key, self, enum_keys[i].key,
                                  G_SETTINGS_BIND_DEFAULT,
                                  enum_get_mapping, enum_set_mapping,
                                  GINT_TO_POINTER (enum_keys[i].prop_id), NULL);
  g_settings_bind_with_mapping (settings, "export-choices", self, "export-choices",
                                G_SETTINGS_BIND_DEFAULT, variant_get_mapping, variant_set_mapping,
                                NULL, NULL);
  return self;
}

StrataSettings *
strata_settings_get_default (void)
{
  static StrataSettings *instance;

  if (instance == NULL)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;
      g_autoptr(GSettings) settings = NULL;

      /* g_settings_new() would abort without the schema, and running the
       * program straight from a build directory is normal. */
      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, STRATA_SETTINGS_SCHEMA_ID, TRUE);
      if (schema != NULL)
        settings = g_settings_new_full (schema, NULL, NULL);
      else
        g_message ("The settings schema %s is not installed: settings will not be remembered",
                   STRATA_SETTINGS_SCHEMA_ID);

      instance = strata_settings_new (settings);
    }
  return instance;
}

gboolean
strata_settings_get_persistent (StrataSettings *self)
{
  g_return_val_if_fail (STRATA_IS_SETTINGS (self), FALSE);

  return self->settings != NULL;
}

void
strata_settings_get_window_state (StrataSettings *self,
                                  int            *width,
                                  int            *height,
                                  gboolean       *maximized)
{
  g_return_if_fail (STRATA_IS_SETTINGS (self));

  if (width != NULL)
    *width = self->window_width;
  if (height != NULL)
    *height = self->window_height;
  if (maximized != NULL)
    *maximized = self->window_maximized;
}

void
strata_settings_set_window_state (StrataSettings *self,
                                  int             width,
                                  int             height,
                                  gboolean        maximized)
{
  g_return_if_fail (STRATA_IS_SETTINGS (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_int (self, &self->window_width, width, PROP_WINDOW_WIDTH);
  set_int (self, &self->window_height, height, PROP_WINDOW_HEIGHT);
  set_int (self, &self->window_maximized, !!maximized, PROP_WINDOW_MAXIMIZED);
  g_object_thaw_notify (G_OBJECT (self));
}

int
strata_settings_get_sidebar_width (StrataSettings *self)
{
  g_return_val_if_fail (STRATA_IS_SETTINGS (self), 0);

  return self->sidebar_width;
}

void
strata_settings_set_sidebar_width (StrataSettings *self,
                                   int             width)
{
  g_return_if_fail (STRATA_IS_SETTINGS (self));

  set_int (self, &self->sidebar_width, MAX (width, 0), PROP_SIDEBAR_WIDTH);
}

gboolean
strata_settings_get_sidebar_visible (StrataSettings *self)
{
  g_return_val_if_fail (STRATA_IS_SETTINGS (self), TRUE);

  return self->sidebar_visible;
}

void
strata_settings_set_sidebar_visible (StrataSettings *self,
                                     gboolean        visible)
{
  g_return_if_fail (STRATA_IS_SETTINGS (self));

  set_int (self, &self->sidebar_visible, !!visible, PROP_SIDEBAR_VISIBLE);
}

StrataDiagramStyle
strata_settings_get_diagram_style (StrataSettings *self)
{
  g_return_val_if_fail (STRATA_IS_SETTINGS (self), STRATA_DIAGRAM_STYLE_BLOCKS);

  return self->diagram_style;
}

void
strata_settings_set_diagram_style (StrataSettings     *self,
                                   StrataDiagramStyle  style)
{
  g_return_if_fail (STRATA_IS_SETTINGS (self));
  g_return_if_fail (style <= STRATA_DIAGRAM_STYLE_BARS);

  set_int (self, &self->diagram_style, style, PROP_DIAGRAM_STYLE);
}

StrataTheme
strata_settings_get_diagram_theme (StrataSettings *self)
{
  g_return_val_if_fail (STRATA_IS_SETTINGS (self), STRATA_THEME_LIGHT);

  return self->diagram_theme;
}

void
strata_settings_set_diagram_theme (StrataSettings *self,
                                   StrataTheme     theme)
{
  g_return_if_fail (STRATA_IS_SETTINGS (self));
  g_return_if_fail (theme <= STRATA_THEME_PRINT);

  set_int (self, &self->diagram_theme, theme, PROP_DIAGRAM_THEME);
}

StrataScaleMode
strata_settings_get_diagram_scale (StrataSettings *self)
{
  g_return_val_if_fail (STRATA_IS_SETTINGS (self), STRATA_SCALE_SQRT);

  return self->diagram_scale;
}

void
strata_settings_set_diagram_scale (StrataSettings  *self,
                                   StrataScaleMode  scale)
{
  g_return_if_fail (STRATA_IS_SETTINGS (self));
  g_return_if_fail (scale <= STRATA_SCALE_LOG);

  set_int (self, &self->diagram_scale, scale, PROP_DIAGRAM_SCALE);
}

StrataConvention
strata_settings_get_counting_convention (StrataSettings *self)
{
  g_return_val_if_fail (STRATA_IS_SETTINGS (self), STRATA_CONVENTION_KERAS);

  return self->counting_convention;
}

void
strata_settings_set_counting_convention (StrataSettings   *self,
                                         StrataConvention  convention)
{
  g_return_if_fail (STRATA_IS_SETTINGS (self));
  g_return_if_fail (convention < STRATA_N_CONVENTIONS);

  set_int (self, &self->counting_convention, convention, PROP_COUNTING_CONVENTION);
}

gboolean
strata_settings_get_diagram_groups (StrataSettings *self)
{
  g_return_val_if_fail (STRATA_IS_SETTINGS (self), TRUE);

  return self->diagram_groups;
}

void
strata_settings_set_diagram_groups (StrataSettings *self,
                                    gboolean        groups)
{
  g_return_if_fail (STRATA_IS_SETTINGS (self));

  set_int (self, &self->diagram_groups, !!groups, PROP_DIAGRAM_GROUPS);
}

gboolean
strata_settings_get_diagram_collapse (StrataSettings *self)
{
  g_return_val_if_fail (STRATA_IS_SETTINGS (self), FALSE);

  return self->diagram_collapse;
}

StrataArrangement
strata_settings_get_diagram_layout (StrataSettings *self)
{
  g_return_val_if_fail (STRATA_IS_SETTINGS (self), STRATA_ARRANGEMENT_ROWS);

  return self->diagram_layout;
}

void
strata_settings_set_diagram_layout (StrataSettings    *self,
                                    StrataArrangement  arrangement)
{
  g_return_if_fail (STRATA_IS_SETTINGS (self));
  g_return_if_fail (arrangement <= STRATA_ARRANGEMENT_TOP_TO_BOTTOM);

  set_int (self, &self->diagram_layout, arrangement, PROP_DIAGRAM_LAYOUT);
}

void
strata_settings_get_export_page (StrataSettings *self,
                                 StrataPage     *page)
{
  g_return_if_fail (STRATA_IS_SETTINGS (self));
  g_return_if_fail (page != NULL);

  if (!strata_page_parse (self->export_page, page))
    strata_page_init (page, STRATA_PAGE_NONE, 0, 0);
}

void
strata_settings_set_export_page (StrataSettings   *self,
                                 const StrataPage *page)
{
  g_autofree char *text = NULL;

  g_return_if_fail (STRATA_IS_SETTINGS (self));
  g_return_if_fail (page != NULL);

  text = strata_page_to_string (page);
  set_export_page_text (self, text);
}

void
strata_settings_init_render_options (StrataSettings      *self,
                                     StrataRenderOptions *options)
{
  g_return_if_fail (STRATA_IS_SETTINGS (self));
  g_return_if_fail (options != NULL);

  strata_render_options_init (options);
  options->style = self->diagram_style;
  options->theme = self->diagram_theme;
  options->scale = self->diagram_scale;
  options->short_numbers = self->short_numbers;
  options->group_repeats = self->diagram_groups;
  options->collapse_repeats = self->diagram_collapse;
  options->arrangement = self->diagram_layout;
}

gboolean
strata_settings_get_short_numbers (StrataSettings *self)
{
  g_return_val_if_fail (STRATA_IS_SETTINGS (self), FALSE);

  return self->short_numbers;
}

int
strata_settings_get_image_dpi (StrataSettings *self)
{
  g_return_val_if_fail (STRATA_IS_SETTINGS (self), 192);

  return self->image_dpi;
}

void
strata_settings_set_image_dpi (StrataSettings *self,
                               int             dpi)
{
  g_return_if_fail (STRATA_IS_SETTINGS (self));

  set_int (self, &self->image_dpi, CLAMP (dpi, 1, 2400), PROP_IMAGE_DPI);
}

GVariant *
strata_settings_get_export_choices (StrataSettings *self)
{
  g_return_val_if_fail (STRATA_IS_SETTINGS (self), NULL);

  return self->export_choices;
}

void
strata_settings_set_export_choices (StrataSettings *self,
                                    GVariant       *choices)
{
  g_autoptr(GVariant) sunk = NULL;

  g_return_if_fail (STRATA_IS_SETTINGS (self));
  g_return_if_fail (choices != NULL && g_variant_is_of_type (choices, G_VARIANT_TYPE_VARDICT));

  sunk = g_variant_ref_sink (choices);
  if (g_variant_equal (sunk, self->export_choices))
    return;
  g_variant_unref (self->export_choices);
  self->export_choices = g_variant_ref (sunk);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPORT_CHOICES]);
}
