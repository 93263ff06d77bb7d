/* test_breaks.c — where lines break: justified lines inside their column, hyphenation points
 * that do not depend on where a word stands, no-break and URL spans, emergency breaks at a
 * case change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "breaks.h"
#include "fonts.h"
#include "hyphenate.h"
#include "para.h"
#include "style.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "group_ctx.h"

static pd_text_env env_of(void)
{
    PangoContext *pango = pd_fonts_context(ctx, NULL);
    assert_non_null(pango);
    return (pd_text_env){.ctx = ctx, .file = "test", .pango = pango};
}

static pd_style style_of(const char *lang, double size, bool hyphenate, pd_align align)
{
    pd_style s;
    pd_style_default(&s);
    snprintf(s.lang, sizeof s.lang, "%s", lang);
    s.font_size = size;
    s.hyphenate = hyphenate;
    s.align = align;
    return s;
}

/* A paragraph of inline markup (the content of a <p>) laid out in width. */
static pd_para *layout_markup(const char *inner, const pd_style *s, double width)
{
    char *xml = g_strdup_printf("<p xmlns='urn:phasedoc:layout:1'>%s</p>", inner);
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET);
    g_free(xml);
    assert_non_null(doc);
    pd_text_env env = env_of();
    pd_para *p = pd_para_new(&env, xmlDocGetRootElement(doc), s, width);
    xmlFreeDoc(doc);
    assert_non_null(p);
    return p;
}

/* Line i's text as a reader sees it: the invisible break controls (U+00AD, U+2060, U+200B)
 * dropped, "-" appended where the line ends at a soft hyphen. Caller frees. */
static char *line_text(const pd_para *p, int i)
{
    const char *t = pango_layout_get_text(p->layout);
    const PangoLayoutLine *l = p->lines[i].line;
    GString *s = g_string_new(NULL);
    const char *end = t + l->start_index + l->length;
    for (const char *c = t + l->start_index; c < end; c = g_utf8_next_char(c)) {
        gunichar u = g_utf8_get_char(c);
        if (u == 0xad && g_utf8_next_char(c) == end)
            g_string_append_c(s, '-');
        else if (u != 0xad && u != 0x2060 && u != 0x200b)
            g_string_append_unichar(s, u == 0xa0 ? ' ' : u);
    }
    while (s->len && s->str[s->len - 1] == ' ')
        g_string_truncate(s, s->len - 1);
    return g_string_free(s, FALSE);
}

/* The acceptance text: before the fix, two lines ending in a hyphen stood 3.7 pt past the
 * column, and a line after one ended 3 pt short of it. */
static void justified_lines_end_at_the_edge(void **state)
{
    (void)state;
    pd_style s = style_of("en-US", 11, true, PD_ALIGN_JUSTIFY);
    snprintf(s.family, sizeof s.family, "Inter");
    double width = (210 - 20 - 85) * 72 / 25.4;
    const char *texts[] = {
        "ples and special arrangements, just as before. Our redesigned customer portal also "
        "gives you access to invoices, delivery notes and the status of each order at any time.",
        "We are writing to let you know that from the first of next month all deliveries to "
        "your region will be handled by our new distribution center. The change brings shorter "
        "delivery times, more flexible time windows and a dedicated contact person for your "
        "account. Nothing changes in the way you place orders: our sales team remains available "
        "as usual, and your agreed prices, discounts and payment terms stay as they are."};
    int hyphens = 0;
    for (size_t k = 0; k < 2; k++) {
        pd_text_env env = env_of();
        pd_para *p = pd_para_new_text(&env, texts[k], &s, width);
        assert_non_null(p);
        assert_true(p->nlines > 3);
        for (int i = 0; i < p->nlines; i++) {
            double w = pd_para_line_width(p, i);
            char *t = line_text(p, i);
            hyphens += t[strlen(t) - 1] == '-';
            if (w > width + 0.01 || (i + 1 < p->nlines && w < width - 0.01))
                fail_msg("line %d '%s' is %.2f pt wide in a %.2f pt column", i, t, w, width);
            g_free(t);
        }
        pd_para_free(p);
    }
    assert_true(hyphens >= 3); /* the case the fix is for did occur */
}

/* The last line stays ragged. */
static void the_last_line_stays_ragged(void **state)
{
    (void)state;
    pd_style s = style_of("en", 10, false, PD_ALIGN_JUSTIFY);
    pd_para *p = layout_markup("A paragraph line that is long enough to wrap around at least "
                               "once in this column, and a short end.", &s, 200);
    assert_true(p->nlines >= 2);
    assert_true(pd_para_line_width(p, 0) > 199.99);
    assert_true(pd_para_line_width(p, p->nlines - 1) < 190);
    pd_para_free(p);
}


/* Hyphenation points are the dictionary's, wherever and however often a word comes: the
 * same word gets the same points at the start, in the middle and at the end of a text. (The
 * "Standar-dinstallation" of issue 11 is the German patterns' own point, not a drift.) */
static void hyphenation_points_do_not_drift(void **state)
{
    (void)state;
    pd_hyphenator *h = pd_hyphen_for(ctx, "de");
    assert_non_null(h);
    const char *word = "Standardinstallation";
    pd_buf one;
    pd_buf_init(&one, 4096);
    pd_hyphen_word(h, word, strlen(word), &one);
    const char *text = "Standardinstallation: statt als Standardinstallation daneben, betreut "
                       "das Kundenverwaltungssystem die Standardinstallation.";
    pd_buf all;
    pd_buf_init(&all, 4096);
    pd_hyphen_text(h, text, strlen(text), &all);
    int seen = 0;
    for (const char *p = all.data; p && (p = strstr(p, "Stan")) != NULL; p += one.len, seen++)
        assert_memory_equal(p, one.data, one.len);
    assert_int_equal(seen, 3);
    pd_buf_free(&one);
    pd_buf_free(&all);

    /* and a paragraph breaks each occurrence only at those points */
    pd_style s = style_of("de", 10, true, PD_ALIGN_LEFT);
    snprintf(s.family, sizeof s.family, "Inter");
    pd_text_env env = env_of();
    const char *sent = "statt als Standardinstallation daneben zu stehen, betreut das "
                       "Kundenverwaltungssystem die Abnahmekriterien. ";
    char *para = g_strdup_printf("%s%s%s%s", sent, sent, sent, sent);
    for (double w = 90; w <= 130; w += 10) {
        pd_para *p = pd_para_new_text(&env, para, &s, w);
        const char *t = pango_layout_get_text(p->layout);
        for (int i = 0; i + 1 < p->nlines; i++) {
            const PangoLayoutLine *l = p->lines[i].line;
            int end = l->start_index + l->length;
            if (end >= 2 && memcmp(t + end - 2, "\xc2\xad", 2) == 0)
                continue; /* a dictionary point: it is in the text */
            /* otherwise the line ends at a space or after punctuation, never inside a word */
            assert_true(t[end - 1] == ' ' || t[end - 1] == ',' || t[end - 1] == '.');
        }
        pd_para_free(p);
    }
    g_free(para);
}

/* The lines of a paragraph in width, as text, joined by '|'. Caller frees. */
static char *lines_of(const char *markup, const pd_style *s, double width)
{
    pd_para *p = layout_markup(markup, s, width);
    GString *all = g_string_new(NULL);
    for (int i = 0; i < p->nlines; i++) {
        char *t = line_text(p, i);
        g_string_append_printf(all, "%s%s", i ? "|" : "", t);
        g_free(t);
    }
    pd_para_free(p);
    return g_string_free(all, FALSE);
}

static bool contains(const char *lines, const char *piece)
{
    return strstr(lines, piece) != NULL;
}

/* A no-break span moves to the next line whole; its text is unchanged for the reader. */
static void nobreak_spans_stay_whole(void **state)
{
    (void)state;
    pd_style s = style_of("en", 10, true, PD_ALIGN_LEFT);
    for (double w = 100; w <= 200; w += 7) {
        char *l = lines_of("The total of the offer is <span nobreak='true'>€ 265,745,891.00</span> "
                           "for the period <span nobreak='true'>26 February 2027 – 3 March "
                           "2027</span>, net.", &s, w);
        if (w >= 165) /* where the date range fits a line at all */
            assert_true(contains(l, "26 February 2027 – 3 March 2027"));
        assert_true(contains(l, "€ 265,745,891.00"));
        g_free(l);
    }
    /* wider than its line: broken as a last resort, at its spaces, without a hyphen */
    char *l = lines_of("<span nobreak='true'>26 February 2027 – 3 March 2027</span>", &s, 70);
    assert_false(contains(l, "-|"));
    assert_true(contains(l, "February") && contains(l, "March"));
    for (const char *p = l; (p = strchr(p, '|')) != NULL; p++)
        assert_true(p[-1] != 'M' && p[1] != 'a'); /* not "3 M" / "arch" */
    g_free(l);
    /* a currency sign stays with its amount without any span */
    for (double w = 60; w <= 140; w += 5) {
        char *g = lines_of("Total amount due € 1,234.00 and 5.678,90 € more", &s, w);
        assert_true(contains(g, "€ 1,234.00") && contains(g, "5.678,90 €"));
        g_free(g);
    }
}

/* A date's parts hold together without markup (free text: "bis 31. März 2027"): no line ends
 * between day and month, month and day or month and year, at any width, in German, English
 * and French; the words around still break. */
static void dates_hold_together(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *text, *cut[2]; /* "day|month", "month|year": a line end between */
    } cases[] = {
        {"de", "Behebung zugesagt bis 31. März 2027 durch den Anbieter.", {"31.|März", "März|2027"}},
        {"de", "Die Frist endet am 1. Oktober, nicht im Dezember 2026.", {"1.|Ok", "ber|2026"}},
        {"en", "The fix is promised by 31 March 2027 from the provider.", {"31|March", "March|2027"}},
        {"en", "The fix is promised by March 31st, 2027 from the provider.", {"March|31st", "-|31st"}},
        {"fr", "Correction promise pour le 1er mars 2027 par le fournisseur.", {"1er|mars", "mars|2027"}},
        {"fr", "Correction promise pour le 31 décembre par le fournisseur.", {"31|déc", "31|dé"}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pd_style s = style_of(cases[i].lang, 10, true, PD_ALIGN_LEFT);
        int broken = 0;
        for (double w = 60; w <= 260; w += 3) {
            char *l = lines_of(cases[i].text, &s, w);
            if (contains(l, cases[i].cut[0]) || contains(l, cases[i].cut[1]))
                fail_msg("%s at %.0f pt: \"%s\"", cases[i].lang, w, l);
            broken += strchr(l, '|') != NULL;
            g_free(l);
        }
        assert_true(broken > 0);
    }
    /* the rule itself: the tokens either side of a space, in the document's language */
    assert_true(pd_breaks_glue_date("de", "31.", 3, "März", strlen("März")));
    assert_true(pd_breaks_glue_date("de-AT", "(1.", 3, "Jänner", strlen("Jänner")));
    assert_true(pd_breaks_glue_date("de", "31.", 3, "MÄRZ", strlen("MÄRZ")));
    assert_true(pd_breaks_glue_date("de", "März", strlen("März"), "2027", 4));
    assert_true(pd_breaks_glue_date("de", "Dez.", 4, "2026", 4));
    assert_true(pd_breaks_glue_date("en", "31", 2, "March", 5));
    assert_true(pd_breaks_glue_date("en", "March", 5, "31st", 4));
    assert_true(pd_breaks_glue_date("fr", "1er", 3, "mars", 4));
    assert_false(pd_breaks_glue_date("de", "31", 2, "März", strlen("März"))); /* no period */
    assert_false(pd_breaks_glue_date("de", "32.", 3, "März", strlen("März")));
    assert_false(pd_breaks_glue_date("de", "bis", 3, "März", strlen("März")));
    assert_false(pd_breaks_glue_date("de", "März", strlen("März"), "31", 2)); /* not German */
    assert_false(pd_breaks_glue_date("en", "31.", 3, "Marching", 8));
    assert_false(pd_breaks_glue_date("en", "page", 4, "31", 2));
    assert_false(pd_breaks_glue_date("fr", "2er", 3, "mars", 4));
    assert_false(pd_breaks_glue_date("it", "31", 2, "marzo", 5)); /* no rule for the language */
    assert_false(pd_breaks_glue_date(NULL, "31", 2, "March", 5));
}

/* URLs and e-mail addresses break only after / . @ - _ ? & = and never get a hyphen. */
static void urls_break_after_their_punctuation(void **state)
{
    (void)state;
    pd_style s = style_of("en", 10, true, PD_ALIGN_LEFT);
    const char *inputs[] = {
        "Mail: <a href='mailto:reto.gantenbein-mueller@rheintalnet-kommunikation.example'>"
        "reto.gantenbein-mueller@rheintalnet-kommunikation.example</a> now.",
        "See: <span break='url'>https://www.example.com/documentation/implementation-guide?"
        "version=2&amp;lang=en</span> now.",
        /* written as plain text, without a link or span */
        "Mail: reto.gantenbein-mueller@rheintalnet-kommunikation.example, now.",
        "See: https://www.example.com/documentation/implementation-guide?version=2 now.",
    };
    /* (from 95 pt on every piece between those characters fits a line; below, a piece is
     * broken by character as a last resort, still without a hyphen) */
    for (size_t k = 0; k < 4; k++)
        for (double w = 95; w <= 200; w += 9) {
            pd_para *p = layout_markup(inputs[k], &s, w);
            const char *t = pango_layout_get_text(p->layout);
            assert_null(strstr(t, "\xc2\xad")); /* no hyphenation points inside */
            /* (the words around are too short to be hyphenated) */
            for (int i = 0; i + 1 < p->nlines; i++) {
                const PangoLayoutLine *l = p->lines[i].line;
                const char *end = t + l->start_index + l->length;
                const char *last = g_utf8_find_prev_char(t, end);
                while (last && (g_utf8_get_char(last) == 0x200b || g_utf8_get_char(last) == 0x2060))
                    last = g_utf8_find_prev_char(t, last);
                assert_non_null(last);
                assert_non_null(strchr(" /.@-_?&=,", *last));
            }
            pd_para_free(p);
        }
}

/* A word too long for its line breaks where its case changes, not at any letter. */
static void emergency_breaks_prefer_case_changes(void **state)
{
    (void)state;
    pd_style s = style_of("en", 10, false, PD_ALIGN_LEFT);
    char *l = lines_of("Product ForLegacyCustomerMigrationServiceEdition", &s, 110);
    assert_true(contains(l, "ForLegacy-|"));
    assert_false(contains(l, "ForLegac-|") || contains(l, "ForLegac|"));
    g_free(l);
    /* a word that fits moves to the next line whole */
    l = lines_of("Product name ForLegacyCustomer", &s, 100);
    assert_true(contains(l, "|ForLegacyCustomer"));
    g_free(l);
    /* no soft hyphens where nothing had to be broken */
    pd_para *p = layout_markup("ForLegacyCustomer", &s, 300);
    assert_null(strstr(pango_layout_get_text(p->layout), "\xc2\xad"));
    pd_para_free(p);
}

/* pd_breaks_add and its helpers on their own. */
static void break_controls(void **state)
{
    (void)state;
    pd_buf b;
    pd_buf_init(&b, 4096);
    pd_breaks_add(&b, " WP20 / a-b", 11, PD_BREAK_NEVER, false);
    assert_int_equal(b.data[0], ' '); /* the boundary before the span stays breakable */
    /* every later space has a word joiner on both sides */
    for (const char *p = memchr(b.data + 1, ' ', b.len - 1); p; p = memchr(p + 1, ' ', (size_t)(b.data + b.len - p - 1)))
        assert_true(memcmp(p - 3, "\xe2\x81\xa0", 3) == 0 && memcmp(p + 1, "\xe2\x81\xa0", 3) == 0);
    assert_non_null(strstr(b.data, "WP20")); /* letters and digits are left as they are */
    pd_buf_free(&b);
    assert_true(pd_breaks_glue_space(0x20ac, '2'));
    assert_true(pd_breaks_glue_space('0', 0x20ac));
    assert_false(pd_breaks_glue_space('a', '2'));
    assert_true(pd_breaks_has_case_change("ForLegacy", 9));
    size_t a, z;
    const char *t = "Write to (info@example.com), or www.example.org.";
    assert_true(pd_breaks_next_url(t, strlen(t), &a, &z));
    assert_int_equal(z - a, 16);
    assert_memory_equal(t + a, "info@example.com", 16);
    assert_true(pd_breaks_next_url(t + z, strlen(t + z), &a, &z));
    assert_false(pd_breaks_next_url("a @ b. c", 8, &a, &z));
    assert_false(pd_breaks_has_case_change("iPhone McKinsey PDFs", 20));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(justified_lines_end_at_the_edge),
        cmocka_unit_test(the_last_line_stays_ragged),
        cmocka_unit_test(hyphenation_points_do_not_drift),
        cmocka_unit_test(nobreak_spans_stay_whole),
        cmocka_unit_test(dates_hold_together),
        cmocka_unit_test(urls_break_after_their_punctuation),
        cmocka_unit_test(emergency_breaks_prefer_case_changes),
        cmocka_unit_test(break_controls),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
