/* artifact.c — a page's content stream with the furniture markers made artifacts.
 * Cairo writes a structure element's marked content as a line "/Type << /MCID n >> BDC"
 * (cairo-pdf-operators.c); text, also a heading that reads "/RT << /MCID 0 >> BDC", is in
 * strings that cairo never breaks across lines, so only a whole line that starts so is a
 * marker. The sequence's EMC stays: an artifact's ends the same way. The marked content of
 * the body after a marker is numbered anew, one less for each marker before it, so that a
 * page's MCIDs stay 0, 1, 2, ... (finish.c renumbers the structure elements alike). */
#include "artifact.h"
#include "array.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static const struct {
    const char *marker, *artifact;
} kinds[] = {
    {"/" PD_ARTIFACT_BACKGROUND, "/Artifact << /Type /Background >> BDC"},
    {"/" PD_ARTIFACT_HEADER, "/Artifact << /Type /Pagination /Subtype /Header >> BDC"},
    {"/" PD_ARTIFACT_FOOTER, "/Artifact << /Type /Pagination /Subtype /Footer >> BDC"},
    {"/" PD_ARTIFACT_WATERMARK,
     "/Artifact << /Type /Pagination /Subtype /Watermark >> BDC"},
};

/* The inflated data (malloc'd), NULL when it does not inflate. */
static unsigned char *inflate_all(const unsigned char *data, size_t len, size_t *out_len)
{
    size_t cap = len * 4 + 256, n = 0;
    unsigned char *out = malloc(cap);
    z_stream z = {0};
    if (!out || inflateInit(&z) != Z_OK) {
        free(out);
        return NULL;
    }
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)len;
    int rc = Z_OK;
    while (rc == Z_OK) {
        if (n == cap) {
            unsigned char *a = pd_array_grow(out, &cap, cap + 1, 1);
            if (!a)
                break;
            out = a;
        }
        z.next_out = out + n;
        z.avail_out = (uInt)(cap - n);
        rc = inflate(&z, Z_NO_FLUSH);
        n = cap - z.avail_out;
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END || z.avail_in != 0) {
        free(out);
        return NULL;
    }
    *out_len = n;
    return out;
}

typedef struct {
    const char *name_end; /* after the tag's name */
    int mcid;
} line_mcid;

/* line (up to eol) is "/Name << /MCID n >> BDC", cairo's marked content of a structure
 * element */
static bool parse_mcid(const char *line, const char *eol, line_mcid *m)
{
    static const char mid[] = " << /MCID ", tail[] = " >> BDC";
    const char *e = line + 1;
    while (e < eol && *e != ' ')
        e++;
    size_t left = (size_t)(eol - e);
    if (e == line + 1 || left < sizeof mid - 1 + 1 + sizeof tail - 1 ||
        memcmp(e, mid, sizeof mid - 1) != 0 ||
        memcmp(eol - (sizeof tail - 1), tail, sizeof tail - 1) != 0)
        return false;
    int v = 0;
    const char *d = e + sizeof mid - 1, *dend = eol - (sizeof tail - 1);
    if (d == dend || dend - d > 9)
        return false;
    for (; d < dend; d++) {
        if (*d < '0' || *d > '9')
            return false;
        v = v * 10 + (*d - '0');
    }
    m->name_end = e;
    m->mcid = v;
    return true;
}

/* The artifact's BDC when the line starts with a marker's name ("/RT " up to name_end), else
 * NULL. */
static const char *artifact_of(const char *line, const char *name_end)
{
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        size_t n = strlen(kinds[k].marker);
        if ((size_t)(name_end - line) >= n && !memcmp(line, kinds[k].marker, n) &&
            (line + n == name_end || line[n] == ' '))
            return kinds[k].artifact;
    }
    return NULL;
}

static bool add_mcid(int **mcids, int *n, size_t *cap, int v)
{
    int *a = pd_array_grow(*mcids, cap, (size_t)*n + 1, sizeof *a);
    if (!a)
        return false;
    *mcids = a;
    a[(*n)++] = v;
    return true;
}

unsigned char *pd_artifact_rewrite(const unsigned char *data, size_t len, size_t *out_len,
                                   int **mcids, int *nmcids, bool *changed, const char **why)
{
    *changed = false;
    *why = NULL;
    *nmcids = 0;
    size_t plain_len = 0, cap_mcids = 0;
    unsigned char *plain = inflate_all(data, len, &plain_len);
    if (!plain) {
        *why = "a content stream does not inflate";
        return NULL;
    }
    pd_buf out;
    pd_buf_init(&out, (size_t)1 << 31);
    const char *p = (const char *)plain, *end = p + plain_len, *copied = p;
    int last = -1;
    for (const char *line = p; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        const char *eol = nl ? nl : end;
        line_mcid m;
        if (*line == '/' && eol - line > 3 && !memcmp(eol - 3, "BDC", 3) &&
            parse_mcid(line, eol, &m)) {
            if (m.mcid <= last) { /* cairo numbers them as it writes them */
                *why = "the marked content of a content stream is not numbered in order";
                goto fail;
            }
            last = m.mcid;
            const char *artifact = artifact_of(line, m.name_end);
            char renumbered[96];
            const char *with = NULL;
            if (artifact) {
                if (!add_mcid(mcids, nmcids, &cap_mcids, m.mcid)) {
                    *why = "out of memory";
                    goto fail;
                }
                with = artifact;
            } else if (*nmcids > 0) { /* after a marker: one less for each before it */
                snprintf(renumbered, sizeof renumbered, "%.*s << /MCID %d >> BDC",
                         (int)(m.name_end - line), line, m.mcid - *nmcids);
                with = renumbered;
            }
            if (with) {
                pd_buf_add(&out, copied, (size_t)(line - copied));
                pd_buf_adds(&out, with);
                copied = eol;
            }
        } else if (*line == '/' && artifact_of(line, eol)) {
            *why = "a furniture marker in a content stream is not written as expected";
            goto fail;
        }
        line = nl ? nl + 1 : end;
    }
    if (*nmcids == 0) {
        free(plain);
        pd_buf_free(&out);
        return NULL;
    }
    pd_buf_add(&out, copied, (size_t)(end - copied));
    if (out.failed) {
        *why = "out of memory";
        goto fail;
    }
    /* Level 3, the last of zlib's fast levels: measured with bench/perf-check, level 6
     * (cairo's) costs 1.5 % more instructions on a batch of approval sheets, for files 2 %
     * smaller; recompressing at all costs 3.5 % (most of it deflate, ~60 instructions a
     * byte), which cairo 1.16, without a switch to leave page content uncompressed, makes us
     * pay twice. */
    enum { LEVEL = 3 };
    uLongf zlen = compressBound((uLong)out.len);
    unsigned char *z = malloc(zlen);
    if (!z || compress2(z, &zlen, (const Bytef *)out.data, (uLong)out.len,
                        LEVEL) != Z_OK) {
        free(z);
        *why = "a content stream does not deflate";
        goto fail;
    }
    free(plain);
    pd_buf_free(&out);
    *out_len = zlen;
    *changed = true;
    return z;
fail:
    free(plain);
    pd_buf_free(&out);
    return NULL;
}
