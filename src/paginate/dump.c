/* dump.c — placed boxes as text: page, kind, position, size and content, for exact tests. */
#include "engine.h"
#include "lines.h"

#include <string.h>

static void dump_frag(const pd_frag *f, bool artifact, FILE *out)
{
    static const char *const kinds[] = {"text",  "fill",   "frame", "line", "image",
                                        "check", "link",   "leader", "path", "svg",
                                        "field"};
    for (int i = 0; i < f->nboxes; i++) {
        const pd_box *b = &f->boxes[i];
        fprintf(out, "  %-5s %7.2f %7.2f %7.2f %7.2f", kinds[b->kind], b->x, b->y, b->w, b->h);
        if (b->kind == PD_BOX_TEXT) {
            int len;
            const char *text = pd_para_line_text(b->para, b->line, &len);
            fprintf(out, " \"%.*s\"", len, text);
        } else if (b->kind == PD_BOX_LINK) {
            fprintf(out, " %s", b->uri ? b->uri : b->ref ? b->ref : "");
        } else if (b->kind == PD_BOX_FIELD) {
            fprintf(out, " %s%s%s", b->field->name, b->field->state ? "=" : "",
                    b->field->state ? b->field->state : "");
        } else if (b->kind == PD_BOX_PATH) {
            fprintf(out, " %d points", b->npoints);
        }
        if (b->angle != 0)
            fprintf(out, " turned %.1f deg", b->angle * 180 / 3.14159265358979);
        if (artifact)
            fputs(" [Artifact]", out);
        else if (b->tag)
            fprintf(out, " [%s]", b->tag->name);
        fputc('\n', out);
    }
}

void pd_layout_dump(const pd_layout *lay, FILE *out)
{
    for (int i = 0; i < lay->book.npages; i++) {
        const pd_page *p = &lay->book.pages[i];
        fprintf(out, "page %d %s %.2fx%.2f\n", i + 1, p->master->name, p->master->width,
                p->master->height);
        dump_frag(&p->under, true, out);
        dump_frag(&p->body, false, out);
        dump_frag(&p->over, true, out);
    }
}
