/* strata-free.h: freeing what a closed window held, after it has gone. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Networks of at least this many layers are freed by strata_free_later():
 * below it, freeing takes less than the thread would to start. */
#define STRATA_FREE_LATER_LAYERS 10000

/* Frees @garbage (its elements by its own free function, then the array)
 * in a thread of its own, so that the window's close and the main loop
 * do not wait for it. Each element must be held by nothing the main
 * thread still uses, or only through references, which are atomic. */
void strata_free_later (GPtrArray *garbage);
/* Returns once everything handed to strata_free_later() is freed. */
void strata_free_wait  (void);

G_END_DECLS
