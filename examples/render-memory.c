/* render-memory.c — a project description held in memory (as a CRM plug-in or a web service
 * holds it) rendered to a PDF in memory, without temporary files: once into a buffer, once
 * through a write callback, in German with a brand value overridden.
 *
 *   cc render-memory.c -o render-memory $(pkg-config --cflags --libs phasedoc)
 *   ./render-memory project.xml out.pdf
 *
 * The file is only read here to have something in memory; the library never sees its name
 * except as the name its messages use. */
#include <phasedoc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole of a file in a malloc'd buffer. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n == cap) {
            char *more = f ? realloc(data, cap = cap ? cap * 2 : 65536) : NULL;
            if (!more) {
                free(data);
                data = NULL;
                break;
            }
            data = more;
        }
        got = fread(data + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    if (f)
        fclose(f);
    *len = n;
    return data;
}

/* A write callback: here it appends to a FILE, in a service it would feed a socket. */
static int to_file(const void *data, size_t len, void *user)
{
    return fwrite(data, 1, len, user) == len ? 0 : -1;
}

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
    size_t len;
    char *xml = read_all(argv[1], &len);
    if (!xml) {
        perror(argv[1]);
        return PD_ERR_SYSTEM;
    }
    pd_ctx *ctx = pd_ctx_new();
    if (!ctx)
        return PD_ERR_SYSTEM;
    pd_ctx_set_diag_handler(ctx, print_diag, NULL);

    /* 1. into a buffer that we free */
    const char *settings[] = {"color.primary=#0b6e4f", NULL};
    pd_options opts = {.kind = "approval", .lang = "de", .settings = settings};
    char *pdf = NULL;
    size_t pdf_len = 0;
    pd_render_stats stats;
    pd_status st = pd_render_memory(ctx, xml, len, "crm:project/4711", &opts, &pdf, &pdf_len,
                                    &stats);
    if (st == PD_OK)
        printf("buffer: %zu bytes, %d pages, starts with %.5s\n", pdf_len, stats.pages, pdf);
    free(pdf);

    /* 2. through a callback, called only when the PDF is complete */
    FILE *out = st == PD_OK ? fopen(argv[2], "wb") : NULL;
    if (st == PD_OK && !out) {
        perror(argv[2]);
        st = PD_ERR_SYSTEM;
    }
    if (out) {
        st = pd_render_memory_to(ctx, xml, len, "crm:project/4711", &opts, to_file, out, NULL);
        if (fclose(out) != 0 && st == PD_OK)
            st = PD_ERR_SYSTEM;
        if (st == PD_OK)
            printf("callback: wrote %s\n", argv[2]);
    }

    /* 3. a broken record: the message names it and its line; nothing is produced */
    static const char broken[] = "<project xmlns=\"urn:phasedoc:project:1\">\n<customer>\n";
    pd_ctx_set_diag_handler(ctx, NULL, NULL);
    pd_status bad = pd_render_memory(ctx, broken, strlen(broken), "crm:project/4712", NULL,
                                     &pdf, &pdf_len, NULL);
    const pd_diag *d = pd_ctx_diag_count(ctx) ? pd_ctx_diag(ctx, 0) : NULL;
    printf("broken record: %s (%s line %d), pdf %s\n", pd_status_str(bad),
           d && d->file ? d->file : "?", d ? d->line : 0, pdf ? "set" : "NULL");
    if (bad != PD_ERR_INPUT || pdf)
        st = PD_ERR_SYSTEM; /* the example checks what it shows */

    pd_ctx_free(ctx);
    free(xml);
    return (int)st;
}
