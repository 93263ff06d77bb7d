/* pool.c — phasedoc batch's workers: long-lived processes forked from a warmed context, each
 * taking one job at a time over a pipe, so that a crash, a hang or a memory limit costs one
 * document and never the batch.
 *
 * The conversation with a worker, on two pipes:
 *   parent → worker   job index (uint32)
 *   worker → parent   CLAIM output path     (the name is known: may it write there?)
 *   parent → worker   1 or 0                (0: another job of the batch writes that file)
 *   worker → parent   RESULT                (state, status, numbers, output, first error)
 * A worker that has a name but fails before rendering, or skips, sends RESULT without CLAIM.
 * Knowing the claimed output lets the parent refuse duplicate names and remove the temporary
 * file of a worker it had to kill (only that worker's: the name carries its process id).
 *
 * Workers die with the parent (PR_SET_PDEATHSIG, and a check that the parent that forked
 * them is still there), and an alarm ends a job that outlives --timeout even when nobody is
 * left to kill it. SIGINT, SIGTERM or SIGHUP to the parent stop the batch: no more jobs are
 * handed out, running ones are abandoned (their workers remove their temporary files and
 * die; the parent removes what is left), and every unfinished job is marked interrupted. */
#include "batch.h"
#include "output.h"
#include "pipeline.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define PD_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PD_ASAN 1
#endif
#endif

enum { MSG_CLAIM = 1, MSG_RESULT = 2 };
enum { MAX_WORKERS = 512, MAX_STRING = 16384 };
enum { RSS_LOOK_MS = 50 }; /* how often the parent looks at busy workers' memory */

typedef struct {
    uint32_t type;
    uint32_t state;
    int32_t status;
    uint32_t output_len, error_len;
    int64_t pages, bytes;
    double ms;
} wire;

typedef struct {
    pid_t pid;      /* 0: the slot has no process */
    int job_fd;     /* parent writes job indexes here */
    int res_fd;     /* and reads messages here */
    long job;       /* the job it runs, -1 when idle */
    bool claimed;   /* it has been allowed to write results[job].output */
    double started; /* seconds, monotonic */
} worker;

typedef struct {
    pd_ctx *ctx;
    const pd_batch_opts *o;
    const char *outdir, *pattern;
    const pd_batch_job *jobs;
    const char **kinds; /* each job's effective kind */
    size_t njobs;
    pd_batch_result *results;
    worker *w;
    int nw;
    size_t next;     /* the next job to hand out */
    size_t finished; /* jobs with a result */
    size_t *claims;  /* open addressing: job index + 1 of each claimed output, 0 = empty */
    size_t nclaims_cap;
    int idle_deaths; /* workers that died without a job: a sign the workers cannot run */
    bool any_failed;
    pid_t parent;    /* the process that runs the batch */
} pool;

/* The signal that stops the batch, and a pipe that wakes the parent's poll() for it. One
 * batch per process at a time (pd_batch_run says so). */
static volatile sig_atomic_t stop_signal;
static int stop_pipe[2] = {-1, -1};

static void on_stop_signal(int sig)
{
    int saved = errno;
    if (!stop_signal)
        stop_signal = sig;
    if (stop_pipe[1] >= 0) {
        ssize_t n = write(stop_pipe[1], "", 1); /* non-blocking; full is fine */
        (void)n;
    }
    errno = saved;
}

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};
enum { NSTOP = sizeof stop_signals / sizeof stop_signals[0] };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool write_full(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* false at end of file (the other side is gone) or on error. */
static bool read_full(int fd, void *data, size_t n)
{
    char *p = data;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        p += r;
        n -= (size_t)r;
    }
    return true;
}

/* ---- the worker's side ------------------------------------------------------------------ */

static bool send_msg(int fd, uint32_t type, const pd_batch_result *r)
{
    wire m;
    memset(&m, 0, sizeof m); /* padding too: the bytes go through a pipe */
    m.type = type;
    m.state = (uint32_t)r->state;
    m.status = (int32_t)r->status;
    m.pages = r->pages;
    m.bytes = r->bytes;
    m.ms = r->ms;
    size_t lo = r->output ? strlen(r->output) : 0, le = r->error ? strlen(r->error) : 0;
    m.output_len = (uint32_t)(lo < MAX_STRING ? lo : MAX_STRING);
    m.error_len = (uint32_t)(le < MAX_STRING ? le : MAX_STRING);
    /* One write: the pipe's buffer takes it whole, and a crash cannot split a message from
     * its strings in a way the parent would misread (it sees end of file instead). */
    size_t n = sizeof m + m.output_len + m.error_len;
    char *buf = malloc(n);
    if (!buf)
        return false;
    memcpy(buf, &m, sizeof m);
    if (m.output_len)
        memcpy(buf + sizeof m, r->output, m.output_len);
    if (m.error_len)
        memcpy(buf + sizeof m + m.output_len, r->error, m.error_len);
    bool ok = write_full(fd, buf, n);
    free(buf);
    return ok;
}

/* "file:line:column: message" of the first error (the input stands in for a missing file). */
static char *first_error(pd_ctx *ctx, const char *input, pd_status st)
{
    char buf[2048];
    for (size_t i = 0; i < pd_ctx_diag_count(ctx); i++) {
        const pd_diag *d = pd_ctx_diag(ctx, i);
        if (d->severity != PD_ERROR)
            continue;
        const char *file = d->file ? d->file : input;
        if (d->line > 0 && d->column > 0)
            snprintf(buf, sizeof buf, "%s:%d:%d: %s", file, d->line, d->column, d->message);
        else if (d->line > 0)
            snprintf(buf, sizeof buf, "%s:%d: %s", file, d->line, d->message);
        else
            snprintf(buf, sizeof buf, "%s: %s", file, d->message);
        return pd_strdup(buf);
    }
    snprintf(buf, sizeof buf, "%s: %s", input, pd_status_str(st));
    return pd_strdup(buf);
}

/* A brand given as a folder shows as its last component. */
static char *brand_label(const char *brand)
{
    size_t n = strlen(brand);
    while (n > 1 && brand[n - 1] == '/')
        n--;
    const char *start = brand;
    for (size_t i = 0; i < n; i++)
        if (brand[i] == '/' && i + 1 < n)
            start = brand + i + 1;
    return pd_strndup(start, n - (size_t)(start - brand));
}

/* The output's path from the facts of the parsed input. */
static pd_status output_path(pool *p, const pd_batch_job *j, const pd_options *ro,
                             const pd_project_facts *facts, const char *kind_word, char **out)
{
    *out = NULL;
    char *stem = pd_batch_stem(j->input);
    char *brand = ro->brand ? brand_label(ro->brand) : NULL;
    char *name = NULL;
    pd_name_fields f = {
        facts->id, facts->customer, kind_word ? kind_word : ro->kind,
        ro->lang ? ro->lang : facts->lang ? facts->lang : "en",
        brand ? brand : facts->brand ? facts->brand : "default", stem, ro->kind,
    };
    pd_status st = pd_batch_name(p->ctx, p->pattern, &f, j->input, &name);
    if (st == PD_OK) {
        size_t n = strlen(p->outdir);
        bool slash = n > 0 && p->outdir[n - 1] == '/';
        *out = pd_strcat3(p->outdir, slash ? "" : "/", name);
        if (!*out) {
            pd_error(p->ctx, "out of memory");
            st = PD_ERR_SYSTEM;
        }
    }
    free(name);
    free(brand);
    free(stem);
    return st;
}

/* Whether a PDF is complete: "%PDF-" at the start, "%%EOF" at the end (white space after it
 * allowed), as a finished cairo file has and a truncated or empty one has not. */
static bool pdf_complete(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat sb;
    char head[5], tail[64];
    bool ok = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size >= 16 &&
              pread(fd, head, 5, 0) == 5 && memcmp(head, "%PDF-", 5) == 0;
    size_t n = ok ? (size_t)(sb.st_size < 64 ? sb.st_size : 64) : 0;
    ok = ok && pread(fd, tail, n, sb.st_size - (off_t)n) == (ssize_t)n;
    close(fd);
    while (ok && n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == '\r' || tail[n - 1] == ' '))
        n--;
    return ok && n >= 5 && memcmp(tail + n - 5, "%%EOF", 5) == 0;
}

static bool newer(const struct stat *a, const struct stat *b)
{
    return a->st_mtim.tv_sec > b->st_mtim.tv_sec ||
           (a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec > b->st_mtim.tv_nsec);
}

/* --skip-existing: the output is complete and newer than its input and its brand pack's
 * brand.xml (the pack named by -b, the manifest or the project; a pack it extends is not
 * looked at). */
static bool up_to_date(pool *p, const char *output, const pd_batch_job *j, const pd_options *ro,
                       const pd_project_facts *facts, struct stat *out)
{
    struct stat in;
    if (stat(output, out) != 0 || stat(j->input, &in) != 0 || !newer(out, &in) ||
        !pdf_complete(output))
        return false;
    const char *brand = ro->brand ? ro->brand : facts->brand ? facts->brand : "default";
    char *file = NULL;
    if (strchr(brand, '/')) {
        file = pd_strcat3(brand, "/", "brand.xml");
    } else {
        char *rel = pd_strcat3("templates/brands/", brand, "/brand.xml");
        file = rel ? pd_data_path(p->ctx, rel) : NULL;
        free(rel);
    }
    struct stat bs;
    bool ok = file && (stat(file, &bs) != 0 || newer(out, &bs)); /* no file: the render fails */
    free(file);
    return ok;
}

/* What the worker's namer needs and what it found. */
typedef struct {
    pool *p;
    const pd_batch_job *job;
    const pd_options *ro;
    int in, out;
    pd_batch_result *r;
    bool parent_gone, refused, skipped;
} naming;

/* Called with the parsed input: names the output from that same document, skips it if up
 * to date, and asks the parent whether it may write there. */
static pd_status name_output(pd_ctx *ctx, xmlDocPtr doc, void *user, char **out)
{
    naming *nm = user;
    pool *p = nm->p;
    pd_project_facts facts;
    pd_batch_facts_doc(doc, &facts);
    /* {kind} is the brand's word for it ("proposal"), as on the cover */
    char *word = pd_batch_name_uses(p->pattern, "kind") ? pd_kind_file_word(ctx, doc, nm->ro)
                                                          : NULL;
    pd_status st = output_path(p, nm->job, nm->ro, &facts, word, &nm->r->output);
    free(word);
    struct stat sb;
    if (st == PD_OK && p->o->skip_existing &&
        up_to_date(p, nm->r->output, nm->job, nm->ro, &facts, &sb)) {
        nm->skipped = true;
        nm->r->state = PD_BATCH_SKIPPED;
        nm->r->bytes = (long long)sb.st_size;
    }
    pd_batch_facts_free(&facts);
    if (st != PD_OK || nm->skipped)
        return st;
    uint32_t go = 0;
    if (!send_msg(nm->out, MSG_CLAIM, nm->r) || !read_full(nm->in, &go, sizeof go)) {
        nm->parent_gone = true;
        return PD_ERR_SYSTEM;
    }
    if (!go) { /* the parent has recorded why */
        nm->refused = true;
        return PD_ERR_INPUT;
    }
    *out = pd_strdup(nm->r->output);
    if (!*out) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    return PD_OK;
}

/* The parent looks at a worker's memory every RSS_LOOK_MS and kills it past --max-rss; a
 * document made between two looks would slip through, so the worker also measures its own peak
 * (Linux's VmHWM, reset before each job through clear_refs) and refuses to put an output in
 * place past the limit. -1 when unknown. */
static long own_peak_rss_mb(void)
{
    FILE *f = fopen("/proc/self/status", "re");
    if (!f)
        return -1;
    char line[128];
    long kb = -1;
    while (kb < 0 && fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %ld kB", &kb) != 1)
            kb = -1;
    fclose(f);
    return kb < 0 ? -1 : kb / 1024;
}

static void reset_peak_rss(void)
{
    int fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return; /* the peak is then the worker's whole life's: stricter, never laxer */
    ssize_t n = write(fd, "5", 1);
    (void)n;
    close(fd);
}

static pd_status refuse_past_max_rss(pd_ctx *ctx, void *user)
{
    const pool *p = user;
    long mb = own_peak_rss_mb();
    if (p->o->max_rss_mb <= 0 || mb <= p->o->max_rss_mb)
        return PD_OK;
    pd_error(ctx, "used %ld MB of memory, more than --max-rss %ld MB: the output was not written",
             mb, p->o->max_rss_mb);
    return PD_ERR_SYSTEM;
}

/* Runs one job; false when the parent is gone. */
static bool worker_job(pool *p, int in, int out, size_t idx)
{
    pd_ctx *ctx = p->ctx;
    pd_ctx_clear_diags(ctx);
    double t0 = now();
    const pd_batch_job *j = &p->jobs[idx];
    pd_options ro = p->o->render;
    ro.kind = p->kinds[idx];
    if (j->lang)
        ro.lang = j->lang;
    if (j->brand)
        ro.brand = j->brand;
    pd_batch_result r = {PD_BATCH_FAILED, PD_OK, NULL, NULL, 0, -1, -1};
    naming nm = {p, j, &ro, in, out, &r, false, false, false};
    pd_render_stats stats = {0};
    pd_oom_reset(); /* each job on its own (the worker runs inside the batch's call) */
    if (p->o->max_rss_mb > 0)
        reset_peak_rss();
    pd_status st = pd_render_named(ctx, j->input, &ro, name_output, &nm, &stats);
    if (pd_oom_seen()) {
        pd_error(ctx, "out of memory");
        st = PD_ERR_SYSTEM;
    }
    if (nm.parent_gone) {
        pd_batch_result_clear(&r);
        return false;
    }
    if (nm.refused) {
        pd_batch_result_clear(&r);
        pd_ctx_clear_diags(ctx);
        return true;
    }
    struct stat sb;
    if (st == PD_OK && !nm.skipped) {
        r.state = PD_BATCH_OK;
        r.bytes = stat(r.output, &sb) == 0 ? (long long)sb.st_size : -1;
        r.pages = stats.pages;
    }
    r.status = st;
    if (st != PD_OK)
        r.error = first_error(ctx, j->input, st);
    r.ms = (now() - t0) * 1000.0;
    bool ok = send_msg(out, MSG_RESULT, &r);
    pd_batch_result_clear(&r);
    pd_ctx_clear_diags(ctx);
    return ok;
}

static void set_limits(const pool *p)
{
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
#ifndef PD_ASAN
    /* ASan reserves terabytes of address space: a limit on it would stop every worker. */
    /* --max-rss is watched by the parent (resident memory, worker_rss_mb). Address space is
     * only a backstop against a sudden huge allocation between two looks: a worker maps
     * several times what it touches (fonts, libraries, arenas), so it is generous. */
    if (p->o->max_rss_mb > 0) {
        rlim_t bytes = ((rlim_t)p->o->max_rss_mb * 4 + 1024) * 1024 * 1024;
        struct rlimit as = {bytes, bytes};
        setrlimit(RLIMIT_AS, &as);
    }
#else
    (void)p;
#endif
    /* No RLIMIT_CPU: it adds up over a long-lived worker's documents; the parent enforces
     * time per document with the wall clock instead. */
}

/* A worker ends on SIGTERM (its parent died, or it is abandoned), SIGINT, SIGHUP (the batch's
 * process group was signalled) or SIGALRM (a job past --timeout) without leaving its
 * temporary file. */
static void worker_signal(int sig)
{
    pd_signal_cleanup();
    raise(sig); /* SA_RESETHAND: the default action, death by the signal */
}

static void worker_signals(pool *p)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGALRM};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa = {0};
        sa.sa_handler = worker_signal;
        sa.sa_flags = SA_RESETHAND | SA_NODEFER;
        sigemptyset(&sa.sa_mask);
        struct sigaction old;
        sigaction(sigs[i], NULL, &old);
        if (old.sa_handler != SIG_IGN) /* the batch's own disposition was ignore: keep it */
            sigaction(sigs[i], &sa, NULL);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    /* Dies with the parent; and if the parent died before this line, ends now. */
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != p->parent)
        _exit(0);
}

static void __attribute__((noreturn)) worker_main(pool *p, int in, int out)
{
    worker_signals(p);
    set_limits(p);
    /* Diagnostics become the result's error; the parent does the printing. */
    pd_ctx_set_diag_handler(p->ctx, NULL, NULL);
    pd_ctx_set_commit_check(p->ctx, refuse_past_max_rss, p);
    for (;;) {
        uint32_t idx;
        if (!read_full(in, &idx, sizeof idx))
            _exit(0); /* the parent closed the pipe: no more jobs */
        /* The parent kills a job past --timeout; should the parent be stopped or slow, the
         * alarm ends it a little later all the same. */
        if (p->o->timeout > 0)
            alarm((unsigned)p->o->timeout + 5);
        if (idx >= p->njobs || !worker_job(p, in, out, idx))
            _exit(0);
        alarm(0);
    }
}

/* ---- the parent's side ------------------------------------------------------------------ */

/* Threads of this process (Linux /proc); 0 when unknown. */
static int thread_count(void)
{
    DIR *d = opendir("/proc/self/task");
    if (!d)
        return 0;
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

/* A child of fork() has only the thread that forked: a lock or a result that another thread
 * held at that moment never comes. Libraries start helper threads (Pango's font matching
 * does) that end on their own, so wait a little for them before the first fork. */
static void wait_single_threaded(pd_ctx *ctx)
{
    for (int i = 0; i < 200; i++) {
        int n = thread_count();
        if (n <= 1)
            return;
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    pd_diag_raise(ctx, PD_WARNING, NULL, 0, 0,
                  "forking workers while %d threads run: a worker may hang (see --timeout)",
                  thread_count());
}

static bool cloexec_pipe(int fds[2])
{
    if (pipe(fds) != 0)
        return false;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return true;
}

static bool spawn(pool *p, int slot)
{
    int jp[2], rp[2];
    if (!cloexec_pipe(jp))
        return false;
    if (!cloexec_pipe(rp)) {
        close(jp[0]);
        close(jp[1]);
        return false;
    }
    fflush(NULL); /* nothing buffered may be written twice */
    /* Until the worker has its own handlers, a stop signal waits (worker_signals unblocks). */
    sigset_t block, old;
    sigemptyset(&block);
    for (int i = 0; i < NSTOP; i++)
        sigaddset(&block, stop_signals[i]);
    sigprocmask(SIG_BLOCK, &block, &old);
    pid_t pid = fork();
    if (pid != 0)
        sigprocmask(SIG_SETMASK, &old, NULL);
    if (pid < 0) {
        close(jp[0]), close(jp[1]), close(rp[0]), close(rp[1]);
        return false;
    }
    if (pid == 0) {
        close(jp[1]);
        close(rp[0]);
        if (stop_pipe[0] >= 0) {
            close(stop_pipe[0]);
            close(stop_pipe[1]);
            stop_pipe[0] = stop_pipe[1] = -1;
        }
        /* Holding another worker's pipes would hide that worker's death from the parent. */
        for (int k = 0; k < p->nw; k++)
            if (k != slot && p->w[k].pid > 0) {
                close(p->w[k].job_fd);
                close(p->w[k].res_fd);
            }
        worker_main(p, jp[0], rp[1]);
    }
    close(jp[0]);
    close(rp[1]);
    p->w[slot] = (worker){pid, jp[1], rp[0], -1, false, 0};
    return true;
}

static size_t string_hash(const char *s)
{
    return (size_t)pd_batch_hash(s, "");
}

/* The job that already claimed output, or -1 after recording idx as its owner. */
static long claim(pool *p, const char *output, size_t idx)
{
    size_t mask = p->nclaims_cap - 1;
    for (size_t h = string_hash(output) & mask;; h = (h + 1) & mask) {
        size_t v = p->claims[h];
        if (v == 0) {
            p->claims[h] = idx + 1;
            return -1;
        }
        if (strcmp(p->results[v - 1].output, output) == 0)
            return (long)(v - 1);
    }
}

static void finish(pool *p, size_t idx)
{
    p->finished++;
    if (p->results[idx].state == PD_BATCH_FAILED)
        p->any_failed = true;
    if (p->o->on_done)
        p->o->on_done(idx, &p->jobs[idx], &p->results[idx], p->o->user);
}

static void fail_job(pool *p, size_t idx, pd_status st, double ms, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void fail_job(pool *p, size_t idx, pd_status st, double ms, const char *fmt, ...)
{
    pd_batch_result *r = &p->results[idx];
    char msg[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->state = PD_BATCH_FAILED;
    r->status = st;
    free(r->error);
    r->error = pd_strcat3(p->jobs[idx].input, ": ", msg);
    r->ms = ms;
    r->pages = -1;
    r->bytes = -1;
    finish(p, idx);
}

/* Removes what a worker (pid) left of an unfinished output: "FOLDER/.NAME.PID.XXXXXX". A
 * file of the same name made by another process has another PID in its name. */
static void remove_temporaries(const char *output, pid_t pid)
{
    char *prefix = pd_output_temp_prefix(output, (long)pid);
    const char *slash = prefix ? strrchr(prefix, '/') : NULL;
    char *dir = slash ? pd_strndup(prefix, slash == prefix ? 1 : (size_t)(slash - prefix)) : NULL;
    DIR *d = dir ? opendir(dir) : NULL;
    size_t n = slash ? strlen(slash + 1) : 0;
    for (struct dirent *e; d && (e = readdir(d));)
        if (strncmp(e->d_name, slash + 1, n) == 0 && strlen(e->d_name) == n + 6)
            unlinkat(dirfd(d), e->d_name, 0);
    if (d)
        closedir(d);
    free(dir);
    free(prefix);
}

/* Marks a job that the batch did not finish because it was stopped by a signal. */
static void interrupt_job(pool *p, size_t idx, double ms, bool started)
{
    pd_batch_result *r = &p->results[idx];
    char msg[200];
    snprintf(msg, sizeof msg, "%s: the batch was interrupted by %s", p->jobs[idx].input,
             started ? "a signal while it ran" : "a signal before it ran");
    free(r->error);
    r->error = pd_strdup(msg);
    r->state = PD_BATCH_INTERRUPTED;
    r->status = PD_ERR_SYSTEM;
    r->ms = ms;
    r->pages = -1;
    r->bytes = -1;
    p->finished++;
    if (p->o->on_done)
        p->o->on_done(idx, &p->jobs[idx], r, p->o->user);
}

/* Reaps a worker that is gone (or was killed) and fails its job with why, if it had one. */
static void bury(pool *p, int slot, const char *why)
{
    worker *w = &p->w[slot];
    int status = 0;
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    close(w->job_fd);
    close(w->res_fd);
    if (w->job >= 0) {
        size_t idx = (size_t)w->job;
        double ms = (now() - w->started) * 1000.0;
        if (w->claimed)
            remove_temporaries(p->results[idx].output, w->pid);
        if (stop_signal)
            interrupt_job(p, idx, ms, true);
        else if (why)
            fail_job(p, idx, PD_ERR_SYSTEM, ms, "%s", why);
        else if (WIFSIGNALED(status)) {
            int sig = WTERMSIG(status);
            fail_job(p, idx, PD_ERR_SYSTEM, ms, "the worker was killed by signal %d (%s)%s",
                     sig, strsignal(sig),
                     sig == SIGABRT || sig == SIGSEGV || sig == SIGKILL
                         ? " (a crash, or memory exhausted)" : "");
        } else
            fail_job(p, idx, PD_ERR_SYSTEM, ms, "the worker ended (exit status %d)",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    } else {
        p->idle_deaths++;
    }
    w->pid = 0;
    w->job = -1;
}

/* Resident memory of a process in MB (Linux /proc); -1 when unknown. */
static long worker_rss_mb(pid_t pid)
{
    char path[64], buf[128];
    snprintf(path, sizeof path, "/proc/%ld/statm", (long)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    unsigned long size, resident;
    if (sscanf(buf, "%lu %lu", &size, &resident) != 2)
        return -1;
    return (long)((unsigned long long)resident * (unsigned long long)sysconf(_SC_PAGESIZE) >> 20);
}

static void kill_worker(pool *p, int slot, const char *why)
{
    kill(p->w[slot].pid, SIGKILL);
    bury(p, slot, why);
}

/* Reads one message from a worker; false if the worker is gone. */
static bool receive(pool *p, int slot)
{
    worker *w = &p->w[slot];
    wire m;
    if (!read_full(w->res_fd, &m, sizeof m))
        return false;
    if (m.output_len > MAX_STRING || m.error_len > MAX_STRING || w->job < 0 ||
        (m.type != MSG_CLAIM && m.type != MSG_RESULT) || m.state > PD_BATCH_SKIPPED) {
        kill_worker(p, slot, "the worker broke the protocol");
        return true;
    }
    char *output = calloc(1, m.output_len + 1), *error = calloc(1, m.error_len + 1);
    if (!output || !error || !read_full(w->res_fd, output, m.output_len) ||
        !read_full(w->res_fd, error, m.error_len)) {
        free(output);
        free(error);
        return false;
    }
    size_t idx = (size_t)w->job;
    pd_batch_result *r = &p->results[idx];
    if (m.type == MSG_CLAIM) {
        free(r->output);
        r->output = output;
        free(error);
        long other = claim(p, output, idx);
        uint32_t go = other < 0;
        if (!write_full(w->job_fd, &go, sizeof go))
            return false;
        if (other >= 0) {
            w->job = -1;
            fail_job(p, idx, PD_ERR_INPUT, (now() - w->started) * 1000.0,
                     "'%s' is also the output of %s (%s): make --name unique, e.g. with "
                     "{stem}", output, p->jobs[other].input, p->kinds[other]);
        } else {
            w->claimed = true;
        }
        return true;
    }
    if (m.output_len) {
        free(r->output);
        r->output = output;
    } else {
        free(output);
    }
    free(r->error);
    r->error = NULL;
    if (m.error_len)
        r->error = error;
    else
        free(error);
    r->state = (pd_batch_state)m.state;
    r->status = (pd_status)m.status;
    r->ms = m.ms;
    r->pages = (long)m.pages;
    r->bytes = (long long)m.bytes;
    w->job = -1;
    w->claimed = false;
    finish(p, idx);
    return true;
}

static int live_workers(const pool *p)
{
    int n = 0;
    for (int k = 0; k < p->nw; k++)
        n += p->w[k].pid > 0;
    return n;
}

/* Replaces dead workers while there is work for them, unless they keep dying on their own. */
static void respawn(pool *p)
{
    if (p->next >= p->njobs || p->idle_deaths > 2 * p->nw + 4)
        return;
    for (int k = 0; k < p->nw; k++)
        if (p->w[k].pid == 0 && !spawn(p, k))
            pd_error(p->ctx, "cannot start a worker process: %s", strerror(errno));
}

static void dispatch(pool *p)
{
    for (int k = 0; k < p->nw && p->next < p->njobs; k++) {
        worker *w = &p->w[k];
        if (w->pid == 0 || w->job >= 0)
            continue;
        uint32_t idx = (uint32_t)p->next;
        if (!write_full(w->job_fd, &idx, sizeof idx)) {
            bury(p, k, NULL); /* died idle: the job stays for another worker */
            continue;
        }
        p->next++;
        w->job = (long)idx;
        w->claimed = false;
        w->started = now();
    }
}

static void run_loop(pool *p)
{
    struct pollfd *fds = calloc((size_t)p->nw + 1, sizeof *fds);
    int *slots = calloc((size_t)p->nw + 1, sizeof *slots);
    if (!fds || !slots) {
        free(fds);
        free(slots);
        return;
    }
    while (p->finished < p->njobs && !stop_signal) {
        respawn(p);
        dispatch(p);
        int nfds = 0, wait_ms = -1;
        double t = now();
        for (int k = 0; k < p->nw; k++) {
            if (p->w[k].pid == 0)
                continue;
            fds[nfds] = (struct pollfd){p->w[k].res_fd, POLLIN, 0};
            slots[nfds++] = k;
            if (p->o->max_rss_mb > 0 && p->w[k].job >= 0 && (wait_ms < 0 || wait_ms > RSS_LOOK_MS))
                wait_ms = RSS_LOOK_MS;
            if (p->o->timeout > 0 && p->w[k].job >= 0) {
                double left = p->w[k].started + p->o->timeout - t;
                int ms = left <= 0 ? 0 : (int)(left * 1000.0) + 1;
                if (wait_ms < 0 || ms < wait_ms)
                    wait_ms = ms;
            }
        }
        if (nfds == 0)
            break; /* no worker could be started: the caller fails what is left */
        int nworkers = nfds;
        if (stop_pipe[0] >= 0)
            fds[nfds++] = (struct pollfd){stop_pipe[0], POLLIN, 0};
        int ready = poll(fds, (nfds_t)nfds, wait_ms);
        if (ready < 0 && errno != EINTR)
            break;
        if (stop_signal) /* checked first: a worker killed by the same signal is not a failure */
            break;
        nfds = nworkers;
        for (int i = 0; ready > 0 && i < nfds; i++) {
            int k = slots[i];
            if (p->w[k].pid == 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            if (!receive(p, k))
                bury(p, k, NULL);
        }
        for (int k = 0; p->o->max_rss_mb > 0 && k < p->nw; k++) {
            long mb = p->w[k].pid > 0 && p->w[k].job >= 0 ? worker_rss_mb(p->w[k].pid) : -1;
            if (mb > p->o->max_rss_mb) {
                char why[160];
                snprintf(why, sizeof why, "used %ld MB of memory, more than --max-rss %ld MB: "
                         "the worker was killed", mb, p->o->max_rss_mb);
                kill_worker(p, k, why);
            }
        }
        if (p->o->timeout > 0) {
            t = now();
            for (int k = 0; k < p->nw; k++)
                if (p->w[k].pid > 0 && p->w[k].job >= 0 &&
                    t >= p->w[k].started + p->o->timeout) {
                    char why[128];
                    snprintf(why, sizeof why, "timed out after %g s: the worker was killed",
                             p->o->timeout);
                    kill_worker(p, k, why);
                }
        }
    }
    free(fds);
    free(slots);
}

/* A stop signal: running jobs are abandoned (the worker removes its temporary file on
 * SIGTERM; what a stuck one leaves, bury removes), jobs not handed out are marked. */
static void abandon(pool *p)
{
    for (int k = 0; k < p->nw; k++)
        if (p->w[k].pid > 0 && p->w[k].job >= 0)
            kill(p->w[k].pid, SIGTERM);
    for (int k = 0; k < p->nw; k++)
        if (p->w[k].pid > 0 && p->w[k].job >= 0) {
            /* A worker deaf to SIGTERM for 2 s (stuck in a library) is killed outright. */
            for (int i = 0; i < 200; i++) {
                siginfo_t info = {0};
                if (waitid(P_PID, (id_t)p->w[k].pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0 ||
                    info.si_pid != 0)
                    break; /* ended (not reaped yet: its pid cannot be reused) */
                struct timespec ts = {0, 10 * 1000 * 1000};
                nanosleep(&ts, NULL);
            }
            kill(p->w[k].pid, SIGKILL); /* a zombie ignores it; bury reaps */
            bury(p, k, NULL);
        }
    for (; p->next < p->njobs; p->next++)
        interrupt_job(p, p->next, 0, false);
}

static void stop_workers(pool *p)
{
    if (stop_signal)
        abandon(p);
    for (int k = 0; k < p->nw; k++)
        if (p->w[k].pid > 0)
            close(p->w[k].job_fd); /* end of file: an idle worker exits */
    for (int k = 0; k < p->nw; k++) {
        if (p->w[k].pid == 0)
            continue;
        if (p->w[k].job >= 0) /* only after a failure of the loop itself */
            kill(p->w[k].pid, SIGKILL);
        while (waitpid(p->w[k].pid, NULL, 0) < 0 && errno == EINTR)
            ;
        close(p->w[k].res_fd);
        p->w[k].pid = 0;
    }
}

void pd_batch_result_clear(pd_batch_result *r)
{
    if (!r)
        return;
    free(r->output);
    free(r->error);
    r->output = r->error = NULL;
}

typedef struct {
    struct sigaction old[NSTOP];
    bool set[NSTOP];
} saved_signals;

/* From here on a stop signal is noted, not fatal (unless it was ignored: nohup). */
static void stop_handling_begin(saved_signals *sv)
{
    stop_signal = 0;
    if (pipe(stop_pipe) == 0) {
        for (int i = 0; i < 2; i++) {
            fcntl(stop_pipe[i], F_SETFD, FD_CLOEXEC);
            fcntl(stop_pipe[i], F_SETFL, O_NONBLOCK);
        }
    } else {
        stop_pipe[0] = stop_pipe[1] = -1; /* poll wakes with EINTR instead, most times */
    }
    for (int i = 0; i < NSTOP; i++) {
        struct sigaction sa = {0};
        sa.sa_handler = on_stop_signal;
        sigemptyset(&sa.sa_mask);
        sv->set[i] = sigaction(stop_signals[i], NULL, &sv->old[i]) == 0 &&
                     sv->old[i].sa_handler != SIG_IGN &&
                     sigaction(stop_signals[i], &sa, NULL) == 0;
    }
}

static void stop_handling_end(saved_signals *sv)
{
    for (int i = 0; i < NSTOP; i++)
        if (sv->set[i])
            sigaction(stop_signals[i], &sv->old[i], NULL);
    for (int i = 0; i < 2; i++)
        if (stop_pipe[i] >= 0)
            close(stop_pipe[i]);
    stop_pipe[0] = stop_pipe[1] = -1;
}

/* Temporary files of our naming (".NAME.PID.XXXXXX") older than a day in the output folder:
 * left by a batch or render that was killed outright (SIGKILL, a power cut). Removed, and
 * said. A younger one may belong to a render still running. */
static void remove_stale_temporaries(pool *p)
{
    DIR *d = opendir(p->outdir);
    if (!d)
        return;
    time_t limit = time(NULL) - 24 * 3600;
    int removed = 0;
    for (struct dirent *e; (e = readdir(d));) {
        const char *n = e->d_name;
        size_t len = strlen(n);
        if (n[0] != '.' || len < 10)
            continue;
        const char *rnd = n + len - 6, *dot = rnd - 1;
        if (dot[0] != '.')
            continue;
        const char *digits = dot;
        while (digits > n + 1 && digits[-1] >= '0' && digits[-1] <= '9')
            digits--;
        bool random_ok = true;
        for (int i = 0; i < 6; i++)
            random_ok &= (rnd[i] >= '0' && rnd[i] <= '9') || (rnd[i] >= 'a' && rnd[i] <= 'z') ||
                         (rnd[i] >= 'A' && rnd[i] <= 'Z');
        if (!random_ok || digits == dot || digits - 1 <= n || digits[-1] != '.')
            continue;
        struct stat sb;
        if (fstatat(dirfd(d), n, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(sb.st_mode) ||
            sb.st_mtime >= limit)
            continue;
        if (unlinkat(dirfd(d), n, 0) == 0)
            removed++;
    }
    closedir(d);
    if (removed)
        pd_diag_raise(p->ctx, PD_NOTE, p->outdir, 0, 0,
                      "removed %d stale temporary file%s (older than a day) of an earlier "
                      "render", removed, removed == 1 ? "" : "s");
}

static int worker_count(const pd_batch_opts *o, size_t njobs)
{
    long n = o->workers > 0 ? o->workers : sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    if (n > MAX_WORKERS)
        n = MAX_WORKERS;
    if ((size_t)n > njobs)
        n = (long)(njobs ? njobs : 1);
    return (int)n;
}

/* Loads what the workers share, once per kind in the batch. A wrong option stops the batch;
 * anything else is left for each document to report as its own error. */
static pd_status warm(pool *p)
{
    pd_status worst = PD_OK;
    for (size_t i = 0; i < p->njobs; i++) {
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = strcmp(p->kinds[k], p->kinds[i]) == 0;
        if (seen)
            continue;
        pd_options wo = p->o->render;
        wo.kind = p->kinds[i];
        pd_status st = pd_ctx_warm(p->ctx, &wo);
        if (st == PD_ERR_USAGE)
            return st;
        if (st != PD_OK)
            worst = st;
    }
    if (worst != PD_OK)
        pd_diag_raise(p->ctx, PD_WARNING, NULL, 0, 0,
                      "the shared set-up failed: each document will report its own error");
    return PD_OK;
}

static pd_status check_up_front(pool *p)
{
    pd_status st = pd_batch_name_check(p->ctx, p->pattern);
    for (size_t i = 0; st == PD_OK && i < p->njobs; i++) {
        if (!pd_kind_is_known(p->kinds[i])) {
            pd_error(p->ctx, "unknown document kind '%s' (approval, offer, concept, "
                             "implementation)", p->kinds[i]);
            st = PD_ERR_USAGE;
        } else if (!p->jobs[i].input || strcmp(p->jobs[i].input, "-") == 0) {
            pd_error(p->ctx, "a batch reads files, not standard input");
            st = PD_ERR_USAGE;
        }
    }
    if (st == PD_OK && p->njobs > UINT32_MAX) {
        pd_error(p->ctx, "too many documents in one batch");
        st = PD_ERR_USAGE;
    }
    if (st == PD_OK)
        st = pd_batch_probe_dir(p->ctx, p->outdir, "output folder");
    if (st == PD_OK && p->o->report && strcmp(p->o->report, "-") != 0) {
        const char *slash = strrchr(p->o->report, '/');
        char *dir = slash ? pd_strndup(p->o->report,
                                       slash == p->o->report ? 1 : (size_t)(slash - p->o->report))
                          : pd_strdup(".");
        st = dir ? pd_batch_probe_dir(p->ctx, dir, "report's folder") : PD_ERR_SYSTEM;
        free(dir);
    }
    return st;
}

static pd_status batch_run(pd_ctx *ctx, const pd_batch_opts *o, const pd_batch_job *jobs,
                           size_t njobs, pd_batch_result *results);

pd_status pd_batch_run(pd_ctx *ctx, const pd_batch_opts *o, const pd_batch_job *jobs,
                       size_t njobs, pd_batch_result *results)
{
    for (size_t i = 0; i < njobs; i++)
        results[i] = (pd_batch_result){PD_BATCH_FAILED, PD_OK, NULL, NULL, 0, -1, -1};
    if (!pd_call_enter(ctx))
        return PD_ERR_USAGE;
    pd_status st = batch_run(ctx, o, jobs, njobs, results);
    return pd_call_leave_status(ctx, st);
}

static pd_status batch_run(pd_ctx *ctx, const pd_batch_opts *o, const pd_batch_job *jobs,
                           size_t njobs, pd_batch_result *results)
{
    for (size_t i = 0; i < njobs; i++)
        results[i] = (pd_batch_result){PD_BATCH_FAILED, PD_OK, NULL, NULL, 0, -1, -1};
    pool p = {0};
    p.ctx = ctx;
    p.o = o;
    p.outdir = o->outdir ? o->outdir : ".";
    p.pattern = o->name ? o->name : PD_BATCH_DEFAULT_NAME;
    p.jobs = jobs;
    p.njobs = njobs;
    p.results = results;
    p.kinds = calloc(njobs + 1, sizeof *p.kinds);
    if (!p.kinds) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    for (size_t i = 0; i < njobs; i++)
        p.kinds[i] = jobs[i].kind ? jobs[i].kind : o->render.kind ? o->render.kind : "approval";
    saved_signals saved;
    stop_handling_begin(&saved);
    pd_status st = check_up_front(&p);
    if (st == PD_OK)
        st = warm(&p);
    pd_ctx_clear_diags(ctx); /* the workers start clean */
    if (st != PD_OK) {
        stop_handling_end(&saved);
        free(p.kinds);
        return st;
    }

    p.nw = worker_count(o, njobs);
    p.nclaims_cap = 16;
    while (p.nclaims_cap < 2 * njobs)
        p.nclaims_cap *= 2;
    p.claims = calloc(p.nclaims_cap, sizeof *p.claims);
    p.w = calloc((size_t)p.nw, sizeof *p.w);
    struct sigaction ignore = {0}, old_pipe;
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    /* A worker that dies makes writes to its pipe fail with EPIPE instead of killing us. */
    sigaction(SIGPIPE, &ignore, &old_pipe);
    p.parent = getpid();
    remove_stale_temporaries(&p);
    if (!p.claims || !p.w) {
        pd_error(ctx, "out of memory");
        st = PD_ERR_SYSTEM;
    } else if (njobs > 0) {
        wait_single_threaded(ctx);
        for (int k = 0; k < p.nw; k++)
            if (!spawn(&p, k))
                pd_error(ctx, "cannot start a worker process: %s", strerror(errno));
        if (live_workers(&p) == 0)
            st = PD_ERR_SYSTEM;
        else if (!stop_signal)
            run_loop(&p);
        stop_workers(&p);
        /* Whatever the loop could not run (no worker left) fails, so every job has a result. */
        if (p.finished < njobs) {
            st = PD_ERR_SYSTEM;
            for (size_t i = 0; i < njobs; i++)
                if (!results[i].error && results[i].state == PD_BATCH_FAILED &&
                    results[i].status == PD_OK)
                    fail_job(&p, i, PD_ERR_SYSTEM, 0, "not run: no worker process could run it");
        }
    }
    sigaction(SIGPIPE, &old_pipe, NULL);
    /* The report and the summary are written even when the batch was stopped; a second
     * signal meanwhile would only be noted. */
    int sig = stop_signal;
    if (sig)
        st = PD_ERR_SYSTEM;
    if (o->report && p.claims && p.w) {
        pd_status rs = pd_batch_report_write(ctx, o->report, jobs, p.kinds, results, njobs);
        if (rs != PD_OK)
            st = PD_ERR_SYSTEM;
    }
    if (st == PD_OK && p.any_failed)
        st = PD_ERR_INPUT;
    stop_handling_end(&saved);
    if (o->interrupted)
        *o->interrupted = sig;
    free(p.claims);
    free(p.w);
    free(p.kinds);
    return st;
}
