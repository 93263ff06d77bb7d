/* breaks.c — line-break control by invisible characters in the text Pango breaks.
 *
 * Pango 1.50 takes its break opportunities from the text alone (UAX #14); its allow-breaks
 * attribute also forbids the character breaks it falls back to for a word wider than the
 * line, so a no-break span that does not fit would run past the edge. Characters do what is
 * needed: U+2060 WORD JOINER forbids a line break next to it but leaves the character break
 * (the last resort), U+200B ZERO WIDTH SPACE offers a break without a visible mark. A space
 * between two joiners does not break either, and stays an ordinary space in the PDF's text
 * (with U+00A0 there, pdftotext read a table's amount column in another order). Pango draws
 * none of them and cairo leaves them out of the PDF's text, so copying and searching see the
 * text as written. */
#include "breaks.h"
#include "hyphenate.h"

#include <string.h>

#define WJ "\xe2\x81\xa0"
#define ZWSP "\xe2\x80\x8b"

static bool url_break_after(gunichar c)
{
    return c == '/' || c == '.' || c == '@' || c == '-' || c == '_' || c == '?' || c == '&' ||
           c == '=';
}

static bool alnum(gunichar c)
{
    return g_unichar_isalnum(c) || g_unichar_ismark(c);
}

void pd_breaks_add(pd_buf *out, const char *text, size_t len, pd_break_mode mode, bool joined)
{
    if (mode == PD_BREAK_NORMAL || mode == PD_BREAK_LOOSE || len > PD_BREAK_CONTROL_MAX || !g_utf8_validate(text, (gssize)len, NULL)) {
        pd_buf_add(out, text, len);
        return;
    }
    const char *p = text, *end = text + len;
    gunichar prev = 0; /* 0: nothing of this span before, or a breakable space */
    if (joined && p < end && *p != ' ' && mode == PD_BREAK_NEVER)
        prev = 'x'; /* continues the span: no break at the seam either */
    if (p < end && *p == ' ') { /* the boundary before the span: an ordinary space */
        pd_buf_add(out, " ", 1);
        p++;
    }
    while (p < end) {
        gunichar c = g_utf8_get_char(p);
        const char *next = g_utf8_next_char(p);
        if (mode == PD_BREAK_NEVER) {
            if (prev && (!alnum(prev) || !alnum(c)))
                pd_buf_adds(out, WJ);
            pd_buf_add(out, p, (size_t)(next - p)); /* a space joined on both sides */
            prev = c;
        } else if (c == ' ') { /* a URL span's words (a link's text) still break at spaces */
            pd_buf_add(out, " ", 1);
            prev = 0;
        } else {
            if (prev)
                pd_buf_adds(out, url_break_after(prev) && !url_break_after(c) ? ZWSP : WJ);
            pd_buf_add(out, p, (size_t)(next - p));
            prev = c;
        }
        p = next;
    }
}

bool pd_breaks_may_have_url(const char *text)
{
    return strchr(text, '@') || strstr(text, "://") || strstr(text, "www.");
}

/* Whether the token looks like an e-mail address (letters or digits before the @, a dot
 * after it) or a web address. */
static bool url_like(const char *t, size_t n)
{
    if ((n > 7 && strncmp(t, "http://", 7) == 0) || (n > 8 && strncmp(t, "https://", 8) == 0) ||
        (n > 4 && strncmp(t, "www.", 4) == 0))
        return true;
    const char *at = memchr(t, '@', n);
    return at && at > t && g_ascii_isalnum(at[-1]) && memchr(at, '.', n - (size_t)(at - t));
}

bool pd_breaks_next_url(const char *text, size_t len, size_t *start, size_t *end)
{
    size_t i = 0;
    while (i < len) {
        while (i < len && text[i] == ' ')
            i++;
        size_t j = i;
        while (j < len && text[j] != ' ')
            j++;
        size_t a = i, b = j; /* without what encloses or ends a sentence */
        while (a < b && strchr("(<[\"'", text[a]))
            a++;
        while (b > a && strchr(".,;:!?)>]\"'", text[b - 1]))
            b--;
        if (b > a && b - a <= PD_BREAK_CONTROL_MAX && url_like(text + a, b - a)) {
            *start = a;
            *end = b;
            return true;
        }
        i = j;
    }
    return false;
}

/* Whether the word (letters only) changes from lower to upper case inside, with at least
 * three letters before and a lower-case one after ("iPhone", "McKinsey" and "PDFs" do not);
 * with out, appends the word with a soft hyphen at each such change. */
static bool case_changes(const char *word, const char *end, pd_buf *out)
{
    bool found = false;
    const char *from = word;
    gunichar prev = 0;
    int letters = 0;
    for (const char *p = word; p < end; p = g_utf8_next_char(p), letters++) {
        gunichar c = g_utf8_get_char(p);
        const char *next = g_utf8_next_char(p);
        if (letters >= 3 && g_unichar_islower(prev) && g_unichar_isupper(c) && next < end &&
            g_unichar_islower(g_utf8_get_char(next))) {
            found = true;
            if (!out)
                return true;
            pd_buf_add(out, from, (size_t)(p - from));
            pd_buf_adds(out, "\xc2\xad");
            from = p;
        }
        prev = c;
    }
    if (out)
        pd_buf_add(out, from, (size_t)(end - from));
    return found;
}

/* Calls word() for each run of letters and other() for what lies between. */
static bool each_word(const char *text, size_t len, const pd_hyphenator *h, pd_buf *out)
{
    const char *p = text, *end = text + len;
    bool found = false;
    while (p < end) {
        const char *start = p;
        while (p < end && g_unichar_isalpha(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        if (p == start) {
            p = g_utf8_next_char(p);
            if (out)
                pd_buf_add(out, start, (size_t)(p - start));
            continue;
        }
        if (case_changes(start, p, NULL)) {
            found = true;
            if (!out)
                return true;
            case_changes(start, p, out);
        } else if (out && h) {
            pd_hyphen_word(h, start, (size_t)(p - start), out);
        } else if (out) {
            pd_buf_add(out, start, (size_t)(p - start));
        }
    }
    return found;
}

bool pd_breaks_has_case_change(const char *text, size_t len)
{
    /* most text is ASCII without a lower-case letter before an upper-case one: a byte scan */
    bool candidate = false;
    for (size_t i = 1; i < len && !candidate; i++) {
        unsigned char a = (unsigned char)text[i - 1], c = (unsigned char)text[i];
        candidate = c >= 0x80 || (a >= 'a' && a <= 'z' && c >= 'A' && c <= 'Z');
    }
    return candidate && each_word(text, len, NULL, NULL);
}

void pd_breaks_add_case_points(pd_buf *out, const char *text, size_t len, const pd_hyphenator *h)
{
    each_word(text, len, h, out);
}

bool pd_breaks_has_emergency(PangoLayout *layout)
{
    int nattrs = 0;
    const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(layout, &nattrs);
    const char *text = pango_layout_get_text(layout);
    long offset = 0; /* characters before the current line's end, counted as lines go */
    const char *counted = text;
    GSList *lines = pango_layout_get_lines_readonly(layout);
    for (GSList *l = lines; l && l->next; l = l->next) {
        const PangoLayoutLine *line = l->data;
        const char *end = text + line->start_index + line->length;
        offset += g_utf8_pointer_to_offset(counted, end);
        counted = end;
        bool forced = *end == '\n' || strncmp(end, "\xe2\x80\xa8", 3) == 0;
        if (!forced && offset < nattrs && !attrs[offset].is_line_break &&
            attrs[offset].is_char_break)
            return true;
    }
    return false;
}

bool pd_breaks_split(PangoLayout *layout, int start, int end)
{
    const char *text = pango_layout_get_text(layout);
    if (end <= start)
        return false;
    const char *last = g_utf8_find_prev_char(text + start, text + end);
    int first_line, last_line, x;
    pango_layout_index_to_line_x(layout, start, FALSE, &first_line, &x);
    pango_layout_index_to_line_x(layout, last ? (int)(last - text) : start, FALSE, &last_line, &x);
    return first_line != last_line;
}

bool pd_breaks_glue_space(gunichar before, gunichar after)
{
    GUnicodeType b = g_unichar_type(before), a = g_unichar_type(after);
    return (b == G_UNICODE_CURRENCY_SYMBOL && g_unichar_isdigit(after)) ||
           (g_unichar_isdigit(before) && a == G_UNICODE_CURRENCY_SYMBOL);
}

/* Month names and their usual abbreviations, lower case, by language. */
static const char *const MONTHS_DE[] = {
    "januar", "jänner", "februar", "feber", "märz", "april", "mai", "juni", "juli", "august",
    "september", "oktober", "november", "dezember", "jan", "feb", "mär", "apr", "jun", "jul",
    "aug", "sep", "sept", "okt", "nov", "dez", NULL};
static const char *const MONTHS_EN[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", NULL};
static const char *const MONTHS_FR[] = {
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre", "janv", "févr", "avr", "juil", "sept", "oct", "nov",
    "déc", NULL};

typedef enum { DATE_NONE, DATE_DE, DATE_EN, DATE_FR } date_lang;

static date_lang date_lang_of(const char *lang)
{
    if (!lang)
        return DATE_NONE;
    if (g_ascii_strncasecmp(lang, "de", 2) == 0 && !g_ascii_isalpha(lang[2]))
        return DATE_DE;
    if (g_ascii_strncasecmp(lang, "en", 2) == 0 && !g_ascii_isalpha(lang[2]))
        return DATE_EN;
    if (g_ascii_strncasecmp(lang, "fr", 2) == 0 && !g_ascii_isalpha(lang[2]))
        return DATE_FR;
    return DATE_NONE;
}

/* Whether w (lower case; an abbreviation may end with its period) names a month. */
static bool is_month(date_lang l, const char *w, size_t n)
{
    const char *const *names = l == DATE_DE ? MONTHS_DE : l == DATE_EN ? MONTHS_EN : MONTHS_FR;
    if (n > 0 && w[n - 1] == '.')
        n--;
    for (int i = 0; names[i]; i++)
        if (strlen(names[i]) == n && memcmp(names[i], w, n) == 0)
            return true;
    return false;
}

/* Leading digits of w as a day of the month (1 to 31); the number of digits, or 0. */
static size_t day_digits(const char *w, size_t n)
{
    size_t k = 0;
    int v = 0;
    while (k < n && k < 3 && g_ascii_isdigit(w[k]))
        v = v * 10 + (w[k++] - '0');
    return k >= 1 && k <= 2 && v >= 1 && v <= 31 ? k : 0;
}

/* Whether w (lower case) is a day written before its month: "31." in German, "31" or "31st"
 * in English, "31" or "1er" in French. */
static bool is_day_before_month(date_lang l, const char *w, size_t n)
{
    size_t k = day_digits(w, n);
    if (k == 0)
        return false;
    const char *rest = w + k;
    size_t m = n - k;
    switch (l) {
    case DATE_DE:
        return m == 1 && rest[0] == '.';
    case DATE_EN:
        return m == 0 || (m == 2 && (strncmp(rest, "st", 2) == 0 || strncmp(rest, "nd", 2) == 0 ||
                                     strncmp(rest, "rd", 2) == 0 || strncmp(rest, "th", 2) == 0));
    case DATE_FR:
        return m == 0 || (m == 2 && strncmp(rest, "er", 2) == 0 && w[0] == '1' && k == 1);
    default:
        return false;
    }
}

static bool is_year(const char *w, size_t n)
{
    if (n < 4 || !g_ascii_isdigit(w[0]) || !g_ascii_isdigit(w[1]) || !g_ascii_isdigit(w[2]) ||
        !g_ascii_isdigit(w[3]))
        return false;
    return n == 4 || !g_ascii_isalnum(w[4]);
}

/* The token without what encloses it or ends a clause (a German day keeps its period). */
static void trim_token(const char **w, size_t *n, bool keep_period)
{
    while (*n > 0 && strchr("([\"'", (*w)[0]))
        (*w)++, (*n)--;
    while (*n > 0 && strchr(",;:)]\"'", (*w)[*n - 1]))
        (*n)--;
    if (!keep_period)
        while (*n > 0 && (*w)[*n - 1] == '.')
            (*n)--;
}

bool pd_breaks_glue_date(const char *lang, const char *before, size_t nbefore, const char *after,
                         size_t nafter)
{
    date_lang l = date_lang_of(lang);
    if (l == DATE_NONE || nbefore == 0 || nafter == 0 || nbefore > 32 || nafter > 32 ||
        !g_utf8_validate(before, (gssize)nbefore, NULL) ||
        !g_utf8_validate(after, (gssize)nafter, NULL))
        return false;
    gchar *b = g_utf8_strdown(before, (gssize)nbefore), *a = g_utf8_strdown(after, (gssize)nafter);
    const char *bw = b, *aw = a;
    size_t bn = strlen(b), an = strlen(a);
    trim_token(&bw, &bn, true);
    trim_token(&aw, &an, false);
    bool glue = false;
    if (is_day_before_month(l, bw, bn) && is_month(l, aw, an)) {
        glue = true; /* 31. März, 31 March, 1er mars */
    } else if (is_month(l, bw, bn)) { /* March 31, März 2027, Jan. 2027 */
        glue = is_year(aw, an) || (l == DATE_EN && is_day_before_month(l, aw, an));
    }
    g_free(b);
    g_free(a);
    return glue;
}
