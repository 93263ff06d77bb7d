/* array.h — growing an array of any element type, overflow-checked, in one place. */
#ifndef PD_ARRAY_H
#define PD_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

/* Makes room for at least need elements of size bytes in items (capacity *cap), doubling
 * (from 8) so that n appends cost O(n). Returns the array, perhaps moved, with *cap updated;
 * NULL when memory runs out or need * size overflows — items and *cap are then unchanged and
 * still the caller's to free. Usage:
 *     T *p = pd_array_grow(a->items, &a->cap, a->n + 1, sizeof *p);
 *     if (!p) return out_of_memory;
 *     a->items = p;
 *     a->items[a->n++] = x; */
void *pd_array_grow(void *items, size_t *cap, size_t need, size_t size);

/* The same for an array held by pointer: *items is updated in place; false (and *items
 * unchanged) when memory runs out. PD_ARRAY_RESERVE(a->items, a->cap, a->n + 1) is the usual
 * call, for sites that grow several arrays in one test. */
bool pd_array_reserve(void **items, size_t *cap, size_t need, size_t size);
#define PD_ARRAY_RESERVE(items, cap, need) \
    pd_array_reserve((void **)&(items), &(cap), (size_t)(need), sizeof *(items))

#endif
