/* test_fonts.c — font sets per brand: the font folders of a pack chain, the bundled fonts alone,
 * a pack's added, one Pango context per set of folders, and bad font files refused by name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "brand.h"
#include "fonts.h"
#include "paths.h"
#include "util.h"

#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static pd_ctx *ctx;
static char tmp[64];
static char last_error[1024];

static void record(const pd_diag *d, void *user)
{
    (void)user;
    if (d->severity == PD_ERROR)
        snprintf(last_error, sizeof last_error, "%s: %s", d->file ? d->file : "", d->message);
}

static int setup(void **state)
{
    (void)state;
    setenv("PHASEDOC_DATA", ".", 1);
    ctx = pd_ctx_new();
    snprintf(tmp, sizeof tmp, "/tmp/pd-fonts-XXXXXX");
    if (!ctx || !mkdtemp(tmp))
        return -1;
    pd_ctx_set_diag_handler(ctx, record, NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    pd_ctx_free(ctx);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    return system(cmd) == 0 ? 0 : -1;
}

static bool has_family(PangoContext *pc, const char *name)
{
    PangoFontFamily **families;
    int n;
    pango_context_list_families(pc, &families, &n);
    bool found = false;
    for (int i = 0; i < n && !found; i++)
        found = strcmp(pango_font_family_get_name(families[i]), name) == 0;
    g_free(families);
    return found;
}

static char *real(const char *path)
{
    char *r = realpath(path, NULL);
    assert_non_null(r);
    return r;
}

static void test_sets_are_separate_and_reused(void **state)
{
    (void)state;
    char *kalkberg = real("samples/brands/kalkberg/fonts");
    char *lakeshore = real("samples/brands/lakeshore/fonts");
    const char *const k[] = {kalkberg, NULL};
    const char *const kl[] = {kalkberg, lakeshore, NULL};
    const char *const none[] = {NULL};

    PangoContext *bundled = pd_fonts_context(ctx, NULL);
    assert_non_null(bundled);
    assert_ptr_equal(pd_fonts_context(ctx, none), bundled); /* an empty list is no list */
    assert_true(has_family(bundled, "Inter"));
    assert_false(has_family(bundled, "Open Sans"));

    PangoContext *pk = pd_fonts_context(ctx, k);
    assert_non_null(pk);
    assert_ptr_not_equal(pk, bundled);
    assert_true(has_family(pk, "Inter"));
    assert_true(has_family(pk, "Open Sans"));
    assert_true(has_family(pk, "League Spartan"));
    assert_false(has_family(pk, "Roboto"));

    PangoContext *pkl = pd_fonts_context(ctx, kl);
    assert_non_null(pkl);
    assert_ptr_not_equal(pkl, pk);
    assert_true(has_family(pkl, "Roboto"));
    assert_true(has_family(pkl, "Hack")); /* the ancestor's fonts come along */

    /* A second render with the same brand reuses its set; the first set saw no later font. */
    assert_ptr_equal(pd_fonts_context(ctx, k), pk);
    assert_ptr_equal(pd_fonts_context(ctx, kl), pkl);
    assert_false(has_family(pk, "Roboto"));
    assert_false(has_family(bundled, "Roboto"));
    free(kalkberg);
    free(lakeshore);
}

/* A folder holding one file with the given content, under tmp. */
static char *folder_with(const char *folder, const char *name, const void *data, size_t len)
{
    char dir[256], path[512];
    snprintf(dir, sizeof dir, "%s/%s", tmp, folder);
    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    return real(dir);
}

static void expect_refused(const char *dir, const char *name, const char *why)
{
    const char *const dirs[] = {dir, NULL};
    last_error[0] = '\0';
    int errors = pd_ctx_error_count(ctx);
    assert_null(pd_fonts_context(ctx, dirs));
    assert_true(pd_ctx_error_count(ctx) > errors);
    if (!strstr(last_error, name) || !strstr(last_error, why))
        fail_msg("expected an error naming %s (%s), got: %s", name, why, last_error);
}

/* The build made fontconfig's cache of the bundled fonts where the library looks for it, and
 * it is current: a process reads it instead of scanning every font file with FreeType. */
static void test_bundled_fonts_are_cached(void **state)
{
    (void)state;
    const char *cache = pd_font_cache_dir();
    assert_non_null(cache);
    FcConfig *cfg = FcConfigCreate();
    char conf[PATH_MAX + 64];
    snprintf(conf, sizeof conf, "<fontconfig><cachedir>%s</cachedir></fontconfig>", cache);
    assert_true(FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)conf, FcFalse));
    char *fonts = pd_data_path(ctx, "fonts");
    FcCache *c = FcDirCacheLoad((const FcChar8 *)fonts, cfg, NULL);
    assert_non_null(c); /* missing or older than the folder: `make` makes it */
    FcFontSet *set = FcCacheCopySet(c);
    assert_non_null(set);
    assert_true(set->nfont >= 10); /* Inter (6), DejaVu Sans Mono (2), Noto Arabic, Hebrew */
    FcFontSetDestroy(set);
    FcDirCacheUnload(c);
    FcConfigDestroy(cfg);
    free(fonts);
}

static void test_bad_files_refused(void **state)
{
    (void)state;
    char *text = folder_with("text", "Fancy-Regular.ttf", "not a font\n", 11);
    expect_refused(text, "Fancy-Regular.ttf", "FreeType cannot open it");
    /* refused again, not half-cached */
    expect_refused(text, "Fancy-Regular.ttf", "FreeType cannot open it");

    /* a TrueType collection header claiming 5000 fonts, each the bundled DejaVu Sans Mono with
     * its table offsets moved past the header */
    FILE *f = fopen("fonts/DejaVuSansMono.ttf", "rb");
    assert_non_null(f);
    static unsigned char ttf[1 << 20];
    size_t n = fread(ttf, 1, sizeof ttf, f);
    fclose(f);
    enum { FACES = 5000 };
    size_t head = 12 + 4 * FACES;
    unsigned char *ttc = malloc(head + n);
    assert_non_null(ttc);
    memcpy(ttc, "ttcf\0\1\0\0", 8);
    unsigned char be[4] = {0, 0, FACES >> 8, FACES & 255};
    memcpy(ttc + 8, be, 4);
    for (int i = 0; i < FACES; i++) {
        unsigned char off[4] = {0, (unsigned char)(head >> 16), (unsigned char)(head >> 8),
                                (unsigned char)head};
        memcpy(ttc + 12 + 4 * i, off, 4);
    }
    memcpy(ttc + head, ttf, n);
    unsigned ntables = (unsigned)ttf[4] << 8 | ttf[5];
    for (unsigned t = 0; t < ntables; t++) {
        unsigned char *o = ttc + head + 12 + 16 * t + 8;
        unsigned long v = (unsigned long)o[0] << 24 | o[1] << 16 | o[2] << 8 | o[3];
        v += head;
        o[0] = (unsigned char)(v >> 24), o[1] = (unsigned char)(v >> 16);
        o[2] = (unsigned char)(v >> 8), o[3] = (unsigned char)v;
    }
    char *many = folder_with("many", "Many.ttc", ttc, head + n);
    free(ttc);
    expect_refused(many, "Many.ttc", "collection of 5000 fonts");

    /* a link out of the folder */
    char link[512];
    char *out = folder_with("out", "README", "x", 1);
    snprintf(link, sizeof link, "%s/linked", tmp);
    assert_int_equal(mkdir(link, 0755), 0);
    char target[PATH_MAX];
    assert_non_null(realpath("fonts/Inter-Regular.otf", target));
    snprintf(link, sizeof link, "%s/linked/Inter.otf", tmp);
    assert_int_equal(symlink(target, link), 0);
    snprintf(link, sizeof link, "%s/linked", tmp);
    expect_refused(link, "Inter.otf", "leaves");

    /* the good set still loads after all that */
    char *kalkberg = real("samples/brands/kalkberg/fonts");
    const char *const k[] = {kalkberg, NULL};
    assert_non_null(pd_fonts_context(ctx, k));
    free(kalkberg);
    free(text);
    free(many);
    free(out);
}

static void test_font_dirs_of_a_chain(void **state)
{
    (void)state;
    pd_brand *b = NULL;
    pd_status st;
    assert_int_equal(pd_brand_resolve(ctx, "samples/brands/lakeshore", NULL, NULL, &b), PD_OK);
    char **dirs = pd_brand_font_dirs(ctx, b, &st);
    assert_int_equal(st, PD_OK);
    assert_non_null(dirs);
    char *kalkberg = real("samples/brands/kalkberg/fonts");
    char *lakeshore = real("samples/brands/lakeshore/fonts");
    /* default has no fonts/: oldest pack first, then the chosen one */
    assert_string_equal(dirs[0], kalkberg);
    assert_string_equal(dirs[1], lakeshore);
    assert_null(dirs[2]);
    pd_strv_free(dirs);
    pd_brand_free(b);
    free(kalkberg);
    free(lakeshore);

    assert_int_equal(pd_brand_resolve(ctx, NULL, NULL, NULL, &b), PD_OK);
    dirs = pd_brand_font_dirs(ctx, b, &st);
    assert_non_null(dirs);
    assert_null(dirs[0]);
    pd_strv_free(dirs);
    pd_brand_free(b);

    /* a fonts entry that is a file, not a folder */
    char pack[256], path[300];
    snprintf(pack, sizeof pack, "%s/filepack", tmp);
    assert_int_equal(mkdir(pack, 0755), 0);
    snprintf(path, sizeof path, "%s/brand.xml", pack);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("<brand xmlns='urn:phasedoc:brand:1' name='filepack' extends='default'/>\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/fonts", pack);
    f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(pd_brand_resolve(ctx, pack, NULL, NULL, &b), PD_OK);
    last_error[0] = '\0';
    assert_null(pd_brand_font_dirs(ctx, b, &st));
    assert_int_equal(st, PD_ERR_INPUT);
    assert_non_null(strstr(last_error, "is not a folder"));
    assert_non_null(strstr(last_error, "filepack/brand.xml"));
    pd_brand_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* first: before any font set is made, which would make a missing cache itself */
        cmocka_unit_test(test_bundled_fonts_are_cached),
        cmocka_unit_test(test_font_dirs_of_a_chain),
        cmocka_unit_test(test_sets_are_separate_and_reused),
        cmocka_unit_test(test_bad_files_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
