/* svg.c — librsvg renders into the same cairo_t: on a PDF surface the image stays vectors. */
#include "svg.h"

#include <librsvg/rsvg.h>

void pd_svg_draw(cairo_t *cr, void *svg, double x, double y, double w, double h)
{
    RsvgRectangle viewport = {x, y, w, h};
    GError *err = NULL;
    cairo_save(cr);
    /* A failure leaves the area empty; the image was checked when it was loaded. */
    if (!rsvg_handle_render_document(svg, cr, &viewport, &err))
        g_clear_error(&err);
    cairo_restore(cr);
}
