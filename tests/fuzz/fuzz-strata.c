/* fuzz-strata.c: any bytes given to the .strata reader, and what Strata does with a network it reads. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A file that loads is summarised in every format, saved and reloaded, and
 * laid out and drawn; one that does not must be refused with a message.
 * Every property checked here is one a user relies on: a refusal says why
 * in readable text, every output is UTF-8, a saved file always reopens as
 * the same network, and drawing never fails. A warning or critical from
 * any library counts as a finding, as it does under G_DEBUG=fatal-warnings. */

#include "config.h"

#include <math.h>

#include "fuzz-checks.h"
#include "strata-file-private.h"
#include "strata-json-private.h"
#include "../strata-test-json.h"
#include "strata-export.h"
#include "strata-render.h"
#include "strata-slide.h"

/* Every message names the file, so the checks below can look for it. */
#define DISPLAY_NAME "fuzz.strata"

/* Laying out and drawing every combination of options for each input would
 * take most of the time spent per input; instead the input's hash picks
 * one, so a corpus covers them all. */
static void
pick_options (guint32              hash,
              guint                n_layers,
              StrataRenderOptions *options)
{
  static const double widths[] = { 0, 240, 1200 };

  strata_render_options_init (options);
  options->style = hash % 3;
  hash /= 3;
  options->theme = hash % 3;
  hash /= 3;
  options->scale = hash % 3;
  hash /= 3;
  options->max_width = widths[hash % G_N_ELEMENTS (widths)];
  hash /= G_N_ELEMENTS (widths);
  options->selected = (int) (hash % (n_layers + 1)) - 1;
  hash /= n_layers + 1;
  options->show_params = (hash & 1) != 0;
  options->show_kernels = (hash & 2) != 0;
  options->show_legend = (hash & 4) != 0;
  options->show_title = (hash & 8) != 0;
  options->transparent = (hash & 16) != 0;
  options->short_numbers = (hash & 32) != 0;
  options->high_contrast = (hash & 64) != 0;
  options->arrangement = (hash >> 7) % 3;
  options->dimensions_on_edges = (hash & 512) != 0;
}

/* The SVG is written by our own writer, from names anyone may type: it
 * must be well-formed XML whatever they hold. */
static void
check_svg (StrataNetwork             *network,
           const StrataRenderOptions *options)
{
  static const GMarkupParser parser = { NULL, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GError) error = NULL;
  const char *text, *start;
  gsize length;

  svg = strata_export_to_bytes (network, options, STRATA_EXPORT_FORMAT_SVG, 72, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (svg, &length);
  assert_utf8 ("the SVG", text, length);
  /* GMarkup takes no <?xml?> declaration. */
  start = strstr (text, "<svg");
  g_assert_nonnull (start);
  context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_markup_parse_context_parse (context, start, length - (start - text), &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static gboolean
rectangle_is_finite (const cairo_rectangle_t *r)
{
  return isfinite (r->x) && isfinite (r->y) && isfinite (r->width) && isfinite (r->height) &&
         r->width >= 0 && r->height >= 0;
}

static void
check_drawing (StrataNetwork *network,
               guint32        hash)
{
  guint n_layers = strata_network_get_n_layers (network);
  g_autoptr(StrataLayout) layout = NULL;
  StrataRenderOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;

  pick_options (hash, n_layers, &options);
  layout = strata_layout_new (network, &options);
  strata_layout_get_size (layout, &width, &height);
  g_assert_true (isfinite (width) && width > 0);
  g_assert_true (isfinite (height) && height > 0);

  /* Unbounded, and recording only: no pixels are computed. */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  strata_layout_draw (layout, cr);

  /* As the canvas does: every item's bounds, its highlight, and clicks. */
  for (int position = STRATA_LAYOUT_INPUT; position < (int) n_layers; position++)
    {
      cairo_rectangle_t bounds;
      int hit;

      if (!strata_layout_get_item_bounds (layout, position, &bounds))
        continue;
      g_assert_true (rectangle_is_finite (&bounds));
      if (position >= 0 && position == options.selected)
        strata_render_draw_highlight (cr, &bounds, 0.2, 0.4, 0.9);
      hit = strata_layout_hit_test (layout, bounds.x + bounds.width / 2,
                                    bounds.y + bounds.height / 2);
      g_assert_cmpint (hit, >=, STRATA_LAYOUT_NONE);
      g_assert_cmpint (hit, <, (int) n_layers);
    }
  g_assert_cmpint (strata_layout_hit_test (layout, -1, -1), ==, STRATA_LAYOUT_NONE);

  /* Half the time, the build-up slide of the step that reveals the
   * selection, captioned, revealing or showing every layer. */
  if ((hash >> 24) & 1)
    {
      StrataRenderOptions slide;

      gboolean reveal = ((hash >> 25) & 1) != 0;

      strata_slide_fit_options (network, &options, 960, 540, reveal, &slide);
      strata_slide_draw (cr, network, &slide, (guint) (options.selected + 1), reveal, 960, 540);
    }

  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  check_svg (network, &options);
}

/* Whatever our own JSON reader reads, json-glib reads as the same tree:
 * the reader takes the place of json-glib's parse only where the two
 * agree. It reads nothing nested past 32, so json-glib's recursion is
 * safe on what it read; and an object it reads passes the check of
 * hostile text, which the file reader then leaves out. */
static void
check_reader (const char *data,
              gsize       size)
{
  g_autoptr(JsonNode) ours = strata_json_read (data, size, 32, NULL, NULL, NULL);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;

  if (ours == NULL)
    return;
  parser = json_parser_new_immutable ();
  json_parser_load_from_data (parser, data, size, &error);
  g_assert_no_error (error);
  g_assert_true (same_tree (ours, json_parser_get_root (parser)));
  if (JSON_NODE_HOLDS_OBJECT (ours))
    g_assert_true (strata_file_check_json (data, size, DISPLAY_NAME, 32, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(StrataNetwork) network = NULL;
  g_autoptr(GError) error = NULL;

  setup ();
  check_reader ((const char *) data, size);

  network = strata_file_load_data ((const char *) data, size, DISPLAY_NAME, &error);
  if (network == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == STRATA_FILE_ERROR);
      assert_utf8 ("the error message", error->message, strlen (error->message));
      g_assert_nonnull (strstr (error->message, DISPLAY_NAME));
      return 0;
    }
  g_assert_no_error (error);

  check_summaries (network);
  check_round_trip (network, "saved.strata");
  check_drawing (network, hash_bytes (data, size));
  return 0;
}
