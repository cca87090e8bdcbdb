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

/* A pipe or a device is read whole, up to this many bytes; a regular file
 * is mapped, whatever its size, and only the pages a reader looks at are
 * ever read (an ONNX file's weights are not). */
#define STRATA_IMPORT_MAX_READ (64 * 1024 * 1024)

/* The endings of the format's files' names (".onnx"), NULL-terminated. */
const char * const *strata_import_format_get_extensions (StrataImportFormat format);

/* The format @contents are in, by content alone: each reader's sniff, in
 * an order where the formats with a magic number come first. FALSE for a
 * .strata file and for contents no reader recognises. */
gboolean        strata_import_detect            (GBytes                     *contents,
                                                 StrataImportFormat         *out);

/* Reads @file in whichever format its contents are, Strata's own
 * included (read by strata_file_load_data()): content decides, and the
 * name's extension only breaks a tie between readers that both
 * recognise it, or names the reader when none does, so that a damaged
 * file gets its reader's message rather than "unknown format". A regular
 * file is mapped, anything else read up to STRATA_IMPORT_MAX_READ.
 * @options (nullable) gives an input shape, which overrides
 * a .strata file's input too. Warnings are appended to @warnings
 * (nullable; strings freed with g_free()). *@is_strata (nullable) says
 * whether the file was a .strata file, the network then being the
 * document saved in it rather than an import. */
/* As strata_import_load_full(), from contents in memory (text pasted,
 * a file read already) that messages call @display_name; its ending
 * breaks ties as a file's name does. */
StrataNetwork  *strata_import_load_bytes        (GBytes                     *contents,
                                                 const char                 *display_name,
                                                 const StrataImportOptions  *options,
                                                 GPtrArray                  *warnings,
                                                 gboolean                   *is_strata,
                                                 GError                    **error);
StrataNetwork  *strata_import_load_full         (GFile                      *file,
                                                 const StrataImportOptions  *options,
                                                 GPtrArray                  *warnings,
                                                 gboolean                   *is_strata,
                                                 GCancellable               *cancellable,
                                                 GError                    **error);
StrataNetwork  *strata_import_load              (GFile                      *file,
                                                 const StrataImportOptions  *options,
                                                 GPtrArray                  *warnings,
                                                 GCancellable               *cancellable,
                                                 GError                    **error);

/* Reads an input shape given as PyTorch orders it, channels × height ×
 * width: "3x224x224" or "3×224×224" (spaces allowed around the
 * separators), each a whole number from 1 to 4,294,967,295 as a
 * network's input takes. Sets @options's input on success. */
gboolean        strata_import_parse_shape       (const char                 *text,
                                                 StrataImportOptions        *options,
                                                 GError                    **error);

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
