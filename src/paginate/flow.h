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
    pd_para *para;         /* LINES (owned) */
    int orphans, widows;
    pd_frag frag;          /* BLOCK content (relative), or LINES decorations on the first line */
    pd_table_head *table;  /* a table row: the header to repeat after a page break */
    bool table_first;      /* the table's first body row: its header comes with it */
    char *master;          /* BREAK: the page master from here on, or NULL */
} pd_item;

typedef struct {
    pd_item *items;
    int n, cap;
} pd_items;

/* A table header kept once and repeated on every page the table continues on. */
struct pd_table_head {
    pd_frag frag;
    int refs;
};

/* Appends the items of the block children of parent, laid out at x with width. */
void pd_flow_blocks(pd_layout *lay, xmlNode *parent, const pd_style *style, double x,
                    double width, pd_items *out);
void pd_items_free(pd_items *items);
pd_item *pd_items_add(pd_items *items, pd_item_kind kind);

/* Stacks items into one fragment without page breaks (cells, boxes, headers, footers). */
void pd_items_stack(pd_items *items, pd_frag *out);

/* Tables (table.c). */
void pd_flow_table(pd_layout *lay, xmlNode *table, const pd_style *style, double x,
                   double width, pd_items *out);
/* Lays out the content of a cell-like element (blocks or inline text) as one fragment. */
void pd_flow_cell(pd_layout *lay, xmlNode *cell, const pd_style *style, double width,
                  pd_frag *out);

#endif
