/* wire.c — requests to a serve worker and its replies, as length-prefixed messages over a
 * stream socket. Both ends are our own processes, but a worker that dies mid-message must
 * not make the server read garbage: every length is checked against a limit. */
#include "serve.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { REQUEST_MAGIC = 0x51534450u, REPLY_MAGIC = 0x52534450u }; /* "PDSQ", "PDSR" */
enum { MAX_FIELD = 4096 };
#define MAX_BODY ((uint64_t)256 << 20)
#define MAX_OUTPUT ((uint64_t)1 << 30)

typedef struct {
    uint32_t magic, op, page, kind_len, lang_len, brand_len, format_len, pad;
    uint64_t body_len;
} request_head;

typedef struct {
    uint32_t magic;
    int32_t status, pages;
    uint32_t name_len, diag_len, pad;
    uint64_t output_len;
} reply_head;

static bool write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

static bool read_all(int fd, void *data, size_t len)
{
    char *p = data;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0)
            errno = EPIPE;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

static size_t len_of(const char *s) { return s ? strlen(s) : 0; }

bool sv_request_send(int fd, const sv_request *q)
{
    const char *f[4] = {q->kind, q->lang, q->brand, q->format};
    request_head h = {.magic = REQUEST_MAGIC, .op = (uint32_t)q->op, .page = q->page,
                      .kind_len = (uint32_t)len_of(f[0]), .lang_len = (uint32_t)len_of(f[1]),
                      .brand_len = (uint32_t)len_of(f[2]), .format_len = (uint32_t)len_of(f[3]),
                      .body_len = q->body_len};
    if (!write_all(fd, &h, sizeof h))
        return false;
    for (int i = 0; i < 4; i++)
        if (f[i] && !write_all(fd, f[i], strlen(f[i])))
            return false;
    return write_all(fd, q->body, q->body_len);
}

bool sv_request_recv(int fd, sv_request *q, char **buf)
{
    request_head h;
    *buf = NULL;
    if (!read_all(fd, &h, sizeof h))
        return false;
    uint32_t lens[4] = {h.kind_len, h.lang_len, h.brand_len, h.format_len};
    size_t total = 0;
    for (int i = 0; i < 4; i++) {
        if (lens[i] > MAX_FIELD) {
            errno = EPROTO;
            return false;
        }
        total += lens[i] + 1;
    }
    if (h.magic != REQUEST_MAGIC || h.body_len > MAX_BODY ||
        (h.op != SV_RENDER && h.op != SV_VALIDATE)) {
        errno = EPROTO;
        return false;
    }
    char *b = malloc(total + (size_t)h.body_len + 1);
    if (!b)
        return false;
    char *p = b;
    const char **dst[4] = {&q->kind, &q->lang, &q->brand, &q->format};
    for (int i = 0; i < 4; i++) {
        if (!read_all(fd, p, lens[i])) {
            free(b);
            return false;
        }
        p[lens[i]] = '\0';
        *dst[i] = p;
        p += lens[i] + 1;
    }
    if (!read_all(fd, p, (size_t)h.body_len)) {
        free(b);
        return false;
    }
    p[h.body_len] = '\0';
    q->op = (sv_op)h.op;
    q->page = h.page;
    q->body = p;
    q->body_len = (size_t)h.body_len;
    *buf = b;
    return true;
}

bool sv_reply_send(int fd, const sv_reply *r)
{
    reply_head h = {.magic = REPLY_MAGIC, .status = r->status, .pages = r->pages,
                    .name_len = (uint32_t)len_of(r->name),
                    .diag_len = (uint32_t)len_of(r->diagnostics), .output_len = r->output_len};
    return write_all(fd, &h, sizeof h) && write_all(fd, r->name, h.name_len) &&
           write_all(fd, r->diagnostics, h.diag_len) && write_all(fd, r->output, r->output_len);
}

static char *read_string(int fd, uint32_t len)
{
    char *s = malloc((size_t)len + 1);
    if (s && !read_all(fd, s, len)) {
        free(s);
        return NULL;
    }
    if (s)
        s[len] = '\0';
    return s;
}

bool sv_reply_recv(int fd, sv_reply *r, int timeout_ms, bool *timed_out)
{
    memset(r, 0, sizeof *r);
    *timed_out = false;
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    int n;
    do
        n = poll(&pfd, 1, timeout_ms);
    while (n < 0 && errno == EINTR);
    if (n == 0) {
        *timed_out = true;
        return false;
    }
    reply_head h;
    if (n < 0 || !read_all(fd, &h, sizeof h))
        return false;
    if (h.magic != REPLY_MAGIC || h.name_len > MAX_FIELD || h.diag_len > (64u << 20) ||
        h.output_len > MAX_OUTPUT) {
        errno = EPROTO;
        return false;
    }
    r->status = h.status;
    r->pages = h.pages;
    r->name = read_string(fd, h.name_len);
    r->diagnostics = r->name ? read_string(fd, h.diag_len) : NULL;
    r->output = r->diagnostics ? malloc((size_t)h.output_len + 1) : NULL;
    if (!r->output || !read_all(fd, r->output, (size_t)h.output_len)) {
        sv_reply_clear(r);
        return false;
    }
    r->output_len = (size_t)h.output_len;
    return true;
}

void sv_reply_clear(sv_reply *r)
{
    free(r->name);
    free(r->diagnostics);
    free(r->output);
    memset(r, 0, sizeof *r);
}
