/* artifact.c — a page's content stream with the furniture markers made artifacts.
 * Cairo writes a structure element's marked content as a line "/Type << /MCID n >> BDC"
 * (cairo-pdf-operators.c); text, also a heading that reads "/RT << /MCID 0 >> BDC", is in
 * strings that cairo never breaks across lines, so only a whole line that starts so is a
 * marker. The sequence's EMC stays: an artifact's ends the same way. */
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
    {"/" PD_ARTIFACT_BACKGROUND " << /MCID ", "/Artifact << /Type /Background >> BDC"},
    {"/" PD_ARTIFACT_HEADER " << /MCID ", "/Artifact << /Type /Pagination /Subtype /Header >> BDC"},
    {"/" PD_ARTIFACT_FOOTER " << /MCID ", "/Artifact << /Type /Pagination /Subtype /Footer >> BDC"},
    {"/" PD_ARTIFACT_WATERMARK " << /MCID ",
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
    for (const char *line = p; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        const char *eol = nl ? nl : end;
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            size_t ml = strlen(kinds[k].marker);
            if ((size_t)(eol - line) <= ml || memcmp(line, kinds[k].marker, ml) != 0)
                continue;
            char tail[32];
            size_t tl = (size_t)(eol - line) - ml;
            int mcid = -1, used = 0;
            if (tl < sizeof tail) {
                memcpy(tail, line + ml, tl);
                tail[tl] = '\0';
                if (sscanf(tail, "%d >> BDC%n", &mcid, &used) != 1 || (size_t)used != tl)
                    mcid = -1;
            }
            if (mcid < 0) {
                *why = "a furniture marker in a content stream is not written as expected";
                goto fail;
            }
            if (!add_mcid(mcids, nmcids, &cap_mcids, mcid)) {
                *why = "out of memory";
                goto fail;
            }
            pd_buf_add(&out, copied, (size_t)(line - copied));
            pd_buf_adds(&out, kinds[k].artifact);
            copied = eol;
            break;
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
