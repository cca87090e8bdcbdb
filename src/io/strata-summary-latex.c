/* strata-summary-latex.c: a network's layers and totals as a LaTeX booktabs table. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-file-links-private.h"
#include "strata-summary-private.h"
#include "strata-summary.h"

/* An empty cell, as tables in papers show one. */
#define NONE "---"

/* @text as LaTeX typesets it: the ten characters TeX gives a meaning of
 * its own are escaped, and control characters (already shown as \n, \x1b
 * by strata_summary_escape_text()) never reach the file, so that a name
 * from anyone's file can neither break the table nor run a command. */
static void
append_latex (GString    *out,
              const char *text)
{
  g_autofree char *visible = strata_summary_escape_text (text);

  for (const char *p = visible; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\textbackslash{}");
          break;
        case '{':
        case '}':
        case '$':
        case '&':
        case '#':
        case '%':
        case '_':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '~':
          g_string_append (out, "\\textasciitilde{}");
          break;
        case '^':
          g_string_append (out, "\\textasciicircum{}");
          break;
        case '<':
          g_string_append (out, "\\textless{}");
          break;
        case '>':
          g_string_append (out, "\\textgreater{}");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/* Digits in groups of three with a thin space, "138\,357\,544", as papers
 * set them whatever the locale of whoever made the table. */
static void
append_count (GString *out,
              guint64  count)
{
  char digits[21];
  int n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, count);

  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, "\\,");
      g_string_append_c (out, digits[i]);
    }
}

static void
append_shape (GString           *out,
              const StrataShape *shape)
{
  if (shape->is_vector)
    {
      append_count (out, shape->channels);
      return;
    }
  append_count (out, shape->height);
  g_string_append (out, " $\\times$ ");
  append_count (out, shape->width);
  g_string_append (out, " $\\times$ ");
  append_count (out, shape->channels);
}

static void
append_total_row (GString    *out,
                  const char *label,
                  guint64     params,
                  gboolean    with_macs,
                  guint64     macs)
{
  g_string_append (out, "    ");
  append_latex (out, label);
  g_string_append (out, " & & & ");
  append_count (out, params);
  g_string_append (out, " &");
  if (with_macs)
    {
      g_string_append_c (out, ' ');
      append_count (out, macs);
    }
  g_string_append (out, " \\\\\n");
}

char *
strata_summary_latex (StrataNetwork *network)
{
  g_autoptr(GPtrArray) names = strata_file_link_names (network);
  const char *name = strata_network_get_name (network);
  guint n = strata_network_get_n_layers (network);
  guint64 frozen = strata_network_get_non_trainable_params (network);
  gboolean macs_known = strata_network_get_n_macs_unknown (network) == 0;
  GString *out = g_string_new ("% \\usepackage{booktabs}\n\\begin{table}\n  \\centering\n");

  if (name != NULL && name[0] != '\0')
    {
      g_string_append (out, "  \\caption{");
      append_latex (out, name);
      g_string_append (out, "}\n");
    }
  g_string_append (out, "  \\begin{tabular}{llrrr}\n    \\toprule\n    ");
  append_latex (out, _("Layer"));
  g_string_append (out, " & ");
  append_latex (out, _("Type"));
  g_string_append (out, " & ");
  append_latex (out, _("Output shape"));
  g_string_append (out, " & ");
  append_latex (out, _("Params"));
  g_string_append (out, " & ");
  append_latex (out, _("MACs"));
  g_string_append (out, " \\\\\n    \\midrule\n    ");

  /* The input, as the first row, since every shape follows from it. */
  append_latex (out, _("Input"));
  g_string_append (out, " & input & ");
  append_shape (out, strata_network_get_input_shape (network));
  g_string_append (out, " & " NONE " & " NONE " \\\\\n");

  for (guint i = 0; i < n; i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      const char *layer_name = g_ptr_array_index (names, i);

      g_string_append (out, "    ");
      append_latex (out, layer_name != NULL ? layer_name : strata_layer_get_display_name (layer));
      g_string_append (out, " & ");
      append_latex (out, strata_layer_get_kind_info (layer)->id);
      g_string_append (out, " & ");
      if (!strata_layer_has_shape (layer))
        {
          if (strata_layer_get_error (layer) != NULL)
            append_latex (out, _("error"));
          else
            g_string_append (out, NONE);
          g_string_append (out, " & " NONE " & " NONE " \\\\\n");
          continue;
        }
      append_shape (out, strata_layer_get_output_shape (layer));
      g_string_append (out, " & ");
      append_count (out, strata_layer_get_params_count (layer));
      g_string_append (out, " & ");
      /* An operation Strata has no kind for: nobody knows its MACs. */
      if (strata_layer_get_kind_info (layer)->flags & STRATA_LAYER_KIND_FLAG_MACS_UNKNOWN)
        g_string_append (out, "?");
      else
        append_count (out, strata_layer_get_macs (layer));
      g_string_append (out, " \\\\\n");
    }

  g_string_append (out, "    \\midrule\n");
  append_total_row (out, _("Total"), strata_network_get_params (network), macs_known,
                    strata_network_get_macs (network));
  if (frozen > 0)
    {
      append_total_row (out, _("Trainable"), strata_network_get_trainable_params (network),
                        FALSE, 0);
      append_total_row (out, _("Non-trainable"), frozen, FALSE, 0);
    }
  g_string_append (out, "    \\bottomrule\n  \\end{tabular}\n\\end{table}\n");
  return g_string_free (out, FALSE);
}
