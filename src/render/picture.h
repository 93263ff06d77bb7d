/* picture.h — decoded images as opaque handles: a PNG as a Cairo surface, an SVG as a librsvg
 * handle. Only src/render sees inside; the layout holds them and asks their size. */
#ifndef PD_PICTURE_H
#define PD_PICTURE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pd_picture pd_picture;

/* Decodes a PNG (already checked: signature and size) or an SVG (already checked for its
 * element count) from memory; NULL with why (a short reason) filled in on failure. An SVG
 * has no base URI: references to files or the network cannot load. */
pd_picture *pd_picture_png(const unsigned char *data, size_t len, char *why, size_t size);
pd_picture *pd_picture_svg(const unsigned char *data, size_t len, char *why, size_t size);
void pd_picture_free(pd_picture *pic);

/* Natural size in points (a PNG pixel is one point at 72 dpi), and whether it is vectors. */
double pd_picture_width(const pd_picture *pic);
double pd_picture_height(const pd_picture *pic);
bool pd_picture_is_svg(const pd_picture *pic);

#endif
