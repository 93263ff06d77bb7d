/* test_global.c — the process-wide state is honest: one phasedoc call at a time per process
 * (phasedoc.h), and a call from a second thread while one runs is refused, not mixed in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "ctx.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    pd_ctx *ctx;
    pthread_mutex_t m;
    pthread_cond_t c;
    int stage; /* 1: the holder is inside a call; 2: it may leave */
} hold;

static void *holder(void *arg)
{
    hold *h = arg;
    assert_true(pd_call_enter(h->ctx)); /* as a render in progress would */
    pthread_mutex_lock(&h->m);
    h->stage = 1;
    pthread_cond_broadcast(&h->c);
    while (h->stage != 2)
        pthread_cond_wait(&h->c, &h->m);
    pthread_mutex_unlock(&h->m);
    pd_call_leave();
    return NULL;
}

static void second_thread_refused(void **state)
{
    (void)state;
    hold h = {pd_ctx_new(), PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
    pd_ctx *mine = pd_ctx_new();
    assert_non_null(h.ctx);
    assert_non_null(mine);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, holder, &h), 0);
    pthread_mutex_lock(&h.m);
    while (h.stage != 1)
        pthread_cond_wait(&h.c, &h.m);
    pthread_mutex_unlock(&h.m);

    /* while the other thread is inside a call, this one is refused with a reason */
    assert_int_equal(pd_validate_file(mine, "/nonexistent/x.xml"), PD_ERR_USAGE);
    assert_int_equal(pd_ctx_diag_count(mine), 1);
    assert_non_null(strstr(pd_ctx_diag(mine, 0)->message, "one at a time"));

    pthread_mutex_lock(&h.m);
    h.stage = 2;
    pthread_cond_broadcast(&h.c);
    pthread_mutex_unlock(&h.m);
    pthread_join(t, NULL);

    /* afterwards the call runs (and finds no file: an input error, not a refusal) */
    pd_ctx_clear_diags(mine);
    assert_int_equal(pd_validate_file(mine, "/nonexistent/x.xml"), PD_ERR_INPUT);
    pd_ctx_free(mine);
    pd_ctx_free(h.ctx);
}

static void same_thread_reenters(void **state)
{
    (void)state;
    pd_ctx *ctx = pd_ctx_new();
    assert_true(pd_call_enter(ctx));
    /* an operation built on another (a batch worker renders inside pd_batch_run) */
    assert_int_equal(pd_validate_file(ctx, "/nonexistent/x.xml"), PD_ERR_INPUT);
    pd_call_leave();
    pd_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(second_thread_refused),
        cmocka_unit_test(same_thread_reenters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
