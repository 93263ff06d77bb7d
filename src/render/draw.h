/* draw.h — painting placed boxes with Cairo: the one drawing walk for PDF, PNG and SVG. */
#ifndef PD_DRAW_H
#define PD_DRAW_H

#include "engine.h"

#include <cairo.h>

/* Paints page i (background, watermark, header and footer, body) on cr, in points. */
void pd_draw_page(pd_layout *lay, int i, cairo_t *cr);

/* s as the inside of a single-quoted cairo tag attribute string. */
void pd_draw_quote(char *dst, size_t size, const char *s);

#endif
