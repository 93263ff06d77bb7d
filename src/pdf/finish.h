/* finish.h — cairo's PDF finished in one pass as cairo writes it: PDF/A-2b metadata (XMP
 * matching the document information, D: dates), an sRGB OutputIntent, the file identifier,
 * /Lang, figure /Alt, printable annotations and the form fields, folded into the one
 * revision instead of appended after it. */
#ifndef PD_PDF_FINISH_H
#define PD_PDF_FINISH_H

#include "ctx.h"
#include "output.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    PD_WIDGET_SIGNATURE, /* a signature field (/FT /Sig) */
    PD_WIDGET_TEXT,      /* a one-line text field, empty */
    PD_WIDGET_CHECK,     /* a check box, or a radio button when state is set */
} pd_widget_kind;

/* A form field's widget on a page, in PDF user space (origin bottom left, points). */
typedef struct {
    pd_widget_kind kind;
    int page;              /* 1-based */
    double x0, y0, x1, y1;
    const char *field;     /* the field's name; radio buttons of one group share it */
    const char *state;     /* radio button: its on-state ("accepted"); NULL: a check box */
    const char *tooltip;   /* /TU of the field (of the group for radio buttons) */
    const char *label;     /* radio button: what it stands for (its /Contents) */
    bool on;               /* check box or radio button: selected */
    double r, g, b;        /* colour of the tick */
} pd_widget;

typedef struct {
    const char *title, *author, *subject, *keywords, *creator, *lang;
    const char *date; /* ISO 8601 with Z or an offset: creation and modification */
} pd_pdf_meta;

typedef struct pd_pdf_finish pd_pdf_finish;

/* A finisher writing to out; meta is copied. */
pd_pdf_finish *pd_pdf_finish_new(pd_ctx *ctx, pd_output *out, const pd_pdf_meta *meta);
/* Takes the next bytes cairo wrote; false once writing failed. */
bool pd_pdf_finish_write(pd_pdf_finish *f, const void *data, size_t len);
/* A widget for a page: must come before cairo writes that page (before its show_page).
 * Copies the strings. */
void pd_pdf_finish_add_widget(pd_pdf_finish *f, const pd_widget *w);
/* What the destination id is (a heading's text): the /Contents of links to it. Copied. */
void pd_pdf_finish_add_dest(pd_pdf_finish *f, const char *id, const char *text);
/* Attaches data as the associated file name, relationship Source (PDF/A-3b then). Borrowed
 * until end. */
void pd_pdf_finish_set_source(pd_pdf_finish *f, const char *name, const char *data,
                              size_t len);
/* The alternative texts of the Figure structure elements and the actual texts of the P
 * ones, each in the order they were opened (borrowed until end; NULL entries have none).
 * Before cairo's surface is finished. */
void pd_pdf_finish_set_alts(pd_pdf_finish *f, const char *const *alts, int n,
                            const char *const *actual, int nactual);
/* After cairo finished: writes the added objects, the cross-reference table and the trailer.
 * PD_ERR_SYSTEM when cairo's file was not what this expects or writing failed (raised). */
pd_status pd_pdf_finish_end(pd_pdf_finish *f);
/* Frees f; NULL is fine. */
void pd_pdf_finish_free(pd_pdf_finish *f);

#endif
