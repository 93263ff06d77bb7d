/* warm.c — loading once, before a batch forks its workers, what every render shares: compiled
 * stylesheets, language catalogues, fonts. Workers inherit it copy-on-write. */
#include "batch.h"
#include "brand.h"
#include "fonts.h"
#include "l10n.h"
#include "pipeline.h"
#include "xslt.h"

#include <stdlib.h>
#include <string.h>


/* A usage error outweighs the others: it means the caller's options are wrong. */
static pd_status worse(pd_status a, pd_status b)
{
    if (a == PD_ERR_USAGE || b == PD_ERR_USAGE)
        return PD_ERR_USAGE;
    return a != PD_OK ? a : b;
}

static pd_status warm_stylesheet(pd_ctx *ctx, const pd_options *opts, const pd_brand *brand,
                                 const pd_catalogue *cat, const char *lang, const char *kind)
{
    if (!pd_kind_is_known(kind)) {
        pd_error(ctx, "unknown document kind '%s' (approval, offer, concept, implementation)",
                 kind);
        return PD_ERR_USAGE;
    }
    char *path = pd_pipeline_stylesheet(ctx, opts, brand, kind);
    if (!path)
        return PD_ERR_INPUT;
    char **dirs = pd_pipeline_read_dirs(opts, brand);
    pd_status st = dirs ? PD_OK : PD_ERR_SYSTEM;
    if (st == PD_OK) {
        pd_xslt_env env = {ctx, brand, cat, lang, kind, (const char *const *)dirs};
        st = pd_xslt_compile(&env, path);
    }
    pd_strv_free(dirs);
    free(path);
    return st;
}

/* Loads the fonts and shapes a few letters in each brand font, so that the font files are
 * open before any fork. Pango 1.50 runs fontconfig's start-up, and the match and sort of each
 * new font pattern, in threads of their own: a character that no font has (U+E000, private
 * use) makes Pango wait for the sorted fallback list too. A worker forked while such a thread
 * was still busy would wait for its result forever. */
static pd_status warm_fonts(pd_ctx *ctx, const pd_brand *brand)
{
    pd_status st;
    char **font_dirs = pd_brand_font_dirs(ctx, brand, &st);
    if (!font_dirs || !pd_fonts_context(ctx, (const char *const *)font_dirs)) {
        pd_strv_free(font_dirs);
        return st != PD_OK ? st : PD_ERR_INPUT;
    }
    const char *families[] = {pd_brand_get(brand, "font.body"),
                              pd_brand_get(brand, "font.heading"),
                              pd_brand_get(brand, "font.mono")};
    pd_fonts_warm(ctx, (const char *const *)font_dirs, families, 3);
    pd_strv_free(font_dirs);
    return PD_OK;
}

pd_status pd_ctx_warm(pd_ctx *ctx, const pd_options *opts)
{
    pd_options none = {0};
    if (!opts)
        opts = &none;
    pd_xslt_init();
    pd_brand *brand = NULL;
    pd_status st = pd_brand_resolve(ctx, opts->brand, NULL,
                                    (const char *const *)opts->settings, &brand);
    if (st != PD_OK)
        return st;

    /* The caller's language must exist; otherwise the brand's default and English, which the
     * pipeline falls back to, are loaded if they exist. */
    const char *lang = opts->lang;
    if (lang && !pd_l10n_check(ctx, lang, NULL, 0))
        st = PD_ERR_USAGE;
    if (!lang) {
        const char *def = pd_brand_get(brand, "document.lang");
        lang = def && *def && pd_l10n_exists(ctx, def) ? def : "en";
    }
    const pd_catalogue *cat = st == PD_OK ? pd_l10n_load(ctx, lang) : NULL;
    if (st == PD_OK && !cat)
        st = PD_ERR_INPUT;
    if (st == PD_OK && strcmp(lang, "en") != 0 && pd_l10n_exists(ctx, "en") &&
        !pd_l10n_load(ctx, "en"))
        st = PD_ERR_INPUT;

    if (st == PD_OK) {
        const char *kind = opts->kind;
        if (!kind || strcmp(kind, "all") == 0)
            for (size_t i = 0; pd_kind_name(i); i++)
                st = worse(st, warm_stylesheet(ctx, opts, brand, cat, lang, pd_kind_name(i)));
        else
            st = warm_stylesheet(ctx, opts, brand, cat, lang, kind);
    }
    if (st != PD_ERR_USAGE)
        st = worse(st, warm_fonts(ctx, brand));
    pd_brand_free(brand);
    return st;
}
