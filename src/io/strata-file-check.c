/* strata-file-check.c: JSON text refused before json-glib parses it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-file.h"
#include "strata-file-private.h"

#define MAX_INTEGER_DIGITS 18 /* every 18-digit integer fits in a gint64 */

/* Columns count characters, as editors do, not bytes. */
static guint
column_of (const char *line_start,
           const char *p)
{
  return (guint) g_utf8_strlen (line_start, p - line_start) + 1;
}

/* The code unit of the \\uXXXX escape at @p, or -1 when @p starts
 * another escape or a \\u without four hexadecimal digits. */
static int
escaped_unit (const char *p,
              const char *end)
{
  int unit = 0;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  for (int i = 2; i < 6; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return -1;
      unit = unit * 16 + g_ascii_xdigit_value (p[i]);
    }
  return unit;
}

/* json-glib 1.6 recurses without bound, wraps integers past 64 bits and
 * decodes some escapes wrongly, so the text is checked for these before
 * it is parsed. */
gboolean
strata_file_check_json (const char  *data,
                        gsize        length,
                        const char  *file,
                        guint        max_nesting,
                        GError     **error)
{
  guint depth = 0;
  guint line = 1;
  const char *line_start = data;
  gboolean in_string = FALSE;
  gboolean started = FALSE;

  if (length > STRATA_FILE_MAX_SIZE)
    {
      g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_TOO_LARGE,
                   _("“%s” is too large for a network file (more than 64 MiB)"), file);
      return FALSE;
    }
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX,
                   _("“%s” is not a network file: it is not text (UTF-8)"), file);
      return FALSE;
    }

  for (const char *p = data; p < data + length; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p + 1 < data + length)
            {
              int unit = escaped_unit (p, data + length);

              /* json-glib 1.6 cuts a string at \u0000, and turns a lone
               * surrogate, or a \u with fewer than four hexadecimal
               * digits, into bytes that are not UTF-8. */
              /* GScanner, under json-glib, also takes octal escapes such
               * as \\666, which make bytes that are not UTF-8: only
               * JSON's own escapes are let through. */
              if (strchr ("\"\\/bfnrtu", p[1]) == NULL)
                {
                  g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX,
                               _("“%s”, line %u, column %u: \\%.*s is not an escape of JSON"),
                               file, line, column_of (line_start, p),
                               (int) (g_utf8_next_char (p + 1) - (p + 1)), p + 1);
                  return FALSE;
                }
              if (p[1] == 'u' && unit < 0)
                {
                  g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX,
                               _("“%s”, line %u, column %u: \\u must be followed by four "
                                 "hexadecimal digits"),
                               file, line, column_of (line_start, p));
                  return FALSE;
                }
              if (unit == 0)
                {
                  g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID,
                               _("“%s”, line %u, column %u: text cannot contain the character "
                                 "U+0000 (\\u0000)"),
                               file, line, column_of (line_start, p));
                  return FALSE;
                }
              if (unit >= 0xd800 && unit <= 0xdfff)
                {
                  int low = escaped_unit (p + 6, data + length);

                  if (unit >= 0xdc00 || low < 0xdc00 || low > 0xdfff)
                    {
                      g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID,
                                   _("“%s”, line %u, column %u: \\u%04x is half of a UTF-16 "
                                     "surrogate pair without its other half"),
                                   file, line, column_of (line_start, p), (guint) unit);
                      return FALSE;
                    }
                  p += 6;
                }
              p++;
            }
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }

      /* json-glib 1.6 takes several values one after the other for a
       * document, keeps the last and leaks the others: a network file is
       * one object and nothing after it. */
      if (depth == 0 && !g_ascii_isspace (*p))
        {
          if (!started && *p != '{')
            {
              /* Translators: "“FILE”: MESSAGE" */
              g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID, _("“%s”: %s"), file,
                           _("Not a Strata network (the file is not a JSON object)"));
              return FALSE;
            }
          if (started)
            {
              g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX,
                           _("“%s”, line %u, column %u: there is more after the end of the "
                             "network"),
                           file, line, column_of (line_start, p));
              return FALSE;
            }
          started = TRUE;
        }

      switch (*p)
        {
        case '"':
          in_string = TRUE;
          break;
        case '\'':
          /* GScanner, under json-glib, also reads strings in single
           * quotes, which this check would not see as strings, letting
           * the escapes above through in them: JSON has none. */
          g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX,
                       _("“%s”, line %u, column %u: JSON strings are in double quotes, not "
                         "single"),
                       file, line, column_of (line_start, p));
          return FALSE;
        case '\n':
          line++;
          line_start = p + 1;
          break;
        case '[':
        case '{':
          if (++depth > max_nesting)
            {
              g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_SYNTAX,
                           _("“%s”, line %u, column %u: nested too deeply (more than %u levels)"),
                           file, line, column_of (line_start, p), max_nesting);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          if (g_ascii_isdigit (*p))
            {
              const char *start = p;
              const char *end = data + length;
              gsize digits;

              while (p + 1 < end && g_ascii_isdigit (p[1]))
                p++;
              digits = p - start + 1;
              /* Only integers wrap: a fraction or an exponent makes the
               * number a double, which json-glib reads at any length. */
              if (p + 1 < end && (p[1] == '.' || p[1] == 'e' || p[1] == 'E'))
                {
                  if (p[1] == '.')
                    for (p++; p + 1 < end && g_ascii_isdigit (p[1]); p++)
                      ;
                  if (p + 1 < end && (p[1] == 'e' || p[1] == 'E'))
                    {
                      p++;
                      if (p + 1 < end && (p[1] == '+' || p[1] == '-'))
                        p++;
                      while (p + 1 < end && g_ascii_isdigit (p[1]))
                        p++;
                    }
                }
              else if (digits > MAX_INTEGER_DIGITS)
                {
                  g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_INVALID,
                               _("“%s”, line %u, column %u: the number %.*s is too large"),
                               file, line, column_of (line_start, start),
                               (int) MIN (digits, 40), start);
                  return FALSE;
                }
            }
          break;
        }
    }
  return TRUE;
}
