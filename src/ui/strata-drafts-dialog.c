/* strata-drafts-dialog.c: the networks an earlier run left unsaved, offered to reopen or discard. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-drafts-dialog.h"
#include "strata-drafts.h"
#include "strata-window-private.h"

#define DATA_KEY "strata-drafts-dialog"

typedef struct
{
  GtkApplication *application;
  GtkWindow      *parent;   /* weak */
  GtkListBox     *list;
  GtkWidget      *old_button;
  /* id → its row (borrowed), for every draft still listed; the ids of
   * old ones, and of those that can be opened. */
  GHashTable     *rows;
  GHashTable     *old;
  GHashTable     *readable;
} Dialog;

static void
dialog_free (Dialog *dialog)
{
  g_clear_weak_pointer (&dialog->parent);
  g_clear_object (&dialog->application);
  g_clear_pointer (&dialog->rows, g_hash_table_unref);
  g_clear_pointer (&dialog->old, g_hash_table_unref);
  g_clear_pointer (&dialog->readable, g_hash_table_unref);
  g_free (dialog);
}

/* A draft being read in a thread, and where it goes once read. */
typedef struct
{
  char           *id;
  GtkApplication *application;
  GWeakRef        parent;
  StrataNetwork  *network;
  GFile          *file;
  char           *example_id;
  GStrv           undo;
  GStrv           redo;
} Load;

static void
load_free (Load *load)
{
  g_free (load->id);
  g_clear_object (&load->application);
  g_weak_ref_clear (&load->parent);
  g_clear_object (&load->network);
  g_clear_object (&load->file);
  g_free (load->example_id);
  g_strfreev (load->undo);
  g_strfreev (load->redo);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;

  load->network = strata_drafts_load (load->id, &load->file, &load->example_id, NULL, &error);
  if (load->network == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A draft whose history cannot be read still gives back the document. */
  load->undo = strata_drafts_load_history (load->id, &load->redo, NULL);
  g_task_return_boolean (task, TRUE);
}

/* The window that was there before any draft was opened, while it shows
 * the example untouched: the first draft takes its place rather than
 * leaving the user an extra window to close. */
static StrataWindow *
untouched_window (GtkWindow *window)
{
  StrataWindow *self;

  if (!STRATA_IS_WINDOW (window))
    return NULL;
  self = STRATA_WINDOW (window);
  if (self->example_id == NULL || self->draft_id != NULL || strata_window_get_modified (self) ||
      strata_window_is_importing (self))
    return NULL;
  return self;
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&load->parent);
  g_autoptr(GError) error = NULL;
  StrataWindow *window = untouched_window (parent);

  if (window == NULL)
    window = strata_window_new (load->application);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    strata_window_recover_draft (window, load->id, load->network, load->file, load->example_id,
                                 (const char * const *) load->undo,
                                 (const char * const *) load->redo);
  gtk_window_present (GTK_WINDOW (window));
  /* Kept: it is listed again at the next start, to try or discard. */
  if (error != NULL)
    strata_window_show_error (window, _("Could Not Open the Draft"), error->message);
  /* The window holds the application now. */
  g_application_release (G_APPLICATION (load->application));
}

static void
unlist (Dialog     *dialog,
        const char *id)
{
  GtkWidget *row = g_hash_table_lookup (dialog->rows, id);

  if (row == NULL)
    return;
  gtk_list_box_remove (dialog->list, row);
  g_hash_table_remove (dialog->old, id);
  g_hash_table_remove (dialog->readable, id);
  g_hash_table_remove (dialog->rows, id);
  gtk_widget_set_visible (dialog->old_button, g_hash_table_size (dialog->old) > 0);
}

/* Once every draft is opened or discarded, there is nothing left to ask.
 * Called last: closing frees @dialog. */
static void
close_if_empty (AdwMessageDialog *message_dialog,
                Dialog           *dialog)
{
  if (g_hash_table_size (dialog->rows) == 0)
    gtk_window_close (GTK_WINDOW (message_dialog));
}

static void
open_draft (Dialog     *dialog,
            const char *id)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  if (!g_hash_table_contains (dialog->readable, id))
    return;
  load = g_new0 (Load, 1);
  load->id = g_strdup (id);
  load->application = g_object_ref (dialog->application);
  g_weak_ref_init (&load->parent, dialog->parent);
  /* A 100,000-layer draft takes seconds to read: the windows open
   * meanwhile stay responsive. */
  /* Until the draft has its window: the user may close every other one
   * while it is read. */
  g_application_hold (G_APPLICATION (dialog->application));
  task = g_task_new (NULL, NULL, load_done_cb, NULL);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
  unlist (dialog, id);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  Dialog *dialog = g_object_get_data (user_data, DATA_KEY);

  open_draft (dialog, g_variant_get_string (parameter, NULL));
  close_if_empty (user_data, dialog);
}

static void
discard_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  const char *id = g_variant_get_string (parameter, NULL);
  Dialog *dialog = g_object_get_data (user_data, DATA_KEY);

  if (!g_hash_table_contains (dialog->rows, id))
    return;
  strata_drafts_delete (id);
  unlist (dialog, id);
  close_if_empty (user_data, dialog);
}

static void
discard_old_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  Dialog *dialog = g_object_get_data (user_data, DATA_KEY);
  g_autofree gpointer *ids = (gpointer *) g_hash_table_get_keys_as_array (dialog->old, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup (ids[i]);

      strata_drafts_delete (id);
      unlist (dialog, id);
    }
  close_if_empty (user_data, dialog);
}

static void
response_cb (AdwMessageDialog *message_dialog,
             const char       *response,
             Dialog           *dialog)
{
  g_autofree gpointer *ids = NULL;

  if (!g_str_equal (response, "open-all"))
    return;
  ids = (gpointer *) g_hash_table_get_keys_as_array (dialog->readable, NULL);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup (ids[i]);

      open_draft (dialog, id);
    }
  /* The dialog closes itself after a response. */
}

/* "today at 14:02", or the date and time. */
static char *
format_when (gint64 modified)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (modified);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = NULL;

  if (when == NULL)
    return g_strdup ("");
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    {
      time = g_date_time_format (when, "%H:%M");
      /* Translators: when a draft was last written, e.g. "today at 14:02" */
      return g_strdup_printf (_("today at %s"), time);
    }
  /* Translators: a draft's date and time, see the strftime manual */
  return g_date_time_format (when, _("%x at %H:%M"));
}

static GtkWidget *
new_button (GtkWidget  *button,
            const char *tooltip,
            const char *action,
            const char *id)
{
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  return button;
}

static void
add_row (Dialog     *dialog,
         const char *id,
         gint64      now)
{
  StrataDraftInfo info;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  if (strata_drafts_get_info (id, &info, &error))
    {
      g_autofree char *size = strata_format_bytes ((guint64) info.size);
      g_autofree char *when = format_when (info.modified);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     info.title != NULL ? info.title : _("Unsaved network"));
      if (info.n_layers >= 0)
        {
          g_autofree char *count = strata_format_count ((guint64) info.n_layers);

          g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%s layer", "%s layers",
                                                         (gulong) info.n_layers),
                                  count);
          /* Translators: separates a draft's layers, size and date */
          g_string_append (subtitle, _(" · "));
        }
      g_string_append (subtitle, size);
      g_string_append (subtitle, _(" · "));
      g_string_append (subtitle, when);
      if (now - info.modified > (gint64) STRATA_DRAFTS_OLD_DAYS * 24 * 60 * 60)
        {
          g_string_append (subtitle, _(" · "));
          g_string_append_printf (subtitle,
                                  g_dngettext (GETTEXT_PACKAGE, "older than %d day",
                                               "older than %d days", STRATA_DRAFTS_OLD_DAYS),
                                  STRATA_DRAFTS_OLD_DAYS);
          g_hash_table_add (dialog->old, g_strdup (id));
        }
      g_hash_table_add (dialog->readable, g_strdup (id));
      button = new_button (gtk_button_new_with_mnemonic (_("_Open")),
                           _("Open in a window, unsaved"), "drafts.open", id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      strata_draft_info_clear (&info);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Unreadable draft"));
      g_string_append (subtitle, error->message);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  button = new_button (gtk_button_new_from_icon_name ("user-trash-symbolic"),
                       _("Discard: delete the draft and lose its changes"), "drafts.discard", id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Discard"), -1);
  gtk_widget_add_css_class (button, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  gtk_list_box_append (dialog->list, row);
  g_hash_table_insert (dialog->rows, g_strdup (id), row);
}

AdwMessageDialog *
strata_drafts_dialog_new (GtkApplication     *application,
                          GtkWindow          *parent,
                          const char * const *ids)
{
  static const GActionEntry entries[] = {
    { "open", open_action, "s" },
    { "discard", discard_action, "s" },
    { "discard-old", discard_old_action },
  };
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  Dialog *dialog = g_new0 (Dialog, 1);
  GtkWidget *message_dialog;
  GtkWidget *box, *scrolled;
  guint n = g_strv_length ((GStrv) ids);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *old_label = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ids != NULL && ids[0] != NULL, NULL);

  message_dialog = adw_message_dialog_new (parent, g_dngettext (GETTEXT_PACKAGE,
                                                                "Unsaved Network Recovered",
                                                                "Unsaved Networks Recovered", n),
                                           NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (message_dialog), "%s",
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "Strata closed before this network was saved. "
                                               "Open it to go on where you were, or discard it.",
                                               "Strata closed before these networks were saved. "
                                               "Open them to go on where you were, or discard "
                                               "them.", n));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (message_dialog),
                                    "later", _("_Keep for Later"),
                                    "open-all", _("_Open All"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message_dialog), "open-all",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message_dialog), "open-all");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message_dialog), "later");

  dialog->application = g_object_ref (application);
  g_set_weak_pointer (&dialog->parent, parent);
  dialog->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dialog->old = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dialog->readable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_object_set_data_full (G_OBJECT (message_dialog), DATA_KEY, dialog,
                          (GDestroyNotify) dialog_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  dialog->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (dialog->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (dialog->list), "boxed-list");
  /* Five drafts fit on a laptop's screen; more scroll. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (dialog->list));
  gtk_box_append (GTK_BOX (box), scrolled);

  /* The latest first: what the user was doing last. */
  for (guint i = n; i > 0; i--)
    add_row (dialog, ids[i - 1], now);

  old_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Discard Drafts Older Than %d Day",
                                            "Discard Drafts Older Than %d Days",
                                            STRATA_DRAFTS_OLD_DAYS),
                               STRATA_DRAFTS_OLD_DAYS);
  dialog->old_button = gtk_button_new_with_label (old_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (dialog->old_button), "drafts.discard-old");
  gtk_widget_add_css_class (dialog->old_button, "destructive-action");
  gtk_widget_set_halign (dialog->old_button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (dialog->old_button, g_hash_table_size (dialog->old) > 0);
  gtk_box_append (GTK_BOX (box), dialog->old_button);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (message_dialog), box);
  /* Room for a name, its details and two buttons. */
  gtk_window_set_default_size (GTK_WINDOW (message_dialog), 560, -1);

  g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries),
                                   message_dialog);
  gtk_widget_insert_action_group (message_dialog, "drafts", G_ACTION_GROUP (actions));
  g_signal_connect (message_dialog, "response", G_CALLBACK (response_cb), dialog);

  return ADW_MESSAGE_DIALOG (message_dialog);
}

guint
strata_drafts_dialog_get_n_listed (AdwMessageDialog *message_dialog)
{
  Dialog *dialog = g_object_get_data (G_OBJECT (message_dialog), DATA_KEY);

  g_return_val_if_fail (dialog != NULL, 0);

  return g_hash_table_size (dialog->rows);
}
