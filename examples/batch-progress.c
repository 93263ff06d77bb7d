/* batch-progress.c — renders every kind of several projects at once, one worker process per
 * core, printing progress as each document ends and a summary at the end.
 *
 *   cc batch-progress.c -o batch-progress $(pkg-config --cflags --libs phasedoc)
 *   ./batch-progress OUTDIR project.xml...
 *
 * A document that fails (a broken file, a crash, a timeout) fails alone; the others are still
 * written. Exit 0 when every document was written, else the batch's status. */
#include <phasedoc.h>

#include <stdio.h>
#include <stdlib.h>

typedef struct {
    size_t done, total;
} progress;

/* Called in this process as each job ends, in the order they end. */
static void on_done(size_t index, const pd_batch_job *job, const pd_batch_result *r,
                    void *user)
{
    progress *p = user;
    p->done++;
    if (r->state == PD_BATCH_OK)
        printf("[%zu/%zu] %s %s -> %s (%ld pages, %.0f ms)\n", p->done, p->total, job->input,
               job->kind, r->output, r->pages, r->ms);
    else
        printf("[%zu/%zu] %s %s failed: %s\n", p->done, p->total, job->input, job->kind,
               r->error ? r->error : pd_status_str(r->status));
    fflush(stdout);
    (void)index;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s OUTDIR PROJECT.xml...\n", argv[0]);
        return PD_ERR_USAGE;
    }
    size_t nproj = (size_t)argc - 2, nkinds = 0;
    while (pd_kind_name(nkinds))
        nkinds++;
    size_t njobs = nproj * nkinds;
    pd_batch_job *jobs = calloc(njobs, sizeof *jobs);
    pd_batch_result *results = calloc(njobs, sizeof *results);
    pd_ctx *ctx = pd_ctx_new();
    if (!jobs || !results || !ctx)
        return PD_ERR_SYSTEM;
    for (size_t i = 0; i < njobs; i++)
        jobs[i] = (pd_batch_job){.input = argv[2 + i / nkinds], .kind = pd_kind_name(i % nkinds)};

    progress p = {0, njobs};
    pd_batch_opts opts = {
        .outdir = argv[1],
        .name = "{stem}-{kind}.pdf",
        .workers = 2,
        .timeout = 120,
        .on_done = on_done,
        .user = &p,
    };
    /* optional: load stylesheets and fonts once, before the workers are forked */
    pd_status st = pd_ctx_warm(ctx, NULL);
    if (st == PD_OK)
        st = pd_batch_run(ctx, &opts, jobs, njobs, results);
    size_t ok = 0;
    long pages = 0;
    for (size_t i = 0; i < njobs; i++) {
        ok += results[i].state == PD_BATCH_OK;
        pages += results[i].pages > 0 ? results[i].pages : 0;
        pd_batch_result_clear(&results[i]);
    }
    printf("%zu of %zu documents written, %ld pages: %s\n", ok, njobs, pages,
           pd_status_str(st));
    for (size_t i = 0; st != PD_OK && i < pd_ctx_diag_count(ctx); i++) {
        char line[2048];
        pd_diag_format(pd_ctx_diag(ctx, i), line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
    free(jobs);
    free(results);
    pd_ctx_free(ctx);
    return (int)st;
}
