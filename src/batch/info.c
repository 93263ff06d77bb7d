/* info.c — the few facts of a project description that name its outputs: id, customer, lang,
 * brand. Read with the hardened loader; not validated (the render validates). */
#include "batch.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

#define PROJECT_NS PD_PROJECT_NS

static xmlNode *child(xmlNode *parent, const char *name)
{
    for (xmlNode *n = parent ? parent->children : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && pd_xml_is(n, PROJECT_NS, name))
            return n;
    return NULL;
}

static char *text_of(xmlNode *n)
{
    if (!n)
        return NULL;
    xmlChar *c = xmlNodeGetContent(n);
    char *s = c ? pd_strdup((const char *)c) : NULL;
    xmlFree(c);
    /* Names in the project are written across lines sometimes: fold white space. */
    if (s) {
        char *w = s;
        bool space = true;
        for (const char *r = s; *r; r++) {
            bool ws = *r == ' ' || *r == '\t' || *r == '\n' || *r == '\r';
            if (ws && !space)
                *w++ = ' ';
            else if (!ws)
                *w++ = *r;
            space = ws;
        }
        while (w > s && w[-1] == ' ')
            w--;
        *w = '\0';
    }
    return s;
}

pd_status pd_batch_facts(pd_ctx *ctx, const char *path, pd_project_facts *facts)
{
    memset(facts, 0, sizeof *facts);
    pd_status st;
    xmlDocPtr doc = pd_xml_load(ctx, path, &st);
    if (!doc)
        return st;
    pd_batch_facts_doc(doc, facts);
    xmlFreeDoc(doc);
    return PD_OK;
}

void pd_batch_facts_doc(xmlDocPtr doc, pd_project_facts *facts)
{
    memset(facts, 0, sizeof *facts);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (pd_xml_is(root, PROJECT_NS, "project")) {
        facts->id = pd_xml_attr(root, "id");
        facts->lang = pd_xml_attr(root, "lang");
        facts->customer = text_of(child(child(root, "customer"), "name"));
        xmlNode *branding = child(root, "branding");
        facts->brand = branding ? pd_xml_attr(branding, "brand") : NULL;
    }
}

void pd_batch_facts_free(pd_project_facts *facts)
{
    free(facts->id);
    free(facts->customer);
    free(facts->lang);
    free(facts->brand);
    memset(facts, 0, sizeof *facts);
}

pd_status pd_project_info(pd_ctx *ctx, const char *path, char **id, char **customer)
{
    pd_project_facts f;
    pd_status st = pd_batch_facts(ctx, path, &f);
    if (id) {
        *id = f.id;
        f.id = NULL;
    }
    if (customer) {
        *customer = f.customer;
        f.customer = NULL;
    }
    pd_batch_facts_free(&f);
    return st;
}
