/* pdfstr.c — PDF strings, names and dates. */
#include "pdfstr.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

void pd_pdf_text_string(pd_buf *b, const char *utf8)
{
    bool plain = true;
    for (const unsigned char *p = (const unsigned char *)utf8; *p; p++)
        if (*p < 0x20 || *p > 0x7e)
            plain = false;
    if (plain) {
        pd_buf_adds(b, "(");
        for (const char *p = utf8; *p; p++) {
            if (*p == '(' || *p == ')' || *p == '\\')
                pd_buf_adds(b, "\\");
            pd_buf_add(b, p, 1);
        }
        pd_buf_adds(b, ")");
        return;
    }
    glong n = 0;
    gunichar2 *u16 = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
    pd_buf_adds(b, "<FEFF");
    for (glong i = 0; u16 && i < n; i++) {
        char hex[8];
        snprintf(hex, sizeof hex, "%04X", u16[i]);
        pd_buf_adds(b, hex);
    }
    pd_buf_adds(b, ">");
    g_free(u16);
}

void pd_pdf_name(pd_buf *b, const char *name)
{
    pd_buf_adds(b, "/");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p < '!' || *p > '~' || strchr("#/()<>[]{}%", *p)) {
            char hex[4];
            snprintf(hex, sizeof hex, "#%02X", *p);
            pd_buf_adds(b, hex);
        } else
            pd_buf_add(b, p, 1);
    }
}

void pd_xml_escape(pd_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': pd_buf_adds(b, "&amp;"); break;
        case '<': pd_buf_adds(b, "&lt;"); break;
        case '>': pd_buf_adds(b, "&gt;"); break;
        case '"': pd_buf_adds(b, "&quot;"); break;
        default:
            /* control characters are not allowed in XML 1.0 */
            if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
                pd_buf_add(b, s, 1);
        }
    }
}

bool pd_pdf_date(const char *iso, char *out, size_t size)
{
    int y, mo, d, h, mi, s, n = 0;
    if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6 || n != 19)
        return false;
    const char *tz = iso + 19;
    if (strcmp(tz, "Z") == 0)
        return snprintf(out, size, "D:%04d%02d%02d%02d%02d%02dZ", y, mo, d, h, mi, s) <
               (int)size;
    int th, tm;
    if ((tz[0] == '+' || tz[0] == '-') && sscanf(tz + 1, "%2d:%2d", &th, &tm) == 2 &&
        strlen(tz) == 6)
        return snprintf(out, size, "D:%04d%02d%02d%02d%02d%02d%c%02d'%02d'", y, mo, d, h, mi,
                        s, tz[0], th, tm) < (int)size;
    return false;
}

void pd_hex(const unsigned char *data, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[data[i] >> 4];
        out[2 * i + 1] = digits[data[i] & 15];
    }
    out[2 * n] = '\0';
}
