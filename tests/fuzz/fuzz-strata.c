/* fuzz-strata.c: any bytes given to the .strata reader, and what Strata does with a network it reads. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A file that loads is summarised in every format, saved and reloaded, and
 * laid out and drawn; one that does not must be refused with a message.
 * Every property checked here is one a user relies on: a refusal says why
 * in readable text, every output is UTF-8, a saved file always reopens as
 * the same network, and drawing never fails. A warning or critical from
 * any library counts as a finding, as it does under G_DEBUG=fatal-warnings. */

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "strata-file.h"
#include "strata-render.h"
#include "strata-summary.h"

/* Every message names the file, so the checks below can look for it. */
#define DISPLAY_NAME "fuzz.strata"
#define SAVED_NAME "saved.strata"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define FATAL_LEVELS (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)

/* GLib stops on a fatal message with a breakpoint trap, which libFuzzer
 * does not catch, so the input would be lost; it catches abort () and
 * saves the input. */
static GLogWriterOutput
write_log (GLogLevelFlags   log_level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & FATAL_LEVELS)
    abort ();
  return output;
}

static void
setup (void)
{
  static gboolean done = FALSE;

  if (done)
    return;
  done = TRUE;
  g_log_set_always_fatal (G_LOG_FATAL_MASK | FATAL_LEVELS);
  g_log_set_writer_func (write_log, NULL, NULL);
  /* Numbers in text summaries follow the locale; fuzzing under another
   * LC_ALL covers its separators. */
  setlocale (LC_ALL, "");
}

static void
assert_utf8 (const char *what,
             const char *text,
             gsize       length)
{
  const char *end;

  if (g_utf8_validate_len (text, length, &end))
    return;
  g_error ("%s is not UTF-8 at byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT,
           what, (gsize) (end - text), length);
}

static void
assert_json_strings_utf8 (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            assert_utf8 ("a key in the JSON summary", name, strlen (name));
            assert_json_strings_utf8 (member);
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          assert_json_strings_utf8 (json_array_get_element (array, i));
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);

          assert_utf8 ("a string in the JSON summary", text, strlen (text));
        }
      break;

    case JSON_NODE_NULL:
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
check_summaries (StrataNetwork *network)
{
  static const struct
  {
    StrataSummaryFormat format;
    const char         *what;
  } formats[] = {
    { STRATA_SUMMARY_TEXT, "the text summary" },
    { STRATA_SUMMARY_MARKDOWN, "the Markdown summary" },
    { STRATA_SUMMARY_CSV, "the CSV summary" },
    { STRATA_SUMMARY_JSON, "the JSON summary" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *text = strata_summary_to_string (network, formats[i].format);

      g_assert_nonnull (text);
      assert_utf8 (formats[i].what, text, strlen (text));
      /* Escapes such as \ud800 would pass the check above and decode to
       * bytes that are not UTF-8, so the strings are checked once parsed. */
      if (formats[i].format == STRATA_SUMMARY_JSON)
        {
          g_autoptr(JsonParser) parser = json_parser_new_immutable ();
          g_autoptr(GError) error = NULL;

          json_parser_load_from_data (parser, text, -1, &error);
          g_assert_no_error (error);
          assert_json_strings_utf8 (json_parser_get_root (parser));
        }
    }
}

static void
check_round_trip (StrataNetwork *network)
{
  g_autoptr(StrataNetwork) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  gsize length, length_again;

  saved = strata_file_to_data (network, &length);
  g_assert_nonnull (saved);
  assert_utf8 ("the saved file", saved, length);

  reloaded = strata_file_load_data (saved, length, SAVED_NAME, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reloaded);

  /* Byte for byte: what the network saves as is all it is. */
  saved_again = strata_file_to_data (reloaded, &length_again);
  g_assert_cmpmem (saved, length, saved_again, length_again);
}

static guint32
hash_bytes (const guint8 *data,
            gsize         size)
{
  guint32 hash = 2166136261u; /* FNV-1a */

  for (gsize i = 0; i < size; i++)
    hash = (hash ^ data[i]) * 16777619u;
  return hash;
}

/* Laying out and drawing every combination of options for each input would
 * take most of the time spent per input; instead the input's hash picks
 * one, so a corpus covers them all. */
static void
pick_options (guint32              hash,
              guint                n_layers,
              StrataRenderOptions *options)
{
  static const double widths[] = { 0, 240, 1200 };

  strata_render_options_init (options);
  options->style = hash % 3;
  hash /= 3;
  options->theme = hash % 3;
  hash /= 3;
  options->scale = hash % 3;
  hash /= 3;
  options->max_width = widths[hash % G_N_ELEMENTS (widths)];
  hash /= G_N_ELEMENTS (widths);
  options->selected = (int) (hash % (n_layers + 1)) - 1;
  hash /= n_layers + 1;
  options->show_params = (hash & 1) != 0;
  options->show_kernels = (hash & 2) != 0;
  options->show_legend = (hash & 4) != 0;
  options->show_title = (hash & 8) != 0;
  options->transparent = (hash & 16) != 0;
}

static gboolean
rectangle_is_finite (const cairo_rectangle_t *r)
{
  return isfinite (r->x) && isfinite (r->y) && isfinite (r->width) && isfinite (r->height) &&
         r->width >= 0 && r->height >= 0;
}

static void
check_drawing (StrataNetwork *network,
               guint32        hash)
{
  guint n_layers = strata_network_get_n_layers (network);
  g_autoptr(StrataLayout) layout = NULL;
  StrataRenderOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;

  pick_options (hash, n_layers, &options);
  layout = strata_layout_new (network, &options);
  strata_layout_get_size (layout, &width, &height);
  g_assert_true (isfinite (width) && width > 0);
  g_assert_true (isfinite (height) && height > 0);

  /* Unbounded, and recording only: no pixels are computed. */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  strata_layout_draw (layout, cr);

  /* As the canvas does: every item's bounds, its highlight, and clicks. */
  for (int position = STRATA_LAYOUT_INPUT; position < (int) n_layers; position++)
    {
      cairo_rectangle_t bounds;
      int hit;

      if (!strata_layout_get_item_bounds (layout, position, &bounds))
        continue;
      g_assert_true (rectangle_is_finite (&bounds));
      if (position >= 0 && position == options.selected)
        strata_render_draw_highlight (cr, &bounds, 0.2, 0.4, 0.9);
      hit = strata_layout_hit_test (layout, bounds.x + bounds.width / 2,
                                    bounds.y + bounds.height / 2);
      g_assert_cmpint (hit, >=, STRATA_LAYOUT_NONE);
      g_assert_cmpint (hit, <, (int) n_layers);
    }
  g_assert_cmpint (strata_layout_hit_test (layout, -1, -1), ==, STRATA_LAYOUT_NONE);

  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(StrataNetwork) network = NULL;
  g_autoptr(GError) error = NULL;

  setup ();

  network = strata_file_load_data ((const char *) data, size, DISPLAY_NAME, &error);
  if (network == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == STRATA_FILE_ERROR);
      assert_utf8 ("the error message", error->message, strlen (error->message));
      g_assert_nonnull (strstr (error->message, DISPLAY_NAME));
      return 0;
    }
  g_assert_no_error (error);

  check_summaries (network);
  check_round_trip (network);
  check_drawing (network, hash_bytes (data, size));
  return 0;
}
