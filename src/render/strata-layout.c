/* strata-layout.c: where every block, label, arrow and the legend of a diagram go. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "strata-layout-private.h"

/* All sizes are in points. Fonts are large because diagrams end up on
 * projectors: 14 pt shapes stay readable when a 1200 pt wide drawing is
 * shrunk onto a slide. */
#define MARGIN          24.0
#define LINE_GAP        2.0
#define LABEL_GAP       12.0  /* between the lowest block of a row and its labels */
#define COLUMN_GAP      22.0  /* between the labels of neighbouring columns */
#define BLOCK_GAP       46.0  /* between neighbouring blocks: room for an arrow */
#define ROW_GAP         46.0  /* between rows: room for the connector */
#define ROW_LEAD        30.0  /* before each row when there are several: the connector comes in */
#define ROW_EXIT        22.0  /* after each row when there are several: the connector goes out */
#define TITLE_GAP       22.0
#define LEGEND_GAP      30.0
#define ERROR_WRAP      170.0
#define BAR_LENGTH      240.0
#define MIN_LEGEND_WIDTH 560.0

#define VECTOR_THICKNESS      8.0
#define VECTOR_DEPTH          14.0
#define PLACEHOLDER_THICKNESS 14.0
#define PLACEHOLDER_SIZE      48.0

typedef enum
{
  FONT_TITLE,
  FONT_SUBTITLE,
  FONT_NAME,
  FONT_SHAPE,
  FONT_DETAILS,
  FONT_PARAMS,
  FONT_LEGEND,
  FONT_HEADER,
  N_FONTS
} Font;

static const char * const font_names[N_FONTS] = {
  [FONT_TITLE] = "Sans Bold 24",
  [FONT_SUBTITLE] = "Sans 14",
  [FONT_NAME] = "Sans Bold 15",
  [FONT_SHAPE] = "Sans 14",
  [FONT_DETAILS] = "Sans Italic 12.5",
  [FONT_PARAMS] = "Sans 12.5",
  [FONT_LEGEND] = "Sans 13",
  [FONT_HEADER] = "Sans Bold 13",
};

/* What only the building needs. */
typedef struct
{
  StrataLayout         *self;
  StrataNetwork        *network;
  PangoFontDescription *fonts[N_FONTS];
  gboolean              used[STRATA_N_LAYER_CATEGORIES];
  gboolean              has_vector;
  double                content_right;
  double                y;
} Builder;

/* Activation functions as people write them; names, not translated. */
static const char * const activation_names[STRATA_N_ACTIVATIONS] = {
  NULL, "ReLU", "ReLU6", "Leaky ReLU", "ELU", "GELU",
  "Sigmoid", "Tanh", "Softmax", "Swish", "Linear",
};

G_DEFINE_BOXED_TYPE (StrataLayout, strata_layout, strata_layout_ref, strata_layout_unref)

static PangoLayout *
new_text (Builder    *b,
          Font        font,
          const char *text,
          double      wrap_width,
          int         max_lines)
{
  PangoLayout *layout = pango_layout_new (b->self->context);

  pango_layout_set_font_description (layout, b->fonts[font]);
  if (wrap_width > 0)
    {
      pango_layout_set_width (layout, (int) (wrap_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      if (max_lines > 0)
        {
          pango_layout_set_height (layout, -max_lines);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Labels shaped by earlier layouts, so that a layout rebuilt after one
 * edit shapes only the text that changed. A thread's own, as are Pango's
 * default font map and the context made from it. */
#define LABEL_CACHE_SIZE 8192

typedef struct
{
  PangoContext *context;
  GHashTable   *labels; /* "font, wrap, lines, text" → PangoLayout */
} LabelCache;

static PangoContext *create_context (void);

static void
label_cache_free (gpointer data)
{
  LabelCache *cache = data;

  g_hash_table_unref (cache->labels);
  g_object_unref (cache->context);
  g_free (cache);
}

static GPrivate label_cache_key = G_PRIVATE_INIT (label_cache_free);

static LabelCache *
get_label_cache (void)
{
  LabelCache *cache = g_private_get (&label_cache_key);

  if (cache == NULL)
    {
      cache = g_new0 (LabelCache, 1);
      cache->context = create_context ();
      cache->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_private_set (&label_cache_key, cache);
    }
  return cache;
}

/* Like new_text(), for labels that are never changed after they are made:
 * the same text in the same font is shaped once and shared. */
static PangoLayout *
cached_text (Builder    *b,
             Font        font,
             const char *text,
             double      wrap_width,
             int         max_lines)
{
  GHashTable *labels = get_label_cache ()->labels;
  char *key = g_strdup_printf ("%d\x1f%g\x1f%d\x1f%s", font, wrap_width, max_lines, text);
  PangoLayout *layout = g_hash_table_lookup (labels, key);

  if (layout != NULL)
    {
      g_free (key);
      return g_object_ref (layout);
    }

  layout = new_text (b, font, text, wrap_width, max_lines);
  /* Shape it now, while it is the only user. */
  pango_layout_get_extents (layout, NULL, NULL);
  if (g_hash_table_size (labels) >= LABEL_CACHE_SIZE)
    g_hash_table_remove_all (labels);
  g_hash_table_insert (labels, key, g_object_ref (layout));
  return layout;
}

/* The logical extents: @x is where the ink starts relative to the origin. */
static void
text_extents (PangoLayout *layout,
              double      *x,
              double      *width,
              double      *height)
{
  PangoRectangle rect;

  pango_layout_get_extents (layout, NULL, &rect);
  if (x != NULL)
    *x = (double) rect.x / PANGO_SCALE;
  if (width != NULL)
    *width = (double) rect.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) rect.height / PANGO_SCALE;
}

static void
add_box (StrataLayout            *self,
         StrataBoxKind            kind,
         int                      position,
         const cairo_rectangle_t *rect)
{
  StrataLayoutBox box = { kind, position, *rect };

  g_array_append_val (self->boxes, box);
}

static void
rect_union (cairo_rectangle_t       *a,
            const cairo_rectangle_t *b)
{
  double x1 = MIN (a->x, b->x);
  double y1 = MIN (a->y, b->y);
  double x2 = MAX (a->x + a->width, b->x + b->width);
  double y2 = MAX (a->y + a->height, b->y + b->height);

  *a = (cairo_rectangle_t) { x1, y1, x2 - x1, y2 - y1 };
}

static gboolean
is_band_category (StrataLayerCategory category)
{
  return category == STRATA_LAYER_CATEGORY_ACTIVATION ||
         category == STRATA_LAYER_CATEGORY_NORMALIZATION ||
         category == STRATA_LAYER_CATEGORY_DROPOUT;
}

static StrataColumn *
last_column (StrataLayout *self)
{
  if (self->columns->len == 0)
    return NULL;
  return &g_array_index (self->columns, StrataColumn, self->columns->len - 1);
}

static void
add_band (Builder             *b,
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
static void
build_columns (Builder *b)
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

      if (output != NULL && is_band_category (info->category) &&
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
      else if (strata_layer_kind_takes (info->kind, STRATA_PARAM_POOL))
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

static void
size_column (StrataLayout *self,
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
column_details (Builder      *b,
                StrataColumn *column)
{
  GString *details = g_string_new (NULL);

  if (column->position >= 0 && column->kernel_h > 0)
    {
      StrataLayer *layer = strata_network_get_layer (b->network, column->position);
      const StrataLayerParams *p = strata_layer_get_params (layer);
      gboolean pooling = strata_layer_kind_takes (strata_layer_get_kind (layer),
                                                  STRATA_PARAM_POOL);
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

static void
build_labels (Builder      *b,
              StrataColumn *column)
{
  StrataLayout *self = b->self;
  g_autofree char *details = NULL;
  g_autofree char *name = NULL;

  if (column->position == STRATA_LAYOUT_INPUT)
    name = g_strdup (_("Input"));
  else
    name = strata_render_label_text (strata_layer_get_display_name (
      strata_network_get_layer (b->network, column->position)));
  column->lines[STRATA_LINE_NAME] = cached_text (b, FONT_NAME, name, STRATA_NAME_WIDTH,
                                                 STRATA_NAME_LINES);

  if (column->has_shape)
    {
      g_autofree char *shape = strata_shape_to_string (&column->shape);

      column->lines[STRATA_LINE_SHAPE] = cached_text (b, FONT_SHAPE, shape, 0, 0);
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
      column->lines[STRATA_LINE_SHAPE] = cached_text (b, FONT_DETAILS, error, ERROR_WRAP, 3);
    }

  details = column_details (b, column);
  if (details != NULL)
    column->lines[STRATA_LINE_DETAILS] = cached_text (b, FONT_DETAILS, details,
                                                      STRATA_LABEL_WIDTH, 1);

  if (self->options.show_params && column->params > 0)
    {
      g_autofree char *text = params_text (column->params);

      column->lines[STRATA_LINE_PARAMS] = cached_text (b, FONT_PARAMS, text, 0, 0);
    }

  column->label_width = 0;
  column->label_height = 0;
  for (guint l = 0; l < STRATA_N_LINES; l++)
    {
      double w, h;

      if (column->lines[l] == NULL)
        continue;
      text_extents (column->lines[l], NULL, &w, &h);
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

static void
place_columns (Builder *b)
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
              text_extents (c->lines[l], &lx, &w, &h);
              c->line_x[l] = cx - w / 2 - lx;
              c->line_y[l] = y;
              y += h + LINE_GAP;
            }
          c->label_rect = (cairo_rectangle_t) { cx - c->label_width / 2, row.label_y,
                                                c->label_width, c->label_height };
          c->bounds = c->block_rect;
          rect_union (&c->bounds, &c->label_rect);
          b->content_right = MAX (b->content_right, c->bounds.x + c->bounds.width);

          add_box (self, STRATA_BOX_BLOCK, c->position, &c->block_rect);
          add_box (self, STRATA_BOX_LABEL, c->position, &c->label_rect);
        }

      g_array_append_val (self->rows, row);
      b->y = row.bottom + ROW_GAP;
    }

  if (n_rows > 1)
    b->content_right += ROW_EXIT;
  b->y -= ROW_GAP;
}

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
static void
build_bars (Builder *b)
{
  StrataLayout *self = b->self;
  guint n_layers = strata_network_get_n_layers (b->network);
  const char *headers[4] = { _("Layer"), _("Output shape"), _("Activations"), _("Parameters") };
  double header_h = 0, name_w = 0, shape_w = 0, value_w[2] = { 0, 0 }, max_value[2] = { 0, 0 };
  double widths[4], name_right, y;
  guint64 values_raw[2];

  for (guint i = 0; i < 4; i++)
    {
      double h;

      self->bar_headers[i] = new_text (b, FONT_HEADER, headers[i], 0, 0);
      text_extents (self->bar_headers[i], NULL, &widths[i], &h);
      header_h = MAX (header_h, h);
    }

  for (int i = -1; i < (int) n_layers; i++)
    {
      StrataBarRow row = { 0 };
      g_autofree char *shape = NULL;
      g_autofree char *name = NULL;
      double w;

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
      b->used[row.category] = TRUE;

      row.name = new_text (b, FONT_NAME, name, STRATA_LABEL_WIDTH, 1);
      /* Placed by its own width, against the right of its column. */
      pango_layout_set_alignment (row.name, PANGO_ALIGN_LEFT);
      row.shape = row.failed ? new_text (b, FONT_DETAILS, shape, 2 * ERROR_WRAP, 2)
                             : new_text (b, FONT_SHAPE, shape, 0, 0);
      if (row.failed)
        pango_layout_set_alignment (row.shape, PANGO_ALIGN_LEFT);
      for (guint k = 0; k < 2; k++)
        {
          g_autofree char *count = strata_format_count (values_raw[k]);

          row.values[k] = new_text (b, FONT_PARAMS, row.failed ? "–" : count, 0, 0);
          row.lengths[k] = row.failed ? 0 : bar_value (self->options.scale, values_raw[k]);
          max_value[k] = MAX (max_value[k], row.lengths[k]);
          text_extents (row.values[k], NULL, &w, NULL);
          value_w[k] = MAX (value_w[k], w);
        }

      text_extents (row.name, NULL, &w, &row.height);
      name_w = MAX (name_w, w);
      text_extents (row.shape, NULL, &w, NULL);
      shape_w = MAX (shape_w, w);
      row.height = MAX (row.height, 22) + 8;
      {
        double sh;

        text_extents (row.shape, NULL, NULL, &sh);
        row.height = MAX (row.height, sh + 8);
      }
      g_array_append_val (self->bar_rows, row);
    }

  name_w = MAX (name_w, widths[0]);
  shape_w = MAX (shape_w, widths[1]);
  name_right = MARGIN + name_w;
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
      cairo_rectangle_t rect = { MARGIN, y, b->content_right - MARGIN, row->height };

      row->y = y;
      for (guint k = 0; k < 2; k++)
        {
          if (max_value[k] > 0 && row->lengths[k] > 0)
            row->lengths[k] = MAX (2.0, BAR_LENGTH * row->lengths[k] / max_value[k]);
          else
            row->lengths[k] = 0;
        }
      row->rect = rect;
      add_box (self, STRATA_BOX_LABEL, row->position, &rect);
      y += row->height;
    }
  b->y = y;
}

/* The legend's sentence on what a size means, for the style and scale. */
static char *
size_note (StrataLayout *self,
           gboolean      has_vector)
{
  const char *blocks = NULL, *vectors = NULL;

  switch (self->options.style)
    {
    case STRATA_DIAGRAM_STYLE_BARS:
      switch (self->options.scale)
        {
        case STRATA_SCALE_LINEAR:
          return g_strdup (_("Bar length ∝ count; the longest bar in each column is its largest count."));
        case STRATA_SCALE_LOG:
          return g_strdup (_("Bar length ∝ log₁₀ (1 + count); the longest bar in each column is its largest count."));
        case STRATA_SCALE_SQRT:
        default:
          return g_strdup (_("Bar length ∝ √count; the longest bar in each column is its largest count."));
        }
    case STRATA_DIAGRAM_STYLE_FLAT:
      switch (self->options.scale)
        {
        case STRATA_SCALE_LINEAR:
          blocks = _("Size: height ∝ H, width ∝ C");
          break;
        case STRATA_SCALE_LOG:
          blocks = _("Size: height ∝ 1 + log₂ H, width ∝ 1 + log₂ C");
          break;
        case STRATA_SCALE_SQRT:
        default:
          blocks = _("Size: height ∝ √H, width ∝ √C");
          break;
        }
      break;
    case STRATA_DIAGRAM_STYLE_BLOCKS:
    default:
      switch (self->options.scale)
        {
        case STRATA_SCALE_LINEAR:
          blocks = _("Size: height ∝ H, depth ∝ W, thickness ∝ C");
          break;
        case STRATA_SCALE_LOG:
          blocks = _("Size: height ∝ 1 + log₂ H, depth ∝ 1 + log₂ W, thickness ∝ 1 + log₂ C");
          break;
        case STRATA_SCALE_SQRT:
        default:
          blocks = _("Size: height ∝ √H, depth ∝ √W, thickness ∝ √C");
          break;
        }
      break;
    }

  if (!has_vector)
    return g_strdup_printf ("%s.", blocks);

  switch (self->options.scale)
    {
    case STRATA_SCALE_LINEAR:
      vectors = _("a vector's bar height ∝ its length");
      break;
    case STRATA_SCALE_LOG:
      vectors = _("a vector's bar height ∝ 1 + log₂ length");
      break;
    case STRATA_SCALE_SQRT:
    default:
      vectors = _("a vector's bar height ∝ √length");
      break;
    }
  /* Translators: joins the two halves of the legend's size note: blocks, then vectors */
  return g_strdup_printf (_("%s; %s."), blocks, vectors);
}

static void
build_legend (Builder *b)
{
  StrataLayout *self = b->self;
  double limit, x, y, line_h = 0, right = MARGIN, h;
  g_autofree char *note = NULL;
  cairo_rectangle_t rect;

  if (self->options.max_width > 0)
    limit = self->options.max_width - 2 * MARGIN;
  else
    limit = MAX (b->content_right - MARGIN, MIN_LEGEND_WIDTH);

  x = MARGIN;
  y = b->y + LEGEND_GAP;
  rect = (cairo_rectangle_t) { MARGIN, y, 0, 0 };

  for (guint c = 0; c < STRATA_N_LAYER_CATEGORIES; c++)
    {
      StrataLegendEntry entry = { 0 };
      double w;

      if (!b->used[c])
        continue;
      entry.category = c;
      entry.label = new_text (b, FONT_LEGEND, strata_layer_category_get_label (c), 0, 0);
      text_extents (entry.label, NULL, &w, &h);
      w += STRATA_LEGEND_SWATCH + 6;
      if (x > MARGIN && x + w > MARGIN + limit)
        {
          x = MARGIN;
          y += line_h + 6;
          line_h = 0;
        }
      entry.x = x;
      entry.y = y;
      line_h = MAX (line_h, MAX (h, STRATA_LEGEND_SWATCH));
      right = MAX (right, x + w);
      x += w + 20;
      g_array_append_val (self->legend, entry);
    }
  y += line_h + 8;

  note = size_note (self, b->has_vector);
  self->legend_note = new_text (b, FONT_LEGEND, note, 0, 0);
  pango_layout_set_width (self->legend_note, (int) (limit * PANGO_SCALE));
  pango_layout_set_wrap (self->legend_note, PANGO_WRAP_WORD);
  self->legend_note_x = MARGIN;
  self->legend_note_y = y;
  {
    double w;
    PangoRectangle ink;

    pango_layout_get_pixel_extents (self->legend_note, NULL, &ink);
    text_extents (self->legend_note, NULL, &w, &h);
    right = MAX (right, MARGIN + MIN (ink.width, limit));
  }
  y += h;

  if (self->has_clamped && self->options.style != STRATA_DIAGRAM_STYLE_BARS)
    {
      double w;

      y += 6;
      self->break_note = new_text (b, FONT_LEGEND,
                                   _("Cut short: larger than the drawing's size limit, not to scale"),
                                   0, 0);
      self->break_note_x = MARGIN + 30;
      self->break_note_y = y;
      text_extents (self->break_note, NULL, &w, &h);
      right = MAX (right, self->break_note_x + w);
      y += MAX (h, 18);
    }

  rect.width = right - MARGIN;
  rect.height = y - rect.y;
  add_box (self, STRATA_BOX_LEGEND, STRATA_LAYOUT_NONE, &rect);
  b->content_right = MAX (b->content_right, right);
  b->y = y;
}

static void
build_title (Builder *b)
{
  StrataLayout *self = b->self;
  StrataNetwork *network = b->network;
  const char *name = strata_network_get_name (network);
  guint n_layers = strata_network_get_n_layers (network);
  guint64 params = strata_network_get_params (network);
  g_autofree char *count = strata_format_count (params);
  g_autofree char *layers = NULL;
  g_autofree char *params_line = NULL;
  g_autofree char *subtitle = NULL;
  double h, sh;

  self->title_text = name != NULL ? strata_render_label_text (name) : NULL;
  if (!self->options.show_title || name == NULL || name[0] == '\0')
    return;

  /* Translators: the line under a diagram's title */
  layers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u layer", "%u layers", n_layers), n_layers);
  params_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s parameter", "%s parameters",
                                              params > G_MAXULONG ? G_MAXULONG : (gulong) params),
                                 count);
  subtitle = g_strdup_printf ("%s · %s", layers, params_line);

  /* One line, whatever its width: its height is known now, its width
   * only once the drawing below it is placed (see place_title()). */
  self->title = new_text (b, FONT_TITLE, self->title_text, 0, 0);
  pango_layout_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  self->subtitle = new_text (b, FONT_SUBTITLE, subtitle, 0, 0);
  text_extents (self->title, NULL, NULL, &h);
  text_extents (self->subtitle, NULL, NULL, &sh);
  self->title_x = MARGIN;
  self->title_y = b->y;
  self->subtitle_x = MARGIN;
  self->subtitle_y = b->y + h + 2;
  b->y += h + 2 + sh + TITLE_GAP;
}

/* The title may widen a narrow drawing up to STRATA_TITLE_WIDTH, but no
 * further, and never past the width asked for. */
static void
place_title (Builder *b)
{
  StrataLayout *self = b->self;
  cairo_rectangle_t rect;
  double limit, w, h, sw, sh;

  if (self->title == NULL)
    return;

  if (self->options.max_width > 0)
    limit = MAX (self->options.max_width - 2 * MARGIN, 0);
  else
    limit = MAX (b->content_right - MARGIN, STRATA_TITLE_WIDTH);
  pango_layout_set_width (self->title, (int) (limit * PANGO_SCALE));

  text_extents (self->title, NULL, &w, &h);
  text_extents (self->subtitle, NULL, &sw, &sh);
  rect = (cairo_rectangle_t) { MARGIN, self->title_y, MAX (w, sw), h + 2 + sh };
  add_box (self, STRATA_BOX_TITLE, STRATA_LAYOUT_NONE, &rect);
  b->content_right = MAX (b->content_right, MARGIN + rect.width);
}

static PangoContext *
create_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *font_options = cairo_font_options_create ();

  /* One point per unit and no hinting: text measures the same whatever
   * the output (screen, PNG at any DPI, SVG, PDF), so the layout holds. */
  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, font_options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (font_options);
  return context;
}

StrataLayout *
strata_layout_new (StrataNetwork             *network,
                   const StrataRenderOptions *options)
{
  StrataLayout *self;
  Builder b = { 0 };

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);

  self = g_new0 (StrataLayout, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->zoom = 1.0;
  if (options != NULL)
    self->options = *options;
  else
    strata_render_options_init (&self->options);
  self->context = g_object_ref (get_label_cache ()->context);
  self->columns = g_array_new (FALSE, TRUE, sizeof (StrataColumn));
  self->bands = g_array_new (FALSE, TRUE, sizeof (StrataBand));
  self->rows = g_array_new (FALSE, TRUE, sizeof (StrataRow));
  self->bar_rows = g_array_new (FALSE, TRUE, sizeof (StrataBarRow));
  self->legend = g_array_new (FALSE, TRUE, sizeof (StrataLegendEntry));
  self->boxes = g_array_new (FALSE, TRUE, sizeof (StrataLayoutBox));

  b.self = self;
  b.network = network;
  b.y = MARGIN;
  for (guint f = 0; f < N_FONTS; f++)
    b.fonts[f] = pango_font_description_from_string (font_names[f]);

  build_title (&b);

  if (self->options.style == STRATA_DIAGRAM_STYLE_BARS)
    build_bars (&b);
  else
    {
      guint64 largest = 0;

      build_columns (&b);
      for (guint i = 0; i < self->columns->len; i++)
        {
          StrataColumn *c = &g_array_index (self->columns, StrataColumn, i);

          if (c->has_shape && !c->shape.is_vector)
            largest = MAX (largest, MAX (c->shape.height, c->shape.width));
        }
      self->zoom = largest > 0 ? strata_render_zoom_for (self->options.scale, largest) : 1.0;

      for (guint i = 0; i < self->columns->len; i++)
        {
          StrataColumn *c = &g_array_index (self->columns, StrataColumn, i);

          size_column (self, c);
          if (c->size.is_vector)
            b.has_vector = TRUE;
          build_labels (&b, c);
        }
      place_columns (&b);
    }

  place_title (&b);
  if (self->options.show_legend)
    build_legend (&b);

  self->width = ceil (b.content_right + MARGIN);
  self->height = ceil (b.y + MARGIN);

  for (guint f = 0; f < N_FONTS; f++)
    pango_font_description_free (b.fonts[f]);

  return self;
}

StrataLayout *
strata_layout_ref (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);

  g_atomic_ref_count_inc (&layout->ref_count);
  return layout;
}

void
strata_layout_unref (StrataLayout *layout)
{
  g_return_if_fail (layout != NULL);

  if (!g_atomic_ref_count_dec (&layout->ref_count))
    return;

  for (guint i = 0; i < layout->columns->len; i++)
    {
      StrataColumn *c = &g_array_index (layout->columns, StrataColumn, i);

      for (guint l = 0; l < STRATA_N_LINES; l++)
        g_clear_object (&c->lines[l]);
    }
  for (guint i = 0; i < layout->bar_rows->len; i++)
    {
      StrataBarRow *row = &g_array_index (layout->bar_rows, StrataBarRow, i);

      g_clear_object (&row->name);
      g_clear_object (&row->shape);
      g_clear_object (&row->values[0]);
      g_clear_object (&row->values[1]);
    }
  for (guint i = 0; i < layout->legend->len; i++)
    g_clear_object (&g_array_index (layout->legend, StrataLegendEntry, i).label);
  for (guint i = 0; i < G_N_ELEMENTS (layout->bar_headers); i++)
    g_clear_object (&layout->bar_headers[i]);

  g_clear_object (&layout->title);
  g_clear_object (&layout->subtitle);
  g_clear_object (&layout->legend_note);
  g_clear_object (&layout->break_note);
  g_clear_object (&layout->context);
  g_clear_pointer (&layout->title_text, g_free);
  g_array_unref (layout->columns);
  g_array_unref (layout->bands);
  g_array_unref (layout->rows);
  g_array_unref (layout->bar_rows);
  g_array_unref (layout->legend);
  g_array_unref (layout->boxes);
  g_free (layout);
}

void
strata_layout_get_size (StrataLayout *layout,
                        double       *width,
                        double       *height)
{
  g_return_if_fail (layout != NULL);

  if (width != NULL)
    *width = layout->width;
  if (height != NULL)
    *height = layout->height;
}

static gboolean
rect_contains (const cairo_rectangle_t *r,
               double                   x,
               double                   y)
{
  return x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

/* Which part of a column's prism (its block or one of its bands) is under
 * a point inside its block rectangle: the point is moved back along the
 * receding axis onto the front face's plane. */
static int
column_part_at (StrataLayout       *layout,
                const StrataColumn *c,
                double              x,
                double              y)
{
  double fx = x;

  if (y < c->y && c->dy > 0)
    fx = x - (c->y - y) * c->dx / c->dy;
  fx -= c->x + c->size.thickness;
  if (fx < 0 || c->size.n_bands == 0)
    return c->position;
  return g_array_index (layout->bands, StrataBand,
                        c->first_band + MIN ((guint) (fx / STRATA_BAND_THICKNESS),
                                             c->size.n_bands - 1)).position;
}

int
strata_layout_hit_test (StrataLayout *layout,
                        double        x,
                        double        y)
{
  g_return_val_if_fail (layout != NULL, STRATA_LAYOUT_NONE);

  for (guint i = 0; i < layout->columns->len; i++)
    {
      const StrataColumn *c = &g_array_index (layout->columns, StrataColumn, i);

      if (!rect_contains (&c->bounds, x, y))
        continue;
      if (rect_contains (&c->block_rect, x, y))
        return column_part_at (layout, c, x, y);
      if (rect_contains (&c->label_rect, x, y))
        return c->position;
    }

  for (guint i = 0; i < layout->bar_rows->len; i++)
    {
      const StrataBarRow *row = &g_array_index (layout->bar_rows, StrataBarRow, i);

      if (rect_contains (&row->rect, x, y))
        return row->position;
    }

  return STRATA_LAYOUT_NONE;
}

gboolean
strata_layout_get_item_bounds (StrataLayout      *layout,
                               int                position,
                               cairo_rectangle_t *bounds)
{
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  for (guint i = 0; i < layout->columns->len; i++)
    {
      const StrataColumn *c = &g_array_index (layout->columns, StrataColumn, i);
      gboolean found = c->position == position;

      for (guint k = 0; k < c->size.n_bands && !found; k++)
        found = g_array_index (layout->bands, StrataBand, c->first_band + k).position == position;
      if (found)
        {
          *bounds = c->bounds;
          return TRUE;
        }
    }

  for (guint i = 0; i < layout->bar_rows->len; i++)
    {
      const StrataBarRow *row = &g_array_index (layout->bar_rows, StrataBarRow, i);

      if (row->position == position)
        {
          *bounds = row->rect;
          return TRUE;
        }
    }
  return FALSE;
}

guint
strata_layout_get_n_boxes (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->boxes->len;
}

const StrataLayoutBox *
strata_layout_get_box (StrataLayout *layout,
                       guint         index)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (index < layout->boxes->len, NULL);

  return &g_array_index (layout->boxes, StrataLayoutBox, index);
}

gboolean
strata_layout_get_block_size (StrataLayout    *layout,
                              int              position,
                              StrataBlockSize *size)
{
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (size != NULL, FALSE);

  for (guint i = 0; i < layout->columns->len; i++)
    {
      const StrataColumn *c = &g_array_index (layout->columns, StrataColumn, i);

      if (c->position == position)
        {
          *size = c->size;
          return TRUE;
        }
    }
  return FALSE;
}

guint
strata_layout_get_n_rows (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->rows->len;
}

double
strata_layout_get_zoom (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 1.0);

  return layout->zoom;
}

gboolean
strata_layout_has_clamped (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, FALSE);

  return layout->has_clamped;
}

void
strata_layout_foreach_label (StrataLayout          *layout,
                             StrataLayoutLabelFunc  func,
                             gpointer               user_data)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (func != NULL);

  for (guint i = 0; i < layout->columns->len; i++)
    {
      const StrataColumn *c = &g_array_index (layout->columns, StrataColumn, i);

      func (c->position,
            pango_layout_get_text (c->lines[STRATA_LINE_NAME]),
            pango_layout_get_text (c->lines[STRATA_LINE_SHAPE]),
            c->params, &c->bounds, user_data);
    }

  for (guint i = 0; i < layout->bar_rows->len; i++)
    {
      const StrataBarRow *row = &g_array_index (layout->bar_rows, StrataBarRow, i);

      func (row->position,
            pango_layout_get_text (row->name),
            pango_layout_get_text (row->shape),
            row->params, &row->rect, user_data);
    }
}

const char *
strata_layout_get_title (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);

  return layout->title_text;
}

const StrataRenderOptions *
strata_layout_get_options (StrataLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);

  return &layout->options;
}
