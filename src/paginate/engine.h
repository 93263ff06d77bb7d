/* engine.h — the layout engine: layout XML in, pages of placed boxes out. */
#ifndef PD_ENGINE_H
#define PD_ENGINE_H

#include "box.h"
#include "ctx.h"
#include "para.h"
#include "style.h"

#include <libxml/tree.h>

typedef struct {
    char name[64];
    double width, height;
    double margin_top, margin_bottom, margin_left, margin_right;
    double header_offset, footer_offset;
    bool has_background;
    pd_color background;
    char *watermark;
    xmlNode *header, *footer;
} pd_master;

/* A page as the pager completed it: everything the renderer paints, in painting order. */
typedef struct {
    const pd_master *master;
    pd_frag under; /* the page furniture: background, running header and footer (artifacts) */
    int header_at, footer_at; /* where under's header and footer boxes start (the background's
                               * come first): each is marked as its own kind of artifact */
    pd_frag body;  /* the flow's boxes, footnotes at the foot */
    pd_frag over;  /* the watermark, above everything */
} pd_page;

/* A page master's furniture as far as it is the same on every page: laid out once. */
typedef struct {
    pd_frag header, footer;
    bool header_fixed, footer_fixed; /* laid out and kept (it shows no page numbers) */
    pd_para *watermark;
} pd_furniture;

typedef struct pd_images pd_images;

/* A structure element of the tagged PDF (P, H1, Table, TD, Figure, ...). */
struct pd_tag {
    char name[12];
    const struct pd_tag *parent;
    char *alt;           /* a Figure's alternative text, a paragraph's actual text */
    struct pd_tag *next; /* all tags of a layout, for freeing */
};

/* Where a block with an id landed. */
typedef struct {
    char *id;
    int page; /* 1-based */
    double x, y;
} pd_anchor;

/* A heading, for the table of contents and the outline. */
typedef struct {
    xmlNode *node;
    int level;
    char *text;
    char *id; /* its own, or one made up for it */
    bool in_toc;
} pd_heading;

/* A footnote met while shaping text; its body is shaped when its page is known. */
typedef struct {
    xmlNode *node;
    int number;
} pd_footnote;

/* The document model: what the layout XML says, read once before the passes and only read
 * while they run (the flow, headers and footers, the pager and the renderer borrow it). */
typedef struct {
    pd_ctx *ctx;
    xmlDocPtr xml;         /* borrowed */
    const char *file;      /* for diagnostics */
    xmlNode *styles;
    xmlNode *flow_node;
    pd_style root_style, flow_style;
    double flow_width;     /* the measure the flow is laid out for */
    pd_master *masters;
    int nmasters;
    pd_heading *headings;  /* for the contents and the outline */
    int nheadings;
    pd_images *images;     /* borrowed: the context's image cache */
    const char *const *image_dirs; /* folders images may come from (NULL-terminated) */
    int max_pages;
} pd_doc;

/* The flow's state during one layout pass: begun afresh by every pass. */
typedef struct {
    pd_text_env text;        /* the current page number, structure element, ... */
    pd_tag *tags;            /* the structure elements made (freed when the pages go) */
    pd_field *fields;        /* form fields made, freed with the structure elements */
    pd_footnote *notes;      /* numbered as met */
    int nnotes;
    size_t capnotes;
    bool needs_pages;        /* page numbers appear in the text: repeat until they settle */
    pd_anchor *known;        /* the previous pass: what page references and the contents show */
    int nknown;
} pd_pass;

/* The pages, filled by the pager (paginate.c), which places the flow's boxes, the footnotes and
 * the page furniture; the renderer only reads them. */
typedef struct pd_layout pd_layout;
typedef struct {
    pd_page *pages;
    int npages;
    size_t cappages;
    pd_anchor *anchors;      /* where the blocks with an id landed, this pass */
    int nanchors;
    size_t capanchors;
    pd_furniture *furniture; /* by page master */
    /* Long documents are drawn while they are laid out. Given a sink, once a pass passes
     * PD_STREAM_AFTER pages, its pages are freed as they are completed (streaming) and, when
     * the passes are done, one more pass hands each page to the sink as it is completed
     * (drawing) and frees it: memory stays flat however long the document. */
    void (*sink)(void *user, pd_layout *lay, int index);
    void *sink_user;
    void (*draw)(void *user, const pd_layout *lay, int index); /* the caller's sink */
    void *draw_user;
    bool streaming;   /* pages are freed once completed: only their masters stay */
    bool drawing;     /* this pass hands its pages to the sink */
    int total_pages;  /* the page count of the pass before, shown while drawing */
    bool ended_fresh; /* the last page was begun but nothing placed on it (parts.h) */
} pd_book;

/* A laid-out document. */
struct pd_layout {
    pd_doc doc;
    pd_pass pass;
    pd_book book;
    int passes;
};

enum { PD_STREAM_AFTER = 48 };

/* Lays out a layout document (already validated against layout.rng). font_dirs: the brand
 * packs' font folders to load besides the bundled fonts (NULL-terminated, or NULL). */
pd_status pd_layout_run(pd_ctx *ctx, xmlDocPtr doc, const char *const *image_dirs,
                        const char *const *font_dirs, int max_pages, pd_layout **out);
/* The same for a PDF drawn as it is laid out: a long document's pages go to sink as they are
 * completed (see pd_book.streaming); lay->book.streaming tells afterwards whether they did. */
pd_status pd_layout_run_drawing(pd_ctx *ctx, xmlDocPtr doc, const char *const *image_dirs,
                                const char *const *font_dirs, int max_pages,
                                void (*sink)(void *user, const pd_layout *lay, int index),
                                void *sink_user, pd_layout **out);
/* The same on up to jobs threads where the flow falls into independent parts (parts.h);
 * the output is the same whatever jobs is. */
pd_status pd_layout_run_jobs(pd_ctx *ctx, xmlDocPtr doc, const char *const *image_dirs,
                             const char *const *font_dirs, int max_pages, int jobs,
                             void (*sink)(void *user, const pd_layout *lay, int index),
                             void *sink_user, pd_layout **out);
void pd_layout_free(pd_layout *lay);

/* Writes the placed boxes as text, one per line (for tests and debugging). */
void pd_layout_dump(const pd_layout *lay, FILE *out);

const pd_master *pd_layout_find_master(const pd_layout *lay, const char *name);

/* A new structure element under parent (owned by the layout). */
const pd_tag *pd_layout_tag(pd_layout *lay, const char *name, const pd_tag *parent,
                            const char *alt);
/* A new form field (owned by the layout; strings copied, NULL allowed but for name). */
const pd_field *pd_layout_field(pd_layout *lay, pd_field_kind kind, const char *name,
                                const char *state, const char *tooltip, const char *label,
                                bool on, pd_color color);

void pd_layout_fields_free(pd_layout *lay);

/* The page of an id as the previous pass placed it, 0 if unknown. */
int pd_layout_page_of(void *lay, const char *id);

#endif
