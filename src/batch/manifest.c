/* manifest.c — the list of a batch's inputs: one path a line, or CSV with a header row naming a
 * "path" column and optional "kind", "brand" and "lang" columns. */
#include "batch.h"
#include "array.h"
#include "pipeline.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_FIELDS = 64 };

/* The columns a CSV manifest may name; others are allowed and ignored (notes, owners). */
enum { COL_PATH, COL_KIND, COL_BRAND, COL_LANG, NCOLS };
static const char *const column_names[NCOLS] = {"path", "kind", "brand", "lang"};

typedef struct {
    char *v[MAX_FIELDS];
    size_t n;
} fields;

static void fields_free(fields *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->v[i]);
    f->n = 0;
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

static char *trimmed(const char *s, size_t n)
{
    while (n > 0 && is_blank(*s))
        s++, n--;
    while (n > 0 && is_blank(s[n - 1]))
        n--;
    return pd_strndup(s, n);
}

/* Splits one CSV line (RFC 4180 quoting, but a quoted field ends on its line). NULL on
 * success, else what is wrong. */
static const char *split_csv(const char *s, size_t n, fields *f)
{
    size_t i = 0;
    f->n = 0;
    for (;;) {
        if (f->n == MAX_FIELDS)
            return "too many fields (at most 64)";
        while (i < n && is_blank(s[i]))
            i++;
        char *value;
        if (i < n && s[i] == '"') {
            pd_buf b;
            pd_buf_init(&b, n + 1);
            bool closed = false;
            for (i++; i < n; i++) {
                if (s[i] == '"' && i + 1 < n && s[i + 1] == '"') {
                    pd_buf_add(&b, "\"", 1);
                    i++;
                } else if (s[i] == '"') {
                    closed = true;
                    i++;
                    break;
                } else {
                    pd_buf_add(&b, &s[i], 1);
                }
            }
            if (!closed) {
                pd_buf_free(&b);
                return "a quoted field does not end on its line";
            }
            while (i < n && is_blank(s[i]))
                i++;
            if (i < n && s[i] != ',') {
                pd_buf_free(&b);
                return "text after a quoted field";
            }
            value = b.data ? b.data : pd_strdup("");
        } else {
            size_t start = i;
            while (i < n && s[i] != ',')
                i++;
            value = trimmed(s + start, i - start);
        }
        if (!value)
            return "out of memory";
        f->v[f->n++] = value;
        if (i >= n)
            return NULL;
        i++; /* the comma */
    }
}

static char *resolve(const char *base, const char *given)
{
    if (!base || given[0] == '/')
        return pd_strdup(given);
    return pd_strcat3(base, "/", given);
}

static bool add_entry(pd_manifest_entry **entries, size_t *count, size_t *cap,
                      pd_manifest_entry e)
{
    pd_manifest_entry *p = pd_array_grow(*entries, cap, *count + 1, sizeof *p);
    if (!p)
        return false;
    *entries = p;
    (*entries)[(*count)++] = e;
    return true;
}

static char *field_or_null(const fields *f, int col)
{
    if (col < 0 || (size_t)col >= f->n || !f->v[col][0])
        return NULL;
    return pd_strdup(f->v[col]);
}

static void entry_free(pd_manifest_entry *e)
{
    free(e->path);
    free(e->given);
    free(e->kind);
    free(e->brand);
    free(e->lang);
}

pd_status pd_manifest_parse(pd_ctx *ctx, const char *data, size_t len, const char *name,
                            const char *base, pd_manifest_entry **entries, size_t *count)
{
    *entries = NULL;
    *count = 0;
    if (memchr(data, '\0', len)) {
        pd_diag_raise(ctx, PD_ERROR, name, 0, 0, "a manifest is text: it holds a NUL byte");
        return PD_ERR_INPUT;
    }
    size_t cap = 0;
    bool header_seen = false, csv = false;
    int cols[NCOLS] = {-1, -1, -1, -1};
    size_t ncolumns = 0;
    fields f = {{0}, 0};
    pd_status st = PD_OK;
    int lineno = 0;
    for (size_t pos = 0; pos < len && st == PD_OK;) {
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl ? 1 : 0);
        lineno++;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        size_t lead = 0;
        while (lead < n && is_blank(line[lead]))
            lead++;
        if (lead == n || line[lead] == '#')
            continue;
        if (!header_seen) {
            header_seen = true;
            const char *why = split_csv(line, n, &f);
            for (size_t i = 0; !why && i < f.n; i++)
                for (int c = 0; c < NCOLS; c++)
                    if (strcasecmp(f.v[i], column_names[c]) == 0) {
                        if (cols[c] >= 0) {
                            pd_diag_raise(ctx, PD_ERROR, name, lineno, 0,
                                          "the column '%s' is named twice", column_names[c]);
                            st = PD_ERR_INPUT;
                        }
                        cols[c] = (int)i;
                    }
            ncolumns = f.n;
            fields_free(&f);
            csv = !why && cols[COL_PATH] >= 0;
            if (st != PD_OK)
                break;
            if (csv)
                continue; /* else the first line is a path like the others */
        }
        pd_manifest_entry e = {0};
        e.line = lineno;
        if (!csv) {
            e.given = trimmed(line, n);
        } else {
            const char *why = split_csv(line, n, &f);
            if (!why && f.n > ncolumns)
                why = "more fields than the header row names";
            if (!why && (size_t)cols[COL_PATH] >= f.n)
                why = "no path on this row";
            if (why) {
                pd_diag_raise(ctx, PD_ERROR, name, lineno, 0, "%s", why);
                fields_free(&f);
                st = PD_ERR_INPUT;
                break;
            }
            e.given = field_or_null(&f, cols[COL_PATH]);
            e.kind = field_or_null(&f, cols[COL_KIND]);
            e.brand = field_or_null(&f, cols[COL_BRAND]);
            e.lang = field_or_null(&f, cols[COL_LANG]);
            fields_free(&f);
            if (!e.given) {
                pd_diag_raise(ctx, PD_ERROR, name, lineno, 0, "the path is empty");
                entry_free(&e);
                st = PD_ERR_INPUT;
                break;
            }
        }
        if (e.kind && strcmp(e.kind, "all") != 0 && !pd_kind_is_known(e.kind)) {
            pd_diag_raise(ctx, PD_ERROR, name, lineno, 0,
                          "unknown document kind '%s' (approval, offer, concept, "
                          "implementation, all)", e.kind);
            entry_free(&e);
            st = PD_ERR_USAGE;
            break;
        }
        e.path = e.given ? resolve(base, e.given) : NULL;
        if (!e.path || !add_entry(entries, count, &cap, e)) {
            entry_free(&e);
            pd_error(ctx, "out of memory");
            st = PD_ERR_SYSTEM;
        }
    }
    if (st != PD_OK) {
        pd_manifest_free(*entries, *count);
        *entries = NULL;
        *count = 0;
    }
    return st;
}

pd_status pd_manifest_load(pd_ctx *ctx, const char *path, pd_manifest_entry **entries,
                           size_t *count)
{
    *entries = NULL;
    *count = 0;
    char *data = NULL;
    size_t len = 0;
    pd_status st = pd_file_read(ctx, path, PD_XML_MAX_BYTES, &data, &len);
    if (st != PD_OK)
        return st;
    bool is_stdin = strcmp(path, "-") == 0;
    const char *slash = is_stdin ? NULL : strrchr(path, '/');
    char *base = slash ? pd_strndup(path, slash == path ? 1 : (size_t)(slash - path)) : NULL;
    st = pd_manifest_parse(ctx, data ? data : "", len, is_stdin ? "<stdin>" : path, base,
                           entries, count);
    free(base);
    free(data);
    return st;
}

void pd_manifest_free(pd_manifest_entry *entries, size_t count)
{
    for (size_t i = 0; entries && i < count; i++)
        entry_free(&entries[i]);
    free(entries);
}
