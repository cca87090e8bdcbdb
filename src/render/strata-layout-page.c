/* strata-layout-page.c: a layout chosen to fill a page. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-layout-build-private.h"

/* The scales of blocks tried, from full size down: a small page first
 * gets smaller blocks, which leave the text its size. */
static const double block_scales[] = { 1.0, 0.7, 0.5, 0.35, 0.25, 0.18, 0.12 };

/* Row widths tried per block scale, from one row down to the narrowest. */
#define N_WIDTHS 14
#define NARROWEST_ROW 200.0

/* Past this many layers each layout takes long enough that fewer are
 * tried: one row and a few wraps, blocks at full size. */
#define MANY_LAYERS 2000

/* The room left around the drawing on its page, of the page's shorter
 * side, in place of the layout's own margin, which keeps a cropped
 * export off the image's edges: on a page it took a tenth of a column's
 * width from the text for room the page already gives. */
#define PAGE_MARGIN 0.02
/* Past the boxes' bounds, for the outlines stroked over them. */
#define STROKE_ROOM 2.0

/* What every trial of one fit shares: whether to stop it, whether a
 * trial that cannot be chosen may be left unfinished, and whom to tell
 * the trials made of those planned. */
typedef struct
{
  GCancellable          *cancellable;
  gboolean               bounded;
  StrataFitProgressFunc  progress;
  gpointer               progress_data;
  guint                  done;
  guint                  planned;
} Fit;

typedef struct
{
  Fit          *fit;
  StrataLayout *layout;
  double        scale;
  double        fill;     /* of the page's area */
  double        type;     /* the smallest text on the page, in points */
  double        block_scale;
  cairo_rectangle_t ink;  /* what is drawn, in the layout's points */
} Candidate;

/* A page's text first: a candidate whose type reaches the least size
 * beats one whose type does not, and among those that miss it, the
 * larger type wins. Among those that reach it, the one that covers more
 * of the page, then (when they cover about as much) the larger blocks. */
static gboolean
is_better (const Candidate  *c,
           const Candidate  *best,
           const StrataPage *page)
{
  gboolean c_ok = c->type >= page->min_type - 1e-6;
  gboolean best_ok = best->type >= page->min_type - 1e-6;

  if (best->layout == NULL)
    return TRUE;
  if (c_ok != best_ok)
    return c_ok;
  if (!c_ok)
    return c->type > best->type;
  return c->fill * sqrt (c->block_scale) > best->fill * sqrt (best->block_scale) * 1.01;
}

/* The bounds of everything @layout draws, without its margin. */
static cairo_rectangle_t
ink_bounds (StrataLayout *layout)
{
  guint n = strata_layout_get_n_boxes (layout);
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      const cairo_rectangle_t *r = &strata_layout_get_box (layout, i)->rect;

      if (r->width <= 0 && r->height <= 0)
        continue;
      x0 = MIN (x0, r->x);
      y0 = MIN (y0, r->y);
      x1 = MAX (x1, r->x + r->width);
      y1 = MAX (y1, r->y + r->height);
    }
  if (x1 <= x0 || y1 <= y0)
    {
      double width, height;

      strata_layout_get_size (layout, &width, &height);
      return (cairo_rectangle_t) { 0, 0, width, height };
    }
  return (cairo_rectangle_t) { x0 - STROKE_ROOM, y0 - STROKE_ROOM,
                               x1 - x0 + 2 * STROKE_ROOM, y1 - y0 + 2 * STROKE_ROOM };
}

/* What a trial is measured against while it is laid out. */
typedef struct
{
  const StrataPage *page;
  const Candidate  *best;
  gboolean          refused;
} Bound;

/* Whether a trial whose blocks are placed may still beat the best: its
 * scale on the page is at most the page over what its blocks, labels and
 * title's line already cover (see try_layout()), which the legend only
 * widens, so its type is at most that scale times its smallest text. One
 * that can reach neither the page's least type nor the best's cannot be
 * chosen (is_better()), and has its legend, its slowest part, left out. */
static gboolean
may_beat_best (StrataLayout *layout,
               gpointer      user_data)
{
  Bound *bound = user_data;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double most;

  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    {
      const StrataColumn *c = strata_layout_column (layout, i);
      const cairo_rectangle_t *rects[2] = { &c->block_rect, &c->label_rect };

      /* As ink_bounds() takes them. */
      for (guint r = 0; r < G_N_ELEMENTS (rects); r++)
        {
          if (rects[r]->width <= 0 && rects[r]->height <= 0)
            continue;
          x0 = MIN (x0, rects[r]->x);
          y0 = MIN (y0, rects[r]->y);
          x1 = MAX (x1, rects[r]->x + rects[r]->width);
          y1 = MAX (y1, rects[r]->y + rects[r]->height);
        }
    }
  if (x1 <= x0 || y1 <= y0)
    return TRUE;
  /* The title's box starts at the margin, on its line, whatever width it
   * is then given. */
  if (layout->title != NULL)
    {
      x0 = MIN (x0, MARGIN);
      y0 = MIN (y0, layout->title_y);
    }
  /* A hair over, so that rounding never refuses one that ties. */
  most = layout->smallest_type * (1 + 1e-9) *
         MIN (bound->page->width / (x1 - x0 + 2 * STROKE_ROOM),
              bound->page->height / (y1 - y0 + 2 * STROKE_ROOM));
  if (most < bound->page->min_type - 1e-6 && most <= bound->best->type)
    {
      bound->refused = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* How many row widths a search tries per block scale. The compact row
 * does not wrap, but where a page needs it, and a fold is two rows
 * whatever the width: only their blocks' scale is chosen. The levels of
 * a U step in as far as the width allows. */
static guint
count_widths (StrataNetwork             *network,
              const StrataRenderOptions *opts)
{
  if ((opts->arrangement == STRATA_ARRANGEMENT_COMPACT && !opts->wrap_compact &&
       !opts->fold_levels) ||
      (opts->fold && !opts->fold_levels))
    return 1;
  return strata_network_get_n_layers (network) > MANY_LAYERS ? 4 : N_WIDTHS;
}

/* How far the columns of @layout reach along what max_width limits:
 * across, or top to bottom down the page. */
static double
columns_span (StrataLayout *layout)
{
  gboolean down = strata_layout_get_options (layout)->arrangement ==
                  STRATA_ARRANGEMENT_TOP_TO_BOTTOM;
  double first = G_MAXDOUBLE, last = -G_MAXDOUBLE;

  for (guint i = 0; i < strata_layout_n_columns (layout); i++)
    {
      const cairo_rectangle_t *r = &strata_layout_column (layout, i)->bounds;

      first = MIN (first, down ? r->y : r->x);
      last = MAX (last, down ? r->y + r->height : r->x + r->width);
    }
  return last > first ? last - first : 0;
}

/* Lays out with @max_width and @block_scale, keeps the layout in @best if
 * it is better, and returns its width, or top to bottom its height (what
 * max_width limits there); @binds (may be NULL) is set to whether its
 * columns passed max_width, as a U's levels do at their least steps:
 * columns that only fill it may have needed no narrowing at all. */
static double
try_layout (StrataNetwork             *network,
            const StrataRenderOptions *options,
            double                     max_width,
            double                     block_scale,
            Candidate                 *best,
            gboolean                  *binds)
{
  StrataRenderOptions opts = *options;
  Fit *fit = best->fit;
  Candidate c = { fit };
  double width, height, margin;

  if (binds != NULL)
    *binds = FALSE;
  /* A fit no longer wanted tries nothing more: every search then ends at
   * its first trial. */
  if (g_cancellable_is_cancelled (fit->cancellable))
    return 0;
  if (fit->progress != NULL)
    fit->progress (fit->done, fit->planned, best->layout != NULL &&
                   best->type >= options->page.min_type - 1e-6, fit->progress_data);
  fit->done++;
  opts.max_width = max_width;
  opts.block_scale = block_scale;
  /* The width of one row, where narrower ones are tried, and of each U
   * of levels, is what the search goes on from, whatever the trial's
   * type. */
  if (fit->bounded && (max_width > 0 || count_widths (network, options) == 1) &&
      !options->fold_levels && best->layout != NULL)
    {
      Bound bound = { &options->page, best, FALSE };

      c.layout = strata_layout_new_trial (network, &opts, may_beat_best, &bound);
      if (bound.refused)
        {
          strata_layout_unref (c.layout);
          return 0;
        }
    }
  else
    c.layout = strata_layout_new (network, &opts);
  strata_layout_get_size (c.layout, &width, &height);
  if (width <= 0 || height <= 0)
    {
      strata_layout_unref (c.layout);
      return 0;
    }
  c.ink = ink_bounds (c.layout);
  margin = PAGE_MARGIN * MIN (options->page.width, options->page.height);
  /* The page's margin, or the layout's own where that leaves more room
   * (a drawing scaled far down). */
  c.scale = MIN (MAX ((options->page.width - 2 * margin) / c.ink.width,
                      options->page.width / MAX (width, c.ink.width)),
                 MAX ((options->page.height - 2 * margin) / c.ink.height,
                      options->page.height / MAX (height, c.ink.height)));
  c.fill = c.ink.width * c.ink.height * c.scale * c.scale /
           (options->page.width * options->page.height);
  c.type = strata_layout_get_smallest_type (c.layout) * c.scale;
  c.block_scale = block_scale;
  if (binds != NULL)
    *binds = max_width > 0 && columns_span (c.layout) > max_width - 2 * MARGIN + 0.5;

  if (is_better (&c, best, &options->page))
    {
      g_clear_pointer (&best->layout, strata_layout_unref);
      *best = c;
    }
  else
    strata_layout_unref (c.layout);
  return options->arrangement == STRATA_ARRANGEMENT_TOP_TO_BOTTOM ? height : width;
}

/* Every row width and block scale tried, the best kept in @best. */
static void
search (StrataNetwork             *network,
        const StrataRenderOptions *opts,
        Candidate                 *best)
{
  gboolean many = strata_network_get_n_layers (network) > MANY_LAYERS;
  guint n_scales = many || opts->style == STRATA_DIAGRAM_STYLE_BARS ? 1
                                                                    : G_N_ELEMENTS (block_scales);
  guint n_widths = count_widths (network, opts);
  guint start = best->fit->done;

  best->fit->planned += n_scales * n_widths;
  for (guint s = 0; s < n_scales; s++)
    {
      /* One row first; then widths spread evenly on a log scale between
       * its width and the narrowest row, so that each count of rows is
       * tried about once. */
      double one_row = try_layout (network, opts, 0, block_scales[s], best, NULL);
      double last = one_row;

      for (guint w = 1; w < n_widths && one_row > NARROWEST_ROW; w++)
        {
          double ratio = (double) w / (n_widths - 1);
          gboolean binds;
          double got = try_layout (network, opts, one_row * pow (NARROWEST_ROW / one_row, ratio),
                                   block_scales[s], best, &binds);

          /* Levels no longer narrower under a width they pass have
           * reached their least steps, which every narrower width gives
           * again; under one wider than their own (a title and a
           * legend make a drawing larger than its levels), they have
           * yet to be narrowed. */
          if (opts->fold_levels && binds && got > last - 0.5)
            break;
          last = got;
        }
    }
  /* Those it left out are no longer planned. */
  best->fit->planned -= n_scales * n_widths - (best->fit->done - start);
}

/* Whether drawing each run once keeps what every layer is seen to read:
 * a layer after a run that reads a later unit's layer, other than the
 * run's last, would be drawn reading the first unit's instead (a U-Net's
 * skip connections), which the page does not choose for the user. */
static gboolean
collapse_keeps_reads (StrataNetwork *network)
{
  g_autoptr(GArray) repeats = strata_network_find_repeats (network);

  for (guint r = 0; r < repeats->len; r++)
    {
      const StrataRepeat *run = &g_array_index (repeats, StrataRepeat, r);
      guint end = run->first + run->n_units * run->unit_length;

      for (guint i = run->first + run->unit_length; i + 1 < end; i++)
        {
          g_autoptr(GPtrArray) readers = strata_network_get_consumers (network, i);

          for (guint k = 0; k < readers->len; k++)
            if (strata_network_index_of (network, g_ptr_array_index (readers, k)) >= (int) end)
              return FALSE;
        }
    }
  return TRUE;
}

/* @other in place of @best where it reaches larger type; the one not
 * kept is freed. None, when a search had nothing to try. */
static void
keep_larger_type (Candidate *best,
                  Candidate *other)
{
  if (other->layout != NULL && other->type > best->type + 1e-6)
    {
      g_clear_pointer (&best->layout, strata_layout_unref);
      *best = *other;
    }
  else
    g_clear_pointer (&other->layout, strata_layout_unref);
}

/* A search with @opts when @best misses the page's least type, kept
 * when its type is larger. */
static void
search_more (StrataNetwork             *network,
             const StrataRenderOptions *opts,
             Candidate                 *best)
{
  Candidate more = { best->fit };

  if (best->type >= opts->page.min_type - 1e-6)
    return;
  search (network, opts, &more);
  keep_larger_type (best, &more);
}

/* When @best misses the page's least type, repeated runs drawn once
 * each (where that keeps what layers read), every text but the title at
 * the smallest's size, a compact row that wraps,
 * labels of a name and a shape only (the compact row's own), then those
 * wrapped narrower leave the text more room: each taken only where it
 * gives larger type. With @tight, those steps taken without a search,
 * then the gaps closed, with either labels, and then the same with a
 * square map's shape written "224² × 64". */
static void
search_steps (StrataNetwork             *network,
              const StrataRenderOptions *options,
              gboolean                   tight,
              Candidate                 *best)
{
  StrataRenderOptions opts = *options;
  gboolean compact = opts.arrangement == STRATA_ARRANGEMENT_COMPACT;

  if (opts.group_repeats && !opts.collapse_repeats &&
      best->type < opts.page.min_type - 1e-6 && collapse_keeps_reads (network))
    {
      opts.collapse_repeats = TRUE;
      if (!tight)
        search_more (network, &opts, best);
    }
  opts.even_type = TRUE;
  if (!tight)
    search_more (network, &opts, best);
  if (compact)
    {
      opts.wrap_compact = TRUE;
      if (!tight)
        search_more (network, &opts, best);
    }
  if (!tight)
    {
      for (guint level = compact ? 2 : 1; level <= 2; level++)
        {
          opts.short_labels = level;
          search_more (network, &opts, best);
        }
      return;
    }
  /* The compact row's own labels are the first short ones. */
  opts.tight_gaps = TRUE;
  for (guint square = 0; square <= 1; square++)
    {
      opts.square_shapes = square;
      opts.short_labels = compact ? 0 : 1;
      search_more (network, &opts, best);
      opts.short_labels = 2;
      search_more (network, &opts, best);
    }
}

/* Every row width and block scale, then each step for more room, and
 * then the same with the legend beside the drawing, the best kept. */
static void
search_all (StrataNetwork             *network,
            const StrataRenderOptions *opts,
            Candidate                 *best)
{
  search (network, opts, best);
  /* Not past MANY_LAYERS, where more room would only multiply the time
   * to miss the least type. */
  if (opts->style != STRATA_DIAGRAM_STYLE_BARS &&
      strata_network_get_n_layers (network) <= MANY_LAYERS)
    {
      StrataRenderOptions beside = *opts;

      search_steps (network, opts, FALSE, best);
      /* The legend beside the drawing is the same steps again, kept
       * where they then reach larger type. */
      if (opts->show_legend && best->type < opts->page.min_type - 1e-6)
        {
          Candidate other = { best->fit };

          beside.legend_beside = TRUE;
          search (network, &beside, &other);
          search_steps (network, &beside, FALSE, &other);
          keep_larger_type (best, &other);
        }
      /* Gaps closed last, so that a page reached without them keeps
       * them; with the legend either side. */
      search_steps (network, opts, TRUE, best);
      if (opts->show_legend)
        search_steps (network, &beside, TRUE, best);
    }
}

/* Whether @layout draws a repeated run under a bracket: else the U
 * with the runs' brackets is the U without them. */
static gboolean
draws_repeats (StrataLayout *layout)
{
  for (guint g = 0; g < layout->groups->len; g++)
    if (g_array_index (layout->groups, StrataGroup, g).pattern < STRATA_GROUP_MODULE)
      return TRUE;
  return FALSE;
}

/* When the best U misses the page's least type, the same U with its
 * levels and labels closer, each level stepping in less and its merges
 * smaller (close_levels): last, as every step before it, so that a page
 * reached without it keeps its U as it was. */
static void
search_close_levels (StrataNetwork *network,
                     Candidate     *best)
{
  StrataRenderOptions close;

  if (best->layout == NULL || !strata_layout_is_folded (best->layout))
    return;
  close = *strata_layout_get_options (best->layout);
  if (!close.fold_levels)
    return;
  close.close_levels = TRUE;
  search_more (network, &close, best);
}

/* When the best U still misses the page's least type, the same U with
 * each pooling that only takes a level down to the next drawn as its
 * arrow down (pool_arrows), or with @up each upsampling that only takes a
 * level up into the merge above drawn as its arrow up (up_arrows), as
 * the U-Net paper draws them: last, so that a page reached without them
 * keeps every block. Kept only where each such layer is an arrow, which
 * only a U draws. */
static void
search_arrows (StrataNetwork *network,
               gboolean       up,
               Candidate     *best)
{
  StrataRenderOptions arrows;
  Candidate more = { best->fit };
  g_autofree guint8 *found = NULL;
  guint n_found = 0;

  if (best->layout == NULL || !strata_layout_is_folded (best->layout))
    return;
  arrows = *strata_layout_get_options (best->layout);
  if (!arrows.fold_levels || (up ? arrows.up_arrows : arrows.pool_arrows) ||
      best->type >= arrows.page.min_type - 1e-6)
    return;
  if (up)
    arrows.up_arrows = TRUE;
  else
    arrows.pool_arrows = TRUE;
  found = strata_layout_find_arrows (network, arrows.pool_arrows, arrows.up_arrows);
  if (found == NULL)
    return;
  for (guint i = 0; i < strata_network_get_n_layers (network); i++)
    n_found += found[i] != STRATA_ARROW_NONE;
  search (network, &arrows, &more);
  if (more.layout != NULL &&
      (!strata_layout_is_folded (more.layout) || more.layout->arrows == NULL ||
       more.layout->arrows->len != n_found))
    g_clear_pointer (&more.layout, strata_layout_unref);
  keep_larger_type (best, &more);
}

/* Every step, then, when they miss the page's least type and the graph
 * can fold, a graph whose skip edges span it, which cannot wrap (a
 * U-Net), drawn as a U of a row per level, its runs bracketed (never
 * drawn once, which would show the skip edges leaving their first
 * units), then without them, then folded into two rows facing each
 * other, the same two ways: every step again, each kept where it gives
 * larger type. */
static void
search_folds (StrataNetwork             *network,
              const StrataRenderOptions *opts,
              gboolean                   folded_only,
              Candidate                 *best)
{
  if (!folded_only)
    search_all (network, opts, best);
  for (guint fold = 0; fold < 4; fold++)
    {
      StrataRenderOptions folded = *opts;
      g_autoptr(StrataLayout) probe = NULL;
      Candidate other = { best->fit };

      if (opts->style == STRATA_DIAGRAM_STYLE_BARS || best->type >= opts->page.min_type - 1e-6 ||
          strata_network_get_n_layers (network) > MANY_LAYERS)
        break;
      if (fold % 2 == 0 && (!opts->group_repeats || opts->collapse_repeats))
        continue;
      folded.fold = TRUE;
      folded.fold_levels = fold < 2;
      folded.group_repeats = fold % 2 == 0;
      probe = strata_layout_new (network, &folded);
      if (!strata_layout_is_folded (probe) || (fold % 2 == 0 && !draws_repeats (probe)))
        continue;
      search_all (network, &folded, &other);
      keep_larger_type (best, &other);
    }
  search_close_levels (network, best);
  search_arrows (network, FALSE, best);
  search_arrows (network, TRUE, best);
}

static gboolean
same_modules (GArray *a,
              GArray *b)
{
  return a->len == b->len &&
         memcmp (a->data, b->data, a->len * sizeof (StrataModule)) == 0;
}

/* When every step misses the page's least type, each module (layers
 * whose names share a path, "layer1.0.") drawn as one block: its finest
 * modules first, each coarser set of them only where the finer misses,
 * the few finest at most, as each is every step again. A graph the page
 * folded without them is only folded with them: fewer blocks leave its
 * skip edges spanning it, which one row could not hold before. */
#define MAX_MODULE_SETS 3

static void
search_modules (StrataNetwork             *network,
                const StrataRenderOptions *opts,
                Candidate                 *best)
{
  g_autoptr(GArray) tried = NULL;
  gboolean folded = best->layout != NULL && strata_layout_is_folded (best->layout);
  guint n_sets = 0;

  /* Not with the automatic groups off, which modules are too. */
  if (opts->style == STRATA_DIAGRAM_STYLE_BARS || !opts->group_repeats || opts->module_depth > 0 ||
      strata_network_get_n_layers (network) > MANY_LAYERS)
    return;
  for (guint depth = strata_layout_module_depth (network);
       depth > 0 && n_sets < MAX_MODULE_SETS && best->type < opts->page.min_type - 1e-6; depth--)
    {
      g_autoptr(GArray) modules = strata_layout_find_modules (network, depth);
      StrataRenderOptions grouped = *opts;
      Candidate other = { best->fit };

      if (modules->len == 0 || (tried != NULL && same_modules (modules, tried)))
        continue;
      grouped.module_depth = depth;
      search_folds (network, &grouped, folded, &other);
      /* None, when the modules leave nothing to fold. */
      keep_larger_type (best, &other);
      g_clear_pointer (&tried, g_array_unref);
      tried = g_steal_pointer (&modules);
      n_sets++;
    }
}

StrataLayout *
strata_layout_fit_page (StrataNetwork             *network,
                        const StrataRenderOptions *options,
                        gboolean                   bounded,
                        GCancellable              *cancellable,
                        StrataFitProgressFunc      progress,
                        gpointer                   progress_data,
                        StrataPageFit             *fit,
                        GError                   **error)
{
  StrataRenderOptions opts;
  Fit trials = { cancellable, bounded, progress, progress_data, 0, 0 };
  Candidate best = { &trials };
  double width, height;

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (fit != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options != NULL)
    opts = *options;
  else
    strata_render_options_init (&opts);

  if (opts.page.preset == STRATA_PAGE_NONE || !(opts.page.width > 0 && opts.page.height > 0))
    {
      StrataLayout *layout = strata_layout_new (network, &opts);

      strata_layout_get_size (layout, &width, &height);
      *fit = (StrataPageFit) { width, height, 1, 0, 0 };
      return layout;
    }

  search_folds (network, &opts, FALSE, &best);
  search_modules (network, &opts, &best);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_pointer (&best.layout, strata_layout_unref);
      return NULL;
    }

  /* The drawing centred; the layout's empty margin may fall off the page. */
  *fit = (StrataPageFit) {
    .width = opts.page.width,
    .height = opts.page.height,
    .scale = best.scale,
    .x = (opts.page.width - best.ink.width * best.scale) / 2 - best.ink.x * best.scale,
    .y = (opts.page.height - best.ink.height * best.scale) / 2 - best.ink.y * best.scale,
  };
  return best.layout;
}

StrataLayout *
strata_layout_new_for_page (StrataNetwork             *network,
                            const StrataRenderOptions *options,
                            StrataPageFit             *fit)
{
  return strata_layout_fit_page (network, options, TRUE, NULL, NULL, NULL, fit, NULL);
}

StrataLayout *
strata_layout_new_for_page_cancellable (StrataNetwork             *network,
                                        const StrataRenderOptions *options,
                                        GCancellable              *cancellable,
                                        StrataPageFit             *fit,
                                        GError                   **error)
{
  return strata_layout_fit_page (network, options, TRUE, cancellable, NULL, NULL, fit, error);
}
