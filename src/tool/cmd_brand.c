/* cmd_brand.c — phasedoc brand: every resolved brand value and where it came from. */
#include "tool.h"

#include <string.h>

static const char help[] =
    "usage: phasedoc brand [-b BRAND] [-l LANG] [-s KEY=VALUE]... [FILE]\n"
    "       phasedoc brand --path | --list\n"
    "\n"
    "Prints every brand key with its resolved value and the layer it came from: built-in,\n"
    "a pack of the extends chain, the project's <branding> (when FILE is given), or -s.\n"
    "With -l LANG, each key once with the value a document in LANG gets (a text set for\n"
    "that language, e.g. [de], or for every language) and where it came from.\n"
    "\n"
    "A pack named by -b NAME or <branding brand=\"NAME\"> is looked for in these folders,\n"
    "first match wins: $XDG_DATA_HOME/phasedoc/brands (~/.local/share/phasedoc/brands),\n"
    "/etc/phasedoc/brands, the data folder's templates/brands.\n"
    "  --path   prints those folders, in search order\n"
    "  --list   prints each pack a name finds: NAME, a tab, its folder\n";

int cmd_brand(pd_ctx *ctx, int argc, char **argv)
{
    tool_opts o = {0};
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (tool_is_option(&o, argv[i]) &&
            (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)) {
            fputs(help, stdout);
            return 0;
        }
        if (strcmp(argv[i], "--path") == 0)
            return pd_brand_search_path(ctx, stdout);
        if (strcmp(argv[i], "--list") == 0)
            return pd_brand_list(ctx, stdout);
        int taken = tool_common_option(argc, argv, &i, &o);
        if (taken < 0)
            return PD_ERR_USAGE;
        if (taken)
            continue;
        if (tool_is_option(&o, argv[i]))
            return tool_usage_error("brand: unknown option '%s'", argv[i]);
        file = argv[i];
    }
    return pd_brand_show(ctx, file, &o.pd, stdout);
}
