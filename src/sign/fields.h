/* fields.h — the signature fields of an existing PDF's form, by full name. */
#ifndef PD_SIGN_FIELDS_H
#define PD_SIGN_FIELDS_H

#include "doc.h"

typedef struct {
    char *name;    /* full name: the parents' partial names joined with "." */
    long num;      /* the field's object (0: a direct object, which cannot be signed) */
    bool is_signed;
} pd_sig_field;

/* The signature fields under the catalogue's /AcroForm (none: *n = 0). false when out of
 * memory. */
bool pd_sig_fields(const pd_pdf_doc *doc, pd_sig_field **out, int *n);
void pd_sig_fields_free(pd_sig_field *f, int n);

#endif
