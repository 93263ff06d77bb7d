/* fonts.h — the private font set: bundled fonts only, so output never depends on the machine. */
#ifndef PD_FONTS_H
#define PD_FONTS_H

#include "ctx.h"

#include <pango/pangocairo.h>

/* The Pango context on the bundled fonts (<data dir>/fonts) plus the font files of extra_dirs
 * (a NULL-terminated list of realpath'd brand pack font folders, oldest pack first; NULL or
 * empty for the bundled fonts alone), created once per context and set of folders, and
 * borrowed. Each set of folders has a fontconfig configuration of its own, so a brand's fonts
 * never show in a render with another brand, and a batch reuses them. Metrics hinting is off
 * so glyph advances do not depend on the screen set-up.
 * A pack's font file is checked first (a regular file inside its folder, at most 32 MB, opened
 * by FreeType, at most 16 faces); a bad one is an error naming the file. NULL after an error:
 * a bad pack font, or (with no extra folders) missing bundled fonts. */
PangoContext *pd_fonts_context(pd_ctx *ctx, const char *const *extra_dirs);

/* Whether family is among the bundled fonts and those of extra_dirs (case-insensitive). */
bool pd_fonts_has_family(pd_ctx *ctx, const char *const *extra_dirs, const char *family);

#endif
