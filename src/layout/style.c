/* style.c — parsing lengths and colours, and computing the style of a layout element. */
#include "style.h"
#include "util.h"
#include "xml.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool pd_length_parse(const char *s, double *pt)
{
    if (!s || !*s)
        return false;
    char *end;
    double v = strtod(s, &end);
    if (end == s || !isfinite(v) || v < 0 || v > 100000)
        return false;
    double scale;
    if (!*end || strcmp(end, "pt") == 0)
        scale = 1;
    else if (strcmp(end, "mm") == 0)
        scale = 72 / 25.4;
    else if (strcmp(end, "cm") == 0)
        scale = 72 / 2.54;
    else if (strcmp(end, "in") == 0)
        scale = 72;
    else if (strcmp(end, "px") == 0)
        scale = 72.0 / 96;
    else
        return false;
    *pt = v * scale;
    return true;
}

bool pd_color_parse(const char *s, pd_color *c)
{
    if (!s || strlen(s) != 7 || s[0] != '#')
        return false;
    for (int i = 1; i < 7; i++)
        if (!isxdigit((unsigned char)s[i]))
            return false;
    unsigned long v = strtoul(s + 1, NULL, 16);
    c->r = ((v >> 16) & 0xff) / 255.0;
    c->g = ((v >> 8) & 0xff) / 255.0;
    c->b = (v & 0xff) / 255.0;
    return true;
}

void pd_style_default(pd_style *s)
{
    memset(s, 0, sizeof *s);
    snprintf(s->family, sizeof s->family, "Inter");
    s->font_size = 10;
    s->font_weight = 400;
    s->line_height = 1.25;
    s->align = PD_ALIGN_LEFT;
    s->align_block = PD_ALIGN_LEFT;
}

static void reset_box(pd_style *s)
{
    s->space_before = s->space_after = s->indent = s->padding = 0;
    s->border = s->border_bottom = 0;
    s->border_color = (pd_color){0, 0, 0};
    s->has_background = false;
    s->align_block = PD_ALIGN_LEFT;
    s->keep_with_next = s->keep_together = s->break_before = false;
}

static bool parse_align(const char *v, pd_align *a)
{
    static const char *const names[] = {"left", "right", "center", "justify"};
    for (int i = 0; i < 4; i++)
        if (strcmp(v, names[i]) == 0) {
            *a = (pd_align)i;
            return true;
        }
    return false;
}

static void bad_value(pd_ctx *ctx, const char *file, xmlNode *n, const char *attr,
                      const char *v)
{
    pd_diag_raise(ctx, PD_ERROR, file, (int)xmlGetLineNo(n), 0,
                  "<%s>: %s=\"%s\" is not a valid value", (const char *)n->name, attr, v);
}

typedef enum { P_LENGTH, P_COLOR, P_BOOL } prop_type;

/* Box and length properties that map straight onto a field. */
static const struct {
    const char *name;
    prop_type type;
    size_t offset;
} simple_props[] = {
    {"space-before", P_LENGTH, offsetof(pd_style, space_before)},
    {"space-after", P_LENGTH, offsetof(pd_style, space_after)},
    {"indent", P_LENGTH, offsetof(pd_style, indent)},
    {"padding", P_LENGTH, offsetof(pd_style, padding)},
    {"border", P_LENGTH, offsetof(pd_style, border)},
    {"border-bottom", P_LENGTH, offsetof(pd_style, border_bottom)},
    {"font-size", P_LENGTH, offsetof(pd_style, font_size)},
    {"letter-spacing", P_LENGTH, offsetof(pd_style, letter_spacing)},
    {"color", P_COLOR, offsetof(pd_style, color)},
    {"border-color", P_COLOR, offsetof(pd_style, border_color)},
    {"keep-with-next", P_BOOL, offsetof(pd_style, keep_with_next)},
    {"keep-together", P_BOOL, offsetof(pd_style, keep_together)},
};

static bool apply_simple(const char *name, const char *v, pd_style *s, bool *ok)
{
    for (size_t i = 0; i < sizeof simple_props / sizeof simple_props[0]; i++) {
        if (strcmp(simple_props[i].name, name) != 0)
            continue;
        char *field = (char *)s + simple_props[i].offset;
        switch (simple_props[i].type) {
        case P_LENGTH: *ok = pd_length_parse(v, (double *)field); break;
        case P_COLOR: *ok = pd_color_parse(v, (pd_color *)field); break;
        case P_BOOL:
            *ok = strcmp(v, "true") == 0 || strcmp(v, "false") == 0 || strcmp(v, "1") == 0 ||
                  strcmp(v, "0") == 0;
            *(bool *)field = strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
            break;
        }
        return true;
    }
    return false;
}

static bool apply_one(const char *name, const char *v, pd_style *s)
{
    bool ok = true;
    if (apply_simple(name, v, s, &ok)) {
        /* FreeType cannot scale glyphs much past a few thousand points: refused, and clamped
         * so that the rest of the run (which fails) does not ask it to */
        if (s->font_size > PD_FONT_SIZE_MAX) {
            s->font_size = PD_FONT_SIZE_MAX;
            ok = false;
        }
        return ok;
    }
    if (strcmp(name, "font-family") == 0) {
        snprintf(s->family, sizeof s->family, "%s", v);
    } else if (strcmp(name, "font-weight") == 0) {
        s->font_weight = strcmp(v, "bold") == 0 ? 700 : strcmp(v, "normal") == 0 ? 400 : atoi(v);
        ok = s->font_weight >= 100 && s->font_weight <= 900;
    } else if (strcmp(name, "font-style") == 0) {
        s->italic = strcmp(v, "italic") == 0;
    } else if (strcmp(name, "line-height") == 0) {
        char *end;
        s->line_height = strtod(v, &end);
        ok = !*end && s->line_height >= 0.5 && s->line_height <= 4;
    } else if (strcmp(name, "align") == 0) {
        ok = parse_align(v, &s->align);
    } else if (strcmp(name, "align-block") == 0) {
        ok = parse_align(v, &s->align_block);
    } else if (strcmp(name, "background") == 0) {
        ok = s->has_background = pd_color_parse(v, &s->background);
    } else if (strcmp(name, "lang") == 0) {
        snprintf(s->lang, sizeof s->lang, "%s", v);
    } else if (strcmp(name, "justify-last-line") == 0) {
        s->justify_last_line = strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
    } else if (strcmp(name, "hyphenate") == 0) {
        s->hyphenate = strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
    } else if (strcmp(name, "font-features") == 0) {
        snprintf(s->features, sizeof s->features, "%s", v);
    } else if (strcmp(name, "text-transform") == 0) {
        s->uppercase = strcmp(v, "uppercase") == 0;
    } else if (strcmp(name, "break-before") == 0) {
        s->break_before = strcmp(v, "page") == 0;
    }
    return ok;
}

void pd_style_apply_attrs(pd_ctx *ctx, const char *file, xmlNode *node, pd_style *s)
{
    for (xmlAttr *a = node->properties; a; a = a->next) {
        if (a->ns)
            continue;
        xmlChar *v = xmlNodeListGetString(node->doc, a->children, 1);
        if (!apply_one((const char *)a->name, v ? (const char *)v : "", s))
            bad_value(ctx, file, node, (const char *)a->name, v ? (const char *)v : "");
        xmlFree(v);
    }
}

static xmlNode *find_style(xmlNode *styles, const char *name)
{
    for (xmlNode *n = styles; n; n = n->next) {
        if (!pd_xml_is(n, PD_LAYOUT_NS, "style"))
            continue;
        xmlChar *v = xmlGetProp(n, (const xmlChar *)"name");
        bool match = v && strcmp((const char *)v, name) == 0;
        xmlFree(v);
        if (match)
            return n;
    }
    return NULL;
}

bool pd_style_apply_named(pd_ctx *ctx, const char *file, xmlNode *styles, const char *name,
                          pd_style *s)
{
    xmlNode *named = find_style(styles, name);
    if (named)
        pd_style_apply_attrs(ctx, file, named, s);
    return named != NULL;
}

/* The style an element gets without asking: h1..h6 for headings, and the element's own name
 * for the rest (code, a, b, i, p, table, ...). */
static void implicit_style_name(xmlNode *node, char *buf, size_t size)
{
    if (pd_xml_is(node, PD_LAYOUT_NS, "h")) {
        xmlChar *lv = xmlGetProp(node, (const xmlChar *)"level");
        snprintf(buf, size, "h%s", lv ? (const char *)lv : "1");
        xmlFree(lv);
    } else {
        snprintf(buf, size, "%s", (const char *)node->name);
    }
}

void pd_style_resolve(pd_ctx *ctx, const char *file, xmlNode *styles, xmlNode *node,
                      const pd_style *parent, pd_style *out)
{
    *out = *parent;
    reset_box(out);
    if (pd_xml_is(node, PD_LAYOUT_NS, "b"))
        out->font_weight = 700;
    else if (pd_xml_is(node, PD_LAYOUT_NS, "i"))
        out->italic = true;
    else if (pd_xml_is(node, PD_LAYOUT_NS, "code")) {
        snprintf(out->family, sizeof out->family, "DejaVu Sans Mono");
        out->hyphenate = false; /* code is never hyphenated */
    }
    else if (pd_xml_is(node, PD_LAYOUT_NS, "h"))
        out->keep_with_next = true;
    char implicit[32];
    implicit_style_name(node, implicit, sizeof implicit);
    xmlNode *named = find_style(styles, implicit);
    if (named)
        pd_style_apply_attrs(ctx, file, named, out);
    xmlChar *explicit_name = xmlGetProp(node, (const xmlChar *)"style");
    if (explicit_name) {
        named = find_style(styles, (const char *)explicit_name);
        if (named)
            pd_style_apply_attrs(ctx, file, named, out);
        else
            pd_diag_raise(ctx, PD_ERROR, file, (int)xmlGetLineNo(node), 0,
                          "<%s>: no style named '%s'", (const char *)node->name,
                          (const char *)explicit_name);
        xmlFree(explicit_name);
    }
    pd_style_apply_attrs(ctx, file, node, out);
}
