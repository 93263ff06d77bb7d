/* name.c — output names from a pattern ("{id}-{kind}.pdf"), refused when they would leave the
 * output folder. The values come from input files, so every expanded name is checked. */
#include "batch.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_NAME = 255 }; /* NAME_MAX of the common file systems */

static const char *const placeholders[] = {"id", "customer", "kind", "lang", "brand", "stem", "kind-id"};

/* The placeholder at p (just after '{'): its index, or -1. *len is its length with braces. */
static int placeholder_at(const char *p, size_t *len)
{
    const char *end = strchr(p, '}');
    if (!end)
        return -1;
    size_t n = (size_t)(end - p);
    *len = n + 2;
    for (size_t i = 0; i < sizeof placeholders / sizeof placeholders[0]; i++)
        if (strlen(placeholders[i]) == n && strncmp(p, placeholders[i], n) == 0)
            return (int)i;
    return -1;
}

static bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

pd_status pd_batch_name_check(pd_ctx *ctx, const char *pattern)
{
    if (!*pattern) {
        pd_error(ctx, "--name: the pattern is empty");
        return PD_ERR_USAGE;
    }
    for (const char *p = pattern; *p; p++) {
        if (*p == '/') {
            pd_error(ctx, "--name '%s': names are file names inside the output folder (no '/'; "
                          "use -d for the folder)", pattern);
            return PD_ERR_USAGE;
        }
        if (is_control((unsigned char)*p)) {
            pd_error(ctx, "--name: the pattern holds a control character");
            return PD_ERR_USAGE;
        }
        if (*p != '{')
            continue;
        size_t len = 0;
        if (placeholder_at(p + 1, &len) < 0) {
            const char *end = strchr(p, '}');
            pd_error(ctx, "--name '%s': unknown placeholder '%.*s' (known: {id} {customer} {kind} "
                          "{kind-id} {lang} {brand} {stem})", pattern,
                     end ? (int)(end - p + 1) : (int)strlen(p), p);
            return PD_ERR_USAGE;
        }
        p += len - 1;
    }
    return PD_OK;
}

bool pd_batch_name_uses(const char *pattern, const char *placeholder)
{
    size_t n = strlen(placeholder);
    for (const char *p = strchr(pattern, '{'); p; p = strchr(p + 1, '{'))
        if (strncmp(p + 1, placeholder, n) == 0 && p[n + 1] == '}')
            return true;
    return false;
}

char *pd_batch_sanitise(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t w = 0;
    bool pending = false; /* a run of refused bytes waits to become one '_' */
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-';
        if (!ok) {
            pending = true;
            continue;
        }
        if (w == 0 && (c == '.' || c == '_')) /* no hidden files, no "..": drop leading dots */
            continue;
        if (pending && w > 0 && out[w - 1] != '_')
            out[w++] = '_';
        pending = false;
        out[w++] = (char)c;
    }
    while (w > 0 && out[w - 1] == '_')
        w--;
    out[w] = '\0';
    return out;
}

char *pd_batch_stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
        n -= 4;
    return pd_strndup(base, n);
}

/* The value a placeholder expands to (malloc'd). */
static char *value_of(int which, const pd_name_fields *f)
{
    const char *v = NULL;
    switch (which) {
    case 0: v = f->id ? f->id : f->stem; break;
    case 1: {
        char *s = f->customer ? pd_batch_sanitise(f->customer) : NULL;
        if (s && *s)
            return s;
        free(s);
        return pd_strdup("unknown");
    }
    case 2: v = f->kind; break;
    case 3: v = f->lang; break;
    case 4: v = f->brand; break;
    case 5: v = f->stem; break;
    case 6: v = f->kind_id ? f->kind_id : f->kind; break;
    }
    return pd_strdup(v ? v : "");
}

static const char *refusal(const char *name)
{
    size_t n = strlen(name);
    if (n == 0)
        return "is empty";
    if (n > MAX_NAME)
        return "is longer than 255 bytes";
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strchr(name, '/'))
        return "would leave the output folder";
    for (const char *p = name; *p; p++)
        if (is_control((unsigned char)*p))
            return "holds a control character";
    return NULL;
}

pd_status pd_batch_name(pd_ctx *ctx, const char *pattern, const pd_name_fields *f,
                        const char *input, char **name)
{
    *name = NULL;
    pd_buf b;
    pd_buf_init(&b, 64 * 1024);
    for (const char *p = pattern; *p;) {
        size_t len = 0;
        int which = *p == '{' ? placeholder_at(p + 1, &len) : -1;
        if (which < 0) {
            pd_buf_add(&b, p, 1);
            p++;
            continue;
        }
        char *v = value_of(which, f);
        if (!v || !pd_buf_adds(&b, v)) {
            free(v);
            pd_buf_free(&b);
            pd_error(ctx, "out of memory");
            return PD_ERR_SYSTEM;
        }
        free(v);
        p += len;
    }
    if (!b.failed && !b.data)
        pd_buf_add(&b, "", 0); /* an empty name: refused below, like the other bad ones */
    if (b.failed) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    const char *why = refusal(b.data);
    if (why) {
        /* Show the name with control characters made visible: it goes to a terminal. */
        for (char *p = b.data; *p; p++)
            if (is_control((unsigned char)*p))
                *p = '?';
        pd_diag_raise(ctx, PD_ERROR, input, 0, 0, "output name '%.300s' %s: refused", b.data,
                      why);
        pd_buf_free(&b);
        return PD_ERR_INPUT;
    }
    *name = b.data;
    return PD_OK;
}
