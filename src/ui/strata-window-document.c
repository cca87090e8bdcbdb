/* strata-window-document.c: the window's document: opening, saving, drafts and unsaved changes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "strata-drafts.h"
#include "strata-file.h"
#include "strata-window-private.h"

/* Recent files shown in the Open menu. */
#define MAX_RECENT 8

/* A draft is written this long after the last change, not on every one. */
static guint draft_delay = 2000;

typedef struct
{
  StrataWindowContinuation func;
  gpointer                 data;
  GDestroyNotify           destroy;
} Pending;

static Pending *
pending_new (StrataWindowContinuation func,
             gpointer                 data,
             GDestroyNotify           destroy)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->func = func;
  pending->data = data;
  pending->destroy = destroy;
  return pending;
}

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  if (pending->destroy != NULL)
    pending->destroy (pending->data);
  g_free (pending);
}

static void
pending_run (StrataWindow *self,
             Pending      *pending)
{
  if (pending->func != NULL)
    pending->func (self, pending->data);
  pending_free (pending);
}

/* A recovered draft differs from its file until it is saved. */
static gboolean
is_modified (StrataWindow *self)
{
  return self->recovered || strata_history_get_modified (self->history);
}

/* What the document is called: its file, example or network name. */
static char *
document_name (StrataWindow *self)
{
  const char *network_name = strata_network_get_name (self->network);

  if (self->file != NULL)
    return g_file_get_basename (self->file);
  if (self->example_id != NULL)
    return g_strdup (strata_file_get_example_title (self->example_id));
  if (network_name != NULL)
    return g_strdup (network_name);
  return g_strdup (_("Untitled Network"));
}

/* Title and subtitle say what the document is and whether it is saved. */
void
strata_window_update_title (StrataWindow *self)
{
  g_autofree char *name = document_name (self);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;
  gboolean modified = is_modified (self);

  if (self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);
      g_autofree char *dir = parent != NULL ? g_file_get_parse_name (parent) : NULL;
      const char *home = g_get_home_dir ();

      if (dir != NULL && g_str_has_prefix (dir, home))
        subtitle = g_strconcat ("~", dir + strlen (home), NULL);
      else
        subtitle = g_steal_pointer (&dir);
    }
  else if (self->imported_from != NULL)
    {
      g_autofree char *model = g_file_get_basename (self->imported_from);

      /* Translators: the subtitle of a model imported and not saved yet; %s is its file */
      subtitle = g_strdup_printf (_("Imported from “%s”, not saved"), model);
    }
  else
    subtitle = g_strdup (self->example_id != NULL ? _("Built-in Example") : _("Not Saved"));

  /* Translators: the title of a document with unsaved changes */
  title = modified ? g_strdup_printf (_("• %s"), name) : g_strdup (name);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  /* Translators: the window's title in the system's window list */
  window_title = g_strdup_printf (_("%s — Strata"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

void
strata_window_set_draft_delay (guint milliseconds)
{
  draft_delay = milliseconds;
}

/* The document is saved or given up: its draft has done its job. */
void
strata_window_delete_draft (StrataWindow *self)
{
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  if (self->draft_id != NULL)
    strata_drafts_delete (self->draft_id);
  g_clear_pointer (&self->draft_id, g_free);
}

/* The states of undo and redo kept with a draft stop at this many bytes
 * in all, as they stop at STRATA_DRAFTS_MAX_HISTORY each: making them is
 * most of a draft's cost, 170 ms of processor time for 8.7 MB of states
 * of a network of 5,000 layers, and it happens in the pauses of editing. */
#define MAX_HISTORY_BYTES (4 << 20)
/* Past this many layers, one state is megabytes, and copying the network
 * to walk its history takes longer than a pause in the edits should: the
 * draft keeps the network alone. */
#define MAX_HISTORY_LAYERS 5000

typedef struct
{
  GPtrArray *states;
  gsize     *bytes;
} States;

static gboolean
add_state (StrataNetwork *state,
           gpointer       user_data)
{
  States *states = user_data;
  g_autofree char *data = strata_file_to_data (state, NULL);
  gsize length = strlen (data);

  if (states->states->len >= STRATA_DRAFTS_MAX_HISTORY ||
      *states->bytes + length > MAX_HISTORY_BYTES)
    return FALSE;
  *states->bytes += length;
  g_ptr_array_add (states->states, g_steal_pointer (&data));
  return TRUE;
}

/* The states undo, then redo, would reach, nearest first, as file data,
 * NULL-terminated; undo's first, as it matters more. */
static void
collect_history (StrataWindow *self,
                 GPtrArray    *undo,
                 GPtrArray    *redo)
{
  gsize bytes = 0;
  States undo_states = { undo, &bytes };
  States redo_states = { redo, &bytes };

  if (strata_network_get_n_layers (self->network) <= MAX_HISTORY_LAYERS)
    {
      strata_history_walk_states (self->history, FALSE, add_state, &undo_states);
      strata_history_walk_states (self->history, TRUE, add_state, &redo_states);
    }
  g_ptr_array_add (undo, NULL);
  g_ptr_array_add (redo, NULL);
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  StrataWindow *self = STRATA_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) undo = NULL;
  g_autoptr(GPtrArray) redo = NULL;

  self->draft_timeout_id = 0;

  /* Undone back to what is saved. */
  if (!is_modified (self))
    {
      strata_window_delete_draft (self);
      return G_SOURCE_REMOVE;
    }

  if (self->draft_id == NULL)
    self->draft_id = strata_drafts_new_id ();
  name = document_name (self);
  undo = g_ptr_array_new_with_free_func (g_free);
  redo = g_ptr_array_new_with_free_func (g_free);
  collect_history (self, undo, redo);
  if (!strata_drafts_save_with_history (self->draft_id, self->network,
                                        (const char * const *) undo->pdata,
                                        (const char * const *) redo->pdata,
                                        self->file, self->example_id, name, &error))
    g_warning ("Could not keep a draft of “%s”: %s", name, error->message);
  return G_SOURCE_REMOVE;
}

/* Waits for a pause in the edits, so that typing writes nothing. */
void
strata_window_schedule_draft (StrataWindow *self)
{
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  if (self->history == NULL || (!is_modified (self) && self->draft_id == NULL))
    return;
  self->draft_timeout_id = g_timeout_add (draft_delay, draft_timeout_cb, self);
}

void
strata_window_add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .mime_type = (char *) STRATA_FILE_MIME_TYPE,
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "strata %u",
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

void
strata_window_show_error (StrataWindow *self,
                          const char   *heading,
                          const char   *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);

  g_clear_weak_pointer (&self->message_dialog);
  g_set_weak_pointer (&self->message_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
strata_window_show_open_error (StrataWindow *self,
                               GFile        *file,
                               const GError *error)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  g_return_if_fail (STRATA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (error != NULL);

  name = g_file_get_basename (file);
  /* Translators: the heading of a dialog; %s is a file name */
  heading = g_strdup_printf (_("Could Not Open “%s”"), name);
  strata_window_show_error (self, heading, error->message);
}

gboolean
strata_window_open_file (StrataWindow *self,
                         GFile        *file)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (STRATA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!strata_window_load_file (self, file, NULL, &error))
    {
      strata_window_show_open_error (self, file, error);
      return FALSE;
    }
  return TRUE;
}

/* The document becomes @state (whose layers it takes), one step to undo. */
static void
replace_document (StrataWindow  *self,
                  StrataNetwork *state)
{
  guint n = strata_network_get_n_layers (state);
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  /* Taken before its layers leave it, which would drop them. */
  g_autoptr(GArray) groups = strata_network_dup_groups (state);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (layers, g_object_ref (strata_network_get_layer (state, i)));
  /* All at once: no layer is rewired as one removed alone would be. */
  strata_network_splice (state, 0, n, NULL, 0);

  strata_history_begin_group (self->history);
  strata_network_splice (self->network, 0, strata_network_get_n_layers (self->network),
                         (StrataLayer **) layers->pdata, n);
  strata_network_set_input_like (self->network, state);
  strata_network_set_groups (self->network, groups);
  strata_history_end_group (self->history);
  strata_history_break_merge (self->history);
}

/* The states of @data that read, in order, up to the first that does not:
 * those after it could not be reached without it. */
static GPtrArray *
load_states (const char * const *data,
             const char         *id)
{
  GPtrArray *states = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; data != NULL && data[i] != NULL; i++)
    {
      StrataNetwork *state = strata_file_load_data (data[i], strlen (data[i]), id, NULL);

      if (state == NULL)
        break;
      g_ptr_array_add (states, state);
    }
  return states;
}

void
strata_window_recover_draft (StrataWindow       *self,
                             const char         *id,
                             StrataNetwork      *network,
                             GFile              *file,
                             const char         *example_id,
                             const char * const *undo,
                             const char * const *redo)
{
  g_autoptr(GPtrArray) undo_states = NULL;
  g_autoptr(GPtrArray) redo_states = NULL;

  g_return_if_fail (STRATA_IS_WINDOW (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (STRATA_IS_NETWORK (network));

  /* The oldest state of undo opens, each later one replaces it as one
   * step, the draft itself, then the states of redo, which undo goes back
   * from: undo and redo walk the same states as before. */
  undo_states = load_states (undo, id);
  redo_states = load_states (redo, id);
  if (undo_states->len > 0)
    {
      strata_window_set_document (self, undo_states->pdata[undo_states->len - 1], file,
                                  example_id);
      for (guint i = undo_states->len - 1; i-- > 0;)
        replace_document (self, undo_states->pdata[i]);
      replace_document (self, network);
    }
  else
    strata_window_set_document (self, network, file, example_id);
  for (guint i = 0; i < redo_states->len; i++)
    replace_document (self, redo_states->pdata[i]);
  for (guint i = 0; i < redo_states->len; i++)
    strata_history_undo (self->history, NULL);

  self->draft_id = g_strdup (id);
  self->recovered = TRUE;
  strata_window_update_title (self);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Recovered unsaved changes")));
}

gboolean
strata_window_open_example (StrataWindow *self,
                            const char   *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataNetwork) network = NULL;

  g_return_val_if_fail (STRATA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  network = strata_file_load_example (id, &error);
  if (network == NULL)
    {
      strata_window_show_error (self, _("Could Not Open the Example"), error->message);
      return FALSE;
    }

  strata_window_set_document (self, network, NULL, id);
  return TRUE;
}

gboolean
strata_window_save_to (StrataWindow *self,
                       GFile        *file)
{
  g_autoptr(GError) error = NULL;

  if (!strata_file_save (self->network, file, NULL, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = NULL;

      /* Translators: the heading of a dialog; %s is a file name */
      heading = g_strdup_printf (_("Could Not Save “%s”"), name);
      strata_window_show_error (self, heading, error->message);
      return FALSE;
    }

  g_set_object (&self->file, file);
  g_clear_pointer (&self->example_id, g_free);
  self->recovered = FALSE;
  strata_history_set_unmodified (self->history);
  strata_window_delete_draft (self);
  strata_window_add_recent (file);
  strata_window_update_title (self);
  return TRUE;
}

static void
save_as_response_cb (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  StrataWindow *self = STRATA_WINDOW (gtk_native_dialog_get_transient_for (native));
  Pending *pending = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  if (file != NULL && strata_window_save_to (self, file))
    pending_run (self, pending);
  else
    pending_free (pending);

  g_object_unref (native);
}

GtkFileFilter *
strata_window_file_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Strata Networks"));
  gtk_file_filter_add_pattern (filter, "*.strata");
  gtk_file_filter_add_mime_type (filter, STRATA_FILE_MIME_TYPE);
  return filter;
}

void
strata_window_save_as (StrataWindow             *self,
                       StrataWindowContinuation  func,
                       gpointer                  data,
                       GDestroyNotify            destroy)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = strata_window_file_filter_new ();
  g_autofree char *name = NULL;

  native = gtk_file_chooser_native_new (_("Save Network"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), self->file, NULL);
  else
    {
      const char *base = self->example_id != NULL ? self->example_id
                                                  : strata_network_get_name (self->network);

      /* Translators: the file name offered for a new network; keep ".strata" */
      name = base != NULL ? g_strdup_printf ("%s.strata", base) : g_strdup (_("network.strata"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
      /* An import is saved beside its model unless the user says otherwise. */
      if (self->imported_from != NULL)
        {
          g_autoptr(GFile) folder = g_file_get_parent (self->imported_from);

          if (folder != NULL)
            gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
        }
    }

  g_signal_connect (native, "response", G_CALLBACK (save_as_response_cb),
                    pending_new (func, data, destroy));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

typedef struct
{
  StrataWindow *self;
  Pending      *pending;
} Deferred;

static gboolean
run_deferred_cb (gpointer data)
{
  Deferred *deferred = data;

  pending_run (deferred->self, deferred->pending);
  g_object_unref (deferred->self);
  g_free (deferred);
  return G_SOURCE_REMOVE;
}

/* Runs @pending once the dialog answering for @self has closed: the
 * continuation may close the window, which must outlive its dialog. */
static void
pending_run_later (StrataWindow *self,
                   Pending      *pending)
{
  Deferred *deferred = g_new0 (Deferred, 1);

  deferred->self = g_object_ref (self);
  deferred->pending = pending;
  g_idle_add (run_deferred_cb, deferred);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  StrataWindow *self = STRATA_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  Pending *pending = user_data;

  if (g_str_equal (response, "discard"))
    pending_run_later (self, pending);
  else if (g_str_equal (response, "save"))
    {
      if (self->file == NULL)
        {
          strata_window_save_as (self, pending->func, pending->data, pending->destroy);
          g_free (pending);
        }
      else if (strata_window_save_to (self, self->file))
        pending_run_later (self, pending);
      else
        pending_free (pending);
    }
  else
    pending_free (pending);
}

void
strata_window_confirm_discard (StrataWindow             *self,
                               StrataWindowContinuation  func,
                               gpointer                  data,
                               GDestroyNotify            destroy)
{
  GtkWidget *dialog;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (STRATA_IS_WINDOW (self));

  if (!is_modified (self))
    {
      pending_run (self, pending_new (func, data, destroy));
      return;
    }

  name = document_name (self);
  body = g_strdup_printf (_("“%s” has unsaved changes. Changes which are not saved will be "
                            "permanently lost."), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb),
                    pending_new (func, data, destroy));

  g_clear_weak_pointer (&self->message_dialog);
  g_set_weak_pointer (&self->message_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_confirmed_cb (StrataWindow *self,
                    gpointer      data)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

gboolean
strata_window_close_document (StrataWindow *self)
{
  if (self->close_confirmed || self->history == NULL || !is_modified (self))
    {
      /* Saved, unchanged or discarded: nothing left to recover. */
      strata_window_delete_draft (self);
      return TRUE;
    }

  strata_window_confirm_discard (self, close_confirmed_cb, NULL, NULL);
  return FALSE;
}

/* Most recently used first. */
static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  return g_date_time_compare (gtk_recent_info_get_modified ((GtkRecentInfo *) b),
                              gtk_recent_info_get_modified ((GtkRecentInfo *) a));
}

void
strata_window_rebuild_recent (StrataWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  GList *strata_items = NULL;
  guint n = 0;

  g_menu_remove_all (self->recent_section);

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (g_str_has_suffix (gtk_recent_info_get_uri (info), ".strata") &&
          gtk_recent_info_exists (info))
        strata_items = g_list_prepend (strata_items, info);
    }

  strata_items = g_list_sort (strata_items, compare_recent);
  for (GList *l = strata_items; l != NULL && n < MAX_RECENT; l = l->next, n++)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GMenuItem) item = NULL;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_section, item);
    }

  g_list_free (strata_items);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

GFile *
strata_window_get_file (StrataWindow *self)
{
  g_return_val_if_fail (STRATA_IS_WINDOW (self), NULL);

  return self->file;
}

gboolean
strata_window_get_modified (StrataWindow *self)
{
  g_return_val_if_fail (STRATA_IS_WINDOW (self), FALSE);

  return is_modified (self);
}
