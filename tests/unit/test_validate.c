/* test_validate.c — validating with the pattern facets checked in C (facets.c) says what
 * libxml2 says with the published schema, whole: on the samples, and on every attribute and
 * every text-only element of a project, a layout and a brand set to values that each pattern
 * accepts or refuses, with white space around and inside. The messages of a refused value
 * name the element, the attribute and the format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ctx.h"
#include "group_ctx.h"
#include "validate.h"
#include "xml.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <stdio.h>
#include <string.h>

static const char *const values[] = {
    "", " ", "\n\t", "x", " x ", "Acme Corp", "12", " 12 ", "12.5", "1.555", "10mm", "10 mm",
    " 10mm", "2*", "auto", "#a0B0c0", "#a0b0c", "EUR", " EUR ", "DE", "de-CH", "a@b.c",
    "+41 44 123", "1.2.3", "host.example:80", "WP-1", "cover.title", "x@y",
};
enum { NVALUES = sizeof values / sizeof values[0] };

static void silent(void *user, xmlErrorPtr err)
{
    (void)user;
    (void)err;
}

/* libxml2's verdict with the published schema, patterns and all. */
static bool valid_whole(xmlRelaxNGPtr rng, xmlDocPtr doc)
{
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
    assert_non_null(vc);
    xmlRelaxNGSetValidStructuredErrors(vc, silent, NULL);
    int rc = xmlRelaxNGValidateDoc(vc, doc);
    xmlRelaxNGFreeValidCtxt(vc);
    return rc == 0;
}

static xmlRelaxNGPtr whole_schema(const char *schema)
{
    xmlDocPtr doc = pd_schema_doc(ctx, schema);
    assert_non_null(doc);
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewDocParserCtxt(doc);
    xmlRelaxNGPtr rng = xmlRelaxNGParse(pc);
    xmlRelaxNGFreeParserCtxt(pc);
    xmlFreeDoc(doc);
    assert_non_null(rng);
    return rng;
}

typedef struct {
    const char *schema;
    xmlRelaxNGPtr whole;
    size_t compared, refused;
} comparison;

static void same_verdict(comparison *c, xmlDocPtr doc, const char *what)
{
    bool want = valid_whole(c->whole, doc);
    pd_ctx_clear_diags(ctx);
    bool got = pd_validate_doc(ctx, doc, c->schema) == PD_OK;
    if (want != got)
        fprintf(stderr, "%s, %s: libxml2 with the whole schema says %s, phasedoc %s\n",
                c->schema, what, want ? "valid" : "invalid", got ? "valid" : "invalid");
    assert_int_equal(want, got);
    c->compared++;
    c->refused += !want;
}

static bool text_only(const xmlNode *el)
{
    for (const xmlNode *c = el->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return false;
    return true;
}

/* the first element of each name, in document order, that has not been seen */
static bool first_of_name(const xmlNode *el, const char **seen, size_t *n, size_t max,
                          const char *attr)
{
    char key[200];
    snprintf(key, sizeof key, "%s@%s", (const char *)el->name, attr ? attr : "");
    for (size_t i = 0; i < *n; i++)
        if (strcmp(seen[i], key) == 0)
            return false;
    if (*n < max)
        seen[(*n)++] = strdup(key);
    return true;
}

/* At most two children of each name under any element: every kind of element and attribute
 * stays, and a validation of the layout takes a fraction of the time. */
static void thin(xmlNode *el)
{
    for (xmlNode *c = el->children, *next; c; c = next) {
        next = c->next;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        int same = 0;
        for (xmlNode *p = el->children; p != c; p = p->next)
            same += p->type == XML_ELEMENT_NODE && strcmp((const char *)p->name,
                                                          (const char *)c->name) == 0;
        if (same >= 2) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        } else {
            thin(c);
        }
    }
}

/* Every attribute and text-only element (first of each name) set to every value. */
/* Under the sanitizers (make sanitize sets PD_TIME_SCALE) every allocation is slow and the
 * whole-schema oracle allocates for each value it checks: there, each place gets every
 * SANITIZED_STRIDE-th value, a different share at each place, so that all values still come up
 * and the memory checks see every path. */
enum { SANITIZED_STRIDE = 16 };

static size_t value_stride(void)
{
    const char *scale = getenv("PD_TIME_SCALE");
    return scale && atoi(scale) > 1 ? SANITIZED_STRIDE : 1;
}

static void mutate_all(comparison *c, const char *path)
{
    size_t stride = value_stride(), place = 0;
    pd_status st;
    xmlDocPtr doc = pd_xml_load(ctx, path, &st);
    assert_non_null(doc);
    thin(xmlDocGetRootElement(doc));
    same_verdict(c, doc, path);
    const char *seen[512];
    size_t nseen = 0;
    xmlNode *n = xmlDocGetRootElement(doc);
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            for (xmlAttr *a = n->properties; a; a = a->next) {
                if (a->ns || !first_of_name(n, seen, &nseen, 512, (const char *)a->name))
                    continue;
                xmlChar *old = xmlGetProp(n, a->name);
                for (size_t v = place++ % stride; v < NVALUES; v += stride) {
                    char what[300];
                    snprintf(what, sizeof what, "<%s %s=\"%s\">", (const char *)n->name,
                             (const char *)a->name, values[v]);
                    xmlSetProp(n, a->name, (const xmlChar *)values[v]);
                    same_verdict(c, doc, what);
                }
                xmlSetProp(n, a->name, old);
                xmlFree(old);
            }
            if (n->children && text_only(n) && first_of_name(n, seen, &nseen, 512, NULL)) {
                xmlChar *old = xmlNodeGetContent(n);
                for (size_t v = place++ % stride; v < NVALUES; v += stride) {
                    char what[300];
                    snprintf(what, sizeof what, "<%s>%s</%s>", (const char *)n->name,
                             values[v], (const char *)n->name);
                    /* as a parser makes it: no text node for no text */
                    xmlNodeSetContent(n, values[v][0] ? (const xmlChar *)values[v] : NULL);
                    same_verdict(c, doc, what);
                }
                xmlNodeSetContent(n, old);
                xmlFree(old);
            }
        }
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && !n->next)
            n = n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent : NULL;
        if (n)
            n = n->next;
    }
    for (size_t i = 0; i < nseen; i++)
        free((char *)seen[i]);
    xmlFreeDoc(doc);
}

static void compare(const char *schema, const char *const *paths, size_t n)
{
    comparison c = {schema, whole_schema(schema), 0, 0};
    for (size_t i = 0; i < n; i++)
        mutate_all(&c, paths[i]);
    xmlRelaxNGFree(c.whole);
    /* enough cases, and both verdicts among them */
    fprintf(stderr, "%s: %zu documents compared, %zu invalid\n", schema, c.compared, c.refused);
    assert_true(c.compared * value_stride() > 100);
    assert_true(c.refused > c.compared / 10);
    assert_true(c.refused < c.compared);
}

static void projects_agree_with_the_whole_schema(void **state)
{
    (void)state;
    static const char *const paths[] = {"samples/reference.xml"};
    compare("project.rng", paths, 1);
}

static void layouts_agree_with_the_whole_schema(void **state)
{
    (void)state;
    static const char *const paths[] = {"tests/golden-layout/approval-en.layout.xml"};
    compare("layout.rng", paths, 1);
}

static void brands_agree_with_the_whole_schema(void **state)
{
    (void)state;
    static const char *const paths[] = {"templates/brands/default/brand.xml"};
    compare("brand.rng", paths, 1);
}

/* the layout and brand schemas are not explained by explain.c: the message is facets.c's */
static void a_refused_value_is_named(void **state)
{
    (void)state;
    pd_status st;
    xmlDocPtr doc = pd_xml_load(ctx, "tests/golden-layout/offer-en.layout.xml", &st);
    assert_non_null(doc);
    xmlNode *pm = xmlDocGetRootElement(doc)->children;
    while (pm && (pm->type != XML_ELEMENT_NODE || strcmp((const char *)pm->name, "page-master")))
        pm = pm->next;
    assert_non_null(pm);
    xmlSetProp(pm, (const xmlChar *)"margin-top", (const xmlChar *)"2 cm");
    pd_ctx_clear_diags(ctx);
    assert_int_equal(pd_validate_doc(ctx, doc, "layout.rng"), PD_ERR_INPUT);
    char line[1600] = "";
    assert_true(pd_ctx_diag_count(ctx) >= 1);
    pd_diag_format(pd_ctx_diag(ctx, 0), line, sizeof line);
    fprintf(stderr, "%s\n", line);
    assert_non_null(strstr(line, "<page-master margin-top=\"2 cm\">"));
    assert_non_null(strstr(line, "offer-en.layout.xml:"));
    xmlFreeDoc(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(projects_agree_with_the_whole_schema),
        cmocka_unit_test(layouts_agree_with_the_whole_schema),
        cmocka_unit_test(brands_agree_with_the_whole_schema),
        cmocka_unit_test(a_refused_value_is_named),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
