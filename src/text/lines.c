/* lines.c — queries on a paragraph's lines for the modules that must not call Pango. */
#include "lines.h"

#include <stdint.h>

int pd_para_line_start(const pd_para *p, int line)
{
    if (!p->layout || line < 0)
        return 0;
    if (line >= p->nlines)
        return INT32_MAX;
    return p->lines[line].line->start_index;
}

const char *pd_para_line_text(const pd_para *p, int line, int *len)
{
    *len = 0;
    if (!p->layout || line < 0 || line >= p->nlines)
        return "";
    const PangoLayoutLine *l = p->lines[line].line;
    *len = l->length;
    return pango_layout_get_text(p->layout) + l->start_index;
}

int pd_para_line_ranges(const pd_para *p, int line, int start, int end, double *xs, int max)
{
    if (!p->layout || line < 0 || line >= p->nlines || max <= 0)
        return 0;
    PangoLayoutLine *l = p->lines[line].line;
    int s = start > l->start_index ? start : l->start_index;
    int e = end < l->start_index + l->length ? end : l->start_index + l->length;
    if (s >= e)
        return 0;
    int *ranges = NULL, n = 0;
    pango_layout_line_get_x_ranges(l, s, e, &ranges, &n);
    if (n > max)
        n = max;
    for (int r = 0; r < n; r++) {
        xs[2 * r] = (double)ranges[2 * r] / PANGO_SCALE;
        xs[2 * r + 1] = (double)ranges[2 * r + 1] / PANGO_SCALE;
    }
    g_free(ranges);
    return n;
}
