/* strata-import.c: what the importers of other programs' files share: detection, reading, --input. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-file.h"
#include "strata-import.h"
#include "strata-read-private.h"

G_DEFINE_QUARK (strata-import-error-quark, strata_import_error)

typedef gboolean (*SniffFunc) (GBytes *contents);

typedef struct
{
  StrataImportFormat  format;
  const char         *extensions[3];
  SniffFunc           sniff;
  StrataImportReader  read;
} FormatInfo;

/* Index = StrataImportFormat. */
static const FormatInfo formats[STRATA_N_IMPORT_FORMATS] = {
  { STRATA_IMPORT_FORMAT_ONNX, { ".onnx" },
    strata_import_onnx_sniff, strata_import_onnx },
  { STRATA_IMPORT_FORMAT_KERAS_JSON, { ".json" },
    strata_import_keras_json_sniff, strata_import_keras_json },
  { STRATA_IMPORT_FORMAT_KERAS_ARCHIVE, { ".keras" },
    strata_import_keras_archive_sniff, strata_import_keras_archive },
  { STRATA_IMPORT_FORMAT_KERAS_H5, { ".h5", ".hdf5" },
    strata_import_keras_h5_sniff, strata_import_keras_h5 },
  { STRATA_IMPORT_FORMAT_TORCH_PRINT, { ".txt" },
    strata_import_torch_print_sniff, strata_import_torch_print },
};

/* The order sniffing tries: a magic number (HDF5's signature, a zip's
 * "PK") is surer than the shape of text, and an ONNX protobuf has no
 * magic at all, so it comes last. */
static const StrataImportFormat sniff_order[STRATA_N_IMPORT_FORMATS] = {
  STRATA_IMPORT_FORMAT_KERAS_H5,
  STRATA_IMPORT_FORMAT_KERAS_ARCHIVE,
  STRATA_IMPORT_FORMAT_KERAS_JSON,
  STRATA_IMPORT_FORMAT_TORCH_PRINT,
  STRATA_IMPORT_FORMAT_ONNX,
};

/* How far into a file the "format" key of a .strata file is looked for:
 * Strata writes it first, and a person rarely moves it far. */
#define STRATA_SNIFF_BYTES 4096

const char * const *
strata_import_format_get_extensions (StrataImportFormat format)
{
  g_return_val_if_fail (format < STRATA_N_IMPORT_FORMATS, NULL);

  return formats[format].extensions;
}

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

/* A JSON object whose "format" is "strata", within the first bytes. */
static gboolean
sniff_strata (GBytes *contents)
{
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  const char *end;
  static const char key[] = "\"format\"";
  static const char value[] = "\"strata\"";
  const char *p;

  /* Empty contents have no data: NULL + 0 is undefined. */
  if (data == NULL)
    return FALSE;
  end = data + MIN (length, STRATA_SNIFF_BYTES);
  p = skip_space (data, end);
  if (p == end || *p != '{')
    return FALSE;
  for (; p + sizeof key - 1 <= end; p++)
    {
      const char *q;

      if (memcmp (p, key, sizeof key - 1) != 0)
        continue;
      q = skip_space (p + sizeof key - 1, end);
      if (q == end || *q != ':')
        continue;
      q = skip_space (q + 1, end);
      if (q + sizeof value - 1 <= end && memcmp (q, value, sizeof value - 1) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
strata_import_detect (GBytes             *contents,
                      StrataImportFormat *out)
{
  g_return_val_if_fail (contents != NULL, FALSE);

  if (sniff_strata (contents))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sniff_order); i++)
    {
      if (formats[sniff_order[i]].sniff (contents))
        {
          if (out != NULL)
            *out = sniff_order[i];
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
has_extension (const char *basename,
               const char *extension)
{
  gsize n = strlen (basename), e = strlen (extension);

  return n > e && g_ascii_strcasecmp (basename + n - e, extension) == 0;
}

static gboolean
format_has_extension (StrataImportFormat  format,
                      const char         *basename)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats[format].extensions); i++)
    if (formats[format].extensions[i] != NULL &&
        has_extension (basename, formats[format].extensions[i]))
      return TRUE;
  return FALSE;
}

/* What reads the contents: Strata's loader (*strata), or a reader. */
static gboolean
choose_reader (GBytes             *contents,
               const char         *basename,
               gboolean           *strata,
               StrataImportFormat *format)
{
  gboolean found = FALSE;

  *strata = sniff_strata (contents);
  if (*strata)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (sniff_order); i++)
    {
      StrataImportFormat f = sniff_order[i];

      if (!formats[f].sniff (contents))
        continue;
      /* The first that recognises it, unless a later one also does and
       * the name says it is that one. */
      if (!found || format_has_extension (f, basename))
        *format = f;
      if (format_has_extension (f, basename))
        return TRUE;
      found = TRUE;
    }
  if (found)
    return TRUE;

  /* Nothing recognised it: a damaged file, which its own reader
   * describes best, if its name says which. */
  if (has_extension (basename, ".strata"))
    {
      *strata = TRUE;
      return TRUE;
    }
  for (guint f = 0; f < STRATA_N_IMPORT_FORMATS; f++)
    {
      if (format_has_extension (f, basename))
        {
          *format = f;
          return TRUE;
        }
    }
  return FALSE;
}

/* The file's contents: mapped when it is a regular file on a disk, so
 * that what a reader skips is never read; otherwise read up to the limit. */
static GBytes *
read_contents (GFile         *file,
               const char    *name,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;

  if (path != NULL)
    info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                              cancellable, NULL);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return strata_read_file (file, STRATA_IMPORT_MAX_READ, cancellable, error);

  /* Read-only and private: a file changed by another program while it
   * is read changes under the reader, which bounds every read by the
   * length it was given; one cut short meanwhile is beyond any reader. */
  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, STRATA_FILE_ERROR, STRATA_FILE_ERROR_READ, _("Could not read “%s”: %s"),
                   name, local_error->message);
      return NULL;
    }
  return g_mapped_file_get_bytes (mapped);
}

StrataNetwork *
strata_import_load_bytes (GBytes                     *contents,
                          const char                 *display_name,
                          const StrataImportOptions  *options,
                          GPtrArray                  *warnings,
                          gboolean                   *is_strata,
                          GError                    **error)
{
  static const StrataImportOptions no_options = { FALSE, 0, 0, 0 };
  g_autofree char *basename = NULL;
  g_autoptr(GPtrArray) own_warnings = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  StrataImportFormat format = STRATA_IMPORT_FORMAT_ONNX;
  gboolean strata = FALSE;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &no_options;
  if (warnings == NULL)
    warnings = own_warnings = g_ptr_array_new_with_free_func (g_free);

  basename = g_path_get_basename (display_name);
  if (!choose_reader (contents, basename, &strata, &format))
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_UNKNOWN_FORMAT,
                   _("“%s” is not a network file Strata reads (Strata, ONNX, Keras or the text "
                     "PyTorch prints for a model)"), display_name);
      return NULL;
    }

  if (strata)
    {
      gsize length;
      const char *data = g_bytes_get_data (contents, &length);

      network = strata_file_load_data (data != NULL ? data : "", length, display_name, error);
      if (network != NULL && options->has_input)
        strata_network_set_input (network, options->height, options->width, options->channels);
    }
  else
    /* Each reader names the network after the model. */
    network = formats[format].read (contents, display_name, options, warnings, error);
  if (network == NULL)
    return NULL;

  if (is_strata != NULL)
    *is_strata = strata;
  return g_steal_pointer (&network);
}

StrataNetwork *
strata_import_load_full (GFile                      *file,
                         const StrataImportOptions  *options,
                         GPtrArray                  *warnings,
                         gboolean                   *is_strata,
                         GCancellable               *cancellable,
                         GError                    **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(StrataNetwork) network = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  name = g_file_get_parse_name (file);
  contents = read_contents (file, name, cancellable, error);
  if (contents == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  network = strata_import_load_bytes (contents, name, options, warnings, is_strata, error);
  if (network == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&network);
}

StrataNetwork *
strata_import_load (GFile                      *file,
                    const StrataImportOptions  *options,
                    GPtrArray                  *warnings,
                    GCancellable               *cancellable,
                    GError                    **error)
{
  return strata_import_load_full (file, options, warnings, NULL, cancellable, error);
}

/* One whole number of a shape, ending at a separator or the end. */
static gboolean
parse_dimension (const char **p,
                 guint       *value)
{
  const char *start = *p;
  guint64 n = 0;

  while (**p >= '0' && **p <= '9')
    {
      n = n * 10 + (guint64) (**p - '0');
      if (n > G_MAXUINT32)
        return FALSE;
      (*p)++;
    }
  if (*p == start || n == 0)
    return FALSE;
  *value = (guint) n;
  return TRUE;
}

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* "x", "X" or "×" (U+00D7), with blanks around it. */
static gboolean
skip_separator (const char **p)
{
  const char *q = skip_blanks (*p);

  if (*q == 'x' || *q == 'X')
    q++;
  else if (g_str_has_prefix (q, "×"))
    q += strlen ("×");
  else
    return FALSE;
  *p = skip_blanks (q);
  return TRUE;
}

gboolean
strata_import_parse_shape (const char           *text,
                           StrataImportOptions  *options,
                           GError              **error)
{
  const char *p;
  guint values[3];

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The input shape is not text (UTF-8)"));
      return FALSE;
    }

  p = skip_blanks (text);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      const char *start;

      if (i > 0 && !skip_separator (&p))
        break;
      start = p;
      if (!parse_dimension (&p, &values[i]))
        {
          g_autofree char *part = g_strndup (start, strspn (start, "0123456789"));

          if (*part != '\0')
            {
              /* Translators: an input shape given with a size of 0 or too large */
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("“%s”: each size of the input shape must be from 1 to %u, not %s"),
                           text, G_MAXUINT32, part);
              return FALSE;
            }
          break;
        }
      if (i == G_N_ELEMENTS (values) - 1 && *skip_blanks (p) == '\0')
        {
          *options = (StrataImportOptions) { TRUE, values[1], values[2], values[0] };
          return TRUE;
        }
    }

  /* Translators: the input shape as PyTorch orders it; keep “3x224x224” as it is */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not an input shape: give channels × height × width, such as "
                 "“3x224x224”"), text);
  return FALSE;
}
