/* ext.h — helpers shared by the files that define XSLT extension functions. */
#ifndef PD_EXT_H
#define PD_EXT_H

#include "xslt.h"

#include <libxml/xpathInternals.h>

/* The environment of the running transform. */
const pd_xslt_env *pd_ext_env(xmlXPathParserContextPtr pctxt);
/* Raises an error at the stylesheet instruction that called the function and stops the
 * transform; pushes an empty string so XPath evaluation can unwind. */
void pd_ext_fail(xmlXPathParserContextPtr pctxt, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Pops the arguments as strings (malloc'd by libxml2: free with xmlFree); false after
 * raising an arity error. */
bool pd_ext_args(xmlXPathParserContextPtr pctxt, int nargs, int min, int max, xmlChar **args);
void pd_ext_free_args(xmlChar **args, int n);
void pd_ext_return(xmlXPathParserContextPtr pctxt, const char *s);

#endif
