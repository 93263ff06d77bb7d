/* finish.c — cairo's PDF rewritten as it is written, in one pass: most bytes go straight
 * through (fonts, images), page content streams are gathered one at a time to make the
 * furniture artifacts (artifact.c; the markers' structure elements are left out and the
 * others' MCIDs renumbered alike), a few small dictionaries are edited on the way
 * (pages get /Tabs, link annotations /F, Figures /Alt), a few are held back and written at
 * the end (the catalogue, the document information, pages that carry form fields, whose
 * widgets are numbered only once cairo's objects are all known), then come the added objects
 * (XMP metadata, the sRGB profile, the form), one cross-reference table and a trailer with
 * a file identifier made from the content. Cairo 1.16 writes one object per "N 0 obj" line,
 * dictionaries without raw newlines in strings, streams whose length is either direct or the
 * object that follows the stream, and a classic xref table: that is all this relies on, and
 * cairo's own table is checked against what was found, so a surprise fails the render
 * instead of producing a broken file. */
#include "finish.h"
#include "array.h"
#include "artifact.h"
#include "pdfstr.h"
#include "srgb.h"

#include <glib.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum state { ST_TOP, ST_DICT, ST_DATA, ST_SCAN, ST_VERIFY, ST_TAIL };

typedef struct {
    long num;
    int page; /* a page held for its widgets: its 1-based index; else 0 */
    char *text;
    size_t len;
} held;

struct pd_pdf_finish {
    pd_ctx *ctx;
    pd_output *out;
    char *title, *author, *subject, *keywords, *creator, *lang, *date;
    GChecksum *sum;
    bool failed;
    enum state state;
    size_t in_off, out_off;   /* offsets in cairo's file and in ours */
    pd_buf acc;               /* the line or object being gathered, or the tail */
    size_t line_in;           /* where acc started in cairo's file */
    long num;                 /* the object being gathered */
    size_t stream_left;       /* ST_DATA: bytes of a direct-length stream still to pass */
    long length_obj;          /* ST_SCAN: the object holding the stream's length */
    size_t data_start;        /* ST_SCAN: where the stream's data started in cairo's file */
    int match;                /* ST_SCAN: bytes of "\nendstream\n" matched */
    char expect[96];          /* ST_VERIFY: "endobj\n" and the length object */
    int expect_len, vpos;
    size_t len_in, len_out;   /* ST_VERIFY: where the length object starts */
    size_t *src_at, *new_at; /* per object number, in cairo's file and in ours; SIZE_MAX: not seen */
    size_t nat;
    held *held;
    int nheld;
    size_t capheld;
    long *page_obj;           /* object number of page i (1-based) */
    size_t npage_obj;
    pd_widget *widgets;
    int nwidgets;
    size_t capwidgets;
    const char *const *alts;
    int nalts, nfigures;
    const char *const *actual; /* the P elements' actual texts, in order */
    int nactual, nparas;
    long font;                /* a simple font of the document, for the form's text */
    long struct_root;         /* cairo's StructTreeRoot, to become the Document element */
    struct dest {
        char *id, *text;
    } *dests;                 /* what the named destinations are: headings */
    int ndests;
    size_t capdests;
    const char *source_name, *source; /* the attached project file, or NULL */
    size_t source_len;
    long names;               /* cairo's name dictionary (held when a file is attached) */
    bool capture;             /* ST_SCAN/ST_VERIFY: a content stream gathered in cap, not emitted */
    pd_buf cap;
    size_t data_len;          /* ST_VERIFY: the length of the stream's data */
    int markers;              /* furniture markers made artifacts in the content streams */
    struct dropped {
        long num, parent;
    } *dropped;               /* the markers' structure elements, left out */
    int ndropped;
    size_t capdropped;
    bool dropped_sorted;      /* by number, for is_dropped */
    struct marks {
        long content, page; /* the content stream, and the page whose it is (-1: not yet) */
        int *mcids, n;      /* its markers' MCIDs as cairo numbered them, ascending */
    } *marks;               /* pages with furniture, whose MCIDs after a marker are renumbered */
    int nmarks;
    size_t capmarks;
    bool elements_seen;     /* a structure element came: no more content streams expected */
};

static const char ENDSTREAM[] = "\nendstream\n";

static void fail(pd_pdf_finish *f, const char *why)
{
    if (!f->failed)
        pd_error(f->ctx, "cannot finish the PDF: %s", why);
    f->failed = true;
}

static void emit(pd_pdf_finish *f, const void *data, size_t len)
{
    if (f->failed || len == 0)
        return;
    if (f->capture) {
        if (!pd_buf_add(&f->cap, data, len))
            f->failed = true, pd_error(f->ctx, "cannot finish the PDF: out of memory");
        return;
    }
    g_checksum_update(f->sum, data, (gssize)len);
    if (!pd_output_write(f->out, data, len)) {
        f->failed = true; /* the output reports the cause on commit */
        return;
    }
    f->out_off += len;
}

static void emits(pd_pdf_finish *f, const char *s) { emit(f, s, strlen(s)); }
static void printfb(pd_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool grow_at(pd_pdf_finish *f, long num)
{
    if (num < 0 || num > 8388607) { /* PDF/A's limit on indirect objects */
        fail(f, "object number out of range");
        return false;
    }
    if ((size_t)num < f->nat)
        return true;
    /* the two maps grow alike: same capacity before, same need, so the same after */
    size_t cap_src = f->nat, cap_new = f->nat;
    size_t *a = pd_array_grow(f->src_at, &cap_src, (size_t)num + 1, sizeof *a);
    if (a)
        f->src_at = a;
    size_t *b = a ? pd_array_grow(f->new_at, &cap_new, (size_t)num + 1, sizeof *b) : NULL;
    if (!a || !b) {
        fail(f, "out of memory");
        return false;
    }
    f->new_at = b;
    for (size_t i = f->nat; i < cap_src; i++)
        f->src_at[i] = f->new_at[i] = SIZE_MAX;
    f->nat = cap_src;
    return true;
}

/* Object num starts here in our file (and at in_at in cairo's, SIZE_MAX: an added one). */
static void place(pd_pdf_finish *f, long num, size_t in_at)
{
    if (!grow_at(f, num))
        return;
    if (in_at != SIZE_MAX)
        f->src_at[num] = in_at;
    f->new_at[num] = f->out_off;
}

pd_pdf_finish *pd_pdf_finish_new(pd_ctx *ctx, pd_output *out, const pd_pdf_meta *meta)
{
    pd_pdf_finish *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->ctx = ctx;
    f->out = out;
    f->font = -1;
    f->struct_root = -1;
    f->names = -1;
    f->sum = g_checksum_new(G_CHECKSUM_SHA256);
    pd_buf_init(&f->acc, (size_t)1 << 30);
    pd_buf_init(&f->cap, (size_t)1 << 30);
#define COPY(x) f->x = pd_strdup(meta->x ? meta->x : "")
    COPY(title), COPY(author), COPY(subject), COPY(keywords), COPY(creator), COPY(lang);
    COPY(date);
#undef COPY
    if (!f->sum || !f->title || !f->author || !f->subject || !f->keywords || !f->creator ||
        !f->lang || !f->date) {
        pd_pdf_finish_free(f);
        return NULL;
    }
    return f;
}

void pd_pdf_finish_free(pd_pdf_finish *f)
{
    if (!f)
        return;
    free(f->title), free(f->author), free(f->subject), free(f->keywords), free(f->creator);
    free(f->lang), free(f->date);
    if (f->sum)
        g_checksum_free(f->sum);
    pd_buf_free(&f->acc);
    pd_buf_free(&f->cap);
    free(f->dropped);
    for (int i = 0; i < f->nmarks; i++)
        free(f->marks[i].mcids);
    free(f->marks);
    free(f->src_at), free(f->new_at), free(f->page_obj);
    for (int i = 0; i < f->nheld; i++)
        free(f->held[i].text);
    free(f->held);
    for (int i = 0; i < f->nwidgets; i++) {
        pd_widget *w = &f->widgets[i];
        free((char *)w->field), free((char *)w->state), free((char *)w->tooltip);
        free((char *)w->label);
    }
    free(f->widgets);
    for (int i = 0; i < f->ndests; i++)
        free(f->dests[i].id), free(f->dests[i].text);
    free(f->dests);
    free(f);
}

void pd_pdf_finish_add_widget(pd_pdf_finish *f, const pd_widget *w)
{
    pd_widget *a =
        pd_array_grow(f->widgets, &f->capwidgets, (size_t)f->nwidgets + 1, sizeof *a);
    if (!a) {
        fail(f, "out of memory");
        return;
    }
    f->widgets = a;
    pd_widget c = *w;
    c.field = pd_strdup(w->field ? w->field : "field");
    c.state = w->state ? pd_strdup(w->state) : NULL;
    c.tooltip = pd_strdup(w->tooltip ? w->tooltip : c.field ? c.field : "");
    c.label = w->label ? pd_strdup(w->label) : NULL;
    f->widgets[f->nwidgets++] = c;
}

void pd_pdf_finish_set_source(pd_pdf_finish *f, const char *name, const char *data,
                              size_t len)
{
    f->source_name = name;
    f->source = data;
    f->source_len = len;
}

void pd_pdf_finish_set_alts(pd_pdf_finish *f, const char *const *alts, int n,
                            const char *const *actual, int nactual)
{
    f->alts = alts;
    f->nalts = n;
    f->actual = actual;
    f->nactual = nactual;
}

static char *insert_entry(const char *text, size_t len, const char *add, size_t *out_len);

/* text with the entry "key (value)" added, value as a PDF text string; NULL (nothing to
 * add) when value is NULL or empty. */
static char *insert_text_entry(const char *text, size_t len, const char *key, const char *value,
                               size_t *out_len)
{
    if (!value || !*value)
        return NULL;
    pd_buf v;
    pd_buf_init(&v, 1u << 20);
    pd_buf_adds(&v, "   ");
    pd_buf_adds(&v, key);
    pd_buf_adds(&v, " ");
    pd_pdf_text_string(&v, value);
    pd_buf_adds(&v, "\n");
    char *edited = v.failed ? NULL : insert_entry(text, len, v.data, out_len);
    pd_buf_free(&v);
    return edited;
}

/* text (an object ending in ">>\nendobj\n") with add before the dictionary's closing ">>";
 * malloc'd, NULL when there is no such ">>" */
static char *insert_entry(const char *text, size_t len, const char *add, size_t *out_len)
{
    size_t i = len;
    while (i >= 2 && !(text[i - 2] == '>' && text[i - 1] == '>'))
        i--;
    if (i < 2)
        return NULL;
    size_t at = i - 2, n = strlen(add);
    char *r = malloc(len + n + 1);
    if (!r)
        return NULL;
    memcpy(r, text, at);
    memcpy(r + at, add, n);
    memcpy(r + at + n, text + at, len - at);
    r[len + n] = '\0';
    *out_len = len + n;
    return r;
}

static bool starts(const char *body, const char *prefix)
{
    return strncmp(body, prefix, strlen(prefix)) == 0;
}

static void hold(pd_pdf_finish *f, long num, int page, const char *text, size_t len)
{
    held *a = pd_array_grow(f->held, &f->capheld, (size_t)f->nheld + 1, sizeof *a);
    if (!a) {
        fail(f, "out of memory");
        return;
    }
    f->held = a;
    char *copy = pd_strndup(text, len);
    if (!copy) {
        fail(f, "out of memory");
        return;
    }
    f->held[f->nheld++] = (held){num, page, copy, len};
    if (grow_at(f, num))
        f->src_at[num] = f->line_in;
}

static bool page_has_widgets(const pd_pdf_finish *f, int page)
{
    for (int i = 0; i < f->nwidgets; i++)
        if (f->widgets[i].page == page)
            return true;
    return false;
}

/* The literal string after key in a dictionary of cairo's (ASCII, escapes kept), or NULL. */
static char *literal_after(const char *body, const char *key)
{
    const char *k = strstr(body, key);
    if (!k)
        return NULL;
    const char *s = k + strlen(key), *e = s;
    while (*e && *e != '\n' && !(*e == ')' && e[-1] != '\\'))
        e++;
    return *e == ')' ? pd_strndup(s, (size_t)(e - s)) : NULL;
}

/* A link's /Contents: the heading it leads to, or its address. */
static void link_contents(pd_pdf_finish *f, const char *body, pd_buf *add)
{
    char *uri = literal_after(body, "/URI (");
    char *dest = uri ? NULL : literal_after(body, "/Dest (");
    const char *text = uri;
    for (int i = 0; dest && i < f->ndests; i++)
        if (strcmp(f->dests[i].id, dest) == 0)
            text = f->dests[i].text;
    if (text) {
        pd_buf_adds(add, "   /Contents ");
        if (text == uri) { /* already a PDF literal's contents */
            pd_buf_adds(add, "(");
            pd_buf_adds(add, uri);
            pd_buf_adds(add, ")");
        } else
            pd_pdf_text_string(add, text);
        pd_buf_adds(add, "\n");
    }
    free(uri);
    free(dest);
}

void pd_pdf_finish_add_dest(pd_pdf_finish *f, const char *id, const char *text)
{
    struct dest *a = pd_array_grow(f->dests, &f->capdests, (size_t)f->ndests + 1, sizeof *a);
    if (!a)
        return; /* noted as out of memory, which fails the render */
    f->dests = a;
    char *i = pd_strdup(id), *t = pd_strdup(text);
    if (!i || !t) {
        free(i), free(t);
        return;
    }
    f->dests[f->ndests++] = (struct dest){i, t};
}

/* A furniture marker's structure element (artifact.h). */
static bool is_marker_element(const char *body)
{
    static const char *const names[] = {PD_ARTIFACT_BACKGROUND, PD_ARTIFACT_HEADER,
                                        PD_ARTIFACT_FOOTER, PD_ARTIFACT_WATERMARK};
    static const char head[] = "<< /Type /StructElem\n   /S /";
    if (!starts(body, head))
        return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = strlen(names[i]);
        if (!strncmp(body + sizeof head - 1, names[i], n) && body[sizeof head - 1 + n] == '\n')
            return true;
    }
    return false;
}

/* Leaves the marker's element (in acc) out of our file: not written, free in the xref. */
static void drop_marker(pd_pdf_finish *f, const char *body)
{
    const char *p = strstr(body, "\n   /P ");
    struct dropped *a =
        pd_array_grow(f->dropped, &f->capdropped, (size_t)f->ndropped + 1, sizeof *a);
    if (!a || !p) {
        fail(f, a ? "a furniture marker has no parent" : "out of memory");
        return;
    }
    f->dropped = a;
    f->dropped[f->ndropped++] = (struct dropped){f->num, strtol(p + 7, NULL, 10)};
    f->dropped_sorted = false;
    if (grow_at(f, f->num))
        f->src_at[f->num] = f->line_in;
}

static int by_num(const void *a, const void *b)
{
    long x = ((const struct dropped *)a)->num, y = ((const struct dropped *)b)->num;
    return (x > y) - (x < y);
}

/* Asked for every parent-tree entry and Document kid at the end (a marker or more a page):
 * a binary search in the markers sorted once, not a scan per entry. */
static bool is_dropped(pd_pdf_finish *f, long num)
{
    if (!f->dropped_sorted) {
        if (f->ndropped)
            qsort(f->dropped, (size_t)f->ndropped, sizeof *f->dropped, by_num);
        f->dropped_sorted = true;
    }
    struct dropped key = {num, 0};
    return f->ndropped &&
           bsearch(&key, f->dropped, (size_t)f->ndropped, sizeof key, by_num) != NULL;
}

/* mcid of page as it is after the page's markers were taken out of the numbering */
static int renumbered(pd_pdf_finish *f, long page, int mcid)
{
    for (int i = 0; i < f->nmarks; i++) {
        const struct marks *m = &f->marks[i];
        if (m->page != page)
            continue;
        int before = 0;
        for (int j = 0; j < m->n && m->mcids[j] <= mcid; j++) {
            if (m->mcids[j] == mcid)
                fail(f, "a structure element holds a furniture marker's content");
            before++;
        }
        return mcid - before;
    }
    return mcid;
}

/* A structure element (text, len) with its MCIDs renumbered as its page's content was
 * (artifact.c): malloc'd, or NULL when it names no page with markers. Cairo writes an
 * element's content as "   /Pg P 0 R" and then "   /K n" or "   /K [ n m ... ]", the items
 * of other pages as "<< /Type /MCR /Pg Q 0 R /MCID k >>" in the list. */
static char *renumber_element(pd_pdf_finish *f, const char *text, size_t len, size_t *out_len)
{
    const char *pg = strstr(text, "\n   /Pg ");
    const char *k = pg ? strstr(pg, "\n   /K ") : NULL;
    if (!k)
        return NULL;
    long page = strtol(pg + 8, NULL, 10);
    const char *v = k + 7, *end; /* after "\n   /K " */
    pd_buf b;
    pd_buf_init(&b, (size_t)1 << 30);
    pd_buf_add(&b, text, (size_t)(v - text));
    if (*v != '[') {
        char *e;
        long n = strtol(v, &e, 10);
        if (e == v || *e != '\n' || n < 0 || n > 1000000000) {
            pd_buf_free(&b);
            return NULL; /* a kid element, not content */
        }
        printfb(&b, "%d", renumbered(f, page, (int)n));
        end = e;
    } else {
        pd_buf_adds(&b, "[");
        const char *p = v + 1;
        for (;;) {
            while (*p == ' ' || *p == '\n')
                p++;
            long n, q, r;
            int m, used = 0;
            if (*p == ']') {
                end = p + 1;
                break;
            } else if (sscanf(p, "<< /Type /MCR /Pg %ld 0 R /MCID %d >>%n", &q, &m, &used) ==
                           2 &&
                       used > 0) {
                printfb(&b, " << /Type /MCR /Pg %ld 0 R /MCID %d >>", q, renumbered(f, q, m));
            } else if (sscanf(p, "%ld 0 R%n", &r, &used) == 1 && used > 0) {
                printfb(&b, " %ld 0 R", r);
            } else if (sscanf(p, "<< /Type /OBJR /Obj %ld 0 R >>%n", &r, &used) == 1 &&
                       used > 0) {
                printfb(&b, " << /Type /OBJR /Obj %ld 0 R >>", r);
            } else if (sscanf(p, "%ld%n", &n, &used) == 1 && used > 0 && n >= 0 &&
                       n <= 1000000000) {
                printfb(&b, " %d", renumbered(f, page, (int)n));
            } else {
                fail(f, "a structure element's kids are not laid out as expected");
                pd_buf_free(&b);
                return NULL;
            }
            p += used;
        }
        pd_buf_adds(&b, " ]");
    }
    pd_buf_add(&b, end, len - (size_t)(end - text));
    if (b.failed) {
        fail(f, "out of memory");
        return NULL;
    }
    *out_len = b.len;
    return b.data; /* pd_buf's data is malloc'd: the caller frees it */
}

/* A complete object without a stream is in acc. */
static void object_done(pd_pdf_finish *f)
{
    const char *text = f->acc.data;
    size_t len = f->acc.len;
    const char *body = strchr(text, '\n') + 1;
    char *edited = NULL;
    size_t elen = 0;
    if (starts(body, "<< /Type /Page %")) {
        int page = atoi(body + 16);
        if (page > 0 && page < 1000000) {
            if ((size_t)page >= f->npage_obj) {
                size_t cap = f->npage_obj;
                long *a = pd_array_grow(f->page_obj, &cap, (size_t)page + 1, sizeof *a);
                if (!a) {
                    fail(f, "out of memory");
                    return;
                }
                for (size_t i = f->npage_obj; i < cap; i++)
                    a[i] = -1;
                f->page_obj = a;
                f->npage_obj = cap;
            }
            f->page_obj[page] = f->num;
        }
        const char *c = strstr(body, "\n   /Contents ");
        long content = c ? strtol(c + 14, NULL, 10) : -1;
        for (int i = 0; i < f->nmarks; i++)
            if (f->marks[i].content == content)
                f->marks[i].page = f->num;
        /* the tab order follows the structure (PDF/UA 7.18.3) */
        edited = insert_entry(text, len, "   /Tabs /S\n", &elen);
        if (edited && page_has_widgets(f, page)) {
            hold(f, f->num, page, edited, elen);
            free(edited);
            return;
        }
    } else if (starts(body, "<< /Type /Annot\n") && !strstr(body, "\n   /F ")) {
        /* printable, as PDF/A wants every annotation (6.3.2), and saying where it leads
         * (PDF/UA 7.18.5) */
        pd_buf add;
        pd_buf_init(&add, 1u << 20);
        pd_buf_adds(&add, "\n   /F 4\n");
        link_contents(f, body, &add);
        if (!add.failed)
            edited = insert_entry(text, len, add.data, &elen);
        pd_buf_free(&add);
    } else if (starts(body, "<< /Type /StructElem\n   /S /Figure\n")) {
        int k = f->nfigures++;
        if (k < f->nalts)
            edited = insert_text_entry(text, len, "/Alt", f->alts[k], &elen);
    } else if (starts(body, "<< /Type /StructElem\n   /S /P\n")) {
        int k = f->nparas++;
        if (k < f->nactual)
            edited = insert_text_entry(text, len, "/ActualText", f->actual[k], &elen);
    } else if (is_marker_element(body)) {
        drop_marker(f, body);
        return;
    } else if (starts(body, "[")) {
        /* maybe a page's parent-tree array: the markers' entries go (written at the end, when
         * the markers' elements are known) */
        hold(f, f->num, -5, text, len);
        return;
    } else if (starts(body, "<< /Nums [")) {
        hold(f, f->num, -6, text, len); /* maybe the parent tree: gets the widgets' entries */
        return;
    } else if (starts(body, "<< /Type /StructElem\n   /S /TH\n")) {
        /* header cells head their column (PDF/UA 7.5: TH with a scope) */
        edited = insert_entry(text, len, "   /A << /O /Table /Scope /Column >>\n", &elen);
    } else if (starts(body, "<< /Type /StructTreeRoot")) {
        /* becomes the Document element under a new root (written at the end), so that the
         * structure has one root element with the Sects below it, whose /P already points
         * here */
        hold(f, f->num, -3, text, len);
        f->struct_root = f->num;
        return;
    } else if (f->source && f->names < 0 && starts(body, "<< /Dests ")) {
        hold(f, f->num, -4, text, len); /* gets the attached file too */
        f->names = f->num;
        return;
    } else if (starts(body, "<< /Type /Catalog")) {
        hold(f, f->num, 0, text, len);
        return;
    } else if (starts(body, "<< /Producer ")) {
        hold(f, f->num, -1, "", 0); /* the document information: written anew at the end */
        return;
    } else if (f->font < 0 && starts(body, "<< /Type /Font\n   /Subtype /Type1\n")) {
        f->font = f->num;
    }
    if (starts(body, "<< /Type /StructElem\n")) {
        f->elements_seen = true;
        size_t rlen = 0;
        char *r = f->nmarks ? renumber_element(f, edited ? edited : text, edited ? elen : len,
                                               &rlen)
                            : NULL;
        if (r) {
            free(edited);
            edited = r;
            elen = rlen;
        }
    }
    place(f, f->num, f->line_in);
    if (edited)
        emit(f, edited, elen);
    else
        emit(f, text, len);
    free(edited);
}

/* acc holds an object's dictionary up to "stream\n": pass it on and read the length. */
static void stream_start(pd_pdf_finish *f)
{
    place(f, f->num, f->line_in);
    emit(f, f->acc.data, f->acc.len);
    const char *l = strstr(f->acc.data, "/Length ");
    long v = l ? strtol(l + 8, NULL, 10) : -1;
    long obj, gen;
    int n = 0;
    if (l && sscanf(l + 8, "%ld %ld R%n", &obj, &gen, &n) == 2 && n > 0) {
        f->state = ST_SCAN;
        f->length_obj = obj;
        f->data_start = f->in_off;
        f->match = 0;
        /* what cairo writes for page contents (and ToUnicode maps, which hold no markers):
         * gathered to make the furniture artifacts (artifact.c) */
        const char *body = strchr(f->acc.data, '\n') + 1;
        char dict[96];
        snprintf(dict, sizeof dict, "<< /Length %ld 0 R\n   /Filter /FlateDecode\n>>\nstream\n",
                 obj);
        f->capture = strcmp(body, dict) == 0;
        f->cap.len = 0;
    } else if (v >= 0) {
        f->state = ST_DATA;
        f->stream_left = (size_t)v;
    } else
        fail(f, "a stream without a length");
    f->acc.len = 0;
}

/* A gathered content stream is complete in cap: its data (data_len bytes), "endstream",
 * "endobj" and its length object. Written with the furniture made artifacts. */
static void content_done(pd_pdf_finish *f)
{
    f->capture = false;
    size_t zlen = 0;
    bool changed = false;
    const char *why = NULL;
    int *mcids = NULL, nmcids = 0;
    unsigned char *z = pd_artifact_rewrite((const unsigned char *)f->cap.data, f->data_len,
                                           &zlen, &mcids, &nmcids, &changed, &why);
    struct marks *a = nmcids ? pd_array_grow(f->marks, &f->capmarks, (size_t)f->nmarks + 1,
                                             sizeof *a)
                             : f->marks;
    if (a && nmcids) {
        f->marks = a;
        f->marks[f->nmarks++] = (struct marks){f->num, -1, mcids, nmcids};
    } else
        free(mcids);
    if (why || (nmcids && !a) || (nmcids && f->elements_seen)) {
        /* (structure elements renumbered before their page's markers were known: cairo
         * writes its structure tree after the pages) */
        fail(f, why ? why : a ? "page content after the structure tree" : "out of memory");
        free(z);
        return;
    }
    f->markers += nmcids;
    size_t len = changed ? zlen : f->data_len;
    emit(f, changed ? (const char *)z : f->cap.data, len);
    free(z);
    emits(f, "\nendstream\nendobj\n");
    char obj[64];
    snprintf(obj, sizeof obj, "%ld 0 obj\n   %zu\nendobj\n", f->length_obj, len);
    if (grow_at(f, f->length_obj)) {
        f->src_at[f->length_obj] = f->len_in;
        f->new_at[f->length_obj] = f->out_off;
    }
    emits(f, obj);
    f->cap.len = 0;
}

static void line_done(pd_pdf_finish *f)
{
    const char *s = f->acc.data;
    size_t len = f->acc.len;
    if (f->state == ST_TOP) {
        long num, gen;
        int n = 0;
        if (sscanf(s, "%ld %ld obj%n", &num, &gen, &n) == 2 && (size_t)n + 1 == len &&
            s[0] >= '0' && s[0] <= '9') {
            f->state = ST_DICT;
            f->num = num;
            return;
        }
        if (strcmp(s, "xref\n") == 0) {
            f->state = ST_TAIL;
            return;
        }
        emit(f, s, len);
        f->acc.len = 0;
        return;
    }
    /* ST_DICT */
    if (len >= 8 && memcmp(s + len - 8, "\nendobj\n", 8) == 0) {
        object_done(f);
        f->acc.len = 0;
        f->state = ST_TOP;
    } else if (len >= 8 && memcmp(s + len - 8, "\nstream\n", 8) == 0)
        stream_start(f);
}

bool pd_pdf_finish_write(pd_pdf_finish *f, const void *data, size_t n)
{
    const char *p = data;
    size_t i = 0;
    while (i < n && !f->failed) {
        switch (f->state) {
        case ST_TOP:
        case ST_DICT: {
            const char *nl = memchr(p + i, '\n', n - i);
            size_t take = nl ? (size_t)(nl - (p + i)) + 1 : n - i;
            if (f->acc.len == 0)
                f->line_in = f->in_off;
            if (!pd_buf_add(&f->acc, p + i, take))
                fail(f, "out of memory");
            i += take;
            f->in_off += take;
            if (nl && !f->failed)
                line_done(f);
            break;
        }
        case ST_TAIL:
            if (!pd_buf_add(&f->acc, p + i, n - i))
                fail(f, "out of memory");
            f->in_off += n - i;
            i = n;
            break;
        case ST_DATA: {
            size_t take = n - i < f->stream_left ? n - i : f->stream_left;
            emit(f, p + i, take);
            i += take;
            f->in_off += take;
            f->stream_left -= take;
            if (f->stream_left == 0)
                f->state = ST_TOP;
            break;
        }
        case ST_SCAN: {
            size_t from = i;
            bool found = false;
            for (; i < n; i++) {
                char c = p[i];
                if (c == ENDSTREAM[f->match])
                    f->match++;
                else
                    f->match = c == '\n';
                if (f->match == (int)sizeof ENDSTREAM - 1) {
                    i++;
                    found = true;
                    break;
                }
            }
            emit(f, p + from, i - from);
            f->in_off += i - from;
            if (found) {
                size_t data_len = f->in_off - (sizeof ENDSTREAM - 1) - f->data_start;
                f->data_len = data_len;
                f->expect_len = snprintf(f->expect, sizeof f->expect,
                                         "endobj\n%ld 0 obj\n   %zu\nendobj\n", f->length_obj,
                                         data_len);
                f->vpos = 0;
                f->match = 0;
                f->state = ST_VERIFY;
            }
            break;
        }
        case ST_VERIFY:
            if (p[i] != f->expect[f->vpos]) {
                f->state = ST_SCAN; /* "endstream" inside the data: go on looking */
                break;
            }
            if (f->vpos == 7) {
                f->len_in = f->in_off;
                f->len_out = f->out_off;
            }
            emit(f, p + i, 1);
            i++;
            f->in_off++;
            if (++f->vpos == f->expect_len && f->capture) {
                content_done(f);
                f->state = ST_TOP;
            } else if (f->vpos == f->expect_len) {
                if (grow_at(f, f->length_obj)) {
                    f->src_at[f->length_obj] = f->len_in;
                    f->new_at[f->length_obj] = f->len_out;
                }
                f->state = ST_TOP;
            }
            break;
        }
    }
    return !f->failed;
}

/* ---- the end: added objects, cross-references, trailer ---- */

static void begin_obj(pd_pdf_finish *f, long num)
{
    char head[32];
    place(f, num, SIZE_MAX);
    snprintf(head, sizeof head, "%ld 0 obj\n", num);
    emits(f, head);
}

static void emit_buf(pd_pdf_finish *f, pd_buf *b)
{
    if (b->failed)
        fail(f, "out of memory");
    else
        emit(f, b->data, b->len);
    pd_buf_free(b);
}

static void printfb(pd_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void printfb(pd_buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n >= 0)
        pd_buf_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static void emit_stream(pd_pdf_finish *f, long num, const char *dict, const void *data,
                        size_t len)
{
    pd_buf b;
    pd_buf_init(&b, (size_t)1 << 30);
    begin_obj(f, num);
    printfb(&b, "<< %s/Length %zu >>\nstream\n", dict, len);
    emit_buf(f, &b);
    emit(f, data, len);
    emits(f, "\nendstream\nendobj\n");
}

/* The XMP packet: the same values as the document information (PDF/A-2 6.6.2.3). */
static void xmp_packet(pd_pdf_finish *f, pd_buf *x, const char *producer)
{
    pd_buf_adds(x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                   "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                   " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                   "  <rdf:Description rdf:about=\"\"\n"
                   "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                   "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                   "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                   "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                   "   <dc:format>application/pdf</dc:format>\n");
    if (*f->title) {
        pd_buf_adds(x, "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        pd_xml_escape(x, f->title);
        pd_buf_adds(x, "</rdf:li></rdf:Alt></dc:title>\n");
    }
    if (*f->author) {
        pd_buf_adds(x, "   <dc:creator><rdf:Seq><rdf:li>");
        pd_xml_escape(x, f->author);
        pd_buf_adds(x, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (*f->subject) {
        pd_buf_adds(x, "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        pd_xml_escape(x, f->subject);
        pd_buf_adds(x, "</rdf:li></rdf:Alt></dc:description>\n");
    }
    if (*f->lang) {
        pd_buf_adds(x, "   <dc:language><rdf:Bag><rdf:li>");
        pd_xml_escape(x, f->lang);
        pd_buf_adds(x, "</rdf:li></rdf:Bag></dc:language>\n");
    }
    if (*f->keywords) {
        pd_buf_adds(x, "   <pdf:Keywords>");
        pd_xml_escape(x, f->keywords);
        pd_buf_adds(x, "</pdf:Keywords>\n");
    }
    pd_buf_adds(x, "   <pdf:Producer>");
    pd_xml_escape(x, producer);
    pd_buf_adds(x, "</pdf:Producer>\n   <xmp:CreatorTool>");
    pd_xml_escape(x, f->creator);
    pd_buf_adds(x, "</xmp:CreatorTool>\n   <xmp:CreateDate>");
    pd_xml_escape(x, f->date);
    pd_buf_adds(x, "</xmp:CreateDate>\n   <xmp:ModifyDate>");
    pd_xml_escape(x, f->date);
    pd_buf_adds(x, "</xmp:ModifyDate>\n   <xmp:MetadataDate>");
    pd_xml_escape(x, f->date);
    pd_buf_adds(x, "</xmp:MetadataDate>\n"
                   "   <pdfaid:part>");
    /* an attached project file is allowed from PDF/A-3 on (6.8) */
    pd_buf_adds(x, f->source ? "3" : "2");
    pd_buf_adds(x, "</pdfaid:part>\n"
                   "   <pdfaid:conformance>B</pdfaid:conformance>\n"
                   "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n");
    /* room for an editor to change the packet in place, as XMP recommends */
    for (int i = 0; i < 20; i++)
        pd_buf_adds(x, "                                                                    "
                       "                                \n");
    pd_buf_adds(x, "<?xpacket end=\"w\"?>");
}

static void info_entry(pd_buf *b, const char *key, const char *value)
{
    if (!value || !*value)
        return;
    pd_buf_adds(b, "   /");
    pd_buf_adds(b, key);
    pd_buf_adds(b, " ");
    pd_pdf_text_string(b, value);
    pd_buf_adds(b, "\n");
}

/* Numbers of the objects added for the form. */
typedef struct {
    long *widget, *on;   /* per widget: its dictionary, its on-appearance (check boxes) */
    long off, empty_sig, empty_tx, acroform;
    char **groups;       /* radio groups by name, and their parent fields */
    long *group_obj;
    int ngroups;
    long *form;          /* per widget: its Form structure element (none: untagged) */
    long key;            /* the first widget's StructParent; the others follow */
} form_nums;

static int group_of(const form_nums *fn, const char *name)
{
    for (int i = 0; i < fn->ngroups; i++)
        if (strcmp(fn->groups[i], name) == 0)
            return i;
    return -1;
}

static void rect(pd_buf *b, const pd_widget *w)
{
    printfb(b, "   /Rect [ %.2f %.2f %.2f %.2f ]\n", w->x0, w->y0, w->x1, w->y1);
}

/* A tick scaled into the widget, the same shape cairo draws for a checked box. */
static void emit_tick(pd_pdf_finish *f, long num, const pd_widget *w)
{
    double bw = w->x1 - w->x0, bh = w->y1 - w->y0;
    pd_buf s, d;
    pd_buf_init(&s, 1u << 16);
    pd_buf_init(&d, 1u << 16);
    printfb(&s, "q %.3f %.3f %.3f RG 1.2 w 1 J 1 j %.2f %.2f m %.2f %.2f l %.2f %.2f l S Q",
            w->r, w->g, w->b, bw * 0.2, bh * 0.45, bw * 0.42, bh * 0.22, bw * 0.82, bh * 0.78);
    printfb(&d, "/Type /XObject /Subtype /Form /BBox [ 0 0 %.2f %.2f ] /Resources << >> ", bw,
            bh);
    if (!s.failed && !d.failed)
        emit_stream(f, num, d.data, s.data, s.len);
    else
        fail(f, "out of memory");
    pd_buf_free(&s);
    pd_buf_free(&d);
}

static void emit_widget(pd_pdf_finish *f, const form_nums *fn, int i)
{
    const pd_widget *w = &f->widgets[i];
    long page = w->page >= 0 && (size_t)w->page < f->npage_obj ? f->page_obj[w->page] : -1;
    pd_buf b;
    pd_buf_init(&b, 1u << 20);
    pd_buf_adds(&b, "<< /Type /Annot\n   /Subtype /Widget\n   /F 4\n");
    rect(&b, w);
    if (page >= 0)
        printfb(&b, "   /P %ld 0 R\n", page);
    if (fn->form)
        printfb(&b, "   /StructParent %ld\n", fn->key + i);
    int g = w->kind == PD_WIDGET_CHECK && w->state ? group_of(fn, w->field) : -1;
    if (g >= 0) {
        printfb(&b, "   /Parent %ld 0 R\n", fn->group_obj[g]);
        if (w->label) {
            pd_buf_adds(&b, "   /Contents ");
            pd_pdf_text_string(&b, w->label);
            pd_buf_adds(&b, "\n");
        }
    } else {
        pd_buf_adds(&b, "   /T ");
        pd_pdf_text_string(&b, w->field);
        pd_buf_adds(&b, "\n   /TU ");
        pd_pdf_text_string(&b, w->tooltip);
        pd_buf_adds(&b, "\n");
    }
    switch (w->kind) {
    case PD_WIDGET_SIGNATURE:
        printfb(&b, "   /FT /Sig\n   /AP << /N %ld 0 R >>\n", fn->empty_sig);
        break;
    case PD_WIDGET_TEXT:
        printfb(&b, "   /FT /Tx\n   /AP << /N %ld 0 R >>\n", fn->empty_tx);
        if (f->font >= 0)
            pd_buf_adds(&b, "   /DA (/F0 9 Tf 0 g)\n");
        break;
    case PD_WIDGET_CHECK: {
        const char *on = w->state ? w->state : "Yes";
        pd_buf name;
        pd_buf_init(&name, 1u << 16);
        pd_pdf_name(&name, on);
        if (g < 0)
            printfb(&b, "   /FT /Btn\n   /Ff %d\n   /V %s\n", w->on ? 1 : 0,
                    w->on ? name.data : "/Off");
        printfb(&b, "   /AS %s\n   /AP << /N << %s %ld 0 R /Off %ld 0 R >> >>\n",
                w->on ? name.data : "/Off", name.data, fn->on[i], fn->off);
        pd_buf_free(&name);
        break;
    }
    }
    pd_buf_adds(&b, ">>\nendobj\n");
    begin_obj(f, fn->widget[i]);
    emit_buf(f, &b);
}

/* The form: widgets, their appearances, radio groups, the AcroForm dictionary. */
static void emit_form(pd_pdf_finish *f, form_nums *fn)
{
    pd_buf b;
    for (int i = 0; i < f->nwidgets; i++) {
        const pd_widget *w = &f->widgets[i];
        if (w->kind == PD_WIDGET_CHECK)
            emit_tick(f, fn->on[i], w);
    }
    static const char empty_dict[] = "/Type /XObject /Subtype /Form /BBox [ 0 0 1 1 ] "
                                     "/Resources << >> ";
    emit_stream(f, fn->off, empty_dict, "", 0);
    emit_stream(f, fn->empty_sig, empty_dict, "", 0);
    emit_stream(f, fn->empty_tx, empty_dict, "/Tx BMC EMC", 11);
    for (int i = 0; i < f->nwidgets; i++)
        emit_widget(f, fn, i);
    for (int g = 0; g < fn->ngroups; g++) {
        const char *tip = NULL, *chosen = NULL;
        for (int i = 0; i < f->nwidgets; i++) {
            const pd_widget *w = &f->widgets[i];
            if (w->kind == PD_WIDGET_CHECK && w->state && !strcmp(w->field, fn->groups[g])) {
                tip = tip ? tip : w->tooltip;
                chosen = w->on ? w->state : chosen;
            }
        }
        /* radio buttons, one always on; a decision the document already shows (its tick is
         * drawn in the page too) is read-only, an open one can be chosen */
        pd_buf_init(&b, 1u << 20);
        printfb(&b, "<< /FT /Btn\n   /Ff %d\n   /T ", 49152 | (chosen ? 1 : 0));
        pd_pdf_text_string(&b, fn->groups[g]);
        pd_buf_adds(&b, "\n   /Kids [");
        for (int i = 0; i < f->nwidgets; i++) {
            const pd_widget *w = &f->widgets[i];
            if (w->kind == PD_WIDGET_CHECK && w->state && !strcmp(w->field, fn->groups[g]))
                printfb(&b, " %ld 0 R", fn->widget[i]);
        }
        pd_buf_adds(&b, " ]\n   /TU ");
        pd_pdf_text_string(&b, tip ? tip : fn->groups[g]);
        pd_buf_adds(&b, "\n   /V ");
        pd_pdf_name(&b, chosen ? chosen : "Off");
        pd_buf_adds(&b, "\n>>\nendobj\n");
        begin_obj(f, fn->group_obj[g]);
        emit_buf(f, &b);
    }
    pd_buf_init(&b, 1u << 20);
    pd_buf_adds(&b, "<< /Fields [");
    for (int i = 0; i < f->nwidgets; i++)
        if (!(f->widgets[i].kind == PD_WIDGET_CHECK && f->widgets[i].state))
            printfb(&b, " %ld 0 R", fn->widget[i]);
    for (int g = 0; g < fn->ngroups; g++)
        printfb(&b, " %ld 0 R", fn->group_obj[g]);
    pd_buf_adds(&b, " ]\n");
    bool sig = false;
    for (int i = 0; i < f->nwidgets; i++)
        sig |= f->widgets[i].kind == PD_WIDGET_SIGNATURE;
    if (sig)
        pd_buf_adds(&b, "   /SigFlags 1\n"); /* signature fields exist */
    if (f->font >= 0)
        printfb(&b, "   /DA (/F0 9 Tf 0 g)\n   /DR << /Font << /F0 %ld 0 R >> >>\n", f->font);
    pd_buf_adds(&b, ">>\nendobj\n");
    begin_obj(f, fn->acroform);
    emit_buf(f, &b);
}

/* A page held for its widgets, with /Annots naming them. */
static void emit_page(pd_pdf_finish *f, const held *h, const form_nums *fn)
{
    pd_buf refs;
    pd_buf_init(&refs, 1u << 20);
    for (int i = 0; i < f->nwidgets; i++)
        if (f->widgets[i].page == h->page)
            printfb(&refs, " %ld 0 R", fn->widget[i]);
    if (refs.failed) {
        fail(f, "out of memory");
        return;
    }
    char *text = NULL;
    size_t len = 0;
    const char *annots = strstr(h->text, "/Annots [");
    if (annots) { /* cairo's link annotations: ours go after them */
        size_t at = (size_t)(annots - h->text) + 9;
        text = malloc(h->len + refs.len + 1);
        if (text) {
            memcpy(text, h->text, at);
            memcpy(text + at, refs.data + 1, refs.len - 1);
            text[at + refs.len - 1] = ' ';
            memcpy(text + at + refs.len, h->text + at, h->len - at);
            len = h->len + refs.len;
            text[len] = '\0';
        }
    } else {
        pd_buf add;
        pd_buf_init(&add, 1u << 20);
        pd_buf_adds(&add, "   /Annots [");
        pd_buf_adds(&add, refs.data);
        pd_buf_adds(&add, " ]\n");
        text = add.failed ? NULL : insert_entry(h->text, h->len, add.data, &len);
        pd_buf_free(&add);
    }
    pd_buf_free(&refs);
    if (!text) {
        fail(f, "out of memory");
        return;
    }
    place(f, h->num, SIZE_MAX);
    emit(f, text, len);
    free(text);
}

/* The parent tree's next key: one past the largest key of cairo's number tree (held text,
 * "<< /Nums [" then one "   KEY N 0 R" a line), -1 when it is not laid out so. */
static long parent_tree_next_key(const char *text)
{
    const char *p = strstr(text, "<< /Nums [\n");
    if (!p)
        return -1;
    p += 11;
    long next = 0, key, obj;
    int n = 0;
    /* (no "\n" in the format: scanf's white space would eat the next line's indent too) */
    while (sscanf(p, "   %ld %ld 0 R%n", &key, &obj, &n) == 2 && n > 0 && p[n] == '\n') {
        next = key >= next ? key + 1 : next;
        p += n + 1;
        n = 0;
    }
    return starts(p, "  ]\n>>\n") ? next : -1;
}

/* cairo's parent tree with an entry for each widget's Form element (keys after cairo's). */
static void emit_parent_tree(pd_pdf_finish *f, const held *h, const form_nums *fn)
{
    pd_buf b;
    pd_buf_init(&b, (size_t)1 << 30);
    const char *close = strstr(h->text, "\n  ]\n>>\n");
    if (!close) {
        fail(f, "the parent tree is not laid out as expected");
        return;
    }
    pd_buf_add(&b, h->text, (size_t)(close - h->text) + 1);
    for (int i = 0; i < f->nwidgets; i++)
        printfb(&b, "   %ld %ld 0 R\n", fn->key + i, fn->form[i]);
    pd_buf_adds(&b, close + 1);
    place(f, h->num, SIZE_MAX);
    emit_buf(f, &b);
}

/* A page's parent-tree array (held text, one "  N 0 R" a line) without the entries of the
 * furniture markers' elements. Any other array passes as it is. Returns how many it left
 * out. */
static int emit_array(pd_pdf_finish *f, const held *h)
{
    pd_buf b;
    pd_buf_init(&b, (size_t)1 << 30);
    int nulls = 0;
    for (const char *line = h->text; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl + 1 - line) : strlen(line);
        long num;
        int n = 0;
        if (sscanf(line, "  %ld 0 R%n", &num, &n) == 1 && (size_t)n + 1 == len &&
            line[n] == '\n' && is_dropped(f, num)) {
            nulls++; /* its marked content is an artifact now, and the MCIDs after it one less */
        } else
            pd_buf_add(&b, line, len);
        line += len;
    }
    place(f, h->num, SIZE_MAX);
    emit_buf(f, &b);
    return nulls;
}

/* Cairo's StructTreeRoot (held) becomes the Document element, under a new root that keeps
 * the rest of cairo's dictionary (its parent tree). The markers' elements leave the
 * Document's kids; the widgets' Form elements join them, at the end. */
static void emit_structure_root(pd_pdf_finish *f, const held *h, long new_root,
                                const form_nums *fn)
{
    const char *k = strstr(h->text, "\n   /K [");
    const char *body = strchr(h->text, '\n');
    const char *eol = k ? strchr(k + 1, '\n') : NULL;
    if (!k || !eol || !body || eol[-1] != ']') {
        fail(f, "the structure tree is not laid out as expected");
        return;
    }
    pd_buf b;
    pd_buf_init(&b, (size_t)1 << 30);
    printfb(&b, "<< /Type /StructElem\n   /S /Document\n   /P %ld 0 R\n   /K [", new_root);
    for (const char *p = k + 8;;) {
        while (*p == ' ')
            p++;
        if (p == eol - 1)
            break;
        long num, gen;
        int n = 0;
        if (sscanf(p, " %ld %ld R%n", &num, &gen, &n) != 2 || n == 0) {
            fail(f, "the structure tree's kids are not laid out as expected");
            pd_buf_free(&b);
            return;
        }
        if (!is_dropped(f, num))
            printfb(&b, " %ld 0 R", num);
        p += n;
    }
    for (int i = 0; fn->form && i < f->nwidgets; i++)
        printfb(&b, " %ld 0 R", fn->form[i]);
    pd_buf_adds(&b, " ]\n>>\nendobj\n");
    begin_obj(f, h->num);
    emit_buf(f, &b);
    pd_buf_init(&b, (size_t)1 << 30);
    printfb(&b, "%ld 0 obj\n", new_root);
    pd_buf_add(&b, body + 1, (size_t)(k + 1 - (body + 1)));
    printfb(&b, "   /K [ %ld 0 R ]\n", h->num);
    if (fn->form) /* where a next structure parent would go (PDF 1.7 14.7.4.4) */
        printfb(&b, "   /ParentTreeNextKey %ld\n", fn->key + f->nwidgets);
    pd_buf_adds(&b, eol + 1);
    place(f, new_root, SIZE_MAX);
    emit_buf(f, &b);
}

/* Each widget's Form structure element: the widget as an object reference (PDF/UA 7.18.4). */
static void emit_form_elements(pd_pdf_finish *f, const form_nums *fn)
{
    for (int i = 0; fn->form && i < f->nwidgets; i++) {
        const pd_widget *w = &f->widgets[i];
        long page =
            w->page >= 0 && (size_t)w->page < f->npage_obj ? f->page_obj[w->page] : -1;
        if (page < 0) {
            fail(f, "a form field on a page that does not exist");
            return;
        }
        pd_buf b;
        pd_buf_init(&b, 1u << 20);
        printfb(&b,
                "<< /Type /StructElem\n   /S /Form\n   /P %ld 0 R\n   /Pg %ld 0 R\n"
                "   /K << /Type /OBJR /Obj %ld 0 R /Pg %ld 0 R >>\n>>\nendobj\n",
                f->struct_root, page, fn->widget[i], page);
        begin_obj(f, fn->form[i]);
        emit_buf(f, &b);
    }
}

static long trailer_number(const char *tail, const char *key)
{
    const char *t = strstr(tail, "trailer");
    const char *k = t ? strstr(t, key) : NULL;
    return k ? strtol(k + strlen(key), NULL, 10) : -1;
}

/* cairo's table against what was found on the way: the same objects at the same places */
static bool check_xref(pd_pdf_finish *f, long size)
{
    const char *p = f->acc.data + 5; /* after "xref\n" */
    long first, count;
    int n = 0;
    if (sscanf(p, "%ld %ld\n%n", &first, &count, &n) != 2 || first != 0 || count != size)
        return false;
    p += n;
    if ((size_t)(p - f->acc.data) + (size_t)count * 20 > f->acc.len)
        return false;
    for (long i = 0; i < count; i++, p += 20) {
        if (p[17] != 'n')
            continue;
        size_t off = (size_t)strtoull(p, NULL, 10);
        if ((size_t)i >= f->nat || f->src_at[i] != off)
            return false;
    }
    return true;
}

/* cairo's parent tree (held): the number tree its StructTreeRoot names; NULL if none. */
static const held *structure_parent_tree(const pd_pdf_finish *f)
{
    long num = -1;
    for (int i = 0; i < f->nheld; i++)
        if (f->held[i].page == -3) {
            const char *p = strstr(f->held[i].text, "/ParentTree ");
            num = p ? strtol(p + 12, NULL, 10) : -1;
        }
    for (int i = 0; num >= 0 && i < f->nheld; i++)
        if (f->held[i].page == -6 && f->held[i].num == num)
            return &f->held[i];
    return NULL;
}

/* Every marker made an artifact in the content had its structure element, a kid of the
 * root: else cairo wrote something this does not know, and the file would be wrong. */
static void check_markers(pd_pdf_finish *f)
{
    if (f->markers != f->ndropped)
        fail(f, "the furniture markers in the content and in the structure differ");
    for (int i = 0; i < f->ndropped; i++)
        if (f->dropped[i].parent != f->struct_root)
            fail(f, "a furniture marker is not a kid of the structure root");
}

pd_status pd_pdf_finish_end(pd_pdf_finish *f)
{
    if (f->failed)
        return PD_ERR_SYSTEM;
    if (f->state != ST_TAIL) {
        fail(f, "cairo's file ended early");
        return PD_ERR_SYSTEM;
    }
    long size = trailer_number(f->acc.data, "/Size ");
    long root = trailer_number(f->acc.data, "/Root ");
    long info = trailer_number(f->acc.data, "/Info ");
    const held *catalog = NULL;
    bool have_info = false;
    for (int i = 0; i < f->nheld; i++) {
        catalog = f->held[i].num == root ? &f->held[i] : catalog;
        have_info |= f->held[i].num == info;
    }
    if (size <= 0 || !catalog || !have_info || !check_xref(f, size)) {
        fail(f, "cairo's file is not laid out as expected");
        return PD_ERR_SYSTEM;
    }
    /* numbers for the added objects */
    long next = size;
    long metadata = next++, profile = next++;
    form_nums fn = {0};
    if (f->nwidgets > 0) {
        fn.widget = calloc((size_t)f->nwidgets, sizeof *fn.widget);
        fn.on = calloc((size_t)f->nwidgets, sizeof *fn.on);
        fn.groups = calloc((size_t)f->nwidgets, sizeof *fn.groups);
        fn.group_obj = calloc((size_t)f->nwidgets, sizeof *fn.group_obj);
        if (!fn.widget || !fn.on || !fn.groups || !fn.group_obj)
            fail(f, "out of memory");
        for (int i = 0; !f->failed && i < f->nwidgets; i++) {
            const pd_widget *w = &f->widgets[i];
            fn.widget[i] = next++;
            if (w->kind == PD_WIDGET_CHECK)
                fn.on[i] = next++;
            if (w->kind == PD_WIDGET_CHECK && w->state && group_of(&fn, w->field) < 0) {
                fn.groups[fn.ngroups] = (char *)w->field;
                fn.group_obj[fn.ngroups++] = next++;
            }
        }
        fn.off = next++, fn.empty_sig = next++, fn.empty_tx = next++, fn.acroform = next++;
    }
    const held *parent_tree = structure_parent_tree(f);
    if (f->nwidgets > 0 && f->struct_root >= 0 && !f->failed) {
        fn.key = parent_tree ? parent_tree_next_key(parent_tree->text) : -1;
        fn.form = calloc((size_t)f->nwidgets, sizeof *fn.form);
        if (fn.key < 0)
            fail(f, "the parent tree is not laid out as expected");
        else if (!fn.form)
            fail(f, "out of memory");
        for (int i = 0; fn.form && i < f->nwidgets; i++)
            fn.form[i] = next++;
    }
    check_markers(f);
    long new_root = f->struct_root >= 0 ? next++ : -1;
    long embedded = f->source ? next++ : -1, filespec = f->source ? next++ : -1;
    /* pages that carry widgets */
    for (int i = 0; i < f->nheld; i++)
        if (f->held[i].page > 0)
            emit_page(f, &f->held[i], &fn);
    if (f->nwidgets > 0)
        emit_form(f, &fn);
    int nulls = 0;
    for (int i = 0; i < f->nheld; i++) {
        const held *h = &f->held[i];
        if (h->page == -3)
            emit_structure_root(f, h, new_root, &fn);
        else if (h->page == -5)
            nulls += emit_array(f, h);
        else if (h->page == -6 && h == parent_tree && fn.form)
            emit_parent_tree(f, h, &fn);
        else if (h->page == -6) {
            place(f, h->num, SIZE_MAX);
            emit(f, h->text, h->len);
        }
    }
    if (nulls != f->ndropped)
        fail(f, "the furniture markers' parent-tree entries are not where expected");
    emit_form_elements(f, &fn);
    pd_buf b;
    char created[40];
    if (!pd_pdf_date(f->date, created, sizeof created))
        snprintf(created, sizeof created, "D:19700101000000Z");
    if (f->source) { /* the project file, associated with the document (PDF/A-3 6.8) */
        pd_buf_init(&b, 1u << 20);
        printfb(&b, "/Type /EmbeddedFile /Subtype /application#2Fxml /Params << /Size %zu "
                    "/ModDate (%s) >> ",
                f->source_len, created);
        if (!b.failed)
            emit_stream(f, embedded, b.data, f->source, f->source_len);
        pd_buf_free(&b);
        pd_buf_init(&b, 1u << 20);
        pd_buf_adds(&b, "<< /Type /Filespec\n   /F ");
        pd_pdf_text_string(&b, f->source_name);
        pd_buf_adds(&b, "\n   /UF ");
        pd_pdf_text_string(&b, f->source_name);
        printfb(&b, "\n   /EF << /F %ld 0 R /UF %ld 0 R >>\n   /AFRelationship /Source\n"
                    "   /Desc (The project description this document was made from)\n"
                    ">>\nendobj\n",
                embedded, embedded);
        begin_obj(f, filespec);
        emit_buf(f, &b);
    }
    pd_buf tree; /* the name tree of attached files */
    pd_buf_init(&tree, 1u << 20);
    if (f->source) {
        pd_buf_adds(&tree, "   /EmbeddedFiles << /Names [ ");
        pd_pdf_text_string(&tree, f->source_name);
        printfb(&tree, " %ld 0 R ] >>\n", filespec);
    }
    for (int i = 0; i < f->nheld; i++)
        if (f->held[i].page == -4 && !tree.failed) {
            size_t nlen = 0;
            char *names = insert_entry(f->held[i].text, f->held[i].len, tree.data, &nlen);
            if (!names)
                fail(f, "out of memory");
            place(f, f->held[i].num, SIZE_MAX);
            emit(f, names, nlen);
            free(names);
        }
    /* metadata and colour */
    const char *producer = "phasedoc " PD_VERSION;
    pd_buf x;
    pd_buf_init(&x, (size_t)1 << 24);
    xmp_packet(f, &x, producer);
    if (!x.failed)
        emit_stream(f, metadata, "/Type /Metadata /Subtype /XML ", x.data, x.len);
    pd_buf_free(&x);
    emit_stream(f, profile, "/N 3 /Filter /FlateDecode ", pd_srgb_icc, pd_srgb_icc_len);
    pd_buf_init(&b, (size_t)1 << 24);
    pd_buf_adds(&b, "<< ");
    info_entry(&b, "Title", f->title);
    info_entry(&b, "Author", f->author);
    info_entry(&b, "Subject", f->subject);
    info_entry(&b, "Keywords", f->keywords);
    info_entry(&b, "Creator", f->creator);
    info_entry(&b, "Producer", producer);
    info_entry(&b, "CreationDate", created);
    info_entry(&b, "ModDate", created);
    pd_buf_adds(&b, ">>\nendobj\n");
    begin_obj(f, info);
    emit_buf(f, &b);
    /* the catalogue */
    pd_buf_init(&b, (size_t)1 << 24);
    if (*f->lang) {
        pd_buf_adds(&b, "   /Lang ");
        pd_pdf_text_string(&b, f->lang);
        pd_buf_adds(&b, "\n");
    }
    printfb(&b, "   /Metadata %ld 0 R\n", metadata);
    printfb(&b, "   /OutputIntents [ << /Type /OutputIntent /S /GTS_PDFA1\n"
                "      /OutputConditionIdentifier (sRGB IEC61966-2.1)\n"
                "      /RegistryName (http://www.color.org)\n"
                "      /Info (sRGB IEC61966-2.1)\n"
                "      /DestOutputProfile %ld 0 R >> ]\n",
            profile);
    pd_buf_adds(&b, "   /ViewerPreferences << /DisplayDocTitle true >>\n");
    /* cairo says a document is marked only when its first structure element is one that
     * may stand at the top (cairo-tag-stack.c); a page's first is now a furniture marker */
    if (f->struct_root >= 0 && !strstr(catalog->text, "/MarkInfo"))
        pd_buf_adds(&b, "   /MarkInfo << /Marked true >>\n");
    if (f->nwidgets > 0)
        printfb(&b, "   /AcroForm %ld 0 R\n", fn.acroform);
    if (f->source) {
        printfb(&b, "   /AF [ %ld 0 R ]\n", filespec);
        if (f->names < 0) { /* cairo wrote no name dictionary: one of our own */
            pd_buf_adds(&b, "   /Names <<\n");
            pd_buf_adds(&b, tree.data);
            pd_buf_adds(&b, "   >>\n");
        }
    }
    pd_buf_free(&tree);
    size_t clen = 0;
    char *cat = b.failed ? NULL : insert_entry(catalog->text, catalog->len, b.data, &clen);
    if (cat && new_root >= 0) { /* the catalogue names the new root */
        char old_ref[48], new_ref[48];
        snprintf(old_ref, sizeof old_ref, "/StructTreeRoot %ld 0 R", f->struct_root);
        snprintf(new_ref, sizeof new_ref, "/StructTreeRoot %ld 0 R", new_root);
        char *at = strstr(cat, old_ref);
        size_t lo = strlen(old_ref), ln = strlen(new_ref);
        char *c2 = at ? malloc(clen - lo + ln + 1) : NULL;
        if (c2) {
            size_t head = (size_t)(at - cat);
            memcpy(c2, cat, head);
            memcpy(c2 + head, new_ref, ln);
            memcpy(c2 + head + ln, at + lo, clen - head - lo + 1);
            free(cat);
            cat = c2;
            clen = clen - lo + ln;
        } else
            fail(f, "the catalogue does not name the structure tree as expected");
    }
    pd_buf_free(&b);
    if (!cat)
        fail(f, "out of memory");
    place(f, root, SIZE_MAX);
    emit(f, cat, clen);
    free(cat);
    free(fn.widget), free(fn.on), free(fn.groups), free(fn.group_obj), free(fn.form);
    if (f->failed)
        return PD_ERR_SYSTEM;
    /* the file identifier: a digest of everything before it, so the same document gives the
     * same bytes and a different one a different identifier */
    guint8 digest[32];
    gsize dlen = sizeof digest;
    GChecksum *copy = g_checksum_copy(f->sum); /* getting a digest closes a checksum */
    g_checksum_get_digest(copy, digest, &dlen);
    g_checksum_free(copy);
    char id[33];
    pd_hex(digest, 16, id);
    size_t xref_at = f->out_off;
    pd_buf_init(&b, (size_t)1 << 30);
    printfb(&b, "xref\n0 %ld\n0000000000 65535 f \n", next);
    for (long i = 1; i < next; i++) {
        if ((size_t)i < f->nat && f->new_at[i] != SIZE_MAX)
            printfb(&b, "%010zu 00000 n \n", f->new_at[i]);
        else
            pd_buf_adds(&b, "0000000000 65535 f \n");
    }
    printfb(&b, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n   /Info %ld 0 R\n"
                "   /ID [ <%s> <%s> ]\n>>\nstartxref\n%zu\n%%%%EOF\n",
            next, root, info, id, id, xref_at);
    emit_buf(f, &b);
    return f->failed ? PD_ERR_SYSTEM : PD_OK;
}
