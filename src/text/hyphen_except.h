/* hyphen_except.h — a language's hyphenation exceptions: words the patterns divide wrongly. */
#ifndef PD_HYPHEN_EXCEPT_H
#define PD_HYPHEN_EXCEPT_H

#include "ctx.h"
#include "hyphenate.h"
#include "util.h"

typedef struct pd_hyphen_exceptions pd_hyphen_exceptions;

/* The exception list for lang, loaded once per context (borrowed): the words of
 * stylesheets/l10n/hyphen/LANG.txt along the tag's fallback chain (de.txt, then de-CH.txt),
 * one a line with '-' at every break ("Stan-dard-in-stal-la-ti-on"), '#' starting a comment.
 * NULL when the language has none. A listed word is also used as the last part of a compound
 * ("Projektverantwortliche" ends in "verantwortliche"): the compound breaks at that boundary,
 * the part before it is hyphenated on its own. */
const pd_hyphen_exceptions *pd_hyphen_exceptions_for(pd_ctx *ctx, const char *lang);

/* The exception list the hyphenator was loaded with (hyphenate.c). */
const pd_hyphen_exceptions *pd_hyphen_exceptions_of(const pd_hyphenator *h);

/* The word hyphenated by the patterns alone (hyphenate.c); pd_hyphen_word consults the
 * exceptions first. */
void pd_hyphen_patterns_word(const pd_hyphenator *h, const char *word, size_t len, pd_buf *out);

#endif
