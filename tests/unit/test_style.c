/* test_style.c — lengths, colours and how a layout element's style is computed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "style.h"
#include "xml.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void parses_lengths(void **state)
{
    (void)state;
    double pt;
    assert_true(pd_length_parse("12", &pt));
    assert_true(fabs(pt - 12) < 1e-9);
    assert_true(pd_length_parse("25.4mm", &pt));
    assert_true(fabs(pt - 72) < 1e-9);
    assert_true(pd_length_parse("1in", &pt));
    assert_true(fabs(pt - 72) < 1e-9);
    assert_true(pd_length_parse("2.54cm", &pt));
    assert_true(fabs(pt - 72) < 1e-9);
    assert_true(pd_length_parse("96px", &pt));
    assert_true(fabs(pt - 72) < 1e-9);
    const char *bad[] = {"", "mm", "12em", "-3pt", "1e999", "nan", "12 pt", "200000"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(pd_length_parse(bad[i], &pt));
}

static void parses_colours(void **state)
{
    (void)state;
    pd_color c;
    assert_true(pd_color_parse("#ff8000", &c));
    assert_true(fabs(c.r - 1) < 1e-9 && fabs(c.g - 128 / 255.0) < 1e-9 && c.b == 0);
    assert_false(pd_color_parse("#12345", &c));
    assert_false(pd_color_parse("ff8000", &c));
    assert_false(pd_color_parse("#gg0000", &c));
    assert_false(pd_color_parse("#1234567", &c));
}

static void inherits_text_but_not_box_properties(void **state)
{
    (void)state;
    setenv("PHASEDOC_DATA", ".", 1);
    pd_ctx *ctx = pd_ctx_new();
    const char *xml = "<document xmlns='urn:phasedoc:layout:1'>"
                      "<style name='h1' font-size='20pt' color='#102030'/>"
                      "<style name='note' font-style='italic'/>"
                      "<flow master='m'><box padding='6pt' font-weight='bold' space-after='4pt'>"
                      "<h level='1' style='note'>x</h></box></flow></document>";
    xmlDocPtr doc = pd_xml_parse(ctx, xml, strlen(xml), "s.xml");
    assert_non_null(doc);
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *styles = root->children;
    xmlNode *box = root->children->next->next->children;
    xmlNode *h = box->children;
    pd_style base, bs, hs;
    pd_style_default(&base);
    pd_style_resolve(ctx, "s.xml", styles, box, &base, &bs);
    pd_style_resolve(ctx, "s.xml", styles, h, &bs, &hs);
    assert_int_equal(bs.font_weight, 700);
    assert_true(fabs(bs.padding - 6) < 1e-9);
    assert_int_equal(hs.font_weight, 700);      /* inherited */
    assert_true(hs.padding == 0);               /* box property: not inherited */
    assert_true(fabs(hs.font_size - 20) < 1e-9); /* the implicit h1 style */
    assert_true(hs.italic);                     /* then the named style */
    assert_true(hs.keep_with_next);             /* headings keep with the next block */
    assert_int_equal(pd_ctx_error_count(ctx), 0);
    xmlFreeDoc(doc);
    pd_ctx_free(ctx);
}

static void reports_bad_values_and_unknown_styles(void **state)
{
    (void)state;
    pd_ctx *ctx = pd_ctx_new();
    const char *xml = "<document xmlns='urn:phasedoc:layout:1'>\n<p color='#12345' style='nope'/></document>";
    xmlDocPtr doc = pd_xml_parse(ctx, xml, strlen(xml), "s.xml");
    xmlNode *p = xmlDocGetRootElement(doc)->children->next;
    pd_style base, ps;
    pd_style_default(&base);
    pd_style_resolve(ctx, "s.xml", NULL, p, &base, &ps);
    assert_int_equal(pd_ctx_error_count(ctx), 2);
    assert_int_equal(pd_ctx_diag(ctx, 0)->line, 2);
    xmlFreeDoc(doc);
    pd_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_lengths),
        cmocka_unit_test(parses_colours),
        cmocka_unit_test(inherits_text_but_not_box_properties),
        cmocka_unit_test(reports_bad_values_and_unknown_styles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
