/* test-ui-application.c: what launching Strata with files shows. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "strata-application.h"
#include "strata-window-private.h"

/* One for the whole run: a registered application keeps its place on
 * the session bus for as long as the process lives. */
static StrataApplication *application;

typedef struct
{
  StrataApplication *application;
  char              *dir;
  GFile             *broken;
  GFile             *good;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *good = NULL;

  fixture->dir = g_dir_make_tmp ("strata-test-XXXXXX", &error);
  g_assert_no_error (error);

  broken = g_build_filename (fixture->dir, "broken.strata", NULL);
  g_file_set_contents (broken, "{ \"format\": \"strata\", \"version\": 1, \"layers\": [", -1, &error);
  g_assert_no_error (error);
  fixture->broken = g_file_new_for_path (broken);

  good = g_build_filename (fixture->dir, "good.strata", NULL);
  g_file_set_contents (good,
                       "{ \"format\": \"strata\", \"version\": 1, \"name\": \"Good\",\n"
                       "  \"input\": { \"height\": 8, \"width\": 8, \"channels\": 1 },\n"
                       "  \"layers\": [ { \"type\": \"flatten\" } ] }\n", -1, &error);
  g_assert_no_error (error);
  fixture->good = g_file_new_for_path (good);

  fixture->application = application;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (fixture->application)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);

  g_file_delete (fixture->broken, NULL, NULL);
  g_file_delete (fixture->good, NULL, NULL);
  g_clear_object (&fixture->broken);
  g_clear_object (&fixture->good);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GList *
strata_windows (Fixture *fixture)
{
  GList *windows = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fixture->application));
       l != NULL; l = l->next)
    if (STRATA_IS_WINDOW (l->data))
      windows = g_list_prepend (windows, l->data);
  return windows;
}

/* `strata broken.strata`: the example, ready to edit, under a dialog
 * saying what is wrong with the file; never an empty window. */
static void
test_open_broken_alone (Fixture       *fixture,
                        gconstpointer  data)
{
  GList *windows;
  StrataWindow *window;

  g_application_open (G_APPLICATION (fixture->application), &fixture->broken, 1, "");

  windows = strata_windows (fixture);
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = windows->data;
  g_list_free (windows);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_null (strata_window_get_file (window));
  g_assert_cmpstr (window->example_id, !=, NULL);
  g_assert_cmpuint (strata_network_get_n_layers (strata_window_get_network (window)), >, 0);
  g_assert_false (strata_window_get_modified (window));

  g_assert_nonnull (window->message_dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->message_dialog)));
  g_assert_true (strstr (adw_message_dialog_get_heading (window->message_dialog),
                         "broken.strata") != NULL);
  g_assert_cmpstr (adw_message_dialog_get_body (window->message_dialog), !=, "");
}

/* `strata good.strata broken.strata`: one window, the good file's, and
 * the error over it. */
static void
test_open_broken_with_good (Fixture       *fixture,
                            gconstpointer  data)
{
  GFile *files[] = { fixture->good, fixture->broken };
  GList *windows;
  StrataWindow *window;

  g_application_open (G_APPLICATION (fixture->application), files, 2, "");

  windows = strata_windows (fixture);
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = windows->data;
  g_list_free (windows);

  g_assert_true (g_file_equal (strata_window_get_file (window), fixture->good));
  g_assert_cmpuint (strata_network_get_n_layers (strata_window_get_network (window)), ==, 1);
  g_assert_nonnull (window->message_dialog);
  g_assert_true (strstr (adw_message_dialog_get_heading (window->message_dialog),
                         "broken.strata") != NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  /* Not unique: no other instance to talk to, whatever runs beside. */
  application = strata_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/application/open-broken-alone", test_open_broken_alone);
  ADD ("/application/open-broken-with-good", test_open_broken_with_good);
#undef ADD

  status = g_test_run ();
  g_object_unref (application);
  return status;
}
