/* doc.h — an existing PDF file read for an incremental update: its cross-reference tables
 * (the newest revision's entry wins), its trailer, its objects on demand. */
#ifndef PD_PDF_DOC_H
#define PD_PDF_DOC_H

#include "ctx.h"
#include "obj.h"

typedef struct {
    const char *data; /* the file, borrowed */
    size_t len;
    size_t *offset;   /* per object number: where "num gen obj" is; 0: free or absent */
    long size;        /* /Size of the newest trailer */
    pd_obj *trailer;  /* the newest trailer */
    size_t startxref; /* of the newest revision */
} pd_pdf_doc;

/* Reads the structure of data (the file name is for messages). PD_ERR_INPUT, raised, when
 * it is not a PDF this can update: no trailer, a broken cross-reference table, or
 * cross-reference streams (PDF 1.5 compressed files), which are not supported. */
pd_status pd_pdf_doc_open(pd_ctx *ctx, const char *file, const char *data, size_t len,
                          pd_pdf_doc *doc);
void pd_pdf_doc_close(pd_pdf_doc *doc);
/* Object num, parsed (owned by the caller), or NULL. */
pd_obj *pd_pdf_doc_load(const pd_pdf_doc *doc, long num);
/* o itself, or the object it refers to (then *owned is set to it, for freeing). */
pd_obj *pd_pdf_doc_resolve(const pd_pdf_doc *doc, pd_obj *o, pd_obj **owned);

#endif
