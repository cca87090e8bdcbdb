/* strata-summary.c: a network's layers and totals as a table, and the summary in each format. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-file-links-private.h"
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

static const char * const format_names[] = { "text", "markdown", "csv", "json", "latex" };

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
  const char *p = text;

  /* Most names need nothing escaped: they are copied up to the first byte
   * that may need it at once, rather than a byte at a time. */
  while ((guchar) *p >= 0x20 && *p != 0x7f && (guchar) *p != 0xc2 &&
         !(markdown && (*p == '|' || *p == '\\' || *p == '<')))
    p++;
  g_string_append_len (out, text, p - text);
  for (; *p != '\0'; p++)
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

/* Appends the @length bytes of @text: g_string_append_len() checks
 * whether @text lies inside the string, which cost a big table a tenth
 * of its time. */
static inline void
put (GString    *out,
     const char *text,
     gsize       length)
{
  gsize at = out->len;

  if (G_UNLIKELY (at + length >= out->allocated_len))
    {
      g_string_set_size (out, at + length);
      out->len = at;
    }
  memcpy (out->str + at, text, length);
  out->len = at + length;
  out->str[out->len] = '\0';
}

static void
put_text (GString    *out,
          const char *text)
{
  put (out, text, strlen (text));
}

/* A whole number as printf's %u writes it. */
static void
put_number (GString *out,
            guint64  value)
{
  char buffer[20];
  char *p = buffer + sizeof buffer;

  do
    *--p = '0' + value % 10;
  while ((value /= 10) != 0);
  put (out, p, buffer + sizeof buffer - p);
}

/* The layer a row of the table shows, and what its cells need. */
typedef struct
{
  StrataNetwork *network;
  GPtrArray     *names;
  guint          position;
  StrataLayer   *layer;
  gboolean       markdown;
} Row;

static const char none[] = "—";

static void
append_name_cell (GString   *out,
                  const Row *row)
{
  const char *name = g_ptr_array_index (row->names, row->position);

  /* As other rows' "Connected to" calls it. */
  append_visible (out, name != NULL ? name : strata_layer_get_display_name (row->layer),
                  row->markdown);
}

static void
append_type_cell (GString   *out,
                  const Row *row)
{
  g_string_append (out, strata_layer_get_kind_info (row->layer)->id);
}

/* One input a line on the terminal, as Keras prints them, so that a
 * concatenation of four long names does not widen every row. */
static void
append_inputs_cell (GString   *out,
                    const Row *row)
{
  guint n = strata_network_get_n_input_layers (row->network, row->position);

  if (n == 0)
    g_string_append (out, none);
  for (guint k = 0; k < n; k++)
    {
      if (k > 0)
        g_string_append (out, row->markdown ? ", " : "\n");
      append_visible (out, strata_summary_input_name (row->network, row->names, row->position, k),
                      row->markdown);
    }
}

/* As strata_shape_to_string() writes it, without a string of its own. */
static void
append_shape_cell (GString   *out,
                   const Row *row)
{
  static const char times[] = " × ";
  const StrataShape *shape;

  if (!strata_layer_has_shape (row->layer))
    {
      put_text (out, strata_layer_get_error (row->layer) != NULL ? _("error") : none);
      return;
    }
  shape = strata_layer_get_output_shape (row->layer);
  if (!shape->is_vector)
    {
      put_number (out, shape->height);
      put (out, times, sizeof times - 1);
      put_number (out, shape->width);
      put (out, times, sizeof times - 1);
    }
  put_number (out, shape->channels);
}

/* A count, or a dash for a layer without a shape. */
static void
append_count_cell (GString   *out,
                   const Row *row,
                   guint64    count)
{
  char buffer[STRATA_FORMAT_COUNT_SIZE];

  if (!strata_layer_has_shape (row->layer))
    {
      put_text (out, none);
      return;
    }
  put_text (out, strata_format_count_into (count, buffer));
}

static void
append_activations_cell (GString   *out,
                         const Row *row)
{
  append_count_cell (out, row, strata_layer_get_activation_size (row->layer));
}

static void
append_params_cell (GString   *out,
                    const Row *row)
{
  append_count_cell (out, row, strata_layer_get_params_count (row->layer));
}

static void
append_macs_cell (GString   *out,
                  const Row *row)
{
  /* Counted as 0 in the totals, but not shown as a 0 nobody measured. */
  if (strata_layer_has_shape (row->layer) && strata_summary_macs_unknown (row->layer))
    g_string_append (out, "?");
  else
    append_count_cell (out, row, strata_layer_get_macs (row->layer));
}

/* How many input pixels the layer's output values see, or a dash. */
static void
append_field_cell (GString   *out,
                   const Row *row)
{
  if (!strata_receptive_field_append_size (strata_layer_get_receptive_field (row->layer), out))
    put_text (out, none);
}

static void
append_jump_cell (GString   *out,
                  const Row *row)
{
  const StrataReceptiveField *field = strata_layer_get_receptive_field (row->layer);

  if (field->kind != STRATA_RECEPTIVE_FIELD_SPATIAL ||
      !strata_receptive_field_append_jump (field, out))
    put_text (out, none);
}

/* The table's columns, in order: a column is a title and a function
 * writing its cell of a row, human-readable, names made visible; a cell
 * may hold several lines. */
typedef struct
{
  const char *title; /* N_() marked */
  gboolean    number; /* right-aligned */
  void      (*append) (GString   *out,
                       const Row *row);
} ColumnInfo;

static const ColumnInfo columns[N_COLUMNS] = {
  [COLUMN_NAME] = { N_("Layer"), FALSE, append_name_cell },
  [COLUMN_TYPE] = { N_("Type"), FALSE, append_type_cell },
  [COLUMN_INPUTS] = { N_("Connected to"), FALSE, append_inputs_cell },
  [COLUMN_SHAPE] = { N_("Output shape"), FALSE, append_shape_cell },
  [COLUMN_ACTIVATIONS] = { N_("Activations"), TRUE, append_activations_cell },
  [COLUMN_PARAMS] = { N_("Params"), TRUE, append_params_cell },
  [COLUMN_MACS] = { N_("MACs"), TRUE, append_macs_cell },
  /* Translators: a summary's column: how many input pixels an output value sees */
  [COLUMN_FIELD] = { N_("Receptive field"), TRUE, append_field_cell },
  /* Translators: a summary's column: input pixels between neighbouring output values */
  [COLUMN_JUMP] = { N_("Jump"), TRUE, append_jump_cell },
};

static void
append_spaces (GString *out,
               gsize    n)
{
  gsize at = out->len;

  if (G_UNLIKELY (at + n >= out->allocated_len))
    g_string_set_size (out, at + n);
  memset (out->str + at, ' ', n);
  out->len = at + n;
  out->str[out->len] = '\0';
}

/* The characters in the @length bytes of @text, which is UTF-8: the bytes
 * that do not continue a character (10xxxxxx), eight bytes at a time.
 * g_utf8_strlen() decodes each one, which took a tenth of the time of a
 * big table, and a byte at a time still took a twentieth. */
static gsize
count_chars (const char *text,
             gsize       length)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize continuing = 0;
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, sizeof word);
      continuing += __builtin_popcountll ((word >> 7) & ~(word >> 6) & ones);
    }
  for (; i < length; i++)
    continuing += ((guchar) text[i] & 0xc0) == 0x80;
  return length - continuing;
}

/* Appends the @length bytes of @text padded to @width characters,
 * right-aligned for numbers. */
static void
append_padded (GString    *out,
               const char *text,
               gsize       length,
               guint       width,
               gboolean    right)
{
  gsize chars = count_chars (text, length);
  gsize pad = width > chars ? width - chars : 0;

  if (right)
    append_spaces (out, pad);
  put (out, text, length);
  if (!right)
    append_spaces (out, pad);
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
  g_autofree char *param_memory = strata_format_bytes (strata_network_get_param_memory (network));
  g_autofree char *activation_memory = strata_format_bytes (strata_network_get_activation_memory (network));

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

/* Where the line that starts at @line ends: at a line break or at @end. */
static const char *
line_end (const char *line,
          const char *end)
{
  const char *newline = memchr (line, '\n', end - line);

  return newline != NULL ? newline : end;
}

/* Every cell is written once, one after the other into one string, and
 * the table laid out from there once the widths are known: a string per
 * cell cost a table of 100,000 layers more in allocating and freeing
 * than in writing it. */
static char *
summary_text (StrataNetwork            *network,
              gboolean                  markdown,
              const StrataSummaryBatch *batch,
              const StrataSummarySink               *sink)
{
  guint n = strata_network_get_n_layers (network);
  guint widths[N_COLUMNS] = { 0 };
  /* Row by row, each cell ended by a NUL, which no text holds: where each
   * starts, 8 bytes a cell, took more memory than the cells. */
  g_autoptr(GString) cells = g_string_sized_new (64 * (gsize) (n + 1));
  const char *cell;
  GString *out;
  const StrataShape *input = strata_network_get_input_shape (network);
  g_autofree char *input_text = strata_shape_to_string (input);
  const char *name = strata_network_get_name (network);
  g_autofree char *title = name != NULL ? visible (name, markdown) : NULL;
  g_autoptr(GPtrArray) names = strata_file_link_names (network);
  /* A chain's table stays as it always was: each row reads the one above. */
  gboolean chain = strata_network_is_chain (network);
  gsize row_width = 0;

  for (guint c = 0; c < N_COLUMNS; c++)
    widths[c] = g_utf8_strlen (_(columns[c].title), -1);

  for (guint i = 0; i < n; i++)
    {
      Row row = { network, names, i, strata_network_get_layer (network, i), markdown };

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          gsize start = cells->len;
          const char *end;

          /* Not shown, and left empty: each row reads the one above. */
          if (!chain || c != COLUMN_INPUTS)
            columns[c].append (cells, &row);
          end = cells->str + cells->len;
          for (const char *line = cells->str + start; line <= end; line = line_end (line, end) + 1)
            widths[c] = MAX (widths[c], count_chars (line, line_end (line, end) - line));
          g_string_append_c (cells, '\0');
        }
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    row_width += widths[c] + 3;
  out = g_string_sized_new (sink != NULL ? 2 * PIECE_SIZE : row_width * (n + 4) + 1024);

  if (markdown)
    g_string_append_printf (out, "## %s\n\n", title != NULL ? title : _("Network"));
  else if (title != NULL)
    g_string_append_printf (out, "%s\n", title);
  g_string_append_printf (out, _("Input: %s\n\n"), input_text);

  /* Header, then a rule. */
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      const char *column_title = _(columns[c].title);

      if (chain && c == COLUMN_INPUTS)
        continue;
      g_string_append (out, markdown ? "| " : (c > 0 ? "  " : ""));
      append_padded (out, column_title, strlen (column_title), widths[c], columns[c].number);
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
      for (guint i = 0; i < dashes - (markdown && columns[c].number ? 1 : 0); i++)
        g_string_append (out, markdown ? "-" : "─");
      if (markdown)
        g_string_append (out, columns[c].number ? ": " : " ");
    }
  g_string_append (out, markdown ? "|\n" : "\n");

  cell = cells->str;
  for (guint i = 0; i < n; i++)
    {
      /* Where each cell of the row starts, and where the next row does. */
      const char *start[N_COLUMNS + 1];
      const char *inputs, *inputs_end, *line;

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          start[c] = cell;
          cell += strlen (cell) + 1;
        }
      start[N_COLUMNS] = cell;
      inputs = start[COLUMN_INPUTS];
      inputs_end = start[COLUMN_INPUTS + 1] - 1;
      /* The first input in the row, the others on lines of their own. */
      line = line_end (inputs, inputs_end);

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          gsize length = c == COLUMN_INPUTS ? (gsize) (line - inputs)
                                            : (gsize) (start[c + 1] - 1 - start[c]);

          if (chain && c == COLUMN_INPUTS)
            continue;
          put_text (out, markdown ? "| " : (c > 0 ? "  " : ""));
          append_padded (out, start[c], length, widths[c], columns[c].number);
          if (markdown)
            g_string_append_c (out, ' ');
        }
      put_text (out, markdown ? "|\n" : "\n");
      while (line < inputs_end)
        {
          const char *next = line + 1;

          line = line_end (next, inputs_end);
          for (guint c = 0; c < COLUMN_INPUTS; c++)
            append_spaces (out, widths[c] + 2);
          g_string_append_len (out, next, line - next);
          g_string_append_c (out, '\n');
        }
      strata_summary_flush_rows (out, sink);
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

/* The summary, or with @sink what is left of it once the rest was handed
 * to the sink. */
static char *
summary_to_string (StrataNetwork            *network,
                   StrataSummaryFormat       format,
                   const StrataSummaryBatch *batch,
                   const StrataSummarySink               *sink)
{
  switch (format)
    {
    case STRATA_SUMMARY_TEXT:
      return summary_text (network, FALSE, batch, sink);
    case STRATA_SUMMARY_MARKDOWN:
      return summary_text (network, TRUE, batch, sink);
    case STRATA_SUMMARY_CSV:
      return strata_summary_csv (network, sink);
    case STRATA_SUMMARY_JSON:
      return strata_summary_json (network, batch, sink);
    case STRATA_SUMMARY_LATEX:
      return strata_summary_latex (network);
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

  return summary_to_string (network, format, &batch, NULL);
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

  return summary_to_string (network, format, &batch, NULL);
}

void
strata_summary_write (StrataNetwork       *network,
                      StrataSummaryFormat  format,
                      guint                batch_size,
                      StrataDType          dtype,
                      StrataSummaryFunc    func,
                      gpointer             user_data)
{
  StrataSummaryBatch batch = { 1, STRATA_DTYPE_FLOAT32, FALSE };
  StrataSummarySink sink = { func, user_data };
  g_autofree char *rest = NULL;

  g_return_if_fail (STRATA_IS_NETWORK (network));
  g_return_if_fail (dtype < STRATA_N_DTYPES);
  g_return_if_fail (func != NULL);

  if (batch_size > 0)
    batch = (StrataSummaryBatch) { batch_size, dtype, TRUE };
  rest = summary_to_string (network, format, &batch, &sink);
  if (rest != NULL && *rest != '\0')
    func (rest, strlen (rest), user_data);
}
