/* test_hyphen_pack.c — packed hyphenation automata hyphenate exactly as the pattern files
 * they were packed from, and a stale, truncated or mislabelled pack is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "hyphen_pack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const ENGLISH = "/usr/share/hyphen/hyph_en_US.dic";
static const char *const GERMAN = "/usr/share/hyphen/hyph_de_DE.dic";

static char tmp[64];

static int make_tmp(void **state)
{
    (void)state;
    snprintf(tmp, sizeof tmp, "/tmp/pd-hyphen-pack.XXXXXX");
    return mkdtemp(tmp) ? 0 : -1;
}

static int remove_tmp(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    return system(cmd);
}

static char *packed(const char *source, const char *name)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    HyphenDict *d = hnj_hyphen_load(source);
    assert_non_null(d);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_true(pd_hyphen_pack_write(d, source, f));
    assert_int_equal(fclose(f), 0);
    hnj_hyphen_free(d);
    return path;
}

/* The hyphenation points of word (in the dictionary's encoding) as "hy-phen-ation". */
static void points(HyphenDict *d, const char *word, char *out, size_t size)
{
    size_t n = strlen(word);
    char hyphens[128], hword[256];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    assert_int_equal(hnj_hyphen_hyphenate2(d, word, (int)n, hyphens, hword, &rep, &pos, &cut),
                     0);
    size_t k = 0;
    for (size_t i = 0; i < n && k + 2 < size; i++) {
        out[k++] = word[i];
        if (hyphens[i] & 1)
            out[k++] = '-';
    }
    out[k] = '\0';
    free(rep);
    free(pos);
    free(cut);
}

static void same_points(const char *source, const char *const *words)
{
    HyphenDict *built = hnj_hyphen_load(source);
    HyphenDict *read = pd_hyphen_pack_read(packed(source, "x.pdh"), source);
    assert_non_null(built);
    assert_non_null(read);
    for (const HyphenDict *a = built, *b = read; a || b; a = a->nextlevel, b = b->nextlevel) {
        assert_true(a && b);
        assert_int_equal(a->num_states, b->num_states);
        assert_int_equal(a->nohyphenl, b->nohyphenl);
    }
    for (size_t i = 0; words[i]; i++) {
        char want[256], got[256];
        points(built, words[i], want, sizeof want);
        points(read, words[i], got, sizeof got);
        assert_string_equal(got, want);
    }
    hnj_hyphen_free(built);
    hnj_hyphen_free(read);
}

static void english_as_from_the_patterns(void **state)
{
    (void)state;
    static const char *const words[] = {"hyphenation", "typesetting", "infrastructure",
                                        "documentation", "implementation", "acceptance",
                                        "well-known", "customer's", NULL};
    same_points(ENGLISH, words);
}

static void german_as_from_the_patterns(void **state)
{
    (void)state;
    /* ISO 8859-1, as the dictionary wants it: \xfc is u with umlaut */
    static const char *const words[] = {"abnahmekriterien", "rechenzentrum",
                                        "\xfc" "bergabeprotokoll", "bereitstellung",
                                        "umsetzungsplan", "projektleitung", NULL};
    same_points(GERMAN, words);
}

static void stale_pack_is_refused(void **state)
{
    (void)state;
    char copy[128];
    snprintf(copy, sizeof copy, "%s/copy.dic", tmp);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", ENGLISH, copy);
    assert_int_equal(system(cmd), 0);
    char *path = packed(copy, "copy.pdh");
    HyphenDict *d = pd_hyphen_pack_read(path, copy);
    assert_non_null(d);
    hnj_hyphen_free(d);
    FILE *f = fopen(copy, "a"); /* the patterns change: the pack no longer stands for them */
    assert_non_null(f);
    fputs("1zz1\n", f);
    fclose(f);
    assert_null(pd_hyphen_pack_read(path, copy));
    assert_null(pd_hyphen_pack_read(path, "/nonexistent.dic"));
}

static void damaged_pack_is_refused(void **state)
{
    (void)state;
    char *path = packed(ENGLISH, "en.pdh");
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    rewind(f);
    unsigned char *data = malloc((size_t)len);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    char bad[128];
    snprintf(bad, sizeof bad, "%s/bad.pdh", tmp);
    /* cut short, at several places */
    for (long cut = 1; cut < len; cut += len / 7) {
        f = fopen(bad, "wb");
        fwrite(data, 1, (size_t)cut, f);
        fclose(f);
        assert_null(pd_hyphen_pack_read(bad, ENGLISH));
    }
    /* any byte of the magic and the header (source size and time, levels, int size) */
    for (long i = 0; i < 32; i++) {
        data[i] ^= 0xff;
        f = fopen(bad, "wb");
        fwrite(data, 1, (size_t)len, f);
        fclose(f);
        assert_null(pd_hyphen_pack_read(bad, ENGLISH));
        data[i] ^= 0xff;
    }
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(english_as_from_the_patterns),
        cmocka_unit_test(german_as_from_the_patterns),
        cmocka_unit_test(stale_pack_is_refused),
        cmocka_unit_test(damaged_pack_is_refused),
    };
    return cmocka_run_group_tests(tests, make_tmp, remove_tmp);
}
