/* prep.c — the bench's input preparation, in one process: for each project description on
 * standard input (one path a line), writes BASE.layout.xml (what `phasedoc layout FILE -k KIND`
 * prints) and BASE.boxes (what `phasedoc layout FILE -k KIND --boxes` prints), BASE being
 * OUTDIR/NAME without .xml. Only to make 1,000 inputs quickly: nothing here is measured.
 *   prep KIND OUTDIR < LIST */
#define _POSIX_C_SOURCE 200809L
#include "phasedoc.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: prep KIND OUTDIR < LIST\n", stderr);
        return 2;
    }
    pd_ctx *ctx = pd_ctx_new();
    if (!ctx)
        return 3;
    pd_options o = {0};
    o.kind = argv[1];
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = 0;
    while ((len = getline(&line, &cap, stdin)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        if (!len)
            continue;
        char *copy = strdup(line);
        char *name = basename(copy);
        char *dot = strrchr(name, '.');
        if (dot)
            *dot = '\0';
        char path[4096];
        char *xml = NULL;
        size_t n = 0;
        pd_ctx_clear_diags(ctx);
        pd_status st = pd_layout_file(ctx, line, &o, &xml, &n);
        snprintf(path, sizeof path, "%s/%s.layout.xml", argv[2], name);
        FILE *f = st == PD_OK ? fopen(path, "w") : NULL;
        if (f) {
            fwrite(xml, 1, n, f);
            fclose(f);
        }
        free(xml);
        snprintf(path, sizeof path, "%s/%s.boxes", argv[2], name);
        f = st == PD_OK ? fopen(path, "w") : NULL;
        if (f) {
            st = pd_layout_boxes(ctx, line, &o, f);
            fclose(f);
        }
        if (st != PD_OK || !f) {
            fprintf(stderr, "prep: %s: failed (%d)\n", line, (int)st);
            for (size_t i = 0; i < pd_ctx_diag_count(ctx); i++) {
                char buf[1024];
                pd_diag_format(pd_ctx_diag(ctx, i), buf, sizeof buf);
                fprintf(stderr, "  %s\n", buf);
            }
            rc = 1;
        }
        free(copy);
    }
    free(line);
    pd_ctx_free(ctx);
    return rc;
}
