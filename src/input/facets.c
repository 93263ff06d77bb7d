/* facets.c — see facets.h. The walk goes down the document and the schema together: each
 * element of the document is paired with its <element> pattern, found among the patterns its
 * parent's pattern allows; what a pattern allows is worked out once per schema and context. */
#include "facets.h"
#include "array.h"
#include "cache.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the schema without its checked patterns ---- */

typedef struct {
    xmlNode *param, *parent, *next;
} removed;

typedef struct {
    removed *items;
    size_t n, cap;
    bool oom;
} removals;

static void find_checked(xmlNode *n, removals *r)
{
    for (; n && !r->oom; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (pd_rng_is_checked_pattern(n)) {
            removed *p = pd_array_grow(r->items, &r->cap, r->n + 1, sizeof *p);
            if (!p) {
                r->oom = true;
                return;
            }
            r->items = p;
            r->items[r->n++] = (removed){n, n->parent, n->next};
            continue;
        }
        find_checked(n->children, r);
    }
}

xmlRelaxNGPtr pd_facets_compile(const pd_rng *m)
{
    xmlDocPtr doc = pd_rng_document(m);
    removals r = {NULL, 0, 0, false};
    find_checked(xmlDocGetRootElement(doc), &r);
    xmlRelaxNGPtr rng = NULL;
    if (!r.oom) {
        /* libxml2 compiles a copy of the document (it rewrites what it compiles): take the
         * patterns out for the copy, and put them back where they were, last first, so that
         * the model keeps reading the whole schema */
        for (size_t i = 0; i < r.n; i++)
            xmlUnlinkNode(r.items[i].param);
        xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewDocParserCtxt(doc);
        for (size_t i = r.n; i-- > 0;) {
            if (r.items[i].next)
                xmlAddPrevSibling(r.items[i].next, r.items[i].param);
            else
                xmlAddChild(r.items[i].parent, r.items[i].param);
        }
        rng = pc ? xmlRelaxNGParse(pc) : NULL;
        xmlRelaxNGFreeParserCtxt(pc);
    }
    free(r.items);
    return rng;
}

/* ---- what each element pattern allows ---- */

typedef struct {
    const char *name;
    const xmlNode *def;
} named;

/* an attribute pattern that holds a checked pattern, with its check worked out */
typedef struct {
    const char *name;
    const xmlNode *def;
    pd_rng_format format;
} checked;

typedef struct {
    const xmlNode *def;
    named *children; /* the element patterns allowed in it */
    size_t nchildren;
    checked *attrs;
    size_t nattrs;
    bool text_format;   /* its text content holds a checked pattern, in some alternative */
    bool text_varies;   /* which one is chosen by the element's attributes (then: per element) */
    bool text_optional; /* else: the text may be left out */
    pd_rng_format text; /* else: its check (pat NULL: none) */
} entry;

/* entries by the address of their pattern, open addressing */
typedef struct {
    const pd_rng *m;
    entry **slots;
    size_t cap, n;
} facet_index;

static void entry_free(entry *e)
{
    if (!e)
        return;
    free(e->children);
    free(e->attrs);
    free(e);
}

static void index_free(void *p)
{
    facet_index *x = p;
    for (size_t i = 0; i < x->cap; i++)
        entry_free(x->slots[i]);
    free(x->slots);
    free(x);
}

static size_t slot_of(const facet_index *x, const xmlNode *def)
{
    size_t h = ((uintptr_t)def >> 4) * 0x9E3779B97F4A7C15u;
    size_t i = h & (x->cap - 1);
    while (x->slots[i] && x->slots[i]->def != def)
        i = (i + 1) & (x->cap - 1);
    return i;
}

static bool index_grow(facet_index *x)
{
    size_t cap = x->cap ? x->cap * 2 : 64;
    entry **old = x->slots;
    size_t oldcap = x->cap;
    x->slots = calloc(cap, sizeof *x->slots);
    if (!x->slots) {
        x->slots = old;
        return false;
    }
    x->cap = cap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i])
            x->slots[slot_of(x, old[i]->def)] = old[i];
    free(old);
    return true;
}

static named *names_of(const pd_rng_item *items, size_t n, size_t *count)
{
    named *out = calloc(n ? n : 1, sizeof *out);
    *count = 0;
    if (out)
        for (size_t i = 0; i < n; i++)
            out[(*count)++] = (named){pd_rng_name(items[i].def), items[i].def};
    return out;
}

static entry *entry_make(const pd_rng *m, const xmlNode *def)
{
    entry *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->def = def;
    pd_rng_item items[PD_RNG_MAX_ITEMS];
    size_t n = pd_rng_children(m, def, items, PD_RNG_MAX_ITEMS);
    e->children = names_of(items, n, &e->nchildren);
    n = pd_rng_attributes(m, def, items, PD_RNG_MAX_ITEMS);
    e->attrs = calloc(n ? n : 1, sizeof *e->attrs);
    for (size_t i = 0; e->attrs && i < n; i++)
        if (pd_rng_value_has_format(m, items[i].def)) {
            checked *a = &e->attrs[e->nattrs++];
            a->name = pd_rng_name(items[i].def);
            a->def = items[i].def;
            pd_rng_format_prepare(pd_rng_value_pattern(m, items[i].def), &a->format);
        }
    e->text_format = pd_rng_content_has_format(m, def, 0);
    if (e->text_format)
        pd_rng_format_prepare(pd_rng_text_pattern(m, def, NULL, &e->text_optional,
                                                  &e->text_varies),
                              &e->text);
    if (!e->children || !e->attrs) {
        entry_free(e);
        return NULL;
    }
    return e;
}

static const entry *entry_of(facet_index *x, const xmlNode *def)
{
    if ((x->n + 1) * 2 > x->cap && !index_grow(x))
        return NULL;
    size_t i = slot_of(x, def);
    if (!x->slots[i]) {
        if (!(x->slots[i] = entry_make(x->m, def)))
            return NULL;
        x->n++;
    }
    return x->slots[i];
}

static facet_index *index_get(pd_ctx *ctx, const char *schema)
{
    char key[256];
    snprintf(key, sizeof key, "facets:%s", schema);
    facet_index *x = pd_cache_lookup(ctx->cache, key);
    if (x)
        return x;
    const pd_rng *m = pd_rng_get(ctx, schema);
    if (!m || !(x = calloc(1, sizeof *x)))
        return NULL;
    x->m = m;
    if (!index_grow(x)) {
        free(x);
        return NULL;
    }
    return pd_cache_put(ctx->cache, key, x, index_free) ? x : NULL;
}

/* ---- the walk ---- */

typedef struct {
    pd_ctx *ctx;
    facet_index *x;
    xmlDocPtr doc;
    void (*fn)(void *user, xmlErrorPtr err);
    void *user;
    int bad;
    bool oom;
} checker;

/* One value that fails its pattern, worded as the explainer words it (explain.c). */
static void report(checker *c, xmlNode *el, const xmlNode *def, const char *attr,
                   const char *value)
{
    char why[1024], msg[1400];
    pd_rng_explain_value(c->x->m, def, value, why, sizeof why);
    if (attr) {
        snprintf(msg, sizeof msg, "<%s %s=\"%s\">: %s", (const char *)el->name, attr, value, why);
    } else {
        char shown[80];
        snprintf(shown, sizeof shown, "%s", value);
        for (char *p = shown; *p; p++)
            if (*p == '\n' || *p == '\t' || *p == '\r')
                *p = ' ';
        snprintf(msg, sizeof msg, "<%s>%s</%s>: %s", (const char *)el->name, shown,
                 (const char *)el->name, why);
    }
    xmlError err = {0};
    err.domain = XML_FROM_RELAXNGV;
    err.code = XML_RELAXNG_ERR_DATATYPE;
    err.level = XML_ERR_ERROR;
    err.message = msg;
    err.file = c->doc->URL ? (char *)c->doc->URL : NULL;
    err.line = (int)xmlGetLineNo(el);
    err.str1 = (char *)attr;
    err.node = el;
    c->fn(c->user, &err);
}

/* The text of an attribute or element without a copy when it is one text node (the usual
 * case); else *copy holds it. */
static const char *text_of(xmlNode *n, xmlChar **copy)
{
    *copy = NULL;
    if (n->children && n->children->type == XML_TEXT_NODE && !n->children->next)
        return (const char *)n->children->content;
    *copy = xmlNodeGetContent(n);
    return *copy ? (const char *)*copy : "";
}

/* The checked attributes and text of one element against entry e; with tell false, only
 * counts what fails. */
static int check_own(checker *c, xmlNode *el, const entry *e, bool tell)
{
    int bad = 0;
    for (xmlAttr *a = e->nattrs ? el->properties : NULL; a; a = a->next) {
        if (a->ns)
            continue;
        const checked *which = NULL;
        bool ok = false;
        xmlChar *copy;
        const char *value = text_of((xmlNode *)a, &copy);
        /* an element pattern may hold the same attribute in alternatives: one must accept */
        for (size_t i = 0; i < e->nattrs && !ok; i++)
            if (strcmp(e->attrs[i].name, (const char *)a->name) == 0) {
                which = which ? which : &e->attrs[i];
                ok = pd_rng_format_fits(c->x->m, &e->attrs[i].format, value, el);
            }
        if (which && !ok) {
            bad++;
            if (tell)
                report(c, el, which->def, (const char *)a->name, value);
        }
        xmlFree(copy);
    }
    if (!e->text_format)
        return bad;
    bool optional = e->text_optional, varies;
    pd_rng_format chosen;
    const pd_rng_format *text = &e->text;
    if (e->text_varies) {
        pd_rng_format_prepare(pd_rng_text_pattern(c->x->m, e->def, el, &optional, &varies),
                              &chosen);
        text = &chosen;
    }
    if (text->pat) {
        xmlChar *copy;
        const char *value = text_of(el, &copy);
        /* text it may leave out, left out: none, or only white space (RELAX NG lets white
         * space between tags match nothing) */
        bool absent = optional && value[strspn(value, " \t\r\n")] == '\0';
        if (!absent && !pd_rng_format_fits(c->x->m, text, value, el)) {
            bad++;
            if (tell)
                report(c, el, e->def, NULL, value);
        }
        xmlFree(copy);
    }
    return bad;
}

/* The first element from n on (n and its next siblings) that the parent's pattern e allows,
 * with its entry in *out; NULL when none is left. Where e allows two patterns of one name, the
 * first whose own checks pass is taken (libxml2 has decided which one the element matched). */
static xmlNode *next_allowed(checker *c, const entry *e, xmlNode *n, const entry **out)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const entry *first = NULL;
        size_t candidates = 0;
        for (size_t i = 0; i < e->nchildren; i++) {
            if (strcmp(e->children[i].name, (const char *)n->name) != 0)
                continue;
            const entry *ce = entry_of(c->x, e->children[i].def);
            if (!ce) {
                c->oom = true;
                return NULL;
            }
            if (!candidates++)
                first = ce;
            else if (candidates == 2 && check_own(c, n, first, false) == 0)
                break; /* the first fits: keep it */
            else if (check_own(c, n, ce, false) == 0) {
                first = ce;
                break;
            }
        }
        if (first) {
            *out = first;
            return n;
        }
    }
    return NULL;
}

int pd_facets_check(pd_ctx *ctx, const char *schema, xmlDocPtr doc,
                    void (*fn)(void *user, xmlErrorPtr err), void *user)
{
    facet_index *x = index_get(ctx, schema);
    if (!x)
        return -1;
    checker c = {ctx, x, doc, fn, user, 0, false};
    xmlNode *n = xmlDocGetRootElement(doc);
    const xmlNode *start = pd_rng_def_of(x->m, n);
    if (!start)
        return 0; /* a root the schema does not have: libxml2 said so */
    /* down the document without recursion (a partner's stylesheet may nest deeply): the entry
     * of each element on the way down is kept by depth */
    const entry **stack = NULL;
    size_t cap = 0, depth = 0;
    const entry *e = entry_of(x, start);
    if (!e || !(stack = pd_array_grow(NULL, &cap, 1, sizeof *stack))) {
        free(stack);
        return -1;
    }
    stack[0] = e;
    while (n && !c.oom) {
        c.bad += check_own(&c, n, stack[depth], true);
        const entry *ce;
        xmlNode *child = next_allowed(&c, stack[depth], n->children, &ce);
        if (child) {
            const entry **grown = pd_array_grow(stack, &cap, depth + 2, sizeof *stack);
            if (!grown) {
                c.oom = true;
                break;
            }
            stack = grown;
            stack[++depth] = ce;
            n = child;
            continue;
        }
        /* up until an element has a next sibling to visit */
        for (;;) {
            if (depth == 0) {
                n = NULL;
                break;
            }
            xmlNode *sibling = next_allowed(&c, stack[depth - 1], n->next, &ce);
            if (sibling) {
                stack[depth] = ce;
                n = sibling;
                break;
            }
            n = n->parent;
            depth--;
        }
    }
    free(stack);
    return c.oom ? -1 : c.bad;
}
