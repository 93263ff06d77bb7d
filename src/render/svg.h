/* svg.h — SVG images drawn as vectors through librsvg. */
#ifndef PD_SVG_H
#define PD_SVG_H

#include <cairo.h>

/* Draws svg (an RsvgHandle) scaled into the rectangle (x, y, w, h). */
void pd_svg_draw(cairo_t *cr, void *svg, double x, double y, double w, double h);

#endif
