/* naming.c — what a document is called: its language, and the word for its kind in the names of
 * output files, which follows the brand's wording (an offer is a "Proposal" everywhere or
 * nowhere: cover, running text, document information and file name alike). */
#include "brand.h"
#include "l10n.h"
#include "pipeline.h"
#include "util.h"
#include "xml.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The output language: the caller's (an unknown one is a usage error), else the project's,
 * else the brand's default (an unknown one is an error in that file). Never another language
 * in silence: a region without a catalogue of its own (de-LI) is its language's (de). */
pd_status pd_pipeline_lang(pd_ctx *ctx, const pd_options *opts, xmlDocPtr project,
                           const pd_brand *brand, char **lang)
{
    if (opts->lang && !pd_l10n_check(ctx, opts->lang, NULL, 0))
        return PD_ERR_USAGE;
    char *l = opts->lang ? pd_strdup(opts->lang) : pd_xml_attr(xmlDocGetRootElement(project), "lang");
    if (l && !opts->lang && !pd_l10n_check(ctx, l, pd_xml_doc_name(project),
                            (int)xmlGetLineNo(xmlDocGetRootElement(project)))) {
        free(l);
        return PD_ERR_INPUT;
    }
    if (!l) {
        const char *def = pd_brand_get(brand, "document.lang");
        if (def && *def && !pd_l10n_check(ctx, def, NULL, 0)) {
            pd_error(ctx, "document.lang comes from %s", pd_brand_origin(brand, "document.lang"));
            return PD_ERR_INPUT;
        }
        l = pd_strdup(def && *def ? def : "en");
    }
    char tag[40], def[40];
    if (pd_l10n_normalize(l, tag, sizeof tag)) {
        /* a language without a region takes the brand's region for it: a project in "en"
         * with a US partner's brand (document.lang en-US) gets US dates and spelling */
        const char *b = pd_brand_get(brand, "document.lang");
        size_t n = strlen(tag);
        if (!strchr(tag, '-') && b && pd_l10n_normalize(b, def, sizeof def) &&
            strncmp(def, tag, n) == 0 && def[n] == '-')
            snprintf(tag, sizeof tag, "%s", def);
        free(l);
        l = pd_strdup(tag);
    }
    *lang = l;
    return l ? PD_OK : PD_ERR_SYSTEM;
}

/* "Proposal" -> "proposal", "Statement of Work" -> "statement-of-work", "Übergabe" ->
 * "ubergabe": lower-case ASCII letters and digits, other runs one '-'; NULL when nothing is left. */
static char *file_word(const char *text)
{
    char *ascii = g_str_to_ascii(text, "C");
    if (!ascii)
        return NULL;
    char *out = malloc(strlen(ascii) + 1);
    size_t w = 0;
    for (const char *p = ascii; out && *p; p++) {
        unsigned char c = (unsigned char)*p;
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum)
            out[w++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        else if (w > 0 && out[w - 1] != '-')
            out[w++] = '-';
    }
    g_free(ascii);
    while (out && w > 0 && out[w - 1] == '-')
        w--;
    if (out)
        out[w] = '\0';
    if (out && w == 0) {
        free(out);
        out = NULL;
    }
    return out;
}

char *pd_kind_file_word(pd_ctx *ctx, xmlDocPtr doc, const pd_options *opts)
{
    const char *kind = opts->kind ? opts->kind : "approval";
    if (!doc || !pd_xml_is(xmlDocGetRootElement(doc), PD_PROJECT_NS, "project") ||
        !pd_kind_is_known(kind))
        return pd_strdup(kind);
    /* The render that follows resolves the brand again and reports what is wrong with it;
     * here a problem only means the plain kind. */
    pd_ctx_mute(ctx, true);
    pd_brand *brand = NULL;
    char *lang = NULL, *word = NULL;
    if (pd_brand_resolve(ctx, opts->brand, doc, (const char *const *)opts->settings, &brand) ==
            PD_OK &&
        pd_pipeline_lang(ctx, opts, doc, brand, &lang) == PD_OK) {
        char key[64];
        snprintf(key, sizeof key, "%s.title", kind);
        const char *own = pd_brand_wording(brand, lang, key);
        word = own ? file_word(own) : NULL;
    }
    pd_ctx_mute(ctx, false);
    free(lang);
    pd_brand_free(brand);
    return word ? word : pd_strdup(kind);
}

char *pd_kind_file_word_of(pd_ctx *ctx, const char *path, const pd_options *opts)
{
    pd_status st;
    pd_ctx_mute(ctx, true);
    xmlDocPtr doc = pd_xml_load(ctx, path, &st);
    pd_ctx_mute(ctx, false);
    char *word = pd_kind_file_word(ctx, doc, opts);
    xmlFreeDoc(doc);
    return word;
}
