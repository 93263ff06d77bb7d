/* preview.h — PNG and SVG previews, one file per page, from the same drawing walk as the PDF. */
#ifndef PD_PREVIEW_H
#define PD_PREVIEW_H

#include "engine.h"

/* Writes page N to "<base>-N.png" (base is out without its extension) at dpi, or
 * "<base>-N.svg"; each file atomically. */
pd_status pd_render_png(const pd_layout *lay, const char *out, double dpi);
pd_status pd_render_svg(const pd_layout *lay, const char *out);

#endif
