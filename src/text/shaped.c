/* shaped.c — the bounded cache of laid-out paragraphs (see shaped.h). */
#include "shaped.h"
#include "cache.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* Bounds: a worker's peak memory matters more than the last per cent of hits. A paragraph
 * holds about 60 bytes per byte of text in Pango (glyphs, clusters, log attributes) plus a
 * kilobyte of structure. */
enum { MAX_ENTRIES = 4096, MAX_BYTES = 6 << 20, BYTES_PER_TEXT_BYTE = 60, BYTES_PER_ENTRY = 1024 };

/* A paragraph too long for the bounds is kept in a slot of its own until the document is laid
 * out (pd_shaped_drop_long): the passes of a document with a table of contents or page
 * numbers lay out every paragraph again, and a long one is alive while its pages are placed
 * anyway. One slot: memory stays that of the longest paragraph or two. */
typedef struct {
    GHashTable *map; /* key -> pd_shaped */
    size_t bytes;
    GHashTable *measures; /* key -> double[2]: min and max width */
    size_t measure_bytes;
    char *long_key;
    pd_shaped *long_entry;
} shaped_cache;

static void free_shaped(gpointer p)
{
    pd_shaped *s = p;
    g_object_unref(s->layout);
    free(s->lines);
    free(s);
}

static void drop_long(shaped_cache *c)
{
    if (c->long_entry)
        free_shaped(c->long_entry);
    free(c->long_key);
    c->long_key = NULL;
    c->long_entry = NULL;
}

static void free_cache(void *p)
{
    shaped_cache *c = p;
    g_hash_table_destroy(c->map);
    g_hash_table_destroy(c->measures);
    drop_long(c);
    free(c);
}

static shaped_cache *cache_of(pd_ctx *ctx)
{
    shaped_cache *c = pd_cache_lookup(ctx->cache, "shaped");
    if (c)
        return c;
    c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_shaped);
    c->measures = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    return pd_cache_put(ctx->cache, "shaped", c, free_cache) ? c : NULL;
}

const pd_shaped *pd_shaped_lookup(pd_ctx *ctx, const char *key)
{
    shaped_cache *c = cache_of(ctx);
    if (!c)
        return NULL;
    if (c->long_key && strcmp(c->long_key, key) == 0)
        return c->long_entry;
    return g_hash_table_lookup(c->map, key);
}

void pd_shaped_drop_long(pd_ctx *ctx)
{
    shaped_cache *c = pd_cache_lookup(ctx->cache, "shaped");
    if (c)
        drop_long(c);
}

void pd_shaped_store(pd_ctx *ctx, const char *key, PangoLayout *layout, const pd_line *lines,
                     int nlines, double height, size_t text_bytes)
{
    shaped_cache *c = cache_of(ctx);
    if (!c)
        return;
    size_t cost = BYTES_PER_ENTRY + text_bytes * BYTES_PER_TEXT_BYTE;
    bool long_one = cost > MAX_BYTES / 8; /* rarely repeated but in the next pass */
    if (long_one)
        drop_long(c);
    else if (g_hash_table_size(c->map) >= MAX_ENTRIES || c->bytes + cost > MAX_BYTES) {
        g_hash_table_remove_all(c->map);
        c->bytes = 0;
    }
    pd_shaped *s = calloc(1, sizeof *s);
    pd_line *copy = malloc((size_t)(nlines ? nlines : 1) * sizeof *copy);
    if (!s || !copy) {
        free(s);
        free(copy);
        return;
    }
    memcpy(copy, lines, (size_t)nlines * sizeof *copy);
    *s = (pd_shaped){g_object_ref(layout), copy, nlines, height};
    if (long_one) {
        if (!(c->long_key = strdup(key)))
            free_shaped(s);
        else
            c->long_entry = s;
        return;
    }
    g_hash_table_replace(c->map, g_strdup(key), s);
    c->bytes += cost;
}

bool pd_shaped_measure_lookup(pd_ctx *ctx, const char *key, double *min_width,
                              double *max_width)
{
    shaped_cache *c = cache_of(ctx);
    const double *m = c ? g_hash_table_lookup(c->measures, key) : NULL;
    if (!m)
        return false;
    *min_width = m[0];
    *max_width = m[1];
    return true;
}

void pd_shaped_measure_store(pd_ctx *ctx, const char *key, double min_width, double max_width)
{
    shaped_cache *c = cache_of(ctx);
    if (!c)
        return;
    /* the key holds the text: bounded like the paragraphs, by count and by bytes */
    size_t cost = strlen(key) + 64;
    if (cost > MAX_BYTES / 8)
        return;
    if (g_hash_table_size(c->measures) >= MAX_ENTRIES || c->measure_bytes + cost > MAX_BYTES) {
        g_hash_table_remove_all(c->measures);
        c->measure_bytes = 0;
    }
    double *m = g_new(double, 2);
    m[0] = min_width;
    m[1] = max_width;
    g_hash_table_replace(c->measures, g_strdup(key), m);
    c->measure_bytes += cost;
}
