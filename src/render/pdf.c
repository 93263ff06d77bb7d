/* pdf.c — the PDF surface: metadata, one Document structure element around everything (cairo
 * 1.16 writes a broken reference for links outside any structure element), the pages. */
#include "pdf.h"
#include "pdfpatch.h"
#include "draw.h"
#include "util.h"
#include "xml.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
    return pd_output_write(closure, data, len) ? CAIRO_STATUS_SUCCESS
                                               : CAIRO_STATUS_WRITE_ERROR;
}

/* The document's date as ISO 8601: SOURCE_DATE_EPOCH wins, then <document date="...">. */
static bool document_date(pd_layout *lay, char *buf, size_t size)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end;
        errno = 0;
        long long v = strtoll(epoch, &end, 10);
        time_t t = (time_t)v;
        struct tm tm;
        if (!*end && errno == 0 && v >= 0 && gmtime_r(&t, &tm)) {
            strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
            return true;
        }
        pd_diag_raise(lay->ctx, PD_WARNING, NULL, 0, 0,
                      "SOURCE_DATE_EPOCH=%s is not a number of seconds; ignored", epoch);
    }
    char *date = pd_xml_attr(xmlDocGetRootElement(lay->doc), "date");
    bool ok = date && strlen(date) == 10;
    if (ok)
        snprintf(buf, size, "%sT00:00:00Z", date);
    free(date);
    return ok;
}

static void set_metadata(pd_layout *lay, cairo_surface_t *s)
{
    static const struct {
        const char *attr;
        cairo_pdf_metadata_t key;
    } fields[] = {
        {"title", CAIRO_PDF_METADATA_TITLE},     {"author", CAIRO_PDF_METADATA_AUTHOR},
        {"subject", CAIRO_PDF_METADATA_SUBJECT}, {"keywords", CAIRO_PDF_METADATA_KEYWORDS},
        {"creator", CAIRO_PDF_METADATA_CREATOR},
    };
    xmlNode *root = xmlDocGetRootElement(lay->doc);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        char *v = pd_xml_attr(root, fields[i].attr);
        if (v && *v)
            cairo_pdf_surface_set_metadata(s, fields[i].key, v);
        else if (fields[i].key == CAIRO_PDF_METADATA_CREATOR)
            cairo_pdf_surface_set_metadata(s, fields[i].key, "phasedoc " PD_VERSION);
        free(v);
    }
    /* Without explicit dates cairo stamps the clock: use the document's or the epoch. */
    char date[40];
    if (!document_date(lay, date, sizeof date))
        snprintf(date, sizeof date, "1970-01-01T00:00:00Z");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
}

/* Bookmarks: one per heading, nested by level, opening on the heading. */
static void add_outline(pd_layout *lay, cairo_surface_t *s)
{
    int parents[7] = {CAIRO_PDF_OUTLINE_ROOT};
    int top = 0;
    for (int i = 0; i < lay->nheadings; i++) {
        const pd_heading *h = &lay->headings[i];
        if (!h->in_toc)
            continue;
        int level = h->level < 1 ? 1 : h->level > 6 ? 6 : h->level;
        if (level > top + 1)
            level = top + 1; /* a skipped level nests under the nearest one */
        char target[600], id[512];
        pd_draw_quote(id, sizeof id, h->id);
        snprintf(target, sizeof target, "dest='%s'", id);
        parents[level] = cairo_pdf_surface_add_outline(
            s, parents[level - 1], h->text, target,
            level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
        top = level;
    }
}

struct pd_pdf_writer {
    pd_layout *lay;
    pd_output *out;
    cairo_surface_t *surface;
    cairo_t *cr;
};

pd_pdf_writer *pd_pdf_begin(pd_output *o)
{
    pd_pdf_writer *w = calloc(1, sizeof *w);
    if (w)
        w->out = o;
    return w;
}

/* The surface is made with the first page, whose size it takes. */
void pd_pdf_page(pd_pdf_writer *w, pd_layout *lay, int i)
{
    const pd_master *m = lay->pages[i].master;
    if (!w->surface) {
        w->lay = lay;
        w->surface = cairo_pdf_surface_create_for_stream(write_out, w->out, m->width,
                                                         m->height);
        cairo_pdf_surface_restrict_to_version(w->surface, CAIRO_PDF_VERSION_1_5);
        set_metadata(lay, w->surface);
        w->cr = cairo_create(w->surface);
        lay->nalts = 0;
        cairo_tag_begin(w->cr, "Document", NULL);
    }
    cairo_pdf_surface_set_size(w->surface, m->width, m->height);
    char label[16];
    snprintf(label, sizeof label, "%d", i + 1);
    cairo_pdf_surface_set_page_label(w->surface, label);
    pd_draw_page(lay, i, w->cr);
    cairo_show_page(w->cr);
}

void pd_pdf_sink(void *writer, pd_layout *lay, int i) { pd_pdf_page(writer, lay, i); }

pd_status pd_pdf_end(pd_pdf_writer *w)
{
    pd_layout *lay = w->lay;
    if (!w->surface) { /* no page */
        free(w);
        return PD_ERR_INPUT;
    }
    cairo_tag_end(w->cr, "Document");
    add_outline(lay, w->surface);
    cairo_status_t st = cairo_status(w->cr);
    cairo_destroy(w->cr);
    cairo_surface_finish(w->surface);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(w->surface);
    cairo_surface_destroy(w->surface);
    pd_output *o = w->out;
    free(w);
    if (st == CAIRO_STATUS_WRITE_ERROR)
        return PD_ERR_SYSTEM; /* the output reports the cause (a full disk) */
    if (st != CAIRO_STATUS_SUCCESS) {
        pd_error(lay->ctx, "cannot render the PDF: %s", cairo_status_to_string(st));
        return st == CAIRO_STATUS_NO_MEMORY ? PD_ERR_SYSTEM : PD_ERR_INPUT;
    }
    char *lang = pd_xml_attr(xmlDocGetRootElement(lay->doc), "lang");
    pd_status ps = pd_pdf_patch(lay->ctx, o, lang, (char *const *)lay->alts, lay->nalts);
    free(lang);
    return ps;
}

pd_status pd_render_pdf(pd_layout *lay, pd_output *o)
{
    pd_pdf_writer *w = pd_pdf_begin(o);
    if (!w)
        return PD_ERR_SYSTEM;
    for (int i = 0; i < lay->npages; i++)
        pd_pdf_page(w, lay, i);
    return pd_pdf_end(w);
}
