/* watchlist.c — the folders a render reads besides the project itself, for `phasedoc watch`:
 * the brand packs of the resolved chain (and their fonts), so that a change to a pack's
 * brand.xml, logo or fonts renders again. */
#include "brand.h"
#include "pipeline.h"
#include "util.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

pd_status pd_watch_folders(pd_ctx *ctx, const char *path, const pd_options *opts,
                           char ***folders)
{
    *folders = NULL;
    pd_status st;
    xmlDocPtr doc = pd_xml_load(ctx, path, &st); /* a broken project: the default brand */
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    bool project = pd_xml_is(root, PD_PROJECT_NS, "project");
    pd_brand *brand = NULL;
    st = pd_brand_resolve(ctx, opts->brand, project ? doc : NULL,
                          (const char *const *)opts->settings, &brand);
    xmlFreeDoc(doc);
    if (st != PD_OK)
        return st;
    size_t n = pd_brand_pack_count(brand);
    char **v = calloc(2 * n + 1, sizeof *v);
    size_t k = 0;
    for (size_t i = 0; v && i < n; i++) {
        v[k++] = pd_strdup(pd_brand_pack_dir(brand, i));
        v[k++] = pd_strcat3(pd_brand_pack_dir(brand, i), "/", "fonts");
    }
    pd_brand_free(brand);
    if (!v)
        return PD_ERR_SYSTEM;
    *folders = v;
    return PD_OK;
}
