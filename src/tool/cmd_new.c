/* cmd_new.c — phasedoc new: a commented starter project description. */
#include "tool.h"

#include <string.h>

static const char help[] =
    "usage: phasedoc new > project.xml\n"
    "\n"
    "Prints a commented starter project description that validates, for a consultant to\n"
    "fill in.\n";

int cmd_new(pd_ctx *ctx, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            continue;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(help, stdout);
            return 0;
        }
        return tool_usage_error("new: unexpected argument '%s'", argv[i]);
    }
    return pd_print_starter(ctx, stdout);
}
