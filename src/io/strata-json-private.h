/* strata-json-private.h: JSON helpers shared by the io formats. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The builder's document, pretty-printed with two-space indents and a
 * final newline, as every JSON file Strata writes. */
char *strata_json_builder_to_text (JsonBuilder *builder,
                                   gsize       *length);

G_END_DECLS
