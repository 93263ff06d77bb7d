/* project.h — everything that is checked about a project description before it is rendered,
 * in one run: the schema, the cross-references, the brand it asks for, and warnings for what
 * is legal but probably wrong; reported together, in file order. */
#ifndef PD_PROJECT_H
#define PD_PROJECT_H

#include "ctx.h"

#include <libxml/tree.h>
#include <stdbool.h>
#include <stdio.h>

/* At most this many messages of one run are shown; the rest are counted in a last line. */
enum { PD_PROJECT_MAX_SHOWN = 100 };

/* Schema (explained messages), cross-references (checks.c) and warnings (lint.c) of a parsed
 * project description, all of them, shown in the order of the file. PD_OK when there is no
 * error (warnings count as errors under pd_ctx_set_strict). */
pd_status pd_project_validate(pd_ctx *ctx, xmlDocPtr doc);

/* Whether the project holds the data that a document kind is made from (offer: the offer in
 * <initialisation>; concept, implementation, approval: their phase); when it does not and
 * raise is set, an error says what is missing. */
bool pd_project_has_data(pd_ctx *ctx, xmlDocPtr doc, const char *kind, bool raise);

/* Writes the <?xml-model?> processing instructions that name the installed schemas (RELAX NG
 * and XSD, by absolute file: URI) for editors that complete and check as you type. */
pd_status pd_starter_schema_pis(pd_ctx *ctx, FILE *out);

#endif
