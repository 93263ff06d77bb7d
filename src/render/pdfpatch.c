/* pdfpatch.c — an incremental update (PDF 1.7, 7.5.6): new versions of the catalogue and of
 * the Figure structure elements after cairo's %%EOF, with an xref section that points to
 * them and a trailer that points back to cairo's. Cairo 1.16 writes a classic xref table and
 * one object per "N 0 obj" line, which is all this needs to find. */
#include "pdfpatch.h"
#include "util.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    long num;
    char *body; /* the new "<< ... >>" */
} patched;

/* The last occurrence of needle in data[0, len). */
static const char *find_last(const char *data, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
        if (memcmp(data + i, needle, n) == 0)
            return data + i;
    return NULL;
}

static const char *find_next(const char *from, const char *end, const char *needle, size_t n)
{
    for (const char *p = from; p + n <= end; p++)
        if (memcmp(p, needle, n) == 0)
            return p;
    return NULL;
}

static long number_after(const char *p, const char *end, const char *key)
{
    size_t n = strlen(key);
    for (; p + n < end; p++)
        if (memcmp(p, key, n) == 0)
            return strtol(p + n, NULL, 10);
    return -1;
}

/* Where each object's body starts ("N 0 obj\n" at the start of a line; the last definition
 * wins, as in a reader), indexed by object number below size; found in one pass, so that
 * patching many Figures does not read the file once per Figure. */
static const char **index_objects(const char *data, size_t len, long size)
{
    const char **at = calloc((size_t)size, sizeof *at);
    for (const char *p = data, *end = data + len; at && p < end;) {
        char *after;
        long num = strtol(p, &after, 10);
        if (after > p && num >= 0 && num < size && (size_t)(end - after) >= 7 &&
            memcmp(after, " 0 obj\n", 7) == 0)
            at[num] = after + 7;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    return at;
}

/* The dictionary of object num: from "<<" after "num 0 obj" to the matching ">>" before
 * "endobj". */
static bool object_dict(const char *const *at, long size, const char *data_end, long num,
                        const char **start, const char **end)
{
    const char *p = num >= 0 && num < size ? at[num] : NULL;
    if (!p || data_end - p < 2 || strncmp(p, "<<", 2) != 0)
        return false;
    const char *e = find_next(p, data_end, "\nendobj", 7);
    if (!e)
        return false;
    while (e > p && (e[-1] == '\n' || e[-1] == ' '))
        e--;
    if (e - p < 4 || strncmp(e - 2, ">>", 2) != 0)
        return false;
    *start = p;
    *end = e - 2; /* where the closing ">>" starts */
    return true;
}

/* A PDF text string: UTF-16BE with a byte order mark, in hex. */
static void add_text_string(pd_buf *b, const char *utf8)
{
    glong n = 0;
    gunichar2 *u16 = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
    pd_buf_adds(b, "<FEFF");
    for (glong i = 0; u16 && i < n; i++) {
        char hex[8];
        snprintf(hex, sizeof hex, "%04X", u16[i]);
        pd_buf_adds(b, hex);
    }
    pd_buf_adds(b, ">");
    g_free(u16);
}

static char *with_entry(const char *start, const char *end, const char *key, const char *value)
{
    pd_buf b;
    pd_buf_init(&b, 1u << 20);
    pd_buf_add(&b, start, (size_t)(end - start));
    pd_buf_adds(&b, "   ");
    pd_buf_adds(&b, key);
    pd_buf_adds(&b, " ");
    pd_buf_adds(&b, value);
    pd_buf_adds(&b, "\n>>");
    return b.data;
}

static int compare_patched(const void *a, const void *b)
{
    long x = ((const patched *)a)->num, y = ((const patched *)b)->num;
    return x < y ? -1 : x > y;
}

pd_status pd_pdf_patch(pd_ctx *ctx, pd_output *o, const char *lang, char *const *alts,
                       int nalts)
{
    char *data;
    size_t len;
    if (!pd_output_contents(o, &data, &len))
        return PD_ERR_SYSTEM;
    const char *trailer = find_last(data, len, "\ntrailer");
    const char *sx = find_last(data, len, "startxref\n");
    long root = trailer ? number_after(trailer, data + len, "/Root ") : -1;
    long size = trailer ? number_after(trailer, data + len, "/Size ") : -1;
    long info = trailer ? number_after(trailer, data + len, "/Info ") : -1;
    long prev = sx ? strtol(sx + 10, NULL, 10) : -1;
    if (root < 0 || size < 0 || prev < 0) {
        free(data);
        pd_error(ctx, "cannot add the language and alternative texts: unexpected PDF layout");
        return PD_ERR_SYSTEM;
    }
    patched *objs = calloc((size_t)nalts + 1, sizeof *objs);
    const char **at = index_objects(data, len, size);
    int n = 0;
    const char *s, *e;
    if (!at) {
        free(objs);
        objs = NULL;
    }
    if (objs && lang && *lang && object_dict(at, size, data + len, root, &s, &e)) {
        char value[64];
        snprintf(value, sizeof value, "(%.32s)", lang);
        objs[n++] = (patched){root, with_entry(s, e, "/Lang", value)};
    }
    /* Figures in file order are the Figures in the order they were drawn. */
    static const char figure[] = "<< /Type /StructElem\n   /S /Figure\n";
    int k = 0;
    for (const char *p = data; objs && k < nalts &&
                               (p = find_next(p, data + len, figure, sizeof figure - 1));
         p++, k++) {
        if (!alts[k] || !*alts[k])
            continue;
        const char *line = p - 1;
        while (line > data && line[-1] != '\n')
            line--;
        long num = strtol(line, NULL, 10);
        if (!object_dict(at, size, data + len, num, &s, &e))
            continue;
        pd_buf v;
        pd_buf_init(&v, 1u << 20);
        add_text_string(&v, alts[k]);
        objs[n++] = (patched){num, with_entry(s, e, "/Alt", v.data ? v.data : "()")};
        pd_buf_free(&v);
    }
    free(at);
    free(data);
    if (objs)
        qsort(objs, (size_t)n, sizeof *objs, compare_patched);
    /* The update: the objects, one xref subsection each, the trailer. */
    pd_buf up;
    pd_buf_init(&up, 64u << 20);
    size_t offset = len;
    long *offsets = calloc((size_t)n + 1, sizeof *offsets);
    for (int i = 0; offsets && i < n; i++) {
        char head[64];
        offsets[i] = (long)(offset + up.len);
        snprintf(head, sizeof head, "%ld 0 obj\n", objs[i].num);
        pd_buf_adds(&up, head);
        pd_buf_adds(&up, objs[i].body ? objs[i].body : "<< >>");
        pd_buf_adds(&up, "\nendobj\n");
    }
    long xref = (long)(offset + up.len);
    pd_buf_adds(&up, "xref\n");
    for (int i = 0; offsets && i < n; i++) {
        char entry[64];
        snprintf(entry, sizeof entry, "%ld 1\n%010ld 00000 n \n", objs[i].num, offsets[i]);
        pd_buf_adds(&up, entry);
    }
    char tail[256];
    snprintf(tail, sizeof tail, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", size, root);
    pd_buf_adds(&up, tail);
    if (info >= 0) {
        snprintf(tail, sizeof tail, "   /Info %ld 0 R\n", info);
        pd_buf_adds(&up, tail);
    }
    snprintf(tail, sizeof tail, "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n", prev, xref);
    pd_buf_adds(&up, tail);
    bool ok = objs && offsets && !up.failed && n > 0 ? pd_output_write(o, up.data, up.len) : true;
    for (int i = 0; objs && i < n; i++)
        free(objs[i].body);
    free(objs);
    free(offsets);
    pd_buf_free(&up);
    return ok ? PD_OK : PD_ERR_SYSTEM;
}
