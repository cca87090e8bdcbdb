/* strata-test-state.h: a state folder of the test's own, so drafts never reach the real home. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gstdio.h>

#include "strata-drafts.h"

/* Drafts outlive windows that are destroyed rather than closed. */
static inline void
strata_test_remove_drafts (void)
{
  g_auto(GStrv) ids = strata_drafts_list ();

  for (guint i = 0; ids[i] != NULL; i++)
    strata_drafts_delete (ids[i]);
}

/* Points XDG_STATE_HOME at a new temporary folder; call it before anything
 * asks GLib where state goes. */
static inline char *
strata_test_state_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *state_dir = g_dir_make_tmp ("strata-state-XXXXXX", &error);

  g_assert_no_error (error);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);
  return state_dir;
}

/* Whatever drafts the run left, then the folders holding them. */
static inline void
strata_test_state_dir_remove (const char *state_dir)
{
  g_autofree char *drafts_dir = strata_drafts_get_dir ();
  g_autofree char *strata_dir = g_path_get_dirname (drafts_dir);

  strata_test_remove_drafts ();
  g_rmdir (drafts_dir);
  g_rmdir (strata_dir);
  g_rmdir (state_dir);
}
