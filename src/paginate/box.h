/* box.h — placed boxes: what pagination decides and the renderer paints, nothing more. */
#ifndef PD_BOX_H
#define PD_BOX_H

#include "para.h"
#include "picture.h"
#include "style.h"

#include <stdbool.h>

typedef enum {
    PD_BOX_TEXT,  /* one line of a paragraph */
    PD_BOX_FILL,  /* a filled rectangle */
    PD_BOX_FRAME, /* a stroked rectangle */
    PD_BOX_LINE,  /* a straight line from (x, y) to (x + w, y + h) */
    PD_BOX_IMAGE,
    PD_BOX_CHECK, /* a tick inside a check box */
    PD_BOX_LINK,  /* a clickable area: uri or ref */
    PD_BOX_LEADER, /* a dotted leader from (x, y) to (x + w, y) */
    PD_BOX_PATH,  /* a filled or stroked polygon: points in path, npoints */
    PD_BOX_SVG,   /* an SVG document drawn as vectors into (x, y, w, h) */
    PD_BOX_FIELD, /* a form field's widget over (x, y, w, h): nothing drawn, see field */
} pd_box_kind;

/* A form field placed in the layout (owned by the layout). */
typedef enum { PD_FIELD_SIGNATURE, PD_FIELD_TEXT, PD_FIELD_CHECK } pd_field_kind;
typedef struct pd_field {
    pd_field_kind kind;
    char *name;       /* the field's name; radio buttons of one group share it */
    char *state;      /* a radio button's on-state; NULL: a check box or another kind */
    char *tooltip;    /* what the field is for (the radio group's, for a radio button) */
    char *label;      /* a radio button's own text */
    bool on;
    pd_color color;
    struct pd_field *next;
} pd_field;

typedef struct {
    pd_box_kind kind;
    double x, y, w, h;   /* points, from the top-left corner of the page (or fragment) */
    pd_color color;
    double stroke;       /* line width for FRAME, LINE and CHECK */
    pd_para *para;       /* TEXT: the paragraph (shared, reference counted by the fragment) */
    int line;            /* TEXT: the line index */
    double baseline;     /* TEXT: the baseline, relative to y */
    double angle;        /* TEXT: turned by this many radians about the box's centre */
    double opacity;      /* TEXT: 0 (the default) or 1 opaque, else see-through (watermark) */
    const pd_picture *picture; /* IMAGE, SVG: borrowed from the image cache */
    const double *path;     /* PATH: x0 y0 x1 y1 ... relative to (x, y), owned by the frag */
    int npoints;
    bool fill;              /* PATH: fill (else stroke with stroke, color) */
    const char *uri, *ref;  /* LINK: borrowed from the paragraph */
    const pd_tag *tag;      /* the structure element it belongs to, or NULL (an artifact) */
    const pd_field *field;  /* FIELD: borrowed from the layout */
} pd_box;

/* Where a block with an id sits inside a fragment. */
typedef struct {
    char *id;
    double y;
} pd_frag_anchor;

/* A run of boxes with relative positions, and the paragraphs they draw from. */
typedef struct {
    pd_box *boxes;
    int nboxes;
    size_t capboxes;
    pd_para **paras;     /* owned */
    int nparas;
    size_t capparas;
    double **paths;      /* owned point arrays of PATH boxes */
    int npaths;
    size_t cappaths;
    pd_frag_anchor *anchors; /* ids of blocks stacked inside (a heading in a box), owned */
    int nanchors;
    size_t capanchors;
    double height;
} pd_frag;

void pd_frag_init(pd_frag *f);
void pd_frag_free(pd_frag *f);
pd_box *pd_frag_add(pd_frag *f, pd_box_kind kind, double x, double y, double w, double h);
/* Takes ownership of para. */
void pd_frag_own(pd_frag *f, pd_para *para);
/* Copies src's boxes into dst at an offset; dst takes over src's paragraphs and anchors (src
 * is left without them, ready to free). */
void pd_frag_move(pd_frag *dst, pd_frag *src, double dx, double dy);
/* Records that the block with id (taken) starts at y in f. */
void pd_frag_add_anchor(pd_frag *f, char *id, double y);

/* Copies the boxes, sharing src's paragraphs by reference (for repeated headers); anchors are
 * not copied: a block is found where it first appears. */
void pd_frag_share(pd_frag *dst, const pd_frag *src, double dx, double dy);
/* A polygon of n points (x, y pairs relative to (x, y)); the frag keeps a copy. */
pd_box *pd_frag_add_path(pd_frag *f, double x, double y, const double *points, int n,
                         bool fill, pd_color color);
/* Adds the lines [first, last) of para as text boxes (and its links) at (x, y). */
void pd_frag_add_lines(pd_frag *f, pd_para *para, int first, int last, double x, double y);

#endif
