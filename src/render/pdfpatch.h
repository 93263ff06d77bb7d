/* pdfpatch.h — what cairo 1.16 cannot write, appended to its PDF as an incremental update. */
#ifndef PD_PDFPATCH_H
#define PD_PDFPATCH_H

#include "ctx.h"
#include "output.h"

/* Appends to the PDF in o: /Lang on the catalogue (when lang is set) and /Alt on the Figure
 * structure elements, the i-th of alts for the i-th Figure in the file (NULL: none). */
pd_status pd_pdf_patch(pd_ctx *ctx, pd_output *o, const char *lang, char *const *alts,
                       int nalts);

#endif
