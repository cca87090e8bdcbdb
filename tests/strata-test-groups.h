/* strata-test-groups.h: a network's groups of layers, written out to compare. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-network.h"

/* The groups as "name:first-last" joined by spaces, "-" for an ungrouped run. */
static inline char *
describe_groups (StrataNetwork *network)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < strata_network_get_n_groups (network); i++)
    {
      const StrataLayerGroup *group = strata_network_get_group (network, i);
      guint first, last;

      strata_network_get_group_range (network, i, &first, &last);
      g_string_append_printf (text, "%s%s:%u-%u", i > 0 ? " " : "",
                              group->name != NULL ? group->name : "-", first, last);
    }
  return g_string_free (text, FALSE);
}
