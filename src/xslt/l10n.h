/* l10n.h — language catalogues: every fixed string, and number and date formats per language. */
#ifndef PD_L10N_H
#define PD_L10N_H

#include "ctx.h"
#include "util.h"

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <libxml/tree.h>

typedef struct pd_catalogue pd_catalogue;

/* The catalogue for a BCP 47 tag, loaded once per context (borrowed): for "de-CH" the base
 * language's stylesheets/l10n/de.xml (complete), overlaid by de-CH.xml if installed (a variant
 * holds only what it changes). NULL with an error when the language has no catalogue: a
 * region never falls back to another language. */
const pd_catalogue *pd_l10n_load(pd_ctx *ctx, const char *lang);
/* Whether the tag's language has a catalogue (its region need not). */
bool pd_l10n_exists(pd_ctx *ctx, const char *lang);
/* Like pd_l10n_exists, but raises "no language catalogue for 'xx' (installed: de, en, ...)"
 * at file:line (file may be NULL) when there is none. */
bool pd_l10n_check(pd_ctx *ctx, const char *lang, const char *file, int line);
/* The installed catalogues, "de, de-AT, de-CH, en, ...", malloc'd. */
char *pd_l10n_installed(pd_ctx *ctx);
/* A tag in BCP 47 case ("de_ch" -> "de-CH", "EN" -> "en"); false if it is not a tag. */
bool pd_l10n_normalize(const char *lang, char *out, size_t size);

const char *pd_l10n_lang(const pd_catalogue *cat);
/* How an amount shows with its currency: the catalogue's <money pattern="{amount} {symbol}"/>,
 * else PD_L10N_MONEY_PATTERN. {amount} is the formatted number, {symbol} the currency's symbol
 * or code. The default's space is a no-break space (U+00A0): symbol and amount never part. */
#define PD_L10N_MONEY_PATTERN "{symbol}\u00a0{amount}"
const char *pd_l10n_money_pattern(const pd_catalogue *cat);
/* The pattern for this symbol: <money code-pattern> when the symbol is a code of capital
 * letters ("CHF 1,234.00" next to "$1,234.00"), else the money pattern. */
const char *pd_l10n_money_pattern_for(const pd_catalogue *cat, const char *symbol);
/* The string for key, or NULL. */
const char *pd_l10n_text(const pd_catalogue *cat, const char *key);

/* "2026-11-20" → "20 November 2026" in the catalogue's pattern; false if not a valid date. */
bool pd_l10n_format_date(const pd_catalogue *cat, const char *iso, pd_buf *out);
/* A decimal string ("120000", "-3.14159") rounded half away from zero to decimals places and
 * grouped: "120,000", "-3.14". Exact: the digits are never converted to binary floating point.
 * false if value is not a decimal number. */
bool pd_l10n_format_decimal(const pd_catalogue *cat, const char *value, int decimals,
                            pd_buf *out);
/* An integer count of minor units (cents) as an amount with two decimals: 16416500 →
 * "164,165.00" (en) / "164.165,00" (de). */
void pd_l10n_format_minor(const pd_catalogue *cat, int64_t minor, pd_buf *out);

/* The language's spacing around punctuation (French: U+202F before ; : ! ? and inside « »),
 * from the catalogue's <punctuation> and <quotes>: appends text to out with existing spaces
 * there replaced and missing ones added. Returns whether anything changed. */
bool pd_l10n_typeset_text(const pd_catalogue *cat, const char *text, pd_buf *out);
/* The same over every text of a layout document, except links, code and URL spans. */
void pd_l10n_typeset_doc(const pd_catalogue *cat, xmlDocPtr doc);

#endif
