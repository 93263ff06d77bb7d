/* util.c — string helpers and the capped growable buffer. */
#include "util.h"
#include "array.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

char *pd_strdup(const char *s)
{
    return s ? pd_strndup(s, strlen(s)) : NULL;
}

char *pd_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    } else {
        pd_oom_note();
    }
    return p;
}

char *pd_strcat3(const char *a, const char *b, const char *c)
{
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char *p = malloc(la + lb + lc + 1);
    if (p) {
        memcpy(p, a, la);
        memcpy(p + la, b, lb);
        memcpy(p + la + lb, c, lc + 1);
    }
    if (!p)
        pd_oom_note();
    return p;
}

bool pd_streq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

bool pd_has_suffix(const char *s, const char *suffix)
{
    size_t ls = strlen(s), lx = strlen(suffix);
    return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

void pd_strv_free(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

void pd_buf_init(pd_buf *b, size_t max)
{
    memset(b, 0, sizeof *b);
    b->max = max;
}

bool pd_buf_add(pd_buf *b, const void *data, size_t len)
{
    if (b->failed)
        return false;
    if (len > b->max - b->len) {
        pd_buf_free(b);
        b->failed = true;
        return false;
    }
    char *p = pd_array_grow(b->data, &b->cap, b->len + len + 1, 1);
    if (!p) {
        pd_buf_free(b);
        b->failed = true;
        return false;
    }
    b->data = p;
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return true;
}

bool pd_buf_adds(pd_buf *b, const char *s) { return pd_buf_add(b, s, strlen(s)); }

void pd_buf_free(pd_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static atomic_bool oom;

void pd_oom_note(void) { atomic_store(&oom, true); }
bool pd_oom_seen(void) { return atomic_load(&oom); }
void pd_oom_reset(void) { atomic_store(&oom, false); }

int pd_errno_status(int err)
{
    switch (err) {
    case EMFILE: case ENFILE: case ENOMEM: case EIO: case ENOSPC: case EDQUOT: case ENOBUFS:
    case EAGAIN:
        return 3; /* PD_ERR_SYSTEM */
    default:
        return 1; /* PD_ERR_INPUT */
    }
}
