/* ctx.h — the context every library call takes: options, diagnostics, per-process caches. */
#ifndef PD_CTX_H
#define PD_CTX_H

#include "phasedoc.h"

#include <stdarg.h>
#include <stdbool.h>

typedef struct pd_cache pd_cache;

struct pd_ctx {
    char *data_dir;
    pd_diag_fn diag_fn;
    void *diag_user;
    pd_diag *diags;
    size_t ndiags, capdiags;
    int nerrors;
    pd_cache *cache; /* stylesheets, schemas, fonts: loaded once, freed with the context */
    bool strict;     /* warnings are raised as errors (pd_ctx_set_strict) */
    pd_status (*commit_check)(pd_ctx *ctx, void *user); /* see pd_ctx_set_commit_check */
    void *commit_check_user;
    int muted; /* pd_ctx_mute depth: diagnostics are dropped while > 0 */
};

/* The one place every diagnostic is raised: set a breakpoint here. */
void pd_diag_raise(pd_ctx *ctx, pd_severity sev, const char *file, int line, int column,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void pd_diag_raisev(pd_ctx *ctx, pd_severity sev, const char *file, int line, int column,
                    const char *fmt, va_list ap);

/* Shorthand for an error without a position. */
#define pd_error(ctx, ...) pd_diag_raise((ctx), PD_ERROR, NULL, 0, 0, __VA_ARGS__)

/* One library call at a time per process. libxml2's error and entity handlers, the XSLT
 * stage's environment and memory cap, and fontconfig's configuration (FONTCONFIG_FILE) are
 * process-wide, so two calls running at once in two threads would mix their diagnostics and
 * limits. Every public operation enters here: a call from a second thread while one runs is
 * refused (PD_ERR_USAGE, with a diagnostic) instead of corrupting the first. Re-entry from the
 * same thread (an operation built on another, a forked batch worker) is allowed. */
bool pd_call_enter(pd_ctx *ctx);
void pd_call_leave(void);
/* pd_call_leave for an operation that ended with st: when memory ran out anywhere in the
 * call (pd_oom_seen), "out of memory" and PD_ERR_SYSTEM instead. */
pd_status pd_call_leave_status(pd_ctx *ctx, pd_status st);

/* A last word before any finished output replaces what was there: check (raising its own
 * error) returns non-PD_OK to have the output thrown away instead. A batch worker refuses a
 * document that went past its memory limit this way, however quickly it was made. NULL: none. */
void pd_ctx_set_commit_check(pd_ctx *ctx, pd_status (*check)(pd_ctx *ctx, void *user),
                             void *user);
pd_status pd_ctx_commit_check(pd_ctx *ctx);

/* Drops every diagnostic between pd_ctx_mute(ctx, true) and the matching false: for a look
 * ahead whose problems the real run will report (nested calls nest). */
void pd_ctx_mute(pd_ctx *ctx, bool mute);

/* Errors raised since the context was created or cleared. */
int pd_ctx_error_count(const pd_ctx *ctx);

/* "<data dir>/<rel>", malloc'd. */
char *pd_data_path(const pd_ctx *ctx, const char *rel);

#endif
