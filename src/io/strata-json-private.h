/* strata-json-private.h: JSON helpers shared by the io formats. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The builder's document, pretty-printed with two-space indents and a
 * final newline, as every JSON file Strata writes. Doubles are written
 * with the fewest digits that read back exactly. */
char *strata_json_builder_to_text (JsonBuilder *builder,
                                   gsize       *length);

/* The shortest text that reads back as @value, with a point or an
 * exponent so it reads back as a double: "0.003", "28.0", "1e-05". */
char *strata_json_format_double   (double       value);

G_END_DECLS
