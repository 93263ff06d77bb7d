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
