/* util.h — small string and number helpers shared by every module. */
#ifndef PD_UTIL_H
#define PD_UTIL_H

#include <stdbool.h>
#include <stddef.h>

char *pd_strdup(const char *s);
char *pd_strndup(const char *s, size_t n);
char *pd_strcat3(const char *a, const char *b, const char *c);
bool pd_streq(const char *a, const char *b); /* NULL-safe */
bool pd_has_suffix(const char *s, const char *suffix);
/* Frees a NULL-terminated array of strings and the array; NULL is fine. */
void pd_strv_free(char **v);

/* Memory ran out somewhere in this call (process-wide, set by every allocation helper and
 * by libxml2's and libxslt's allocator): the call then fails with exit 3 and "out of
 * memory", even where the failure was absorbed on the way (a schema or stylesheet that
 * silently lost a part) — nothing made under a failed allocation is trusted. */
void pd_oom_note(void);
bool pd_oom_seen(void);
void pd_oom_reset(void);

/* The exit status an errno value stands for when reading an input fails: a fault of the
 * machine (too many open files, out of memory, an I/O error, a full disk) is PD_ERR_SYSTEM
 * (3), anything else (no such file, permission) PD_ERR_INPUT (1). As an int: util.h does not
 * know pd_status. */
int pd_errno_status(int err);

/* A growable byte buffer with a size cap; on failure it frees itself and stays failed. */
typedef struct {
    char *data;
    size_t len, cap, max;
    bool failed;
} pd_buf;

void pd_buf_init(pd_buf *b, size_t max);
bool pd_buf_add(pd_buf *b, const void *data, size_t len);
bool pd_buf_adds(pd_buf *b, const char *s);
void pd_buf_free(pd_buf *b);

#endif
