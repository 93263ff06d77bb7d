/* checks.c — cross-checks of a project description that RELAX NG cannot express: ids unique
 * within their kind, references that resolve, a dependency graph without cycles, and dates in
 * a sensible order. Every error names the file and the line of the offending element. */
#include "checks.h"
#include "array.h"
#include "util.h"
#include "xml.h"

#include <libxml/hash.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS "urn:phasedoc:project:1"

typedef struct {
    pd_ctx *ctx;
    const char *file;
    xmlXPathContextPtr xp;
    bool oom;
} checker;

static int line_of(const xmlNode *n) { return n ? (int)xmlGetLineNo(n) : 0; }

static void raise_at(checker *c, pd_severity sev, const xmlNode *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void raise_at(checker *c, pd_severity sev, const xmlNode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pd_diag_raisev(c->ctx, sev, c->file, line_of(n), 0, fmt, ap);
    va_end(ap);
}

/* The element nodes expr selects, in document order (borrowed from the returned object). */
static xmlXPathObjectPtr select_nodes(checker *c, const char *expr, xmlNodeSetPtr *set)
{
    xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, c->xp);
    if (!r)
        c->oom = true;
    *set = r ? r->nodesetval : NULL;
    return r;
}

static int set_size(const xmlNodeSet *set) { return set ? set->nodeNr : 0; }

/* ---- dates ---- */

/* A schema-valid xsd:date as a number that orders like the date (YYYYMMDD), ignoring any time
 * zone. false for forms we do not compare (years before 1 or beyond 9999). */
static bool parse_date(const char *s, long *key)
{
    if (!s || strlen(s) < 10 || strspn(s, "0123456789") != 4 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 5; i < 10; i++)
        if (i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    long y = strtol(s, NULL, 10), m = strtol(s + 5, NULL, 10), d = strtol(s + 8, NULL, 10);
    *key = y * 10000 + m * 100 + d;
    return true;
}

/* A date attribute of n: its text (malloc'd, in *text) and key; false when absent or not
 * comparable. */
static bool date_attr(const xmlNode *n, const char *name, char **text, long *key)
{
    *text = pd_xml_attr(n, name);
    if (*text && parse_date(*text, key))
        return true;
    free(*text);
    *text = NULL;
    return false;
}

/* ---- ids and member references ---- */

/* The kinds within which ids must be unique, and where their elements are. */
static const struct {
    const char *kind;
    const char *expr;
} id_kinds[] = {
    {"team member", "/p:project/p:team/p:member"},
    {"customer or partner", "/p:project/p:customer | /p:project/p:partner"},
    {"section", "/p:project/p:concept//p:section[@id]"},
    {"risk", "/p:project/p:concept/p:risk"},
    {"question", "/p:project/p:concept/p:question"},
    {"work package", "/p:project/p:implementation/p:workpackage"},
    {"milestone", "/p:project/p:implementation/p:milestone"},
    {"acceptance criterion", "/p:project/p:approval/p:criterion"},
};

/* Maps each id of the selected elements to its first element; raises an error at every later
 * element with an id already seen. The table borrows the nodes. NULL on no memory. */
static xmlHashTablePtr index_ids(checker *c, const char *kind, const xmlNodeSet *set)
{
    xmlHashTablePtr h = xmlHashCreate(set_size(set) + 1);
    if (!h) {
        c->oom = true;
        return NULL;
    }
    for (int i = 0; i < set_size(set); i++) {
        xmlNodePtr n = set->nodeTab[i];
        xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
        if (!id)
            continue;
        xmlNodePtr first = xmlHashLookup(h, id);
        if (first)
            raise_at(c, PD_ERROR, n, "%s id '%s' is used twice (first at line %d)", kind,
                     (const char *)id, line_of(first));
        else if (xmlHashAddEntry(h, id, n) != 0)
            c->oom = true;
        xmlFree(id);
    }
    return h;
}

static void check_unique_ids(checker *c)
{
    for (size_t k = 0; k < sizeof id_kinds / sizeof id_kinds[0]; k++) {
        xmlNodeSetPtr set;
        xmlXPathObjectPtr r = select_nodes(c, id_kinds[k].expr, &set);
        xmlHashFree(index_ids(c, id_kinds[k].kind, set), NULL);
        xmlXPathFreeObject(r);
    }
}

/* Every attribute that names a team member must name one that exists. */
static void check_member_refs(checker *c)
{
    xmlNodeSetPtr members, refs;
    xmlXPathObjectPtr m = select_nodes(c, "/p:project/p:team/p:member", &members);
    xmlHashTablePtr team = xmlHashCreate(set_size(members) + 1);
    if (!team)
        c->oom = true;
    for (int i = 0; team && i < set_size(members); i++) {
        xmlChar *id = xmlGetProp(members->nodeTab[i], (const xmlChar *)"id");
        if (id && !xmlHashLookup(team, id))
            xmlHashAddEntry(team, id, members->nodeTab[i]);
        xmlFree(id);
    }
    xmlXPathObjectPtr r = select_nodes(c, "//@owner | //@member | //@author | //@contact", &refs);
    for (int i = 0; team && i < set_size(refs); i++) {
        xmlAttrPtr a = (xmlAttrPtr)refs->nodeTab[i];
        xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
        if (v && !xmlHashLookup(team, v))
            raise_at(c, PD_ERROR, a->parent, "%s=\"%s\" does not name a member of the team",
                     (const char *)a->name, (const char *)v);
        xmlFree(v);
    }
    xmlXPathFreeObject(r);
    xmlHashFree(team, NULL);
    xmlXPathFreeObject(m);
}

/* ---- work packages: dependencies and schedule ---- */

typedef struct {
    xmlNodePtr node;
    char *id;
    char *start, *end; /* NULL when absent or not comparable */
    long start_key, end_key;
    int *deps; /* indexes of the work packages this one depends on */
    int ndeps;
} wp_info;

typedef struct {
    wp_info *wps;
    int n;
} wp_graph;

static void graph_free(wp_graph *g)
{
    for (int i = 0; i < g->n; i++) {
        free(g->wps[i].id);
        free(g->wps[i].start);
        free(g->wps[i].end);
        free(g->wps[i].deps);
    }
    free(g->wps);
}

/* Reads the work packages and resolves depends, raising errors for names that are not work
 * packages. A duplicate id resolves to its first work package (the duplicate is reported by
 * check_unique_ids). */
static bool graph_load(checker *c, wp_graph *g)
{
    xmlNodeSetPtr set;
    xmlXPathObjectPtr r = select_nodes(c, "/p:project/p:implementation/p:workpackage", &set);
    g->n = set_size(set);
    g->wps = calloc((size_t)g->n + 1, sizeof *g->wps);
    xmlHashTablePtr ids = xmlHashCreate(g->n + 1);
    bool ok = g->wps && ids;
    for (int i = 0; ok && i < g->n; i++) {
        wp_info *w = &g->wps[i];
        w->node = set->nodeTab[i];
        w->id = pd_xml_attr(w->node, "id");
        if (!w->id)
            w->id = pd_strdup("?");
        ok = w->id != NULL;
        if (ok && !xmlHashLookup(ids, (const xmlChar *)w->id))
            ok = xmlHashAddEntry(ids, (const xmlChar *)w->id, (void *)(intptr_t)(i + 1)) == 0;
        date_attr(w->node, "start", &w->start, &w->start_key);
        date_attr(w->node, "end", &w->end, &w->end_key);
    }
    for (int i = 0; ok && i < g->n; i++) {
        wp_info *w = &g->wps[i];
        char *depends = pd_xml_attr(w->node, "depends");
        if (!depends)
            continue;
        size_t cap = 0;
        char *save = NULL;
        for (char *name = strtok_r(depends, " \t\r\n", &save); ok && name;
             name = strtok_r(NULL, " \t\r\n", &save)) {
            intptr_t j = (intptr_t)xmlHashLookup(ids, (const xmlChar *)name);
            if (j == 0)
                raise_at(c, PD_ERROR, w->node,
                         "work package %s depends on '%s', which is not a work package", w->id,
                         name);
            else {
                int *d = pd_array_grow(w->deps, &cap, (size_t)w->ndeps + 1, sizeof *d);
                ok = d != NULL;
                if (d) {
                    w->deps = d;
                    w->deps[w->ndeps++] = (int)(j - 1);
                }
            }
        }
        free(depends);
    }
    xmlHashFree(ids, NULL);
    xmlXPathFreeObject(r);
    if (!ok)
        c->oom = true;
    return ok;
}

/* Reports a cycle found on the DFS path: path[from..top] each depend on the next, and
 * path[top] on path[from]. It is written from its member earliest in the document, at that
 * member's line, so the message does not depend on where the search started. */
static void report_cycle(checker *c, const wp_graph *g, const int *path, int from, int top)
{
    int len = top - from + 1, first = 0;
    for (int k = 1; k < len; k++)
        if (path[from + k] < path[from + first])
            first = k;
    if (len == 1) {
        raise_at(c, PD_ERROR, g->wps[path[from]].node, "work package %s depends on itself",
                 g->wps[path[from]].id);
        return;
    }
    pd_buf msg;
    pd_buf_init(&msg, 4096);
    for (int k = 0; k <= len; k++) {
        if (k > 0)
            pd_buf_adds(&msg, " \u2192 ");
        pd_buf_adds(&msg, g->wps[path[from + (first + k) % len]].id);
    }
    raise_at(c, PD_ERROR, g->wps[path[from + first]].node,
             "work packages depend on each other in a cycle: %s (each depends on the next)",
             msg.failed ? "(too long to show)" : msg.data);
    pd_buf_free(&msg);
}

/* Depth-first search without recursion (a plan may have many work packages). A cycle is
 * reported unless it shares a work package with one reported already, so one knot of
 * dependencies gives one message. */
static void check_cycles(checker *c, const wp_graph *g)
{
    enum { WHITE, GREY, BLACK };
    char *colour = calloc((size_t)g->n + 1, 1);
    bool *reported = calloc((size_t)g->n + 1, sizeof *reported);
    int *path = malloc(((size_t)g->n + 1) * sizeof *path);
    int *next = malloc(((size_t)g->n + 1) * sizeof *next); /* next edge to follow per level */
    if (!colour || !reported || !path || !next) {
        c->oom = true;
        goto done;
    }
    for (int root = 0; root < g->n; root++) {
        if (colour[root] != WHITE)
            continue;
        int top = 0;
        path[0] = root;
        next[0] = 0;
        colour[root] = GREY;
        while (top >= 0) {
            const wp_info *w = &g->wps[path[top]];
            if (next[top] == w->ndeps) {
                colour[path[top--]] = BLACK;
                continue;
            }
            int v = w->deps[next[top]++];
            if (colour[v] == WHITE) {
                colour[v] = GREY;
                path[++top] = v;
                next[top] = 0;
            } else if (colour[v] == GREY) {
                int from = top;
                while (path[from] != v)
                    from--;
                bool seen = false;
                for (int k = from; k <= top; k++)
                    seen = seen || reported[path[k]];
                if (!seen) {
                    for (int k = from; k <= top; k++)
                        reported[path[k]] = true;
                    report_cycle(c, g, path, from, top);
                }
            }
        }
    }
done:
    free(colour);
    free(reported);
    free(path);
    free(next);
}

/* Work packages end after they start and lie inside the implementation period; a work package
 * that starts before one it depends on has ended is worth a warning (finish-to-start). */
static void check_schedule(checker *c, const wp_graph *g, xmlNodePtr impl)
{
    char *istart = NULL, *iend = NULL;
    long is = 0, ie = 0;
    bool has_period = impl && date_attr(impl, "start", &istart, &is) &&
                      date_attr(impl, "end", &iend, &ie);
    if (has_period && ie < is) {
        raise_at(c, PD_ERROR, impl, "the implementation ends (%s) before it starts (%s)", iend,
                 istart);
        has_period = false;
    }
    for (int i = 0; i < g->n; i++) {
        const wp_info *w = &g->wps[i];
        if (w->start && w->end && w->end_key < w->start_key) {
            raise_at(c, PD_ERROR, w->node, "work package %s ends (%s) before it starts (%s)",
                     w->id, w->end, w->start);
            continue;
        }
        if (has_period && w->start && w->end && (w->start_key < is || w->end_key > ie))
            raise_at(c, PD_ERROR, w->node,
                     "work package %s (%s to %s) lies outside the implementation period "
                     "(%s to %s)",
                     w->id, w->start, w->end, istart, iend);
        for (int k = 0; k < w->ndeps; k++) {
            const wp_info *d = &g->wps[w->deps[k]];
            if (d != w && w->start && d->end && w->start_key < d->end_key)
                raise_at(c, PD_WARNING, w->node,
                         "work package %s starts (%s) before %s, which it depends on, ends (%s)",
                         w->id, w->start, d->id, d->end);
        }
    }
    xmlNodeSetPtr set;
    xmlXPathObjectPtr r =
        select_nodes(c, "/p:project/p:implementation/p:milestone", &set);
    for (int i = 0; has_period && i < set_size(set); i++) {
        char *date, *id = pd_xml_attr(set->nodeTab[i], "id");
        long d;
        if (date_attr(set->nodeTab[i], "date", &date, &d) && (d < is || d > ie))
            raise_at(c, PD_ERROR, set->nodeTab[i],
                     "milestone %s (%s) lies outside the implementation period (%s to %s)",
                     id ? id : "?", date, istart, iend);
        free(date);
        free(id);
    }
    xmlXPathFreeObject(r);
    free(istart);
    free(iend);
}

static void check_work_packages(checker *c)
{
    wp_graph g = {NULL, 0};
    if (graph_load(c, &g)) {
        check_cycles(c, &g);
        xmlNodeSetPtr set;
        xmlXPathObjectPtr r = select_nodes(c, "/p:project/p:implementation", &set);
        check_schedule(c, &g, set_size(set) ? set->nodeTab[0] : NULL);
        xmlXPathFreeObject(r);
    }
    graph_free(&g);
}

/* ---- other pairs of dates ---- */

/* For every element expr selects: the date in attribute `later` must not be before the one in
 * `earlier`. fmt gets the later date first, then the earlier. */
static void check_pair(checker *c, const char *expr, const char *earlier, const char *later,
                       const char *fmt)
{
    xmlNodeSetPtr set;
    xmlXPathObjectPtr r = select_nodes(c, expr, &set);
    for (int i = 0; i < set_size(set); i++) {
        char *a, *b;
        long ka, kb;
        bool has_a = date_attr(set->nodeTab[i], earlier, &a, &ka);
        bool has_b = date_attr(set->nodeTab[i], later, &b, &kb);
        if (has_a && has_b && kb < ka)
            raise_at(c, PD_ERROR, set->nodeTab[i], fmt, b, a);
        free(a);
        free(b);
    }
    xmlXPathFreeObject(r);
}

static void check_date_pairs(checker *c)
{
    check_pair(c, "/p:project/p:initialisation/p:poc", "ready", "feedback",
               "the POC's feedback date (%s) is before its ready date (%s)");
    check_pair(c, "/p:project/p:initialisation/p:offer", "date", "valid-until",
               "the offer is valid until %s, before its own date (%s)");
}

pd_status pd_project_check(pd_ctx *ctx, xmlDocPtr doc)
{
    int errors_before = pd_ctx_error_count(ctx);
    checker c = {ctx, pd_xml_doc_name(doc), xmlXPathNewContext(doc), false};
    if (!c.xp) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    xmlXPathRegisterNs(c.xp, (const xmlChar *)"p", (const xmlChar *)NS);
    check_unique_ids(&c);
    check_member_refs(&c);
    check_work_packages(&c);
    check_date_pairs(&c);
    xmlXPathFreeContext(c.xp);
    if (c.oom) {
        pd_error(ctx, "out of memory while checking %s", c.file);
        return PD_ERR_SYSTEM;
    }
    return pd_ctx_error_count(ctx) > errors_before ? PD_ERR_INPUT : PD_OK;
}
