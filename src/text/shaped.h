/* shaped.h — laid-out paragraphs kept for reuse within a context: the same text in the same
 * style and width (a table header, a status word, a signature block) is shaped and broken into
 * lines once per process, not once per document. Batch workers keep their context across
 * documents, so most of an approval sheet's text is found here. */
#ifndef PD_SHAPED_H
#define PD_SHAPED_H

#include "ctx.h"
#include "para.h"

#include <pango/pango.h>

/* A stored paragraph: Pango's layout, which nobody changes once stored, and its lines. */
typedef struct {
    PangoLayout *layout;
    pd_line *lines;
    int nlines;
    double height;
} pd_shaped;

/* The paragraph stored under key, or NULL. */
const pd_shaped *pd_shaped_lookup(pd_ctx *ctx, const char *key);

/* Stores a new reference to layout and a copy of its lines under key; text_bytes estimates
 * the memory it holds. The cache is bounded: when full, it starts again empty. */
void pd_shaped_store(pd_ctx *ctx, const char *key, PangoLayout *layout, const pd_line *lines,
                     int nlines, double height, size_t text_bytes);

/* The widest unbreakable piece and the natural width of a paragraph measured before under
 * key (a table's automatic column widths: the same cell text in another row, in the next pass,
 * in the next document of a batch). Measuring breaks a paragraph at every opportunity, which
 * reshapes the rest of the text for each line; the two widths are all that is kept. */
bool pd_shaped_measure_lookup(pd_ctx *ctx, const char *key, double *min_width,
                              double *max_width);
void pd_shaped_measure_store(pd_ctx *ctx, const char *key, double min_width, double max_width);

/* Forgets the long paragraph kept for the passes of the document just laid out. */
void pd_shaped_drop_long(pd_ctx *ctx);

#endif
