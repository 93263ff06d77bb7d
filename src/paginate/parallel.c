/* parallel.c — the parts of a flow (parts.c) laid out on several threads, their pages drawn
 * in page order on the calling thread.
 *
 * What each layout thread has of its own: a pd_ctx (diagnostics, the shaped-text and
 * hyphenation caches), and through it a fontconfig configuration, a Pango font map and
 * context (Pango's are not thread-safe; fontconfig is, and libhyphen's dictionaries are
 * loaded once under a lock, hyphenate.c). What the threads share, only reading it: the
 * layout XML tree (libxml2 reads a tree from several threads; nothing of the layout writes to
 * it, the headings' _private links are made before) and the document model (masters, styles,
 * headings). The process-wide state stays on the calling thread: FONTCONFIG_FILE is set and
 * fontconfig's current configuration chosen (fonts.c) while the thread contexts are made,
 * before any thread starts; images, whose cache belongs to the caller's context, keep a flow
 * whole (parts.c); libxml2's memory functions (xml.c) count with atomics.
 *
 * Work goes in rounds: the threads lay out a round of parts and end. Meanwhile the calling
 * thread raises the diagnostics of the round before in part order, draws its pages and frees
 * them. Each thread has two slots, one for even rounds and one for odd ones, so no font object
 * is used by two threads at a time (the drawing uses the fonts a part was shaped with: cairo
 * finds the same font face for the same font file, whichever font map asks, so the PDF's font
 * subsets are the same), memory holds two rounds, and the output is the one pass the whole
 * flow would have drawn. */
#include "parts.h"
#include "array.h"
#include "fonts.h"
#include "util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* Parts per thread in a round: enough that threads seldom wait for the slowest part. */
enum { ROUND_PARTS = 16 };

/* A diagnostic of a part, raised again on the caller's context in part order. */
typedef struct {
    pd_severity severity;
    char *file, *message;
    int line, column;
} kept_diag;

typedef struct {
    pd_part range;
    pd_layout *lay; /* laid out, until drawn */
    kept_diag *diags;
    int ndiags;
    size_t capdiags;
} part;

typedef struct {
    pd_ctx *ctx;
    pd_text_env text;
    part *current; /* being laid out: its diagnostics */
} slot;

typedef struct {
    pd_layout *whole;
    const pd_master *first, *next;
    part *parts;
    atomic_int next_part;
    int end; /* of the round */
} round_work;

typedef struct {
    round_work *work;
    slot *slot;
} thread_arg;

static void keep_diag(const pd_diag *d, void *user)
{
    part *p = ((slot *)user)->current;
    if (!p)
        return;
    if (!PD_ARRAY_RESERVE(p->diags, p->capdiags, p->ndiags + 1))
        return; /* noted: the render fails with out of memory */
    p->diags[p->ndiags++] = (kept_diag){d->severity, d->file ? pd_strdup(d->file) : NULL,
                                        pd_strdup(d->message ? d->message : ""), d->line,
                                        d->column};
}

static void lay_out_parts(round_work *w, slot *s)
{
    for (;;) {
        int k = atomic_fetch_add(&w->next_part, 1);
        if (k >= w->end)
            return;
        part *p = &w->parts[k];
        s->current = p;
        pd_ctx_clear_diags(s->ctx);
        p->lay = pd_layout_part_new(w->whole, &s->text);
        if (p->lay)
            pd_layout_part_run(p->lay, p->range.first, p->range.stop, w->first, w->next);
        else
            pd_error(s->ctx, "out of memory");
        s->current = NULL;
    }
}

static void *thread_main(void *arg)
{
    thread_arg *a = arg;
    lay_out_parts(a->work, a->slot);
    return NULL;
}

/* The threads of a round, laying out parts [start, end) on a set of slots while the calling
 * thread draws the round before. */
typedef struct {
    pthread_t *threads;
    thread_arg *args;
    bool *started;
    int n;
} crew;

static void start_round(crew *c, round_work *w, slot *slots, int nslots, int start, int end)
{
    atomic_store(&w->next_part, start);
    w->end = end;
    c->n = end - start < nslots ? end - start : nslots;
    int running = 0;
    for (int i = 0; i < c->n; i++) {
        c->args[i] = (thread_arg){w, &slots[i]};
        c->started[i] = pthread_create(&c->threads[i], NULL, thread_main, &c->args[i]) == 0;
        running += c->started[i];
    }
    if (!running) /* no thread at all: the calling thread lays the round out */
        lay_out_parts(w, &slots[0]);
}

static void join_round(crew *c)
{
    for (int i = 0; i < c->n; i++)
        if (c->started[i])
            pthread_join(c->threads[i], NULL);
    c->n = 0;
}

/* Raises a part's diagnostics on the caller's context, as if it had laid the part out. */
static void raise_kept(pd_ctx *ctx, part *p)
{
    for (int i = 0; i < p->ndiags; i++) {
        kept_diag *d = &p->diags[i];
        pd_diag_raise(ctx, d->severity, d->file, d->line, d->column, "%s", d->message);
        free(d->file);
        free(d->message);
    }
    free(p->diags);
    p->diags = NULL;
    p->ndiags = p->capdiags = 0;
}

/* The pages a part adds. A part's last page begun with nothing on it is the page the next
 * part starts on: the whole flow's break there falls on a fresh page and does nothing. At
 * the end of the flow it stays, as the whole flow leaves it. */
static int pages_of(const part *p, bool last)
{
    int n = p->lay ? p->lay->book.npages : 0;
    return n > 0 && !last && p->lay->book.ended_fresh ? n - 1 : n;
}

/* Hands the pages of a part to the layout's sink as the pages of the whole document. */
static bool draw_part(pd_layout *lay, part *p, int npages)
{
    pd_book *part_book = &p->lay->book, *book = &lay->book;
    int nanchors = book->nanchors + part_book->nanchors;
    if (!PD_ARRAY_RESERVE(book->anchors, book->capanchors, nanchors) ||
        !PD_ARRAY_RESERVE(book->pages, book->cappages, book->npages + npages)) {
        pd_error(lay->doc.ctx, "out of memory");
        return false;
    }
    for (int i = 0; i < part_book->nanchors; i++) { /* taken */
        pd_anchor a = part_book->anchors[i];
        a.page += book->npages;
        book->anchors[book->nanchors++] = a;
    }
    part_book->nanchors = 0;
    for (int i = 0; i < npages; i++) {
        int g = book->npages++;
        book->pages[g] = part_book->pages[i]; /* taken: its fragments are freed here */
        memset(&part_book->pages[i], 0, sizeof part_book->pages[i]);
        book->sink(book->sink_user, lay, g);
        pd_frag_free(&book->pages[g].body);
    }
    return true;
}

static void free_slots(slot *slots, int n)
{
    for (int i = 0; i < n; i++)
        pd_ctx_free(slots[i].ctx); /* with its fonts and caches */
    free(slots);
}

/* A context and fonts for each thread, made here, before any thread runs (fonts.c sets
 * FONTCONFIG_FILE). NULL if they cannot be had: the flow is then laid out whole. */
static slot *make_slots(const pd_layout *lay, int n, const char *const *font_dirs)
{
    slot *slots = calloc((size_t)n, sizeof *slots);
    for (int i = 0; slots && i < n; i++) {
        slot *s = &slots[i];
        s->ctx = pd_ctx_new();
        s->text = lay->pass.text;
        if (!s->ctx || !pd_fonts_open(s->ctx, font_dirs, &s->text)) {
            free_slots(slots, i + 1);
            return NULL;
        }
        s->text.ctx = s->ctx;
        pd_fonts_make_faces(&s->text);
        pd_ctx_set_strict(s->ctx, lay->doc.ctx->strict);
        pd_ctx_set_diag_handler(s->ctx, keep_diag, s);
    }
    return slots;
}

static void page_limit(pd_layout *lay)
{
    pd_diag_raise(lay->doc.ctx, PD_ERROR, lay->doc.file, 0, 0,
                  "the document exceeds the limit of %d pages (--max-pages)",
                  lay->doc.max_pages);
}

/* Raises the diagnostics of parts [start, end), draws their pages unless counting, and frees
 * them; *pages counts the pages. */
static void finish_round(pd_layout *lay, part *parts, int start, int end, int nparts,
                         bool counting, int errors_before, int *pages)
{
    pd_ctx *ctx = lay->doc.ctx;
    for (int k = start; k < end; k++) {
        part *p = &parts[k];
        raise_kept(ctx, p);
        int n = pages_of(p, k == nparts - 1);
        bool fine = pd_ctx_error_count(ctx) == errors_before;
        if (fine && *pages + n > lay->doc.max_pages)
            page_limit(lay);
        else if (fine && !counting)
            draw_part(lay, p, n);
        *pages += n;
        pd_layout_part_free(p->lay);
        p->lay = NULL;
    }
}

/* One pass over all parts in rounds, drawing them unless counting. Round r is laid out on
 * slot set r % 2 while the calling thread draws round r - 1, whose fonts are the other set's:
 * no font object is used by two threads at once. Returns the page count, or -1 after an error
 * (every part's diagnostics are raised, as the whole flow's would be). */
static int pass(pd_layout *lay, round_work *w, slot *sets[2], int nslots, crew *c, int nparts,
                bool counting)
{
    int errors_before = pd_ctx_error_count(lay->doc.ctx), pages = 0;
    int per_round = nslots * ROUND_PARTS, prev = -1;
    for (int start = 0, r = 0;; start += per_round, r++) {
        int end = start + per_round < nparts ? start + per_round : nparts;
        if (start < nparts)
            start_round(c, w, sets[r % 2], nslots, start, end);
        if (prev >= 0)
            finish_round(lay, w->parts, prev, start < nparts ? start : nparts, nparts, counting,
                         errors_before, &pages);
        if (start >= nparts)
            break;
        join_round(c);
        prev = start;
    }
    return pd_ctx_error_count(lay->doc.ctx) == errors_before ? pages : -1;
}

bool pd_parts_run(pd_layout *lay, int jobs, const char *const *font_dirs,
                  const pd_master *first, const pd_master *next)
{
    pd_part *ranges;
    int nparts = pd_parts_split(lay->doc.flow_node, first, next, &ranges);
    if (nparts < 2)
        return false;
    int nslots = jobs < nparts ? jobs : nparts;
    part *parts = calloc((size_t)nparts, sizeof *parts);
    crew c = {calloc((size_t)nslots, sizeof *c.threads), calloc((size_t)nslots, sizeof *c.args),
              calloc((size_t)nslots, sizeof *c.started), 0};
    slot *sets[2] = {NULL, NULL};
    if (parts && c.threads && c.args && c.started && (sets[0] = make_slots(lay, nslots, font_dirs)))
        sets[1] = make_slots(lay, nslots, font_dirs);
    if (!sets[1]) {
        if (sets[0])
            free_slots(sets[0], nslots);
        free(parts), free(ranges), free(c.threads), free(c.args), free(c.started);
        return false;
    }
    for (int k = 0; k < nparts; k++)
        parts[k].range = ranges[k];
    free(ranges);
    round_work w = {.whole = lay, .first = first, .next = next, .parts = parts};
    /* "Page X of Y": every part is counted first, then laid out again and drawn, as the
     * whole flow is when it is streamed (layout.c); else one pass draws. */
    lay->book.streaming = lay->book.drawing = true;
    lay->passes = 1;
    int total = 0;
    if (pd_parts_need_total(lay)) {
        total = pass(lay, &w, sets, nslots, &c, nparts, true);
        lay->passes = 2;
    }
    lay->book.total_pages = total;
    if (total >= 0) {
        int drawn = pass(lay, &w, sets, nslots, &c, nparts, false);
        if (drawn >= 0 && lay->passes == 2 && drawn != total)
            pd_error(lay->doc.ctx, "the drawing pass made %d pages, not %d", drawn, total);
    }
    free(parts);
    free_slots(sets[0], nslots);
    free_slots(sets[1], nslots);
    free(c.threads), free(c.args), free(c.started);
    return true;
}
