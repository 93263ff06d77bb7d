/* validate.h — RELAX NG validation against the project's schemas, compiled once per context. */
#ifndef PD_VALIDATE_H
#define PD_VALIDATE_H

#include "ctx.h"

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* The schema <data dir>/schemas/<schema> as a document, read through the hardened loader
 * (they are our own files, but a data folder can be replaced); NULL if it cannot be read. */
xmlDocPtr pd_schema_doc(pd_ctx *ctx, const char *schema);

/* Validates doc against <data dir>/schemas/<schema> (e.g. "project.rng"). Errors are raised
 * with the document's name and the offending line. */
pd_status pd_validate_doc(pd_ctx *ctx, xmlDocPtr doc, const char *schema);

/* The same, handing each of libxml2's structured errors to fn instead of raising it (for
 * pd_validate_explained, which words them). */
typedef void (*pd_validity_fn)(void *user, xmlErrorPtr err);
pd_status pd_validate_doc_with(pd_ctx *ctx, xmlDocPtr doc, const char *schema,
                               pd_validity_fn fn, void *user);

#endif
