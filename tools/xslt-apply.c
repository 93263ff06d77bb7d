/* xslt-apply — applies a stylesheet to a document and prints the result: the build's
 * xsltproc, so that generated docs need no extra package. Parameters are given as
 * NAME=VALUE (string values). */
#include <libxml/parser.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: xslt-apply STYLESHEET DOCUMENT [NAME=VALUE]...\n");
        return 2;
    }
    const char *params[2 * 16 + 1] = {0};
    int np = 0;
    for (int i = 3; i < argc && np < 32; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq)
            continue;
        *eq = '\0';
        char *quoted = malloc(strlen(eq + 1) + 3);
        if (!quoted)
            return 3;
        sprintf(quoted, "'%s'", eq + 1);
        params[np++] = argv[i];
        params[np++] = quoted;
    }
    xsltStylesheetPtr sheet = xsltParseStylesheetFile((const xmlChar *)argv[1]);
    xmlDocPtr doc = sheet ? xmlReadFile(argv[2], NULL, XML_PARSE_NONET) : NULL;
    xmlDocPtr res = doc ? xsltApplyStylesheet(sheet, doc, params) : NULL;
    int rc = res && xsltSaveResultToFile(stdout, res, sheet) >= 0 ? 0 : 1;
    for (int i = 1; i < np; i += 2)
        free((char *)params[i]);
    xmlFreeDoc(res);
    xmlFreeDoc(doc);
    xsltFreeStylesheet(sheet);
    return rc;
}
