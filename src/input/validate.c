/* validate.c — RELAX NG validation with positions in the messages. */
#include "validate.h"
#include "cache.h"
#include "facets.h"
#include "util.h"
#include "xml.h"

#include <libxml/relaxng.h>
#include <stdlib.h>

static void free_schema(void *p) { xmlRelaxNGFree(p); }

xmlDocPtr pd_schema_doc(pd_ctx *ctx, const char *schema)
{
    char *rel = pd_strcat3("schemas/", schema, "");
    char *path = rel ? pd_data_path(ctx, rel) : NULL;
    free(rel);
    if (!path)
        return NULL;
    pd_status st;
    xmlDocPtr doc = pd_xml_load(ctx, path, &st);
    free(path);
    return doc;
}

/* The schema compiled once per context, without the pattern facets facets.c checks. */
static xmlRelaxNGPtr load_schema(pd_ctx *ctx, const char *schema)
{
    char key[256];
    snprintf(key, sizeof key, "rng:%s", schema);
    xmlRelaxNGPtr rng = pd_cache_lookup(ctx->cache, key);
    if (rng)
        return rng;
    const pd_rng *m = pd_rng_get(ctx, schema);
    if (!m)
        return NULL;
    pd_xml_capture_begin(ctx);
    rng = pd_facets_compile(m);
    pd_xml_capture_end();
    if (!rng) {
        pd_error(ctx, "cannot compile schema %s", schema);
        return NULL;
    }
    return pd_cache_put(ctx->cache, key, rng, free_schema) ? rng : NULL;
}

static void on_validity_error(void *user, xmlErrorPtr err)
{
    pd_ctx *ctx = user;
    pd_diag_raise(ctx, PD_ERROR, err->file, err->line, err->int2, "%s",
                  err->message ? err->message : "schema violation");
}

pd_status pd_validate_doc(pd_ctx *ctx, xmlDocPtr doc, const char *schema)
{
    return pd_validate_doc_with(ctx, doc, schema, on_validity_error, ctx);
}

pd_status pd_validate_doc_with(pd_ctx *ctx, xmlDocPtr doc, const char *schema,
                               pd_validity_fn fn, void *user)
{
    xmlRelaxNGPtr rng = load_schema(ctx, schema);
    if (!rng)
        return PD_ERR_SYSTEM;
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
    if (!vc) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    xmlRelaxNGSetValidStructuredErrors(vc, fn, user);
    int errors_before = pd_ctx_error_count(ctx);
    int rc = xmlRelaxNGValidateDoc(vc, doc);
    xmlRelaxNGFreeValidCtxt(vc);
    if (rc >= 0) {
        int bad = pd_facets_check(ctx, schema, doc, fn, user);
        if (bad < 0) {
            pd_error(ctx, "out of memory");
            return PD_ERR_SYSTEM;
        }
        rc = rc || bad;
    }
    if (rc == 0)
        return PD_OK;
    if (pd_ctx_error_count(ctx) == errors_before && fn == on_validity_error)
        pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), 0, 0, "does not match %s", schema);
    return PD_ERR_INPUT;
}
