/* explain.c — libxml2's RELAX NG validator says that a document is invalid, and roughly where;
 * its texts ("Element offer failed to validate attributes", "Internal error: no state") are
 * written for the validator's authors. Here libxml2 stays the judge of validity, and the
 * messages come from the schema itself (rngmodel.c): every attribute of every element is
 * checked against what the schema allows there, and each element error libxml2 reports is
 * explained from the content model of its parent. */
#include "explain.h"
#include "array.h"
#include "rngmodel.h"
#include "util.h"
#include "validate.h"
#include "xml.h"

#include <libxml/relaxng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One error as libxml2 raised it. */
typedef struct {
    int code;
    xmlNode *node;
    char *str1, *str2, *msg;
} raw_error;

typedef struct {
    pd_ctx *ctx;
    raw_error *errs;
    size_t n, cap;
    bool oom;
} collector;

enum { ERRORS_MAX = 4096 };

static char *dup_or_null(const char *s) { return s ? pd_strdup(s) : NULL; }

static void collect(void *user, xmlErrorPtr err)
{
    collector *c = user;
    if (!err || c->oom)
        return;
    if (c->n == ERRORS_MAX) /* enough to explain; the rest are dropped */
        return;
    raw_error *p = pd_array_grow(c->errs, &c->cap, c->n + 1, sizeof *p);
    if (!p) {
        c->oom = true;
        return;
    }
    c->errs = p;
    xmlNode *node = err->node;
    if (node && node->type != XML_ELEMENT_NODE)
        node = node->parent && node->parent->type == XML_ELEMENT_NODE ? node->parent : NULL;
    c->errs[c->n++] = (raw_error){err->code, node, dup_or_null(err->str1),
                                  dup_or_null(err->str2), dup_or_null(err->message)};
    if (getenv("PD_RNG_DEBUG"))
        fprintf(stderr, "rng-debug: code %d node %s line %d str1 %s str2 %s: %s",
                err->code, node ? (const char *)node->name : "-",
                node ? (int)xmlGetLineNo(node) : err->line, err->str1 ? err->str1 : "-",
                err->str2 ? err->str2 : "-", err->message ? err->message : "\n");
}

/* ---- the source text, for columns ---- */

typedef struct {
    char *data;
    size_t len;
    size_t *lines; /* byte offset of each line's start: lines[0] is line 1 */
    size_t nlines;
} source;

static void source_load(source *s, const xmlDoc *doc)
{
    s->data = NULL;
    s->len = 0;
    s->lines = NULL;
    s->nlines = 0;
    const char *name = pd_xml_doc_name(doc);
    if (name[0] == '<') /* <stdin>, <input>: not a file to read again */
        return;
    FILE *f = fopen(name, "rb");
    if (!f)
        return;
    pd_buf b;
    pd_buf_init(&b, PD_XML_MAX_BYTES);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (!pd_buf_add(&b, chunk, n))
            break;
    fclose(f);
    if (b.failed) {
        pd_buf_free(&b);
        return;
    }
    s->data = b.data;
    s->len = b.len;
    size_t nl = 1;
    for (size_t i = 0; i < b.len; i++)
        nl += b.data[i] == '\n';
    s->lines = malloc(nl * sizeof *s->lines);
    if (!s->lines)
        return;
    s->lines[0] = 0;
    s->nlines = 1;
    for (size_t i = 0; i < b.len; i++)
        if (b.data[i] == '\n')
            s->lines[s->nlines++] = i + 1;
}

/* Advances (line, col) over bytes [from, to) of src; columns count characters. */
static void advance(const char *src, size_t from, size_t to, int *line, int *col)
{
    for (size_t i = from; i < to; i++) {
        unsigned char ch = (unsigned char)src[i];
        if (ch == '\n') {
            (*line)++;
            *col = 1;
        } else if ((ch & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

static bool name_end(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '>' || ch == '/';
}

/* The same, with i the offset where the element's line starts. */
static void locate_from(const char *src, size_t len, size_t i, const xmlNode *el,
                        const char *attr, int *line, int *col);

void pd_source_locate(const char *src, size_t len, const xmlNode *el, const char *attr,
                      int *line, int *col)
{
    *line = (int)xmlGetLineNo(el);
    *col = 0;
    if (!src || *line <= 0)
        return;
    size_t i = 0;
    for (int l = 1; l < *line && i < len; i++)
        if (src[i] == '\n')
            l++;
    locate_from(src, len, i, el, attr, line, col);
}

static void locate_from(const char *src, size_t len, size_t i, const xmlNode *el,
                        const char *attr, int *line, int *col)
{
    const char *name = (const char *)el->name;
    size_t nl = strlen(name);
    /* the start tag, possibly with a prefix: <name or <p:name */
    size_t tag = len;
    for (size_t j = i; j + nl + 1 < len; j++) {
        if (src[j] != '<')
            continue;
        size_t k = j + 1;
        const char *colon = memchr(src + k, ':', 64 < len - k ? 64 : len - k);
        if (strncmp(src + k, name, nl) == 0 && name_end(src[k + nl])) {
            tag = j;
            break;
        }
        if (colon && strncmp(colon + 1, name, nl) == 0 && (size_t)(colon + 1 - src) + nl < len &&
            name_end(colon[1 + nl]) && memchr(src + k, ' ', (size_t)(colon - src) - k) == NULL) {
            tag = j;
            break;
        }
        if (src[j] == '<' && j > i && (size_t)(j - i) > 4096)
            break;
    }
    if (tag == len)
        return;
    int l = *line, c = 1;
    advance(src, i, tag, &l, &c);
    *line = l;
    *col = c;
    if (!attr)
        return;
    size_t al = strlen(attr);
    char quote = 0;
    for (size_t j = tag + 1; j + al < len; j++) {
        char ch = src[j];
        if (quote) {
            if (ch == quote)
                quote = 0;
            continue;
        }
        if (ch == '"' || ch == '\'') {
            quote = ch;
            continue;
        }
        if (ch == '>')
            return;
        if ((src[j - 1] == ' ' || src[j - 1] == '\t' || src[j - 1] == '\n' ||
             src[j - 1] == '\r') && strncmp(src + j, attr, al) == 0) {
            size_t k = j + al;
            while (k < len && strchr(" \t\r\n", src[k]))
                k++;
            if (k < len && src[k] == '=') {
                advance(src, tag, j, &l, &c);
                *line = l;
                *col = c;
                return;
            }
        }
    }
}

/* ---- messages ---- */

typedef struct {
    pd_ctx *ctx;
    const pd_rng *m;
    const char *file;
    source src;
    xmlNode **done; /* elements already explained */
    size_t ndone, capdone;
    int raised;
} explainer;

static bool is_done(const explainer *e, const xmlNode *n)
{
    for (size_t i = 0; i < e->ndone; i++)
        if (e->done[i] == n)
            return true;
    return false;
}

static void mark_done(explainer *e, xmlNode *n)
{
    if (is_done(e, n))
        return;
    xmlNode **p = pd_array_grow(e->done, &e->capdone, e->ndone + 1, sizeof *p);
    if (!p)
        return; /* noted as out of memory: the render fails anyway */
    e->done = p;
    e->done[e->ndone++] = n;
}

static void say(explainer *e, xmlNode *el, const char *attr, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Past this many messages the rest are not worded: nobody reads them, and a huge broken file
 * must not cost a scan of the file per message. */
enum { MAX_EXPLAINED = 400 };

static void say(explainer *e, xmlNode *el, const char *attr, const char *fmt, ...)
{
    if (e->raised >= MAX_EXPLAINED) {
        e->raised++;
        return;
    }
    int line = (int)xmlGetLineNo(el), col = 0;
    if (e->src.lines && line > 0 && (size_t)line <= e->src.nlines)
        locate_from(e->src.data, e->src.len, e->src.lines[line - 1], el, attr, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    pd_diag_raisev(e->ctx, PD_ERROR, e->file, line, col, fmt, ap);
    va_end(ap);
    e->raised++;
    mark_done(e, el);
}

/* "a, b, c" of the distinct names of items, into buf. */
static void list_names(const pd_rng_item *items, size_t n, const char *before, char *buf,
                       size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *name = pd_rng_name(items[i].def);
        bool seen = false;
        for (size_t j = 0; j < i; j++)
            seen = seen || strcmp(pd_rng_name(items[j].def), name) == 0;
        if (seen)
            continue;
        int w = snprintf(buf + used, size - used, "%s%s%s%s", used ? ", " : "", before, name,
                         *before == '<' ? ">" : "");
        if (w < 0 || (size_t)w >= size - used) {
            if (size > 5)
                strcpy(buf + size - 5, "...");
            return;
        }
        used += (size_t)w;
    }
}

static size_t names_of(const pd_rng_item *items, size_t n, const char **names)
{
    for (size_t i = 0; i < n; i++)
        names[i] = pd_rng_name(items[i].def);
    return n;
}

/* Every attribute of el checked against what the schema allows on it. */
static void explain_attributes(explainer *e, xmlNode *el, const xmlNode *def)
{
    pd_rng_item items[PD_RNG_MAX_ITEMS];
    size_t n = pd_rng_attributes(e->m, def, items, PD_RNG_MAX_ITEMS);
    const char *names[PD_RNG_MAX_ITEMS];
    names_of(items, n, names);
    char why[1024];
    for (xmlAttr *a = el->properties; a; a = a->next) {
        const char *an = (const char *)a->name;
        const xmlNode *pat = NULL;
        for (size_t i = 0; i < n && !pat; i++)
            if (strcmp(names[i], an) == 0 && !a->ns)
                pat = items[i].def;
        if (!pat) {
            const char *close = pd_closest_name(an, names, n);
            char allowed[600];
            list_names(items, n, "", allowed, sizeof allowed);
            if (close)
                say(e, el, an, "<%s> has no attribute %s: did you mean %s?",
                    (const char *)el->name, an, close);
            else if (n)
                say(e, el, an, "<%s> has no attribute %s (its attributes are %s)",
                    (const char *)el->name, an, allowed);
            else
                say(e, el, an, "<%s> takes no attributes (%s is not allowed)",
                    (const char *)el->name, an);
            continue;
        }
        xmlChar *v = xmlNodeGetContent((xmlNode *)a);
        const char *value = v ? (const char *)v : "";
        if (!pd_rng_value_ok(e->m, pat, value, el)) {
            pd_rng_explain_value(e->m, pat, value, why, sizeof why);
            say(e, el, an, "<%s %s=\"%s\">: %s", (const char *)el->name, an, value, why);
        }
        xmlFree(v);
    }
    const xmlNode *missing[8];
    size_t nm = pd_rng_missing_attributes(e->m, def, el, missing, 8);
    for (size_t i = 0; i < nm; i++) {
        pd_rng_explain_value(e->m, missing[i], NULL, why, sizeof why);
        /* name the attribute that selected the alternative (decision value="go") */
        char sel[160] = "";
        xmlChar *value = xmlGetProp(el, (const xmlChar *)"value");
        if (value)
            snprintf(sel, sizeof sel, " value=\"%s\"", (const char *)value);
        xmlFree(value);
        char *doc = pd_rng_doc(missing[i]);
        if (doc && doc[0] >= 'A' && doc[0] <= 'Z' && doc[1] >= 'a' && doc[1] <= 'z')
            doc[0] = (char)(doc[0] - 'A' + 'a');
        say(e, el, NULL, "<%s%s> needs the attribute %s%s%s%s: %s", (const char *)el->name, sel,
            pd_rng_name(missing[i]), doc ? " (" : "", doc ? doc : "", doc ? ")" : "", why);
        free(doc);
    }
}

/* Text of an element of simple content that its pattern refuses. */
static bool explain_text(explainer *e, xmlNode *el, const xmlNode *def)
{
    if (!pd_rng_has_simple_content(e->m, def))
        return false;
    xmlChar *v = xmlNodeGetContent(el);
    const char *value = v ? (const char *)v : "";
    bool bad = !pd_rng_value_ok(e->m, def, value, el);
    if (bad) {
        char why[1024];
        pd_rng_explain_value(e->m, def, value, why, sizeof why);
        char shown[80];
        snprintf(shown, sizeof shown, "%s", value);
        for (char *p = shown; *p; p++)
            if (*p == '\n' || *p == '\t')
                *p = ' ';
        say(e, el, NULL, "<%s>%s</%s>: %s", (const char *)el->name, shown,
            (const char *)el->name, why);
    }
    xmlFree(v);
    return bad;
}

static bool has_child(const xmlNode *parent, const char *name)
{
    for (const xmlNode *c = parent->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
            return true;
    return false;
}

/* An element libxml2 did not expect where it is: misspelt, missing a required sibling before
 * it, or out of order. */
static void explain_unexpected(explainer *e, xmlNode *el)
{
    xmlNode *parent = el->parent;
    if (!parent || parent->type != XML_ELEMENT_NODE || is_done(e, el))
        return;
    const xmlNode *pdef = pd_rng_def_of(e->m, parent);
    if (!pdef)
        return; /* the parent itself is out of place: explained there */
    pd_rng_item items[PD_RNG_MAX_ITEMS];
    size_t n = pd_rng_children(e->m, pdef, items, PD_RNG_MAX_ITEMS);
    const char *names[PD_RNG_MAX_ITEMS];
    names_of(items, n, names);
    const char *name = (const char *)el->name, *pname = (const char *)parent->name;
    size_t at = n;
    for (size_t i = 0; i < n && at == n; i++)
        if (strcmp(names[i], name) == 0)
            at = i;
    char list[800];
    list_names(items, n, "<", list, sizeof list);
    if (at == n) {
        const char *close = pd_closest_name(name, names, n);
        if (close)
            say(e, el, NULL, "<%s> is not allowed in <%s>: did you mean <%s>?", name, pname,
                close);
        else if (n)
            say(e, el, NULL, "<%s> is not allowed in <%s> (allowed there: %s)", name, pname,
                list);
        else
            say(e, el, NULL, "<%s> is not allowed in <%s>, which holds no elements", name,
                pname);
        return;
    }
    bool repeats = false;
    for (size_t i = 0; i < n; i++)
        repeats = repeats || (strcmp(names[i], name) == 0 && items[i].repeats);
    for (xmlNode *s = el->prev; s && !repeats; s = s->prev)
        if (s->type == XML_ELEMENT_NODE && strcmp((const char *)s->name, name) == 0) {
            int l = (int)xmlGetLineNo(s);
            say(e, el, NULL, "<%s> comes once in <%s>, and there is one at line %d already: "
                "merge the two", name, pname, l);
            return;
        }
    for (size_t i = 0; i < at; i++)
        if (items[i].required && !has_child(parent, names[i])) {
            say(e, el, NULL, "<%s> needs a <%s> before <%s>", pname, names[i], name);
            return;
        }
    say(e, el, NULL, "<%s> is out of place in <%s>: the order there is %s", name, pname,
        list);
}

/* A required child that never came (libxml2: "Expecting an element X, got nothing"). */
static void explain_missing_children(explainer *e, xmlNode *el, const xmlNode *def)
{
    pd_rng_item items[PD_RNG_MAX_ITEMS];
    size_t n = pd_rng_children(e->m, def, items, PD_RNG_MAX_ITEMS);
    for (size_t i = 0; i < n; i++)
        if (items[i].required && !has_child(el, pd_rng_name(items[i].def)))
            say(e, el, NULL, "<%s> needs a <%s> (see docs/project.md)", (const char *)el->name,
                pd_rng_name(items[i].def));
}

static void explain_error(explainer *e, const raw_error *r)
{
    xmlNode *el = r->node;
    if (!el || is_done(e, el))
        return;
    const xmlNode *def = pd_rng_def_of(e->m, el);
    switch (r->code) {
    case XML_RELAXNG_ERR_ELEMWRONG:
    case XML_RELAXNG_ERR_ELEMNAME:
    case XML_RELAXNG_ERR_ELEMNONS:
    case XML_RELAXNG_ERR_ELEMWRONGNS:
    case XML_RELAXNG_ERR_ELEMEXTRANS:
        if (!def || r->code != XML_RELAXNG_ERR_ELEMNAME) {
            explain_unexpected(e, el);
            return;
        }
        break;
    case XML_RELAXNG_ERR_EXTRACONTENT:
        for (xmlNode *c = el->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && !pd_rng_def_of(e->m, c)) {
                explain_unexpected(e, c);
                return;
            }
        break;
    case XML_RELAXNG_ERR_TEXTWRONG:
    case XML_RELAXNG_ERR_NOTELEM:
        say(e, el, NULL, "<%s> holds text where only elements are allowed: put the text "
            "inside one of its elements", (const char *)el->name);
        return;
    case XML_RELAXNG_ERR_DATAELEM:
    case XML_RELAXNG_ERR_VALELEM:
    case XML_RELAXNG_ERR_LISTELEM:
        for (xmlNode *c = el->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE) {
                say(e, c, NULL, "<%s> holds text only: the element <%s%s%s> is not allowed in "
                    "it", (const char *)el->name, c->ns && c->ns->prefix ?
                    (const char *)c->ns->prefix : "", c->ns && c->ns->prefix ? ":" : "",
                    (const char *)c->name);
                mark_done(e, el);
                return;
            }
        break;
    case XML_RELAXNG_ERR_ELEMNOTEMPTY:
        say(e, el, NULL, "<%s> must be empty: its data goes into attributes",
            (const char *)el->name);
        return;
    default:
        break;
    }
    if (!def)
        return;
    if (explain_text(e, el, def))
        return;
    if (r->code == XML_RELAXNG_ERR_NOELEM) {
        explain_missing_children(e, el, def);
        if (is_done(e, el))
            return;
    }
}

/* Last resort for an error nothing above explained: libxml2's words, with the element's
 * position, unless they are its internal ones. */
static void explain_leftover(explainer *e, const raw_error *r)
{
    static const int internal[] = {XML_RELAXNG_ERR_NOSTATE, XML_RELAXNG_ERR_INTERNAL,
                                   XML_RELAXNG_ERR_ATTRVALID, XML_RELAXNG_ERR_CONTENTVALID,
                                   XML_RELAXNG_ERR_NODEFINE, XML_RELAXNG_ERR_MEMORY,
                                   XML_RELAXNG_ERR_NOGRAMMAR};
    for (size_t i = 0; i < sizeof internal / sizeof internal[0]; i++)
        if (r->code == internal[i])
            return;
    xmlNode *el = r->node;
    if (el && is_done(e, el))
        return;
    char msg[400];
    snprintf(msg, sizeof msg, "%s", r->msg ? r->msg : "does not match the schema");
    size_t l = strlen(msg);
    while (l && (msg[l - 1] == '\n' || msg[l - 1] == ' '))
        msg[--l] = '\0';
    if (strstr(msg, "Internal error") || strstr(msg, "failed to validate") ||
        strstr(msg, "Expecting an element"))
        return;
    if (el)
        say(e, el, NULL, "<%s> does not match the schema here: %s", (const char *)el->name,
            msg);
}

static void explain_all(explainer *e, xmlDocPtr doc, const collector *c)
{
    /* attributes: every element, in document order */
    xmlNode *n = xmlDocGetRootElement(doc);
    while (n && e->raised < MAX_EXPLAINED) {
        if (n->type == XML_ELEMENT_NODE) {
            const xmlNode *def = pd_rng_def_of(e->m, n);
            if (def)
                explain_attributes(e, n, def);
        }
        if (n->children && n->type == XML_ELEMENT_NODE && pd_rng_def_of(e->m, n)) {
            n = n->children;
            continue;
        }
        while (n && !n->next)
            n = n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent : NULL;
        if (n)
            n = n->next;
    }
    /* elements and text: where libxml2 found them wrong */
    for (size_t i = 0; i < c->n; i++)
        explain_error(e, &c->errs[i]);
    for (size_t i = 0; i < c->n; i++)
        explain_leftover(e, &c->errs[i]);
    if (!e->raised) {
        xmlNode *root = xmlDocGetRootElement(doc);
        /* libxml2 refused the document but named nothing we can point at */
        xmlNode *at = root;
        for (size_t i = 0; i < c->n && at == root; i++)
            if (c->errs[i].node)
                at = c->errs[i].node;
        say(e, at, NULL, "<%s> does not match the schema (see docs/project.md for what "
            "<%s> holds)", (const char *)at->name, (const char *)at->name);
    }
}

pd_status pd_validate_explained(pd_ctx *ctx, xmlDocPtr doc, const char *schema)
{
    collector c = {ctx, NULL, 0, 0, false};
    pd_status st = pd_validate_doc_with(ctx, doc, schema, collect, &c);
    if (st == PD_ERR_INPUT) {
        explainer e = {ctx, pd_rng_get(ctx, schema), pd_xml_doc_name(doc), {NULL, 0, NULL, 0},
                       NULL, 0, 0, 0};
        if (!e.m) {
            st = PD_ERR_SYSTEM;
        } else {
            source_load(&e.src, doc);
            explain_all(&e, doc, &c);
            free(e.src.data);
            free(e.src.lines);
            free(e.done);
        }
    }
    for (size_t i = 0; i < c.n; i++) {
        free(c.errs[i].str1);
        free(c.errs[i].str2);
        free(c.errs[i].msg);
    }
    free(c.errs);
    if (c.oom && st == PD_OK)
        st = PD_ERR_SYSTEM;
    return st;
}
