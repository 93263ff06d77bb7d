/* shard.c — which shard of a batch a job belongs to: a hash of what the user wrote, so that
 * every machine of a distributed batch agrees without talking to the others. */
#include "batch.h"

#include <stdint.h>
#include <string.h>

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= FNV_PRIME;
    }
    return h;
}

unsigned long long pd_batch_hash(const char *input, const char *kind)
{
    uint64_t h = fnv1a(FNV_OFFSET, input, strlen(input) + 1); /* with its NUL: a separator */
    return fnv1a(h, kind, strlen(kind));
}
