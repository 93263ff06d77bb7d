/* para.c — turning inline layout XML into a PangoLayout: text and attributes, never markup. */
#include "para.h"
#include "util.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

/* Inline content under construction. */
typedef struct {
    const pd_text_env *env;
    pd_buf text;
    PangoAttrList *attrs;
    pd_link *links;
    int nlinks, caplinks;
    bool space_pending; /* collapsed white space waiting for the next visible character */
} builder;

PangoFontDescription *pd_para_font(const pd_style *s)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, s->family);
    pango_font_description_set_absolute_size(fd, s->font_size * PANGO_SCALE);
    pango_font_description_set_weight(fd, (PangoWeight)s->font_weight);
    pango_font_description_set_style(fd, s->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    return fd;
}

static guint16 channel(double v) { return (guint16)(v * 65535 + 0.5); }

static void add_attr(builder *b, PangoAttribute *a, size_t start, size_t end)
{
    a->start_index = (guint)start;
    a->end_index = (guint)end;
    pango_attr_list_insert(b->attrs, a);
}

/* Style attributes for a run, where it differs from the paragraph's base style. */
static void add_style_attrs(builder *b, const pd_style *s, const pd_style *base, size_t start,
                            size_t end)
{
    if (start == end)
        return;
    if (strcmp(s->family, base->family) != 0 || s->font_size != base->font_size ||
        s->font_weight != base->font_weight || s->italic != base->italic) {
        PangoFontDescription *fd = pd_para_font(s);
        add_attr(b, pango_attr_font_desc_new(fd), start, end);
        pango_font_description_free(fd);
    }
    if (memcmp(&s->color, &base->color, sizeof s->color) != 0)
        add_attr(b, pango_attr_foreground_new(channel(s->color.r), channel(s->color.g),
                                              channel(s->color.b)),
                 start, end);
    if (s->letter_spacing != base->letter_spacing)
        add_attr(b, pango_attr_letter_spacing_new((int)(s->letter_spacing * PANGO_SCALE)),
                 start, end);
}

/* Appends text with XML white space collapsed to single spaces, as a browser does. */
static void add_text(builder *b, const char *t, bool uppercase)
{
    for (const char *p = t; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            if (b->text.len > 0 && b->text.data[b->text.len - 1] != '\n')
                b->space_pending = true;
            continue;
        }
        if (b->space_pending) {
            pd_buf_add(&b->text, " ", 1);
            b->space_pending = false;
        }
        if (uppercase && (unsigned char)*p >= 0x80) {
            /* a multi-byte character: upper-case it through GLib */
            const char *next = g_utf8_find_next_char(p, NULL);
            size_t n = next ? (size_t)(next - p) : strlen(p);
            gchar *up = g_utf8_strup(p, (gssize)n);
            pd_buf_adds(&b->text, up);
            g_free(up);
            p += n - 1;
        } else {
            char c = uppercase && *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
            pd_buf_add(&b->text, &c, 1);
        }
    }
}

static void add_link(builder *b, xmlNode *n, size_t start, size_t end)
{
    if (b->nlinks == b->caplinks) {
        int cap = b->caplinks ? b->caplinks * 2 : 4;
        pd_link *l = realloc(b->links, (size_t)cap * sizeof *l);
        if (!l)
            return;
        b->links = l;
        b->caplinks = cap;
    }
    pd_link *l = &b->links[b->nlinks++];
    l->start = (int)start;
    l->end = (int)end;
    l->uri = pd_xml_attr(n, "href");
    l->ref = pd_xml_attr(n, "ref");
}

static void add_number(builder *b, int value)
{
    char num[16];
    snprintf(num, sizeof num, "%d", value);
    add_text(b, value > 0 ? num : "0", false);
}

static void add_inlines(builder *b, xmlNode *parent, const pd_style *style,
                        const pd_style *base)
{
    for (xmlNode *n = parent->children; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            size_t start = b->text.len;
            add_text(b, (const char *)n->content, style->uppercase);
            add_style_attrs(b, style, base, start, b->text.len);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (strcmp(name, "page-number") == 0 || strcmp(name, "page-count") == 0) {
            if (b->space_pending) {
                pd_buf_add(&b->text, " ", 1);
                b->space_pending = false;
            }
            size_t start = b->text.len;
            add_number(b, name[5] == 'n' ? b->env->page : b->env->pages);
            add_style_attrs(b, style, base, start, b->text.len);
        } else if (strcmp(name, "br") == 0) {
            pd_buf_add(&b->text, "\xe2\x80\xa8", 3); /* LINE SEPARATOR: same paragraph */
            b->space_pending = false;
        } else {
            pd_style child;
            pd_style_resolve(b->env->ctx, b->env->file, b->env->styles, n, style, &child);
            size_t start = b->text.len + (b->space_pending ? 1 : 0);
            add_inlines(b, n, &child, base);
            if (strcmp(name, "a") == 0 && b->text.len > start)
                add_link(b, n, start, b->text.len);
        }
    }
}

static void read_lines(pd_para *p)
{
    p->nlines = pango_layout_get_line_count(p->layout);
    p->lines = calloc((size_t)p->nlines, sizeof *p->lines);
    if (!p->lines) {
        p->nlines = 0;
        return;
    }
    PangoLayoutIter *it = pango_layout_get_iter(p->layout);
    int i = 0;
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        pd_line *l = &p->lines[i++];
        l->top = (double)logical.y / PANGO_SCALE;
        l->height = (double)logical.height / PANGO_SCALE;
        l->x = (double)logical.x / PANGO_SCALE;
        l->baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
    } while (i < p->nlines && pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    p->height = p->nlines ? p->lines[p->nlines - 1].top + p->lines[p->nlines - 1].height : 0;
}

static pd_para *finish(const pd_text_env *env, builder *b, const pd_style *style, double width)
{
    pd_para *p = calloc(1, sizeof *p);
    if (!p || b->text.failed) {
        free(p);
        pango_attr_list_unref(b->attrs);
        pd_buf_free(&b->text);
        free(b->links);
        pd_error(env->ctx, "out of memory laying out text");
        return NULL;
    }
    p->layout = pango_layout_new(env->pango);
    PangoFontDescription *fd = pd_para_font(style);
    pango_layout_set_font_description(p->layout, fd);
    pango_font_description_free(fd);
    if (style->line_height != 1)
        pango_attr_list_insert_before(b->attrs, pango_attr_line_height_new(style->line_height));
    pango_layout_set_text(p->layout, b->text.data ? b->text.data : "", (int)b->text.len);
    pango_layout_set_attributes(p->layout, b->attrs);
    pango_attr_list_unref(b->attrs);
    pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
    if (width >= 0)
        pango_layout_set_width(p->layout, (int)(width * PANGO_SCALE));
    static const PangoAlignment aligns[] = {PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
                                            PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT};
    pango_layout_set_alignment(p->layout, aligns[style->align]);
    pango_layout_set_justify(p->layout, style->align == PD_ALIGN_JUSTIFY);
    pd_buf_free(&b->text);
    p->links = b->links;
    p->nlinks = b->nlinks;
    p->width = width;
    p->color = style->color;
    p->refs = 1;
    read_lines(p);
    return p;
}

pd_para *pd_para_new(const pd_text_env *env, xmlNode *block, const pd_style *style,
                     double width)
{
    builder b = {.env = env, .attrs = pango_attr_list_new()};
    pd_buf_init(&b.text, 64u << 20);
    add_inlines(&b, block, style, style);
    return finish(env, &b, style, width);
}

pd_para *pd_para_new_text(const pd_text_env *env, const char *text, const pd_style *style,
                          double width)
{
    builder b = {.env = env, .attrs = pango_attr_list_new()};
    pd_buf_init(&b.text, 64u << 20);
    add_text(&b, text, style->uppercase);
    return finish(env, &b, style, width);
}

pd_para *pd_para_ref(pd_para *p)
{
    p->refs++;
    return p;
}

void pd_para_free(pd_para *p)
{
    if (!p || --p->refs > 0)
        return;
    if (p->layout)
        g_object_unref(p->layout);
    for (int i = 0; i < p->nlinks; i++) {
        free(p->links[i].uri);
        free(p->links[i].ref);
    }
    free(p->links);
    free(p->lines);
    free(p);
}

void pd_para_measure(const pd_text_env *env, xmlNode *block, const pd_style *style,
                     double *min_width, double *max_width)
{
    pd_para *p = pd_para_new(env, block, style, -1);
    if (!p) {
        *min_width = *max_width = 0;
        return;
    }
    PangoRectangle logical;
    pango_layout_get_extents(p->layout, NULL, &logical);
    *max_width = (double)logical.width / PANGO_SCALE;
    /* Broken at every opportunity, the widest line is the widest unbreakable piece. */
    pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD);
    pango_layout_set_width(p->layout, 1);
    pango_layout_get_extents(p->layout, NULL, &logical);
    *min_width = (double)logical.width / PANGO_SCALE;
    pd_para_free(p);
}
