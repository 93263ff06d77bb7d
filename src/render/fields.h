/* fields.h — a page's form-field boxes handed to the PDF finisher as widgets. */
#ifndef PD_RENDER_FIELDS_H
#define PD_RENDER_FIELDS_H

#include "engine.h"
#include "finish.h"

/* The widgets of page index i (0-based), in PDF user space. */
void pd_render_fields(const pd_layout *lay, int i, pd_pdf_finish *f);

#endif
