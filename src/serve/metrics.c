/* metrics.c — what `GET /metrics` shows, in the Prometheus text exposition format: requests by
 * route and status, a latency histogram per route, and the pool's gauges. */
#include "serve.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_SERIES = 64, NBUCKETS = 12 };

/* Upper bounds of the latency buckets, in seconds (+Inf is implied). */
static const double bounds[NBUCKETS] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                        0.5,   1,    2.5,   5,    10,  30};

typedef struct {
    char route[32];
    int status;
    unsigned long count;
} counter;

typedef struct {
    char route[32];
    unsigned long buckets[NBUCKETS]; /* not cumulative; summed when printed */
    unsigned long count;
    double sum;
} histogram;

struct sv_metrics {
    pthread_mutex_t lock;
    counter c[MAX_SERIES];
    int nc;
    histogram h[MAX_SERIES];
    int nh;
};

sv_metrics *sv_metrics_new(void)
{
    sv_metrics *m = calloc(1, sizeof *m);
    if (m)
        pthread_mutex_init(&m->lock, NULL);
    return m;
}

void sv_metrics_free(sv_metrics *m)
{
    if (!m)
        return;
    pthread_mutex_destroy(&m->lock);
    free(m);
}

void sv_metrics_count(sv_metrics *m, const char *route, int http_status, double seconds)
{
    pthread_mutex_lock(&m->lock);
    int i = 0;
    while (i < m->nc && !(m->c[i].status == http_status && strcmp(m->c[i].route, route) == 0))
        i++;
    if (i == m->nc && m->nc < MAX_SERIES) {
        snprintf(m->c[i].route, sizeof m->c[i].route, "%s", route);
        m->c[i].status = http_status;
        m->nc++;
    }
    if (i < m->nc)
        m->c[i].count++;
    int j = 0;
    while (j < m->nh && strcmp(m->h[j].route, route) != 0)
        j++;
    if (j == m->nh && m->nh < MAX_SERIES) {
        snprintf(m->h[j].route, sizeof m->h[j].route, "%s", route);
        m->nh++;
    }
    if (j < m->nh) {
        histogram *h = &m->h[j];
        int b = 0;
        while (b < NBUCKETS && seconds > bounds[b])
            b++;
        if (b < NBUCKETS)
            h->buckets[b]++;
        h->count++;
        h->sum += seconds;
    }
    pthread_mutex_unlock(&m->lock);
}

static void line(pd_buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void line(pd_buf *out, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        pd_buf_add(out, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

bool sv_metrics_text(sv_metrics *m, const sv_pool_stats *pool, pd_buf *out)
{
    pthread_mutex_lock(&m->lock);
    line(out, "# HELP phasedoc_requests_total HTTP requests answered, by route and status.\n"
              "# TYPE phasedoc_requests_total counter\n");
    for (int i = 0; i < m->nc; i++)
        line(out, "phasedoc_requests_total{route=\"%s\",status=\"%d\"} %lu\n", m->c[i].route,
             m->c[i].status, m->c[i].count);
    line(out, "# HELP phasedoc_request_seconds Time from the request's arrival to its answer.\n"
              "# TYPE phasedoc_request_seconds histogram\n");
    for (int j = 0; j < m->nh; j++) {
        const histogram *h = &m->h[j];
        unsigned long cum = 0;
        for (int b = 0; b < NBUCKETS; b++) {
            cum += h->buckets[b];
            line(out, "phasedoc_request_seconds_bucket{route=\"%s\",le=\"%g\"} %lu\n", h->route,
                 bounds[b], cum);
        }
        line(out, "phasedoc_request_seconds_bucket{route=\"%s\",le=\"+Inf\"} %lu\n", h->route,
             h->count);
        line(out, "phasedoc_request_seconds_sum{route=\"%s\"} %.6f\n", h->route, h->sum);
        line(out, "phasedoc_request_seconds_count{route=\"%s\"} %lu\n", h->route, h->count);
    }
    pthread_mutex_unlock(&m->lock);
    line(out, "# HELP phasedoc_queue_length Requests waiting for a worker.\n"
              "# TYPE phasedoc_queue_length gauge\nphasedoc_queue_length %d\n",
         pool->waiting);
    line(out, "# HELP phasedoc_workers Worker processes ready, and busy rendering.\n"
              "# TYPE phasedoc_workers gauge\nphasedoc_workers{state=\"ready\"} %d\n"
              "phasedoc_workers{state=\"busy\"} %d\n",
         pool->workers_ready, pool->busy);
    line(out, "# HELP phasedoc_worker_restarts_total Workers replaced after a crash, a timeout "
              "or the memory limit.\n# TYPE phasedoc_worker_restarts_total counter\n"
              "phasedoc_worker_restarts_total %lu\n",
         pool->restarts);
    return !out->failed;
}
