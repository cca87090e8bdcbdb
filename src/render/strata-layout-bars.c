/* strata-layout-bars.c: the bars style, a row per layer with its activations and parameters. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "strata-layout-build-private.h"

static double
bar_value (StrataScaleMode scale,
           guint64         value)
{
  switch (scale)
    {
    case STRATA_SCALE_LINEAR:
      return (double) value;
    case STRATA_SCALE_LOG:
      return log10 (1.0 + (double) value);
    case STRATA_SCALE_SQRT:
    default:
      return sqrt ((double) value);
    }
}

/* The bars style: one row per layer, with its activation size and its
 * parameters as bars, so that the heavy layers stand out. */
void
strata_builder_build_bars (StrataBuilder *b)
{
  StrataLayout *self = b->self;
  guint n_layers = strata_network_get_n_layers (b->network);
  const char *headers[4] = { _("Layer"), _("Output shape"), _("Activations"), _("Parameters") };
  double header_h = 0, name_w = 0, shape_w = 0, value_w[2] = { 0, 0 }, max_value[2] = { 0, 0 };
  double widths[4], name_right, left, y;
  guint64 values_raw[2];

  for (guint i = 0; i < 4; i++)
    {
      double h;

      self->bar_headers[i] = strata_builder_new_text (b, FONT_HEADER, headers[i], 0, 0);
      strata_text_extents (self->bar_headers[i], NULL, &widths[i], &h);
      header_h = MAX (header_h, h);
    }

  for (int i = -1; i < (int) n_layers; i++)
    {
      StrataBarRow row = { 0 };
      g_autofree char *shape = NULL;
      g_autofree char *name = NULL;
      StrataTextSize name_size, shape_size;

      if (i < 0)
        {
          const StrataShape *input = strata_network_get_input_shape (b->network);

          row.position = STRATA_LAYOUT_INPUT;
          row.category = STRATA_LAYER_CATEGORY_INPUT;
          name = g_strdup (_("Input"));
          shape = strata_shape_to_string (input);
          strata_shape_get_size (input, &values_raw[0]);
          values_raw[1] = 0;
        }
      else
        {
          StrataLayer *layer = strata_network_get_layer (b->network, i);

          row.position = i;
          row.category = strata_layer_get_kind_info (layer)->category;
          name = strata_render_label_text (strata_layer_get_display_name (layer));
          row.failed = !strata_layer_has_shape (layer);
          row.has_error = row.failed && strata_layer_get_error (layer) != NULL;
          if (row.failed)
            shape = g_strdup (strata_layer_get_error (layer) ? strata_layer_get_error (layer)
                                                             : _("No shape"));
          else
            shape = strata_shape_to_string (strata_layer_get_output_shape (layer));
          values_raw[0] = strata_layer_get_activation_size (layer);
          values_raw[1] = strata_layer_get_params_count (layer);
        }
      row.params = values_raw[1];
      row.fill = strata_builder_layer_fill (b, i < 0 ? NULL : strata_network_get_layer (b->network, i),
                                            row.category);

      /* The name is placed by its own width, against the right of its
       * column. */
      row.name = strata_builder_cached_text (b, FONT_NAME, name, STRATA_LABEL_WIDTH, 1, TRUE,
                                             &name_size);
      if (row.failed)
        row.shape = strata_builder_cached_text (b, FONT_DETAILS, shape, 2 * ERROR_WRAP, 2, TRUE,
                                                &shape_size);
      else
        row.shape = strata_builder_cached_text (b, FONT_SHAPE, shape, 0, 0, FALSE, &shape_size);
      for (guint k = 0; k < 2; k++)
        {
          g_autofree char *count = strata_render_format_count (values_raw[k],
                                                              self->options.short_numbers);
          StrataTextSize size;

          row.values[k] = strata_builder_cached_text (b, FONT_PARAMS, row.failed ? "–" : count,
                                                      0, 0, FALSE, &size);
          row.lengths[k] = row.failed ? 0 : bar_value (self->options.scale, values_raw[k]);
          max_value[k] = MAX (max_value[k], row.lengths[k]);
          value_w[k] = MAX (value_w[k], size.width);
        }

      name_w = MAX (name_w, name_size.width);
      shape_w = MAX (shape_w, shape_size.width);
      row.height = MAX (name_size.height, 22) + 8;
      row.height = MAX (row.height, shape_size.height + 8);
      g_array_append_val (self->bar_rows, row);
    }

  name_w = MAX (name_w, widths[0]);
  shape_w = MAX (shape_w, widths[1]);
  /* A network that branches has its graph drawn left of the rows. */
  left = MARGIN + strata_builder_gutter_width (b);
  name_right = left + name_w;
  self->bar_header_x[0] = name_right - widths[0];
  self->bar_header_x[1] = name_right + 20;
  self->bar_x[0] = self->bar_header_x[1] + shape_w + 28;
  self->bar_header_x[2] = self->bar_x[0];
  self->bar_length = BAR_LENGTH;
  self->bar_x[1] = self->bar_x[0] + MAX (BAR_LENGTH + 8 + value_w[0], widths[2]) + 32;
  self->bar_header_x[3] = self->bar_x[1];
  b->content_right = self->bar_x[1] + MAX (BAR_LENGTH + 8 + value_w[1], widths[3]);

  self->bar_header_y = b->y;
  y = b->y + header_h + 8;
  for (guint i = 0; i < self->bar_rows->len; i++)
    {
      StrataBarRow *row = &g_array_index (self->bar_rows, StrataBarRow, i);
      cairo_rectangle_t rect = { left, y, b->content_right - left, row->height };

      row->y = y;
      for (guint k = 0; k < 2; k++)
        {
          if (max_value[k] > 0 && row->lengths[k] > 0)
            row->lengths[k] = MAX (2.0, BAR_LENGTH * row->lengths[k] / max_value[k]);
          else
            row->lengths[k] = 0;
        }
      row->rect = rect;
      y += row->height;
    }
  b->y = y;
  strata_builder_place_gutter (b);
}

/* The legend's sentence on what a size means, for the style and scale. */
