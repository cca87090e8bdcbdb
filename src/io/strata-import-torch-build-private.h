/* strata-import-torch-build-private.h: a network built from the module tree of a PyTorch print. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-network.h"
#include "strata-import-torch-private.h"

G_BEGIN_DECLS

typedef struct
{
  StrataLayer       *layer; /* owned */
  const TorchModule *module;
} TorchPending;

typedef struct
{
  const char    *data;
  const char    *file;
  StrataNetwork *network;
  GPtrArray     *warnings;
  GHashTable    *names;    /* every layer name given */
  GHashTable    *suffixes; /* name → the next suffix to try */
  GHashTable    *warned;   /* classes already warned about */
  /* The flow: the tensor the next module reads is @tip's output (NULL:
   * the network's input) after the @pending activations and dropouts. */
  StrataLayer   *tip;
  StrataLayer   *last;     /* the layer appended last */
  GArray        *pending;  /* TorchPending */
  /* The places in @pending (guint, rising) where forward() may run
   * functional code: between two children of a module that is not a
   * Sequential. */
  GArray        *boundaries;
  /* A convolution or pooling with a stride over 1 was built. */
  gboolean       strided;
} TorchBuilder;

G_GNUC_PRINTF (5, 6)
void               torch_builder_fail          (TorchBuilder       *b,
                                                const TorchModule  *m,
                                                int                 code,
                                                GError            **error,
                                                const char         *format,
                                                ...);
/* A value of @m that is wrong, at its place. */
G_GNUC_PRINTF (5, 6)
void               torch_builder_fail_at       (TorchBuilder       *b,
                                                const TorchModule  *m,
                                                const TorchValue   *v,
                                                GError            **error,
                                                const char         *format,
                                                ...);
G_GNUC_PRINTF (3, 4)
void               torch_builder_warn          (TorchBuilder       *b,
                                                const TorchModule  *m,
                                                const char         *format,
                                                ...);
const char        *torch_module_name           (const TorchModule  *m);
char              *torch_shape_text            (const StrataShape  *shape);

/* The shape of the tensor the next module reads. */
const StrataShape *torch_builder_shape         (TorchBuilder       *b);
/* A new layer named after @base, made unique. */
StrataLayer       *torch_layer_new             (TorchBuilder            *b,
                                                StrataLayerKind          kind,
                                                const StrataLayerParams *params,
                                                const char              *base);
/* Adds @layer (taking it) to the flow. */
gboolean           torch_builder_emit          (TorchBuilder       *b,
                                                const TorchModule  *m,
                                                StrataLayer        *layer,
                                                GError            **error);
/* Appends every held layer: the tip is then a layer of the network. */
gboolean           torch_builder_flush         (TorchBuilder       *b,
                                                GError            **error);
/* Makes @tip (NULL: the input) what the next module reads. */
gboolean           torch_builder_set_tip       (TorchBuilder       *b,
                                                StrataLayer        *tip,
                                                GError            **error);
/* A merge of @inputs named "path.suffix", which becomes the tip. */
gboolean           torch_builder_merge         (TorchBuilder       *b,
                                                const TorchModule  *m,
                                                StrataLayerKind     kind,
                                                const char         *suffix,
                                                StrataLayer       **inputs,
                                                guint               n_inputs,
                                                GError            **error);
void               torch_builder_mark_boundary (TorchBuilder       *b);
/* Flattens (or pools) a spatial tip for a Linear of @in_features. */
gboolean           torch_builder_flatten_for   (TorchBuilder       *b,
                                                const TorchModule  *m,
                                                guint64             in_features,
                                                GError            **error);

/* A module's arguments matched to its constructor's parameters: values[i]
 * is the one given for names[i], or NULL. */
#define TORCH_MAX_SIGNATURE 12
typedef struct
{
  GPtrArray  *args;
  TorchValue *values[TORCH_MAX_SIGNATURE];
} Bound;

void               torch_bound_clear           (Bound              *bound);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bound, torch_bound_clear)

/* Parses @m's arguments and matches them to @names, NULL-terminated. */
gboolean           torch_bind                  (TorchBuilder       *b,
                                                const TorchModule  *m,
                                                const char * const *names,
                                                Bound              *bound,
                                                GError            **error);
/* Whether the first @n_required of @names were given. */
gboolean           torch_require               (TorchBuilder       *b,
                                                const TorchModule  *m,
                                                const char * const *names,
                                                const Bound        *bound,
                                                guint               n_required,
                                                GError            **error);
/* An int from @minimum to G_MAXUINT. */
gboolean           torch_get_count             (TorchBuilder       *b,
                                                const TorchModule  *m,
                                                const char         *name,
                                                const TorchValue   *v,
                                                guint               minimum,
                                                guint              *out,
                                                GError            **error);
/* An int, or a tuple of two, each a count. */
gboolean           torch_get_pair              (TorchBuilder       *b,
                                                const TorchModule  *m,
                                                const char         *name,
                                                const TorchValue   *v,
                                                guint               minimum,
                                                StrataPair         *out,
                                                GError            **error);
gboolean           torch_get_bool              (TorchBuilder       *b,
                                                const TorchModule  *m,
                                                const char         *name,
                                                const TorchValue   *v,
                                                gboolean           *out,
                                                GError            **error);
gboolean           torch_get_number            (TorchBuilder       *b,
                                                const TorchModule  *m,
                                                const char         *name,
                                                const TorchValue   *v,
                                                double             *out,
                                                GError            **error);
/* Whether @v (may be NULL) is the string or bare word @text. */
gboolean           torch_is_string             (const TorchValue   *v,
                                                const char         *text);

/* Builds @m and everything in it. */
gboolean           torch_build_module          (TorchBuilder       *b,
                                                const TorchModule  *m,
                                                guint               depth,
                                                GError            **error);
/* The torchvision blocks whose forward() is known from their class, or
 * FALSE in *@known. */
gboolean           torch_build_block           (TorchBuilder       *b,
                                                const TorchModule  *m,
                                                guint               depth,
                                                gboolean           *known,
                                                GError            **error);

G_END_DECLS
