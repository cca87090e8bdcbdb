/* strata-import.h: networks read from other programs' files (ONNX, Keras, PyTorch's print). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "strata-network.h"

G_BEGIN_DECLS

#define STRATA_IMPORT_ERROR (strata_import_error_quark ())

typedef enum
{
  STRATA_IMPORT_ERROR_UNKNOWN_FORMAT, /* no reader recognises the contents */
  STRATA_IMPORT_ERROR_INVALID,        /* damaged: names the file and the place */
  STRATA_IMPORT_ERROR_UNSUPPORTED,    /* an operation or layer with no kind and no stated shape */
  STRATA_IMPORT_ERROR_NOT_2D,         /* a 1-D or 3-D network */
  STRATA_IMPORT_ERROR_NEEDS_INPUT,    /* the input shape is not in the file: give --input */
  STRATA_IMPORT_ERROR_TOO_LARGE,      /* past a limit of docs/limits.md */
} StrataImportError;

typedef enum
{
  STRATA_IMPORT_FORMAT_ONNX,
  STRATA_IMPORT_FORMAT_KERAS_JSON,    /* model.to_json(), or TensorFlow.js model.json */
  STRATA_IMPORT_FORMAT_KERAS_ARCHIVE, /* .keras: a zip holding config.json */
  STRATA_IMPORT_FORMAT_KERAS_H5,      /* .h5: HDF5 with a model_config attribute */
  STRATA_IMPORT_FORMAT_TORCH_PRINT,   /* the text of print(model) */
  STRATA_N_IMPORT_FORMATS
} StrataImportFormat;

typedef struct
{
  /* An input shape given by the person (--input CxHxW), which overrides
   * the file's; has_input FALSE means use the file's. */
  gboolean has_input;
  guint    height;
  guint    width;
  guint    channels;
} StrataImportOptions;

GQuark          strata_import_error_quark (void);

/* Each format's reader. @contents is the whole file (mapped, so a
 * reader that skips weights never brings them into memory); messages
 * name @display_name and the place (a node, a layer, a line). Each
 * thing imported only approximately, such as an operation kept as an
 * opaque layer, appends one translated line to @warnings. The network
 * returned is named after the model and has every layer's shape computed. */
typedef StrataNetwork *(*StrataImportReader) (GBytes                     *contents,
                                              const char                 *display_name,
                                              const StrataImportOptions  *options,
                                              GPtrArray                  *warnings,
                                              GError                    **error);

/* Whether @contents look like each format: cheap tests of the first
 * bytes, never a full parse. */
gboolean        strata_import_onnx_sniff        (GBytes *contents);
gboolean        strata_import_keras_json_sniff  (GBytes *contents);
gboolean        strata_import_keras_archive_sniff (GBytes *contents);
gboolean        strata_import_keras_h5_sniff    (GBytes *contents);
gboolean        strata_import_torch_print_sniff (GBytes *contents);

StrataNetwork  *strata_import_onnx              (GBytes                     *contents,
                                                 const char                 *display_name,
                                                 const StrataImportOptions  *options,
                                                 GPtrArray                  *warnings,
                                                 GError                    **error);
StrataNetwork  *strata_import_keras_json        (GBytes                     *contents,
                                                 const char                 *display_name,
                                                 const StrataImportOptions  *options,
                                                 GPtrArray                  *warnings,
                                                 GError                    **error);
StrataNetwork  *strata_import_keras_archive     (GBytes                     *contents,
                                                 const char                 *display_name,
                                                 const StrataImportOptions  *options,
                                                 GPtrArray                  *warnings,
                                                 GError                    **error);
StrataNetwork  *strata_import_keras_h5          (GBytes                     *contents,
                                                 const char                 *display_name,
                                                 const StrataImportOptions  *options,
                                                 GPtrArray                  *warnings,
                                                 GError                    **error);
StrataNetwork  *strata_import_torch_print       (GBytes                     *contents,
                                                 const char                 *display_name,
                                                 const StrataImportOptions  *options,
                                                 GPtrArray                  *warnings,
                                                 GError                    **error);

G_END_DECLS
