/* fields.c — form fields placed with the boxes (signature lines, decision boxes): what each
 * widget is, kept by the layout while its pages live. */
#include "engine.h"
#include "util.h"

#include <stdlib.h>

const pd_field *pd_layout_field(pd_layout *lay, pd_field_kind kind, const char *name,
                                const char *state, const char *tooltip, const char *label,
                                bool on, pd_color color)
{
    pd_field *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->kind = kind;
    f->name = pd_strdup(name);
    f->state = state ? pd_strdup(state) : NULL;
    f->tooltip = tooltip ? pd_strdup(tooltip) : NULL;
    f->label = label ? pd_strdup(label) : NULL;
    f->on = on;
    f->color = color;
    f->next = lay->pass.fields;
    lay->pass.fields = f;
    if (!f->name) {
        lay->pass.fields = f->next;
        free(f->state), free(f->tooltip), free(f->label), free(f);
        return NULL;
    }
    return f;
}

void pd_layout_fields_free(pd_layout *lay)
{
    for (pd_field *f = lay->pass.fields, *next; f; f = next) {
        next = f->next;
        free(f->name), free(f->state), free(f->tooltip), free(f->label);
        free(f);
    }
    lay->pass.fields = NULL;
}
