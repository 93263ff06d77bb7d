/* style.h — the layout model: lengths, colours and the computed style of a layout element. */
#ifndef PD_STYLE_H
#define PD_STYLE_H

#include "ctx.h"

#include <libxml/tree.h>
#include <stdbool.h>

#define PD_LAYOUT_NS "urn:phasedoc:layout:1"

/* The largest font size accepted, in points (a poster headline needs a few hundred). */
#define PD_FONT_SIZE_MAX 1000.0

typedef struct {
    double r, g, b;
} pd_color;

typedef enum { PD_ALIGN_LEFT, PD_ALIGN_RIGHT, PD_ALIGN_CENTER, PD_ALIGN_JUSTIFY } pd_align;

/* Computed properties. Text properties inherit from the enclosing element; box properties
 * belong to the element alone. Lengths are in points. */
typedef struct {
    /* inherited */
    char family[64];
    double font_size;
    int font_weight;
    bool italic;
    pd_color color;
    double line_height; /* factor of the font's natural line height */
    pd_align align;
    bool justify_last_line;
    double letter_spacing;
    bool uppercase;
    char lang[16];      /* language of the text, for hyphenation */
    bool hyphenate;
    char features[64];  /* OpenType features, e.g. "tnum" */
    /* not inherited */
    double space_before, space_after, indent, padding, border, border_bottom;
    pd_color border_color;
    bool has_background;
    pd_color background;
    pd_align align_block;
    bool keep_with_next, keep_together, break_before;
} pd_style;

/* "12pt", "10mm", "1.5cm", "1in", "96px", "12" (points) → points; false if malformed. */
bool pd_length_parse(const char *s, double *pt);
/* "#rrggbb" → colour; false if malformed. */
bool pd_color_parse(const char *s, pd_color *c);

/* The root style: Inter 10pt black, line height 1.25, left aligned. */
void pd_style_default(pd_style *s);

/* Resolves the style of node from its parent's style: inherited properties are kept, box
 * properties reset; then the named style (style="..." or the implicit one for the element,
 * such as "h1" for <h level="1"> and "code" for <code>), then the node's own attributes.
 * styles is the document's <style> list (may be NULL). Malformed values are raised against
 * the node's line. */
void pd_style_resolve(pd_ctx *ctx, const char *file, xmlNode *styles, xmlNode *node,
                      const pd_style *parent, pd_style *out);

/* Applies the document's style called name to s, if there is one. */
bool pd_style_apply_named(pd_ctx *ctx, const char *file, xmlNode *styles, const char *name,
                          pd_style *s);

/* Applies the properties named in node's attributes to s (the <style> element, or any). */
void pd_style_apply_attrs(pd_ctx *ctx, const char *file, xmlNode *node, pd_style *s);

#endif
