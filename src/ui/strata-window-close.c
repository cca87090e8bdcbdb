/* strata-window-close.c: a closed window leaves the screen at once, and goes in steps. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-free.h"
#include "strata-window-private.h"

/* A scrolled window turned by a wheel past its end springs back from a
 * timeout of 50 ms, which GTK 4.8 removes only when the scrolled window
 * is freed: a window destroyed that soon after the wheel would have it ask
 * for the frame clock of a surface that is gone. The timeout's data is
 * the scrolled window, which finds it. */
static gboolean
has_scroll_timeout (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) &&
      g_main_context_find_source_by_funcs_user_data (NULL, &g_timeout_funcs, widget) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_scroll_timeout (child))
      return TRUE;
  return FALSE;
}

/* A window closed while such a timeout was pending is destroyed once the
 * timeout has run on a surface still there; after a second, whatever is
 * left, as a timeout of GTK's own making may be one that repeats. */
#define DESTROY_WAIT_USEC G_USEC_PER_SEC
#define SCROLL_WAIT_MS 20

/* What each turn does: a large network's list rows go, then the side
 * panel's fields, then the window's surface, then, with the last
 * reference, its widgets; the network, its history and the canvas's
 * layouts go on to a thread. */
typedef enum
{
  STEP_ROWS,
  STEP_EDITOR,
  STEP_DESTROY,
  STEP_DISPOSE,
} CloseStep;

typedef struct
{
  StrataWindow *window;
  /* Held until the window is destroyed: quitting waits for it. */
  GApplication *application;
  gint64        deadline;
  CloseStep     step;
} CloseLater;

static void
close_later_free (gpointer data)
{
  CloseLater *later = data;

  g_object_unref (later->window);
  if (later->application != NULL)
    {
      g_application_release (later->application);
      g_object_unref (later->application);
    }
  g_free (later);
}

/* Each step a main loop's turn of its own, after the events and frames
 * waiting: what the main thread did at once to close 100,000 layers (75
 * to 90 ms of its processor time, a third of it the list's 205 rows) kept
 * every other window from answering. */
static gboolean
close_step_cb (gpointer data)
{
  CloseLater *later = data;
  StrataWindow *self = later->window;

  if (has_scroll_timeout (GTK_WIDGET (self)) && g_get_monotonic_time () < later->deadline)
    return G_SOURCE_CONTINUE;

  switch (later->step++)
    {
    case STEP_ROWS:
      /* Each row leaves with its model, before the window's own dispose. */
      gtk_list_view_set_model (self->list_view, NULL);
      return G_SOURCE_CONTINUE;
    case STEP_EDITOR:
      /* The selected layer's rows of hyper-parameters and results. */
      strata_layer_editor_clear (self->editor);
      return G_SOURCE_CONTINUE;
    case STEP_DESTROY:
      /* Our reference keeps it from being disposed yet. */
      gtk_window_destroy (GTK_WINDOW (self));
      return G_SOURCE_CONTINUE;
    case STEP_DISPOSE:
    default:
      /* close_later_free() drops the last reference. */
      self->close_id = 0;
      return G_SOURCE_REMOVE;
    }
}

gboolean
strata_window_close_later (StrataWindow *self)
{
  gboolean scrolling = has_scroll_timeout (GTK_WIDGET (self));
  gboolean large = self->network != NULL &&
                   strata_network_get_n_layers (self->network) >= STRATA_FREE_LATER_LAYERS;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  CloseLater *later;

  if (self->close_id != 0)
    return TRUE;
  if (!scrolling && !large)
    return FALSE;

  /* Off the screen now; the display hears it before the main loop goes
   * on with anything else. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gdk_display_flush (gtk_widget_get_display (GTK_WIDGET (self)));

  later = g_new0 (CloseLater, 1);
  later->window = g_object_ref (self);
  later->deadline = g_get_monotonic_time () + DESTROY_WAIT_USEC;
  later->step = large ? STEP_ROWS : STEP_DESTROY;
  /* Closed for the application at once (no action, window list or new
   * window finds it), which goes on running until it is destroyed. */
  if (application != NULL)
    {
      later->application = G_APPLICATION (g_object_ref (application));
      g_application_hold (later->application);
      gtk_window_set_application (GTK_WINDOW (self), NULL);
    }
  /* Below the priority of input and of drawing other windows. */
  self->close_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, scrolling ? SCROLL_WAIT_MS : 0,
                                       close_step_cb, later, close_later_free);
  return TRUE;
}

void
strata_window_close_dispose (StrataWindow *self)
{
  /* Destroyed by other means before its last step. */
  g_clear_handle_id (&self->close_id, g_source_remove);
}
