/* test_l10n.c — catalogues and exact, language-aware number and date formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "l10n.h"

#include <stdlib.h>
#include <string.h>

#include "group_ctx.h"

static void expect_decimal(const char *lang, const char *value, int decimals, const char *want)
{
    const pd_catalogue *cat = pd_l10n_load(ctx, lang);
    assert_non_null(cat);
    pd_buf b;
    pd_buf_init(&b, 256);
    assert_true(pd_l10n_format_decimal(cat, value, decimals, &b));
    assert_string_equal(b.data, want);
    pd_buf_free(&b);
}

static void groups_and_rounds_exactly(void **state)
{
    (void)state;
    expect_decimal("en", "120000", 0, "120,000");
    expect_decimal("de", "120000", 0, "120.000");
    expect_decimal("en", "1234.565", 2, "1,234.57");   /* half away from zero, no float */
    expect_decimal("en", "-1234.565", 2, "-1,234.57");
    expect_decimal("de", "164165", 2, "164.165,00");
    expect_decimal("en", "0.005", 2, "0.01");
    expect_decimal("en", "0.004", 2, "0.00");
    expect_decimal("en", "-0.004", 2, "0.00");        /* no negative zero */
    expect_decimal("en", "999.995", 2, "1,000.00");    /* carry through the group */
    expect_decimal("en", "1000000", 0, "1,000,000");
    expect_decimal("en", "7", 3, "7.000");
}

static void refuses_what_is_not_a_number(void **state)
{
    (void)state;
    const pd_catalogue *cat = pd_l10n_load(ctx, "en");
    const char *bad[] = {"", "abc", "1e308", "NaN", "1,5", "1.2.3", "--1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pd_buf b;
        pd_buf_init(&b, 256);
        assert_false(pd_l10n_format_decimal(cat, bad[i], 2, &b));
        pd_buf_free(&b);
    }
}

static void formats_dates_per_language(void **state)
{
    (void)state;
    pd_buf b;
    pd_buf_init(&b, 256);
    assert_true(pd_l10n_format_date(pd_l10n_load(ctx, "en"), "2026-11-20", &b));
    assert_string_equal(b.data, "20 November 2026");
    pd_buf_free(&b);
    pd_buf_init(&b, 256);
    assert_true(pd_l10n_format_date(pd_l10n_load(ctx, "de"), "2026-12-31", &b));
    assert_string_equal(b.data, "31. Dezember 2026");
    pd_buf_free(&b);
    const char *bad[] = {"2026-13-01", "2026-02-30", "2025-02-29", "20261120", "2026-1-1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pd_buf_init(&b, 256);
        assert_false(pd_l10n_format_date(pd_l10n_load(ctx, "en"), bad[i], &b));
        pd_buf_free(&b);
    }
    pd_buf_init(&b, 256);
    assert_true(pd_l10n_format_date(pd_l10n_load(ctx, "en"), "2028-02-29", &b));
    pd_buf_free(&b);
}

static void looks_up_texts_and_refuses_unsafe_languages(void **state)
{
    (void)state;
    const pd_catalogue *en = pd_l10n_load(ctx, "en"), *de = pd_l10n_load(ctx, "de");
    assert_string_equal(pd_l10n_text(en, "page.n-of-m"), "Page {n} of {m}");
    assert_string_equal(pd_l10n_text(de, "page.n-of-m"), "Seite {n} von {m}");
    assert_null(pd_l10n_text(en, "no.such.key"));
    assert_null(pd_l10n_load(ctx, "../../etc/passwd"));
    assert_null(pd_l10n_load(ctx, "xx"));
    assert_false(pd_l10n_exists(ctx, "en/../de"));
    assert_ptr_equal(pd_l10n_load(ctx, "en"), en); /* loaded once */
}

static void formats_minor_units(void **state)
{
    (void)state;
    pd_buf b;
    pd_buf_init(&b, 256);
    pd_l10n_format_minor(pd_l10n_load(ctx, "en"), 19535635, &b);
    assert_string_equal(b.data, "195,356.35");
    pd_buf_free(&b);
    pd_buf_init(&b, 256);
    pd_l10n_format_minor(pd_l10n_load(ctx, "de"), -5, &b);
    assert_string_equal(b.data, "-0,05");
    pd_buf_free(&b);
}

static char *date_in(const char *lang, const char *iso)
{
    pd_buf b;
    pd_buf_init(&b, 256);
    assert_true(pd_l10n_format_date(pd_l10n_load(ctx, lang), iso, &b));
    return b.data;
}

static void expect_date(const char *lang, const char *iso, const char *want)
{
    char *got = date_in(lang, iso);
    assert_string_equal(got, want);
    free(got);
}

static void regions_fall_back_to_their_language(void **state)
{
    (void)state;
    char tag[40];
    assert_true(pd_l10n_normalize("de_ch", tag, sizeof tag));
    assert_string_equal(tag, "de-CH");
    assert_true(pd_l10n_normalize("EN-us", tag, sizeof tag));
    assert_string_equal(tag, "en-US");
    assert_true(pd_l10n_normalize("zh-hant-tw", tag, sizeof tag));
    assert_string_equal(tag, "zh-Hant-TW");
    assert_false(pd_l10n_normalize("d", tag, sizeof tag));
    assert_false(pd_l10n_normalize("de--CH", tag, sizeof tag));
    assert_false(pd_l10n_normalize("de/CH", tag, sizeof tag));

    /* a region with a catalogue of its own overlays its language; one without is the language */
    assert_true(pd_l10n_exists(ctx, "de-LI"));
    assert_false(pd_l10n_exists(ctx, "xx-DE"));
    const pd_catalogue *li = pd_l10n_load(ctx, "de-LI"), *ch = pd_l10n_load(ctx, "de-ch");
    assert_non_null(li);
    assert_string_equal(pd_l10n_lang(li), "de-LI");
    assert_string_equal(pd_l10n_text(li, "page.n-of-m"), "Seite {n} von {m}");
    assert_string_equal(pd_l10n_text(ch, "page.n-of-m"), "Seite {n} von {m}"); /* inherited */
    assert_ptr_equal(pd_l10n_load(ctx, "de-CH"), ch);
    /* de-CH spells ß as ss in every inherited text */
    assert_non_null(strstr(pd_l10n_text(pd_l10n_load(ctx, "de"), "concept.risks.risk"), "ma\u00dfnahme"));
    assert_non_null(strstr(pd_l10n_text(ch, "concept.risks.risk"), "Gegenmassnahme"));
    /* en-US changes only what differs */
    const pd_catalogue *us = pd_l10n_load(ctx, "en-US");
    assert_string_equal(pd_l10n_text(us, "unit.licence"), "license");
    assert_string_equal(pd_l10n_text(us, "page.n-of-m"), "Page {n} of {m}");
    /* an unknown language is an error naming the installed ones */
    pd_ctx_clear_diags(ctx);
    assert_null(pd_l10n_load(ctx, "xx"));
    assert_true(pd_ctx_diag_count(ctx) > 0);
    assert_non_null(strstr(pd_ctx_diag(ctx, 0)->message, "fr"));
    char *installed = pd_l10n_installed(ctx);
    assert_non_null(strstr(installed, "de-CH"));
    free(installed);
}

static void formats_per_region(void **state)
{
    (void)state;
    expect_date("en", "2026-10-08", "8 October 2026");
    expect_date("en-US", "2026-10-08", "October 8, 2026");
    expect_date("en-GB", "2026-10-08", "8 October 2026");
    expect_date("de-AT", "2027-01-05", "5. J\u00e4nner 2027");
    expect_date("de-DE", "2027-01-05", "5. Januar 2027");
    expect_date("fr", "2026-10-08", "8 octobre 2026");
    expect_date("fr", "2026-10-01", "1er octobre 2026");
    expect_decimal("de-CH", "195356.35", 2, "195\u2019356.35");
    expect_decimal("fr", "195356.35", 2, "195\u202f356,35");
    expect_decimal("en-US", "1234.56", 2, "1,234.56");
    const pd_catalogue *us = pd_l10n_load(ctx, "en-US");
    assert_string_equal(pd_l10n_money_pattern_for(us, "$"), "{symbol}{amount}");
    assert_string_equal(pd_l10n_money_pattern_for(us, "CHF"), "{symbol}\u00a0{amount}");
    assert_string_equal(pd_l10n_money_pattern_for(pd_l10n_load(ctx, "de-CH"), "CHF"),
                        "{symbol}\u00a0{amount}");
}

static void french_spacing(void **state)
{
    (void)state;
    const pd_catalogue *fr = pd_l10n_load(ctx, "fr");
    struct { const char *in, *want; } cases[] = {
        {"Prix : 10", "Prix\u202f: 10"},
        {"Pourquoi ?", "Pourquoi\u202f?"},
        {"Go!", "Go\u202f!"},
        {"\u00ab Oui \u00bb", "\u00ab\u202fOui\u202f\u00bb"},
        {"\u00abOui\u00bb", "\u00ab\u202fOui\u202f\u00bb"},
        {"10:30 https://x.example/?a=1", "10:30 https://x.example/?a=1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pd_buf b;
        pd_buf_init(&b, 256);
        pd_l10n_typeset_text(fr, cases[i].in, &b);
        assert_string_equal(b.data ? b.data : "", cases[i].want);
        pd_buf_free(&b);
    }
    pd_buf b;
    pd_buf_init(&b, 256);
    assert_false(pd_l10n_typeset_text(pd_l10n_load(ctx, "en"), "Why ?", &b)); /* not English */
    pd_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(groups_and_rounds_exactly),
        cmocka_unit_test(refuses_what_is_not_a_number),
        cmocka_unit_test(formats_dates_per_language),
        cmocka_unit_test(looks_up_texts_and_refuses_unsafe_languages),
        cmocka_unit_test(formats_minor_units),
        cmocka_unit_test(regions_fall_back_to_their_language),
        cmocka_unit_test(formats_per_region),
        cmocka_unit_test(french_spacing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
