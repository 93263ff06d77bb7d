/* draw.c — boxes to Cairo. Nothing here decides where anything goes. */
#include "draw.h"
#include "array.h"
#include "artifact.h"
#include "picture_draw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_colour(cairo_t *cr, pd_color c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

/* Cairo's tag attributes quote strings with single quotes: escape them and backslashes. */
void pd_draw_quote(char *dst, size_t size, const char *s)
{
    size_t n = 0;
    for (; *s && n + 3 < size; s++) {
        if (*s == '\'' || *s == '\\')
            dst[n++] = '\\';
        dst[n++] = *s;
    }
    dst[n] = '\0';
}

static void draw_link(cairo_t *cr, const pd_box *b)
{
    char target[1024], attrs[1200];
    pd_draw_quote(target, sizeof target, b->uri ? b->uri : b->ref);
    snprintf(attrs, sizeof attrs, "%s='%s' rect=[%.2f %.2f %.2f %.2f]",
             b->uri ? "uri" : "dest", target, b->x, b->y, b->w, b->h);
    cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
    cairo_tag_end(cr, CAIRO_TAG_LINK);
}

static void draw_box(cairo_t *cr, const pd_box *b)
{
    switch (b->kind) {
    case PD_BOX_TEXT: {
        PangoLayoutLine *line = b->para->lines[b->line].line;
        if (b->angle != 0 || (b->opacity > 0 && b->opacity < 1)) { /* a watermark */
            cairo_save(cr);
            cairo_translate(cr, b->x + b->w / 2, b->y + b->h / 2);
            cairo_rotate(cr, b->angle);
            cairo_set_source_rgba(cr, b->color.r, b->color.g, b->color.b,
                                  b->opacity > 0 ? b->opacity : 1);
            cairo_move_to(cr, -b->w / 2, -b->h / 2 + b->baseline);
            pango_cairo_show_layout_line(cr, line);
            cairo_restore(cr);
            break;
        }
        set_colour(cr, b->color);
        cairo_move_to(cr, b->x, b->y + b->baseline);
        pango_cairo_show_layout_line(cr, line);
        break;
    }
    case PD_BOX_FILL:
        set_colour(cr, b->color);
        cairo_rectangle(cr, b->x, b->y, b->w, b->h);
        cairo_fill(cr);
        break;
    case PD_BOX_FRAME:
        set_colour(cr, b->color);
        cairo_set_line_width(cr, b->stroke);
        cairo_rectangle(cr, b->x + b->stroke / 2, b->y + b->stroke / 2, b->w - b->stroke,
                        b->h - b->stroke);
        cairo_stroke(cr);
        break;
    case PD_BOX_LINE:
        set_colour(cr, b->color);
        cairo_set_line_width(cr, b->stroke);
        cairo_move_to(cr, b->x, b->y);
        cairo_line_to(cr, b->x + b->w, b->y + b->h);
        cairo_stroke(cr);
        break;
    case PD_BOX_IMAGE:
    case PD_BOX_SVG:
        pd_picture_draw(cr, b->picture, b->x, b->y, b->w, b->h);
        break;
    case PD_BOX_CHECK:
        set_colour(cr, b->color);
        cairo_set_line_width(cr, b->stroke);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_move_to(cr, b->x + b->w * 0.2, b->y + b->h * 0.55);
        cairo_line_to(cr, b->x + b->w * 0.42, b->y + b->h * 0.78);
        cairo_line_to(cr, b->x + b->w * 0.82, b->y + b->h * 0.22);
        cairo_stroke(cr);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        break;
    case PD_BOX_LINK:
        draw_link(cr, b);
        break;
    case PD_BOX_LEADER: {
        static const double dots[] = {0, 3};
        set_colour(cr, b->color);
        cairo_set_line_width(cr, b->stroke);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_dash(cr, dots, 2, 0);
        /* dots on a fixed grid, so that the leaders of all entries line up */
        double x0 = ceil(b->x / dots[1]) * dots[1];
        cairo_move_to(cr, x0, b->y);
        cairo_line_to(cr, b->x + b->w, b->y);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        break;
    }
    case PD_BOX_PATH:
        set_colour(cr, b->color);
        for (int i = 0; i < b->npoints; i++)
            (i ? cairo_line_to : cairo_move_to)(cr, b->x + b->path[2 * i],
                                                b->y + b->path[2 * i + 1]);
        if (b->fill) {
            cairo_close_path(cr);
            cairo_fill(cr);
        } else {
            cairo_set_line_width(cr, b->stroke);
            cairo_stroke(cr);
        }
        break;
    case PD_BOX_FIELD: /* a widget: the PDF finisher adds it (fields.c) */
        break;
    }
}

/* Structure elements open while drawing a page, outermost first. */
typedef struct {
    const pd_tag *open[32];
    int n;
    pd_figure_alts *alts;
} tag_stack;

/* Appends a copy of text (or NULL) to list: a long document's pages, and their structure
 * elements, go before the end. */
static void note_text(char ***list, int *n, size_t *cap, const char *text)
{
    char **a = pd_array_grow(*list, cap, (size_t)*n + 1, sizeof *a);
    if (!a)
        return; /* noted as out of memory, which fails the render */
    *list = a;
    a[*n] = text ? strdup(text) : NULL;
    *n += !text || a[*n];
}

/* Figures and paragraphs in the order their structure elements begin: their alternative
 * and actual texts are added after cairo (see src/pdf/finish.c). */
static void note_figure(pd_figure_alts *alts, const pd_tag *t)
{
    if (alts && strcmp(t->name, "Figure") == 0)
        note_text(&alts->alts, &alts->n, &alts->cap, t->alt);
    else if (alts && strcmp(t->name, "P") == 0)
        note_text(&alts->actual, &alts->nactual, &alts->capactual, t->alt);
}

void pd_figure_alts_free(pd_figure_alts *alts)
{
    for (int i = 0; i < alts->n; i++)
        free(alts->alts[i]);
    for (int i = 0; i < alts->nactual; i++)
        free(alts->actual[i]);
    free(alts->alts);
    free(alts->actual);
    *alts = (pd_figure_alts){0};
}

static void close_tags(cairo_t *cr, tag_stack *ts, int keep)
{
    while (ts->n > keep) {
        ts->n--;
        cairo_tag_end(cr, ts->open[ts->n]->name);
    }
}

/* Opens the structure elements of tag (outermost first), closing what does not contain it. */
static void enter_tag(cairo_t *cr, tag_stack *ts, const pd_tag *tag)
{
    const pd_tag *chain[32];
    int n = 0;
    for (const pd_tag *t = tag; t && n < 32; t = t->parent)
        chain[n++] = t;
    int common = 0; /* how many of the open ones are the chain's outermost */
    while (common < ts->n && common < n && ts->open[common] == chain[n - 1 - common])
        common++;
    close_tags(cr, ts, common);
    for (int i = n - 1 - common; i >= 0 && ts->n < 32; i--) {
        cairo_tag_begin(cr, chain[i]->name, NULL);
        ts->open[ts->n++] = chain[i];
        note_figure(ts->alts, chain[i]);
    }
}

static void draw_frag(cairo_t *cr, const pd_frag *f, tag_stack *ts)
{
    for (int i = 0; i < f->nboxes; i++) {
        const pd_box *b = &f->boxes[i];
        if (ts && b->tag)
            enter_tag(cr, ts, b->tag);
        draw_box(cr, b);
    }
}

static void draw_destinations(const pd_layout *lay, int page, cairo_t *cr)
{
    for (int i = 0; i < lay->book.nanchors; i++) {
        const pd_anchor *a = &lay->book.anchors[i];
        if (a->page != page)
            continue;
        char name[512], attrs[700];
        pd_draw_quote(name, sizeof name, a->id);
        snprintf(attrs, sizeof attrs, "name='%s' x=%.2f y=%.2f", name, a->x, a->y);
        cairo_tag_begin(cr, CAIRO_TAG_DEST, attrs);
        cairo_tag_end(cr, CAIRO_TAG_DEST);
    }
}

/* Boxes [from, to) of f as one artifact: inside a structure element with the marker's name
 * (artifact.h), which the PDF finisher turns into /Artifact marked content. */
static void draw_artifact(cairo_t *cr, const pd_frag *f, int from, int to, const char *marker)
{
    if (from >= to)
        return;
    cairo_tag_begin(cr, marker, NULL);
    for (int i = from; i < to; i++)
        draw_box(cr, &f->boxes[i]);
    cairo_tag_end(cr, marker);
}

void pd_draw_page(const pd_layout *lay, int i, cairo_t *cr, pd_figure_alts *alts)
{
    const pd_page *page = &lay->book.pages[i];
    const pd_frag *u = &page->under;
    draw_artifact(cr, u, 0, page->header_at, PD_ARTIFACT_BACKGROUND);
    draw_artifact(cr, u, page->header_at, page->footer_at, PD_ARTIFACT_HEADER);
    draw_artifact(cr, u, page->footer_at, u->nboxes, PD_ARTIFACT_FOOTER);
    tag_stack ts = {.n = 0, .alts = alts};
    draw_frag(cr, &page->body, &ts);
    close_tags(cr, &ts, 0);
    draw_destinations(lay, i + 1, cr);
    draw_artifact(cr, &page->over, 0, page->over.nboxes, PD_ARTIFACT_WATERMARK);
}
