/* strata-locale.h: the message catalogs, set up alike by the command line and the window. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <locale.h>

#include <glib/gi18n.h>

static inline void
strata_locale_init (void)
{
  const char *localedir = g_getenv ("STRATA_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* STRATA_LOCALEDIR lets tests use the catalogs of an uninstalled build. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
