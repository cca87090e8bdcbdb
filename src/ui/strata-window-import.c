/* strata-window-import.c: models of other programs opened, dropped or pasted into the window. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-file.h"
#include "strata-import.h"
#include "strata-window-private.h"

/* Warnings shown in the strip; the rest are counted. */
#define MAX_WARNINGS_SHOWN 8

/* What an import reads: a file, or text pasted (contents and the name
 * messages give it). */
typedef struct
{
  GFile               *file;
  GBytes              *contents;
  char                *display_name;
  StrataImportOptions  options;
} ImportSource;

typedef struct
{
  StrataNetwork *network;
  GPtrArray     *warnings;
  gboolean       is_strata;
} ImportResult;

static void
import_source_free (ImportSource *source)
{
  g_clear_object (&source->file);
  g_clear_pointer (&source->contents, g_bytes_unref);
  g_free (source->display_name);
  g_free (source);
}

static void
import_result_free (ImportResult *result)
{
  g_clear_object (&result->network);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

/* The readers are functions of bytes that touch nothing shared, so a
 * large model is read away from the main loop, which keeps drawing. */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportSource *source = task_data;
  ImportResult *result = g_new0 (ImportResult, 1);
  GError *error = NULL;

  result->warnings = g_ptr_array_new_with_free_func (g_free);
  if (source->file != NULL)
    result->network = strata_import_load_full (source->file, &source->options, result->warnings,
                                               &result->is_strata, cancellable, &error);
  else
    result->network = strata_import_load_bytes (source->contents, source->display_name,
                                                &source->options, result->warnings,
                                                &result->is_strata, &error);
  if (result->network == NULL)
    {
      import_result_free (result);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) import_result_free);
}

static void
hide_progress (StrataWindow *self)
{
  gtk_info_bar_set_revealed (self->progress_bar, FALSE);
  gtk_spinner_stop (self->progress_spinner);
}

static void
progress_response_cb (StrataWindow *self,
                      int           response,
                      GtkInfoBar   *bar)
{
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  hide_progress (self);
}

static void
warnings_response_cb (StrataWindow *self,
                      int           response,
                      GtkInfoBar   *bar)
{
  gtk_info_bar_set_revealed (bar, FALSE);
}

/* One line a warning, the first few of them: a model of a thousand
 * approximations says so in a line, not a thousand. */
static void
show_warnings (StrataWindow *self,
               GPtrArray    *warnings)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (warnings->len == 0)
    return;
  for (guint i = 0; i < warnings->len && i < MAX_WARNINGS_SHOWN; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "",
                            (const char *) g_ptr_array_index (warnings, i));
  if (warnings->len > MAX_WARNINGS_SHOWN)
    {
      guint more = warnings->len - MAX_WARNINGS_SHOWN;

      g_string_append_c (text, '\n');
      /* Translators: after the first warnings of an import; `strata summary` shows them all */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "…and %u more warning",
                                                 "…and %u more warnings", more), more);
    }
  gtk_label_set_label (self->warnings_label, text->str);
  gtk_info_bar_set_revealed (self->warnings_bar, TRUE);
}

static void
set_imported (StrataWindow  *self,
              ImportResult  *result,
              GFile         *file)
{
  if (result->is_strata)
    {
      strata_window_set_document (self, result->network, file, NULL);
      strata_window_add_recent (file);
      return;
    }
  /* An import is a new document: Save asks where its .strata goes. */
  strata_window_set_document (self, result->network, NULL, NULL);
  g_set_object (&self->imported_from, file);
  strata_window_update_title (self);
  show_warnings (self, result->warnings);
}

static void start_import (StrataWindow              *self,
                          GFile                     *file,
                          GBytes                    *contents,
                          const StrataImportOptions *options);

typedef struct
{
  StrataWindow *self;
  GFile        *file;
  GBytes       *contents;
} Retry;

static void
retry_free (gpointer data)
{
  Retry *retry = data;

  g_clear_object (&retry->file);
  g_clear_pointer (&retry->contents, g_bytes_unref);
  g_free (retry);
}

static void
retry_with_shape_cb (StrataWindow              *self,
                     const StrataImportOptions *options,
                     gpointer                   data)
{
  Retry *retry = data;

  start_import (self, retry->file, retry->contents, options);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *task,
                gpointer      user_data)
{
  StrataWindow *self = STRATA_WINDOW (object);
  ImportSource *source = g_task_get_task_data (G_TASK (task));
  g_autoptr(GError) error = NULL;
  ImportResult *result = g_task_propagate_pointer (G_TASK (task), &error);

  /* A newer import took over, or the window went. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->import_cancellable);
  hide_progress (self);

  if (result != NULL)
    {
      set_imported (self, result, source->file);
      import_result_free (result);
      return;
    }

  /* A PyTorch print says nothing of its input: ask, then read it again. */
  if (g_error_matches (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_NEEDS_INPUT) &&
      !source->options.has_input)
    {
      Retry *retry = g_new0 (Retry, 1);

      retry->file = source->file != NULL ? g_object_ref (source->file) : NULL;
      retry->contents = source->contents != NULL ? g_bytes_ref (source->contents) : NULL;
      strata_window_ask_input_shape (self, retry_with_shape_cb, retry, retry_free);
      return;
    }

  if (source->file != NULL)
    strata_window_show_open_error (self, source->file, error);
  else
    strata_window_show_error (self, _("Could Not Import the Model"), error->message);
}

static void
start_import (StrataWindow              *self,
              GFile                     *file,
              GBytes                    *contents,
              const StrataImportOptions *options)
{
  ImportSource *source = g_new0 (ImportSource, 1);
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  /* One import at a time: the one asked for last wins. */
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  self->import_cancellable = g_cancellable_new ();

  source->file = file != NULL ? g_object_ref (file) : NULL;
  source->contents = contents != NULL ? g_bytes_ref (contents) : NULL;
  /* Translators: what messages about a model pasted into the window call it */
  source->display_name = g_strdup (_("Pasted model"));
  if (options != NULL)
    source->options = *options;

  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      /* Translators: shown while a model file is read; %s is its name */
      label = g_strdup_printf (_("Reading “%s”…"), name);
    }
  else
    label = g_strdup (_("Reading the pasted model…"));
  gtk_label_set_label (self->progress_label, label);
  gtk_spinner_start (self->progress_spinner);
  gtk_info_bar_set_revealed (self->progress_bar, TRUE);

  task = g_task_new (self, self->import_cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, source, (GDestroyNotify) import_source_free);
  g_task_run_in_thread (task, import_thread);
}

void
strata_window_import_file (StrataWindow              *self,
                           GFile                     *file,
                           const StrataImportOptions *options)
{
  g_return_if_fail (STRATA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  start_import (self, file, NULL, options);
}

void
strata_window_import_text (StrataWindow              *self,
                           const char                *text,
                           const StrataImportOptions *options)
{
  g_autoptr(GBytes) contents = NULL;

  g_return_if_fail (STRATA_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  contents = g_bytes_new (text, strlen (text));
  start_import (self, NULL, contents, options);
}

gboolean
strata_window_is_importing (StrataWindow *self)
{
  g_return_val_if_fail (STRATA_IS_WINDOW (self), FALSE);

  return self->import_cancellable != NULL;
}

gboolean
strata_window_load_file (StrataWindow               *self,
                         GFile                      *file,
                         const StrataImportOptions  *options,
                         GError                    **error)
{
  ImportResult result = { NULL, NULL, FALSE };
  gboolean loaded;

  g_return_val_if_fail (STRATA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  result.warnings = g_ptr_array_new_with_free_func (g_free);
  result.network = strata_import_load_full (file, options, result.warnings, &result.is_strata,
                                            NULL, error);
  loaded = result.network != NULL;
  if (loaded)
    set_imported (self, &result, file);
  g_clear_object (&result.network);
  g_ptr_array_unref (result.warnings);
  return loaded;
}

/* The dialog asking for an input shape: what to do with it. */
typedef struct
{
  StrataWindowShapeFunc  func;
  gpointer               data;
  GDestroyNotify         destroy;
  GtkEditable           *entry;
  GtkLabel              *problem;
} ShapeRequest;

static void
shape_request_free (gpointer data)
{
  ShapeRequest *request = data;

  if (request->destroy != NULL)
    request->destroy (request->data);
  g_free (request);
}

/* Says what is wrong with the shape as it is typed, and allows Import
 * only once it reads. */
static void
shape_changed_cb (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  ShapeRequest *request = g_object_get_data (G_OBJECT (dialog), "strata-shape-request");
  StrataImportOptions options;
  g_autoptr(GError) error = NULL;
  gboolean valid = strata_import_parse_shape (gtk_editable_get_text (entry), &options, &error);

  adw_message_dialog_set_response_enabled (dialog, "import", valid);
  gtk_label_set_label (request->problem, valid ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (request->problem), !valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
}

static void
shape_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   StrataWindow     *self)
{
  ShapeRequest *request = g_object_get_data (G_OBJECT (dialog), "strata-shape-request");
  StrataImportOptions options;
  const char *text = gtk_editable_get_text (request->entry);

  if (!g_str_equal (response, "import") || !strata_import_parse_shape (text, &options, NULL))
    return;
  /* Offered again next time: a class's models usually share a size. */
  g_free (self->last_input_shape);
  self->last_input_shape = g_strdup (text);
  request->func (self, &options, request->data);
}

void
strata_window_ask_input_shape (StrataWindow          *self,
                               StrataWindowShapeFunc  func,
                               gpointer               data,
                               GDestroyNotify         destroy)
{
  ShapeRequest *request = g_new0 (ShapeRequest, 1);
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *problem = gtk_label_new (NULL);

  request->func = func;
  request->data = data;
  request->destroy = destroy;
  request->entry = GTK_EDITABLE (entry);
  request->problem = GTK_LABEL (problem);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Input Shape"),
                                   _("The text PyTorch prints for a model does not say the shape "
                                     "of its input. Give it as PyTorch orders it: channels × "
                                     "height × width."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "strata-shape-request", request,
                          shape_request_free);

  /* Enter presses Import, which is refused while the shape does not read. */
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry),
                         self->last_input_shape != NULL ? self->last_input_shape : "3x224x224");
  /* Translators: the accessible name of the field of an input shape */
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Input shape (channels × height × width)"), -1);
  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_set_visible (problem, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), problem);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_signal_connect (entry, "changed", G_CALLBACK (shape_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (shape_response_cb), self, 0);

  g_clear_weak_pointer (&self->message_dialog);
  g_set_weak_pointer (&self->message_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Pasting: the clipboard's text, if it is what PyTorch prints. */
typedef struct
{
  char                *text;
  StrataImportOptions  options;
} Paste;

static void
paste_free (gpointer data)
{
  Paste *paste = data;

  g_free (paste->text);
  g_free (paste);
}

static void
paste_confirmed_cb (StrataWindow *self,
                    gpointer      data)
{
  Paste *paste = data;

  strata_window_import_text (self, paste->text, &paste->options);
}

static void
paste_shape_cb (StrataWindow              *self,
                const StrataImportOptions *options,
                gpointer                   data)
{
  Paste *paste = g_new0 (Paste, 1);

  paste->text = g_strdup (data);
  paste->options = *options;
  strata_window_confirm_discard (self, paste_confirmed_cb, paste, paste_free);
}

void
strata_window_paste_model (StrataWindow *self,
                           const char   *text)
{
  g_autoptr(GBytes) contents = NULL;

  g_return_if_fail (STRATA_IS_WINDOW (self));

  if (text != NULL)
    contents = g_bytes_new_static (text, strlen (text));
  if (contents == NULL || !strata_import_torch_print_sniff (contents))
    {
      strata_window_show_toast (self, _("The clipboard holds no PyTorch model"));
      return;
    }
  strata_window_ask_input_shape (self, paste_shape_cb, g_strdup (text), g_free);
}

static void
clipboard_text_cb (GObject      *clipboard,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(StrataWindow) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result,
                                                          NULL);

  /* Closed meanwhile. */
  if (gtk_widget_get_root (GTK_WIDGET (self->list_view)) == NULL)
    return;
  strata_window_paste_model (self, text);
}

static void
paste_model_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_text_cb, g_object_ref (widget));
}

/* Dropping files: the first replaces the document, after asking about
 * unsaved changes; each further one opens in a window of its own. */
static void
drop_confirmed_cb (StrataWindow *self,
                   gpointer      data)
{
  strata_window_import_file (self, G_FILE (data), NULL);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         StrataWindow  *self)
{
  GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

  if (files == NULL)
    return FALSE;
  for (GSList *l = files->next; l != NULL; l = l->next)
    {
      StrataWindow *window = strata_window_new (gtk_window_get_application (GTK_WINDOW (self)));

      gtk_window_present (GTK_WINDOW (window));
      strata_window_import_file (window, l->data, NULL);
    }
  strata_window_confirm_discard (self, drop_confirmed_cb, g_object_ref (files->data),
                                 g_object_unref);
  g_slist_free (files);
  return TRUE;
}

void
strata_window_add_open_filters (GtkFileChooser *chooser)
{
  /* Index = StrataImportFormat: the family each format is offered in. */
  static const char * const family_of[STRATA_N_IMPORT_FORMATS] = {
    N_("ONNX Models"), N_("Keras Models"), N_("Keras Models"), N_("Keras Models"),
    N_("PyTorch Print Text"),
  };
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) strata = strata_window_file_filter_new ();
  GtkFileFilter *family = NULL;
  const char *family_name = NULL;

  gtk_file_filter_set_name (all, _("All Supported Files"));
  gtk_file_filter_add_pattern (all, "*.strata");
  gtk_file_filter_add_mime_type (all, STRATA_FILE_MIME_TYPE);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_add_filter (chooser, strata);

  for (guint f = 0; f < STRATA_N_IMPORT_FORMATS; f++)
    {
      const char * const *extensions = strata_import_format_get_extensions (f);

      if (family_name != family_of[f])
        {
          if (family != NULL)
            gtk_file_chooser_add_filter (chooser, family);
          g_clear_object (&family);
          family = gtk_file_filter_new ();
          family_name = family_of[f];
          gtk_file_filter_set_name (family, _(family_name));
        }
      /* Without the dot; suffixes match whatever the case. */
      for (guint i = 0; extensions[i] != NULL; i++)
        {
          gtk_file_filter_add_suffix (family, extensions[i] + 1);
          gtk_file_filter_add_suffix (all, extensions[i] + 1);
        }
    }
  if (family != NULL)
    gtk_file_chooser_add_filter (chooser, family);
  g_clear_object (&family);
  gtk_file_chooser_set_filter (chooser, all);
}

void
strata_window_class_import_init (StrataWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.paste-model", NULL, paste_model_action);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, progress_spinner);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, warnings_bar);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, warnings_label);
}

void
strata_window_import_init (StrataWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  GtkEventController *controller = gtk_shortcut_controller_new ();

  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  /* Ctrl+V where layers have the focus, never in a field, which pastes text. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_v,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.paste-model")));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);

  gtk_info_bar_add_button (self->progress_bar, _("_Cancel"), GTK_RESPONSE_CANCEL);
  g_signal_connect_object (self->progress_bar, "response", G_CALLBACK (progress_response_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->warnings_bar, "response", G_CALLBACK (warnings_response_cb),
                           self, G_CONNECT_SWAPPED);
  /* Translators: what a screen reader calls the strip of an import's warnings */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->warnings_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Import warnings"), -1);
}

void
strata_window_import_dispose (StrataWindow *self)
{
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->imported_from);
  g_clear_pointer (&self->last_input_shape, g_free);
}
