/* strata-import-keras-files.c: the model config inside .keras archives (zip) and .h5 files (HDF5). */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include "strata-import.h"

/* A model's config is text of at most this many bytes, as a .strata
 * file is; past it an archive's config.json stops being inflated. */
#define MAX_CONFIG_SIZE (64 * 1024 * 1024)
/* Keras writes config.json second of three entries; a zip with
 * thousands before it is not a Keras archive. */
#define MAX_ENTRIES 1000
#define ZIP_MAGIC "PK\003\004"
#define HDF5_MAGIC "\211HDF\r\n\032\n"
#define SNIFF_BYTES 65536

static gboolean
contains (const char *data,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

gboolean
strata_import_keras_archive_sniff (GBytes *contents)
{
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);

  /* Any zip starts so (a PyTorch checkpoint too); a .keras archive names
   * config.json in one of its first local headers. */
  return length >= 4 && memcmp (data, ZIP_MAGIC, 4) == 0 &&
         contains (data, MIN (length, SNIFF_BYTES), "config.json");
}

static void
set_error (GError    **error,
           int         code,
           const char *file,
           const char *message)
{
  /* Translators: "FILE: MESSAGE" */
  g_set_error (error, STRATA_IMPORT_ERROR, code, _("“%s”: %s"), file, message);
}

/* The whole of the entry the archive is at, or NULL past the limit or on
 * a damaged entry. */
static GBytes *
read_entry (struct archive *archive,
            const char     *file,
            GError        **error)
{
  g_autoptr(GByteArray) text = g_byte_array_new ();
  char buffer[65536];

  for (;;)
    {
      la_ssize_t n = archive_read_data (archive, buffer, sizeof buffer);

      if (n == 0)
        break;
      if (n < 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("its config.json cannot be read: %s"),
                             archive_error_string (archive) ? archive_error_string (archive)
                                                            : _("damaged archive"));
          g_autofree char *valid = g_utf8_make_valid (message, -1);

          set_error (error, STRATA_IMPORT_ERROR_INVALID, file, valid);
          return NULL;
        }
      if (text->len + (gsize) n > MAX_CONFIG_SIZE)
        {
          set_error (error, STRATA_IMPORT_ERROR_TOO_LARGE, file,
                     _("its config.json is larger than 64 MiB once inflated; reading stopped "
                       "there"));
          return NULL;
        }
      g_byte_array_append (text, (const guint8 *) buffer, n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&text));
}

StrataNetwork *
strata_import_keras_archive (GBytes                    *contents,
                             const char                *display_name,
                             const StrataImportOptions *options,
                             GPtrArray                 *warnings,
                             GError                   **error)
{
  struct archive *archive;
  struct archive_entry *entry;
  g_autoptr(GBytes) config = NULL;
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  gboolean found = FALSE;
  int status = ARCHIVE_OK;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  archive = archive_read_new ();
  archive_read_support_format_zip (archive);
  if (length == 0 || archive_read_open_memory (archive, data, length) != ARCHIVE_OK)
    {
      set_error (error, STRATA_IMPORT_ERROR_INVALID, display_name,
                 _("not a .keras archive (not a zip file)"));
      archive_read_free (archive);
      return NULL;
    }
  for (guint i = 0; i < MAX_ENTRIES; i++)
    {
      status = archive_read_next_header (archive, &entry);
      if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
        break;
      if (g_strcmp0 (archive_entry_pathname (entry), "config.json") == 0)
        {
          found = TRUE;
          config = read_entry (archive, display_name, error);
          break;
        }
    }
  if (!found && (status == ARCHIVE_OK || status == ARCHIVE_WARN))
    set_error (error, STRATA_IMPORT_ERROR_TOO_LARGE, display_name,
               _("no config.json among the first 1000 entries of the archive"));
  else if (!found && status != ARCHIVE_EOF)
    {
      g_autofree char *message =
        g_strdup_printf (_("the archive is damaged: %s"),
                         archive_error_string (archive) ? archive_error_string (archive)
                                                        : _("unreadable entry"));
      g_autofree char *valid = g_utf8_make_valid (message, -1);

      set_error (error, STRATA_IMPORT_ERROR_INVALID, display_name, valid);
    }
  else if (!found)
    set_error (error, STRATA_IMPORT_ERROR_INVALID, display_name,
               _("the archive has no config.json: it is not a Keras model"));
  archive_read_free (archive);

  if (config == NULL)
    return NULL;
  return strata_import_keras_json (config, display_name, options, warnings, error);
}

gboolean
strata_import_keras_h5_sniff (GBytes *contents)
{
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);

  /* The signature is at 0, or after a user block of 512 bytes, 1024, … */
  for (gsize offset = 0; offset + 8 <= length; offset = offset == 0 ? 512 : offset * 2)
    if (memcmp (data + offset, HDF5_MAGIC, 8) == 0)
      return TRUE;
  return FALSE;
}

/* libhdf5 keeps global state and is built without thread safety. */
static GMutex hdf5_lock;

/* The model_config attribute of the root of @file, a scalar string
 * attribute of fixed or variable length. */
static GBytes *
read_model_config (hid_t       file,
                   const char *display_name,
                   GError    **error)
{
  hid_t attribute = H5I_INVALID_HID, type = H5I_INVALID_HID, memory_type = H5I_INVALID_HID;
  hid_t space = H5I_INVALID_HID;
  GBytes *config = NULL;
  htri_t exists = H5Aexists (file, "model_config");

  if (exists <= 0)
    {
      set_error (error, STRATA_IMPORT_ERROR_INVALID, display_name,
                 _("the file has no model_config attribute: it holds weights without the "
                   "model (save it with model.save, not save_weights)"));
      return NULL;
    }
  if ((attribute = H5Aopen (file, "model_config", H5P_DEFAULT)) < 0 ||
      (type = H5Aget_type (attribute)) < 0 || (space = H5Aget_space (attribute)) < 0 ||
      H5Tget_class (type) != H5T_STRING || H5Sget_simple_extent_npoints (space) != 1)
    {
      set_error (error, STRATA_IMPORT_ERROR_INVALID, display_name,
                 _("its model_config attribute is not one string"));
      goto out;
    }

  /* libhdf5 converts no text between character sets: h5py writes UTF-8. */
  memory_type = H5Tcopy (H5T_C_S1);
  if (H5Tset_cset (memory_type, H5Tget_cset (type)) < 0)
    {
      set_error (error, STRATA_IMPORT_ERROR_INVALID, display_name,
                 _("its model_config attribute is not one string"));
      goto out;
    }
  if (H5Tis_variable_str (type) > 0)
    {
      char *text = NULL;

      if (H5Tset_size (memory_type, H5T_VARIABLE) < 0 ||
          H5Aread (attribute, memory_type, &text) < 0 || text == NULL)
        set_error (error, STRATA_IMPORT_ERROR_INVALID, display_name,
                   _("its model_config attribute cannot be read: the file is damaged"));
      else if (strnlen (text, MAX_CONFIG_SIZE + 1) > MAX_CONFIG_SIZE)
        set_error (error, STRATA_IMPORT_ERROR_TOO_LARGE, display_name,
                   _("its model_config attribute is larger than 64 MiB"));
      else
        config = g_bytes_new (text, strlen (text));
      if (text != NULL)
        H5free_memory (text);
    }
  else
    {
      size_t size = H5Tget_size (type);
      g_autofree char *text = NULL;

      if (size == 0 || size > MAX_CONFIG_SIZE)
        {
          set_error (error, size == 0 ? STRATA_IMPORT_ERROR_INVALID : STRATA_IMPORT_ERROR_TOO_LARGE,
                     display_name, size == 0 ? _("its model_config attribute is empty")
                                             : _("its model_config attribute is larger than 64 MiB"));
          goto out;
        }
      text = g_malloc0 (size + 1);
      /* Null-padded, so that the last byte stays text: a null-terminated
       * type of the same size would give the terminator its place. */
      if (H5Tset_size (memory_type, size) < 0 ||
          H5Tset_strpad (memory_type, H5T_STR_NULLPAD) < 0 ||
          H5Aread (attribute, memory_type, text) < 0)
        set_error (error, STRATA_IMPORT_ERROR_INVALID, display_name,
                   _("its model_config attribute cannot be read: the file is damaged"));
      else
        /* Padded with NULs or spaces; JSON ignores the spaces. */
        config = g_bytes_new (text, strnlen (text, size));
    }

out:
  if (memory_type >= 0)
    H5Tclose (memory_type);
  if (space >= 0)
    H5Sclose (space);
  if (type >= 0)
    H5Tclose (type);
  if (attribute >= 0)
    H5Aclose (attribute);
  return config;
}

StrataNetwork *
strata_import_keras_h5 (GBytes                    *contents,
                        const char                *display_name,
                        const StrataImportOptions *options,
                        GPtrArray                 *warnings,
                        GError                   **error)
{
  g_autoptr(GBytes) config = NULL;
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  hid_t file;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&hdf5_lock);
  /* Nothing of libhdf5's own reaches standard error: what went wrong is
   * said once, in our message. */
  H5Eset_auto2 (H5E_DEFAULT, NULL, NULL);
  /* Read in place: the file is mapped, and its weights are never read.
   * Opened read-only, libhdf5 never writes to the image. */
  file = length == 0 ? H5I_INVALID_HID
                     : H5LTopen_file_image ((void *) data, length,
                                            H5LT_FILE_IMAGE_DONT_COPY |
                                            H5LT_FILE_IMAGE_DONT_RELEASE);
  if (file < 0)
    set_error (error, STRATA_IMPORT_ERROR_INVALID, display_name,
               _("not an HDF5 file, or a damaged or truncated one"));
  else
    {
      config = read_model_config (file, display_name, error);
      H5Fclose (file);
    }
  g_mutex_unlock (&hdf5_lock);

  if (config == NULL)
    return NULL;
  return strata_import_keras_json (config, display_name, options, warnings, error);
}
