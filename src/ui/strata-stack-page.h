/* strata-stack-page.h: a stack's page made from a UI file of its own when it is first shown. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkBuilder *strata_stack_add_page (GtkStack   *stack,
                                   const char *name,
                                   const char *resource);

G_END_DECLS
