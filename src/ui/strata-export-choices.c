/* strata-export-choices.c: the export window's choices, remembered for the next one. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-export.h"
#include "strata-export-choices.h"

/* Formats by the names the command line gives them. */
static const char * const formats[] = { "png", "svg", "pdf" };

typedef enum
{
  CHOICE_SWITCH,
  CHOICE_FORMAT,
  CHOICE_STYLE,
  CHOICE_LAYOUT,
  CHOICE_THEME,
  CHOICE_SCALE,
} ChoiceKind;

/* The choices remembered, by the names of their controls; the page and
 * the DPI have settings of their own. */
static const struct
{
  const char *name;
  ChoiceKind  kind;
  /* A switch's default in StrataRenderOptions; -1: off. */
  gssize      offset;
} choices[] = {
  { "format", CHOICE_FORMAT, -1 },
  { "transparent", CHOICE_SWITCH, G_STRUCT_OFFSET (StrataRenderOptions, transparent) },
  { "steps", CHOICE_SWITCH, -1 },
  { "style", CHOICE_STYLE, -1 },
  { "layout", CHOICE_LAYOUT, -1 },
  { "dimensions", CHOICE_SWITCH, G_STRUCT_OFFSET (StrataRenderOptions, dimensions_on_edges) },
  { "theme", CHOICE_THEME, -1 },
  { "scale", CHOICE_SCALE, -1 },
  { "params", CHOICE_SWITCH, G_STRUCT_OFFSET (StrataRenderOptions, show_params) },
  { "kernels", CHOICE_SWITCH, G_STRUCT_OFFSET (StrataRenderOptions, show_kernels) },
  { "legend", CHOICE_SWITCH, G_STRUCT_OFFSET (StrataRenderOptions, show_legend) },
  { "groups", CHOICE_SWITCH, G_STRUCT_OFFSET (StrataRenderOptions, group_repeats) },
  { "collapse", CHOICE_SWITCH, G_STRUCT_OFFSET (StrataRenderOptions, collapse_repeats) },
  { "title", CHOICE_SWITCH, G_STRUCT_OFFSET (StrataRenderOptions, show_title) },
};

/* A choice as the window draws: a switch's state, a list's item. */
static guint
choice_default (const StrataRenderOptions *defaults,
                guint                      i)
{
  switch (choices[i].kind)
    {
    case CHOICE_SWITCH:
      return choices[i].offset >= 0 && G_STRUCT_MEMBER (gboolean, defaults, choices[i].offset);
    case CHOICE_FORMAT:
      return STRATA_EXPORT_FORMAT_PNG;
    case CHOICE_STYLE:
      return defaults->style;
    case CHOICE_LAYOUT:
      return defaults->arrangement;
    case CHOICE_THEME:
      return defaults->theme;
    case CHOICE_SCALE:
      return defaults->scale;
    default:
      g_assert_not_reached ();
    }
}

/* A list's item by the name the command line and the schema give it, so
 * that a remembered choice survives items added to a list. */
static const char *
choice_to_string (guint i,
                  guint value)
{
  switch (choices[i].kind)
    {
    case CHOICE_FORMAT:
      return value < G_N_ELEMENTS (formats) ? formats[value] : NULL;
    case CHOICE_STYLE:
      return strata_diagram_style_to_string (value);
    case CHOICE_LAYOUT:
      return strata_arrangement_to_string (value);
    case CHOICE_THEME:
      return strata_theme_to_string (value);
    case CHOICE_SCALE:
      return strata_scale_mode_to_string (value);
    case CHOICE_SWITCH:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
choice_from_variant (guint     i,
                     GVariant *variant,
                     guint    *value)
{
  const char *text;

  if (choices[i].kind == CHOICE_SWITCH)
    {
      if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_BOOLEAN))
        return FALSE;
      *value = g_variant_get_boolean (variant);
      return TRUE;
    }
  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING))
    return FALSE;
  text = g_variant_get_string (variant, NULL);
  switch (choices[i].kind)
    {
    case CHOICE_FORMAT:
      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        if (g_str_equal (text, formats[f]))
          {
            *value = f;
            return TRUE;
          }
      return FALSE;
    case CHOICE_STYLE:
      {
        StrataDiagramStyle style;

        *value = strata_diagram_style_from_string (text, &style) ? style : G_MAXUINT;
      }
      break;
    case CHOICE_LAYOUT:
      {
        StrataArrangement arrangement;

        *value = strata_arrangement_from_string (text, &arrangement) ? arrangement : G_MAXUINT;
      }
      break;
    case CHOICE_THEME:
      {
        StrataTheme theme;

        *value = strata_theme_from_string (text, &theme) ? theme : G_MAXUINT;
      }
      break;
    case CHOICE_SCALE:
      {
        StrataScaleMode scale;

        *value = strata_scale_mode_from_string (text, &scale) ? scale : G_MAXUINT;
      }
      break;
    case CHOICE_SWITCH:
    default:
      g_assert_not_reached ();
    }
  return *value != G_MAXUINT;
}

static guint
get_choice (StrataExportDialog *dialog,
            guint               i)
{
  GtkWidget *control = strata_export_dialog_get_control (dialog, choices[i].name);

  if (choices[i].kind == CHOICE_SWITCH)
    return gtk_switch_get_active (GTK_SWITCH (control));
  return adw_combo_row_get_selected (ADW_COMBO_ROW (control));
}

void
strata_export_choices_set (StrataExportDialog        *dialog,
                           const StrataRenderOptions *defaults,
                           GVariant                  *remembered)
{
  g_return_if_fail (STRATA_IS_EXPORT_DIALOG (dialog));
  g_return_if_fail (defaults != NULL);
  g_return_if_fail (g_variant_is_of_type (remembered, G_VARIANT_TYPE_VARDICT));

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      GtkWidget *control = strata_export_dialog_get_control (dialog, choices[i].name);
      g_autoptr(GVariant) variant = g_variant_lookup_value (remembered, choices[i].name, NULL);
      guint value;

      /* A value edited by hand into nonsense is as if never chosen. */
      if (variant == NULL || !choice_from_variant (i, variant, &value))
        value = choice_default (defaults, i);
      if (choices[i].kind == CHOICE_SWITCH)
        gtk_switch_set_active (GTK_SWITCH (control), value);
      else
        adw_combo_row_set_selected (ADW_COMBO_ROW (control), value);
    }
}

GVariant *
strata_export_choices_get (StrataExportDialog        *dialog,
                           const StrataRenderOptions *defaults)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);

  g_return_val_if_fail (STRATA_IS_EXPORT_DIALOG (dialog), NULL);
  g_return_val_if_fail (defaults != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      guint value = get_choice (dialog, i);

      if (value == choice_default (defaults, i))
        continue;
      g_variant_builder_add (&builder, "{sv}", choices[i].name,
                             choices[i].kind == CHOICE_SWITCH
                             ? g_variant_new_boolean (value)
                             : g_variant_new_string (choice_to_string (i, value)));
    }
  return g_variant_builder_end (&builder);
}
