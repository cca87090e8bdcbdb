/* strata-file.h: reading and writing .strata files, and the built-in examples. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "strata-network.h"

G_BEGIN_DECLS

#define STRATA_FILE_ERROR (strata_file_error_quark ())

typedef enum
{
  STRATA_FILE_ERROR_READ,     /* the file could not be read */
  STRATA_FILE_ERROR_SYNTAX,   /* not JSON */
  STRATA_FILE_ERROR_INVALID,  /* JSON, but not a valid network; names the layer and field */
  STRATA_FILE_ERROR_VERSION,  /* written by a newer Strata */
  STRATA_FILE_ERROR_WRITE,    /* the file could not be written */
  STRATA_FILE_ERROR_NOT_FOUND, /* no built-in example of that name */
  STRATA_FILE_ERROR_TOO_LARGE  /* larger than any network file (see docs/limits.md) */
} StrataFileError;

/* The newest version read; files are written as version 1 unless they
 * use what version 2 added (branches, shared weights, extra inputs). */
#define STRATA_FILE_VERSION 2
#define STRATA_FILE_MIME_TYPE "application/x-strata+json"

GQuark          strata_file_error_quark   (void);

/* Every message names @file (or @display_name) and, for a bad layer, its
 * position, name and field. */
StrataNetwork  *strata_file_load          (GFile         *file,
                                           GCancellable  *cancellable,
                                           GError       **error);
StrataNetwork  *strata_file_load_data     (const char    *data,
                                           gsize          length,
                                           const char    *display_name,
                                           GError       **error);

/* Atomic: the old file survives a failed or interrupted save. */
gboolean        strata_file_save          (StrataNetwork *network,
                                           GFile         *file,
                                           GCancellable  *cancellable,
                                           GError       **error);
/* The file's text, pretty-printed JSON ending in a newline. */
char           *strata_file_to_data       (StrataNetwork *network,
                                           gsize         *length);

/* Built-in examples, compiled into the program: ids such as "lecture",
 * "lenet5", "alexnet", "vgg16", "mobilenet_v1", the first being the default. */
const char * const *strata_file_get_example_ids   (void);
/* Translated title of an example, e.g. "VGG-16". */
const char     *strata_file_get_example_title     (const char    *id);
StrataNetwork  *strata_file_load_example          (const char    *id,
                                                   GError       **error);

G_END_DECLS
