/* strata-import-torch.c: a network from the text of PyTorch's print(model). */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "strata-import.h"
#include "strata-import-torch-private.h"
#include "strata-import-torch-build-private.h"

/* The print shows modules, never forward(): what runs between them is
 * assumed as docs/import.md says. A module's layers are built as the
 * module runs; activations and dropouts are held back until the next
 * layer of another kind, so that a torch.flatten (or a global pooling)
 * that forward() runs between two modules can still be put before them. */

static void
fail_va (TorchBuilder      *b,
         const TorchModule *m,
         const TorchPlace  *place,
         int                code,
         GError           **error,
         const char        *format,
         va_list            args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_set_error (error, STRATA_IMPORT_ERROR, code, _("“%s”, line %u, column %u: “%s” (%s): %s"),
               b->file, place->line, place->column, torch_module_name (m), m->type, message);
}

void
torch_builder_fail (TorchBuilder      *b,
                    const TorchModule *m,
                    int                code,
                    GError           **error,
                    const char        *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  fail_va (b, m, &m->place, code, error, format, args);
  va_end (args);
}

void
torch_builder_fail_at (TorchBuilder      *b,
                       const TorchModule *m,
                       const TorchValue  *v,
                       GError           **error,
                       const char        *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  fail_va (b, m, &v->place, STRATA_IMPORT_ERROR_INVALID, error, format, args);
  va_end (args);
}

const char *
torch_module_name (const TorchModule *m)
{
  return m->path[0] != '\0' ? m->path : m->type;
}

void
torch_builder_warn (TorchBuilder      *b,
                    const TorchModule *m,
                    const char        *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (b->warnings != NULL)
    g_ptr_array_add (b->warnings, g_strdup_printf (_("“%s” (%s): %s"), torch_module_name (m),
                                                   m->type, message));
}

/* "16 × 5 × 5" (C × H × W, PyTorch's order) or "400". */
char *
torch_shape_text (const StrataShape *shape)
{
  g_autofree char *c = strata_format_count (shape->channels);
  g_autofree char *h = NULL, *w = NULL;

  if (shape->is_vector)
    return g_steal_pointer (&c);
  h = strata_format_count (shape->height);
  w = strata_format_count (shape->width);
  return g_strdup_printf ("%s × %s × %s", c, h, w);
}

const StrataShape *
torch_builder_shape (TorchBuilder *b)
{
  if (b->tip == NULL)
    return strata_network_get_input_shape (b->network);
  return strata_layer_get_output_shape (b->tip);
}

/* A name for a layer built from @base (a module path) that no other
 * layer has: module paths are unique, but a module called twice (the
 * ReLU of a BasicBlock) makes two layers. */
static void
set_unique_name (TorchBuilder *b,
                 StrataLayer  *layer,
                 const char   *base)
{
  g_autofree char *name = strata_name_dup (base);
  g_autofree char *stem = NULL;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (b->suffixes, name));

  if (n == 0 && !g_hash_table_contains (b->names, name) &&
      !g_str_equal (name, strata_network_get_input_name (b->network)))
    {
      strata_layer_set_name (layer, name);
      g_hash_table_insert (b->suffixes, g_strdup (name), GUINT_TO_POINTER (2));
      g_hash_table_add (b->names, g_steal_pointer (&name));
      return;
    }
  /* Room for the suffix within the longest name. */
  stem = g_utf8_strlen (name, -1) > STRATA_NAME_MAX_CHARS - 12
           ? g_utf8_substring (name, 0, STRATA_NAME_MAX_CHARS - 12) : g_strdup (name);
  for (n = MAX (n, 2);; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s_%u", stem, n);

      if (!g_hash_table_contains (b->names, candidate))
        {
          g_hash_table_insert (b->suffixes, g_strdup (name), GUINT_TO_POINTER (n + 1));
          strata_layer_set_name (layer, candidate);
          g_hash_table_add (b->names, g_steal_pointer (&candidate));
          return;
        }
    }
}

StrataLayer *
torch_layer_new (TorchBuilder            *b,
                 StrataLayerKind          kind,
                 const StrataLayerParams *params,
                 const char              *base)
{
  StrataLayer *layer = strata_layer_new (kind);

  if (params != NULL)
    strata_layer_set_params (layer, params);
  set_unique_name (b, layer, base);
  return layer;
}

/* Appends @layer reading @inputs (NULL: the flow's tip), and makes it the tip. */
static gboolean
append (TorchBuilder       *b,
        const TorchModule  *m,
        StrataLayer        *layer,
        StrataLayer       **inputs,
        guint               n_inputs,
        GError            **error)
{
  const char *problem;

  if (inputs != NULL)
    strata_layer_set_inputs (layer, inputs, n_inputs);
  else if (b->tip != b->last)
    strata_layer_set_inputs (layer, &b->tip, 1);
  strata_network_append (b->network, layer);
  b->last = b->tip = layer;
  if ((problem = strata_layer_get_error (layer)) != NULL)
    {
      torch_builder_fail (b, m, STRATA_IMPORT_ERROR_INVALID, error, "%s", problem);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_band (StrataLayer *layer)
{
  StrataLayerKind kind = strata_layer_get_kind (layer);

  return kind == STRATA_LAYER_KIND_ACTIVATION || kind == STRATA_LAYER_KIND_DROPOUT;
}

static gboolean
flush_range (TorchBuilder  *b,
             guint          start,
             guint          end,
             GError       **error)
{
  for (guint i = start; i < end; i++)
    {
      TorchPending *pending = &g_array_index (b->pending, TorchPending, i);

      if (!append (b, pending->module, pending->layer, NULL, 0, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
torch_builder_flush (TorchBuilder  *b,
                     GError       **error)
{
  gboolean ok = flush_range (b, 0, b->pending->len, error);

  g_array_set_size (b->pending, 0);
  g_array_set_size (b->boundaries, 0);
  return ok;
}

void
torch_builder_mark_boundary (TorchBuilder *b)
{
  guint n = b->boundaries->len;

  if (n == 0 || g_array_index (b->boundaries, guint, n - 1) != b->pending->len)
    g_array_append_val (b->boundaries, b->pending->len);
}

/* Where forward() flattened the tensor the held layers act on: after the
 * last activation, which follows the module it activates, and before any
 * dropout, which classifiers apply to the flattened features; or else
 * as late as it could. */
static guint
flatten_point (TorchBuilder *b)
{
  guint after = 0;

  for (guint i = 0; i < b->pending->len; i++)
    if (strata_layer_get_kind (g_array_index (b->pending, TorchPending, i).layer) ==
        STRATA_LAYER_KIND_ACTIVATION)
      after = i + 1;
  for (guint i = 0; i < b->boundaries->len; i++)
    if (g_array_index (b->boundaries, guint, i) >= after)
      return g_array_index (b->boundaries, guint, i);
  return g_array_index (b->boundaries, guint, b->boundaries->len - 1);
}

gboolean
torch_builder_set_tip (TorchBuilder  *b,
                       StrataLayer   *tip,
                       GError       **error)
{
  if (!torch_builder_flush (b, error))
    return FALSE;
  b->tip = tip;
  return TRUE;
}

gboolean
torch_builder_emit (TorchBuilder       *b,
                    const TorchModule  *m,
                    StrataLayer        *layer,
                    GError            **error)
{
  g_autoptr(StrataLayer) owned = layer;

  if (is_band (layer))
    {
      TorchPending pending = { g_steal_pointer (&owned), m };

      g_array_append_val (b->pending, pending);
      return TRUE;
    }
  if (!torch_builder_flush (b, error))
    return FALSE;
  return append (b, m, layer, NULL, 0, error);
}

gboolean
torch_builder_merge (TorchBuilder       *b,
                     const TorchModule  *m,
                     StrataLayerKind     kind,
                     const char         *suffix,
                     StrataLayer       **inputs,
                     guint               n_inputs,
                     GError            **error)
{
  g_autofree char *base = m->path[0] != '\0' ? g_strconcat (m->path, ".", suffix, NULL)
                                             : g_strdup (suffix);
  g_autoptr(StrataLayer) layer = torch_layer_new (b, kind, NULL, base);

  if (!torch_builder_flush (b, error))
    return FALSE;
  return append (b, m, layer, inputs, n_inputs, error);
}

/* A Linear reached by a spatial tensor: forward() flattened it, or pooled
 * it globally, after the last module that changed its shape. */
gboolean
torch_builder_flatten_for (TorchBuilder       *b,
                           const TorchModule  *m,
                           guint64             in_features,
                           GError            **error)
{
  const StrataShape *shape = torch_builder_shape (b);
  g_autofree char *text = torch_shape_text (shape);
  g_autoptr(StrataLayer) layer = NULL;
  gboolean ok;
  guint64 size;
  guint point;

  if (!strata_shape_get_size (shape, &size))
    size = G_MAXUINT64;
  if (b->boundaries->len == 0)
    {
      torch_builder_fail (b, m, STRATA_IMPORT_ERROR_INVALID, error,
                          _("it receives a %s tensor (C × H × W), and no module flattens it "
                            "before (add an nn.Flatten())"), text);
      return FALSE;
    }
  if (size == in_features)
    layer = torch_layer_new (b, STRATA_LAYER_KIND_FLATTEN, NULL, "flatten");
  else if (shape->channels == in_features)
    {
      layer = torch_layer_new (b, STRATA_LAYER_KIND_GLOBAL_AVGPOOL2D, NULL,
                               "adaptive_avg_pool2d");
      torch_builder_warn (b, m,
                          _("its in_features equal the channels of the %s tensor (C × H × W) it "
                            "receives, so forward() is taken to pool it globally first, as "
                            "torchvision’s MobileNetV2, MNASNet and DenseNet do"), text);
    }
  else
    {
      g_autofree char *n = strata_format_count (in_features);
      g_autofree char *values = strata_format_count (size);

      torch_builder_fail (b, m, STRATA_IMPORT_ERROR_INVALID, error,
                          _("in_features is %s, but it receives a %s tensor (C × H × W), which "
                            "has %s values"), n, text, values);
      return FALSE;
    }

  /* Activations and dropouts after the point where forward() ran the
   * functional operation come after it. */
  point = flatten_point (b);
  ok = flush_range (b, 0, point, error) && append (b, m, layer, NULL, 0, error) &&
       flush_range (b, point, b->pending->len, error);
  g_array_set_size (b->pending, 0);
  g_array_set_size (b->boundaries, 0);
  return ok;
}

static void
pending_clear (TorchPending *pending)
{
  g_clear_object (&pending->layer);
}

gboolean
strata_import_torch_print_sniff (GBytes *contents)
{
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  gsize n = MIN (length, 4096);
  gsize i = 0;

  if (data == NULL)
    return FALSE;
  if (n >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < n && g_ascii_isspace (data[i]))
    i++;
  /* Class names are capitalised; a line of Python such as print(model) is not. */
  if (i >= n || !(g_ascii_isupper (data[i]) || data[i] == '_'))
    return FALSE;
  while (i < n && (g_ascii_isalnum (data[i]) || data[i] == '_'))
    i++;
  if (i >= n || data[i] != '(')
    return FALSE;
  for (i++; i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r'); i++)
    ;
  if (i < n && data[i] == '\n')
    {
      /* "Type(" then a child "(key): " or the closing ")". */
      for (i++; i < n && (data[i] == ' ' || data[i] == '\t'); i++)
        ;
      if (i < n && data[i] == ')')
        return TRUE;
      if (i >= n || data[i] != '(')
        return FALSE;
      for (i++; i < n && data[i] != ')' && data[i] != '\n'; i++)
        ;
      return i + 1 < n && data[i] == ')' && data[i + 1] == ':';
    }
  /* "Type(args)" alone: a model of one module. */
  {
    gsize last = i;

    for (; i < n && data[i] != '\n'; i++)
      if (!g_ascii_isspace (data[i]))
        last = i;
    return last < n && data[last] == ')';
  }
}

StrataNetwork *
strata_import_torch_print (GBytes                     *contents,
                           const char                 *display_name,
                           const StrataImportOptions  *options,
                           GPtrArray                  *warnings,
                           GError                    **error)
{
  g_autoptr(TorchModule) model = NULL;
  g_autoptr(StrataNetwork) network = NULL;
  TorchBuilder b = { 0 };
  gsize length;
  const char *data;
  gboolean ok;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (contents, &length);
  if (data == NULL)
    data = "";
  if ((model = torch_parse (data, length, display_name, error)) == NULL)
    return NULL;

  if (!options->has_input)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_NEEDS_INPUT,
                   _("“%s”: the print of a PyTorch model does not say the shape of its input: "
                     "give it with --input CxHxW, such as --input 3x224x224"), display_name);
      return NULL;
    }
  if (options->height == 0 || options->width == 0 || options->channels == 0)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_NEEDS_INPUT,
                   _("“%s”: the input’s channels, height and width must each be at least 1"),
                   display_name);
      return NULL;
    }

  network = strata_network_new ();
  strata_network_set_name (network, model->type);
  strata_network_set_input (network, options->height, options->width, options->channels);

  b.data = data;
  b.file = display_name;
  b.network = network;
  b.warnings = warnings;
  b.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.suffixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.warned = g_hash_table_new (g_str_hash, g_str_equal);
  b.pending = g_array_new (FALSE, FALSE, sizeof (TorchPending));
  g_array_set_clear_func (b.pending, (GDestroyNotify) pending_clear);
  b.boundaries = g_array_new (FALSE, FALSE, sizeof (guint));

  ok = torch_build_module (&b, model, 0, error) && torch_builder_flush (&b, error);

  g_array_unref (b.pending);
  g_array_unref (b.boundaries);
  g_hash_table_unref (b.names);
  g_hash_table_unref (b.suffixes);
  g_hash_table_unref (b.warned);
  if (!ok)
    return NULL;
  if (strata_network_get_n_layers (network) == 0)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_INVALID,
                   _("“%s”: the model has no layers Strata can draw"), display_name);
      return NULL;
    }
  return g_steal_pointer (&network);
}
