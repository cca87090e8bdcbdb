/* strata-import-keras-files.c: the model config inside .keras archives (zip) and .h5 files (HDF5, read by a child process). */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* memfd_create () and file seals. */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>

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

/* .h5 files are read by strata-hdf5-config, the only program of Strata's
 * that links libhdf5, in a process of its own: libhdf5 is not made to
 * withstand hostile files, and whatever one makes it do (crash, loop,
 * allocate without end) must end in that process, which limits its own
 * memory and processor time, and be told here as one message. */
#define HDF5_PROGRAM "strata-hdf5-config"
#define HDF5_TIMEOUT_SECONDS 10
#define HDF5_STATUS_REFUSED 3

/* The image as a sealed memfd, the program's standard input, which maps
 * it: one copy, of which libhdf5 reads only the pages it needs. Through a
 * pipe it would be copied twice, and the program would hold all of it in
 * its own memory, which its limit would then have to allow. */
static int
image_fd (const char  *data,
          gsize        length,
          const char  *display_name,
          GError     **error)
{
  int fd = memfd_create ("strata-hdf5-image", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  gsize written = 0;
  int failure = fd < 0 ? errno : 0;

  while (failure == 0 && written < length)
    {
      gssize n = write (fd, data + written, MIN (length - written, G_MAXINT32));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        failure = n < 0 ? errno : ENOSPC;
      else
        written += n;
    }
  if (failure == 0 &&
      fcntl (fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) < 0)
    failure = errno;
  if (failure != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("it cannot be handed to the HDF5 reader: %s"), g_strerror (failure));

      if (fd >= 0)
        close (fd);
      set_error (error, STRATA_IMPORT_ERROR_INVALID, display_name, message);
      return -1;
    }
  return fd;
}

/* A run of the program, driven by a main context of its own so that it
 * works in any thread. */
typedef struct
{
  GSubprocess  *process;
  GInputStream *output;
  GCancellable *cancellable;
  GByteArray   *text;
  gboolean      read_done;
  gboolean      exited;
  gboolean      timed_out;
  gboolean      too_large;
} Run;

static void read_more (Run *run);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                              NULL);
  gsize size;
  const guint8 *data;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      run->read_done = TRUE;
      return;
    }
  data = g_bytes_get_data (bytes, &size);
  /* A config is at most 64 MiB; what says more is not read. */
  if (run->text->len + size > MAX_CONFIG_SIZE)
    {
      run->too_large = TRUE;
      run->read_done = TRUE;
      g_subprocess_force_exit (run->process);
      return;
    }
  g_byte_array_append (run->text, data, size);
  read_more (run);
}

static void
read_more (Run *run)
{
  g_input_stream_read_bytes_async (run->output, 65536, G_PRIORITY_DEFAULT, run->cancellable,
                                   on_read, run);
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  run->exited = TRUE;
}

static gboolean
on_timeout (gpointer user_data)
{
  Run *run = user_data;

  run->timed_out = TRUE;
  g_subprocess_force_exit (run->process);
  /* Whatever still holds its output open, reading stops. */
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_REMOVE;
}

/* What the program's refusal means, from the word it printed. */
static void
set_refusal (GError    **error,
             const char *display_name,
             const char *reason)
{
  static const struct
  {
    const char *reason;
    int         code;
    const char *message;
  } refusals[] = {
    { "not-hdf5", STRATA_IMPORT_ERROR_INVALID,
      N_("not an HDF5 file, or a damaged or truncated one") },
    { "no-model-config", STRATA_IMPORT_ERROR_INVALID,
      N_("the file has no model_config attribute: it holds weights without the model (save it "
         "with model.save, not save_weights)") },
    { "not-a-string", STRATA_IMPORT_ERROR_INVALID,
      N_("its model_config attribute is not one string") },
    { "damaged", STRATA_IMPORT_ERROR_INVALID,
      N_("its model_config attribute cannot be read: the file is damaged") },
    { "empty", STRATA_IMPORT_ERROR_INVALID, N_("its model_config attribute is empty") },
    { "too-large", STRATA_IMPORT_ERROR_TOO_LARGE,
      N_("its model_config attribute is larger than 64 MiB") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    if (g_str_equal (reason, refusals[i].reason))
      {
        set_error (error, refusals[i].code, display_name, _(refusals[i].message));
        return;
      }
  set_error (error, STRATA_IMPORT_ERROR_INVALID, display_name,
             _("libhdf5 could not read it: the file is damaged"));
}

/* The model_config attribute, as strata-hdf5-config prints it. */
static GBytes *
read_model_config (GBytes     *contents,
                   const char *display_name,
                   GError    **error)
{
  const char *libexecdir = g_getenv ("STRATA_LIBEXECDIR");
  g_autofree char *program = g_build_filename (libexecdir != NULL ? libexecdir : LIBEXECDIR,
                                               HDF5_PROGRAM, NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GByteArray) text = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GSource) timeout = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  Run run = { 0 };
  int fd;

  if (length == 0)
    {
      set_error (error, STRATA_IMPORT_ERROR_INVALID, display_name,
                 _("not an HDF5 file, or a damaged or truncated one"));
      return NULL;
    }
  fd = image_fd (data, length, display_name, error);
  if (fd < 0)
    return NULL;

  /* Its standard error is silenced: a sanitizer's or libhdf5's report
   * would only come before our message. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_take_stdin_fd (launcher, fd);
  process = g_subprocess_launcher_spawn (launcher, &local_error, program, NULL);
  if (process == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("the HDF5 reader could not be started (is Strata installed "
                           "completely?): %s"), local_error->message);
      g_autofree char *valid = g_utf8_make_valid (message, -1);

      set_error (error, STRATA_IMPORT_ERROR_INVALID, display_name, valid);
      return NULL;
    }

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  cancellable = g_cancellable_new ();
  text = g_byte_array_new ();
  run = (Run) { process, g_subprocess_get_stdout_pipe (process), cancellable, text,
                FALSE, FALSE, FALSE, FALSE };
  timeout = g_timeout_source_new (HDF5_TIMEOUT_SECONDS * 1000);
  g_source_set_callback (timeout, on_timeout, &run, NULL);
  g_source_attach (timeout, context);
  g_subprocess_wait_async (process, NULL, on_exited, &run);
  read_more (&run);
  while (!run.read_done || !run.exited)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  g_main_context_pop_thread_default (context);

  if (run.timed_out)
    {
      /* Translators: %d is a number of seconds. */
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "libhdf5 took longer than %d second to read it; it was "
                                      "stopped",
                                      "libhdf5 took longer than %d seconds to read it; it was "
                                      "stopped", HDF5_TIMEOUT_SECONDS), HDF5_TIMEOUT_SECONDS);

      set_error (error, STRATA_IMPORT_ERROR_INVALID, display_name, message);
      return NULL;
    }
  if (run.too_large)
    {
      set_error (error, STRATA_IMPORT_ERROR_TOO_LARGE, display_name,
                 _("its model_config attribute is larger than 64 MiB"));
      return NULL;
    }
  if (g_subprocess_get_if_exited (process) &&
      g_subprocess_get_exit_status (process) == HDF5_STATUS_REFUSED)
    {
      g_autofree char *reason = g_strndup ((const char *) text->data, text->len);

      set_refusal (error, display_name, g_strchomp (reason));
      return NULL;
    }
  /* A crash, a kill by its limits, or a status of a sanitizer's. */
  if (!g_subprocess_get_successful (process))
    {
      set_refusal (error, display_name, "");
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&text));
}

StrataNetwork *
strata_import_keras_h5 (GBytes                    *contents,
                        const char                *display_name,
                        const StrataImportOptions *options,
                        GPtrArray                 *warnings,
                        GError                   **error)
{
  g_autoptr(GBytes) config = NULL;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  config = read_model_config (contents, display_name, error);
  if (config == NULL)
    return NULL;
  return strata_import_keras_json (config, display_name, options, warnings, error);
}
