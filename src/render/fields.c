/* fields.c — a page's form-field boxes handed to the PDF finisher as widgets: the layout
 * placed them (top-left origin), PDF wants the bottom-left one. */
#include "fields.h"

void pd_render_fields(const pd_layout *lay, int i, pd_pdf_finish *f)
{
    const pd_page *page = &lay->book.pages[i];
    double height = page->master->height;
    for (int k = 0; k < page->body.nboxes; k++) {
        const pd_box *b = &page->body.boxes[k];
        if (b->kind != PD_BOX_FIELD || !b->field)
            continue;
        const pd_field *fd = b->field;
        pd_widget w = {
            .kind = fd->kind == PD_FIELD_SIGNATURE ? PD_WIDGET_SIGNATURE
                    : fd->kind == PD_FIELD_TEXT    ? PD_WIDGET_TEXT
                                                   : PD_WIDGET_CHECK,
            .page = i + 1,
            .x0 = b->x,
            .y0 = height - (b->y + b->h),
            .x1 = b->x + b->w,
            .y1 = height - b->y,
            .field = fd->name,
            .state = fd->state,
            .tooltip = fd->tooltip,
            .label = fd->label,
            .on = fd->on,
            .r = fd->color.r,
            .g = fd->color.g,
            .b = fd->color.b,
        };
        pd_pdf_finish_add_widget(f, &w);
    }
}
