/* ctx.c — context lifetime and diagnostics. */
#include "ctx.h"
#include "array.h"
#include "cache.h"
#include "paths.h"
#include "util.h"

#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *pd_status_str(pd_status status)
{
    switch (status) {
    case PD_OK: return "success";
    case PD_ERR_INPUT: return "the input is wrong";
    case PD_ERR_USAGE: return "usage error";
    case PD_ERR_SYSTEM: return "system failure";
    }
    return "unknown status";
}

static atomic_flag call_busy = ATOMIC_FLAG_INIT;
static _Thread_local int call_depth; /* this thread's calls in progress */

bool pd_call_enter(pd_ctx *ctx)
{
    if (call_depth > 0 || !atomic_flag_test_and_set(&call_busy)) {
        if (call_depth++ == 0)
            pd_oom_reset();
        return true;
    }
    pd_error(ctx, "another phasedoc call is running in this process (in another thread): one "
                  "at a time (see phasedoc.h)");
    return false;
}

pd_status pd_call_leave_status(pd_ctx *ctx, pd_status st)
{
    if (call_depth == 1 && pd_oom_seen()) {
        pd_error(ctx, "out of memory");
        st = PD_ERR_SYSTEM;
    }
    pd_call_leave();
    return st;
}

void pd_call_leave(void)
{
    if (call_depth > 0 && --call_depth == 0)
        atomic_flag_clear(&call_busy);
}

void pd_ctx_set_commit_check(pd_ctx *ctx, pd_status (*check)(pd_ctx *ctx, void *user),
                             void *user)
{
    ctx->commit_check = check;
    ctx->commit_check_user = user;
}

pd_status pd_ctx_commit_check(pd_ctx *ctx)
{
    return ctx->commit_check ? ctx->commit_check(ctx, ctx->commit_check_user) : PD_OK;
}

void pd_ctx_mute(pd_ctx *ctx, bool mute)
{
    ctx->muted += mute ? 1 : -1;
}

pd_ctx *pd_ctx_new(void)
{
    pd_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return NULL;
    /* Absolute, so that paths built from it mean the same from any folder (fontconfig, for
     * one, resolves a relative configuration file against its own folder). */
    const char *env = getenv("PHASEDOC_DATA");
    const char *dir = env && *env ? env : pd_default_data_dir();
    char real[PATH_MAX];
    ctx->data_dir = pd_strdup(realpath(dir, real) ? real : dir);
    ctx->cache = pd_cache_new();
    if (!ctx->data_dir || !ctx->cache) {
        pd_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

void pd_ctx_free(pd_ctx *ctx)
{
    if (!ctx)
        return;
    pd_cache_free(ctx->cache);
    pd_ctx_clear_diags(ctx);
    free(ctx->diags);
    free(ctx->data_dir);
    free(ctx);
}

void pd_ctx_set_diag_handler(pd_ctx *ctx, pd_diag_fn fn, void *user)
{
    ctx->diag_fn = fn;
    ctx->diag_user = user;
}

size_t pd_ctx_diag_count(const pd_ctx *ctx) { return ctx->ndiags; }

const pd_diag *pd_ctx_diag(const pd_ctx *ctx, size_t index)
{
    return index < ctx->ndiags ? &ctx->diags[index] : NULL;
}

void pd_ctx_clear_diags(pd_ctx *ctx)
{
    for (size_t i = 0; i < ctx->ndiags; i++) {
        free((char *)ctx->diags[i].file);
        free((char *)ctx->diags[i].message);
    }
    ctx->ndiags = 0;
    ctx->nerrors = 0;
}

int pd_ctx_error_count(const pd_ctx *ctx) { return ctx->nerrors; }

void pd_ctx_set_strict(pd_ctx *ctx, int strict) { ctx->strict = strict != 0; }

const char *pd_ctx_data_dir(const pd_ctx *ctx) { return ctx->data_dir; }

char *pd_data_path(const pd_ctx *ctx, const char *rel)
{
    return pd_strcat3(ctx->data_dir, "/", rel);
}

/* Keeps at most this many diagnostics: a broken file must not exhaust memory with messages. */
enum { MAX_KEPT_DIAGS = 200 };

void pd_diag_raisev(pd_ctx *ctx, pd_severity sev, const char *file, int line, int column,
                    const char *fmt, va_list ap)
{
    if (ctx->muted > 0)
        return;
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    if (sev == PD_WARNING && ctx->strict) { /* like -Werror: still says what it was */
        sev = PD_ERROR;
        snprintf(msg + n, sizeof msg - n, " [--strict]");
    }
    if (sev == PD_ERROR)
        ctx->nerrors++;
    pd_diag d = {sev, file, line, column, msg};
    if (ctx->diag_fn)
        ctx->diag_fn(&d, ctx->diag_user);
    if (ctx->ndiags >= MAX_KEPT_DIAGS)
        return;
    pd_diag *p = pd_array_grow(ctx->diags, &ctx->capdiags, ctx->ndiags + 1, sizeof *p);
    if (!p)
        return;
    ctx->diags = p;
    d.file = file ? pd_strdup(file) : NULL;
    d.message = pd_strdup(msg);
    ctx->diags[ctx->ndiags++] = d;
}

void pd_diag_raise(pd_ctx *ctx, pd_severity sev, const char *file, int line, int column,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pd_diag_raisev(ctx, sev, file, line, column, fmt, ap);
    va_end(ap);
}

void pd_diag_format(const pd_diag *d, char *buf, size_t size)
{
    static const char *const sev[] = {"note", "warning", "error"};
    char where[512] = "";
    if (d->file && d->line > 0 && d->column > 0)
        snprintf(where, sizeof where, "%s:%d:%d: ", d->file, d->line, d->column);
    else if (d->file && d->line > 0)
        snprintf(where, sizeof where, "%s:%d: ", d->file, d->line);
    else if (d->file)
        snprintf(where, sizeof where, "%s: ", d->file);
    snprintf(buf, size, "%s%s: %s", where, sev[d->severity], d->message ? d->message : "");
}
