/* test_batch.c — the pure parts of phasedoc batch: shards, output names, manifests, JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "batch.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int setup(void **state)
{
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

/* The message of the first error, or "". */
static const char *first_error(pd_ctx *ctx)
{
    for (size_t i = 0; i < pd_ctx_diag_count(ctx); i++)
        if (pd_ctx_diag(ctx, i)->severity == PD_ERROR)
            return pd_ctx_diag(ctx, i)->message;
    return "";
}

/* ---- shards ---- */

static const char *const kinds[] = {"offer", "concept", "implementation", "approval"};

static void test_hash_is_fnv1a(void **state)
{
    (void)state;
    /* Pinned values: every machine of a distributed batch must compute the same. */
    assert_true(pd_batch_hash("p1.xml", "approval") == 0xdefbd7b8cac94e74ULL);
    assert_true(pd_batch_hash("", "") == 0xaf63bd4c8601b7dfULL);
    /* The separator keeps "ab"+"c" apart from "a"+"bc". */
    assert_true(pd_batch_hash("ab", "c") != pd_batch_hash("a", "bc"));
}

static void test_shards_disjoint_and_complete(void **state)
{
    (void)state;
    enum { INPUTS = 500 };
    for (unsigned n = 1; n <= 7; n++) {
        unsigned *owner = calloc(INPUTS * 4, sizeof *owner);
        unsigned counts[7] = {0};
        assert_non_null(owner);
        for (int i = 0; i < INPUTS; i++)
            for (int k = 0; k < 4; k++) {
                char path[64];
                snprintf(path, sizeof path, "in/project-%04d.xml", i);
                int hits = 0;
                for (unsigned s = 0; s < n; s++)
                    if (pd_batch_hash(path, kinds[k]) % n == s) {
                        hits++;
                        owner[i * 4 + k] = s;
                        counts[s]++;
                    }
                assert_int_equal(hits, 1); /* in exactly one shard: disjoint and complete */
            }
        /* Every shard gets a fair share (FNV spreads well). */
        for (unsigned s = 0; s < n; s++)
            assert_true(counts[s] > INPUTS * 4 / n / 2);
        /* The order of the list does not matter: going backwards gives the same owners. */
        for (int i = INPUTS - 1; i >= 0; i--)
            for (int k = 3; k >= 0; k--) {
                char path[64];
                snprintf(path, sizeof path, "in/project-%04d.xml", i);
                assert_int_equal(pd_batch_hash(path, kinds[k]) % n, owner[i * 4 + k]);
            }
        free(owner);
    }
}

/* ---- output names ---- */

static char *name_of(pd_ctx *ctx, const char *pattern, const pd_name_fields *f, pd_status want)
{
    char *name = (char *)1;
    pd_status st = pd_batch_name(ctx, pattern, f, "in.xml", &name);
    assert_int_equal(st, want);
    if (want != PD_OK)
        assert_null(name);
    return name;
}

static void test_name_patterns(void **state)
{
    pd_ctx *ctx = *state;
    pd_name_fields f = {"NLT-2026-014", "Nordlicht Telecom GmbH", "offer", "de", "acme", "p1",
                        NULL};
    char *n = name_of(ctx, PD_BATCH_DEFAULT_NAME, &f, PD_OK);
    assert_string_equal(n, "NLT-2026-014-offer.pdf");
    free(n);
    n = name_of(ctx, "{customer}_{id}.{kind}.{lang}.{brand}.{stem}.pdf", &f, PD_OK);
    assert_string_equal(n, "Nordlicht_Telecom_GmbH_NLT-2026-014.offer.de.acme.p1.pdf");
    free(n);
    n = name_of(ctx, "plain.pdf", &f, PD_OK);
    assert_string_equal(n, "plain.pdf");
    free(n);
    /* No id (a layout XML input): the stem stands in; no customer: "unknown". */
    pd_name_fields g = {NULL, NULL, "approval", "en", "default", "layout", NULL};
    n = name_of(ctx, "{id}-{customer}.pdf", &g, PD_OK);
    assert_string_equal(n, "layout-unknown.pdf");
    free(n);
    /* {kind} is the brand's word for the kind, {kind-id} the kind itself */
    pd_name_fields h = {"X-1", "c", "proposal", "en-US", "lakeshore", "p", "offer"};
    n = name_of(ctx, "{id}-{kind}-{kind-id}.pdf", &h, PD_OK);
    assert_string_equal(n, "X-1-proposal-offer.pdf");
    free(n);
    n = name_of(ctx, "{kind-id}.pdf", &g, PD_OK); /* without a kind id: the kind */
    assert_string_equal(n, "approval.pdf");
    free(n);
    assert_true(pd_batch_name_uses("{stem}-{id}.pdf", "id"));
    assert_false(pd_batch_name_uses("{stem}-{kind}.pdf", "id"));
    assert_false(pd_batch_name_uses("{identity}.pdf", "id"));
}

static void test_name_refusals(void **state)
{
    pd_ctx *ctx = *state;
    static const char *const bad_ids[] = {"../etc", "..", ".", "a/b", "a\nb", "a\rb", "tab\there",
                                          ""};
    for (size_t i = 0; i < sizeof bad_ids / sizeof bad_ids[0]; i++) {
        pd_name_fields f = {bad_ids[i], "c", "offer", "en", "default", "s", NULL};
        pd_ctx_clear_diags(ctx);
        name_of(ctx, "{id}", &f, PD_ERR_INPUT);
        assert_non_null(strstr(first_error(ctx), "refused"));
        assert_string_equal(pd_ctx_diag(ctx, 0)->file, "in.xml");
    }
    /* ".." inside a longer name is no component of a path: allowed. */
    pd_name_fields ok = {"a..b", "c", "offer", "en", "default", "s", NULL};
    char *n = name_of(ctx, "{id}", &ok, PD_OK);
    assert_string_equal(n, "a..b");
    free(n);
    /* Too long for a file system. */
    char longid[300];
    memset(longid, 'x', sizeof longid - 1);
    longid[sizeof longid - 1] = '\0';
    pd_name_fields l = {longid, "c", "offer", "en", "default", "s", NULL};
    name_of(ctx, "{id}", &l, PD_ERR_INPUT);
    /* A hostile customer name is reduced, never refused. */
    pd_name_fields c = {"x", "../../etc/passwd\n", "offer", "en", "default", "s", NULL};
    n = name_of(ctx, "{customer}", &c, PD_OK);
    assert_string_equal(n, "etc_passwd");
    free(n);
}

static void test_name_check(void **state)
{
    pd_ctx *ctx = *state;
    assert_int_equal(pd_batch_name_check(ctx, PD_BATCH_DEFAULT_NAME), PD_OK);
    assert_int_equal(pd_batch_name_check(ctx, "{customer}-{lang}-{brand}-{stem}.pdf"), PD_OK);
    static const char *const bad[] = {"", "{nope}.pdf", "{id", "{id}/{kind}.pdf", "a\nb",
                                      "{ID}.pdf"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(pd_batch_name_check(ctx, bad[i]), PD_ERR_USAGE);
}

static void test_sanitise_and_stem(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"Nordlicht Telecom GmbH", "Nordlicht_Telecom_GmbH"},
        {"Müller & Söhne", "M_ller_S_hne"},
        {"  spaces  ", "spaces"},
        {"...hidden", "hidden"},
        {"..", ""},
        {"a/b\\c", "a_b_c"},
        {"ok.name-1_2", "ok.name-1_2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = pd_batch_sanitise(cases[i].in);
        assert_string_equal(s, cases[i].out);
        free(s);
    }
    char *s = pd_batch_stem("dir/sub/p1.xml");
    assert_string_equal(s, "p1");
    free(s);
    s = pd_batch_stem("noext");
    assert_string_equal(s, "noext");
    free(s);
    s = pd_batch_stem(".xml");
    assert_string_equal(s, ".xml");
    free(s);
}

/* ---- manifests ---- */

static pd_manifest_entry *parse(pd_ctx *ctx, const char *text, const char *base, size_t *n,
                                pd_status want)
{
    pd_manifest_entry *e = NULL;
    pd_ctx_clear_diags(ctx);
    pd_status st = pd_manifest_parse(ctx, text, strlen(text), "m.csv", base, &e, n);
    assert_int_equal(st, want);
    if (want != PD_OK) {
        assert_null(e);
        assert_int_equal(*n, 0);
    }
    return e;
}

static void test_manifest_plain(void **state)
{
    pd_ctx *ctx = *state;
    size_t n;
    pd_manifest_entry *e = parse(ctx,
                                 "# projects of November\n"
                                 "\n"
                                 "a.xml\r\n"
                                 "  sub/b with space.xml  \n"
                                 "   # indented comment\n"
                                 "/abs/c.xml",
                                 "lists", &n, PD_OK);
    assert_int_equal(n, 3);
    assert_string_equal(e[0].given, "a.xml");
    assert_string_equal(e[0].path, "lists/a.xml");
    assert_int_equal(e[0].line, 3);
    assert_null(e[0].kind);
    assert_string_equal(e[1].given, "sub/b with space.xml");
    assert_string_equal(e[1].path, "lists/sub/b with space.xml");
    assert_string_equal(e[2].path, "/abs/c.xml");
    assert_int_equal(e[2].line, 6);
    pd_manifest_free(e, n);
    /* Without a base, paths stay as written; an empty manifest is an empty batch. */
    e = parse(ctx, "x.xml\n", NULL, &n, PD_OK);
    assert_string_equal(e[0].path, "x.xml");
    pd_manifest_free(e, n);
    e = parse(ctx, "# nothing\n\n", NULL, &n, PD_OK);
    assert_int_equal(n, 0);
    pd_manifest_free(e, n);
}

static void test_manifest_csv(void **state)
{
    pd_ctx *ctx = *state;
    size_t n;
    pd_manifest_entry *e = parse(ctx,
                                 "# exported from the CRM\n"
                                 "lang, Path ,note,kind,brand\n"
                                 "de,p1.xml,first,,\n"
                                 "en,\"p, 2.xml\",\"say \"\"hi\"\"\",all,acme\n"
                                 ",/abs/p3.xml,,offer,\n"
                                 "en,p4.xml\n",
                                 "m", &n, PD_OK);
    assert_int_equal(n, 4);
    assert_string_equal(e[0].path, "m/p1.xml");
    assert_string_equal(e[0].lang, "de");
    assert_null(e[0].kind);
    assert_null(e[0].brand);
    assert_int_equal(e[0].line, 3);
    assert_string_equal(e[1].given, "p, 2.xml");
    assert_string_equal(e[1].kind, "all");
    assert_string_equal(e[1].brand, "acme");
    assert_string_equal(e[2].path, "/abs/p3.xml");
    assert_string_equal(e[2].kind, "offer");
    assert_null(e[2].lang);
    assert_string_equal(e[3].path, "m/p4.xml"); /* fewer fields: the rest are empty */
    assert_null(e[3].kind);
    pd_manifest_free(e, n);
}

static void test_manifest_errors(void **state)
{
    pd_ctx *ctx = *state;
    size_t n;
    parse(ctx, "path,kind\np1.xml,brochure\n", NULL, &n, PD_ERR_USAGE);
    assert_int_equal(pd_ctx_diag(ctx, 0)->line, 2);
    assert_non_null(strstr(first_error(ctx), "brochure"));
    parse(ctx, "path,kind\np1.xml,offer,extra\n", NULL, &n, PD_ERR_INPUT);
    parse(ctx, "path\n\"p1.xml\n", NULL, &n, PD_ERR_INPUT);
    parse(ctx, "path\n\"p1\"x.xml\n", NULL, &n, PD_ERR_INPUT);
    parse(ctx, "kind,path\noffer,\n", NULL, &n, PD_ERR_INPUT);
    parse(ctx, "kind,path\noffer\n", NULL, &n, PD_ERR_INPUT);
    parse(ctx, "path,path\na.xml,b.xml\n", NULL, &n, PD_ERR_INPUT);
    pd_manifest_entry *e = NULL;
    pd_ctx_clear_diags(ctx);
    assert_int_equal(pd_manifest_parse(ctx, "a.xml\0b.xml\n", 12, "m", NULL, &e, &n),
                     PD_ERR_INPUT);
}

static void test_manifest_load(void **state)
{
    pd_ctx *ctx = *state;
    char dir[] = "/tmp/pd-test-batch-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/list.txt", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("one.xml\n../two.xml\n", f);
    fclose(f);
    pd_manifest_entry *e = NULL;
    size_t n = 0;
    assert_int_equal(pd_manifest_load(ctx, path, &e, &n), PD_OK);
    assert_int_equal(n, 2);
    char want[PATH_MAX];
    snprintf(want, sizeof want, "%s/one.xml", dir);
    assert_string_equal(e[0].path, want);
    assert_string_equal(e[1].given, "../two.xml");
    pd_manifest_free(e, n);
    unlink(path);
    rmdir(dir);
    assert_int_equal(pd_manifest_load(ctx, path, &e, &n), PD_ERR_INPUT);
}

/* ---- JSON ---- */

static void expect_json(const char *in, const char *want)
{
    pd_buf b;
    pd_buf_init(&b, 4096);
    assert_true(pd_json_string(&b, in));
    assert_string_equal(b.data, want);
    pd_buf_free(&b);
}

static void test_json_escaping(void **state)
{
    (void)state;
    expect_json(NULL, "null");
    expect_json("", "\"\"");
    expect_json("plain.xml", "\"plain.xml\"");
    expect_json("say \"hi\" \\ there", "\"say \\\"hi\\\" \\\\ there\"");
    expect_json("a\nb\rc\td\be\ff", "\"a\\nb\\rc\\td\\be\\ff\"");
    expect_json("\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"");
    expect_json("/path/with/slash", "\"/path/with/slash\"");
    expect_json("Müller €", "\"Müller €\""); /* valid UTF-8 passes as it is */
    expect_json("bad \xff byte", "\"bad \\udcff byte\"");
    expect_json("cut \xc3", "\"cut \\udcc3\"");
    expect_json("overlong \xc0\xaf", "\"overlong \\udcc0\\udcaf\"");
    expect_json("surrogate \xed\xa0\x80", "\"surrogate \\udced\\udca0\\udc80\"");
}

static void test_report_line(void **state)
{
    (void)state;
    pd_batch_job job = {"in/p\"1.xml", "offer", NULL, NULL};
    pd_batch_result ok = {PD_BATCH_OK, PD_OK, "out/p1-offer.pdf", NULL, 123.4, 2, 70425};
    char *line = pd_batch_report_line(&job, "offer", &ok);
    assert_string_equal(line, "{\"input\":\"in/p\\\"1.xml\",\"kind\":\"offer\","
                              "\"output\":\"out/p1-offer.pdf\",\"status\":\"ok\",\"error\":null,"
                              "\"ms\":123,\"pages\":2,\"bytes\":70425}");
    free(line);
    pd_batch_result bad = {PD_BATCH_FAILED, PD_ERR_INPUT, NULL, "in/p1.xml:3:4: bad\ttag",
                           5, -1, -1};
    line = pd_batch_report_line(&job, "offer", &bad);
    assert_string_equal(line, "{\"input\":\"in/p\\\"1.xml\",\"kind\":\"offer\",\"output\":null,"
                              "\"status\":\"failed\",\"error\":\"in/p1.xml:3:4: bad\\ttag\","
                              "\"ms\":5,\"pages\":null,\"bytes\":null}");
    free(line);
}

/* ---- page count ---- */

int main(void)
{
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd) || setenv("PHASEDOC_DATA", cwd, 1) != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_is_fnv1a),
        cmocka_unit_test(test_shards_disjoint_and_complete),
        cmocka_unit_test_setup_teardown(test_name_patterns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_name_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_name_check, setup, teardown),
        cmocka_unit_test(test_sanitise_and_stem),
        cmocka_unit_test_setup_teardown(test_manifest_plain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_manifest_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_manifest_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_manifest_load, setup, teardown),
        cmocka_unit_test(test_json_escaping),
        cmocka_unit_test(test_report_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
