/* pdf.h — a laid-out document as a PDF, with metadata and reproducible dates. */
#ifndef PD_PDF_H
#define PD_PDF_H

#include "engine.h"
#include "output.h"

/* Renders every page into o. Dates come from SOURCE_DATE_EPOCH when set, else from the
 * layout document's date, never from the clock. */
pd_status pd_render_pdf(const pd_layout *lay, pd_output *o);

/* The same a page at a time, for pages drawn while the layout goes on (engine.h): begin,
 * then each page in order (pd_pdf_sink is the layout's sink for it), then end, which
 * finishes the file (PD_ERR_INPUT if no page was drawn) and frees the writer. */
typedef struct pd_pdf_writer pd_pdf_writer;
pd_pdf_writer *pd_pdf_begin(pd_output *o);
void pd_pdf_page(pd_pdf_writer *w, const pd_layout *lay, int index);
void pd_pdf_sink(void *writer, const pd_layout *lay, int index);
pd_status pd_pdf_end(pd_pdf_writer *w);
/* Frees the writer of a render that failed, without finishing the file (its output is to be
 * discarded) and without touching the layout its pages came from, which a failed layout has
 * freed already (pages of a flow's parts are drawn while later parts are laid out). */
void pd_pdf_cancel(pd_pdf_writer *w);
/* Attaches the file at path (read now; not standard input) as the document's source, before
 * the first page. */
pd_status pd_pdf_embed_source(pd_ctx *ctx, pd_pdf_writer *w, const char *path);

#endif
