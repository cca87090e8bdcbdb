/* strata-test-window.h: the window tests' fixture, a window showing a network, and their helpers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "strata-window-private.h"

typedef struct
{
  StrataWindow  *window;
  StrataNetwork *network;
} Fixture;

/* Shows the fixture's window and waits until it is drawn. */
static inline void
strata_test_window_present (Fixture *fixture)
{
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

/* A window of @application (NULL: none) showing the fixture's network, drawn. */
static inline void
strata_test_window_open (Fixture        *fixture,
                         GtkApplication *application)
{
  fixture->window = g_object_ref_sink (strata_window_new (application));
  strata_window_set_document (fixture->window, fixture->network, NULL, NULL);
  strata_test_window_present (fixture);
}

/* The window, if a test left it, destroyed without asking about unsaved
 * edits (the test is over), and the network dropped. */
static inline void
strata_test_window_tear_down (Fixture       *fixture,
                              gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      fixture->window->close_confirmed = TRUE;
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      g_clear_object (&fixture->window);
    }
  g_clear_object (&fixture->network);
}

/* Runs what is pending, such as what a dialog's answer leads to once the
 * dialog has closed. */
static inline void
strata_test_flush_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until the weak pointer @pointer is NULL, for a
 * dialog that closes once the work it does in a thread is over; at most
 * ten minutes (under the sanitizers). */
static inline void
strata_test_wait_for_null (gpointer *pointer)
{
  gint64 deadline = g_get_monotonic_time () + 600 * G_USEC_PER_SEC;

  while (*pointer != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (*pointer);
}

/* The first label under @widget (itself included) that reads @text, or NULL. */
static inline GtkWidget *
strata_test_find_label (GtkWidget  *widget,
                        const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = strata_test_find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first widget of @type under @widget, depth first, or NULL. */
static inline GtkWidget *
strata_test_find_descendant (GtkWidget *widget,
                             GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type)
                         ? child : strata_test_find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}
