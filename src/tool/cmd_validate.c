/* cmd_validate.c — phasedoc validate: schema and cross-checks for each file given. */
#include "tool.h"

#include <string.h>

static const char help[] =
    "usage: phasedoc validate FILE...\n"
    "\n"
    "Checks project descriptions (or layout XML files) against their schema and, for\n"
    "projects, that ids are unique and references resolve. Prints 'FILE: valid' for each\n"
    "good file and errors as file:line:column for the others.\n";

int cmd_validate(pd_ctx *ctx, int argc, char **argv)
{
    int worst = 0, files = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(help, stdout);
            return 0;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return tool_usage_error("validate: unknown option '%s'", argv[i]);
    }
    for (int i = 1; i < argc; i++) {
        files++;
        pd_status st = pd_validate_file(ctx, argv[i]);
        if (st == PD_OK)
            printf("%s: valid\n", argv[i]);
        if ((int)st > worst)
            worst = st;
    }
    if (!files)
        return tool_usage_error("validate: no input file");
    return worst;
}
