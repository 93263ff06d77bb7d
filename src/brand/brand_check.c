/* brand_check.c — what a render would refuse or quietly replace in the brand a project asks
 * for, checked without rendering (phasedoc validate): the pack and its extends chain, every
 * key and value of <branding>, the pack's fonts folder and files, and font families that no
 * pack ships and the bundled set lacks (the render would fall back to another face). */
#include "brand.h"
#include "brand_keys.h"
#include "fonts.h"
#include "l10n.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* wording.<lang>.<key>: a key the catalogue does not have is never shown (a typo, mostly). */
static void check_wording(pd_ctx *ctx, const pd_brand *brand, const char *key)
{
    const char *lang = key + strlen("wording.");
    const char *dot = strchr(lang, '.');
    if (!dot)
        return;
    char l[16];
    snprintf(l, sizeof l, "%.*s", (int)(dot - lang), lang);
    if (!pd_l10n_exists(ctx, l)) {
        pd_diag_raise(ctx, PD_WARNING, NULL, 0, 0,
                      "%s (%s): there is no catalogue for the language '%s', so this wording "
                      "is never used", key, pd_brand_origin(brand, key), l);
        return;
    }
    const pd_catalogue *cat = pd_l10n_load(ctx, l);
    if (cat && !pd_l10n_text(cat, dot + 1))
        pd_diag_raise(ctx, PD_WARNING, NULL, 0, 0,
                      "%s (%s): the '%s' catalogue has no text '%s', so this wording is never "
                      "used (the keys are in stylesheets/l10n/%s.xml)",
                      key, pd_brand_origin(brand, key), l, dot + 1, l);
}

pd_status pd_brand_check_project(pd_ctx *ctx, xmlDocPtr project)
{
    int errors_before = pd_ctx_error_count(ctx);
    pd_brand *brand = NULL;
    pd_status st = pd_brand_resolve(ctx, NULL, project, NULL, &brand);
    char **fonts = st == PD_OK ? pd_brand_font_dirs(ctx, brand, &st) : NULL;
    for (size_t i = 0; st == PD_OK && i < pd_brand_key_count(brand); i++) {
        const char *key = pd_brand_key_at(brand, i);
        const pd_brand_keydef *def = pd_brand_keydef_find(key);
        const char *value = pd_brand_get(brand, key);
        if (!def || !value || !*value)
            continue;
        if (def->type == PD_BRAND_IMAGE || def->type == PD_BRAND_XSL) {
            char *path = pd_brand_file(ctx, brand, key); /* raises what is wrong */
            if (!path)
                st = PD_ERR_INPUT;
            free(path);
        } else if (def->type == PD_BRAND_WORDING) {
            check_wording(ctx, brand, key);
        } else if (def->type == PD_BRAND_FONT &&
                   !pd_fonts_has_family(ctx, (const char *const *)fonts, value)) {
            pd_diag_raise(ctx, PD_WARNING, NULL, 0, 0,
                          "%s '%s' (%s) is a font that neither the bundled fonts nor the brand "
                          "pack ship: the documents would use another face; add the font "
                          "files to the pack's fonts/ folder",
                          key, value, pd_brand_origin(brand, key));
        }
    }
    if (st == PD_OK && pd_ctx_error_count(ctx) > errors_before) /* a warning under --strict */
        st = PD_ERR_INPUT;
    pd_strv_free(fonts);
    pd_brand_free(brand);
    return st;
}
