/* hyphenate.h — hyphenation points from libhyphen, as soft hyphens in the text Pango breaks. */
#ifndef PD_HYPHEN_H
#define PD_HYPHEN_H

#include "ctx.h"
#include "util.h"

#include <stdbool.h>

typedef struct pd_hyphenator pd_hyphenator;

/* The dictionary for a language ("en", "de", "de-CH", "en_US"), loaded once per context from
 * Debian's hyphen-* packages; NULL when there is none (the text is then not hyphenated). */
pd_hyphenator *pd_hyphen_for(pd_ctx *ctx, const char *lang);

/* Whether the dictionary for lang was looked for already (loaded, or known to be missing). */
bool pd_hyphen_known(pd_ctx *ctx, const char *lang);

/* Appends word (UTF-8, letters only) to out with U+00AD at each hyphenation point. */
void pd_hyphen_word(const pd_hyphenator *h, const char *word, size_t len, pd_buf *out);

/* Appends text to out with every word of at least five letters hyphenated. */
void pd_hyphen_text(const pd_hyphenator *h, const char *text, size_t len, pd_buf *out);

#endif
