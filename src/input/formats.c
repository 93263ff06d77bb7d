/* formats.c — one matcher for each `pattern` facet of the schemas. Every pattern here is
 * deterministic from left to right (each character class ends where the next part's first
 * character begins), so a greedy scan decides it without backtracking. Classes are ASCII, as in
 * the patterns; a byte of a multi-byte character is in none of them, and only a negated class
 * ([^@\s]) or \S lets it through, as libxml2 does with the whole character. */
#include "formats.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- character classes ---- */

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_lower(int c) { return c >= 'a' && c <= 'z'; }
static bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static bool is_alpha(int c) { return is_lower(c) || is_upper(c); }
static bool is_alnum(int c) { return is_alpha(c) || is_digit(c); }
static bool is_hex(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
/* XML Schema's \s: the four white-space characters of XML */
static bool is_blank(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
/* [A-Za-z0-9_-] */
static bool is_word(int c) { return is_alnum(c) || c == '_' || c == '-'; }
/* [A-Za-z0-9._-] */
static bool is_id(int c) { return is_word(c) || c == '.'; }
/* [a-z0-9._-] */
static bool is_lower_id(int c) { return is_lower(c) || is_digit(c) || c == '.' || c == '_' || c == '-'; }
/* [A-Za-z0-9 -] */
static bool is_postcode(int c) { return is_alnum(c) || c == ' ' || c == '-'; }
/* [0-9 ()/.-] */
static bool is_phone(int c) { return is_digit(c) || strchr(" ()/.-", c) != NULL; }
/* [A-Za-z0-9.-] */
static bool is_host(int c) { return is_alnum(c) || c == '.' || c == '-'; }

/* How many characters at the start of s are in the class, counting up to max. */
static size_t span(const char *s, bool (*in)(int), size_t max)
{
    size_t n = 0;
    while (n < max && s[n] && in((unsigned char)s[n]))
        n++;
    return n;
}

/* s wholly in the class, between min and max characters long. */
static bool all_in(const char *s, bool (*in)(int), size_t min, size_t max)
{
    size_t n = span(s, in, max == SIZE_MAX ? max : max + 1);
    return n >= min && n <= max && !s[n];
}

/* [0-9]+(\.[0-9]{1,frac})? at the start of s: where it ends, or NULL. */
static const char *decimal(const char *s, size_t frac)
{
    size_t n = span(s, is_digit, SIZE_MAX);
    if (!n)
        return NULL;
    s += n;
    if (*s == '.' && is_digit((unsigned char)s[1]))
        s += 1 + span(s + 1, is_digit, frac);
    return s;
}

/* ---- the patterns ---- */

/* [A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)* — a wording key such as cover.title */
static bool dotted_key(const char *s)
{
    if (!is_alpha((unsigned char)*s))
        return false;
    s += 1 + span(s + 1, is_word, SIZE_MAX);
    while (*s == '.') {
        size_t n = span(s + 1, is_word, SIZE_MAX);
        if (!n)
            return false;
        s += 1 + n;
    }
    return !*s;
}

/* [a-z]{2}(-[A-Z]{2})? */
static bool language(const char *s)
{
    if (span(s, is_lower, 2) != 2)
        return false;
    s += 2;
    return !*s || (*s == '-' && span(s + 1, is_upper, 2) == 2 && !s[3]);
}

/* [a-z0-9._\-]+ */
static bool lower_id(const char *s) { return all_in(s, is_lower_id, 1, SIZE_MAX); }

/* [A-Za-z0-9_\-][A-Za-z0-9._\-]{0,63} */
static bool brand_name(const char *s)
{
    return is_word((unsigned char)*s) && all_in(s + 1, is_id, 0, 63);
}

/* [0-9]+(\.[0-9]+)?\*|auto */
static bool column_width(const char *s)
{
    if (strcmp(s, "auto") == 0)
        return true;
    const char *e = decimal(s, SIZE_MAX);
    return e && e[0] == '*' && !e[1];
}

/* [A-Za-z0-9_-]{1,64} */
static bool field_name(const char *s) { return all_in(s, is_word, 1, 64); }

/* [A-Za-z_][A-Za-z0-9._-]* */
static bool style_name(const char *s)
{
    return (is_alpha((unsigned char)*s) || *s == '_') && all_in(s + 1, is_id, 0, SIZE_MAX);
}

/* [0-9]+(\.[0-9]+)?(pt|mm|cm|in|px)? */
static bool length(const char *s)
{
    const char *e = decimal(s, SIZE_MAX);
    if (!e)
        return false;
    if (!*e)
        return true;
    static const char *const units[] = {"pt", "mm", "cm", "in", "px"};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(e, units[i]) == 0)
            return true;
    return false;
}

/* #[0-9A-Fa-f]{6} */
static bool colour(const char *s) { return *s == '#' && all_in(s + 1, is_hex, 6, 6); }

/* [A-Za-z0-9][A-Za-z0-9 \-]{0,11} */
static bool postcode(const char *s)
{
    return is_alnum((unsigned char)*s) && all_in(s + 1, is_postcode, 0, 11);
}

/* [A-Z]{2} and [A-Z]{3} */
static bool country(const char *s) { return all_in(s, is_upper, 2, 2); }
static bool currency(const char *s) { return all_in(s, is_upper, 3, 3); }

/* [0-9]+ */
static bool digits(const char *s) { return all_in(s, is_digit, 1, SIZE_MAX); }

/* [0-9]+(\.[0-9]+)* — a version such as 1.2.10 */
static bool version(const char *s)
{
    size_t n = span(s, is_digit, SIZE_MAX);
    if (!n)
        return false;
    s += n;
    while (*s == '.') {
        n = span(s + 1, is_digit, SIZE_MAX);
        if (!n)
            return false;
        s += 1 + n;
    }
    return !*s;
}

/* [A-Za-z0-9._\-]+ */
static bool id(const char *s) { return all_in(s, is_id, 1, SIZE_MAX); }

/* (.|\s)*\S(.|\s)* — any text that is not only white space */
static bool not_blank(const char *s)
{
    for (; *s; s++)
        if (!is_blank((unsigned char)*s))
            return true;
    return false;
}

/* [0-9]{1,3}(\.[0-9]{1,2})? — a percentage */
static bool percent(const char *s)
{
    size_t n = span(s, is_digit, 4);
    if (n < 1 || n > 3)
        return false;
    const char *e = decimal(s, 2);
    return !*e;
}

/* [0-9]+(\.[0-9]{1,N})? for N = 4, 3, 2 */
static bool decimal_4(const char *s)
{
    const char *e = decimal(s, 4);
    return e && !*e;
}
static bool decimal_3(const char *s)
{
    const char *e = decimal(s, 3);
    return e && !*e;
}
static bool decimal_2(const char *s)
{
    const char *e = decimal(s, 2);
    return e && !*e;
}

/* [^@\s]+@[^@\s]+\.[^@\s]+ — one @ with text before it, and a dot after it that has text on
 * both sides; no white space anywhere */
static bool email(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@'))
        return false;
    for (const char *p = s; *p; p++)
        if (is_blank((unsigned char)*p))
            return false;
    const char *domain = at + 1;
    size_t n = strlen(domain);
    for (size_t i = 1; i + 1 < n; i++)
        if (domain[i] == '.')
            return true;
    return false;
}

/* \+?[0-9][0-9 ()/.\-]*[0-9] */
static bool phone(const char *s)
{
    if (*s == '+')
        s++;
    size_t n = strlen(s);
    if (n < 2 || !is_digit((unsigned char)s[0]) || !is_digit((unsigned char)s[n - 1]))
        return false;
    return span(s + 1, is_phone, n - 2) == n - 2;
}

/* [A-Za-z0-9]([A-Za-z0-9.\-]*[A-Za-z0-9])?(:[0-9]+)? — a host name with an optional port */
static bool host(const char *s)
{
    const char *colon = strchr(s, ':');
    size_t n = colon ? (size_t)(colon - s) : strlen(s);
    if (n < 1 || !is_alnum((unsigned char)s[0]) || !is_alnum((unsigned char)s[n - 1]))
        return false;
    if (n > 2 && span(s + 1, is_host, n - 2) != n - 2)
        return false;
    return !colon || digits(colon + 1);
}

static const struct {
    const char *pattern;
    pd_format_fn match;
} formats[] = {
    {"[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*", dotted_key},
    {"[A-Za-z][A-Za-z0-9_\\-]*(\\.[A-Za-z0-9_\\-]+)*", dotted_key},
    {"[a-z]{2}(-[A-Z]{2})?", language},
    {"[a-z0-9._\\-]+", lower_id},
    {"[A-Za-z0-9_\\-][A-Za-z0-9._\\-]{0,63}", brand_name},
    {"[0-9]+(\\.[0-9]+)?\\*|auto", column_width},
    {"[A-Za-z0-9_-]{1,64}", field_name},
    {"[A-Za-z_][A-Za-z0-9._-]*", style_name},
    {"[0-9]+(\\.[0-9]+)?(pt|mm|cm|in|px)?", length},
    {"#[0-9A-Fa-f]{6}", colour},
    {"[A-Za-z0-9][A-Za-z0-9 \\-]{0,11}", postcode},
    {"[A-Z]{2}", country},
    {"[A-Z]{3}", currency},
    {"[0-9]+", digits},
    {"[0-9]+(\\.[0-9]+)*", version},
    {"[A-Za-z0-9._\\-]+", id},
    {"(.|\\s)*\\S(.|\\s)*", not_blank},
    {"[0-9]{1,3}(\\.[0-9]{1,2})?", percent},
    {"[0-9]+(\\.[0-9]{1,4})?", decimal_4},
    {"[0-9]+(\\.[0-9]{1,3})?", decimal_3},
    {"[0-9]+(\\.[0-9]{1,2})?", decimal_2},
    {"[^@\\s]+@[^@\\s]+\\.[^@\\s]+", email},
    {"\\+?[0-9][0-9 ()/.\\-]*[0-9]", phone},
    {"[A-Za-z0-9]([A-Za-z0-9.\\-]*[A-Za-z0-9])?(:[0-9]+)?", host},
};

pd_format_fn pd_format_for(const char *pattern)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].pattern, pattern) == 0)
            return formats[i].match;
    return NULL;
}

/* ---- the value a pattern sees ---- */

static bool is_token_type(const char *type)
{
    static const char *const tokens[] = {"token", "language", "NMTOKEN", "Name", "NCName",
                                         "ID", "IDREF", "ENTITY"};
    for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++)
        if (strcmp(type, tokens[i]) == 0)
            return true;
    return false;
}

char *pd_format_normalise(const char *type, const char *value, bool *failed)
{
    *failed = false;
    bool collapse = is_token_type(type);
    if (!collapse && strcmp(type, "normalizedString") != 0)
        return NULL;
    bool changes = false;
    for (const char *p = value; *p && !changes; p++)
        changes = (is_blank((unsigned char)*p) && *p != ' ') ||
                  (collapse && *p == ' ' && (p == value || !p[1] || p[1] == ' '));
    if (!changes)
        return NULL;
    char *out = malloc(strlen(value) + 1), *w = out;
    if (!out) {
        *failed = true;
        return NULL;
    }
    for (const char *p = value; *p; p++) {
        char c = is_blank((unsigned char)*p) ? ' ' : *p;
        if (collapse && c == ' ' && (w == out || w[-1] == ' '))
            continue;
        *w++ = c;
    }
    if (collapse && w > out && w[-1] == ' ')
        w--;
    *w = '\0';
    return out;
}
