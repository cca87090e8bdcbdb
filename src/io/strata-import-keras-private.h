/* strata-import-keras-private.h: what the Keras reader shares between its files. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "strata-import.h"

G_BEGIN_DECLS

/* One import under way: where layers go and what to say about them. */
typedef struct
{
  const char                *file;     /* the display name, for messages */
  const StrataImportOptions *options;
  GPtrArray                 *warnings; /* may be NULL */
  StrataNetwork             *network;  /* layers are appended as they are made */
  GHashTable                *taken;    /* every name given so far */
  GHashTable                *next_suffix; /* name → the next _N to try for it */
  StrataLayer               *last;     /* the layer appended last, or NULL */
  /* Inputs that Keras gives as vectors ([batch, n]), which Strata's
   * inputs hold as 1 × 1 × n: the network's, and layers of kind input. */
  gboolean                   vector_input;
  GHashTable                *vector_inputs;
  guint                      n_frozen; /* layers with trainable: false */
} KerasImport;

/* Where a message points: a layer's name and class, both from the file. */
typedef struct
{
  const char *name;
  const char *class_name;
} KerasPlace;

G_GNUC_PRINTF (4, 5)
void         strata_keras_set_error    (KerasImport       *self,
                                        GError           **error,
                                        int                code,
                                        const char        *format,
                                        ...);
G_GNUC_PRINTF (5, 6)
void         strata_keras_layer_error  (KerasImport       *self,
                                        const KerasPlace  *place,
                                        GError           **error,
                                        int                code,
                                        const char        *format,
                                        ...);
G_GNUC_PRINTF (3, 4)
void         strata_keras_warn         (KerasImport       *self,
                                        const KerasPlace  *place,
                                        const char        *format,
                                        ...);

/* Whether @input (a layer, or NULL for the network's input) gives a
 * vector in Keras's terms. */
gboolean     strata_keras_reads_vector (KerasImport *self,
                                        StrataLayer *input);

/* Whether @class_name is a Keras layer of 1-D or 3-D data (Conv1D, LSTM,
 * MaxPooling3D, …), which Strata does not model. */
gboolean     strata_keras_class_is_not_2d (const char *class_name);

/* The Strata layer for one call of a Keras layer of class
 * @place->class_name with @config, reading @inputs (each a layer of the
 * network, NULL for its input); not yet named, given its inputs or
 * appended. @stated is the output shape the file states for it (Keras 3
 * calls give each tensor's), or NULL: a class with no kind becomes an
 * opaque layer of that shape. NULL with @error when the class or a
 * setting has no equivalent. */
StrataLayer *strata_keras_make_layer   (KerasImport       *self,
                                        const KerasPlace  *place,
                                        JsonObject        *config,
                                        StrataLayer      **inputs,
                                        guint              n_inputs,
                                        const StrataShape *stated,
                                        GError           **error);

G_END_DECLS
