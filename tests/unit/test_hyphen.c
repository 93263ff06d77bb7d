/* test_hyphen.c — hyphenation points for English and German from Debian's dictionaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "hyphenate.h"

#include <stdlib.h>
#include <string.h>

#include "group_ctx.h"

/* The word with '-' where a soft hyphen was inserted. */
static char *points(const char *lang, const char *word)
{
    pd_hyphenator *h = pd_hyphen_for(ctx, lang);
    assert_non_null(h);
    pd_buf b;
    pd_buf_init(&b, 4096);
    pd_hyphen_text(h, word, strlen(word), &b);
    pd_buf out;
    pd_buf_init(&out, 4096);
    for (size_t i = 0; i < b.len; i++) {
        if (i + 1 < b.len && (unsigned char)b.data[i] == 0xc2 && (unsigned char)b.data[i + 1] == 0xad) {
            pd_buf_add(&out, "-", 1);
            i++;
        } else {
            pd_buf_add(&out, b.data + i, 1);
        }
    }
    pd_buf_free(&b);
    return out.data;
}

static void expect(const char *lang, const char *word, const char *want)
{
    char *got = points(lang, word);
    assert_string_equal(got, want);
    free(got);
}

static void english_words(void **state)
{
    (void)state;
    expect("en", "hyphenation", "hy-phen-ation");
    expect("en", "typesetting", "type-set-ting");
    expect("en", "infrastructure", "in-fra-struc-ture");
    expect("en-US", "documentation", "doc-u-men-ta-tion");
    expect("en", "the cat", "the cat"); /* short words are left alone */
}

static void german_words_with_umlauts(void **state)
{
    (void)state;
    /* the exception list's division (stylesheets/l10n/hyphen/de.txt): Kri-te-ri-en */
    expect("de", "Abnahmekriterien", "Ab-nah-me-kri-te-ri-en");
    expect("de", "Rechenzentrum", "Re-chen-zen-trum");
    expect("de", "Übergabeprotokoll", "Über-ga-be-pro-to-koll");
    expect("de-DE", "Bereitstellung", "Be-reit-stel-lung");
}

static void text_keeps_everything_else(void **state)
{
    (void)state;
    expect("en", "Call +49 (40) 5550-1234, then typesetting!", "Call +49 (40) 5550-1234, then type-set-ting!");
}

static void unknown_language_has_no_dictionary(void **state)
{
    (void)state;
    assert_null(pd_hyphen_for(ctx, "xx"));
    assert_null(pd_hyphen_for(ctx, "../../etc"));
    assert_null(pd_hyphen_for(ctx, ""));
    assert_ptr_equal(pd_hyphen_for(ctx, "en"), pd_hyphen_for(ctx, "en")); /* loaded once */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(english_words),
        cmocka_unit_test(german_words_with_umlauts),
        cmocka_unit_test(text_keeps_everything_else),
        cmocka_unit_test(unknown_language_has_no_dictionary),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
