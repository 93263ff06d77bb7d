/* transform.c — compiling and running stylesheets under libxslt's security preferences, with a
 * loader that serves only the built-in stylesheets and the folders a render allows. */
#include "xslt.h"
#include "path.h"
#include "cache.h"
#include "util.h"
#include "xml.h"

#include <errno.h>
#include <libexslt/exslt.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Bounds for one transform: a runaway stylesheet stops with an error instead of a hang. */
enum {
    MAX_TEMPLATE_DEPTH = 2000,
    MAX_TEMPLATE_VARS = 50000,
    /* libxslt before 1.1.39 does not bound import nesting, and misses cycles through the
     * phasedoc: scheme (the URI differs from the file's name). The loader cannot see when an
     * import's own imports are done, so it bounds the modules of one compilation in all: that
     * bounds the depth and stops every cycle. */
    MAX_STYLESHEET_MODULES = 64,
    MAX_MESSAGE_BYTES = 64 * 1024, /* libxslt's messages kept per compilation or transform */
    /* What libxml2 and libxslt may allocate during one transform: the built-in stylesheets
     * need a few MB even for thousands of criteria; a tree or string bomb stops here. */
    MAX_TRANSFORM_MB = 512,
};
/* XPath steps in one transform (counted across all its expressions). The built-in
 * stylesheets take under 300,000 for 3,000 criteria; 50 million take a few seconds. */
#define MAX_XPATH_OPS 50000000UL

/* The loader and error callbacks of libxslt carry no user pointer we control: this is the
 * environment of the transform (or compilation) in progress. One per process thread. */
static const pd_xslt_env *active;
static pd_buf xslt_messages;
static int modules_loaded;

static void on_xslt_error(void *user, const char *fmt, ...)
{
    (void)user;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* A buffer that was never set up has no room (max 0): give it its cap first. */
    if (xslt_messages.max == 0)
        pd_buf_init(&xslt_messages, MAX_MESSAGE_BYTES);
    pd_buf_adds(&xslt_messages, msg); /* past the cap, the rest is dropped */
}

/* libxslt reports in lines: a position ("runtime error: file F line N element E", or
 * "compilation error: ..."), then what went wrong. Each message becomes one diagnostic at the
 * position before it; the template backtrace and xsltproc's advice that follow a runaway
 * recursion, and bare "error" lines, are left out. */
static void flush_messages(pd_ctx *ctx, const char *file, pd_severity sev)
{
    char where[PATH_MAX] = "";
    int where_line = 0;
    bool backtrace = false;
    char *save = NULL;
    for (char *line = xslt_messages.data ? strtok_r(xslt_messages.data, "\n", &save) : NULL;
         line; line = strtok_r(NULL, "\n", &save)) {
        char f[PATH_MAX];
        int n;
        if (sscanf(line, "%*[a-z] error: file %4095s line %d", f, &n) == 2) {
            snprintf(where, sizeof where, "%s", f);
            where_line = n;
            backtrace = false;
            continue;
        }
        if (strcmp(line, "Templates:") == 0)
            backtrace = true;
        if (backtrace || !*line || strcmp(line, "error") == 0 ||
            strncmp(line, "You can adjust xsltMaxDepth", 27) == 0)
            continue;
        pd_diag_raise(ctx, sev, *where ? where : file, where_line, 0, "%s", line);
    }
    if (xslt_messages.failed)
        pd_diag_raise(ctx, sev, file, 0, 0, "(more messages from the stylesheet were dropped)");
    pd_buf_free(&xslt_messages);
    pd_buf_init(&xslt_messages, MAX_MESSAGE_BYTES);
}

static bool path_inside(const char *real, const char *dir)
{
    return pd_path_inside_dir(real, dir);
}

/* Maps a URI to a file we may read, or NULL. phasedoc:NAME.xsl names a built-in stylesheet;
 * anything else must be a plain path (or file: URI) inside an allowed folder. */
static char *allowed_path(const pd_xslt_env *env, const char *uri)
{
    char *candidate;
    if (strncmp(uri, PD_XSLT_SCHEME, strlen(PD_XSLT_SCHEME)) == 0) {
        const char *name = uri + strlen(PD_XSLT_SCHEME);
        if (strchr(name, '/') || !pd_has_suffix(name, ".xsl"))
            return NULL;
        char *rel = pd_strcat3("stylesheets/", name, "");
        candidate = rel ? pd_data_path(env->ctx, rel) : NULL;
        free(rel);
    } else if (strncmp(uri, "file://", 7) == 0) {
        candidate = pd_strdup(uri + 7);
    } else if (strstr(uri, "://") || strchr(uri, ':') == uri + 1) {
        return NULL; /* another scheme: network or unknown */
    } else {
        candidate = pd_strdup(uri);
    }
    char real[PATH_MAX];
    if (!candidate || !realpath(candidate, real)) {
        free(candidate);
        return NULL;
    }
    free(candidate);
    char *stylesheets = pd_data_path(env->ctx, "stylesheets");
    bool ok = path_inside(real, stylesheets);
    free(stylesheets);
    for (const char *const *d = env->read_dirs; !ok && d && *d; d++)
        ok = path_inside(real, *d);
    return ok ? pd_strdup(real) : NULL;
}

static xmlDocPtr confined_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *user,
                                 xsltLoadType type)
{
    (void)options, (void)user;
    if (!active)
        return NULL;
    pd_ctx *ctx = active->ctx;
    if (type == XSLT_LOAD_STYLESHEET && modules_loaded >= MAX_STYLESHEET_MODULES) {
        pd_error(ctx, "a stylesheet may import or include at most %d modules (an import "
                      "cycle?): refused %s", MAX_STYLESHEET_MODULES, (const char *)uri);
        return NULL;
    }
    char *path = allowed_path(active, (const char *)uri);
    if (!path) {
        pd_error(ctx, "stylesheet may not read '%s' (only the built-in stylesheets and the "
                      "brand pack are readable)", (const char *)uri);
        return NULL;
    }
    char *data;
    size_t len;
    xmlDocPtr doc = NULL;
    if (pd_file_read(ctx, path, PD_XML_MAX_BYTES, &data, &len) == PD_OK) {
        doc = pd_xml_parse_in_dict(ctx, data, len, path, dict);
        free(data);
    }
    free(path);
    if (doc && type == XSLT_LOAD_STYLESHEET)
        modules_loaded++;
    return doc;
}

static int allow_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr tctxt, const char *v)
{
    (void)sec, (void)tctxt;
    char *path = active ? allowed_path(active, v) : NULL;
    free(path);
    return path != NULL;
}

static xsltSecurityPrefsPtr security_prefs(void)
{
    static xsltSecurityPrefsPtr prefs;
    if (prefs)
        return prefs;
    prefs = xsltNewSecurityPrefs();
    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
    /* libxslt counts every URI with a scheme other than file: as a network read, our
     * phasedoc: scheme included: allow_read lets that one through and nothing else. */
    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK, allow_read);
    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_FILE, allow_read);
    /* The import check reads the default preferences, not the context's. */
    xsltSetDefaultSecurityPrefs(prefs);
    return prefs;
}

void pd_xslt_init(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    /* Debian's libxslt loads plugins for unknown extension namespaces from here. */
    unsetenv("LIBXSLT_PLUGINS_PATH");
    pd_xml_init();
    exsltRegisterAll();
    pd_xslt_register_functions();
    xsltSetLoaderFunc(confined_loader);
    security_prefs();
    xsltSetGenericErrorFunc(NULL, on_xslt_error);
    xsltMaxDepth = MAX_TEMPLATE_DEPTH;
    xsltMaxVars = MAX_TEMPLATE_VARS;
}

static void free_stylesheet(void *p) { xsltFreeStylesheet(p); }

static xsltStylesheetPtr compile(const pd_xslt_env *env, const char *path)
{
    char key[PATH_MAX + 8];
    snprintf(key, sizeof key, "xsl:%s", path);
    xsltStylesheetPtr style = pd_cache_lookup(env->ctx->cache, key);
    if (style)
        return style;
    pd_status st;
    xmlDocPtr doc = pd_xml_load(env->ctx, path, &st);
    if (!doc)
        return NULL;
    int errors_before = pd_ctx_error_count(env->ctx);
    modules_loaded = 0;
    pd_xml_capture_begin(env->ctx);
    style = xsltParseStylesheetDoc(doc);
    pd_xml_capture_end();
    flush_messages(env->ctx, path, PD_ERROR);
    if (!style || style->errors > 0 || pd_ctx_error_count(env->ctx) > errors_before) {
        if (style)
            xsltFreeStylesheet(style); /* frees doc too */
        else
            xmlFreeDoc(doc);
        if (pd_ctx_error_count(env->ctx) == errors_before)
            pd_diag_raise(env->ctx, PD_ERROR, path, 0, 0, "not a valid stylesheet");
        return NULL;
    }
    return pd_cache_put(env->ctx->cache, key, style, free_stylesheet) ? style : NULL;
}

/* Compiles the stylesheet at path into the context's cache without running it (a batch
 * compiles once before forking its workers). */
pd_status pd_xslt_compile(const pd_xslt_env *env, const char *path)
{
    pd_xslt_init();
    active = env;
    xsltStylesheetPtr style = compile(env, path);
    active = NULL;
    return style ? PD_OK : PD_ERR_INPUT;
}

static bool set_param(const char **params, int *n, const char *name, const char *value,
                      char *storage, size_t size)
{
    /* XSLT parameters are XPath expressions: quote the value as a string literal. */
    if (!value || strchr(value, '\''))
        return false;
    snprintf(storage, size, "'%s'", value);
    params[(*n)++] = name;
    params[(*n)++] = storage;
    return true;
}

pd_status pd_xslt_transform(const pd_xslt_env *env, const char *path, xmlDocPtr input,
                            xmlDocPtr *output)
{
    pd_xslt_init();
    pd_ctx *ctx = env->ctx;
    active = env;
    *output = NULL;
    xsltStylesheetPtr style = compile(env, path);
    if (!style) {
        active = NULL;
        return PD_ERR_INPUT;
    }
    xsltTransformContextPtr tctxt = xsltNewTransformContext(style, input);
    if (!tctxt) {
        active = NULL;
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    tctxt->_private = (void *)env;
    tctxt->maxTemplateDepth = MAX_TEMPLATE_DEPTH;
    tctxt->maxTemplateVars = MAX_TEMPLATE_VARS;
    tctxt->opLimit = MAX_XPATH_OPS;
    if (tctxt->xpathCtxt)
        tctxt->xpathCtxt->opLimit = MAX_XPATH_OPS;
    xsltSetCtxtSecurityPrefs(security_prefs(), tctxt);
    xsltSetTransformErrorFunc(tctxt, NULL, on_xslt_error);

    const char *params[8] = {0};
    int np = 0;
    char kind_q[128], lang_q[64];
    set_param(params, &np, "kind", env->kind, kind_q, sizeof kind_q);
    set_param(params, &np, "lang", env->lang, lang_q, sizeof lang_q);

    int errors_before = pd_ctx_error_count(ctx);
    pd_xml_capture_begin(ctx);
    pd_xml_mem_cap_begin((size_t)MAX_TRANSFORM_MB << 20);
    xmlDocPtr out = xsltApplyStylesheetUser(style, input, params, NULL, NULL, tctxt);
    bool out_of_memory = pd_xml_mem_cap_end();
    pd_xml_capture_end();
    if (out_of_memory) {
        /* one clear message instead of a "Memory allocation failed" per failed allocation */
        pd_buf_free(&xslt_messages);
        pd_diag_raise(ctx, PD_ERROR, path, 0, 0,
                      "the stylesheet needs more than %d MB of memory (a runaway recursion or "
                      "an exploding result?)", MAX_TRANSFORM_MB);
    }
    if (tctxt->xpathCtxt && tctxt->xpathCtxt->opCount >= MAX_XPATH_OPS)
        pd_diag_raise(ctx, PD_ERROR, path, 0, 0,
                      "the stylesheet takes more than %lu XPath steps (a runaway expression?)",
                      MAX_XPATH_OPS);
    bool failed = !out || tctxt->state != XSLT_STATE_OK ||
                  pd_ctx_error_count(ctx) > errors_before;
    flush_messages(ctx, path, failed ? PD_ERROR : PD_WARNING);
    xsltFreeTransformContext(tctxt);
    active = NULL;
    if (failed) {
        xmlFreeDoc(out);
        if (pd_ctx_error_count(ctx) == errors_before)
            pd_diag_raise(ctx, PD_ERROR, path, 0, 0, "the stylesheet failed");
        return PD_ERR_INPUT;
    }
    *output = out;
    return PD_OK;
}
