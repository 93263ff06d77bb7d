/* l10n.h — language catalogues: every fixed string, and number and date formats per language. */
#ifndef PD_L10N_H
#define PD_L10N_H

#include "ctx.h"
#include "util.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct pd_catalogue pd_catalogue;

/* The catalogue stylesheets/l10n/<lang>.xml, loaded once per context (borrowed). NULL with an
 * error when the language has no catalogue. */
const pd_catalogue *pd_l10n_load(pd_ctx *ctx, const char *lang);
bool pd_l10n_exists(pd_ctx *ctx, const char *lang);

const char *pd_l10n_lang(const pd_catalogue *cat);
/* How an amount shows with its currency: the catalogue's <money pattern="{amount} {symbol}"/>,
 * else PD_L10N_MONEY_PATTERN. {amount} is the formatted number, {symbol} the currency's symbol
 * or code. The default's space is a no-break space (U+00A0): symbol and amount never part. */
#define PD_L10N_MONEY_PATTERN "{symbol}\u00a0{amount}"
const char *pd_l10n_money_pattern(const pd_catalogue *cat);
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

#endif
