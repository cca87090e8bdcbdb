/* strata-read-private.h: reading a file whole, never more than a limit. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The contents of @file, refused with STRATA_FILE_ERROR_TOO_LARGE
 * when it holds more than @limit bytes. A regular file is refused by
 * its size before it is read; a device or a pipe is read up to the
 * limit and no further, so neither memory nor time is unbounded.
 * Messages name the file by its parse name. */
GBytes *strata_read_file (GFile         *file,
                          gsize          limit,
                          GCancellable  *cancellable,
                          GError       **error);

G_END_DECLS
