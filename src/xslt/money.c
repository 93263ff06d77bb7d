/* money.c — exact money and sizing arithmetic: parse into integer units, multiply in 128 bits,
 * round half away from zero once. Nothing here touches floating point. */
#include "money.h"

#include <stdbool.h>
#include <string.h>

#define DIGITS "0123456789"

const char *pd_money_status_str(pd_money_status st)
{
    switch (st) {
    case PD_MONEY_OK:
        return "ok";
    case PD_MONEY_MALFORMED:
        return "malformed";
    case PD_MONEY_RANGE:
        return "out of range";
    }
    return "unknown";
}

static int64_t pow10i(int n)
{
    int64_t p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

/* Parses [-]digits[.digits] with at most `decimals` decimals into value × 10^decimals, and
 * checks its magnitude against max (in the same scale). The whole string is checked for form
 * first, so "1e999" is malformed rather than out of range. */
static pd_money_status parse_fixed(const char *s, int decimals, bool allow_minus, int64_t max,
                                   int64_t *out)
{
    if (!s)
        return PD_MONEY_MALFORMED;
    const char *p = s;
    bool negative = false;
    if (allow_minus && *p == '-') {
        negative = true;
        p++;
    }
    size_t nint = strspn(p, DIGITS);
    if (nint == 0)
        return PD_MONEY_MALFORMED;
    const char *frac = p + nint;
    size_t nfrac = 0;
    if (*frac == '.') {
        frac++;
        nfrac = strspn(frac, DIGITS);
        if (nfrac == 0 || nfrac > (size_t)decimals)
            return PD_MONEY_MALFORMED;
    }
    if (frac[nfrac] != '\0')
        return PD_MONEY_MALFORMED;

    while (nint > 1 && *p == '0') /* leading zeros carry no magnitude */
        p++, nint--;
    if (nint > 18) /* beyond every limit, and beyond what we accumulate safely */
        return PD_MONEY_RANGE;
    pd_money_wide v = 0;
    for (size_t i = 0; i < nint; i++)
        v = v * 10 + (p[i] - '0');
    for (int i = 0; i < decimals; i++)
        v = v * 10 + ((size_t)i < nfrac ? frac[i] - '0' : 0);
    if (v > max)
        return PD_MONEY_RANGE;
    *out = negative ? -(int64_t)v : (int64_t)v;
    return PD_MONEY_OK;
}

pd_money_status pd_money_parse_qty(const char *s, int64_t *thousandths)
{
    return parse_fixed(s, PD_MONEY_QTY_DECIMALS, false,
                       PD_MONEY_MAX_QTY_UNITS * pow10i(PD_MONEY_QTY_DECIMALS), thousandths);
}

pd_money_status pd_money_parse_price(const char *s, int64_t *ten_thousandths)
{
    return parse_fixed(s, PD_MONEY_PRICE_DECIMALS, false,
                       PD_MONEY_MAX_UNITS * pow10i(PD_MONEY_PRICE_DECIMALS), ten_thousandths);
}

pd_money_status pd_money_parse_percent(const char *s, int32_t *hundredths)
{
    int64_t v;
    pd_money_status st = parse_fixed(s, PD_MONEY_PERCENT_DECIMALS, false, 10000, &v);
    if (st == PD_MONEY_OK)
        *hundredths = (int32_t)v;
    return st;
}

pd_money_status pd_money_parse_cents(const char *s, int64_t *cents)
{
    return parse_fixed(s, 0, true, PD_MONEY_MAX_CENTS, cents);
}

pd_money_status pd_money_parse_count(const char *s, int64_t *count)
{
    return parse_fixed(s, 0, false, PD_MONEY_MAX_COUNT, count);
}

int pd_money_price_decimals(int64_t ten_thousandths)
{
    int d = PD_MONEY_PRICE_DECIMALS;
    while (d > 0 && ten_thousandths % 10 == 0) {
        ten_thousandths /= 10;
        d--;
    }
    return d;
}

pd_money_status pd_money_div_round(pd_money_wide num, int64_t den, int64_t *quotient)
{
    if (den <= 0)
        return PD_MONEY_RANGE;
    bool negative = num < 0;
    pd_money_wide mag = negative ? -num : num;
    pd_money_wide q = mag / den, r = mag % den;
    if (2 * r >= den) /* exactly half goes up in magnitude: half away from zero */
        q++;
    if (q > INT64_MAX)
        return PD_MONEY_RANGE;
    *quotient = negative ? -(int64_t)q : (int64_t)q;
    return PD_MONEY_OK;
}

static bool amount_in_range(int64_t cents)
{
    return cents >= -PD_MONEY_MAX_CENTS && cents <= PD_MONEY_MAX_CENTS;
}

pd_money_status pd_money_line_total(int64_t qty_thousandths, int64_t price_ten_thousandths,
                                    int32_t discount_hundredths, int64_t *cents)
{
    if (qty_thousandths < 0 || price_ten_thousandths < 0 || discount_hundredths < 0 ||
        discount_hundredths > 10000)
        return PD_MONEY_RANGE;
    if (qty_thousandths > PD_MONEY_MAX_QTY_UNITS * 1000 ||
        price_ten_thousandths > PD_MONEY_MAX_UNITS * 10000)
        return PD_MONEY_RANGE;
    /* At most 10^12 × 10^16 × 10^4 = 10^32, well inside 128 bits. The scale is 10^3 (qty) ×
     * 10^4 (price) × 10^4 (percent in hundredths), so cents are that over 10^9. */
    pd_money_wide exact = (pd_money_wide)qty_thousandths * price_ten_thousandths *
                          (10000 - discount_hundredths);
    int64_t c;
    pd_money_status st = pd_money_div_round(exact, 1000000000, &c);
    if (st != PD_MONEY_OK || !amount_in_range(c))
        return PD_MONEY_RANGE;
    *cents = c;
    return PD_MONEY_OK;
}

pd_money_status pd_money_vat(int64_t cents, int32_t rate_hundredths, int64_t *vat_cents)
{
    if (rate_hundredths < 0 || rate_hundredths > 10000 || !amount_in_range(cents))
        return PD_MONEY_RANGE;
    return pd_money_div_round((pd_money_wide)cents * rate_hundredths, 10000, vat_cents);
}

pd_money_status pd_money_add(int64_t a, int64_t b, int64_t *sum)
{
    /* Both within 10^14 each: the sum cannot overflow 64 bits before the check. */
    if (!amount_in_range(a) || !amount_in_range(b) || !amount_in_range(a + b))
        return PD_MONEY_RANGE;
    *sum = a + b;
    return PD_MONEY_OK;
}

pd_money_status pd_money_multiply(int64_t cents, int64_t factor, int64_t *product)
{
    if (!amount_in_range(cents))
        return PD_MONEY_RANGE;
    pd_money_wide p = (pd_money_wide)cents * factor;
    if (p < -PD_MONEY_MAX_CENTS || p > PD_MONEY_MAX_CENTS)
        return PD_MONEY_RANGE;
    *product = (int64_t)p;
    return PD_MONEY_OK;
}

pd_money_status pd_money_sessions(int64_t users, int32_t concurrency_hundredths,
                                  int64_t *sessions)
{
    if (users < 0 || users > PD_MONEY_MAX_COUNT || concurrency_hundredths < 0 ||
        concurrency_hundredths > 10000)
        return PD_MONEY_RANGE;
    return pd_money_div_round((pd_money_wide)users * concurrency_hundredths, 10000, sessions);
}

pd_money_status pd_money_nodes(int64_t sessions, int64_t per_node, int64_t redundancy,
                               int64_t *nodes)
{
    if (sessions < 0 || sessions > PD_MONEY_MAX_COUNT || per_node <= 0 ||
        per_node > PD_MONEY_MAX_COUNT || redundancy < 0 || redundancy > PD_MONEY_MAX_COUNT)
        return PD_MONEY_RANGE;
    int64_t n = sessions / per_node + (sessions % per_node != 0) + redundancy;
    if (n > PD_MONEY_MAX_COUNT)
        return PD_MONEY_RANGE;
    *nodes = n;
    return PD_MONEY_OK;
}
