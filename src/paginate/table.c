/* table.c — tables: column widths (absolute, shares, automatic), rows as unbreakable
 * fragments, and the header kept once to be repeated on every page the table continues on. */
#include "flow.h"
#include "util.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

/* More columns or rows than any table has; larger spans are clamped to this. */
#define PD_SPAN_MAX 10000

enum { MAX_COLUMNS = 64 };

typedef enum { COL_FIXED, COL_SHARE, COL_AUTO } col_kind;

typedef struct {
    col_kind kind;
    double value; /* points for FIXED, the share for SHARE */
    double min, max; /* measured content widths for AUTO, padding included */
    bool has_align;
    pd_align align;  /* the column's default alignment for its cells */
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
    int measured; /* body rows measured for the minimum widths of fixed and shared columns */
    pd_color header_bg, stripe, header_color;
} table;

static void raise_at(table *t, xmlNode *n, const char *msg, const char *v)
{
    pd_diag_raise(t->lay->doc.ctx, PD_ERROR, t->lay->doc.file, (int)xmlGetLineNo(n), 0, msg, v);
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
            /* shares are relative: past 1:1000 a column is invisible anyway */
            c->value = strtod(w, NULL);
            if (!(c->value > 0))
                c->value = 1;
            if (c->value > 1000)
                c->value = 1000;
        } else if (pd_length_parse(w, &c->value)) {
            c->kind = COL_FIXED;
        } else {
            raise_at(t, n, "<column>: width=\"%s\" is not a length, share or auto", w);
            c->kind = COL_AUTO;
        }
        free(w);
        char *align = pd_xml_attr(n, "align");
        static const char *const names[] = {"left", "right", "center", "justify"};
        for (int k = 0; align && k < 4; k++)
            if (strcmp(align, names[k]) == 0) {
                c->has_align = true;
                c->align = (pd_align)k;
            }
        free(align);
    }
}

/* A colspan or rowspan: 1 when absent or not a positive number; clamped to a bound that no
 * table reaches (the grid clamps it to its own size), so that col + span cannot overflow. */
static int span_attr(xmlNode *cell, const char *name)
{
    char *v = pd_xml_attr(cell, name);
    long span = v ? strtol(v, NULL, 10) : 1;
    free(v);
    return span < 1 ? 1 : span > PD_SPAN_MAX ? PD_SPAN_MAX : (int)span;
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
        pd_style_resolve(t->lay->doc.ctx, t->lay->doc.file, t->lay->doc.styles, c, st, &cs);
        double lo, hi;
        pd_para_measure(&t->lay->pass.text, c, &cs, &lo, &hi);
        *min = lo > *min ? lo : *min;
        *max = hi > *max ? hi : *max;
    }
    if (!blocks)
        pd_para_measure(&t->lay->pass.text, cell, st, min, max);
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

/* The style of a row as layout_rows() sets it: header rows in at least semi-bold. */
static void row_style(table *t, xmlNode *row, bool header, pd_style *rs)
{
    pd_style_resolve(t->lay->doc.ctx, t->lay->doc.file, t->lay->doc.styles, row, &t->style, rs);
    if (header && !xmlHasProp(row, (const xmlChar *)"font-weight"))
        rs->font_weight = rs->font_weight < 600 ? 600 : rs->font_weight;
}

/* Every column's widest unbreakable piece (amounts, ids, words that are not hyphenated), and
 * automatic columns' natural width too. */
/* Fixed and shared columns take their minimum widths from the header and the first body
 * rows only: measuring every cell of a table of 20,000 rows took longer than laying it out,
 * and the rows of one table hold content of one kind (ids, dates, amounts of a similar
 * size). Automatic columns measure every row, as before. */
enum { MEASURE_ROWS = 200 };

static void measure_row(table *t, xmlNode *row, bool header)
{
    bool all = header || t->measured++ < MEASURE_ROWS;
    pd_style rs;
    row_style(t, row, header, &rs);
    bool no_hyphens = t->lay->pass.text.no_hyphens;
    t->lay->pass.text.no_hyphens = no_hyphens || header; /* as laid out: see layout_rows() */
    int col = 0;
    for (xmlNode *cell = row->children; cell && col < t->ncols; cell = cell->next) {
        if (!pd_xml_is(cell, PD_LAYOUT_NS, "cell"))
            continue;
        int span = span_attr(cell, "colspan");
        if (span == 1 && (all || t->cols[col].kind == COL_AUTO)) {
            pd_style cs, base = rs;
            if (t->cols[col].has_align)
                base.align = t->cols[col].align;
            pd_style_resolve(t->lay->doc.ctx, t->lay->doc.file, t->lay->doc.styles, cell, &base, &cs);
            double pad = xmlHasProp(cell, (const xmlChar *)"padding") ? cs.padding : t->padding;
            double lo, hi;
            measure_cell(t, cell, &cs, &lo, &hi);
            column *c = &t->cols[col];
            if (lo <= 0 && hi <= 0 && c->kind != COL_AUTO) { /* empty: wants no room */
                col += span;
                continue;
            }
            lo += 2 * pad;
            hi += 2 * pad;
            c->min = lo > c->min ? lo : c->min;
            c->max = hi > c->max ? hi : c->max;
        }
        col += span;
    }
    t->lay->pass.text.no_hyphens = no_hyphens;
}

/* No column narrower than its widest unbreakable piece where the table has the room: what a
 * column lacks is taken from the others' room above their own minimum (columns of breakable
 * text), in proportion to it. A fixed or shared width is a wish, as in CSS; where all minima
 * do not fit, each column gets the same part of what it lacks. */
static void respect_minimums(table *t)
{
    double lack = 0, room = 0;
    for (int i = 0; i < t->ncols; i++) { /* automatic columns are sized from these already */
        column *c = &t->cols[i];
        /* a hair more than measured: Pango's widths are whole 1/1024 pt, rounded down */
        if (c->kind != COL_AUTO && c->min > 0)
            c->min += 0.05;
    }
    for (int i = 0; i < t->ncols; i++) {
        column *c = &t->cols[i];
        double d = c->width - c->min;
        if (d < 0)
            lack -= d;
        else
            room += d;
    }
    if (lack <= 0.01 || room <= 0)
        return;
    double give = lack < room ? 1 : room / lack; /* the share of its lack each column gets */
    double take = lack < room ? lack / room : 1; /* the share of its room each column gives */
    for (int i = 0; i < t->ncols; i++) {
        column *c = &t->cols[i];
        double d = c->width - c->min;
        c->width += d < 0 ? -d * give : -d * take;
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

static void rule(pd_frag *f, double x, double y, double w, double h, pd_color colour,
                 double stroke)
{
    pd_box *b = pd_frag_add(f, PD_BOX_LINE, x, y, w, h);
    b->color = colour;
    b->stroke = stroke;
}

enum { MAX_GROUP = 256 }; /* rows held together by row spans */

typedef struct {
    int row, col, colspan, rowspan;
    pd_frag content;
    pd_style style;
    double valign; /* 0 top, 0.5 middle, 1 bottom */
    bool has_border_color;
} placed_cell;

static double col_x(const table *t, int col)
{
    double x = 0;
    for (int k = 0; k < col && k < t->ncols; k++)
        x += t->cols[k].width;
    return x;
}

/* Rows that row spans hold together, laid out as one fragment: cells placed on a grid, row
 * heights from the cells of one row, a spanning cell stretching its last row if it needs
 * more; then backgrounds, contents and rules per cell. index is the first row's number among
 * the body rows (for stripes). */
static void layout_rows(table *t, xmlNode **rows, int nrows, bool header, int index,
                        pd_frag *out, double *ends)
{
    const pd_tag *table_tag = t->lay->pass.text.tag;
    placed_cell *cells = calloc((size_t)nrows * MAX_COLUMNS, sizeof *cells);
    bool *taken = calloc((size_t)nrows * MAX_COLUMNS, sizeof *taken);
    double *h = calloc((size_t)nrows + 1, sizeof *h);
    pd_style *row_styles = calloc((size_t)nrows, sizeof *row_styles);
    if (!cells || !taken || !h || !row_styles) {
        free(cells), free(taken), free(h), free(row_styles);
        return;
    }
    int ncells = 0;
    for (int r = 0; r < nrows; r++) {
        const pd_tag *row_tag = pd_layout_tag(t->lay, "TR", table_tag, NULL);
        pd_style *rs = &row_styles[r];
        row_style(t, rows[r], header, rs);
        if (header && t->has_header_color)
            rs->color = t->header_color;
        int col = 0;
        for (xmlNode *cell = rows[r]->children; cell; cell = cell->next) {
            if (!pd_xml_is(cell, PD_LAYOUT_NS, "cell"))
                continue;
            while (col < t->ncols && taken[r * MAX_COLUMNS + col])
                col++;
            if (col >= t->ncols)
                break;
            placed_cell *c = &cells[ncells++];
            c->row = r;
            c->col = col;
            c->colspan = span_attr(cell, "colspan");
            c->rowspan = span_attr(cell, "rowspan");
            if (c->col + c->colspan > t->ncols)
                c->colspan = t->ncols - c->col;
            if (c->row + c->rowspan > nrows)
                c->rowspan = nrows - c->row;
            for (int rr = r; rr < r + c->rowspan; rr++)
                for (int cc = col; cc < col + c->colspan; cc++)
                    taken[rr * MAX_COLUMNS + cc] = true;
            pd_style base = *rs;
            if (t->cols[col].has_align) /* the column's alignment, unless the cell says */
                base.align = t->cols[col].align;
            pd_style_resolve(t->lay->doc.ctx, t->lay->doc.file, t->lay->doc.styles, cell, &base, &c->style);
            if (!xmlHasProp(cell, (const xmlChar *)"padding"))
                c->style.padding = t->padding;
            c->has_border_color = xmlHasProp(cell, (const xmlChar *)"border-color") != NULL;
            char *va = pd_xml_attr(cell, "valign");
            c->valign = pd_streq(va, "middle") ? 0.5 : pd_streq(va, "bottom") ? 1 : 0;
            free(va);
            double w = col_x(t, col + c->colspan) - col_x(t, col);
            pd_frag_init(&c->content);
            t->lay->pass.text.tag = pd_layout_tag(t->lay, header ? "TH" : "TD", row_tag, NULL);
            /* a column narrower than its padding still gets a box (Pango reads a negative
             * width as "never wrap") */
            double inner = w - 2 * c->style.padding;
            /* header rows are never hyphenated ("Wahrschein-" / "lichkeit") */
            bool no_hyphens = t->lay->pass.text.no_hyphens;
            t->lay->pass.text.no_hyphens = no_hyphens || header;
            pd_flow_cell(t->lay, cell, &c->style, inner > 0 ? inner : 0, &c->content);
            t->lay->pass.text.no_hyphens = no_hyphens;
            t->lay->pass.text.tag = table_tag;
            double need = c->content.height + 2 * c->style.padding;
            if (c->rowspan == 1 && need > h[r])
                h[r] = need;
            col += c->colspan;
        }
    }
    for (int i = 0; i < ncells; i++) { /* spanning cells stretch their last row if needed */
        placed_cell *c = &cells[i];
        double have = 0;
        for (int r = c->row; r < c->row + c->rowspan; r++)
            have += h[r];
        double need = c->content.height + 2 * c->style.padding;
        if (need > have)
            h[c->row + c->rowspan - 1] += need - have;
    }
    double *y = calloc((size_t)nrows + 1, sizeof *y);
    for (int r = 0; y && r < nrows; r++)
        y[r + 1] = y[r] + h[r];
    double total_w = col_x(t, t->ncols);
    for (int r = 0; y && r < nrows; r++) {
        if (header && t->has_header_bg)
            fill(out, 0, y[r], total_w, h[r], t->header_bg);
        else if (row_styles[r].has_background)
            fill(out, 0, y[r], total_w, h[r], row_styles[r].background);
        else if (!header && t->has_stripe && (index + r) % 2 == 1)
            fill(out, 0, y[r], total_w, h[r], t->stripe);
    }
    for (int i = 0; y && i < ncells; i++) {
        placed_cell *c = &cells[i];
        double cx = col_x(t, c->col), cw = col_x(t, c->col + c->colspan) - cx;
        double cy = y[c->row], ch = y[c->row + c->rowspan] - cy;
        if (c->style.has_background)
            fill(out, cx, cy, cw, ch, c->style.background);
        double inner = c->content.height + 2 * c->style.padding;
        pd_frag_move(out, &c->content, cx + c->style.padding,
                     cy + c->style.padding + (ch - inner) * c->valign);
        double bottom = header && c->row + c->rowspan == nrows
                            ? (t->style.border > 0 ? t->style.border : 0.8)
                            : t->inner_rule;
        if (c->style.border_bottom > 0)
            bottom = c->style.border_bottom;
        pd_color ink = c->has_border_color ? c->style.border_color : t->style.border_color;
        if (bottom > 0)
            rule(out, cx, cy + ch, cw, 0, ink, bottom);
        if (t->style.border > 0) {
            pd_color frame = t->style.border_color;
            rule(out, cx, cy, 0, ch, frame, c->col == 0 ? t->style.border : t->inner_rule);
            if (c->col + c->colspan == t->ncols)
                rule(out, cx + cw, cy, 0, ch, frame, t->style.border);
            if (header && c->row == 0)
                rule(out, cx, cy, cw, 0, frame, t->style.border);
        }
    }
    out->height = y ? y[nrows] : 0;
    for (int r = 0; ends && y && r < nrows; r++)
        ends[r] = y[r + 1];
    for (int i = 0; i < ncells; i++)
        pd_frag_free(&cells[i].content);
    free(cells), free(taken), free(h), free(y), free(row_styles);
}

/* How many rows from rows[i] a row span holds together. */
static int group_size(xmlNode **rows, int n, int i)
{
    int end = i;
    for (int r = i; r <= end && r < n; r++)
        for (xmlNode *cell = rows[r]->children; cell; cell = cell->next)
            if (pd_xml_is(cell, PD_LAYOUT_NS, "cell")) {
                int last = r + span_attr(cell, "rowspan") - 1;
                end = last > end ? last : end;
            }
    if (end >= n)
        end = n - 1;
    return end - i + 1 > MAX_GROUP ? MAX_GROUP : end - i + 1;
}

/* The rows directly under parent (the table, its <header> or its <continued>). */
static int collect_rows(xmlNode *parent, xmlNode ***out)
{
    int n = 0;
    for (xmlNode *r = parent->children; r; r = r->next)
        n += pd_xml_is(r, PD_LAYOUT_NS, "row");
    *out = calloc((size_t)(n ? n : 1), sizeof **out);
    if (!*out)
        return 0;
    n = 0;
    for (xmlNode *r = parent->children; r; r = r->next)
        if (pd_xml_is(r, PD_LAYOUT_NS, "row"))
            (*out)[n++] = r;
    return n;
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
    respect_minimums(t);

    pd_table_head *head = calloc(1, sizeof *head);
    if (!head) {
        free(t);
        return;
    }
    head->refs = 1;
    int nheader = 0;
    for (xmlNode *n = node->children; n; n = n->next) {
        bool is_header = pd_xml_is(n, PD_LAYOUT_NS, "header");
        if (!is_header && !pd_xml_is(n, PD_LAYOUT_NS, "continued"))
            continue;
        xmlNode **rows;
        int nrows = collect_rows(n, &rows);
        if (nrows > 0)
            layout_rows(t, rows, nrows, is_header, 0, is_header ? &head->frag : &head->cont, NULL);
        nheader += is_header ? nrows : 0;
        free(rows);
    }

    /* A table narrower than its column (fixed or automatic widths) sits where align-block
     * says. */
    double total = col_x(t, t->ncols), shift = 0;
    if (total < avail && st->align_block != PD_ALIGN_LEFT)
        shift = (avail - total) * (st->align_block == PD_ALIGN_RIGHT ? 1 : 0.5);
    xmlNode **rows;
    int nrows = collect_rows(node, &rows), added = 0;
    for (int i = 0; i < nrows;) {
        int group = group_size(rows, nrows, i);
        pd_item *it = pd_items_add(out, PD_ITEM_BLOCK);
        added++;
        it->x = x + st->indent + shift;
        if (i == 0)
            it->space_before = st->space_before;
        /* a group of rows held together (a row span) may still be cut between its rows */
        it->row_ends = group > 1 ? calloc((size_t)group, sizeof *it->row_ends) : NULL;
        it->nrow_ends = it->row_ends ? group : 0;
        layout_rows(t, rows + i, group, false, i, &it->frag, it->row_ends);
        /* A table kept together keeps each row with the next; so does a row that asks. As
         * lines of a paragraph have orphans and widows, no row stands alone at the foot or
         * the top of a page: the first row keeps with the second, the last but one with the
         * last (a table of two or three rows stays together). */
        xmlChar *kwn = xmlGetProp(rows[i + group - 1], (const xmlChar *)"keep-with-next");
        int next = i + group, after = next < nrows ? next + group_size(rows, nrows, next) : next;
        it->keep_with_next = st->keep_together || (kwn && xmlStrEqual(kwn, (const xmlChar *)"true")) ||
                             (next < nrows && (i == 0 || after >= nrows));
        xmlFree(kwn);
        xmlChar *rid = xmlGetProp(rows[i], (const xmlChar *)"id");
        if (rid) { /* a row's own id wins over the table's */
            free(it->anchor);
            it->anchor = pd_strdup((const char *)rid);
            xmlFree(rid);
        }
        if (nheader > 0 || head->cont.height > 0) {
            it->table = head;
            head->refs++;
            it->table_first = i == 0 && nheader > 0;
        }
        i += group;
        /* A long table of the flow's own is paginated as it goes (the last row stays: its
         * flags are set below). */
        if (node->parent == t->lay->doc.flow_node)
            pd_items_flush_point(out);
    }
    free(rows);
    if (added > 0) {
        pd_item *last = &out->items[out->n - 1];
        last->table_last = true;
        last->keep_with_next = st->keep_with_next;
        last->space_after = st->space_after;
    }
    if (--head->refs == 0) {
        pd_frag_free(&head->frag);
        pd_frag_free(&head->cont);
        free(head);
    }
    free(t);
}
