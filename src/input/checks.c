/* checks.c — cross-checks of a project description: every member reference resolves. */
#include "checks.h"
#include "util.h"
#include "xml.h"

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdlib.h>
#include <string.h>

#define NS "urn:phasedoc:project:1"

static xmlXPathObjectPtr select_nodes(xmlXPathContextPtr xp, const char *expr)
{
    return xmlXPathEvalExpression((const xmlChar *)expr, xp);
}

static bool member_exists(xmlXPathContextPtr xp, const char *id)
{
    char expr[256];
    if (strchr(id, '\''))
        return false;
    snprintf(expr, sizeof expr, "count(/p:project/p:team/p:member[@id='%s'])", id);
    xmlXPathObjectPtr r = select_nodes(xp, expr);
    bool ok = r && r->floatval > 0;
    xmlXPathFreeObject(r);
    return ok;
}

/* Every attribute that names a team member must name one that exists. */
static void check_member_refs(pd_ctx *ctx, xmlDocPtr doc, xmlXPathContextPtr xp)
{
    xmlXPathObjectPtr r = select_nodes(xp, "//@owner | //@member | //@author | //@contact");
    for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
        xmlAttrPtr a = (xmlAttrPtr)r->nodesetval->nodeTab[i];
        xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
        if (v && !member_exists(xp, (const char *)v))
            pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), (int)xmlGetLineNo(a->parent), 0,
                          "%s=\"%s\" does not name a member of the team", (const char *)a->name,
                          (const char *)v);
        xmlFree(v);
    }
    xmlXPathFreeObject(r);
}

pd_status pd_project_check(pd_ctx *ctx, xmlDocPtr doc)
{
    int errors_before = pd_ctx_error_count(ctx);
    xmlXPathContextPtr xp = xmlXPathNewContext(doc);
    if (!xp)
        return PD_ERR_SYSTEM;
    xmlXPathRegisterNs(xp, (const xmlChar *)"p", (const xmlChar *)NS);
    check_member_refs(ctx, doc, xp);
    xmlXPathFreeContext(xp);
    return pd_ctx_error_count(ctx) > errors_before ? PD_ERR_INPUT : PD_OK;
}
