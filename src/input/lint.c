/* lint.c — what the schema accepts but a consultant rarely means: "30.000" (a German thousands
 * separator, read as thirty), a monthly item whose quantity counts the months, an approval
 * dated before the implementation ends. Warnings only; --strict makes them errors. */
#include "lint.h"
#include "util.h"
#include "xml.h"

#include <libxml/xpath.h>
#include <stdarg.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS "urn:phasedoc:project:1"

typedef struct {
    pd_ctx *ctx;
    const char *file;
    xmlXPathContextPtr xp;
} linter;

static void warn(linter *l, const xmlNode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void warn(linter *l, const xmlNode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pd_diag_raisev(l->ctx, PD_WARNING, l->file, n ? (int)xmlGetLineNo(n) : 0, 0, fmt, ap);
    va_end(ap);
}

static xmlXPathObjectPtr select_attrs(linter *l, const char *expr)
{
    return xmlXPathEvalExpression((const xmlChar *)expr, l->xp);
}

/* "30.000", "1.500": one to three digits, a dot, three zeros — in German a thousands
 * separator; in XML thirty. */
static bool looks_like_thousands(const char *v)
{
    size_t len = strlen(v), digits = strspn(v, "0123456789");
    return digits >= 1 && digits <= 3 && len == digits + 4 && v[digits] == '.' &&
           strcmp(v + digits + 1, "000") == 0;
}

static void check_thousands(linter *l)
{
    xmlXPathObjectPtr r = select_attrs(l, "//p:item/@qty | //p:item/@price");
    for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlAttrPtr a = (xmlAttrPtr)r->nodesetval->nodeTab[i];
        xmlChar *v = xmlNodeGetContent((xmlNode *)a);
        if (v && looks_like_thousands((const char *)v)) {
            char whole[8];
            size_t d = strspn((const char *)v, "0123456789");
            snprintf(whole, sizeof whole, "%.*s", (int)d, (const char *)v);
            warn(l, a->parent,
                 "%s=\"%s\" is read as %s; XML numbers use a dot for decimals and no thousands "
                 "separators: write %s000 if you mean %s thousand",
                 (const char *)a->name, (const char *)v, whole, whole, whole);
        }
        xmlFree(v);
    }
    xmlXPathFreeObject(r);
}

/* billing="monthly" with unit="month" and qty="12": the offer would charge twelve months every
 * month. */
static void check_periods(linter *l)
{
    xmlXPathObjectPtr r = select_attrs(l, "//p:item[@billing='monthly' or @billing='yearly']");
    for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlNode *n = r->nodesetval->nodeTab[i];
        char *billing = pd_xml_attr(n, "billing"), *unit = pd_xml_attr(n, "unit");
        char *qty = pd_xml_attr(n, "qty");
        bool monthly = pd_streq(billing, "monthly");
        double q = qty ? strtod(qty, NULL) : 0;
        const char *period = monthly ? "month" : "year";
        bool counts = unit && q > 1 &&
                      (strcmp(unit, period) == 0 ||
                       (monthly && strcmp(unit, "flat") == 0 && (q == 12 || q == 24 || q == 36 ||
                                                                  q == 48 || q == 60)));
        if (counts)
            warn(l, n,
                 "<item billing=\"%s\" unit=\"%s\" qty=\"%s\">: the offer charges %s times the "
                 "price every %s; if %s is the number of %ss the contract runs, write qty=\"1\" "
                 "(the offer shows the amount per %s)",
                 billing, unit, qty, qty, period, qty, period, period);
        free(billing);
        free(unit);
        free(qty);
    }
    xmlXPathFreeObject(r);
}

/* A date attribute as YYYYMMDD, 0 when absent or not a date. */
static long date_of(linter *l, const char *expr, xmlNode **node, char **text)
{
    *node = NULL;
    *text = NULL;
    xmlXPathObjectPtr r = select_attrs(l, expr);
    long key = 0;
    if (r && r->nodesetval && r->nodesetval->nodeNr > 0) {
        xmlAttrPtr a = (xmlAttrPtr)r->nodesetval->nodeTab[0];
        xmlChar *v = xmlNodeGetContent((xmlNode *)a);
        int y, m, d, len = 0;
        if (v && sscanf((const char *)v, "%4d-%2d-%2d%n", &y, &m, &d, &len) == 3 && len == 10) {
            key = y * 10000L + m * 100 + d;
            *node = a->parent;
            *text = pd_strdup((const char *)v);
        }
        xmlFree(v);
    }
    xmlXPathFreeObject(r);
    return key;
}

/* Phases follow each other: a later phase dated before an earlier one ends is a typo in
 * one of the dates, more often than not. */
static void check_phase_order(linter *l)
{
    static const struct {
        const char *later, *earlier, *fmt;
    } pairs[] = {
        {"/p:project/p:concept/@date", "/p:project/p:initialisation/@date",
         "the concept is dated %s, before the initialisation ends (%s)"},
        {"/p:project/p:implementation/@start", "/p:project/p:initialisation/p:decision/@date",
         "the implementation starts %s, before the Go decision (%s)"},
        {"/p:project/p:approval/@date", "/p:project/p:implementation/@end",
         "the approval is dated %s, before the implementation ends (%s)"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        xmlNode *ln, *en;
        char *lt, *et;
        long later = date_of(l, pairs[i].later, &ln, &lt);
        long earlier = date_of(l, pairs[i].earlier, &en, &et);
        if (later && earlier && later < earlier)
            warn(l, ln, pairs[i].fmt, lt, et);
        free(lt);
        free(et);
    }
}

void pd_project_lint(pd_ctx *ctx, xmlDocPtr doc)
{
    linter l = {ctx, pd_xml_doc_name(doc), xmlXPathNewContext(doc)};
    if (!l.xp)
        return;
    xmlXPathRegisterNs(l.xp, (const xmlChar *)"p", (const xmlChar *)NS);
    check_thousands(&l);
    check_periods(&l);
    check_phase_order(&l);
    xmlXPathFreeContext(l.xp);
}
