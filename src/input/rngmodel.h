/* rngmodel.h — what a RELAX NG schema allows where, read from the schema itself, so that
 * messages can name the allowed elements, attributes and values without a copy that drifts. */
#ifndef PD_RNGMODEL_H
#define PD_RNGMODEL_H

#include "ctx.h"

#include <libxml/tree.h>
#include <stdbool.h>

typedef struct pd_rng pd_rng;

/* The model of <data dir>/schemas/<schema>, loaded once per context (cached); NULL (with an
 * error raised) when it cannot be read. */
const pd_rng *pd_rng_get(pd_ctx *ctx, const char *schema);

/* An <element> or <attribute> pattern of the schema, and whether it is required where found
 * (not under optional, zeroOrMore or choice). */
typedef struct {
    const xmlNode *def;
    bool required;
    bool repeats; /* under zeroOrMore or oneOrMore */
} pd_rng_item;

enum { PD_RNG_MAX_ITEMS = 128 };

/* The <element> pattern that describes an element of an instance, found by walking down from
 * the root; NULL when the element (or one of its ancestors) is not allowed where it is. */
const xmlNode *pd_rng_def_of(const pd_rng *m, const xmlNode *instance);

/* The element (or attribute) patterns allowed in the content of an element pattern, in the
 * order of the schema; returns how many (at most max). */
size_t pd_rng_children(const pd_rng *m, const xmlNode *def, pd_rng_item *out, size_t max);
size_t pd_rng_attributes(const pd_rng *m, const xmlNode *def, pd_rng_item *out, size_t max);

/* The name of an element or attribute pattern (borrowed). */
const char *pd_rng_name(const xmlNode *def);

/* Whether value matches the value pattern of an attribute pattern (or the text content
 * pattern of an element pattern of simple content); node gives the namespace context. */
bool pd_rng_value_ok(const pd_rng *m, const xmlNode *def, const char *value, xmlNode *node);

/* Checking a schema's patterns in C (formats.c) instead of libxml2's regular expressions:
 * whether a <param> is a pattern facet with a C matcher; whether the value pattern of an
 * attribute or simple element holds one; and that value pattern itself. */
bool pd_rng_is_checked_pattern(const xmlNode *param);
bool pd_rng_value_has_format(const pd_rng *m, const xmlNode *def);
const xmlNode *pd_rng_value_pattern(const pd_rng *m, const xmlNode *def);

/* A value pattern's check, worked out once per schema: for a <data>, its type and the
 * matchers of its checked patterns — all that is left once the validator, which checked the
 * type and the other facets, has passed the value; for anything else (a choice, where the
 * branch a value takes decides which pattern applies), the pattern, checked whole. */
enum { PD_RNG_FORMATS_MAX = 4 };
typedef struct {
    const xmlNode *pat;
    const char *type; /* NULL: check pat whole */
    bool (*match[PD_RNG_FORMATS_MAX])(const char *value);
    int nmatch;
} pd_rng_format;
void pd_rng_format_prepare(const xmlNode *pat, pd_rng_format *f);
bool pd_rng_format_fits(const pd_rng *m, const pd_rng_format *f, const char *value,
                        xmlNode *node);

/* Whether the content of an element pattern (not its child elements' or attributes') holds a
 * checked pattern facet anywhere, under any choice (depth: 0). */
bool pd_rng_content_has_format(const pd_rng *m, const xmlNode *def, int depth);

/* The value pattern that an element's text must match: through refs, groups and optionals
 * (then *optional is set), and at a choice of alternatives the first whose attributes with
 * fixed values the instance has (<decision value="accepted-with-conditions"> needs text; then
 * *varies is set, and with instance NULL nothing is chosen); NULL when the text is free or
 * there is none. */
const xmlNode *pd_rng_text_pattern(const pd_rng *m, const xmlNode *def, xmlNode *instance,
                                   bool *optional, bool *varies);

/* The schema document the model reads (owned by the model). */
xmlDocPtr pd_rng_document(const pd_rng *m);

/* Explains what an attribute or simple element accepts, in words, given the value that was
 * refused (may be NULL for a missing one): allowed values with a "did you mean", the format
 * of dates and numbers with an example. Written into buf. */
void pd_rng_explain_value(const pd_rng *m, const xmlNode *def, const char *value, char *buf,
                          size_t size);

/* Whether an element pattern has text content (data, value or text) besides elements. */
bool pd_rng_has_simple_content(const pd_rng *m, const xmlNode *def);

/* The attributes an element of the instance lacks: checks the element's attributes against
 * the attribute patterns of def, choosing among alternatives (<choice>) the one that fits
 * best. Writes up to max missing attribute patterns into out; returns how many. */
size_t pd_rng_missing_attributes(const pd_rng *m, const xmlNode *def, xmlNode *instance,
                                 const xmlNode **out, size_t max);

/* The a:documentation of a pattern, white space folded, without its final full stop
 * (malloc'd), or NULL. */
char *pd_rng_doc(const xmlNode *def);

/* Levenshtein distance between two short strings (bytes); large for long ones. */
int pd_edit_distance(const char *a, const char *b);

/* The closest name among n candidates to name, if close enough to be a likely typo. */
const char *pd_closest_name(const char *name, const char *const *candidates, size_t n);

#endif
