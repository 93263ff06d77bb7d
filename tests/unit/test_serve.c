/* test_serve.c — serve's pieces that need no server: the worker wire format, the token
 * comparison, names from queries, --listen, the metrics text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "serve.h"

#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void test_request_round_trip(void **state)
{
    (void)state;
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    sv_request q = {.op = SV_RENDER, .kind = "offer", .lang = "de-CH", .brand = "", .format = "png",
                    .page = 3, .body = "<project/>", .body_len = 10};
    assert_true(sv_request_send(sv[0], &q));
    sv_request got;
    char *buf;
    assert_true(sv_request_recv(sv[1], &got, &buf));
    assert_int_equal(got.op, SV_RENDER);
    assert_string_equal(got.kind, "offer");
    assert_string_equal(got.lang, "de-CH");
    assert_string_equal(got.brand, "");
    assert_string_equal(got.format, "png");
    assert_int_equal(got.page, 3);
    assert_int_equal(got.body_len, 10);
    assert_memory_equal(got.body, "<project/>", 10);
    free(buf);
    close(sv[0]);
    assert_false(sv_request_recv(sv[1], &got, &buf)); /* the other end is gone */
    close(sv[1]);
}

static void test_reply_round_trip_and_timeout(void **state)
{
    (void)state;
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    sv_reply r;
    bool timed_out;
    assert_false(sv_reply_recv(sv[0], &r, 20, &timed_out));
    assert_true(timed_out);
    char pdf[] = "%PDF-1.7 bytes";
    sv_reply out = {.status = 0, .pages = 6, .name = "NLT-offer.pdf",
                    .diagnostics = "[]", .output = pdf, .output_len = sizeof pdf - 1};
    assert_true(sv_reply_send(sv[1], &out));
    assert_true(sv_reply_recv(sv[0], &r, 1000, &timed_out));
    assert_false(timed_out);
    assert_int_equal(r.pages, 6);
    assert_string_equal(r.name, "NLT-offer.pdf");
    assert_string_equal(r.diagnostics, "[]");
    assert_int_equal(r.output_len, sizeof pdf - 1);
    assert_memory_equal(r.output, pdf, sizeof pdf - 1);
    sv_reply_clear(&r);
    assert_null(r.output);
    close(sv[0]);
    close(sv[1]);
}

static void test_garbage_is_refused(void **state)
{
    (void)state;
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    char junk[64];
    memset(junk, 0x41, sizeof junk);
    assert_int_equal(write(sv[0], junk, sizeof junk), (ssize_t)sizeof junk);
    sv_request q;
    char *buf;
    assert_false(sv_request_recv(sv[1], &q, &buf));
    assert_null(buf);
    sv_reply r;
    bool timed_out;
    assert_int_equal(write(sv[1], junk, sizeof junk), (ssize_t)sizeof junk);
    assert_false(sv_reply_recv(sv[0], &r, 1000, &timed_out));
    assert_false(timed_out);
    close(sv[0]);
    close(sv[1]);
}

static void test_token_equal(void **state)
{
    (void)state;
    assert_true(sv_token_equal("s3cret-token-0123456789", "s3cret-token-0123456789"));
    assert_false(sv_token_equal("s3cret-token-012345678", "s3cret-token-0123456789"));
    assert_false(sv_token_equal("s3cret-token-01234567890", "s3cret-token-0123456789"));
    assert_false(sv_token_equal("", "s3cret-token-0123456789"));
    assert_false(sv_token_equal("S3cret-token-0123456789", "s3cret-token-0123456789"));
}

static void test_plain_names(void **state)
{
    (void)state;
    assert_true(sv_plain_name("lakeshore"));
    assert_true(sv_plain_name("de-CH"));
    assert_true(sv_plain_name("partner_2"));
    assert_false(sv_plain_name(""));
    assert_false(sv_plain_name("../etc"));
    assert_false(sv_plain_name("/etc/phasedoc"));
    assert_false(sv_plain_name("a.b"));
    char long_name[80];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    assert_false(sv_plain_name(long_name));
}

static void test_listen(void **state)
{
    (void)state;
    struct sockaddr_storage a;
    size_t n;
    assert_true(sv_parse_listen("127.0.0.1:8080", &a, &n));
    assert_int_equal(a.ss_family, AF_INET);
    assert_int_equal(ntohs(((struct sockaddr_in *)&a)->sin_port), 8080);
    assert_true(sv_parse_listen("localhost:1", &a, &n));
    assert_true(sv_parse_listen("[::1]:9000", &a, &n));
    assert_int_equal(a.ss_family, AF_INET6);
    assert_false(sv_parse_listen("127.0.0.1", &a, &n));
    assert_false(sv_parse_listen("127.0.0.1:0", &a, &n));
    assert_false(sv_parse_listen("127.0.0.1:65536", &a, &n));
    assert_false(sv_parse_listen("127.0.0.1:80x", &a, &n));
    assert_false(sv_parse_listen("example.org:80", &a, &n));
    assert_false(sv_parse_listen("[::1:80", &a, &n));
}

static void test_metrics_text(void **state)
{
    (void)state;
    sv_metrics *m = sv_metrics_new();
    sv_metrics_count(m, "render", 200, 0.02);
    sv_metrics_count(m, "render", 200, 0.3);
    sv_metrics_count(m, "render", 400, 0.001);
    sv_pool_stats st = {.workers_ready = 2, .busy = 1, .waiting = 3, .restarts = 4};
    pd_buf b;
    pd_buf_init(&b, 1 << 20);
    assert_true(sv_metrics_text(m, &st, &b));
    pd_buf_add(&b, "", 1);
    assert_non_null(strstr(b.data, "# TYPE phasedoc_requests_total counter\n"));
    assert_non_null(strstr(b.data, "phasedoc_requests_total{route=\"render\",status=\"200\"} 2\n"));
    assert_non_null(strstr(b.data, "phasedoc_requests_total{route=\"render\",status=\"400\"} 1\n"));
    /* cumulative buckets: 0.001 and 0.02 fall at or below 0.025, all three below 0.5 */
    assert_non_null(strstr(b.data, "phasedoc_request_seconds_bucket{route=\"render\",le=\"0.025\"} 2\n"));
    assert_non_null(strstr(b.data, "phasedoc_request_seconds_bucket{route=\"render\",le=\"0.5\"} 3\n"));
    assert_non_null(strstr(b.data, "phasedoc_request_seconds_bucket{route=\"render\",le=\"+Inf\"} 3\n"));
    assert_non_null(strstr(b.data, "phasedoc_queue_length 3\n"));
    assert_non_null(strstr(b.data, "phasedoc_worker_restarts_total 4\n"));
    pd_buf_free(&b);
    sv_metrics_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request_round_trip),
        cmocka_unit_test(test_reply_round_trip_and_timeout),
        cmocka_unit_test(test_garbage_is_refused),
        cmocka_unit_test(test_token_equal),
        cmocka_unit_test(test_plain_names),
        cmocka_unit_test(test_listen),
        cmocka_unit_test(test_metrics_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
