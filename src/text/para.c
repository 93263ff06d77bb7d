/* para.c — turning inline layout XML into a PangoLayout: text and attributes, never markup. */
#include "para.h"
#include "array.h"
#include "breaks.h"
#include "hyphenate.h"
#include "justify.h"
#include "shaped.h"
#include "util.h"
#include "xml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Inline content under construction. */
typedef struct {
    const pd_text_env *env;
    pd_buf text;
    PangoAttrList *attrs;
    pd_link *links;
    int nlinks;
    size_t caplinks;
    pd_noteref *notes;
    int nnotes;
    size_t capnotes;
    bool space_pending; /* collapsed white space waiting for the next visible character */
    bool defer_hyphens; /* a dictionary not loaded yet is left unloaded... */
    bool deferred;      /* ...and this says that text was left unhyphenated for it */
    bool started;       /* visible text came before (in the paragraph, not this buffer) */
    pd_break_mode mode; /* how the text being added may break (nobreak and URL spans) */
    bool joined;        /* text of the current nobreak span came before */
    bool case_points;   /* soft hyphens at case changes inside words (an emergency rebuild) */
    bool case_change;   /* some word changes from lower to upper case inside */
    gunichar last;      /* the last character added, 0 at a line start */
    size_t unspaced;    /* characters since the last white space */
    const char *lang;   /* the language of the text being added (its dates hold together) */
    uint64_t loose;     /* no-break spans (by number) found wider than their line */
    int nnever;         /* no-break spans so far */
    struct {
        size_t start, end;
    } never[64];        /* their byte ranges (the first 64) */
} builder;

/* Scripts the text fonts lack fall back to these bundled fonts, in this order, whatever
 * fontconfig would rank first (it once picked a monospace font's Arabic). */
#define PD_FALLBACK_FAMILIES ",Inter,Noto Sans Arabic,Noto Sans Hebrew,DejaVu Sans Mono"

PangoFontDescription *pd_para_font(const pd_style *s)
{
    PangoFontDescription *fd = pango_font_description_new();
    char families[sizeof s->family + sizeof PD_FALLBACK_FAMILIES];
    snprintf(families, sizeof families, "%s%s", s->family, PD_FALLBACK_FAMILIES);
    pango_font_description_set_family(fd, families);
    pango_font_description_set_absolute_size(fd, s->font_size * PANGO_SCALE);
    pango_font_description_set_weight(fd, (PangoWeight)s->font_weight);
    pango_font_description_set_style(fd, s->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    return fd;
}

static guint16 channel(double v) { return (guint16)(v * 65535 + 0.5); }

static void add_attr(builder *b, PangoAttribute *a, size_t start, size_t end)
{
    a->start_index = (guint)start;
    a->end_index = (guint)end;
    pango_attr_list_insert(b->attrs, a);
}

/* Style attributes for a run, where it differs from the paragraph's base style. */
static void add_style_attrs(builder *b, const pd_style *s, const pd_style *base, size_t start,
                            size_t end)
{
    if (start == end)
        return;
    if (strcmp(s->family, base->family) != 0 || s->font_size != base->font_size ||
        s->font_weight != base->font_weight || s->italic != base->italic) {
        PangoFontDescription *fd = pd_para_font(s);
        add_attr(b, pango_attr_font_desc_new(fd), start, end);
        pango_font_description_free(fd);
    }
    if (memcmp(&s->color, &base->color, sizeof s->color) != 0)
        add_attr(b, pango_attr_foreground_new(channel(s->color.r), channel(s->color.g),
                                              channel(s->color.b)),
                 start, end);
    if (strcmp(s->features, base->features) != 0 && *s->features)
        add_attr(b, pango_attr_font_features_new(s->features), start, end);
    if (s->letter_spacing != base->letter_spacing)
        add_attr(b, pango_attr_letter_spacing_new((int)(s->letter_spacing * PANGO_SCALE)),
                 start, end);
}

static void add_collapsed(builder *b, const char *t, bool uppercase);

static bool ends_with_break(const pd_buf *t)
{
    return t->len >= 3 && memcmp(t->data + t->len - 3, "\xe2\x80\xa8", 3) == 0;
}

/* White space at the start of a paragraph or after a <br/> is dropped. */
static bool at_line_start(const builder *b)
{
    return b->text.len == 0 ? !b->started : ends_with_break(&b->text);
}

static void add_attr(builder *b, PangoAttribute *a, size_t start, size_t end);

/* Collapsed text of ordinary words: hyphenated with h, or broken at case changes. */
static void add_words(builder *b, const char *s, size_t n, const pd_hyphenator *h, bool cased)
{
    if (cased)
        pd_breaks_add_case_points(&b->text, s, n, h);
    else if (h)
        pd_hyphen_text(h, s, n, &b->text);
    else
        pd_buf_add(&b->text, s, n);
}

/* Text longer than this takes more than one line in any column: its dictionary is loaded at
 * once rather than after a first layout without it (build), which would shape it twice. */
#define DEFER_HYPHENS_MAX 2048

/* Appends text with white space collapsed and, where the style asks, hyphenation points of
 * its language as soft hyphens; in a no-break or URL span, the controls that keep Pango to
 * its breaks (breaks.c). */
static void add_text_styled(builder *b, const char *t, const pd_style *style)
{
    if (b->mode == PD_BREAK_LOOSE) {
        add_collapsed(b, t, style->uppercase);
        return;
    }
    b->lang = style->lang;
    bool hyphenate = style->hyphenate && !b->env->no_hyphens && b->mode == PD_BREAK_NORMAL;
    if (b->mode == PD_BREAK_NORMAL && !b->case_change)
        b->case_change = pd_breaks_has_case_change(t, strlen(t));
    if (hyphenate && b->defer_hyphens && strlen(t) < DEFER_HYPHENS_MAX &&
        !pd_hyphen_known(b->env->ctx, style->lang)) {
        b->deferred = true;
        hyphenate = false;
    }
    const pd_hyphenator *h = hyphenate ? pd_hyphen_for(b->env->ctx, style->lang) : NULL;
    bool cased = b->case_points && b->mode == PD_BREAK_NORMAL;
    bool urls = b->mode == PD_BREAK_NORMAL && pd_breaks_may_have_url(t);
    if (!h && !cased && !urls && b->mode == PD_BREAK_NORMAL) {
        add_collapsed(b, t, style->uppercase);
        return;
    }
    builder tmp = *b; /* collapse into a scratch buffer first, then add it word by word */
    tmp.started = !at_line_start(b);
    pd_buf_init(&tmp.text, b->text.max);
    add_collapsed(&tmp, t, style->uppercase);
    b->space_pending = tmp.space_pending;
    b->last = tmp.last;
    b->unspaced = tmp.unspaced;
    if (tmp.text.data) {
        if (b->mode != PD_BREAK_NORMAL) {
            pd_breaks_add(&b->text, tmp.text.data, tmp.text.len, b->mode, b->joined);
        } else {
            /* e-mail addresses and URLs in plain text break as in a URL span */
            const char *s = tmp.text.data;
            size_t n = tmp.text.len, at = 0, from, to;
            while (urls && pd_breaks_next_url(s + at, n - at, &from, &to)) {
                add_words(b, s + at, from, h, cased);
                size_t start = b->text.len;
                pd_breaks_add(&b->text, s + at + from, to - from, PD_BREAK_URL, false);
                add_attr(b, pango_attr_insert_hyphens_new(FALSE), start, b->text.len);
                at += to;
            }
            add_words(b, s + at, n - at, h, cased);
        }
        b->joined = true;
    }
    pd_buf_free(&tmp.text);
}

/* A run of this many characters without white space is no word of any language but a hash,
 * a base64 blob or hostile data; past it, a ZERO WIDTH SPACE every LONG_RUN_STEP characters
 * gives Pango a break where it would otherwise fall back to its emergency breaks, which
 * reshape the run several times per line (a 5 MB word: ~30 % more time than as much
 * ordinary text). Up to the limit, an over-long token still breaks at any character. */
#define LONG_RUN_CHARS PD_BREAK_CONTROL_MAX
#define LONG_RUN_STEP 8

/* Whether the pending space between the text so far and the word at p lies inside a date. */
static bool glue_date(const builder *b, const char *p)
{
    if (!b->lang || !b->text.data || b->text.len == 0 ||
        ((unsigned char)*p < 0x80 && !g_ascii_isalnum(*p)))
        return false;
    const char *text = b->text.data, *end = text + b->text.len, *start = end;
    while (start > text && start[-1] != ' ' && end - start <= 32)
        start--;
    if (end - start >= 3 && memcmp(start, "\xe2\x81\xa0", 3) == 0)
        start += 3; /* the joiner after a space glued before (31. März 2027) */
    const char *q = p; /* the word after: letters and digits */
    while (*q && q - p <= 32 && (g_unichar_isalnum(g_utf8_get_char(q)) || *q == '.'))
        q = g_utf8_next_char(q);
    return pd_breaks_glue_date(b->lang, start, (size_t)(end - start), p, (size_t)(q - p));
}

/* Appends text with XML white space collapsed to single spaces, as a browser does. */
static void add_collapsed(builder *b, const char *t, bool uppercase)
{
    for (const char *p = t; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            if (!at_line_start(b))
                b->space_pending = true;
            b->unspaced = 0;
            continue;
        }
        if ((*p & 0xC0) != 0x80 && ++b->unspaced > LONG_RUN_CHARS &&
            b->unspaced % LONG_RUN_STEP == 0 && b->mode == PD_BREAK_NORMAL)
            pd_buf_adds(&b->text, "\xe2\x80\x8b"); /* U+200B ZERO WIDTH SPACE */
        if (b->space_pending) {
            /* a currency sign stays with its amount, a date's parts with each other: a space
             * that does not break */
            gunichar next = g_utf8_get_char_validated(p, -1);
            bool glue = b->mode == PD_BREAK_NORMAL && next < 0x110000 &&
                        (pd_breaks_glue_space(b->last, next) || glue_date(b, p));
            pd_buf_adds(&b->text, glue ? "\xe2\x81\xa0 \xe2\x81\xa0" : " ");
            b->space_pending = false;
        }
        if ((unsigned char)*p < 0x80) /* (libxml2 hands over valid UTF-8) */
            b->last = (unsigned char)*p;
        else if ((*p & 0xC0) != 0x80)
            b->last = g_utf8_get_char(p);
        if (uppercase && (unsigned char)*p >= 0x80) {
            /* a multi-byte character: upper-case it through GLib */
            const char *next = g_utf8_find_next_char(p, NULL);
            size_t n = next ? (size_t)(next - p) : strlen(p);
            gchar *up = g_utf8_strup(p, (gssize)n);
            pd_buf_adds(&b->text, up);
            g_free(up);
            p += n - 1;
        } else {
            char c = uppercase && *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
            pd_buf_add(&b->text, &c, 1);
        }
    }
}

static void add_link(builder *b, xmlNode *n, size_t start, size_t end)
{
    pd_link *grown =
        pd_array_grow(b->links, &b->caplinks, (size_t)b->nlinks + 1, sizeof *grown);
    if (!grown)
        return; /* noted as out of memory, which fails the render */
    b->links = grown;
    pd_link *l = &b->links[b->nlinks++];
    l->start = (int)start;
    l->end = (int)end;
    l->uri = pd_xml_attr(n, "href");
    l->ref = pd_xml_attr(n, "ref");
}

static void add_number(builder *b, int value)
{
    char num[16];
    snprintf(num, sizeof num, "%d", value);
    add_collapsed(b, value > 0 ? num : "0", false);
}

static void flush_space(builder *b)
{
    if (b->space_pending) {
        pd_buf_add(&b->text, " ", 1);
        b->space_pending = false;
    }
}

/* A footnote reference: its number, raised and smaller. */
static void add_noteref(builder *b, xmlNode *n, const pd_style *style, const pd_style *base)
{
    int number = b->env->footnote ? b->env->footnote(b->env->user, n) : 0;
    if (number <= 0)
        return;
    pd_noteref *p = pd_array_grow(b->notes, &b->capnotes, (size_t)b->nnotes + 1, sizeof *p);
    if (!p)
        return; /* noted as out of memory, which fails the render */
    b->notes = p;
    size_t start = b->text.len;
    b->notes[b->nnotes++] = (pd_noteref){(int)start, number};
    char num[16];
    snprintf(num, sizeof num, "%d", number);
    pd_buf_adds(&b->text, num);
    pd_style small = *style;
    small.font_size = style->font_size * 0.7;
    add_style_attrs(b, &small, base, start, b->text.len);
    add_attr(b, pango_attr_rise_new((int)(style->font_size * 0.35 * PANGO_SCALE)), start,
             b->text.len);
}

/* How an inline element's text may break: <span nobreak="true">, <span break="url">, and
 * links to web pages and e-mail addresses as URLs; a no-break span holds whatever is inside. */
static pd_break_mode break_mode(xmlNode *n, const char *name, pd_break_mode outer)
{
    if (outer == PD_BREAK_NEVER)
        return outer;
    pd_break_mode mode = outer;
    if (strcmp(name, "span") == 0) {
        char *nobreak = pd_xml_attr(n, "nobreak"), *brk = pd_xml_attr(n, "break");
        if (pd_streq(nobreak, "true") || pd_streq(nobreak, "1"))
            mode = PD_BREAK_NEVER;
        else if (pd_streq(brk, "url"))
            mode = PD_BREAK_URL;
        free(nobreak);
        free(brk);
    } else if (strcmp(name, "a") == 0) {
        char *href = pd_xml_attr(n, "href");
        if (href && (strncmp(href, "mailto:", 7) == 0 || strncmp(href, "http", 4) == 0))
            mode = PD_BREAK_URL;
        free(href);
    }
    return mode;
}

static void add_inlines(builder *b, xmlNode *parent, const pd_style *style,
                        const pd_style *base)
{
    for (xmlNode *n = parent->children; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            size_t start = b->text.len;
            add_text_styled(b, (const char *)n->content, style);
            add_style_attrs(b, style, base, start, b->text.len);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (strcmp(name, "page-number") == 0 || strcmp(name, "page-count") == 0 ||
            strcmp(name, "page-ref") == 0) {
            flush_space(b);
            size_t start = b->text.len;
            int value = name[5] == 'n' ? b->env->page : name[5] == 'c' ? b->env->pages : 0;
            if (name[5] == 'r' && b->env->page_of) {
                char *ref = pd_xml_attr(n, "ref");
                value = ref ? b->env->page_of(b->env->user, ref) : 0;
                free(ref);
            }
            add_number(b, value);
            add_style_attrs(b, style, base, start, b->text.len);
        } else if (strcmp(name, "footnote") == 0) {
            b->space_pending = false; /* the mark sits right after the word */
            add_noteref(b, n, style, base);
        } else if (strcmp(name, "tab") == 0) {
            flush_space(b);
            pd_buf_add(&b->text, "\t", 1);
        } else if (strcmp(name, "br") == 0) {
            pd_buf_add(&b->text, "\xe2\x80\xa8", 3); /* LINE SEPARATOR: same paragraph */
            b->space_pending = false;
        } else {
            pd_style child;
            pd_style_resolve(b->env->ctx, b->env->file, b->env->styles, n, style, &child);
            size_t start = b->text.len + (b->space_pending ? 1 : 0);
            pd_break_mode outer = b->mode;
            bool outer_joined = b->joined;
            b->mode = break_mode(n, name, outer);
            int never = -1; /* this span's number among the no-break ones */
            if (b->mode == PD_BREAK_NEVER && outer != PD_BREAK_NEVER) {
                never = b->nnever++;
                if (never < 64 && (b->loose >> never & 1))
                    b->mode = PD_BREAK_LOOSE;
            }
            if (b->mode != outer)
                b->joined = false;
            add_inlines(b, n, &child, base);
            if (never >= 0 && never < 64) {
                b->never[never].start = start;
                b->never[never].end = b->text.len;
            }
            if (b->mode != PD_BREAK_NORMAL && b->mode != outer && b->text.len > start)
                /* a last-resort break inside (wider than the line) gets no hyphen either */
                add_attr(b, pango_attr_insert_hyphens_new(FALSE), start, b->text.len);
            b->mode = outer;
            b->joined = outer_joined;
            if (strcmp(name, "a") == 0 && b->text.len > start)
                add_link(b, n, start, b->text.len);
        }
    }
}

static void read_lines(pd_para *p)
{
    p->nlines = pango_layout_get_line_count(p->layout);
    p->lines = calloc((size_t)p->nlines, sizeof *p->lines);
    if (!p->lines) {
        p->nlines = 0;
        return;
    }
    PangoLayoutIter *it = pango_layout_get_iter(p->layout);
    int i = 0;
    do {
        PangoRectangle logical, own;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        /* The line is drawn from its own origin, which is not its left edge when the line
         * runs right to left: subtract the line's own offset. */
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        pango_layout_line_get_extents(line, NULL, &own);
        pd_line *l = &p->lines[i++];
        l->line = line; /* pango_layout_get_line() walks a list: per line, quadratic */
        l->top = (double)logical.y / PANGO_SCALE;
        l->height = (double)logical.height / PANGO_SCALE;
        l->x = (double)(logical.x - own.x) / PANGO_SCALE;
        l->baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
    } while (i < p->nlines && pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    p->height = p->nlines ? p->lines[p->nlines - 1].top + p->lines[p->nlines - 1].height : 0;
}

/* tabs="80mm:decimal 120mm:right": tab stops in points; the decimal point follows the
 * language. */
static PangoTabArray *parse_tabs(const pd_text_env *env, xmlNode *block, const pd_style *style)
{
    char *spec = block ? pd_xml_attr(block, "tabs") : NULL;
    if (!spec)
        return NULL;
    PangoTabArray *tabs = pango_tab_array_new(0, TRUE);
    int n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(spec, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        char *colon = strchr(tok, ':');
        const char *align = colon ? colon + 1 : "left";
        if (colon)
            *colon = '\0';
        double pos;
        PangoTabAlign a = strcmp(align, "right") == 0    ? PANGO_TAB_RIGHT
                          : strcmp(align, "center") == 0 ? PANGO_TAB_CENTER
                          : strcmp(align, "decimal") == 0 ? PANGO_TAB_DECIMAL
                                                          : PANGO_TAB_LEFT;
        if (!pd_length_parse(tok, &pos) || (strcmp(align, "left") && a == PANGO_TAB_LEFT)) {
            pd_diag_raise(env->ctx, PD_ERROR, env->file, (int)xmlGetLineNo(block), 0,
                          "tabs: '%s' is not a tab stop (POSITION[:left|right|center|decimal])",
                          tok);
            continue;
        }
        pango_tab_array_resize(tabs, n + 1);
        pango_tab_array_set_tab(tabs, n, a, (int)(pos + 0.5));
        if (a == PANGO_TAB_DECIMAL)
            pango_tab_array_set_decimal_point(tabs, n, strncmp(style->lang, "de", 2) == 0 ? ',' : '.');
        n++;
    }
    free(spec);
    return tabs;
}

/* A character that no bundled font has would print as a box: say which and where instead of
 * drawing tofu silently. */
static void report_missing_glyphs(const pd_text_env *env, PangoLayout *layout, xmlNode *block)
{
    if (pango_layout_get_unknown_glyphs_count(layout) == 0)
        return;
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    gunichar reported[8];
    int nreported = 0;
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        for (int i = 0; run && i < run->glyphs->num_glyphs; i++) {
            PangoGlyph g = run->glyphs->glyphs[i].glyph;
            if (!(g & PANGO_GLYPH_UNKNOWN_FLAG) || nreported == 8)
                continue;
            gunichar c = g & ~PANGO_GLYPH_UNKNOWN_FLAG;
            bool seen = false;
            for (int k = 0; k < nreported; k++)
                seen = seen || reported[k] == c;
            if (seen || c == 0x2028 || c == '\t' || c == '\n')
                continue;
            reported[nreported++] = c;
            char utf8[8] = {0};
            g_unichar_to_utf8(c, utf8);
            pd_diag_raise(env->ctx, PD_WARNING, env->file, block ? (int)xmlGetLineNo(block) : 0, 0,
                          "no font has the character U+%04X '%s': it prints as a box", c, utf8);
        }
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
}

/* Pango sums an item's width (a run of one font and attribute set) in an int of 1/1024
 * points, and breaking a word that has no break opportunity reshapes the rest of its item
 * for every line. One item per paragraph kept a few hundred kilobytes of text on one line,
 * and a long word took minutes. Text is therefore cut into items of about PD_ITEM_BYTES by a
 * no-op attribute (Pango starts a new item wherever an attribute range ends): after a space
 * where there is one near (kerning across a space is nil). Item sizes from 128 to 4096 bytes
 * cost the same on the sample documents (callgrind). Where there is no space near (a hash, a
 * URL, a hostile word), the cut falls between two characters, every PD_WORD_ITEM_BYTES: Pango
 * breaks such a word by shaping its item again several times a line, so the item's size is
 * the cost of each line (a 256 KB word: 2.0 s of CPU with 256-byte items, 0.9 s with 32-byte
 * ones, about what ordinary text of that size costs). A run longer than LONG_RUN_CHARS has
 * zero-width spaces (add_collapsed): the cut falls after one of those, as after a space.
 * Such a run is no text to set finely either: its items are shaped without kerning,
 * ligatures and contextual alternates (LONG_RUN_FEATURES), which are half of HarfBuzz's work
 * on a font like Inter; the features a script needs (marks, composition) stay. */
#define PD_ITEM_BYTES 256
#define PD_WORD_ITEM_BYTES 32
#define LONG_RUN_FEATURES "kern 0, liga 0, clig 0, calt 0"

static bool is_zwsp(const char *p)
{
    return p[0] == '\xe2' && p[1] == '\x80' && p[2] == '\x8b';
}

static void bound_items(const char *text, size_t len, PangoAttrList *attrs)
{
    size_t start = 0, unspaced = 0; /* characters since the last space */
    PangoAttribute *run = NULL;     /* the features of the long run being cut */
    while (len - start > PD_ITEM_BYTES + PD_ITEM_BYTES / 4) {
        size_t end = start + PD_ITEM_BYTES, limit = end + PD_ITEM_BYTES / 4;
        while (end < limit && text[end] != ' ' && !is_zwsp(text + end))
            end++;
        if (text[end] == ' ') {
            end++;
        } else if (is_zwsp(text + end)) {
            end += 3;
        } else { /* no space near: cut between two characters */
            end = start + PD_WORD_ITEM_BYTES;
            while ((text[end] & 0xC0) == 0x80)
                end++;
        }
        const char *space = NULL;
        for (const char *q = text + end; !space && q > text + start; q--)
            if (q[-1] == ' ')
                space = q - 1;
        if (space)
            unspaced = (size_t)g_utf8_strlen(space + 1, text + end - space - 1);
        else
            unspaced += (size_t)g_utf8_strlen(text + start, (gssize)(end - start));
        PangoAttribute *a = pango_attr_fallback_new(TRUE); /* (features do not end items) */
        a->start_index = (guint)start;
        a->end_index = (guint)end;
        pango_attr_list_insert(attrs, a);
        if (!space && unspaced > LONG_RUN_CHARS) {
            if (!run) {
                run = pango_attr_font_features_new(LONG_RUN_FEATURES);
                run->start_index = (guint)start;
                pango_attr_list_insert(attrs, run);
            }
            run->end_index = (guint)end;
        } else {
            run = NULL;
        }
        start = end;
    }
}

/* Pango's layout of the builder's text and attributes (consumed) in the style and width. */
static PangoLayout *new_layout(const pd_text_env *env, builder *b, const pd_style *style,
                               double width, xmlNode *block)
{
    PangoLayout *layout = pango_layout_new(env->pango);
    PangoFontDescription *fd = pd_para_font(style);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    if (style->line_height != 1)
        pango_attr_list_insert_before(b->attrs, pango_attr_line_height_new(style->line_height));
    if (*style->features)
        pango_attr_list_insert_before(b->attrs, pango_attr_font_features_new(style->features));
    pango_layout_set_text(layout, b->text.data ? b->text.data : "", (int)b->text.len);
    bound_items(b->text.data, b->text.len, b->attrs);
    pango_layout_set_attributes(layout, b->attrs);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    PangoTabArray *tabs = parse_tabs(env, block, style);
    if (tabs) {
        pango_layout_set_tabs(layout, tabs);
        pango_tab_array_free(tabs);
    }
    if (width >= 0)
        pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
    static const PangoAlignment aligns[] = {PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
                                            PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT};
    pango_layout_set_alignment(layout, aligns[style->align]);
    pango_layout_set_justify(layout, style->align == PD_ALIGN_JUSTIFY);
    pango_layout_set_justify_last_line(layout,
                                       style->align == PD_ALIGN_JUSTIFY && style->justify_last_line);
    if (width >= 0 && style->align == PD_ALIGN_JUSTIFY)
        pd_justify_fit(layout);
    return layout;
}

/* The key of a paragraph in the shaped-text cache: everything new_layout() turns into lines.
 * NULL when it is not to be shared: links and footnote marks belong to one document, and tab
 * stops are checked (and reported) as the layout is made. */
static char *shaped_key(const pd_text_env *env, const builder *b, const pd_style *style,
                        double width, xmlNode *block)
{
    if (b->nlinks || b->nnotes || (block && xmlHasProp(block, BAD_CAST "tabs")))
        return NULL;
    char *attrs = pango_attr_list_to_string(b->attrs);
    char *key = g_strdup_printf("%p|%.4f|%s|%.4f|%d|%d|%.4f|%s|%d|%d|%s|%.*s", (void *)env->pango,
                                width, style->family, style->font_size, style->font_weight,
                                style->italic, style->line_height, style->features, style->align,
                                style->justify_last_line, attrs, (int)b->text.len,
                                b->text.data ? b->text.data : "");
    g_free(attrs);
    return key;
}

static void builder_free(builder *b)
{
    pango_attr_list_unref(b->attrs);
    pd_buf_free(&b->text);
    free(b->links);
    free(b->notes);
}

/* A paragraph of the builder's content (consumed). With reuse, one laid out before in this
 * context with the same key shares its layout. */
static pd_para *finish(const pd_text_env *env, builder *b, const pd_style *style, double width,
                       xmlNode *block, bool reuse)
{
    pd_para *p = calloc(1, sizeof *p);
    if (!p || b->text.failed) {
        free(p);
        builder_free(b);
        pd_error(env->ctx, "out of memory laying out text");
        return NULL;
    }
    char *key = reuse ? shaped_key(env, b, style, width, block) : NULL;
    const pd_shaped *hit = key ? pd_shaped_lookup(env->ctx, key) : NULL;
    if (hit && (p->lines = malloc((size_t)(hit->nlines ? hit->nlines : 1) * sizeof *p->lines))) {
        p->layout = g_object_ref(hit->layout);
        memcpy(p->lines, hit->lines, (size_t)hit->nlines * sizeof *p->lines);
        p->nlines = hit->nlines;
        p->height = hit->height;
    } else {
        p->layout = new_layout(env, b, style, width, block);
        read_lines(p);
        if (key)
            pd_shaped_store(env->ctx, key, p->layout, p->lines, p->nlines, p->height,
                            b->text.len);
    }
    g_free(key);
    pango_attr_list_unref(b->attrs);
    pd_buf_free(&b->text);
    p->links = b->links;
    p->nlinks = b->nlinks;
    p->notes = b->notes;
    p->nnotes = b->nnotes;
    p->tag = env->tag;
    p->width = width;
    p->color = style->color;
    p->refs = 1;
    return p;
}

/* Lines of a paragraph short enough to be set again without hyphens (build). */
enum { SHORT_LINES = 3 };

/* Whether a line of p from the first-th to the last but one ends at a hyphen: a hyphenation
 * point (soft hyphen) or a hyphen of the text ("F5-" / "Lastverteilern"). */
static bool breaks_at_hyphen(const pd_para *p, int first)
{
    const char *text = pango_layout_get_text(p->layout);
    for (int i = first < 0 ? 0 : first; i + 1 < p->nlines; i++) {
        const PangoLayoutLine *l = p->lines[i].line;
        int end = l->start_index + l->length;
        if ((end >= 2 && memcmp(text + end - 2, "\xc2\xad", 2) == 0) ||
            (end >= 1 && text[end - 1] == '-'))
            return true;
    }
    return false;
}

static bool last_line_is_one_word(const pd_para *p)
{
    const PangoLayoutLine *l = p->lines[p->nlines - 1].line;
    return !memchr(pango_layout_get_text(p->layout) + l->start_index, ' ', (size_t)l->length);
}

/* Loading a hyphenation dictionary is a tenth of a cold render, and most hyphenated text
 * (table cells, headings) fits on its line anyway. So while a language's dictionary is not
 * loaded, a paragraph is first laid out without it, and built again with it only when it
 * takes more than one line; from then on the dictionary is there. Footnotes keep their
 * numbers when a paragraph is built twice (the layout's footnote callback is idempotent). */
static pd_para *build(const pd_text_env *env, xmlNode *block, const char *text,
                      const pd_style *style, double width, bool defer, bool case_points,
                      uint64_t loose)
{
    builder b = {.env = env, .attrs = pango_attr_list_new(), .defer_hyphens = defer,
                 .case_points = case_points, .loose = loose};
    pd_buf_init(&b.text, 64u << 20);
    if (block)
        add_inlines(&b, block, style, style);
    else
        add_text_styled(&b, text, style);
    /* (the rebuild below lays a paragraph out twice: not for a hostile megabyte-long word) */
    bool deferred = b.deferred, case_change = b.case_change && b.text.len <= 16384;
    int nnever = b.nnever < 64 ? b.nnever : 64;
    size_t never[64][2];
    for (int i = 0; i < nnever; i++)
        never[i][0] = b.never[i].start, never[i][1] = b.never[i].end;
    /* Only paragraphs broken for a width are shared: pd_para_measure changes its layout. */
    pd_para *p = finish(env, &b, style, width, block, width >= 0);
    if (p && deferred && p->nlines > 1) {
        pd_para_free(p);
        return build(env, block, text, style, width, false, case_points, loose);
    }
    /* A no-break span wider than its line was broken by character ("3 M" / "arch 2027"):
     * it breaks at its spaces instead, as text does. */
    uint64_t wide = 0;
    for (int i = 0; p && width >= 0 && p->nlines > 1 && i < nnever; i++)
        if (!(loose >> i & 1) &&
            pd_breaks_split(p->layout, (int)never[i][0], (int)never[i][1]))
            wide |= (uint64_t)1 << i;
    if (wide) {
        pd_para_free(p);
        return build(env, block, text, style, width, false, case_points, loose | wide);
    }
    /* A word too long for its line was broken by character ("ForLegac-yCustomer"): where it
     * changes case inside, break it there instead ("ForLegacy-Customer"). */
    if (p && !case_points && case_change && p->nlines > 1 && width >= 0 &&
        pd_breaks_has_emergency(p->layout)) {
        pd_para_free(p);
        return build(env, block, text, style, width, false, true, loose);
    }
    /* The last line of a short ragged paragraph (a role in a table cell) is not the rest of a
     * hyphenated word alone where the paragraph takes as many lines without hyphens:
     * "Head of" / "Messaging", not "Head of Messag-" / "ing". */
    if (p && width >= 0 && !env->no_hyphens && p->nlines > 1 && p->nlines <= SHORT_LINES &&
        style->align != PD_ALIGN_JUSTIFY && breaks_at_hyphen(p, p->nlines - 2) &&
        last_line_is_one_word(p)) {
        pd_text_env plain = *env;
        plain.no_hyphens = true;
        pd_para *q = build(&plain, block, text, style, width, false, case_points, loose);
        if (q && q->nlines == p->nlines && !breaks_at_hyphen(q, 0)) {
            pd_para_free(p);
            return q;
        }
        pd_para_free(q);
    }
    if (p)
        report_missing_glyphs(env, p->layout, block);
    return p;
}

pd_para *pd_para_new(const pd_text_env *env, xmlNode *block, const pd_style *style,
                     double width)
{
    return build(env, block, NULL, style, width, width >= 0, false, 0);
}

pd_para *pd_para_new_text(const pd_text_env *env, const char *text, const pd_style *style,
                          double width)
{
    return build(env, NULL, text, style, width, width >= 0, false, 0);
}

pd_para *pd_para_ref(pd_para *p)
{
    p->refs++;
    return p;
}

void pd_para_free(pd_para *p)
{
    if (!p || --p->refs > 0)
        return;
    if (p->layout)
        g_object_unref(p->layout);
    for (int i = 0; i < p->nlinks; i++) {
        free(p->links[i].uri);
        free(p->links[i].ref);
    }
    free(p->links);
    free(p->notes);
    free(p->lines);
    free(p);
}

/* What build() does for an unbroken paragraph (width -1: nothing deferred, nothing rebuilt),
 * with the two widths kept in the shaped-text cache under the paragraph's key. */
void pd_para_measure(const pd_text_env *env, xmlNode *block, const pd_style *style,
                     double *min_width, double *max_width)
{
    *min_width = *max_width = 0;
    builder b = {.env = env, .attrs = pango_attr_list_new()};
    pd_buf_init(&b.text, 64u << 20);
    add_inlines(&b, block, style, style);
    char *key = b.text.failed ? NULL : shaped_key(env, &b, style, -1, block);
    if (key && pd_shaped_measure_lookup(env->ctx, key, min_width, max_width)) {
        builder_free(&b);
        g_free(key);
        return;
    }
    pd_para *p = finish(env, &b, style, -1, block, false);
    if (p) {
        report_missing_glyphs(env, p->layout, block);
        PangoRectangle logical;
        pango_layout_get_extents(p->layout, NULL, &logical);
        *max_width = (double)logical.width / PANGO_SCALE;
        /* Broken at every opportunity, the widest line is the widest unbreakable piece. */
        pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD);
        pango_layout_set_width(p->layout, 1);
        pango_layout_get_extents(p->layout, NULL, &logical);
        *min_width = (double)logical.width / PANGO_SCALE;
        if (key)
            pd_shaped_measure_store(env->ctx, key, *min_width, *max_width);
    }
    g_free(key);
    pd_para_free(p);
}

double pd_para_line_width(const pd_para *p, int line)
{
    if (line < 0 || line >= p->nlines)
        return 0;
    PangoRectangle logical;
    pango_layout_line_get_extents(p->lines[line].line, NULL, &logical);
    return (double)logical.width / PANGO_SCALE;
}
