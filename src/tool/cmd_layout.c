/* cmd_layout.c — phasedoc layout: the stylesheet stage's output, for inspection. */
#include "tool.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: phasedoc layout FILE [-k KIND] [-l LANG] [-b BRAND] [-s KEY=VALUE]... [-x STYLESHEET]\n"
    "                            [--boxes] [--strict] [--] FILE\n"
    "\n"
    "Prints the layout XML (schemas/layout.rng) that the stylesheet makes of a project\n"
    "description: what the engine will typeset. With --boxes, prints instead the boxes the\n"
    "engine placed on each page (kind, x, y, width, height in points, and text).\n";

int cmd_layout(pd_ctx *ctx, int argc, char **argv)
{
    tool_opts o = {0};
    const char *file = NULL;
    bool boxes = false;
    for (int i = 1; i < argc; i++) {
        if (tool_is_option(&o, argv[i]) && strcmp(argv[i], "--boxes") == 0) {
            boxes = true;
            continue;
        }
        if (tool_is_option(&o, argv[i]) &&
            (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)) {
            fputs(help, stdout);
            return 0;
        }
        int taken = tool_common_option(argc, argv, &i, &o);
        if (taken < 0)
            return PD_ERR_USAGE;
        if (taken)
            continue;
        if (tool_is_option(&o, argv[i]))
            return tool_usage_error("layout: unknown option '%s'", argv[i]);
        file = argv[i];
    }
    if (!file)
        return tool_usage_error("layout: no input file");
    pd_ctx_set_strict(ctx, o.strict);
    if (boxes)
        return pd_layout_boxes(ctx, file, &o.pd, stdout);
    char *xml = NULL;
    size_t len = 0;
    pd_status st = pd_layout_file(ctx, file, &o.pd, &xml, &len);
    if (st == PD_OK && fwrite(xml, 1, len, stdout) != len)
        st = PD_ERR_SYSTEM;
    free(xml);
    return st;
}
