/* paginate.c — items onto pages: page breaks between lines with widows and orphans, chains
 * kept with the next block, table headers repeated after a break. */
#include "flow.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    pd_layout *lay;
    const pd_master *master;
    const pd_master *next_master;
    pd_page *page;
    double y, top, bottom, left;
    bool fresh; /* nothing placed on this page yet */
    bool stopped;
} pager;

static bool new_page(pager *pg, const pd_master *master)
{
    pd_layout *lay = pg->lay;
    if (lay->npages >= lay->max_pages) {
        if (!pg->stopped)
            pd_diag_raise(lay->ctx, PD_ERROR, lay->file, 0, 0,
                          "the document exceeds the limit of %d pages (--max-pages)",
                          lay->max_pages);
        pg->stopped = true;
        return false;
    }
    if (lay->npages == lay->cappages) {
        int cap = lay->cappages ? lay->cappages * 2 : 8;
        pd_page *p = realloc(lay->pages, (size_t)cap * sizeof *p);
        if (!p) {
            pd_error(lay->ctx, "out of memory");
            pg->stopped = true;
            return false;
        }
        lay->pages = p;
        lay->cappages = cap;
    }
    pd_page *page = &lay->pages[lay->npages++];
    page->master = master;
    pd_frag_init(&page->body);
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
        pd_diag_raise(pg->lay->ctx, PD_ERROR, pg->lay->file, 0, 0,
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

static void place_block(pager *pg, pd_item *it, double gap)
{
    double h = full_height(it);
    if (pg->y + gap + h > pg->bottom && !pg->fresh) {
        if (!next_page(pg, NULL))
            return;
        gap = 0;
        if (it->table) { /* a table continues: its header comes first */
            pd_frag_share(&pg->page->body, &it->table->frag, pg->left + it->x, pg->y);
            pg->y += it->table->frag.height;
        }
    }
    pg->y += gap;
    if (it->table && it->table_first) {
        pd_frag_share(&pg->page->body, &it->table->frag, pg->left + it->x, pg->y);
        pg->y += it->table->frag.height;
    }
    double fh = it->frag.height;
    pd_frag_move(&pg->page->body, &it->frag, pg->left + it->x, pg->y);
    pg->y += fh;
    pg->fresh = false;
}

/* How many lines from first fit above the bottom of the page. */
static int lines_fitting(const pager *pg, const pd_para *p, int first, double y)
{
    int k = 0;
    while (first + k < p->nlines && y + lines_height(p, first, first + k + 1) <= pg->bottom + 0.01)
        k++;
    return k;
}

static void place_lines(pager *pg, pd_item *it, double gap)
{
    pd_para *p = it->para;
    int n = p->nlines, start = 0;
    bool own_kept = false;
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
        pd_frag_add_lines(&pg->page->body, p, start, start + k, pg->left + it->x, y);
        if (start == 0) {
            pd_frag_move(&pg->page->body, &it->frag, pg->left + it->x, y);
        }
        if (!own_kept) { /* the page that shows the first line keeps the paragraph alive */
            pd_frag_own(&pg->page->body, p);
            own_kept = true;
        }
        pg->y = y + lines_height(p, start, start + k);
        pg->fresh = false;
        start += k;
        gap = 0;
        if (start < n && !next_page(pg, NULL))
            return;
    }
    it->para = NULL;
}

void pd_paginate(pd_layout *lay, pd_items *items, const pd_master *first,
                 const pd_master *next)
{
    pager pg = {.lay = lay, .next_master = next};
    if (!new_page(&pg, first))
        return;
    double after = 0;
    for (int i = 0; i < items->n && !pg.stopped; i++) {
        pd_item *it = &items->items[i];
        if (it->kind == PD_ITEM_BREAK) {
            if (!pg.fresh) {
                next_page(&pg, it->master);
            } else if (it->master) { /* nothing on this page yet: just change its design */
                lay->npages--;
                next_page(&pg, it->master);
            }
            after = 0;
            continue;
        }
        double gap = gap_before(&pg, it, after);
        if (it->keep_with_next && !pg.fresh) {
            double chain = chain_height(items, i, after);
            double room = pg.bottom - pg.top;
            /* A chain longer than a page cannot be kept: it breaks where it must. */
            if (chain <= room && pg.y + chain > pg.bottom) {
                if (!next_page(&pg, NULL))
                    break;
                gap = 0;
            }
        }
        if (it->kind == PD_ITEM_LINES)
            place_lines(&pg, it, gap);
        else
            place_block(&pg, it, gap);
        after = it->space_after;
    }
}
