/* box.c — fragments: growable lists of placed boxes. */
#include "box.h"
#include "array.h"
#include "lines.h"

#include <stdlib.h>
#include <string.h>

void pd_frag_init(pd_frag *f) { memset(f, 0, sizeof *f); }

void pd_frag_free(pd_frag *f)
{
    for (int i = 0; i < f->nparas; i++)
        pd_para_free(f->paras[i]);
    for (int i = 0; i < f->npaths; i++)
        free(f->paths[i]);
    free(f->paths);
    for (int i = 0; i < f->nanchors; i++)
        free(f->anchors[i].id);
    free(f->anchors);
    free(f->paras);
    free(f->boxes);
    pd_frag_init(f);
}


/* On allocation failure boxes go to a scratch slot: nothing crashes, and the render fails
 * with "out of memory" (pd_array_grow notes it). */
pd_box *pd_frag_add(pd_frag *f, pd_box_kind kind, double x, double y, double w, double h)
{
    static _Thread_local pd_box scratch; /* one per layout thread (parts.h) */
    if (!PD_ARRAY_RESERVE(f->boxes, f->capboxes, f->nboxes + 1))
        return memset(&scratch, 0, sizeof scratch);
    pd_box *b = &f->boxes[f->nboxes++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->x = x;
    b->y = y;
    b->w = w;
    b->h = h;
    b->stroke = 0.5;
    return b;
}

void pd_frag_own(pd_frag *f, pd_para *para)
{
    if (!para)
        return;
    if (!PD_ARRAY_RESERVE(f->paras, f->capparas, f->nparas + 1)) {
        pd_para_free(para);
        return;
    }
    f->paras[f->nparas++] = para;
}

pd_box *pd_frag_add_path(pd_frag *f, double x, double y, const double *points, int n,
                         bool fill, pd_color color)
{
    double *copy = malloc((size_t)n * 2 * sizeof *copy);
    if (!copy || !PD_ARRAY_RESERVE(f->paths, f->cappaths, f->npaths + 1)) {
        free(copy);
        return NULL;
    }
    memcpy(copy, points, (size_t)n * 2 * sizeof *copy);
    f->paths[f->npaths++] = copy;
    pd_box *b = pd_frag_add(f, PD_BOX_PATH, x, y, 0, 0);
    b->path = copy;
    b->npoints = n;
    b->fill = fill;
    b->color = color;
    return b;
}

void pd_frag_share(pd_frag *dst, const pd_frag *src, double dx, double dy)
{
    for (int i = 0; i < src->nboxes; i++) {
        const pd_box *s = &src->boxes[i];
        if (s->kind == PD_BOX_PATH) { /* the copy needs points of its own */
            pd_box *c = pd_frag_add_path(dst, s->x + dx, s->y + dy, s->path, s->npoints,
                                         s->fill, s->color);
            if (c) {
                c->stroke = s->stroke;
                c->tag = s->tag;
            }
            continue;
        }
        pd_box *b = pd_frag_add(dst, s->kind, s->x + dx, s->y + dy, s->w, s->h);
        pd_box keep = *b;
        *b = *s;
        b->x = keep.x;
        b->y = keep.y;
    }
    for (int i = 0; i < src->nparas; i++)
        pd_frag_own(dst, pd_para_ref(src->paras[i]));
}

void pd_frag_add_anchor(pd_frag *f, char *id, double y)
{
    if (!PD_ARRAY_RESERVE(f->anchors, f->capanchors, f->nanchors + 1)) {
        free(id);
        return;
    }
    f->anchors[f->nanchors++] = (pd_frag_anchor){id, y};
}

void pd_frag_move(pd_frag *dst, pd_frag *src, double dx, double dy)
{
    pd_frag_share(dst, src, dx, dy);
    for (int i = 0; i < src->nparas; i++)
        pd_para_free(src->paras[i]);
    src->nparas = 0;
    for (int i = 0; i < src->nanchors; i++)
        pd_frag_add_anchor(dst, src->anchors[i].id, src->anchors[i].y + dy);
    src->nanchors = 0;
}

void pd_frag_add_lines(pd_frag *f, pd_para *para, int first, int last, double x, double y)
{
    if (first >= last)
        return;
    double top0 = para->lines[first].top;
    for (int i = first; i < last; i++) {
        const pd_line *l = &para->lines[i];
        pd_box *b = pd_frag_add(f, PD_BOX_TEXT, x + l->x, y + l->top - top0, para->width,
                                l->height);
        b->para = para;
        b->line = i;
        b->baseline = l->baseline - l->top;
        b->color = para->color;
        b->tag = para->tag;
    }
    /* Links: one clickable rectangle per line a link touches. */
    for (int i = first; i < last && para->nlinks > 0; i++) {
        const pd_line *l = &para->lines[i];
        for (int k = 0; k < para->nlinks; k++) {
            const pd_link *lk = &para->links[k];
            double xs[2 * 8];
            int n = pd_para_line_ranges(para, i, lk->start, lk->end, xs, 8);
            for (int r = 0; r < n; r++) {
                pd_box *b = pd_frag_add(f, PD_BOX_LINK, x + xs[2 * r], y + l->top - top0,
                                        xs[2 * r + 1] - xs[2 * r], l->height);
                b->uri = lk->uri;
                b->ref = lk->ref;
                b->tag = para->tag;
            }
        }
    }
}
