/* phasedoc.h — public API: customer-project XML in, branded PDF out. */
#ifndef PHASEDOC_H
#define PHASEDOC_H

#include <stddef.h>
#include <stdio.h>

#define PD_VERSION "0.1.0"

/* Every operation returns one of these; the command-line tool uses them as exit codes. */
typedef enum {
    PD_OK = 0,
    PD_ERR_INPUT = 1,  /* something read from a file is wrong: XML, schema, brand, image ... */
    PD_ERR_USAGE = 2,  /* a wrong option, kind or value given by the caller */
    PD_ERR_SYSTEM = 3  /* the output could not be written, or another system failure */
} pd_status;

const char *pd_status_str(pd_status status);

typedef enum { PD_NOTE, PD_WARNING, PD_ERROR } pd_severity;

/* One message about the input. file may be NULL; line and column are 0 when unknown. */
typedef struct {
    pd_severity severity;
    const char *file;
    int line;
    int column;
    const char *message;
} pd_diag;

typedef void (*pd_diag_fn)(const pd_diag *diag, void *user);

/* A context carries options, diagnostics and everything loaded once per process (compiled
 * stylesheets, schemas, fonts). One per thread; a batch worker keeps one for all its
 * documents. */
typedef struct pd_ctx pd_ctx;

pd_ctx *pd_ctx_new(void);
void pd_ctx_free(pd_ctx *ctx);

/* Diagnostics go to the handler as they are raised (default: none; they are kept). */
void pd_ctx_set_diag_handler(pd_ctx *ctx, pd_diag_fn fn, void *user);
size_t pd_ctx_diag_count(const pd_ctx *ctx);
const pd_diag *pd_ctx_diag(const pd_ctx *ctx, size_t index);
void pd_ctx_clear_diags(pd_ctx *ctx);
/* Formats a diagnostic as "file:line:column: severity: message" into buf. */
void pd_diag_format(const pd_diag *diag, char *buf, size_t size);

/* The folder holding stylesheets/, schemas/, templates/ and fonts/. Defaults to the one fixed
 * at build time, overridden by the PHASEDOC_DATA environment variable. */
const char *pd_ctx_data_dir(const pd_ctx *ctx);

/* What to produce. Strings are borrowed for the duration of the call. */
typedef struct {
    const char *kind;       /* approval, offer, concept, implementation */
    const char *lang;       /* NULL: the project's lang, else the brand's default */
    const char *brand;      /* NULL: the project's <branding brand>, else "default" */
    const char **settings;  /* "key=value" brand overrides, NULL-terminated; may be NULL */
    const char *stylesheet; /* a stylesheet file replacing the built-in one; may be NULL */
} pd_options;

/* Parses and validates a project description ("-" is standard input). */
pd_status pd_validate_file(pd_ctx *ctx, const char *path);

/* Runs the stylesheet stage and returns the layout XML (malloc'd, caller frees). */
pd_status pd_layout_file(pd_ctx *ctx, const char *path, const pd_options *opts,
                         char **xml, size_t *len);

/* Renders a project description (or layout XML) to a PDF at out_path, atomically: on failure
 * nothing is written and a previous file stays as it was. out_path "-" is standard output. */
pd_status pd_render_file(pd_ctx *ctx, const char *path, const pd_options *opts,
                         const char *out_path);

/* Prints every resolved brand key, its value and its layer (project FILE may be NULL). */
pd_status pd_brand_show(pd_ctx *ctx, const char *project, const pd_options *opts, FILE *out);

/* Prints the commented starter project description. */
pd_status pd_print_starter(pd_ctx *ctx, FILE *out);

/* The project id of a project description, for naming outputs (malloc'd, caller frees). */
pd_status pd_project_id(pd_ctx *ctx, const char *path, char **id);

#endif
