/* test-i18n.c: the command line speaks the user's language, with their numbers and plurals. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <libintl.h>
#include <locale.h>
#include <string.h>

#include <glib.h>

#include "strata-test-run.h"

/* The locale of each language the catalogs cover. */
static const struct {
  const char *language;
  const char *locale;
} languages[] = {
  { "de", "de_DE.UTF-8" },
  { "fr", "fr_FR.UTF-8" },
  { "es", "es_ES.UTF-8" },
};

static const char *
locale_of (const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i].language, language))
      return languages[i].locale;
  g_assert_not_reached ();
}

/* Whether glibc has @language's locale: without it, gettext keeps English. */
static gboolean
have_locale (const char *language)
{
  locale_t locale = newlocale (LC_ALL_MASK, locale_of (language), (locale_t) 0);

  if (locale == (locale_t) 0)
    return FALSE;
  freelocale (locale);
  return TRUE;
}

static gboolean
skip_without_locale (const char *language)
{
  if (have_locale (language))
    return FALSE;
  g_test_skip ("a locale of the catalogs (de_DE, fr_FR or es_ES .UTF-8) is not generated");
  return TRUE;
}

/* Runs strata with @args (NULL-terminated) as a user of @language runs it,
 * and expects it to succeed quietly. */
static void
run_strata (Run        *run,
            const char *language,
            const char *first,
            ...)
{
  va_list args;

  va_start (args, first);
  run_strata_va (run, language, locale_of (language), first, args);
  va_end (args);
  g_assert_cmpint (run_exit_status (run), ==, 0);
  g_assert_cmpstr (run->err, ==, "");
}

static char *
lecture_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "lecture.strata", NULL);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” is not in:\n%s", needle, haystack);
}

static void
test_summary_german (void)
{
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) csv = { 0 };
  g_autofree char *path = lecture_path ();
  g_auto(GStrv) lines = NULL;

  if (skip_without_locale ("de"))
    return;

  run_strata (&text, "de", "summary", path, NULL);
  lines = g_strsplit (text.out, "\n", -1);
  g_assert_cmpstr (lines[1], ==, "Eingabe: 32 × 32 × 3");
  /* The columns widen to the German titles; numbers use the German grouping. */
  g_assert_cmpstr (lines[3], ==,
                   "Schicht  Typ        Ausgabeform   Aktivierungen  Parameter     MACs  "
                   "    Rezeptives Feld  Sprung");
  g_assert_cmpstr (lines[5], ==,
                   "CONV1    conv2d     28 × 28 × 8           6.272        608  470.400  "
                   "                  5       1");
  assert_contains (text.out,
                   "\nGesamtzahl der Parameter: 62.958 (trainierbar: 62.958, "
                   "nicht trainierbar: 0)\n");
  assert_contains (text.out, "\nAktivierungen: 10.054\n");
  /* g_format_size () joins the number and the unit with a no-break space. */
  assert_contains (text.out,
                   "\nSpeicher (float32): Parameter 245,9\u00a0KiB, Aktivierungen 39,3\u00a0KiB\n");

  /* Programs read these: plain numbers and English keys in any language. */
  run_strata (&json, "de", "summary", path, "--format", "json", NULL);
  assert_contains (json.out, "\"params\" : 62958");
  assert_contains (json.out, "\"formula\" : \"(5 × 5 × 3 + 1) × 8 = 608\"");
  g_assert_null (strstr (json.out, "62.958"));
  g_assert_null (strstr (json.out, "Schicht"));

  run_strata (&csv, "de", "summary", "--format=csv", path, NULL);
  g_assert_true (g_str_has_prefix (csv.out, "name,type,output_shape,"));
  g_assert_true (g_str_has_suffix (csv.out, "Total,total,,10054,62958,62958,0,849320,,,,,,,\r\n"));
  assert_contains (csv.out, ",28 × 28 × 8 × (5 × 5 × 3) = 470400,5x5,1x1,2x2,\r\n");
}

static void
test_help_german (void)
{
  g_auto(Run) help = { 0 };
  g_auto(Run) summary_help = { 0 };

  if (skip_without_locale ("de"))
    return;

  run_strata (&help, "de", "--help", NULL);
  g_assert_true (g_str_has_prefix (help.out, "Aufruf: strata [DATEI …]"));
  assert_contains (help.out, "\nBefehle:\n");
  assert_contains (help.out, "\n  summary    Form, Parameter und MACs jeder Schicht sowie die Summen "
                             "ausgeben\n");
  assert_contains (help.out, "\nOptionen:\n");
  assert_contains (help.out, "  -h, --help         Diese Hilfe anzeigen\n");
  g_assert_null (strstr (help.out, "Usage"));

  run_strata (&summary_help, "de", "summary", "--help", NULL);
  assert_contains (summary_help.out, "DATEI – Form, Parameter und MACs jeder Schicht ausgeben");
  /* An option's help, in the catalog's words. */
  assert_contains (summary_help.out, "Die Eingabeform angeben oder ändern");
}

static void
test_summary_french_spanish (void)
{
  g_autofree char *path = lecture_path ();

  if (have_locale ("fr"))
    {
      g_auto(Run) text = { 0 };
      g_auto(Run) help = { 0 };

      run_strata (&text, "fr", "summary", path, NULL);
      assert_contains (text.out, "Couche   Type       Forme de sortie  Activations  Paramètres");
      /* French puts a no-break space before a colon. */
      assert_contains (text.out, "\nTotal des paramètres\u00a0: 62");
      run_strata (&help, "fr", "--help", NULL);
      assert_contains (help.out, "Dessiner des réseaux de neurones convolutifs et compter leurs "
                                 "paramètres.");
    }
  if (have_locale ("es"))
    {
      g_auto(Run) text = { 0 };
      g_auto(Run) help = { 0 };

      run_strata (&text, "es", "summary", path, NULL);
      assert_contains (text.out, "Capa     Tipo       Forma de salida  Activaciones  Parámetros");
      assert_contains (text.out, "\nParámetros totales: 62");
      run_strata (&help, "es", "--help", NULL);
      assert_contains (help.out, "\nÓrdenes:\n");
    }
  if (!have_locale ("fr") && !have_locale ("es"))
    g_test_skip ("neither fr_FR.UTF-8 nor es_ES.UTF-8 is generated");
}

/* Looks a plural up in the build's catalog for @language. */
static const char *
plural (const char *language,
        const char *singular,
        const char *plural_form,
        gulong      n)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* Setting the locale again makes gettext drop what it cached for the last language. */
  g_assert_nonnull (setlocale (LC_ALL, locale_of (language)));
  return dngettext ("strata", singular, plural_form, n);
}

static void
test_plurals (void)
{
  const char *localedir = g_getenv ("STRATA_LOCALEDIR");
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  gboolean tested = FALSE;

  g_assert_nonnull (localedir);
  bindtextdomain ("strata", localedir);
  bind_textdomain_codeset ("strata", "UTF-8");

  if (have_locale ("de"))
    {
      g_assert_cmpstr (plural ("de", "Needs %u input, but it has %u",
                               "Needs %u inputs, but it has %u", 1), ==,
                       "Braucht %u Eingabe, hat aber %u");
      g_assert_cmpstr (plural ("de", "Needs %u input, but it has %u",
                               "Needs %u inputs, but it has %u", 7), ==,
                       "Braucht %u Eingaben, hat aber %u");
      g_assert_cmpstr (plural ("de", "Needs %u input, but it has %u",
                               "Needs %u inputs, but it has %u", 0), ==,
                       "Braucht %u Eingaben, hat aber %u");
      tested = TRUE;
    }
  if (have_locale ("fr"))
    {
      /* French counts zero as singular: “0 paramètre”. */
      g_assert_cmpstr (plural ("fr", "%s parameter", "%s parameters", 0), ==, "%s paramètre");
      g_assert_cmpstr (plural ("fr", "%s parameter", "%s parameters", 1), ==, "%s paramètre");
      g_assert_cmpstr (plural ("fr", "%s parameter", "%s parameters", 2), ==, "%s paramètres");
      tested = TRUE;
    }
  if (have_locale ("es"))
    {
      g_assert_cmpstr (plural ("es", "%s param", "%s params", 1), ==, "%s parámetro");
      g_assert_cmpstr (plural ("es", "%s param", "%s params", 0), ==, "%s parámetros");
      g_assert_cmpstr (plural ("es", "%s param", "%s params", 608), ==, "%s parámetros");
      tested = TRUE;
    }

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, saved);
  if (!tested)
    g_test_skip ("none of the de, fr and es locales is generated");
}

int
main (int   argc,
      char *argv[])
{
  /* The test environment's UTF-8 locale, so that failures print readable text. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/i18n/summary/german", test_summary_german);
  g_test_add_func ("/i18n/help/german", test_help_german);
  g_test_add_func ("/i18n/summary/french-spanish", test_summary_french_spanish);
  g_test_add_func ("/i18n/plurals", test_plurals);

  return g_test_run ();
}
