/* ext.c — extension functions for brand values, wording, and language-aware formatting. */
#include "ext.h"
#include "util.h"

#include <libxslt/extensions.h>
#include <libxslt/xsltutils.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const pd_xslt_env *pd_ext_env(xmlXPathParserContextPtr pctxt)
{
    xsltTransformContextPtr t = xsltXPathGetTransformContext(pctxt);
    return t ? t->_private : NULL;
}

void pd_ext_fail(xmlXPathParserContextPtr pctxt, const char *fmt, ...)
{
    xsltTransformContextPtr t = xsltXPathGetTransformContext(pctxt);
    const pd_xslt_env *env = pd_ext_env(pctxt);
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    xmlNodePtr inst = t ? t->inst : NULL;
    if (env)
        pd_diag_raise(env->ctx, PD_ERROR,
                      inst && inst->doc && inst->doc->URL ? (const char *)inst->doc->URL : NULL,
                      inst ? (int)xmlGetLineNo(inst) : 0, 0, "%s", msg);
    if (t)
        t->state = XSLT_STATE_STOPPED;
    pd_ext_return(pctxt, "");
}

bool pd_ext_args(xmlXPathParserContextPtr pctxt, int nargs, int min, int max, xmlChar **args)
{
    if (nargs < min || nargs > max) {
        /* Take the arguments off the stack, or libxslt adds a confusing stack error. */
        for (int i = 0; i < nargs; i++)
            xmlXPathFreeObject(valuePop(pctxt));
        pd_ext_fail(pctxt, "extension function called with %d arguments, expects %d to %d",
                    nargs, min, max);
        return false;
    }
    for (int i = nargs - 1; i >= 0; i--)
        args[i] = xmlXPathPopString(pctxt);
    return true;
}

void pd_ext_free_args(xmlChar **args, int n)
{
    for (int i = 0; i < n; i++)
        xmlFree(args[i]);
}

void pd_ext_return(xmlXPathParserContextPtr pctxt, const char *s)
{
    valuePush(pctxt, xmlXPathNewString((const xmlChar *)s));
}

/* pd:brand(key): a resolved brand value. */
static void fn_brand(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *a[1];
    if (!pd_ext_args(pctxt, nargs, 1, 1, a))
        return;
    const pd_xslt_env *env = pd_ext_env(pctxt);
    const char *v = pd_brand_text(env->brand, (const char *)a[0], env->lang);
    if (v) {
        pd_ext_return(pctxt, v);
    } else {
        const char *hint = pd_brand_suggest((const char *)a[0]);
        pd_ext_fail(pctxt, "unknown brand key '%s'%s%s%s", (const char *)a[0],
                    hint ? " (did you mean " : "", hint ? hint : "", hint ? "?)" : "");
    }
    pd_ext_free_args(a, 1);
}

/* pd:brand-file(key): absolute path of a file the brand pack provides, or ''. */
static void fn_brand_file(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *a[1];
    if (!pd_ext_args(pctxt, nargs, 1, 1, a))
        return;
    const pd_xslt_env *env = pd_ext_env(pctxt);
    int errors_before = pd_ctx_error_count(env->ctx);
    char *path = pd_brand_file(env->ctx, env->brand, (const char *)a[0]);
    if (pd_ctx_error_count(env->ctx) > errors_before)
        pd_ext_fail(pctxt, "brand file '%s' is not usable", (const char *)a[0]);
    else
        pd_ext_return(pctxt, path ? path : "");
    free(path);
    pd_ext_free_args(a, 1);
}

/* The wording of key for the output language: the brand's override first, then the
 * catalogue's. NULL if neither has it. */
static const char *wording_of(const pd_xslt_env *env, const char *key)
{
    const char *v = pd_brand_wording(env->brand, env->lang, key);
    return v ? v : pd_l10n_text(env->cat, key);
}

/* Appends v with every {@KEY} replaced by KEY's wording (and {@KEY:lower} by it with a lower
 * case first letter, for the middle of an English sentence), so that one word for one thing
 * is set once: offer.number "{@offer.title} number" follows a brand's "Proposal". */
static bool expand_refs(const pd_xslt_env *env, const char *v, int depth, pd_buf *out,
                        const char **missing)
{
    while (*v) {
        const char *open = strstr(v, "{@"), *close = open ? strchr(open, '}') : NULL;
        if (!open || !close || depth > 4) {
            pd_buf_adds(out, v);
            break;
        }
        pd_buf_add(out, v, (size_t)(open - v));
        char key[200];
        snprintf(key, sizeof key, "%.*s", (int)(close - open - 2), open + 2);
        bool lower = false;
        char *colon = strchr(key, ':');
        if (colon) {
            lower = strcmp(colon + 1, "lower") == 0;
            *colon = '\0';
        }
        const char *ref = wording_of(env, key);
        if (!ref) {
            *missing = open;
            return false;
        }
        size_t at = out->len;
        if (!expand_refs(env, ref, depth + 1, out, missing))
            return false;
        if (lower && at < out->len && out->data[at] >= 'A' && out->data[at] <= 'Z' &&
            !(at + 1 < out->len && out->data[at + 1] >= 'A' && out->data[at + 1] <= 'Z'))
            out->data[at] = (char)(out->data[at] - 'A' + 'a'); /* "Proposal", not "SOW" */
        v = close + 1;
    }
    return !out->failed;
}

/* pd:text(key): the wording for the output language, the brand's override first. */
static void fn_text(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *a[1];
    if (!pd_ext_args(pctxt, nargs, 1, 1, a))
        return;
    const pd_xslt_env *env = pd_ext_env(pctxt);
    const char *key = (const char *)a[0];
    const char *v = wording_of(env, key), *missing = NULL;
    pd_buf out;
    pd_buf_init(&out, 1 << 20);
    if (!v)
        pd_ext_fail(pctxt, "no text '%s' in the %s catalogue (stylesheets/l10n/%s.xml)", key,
                    env->lang, env->lang);
    else if (!strstr(v, "{@"))
        pd_ext_return(pctxt, v);
    else if (expand_refs(env, v, 0, &out, &missing))
        pd_ext_return(pctxt, out.data ? out.data : "");
    else
        pd_ext_fail(pctxt, "text '%s' refers to %.*s, which the %s catalogue does not have", key,
                    missing ? (int)strcspn(missing, "}") + 1 : 0, missing ? missing : "",
                    env->lang);
    pd_buf_free(&out);
    pd_ext_free_args(a, 1);
}

/* pd:date(iso): a date in the output language. */
static void fn_date(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *a[1];
    if (!pd_ext_args(pctxt, nargs, 1, 1, a))
        return;
    const pd_xslt_env *env = pd_ext_env(pctxt);
    pd_buf out;
    pd_buf_init(&out, 256);
    if (pd_l10n_format_date(env->cat, (const char *)a[0], &out))
        pd_ext_return(pctxt, out.data);
    else
        pd_ext_fail(pctxt, "'%s' is not a date (YYYY-MM-DD)", (const char *)a[0]);
    pd_buf_free(&out);
    pd_ext_free_args(a, 1);
}

/* pd:number(value, decimals): a grouped number in the output language, exact. */
static void fn_number(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *a[2] = {NULL, NULL};
    if (!pd_ext_args(pctxt, nargs, 1, 2, a))
        return;
    const pd_xslt_env *env = pd_ext_env(pctxt);
    int decimals = nargs > 1 ? atoi((const char *)a[1]) : 0;
    pd_buf out;
    pd_buf_init(&out, 256);
    if (pd_l10n_format_decimal(env->cat, (const char *)a[0], decimals, &out))
        pd_ext_return(pctxt, out.data);
    else
        pd_ext_fail(pctxt, "'%s' is not a number", (const char *)a[0]);
    pd_buf_free(&out);
    pd_ext_free_args(a, nargs);
}

/* pd:lang(): the output language. */
static void fn_lang(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *a[1];
    if (!pd_ext_args(pctxt, nargs, 0, 0, a))
        return;
    pd_ext_return(pctxt, pd_ext_env(pctxt)->lang);
}


void pd_xslt_register_functions(void)
{
    static const struct {
        const char *name;
        xmlXPathFunction fn;
    } fns[] = {
        {"brand", fn_brand}, {"brand-file", fn_brand_file}, {"text", fn_text},
        {"date", fn_date},   {"number", fn_number},         {"lang", fn_lang},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        xsltRegisterExtModuleFunction((const xmlChar *)fns[i].name,
                                      (const xmlChar *)PD_XSLT_NS, fns[i].fn);
    pd_xslt_register_money_functions();
    pd_xslt_register_colour_functions();
}
