/* validate.h — RELAX NG validation against the project's schemas, compiled once per context. */
#ifndef PD_VALIDATE_H
#define PD_VALIDATE_H

#include "ctx.h"

#include <libxml/tree.h>

/* Validates doc against <data dir>/schemas/<schema> (e.g. "project.rng"). Errors are raised
 * with the document's name and the offending line. */
pd_status pd_validate_doc(pd_ctx *ctx, xmlDocPtr doc, const char *schema);

#endif
