/* l10n.c — loading language catalogues and formatting numbers and dates with them. */
#include "l10n.h"
#include "array.h"
#include "cache.h"
#include "xml.h"

#include <ctype.h>
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define L10N_NS "urn:phasedoc:l10n:1"

typedef struct {
    char *key, *value;
    int file; /* which catalogue of the chain set it: a key twice in one file is an error */
} pd_text;

enum { MAX_CHAIN = 4, MAX_REPLACE = 8 };

struct pd_catalogue {
    char *lang;
    char decimal[8], group[8];
    char *date_pattern;
    char *first_day;     /* {d} of the first of a month, when the language says it apart ("1er") */
    char *money_pattern; /* NULL: PD_L10N_MONEY_PATTERN */
    char *code_pattern;  /* for a symbol that is a code (CHF); NULL: money_pattern */
    char *months[12];
    pd_text *texts;
    size_t ntexts, cap;
    /* <replace from to/>: spelling rules applied to every text of the chain (de-CH: ß → ss) */
    char *replace_from[MAX_REPLACE], *replace_to[MAX_REPLACE];
    int nreplace;
    /* <punctuation before space/>: the space that goes before these marks (French: U+202F) */
    char *punct_before, *punct_space;
    /* <quotes open close space/>: the space inside quotation marks (French « … ») */
    char *quote_open, *quote_close, *quote_space;
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
    for (int i = 0; i < cat->nreplace; i++) {
        free(cat->replace_from[i]);
        free(cat->replace_to[i]);
    }
    free(cat->punct_before);
    free(cat->punct_space);
    free(cat->quote_open);
    free(cat->quote_close);
    free(cat->quote_space);
    free(cat->texts);
    free(cat->date_pattern);
    free(cat->first_day);
    free(cat->money_pattern);
    free(cat->code_pattern);
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

/* An attribute that a variant catalogue may leave out: replaces *dst only when present. */
static void take_attr(xmlNode *n, const char *name, char **dst)
{
    char *v = pd_xml_attr(n, name);
    if (v) {
        free(*dst);
        *dst = v;
    }
}

static void take_sep(xmlNode *n, const char *name, char *dst, size_t size)
{
    char *v = pd_xml_attr(n, name);
    if (v)
        snprintf(dst, size, "%s", v);
    free(v);
}

/* The entry for key among the first n (sorted) texts, or NULL. */
static pd_text *find_text(pd_catalogue *cat, size_t n, const char *key)
{
    pd_text probe = {(char *)key, NULL, 0};
    return n ? bsearch(&probe, cat->texts, n, sizeof probe, compare_text) : NULL;
}

static bool add_text(pd_ctx *ctx, xmlDocPtr doc, xmlNode *n, pd_catalogue *cat, size_t sorted,
                     int file)
{
    char *key = pd_xml_attr(n, "key");
    if (!key) {
        pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), xmlGetLineNo(n), 0,
                      "<text> without a key");
        return false;
    }
    pd_text *t = find_text(cat, sorted, key);
    if (t && t->file == file) {
        pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), xmlGetLineNo(n), 0,
                      "key '%s' is defined twice", key);
        free(key);
        return false;
    }
    if (t) { /* a variant overrides its base language */
        free(key);
        free(t->value);
        t->value = node_text(n);
        t->file = file;
        return t->value != NULL;
    }
    pd_text *p = pd_array_grow(cat->texts, &cat->cap, cat->ntexts + 1, sizeof *p);
    if (!p) {
        free(key);
        return false;
    }
    cat->texts = p;
    cat->texts[cat->ntexts] = (pd_text){key, node_text(n), file};
    cat->ntexts++;
    return true;
}

/* Reads one catalogue file of the chain over what the files before it set (file 0 is the
 * base language, which must be complete; a variant holds only what it changes). */
static bool read_catalogue(pd_ctx *ctx, xmlDocPtr doc, pd_catalogue *cat, int file)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!pd_xml_is(root, L10N_NS, "catalogue")) {
        pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), root ? xmlGetLineNo(root) : 0, 0,
                      "not a language catalogue (expected <catalogue> in %s)", L10N_NS);
        return false;
    }
    size_t sorted = cat->ntexts; /* texts of earlier files, sorted */
    for (xmlNode *n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (pd_xml_is(n, L10N_NS, "number")) {
            take_sep(n, "decimal", cat->decimal, sizeof cat->decimal);
            take_sep(n, "group", cat->group, sizeof cat->group);
        } else if (pd_xml_is(n, L10N_NS, "date")) {
            take_attr(n, "pattern", &cat->date_pattern);
            take_attr(n, "first-day", &cat->first_day);
        } else if (pd_xml_is(n, L10N_NS, "money")) {
            char *a = pd_xml_attr(n, "pattern");
            if (!a || !strstr(a, "{amount}")) {
                pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), xmlGetLineNo(n), 0,
                              "<money pattern> must contain {amount} (and usually {symbol})");
                free(a);
                return false;
            }
            free(cat->money_pattern);
            cat->money_pattern = a;
            take_attr(n, "code-pattern", &cat->code_pattern);
        } else if (pd_xml_is(n, L10N_NS, "month")) {
            char *a = pd_xml_attr(n, "n");
            int m = a ? atoi(a) : 0;
            free(a);
            if (m < 1 || m > 12) {
                pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), xmlGetLineNo(n), 0,
                              "month n must be 1 to 12");
                return false;
            }
            free(cat->months[m - 1]);
            cat->months[m - 1] = node_text(n);
        } else if (pd_xml_is(n, L10N_NS, "replace")) {
            char *from = pd_xml_attr(n, "from"), *to = pd_xml_attr(n, "to");
            if (!from || !*from || !to || cat->nreplace == MAX_REPLACE) {
                pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), xmlGetLineNo(n), 0,
                              "<replace> needs from (not empty) and to; at most %d of them",
                              MAX_REPLACE);
                free(from);
                free(to);
                return false;
            }
            cat->replace_from[cat->nreplace] = from;
            cat->replace_to[cat->nreplace++] = to;
        } else if (pd_xml_is(n, L10N_NS, "punctuation")) {
            take_attr(n, "before", &cat->punct_before);
            take_attr(n, "space", &cat->punct_space);
        } else if (pd_xml_is(n, L10N_NS, "quotes")) {
            take_attr(n, "open", &cat->quote_open);
            take_attr(n, "close", &cat->quote_close);
            take_attr(n, "space", &cat->quote_space);
        } else if (pd_xml_is(n, L10N_NS, "text")) {
            if (!add_text(ctx, doc, n, cat, sorted, file))
                return false;
        }
    }
    if (cat->ntexts > 0)
        qsort(cat->texts, cat->ntexts, sizeof *cat->texts, compare_text);
    for (size_t i = 1; i < cat->ntexts; i++)
        if (strcmp(cat->texts[i - 1].key, cat->texts[i].key) == 0) {
            pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), 0, 0,
                          "key '%s' is defined twice", cat->texts[i].key);
            return false;
        }
    return true;
}

/* s with every <replace> rule applied, malloc'd (NULL when out of memory). */
static char *respell(const pd_catalogue *cat, const char *s)
{
    char *cur = pd_strdup(s);
    for (int r = 0; cur && r < cat->nreplace; r++) {
        const char *from = cat->replace_from[r], *to = cat->replace_to[r];
        if (!strstr(cur, from))
            continue;
        pd_buf b;
        pd_buf_init(&b, 1 << 20);
        size_t nf = strlen(from);
        for (const char *p = cur; *p;) {
            if (strncmp(p, from, nf) == 0) {
                pd_buf_adds(&b, to);
                p += nf;
            } else {
                pd_buf_add(&b, p++, 1);
            }
        }
        free(cur);
        cur = b.failed ? NULL : pd_strdup(b.data ? b.data : "");
        pd_buf_free(&b);
    }
    return cur;
}

/* After the whole chain: everything present, spelling rules applied. */
static bool finish_catalogue(pd_ctx *ctx, const char *path, pd_catalogue *cat)
{
    for (int i = 0; i < 12; i++)
        if (!cat->months[i]) {
            pd_diag_raise(ctx, PD_ERROR, path, 0, 0, "month %d has no name", i + 1);
            return false;
        }
    if (!cat->date_pattern)
        cat->date_pattern = pd_strdup("{yyyy}-{mm}-{dd}");
    for (size_t i = 0; cat->nreplace && i < cat->ntexts; i++) {
        char *v = respell(cat, cat->texts[i].value);
        if (!v)
            return false;
        free(cat->texts[i].value);
        cat->texts[i].value = v;
    }
    for (int i = 0; cat->nreplace && i < 12; i++) {
        char *v = respell(cat, cat->months[i]);
        if (!v)
            return false;
        free(cat->months[i]);
        cat->months[i] = v;
    }
    return cat->date_pattern != NULL;
}

/* Language tags become file names: only letters, digits, '-' and '_' are allowed. */
static bool lang_is_safe(const char *lang)
{
    if (!*lang || strlen(lang) > 32)
        return false;
    for (const char *p = lang; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
            return false;
    return lang[0] != '-' && lang[0] != '_';
}

bool pd_l10n_normalize(const char *lang, char *out, size_t size)
{
    if (!lang || !lang_is_safe(lang) || size < 2)
        return false;
    size_t o = 0, sub = 0, sublen = strcspn(lang, "-_");
    if (sublen < 2 || sublen > 8)
        return false;
    const char *p = lang;
    for (; *p && o + 1 < size; p++) {
        if (*p == '-' || *p == '_') {
            if (p[1] == '\0' || p[1] == '-' || p[1] == '_')
                return false;
            out[o++] = '-';
            sub++;
            sublen = strcspn(p + 1, "-_");
            continue;
        }
        /* BCP 47 conventions: language lower case, region upper case, script title case */
        bool first = p > lang && (p[-1] == '-' || p[-1] == '_');
        if (sub > 0 && (sublen == 2 || (sublen == 4 && first)))
            out[o++] = (char)toupper((unsigned char)*p);
        else
            out[o++] = (char)tolower((unsigned char)*p);
    }
    out[o] = '\0';
    return *p == '\0';
}

static char *catalogue_path(pd_ctx *ctx, const char *tag)
{
    char rel[80];
    snprintf(rel, sizeof rel, "stylesheets/l10n/%s.xml", tag);
    return pd_data_path(ctx, rel);
}

static bool file_exists(pd_ctx *ctx, const char *tag)
{
    char *path = catalogue_path(ctx, tag);
    FILE *f = path ? fopen(path, "r") : NULL;
    free(path);
    if (f)
        fclose(f);
    return f != NULL;
}

bool pd_l10n_exists(pd_ctx *ctx, const char *lang)
{
    char tag[40];
    if (!pd_l10n_normalize(lang, tag, sizeof tag))
        return false;
    tag[strcspn(tag, "-")] = '\0';
    return file_exists(ctx, tag);
}

static int compare_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *pd_l10n_installed(pd_ctx *ctx)
{
    char *dir = pd_data_path(ctx, "stylesheets/l10n");
    DIR *d = dir ? opendir(dir) : NULL;
    free(dir);
    char *names[256];
    size_t n = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL && n < 256;) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".xml") == 0 && e->d_name[0] != '.')
            names[n++] = pd_strndup(e->d_name, len - 4);
    }
    if (d)
        closedir(d);
    qsort(names, n, sizeof *names, compare_str);
    pd_buf b;
    pd_buf_init(&b, 1 << 16);
    for (size_t i = 0; i < n; i++) {
        if (names[i]) {
            if (b.len)
                pd_buf_adds(&b, ", ");
            pd_buf_adds(&b, names[i]);
        }
        free(names[i]);
    }
    char *s = pd_strdup(b.data ? b.data : "");
    pd_buf_free(&b);
    return s;
}

bool pd_l10n_check(pd_ctx *ctx, const char *lang, const char *file, int line)
{
    if (lang && pd_l10n_exists(ctx, lang))
        return true;
    char *installed = pd_l10n_installed(ctx);
    char q[80];
    snprintf(q, sizeof q, "%s", lang ? lang : "");
    for (char *p = q; *p; p++)
        if ((unsigned char)*p < 0x20)
            *p = '?';
    pd_diag_raise(ctx, PD_ERROR, file, line, 0,
                  "no language catalogue for '%s' (installed: %s; a region variant such as "
                  "de-CH falls back to its language)", q, installed ? installed : "none");
    free(installed);
    return false;
}

const pd_catalogue *pd_l10n_load(pd_ctx *ctx, const char *lang)
{
    char tag[40], key[64];
    if (!pd_l10n_normalize(lang, tag, sizeof tag)) {
        pd_error(ctx, "'%s' is not a language tag (BCP 47, e.g. de, de-CH, en-US)", lang);
        return NULL;
    }
    snprintf(key, sizeof key, "l10n:%s", tag);
    pd_catalogue *cat = pd_cache_lookup(ctx->cache, key);
    if (cat)
        return cat;
    if (!pd_l10n_check(ctx, tag, NULL, 0))
        return NULL;
    cat = calloc(1, sizeof *cat);
    bool ok = cat && (cat->lang = pd_strdup(tag)) != NULL;
    if (ok) {
        snprintf(cat->decimal, sizeof cat->decimal, ".");
        snprintf(cat->group, sizeof cat->group, ",");
    }
    /* de-CH-1996: de.xml, then de-CH.xml, then de-CH-1996.xml, those that exist */
    char part[40];
    int file = 0;
    for (size_t end = strcspn(tag, "-"); ok; end += 1 + strcspn(tag + end + 1, "-")) {
        snprintf(part, sizeof part, "%.*s", (int)end, tag);
        if (file == 0 || file_exists(ctx, part)) {
            char *path = catalogue_path(ctx, part);
            xmlDocPtr doc = path ? pd_xml_load(ctx, path, NULL) : NULL;
            free(path);
            ok = doc && file < MAX_CHAIN && read_catalogue(ctx, doc, cat, file);
            xmlFreeDoc(doc);
            file++;
        }
        if (!tag[end])
            break;
    }
    if (ok) {
        char *path = catalogue_path(ctx, tag);
        ok = finish_catalogue(ctx, path, cat);
        free(path);
    }
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

const char *pd_l10n_money_pattern_for(const pd_catalogue *cat, const char *symbol)
{
    bool code = *symbol != '\0';
    for (const char *p = symbol; *p; p++)
        code = code && isupper((unsigned char)*p);
    return code && cat->code_pattern ? cat->code_pattern : pd_l10n_money_pattern(cat);
}

const char *pd_l10n_text(const pd_catalogue *cat, const char *key)
{
    pd_text *t = find_text((pd_catalogue *)cat, cat->ntexts, key);
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
        else if (strncmp(p, "{d}", 3) == 0 && d == 1 && cat->first_day)
            rep = cat->first_day, skip = 3;
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

/* ---- typography: the spaces a language puts around punctuation ---- */

static bool is_space_at(const char *p, size_t *len)
{
    static const char *const spaces[] = {" ", "\u00a0", "\u202f"};
    for (size_t i = 0; i < 3; i++)
        if (strncmp(p, spaces[i], strlen(spaces[i])) == 0) {
            *len = strlen(spaces[i]);
            return true;
        }
    return false;
}

/* The UTF-8 character at p is one of the characters of set. */
static size_t char_in(const char *p, const char *set)
{
    if (!set || !*p)
        return 0;
    size_t n = 1;
    while ((p[n] & 0xc0) == 0x80)
        n++;
    for (const char *s = set; *s;) {
        size_t m = 1;
        while ((s[m] & 0xc0) == 0x80)
            m++;
        if (m == n && strncmp(p, s, n) == 0)
            return n;
        s += m;
    }
    return 0;
}

/* Whether the character before p (within text) is a letter, digit or closing mark: a space
 * belongs between it and a following "?" in French, not after a space or an opening quote. */
static bool word_before(const char *text, const char *p)
{
    if (p == text)
        return false;
    static const char *const spaces[] = {"\u00a0", "\u202f", "\u2009", "\u2007"};
    for (size_t i = 0; i < 4; i++) { /* a space of some kind is there already */
        size_t n = strlen(spaces[i]);
        if ((size_t)(p - text) >= n && strncmp(p - n, spaces[i], n) == 0)
            return false;
    }
    const char *q = p - 1;
    while (q > text && (*q & 0xc0) == 0x80)
        q--;
    unsigned char c = (unsigned char)*q;
    return isalnum(c) || c >= 0x80 || c == ')' || c == '"' || c == '\'';
}

bool pd_l10n_typeset_text(const pd_catalogue *cat, const char *text, pd_buf *out)
{
    bool changed = false;
    const char *p = text;
    while (*p) {
        size_t sp, m;
        /* a space (or none after a word) before ; : ! ? becomes the language's space */
        if (cat->punct_space && is_space_at(p, &sp) && (m = char_in(p + sp, cat->punct_before))) {
            pd_buf_adds(out, cat->punct_space);
            changed = changed || strncmp(p, cat->punct_space, sp) != 0;
            p += sp;
            continue;
        }
        if (cat->punct_space && (m = char_in(p, cat->punct_before)) && word_before(text, p) &&
            (p[m] == '\0' || is_space_at(p + m, &sp) || p[m] == '\n')) {
            pd_buf_adds(out, cat->punct_space);
            pd_buf_add(out, p, m);
            changed = true;
            p += m;
            continue;
        }
        /* inside « … »: the language's space after the opening, before the closing mark */
        if (cat->quote_space && (m = char_in(p, cat->quote_open))) {
            pd_buf_add(out, p, m);
            p += m;
            if (is_space_at(p, &sp))
                p += sp;
            pd_buf_adds(out, cat->quote_space);
            changed = true;
            continue;
        }
        if (cat->quote_space && is_space_at(p, &sp) && char_in(p + sp, cat->quote_close)) {
            pd_buf_adds(out, cat->quote_space);
            changed = true;
            p += sp;
            continue;
        }
        if (cat->quote_space && (m = char_in(p, cat->quote_close)) && word_before(text, p)) {
            pd_buf_adds(out, cat->quote_space);
            pd_buf_add(out, p, m);
            changed = true;
            p += m;
            continue;
        }
        pd_buf_add(out, p++, 1);
    }
    return changed;
}

/* Text in code and links to addresses keeps its characters. */
static bool verbatim(xmlNode *n)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        xmlChar *b = xmlGetProp(n, (const xmlChar *)"break");
        xmlChar *f = xmlGetProp(n, (const xmlChar *)"font-family");
        bool v = (b && xmlStrEqual(b, (const xmlChar *)"url")) ||
                 xmlStrEqual(n->name, (const xmlChar *)"a") ||
                 xmlStrEqual(n->name, (const xmlChar *)"code") ||
                 (f && xmlStrstr(f, (const xmlChar *)"Mono"));
        xmlFree(b);
        xmlFree(f);
        if (v)
            return true;
    }
    return false;
}

static void typeset_node(const pd_catalogue *cat, xmlNode *n)
{
    for (; n; n = n->next) {
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content &&
            !verbatim(n->parent)) {
            pd_buf b;
            pd_buf_init(&b, 1 << 24);
            if (pd_l10n_typeset_text(cat, (const char *)n->content, &b) && !b.failed)
                xmlNodeSetContentLen(n, (const xmlChar *)(b.data ? b.data : ""), (int)b.len);
            pd_buf_free(&b);
        } else if (n->type == XML_ELEMENT_NODE) {
            typeset_node(cat, n->children);
        }
    }
}

void pd_l10n_typeset_doc(const pd_catalogue *cat, xmlDocPtr doc)
{
    if (cat && doc && (cat->punct_space || cat->quote_space))
        typeset_node(cat, xmlDocGetRootElement(doc));
}
