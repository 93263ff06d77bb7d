/* cmd_validate.c — phasedoc validate: everything render checks, for each file given, without
 * rendering. */
#include "tool.h"

#include <string.h>

static const char help[] =
    "usage: phasedoc validate [--strict] [--] FILE...\n"
    "\n"
    "Checks project descriptions (or layout XML files) as render would, without rendering:\n"
    "the schema, unique ids and references that resolve, dates in order, and the brand the\n"
    "project asks for (its <branding> keys and values, the pack's files and fonts). All\n"
    "problems of a file are reported in one run, in the order of the file, as\n"
    "file:line:column: error|warning: message. Warnings are for what is legal but probably\n"
    "wrong (qty=\"30.000\" is thirty, not thirty thousand). Prints 'FILE: valid' for each file\n"
    "without errors.\n"
    "\n"
    "  --strict   treat warnings as errors (exit 1), for CI\n"
    "  --         end of options: every further argument is a file\n"
    "\n"
    "exit codes: 0 every file is valid; 1 a file has errors; 2 usage; 3 system failure.\n";

int cmd_validate(pd_ctx *ctx, int argc, char **argv)
{
    int worst = 0, files = 0;
    tool_opts o = {0};
    for (int i = 1; i < argc; i++) {
        if (tool_is_option(&o, argv[i]) &&
            (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)) {
            fputs(help, stdout);
            return 0;
        }
        if (!tool_is_option(&o, argv[i]))
            continue;
        if (strcmp(argv[i], "--strict") == 0)
            o.strict = 1;
        else if (strcmp(argv[i], "--") == 0)
            o.operands = 1;
        else
            return tool_usage_error("validate: unknown option '%s'", argv[i]);
    }
    pd_ctx_set_strict(ctx, o.strict);
    tool_opts seen = {0};
    for (int i = 1; i < argc; i++) {
        if (tool_is_option(&seen, argv[i])) {
            seen.operands = strcmp(argv[i], "--") == 0;
            continue;
        }
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
