/* picture_draw.h — drawing a decoded picture (render-side only: it needs Cairo). */
#ifndef PD_PICTURE_DRAW_H
#define PD_PICTURE_DRAW_H

#include "picture.h"

#include <cairo.h>

/* Draws pic scaled into the rectangle (x, y, w, h); an SVG stays vectors on a PDF surface. */
void pd_picture_draw(cairo_t *cr, const pd_picture *pic, double x, double y, double w, double h);

#endif
