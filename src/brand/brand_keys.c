/* brand_keys.c — every brand key with its type and built-in default, and the value checks. */
#include "brand_keys.h"
#include "brand.h"
#include "util.h"

#include <libxml/xmlstring.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM(x) ((x) * 72.0 / 25.4)
#define PT(x) ((double)(x))

/* Longest accepted values: a footer line or an address, not a document. */
enum { MAX_TEXT = 1000, MAX_WORDING = 4000, MAX_FONT = 64, MAX_PATH_VALUE = 255 };

#define TEXT(k, d) {k, PD_BRAND_TEXT, d, NULL, 0, 0}
#define COLOR(k, d) {k, PD_BRAND_COLOR, d, NULL, 0, 0}
#define LENGTH(k, d, lo, hi) {k, PD_BRAND_LENGTH, d, NULL, lo, hi}
#define FONT(k, d) {k, PD_BRAND_FONT, d, NULL, 0, 0}
#define CHOICE(k, d, c) {k, PD_BRAND_CHOICE, d, c, 0, 0}

/* Sorted by key (strcmp): pd_brand_key_at lists keys in this order, and a unit test checks it.
 * The defaults describe a neutral identity; the default pack gives the real one. */
static const pd_brand_keydef keys[] = {
    COLOR("color.accent", "#2e7d9a"),
    COLOR("color.failed", "#c62828"),
    COLOR("color.muted", "#6b7280"),
    COLOR("color.open", "#8a8f98"),
    COLOR("color.passed", "#2e7d32"),
    COLOR("color.primary", "#1f3a5f"),
    COLOR("color.rule", "#c9ced6"),
    COLOR("color.secondary", "#4a6785"),
    COLOR("color.shading", "#f2f4f7"),
    COLOR("color.table-header", "#1f3a5f"),
    COLOR("color.table-header-text", "#ffffff"),
    COLOR("color.text", "#1a1a1a"),
    COLOR("color.waived", "#d18b00"),
    TEXT("company.address", ""),
    TEXT("company.bank", ""),
    TEXT("company.email", ""),
    TEXT("company.legal", ""),
    TEXT("company.name", "Professional Services"),
    TEXT("company.phone", ""),
    TEXT("company.registration", ""),
    TEXT("company.support", ""),
    TEXT("company.vat-id", ""),
    TEXT("company.web", ""),
    CHOICE("cover.style", "plain", "band|plain|full"),
    TEXT("cover.tagline", ""),
    {"document.lang", PD_BRAND_LANG, "en", NULL, 0, 0},
    {"document.stylesheet", PD_BRAND_XSL, "", NULL, 0, 0},
    TEXT("document.watermark", ""),
    FONT("font.body", "Inter"),
    FONT("font.heading", "Inter"),
    FONT("font.mono", "DejaVu Sans Mono"),
    LENGTH("font.size", "10pt", PT(4), PT(72)),
    TEXT("footer.text", ""),
    CHOICE("header.logo", "true", "true|false"),
    TEXT("header.text", ""),
    {"logo.file", PD_BRAND_IMAGE, "", NULL, 0, 0},
    CHOICE("logo.placement", "right", "left|right"),
    LENGTH("logo.width", "40mm", MM(1), MM(200)),
    LENGTH("page.margin-bottom", "20mm", MM(0), MM(100)),
    LENGTH("page.margin-left", "20mm", MM(0), MM(100)),
    LENGTH("page.margin-right", "20mm", MM(0), MM(100)),
    LENGTH("page.margin-top", "20mm", MM(0), MM(100)),
    CHOICE("page.size", "A4", "A4|Letter|A5|Legal"),
};

static const pd_brand_keydef wording_def = {"wording", PD_BRAND_WORDING, "", NULL, 0, 0};

size_t pd_brand_keydef_count(void) { return sizeof keys / sizeof keys[0]; }

const pd_brand_keydef *pd_brand_keydef_at(size_t i)
{
    return i < pd_brand_keydef_count() ? &keys[i] : NULL;
}

static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* [a-z]{2}(-[A-Z]{2})? at s; returns the length matched, 0 if none. */
static size_t match_lang(const char *s)
{
    if (!is_lower(s[0]) || !is_lower(s[1]))
        return 0;
    if (s[2] == '-' && is_upper(s[3]) && is_upper(s[4]))
        return 5;
    return 2;
}

bool pd_brand_is_wording_prefix(const char *key) { return strncmp(key, "wording.", 8) == 0; }

/* wording.[a-z]{2}(-[A-Z]{2})?.[a-z0-9._-]+ */
static bool is_wording_key(const char *key)
{
    if (!pd_brand_is_wording_prefix(key))
        return false;
    const char *p = key + 8;
    size_t n = match_lang(p);
    if (n == 0 || p[n] != '.' || p[n + 1] == '\0')
        return false;
    for (p += n + 1; *p; p++)
        if (!is_lower(*p) && !is_digit(*p) && *p != '.' && *p != '_' && *p != '-')
            return false;
    return true;
}

static const pd_brand_keydef *find_static(const char *key, size_t n)
{
    for (size_t i = 0; i < pd_brand_keydef_count(); i++)
        if (strncmp(keys[i].key, key, n) == 0 && keys[i].key[n] == '\0')
            return &keys[i];
    return NULL;
}

const char *pd_brand_key_lang(const char *key)
{
    const char *at = key ? strchr(key, '@') : NULL;
    if (!at)
        return NULL;
    size_t n = match_lang(at + 1);
    return n && at[1 + n] == '\0' ? at + 1 : NULL;
}

const pd_brand_keydef *pd_brand_keydef_find(const char *key)
{
    if (!key)
        return NULL;
    const char *at = strchr(key, '@');
    if (at) { /* KEY@LANG: a text key's value for one language */
        const pd_brand_keydef *def = find_static(key, (size_t)(at - key));
        return def && def->type == PD_BRAND_TEXT && pd_brand_key_lang(key) ? def : NULL;
    }
    const pd_brand_keydef *def = find_static(key, strlen(key));
    return def ? def : is_wording_key(key) ? &wording_def : NULL;
}

void pd_brand_quote(const char *s, char *buf, size_t size)
{
    if (size == 0)
        return;
    bool utf8 = xmlCheckUTF8((const unsigned char *)s) != 0;
    size_t o = 0, shown = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        bool cont = (*p & 0xc0) == 0x80;
        if (!cont && shown++ == 60) {
            if (o + 4 < size)
                memcpy(buf + o, "...", 4), o += 3;
            break;
        }
        bool escape = *p < 0x20 || *p == 0x7f || (*p >= 0x80 && !utf8);
        char tmp[5] = {(char)*p, 0};
        if (escape)
            snprintf(tmp, sizeof tmp, "\\x%02x", *p);
        size_t l = strlen(tmp);
        if (o + l >= size)
            break;
        memcpy(buf + o, tmp, l);
        o += l;
    }
    buf[o] = '\0';
}

/* Writes "'<value>' <what>" into why. */
static bool fail(char *why, size_t size, const char *value, const char *what)
{
    char q[300];
    pd_brand_quote(value, q, sizeof q);
    snprintf(why, size, "'%s' %s", q, what);
    return false;
}

static bool check_text(const char *v, size_t max, char *why, size_t size)
{
    if (!xmlCheckUTF8((const unsigned char *)v))
        return fail(why, size, v, "is not valid UTF-8");
    if (strlen(v) > max) {
        snprintf(why, size, "the value is longer than %zu bytes", max);
        return false;
    }
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return fail(why, size, v, "contains a control character (one line of text only)");
    return true;
}

static bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

static bool check_color(const char *v, char *why, size_t size)
{
    bool ok = v[0] == '#' && strlen(v) == 7;
    for (int i = 1; ok && i < 7; i++)
        ok = is_hex(v[i]);
    return ok || fail(why, size, v, "is not a colour (expected #rrggbb, e.g. #0a7f5a)");
}

bool pd_brand_parse_length(const char *s, double *pt)
{
    /* Parsed by hand: strtod follows the locale and accepts exponents, NaN and hex. */
    double v = 0, scale = 1;
    int digits = 0;
    const char *p = s;
    for (; is_digit(*p) && digits < 9; p++, digits++)
        v = v * 10 + (*p - '0');
    if (digits == 0 || is_digit(*p))
        return false;
    if (*p == '.') {
        int frac = 0;
        for (p++; is_digit(*p) && frac < 6; p++, frac++)
            v += (*p - '0') * (scale /= 10);
        if (frac == 0 || is_digit(*p))
            return false;
    }
    static const struct { const char *unit; double factor; } units[] = {
        {"pt", 1.0}, {"mm", 72.0 / 25.4}, {"cm", 720.0 / 25.4}, {"in", 72.0}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(p, units[i].unit) == 0) {
            *pt = v * units[i].factor;
            return true;
        }
    return false;
}

static bool check_length(const pd_brand_keydef *def, const char *v, char *why, size_t size)
{
    double pt;
    if (!pd_brand_parse_length(v, &pt))
        return fail(why, size, v, "is not a length (expected a number with pt, mm, cm or in, "
                                  "e.g. 20mm)");
    const double eps = 1e-9;
    if (pt < def->min_pt - eps || pt > def->max_pt + eps) {
        char what[160];
        snprintf(what, sizeof what, "is out of range (%.4gmm to %.4gmm)",
                 def->min_pt * 25.4 / 72.0, def->max_pt * 25.4 / 72.0);
        return fail(why, size, v, what);
    }
    return true;
}

/* Family names only: Pango would read a trailing number or style word in a description as a
 * size or style, and a comma as a list of families. */
static bool check_font(const char *v, char *why, size_t size)
{
    size_t n = strlen(v);
    bool ok = n > 0 && n <= MAX_FONT && (is_lower(v[0]) || is_upper(v[0]) || is_digit(v[0])) &&
              v[n - 1] != ' ';
    for (const char *p = v; ok && *p; p++)
        ok = is_lower(*p) || is_upper(*p) || is_digit(*p) || *p == ' ' || *p == '-' ||
             *p == '_';
    return ok || fail(why, size, v, "is not a font family name (letters, digits, spaces, "
                                    "'-' and '_', e.g. Inter)");
}

static bool check_choice(const pd_brand_keydef *def, const char *v, char *why, size_t size)
{
    size_t n = strlen(v);
    for (const char *c = def->choices; *c;) {
        size_t l = strcspn(c, "|");
        if (l == n && strncmp(c, v, n) == 0)
            return true;
        c += l + (c[l] == '|');
    }
    char what[200];
    snprintf(what, sizeof what, "is not one of %s", def->choices);
    return fail(why, size, v, what);
}

static bool check_lang(const char *v, char *why, size_t size)
{
    size_t n = match_lang(v);
    return (n > 0 && v[n] == '\0') ||
           fail(why, size, v, "is not a language code (e.g. en, de, de-AT)");
}

bool pd_brand_relpath_ok(const char *path)
{
    if (path[0] == '/' || strchr(path, '\\'))
        return false;
    for (const char *c = path; *c;) {
        size_t l = strcspn(c, "/");
        if (l == 0 || (l == 2 && strncmp(c, "..", 2) == 0))
            return false;
        c += l + (c[l] == '/');
    }
    return true;
}

static bool check_file(const char *v, const char *suffixes, char *why, size_t size)
{
    if (!*v)
        return true; /* no file: no logo, no partner stylesheet */
    if (!check_text(v, MAX_PATH_VALUE, why, size))
        return false;
    if (!pd_brand_relpath_ok(v))
        return fail(why, size, v, "leaves the pack folder (give a relative path inside the pack, "
                                  "without '..')");
    for (const char *c = suffixes; *c;) {
        size_t l = strcspn(c, "|");
        char suffix[16];
        snprintf(suffix, sizeof suffix, "%.*s", (int)l, c);
        if (pd_has_suffix(v, suffix))
            return true;
        c += l + (c[l] == '|');
    }
    char what[100];
    snprintf(what, sizeof what, "must end in %s", suffixes);
    return fail(why, size, v, what);
}

bool pd_brand_value_check(const pd_brand_keydef *def, const char *value, char *why,
                          size_t whysize)
{
    switch (def->type) {
    case PD_BRAND_TEXT: return check_text(value, MAX_TEXT, why, whysize);
    case PD_BRAND_WORDING: return check_text(value, MAX_WORDING, why, whysize);
    case PD_BRAND_COLOR: return check_color(value, why, whysize);
    case PD_BRAND_LENGTH: return check_length(def, value, why, whysize);
    case PD_BRAND_FONT: return check_font(value, why, whysize);
    case PD_BRAND_CHOICE: return check_choice(def, value, why, whysize);
    case PD_BRAND_LANG: return check_lang(value, why, whysize);
    case PD_BRAND_IMAGE: return check_file(value, ".png|.svg", why, whysize);
    case PD_BRAND_XSL: return check_file(value, ".xsl", why, whysize);
    }
    snprintf(why, whysize, "unknown value type");
    return false;
}

char *pd_brand_value_normalize(const pd_brand_keydef *def, const char *value)
{
    char *v = pd_strdup(value);
    if (v && def->type == PD_BRAND_COLOR)
        for (char *p = v; *p; p++)
            if (is_upper(*p))
                *p = (char)(*p - 'A' + 'a');
    return v;
}

/* Optimal string alignment distance: a transposed pair ("primray") counts as one edit. */
enum { MAX_SUGGEST_LEN = 64 };

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t d[MAX_SUGGEST_LEN + 1][MAX_SUGGEST_LEN + 1];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t best = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

const char *pd_brand_suggest(const char *unknown_key)
{
    if (!unknown_key || strlen(unknown_key) > MAX_SUGGEST_LEN)
        return NULL;
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < pd_brand_keydef_count(); i++) {
        const char *k = keys[i].key;
        size_t limit = strlen(k) / 3;
        if (limit > 3)
            limit = 3;
        if (limit < 1)
            limit = 1;
        size_t d = edit_distance(unknown_key, k);
        if (d <= limit && d < best_d) {
            best = k;
            best_d = d;
        }
    }
    return best;
}
