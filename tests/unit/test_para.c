/* test_para.c — paragraphs: hyphenation dictionaries loaded only for text that needs them,
 * long text broken into lines in bounded time, laid-out paragraphs shared within a context. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fonts.h"
#include "hyphenate.h"
#include "para.h"
#include "shaped.h"
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

static pd_style hyphenated(const char *lang)
{
    pd_style s;
    pd_style_default(&s);
    s.hyphenate = true;
    snprintf(s.lang, sizeof s.lang, "%s", lang);
    return s;
}

static bool has_soft_hyphen(const pd_para *p)
{
    return strstr(pango_layout_get_text(p->layout), "\xc2\xad") != NULL;
}

/* Runs first in its own context: nothing has loaded the German dictionary yet. */
static void one_line_needs_no_dictionary(void **state)
{
    (void)state;
    pd_text_env env = env_of();
    pd_style de = hyphenated("de");
    pd_para *p = pd_para_new_text(&env, "Umsetzungsplan aktualisiert", &de, 400);
    assert_non_null(p);
    assert_int_equal(p->nlines, 1);
    assert_false(has_soft_hyphen(p));
    assert_false(pd_hyphen_known(ctx, "de"));
    pd_para_free(p);
}

static void several_lines_are_hyphenated(void **state)
{
    (void)state;
    pd_text_env env = env_of();
    pd_style de = hyphenated("de");
    const char *text = "Die Abnahmekriterien des Rechenzentrums werden im Übergabeprotokoll "
                       "festgehalten und von der Bereitstellung bestätigt.";
    pd_para *p = pd_para_new_text(&env, text, &de, 120);
    assert_non_null(p);
    assert_true(p->nlines > 1);
    assert_true(pd_hyphen_known(ctx, "de"));
    assert_true(has_soft_hyphen(p));
    pd_para_free(p);
    /* once loaded, even a paragraph on one line gets its hyphenation points */
    p = pd_para_new_text(&env, "Umsetzungsplan", &de, 400);
    assert_true(has_soft_hyphen(p));
    pd_para_free(p);
}

/* One word of 50,000 letters at 100 pt, wider than Pango's int of 1/1024 points: broken into
 * lines of at most the width, every letter kept (Pango kept it on one line). */
static void a_very_long_word_is_broken(void **state)
{
    (void)state;
    pd_text_env env = env_of();
    pd_style s;
    pd_style_default(&s);
    s.font_size = 100;
    size_t n = 50000;
    char *word = malloc(n + 1);
    assert_non_null(word);
    memset(word, 'x', n);
    word[n] = '\0';
    pd_para *p = pd_para_new_text(&env, word, &s, 300);
    assert_non_null(p);
    assert_true(p->nlines > 1000);
    /* every x is on a line; the break points a run this long gets print as nothing */
    const char *text = pango_layout_get_text(p->layout);
    size_t kept = 0;
    for (int i = 0; i < p->nlines; i++) {
        assert_true(pd_para_line_width(p, i) <= 300.5);
        const PangoLayoutLine *l = p->lines[i].line;
        for (int j = l->start_index; j < l->start_index + l->length; j++)
            kept += text[j] == 'x';
    }
    assert_int_equal(kept, n);
    pd_para_free(p);
    free(word);
}

static char *repeated(const char *unit, size_t times)
{
    size_t n = strlen(unit);
    char *text = malloc(n * times + 1);
    assert_non_null(text);
    for (size_t i = 0; i < times; i++)
        memcpy(text + i * n, unit, n);
    text[n * times] = '\0';
    return text;
}

/* The bytes of p's text set with OpenType features that contain feature (e.g. "calt 0"). */
static size_t bytes_with_feature(const pd_para *p, const char *feature)
{
    size_t bytes = 0;
    GSList *attrs = pango_attr_list_get_attributes(pango_layout_get_attributes(p->layout));
    for (GSList *l = attrs; l; l = l->next) {
        PangoAttribute *a = l->data;
        if (a->klass->type == PANGO_ATTR_FONT_FEATURES &&
            strstr(((PangoAttrFontFeatures *)a)->features, feature))
            bytes += a->end_index - a->start_index;
    }
    g_slist_free_full(attrs, (GDestroyNotify)pango_attribute_destroy);
    return bytes;
}

/* A run of thousands of characters without a space (a hash, base64) is shaped without
 * kerning, ligatures and contextual alternates, which cost half of shaping it; words are not. */
static void a_long_run_is_shaped_plainly(void **state)
{
    (void)state;
    pd_text_env env = env_of();
    pd_style s;
    pd_style_default(&s);
    char *run = repeated("x", 20000), *words = repeated("xxxxxxx ", 2500);
    pd_para *p = pd_para_new_text(&env, run, &s, 300), *q = pd_para_new_text(&env, words, &s, 300);
    assert_true(bytes_with_feature(p, "calt 0") > 20000);
    assert_int_equal(bytes_with_feature(q, "calt 0"), 0);
    pd_para_free(p);
    pd_para_free(q);
    free(run);
    free(words);
}

/* A paragraph too long for the shared cache is still laid out once for all the passes of a
 * document, and forgotten after it. */
static void a_long_paragraph_is_kept_for_the_next_pass(void **state)
{
    (void)state;
    pd_text_env env = env_of();
    pd_style s;
    pd_style_default(&s);
    char *text = repeated("The migration runs in waves. ", 1000);
    pd_para *a = pd_para_new_text(&env, text, &s, 300), *b = pd_para_new_text(&env, text, &s, 300);
    assert_ptr_equal(a->layout, b->layout);
    pd_shaped_drop_long(ctx);
    pd_para *c = pd_para_new_text(&env, text, &s, 300);
    assert_ptr_not_equal(a->layout, c->layout);
    assert_int_equal(a->nlines, c->nlines);
    pd_para_free(a);
    pd_para_free(b);
    pd_para_free(c);
    pd_shaped_drop_long(ctx);
    free(text);
}

static bool a_line_ends_at_soft_hyphen(const pd_para *p)
{
    const char *text = pango_layout_get_text(p->layout);
    for (int i = 0; i + 1 < p->nlines; i++) {
        int end = p->lines[i].line->start_index + p->lines[i].line->length;
        if (end >= 2 && memcmp(text + end - 2, "\xc2\xad", 2) == 0)
            return true;
    }
    return false;
}

/* A short ragged paragraph breaks at its spaces where hyphenating saves no line ("Head of" /
 * "Messaging", not "Head of Messag-" / "ing"), at every width of a narrow column. */
static void hyphenated_only_where_it_saves_a_line(void **state)
{
    (void)state;
    pd_text_env env = env_of();
    pd_style en = hyphenated("en"), plain;
    pd_style_default(&plain);
    int narrow = 0;
    for (double w = 40; w <= 90; w += 1) {
        pd_para *p = pd_para_new_text(&env, "Head of Messaging", &en, w);
        pd_para *q = pd_para_new_text(&env, "Head of Messaging", &plain, w);
        assert_true(!a_line_ends_at_soft_hyphen(p) || q->nlines > p->nlines);
        narrow += p->nlines == 2 && q->nlines == 2;
        pd_para_free(p);
        pd_para_free(q);
    }
    assert_true(narrow > 0); /* widths where both take two lines were tried */
}

/* The same text in the same style and width is laid out once per context; links are not
 * shared (they belong to one document), and a layout being measured is never shared. */
static void same_paragraph_shares_its_layout(void **state)
{
    (void)state;
    pd_text_env env = env_of();
    pd_style s;
    pd_style_default(&s);
    pd_para *a = pd_para_new_text(&env, "Approved by the steering committee", &s, 200);
    pd_para *b = pd_para_new_text(&env, "Approved by the steering committee", &s, 200);
    pd_para *wider = pd_para_new_text(&env, "Approved by the steering committee", &s, 300);
    s.font_weight = 700;
    pd_para *bold = pd_para_new_text(&env, "Approved by the steering committee", &s, 200);
    assert_ptr_equal(a->layout, b->layout);
    assert_int_equal(a->nlines, b->nlines);
    assert_ptr_equal(a->lines[0].line, b->lines[0].line);
    assert_ptr_not_equal(a->layout, wider->layout);
    assert_ptr_not_equal(a->layout, bold->layout);
    pd_para_free(a); /* the others keep theirs */
    assert_string_equal(pango_layout_get_text(b->layout), "Approved by the steering committee");
    pd_para_free(b);
    pd_para_free(wider);
    pd_para_free(bold);

    static const char link[] = "<p xmlns='urn:phasedoc:layout:1'>See <a href='https://example.org/'>"
                               "the plan</a>.</p>";
    xmlDocPtr doc = xmlReadMemory(link, (int)sizeof link - 1, "link.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    pd_style_default(&s);
    pd_para *l1 = pd_para_new(&env, xmlDocGetRootElement(doc), &s, 200);
    pd_para *l2 = pd_para_new(&env, xmlDocGetRootElement(doc), &s, 200);
    assert_int_equal(l1->nlinks, 1);
    assert_ptr_not_equal(l1->layout, l2->layout);
    pd_para_free(l1);
    pd_para_free(l2);
    double lo, hi;
    pd_para_measure(&env, xmlDocGetRootElement(doc), &s, &lo, &hi);
    assert_true(lo > 0 && lo < hi);
    xmlFreeDoc(doc);
}

/* A table's automatic widths measure each cell; the widths of a paragraph measured before in
 * the context are kept (shaped.c) and are the ones a fresh measurement gives. */
static void a_measured_paragraph_keeps_its_widths(void **state)
{
    (void)state;
    pd_text_env env = env_of();
    pd_style s;
    pd_style_default(&s);
    static const char cell[] = "<p xmlns='urn:phasedoc:layout:1'>Accepted with conditions by "
                               "<b>Sternstream</b></p>";
    xmlDocPtr doc = xmlReadMemory(cell, (int)sizeof cell - 1, "cell.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    double lo1, hi1, lo2, hi2;
    pd_para_measure(&env, xmlDocGetRootElement(doc), &s, &lo1, &hi1);
    pd_para_measure(&env, xmlDocGetRootElement(doc), &s, &lo2, &hi2);
    assert_true(lo1 > 0 && lo1 < hi1);
    assert_true(lo1 == lo2 && hi1 == hi2);
    /* another style is measured anew */
    pd_style big = s;
    big.font_size = s.font_size * 2;
    pd_para_measure(&env, xmlDocGetRootElement(doc), &big, &lo2, &hi2);
    assert_true(hi2 > hi1 * 1.5 && lo2 > lo1 * 1.5);
    /* a fresh context, with nothing kept, measures the same */
    pd_ctx *fresh = pd_ctx_new();
    assert_non_null(fresh);
    pd_text_env env2 = {.ctx = fresh, .file = "test", .pango = pd_fonts_context(fresh, NULL)};
    assert_non_null(env2.pango);
    pd_para_measure(&env2, xmlDocGetRootElement(doc), &s, &lo2, &hi2);
    assert_true(lo1 == lo2 && hi1 == hi2);
    pd_ctx_free(fresh);
    xmlFreeDoc(doc);
}

/* The kept widths are bounded: a key too long for them is not kept, and a full table starts
 * again empty. */
static void kept_widths_are_bounded(void **state)
{
    (void)state;
    pd_ctx *c = pd_ctx_new();
    assert_non_null(c);
    double lo, hi;
    assert_false(pd_shaped_measure_lookup(c, "k", &lo, &hi));
    pd_shaped_measure_store(c, "k", 3, 7);
    assert_true(pd_shaped_measure_lookup(c, "k", &lo, &hi));
    assert_true(lo == 3 && hi == 7);
    size_t huge = 1u << 20;
    char *key = malloc(huge + 1);
    assert_non_null(key);
    memset(key, 'x', huge);
    key[huge] = '\0';
    pd_shaped_measure_store(c, key, 1, 2);
    assert_false(pd_shaped_measure_lookup(c, key, &lo, &hi));
    free(key);
    char k[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(k, sizeof k, "key %d", i);
        pd_shaped_measure_store(c, k, i, i);
    }
    assert_false(pd_shaped_measure_lookup(c, "k", &lo, &hi)); /* emptied on the way */
    assert_true(pd_shaped_measure_lookup(c, "key 4999", &lo, &hi));
    assert_true(lo == 4999);
    pd_ctx_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_line_needs_no_dictionary),
        cmocka_unit_test(several_lines_are_hyphenated),
        cmocka_unit_test(a_very_long_word_is_broken),
        cmocka_unit_test(same_paragraph_shares_its_layout),
        cmocka_unit_test(a_long_run_is_shaped_plainly),
        cmocka_unit_test(hyphenated_only_where_it_saves_a_line),
        cmocka_unit_test(a_long_paragraph_is_kept_for_the_next_pass),
        cmocka_unit_test(a_measured_paragraph_keeps_its_widths),
        cmocka_unit_test(kept_widths_are_bounded),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
