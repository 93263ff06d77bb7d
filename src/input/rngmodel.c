/* rngmodel.c — walks a RELAX NG schema (as XML) to say what is allowed where. Only what the
 * messages need: element and attribute patterns reachable through refs, whether they are
 * required, value patterns checked with libxml2's own XML Schema datatypes and facets (so the
 * answer agrees with the validator), and words for what a value should look like. */
#include "rngmodel.h"
#include "cache.h"
#include "formats.h"
#include "util.h"
#include "validate.h"
#include "xml.h"

#include <libxml/hash.h>
#include <libxml/xmlschemastypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define XSD_NS "http://www.w3.org/2001/XMLSchema"

struct pd_rng {
    xmlDocPtr doc;
    xmlHashTablePtr defines; /* name -> <define> */
    const xmlNode *start;    /* the root's <element> */
};

static void rng_free(void *p)
{
    pd_rng *m = p;
    if (!m)
        return;
    xmlHashFree(m->defines, NULL);
    xmlFreeDoc(m->doc);
    free(m);
}

static bool is_rng(const xmlNode *n, const char *name)
{
    return pd_xml_is(n, RNG_NS, name);
}

const char *pd_rng_name(const xmlNode *def)
{
    const xmlAttr *a = def ? xmlHasProp((xmlNode *)def, (const xmlChar *)"name") : NULL;
    return a && a->children ? (const char *)a->children->content : "";
}

static const xmlNode *define_of(const pd_rng *m, const xmlNode *ref)
{
    return xmlHashLookup(m->defines, (const xmlChar *)pd_rng_name(ref));
}

/* The first element pattern among the children of pat, following refs. */
static const xmlNode *first_element(const pd_rng *m, const xmlNode *pat, int depth)
{
    for (const xmlNode *c = pat ? pat->children : NULL; c && depth < 40; c = c->next) {
        if (is_rng(c, "element"))
            return c;
        const xmlNode *e = is_rng(c, "ref") ? first_element(m, define_of(m, c), depth + 1)
                                            : first_element(m, c, depth + 1);
        if (e)
            return e;
    }
    return NULL;
}

const pd_rng *pd_rng_get(pd_ctx *ctx, const char *schema)
{
    char key[256];
    snprintf(key, sizeof key, "rngmodel:%s", schema);
    pd_rng *m = pd_cache_lookup(ctx->cache, key);
    if (m)
        return m;
    xmlDocPtr doc = pd_schema_doc(ctx, schema);
    if (!doc)
        return NULL;
    m = calloc(1, sizeof *m);
    if (!m || !(m->defines = xmlHashCreate(64))) {
        free(m);
        xmlFreeDoc(doc);
        pd_error(ctx, "out of memory");
        return NULL;
    }
    m->doc = doc;
    const xmlNode *grammar = xmlDocGetRootElement(doc);
    for (const xmlNode *c = grammar ? grammar->children : NULL; c; c = c->next)
        if (is_rng(c, "define"))
            xmlHashAddEntry(m->defines, (const xmlChar *)pd_rng_name(c), (void *)c);
    for (const xmlNode *c = grammar ? grammar->children : NULL; c; c = c->next)
        if (is_rng(c, "start"))
            m->start = first_element(m, c, 0);
    return pd_cache_put(ctx->cache, key, m, rng_free) ? m : NULL;
}

/* ---- walking patterns ---- */

typedef struct {
    const pd_rng *m;
    const char *want; /* "element" or "attribute" */
    pd_rng_item *out;
    size_t n, max;
} walk;

static void walk_pattern(walk *w, const xmlNode *pat, bool required, bool repeats, int depth)
{
    if (depth > 40)
        return;
    for (const xmlNode *c = pat->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !c->ns ||
            strcmp((const char *)c->ns->href, RNG_NS) != 0)
            continue;
        const char *k = (const char *)c->name;
        if (strcmp(k, w->want) == 0) {
            bool dup = false;
            for (size_t i = 0; i < w->n; i++)
                if (w->out[i].def == c) {
                    dup = true;
                    w->out[i].required = w->out[i].required || required;
                }
            if (!dup && w->n < w->max)
                w->out[w->n++] = (pd_rng_item){c, required, repeats};
        } else if (strcmp(k, "ref") == 0) {
            const xmlNode *d = define_of(w->m, c);
            if (d)
                walk_pattern(w, d, required, repeats, depth + 1);
        } else if (strcmp(k, "optional") == 0) {
            walk_pattern(w, c, false, repeats, depth + 1);
        } else if (strcmp(k, "zeroOrMore") == 0) {
            walk_pattern(w, c, false, true, depth + 1);
        } else if (strcmp(k, "oneOrMore") == 0) {
            walk_pattern(w, c, required, true, depth + 1);
        } else if (strcmp(k, "choice") == 0) {
            int alternatives = 0;
            for (const xmlNode *a = c->children; a; a = a->next)
                alternatives += a->type == XML_ELEMENT_NODE;
            walk_pattern(w, c, required && alternatives == 1, repeats, depth + 1);
        } else if (strcmp(k, "group") == 0 ||
                   strcmp(k, "interleave") == 0 || strcmp(k, "mixed") == 0) {
            walk_pattern(w, c, required, repeats, depth + 1);
        }
        /* element, attribute (when not wanted), data, value, text, list, empty: leaves */
    }
}

size_t pd_rng_children(const pd_rng *m, const xmlNode *def, pd_rng_item *out, size_t max)
{
    walk w = {m, "element", out, 0, max};
    if (def)
        walk_pattern(&w, def, true, false, 0);
    return w.n;
}

size_t pd_rng_attributes(const pd_rng *m, const xmlNode *def, pd_rng_item *out, size_t max)
{
    walk w = {m, "attribute", out, 0, max};
    if (def)
        walk_pattern(&w, def, true, false, 0);
    return w.n;
}

const xmlNode *pd_rng_def_of(const pd_rng *m, const xmlNode *instance)
{
    if (!m || !instance || instance->type != XML_ELEMENT_NODE)
        return NULL;
    const xmlNode *parent = instance->parent;
    if (!parent || parent->type != XML_ELEMENT_NODE)
        return m->start && strcmp(pd_rng_name(m->start), (const char *)instance->name) == 0
                   ? m->start
                   : NULL;
    const xmlNode *pdef = pd_rng_def_of(m, parent);
    if (!pdef)
        return NULL;
    pd_rng_item items[PD_RNG_MAX_ITEMS];
    size_t n = pd_rng_children(m, pdef, items, PD_RNG_MAX_ITEMS);
    for (size_t i = 0; i < n; i++)
        if (strcmp(pd_rng_name(items[i].def), (const char *)instance->name) == 0)
            return items[i].def;
    return NULL;
}

/* ---- values ---- */

/* The first pattern child of n (RELAX NG namespace, not documentation). */
static const xmlNode *first_pattern(const xmlNode *n)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && c->ns &&
            strcmp((const char *)c->ns->href, RNG_NS) == 0)
            return c;
    return NULL;
}

/* A pattern with its refs followed; define gets the name of the last define passed. */
static const xmlNode *deref(const pd_rng *m, const xmlNode *pat, const char **define)
{
    for (int depth = 0; pat && is_rng(pat, "ref") && depth < 20; depth++) {
        if (define)
            *define = pd_rng_name(pat);
        pat = first_pattern(define_of(m, pat));
    }
    return pat;
}

/* The value pattern of an attribute pattern, or the text pattern of an element pattern: its
 * first pattern child that is not an attribute or element (nor holds them); NULL means text
 * (or element-only content). */
static const xmlNode *value_pattern(const pd_rng *m, const xmlNode *def, const char **define)
{
    for (const xmlNode *c = def ? def->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !c->ns ||
            strcmp((const char *)c->ns->href, RNG_NS) != 0)
            continue;
        const xmlNode *p = deref(m, c, define);
        if (p && (is_rng(p, "data") || is_rng(p, "value") || is_rng(p, "list") ||
                  is_rng(p, "text")))
            return p;
        if (p && is_rng(p, "choice")) {
            /* a choice of values (or of refs to data), not of attributes or elements */
            const xmlNode *a = deref(m, first_pattern(p), NULL);
            if (a && (is_rng(a, "value") || is_rng(a, "data")))
                return p;
        }
    }
    return NULL;
}

static char *content_of(const xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *s = c ? pd_strdup((const char *)c) : NULL;
    xmlFree(c);
    return s;
}

static bool facet_type(const char *name, xmlSchemaTypeType *t)
{
    static const struct {
        const char *name;
        xmlSchemaTypeType type;
    } map[] = {
        {"pattern", XML_SCHEMA_FACET_PATTERN},
        {"minInclusive", XML_SCHEMA_FACET_MININCLUSIVE},
        {"maxInclusive", XML_SCHEMA_FACET_MAXINCLUSIVE},
        {"minExclusive", XML_SCHEMA_FACET_MINEXCLUSIVE},
        {"maxExclusive", XML_SCHEMA_FACET_MAXEXCLUSIVE},
        {"minLength", XML_SCHEMA_FACET_MINLENGTH},
        {"maxLength", XML_SCHEMA_FACET_MAXLENGTH},
        {"length", XML_SCHEMA_FACET_LENGTH},
        {"totalDigits", XML_SCHEMA_FACET_TOTALDIGITS},
        {"fractionDigits", XML_SCHEMA_FACET_FRACTIONDIGITS},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(name, map[i].name) == 0) {
            *t = map[i].type;
            return true;
        }
    return false;
}

/* The text of a <param>, without a copy when it is one text node (the usual case); else
 * *copy holds it and must be freed. */
static const char *param_text(const xmlNode *p, xmlChar **copy)
{
    *copy = NULL;
    if (p->children && p->children->type == XML_TEXT_NODE && !p->children->next)
        return (const char *)p->children->content;
    *copy = xmlNodeGetContent(p);
    return (const char *)*copy;
}

/* A pattern facet checked by its C matcher (formats.c): 1 matches, 0 does not, -1 no matcher
 * (or no memory), for libxml2 to decide. */
static int format_check(const xmlNode *param, const char *type, const char *value)
{
    xmlChar *copy;
    const char *pattern = param_text(param, &copy);
    pd_format_fn match = pattern ? pd_format_for(pattern) : NULL;
    xmlFree(copy);
    if (!match)
        return -1;
    bool failed;
    char *normal = pd_format_normalise(type, value, &failed);
    if (failed)
        return -1;
    int ok = match(normal ? normal : value);
    free(normal);
    return ok;
}

static bool is_pattern_param(const xmlNode *p)
{
    return is_rng(p, "param") && strcmp(pd_rng_name(p), "pattern") == 0;
}

static bool facet_ok(const xmlNode *p, const char *type, xmlSchemaTypePtr t, const char *value,
                     xmlSchemaValPtr val)
{
    xmlSchemaTypeType ft;
    if (!facet_type(pd_rng_name(p), &ft))
        return true;
    if (ft == XML_SCHEMA_FACET_PATTERN) {
        int verdict = format_check(p, type, value);
        if (verdict >= 0)
            return verdict;
    }
    bool ok = true;
    xmlSchemaFacetPtr f = xmlSchemaNewFacet();
    xmlChar *fv = xmlNodeGetContent(p);
    if (f && fv) {
        f->type = ft;
        f->value = fv;
        if (xmlSchemaCheckFacet(f, t, NULL, NULL) == 0)
            ok = xmlSchemaValidateFacet(t, f, (const xmlChar *)value, val) == 0;
    }
    if (f)
        xmlSchemaFreeFacet(f);
    xmlFree(fv);
    return ok;
}

/* A <data> pattern, as libxml2's RELAX NG validator checks it: the XML Schema type, then each
 * facet. */
static bool data_ok(const xmlNode *data, const char *value, xmlNode *node)
{
    xmlChar *type = xmlGetProp((xmlNode *)data, (const xmlChar *)"type");
    const char *tname = type ? (const char *)type : "string";
    bool ok = true;
    xmlSchemaInitTypes();
    xmlSchemaTypePtr t = type ? xmlSchemaGetPredefinedType(type, (const xmlChar *)XSD_NS) : NULL;
    xmlSchemaValPtr val = NULL;
    if (!t)
        ok = true; /* a type we do not know: the validator's word stands */
    else if (xmlSchemaValPredefTypeNode(t, (const xmlChar *)value, &val, node) != 0)
        ok = false;
    else
        for (const xmlNode *p = data->children; ok && p; p = p->next)
            if (is_rng(p, "param"))
                ok = facet_ok(p, tname, t, value, val);
    xmlSchemaFreeValue(val);
    xmlFree(type);
    return ok;
}

static bool pattern_ok(const pd_rng *m, const xmlNode *pat, const char *value, xmlNode *node,
                       int depth)
{
    if (!pat || is_rng(pat, "text") || depth > 20)
        return true;
    if (is_rng(pat, "ref"))
        return pattern_ok(m, deref(m, pat, NULL), value, node, depth + 1);
    if (is_rng(pat, "value")) {
        char *v = content_of(pat);
        /* token comparison: surrounding white space does not count */
        size_t lead = strspn(value, " \t\r\n"), len = strlen(value + lead);
        while (len && strchr(" \t\r\n", value[lead + len - 1]))
            len--;
        bool ok = v && strlen(v) == len && strncmp(v, value + lead, len) == 0;
        free(v);
        return ok;
    }
    if (is_rng(pat, "data"))
        return data_ok(pat, value, node);
    if (is_rng(pat, "choice")) {
        for (const xmlNode *c = pat->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && pattern_ok(m, c, value, node, depth + 1))
                return true;
        return false;
    }
    if (is_rng(pat, "list")) {
        const xmlNode *inner = NULL;
        for (const xmlNode *c = pat->children; c && !inner; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                inner = c;
        if (inner && (is_rng(inner, "oneOrMore") || is_rng(inner, "zeroOrMore")))
            inner = deref(m, first_pattern(inner), NULL);
        char *copy = pd_strdup(value), *save = NULL;
        bool ok = copy != NULL;
        for (char *tok = copy ? strtok_r(copy, " \t\r\n", &save) : NULL; ok && tok;
             tok = strtok_r(NULL, " \t\r\n", &save))
            ok = pattern_ok(m, inner, tok, node, depth + 1);
        free(copy);
        return ok;
    }
    return true;
}

bool pd_rng_value_ok(const pd_rng *m, const xmlNode *def, const char *value, xmlNode *node)
{
    return pattern_ok(m, value_pattern(m, def, NULL), value ? value : "", node, 0);
}

/* Whether a value pattern holds a pattern facet that formats.c checks. */
static bool holds_format(const pd_rng *m, const xmlNode *pat, int depth)
{
    if (!pat || depth > 20)
        return false;
    if (is_rng(pat, "ref"))
        return holds_format(m, deref(m, pat, NULL), depth + 1);
    if (is_rng(pat, "data")) {
        for (const xmlNode *p = pat->children; p; p = p->next)
            if (pd_rng_is_checked_pattern(p))
                return true;
        return false;
    }
    if (is_rng(pat, "choice") || is_rng(pat, "list") || is_rng(pat, "oneOrMore") ||
        is_rng(pat, "zeroOrMore"))
        for (const xmlNode *c = pat->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && holds_format(m, c, depth + 1))
                return true;
    return false;
}

bool pd_rng_is_checked_pattern(const xmlNode *param)
{
    if (!is_pattern_param(param))
        return false;
    xmlChar *copy;
    const char *pattern = param_text(param, &copy);
    bool known = pattern && pd_format_for(pattern);
    xmlFree(copy);
    return known;
}

bool pd_rng_value_has_format(const pd_rng *m, const xmlNode *def)
{
    return holds_format(m, value_pattern(m, def, NULL), 0);
}

const xmlNode *pd_rng_value_pattern(const pd_rng *m, const xmlNode *def)
{
    return value_pattern(m, def, NULL);
}

void pd_rng_format_prepare(const xmlNode *pat, pd_rng_format *f)
{
    *f = (pd_rng_format){pat, NULL, {NULL}, 0};
    if (!pat || !is_rng(pat, "data"))
        return;
    const xmlAttr *type = xmlHasProp((xmlNode *)pat, (const xmlChar *)"type");
    f->type = type && type->children ? (const char *)type->children->content : "string";
    for (const xmlNode *p = pat->children; p && f->nmatch < PD_RNG_FORMATS_MAX; p = p->next) {
        if (!is_pattern_param(p))
            continue;
        xmlChar *copy;
        const char *pattern = param_text(p, &copy);
        pd_format_fn match = pattern ? pd_format_for(pattern) : NULL;
        xmlFree(copy);
        if (match) /* a pattern without a matcher stayed with libxml2 */
            f->match[f->nmatch++] = match;
    }
}

bool pd_rng_format_fits(const pd_rng *m, const pd_rng_format *f, const char *value,
                        xmlNode *node)
{
    if (!f->type) /* a choice (of a length or "auto", say): which branch the value took decides */
        return pattern_ok(m, f->pat, value ? value : "", node, 0);
    bool failed;
    char *normal = pd_format_normalise(f->type, value ? value : "", &failed);
    if (failed)
        return true; /* out of memory: libxml2 has checked the rest */
    const char *v = normal ? normal : value ? value : "";
    bool ok = true;
    for (int i = 0; ok && i < f->nmatch; i++)
        ok = f->match[i](v);
    free(normal);
    return ok;
}

xmlDocPtr pd_rng_document(const pd_rng *m)
{
    return m->doc;
}

bool pd_rng_has_simple_content(const pd_rng *m, const xmlNode *def)
{
    const xmlNode *p = value_pattern(m, def, NULL);
    return p && !is_rng(p, "text");
}

/* ---- words ---- */

int pd_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    int row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            if (up + 1 < best)
                best = up + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *pd_closest_name(const char *name, const char *const *candidates, size_t n)
{
    const char *best = NULL;
    int bd = 99;
    for (size_t i = 0; i < n; i++) {
        int d = pd_edit_distance(name, candidates[i]);
        if (d < bd && strcmp(name, candidates[i]) != 0) {
            bd = d;
            best = candidates[i];
        }
    }
    /* a typo: two edits, or a third of a long name; a case slip always counts */
    size_t len = strlen(name);
    int limit = len >= 9 ? (int)len / 3 : len >= 4 ? 2 : 1;
    if (best && strcasecmp(best, name) == 0)
        return best;
    return bd <= limit ? best : NULL;
}

static int days_in_month(long y, long m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return m >= 1 && m <= 12 ? days[m - 1] : 0;
}

static const char *const month_names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

/* Words for a date that was refused. */
static void explain_date(const char *v, char *buf, size_t size)
{
    int d, mo, y, n = 0;
    char sep;
    if (v && sscanf(v, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && n == (int)strlen(v) &&
        n == 10) {
        if (mo < 1 || mo > 12)
            snprintf(buf, size, "there is no month %d: write the date as YYYY-MM-DD, e.g. "
                     "2026-07-31", mo);
        else
            snprintf(buf, size, "%s %d has %d days: write an existing date as YYYY-MM-DD, "
                     "e.g. %04d-%02d-%02d", month_names[mo - 1], y, days_in_month(y, mo), y, mo,
                     days_in_month(y, mo));
        return;
    }
    if (v && sscanf(v, "%2d%c%2d%c%4d%n", &d, &sep, &mo, &sep, &y, &n) == 5 &&
        n == (int)strlen(v) && (sep == '.' || sep == '/') && y > 999 && mo >= 1 && mo <= 12 &&
        d >= 1 && d <= 31) {
        snprintf(buf, size, "write dates as YYYY-MM-DD: %04d-%02d-%02d", y, mo, d);
        return;
    }
    snprintf(buf, size, "write dates as YYYY-MM-DD, e.g. 2026-07-31");
}

/* "1.380,00" -> "1380.00", "30,5" -> "30.5"; NULL when there is nothing to suggest. */
static bool decimal_with_dot(const char *v, char *out, size_t size)
{
    const char *comma = strrchr(v, ',');
    if (!comma || strlen(v) >= size)
        return false;
    size_t n = 0;
    for (const char *p = v; *p; p++) {
        if (p == comma)
            out[n++] = '.';
        else if (*p >= '0' && *p <= '9')
            out[n++] = *p;
        else if (*p != '.' && *p != ' ' && *p != '\'')
            return false;
    }
    out[n] = '\0';
    return n > 1;
}

/* The <param name="maxInclusive"> of a data pattern, or NULL (malloc'd). */
static char *param_of(const xmlNode *data, const char *name)
{
    for (const xmlNode *p = data->children; p; p = p->next)
        if (is_rng(p, "param") && strcmp(pd_rng_name(p), name) == 0)
            return content_of(p);
    return NULL;
}

/* The a:documentation of a define, first sentence, or NULL (malloc'd). */
static char *define_doc(const pd_rng *m, const char *define)
{
    const xmlNode *d = define ? xmlHashLookup(m->defines, (const xmlChar *)define) : NULL;
    for (const xmlNode *c = d ? d->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "documentation") == 0) {
            char *s = content_of(c);
            if (!s)
                return NULL;
            char *w = s;
            for (char *r = s; *r; r++) /* fold white space */
                if (!(*r == ' ' || *r == '\n' || *r == '\t') || (w > s && w[-1] != ' '))
                    *w++ = (*r == '\n' || *r == '\t') ? ' ' : *r;
            *w = '\0';
            char *dot = strstr(s, ". ");
            if (dot)
                dot[1] = '\0';
            return s;
        }
    return NULL;
}

/* The <value>s a pattern allows (its choice, or one), as "a, b or c"; n gets how many, and
 * names the values themselves for a suggestion. */
static size_t collect_values(const pd_rng *m, const xmlNode *pat, char **names, size_t max,
                             int depth)
{
    size_t n = 0;
    if (!pat || depth > 10)
        return 0;
    if (is_rng(pat, "value")) {
        if (max)
            names[n++] = content_of(pat);
        return n;
    }
    if (!is_rng(pat, "choice"))
        return 0;
    for (const xmlNode *c = pat->children; c && n < max; c = c->next) {
        if (is_rng(c, "value"))
            names[n++] = content_of(c);
        else if (is_rng(c, "ref"))
            n += collect_values(m, deref(m, c, NULL), names + n, max - n, depth + 1);
    }
    return n;
}

void pd_rng_explain_value(const pd_rng *m, const xmlNode *def, const char *value, char *buf,
                          size_t size)
{
    const char *define = NULL;
    const xmlNode *pat = value_pattern(m, def, &define);
    buf[0] = '\0';
    char *names[64];
    size_t n = collect_values(m, pat, names, 64, 0);
    if (n) {
        pd_buf b;
        pd_buf_init(&b, 4096);
        pd_buf_adds(&b, n == 1 ? "the value is " : "allowed values: ");
        for (size_t i = 0; i < n; i++) {
            if (i)
                pd_buf_adds(&b, i + 1 == n ? " or " : ", ");
            pd_buf_adds(&b, names[i] ? names[i] : "?");
        }
        const char *close = value ? pd_closest_name(value, (const char *const *)names, n) : NULL;
        /* words a consultant writes for the schema's values, which no edit distance finds */
        static const char *const synonyms[][2] = {
            {"annually", "yearly"}, {"annual", "yearly"},     {"per-year", "yearly"},
            {"one-time", "once"},   {"onetime", "once"},      {"single", "once"},
            {"per-month", "monthly"},
        };
        for (size_t k = 0; !close && value && k < sizeof synonyms / sizeof synonyms[0]; k++)
            for (size_t i = 0; i < n && !close; i++)
                if (strcasecmp(value, synonyms[k][0]) == 0 && pd_streq(names[i], synonyms[k][1]))
                    close = names[i];
        if (close) {
            pd_buf_adds(&b, "; did you mean ");
            pd_buf_adds(&b, close);
            pd_buf_adds(&b, "?");
        }
        snprintf(buf, size, "%s", b.data ? b.data : "");
        pd_buf_free(&b);
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        return;
    }
    if (!pat) {
        snprintf(buf, size, "any text");
        return;
    }
    if (is_rng(pat, "list")) {
        snprintf(buf, size, "ids separated by spaces, e.g. WP1 WP2");
        return;
    }
    if (!is_rng(pat, "data")) {
        snprintf(buf, size, "see docs/project.md");
        return;
    }
    char *type = NULL;
    {
        xmlChar *t = xmlGetProp((xmlNode *)pat, (const xmlChar *)"type");
        type = t ? pd_strdup((const char *)t) : pd_strdup("string");
        xmlFree(t);
    }
    char *max = param_of(pat, "maxInclusive");
    char atmost[64] = "";
    if (max)
        snprintf(atmost, sizeof atmost, ", at most %s", max);
    char fixed[128];
    bool numeric = value && *value && strspn(value, "0123456789.") == strlen(value) &&
                   strchr(value, '.') == strrchr(value, '.');
    if (max && numeric && strtod(value, NULL) > strtod(max, NULL)) {
        snprintf(buf, size, "%s is more than the largest value allowed here, %s", value, max);
    } else if (strcmp(type, "date") == 0) {
        explain_date(value, buf, size);
    } else if (strcmp(type, "decimal") == 0) {
        if (value && decimal_with_dot(value, fixed, sizeof fixed))
            snprintf(buf, size, "use a dot for decimals and no thousands separators: write %s",
                     fixed);
        else if (define && strcmp(define, "percent") == 0)
            snprintf(buf, size, "a percentage from 0 to 100 with a dot for decimals, e.g. 19 "
                     "or 7.5");
        else
            snprintf(buf, size, "a number with a dot for decimals and no thousands separators, "
                     "e.g. 1380.50%s", atmost);
    } else if (strstr(type, "Integer") || strcmp(type, "integer") == 0) {
        size_t k = 0;
        for (const char *p = value ? value : ""; *p && k + 1 < sizeof fixed; p++)
            if (*p >= '0' && *p <= '9')
                fixed[k++] = *p;
        fixed[k] = '\0';
        if (value && k && strpbrk(value, ".,' "))
            snprintf(buf, size, "a whole number without separators: write %s", fixed);
        else
            snprintf(buf, size, "a whole number without separators, e.g. 9600%s", atmost);
    } else if (strcmp(type, "language") == 0) {
        snprintf(buf, size, "a language tag such as en, de or de-CH");
    } else if (strcmp(type, "anyURI") == 0) {
        snprintf(buf, size, "a URI such as https://example.com/ or mailto:name@example.com");
    } else if (define && (strcmp(define, "id") == 0 || strcmp(define, "idref") == 0)) {
        snprintf(buf, size, "only letters, digits, '.', '_' and '-' (no spaces)");
    } else if (define && strcmp(define, "nonempty-text") == 0) {
        snprintf(buf, size, "it must not be empty");
    } else if (define && strcmp(define, "email") == 0) {
        snprintf(buf, size, "an e-mail address such as name@example.com");
    } else {
        char *doc = define_doc(m, define);
        char *pattern = param_of(pat, "pattern");
        if (doc)
            snprintf(buf, size, "%s", doc);
        else if (pattern)
            snprintf(buf, size, "it must match %s", pattern);
        else
            snprintf(buf, size, "a %s", type);
        free(doc);
        free(pattern);
    }
    free(max);
    free(type);
}

/* ---- attributes an instance lacks ---- */

typedef struct {
    const xmlNode *missing[16];
    size_t nmissing;
    int mismatches; /* attributes present with a value the alternative does not allow */
} attr_fit;

static void fit_add(attr_fit *into, const attr_fit *f)
{
    for (size_t i = 0; i < f->nmissing && into->nmissing < 16; i++)
        into->missing[into->nmissing++] = f->missing[i];
    into->mismatches += f->mismatches;
}

static bool has_fixed_values(const pd_rng *m, const xmlNode *attr)
{
    const xmlNode *p = value_pattern(m, attr, NULL);
    return p && (is_rng(p, "value") || is_rng(p, "choice"));
}

static attr_fit fit_children(const pd_rng *m, const xmlNode *pat, xmlNode *inst,
                             bool optional, int depth);

/* How well the attributes of inst fit one pattern node. */
static attr_fit fit_one(const pd_rng *m, const xmlNode *c, xmlNode *inst, bool optional,
                        int depth)
{
    attr_fit g = {{0}, 0, 0};
    if (depth > 40 || c->type != XML_ELEMENT_NODE || !c->ns ||
        strcmp((const char *)c->ns->href, RNG_NS) != 0)
        return g;
    if (is_rng(c, "attribute")) {
        xmlChar *v = xmlGetProp(inst, (const xmlChar *)pd_rng_name(c));
        if (!v && !optional)
            g.missing[g.nmissing++] = c;
        /* alternatives are told apart by their fixed values (value="go" or "pending") */
        if (v && has_fixed_values(m, c) && !pd_rng_value_ok(m, c, (const char *)v, inst))
            g.mismatches++;
        xmlFree(v);
    } else if (is_rng(c, "ref")) {
        const xmlNode *d = define_of(m, c);
        if (d)
            g = fit_children(m, d, inst, optional, depth + 1);
    } else if (is_rng(c, "optional") || is_rng(c, "zeroOrMore")) {
        g = fit_children(m, c, inst, true, depth + 1);
    } else if (is_rng(c, "group") || is_rng(c, "oneOrMore") || is_rng(c, "interleave") ||
               is_rng(c, "mixed")) {
        g = fit_children(m, c, inst, optional, depth + 1);
    } else if (is_rng(c, "choice")) {
        bool have = false;
        for (const xmlNode *a = c->children; a; a = a->next) {
            if (a->type != XML_ELEMENT_NODE)
                continue;
            attr_fit alt = fit_one(m, a, inst, optional, depth + 1);
            if (!have || alt.mismatches < g.mismatches ||
                (alt.mismatches == g.mismatches && alt.nmissing < g.nmissing)) {
                g = alt;
                have = true;
            }
        }
    }
    return g;
}

static attr_fit fit_children(const pd_rng *m, const xmlNode *pat, xmlNode *inst,
                             bool optional, int depth)
{
    attr_fit f = {{0}, 0, 0};
    for (const xmlNode *c = pat->children; c; c = c->next) {
        attr_fit g = fit_one(m, c, inst, optional, depth);
        fit_add(&f, &g);
    }
    return f;
}

/* ---- the pattern of an element's text ---- */

static const xmlNode *text_pattern_in(const pd_rng *m, const xmlNode *pat, xmlNode *inst,
                                      bool *optional, bool *varies, int depth);

static const xmlNode *text_pattern_at(const pd_rng *m, const xmlNode *c, xmlNode *inst,
                                      bool *optional, bool *varies, int depth)
{
    if (depth > 40 || c->type != XML_ELEMENT_NODE || !c->ns ||
        strcmp((const char *)c->ns->href, RNG_NS) != 0)
        return NULL;
    if (is_rng(c, "data") || is_rng(c, "value") || is_rng(c, "list"))
        return c;
    if (is_rng(c, "ref"))
        return text_pattern_in(m, define_of(m, c), inst, optional, varies, depth + 1);
    if (is_rng(c, "group") || is_rng(c, "interleave") || is_rng(c, "oneOrMore"))
        return text_pattern_in(m, c, inst, optional, varies, depth + 1);
    if (is_rng(c, "optional") || is_rng(c, "zeroOrMore")) {
        const xmlNode *p = text_pattern_in(m, c, inst, optional, varies, depth + 1);
        if (p)
            *optional = true;
        return p;
    }
    if (is_rng(c, "choice")) {
        const xmlNode *a = deref(m, first_pattern(c), NULL);
        if (a && (is_rng(a, "value") || is_rng(a, "data")))
            return c; /* a choice of values */
        /* alternatives told apart by their attributes' fixed values (value="go"): the text
         * of the first one the element fits */
        *varies = true;
        for (const xmlNode *alt = c->children; inst && alt; alt = alt->next)
            if (alt->type == XML_ELEMENT_NODE &&
                fit_one(m, alt, inst, false, depth + 1).mismatches == 0)
                return text_pattern_at(m, alt, inst, optional, varies, depth + 1);
    }
    return NULL; /* element, attribute, text, empty */
}

static const xmlNode *text_pattern_in(const pd_rng *m, const xmlNode *pat, xmlNode *inst,
                                      bool *optional, bool *varies, int depth)
{
    for (const xmlNode *c = pat ? pat->children : NULL; c; c = c->next) {
        const xmlNode *p = text_pattern_at(m, c, inst, optional, varies, depth);
        if (p)
            return p;
    }
    return NULL;
}

const xmlNode *pd_rng_text_pattern(const pd_rng *m, const xmlNode *def, xmlNode *instance,
                                   bool *optional, bool *varies)
{
    *optional = *varies = false;
    return text_pattern_in(m, def, instance, optional, varies, 0);
}

bool pd_rng_content_has_format(const pd_rng *m, const xmlNode *pat, int depth)
{
    for (const xmlNode *c = pat && depth < 40 ? pat->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_rng(c, "element") || is_rng(c, "attribute"))
            continue;
        if (is_rng(c, "data") || is_rng(c, "value") || is_rng(c, "list")) {
            if (holds_format(m, c, 0))
                return true;
        } else if (is_rng(c, "ref") ? pd_rng_content_has_format(m, define_of(m, c), depth + 1)
                                    : pd_rng_content_has_format(m, c, depth + 1)) {
            return true;
        }
    }
    return false;
}

size_t pd_rng_missing_attributes(const pd_rng *m, const xmlNode *def, xmlNode *instance,
                                 const xmlNode **out, size_t max)
{
    attr_fit f = fit_children(m, def, instance, false, 0);
    size_t n = 0;
    for (size_t i = 0; i < f.nmissing && n < max; i++)
        out[n++] = f.missing[i];
    return n;
}

char *pd_rng_doc(const xmlNode *def)
{
    for (const xmlNode *c = def ? def->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "documentation") == 0) {
            char *s = content_of(c);
            if (!s)
                return NULL;
            char *w = s;
            for (char *r = s; *r; r++) {
                char ch = (*r == '\n' || *r == '\t') ? ' ' : *r;
                if (ch != ' ' || (w > s && w[-1] != ' '))
                    *w++ = ch;
            }
            while (w > s && (w[-1] == ' ' || w[-1] == '.'))
                w--;
            *w = '\0';
            return s;
        }
    return NULL;
}
