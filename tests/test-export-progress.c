/* test-export-progress.c: an export tells how far it is, from its own thread, and an SVG stops between layers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib/gstdio.h>

#include "strata-export.h"
#include "strata-slide.h"
#include "test-render-networks.h"

/* What an export told, in the thread it ran in. */
typedef struct
{
  GThread      *thread;      /* the export's */
  GArray       *fractions;
  gboolean      other_thread;
  /* Cancelled once a fraction reaches cancel_at (when above 0). */
  GCancellable *cancellable;
  double        cancel_at;
  guint         told_at_cancel;
} Told;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Told *told = user_data;

  if (g_thread_self () != told->thread)
    told->other_thread = TRUE;
  g_array_append_val (told->fractions, fraction);
  if (told->cancel_at > 0 && fraction >= told->cancel_at &&
      !g_cancellable_is_cancelled (told->cancellable))
    {
      told->told_at_cancel = told->fractions->len;
      g_cancellable_cancel (told->cancellable);
    }
}

/* One export, as the export window runs it: in a thread of its own. */
typedef struct
{
  StrataNetwork             *network;
  const StrataRenderOptions *options;
  StrataLayout              *layout;     /* written as it is, when not NULL */
  const StrataPageFit       *fit;
  gboolean                   steps;
  StrataExportFormat         format;
  double                     dpi;
  const char                *path;
  Told                       told;
  gboolean                   done;
  GError                    *error;
} Export;

static gpointer
export_thread (gpointer data)
{
  Export *e = data;

  e->told.thread = g_thread_self ();
  if (e->layout != NULL)
    e->done = strata_export_layout_to_file (e->layout, e->fit, e->format, e->dpi, e->path,
                                            e->told.cancellable, progress_cb, &e->told,
                                            &e->error);
  else if (e->steps)
    e->done = strata_export_steps_to_file_cancellable (e->network, e->options, e->format, e->dpi,
                                                       STRATA_EXPORT_STEPS_WIDTH,
                                                       STRATA_EXPORT_STEPS_HEIGHT, e->path,
                                                       e->told.cancellable, progress_cb,
                                                       &e->told, &e->error);
  else
    e->done = strata_export_to_file_cancellable (e->network, e->options, e->format, e->dpi,
                                                 e->path, e->told.cancellable, progress_cb,
                                                 &e->told, &e->error);
  return NULL;
}

static void
run_export (Export *e)
{
  GThread *thread;

  e->told.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  if (e->told.cancellable == NULL)
    e->told.cancellable = g_cancellable_new ();
  thread = g_thread_new ("export", export_thread, e);
  g_thread_join (thread);
}

static void
export_clear (Export *e)
{
  g_clear_pointer (&e->told.fractions, g_array_unref);
  g_clear_object (&e->told.cancellable);
  g_clear_error (&e->error);
}

/* Every fraction more than the one before, within 0 and 1, told from the
 * export's thread; 1 only last, and only when @whole. */
static void
assert_fractions (const Told *told,
                  gboolean    whole)
{
  GArray *f = told->fractions;

  g_assert_false (told->other_thread);
  g_assert_cmpuint (f->len, >, 0);
  for (guint i = 0; i < f->len; i++)
    {
      double fraction = g_array_index (f, double, i);

      g_assert_cmpfloat (fraction, >, i > 0 ? g_array_index (f, double, i - 1) : 0);
      if (i + 1 < f->len || !whole)
        g_assert_cmpfloat (fraction, <, 1);
    }
  if (whole)
    g_assert_cmpfloat (g_array_index (f, double, f->len - 1), ==, 1);
}

/* How many fractions were told below @below. */
static guint
count_below (const Told *told,
             double      below)
{
  guint n = 0;

  for (guint i = 0; i < told->fractions->len; i++)
    n += g_array_index (told->fractions, double, i) < below;
  return n;
}

/* A PNG tells its rows, a page's fit its trials before them: a PNG of
 * the layout already fitted tells only the rows, and fewer times. */
static void
test_progress_png (void)
{
  g_autoptr(StrataNetwork) network = test_vgg16_network ();
  g_autoptr(StrataLayout) layout = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "vgg16.png", NULL);
  StrataRenderOptions options;
  StrataPageFit fit;
  Export fitted = { 0 }, drawn = { 0 };

  strata_render_options_init (&options);
  strata_page_init (&options.page, STRATA_PAGE_FULL, 0, 0);
  fitted = (Export) { network, &options, NULL, NULL, FALSE, STRATA_EXPORT_FORMAT_PNG, 150, path };
  run_export (&fitted);
  g_assert_no_error (fitted.error);
  g_assert_true (fitted.done);
  assert_fractions (&fitted.told, TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* 7 × 3.5 in at 150 DPI: 525 rows, each told. */
  layout = strata_layout_new_for_page (network, &options, &fit);
  drawn = (Export) { NULL, NULL, layout, &fit, FALSE, STRATA_EXPORT_FORMAT_PNG, 150, path };
  run_export (&drawn);
  g_assert_no_error (drawn.error);
  assert_fractions (&drawn.told, TRUE);
  g_assert_cmpuint (drawn.told.fractions->len, ==, 525 + 1);
  /* The fit's hundreds of trials first. */
  g_test_message ("%u fractions told with the fit, %u without", fitted.told.fractions->len,
                  drawn.told.fractions->len);
  g_assert_cmpuint (fitted.told.fractions->len, >=, drawn.told.fractions->len + 90);

  export_clear (&fitted);
  export_clear (&drawn);
  g_unlink (path);
  g_rmdir (dir);
}

/* An SVG tells each layer's group; a PDF its one page. */
static void
test_progress_vector (void)
{
  g_autoptr(StrataNetwork) network = test_long_network (60);
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "long.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "long.pdf", NULL);
  Export e = { network, NULL, NULL, NULL, FALSE, STRATA_EXPORT_FORMAT_SVG, 72, svg };

  run_export (&e);
  g_assert_no_error (e.error);
  assert_fractions (&e.told, TRUE);
  /* Each layer's group begun tells those before it written, of the
   * input and the 60 layers; then the drawing done, and the file in place. */
  g_assert_cmpuint (e.told.fractions->len, ==, 61 + 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (e.told.fractions, double, 29), 30.0 / 61 * 0.99,
                                  1e-9);
  export_clear (&e);

  e = (Export) { network, NULL, NULL, NULL, FALSE, STRATA_EXPORT_FORMAT_PDF, 72, pdf };
  run_export (&e);
  g_assert_no_error (e.error);
  assert_fractions (&e.told, TRUE);
  g_assert_cmpuint (e.told.fractions->len, ==, 2);
  export_clear (&e);

  g_unlink (svg);
  g_unlink (pdf);
  g_rmdir (dir);
}

/* Cancelled a third of the way through its layers, an SVG stops at the
 * next layer: nothing more is told, and no file nor temporary is left. */
static void
test_progress_svg_cancel (void)
{
  g_autoptr(StrataNetwork) network = test_long_network (3000);
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "long.svg", NULL);
  g_autoptr(GDir) folder = NULL;
  Export e = { network, NULL, NULL, NULL, FALSE, STRATA_EXPORT_FORMAT_SVG, 72, path };
  double last;

  e.told.cancel_at = 1.0 / 3;
  run_export (&e);
  g_assert_false (e.done);
  g_assert_error (e.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_fractions (&e.told, FALSE);
  last = g_array_index (e.told.fractions, double, e.told.fractions->len - 1);
  g_test_message ("cancelled at %.3f, after %u of 3,001 layers", last, e.told.fractions->len);
  g_assert_cmpfloat (last, <, 0.34);
  /* Told once at most after the cancel: the layer it was cancelled at. */
  g_assert_cmpuint (e.told.fractions->len, <=, e.told.told_at_cancel + 1);
  folder = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (folder));
  export_clear (&e);

  /* Not cancelled, the same export writes the file. */
  e = (Export) { network, NULL, NULL, NULL, FALSE, STRATA_EXPORT_FORMAT_SVG, 72, path };
  run_export (&e);
  g_assert_no_error (e.error);
  assert_fractions (&e.told, TRUE);
  g_assert_cmpuint (count_below (&e.told, 1.0 / 3), >=, 900);
  export_clear (&e);

  g_unlink (path);
  g_rmdir (dir);
}

/* Slides tell their steps; a PDF of them stops between its pages. */
static void
test_progress_steps (void)
{
  g_autoptr(StrataNetwork) network = test_lecture_network ();
  g_autofree char *dir = g_dir_make_tmp ("strata-test-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "steps.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "steps.pdf", NULL);
  guint n_steps = strata_slide_get_n_steps (network);
  Export e = { network, NULL, NULL, NULL, TRUE, STRATA_EXPORT_FORMAT_SVG, 72, svg };
  g_autoptr(GDir) folder = NULL;
  guint n_files = 0;

  run_export (&e);
  g_assert_no_error (e.error);
  assert_fractions (&e.told, TRUE);
  /* A step's file written, each, and the last one's in place. */
  g_assert_cmpuint (e.told.fractions->len, ==, n_steps + 1);
  for (guint i = 0; i < n_steps; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (e.told.fractions, double, i),
                                    0.99 * (i + 1) / n_steps, 1e-9);
  export_clear (&e);

  e = (Export) { network, NULL, NULL, NULL, TRUE, STRATA_EXPORT_FORMAT_PDF, 72, pdf };
  e.told.cancel_at = 0.3;
  run_export (&e);
  g_assert_error (e.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_fractions (&e.told, FALSE);
  g_assert_cmpuint (e.told.fractions->len, ==, e.told.told_at_cancel);
  g_assert_cmpfloat (g_array_index (e.told.fractions, double, e.told.fractions->len - 1), <, 0.5);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  export_clear (&e);

  folder = g_dir_open (dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (folder)) != NULL; n_files++)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_assert_cmpuint (n_files, ==, n_steps);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/progress/png", test_progress_png);
  g_test_add_func ("/export/progress/vector", test_progress_vector);
  g_test_add_func ("/export/progress/svg-cancel", test_progress_svg_cancel);
  g_test_add_func ("/export/progress/steps", test_progress_steps);

  return g_test_run ();
}
