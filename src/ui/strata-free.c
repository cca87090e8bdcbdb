/* strata-free.c: freeing what a closed window held, after it has gone. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-free.h"

/* The garbage handed over and not yet freed, which the application waits
 * for as it quits: a process exiting while a thread frees would leave
 * that memory to the leak check, half freed. */
static GMutex lock;
static GCond freed;
static guint pending;

static void
done (void)
{
  g_mutex_lock (&lock);
  pending--;
  g_cond_broadcast (&freed);
  g_mutex_unlock (&lock);
}

static gpointer
free_thread (gpointer data)
{
  g_ptr_array_unref (data);
  done ();
  return NULL;
}

/* Freeing a window of 100,000 layers took a third of a second: its
 * layouts' hundreds of thousands of shaped labels, then the layers. The
 * window leaves the screen before, but the main loop, and with it every
 * other window, stood still until it was done. */
void
strata_free_later (GPtrArray *garbage)
{
  g_autoptr(GError) error = NULL;
  GThread *thread;

  if (garbage->len == 0)
    {
      g_ptr_array_unref (garbage);
      return;
    }
  g_mutex_lock (&lock);
  pending++;
  g_mutex_unlock (&lock);
  thread = g_thread_try_new ("strata-free", free_thread, garbage, &error);
  if (thread == NULL)
    {
      g_ptr_array_unref (garbage);
      done ();
      return;
    }
  g_thread_unref (thread);
}

void
strata_free_wait (void)
{
  g_mutex_lock (&lock);
  while (pending > 0)
    g_cond_wait (&freed, &lock);
  g_mutex_unlock (&lock);
}
