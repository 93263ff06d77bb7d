/* pipeline.c — the public operations: parse and validate, brand, XSLT, layout, render. Each
 * stage is a function of the one before, and nothing is written until the last succeeded. */
#include "brand.h"
#include "checks.h"
#include "engine.h"
#include "l10n.h"
#include "output.h"
#include "pipeline.h"
#include "pdf.h"
#include "preview.h"
#include "project.h"
#include "util.h"
#include "validate.h"
#include "xml.h"
#include "xslt.h"

#include <libgen.h>
#include <libxml/xmlsave.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define PROJECT_NS PD_PROJECT_NS

/* The document kinds in the order of the project's phases (the order of -k all). */
static const char *const kinds[] = {"offer", "concept", "implementation", "approval"};

const char *pd_kind_name(size_t i)
{
    return i < sizeof kinds / sizeof kinds[0] ? kinds[i] : NULL;
}

bool pd_kind_is_known(const char *kind)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (pd_streq(kind, kinds[i]))
            return true;
    return false;
}

static bool is_layout(xmlDocPtr doc)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    return pd_xml_is(root, PD_LAYOUT_NS, "document");
}

static bool is_project(xmlDocPtr doc)
{
    return pd_xml_is(xmlDocGetRootElement(doc), PROJECT_NS, "project");
}

/* Checks a parsed document as a project description: its root, the schema, its own
 * references. Takes doc; returns it, or NULL after freeing it. */
static xmlDocPtr check_project(pd_ctx *ctx, xmlDocPtr doc, pd_status *st)
{
    if (!is_project(doc)) {
        xmlNode *root = xmlDocGetRootElement(doc);
        pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), root ? (int)xmlGetLineNo(root) : 0,
                      1, "not a project description (expected <project xmlns=\"%s\">)",
                      PROJECT_NS);
        xmlFreeDoc(doc);
        *st = PD_ERR_INPUT;
        return NULL;
    }
    *st = pd_project_validate(ctx, doc);
    if (*st != PD_OK) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

static xmlDocPtr load_project(pd_ctx *ctx, const char *path, pd_status *st)
{
    xmlDocPtr doc = pd_xml_load(ctx, path, st);
    return doc ? check_project(ctx, doc, st) : NULL;
}

static pd_status validate_file_unlocked(pd_ctx *ctx, const char *path)
{
    pd_status st;
    xmlDocPtr doc = pd_xml_load(ctx, path, &st);
    if (!doc)
        return st;
    if (is_layout(doc))
        st = pd_validate_doc(ctx, doc, "layout.rng");
    else
        doc = check_project(ctx, doc, &st);
    if (doc && st == PD_OK && is_project(doc))
        st = pd_brand_check_project(ctx, doc); /* what render would refuse in <branding> */
    xmlFreeDoc(doc);
    return st;
}

pd_status pd_project_kinds(pd_ctx *ctx, const char *path, unsigned *mask)
{
    pd_status st;
    xmlDocPtr doc = pd_xml_load(ctx, path, &st);
    *mask = 0;
    for (size_t i = 0; doc && i < sizeof kinds / sizeof kinds[0]; i++)
        if (!is_project(doc) || pd_project_has_data(ctx, doc, kinds[i], false))
            *mask |= 1u << i;
    xmlFreeDoc(doc);
    return st;
}

static char *project_attr(xmlDocPtr doc, const char *name)
{
    return pd_xml_attr(xmlDocGetRootElement(doc), name);
}

static char *dir_of(const char *path)
{
    char real[PATH_MAX];
    if (!realpath(path, real))
        return NULL;
    return pd_strdup(dirname(real));
}

char **pd_pipeline_read_dirs(const pd_options *opts, const pd_brand *brand)
{
    size_t npacks = pd_brand_pack_count(brand);
    char **dirs = calloc(npacks + 2, sizeof *dirs);
    size_t nd = 0;
    for (size_t i = 0; dirs && i < npacks; i++)
        dirs[nd++] = pd_strdup(pd_brand_pack_dir(brand, i));
    if (dirs && opts->stylesheet)
        dirs[nd++] = dir_of(opts->stylesheet);
    return dirs;
}

char *pd_pipeline_stylesheet(pd_ctx *ctx, const pd_options *opts, const pd_brand *brand,
                             const char *kind)
{
    if (opts->stylesheet)
        return pd_strdup(opts->stylesheet);
    const char *own = pd_brand_get(brand, "document.stylesheet");
    if (own && *own)
        return pd_brand_file(ctx, brand, "document.stylesheet");
    char rel[64];
    snprintf(rel, sizeof rel, "stylesheets/%s.xsl", kind);
    return pd_data_path(ctx, rel);
}

/* Runs the stylesheet stage; on success *layout holds a validated layout document. */
static pd_status project_to_layout(pd_ctx *ctx, xmlDocPtr project, const pd_options *opts,
                                   xmlDocPtr *layout, char ***dirs_out, char ***fonts_out)
{
    const char *kind = opts->kind ? opts->kind : "approval";
    if (!pd_kind_is_known(kind) && !(opts->stylesheet && !is_project(project))) {
        pd_error(ctx, "unknown document kind '%s' (approval, offer, concept, implementation)",
                 kind);
        return PD_ERR_USAGE;
    }
    /* an approval sheet without approval data would show made-up blanks */
    if (is_project(project) && !opts->stylesheet && !pd_project_has_data(ctx, project, kind, true))
        return PD_ERR_INPUT;
    pd_brand *brand = NULL;
    pd_status st = pd_brand_resolve(ctx, opts->brand, is_project(project) ? project : NULL,
                                    (const char *const *)opts->settings, &brand);
    if (st != PD_OK)
        return st;
    char *lang = NULL;
    st = pd_pipeline_lang(ctx, opts, project, brand, &lang);
    const pd_catalogue *cat = st == PD_OK ? pd_l10n_load(ctx, lang) : NULL;
    if (st == PD_OK && !cat)
        st = PD_ERR_INPUT;
    char *stylesheet = st == PD_OK ? pd_pipeline_stylesheet(ctx, opts, brand, kind) : NULL;
    if (st == PD_OK && !stylesheet)
        st = PD_ERR_INPUT;
    char **dirs = pd_pipeline_read_dirs(opts, brand);
    if (st == PD_OK) /* the packs' font folders, for the layout stage */
        *fonts_out = pd_brand_font_dirs(ctx, brand, &st);
    if (st == PD_OK) {
        pd_xslt_env env = {ctx, brand, cat, lang, kind, (const char *const *)dirs};
        st = pd_xslt_transform(&env, stylesheet, project, layout);
        if (st == PD_OK) /* French spaces before ? and inside « », also in the project's text */
            pd_l10n_typeset_doc(cat, *layout);
    }
    /* The built-in stylesheets' output is checked against layout.rng by the tests; a partner
     * stylesheet's is checked here, on every render (it costs a quarter of a render). */
    const char *own = pd_brand_get(brand, "document.stylesheet");
    bool partner = opts->stylesheet || (own && *own);
    if (st == PD_OK && partner) {
        /* The result has no file of its own: errors in it name the stylesheet. */
        xmlFree((xmlChar *)(*layout)->URL);
        (*layout)->URL = xmlStrdup((const xmlChar *)stylesheet);
        st = pd_validate_doc(ctx, *layout, "layout.rng");
        if (st != PD_OK) {
            xmlFreeDoc(*layout);
            *layout = NULL;
        }
    }
    free(stylesheet);
    free(lang);
    pd_brand_free(brand);
    *dirs_out = dirs;
    return st;
}

/* A parsed input (taken) to a validated layout document, the folders its images may come
 * from, and the brand's font folders (NULL-terminated; NULL for layout XML, which has no
 * brand). */
static pd_status doc_to_layout(pd_ctx *ctx, xmlDocPtr doc, const char *path,
                               const pd_options *opts, xmlDocPtr *layout, char ***dirs,
                               char ***fonts)
{
    *dirs = NULL;
    *fonts = NULL;
    pd_status st;
    if (is_layout(doc)) {
        st = pd_validate_doc(ctx, doc, "layout.rng");
        if (st != PD_OK) {
            xmlFreeDoc(doc);
            return st;
        }
        *layout = doc;
        *dirs = calloc(3, sizeof **dirs);
        if (*dirs && strcmp(path, "-") != 0)
            (*dirs)[0] = dir_of(path);
        if (*dirs)
            (*dirs)[(*dirs)[0] ? 1 : 0] = pd_data_path(ctx, "templates");
        return PD_OK;
    }
    /* Any other XML with a stylesheet of the caller's: that stylesheet makes the layout, as
     * FOP's -xml/-xsl do; the project schema does not apply. */
    bool foreign = !is_project(doc) && opts->stylesheet;
    xmlDocPtr input = foreign ? doc : check_project(ctx, doc, &st);
    if (!input)
        return st;
    st = project_to_layout(ctx, input, opts, layout, dirs, fonts);
    xmlFreeDoc(input);
    return st;
}

static pd_status input_to_layout(pd_ctx *ctx, const char *path, const pd_options *opts,
                                 xmlDocPtr *layout, char ***dirs, char ***fonts)
{
    *dirs = NULL;
    *fonts = NULL;
    pd_status st;
    xmlDocPtr doc = pd_xml_load(ctx, path, &st);
    return doc ? doc_to_layout(ctx, doc, path, opts, layout, dirs, fonts) : st;
}

static pd_status layout_file_unlocked(pd_ctx *ctx, const char *path, const pd_options *opts,
                                      char **xml, size_t *len)
{
    xmlDocPtr layout = NULL;
    char **dirs = NULL, **fonts = NULL;
    pd_status st = input_to_layout(ctx, path, opts, &layout, &dirs, &fonts);
    pd_strv_free(dirs);
    pd_strv_free(fonts);
    if (st != PD_OK)
        return st;
    xmlChar *mem = NULL;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(layout, &mem, &size, "UTF-8", 1);
    xmlFreeDoc(layout);
    if (!mem) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    *xml = pd_strndup((const char *)mem, (size_t)size);
    *len = (size_t)size;
    xmlFree(mem);
    return *xml ? PD_OK : PD_ERR_SYSTEM;
}

/* Everything before drawing: the input laid out on pages, and what the layout borrows. */
typedef struct {
    xmlDocPtr layout;
    char **dirs, **fonts;
    pd_layout *lay;
} staged;

static void unstage(staged *sg)
{
    pd_layout_free(sg->lay);
    xmlFreeDoc(sg->layout);
    pd_strv_free(sg->dirs);
    pd_strv_free(sg->fonts);
}

/* doc: the parsed input (taken), or NULL to read path. writer: a PDF being written, which a
 * long document's pages are drawn into as they are laid out; NULL for the other outputs. */
static pd_status stage(pd_ctx *ctx, xmlDocPtr doc, const char *path, const pd_options *opts,
                       staged *sg, pd_pdf_writer *writer)
{
    *sg = (staged){0};
    pd_status st = doc ? doc_to_layout(ctx, doc, path, opts, &sg->layout, &sg->dirs, &sg->fonts)
                       : input_to_layout(ctx, path, opts, &sg->layout, &sg->dirs, &sg->fonts);
    if (st == PD_OK)
        st = pd_layout_run_jobs(ctx, sg->layout, (const char *const *)sg->dirs,
                                (const char *const *)sg->fonts, opts->max_pages, opts->jobs,
                                writer ? pd_pdf_sink : NULL, writer, &sg->lay);
    return st;
}

/* The PDF: pages drawn while the layout went on (a long document), or now. */
static pd_status write_pdf(pd_ctx *ctx, xmlDocPtr doc, const char *path,
                           const pd_options *opts, const char *out_path, staged *sg)
{
    *sg = (staged){0};
    pd_output *o = NULL;
    pd_status st = pd_output_open(ctx, out_path, &o);
    if (st != PD_OK)
        xmlFreeDoc(doc);
    pd_pdf_writer *w = st == PD_OK ? pd_pdf_begin(o) : NULL;
    if (st == PD_OK && !w) {
        pd_oom_note();
        st = PD_ERR_SYSTEM;
    }
    if (st == PD_OK && opts->embed_source)
        st = pd_pdf_embed_source(ctx, w, path);
    /* A long document's headers and footers are placed while its pages are drawn: an error
     * there (a refused logo) fails the render too, and nothing is written. */
    int errors_before = pd_ctx_error_count(ctx);
    if (st == PD_OK)
        st = stage(ctx, doc, path, opts, sg, w);
    for (int i = 0; st == PD_OK && !sg->lay->book.streaming && i < sg->lay->book.npages; i++)
        pd_pdf_page(w, sg->lay, i);
    if (st == PD_OK)
        st = w ? pd_pdf_end(w) : PD_OK;
    else
        pd_pdf_cancel(w);
    if (st == PD_OK && pd_ctx_error_count(ctx) > errors_before)
        st = PD_ERR_INPUT;
    /* Nothing made under a failed allocation is trusted (libxml2 absorbs some). */
    if (st == PD_OK && pd_oom_seen())
        st = PD_ERR_SYSTEM;
    /* A failed write names its cause (a full disk) whatever stage noticed it first. */
    if (o && (st == PD_OK || pd_output_failed(o)))
        st = pd_output_commit(ctx, o);
    else if (o)
        pd_output_abort(o);
    return st;
}

pd_status pd_render_file(pd_ctx *ctx, const char *path, const pd_options *opts,
                         const char *out_path)
{
    return pd_render_file_stats(ctx, path, opts, out_path, NULL);
}

/* Renders doc (taken; NULL: read path) to out_path. */
static pd_status render_doc(pd_ctx *ctx, xmlDocPtr doc, const char *path, const pd_options *opts,
                            const char *out_path, pd_render_stats *stats)
{
    if (stats)
        stats->pages = 0;
    /* A bad output name (a newline, the input itself, a folder) is refused before any work. */
    pd_status st = pd_output_check(ctx, out_path, path);
    if (st != PD_OK) {
        xmlFreeDoc(doc);
        return st;
    }
    staged sg;
    const char *format = opts->format ? opts->format : "pdf";
    bool pdf = strcmp(format, "png") != 0 && strcmp(format, "svg") != 0;
    st = pdf ? write_pdf(ctx, doc, path, opts, out_path, &sg)
             : stage(ctx, doc, path, opts, &sg, NULL);
    if (st == PD_OK && strcmp(format, "png") == 0)
        st = pd_render_png(sg.lay, out_path, opts->resolution > 0 ? opts->resolution : 96);
    else if (st == PD_OK && strcmp(format, "svg") == 0)
        st = pd_render_svg(sg.lay, out_path);
    if (stats)
        stats->pages = st == PD_OK ? sg.lay->book.npages : 0;
    unstage(&sg);
    return st;
}

static pd_status render_file_stats_unlocked(pd_ctx *ctx, const char *path,
                                            const pd_options *opts, const char *out_path,
                                            pd_render_stats *stats)
{
    return render_doc(ctx, NULL, path, opts, out_path, stats);
}

static pd_status render_named_unlocked(pd_ctx *ctx, const char *path, const pd_options *opts,
                                       pd_namer_fn namer, void *user, pd_render_stats *stats)
{
    if (stats)
        stats->pages = 0;
    pd_status st;
    xmlDocPtr doc = pd_xml_load(ctx, path, &st);
    if (!doc)
        return st;
    char *out = NULL;
    st = namer(ctx, doc, user, &out);
    if (st != PD_OK || !out) {
        xmlFreeDoc(doc);
        return st;
    }
    st = render_doc(ctx, doc, path, opts, out, stats);
    free(out);
    return st;
}

typedef struct {
    const char *dir, *format;
    const pd_options *opts;
    char **used;
} auto_name;

static pd_status name_from_id(pd_ctx *ctx, xmlDocPtr doc, void *user, char **out)
{
    auto_name *a = user;
    char *id = NULL;
    pd_status st = pd_project_id_doc(ctx, doc, &id);
    if (st != PD_OK)
        return st;
    char *kind = pd_kind_file_word(ctx, doc, a->opts);
    size_t n = strlen(id) + (kind ? strlen(kind) : 0) + strlen(a->format) +
               (a->dir ? strlen(a->dir) : 0) + 8;
    *out = kind ? malloc(n) : NULL;
    if (*out)
        snprintf(*out, n, "%s%s%s-%s.%s", a->dir ? a->dir : "", a->dir ? "/" : "", id, kind,
                 a->format);
    free(kind);
    free(id);
    if (!*out) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    if (a->used && !(*a->used = pd_strdup(*out))) {
        free(*out);
        *out = NULL;
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    return PD_OK;
}

pd_status pd_render_file_auto(pd_ctx *ctx, const char *path, const pd_options *opts,
                              const char *dir, char **used, pd_render_stats *stats)
{
    if (used)
        *used = NULL;
    auto_name a = {dir, opts->format ? opts->format : "pdf", opts, used};
    return pd_render_named(ctx, path, opts, name_from_id, &a, stats);
}

static pd_status layout_boxes_unlocked(pd_ctx *ctx, const char *path, const pd_options *opts,
                                       FILE *out)
{
    staged sg;
    pd_status st = stage(ctx, NULL, path, opts, &sg, NULL);
    if (st == PD_OK)
        pd_layout_dump(sg.lay, out);
    unstage(&sg);
    return st;
}

pd_status pd_project_id(pd_ctx *ctx, const char *path, char **id)
{
    pd_status st;
    xmlDocPtr doc = pd_xml_load(ctx, path, &st);
    if (!doc)
        return st;
    st = pd_project_id_doc(ctx, doc, id);
    xmlFreeDoc(doc);
    return st;
}

pd_status pd_project_id_doc(pd_ctx *ctx, xmlDocPtr doc, char **id)
{
    *id = is_project(doc) ? project_attr(doc, "id") : NULL;
    /* The id becomes a file name: only what the schema allows ([A-Za-z0-9._-]+), so that it
     * can neither leave the output folder nor carry a newline. The project is not validated
     * yet, so this is checked here. */
    if (*id && (!**id || strspn(*id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                     "0123456789._-") != strlen(*id))) {
        xmlNode *root = xmlDocGetRootElement(doc);
        pd_diag_raise(ctx, PD_ERROR, pd_xml_doc_name(doc), (int)xmlGetLineNo(root), 0,
                      "the project id cannot name an output file (only letters, digits, '.', "
                      "'_' and '-')");
        free(*id);
        *id = NULL;
        return PD_ERR_INPUT;
    }
    if (!*id)
        *id = pd_strdup("document");
    if (!*id) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    return PD_OK;
}

static pd_status brand_show_unlocked(pd_ctx *ctx, const char *path, const pd_options *opts,
                                     FILE *out)
{
    pd_status st = PD_OK;
    xmlDocPtr project = path ? load_project(ctx, path, &st) : NULL;
    if (st != PD_OK)
        return st;
    pd_brand *brand = NULL;
    st = pd_brand_resolve(ctx, opts->brand, project, (const char *const *)opts->settings,
                          &brand);
    char tag[40];
    if (st == PD_OK && opts->lang && !pd_l10n_check(ctx, opts->lang, NULL, 0))
        st = PD_ERR_USAGE;
    if (st == PD_OK)
        pd_brand_print_lang(brand, opts->lang && pd_l10n_normalize(opts->lang, tag, sizeof tag)
                                       ? tag : NULL, out);
    pd_brand_free(brand);
    xmlFreeDoc(project);
    return st;
}

pd_status pd_print_starter(pd_ctx *ctx, FILE *out)
{
    char *path = pd_data_path(ctx, "templates/new-project.xml");
    char *data = NULL;
    size_t len = 0;
    pd_status st = path ? pd_file_read(ctx, path, 1u << 20, &data, &len) : PD_ERR_SYSTEM;
    free(path);
    /* after the XML declaration: where editors find the schema (<?xml-model?>) */
    const char *body = data;
    if (st == PD_OK && strncmp(data, "<?xml ", 6) == 0 && memchr(data, '\n', len)) {
        body = (const char *)memchr(data, '\n', len) + 1;
        if (fwrite(data, 1, (size_t)(body - data), out) != (size_t)(body - data) ||
            pd_starter_schema_pis(ctx, out) != PD_OK)
            st = PD_ERR_SYSTEM;
    }
    if (st == PD_OK && fwrite(body, 1, len - (size_t)(body - data), out) !=
                           len - (size_t)(body - data))
        st = PD_ERR_SYSTEM;
    free(data);
    return st == PD_ERR_INPUT ? PD_ERR_SYSTEM : st;
}

/* ---- from memory: a buffer in, a buffer or a callback out ---------------------------- */

/* What input_to_layout does for a file, for a document parsed from a buffer, which has no
 * folder: layout XML takes images from the data dir's templates only; a project's images and
 * stylesheet come from its brand packs (and opts->stylesheet), as they do for a file. Takes
 * doc. */
/* A buffer has no folder, and the engine resolves an image's relative src against the
 * document's name: relative sources of layout XML from a buffer are made relative to the
 * data dir's templates/ (the brand packs), the only folder they may come from. */
static bool anchor_images(xmlNode *n, const char *templates)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (pd_xml_is(n, PD_LAYOUT_NS, "image")) {
            char *src = pd_xml_attr(n, "src");
            char *abs = src && src[0] != '/' ? pd_strcat3(templates, "/", src) : NULL;
            bool ok = !src || src[0] == '/' ||
                      (abs && xmlSetProp(n, (const xmlChar *)"src", (const xmlChar *)abs));
            free(src);
            free(abs);
            if (!ok)
                return false;
        }
        if (!anchor_images(n->children, templates))
            return false;
    }
    return true;
}

static pd_status buffer_doc_to_layout(pd_ctx *ctx, xmlDocPtr doc, const pd_options *opts,
                                      xmlDocPtr *layout, char ***dirs, char ***fonts)
{
    *dirs = NULL;
    *fonts = NULL;
    pd_status st;
    if (is_layout(doc)) {
        st = pd_validate_doc(ctx, doc, "layout.rng");
        if (st != PD_OK) {
            xmlFreeDoc(doc);
            return st;
        }
        *layout = doc;
        *dirs = calloc(2, sizeof **dirs);
        if (*dirs)
            (*dirs)[0] = pd_data_path(ctx, "templates");
        if (!*dirs || !(*dirs)[0] ||
            !anchor_images(xmlDocGetRootElement(doc)->children, (*dirs)[0])) {
            pd_error(ctx, "out of memory");
            return PD_ERR_SYSTEM;
        }
        return PD_OK;
    }
    bool foreign = !is_project(doc) && opts->stylesheet;
    xmlDocPtr input = foreign ? doc : check_project(ctx, doc, &st);
    if (!input)
        return st;
    st = project_to_layout(ctx, input, opts, layout, dirs, fonts);
    xmlFreeDoc(input);
    return st;
}

static const pd_options no_options;

/* The hardened parser over the caller's bytes; errors name the buffer. */
static xmlDocPtr parse_buffer(pd_ctx *ctx, const char *data, size_t len, const char *name,
                              pd_status *st)
{
    if (!data && len > 0) {
        pd_error(ctx, "no buffer given for %zu bytes", len);
        *st = PD_ERR_USAGE;
        return NULL;
    }
    xmlDocPtr doc = pd_xml_parse(ctx, data ? data : "", len, name ? name : "<memory>");
    *st = doc ? PD_OK : PD_ERR_INPUT;
    return doc;
}

pd_status pd_validate_memory(pd_ctx *ctx, const char *data, size_t len, const char *name)
{
    pd_status st;
    xmlDocPtr doc = parse_buffer(ctx, data, len, name, &st);
    if (!doc)
        return st;
    if (is_layout(doc))
        st = pd_validate_doc(ctx, doc, "layout.rng");
    else
        doc = check_project(ctx, doc, &st);
    xmlFreeDoc(doc);
    return st;
}

pd_status pd_layout_memory(pd_ctx *ctx, const char *data, size_t len, const char *name,
                           const pd_options *opts, char **xml, size_t *xml_len)
{
    *xml = NULL;
    *xml_len = 0;
    pd_status st;
    xmlDocPtr doc = parse_buffer(ctx, data, len, name, &st);
    if (!doc)
        return st;
    xmlDocPtr layout = NULL;
    char **dirs = NULL, **fonts = NULL;
    st = buffer_doc_to_layout(ctx, doc, opts ? opts : &no_options, &layout, &dirs, &fonts);
    pd_strv_free(dirs);
    pd_strv_free(fonts);
    if (st != PD_OK)
        return st;
    xmlChar *mem = NULL;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(layout, &mem, &size, "UTF-8", 1);
    xmlFreeDoc(layout);
    *xml = mem ? pd_strndup((const char *)mem, (size_t)size) : NULL;
    xmlFree(mem);
    if (!*xml) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    *xml_len = (size_t)size;
    return PD_OK;
}

/* The PDF of a buffer into an output held in memory, pages drawn as they are laid out, as
 * write_pdf does for a file. */
static pd_status render_buffer(pd_ctx *ctx, const char *data, size_t len, const char *name,
                               const pd_options *opts, pd_output *o, pd_render_stats *stats)
{
    if (stats)
        stats->pages = 0;
    if (opts->format && strcmp(opts->format, "pdf") != 0) {
        pd_error(ctx, "a render from memory makes a PDF, not '%s'", opts->format);
        return PD_ERR_USAGE;
    }
    pd_pdf_writer *w = pd_pdf_begin(o);
    if (!w) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    int errors_before = pd_ctx_error_count(ctx);
    staged sg = {0};
    pd_status st;
    xmlDocPtr doc = parse_buffer(ctx, data, len, name, &st);
    if (doc)
        st = buffer_doc_to_layout(ctx, doc, opts, &sg.layout, &sg.dirs, &sg.fonts);
    if (st == PD_OK)
        st = pd_layout_run_drawing(ctx, sg.layout, (const char *const *)sg.dirs,
                                   (const char *const *)sg.fonts, opts->max_pages, pd_pdf_sink,
                                   w, &sg.lay);
    for (int i = 0; st == PD_OK && !sg.lay->book.streaming && i < sg.lay->book.npages; i++)
        pd_pdf_page(w, sg.lay, i);
    if (st == PD_OK)
        st = pd_pdf_end(w);
    else
        pd_pdf_cancel(w);
    if (st == PD_OK && pd_ctx_error_count(ctx) > errors_before)
        st = PD_ERR_INPUT;
    if (stats && st == PD_OK)
        stats->pages = sg.lay->book.npages;
    unstage(&sg);
    return st;
}

pd_status pd_render_memory(pd_ctx *ctx, const char *data, size_t len, const char *name,
                           const pd_options *opts, char **pdf, size_t *pdf_len,
                           pd_render_stats *stats)
{
    *pdf = NULL;
    *pdf_len = 0;
    pd_output *o = NULL;
    pd_status st = pd_output_open_memory(ctx, &o);
    if (st == PD_OK)
        st = render_buffer(ctx, data, len, name, opts ? opts : &no_options, o, stats);
    if (st != PD_OK) {
        pd_output_abort(o);
        return st;
    }
    return pd_output_take(ctx, o, pdf, pdf_len);
}

pd_status pd_render_memory_to(pd_ctx *ctx, const char *data, size_t len, const char *name,
                              const pd_options *opts, pd_write_fn write_fn, void *user,
                              pd_render_stats *stats)
{
    char *pdf;
    size_t n;
    pd_status st = pd_render_memory(ctx, data, len, name, opts, &pdf, &n, stats);
    if (st != PD_OK)
        return st;
    /* Handed over only once complete: a failed render never calls write. */
    if (write_fn(pdf, n, user) != 0) {
        pd_error(ctx, "the caller's write function failed");
        st = PD_ERR_SYSTEM;
    }
    free(pdf);
    return st;
}

pd_status pd_validate_file(pd_ctx *ctx, const char *path)
{
    if (!pd_call_enter(ctx))
        return PD_ERR_USAGE;
    pd_status st = validate_file_unlocked(ctx, path);
    return pd_call_leave_status(ctx, st);
}

pd_status pd_layout_file(pd_ctx *ctx, const char *path, const pd_options *opts, char **xml,
                         size_t *len)
{
    if (!pd_call_enter(ctx))
        return PD_ERR_USAGE;
    pd_status st = layout_file_unlocked(ctx, path, opts, xml, len);
    return pd_call_leave_status(ctx, st);
}

pd_status pd_render_file_stats(pd_ctx *ctx, const char *path, const pd_options *opts,
                               const char *out_path, pd_render_stats *stats)
{
    if (!pd_call_enter(ctx))
        return PD_ERR_USAGE;
    pd_status st = render_file_stats_unlocked(ctx, path, opts, out_path, stats);
    return pd_call_leave_status(ctx, st);
}

pd_status pd_render_named(pd_ctx *ctx, const char *path, const pd_options *opts,
                          pd_namer_fn namer, void *user, pd_render_stats *stats)
{
    if (!pd_call_enter(ctx))
        return PD_ERR_USAGE;
    pd_status st = render_named_unlocked(ctx, path, opts, namer, user, stats);
    return pd_call_leave_status(ctx, st);
}

pd_status pd_layout_boxes(pd_ctx *ctx, const char *path, const pd_options *opts, FILE *out)
{
    if (!pd_call_enter(ctx))
        return PD_ERR_USAGE;
    pd_status st = layout_boxes_unlocked(ctx, path, opts, out);
    return pd_call_leave_status(ctx, st);
}

pd_status pd_brand_show(pd_ctx *ctx, const char *path, const pd_options *opts, FILE *out)
{
    if (!pd_call_enter(ctx))
        return PD_ERR_USAGE;
    pd_status st = brand_show_unlocked(ctx, path, opts, out);
    return pd_call_leave_status(ctx, st);
}
