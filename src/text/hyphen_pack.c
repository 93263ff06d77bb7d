/* hyphen_pack.c — reading and writing built hyphenation automata (see hyphen_pack.h). The
 * format is native-endian: it is made and read on the same machine, by the build, and is
 * trusted like the program. Still, every count and state number read is checked against the
 * file, so that a truncated or stale file is refused rather than followed. */
#include "hyphen_pack.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char MAGIC[8] = "PDHYPH1";

typedef struct {
    int64_t source_size, source_mtime;
    int32_t levels, int_size;
} header;

/* ---- writing ---------------------------------------------------------------------------- */

static bool put(FILE *out, const void *p, size_t n) { return fwrite(p, 1, n, out) == n; }

static bool put_i32(FILE *out, int32_t v) { return put(out, &v, sizeof v); }

static bool put_str(FILE *out, const char *s)
{
    int32_t n = s ? (int32_t)strlen(s) : -1;
    return put_i32(out, n) && (n <= 0 || put(out, s, (size_t)n));
}

/* libhyphen keeps NOHYPHEN's list as nohyphenl + 1 strings one after the other. */
static int32_t nohyphen_bytes(const HyphenDict *d)
{
    if (!d->nohyphen)
        return -1;
    size_t n = 0;
    for (int i = 0; i <= d->nohyphenl; i++)
        n += strlen(d->nohyphen + n) + 1;
    return (int32_t)n;
}

static bool put_level(FILE *out, const HyphenDict *d)
{
    char mins[4] = {d->lhmin, d->rhmin, d->clhmin, d->crhmin};
    int32_t nh = nohyphen_bytes(d);
    bool ok = put(out, mins, 4) && put_i32(out, d->utf8) && put(out, d->cset, MAX_NAME) &&
              put_i32(out, d->nohyphenl) && put_i32(out, nh) &&
              (nh < 0 || put(out, d->nohyphen, (size_t)nh)) && put_i32(out, d->num_states);
    for (int i = 0; ok && i < d->num_states; i++) {
        const HyphenState *s = &d->states[i];
        ok = put_str(out, s->match) && put_str(out, s->repl) && put(out, &s->replindex, 1) &&
             put(out, &s->replcut, 1) && put_i32(out, s->fallback_state) &&
             put_i32(out, s->num_trans);
        for (int t = 0; ok && t < s->num_trans; t++)
            ok = put(out, &s->trans[t].ch, 1) && put_i32(out, s->trans[t].new_state);
    }
    return ok;
}

bool pd_hyphen_pack_write(const HyphenDict *dict, const char *source, FILE *out)
{
    struct stat st;
    if (!dict || stat(source, &st) != 0)
        return false;
    header h = {st.st_size, st.st_mtime, 0, (int32_t)sizeof(int)};
    for (const HyphenDict *d = dict; d; d = d->nextlevel)
        h.levels++;
    bool ok = put(out, MAGIC, sizeof MAGIC) && put(out, &h, sizeof h);
    for (const HyphenDict *d = dict; ok && d; d = d->nextlevel)
        ok = put_level(out, d);
    return ok && fflush(out) == 0;
}

/* ---- reading ---------------------------------------------------------------------------- */

typedef struct {
    const unsigned char *p, *end;
    bool bad;
} reader;

static bool get(reader *r, void *dst, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n)
        return !(r->bad = true);
    memcpy(dst, r->p, n);
    r->p += n;
    return true;
}

static int32_t get_i32(reader *r)
{
    int32_t v = 0;
    get(r, &v, sizeof v);
    return v;
}

/* calloc that says so when memory runs out: a pack not read for want of memory must fail the
 * render (pd_oom_note), not pass for a damaged one that libhyphen's own loader replaces. */
static void *zalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (!p)
        pd_oom_note();
    return p;
}

/* A string of its own (hnj_hyphen_free frees it), or NULL for length -1. */
static char *get_str(reader *r)
{
    int32_t n = get_i32(r);
    if (r->bad || n < 0 || (size_t)(r->end - r->p) < (size_t)n) {
        r->bad = r->bad || n != -1;
        return NULL;
    }
    char *s = zalloc((size_t)n + 1, 1);
    if (!s || !get(r, s, (size_t)n)) {
        r->bad = true;
        free(s);
        return NULL;
    }
    s[n] = '\0';
    return s;
}

static HyphenDict *get_level(reader *r)
{
    HyphenDict *d = zalloc(1, sizeof *d);
    char mins[4];
    if (!d || !get(r, mins, 4)) {
        free(d);
        r->bad = true;
        return NULL;
    }
    d->lhmin = mins[0], d->rhmin = mins[1], d->clhmin = mins[2], d->crhmin = mins[3];
    d->utf8 = get_i32(r);
    get(r, d->cset, MAX_NAME);
    d->cset[MAX_NAME - 1] = '\0';
    d->nohyphenl = get_i32(r);
    int32_t nh = get_i32(r);
    if (!r->bad && nh > 0 && (size_t)nh <= (size_t)(r->end - r->p) && d->nohyphenl >= 0 &&
        (d->nohyphen = zalloc((size_t)nh, 1))) {
        get(r, d->nohyphen, (size_t)nh);
        int strings = 0; /* exactly nohyphenl + 1 strings, the last one ending the bytes */
        for (int32_t i = 0; i < nh; i++)
            strings += d->nohyphen[i] == '\0';
        if (strings != d->nohyphenl + 1 || d->nohyphen[nh - 1] != '\0')
            r->bad = true;
    } else if (nh != -1) {
        r->bad = true;
    }
    int32_t n = get_i32(r);
    /* each state takes at least 14 bytes of the file: a count past that is damage */
    if (r->bad || n < 1 || (size_t)n > (size_t)(r->end - r->p) / 14 ||
        !(d->states = zalloc((size_t)n, sizeof *d->states))) {
        r->bad = true;
        free(d->nohyphen);
        free(d);
        return NULL;
    }
    d->num_states = n;
    for (int i = 0; i < n && !r->bad; i++) {
        HyphenState *s = &d->states[i];
        s->match = get_str(r);
        s->repl = get_str(r);
        get(r, &s->replindex, 1);
        get(r, &s->replcut, 1);
        s->fallback_state = get_i32(r);
        int32_t nt = get_i32(r);
        if (s->fallback_state < -1 || s->fallback_state >= n || nt < 0 ||
            (size_t)nt > (size_t)(r->end - r->p) / 5) {
            r->bad = true;
            break;
        }
        s->num_trans = nt;
        s->trans = nt ? zalloc((size_t)nt, sizeof *s->trans) : NULL;
        if (nt && !s->trans) {
            s->num_trans = 0;
            r->bad = true;
        }
        for (int t = 0; t < s->num_trans && !r->bad; t++) {
            get(r, &s->trans[t].ch, 1);
            s->trans[t].new_state = get_i32(r);
            if (s->trans[t].new_state < 0 || s->trans[t].new_state >= n)
                r->bad = true;
        }
    }
    return d;
}

HyphenDict *pd_hyphen_pack_read(const char *path, const char *source)
{
    struct stat src;
    FILE *f = stat(source, &src) == 0 ? fopen(path, "rb") : NULL;
    if (!f)
        return NULL;
    struct stat st;
    unsigned char *data = NULL;
    size_t len = 0;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        st.st_size < (64 << 20) && (data = zalloc((size_t)st.st_size, 1)))
        len = fread(data, 1, (size_t)st.st_size, f);
    fclose(f);
    reader r = {data, data + len, !data || len != (size_t)st.st_size};
    char magic[sizeof MAGIC];
    header h;
    if (!get(&r, magic, sizeof magic) || memcmp(magic, MAGIC, sizeof MAGIC) != 0 ||
        !get(&r, &h, sizeof h) || h.int_size != (int32_t)sizeof(int) ||
        h.source_size != (int64_t)src.st_size || h.source_mtime != (int64_t)src.st_mtime ||
        h.levels < 1 || h.levels > 4)
        r.bad = true;
    HyphenDict *first = NULL, **next = &first;
    for (int i = 0; !r.bad && i < h.levels; i++) {
        *next = get_level(&r);
        if (*next)
            next = &(*next)->nextlevel;
    }
    if (r.p != r.end)
        r.bad = true;
    free(data);
    if (r.bad && first) {
        hnj_hyphen_free(first);
        first = NULL;
    }
    return first;
}
