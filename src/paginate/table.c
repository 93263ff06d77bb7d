/* table.c — tables: column widths (absolute, shares, automatic), rows as unbreakable
 * fragments, and the header kept once to be repeated on every page the table continues on. */
#include "flow.h"
#include "util.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_COLUMNS = 64 };

typedef enum { COL_FIXED, COL_SHARE, COL_AUTO } col_kind;

typedef struct {
    col_kind kind;
    double value; /* points for FIXED, the share for SHARE */
    double min, max; /* measured content widths for AUTO, padding included */
    double width;
} column;

typedef struct {
    pd_layout *lay;
    xmlNode *node;
    pd_style style;
    column cols[MAX_COLUMNS];
    int ncols;
    double padding, inner_rule;
    bool has_header_bg, has_stripe, has_header_color;
    pd_color header_bg, stripe, header_color;
} table;

static void raise_at(table *t, xmlNode *n, const char *msg, const char *v)
{
    pd_diag_raise(t->lay->ctx, PD_ERROR, t->lay->file, (int)xmlGetLineNo(n), 0, msg, v);
}

static void read_columns(table *t)
{
    for (xmlNode *n = t->node->children; n && t->ncols < MAX_COLUMNS; n = n->next) {
        if (!pd_xml_is(n, PD_LAYOUT_NS, "column"))
            continue;
        column *c = &t->cols[t->ncols++];
        memset(c, 0, sizeof *c);
        char *w = pd_xml_attr(n, "width");
        if (!w || strcmp(w, "auto") == 0) {
            c->kind = COL_AUTO;
        } else if (pd_has_suffix(w, "*")) {
            c->kind = COL_SHARE;
            c->value = strtod(w, NULL);
            if (c->value <= 0)
                c->value = 1;
        } else if (pd_length_parse(w, &c->value)) {
            c->kind = COL_FIXED;
        } else {
            raise_at(t, n, "<column>: width=\"%s\" is not a length, share or auto", w);
            c->kind = COL_AUTO;
        }
        free(w);
    }
}

static int colspan_of(xmlNode *cell)
{
    char *v = pd_xml_attr(cell, "colspan");
    int span = v ? atoi(v) : 1;
    free(v);
    return span < 1 ? 1 : span;
}

/* The widest unbreakable piece and the natural width of a cell's content. */
static void measure_cell(table *t, xmlNode *cell, const pd_style *st, double *min, double *max)
{
    *min = *max = 0;
    bool blocks = false;
    for (xmlNode *c = cell->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)c->name;
        if (strcmp(name, "p") && strcmp(name, "h") && strcmp(name, "checkbox"))
            continue;
        blocks = true;
        pd_style cs;
        pd_style_resolve(t->lay->ctx, t->lay->file, t->lay->styles, c, st, &cs);
        double lo, hi;
        pd_para_measure(&t->lay->text, c, &cs, &lo, &hi);
        *min = lo > *min ? lo : *min;
        *max = hi > *max ? hi : *max;
    }
    if (!blocks)
        pd_para_measure(&t->lay->text, cell, st, min, max);
}

static void for_each_row(table *t, void (*fn)(table *, xmlNode *, bool), bool with_header)
{
    for (xmlNode *n = t->node->children; n; n = n->next) {
        if (with_header && pd_xml_is(n, PD_LAYOUT_NS, "header"))
            for (xmlNode *r = n->children; r; r = r->next)
                if (pd_xml_is(r, PD_LAYOUT_NS, "row"))
                    fn(t, r, true);
        if (pd_xml_is(n, PD_LAYOUT_NS, "row"))
            fn(t, n, false);
    }
}

static void measure_row(table *t, xmlNode *row, bool header)
{
    (void)header;
    pd_style rs;
    pd_style_resolve(t->lay->ctx, t->lay->file, t->lay->styles, row, &t->style, &rs);
    int col = 0;
    for (xmlNode *cell = row->children; cell && col < t->ncols; cell = cell->next) {
        if (!pd_xml_is(cell, PD_LAYOUT_NS, "cell"))
            continue;
        int span = colspan_of(cell);
        if (span == 1 && t->cols[col].kind == COL_AUTO) {
            pd_style cs;
            pd_style_resolve(t->lay->ctx, t->lay->file, t->lay->styles, cell, &rs, &cs);
            double lo, hi;
            measure_cell(t, cell, &cs, &lo, &hi);
            column *c = &t->cols[col];
            c->min = lo + 2 * t->padding > c->min ? lo + 2 * t->padding : c->min;
            c->max = hi + 2 * t->padding > c->max ? hi + 2 * t->padding : c->max;
        }
        col += span;
    }
}

/* As browsers do: fixed columns first; automatic ones get their natural width when it fits,
 * else their minimum plus a fair part of the rest; shares divide what remains. */
static void assign_widths(table *t, double avail)
{
    double fixed = 0, auto_min = 0, auto_max = 0, shares = 0;
    for (int i = 0; i < t->ncols; i++) {
        column *c = &t->cols[i];
        if (c->kind == COL_FIXED)
            fixed += c->value;
        else if (c->kind == COL_AUTO)
            auto_min += c->min, auto_max += c->max;
        else
            shares += c->value;
    }
    double rest = avail - fixed;
    if (rest < 0)
        rest = 0;
    /* With share columns present, automatic ones take at most their natural width. */
    double auto_room = shares > 0 ? (auto_max < rest * 0.7 ? auto_max : rest * 0.7) : rest;
    if (auto_room < auto_min)
        auto_room = auto_min < rest ? auto_min : rest;
    double extra = auto_max > auto_min ? (auto_room - auto_min) / (auto_max - auto_min) : 0;
    if (extra > 1 && shares > 0)
        extra = 1;
    double used = 0;
    int nauto = 0;
    for (int i = 0; i < t->ncols; i++) {
        column *c = &t->cols[i];
        if (c->kind == COL_FIXED) {
            c->width = c->value;
        } else if (c->kind == COL_AUTO) {
            c->width = c->min + (c->max - c->min) * extra;
            nauto++;
        } else {
            continue;
        }
        used += c->width;
    }
    double left = avail - used;
    for (int i = 0; i < t->ncols; i++) {
        column *c = &t->cols[i];
        if (c->kind == COL_SHARE)
            c->width = left > 0 ? left * c->value / shares : 0;
    }
    /* Without share columns, automatic columns absorb the remainder evenly. */
    if (shares == 0 && nauto > 0 && left > 0)
        for (int i = 0; i < t->ncols; i++)
            if (t->cols[i].kind == COL_AUTO && extra >= 1)
                t->cols[i].width += left / nauto;
}

static void fill(pd_frag *f, double x, double y, double w, double h, pd_color c)
{
    pd_box *b = pd_frag_add(f, PD_BOX_FILL, x, y, w, h);
    b->color = c;
}

static void rule(pd_frag *f, double x, double y, double w, double h, const table *t,
                 double stroke)
{
    pd_box *b = pd_frag_add(f, PD_BOX_LINE, x, y, w, h);
    b->color = t->style.border_color;
    b->stroke = stroke;
}

/* One row as a fragment: backgrounds, cell contents, then the rules on top. */
static void layout_row(table *t, xmlNode *row, bool header, int index, pd_frag *out)
{
    pd_style rs;
    pd_style_resolve(t->lay->ctx, t->lay->file, t->lay->styles, row, &t->style, &rs);
    if (header && t->has_header_color)
        rs.color = t->header_color;
    if (header && !xmlHasProp(row, (const xmlChar *)"font-weight"))
        rs.font_weight = rs.font_weight < 600 ? 600 : rs.font_weight;
    pd_frag cells[MAX_COLUMNS];
    double xs[MAX_COLUMNS], ws[MAX_COLUMNS];
    pd_style styles[MAX_COLUMNS];
    double valign[MAX_COLUMNS]; /* 0 top, 0.5 middle, 1 bottom */
    int ncells = 0, col = 0;
    double height = 0, x = 0;
    for (xmlNode *cell = row->children; cell && col < t->ncols; cell = cell->next) {
        if (!pd_xml_is(cell, PD_LAYOUT_NS, "cell"))
            continue;
        int span = colspan_of(cell);
        double w = 0;
        for (int k = col; k < col + span && k < t->ncols; k++)
            w += t->cols[k].width;
        pd_style *cs = &styles[ncells];
        pd_style_resolve(t->lay->ctx, t->lay->file, t->lay->styles, cell, &rs, cs);
        double pad = xmlHasProp(cell, (const xmlChar *)"padding") ? cs->padding : t->padding;
        pd_frag_init(&cells[ncells]);
        pd_flow_cell(t->lay, cell, cs, w - 2 * pad, &cells[ncells]);
        cells[ncells].height += 2 * pad;
        if (cells[ncells].height > height)
            height = cells[ncells].height;
        char *va = pd_xml_attr(cell, "valign");
        valign[ncells] = pd_streq(va, "middle") ? 0.5 : pd_streq(va, "bottom") ? 1 : 0;
        free(va);
        xs[ncells] = x;
        ws[ncells] = w;
        cs->padding = pad;
        x += w;
        col += span;
        ncells++;
    }
    double total = x;
    if (header && t->has_header_bg)
        fill(out, 0, 0, total, height, t->header_bg);
    else if (rs.has_background)
        fill(out, 0, 0, total, height, rs.background);
    else if (!header && t->has_stripe && index % 2 == 1)
        fill(out, 0, 0, total, height, t->stripe);
    for (int i = 0; i < ncells; i++) {
        if (styles[i].has_background)
            fill(out, xs[i], 0, ws[i], height, styles[i].background);
        double dy = styles[i].padding + (height - cells[i].height) * valign[i];
        pd_frag_move(out, &cells[i], xs[i] + styles[i].padding, dy);
        pd_frag_free(&cells[i]);
    }
    if (t->style.border > 0) {
        for (int i = 0; i <= ncells; i++) {
            double vx = i < ncells ? xs[i] : total;
            rule(out, vx, 0, 0, height, t, i == 0 || i == ncells ? t->style.border : t->inner_rule);
        }
        if (header && index == 0)
            rule(out, 0, 0, total, 0, t, t->style.border);
    }
    if (t->inner_rule > 0 || t->style.border > 0)
        rule(out, 0, height, total, 0, t, header ? t->style.border > 0 ? t->style.border : 0.8
                                                 : t->inner_rule);
    out->height = height;
}

static double length_attr(table *t, const char *name, double fallback)
{
    char *v = pd_xml_attr(t->node, name);
    double r = fallback;
    if (v && !pd_length_parse(v, &r)) {
        raise_at(t, t->node, "<table>: a length was expected, not \"%s\"", v);
        r = fallback;
    }
    free(v);
    return r;
}

static bool colour_attr(table *t, const char *name, pd_color *c)
{
    char *v = pd_xml_attr(t->node, name);
    bool ok = v && pd_color_parse(v, c);
    free(v);
    return ok;
}

void pd_flow_table(pd_layout *lay, xmlNode *node, const pd_style *st, double x, double width,
                   pd_items *out)
{
    table *t = calloc(1, sizeof *t);
    if (!t)
        return;
    t->lay = lay;
    t->node = node;
    t->style = *st;
    t->padding = length_attr(t, "cell-padding", 4);
    t->inner_rule = length_attr(t, "border-inner", st->border > 0 ? st->border : 0);
    t->has_header_bg = colour_attr(t, "header-background", &t->header_bg);
    t->has_header_color = colour_attr(t, "header-color", &t->header_color);
    t->has_stripe = colour_attr(t, "stripe", &t->stripe);
    read_columns(t);
    if (t->ncols == 0) {
        free(t);
        return;
    }
    double avail = width - st->indent;
    for_each_row(t, measure_row, true);
    assign_widths(t, avail);

    pd_table_head *head = calloc(1, sizeof *head);
    if (!head) {
        free(t);
        return;
    }
    head->refs = 1;
    int hi = 0;
    for (xmlNode *n = node->children; n; n = n->next)
        if (pd_xml_is(n, PD_LAYOUT_NS, "header"))
            for (xmlNode *r = n->children; r; r = r->next)
                if (pd_xml_is(r, PD_LAYOUT_NS, "row")) {
                    pd_frag row;
                    pd_frag_init(&row);
                    layout_row(t, r, true, hi++, &row);
                    double y = head->frag.height;
                    pd_frag_move(&head->frag, &row, 0, y);
                    head->frag.height = y + row.height;
                    pd_frag_free(&row);
                }

    int index = 0, first = out->n;
    for (xmlNode *r = node->children; r; r = r->next) {
        if (!pd_xml_is(r, PD_LAYOUT_NS, "row"))
            continue;
        pd_item *it = pd_items_add(out, PD_ITEM_BLOCK);
        it->x = x + st->indent;
        layout_row(t, r, false, index, &it->frag);
        if (hi > 0) {
            it->table = head;
            head->refs++;
            it->table_first = index == 0;
        }
        index++;
    }
    if (out->n > first) {
        out->items[first].space_before = st->space_before;
        out->items[out->n - 1].space_after = st->space_after;
    }
    if (--head->refs == 0) {
        pd_frag_free(&head->frag);
        free(head);
    }
    free(t);
}
