/* fuzz_project.c — a project description through the hardened parser, the schema and the
 * cross-checks, as `phasedoc validate` takes it. */
#include "checks.h"
#include "validate.h"
#include "xml.h"

#include <stdint.h>

static pd_ctx *ctx; /* kept: the compiled schema is loaded once */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ctx && !(ctx = pd_ctx_new()))
        return 0;
    pd_ctx_clear_diags(ctx);
    xmlDocPtr doc = pd_xml_parse(ctx, (const char *)data, size, "fuzz.xml");
    if (doc && pd_validate_doc(ctx, doc, "project.rng") == PD_OK)
        pd_project_check(ctx, doc);
    xmlFreeDoc(doc);
    return 0;
}
