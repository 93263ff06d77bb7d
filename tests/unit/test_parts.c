/* test_parts.c — where a flow falls into parts that threads may lay out apart (parts.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "parts.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group_ctx.h"

static xmlDocPtr doc;

/* The flow element of a layout document with the given flow content. */
static xmlNode *flow_of(const char *body)
{
    static char xml[1 << 16];
    snprintf(xml, sizeof xml,
             "<document xmlns='urn:phasedoc:layout:1'><page-master name='m'/>"
             "<flow master='m'>%s</flow></document>", body);
    doc = pd_xml_parse(ctx, xml, strlen(xml), "t.xml");
    assert_non_null(doc);
    for (xmlNode *n = xmlDocGetRootElement(doc)->children; n; n = n->next)
        if (pd_xml_is(n, PD_LAYOUT_NS, "flow"))
            return n;
    fail();
    return NULL;
}

static pd_master m1, m2;

/* How many parts the flow falls into (0: laid out whole); the text of each part's first
 * element's first text child goes to firsts, separated by '|'. */
static int split(const char *body, const pd_master *first, const pd_master *next, char *firsts)
{
    pd_part *parts;
    int n = pd_parts_split(flow_of(body), first, next, &parts);
    firsts[0] = '\0';
    for (int i = 0; i < n; i++) {
        xmlNode *e = parts[i].first;
        while (e->type != XML_ELEMENT_NODE)
            e = e->next;
        xmlChar *t = xmlNodeGetContent(e);
        strcat(firsts, i ? "|" : "");
        strcat(firsts, (const char *)t);
        xmlFree(t);
    }
    free(parts);
    xmlFreeDoc(doc);
    return n;
}

static void splits_at_top_level_breaks(void **state)
{
    (void)state;
    char f[256];
    assert_int_equal(split("<p>a</p><p>a2</p><page-break/><p>b</p><page-break/><p>c</p>", &m1,
                           &m1, f), 3);
    assert_string_equal(f, "a|b|c");
    /* a break inside a box does not cut the flow */
    assert_int_equal(split("<p>a</p><box><p>x</p><page-break/><p>y</p></box>", &m1, &m1, f), 0);
}

static void stretches_without_elements_are_no_parts(void **state)
{
    (void)state;
    char f[256];
    assert_int_equal(split("<page-break/><p>a</p><page-break/> <page-break/><p>b</p>", &m1, &m1,
                           f), 2);
    assert_string_equal(f, "a|b");
    /* a break at the end leaves an empty last page, which no part has */
    assert_int_equal(split("<p>a</p><page-break/><p>b</p><page-break/>", &m1, &m1, f), 0);
    assert_int_equal(split("<p>a</p><page-break/>", &m1, &m1, f), 0);
}

static void whatever_ties_parts_keeps_the_flow_whole(void **state)
{
    (void)state;
    char f[256];
    static const char *const tied[] = {
        "<toc/>",
        "<p>see page <page-ref ref='x'/></p>",
        "<p>page <page-number/></p>",
        "<p>of <page-count/></p>",
        "<p>a<footnote>n</footnote></p>",
        "<image src='logo.png'/>",
        "<page-break master='m'/>",
    };
    for (size_t i = 0; i < sizeof tied / sizeof tied[0]; i++) {
        char body[256];
        snprintf(body, sizeof body, "<p>a</p><page-break/><box>%s</box>", tied[i]);
        assert_int_equal(split(body, &m1, &m1, f), 0);
    }
    /* and first and next masters that differ: an empty first part would move the first */
    assert_int_equal(split("<p>a</p><page-break/><p>b</p>", &m1, &m2, f), 0);
    assert_int_equal(split("<p>a</p><page-break/><p>b</p>", &m1, &m1, f), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(splits_at_top_level_breaks),
        cmocka_unit_test(stretches_without_elements_are_no_parts),
        cmocka_unit_test(whatever_ties_parts_keeps_the_flow_whole),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
