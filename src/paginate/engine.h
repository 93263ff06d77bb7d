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
    pd_frag header_cache, footer_cache; /* when they are the same on every page */
    bool header_cached, footer_cached;
} pd_master;

typedef struct {
    const pd_master *master;
    pd_frag body;
} pd_page;

typedef struct pd_images pd_images;

/* A structure element of the tagged PDF (P, H1, Table, TD, Figure, ...). */
struct pd_tag {
    char name[12];
    const struct pd_tag *parent;
    char *alt;
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

/* A laid-out document. */
typedef struct pd_layout pd_layout;
struct pd_layout {
    pd_ctx *ctx;
    xmlDocPtr doc;         /* borrowed */
    const char *file;      /* for diagnostics */
    xmlNode *styles;
    pd_style root_style;
    pd_master *masters;
    int nmasters;
    pd_page *pages;
    int npages, cappages;
    pd_text_env text;
    pd_images *images;     /* borrowed: the context's image cache */
    const char *const *image_dirs; /* folders images may come from (NULL-terminated) */
    int max_pages;
    /* navigation */
    pd_anchor *anchors;      /* this pass */
    int nanchors, capanchors;
    pd_anchor *known;        /* the previous pass: what page references and the contents show */
    int nknown;
    pd_heading *headings;
    int nheadings;
    bool needs_pages;        /* page numbers appear in the text: repeat until they settle */
    int passes;
    pd_footnote *notes;
    int nnotes, capnotes;
    pd_tag *tags;
    pd_field *fields;        /* form fields of all passes, for freeing */
    const char **alts;       /* alternative texts of the Figures in drawing order (borrowed) */
    int nalts, capalts;
    pd_style flow_style;
    double flow_width;
    xmlNode *flow_node;
    /* Long documents are drawn while they are laid out. Given a sink, once a pass passes
     * PD_STREAM_AFTER pages, its pages are freed as they are completed (streaming) and, when
     * the passes are done, one more pass hands each page to the sink as it is completed
     * (drawing) and frees it: memory stays flat however long the document. */
    void (*sink)(void *user, struct pd_layout *lay, int index);
    void *sink_user;
    bool streaming;   /* pages are freed once completed: only their masters stay */
    bool drawing;     /* this pass hands its pages to the sink */
    int total_pages;  /* the page count of the pass before, shown while drawing */
};

enum { PD_STREAM_AFTER = 48 };

/* Lays out a layout document (already validated against layout.rng). font_dirs: the brand
 * packs' font folders to load besides the bundled fonts (NULL-terminated, or NULL). */
pd_status pd_layout_run(pd_ctx *ctx, xmlDocPtr doc, const char *const *image_dirs,
                        const char *const *font_dirs, int max_pages, pd_layout **out);
/* The same for a PDF drawn as it is laid out: a long document's pages go to sink as they are
 * completed (see pd_layout.streaming); lay->streaming tells afterwards whether they did. */
pd_status pd_layout_run_drawing(pd_ctx *ctx, xmlDocPtr doc, const char *const *image_dirs,
                                const char *const *font_dirs, int max_pages,
                                void (*sink)(void *user, pd_layout *lay, int index),
                                void *sink_user, pd_layout **out);
void pd_layout_free(pd_layout *lay);

/* Header and footer of page index i (0-based) as a fragment (laid out with its numbers). */
void pd_layout_page_furniture(pd_layout *lay, int i, pd_frag *out);

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
