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

typedef struct {
    const pd_master *master;
    pd_frag body;
} pd_page;

typedef struct pd_images pd_images;

/* A laid-out document. */
typedef struct {
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
} pd_layout;

/* Lays out a layout document (already validated against layout.rng). */
pd_status pd_layout_run(pd_ctx *ctx, xmlDocPtr doc, const char *const *image_dirs,
                        int max_pages, pd_layout **out);
void pd_layout_free(pd_layout *lay);

/* Header and footer of page index i (0-based) as a fragment (laid out with its numbers). */
void pd_layout_page_furniture(pd_layout *lay, int i, pd_frag *out);

/* Writes the placed boxes as text, one per line (for tests and debugging). */
void pd_layout_dump(const pd_layout *lay, FILE *out);

const pd_master *pd_layout_find_master(const pd_layout *lay, const char *name);

#endif
