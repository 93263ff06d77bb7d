/* image.c — PNG loading with the header read first, so a lying size cannot exhaust memory. */
#include "image.h"
#include "path.h"
#include "cache.h"
#include "util.h"
#include "xml.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct image {
    char *path;
    pd_image img;
    struct image *next;
} image;

struct pd_images {
    image *head;
};

static void images_free(void *p)
{
    pd_images *c = p;
    for (image *i = c->head, *next; i; i = next) {
        next = i->next;
        pd_picture_free(i->img.picture);
        free(i->path);
        free(i);
    }
    free(c);
}

pd_images *pd_images_of(pd_ctx *ctx)
{
    pd_images *c = pd_cache_lookup(ctx->cache, "images");
    if (c)
        return c;
    c = calloc(1, sizeof *c);
    return c && pd_cache_put(ctx->cache, "images", c, images_free) ? c : NULL;
}

static bool inside(const char *real, const char *dir) { return pd_path_inside_dir(real, dir); }

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static pd_picture *decode(pd_ctx *ctx, const char *file, int line, const char *path,
                               const unsigned char *data, size_t len)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (len < 33 || memcmp(data, sig, 8) != 0 || memcmp(data + 12, "IHDR", 4) != 0) {
        pd_diag_raise(ctx, PD_ERROR, file, line, 0, "image %s is not a PNG file", path);
        return NULL;
    }
    uint32_t w = be32(data + 16), h = be32(data + 20);
    if (w == 0 || h == 0 || w > PD_IMAGE_MAX_SIDE || h > PD_IMAGE_MAX_SIDE ||
        (uint64_t)w * h > PD_IMAGE_MAX_PIXELS) {
        pd_diag_raise(ctx, PD_ERROR, file, line, 0,
                      "image %s is %ux%u pixels, more than the limit of %d per side and %u in "
                      "all", path, w, h, PD_IMAGE_MAX_SIDE, PD_IMAGE_MAX_PIXELS);
        return NULL;
    }
    char why[200];
    pd_picture *pic = pd_picture_png(data, len, why, sizeof why);
    if (!pic)
        pd_diag_raise(ctx, PD_ERROR, file, line, 0, "image %s cannot be decoded: %s", path, why);
    return pic;
}

/* ---- how big an SVG is once its references are followed ----
 * <use> copies an element, and a pattern, marker, mask, clip path or filter is drawn wherever
 * url(#id) names it: twenty levels of two <use> each make a million elements out of sixty.
 * librsvg stops at half a million references, but that still took seconds for every page on
 * which the image appears (a brand logo is on all of them). So the document is walked first
 * with references followed, memoised per element, and refused past PD_SVG_MAX_ELEMENTS. */
enum { PD_SVG_MAX_ELEMENTS = 50000 };

typedef struct {
    xmlNode **byid; /* elements with an id, sorted by it */
    size_t n;
} svg_ids;

static const char *svg_id(const xmlNode *n)
{
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, "id") == 0 && a->children && a->children->content)
            return (const char *)a->children->content;
    return NULL;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(svg_id(*(xmlNode *const *)a), svg_id(*(xmlNode *const *)b));
}

static void svg_collect(xmlNode *n, svg_ids *ids, size_t cap)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (svg_id(n) && ids->n < cap)
            ids->byid[ids->n++] = n;
        svg_collect(n->children, ids, cap);
    }
}

static xmlNode *svg_lookup(const svg_ids *ids, const char *ref, size_t len)
{
    size_t lo = 0, hi = ids->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *id = svg_id(ids->byid[mid]);
        int c = strncmp(id, ref, len);
        if (c == 0 && id[len] != '\0')
            c = 1; /* ref is a prefix of id: id sorts after it */
        if (c == 0)
            return ids->byid[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

#define SVG_BUSY ((void *)-1) /* on the path being walked: a reference back to it is a loop */
enum { SVG_MAX_DEPTH = 1000 }; /* references followed within references: bounds the stack */

static long svg_size(xmlNode *n, const svg_ids *ids, int depth);

/* Adds the size of what "#id", or each url(#id) in value, names. */
static long svg_refs(const char *v, bool href, const svg_ids *ids, int depth, long total)
{
    while (v && total <= PD_SVG_MAX_ELEMENTS) {
        const char *ref = NULL;
        if (href) {
            ref = v[0] == '#' ? v + 1 : NULL;
            v = NULL;
        } else if ((v = strstr(v, "url(")) != NULL) {
            v += 4;
            while (*v == ' ' || *v == '\'' || *v == '"')
                v++;
            ref = *v == '#' ? v + 1 : NULL;
        }
        if (!ref)
            continue;
        size_t len = strcspn(ref, " )'\"");
        xmlNode *target = svg_lookup(ids, ref, len);
        if (target)
            total += svg_size(target, ids, depth + 1);
    }
    return total;
}

static long svg_size(xmlNode *n, const svg_ids *ids, int depth)
{
    if (n->_private == SVG_BUSY || depth > SVG_MAX_DEPTH)
        return PD_SVG_MAX_ELEMENTS + 1; /* refused as a loop, as librsvg would */
    if (n->_private)
        return (long)(intptr_t)n->_private - 1;
    n->_private = SVG_BUSY;
    long total = 1;
    for (xmlAttr *a = n->properties; a && total <= PD_SVG_MAX_ELEMENTS; a = a->next) {
        const char *v = a->children ? (const char *)a->children->content : NULL;
        total = svg_refs(v, strcmp((const char *)a->name, "href") == 0, ids, depth, total);
    }
    for (xmlNode *c = n->children; c && total <= PD_SVG_MAX_ELEMENTS; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            total += svg_size(c, ids, depth + 1);
    if (total > PD_SVG_MAX_ELEMENTS)
        total = PD_SVG_MAX_ELEMENTS + 1;
    n->_private = (void *)(intptr_t)(total + 1);
    return total;
}

/* The elements of the SVG with every reference followed, or -1 when it is not well-formed
 * (librsvg then says why). Parsed with the process's refusing entity loader: internal
 * entities are expanded as librsvg would, nothing external is read. */
static long svg_expanded_size(const unsigned char *data, size_t len)
{
    if (len > INT_MAX)
        return -1;
    xmlDocPtr doc = xmlReadMemory((const char *)data, (int)len, "image.svg", NULL,
                                  XML_PARSE_NOENT | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                      XML_PARSE_NOWARNING | XML_PARSE_NOXINCNODE);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        xmlFreeDoc(doc);
        return -1;
    }
    /* at most as many ids as bytes, and the walk visits each element once */
    svg_ids ids = {calloc(len / 4 + 1, sizeof *ids.byid), 0};
    long size = -1;
    if (ids.byid) {
        svg_collect(root, &ids, len / 4 + 1);
        qsort(ids.byid, ids.n, sizeof *ids.byid, by_id);
        size = svg_size(root, &ids, 0);
    }
    free(ids.byid);
    xmlFreeDoc(doc);
    return size;
}

/* An SVG from memory with no base URI: references to files or the network cannot load
 * (only data: URLs), and librsvg's default limits stay on. */
static pd_picture *decode_svg(pd_ctx *ctx, const char *file, int line, const char *path,
                              const unsigned char *data, size_t len)
{
    if (svg_expanded_size(data, len) > PD_SVG_MAX_ELEMENTS) {
        pd_diag_raise(ctx, PD_ERROR, file, line, 0,
                      "image %s has more than %d elements once its <use> and url(#...) "
                      "references are followed (nested exponentially, or a loop)", path,
                      PD_SVG_MAX_ELEMENTS);
        return NULL;
    }
    char why[300];
    pd_picture *pic = pd_picture_svg(data, len, why, sizeof why);
    if (!pic)
        pd_diag_raise(ctx, PD_ERROR, file, line, 0, "image %s %s", path, why);
    return pic;
}

const pd_image *pd_image_load(pd_ctx *ctx, pd_images *cache, const char *const *dirs,
                              const char *file, int line, const char *src)
{
    char real[PATH_MAX];
    if (!src || !*src || !realpath(src, real)) {
        pd_diag_raise(ctx, PD_ERROR, file, line, 0, "image '%s' not found", src ? src : "");
        return NULL;
    }
    bool allowed = false;
    for (const char *const *d = dirs; d && *d && !allowed; d++)
        allowed = inside(real, *d);
    if (!allowed) {
        pd_diag_raise(ctx, PD_ERROR, file, line, 0,
                      "image '%s' lies outside the folders images may come from", src);
        return NULL;
    }
    for (image *i = cache->head; i; i = i->next)
        if (strcmp(i->path, real) == 0)
            return &i->img;
    char *data;
    size_t len;
    if (pd_file_read(ctx, real, PD_IMAGE_MAX_BYTES, &data, &len) != PD_OK)
        return NULL;
    pd_image img = {0};
    img.svg = pd_has_suffix(real, ".svg");
    img.picture = img.svg ? decode_svg(ctx, file, line, src, (const unsigned char *)data, len)
                          : decode(ctx, file, line, src, (const unsigned char *)data, len);
    free(data);
    if (!img.picture)
        return NULL;
    img.width = pd_picture_width(img.picture);
    img.height = pd_picture_height(img.picture);
    image *i = calloc(1, sizeof *i);
    if (!i || !(i->path = pd_strdup(real))) {
        free(i);
        pd_picture_free(img.picture);
        pd_error(ctx, "out of memory");
        return NULL;
    }
    i->img = img;
    i->next = cache->head;
    cache->head = i;
    return &i->img;
}
