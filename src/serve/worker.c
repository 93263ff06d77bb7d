/* worker.c — the rendering side of phasedoc serve. A worker is a process forked from a warmed
 * zygote; it answers one request at a time, in a private folder of its own (its working
 * directory, made and removed by the zygote): the body becomes request.xml there, so that the
 * library's hardened file entry and its confinement rules apply unchanged — a request's project
 * has a folder with nothing else in it, so images and stylesheets come only from brand packs. */
#include "serve.h"

#include "batch.h"
#include "pipeline.h"

#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *severity_name(pd_severity s)
{
    return s == PD_ERROR ? "error" : s == PD_WARNING ? "warning" : "note";
}

/* The context's diagnostics as a JSON array. The file is left out: it is always the body
 * (request.xml) or a built-in stylesheet the client cannot see; its name in the message
 * would only confuse. */
static char *diagnostics_json(pd_ctx *ctx)
{
    pd_buf b;
    pd_buf_init(&b, 4u << 20);
    pd_buf_adds(&b, "[");
    for (size_t i = 0; i < pd_ctx_diag_count(ctx); i++) {
        const pd_diag *d = pd_ctx_diag(ctx, i);
        char num[64];
        pd_buf_adds(&b, i ? ",{\"severity\":" : "{\"severity\":");
        pd_json_string(&b, severity_name(d->severity));
        bool ours = !d->file || strcmp(d->file, "request.xml") == 0;
        snprintf(num, sizeof num, ",\"line\":%d,\"column\":%d,\"message\":", ours ? d->line : 0,
                 ours ? d->column : 0);
        pd_buf_adds(&b, num);
        pd_json_string(&b, d->message);
        pd_buf_adds(&b, "}");
    }
    pd_buf_adds(&b, "]");
    if (b.failed)
        return pd_strdup("[]");
    pd_buf_add(&b, "", 1);
    return b.data;
}

static bool slurp(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    pd_buf b;
    pd_buf_init(&b, (size_t)1 << 30);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        pd_buf_add(&b, chunk, n);
    bool ok = !ferror(f) && !b.failed;
    fclose(f);
    if (!ok) {
        pd_buf_free(&b);
        return false;
    }
    *data = b.data ? b.data : malloc(1);
    *len = b.len;
    return *data != NULL;
}

static bool write_body(const sv_request *q)
{
    int fd = open("request.xml", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    size_t off = 0;
    while (off < q->body_len) {
        ssize_t n = write(fd, q->body + off, q->body_len - off);
        if (n <= 0) {
            close(fd);
            return false;
        }
        off += (size_t)n;
    }
    return close(fd) == 0;
}

/* Removes what a render left in the folder (the outputs of the last request). */
static void clean_folder(void)
{
    glob_t g;
    if (glob("out*", 0, NULL, &g) == 0)
        for (size_t i = 0; i < g.gl_pathc; i++)
            unlink(g.gl_pathv[i]);
    globfree(&g);
    unlink("request.xml");
}

static void render(pd_ctx *ctx, const sv_request *q, sv_reply *r)
{
    bool png = strcmp(q->format, "png") == 0;
    pd_options o = {.kind = q->kind, .lang = *q->lang ? q->lang : NULL,
                    .brand = *q->brand ? q->brand : NULL, .format = png ? "png" : NULL,
                    .resolution = 96};
    pd_render_stats stats = {0};
    r->status = pd_render_file_stats(ctx, "request.xml", &o, png ? "out.png" : "out.pdf", &stats);
    r->pages = stats.pages;
    if (r->status != PD_OK)
        return;
    char *id = NULL, path[64], name[512];
    if (pd_project_id(ctx, "request.xml", &id) != PD_OK || !id)
        id = pd_strdup("document");
    char *kind = pd_kind_file_word_of(ctx, "request.xml", &o);
    if (png) {
        unsigned page = q->page ? q->page : 1;
        if ((int)page > stats.pages) {
            pd_diag_raise(ctx, PD_ERROR, NULL, 0, 0, "page %u asked for, but the document has %d",
                          page, stats.pages);
            r->status = PD_ERR_USAGE;
            free(kind);
            free(id);
            return;
        }
        snprintf(path, sizeof path, "out-%u.png", page);
        snprintf(name, sizeof name, "%s-%s-%u.png", id ? id : "document", kind ? kind : q->kind,
                 page);
    } else {
        snprintf(path, sizeof path, "out.pdf");
        snprintf(name, sizeof name, "%s-%s.pdf", id ? id : "document", kind ? kind : q->kind);
    }
    free(kind);
    free(id);
    r->name = pd_strdup(name);
    if (!slurp(path, &r->output, &r->output_len)) {
        pd_diag_raise(ctx, PD_ERROR, NULL, 0, 0, "cannot read the rendered output back");
        r->status = PD_ERR_SYSTEM;
    }
}

static void answer(pd_ctx *ctx, const sv_request *q, sv_reply *r)
{
    pd_ctx_clear_diags(ctx);
    if (!write_body(q)) {
        pd_diag_raise(ctx, PD_ERROR, NULL, 0, 0, "cannot store the request in the worker's folder");
        r->status = PD_ERR_SYSTEM;
    } else if (q->op == SV_VALIDATE) {
        r->status = pd_validate_file(ctx, "request.xml");
    } else {
        render(ctx, q, r);
    }
    r->diagnostics = diagnostics_json(ctx);
    clean_folder();
}

void sv_worker_main(pd_ctx *ctx, int fd)
{
    for (;;) {
        sv_request q;
        char *buf;
        if (!sv_request_recv(fd, &q, &buf))
            return; /* the server closed the connection, or is gone */
        sv_reply r = {0};
        answer(ctx, &q, &r);
        free(buf);
        bool sent = sv_reply_send(fd, &r);
        sv_reply_clear(&r);
        if (!sent)
            return;
    }
}
