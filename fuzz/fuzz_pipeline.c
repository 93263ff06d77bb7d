/* fuzz_pipeline.c — the whole pipeline with the production set-up (hardened parser, schemas,
 * brand cascade, confined XSLT with its limits, layout engine, PDF renderer). The input is
 * split at "--8<--" lines into a project description, a brand pack's brand.xml, a partner
 * stylesheet, the pack's logo.png and a font in the pack's fonts/ folder; they are written
 * into a private folder, the only one the run may read besides the data folder, and the PDF
 * goes to /dev/null (held in memory, never a file). An empty part is left out (no -b, no -x,
 * no logo, no font). */
#include "phasedoc.h"

#include "fuzz_util.h"

enum { PROJECT, BRAND, STYLESHEET, LOGO, FONT, PARTS };

static const char *const names[PARTS] = {"project.xml", "pack/brand.xml", "style.xsl",
                                         "pack/logo.png", "pack/fonts/brand.ttf"};

/* A context is reused for a while, as a batch worker does (schemas, catalogues, hyphenation
 * and fonts are loaded once), and replaced now and then so that its caches do not grow
 * without end. Stylesheets and brand fonts are cached by path: each run writes its files
 * into a folder of its own so that it never sees an earlier run's. */
enum { RUNS_PER_CONTEXT = 64 };
static pd_ctx *ctx;
static unsigned runs;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (runs % RUNS_PER_CONTEXT == 0) {
        pd_ctx_free(ctx);
        if (!(ctx = pd_ctx_new()))
            abort();
    }
    char run[32], path[PARTS][64];
    snprintf(run, sizeof run, "run%u", runs++);
    fuzz_part part[PARTS];
    fuzz_split(data, size, part, PARTS);
    for (int i = 0; i < PARTS; i++) {
        snprintf(path[i], sizeof path[i], "%s/%s", run, names[i]);
        if ((i == PROJECT || part[i].len > 0) && !fuzz_write(path[i], part[i].data, part[i].len))
            return 0;
    }
    /* fuzz_dir is at most 63 characters, run 31: these fit */
    char pack[160], style[160], project[160], folder[128];
    snprintf(folder, sizeof folder, "%s/%s", fuzz_dir, run);
    snprintf(pack, sizeof pack, "%s/pack", folder);
    snprintf(style, sizeof style, "%s/%s", folder, names[STYLESHEET]);
    snprintf(project, sizeof project, "%s/%s", folder, names[PROJECT]);
    pd_options opts = {0};
    opts.kind = "approval";
    opts.brand = part[BRAND].len ? pack : NULL;
    opts.stylesheet = part[STYLESHEET].len ? style : NULL;
    opts.max_pages = 20;
    pd_ctx_clear_diags(ctx);
    pd_render_file(ctx, project, &opts, "/dev/null");
    fuzz_rm_tree(folder);
    return 0;
}
