/* strata-layout-columns.c: the blocks of a diagram, their bands and labels, placed in rows. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "strata-layout-build-private.h"
#include "strata-receptive-field.h"

/* Activation functions as people write them; names, not translated. */
static const char * const activation_names[STRATA_N_ACTIVATIONS] = {
  NULL, "ReLU", "ReLU6", "Leaky ReLU", "ELU", "GELU",
  "Sigmoid", "Tanh", "Softmax", "Swish", "Linear",
};

/* @layer is the band's own layer, or NULL for a convolution's own activation. */
static void
add_band (StrataBuilder       *b,
          StrataColumn        *column,
          int                  position,
          StrataLayer         *layer,
          StrataLayerCategory  category)
{
  StrataBand band = { position, category, strata_builder_layer_fill (b, layer, category) };

  g_array_append_val (b->self->bands, band);
  column->size.n_bands++;
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

static void
size_column (StrataLayout *self,
             StrataColumn *column)
{
  StrataScaleMode scale = self->options.scale;
  gboolean flat = self->options.style == STRATA_DIAGRAM_STYLE_FLAT;
  StrataBlockSize *size = &column->size;
  gboolean clamped;

  size->clamped = 0;
  if (column->is_merge)
    {
      /* Not to scale: a merge's shape is in its label. */
      size->thickness = strata_layout_merge_size (&self->options);
      size->height = size->thickness;
      size->depth = 0;
    }
  else if (!column->has_shape)
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
  column->dx = flat || column->is_merge ? 0 : size->depth * STRATA_OBLIQUE_FACTOR * G_SQRT2 / 2;
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

char *
strata_render_pair_text (guint height,
                         guint width)
{
  return g_strdup_printf ("%u × %u", height, width);
}

gboolean
strata_render_layer_window (StrataLayer *layer,
                            StrataPair  *window)
{
  const StrataLayerKindInfo *info = strata_layer_get_kind_info (layer);
  const StrataLayerParams *params = strata_layer_get_params (layer);

  if (strata_layer_kind_takes (info->kind, STRATA_PARAM_KERNEL))
    *window = params->kernel;
  else if (info->flags & STRATA_LAYER_KIND_FLAG_POOLING)
    *window = params->pool;
  else
    return FALSE;
  return TRUE;
}

/* "5 × 5, stride 2 · ReLU · BatchNorm": what the block's layer does that
 * its shape does not say, and its bands up to layer position @revealed. */
static char *
column_details (StrataBuilder *b,
                StrataColumn  *column,
                int            revealed)
{
  GString *details = g_string_new (NULL);
  const StrataGroup *group = strata_builder_block_group (b, column);

  /* A group drawn as one block says what it is made of. */
  if (group != NULL)
    {
      g_autofree char *kinds = strata_builder_group_kinds (b, group);

      append_detail (details, kinds);
    }

  if (column->position >= 0 && column->kernel_h > 0)
    {
      StrataLayer *layer = strata_network_get_layer (b->network, column->position);
      const StrataLayerParams *p = strata_layer_get_params (layer);
      gboolean pooling = (strata_layer_get_kind_info (layer)->flags &
                          STRATA_LAYER_KIND_FLAG_POOLING) != 0;
      g_autofree char *window = strata_render_pair_text (column->kernel_h, column->kernel_w);
      gboolean usual_stride = pooling ? p->stride.height == p->pool.height &&
                                        p->stride.width == p->pool.width
                                      : p->stride.height == 1 && p->stride.width == 1;
      g_autofree char *text = g_strdup (window);

      if (!usual_stride)
        {
          g_autofree char *before = g_steal_pointer (&text);

          if (p->stride.height == p->stride.width)
            /* Translators: a kernel or pooling window and its stride: "11 × 11, stride 4" */
            text = g_strdup_printf (_("%s, stride %u"), before, p->stride.height);
          else
            text = g_strdup_printf (_("%s, stride %u × %u"), before,
                                    p->stride.height, p->stride.width);
        }
      /* Amounts of padding are shown, so that the shape can be checked
       * from the label; "same" and "valid" need no number. */
      if (p->padding_mode == STRATA_PADDING_EXPLICIT &&
          (p->padding.height > 0 || p->padding.width > 0))
        {
          g_autofree char *before = g_steal_pointer (&text);

          if (p->padding.height == p->padding.width)
            /* Translators: a window and its explicit padding: "3 × 3, pad 1" */
            text = g_strdup_printf (_("%s, pad %u"), before, p->padding.height);
          else
            text = g_strdup_printf (_("%s, pad %u × %u"), before,
                                    p->padding.height, p->padding.width);
        }
      append_detail (details, text);
    }

  /* An operation Strata has no kind for says which it is. */
  if (column->kind == STRATA_LAYER_KIND_OPAQUE && group == NULL)
    {
      StrataLayer *layer = strata_network_get_layer (b->network, column->position);
      const char *op = strata_layer_get_params (layer)->op;
      g_autofree char *text = strata_render_label_text (op != NULL ? op
                                                        : _(strata_layer_get_kind_info (layer)->short_label));

      append_detail (details, text);
    }

  /* Channels are what a concatenation usually joins; say when not. */
  if (column->is_merge && column->kind == STRATA_LAYER_KIND_CONCATENATE)
    {
      StrataLayer *layer = strata_network_get_layer (b->network, column->position);
      StrataAxis axis = strata_layer_get_params (layer)->axis;

      if (axis == STRATA_AXIS_HEIGHT)
        /* Translators: under a concatenation that joins its inputs' heights */
        append_detail (details, _("along the height"));
      else if (axis == STRATA_AXIS_WIDTH)
        /* Translators: under a concatenation that joins its inputs' widths */
        append_detail (details, _("along the width"));
    }

  for (guint i = 0; i < column->size.n_bands; i++)
    {
      const StrataBand *band = &g_array_index (b->self->bands, StrataBand, column->first_band + i);
      StrataLayer *layer = strata_network_get_layer (b->network, band->position);
      const StrataLayerParams *p = strata_layer_get_params (layer);

      if (band->position > revealed)
        break;
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
params_text (StrataBuilder *b,
             guint64        params)
{
  g_autofree char *count = strata_render_format_count (params, b->self->options.short_numbers);

  /* Translators: under a block, e.g. "608 params" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s param", "%s params",
                                       params > G_MAXULONG ? G_MAXULONG : (gulong) params),
                          count);
}

/* "RF 212, jump 32" under a block; NULL when its layer has no field. */
static char *
field_text (StrataLayer *layer)
{
  const StrataReceptiveField *field = strata_layer_get_receptive_field (layer);
  g_autofree char *size = strata_receptive_field_dup_size (field);
  g_autofree char *jump = NULL;

  if (field->kind == STRATA_RECEPTIVE_FIELD_GLOBAL)
    /* Translators: under a block; RF abbreviates receptive field */
    return g_strdup (_("RF: whole input"));
  if (field->kind != STRATA_RECEPTIVE_FIELD_SPATIAL)
    return NULL;
  jump = strata_receptive_field_dup_jump (field);
  /* Translators: under a block; RF abbreviates receptive field, the jump is its stride */
  return g_strdup_printf (_("RF %s, jump %s"), size, jump);
}

static void
set_line (StrataBuilder   *b,
          StrataColumn    *column,
          StrataLabelLine  line,
          Font             font,
          const char      *text,
          double           wrap_width,
          int              max_lines)
{
  /* Centred under a block, aligned left beside it. */
  gboolean left = b->self->options.arrangement == STRATA_ARRANGEMENT_TOP_TO_BOTTOM;

  column->lines[line] = strata_builder_cached_text (b, font, text, wrap_width, max_lines, left,
                                                    &column->line_size[line]);
}

static void
build_labels (StrataBuilder *b,
              StrataColumn  *column)
{
  StrataLayout *self = b->self;
  /* Short labels are the compact row's, with its gaps, in any layout. */
  gboolean compact = self->options.arrangement == STRATA_ARRANGEMENT_COMPACT ||
                     self->options.short_labels > 0;
  gboolean narrow = self->options.short_labels > 1;
  double name_width = narrow ? SHORT_NAME_WIDTH : compact ? COMPACT_NAME_WIDTH : STRATA_NAME_WIDTH;
  g_autofree char *details = NULL;
  g_autofree char *name = NULL;
  StrataTextSize details_size = { 0 };
  const StrataGroup *group = strata_builder_block_group (b, column);

  column->label_gap = compact ? COMPACT_COLUMN_GAP : COLUMN_GAP;
  column->block_gap = compact ? self->options.tight_gaps ? TIGHT_BLOCK_GAP : COMPACT_BLOCK_GAP
                               : BLOCK_GAP;

  if (column->position == STRATA_LAYOUT_INPUT)
    name = g_strdup (_("Input"));
  else if (group != NULL)
    name = strata_render_label_text (pango_layout_get_text (group->name));
  else
    name = strata_render_label_text (strata_layer_get_display_name (
      strata_network_get_layer (b->network, column->position)));
  set_line (b, column, STRATA_LINE_NAME, FONT_NAME, name, name_width, STRATA_NAME_LINES);

  if (column->position != STRATA_LAYOUT_INPUT && group == NULL)
    {
      const char *caption = strata_layer_get_caption (strata_network_get_layer (b->network,
                                                                                column->position));

      if (caption != NULL)
        {
          g_autofree char *text = strata_render_label_text (caption);

          set_line (b, column, STRATA_LINE_CAPTION, FONT_DETAILS, text, name_width,
                    STRATA_NAME_LINES);
        }
    }

  /* A shape written on the block's edges is not repeated under it. */
  strata_builder_build_dimensions (b, column);
  if (column->has_shape && column->dims[STRATA_DIMENSION_HEIGHT] == NULL)
    {
      g_autofree char *shape = NULL;

      /* A square map's two sides as one, on a page short of room for
       * the text: the widest lines under VGG's and ResNet's blocks (a
       * map of one pixel stays 1 × 1, which "1²" would not say better). */
      if (self->options.square_shapes && !column->shape.is_vector &&
          column->shape.height == column->shape.width && column->shape.height > 1)
        /* Not translated, as no shape is: "224² × 64". */
        shape = g_strdup_printf ("%" G_GUINT64_FORMAT "² × %" G_GUINT64_FORMAT,
                                 column->shape.height, column->shape.channels);
      else
        shape = strata_shape_to_string (&column->shape);

      /* Thin spaces around the signs narrow the compact row's widest
       * line, which sets how close its blocks can be. */
      if (compact)
        {
          g_auto(GStrv) parts = g_strsplit (shape, " × ", -1);

          g_free (shape);
          shape = g_strjoinv ("\u2009×\u2009", parts);
        }
      /* Short labels let a long shape take two lines, broken at a sign. */
      set_line (b, column, STRATA_LINE_SHAPE, FONT_SHAPE, shape,
                narrow ? SHORT_NAME_WIDTH : 0, narrow ? 2 : 0);
    }
  else if (!column->has_shape)
    {
      const char *error = NULL;

      /* A group's block, that of the layer in it that failed. */
      if (column->has_error)
        {
          guint end = group != NULL ? group->end : (guint) column->position + 1;

          for (guint i = column->position; error == NULL && i < end; i++)
            error = strata_layer_get_error (strata_network_get_layer (b->network, i));
        }
      /* The layers after a failed one only repeat that they have no
       * shape; the failed one says why. */
      if (error == NULL)
        error = _("No shape");
      set_line (b, column, STRATA_LINE_SHAPE, FONT_DETAILS, error, ERROR_WRAP, 3);
    }

  /* The compact row keeps a block's label to what tells the blocks
   * apart; its kernel, activation and parameters are in the summary. */
  details = compact ? NULL : column_details (b, column, G_MAXINT);
  if (details != NULL)
    {
      set_line (b, column, STRATA_LINE_DETAILS, FONT_DETAILS, details, STRATA_LABEL_WIDTH, 1);
      details_size = column->line_size[STRATA_LINE_DETAILS];

      /* While a talk reveals the network, bands not revealed yet go
       * unnamed, but the label keeps the room of the whole line, so
       * that nothing moves when they are. */
      if (strata_column_n_revealed_bands (self, column) < column->size.n_bands)
        {
          g_autofree char *shown = column_details (b, column, self->options.revealed);

          set_line (b, column, STRATA_LINE_DETAILS, FONT_DETAILS, shown != NULL ? shown : "",
                    STRATA_LABEL_WIDTH, 1);
        }
    }

  if (!compact && self->options.show_params && column->params > 0)
    {
      g_autofree char *text = params_text (b, column->params);

      set_line (b, column, STRATA_LINE_PARAMS, FONT_PARAMS, text, 0, 0);
    }
  if (self->options.show_receptive_field && column->position >= 0)
    {
      g_autofree char *text =
        field_text (strata_network_get_layer (b->network, column->position));

      if (text != NULL)
        set_line (b, column, STRATA_LINE_FIELD, FONT_PARAMS, text, 0, 0);
    }

  column->label_width = 0;
  column->label_height = 0;
  for (guint l = 0; l < STRATA_N_LINES; l++)
    {
      const StrataTextSize *size = l == STRATA_LINE_DETAILS ? &details_size
                                                            : &column->line_size[l];

      if (column->lines[l] == NULL)
        continue;
      column->label_width = MAX (column->label_width, size->width);
      if (column->label_height > 0)
        column->label_height += LINE_GAP;
      column->label_height += size->height;
    }
  column->label_height += column->top_space;
  if (b->group_of != NULL && column->position >= 0 && b->group_of[column->position] >= 0 &&
      group == NULL)
    {
      column->group_space = GROUP_SPACE;
      column->label_height += GROUP_SPACE;
    }
}

/* One column per node of the graph: a block, or a merge's node, with the
 * band layers folded into it and a convolution's own activation as
 * bands, so that an activation, a normalization or a dropout is a thin
 * slice on the block before it rather than a copy of that block. */
void
strata_builder_build_columns (StrataBuilder *b)
{
  StrataLayout *self = b->self;
  StrataGraph *graph = b->graph;
  guint n_layers = strata_network_get_n_layers (b->network);
  guint n_nodes = graph->nodes->len;
  g_autofree int *next_band = g_new (int, MAX (n_layers, 1));
  g_autofree int *first_band = g_new (int, n_nodes);
  g_autofree int *last_band = g_new (int, n_nodes);

  /* The band layers of each node, in order. */
  for (guint v = 0; v < n_nodes; v++)
    first_band[v] = last_band[v] = -1;
  for (guint i = 0; i < n_layers; i++)
    {
      int v = graph->node_of[i + 1];

      if (v < 0 || strata_graph_node (graph, v)->position == (int) i)
        continue;
      next_band[i] = -1;
      if (last_band[v] < 0)
        first_band[v] = i;
      else
        next_band[last_band[v]] = i;
      last_band[v] = i;
    }

  for (guint v = 0; v < n_nodes; v++)
    {
      int position = strata_graph_node (graph, v)->position;
      StrataColumn column = { 0 };

      column.position = position;
      column.first_band = self->bands->len;
      column.kernel_from = -1;
      if (position == STRATA_LAYOUT_INPUT)
        {
          column.category = STRATA_LAYER_CATEGORY_INPUT;
          column.kind = STRATA_LAYER_KIND_INPUT;
          column.shape = *strata_network_get_input_shape (b->network);
          column.has_shape = TRUE;
          column.fill = strata_builder_layer_fill (b, NULL, STRATA_LAYER_CATEGORY_INPUT);
        }
      else if (strata_builder_group_block (b, &column))
        {
          /* Its layers' block, banded, sized and labelled below. */
        }
      else if (strata_builder_take_column (b, &column, first_band[v], next_band, v))
        continue;
      else
        {
          StrataLayer *layer = strata_network_get_layer (b->network, position);
          const StrataLayerKindInfo *info = strata_layer_get_kind_info (layer);
          const StrataShape *output = strata_layer_get_output_shape (layer);
          const StrataShape *in = strata_layer_get_input_shape (layer);
          StrataPair window;

          column.category = info->category;
          column.kind = info->kind;
          column.has_shape = output != NULL;
          if (output != NULL)
            column.shape = *output;
          /* A merge that fails is a placeholder like any other layer. */
          column.is_merge = output != NULL && info->category == STRATA_LAYER_CATEGORY_MERGE;
          column.has_error = output == NULL && strata_layer_get_error (layer) != NULL;
          column.params = strata_layer_get_params_count (layer);
          if (in != NULL && !in->is_vector)
            {
              column.in_height = in->height;
              column.in_width = in->width;
            }
          if (strata_render_layer_window (layer, &window))
            {
              column.kernel_h = window.height;
              column.kernel_w = window.width;
            }
          /* A placeholder is grey, so its colour is not in the drawing. A
           * merge's disc keeps the merges' colour, which its glyph explains. */
          if (output != NULL && !column.is_merge)
            column.fill = strata_builder_layer_fill (b, layer, info->category);
          else
            column.fill = *strata_category_get_color (info->category);
          if (column.is_merge)
            b->used_merges[info->kind] = TRUE;

          if (output != NULL && has_own_activation (layer))
            add_band (b, &column, position, NULL, STRATA_LAYER_CATEGORY_ACTIVATION);
        }

      for (int i = first_band[v]; i >= 0; i = next_band[i])
        {
          StrataLayer *band = strata_network_get_layer (b->network, i);

          add_band (b, &column, i, band, strata_layer_get_kind_info (band)->category);
          column.params += strata_layer_get_params_count (band);
        }

      /* Sized and labelled at once, while it is at hand. */
      size_column (self, &column);
      if (column.size.is_vector)
        b->has_vector = TRUE;
      if (!strata_builder_reuse_labels (b, &column))
        build_labels (b, &column);
      strata_layout_add_column (self, b->shared, &column);
    }
}
