/* test_explain.c — every schema message of issue 14's table says where and what to do: the
 * file, line and column, the element and attribute by name, the allowed values or the format
 * with an example, "did you mean"; never libxml2's internal texts. Fixtures are variants of
 * samples/reference.xml (tests/fixtures/authoring/make-fixtures.py). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ctx.h"
#include "group_ctx.h"
#include "rngmodel.h"

#include <stdio.h>
#include <string.h>

#define FIX "tests/fixtures/authoring/"

/* Validates FIX name; returns the formatted diagnostics joined by newlines (static). */
static const char *run(const char *name, pd_status want)
{
    static char all[16384];
    char path[256];
    snprintf(path, sizeof path, FIX "%s", name);
    pd_ctx_clear_diags(ctx);
    pd_status st = pd_validate_file(ctx, path);
    all[0] = '\0';
    for (size_t i = 0; i < pd_ctx_diag_count(ctx); i++) {
        char line[1600];
        pd_diag_format(pd_ctx_diag(ctx, i), line, sizeof line);
        strncat(all, line, sizeof all - strlen(all) - 2);
        strcat(all, "\n");
    }
    if (st != want)
        fprintf(stderr, "%s: status %d, expected %d:\n%s", name, st, want, all);
    assert_int_equal(st, want);
    /* libxml2's own words never reach the user */
    assert_null(strstr(all, "Internal error"));
    assert_null(strstr(all, "failed to validate"));
    assert_null(strstr(all, "Expecting an element"));
    assert_null(strstr(all, "xmlParse"));
    return all;
}

static void has(const char *all, const char *needle)
{
    if (!strstr(all, needle))
        fprintf(stderr, "missing '%s' in:\n%s", needle, all);
    assert_non_null(strstr(all, needle));
}

/* before: "error: Element offer failed to validate attributes" (no file, no line) */
static void missing_attribute(void **state)
{
    (void)state;
    const char *m = run("no-valid-until.xml", PD_ERR_INPUT);
    has(m, FIX "no-valid-until.xml:72:5: error: <offer> needs the attribute valid-until");
    has(m, "YYYY-MM-DD");
}

/* before: "…:85: error: Invalid attribute billing for element item" */
static void wrong_choice(void **state)
{
    (void)state;
    has(run("annually.xml", PD_ERR_INPUT),
        "annually.xml:73:60: error: <item billing=\"annually\">: allowed values: once, monthly "
        "or yearly");
}

/* before: "Type date doesn't allow value '31.07.2026'" */
static void german_date(void **state)
{
    (void)state;
    has(run("german-date.xml", PD_ERR_INPUT),
        "german-date.xml:72:52: error: <offer valid-until=\"31.07.2026\">: write dates as "
        "YYYY-MM-DD: 2026-07-31");
}

/* before: "Invalid attribute due for element question" */
static void day_that_does_not_exist(void **state)
{
    (void)state;
    has(run("feb-30.xml", PD_ERR_INPUT),
        "feb-30.xml:115:34: error: <question due=\"2026-02-30\">: February 2026 has 28 days");
}

/* before: "Type decimal doesn't allow value '1380,00'" */
static void comma_decimal(void **state)
{
    (void)state;
    has(run("comma-price.xml", PD_ERR_INPUT),
        "comma-price.xml:73:77: error: <item price=\"1380,00\">: use a dot for decimals and no "
        "thousands separators: write 1380.00");
}

/* before: "Did not expect element workpakage there" */
static void misspelt_element(void **state)
{
    (void)state;
    has(run("workpakage.xml", PD_ERR_INPUT),
        "workpakage.xml:120:5: error: <workpakage> is not allowed in <implementation>: did you "
        "mean <workpackage>?");
}

/* before: "error: Internal error: no state" */
static void go_without_date(void **state)
{
    (void)state;
    has(run("go-no-date.xml", PD_ERR_INPUT),
        "go-no-date.xml:80:5: error: <decision value=\"go\"> needs the attribute date");
}

/* before: "xmlParseEntityRef: no name" */
static void bare_ampersand(void **state)
{
    (void)state;
    has(run("bare-amp.xml", PD_ERR_INPUT), "bare-amp.xml:25:22: error: a bare '&': write &amp;");
}

static void missing_child_and_misspelt_attribute(void **state)
{
    (void)state;
    has(run("no-name.xml", PD_ERR_INPUT), "no-name.xml:6:5: error: <customer> needs a <name> "
                                          "before <address>");
    has(run("sde.xml", PD_ERR_INPUT), "<member> has no attribute sde: did you mean side?");
}

/* 30.000 is legal and thirty: a warning, an error under --strict */
static void thousands_separator_warns(void **state)
{
    (void)state;
    has(run("thousands.xml", PD_OK), "thousands.xml:73: warning: qty=\"30.000\" is read as 30");
    pd_ctx_set_strict(ctx, 1);
    has(run("thousands.xml", PD_ERR_INPUT), "error: qty=\"30.000\" is read as 30");
    pd_ctx_set_strict(ctx, 0);
}

/* one run: the schema's error and the reference's, in the order of the file */
static void all_problems_in_file_order(void **state)
{
    (void)state;
    const char *m = run("schema-and-ref.xml", PD_ERR_INPUT);
    const char *billing = strstr(m, "billing"), *nobody = strstr(m, "nobody");
    assert_non_null(billing);
    assert_non_null(nobody);
    assert_true(billing < nobody);
}

static void edit_distance(void **state)
{
    (void)state;
    assert_int_equal(pd_edit_distance("workpakage", "workpackage"), 1);
    const char *names[] = {"once", "monthly", "yearly"};
    assert_string_equal(pd_closest_name("montly", names, 3), "monthly");
    assert_null(pd_closest_name("annually", names, 3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(missing_attribute),
        cmocka_unit_test(wrong_choice),
        cmocka_unit_test(german_date),
        cmocka_unit_test(day_that_does_not_exist),
        cmocka_unit_test(comma_decimal),
        cmocka_unit_test(misspelt_element),
        cmocka_unit_test(go_without_date),
        cmocka_unit_test(bare_ampersand),
        cmocka_unit_test(missing_child_and_misspelt_attribute),
        cmocka_unit_test(thousands_separator_warns),
        cmocka_unit_test(all_problems_in_file_order),
        cmocka_unit_test(edit_distance),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
