/* colour.h — contrast of sRGB colours (WCAG 2 relative luminance), so that text colours a
 * brand chose for marks (status colours) stay readable as text. */
#ifndef PD_COLOUR_H
#define PD_COLOUR_H

#include <stdbool.h>

/* Parses "#rrggbb" or "#rgb" into 0..255 channels; false if it is neither. */
bool pd_colour_parse(const char *s, int rgb[3]);
/* The contrast ratio of two colours, 1 to 21. */
double pd_colour_contrast(const int a[3], const int b[3]);
/* fg, darkened (or, on a dark background, lightened) in small steps towards black (white)
 * until its contrast against bg is at least ratio; fg unchanged when it already is. */
void pd_colour_ink(const int fg[3], const int bg[3], double ratio, int out[3]);

#endif
