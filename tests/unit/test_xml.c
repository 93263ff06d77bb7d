/* test_xml.c — the hardened XML entry: what it refuses, and where it says the error is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "ctx.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int setup(void **state)
{
    setenv("PHASEDOC_DATA", ".", 1);
    *state = pd_ctx_new();
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    pd_ctx_free(*state);
    return 0;
}

static xmlDocPtr parse(pd_ctx *ctx, const char *s)
{
    return pd_xml_parse(ctx, s, strlen(s), "t.xml");
}

static const pd_diag *first_error(pd_ctx *ctx)
{
    for (size_t i = 0; i < pd_ctx_diag_count(ctx); i++)
        if (pd_ctx_diag(ctx, i)->severity == PD_ERROR)
            return pd_ctx_diag(ctx, i);
    return NULL;
}

static void parses_wellformed(void **state)
{
    pd_ctx *ctx = *state;
    xmlDocPtr doc = parse(ctx, "<a>\n  <b x='1'>text</b>\n</a>");
    assert_non_null(doc);
    assert_int_equal(pd_ctx_error_count(ctx), 0);
    assert_string_equal(pd_xml_doc_name(doc), "t.xml");
    xmlFreeDoc(doc);
}

static void contains_looks_at_every_depth(void **state)
{
    xmlDocPtr doc = parse(*state, "<a><b>text<c/></b><d><e><page-count/></e></d></a>");
    assert_non_null(doc);
    xmlNode *root = xmlDocGetRootElement(doc);
    static const char *const count[] = {"page-count", NULL}, *const cd[] = {"x", "c", NULL},
                             *const none[] = {"a", NULL};
    assert_true(pd_xml_contains(root, count));
    assert_true(pd_xml_contains(root, cd));
    assert_false(pd_xml_contains(root, none)); /* below, not the node itself */
    assert_false(pd_xml_contains(root->children, count));
    assert_false(pd_xml_contains(NULL, count));
    xmlFreeDoc(doc);
}

static void mismatched_tag_has_line_and_column(void **state)
{
    pd_ctx *ctx = *state;
    assert_null(parse(ctx, "<a>\n  <b></c>\n</a>"));
    const pd_diag *d = first_error(ctx);
    assert_non_null(d);
    assert_string_equal(d->file, "t.xml");
    assert_int_equal(d->line, 2);
    assert_true(d->column > 0);
}

static void doctype_is_refused(void **state)
{
    pd_ctx *ctx = *state;
    assert_null(parse(ctx, "<?xml version='1.0'?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "
                           "'file:///etc/passwd'>]>\n<a>&x;</a>"));
    const pd_diag *d = first_error(ctx);
    assert_non_null(d);
    assert_int_equal(d->line, 2);
    assert_non_null(strstr(d->message, "DOCTYPE"));
}

static void internal_entity_bomb_is_refused_quickly(void **state)
{
    pd_ctx *ctx = *state;
    const char *bomb = "<!DOCTYPE a [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;'>"
                       "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;'>]><a>&c;</a>";
    assert_null(parse(ctx, bomb));
    assert_true(pd_ctx_error_count(ctx) > 0);
}

static void undefined_entity_is_an_error(void **state)
{
    pd_ctx *ctx = *state;
    assert_null(parse(ctx, "<a>&nope;</a>"));
    assert_true(pd_ctx_error_count(ctx) > 0);
}

static void xinclude_is_not_processed(void **state)
{
    pd_ctx *ctx = *state;
    xmlDocPtr doc = parse(ctx, "<a xmlns:xi='http://www.w3.org/2001/XInclude'>"
                               "<xi:include href='/etc/passwd' parse='text'/></a>");
    assert_non_null(doc);
    xmlChar *text = xmlNodeGetContent(xmlDocGetRootElement(doc));
    assert_string_equal((const char *)text, "");
    xmlFree(text);
    xmlFreeDoc(doc);
}

static void file_read_refuses_non_regular_files(void **state)
{
    pd_ctx *ctx = *state;
    char *data;
    size_t len;
    assert_int_equal(pd_file_read(ctx, "/", 1024, &data, &len), PD_ERR_INPUT);
    assert_non_null(strstr(first_error(ctx)->message, "not a regular file"));
    char fifo[] = "/tmp/pd-test-fifo-XXXXXX";
    int fd = mkstemp(fifo);
    close(fd);
    unlink(fifo);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(pd_file_read(ctx, fifo, 1024, &data, &len), PD_ERR_INPUT);
    unlink(fifo);
}

static void file_read_caps_the_size(void **state)
{
    pd_ctx *ctx = *state;
    char *data;
    size_t len;
    assert_int_equal(pd_file_read(ctx, "samples/reference.xml", 100, &data, &len), PD_ERR_INPUT);
    assert_non_null(strstr(first_error(ctx)->message, "larger than the limit"));
    assert_int_equal(pd_file_read(ctx, "samples/reference.xml", 1u << 20, &data, &len), PD_OK);
    assert_true(len > 1000);
    free(data);
}

static void gzip_is_not_decompressed(void **state)
{
    pd_ctx *ctx = *state;
    static const char gz[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03";
    assert_null(pd_xml_parse(ctx, gz, sizeof gz - 1, "t.xml.gz"));
    assert_true(pd_ctx_error_count(ctx) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(parses_wellformed, setup, teardown),
        cmocka_unit_test_setup_teardown(contains_looks_at_every_depth, setup, teardown),
        cmocka_unit_test_setup_teardown(mismatched_tag_has_line_and_column, setup, teardown),
        cmocka_unit_test_setup_teardown(doctype_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(internal_entity_bomb_is_refused_quickly, setup, teardown),
        cmocka_unit_test_setup_teardown(undefined_entity_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(xinclude_is_not_processed, setup, teardown),
        cmocka_unit_test_setup_teardown(file_read_refuses_non_regular_files, setup, teardown),
        cmocka_unit_test_setup_teardown(file_read_caps_the_size, setup, teardown),
        cmocka_unit_test_setup_teardown(gzip_is_not_decompressed, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
