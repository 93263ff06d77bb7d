/* render-offer.c — renders the offer of a project description to a PDF file.
 *
 *   cc render-offer.c -o render-offer $(pkg-config --cflags --libs phasedoc)
 *   ./render-offer project.xml offer.pdf
 *
 * Diagnostics are printed as they are raised, as "file:line:column: severity: message". The
 * exit code is the library's status: 0 ok, 1 bad input, 2 usage, 3 system failure. */
#include <phasedoc.h>

#include <stdio.h>

static void print_diag(const pd_diag *d, void *user)
{
    (void)user;
    char line[2048];
    pd_diag_format(d, line, sizeof line);
    fprintf(stderr, "%s\n", line);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s PROJECT.xml OUT.pdf\n", argv[0]);
        return PD_ERR_USAGE;
    }
    pd_ctx *ctx = pd_ctx_new(); /* finds its stylesheets, fonts and brand packs by itself */
    if (!ctx)
        return PD_ERR_SYSTEM;
    pd_ctx_set_diag_handler(ctx, print_diag, NULL);
    pd_options opts = {.kind = "offer"}; /* the language and brand come from the project */
    pd_render_stats stats = {0};
    pd_status st = pd_render_file_stats(ctx, argv[1], &opts, argv[2], &stats);
    if (st == PD_OK)
        printf("%s: %d pages\n", argv[2], stats.pages);
    else
        fprintf(stderr, "%s: %s\n", argv[1], pd_status_str(st));
    pd_ctx_free(ctx);
    return (int)st;
}
