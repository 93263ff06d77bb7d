/* xml.c — reading and parsing XML safely (see HARDENING: no entities, no DTDs, no network). */
#include "xml.h"
#include "rngmodel.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <malloc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static pd_ctx *capture_ctx;

/* ---- a memory cap for libxml2 and libxslt ----
 * A stylesheet can build an exponential tree, or double a string forty times, with hardly an
 * XPath operation, so libxslt's opLimit does not bound it (a 2^25-node tree took 8 GB and two
 * minutes). Every allocation of libxml2 and libxslt goes through these functions
 * (xmlMemSetup), which count the bytes live; while a cap is set, an allocation that would
 * pass it fails and the library stops with an out-of-memory error. Sizes come from
 * malloc_usable_size, which glibc, ASan and valgrind all provide, so a block allocated before
 * the set-up is freed correctly too. */
static atomic_llong mem_live, mem_cap; /* mem_cap 0: no cap */
static atomic_bool mem_hit;
static void (*_Atomic mem_end)(void); /* pd_xml_on_no_memory */

void pd_xml_on_no_memory(void (*end)(void)) { atomic_store(&mem_end, end); }

static void no_memory(void)
{
    pd_oom_note();
    void (*end)(void) = atomic_load(&mem_end);
    if (end)
        end();
}

static bool mem_refuse(size_t more)
{
    long long cap = atomic_load(&mem_cap);
    if (!cap || atomic_load(&mem_live) + (long long)more <= cap)
        return false;
    atomic_store(&mem_hit, true);
    return true;
}

static void *mem_malloc(size_t n)
{
    if (mem_refuse(n))
        return NULL;
    void *p = malloc(n);
    if (p)
        atomic_fetch_add(&mem_live, (long long)malloc_usable_size(p));
    else
        no_memory();
    return p;
}

static void *mem_realloc(void *old, size_t n)
{
    size_t was = old ? malloc_usable_size(old) : 0;
    if (n > was && mem_refuse(n - was))
        return NULL;
    void *p = realloc(old, n);
    if (p)
        atomic_fetch_add(&mem_live, (long long)malloc_usable_size(p) - (long long)was);
    else
        no_memory();
    return p;
}

static void mem_free(void *p)
{
    if (p)
        atomic_fetch_sub(&mem_live, (long long)malloc_usable_size(p));
    free(p);
}

static char *mem_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = mem_malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

void pd_xml_mem_cap_begin(size_t bytes)
{
    pd_xml_init();
    atomic_store(&mem_hit, false);
    atomic_store(&mem_cap, atomic_load(&mem_live) + (long long)bytes);
}

bool pd_xml_mem_cap_end(void)
{
    atomic_store(&mem_cap, 0);
    return atomic_exchange(&mem_hit, false);
}

/* libxml2's parser messages, reworded for somebody editing XML by hand; NULL keeps the
 * original. */
static const char *parser_message(const xmlError *err, char *buf, size_t size)
{
    const char *m = err->message ? err->message : "";
    const char *s1 = err->str1 ? err->str1 : "", *s2 = err->str2 ? err->str2 : "";
    switch ((int)err->code) {
    case XML_ERR_TAG_NAME_MISMATCH:
        if (pd_edit_distance(s1, s2) <= 2)
            snprintf(buf, size, "the start tag <%s> (line %d) is closed by </%s>: both must "
                     "name the same element; did you mean <%s> or </%s>?", s1, err->int1, s2,
                     s2, s1);
        else
            snprintf(buf, size, "</%s> closes <%s> (line %d), which is still open: is </%s> "
                     "missing?", s2, s1, err->int1, s1);
        return buf;
    case XML_ERR_TAG_NOT_FINISHED:
        snprintf(buf, size, "the file ends before <%s> (line %d) is closed: add </%s>", s1,
                 err->int1, s1);
        return buf;
    case XML_ERR_NAME_REQUIRED:
        if (strstr(m, "EntityRef"))
            return "a bare '&': write &amp; for the character & (XML escapes & as &amp; and < "
                   "as &lt;)";
        if (strstr(m, "StartTag"))
            return "a bare '<' that starts no element: write &lt; for the character <";
        return NULL;
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
        return "'&' starts an entity reference here: write &amp; for the character &";
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
        snprintf(buf, size, "&%s; is not an XML entity: write the character itself, or a "
                 "numeric reference such as &#160; (only &amp; &lt; &gt; &quot; &apos; are "
                 "predefined)", s1);
        return buf;
    case XML_ERR_LT_IN_ATTRIBUTE:
        return "a '<' inside an attribute value: write &lt;";
    case XML_ERR_ATTRIBUTE_REDEFINED:
        snprintf(buf, size, "the attribute %s is given twice on this element", s1);
        return buf;
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
        snprintf(buf, size, "the attribute %s has no value: write %s=\"...\"", s1, s1);
        return buf;
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
        return "an attribute value must be in quotes: name=\"value\"";
    case XML_ERR_DOCUMENT_END:
        return "there is more after the end of the root element (one root element per file; "
               "is an end tag misplaced?)";
    default:
        (void)s2;
        return NULL;
    }
}

static void on_structured_error(void *user, xmlErrorPtr err)
{
    (void)user;
    /* past the memory cap, the caller reports it once instead of each failed allocation */
    if (!capture_ctx || !err || atomic_load(&mem_hit))
        return;
    pd_severity sev = err->level == XML_ERR_WARNING ? PD_WARNING : PD_ERROR;
    /* One line per diagnostic: libxml2 continues some messages on a second line ("Bytes:
     * 0xFF 0xFE"). Its depth message advises XML_PARSE_HUGE, which is not for our users. */
    const char *text = err->message ? err->message : "XML error";
    char reworded[512];
    if (err->domain == XML_FROM_PARSER) {
        const char *r = parser_message(err, reworded, sizeof reworded);
        if (r)
            text = r;
    }
    char msg[512];
    size_t n = 0;
    if (err->code == XML_ERR_INTERNAL_ERROR && strstr(text, "XML_PARSE_HUGE"))
        text = "elements nest deeper than the limit of 256 levels";
    for (const char *p = text; *p && n + 3 < sizeof msg; p++) {
        if (*p != '\n')
            msg[n++] = *p;
        else if (p[1]) { /* an inner line break becomes "; " */
            msg[n++] = ';';
            msg[n++] = ' ';
        }
    }
    msg[n] = '\0';
    pd_diag_raise(capture_ctx, sev, err->file, err->line, err->int2, "%s", msg);
}

void pd_xml_capture_begin(pd_ctx *ctx)
{
    capture_ctx = ctx;
    xmlSetStructuredErrorFunc(NULL, on_structured_error);
}

void pd_xml_capture_end(void)
{
    capture_ctx = NULL;
    xmlSetStructuredErrorFunc(NULL, NULL);
}

/* Every external entity, DTD and catalog lookup ends here, and is refused. The refusal is
 * reported because returning NULL alone makes libxml2 print nothing. */
static xmlParserInputPtr refuse_external_entity(const char *url, const char *id,
                                                xmlParserCtxtPtr pctxt)
{
    if (capture_ctx) {
        const char *file = pctxt && pctxt->input ? pctxt->input->filename : NULL;
        int line = pctxt && pctxt->input ? pctxt->input->line : 0;
        int col = pctxt && pctxt->input ? pctxt->input->col : 0;
        pd_diag_raise(capture_ctx, PD_ERROR, file, line, col,
                      "external resource refused: %s", url ? url : id ? id : "(unnamed)");
    }
    return NULL;
}

void pd_xml_init(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    xmlMemSetup(mem_free, mem_malloc, mem_realloc, mem_strdup);
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_external_entity);
    xmlCatalogSetDefaults(XML_CATA_ALLOW_NONE);
}

pd_status pd_file_read(pd_ctx *ctx, const char *path, size_t max, char **data, size_t *len)
{
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        pd_diag_raise(ctx, PD_ERROR, name, 0, 0, "cannot open: %s", strerror(err));
        return (pd_status)pd_errno_status(err);
    }
    struct stat st;
    if (!is_stdin && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        pd_diag_raise(ctx, PD_ERROR, name, 0, 0, "not a regular file");
        close(fd);
        return PD_ERR_INPUT;
    }
    if (!is_stdin && (unsigned long long)st.st_size > max) {
        pd_diag_raise(ctx, PD_ERROR, name, 0, 0, "file is larger than the limit of %zu bytes",
                      max);
        close(fd);
        return PD_ERR_INPUT;
    }
    if (!is_stdin) /* O_NONBLOCK only kept a FIFO from blocking the open */
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    pd_buf b;
    pd_buf_init(&b, max);
    char chunk[65536];
    ssize_t n;
    size_t total = 0;
    while ((n = read(fd, chunk, sizeof chunk)) > 0) {
        total += (size_t)n;
        if (!pd_buf_add(&b, chunk, (size_t)n))
            break;
    }
    int read_errno = errno;
    if (!is_stdin)
        close(fd);
    if (b.failed && total <= max) { /* the cap was not reached: memory ran out */
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    if (b.failed) {
        pd_diag_raise(ctx, PD_ERROR, name, 0, 0, "file is larger than the limit of %zu bytes",
                      max);
        return PD_ERR_INPUT;
    }
    if (n < 0) {
        pd_buf_free(&b);
        pd_diag_raise(ctx, PD_ERROR, name, 0, 0, "cannot read: %s", strerror(read_errno));
        return (pd_status)pd_errno_status(read_errno);
    }
    if (!b.data && !pd_buf_add(&b, "", 0)) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    *data = b.data;
    *len = b.len;
    return PD_OK;
}

/* A DOCTYPE is refused outright: projects, brands, layouts and stylesheets never need one,
 * and it is the door to entity tricks. */
static void refuse_doctype(void *user, const xmlChar *name, const xmlChar *external_id,
                           const xmlChar *system_id)
{
    (void)name, (void)external_id, (void)system_id;
    xmlParserCtxtPtr pctxt = user;
    if (capture_ctx)
        pd_diag_raise(capture_ctx, PD_ERROR, pctxt->input ? pctxt->input->filename : NULL,
                      pctxt->input ? pctxt->input->line : 0, 1,
                      "a DOCTYPE is not allowed (no DTDs or entities are read)");
    pctxt->_private = (void *)1;
    xmlStopParser(pctxt);
}

/* Deliberately absent: NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE (they load external
 * content) and HUGE (it lifts the depth and amplification limits). */
enum { SAFE_OPTIONS = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOXINCNODE };

xmlDocPtr pd_xml_parse(pd_ctx *ctx, const char *data, size_t len, const char *name)
{
    return pd_xml_parse_in_dict(ctx, data, len, name, NULL);
}

xmlDocPtr pd_xml_parse_in_dict(pd_ctx *ctx, const char *data, size_t len, const char *name,
                               xmlDictPtr dict)
{
    pd_xml_init();
    if (len > PD_XML_MAX_BYTES || len > (size_t)INT32_MAX) {
        pd_diag_raise(ctx, PD_ERROR, name, 0, 0, "XML is larger than the limit");
        return NULL;
    }
    /* libxml2 would inflate gzip itself when reading a file; from memory it just sees
     * garbage at 1:1. Say what it is: only plain XML is read, never decompressed. */
    if (len >= 2 && (unsigned char)data[0] == 0x1f && (unsigned char)data[1] == 0x8b) {
        pd_diag_raise(ctx, PD_ERROR, name, 1, 1,
                      "the file is gzip-compressed: only plain XML is read (decompress it first)");
        return NULL;
    }
    xmlParserCtxtPtr pctxt = xmlNewParserCtxt();
    if (!pctxt) {
        pd_error(ctx, "out of memory");
        return NULL;
    }
    if (dict) {
        xmlDictFree(pctxt->dict);
        pctxt->dict = dict;
        xmlDictReference(dict);
    }
    pctxt->sax->internalSubset = refuse_doctype;
    pctxt->_private = NULL;
    int errors_before = pd_ctx_error_count(ctx);
    pd_xml_capture_begin(ctx);
    xmlDocPtr doc = xmlCtxtReadMemory(pctxt, data, (int)len, name, NULL, SAFE_OPTIONS);
    bool refused = pctxt->_private != NULL;
    bool wellformed = pctxt->wellFormed;
    pd_xml_capture_end();
    xmlFreeParserCtxt(pctxt);
    if (doc && (refused || !wellformed || pd_ctx_error_count(ctx) > errors_before)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (!doc && pd_ctx_error_count(ctx) == errors_before)
        pd_diag_raise(ctx, PD_ERROR, name, 0, 0, "not well-formed XML");
    return doc;
}

xmlDocPtr pd_xml_load(pd_ctx *ctx, const char *path, pd_status *status)
{
    char *data;
    size_t len;
    pd_status st = pd_file_read(ctx, path, PD_XML_MAX_BYTES, &data, &len);
    xmlDocPtr doc = NULL;
    if (st == PD_OK) {
        doc = pd_xml_parse(ctx, data, len, strcmp(path, "-") == 0 ? "<stdin>" : path);
        free(data);
        if (!doc)
            st = PD_ERR_INPUT;
    }
    if (status)
        *status = st;
    return doc;
}

const char *pd_xml_doc_name(const xmlDoc *doc)
{
    return doc && doc->URL ? (const char *)doc->URL : "<input>";
}

char *pd_xml_attr(const xmlNode *node, const char *name)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = pd_strdup((const char *)v);
    xmlFree(v);
    return s;
}

bool pd_xml_is(const xmlNode *node, const char *ns, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE &&
           strcmp((const char *)node->name, name) == 0 &&
           (!ns || (node->ns && strcmp((const char *)node->ns->href, ns) == 0));
}

bool pd_xml_contains(const xmlNode *node, const char *const *names)
{
    for (const xmlNode *c = node ? node->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        for (const char *const *n = names; *n; n++)
            if (strcmp((const char *)c->name, *n) == 0)
                return true;
        if (pd_xml_contains(c, names))
            return true;
    }
    return false;
}
