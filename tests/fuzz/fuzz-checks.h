/* fuzz-checks.h: what every fuzz target checks of a network it read, and how it stops on a warning. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "strata-file.h"
#include "strata-summary.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define FATAL_LEVELS (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)

/* GLib stops on a fatal message with a breakpoint trap, which libFuzzer
 * does not catch, so the input would be lost; it catches abort () and
 * saves the input. */
static inline GLogWriterOutput
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

static inline void
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

static inline void
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

static inline void
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

static inline void
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
    { STRATA_SUMMARY_LATEX, "the LaTeX summary" },
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

static inline void
check_round_trip (StrataNetwork *network,
                  const char    *saved_name)
{
  g_autoptr(StrataNetwork) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  gsize length, length_again;

  saved = strata_file_to_data (network, &length);
  g_assert_nonnull (saved);
  assert_utf8 ("the saved file", saved, length);

  reloaded = strata_file_load_data (saved, length, saved_name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reloaded);

  /* Byte for byte: what the network saves as is all it is. */
  saved_again = strata_file_to_data (reloaded, &length_again);
  g_assert_cmpmem (saved, length, saved_again, length_again);
}

static inline guint32
hash_bytes (const guint8 *data,
            gsize         size)
{
  guint32 hash = 2166136261u; /* FNV-1a */

  for (gsize i = 0; i < size; i++)
    hash = (hash ^ data[i]) * 16777619u;
  return hash;
}

