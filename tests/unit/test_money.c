/* test_money.c — exact money and sizing: parsing, rounding, limits, the reference offer, and
 * the pd: extension functions run through libxslt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "brand.h"
#include "l10n.h"
#include "money.h"
#include "util.h"
#include "xml.h"
#include "xslt.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define XSLT_FIX "tests/fixtures/xslt/"

/* ---- helpers ---- */

static int64_t qty(const char *s)
{
    int64_t v = -1;
    assert_int_equal(pd_money_parse_qty(s, &v), PD_MONEY_OK);
    return v;
}

static int64_t price(const char *s)
{
    int64_t v = -1;
    assert_int_equal(pd_money_parse_price(s, &v), PD_MONEY_OK);
    return v;
}

static int32_t pct(const char *s)
{
    int32_t v = -1;
    assert_int_equal(pd_money_parse_percent(s, &v), PD_MONEY_OK);
    return v;
}

/* The line total of decimal strings, in cents (discount NULL: none). */
static int64_t line(const char *q, const char *p, const char *d)
{
    int64_t c = -1;
    assert_int_equal(pd_money_line_total(qty(q), price(p), d ? pct(d) : 0, &c), PD_MONEY_OK);
    return c;
}

static int64_t vat(int64_t cents, const char *rate)
{
    int64_t v = INT64_MIN;
    assert_int_equal(pd_money_vat(cents, pct(rate), &v), PD_MONEY_OK);
    return v;
}

static int64_t add(int64_t a, int64_t b)
{
    int64_t s = INT64_MIN;
    assert_int_equal(pd_money_add(a, b, &s), PD_MONEY_OK);
    return s;
}

static int64_t div_round(pd_money_wide num, int64_t den)
{
    int64_t q = INT64_MIN;
    assert_int_equal(pd_money_div_round(num, den, &q), PD_MONEY_OK);
    return q;
}

/* ---- parsing ---- */

static void test_parse_accepts_the_schema_forms(void **state)
{
    (void)state;
    assert_int_equal(price("1250.00"), 12500000);
    assert_int_equal(price("0.85"), 8500);
    assert_int_equal(price("120000"), 1200000000);
    assert_int_equal(price("4500.5"), 45005000);
    assert_int_equal(price("0.0001"), 1);
    assert_int_equal(price("007.5"), 75000); /* leading zeros, as xsd:decimal allows */
    assert_int_equal(qty("25"), 25000);
    assert_int_equal(qty("0.125"), 125);
    assert_int_equal(pct("0"), 0);
    assert_int_equal(pct("19"), 1900);
    assert_int_equal(pct("7.7"), 770);
    assert_int_equal(pct("100.00"), 10000);
    int64_t c = 0;
    assert_int_equal(pd_money_parse_cents("3142500", &c), PD_MONEY_OK);
    assert_int_equal(c, 3142500);
    assert_int_equal(pd_money_parse_cents("-199", &c), PD_MONEY_OK);
    assert_int_equal(c, -199);
    assert_int_equal(pd_money_parse_count("120000", &c), PD_MONEY_OK);
    assert_int_equal(c, 120000);
}

static void test_parse_refuses_malformed(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",      " 1",   "1 ",   "1e3",  "1E3",   "NaN",   "nan",  "inf",  "Infinity",
        "1,5",   "1,000", "--1", "-1",   "+1",    ".5",    "5.",   ".",    "0x10",
        "1.2.3", "1_000", "١",   "12a",  "1.23456" /* 5 decimals */, "1.00000",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t v = 42;
        if (pd_money_parse_price(bad[i], &v) != PD_MONEY_MALFORMED)
            fail_msg("price '%s' was not refused as malformed", bad[i]);
        assert_int_equal(v, 42); /* untouched on failure */
    }
    int64_t v;
    int32_t p;
    assert_int_equal(pd_money_parse_price(NULL, &v), PD_MONEY_MALFORMED);
    assert_int_equal(pd_money_parse_qty("1.0001", &v), PD_MONEY_MALFORMED); /* 4 decimals */
    assert_int_equal(pd_money_parse_percent("10.001", &p), PD_MONEY_MALFORMED);
    assert_int_equal(pd_money_parse_percent("-1", &p), PD_MONEY_MALFORMED);
    assert_int_equal(pd_money_parse_cents("12.50", &v), PD_MONEY_MALFORMED);
    assert_int_equal(pd_money_parse_cents("--1", &v), PD_MONEY_MALFORMED);
    assert_int_equal(pd_money_parse_cents("-", &v), PD_MONEY_MALFORMED);
    assert_int_equal(pd_money_parse_cents("+5", &v), PD_MONEY_MALFORMED);
    assert_int_equal(pd_money_parse_count("1.5", &v), PD_MONEY_MALFORMED);
    assert_int_equal(pd_money_parse_count("-3", &v), PD_MONEY_MALFORMED);
}

static void test_parse_refuses_out_of_range(void **state)
{
    (void)state;
    int64_t v;
    int32_t p;
    assert_int_equal(pd_money_parse_qty("1000000000", &v), PD_MONEY_OK);
    assert_int_equal(pd_money_parse_qty("1000000000.001", &v), PD_MONEY_RANGE);
    assert_int_equal(pd_money_parse_price("1000000000000.0000", &v), PD_MONEY_OK);
    assert_int_equal(pd_money_parse_price("1000000000000.0001", &v), PD_MONEY_RANGE);
    /* a hundred digits: refused without overflowing anything */
    char huge[128];
    memset(huge, '9', 100);
    huge[100] = '\0';
    assert_int_equal(pd_money_parse_price(huge, &v), PD_MONEY_RANGE);
    assert_int_equal(pd_money_parse_cents(huge, &v), PD_MONEY_RANGE);
    /* ... but many leading zeros are still a small number */
    char zeros[128];
    memset(zeros, '0', 100);
    strcpy(zeros + 100, "12.5");
    assert_int_equal(pd_money_parse_price(zeros, &v), PD_MONEY_OK);
    assert_int_equal(v, 125000);
    assert_int_equal(pd_money_parse_percent("100.01", &p), PD_MONEY_RANGE);
    assert_int_equal(pd_money_parse_percent("101", &p), PD_MONEY_RANGE);
    assert_int_equal(pd_money_parse_cents("100000000000000", &v), PD_MONEY_OK);
    assert_int_equal(pd_money_parse_cents("-100000000000000", &v), PD_MONEY_OK);
    assert_int_equal(pd_money_parse_cents("100000000000001", &v), PD_MONEY_RANGE);
    assert_int_equal(pd_money_parse_cents("-100000000000001", &v), PD_MONEY_RANGE);
    assert_string_equal(pd_money_status_str(PD_MONEY_RANGE), "out of range");
}

static void test_price_decimals(void **state)
{
    (void)state;
    assert_int_equal(pd_money_price_decimals(price("1250.00")), 0);
    assert_int_equal(pd_money_price_decimals(price("0.85")), 2);
    assert_int_equal(pd_money_price_decimals(price("3.2")), 1);
    assert_int_equal(pd_money_price_decimals(price("0.125")), 3);
    assert_int_equal(pd_money_price_decimals(price("0.1234")), 4);
    assert_int_equal(pd_money_price_decimals(0), 0);
}

/* ---- rounding ---- */

static void test_round_half_away_from_zero_both_signs(void **state)
{
    (void)state;
    /* x.xx5 in thousandths of a unit → cents */
    assert_int_equal(div_round(1005, 10), 101);
    assert_int_equal(div_round(-1005, 10), -101);
    assert_int_equal(div_round(1004, 10), 100);
    assert_int_equal(div_round(-1004, 10), -100);
    assert_int_equal(div_round(1015, 10), 102); /* not banker's rounding (would give 102 too) */
    assert_int_equal(div_round(1025, 10), 103); /* banker's would give 102 */
    assert_int_equal(div_round(-1025, 10), -103);
    assert_int_equal(div_round(5, 10), 1);
    assert_int_equal(div_round(-5, 10), -1);
    assert_int_equal(div_round(4, 10), 0);
    assert_int_equal(div_round(1, 3), 0);
    assert_int_equal(div_round(2, 3), 1);
    int64_t q;
    assert_int_equal(pd_money_div_round(1, 0, &q), PD_MONEY_RANGE);
    assert_int_equal(pd_money_div_round((pd_money_wide)INT64_MAX * 4, 2, &q), PD_MONEY_RANGE);

    /* through the money functions: 1 × 0.125 = 0.125 → 0.13; 1 × 2.675 → 2.68 (a double
     * holds 2.67499999..., so binary rounding would say 2.67) */
    assert_int_equal(line("1", "0.125", NULL), 13);
    assert_int_equal(line("1", "2.675", NULL), 268);
    assert_int_equal(line("1", "1.005", NULL), 101);
    assert_int_equal(line("1", "0.0049", NULL), 0);
    assert_int_equal(line("1", "0.005", NULL), 1);
    /* VAT of ±10.50 at 19 % = ±1.995 → ±2.00; of ±0.50 at 1 % = ±0.005 → ±0.01 */
    assert_int_equal(vat(1050, "19"), 200);
    assert_int_equal(vat(-1050, "19"), -200);
    assert_int_equal(vat(50, "1"), 1);
    assert_int_equal(vat(-50, "1"), -1);
    assert_int_equal(vat(49, "1"), 0);
    assert_int_equal(vat(-49, "1"), 0);
}

static void test_rounded_once_at_the_end(void **state)
{
    (void)state;
    /* 3 × 0.3333 = 0.9999 → 1.00; rounding the unit price first would give 0.99 */
    assert_int_equal(line("3", "0.3333", NULL), 100);
    /* 7 × 0.015 = 0.105, less 10 % = 0.0945 → 0.09; rounding before the discount would give
     * 0.11 less 10 % = 0.099 → 0.10 */
    assert_int_equal(line("7", "0.015", "10"), 9);
    /* 1.5 × 0.07 less 50 % = 0.0525 → 0.05 */
    assert_int_equal(line("1.5", "0.07", "50"), 5);
    /* 0.333 × 3 = 0.999 → 1.00 */
    assert_int_equal(line("0.333", "3", NULL), 100);
}

static void test_point_one_plus_point_two(void **state)
{
    (void)state;
    int64_t a = line("1", "0.1", NULL), b = line("1", "0.2", NULL);
    assert_int_equal(add(a, b), 30);
    int64_t s = 0;
    for (int i = 0; i < 10; i++)
        s = add(s, line("1", "0.1", NULL));
    assert_int_equal(s, 100);
    assert_int_equal(line("3", "0.1", NULL), 30);
}

/* ---- limits ---- */

static void test_large_quantities_and_amounts(void **state)
{
    (void)state;
    /* qty 10^9 × 1000.0000 = 10^12 exactly, the largest amount */
    assert_int_equal(line("1000000000", "1000.0000", NULL), INT64_C(100000000000000));
    /* 10^9 × 999.9999 with the smallest discount: exact in 128 bits */
    assert_int_equal(line("1000000000", "999.9999", "0.01"), INT64_C(99989990001000));
    assert_int_equal(line("999999999.999", "0.0001", NULL), 10000000);
    int64_t c = 7;
    /* one cent too many */
    assert_int_equal(pd_money_line_total(qty("1000000000"), price("1000.0001"), 0, &c),
                     PD_MONEY_RANGE);
    assert_int_equal(pd_money_line_total(qty("1000000000"), price("1000000000000"), 0, &c),
                     PD_MONEY_RANGE);
    assert_int_equal(c, 7);
    /* sums up to 10^12 and no further */
    int64_t max = PD_MONEY_MAX_CENTS;
    assert_int_equal(add(max - 1, 1), max);
    assert_int_equal(add(-max, 0), -max);
    assert_int_equal(pd_money_add(max, 1, &c), PD_MONEY_RANGE);
    assert_int_equal(pd_money_add(-max, -1, &c), PD_MONEY_RANGE);
    assert_int_equal(pd_money_add(INT64_MAX, INT64_MAX, &c), PD_MONEY_RANGE);
    assert_int_equal(pd_money_add(INT64_MIN, -1, &c), PD_MONEY_RANGE);
    assert_int_equal(vat(max, "100"), max);
    assert_int_equal(pd_money_vat(max + 1, 100, &c), PD_MONEY_RANGE);
    assert_int_equal(pd_money_multiply(1250, 12, &c), PD_MONEY_OK);
    assert_int_equal(c, 15000);
    assert_int_equal(pd_money_multiply(max, 2, &c), PD_MONEY_RANGE);
    assert_int_equal(pd_money_multiply(max, INT64_MAX, &c), PD_MONEY_RANGE);
}

static void test_discounts(void **state)
{
    (void)state;
    assert_int_equal(line("25", "1250.00", "0"), 3125000);
    assert_int_equal(line("25", "1250.00", NULL), 3125000);
    assert_int_equal(line("25", "1250.00", "100"), 0);
    assert_int_equal(line("25", "1250.00", "99.99"), 313);  /* 3.125 → 3.13 */
    int64_t c = 7;
    int32_t p;
    assert_int_equal(pd_money_parse_percent("100.01", &p), PD_MONEY_RANGE);
    assert_int_equal(pd_money_parse_percent("-1", &p), PD_MONEY_MALFORMED);
    /* the arithmetic refuses them too, whoever parsed them */
    assert_int_equal(pd_money_line_total(qty("1"), price("1"), 10001, &c), PD_MONEY_RANGE);
    assert_int_equal(pd_money_line_total(qty("1"), price("1"), -100, &c), PD_MONEY_RANGE);
    assert_int_equal(pd_money_line_total(-1, price("1"), 0, &c), PD_MONEY_RANGE);
    assert_int_equal(pd_money_line_total(qty("1"), -1, 0, &c), PD_MONEY_RANGE);
    assert_int_equal(pd_money_vat(100, 10001, &c), PD_MONEY_RANGE);
    assert_int_equal(pd_money_vat(100, -1, &c), PD_MONEY_RANGE);
    assert_int_equal(c, 7);
}

/* ---- the reference project ---- */

static void test_reference_offer(void **state)
{
    (void)state;
    /* once: 25 × 1250.00 − 10 % + 3 × 1100.00 */
    int64_t once = add(line("25", "1250.00", "10"), line("3", "1100.00", NULL));
    assert_int_equal(once, 3142500);
    /* yearly: 120000 × 0.85 + 4500 × 3.20 − 15 % + 1 × 18500.00 */
    int64_t yearly = add(add(line("120000", "0.85", NULL), line("4500", "3.20", "15")),
                         line("1", "18500.00", NULL));
    assert_int_equal(line("4500", "3.20", "15"), 1224000);
    assert_int_equal(yearly, 13274000);
    int64_t total = add(once, yearly);
    assert_int_equal(total, 16416500);
    int64_t v = vat(total, "19");
    assert_int_equal(v, 3119135);
    assert_int_equal(add(total, v), 19535635);
}

static int64_t sessions(int64_t users, const char *concurrency)
{
    int64_t s = -1;
    assert_int_equal(pd_money_sessions(users, pct(concurrency), &s), PD_MONEY_OK);
    return s;
}

static int64_t nodes(int64_t s, int64_t per_node, int64_t redundancy)
{
    int64_t n = -1;
    assert_int_equal(pd_money_nodes(s, per_node, redundancy, &n), PD_MONEY_OK);
    return n;
}

static void test_sizing(void **state)
{
    (void)state;
    assert_int_equal(sessions(120000, "8"), 9600);
    assert_int_equal(nodes(9600, 2500, 1), 5);
    assert_int_equal(sessions(10000, "8"), 800);
    assert_int_equal(nodes(800, 2500, 1), 2);
    assert_int_equal(sessions(100000, "8"), 8000);
    assert_int_equal(nodes(8000, 2500, 1), 5);
    assert_int_equal(sessions(1000000, "8"), 80000);
    assert_int_equal(nodes(80000, 2500, 1), 33);
    /* exact multiples need no extra node; half a session rounds up */
    assert_int_equal(nodes(5000, 2500, 0), 2);
    assert_int_equal(nodes(0, 2500, 1), 1);
    assert_int_equal(sessions(25, "2"), 1);   /* 0.5 → 1 */
    assert_int_equal(sessions(1, "0.01"), 0); /* 0.0001 → 0 */
    assert_int_equal(sessions(PD_MONEY_MAX_COUNT, "100"), PD_MONEY_MAX_COUNT);
    int64_t n;
    assert_int_equal(pd_money_nodes(100, 0, 1, &n), PD_MONEY_RANGE);
    assert_int_equal(pd_money_nodes(-1, 10, 1, &n), PD_MONEY_RANGE);
    assert_int_equal(pd_money_nodes(PD_MONEY_MAX_COUNT, 1, 1, &n), PD_MONEY_RANGE);
    assert_int_equal(pd_money_sessions(PD_MONEY_MAX_COUNT + 1, 100, &n), PD_MONEY_RANGE);
    assert_int_equal(pd_money_sessions(10, 10001, &n), PD_MONEY_RANGE);
}

/* ---- the extension functions, through libxslt ---- */

typedef struct {
    pd_ctx *ctx;
    pd_brand *brand;
    char fixtures[PATH_MAX];
    const char *read_dirs[2];
} xslt_fixture;

static int xslt_setup(void **state)
{
    setenv("PHASEDOC_DATA", ".", 1);
    xslt_fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->ctx = pd_ctx_new()) || !realpath(XSLT_FIX, f->fixtures))
        return -1;
    if (pd_brand_resolve(f->ctx, NULL, NULL, NULL, &f->brand) != PD_OK)
        return -1;
    f->read_dirs[0] = f->fixtures;
    *state = f;
    return 0;
}

static int xslt_teardown(void **state)
{
    xslt_fixture *f = *state;
    pd_brand_free(f->brand);
    pd_ctx_free(f->ctx);
    free(f);
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

/* Runs a fixture stylesheet over samples/reference.xml in lang; returns the output or NULL. */
static xmlDocPtr run(xslt_fixture *f, const char *stylesheet, const char *lang,
                     pd_status want)
{
    const pd_catalogue *cat = pd_l10n_load(f->ctx, lang);
    assert_non_null(cat);
    pd_xslt_env env = {f->ctx, f->brand, cat, lang, "offer", f->read_dirs};
    pd_status st;
    xmlDocPtr input = pd_xml_load(f->ctx, "samples/reference.xml", &st);
    assert_non_null(input);
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", f->fixtures, stylesheet);
    xmlDocPtr out = NULL;
    st = pd_xslt_transform(&env, path, input, &out);
    if (st != want)
        print_diags(f->ctx);
    assert_int_equal(st, want);
    xmlFreeDoc(input);
    return out;
}

/* The text of the element <name> under the output's root. */
static char *result(xmlDocPtr out, const char *name)
{
    for (xmlNodePtr n = xmlDocGetRootElement(out)->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0) {
            xmlChar *c = xmlNodeGetContent(n);
            char *s = pd_strdup((const char *)c);
            xmlFree(c);
            return s;
        }
    fail_msg("no <%s> in the output", name);
    return NULL;
}

static void assert_result(xmlDocPtr out, const char *name, const char *want)
{
    char *got = result(out, name);
    if (strcmp(got, want) != 0)
        fail_msg("<%s>: got '%s', expected '%s'", name, got, want);
    free(got);
}

static void test_xslt_reference_en(void **state)
{
    xslt_fixture *f = *state;
    xmlDocPtr out = run(f, "money-test.xsl", "en", PD_OK);
    assert_result(out, "once", "3142500");
    assert_result(out, "yearly", "13274000");
    assert_result(out, "monthly", "0");
    assert_result(out, "total", "16416500");
    assert_result(out, "vat", "3119135");
    assert_result(out, "gross", "19535635");
    assert_result(out, "once-money", "31,425.00");
    assert_result(out, "yearly-money", "132,740.00");
    assert_result(out, "total-money", "164,165.00");
    assert_result(out, "vat-money", "31,191.35");
    assert_result(out, "gross-money", "195,356.35");
    assert_result(out, "gross-amount", "\u20ac\u00a0195,356.35");
    assert_result(out, "usd", "$\u00a0-0.05");
    assert_result(out, "other-currency", "SEK\u00a01,000,000.00");
    assert_result(out, "sessions", "9600");
    assert_result(out, "nodes", "5");
    assert_result(out, "price-1", "0.85");
    assert_result(out, "price-2", "1,250.00");
    assert_result(out, "price-3", "0.125");
    assert_result(out, "price-4", "3.20");
    assert_result(out, "price-5", "1,000,000.1234");
    assert_result(out, "sum-strings", "30");
    assert_result(out, "sum-rtf", "60");
    assert_result(out, "sum-empty", "0");
    assert_result(out, "trimmed", "3125000");
    assert_result(out, "twelve-months", "15000");
    xmlFreeDoc(out);
}

static void test_xslt_reference_de(void **state)
{
    xslt_fixture *f = *state;
    xmlDocPtr out = run(f, "money-test.xsl", "de", PD_OK);
    assert_result(out, "total-money", "164.165,00");
    assert_result(out, "gross-money", "195.356,35");
    assert_result(out, "price-2", "1.250,00");
    assert_result(out, "price-3", "0,125");
    xmlFreeDoc(out);
}

/* The first error whose message contains needle. */
static const pd_diag *find_error(const pd_ctx *ctx, const char *needle)
{
    for (size_t i = 0; i < pd_ctx_diag_count(ctx); i++) {
        const pd_diag *d = pd_ctx_diag(ctx, i);
        if (d->severity == PD_ERROR && strstr(d->message, needle))
            return d;
    }
    print_diags(ctx);
    fail_msg("no error containing '%s'", needle);
    return NULL;
}

/* money-fail.xsl holds two faulty calls; the $lang parameter (en or de) chooses which runs. */
static void test_xslt_refuses_bad_discount(void **state)
{
    xslt_fixture *f = *state;
    xmlDocPtr out = run(f, "money-fail.xsl", "en", PD_ERR_INPUT);
    assert_null(out);
    const pd_diag *d =
        find_error(f->ctx, "pd:line-total('25', '1250.00', '100.01'): discount '100.01'");
    assert_non_null(strstr(d->message, "out of range"));
    assert_non_null(d->file);
    assert_non_null(strstr(d->file, "money-fail.xsl"));
    assert_int_equal(d->line, 12);
}

static void test_xslt_refuses_sum_overflow(void **state)
{
    xslt_fixture *f = *state;
    xmlDocPtr out = run(f, "money-fail.xsl", "de", PD_ERR_INPUT);
    assert_null(out);
    const pd_diag *d = find_error(f->ctx, "pd:sum: value 2 '1' takes the sum beyond");
    assert_int_equal(d->line, 15);
}

/* A catalogue's <money pattern> is used; without one the default applies; one without
 * {amount} is refused. The catalogues live in a data folder of their own. */
static void write_catalogue(const char *dir, const char *lang, const char *money)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/stylesheets/l10n/%s.xml", dir, lang);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "<catalogue xmlns=\"urn:phasedoc:l10n:1\" lang=\"%s\">\n"
                "  <number decimal=\",\" group=\".\"/>\n%s\n"
                "  <text key=\"common.customer\">Kunde</text>\n", lang, money);
    for (int m = 1; m <= 12; m++)
        fprintf(fp, "  <month n=\"%d\">M%d</month>\n", m, m);
    fprintf(fp, "</catalogue>\n");
    fclose(fp);
}

static void test_xslt_money_pattern(void **state)
{
    xslt_fixture *f = *state;
    char dir[] = "/tmp/pd-money-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[PATH_MAX];
    snprintf(sub, sizeof sub, "%s/stylesheets", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(sub, sizeof sub, "%s/stylesheets/l10n", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    write_catalogue(dir, "xa", "  <money pattern=\"{amount}\u00a0{symbol}\"/>");
    write_catalogue(dir, "xb", "");
    write_catalogue(dir, "xc", "  <money pattern=\"{symbol}\"/>");
    setenv("PHASEDOC_DATA", dir, 1);
    pd_ctx *other = pd_ctx_new();
    setenv("PHASEDOC_DATA", ".", 1);
    assert_non_null(other);

    const pd_catalogue *xa = pd_l10n_load(other, "xa");
    const pd_catalogue *xb = pd_l10n_load(other, "xb");
    assert_non_null(xa);
    assert_non_null(xb);
    assert_string_equal(pd_l10n_money_pattern(xa), "{amount}\u00a0{symbol}");
    assert_string_equal(pd_l10n_money_pattern(xb), PD_L10N_MONEY_PATTERN);
    assert_null(pd_l10n_load(other, "xc"));
    find_error(other, "must contain {amount}");

    /* through pd:amount, with the reference's gross */
    pd_status st;
    xmlDocPtr input = pd_xml_load(f->ctx, "samples/reference.xml", &st);
    assert_non_null(input);
    pd_xslt_env env = {f->ctx, f->brand, xa, "xa", "offer", f->read_dirs};
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/money-test.xsl", f->fixtures);
    xmlDocPtr out = NULL;
    st = pd_xslt_transform(&env, path, input, &out);
    if (st != PD_OK)
        print_diags(f->ctx);
    assert_int_equal(st, PD_OK);
    assert_result(out, "gross-amount", "195.356,35\u00a0\u20ac");
    assert_result(out, "other-currency", "1.000.000,00\u00a0SEK");
    xmlFreeDoc(out);
    xmlFreeDoc(input);
    pd_ctx_free(other);

    for (const char *l = "abc"; *l; l++) {
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%s/stylesheets/l10n/x%c.xml", dir, *l);
        remove(p);
    }
    snprintf(sub, sizeof sub, "%s/stylesheets/l10n", dir);
    rmdir(sub);
    snprintf(sub, sizeof sub, "%s/stylesheets", dir);
    rmdir(sub);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_accepts_the_schema_forms),
        cmocka_unit_test(test_parse_refuses_malformed),
        cmocka_unit_test(test_parse_refuses_out_of_range),
        cmocka_unit_test(test_price_decimals),
        cmocka_unit_test(test_round_half_away_from_zero_both_signs),
        cmocka_unit_test(test_rounded_once_at_the_end),
        cmocka_unit_test(test_point_one_plus_point_two),
        cmocka_unit_test(test_large_quantities_and_amounts),
        cmocka_unit_test(test_discounts),
        cmocka_unit_test(test_reference_offer),
        cmocka_unit_test(test_sizing),
        cmocka_unit_test_setup_teardown(test_xslt_reference_en, xslt_setup, xslt_teardown),
        cmocka_unit_test_setup_teardown(test_xslt_reference_de, xslt_setup, xslt_teardown),
        cmocka_unit_test_setup_teardown(test_xslt_refuses_bad_discount, xslt_setup,
                                        xslt_teardown),
        cmocka_unit_test_setup_teardown(test_xslt_refuses_sum_overflow, xslt_setup,
                                        xslt_teardown),
        cmocka_unit_test_setup_teardown(test_xslt_money_pattern, xslt_setup, xslt_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
