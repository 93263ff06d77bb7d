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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(groups_and_rounds_exactly),
        cmocka_unit_test(refuses_what_is_not_a_number),
        cmocka_unit_test(formats_dates_per_language),
        cmocka_unit_test(looks_up_texts_and_refuses_unsafe_languages),
        cmocka_unit_test(formats_minor_units),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
