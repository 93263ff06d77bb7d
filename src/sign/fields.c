/* fields.c — walking a form's field tree (ISO 32000-1, 12.7.3): names are joined from the
 * partial names down the tree, the field type is inherited. */
#include "fields.h"
#include "array.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const pd_pdf_doc *doc;
    pd_sig_field *list;
    size_t n, cap;
    bool failed;
} walk;

/* A text string as UTF-8 (UTF-16BE with its byte order mark, or PDFDocEncoding taken as
 * Latin-1, which agrees for the ASCII that field names are made of). */
static char *text_utf8(const pd_obj *s)
{
    if (!s || s->type != PD_OBJ_STR)
        return NULL;
    if (s->len >= 2 && (unsigned char)s->text[0] == 0xFE && (unsigned char)s->text[1] == 0xFF)
        return g_convert(s->text + 2, (gssize)s->len - 2, "UTF-8", "UTF-16BE", NULL, NULL,
                         NULL);
    return g_convert(s->text, (gssize)s->len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
}

static void add(walk *w, const char *name, long num, bool is_signed)
{
    pd_sig_field *a = pd_array_grow(w->list, &w->cap, w->n + 1, sizeof *a);
    if (!a) {
        w->failed = true;
        return;
    }
    w->list = a;
    char *copy = strdup(name);
    if (!copy) {
        w->failed = true;
        return;
    }
    w->list[w->n++] = (pd_sig_field){copy, num, is_signed};
}

static void visit(walk *w, pd_obj *item, const char *prefix, bool sig, int depth)
{
    if (depth > 32)
        return; /* a loop in the tree */
    pd_obj *owned;
    pd_obj *f = pd_pdf_doc_resolve(w->doc, item, &owned);
    if (!f || f->type != PD_OBJ_DICT) {
        pd_obj_free(owned);
        return;
    }
    pd_obj *ft = pd_dict_get(f, "FT");
    if (ft)
        sig = pd_obj_is_name(ft, "Sig");
    char *partial = text_utf8(pd_dict_get(f, "T"));
    char *name = partial ? (*prefix ? g_strconcat(prefix, ".", partial, NULL)
                                    : g_strdup(partial))
                         : g_strdup(prefix);
    /* kids with names are fields; kids without are this field's widgets */
    pd_obj *kids = pd_dict_get(f, "Kids");
    bool field_kids = false;
    for (int i = 0; kids && kids->type == PD_OBJ_ARRAY && i < kids->count; i++) {
        pd_obj *ko;
        pd_obj *k = pd_pdf_doc_resolve(w->doc, kids->items[i], &ko);
        field_kids |= k && pd_dict_get(k, "T") != NULL;
        pd_obj_free(ko);
    }
    if (field_kids)
        for (int i = 0; i < kids->count; i++)
            visit(w, kids->items[i], name, sig, depth + 1);
    else if (sig && partial)
        add(w, name, item->type == PD_OBJ_REF ? item->num : 0, pd_dict_get(f, "V") != NULL);
    g_free(partial);
    g_free(name);
    pd_obj_free(owned);
}

bool pd_sig_fields(const pd_pdf_doc *doc, pd_sig_field **out, int *n)
{
    walk w = {.doc = doc};
    pd_obj *owned_cat, *owned_form, *owned_fields;
    pd_obj *cat = pd_pdf_doc_resolve(doc, pd_dict_get(doc->trailer, "Root"), &owned_cat);
    pd_obj *form = pd_pdf_doc_resolve(doc, pd_dict_get(cat, "AcroForm"), &owned_form);
    pd_obj *fields = pd_pdf_doc_resolve(doc, pd_dict_get(form, "Fields"), &owned_fields);
    for (int i = 0; fields && fields->type == PD_OBJ_ARRAY && i < fields->count; i++)
        visit(&w, fields->items[i], "", false, 0);
    pd_obj_free(owned_fields);
    pd_obj_free(owned_form);
    pd_obj_free(owned_cat);
    if (w.failed) {
        pd_sig_fields_free(w.list, (int)w.n);
        return false;
    }
    *out = w.list;
    *n = (int)w.n;
    return true;
}

void pd_sig_fields_free(pd_sig_field *f, int n)
{
    for (int i = 0; i < n; i++)
        free(f[i].name);
    free(f);
}
