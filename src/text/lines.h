/* lines.h — what pagination and the box dump may ask about a shaped paragraph's lines,
 * without seeing Pango (which only src/text calls). */
#ifndef PD_LINES_H
#define PD_LINES_H

#include "para.h"

/* Byte offset in the paragraph's text where line i starts; 0 for a paragraph without text,
 * INT32_MAX past its last line (so [start(i), start(j)) is the text of lines i..j-1). */
int pd_para_line_start(const pd_para *para, int line);

/* The text of line i (not NUL-terminated: *len bytes); "" for a line that does not exist. */
const char *pd_para_line_text(const pd_para *para, int line, int *len);

/* Where the byte range [start, end) sits on line i: up to max (x0, x1) pairs in points from
 * the line's left edge, into xs; returns how many pairs (a range that bidi text splits gives
 * more than one). */
int pd_para_line_ranges(const pd_para *para, int line, int start, int end, double *xs, int max);

#endif
