/* parts.h — a flow cut at its forced page breaks into parts laid out on several threads. */
#ifndef PD_PARTS_H
#define PD_PARTS_H

#include "engine.h"

/* A part: the flow's top-level blocks from first up to stop (NULL: the end of the flow). */
typedef struct {
    xmlNode *first, *stop;
} pd_part;

/* The parts of a flow laid out on masters first and next, or 0 when it must be laid out
 * whole: fewer than two parts, or something that reaches across parts (a table of contents,
 * page references, page numbers or footnotes in the flow, a page break that changes the
 * master, first and next masters that differ) or that a layout thread may not load on its
 * own (images). *out (caller frees) holds the parts in flow order. */
int pd_parts_split(xmlNode *flow, const pd_master *first, const pd_master *next,
                   pd_part **out);

/* Whether the page furniture of some master shows the page count ("Page X of Y"): every
 * part's page count is then needed before the first page is drawn. */
bool pd_parts_need_total(const pd_layout *lay);

/* Lays out lay's flow on up to jobs threads and hands every page to the layout's sink in
 * page order, as the streamed drawing pass does (lay->book.streaming is set). Returns false,
 * having done nothing, where the flow falls into one part only (see pd_parts_split). */
bool pd_parts_run(pd_layout *lay, int jobs, const char *const *font_dirs,
                  const pd_master *first, const pd_master *next);

/* layout.c, for the threads: a layout of one part sharing whole's document model (borrowed,
 * only read), with text for its inline content: a copy of whole's made before the threads
 * started, with a context (diagnostics, caches) and fonts of its own (pd_fonts_open). */
pd_layout *pd_layout_part_new(const pd_layout *whole, const pd_text_env *text);
void pd_layout_part_run(pd_layout *part, xmlNode *from, xmlNode *stop, const pd_master *first,
                        const pd_master *next);
void pd_layout_part_free(pd_layout *part);

#endif
