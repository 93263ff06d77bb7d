/* failmalloc.c — a preloaded allocator wrapper for the out-of-memory test (tests/oom/run):
 * the Nth allocation made by phasedoc's own code (the executable: libphasedoc.a, and
 * libxml2/libxslt through its xmlMemSetup functions) fails, as curl's and Lua's test suites
 * make each allocation fail in turn. Allocations of GLib, Pango, Cairo and fontconfig are left
 * alone: GLib aborts on a failed allocation by design (g_malloc never returns NULL), so they
 * cannot be made to fail cleanly from outside.
 *   PD_FAIL_ALLOC=N    fail the Nth counted allocation (and none after it, as a real
 *                      shortage that passes would)
 *   PD_FAIL_TRACE=1    print the stack of the failed allocation on standard error
 *   PD_FAIL_REPORT=F   at exit, write "COUNT HIT" to F: allocations counted, whether the
 *                      Nth was reached */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uintptr_t lo[8], hi[8]; /* executable segments of the main program */
static int nseg = -1;
static unsigned long counter, fail_at;
static int hit;

static int first_object(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size, (void)data;
    nseg = 0;
    for (int i = 0; i < info->dlpi_phnum && nseg < 8; i++)
        if (info->dlpi_phdr[i].p_type == PT_LOAD && (info->dlpi_phdr[i].p_flags & PF_X)) {
            lo[nseg] = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
            hi[nseg] = lo[nseg] + info->dlpi_phdr[i].p_memsz;
            nseg++;
        }
    return 1; /* the first object is the program itself */
}

static int ours(void *ret)
{
    if (nseg < 0) {
        const char *e = getenv("PD_FAIL_ALLOC");
        fail_at = e ? strtoul(e, NULL, 10) : 0;
        nseg = 0;
        dl_iterate_phdr(first_object, NULL);
    }
    for (int i = 0; i < nseg; i++)
        if ((uintptr_t)ret >= lo[i] && (uintptr_t)ret < hi[i])
            return 1;
    return 0;
}

static int should_fail(void *ret)
{
    if (!ours(ret))
        return 0;
    if (++counter == fail_at) {
        hit = 1;
        if (getenv("PD_FAIL_TRACE")) { /* where: for the one who fixes it */
            void *frames[16];
            backtrace_symbols_fd(frames, backtrace(frames, 16), 2);
        }
        return 1;
    }
    return 0;
}

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

void *malloc(size_t n)
{
    return should_fail(__builtin_return_address(0)) ? NULL : __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
    return should_fail(__builtin_return_address(0)) ? NULL : __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
    return should_fail(__builtin_return_address(0)) ? NULL : __libc_realloc(p, n);
}

char *strdup(const char *s)
{
    if (should_fail(__builtin_return_address(0)))
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = __libc_malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

__attribute__((destructor)) static void report(void)
{
    const char *f = getenv("PD_FAIL_REPORT");
    FILE *fp = f ? fopen(f, "w") : NULL;
    if (fp) {
        fprintf(fp, "%lu %d\n", counter, hit);
        fclose(fp);
    }
}
