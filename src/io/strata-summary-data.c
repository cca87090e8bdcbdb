/* strata-summary-data.c: the summary as data, CSV and JSON, and what every format shares. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "strata-file-links-private.h"
#include "strata-json-private.h"
#include "strata-layer-formula.h"
#include "strata-receptive-field.h"
#include "strata-summary-private.h"

/* Called between rows: hands what @out holds to @sink once it is a
 * piece, and empties it. */
void
strata_summary_flush_rows (GString    *out,
                           const StrataSummarySink *sink)
{
  if (sink == NULL || out->len < PIECE_SIZE)
    return;
  sink->func (out->str, out->len, sink->user_data);
  g_string_truncate (out, 0);
}

/* The name machine formats use: the layer's name in a file (see
 * strata_file_link_names()), else its kind's file id. */
const char *
strata_summary_machine_name (GPtrArray   *names,
                             guint        position,
                             StrataLayer *layer)
{
  const char *name = g_ptr_array_index (names, position);

  return name != NULL ? name : strata_layer_get_kind_info (layer)->id;
}

/* The name of input @k of the layer at @position, resolved: the layer
 * before it when it names none. */
const char *
strata_summary_input_name (StrataNetwork *network,
                           GPtrArray     *names,
                           guint          position,
                           guint          k)
{
  StrataLayer *input = strata_network_get_input_layer (network, position, k);

  if (input == NULL)
    return strata_network_get_input_name (network);
  return strata_summary_machine_name (names, strata_network_index_of (network, input), input);
}

/* An operation imported without a kind of its own (opaque): the file
 * says what it outputs, not what it computes. */
gboolean
strata_summary_macs_unknown (StrataLayer *layer)
{
  return (strata_layer_get_kind_info (layer)->flags & STRATA_LAYER_KIND_FLAG_MACS_UNKNOWN) != 0;
}

/* The names of what the layer at @position reads, NULL-terminated. */
static GPtrArray *
input_names (StrataNetwork *network,
             GPtrArray     *names,
             guint          position)
{
  guint n = strata_network_get_n_input_layers (network, position);
  GPtrArray *inputs = g_ptr_array_new_full (n + 1, NULL);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (inputs, (gpointer) strata_summary_input_name (network, names, position, i));
  g_ptr_array_add (inputs, NULL);
  return inputs;
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

/* A receptive field's pair of lengths as a shape is written, "11x11": a
 * whole number as an integer, a fraction (after upsampling) exactly, as
 * the JSON rows write them. */
static void
append_csv_pair (GString      *out,
                 const double  values[2])
{
  for (guint a = 0; a < 2; a++)
    {
      if (a > 0)
        g_string_append_c (out, 'x');
      if (values[a] == (double) (gint64) values[a])
        g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) values[a]);
      else
        {
          g_autofree char *text = strata_json_format_double (values[a]);

          g_string_append (out, text);
        }
    }
}

/* The JSON rows' explanations, as fields: the formulas of the shape and
 * the MACs, then the receptive field, its jump and its start ("whole"
 * and two empty fields when it is the whole input; all empty without one). */
static void
append_csv_explanations (GString     *out,
                         StrataLayer *layer)
{
  const StrataReceptiveField *field = strata_layer_get_receptive_field (layer);
  g_autofree char *shape = strata_layer_dup_plain_formula_of (layer, STRATA_LAYER_FORMULA_SHAPE);
  g_autofree char *macs = strata_layer_dup_plain_formula_of (layer, STRATA_LAYER_FORMULA_MACS);

  append_csv_field (out, shape);
  g_string_append_c (out, ',');
  append_csv_field (out, macs);
  g_string_append_c (out, ',');
  if (field->kind == STRATA_RECEPTIVE_FIELD_SPATIAL)
    {
      append_csv_pair (out, field->size);
      g_string_append_c (out, ',');
      append_csv_pair (out, field->jump);
      g_string_append_c (out, ',');
      append_csv_pair (out, field->start);
    }
  else if (field->kind == STRATA_RECEPTIVE_FIELD_GLOBAL)
    g_string_append (out, "whole,,");
  else
    g_string_append (out, ",,");
}

char *
strata_summary_csv (StrataNetwork *network,
                    const StrataSummarySink    *sink)
{
  g_autoptr(GPtrArray) names = strata_file_link_names (network);
  gboolean chain = strata_network_is_chain (network);
  GString *out = g_string_new (chain ? "name,type," : "name,type,inputs,");

  g_string_append (out, "output_shape,activation_size,params,trainable_params,"
                        "non_trainable_params,macs,formula,shape_formula,macs_formula,"
                        "receptive_field,jump,receptive_field_start,error\r\n");
  strata_layer_begin_plain_formulas ();
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    {
      StrataLayer *layer = strata_network_get_layer (network, i);
      g_autofree char *formula = NULL;

      append_csv_field (out, strata_summary_machine_name (names, i, layer));
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
                             strata_layer_get_macs (layer), !strata_summary_macs_unknown (layer));
        }
      else
        g_string_append (out, ",,,,,");
      g_string_append_c (out, ',');
      formula = strata_layer_dup_plain_formula (layer);
      append_csv_field (out, formula);
      g_string_append_c (out, ',');
      append_csv_explanations (out, layer);
      g_string_append_c (out, ',');
      append_csv_field (out, strata_layer_get_error (layer));
      g_string_append (out, "\r\n");
      strata_summary_flush_rows (out, sink);
    }
  strata_layer_end_plain_formulas ();

  g_string_append (out, chain ? "Total,total," : "Total,total,,");
  append_csv_counts (out, strata_network_get_activation_size (network),
                     strata_network_get_params (network),
                     strata_network_get_trainable_params (network),
                     strata_network_get_non_trainable_params (network),
                     strata_network_get_macs (network),
                     /* A sum that leaves some out is no total. */
                     strata_network_get_n_macs_unknown (network) == 0);
  g_string_append (out, ",,,,,,,\r\n");
  return g_string_free (out, FALSE);
}

/* JSON integers are signed 64-bit here; a larger count is written as a
 * decimal string rather than wrapped. */
void
strata_summary_add_count (StrataJsonWriter *writer,
                          const char       *key,
                          guint64           value)
{
  strata_json_writer_member (writer, key);
  if (value <= G_MAXINT64)
    strata_json_writer_int (writer, (gint64) value);
  else
    {
      char text[24];

      g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, value);
      strata_json_writer_string (writer, text);
    }
}

static void
add_shape (StrataJsonWriter  *writer,
           const StrataShape *shape)
{
  strata_json_writer_begin_array (writer);
  if (!shape->is_vector)
    {
      strata_json_writer_int (writer, shape->height);
      strata_json_writer_int (writer, shape->width);
    }
  strata_json_writer_int (writer, shape->channels);
  strata_json_writer_end_array (writer);
}

/* One object a layer, written as it goes (see StrataJsonWriter). */
static void
add_layer (StrataJsonWriter *writer,
           StrataNetwork    *network,
           GPtrArray        *names,
           guint             position)
{
  StrataLayer *layer = strata_network_get_layer (network, position);
  g_autofree char *formula = strata_layer_dup_plain_formula (layer);
  guint n_inputs = strata_network_get_n_input_layers (network, position);

  strata_json_writer_begin_object (writer);
  strata_json_writer_member (writer, "name");
  strata_json_writer_string (writer, strata_summary_machine_name (names, position, layer));
  strata_json_writer_member (writer, "type");
  strata_json_writer_string (writer, strata_layer_get_kind_info (layer)->id);
  strata_json_writer_member (writer, "inputs");
  strata_json_writer_begin_array (writer);
  for (guint k = 0; k < n_inputs; k++)
    strata_json_writer_string (writer, strata_summary_input_name (network, names, position, k));
  strata_json_writer_end_array (writer);
  strata_json_writer_member (writer, "output_shape");
  if (strata_layer_has_shape (layer))
    add_shape (writer, strata_layer_get_output_shape (layer));
  else
    strata_json_writer_null (writer);
  strata_summary_add_count (writer, "activation_size", strata_layer_get_activation_size (layer));
  strata_summary_add_count (writer, "params", strata_layer_get_params_count (layer));
  strata_summary_add_count (writer, "trainable_params", strata_layer_get_trainable_params (layer));
  strata_summary_add_count (writer, "non_trainable_params",
                            strata_layer_get_non_trainable_params (layer));
  if (strata_summary_macs_unknown (layer))
    {
      strata_json_writer_member (writer, "macs");
      strata_json_writer_null (writer);
    }
  else
    strata_summary_add_count (writer, "macs", strata_layer_get_macs (layer));
  strata_json_writer_member (writer, "formula");
  if (formula != NULL)
    strata_json_writer_string (writer, formula);
  else
    strata_json_writer_null (writer);
  strata_summary_add_explanations (writer, layer);
  if (strata_layer_get_error (layer) != NULL)
    {
      strata_json_writer_member (writer, "error");
      strata_json_writer_string (writer, strata_layer_get_error (layer));
    }
  strata_json_writer_end_object (writer);
}

static void
add_totals_counts (StrataJsonWriter *writer,
                   StrataNetwork    *network)
{
  strata_summary_add_count (writer, "params", strata_network_get_params (network));
  strata_summary_add_count (writer, "trainable_params", strata_network_get_trainable_params (network));
  strata_summary_add_count (writer, "non_trainable_params",
                            strata_network_get_non_trainable_params (network));
  strata_summary_add_count (writer, "activation_size", strata_network_get_activation_size (network));
  strata_summary_add_count (writer, "macs", strata_network_get_macs (network));
  /* The layers whose MACs are unknown, which "macs" leaves out. */
  strata_summary_add_count (writer, "macs_unknown_layers",
                            strata_network_get_n_macs_unknown (network));
}

char *
strata_summary_json (StrataNetwork            *network,
                     const StrataSummaryBatch *batch,
                     const StrataSummarySink               *sink)
{
  g_autoptr(GPtrArray) names = strata_file_link_names (network);
  guint n = strata_network_get_n_layers (network);
  /* About 500 bytes a layer: grown a few times at most. */
  GString *out = g_string_sized_new (sink != NULL ? 2 * PIECE_SIZE : 512 * (gsize) (n + 1));
  StrataJsonWriter writer;

  strata_json_writer_init (&writer, out);
  strata_json_writer_begin_object (&writer);
  strata_json_writer_member (&writer, "name");
  if (strata_network_get_name (network) != NULL)
    strata_json_writer_string (&writer, strata_network_get_name (network));
  else
    strata_json_writer_null (&writer);
  strata_json_writer_member (&writer, "input");
  add_shape (&writer, strata_network_get_input_shape (network));

  strata_json_writer_member (&writer, "layers");
  strata_json_writer_begin_array (&writer);
  strata_layer_begin_plain_formulas ();
  for (guint i = 0; i < n; i++)
    {
      add_layer (&writer, network, names, i);
      strata_summary_flush_rows (out, sink);
    }
  strata_layer_end_plain_formulas ();
  strata_json_writer_end_array (&writer);

  strata_json_writer_member (&writer, "totals");
  strata_json_writer_begin_object (&writer);
  add_totals_counts (&writer, network);
  /* Under "pytorch", params are PyTorch's total_params and BatchNorm's
   * running statistics are buffers; under "keras" buffers is 0. */
  strata_json_writer_member (&writer, "convention");
  strata_json_writer_string (&writer,
                             strata_network_get_convention (network) == STRATA_CONVENTION_PYTORCH
                               ? "pytorch" : "keras");
  strata_summary_add_count (&writer, "buffers", strata_network_get_buffers (network));
  strata_summary_add_count (&writer, "param_memory_bytes", strata_network_get_param_memory (network));
  strata_summary_add_count (&writer, "activation_memory_bytes",
                            strata_network_get_activation_memory (network));
  strata_summary_add_batch (&writer, network, batch);
  strata_json_writer_end_object (&writer);
  strata_json_writer_end_object (&writer);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

