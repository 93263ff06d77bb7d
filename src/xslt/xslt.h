/* xslt.h — the stylesheet stage: project tree in, layout tree out, confined and bounded. */
#ifndef PD_XSLT_H
#define PD_XSLT_H

#include "brand.h"
#include "ctx.h"
#include "l10n.h"

#include <libxml/tree.h>

/* The namespace of our extension functions (prefix pd in the stylesheets). */
#define PD_XSLT_NS "urn:phasedoc:xslt:1"
/* Built-in stylesheets can be imported by partner stylesheets as phasedoc:NAME.xsl. */
#define PD_XSLT_SCHEME "phasedoc:"

/* What the extension functions see during one transform. */
typedef struct {
    pd_ctx *ctx;
    const pd_brand *brand;
    const pd_catalogue *cat;
    const char *lang;
    const char *kind;
    /* Folders a stylesheet may read from besides the built-in stylesheets (NULL-terminated). */
    const char *const *read_dirs;
} pd_xslt_env;

/* Transforms input with the stylesheet at path (compiled once per context and kept). */
pd_status pd_xslt_transform(const pd_xslt_env *env, const char *path, xmlDocPtr input,
                            xmlDocPtr *output);

/* Compiles the stylesheet at path into the context's cache, as pd_xslt_transform would. */
pd_status pd_xslt_compile(const pd_xslt_env *env, const char *path);

/* Registers the extension functions and the confined loader; once per process. */
void pd_xslt_init(void);

/* Extension functions (ext.c). */
void pd_xslt_register_functions(void);
/* Money and sizing functions (ext_money.c), called by pd_xslt_register_functions. */
void pd_xslt_register_money_functions(void);
/* pd:ink (ext_colour.c) */
void pd_xslt_register_colour_functions(void);

#endif
