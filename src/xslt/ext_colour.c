/* ext_colour.c — pd:ink(colour[, background]): a brand colour made readable as text. Status
 * colours are chosen for marks (a signal orange reads at 2.4:1 on white); as text they are
 * darkened to 4.5:1 (WCAG AA), the same hue, so the brand keeps its colour and the reader
 * the words. */
#include "colour.h"
#include "ext.h"

#include <libxslt/extensions.h>
#include <stdio.h>

static void fn_ink(xmlXPathParserContextPtr pctxt, int nargs)
{
    xmlChar *a[2] = {NULL, NULL};
    if (!pd_ext_args(pctxt, nargs, 1, 2, a))
        return;
    int fg[3], bg[3] = {255, 255, 255}, out[3];
    if (!pd_colour_parse((const char *)a[0], fg)) {
        pd_ext_fail(pctxt, "pd:ink: '%s' is not a colour (#rrggbb)", (const char *)a[0]);
    } else if (nargs > 1 && !pd_colour_parse((const char *)a[1], bg)) {
        pd_ext_fail(pctxt, "pd:ink: '%s' is not a colour (#rrggbb)", (const char *)a[1]);
    } else {
        char s[8];
        pd_colour_ink(fg, bg, 4.5, out);
        snprintf(s, sizeof s, "#%02x%02x%02x", out[0], out[1], out[2]);
        pd_ext_return(pctxt, s);
    }
    pd_ext_free_args(a, nargs);
}

void pd_xslt_register_colour_functions(void)
{
    xsltRegisterExtModuleFunction((const xmlChar *)"ink", (const xmlChar *)PD_XSLT_NS, fn_ink);
}
