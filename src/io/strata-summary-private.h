/* strata-summary-private.h: the summary formats that live in files of their own. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-network.h"

G_BEGIN_DECLS

/* strata-summary-latex.c: a booktabs table for a paper. */
char *strata_summary_latex (StrataNetwork *network);

G_END_DECLS
