/* test-window-fixture.h: the window of one convolution that the window's tests start from. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "strata-test-state.h"
#include "strata-test-window.h"

/* Every test starts from the schema's defaults (the memory backend). */
static inline void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (STRATA_SETTINGS_SCHEMA_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_settings_sync ();
  strata_test_flush_main_loop ();
}

/* input 32 × 32 × 3, then a 5 × 5 convolution of 8 filters: (5 × 5 × 3 + 1) × 8 = 608. */
static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StrataLayer) conv = strata_layer_new (STRATA_LAYER_KIND_CONV2D);
  StrataLayerParams params = *strata_layer_get_params (conv);

  params.kernel = (StrataPair) { 5, 5 };
  params.filters = 8;
  strata_layer_set_params (conv, &params);
  strata_layer_set_name (conv, "C1");

  fixture->network = strata_network_new ();
  strata_network_set_input (fixture->network, 32, 32, 3);
  strata_network_append (fixture->network, conv);

  reset_settings ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  strata_test_window_open (fixture, NULL);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  strata_test_window_tear_down (fixture, data);
}

/* Activates @action on the window, without waiting for it to be drawn. */
static inline void
activate_now (Fixture    *fixture,
              const char *action,
              const char *format_string,
              va_list    *args)
{
  g_autoptr(GVariant) parameter = NULL;

  /* Sunk here: GTK 4.8 does not consume a floating parameter. */
  if (format_string != NULL)
    parameter = g_variant_ref_sink (g_variant_new_va (format_string, NULL, args));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->window), action,
                                                     parameter));
}

static inline void
activate (Fixture    *fixture,
          const char *action,
          const char *format_string,
          ...)
{
  va_list args;

  va_start (args, format_string);
  activate_now (fixture, action, format_string, &args);
  va_end (args);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

/* The visible window of @type, as a dialog the test opened. */
static inline GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}
