/* obj.h — PDF objects read from and written back to a file: just enough of PDF's syntax
 * (7.3) to find a document's form fields and to write the incremental update that signs
 * one. Numbers keep their text, strings their bytes, so what is read is written unchanged. */
#ifndef PD_PDF_OBJ_H
#define PD_PDF_OBJ_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    PD_OBJ_NULL,
    PD_OBJ_BOOL,
    PD_OBJ_NUM,   /* text: its digits as written */
    PD_OBJ_STR,   /* text, len: the bytes; hex: written as <...> */
    PD_OBJ_NAME,  /* text: without the slash, #XX decoded */
    PD_OBJ_ARRAY, /* items, count */
    PD_OBJ_DICT,  /* keys (names without the slash), items, count */
    PD_OBJ_REF,   /* num, gen */
} pd_obj_type;

typedef struct pd_obj pd_obj;
struct pd_obj {
    pd_obj_type type;
    bool boolean, hex;
    char *text;
    size_t len;
    char **keys;
    pd_obj **items;
    int count;
    size_t cap;
    long num;
    int gen;
};

/* Parses one object at *p (white space and comments skipped first), advancing *p past it.
 * NULL on a syntax error or nesting deeper than 64. */
pd_obj *pd_obj_parse(const char **p, const char *end);
void pd_obj_free(pd_obj *o);
pd_obj *pd_obj_clone(const pd_obj *o);

pd_obj *pd_obj_new(pd_obj_type type);
pd_obj *pd_obj_int(long long v);
pd_obj *pd_obj_ref(long num, int gen);
pd_obj *pd_obj_name(const char *name);
pd_obj *pd_obj_str(const char *bytes, size_t len);

/* A dictionary's value for key (no slash), or NULL; borrowed. */
pd_obj *pd_dict_get(const pd_obj *dict, const char *key);
/* Sets key to value (owned), replacing an old value; false when out of memory (value freed). */
bool pd_dict_set(pd_obj *dict, const char *key, pd_obj *value);
bool pd_array_add(pd_obj *array, pd_obj *item);
/* The number of a NUM object as an integer (0 for anything else). */
long long pd_obj_integer(const pd_obj *o);
bool pd_obj_is_name(const pd_obj *o, const char *name);

/* Writes o in PDF syntax. */
void pd_obj_write(pd_buf *b, const pd_obj *o);

/* Where the white space and comments at p end. */
const char *pd_pdf_skip_space(const char *p, const char *end);

#endif
