/* output.c — temporary file, every write checked, fsync, rename, fsync of the folder; on
 * failure the temporary file goes and a previous output stays untouched. Standard output, a
 * device (/dev/null) or a FIFO cannot be renamed over: the bytes are held in memory and
 * written there only once the document is complete.
 *
 * The temporary file ".NAME.PID.XXXXXX" is made with the first byte to write (a render that
 * fails on its input never touches the folder); its name carries the process id, so that a
 * batch removes only its own workers' files (pd_output_temp_prefix), and it is registered
 * in a process-wide table that a signal handler empties (pd_signal_cleanup). */
#include "output.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Cairo hands its output over in pieces of a few bytes: written one write(2) each, a
 * 1,000-page PDF spent a third of its time in the kernel. They are gathered first. */
enum { WRITE_BUFFER = 64 * 1024 };

/* Temporary files alive in this process, for a signal handler. A slot holds a malloc'd path
 * that stays unchanged while it is registered; the handler only reads and unlinks. One table
 * per process (a forked batch worker starts with its parent's, which is empty while workers
 * run). Beyond MAX_LIVE files at once a file is still written, only not removed on a signal. */
enum { MAX_LIVE = 4096 };
static _Atomic(char *) live[MAX_LIVE];

static void live_add(char *path)
{
    for (size_t i = 0; i < MAX_LIVE; i++) {
        char *expected = NULL;
        if (atomic_compare_exchange_strong(&live[i], &expected, path))
            return;
    }
}

static void live_remove(const char *path)
{
    for (size_t i = 0; i < MAX_LIVE; i++) {
        char *expected = (char *)path;
        if (atomic_compare_exchange_strong(&live[i], &expected, NULL))
            return;
    }
}

void pd_signal_cleanup(void)
{
    for (size_t i = 0; i < MAX_LIVE; i++) {
        char *p = atomic_load(&live[i]);
        if (p)
            unlink(p); /* async-signal-safe */
    }
}

struct pd_output {
    char *path, *tmp, *dir;
    int fd;            /* -1 until the first byte is written */
    size_t written;    /* bytes in the file so far */
    char *pending;     /* WRITE_BUFFER bytes gathered for the next write */
    size_t npending;
    bool held, failed; /* held: in mem until commit; path NULL then means standard output */
    bool made;         /* the temporary file exists (and is registered) */
    bool prepared;     /* complete on disk, closed: only the rename is left */
    int error;
    pd_buf mem;
};

static char *folder_of(const char *path)
{
    char *copy = pd_strdup(path);
    char *dir = copy ? pd_strdup(dirname(copy)) : NULL;
    free(copy);
    return dir;
}

pd_status pd_output_check(pd_ctx *ctx, const char *path, const char *input)
{
    /* A newline or another control character in a name breaks every log line, report and
     * shell loop that shows it: never what the caller meant. (A NUL cannot reach here: it
     * ends a C string, and neither argv nor XML can carry one.) */
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        if (*p < 0x20 || *p == 0x7f) {
            pd_error(ctx, "the output name contains a control character (a newline?): refused");
            return PD_ERR_USAGE;
        }
    if (strcmp(path, "-") == 0)
        return PD_OK;
    struct stat in, out;
    if (stat(path, &out) != 0)
        return PD_OK; /* a new file: whether its folder is writable shows on open */
    if (input && strcmp(input, "-") != 0 && stat(input, &in) == 0 && in.st_dev == out.st_dev &&
        in.st_ino == out.st_ino) {
        pd_diag_raise(ctx, PD_ERROR, path, 0, 0,
                      "the output is the input file (the render would replace it): refused");
        return PD_ERR_USAGE;
    }
    if (S_ISDIR(out.st_mode)) {
        pd_diag_raise(ctx, PD_ERROR, path, 0, 0, "cannot write: it is a folder");
        return PD_ERR_SYSTEM;
    }
    return PD_OK;
}

/* /dev/stdout or /proc/self/fd/1 can name a regular file (standard output redirected to it):
 * a temporary file renamed over the link would replace /dev/stdout itself. Nothing is
 * renamed into /dev itself or /proc: the output is written through the name instead. A
 * file system mounted below /dev (/dev/shm) is an ordinary folder. */
static bool in_system_folder(const char *path)
{
    char *dir = folder_of(path);
    char real[PATH_MAX];
    bool system = dir && realpath(dir, real) &&
                  (strcmp(real, "/dev") == 0 || strcmp(real, "/proc") == 0 ||
                   strncmp(real, "/proc/", 6) == 0);
    free(dir);
    return system;
}

/* The mode of a new output: what the umask allows of rw-rw-rw-, as open(2) would give. Read
 * once: umask can only be read by setting it. */
static mode_t output_mode(void)
{
    static mode_t mode = 01000; /* not yet read */
    if (mode == 01000) {
        mode_t mask = umask(022);
        umask(mask);
        mode = 0666 & ~mask;
    }
    return mode;
}

pd_status pd_output_open(pd_ctx *ctx, const char *path, pd_output **out)
{
    *out = NULL;
    pd_status st = pd_output_check(ctx, path, NULL);
    if (st != PD_OK)
        return st;
    pd_output *o = calloc(1, sizeof *o);
    if (!o) {
        pd_oom_note();
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    o->fd = -1;
    struct stat target;
    bool is_stdout = strcmp(path, "-") == 0;
    bool exists = !is_stdout && stat(path, &target) == 0;
    if (exists && (S_ISBLK(target.st_mode) || S_ISSOCK(target.st_mode))) {
        pd_diag_raise(ctx, PD_ERROR, path, 0, 0,
                      "cannot write: not a regular file, character device or FIFO");
        free(o);
        return PD_ERR_SYSTEM;
    }
    if (is_stdout || (exists && !S_ISREG(target.st_mode)) || in_system_folder(path)) {
        o->held = true;
        o->path = is_stdout ? NULL : pd_strdup(path);
        pd_buf_init(&o->mem, (size_t)1 << 31);
        if (!is_stdout && !o->path) {
            free(o);
            pd_error(ctx, "out of memory");
            return PD_ERR_SYSTEM;
        }
        *out = o;
        return PD_OK;
    }
    o->path = pd_strdup(path);
    o->dir = folder_of(path);
    o->pending = malloc(WRITE_BUFFER);
    char *prefix = o->path ? pd_output_temp_prefix(o->path, getpid()) : NULL;
    o->tmp = prefix ? pd_strcat3(prefix, "XXXXXX", "") : NULL;
    free(prefix);
    if (!o->path || !o->dir || !o->tmp || !o->pending) {
        pd_output_abort(o);
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    /* The file itself comes with the first write; a folder that cannot take it is said now,
     * before the work. */
    if (access(o->dir, W_OK | X_OK) != 0) {
        pd_diag_raise(ctx, PD_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
        pd_output_abort(o);
        return PD_ERR_SYSTEM;
    }
    *out = o;
    return PD_OK;
}

char *pd_output_temp_prefix(const char *path, long pid)
{
    char *dir = folder_of(path), *base = pd_strdup(path);
    char num[32];
    snprintf(num, sizeof num, ".%ld.", pid);
    char *head = dir && base ? pd_strcat3(dir, "/.", basename(base)) : NULL;
    char *prefix = head ? pd_strcat3(head, num, "") : NULL;
    free(head);
    free(base);
    free(dir);
    return prefix;
}

/* Makes the temporary file (mode as a plain open would give), registered for clean-up on a
 * signal. Signals are held off meanwhile: a file made but not yet registered would stay. */
static bool create_temporary(pd_output *o)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    o->fd = mkstemp(o->tmp); /* read-write: a later step may read back what it wrote */
    int err = errno;
    if (o->fd >= 0)
        fcntl(o->fd, F_SETFD, FD_CLOEXEC);
    if (o->fd >= 0) {
        live_add(o->tmp);
        o->made = true;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (o->fd < 0) {
        o->failed = true;
        o->error = err;
        free(o->tmp);
        o->tmp = NULL;
        return false;
    }
    /* mkstemp makes 0600; an output gets the mode a plain open would give it, so a umask of
     * 077 keeps a customer's documents private */
    fchmod(o->fd, output_mode());
    return true;
}

/* Writes len bytes to the file, all of them or a failure recorded. */
static bool write_all(pd_output *o, const char *p, size_t len)
{
    if (o->fd < 0 && !create_temporary(o))
        return false;
    while (len > 0) {
        ssize_t n = write(o->fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            o->failed = true;
            o->error = n < 0 ? errno : EIO;
            return false;
        }
        p += n;
        len -= (size_t)n;
        o->written += (size_t)n;
    }
    return true;
}

static bool flush_pending(pd_output *o)
{
    bool ok = !o->failed && write_all(o, o->pending, o->npending); /* makes the file */
    o->npending = 0;
    return ok && !o->failed;
}

bool pd_output_write(pd_output *o, const void *data, size_t len)
{
    if (o->failed)
        return false;
    if (o->held) {
        if (!pd_buf_add(&o->mem, data, len)) {
            o->failed = true;
            o->error = ENOMEM;
        }
        return !o->failed;
    }
    if (o->npending + len > WRITE_BUFFER && !flush_pending(o))
        return false;
    if (len >= WRITE_BUFFER)
        return write_all(o, data, len);
    memcpy(o->pending + o->npending, data, len);
    o->npending += len;
    return true;
}

bool pd_output_contents(pd_output *o, char **data, size_t *len)
{
    if (o->failed)
        return false;
    if (o->held) {
        *data = pd_strndup(o->mem.data ? o->mem.data : "", o->mem.len);
        *len = o->mem.len;
        return *data != NULL;
    }
    if (!flush_pending(o))
        return false;
    char *buf = malloc(o->written + 1);
    size_t off = 0;
    while (buf && off < o->written) {
        ssize_t n = pread(o->fd, buf + off, o->written - off, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    if (!buf || off != o->written) {
        free(buf);
        o->failed = true;
        o->error = buf ? EIO : ENOMEM;
        return false;
    }
    *data = buf;
    *len = off;
    return true;
}

bool pd_output_failed(const pd_output *o)
{
    return o && o->failed;
}

static pd_status fail(pd_ctx *ctx, pd_output *o, const char *what, int err)
{
    pd_diag_raise(ctx, PD_ERROR, o->path ? o->path : "<stdout>", 0, 0, "%s: %s", what,
                  strerror(err));
    pd_output_abort(o);
    return PD_ERR_SYSTEM;
}

pd_status pd_output_prepare(pd_ctx *ctx, pd_output *o)
{
    if (o->failed)
        return fail(ctx, o, "cannot write", o->error);
    if (o->held || o->prepared)
        return PD_OK;
    if (!flush_pending(o))
        return fail(ctx, o, "cannot write", o->error);
    if (fsync(o->fd) != 0)
        return fail(ctx, o, "cannot write", errno); /* a full disk may show only here (NFS) */
    int fd = o->fd;
    o->fd = -1;
    if (close(fd) != 0)
        return fail(ctx, o, "cannot write", errno);
    o->prepared = true;
    return PD_OK;
}

pd_status pd_output_commit(pd_ctx *ctx, pd_output *o)
{
    if (o->failed)
        return fail(ctx, o, "cannot write", o->error);
    pd_status refused = pd_ctx_commit_check(ctx);
    if (refused != PD_OK) {
        pd_output_abort(o);
        return refused;
    }
    if (o->held) {
        int fd = o->path ? open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC) : STDOUT_FILENO;
        if (fd < 0)
            return fail(ctx, o, "cannot write", errno);
        size_t off = 0;
        while (off < o->mem.len) {
            ssize_t n = write(fd, o->mem.data + off, o->mem.len - off);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                int err = n < 0 ? errno : EIO;
                if (o->path)
                    close(fd);
                return fail(ctx, o, o->path ? "cannot write" : "cannot write to standard output",
                            err);
            }
            off += (size_t)n;
        }
        if (o->path && close(fd) != 0)
            return fail(ctx, o, "cannot write", errno);
        pd_output_abort(o);
        return PD_OK;
    }
    pd_status st = pd_output_prepare(ctx, o);
    if (st != PD_OK)
        return st;
    if (rename(o->tmp, o->path) != 0)
        return fail(ctx, o, "cannot rename the finished file into place", errno);
    live_remove(o->tmp);
    o->made = false; /* nothing left to remove */
    int dfd = open(o->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd); /* makes the rename durable; some file systems refuse, which is harmless */
        close(dfd);
    }
    pd_output_abort(o);
    return PD_OK;
}

void pd_output_abort(pd_output *o)
{
    if (!o)
        return;
    if (o->fd >= 0)
        close(o->fd);
    if (o->made) {
        unlink(o->tmp); /* only the file this output made */
        live_remove(o->tmp);
    }
    pd_buf_free(&o->mem);
    free(o->pending);
    free(o->tmp);
    free(o->path);
    free(o->dir);
    free(o);
}

/* ---- in memory: the PDF of pd_render_memory, never a file ---- */

pd_status pd_output_open_memory(pd_ctx *ctx, pd_output **out)
{
    pd_output *o = calloc(1, sizeof *o);
    if (!o) {
        *out = NULL;
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    o->fd = -1;
    o->held = true; /* everything goes to o->mem; path stays NULL */
    pd_buf_init(&o->mem, (size_t)1 << 31);
    *out = o;
    return PD_OK;
}

pd_status pd_output_take(pd_ctx *ctx, pd_output *o, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    if (o->failed) {
        pd_error(ctx, "cannot hold the PDF in memory: %s", strerror(o->error));
        pd_output_abort(o);
        return PD_ERR_SYSTEM;
    }
    *data = o->mem.data ? o->mem.data : calloc(1, 1);
    *len = o->mem.len;
    o->mem.data = NULL; /* the caller's now */
    pd_output_abort(o);
    if (!*data) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    return PD_OK;
}
