/* options.c — the options that render, layout and brand share. */
#include "tool.h"

#include <stdlib.h>
#include <string.h>

static const char *value_of(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        tool_usage_error("option %s needs a value", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

int tool_is_option(const tool_opts *o, const char *arg)
{
    return !o->operands && arg[0] == '-' && arg[1] != '\0';
}

int tool_common_option(int argc, char **argv, int *i, tool_opts *o)
{
    const char *a = argv[*i];
    const char **slot = NULL;
    if (o->operands)
        return 0;
    if (strcmp(a, "--") == 0) {
        o->operands = 1;
        return 1;
    }
    if (strcmp(a, "--strict") == 0) {
        o->strict = 1;
        return 1;
    }
    if (strcmp(a, "-k") == 0 || strcmp(a, "--kind") == 0)
        slot = &o->pd.kind;
    else if (strcmp(a, "-l") == 0 || strcmp(a, "--lang") == 0)
        slot = &o->pd.lang;
    else if (strcmp(a, "-b") == 0 || strcmp(a, "--brand") == 0)
        slot = &o->pd.brand;
    else if (strcmp(a, "-x") == 0 || strcmp(a, "--stylesheet") == 0)
        slot = &o->pd.stylesheet;
    else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
        slot = &o->out;
    else if (strcmp(a, "-d") == 0 || strcmp(a, "--dir") == 0)
        slot = &o->dir;
    if (slot) {
        *slot = value_of(argc, argv, i);
        return *slot ? 1 : -1;
    }
    if (strcmp(a, "--embed-source") == 0) {
        o->pd.embed_source = 1;
        return 1;
    }
    if (strcmp(a, "--max-pages") == 0) {
        /* The engine stops a document at this many pages (an input error), so that a
         * runaway document fails instead of filling the disk. */
        const char *v = value_of(argc, argv, i);
        if (!v)
            return -1;
        char *end;
        long n = strtol(v, &end, 10);
        if (end == v || *end || n < 1 || n > 1000000) {
            tool_usage_error("--max-pages takes a number of pages from 1 to 1000000, not '%s'",
                             v);
            return -1;
        }
        o->pd.max_pages = (int)n;
        return 1;
    }
    if (strcmp(a, "-s") == 0 || strcmp(a, "--set") == 0) {
        const char *v = value_of(argc, argv, i);
        if (!v)
            return -1;
        if (o->nsettings == TOOL_MAX_SETTINGS) {
            tool_usage_error("too many -s settings (at most %d)", TOOL_MAX_SETTINGS);
            return -1;
        }
        o->settings[o->nsettings++] = v;
        o->settings[o->nsettings] = NULL;
        o->pd.settings = o->settings;
        return 1;
    }
    return 0;
}
