/* paths.c — the folders fixed at build time, and the brand pack search path built on them. */
#include "paths.h"
#include "ctx.h"
#include "util.h"

#include <stdlib.h>

#ifndef PD_DATA_DIR
#define PD_DATA_DIR "."
#endif
#ifndef PD_SYSCONF_DIR
#define PD_SYSCONF_DIR "/etc"
#endif

const char *pd_default_data_dir(void) { return PD_DATA_DIR; }

const char *pd_packed_hyphen_dir(void)
{
#ifdef PD_HYPHEN_PACKED_DIR
    return PD_HYPHEN_PACKED_DIR;
#else
    return NULL;
#endif
}

const char *pd_full_tool_path(void)
{
#ifdef PD_FULL_TOOL
    return PD_FULL_TOOL;
#else
    return "phasedoc-full";
#endif
}

const char *pd_font_cache_dir(void)
{
#ifdef PD_FONT_CACHE_DIR
    return PD_FONT_CACHE_DIR;
#else
    return NULL;
#endif
}

const char *pd_sysconf_dir(void) { return PD_SYSCONF_DIR; }

/* The XDG base directory rules: $XDG_DATA_HOME if set and absolute, else $HOME/.local/share.
 * NULL when neither is known (*rel is then untouched). */
static const char *user_data_home(const char **rel)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && xdg[0] == '/') {
        *rel = "phasedoc/brands";
        return xdg;
    }
    const char *home = getenv("HOME");
    if (home && home[0] == '/') {
        *rel = ".local/share/phasedoc/brands";
        return home;
    }
    return NULL;
}

char **pd_brand_search_dirs(const pd_ctx *ctx)
{
    char **v = calloc(4, sizeof *v);
    if (!v)
        return NULL;
    size_t n = 0;
    const char *rel = NULL, *base = user_data_home(&rel);
    if (base && !(v[n++] = pd_strcat3(base, "/", rel)))
        goto oom;
    if (!(v[n++] = pd_strcat3(pd_sysconf_dir(), "/", "phasedoc/brands")))
        goto oom;
    if (!(v[n++] = pd_data_path(ctx, "templates/brands")))
        goto oom;
    return v;
oom:
    pd_strv_free(v);
    return NULL;
}
