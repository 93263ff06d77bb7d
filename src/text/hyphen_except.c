/* hyphen_except.c — hyphenation exceptions: whole words and the last parts of compounds. */
#include "hyphen_except.h"
#include "cache.h"
#include "l10n.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_WORD = 100, MIN_PART = 5, MIN_HEAD = 3 };

struct pd_hyphen_exceptions {
    GHashTable *words; /* lower-case word -> breaks: '1' after a character that breaks, else '0' */
};

static void exceptions_free(void *p)
{
    pd_hyphen_exceptions *ex = p;
    if (ex) {
        g_hash_table_destroy(ex->words);
        free(ex);
    }
}

/* One line of a list into the table: "Stan-dard" -> "standard" => "00010000". */
static bool add_line(pd_hyphen_exceptions *ex, const char *line)
{
    GString *word = g_string_new(NULL), *breaks = g_string_new(NULL);
    for (const char *p = line; *p; p = g_utf8_next_char(p)) {
        if (*p == '-') {
            if (breaks->len)
                breaks->str[breaks->len - 1] = '1';
            continue;
        }
        g_string_append_len(word, p, g_utf8_next_char(p) - p);
        g_string_append_c(breaks, '0');
    }
    bool ok = breaks->len >= 2 && breaks->len <= MAX_WORD;
    if (ok) {
        gchar *lower = g_utf8_strdown(word->str, -1);
        ok = lower && g_utf8_strlen(lower, -1) == (glong)breaks->len;
        if (ok)
            g_hash_table_replace(ex->words, lower, g_string_free(breaks, FALSE));
        else
            g_free(lower);
    }
    if (!ok)
        g_string_free(breaks, TRUE);
    g_string_free(word, TRUE);
    return ok;
}

static bool load_list(pd_ctx *ctx, pd_hyphen_exceptions *ex, const char *tag)
{
    char rel[80];
    snprintf(rel, sizeof rel, "stylesheets/l10n/hyphen/%s.txt", tag);
    char *path = pd_data_path(ctx, rel);
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f) {
        free(path);
        return false;
    }
    char line[512];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        n++;
        line[strcspn(line, "#\r\n")] = '\0';
        char *w = line + strspn(line, " \t");
        w[strcspn(w, " \t")] = '\0';
        if (*w && (!g_utf8_validate(w, -1, NULL) || !add_line(ex, w)))
            pd_diag_raise(ctx, PD_WARNING, path, n, 1, "not a hyphenated word (ignored)");
    }
    fclose(f);
    free(path);
    return true;
}

const pd_hyphen_exceptions *pd_hyphen_exceptions_for(pd_ctx *ctx, const char *lang)
{
    char tag[40], key[64];
    if (!pd_l10n_normalize(lang, tag, sizeof tag))
        return NULL;
    snprintf(key, sizeof key, "hyphex:%s", tag);
    pd_hyphen_exceptions *ex = pd_cache_lookup(ctx->cache, key);
    if (ex)
        return g_hash_table_size(ex->words) ? ex : NULL;
    ex = calloc(1, sizeof *ex);
    if (!ex)
        return NULL;
    ex->words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    /* de.txt, then de-CH.txt: the variant's entries win */
    char part[40];
    for (size_t end = strcspn(tag, "-");; end += 1 + strcspn(tag + end + 1, "-")) {
        snprintf(part, sizeof part, "%.*s", (int)end, tag);
        load_list(ctx, ex, part);
        if (!tag[end])
            break;
    }
    if (!pd_cache_put(ctx->cache, key, ex, exceptions_free))
        return NULL;
    return g_hash_table_size(ex->words) ? ex : NULL;
}

/* Appends word with a soft hyphen after every character marked '1' in breaks, but not within
 * the first skip characters: the last part of a compound keeps a syllable of at least three
 * letters with the boundary ("Standard-instal-", not "Standardin-stal-"). */
static void add_with_breaks(const char *word, size_t len, const char *breaks, size_t skip,
                            pd_buf *out)
{
    const char *p = word, *end = word + len;
    for (size_t i = 0; p < end; i++) {
        const char *next = g_utf8_next_char(p);
        pd_buf_add(out, p, (size_t)(next - p));
        p = next;
        if (p < end && breaks[i] == '1' && i + 1 >= skip)
            pd_buf_adds(out, "\xc2\xad");
    }
}

void pd_hyphen_word(const pd_hyphenator *h, const char *word, size_t len, pd_buf *out)
{
    const pd_hyphen_exceptions *ex = pd_hyphen_exceptions_of(h);
    glong nchars = ex ? g_utf8_strlen(word, (gssize)len) : 0;
    gchar *lower = ex && nchars <= MAX_WORD ? g_utf8_strdown(word, (gssize)len) : NULL;
    if (!lower || g_utf8_strlen(lower, -1) != nchars) {
        g_free(lower);
        pd_hyphen_patterns_word(h, word, len, out);
        return;
    }
    /* the whole word, else the longest listed last part after a head of MIN_HEAD letters */
    const char *tail = lower, *breaks = NULL;
    const char *orig = word;
    for (glong i = 0; i + MIN_PART <= nchars && !breaks; i++) {
        if (i == 0 || i >= MIN_HEAD)
            breaks = g_hash_table_lookup(ex->words, tail);
        if (!breaks) {
            tail = g_utf8_next_char(tail);
            orig = g_utf8_next_char(orig);
        }
    }
    if (!breaks) {
        pd_hyphen_patterns_word(h, word, len, out);
    } else {
        if (orig > word) { /* the head on its own (it may be listed, or a compound itself) */
            pd_hyphen_word(h, word, (size_t)(orig - word), out);
            pd_buf_adds(out, "\xc2\xad");
        }
        add_with_breaks(orig, len - (size_t)(orig - word), breaks, orig > word ? MIN_HEAD : 0,
                        out);
    }
    g_free(lower);
}
