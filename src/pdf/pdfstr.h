/* pdfstr.h — PDF strings, names and dates written the way PDF/A and the XMP packet want them. */
#ifndef PD_PDFSTR_H
#define PD_PDFSTR_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>

/* A PDF text string from UTF-8: a literal "(...)" when every character is printable ASCII,
 * else UTF-16BE with a byte order mark in hexadecimal. */
void pd_pdf_text_string(pd_buf *b, const char *utf8);
/* A PDF name ("/" included) from any bytes: characters outside ! to ~ and the delimiters are
 * written as #XX. */
void pd_pdf_name(pd_buf *b, const char *name);
/* Text escaped for XML character data and attribute values. */
void pd_xml_escape(pd_buf *b, const char *s);
/* "2026-11-20T00:00:00Z" (or with +hh:mm) as "D:20261120000000Z" (or +hh'mm'); false when
 * iso is not of that form. */
bool pd_pdf_date(const char *iso, char *out, size_t size);
/* Lowercase hexadecimal of n bytes, NUL-terminated (out holds 2n + 1). */
void pd_hex(const unsigned char *data, size_t n, char *out);

#endif
