/* brand_check.c — what a render would refuse or quietly replace in the brand a project asks
 * for, checked without rendering (phasedoc validate): the pack and its extends chain, every
 * key and value of <branding>, the pack's fonts folder and files, and font families that no
 * pack ships and the bundled set lacks (the render would fall back to another face). */
#include "brand.h"
#include "brand_keys.h"
#include "fonts.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

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
