/* parts.c — where a flow falls into parts that can be laid out apart: at its top-level page
 * breaks, when nothing in it refers across them. */
#include "parts.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

static bool is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* What ties a part to the others or to the whole layout: page numbers and references
 * (which need every part's pages), footnotes (numbered through the document), a table of
 * contents, a page break that changes the master (the next part's pages would change with
 * it), and images (loaded into the context's cache, which one thread at a time may use). */
static bool ties_parts(const xmlNode *n)
{
    static const char *const ties[] = {"toc", "page-ref", "page-number", "page-count",
                                       "footnote", "image"};
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        for (size_t i = 0; i < sizeof ties / sizeof ties[0]; i++)
            if (strcmp((const char *)c->name, ties[i]) == 0)
                return true;
        if (is(c, "page-break") && xmlHasProp(c, BAD_CAST "master"))
            return true;
        if (ties_parts(c))
            return true;
    }
    return false;
}

static bool has_element(xmlNode *from, xmlNode *stop)
{
    for (xmlNode *n = from; n && n != stop; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return true;
    return false;
}

int pd_parts_split(xmlNode *flow, const pd_master *first, const pd_master *next,
                   pd_part **out)
{
    *out = NULL;
    /* A part after a break starts on the next master, as the whole flow would: the same as
     * the first only if they are one (an empty first part would otherwise move it). */
    if (first != next)
        return 0;
    int breaks = 0;
    xmlNode *last = NULL;
    for (xmlNode *c = flow->children; c; c = c->next) {
        breaks += is(c, "page-break");
        if (c->type == XML_ELEMENT_NODE)
            last = c;
    }
    /* (a break at the very end leaves an empty last page, which belongs to no part) */
    if (breaks == 0 || is(last, "page-break") || ties_parts(flow))
        return 0;
    pd_part *parts = calloc((size_t)breaks + 1, sizeof *parts);
    if (!parts)
        return 0;
    int n = 0;
    xmlNode *start = flow->children;
    for (xmlNode *c = flow->children;; c = c->next) {
        if (c && !is(c, "page-break"))
            continue;
        /* a stretch with no element (two breaks in a row) adds nothing: the break after it
         * falls on a fresh page, where the whole flow ignores it too */
        if (has_element(start, c))
            parts[n++] = (pd_part){start, c};
        if (!c)
            break;
        start = c->next;
    }
    if (n < 2) {
        free(parts);
        return 0;
    }
    *out = parts;
    return n;
}

bool pd_parts_need_total(const pd_layout *lay)
{
    static const char *const count[] = {"page-count", "page-ref", NULL};
    for (int i = 0; i < lay->doc.nmasters; i++)
        if (pd_xml_contains(lay->doc.masters[i].header, count) ||
            pd_xml_contains(lay->doc.masters[i].footer, count))
            return true;
    return false;
}
