/* strata-application.c: the single-instance application: windows, about, quit. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "strata-application.h"
#include "strata-drafts-dialog.h"
#include "strata-drafts.h"
#include "strata-file.h"
#include "strata-import.h"
#include "strata-window.h"

struct _StrataApplication
{
  AdwApplication      parent_instance;

  /* --input: the input shape of the models on the command line. */
  StrataImportOptions import_options;
};

G_DEFINE_FINAL_TYPE (StrataApplication, strata_application, ADW_TYPE_APPLICATION)

/* A window with the first built-in example, ready to edit. */
static StrataWindow *
new_example_window (StrataApplication *self)
{
  StrataWindow *window = strata_window_new (GTK_APPLICATION (self));
  const char * const *ids = strata_file_get_example_ids ();

  if (ids[0] != NULL)
    strata_window_open_example (window, ids[0]);
  return window;
}

/* The window shows at once; the drafts an earlier run left behind (it
 * crashed, or the power went) are offered over it, each opened or
 * discarded as the user chooses, never all at once nor dropped unasked:
 * seven drafts, two of them of 100,000 layers, once kept Strata from
 * showing anything for seconds and then opened seven windows. */
static void
strata_application_activate (GApplication *application)
{
  StrataApplication *self = STRATA_APPLICATION (application);
  gboolean first = gtk_application_get_windows (GTK_APPLICATION (application)) == NULL;
  StrataWindow *window = new_example_window (self);

  gtk_window_present (GTK_WINDOW (window));
  /* With windows open, the drafts on disk are theirs. */
  if (first)
    {
      g_auto(GStrv) ids = strata_drafts_list ();

      if (ids[0] != NULL)
        gtk_window_present (GTK_WINDOW (strata_drafts_dialog_new (GTK_APPLICATION (self),
                                                                  GTK_WINDOW (window),
                                                                  (const char * const *) ids)));
    }
}

/* A file that cannot be opened gets no window of its own: its error is
 * shown over a window that opened, or over the example, which is what a
 * launch without files shows, so that the user is never left in front
 * of an empty window. */
static void
strata_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  StrataApplication *self = STRATA_APPLICATION (application);
  StrataWindow *shown = NULL;
  g_autoptr(GPtrArray) failed_files = g_ptr_array_new ();
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  for (int i = 0; i < n_files; i++)
    {
      StrataWindow *window = strata_window_new (GTK_APPLICATION (application));
      GError *error = NULL;

      if (strata_window_load_file (window, files[i], &self->import_options, &error))
        {
          gtk_window_present (GTK_WINDOW (window));
          shown = window;
        }
      else if (g_error_matches (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_NEEDS_INPUT))
        {
          /* A PyTorch print opened without --input: its window asks. */
          g_clear_error (&error);
          gtk_window_present (GTK_WINDOW (window));
          strata_window_import_file (window, files[i], NULL);
          shown = window;
        }
      else
        {
          g_ptr_array_add (failed_files, files[i]);
          g_ptr_array_add (errors, error);
          gtk_window_destroy (GTK_WINDOW (window));
        }
    }

  if (failed_files->len == 0)
    return;

  if (shown == NULL)
    {
      GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (application));

      if (STRATA_IS_WINDOW (active))
        shown = STRATA_WINDOW (active);
    }
  if (shown == NULL)
    {
      shown = new_example_window (self);
      gtk_window_present (GTK_WINDOW (shown));
    }
  for (guint i = 0; i < failed_files->len; i++)
    strata_window_show_open_error (shown, g_ptr_array_index (failed_files, i),
                                   g_ptr_array_index (errors, i));
}

/* --input is read here, in the process it was given to; a window already
 * open in another process would never see it, so such a run opens its
 * own windows. */
static int
strata_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  StrataApplication *self = STRATA_APPLICATION (application);
  const char *input = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_lookup (options, "input", "&s", &input))
    return -1;
  if (!strata_import_parse_shape (input, &self->import_options, &error))
    {
      g_printerr ("strata: --input %s\n", error->message);
      return 1;
    }
  g_application_set_flags (application,
                           g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
  return -1;
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (new_example_window (STRATA_APPLICATION (user_data))));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Strata developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (application),
                         "application-name", _("Strata"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Strata developers"),
                         "developers", developers,
                         "comments", _("Draw convolutional neural networks and see every "
                                       "shape, parameter count and formula as you edit."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* Each window asks about its own unsaved changes before it goes. */
static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
strata_application_startup (GApplication *application)
{
  static const GActionEntry entries[] = {
    { "new-window", new_window_action },
    { "about", about_action },
    { "quit", quit_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control><Shift>n", NULL };

  G_APPLICATION_CLASS (strata_application_parent_class)->startup (application);

  g_set_application_name (_("Strata"));
  gtk_window_set_default_icon_name (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (application), entries,
                                   G_N_ELEMENTS (entries), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit",
                                         quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.new-window",
                                         new_window_accels);
}

static void
strata_application_class_init (StrataApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  application_class->activate = strata_application_activate;
  application_class->open = strata_application_open;
  application_class->startup = strata_application_startup;
  application_class->handle_local_options = strata_application_handle_local_options;
}

static void
strata_application_init (StrataApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "input", 'i', G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_STRING,
                                 _("Give or change the input shape of the models opened: "
                                   "channels × height × width, such as 3x224x224"),
                                 _("CxHxW"));
}

StrataApplication *
strata_application_new (void)
{
  return g_object_new (STRATA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/strata/Strata",
                       NULL);
}
