/* fonts.c — a fontconfig configuration of our own with the bundled fonts, and a Pango context
 * on it with fixed font options. */
#include "fonts.h"
#include "cache.h"
#include "util.h"

#include <dirent.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>

static void free_context(void *p) { g_object_unref(p); }

static bool is_font_file(const char *name)
{
    return pd_has_suffix(name, ".otf") || pd_has_suffix(name, ".ttf");
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the font files of dir in name order, so the set is the same on every machine. */
static int add_font_dir(pd_ctx *ctx, FcConfig *cfg, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        pd_error(ctx, "cannot open the font folder %s", dir);
        return -1;
    }
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256)
        if (is_font_file(e->d_name))
            names[n++] = pd_strdup(e->d_name);
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], compare_names);
    int added = 0;
    for (int i = 0; i < n; i++) {
        char *path = names[i] ? pd_strcat3(dir, "/", names[i]) : NULL;
        if (path && FcConfigAppFontAddFile(cfg, (const FcChar8 *)path))
            added++;
        else
            pd_diag_raise(ctx, PD_WARNING, path, 0, 0, "not a usable font file");
        free(path);
        free(names[i]);
    }
    return added;
}

PangoContext *pd_fonts_context(pd_ctx *ctx)
{
    PangoContext *pc = pd_cache_lookup(ctx->cache, "fonts");
    if (pc)
        return pc;
    /* Pango initialises fontconfig's default configuration too; point it at our empty one
     * so that it neither reads the machine's fonts nor complains when FONTCONFIG_FILE is
     * unusable. Our fonts come only from the private configuration below. */
    char *conf = pd_data_path(ctx, "fonts/fonts.conf");
    if (conf)
        setenv("FONTCONFIG_FILE", conf, 1);
    free(conf);
    FcConfig *cfg = FcConfigCreate();
    char *dir = pd_data_path(ctx, "fonts");
    int added = cfg && dir ? add_font_dir(ctx, cfg, dir) : -1;
    free(dir);
    if (added <= 0) {
        if (added == 0)
            pd_error(ctx, "no fonts in %s/fonts", ctx->data_dir);
        if (cfg)
            FcConfigDestroy(cfg);
        return NULL;
    }
    PangoFontMap *fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), cfg);
    FcConfigDestroy(cfg); /* the font map holds its own reference */
    pc = pango_font_map_create_context(fm);
    g_object_unref(fm);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    /* One unit is one point, as on a PDF surface. */
    pango_cairo_context_set_resolution(pc, 72);
    pango_context_set_round_glyph_positions(pc, FALSE);
    return pd_cache_put(ctx->cache, "fonts", pc, free_context) ? pc : NULL;
}
