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

typedef struct {
    GHashTable *map; /* key -> pd_shaped */
    size_t bytes;
} shaped_cache;

static void free_shaped(gpointer p)
{
    pd_shaped *s = p;
    g_object_unref(s->layout);
    free(s->lines);
    free(s);
}

static void free_cache(void *p)
{
    shaped_cache *c = p;
    g_hash_table_destroy(c->map);
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
    return pd_cache_put(ctx->cache, "shaped", c, free_cache) ? c : NULL;
}

const pd_shaped *pd_shaped_lookup(pd_ctx *ctx, const char *key)
{
    shaped_cache *c = cache_of(ctx);
    return c ? g_hash_table_lookup(c->map, key) : NULL;
}

void pd_shaped_store(pd_ctx *ctx, const char *key, PangoLayout *layout, const pd_line *lines,
                     int nlines, double height, size_t text_bytes)
{
    shaped_cache *c = cache_of(ctx);
    size_t cost = BYTES_PER_ENTRY + text_bytes * BYTES_PER_TEXT_BYTE;
    if (!c || cost > MAX_BYTES / 8) /* a long paragraph is rarely repeated */
        return;
    if (g_hash_table_size(c->map) >= MAX_ENTRIES || c->bytes + cost > MAX_BYTES) {
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
    g_hash_table_replace(c->map, g_strdup(key), s);
    c->bytes += cost;
}
