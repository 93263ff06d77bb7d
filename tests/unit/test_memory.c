/* test_memory.c — rendering from memory: a buffer in, a buffer or a callback out, the same
 * bytes and the same confinement as a file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "group_ctx.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    b[n] = '\0';
    *len = (size_t)n;
    return b;
}

static const pd_diag *first_error(void)
{
    for (size_t i = 0; i < pd_ctx_diag_count(ctx); i++)
        if (pd_ctx_diag(ctx, i)->severity == PD_ERROR)
            return pd_ctx_diag(ctx, i);
    return NULL;
}

/* The buffer gives the very bytes the file gives (renders are reproducible). */
static void test_same_bytes_as_a_file(void **state)
{
    (void)state;
    size_t len, flen, plen;
    char *xml = slurp("samples/reference.xml", &len);
    pd_options o = {.kind = "approval"};
    char out[] = "/tmp/pd-test-memory-XXXXXX";
    int fd = mkstemp(out);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(pd_render_file(ctx, "samples/reference.xml", &o, out), PD_OK);
    char *file = slurp(out, &flen);
    unlink(out);
    char *pdf = NULL;
    pd_render_stats stats = {0};
    assert_int_equal(pd_render_memory(ctx, xml, len, "reference.xml", &o, &pdf, &plen, &stats),
                     PD_OK);
    assert_non_null(pdf);
    assert_true(plen > 1000 && memcmp(pdf, "%PDF-", 5) == 0);
    assert_int_equal(plen, flen);
    assert_memory_equal(pdf, file, plen);
    assert_true(stats.pages >= 1);
    free(pdf);
    free(file);
    free(xml);
}

typedef struct {
    size_t calls, bytes;
    int fail;
} sink;

static int collect(const void *data, size_t len, void *user)
{
    sink *s = user;
    (void)data;
    s->calls++;
    s->bytes += len;
    return s->fail;
}

static void test_callback(void **state)
{
    (void)state;
    size_t len;
    char *xml = slurp("samples/reference.xml", &len);
    sink s = {0};
    assert_int_equal(pd_render_memory_to(ctx, xml, len, NULL, NULL, collect, &s, NULL), PD_OK);
    assert_true(s.calls >= 1 && s.bytes > 1000);
    sink refusing = {.fail = 1};
    pd_ctx_clear_diags(ctx);
    assert_int_equal(pd_render_memory_to(ctx, xml, len, NULL, NULL, collect, &refusing, NULL),
                     PD_ERR_SYSTEM);
    assert_non_null(first_error());
    free(xml);
}

/* Diagnostics name the buffer as the file, with its line; nothing is handed out. */
static void test_broken_buffer(void **state)
{
    (void)state;
    static const char broken[] = "<?xml version=\"1.0\"?>\n<project xmlns=\"urn:phasedoc:project:1\">\n"
                                 "  <customer>\n</project>\n";
    pd_ctx_clear_diags(ctx);
    char *pdf = (char *)1;
    size_t n = 1;
    assert_int_equal(pd_render_memory(ctx, broken, sizeof broken - 1, "crm-record-42", NULL,
                                      &pdf, &n, NULL),
                     PD_ERR_INPUT);
    assert_null(pdf);
    assert_int_equal(n, 0);
    const pd_diag *d = first_error();
    assert_non_null(d);
    assert_string_equal(d->file, "crm-record-42");
    assert_true(d->line >= 2);
    sink s = {0};
    assert_int_equal(pd_render_memory_to(ctx, broken, sizeof broken - 1, NULL, NULL, collect, &s,
                                         NULL),
                     PD_ERR_INPUT);
    assert_int_equal(s.calls, 0);
    assert_int_equal(pd_validate_memory(ctx, broken, sizeof broken - 1, "x"), PD_ERR_INPUT);
}

static void test_validate_and_layout(void **state)
{
    (void)state;
    size_t len, a, b;
    char *xml = slurp("samples/reference.xml", &len);
    assert_int_equal(pd_validate_memory(ctx, xml, len, "reference.xml"), PD_OK);
    pd_options o = {.kind = "offer"};
    char *from_file = NULL, *from_memory = NULL;
    assert_int_equal(pd_layout_file(ctx, "samples/reference.xml", &o, &from_file, &a), PD_OK);
    assert_int_equal(pd_layout_memory(ctx, xml, len, "reference.xml", &o, &from_memory, &b),
                     PD_OK);
    assert_int_equal(a, b);
    assert_memory_equal(from_file, from_memory, a);
    free(from_file);
    free(from_memory);
    free(xml);
}

static const char layout_with_image[] =
    "<?xml version=\"1.0\"?>\n<document xmlns=\"urn:phasedoc:layout:1\" lang=\"en\" title=\"t\">"
    "<page-master name=\"p\" size=\"A4\"/><flow master=\"p\"><p>Logo:</p>"
    "<image src=\"%s\" width=\"30mm\" alt=\"logo\"/></flow></document>\n";

/* A buffer has no folder: a relative image source is relative to the data dir's templates/
 * (the brand packs), never to the name given or the current folder; nothing outside
 * templates/ is read. */
static void test_images_only_from_templates(void **state)
{
    (void)state;
    char xml[1024], *pdf = NULL;
    size_t n;
    snprintf(xml, sizeof xml, layout_with_image, "brands/default/logo.png");
    assert_int_equal(pd_render_memory(ctx, xml, strlen(xml), "samples/x.layout.xml", NULL, &pdf,
                                      &n, NULL),
                     PD_OK);
    free(pdf);
    /* templates/brands/default/logo.png is next to the name: fine from a file there, not here */
    snprintf(xml, sizeof xml, layout_with_image, "logo.png");
    pd_ctx_clear_diags(ctx);
    pdf = NULL;
    assert_int_not_equal(pd_render_memory(ctx, xml, strlen(xml),
                                          "templates/brands/default/x.layout.xml", NULL, &pdf, &n,
                                          NULL),
                         PD_OK);
    assert_null(pdf);
    assert_non_null(first_error());
    /* nor may it climb out of templates/ */
    snprintf(xml, sizeof xml, layout_with_image, "../samples/brands/kalkberg/logo.svg");
    pd_ctx_clear_diags(ctx);
    pdf = NULL;
    assert_int_not_equal(pd_render_memory(ctx, xml, strlen(xml), "samples/x.layout.xml", NULL,
                                          &pdf, &n, NULL),
                         PD_OK);
    assert_null(pdf);
    assert_non_null(strstr(first_error()->message, "outside"));
}

static void test_pdf_only(void **state)
{
    (void)state;
    size_t len, n;
    char *xml = slurp("samples/reference.xml", &len), *pdf = NULL;
    pd_options o = {.format = "png"};
    assert_int_equal(pd_render_memory(ctx, xml, len, NULL, &o, &pdf, &n, NULL), PD_ERR_USAGE);
    assert_null(pdf);
    assert_int_equal(pd_render_memory(ctx, NULL, 10, NULL, NULL, &pdf, &n, NULL), PD_ERR_USAGE);
    free(xml);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_bytes_as_a_file),
        cmocka_unit_test(test_callback),
        cmocka_unit_test(test_broken_buffer),
        cmocka_unit_test(test_validate_and_layout),
        cmocka_unit_test(test_images_only_from_templates),
        cmocka_unit_test(test_pdf_only),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
