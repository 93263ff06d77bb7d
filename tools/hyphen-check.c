/* hyphen-check — measures hyphenation against word lists with their correct break points.
 *   hyphen-check [-p] [-v] LANG LIST...
 * A list has one word a line with '-' at every acceptable break ("Stan-dard-in-stal-la-ti-on");
 * '#' starts a comment. A word is wrong when phasedoc breaks it anywhere else; a missed break
 * costs a little justification, a wrong one costs the reader, so only wrong ones count.
 * -p: the patterns alone, without the language's exception list (for "before" figures).
 * -v: print every wrong word. Exit 0; 1 if a list cannot be read. */
#include "ctx.h"
#include "hyphen_except.h"
#include "hyphenate.h"
#include "util.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The word of line with its breaks as '-' into out; *plain gets the word without them. */
static void strip(const char *line, char *plain, size_t size)
{
    size_t o = 0;
    for (const char *p = line; *p && o + 1 < size; p++)
        if (*p != '-')
            plain[o++] = *p;
    plain[o] = '\0';
}

/* Soft hyphens (U+00AD) to '-'. */
static void visible(const pd_buf *b, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < b->len && o + 1 < size; i++) {
        if (i + 1 < b->len && (unsigned char)b->data[i] == 0xc2 &&
            (unsigned char)b->data[i + 1] == 0xad) {
            out[o++] = '-';
            i++;
        } else {
            out[o++] = b->data[i];
        }
    }
    out[o] = '\0';
}

/* Byte offsets (in the plain word) of the breaks of a hyphenated spelling; returns the count. */
static int breaks(const char *hyph, int *at, int max)
{
    int n = 0, pos = 0;
    for (const char *p = hyph; *p; p++) {
        if (*p == '-') {
            if (n < max)
                at[n++] = pos;
        } else {
            pos++;
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    bool patterns_only = false, verbose = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "-p") == 0)
            patterns_only = true;
        else if (strcmp(argv[i], "-v") == 0)
            verbose = true;
        else
            break;
    }
    if (argc - i < 2) {
        fputs("usage: hyphen-check [-p] [-v] LANG LIST...\n", stderr);
        return 2;
    }
    const char *lang = argv[i++];
    pd_ctx *ctx = pd_ctx_new();
    pd_hyphenator *h = ctx ? pd_hyphen_for(ctx, lang) : NULL;
    if (!h) {
        fprintf(stderr, "hyphen-check: no hyphenation dictionary for %s\n", lang);
        pd_ctx_free(ctx);
        return 1;
    }
    int words = 0, wrong = 0, missed = 0, rc = 0;
    for (; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        if (!f) {
            perror(argv[i]);
            rc = 1;
            continue;
        }
        char line[512];
        while (fgets(line, sizeof line, f)) {
            line[strcspn(line, "#\r\n")] = '\0';
            char *w = line + strspn(line, " \t");
            w[strcspn(w, " \t")] = '\0';
            if (!*w)
                continue;
            char plain[512], got[1024];
            strip(w, plain, sizeof plain);
            pd_buf b;
            pd_buf_init(&b, 4096);
            if (patterns_only)
                pd_hyphen_patterns_word(h, plain, strlen(plain), &b);
            else
                pd_hyphen_word(h, plain, strlen(plain), &b);
            visible(&b, got, sizeof got);
            pd_buf_free(&b);
            int want_at[128], got_at[128];
            int nw = breaks(w, want_at, 128), ng = breaks(got, got_at, 128);
            bool bad = false;
            for (int g = 0; g < ng; g++) {
                bool found = false;
                for (int k = 0; k < nw; k++)
                    found = found || want_at[k] == got_at[g];
                bad = bad || !found;
            }
            words++;
            wrong += bad;
            missed += !bad && ng < nw;
            if (bad && verbose)
                printf("wrong  %-40s want %s\n", got, w);
        }
        fclose(f);
    }
    printf("%s%s: %d words, %d with a wrong break (%.1f %%), %d with a break missed\n", lang,
           patterns_only ? " (patterns only)" : "", words, wrong,
           words ? 100.0 * wrong / words : 0.0, missed);
    pd_ctx_free(ctx);
    return rc;
}
