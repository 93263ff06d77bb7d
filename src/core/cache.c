/* cache.c — a small keyed store; a context holds a handful of entries, so a list suffices. */
#include "cache.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

typedef struct entry {
    char *key;
    void *value;
    pd_cache_free_fn free_fn;
    struct entry *next;
} entry;

struct pd_cache {
    entry *head;
};

pd_cache *pd_cache_new(void) { return calloc(1, sizeof(pd_cache)); }

void pd_cache_free(pd_cache *cache)
{
    if (!cache)
        return;
    /* Entries go in reverse order of insertion: later ones may use earlier ones. */
    for (entry *e = cache->head, *next; e; e = next) {
        next = e->next;
        if (e->free_fn)
            e->free_fn(e->value);
        free(e->key);
        free(e);
    }
    free(cache);
}

void *pd_cache_lookup(pd_cache *cache, const char *key)
{
    for (entry *e = cache->head; e; e = e->next)
        if (strcmp(e->key, key) == 0)
            return e->value;
    return NULL;
}

bool pd_cache_put(pd_cache *cache, const char *key, void *value, pd_cache_free_fn free_fn)
{
    entry *e = calloc(1, sizeof *e);
    if (e)
        e->key = pd_strdup(key);
    if (!e || !e->key) {
        free(e);
        if (free_fn)
            free_fn(value);
        return false;
    }
    e->value = value;
    e->free_fn = free_fn;
    e->next = cache->head;
    cache->head = e;
    return true;
}
