/* brand_keys.h — the table of brand keys: their value types, checks and built-in defaults. */
#ifndef PD_BRAND_KEYS_H
#define PD_BRAND_KEYS_H

#include <stdbool.h>
#include <stddef.h>

/* What a key's value must look like. Every layer is checked against the same type. */
typedef enum {
    PD_BRAND_TEXT,      /* one line of text, no control characters */
    PD_BRAND_COLOR,     /* #rrggbb */
    PD_BRAND_LENGTH,    /* number with pt|mm|cm|in, within [min_pt, max_pt] */
    PD_BRAND_FONT,      /* a font family name */
    PD_BRAND_CHOICE,    /* one of the words in choices ("left|right") */
    PD_BRAND_LANG,      /* en, de, de-AT */
    PD_BRAND_IMAGE,     /* a file in the pack folder: .png or .svg */
    PD_BRAND_XSL,       /* a file in the pack folder: .xsl */
    PD_BRAND_WORDING    /* wording.<lang>.<catalogue key>: longer text */
} pd_brand_type;

typedef struct {
    const char *key;
    pd_brand_type type;
    const char *def;     /* built-in default: neutral, so that a render without packs works */
    const char *choices; /* PD_BRAND_CHOICE only: words separated by '|' */
    double min_pt, max_pt; /* PD_BRAND_LENGTH only */
} pd_brand_keydef;

/* The static keys, sorted by key. Wording keys are dynamic and not in the table. */
size_t pd_brand_keydef_count(void);
const pd_brand_keydef *pd_brand_keydef_at(size_t i);

/* The definition of key: a static one, or the shared definition of every wording key when key
 * matches wording.[a-z]{2}(-[A-Z]{2})?.[a-z0-9._-]+. NULL for an unknown key. */
const pd_brand_keydef *pd_brand_keydef_find(const char *key);

/* The language of a KEY@LANG key ("de-CH" of "cover.tagline@de-CH"), or NULL. Only text keys
 * take a language: pd_brand_keydef_find gives them their key's definition. */
const char *pd_brand_key_lang(const char *key);

/* Checks value against def. On failure writes a sentence saying what is wrong (with the value
 * quoted safely) into why and returns false. */
bool pd_brand_value_check(const pd_brand_keydef *def, const char *value, char *why,
                          size_t whysize);

/* The value as it is stored: colours in lower case, everything else unchanged (malloc'd). */
char *pd_brand_value_normalize(const pd_brand_keydef *def, const char *value);

/* A length in PostScript points; false if s is not number+unit. */
bool pd_brand_parse_length(const char *s, double *pt);

/* A relative path that stays inside its folder by its spelling alone (not absolute, no ".."
 * component, no backslash, no empty component). Symbolic links are checked separately. */
bool pd_brand_relpath_ok(const char *path);

/* Writes s into buf for a message: at most 60 characters, control bytes as \xNN. */
void pd_brand_quote(const char *s, char *buf, size_t size);

/* True when key starts with "wording.": such a key that does not match the wording pattern is
 * reported as malformed, with the pattern, rather than as unknown with a suggestion. */
bool pd_brand_is_wording_prefix(const char *key);

#endif
