/* layout.c — from a layout document to pages: page masters, the flow, headers and footers. */
#include "flow.h"
#include "array.h"
#include "parts.h"
#include "shaped.h"
#include "fonts.h"
#include "image.h"
#include "util.h"
#include "xml.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    double w, h;
} paper[] = {
    {"A4", 595.276, 841.890},
    {"A5", 419.528, 595.276},
    {"Letter", 612, 792},
    {"Legal", 612, 1008},
};

const pd_master *pd_layout_find_master(const pd_layout *lay, const char *name)
{
    for (int i = 0; i < lay->doc.nmasters; i++)
        if (strcmp(lay->doc.masters[i].name, name) == 0)
            return &lay->doc.masters[i];
    return NULL;
}

static void length_or(pd_layout *lay, xmlNode *n, const char *attr, double *out, double dflt)
{
    char *v = pd_xml_attr(n, attr);
    *out = dflt;
    if (v && !pd_length_parse(v, out)) {
        pd_diag_raise(lay->doc.ctx, PD_ERROR, lay->doc.file, (int)xmlGetLineNo(n), 0,
                      "<page-master>: %s=\"%s\" is not a length", attr, v);
        *out = dflt;
    }
    free(v);
}

static void read_master(pd_layout *lay, xmlNode *n, pd_master *m)
{
    memset(m, 0, sizeof *m);
    char *name = pd_xml_attr(n, "name"), *size = pd_xml_attr(n, "size");
    snprintf(m->name, sizeof m->name, "%s", name ? name : "");
    m->width = paper[0].w;
    m->height = paper[0].h;
    for (size_t i = 0; size && i < sizeof paper / sizeof paper[0]; i++)
        if (strcmp(size, paper[i].name) == 0) {
            m->width = paper[i].w;
            m->height = paper[i].h;
        }
    free(name);
    free(size);
    const double mm = 72 / 25.4;
    length_or(lay, n, "width", &m->width, m->width);
    length_or(lay, n, "height", &m->height, m->height);
    length_or(lay, n, "margin-top", &m->margin_top, 25 * mm);
    length_or(lay, n, "margin-bottom", &m->margin_bottom, 22 * mm);
    length_or(lay, n, "margin-left", &m->margin_left, 20 * mm);
    length_or(lay, n, "margin-right", &m->margin_right, 20 * mm);
    length_or(lay, n, "header-offset", &m->header_offset, 10 * mm);
    length_or(lay, n, "footer-offset", &m->footer_offset, 14 * mm);
    char *bg = pd_xml_attr(n, "background");
    m->has_background = bg && pd_color_parse(bg, &m->background);
    free(bg);
    m->watermark = pd_xml_attr(n, "watermark");
    if (m->watermark && !*m->watermark) {
        free(m->watermark);
        m->watermark = NULL;
    }
    for (xmlNode *c = n->children; c; c = c->next) {
        if (pd_xml_is(c, PD_LAYOUT_NS, "header"))
            m->header = c;
        else if (pd_xml_is(c, PD_LAYOUT_NS, "footer"))
            m->footer = c;
    }
    if (m->width - m->margin_left - m->margin_right < 36 ||
        m->height - m->margin_top - m->margin_bottom < 36)
        pd_diag_raise(lay->doc.ctx, PD_ERROR, lay->doc.file, (int)xmlGetLineNo(n), 0,
                      "page master '%s': the margins leave no room for content", m->name);
}

static bool read_document(pd_layout *lay, xmlNode *root, xmlNode **flow)
{
    int nmasters = 0;
    for (xmlNode *n = root->children; n; n = n->next)
        nmasters += pd_xml_is(n, PD_LAYOUT_NS, "page-master");
    lay->doc.masters = calloc((size_t)(nmasters ? nmasters : 1), sizeof *lay->doc.masters);
    if (!lay->doc.masters)
        return false;
    *flow = NULL;
    for (xmlNode *n = root->children; n; n = n->next) {
        if (pd_xml_is(n, PD_LAYOUT_NS, "style") && !lay->doc.styles)
            lay->doc.styles = n;
        else if (pd_xml_is(n, PD_LAYOUT_NS, "page-master"))
            read_master(lay, n, &lay->doc.masters[lay->doc.nmasters++]);
        else if (pd_xml_is(n, PD_LAYOUT_NS, "flow"))
            *flow = n;
    }
    return *flow && lay->doc.nmasters > 0;
}

static const pd_master *master_attr(pd_layout *lay, xmlNode *flow, const char *attr,
                                    const pd_master *dflt)
{
    char *name = pd_xml_attr(flow, attr);
    const pd_master *m = name ? pd_layout_find_master(lay, name) : dflt;
    if (name && !m)
        pd_diag_raise(lay->doc.ctx, PD_ERROR, lay->doc.file, (int)xmlGetLineNo(flow), 0,
                      "<flow>: no page master named '%s'", name);
    free(name);
    return m ? m : dflt;
}

const pd_tag *pd_layout_tag(pd_layout *lay, const char *name, const pd_tag *parent,
                            const char *alt)
{
    pd_tag *t = calloc(1, sizeof *t);
    if (!t)
        return parent;
    snprintf(t->name, sizeof t->name, "%s", name);
    t->parent = parent;
    t->alt = alt ? pd_strdup(alt) : NULL;
    t->next = lay->pass.tags;
    lay->pass.tags = t;
    return t;
}

/* The structure elements of a pass, once nothing refers to them (its pages are gone). */
static void free_tags(pd_layout *lay)
{
    for (pd_tag *t = lay->pass.tags, *next; t; t = next) {
        next = t->next;
        free(t->alt);
        free(t);
    }
    lay->pass.tags = NULL;
    pd_layout_fields_free(lay); /* the same lifetime: referred to by the pass's pages */
}

int pd_layout_page_of(void *user, const char *id)
{
    pd_layout *lay = user;
    lay->pass.needs_pages = true;
    for (int i = 0; i < lay->pass.nknown; i++)
        if (strcmp(lay->pass.known[i].id, id) == 0)
            return lay->pass.known[i].page;
    return 0;
}

static int note_footnote(void *user, xmlNode *note)
{
    pd_layout *lay = user;
    for (int i = 0; i < lay->pass.nnotes; i++) /* the same note shaped twice keeps its number */
        if (lay->pass.notes[i].node == note)
            return lay->pass.notes[i].number;
    if (!PD_ARRAY_RESERVE(lay->pass.notes, lay->pass.capnotes, lay->pass.nnotes + 1))
        return 0;
    lay->pass.notes[lay->pass.nnotes] = (pd_footnote){note, lay->pass.nnotes + 1};
    return ++lay->pass.nnotes;
}

static void free_anchors(pd_anchor *a, int n)
{
    for (int i = 0; i < n; i++)
        free(a[i].id);
    free(a);
}

static void free_pages(pd_layout *lay)
{
    for (int i = 0; i < lay->book.npages; i++) {
        pd_frag_free(&lay->book.pages[i].under);
        pd_frag_free(&lay->book.pages[i].body);
        pd_frag_free(&lay->book.pages[i].over);
    }
    lay->book.npages = 0;
}

static bool same_pages(const pd_layout *lay)
{
    if (lay->book.nanchors != lay->pass.nknown)
        return false;
    for (int i = 0; i < lay->book.nanchors; i++)
        if (lay->book.anchors[i].page != lay->pass.known[i].page ||
            strcmp(lay->book.anchors[i].id, lay->pass.known[i].id) != 0)
            return false;
    return true;
}

/* The flow's items go to pagination as they are made, unless the pass has failed already. */
typedef struct {
    pd_layout *lay;
    pd_pager *pager;
    int errors_before;
} pass;

static void place_made(void *user, pd_items *items, int upto)
{
    pass *p = user;
    if (pd_ctx_error_count(p->lay->doc.ctx) == p->errors_before)
        pd_pager_place(p->pager, items, upto);
}

/* One pass over the flow's top-level blocks from from up to stop (NULL: the end). */
static void run_pass(pd_layout *lay, xmlNode *from, xmlNode *stop, const pd_master *first,
                     const pd_master *next, int errors_before)
{
    lay->pass.needs_pages = false;
    lay->pass.nnotes = 0;
    free_tags(lay); /* the last pass's pages are gone */
    lay->pass.text.tag = pd_layout_tag(lay, "Sect", NULL, NULL);
    pass p = {lay, pd_pager_begin(lay, first, next), errors_before};
    if (!p.pager) {
        pd_error(lay->doc.ctx, "out of memory");
        return;
    }
    pd_items items = {.flush = place_made, .flush_user = &p};
    pd_flow_part(lay, from, stop, &items);
    place_made(&p, &items, items.n);
    pd_items_free(&items);
    pd_pager_end(p.pager);
}

/* The anchors of the pass just done become the known ones, for the next pass to show. */
static void keep_anchors(pd_layout *lay)
{
    free_anchors(lay->pass.known, lay->pass.nknown);
    lay->pass.known = lay->book.anchors;
    lay->pass.nknown = lay->book.nanchors;
    lay->book.anchors = NULL;
    lay->book.nanchors = lay->book.capanchors = 0;
}

/* What shows a page number that only a finished pass knows: the page count, the page of a
 * block further on, a table of contents. */
static const char *const later_pages[] = {"page-count", "page-ref", "toc", NULL};

/* Layout passes: page numbers shown in the text (contents, references) can move what follows;
 * repeat until they settle, a few times at most. A long document streamed (engine.h) then
 * gets one more pass that draws its pages, unless nothing in it shows the page count or a
 * page number found later: then its only pass draws them (the second one would shape every
 * paragraph again for the same pages: half the time of a long document). */
enum { MAX_PASSES = 6 };

static void run_passes(pd_layout *lay, xmlNode *flow, const pd_master *first,
                       const pd_master *next)
{
    int errors_before = pd_ctx_error_count(lay->doc.ctx);
    bool one_pass = lay->book.sink && !pd_parts_need_total(lay) &&
                    !pd_xml_contains(flow, later_pages);
    lay->book.drawing = one_pass;
    for (lay->passes = 1; lay->passes <= MAX_PASSES; lay->passes++) {
        run_pass(lay, flow->children, NULL, first, next, errors_before);
        if (pd_ctx_error_count(lay->doc.ctx) > errors_before)
            return;
        if (!lay->pass.needs_pages || (lay->passes > 1 && same_pages(lay)))
            break;
        if (lay->passes == MAX_PASSES) {
            pd_diag_raise(lay->doc.ctx, PD_WARNING, lay->doc.file, 0, 0,
                          "page numbers did not settle after %d layout passes", MAX_PASSES);
            break;
        }
        keep_anchors(lay);
        free_pages(lay);
    }
    if (one_pass && !lay->book.streaming)
        lay->book.drawing = false; /* a short document: its pages are drawn when laid out */
    if (!lay->book.streaming || one_pass)
        return;
    lay->book.total_pages = lay->book.npages;
    keep_anchors(lay);
    free_pages(lay);
    lay->book.drawing = true;
    run_pass(lay, flow->children, NULL, first, next, errors_before);
    lay->passes++;
    if (lay->book.npages != lay->book.total_pages && pd_ctx_error_count(lay->doc.ctx) == errors_before)
        pd_error(lay->doc.ctx, "the drawing pass made %d pages, not %d", lay->book.npages,
                 lay->book.total_pages);
}

/* What makes the text of a region change from page to page. */
static const char *const page_numbers[] = {"page-number", "page-count", "page-ref", NULL};

/* A header or footer at (x, y). One that says the same on every page is laid out once and
 * shared (fixed); one with page numbers is laid out for each page. */
static void place_region(pd_layout *lay, xmlNode *region, double x, double y, double width,
                         pd_frag *fixed, bool *is_fixed, pd_frag *out)
{
    if (*is_fixed) {
        pd_frag_share(out, fixed, x, y);
        return;
    }
    pd_style st;
    pd_style_resolve(lay->doc.ctx, lay->doc.file, lay->doc.styles, region, &lay->doc.root_style, &st);
    pd_items items = {0};
    pd_flow_blocks(lay, region, &st, 0, width, &items);
    pd_frag f;
    pd_frag_init(&f);
    pd_items_stack(&items, &f);
    pd_items_free(&items);
    if (!pd_xml_contains(region, page_numbers)) {
        pd_frag_share(fixed, &f, 0, 0);
        *is_fixed = true;
    }
    pd_frag_move(out, &f, x, y);
    pd_frag_free(&f);
}

/* The watermark: one line across the page's diagonal, centred, in translucent grey. */
static void place_watermark(pd_layout *lay, const pd_master *m, pd_furniture *fu, pd_frag *out)
{
    if (!fu->watermark) {
        pd_style st;
        pd_style_default(&st);
        st.font_size = m->width / 6;
        st.font_weight = 700;
        st.color = (pd_color){0.5, 0.5, 0.5};
        fu->watermark = pd_para_new_text(&lay->pass.text, m->watermark, &st, -1);
        if (!fu->watermark || fu->watermark->nlines == 0)
            return;
    }
    pd_para *p = fu->watermark;
    double w = pd_para_line_width(p, 0), h = p->height;
    pd_frag_add_lines(out, p, 0, 1, (m->width - w) / 2, (m->height - h) / 2);
    pd_frag_own(out, pd_para_ref(p));
    pd_box *b = &out->boxes[out->nboxes - 1];
    b->w = w; /* it was shaped unbounded */
    b->angle = -atan2(m->height, m->width);
    b->opacity = 0.15;
}

/* Places page i's furniture: background, header and footer under the body, the watermark over
 * it. Page numbers are known: the pass before counted the pages. */
static void furnish(pd_layout *lay, int i)
{
    pd_page *page = &lay->book.pages[i];
    const pd_master *m = page->master;
    pd_furniture *fu = &lay->book.furniture[m - lay->doc.masters];
    double width = m->width - m->margin_left - m->margin_right;
    lay->pass.text.page = i + 1;
    lay->pass.text.pages = lay->book.drawing ? lay->book.total_pages : lay->book.npages;
    const pd_tag *tag = lay->pass.text.tag;
    lay->pass.text.tag = NULL; /* headers and footers are artifacts, not structure */
    if (m->has_background)
        pd_frag_add(&page->under, PD_BOX_FILL, 0, 0, m->width, m->height)->color = m->background;
    page->header_at = page->under.nboxes;
    if (m->header)
        place_region(lay, m->header, m->margin_left, m->header_offset, width, &fu->header,
                     &fu->header_fixed, &page->under);
    page->footer_at = page->under.nboxes;
    if (m->footer)
        place_region(lay, m->footer, m->margin_left, m->height - m->footer_offset, width,
                     &fu->footer, &fu->footer_fixed, &page->under);
    if (m->watermark)
        place_watermark(lay, m, fu, &page->over);
    lay->pass.text.page = lay->pass.text.pages = 0;
    lay->pass.text.tag = tag;
}

/* The pager's sink while a long document is drawn: each completed page is furnished, then
 * handed to the caller's. */
static void furnish_and_draw(void *user, pd_layout *lay, int i)
{
    (void)user;
    furnish(lay, i);
    lay->book.draw(lay->book.draw_user, lay, i);
    pd_frag_free(&lay->book.pages[i].under); /* the pager frees the body */
    pd_frag_free(&lay->book.pages[i].over);
}

/* What a layout owns of its passes and pages; a part owns nothing else (its document model
 * is borrowed from the whole). */
static void free_pass_and_pages(pd_layout *lay)
{
    free_pages(lay);
    free_anchors(lay->book.anchors, lay->book.nanchors);
    free_anchors(lay->pass.known, lay->pass.nknown);
    free(lay->pass.notes);
    free_tags(lay);
    free(lay->book.pages);
}

pd_layout *pd_layout_part_new(const pd_layout *whole, const pd_text_env *text)
{
    pd_layout *part = calloc(1, sizeof *part);
    if (!part)
        return NULL;
    part->doc = whole->doc; /* borrowed, only read: masters, styles, headings, ... */
    part->doc.ctx = text->ctx;
    /* text, not whole's: the calling thread changes whole's (page numbers, structure
     * element) while it draws the pages of other parts */
    part->pass.text = *text;
    part->pass.text.user = part;
    return part;
}

void pd_layout_part_run(pd_layout *part, xmlNode *from, xmlNode *stop, const pd_master *first,
                        const pd_master *next)
{
    run_pass(part, from, stop, first, next, pd_ctx_error_count(part->doc.ctx));
    part->passes = 1;
}

void pd_layout_part_free(pd_layout *part)
{
    if (!part)
        return;
    free_pass_and_pages(part);
    free(part);
}

pd_status pd_layout_run(pd_ctx *ctx, xmlDocPtr doc, const char *const *image_dirs,
                        const char *const *font_dirs, int max_pages, pd_layout **out)
{
    return pd_layout_run_drawing(ctx, doc, image_dirs, font_dirs, max_pages, NULL, NULL, out);
}

pd_status pd_layout_run_drawing(pd_ctx *ctx, xmlDocPtr doc, const char *const *image_dirs,
                                const char *const *font_dirs, int max_pages,
                                void (*sink)(void *user, const pd_layout *lay, int index),
                                void *sink_user, pd_layout **out)
{
    return pd_layout_run_jobs(ctx, doc, image_dirs, font_dirs, max_pages, 1, sink, sink_user,
                              out);
}

pd_status pd_layout_run_jobs(pd_ctx *ctx, xmlDocPtr doc, const char *const *image_dirs,
                             const char *const *font_dirs, int max_pages, int jobs,
                             void (*sink)(void *user, const pd_layout *lay, int index),
                             void *sink_user, pd_layout **out)
{
    *out = NULL;
    pd_text_env text = {.ctx = ctx, .page_of = pd_layout_page_of, .footnote = note_footnote};
    if (!pd_fonts_open(ctx, font_dirs, &text)) /* a brand's bad font file is input; */
        return font_dirs && font_dirs[0] ? PD_ERR_INPUT : PD_ERR_SYSTEM; /* ours: the install */
    pd_layout *lay = calloc(1, sizeof *lay);
    if (!lay)
        return PD_ERR_SYSTEM;
    lay->doc.ctx = ctx;
    lay->doc.xml = doc;
    lay->doc.file = pd_xml_doc_name(doc);
    lay->doc.images = pd_images_of(ctx);
    lay->doc.image_dirs = image_dirs;
    lay->doc.max_pages = max_pages > 0 ? max_pages : 5000;
    if (sink) {
        lay->book.sink = furnish_and_draw;
        lay->book.draw = sink;
        lay->book.draw_user = sink_user;
    }
    int errors_before = pd_ctx_error_count(ctx);
    xmlNode *flow;
    if (!read_document(lay, xmlDocGetRootElement(doc), &flow) ||
        !(lay->book.furniture = calloc((size_t)lay->doc.nmasters + 1, sizeof *lay->book.furniture))) {
        pd_layout_free(lay);
        pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), 0, 0,
                      "a layout document needs a page master and a flow");
        return PD_ERR_INPUT;
    }
    lay->pass.text = text;
    lay->pass.text.file = lay->doc.file;
    lay->pass.text.styles = lay->doc.styles;
    lay->pass.text.user = lay;
    pd_style_default(&lay->doc.root_style);
    char *lang = pd_xml_attr(xmlDocGetRootElement(doc), "lang");
    if (lang)
        snprintf(lay->doc.root_style.lang, sizeof lay->doc.root_style.lang, "%s", lang);
    free(lang);
    pd_style_resolve(ctx, lay->doc.file, lay->doc.styles, flow, &lay->doc.root_style, &lay->doc.flow_style);
    const pd_master *first = master_attr(lay, flow, "master", &lay->doc.masters[0]);
    const pd_master *next = master_attr(lay, flow, "next-master", first);
    pd_collect_headings(lay, flow);
    lay->doc.flow_node = flow;

    /* Every page master has the same body width in practice; the flow is laid out for the
     * first one's and pages of another width keep that measure. */
    lay->doc.flow_width = first->width - first->margin_left - first->margin_right;
    /* A flow that falls into independent parts is laid out on several threads and drawn
     * as its parts complete (parts.h); any other one as below. */
    if (pd_ctx_error_count(ctx) == errors_before &&
        !(jobs > 1 && sink && pd_parts_run(lay, jobs, font_dirs, first, next)))
        run_passes(lay, flow, first, next);
    pd_shaped_drop_long(ctx);
    for (int i = 0; !lay->book.streaming && i < lay->book.npages &&
                    pd_ctx_error_count(ctx) == errors_before; i++)
        furnish(lay, i);
    if (pd_ctx_error_count(ctx) > errors_before) {
        pd_layout_free(lay);
        return PD_ERR_INPUT;
    }
    *out = lay;
    return PD_OK;
}

void pd_layout_free(pd_layout *lay)
{
    if (!lay)
        return;
    free_pass_and_pages(lay);
    for (int i = 0; i < lay->doc.nheadings; i++) {
        lay->doc.headings[i].node->_private = NULL;
        free(lay->doc.headings[i].text);
        free(lay->doc.headings[i].id);
    }
    free(lay->doc.headings);
    for (int i = 0; i < lay->doc.nmasters; i++) {
        free(lay->doc.masters[i].watermark);
        if (lay->book.furniture) {
            pd_frag_free(&lay->book.furniture[i].header);
            pd_frag_free(&lay->book.furniture[i].footer);
            pd_para_free(lay->book.furniture[i].watermark);
        }
    }
    free(lay->book.furniture);
    free(lay->doc.masters);
    free(lay);
}
