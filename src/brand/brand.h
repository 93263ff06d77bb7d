/* brand.h — the brand cascade: built-in defaults, the extends chain, the project's <branding>, -s. */
#ifndef PD_BRAND_H
#define PD_BRAND_H

#include "ctx.h"

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define PD_BRAND_NS "urn:phasedoc:brand:1"

/* Most packs in one chain, the chosen pack and its ancestors together. */
#define PD_BRAND_MAX_CHAIN 8

typedef struct pd_brand pd_brand;

/* pack: a name (looked up as <data dir>/templates/brands/NAME) or a folder path (contains '/');
 * NULL means the project's <branding brand="..."> if any, else "default".
 * project: the parsed project description or NULL (its <branding> in namespace urn:phasedoc:project:1
 * holds <set key="..." value="..."/> children and an optional brand attribute).
 * settings: NULL-terminated "key=value" strings from the command line, or NULL.
 * Errors are raised with pd_diag_raise (file:line:column where a position exists).
 * Returns PD_ERR_INPUT for anything wrong in a file (pack, project), PD_ERR_USAGE for a bad -s
 * (unknown key, malformed value, no '='), or for an unknown pack name given by the caller.
 * Every value of every layer is checked; all problems are reported before returning. */
pd_status pd_brand_resolve(pd_ctx *ctx, const char *pack, xmlDocPtr project,
                           const char *const *settings, pd_brand **out);
void pd_brand_free(pd_brand *brand);                 /* NULL-safe */

/* Strings returned below are borrowed and live as long as the brand. */
const char *pd_brand_get(const pd_brand *b, const char *key);   /* "" when empty, NULL if unknown key */
const char *pd_brand_origin(const pd_brand *b, const char *key);/* e.g. "built-in", "pack acme (/path/brand.xml:12)", "project (file.xml:188)", "command line (-s)" */
size_t pd_brand_key_count(const pd_brand *b);
const char *pd_brand_key_at(const pd_brand *b, size_t i);        /* sorted by key */

/* Absolute path of a file-valued key (e.g. logo.file), resolved in the folder of the pack that set it,
 * refused (NULL + error with the pack file and line) if it leaves that folder (absolute, "..",
 * or a symlink that resolves outside: check with realpath) or does not exist. "" value → NULL, no error.
 * A file key set by the project or by -s is resolved in the chosen (youngest) pack's folder.
 * The result is realpath'd and malloc'd: open that path, not the value. */
char *pd_brand_file(pd_ctx *ctx, const pd_brand *b, const char *key);

size_t pd_brand_pack_count(const pd_brand *b);                   /* packs in the chain, oldest first */
const char *pd_brand_pack_dir(const pd_brand *b, size_t i);      /* absolute, realpath'd */
const char *pd_brand_pack_name(const pd_brand *b, size_t i);     /* its <brand name="..."> */

/* The fonts/ folders of the packs in the chain that have one, oldest first, realpath'd, as a
 * malloc'd NULL-terminated list (free with pd_strv_free): the fonts a render with
 * this brand may load besides the bundled ones. A fonts/ that is not a folder, or that leaves
 * its pack (a symlink out of it), is an error naming the pack file: NULL and *st PD_ERR_INPUT.
 * The font files inside are checked when they are loaded (pd_fonts_context). */
char **pd_brand_font_dirs(pd_ctx *ctx, const pd_brand *b, pd_status *st);

/* Wording override for an l10n catalogue key in a language ("wording.<lang>.<key>"), or NULL.
 * A regional language (de-AT) falls back to its base language (de); a younger layer's
 * override wins over an older layer's more specific one. */
const char *pd_brand_wording(const pd_brand *b, const char *lang, const char *key);

/* A brand value for a document in lang: a text key may be set per language (<set key=
 * "cover.tagline" lang="de" .../>, -s cover.tagline@de=...), found along lang's fallback chain
 * (de-CH, de, then the value for every language); the youngest layer that set any of these
 * wins, so a pack's plain value replaces its parent's German one. Other keys: pd_brand_get. */
const char *pd_brand_text(const pd_brand *b, const char *key, const char *lang);

/* Typed views of checked values, for the layout and the renderer. */
double pd_brand_length_pt(const pd_brand *b, const char *key);  /* points; -1 if not a length */
bool pd_brand_color(const pd_brand *b, const char *key, double rgb[3]); /* 0..1 each */
bool pd_brand_flag(const pd_brand *b, const char *key);         /* value is "true" */

/* Prints every resolved key, value and origin, aligned, one per line (for `phasedoc brand`). */
void pd_brand_print(const pd_brand *b, FILE *out);
/* The same for a document in lang (`phasedoc brand -l de`): each key once, with the value that
 * language gets, its origin and the variant it came from ("[de]"); NULL lang: pd_brand_print. */
void pd_brand_print_lang(const pd_brand *b, const char *lang, FILE *out);

/* The closest known key to an unknown one (edit distance), or NULL: for "did you mean ...?". */
const char *pd_brand_suggest(const char *unknown_key);

/* What a render of project would refuse in its brand (pack, <branding> keys and values,
 * fonts folder, files), checked without rendering; a font family no pack ships and the
 * bundled set lacks is a warning. */
pd_status pd_brand_check_project(pd_ctx *ctx, xmlDocPtr project);

#endif
