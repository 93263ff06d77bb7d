/* batch.h — internals of phasedoc batch: output names, manifests, the report, project facts. */
#ifndef PD_BATCH_H
#define PD_BATCH_H

#include "ctx.h"
#include "util.h"

#include <libxml/tree.h>
#include <stdbool.h>

/* The default output name pattern. */
#define PD_BATCH_DEFAULT_NAME "{id}-{kind}.pdf"

/* What an output name pattern may show. Any field may be NULL: it then expands to a
 * placeholder-specific fallback ({id}: the stem; {customer}: "unknown"; {kind-id}: kind).
 * kind is the brand's word for the kind ("proposal"), kind_id the kind itself ("offer"). */
typedef struct {
    const char *id, *customer, *kind, *lang, *brand, *stem, *kind_id;
} pd_name_fields;

/* Checks a pattern once for the whole batch: every {placeholder} known, no literal '/', no
 * control character. PD_ERR_USAGE (with a diagnostic) otherwise. */
pd_status pd_batch_name_check(pd_ctx *ctx, const char *pattern);

/* Whether the pattern shows a placeholder ("{id}"): only then must a project be read. */
bool pd_batch_name_uses(const char *pattern, const char *placeholder);

/* Expands a checked pattern into a file name (malloc'd). A name that could leave the output
 * folder or is not a plain file name ('/', ".", "..", a control character, empty, longer than
 * 255 bytes) is refused with PD_ERR_INPUT and a diagnostic against input. */
pd_status pd_batch_name(pd_ctx *ctx, const char *pattern, const pd_name_fields *f,
                        const char *input, char **name);

/* Reduces s to [A-Za-z0-9._-]: each run of other bytes becomes one '_', leading dots and
 * underscores and trailing underscores go; "" when nothing is left (malloc'd). */
char *pd_batch_sanitise(const char *s);

/* The input's file name without directories and without a final ".xml" (malloc'd). */
char *pd_batch_stem(const char *path);

/* What a project description says that an output name can show (each malloc'd or NULL). */
typedef struct {
    char *id, *customer, *lang, *brand;
} pd_project_facts;

pd_status pd_batch_facts(pd_ctx *ctx, const char *path, pd_project_facts *facts);
/* The same of a parsed document (a field stays NULL when memory runs out). */
void pd_batch_facts_doc(xmlDocPtr doc, pd_project_facts *facts);
void pd_batch_facts_free(pd_project_facts *facts);

/* Parses a manifest held in memory; name is what errors show, base the folder that relative
 * paths are resolved against (NULL: as given). */
pd_status pd_manifest_parse(pd_ctx *ctx, const char *data, size_t len, const char *name,
                            const char *base, pd_manifest_entry **entries, size_t *count);

/* Appends s as a JSON string literal (quoted, escaped; each byte that is not part of UTF-8
 * becomes \udcXX for byte 0xXX, as Python's surrogateescape: the line always parses and a
 * path gives back its bytes). NULL appends null. */
bool pd_json_string(pd_buf *b, const char *s);

/* One report line for a job and its result, without the newline (malloc'd). */
char *pd_batch_report_line(const pd_batch_job *job, const char *kind,
                           const pd_batch_result *r);

/* Writes the report atomically (kinds[i] is job i's effective kind). */
pd_status pd_batch_report_write(pd_ctx *ctx, const char *path, const pd_batch_job *jobs,
                                const char *const *kinds, const pd_batch_result *results,
                                size_t n);


/* Creates and removes a temporary file in dir: PD_ERR_SYSTEM with a diagnostic if that
 * fails (what names the folder in the message, e.g. "output folder"). */
pd_status pd_batch_probe_dir(pd_ctx *ctx, const char *dir, const char *what);

#endif
