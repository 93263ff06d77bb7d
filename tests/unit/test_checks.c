/* test_checks.c — cross-checks after the schema: unique ids, references, dependency cycles and
 * the order of dates, each reported at the file and line of the offending element. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ctx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIX "tests/fixtures/checks/"

static int setup(void **state)
{
    setenv("PHASEDOC_DATA", ".", 1);
    pd_ctx *ctx = pd_ctx_new();
    if (!ctx)
        return -1;
    *state = ctx;
    return 0;
}

static int teardown(void **state)
{
    pd_ctx_free(*state);
    return 0;
}

static void print_diags(const pd_ctx *ctx)
{
    for (size_t i = 0; i < pd_ctx_diag_count(ctx); i++) {
        char buf[1200];
        pd_diag_format(pd_ctx_diag(ctx, i), buf, sizeof buf);
        fprintf(stderr, "  %s\n", buf);
    }
}

static size_t count(const pd_ctx *ctx, pd_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < pd_ctx_diag_count(ctx); i++)
        n += pd_ctx_diag(ctx, i)->severity == sev;
    return n;
}

/* Validates path, expecting want, and a diagnostic of severity sev containing needle at
 * line of path. */
static void expect(pd_ctx *ctx, const char *path, pd_status want, pd_severity sev,
                   const char *needle, int line)
{
    pd_ctx_clear_diags(ctx);
    pd_status st = pd_validate_file(ctx, path);
    const pd_diag *found = NULL;
    for (size_t i = 0; !found && i < pd_ctx_diag_count(ctx); i++) {
        const pd_diag *d = pd_ctx_diag(ctx, i);
        if (d->severity == sev && strstr(d->message, needle))
            found = d;
    }
    if (st != want || !found)
        print_diags(ctx);
    assert_int_equal(st, want);
    if (!found)
        fail_msg("%s: no diagnostic containing '%s'", path, needle);
    assert_non_null(found->file);
    assert_string_equal(found->file, path);
    if (found->line != line)
        fail_msg("%s: '%s' reported at line %d, expected %d", path, needle, found->line, line);
}

static void test_samples_pass(void **state)
{
    pd_ctx *ctx = *state;
    static const char *const samples[] = {"samples/reference.xml",
                                          "samples/hoster-plesk-100k.xml",
                                          "samples/regional-10k.xml",
                                          "samples/telco-1m-de.xml"};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        pd_ctx_clear_diags(ctx);
        pd_status st = pd_validate_file(ctx, samples[i]);
        if (st != PD_OK || pd_ctx_diag_count(ctx) > 0)
            print_diags(ctx);
        assert_int_equal(st, PD_OK);
        assert_int_equal(pd_ctx_diag_count(ctx), 0);
    }
}

static void test_member_references(void **state)
{
    expect(*state, FIX "unknown-member.xml", PD_ERR_INPUT, PD_ERROR,
           "owner=\"tx\" does not name a member of the team", 146);
}

static void test_duplicate_ids(void **state)
{
    pd_ctx *ctx = *state;
    expect(ctx, FIX "duplicate-member.xml", PD_ERR_INPUT, PD_ERROR,
           "team member id 'sb' is used twice (first at line 53)", 57);
    assert_int_equal(count(ctx, PD_ERROR), 1);
    expect(ctx, FIX "duplicate-org.xml", PD_ERR_INPUT, PD_ERROR,
           "customer or partner id 'nordlicht' is used twice (first at line 25)", 41);
    expect(ctx, FIX "duplicate-section.xml", PD_ERR_INPUT, PD_ERROR,
           "section id 'prov' is used twice (first at line 113)", 123);
    expect(ctx, FIX "duplicate-risk.xml", PD_ERR_INPUT, PD_ERROR,
           "risk id 'R1' is used twice (first at line 127)", 131);
    expect(ctx, FIX "duplicate-question.xml", PD_ERR_INPUT, PD_ERROR,
           "question id 'Q1' is used twice (first at line 135)", 136);
    expect(ctx, FIX "duplicate-workpackage.xml", PD_ERR_INPUT, PD_ERROR,
           "work package id 'WP4' is used twice (first at line 149)", 152);
    expect(ctx, FIX "duplicate-milestone.xml", PD_ERR_INPUT, PD_ERROR,
           "milestone id 'M2' is used twice (first at line 156)", 157);
    expect(ctx, FIX "duplicate-criterion.xml", PD_ERR_INPUT, PD_ERROR,
           "acceptance criterion id 'AC-02' is used twice (first at line 165)", 174);
}

static void test_unknown_dependency(void **state)
{
    expect(*state, FIX "unknown-depends.xml", PD_ERR_INPUT, PD_ERROR,
           "work package WP5 depends on 'WP9', which is not a work package", 152);
}

static void test_cycles(void **state)
{
    pd_ctx *ctx = *state;
    expect(ctx, FIX "cycle.xml", PD_ERR_INPUT, PD_ERROR,
           "in a cycle: WP2 \u2192 WP4 \u2192 WP2 (each depends on the next)", 143);
    assert_int_equal(count(ctx, PD_ERROR), 1);
    /* reported once, from the member earliest in the file, whatever the search met first */
    expect(ctx, FIX "long-cycle.xml", PD_ERR_INPUT, PD_ERROR,
           "in a cycle: WP1 \u2192 WP5 \u2192 WP4 \u2192 WP2 \u2192 WP1", 140);
    assert_int_equal(count(ctx, PD_ERROR), 1);
    expect(ctx, FIX "self-dependency.xml", PD_ERR_INPUT, PD_ERROR,
           "work package WP3 depends on itself", 146);
}

static void test_end_before_start(void **state)
{
    pd_ctx *ctx = *state;
    expect(ctx, FIX "workpackage-end-before-start.xml", PD_ERR_INPUT, PD_ERROR,
           "work package WP3 ends (2026-11-20) before it starts (2026-11-30)", 146);
    expect(ctx, FIX "implementation-end-before-start.xml", PD_ERR_INPUT, PD_ERROR,
           "the implementation ends (2026-11-09) before it starts (2027-02-26)", 139);
    /* no cascade of "outside the period" errors from one swapped pair */
    assert_int_equal(count(ctx, PD_ERROR), 1);
    expect(ctx, FIX "offer-valid-before-date.xml", PD_ERR_INPUT, PD_ERROR,
           "the offer is valid until 2026-10-01, before its own date (2026-10-08)", 92);
    expect(ctx, FIX "poc-feedback-before-ready.xml", PD_ERR_INPUT, PD_ERROR,
           "the POC's feedback date (2026-09-10) is before its ready date (2026-09-18)", 79);
}

static void test_implementation_period(void **state)
{
    pd_ctx *ctx = *state;
    expect(ctx, FIX "milestone-outside-period.xml", PD_ERR_INPUT, PD_ERROR,
           "milestone M3 (2027-03-01) lies outside the implementation period "
           "(2026-11-09 to 2027-02-26)",
           157);
    expect(ctx, FIX "workpackage-outside-period.xml", PD_ERR_INPUT, PD_ERROR,
           "work package WP5 (2027-02-08 to 2027-03-05) lies outside the implementation period",
           152);
}

/* Finish-to-start overlap is suspicious, not wrong: a warning, and the file is valid. */
static void test_dependency_overlap_warns(void **state)
{
    pd_ctx *ctx = *state;
    expect(ctx, FIX "dependency-overlap.xml", PD_OK, PD_WARNING,
           "work package WP5 starts (2027-02-02) before WP4, which it depends on, ends "
           "(2027-02-05)",
           152);
    assert_int_equal(count(ctx, PD_ERROR), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_samples_pass, setup, teardown),
        cmocka_unit_test_setup_teardown(test_member_references, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_dependency, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cycles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_end_before_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_implementation_period, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dependency_overlap_warns, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
