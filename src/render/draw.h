/* draw.h — painting placed boxes with Cairo: the one drawing walk for PDF, PNG and SVG. */
#ifndef PD_DRAW_H
#define PD_DRAW_H

#include "engine.h"

#include <cairo.h>

/* The alternative texts of the Figures, and the actual texts of the paragraphs (P), each in
 * the order their structure elements begin (owned copies, NULL for none), for the PDF
 * finisher (cairo has no way to give them). */
typedef struct {
    char **alts;
    int n;
    size_t cap;
    char **actual;
    int nactual;
    size_t capactual;
} pd_figure_alts;
void pd_figure_alts_free(pd_figure_alts *alts);

/* Paints page i as placed (furniture under the body, the watermark over it) on cr, in
 * points, noting its Figures' alternative texts into alts (NULL: not needed). Reads the
 * layout only. */
void pd_draw_page(const pd_layout *lay, int i, cairo_t *cr, pd_figure_alts *alts);

/* s as the inside of a single-quoted cairo tag attribute string. */
void pd_draw_quote(char *dst, size_t size, const char *s);

#endif
