/* test-slide-view.c: the sliding window view, its steps and reduced motion. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <adwaita.h>

#include "strata-slide-view.h"

static StrataLayer *
applied_conv (void)
{
  StrataLayer *layer = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  StrataShape input = { 7, 6, 3, FALSE };

  /* 3 × 3 moving by 2 with padding 1: 4 × 3 outputs. */
  g_object_set (layer, "stride-height", 2, "stride-width", 2, "padding", STRATA_PADDING_EXPLICIT,
                "padding-height", 1, "padding-width", 1, NULL);
  strata_layer_apply (layer, &input);
  return layer;
}

static void
assert_position (StrataSlideView *view,
                 guint64          row,
                 guint64          column)
{
  guint64 r = G_MAXUINT64, c = G_MAXUINT64;

  strata_slide_view_get_position (view, &r, &c);
  g_assert_cmpuint (r, ==, row);
  g_assert_cmpuint (c, ==, column);
}

static void
test_steps (void)
{
  g_autoptr(StrataLayer) conv = applied_conv ();
  g_autoptr(StrataLayer) dense = strata_layer_new (STRATA_LAYER_KIND_DENSE);
  GtkWidget *window = gtk_window_new ();
  StrataSlideView *view = STRATA_SLIDE_VIEW (strata_slide_view_new ());
  StrataShape vector = { 1, 1, 10, TRUE };

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  g_assert_true (strata_slide_view_set_layer (view, conv));
  assert_position (view, 0, 0);
  /* In reading order, wrapping at both ends. */
  strata_slide_view_step (view, 1);
  assert_position (view, 0, 1);
  strata_slide_view_step (view, 3);
  assert_position (view, 1, 1);
  strata_slide_view_step (view, -5);
  assert_position (view, 3, 2);
  strata_slide_view_step (view, 1);
  assert_position (view, 0, 0);

  /* A layer without a window shows nothing. */
  strata_layer_apply (dense, &vector);
  g_assert_false (strata_slide_view_set_layer (view, dense));
  g_assert_false (strata_slide_view_get_playing (view));
  g_assert_false (strata_slide_view_set_layer (view, NULL));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* It plays only while the desktop allows animations. */
static void
test_reduced_motion (void)
{
  g_autoptr(StrataLayer) conv = applied_conv ();
  GtkSettings *settings = gtk_settings_get_default ();
  GtkWidget *window = gtk_window_new ();
  StrataSlideView *view = STRATA_SLIDE_VIEW (strata_slide_view_new ());

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  strata_slide_view_set_layer (view, conv);
  g_assert_true (strata_slide_view_get_playing (view));

  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  g_assert_false (strata_slide_view_get_playing (view));
  strata_slide_view_set_playing (view, TRUE);
  g_assert_false (strata_slide_view_get_playing (view));
  /* The step buttons still move it. */
  strata_slide_view_step (view, 2);
  assert_position (view, 0, 2);

  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  g_assert_true (strata_slide_view_get_playing (view));
  strata_slide_view_set_playing (view, FALSE);
  g_assert_false (strata_slide_view_get_playing (view));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/slide-view/steps", test_steps);
  g_test_add_func ("/slide-view/reduced-motion", test_reduced_motion);

  return g_test_run ();
}
