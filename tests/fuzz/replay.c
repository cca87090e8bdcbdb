/* replay.c: a fuzz target run on files, for the normal build's tests and for debugging a finding. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Linked with one fuzz-NAME.c in place of libFuzzer's main, so that every
 * build, not only a clang one, replays the corpus and past findings.
 *
 *   replay-NAME FILE     runs the target on FILE in this process: it exits 0
 *                        or crashes, where a debugger can catch it.
 *   replay-NAME PATH…    runs it on every file given and every file in each
 *                        folder given (but hidden and *.md files), each in a
 *                        process of its own so that one crash hides no
 *                        other, and prints the results as TAP.
 *
 * A path that does not exist is reported as skipped: the findings are kept
 * beside the repository, and a clean clone may not have them. */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int
run_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* Exactly as long as the input, as libFuzzer gives it: under ASan a read
   * past the end is caught instead of finding the NUL GLib adds. */
  data = g_malloc (MAX (length, 1));
  memcpy (data, contents, length);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, length);
  return 0;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_folder (const char *path,
            GPtrArray  *files)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      if (name[0] == '.' || g_str_has_suffix (name, ".md") ||
          !g_file_test (file, G_FILE_TEST_IS_REGULAR))
        continue;
      g_ptr_array_add (names, g_steal_pointer (&file));
    }
  /* In a stable order, so that a test number means the same file each run. */
  g_ptr_array_sort (names, compare_paths);
  g_ptr_array_extend_and_steal (files, g_steal_pointer (&names));
}

/* "corpus/strata/lenet5.strata" rather than the whole path: enough to
 * tell the corpus, the crashes and the findings apart. */
static char *
short_name (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *up = g_path_get_dirname (dir);
  g_autofree char *folder = g_path_get_basename (dir);
  g_autofree char *parent = g_path_get_basename (up);
  g_autofree char *base = g_path_get_basename (path);

  return g_build_filename (parent, folder, base, NULL);
}

/* Output goes through printf, not g_print: the children's messages and file
 * names are passed on as they are, not converted to this process's locale. */
static void
print_commented (const char *text)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL || text[0] == '\0')
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      printf ("# %s\n", lines[i]);
}

static gboolean
run_in_child (const char *self,
              const char *path,
              guint       number)
{
  const char *argv[] = { self, path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *name = short_name (path);
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      printf ("not ok %u %s\n", number, name);
      print_commented (out);
      print_commented (err);
      print_commented (error->message);
      return FALSE;
    }
  printf ("ok %u %s\n", number, name);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  gboolean passed = TRUE;
  guint number = 0;

  if (argc < 2)
    {
      g_printerr ("Usage: %s FILE | PATH…\n", argv[0]);
      return 2;
    }
  if (argc == 2 && g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    return run_file (argv[1]);

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        add_folder (argv[i], files);
      else if (g_file_test (argv[i], G_FILE_TEST_EXISTS))
        g_ptr_array_add (files, g_strdup (argv[i]));
      else
        g_ptr_array_add (missing, argv[i]);
    }

  printf ("1..%u\n", files->len + missing->len);
  for (guint i = 0; i < files->len; i++)
    passed &= run_in_child (argv[0], files->pdata[i], ++number);
  for (guint i = 0; i < missing->len; i++)
    printf ("ok %u # SKIP %s not found\n", ++number, (const char *) missing->pdata[i]);
  return passed ? 0 : 1;
}
