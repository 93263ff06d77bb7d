/* fonts.h — the private font set: bundled fonts only, so output never depends on the machine. */
#ifndef PD_FONTS_H
#define PD_FONTS_H

#include "ctx.h"
#include "para.h"

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

/* Sets env's font context as pd_fonts_context does; false after an error (raised). */
bool pd_fonts_open(pd_ctx *ctx, const char *const *extra_dirs, pd_text_env *env);

/* Shapes a few letters in each of the n families (NULL or "" for the default) with the fonts
 * of extra_dirs, so that fontconfig's lazy work is done and its files are open (see
 * src/batch/warm.c: before a fork). */
void pd_fonts_warm(pd_ctx *ctx, const char *const *extra_dirs, const char *const *families,
                   int n);

/* Makes cairo's font face of every font of env's set now, on this thread. Cairo 1.16 makes a
 * font face without a lock: two layout threads asking for the same one at once (render -j,
 * each with its own Pango font map) could both make one, and the PDF would carry that font
 * twice. Once made, they only find it. */
void pd_fonts_make_faces(const pd_text_env *env);

/* Whether family is among the bundled fonts and those of extra_dirs (case-insensitive). */
bool pd_fonts_has_family(pd_ctx *ctx, const char *const *extra_dirs, const char *family);

#endif
