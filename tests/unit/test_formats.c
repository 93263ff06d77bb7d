/* test_formats.c — every `pattern` facet of the schemas has a C matcher, and each matcher says
 * what libxml2's regular expression engine says, on every string of up to three characters
 * over an alphabet of the characters the patterns care about, on random longer ones, and on
 * values from real documents. White-space normalisation is held to libxml2 in test_validate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "formats.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlregexp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"

static const char *const schemas[] = {"schemas/project.rng", "schemas/brand.rng",
                                      "schemas/layout.rng"};

/* characters that start, end or break some pattern, and some that none allows */
static const char *const alphabet[] = {"a", "z", "A", "Q", "0", "9", ".", "-", "_", " ", "@",
                                       "#", "*", ":", "+", "(", "/", "\t", "\n", "\xc3\xa9",
                                       "f", "m", "p", "t", "u", "o", "x", ","};
enum { NALPHA = sizeof alphabet / sizeof alphabet[0] };

static const char *const samples[] = {
    "", " ", "auto", "2*", "1.5*", "12.*", "*", "10", "10.5mm", "10.mm", "3pt", "2.25in", "4px",
    "1cm", "7em", "#1a2B3c", "#1a2B3", "#1a2B3c4", "de", "de-CH", "de-ch", "deu", "en-", "EUR",
    "EURO", "eur", "CH", "C", "12345", "8001", "SW1A 1AA", "123456789012", "1234567890123",
    "-12", "name@example.com", "a@b.c", "a@.c", "a@b.", "@b.c", "a@b@c.d", "a b@c.d",
    "name@sub.example.co.uk", "+49 30 1234-56", "+41 (0)44 123 45 67", "0800/123.456", "+",
    "1", "12", "1-", "-1", "mail.example.com", "mail.example.com:8443", "host:", "-host",
    "host-", "a", "a.b", "a..b", "1.2.10", "1.", ".1", "cover.title", "cover..title",
    "cover.", "x_y-z", "WP-1.a", "19", "19.5", "19.55", "19.555", "100", "1000", "0.0001",
    "0.00001", "1380.50", "1'380.50", "1,380.50", "fr", "acme-corp", "Acme", "acme.corp_2",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "_private", "9lives",
    "\xc3\xa9t\xc3\xa9", "\xc2\xa0", " x ", "\n", "\t\n x", "Zürich", "n@\xc3\xa9.de",
};

typedef struct {
    char *pattern;
    xmlRegexpPtr re;
    pd_format_fn match;
} format;

static format formats[64];
static size_t nformats;

static void collect(xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (n->ns && strcmp((const char *)n->ns->href, RNG_NS) == 0 &&
            strcmp((const char *)n->name, "param") == 0) {
            xmlChar *name = xmlGetProp(n, (const xmlChar *)"name");
            if (name && strcmp((const char *)name, "pattern") == 0) {
                xmlChar *p = xmlNodeGetContent(n);
                bool seen = false;
                for (size_t i = 0; i < nformats; i++)
                    seen = seen || strcmp(formats[i].pattern, (const char *)p) == 0;
                if (!seen && nformats < sizeof formats / sizeof formats[0])
                    formats[nformats++] = (format){strdup((const char *)p), NULL, NULL};
                xmlFree(p);
            }
            xmlFree(name);
        }
        collect(n->children);
    }
}

static int setup(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof schemas / sizeof schemas[0]; i++) {
        xmlDocPtr doc = xmlReadFile(schemas[i], NULL, XML_PARSE_NONET);
        assert_non_null(doc);
        collect(xmlDocGetRootElement(doc));
        xmlFreeDoc(doc);
    }
    for (size_t i = 0; i < nformats; i++) {
        formats[i].re = xmlRegexpCompile((const xmlChar *)formats[i].pattern);
        formats[i].match = pd_format_for(formats[i].pattern);
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < nformats; i++) {
        xmlRegFreeRegexp(formats[i].re);
        free(formats[i].pattern);
    }
    return 0;
}

static void agrees(const format *f, const char *value)
{
    bool want = xmlRegexpExec(f->re, (const xmlChar *)value) == 1;
    bool got = f->match(value);
    if (want != got)
        fprintf(stderr, "pattern %s, value \"%s\": libxml2 says %s, the matcher %s\n",
                f->pattern, value, want ? "yes" : "no", got ? "yes" : "no");
    assert_int_equal(want, got);
}

static void every_pattern_has_a_matcher(void **state)
{
    (void)state;
    assert_true(nformats >= 20); /* the schemas were read */
    for (size_t i = 0; i < nformats; i++) {
        if (!formats[i].match)
            fprintf(stderr, "no matcher for the pattern %s (src/input/formats.c)\n",
                    formats[i].pattern);
        assert_non_null(formats[i].match);
        assert_non_null(formats[i].re);
    }
    assert_null(pd_format_for("[a-z]+"));
}

static void short_strings_agree_with_libxml2(void **state)
{
    (void)state;
    char s[32];
    for (size_t f = 0; f < nformats; f++) {
        agrees(&formats[f], "");
        for (size_t a = 0; a < NALPHA; a++)
            for (size_t b = 0; b <= NALPHA; b++)
                for (size_t c = 0; c <= NALPHA; c++) {
                    snprintf(s, sizeof s, "%s%s%s", alphabet[a], b < NALPHA ? alphabet[b] : "",
                             b < NALPHA && c < NALPHA ? alphabet[c] : "");
                    agrees(&formats[f], s);
                }
    }
}

static void random_strings_agree_with_libxml2(void **state)
{
    (void)state;
    uint32_t seed = 12345;
    char s[256];
    for (size_t f = 0; f < nformats; f++)
        for (int k = 0; k < 20000; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t len = 1 + (seed >> 16) % 70, w = 0;
            s[0] = '\0';
            for (size_t i = 0; i < len && w + 4 < sizeof s; i++) {
                seed = seed * 1103515245u + 12345u;
                /* mostly letters and digits, so that long valid values come up too */
                const char *ch = (seed >> 16) % 3 ? alphabet[(seed >> 20) % 6]
                                                  : alphabet[(seed >> 20) % NALPHA];
                w += (size_t)snprintf(s + w, sizeof s - w, "%s", ch);
            }
            agrees(&formats[f], s);
        }
}

static void real_values_agree_with_libxml2(void **state)
{
    (void)state;
    for (size_t f = 0; f < nformats; f++)
        for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++)
            agrees(&formats[f], samples[i]);
}

static void token_values_are_collapsed(void **state)
{
    (void)state;
    bool failed;
    assert_null(pd_format_normalise("token", "de-CH", &failed));
    assert_null(pd_format_normalise("token", "a b", &failed));
    assert_null(pd_format_normalise("string", " a\tb ", &failed));
    assert_null(pd_format_normalise("decimal", " 1.5 ", &failed));
    char *v = pd_format_normalise("token", " \tSW1A \n 1AA  ", &failed);
    assert_string_equal(v, "SW1A 1AA");
    free(v);
    v = pd_format_normalise("token", "   ", &failed);
    assert_string_equal(v, "");
    free(v);
    v = pd_format_normalise("normalizedString", " a\tb ", &failed);
    assert_string_equal(v, " a b ");
    free(v);
    assert_false(failed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_pattern_has_a_matcher),
        cmocka_unit_test(short_strings_agree_with_libxml2),
        cmocka_unit_test(random_strings_agree_with_libxml2),
        cmocka_unit_test(real_values_agree_with_libxml2),
        cmocka_unit_test(token_values_are_collapsed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
