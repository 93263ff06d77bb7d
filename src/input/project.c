/* project.c — one run reports every problem of a project description: the schema's, the
 * cross-references', and the warnings, sorted into the order of the file so that a consultant
 * can walk down the file once. */
#include "project.h"
#include "array.h"
#include "checks.h"
#include "explain.h"
#include "lint.h"
#include "util.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

#define NS "urn:phasedoc:project:1"

/* Diagnostics held back while a run collects them, then handed on in file order. */
typedef struct {
    pd_diag *d;
    size_t n, cap;
    size_t dropped;
} held;

enum { HELD_MAX = 65536 };

static void hold(const pd_diag *d, void *user)
{
    held *h = user;
    /* past HELD_MAX the rest are counted, not kept: nobody reads more */
    pd_diag *p = h->n < HELD_MAX ? pd_array_grow(h->d, &h->cap, h->n + 1, sizeof *p) : NULL;
    if (!p) {
        h->dropped++;
        return;
    }
    h->d = p;
    pd_diag c = *d;
    c.file = d->file ? pd_strdup(d->file) : NULL;
    c.message = pd_strdup(d->message ? d->message : "");
    h->d[h->n++] = c;
}

static int by_position(const void *a, const void *b)
{
    const pd_diag *x = a, *y = b;
    /* messages without a line (about the file as a whole) first; then by line and column;
     * the index (kept in the column's high bits would be obscure): stable by merge below */
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->column != y->column)
        return x->column < y->column ? -1 : 1;
    return 0;
}

/* A stable sort: insertion sort is fine for the hundred-odd messages of one file. */
static void sort_stable(pd_diag *d, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        pd_diag x = d[i];
        size_t j = i;
        while (j > 0 && by_position(&d[j - 1], &x) > 0) {
            d[j] = d[j - 1];
            j--;
        }
        d[j] = x;
    }
}

pd_status pd_project_validate(pd_ctx *ctx, xmlDocPtr doc)
{
    pd_diag_fn fn = ctx->diag_fn;
    void *user = ctx->diag_user;
    held h = {NULL, 0, 0, 0};
    if (fn)
        pd_ctx_set_diag_handler(ctx, hold, &h);
    int errors_before = pd_ctx_error_count(ctx);
    pd_status st = pd_validate_explained(ctx, doc, "project.rng");
    /* the cross-references are checked on an invalid tree too: all problems in one run */
    if (st != PD_ERR_SYSTEM) {
        pd_status c = pd_project_check(ctx, doc);
        if (c == PD_ERR_SYSTEM || st == PD_OK)
            st = c;
    }
    if (st != PD_ERR_SYSTEM)
        pd_project_lint(ctx, doc);
    if (st == PD_OK && pd_ctx_error_count(ctx) > errors_before)
        st = PD_ERR_INPUT; /* a warning turned error by --strict */
    if (!fn)
        return st;
    pd_ctx_set_diag_handler(ctx, fn, user);
    sort_stable(h.d, h.n);
    size_t shown = h.n < PD_PROJECT_MAX_SHOWN ? h.n : PD_PROJECT_MAX_SHOWN;
    for (size_t i = 0; i < shown; i++)
        fn(&h.d[i], user);
    if (h.n + h.dropped > shown) {
        char msg[160];
        snprintf(msg, sizeof msg, "%zu more messages not shown (fix the ones above first)",
                 h.n + h.dropped - shown);
        pd_diag more = {PD_NOTE, pd_xml_doc_name(doc), 0, 0, msg};
        fn(&more, user);
    }
    for (size_t i = 0; i < h.n; i++) {
        free((char *)h.d[i].file);
        free((char *)h.d[i].message);
    }
    free(h.d);
    return st;
}

/* ---- kinds and the data they are made from ---- */

static xmlNode *child(xmlNode *parent, const char *name)
{
    for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
        if (pd_xml_is(c, NS, name))
            return c;
    return NULL;
}

bool pd_project_has_data(pd_ctx *ctx, xmlDocPtr doc, const char *kind, bool raise)
{
    static const struct {
        const char *kind, *phase, *part, *what;
    } need[] = {
        {"offer", "initialisation", "offer",
         "the project has no <offer> in <initialisation> yet: add its number, dates, VAT rate "
         "and line items (<item>), see `phasedoc new`"},
        {"concept", "concept", NULL,
         "the project has no <concept> yet: add its sections, risks and open questions, see "
         "`phasedoc new`"},
        {"implementation", "implementation", NULL,
         "the project has no <implementation> yet: add its period, work packages and "
         "milestones, see `phasedoc new`"},
        {"approval", "approval", NULL,
         "the project has no <approval> yet: add its criteria and signatories (<criterion>, "
         "<decision>, <signoff>), see `phasedoc new`"},
    };
    xmlNode *root = xmlDocGetRootElement(doc);
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
        if (!pd_streq(kind, need[i].kind))
            continue;
        xmlNode *at = child(root, need[i].phase);
        if (at && need[i].part)
            at = child(at, need[i].part);
        if (!at && raise)
            pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), root ? (int)xmlGetLineNo(root) : 0,
                          0, "%s", need[i].what);
        return at != NULL;
    }
    return true; /* a kind of a partner's stylesheet: its data is its own business */
}

pd_status pd_starter_schema_pis(pd_ctx *ctx, FILE *out)
{
    static const struct {
        const char *file, *ns;
    } schemas[] = {
        {"schemas/project.rng", "http://relaxng.org/ns/structure/1.0"},
        {"schemas/project.xsd", "http://www.w3.org/2001/XMLSchema"},
    };
    for (size_t i = 0; i < sizeof schemas / sizeof schemas[0]; i++) {
        char *path = pd_data_path(ctx, schemas[i].file);
        if (!path)
            return PD_ERR_SYSTEM;
        /* a path with a quote or a space would need escaping; the data folder has none */
        bool plain = strcspn(path, "\"<>& %") == strlen(path);
        int w = plain ? fprintf(out, "<?xml-model href=\"file://%s\" type=\"application/xml\" "
                                     "schematypens=\"%s\"?>\n", path, schemas[i].ns)
                      : 0;
        free(path);
        if (w < 0)
            return PD_ERR_SYSTEM;
    }
    return PD_OK;
}
