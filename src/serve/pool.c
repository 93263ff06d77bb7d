/* pool.c — serve's workers, seen from the server.
 *
 * The server runs HTTP threads; a process with threads must not fork and go on rendering in
 * the child. So before any thread starts, the server forks a zygote: a single process that
 * warms a context (stylesheets, catalogues, fonts) and from then on forks a worker whenever the
 * server asks, handing the worker's end of a socket pair back over the control socket
 * (SCM_RIGHTS). Workers are the zygote's children: it reaps them and removes their folders.
 * Everybody dies with the server (PR_SET_PDEATHSIG down the chain).
 *
 * An HTTP thread takes an idle worker (or waits in a bounded queue), sends the request and
 * waits for the reply, checking the worker's time and resident memory; a worker that hangs,
 * grows past the limit or dies is killed and replaced, and only its request fails. */
#include "serve.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_WORKERS = 256, MAX_CHILDREN = 1024 };

typedef struct {
    pid_t pid; /* 0: empty slot */
    int fd;
    bool busy;
    bool filling; /* a thread is asking the zygote for this slot's worker */
    bool retire;  /* replace when next idle (reload, memory) */
} worker;

struct sv_pool {
    sv_pool_opts o;
    pid_t zygote;
    int ctl;                  /* control socket to the zygote */
    pthread_mutex_t zlock;    /* one conversation with the zygote at a time */
    pthread_mutex_t lock;     /* the fields below */
    pthread_cond_t idle;
    worker w[MAX_WORKERS];
    int waiting;
    unsigned long restarts;
    bool stopping;
};

/* ---- the zygote --------------------------------------------------------------------------- */

typedef struct {
    pid_t pid;
    char dir[64];
} child;

/* Removes a worker's folder: flat, and only the worker wrote into it. */
static void remove_folder(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL)
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
                unlinkat(dirfd(d), e->d_name, 0);
        closedir(d);
    }
    rmdir(dir);
}

static void reap(child *kids)
{
    pid_t pid;
    while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
        for (int i = 0; i < MAX_CHILDREN; i++)
            if (kids[i].pid == pid) {
                remove_folder(kids[i].dir);
                kids[i].pid = 0;
            }
}

static pd_status warm(pd_ctx *ctx, const sv_pool_opts *o)
{
    pd_options w = {.kind = NULL, .brand = o->brand};
    return pd_ctx_warm(ctx, &w);
}

/* Sends a worker's pid and socket to the server. */
static bool send_worker(int ctl, pid_t pid, int fd)
{
    int32_t v = (int32_t)pid;
    struct iovec iov = {.iov_base = &v, .iov_len = sizeof v};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } u;
    memset(&u, 0, sizeof u);
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
    if (fd >= 0) {
        m.msg_control = u.buf;
        m.msg_controllen = sizeof u.buf;
        struct cmsghdr *c = CMSG_FIRSTHDR(&m);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &fd, sizeof fd);
    }
    return sendmsg(ctl, &m, MSG_NOSIGNAL) == (ssize_t)sizeof v;
}

static pid_t spawn_worker(pd_ctx *ctx, int ctl, child *kids)
{
    int slot = -1;
    for (int i = 0; i < MAX_CHILDREN && slot < 0; i++)
        if (!kids[i].pid)
            slot = i;
    int sv[2];
    if (slot < 0 || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return -1;
    const char *tmp = getenv("TMPDIR");
    snprintf(kids[slot].dir, sizeof kids[slot].dir, "%s/phasedoc-serve-XXXXXX",
             tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
    if (!mkdtemp(kids[slot].dir)) {
        close(sv[0]);
        close(sv[1]);
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        close(ctl);
        close(sv[0]);
        signal(SIGCHLD, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        if (chdir(kids[slot].dir) != 0)
            _exit(3);
        sv_worker_main(ctx, sv[1]);
        _exit(0);
    }
    close(sv[1]);
    if (pid < 0) {
        close(sv[0]);
        rmdir(kids[slot].dir);
        return -1;
    }
    kids[slot].pid = pid;
    bool sent = send_worker(ctl, pid, sv[0]);
    close(sv[0]);
    return sent ? pid : -1;
}

static volatile sig_atomic_t zygote_stop;
static void on_zygote_term(int sig) { (void)sig; zygote_stop = 1; }

static void zygote_main(pd_ctx *ctx, const sv_pool_opts *o, int ctl, pid_t server)
{
    /* SIGTERM, not SIGKILL, when the server dies: the zygote still removes its workers'
     * folders (the workers themselves are killed outright) */
    struct sigaction sa = {0};
    sa.sa_handler = on_zygote_term;
    sigaction(SIGTERM, &sa, NULL);
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != server)
        _exit(0);
    signal(SIGINT, SIG_IGN); /* Ctrl-C reaches the process group: the server decides */
    signal(SIGHUP, SIG_IGN);
    static child kids[MAX_CHILDREN];
    pd_ctx_set_diag_handler(ctx, NULL, NULL); /* diagnostics go back in replies */
    char ready = warm(ctx, o) == PD_OK ? 'Y' : 'N';
    if (write(ctl, &ready, 1) != 1 || ready != 'Y')
        _exit(1);
    while (!zygote_stop) {
        struct pollfd p = {.fd = ctl, .events = POLLIN};
        int n = poll(&p, 1, 250);
        reap(kids);
        if (n <= 0)
            continue;
        char cmd;
        if (read(ctl, &cmd, 1) != 1)
            break; /* the server is gone */
        if (cmd == 'F') {
            if (spawn_worker(ctx, ctl, kids) < 0)
                send_worker(ctl, -1, -1);
        } else if (cmd == 'R') {
            /* brand packs and stylesheets read again: a fresh context, warmed */
            pd_ctx *fresh = pd_ctx_new();
            if (fresh)
                pd_ctx_set_diag_handler(fresh, NULL, NULL);
            char ok = fresh && warm(fresh, o) == PD_OK ? 'Y' : 'N';
            if (ok == 'Y') {
                pd_ctx_free(ctx);
                ctx = fresh;
            } else {
                pd_ctx_free(fresh);
            }
            if (write(ctl, &ok, 1) != 1)
                break;
        }
    }
    for (int i = 0; i < MAX_CHILDREN; i++)
        if (kids[i].pid)
            kill(kids[i].pid, SIGKILL);
    for (int i = 0; i < MAX_CHILDREN; i++)
        if (kids[i].pid) {
            waitpid(kids[i].pid, NULL, 0);
            remove_folder(kids[i].dir);
        }
    _exit(0);
}

/* ---- the server's side -------------------------------------------------------------------- */

/* Asks the zygote for a worker: its pid and socket, or pid <= 0. Caller holds zlock. */
static pid_t request_worker(sv_pool *p, int *fd)
{
    char cmd = 'F';
    *fd = -1;
    if (write(p->ctl, &cmd, 1) != 1)
        return -1;
    int32_t v = -1;
    struct iovec iov = {.iov_base = &v, .iov_len = sizeof v};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } u;
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
                       .msg_controllen = sizeof u.buf};
    ssize_t n;
    do
        n = recvmsg(p->ctl, &m, MSG_CMSG_CLOEXEC);
    while (n < 0 && errno == EINTR);
    if (n != (ssize_t)sizeof v)
        return -1;
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
        memcpy(fd, CMSG_DATA(c), sizeof *fd);
    if (v <= 0 || *fd < 0) {
        if (*fd >= 0)
            close(*fd);
        return -1;
    }
    return (pid_t)v;
}

/* Fills slot i with a new worker (caller holds nothing). */
static bool fill(sv_pool *p, int i)
{
    int fd = -1;
    pthread_mutex_lock(&p->zlock);
    pid_t pid = p->stopping ? -1 : request_worker(p, &fd);
    pthread_mutex_unlock(&p->zlock);
    pthread_mutex_lock(&p->lock);
    p->w[i] = pid > 0 ? (worker){.pid = pid, .fd = fd} : (worker){.fd = -1};
    pthread_cond_broadcast(&p->idle);
    pthread_mutex_unlock(&p->lock);
    return pid > 0;
}

sv_pool *sv_pool_start(pd_ctx *ctx, const sv_pool_opts *opts)
{
    sv_pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->o = *opts;
    if (p->o.workers < 1)
        p->o.workers = 1;
    if (p->o.workers > MAX_WORKERS)
        p->o.workers = MAX_WORKERS;
    pthread_mutex_init(&p->zlock, NULL);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->idle, NULL);
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        perror("phasedoc serve: socketpair");
        free(p);
        return NULL;
    }
    pid_t server = getpid();
    p->zygote = fork();
    if (p->zygote == 0) {
        close(sv[0]);
        zygote_main(ctx, &p->o, sv[1], server);
    }
    close(sv[1]);
    p->ctl = sv[0];
    char ready = 0;
    if (p->zygote < 0 || read(p->ctl, &ready, 1) != 1 || ready != 'Y') {
        fprintf(stderr, "phasedoc serve: the workers could not be prepared "
                        "(a brand, stylesheet or font that cannot be loaded)\n");
        sv_pool_stop(p);
        return NULL;
    }
    for (int i = 0; i < p->o.workers; i++)
        if (!fill(p, i)) {
            fprintf(stderr, "phasedoc serve: cannot start worker %d\n", i + 1);
            sv_pool_stop(p);
            return NULL;
        }
    return p;
}

void sv_pool_shutdown(sv_pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->stopping = true;
    pthread_cond_broadcast(&p->idle);
    for (int i = 0; i < MAX_WORKERS; i++)
        if (p->w[i].pid > 0)
            kill(p->w[i].pid, SIGKILL); /* a thread waiting for its reply sees the end */
    pthread_mutex_unlock(&p->lock);
}

void sv_pool_stop(sv_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->stopping = true;
    pthread_cond_broadcast(&p->idle);
    for (int i = 0; i < MAX_WORKERS; i++)
        if (p->w[i].pid) {
            kill(p->w[i].pid, SIGKILL);
            close(p->w[i].fd);
            p->w[i].pid = 0;
        }
    pthread_mutex_unlock(&p->lock);
    if (p->ctl >= 0)
        close(p->ctl); /* the zygote ends its workers, reaps them and exits */
    if (p->zygote > 0)
        waitpid(p->zygote, NULL, 0);
    pthread_cond_destroy(&p->idle);
    pthread_mutex_destroy(&p->lock);
    pthread_mutex_destroy(&p->zlock);
    free(p);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Resident memory of a process in MB, or -1. */
static long rss_mb(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/statm", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    long size = 0, resident = 0;
    int n = fscanf(f, "%ld %ld", &size, &resident);
    fclose(f);
    return n == 2 ? resident * (sysconf(_SC_PAGESIZE) / 1024) / 1024 : -1;
}

/* Takes an idle worker, waiting in the queue if need be: its slot, or -1 with *why. */
static int take(sv_pool *p, sv_outcome *why)
{
    pthread_mutex_lock(&p->lock);
    bool queued = false;
    int slot = -1;
    for (;;) {
        if (p->stopping) {
            *why = SV_STOPPING;
            break;
        }
        for (int i = 0; i < p->o.workers && slot < 0; i++)
            if (p->w[i].pid && !p->w[i].busy && !p->w[i].retire)
                slot = i;
        if (slot >= 0)
            break;
        /* a slot whose worker could not be replaced earlier: try again now */
        int empty = -1;
        for (int i = 0; i < p->o.workers && empty < 0; i++)
            if (!p->w[i].pid && !p->w[i].filling)
                empty = i;
        if (empty >= 0) {
            p->w[empty].filling = true;
            pthread_mutex_unlock(&p->lock);
            fill(p, empty);
            pthread_mutex_lock(&p->lock);
            continue;
        }
        if (!queued) {
            if (p->waiting >= p->o.queue) {
                *why = SV_BUSY;
                break;
            }
            p->waiting++;
            queued = true;
        }
        pthread_cond_wait(&p->idle, &p->lock);
    }
    if (queued)
        p->waiting--;
    if (slot >= 0)
        p->w[slot].busy = true;
    pthread_mutex_unlock(&p->lock);
    return slot;
}

/* Kills the worker of slot i and puts a new one in its place. */
static void replace(sv_pool *p, int i)
{
    pthread_mutex_lock(&p->lock);
    pid_t pid = p->w[i].pid;
    int fd = p->w[i].fd;
    p->w[i].pid = 0;
    p->w[i].filling = true;
    p->restarts++;
    pthread_mutex_unlock(&p->lock);
    if (pid > 0)
        kill(pid, SIGKILL); /* the zygote reaps it */
    if (fd >= 0)
        close(fd);
    fill(p, i);
}

/* Whether an idle worker has died: it never writes unless asked, so a readable or hung-up
 * socket means it is gone (killed while idle). */
static bool idle_worker_dead(int fd)
{
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    return poll(&pfd, 1, 0) != 0;
}

sv_outcome sv_pool_run(sv_pool *p, const sv_request *q, sv_reply *r)
{
    memset(r, 0, sizeof *r);
    sv_outcome why = SV_BUSY;
    int i = take(p, &why);
    for (int tries = 0; i >= 0 && idle_worker_dead(p->w[i].fd) && tries < MAX_WORKERS; tries++) {
        replace(p, i); /* the request goes to another worker, or to this slot's new one */
        pthread_mutex_lock(&p->lock);
        p->w[i].busy = false;
        pthread_cond_signal(&p->idle);
        pthread_mutex_unlock(&p->lock);
        i = take(p, &why);
    }
    if (i < 0)
        return why;
    worker w = p->w[i]; /* pid and fd stay put while busy */
    double deadline = now() + (p->o.timeout > 0 ? p->o.timeout : 1e9);
    sv_outcome out = SV_CRASHED;
    if (sv_request_send(w.fd, q)) {
        for (;;) {
            bool timed_out;
            /* a slice at a time, to watch memory while the worker renders */
            if (sv_reply_recv(w.fd, r, 100, &timed_out)) {
                out = SV_DONE;
                break;
            }
            if (!timed_out)
                break; /* died */
            if (now() > deadline) {
                out = SV_TIMEOUT;
                break;
            }
            if (p->o.max_rss_mb > 0 && rss_mb(w.pid) > p->o.max_rss_mb)
                break;
        }
    }
    if (out == SV_DONE && p->o.max_rss_mb > 0 && rss_mb(w.pid) > p->o.max_rss_mb)
        p->w[i].retire = true; /* it answered, but grew: replaced before its next request */
    bool renew = out != SV_DONE || p->w[i].retire;
    if (renew) {
        replace(p, i);
    } else {
        pthread_mutex_lock(&p->lock);
        p->w[i].busy = false;
        pthread_cond_signal(&p->idle);
        pthread_mutex_unlock(&p->lock);
    }
    return out;
}

void sv_pool_reload(sv_pool *p)
{
    pthread_mutex_lock(&p->zlock);
    char cmd = 'R', ok = 0;
    bool done = write(p->ctl, &cmd, 1) == 1 && read(p->ctl, &ok, 1) == 1 && ok == 'Y';
    pthread_mutex_unlock(&p->zlock);
    if (!done) {
        fprintf(stderr, "phasedoc serve: reload failed; the workers keep what they had\n");
        return;
    }
    /* idle workers now, busy ones when they finish */
    for (int i = 0; i < p->o.workers; i++) {
        pthread_mutex_lock(&p->lock);
        bool idle = p->w[i].pid && !p->w[i].busy;
        if (!idle)
            p->w[i].retire = true;
        else
            p->w[i].busy = true;
        pthread_mutex_unlock(&p->lock);
        if (idle) {
            replace(p, i);
            pthread_mutex_lock(&p->lock);
            p->w[i].busy = false;
            p->restarts--; /* a reload is not a failure */
            pthread_mutex_unlock(&p->lock);
        }
    }
    fprintf(stderr, "phasedoc serve: brand packs and stylesheets reloaded\n");
}

void sv_pool_stats_get(sv_pool *p, sv_pool_stats *s)
{
    pthread_mutex_lock(&p->lock);
    memset(s, 0, sizeof *s);
    for (int i = 0; i < p->o.workers; i++) {
        if (p->w[i].pid)
            s->workers_ready++;
        if (p->w[i].pid && p->w[i].busy)
            s->busy++;
    }
    s->waiting = p->waiting;
    s->restarts = p->restarts;
    pthread_mutex_unlock(&p->lock);
}
