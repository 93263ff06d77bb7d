/* report.c — what a batch leaves behind besides the PDFs: a JSON-lines report written
 * atomically, page counts, and the up-front check that a folder takes files. */
#include "batch.h"
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Length of the UTF-8 sequence at s (at most n bytes), or 0 if it is not well-formed
 * (overlong forms, surrogates and values past U+10FFFF included). */
static size_t utf8_length(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    uint32_t min, cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2, min = 0x80, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3, min = 0x800, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4, min = 0x10000, cp = c & 0x07;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

bool pd_json_string(pd_buf *b, const char *s)
{
    if (!s)
        return pd_buf_adds(b, "null");
    pd_buf_add(b, "\"", 1);
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\', esc[1] = (char)c;
            pd_buf_add(b, esc, 2);
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            const char *named = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
                              : c == '\b' ? "\\b" : c == '\f' ? "\\f" : NULL;
            if (named)
                pd_buf_adds(b, named);
            else {
                snprintf(esc, sizeof esc, "\\u%04x", c);
                pd_buf_adds(b, esc);
            }
            i++;
        } else {
            size_t len = utf8_length(p + i, n - i);
            if (len == 0) {
                /* Reversibly, as Python's surrogateescape: byte 0xXY is U+DCXY, a lone
                 * surrogate that no UTF-8 text contains (os.fsencode gives the bytes back). */
                snprintf(esc, sizeof esc, "\\udc%02x", c);
                pd_buf_adds(b, esc);
                i++;
            } else {
                pd_buf_add(b, p + i, len);
                i += len;
            }
        }
    }
    return pd_buf_add(b, "\"", 1);
}

static void add_number(pd_buf *b, long long v)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", v);
    pd_buf_adds(b, num);
}

char *pd_batch_report_line(const pd_batch_job *job, const char *kind, const pd_batch_result *r)
{
    static const char *const states[] = {"ok", "failed", "skipped", "interrupted"};
    pd_buf b;
    pd_buf_init(&b, 1u << 20);
    pd_buf_adds(&b, "{\"input\":");
    pd_json_string(&b, job->input);
    pd_buf_adds(&b, ",\"kind\":");
    pd_json_string(&b, kind);
    pd_buf_adds(&b, ",\"output\":");
    pd_json_string(&b, r->output);
    pd_buf_adds(&b, ",\"status\":");
    pd_json_string(&b, states[r->state]);
    pd_buf_adds(&b, ",\"error\":");
    pd_json_string(&b, r->error);
    pd_buf_adds(&b, ",\"ms\":");
    add_number(&b, (long long)(r->ms + 0.5));
    pd_buf_adds(&b, ",\"pages\":");
    if (r->pages >= 0)
        add_number(&b, r->pages);
    else
        pd_buf_adds(&b, "null");
    pd_buf_adds(&b, ",\"bytes\":");
    if (r->bytes >= 0)
        add_number(&b, r->bytes);
    else
        pd_buf_adds(&b, "null");
    pd_buf_adds(&b, "}");
    return b.failed ? NULL : b.data;
}

pd_status pd_batch_report_write(pd_ctx *ctx, const char *path, const pd_batch_job *jobs,
                                const char *const *kinds, const pd_batch_result *results,
                                size_t n)
{
    pd_output *o = NULL;
    pd_status st = pd_output_open(ctx, path, &o);
    if (st != PD_OK)
        return st;
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        char *line = pd_batch_report_line(&jobs[i], kinds[i], &results[i]);
        ok = line && pd_output_write(o, line, strlen(line)) && pd_output_write(o, "\n", 1);
        free(line);
    }
    if (!ok) {
        pd_output_abort(o);
        pd_diag_raise(ctx, PD_ERROR, path, 0, 0, "cannot write the report");
        return PD_ERR_SYSTEM;
    }
    return pd_output_commit(ctx, o);
}

pd_status pd_batch_probe_dir(pd_ctx *ctx, const char *dir, const char *what)
{
    struct stat st;
    errno = 0;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        pd_diag_raise(ctx, PD_ERROR, dir, 0, 0, "the %s %s", what,
                      errno == ENOENT ? "does not exist" : "is not a folder");
        return PD_ERR_SYSTEM;
    }
    char *tmpl = pd_strcat3(dir, "/.phasedoc-probe.", "XXXXXX");
    if (!tmpl) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        pd_diag_raise(ctx, PD_ERROR, dir, 0, 0, "cannot write into the %s: %s", what,
                      strerror(errno));
        free(tmpl);
        return PD_ERR_SYSTEM;
    }
    close(fd);
    unlink(tmpl);
    free(tmpl);
    return PD_OK;
}
