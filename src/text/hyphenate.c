/* hyphenate.c — libhyphen dictionaries (UTF-8 or ISO 8859-1) turned into soft hyphens. */
#include "hyphenate.h"
#include "cache.h"
#include "hyphen_except.h"
#include "hyphen_pack.h"
#include "paths.h"

#include <glib.h>
#include <hyphen.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef PD_HYPHEN_DIR
#define PD_HYPHEN_DIR "/usr/share/hyphen"
#endif

enum { MAX_WORD = 100 }; /* longer "words" (hashes, URLs) are left alone */

struct pd_hyphenator {
    HyphenDict *dict;
    bool latin1;
    const pd_hyphen_exceptions *ex; /* the language's exception list, or NULL */
};

static void free_hyphenator(void *p)
{
    free(p); /* its dictionary is shared (load_shared) */
}

/* The dictionary file at real (a real path): its automaton as the build packed it when there
 * is one for this very file (pd_packed_hyphen_dir()/NAME.pdh), else built from the patterns. */
static HyphenDict *load_file(const char *real)
{
    const char *dir = pd_packed_hyphen_dir(); /* the checkout's or the installed one */
    if (dir) {
        char packed[PATH_MAX];
        const char *name = strrchr(real, '/') ? strrchr(real, '/') + 1 : real;
        HyphenDict *d = NULL;
        if (snprintf(packed, sizeof packed, "%s/%s.pdh", dir, name) < (int)sizeof packed)
            d = pd_hyphen_pack_read(packed, real);
        if (d)
            return d;
    }
    return hnj_hyphen_load(real);
}

/* A dictionary file loaded once for the whole process, by its real path. hyph_de.dic,
 * hyph_de_AT.dic, ... are links to one 1 MB file that libhyphen takes 2.4 s to build (279,000
 * states) where there is no pack, and any "de-XX" falls back to it: cached by language tag
 * and context, a layout with six tags took 16 s (one load a tag), and each new context (a
 * fuzzer's, a test's) loaded it again. A dictionary is read-only once loaded; the table lives as long as the process (batch
 * workers inherit it through fork), so it stays reachable for leak checkers. */
static HyphenDict *load_shared(const char *path)
{
    /* a POSIX mutex rather than a GMutex: ThreadSanitizer sees it (GLib's is a bare futex),
     * and layout threads (render -j) load dictionaries at once */
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static GHashTable *loaded; /* real path -> HyphenDict */
    char *real = realpath(path, NULL);
    if (!real)
        return NULL;
    pthread_mutex_lock(&lock);
    if (!loaded)
        loaded = g_hash_table_new(g_str_hash, g_str_equal);
    HyphenDict *d = g_hash_table_lookup(loaded, real);
    if (!d && (d = load_file(real)) != NULL)
        g_hash_table_insert(loaded, real, d); /* keeps real */
    else
        free(real);
    pthread_mutex_unlock(&lock);
    return d;
}

/* Dictionary file names to try for a language, most specific first. */
static HyphenDict *load_dict(const char *lang)
{
    char base[16], region[16] = "", path[256];
    size_t n = strcspn(lang, "-_");
    if (n == 0 || n >= sizeof base)
        return NULL;
    snprintf(base, sizeof base, "%.*s", (int)n, lang);
    if (lang[n])
        snprintf(region, sizeof region, "%s", lang + n + 1);
    for (char *p = base; *p; p++)
        *p = (char)g_ascii_tolower(*p);
    for (char *p = region; *p; p++)
        *p = (char)g_ascii_toupper(*p);
    /* Debian's hyphen-en-us and hyphen-de: hyph_en_US.dic, hyph_de_DE.dic */
    static const struct {
        const char *lang, *region;
    } defaults[] = {{"en", "US"}, {"de", "DE"}};
    const char *fallback = NULL;
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
        if (strcmp(base, defaults[i].lang) == 0)
            fallback = defaults[i].region;
    const char *regions[] = {region, fallback, ""};
    for (size_t i = 0; i < 3; i++) {
        if (!regions[i] || (i > 0 && !*regions[i] && i != 2))
            continue;
        if (*regions[i])
            snprintf(path, sizeof path, "%s/hyph_%s_%s.dic", PD_HYPHEN_DIR, base, regions[i]);
        else
            snprintf(path, sizeof path, "%s/hyph_%s.dic", PD_HYPHEN_DIR, base);
        HyphenDict *d = load_shared(path);
        if (d)
            return d;
    }
    return NULL;
}

static pd_hyphenator *cached(pd_ctx *ctx, const char *lang, char key[32])
{
    snprintf(key, 32, "hyphen:%s", lang);
    return pd_cache_lookup(ctx->cache, key);
}

bool pd_hyphen_known(pd_ctx *ctx, const char *lang)
{
    char key[32];
    return !lang || !*lang || strlen(lang) > 15 || cached(ctx, lang, key);
}

pd_hyphenator *pd_hyphen_for(pd_ctx *ctx, const char *lang)
{
    if (!lang || !*lang || strlen(lang) > 15)
        return NULL;
    char key[32];
    pd_hyphenator *h = cached(ctx, lang, key);
    if (h)
        return h->dict ? h : NULL;
    h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->dict = load_dict(lang);
    h->latin1 = h->dict && strcmp(h->dict->cset, "UTF-8") != 0;
    h->ex = h->dict ? pd_hyphen_exceptions_for(ctx, lang) : NULL;
    /* A missing dictionary is remembered too, so it is looked for once. */
    if (!pd_cache_put(ctx->cache, key, h, free_hyphenator))
        return NULL;
    return h->dict ? h : NULL;
}

const pd_hyphen_exceptions *pd_hyphen_exceptions_of(const pd_hyphenator *h) { return h->ex; }

void pd_hyphen_patterns_word(const pd_hyphenator *h, const char *word, size_t len, pd_buf *out)
{
    /* The dictionary wants lower case in its own encoding; char_end[i] is the byte after
     * character i in the original, so break points map back whatever the encoding. */
    gchar *lower = g_utf8_strdown(word, (gssize)len);
    glong nchars = g_utf8_strlen(word, (gssize)len);
    if (!lower || nchars < 5 || nchars > MAX_WORD || g_utf8_strlen(lower, -1) != nchars) {
        pd_buf_add(out, word, len);
        g_free(lower);
        return;
    }
    char enc[MAX_WORD * 4 + 1];
    size_t char_end[MAX_WORD + 1];
    size_t n = 0;
    const char *p = lower;
    const char *q = word;
    bool ok = true;
    for (glong i = 0; i < nchars; i++) {
        gunichar c = g_utf8_get_char(p);
        const char *next = g_utf8_next_char(p);
        if (h->latin1) {
            if (c > 0xff) {
                ok = false;
                break;
            }
            enc[n++] = (char)c;
        } else {
            for (const char *b = p; b < next; b++)
                enc[n++] = *b;
        }
        p = next;
        q = g_utf8_next_char(q);
        char_end[i] = (size_t)(q - word);
    }
    g_free(lower);
    if (!ok) {
        pd_buf_add(out, word, len);
        return;
    }
    enc[n] = '\0';
    char hyphens[MAX_WORD * 4 + 5];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    int lh = h->dict->lhmin > 0 ? h->dict->lhmin : 2, rh = h->dict->rhmin > 0 ? h->dict->rhmin : 3;
    if (hnj_hyphen_hyphenate3(h->dict, enc, (int)n, hyphens, NULL, &rep, &pos, &cut, lh, rh, 2, 2) != 0) {
        pd_buf_add(out, word, len);
        return;
    }
    size_t from = 0;
    /* libhyphen gives the points per character (a UTF-8 dictionary's too: French had
     * "dév-elo-pp-ement" when they were read per byte); rep[i]: a non-standard break (the
     * old spelling's "ck" -> "k-k"), never one today */
    for (glong i = 0; i + 1 < nchars; i++) {
        if (!(hyphens[i] & 1) || (rep && rep[i]))
            continue;
        size_t at = char_end[i];
        pd_buf_add(out, word + from, at - from);
        pd_buf_adds(out, "\xc2\xad");
        from = at;
    }
    pd_buf_add(out, word + from, len - from);
    if (rep) { /* non-standard hyphenation (old German "ck"): not used, freed */
        for (size_t i = 0; i < n; i++)
            free(rep[i]);
        free(rep);
    }
    free(pos);
    free(cut);
}

void pd_hyphen_text(const pd_hyphenator *h, const char *text, size_t len, pd_buf *out)
{
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *start = p;
        while (p < end && g_unichar_isalpha(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        if (p > start) {
            pd_hyphen_word(h, start, (size_t)(p - start), out);
            continue;
        }
        p = g_utf8_next_char(p);
        pd_buf_add(out, start, (size_t)(p - start));
    }
}
