/* fuzz_brand.c — a brand pack through the brand loader and cascade. The input is split at
 * "--8<--" lines into brand.xml, command-line settings (one KEY=VALUE a line) and a logo
 * file (pack/logo.png); the pack extends the built-in ones as a partner's would. */
#include "brand.h"
#include "util.h"

#include "fuzz_util.h"

static pd_ctx *ctx;

enum { MAX_SETTINGS = 8 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ctx && !(ctx = pd_ctx_new()))
        abort();
    pd_ctx_clear_diags(ctx);
    fuzz_part part[3];
    fuzz_split(data, size, part, 3);
    if (!fuzz_write("pack/brand.xml", part[0].data, part[0].len) ||
        !fuzz_write("pack/logo.png", part[2].data, part[2].len))
        return 0;
    /* settings: NUL-free lines of the second part */
    char *copy = calloc(1, part[1].len + 1);
    const char *settings[MAX_SETTINGS + 1] = {0};
    int n = 0;
    if (copy) {
        if (part[1].len)
            memcpy(copy, part[1].data, part[1].len);
        for (char *save = NULL, *line = strtok_r(copy, "\n", &save); line && n < MAX_SETTINGS;
             line = strtok_r(NULL, "\n", &save))
            settings[n++] = line;
    }
    pd_brand *brand = NULL;
    if (pd_brand_resolve(ctx, fuzz_path("pack"), NULL, settings, &brand) == PD_OK) {
        FILE *sink = fopen("/dev/null", "w");
        if (sink) {
            pd_brand_print(brand, sink);
            fclose(sink);
        }
        free(pd_brand_file(ctx, brand, "logo.file"));
        pd_status st;
        pd_strv_free(pd_brand_font_dirs(ctx, brand, &st));
    }
    pd_brand_free(brand);
    free(copy);
    return 0;
}
