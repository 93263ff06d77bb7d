/* obj.c — PDF objects: a small recursive-descent reader (ISO 32000-1, 7.3) and a writer. */
#include "obj.h"
#include "array.h"
#include "pdfstr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = 64 };

static bool is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static bool is_delim(char c) { return c && strchr("()<>[]{}/%", c) != NULL; }

const char *pd_pdf_skip_space(const char *p, const char *end)
{
    while (p < end) {
        if (is_space(*p))
            p++;
        else if (*p == '%')
            while (p < end && *p != '\n' && *p != '\r')
                p++;
        else
            break;
    }
    return p;
}

pd_obj *pd_obj_new(pd_obj_type type)
{
    pd_obj *o = calloc(1, sizeof *o);
    if (o)
        o->type = type;
    return o;
}

void pd_obj_free(pd_obj *o)
{
    if (!o)
        return;
    free(o->text);
    for (int i = 0; i < o->count; i++) {
        if (o->keys)
            free(o->keys[i]);
        pd_obj_free(o->items[i]);
    }
    free(o->keys);
    free(o->items);
    free(o);
}

static pd_obj *with_text(pd_obj_type type, const char *s, size_t len)
{
    pd_obj *o = pd_obj_new(type);
    if (!o)
        return NULL;
    o->text = malloc(len + 1);
    if (!o->text) {
        free(o);
        return NULL;
    }
    memcpy(o->text, s, len);
    o->text[len] = '\0';
    o->len = len;
    return o;
}

pd_obj *pd_obj_int(long long v)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%lld", v);
    return with_text(PD_OBJ_NUM, buf, (size_t)n);
}

pd_obj *pd_obj_ref(long num, int gen)
{
    pd_obj *o = pd_obj_new(PD_OBJ_REF);
    if (o)
        o->num = num, o->gen = gen;
    return o;
}

pd_obj *pd_obj_name(const char *name) { return with_text(PD_OBJ_NAME, name, strlen(name)); }

pd_obj *pd_obj_str(const char *bytes, size_t len) { return with_text(PD_OBJ_STR, bytes, len); }

static bool add_item(pd_obj *o, char *key, pd_obj *item)
{
    if (!item) {
        free(key);
        return false;
    }
    /* a dictionary's keys grow with its items: same capacity before and same need */
    size_t need = (size_t)o->count + 1, cap_keys = o->cap;
    pd_obj **items = pd_array_grow(o->items, &o->cap, need, sizeof *items);
    if (items)
        o->items = items;
    char **keys = o->type == PD_OBJ_DICT && items
                      ? pd_array_grow(o->keys, &cap_keys, need, sizeof *keys)
                      : o->keys;
    if (!items || (o->type == PD_OBJ_DICT && !keys)) {
        free(key);
        pd_obj_free(item);
        return false;
    }
    o->keys = keys;
    if (o->type == PD_OBJ_DICT)
        o->keys[o->count] = key;
    o->items[o->count++] = item;
    return true;
}

bool pd_array_add(pd_obj *array, pd_obj *item) { return add_item(array, NULL, item); }

pd_obj *pd_dict_get(const pd_obj *dict, const char *key)
{
    if (!dict || dict->type != PD_OBJ_DICT)
        return NULL;
    for (int i = 0; i < dict->count; i++)
        if (strcmp(dict->keys[i], key) == 0)
            return dict->items[i];
    return NULL;
}

bool pd_dict_set(pd_obj *dict, const char *key, pd_obj *value)
{
    if (!value)
        return false;
    for (int i = 0; i < dict->count; i++)
        if (strcmp(dict->keys[i], key) == 0) {
            pd_obj_free(dict->items[i]);
            dict->items[i] = value;
            return true;
        }
    char *k = pd_strdup(key);
    if (!k) {
        pd_obj_free(value);
        return false;
    }
    return add_item(dict, k, value);
}

long long pd_obj_integer(const pd_obj *o)
{
    return o && o->type == PD_OBJ_NUM ? strtoll(o->text, NULL, 10) : 0;
}

bool pd_obj_is_name(const pd_obj *o, const char *name)
{
    return o && o->type == PD_OBJ_NAME && strcmp(o->text, name) == 0;
}

pd_obj *pd_obj_clone(const pd_obj *o)
{
    if (!o)
        return NULL;
    pd_obj *c = o->text ? with_text(o->type, o->text, o->len) : pd_obj_new(o->type);
    if (!c)
        return NULL;
    c->boolean = o->boolean, c->hex = o->hex, c->num = o->num, c->gen = o->gen;
    for (int i = 0; i < o->count; i++) {
        char *key = o->keys ? pd_strdup(o->keys[i]) : NULL;
        if ((o->keys && !key) || !add_item(c, key, pd_obj_clone(o->items[i]))) {
            pd_obj_free(c);
            return NULL;
        }
    }
    return c;
}

/* ---- reading ---- */

static int hexval(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

static pd_obj *parse_literal(const char **pp, const char *end)
{
    const char *p = *pp + 1;
    pd_buf b;
    pd_buf_init(&b, (size_t)1 << 26);
    int depth = 1;
    while (p < end) {
        char c = *p++;
        if (c == '(')
            depth++;
        else if (c == ')' && --depth == 0)
            break;
        else if (c == '\\' && p < end) {
            c = *p++;
            switch (c) {
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case '\r':
                if (p < end && *p == '\n')
                    p++;
                continue;
            case '\n': continue;
            default:
                if (c >= '0' && c <= '7') {
                    int v = c - '0';
                    for (int k = 0; k < 2 && p < end && *p >= '0' && *p <= '7'; k++)
                        v = v * 8 + (*p++ - '0');
                    c = (char)v;
                }
            }
        }
        pd_buf_add(&b, &c, 1);
    }
    if (depth != 0 || b.failed) {
        pd_buf_free(&b);
        return NULL;
    }
    pd_obj *o = pd_obj_str(b.data ? b.data : "", b.len);
    pd_buf_free(&b);
    *pp = p;
    return o;
}

static pd_obj *parse_hex(const char **pp, const char *end)
{
    const char *p = *pp + 1;
    pd_buf b;
    pd_buf_init(&b, (size_t)1 << 26);
    int hi = -1;
    for (; p < end && *p != '>'; p++) {
        if (is_space(*p))
            continue;
        int v = hexval(*p);
        if (v < 0) {
            pd_buf_free(&b);
            return NULL;
        }
        if (hi < 0)
            hi = v;
        else {
            char c = (char)(hi * 16 + v);
            pd_buf_add(&b, &c, 1);
            hi = -1;
        }
    }
    if (p >= end || b.failed) {
        pd_buf_free(&b);
        return NULL;
    }
    if (hi >= 0) {
        char c = (char)(hi * 16);
        pd_buf_add(&b, &c, 1);
    }
    pd_obj *o = pd_obj_str(b.data ? b.data : "", b.len);
    if (o)
        o->hex = true;
    pd_buf_free(&b);
    *pp = p + 1;
    return o;
}

static pd_obj *parse_name(const char **pp, const char *end)
{
    const char *p = *pp + 1;
    pd_buf b;
    pd_buf_init(&b, 4096);
    while (p < end && !is_space(*p) && !is_delim(*p)) {
        char c = *p++;
        if (c == '#' && end - p >= 2 && hexval(p[0]) >= 0 && hexval(p[1]) >= 0) {
            c = (char)(hexval(p[0]) * 16 + hexval(p[1]));
            p += 2;
        }
        pd_buf_add(&b, &c, 1);
    }
    if (b.failed)
        return NULL;
    pd_obj *o = pd_obj_name(b.data ? b.data : "");
    pd_buf_free(&b);
    *pp = p;
    return o;
}

static pd_obj *parse(const char **pp, const char *end, int depth);

static pd_obj *parse_container(const char **pp, const char *end, int depth, bool dict)
{
    pd_obj *o = pd_obj_new(dict ? PD_OBJ_DICT : PD_OBJ_ARRAY);
    const char *p = *pp + (dict ? 2 : 1);
    while (o) {
        p = pd_pdf_skip_space(p, end);
        if (p >= end)
            break;
        if (dict ? (end - p >= 2 && p[0] == '>' && p[1] == '>') : *p == ']') {
            *pp = p + (dict ? 2 : 1);
            return o;
        }
        char *key = NULL;
        if (dict) {
            if (*p != '/')
                break;
            pd_obj *k = parse_name(&p, end);
            if (!k)
                break;
            key = k->text;
            k->text = NULL;
            pd_obj_free(k);
        }
        pd_obj *item = parse(&p, end, depth + 1);
        if (!add_item(o, key, item))
            break;
    }
    pd_obj_free(o);
    return NULL;
}

/* A number, or "num gen R". */
static pd_obj *parse_number(const char **pp, const char *end)
{
    const char *p = *pp, *s = p;
    if (p < end && (*p == '+' || *p == '-'))
        p++;
    while (p < end && ((*p >= '0' && *p <= '9') || *p == '.'))
        p++;
    if (p == s)
        return NULL;
    /* an indirect reference: two unsigned integers and R */
    const char *q = pd_pdf_skip_space(p, end), *g = q;
    while (q < end && *q >= '0' && *q <= '9')
        q++;
    if (q > g && s[0] >= '0' && s[0] <= '9' && !memchr(s, '.', (size_t)(p - s))) {
        const char *r = pd_pdf_skip_space(q, end);
        if (r < end && *r == 'R' && (r + 1 == end || is_space(r[1]) || is_delim(r[1]))) {
            *pp = r + 1;
            return pd_obj_ref(strtol(s, NULL, 10), (int)strtol(g, NULL, 10));
        }
    }
    *pp = p;
    return with_text(PD_OBJ_NUM, s, (size_t)(p - s));
}

static bool keyword(const char *p, const char *end, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(end - p) >= n && memcmp(p, word, n) == 0 &&
           ((size_t)(end - p) == n || is_space(p[n]) || is_delim(p[n]));
}

static pd_obj *parse(const char **pp, const char *end, int depth)
{
    if (depth > MAX_DEPTH)
        return NULL;
    const char *p = pd_pdf_skip_space(*pp, end);
    *pp = p;
    if (p >= end)
        return NULL;
    switch (*p) {
    case '/': return parse_name(pp, end);
    case '(': return parse_literal(pp, end);
    case '[': return parse_container(pp, end, depth, false);
    case '<':
        return end - p >= 2 && p[1] == '<' ? parse_container(pp, end, depth, true)
                                           : parse_hex(pp, end);
    default: break;
    }
    if (keyword(p, end, "true") || keyword(p, end, "false")) {
        pd_obj *o = pd_obj_new(PD_OBJ_BOOL);
        if (o)
            o->boolean = *p == 't';
        *pp = p + (*p == 't' ? 4 : 5);
        return o;
    }
    if (keyword(p, end, "null")) {
        *pp = p + 4;
        return pd_obj_new(PD_OBJ_NULL);
    }
    return parse_number(pp, end);
}

pd_obj *pd_obj_parse(const char **p, const char *end) { return parse(p, end, 0); }

/* ---- writing ---- */

static void write_string(pd_buf *b, const pd_obj *o)
{
    if (o->hex) {
        char *hex = malloc(o->len * 2 + 1);
        if (!hex) {
            pd_buf_add(b, NULL, (size_t)-1); /* fails the buffer */
            return;
        }
        pd_hex((const unsigned char *)o->text, o->len, hex);
        pd_buf_adds(b, "<");
        pd_buf_adds(b, hex);
        pd_buf_adds(b, ">");
        free(hex);
        return;
    }
    pd_buf_adds(b, "(");
    for (size_t i = 0; i < o->len; i++) {
        unsigned char c = (unsigned char)o->text[i];
        char esc[8];
        if (c == '(' || c == ')' || c == '\\') {
            esc[0] = '\\', esc[1] = (char)c;
            pd_buf_add(b, esc, 2);
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(esc, sizeof esc, "\\%03o", c);
            pd_buf_adds(b, esc);
        } else
            pd_buf_add(b, &o->text[i], 1);
    }
    pd_buf_adds(b, ")");
}

void pd_obj_write(pd_buf *b, const pd_obj *o)
{
    char tmp[48];
    switch (o->type) {
    case PD_OBJ_NULL: pd_buf_adds(b, "null"); break;
    case PD_OBJ_BOOL: pd_buf_adds(b, o->boolean ? "true" : "false"); break;
    case PD_OBJ_NUM: pd_buf_adds(b, o->text); break;
    case PD_OBJ_STR: write_string(b, o); break;
    case PD_OBJ_NAME: pd_pdf_name(b, o->text); break;
    case PD_OBJ_REF:
        snprintf(tmp, sizeof tmp, "%ld %d R", o->num, o->gen);
        pd_buf_adds(b, tmp);
        break;
    case PD_OBJ_ARRAY:
        pd_buf_adds(b, "[");
        for (int i = 0; i < o->count; i++) {
            pd_buf_adds(b, " ");
            pd_obj_write(b, o->items[i]);
        }
        pd_buf_adds(b, " ]");
        break;
    case PD_OBJ_DICT:
        pd_buf_adds(b, "<<");
        for (int i = 0; i < o->count; i++) {
            pd_buf_adds(b, " ");
            pd_pdf_name(b, o->keys[i]);
            pd_buf_adds(b, " ");
            pd_obj_write(b, o->items[i]);
        }
        pd_buf_adds(b, " >>");
        break;
    }
}
