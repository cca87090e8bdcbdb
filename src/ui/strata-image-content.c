/* strata-image-content.c: a diagram on the clipboard, as PNG and as SVG. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "strata-export.h"
#include "strata-image-content.h"

GdkContentProvider *
strata_image_content_new (StrataNetwork             *network,
                          const StrataRenderOptions *options,
                          double                     dpi,
                          GError                   **error)
{
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg = NULL;
  GdkContentProvider *providers[2];

  g_return_val_if_fail (STRATA_IS_NETWORK (network), NULL);

  png = strata_export_to_png_bytes (network, options, dpi, error);
  if (png == NULL)
    return NULL;
  svg = strata_export_to_bytes (network, options, STRATA_EXPORT_FORMAT_SVG, dpi, error);
  if (svg == NULL)
    return NULL;

  /* PNG first: the format most programs take, and the one the clipboard
   * offers first. */
  providers[0] = gdk_content_provider_new_for_bytes ("image/png", png);
  providers[1] = gdk_content_provider_new_for_bytes ("image/svg+xml", svg);
  return gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
}
