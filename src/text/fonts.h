/* fonts.h — the private font set: bundled fonts only, so output never depends on the machine. */
#ifndef PD_FONTS_H
#define PD_FONTS_H

#include "ctx.h"

#include <pango/pangocairo.h>

/* The Pango context on the bundled fonts (<data dir>/fonts), created once per context and
 * borrowed. Metrics hinting is off so glyph advances do not depend on the screen set-up. */
PangoContext *pd_fonts_context(pd_ctx *ctx);

#endif
