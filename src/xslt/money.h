/* money.h — exact money and sizing arithmetic on decimal strings, in integer minor units. */
#ifndef PD_MONEY_H
#define PD_MONEY_H

#include <stdint.h>

/* Why the figures are integers: a price of 0.85 has no exact binary floating-point value, and
 * 0.1 + 0.2 is not 0.3 there. Every input is parsed into an integer count of its smallest
 * unit (quantities in thousandths, prices in ten-thousandths, percentages in hundredths),
 * products are formed exactly in 128 bits, and a result is rounded half away from zero exactly
 * once, to the cent. Amounts travel between calls as integer counts of cents.
 *
 * Input syntax is the schema's: digits, optionally a dot and 1 to N decimals. Refused as
 * malformed: the empty string, white space anywhere (" 1"), a sign ("+1", "-1", "--1"),
 * exponents ("1e3"), NaN and infinities, thousands separators or a decimal comma ("1,5"), a
 * dot without digits on both sides (".5", "5."), and more decimals than the kind allows, even
 * trailing zeros ("1.00000" as a price). Only cent counts may carry a leading '-' (credits).
 * Refused as out of range: values beyond the limits below, however many digits they have. */

typedef enum {
    PD_MONEY_OK = 0,
    PD_MONEY_MALFORMED, /* not a number of the expected form */
    PD_MONEY_RANGE      /* a number, but beyond the limits (or a division by zero) */
} pd_money_status;

const char *pd_money_status_str(pd_money_status st);

/* Decimals allowed in each kind of input (the project schema's). */
#define PD_MONEY_QTY_DECIMALS 3
#define PD_MONEY_PRICE_DECIMALS 4
#define PD_MONEY_PERCENT_DECIMALS 2

/* Limits: a quantity up to 10^9 units; a price and every amount (line total, sum, VAT, gross)
 * up to 10^12 major units in magnitude, i.e. 10^14 cents; counts (users, sessions, nodes) up
 * to 10^12. */
#define PD_MONEY_MAX_QTY_UNITS INT64_C(1000000000)
#define PD_MONEY_MAX_UNITS INT64_C(1000000000000)
#define PD_MONEY_MAX_CENTS (PD_MONEY_MAX_UNITS * 100)
#define PD_MONEY_MAX_COUNT INT64_C(1000000000000)

/* Parsers. On success *out holds the value in the kind's smallest unit; on failure *out is
 * left alone. */
pd_money_status pd_money_parse_qty(const char *s, int64_t *thousandths);
pd_money_status pd_money_parse_price(const char *s, int64_t *ten_thousandths);
/* A percentage from 0 to 100 with up to 2 decimals, in hundredths of a percent (0..10000). */
pd_money_status pd_money_parse_percent(const char *s, int32_t *hundredths);
/* An integer count of cents, optionally negative: "3142500", "-199". */
pd_money_status pd_money_parse_cents(const char *s, int64_t *cents);
/* A non-negative integer count (users, sessions, nodes): "120000". */
pd_money_status pd_money_parse_count(const char *s, int64_t *count);

/* The number of significant decimals of a parsed price (0 to 4): 1250.0000 → 0, 0.85 → 2,
 * 0.1250 → 3. */
int pd_money_price_decimals(int64_t ten_thousandths);

/* qty × price × (100 − discount) / 100, rounded half away from zero once, to the cent.
 * RANGE when discount is beyond 0..100 % or the total beyond the amount limit. */
pd_money_status pd_money_line_total(int64_t qty_thousandths, int64_t price_ten_thousandths,
                                    int32_t discount_hundredths, int64_t *cents);
/* cents × rate / 100, rounded half away from zero to the cent (either sign). */
pd_money_status pd_money_vat(int64_t cents, int32_t rate_hundredths, int64_t *vat_cents);
/* a + b, RANGE beyond the amount limit. */
pd_money_status pd_money_add(int64_t a, int64_t b, int64_t *sum);
/* cents × factor (e.g. 12 monthly instalments), RANGE beyond the amount limit. */
pd_money_status pd_money_multiply(int64_t cents, int64_t factor, int64_t *product);

/* Concurrent sessions: users × concurrency / 100, rounded half away from zero. */
pd_money_status pd_money_sessions(int64_t users, int32_t concurrency_hundredths,
                                  int64_t *sessions);
/* Application nodes: ceil(sessions / per_node) + redundancy. RANGE when per_node is 0. */
pd_money_status pd_money_nodes(int64_t sessions, int64_t per_node, int64_t redundancy,
                               int64_t *nodes);

/* num / den rounded half away from zero (den > 0): the one rounding rule of this module,
 * exposed for its tests. RANGE when the quotient does not fit in 64 bits. */
__extension__ typedef __int128 pd_money_wide;
pd_money_status pd_money_div_round(pd_money_wide num, int64_t den, int64_t *quotient);

#endif
