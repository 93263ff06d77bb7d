/* l10n.c — loading language catalogues and formatting numbers and dates with them. */
#include "l10n.h"
#include "array.h"
#include "cache.h"
#include "xml.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define L10N_NS "urn:phasedoc:l10n:1"

typedef struct {
    char *key, *value;
} pd_text;

struct pd_catalogue {
    char *lang;
    char decimal[8], group[8];
    char *date_pattern;
    char *money_pattern; /* NULL: PD_L10N_MONEY_PATTERN */
    char *months[12];
    pd_text *texts;
    size_t ntexts;
};

static void catalogue_free(void *p)
{
    pd_catalogue *cat = p;
    if (!cat)
        return;
    for (size_t i = 0; i < cat->ntexts; i++) {
        free(cat->texts[i].key);
        free(cat->texts[i].value);
    }
    for (int i = 0; i < 12; i++)
        free(cat->months[i]);
    free(cat->texts);
    free(cat->date_pattern);
    free(cat->money_pattern);
    free(cat->lang);
    free(cat);
}

static int compare_text(const void *a, const void *b)
{
    return strcmp(((const pd_text *)a)->key, ((const pd_text *)b)->key);
}

static char *node_text(xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *s = pd_strdup(c ? (const char *)c : "");
    xmlFree(c);
    return s;
}

static void copy_sep(char *dst, size_t size, const char *src, const char *fallback)
{
    snprintf(dst, size, "%s", src ? src : fallback);
}

static bool read_catalogue(pd_ctx *ctx, xmlDocPtr doc, pd_catalogue *cat)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!pd_xml_is(root, L10N_NS, "catalogue")) {
        pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), root ? xmlGetLineNo(root) : 0, 0,
                      "not a language catalogue (expected <catalogue> in %s)", L10N_NS);
        return false;
    }
    size_t cap = 0;
    for (xmlNode *n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        char *a = NULL, *b = NULL;
        if (pd_xml_is(n, L10N_NS, "number")) {
            a = pd_xml_attr(n, "decimal");
            b = pd_xml_attr(n, "group");
            copy_sep(cat->decimal, sizeof cat->decimal, a, ".");
            copy_sep(cat->group, sizeof cat->group, b, ",");
        } else if (pd_xml_is(n, L10N_NS, "date")) {
            free(cat->date_pattern);
            cat->date_pattern = pd_xml_attr(n, "pattern");
        } else if (pd_xml_is(n, L10N_NS, "money")) {
            a = pd_xml_attr(n, "pattern");
            if (!a || !strstr(a, "{amount}")) {
                pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), xmlGetLineNo(n), 0,
                              "<money pattern> must contain {amount} (and usually {symbol})");
                free(a);
                return false;
            }
            free(cat->money_pattern);
            cat->money_pattern = a;
            a = NULL;
        } else if (pd_xml_is(n, L10N_NS, "month")) {
            a = pd_xml_attr(n, "n");
            int m = a ? atoi(a) : 0;
            if (m < 1 || m > 12) {
                pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), xmlGetLineNo(n), 0,
                              "month n must be 1 to 12");
                free(a);
                return false;
            }
            free(cat->months[m - 1]);
            cat->months[m - 1] = node_text(n);
        } else if (pd_xml_is(n, L10N_NS, "text")) {
            pd_text *t = pd_array_grow(cat->texts, &cap, cat->ntexts + 1, sizeof *t);
            if (!t)
                return false;
            cat->texts = t;
            cat->texts[cat->ntexts].key = pd_xml_attr(n, "key");
            cat->texts[cat->ntexts].value = node_text(n);
            if (!cat->texts[cat->ntexts].key) {
                free(cat->texts[cat->ntexts].value);
                pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), xmlGetLineNo(n), 0,
                              "<text> without a key");
                return false;
            }
            cat->ntexts++;
        }
        free(a);
        free(b);
    }
    if (cat->ntexts > 0)
        qsort(cat->texts, cat->ntexts, sizeof *cat->texts, compare_text);
    for (size_t i = 1; i < cat->ntexts; i++)
        if (strcmp(cat->texts[i - 1].key, cat->texts[i].key) == 0) {
            pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), 0, 0,
                          "key '%s' is defined twice", cat->texts[i].key);
            return false;
        }
    for (int i = 0; i < 12; i++)
        if (!cat->months[i]) {
            pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), 0, 0, "month %d has no name",
                          i + 1);
            return false;
        }
    if (!cat->date_pattern)
        cat->date_pattern = pd_strdup("{yyyy}-{mm}-{dd}");
    return cat->date_pattern != NULL;
}

/* Language codes become file names: only letters, digits and '-' are allowed. */
static bool lang_is_safe(const char *lang)
{
    if (!*lang || strlen(lang) > 16)
        return false;
    for (const char *p = lang; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-')
            return false;
    return true;
}

static char *catalogue_path(pd_ctx *ctx, const char *lang)
{
    char rel[64];
    snprintf(rel, sizeof rel, "stylesheets/l10n/%s.xml", lang);
    return pd_data_path(ctx, rel);
}

bool pd_l10n_exists(pd_ctx *ctx, const char *lang)
{
    if (!lang_is_safe(lang))
        return false;
    char *path = catalogue_path(ctx, lang);
    FILE *f = path ? fopen(path, "r") : NULL;
    free(path);
    if (f)
        fclose(f);
    return f != NULL;
}

const pd_catalogue *pd_l10n_load(pd_ctx *ctx, const char *lang)
{
    char key[64];
    if (!lang_is_safe(lang)) {
        pd_error(ctx, "'%s' is not a language code", lang);
        return NULL;
    }
    snprintf(key, sizeof key, "l10n:%s", lang);
    pd_catalogue *cat = pd_cache_lookup(ctx->cache, key);
    if (cat)
        return cat;
    if (!pd_l10n_exists(ctx, lang)) {
        pd_error(ctx, "no language catalogue for '%s' (stylesheets/l10n/%s.xml)", lang, lang);
        return NULL;
    }
    char *path = catalogue_path(ctx, lang);
    xmlDocPtr doc = path ? pd_xml_load(ctx, path, NULL) : NULL;
    free(path);
    if (!doc)
        return NULL;
    cat = calloc(1, sizeof *cat);
    bool ok = cat && (cat->lang = pd_strdup(lang)) && read_catalogue(ctx, doc, cat);
    xmlFreeDoc(doc);
    if (!ok) {
        catalogue_free(cat);
        return NULL;
    }
    return pd_cache_put(ctx->cache, key, cat, catalogue_free) ? cat : NULL;
}

const char *pd_l10n_lang(const pd_catalogue *cat) { return cat->lang; }

const char *pd_l10n_money_pattern(const pd_catalogue *cat)
{
    return cat->money_pattern ? cat->money_pattern : PD_L10N_MONEY_PATTERN;
}

const char *pd_l10n_text(const pd_catalogue *cat, const char *key)
{
    if (cat->ntexts == 0)
        return NULL;
    pd_text probe = {(char *)key, NULL};
    pd_text *t = bsearch(&probe, cat->texts, cat->ntexts, sizeof probe, compare_text);
    return t ? t->value : NULL;
}

static bool parse_iso_date(const char *s, int *y, int *m, int *d)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return false;
    *y = atoi(s);
    *m = atoi(s + 5);
    *d = atoi(s + 8);
    if (*m < 1 || *m > 12 || *d < 1 || *d > days[*m - 1])
        return false;
    bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
    return !(*m == 2 && *d == 29 && !leap);
}

bool pd_l10n_format_date(const pd_catalogue *cat, const char *iso, pd_buf *out)
{
    int y, m, d;
    if (!parse_iso_date(iso, &y, &m, &d))
        return false;
    for (const char *p = cat->date_pattern; *p;) {
        char num[16];
        const char *rep = NULL;
        size_t skip = 0;
        if (strncmp(p, "{dd}", 4) == 0)
            snprintf(num, sizeof num, "%02d", d), rep = num, skip = 4;
        else if (strncmp(p, "{d}", 3) == 0)
            snprintf(num, sizeof num, "%d", d), rep = num, skip = 3;
        else if (strncmp(p, "{mm}", 4) == 0)
            snprintf(num, sizeof num, "%02d", m), rep = num, skip = 4;
        else if (strncmp(p, "{m}", 3) == 0)
            snprintf(num, sizeof num, "%d", m), rep = num, skip = 3;
        else if (strncmp(p, "{month}", 7) == 0)
            rep = cat->months[m - 1], skip = 7;
        else if (strncmp(p, "{yyyy}", 6) == 0)
            snprintf(num, sizeof num, "%04d", y), rep = num, skip = 6;
        if (rep) {
            pd_buf_adds(out, rep);
            p += skip;
        } else {
            pd_buf_add(out, p++, 1);
        }
    }
    return !out->failed;
}

/* Appends integer digits with the group separator every three digits. */
static void add_grouped(const pd_catalogue *cat, const char *digits, size_t n, pd_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            pd_buf_adds(out, cat->group);
        pd_buf_add(out, digits + i, 1);
    }
}

bool pd_l10n_format_decimal(const pd_catalogue *cat, const char *value, int decimals,
                            pd_buf *out)
{
    while (isspace((unsigned char)*value))
        value++;
    bool negative = *value == '-';
    if (*value == '-' || *value == '+')
        value++;
    size_t nint = strspn(value, "0123456789");
    const char *frac = value + nint;
    size_t nfrac = 0;
    if (*frac == '.') {
        frac++;
        nfrac = strspn(frac, "0123456789");
    }
    const char *end = frac + nfrac;
    while (isspace((unsigned char)*end))
        end++;
    if ((nint == 0 && nfrac == 0) || *end || decimals < 0 || decimals > 12 || nint > 40)
        return false;
    /* digits = integer part followed by exactly `decimals` fraction digits, then rounded */
    char digits[64];
    size_t n = 0;
    digits[n++] = '0'; /* room for a carry */
    memcpy(digits + n, value, nint);
    n += nint;
    for (int i = 0; i < decimals; i++)
        digits[n++] = (size_t)i < nfrac ? frac[i] : '0';
    if ((size_t)decimals < nfrac && frac[decimals] >= '5') {
        size_t i = n;
        while (i-- > 0) {
            if (digits[i] == '9') {
                digits[i] = '0';
            } else {
                digits[i]++;
                break;
            }
        }
    }
    size_t ilen = n - (size_t)decimals;
    size_t start = 0;
    while (start + 1 < ilen && digits[start] == '0')
        start++;
    bool zero = true;
    for (size_t i = start; i < n; i++)
        zero = zero && digits[i] == '0';
    if (negative && !zero)
        pd_buf_adds(out, "-");
    add_grouped(cat, digits + start, ilen - start, out);
    if (decimals > 0) {
        pd_buf_adds(out, cat->decimal);
        pd_buf_add(out, digits + ilen, (size_t)decimals);
    }
    return !out->failed;
}

void pd_l10n_format_minor(const pd_catalogue *cat, int64_t minor, pd_buf *out)
{
    char s[40];
    uint64_t mag = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
    snprintf(s, sizeof s, "%s%" PRIu64 ".%02" PRIu64, minor < 0 ? "-" : "", mag / 100, mag % 100);
    pd_l10n_format_decimal(cat, s, 2, out);
}
