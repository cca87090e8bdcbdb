/* strata-read.c: reading a file whole, never more than a limit. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "strata-file.h"
#include "strata-read-private.h"

#define CHUNK_SIZE (64 * 1024)

static void
set_too_large (GError    **error,
               const char *name,
               gsize       limit)
{
  g_autofree char *shown = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_TOO_LARGE,
               _("“%s” is too large for a network file (more than %s)"), name, shown);
}

static void
set_unreadable (GError    **error,
                const char *name,
                GError     *cause)
{
  g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_READ, _("Could not read “%s”: %s"),
               name, cause->message);
}

GBytes *
strata_read_file (GFile         *file,
                  gsize          limit,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) contents = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      set_unreadable (error, name, local_error);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_READ,
                   _("Could not read “%s”: it is a folder"), name);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
      (guint64) g_file_info_get_size (info) > limit)
    {
      set_too_large (error, name, limit);
      return NULL;
    }

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      set_unreadable (error, name, local_error);
      return NULL;
    }

  /* Read one byte past the limit to tell a file of exactly @limit bytes
   * from a longer one; a regular file that grew since it was measured
   * is caught here too. */
  contents = g_byte_array_sized_new (MIN ((guint64) g_file_info_get_size (info), limit) + 1);
  for (;;)
    {
      gsize wanted = MIN (CHUNK_SIZE, limit + 1 - contents->len);
      guint old_length = contents->len;
      gssize n;

      g_byte_array_set_size (contents, old_length + wanted);
      n = g_input_stream_read (G_INPUT_STREAM (stream), contents->data + old_length, wanted,
                               cancellable, &local_error);
      if (n < 0)
        {
          set_unreadable (error, name, local_error);
          return NULL;
        }
      g_byte_array_set_size (contents, old_length + n);
      if (n == 0)
        break;
      if (contents->len > limit)
        {
          set_too_large (error, name, limit);
          return NULL;
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&contents));
}
