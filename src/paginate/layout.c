/* layout.c — from a layout document to pages: page masters, the flow, headers and footers. */
#include "flow.h"
#include "fonts.h"
#include "image.h"
#include "util.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

void pd_paginate(pd_layout *lay, pd_items *items, const pd_master *first,
                 const pd_master *next);

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

pd_status pd_layout_run(pd_ctx *ctx, xmlDocPtr doc, const char *const *image_dirs,
                        int max_pages, pd_layout **out)
{
    *out = NULL;
    PangoContext *pango = pd_fonts_context(ctx);
    if (!pango)
        return PD_ERR_SYSTEM;
    pd_layout *lay = calloc(1, sizeof *lay);
    if (!lay)
        return PD_ERR_SYSTEM;
    lay->ctx = ctx;
    lay->doc = doc;
    lay->file = pd_xml_doc_name(doc);
    lay->images = pd_images_of(ctx);
    lay->image_dirs = image_dirs;
    lay->max_pages = max_pages > 0 ? max_pages : 5000;
    int errors_before = pd_ctx_error_count(ctx);
    xmlNode *flow;
    if (!read_document(lay, xmlDocGetRootElement(doc), &flow)) {
        pd_layout_free(lay);
        pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), 0, 0,
                      "a layout document needs a page master and a flow");
        return PD_ERR_INPUT;
    }
    lay->text = (pd_text_env){ctx, lay->file, lay->styles, pango, 0, 0};
    pd_style_default(&lay->root_style);
    pd_style flow_style;
    pd_style_resolve(ctx, lay->file, lay->styles, flow, &lay->root_style, &flow_style);
    const pd_master *first = master_attr(lay, flow, "master", &lay->masters[0]);
    const pd_master *next = master_attr(lay, flow, "next-master", first);

    /* Every page master has the same body width in practice; the flow is laid out for the
     * first one's and pages of another width keep that measure. */
    double width = first->width - first->margin_left - first->margin_right;
    pd_items items = {0};
    pd_flow_blocks(lay, flow, &flow_style, 0, width, &items);
    if (pd_ctx_error_count(ctx) == errors_before)
        pd_paginate(lay, &items, first, next);
    pd_items_free(&items);
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
    for (int i = 0; i < lay->npages; i++)
        pd_frag_free(&lay->pages[i].body);
    for (int i = 0; i < lay->nmasters; i++)
        free(lay->masters[i].watermark);
    free(lay->pages);
    free(lay->masters);
    free(lay);
}

static void furniture(pd_layout *lay, xmlNode *region, double x, double y, double width,
                      pd_frag *out)
{
    pd_style st;
    pd_style_resolve(lay->ctx, lay->file, lay->styles, region, &lay->root_style, &st);
    pd_items items = {0};
    pd_flow_blocks(lay, region, &st, 0, width, &items);
    pd_frag f;
    pd_frag_init(&f);
    pd_items_stack(&items, &f);
    pd_items_free(&items);
    pd_frag_move(out, &f, x, y);
    pd_frag_free(&f);
}

void pd_layout_page_furniture(pd_layout *lay, int i, pd_frag *out)
{
    const pd_master *m = lay->pages[i].master;
    double width = m->width - m->margin_left - m->margin_right;
    lay->text.page = i + 1;
    lay->text.pages = lay->npages;
    if (m->header)
        furniture(lay, m->header, m->margin_left, m->header_offset, width, out);
    if (m->footer)
        furniture(lay, m->footer, m->margin_left, m->height - m->footer_offset, width, out);
    lay->text.page = lay->text.pages = 0;
}
