/* pipeline.h — internal helpers of the public operations. */
#ifndef PD_PIPELINE_H
#define PD_PIPELINE_H

#include <stdbool.h>

#include "brand.h"
#include "phasedoc.h"

#include <libxml/tree.h>

/* approval, offer, concept, implementation */
bool pd_kind_is_known(const char *kind);

/* The stylesheet for a kind: the caller's, else the brand's, else the built-in one. The
 * path is also the compiled stylesheet's cache key, so every caller must get it here. */
char *pd_pipeline_stylesheet(pd_ctx *ctx, const pd_options *opts, const pd_brand *brand,
                             const char *kind);

/* Folders a stylesheet may read besides the built-in ones: the brand packs, and the folder of
 * a stylesheet given by the caller (NULL-terminated, malloc'd: free with pd_strv_free). */
char **pd_pipeline_read_dirs(const pd_options *opts, const pd_brand *brand);

/* Decides a render's output from the parsed input itself, so that the name and the content
 * of an output come from one read of the file (an input replaced meanwhile cannot give a
 * PDF named after one project holding another). *out: the path to write (malloc'd), or NULL
 * to write nothing (a skip; the render then returns PD_OK). */
typedef pd_status (*pd_namer_fn)(pd_ctx *ctx, xmlDocPtr doc, void *user, char **out);

/* Reads path once, asks namer where the output goes, renders the same parsed document. */
pd_status pd_render_named(pd_ctx *ctx, const char *path, const pd_options *opts,
                          pd_namer_fn namer, void *user, pd_render_stats *stats);

/* The output language of a project: the caller's (an unknown one is a usage error), else the
 * project's, else the brand's default; malloc'd into *lang. */
pd_status pd_pipeline_lang(pd_ctx *ctx, const pd_options *opts, xmlDocPtr project,
                           const pd_brand *brand, char **lang);

/* The kind's word in output file names (malloc'd, NULL only when memory runs out): the brand's
 * own word for it in the document's language, as a lower-case ASCII slug ("proposal" for a
 * pack whose offer.title is "Proposal"), else the kind itself ("offer"). doc: the parsed input
 * (NULL or not a project: the kind). Raises nothing; the render reports a broken brand. */
char *pd_kind_file_word(pd_ctx *ctx, xmlDocPtr doc, const pd_options *opts);
/* The same for the file at path (read again; unreadable: the kind). */
char *pd_kind_file_word_of(pd_ctx *ctx, const char *path, const pd_options *opts);

/* pd_project_id of a parsed document (not validated: the id is checked for a file name). */
pd_status pd_project_id_doc(pd_ctx *ctx, xmlDocPtr doc, char **id);

#endif
