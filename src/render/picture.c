/* picture.c — PNG and SVG decoding into what Cairo draws; the layout sees only a handle. */
#include "picture.h"
#include "picture_draw.h"

#include <librsvg/rsvg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pd_picture {
    cairo_surface_t *surface; /* a PNG */
    RsvgHandle *svg;          /* or an SVG */
    double width, height;
};

typedef struct {
    const unsigned char *data;
    size_t len, pos;
} reader;

static cairo_status_t read_png(void *closure, unsigned char *out, unsigned int n)
{
    reader *r = closure;
    if (n > r->len - r->pos)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(out, r->data + r->pos, n);
    r->pos += n;
    return CAIRO_STATUS_SUCCESS;
}

pd_picture *pd_picture_png(const unsigned char *data, size_t len, char *why, size_t size)
{
    reader r = {data, len, 0};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_png, &r);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        snprintf(why, size, "%s", cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        return NULL;
    }
    pd_picture *pic = calloc(1, sizeof *pic);
    if (!pic) {
        snprintf(why, size, "out of memory");
        cairo_surface_destroy(s);
        return NULL;
    }
    pic->surface = s;
    pic->width = cairo_image_surface_get_width(s);
    pic->height = cairo_image_surface_get_height(s);
    return pic;
}

pd_picture *pd_picture_svg(const unsigned char *data, size_t len, char *why, size_t size)
{
    GError *err = NULL;
    RsvgHandle *svg = rsvg_handle_new_from_data(data, len, &err);
    if (!svg) {
        snprintf(why, size, "is not a usable SVG: %s", err ? err->message : "unknown error");
        g_clear_error(&err);
        return NULL;
    }
    rsvg_handle_set_dpi(svg, 72);
    gdouble gw = 0, gh = 0;
    if (!rsvg_handle_get_intrinsic_size_in_pixels(svg, &gw, &gh) || gw <= 0 || gh <= 0) {
        RsvgRectangle viewbox;
        gboolean has_viewbox = FALSE;
        rsvg_handle_get_intrinsic_dimensions(svg, NULL, NULL, NULL, NULL, &has_viewbox,
                                             &viewbox);
        gw = has_viewbox ? viewbox.width : 0;
        gh = has_viewbox ? viewbox.height : 0;
    }
    pd_picture *pic = NULL;
    if (!(gw > 0 && gh > 0 && gw < 1e6 && gh < 1e6))
        snprintf(why, size, "has no usable size");
    else if (!(pic = calloc(1, sizeof *pic)))
        snprintf(why, size, "out of memory");
    if (!pic) {
        g_object_unref(svg);
        return NULL;
    }
    pic->svg = svg;
    pic->width = gw;
    pic->height = gh;
    return pic;
}

void pd_picture_free(pd_picture *pic)
{
    if (!pic)
        return;
    if (pic->surface)
        cairo_surface_destroy(pic->surface);
    if (pic->svg)
        g_object_unref(pic->svg);
    free(pic);
}

double pd_picture_width(const pd_picture *pic) { return pic->width; }
double pd_picture_height(const pd_picture *pic) { return pic->height; }
bool pd_picture_is_svg(const pd_picture *pic) { return pic->svg != NULL; }

void pd_picture_draw(cairo_t *cr, const pd_picture *pic, double x, double y, double w, double h)
{
    cairo_save(cr);
    if (pic->svg) {
        RsvgRectangle viewport = {x, y, w, h};
        GError *err = NULL;
        /* A failure leaves the area empty; the image was checked when it was loaded. */
        if (!rsvg_handle_render_document(pic->svg, cr, &viewport, &err))
            g_clear_error(&err);
    } else {
        double iw = pic->width, ih = pic->height;
        cairo_translate(cr, x, y);
        cairo_scale(cr, w / iw, h / ih);
        cairo_set_source_surface(cr, pic->surface, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
        /* A rectangle filled, not cairo_paint(): cairo 1.16's tagged PDF fails the whole
         * document ("invalid tag name, attributes, or nesting") when an unbounded paint is
         * the first thing drawn on a page, as a PNG at a page's, box's or cell's top was
         * (the same fix as on the layout-text branch, which changed this code in draw.c). */
        cairo_rectangle(cr, 0, 0, iw, ih);
        cairo_fill(cr);
    }
    cairo_restore(cr);
}
