/* cache.h — what a context loads once and keeps: compiled stylesheets, schemas, fonts. */
#ifndef PD_CACHE_H
#define PD_CACHE_H

#include <stdbool.h>

typedef struct pd_cache pd_cache;
typedef void (*pd_cache_free_fn)(void *value);

pd_cache *pd_cache_new(void);
void pd_cache_free(pd_cache *cache);

/* Borrows the value stored under key, or NULL. */
void *pd_cache_lookup(pd_cache *cache, const char *key);
/* Takes ownership of value (freed with free_fn when the cache goes); false on no memory, in
 * which case value has been freed. */
bool pd_cache_put(pd_cache *cache, const char *key, void *value, pd_cache_free_fn free_fn);

#endif
