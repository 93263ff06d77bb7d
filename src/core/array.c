/* array.c — pd_array_grow. */
#include "array.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>

void *pd_array_grow(void *items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap && (items || need == 0))
        return items;
    if (size == 0 || need > SIZE_MAX / size)
        return NULL;
    size_t n = *cap ? *cap : 8;
    while (n < need)
        n = n > SIZE_MAX / 2 ? need : n * 2;
    if (n > SIZE_MAX / size)
        n = need;
    void *p = realloc(items, n * size);
    if (!p) {
        pd_oom_note();
        return NULL;
    }
    *cap = n;
    return p;
}

bool pd_array_reserve(void **items, size_t *cap, size_t need, size_t size)
{
    if (need == 0)
        return true; /* (pd_array_grow's NULL for an empty array is not a failure here) */
    void *p = pd_array_grow(*items, cap, need, size);
    if (p)
        *items = p;
    return p != NULL;
}
