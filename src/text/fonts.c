/* fonts.c — a fontconfig configuration of our own with the bundled fonts (and a brand pack's),
 * and a Pango context on it with fixed font options. */
#include "fonts.h"
#include "path.h"
#include "paths.h"
#include "cache.h"
#include "util.h"

#include <dirent.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <limits.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* A pack's fonts are untrusted input. A font file is parsed by FreeType in every render that
 * uses it, so its size and its number of faces are bounded: a collection of thousands of
 * faces, each a pattern in the configuration, would make every match slow. */
enum {
    MAX_BUNDLED_FILES = 256,
    MAX_PACK_FILES = 64,
    MAX_FONT_BYTES = 32 << 20,
    MAX_FACES = 16,          /* faces of a collection (.ttc) */
    MAX_NAMED_INSTANCES = 64 /* named instances of a variable font */
};

static void free_context(void *p) { g_object_unref(p); }

static bool is_font_file(const char *name)
{
    static const char *const suffixes[] = {".otf", ".ttf", ".otc", ".ttc"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
        if (n > 4 && strcasecmp(name + n - 4, suffixes[i]) == 0)
            return true;
    return false;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Why the font file at path must not be used, or NULL when it may. dir is the realpath'd
 * folder it was listed in: a link out of it is refused like a logo that leaves its pack. */
static const char *font_problem(FT_Library ft, const char *dir, const char *path, char *why,
                                size_t size)
{
    char *real = realpath(path, NULL);
    bool inside = pd_path_inside(real, dir);
    struct stat st;
    bool regular = real && stat(real, &st) == 0 && S_ISREG(st.st_mode);
    free(real);
    if (!inside)
        return "leaves (through a symbolic link) its font folder";
    if (!regular)
        return "is not a regular file";
    if (st.st_size > MAX_FONT_BYTES) {
        snprintf(why, size, "is larger than %d MB", MAX_FONT_BYTES >> 20);
        return why;
    }
    FT_Face face;
    if (!ft || FT_New_Face(ft, path, 0, &face) != 0)
        return "is not a font file (FreeType cannot open it)";
    long faces = face->num_faces, instances = face->style_flags >> 16;
    FT_Done_Face(face);
    if (faces > MAX_FACES) {
        snprintf(why, size, "is a collection of %ld fonts (at most %d)", faces, MAX_FACES);
        return why;
    }
    if (instances > MAX_NAMED_INSTANCES) {
        snprintf(why, size, "is a variable font with %ld named instances (at most %d)",
                 instances, MAX_NAMED_INSTANCES);
        return why;
    }
    return NULL;
}

/* Adds the font files of dir in name order, so the set is the same on every machine. The
 * bundled folder is ours: a bad file there is skipped with a warning. A pack's folder is not:
 * every bad file is an error naming it, and the set is refused. Returns the number of files
 * added, or -1 after an error. */
static int add_font_dir(pd_ctx *ctx, FcConfig *cfg, FT_Library ft, const char *dir, bool pack)
{
    DIR *d = opendir(dir);
    if (!d) {
        pd_error(ctx, "cannot open the font folder %s", dir);
        return -1;
    }
    int max = pack ? MAX_PACK_FILES : MAX_BUNDLED_FILES;
    char *names[MAX_BUNDLED_FILES];
    int n = 0;
    bool too_many = false;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.' && is_font_file(e->d_name)) {
            if (n == max) {
                too_many = true;
                break;
            }
            char *copy = pd_strdup(e->d_name);
            if (copy)
                names[n++] = copy;
        }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], compare_names);
    int added = 0, bad = 0;
    if (too_many) {
        pd_diag_raise(ctx, pack ? PD_ERROR : PD_WARNING, dir, 0, 0,
                      "more than %d font files in this folder", max);
        bad++;
    }
    for (int i = 0; i < n; i++) {
        char *path = pd_strcat3(dir, "/", names[i]);
        char why[160];
        /* The bundled fonts are part of the installation: fontconfig's own scan is check
         * enough for them, and checking them first with FreeType was 2 % of a cold render. */
        const char *problem = !path ? "out of memory"
                              : pack ? font_problem(ft, dir, path, why, sizeof why)
                                     : NULL;
        if (!problem && !FcConfigAppFontAddFile(cfg, (const FcChar8 *)path))
            problem = "is not a font file (fontconfig cannot read it)";
        if (problem) {
            pd_diag_raise(ctx, pack ? PD_ERROR : PD_WARNING, path ? path : dir, 0, 0,
                          "not a usable %sfont file: it %s", pack ? "brand " : "", problem);
            bad++;
        } else {
            added++;
        }
        free(path);
        free(names[i]);
    }
    return pack && bad ? -1 : added;
}

/* Whether set holds a font of the file at path. */
static bool has_file(const FcFontSet *set, const char *path)
{
    for (int i = 0; i < set->nfont; i++) {
        FcChar8 *file;
        if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) == FcResultMatch &&
            strcmp((const char *)file, path) == 0)
            return true;
    }
    return false;
}

/* Warns about each font file of dir that fontconfig found no font in (it skips them
 * silently), as add_font_dir does for the bundled folder. */
static void warn_unread_fonts(pd_ctx *ctx, const FcFontSet *set, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.' && is_font_file(e->d_name)) {
            char *path = pd_strcat3(dir, "/", e->d_name);
            if (path && !has_file(set, path))
                pd_diag_raise(ctx, PD_WARNING, path, 0, 0, "not a usable font file: it is "
                              "not a font file (fontconfig cannot read it)");
            free(path);
        }
    if (d)
        closedir(d);
}

/* Adds the bundled fonts through fontconfig's cache of their folder (made at build and install
 * time, see pd_font_cache_dir), which holds what scanning them would find. Where the cache is
 * missing or older than the folder, fontconfig scans the folder itself, as add_font_dir
 * would, and keeps a new cache where it may write one. Returns the number of fonts added, or
 * -1 when the cache is not for this data folder or cannot be used at all (then add_font_dir
 * does the work). */
static int add_cached_font_dir(pd_ctx *ctx, FcConfig *cfg, const char *dir)
{
    /* only the data folder the cache was made for: fontconfig would write a cache there for
     * any other ($PHASEDOC_DATA), and such caches would pile up */
    char real[PATH_MAX];
    const char *cache = pd_font_cache_dir();
    if (!cache || strpbrk(cache, "<>&") || !realpath(pd_default_data_dir(), real) ||
        strcmp(real, pd_ctx_data_dir(ctx)) != 0)
        return -1;
    pd_buf conf;
    pd_buf_init(&conf, 64 * 1024);
    pd_buf_adds(&conf, "<fontconfig><cachedir>");
    pd_buf_adds(&conf, cache);
    pd_buf_adds(&conf, "</cachedir></fontconfig>");
    bool ok = !conf.failed &&
              FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)conf.data, FcFalse) &&
              FcConfigAppFontAddDir(cfg, (const FcChar8 *)dir);
    pd_buf_free(&conf);
    FcFontSet *set = ok ? FcConfigGetFonts(cfg, FcSetApplication) : NULL;
    if (set && set->nfont > 0)
        warn_unread_fonts(ctx, set, dir);
    return set ? set->nfont : -1;
}

/* The cache key of a font set: "fonts", then each pack folder with its length, so that no
 * two lists of folders share a key. */
static bool font_set_key(const char *const *extra_dirs, pd_buf *key)
{
    bool ok = pd_buf_adds(key, "fonts");
    for (size_t i = 0; ok && extra_dirs && extra_dirs[i]; i++) {
        char len[32];
        snprintf(len, sizeof len, "\n%zu:", strlen(extra_dirs[i]));
        ok = pd_buf_adds(key, len) && pd_buf_adds(key, extra_dirs[i]);
    }
    return ok;
}

/* The private configuration: bundled fonts, then each pack's, oldest pack first. */
static FcConfig *font_config(pd_ctx *ctx, const char *const *extra_dirs)
{
    FcConfig *cfg = FcConfigCreate();
    FT_Library ft = NULL;
    if (!cfg || FT_Init_FreeType(&ft) != 0) {
        pd_error(ctx, "cannot set up the font configuration");
        if (cfg)
            FcConfigDestroy(cfg);
        return NULL;
    }
    char *dir = pd_data_path(ctx, "fonts");
    int added = dir ? add_cached_font_dir(ctx, cfg, dir) : -1;
    if (added <= 0)
        added = dir ? add_font_dir(ctx, cfg, ft, dir, false) : -1;
    free(dir);
    if (added == 0)
        pd_error(ctx, "no fonts in %s/fonts", ctx->data_dir);
    bool packs_ok = true; /* every pack's folder is checked, so all bad files are reported */
    for (size_t i = 0; added > 0 && extra_dirs && extra_dirs[i]; i++)
        packs_ok &= add_font_dir(ctx, cfg, ft, extra_dirs[i], true) >= 0;
    if (!packs_ok)
        added = -1;
    FT_Done_FreeType(ft);
    if (added <= 0) {
        FcConfigDestroy(cfg);
        return NULL;
    }
    return cfg;
}

PangoContext *pd_fonts_context(pd_ctx *ctx, const char *const *extra_dirs)
{
    pd_buf key;
    pd_buf_init(&key, 64 * 1024);
    if (!font_set_key(extra_dirs, &key)) {
        pd_buf_free(&key);
        pd_error(ctx, "out of memory");
        return NULL;
    }
    PangoContext *pc = pd_cache_lookup(ctx->cache, key.data);
    if (pc) {
        pd_buf_free(&key);
        return pc;
    }
    /* Pango initialises fontconfig's default configuration too; point it at our empty one
     * so that it neither reads the machine's fonts nor complains when FONTCONFIG_FILE is
     * unusable. Our fonts come only from the private configuration below. */
    char *conf = pd_data_path(ctx, "fonts/fonts.conf");
    if (conf)
        setenv("FONTCONFIG_FILE", conf, 1);
    free(conf);
    FcConfig *cfg = font_config(ctx, extra_dirs);
    if (!cfg) {
        pd_buf_free(&key);
        return NULL;
    }
    /* Pango calls FcInit, which would build a default configuration (reading every file of
     * fontconfig's conf.avail: a twentieth of a render); with a current configuration set
     * it does nothing. The first of ours serves: Pango never uses the default one. */
    static bool current_set;
    if (!current_set)
        current_set = FcConfigSetCurrent(cfg);
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
    bool stored = pd_cache_put(ctx->cache, key.data, pc, free_context);
    pd_buf_free(&key);
    return stored ? pc : NULL;
}

bool pd_fonts_open(pd_ctx *ctx, const char *const *extra_dirs, pd_text_env *env)
{
    env->pango = pd_fonts_context(ctx, extra_dirs);
    return env->pango != NULL;
}

void pd_fonts_make_faces(const pd_text_env *env)
{
    PangoFontMap *fm = pango_context_get_font_map(env->pango);
    FcFontSet *set = FcConfigGetFonts(pango_fc_font_map_get_config(PANGO_FC_FONT_MAP(fm)),
                                      FcSetApplication);
    for (int i = 0; set && i < set->nfont; i++) {
        PangoFontDescription *fd = pango_fc_font_description_from_pattern(set->fonts[i], FALSE);
        pango_font_description_set_absolute_size(fd, 10 * PANGO_SCALE);
        PangoFont *font = pango_context_load_font(env->pango, fd);
        if (font && PANGO_IS_CAIRO_FONT(font))
            pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font)); /* makes the face */
        if (font)
            g_object_unref(font);
        pango_font_description_free(fd);
    }
}

void pd_fonts_warm(pd_ctx *ctx, const char *const *extra_dirs, const char *const *families,
                   int n)
{
    PangoContext *pc = pd_fonts_context(ctx, extra_dirs);
    for (int i = 0; pc && i < n; i++) {
        PangoLayout *layout = pango_layout_new(pc);
        PangoFontDescription *fd = pango_font_description_new();
        if (families[i] && *families[i])
            pango_font_description_set_family(fd, families[i]);
        pango_font_description_set_absolute_size(fd, 10 * PANGO_SCALE);
        pango_layout_set_font_description(layout, fd);
        /* a private-use character no font has: Pango waits for the sorted fallback list */
        pango_layout_set_text(layout, "Ag 0123 \xc3\xa4\xe2\x82\xac \xee\x80\x80", -1);
        PangoRectangle ink, logical;
        pango_layout_get_extents(layout, &ink, &logical);
        pango_font_description_free(fd);
        g_object_unref(layout);
    }
}
