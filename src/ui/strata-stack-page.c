/* strata-stack-page.c: a stack's page made from a UI file of its own when it is first shown. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-stack-page.h"

/**
 * strata_stack_add_page:
 * @stack: a stack without a page called @name
 * @name: the page's name
 * @resource: the path of a UI resource whose object "page" is the page
 *
 * Adds the page, so that pages a window may never show (a status page of
 * nothing selected, the input's fields) cost its start nothing: each widget
 * made before the first frame is also styled and measured for it.
 *
 * Returns: (transfer full): the builder, for the page's other objects
 */
GtkBuilder *
strata_stack_add_page (GtkStack   *stack,
                       const char *name,
                       const char *resource)
{
  GtkBuilder *builder;

  g_return_val_if_fail (GTK_IS_STACK (stack), NULL);
  g_return_val_if_fail (gtk_stack_get_child_by_name (stack, name) == NULL, NULL);

  builder = gtk_builder_new_from_resource (resource);
  gtk_stack_add_named (stack, GTK_WIDGET (gtk_builder_get_object (builder, "page")), name);
  return builder;
}
