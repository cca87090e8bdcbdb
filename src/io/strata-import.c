/* strata-import.c: what the importers of other programs' files share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-import.h"

G_DEFINE_QUARK (strata-import-error-quark, strata_import_error)
