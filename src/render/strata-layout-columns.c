/* strata-layout-columns.c: the blocks of a diagram, their bands and labels, placed in rows. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "strata-layout-build-private.h"

/* Activation functions as people write them; names, not translated. */
static const char * const activation_names[STRATA_N_ACTIVATIONS] = {
  NULL, "ReLU", "ReLU6", "Leaky ReLU", "ELU", "GELU",
  "Sigmoid", "Tanh", "Softmax", "Swish", "Linear",
};

static StrataColumn *
last_column (StrataLayout *self)
{
  if (self->columns->len == 0)
    return NULL;
  return &g_array_index (self->columns, StrataColumn, self->columns->len - 1);
}

static void
add_band (StrataBuilder       *b,
          StrataColumn        *column,
          int                  position,
          StrataLayerCategory  category)
{
  StrataBand band = { position, category };

  g_array_append_val (b->self->bands, band);
  column->size.n_bands++;
  b->used[category] = TRUE;
}

static gboolean
has_own_activation (StrataLayer *layer)
{
  StrataLayerKind kind = strata_layer_get_kind (layer);
  StrataActivation activation = strata_layer_get_params (layer)->activation;

  return kind != STRATA_LAYER_KIND_ACTIVATION &&
         strata_layer_kind_takes (kind, STRATA_PARAM_ACTIVATION) &&
         activation != STRATA_ACTIVATION_NONE &&
         activation != STRATA_ACTIVATION_LINEAR;
}

/* Groups the layers into columns: a layer that keeps its input's shape and
 * only acts on values (activation, normalization, dropout) becomes a band on
 * the block before it rather than a copy of that block. */
void
strata_builder_build_columns (StrataBuilder *b)
{
  StrataLayout *self = b->self;
  guint n_layers = strata_network_get_n_layers (b->network);
  StrataColumn input = { 0 };

  input.position = STRATA_LAYOUT_INPUT;
  input.category = STRATA_LAYER_CATEGORY_INPUT;
  input.shape = *strata_network_get_input_shape (b->network);
  input.has_shape = TRUE;
  g_array_append_val (self->columns, input);
  b->used[STRATA_LAYER_CATEGORY_INPUT] = TRUE;

  for (guint i = 0; i < n_layers; i++)
    {
      StrataLayer *layer = strata_network_get_layer (b->network, i);
      const StrataLayerKindInfo *info = strata_layer_get_kind_info (layer);
      const StrataLayerParams *params = strata_layer_get_params (layer);
      const StrataShape *output = strata_layer_get_output_shape (layer);
      const StrataShape *in = strata_layer_get_input_shape (layer);
      StrataColumn *last = last_column (self);
      StrataColumn column = { 0 };

      if (output != NULL && (info->flags & STRATA_LAYER_KIND_FLAG_BAND) &&
          last->has_shape && strata_shape_equal (&last->shape, output))
        {
          add_band (b, last, i, info->category);
          last->params += strata_layer_get_params_count (layer);
          continue;
        }

      column.position = i;
      column.category = info->category;
      column.first_band = self->bands->len;
      column.has_shape = output != NULL;
      if (output != NULL)
        column.shape = *output;
      column.has_error = output == NULL && strata_layer_get_error (layer) != NULL;
      column.params = strata_layer_get_params_count (layer);
      if (in != NULL && !in->is_vector)
        {
          column.in_height = in->height;
          column.in_width = in->width;
        }
      if (strata_layer_kind_takes (info->kind, STRATA_PARAM_KERNEL))
        {
          column.kernel_h = params->kernel.height;
          column.kernel_w = params->kernel.width;
        }
      else if (info->flags & STRATA_LAYER_KIND_FLAG_POOLING)
        {
          column.kernel_h = params->pool.height;
          column.kernel_w = params->pool.width;
        }
      g_array_append_val (self->columns, column);
      /* A placeholder is grey, so its kind's colour is not in the drawing. */
      if (output != NULL)
        b->used[info->category] = TRUE;

      if (output != NULL && has_own_activation (layer))
        add_band (b, last_column (self), i, STRATA_LAYER_CATEGORY_ACTIVATION);
    }
}

void
strata_builder_size_column (StrataLayout *self,
                            StrataColumn *column)
{
  StrataScaleMode scale = self->options.scale;
  gboolean flat = self->options.style == STRATA_DIAGRAM_STYLE_FLAT;
  StrataBlockSize *size = &column->size;
  gboolean clamped;

  size->clamped = 0;
  if (!column->has_shape)
    {
      size->is_placeholder = TRUE;
      size->thickness = PLACEHOLDER_THICKNESS;
      size->height = PLACEHOLDER_SIZE;
      size->depth = PLACEHOLDER_SIZE;
    }
  else if (column->shape.is_vector)
    {
      size->is_vector = TRUE;
      size->thickness = VECTOR_THICKNESS * sqrt (self->zoom);
      size->height = strata_render_size_for (scale, STRATA_SIZE_VECTOR,
                                             column->shape.channels, self->zoom, &clamped);
      if (clamped)
        size->clamped |= STRATA_CLAMPED_HEIGHT;
      size->depth = VECTOR_DEPTH * sqrt (self->zoom);
    }
  else
    {
      size->height = strata_render_size_for (scale, STRATA_SIZE_SPATIAL,
                                             column->shape.height, self->zoom, &clamped);
      if (clamped)
        size->clamped |= STRATA_CLAMPED_HEIGHT;
      size->depth = strata_render_size_for (scale, STRATA_SIZE_SPATIAL,
                                            column->shape.width, self->zoom, &clamped);
      if (clamped)
        size->clamped |= STRATA_CLAMPED_DEPTH;
      size->thickness = strata_render_size_for (scale, STRATA_SIZE_CHANNELS,
                                                column->shape.channels, self->zoom, &clamped);
      if (clamped)
        size->clamped |= STRATA_CLAMPED_THICKNESS;
    }

  /* The flat style has no depth, so its depth cannot be cut. */
  if (flat)
    size->clamped &= ~STRATA_CLAMPED_DEPTH;
  if (size->clamped != 0)
    self->has_clamped = TRUE;

  column->total_thickness = size->thickness + size->n_bands * STRATA_BAND_THICKNESS;
  column->dx = flat ? 0 : size->depth * STRATA_OBLIQUE_FACTOR * G_SQRT2 / 2;
  column->dy = column->dx;
  column->block_width = column->total_thickness + column->dx;
}

static void
append_detail (GString    *details,
               const char *text)
{
  if (details->len > 0)
    g_string_append (details, " · ");
  g_string_append (details, text);
}

static char *
pair_to_string (guint height,
                guint width)
{
  return g_strdup_printf ("%u × %u", height, width);
}

/* "5 × 5, stride 2 · ReLU · BatchNorm": what the block's layer does that
 * its shape does not say, and its bands. */
static char *
column_details (StrataBuilder *b,
                StrataColumn  *column)
{
  GString *details = g_string_new (NULL);

  if (column->position >= 0 && column->kernel_h > 0)
    {
      StrataLayer *layer = strata_network_get_layer (b->network, column->position);
      const StrataLayerParams *p = strata_layer_get_params (layer);
      gboolean pooling = (strata_layer_get_kind_info (layer)->flags &
                          STRATA_LAYER_KIND_FLAG_POOLING) != 0;
      g_autofree char *window = pair_to_string (column->kernel_h, column->kernel_w);
      gboolean usual_stride = pooling ? p->stride.height == p->pool.height &&
                                        p->stride.width == p->pool.width
                                      : p->stride.height == 1 && p->stride.width == 1;

      if (usual_stride)
        append_detail (details, window);
      else
        {
          g_autofree char *text = NULL;

          if (p->stride.height == p->stride.width)
            /* Translators: a kernel or pooling window and its stride: "11 × 11, stride 4" */
            text = g_strdup_printf (_("%s, stride %u"), window, p->stride.height);
          else
            text = g_strdup_printf (_("%s, stride %u × %u"), window,
                                    p->stride.height, p->stride.width);
          append_detail (details, text);
        }
    }

  for (guint i = 0; i < column->size.n_bands; i++)
    {
      const StrataBand *band = &g_array_index (b->self->bands, StrataBand, column->first_band + i);
      StrataLayer *layer = strata_network_get_layer (b->network, band->position);
      const StrataLayerParams *p = strata_layer_get_params (layer);

      if (band->category == STRATA_LAYER_CATEGORY_ACTIVATION)
        {
          g_autofree char *name = NULL;

          /* An activation layer without a function is shown by its name. */
          if (activation_names[p->activation] != NULL)
            name = g_strdup (activation_names[p->activation]);
          else
            name = strata_render_label_text (strata_layer_get_display_name (layer));
          append_detail (details, name);
        }
      else if (band->category == STRATA_LAYER_CATEGORY_DROPOUT)
        {
          /* Translators: a dropout layer and its rate, e.g. "Dropout 0.5" */
          g_autofree char *text = g_strdup_printf (_("Dropout %g"), p->rate);
          append_detail (details, text);
        }
      else
        append_detail (details, _(strata_layer_get_kind_info (layer)->short_label));
    }

  return g_string_free (details, details->len == 0);
}

static char *
params_text (guint64 params)
{
  g_autofree char *count = strata_format_count (params);

  /* Translators: under a block, e.g. "608 params" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s param", "%s params",
                                       params > G_MAXULONG ? G_MAXULONG : (gulong) params),
                          count);
}

void
strata_builder_build_labels (StrataBuilder *b,
                             StrataColumn  *column)
{
  StrataLayout *self = b->self;
  g_autofree char *details = NULL;
  g_autofree char *name = NULL;

  if (column->position == STRATA_LAYOUT_INPUT)
    name = g_strdup (_("Input"));
  else
    name = strata_render_label_text (strata_layer_get_display_name (
      strata_network_get_layer (b->network, column->position)));
  column->lines[STRATA_LINE_NAME] = strata_builder_cached_text (b, FONT_NAME, name, STRATA_NAME_WIDTH,
                                                 STRATA_NAME_LINES);

  if (column->has_shape)
    {
      g_autofree char *shape = strata_shape_to_string (&column->shape);

      column->lines[STRATA_LINE_SHAPE] = strata_builder_cached_text (b, FONT_SHAPE, shape, 0, 0);
    }
  else
    {
      const char *error = NULL;

      if (column->has_error)
        error = strata_layer_get_error (strata_network_get_layer (b->network, column->position));
      /* The layers after a failed one only repeat that they have no
       * shape; the failed one says why. */
      if (error == NULL)
        error = _("No shape");
      column->lines[STRATA_LINE_SHAPE] = strata_builder_cached_text (b, FONT_DETAILS, error, ERROR_WRAP, 3);
    }

  details = column_details (b, column);
  if (details != NULL)
    column->lines[STRATA_LINE_DETAILS] = strata_builder_cached_text (b, FONT_DETAILS, details,
                                                      STRATA_LABEL_WIDTH, 1);

  if (self->options.show_params && column->params > 0)
    {
      g_autofree char *text = params_text (column->params);

      column->lines[STRATA_LINE_PARAMS] = strata_builder_cached_text (b, FONT_PARAMS, text, 0, 0);
    }

  column->label_width = 0;
  column->label_height = 0;
  for (guint l = 0; l < STRATA_N_LINES; l++)
    {
      double w, h;

      if (column->lines[l] == NULL)
        continue;
      strata_text_extents (column->lines[l], NULL, &w, &h);
      column->label_width = MAX (column->label_width, w);
      if (column->label_height > 0)
        column->label_height += LINE_GAP;
      column->label_height += h;
    }
}

static double
column_width (const StrataColumn *c)
{
  return MAX (c->block_width, c->label_width);
}

/* Distance between the centres of neighbouring columns: their labels must
 * not touch and their blocks must leave room for an arrow. */
static double
column_distance (const StrataColumn *a,
                 const StrataColumn *b)
{
  return MAX ((column_width (a) + column_width (b)) / 2 + COLUMN_GAP,
              (a->block_width + b->block_width) / 2 + BLOCK_GAP);
}

/* Greedy breaking into rows no wider than @limit; fills @starts (may be
 * NULL) with the first column of each row and returns the count of rows. */
static guint
break_rows (GArray *columns,
            double  limit,
            GArray *starts)
{
  guint n_rows = 1;
  double span = 0;
  guint first = 0;

  if (starts != NULL)
    g_array_append_val (starts, first);

  for (guint i = 1; i < columns->len; i++)
    {
      const StrataColumn *prev = &g_array_index (columns, StrataColumn, i - 1);
      const StrataColumn *c = &g_array_index (columns, StrataColumn, i);
      const StrataColumn *f = &g_array_index (columns, StrataColumn, first);
      double d = column_distance (prev, c);

      if (column_width (f) / 2 + span + d + column_width (c) / 2 > limit)
        {
          n_rows++;
          first = i;
          span = 0;
          if (starts != NULL)
            g_array_append_val (starts, first);
        }
      else
        span += d;
    }
  return n_rows;
}

void
strata_builder_place_columns (StrataBuilder *b)
{
  StrataLayout *self = b->self;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  double single = 0, widest = 0, limit, x0;
  guint n_rows = 1;

  for (guint i = 0; i < self->columns->len; i++)
    {
      StrataColumn *c = &g_array_index (self->columns, StrataColumn, i);

      widest = MAX (widest, column_width (c));
      if (i == 0)
        single = column_width (c);
      else
        single += column_distance (c - 1, c) - column_width (c - 1) / 2 + column_width (c) / 2;
    }

  limit = single;
  if (self->options.max_width > 0 && single > self->options.max_width - 2 * MARGIN)
    {
      double avail = self->options.max_width - 2 * MARGIN - ROW_LEAD - ROW_EXIT;
      double lo = widest, hi = MAX (avail, widest);

      /* Rows as even as the fewest rows allow: the narrowest limit that
       * needs no more rows than the page width does. */
      n_rows = break_rows (self->columns, hi, NULL);
      for (guint iter = 0; iter < 40 && hi - lo > 0.5; iter++)
        {
          double mid = (lo + hi) / 2;

          if (break_rows (self->columns, mid, NULL) <= n_rows)
            hi = mid;
          else
            lo = mid;
        }
      limit = hi;
    }
  n_rows = break_rows (self->columns, limit + 0.01, starts);

  x0 = MARGIN + (n_rows > 1 ? ROW_LEAD : 0);
  self->connector_left = MARGIN + ROW_LEAD / 3;

  for (guint r = 0; r < n_rows; r++)
    {
      StrataRow row = { 0 };
      double above = 0, below = 0, label_h = 0, cx = 0;

      row.first = g_array_index (starts, guint, r);
      row.n = (r + 1 < n_rows ? g_array_index (starts, guint, r + 1) : self->columns->len) - row.first;

      for (guint i = row.first; i < row.first + row.n; i++)
        {
          StrataColumn *c = &g_array_index (self->columns, StrataColumn, i);

          above = MAX (above, c->size.height / 2 + c->dy);
          below = MAX (below, c->size.height / 2);
          label_h = MAX (label_h, c->label_height);
        }

      row.top = b->y;
      row.axis = row.top + above;
      row.label_y = row.axis + below + LABEL_GAP;
      row.bottom = row.label_y + label_h;

      for (guint i = row.first; i < row.first + row.n; i++)
        {
          StrataColumn *c = &g_array_index (self->columns, StrataColumn, i);
          double y;

          if (i == row.first)
            cx = x0 + column_width (c) / 2;
          else
            cx += column_distance (c - 1, c);

          c->row = r;
          c->x = cx - c->block_width / 2;
          c->y = row.axis - c->size.height / 2;
          c->block_rect = (cairo_rectangle_t) { c->x, c->y - c->dy,
                                                c->block_width, c->size.height + c->dy };

          y = row.label_y;
          for (guint l = 0; l < STRATA_N_LINES; l++)
            {
              double lx, w, h;

              if (c->lines[l] == NULL)
                continue;
              strata_text_extents (c->lines[l], &lx, &w, &h);
              c->line_x[l] = cx - w / 2 - lx;
              c->line_y[l] = y;
              y += h + LINE_GAP;
            }
          c->label_rect = (cairo_rectangle_t) { cx - c->label_width / 2, row.label_y,
                                                c->label_width, c->label_height };
          c->bounds = c->block_rect;
          strata_rect_union (&c->bounds, &c->label_rect);
          b->content_right = MAX (b->content_right, c->bounds.x + c->bounds.width);

          strata_layout_add_box (self, STRATA_BOX_BLOCK, c->position, &c->block_rect);
          strata_layout_add_box (self, STRATA_BOX_LABEL, c->position, &c->label_rect);
        }

      g_array_append_val (self->rows, row);
      b->y = row.bottom + ROW_GAP;
    }

  if (n_rows > 1)
    b->content_right += ROW_EXIT;
  b->y -= ROW_GAP;
}

