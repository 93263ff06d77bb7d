/* facets.h — validation with the schema's pattern facets checked in C.
 *
 * libxml2 2.9 compiles the regular expression of a pattern facet every time it checks a value
 * (and, out of memory, goes on with a NULL automaton). So the schema is compiled without the
 * patterns that formats.c has a matcher for, and after libxml2 has validated a document, the
 * attributes and texts those patterns applied to are checked against them here, found by
 * walking the document along the schema (rngmodel.c). The published schema stays the
 * contract: the same file says what is valid, and test_validate holds the two ways to the
 * same verdicts. */
#ifndef PD_FACETS_H
#define PD_FACETS_H

#include "ctx.h"
#include "rngmodel.h"

#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

/* The schema of m compiled without the pattern facets formats.c checks (m's document is the
 * same before and after). NULL when libxml2 cannot compile it. */
xmlRelaxNGPtr pd_facets_compile(const pd_rng *m);

/* Checks those facets on doc, handing each value that fails to fn as a structured error (code
 * XML_RELAXNG_ERR_DATATYPE, node the element, str1 the attribute's name or NULL for the
 * element's text, message in words). Returns how many failed, or -1 out of memory. */
int pd_facets_check(pd_ctx *ctx, const char *schema, xmlDocPtr doc,
                    void (*fn)(void *user, xmlErrorPtr err), void *user);

#endif
