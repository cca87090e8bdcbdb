/* strata-drafts.c: copies of unsaved documents, kept until they are saved or discarded. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "strata-drafts.h"
#include "strata-file.h"

/* A key file rather than JSON around JSON: GLib escapes the network's
 * text for us, and the draft stays one file, written in one go. */
#define GROUP "Draft"
#define SUFFIX ".draft"

char *
strata_drafts_get_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "strata", "drafts", NULL);
}

char *
strata_drafts_new_id (void)
{
  return g_uuid_string_random ();
}

static char *
draft_path (const char *id)
{
  g_autofree char *dir = strata_drafts_get_dir ();
  g_autofree char *name = g_strconcat (id, SUFFIX, NULL);

  return g_build_filename (dir, name, NULL);
}

typedef struct
{
  char   *id;
  gint64  mtime;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a;
  const Entry *y = b;

  if (x->mtime != y->mtime)
    return x->mtime < y->mtime ? -1 : 1;
  return g_strcmp0 (x->id, y->id);
}

GStrv
strata_drafts_list (void)
{
  g_autofree char *dir_path = strata_drafts_get_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *name;

  /* No directory yet: no drafts. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf buf;
      Entry entry;

      /* Half-written temporaries end otherwise and are never listed. */
      if (!g_str_has_suffix (name, SUFFIX) || strlen (name) == strlen (SUFFIX))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (g_stat (path, &buf) != 0 || !S_ISREG (buf.st_mode))
        continue;
      entry.id = g_strndup (name, strlen (name) - strlen (SUFFIX));
      entry.mtime = buf.st_mtime;
      g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      g_strv_builder_add (builder, entry->id);
      g_free (entry->id);
    }
  return g_strv_builder_end (builder);
}

gboolean
strata_drafts_save (const char     *id,
                    StrataNetwork  *network,
                    GFile          *file,
                    const char     *example_id,
                    const char     *title,
                    GError        **error)
{
  return strata_drafts_save_with_history (id, network, NULL, NULL, file, example_id, title,
                                          error);
}

gboolean
strata_drafts_save_with_history (const char          *id,
                                 StrataNetwork       *network,
                                 const char * const  *undo,
                                 const char * const  *redo,
                                 GFile               *file,
                                 const char          *example_id,
                                 const char          *title,
                                 GError             **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *dir = strata_drafts_get_dir ();
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;

  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (STRATA_IS_NETWORK (network), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_key_file_set_string (key_file, GROUP, "File", uri);
    }
  if (example_id != NULL)
    g_key_file_set_string (key_file, GROUP, "Example", example_id);
  if (title != NULL)
    g_key_file_set_string (key_file, GROUP, "Title", title);
  /* Before the network, which may be megabytes: a list of drafts reads
   * only these first lines. */
  g_key_file_set_integer (key_file, GROUP, "Layers", (int) strata_network_get_n_layers (network));
  data = strata_file_to_data (network, NULL);
  g_key_file_set_string (key_file, GROUP, "Network", data);
  /* The states of undo and redo, nearest first, as Undo1, Undo2… and
   * Redo1, Redo2…; at most so many. */
  for (guint i = 0; undo != NULL && undo[i] != NULL && i < STRATA_DRAFTS_MAX_HISTORY; i++)
    {
      g_autofree char *key = g_strdup_printf ("Undo%u", i + 1);

      g_key_file_set_string (key_file, GROUP, key, undo[i]);
    }
  for (guint i = 0; redo != NULL && redo[i] != NULL && i < STRATA_DRAFTS_MAX_HISTORY; i++)
    {
      g_autofree char *key = g_strdup_printf ("Redo%u", i + 1);

      g_key_file_set_string (key_file, GROUP, key, redo[i]);
    }

  path = draft_path (id);
  return g_key_file_save_to_file (key_file, path, error);
}

StrataNetwork *
strata_drafts_load (const char  *id,
                    GFile      **file,
                    char       **example_id,
                    char       **title,
                    GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(StrataNetwork) network = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = draft_path (id);
  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, error))
    return NULL;
  data = g_key_file_get_string (key_file, GROUP, "Network", error);
  if (data == NULL)
    return NULL;
  network = strata_file_load_data (data, strlen (data), path, error);
  if (network == NULL)
    return NULL;

  uri = g_key_file_get_string (key_file, GROUP, "File", NULL);
  if (file != NULL)
    *file = uri != NULL ? g_file_new_for_uri (uri) : NULL;
  if (example_id != NULL)
    *example_id = g_key_file_get_string (key_file, GROUP, "Example", NULL);
  if (title != NULL)
    *title = g_key_file_get_string (key_file, GROUP, "Title", NULL);
  return g_steal_pointer (&network);
}

gboolean
strata_drafts_get_info (const char       *id,
                        StrataDraftInfo  *info,
                        GError          **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) file_info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *uri = NULL;
  g_autoptr(GError) local_error = NULL;
  char *line;

  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *info = (StrataDraftInfo) { NULL, NULL, NULL, -1, 0, 0 };
  path = draft_path (id);
  file = g_file_new_for_path (path);
  file_info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                 G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                 G_FILE_QUERY_INFO_NONE, NULL, error);
  if (file_info == NULL)
    return FALSE;
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;

  /* Up to the network's line: a key file's values are one line each. */
  lines = g_data_input_stream_new (G_INPUT_STREAM (stream));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &local_error)) != NULL)
    {
      gboolean network = g_str_has_prefix (line, "Network=");

      if (!network)
        g_string_append_printf (head, "%s\n", line);
      g_free (line);
      if (network)
        break;
    }
  if (local_error != NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: %s", path,
                   local_error->message);
      return FALSE;
    }
  if (!g_key_file_load_from_data (key_file, head->str, head->len, G_KEY_FILE_NONE, error))
    return FALSE;
  if (!g_key_file_has_group (key_file, GROUP))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                   "%s: no [%s] group", path, GROUP);
      return FALSE;
    }

  info->title = g_key_file_get_string (key_file, GROUP, "Title", NULL);
  info->example_id = g_key_file_get_string (key_file, GROUP, "Example", NULL);
  uri = g_key_file_get_string (key_file, GROUP, "File", NULL);
  info->file = uri != NULL ? g_file_new_for_uri (uri) : NULL;
  if (g_key_file_has_key (key_file, GROUP, "Layers", NULL))
    info->n_layers = MAX (g_key_file_get_integer (key_file, GROUP, "Layers", NULL), 0);
  info->size = g_file_info_get_size (file_info);
  info->modified = (gint64) g_file_info_get_attribute_uint64 (file_info,
                                                              G_FILE_ATTRIBUTE_TIME_MODIFIED);
  return TRUE;
}

void
strata_draft_info_clear (StrataDraftInfo *info)
{
  g_clear_pointer (&info->title, g_free);
  g_clear_pointer (&info->example_id, g_free);
  g_clear_object (&info->file);
}

/* The states kept under PREFIX1, PREFIX2…, up to the first missing. */
static GStrv
get_states (GKeyFile   *key_file,
            const char *prefix)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 1; i <= STRATA_DRAFTS_MAX_HISTORY; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s%u", prefix, i);
      g_autofree char *data = g_key_file_get_string (key_file, GROUP, key, NULL);

      if (data == NULL)
        break;
      g_strv_builder_add (builder, data);
    }
  return g_strv_builder_end (builder);
}

GStrv
strata_drafts_load_history (const char  *id,
                            GStrv       *redo,
                            GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = NULL;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = draft_path (id);
  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, error))
    return NULL;
  if (redo != NULL)
    *redo = get_states (key_file, "Redo");
  return get_states (key_file, "Undo");
}

void
strata_drafts_delete (const char *id)
{
  g_autofree char *path = NULL;

  g_return_if_fail (id != NULL);

  path = draft_path (id);
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Could not remove the draft %s: %s", path, g_strerror (errno));
}
