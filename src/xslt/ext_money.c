/* ext_money.c — XSLT extension functions for exact money and sizing: every amount on a page is
 * computed here, in integer cents (money.c), never by a stylesheet. Cents travel between calls
 * as integer strings ("3142500"). Arguments are trimmed of XML white space, as the schema's
 * xsd:decimal does, then parsed strictly. */
#include "ext.h"
#include "money.h"
#include "util.h"

#include <inttypes.h>
#include <libxslt/extensions.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What each kind of argument must look like, for parsing and for error messages. */
typedef struct {
    const char *what;  /* "a quantity" */
    const char *form;  /* shown when malformed */
    const char *range; /* shown when out of range */
    pd_money_status (*parse)(const char *s, int64_t *out);
} arg_kind;

static pd_money_status parse_percent64(const char *s, int64_t *out)
{
    int32_t v;
    pd_money_status st = pd_money_parse_percent(s, &v);
    if (st == PD_MONEY_OK)
        *out = v;
    return st;
}

static const arg_kind QTY = {"a quantity", "digits with an optional dot and up to 3 decimals",
                             "at most 1000000000", pd_money_parse_qty};
static const arg_kind PRICE = {"a price", "digits with an optional dot and up to 4 decimals",
                               "at most 1000000000000", pd_money_parse_price};
static const arg_kind PERCENT = {"a percentage",
                                 "digits with an optional dot and up to 2 decimals",
                                 "from 0 to 100", parse_percent64};
static const arg_kind CENTS = {"an amount in cents", "an integer count of cents, e.g. 3142500",
                               "at most 100000000000000 in magnitude", pd_money_parse_cents};
static const arg_kind COUNT = {"a count", "a whole number without sign or separators",
                               "at most 1000000000000", pd_money_parse_count};

static const char *const RANGE_MSG = "the result is beyond 1000000000000.00 in magnitude";

/* Strips XML white space (space, tab, CR, LF) from both ends, in place. */
static char *trim(xmlChar *x)
{
    char *s = (char *)x;
    if (!s)
        return NULL;
    s += strspn(s, " \t\r\n");
    size_t n = strlen(s);
    while (n > 0 && strchr(" \t\r\n", s[n - 1]))
        n--;
    s[n] = '\0';
    return s;
}

/* "pd:line-total('25', '1250.00', '10')": the call as the stylesheet made it. */
static void describe_call(char *buf, size_t size, const char *fn, char **args, int n)
{
    int len = snprintf(buf, size, "pd:%s(", fn);
    for (int i = 0; i < n && len >= 0 && (size_t)len < size; i++)
        len += snprintf(buf + len, size - (size_t)len, "%s'%s'", i ? ", " : "", args[i]);
    if (len >= 0 && (size_t)len < size)
        snprintf(buf + len, size - (size_t)len, ")");
}

/* Parses args[i] as kind, or fails the transform naming the call, the argument and why. */
static bool parse_arg(xmlXPathParserContextPtr pctxt, const char *fn, char **args, int n, int i,
                      const char *label, const arg_kind *kind, int64_t *out)
{
    pd_money_status st = kind->parse(args[i], out);
    if (st == PD_MONEY_OK)
        return true;
    char call[300];
    describe_call(call, sizeof call, fn, args, n);
    if (st == PD_MONEY_MALFORMED)
        pd_ext_fail(pctxt, "%s: %s '%s' is not %s (%s)", call, label, args[i], kind->what,
                    kind->form);
    else
        pd_ext_fail(pctxt, "%s: %s '%s' is out of range (%s)", call, label, args[i],
                    kind->range);
    return false;
}

static void fail_result(xmlXPathParserContextPtr pctxt, const char *fn, char **args, int n)
{
    char call[300];
    describe_call(call, sizeof call, fn, args, n);
    pd_ext_fail(pctxt, "%s: %s", call, RANGE_MSG);
}

static void return_int(xmlXPathParserContextPtr pctxt, int64_t v)
{
    char s[32];
    snprintf(s, sizeof s, "%" PRId64, v);
    pd_ext_return(pctxt, s);
}

/* Pops up to 4 string arguments and trims them; false after failing the transform. */
static bool take_args(xmlXPathParserContextPtr pctxt, int nargs, int min, int max,
                      xmlChar **raw, char **args)
{
    if (!pd_ext_args(pctxt, nargs, min, max, raw))
        return false;
    for (int i = 0; i < nargs; i++)
        args[i] = trim(raw[i]);
    return true;
}

/* pd:line-total(qty, price, discount?): cents; discount '' or missing is 0. */
static void fn_line_total(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *raw[3] = {NULL, NULL, NULL};
    char *a[3] = {NULL, NULL, NULL};
    if (!take_args(pctxt, nargs, 2, 3, raw, a))
        return;
    int64_t qty, price, discount = 0, cents;
    if (parse_arg(pctxt, "line-total", a, nargs, 0, "quantity", &QTY, &qty) &&
        parse_arg(pctxt, "line-total", a, nargs, 1, "price", &PRICE, &price) &&
        (nargs < 3 || !*a[2] ||
         parse_arg(pctxt, "line-total", a, nargs, 2, "discount", &PERCENT, &discount))) {
        if (pd_money_line_total(qty, price, (int32_t)discount, &cents) == PD_MONEY_OK)
            return_int(pctxt, cents);
        else
            fail_result(pctxt, "line-total", a, nargs);
    }
    pd_ext_free_args(raw, nargs);
}

/* Adds the cents in one string to *total; false after failing the transform. */
static bool sum_value(xmlXPathParserContextPtr pctxt, xmlChar *value, int *index,
                      int64_t *total)
{
    char *s = value ? trim(value) : "";
    int64_t v;
    pd_money_status st = pd_money_parse_cents(s, &v);
    ++*index;
    if (st == PD_MONEY_OK)
        st = pd_money_add(*total, v, total);
    else if (st == PD_MONEY_MALFORMED)
        pd_ext_fail(pctxt, "pd:sum: value %d '%s' is not %s (%s)", *index, s, CENTS.what,
                    CENTS.form);
    if (st == PD_MONEY_RANGE)
        pd_ext_fail(pctxt, "pd:sum: value %d '%s' takes the sum beyond 1000000000000.00 in "
                           "magnitude", *index, s);
    return st == PD_MONEY_OK;
}

/* Sums one argument: each node of a node-set, each top-level node of a result-tree fragment
 * (white-space text, comments and processing instructions there are skipped), or the string
 * value of anything else. */
static bool sum_object(xmlXPathParserContextPtr pctxt, xmlXPathObjectPtr obj, int *index,
                       int64_t *total)
{
    bool ok = true;
    if (obj->type == XPATH_NODESET) {
        for (int i = 0; ok && obj->nodesetval && i < obj->nodesetval->nodeNr; i++) {
            xmlChar *s = xmlXPathCastNodeToString(obj->nodesetval->nodeTab[i]);
            ok = sum_value(pctxt, s, index, total);
            xmlFree(s);
        }
    } else if (obj->type == XPATH_XSLT_TREE) {
        for (int i = 0; ok && obj->nodesetval && i < obj->nodesetval->nodeNr; i++)
            for (xmlNodePtr c = obj->nodesetval->nodeTab[i]->children; ok && c; c = c->next) {
                if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE)
                    continue;
                xmlChar *s = xmlXPathCastNodeToString(c);
                if (c->type != XML_TEXT_NODE || (s && *trim(s)))
                    ok = sum_value(pctxt, s, index, total);
                xmlFree(s);
            }
    } else {
        xmlChar *s = xmlXPathCastToString(obj);
        ok = sum_value(pctxt, s, index, total);
        xmlFree(s);
    }
    return ok;
}

/* pd:sum(nodeset-or-string, ...): the sum of integer cent strings; an empty node-set is 0. */
static void fn_sum(xmlXPathParserContextPtr pctxt, int nargs)
{
    if (nargs < 1) {
        pd_ext_fail(pctxt, "pd:sum() needs at least one argument (a node-set or cents)");
        return;
    }
    xmlXPathObjectPtr *objs = calloc((size_t)nargs, sizeof *objs);
    if (!objs) {
        pd_ext_fail(pctxt, "pd:sum: out of memory");
        return;
    }
    for (int i = nargs - 1; i >= 0; i--)
        objs[i] = valuePop(pctxt);
    int64_t total = 0;
    int index = 0;
    bool ok = true;
    for (int i = 0; i < nargs; i++) {
        if (ok && objs[i])
            ok = sum_object(pctxt, objs[i], &index, &total);
        xmlXPathFreeObject(objs[i]);
    }
    free(objs);
    if (ok)
        return_int(pctxt, total);
}

/* pd:vat(cents, rate): cents × rate / 100, rounded half away from zero. */
static void fn_vat(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *raw[2] = {NULL, NULL};
    char *a[2];
    if (!take_args(pctxt, nargs, 2, 2, raw, a))
        return;
    int64_t cents, rate, vat;
    if (parse_arg(pctxt, "vat", a, 2, 0, "amount", &CENTS, &cents) &&
        parse_arg(pctxt, "vat", a, 2, 1, "rate", &PERCENT, &rate)) {
        if (pd_money_vat(cents, (int32_t)rate, &vat) == PD_MONEY_OK)
            return_int(pctxt, vat);
        else
            fail_result(pctxt, "vat", a, 2);
    }
    pd_ext_free_args(raw, 2);
}

/* pd:add(cents, cents): cents. */
static void fn_add(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *raw[2] = {NULL, NULL};
    char *a[2];
    if (!take_args(pctxt, nargs, 2, 2, raw, a))
        return;
    int64_t x, y, sum;
    if (parse_arg(pctxt, "add", a, 2, 0, "first amount", &CENTS, &x) &&
        parse_arg(pctxt, "add", a, 2, 1, "second amount", &CENTS, &y)) {
        if (pd_money_add(x, y, &sum) == PD_MONEY_OK)
            return_int(pctxt, sum);
        else
            fail_result(pctxt, "add", a, 2);
    }
    pd_ext_free_args(raw, 2);
}

/* pd:multiply(cents, factor): cents × a whole factor (12 monthly instalments a year). */
static void fn_multiply(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *raw[2] = {NULL, NULL};
    char *a[2];
    if (!take_args(pctxt, nargs, 2, 2, raw, a))
        return;
    int64_t cents, factor, product;
    if (parse_arg(pctxt, "multiply", a, 2, 0, "amount", &CENTS, &cents) &&
        parse_arg(pctxt, "multiply", a, 2, 1, "factor", &COUNT, &factor)) {
        if (pd_money_multiply(cents, factor, &product) == PD_MONEY_OK)
            return_int(pctxt, product);
        else
            fail_result(pctxt, "multiply", a, 2);
    }
    pd_ext_free_args(raw, 2);
}

/* The environment with its catalogue, or NULL after failing the transform. */
static const pd_xslt_env *format_env(xmlXPathParserContextPtr pctxt, const char *fn)
{
    const pd_xslt_env *env = pd_ext_env(pctxt);
    if (!env || !env->cat) {
        pd_ext_fail(pctxt, "pd:%s: no language catalogue in this transform", fn);
        return NULL;
    }
    return env;
}

/* pd:money(cents): the amount with two decimals in the output language, no currency. */
static void fn_money(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *raw[1] = {NULL};
    char *a[1];
    if (!take_args(pctxt, nargs, 1, 1, raw, a))
        return;
    const pd_xslt_env *env = format_env(pctxt, "money");
    int64_t cents;
    if (env && parse_arg(pctxt, "money", a, 1, 0, "amount", &CENTS, &cents)) {
        pd_buf out;
        pd_buf_init(&out, 256);
        pd_l10n_format_minor(env->cat, cents, &out);
        if (out.failed)
            pd_ext_fail(pctxt, "pd:money: out of memory");
        else
            pd_ext_return(pctxt, out.data);
        pd_buf_free(&out);
    }
    pd_ext_free_args(raw, 1);
}

/* The symbol printed for an ISO 4217 code; other codes print as themselves. */
static const char *currency_symbol(const char *code)
{
    static const char *const symbols[][2] = {
        {"EUR", "\u20ac"}, {"USD", "$"}, {"GBP", "\u00a3"}, {"CHF", "CHF"}};
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
        if (strcmp(code, symbols[i][0]) == 0)
            return symbols[i][1];
    return code;
}

static bool is_currency_code(const char *s)
{
    return strlen(s) == 3 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 3;
}

/* Fills the catalogue's money pattern: {amount} and {symbol}, everything else as is. */
static void fill_money_pattern(const char *pattern, const char *amount, const char *symbol,
                               pd_buf *out)
{
    for (const char *p = pattern; *p;) {
        if (strncmp(p, "{amount}", 8) == 0) {
            pd_buf_adds(out, amount);
            p += 8;
        } else if (strncmp(p, "{symbol}", 8) == 0) {
            pd_buf_adds(out, symbol);
            p += 8;
        } else {
            pd_buf_add(out, p++, 1);
        }
    }
}

/* pd:amount(cents, currency): the amount with its currency, in the catalogue's pattern. */
static void fn_amount(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *raw[2] = {NULL, NULL};
    char *a[2];
    if (!take_args(pctxt, nargs, 2, 2, raw, a))
        return;
    const pd_xslt_env *env = format_env(pctxt, "amount");
    int64_t cents;
    if (env && parse_arg(pctxt, "amount", a, 2, 0, "amount", &CENTS, &cents)) {
        if (!is_currency_code(a[1])) {
            char call[300];
            describe_call(call, sizeof call, "amount", a, 2);
            pd_ext_fail(pctxt, "%s: currency '%s' is not an ISO 4217 code (three capital "
                               "letters, e.g. EUR)", call, a[1]);
        } else {
            pd_buf num, out;
            pd_buf_init(&num, 256);
            pd_buf_init(&out, 512);
            pd_l10n_format_minor(env->cat, cents, &num);
            if (!num.failed)
                fill_money_pattern(pd_l10n_money_pattern_for(env->cat, currency_symbol(a[1])),
                                   num.data, currency_symbol(a[1]), &out);
            if (num.failed || out.failed)
                pd_ext_fail(pctxt, "pd:amount: out of memory");
            else
                pd_ext_return(pctxt, out.data);
            pd_buf_free(&num);
            pd_buf_free(&out);
        }
    }
    pd_ext_free_args(raw, 2);
}

/* pd:price(decimal): a unit price with 2 decimals, or up to 4 when it has more significant
 * ones (0.85, 1,250.00, 0.125), grouped in the output language. */
static void fn_price(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *raw[1] = {NULL};
    char *a[1];
    if (!take_args(pctxt, nargs, 1, 1, raw, a))
        return;
    const pd_xslt_env *env = format_env(pctxt, "price");
    int64_t price;
    if (env && parse_arg(pctxt, "price", a, 1, 0, "price", &PRICE, &price)) {
        int decimals = pd_money_price_decimals(price);
        char exact[48];
        snprintf(exact, sizeof exact, "%" PRId64 ".%04" PRId64, price / 10000, price % 10000);
        pd_buf out;
        pd_buf_init(&out, 256);
        /* Only zeros are dropped, so formatting rounds nothing. */
        if (pd_l10n_format_decimal(env->cat, exact, decimals < 2 ? 2 : decimals, &out))
            pd_ext_return(pctxt, out.data);
        else
            pd_ext_fail(pctxt, "pd:price: out of memory");
        pd_buf_free(&out);
    }
    pd_ext_free_args(raw, 1);
}

/* pd:sessions(users, concurrency): users × concurrency / 100, rounded half away from zero. */
static void fn_sessions(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *raw[2] = {NULL, NULL};
    char *a[2];
    if (!take_args(pctxt, nargs, 2, 2, raw, a))
        return;
    int64_t users, concurrency, sessions;
    if (parse_arg(pctxt, "sessions", a, 2, 0, "users", &COUNT, &users) &&
        parse_arg(pctxt, "sessions", a, 2, 1, "concurrency", &PERCENT, &concurrency)) {
        if (pd_money_sessions(users, (int32_t)concurrency, &sessions) == PD_MONEY_OK)
            return_int(pctxt, sessions);
        else
            fail_result(pctxt, "sessions", a, 2);
    }
    pd_ext_free_args(raw, 2);
}

/* pd:nodes(sessions, per-node, redundancy): ceil(sessions / per-node) + redundancy. */
static void fn_nodes(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *raw[3] = {NULL, NULL, NULL};
    char *a[3];
    if (!take_args(pctxt, nargs, 3, 3, raw, a))
        return;
    int64_t sessions, per_node, redundancy, nodes;
    if (parse_arg(pctxt, "nodes", a, 3, 0, "sessions", &COUNT, &sessions) &&
        parse_arg(pctxt, "nodes", a, 3, 1, "sessions per node", &COUNT, &per_node) &&
        parse_arg(pctxt, "nodes", a, 3, 2, "redundancy", &COUNT, &redundancy)) {
        if (per_node == 0) {
            char call[300];
            describe_call(call, sizeof call, "nodes", a, 3);
            pd_ext_fail(pctxt, "%s: sessions per node must be at least 1", call);
        } else if (pd_money_nodes(sessions, per_node, redundancy, &nodes) == PD_MONEY_OK) {
            return_int(pctxt, nodes);
        } else {
            char call[300];
            describe_call(call, sizeof call, "nodes", a, 3);
            pd_ext_fail(pctxt, "%s: more than 1000000000000 nodes", call);
        }
    }
    pd_ext_free_args(raw, 3);
}

void pd_xslt_register_money_functions(void)
{
    static const struct {
        const char *name;
        xmlXPathFunction fn;
    } fns[] = {
        {"line-total", fn_line_total}, {"sum", fn_sum},     {"vat", fn_vat},
        {"add", fn_add},               {"multiply", fn_multiply},
        {"money", fn_money},           {"amount", fn_amount}, {"price", fn_price},
        {"sessions", fn_sessions},     {"nodes", fn_nodes},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        xsltRegisterExtModuleFunction((const xmlChar *)fns[i].name,
                                      (const xmlChar *)PD_XSLT_NS, fns[i].fn);
}
