/* flow.c — blocks to items: paragraphs keep their lines, everything else becomes a fragment. */
#include "flow.h"
#include "array.h"
#include "image.h"
#include "util.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

pd_item *pd_items_add(pd_items *items, pd_item_kind kind)
{
    static _Thread_local pd_item scratch; /* parts of a flow are laid out on several threads */
    if (!PD_ARRAY_RESERVE(items->items, items->cap, items->n + 1)) {
        memset(&scratch, 0, sizeof scratch); /* noted: the render fails with out of memory */
        return &scratch;
    }
    pd_item *it = &items->items[items->n++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->orphans = it->widows = 2;
    it->anchor = items->pending_anchor;
    items->pending_anchor = NULL;
    return it;
}

static void table_head_release(pd_table_head *t)
{
    if (t && --t->refs == 0) {
        pd_frag_free(&t->frag);
        pd_frag_free(&t->cont);
        free(t);
    }
}

static void item_free(pd_item *it)
{
    pd_para_free(it->para);
    pd_frag_free(&it->frag);
    table_head_release(it->table);
    free(it->master);
    free(it->anchor);
    free(it->row_ends);
}

void pd_items_free(pd_items *items)
{
    for (int i = 0; i < items->n; i++)
        item_free(&items->items[i]);
    free(items->items);
    free(items->pending_anchor);
    memset(items, 0, sizeof *items);
}

/* Enough items to be worth a pagination step; small documents paginate once, at the end. */
enum { FLUSH_AT = 64 };

void pd_items_flush_point(pd_items *items)
{
    if (!items->flush || items->n < FLUSH_AT)
        return;
    int upto = items->n - 1;
    while (upto > 0 && items->items[upto - 1].keep_with_next)
        upto--;
    if (upto == 0)
        return;
    items->flush(items->flush_user, items, upto);
    for (int i = 0; i < upto; i++)
        item_free(&items->items[i]);
    memmove(items->items, items->items + upto, (size_t)(items->n - upto) * sizeof *items->items);
    items->n -= upto;
}

static double item_height(const pd_item *it)
{
    return it->kind == PD_ITEM_LINES ? it->para->height : it->frag.height;
}

void pd_items_stack(pd_items *items, pd_frag *out)
{
    double y = 0, after = 0;
    bool first = true;
    for (int i = 0; i < items->n; i++) {
        pd_item *it = &items->items[i];
        if (it->kind == PD_ITEM_BREAK)
            continue;
        if (!first)
            y += it->space_before > after ? it->space_before : after;
        first = false;
        if (it->anchor) { /* the block keeps its place inside the fragment */
            pd_frag_add_anchor(out, it->anchor, y);
            it->anchor = NULL;
        }
        if (it->table && it->table_first) {
            pd_frag_share(out, &it->table->frag, it->x, y);
            y += it->table->frag.height;
        }
        if (it->kind == PD_ITEM_LINES) {
            double h = it->para->height;
            pd_frag_add_lines(out, it->para, 0, it->para->nlines, it->x, y);
            pd_frag_own(out, it->para);
            it->para = NULL;
            pd_frag_move(out, &it->frag, it->x, y);
            y += h;
        } else {
            double h = item_height(it);
            pd_frag_move(out, &it->frag, it->x, y);
            y += h;
        }
        after = it->space_after;
    }
    out->height = y;
}

static void set_spacing(pd_item *it, const pd_style *st)
{
    it->space_before = st->space_before;
    it->space_after = st->space_after;
    it->keep_with_next = st->keep_with_next;
}

static int int_attr(xmlNode *n, const char *name, int fallback, int lo, int hi)
{
    char *v = pd_xml_attr(n, name);
    int r = v ? atoi(v) : fallback;
    free(v);
    return r < lo ? lo : r > hi ? hi : r;
}

/* Draws background and borders around a fragment of the given outer size. */
static void decorate(pd_frag *f, const pd_style *st, double w, double h)
{
    if (st->has_background) {
        pd_box *b = pd_frag_add(f, PD_BOX_FILL, 0, 0, w, h);
        b->color = st->background;
        /* backgrounds go under the content: move to the front */
        pd_box bg = *b;
        memmove(f->boxes + 1, f->boxes, (size_t)(f->nboxes - 1) * sizeof *b);
        f->boxes[0] = bg;
    }
    if (st->border > 0) {
        pd_box *b = pd_frag_add(f, PD_BOX_FRAME, 0, 0, w, h);
        b->color = st->border_color;
        b->stroke = st->border;
    }
    if (st->border_bottom > 0) {
        pd_box *b = pd_frag_add(f, PD_BOX_LINE, 0, h - st->border_bottom / 2, w, 0);
        b->color = st->border_color;
        b->stroke = st->border_bottom;
    }
}

static bool has_block_children(xmlNode *n)
{
    static const char *const blocks[] = {"p", "h", "list", "table", "image", "rule", "box",
                                         "checkbox", "signature", "page-break", "spacer"};
    for (xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
                if (strcmp((const char *)c->name, blocks[i]) == 0)
                    return true;
    return false;
}

/* The content of a cell-like element stacked into out; the space before its first block
 * and after its last, which the stack leaves out, in *before and *after if asked. */
static void flow_content(pd_layout *lay, xmlNode *cell, const pd_style *style, double width,
                         pd_frag *out, double *before, double *after)
{
    pd_items items = {0};
    if (has_block_children(cell)) {
        pd_flow_blocks(lay, cell, style, 0, width, &items);
    } else {
        pd_item *it = pd_items_add(&items, PD_ITEM_LINES);
        it->para = pd_para_new(&lay->pass.text, cell, style, width);
        if (!it->para)
            items.n--;
    }
    if (before)
        *before = items.n ? items.items[0].space_before : 0;
    if (after)
        *after = items.n ? items.items[items.n - 1].space_after : 0;
    pd_items_stack(&items, out);
    pd_items_free(&items);
}

void pd_flow_cell(pd_layout *lay, xmlNode *cell, const pd_style *style, double width,
                  pd_frag *out)
{
    flow_content(lay, cell, style, width, out, NULL, NULL);
}

/* A block with padding, border or background becomes one framed fragment. */
static void flow_framed(pd_layout *lay, xmlNode *n, const pd_style *st, double x, double width,
                        bool inline_content, pd_items *out)
{
    double pad = st->padding, inner = width - st->indent - 2 * pad;
    pd_frag content;
    pd_frag_init(&content);
    if (inline_content) {
        pd_para *p = pd_para_new(&lay->pass.text, n, st, inner);
        if (p) {
            pd_frag_add_lines(&content, p, 0, p->nlines, 0, 0);
            content.height = p->height;
            pd_frag_own(&content, p);
        }
    }
    double before = 0, after = 0;
    if (!inline_content) {
        pd_style inner_style = *st;
        flow_content(lay, n, &inner_style, inner, &content, &before, &after);
    }
    pd_item *it = pd_items_add(out, PD_ITEM_BLOCK);
    set_spacing(it, st);
    /* Without padding or border the space before its first block and after its last are
     * the box's own (as margins collapse in CSS): a heading that opens a plain box gets the
     * space before it that every heading gets. */
    if (pad <= 0 && st->border <= 0 && st->border_bottom <= 0) {
        it->space_before = before > it->space_before ? before : it->space_before;
        it->space_after = after > it->space_after ? after : it->space_after;
    }
    it->x = x + st->indent;
    double h = content.height + 2 * pad;
    pd_frag_move(&it->frag, &content, pad, pad);
    pd_frag_free(&content);
    it->frag.height = h;
    decorate(&it->frag, st, width - st->indent, h);
}

static void flow_paragraph(pd_layout *lay, xmlNode *n, const pd_style *st, double x,
                           double width, pd_items *out)
{
    if (st->padding > 0 || st->border > 0 || st->border_bottom > 0 || st->has_background) {
        flow_framed(lay, n, st, x, width, true, out);
        return;
    }
    pd_para *p = pd_para_new(&lay->pass.text, n, st, width - st->indent);
    if (!p)
        return;
    pd_item *it = pd_items_add(out, PD_ITEM_LINES);
    set_spacing(it, st);
    it->heading = pd_xml_is(n, PD_LAYOUT_NS, "h");
    it->x = x + st->indent;
    it->para = p;
    it->orphans = int_attr(n, "orphans", 2, 1, 100);
    it->widows = int_attr(n, "widows", 2, 1, 100);
}

/* The marker of a list item hangs left of the item's first line. */
static void add_marker(pd_layout *lay, pd_item *first, const pd_style *st, const char *marker,
                       double indent)
{
    pd_style ms = *st;
    ms.align = PD_ALIGN_LEFT;
    pd_para *m = pd_para_new_text(&lay->pass.text, marker, &ms, indent);
    if (!m || m->nlines == 0) {
        pd_para_free(m);
        return;
    }
    double dy = 0;
    if (first->kind == PD_ITEM_LINES && first->para->nlines > 0)
        dy = first->para->lines[0].baseline - m->lines[0].baseline;
    pd_frag_add_lines(&first->frag, m, 0, 1, -indent, dy);
    pd_frag_own(&first->frag, m);
}

static void flow_list(pd_layout *lay, xmlNode *list, const pd_style *st, double x,
                      double width, pd_items *out)
{
    char *kind = pd_xml_attr(list, "marker");
    double indent = st->indent > 0 ? st->indent : 14;
    int number = 0;
    bool first_item = true;
    int first_end = -1, prev_end = -1, last_end = -1; /* the last item of list items 1, n-1, n */
    for (xmlNode *li = list->children; li; li = li->next) {
        if (!pd_xml_is(li, PD_LAYOUT_NS, "item"))
            continue;
        pd_style is;
        pd_style_resolve(lay->doc.ctx, lay->doc.file, lay->doc.styles, li, st, &is);
        /* L > LI > Lbl (the marker), LBody (the content), as PDF/UA reads a list */
        const pd_tag *list_tag = lay->pass.text.tag;
        const pd_tag *li_tag = pd_layout_tag(lay, "LI", list_tag, NULL);
        const pd_tag *label_tag = pd_streq(kind, "none") ? NULL
                                                         : pd_layout_tag(lay, "Lbl", li_tag, NULL);
        lay->pass.text.tag = pd_layout_tag(lay, "LBody", li_tag, NULL);
        int before = out->n;
        if (has_block_children(li)) {
            pd_flow_blocks(lay, li, &is, x + indent, width - indent, out);
        } else {
            pd_para *p = pd_para_new(&lay->pass.text, li, &is, width - indent);
            if (p) {
                pd_item *it = pd_items_add(out, PD_ITEM_LINES);
                it->x = x + indent;
                it->para = p;
                it->space_before = is.space_before > 0 ? is.space_before : 2;
            }
        }
        if (out->n > before) {
            pd_item *first = &out->items[before];
            if (first_item)
                first->space_before = st->space_before > first->space_before
                                          ? st->space_before : first->space_before;
            char marker[16];
            number++;
            if (pd_streq(kind, "decimal"))
                snprintf(marker, sizeof marker, "%d.", number);
            else
                snprintf(marker, sizeof marker, "%s", pd_streq(kind, "none") ? "" : "\xe2\x80\xa2");
            if (*marker) {
                lay->pass.text.tag = label_tag;
                add_marker(lay, first, &is, marker, indent);
            }
            first_item = false;
            out->items[out->n - 1].space_after = is.space_after;
            if (first_end < 0)
                first_end = out->n - 1;
            prev_end = last_end;
            last_end = out->n - 1;
        }
        lay->pass.text.tag = list_tag;
    }
    /* No short list item alone at the foot or the top of a page: the first keeps with the
     * second, the last but one with the last (a list of two or three short items stays
     * together). Long items break between their lines as paragraphs do. */
    double short_h = st->font_size * st->line_height * 2.5;
    int ends[2] = {first_end, prev_end};
    for (int k = 0; k < 2; k++)
        if (ends[k] >= 0 && ends[k] < last_end) {
            pd_item *it = &out->items[ends[k]];
            double h = it->kind == PD_ITEM_LINES ? it->para->height : it->frag.height;
            if (h <= short_h)
                it->keep_with_next = true;
        }
    if (out->n > 0 && st->space_after > out->items[out->n - 1].space_after)
        out->items[out->n - 1].space_after = st->space_after;
    free(kind);
}

static void flow_rule(pd_layout *lay, xmlNode *n, const pd_style *st, double x, double width,
                      pd_items *out)
{
    double t = 0.5;
    char *v = pd_xml_attr(n, "thickness");
    if (v && !pd_length_parse(v, &t))
        pd_diag_raise(lay->doc.ctx, PD_ERROR, lay->doc.file, (int)xmlGetLineNo(n), 0,
                      "<rule>: thickness=\"%s\" is not a length", v);
    free(v);
    pd_item *it = pd_items_add(out, PD_ITEM_BLOCK);
    set_spacing(it, st);
    it->x = x + st->indent;
    pd_box *b = pd_frag_add(&it->frag, PD_BOX_LINE, 0, t / 2, width - st->indent, 0);
    b->color = st->border_color.r || st->border_color.g || st->border_color.b ? st->border_color
                                                                               : st->color;
    b->stroke = t;
    it->frag.height = t;
}

static void flow_spacer(pd_layout *lay, xmlNode *n, pd_items *out)
{
    double h = 0;
    char *v = pd_xml_attr(n, "height");
    if (!v || !pd_length_parse(v, &h))
        pd_diag_raise(lay->doc.ctx, PD_ERROR, lay->doc.file, (int)xmlGetLineNo(n), 0,
                      "<spacer>: height is not a length");
    free(v);
    pd_item *it = pd_items_add(out, PD_ITEM_BLOCK);
    it->frag.height = h;
}

static void flow_checkbox(pd_layout *lay, xmlNode *n, const pd_style *st, double x,
                          double width, pd_items *out)
{
    double size = st->font_size * 1.1, gap = size * 0.6;
    pd_para *label = pd_para_new(&lay->pass.text, n, st, width - st->indent - size - gap);
    if (!label)
        return;
    char *checked = pd_xml_attr(n, "checked");
    pd_item *it = pd_items_add(out, PD_ITEM_BLOCK);
    set_spacing(it, st);
    it->x = x + st->indent;
    double top = label->nlines ? label->lines[0].baseline - size * 0.85 : 0;
    pd_box *b = pd_frag_add(&it->frag, PD_BOX_FRAME, 0, top, size, size);
    b->color = st->color;
    b->stroke = 0.8;
    bool on = pd_streq(checked, "true") || pd_streq(checked, "1");
    if (on) {
        b = pd_frag_add(&it->frag, PD_BOX_CHECK, 0, top, size, size);
        b->color = st->color;
        b->stroke = 1.2;
    }
    /* field="decision": a check box of the form, or with value="accepted" one button of
     * the radio group "decision" */
    char *field = pd_xml_attr(n, "field");
    if (field && *field) {
        char *value = pd_xml_attr(n, "value"), *tip = pd_xml_attr(n, "tooltip");
        char *text = (char *)xmlNodeGetContent(n);
        const pd_field *fd = pd_layout_field(lay, PD_FIELD_CHECK, field,
                                             value && *value ? value : NULL, tip ? tip : text,
                                             text, on, st->color);
        if (fd) {
            b = pd_frag_add(&it->frag, PD_BOX_FIELD, 0, top, size, size);
            b->field = fd;
        }
        free(value), free(tip);
        xmlFree(text);
    }
    free(field);
    pd_frag_add_lines(&it->frag, label, 0, label->nlines, size + gap, 0);
    it->frag.height = label->height > size ? label->height : size;
    pd_frag_own(&it->frag, label);
    free(checked);
}

/* A line of text at y in a fragment; returns its height. */
static double add_text_line(pd_layout *lay, pd_frag *f, const char *text, const pd_style *st,
                            double x, double y, double width)
{
    pd_para *p = pd_para_new_text(&lay->pass.text, text, st, width);
    if (!p)
        return 0;
    pd_frag_add_lines(f, p, 0, p->nlines, x, y);
    double h = p->height;
    pd_frag_own(f, p);
    return h;
}

/* A widget box over (x, y, w, h) for the field name + suffix, its tooltip what it is for. */
static void add_field(pd_layout *lay, pd_frag *f, pd_field_kind kind, const char *name,
                      const char *suffix, const char *tooltip, double x, double y, double w,
                      double h)
{
    char full[256];
    snprintf(full, sizeof full, "%s%s", name, suffix);
    const pd_field *fd = pd_layout_field(lay, kind, full, NULL, tooltip, NULL, false,
                                         (pd_color){0, 0, 0});
    if (!fd)
        return;
    pd_box *b = pd_frag_add(f, PD_BOX_FIELD, x, y, w, h);
    b->field = fd;
}

static void flow_signature(pd_layout *lay, xmlNode *n, const pd_style *st, double x,
                           double width, pd_items *out)
{
    char *label = pd_xml_attr(n, "label"), *name = pd_xml_attr(n, "name");
    char *role = pd_xml_attr(n, "role"), *place = pd_xml_attr(n, "place");
    char *date = pd_xml_attr(n, "date"), *place_cap = pd_xml_attr(n, "place-caption");
    char *date_cap = pd_xml_attr(n, "date-caption");
    pd_item *it = pd_items_add(out, PD_ITEM_BLOCK);
    set_spacing(it, st);
    it->keep_with_next = st->keep_with_next;
    it->x = x + st->indent;
    double w = width - st->indent, y = 0;
    pd_style bold = *st, small = *st;
    bold.font_weight = 700;
    small.font_size = st->font_size * 0.9;
    /* field="customer": a signature field on the line, text fields on the empty lines */
    char *field = pd_xml_attr(n, "field"), *tooltip = pd_xml_attr(n, "tooltip");
    const char *tip = tooltip && *tooltip ? tooltip : label; /* the label may stand above */
    if (label && *label) /* else it stands elsewhere (a row above, for lines at one height) */
        y += add_text_line(lay, &it->frag, label, &bold, 0, y, w);
    double room = y;
    y += st->font_size * 3.2; /* room to sign */
    pd_box *line = pd_frag_add(&it->frag, PD_BOX_LINE, 0, y, w, 0);
    line->color = st->color;
    line->stroke = 0.7;
    if (field && *field)
        add_field(lay, &it->frag, PD_FIELD_SIGNATURE, field, "", tip, 0, room, w, y - room);
    y += 3;
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s%s", name ? name : "", name && role && *role ? ", " : "",
             role ? role : "");
    double name_y = y;
    y += add_text_line(lay, &it->frag, buf, st, 0, y, w);
    if (field && *field && !(name && *name))
        add_field(lay, &it->frag, PD_FIELD_TEXT, field, "-name", tip, 0, name_y, w,
                  y - name_y);
    if ((place && *place) || (date && *date)) {
        snprintf(buf, sizeof buf, "%s%s%s", place ? place : "",
                 place && *place && date && *date ? ", " : "", date ? date : "");
        y += add_text_line(lay, &it->frag, buf, &small, 0, y, w);
    } else {
        /* Fill-in lines for place and date, captioned underneath. */
        y += st->font_size * 1.8;
        double half = (w - 12) / 2;
        pd_box *l1 = pd_frag_add(&it->frag, PD_BOX_LINE, 0, y, half, 0);
        pd_box *l2 = pd_frag_add(&it->frag, PD_BOX_LINE, half + 12, y, half, 0);
        l1->color = l2->color = st->color;
        l1->stroke = l2->stroke = 0.4;
        if (field && *field) {
            double fh = st->font_size * 1.5;
            char what[600];
            snprintf(what, sizeof what, "%s: %s", tip && *tip ? tip : field,
                     place_cap ? place_cap : "place");
            add_field(lay, &it->frag, PD_FIELD_TEXT, field, "-place", what, 0, y - fh, half, fh);
            snprintf(what, sizeof what, "%s: %s", tip && *tip ? tip : field,
                     date_cap ? date_cap : "date");
            add_field(lay, &it->frag, PD_FIELD_TEXT, field, "-date", what, half + 12, y - fh,
                      half, fh);
        }
        y += 2;
        double h1 = add_text_line(lay, &it->frag, place_cap ? place_cap : "", &small, 0, y, half);
        add_text_line(lay, &it->frag, date_cap ? date_cap : "", &small, half + 12, y, half);
        y += h1;
    }
    it->frag.height = y;
    free(label), free(name), free(role), free(place), free(date), free(place_cap);
    free(date_cap), free(field), free(tooltip);
}

static void flow_image(pd_layout *lay, xmlNode *n, const pd_style *st, double x, double width,
                       pd_items *out)
{
    char *src = pd_xml_attr(n, "src");
    /* A relative path is relative to the layout file, not to the current folder. */
    if (src && src[0] != '/' && strchr(lay->doc.file, '/')) {
        char *base = pd_strndup(lay->doc.file, (size_t)(strrchr(lay->doc.file, '/') - lay->doc.file));
        char *joined = base ? pd_strcat3(base, "/", src) : NULL;
        free(base);
        free(src);
        src = joined;
    }
    const pd_image *img = pd_image_load(lay->doc.ctx, lay->doc.images, lay->doc.image_dirs, lay->doc.file,
                                        (int)xmlGetLineNo(n), src);
    free(src);
    if (!img)
        return;
    double iw = img->width, ih = img->height;
    double w = 0, h = 0;
    char *ws = pd_xml_attr(n, "width"), *hs = pd_xml_attr(n, "height");
    bool has_w = ws && pd_length_parse(ws, &w), has_h = hs && pd_length_parse(hs, &h);
    free(ws), free(hs);
    double avail = width - st->indent;
    if (has_w && !has_h)
        h = w * ih / iw;
    else if (has_h && !has_w)
        w = h * iw / ih;
    else if (!has_w && !has_h)
        w = avail, h = avail * ih / iw;
    if (w > avail) { /* never wider than the column: scale down keeping the aspect ratio */
        h = h * avail / w;
        w = avail;
    }
    pd_item *it = pd_items_add(out, PD_ITEM_BLOCK);
    set_spacing(it, st);
    double dx = st->align_block == PD_ALIGN_RIGHT    ? avail - w
                : st->align_block == PD_ALIGN_CENTER ? (avail - w) / 2
                                                     : 0;
    it->x = x + st->indent + dx;
    pd_box *b = pd_frag_add(&it->frag, img->svg ? PD_BOX_SVG : PD_BOX_IMAGE, 0, 0, w, h);
    b->picture = img->picture;
    b->tag = lay->pass.text.tag;
    it->frag.height = h;
}

/* The structure element a block becomes in the tagged PDF. */
static void tag_name(xmlNode *n, char *buf, size_t size)
{
    static const struct {
        const char *element, *tag;
    } map[] = {
        {"p", "P"},         {"list", "L"},       {"table", "Table"},  {"image", "Figure"},
        {"box", "Div"},     {"checkbox", "P"},   {"signature", "Div"}, {"toc", "TOC"},
        {"gantt", "Figure"}, {"barchart", "Figure"}, {"phases", "Figure"},
        {"riskmatrix", "Figure"}, {"rule", ""},   {"spacer", ""},
    };
    const char *name = (const char *)n->name;
    if (strcmp(name, "h") == 0) {
        char *level = pd_xml_attr(n, "level");
        snprintf(buf, size, "H%s", level ? level : "1");
        free(level);
        return;
    }
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(name, map[i].element) == 0) {
            snprintf(buf, size, "%s", map[i].tag);
            return;
        }
    snprintf(buf, size, "Div");
}

static void flow_block(pd_layout *lay, xmlNode *n, const pd_style *st, double x, double width,
                       pd_items *out)
{
    const char *name = (const char *)n->name;
    if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0)
        flow_paragraph(lay, n, st, x, width, out);
    else if (strcmp(name, "list") == 0)
        flow_list(lay, n, st, x, width, out);
    else if (strcmp(name, "table") == 0)
        pd_flow_table(lay, n, st, x, width, out);
    else if (strcmp(name, "box") == 0)
        flow_framed(lay, n, st, x, width, false, out);
    else if (strcmp(name, "rule") == 0)
        flow_rule(lay, n, st, x, width, out);
    else if (strcmp(name, "spacer") == 0)
        flow_spacer(lay, n, out);
    else if (strcmp(name, "checkbox") == 0)
        flow_checkbox(lay, n, st, x, width, out);
    else if (strcmp(name, "signature") == 0)
        flow_signature(lay, n, st, x, width, out);
    else if (strcmp(name, "image") == 0)
        flow_image(lay, n, st, x, width, out);
    else if (strcmp(name, "toc") == 0)
        pd_flow_toc(lay, n, st, x, width, out);
    else
        pd_flow_figure(lay, n, st, x, width, out);
}

/* Keeps of a block's items [first, out->n) that a typesetter would choose:
 * - keep-together="true" on a list (or any block of several items) holds them together;
 * - a short lead paragraph (up to three lines) right after a heading keeps with what follows
 *   it, as the heading keeps with it ("Signatures", "By signing ...", the signature lines). */
static void keep_group(pd_layout *lay, xmlNode *n, const pd_style *st, pd_items *out, int first,
                       bool after_heading)
{
    (void)lay;
    if (out->n <= first)
        return;
    if (st->keep_together)
        for (int i = first; i < out->n - 1; i++)
            out->items[i].keep_with_next = true;
    pd_item *it = &out->items[first];
    if (after_heading && out->n == first + 1 && pd_xml_is(n, PD_LAYOUT_NS, "p") &&
        it->kind == PD_ITEM_LINES && it->para->nlines <= 3)
        it->keep_with_next = true;
}

/* The blocks from first up to stop (not included; NULL: to the end), children of parent. */
static void flow_range(pd_layout *lay, xmlNode *parent, xmlNode *first, xmlNode *stop,
                       const pd_style *style, double x, double width, pd_items *out)
{
    bool lead = false; /* the block before was a heading */
    for (xmlNode *n = first; n && n != stop; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)n->name, "page-break") == 0) {
            pd_item *it = pd_items_add(out, PD_ITEM_BREAK);
            it->master = pd_xml_attr(n, "master");
            continue;
        }
        pd_style st;
        pd_style_resolve(lay->doc.ctx, lay->doc.file, lay->doc.styles, n, style, &st);
        if (st.break_before)
            pd_items_add(out, PD_ITEM_BREAK);
        char tag[12];
        tag_name(n, tag, sizeof tag);
        const pd_tag *saved = lay->pass.text.tag;
        if (*tag) {
            char *alt = pd_xml_attr(n, pd_xml_is(n, NULL, "p") ? "actual-text" : "alt");
            lay->pass.text.tag = pd_layout_tag(lay, tag, saved, alt);
            free(alt);
        }
        /* The block's id lands where its first item is placed; an enclosing block's id
         * still waiting for an item gives way to it. */
        const pd_heading *h = pd_heading_of(lay, n);
        char *id = h ? pd_strdup(h->id) : pd_xml_attr(n, "id");
        if (id) {
            free(out->pending_anchor);
            out->pending_anchor = id;
        }
        int before = out->n;
        flow_block(lay, n, &st, x, width, out);
        if (out->n > before && pd_xml_is(n, PD_LAYOUT_NS, "h"))
            out->items[before].heading = true;
        keep_group(lay, n, &st, out, before, lead);
        lead = out->n > before && out->items[out->n - 1].heading;
        lay->pass.text.tag = saved;
        if (id && out->pending_anchor == id) { /* the block made no item */
            free(id);
            out->pending_anchor = NULL;
        }
        /* Between the flow's own children nothing refers back to earlier items. */
        if (parent == lay->doc.flow_node)
            pd_items_flush_point(out);
    }
}

void pd_flow_blocks(pd_layout *lay, xmlNode *parent, const pd_style *style, double x,
                    double width, pd_items *out)
{
    flow_range(lay, parent, parent->children, NULL, style, x, width, out);
}

void pd_flow_part(pd_layout *lay, xmlNode *first, xmlNode *stop, pd_items *out)
{
    flow_range(lay, lay->doc.flow_node, first, stop, &lay->doc.flow_style, 0,
               lay->doc.flow_width, out);
}
