/* fuzz_util.h — what the fuzz targets share: a private folder for the files a run reads, and
 * splitting one input into several files. Header-only: each target is one translation unit. */
#ifndef PD_FUZZ_UTIL_H
#define PD_FUZZ_UTIL_H

#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The separator between the parts of a multi-file input, on a line of its own. */
#define FUZZ_SEPARATOR "\n--8<--\n"

/* A private folder, made once per process and removed at exit. */
static char fuzz_dir[64];

static inline void fuzz_rm_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char child[PATH_MAX];
            if (snprintf(child, sizeof child, "%s/%s", path, e->d_name) >= (int)sizeof child)
                continue;
            struct stat st;
            if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
                fuzz_rm_tree(child);
            else
                unlink(child);
        }
        closedir(d);
    }
    rmdir(path);
}

static inline void fuzz_cleanup(void)
{
    if (fuzz_dir[0])
        fuzz_rm_tree(fuzz_dir);
}

static inline const char *fuzz_private_dir(void)
{
    if (!fuzz_dir[0]) {
        const char *base = getenv("TMPDIR");
        snprintf(fuzz_dir, sizeof fuzz_dir, "%.40s/pdfuzz.XXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(fuzz_dir))
            abort();
        atexit(fuzz_cleanup);
    }
    return fuzz_dir;
}

/* Writes len bytes to dir/name (creating dir/name's folders first); true on success. */
static inline bool fuzz_write(const char *name, const void *data, size_t len)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", fuzz_private_dir(), name) >= (int)sizeof path)
        return false;
    for (char *p = path + strlen(fuzz_dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = '\0';
        mkdir(path, 0700);
        *p = '/';
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

/* "dir/name" in a static buffer (one at a time). */
static inline const char *fuzz_path(const char *name)
{
    static char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", fuzz_private_dir(), name);
    return path;
}

/* Splits data at FUZZ_SEPARATOR into at most max parts; missing parts are empty. */
typedef struct {
    const uint8_t *data;
    size_t len;
} fuzz_part;

static inline void fuzz_split(const uint8_t *data, size_t size, fuzz_part *parts, int max)
{
    const size_t seplen = strlen(FUZZ_SEPARATOR);
    memset(parts, 0, (size_t)max * sizeof *parts);
    int n = 0;
    size_t start = 0;
    for (size_t i = 0; i + seplen <= size && n < max - 1; i++) {
        if (memcmp(data + i, FUZZ_SEPARATOR, seplen) == 0) {
            parts[n++] = (fuzz_part){data + start, i - start};
            start = i + seplen;
            i = start - 1;
        }
    }
    parts[n] = (fuzz_part){data + start, size - start};
}

#endif
