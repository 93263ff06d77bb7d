/* test_brand.c — the brand cascade: layers, chains, key and value checks, files in packs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "brand.h"
#include "brand_keys.h"
#include "util.h"
#include "xml.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIX "tests/fixtures/brands/"

/* ---- helpers ---- */

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

/* Resolves and checks the status; prints the diagnostics when it is not the expected one. */
static pd_brand *resolve_expect(pd_ctx *ctx, const char *pack, xmlDocPtr project,
                                const char *const *settings, pd_status want)
{
    pd_brand *b = (pd_brand *)1;
    pd_status st = pd_brand_resolve(ctx, pack, project, settings, &b);
    if (st != want)
        for (size_t i = 0; i < pd_ctx_diag_count(ctx); i++) {
            char buf[1200];
            pd_diag_format(pd_ctx_diag(ctx, i), buf, sizeof buf);
            fprintf(stderr, "  %s\n", buf);
        }
    assert_int_equal(st, want);
    if (want == PD_OK)
        assert_non_null(b);
    else
        assert_null(b);
    return b;
}

/* The first error whose message contains needle. */
static const pd_diag *find_error(const pd_ctx *ctx, const char *needle)
{
    for (size_t i = 0; i < pd_ctx_diag_count(ctx); i++) {
        const pd_diag *d = pd_ctx_diag(ctx, i);
        if (d->severity == PD_ERROR && strstr(d->message, needle))
            return d;
    }
    for (size_t i = 0; i < pd_ctx_diag_count(ctx); i++)
        fprintf(stderr, "  diag: %s\n", pd_ctx_diag(ctx, i)->message);
    fail_msg("no error containing '%s'", needle);
    return NULL;
}

/* An error containing needle, raised against a file ending in file_suffix (NULL: no file), at
 * line. */
static void assert_error_at(const pd_ctx *ctx, const char *needle, const char *file_suffix,
                            int line)
{
    const pd_diag *d = find_error(ctx, needle);
    if (!file_suffix) {
        assert_null(d->file);
    } else {
        assert_non_null(d->file);
        if (!pd_has_suffix(d->file, file_suffix))
            fail_msg("error in %s, expected one ending in %s", d->file, file_suffix);
    }
    assert_int_equal(d->line, line);
}

static char *fixture_dir(const char *name)
{
    char rel[PATH_MAX], *real;
    snprintf(rel, sizeof rel, FIX "%s", name);
    real = realpath(rel, NULL);
    assert_non_null(real);
    return real;
}

/* "pack NAME (<realpath of fixture>/brand.xml:LINE)" */
static void assert_pack_origin(const pd_brand *b, const char *key, const char *name, int line)
{
    char *dir = fixture_dir(name);
    char want[PATH_MAX + 100];
    snprintf(want, sizeof want, "pack %s (%s/brand.xml:%d)", name, dir, line);
    free(dir);
    assert_string_equal(pd_brand_origin(b, key), want);
}

static xmlDocPtr parse_project(pd_ctx *ctx, const char *xml)
{
    xmlDocPtr doc = pd_xml_parse(ctx, xml, strlen(xml), "project.xml");
    assert_non_null(doc);
    return doc;
}

/* Lines 3 to 7 hold <branding>: footer.text on 4, header.text on 5, logo.width on 6. */
static const char project_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<project xmlns=\"urn:phasedoc:project:1\" id=\"T-1\">\n"
    "  <branding>\n"
    "    <set key=\"footer.text\" value=\"footer from project\"/>\n"
    "    <set key=\"header.text\" value=\"header from project\"/>\n"
    "    <set key=\"logo.width\" value=\"30mm\"/>\n"
    "  </branding>\n"
    "</project>\n";

/* ---- the key table ---- */

static void test_key_table(void **state)
{
    (void)state;
    char why[600];
    for (size_t i = 0; i < pd_brand_keydef_count(); i++) {
        const pd_brand_keydef *d = pd_brand_keydef_at(i);
        if (i > 0)
            assert_true(strcmp(pd_brand_keydef_at(i - 1)->key, d->key) < 0);
        if (!pd_brand_value_check(d, d->def, why, sizeof why))
            fail_msg("built-in default of %s: %s", d->key, why);
        assert_ptr_equal(pd_brand_keydef_find(d->key), d);
    }
    assert_non_null(pd_brand_keydef_find("wording.en.offer.title"));
    assert_non_null(pd_brand_keydef_find("wording.de-AT.offer.line_item-2"));
    assert_null(pd_brand_keydef_find("wording.english.offer.title"));
    assert_null(pd_brand_keydef_find("wording.en."));
    assert_null(pd_brand_keydef_find("wording.en.Offer"));
    assert_null(pd_brand_keydef_find("wording.de-at.x"));
    assert_null(pd_brand_keydef_find("color"));
}

static void test_suggest(void **state)
{
    (void)state;
    assert_string_equal(pd_brand_suggest("color.primry"), "color.primary");
    assert_string_equal(pd_brand_suggest("colour.primary"), "color.primary");
    assert_string_equal(pd_brand_suggest("color.pirmary"), "color.primary");
    assert_string_equal(pd_brand_suggest("page.margin-tpo"), "page.margin-top");
    assert_string_equal(pd_brand_suggest("company.vat_id"), "company.vat-id");
    assert_null(pd_brand_suggest("zzzzzzzz"));
    assert_null(pd_brand_suggest("x"));
}

static void test_lengths(void **state)
{
    (void)state;
    double pt;
    assert_true(pd_brand_parse_length("72pt", &pt));
    assert_true(pt == 72.0);
    assert_true(pd_brand_parse_length("1in", &pt));
    assert_true(pt == 72.0);
    assert_true(pd_brand_parse_length("25.4mm", &pt));
    assert_true(pt > 71.999999 && pt < 72.000001);
    assert_true(pd_brand_parse_length("2.54cm", &pt));
    assert_true(pt > 71.999999 && pt < 72.000001);
    assert_true(pd_brand_parse_length("0mm", &pt));
    const char *bad[] = {"", "mm", "12", "-1mm", "+1mm", "1e3mm", ".5mm", "5.mm", "1,5mm",
                         "12 mm", "12mmm", "NaNmm", "infmm", "0x10mm", "1234567890mm", "5px"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (pd_brand_parse_length(bad[i], &pt))
            fail_msg("'%s' accepted as a length", bad[i]);
}

static void test_relpath(void **state)
{
    (void)state;
    assert_true(pd_brand_relpath_ok("logo.png"));
    assert_true(pd_brand_relpath_ok("img/logo.png"));
    assert_true(pd_brand_relpath_ok("..logo.png"));
    assert_false(pd_brand_relpath_ok("/etc/logo.png"));
    assert_false(pd_brand_relpath_ok("../logo.png"));
    assert_false(pd_brand_relpath_ok("img/../../logo.png"));
    assert_false(pd_brand_relpath_ok("img/.."));
    assert_false(pd_brand_relpath_ok("img//logo.png"));
    assert_false(pd_brand_relpath_ok("img\\..\\logo.png"));
}

/* ---- resolving ---- */

/* Keys without a language variant's "@LANG". */
static size_t plain_key_count(const pd_brand *b)
{
    size_t n = 0;
    for (size_t i = 0; i < pd_brand_key_count(b); i++)
        n += strchr(pd_brand_key_at(b, i), '@') == NULL;
    return n;
}

static void test_default_pack(void **state)
{
    pd_ctx *ctx = *state;
    pd_brand *b = resolve_expect(ctx, NULL, NULL, NULL, PD_OK);
    assert_int_equal(pd_brand_pack_count(b), 1);
    assert_true(pd_has_suffix(pd_brand_pack_dir(b, 0), "/templates/brands/default"));
    assert_string_equal(pd_brand_pack_name(b, 0), "default");
    assert_null(pd_brand_pack_dir(b, 1));
    assert_string_equal(pd_brand_get(b, "company.name"), "Brightwater Messaging GmbH");
    assert_true(strncmp(pd_brand_origin(b, "company.name"), "pack default (/", 15) == 0);
    assert_string_equal(pd_brand_get(b, "document.watermark"), "");
    assert_string_equal(pd_brand_origin(b, "document.watermark"), "built-in");
    assert_string_equal(pd_brand_get(b, "page.size"), "A4");
    assert_null(pd_brand_get(b, "color.nope"));
    assert_null(pd_brand_origin(b, "color.nope"));

    assert_true(pd_brand_length_pt(b, "font.size") == 9.5);
    assert_true(pd_brand_length_pt(b, "page.size") < 0);
    double rgb[3];
    assert_true(pd_brand_color(b, "color.table-header-text", rgb));
    assert_true(rgb[0] == 1.0 && rgb[1] == 1.0 && rgb[2] == 1.0);
    assert_false(pd_brand_color(b, "font.body", rgb));
    assert_true(pd_brand_flag(b, "header.logo"));

    /* Every static key is there, sorted (besides the pack's texts per language, KEY@LANG). */
    assert_int_equal(plain_key_count(b), pd_brand_keydef_count());
    for (size_t i = 1; i < pd_brand_key_count(b); i++)
        assert_true(strcmp(pd_brand_key_at(b, i - 1), pd_brand_key_at(b, i)) < 0);
    assert_null(pd_brand_key_at(b, pd_brand_key_count(b)));

    char *logo = pd_brand_file(ctx, b, "logo.file");
    assert_non_null(logo);
    assert_true(pd_has_suffix(logo, "/templates/brands/default/logo.svg"));
    free(logo);
    /* An empty file value is "no file", not an error. */
    assert_null(pd_brand_file(ctx, b, "document.stylesheet"));
    assert_int_equal(pd_ctx_error_count(ctx), 0);
    /* A key that is not a file is a caller's mistake. */
    assert_null(pd_brand_file(ctx, b, "color.primary"));
    assert_int_equal(pd_ctx_error_count(ctx), 1);
    pd_brand_free(b);
    pd_brand_free(NULL);
}

/* built-in < default < chain-b < chain-a < project < -s, each origin checked. */
static void test_precedence(void **state)
{
    pd_ctx *ctx = *state;
    xmlDocPtr project = parse_project(ctx, project_xml);
    const char *settings[] = {"header.text=header from -s", "page.size=Letter", NULL};
    pd_brand *b = resolve_expect(ctx, FIX "chain-a", project, settings, PD_OK);

    /* built-in only */
    assert_string_equal(pd_brand_get(b, "document.watermark"), "");
    assert_string_equal(pd_brand_origin(b, "document.watermark"), "built-in");
    /* default pack over built-in */
    assert_string_equal(pd_brand_get(b, "company.name"), "Brightwater Messaging GmbH");
    const char *o = pd_brand_origin(b, "company.name");
    assert_true(strncmp(o, "pack default (", 14) == 0);
    assert_true(strstr(o, "/templates/brands/default/brand.xml:") != NULL);
    /* ancestor over the default pack */
    assert_string_equal(pd_brand_get(b, "color.primary"), "#224466");
    assert_pack_origin(b, "color.primary", "chain-b", 4);
    /* chosen pack over its ancestor; colours stored in lower case */
    assert_string_equal(pd_brand_get(b, "color.accent"), "#aa5500");
    assert_pack_origin(b, "color.accent", "chain-a", 4);
    /* project over the chosen pack */
    assert_string_equal(pd_brand_get(b, "footer.text"), "footer from project");
    assert_string_equal(pd_brand_origin(b, "footer.text"), "project (project.xml:4)");
    assert_string_equal(pd_brand_get(b, "logo.width"), "30mm");
    assert_string_equal(pd_brand_origin(b, "logo.width"), "project (project.xml:6)");
    /* -s over the project */
    assert_string_equal(pd_brand_get(b, "header.text"), "header from -s");
    assert_string_equal(pd_brand_origin(b, "header.text"), "command line (-s)");
    /* -s over the default pack */
    assert_string_equal(pd_brand_get(b, "page.size"), "Letter");
    assert_string_equal(pd_brand_origin(b, "page.size"), "command line (-s)");

    assert_int_equal(pd_ctx_error_count(ctx), 0);
    pd_brand_free(b);
    xmlFreeDoc(project);
}

static void test_chain_order(void **state)
{
    pd_ctx *ctx = *state;
    pd_brand *b = resolve_expect(ctx, FIX "chain-a", NULL, NULL, PD_OK);
    assert_int_equal(pd_brand_pack_count(b), 3);
    char *a = fixture_dir("chain-a"), *bb = fixture_dir("chain-b");
    assert_true(pd_has_suffix(pd_brand_pack_dir(b, 0), "/templates/brands/default"));
    assert_string_equal(pd_brand_pack_dir(b, 1), bb);
    assert_string_equal(pd_brand_pack_dir(b, 2), a);
    assert_string_equal(pd_brand_pack_name(b, 0), "default");
    assert_string_equal(pd_brand_pack_name(b, 1), "chain-b");
    assert_string_equal(pd_brand_pack_name(b, 2), "chain-a");
    /* Without the project, the pack's own values stand. */
    assert_string_equal(pd_brand_get(b, "footer.text"), "footer from a");
    assert_pack_origin(b, "header.text", "chain-a", 6);
    /* The chosen pack's file, in its own folder. */
    char *mark = pd_brand_file(ctx, b, "logo.file");
    char want[PATH_MAX + 20];
    snprintf(want, sizeof want, "%s/mark.png", a);
    assert_non_null(mark);
    assert_string_equal(mark, want);
    free(mark);
    free(a);
    free(bb);
    pd_brand_free(b);
}

static void test_texts_per_language(void **state)
{
    pd_ctx *ctx = *state;
    const char *settings[] = {"cover.tagline@fr=Bonjour", NULL};
    pd_brand *b = resolve_expect(ctx, NULL, NULL, settings, PD_OK);
    /* the default pack's German legal line for de and its regions, English for the rest */
    assert_non_null(strstr(pd_brand_text(b, "company.legal", "de"), "Geschäftsführung"));
    assert_non_null(strstr(pd_brand_text(b, "company.legal", "de-CH"), "Geschäftsführung"));
    assert_non_null(strstr(pd_brand_text(b, "company.legal", "en-US"), "Managing directors"));
    assert_non_null(strstr(pd_brand_text(b, "company.legal", "it"), "Managing directors"));
    assert_string_equal(pd_brand_text(b, "cover.tagline", "fr-CH"), "Bonjour");
    assert_string_equal(pd_brand_text(b, "color.primary", "de"), pd_brand_get(b, "color.primary"));
    pd_brand_free(b);
    /* a younger layer's plain value replaces an older layer's German one */
    const char *plain[] = {"company.legal=Plain", NULL};
    b = resolve_expect(ctx, NULL, NULL, plain, PD_OK);
    assert_string_equal(pd_brand_text(b, "company.legal", "de"), "Plain");
    pd_brand_free(b);
    /* only text keys take a language */
    const char *bad[] = {"color.primary@de=#000000", NULL};
    resolve_expect(ctx, NULL, NULL, bad, PD_ERR_USAGE);
}

static void test_wording(void **state)
{
    pd_ctx *ctx = *state;
    const char *settings[] = {"wording.fr.offer.title=Devis", NULL};
    pd_brand *b = resolve_expect(ctx, FIX "chain-a", NULL, settings, PD_OK);
    /* chain-a's multi-line element, folded; it overrides chain-b's */
    assert_string_equal(pd_brand_wording(b, "en", "offer.title"), "Proposal from a");
    assert_pack_origin(b, "wording.en.offer.title", "chain-a", 8);
    assert_string_equal(pd_brand_wording(b, "de", "offer.title"), "Angebot von a");
    assert_string_equal(pd_brand_wording(b, "de-AT", "offer.title"), "Angebot von a");
    assert_string_equal(pd_brand_wording(b, "fr", "offer.title"), "Devis");
    assert_null(pd_brand_wording(b, "it", "offer.title"));
    assert_null(pd_brand_wording(b, "en", "offer.other"));
    /* Wording keys are listed with the static ones, sorted. */
    assert_int_equal(plain_key_count(b), pd_brand_keydef_count() + 3);
    assert_string_equal(pd_brand_key_at(b, pd_brand_key_count(b) - 1), "wording.fr.offer.title");
    pd_brand_free(b);
}

static void test_cycle(void **state)
{
    pd_ctx *ctx = *state;
    resolve_expect(ctx, FIX "cycle-x", NULL, NULL, PD_ERR_INPUT);
    assert_error_at(ctx, "cycle: cycle-x extends cycle-y extends cycle-x", "cycle-y/brand.xml", 3);
}

static void test_self_cycle(void **state)
{
    pd_ctx *ctx = *state;
    resolve_expect(ctx, FIX "self", NULL, NULL, PD_ERR_INPUT);
    assert_error_at(ctx, "cycle: self extends self", "self/brand.xml", 3);
}

static void test_chain_too_long(void **state)
{
    pd_ctx *ctx = *state;
    resolve_expect(ctx, FIX "long-1", NULL, NULL, PD_ERR_INPUT);
    assert_error_at(ctx, "longer than 8", "long-8/brand.xml", 3);
    pd_ctx_clear_diags(ctx);
    /* Eight packs are fine. */
    pd_brand *b = resolve_expect(ctx, FIX "long-2", NULL, NULL, PD_OK);
    assert_int_equal(pd_brand_pack_count(b), 8);
    assert_string_equal(pd_brand_get(b, "header.text"), "long-2");
    pd_brand_free(b);
}

static void test_unknown_parent(void **state)
{
    pd_ctx *ctx = *state;
    resolve_expect(ctx, FIX "unknown-parent", NULL, NULL, PD_ERR_INPUT);
    assert_error_at(ctx, "extends unknown pack 'no-such-pack'", "unknown-parent/brand.xml", 3);
}

static void test_unknown_key(void **state)
{
    pd_ctx *ctx = *state;
    resolve_expect(ctx, FIX "unknown-key", NULL, NULL, PD_ERR_INPUT);
    assert_error_at(ctx, "unknown brand key 'color.primry' (did you mean color.primary?)",
                    "unknown-key/brand.xml", 5);
    pd_ctx_clear_diags(ctx);
    const char *settings[] = {"color.primry=#000000", NULL};
    resolve_expect(ctx, NULL, NULL, settings, PD_ERR_USAGE);
    assert_error_at(ctx, "-s: unknown brand key 'color.primry' (did you mean color.primary?)",
                    NULL, 0);
    pd_ctx_clear_diags(ctx);
    const char *wording[] = {"wording.english.offer.title=x", NULL};
    resolve_expect(ctx, NULL, NULL, wording, PD_ERR_USAGE);
    find_error(ctx, "malformed wording key 'wording.english.offer.title'");
}

static void test_bad_color(void **state)
{
    pd_ctx *ctx = *state;
    resolve_expect(ctx, FIX "bad-color", NULL, NULL, PD_ERR_INPUT);
    /* Both bad values are reported in one run. */
    assert_error_at(ctx, "invalid value for color.primary: '#12345' is not a colour",
                    "bad-color/brand.xml", 5);
    assert_error_at(ctx, "invalid value for color.accent: '#zzzzzz'", "bad-color/brand.xml", 6);
    pd_ctx_clear_diags(ctx);
    const char *settings[] = {"color.primary=#12345", NULL};
    resolve_expect(ctx, NULL, NULL, settings, PD_ERR_USAGE);
    assert_error_at(ctx, "-s: invalid value for color.primary: '#12345'", NULL, 0);
    pd_ctx_clear_diags(ctx);
    const char *more[] = {"color.primary=#1234567", "color.text=123456", "color.rule=",
                          "color.muted=#12345g", NULL};
    resolve_expect(ctx, NULL, NULL, more, PD_ERR_USAGE);
    assert_int_equal(pd_ctx_error_count(ctx), 4);
}

static void test_bad_paper(void **state)
{
    pd_ctx *ctx = *state;
    resolve_expect(ctx, FIX "bad-paper", NULL, NULL, PD_ERR_INPUT);
    assert_error_at(ctx, "invalid value for page.size: 'B5' is not one of A4|Letter|A5|Legal",
                    "bad-paper/brand.xml", 4);
    pd_ctx_clear_diags(ctx);
    const char *settings[] = {"page.size=a4", NULL};
    resolve_expect(ctx, NULL, NULL, settings, PD_ERR_USAGE);
    assert_error_at(ctx, "'a4' is not one of", NULL, 0);
}

static void test_values(void **state)
{
    pd_ctx *ctx = *state;
    const char *good[] = {"page.margin-top=100mm", "page.margin-left=0mm", "page.margin-right=1.5in",
                          "page.margin-bottom=2.5cm", "font.size=9.5pt", "logo.width=42mm",
                          "font.body=Noto Sans", "document.lang=de-AT", "logo.placement=left",
                          "header.logo=false", "cover.style=full", "company.name=Ünïcödé AG",
                          "document.watermark=", "document.stylesheet=partner.xsl",
                          "logo.file=logo.svg", NULL};
    pd_brand *b = resolve_expect(ctx, NULL, NULL, good, PD_OK);
    assert_true(pd_brand_length_pt(b, "page.margin-right") == 108.0);
    assert_false(pd_brand_flag(b, "header.logo"));
    pd_brand_free(b);

    const char *bad[] = {"page.margin-top=101mm", "page.margin-left=-1mm", "page.margin-left=4in",
                         "page.margin-right=1e3mm", "font.size=200pt", "logo.width=0mm",
                         "font.body=Inter, Arial", "font.body=", "document.lang=english",
                         "logo.placement=center", "header.logo=yes", "cover.style=fancy",
                         "company.name=two\nlines", "company.name=\xff\xfe",
                         "document.stylesheet=partner.xslt", "logo.file=logo.jpg",
                         "logo.file=../default/logo.png", "logo.file=/etc/logo.png", NULL};
    resolve_expect(ctx, NULL, NULL, bad, PD_ERR_USAGE);
    size_t nbad = sizeof bad / sizeof bad[0] - 1;
    assert_int_equal(pd_ctx_error_count(ctx), (int)nbad);
    find_error(ctx, "'two\\x0alines' contains a control character");
    find_error(ctx, "'\\xff\\xfe' is not valid UTF-8");
}

static void test_malformed_setting(void **state)
{
    pd_ctx *ctx = *state;
    const char *settings[] = {"color.primary", "=#000000", NULL};
    resolve_expect(ctx, NULL, NULL, settings, PD_ERR_USAGE);
    find_error(ctx, "expected key=value, got 'color.primary'");
    find_error(ctx, "expected key=value, got '=#000000'");
    /* A value may contain '='. */
    pd_ctx_clear_diags(ctx);
    const char *eq[] = {"footer.text=a=b", NULL};
    pd_brand *b = resolve_expect(ctx, NULL, NULL, eq, PD_OK);
    assert_string_equal(pd_brand_get(b, "footer.text"), "a=b");
    pd_brand_free(b);
}

static void test_unknown_pack(void **state)
{
    pd_ctx *ctx = *state;
    resolve_expect(ctx, "no-such-pack", NULL, NULL, PD_ERR_USAGE);
    find_error(ctx, "unknown brand pack 'no-such-pack'");
    pd_ctx_clear_diags(ctx);
    resolve_expect(ctx, "..", NULL, NULL, PD_ERR_USAGE);
    find_error(ctx, "'..' is not a brand pack name");
    pd_ctx_clear_diags(ctx);
    resolve_expect(ctx, FIX "no-such-folder", NULL, NULL, PD_ERR_USAGE);
    find_error(ctx, "not a brand pack folder");
    pd_ctx_clear_diags(ctx);
    /* By name, a pack is only looked up in the data dir. */
    pd_brand *b = resolve_expect(ctx, "default", NULL, NULL, PD_OK);
    pd_brand_free(b);
}

static void test_project_brand(void **state)
{
    pd_ctx *ctx = *state;
    static const char unknown[] =
        "<?xml version=\"1.0\"?>\n"
        "<project xmlns=\"urn:phasedoc:project:1\" id=\"T-2\">\n"
        "  <branding brand=\"no-such-pack\"/>\n"
        "</project>\n";
    xmlDocPtr p = parse_project(ctx, unknown);
    resolve_expect(ctx, NULL, p, NULL, PD_ERR_INPUT);
    assert_error_at(ctx, "unknown brand pack 'no-such-pack'", "project.xml", 3);
    pd_ctx_clear_diags(ctx);
    /* The caller's pack wins over the project's. */
    pd_brand *b = resolve_expect(ctx, "default", p, NULL, PD_OK);
    pd_brand_free(b);
    xmlFreeDoc(p);

    static const char named[] =
        "<?xml version=\"1.0\"?>\n"
        "<project xmlns=\"urn:phasedoc:project:1\" id=\"T-3\">\n"
        "  <branding brand=\"default\">\n"
        "    <set key=\"document.watermark\" value=\"DRAFT\"/>\n"
        "    <set key=\"document.watermark\" value=\"CONFIDENTIAL\"/>\n"
        "  </branding>\n"
        "</project>\n";
    p = parse_project(ctx, named);
    b = resolve_expect(ctx, NULL, p, NULL, PD_OK);
    assert_string_equal(pd_brand_get(b, "document.watermark"), "CONFIDENTIAL");
    assert_string_equal(pd_brand_origin(b, "document.watermark"), "project (project.xml:5)");
    /* Set twice in one file: a warning, the later value wins. */
    assert_int_equal(pd_ctx_diag_count(ctx), 1);
    assert_int_equal(pd_ctx_diag(ctx, 0)->severity, PD_WARNING);
    assert_int_equal(pd_ctx_diag(ctx, 0)->line, 5);
    pd_brand_free(b);
    xmlFreeDoc(p);
}

static void test_project_bad_values(void **state)
{
    pd_ctx *ctx = *state;
    static const char bad[] =
        "<?xml version=\"1.0\"?>\n"
        "<project xmlns=\"urn:phasedoc:project:1\" id=\"T-4\">\n"
        "  <branding>\n"
        "    <set key=\"colr.primary\" value=\"#000000\"/>\n"
        "    <set key=\"page.size\" value=\"B5\"/>\n"
        "    <set key=\"logo.file\" value=\"../../etc/logo.png\"/>\n"
        "  </branding>\n"
        "</project>\n";
    xmlDocPtr p = parse_project(ctx, bad);
    /* A bad -s as well: the file's problem decides the status. */
    const char *settings[] = {"page.size=B5", NULL};
    resolve_expect(ctx, NULL, p, settings, PD_ERR_INPUT);
    assert_error_at(ctx, "unknown brand key 'colr.primary' (did you mean color.primary?)",
                    "project.xml", 4);
    assert_error_at(ctx, "'B5' is not one of", "project.xml", 5);
    assert_error_at(ctx, "leaves the pack folder", "project.xml", 6);
    assert_error_at(ctx, "-s: invalid value for page.size", NULL, 0);
    xmlFreeDoc(p);
}

static void test_bad_pack_files(void **state)
{
    pd_ctx *ctx = *state;
    resolve_expect(ctx, FIX "bad-schema", NULL, NULL, PD_ERR_INPUT);
    const pd_diag *d = pd_ctx_diag(ctx, 0);
    assert_non_null(d);
    assert_true(pd_has_suffix(d->file, "bad-schema/brand.xml"));
    assert_int_equal(d->line, 4);
    pd_ctx_clear_diags(ctx);
    resolve_expect(ctx, FIX "not-wellformed", NULL, NULL, PD_ERR_INPUT);
    d = pd_ctx_diag(ctx, 0);
    assert_non_null(d);
    assert_true(pd_has_suffix(d->file, "not-wellformed/brand.xml"));
    assert_int_equal(d->line, 4);
}

/* ---- files that leave the pack ---- */

static void test_logo_dotdot(void **state)
{
    pd_ctx *ctx = *state;
    resolve_expect(ctx, FIX "logo-dotdot", NULL, NULL, PD_ERR_INPUT);
    assert_error_at(ctx, "'../outside.png' leaves the pack folder", "logo-dotdot/brand.xml", 4);
}

static void test_logo_absolute(void **state)
{
    pd_ctx *ctx = *state;
    resolve_expect(ctx, FIX "logo-absolute", NULL, NULL, PD_ERR_INPUT);
    assert_error_at(ctx, "'/etc/logo.png' leaves the pack folder", "logo-absolute/brand.xml", 4);
}

static void test_logo_symlink(void **state)
{
    pd_ctx *ctx = *state;
    struct stat st;
    assert_int_equal(lstat(FIX "logo-symlink/logo.png", &st), 0);
    assert_true(S_ISLNK(st.st_mode)); /* the checkout kept the link */
    assert_int_equal(stat(FIX "logo-symlink/logo.png", &st), 0); /* and it leads somewhere */
    pd_brand *b = resolve_expect(ctx, FIX "logo-symlink", NULL, NULL, PD_OK);
    assert_null(pd_brand_file(ctx, b, "logo.file"));
    assert_error_at(ctx, "symbolic link", "logo-symlink/brand.xml", 4);
    pd_brand_free(b);
}

static void test_logo_missing(void **state)
{
    pd_ctx *ctx = *state;
    pd_brand *b = resolve_expect(ctx, FIX "logo-missing", NULL, NULL, PD_OK);
    assert_null(pd_brand_file(ctx, b, "logo.file"));
    assert_error_at(ctx, "'missing.png' does not exist in the pack folder",
                    "logo-missing/brand.xml", 4);
    pd_brand_free(b);
}

/* A file key from -s or the project is looked up in the chosen pack. */
static void test_file_from_settings(void **state)
{
    pd_ctx *ctx = *state;
    const char *svg[] = {"logo.file=logo.svg", NULL};
    pd_brand *b = resolve_expect(ctx, NULL, NULL, svg, PD_OK);
    char *path = pd_brand_file(ctx, b, "logo.file");
    assert_non_null(path);
    assert_true(pd_has_suffix(path, "/templates/brands/default/logo.svg"));
    free(path);
    pd_brand_free(b);

    const char *missing[] = {"logo.file=logo.svg", NULL};
    b = resolve_expect(ctx, FIX "chain-a", NULL, missing, PD_OK);
    assert_null(pd_brand_file(ctx, b, "logo.file"));
    assert_error_at(ctx, "-s: logo.file 'logo.svg' does not exist", NULL, 0);
    pd_brand_free(b);
    pd_ctx_clear_diags(ctx);

    const char *none[] = {"logo.file=", NULL};
    b = resolve_expect(ctx, FIX "chain-a", NULL, none, PD_OK);
    assert_null(pd_brand_file(ctx, b, "logo.file"));
    assert_int_equal(pd_ctx_error_count(ctx), 0);
    pd_brand_free(b);
}

/* A pack folder may be a link to a pack kept elsewhere; its brand.xml may not lead out of it. */
static void test_pack_links(void **state)
{
    pd_ctx *ctx = *state;
    char tmp[] = "/tmp/pd-brand-XXXXXX";
    assert_non_null(mkdtemp(tmp));
    char *chain_b = fixture_dir("chain-b"), *dflt = realpath("templates/brands/default", NULL);
    assert_non_null(dflt);
    char link[PATH_MAX], leak[PATH_MAX], file[PATH_MAX + 20], target[PATH_MAX + 20];
    snprintf(link, sizeof link, "%s/linked", tmp);
    snprintf(leak, sizeof leak, "%s/leaky", tmp);
    snprintf(file, sizeof file, "%s/brand.xml", leak);
    snprintf(target, sizeof target, "%s/brand.xml", dflt);
    assert_int_equal(symlink(chain_b, link), 0);
    assert_int_equal(mkdir(leak, 0755), 0);
    assert_int_equal(symlink(target, file), 0);

    pd_brand *b = resolve_expect(ctx, link, NULL, NULL, PD_OK);
    assert_string_equal(pd_brand_pack_dir(b, 1), chain_b);
    pd_brand_free(b);
    resolve_expect(ctx, leak, NULL, NULL, PD_ERR_USAGE);
    find_error(ctx, "not a brand pack folder");

    unlink(file);
    rmdir(leak);
    unlink(link);
    rmdir(tmp);
    free(chain_b);
    free(dflt);
}

static void test_print(void **state)
{
    pd_ctx *ctx = *state;
    pd_brand *b = resolve_expect(ctx, FIX "chain-a", NULL, NULL, PD_OK);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    pd_brand_print(b, out);
    fclose(out);
    size_t lines = 0;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, pd_brand_key_count(b));
    char *line = strstr(text, "color.accent ");
    assert_non_null(line);
    char *end = strchr(line, '\n');
    assert_non_null(end);
    *end = '\0';
    assert_non_null(strstr(line, " #aa5500 "));
    assert_non_null(strstr(line, "  pack chain-a ("));
    /* The origin column starts at the same place on every line with a short value. */
    char *wm = strstr(end + 1, "document.watermark ");
    assert_non_null(wm);
    assert_non_null(strstr(wm, "\"\""));
    assert_int_equal(strstr(line, "pack chain-a") - line, strstr(wm, "built-in") - wm);
    free(text);
    pd_brand_free(b);
}

int main(void)
{
    /* The data dir is the project root: `make unit` runs from there. */
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd) || setenv("PHASEDOC_DATA", cwd, 1) != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_table),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_relpath),
        cmocka_unit_test_setup_teardown(test_default_pack, setup, teardown),
        cmocka_unit_test_setup_teardown(test_precedence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chain_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_texts_per_language, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wording, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_self_cycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chain_too_long, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_parent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_color, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_paper, setup, teardown),
        cmocka_unit_test_setup_teardown(test_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed_setting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_pack, setup, teardown),
        cmocka_unit_test_setup_teardown(test_project_brand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_project_bad_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_pack_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_logo_dotdot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_logo_absolute, setup, teardown),
        cmocka_unit_test_setup_teardown(test_logo_symlink, setup, teardown),
        cmocka_unit_test_setup_teardown(test_logo_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_from_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pack_links, setup, teardown),
        cmocka_unit_test_setup_teardown(test_print, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
