/* formats.h — the `pattern` facets of phasedoc's schemas as C functions.
 *
 * libxml2 2.9 compiles a pattern's regular expression each time it checks a value against it
 * (xmlRelaxNGSchemaFacetCheck makes and frees the facet): half of validating a project went
 * there. The schemas keep their patterns — they are the published contract — and each one has
 * a matcher here with the same language, found by the pattern's text; test_formats holds every
 * matcher to libxml2's own regular expression engine on the same strings. */
#ifndef PD_FORMATS_H
#define PD_FORMATS_H

#include <stdbool.h>

/* Whether value (whole, already white-space normalised as its type demands) is in the
 * language of the XML Schema regular expression pattern. */
typedef bool (*pd_format_fn)(const char *value);

/* The matcher of pattern (its exact text, as in the schema); NULL for a pattern without one,
 * which the caller then leaves to libxml2. */
pd_format_fn pd_format_for(const char *pattern);

/* The value a pattern facet of the XML Schema type type is checked against, as libxml2 does
 * it: a string type's value after its white-space rule (token and the types made from it:
 * collapsed; normalizedString: replaced), any other type's as written. NULL when that is value
 * itself, else a malloc'd copy (NULL too when out of memory: *failed is then set). */
char *pd_format_normalise(const char *type, const char *value, bool *failed);

#endif
