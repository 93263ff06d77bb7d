/* explain.h — schema validation whose messages a consultant can act on: libxml2's RELAX NG
 * errors mapped to file:line:column, the element and attribute by name, the allowed values or
 * the expected format with an example, and "did you mean" for misspelt names. */
#ifndef PD_EXPLAIN_H
#define PD_EXPLAIN_H

#include "ctx.h"

#include <libxml/tree.h>

/* Validates doc against <data dir>/schemas/<schema> and raises one message per problem;
 * libxml2's own texts are never shown. PD_OK, PD_ERR_INPUT, or PD_ERR_SYSTEM. */
pd_status pd_validate_explained(pd_ctx *ctx, xmlDocPtr doc, const char *schema);

/* Line and column of an element's start tag, or of one of its attributes (attr non-NULL),
 * found in the source text (which libxml2 does not keep columns for). src may be NULL: then
 * the element's line and column 0. */
void pd_source_locate(const char *src, size_t len, const xmlNode *el, const char *attr,
                      int *line, int *col);

#endif
