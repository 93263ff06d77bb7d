/* families.c — whether a font family can be had from the bundled fonts and a brand's packs,
 * so that a brand naming a font nobody ships is told before a render falls back silently. */
#include "fonts.h"

#include <string.h>
#include <strings.h>

bool pd_fonts_has_family(pd_ctx *ctx, const char *const *extra_dirs, const char *family)
{
    PangoContext *pc = pd_fonts_context(ctx, extra_dirs);
    if (!pc)
        return true; /* the error about the fonts themselves is raised there */
    PangoFontFamily **families = NULL;
    int n = 0;
    pango_font_map_list_families(pango_context_get_font_map(pc), &families, &n);
    bool found = false;
    for (int i = 0; i < n && !found; i++)
        found = strcasecmp(pango_font_family_get_name(families[i]), family) == 0;
    g_free(families);
    /* the generic names fontconfig maps to a bundled face */
    static const char *const generic[] = {"sans-serif", "serif", "monospace", "sans", "mono"};
    for (size_t i = 0; !found && i < sizeof generic / sizeof generic[0]; i++)
        found = strcasecmp(family, generic[i]) == 0;
    return found;
}
