/* strata-import-torch-private.h: the module tree of a PyTorch print, and its arguments. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Limits that keep hostile text from costing more than a real print: the
 * largest torchvision model prints about 2,000 modules, nested 6 deep. */
#define TORCH_MAX_MODULES 100000
#define TORCH_MAX_DEPTH 64
#define TORCH_MAX_ARGS 32
#define TORCH_MAX_TUPLE 16
#define TORCH_MAX_VALUE_DEPTH 4

/* Where something is in the text, for messages. */
typedef struct
{
  guint line;
  guint column; /* in characters, from 1 */
} TorchPlace;

typedef struct _TorchModule TorchModule;
struct _TorchModule
{
  char       *key;     /* its name in its parent, "conv1"; NULL for the model */
  char       *path;    /* "layer1.0.conv1"; "" for the model */
  char       *type;    /* the class name, "Conv2d" */
  TorchPlace  place;   /* of the class name */
  /* The one line of arguments of a module printed as Type(args): a
   * span of the text, parsed only for modules Strata maps. */
  gsize       args_start;
  gsize       args_length;
  TorchPlace  args_place;
  gsize       line_start; /* of the arguments' line, for columns */
  GPtrArray  *children;   /* TorchModule, in printed order; NULL for a module printed on one line */
  guint       size;       /* modules in this one's tree, itself included */
};

typedef enum
{
  TORCH_VALUE_INT,
  TORCH_VALUE_FLOAT,
  TORCH_VALUE_BOOL,
  TORCH_VALUE_NONE,
  TORCH_VALUE_STRING, /* 'quoted', or a bare word such as same or nearest */
  TORCH_VALUE_TUPLE,
} TorchValueType;

typedef struct _TorchValue TorchValue;
struct _TorchValue
{
  TorchValueType type;
  gint64         integer;
  double         number;   /* also set for an int */
  gboolean       boolean;
  char          *string;
  GPtrArray     *items;    /* TorchValue, for a tuple */
  TorchPlace     place;
};

typedef struct
{
  char       *name;   /* NULL for a positional argument */
  TorchValue *value;
  TorchPlace  place;
} TorchArg;

/* Parses the text into the tree of modules, or fails with
 * STRATA_IMPORT_ERROR naming @file, the line and the column. */
TorchModule *torch_parse           (const char   *data,
                                    gsize         length,
                                    const char   *file,
                                    GError      **error);
void         torch_module_free     (TorchModule  *module);

/* The arguments of @module: a new array of TorchArg. */
GPtrArray   *torch_parse_args      (const char   *data,
                                    const TorchModule *module,
                                    const char   *file,
                                    GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TorchModule, torch_module_free)

G_END_DECLS
