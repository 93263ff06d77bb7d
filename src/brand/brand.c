/* brand.c — resolving the brand cascade: built-in → packs (oldest first) → project → -s. */
#include "brand.h"
#include "path.h"
#include "array.h"
#include "brand_keys.h"
#include "paths.h"
#include "util.h"
#include "validate.h"
#include "xml.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PROJECT_NS PD_PROJECT_NS

/* A hostile pack must not make resolution quadratic in a huge file: keys are kept sorted. */
enum { MAX_KEYS = 4096, MAX_LAYER_SETTINGS = 4096, MAX_PACK_NAME = 64 };

typedef enum { LAYER_BUILTIN, LAYER_PACK, LAYER_PROJECT, LAYER_CMDLINE } layer_kind;

typedef struct {
    char *key, *value, *origin;
    layer_kind kind;
    int pack;        /* LAYER_PACK: index into packs */
    int line;        /* in the file of the layer that set it; 0 for built-in and -s */
    unsigned serial; /* the layer application that set it: finds keys set twice in one file */
} brand_entry;

typedef struct {
    char *name; /* its <brand name> */
    char *dir;  /* realpath'd */
    char *file; /* dir/brand.xml */
    xmlDocPtr doc; /* only while resolving */
} brand_pack;

struct pd_brand {
    brand_entry *entries; /* sorted by key */
    size_t n, cap;
    brand_pack packs[PD_BRAND_MAX_CHAIN]; /* oldest first once resolved */
    size_t npacks;
    char *project_file;
};

/* One layer being applied: where its values come from, for origins and messages. */
typedef struct {
    pd_ctx *ctx;
    pd_brand *b;
    layer_kind kind;
    int pack;
    const char *file;  /* NULL for -s */
    unsigned serial;
    size_t count;
    bool failed;
} layer;

/* ---- entries ---- */

static void entry_clear(brand_entry *e)
{
    free(e->key);
    free(e->value);
    free(e->origin);
}

void pd_brand_free(pd_brand *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++)
        entry_clear(&b->entries[i]);
    free(b->entries);
    for (size_t i = 0; i < b->npacks; i++) {
        free(b->packs[i].name);
        free(b->packs[i].dir);
        free(b->packs[i].file);
        xmlFreeDoc(b->packs[i].doc);
    }
    free(b->project_file);
    free(b);
}

/* Index of key, or of where it would be inserted (with *found false). */
static size_t entry_search(const pd_brand *b, const char *key, bool *found)
{
    size_t lo = 0, hi = b->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(b->entries[mid].key, key);
        if (c == 0) {
            *found = true;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = false;
    return lo;
}

static const brand_entry *entry_find(const pd_brand *b, const char *key)
{
    bool found;
    size_t i = b && key ? entry_search(b, key, &found) : 0;
    return b && key && found ? &b->entries[i] : NULL;
}

/* The slot for key, created empty if new; NULL when out of memory or over MAX_KEYS. */
static brand_entry *entry_slot(pd_brand *b, const char *key)
{
    bool found;
    size_t i = entry_search(b, key, &found);
    if (found)
        return &b->entries[i];
    if (b->n >= MAX_KEYS)
        return NULL;
    brand_entry *p = pd_array_grow(b->entries, &b->cap, b->n + 1, sizeof *p);
    if (!p)
        return NULL;
    b->entries = p;
    char *k = pd_strdup(key);
    if (!k)
        return NULL;
    memmove(&b->entries[i + 1], &b->entries[i], (b->n - i) * sizeof *b->entries);
    memset(&b->entries[i], 0, sizeof *b->entries);
    b->entries[i].key = k;
    b->n++;
    return &b->entries[i];
}

static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

static char *origin_of(const layer *L, int line)
{
    switch (L->kind) {
    case LAYER_BUILTIN: return pd_strdup("built-in");
    case LAYER_PACK:
        return format("pack %s (%s:%d)", L->b->packs[L->pack].name, L->file, line);
    case LAYER_PROJECT: return format("project (%s:%d)", L->file, line);
    case LAYER_CMDLINE: return pd_strdup("command line (-s)");
    }
    return NULL;
}

/* ---- applying one layer ---- */

static void layer_error(layer *L, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void layer_error(layer *L, int line, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    L->failed = true;
    if (L->kind == LAYER_CMDLINE)
        pd_diag_raise(L->ctx, PD_ERROR, NULL, 0, 0, "-s: %s", msg);
    else
        pd_diag_raise(L->ctx, PD_ERROR, L->file, line, 0, "%s", msg);
}

static void unknown_key(layer *L, const char *key, int line)
{
    char q[300];
    pd_brand_quote(key, q, sizeof q);
    if (pd_brand_is_wording_prefix(key)) {
        layer_error(L, line, "malformed wording key '%s' (expected wording.<lang>.<key>, e.g. "
                             "wording.en.offer.title or wording.de-AT.offer.title)", q);
        return;
    }
    const char *hint = pd_brand_suggest(key);
    layer_error(L, line, "unknown brand key '%s'%s%s%s", q, hint ? " (did you mean " : "",
                hint ? hint : "", hint ? "?)" : "");
}

/* Checks and stores one key=value of layer L; a bad one is reported and skipped so that every
 * problem in a file is reported in one run. */
static bool set_value(layer *L, const char *key, const char *value, int line)
{
    if (++L->count > MAX_LAYER_SETTINGS) {
        if (L->count == MAX_LAYER_SETTINGS + 1)
            layer_error(L, line, "too many brand settings (the limit is %d)",
                        MAX_LAYER_SETTINGS);
        return false;
    }
    const pd_brand_keydef *def = pd_brand_keydef_find(key);
    if (!def) {
        unknown_key(L, key, line);
        return false;
    }
    char why[600];
    if (!pd_brand_value_check(def, value, why, sizeof why)) {
        layer_error(L, line, "invalid value for %s: %s", key, why);
        return false;
    }
    char *v = pd_brand_value_normalize(def, value);
    char *origin = v ? origin_of(L, line) : NULL;
    brand_entry *e = origin ? entry_slot(L->b, key) : NULL;
    if (!e) {
        free(v);
        free(origin);
        layer_error(L, line, "cannot store brand key %s (out of memory or more than %d keys)",
                    key, MAX_KEYS);
        return false;
    }
    if (e->value && e->serial == L->serial && L->kind != LAYER_CMDLINE)
        pd_diag_raise(L->ctx, PD_WARNING, L->file, line, 0,
                      "brand key %s is set twice in this file (first on line %d); the later "
                      "value wins", key, e->line);
    free(e->value);
    free(e->origin);
    e->value = v;
    e->origin = origin;
    e->kind = L->kind;
    e->pack = L->pack;
    e->line = line;
    e->serial = L->serial;
    return true;
}

static bool apply_builtin(pd_ctx *ctx, pd_brand *b)
{
    layer L = {ctx, b, LAYER_BUILTIN, -1, NULL, 0, 0, false};
    for (size_t i = 0; i < pd_brand_keydef_count(); i++) {
        const pd_brand_keydef *def = pd_brand_keydef_at(i);
        if (!set_value(&L, def->key, def->def, 0))
            return false;
    }
    return true;
}

static int node_line(const xmlNode *n)
{
    long l = xmlGetLineNo(n);
    return l > 0 && l < 0x7fffffff ? (int)l : 0;
}

/* Element text with runs of white space folded to one space and the ends trimmed: a wording
 * element may be indented over several lines in the file. */
static char *folded_text(const xmlNode *n)
{
    xmlChar *raw = xmlNodeGetContent(n);
    if (!raw)
        return pd_strdup("");
    char *out = malloc(strlen((char *)raw) + 1);
    if (out) {
        size_t o = 0;
        bool space = false;
        for (const char *p = (const char *)raw; *p; p++) {
            if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
                space = o > 0;
                continue;
            }
            if (space)
                out[o++] = ' ';
            space = false;
            out[o++] = *p;
        }
        out[o] = '\0';
    }
    xmlFree(raw);
    return out;
}

static void apply_wording(layer *L, const xmlNode *n)
{
    char *lang = pd_xml_attr(n, "lang"), *key = pd_xml_attr(n, "key");
    char *text = folded_text(n);
    char *full = lang && key ? format("wording.%s.%s", lang, key) : NULL;
    if (!full || !text)
        layer_error(L, node_line(n), "a <wording> needs lang and key attributes");
    else
        set_value(L, full, text, node_line(n));
    free(lang);
    free(key);
    free(text);
    free(full);
}

/* <set key value/> under parent, in namespace ns; other elements are refused unless skip names
 * them (the schema has been checked for packs, not necessarily for a project). */
static void apply_sets(layer *L, const xmlNode *parent, const char *ns)
{
    for (const xmlNode *n = parent->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (pd_xml_is(n, ns, "set")) {
            char *key = pd_xml_attr(n, "key"), *value = pd_xml_attr(n, "value");
            char *lang = pd_xml_attr(n, "lang");
            char *full = key && lang ? format("%s@%s", key, lang) : NULL;
            if (!key || !value || (lang && !full))
                layer_error(L, node_line(n), "a <set> needs key and value attributes");
            else if (lang && !pd_brand_key_lang(full))
                layer_error(L, node_line(n), "lang='%s' is not a language tag such as de or "
                            "de-CH", lang);
            else if (lang && !pd_brand_keydef_find(full) && pd_brand_keydef_find(key))
                layer_error(L, node_line(n), "%s is not a text: it has one value for every "
                            "language", key);
            else
                set_value(L, full ? full : key, value, node_line(n));
            free(lang);
            free(full);
            free(key);
            free(value);
        } else if (L->kind == LAYER_PACK && pd_xml_is(n, ns, "wording")) {
            apply_wording(L, n);
        } else if (!(L->kind == LAYER_PACK && pd_xml_is(n, ns, "description"))) {
            layer_error(L, node_line(n), "unexpected element <%s> in <%s>",
                        (const char *)n->name, (const char *)parent->name);
        }
    }
}

static const xmlNode *project_branding(xmlDocPtr project)
{
    const xmlNode *root = project ? xmlDocGetRootElement(project) : NULL;
    for (const xmlNode *n = root ? root->children : NULL; n; n = n->next)
        if (pd_xml_is(n, PROJECT_NS, "branding"))
            return n;
    return NULL;
}

static void apply_settings(layer *L, const char *const *settings)
{
    for (size_t i = 0; settings && settings[i]; i++) {
        const char *eq = strchr(settings[i], '=');
        if (!eq || eq == settings[i]) {
            char q[300];
            pd_brand_quote(settings[i], q, sizeof q);
            layer_error(L, 0, "expected key=value, got '%s'", q);
            continue;
        }
        char *key = pd_strndup(settings[i], (size_t)(eq - settings[i]));
        if (!key)
            layer_error(L, 0, "out of memory");
        else
            set_value(L, key, eq + 1, 0);
        free(key);
    }
}

/* ---- finding and loading packs ---- */

/* [A-Za-z0-9_-][A-Za-z0-9._-]*: a folder name that cannot be "..", hidden, or a path. */
static bool pack_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > MAX_PACK_NAME || name[0] == '.')
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '_' || *p == '-'))
            return false;
    return true;
}

static bool inside(const char *path, const char *dir) { return pd_path_inside(path, dir); }

/* realpath of dir if it holds a brand.xml that is a regular file, else NULL. The folder itself
 * may be a link (packs installed elsewhere), but its brand.xml must not lead out of it, like
 * every other file of the pack. */
static char *pack_dir_at(const char *dir)
{
    char *real = realpath(dir, NULL);
    char *file = real ? pd_strcat3(real, "/", "brand.xml") : NULL;
    char *real_file = file ? realpath(file, NULL) : NULL;
    struct stat st;
    bool ok = real_file && inside(real_file, real) && stat(real_file, &st) == 0 &&
              S_ISREG(st.st_mode);
    free(file);
    free(real_file);
    if (!ok) {
        free(real);
        return NULL;
    }
    return real;
}

static char *pack_dir_in(const char *parent, const char *name)
{
    char *dir = pd_strcat3(parent, "/", name);
    char *real = dir ? pack_dir_at(dir) : NULL;
    free(dir);
    return real;
}

/* A pack by name in the search folders (paths.h: the user's, the system's, the data dir's),
 * first match wins. *where gets the folders joined by ", " for messages (malloc'd), even when
 * nothing was found; NULL for both when out of memory. */
static char *pack_dir_search(const pd_ctx *ctx, const char *name, char **where)
{
    char **dirs = pd_brand_search_dirs(ctx);
    char *found = NULL;
    pd_buf b;
    pd_buf_init(&b, 1u << 16);
    for (size_t i = 0; dirs && dirs[i]; i++) {
        if (!found)
            found = pack_dir_in(dirs[i], name);
        pd_buf_adds(&b, i ? ", " : "");
        pd_buf_adds(&b, dirs[i]);
    }
    pd_strv_free(dirs);
    *where = dirs && pd_buf_add(&b, "", 1) ? b.data : NULL;
    if (!*where) {
        pd_buf_free(&b);
        free(found);
        found = NULL;
    }
    return found;
}

/* The folder holding dir (dir is realpath'd, so it has no trailing slash). */
static char *parent_of(const char *dir)
{
    const char *slash = strrchr(dir, '/');
    return slash ? pd_strndup(dir, (size_t)(slash - dir)) : pd_strdup(".");
}

static const char *base_name(const char *dir)
{
    const char *slash = strrchr(dir, '/');
    return slash ? slash + 1 : dir;
}

/* Loads and checks the brand.xml of dir into the next slot of b->packs (newest first while the
 * chain is being walked). Takes dir. */
static pd_status load_pack(pd_ctx *ctx, pd_brand *b, char *dir)
{
    brand_pack *p = &b->packs[b->npacks++];
    p->dir = dir;
    p->file = pd_strcat3(dir, "/", "brand.xml");
    if (!p->file) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    pd_status st;
    p->doc = pd_xml_load(ctx, p->file, &st);
    if (!p->doc)
        return st == PD_OK ? PD_ERR_INPUT : st;
    st = pd_validate_doc(ctx, p->doc, "brand.rng");
    if (st != PD_OK)
        return st;
    p->name = pd_xml_attr(xmlDocGetRootElement(p->doc), "name");
    if (!p->name) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    return PD_OK;
}

/* "x extends y extends x" for a cycle message: the chain from index from, then name. */
static void describe_cycle(const pd_brand *b, size_t from, const char *name, char *buf,
                           size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = from; i < b->npacks && o < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s extends ", base_name(b->packs[i].dir));
    if (o < size)
        snprintf(buf + o, size - o, "%s", name);
}

/* Finds the pack that the newest loaded one extends: a sibling folder first, then the data
 * dir's templates/brands. Returns PD_OK with *next NULL when it extends nothing. */
static pd_status find_parent(pd_ctx *ctx, pd_brand *b, char **next)
{
    *next = NULL;
    const brand_pack *cur = &b->packs[b->npacks - 1];
    const xmlNode *root = xmlDocGetRootElement(cur->doc);
    int line = node_line(root);
    char *ext = pd_xml_attr(root, "extends");
    if (!ext)
        return PD_OK;
    pd_status st = PD_OK;
    char *parent = parent_of(cur->dir), *brands = NULL;
    if (!parent) {
        pd_error(ctx, "out of memory");
        st = PD_ERR_SYSTEM;
    } else if (!pack_name_ok(ext)) {
        pd_diag_raise(ctx, PD_ERROR, cur->file, line, 0, "extends='%s' is not a pack name", ext);
        st = PD_ERR_INPUT;
    } else if (!(*next = pack_dir_in(parent, ext)) &&
               !(*next = pack_dir_search(ctx, ext, &brands))) {
        if (!brands) {
            pd_error(ctx, "out of memory");
            st = PD_ERR_SYSTEM;
        } else {
            pd_diag_raise(ctx, PD_ERROR, cur->file, line, 0,
                          "brand pack %s extends unknown pack '%s' (no %s/brand.xml in %s, %s)",
                          cur->name, ext, ext, parent, brands);
            st = PD_ERR_INPUT;
        }
    }
    for (size_t i = 0; st == PD_OK && i < b->npacks; i++) {
        if (strcmp(b->packs[i].dir, *next) != 0)
            continue;
        char chain[600];
        describe_cycle(b, i, ext, chain, sizeof chain);
        pd_diag_raise(ctx, PD_ERROR, cur->file, line, 0, "brand packs extend each other in a "
                      "cycle: %s", chain);
        st = PD_ERR_INPUT;
    }
    if (st == PD_OK && b->npacks == PD_BRAND_MAX_CHAIN) {
        pd_diag_raise(ctx, PD_ERROR, cur->file, line, 0, "the chain of brand packs that "
                      "extend each other is longer than %d", PD_BRAND_MAX_CHAIN);
        st = PD_ERR_INPUT;
    }
    if (st != PD_OK) {
        free(*next);
        *next = NULL;
    }
    free(ext);
    free(parent);
    free(brands);
    return st;
}

/* The chosen pack's folder: the caller's, else the project's brand attribute, else "default".
 * Errors name whoever chose it: usage for the caller, input for the project. */
static pd_status choose_pack(pd_ctx *ctx, const char *pack, xmlDocPtr project, char **dir)
{
    const xmlNode *branding = project_branding(project);
    char *attr = !pack && branding ? pd_xml_attr(branding, "brand") : NULL;
    const char *name = pack ? pack : attr ? attr : "default";
    pd_status bad = pack ? PD_ERR_USAGE : attr ? PD_ERR_INPUT : PD_ERR_SYSTEM;
    const char *file = attr ? pd_xml_doc_name(project) : NULL;
    int line = attr ? node_line(branding) : 0;
    char *brands = NULL;
    pd_status st = PD_OK;
    *dir = NULL;
    if (pack && strchr(pack, '/')) {
        if (!(*dir = pack_dir_at(pack))) {
            pd_diag_raise(ctx, PD_ERROR, pack, 0, 0, "not a brand pack folder (no brand.xml)");
            st = bad;
        }
    } else if (!pack_name_ok(name)) {
        char q[300];
        pd_brand_quote(name, q, sizeof q);
        pd_diag_raise(ctx, PD_ERROR, file, line, 0, "'%s' is not a brand pack name (letters, "
                      "digits, '.', '_' and '-', not starting with '.')", q);
        st = bad;
    } else if (!(*dir = pack_dir_search(ctx, name, &brands))) {
        if (!brands) {
            pd_error(ctx, "out of memory");
            st = PD_ERR_SYSTEM;
        } else {
            pd_diag_raise(ctx, PD_ERROR, file, line, 0,
                          "unknown brand pack '%s' (no %s/brand.xml in %s)", name, name, brands);
            st = bad;
        }
    }
    free(attr);
    free(brands);
    return st;
}

/* Walks from the chosen pack up its extends chain, then puts the chain oldest first. */
static pd_status load_chain(pd_ctx *ctx, pd_brand *b, const char *pack, xmlDocPtr project)
{
    char *dir;
    pd_status st = choose_pack(ctx, pack, project, &dir);
    while (st == PD_OK && dir) {
        st = load_pack(ctx, b, dir);
        if (st == PD_OK)
            st = find_parent(ctx, b, &dir);
    }
    for (size_t i = 0; i < b->npacks / 2; i++) {
        brand_pack t = b->packs[i];
        b->packs[i] = b->packs[b->npacks - 1 - i];
        b->packs[b->npacks - 1 - i] = t;
    }
    return st;
}

/* ---- resolving ---- */

static pd_status apply_layers(pd_ctx *ctx, pd_brand *b, xmlDocPtr project,
                              const char *const *settings)
{
    bool input_failed = false;
    unsigned serial = 1;
    for (size_t i = 0; i < b->npacks; i++) {
        layer L = {ctx, b, LAYER_PACK, (int)i, b->packs[i].file, serial++, 0, false};
        apply_sets(&L, xmlDocGetRootElement(b->packs[i].doc), PD_BRAND_NS);
        input_failed |= L.failed;
        xmlFreeDoc(b->packs[i].doc);
        b->packs[i].doc = NULL;
    }
    const xmlNode *branding = project_branding(project);
    if (branding) {
        b->project_file = pd_strdup(pd_xml_doc_name(project));
        layer L = {ctx, b, LAYER_PROJECT, -1, b->project_file, serial++, 0, false};
        if (!b->project_file)
            layer_error(&L, 0, "out of memory");
        else
            apply_sets(&L, branding, PROJECT_NS);
        input_failed |= L.failed;
    }
    layer L = {ctx, b, LAYER_CMDLINE, -1, NULL, serial++, 0, false};
    apply_settings(&L, settings);
    return input_failed ? PD_ERR_INPUT : L.failed ? PD_ERR_USAGE : PD_OK;
}

pd_status pd_brand_resolve(pd_ctx *ctx, const char *pack, xmlDocPtr project,
                           const char *const *settings, pd_brand **out)
{
    *out = NULL;
    pd_brand *b = calloc(1, sizeof *b);
    if (!b || !apply_builtin(ctx, b)) {
        pd_brand_free(b);
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    pd_status st = load_chain(ctx, b, pack, project);
    if (st == PD_OK)
        st = apply_layers(ctx, b, project, settings);
    if (st != PD_OK) {
        pd_brand_free(b);
        return st;
    }
    *out = b;
    return PD_OK;
}

/* ---- reading ---- */

const char *pd_brand_get(const pd_brand *b, const char *key)
{
    const brand_entry *e = entry_find(b, key);
    return e ? e->value : NULL;
}

const char *pd_brand_origin(const pd_brand *b, const char *key)
{
    const brand_entry *e = entry_find(b, key);
    return e ? e->origin : NULL;
}

size_t pd_brand_key_count(const pd_brand *b) { return b ? b->n : 0; }

const char *pd_brand_key_at(const pd_brand *b, size_t i)
{
    return b && i < b->n ? b->entries[i].key : NULL;
}

size_t pd_brand_pack_count(const pd_brand *b) { return b ? b->npacks : 0; }

const char *pd_brand_pack_dir(const pd_brand *b, size_t i)
{
    return b && i < b->npacks ? b->packs[i].dir : NULL;
}

const char *pd_brand_pack_name(const pd_brand *b, size_t i)
{
    return b && i < b->npacks ? b->packs[i].name : NULL;
}

/* The entry among a key's language variants that lang gets: the youngest layer that set any
 * variant on lang's fallback chain (de-CH, de, then no language) wins; within one layer, the
 * most specific. So a pack's plain tagline replaces its parent's German one, and a German
 * tagline of the same pack is used for German documents. wording: the keys are
 * wording.TAG.KEY and there is no variant for every language. */
static const brand_entry *entry_for_lang(const pd_brand *b, const char *lang, const char *key,
                                         bool wording)
{
    if (!b || !key)
        return NULL;
    char tag[40] = "";
    if (lang)
        snprintf(tag, sizeof tag, "%s", lang);
    const brand_entry *best = NULL;
    for (size_t len = strlen(tag);;) {
        char full[600];
        if (wording && len == 0)
            break;
        if (wording)
            snprintf(full, sizeof full, "wording.%.*s.%s", (int)len, tag, key);
        else if (len)
            snprintf(full, sizeof full, "%s@%.*s", key, (int)len, tag);
        else
            snprintf(full, sizeof full, "%s", key);
        const brand_entry *e = entry_find(b, full);
        if (e && (!best || e->serial > best->serial))
            best = e;
        if (len == 0)
            break;
        while (len > 0 && tag[len - 1] != '-') /* de-CH-x -> de-CH -> de -> "" */
            len--;
        if (len > 0)
            len--;
    }
    return best;
}

const char *pd_brand_wording(const pd_brand *b, const char *lang, const char *key)
{
    const brand_entry *e = entry_for_lang(b, lang, key, true);
    return e ? e->value : NULL;
}

const char *pd_brand_text(const pd_brand *b, const char *key, const char *lang)
{
    const brand_entry *e = entry_for_lang(b, lang, key, false);
    return e ? e->value : NULL;
}

double pd_brand_length_pt(const pd_brand *b, const char *key)
{
    const pd_brand_keydef *def = pd_brand_keydef_find(key);
    const char *v = pd_brand_get(b, key);
    double pt;
    if (!def || def->type != PD_BRAND_LENGTH || !v || !pd_brand_parse_length(v, &pt))
        return -1;
    return pt;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

bool pd_brand_color(const pd_brand *b, const char *key, double rgb[3])
{
    const pd_brand_keydef *def = pd_brand_keydef_find(key);
    const char *v = pd_brand_get(b, key);
    if (!def || def->type != PD_BRAND_COLOR || !v || strlen(v) != 7)
        return false;
    for (int i = 0; i < 3; i++) {
        int hi = hex_digit(v[1 + 2 * i]), lo = hex_digit(v[2 + 2 * i]);
        if (hi < 0 || lo < 0)
            return false;
        rgb[i] = (hi * 16 + lo) / 255.0;
    }
    return true;
}

bool pd_brand_flag(const pd_brand *b, const char *key)
{
    return pd_streq(pd_brand_get(b, key), "true");
}

/* ---- files ---- */

static const char *entry_file(const pd_brand *b, const brand_entry *e)
{
    switch (e->kind) {
    case LAYER_PACK: return b->packs[e->pack].file;
    case LAYER_PROJECT: return b->project_file;
    default: return NULL;
    }
}

/* The folder a file value is relative to: the pack that set it; for the project and -s, the
 * chosen pack (a project picks among the files its brand provides, it cannot bring its own). */
static const char *entry_dir(const pd_brand *b, const brand_entry *e)
{
    if (e->kind == LAYER_PACK)
        return b->packs[e->pack].dir;
    return b->npacks ? b->packs[b->npacks - 1].dir : NULL;
}

static void file_error(pd_ctx *ctx, const pd_brand *b, const brand_entry *e, const char *what,
                       const char *dir)
{
    char q[300];
    pd_brand_quote(e->value, q, sizeof q);
    pd_diag_raise(ctx, PD_ERROR, entry_file(b, e), e->line, 0, "%s%s '%s' %s %s",
                  e->kind == LAYER_CMDLINE ? "-s: " : "", e->key, q, what,
                  dir ? dir : "(no pack)");
}

char *pd_brand_file(pd_ctx *ctx, const pd_brand *b, const char *key)
{
    const brand_entry *e = entry_find(b, key);
    const pd_brand_keydef *def = pd_brand_keydef_find(key);
    if (!e || !def || (def->type != PD_BRAND_IMAGE && def->type != PD_BRAND_XSL)) {
        pd_error(ctx, "'%s' is not a file-valued brand key", key ? key : "(null)");
        return NULL;
    }
    if (!*e->value)
        return NULL;
    const char *dir = entry_dir(b, e);
    /* Checked again although resolving did: this function must be safe on its own. */
    if (!dir || !pd_brand_relpath_ok(e->value)) {
        file_error(ctx, b, e, "leaves the pack folder", dir);
        return NULL;
    }
    char *joined = pd_strcat3(dir, "/", e->value);
    if (!joined) {
        pd_error(ctx, "out of memory");
        return NULL;
    }
    errno = 0;
    char *real = realpath(joined, NULL);
    int err = errno;
    free(joined);
    struct stat st;
    if (!real)
        file_error(ctx, b, e, err == ENOENT || err == ENOTDIR ? "does not exist in the pack "
                   "folder" : "cannot be resolved in the pack folder", dir);
    else if (!inside(real, dir))
        file_error(ctx, b, e, "leaves (through a symbolic link) the pack folder", dir);
    else if (stat(real, &st) != 0 || !S_ISREG(st.st_mode))
        file_error(ctx, b, e, "is not a regular file in the pack folder", dir);
    else
        return real;
    free(real);
    return NULL;
}

/* ---- fonts ---- */


char **pd_brand_font_dirs(pd_ctx *ctx, const pd_brand *b, pd_status *st)
{
    *st = PD_OK;
    size_t n = 0, npacks = pd_brand_pack_count(b);
    char **dirs = calloc(npacks + 1, sizeof *dirs);
    if (!dirs) {
        pd_error(ctx, "out of memory");
        *st = PD_ERR_SYSTEM;
        return NULL;
    }
    for (size_t i = 0; i < npacks && *st == PD_OK; i++) {
        const brand_pack *p = &b->packs[i];
        char *joined = pd_strcat3(p->dir, "/", "fonts");
        struct stat lst, rst;
        if (!joined) {
            pd_error(ctx, "out of memory");
            *st = PD_ERR_SYSTEM;
            break;
        }
        if (lstat(joined, &lst) != 0 && errno == ENOENT) {
            free(joined); /* a pack without fonts of its own */
            continue;
        }
        char *real = realpath(joined, NULL);
        const char *why = !real ? "cannot be resolved"
                          : !inside(real, p->dir) ? "leaves (through a symbolic link) the pack folder"
                          : stat(real, &rst) != 0 || !S_ISDIR(rst.st_mode) ? "is not a folder"
                          : NULL;
        if (why) {
            pd_diag_raise(ctx, PD_ERROR, p->file, 0, 0, "the font folder %s of brand pack %s %s",
                          joined, p->name, why);
            free(real);
            *st = PD_ERR_INPUT;
        } else {
            dirs[n++] = real;
        }
        free(joined);
    }
    if (*st != PD_OK) {
        pd_strv_free(dirs);
        return NULL;
    }
    return dirs;
}

/* ---- printing ---- */

/* Width on a terminal, counting UTF-8 code points. */
static size_t display_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xc0) != 0x80;
    return w;
}

enum { MAX_VALUE_COLUMN = 40 };

void pd_brand_print_lang(const pd_brand *b, const char *lang, FILE *out)
{
    if (!b)
        return;
    if (!lang) {
        pd_brand_print(b, out);
        return;
    }
    size_t kw = 0, vw = 2;
    for (size_t i = 0; i < b->n; i++) {
        const brand_entry *e = &b->entries[i];
        size_t k = strlen(e->key), v = display_width(e->value);
        kw = k > kw ? k : kw;
        vw = v > vw && v <= MAX_VALUE_COLUMN ? v : vw;
    }
    fprintf(out, "# the values a document in %s gets, and where each came from\n", lang);
    for (size_t i = 0; i < b->n; i++) {
        const brand_entry *e = &b->entries[i], *use = e;
        const char *shown = e->key;
        char wkey[600];
        if (pd_brand_key_lang(e->key)) /* a language variant: shown under its key */
            continue;
        if (pd_brand_is_wording_prefix(e->key)) {
            /* wording.LANG.KEY: shown once per catalogue key, for the chosen language */
            const char *k = strchr(e->key + 8, '.');
            if (!k)
                continue;
            const brand_entry *w = entry_for_lang(b, lang, k + 1, true);
            snprintf(wkey, sizeof wkey, "wording.%s", k + 1);
            if (!w || w != e)
                continue;
            shown = wkey;
        } else {
            use = entry_for_lang(b, lang, e->key, false);
        }
        const char *v = *use->value ? use->value : "\"\"";
        /* the language variant it came from: KEY@de, wording.de.KEY */
        char l[40] = "";
        if (pd_brand_key_lang(use->key))
            snprintf(l, sizeof l, " [%s]", pd_brand_key_lang(use->key));
        else if (pd_brand_is_wording_prefix(use->key))
            snprintf(l, sizeof l, " [%.*s]", (int)strcspn(use->key + 8, "."), use->key + 8);
        size_t w = display_width(v);
        fprintf(out, "%-*s  %s%*s  %s%s\n", (int)kw, shown, v, (int)(w < vw ? vw - w : 0), "",
                use->origin, l);
    }
}

void pd_brand_print(const pd_brand *b, FILE *out)
{
    if (!b)
        return;
    size_t kw = 0, vw = 2;
    for (size_t i = 0; i < b->n; i++) {
        size_t k = strlen(b->entries[i].key), v = display_width(b->entries[i].value);
        kw = k > kw ? k : kw;
        vw = v > vw && v <= MAX_VALUE_COLUMN ? v : vw;
    }
    for (size_t i = 0; i < b->n; i++) {
        const brand_entry *e = &b->entries[i];
        const char *v = *e->value ? e->value : "\"\"";
        size_t w = display_width(v);
        fprintf(out, "%-*s  %s%*s  %s\n", (int)kw, e->key, v, (int)(w < vw ? vw - w : 0), "",
                e->origin);
    }
}

/* ---- the search path, for `phasedoc brand --path` and `--list` ---- */

pd_status pd_brand_search_path(pd_ctx *ctx, FILE *out)
{
    char **dirs = pd_brand_search_dirs(ctx);
    if (!dirs) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    for (size_t i = 0; dirs[i]; i++)
        fprintf(out, "%s\n", dirs[i]);
    pd_strv_free(dirs);
    return ferror(out) ? PD_ERR_SYSTEM : PD_OK;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Whether name was already listed from a folder earlier in the search path (it hides this one). */
static bool found_earlier(char **dirs, size_t upto, const char *name)
{
    for (size_t i = 0; i < upto; i++) {
        char *d = pack_dir_in(dirs[i], name);
        free(d);
        if (d)
            return true;
    }
    return false;
}

pd_status pd_brand_list(pd_ctx *ctx, FILE *out)
{
    char **dirs = pd_brand_search_dirs(ctx);
    if (!dirs) {
        pd_error(ctx, "out of memory");
        return PD_ERR_SYSTEM;
    }
    for (size_t i = 0; dirs[i]; i++) {
        struct dirent **names = NULL;
        int n = scandir(dirs[i], &names, NULL, by_name); /* a missing folder lists nothing */
        for (int k = 0; k < n; k++) {
            const char *name = names[k]->d_name;
            char *d = pack_name_ok(name) ? pack_dir_in(dirs[i], name) : NULL;
            if (d && !found_earlier(dirs, i, name))
                fprintf(out, "%s\t%s\n", name, d);
            free(d);
            free(names[k]);
        }
        free(names);
    }
    pd_strv_free(dirs);
    return ferror(out) ? PD_ERR_SYSTEM : PD_OK;
}
