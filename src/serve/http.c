/* http.c — serve's HTTP side on GNU libmicrohttpd: routes, limits, the bearer token, JSON
 * errors. These threads never call the rendering library: a render or a validation is a
 * message to a worker process (pool.c). */
#include "serve.h"

#include "batch.h"

#include <arpa/inet.h>
#include <errno.h>
#include <dirent.h>
#include <microhttpd.h>
#include <pthread.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* The brand packs a request may name: NAME → folder. Read at start and on SIGHUP. */
typedef struct {
    pthread_mutex_t lock;
    char **names, **paths;
    size_t n;
} brand_list;

typedef struct {
    const sv_http_opts *o;
    brand_list brands;
    sv_pool *pool;
    sv_metrics *metrics;
    char *page; /* the try-it page, the starter filled in */
    size_t page_len;
    atomic_int in_flight;
} server;

/* One request being received. */
typedef struct {
    pd_buf body;
    double start;
    bool too_big;
    size_t dropped; /* bytes of a too large chunked body read and thrown away */
} request;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool sv_token_equal(const char *presented, const char *expected)
{
    size_t a = strlen(presented), b = strlen(expected);
    unsigned char diff = (unsigned char)(a != b);
    /* the same number of steps whatever matches: the expected token's length */
    for (size_t i = 0; i < b; i++)
        diff |= (unsigned char)((i < a ? (unsigned char)presented[i] : 0) ^ (unsigned char)expected[i]);
    return diff == 0;
}

bool sv_plain_name(const char *s)
{
    size_t n = strlen(s);
    return n >= 1 && n <= 64 &&
           strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

bool sv_parse_listen(const char *s, void *storage, size_t *len)
{
    const char *colon = strrchr(s, ':');
    if (!colon || colon == s)
        return false;
    char *end;
    errno = 0;
    long port = strtol(colon + 1, &end, 10);
    if (errno || *end || port < 1 || port > 65535 || end == colon + 1)
        return false;
    char host[64];
    size_t hl = (size_t)(colon - s);
    if (s[0] == '[') {
        if (hl < 3 || s[hl - 1] != ']' || hl - 2 >= sizeof host)
            return false;
        memcpy(host, s + 1, hl - 2);
        host[hl - 2] = '\0';
        struct sockaddr_in6 *a = storage;
        memset(a, 0, sizeof *a);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        *len = sizeof *a;
        return inet_pton(AF_INET6, host, &a->sin6_addr) == 1;
    }
    if (hl >= sizeof host)
        return false;
    memcpy(host, s, hl);
    host[hl] = '\0';
    if (strcmp(host, "localhost") == 0)
        strcpy(host, "127.0.0.1");
    struct sockaddr_in *a = storage;
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_port = htons((uint16_t)port);
    *len = sizeof *a;
    return inet_pton(AF_INET, host, &a->sin_addr) == 1;
}

/* ---- brand packs ------------------------------------------------------------------------ */

static void brands_clear(brand_list *b)
{
    pd_strv_free(b->names);
    pd_strv_free(b->paths);
    b->names = b->paths = NULL;
    b->n = 0;
}

/* Every DIR/NAME/brand.xml of the folders, the first folder naming a pack winning; sorted by
 * name so that the list reads the same on every machine. */
static void brands_scan(brand_list *b, const char **dirs)
{
    enum { MAX = 256 };
    char **names = calloc(MAX + 1, sizeof *names), **paths = calloc(MAX + 1, sizeof *paths);
    size_t n = 0;
    for (size_t k = 0; names && paths && dirs[k]; k++) {
        DIR *d = opendir(dirs[k]);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL && n < MAX) {
            char f[4400];
            struct stat st;
            snprintf(f, sizeof f, "%s/%s/brand.xml", dirs[k], e->d_name);
            if (!sv_plain_name(e->d_name) || stat(f, &st) != 0)
                continue;
            bool seen = false;
            for (size_t i = 0; i < n && !seen; i++)
                seen = strcmp(names[i], e->d_name) == 0;
            if (seen)
                continue;
            names[n] = pd_strdup(e->d_name);
            /* a pack of the data folder goes by name (so that 'extends' works as on the
             * command line); others by their folder */
            snprintf(f, sizeof f, "%s/%s", dirs[k], e->d_name);
            paths[n] = pd_strdup(k == 0 ? e->d_name : f);
            n++;
        }
        if (d)
            closedir(d);
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
            t = paths[j];
            paths[j] = paths[j - 1];
            paths[j - 1] = t;
        }
    pthread_mutex_lock(&b->lock);
    brands_clear(b);
    b->names = names;
    b->paths = paths;
    b->n = names && paths ? n : 0;
    pthread_mutex_unlock(&b->lock);
}

/* The folder or name to hand the worker for a requested pack (malloc'd), or NULL. */
static char *brand_lookup(brand_list *b, const char *name)
{
    char *r = NULL;
    pthread_mutex_lock(&b->lock);
    for (size_t i = 0; i < b->n && !r; i++)
        if (strcmp(b->names[i], name) == 0)
            r = pd_strdup(b->paths[i]);
    pthread_mutex_unlock(&b->lock);
    return r;
}

/* ---- answers ------------------------------------------------------------------------------ */

static enum MHD_Result send_buf(server *S, struct MHD_Connection *c, const char *route,
                                request *rq, int code, const char *type, char *data, size_t len,
                                bool owned)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        len, data, owned ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!r) {
        if (owned)
            free(data);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (code == MHD_HTTP_SERVICE_UNAVAILABLE || code == 429)
        MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "1");
    if (code == MHD_HTTP_UNAUTHORIZED)
        MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)code, r);
    MHD_destroy_response(r);
    sv_metrics_count(S->metrics, route, code, rq ? now() - rq->start : 0);
    return ok;
}

/* {"status": N, "diagnostics": [...]} */
static enum MHD_Result send_json_error(server *S, struct MHD_Connection *c, const char *route,
                                       request *rq, int code, int status, const char *diags)
{
    pd_buf b;
    pd_buf_init(&b, 64u << 20);
    char head[64];
    snprintf(head, sizeof head, "{\"status\":%d,\"diagnostics\":", status);
    pd_buf_adds(&b, head);
    pd_buf_adds(&b, diags && *diags ? diags : "[]");
    pd_buf_adds(&b, "}\n");
    if (b.failed)
        return MHD_NO;
    return send_buf(S, c, route, rq, code, "application/json", b.data, b.len, true);
}

/* An error the server finds itself (no worker involved): one diagnostic without a line. */
static enum MHD_Result refuse(server *S, struct MHD_Connection *c, const char *route,
                              request *rq, int code, const char *message)
{
    pd_buf d;
    pd_buf_init(&d, 4096);
    pd_buf_adds(&d, "[{\"severity\":\"error\",\"line\":0,\"column\":0,\"message\":");
    pd_json_string(&d, message);
    pd_buf_adds(&d, "}]");
    pd_buf_add(&d, "", 1);
    int status = code >= 500 ? PD_ERR_SYSTEM : PD_ERR_USAGE;
    enum MHD_Result r = send_json_error(S, c, route, rq, code, status, d.failed ? "[]" : d.data);
    pd_buf_free(&d);
    return r;
}

static const char *arg(struct MHD_Connection *c, const char *name)
{
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
    return v ? v : "";
}

static bool known_kind(const char *k)
{
    for (size_t i = 0; pd_kind_name(i); i++)
        if (strcmp(pd_kind_name(i), k) == 0)
            return true;
    return false;
}

static int http_code_of(int status)
{
    return status == PD_OK ? MHD_HTTP_OK
           : status == PD_ERR_SYSTEM ? MHD_HTTP_INTERNAL_SERVER_ERROR
                                     : MHD_HTTP_BAD_REQUEST;
}

/* Sends q to a worker and answers with what came back (or why nothing did). */
static enum MHD_Result run(server *S, struct MHD_Connection *c, const char *route, request *rq,
                           const sv_request *q)
{
    sv_reply r;
    switch (sv_pool_run(S->pool, q, &r)) {
    case SV_DONE:
        break;
    case SV_BUSY:
        return refuse(S, c, route, rq, MHD_HTTP_SERVICE_UNAVAILABLE,
                      "every worker is busy and the queue is full: try again shortly");
    case SV_STOPPING:
        return refuse(S, c, route, rq, MHD_HTTP_SERVICE_UNAVAILABLE, "the server is stopping");
    case SV_TIMEOUT:
        return refuse(S, c, route, rq, MHD_HTTP_GATEWAY_TIMEOUT,
                      "the render took longer than the server's time limit");
    case SV_CRASHED:
        return refuse(S, c, route, rq, MHD_HTTP_INTERNAL_SERVER_ERROR,
                      "the worker rendering this request failed (crash or memory limit); it "
                      "has been replaced");
    }
    enum MHD_Result res;
    if (q->op == SV_VALIDATE) {
        res = send_json_error(S, c, route, rq, MHD_HTTP_OK, r.status, r.diagnostics);
    } else if (r.status != PD_OK) {
        res = send_json_error(S, c, route, rq, http_code_of(r.status), r.status, r.diagnostics);
    } else {
        bool png = strcmp(q->format, "png") == 0;
        struct MHD_Response *resp =
            MHD_create_response_from_buffer(r.output_len, r.output, MHD_RESPMEM_MUST_FREE);
        if (!resp) {
            sv_reply_clear(&r);
            return MHD_NO;
        }
        r.output = NULL; /* the response owns it */
        char disp[600], pages[32];
        snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", r.name ? r.name : "document");
        snprintf(pages, sizeof pages, "%d", r.pages);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                                png ? "image/png" : "application/pdf");
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION, disp);
        MHD_add_response_header(resp, "X-Phasedoc-Pages", pages);
        MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
        res = MHD_queue_response(c, MHD_HTTP_OK, resp);
        MHD_destroy_response(resp);
        sv_metrics_count(S->metrics, route, MHD_HTTP_OK, now() - rq->start);
    }
    sv_reply_clear(&r);
    return res;
}

static enum MHD_Result post(server *S, struct MHD_Connection *c, const char *url, request *rq)
{
    bool render = strcmp(url, "/v1/render") == 0;
    const char *route = render ? "render" : "validate";
    if (rq->too_big) {
        char m[128];
        snprintf(m, sizeof m, "the body is larger than the limit of %zu bytes", S->o->max_body);
        return refuse(S, c, route, rq, MHD_HTTP_CONTENT_TOO_LARGE, m);
    }
    if (rq->body.failed)
        return refuse(S, c, route, rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    sv_request q = {.op = render ? SV_RENDER : SV_VALIDATE, .kind = arg(c, "kind"),
                    .lang = arg(c, "lang"), .brand = arg(c, "brand"), .format = arg(c, "format"),
                    .body = rq->body.data ? rq->body.data : "", .body_len = rq->body.len};
    if (render) {
        if (!*q.kind)
            q.kind = "approval";
        if (!known_kind(q.kind))
            return refuse(S, c, route, rq, MHD_HTTP_BAD_REQUEST,
                          "unknown kind: use offer, concept, implementation or approval");
        if (!*q.format)
            q.format = "pdf";
        if (strcmp(q.format, "pdf") != 0 && strcmp(q.format, "png") != 0)
            return refuse(S, c, route, rq, MHD_HTTP_BAD_REQUEST, "format is pdf or png");
        const char *page = arg(c, "page");
        if (*page) {
            char *end;
            long n = strtol(page, &end, 10);
            if (*end || n < 1 || n > 100000)
                return refuse(S, c, route, rq, MHD_HTTP_BAD_REQUEST,
                              "page is a page number from 1");
            q.page = (uint32_t)n;
        }
    }
    if ((*q.lang && !sv_plain_name(q.lang)) || (*q.brand && !sv_plain_name(q.brand)))
        return refuse(S, c, route, rq, MHD_HTTP_BAD_REQUEST,
                      "lang and brand are names (letters, digits, '-', '_'), never paths");
    if (q.body_len == 0)
        return refuse(S, c, route, rq, MHD_HTTP_BAD_REQUEST,
                      "the body is empty: send the project description as application/xml");
    char *pack = NULL;
    if (*q.brand) {
        if (!(pack = brand_lookup(&S->brands, q.brand))) {
            char m[160];
            snprintf(m, sizeof m, "unknown brand '%s': GET /v1/brands lists the packs", q.brand);
            return refuse(S, c, route, rq, MHD_HTTP_BAD_REQUEST, m);
        }
        q.brand = pack;
    }
    enum MHD_Result res = run(S, c, route, rq, &q);
    free(pack);
    return res;
}

static enum MHD_Result get(server *S, struct MHD_Connection *c, const char *url, request *rq)
{
    if (strcmp(url, "/") == 0)
        return send_buf(S, c, "page", rq, MHD_HTTP_OK, "text/html; charset=utf-8", S->page,
                        S->page_len, false);
    if (strcmp(url, "/healthz") == 0) {
        sv_pool_stats st;
        sv_pool_stats_get(S->pool, &st);
        char *b = malloc(128);
        if (!b)
            return MHD_NO;
        int n = snprintf(b, 128, "{\"status\":\"%s\",\"workers\":%d,\"busy\":%d}\n",
                         st.workers_ready > 0 ? "ok" : "starting", st.workers_ready, st.busy);
        return send_buf(S, c, "healthz", rq,
                        st.workers_ready > 0 ? MHD_HTTP_OK : MHD_HTTP_SERVICE_UNAVAILABLE,
                        "application/json", b, (size_t)n, true);
    }
    if (strcmp(url, "/metrics") == 0) {
        sv_pool_stats st;
        sv_pool_stats_get(S->pool, &st);
        pd_buf b;
        pd_buf_init(&b, 1u << 20);
        if (!sv_metrics_text(S->metrics, &st, &b))
            return MHD_NO;
        return send_buf(S, c, "metrics", rq, MHD_HTTP_OK, "text/plain; version=0.0.4", b.data,
                        b.len, true);
    }
    if (strcmp(url, "/v1/kinds") == 0 || strcmp(url, "/v1/brands") == 0) {
        bool kinds = url[4] == 'k';
        pd_buf b;
        pd_buf_init(&b, 1u << 20);
        pd_buf_adds(&b, kinds ? "{\"kinds\":[" : "{\"brands\":[");
        if (!kinds)
            pthread_mutex_lock(&S->brands.lock);
        for (size_t i = 0;; i++) {
            const char *s = kinds ? pd_kind_name(i) : i < S->brands.n ? S->brands.names[i] : NULL;
            if (!s)
                break;
            if (i)
                pd_buf_adds(&b, ",");
            pd_json_string(&b, s);
        }
        if (!kinds)
            pthread_mutex_unlock(&S->brands.lock);
        pd_buf_adds(&b, "]}\n");
        if (b.failed)
            return MHD_NO;
        return send_buf(S, c, kinds ? "kinds" : "brands", rq, MHD_HTTP_OK, "application/json",
                        b.data, b.len, true);
    }
    return refuse(S, c, "other", rq, MHD_HTTP_NOT_FOUND, "no such resource");
}

static bool is_post_route(const char *url)
{
    return strcmp(url, "/v1/render") == 0 || strcmp(url, "/v1/validate") == 0;
}

static bool authorised(server *S, struct MHD_Connection *c, const char *url)
{
    if (!S->o->token || strcmp(url, "/healthz") == 0 || strcmp(url, "/") == 0)
        return true;
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    if (!h || strncasecmp(h, "Bearer ", 7) != 0)
        return false;
    return sv_token_equal(h + 7, S->o->token);
}

static bool xml_type(const char *t)
{
    if (!t)
        return false;
    size_t n = strcspn(t, "; ");
    return (n == 15 && strncasecmp(t, "application/xml", n) == 0) ||
           (n == 8 && strncasecmp(t, "text/xml", n) == 0);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **state)
{
    server *S = cls;
    request *rq = *state;
    if (!rq) {
        rq = calloc(1, sizeof *rq);
        if (!rq)
            return MHD_NO;
        rq->start = now();
        pd_buf_init(&rq->body, S->o->max_body);
        *state = rq;
        atomic_fetch_add(&S->in_flight, 1);
        /* what can be refused before the body is read is refused now: a 100 MB body is
         * never received */
        bool is_post = strcmp(method, MHD_HTTP_METHOD_POST) == 0;
        bool is_get = strcmp(method, MHD_HTTP_METHOD_GET) == 0 ||
                      strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
        const char *route = is_post_route(url) ? (url[4] == 'r' ? "render" : "validate") : "other";
        if (!authorised(S, c, url))
            return refuse(S, c, route, rq, MHD_HTTP_UNAUTHORIZED,
                          "a bearer token is required (Authorization: Bearer TOKEN)");
        if (is_post_route(url) ? !is_post : !is_get)
            return refuse(S, c, route, rq, MHD_HTTP_METHOD_NOT_ALLOWED,
                          is_post_route(url) ? "use POST" : "use GET");
        if (is_post) {
            if (!xml_type(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                      MHD_HTTP_HEADER_CONTENT_TYPE)))
                return refuse(S, c, route, rq, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
                              "send the project description as Content-Type: application/xml");
            const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                         MHD_HTTP_HEADER_CONTENT_LENGTH);
            if (cl && strtoull(cl, NULL, 10) > S->o->max_body) {
                rq->too_big = true;
                return post(S, c, url, rq);
            }
        }
        return MHD_YES;
    }
    if (*upload_size) {
        /* A chunked body past the limit: libmicrohttpd 0.9.75 cannot answer in the middle of
         * an upload (it closes the connection unanswered), so the rest is read and dropped and
         * 413 comes at its end — up to four times the limit, then the connection is cut. */
        if (rq->too_big || rq->body.len + *upload_size > S->o->max_body) {
            if (!rq->too_big)
                pd_buf_free(&rq->body);
            rq->too_big = true;
            rq->dropped += *upload_size;
            *upload_size = 0;
            return rq->dropped > 4 * S->o->max_body ? MHD_NO : MHD_YES;
        }
        pd_buf_add(&rq->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (is_post_route(url))
        return post(S, c, url, rq);
    return get(S, c, url, rq);
}

static void completed(void *cls, struct MHD_Connection *c, void **state,
                      enum MHD_RequestTerminationCode why)
{
    server *S = cls;
    request *rq = *state;
    if (!rq)
        return;
    pd_buf_free(&rq->body);
    free(rq);
    *state = NULL;
    atomic_fetch_sub(&S->in_flight, 1);
}

/* The page with the starter project in its text area, escaped for HTML. */
static char *make_page(const sv_http_opts *o, size_t *len)
{
    FILE *f = fopen(o->page_path, "rb");
    if (!f) {
        fprintf(stderr, "phasedoc serve: %s: cannot read the page: %s\n", o->page_path,
                strerror(errno));
        return NULL;
    }
    pd_buf t;
    pd_buf_init(&t, 4u << 20);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        pd_buf_add(&t, chunk, n);
    fclose(f);
    pd_buf_add(&t, "", 1);
    if (t.failed)
        return NULL;
    const char *mark = "<!--STARTER-->";
    char *at = strstr(t.data, mark);
    pd_buf out;
    pd_buf_init(&out, 8u << 20);
    pd_buf_add(&out, t.data, at ? (size_t)(at - t.data) : strlen(t.data));
    if (at) {
        for (const char *s = o->starter ? o->starter : ""; *s; s++) {
            if (*s == '<')
                pd_buf_adds(&out, "&lt;");
            else if (*s == '>')
                pd_buf_adds(&out, "&gt;");
            else if (*s == '&')
                pd_buf_adds(&out, "&amp;");
            else
                pd_buf_add(&out, s, 1);
        }
        pd_buf_adds(&out, at + strlen(mark));
    }
    pd_buf_free(&t);
    if (out.failed)
        return NULL;
    *len = out.len;
    return out.data;
}

int sv_http_run(const sv_http_opts *o, sv_pool *pool, sv_metrics *m, volatile int *stop,
                volatile int *reload)
{
    server S = {.o = o, .pool = pool, .metrics = m};
    atomic_init(&S.in_flight, 0);
    pthread_mutex_init(&S.brands.lock, NULL);
    S.page = make_page(o, &S.page_len);
    if (!S.page)
        return PD_ERR_SYSTEM;
    struct sockaddr_storage addr;
    size_t alen;
    if (!sv_parse_listen(o->listen, &addr, &alen)) {
        free(S.page);
        fprintf(stderr, "phasedoc serve: --listen %s: write ADDRESS:PORT, e.g. 127.0.0.1:8080\n",
                o->listen);
        return PD_ERR_USAGE;
    }
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
                     MHD_USE_POLL | MHD_USE_ITC;
    if (addr.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    brands_scan(&S.brands, o->brand_dirs);
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, handle, &S, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_NOTIFY_COMPLETED, completed, &S, MHD_OPTION_CONNECTION_LIMIT,
        o->max_connections, MHD_OPTION_CONNECTION_TIMEOUT, o->client_timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536, MHD_OPTION_THREAD_STACK_SIZE,
        (size_t)(512 * 1024), MHD_OPTION_LISTEN_BACKLOG_SIZE, 256u, MHD_OPTION_END);
    if (!d) {
        int e = errno;
        free(S.page);
        brands_clear(&S.brands);
        fprintf(stderr, "phasedoc serve: cannot listen on %s: %s\n", o->listen,
                e ? strerror(e) : "the address is in use or not available");
        return PD_ERR_SYSTEM;
    }
    fprintf(stderr, "phasedoc serve: listening on http://%s/\n", o->listen);
    while (!*stop) {
        if (*reload) {
            *reload = 0;
            brands_scan(&S.brands, o->brand_dirs);
            sv_pool_reload(pool);
        }
        usleep(100 * 1000);
    }
    /* stop accepting, let what is in flight finish within the drain time */
    MHD_socket ls = MHD_quiesce_daemon(d);
    if (ls != MHD_INVALID_SOCKET)
        close(ls);
    double until = now() + o->drain;
    while (atomic_load(&S.in_flight) > 0 && now() < until)
        usleep(50 * 1000);
    int left = atomic_load(&S.in_flight);
    if (left > 0)
        sv_pool_shutdown(pool); /* so that the threads still waiting for workers return */
    MHD_stop_daemon(d);
    free(S.page);
    brands_clear(&S.brands);
    pthread_mutex_destroy(&S.brands.lock);
    if (left > 0)
        fprintf(stderr, "phasedoc serve: stopped with %d request(s) unfinished after %.0f s\n",
                left, o->drain);
    else
        fprintf(stderr, "phasedoc serve: stopped\n");
    return PD_OK;
}
