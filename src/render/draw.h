/* draw.h — painting placed boxes with Cairo: the one drawing walk for PDF, PNG and SVG. */
#ifndef PD_DRAW_H
#define PD_DRAW_H

#include "engine.h"

#include <cairo.h>

/* The alternative texts of the Figures in the order their structure elements begin (owned
 * copies), for the PDF patch (cairo drops them). */
typedef struct {
    char **alts;
    int n;
    size_t cap;
} pd_figure_alts;
void pd_figure_alts_free(pd_figure_alts *alts);

/* Paints page i as placed (furniture under the body, the watermark over it) on cr, in
 * points, noting its Figures' alternative texts into alts (NULL: not needed). Reads the
 * layout only. */
void pd_draw_page(const pd_layout *lay, int i, cairo_t *cr, pd_figure_alts *alts);

/* s as the inside of a single-quoted cairo tag attribute string. */
void pd_draw_quote(char *dst, size_t size, const char *s);

#endif
