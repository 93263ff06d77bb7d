/* hyphen_pack.h — libhyphen dictionaries as built automata. hnj_hyphen_load() builds the
 * automaton from the patterns on every load: 40 M instructions for English and 1.2 G (a
 * third of a second) for German, most of a cold German render. The build writes the
 * automaton once (tools/hyphen-pack.c); a render reads it back in a few milliseconds. */
#ifndef PD_HYPHEN_PACK_H
#define PD_HYPHEN_PACK_H

#include <hyphen.h>
#include <stdbool.h>
#include <stdio.h>

/* Writes dict, loaded from the pattern file source, to out. False when a write fails. */
bool pd_hyphen_pack_write(const HyphenDict *dict, const char *source, FILE *out);

/* The dictionary packed at path, if it was packed from source as source is now (same size
 * and modification time) and is well-formed; NULL otherwise. Free with hnj_hyphen_free(). */
HyphenDict *pd_hyphen_pack_read(const char *path, const char *source);

#endif
