/* strata-test-keys.h: key presses sent through the X server, as a keyboard sends them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

/* Every key pressed since the test began: a chord (Ctrl+Shift+A) is one. */
static guint strata_test_n_keys;

static inline Display *
strata_test_x_display (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  return gdk_x11_display_get_xdisplay (display);
}

/* Lets GTK take every event the server has sent, and what they cause. */
static inline void
strata_test_settle (void)
{
  gint64 until = g_get_monotonic_time () + 30 * G_TIME_SPAN_MILLISECOND;

  XSync (strata_test_x_display (), False);
  /* A round trip on GTK's own connection too: the events the server has
   * sent it are then in its queue, not still in a socket a busy machine
   * has not read yet. */
  gdk_display_sync (gdk_display_get_default ());
  /* Some handlers run from idles and frame clocks a little later. */
  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Gives @window the keyboard, as a window manager would on a click. */
static inline void
strata_test_focus_window (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *xdisplay = strata_test_x_display ();

  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  strata_test_settle ();
  while (!gtk_window_is_active (window))
    {
      g_main_context_iteration (NULL, TRUE);
      XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
      XSync (xdisplay, False);
    }
}

static inline void
strata_test_send_keyval (guint keyval,
                         gboolean press)
{
  Display *xdisplay = strata_test_x_display ();
  KeyCode code = XKeysymToKeycode (xdisplay, keyval);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (xdisplay, code, press, CurrentTime);
}

/* Presses and releases @accel ("<Control><Shift>a", "Tab", "3") once. */
static inline void
strata_test_key (const char *accel)
{
  static const struct { GdkModifierType mask; guint keyval; } modifiers[] = {
    { GDK_CONTROL_MASK, GDK_KEY_Control_L },
    { GDK_SHIFT_MASK, GDK_KEY_Shift_L },
    { GDK_ALT_MASK, GDK_KEY_Alt_L },
  };
  guint keyval = 0;
  GdkModifierType mods = 0;

  g_assert_true (gtk_accelerator_parse (accel, &keyval, &mods));
  /* A capital or a symbol typed with Shift on a US keyboard. */
  if (gdk_keyval_is_upper (keyval) && gdk_keyval_is_lower (keyval) == FALSE)
    {
      mods |= GDK_SHIFT_MASK;
      keyval = gdk_keyval_to_lower (keyval);
    }
  else if (keyval == GDK_KEY_question || keyval == GDK_KEY_plus)
    {
      mods |= GDK_SHIFT_MASK;
      keyval = keyval == GDK_KEY_plus ? GDK_KEY_equal : GDK_KEY_slash;
    }

  for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
    if (mods & modifiers[i].mask)
      strata_test_send_keyval (modifiers[i].keyval, TRUE);
  strata_test_send_keyval (keyval, TRUE);
  strata_test_send_keyval (keyval, FALSE);
  for (guint i = G_N_ELEMENTS (modifiers); i-- > 0;)
    if (mods & modifiers[i].mask)
      strata_test_send_keyval (modifiers[i].keyval, FALSE);
  strata_test_n_keys++;
  strata_test_settle ();
}

/* Types @text, one key per character (ASCII letters, digits, '_'). */
static inline void
strata_test_type (const char *text)
{
  for (const char *c = text; *c != '\0'; c++)
    {
      char accel[2] = { *c, '\0' };

      if (*c == '_')
        strata_test_key ("<Shift>minus");
      else
        strata_test_key (accel);
    }
}

/* Turns the mouse wheel once (down or up) over the middle of @widget. */
static inline void
strata_test_wheel (GtkWidget *widget,
                   gboolean   down)
{
  GtkNative *native = gtk_widget_get_native (widget);
  Display *xdisplay = strata_test_x_display ();
  graphene_point_t point, last = GRAPHENE_POINT_INIT (-1.f, -1.f);
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  double dx, dy;
  int x, y;
  Window child;

  /* A scrolled window brings a field given the focus into view in an
   * animation, and springs back after a wheel past its end: the wheel is
   * aimed once the widget has stopped moving, or it turns another. */
  for (;;)
    {
      g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                               &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                                     gtk_widget_get_height (widget) / 2.f),
                                               &point));
      if (graphene_point_equal (&point, &last) || g_get_monotonic_time () > deadline)
        break;
      last = point;
      strata_test_settle ();
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
      strata_test_settle ();
    }
  gtk_native_get_surface_transform (native, &dx, &dy);
  XTranslateCoordinates (xdisplay, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                         DefaultRootWindow (xdisplay), point.x + dx, point.y + dy, &x, &y, &child);
  XTestFakeMotionEvent (xdisplay, -1, x, y, CurrentTime);
  strata_test_settle ();
  XTestFakeButtonEvent (xdisplay, down ? 5 : 4, True, CurrentTime);
  XTestFakeButtonEvent (xdisplay, down ? 5 : 4, False, CurrentTime);
  strata_test_settle ();
}
