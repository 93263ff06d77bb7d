/* para.h — a paragraph of inline content shaped and broken into lines by Pango. */
#ifndef PD_PARA_H
#define PD_PARA_H

#include "ctx.h"
#include "style.h"

#include <libxml/tree.h>
#include <pango/pangocairo.h>

typedef struct pd_tag pd_tag;

/* What inline content needs from the document around it. */
typedef struct {
    pd_ctx *ctx;
    const char *file;   /* for diagnostics */
    xmlNode *styles;    /* the document's <style> list */
    PangoContext *pango;
    int page, pages;    /* substituted for <page-number/> and <page-count/>; 0 = unknown */
    /* The page of the block with an id, as far as known (0 if not yet), for <page-ref/>. */
    int (*page_of)(void *user, const char *id);
    /* Numbers a <footnote> and keeps its node for the foot of the page. */
    int (*footnote)(void *user, xmlNode *note);
    void *user;
    const pd_tag *tag;  /* the structure element new paragraphs belong to (tagged PDF) */
    bool no_hyphens;    /* never hyphenate (table header rows), whatever the style says */
} pd_text_env;

/* One line, in points, relative to the paragraph's top-left corner. */
typedef struct {
    double top, height, baseline, x;
    PangoLayoutLine *line; /* Pango's own, valid while the layout is not changed */
} pd_line;

typedef struct {
    int start, end; /* byte range in the layout's text */
    char *uri;      /* external link, or NULL */
    char *ref;      /* id of a block, or NULL */
} pd_link;

/* A footnote reference inside the paragraph's text. */
typedef struct {
    int index;  /* byte offset of the reference mark */
    int number; /* the footnote's number in the document */
} pd_noteref;

typedef struct {
    PangoLayout *layout;
    pd_line *lines;
    int nlines;
    double width, height; /* the box it was broken for, and the sum of its lines */
    pd_link *links;
    int nlinks;
    pd_color color;
    pd_noteref *notes;
    int nnotes;
    const pd_tag *tag;
    int refs; /* fragments that draw from it: a repeated table header is on many pages */
} pd_para;

/* Shapes the inline children of block (a <p>, <h>, <cell>, ...) with its computed style.
 * width < 0 means unbounded (for measuring natural widths). NULL on error (raised). */
pd_para *pd_para_new(const pd_text_env *env, xmlNode *block, const pd_style *style,
                     double width);
/* The same for a plain string in a style (labels, markers, captions); never markup. */
pd_para *pd_para_new_text(const pd_text_env *env, const char *text, const pd_style *style,
                          double width);
/* Adds a reference; pd_para_free drops one and frees with the last. */
pd_para *pd_para_ref(pd_para *para);
void pd_para_free(pd_para *para);

/* Natural width (no wrapping) and minimum width (the widest unbreakable piece), in points. */
void pd_para_measure(const pd_text_env *env, xmlNode *block, const pd_style *style,
                     double *min_width, double *max_width);

/* The width of the ink-free (logical) extent of one line, in points. */
double pd_para_line_width(const pd_para *para, int line);

/* Pango font description for a style (caller frees). */
PangoFontDescription *pd_para_font(const pd_style *style);

#endif
