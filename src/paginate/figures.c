/* figures.c — figures drawn from data as vectors in the document's fonts and the brand's
 * colours: a Gantt chart, a bar chart, the phase diagram and a risk matrix. */
#include "flow.h"
#include "timeaxis.h"
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
    pd_para *p = pd_para_new_text(&g->lay->pass.text, text, &s, -1);
    if (!p || p->nlines == 0) {
        pd_para_free(p);
        return 0;
    }
    double w = pd_para_line_width(p, 0);
    pd_frag_add_lines(g->f, p, 0, 1, x - w * align, y);
    g->f->boxes[g->f->nboxes - 1].w = w; /* shaped unbounded: the box is the text's width */
    pd_frag_own(g->f, p);
    return w;
}

static double text_width(figure *g, const char *text, const pd_style *st)
{
    pd_para *p = pd_para_new_text(&g->lay->pass.text, text, st, -1);
    double w = p ? pd_para_line_width(p, 0) : 0;
    pd_para_free(p);
    return w;
}

static void rect(figure *g, double x, double y, double w, double h, pd_color c)
{
    pd_box *b = pd_frag_add(g->f, PD_BOX_FILL, x, y, w, h);
    b->color = c;
    b->tag = g->lay->pass.text.tag;
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
        b->tag = g->lay->pass.text.tag;
}

/* ---- Gantt chart ----
 * The chart becomes one item per row, like a table: the time axis (month band, week ticks) is
 * the header that pagination repeats on every page the chart continues on, and each row
 * carries its own pieces of the grid, the today line and the dependency arrows, so that a
 * chart taller than the room left breaks between rows, each part complete. */

typedef struct {
    char *id, *label, *depends;
    long start, end; /* days; end inclusive */
    bool milestone;
} task;

typedef struct {
    figure *g;
    xmlNode *node;
    task *tasks;
    int n;
    long start, end, today;
    double fs, row, head, x0, span, day;
    bool weekly; /* weeks ticked and labelled; else (a long plan) months under years */
    pd_color grid, week_grid;
} gantt;

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

static double day_x(const gantt *c, long d) { return c->x0 + (double)(d - c->start) * c->day; }

/* The longest start of text (whole characters) that fits width with an ellipsis after it;
 * the text itself when it fits. */
static char *fit_label(figure *g, const char *text, const pd_style *st, double width)
{
    if (text_width(g, text, st) <= width)
        return pd_strdup(text);
    size_t len = strlen(text), lo = 0, hi = len;
    char *buf = malloc(len + 4);
    if (!buf)
        return NULL;
    while (lo < hi) { /* the longest prefix that fits */
        size_t mid = (lo + hi + 1) / 2;
        while (mid > 0 && ((unsigned char)text[mid] & 0xC0) == 0x80)
            mid--; /* whole UTF-8 characters */
        if (mid <= lo) {
            hi = lo;
            break;
        }
        snprintf(buf, len + 4, "%.*s\xe2\x80\xa6", (int)mid, text);
        if (text_width(g, buf, st) <= width)
            lo = mid;
        else
            hi = mid - 1;
    }
    while (lo > 0 && text[lo - 1] == ' ')
        lo--;
    snprintf(buf, len + 4, "%.*s\xe2\x80\xa6", (int)lo, text);
    return buf;
}

/* Whether a month's line is drawn at day d (the chart's first day, or the 1st of a month). */
static bool month_starts(const gantt *c, long d)
{
    int y, m, dd;
    pd_date_of(d, &y, &m, &dd);
    return d == c->start || dd == 1;
}

/* The vertical lines of the grid (months, weeks) and the today line from y0 to y1. */
static void grid_lines(gantt *c, double y0, double y1, bool weeks)
{
    figure *g = c->g;
    for (long d = c->start; d <= c->end; d = pd_next_month(d)) {
        int y, m, dd;
        pd_date_of(d, &y, &m, &dd);
        bool strong = c->weekly || m == 1 || d == c->start; /* months, or years */
        line(g, day_x(c, d), y0, day_x(c, d), y1, strong ? c->grid : c->week_grid,
             strong ? 0.6 : 0.3);
    }
    for (long d = pd_first_monday(c->start); weeks && c->weekly && d <= c->end; d += 7)
        if (!month_starts(c, d)) /* a month's line is there already */
            line(g, day_x(c, d), y0, day_x(c, d), y1, c->week_grid, 0.3);
    if (c->today >= c->start && c->today <= c->end) {
        double tx = day_x(c, c->today) + c->day / 2;
        line(g, tx, y0, tx, y1, g->accent, 1.2);
    }
}

/* The text of a period's label, and where it goes: inside [x0, x1] with a little padding,
 * if it fits; returns the label's right end, or prev_end when it was left out. */
static double period_label(gantt *c, const char *text, double x0, double x1, double y,
                           double prev_end, pd_color colour)
{
    figure *g = c->g;
    double w = text_width(g, text, &g->small), at;
    if (!pd_week_label_x(x0, w, x0, x1, prev_end, 1.5, &at))
        return prev_end;
    label(g, text, &g->small, at, y, 0, colour);
    return at + w;
}

/* A long plan's axis: the years in the band, the months under them (names where they fit,
 * else numbers, else only their ticks). */
static void axis_months(gantt *c)
{
    figure *g = c->g;
    double fs = c->fs, head = c->head, prev_year = -1e9, prev_month = -1e9;
    bool names = true, numbers = true;
    for (long d = c->start; d <= c->end; d = pd_next_month(d)) { /* what every month has room for */
        int y, m, dd;
        pd_date_of(d, &y, &m, &dd);
        char name[32];
        month_name(c->node, m, name, sizeof name);
        names = names && text_width(g, name, &g->small) + 3 <= 30.4 * c->day;
        numbers = numbers && text_width(g, "12", &g->small) + 3 <= 30.4 * c->day;
    }
    for (long d = c->start; d <= c->end;) {
        int y, m, dd;
        pd_date_of(d, &y, &m, &dd);
        long next = pd_next_month(d), stop = next < c->end + 1 ? next : c->end + 1;
        double mx = day_x(c, d), mend = day_x(c, stop);
        if (m == 1 || d == c->start) { /* a year starts */
            char iso[16], year[16];
            snprintf(iso, sizeof iso, "%04d-01-01", (y + 1) % 10000);
            long ystop = pd_day_of(iso) < c->end + 1 ? pd_day_of(iso) : c->end + 1;
            snprintf(year, sizeof year, "%d", y);
            prev_year = period_label(c, year, mx, day_x(c, ystop), fs * 0.45, prev_year, g->ink);
            line(g, mx, 0, mx, head * 2, c->grid, 0.6);
        } else {
            line(g, mx, head, mx, head * 2, c->week_grid, 0.3);
        }
        char text[32];
        if (names)
            month_name(c->node, m, text, sizeof text);
        else
            snprintf(text, sizeof text, "%d", m);
        if (names || numbers)
            prev_month = period_label(c, text, mx, mend, head + fs * 0.45, prev_month, g->muted);
        d = next;
    }
}

/* A plan of weeks: the months in the band, the Mondays under them, labelled at a regular
 * rhythm, each label inside the month its Monday belongs to. */
static void axis_weeks(gantt *c)
{
    figure *g = c->g;
    double fs = c->fs, head = c->head;
    for (long d = c->start; d <= c->end;) {
        int y, m, dd;
        pd_date_of(d, &y, &m, &dd);
        long next = pd_next_month(d);
        double mx = day_x(c, d), mw = (double)((next < c->end + 1 ? next : c->end + 1) - d) * c->day;
        char name[32];
        month_name(c->node, m, name, sizeof name);
        if (mw > text_width(g, name, &g->small) + 4)
            label(g, name, &g->small, mx + 3, fs * 0.45, 0, g->ink);
        line(g, mx, 0, mx, head * 2, c->grid, 0.6);
        d = next;
    }
    int step = pd_week_step(7 * c->day, text_width(g, "28", &g->small), 3);
    double prev_end = -1e9;
    for (long d = pd_first_monday(c->start), k = 0; d <= c->end; d += 7, k++) {
        double wx = day_x(c, d);
        if (!month_starts(c, d))
            line(g, wx, head, wx, head * 2, c->week_grid, 0.3);
        if (k % step != 0)
            continue;
        int y, m, dd;
        pd_date_of(d, &y, &m, &dd);
        long month_start = d - (dd - 1), month_end = pd_next_month(d);
        if (month_start < c->start)
            month_start = c->start;
        if (month_end > c->end + 1)
            month_end = c->end + 1;
        char num[8];
        snprintf(num, sizeof num, "%d", dd);
        double w = text_width(g, num, &g->small), lx;
        if (pd_week_label_x(wx, w, day_x(c, month_start), day_x(c, month_end), prev_end, 1.5,
                            &lx)) {
            label(g, num, &g->small, lx, head + fs * 0.45, 0, g->muted);
            prev_end = lx + w;
        }
    }
}

/* The time axis, the header of every part of the chart. */
static void gantt_axis(gantt *c)
{
    figure *g = c->g;
    rect(g, c->x0, 0, c->span, c->head * 2, mix(g->accent, white, 0.9));
    if (c->weekly)
        axis_weeks(c);
    else
        axis_months(c);
    g->f->height = c->head * 2; /* the today line starts under the axis: its labels stay clear */
}

static int task_index(const gantt *c, const char *id)
{
    for (int j = 0; j < c->n; j++)
        if (c->tasks[j].id && strcmp(c->tasks[j].id, id) == 0)
            return j;
    return -1;
}

/* The pieces of the dependency arrows (from the end of a predecessor to the start of its
 * successor) that cross row r; y is relative to the row's top. */
static void arrow_pieces(gantt *c, int r)
{
    figure *g = c->g;
    double mid_y = c->row / 2;
    for (int i = 0; i < c->n; i++) {
        char *deps = c->tasks[i].depends ? pd_strdup(c->tasks[i].depends) : NULL;
        for (char *save = NULL, *tok = deps ? strtok_r(deps, " ", &save) : NULL; tok;
             tok = strtok_r(NULL, " ", &save)) {
            int j = task_index(c, tok);
            if (j < 0 || j == i || (r - i) * (r - j) > 0)
                continue; /* not between the two rows */
            double ax = day_x(c, c->tasks[j].end + 1), bx = day_x(c, c->tasks[i].start);
            double mid = fmax(ax, bx - 5) + 2;
            bool down = j < i;
            if (r == j) { /* out of the predecessor, towards the successor */
                line(g, ax, mid_y, mid, mid_y, g->ink, 0.6);
                line(g, mid, mid_y, mid, down ? c->row : 0, g->ink, 0.6);
            } else if (r == i) { /* into the successor, with the arrow head */
                line(g, mid, down ? 0 : c->row, mid, mid_y, g->ink, 0.6);
                line(g, mid, mid_y, bx - 2.5, mid_y, g->ink, 0.6);
                double pts[] = {bx, mid_y, bx - 3.5, mid_y - 2, bx - 3.5, mid_y + 2};
                polygon(g, pts, 3, g->ink);
            } else { /* passing by */
                line(g, mid, 0, mid, c->row, g->ink, 0.6);
            }
        }
        free(deps);
    }
}

/* Row r: its stripe, label, bar or diamond, grid and arrow pieces. */
static void gantt_row(gantt *c, int r, double label_room)
{
    figure *g = c->g;
    task *tk = &c->tasks[r];
    double fs = c->fs, row = c->row, y = row / 2;
    if (r % 2 == 1)
        rect(g, 0, 0, g->width, row, mix(g->muted, white, 0.92));
    grid_lines(c, 0, row, true);
    char *text = fit_label(g, tk->label ? tk->label : "", &g->small, label_room);
    label(g, text ? text : "", &g->small, 0, (row - fs * 1.25) / 2, 0, g->ink);
    free(text);
    double bx = day_x(c, tk->start);
    if (tk->milestone) {
        double rr = row * 0.3;
        double cx = pd_milestone_x(bx, c->day, rr, c->x0, c->x0 + c->span);
        double pts[] = {cx, y - rr, cx + rr, y, cx, y + rr, cx - rr, y};
        polygon(g, pts, 4, g->ink);
    } else {
        double bw = (double)(tk->end - tk->start + 1) * c->day;
        rect(g, bx, row * 0.22, fmax(bw, 1), row * 0.56, g->accent);
    }
    arrow_pieces(c, r);
    g->f->height = row;
}

static void free_tasks(task *tasks, int n)
{
    for (int i = 0; i < n; i++)
        free(tasks[i].id), free(tasks[i].label), free(tasks[i].depends);
    free(tasks);
}

/* Reads the tasks and milestones of a <gantt>; false if there is nothing to draw. */
static bool read_gantt(gantt *c, xmlNode *n)
{
    char *s = pd_xml_attr(n, "start"), *e = pd_xml_attr(n, "end"), *t = pd_xml_attr(n, "today");
    c->start = pd_day_of(s), c->end = pd_day_of(e), c->today = pd_day_of(t);
    free(s), free(e), free(t);
    for (xmlNode *k = n->children; k; k = k->next)
        c->n += k->type == XML_ELEMENT_NODE;
    if (c->n == 0 || c->start == PD_NO_DAY || c->end < c->start)
        return false;
    c->tasks = calloc((size_t)c->n, sizeof *c->tasks);
    if (!c->tasks)
        return false;
    int i = 0;
    for (xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        task *tk = &c->tasks[i++];
        tk->milestone = strcmp((const char *)k->name, "milestone") == 0;
        tk->id = pd_xml_attr(k, "id");
        tk->label = pd_xml_attr(k, "label");
        tk->depends = pd_xml_attr(k, "depends");
        char *a = pd_xml_attr(k, tk->milestone ? "date" : "start");
        char *b = pd_xml_attr(k, tk->milestone ? "date" : "end");
        tk->start = pd_day_of(a);
        tk->end = pd_day_of(b);
        free(a), free(b);
    }
    return true;
}

/* rows of a chart that is never split; rows that come with the axis at least, and stay
 * together at the end, where one is split */
enum { GANTT_WHOLE = 8, GANTT_FIRST_ROWS = 4, GANTT_LAST_ROWS = 2 };

static pd_item *gantt_item(pd_items *out, double x, pd_table_head *head)
{
    pd_item *it = pd_items_add(out, PD_ITEM_BLOCK);
    it->x = x;
    it->table = head;
    head->refs++;
    return it;
}

static void flow_gantt(figure *g, xmlNode *n, const pd_style *st, double x, pd_items *out)
{
    gantt c = {.g = g, .node = n};
    if (!read_gantt(&c, n)) {
        free_tasks(c.tasks, c.n);
        return;
    }
    pd_table_head *head = calloc(1, sizeof *head);
    if (!head) {
        free_tasks(c.tasks, c.n);
        return;
    }
    head->refs = 1;
    double label_w = 0;
    for (int i = 0; i < c.n; i++)
        label_w = fmax(label_w, text_width(g, c.tasks[i].label ? c.tasks[i].label : "", &g->small));
    c.fs = g->small.font_size;
    c.row = c.fs * 2.1;
    c.head = c.fs * 2.0;
    /* the labels take what they need, up to two fifths of the width; the rest is time */
    c.x0 = fmin(label_w + c.fs, g->width * 0.4);
    c.span = g->width - c.x0;
    c.day = c.span / (double)(c.end - c.start + 1);
    /* weeks while every other one can be labelled; a longer plan shows months and years */
    c.weekly = pd_week_step(7 * c.day, text_width(g, "28", &g->small), 3) <= 2;
    c.grid = mix(g->muted, white, 0.55);
    c.week_grid = mix(c.grid, white, 0.5);

    g->f = &head->frag;
    gantt_axis(&c);
    bool kept = st->keep_with_next;
    for (int r = 0; r < c.n; r++) {
        pd_item *it = gantt_item(out, x, head);
        g->f = &it->frag;
        gantt_row(&c, r, c.x0 - c.fs * 0.6);
        if (r == 0) {
            it->table_first = true;
            it->space_before = st->space_before;
        }
        /* A small chart moves whole (two parts of a few rows read worse than a gap at a
         * page's foot); a longer one splits, but not into a stray part: the axis comes with
         * four rows at least (two at a page's foot looked like a stub, their dependency
         * arrows cut), and the last two rows stay together. */
        it->keep_with_next = c.n <= GANTT_WHOLE || r < GANTT_FIRST_ROWS - 1 ||
                             r >= c.n - GANTT_LAST_ROWS; /* (the last: as the chart) */
        if (r == c.n - 1) {
            it->table_last = true;
            it->keep_with_next = kept;
            it->space_after = st->space_after;
        }
    }
    /* the today label under the last row, as part of it */
    char *today_label = pd_xml_attr(n, "today-label");
    if (today_label && *today_label && c.today >= c.start && c.today <= c.end) {
        pd_item *last = &out->items[out->n - 1];
        g->f = &last->frag;
        double tx = day_x(&c, c.today) + c.day / 2, y = c.row;
        line(g, tx, 0, tx, y, g->accent, 1.2);
        bool left = tx + text_width(g, today_label, &g->small) + 2 > g->width;
        label(g, today_label, &g->small, left ? tx - 2 : tx + 2, y + 1, left ? 1 : 0, g->accent);
        last->frag.height = y + c.fs * 1.4;
    }
    free(today_label);
    if (--head->refs == 0) { /* no row took it */
        pd_frag_free(&head->frag);
        free(head);
    }
    free_tasks(c.tasks, c.n);
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
    bool is_gantt = strcmp(name, "gantt") == 0;
    void (*draw)(figure *, xmlNode *) = strcmp(name, "barchart") == 0 ? draw_barchart
                                        : strcmp(name, "phases") == 0   ? draw_phases
                                        : strcmp(name, "riskmatrix") == 0 ? draw_riskmatrix
                                                                          : NULL;
    if (!draw && !is_gantt)
        return;
    figure g = {.lay = lay, .text = *st, .small = *st, .ink = st->color,
                .width = width - st->indent};
    g.small.font_size = st->font_size * 0.85;
    g.text.align = g.small.align = PD_ALIGN_LEFT;
    if (!colour_attr(n, "accent", &g.accent))
        g.accent = st->color;
    if (!colour_attr(n, "muted", &g.muted))
        g.muted = mix(st->color, white, 0.45);
    if (is_gantt) {
        flow_gantt(&g, n, st, x + st->indent, out);
        return;
    }
    pd_item *it = pd_items_add(out, PD_ITEM_BLOCK);
    it->x = x + st->indent;
    it->space_before = st->space_before;
    it->space_after = st->space_after;
    it->keep_with_next = st->keep_with_next;
    g.f = &it->frag;
    draw(&g, n);
}
