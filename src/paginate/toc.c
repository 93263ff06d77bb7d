/* toc.c — headings collected for the table of contents and the outline, and the contents
 * itself: entry text, dot leader, page number, the whole entry a link. */
#include "flow.h"
#include "array.h"
#include "util.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

/* Text content with white space folded, as the reader sees it. */
static char *plain_text(xmlNode *n)
{
    xmlChar *raw = xmlNodeGetContent(n);
    pd_buf b;
    pd_buf_init(&b, 4096);
    bool space = false;
    for (const char *p = raw ? (const char *)raw : ""; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = b.len > 0;
            continue;
        }
        if (space)
            pd_buf_add(&b, " ", 1);
        space = false;
        pd_buf_add(&b, p, 1);
    }
    xmlFree(raw);
    if (!b.data)
        pd_buf_add(&b, "", 0);
    return b.data;
}

static void collect(pd_layout *lay, xmlNode *parent, size_t *cap)
{
    for (xmlNode *n = parent->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (pd_xml_is(n, PD_LAYOUT_NS, "h")) {
            if (!PD_ARRAY_RESERVE(lay->doc.headings, *cap, lay->doc.nheadings + 1))
                return;
            pd_heading *h = &lay->doc.headings[lay->doc.nheadings++];
            char *level = pd_xml_attr(n, "level"), *toc = pd_xml_attr(n, "toc");
            h->node = n;
            h->level = level ? atoi(level) : 1;
            h->in_toc = !pd_streq(toc, "false") && !pd_streq(toc, "0");
            h->text = plain_text(n);
            h->id = pd_xml_attr(n, "id");
            if (!h->id) {
                char id[32];
                snprintf(id, sizeof id, "pd-h-%d", lay->doc.nheadings);
                h->id = pd_strdup(id);
            }
            free(level);
            free(toc);
        } else {
            collect(lay, n, cap);
        }
    }
}

void pd_collect_headings(pd_layout *lay, xmlNode *flow)
{
    size_t cap = 0;
    collect(lay, flow, &cap);
    /* Lets the flow find the heading of a node at once (set once the array stops moving). */
    for (int i = 0; i < lay->doc.nheadings; i++)
        lay->doc.headings[i].node->_private = &lay->doc.headings[i];
}

const pd_heading *pd_heading_of(const pd_layout *lay, const xmlNode *node)
{
    (void)lay;
    return pd_xml_is(node, PD_LAYOUT_NS, "h") ? node->_private : NULL;
}

static void toc_entry(pd_layout *lay, const pd_heading *h, const pd_style *base, double x,
                      double width, pd_items *out)
{
    pd_style st = *base;
    st.space_before = st.space_after = 0; /* the contents' own spacing is not its entries' */
    char name[16];
    snprintf(name, sizeof name, "toc%d", h->level);
    if (h->level == 1)
        st.font_weight = st.font_weight < 600 ? 600 : st.font_weight;
    pd_style_apply_named(lay->doc.ctx, lay->doc.file, lay->doc.styles, name, &st);
    int page = pd_layout_page_of(lay, h->id);
    char num[16];
    snprintf(num, sizeof num, "%d", page);
    double indent = (h->level - 1) * st.font_size * 1.5;
    pd_style ns = st;
    ns.align = PD_ALIGN_LEFT;
    pd_para *number = pd_para_new_text(&lay->pass.text, num, &ns, -1);
    if (!number)
        return;
    double numw = pd_para_line_width(number, 0), gap = st.font_size * 2;
    pd_para *title = pd_para_new_text(&lay->pass.text, h->text, &st, width - indent - numw - gap);
    if (!title || title->nlines == 0) {
        pd_para_free(number);
        pd_para_free(title);
        return;
    }
    pd_item *it = pd_items_add(out, PD_ITEM_BLOCK);
    it->x = x;
    it->space_before = st.space_before > 0 ? st.space_before : h->level == 1 ? st.font_size * 0.5 : 0;
    it->space_after = st.space_after;
    pd_frag *f = &it->frag;
    int last = title->nlines - 1;
    const pd_line *ll = &title->lines[last];
    pd_frag_add_lines(f, title, 0, title->nlines, indent, 0);
    double baseline = ll->top + ll->baseline - ll->top;
    double nx = width - numw;
    pd_frag_add_lines(f, number, 0, 1, nx, baseline - number->lines[0].baseline);
    double lx = indent + pd_para_line_width(title, last) + st.font_size * 0.5;
    if (nx - st.font_size * 0.5 > lx) {
        pd_box *leader = pd_frag_add(f, PD_BOX_LEADER, lx, baseline - st.font_size * 0.08,
                                     nx - st.font_size * 0.5 - lx, 0);
        leader->color = st.color;
        leader->stroke = st.font_size * 0.12;
    }
    f->height = title->height;
    pd_box *link = pd_frag_add(f, PD_BOX_LINK, 0, 0, width, title->height);
    link->ref = h->id;
    link->tag = title->tag;
    pd_frag_own(f, title);
    pd_frag_own(f, number);
}

void pd_flow_toc(pd_layout *lay, xmlNode *toc, const pd_style *style, double x, double width,
                 pd_items *out)
{
    char *v = pd_xml_attr(toc, "levels");
    int levels = v ? atoi(v) : 2;
    free(v);
    lay->pass.needs_pages = true;
    const pd_tag *toc_tag = lay->pass.text.tag;
    int first = out->n;
    for (int i = 0; i < lay->doc.nheadings; i++) {
        const pd_heading *h = &lay->doc.headings[i];
        if (!h->in_toc || h->level > levels)
            continue;
        lay->pass.text.tag = pd_layout_tag(lay, "TOCI", toc_tag, NULL);
        toc_entry(lay, h, style, x + style->indent, width - style->indent, out);
    }
    lay->pass.text.tag = toc_tag;
    if (out->n > first) {
        out->items[first].space_before = style->space_before;
        out->items[out->n - 1].space_after = style->space_after;
    }
}
