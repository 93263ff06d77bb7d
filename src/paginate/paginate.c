/* paginate.c — items onto pages: page breaks between lines with widows and orphans, chains
 * kept with the next block, table headers repeated after a break. */
#include "flow.h"
#include "array.h"
#include "lines.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct pd_pager {
    pd_layout *lay;
    pd_para **note_body;    /* footnote bodies by number - 1, shaped when first needed */
    pd_para **note_mark;
    int *notes_here;        /* numbers of the footnotes on the current page */
    int nslots;             /* footnote slots ready in the three arrays (met so far) */
    size_t capbody, capmark, caphere;
    int nhere;
    double notes_h;         /* their height, with the separator */
    const pd_master *master;
    const pd_master *next_master;
    pd_page *page;
    double y, top, bottom, left;
    double after; /* the space after the last item placed */
    bool fresh;   /* nothing placed on this page yet */
    /* A keep chain longer than a page flows: of its items still to come, how many, and how
     * many of those belong to its start (which never leaves it). */
    int chain_rest, chain_firm;
    bool stopped;
};
typedef struct pd_pager pager;

enum { NOTE_GAP = 10 }; /* points between the body and the footnotes, with a short rule */

/* A completed page: drawn now and freed while streaming (see engine.h). */
static void finish_page(pager *pg)
{
    pd_layout *lay = pg->lay;
    if (!lay->book.streaming && lay->book.sink && lay->book.npages > PD_STREAM_AFTER) {
        lay->book.streaming = true; /* a long document: the pages so far go too */
        for (int i = 0; i < lay->book.npages - 1; i++) {
            if (lay->book.drawing) /* (a document drawn in its only pass) */
                lay->book.sink(lay->book.sink_user, lay, i);
            pd_frag_free(&lay->book.pages[i].body);
        }
    }
    if (!lay->book.streaming)
        return;
    if (lay->book.drawing)
        lay->book.sink(lay->book.sink_user, lay, (int)(pg->page - lay->book.pages));
    pd_frag_free(&pg->page->body);
}

/* Sets the page's footnotes at its foot, above the bottom margin; the page is complete. */
static void close_page(pager *pg)
{
    if (!pg->page)
        return;
    if (pg->nhere == 0) {
        finish_page(pg);
        return;
    }
    pd_frag *f = &pg->page->body;
    double bottom = pg->master->height - pg->master->margin_bottom;
    double y = bottom - pg->notes_h + NOTE_GAP;
    pd_box *rule = pd_frag_add(f, PD_BOX_LINE, pg->left, y - NOTE_GAP / 2.0, 60, 0);
    rule->color = pg->lay->doc.flow_style.color;
    rule->stroke = 0.5;
    for (int i = 0; i < pg->nhere; i++) {
        int k = pg->notes_here[i] - 1;
        pd_para *mark = pg->note_mark[k], *body = pg->note_body[k];
        double indent = pg->lay->doc.flow_style.font_size;
        pd_frag_add_lines(f, mark, 0, mark->nlines, pg->left, y);
        pd_frag_add_lines(f, body, 0, body->nlines, pg->left + indent, y);
        pd_frag_own(f, pd_para_ref(mark));
        pd_frag_own(f, pd_para_ref(body));
        y += body->height + 2;
    }
    pg->nhere = 0;
    pg->notes_h = 0;
    finish_page(pg);
}

/* Room in the footnote arrays for every footnote met so far. */
static bool notes_room(pager *pg)
{
    int need = pg->lay->pass.nnotes;
    if (need <= pg->nslots)
        return true;
    if (!PD_ARRAY_RESERVE(pg->note_body, pg->capbody, need) ||
        !PD_ARRAY_RESERVE(pg->note_mark, pg->capmark, need) ||
        !PD_ARRAY_RESERVE(pg->notes_here, pg->caphere, need))
        return false;
    for (int i = pg->nslots; i < need; i++)
        pg->note_body[i] = pg->note_mark[i] = NULL;
    pg->nslots = need;
    return true;
}

/* The footnote body of number n, shaped once. */
static pd_para *note_body(pager *pg, int n)
{
    pd_layout *lay = pg->lay;
    if (n < 1 || n > lay->pass.nnotes || !notes_room(pg))
        return NULL;
    if (!pg->note_body[n - 1]) {
        pd_style st = lay->doc.flow_style;
        st.font_size *= 0.8;
        st.align = PD_ALIGN_LEFT;
        pd_style_apply_named(lay->doc.ctx, lay->doc.file, lay->doc.styles, "footnote", &st);
        char num[16];
        snprintf(num, sizeof num, "%d", n);
        pg->note_mark[n - 1] = pd_para_new_text(&lay->pass.text, num, &st, -1);
        pg->note_body[n - 1] = pd_para_new(&lay->pass.text, lay->pass.notes[n - 1].node, &st,
                                           lay->doc.flow_width - lay->doc.flow_style.font_size);
        if (!pg->note_mark[n - 1] || !pg->note_body[n - 1]) {
            pd_para_free(pg->note_mark[n - 1]);
            pd_para_free(pg->note_body[n - 1]);
            pg->note_mark[n - 1] = pg->note_body[n - 1] = NULL;
        }
    }
    return pg->note_body[n - 1];
}

/* Height the footnotes referenced from lines [first, last) of p would add to the page. */
static double notes_height(pager *pg, const pd_para *p, int first, int last)
{
    if (p->nnotes == 0)
        return 0;
    double h = 0;
    int from = pd_para_line_start(p, first), to = pd_para_line_start(p, last);
    for (int i = 0; i < p->nnotes; i++)
        if (p->notes[i].index >= from && p->notes[i].index < to) {
            pd_para *b = note_body(pg, p->notes[i].number);
            h += b ? b->height + 2 : 0;
        }
    return h > 0 && pg->nhere == 0 ? h + NOTE_GAP : h;
}

static void add_notes(pager *pg, const pd_para *p, int first, int last)
{
    double h = notes_height(pg, p, first, last);
    if (h == 0)
        return;
    int from = pd_para_line_start(p, first), to = pd_para_line_start(p, last);
    for (int i = 0; i < p->nnotes; i++)
        if (p->notes[i].index >= from && p->notes[i].index < to &&
            pg->note_body[p->notes[i].number - 1])
            pg->notes_here[pg->nhere++] = p->notes[i].number;
    pg->notes_h += h;
    pg->bottom -= h;
}

static bool new_page(pager *pg, const pd_master *master)
{
    pd_layout *lay = pg->lay;
    close_page(pg);
    if (lay->book.npages >= lay->doc.max_pages) {
        if (!pg->stopped)
            pd_diag_raise(lay->doc.ctx, PD_ERROR, lay->doc.file, 0, 0,
                          "the document exceeds the limit of %d pages (--max-pages)",
                          lay->doc.max_pages);
        pg->stopped = true;
        return false;
    }
    if (!PD_ARRAY_RESERVE(lay->book.pages, lay->book.cappages, lay->book.npages + 1)) {
        pd_error(lay->doc.ctx, "out of memory");
        pg->stopped = true;
        return false;
    }
    pd_page *page = &lay->book.pages[lay->book.npages++];
    *page = (pd_page){.master = master};
    pg->page = page;
    pg->master = master;
    pg->top = pg->y = master->margin_top;
    pg->bottom = master->height - master->margin_bottom;
    pg->left = master->margin_left;
    pg->fresh = true;
    return true;
}

static bool next_page(pager *pg, const char *master_name)
{
    const pd_master *m = master_name ? pd_layout_find_master(pg->lay, master_name) : NULL;
    if (master_name && !m)
        pd_diag_raise(pg->lay->doc.ctx, PD_ERROR, pg->lay->doc.file, 0, 0,
                      "<page-break>: no page master named '%s'", master_name);
    if (m)
        pg->next_master = m;
    return new_page(pg, m ? m : pg->next_master);
}

static double lines_height(const pd_para *p, int first, int last)
{
    if (first >= last)
        return 0;
    return p->lines[last - 1].top + p->lines[last - 1].height - p->lines[first].top;
}

/* The height an item needs at least on the page where it starts. */
static double start_height(const pd_item *it)
{
    double head = it->table && it->table_first ? it->table->frag.height : 0;
    if (it->kind == PD_ITEM_LINES) {
        int n = it->para->nlines;
        int k = it->orphans < n ? it->orphans : n;
        return lines_height(it->para, 0, k);
    }
    return head + it->frag.height;
}

static double full_height(const pd_item *it)
{
    double head = it->table && it->table_first ? it->table->frag.height : 0;
    return it->kind == PD_ITEM_LINES ? it->para->height : head + it->frag.height;
}

static double gap_before(const pager *pg, const pd_item *it, double after)
{
    if (pg->fresh)
        return 0;
    return it->space_before > after ? it->space_before : after;
}

/* Height of a keep-with-next chain starting at i: every kept item whole, then the start of
 * the item the chain keeps with. */
static double chain_height(const pd_items *items, int i, double after)
{
    double h = 0;
    for (int k = i; k < items->n; k++) {
        const pd_item *it = &items->items[k];
        if (it->kind == PD_ITEM_BREAK)
            break;
        if (k > i)
            h += it->space_before > after ? it->space_before : after;
        after = it->space_after;
        if (!it->keep_with_next || k + 1 == items->n) {
            h += start_height(it);
            break;
        }
        h += full_height(it);
    }
    return h;
}

/* The height of the part of an item that must stand on a page below what keeps with it: a
 * block taller than a page is cut where it stands, so a few lines' worth of it. */
static double first_part(const pd_item *it, double page)
{
    double h = start_height(it);
    double some = page / 8;
    return h > page && some < h ? some : h;
}

/* The start of a keep chain from i that is longer than a page: the items kept with it up to
 * the first block that is more than a lead (a heading, a lead paragraph, then a table), of
 * which only the first part must come along. Returns that block's index (items->n if a break
 * comes first) and sets *need to the height of the start. A typesetter keeps a heading and its
 * lead with the first lines or rows of what follows, not with all of it. */
static int chain_start(const pager *pg, const pd_items *items, int i, double *need)
{
    double after = 0, page = pg->bottom - pg->top;
    *need = 0;
    for (int k = i; k < items->n; k++) {
        const pd_item *it = &items->items[k];
        if (it->kind == PD_ITEM_BREAK)
            return items->n;
        if (k > i)
            *need += it->space_before > after ? it->space_before : after;
        after = it->space_after;
        if (!it->keep_with_next || k + 1 == items->n || (k > i && !it->heading &&
                                                       full_height(it) > page / 4)) {
            *need += first_part(it, page);
            return k;
        }
        *need += full_height(it);
    }
    return items->n;
}

/* Whether the start of the chain from i (see chain_start) would end the page at y: the first
 * part of the block it introduces does not fit below it. Used where the chain is longer than
 * a page and cannot be kept whole. */
static bool chain_start_would_end_page(const pager *pg, const pd_items *items, int i, double y)
{
    double need;
    if (chain_start(pg, items, i, &need) == items->n)
        return false;
    /* (a start that fills a page by itself ends it wherever it starts) */
    return need <= pg->bottom - pg->top && y + need > pg->bottom + 0.01;
}

/* The number of items of the keep chain from i: i and those it keeps with. */
static int chain_length(const pd_items *items, int i)
{
    int k = i;
    while (k + 1 < items->n && items->items[k].keep_with_next &&
           items->items[k + 1].kind != PD_ITEM_BREAK)
        k++;
    return k - i + 1;
}

/* Records where the block with id (taken) starts. */
static void add_anchor(pager *pg, char *id, double x, double y)
{
    pd_layout *lay = pg->lay;
    if (!PD_ARRAY_RESERVE(lay->book.anchors, lay->book.capanchors, lay->book.nanchors + 1)) {
        free(id);
        return;
    }
    lay->book.anchors[lay->book.nanchors++] = (pd_anchor){id, lay->book.npages, x, y};
}

/* The item's own id, and those of the blocks stacked inside its fragment. */
static void record_anchor(pager *pg, pd_item *it, double x, double y)
{
    if (it->anchor)
        add_anchor(pg, it->anchor, x, y);
    it->anchor = NULL; /* the layout owns it now */
    for (int i = 0; i < it->frag.nanchors; i++)
        add_anchor(pg, it->frag.anchors[i].id, x, y + it->frag.anchors[i].y);
    it->frag.nanchors = 0;
}

/* Splits f at about room: what starts below the cut (or is a line crossing it) moves to rest,
 * shifted up; rectangles and rules crossing it are cut in two. Returns the cut, 0 if nothing
 * fits above it. */
static double split_frag(pd_frag *f, double room, pd_frag *rest)
{
    double cut = room;
    for (int i = 0; i < f->nboxes; i++) { /* never through a line of text */
        const pd_box *b = &f->boxes[i];
        if ((b->kind == PD_BOX_TEXT || b->kind == PD_BOX_IMAGE || b->kind == PD_BOX_SVG ||
             b->kind == PD_BOX_PATH) &&
            b->y < cut && b->y + b->h > cut)
            cut = b->y;
    }
    if (cut <= 0)
        return 0;
    pd_frag keep;
    pd_frag_init(&keep);
    for (int i = 0; i < f->nboxes; i++) {
        pd_box b = f->boxes[i];
        bool vertical = b.kind == PD_BOX_FILL || b.kind == PD_BOX_FRAME ||
                        (b.kind == PD_BOX_LINE && b.h != 0);
        if (b.y + (b.kind == PD_BOX_TEXT ? b.h : 0) <= cut && !(vertical && b.y + b.h > cut)) {
            *pd_frag_add(&keep, b.kind, b.x, b.y, b.w, b.h) = b;
        } else if (b.y >= cut && b.kind == PD_BOX_PATH) { /* rest gets points of its own */
            pd_box *c = pd_frag_add_path(rest, b.x, b.y - cut, b.path, b.npoints, b.fill, b.color);
            if (c) {
                c->stroke = b.stroke;
                c->tag = b.tag;
            }
        } else if (b.y >= cut) {
            b.y -= cut;
            *pd_frag_add(rest, b.kind, b.x, b.y, b.w, b.h) = b;
        } else { /* a rectangle or vertical rule crossing the cut */
            pd_box top = b, bottom = b;
            top.h = cut - b.y;
            bottom.y = 0;
            bottom.h = b.y + b.h - cut;
            *pd_frag_add(&keep, b.kind, top.x, top.y, top.w, top.h) = top;
            *pd_frag_add(rest, b.kind, bottom.x, bottom.y, bottom.w, bottom.h) = bottom;
        }
    }
    /* Both halves draw from the same paragraphs and paths. */
    for (int i = 0; i < f->nparas; i++)
        pd_frag_own(rest, pd_para_ref(f->paras[i]));
    rest->height = f->height - cut;
    free(f->boxes);
    f->boxes = keep.boxes;
    f->nboxes = keep.nboxes;
    f->capboxes = keep.capboxes;
    f->height = cut;
    return cut;
}

/* A page break before item it: inside a table, the "continued" rows close the page and the
 * header opens the next (whatever asked for the break: the row's height or a keep). */
static bool break_before(pager *pg, const pd_item *it)
{
    bool continues = it->table && !it->table_first;
    if (continues && it->table->cont.height > 0) {
        pd_frag_share(&pg->page->body, &it->table->cont, pg->left + it->x, pg->y);
        pg->y += it->table->cont.height;
    }
    if (!next_page(pg, NULL))
        return false;
    if (continues) {
        pd_frag_share(&pg->page->body, &it->table->frag, pg->left + it->x, pg->y);
        pg->y += it->table->frag.height;
    }
    return true;
}

/* Where a group of table rows held together (a row span) that does not fit below y + gap is
 * better cut between its rows than moved: when moving it would leave the page less than a
 * quarter full (a billing period of the offer, glued into one group, is nearly a page high
 * with long data). Returns the end of the last row that fits, 0 to move it whole. */
static double rows_cut(const pager *pg, const pd_item *it, double gap)
{
    double room = pg->bottom - pg->top;
    if (it->nrow_ends < 2 || !it->table || pg->y - pg->top >= room / 4)
        return 0;
    double head = it->table_first ? it->table->frag.height : 0;
    double avail = pg->bottom - (pg->y + gap + head + it->table->cont.height);
    double cut = 0;
    for (int r = 0; r < it->nrow_ends - 1; r++)
        if (it->row_ends[r] <= avail + 0.01)
            cut = it->row_ends[r];
    return cut;
}

static void place_block(pager *pg, pd_item *it, double gap)
{
    double h = full_height(it);
    /* Inside a table that goes on, room must stay for its "continued" rows. */
    double cont = it->table && !it->table_last ? it->table->cont.height : 0;
    /* A block taller than any page is cut anyway: it starts here, below what keeps with it,
     * if a good part of the page is left (a heading stays with its chart). */
    double page = pg->bottom - pg->top;
    bool cut_here = !it->table && h > page && pg->bottom - (pg->y + gap) >= page / 4;
    bool too_tall = pg->y + gap + h + cont > pg->bottom && !pg->fresh && !cut_here;
    double rows = too_tall ? rows_cut(pg, it, gap) : 0, part = 0;
    pd_frag tail;
    pd_frag_init(&tail);
    if (rows > 0 && (part = split_frag(&it->frag, rows, &tail)) <= 0)
        pd_frag_free(&tail); /* a cell spanning the rows has text across the cut */
    if (part > 0) {
        /* its first rows here, the others on the next page below the header */
        pg->y += gap;
        gap = 0;
        record_anchor(pg, it, pg->left + it->x, pg->y);
        if (it->table_first) {
            pd_frag_share(&pg->page->body, &it->table->frag, pg->left + it->x, pg->y);
            pg->y += it->table->frag.height;
        }
        pd_frag_move(&pg->page->body, &it->frag, pg->left + it->x, pg->y);
        pd_frag_free(&it->frag);
        it->frag = tail;
        pg->y += part;
        pg->fresh = false;
        it->table_first = false; /* the table goes on: "continued", then its header again */
        if (!break_before(pg, it))
            return;
    } else if (too_tall) {
        if (!break_before(pg, it))
            return;
        gap = 0;
    }
    pg->y += gap;
    record_anchor(pg, it, pg->left + it->x, pg->y);
    if (it->table && it->table_first) {
        pd_frag_share(&pg->page->body, &it->table->frag, pg->left + it->x, pg->y);
        pg->y += it->table->frag.height;
    }
    /* Taller than what is left of a fresh page (a huge row, a long box): cut it between
     * lines, page after page, the table's header repeated above each part. */
    while (it->frag.height > pg->bottom - pg->y && (pg->fresh || cut_here) && !pg->stopped) {
        cut_here = false;
        pd_frag rest;
        pd_frag_init(&rest);
        double cut = split_frag(&it->frag, pg->bottom - pg->y, &rest);
        if (cut <= 0) {
            pd_frag_free(&rest);
            break;
        }
        pd_frag_move(&pg->page->body, &it->frag, pg->left + it->x, pg->y);
        pd_frag_free(&it->frag);
        it->frag = rest;
        if (!next_page(pg, NULL))
            return;
        if (it->table) {
            pd_frag_share(&pg->page->body, &it->table->frag, pg->left + it->x, pg->y);
            pg->y += it->table->frag.height;
        }
    }
    double fh = it->frag.height;
    pd_frag_move(&pg->page->body, &it->frag, pg->left + it->x, pg->y);
    pg->y += fh;
    pg->fresh = false;
}

/* How many lines from first fit above the bottom of the page, with their footnotes. */
static int lines_fitting(pager *pg, const pd_para *p, int first, double y)
{
    int k = 0;
    while (first + k < p->nlines &&
           y + lines_height(p, first, first + k + 1) + notes_height(pg, p, first, first + k + 1) <=
               pg->bottom + 0.01)
        k++;
    return k;
}

static void place_lines(pager *pg, pd_item *it, double gap)
{
    pd_para *p = it->para;
    int n = p->nlines, start = 0;
    while (start < n && !pg->stopped) {
        double y = pg->y + gap;
        int k = lines_fitting(pg, p, start, y);
        if (k < n - start) {
            int orphans = it->orphans < n ? it->orphans : n;
            int rest = n - start - k;
            if (rest < it->widows)
                k -= it->widows - rest; /* leave enough lines for the next page */
            if ((start == 0 && k < orphans) || k < 1) {
                if (!pg->fresh) {
                    if (!next_page(pg, NULL))
                        return;
                    gap = 0;
                    continue;
                }
                /* Even a fresh page cannot honour the rule: fill it. */
                k = lines_fitting(pg, p, start, y);
                if (k < 1)
                    k = 1;
            }
        }
        /* what hangs on the first line (a list item's marker) comes first: it is read first */
        if (start == 0) {
            record_anchor(pg, it, pg->left + it->x, y);
            pd_frag_move(&pg->page->body, &it->frag, pg->left + it->x, y);
        }
        pd_frag_add_lines(&pg->page->body, p, start, start + k, pg->left + it->x, y);
        add_notes(pg, p, start, start + k);
        /* every page that shows lines of it keeps the paragraph alive: a page may be drawn
         * and freed before the paragraph ends (streaming) */
        pd_frag_own(&pg->page->body, pd_para_ref(p));
        pg->y = y + lines_height(p, start, start + k);
        pg->fresh = false;
        start += k;
        gap = 0;
        if (start < n && !next_page(pg, NULL))
            return;
    }
}

pager *pd_pager_begin(pd_layout *lay, const pd_master *first, const pd_master *next)
{
    pager *pg = calloc(1, sizeof *pg);
    if (!pg)
        return NULL;
    pg->lay = lay;
    pg->next_master = next;
    new_page(pg, first);
    return pg;
}

void pd_pager_end(pager *pg)
{
    if (!pg)
        return;
    pg->lay->book.ended_fresh = pg->page && pg->fresh;
    close_page(pg);
    for (int i = 0; i < pg->nslots; i++) {
        pd_para_free(pg->note_body[i]);
        pd_para_free(pg->note_mark[i]);
    }
    free(pg->note_body);
    free(pg->note_mark);
    free(pg->notes_here);
    free(pg);
}

void pd_pager_place(pager *pg, pd_items *items, int upto)
{
    pd_layout *lay = pg->lay;
    for (int i = 0; i < upto && !pg->stopped; i++) {
        pd_item *it = &items->items[i];
        if (it->kind == PD_ITEM_BREAK) {
            if (!pg->fresh) {
                next_page(pg, it->master);
            } else if (it->master) { /* nothing on this page yet: just change its design */
                pd_frag_free(&pg->page->body);
                pg->page = NULL; /* not a completed page */
                lay->book.npages--;
                next_page(pg, it->master);
            }
            pg->after = 0;
            pg->chain_rest = pg->chain_firm = 0;
            continue;
        }
        double gap = gap_before(pg, it, pg->after);
        bool inside = pg->chain_rest > 0, firm = pg->chain_firm > 0;
        if (inside) {
            pg->chain_rest--;
            pg->chain_firm -= firm;
        }
        if (it->keep_with_next) {
            double chain = chain_height(items, i, pg->after);
            double room = pg->bottom - pg->top;
            bool fits = pg->y + gap + chain <= pg->bottom;
            bool move;
            if (!inside && chain > room) {
                /* A chain longer than a page cannot be kept: it flows from here, its start
                 * (heading, lead, the first part of what they introduce) on one page. */
                double need;
                pg->chain_rest = chain_length(items, i) - 1;
                pg->chain_firm = chain_start(pg, items, i, &need) - i;
                move = chain_start_would_end_page(pg, items, i, pg->y + gap);
            } else if (inside) {
                /* Inside such a chain, a keep holds past its start only (the rows that keep
                 * the last two of a table together), and only where it leaves little of the
                 * page empty; a heading never ends a page. */
                bool little_left = pg->bottom - pg->y <= room / 4;
                move = (!firm && chain <= room && !fits && little_left) ||
                       (it->heading && chain_start_would_end_page(pg, items, i, pg->y + gap));
            } else {
                move = !fits;
            }
            if (move && !pg->fresh) {
                if (!break_before(pg, it))
                    break;
                gap = 0;
            }
        }
        if (it->kind == PD_ITEM_LINES)
            place_lines(pg, it, gap);
        else
            place_block(pg, it, gap);
        pg->after = it->space_after;
    }
}
