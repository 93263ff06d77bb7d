/* lint.h — warnings for what a project description may legally say but probably does not mean. */
#ifndef PD_LINT_H
#define PD_LINT_H

#include "ctx.h"

#include <libxml/tree.h>

/* Raises warnings (never errors): numbers written with a thousands separator ("30.000"), a
 * monthly or yearly item whose quantity counts the periods, phases dated out of order. */
void pd_project_lint(pd_ctx *ctx, xmlDocPtr doc);

#endif
