/* checks.h — what the schema cannot say: unique ids and references that resolve. */
#ifndef PD_CHECKS_H
#define PD_CHECKS_H

#include "ctx.h"

#include <libxml/tree.h>
#include <stdbool.h>

/* Checks a schema-valid project description; errors carry file and line. */
pd_status pd_project_check(pd_ctx *ctx, xmlDocPtr doc);

#endif
