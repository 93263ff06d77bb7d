/* cmd_batch.c — phasedoc batch: many documents, one worker process per core, progress and a
 * summary. The work itself is the library's (pd_batch_run); this file turns the command line
 * into jobs and shows what happens. */
#include "tool.h"
#include "array.h"

#include <errno.h>
#include <signal.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
    "usage: phasedoc batch [-j N] [-k KIND]... [-d OUTDIR] [--name PATTERN] [--shard I/N]\n"
    "                      [--timeout SECONDS] [--max-rss MB] [--skip-existing] [--report FILE]\n"
    "                      [-l LANG] [-b BRAND] [-s KEY=VALUE]... [-x STYLESHEET]\n"
    "                      (--manifest FILE | FILE...)\n"
    "\n"
    "Renders many project descriptions at once. The stylesheets, catalogues and fonts are\n"
    "loaded once; then N worker processes each take one document at a time. Every document is\n"
    "isolated: a crash, a hang past --timeout, the memory limit or a bad input fails that\n"
    "document only, and the others are still written. Outputs are written atomically.\n"
    "\n"
    "  -j N             worker processes (default: the number of online cores)\n"
    "  -k KIND          approval, offer, concept, implementation, or all; repeatable\n"
    "                   (default approval). Jobs are every input times every kind.\n"
    "  -d OUTDIR        output folder; it must exist and be writable (default .)\n"
    "  --name PATTERN   output file name (default {id}-{kind}.pdf) from {id}, {customer}\n"
    "                   (the customer's name reduced to A-Z a-z 0-9 . _ -), {kind} (the\n"
    "                   brand's word for it: \"proposal\" where an offer is a Proposal),\n"
    "                   {kind-id} (always the kind: offer), {lang}, {brand}, {stem} (the\n"
    "                   input's file name without .xml). A name that would\n"
    "                   leave OUTDIR ('/', '..', control characters) fails its document; two\n"
    "                   documents with one name: the second fails.\n"
    "  --shard I/N      only the jobs of shard I of N (0 <= I < N): those whose FNV-1a 64 hash\n"
    "                   of the input path as given (argument or manifest line), a NUL byte and\n"
    "                   the kind, modulo N, is I. Every machine agrees, whatever the order of\n"
    "                   the list: run shard 0..N-1 on N machines (a Kubernetes indexed Job, a\n"
    "                   Slurm array) to cover each job exactly once.\n"
    "  --timeout S      wall-clock seconds per document; the worker is then killed and\n"
    "                   replaced (default: none). This is the per-document CPU limit too:\n"
    "                   RLIMIT_CPU would add up over a long-lived worker, so time is enforced\n"
    "                   by the parent on the wall clock.\n"
    "  --max-rss MB     resident memory of each worker: the parent looks every 50 ms and\n"
    "                   kills a worker past it, and a worker checks its peak before writing, so\n"
    "                   a document past it fails, however quick (default 1024; 0: none).\n"
    "                   Address space is limited to 4 x MB + 1 GB as a backstop (not under\n"
    "                   AddressSanitizer). Workers never dump core.\n"
    "  --skip-existing  skip a document whose output is complete (a PDF with its trailer) and\n"
    "                   newer than its input and its brand pack's brand.xml\n"
    "  --report FILE    one JSON object a line per document, in job order, written atomically\n"
    "                   when the batch ends: input, kind, output, status (ok, failed,\n"
    "                   skipped), error (\"file:line:column: message\" or null), ms, pages, bytes\n"
    "  --manifest FILE  the inputs, instead of FILE...: one path a line (blank lines and #\n"
    "                   comments skipped), or CSV with a header row naming a 'path' column and\n"
    "                   optional 'kind' (may be all), 'brand' and 'lang' columns that override\n"
    "                   -k, -b and -l for their row. Paths are relative to the manifest's folder.\n"
    "  -l LANG, -b BRAND, -s KEY=VALUE, -x STYLESHEET   as for phasedoc render\n"
    "\n"
    "Progress: on a terminal one updating line; otherwise one line per document. A summary\n"
    "follows on standard error.\n"
    "\n"
    "exit codes: 0 every document written (or skipped); 1 a document failed (all others were\n"
    "written); 2 usage (bad option, shard, pattern, kind, or a manifest that cannot be read);\n"
    "3 the batch could not run (OUTDIR missing or not writable, no worker could start) or the\n"
    "report could not be written; 130, 143, 129 stopped by SIGINT, SIGTERM, SIGHUP: running\n"
    "documents are abandoned (no temporary file stays), the report marks the unfinished ones\n"
    "\"interrupted\", the summary follows.\n";

enum { NKINDS = 4 };

/* What the progress line and the summary count. */
typedef struct {
    bool tty;        /* one updating line instead of a line per document */
    bool many_kinds; /* lines name the kind too */
    size_t total, ok, failed, skipped, interrupted, finished;
    double start;
} progress;

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Adds kind (or the four for "all") unless present; 2 if unknown, else 0. */
static int add_kind(const char *kinds[NKINDS], int *n, const char *kind)
{
    if (strcmp(kind, "all") == 0) {
        for (size_t i = 0; pd_kind_name(i); i++)
            add_kind(kinds, n, pd_kind_name(i));
        return 0;
    }
    int known = 0;
    for (size_t i = 0; pd_kind_name(i); i++)
        known |= strcmp(kind, pd_kind_name(i)) == 0;
    if (!known)
        return tool_usage_error("batch: unknown document kind '%s' (approval, offer, concept, "
                                "implementation, all)", kind);
    for (int i = 0; i < *n; i++)
        if (strcmp(kinds[i], kind) == 0)
            return 0;
    kinds[(*n)++] = kind;
    return 0;
}

static void draw_bar(progress *pg)
{
    enum { BAR = 30 };
    double t = seconds() - pg->start;
    size_t done = pg->finished;
    double rate = t > 0 ? (double)(done - pg->skipped) / t : 0;
    size_t fill = pg->total ? done * BAR / pg->total : BAR;
    char bar[BAR + 1];
    for (size_t i = 0; i < BAR; i++)
        bar[i] = i < fill ? '=' : i == fill ? '>' : ' ';
    bar[BAR] = '\0';
    char eta[32] = "--:--";
    if (rate > 0) {
        long left = (long)ceil((double)(pg->total - done) / rate);
        if (left >= 3600)
            snprintf(eta, sizeof eta, "%ld:%02ld:%02ld", left / 3600, left / 60 % 60, left % 60);
        else
            snprintf(eta, sizeof eta, "%ld:%02ld", left / 60, left % 60);
    }
    char line[160];
    int n = snprintf(line, sizeof line, "[%s] %zu/%zu  %.1f docs/s  ETA %s", bar, done,
                     pg->total, rate, eta);
    if (pg->failed)
        snprintf(line + n, sizeof line - (size_t)n, "  %zu failed", pg->failed);
    fprintf(stderr, "\r%s\033[K", line);
    fflush(stderr);
}

static void clear_bar(progress *pg)
{
    if (pg->tty)
        fputs("\r\033[K", stderr);
}

static void on_done(size_t index, const pd_batch_job *job, const pd_batch_result *r, void *user)
{
    (void)index;
    progress *pg = user;
    pg->finished++;
    char kind[64] = "";
    if (pg->many_kinds)
        snprintf(kind, sizeof kind, " [%s]", job->kind);
    switch (r->state) {
    case PD_BATCH_OK:
        pg->ok++;
        if (!pg->tty)
            fprintf(stderr, "ok  %s%s -> %s (%.0f ms, %ld page%s)\n", job->input, kind,
                    r->output, r->ms, r->pages, r->pages == 1 ? "" : "s");
        break;
    case PD_BATCH_SKIPPED:
        pg->skipped++;
        if (!pg->tty)
            fprintf(stderr, "skip %s%s -> %s (exists)\n", job->input, kind, r->output);
        break;
    case PD_BATCH_INTERRUPTED:
        pg->interrupted++;
        break;
    case PD_BATCH_FAILED:
        pg->failed++;
        clear_bar(pg);
        fprintf(stderr, "FAIL %s%s: %s\n", job->input, kind, r->error ? r->error : "failed");
        break;
    }
    if (pg->tty)
        draw_bar(pg);
}

static void summary(const progress *pg, const pd_batch_job *jobs, const pd_batch_result *res,
                    size_t n)
{
    double t = seconds() - pg->start;
    size_t ran = pg->ok + pg->failed;
    fprintf(stderr, "batch: %zu done, %zu failed, %zu skipped", pg->ok, pg->failed, pg->skipped);
    if (pg->interrupted)
        fprintf(stderr, ", %zu interrupted", pg->interrupted);
    fprintf(stderr, " of %zu in %.1f s (%.1f docs/s)\n", n, t, t > 0 ? (double)ran / t : 0.0);
    if (!pg->failed)
        return;
    fprintf(stderr, "failed:\n");
    for (size_t i = 0; i < n; i++)
        if (res[i].state == PD_BATCH_FAILED)
            fprintf(stderr, "  %s [%s]: %s\n", jobs[i].input, jobs[i].kind,
                    res[i].error ? res[i].error : "failed");
}

/* "I/N" with 0 <= I < N. */
static bool parse_shard(const char *s, unsigned long *i, unsigned long *n)
{
    char *end;
    errno = 0;
    if (*s < '0' || *s > '9')
        return false;
    *i = strtoul(s, &end, 10);
    if (errno || *end != '/' || end[1] < '0' || end[1] > '9')
        return false;
    *n = strtoul(end + 1, &end, 10);
    return !errno && *end == '\0' && *n >= 1 && *i < *n;
}

static bool parse_long(const char *s, long min, long max, long *v)
{
    char *end;
    errno = 0;
    long x = strtol(s, &end, 10);
    if (errno || end == s || *end || x < min || x > max)
        return false;
    *v = x;
    return true;
}

static const char *value_of(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        tool_usage_error("batch: option %s needs a value", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

typedef struct {
    tool_opts common;
    pd_batch_opts b;
    const char *kinds[NKINDS];
    int nkinds;
    const char *manifest;
    bool sharded;
    unsigned long shard_i, shard_n;
    char **files;
    int nfiles;
} batch_args;

/* Parses the command line; 0, or an exit code (-1: --help was printed). */
static int parse(int argc, char **argv, batch_args *a)
{
    a->b.max_rss_mb = 1024;
    a->files = calloc((size_t)argc, sizeof *a->files);
    if (!a->files)
        return PD_ERR_SYSTEM;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *v = NULL;
        long n;
        if (a->common.operands || strcmp(arg, "--") == 0) {
            if (a->common.operands)
                a->files[a->nfiles++] = argv[i];
            a->common.operands = 1;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(help, stdout);
            return -1;
        } else if (strcmp(arg, "-k") == 0 || strcmp(arg, "--kind") == 0) {
            if (!(v = value_of(argc, argv, &i)))
                return PD_ERR_USAGE;
            if (add_kind(a->kinds, &a->nkinds, v))
                return PD_ERR_USAGE;
        } else if (strcmp(arg, "-j") == 0 || strcmp(arg, "--jobs") == 0) {
            if (!(v = value_of(argc, argv, &i)))
                return PD_ERR_USAGE;
            if (!parse_long(v, 1, 512, &n))
                return tool_usage_error("batch: -j wants a number of workers from 1 to 512, "
                                        "not '%s'", v);
            a->b.workers = (int)n;
        } else if (strcmp(arg, "-d") == 0 || strcmp(arg, "--dir") == 0) {
            if (!(a->b.outdir = value_of(argc, argv, &i)))
                return PD_ERR_USAGE;
        } else if (strcmp(arg, "--name") == 0) {
            if (!(a->b.name = value_of(argc, argv, &i)))
                return PD_ERR_USAGE;
        } else if (strcmp(arg, "--report") == 0) {
            if (!(a->b.report = value_of(argc, argv, &i)))
                return PD_ERR_USAGE;
        } else if (strcmp(arg, "--manifest") == 0) {
            if (!(a->manifest = value_of(argc, argv, &i)))
                return PD_ERR_USAGE;
        } else if (strcmp(arg, "--shard") == 0) {
            if (!(v = value_of(argc, argv, &i)))
                return PD_ERR_USAGE;
            if (!parse_shard(v, &a->shard_i, &a->shard_n))
                return tool_usage_error("batch: --shard wants I/N with 0 <= I < N, not '%s'", v);
            a->sharded = true;
        } else if (strcmp(arg, "--timeout") == 0) {
            if (!(v = value_of(argc, argv, &i)))
                return PD_ERR_USAGE;
            char *end;
            double t = strtod(v, &end);
            if (end == v || *end || !(t > 0) || t > 1e6)
                return tool_usage_error("batch: --timeout wants seconds (more than 0), not "
                                        "'%s'", v);
            a->b.timeout = t;
        } else if (strcmp(arg, "--max-rss") == 0) {
            if (!(v = value_of(argc, argv, &i)))
                return PD_ERR_USAGE;
            if (!parse_long(v, 0, 1L << 30, &n))
                return tool_usage_error("batch: --max-rss wants megabytes (0: no limit), not "
                                        "'%s'", v);
            a->b.max_rss_mb = n;
        } else if (strcmp(arg, "--skip-existing") == 0) {
            a->b.skip_existing = 1;
        } else if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) {
            return tool_usage_error("batch: writes many files: use -d OUTDIR and --name, not %s",
                                    arg);
        } else {
            int taken = tool_common_option(argc, argv, &i, &a->common);
            if (taken < 0)
                return PD_ERR_USAGE;
            if (taken)
                continue;
            if (arg[0] == '-' && arg[1] != '\0')
                return tool_usage_error("batch: unknown option '%s' (see phasedoc batch "
                                        "--help)", arg);
            if (strcmp(arg, "-") == 0)
                return tool_usage_error("batch: reads files, not standard input (use "
                                        "--manifest - for a list on standard input)");
            a->files[a->nfiles++] = argv[i];
        }
    }
    if (a->manifest && a->nfiles)
        return tool_usage_error("batch: give either --manifest or files, not both");
    if (!a->manifest && !a->nfiles)
        return tool_usage_error("batch: no input files (see phasedoc batch --help)");
    if (a->nkinds == 0)
        add_kind(a->kinds, &a->nkinds, "approval");
    return 0;
}

typedef struct {
    pd_batch_job *jobs;
    size_t n, cap;
} job_list;

/* Adds the jobs of one input (one per kind) that fall in the shard. */
static bool add_jobs(job_list *l, const batch_args *a, const char *path, const char *given,
                     const char *const *kinds, int nkinds, const char *brand, const char *lang)
{
    for (int k = 0; k < nkinds; k++) {
        if (a->sharded && pd_batch_hash(given, kinds[k]) % a->shard_n != a->shard_i)
            continue;
        pd_batch_job *p = pd_array_grow(l->jobs, &l->cap, l->n + 1, sizeof *p);
        if (!p)
            return false;
        l->jobs = p;
        l->jobs[l->n++] = (pd_batch_job){path, kinds[k], lang, brand};
    }
    return true;
}

int cmd_batch(pd_ctx *ctx, int argc, char **argv)
{
    batch_args a = {0};
    int rc = parse(argc, argv, &a);
    if (rc != 0) {
        free(a.files);
        return rc < 0 ? 0 : rc;
    }
    a.b.render = a.common.pd;
    pd_ctx_set_strict(ctx, a.common.strict);
    a.b.render.kind = NULL;

    job_list jobs = {0};
    pd_manifest_entry *entries = NULL;
    size_t nentries = 0;
    bool ok = true;
    if (a.manifest) {
        pd_status st = pd_manifest_load(ctx, a.manifest, &entries, &nentries);
        if (st != PD_OK) {
            fprintf(stderr, "phasedoc: batch: cannot use the manifest %s\n", a.manifest);
            free(a.files);
            return st == PD_ERR_SYSTEM ? PD_ERR_SYSTEM : PD_ERR_USAGE;
        }
        for (size_t i = 0; ok && i < nentries; i++) {
            const pd_manifest_entry *e = &entries[i];
            const char *row_kinds[NKINDS];
            int nrow = 0;
            if (e->kind)
                add_kind(row_kinds, &nrow, e->kind); /* checked by the manifest loader */
            ok = add_jobs(&jobs, &a, e->path, e->given, e->kind ? row_kinds : a.kinds,
                          e->kind ? nrow : a.nkinds, e->brand, e->lang);
        }
    } else {
        for (int i = 0; ok && i < a.nfiles; i++)
            ok = add_jobs(&jobs, &a, a.files[i], a.files[i], a.kinds, a.nkinds, NULL, NULL);
    }
    pd_batch_result *results = ok ? calloc(jobs.n + 1, sizeof *results) : NULL;
    if (!results) {
        fputs("phasedoc: out of memory\n", stderr);
        rc = PD_ERR_SYSTEM;
    } else {
        progress pg = {0};
        pg.tty = isatty(STDERR_FILENO);
        pg.total = jobs.n;
        pg.start = seconds();
        for (size_t i = 1; i < jobs.n && !pg.many_kinds; i++)
            pg.many_kinds = strcmp(jobs.jobs[i].kind, jobs.jobs[0].kind) != 0;
        a.b.on_done = on_done;
        a.b.user = &pg;
        int sig = 0;
        a.b.interrupted = &sig;
        if (pg.tty && jobs.n)
            draw_bar(&pg);
        pd_status st = pd_batch_run(ctx, &a.b, jobs.jobs, jobs.n, results);
        clear_bar(&pg);
        if (st != PD_ERR_USAGE && (st != PD_ERR_SYSTEM || pg.finished))
            summary(&pg, jobs.jobs, results, jobs.n);
        if (sig)
            fprintf(stderr, "batch: stopped by %s; the report marks %zu job%s interrupted\n",
                    strsignal(sig), pg.interrupted, pg.interrupted == 1 ? "" : "s");
        rc = st;
        if (sig) /* ends as the signal would have: 128 + the signal for the shell */
            rc = 128 + sig;
        for (size_t i = 0; i < jobs.n; i++)
            pd_batch_result_clear(&results[i]);
        free(results);
    }
    free(jobs.jobs);
    pd_manifest_free(entries, nentries);
    free(a.files);
    if (rc > 128) { /* die by the signal itself, as the shell expects of an interrupted job */
        fflush(NULL);
        signal(rc - 128, SIG_DFL);
        raise(rc - 128);
    }
    return rc;
}
