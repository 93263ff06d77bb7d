/* group_ctx.h — one context for a group of unit tests, on the project's data folder
 * (`make unit` runs from the project root). Include once, in the test file. */
#ifndef PD_TEST_GROUP_CTX_H
#define PD_TEST_GROUP_CTX_H

#include "phasedoc.h"

#include <stdlib.h>

static pd_ctx *ctx;

static int setup(void **state)
{
    (void)state;
    setenv("PHASEDOC_DATA", ".", 1);
    ctx = pd_ctx_new();
    return ctx ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    pd_ctx_free(ctx);
    return 0;
}

#endif
