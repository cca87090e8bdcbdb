/* strata-summary.c: a network's layers and totals as a table or as data. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "strata-file-links-private.h"
#include "strata-json-private.h"
#include "strata-receptive-field.h"
#include "strata-summary-private.h"

typedef enum {
  COLUMN_NAME,
  COLUMN_TYPE,
  COLUMN_INPUTS, /* only for networks that are not chains */
  COLUMN_SHAPE,
  COLUMN_ACTIVATIONS,
  COLUMN_PARAMS,
  COLUMN_MACS,
  COLUMN_FIELD,
  COLUMN_JUMP,
  N_COLUMNS
} Column;

static const char * const column_titles[N_COLUMNS] = {
  N_("Layer"), N_("Type"), N_("Connected to"), N_("Output shape"), N_("Activations"),
  N_("Params"), N_("MACs"),
  /* Translators: a summary's column: how many input pixels an output value sees */
  N_("Receptive field"),
  /* Translators: a summary's column: input pixels between neighbouring output values */
  N_("Jump"),
};

static const char * const format_names[] = { "text", "markdown", "csv", "json" };

gboolean
strata_summary_format_from_string (const char          *text,
                                   StrataSummaryFormat *format)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    {
      if (g_str_equal (format_names[i], text))
        {
          *format = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The name machine formats use: the layer's name in a file (see
 * strata_file_link_names()), else its kind's file id. */
static const char *
machine_name (GPtrArray   *names,
              guint        position,
              StrataLayer *layer)
{
  const char *name = g_ptr_array_index (names, position);

  return name != NULL ? name : strata_layer_get_kind_info (layer)->id;
}

/* The names of what the layer at @position reads, resolved: the layer
 * before it when it names none. */
static GPtrArray *
input_names (StrataNetwork *network,
             GPtrArray     *names,
             guint          position)
{
  guint n = strata_network_get_n_input_layers (network, position);
  GPtrArray *inputs = g_ptr_array_new_full (n + 1, NULL);

  for (guint i = 0; i < n; i++)
    {
      StrataLayer *input = strata_network_get_input_layer (network, position, i);

      g_ptr_array_add (inputs,
                       (gpointer) (input == NULL
                                     ? strata_network_get_input_name (network)
                                     : machine_name (names, strata_network_index_of (network, input),
                                                     input)));
    }
  g_ptr_array_add (inputs, NULL);
  return inputs;
}

/* Names come from files, which may come from anyone. A control character
 * would reach the terminal raw: ESC starts sequences that recolour the
 * text, move the cursor or retitle the window, and CR or LF rewrite or
 * split a row. Each is shown as the escape a programmer reads at a glance
 * (\n, \r, \t, else \x1b), which says which character it was, where
 * U+FFFD would not, and keeps one line per layer and the columns aligned.
 * C1 controls (U+0080 to U+009F), which some terminals obey too, become
 * \u0080 to \u009f. A backslash stays as it is: the table is for reading,
 * and JSON gives every name exactly.
 *
 * Markdown also needs "|" escaped, or the cell ends there, and "<", or a
 * name could open an HTML tag where the Markdown is rendered; and so that
 * "\|" reads as a backslash before a bar, a backslash is escaped too. */
static void
append_visible (GString    *out,
                const char *text,
                gboolean    markdown)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c == 0xc2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f)
        {
          /* U+0080 to U+009F in UTF-8. */
          g_string_append_printf (out, "\\u%04x", (guchar) p[1]);
          p++;
        }
      else
        {
          if (markdown && (c == '|' || c == '\\' || c == '<'))
            g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
    }
}

static char *
visible (const char *text,
         gboolean    markdown)
{
  GString *out = g_string_new (NULL);

  append_visible (out, text, markdown);
  return g_string_free (out, FALSE);
}

char *
strata_summary_escape_text (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return visible (text, FALSE);
}

/* An operation imported without a kind of its own (opaque): the file
 * says what it outputs, not what it computes. */
static gboolean
macs_unknown (StrataLayer *layer)
{
  return (strata_layer_get_kind_info (layer)->flags & STRATA_LAYER_KIND_FLAG_MACS_UNKNOWN) != 0;
}

/* One table row of human-readable cells. */
static void
layer_cells (StrataNetwork *network,
             GPtrArray     *names,
             guint          position,
             gboolean       markdown,
             char          *cells[N_COLUMNS])
{
  StrataLayer *layer = strata_network_get_layer (network, position);
  g_autoptr(GPtrArray) inputs = input_names (network, names, position);
  g_auto(GStrv) shown = g_new0 (char *, inputs->len);
  const char *none = "—";
  const char *name = g_ptr_array_index (names, position);
  const StrataReceptiveField *field;

  for (guint i = 0; i + 1 < inputs->len; i++)
    shown[i] = visible (inputs->pdata[i], markdown);

  /* As other rows' "Connected to" calls it. */
  cells[COLUMN_NAME] = visible (name != NULL ? name : strata_layer_get_display_name (layer),
                                markdown);
  cells[COLUMN_TYPE] = g_strdup (strata_layer_get_kind_info (layer)->id);
  /* One input a line on the terminal, as Keras prints them, so that a
   * concatenation of four long names does not widen every row. */
  cells[COLUMN_INPUTS] = inputs->len > 1 ? g_strjoinv (markdown ? ", " : "\n", shown)
                                         : g_strdup (none);
  field = strata_layer_get_receptive_field (layer);
  cells[COLUMN_FIELD] = strata_receptive_field_dup_size (field);
  cells[COLUMN_JUMP] = field->kind == STRATA_RECEPTIVE_FIELD_SPATIAL
                         ? strata_receptive_field_dup_jump (field) : NULL;
  if (cells[COLUMN_FIELD] == NULL)
    cells[COLUMN_FIELD] = g_strdup (none);
  if (cells[COLUMN_JUMP] == NULL)
    cells[COLUMN_JUMP] = g_strdup (none);
  if (!strata_layer_has_shape (layer))
    {
      cells[COLUMN_SHAPE] = g_strdup (strata_layer_get_error (layer) != NULL ? _("error") : none);
      cells[COLUMN_ACTIVATIONS] = g_strdup (none);
      cells[COLUMN_PARAMS] = g_strdup (none);
      cells[COLUMN_MACS] = g_strdup (none);
      return;
    }
  cells[COLUMN_SHAPE] = strata_shape_to_string (strata_layer_get_output_shape (layer));
  cells[COLUMN_ACTIVATIONS] = strata_format_count (strata_layer_get_activation_size (layer));
  cells[COLUMN_PARAMS] = strata_format_count (strata_layer_get_params_count (layer));
  /* Counted as 0 in the totals, but not shown as a 0 nobody measured. */
  if (macs_unknown (layer))
    cells[COLUMN_MACS] = g_strdup ("?");
  else
    cells[COLUMN_MACS] = strata_format_count (strata_layer_get_macs (layer));
}

static gboolean
column_is_number (Column column)
{
  return column >= COLUMN_ACTIVATIONS;
}

/* Appends @text padded to @width characters, right-aligned for numbers. */
static void
append_padded (GString    *out,
               const char *text,
               guint       width,
               gboolean    right)
{
  guint length = g_utf8_strlen (text, -1);
  guint pad = width > length ? width - length : 0;

  if (right)
    {
      for (guint i = 0; i < pad; i++)
        g_string_append_c (out, ' ');
      g_string_append (out, text);
    }
  else
    {
      g_string_append (out, text);
      for (guint i = 0; i < pad; i++)
        g_string_append_c (out, ' ');
    }
}

static void
append_errors (GString       *out,
               StrataNetwork *network,
               GPtrArray     *names,
               gboolean       markdown)
{
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      g_autofree char *name = NULL;
      g_autofree char *message = NULL;

      if (strata_layer_get_error (layer) == NULL)
        continue;
      name = visible (g_ptr_array_index (names, i) != NULL ? g_ptr_array_index (names, i)
                                                           : strata_layer_get_display_name (layer),
                      markdown);
      message = visible (strata_layer_get_error (layer), markdown);
      /* Translators: "Layer NUMBER “NAME”: ERROR" */
      g_string_append_printf (out, _("Layer %u “%s”: %s\n"), i + 1, name, message);
    }
}

static char *
format_bytes (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

static void
append_totals (GString       *out,
               StrataNetwork *network,
               const char    *bullet)
{
  g_autofree char *params = strata_format_count (strata_network_get_params (network));
  g_autofree char *trainable = strata_format_count (strata_network_get_trainable_params (network));
  g_autofree char *frozen = strata_format_count (strata_network_get_non_trainable_params (network));
  g_autofree char *activations = strata_format_count (strata_network_get_activation_size (network));
  g_autofree char *macs = strata_format_count (strata_network_get_macs (network));
  guint64 unknown = strata_network_get_n_macs_unknown (network);
  g_autofree char *param_memory = format_bytes (strata_network_get_param_memory (network));
  g_autofree char *activation_memory = format_bytes (strata_network_get_activation_memory (network));

  g_string_append_printf (out, _("%sTotal params: %s (trainable %s, non-trainable %s)\n"),
                          bullet, params, trainable, frozen);
  if (strata_network_get_convention (network) == STRATA_CONVENTION_PYTORCH)
    {
      g_autofree char *buffers = strata_format_count (strata_network_get_buffers (network));

      /* Translators: PyTorch's BatchNorm running means and variances */
      g_string_append_printf (out, _("%sBuffers (running statistics, not in the params): %s\n"),
                              bullet, buffers);
    }
  g_string_append_printf (out, _("%sActivations: %s\n"), bullet, activations);
  if (unknown == 0)
    g_string_append_printf (out, _("%sMACs: %s\n"), bullet, macs);
  else
    {
      g_autofree char *count = strata_format_count (unknown);

      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "%sMACs: at least %s (%s opaque layer not counted)\n",
                                                "%sMACs: at least %s (%s opaque layers not counted)\n",
                                                unknown > G_MAXULONG ? G_MAXULONG : (gulong) unknown),
                              bullet, macs, count);
    }
  g_string_append_printf (out, _("%sMemory (float32): params %s, activations %s\n"), bullet,
                          param_memory, activation_memory);
}

static char *
summary_text (StrataNetwork      *network,
              gboolean            markdown,
              const StrataSummaryBatch *batch)
{
  guint n = strata_network_get_n_layers (network);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint widths[N_COLUMNS] = { 0 };
  GString *out = g_string_new (NULL);
  const StrataShape *input = strata_network_get_input_shape (network);
  g_autofree char *input_text = strata_shape_to_string (input);
  const char *name = strata_network_get_name (network);
  g_autofree char *title = name != NULL ? visible (name, markdown) : NULL;
  g_autoptr(GPtrArray) names = strata_file_link_names (network);
  /* A chain's table stays as it always was: each row reads the one above. */
  gboolean chain = strata_network_is_chain (network);

  for (guint c = 0; c < N_COLUMNS; c++)
    widths[c] = g_utf8_strlen (_(column_titles[c]), -1);

  for (guint i = 0; i < n; i++)
    {
      char **cells = g_new0 (char *, N_COLUMNS + 1);

      layer_cells (network, names, i, markdown, cells);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          g_auto(GStrv) lines = g_strsplit (cells[c], "\n", -1);

          for (guint k = 0; lines[k] != NULL; k++)
            widths[c] = MAX (widths[c], g_utf8_strlen (lines[k], -1));
        }
      g_ptr_array_add (rows, cells);
    }

  if (markdown)
    g_string_append_printf (out, "## %s\n\n", title != NULL ? title : _("Network"));
  else if (title != NULL)
    g_string_append_printf (out, "%s\n", title);
  g_string_append_printf (out, _("Input: %s\n\n"), input_text);

  /* Header, then a rule. */
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (chain && c == COLUMN_INPUTS)
        continue;
      g_string_append (out, markdown ? "| " : (c > 0 ? "  " : ""));
      append_padded (out, _(column_titles[c]), widths[c], column_is_number (c));
      if (markdown)
        g_string_append_c (out, ' ');
    }
  g_string_append (out, markdown ? "|\n" : "\n");
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      guint dashes = widths[c];

      if (chain && c == COLUMN_INPUTS)
        continue;
      if (markdown)
        {
          g_string_append (out, "| ");
          dashes = MAX (dashes, 3);
        }
      else if (c > 0)
        g_string_append (out, "  ");
      for (guint i = 0; i < dashes - (markdown && column_is_number (c) ? 1 : 0); i++)
        g_string_append (out, markdown ? "-" : "─");
      if (markdown)
        g_string_append (out, column_is_number (c) ? ": " : " ");
    }
  g_string_append (out, markdown ? "|\n" : "\n");

  for (guint i = 0; i < rows->len; i++)
    {
      char **cells = g_ptr_array_index (rows, i);
      g_auto(GStrv) inputs = g_strsplit (cells[COLUMN_INPUTS], "\n", -1);

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (chain && c == COLUMN_INPUTS)
            continue;
          g_string_append (out, markdown ? "| " : (c > 0 ? "  " : ""));
          append_padded (out, c == COLUMN_INPUTS ? inputs[0] : cells[c], widths[c],
                         column_is_number (c));
          if (markdown)
            g_string_append_c (out, ' ');
        }
      g_string_append (out, markdown ? "|\n" : "\n");
      /* The further inputs, each under the first. */
      for (guint k = 1; inputs[k] != NULL; k++)
        {
          for (guint c = 0; c < COLUMN_INPUTS; c++)
            append_padded (out, "", widths[c] + 2, FALSE);
          g_string_append_printf (out, "%s\n", inputs[k]);
        }
    }

  g_string_append_c (out, '\n');
  append_totals (out, network, markdown ? "- " : "");
  if (batch->asked)
    strata_summary_append_batch (out, network, batch, markdown ? "- " : "");
  if (strata_network_get_first_error (network) >= 0)
    {
      g_string_append_c (out, '\n');
      append_errors (out, network, names, markdown);
    }
  return g_string_free (out, FALSE);
}

/* Quoted as RFC 4180 says when a field holds a comma, a quote or a line
 * break; also with a semicolon, the separator spreadsheets use in locales
 * where the comma is the decimal mark, so that they too keep the field
 * whole. A spreadsheet computes a field that starts with "=", "+", "-",
 * "@", a tab or a CR as a formula, so such a field gets a leading "'"
 * inside its quotes, which spreadsheets take to mean text, as OWASP
 * recommends against CSV injection. Control characters stay as they are:
 * a CSV is data for programs, not text for the terminal. */
static void
append_csv_field (GString    *out,
                  const char *text)
{
  gboolean formula;

  if (text == NULL)
    return;
  formula = text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
  if (!formula && strpbrk (text, ",;\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
csv_shape (const StrataShape *shape)
{
  if (shape->is_vector)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, shape->channels);
  return g_strdup_printf ("%" G_GUINT64_FORMAT "x%" G_GUINT64_FORMAT "x%" G_GUINT64_FORMAT,
                          shape->height, shape->width, shape->channels);
}

/* MACs nobody knows are an empty field, as for a layer without a shape. */
static void
append_csv_counts (GString  *out,
                   guint64   activations,
                   guint64   params,
                   guint64   trainable,
                   guint64   frozen,
                   guint64   macs,
                   gboolean  macs_known)
{
  g_string_append_printf (out, ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT
                          ",%" G_GUINT64_FORMAT ",",
                          activations, params, trainable, frozen);
  if (macs_known)
    g_string_append_printf (out, "%" G_GUINT64_FORMAT, macs);
}

static char *
summary_csv (StrataNetwork *network)
{
  g_autoptr(GPtrArray) names = strata_file_link_names (network);
  gboolean chain = strata_network_is_chain (network);
  GString *out = g_string_new (chain ? "name,type," : "name,type,inputs,");

  g_string_append (out, "output_shape,activation_size,params,trainable_params,"
                        "non_trainable_params,macs,formula,error\r\n");
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      g_autofree char *formula = NULL;

      append_csv_field (out, machine_name (names, i, layer));
      g_string_append_c (out, ',');
      append_csv_field (out, strata_layer_get_kind_info (layer)->id);
      g_string_append_c (out, ',');
      if (!chain)
        {
          g_autoptr(GPtrArray) inputs = input_names (network, names, i);
          g_autofree char *joined = g_strjoinv (";", (char **) inputs->pdata);

          append_csv_field (out, joined);
          g_string_append_c (out, ',');
        }
      if (strata_layer_has_shape (layer))
        {
          g_autofree char *shape = csv_shape (strata_layer_get_output_shape (layer));

          g_string_append (out, shape);
          append_csv_counts (out, strata_layer_get_activation_size (layer),
                             strata_layer_get_params_count (layer),
                             strata_layer_get_trainable_params (layer),
                             strata_layer_get_non_trainable_params (layer),
                             strata_layer_get_macs (layer), !macs_unknown (layer));
        }
      else
        g_string_append (out, ",,,,,");
      g_string_append_c (out, ',');
      formula = strata_layer_dup_plain_formula (layer);
      append_csv_field (out, formula);
      g_string_append_c (out, ',');
      append_csv_field (out, strata_layer_get_error (layer));
      g_string_append (out, "\r\n");
    }

  g_string_append (out, chain ? "Total,total," : "Total,total,,");
  append_csv_counts (out, strata_network_get_activation_size (network),
                     strata_network_get_params (network),
                     strata_network_get_trainable_params (network),
                     strata_network_get_non_trainable_params (network),
                     strata_network_get_macs (network),
                     /* A sum that leaves some out is no total. */
                     strata_network_get_n_macs_unknown (network) == 0);
  g_string_append (out, ",,\r\n");
  return g_string_free (out, FALSE);
}

/* JSON integers are signed 64-bit here; a larger count is written as a
 * decimal string rather than wrapped. */
static void
add_count (JsonBuilder *builder,
           const char  *key,
           guint64      value)
{
  json_builder_set_member_name (builder, key);
  if (value <= G_MAXINT64)
    json_builder_add_int_value (builder, (gint64) value);
  else
    {
      g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
      json_builder_add_string_value (builder, text);
    }
}

static void
add_shape (JsonBuilder       *builder,
           const StrataShape *shape)
{
  json_builder_begin_array (builder);
  if (!shape->is_vector)
    {
      json_builder_add_int_value (builder, shape->height);
      json_builder_add_int_value (builder, shape->width);
    }
  json_builder_add_int_value (builder, shape->channels);
  json_builder_end_array (builder);
}

static char *
summary_json (StrataNetwork      *network,
              const StrataSummaryBatch *batch)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) names = strata_file_link_names (network);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  if (strata_network_get_name (network) != NULL)
    json_builder_add_string_value (builder, strata_network_get_name (network));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "input");
  add_shape (builder, strata_network_get_input_shape (network));

  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      g_autofree char *formula = strata_layer_dup_plain_formula (layer);

      g_autoptr(GPtrArray) inputs = input_names (network, names, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, machine_name (names, i, layer));
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, strata_layer_get_kind_info (layer)->id);
      json_builder_set_member_name (builder, "inputs");
      json_builder_begin_array (builder);
      for (guint k = 0; k + 1 < inputs->len; k++)
        json_builder_add_string_value (builder, inputs->pdata[k]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "output_shape");
      if (strata_layer_has_shape (layer))
        add_shape (builder, strata_layer_get_output_shape (layer));
      else
        json_builder_add_null_value (builder);
      add_count (builder, "activation_size", strata_layer_get_activation_size (layer));
      add_count (builder, "params", strata_layer_get_params_count (layer));
      add_count (builder, "trainable_params", strata_layer_get_trainable_params (layer));
      add_count (builder, "non_trainable_params", strata_layer_get_non_trainable_params (layer));
      if (macs_unknown (layer))
        {
          json_builder_set_member_name (builder, "macs");
          json_builder_add_null_value (builder);
        }
      else
        add_count (builder, "macs", strata_layer_get_macs (layer));
      json_builder_set_member_name (builder, "formula");
      if (formula != NULL)
        json_builder_add_string_value (builder, formula);
      else
        json_builder_add_null_value (builder);
      strata_summary_add_explanations (builder, layer);
      if (strata_layer_get_error (layer) != NULL)
        {
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, strata_layer_get_error (layer));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "totals");
  json_builder_begin_object (builder);
  add_count (builder, "params", strata_network_get_params (network));
  add_count (builder, "trainable_params", strata_network_get_trainable_params (network));
  add_count (builder, "non_trainable_params", strata_network_get_non_trainable_params (network));
  add_count (builder, "activation_size", strata_network_get_activation_size (network));
  add_count (builder, "macs", strata_network_get_macs (network));
  /* The layers whose MACs are unknown, which "macs" leaves out. */
  add_count (builder, "macs_unknown_layers", strata_network_get_n_macs_unknown (network));
  /* Under "pytorch", params are PyTorch's total_params and BatchNorm's
   * running statistics are buffers; under "keras" buffers is 0. */
  json_builder_set_member_name (builder, "convention");
  json_builder_add_string_value (builder,
                                 strata_network_get_convention (network) == STRATA_CONVENTION_PYTORCH
                                   ? "pytorch" : "keras");
  add_count (builder, "buffers", strata_network_get_buffers (network));
  add_count (builder, "param_memory_bytes", strata_network_get_param_memory (network));
  add_count (builder, "activation_memory_bytes", strata_network_get_activation_memory (network));
  strata_summary_add_batch (builder, network, batch);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return strata_json_builder_to_text (builder, NULL);
}

static char *
summary_to_string (StrataNetwork       *network,
                   StrataSummaryFormat  format,
                   const StrataSummaryBatch  *batch)
{
  switch (format)
    {
    case STRATA_SUMMARY_TEXT:
      return summary_text (network, FALSE, batch);
    case STRATA_SUMMARY_MARKDOWN:
      return summary_text (network, TRUE, batch);
    case STRATA_SUMMARY_CSV:
      return summary_csv (network);
    case STRATA_SUMMARY_JSON:
      return summary_json (network, batch);
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
strata_summary_to_string (StrataNetwork       *network,
                          StrataSummaryFormat  format)
{
  StrataSummaryBatch batch = { 1, STRATA_DTYPE_FLOAT32, FALSE };

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);

  return summary_to_string (network, format, &batch);
}

char *
strata_summary_to_string_for_batch (StrataNetwork       *network,
                                    StrataSummaryFormat  format,
                                    guint                batch_size,
                                    StrataDType          dtype)
{
  StrataSummaryBatch batch = { batch_size, dtype, TRUE };

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);
  g_return_val_if_fail (batch_size >= 1, NULL);
  g_return_val_if_fail (dtype < STRATA_N_DTYPES, NULL);

  return summary_to_string (network, format, &batch);
}
