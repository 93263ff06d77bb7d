/* flow.h — blocks turned into a flat list of items that pagination can break between. */
#ifndef PD_FLOW_H
#define PD_FLOW_H

#include "engine.h"

typedef enum {
    PD_ITEM_LINES, /* a paragraph: breakable between lines */
    PD_ITEM_BLOCK, /* an unbreakable fragment: rule, image, box, a table row, a signature */
    PD_ITEM_BREAK, /* a forced page break */
} pd_item_kind;

typedef struct pd_table_head pd_table_head;

typedef struct {
    pd_item_kind kind;
    double x;              /* left edge, relative to the region */
    double space_before, space_after;
    bool keep_with_next;
    bool heading;          /* an <h>: never the last thing on a page */
    pd_para *para;         /* LINES (owned) */
    int orphans, widows;
    pd_frag frag;          /* BLOCK content (relative), or LINES decorations on the first line */
    pd_table_head *table;  /* a table row: the header to repeat after a page break */
    bool table_first;      /* the table's first body row: its header comes with it */
    bool table_last;       /* the table's last rows: no "continued" after them */
    double *row_ends;      /* a group of table rows: where each ends in frag (owned) */
    int nrow_ends;
    char *master;          /* BREAK: the page master from here on, or NULL */
    char *anchor;          /* the id of the block that starts here, recorded when placed */
} pd_item;

/* A list of items. The flow's own list is drained as it grows (flush set): at the points
 * where the flow calls pd_items_flush_point, what is complete is handed to pagination and
 * dropped, so a long document never holds all of its items at once. */
typedef struct pd_items {
    pd_item *items;
    int n;
    size_t cap;
    /* Places items [0, upto) (pagination); they are then freed and dropped from the list. */
    void (*flush)(void *user, struct pd_items *items, int upto);
    void *flush_user;
    char *pending_anchor; /* an id for the next item added (the block that starts there) */
} pd_items;

/* A table header kept once and repeated on every page the table continues on. */
struct pd_table_head {
    pd_frag frag; /* header rows */
    pd_frag cont; /* "continued" rows, drawn where the table breaks */
    int refs;
};

/* Appends the items of the block children of parent, laid out at x with width. */
void pd_flow_blocks(pd_layout *lay, xmlNode *parent, const pd_style *style, double x,
                    double width, pd_items *out);
/* The same for a part of the flow: its top-level blocks from first up to stop (NULL: the
 * end), as the flow itself lays them out (see parts.h). */
void pd_flow_part(pd_layout *lay, xmlNode *first, xmlNode *stop, pd_items *out);
void pd_items_free(pd_items *items);
pd_item *pd_items_add(pd_items *items, pd_item_kind kind);
/* Hands the complete items to the list's flush, if it has one and holds enough: all but the
 * last item and the keep-with-next chain before it, which may still change or look ahead. */
void pd_items_flush_point(pd_items *items);

/* Pagination (paginate.c): items onto pages of the layout, as many at a time as the flow
 * hands over; the pager keeps the page being filled between calls. */
typedef struct pd_pager pd_pager;
pd_pager *pd_pager_begin(pd_layout *lay, const pd_master *first, const pd_master *next);
/* Places items [0, upto); chains kept with the next item may look further ahead. */
void pd_pager_place(pd_pager *pg, pd_items *items, int upto);
/* Completes the last page. */
void pd_pager_end(pd_pager *pg);

/* Stacks items into one fragment without page breaks (cells, boxes, headers, footers). */
void pd_items_stack(pd_items *items, pd_frag *out);

/* The table of contents (toc.c). */
void pd_flow_toc(pd_layout *lay, xmlNode *toc, const pd_style *style, double x, double width,
                 pd_items *out);
/* Every heading of the flow in document order, with its id (toc.c). */
void pd_collect_headings(pd_layout *lay, xmlNode *flow);
const pd_heading *pd_heading_of(const pd_layout *lay, const xmlNode *node);

/* Figures drawn from data (figures.c). */
void pd_flow_figure(pd_layout *lay, xmlNode *fig, const pd_style *style, double x,
                    double width, pd_items *out);

/* Tables (table.c). */
void pd_flow_table(pd_layout *lay, xmlNode *table, const pd_style *style, double x,
                   double width, pd_items *out);
/* Lays out the content of a cell-like element (blocks or inline text) as one fragment. */
void pd_flow_cell(pd_layout *lay, xmlNode *cell, const pd_style *style, double width,
                  pd_frag *out);

#endif
