/* pdf.c — the PDF surface: metadata, one Document structure element around everything (cairo
 * 1.16 writes a broken reference for links outside any structure element), the pages. */
#include "pdf.h"
#include "draw.h"
#include "fields.h"
#include "finish.h"
#include "util.h"
#include "xml.h"

#include <cairo-pdf.h>
#include <glib.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Cairo's bytes go through the finisher, which writes the one revision as they come. */
static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
    return pd_pdf_finish_write(closure, data, len) ? CAIRO_STATUS_SUCCESS
                                                    : CAIRO_STATUS_WRITE_ERROR;
}

/* The document's date as ISO 8601: SOURCE_DATE_EPOCH wins, then <document date="...">. */
static bool document_date(const pd_layout *lay, char *buf, size_t size)
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
        pd_diag_raise(lay->doc.ctx, PD_WARNING, NULL, 0, 0,
                      "SOURCE_DATE_EPOCH=%s is not a number of seconds; ignored", epoch);
    }
    char *date = pd_xml_attr(xmlDocGetRootElement(lay->doc.xml), "date");
    bool ok = date && strlen(date) == 10;
    if (ok)
        snprintf(buf, size, "%sT00:00:00Z", date);
    free(date);
    return ok;
}

static void set_metadata(const pd_layout *lay, cairo_surface_t *s)
{
    static const struct {
        const char *attr;
        cairo_pdf_metadata_t key;
    } fields[] = {
        {"title", CAIRO_PDF_METADATA_TITLE},     {"author", CAIRO_PDF_METADATA_AUTHOR},
        {"subject", CAIRO_PDF_METADATA_SUBJECT}, {"keywords", CAIRO_PDF_METADATA_KEYWORDS},
        {"creator", CAIRO_PDF_METADATA_CREATOR},
    };
    xmlNode *root = xmlDocGetRootElement(lay->doc.xml);
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
static void add_outline(const pd_layout *lay, cairo_surface_t *s)
{
    int parents[7] = {CAIRO_PDF_OUTLINE_ROOT};
    int top = 0;
    for (int i = 0; i < lay->doc.nheadings; i++) {
        const pd_heading *h = &lay->doc.headings[i];
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
    const pd_layout *lay;
    pd_figure_alts alts;
    pd_output *out;
    pd_pdf_finish *finish;
    bool no_memory;
    char *source, *source_name; /* --embed-source: the project file */
    size_t source_len;
    cairo_surface_t *surface;
    cairo_t *cr;
};

/* What the finisher writes into the document information and the XMP packet. The Creator is
 * the program on every kind of document (the company is the Author). */
static pd_pdf_finish *finisher(const pd_layout *lay, pd_output *o)
{
    xmlNode *root = xmlDocGetRootElement(lay->doc.xml);
    char *title = pd_xml_attr(root, "title"), *author = pd_xml_attr(root, "author");
    char *subject = pd_xml_attr(root, "subject"), *keywords = pd_xml_attr(root, "keywords");
    char *lang = pd_xml_attr(root, "lang");
    char date[40];
    if (!document_date(lay, date, sizeof date))
        snprintf(date, sizeof date, "1970-01-01T00:00:00Z");
    pd_pdf_meta meta = {title, author, subject, keywords, "phasedoc " PD_VERSION, lang, date};
    pd_pdf_finish *f = pd_pdf_finish_new(lay->doc.ctx, o, &meta);
    free(title), free(author), free(subject), free(keywords), free(lang);
    for (int i = 0; f && i < lay->doc.nheadings; i++)
        if (lay->doc.headings[i].id && lay->doc.headings[i].text)
            pd_pdf_finish_add_dest(f, lay->doc.headings[i].id, lay->doc.headings[i].text);
    return f;
}

pd_pdf_writer *pd_pdf_begin(pd_output *o)
{
    pd_pdf_writer *w = calloc(1, sizeof *w);
    if (w)
        w->out = o;
    return w;
}

/* The surface is made with the first page, whose size it takes. */
void pd_pdf_page(pd_pdf_writer *w, const pd_layout *lay, int i)
{
    const pd_master *m = lay->book.pages[i].master;
    if (!w->surface) {
        w->lay = lay;
        w->finish = finisher(lay, w->out);
        if (!w->finish) {
            if (!w->no_memory)
                pd_error(lay->doc.ctx, "out of memory");
            w->no_memory = true;
            return;
        }
        if (w->source)
            pd_pdf_finish_set_source(w->finish, w->source_name, w->source, w->source_len);
        w->surface = cairo_pdf_surface_create_for_stream(write_out, w->finish, m->width,
                                                         m->height);
        cairo_pdf_surface_restrict_to_version(w->surface, CAIRO_PDF_VERSION_1_5);
        set_metadata(lay, w->surface);
        w->cr = cairo_create(w->surface);
        cairo_tag_begin(w->cr, "Document", NULL);
    }
    cairo_pdf_surface_set_size(w->surface, m->width, m->height);
    char label[16];
    snprintf(label, sizeof label, "%d", i + 1);
    cairo_pdf_surface_set_page_label(w->surface, label);
    pd_draw_page(lay, i, w->cr, &w->alts);
    pd_render_fields(lay, i, w->finish); /* before cairo writes the page */
    cairo_show_page(w->cr);
}

void pd_pdf_sink(void *writer, const pd_layout *lay, int i) { pd_pdf_page(writer, lay, i); }

pd_status pd_pdf_end(pd_pdf_writer *w)
{
    const pd_layout *lay = w->lay;
    if (!w->surface) { /* no page, or no memory for the finisher */
        pd_status st = w->no_memory ? PD_ERR_SYSTEM : PD_ERR_INPUT;
        pd_figure_alts_free(&w->alts);
        free(w->source), free(w->source_name);
        free(w);
        return st;
    }
    cairo_tag_end(w->cr, "Document");
    add_outline(lay, w->surface);
    pd_pdf_finish_set_alts(w->finish, (const char *const *)w->alts.alts, w->alts.n,
                           (const char *const *)w->alts.actual, w->alts.nactual);
    cairo_status_t st = cairo_status(w->cr);
    cairo_destroy(w->cr);
    cairo_surface_finish(w->surface);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(w->surface);
    cairo_surface_destroy(w->surface);
    pd_pdf_finish *fin = w->finish;
    char *source = w->source, *source_name = w->source_name; /* the finisher's until its end */
    pd_figure_alts alts = w->alts;
    free(w);
    if (st != CAIRO_STATUS_SUCCESS) {
        pd_pdf_finish_free(fin);
        free(source), free(source_name);
        pd_figure_alts_free(&alts);
        if (st == CAIRO_STATUS_WRITE_ERROR)
            return PD_ERR_SYSTEM; /* the output reports the cause (a full disk) */
        pd_error(lay->doc.ctx, "cannot render the PDF: %s", cairo_status_to_string(st));
        return st == CAIRO_STATUS_NO_MEMORY ? PD_ERR_SYSTEM : PD_ERR_INPUT;
    }
    pd_status ps = pd_pdf_finish_end(fin);
    pd_pdf_finish_free(fin);
    free(source), free(source_name);
    pd_figure_alts_free(&alts);
    return ps;
}

void pd_pdf_cancel(pd_pdf_writer *w)
{
    if (!w)
        return;
    if (w->surface) { /* cairo still writes its file out as it goes, into the discarded output */
        cairo_destroy(w->cr);
        cairo_surface_destroy(w->surface);
    }
    pd_pdf_finish_free(w->finish);
    pd_figure_alts_free(&w->alts);
    free(w->source), free(w->source_name);
    free(w);
}

pd_status pd_render_pdf(const pd_layout *lay, pd_output *o)
{
    pd_pdf_writer *w = pd_pdf_begin(o);
    if (!w)
        return PD_ERR_SYSTEM;
    for (int i = 0; i < lay->book.npages; i++)
        pd_pdf_page(w, lay, i);
    return pd_pdf_end(w);
}

pd_status pd_pdf_embed_source(pd_ctx *ctx, pd_pdf_writer *w, const char *path)
{
    if (strcmp(path, "-") == 0) {
        pd_error(ctx, "--embed-source needs the project as a file, not standard input");
        return PD_ERR_USAGE;
    }
    gchar *data = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &data, &len, &err)) {
        pd_diag_raise(ctx, PD_ERROR, path, 0, 0, "cannot read: %s", err->message);
        g_error_free(err);
        return PD_ERR_INPUT;
    }
    const char *slash = strrchr(path, '/');
    w->source_name = pd_strdup(slash ? slash + 1 : path);
    w->source = pd_strndup(data, len);
    w->source_len = len;
    g_free(data);
    if (!w->source_name || !w->source) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    return PD_OK;
}
