/* test_pdf.c — the PDF pieces of finishing and signing: strings, names and dates; the object
 * reader and writer; reading cross-reference tables across revisions; the finisher over a
 * file laid out as cairo lays it out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "group_ctx.h"

#include "ctx.h"
#include "doc.h"
#include "artifact.h"
#include "finish.h"
#include "obj.h"
#include "output.h"
#include "pdfstr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

static char *written(pd_buf *b) { return b->data ? b->data : ""; }

/* needle in n bytes that may hold NULs (the deflated profile) */
static const char *find(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return hay + i;
    return NULL;
}

static void test_text_strings(void **state)
{
    (void)state;
    pd_buf b;
    pd_buf_init(&b, 1 << 20);
    pd_pdf_text_string(&b, "a (b) \\c");
    assert_string_equal(written(&b), "(a \\(b\\) \\\\c)");
    pd_buf_free(&b);
    pd_pdf_text_string(&b, "Ö€");
    assert_string_equal(written(&b), "<FEFF00D620AC>");
    pd_buf_free(&b);
    pd_pdf_name(&b, "a b/c#d");
    assert_string_equal(written(&b), "/a#20b#2Fc#23d");
    pd_buf_free(&b);
    pd_xml_escape(&b, "<a & \"b\">\x01");
    assert_string_equal(written(&b), "&lt;a &amp; &quot;b&quot;&gt;");
    pd_buf_free(&b);
}

static void test_dates(void **state)
{
    (void)state;
    char d[40];
    assert_true(pd_pdf_date("2026-11-20T00:00:00Z", d, sizeof d));
    assert_string_equal(d, "D:20261120000000Z");
    assert_true(pd_pdf_date("2026-11-20T13:05:09+01:00", d, sizeof d));
    assert_string_equal(d, "D:20261120130509+01'00'");
    assert_false(pd_pdf_date("2026-11-20", d, sizeof d));
    assert_false(pd_pdf_date("20261120000000Z", d, sizeof d));
}

static pd_obj *parse_all(const char *s)
{
    const char *p = s;
    return pd_obj_parse(&p, s + strlen(s));
}

static void test_objects_read_and_written_back(void **state)
{
    (void)state;
    const char *src = "<< /Type /Annot /Rect [ 1 2.5 -3 .4 ] /P 12 0 R /T (a\\(b\\)\\n\\101)"
                      " /H <4142 4> /B true /N null /K [ 1 0 R 2 ] /Name#20X /x % comment\n"
                      " /D << /E [ [ ] ] >> >>";
    pd_obj *o = parse_all(src);
    assert_non_null(o);
    assert_int_equal(o->type, PD_OBJ_DICT);
    assert_true(pd_obj_is_name(pd_dict_get(o, "Type"), "Annot"));
    pd_obj *p = pd_dict_get(o, "P");
    assert_int_equal(p->type, PD_OBJ_REF);
    assert_int_equal(p->num, 12);
    pd_obj *t = pd_dict_get(o, "T");
    assert_int_equal(t->len, 6);
    assert_memory_equal(t->text, "a(b)\nA", 6);
    pd_obj *h = pd_dict_get(o, "H");
    assert_true(h->hex);
    assert_memory_equal(h->text, "AB@", 3);
    pd_obj *k = pd_dict_get(o, "K");
    assert_int_equal(k->count, 2);
    assert_int_equal(k->items[0]->type, PD_OBJ_REF);
    assert_string_equal(k->items[1]->text, "2");
    assert_true(pd_obj_is_name(pd_dict_get(o, "Name X"), "x"));
    pd_buf b;
    pd_buf_init(&b, 1 << 20);
    pd_obj_write(&b, o);
    assert_string_equal(written(&b),
                        "<< /Type /Annot /Rect [ 1 2.5 -3 .4 ] /P 12 0 R /T (a\\(b\\)\\012A)"
                        " /H <414240> /B true /N null /K [ 1 0 R 2 ] /Name#20X /x"
                        " /D << /E [ [ ] ] >> >>");
    /* what is written reads back the same */
    pd_obj *again = parse_all(written(&b));
    pd_buf b2;
    pd_buf_init(&b2, 1 << 20);
    pd_obj_write(&b2, again);
    assert_string_equal(written(&b), written(&b2));
    pd_obj *c = pd_obj_clone(o);
    assert_true(pd_dict_set(c, "P", pd_obj_ref(99, 0)));
    assert_true(pd_dict_set(c, "V", pd_obj_int(3)));
    assert_int_equal(pd_dict_get(c, "P")->num, 99);
    assert_int_equal(pd_dict_get(o, "P")->num, 12);
    assert_int_equal(pd_obj_integer(pd_dict_get(c, "V")), 3);
    pd_buf_free(&b);
    pd_buf_free(&b2);
    pd_obj_free(o);
    pd_obj_free(again);
    pd_obj_free(c);
}

static void test_bad_objects_refused(void **state)
{
    (void)state;
    const char *bad[] = {"<< /A 1", "[ 1 2", "(unclosed", "<41 zz>", "<< 1 2 >>", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_null(parse_all(bad[i]));
    /* nesting deeper than 64 */
    char deep[200];
    memset(deep, '[', 100);
    memset(deep + 100, ']', 99);
    deep[199] = '\0';
    assert_null(parse_all(deep));
}

/* A small PDF with an incremental update: object 2 replaced in the second revision. */
static size_t make_pdf(char *out, size_t size)
{
    size_t n = 0;
    size_t o1, o2, o2b, x1, x2;
    n += (size_t)snprintf(out + n, size - n, "%%PDF-1.5\n%%\xb5\xed\xae\xfb\n");
    o1 = n;
    n += (size_t)snprintf(out + n, size - n, "1 0 obj\n<< /Type /Catalog /V 2 0 R >>\nendobj\n");
    o2 = n;
    n += (size_t)snprintf(out + n, size - n, "2 0 obj\n(old)\nendobj\n");
    x1 = n;
    n += (size_t)snprintf(out + n, size - n,
                          "xref\n0 3\n0000000000 65535 f \n%010zu 00000 n \n%010zu 00000 n \n"
                          "trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                          o1, o2, x1);
    o2b = n;
    n += (size_t)snprintf(out + n, size - n, "2 0 obj\n(new)\nendobj\n");
    x2 = n;
    n += (size_t)snprintf(out + n, size - n,
                          "xref\n2 1\n%010zu 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R /Prev %zu "
                          ">>\nstartxref\n%zu\n%%%%EOF\n",
                          o2b, x1, x2);
    return n;
}

static void test_revisions(void **state)
{
    (void)state;
    char data[2048];
    size_t len = make_pdf(data, sizeof data);
    pd_pdf_doc doc;
    assert_int_equal(pd_pdf_doc_open(ctx, "t.pdf", data, len, &doc), PD_OK);
    assert_int_equal(doc.size, 3);
    pd_obj *v = pd_pdf_doc_load(&doc, 2);
    assert_non_null(v);
    assert_memory_equal(v->text, "new", 3); /* the newest revision wins */
    pd_obj *cat = pd_pdf_doc_load(&doc, 1);
    pd_obj *owned;
    pd_obj *r = pd_pdf_doc_resolve(&doc, pd_dict_get(cat, "V"), &owned);
    assert_memory_equal(r->text, "new", 3);
    assert_null(pd_pdf_doc_load(&doc, 7));
    pd_obj_free(owned);
    pd_obj_free(cat);
    pd_obj_free(v);
    pd_pdf_doc_close(&doc);
    /* a file cut short, or not a PDF */
    pd_ctx_clear_diags(ctx);
    assert_int_equal(pd_pdf_doc_open(ctx, "t.pdf", data, len / 2, &doc), PD_ERR_INPUT);
    assert_int_equal(pd_pdf_doc_open(ctx, "t.pdf", "hello", 5, &doc), PD_ERR_INPUT);
    assert_true(pd_ctx_error_count(ctx) >= 2);
    pd_ctx_clear_diags(ctx);
}

/* Objects and a table as cairo 1.16 writes them: a stream whose length follows it (with
 * "endstream" inside its data; not compressed, unlike cairo's page contents, which the
 * finisher inflates: test_artifacts), a page, a catalogue, the document information. */
static size_t make_cairo_like(char *out, size_t size, bool wrong_xref)
{
    size_t n = 0, at[8] = {0};
    n += (size_t)snprintf(out + n, size - n, "%%PDF-1.5\n%%\xb5\xed\xae\xfb\n");
    at[4] = n;
    static const char data[] = "q\nendstream\nnot yet\nQ";
    n += (size_t)snprintf(out + n, size - n,
                          "4 0 obj\n<< /Length 5 0 R\n>>\nstream\n%s"
                          "\nendstream\nendobj\n",
                          data);
    at[5] = n;
    n += (size_t)snprintf(out + n, size - n, "5 0 obj\n   %zu\nendobj\n", sizeof data - 1);
    at[2] = n;
    n += (size_t)snprintf(out + n, size - n,
                          "2 0 obj\n<< /Type /Page %% 1\n   /Parent 1 0 R\n   /Contents 4 0 R\n"
                          ">>\nendobj\n");
    at[1] = n;
    n += (size_t)snprintf(out + n, size - n,
                          "1 0 obj\n<< /Type /Pages\n   /Kids [ 2 0 R ]\n   /Count 1\n>>\nendobj\n");
    at[6] = n;
    n += (size_t)snprintf(out + n, size - n,
                          "6 0 obj\n<< /Producer (cairo)\n   /Title (x)\n>>\nendobj\n");
    at[7] = n;
    n += (size_t)snprintf(out + n, size - n,
                          "7 0 obj\n<< /Type /Catalog\n   /Pages 1 0 R\n>>\nendobj\n");
    size_t x = n;
    n += (size_t)snprintf(out + n, size - n, "xref\n0 8\n0000000000 65535 f \n");
    for (int i = 1; i < 8; i++)
        n += (size_t)snprintf(out + n, size - n, "%010zu 00000 %c \n",
                              i == 3 ? 0 : at[i] + (wrong_xref && i == 4), i == 3 ? 'f' : 'n');
    n += (size_t)snprintf(out + n, size - n,
                          "trailer\n<< /Size 8\n   /Root 7 0 R\n   /Info 6 0 R\n>>\nstartxref\n"
                          "%zu\n%%%%EOF\n",
                          x);
    return n;
}

static char *finish_file(const char *in, size_t len, size_t chunk, pd_status *st, size_t *outlen)
{
    char path[] = "/tmp/pd-test-pdf-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    pd_output *o;
    assert_int_equal(pd_output_open(ctx, path, &o), PD_OK);
    pd_pdf_meta meta = {"Title (1)", "Ä Author", "", "k", "phasedoc", "de", "2026-11-20T00:00:00Z"};
    pd_pdf_finish *f = pd_pdf_finish_new(ctx, o, &meta);
    pd_widget w = {PD_WIDGET_SIGNATURE, 1, 10, 10, 100, 40, "customer", NULL, "Sign", NULL,
                   false, 0, 0, 0};
    pd_pdf_finish_add_widget(f, &w);
    for (size_t i = 0; i < len; i += chunk) /* cairo's pieces are a few bytes each */
        pd_pdf_finish_write(f, in + i, len - i < chunk ? len - i : chunk);
    *st = pd_pdf_finish_end(f);
    pd_pdf_finish_free(f);
    char *result = NULL;
    if (*st == PD_OK && pd_output_commit(ctx, o) == PD_OK) {
        FILE *fp = fopen(path, "rb");
        result = calloc(1, 1 << 20);
        *outlen = fread(result, 1, (1 << 20) - 1, fp);
        fclose(fp);
    } else if (*st != PD_OK)
        pd_output_abort(o);
    unlink(path);
    return result;
}

static void test_finisher(void **state)
{
    (void)state;
    char in[4096];
    size_t len = make_cairo_like(in, sizeof in, false), n1 = 0, n2 = 0;
    pd_status st;
    char *a = finish_file(in, len, 3, &st, &n1);
    assert_int_equal(st, PD_OK);
    char *b = finish_file(in, len, 4096, &st, &n2);
    assert_int_equal(st, PD_OK);
    /* the same bytes however cairo cuts its output */
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    assert_non_null(find(a, n1, "/ID [ <"));
    assert_non_null(find(a, n1, "<pdfaid:part>2</pdfaid:part>"));
    assert_non_null(find(a, n1, "/CreationDate (D:20261120000000Z)"));
    assert_non_null(find(a, n1, "/Title (Title \\(1\\))"));
    assert_non_null(find(a, n1, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Title (1)"));
    assert_non_null(find(a, n1, "/Tabs /S"));
    assert_non_null(find(a, n1, "/Annots [ 10 0 R ]")); /* after cairo's, metadata, profile */
    assert_non_null(find(a, n1, "/FT /Sig"));
    assert_non_null(find(a, n1, "/Lang (de)"));
    assert_null(find(a, n1, "cairo")); /* its document information is replaced */
    assert_non_null(find(a, n1, "q\nendstream\nnot yet\nQ")); /* stream data untouched */
    const char *eof = find(a, n1, "%%EOF");
    assert_non_null(eof);
    assert_null(find(eof + 1, n1 - (size_t)(eof + 1 - a), "%%EOF"));
    /* every object where the table says */
    pd_pdf_doc doc;
    assert_int_equal(pd_pdf_doc_open(ctx, "out.pdf", a, n1, &doc), PD_OK);
    for (long i = 1; i < doc.size; i++)
        if (i != 3) {
            pd_obj *o = pd_pdf_doc_load(&doc, i);
            assert_non_null(o);
            pd_obj_free(o);
        }
    pd_pdf_doc_close(&doc);
    free(a);
    free(b);
    /* a table that does not match what was found: refused, nothing half-written kept */
    len = make_cairo_like(in, sizeof in, true);
    pd_ctx_clear_diags(ctx);
    a = finish_file(in, len, 7, &st, &n1);
    assert_int_equal(st, PD_ERR_SYSTEM);
    assert_null(a);
    assert_int_equal(pd_ctx_error_count(ctx), 1);
    pd_ctx_clear_diags(ctx);
}

/* data deflated; the inflated result of rewriting it (or NULL when nothing changed) */
static char *rewrite(const char *plain, int *mcids, int *n, const char **why)
{
    uLongf zlen = compressBound(strlen(plain));
    unsigned char *z = malloc(zlen);
    assert_int_equal(compress(z, &zlen, (const Bytef *)plain, strlen(plain)), Z_OK);
    size_t out_len = 0;
    bool changed = true;
    int *found = NULL;
    unsigned char *out = pd_artifact_rewrite(z, zlen, &out_len, &found, n, &changed, why);
    free(z);
    for (int i = 0; i < *n && i < 8; i++)
        mcids[i] = found[i];
    free(found);
    assert_true(changed == (out != NULL));
    if (!out)
        return NULL;
    uLongf plen = 1 << 16;
    char *p = calloc(1, plen + 1);
    assert_int_equal(uncompress((Bytef *)p, &plen, out, out_len), Z_OK);
    free(out);
    return p;
}

static void test_artifacts(void **state)
{
    (void)state;
    int mcids[8], n = 0;
    const char *why = NULL;
    char *r = rewrite("q\n/RB << /MCID 0 >> BDC\n0 0 9 9 re f\nEMC\n/RT << /MCID 1 >> BDC\nBT\n"
                      "(Header)Tj\nET\nEMC\n/RP << /MCID 2 >> BDC\n(Page 1 of 2)Tj\nEMC\n"
                      "/P << /MCID 3 >> BDC\n(/RT << /MCID 9 >> BDC)Tj\nEMC\n"
                      "/WP << /MCID 4 >> BDC\n(DRAFT)Tj\nEMC\nQ\n",
                      mcids, &n, &why);
    assert_non_null(r);
    assert_null(why);
    assert_string_equal(r, "q\n/Artifact << /Type /Background >> BDC\n0 0 9 9 re f\nEMC\n"
                           "/Artifact << /Type /Pagination /Subtype /Header >> BDC\nBT\n"
                           "(Header)Tj\nET\nEMC\n"
                           "/Artifact << /Type /Pagination /Subtype /Footer >> BDC\n"
                           "(Page 1 of 2)Tj\nEMC\n"
                           "/P << /MCID 0 >> BDC\n(/RT << /MCID 9 >> BDC)Tj\nEMC\n"
                           "/Artifact << /Type /Pagination /Subtype /Watermark >> BDC\n"
                           "(DRAFT)Tj\nEMC\nQ\n");
    assert_int_equal(n, 4);
    assert_int_equal(mcids[0], 0);
    assert_int_equal(mcids[1], 1);
    assert_int_equal(mcids[2], 2);
    assert_int_equal(mcids[3], 4);
    free(r);
    /* no marker (a ToUnicode map, a page without furniture): passed on as it is */
    assert_null(rewrite("/P << /MCID 0 >> BDC\n(x)Tj\nEMC\n", mcids, &n, &why));
    assert_null(why);
    assert_int_equal(n, 0);
    /* marked content out of order: refused, since renumbering assumes cairo's order */
    assert_null(rewrite("/RT << /MCID 1 >> BDC\nEMC\n/P << /MCID 0 >> BDC\nEMC\n", mcids, &n,
                        &why));
    assert_non_null(why);
    /* a marker cairo would not write so: refused */
    assert_null(rewrite("/RT << /MCID 0 /X 1 >> BDC\nEMC\n", mcids, &n, &why));
    assert_non_null(why);
    /* data that does not inflate: refused */
    size_t out_len;
    bool changed;
    int *found = NULL;
    why = NULL;
    assert_null(pd_artifact_rewrite((const unsigned char *)"q Q", 3, &out_len, &found, &n,
                                    &changed, &why));
    assert_non_null(why);
    free(found);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_strings),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_objects_read_and_written_back),
        cmocka_unit_test(test_bad_objects_refused),
        cmocka_unit_test(test_revisions),
        cmocka_unit_test(test_finisher),
        cmocka_unit_test(test_artifacts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
