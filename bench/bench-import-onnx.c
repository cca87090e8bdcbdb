/* bench-import-onnx.c: importing VGG-16 with its 553 MB of weights, and graphs of 1,000 to 100,000 nodes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The files are made in the set-up, in a temporary folder: VGG-16 is the
 * reference export with each initializer given raw_data of its true size
 * (zeros), as torch.onnx.export writes it; the chains are Conv → Relu
 * pairs with their weights' dims only. Time is measured here, the median
 * of a few rounds; peak memory (VmHWM) in a fresh process of this program
 * that maps the file as the application does and imports it. */

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bench-common.h"
#include "strata-import.h"

#define ROUNDS 7

static void
put_varint (GByteArray *out,
            guint64     v)
{
  do
    {
      guint8 byte = (v & 0x7f) | (v >= 0x80 ? 0x80 : 0);

      g_byte_array_append (out, &byte, 1);
      v >>= 7;
    }
  while (v != 0);
}

static void
put_bytes (GByteArray *out,
           guint       field,
           const void *data,
           gsize       length)
{
  put_varint (out, (field << 3) | 2);
  put_varint (out, length);
  g_byte_array_append (out, data, length);
}

static void
put_string (GByteArray *out,
            guint       field,
            const char *text)
{
  put_bytes (out, field, text, strlen (text));
}

static void
put_int (GByteArray *out,
         guint       field,
         guint64     v)
{
  put_varint (out, field << 3);
  put_varint (out, v);
}

static void
put_message (GByteArray *out,
             guint       field,
             GByteArray *message)
{
  put_bytes (out, field, message->data, message->len);
}

static gsize
varint_size (guint64 v)
{
  gsize n = 1;

  while (v >= 0x80)
    {
      v >>= 7;
      n++;
    }
  return n;
}

typedef struct
{
  const guint8 *p, *end;
} Span;

static guint64
get_varint (Span *s)
{
  guint64 v = 0;

  for (guint shift = 0; s->p < s->end; shift += 7)
    {
      guint8 byte = *s->p++;

      v |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        break;
    }
  return v;
}

/* The next field of @s: its number, wire type and whole encoding. */
static guint
next_field (Span   *s,
            guint  *wire,
            Span   *whole,
            Span   *contents)
{
  guint64 tag;

  whole->p = s->p;
  tag = get_varint (s);
  *wire = tag & 7;
  contents->p = s->p;
  if (*wire == 0)
    get_varint (s);
  else if (*wire == 1)
    s->p += 8;
  else if (*wire == 5)
    s->p += 4;
  else
    {
      guint64 length = get_varint (s);

      contents->p = s->p;
      s->p += length;
    }
  contents->end = whole->end = s->p;
  return tag >> 3;
}

/* A tensor without its data (raw_data, external_data, data_location),
 * and how many bytes of raw data it holds. */
static GByteArray *
tensor_header (Span     tensor,
               guint64 *raw_size)
{
  GByteArray *out = g_byte_array_new ();
  guint64 numel = 1;

  while (tensor.p < tensor.end)
    {
      guint wire;
      Span whole, contents;
      guint field = next_field (&tensor, &wire, &whole, &contents);

      if (field == 1)
        {
          if (wire == 2)
            while (contents.p < contents.end)
              numel *= get_varint (&contents);
          else
            numel *= get_varint (&contents);
        }
      if (field != 9 && field != 13 && field != 14)
        g_byte_array_append (out, whole.p, whole.end - whole.p);
    }
  *raw_size = numel * 4;
  return out;
}

static void
write_zeros (FILE    *file,
             guint64  n)
{
  static const guint8 zeros[1 << 16];

  while (n > 0)
    {
      gsize chunk = MIN (n, sizeof zeros);

      g_assert_cmpuint (fwrite (zeros, 1, chunk, file), ==, chunk);
      n -= chunk;
    }
}

/* The reference VGG-16 with every initializer's data inside the file. */
static guint64
write_vgg16 (const char *from,
             const char *to)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (from, FALSE, NULL);
  Span model, graph = { NULL, NULL };
  g_autoptr(GByteArray) head = g_byte_array_new ();
  g_autoptr(GByteArray) graph_rest = g_byte_array_new ();
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 graph_size = 0, total;
  FILE *file;

  if (mapped == NULL)
    return 0;
  model.p = (const guint8 *) g_mapped_file_get_contents (mapped);
  model.end = model.p + g_mapped_file_get_length (mapped);
  while (model.p < model.end)
    {
      guint wire;
      Span whole, contents;

      if (next_field (&model, &wire, &whole, &contents) == 7)
        graph = contents;
      else
        g_byte_array_append (head, whole.p, whole.end - whole.p);
    }
  while (graph.p < graph.end)
    {
      guint wire;
      Span whole, contents;

      if (next_field (&graph, &wire, &whole, &contents) == 5)
        {
          guint64 size;
          GByteArray *header = tensor_header (contents, &size);
          guint64 length = header->len + 1 + varint_size (size) + size;

          g_ptr_array_add (headers, header);
          g_array_append_val (raw, size);
          graph_size += 1 + varint_size (length) + length;
        }
      else
        g_byte_array_append (graph_rest, whole.p, whole.end - whole.p);
    }
  graph_size += graph_rest->len;

  file = g_fopen (to, "wb");
  g_assert_nonnull (file);
  fwrite (head->data, 1, head->len, file);
  {
    g_autoptr(GByteArray) tag = g_byte_array_new ();

    put_varint (tag, (7 << 3) | 2);
    put_varint (tag, graph_size);
    fwrite (tag->data, 1, tag->len, file);
  }
  fwrite (graph_rest->data, 1, graph_rest->len, file);
  for (guint i = 0; i < headers->len; i++)
    {
      GByteArray *header = headers->pdata[i];
      guint64 size = g_array_index (raw, guint64, i);
      g_autoptr(GByteArray) tag = g_byte_array_new ();

      put_varint (tag, (5 << 3) | 2);
      put_varint (tag, header->len + 1 + varint_size (size) + size);
      g_byte_array_append (tag, header->data, header->len);
      put_varint (tag, (9 << 3) | 2);
      put_varint (tag, size);
      fwrite (tag->data, 1, tag->len, file);
      write_zeros (file, size);
    }
  total = ftell (file);
  fclose (file);
  return total;
}

static void
put_value_info (GByteArray   *graph,
                guint         field,
                const char   *name,
                const guint  *dims,
                guint         n_dims)
{
  g_autoptr(GByteArray) info = g_byte_array_new ();
  g_autoptr(GByteArray) type = g_byte_array_new ();
  g_autoptr(GByteArray) tensor = g_byte_array_new ();
  g_autoptr(GByteArray) shape = g_byte_array_new ();

  for (guint i = 0; i < n_dims; i++)
    {
      g_autoptr(GByteArray) dim = g_byte_array_new ();

      put_int (dim, 1, dims[i]);
      put_message (shape, 1, dim);
    }
  put_int (tensor, 1, 1);
  put_message (tensor, 2, shape);
  put_message (type, 1, tensor);
  put_string (info, 1, name);
  put_message (info, 2, type);
  put_message (graph, field, info);
}

/* Conv (16 → 16, 3 × 3, padded) → Relu, @n_nodes nodes, each conv with
 * its weights' dims only (stored outside the file, as large models are). */
static GBytes *
make_chain (guint n_nodes)
{
  g_autoptr(GByteArray) model = g_byte_array_new ();
  g_autoptr(GByteArray) graph = g_byte_array_new ();
  g_autoptr(GByteArray) opset = g_byte_array_new ();
  static const guint input[] = { 1, 16, 32, 32 };
  g_autofree char *previous = g_strdup ("input");

  for (guint i = 0; i < n_nodes; i++)
    {
      g_autoptr(GByteArray) node = g_byte_array_new ();
      g_autofree char *name = g_strdup_printf ("node_%u", i);
      g_autofree char *output = g_strdup_printf ("value_%u", i);

      put_string (node, 1, previous);
      if (i % 2 == 0)
        {
          g_autoptr(GByteArray) weights = g_byte_array_new ();
          g_autoptr(GByteArray) pads = g_byte_array_new ();
          g_autoptr(GByteArray) packed = g_byte_array_new ();
          g_autofree char *w = g_strdup_printf ("weight_%u", i);
          static const guint dims[] = { 16, 16, 3, 3 };

          put_string (node, 1, w);
          for (guint d = 0; d < 4; d++)
            put_int (weights, 1, dims[d]);
          put_int (weights, 2, 1);
          put_string (weights, 8, w);
          put_int (weights, 14, 1);
          put_message (graph, 5, weights);
          put_string (node, 4, "Conv");
          for (guint d = 0; d < 4; d++)
            put_varint (packed, 1);
          put_string (pads, 1, "pads");
          put_int (pads, 20, 7);
          put_message (pads, 8, packed);
          put_message (node, 5, pads);
        }
      else
        put_string (node, 4, "Relu");
      put_string (node, 2, output);
      put_string (node, 3, name);
      put_message (graph, 1, node);
      g_free (previous);
      previous = g_steal_pointer (&output);
    }
  put_value_info (graph, 11, "input", input, 4);
  put_string (graph, 2, "chain");
  put_int (model, 1, 8);
  put_int (opset, 2, 13);
  put_message (model, 8, opset);
  put_message (model, 7, graph);
  return g_byte_array_free_to_bytes (g_steal_pointer (&model));
}

static StrataNetwork *
import_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;
  StrataNetwork *network;

  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (mapped);
  network = strata_import_onnx (bytes, path, NULL, NULL, &error);
  g_assert_no_error (error);
  return network;
}

static guint64
peak_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return g_ascii_strtoull (line + 6, NULL, 10);
}

/* In a child process: import @path once, print the time and peak memory. */
static int
measure (const char *path)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(StrataNetwork) network = path[0] != '\0' ? import_file (path) : NULL;
  double ms = bench_elapsed_ms (start);

  g_print ("%.3f %" G_GUINT64_FORMAT " %u\n", ms, peak_kib (),
           network != NULL ? strata_network_get_n_layers (network) : 0);
  return 0;
}

static void
in_child (const char *self,
          const char *path,
          double     *ms,
          guint64    *kib,
          guint      *layers)
{
  const char *argv[] = { self, "--measure", path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (sscanf (out, "%lf %" G_GUINT64_FORMAT " %u", ms, kib, layers) == 3);
}

static double
median_import (const char *path)
{
  double samples[ROUNDS];

  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(StrataNetwork) network = import_file (path);

      samples[r] = bench_elapsed_ms (start);
    }
  return bench_median (samples, ROUNDS);
}

static void
bench_vgg16 (const char *self,
             const char *dir)
{
  const char *refs = g_getenv ("STRATA_REFS_DIR");
  g_autofree char *from = refs != NULL ? g_build_filename (refs, "onnx", "vgg16.onnx", NULL)
                                       : NULL;
  g_autofree char *to = g_build_filename (dir, "vgg16-weights.onnx", NULL);
  guint64 size = from != NULL ? write_vgg16 (from, to) : 0;
  double ms, child_ms;
  guint64 kib;
  guint layers;

  if (size == 0)
    {
      g_print ("vgg16 with weights: skipped (no reference data, STRATA_REFS_DIR)\n");
      return;
    }
  ms = median_import (to);
  in_child (self, to, &child_ms, &kib, &layers);
  g_print ("vgg16 with weights (%.1f MB, %u layers): %.3f ms to import (goal: < 100 ms), "
           "%.3f ms in a fresh process; peak RSS %.1f MiB (goal: < 48 MiB)\n",
           size / 1e6, layers, ms, child_ms, kib / 1024.0);
  g_unlink (to);
}

static void
bench_chains (const char *self,
              const char *dir)
{
  static const guint sizes[] = { 1000, 10000, 100000 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) bytes = make_chain (sizes[i]);
      g_autofree char *path = g_strdup_printf ("%s/chain-%u.onnx", dir, sizes[i]);
      double ms, child_ms;
      guint64 kib;
      guint layers;

      g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), NULL));
      ms = median_import (path);
      in_child (self, path, &child_ms, &kib, &layers);
      g_print ("chain of %u nodes (%.1f kB): %.3f ms to import, %.2f µs a node%s; "
               "peak RSS %.1f MiB\n", sizes[i], g_bytes_get_size (bytes) / 1e3, ms,
               ms * 1000 / sizes[i], sizes[i] == 10000 ? " (goal: < 100 ms)" : "",
               kib / 1024.0);
      g_assert_cmpuint (layers, ==, sizes[i]);
      g_unlink (path);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  double ms;
  guint64 kib;
  guint layers;

  if (argc == 3 && g_str_equal (argv[1], "--measure"))
    return measure (argv[2]);
  dir = g_dir_make_tmp ("strata-bench-XXXXXX", NULL);
  g_assert_nonnull (dir);
  in_child (argv[0], "", &ms, &kib, &layers);
  g_print ("a process that imports nothing: peak RSS %.1f MiB\n", kib / 1024.0);
  bench_vgg16 (argv[0], dir);
  bench_chains (argv[0], dir);
  g_rmdir (dir);
  return 0;
}
