/* strata-test-file.h: loading files from text, and checking the messages of bad ones. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "strata-file.h"

static inline StrataNetwork *
load_string (const char  *text,
             GError     **error)
{
  return strata_file_load_data (text, strlen (text), "test.strata", error);
}

/* A layer's hyper-parameters as file text, for comparing two layers. */
static inline char *
layer_text (StrataLayer *layer)
{
  g_autoptr(StrataNetwork) network = strata_network_new ();
  /* A layer belongs to one network at a time. */
  g_autoptr(StrataLayer) copy = strata_layer_copy (layer);

  strata_network_append (network, copy);
  return strata_file_to_data (network, NULL);
}

typedef struct
{
  const char *text;
  int         code;
  const char *message; /* expected exactly, or as a prefix when it ends in "…" */
} BadFile;

/* A file of version 1 around some layers, unless the test has its own. */
#ifndef LAYERS
#define HEAD "{\"format\": \"strata\", \"version\": 1, "
#define INPUT "\"input\": {\"height\": 32, \"width\": 32, \"channels\": 3}, "
#define LAYERS(x) HEAD INPUT "\"layers\": [" x "]}"
#endif

/* Each file is refused with its code and message. */
static inline void
strata_test_assert_bad_files (const BadFile *bad_files,
                              guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      const BadFile *bad = &bad_files[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataNetwork) network = load_string (bad->text, &error);

      g_test_message ("file: %s", bad->text);
      g_assert_null (network);
      g_assert_error (error, STRATA_FILE_ERROR, bad->code);
      if (g_str_has_suffix (bad->message, "…"))
        {
          g_autofree char *prefix = g_strndup (bad->message, strlen (bad->message) - strlen ("…"));
          g_assert_true (g_str_has_prefix (error->message, prefix));
        }
      else
        g_assert_cmpstr (error->message, ==, bad->message);
    }
}
