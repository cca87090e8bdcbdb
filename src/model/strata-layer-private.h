/* strata-layer-private.h: what only the network may do to a layer. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-layer.h"

G_BEGIN_DECLS

/* Fails the layer with @message, as if it could not apply to its input. */
void strata_layer_fail (StrataLayer *self,
                        const char  *message);

G_END_DECLS
