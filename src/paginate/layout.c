/* layout.c — from a layout document to pages: page masters, the flow, headers and footers. */
#include "flow.h"
#include "fonts.h"
#include "image.h"
#include "util.h"
#include "xml.h"

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
    for (int i = 0; i < lay->nmasters; i++)
        if (strcmp(lay->masters[i].name, name) == 0)
            return &lay->masters[i];
    return NULL;
}

static void length_or(pd_layout *lay, xmlNode *n, const char *attr, double *out, double dflt)
{
    char *v = pd_xml_attr(n, attr);
    *out = dflt;
    if (v && !pd_length_parse(v, out)) {
        pd_diag_raise(lay->ctx, PD_ERROR, lay->file, (int)xmlGetLineNo(n), 0,
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
        pd_diag_raise(lay->ctx, PD_ERROR, lay->file, (int)xmlGetLineNo(n), 0,
                      "page master '%s': the margins leave no room for content", m->name);
}

static bool read_document(pd_layout *lay, xmlNode *root, xmlNode **flow)
{
    int nmasters = 0;
    for (xmlNode *n = root->children; n; n = n->next)
        nmasters += pd_xml_is(n, PD_LAYOUT_NS, "page-master");
    lay->masters = calloc((size_t)(nmasters ? nmasters : 1), sizeof *lay->masters);
    if (!lay->masters)
        return false;
    *flow = NULL;
    for (xmlNode *n = root->children; n; n = n->next) {
        if (pd_xml_is(n, PD_LAYOUT_NS, "style") && !lay->styles)
            lay->styles = n;
        else if (pd_xml_is(n, PD_LAYOUT_NS, "page-master"))
            read_master(lay, n, &lay->masters[lay->nmasters++]);
        else if (pd_xml_is(n, PD_LAYOUT_NS, "flow"))
            *flow = n;
    }
    return *flow && lay->nmasters > 0;
}

static const pd_master *master_attr(pd_layout *lay, xmlNode *flow, const char *attr,
                                    const pd_master *dflt)
{
    char *name = pd_xml_attr(flow, attr);
    const pd_master *m = name ? pd_layout_find_master(lay, name) : dflt;
    if (name && !m)
        pd_diag_raise(lay->ctx, PD_ERROR, lay->file, (int)xmlGetLineNo(flow), 0,
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
    t->next = lay->tags;
    lay->tags = t;
    return t;
}

/* The structure elements of a pass, once nothing refers to them (its pages are gone). */
static void free_tags(pd_layout *lay)
{
    for (pd_tag *t = lay->tags, *next; t; t = next) {
        next = t->next;
        free(t->alt);
        free(t);
    }
    lay->tags = NULL;
    pd_layout_fields_free(lay); /* the same lifetime: referred to by the pass's pages */
}

int pd_layout_page_of(void *user, const char *id)
{
    pd_layout *lay = user;
    lay->needs_pages = true;
    for (int i = 0; i < lay->nknown; i++)
        if (strcmp(lay->known[i].id, id) == 0)
            return lay->known[i].page;
    return 0;
}

static int note_footnote(void *user, xmlNode *note)
{
    pd_layout *lay = user;
    for (int i = 0; i < lay->nnotes; i++) /* the same note shaped twice keeps its number */
        if (lay->notes[i].node == note)
            return lay->notes[i].number;
    if (lay->nnotes == lay->capnotes) {
        int cap = lay->capnotes ? lay->capnotes * 2 : 8;
        pd_footnote *n = realloc(lay->notes, (size_t)cap * sizeof *n);
        if (!n)
            return 0;
        lay->notes = n;
        lay->capnotes = cap;
    }
    lay->notes[lay->nnotes] = (pd_footnote){note, lay->nnotes + 1};
    return ++lay->nnotes;
}

static void free_anchors(pd_anchor *a, int n)
{
    for (int i = 0; i < n; i++)
        free(a[i].id);
    free(a);
}

static void free_pages(pd_layout *lay)
{
    for (int i = 0; i < lay->npages; i++)
        pd_frag_free(&lay->pages[i].body);
    lay->npages = 0;
}

static bool same_pages(const pd_layout *lay)
{
    if (lay->nanchors != lay->nknown)
        return false;
    for (int i = 0; i < lay->nanchors; i++)
        if (lay->anchors[i].page != lay->known[i].page ||
            strcmp(lay->anchors[i].id, lay->known[i].id) != 0)
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
    if (pd_ctx_error_count(p->lay->ctx) == p->errors_before)
        pd_pager_place(p->pager, items, upto);
}

static void run_pass(pd_layout *lay, xmlNode *flow, const pd_master *first,
                     const pd_master *next, int errors_before)
{
    lay->needs_pages = false;
    lay->nnotes = 0;
    free_tags(lay); /* the last pass's pages are gone */
    lay->text.tag = pd_layout_tag(lay, "Sect", NULL, NULL);
    pass p = {lay, pd_pager_begin(lay, first, next), errors_before};
    if (!p.pager) {
        pd_error(lay->ctx, "out of memory");
        return;
    }
    pd_items items = {.flush = place_made, .flush_user = &p};
    pd_flow_blocks(lay, flow, &lay->flow_style, 0, lay->flow_width, &items);
    place_made(&p, &items, items.n);
    pd_items_free(&items);
    pd_pager_end(p.pager);
}

/* The anchors of the pass just done become the known ones, for the next pass to show. */
static void keep_anchors(pd_layout *lay)
{
    free_anchors(lay->known, lay->nknown);
    lay->known = lay->anchors;
    lay->nknown = lay->nanchors;
    lay->anchors = NULL;
    lay->nanchors = lay->capanchors = 0;
}

/* Layout passes: page numbers shown in the text (contents, references) can move what follows;
 * repeat until they settle, a few times at most. A long document streamed (engine.h) then
 * gets one more pass that draws its pages. */
enum { MAX_PASSES = 6 };

static void run_passes(pd_layout *lay, xmlNode *flow, const pd_master *first,
                       const pd_master *next)
{
    int errors_before = pd_ctx_error_count(lay->ctx);
    for (lay->passes = 1; lay->passes <= MAX_PASSES; lay->passes++) {
        run_pass(lay, flow, first, next, errors_before);
        if (pd_ctx_error_count(lay->ctx) > errors_before)
            return;
        if (!lay->needs_pages || (lay->passes > 1 && same_pages(lay)))
            break;
        if (lay->passes == MAX_PASSES) {
            pd_diag_raise(lay->ctx, PD_WARNING, lay->file, 0, 0,
                          "page numbers did not settle after %d layout passes", MAX_PASSES);
            break;
        }
        keep_anchors(lay);
        free_pages(lay);
    }
    if (!lay->streaming)
        return;
    lay->total_pages = lay->npages;
    keep_anchors(lay);
    free_pages(lay);
    lay->drawing = true;
    run_pass(lay, flow, first, next, errors_before);
    lay->passes++;
    if (lay->npages != lay->total_pages && pd_ctx_error_count(lay->ctx) == errors_before)
        pd_error(lay->ctx, "the drawing pass made %d pages, not %d", lay->npages,
                 lay->total_pages);
}

pd_status pd_layout_run(pd_ctx *ctx, xmlDocPtr doc, const char *const *image_dirs,
                        const char *const *font_dirs, int max_pages, pd_layout **out)
{
    return pd_layout_run_drawing(ctx, doc, image_dirs, font_dirs, max_pages, NULL, NULL, out);
}

pd_status pd_layout_run_drawing(pd_ctx *ctx, xmlDocPtr doc, const char *const *image_dirs,
                                const char *const *font_dirs, int max_pages,
                                void (*sink)(void *user, pd_layout *lay, int index),
                                void *sink_user, pd_layout **out)
{
    *out = NULL;
    PangoContext *pango = pd_fonts_context(ctx, font_dirs);
    if (!pango) /* a brand's bad font file is input; missing bundled fonts, the installation */
        return font_dirs && font_dirs[0] ? PD_ERR_INPUT : PD_ERR_SYSTEM;
    pd_layout *lay = calloc(1, sizeof *lay);
    if (!lay)
        return PD_ERR_SYSTEM;
    lay->ctx = ctx;
    lay->doc = doc;
    lay->file = pd_xml_doc_name(doc);
    lay->images = pd_images_of(ctx);
    lay->image_dirs = image_dirs;
    lay->max_pages = max_pages > 0 ? max_pages : 5000;
    lay->sink = sink;
    lay->sink_user = sink_user;
    int errors_before = pd_ctx_error_count(ctx);
    xmlNode *flow;
    if (!read_document(lay, xmlDocGetRootElement(doc), &flow)) {
        pd_layout_free(lay);
        pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), 0, 0,
                      "a layout document needs a page master and a flow");
        return PD_ERR_INPUT;
    }
    lay->text = (pd_text_env){.ctx = ctx, .file = lay->file, .styles = lay->styles,
                              .pango = pango, .page_of = pd_layout_page_of,
                              .footnote = note_footnote, .user = lay};
    pd_style_default(&lay->root_style);
    char *lang = pd_xml_attr(xmlDocGetRootElement(doc), "lang");
    if (lang)
        snprintf(lay->root_style.lang, sizeof lay->root_style.lang, "%s", lang);
    free(lang);
    pd_style_resolve(ctx, lay->file, lay->styles, flow, &lay->root_style, &lay->flow_style);
    const pd_master *first = master_attr(lay, flow, "master", &lay->masters[0]);
    const pd_master *next = master_attr(lay, flow, "next-master", first);
    pd_collect_headings(lay, flow);
    lay->flow_node = flow;

    /* Every page master has the same body width in practice; the flow is laid out for the
     * first one's and pages of another width keep that measure. */
    lay->flow_width = first->width - first->margin_left - first->margin_right;
    if (pd_ctx_error_count(ctx) == errors_before)
        run_passes(lay, flow, first, next);
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
    free_pages(lay);
    free_anchors(lay->anchors, lay->nanchors);
    free_anchors(lay->known, lay->nknown);
    for (int i = 0; i < lay->nheadings; i++) {
        lay->headings[i].node->_private = NULL;
        free(lay->headings[i].text);
        free(lay->headings[i].id);
    }
    free(lay->headings);
    free(lay->notes);
    free(lay->alts);
    free_tags(lay);
    for (int i = 0; i < lay->nmasters; i++) {
        free(lay->masters[i].watermark);
        pd_frag_free(&lay->masters[i].header_cache);
        pd_frag_free(&lay->masters[i].footer_cache);
    }
    free(lay->pages);
    free(lay->masters);
    free(lay);
}

/* Whether the text of a region changes from page to page. */
static bool mentions_pages(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)c->name;
        if (strcmp(name, "page-number") == 0 || strcmp(name, "page-count") == 0 ||
            strcmp(name, "page-ref") == 0 || mentions_pages(c))
            return true;
    }
    return false;
}

/* A header or footer at (x, y). One that says the same on every page is laid out once and
 * shared (cache); one with page numbers is laid out for each page. */
static void furniture(pd_layout *lay, xmlNode *region, double x, double y, double width,
                      pd_frag *cache, bool *cached, pd_frag *out)
{
    if (*cached) {
        pd_frag_share(out, cache, x, y);
        return;
    }
    pd_style st;
    pd_style_resolve(lay->ctx, lay->file, lay->styles, region, &lay->root_style, &st);
    pd_items items = {0};
    pd_flow_blocks(lay, region, &st, 0, width, &items);
    pd_frag f;
    pd_frag_init(&f);
    pd_items_stack(&items, &f);
    pd_items_free(&items);
    if (!mentions_pages(region)) {
        pd_frag_share(cache, &f, 0, 0);
        *cached = true;
    }
    pd_frag_move(out, &f, x, y);
    pd_frag_free(&f);
}

void pd_layout_page_furniture(pd_layout *lay, int i, pd_frag *out)
{
    pd_master *m = &lay->masters[lay->pages[i].master - lay->masters];
    double width = m->width - m->margin_left - m->margin_right;
    lay->text.page = i + 1;
    lay->text.pages = lay->drawing ? lay->total_pages : lay->npages;
    const pd_tag *tag = lay->text.tag;
    lay->text.tag = NULL; /* headers and footers are artifacts, not structure */
    if (m->header)
        furniture(lay, m->header, m->margin_left, m->header_offset, width, &m->header_cache,
                  &m->header_cached, out);
    if (m->footer)
        furniture(lay, m->footer, m->margin_left, m->height - m->footer_offset, width,
                  &m->footer_cache, &m->footer_cached, out);
    lay->text.page = lay->text.pages = 0;
    lay->text.tag = tag;
}
