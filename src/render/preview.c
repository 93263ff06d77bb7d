/* preview.c — the pages drawn onto image and SVG surfaces by pd_draw_page, as for the PDF.
 * The page files appear all or none: each is written complete to its temporary file, and
 * only when every page is done are they renamed into place. */
#include "preview.h"
#include "draw.h"
#include "output.h"
#include "util.h"

#include <cairo-svg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_PIXELS_PER_SIDE = 20000 };

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
    return pd_output_write(closure, data, len) ? CAIRO_STATUS_SUCCESS
                                               : CAIRO_STATUS_WRITE_ERROR;
}

/* "out.png" → "out-3.png" */
static char *page_name(const char *out, int page, const char *ext)
{
    size_t n = strlen(out);
    const char *dot = strrchr(out, '.'), *slash = strrchr(out, '/');
    if (dot && (!slash || dot > slash))
        n = (size_t)(dot - out);
    size_t size = n + strlen(ext) + 16;
    char *name = malloc(size);
    if (name)
        snprintf(name, size, "%.*s-%d.%s", (int)n, out, page, ext);
    return name;
}

static pd_status finish(const pd_layout *lay, cairo_surface_t *s, pd_output *o, bool png)
{
    cairo_status_t st = png ? cairo_surface_write_to_png_stream(s, write_out, o)
                            : (cairo_surface_finish(s), cairo_surface_status(s));
    cairo_surface_destroy(s);
    if (st == CAIRO_STATUS_WRITE_ERROR && pd_output_failed(o))
        return pd_output_prepare(lay->doc.ctx, o); /* names the cause: a full disk */
    if (st != CAIRO_STATUS_SUCCESS) {
        pd_output_abort(o);
        pd_error(lay->doc.ctx, "cannot draw the preview: %s", cairo_status_to_string(st));
        return PD_ERR_SYSTEM;
    }
    return pd_output_prepare(lay->doc.ctx, o);
}

static pd_status draw_page(const pd_layout *lay, const char *out, double dpi, bool png, int i,
                           pd_output **done);

static pd_status render_pages(const pd_layout *lay, const char *out, double dpi, bool png)
{
    if (strcmp(out, "-") == 0) {
        pd_error(lay->doc.ctx, "previews are written one file per page: give -o a file name");
        return PD_ERR_USAGE;
    }
    pd_output **done = calloc((size_t)lay->book.npages + 1, sizeof *done);
    if (!done) {
        pd_error(lay->doc.ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    pd_status st = PD_OK;
    int ndone = 0;
    for (int i = 0; i < lay->book.npages && st == PD_OK; i++) {
        st = draw_page(lay, out, dpi, png, i, &done[ndone]);
        ndone += st == PD_OK;
    }
    for (int i = 0; i < ndone; i++) {
        if (st == PD_OK)
            st = pd_output_commit(lay->doc.ctx, done[i]);
        else
            pd_output_abort(done[i]);
    }
    free(done);
    return st;
}

/* Page i into a prepared output (*done), not yet renamed into place. */
static pd_status draw_page(const pd_layout *lay, const char *out, double dpi, bool png, int i,
                           pd_output **done)
{
    const pd_master *m = lay->book.pages[i].master;
    char *name = page_name(out, i + 1, png ? "png" : "svg");
    pd_output *o = NULL;
    pd_status st = name ? pd_output_open(lay->doc.ctx, name, &o) : PD_ERR_SYSTEM;
    free(name);
    if (st != PD_OK)
        return st;
    double scale = png ? dpi / 72 : 1;
    cairo_surface_t *s;
    if (png) {
        int w = (int)ceil(m->width * scale), h = (int)ceil(m->height * scale);
        if (w > MAX_PIXELS_PER_SIDE || h > MAX_PIXELS_PER_SIDE) {
            pd_output_abort(o);
            pd_error(lay->doc.ctx, "a page at %g dpi would be %dx%d pixels: too large", dpi, w, h);
            return PD_ERR_USAGE;
        }
        s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    } else {
        s = cairo_svg_surface_create_for_stream(write_out, o, m->width, m->height);
    }
    cairo_t *cr = cairo_create(s);
    if (png) { /* paper is white; the image surface starts black */
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_scale(cr, scale, scale);
    }
    pd_draw_page(lay, i, cr, NULL);
    cairo_destroy(cr);
    st = finish(lay, s, o, png);
    if (st == PD_OK)
        *done = o;
    return st;
}

pd_status pd_render_png(const pd_layout *lay, const char *out, double dpi)
{
    if (!(dpi >= 10 && dpi <= 1200)) {
        pd_error(lay->doc.ctx, "a resolution from 10 to 1200 dpi, please (got %g)", dpi);
        return PD_ERR_USAGE;
    }
    return render_pages(lay, out, dpi, true);
}

pd_status pd_render_svg(const pd_layout *lay, const char *out)
{
    return render_pages(lay, out, 72, false);
}
