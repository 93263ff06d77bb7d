/* pdf.h — a laid-out document as a PDF, with metadata and reproducible dates. */
#ifndef PD_PDF_H
#define PD_PDF_H

#include "engine.h"
#include "output.h"

/* Renders every page into o. Dates come from SOURCE_DATE_EPOCH when set, else from the
 * layout document's date, never from the clock. */
pd_status pd_render_pdf(pd_layout *lay, pd_output *o);

#endif
