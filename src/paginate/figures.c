/* figures.c — figures drawn from data as vectors in the document's fonts and the brand's
 * colours: a Gantt chart, a bar chart, the phase diagram and a risk matrix. */
#include "flow.h"
#include "util.h"
#include "xml.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What every figure needs while it is being drawn. */
typedef struct {
    pd_layout *lay;
    pd_frag *f;
    pd_style text, small;
    pd_color accent, muted, ink;
    double width;
} figure;

static pd_color mix(pd_color a, pd_color b, double t)
{
    return (pd_color){a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

static const pd_color white = {1, 1, 1};

static bool colour_attr(xmlNode *n, const char *name, pd_color *c)
{
    char *v = pd_xml_attr(n, name);
    bool ok = v && pd_color_parse(v, c);
    free(v);
    return ok;
}

/* A single line of text at (x, y) = its top-left corner; align 0 left, 0.5 centre, 1 right
 * of x. Returns the text's width. */
static double label(figure *g, const char *text, const pd_style *st, double x, double y,
                    double align, pd_color colour)
{
    pd_style s = *st;
    s.color = colour;
    s.align = PD_ALIGN_LEFT;
    pd_para *p = pd_para_new_text(&g->lay->text, text, &s, -1);
    if (!p || p->nlines == 0) {
        pd_para_free(p);
        return 0;
    }
    double w = pd_para_line_width(p, 0);
    pd_frag_add_lines(g->f, p, 0, 1, x - w * align, y);
    pd_frag_own(g->f, p);
    return w;
}

static double text_width(figure *g, const char *text, const pd_style *st)
{
    pd_para *p = pd_para_new_text(&g->lay->text, text, st, -1);
    double w = p ? pd_para_line_width(p, 0) : 0;
    pd_para_free(p);
    return w;
}

static void rect(figure *g, double x, double y, double w, double h, pd_color c)
{
    pd_box *b = pd_frag_add(g->f, PD_BOX_FILL, x, y, w, h);
    b->color = c;
    b->tag = g->lay->text.tag;
}

static void line(figure *g, double x0, double y0, double x1, double y1, pd_color c, double w)
{
    pd_box *b = pd_frag_add(g->f, PD_BOX_LINE, x0, y0, x1 - x0, y1 - y0);
    b->color = c;
    b->stroke = w;
}

static void polygon(figure *g, const double *pts, int n, pd_color c)
{
    pd_box *b = pd_frag_add_path(g->f, 0, 0, pts, n, true, c);
    if (b)
        b->tag = g->lay->text.tag;
}

/* Days since 1970-01-01 of an ISO date (proleptic Gregorian), or INT32_MIN. */
static long days_of(const char *iso)
{
    int y, m, d;
    if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return -100000000L;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_of(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* ---- Gantt chart ---- */

typedef struct {
    char *id, *label, *depends;
    long start, end; /* days; end inclusive */
    bool milestone;
    double y;
} task;

static void month_name(xmlNode *n, int month, char *buf, size_t size)
{
    char *names = pd_xml_attr(n, "month-names");
    const char *p = names;
    for (int i = 1; p && i < month; i++) {
        p = strchr(p, ' ');
        if (p)
            p++;
    }
    if (p) {
        size_t len = strcspn(p, " ");
        snprintf(buf, size, "%.*s", (int)len, p);
    } else {
        snprintf(buf, size, "%02d", month);
    }
    free(names);
}

static void draw_gantt(figure *g, xmlNode *n)
{
    char *s = pd_xml_attr(n, "start"), *e = pd_xml_attr(n, "end"), *t = pd_xml_attr(n, "today");
    char *today_label = pd_xml_attr(n, "today-label");
    long start = days_of(s), end = days_of(e), today = days_of(t);
    free(s), free(e), free(t);
    int ntasks = 0;
    for (xmlNode *c = n->children; c; c = c->next)
        ntasks += c->type == XML_ELEMENT_NODE;
    task *tasks = calloc((size_t)(ntasks ? ntasks : 1), sizeof *tasks);
    if (!tasks || end < start) {
        free(tasks);
        free(today_label);
        return;
    }
    int k = 0;
    double label_w = 0;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        task *tk = &tasks[k++];
        tk->milestone = strcmp((const char *)c->name, "milestone") == 0;
        tk->id = pd_xml_attr(c, "id");
        tk->label = pd_xml_attr(c, "label");
        tk->depends = pd_xml_attr(c, "depends");
        char *a = pd_xml_attr(c, tk->milestone ? "date" : "start");
        char *b = pd_xml_attr(c, tk->milestone ? "date" : "end");
        tk->start = days_of(a);
        tk->end = days_of(b);
        free(a), free(b);
        double w = text_width(g, tk->label ? tk->label : "", &g->small);
        label_w = w > label_w ? w : label_w;
    }
    double fs = g->small.font_size, row = fs * 2.1, head = fs * 2.0;
    label_w = fmin(label_w + fs, g->width * 0.38);
    double x0 = label_w, span = g->width - label_w;
    double day = span / (double)(end - start + 1);
    pd_color grid = mix(g->muted, white, 0.55), band = mix(g->accent, white, 0.9);
    /* month band, then week ticks with ISO-ish week starts (Mondays) */
    rect(g, x0, 0, span, head * 2, band);
    for (long d = start; d <= end;) {
        int y, m, dd;
        civil_of(d, &y, &m, &dd);
        int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
        char iso[32];
        snprintf(iso, sizeof iso, "%04d-%02d-01", ny % 10000, nm);
        long month_end = days_of(iso);
        double mx = x0 + (double)(d - start) * day;
        double mw = (double)((month_end < end + 1 ? month_end : end + 1) - d) * day;
        char name[32];
        month_name(n, m, name, sizeof name);
        if (mw > text_width(g, name, &g->small) + 4)
            label(g, name, &g->small, mx + 3, fs * 0.45, 0, g->ink);
        line(g, mx, 0, mx, head * 2 + row * k, grid, 0.6);
        d = month_end;
    }
    long first_monday = start + ((8 - ((start + 3) % 7 + 1)) % 7); /* 1970-01-01 was a Thursday */
    for (long d = first_monday; d <= end; d += 7) {
        double wx = x0 + (double)(d - start) * day;
        line(g, wx, head, wx, head * 2 + row * k, mix(grid, white, 0.5), 0.3);
        int y, m, dd;
        civil_of(d, &y, &m, &dd);
        char num[8];
        snprintf(num, sizeof num, "%d", dd);
        if (day * 7 > text_width(g, num, &g->small) + 2)
            label(g, num, &g->small, wx + 1.5, head + fs * 0.45, 0, g->muted);
    }
    /* rows */
    double y = head * 2;
    for (int i = 0; i < k; i++, y += row) {
        task *tk = &tasks[i];
        tk->y = y + row / 2;
        if (i % 2 == 1)
            rect(g, 0, y, g->width, row, mix(g->muted, white, 0.92));
        label(g, tk->label ? tk->label : "", &g->small, 0, y + (row - fs * 1.25) / 2, 0, g->ink);
        double bx = x0 + (double)(tk->start - start) * day;
        if (tk->milestone) {
            double r = row * 0.3, cx = bx + day / 2;
            double pts[] = {cx, tk->y - r, cx + r, tk->y, cx, tk->y + r, cx - r, tk->y};
            polygon(g, pts, 4, g->ink);
        } else {
            double bw = (double)(tk->end - tk->start + 1) * day;
            rect(g, bx, y + row * 0.22, fmax(bw, 1), row * 0.56, g->accent);
        }
    }
    /* dependency arrows: from the end of each predecessor to the start of the task */
    for (int i = 0; i < k; i++) {
        for (char *dep = tasks[i].depends, *save = NULL, *tok = dep ? strtok_r(dep, " ", &save) : NULL;
             tok; tok = strtok_r(NULL, " ", &save)) {
            for (int j = 0; j < k; j++) {
                if (!tasks[j].id || strcmp(tasks[j].id, tok) != 0)
                    continue;
                double ax = x0 + (double)(tasks[j].end - start + 1) * day;
                double bx = x0 + (double)(tasks[i].start - start) * day;
                double mid = fmax(ax, bx - 5) + 2;
                line(g, ax, tasks[j].y, mid, tasks[j].y, g->ink, 0.6);
                line(g, mid, tasks[j].y, mid, tasks[i].y, g->ink, 0.6);
                line(g, mid, tasks[i].y, bx - 2.5, tasks[i].y, g->ink, 0.6);
                double pts[] = {bx, tasks[i].y, bx - 3.5, tasks[i].y - 2, bx - 3.5, tasks[i].y + 2};
                polygon(g, pts, 3, g->ink);
            }
        }
    }
    /* today */
    if (today >= start && today <= end) {
        double tx = x0 + (double)(today - start) * day + day / 2;
        line(g, tx, head, tx, y, g->accent, 1.2);
        if (today_label && *today_label) { /* to the line's left near the right edge */
            bool left = tx + text_width(g, today_label, &g->small) + 2 > g->width;
            label(g, today_label, &g->small, left ? tx - 2 : tx + 2, y + 1, left ? 1 : 0, g->accent);
        }
        y += fs * 1.4;
    }
    g->f->height = y;
    for (int i = 0; i < k; i++)
        free(tasks[i].id), free(tasks[i].label), free(tasks[i].depends);
    free(tasks);
    free(today_label);
}

/* ---- bar chart ---- */

static void draw_barchart(figure *g, xmlNode *n)
{
    double max = 0, label_w = 0, value_w = 0;
    char *ref_s = pd_xml_attr(n, "reference"), *ref_label = pd_xml_attr(n, "reference-label");
    double ref = ref_s ? strtod(ref_s, NULL) : -1;
    free(ref_s);
    for (xmlNode *c = n->children; c; c = c->next) {
        if (!pd_xml_is(c, PD_LAYOUT_NS, "bar"))
            continue;
        char *l = pd_xml_attr(c, "label"), *v = pd_xml_attr(c, "value");
        char *vl = pd_xml_attr(c, "value-label");
        double value = v ? strtod(v, NULL) : 0;
        max = value > max ? value : max;
        label_w = fmax(label_w, text_width(g, l ? l : "", &g->small));
        value_w = fmax(value_w, text_width(g, vl ? vl : v ? v : "", &g->small));
        free(l), free(v), free(vl);
    }
    if (ref > max)
        max = ref;
    if (max <= 0)
        max = 1;
    double fs = g->small.font_size, row = fs * 2.2;
    double x0 = fmin(label_w + fs, g->width * 0.4), span = g->width - x0 - value_w - fs;
    double y = 0;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (!pd_xml_is(c, PD_LAYOUT_NS, "bar"))
            continue;
        char *l = pd_xml_attr(c, "label"), *v = pd_xml_attr(c, "value");
        char *vl = pd_xml_attr(c, "value-label"), *hl = pd_xml_attr(c, "highlight");
        double value = v ? strtod(v, NULL) : 0, bw = span * value / max;
        label(g, l ? l : "", &g->small, 0, y + (row - fs * 1.25) / 2, 0, g->ink);
        rect(g, x0, y + row * 0.18, fmax(bw, 0.8), row * 0.64,
             pd_streq(hl, "true") ? g->accent : mix(g->muted, white, 0.35));
        label(g, vl ? vl : v ? v : "", &g->small, x0 + bw + fs * 0.4,
              y + (row - fs * 1.25) / 2, 0, g->ink);
        free(l), free(v), free(vl), free(hl);
        y += row;
    }
    line(g, x0, 0, x0, y, g->ink, 0.8);
    if (ref >= 0) {
        double rx = x0 + span * ref / max;
        line(g, rx, -2, rx, y + 2, g->accent, 0.9);
        if (ref_label)
            label(g, ref_label, &g->small, rx, y + 2, rx > g->width * 0.7 ? 1 : 0, g->accent);
        y += fs * 1.6;
    }
    g->f->height = y;
    free(ref_label);
}

/* ---- phase diagram ---- */

static void draw_phases(figure *g, xmlNode *n)
{
    int count = 0;
    for (xmlNode *c = n->children; c; c = c->next)
        count += pd_xml_is(c, PD_LAYOUT_NS, "phase");
    if (count == 0)
        return;
    double fs = g->text.font_size, h = fs * 3.6, tip = h * 0.3, gap = 3;
    double w = (g->width - gap * (count - 1) + tip * (count - 1)) / count;
    int i = 0;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (!pd_xml_is(c, PD_LAYOUT_NS, "phase"))
            continue;
        char *l = pd_xml_attr(c, "label"), *status = pd_xml_attr(c, "status");
        char *state = pd_xml_attr(c, "state");
        double x = i * (w - tip + gap);
        bool current = pd_streq(state, "current"), done = pd_streq(state, "done");
        pd_color fill = current ? g->accent : done ? mix(g->accent, white, 0.72)
                                                   : mix(g->muted, white, 0.85);
        pd_color ink = current ? white : g->ink;
        double notch = i > 0 ? tip : 0, point = i < count - 1 ? tip : 0;
        double pts[] = {x, 0, x + w - point, 0, x + w, h / 2, x + w - point, h,
                        x, h, x + notch, h / 2};
        polygon(g, pts, 6, fill);
        pd_style bold = g->text;
        bold.font_weight = current ? 700 : 600;
        double cx = x + notch + (w - notch - point) / 2;
        label(g, l ? l : "", &bold, cx, h / 2 - fs * 1.25, 0.5, ink);
        if (status && *status)
            label(g, status, &g->small, cx, h / 2 + fs * 0.1, 0.5, current ? white : g->muted);
        free(l), free(status), free(state);
        i++;
    }
    g->f->height = h;
}

/* ---- risk matrix ---- */

static int level_of(const char *v)
{
    return pd_streq(v, "high") ? 2 : pd_streq(v, "medium") ? 1 : 0;
}

static void draw_riskmatrix(figure *g, xmlNode *n)
{
    char *levels = pd_xml_attr(n, "level-labels"), *pl = pd_xml_attr(n, "probability-label");
    char *il = pd_xml_attr(n, "impact-label");
    char words[3][64] = {"low", "medium", "high"};
    if (levels)
        sscanf(levels, "%63s %63s %63s", words[0], words[1], words[2]);
    double fs = g->small.font_size;
    double axis = fmax(text_width(g, words[0], &g->small),
                       fmax(text_width(g, words[1], &g->small), text_width(g, words[2], &g->small))) +
                  fs;
    double cell_w = fmin((g->width - axis) / 3, 120), cell_h = fs * 3.4;
    double top = fs * 1.6;
    if (pl)
        label(g, pl, &g->small, 0, 0, 0, g->muted);
    for (int p = 0; p < 3; p++) { /* rows: high probability at the top */
        double y = top + (2 - p) * cell_h;
        label(g, words[p], &g->small, axis - fs * 0.5, y + (cell_h - fs * 1.25) / 2, 1, g->ink);
        for (int i = 0; i < 3; i++) {
            double x = axis + i * cell_w;
            rect(g, x + 1, y + 1, cell_w - 2, cell_h - 2, mix(g->accent, white, 0.9 - 0.16 * (p + i)));
            pd_buf ids;
            pd_buf_init(&ids, 1024);
            for (xmlNode *c = n->children; c; c = c->next) {
                if (!pd_xml_is(c, PD_LAYOUT_NS, "risk"))
                    continue;
                char *id = pd_xml_attr(c, "id"), *pr = pd_xml_attr(c, "probability");
                char *im = pd_xml_attr(c, "impact");
                if (level_of(pr) == p && level_of(im) == i) {
                    if (ids.len)
                        pd_buf_adds(&ids, ", ");
                    pd_buf_adds(&ids, id ? id : "");
                }
                free(id), free(pr), free(im);
            }
            if (ids.len) {
                pd_style b = g->text;
                b.font_weight = 700;
                label(g, ids.data, &b, x + cell_w / 2, y + (cell_h - b.font_size * 1.25) / 2, 0.5,
                      p + i >= 3 ? white : g->ink);
            }
            pd_buf_free(&ids);
        }
    }
    double by = top + 3 * cell_h + fs * 0.3;
    for (int i = 0; i < 3; i++)
        label(g, words[i], &g->small, axis + (i + 0.5) * cell_w, by, 0.5, g->ink);
    if (il)
        label(g, il, &g->small, axis + 1.5 * cell_w, by + fs * 1.4, 0.5, g->muted);
    g->f->height = by + fs * (il ? 2.9 : 1.5);
    free(levels), free(pl), free(il);
}

void pd_flow_figure(pd_layout *lay, xmlNode *n, const pd_style *st, double x, double width,
                    pd_items *out)
{
    const char *name = (const char *)n->name;
    void (*draw)(figure *, xmlNode *) = strcmp(name, "gantt") == 0      ? draw_gantt
                                        : strcmp(name, "barchart") == 0 ? draw_barchart
                                        : strcmp(name, "phases") == 0   ? draw_phases
                                        : strcmp(name, "riskmatrix") == 0 ? draw_riskmatrix
                                                                          : NULL;
    if (!draw)
        return;
    pd_item *it = pd_items_add(out, PD_ITEM_BLOCK);
    it->x = x + st->indent;
    it->space_before = st->space_before;
    it->space_after = st->space_after;
    it->keep_with_next = st->keep_with_next;
    figure g = {.lay = lay, .f = &it->frag, .text = *st, .small = *st,
                .ink = st->color, .width = width - st->indent};
    g.small.font_size = st->font_size * 0.85;
    g.text.align = g.small.align = PD_ALIGN_LEFT;
    if (!colour_attr(n, "accent", &g.accent))
        g.accent = st->color;
    if (!colour_attr(n, "muted", &g.muted))
        g.muted = mix(st->color, white, 0.45);
    draw(&g, n);
}
