/* cmd_serve.c — phasedoc serve: the command line of the HTTP service (src/serve). */
#include "tool.h"

#include "serve.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
    "usage: phasedoc serve [--listen ADDRESS:PORT] [-j N] [--timeout SECONDS] [--max-rss MB]\n"
    "                      [--queue N] [--max-body MB] [--max-connections N]\n"
    "                      [--client-timeout SECONDS] [--drain SECONDS] [--token-file FILE]\n"
    "                      [--brand-dir DIR]... [-b BRAND]\n"
    "\n"
    "Renders documents over HTTP. Requests are rendered by N warm worker processes, as in\n"
    "'phasedoc batch': a crash, a hang past --timeout or the memory limit fails that request\n"
    "only, and the worker is replaced. Open http://ADDRESS:PORT/ in a browser to try it.\n"
    "\n"
    "  --listen A:P        address and port (default 127.0.0.1:8080: this machine only);\n"
    "                      [::1]:8080 for IPv6, 0.0.0.0:8080 for every interface\n"
    "  -j N                worker processes (default: the number of online cores)\n"
    "  --timeout S         seconds a render may take before it fails with 504 (default 30)\n"
    "  --max-rss MB        resident memory a worker may reach while rendering; past it the\n"
    "                      request fails with 500 and the worker is replaced (default 1024;\n"
    "                      0: none)\n"
    "  --queue N           requests that may wait for a worker; more get 503 with Retry-After\n"
    "                      (default 64)\n"
    "  --max-body MB       largest request body (default 8); larger ones get 413 unread\n"
    "  --max-connections N open connections at once (default 1024)\n"
    "  --client-timeout S  seconds a connection may stay idle or keep sending (default 15)\n"
    "  --drain S           on SIGTERM or Ctrl-C, seconds to finish the requests in flight\n"
    "                      (default 10); then the server exits 0\n"
    "  --token-file FILE   require 'Authorization: Bearer TOKEN' (the file's first line) on\n"
    "                      every route but / and /healthz\n"
    "  --brand-dir DIR     offer the brand packs in DIR (DIR/NAME/brand.xml) by NAME, beside\n"
    "                      the installed ones; repeatable. Requests name packs, never paths.\n"
    "  -b BRAND            the brand whose resources the workers load in advance\n"
    "\n"
    "routes: POST /v1/render?kind=KIND&lang=LANG&brand=NAME[&format=png&page=N] (body: the\n"
    "project description, application/xml), POST /v1/validate, GET /v1/brands, GET /v1/kinds,\n"
    "GET /healthz, GET /metrics, GET / (a page to try it). Errors are JSON:\n"
    "{\"status\": N, \"diagnostics\": [{\"severity\", \"line\", \"column\", \"message\"}]}.\n"
    "SIGHUP reads the brand packs (and the list of them) and the stylesheets again.\n"
    "\n"
    "exit codes: 0 stopped by SIGTERM or SIGINT; 2 usage; 3 cannot listen or start workers.\n";

static volatile int stop_requested, reload_requested;

static void on_stop(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void on_hup(int sig)
{
    (void)sig;
    reload_requested = 1;
}

static bool number(const char *s, double lo, double hi, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return !errno && end != s && !*end && *v >= lo && *v <= hi;
}

static char *read_token(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "phasedoc serve: %s: cannot read the token: %s\n", path, strerror(errno));
        return NULL;
    }
    char line[1024];
    char *t = fgets(line, sizeof line, f) ? pd_strndup(line, strcspn(line, "\r\n")) : NULL;
    fclose(f);
    if (!t || strlen(t) < 16) {
        fprintf(stderr, "phasedoc serve: %s: the token must be at least 16 characters\n", path);
        free(t);
        return NULL;
    }
    return t;
}

int cmd_serve(pd_ctx *ctx, int argc, char **argv)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    sv_pool_opts po = {.workers = cores > 0 ? (int)cores : 1, .timeout = 30, .max_rss_mb = 1024,
                       .queue = 64};
    sv_http_opts ho = {.listen = "127.0.0.1:8080", .max_body = 8u << 20,
                       .max_connections = 1024, .client_timeout = 15, .drain = 10};
    const char *token_file = NULL;
    const char *brand_dirs[17] = {NULL};
    int rc = PD_ERR_USAGE;
    char *token = NULL, *starter = NULL;
    int nbrand_dirs = 1; /* [0]: the data folder's packs */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(help, stdout);
            rc = 0;
            goto out;
        }
        if (i + 1 >= argc) {
            rc = tool_usage_error("serve: unknown option or missing value: %s", a);
            goto out;
        }
        const char *v = argv[++i];
        double x;
        if (strcmp(a, "--listen") == 0)
            ho.listen = v;
        else if (strcmp(a, "-j") == 0 && number(v, 1, 256, &x))
            po.workers = (int)x;
        else if (strcmp(a, "--timeout") == 0 && number(v, 0.1, 86400, &x))
            po.timeout = x;
        else if (strcmp(a, "--max-rss") == 0 && number(v, 0, 1 << 20, &x))
            po.max_rss_mb = (long)x;
        else if (strcmp(a, "--queue") == 0 && number(v, 0, 100000, &x))
            po.queue = (int)x;
        else if (strcmp(a, "--max-body") == 0 && number(v, 0.001, 1024, &x))
            ho.max_body = (size_t)(x * 1024 * 1024);
        else if (strcmp(a, "--max-connections") == 0 && number(v, 1, 100000, &x))
            ho.max_connections = (unsigned)x;
        else if (strcmp(a, "--client-timeout") == 0 && number(v, 1, 3600, &x))
            ho.client_timeout = (unsigned)x;
        else if (strcmp(a, "--drain") == 0 && number(v, 0, 3600, &x))
            ho.drain = x;
        else if (strcmp(a, "--brand-dir") == 0 && nbrand_dirs < 16) {
            /* absolute: workers run in folders of their own */
            char *abs = realpath(v, NULL);
            if (!abs) {
                fprintf(stderr, "phasedoc serve: --brand-dir %s: %s\n", v, strerror(errno));
                rc = PD_ERR_USAGE;
                goto out;
            }
            brand_dirs[nbrand_dirs++] = abs;
        }
        else if (strcmp(a, "--token-file") == 0)
            token_file = v;
        else if (strcmp(a, "-b") == 0 && sv_plain_name(v))
            po.brand = v;
        else {
            rc = tool_usage_error("serve: %s %s: unknown option or wrong value (see "
                                  "phasedoc serve --help)", a, v);
            goto out;
        }
    }
    struct sockaddr_storage probe;
    size_t plen;
    if (!sv_parse_listen(ho.listen, &probe, &plen)) {
        rc = tool_usage_error("serve: --listen %s: write ADDRESS:PORT, e.g. 127.0.0.1:8080",
                              ho.listen);
        goto out;
    }
    if (token_file && !(token = read_token(token_file)))
        goto out;
    ho.token = token;

    char path[4096];
    snprintf(path, sizeof path, "%s/web/try.html", pd_ctx_data_dir(ctx));
    ho.page_path = path;
    size_t starter_len = 0;
    FILE *mem = open_memstream(&starter, &starter_len);
    if (mem) {
        pd_print_starter(ctx, mem);
        fclose(mem);
    }
    ho.starter = starter;
    char builtin[4096];
    snprintf(builtin, sizeof builtin, "%s/templates/brands", pd_ctx_data_dir(ctx));
    brand_dirs[0] = builtin;
    ho.brand_dirs = brand_dirs;

    struct sigaction sa = {0};
    sa.sa_handler = on_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_hup;
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    /* the workers first: nothing may fork once the HTTP threads run */
    rc = PD_ERR_SYSTEM;
    sv_metrics *m = sv_metrics_new();
    sv_pool *pool = m ? sv_pool_start(ctx, &po) : NULL;
    if (pool)
        rc = sv_http_run(&ho, pool, m, &stop_requested, &reload_requested);
    sv_pool_stop(pool);
    sv_metrics_free(m);
out:
    for (int i = 1; i < nbrand_dirs; i++)
        free((char *)brand_dirs[i]);
    free(starter);
    free(token);
    return rc;
}
