/* serve.h — phasedoc serve: documents over HTTP, rendered by warm forked worker processes. */
#ifndef PD_SERVE_H
#define PD_SERVE_H

#include "phasedoc.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- the conversation with a worker (wire.c) ------------------------------------------- */

typedef enum { SV_RENDER = 1, SV_VALIDATE = 2 } sv_op;

/* What a request asks of a worker. Strings are borrowed; "" means "not given". */
typedef struct {
    sv_op op;
    const char *kind, *lang, *brand, *format; /* format: "pdf" or "png" */
    uint32_t page;                            /* png: the page wanted (1-based) */
    const char *body;
    size_t body_len;
} sv_request;

/* What a worker answers. Everything malloc'd: sv_reply_clear frees it. */
typedef struct {
    int32_t status;    /* a pd_status */
    int32_t pages;
    char *name;        /* the output name batch would give it ({id}-{kind}.pdf) */
    char *diagnostics; /* a JSON array of {severity, line, column, message} */
    char *output;      /* the PDF or PNG bytes */
    size_t output_len;
} sv_reply;

void sv_reply_clear(sv_reply *r);

/* Whole messages over a stream socket; false on EOF or error (errno set). A request's strings
 * arrive in buf (malloc'd, owned by the caller) and point into it. */
bool sv_request_send(int fd, const sv_request *q);
bool sv_request_recv(int fd, sv_request *q, char **buf);
bool sv_reply_send(int fd, const sv_reply *r);
/* Waits at most timeout_ms (< 0: no limit) for the start of a reply: false and *timed_out
 * when none came in time. */
bool sv_reply_recv(int fd, sv_reply *r, int timeout_ms, bool *timed_out);

/* ---- workers (worker.c, pool.c) --------------------------------------------------------- */

typedef struct {
    int workers;          /* -j */
    double timeout;       /* seconds per request */
    long max_rss_mb;      /* resident memory per worker; 0: none */
    int queue;            /* requests that may wait for a worker */
    const char *brand;    /* the brand warmed for (NULL: default) */
} sv_pool_opts;

typedef struct sv_pool sv_pool;

/* Starts the zygote (a warmed process that forks workers on request) and the workers.
 * Must run before any thread is started. NULL with a message on stderr on failure. */
sv_pool *sv_pool_start(pd_ctx *ctx, const sv_pool_opts *opts);
/* Stops every worker and the zygote, and frees the pool: no thread may be using it. */
void sv_pool_stop(sv_pool *p);
/* Fails what waits for a worker or a reply now, and starts no more workers (threads may still
 * be inside sv_pool_run: they return SV_STOPPING or SV_CRASHED). */
void sv_pool_shutdown(sv_pool *p);

typedef enum {
    SV_DONE,      /* the worker answered: see the reply */
    SV_BUSY,      /* the queue is full */
    SV_TIMEOUT,   /* the render took longer than the timeout: the worker was replaced */
    SV_CRASHED,   /* the worker died or broke its memory limit: it was replaced */
    SV_STOPPING   /* the server is shutting down */
} sv_outcome;

/* Runs one request on a free worker, waiting for one if all are busy (unless the queue is
 * full). Thread-safe. */
sv_outcome sv_pool_run(sv_pool *p, const sv_request *q, sv_reply *r);

/* Replaces every worker once it is idle, by workers of a freshly warmed zygote (SIGHUP:
 * brand packs read again). */
void sv_pool_reload(sv_pool *p);

typedef struct {
    int workers_ready, busy, waiting;
    unsigned long restarts;
} sv_pool_stats;

void sv_pool_stats_get(sv_pool *p, sv_pool_stats *s);

/* The worker's side: answers requests on fd until it closes (worker.c). */
void sv_worker_main(pd_ctx *ctx, int fd);

/* ---- metrics (metrics.c) ---------------------------------------------------------------- */

typedef struct sv_metrics sv_metrics;

sv_metrics *sv_metrics_new(void);
void sv_metrics_free(sv_metrics *m);
/* Counts one answered request; seconds is its latency. Thread-safe. */
void sv_metrics_count(sv_metrics *m, const char *route, int http_status, double seconds);
/* The Prometheus text exposition of everything counted, plus the pool's gauges. */
bool sv_metrics_text(sv_metrics *m, const sv_pool_stats *pool, pd_buf *out);

/* ---- small pieces shared by the HTTP side (http.c) -------------------------------------- */

/* Constant-time comparison of a presented token with the expected one. */
bool sv_token_equal(const char *presented, const char *expected);
/* A brand, kind or language given in a query: letters, digits, '-' and '_' only, 1–64. */
bool sv_plain_name(const char *s);
/* "ADDR:PORT" or "[ADDR6]:PORT" into a socket address; false if malformed. */
bool sv_parse_listen(const char *s, void *sockaddr_storage, size_t *len);

typedef struct {
    const char *listen;
    const char *token;      /* NULL: no token required */
    size_t max_body;        /* bytes */
    unsigned max_connections;
    unsigned client_timeout; /* seconds a connection may stay idle or slow */
    double drain;            /* seconds SIGTERM waits for requests in flight */
    const char *page_path;   /* the try-it page */
    const char *starter;     /* the project the page starts with */
    const char **brand_dirs; /* folders of brand packs offered by name, NULL-terminated */
} sv_http_opts;

/* Serves until *stop becomes true (signal handlers set it); *reload asks for sv_pool_reload.
 * Returns a process exit code. */
int sv_http_run(const sv_http_opts *o, sv_pool *pool, sv_metrics *m,
                volatile int *stop, volatile int *reload);

#endif
