/* doc.c — reading an existing PDF's cross-reference tables and objects (ISO 32000-1, 7.5). */
#include "doc.h"

#include <stdlib.h>
#include <string.h>


enum { MAX_OBJECTS = 8388607, MAX_REVISIONS = 4096 };

static const char *find_last(const char *data, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
        if (memcmp(data + i, needle, n) == 0)
            return data + i;
    return NULL;
}

static bool starts_with(const char *p, const char *end, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(end - p) >= n && memcmp(p, word, n) == 0;
}

/* One xref section at off: its entries (those not set by a newer one) and its trailer. */
static pd_obj *read_section(pd_pdf_doc *doc, size_t off, bool *xref_stream)
{
    const char *end = doc->data + doc->len;
    const char *p = pd_pdf_skip_space(doc->data + off, end);
    if (!starts_with(p, end, "xref")) {
        *xref_stream = p < end && *p >= '0' && *p <= '9';
        return NULL;
    }
    p += 4;
    for (;;) {
        p = pd_pdf_skip_space(p, end);
        if (starts_with(p, end, "trailer"))
            break;
        char *e;
        long first = strtol(p, &e, 10);
        if (e == p)
            return NULL;
        p = e;
        long count = strtol(p, &e, 10);
        if (e == p || first < 0 || count < 0 || first > MAX_OBJECTS - count)
            return NULL;
        p = e;
        for (long i = 0; i < count; i++) {
            p = pd_pdf_skip_space(p, end);
            if (end - p < 18)
                return NULL;
            unsigned long long at = strtoull(p, &e, 10);
            if (e != p + 10)
                return NULL;
            char kind = p[17];
            p += 18;
            long num = first + i;
            if (num >= doc->size)
                continue; /* beyond the newest /Size: not part of the document */
            if (doc->offset[num] == 0 && kind == 'n' && num > 0)
                doc->offset[num] = at > 0 && at < doc->len ? (size_t)at : 0;
            else if (doc->offset[num] == 0 && kind == 'f')
                doc->offset[num] = (size_t)-1; /* freed in a newer revision than older uses */
        }
    }
    p += 7;
    return pd_obj_parse(&p, end);
}

static pd_status unreadable(pd_ctx *ctx, const char *file, pd_pdf_doc *doc, bool xref_stream)
{
    pd_diag_raise(ctx, PD_ERROR, file, 0, 0,
                  xref_stream ? "compressed cross-reference streams are not supported (write "
                                "the file with classic tables: qpdf --object-streams=disable)"
                              : "the cross-reference table cannot be read");
    pd_pdf_doc_close(doc);
    return PD_ERR_INPUT;
}

pd_status pd_pdf_doc_open(pd_ctx *ctx, const char *file, const char *data, size_t len,
                          pd_pdf_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    doc->data = data;
    doc->len = len;
    const char *tail = len > 2048 ? data + len - 2048 : data;
    const char *sx = find_last(tail, (size_t)(data + len - tail), "startxref");
    if (len < 8 || memcmp(data, "%PDF-", 5) != 0 || !sx) {
        pd_diag_raise(ctx, PD_ERROR, file, 0, 0, "not a PDF file (no header or no startxref)");
        return PD_ERR_INPUT;
    }
    doc->startxref = (size_t)strtoull(sx + 9, NULL, 10);
    if (doc->startxref == 0 || doc->startxref >= len)
        return unreadable(ctx, file, doc, false);
    const char *x = pd_pdf_skip_space(data + doc->startxref, data + len);
    if (!starts_with(x, data + len, "xref"))
        return unreadable(ctx, file, doc, x < data + len && *x >= '0' && *x <= '9');
    /* the newest trailer's /Size sizes the table before its entries are read */
    const char *t = x;
    while (t && !starts_with(t, data + len, "trailer"))
        t = t + 7 < data + len ? memchr(t + 1, 't', (size_t)(data + len - t - 1)) : NULL;
    const char *p = t ? t + 7 : NULL;
    doc->trailer = p ? pd_obj_parse(&p, data + len) : NULL;
    doc->size = doc->trailer ? (long)pd_obj_integer(pd_dict_get(doc->trailer, "Size")) : 0;
    if (doc->size <= 0 || doc->size > MAX_OBJECTS || !pd_dict_get(doc->trailer, "Root"))
        return unreadable(ctx, file, doc, false);
    doc->offset = calloc((size_t)doc->size, sizeof *doc->offset);
    if (!doc->offset) {
        pd_error(ctx, "out of memory");
        pd_pdf_doc_close(doc);
        return PD_ERR_SYSTEM;
    }
    size_t off = doc->startxref;
    for (int rev = 0; rev < MAX_REVISIONS; rev++) {
        bool xref_stream = false;
        pd_obj *tr = read_section(doc, off, &xref_stream);
        if (!tr || pd_dict_get(tr, "XRefStm")) {
            pd_obj_free(tr);
            return unreadable(ctx, file, doc, xref_stream || tr);
        }
        long long prev = pd_obj_integer(pd_dict_get(tr, "Prev"));
        pd_obj_free(tr);
        if (prev <= 0 || (size_t)prev >= off)
            break; /* the first revision (or a loop, which would never end) */
        off = (size_t)prev;
    }
    for (long i = 0; i < doc->size; i++)
        if (doc->offset[i] == (size_t)-1)
            doc->offset[i] = 0;
    return PD_OK;
}

void pd_pdf_doc_close(pd_pdf_doc *doc)
{
    free(doc->offset);
    pd_obj_free(doc->trailer);
    doc->offset = NULL;
    doc->trailer = NULL;
}

pd_obj *pd_pdf_doc_load(const pd_pdf_doc *doc, long num)
{
    if (num <= 0 || num >= doc->size || doc->offset[num] == 0)
        return NULL;
    const char *end = doc->data + doc->len;
    const char *p = doc->data + doc->offset[num];
    char *e;
    long n = strtol(p, &e, 10);
    if (e == p || n != num)
        return NULL;
    p = e;
    strtol(p, &e, 10);
    p = pd_pdf_skip_space(e, end);
    if (!starts_with(p, end, "obj"))
        return NULL;
    p += 3;
    return pd_obj_parse(&p, end);
}

pd_obj *pd_pdf_doc_resolve(const pd_pdf_doc *doc, pd_obj *o, pd_obj **owned)
{
    *owned = NULL;
    if (!o || o->type != PD_OBJ_REF)
        return o;
    *owned = pd_pdf_doc_load(doc, o->num);
    return *owned;
}
