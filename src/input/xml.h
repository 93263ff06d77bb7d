/* xml.h — the one hardened entry for every XML the project reads. */
#ifndef PD_XML_H
#define PD_XML_H

#include "ctx.h"

#include <libxml/tree.h>
#include <stdbool.h>

/* Largest XML file accepted; a parsed tree costs about ten times as much. */
/* The project description's namespace. */
#define PD_PROJECT_NS "urn:phasedoc:project:1"

#define PD_XML_MAX_BYTES (64u << 20)

/* Reads a regular file (or standard input for "-") into memory, at most max bytes, without
 * decompressing anything. Errors are raised against name. The buffer is malloc'd. */
pd_status pd_file_read(pd_ctx *ctx, const char *path, size_t max, char **data, size_t *len);

/* Parses XML from memory with safe options: no DOCTYPE, no entities, no DTD, no XInclude, no
 * network. name is what errors show as the file. NULL on error (raised as diagnostics). */
xmlDocPtr pd_xml_parse(pd_ctx *ctx, const char *data, size_t len, const char *name);
/* The same, with names interned in dict (libxslt wants imported stylesheets in its own). */
xmlDocPtr pd_xml_parse_in_dict(pd_ctx *ctx, const char *data, size_t len, const char *name,
                               xmlDictPtr dict);

/* pd_file_read + pd_xml_parse. */
xmlDocPtr pd_xml_load(pd_ctx *ctx, const char *path, pd_status *status);

/* Process-wide set-up: refuse every external entity and catalog. Idempotent. */
void pd_xml_init(void);

/* Caps what libxml2 and libxslt may allocate, beyond what is live now, until
 * pd_xml_mem_cap_end, which says whether an allocation was refused. Process-wide. */
void pd_xml_mem_cap_begin(size_t bytes);
bool pd_xml_mem_cap_end(void);

/* Called (then never returning) when libxml2 or libxslt cannot get memory from the system,
 * as opposed to the cap above: libxml2 2.9.14 does not survive every such failure (its
 * regular-expression compiler goes on with a NULL state after "allocating states", and
 * RELAX NG compiles a pattern facet on every validation). A program ends there, cleanly;
 * without it (a library user), the allocation fails as libxml2 expects. Process-wide. */
void pd_xml_on_no_memory(void (*end)(void));

/* Routes libxml2's and libxslt's structured errors into ctx until pd_xml_capture_end. */
void pd_xml_capture_begin(pd_ctx *ctx);
void pd_xml_capture_end(void);

/* The display name of a document (its URL as parsed). */
const char *pd_xml_doc_name(const xmlDoc *doc);

/* Attribute value (borrowed from a per-call copy: caller must xmlFree) — convenience wrapper
 * returning a malloc'd string or NULL. */
char *pd_xml_attr(const xmlNode *node, const char *name);
bool pd_xml_is(const xmlNode *node, const char *ns, const char *name);

/* Whether an element below node (at any depth) has one of names (NULL-terminated). */
bool pd_xml_contains(const xmlNode *node, const char *const *names);

#endif
