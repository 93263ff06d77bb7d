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
 * stylesheets, schemas, fonts); a batch worker keeps one for all its documents. One call at a
 * time per process: libxml2's handlers, the XSLT stage and fontconfig's configuration are
 * process-wide, so an operation called from a second thread while another runs is refused
 * with PD_ERR_USAGE (use processes, as phasedoc batch does, for parallel work). Contexts may
 * be many; their calls must not overlap. */
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
    const char *format;     /* "pdf" (NULL), "png" (a file per page) or "svg" (one per page) */
    double resolution;      /* dots per inch for png (0: 96) */
    int max_pages;          /* more pages than this is an input error (<= 0: 5000) */
    int embed_source;       /* PDF: attach the project file (PDF/A-3b, relationship Source) */
    int jobs;               /* PDF: threads that lay out a flow falling into parts at its page
                             * breaks (a mail merge); the bytes are the same for any number
                             * (<= 1: the calling thread only) */
} pd_options;

/* The document kinds in phase order: offer, concept, implementation, approval; NULL past the
 * end. */
const char *pd_kind_name(size_t i);

/* Parses and validates a project description ("-" is standard input). */
pd_status pd_validate_file(pd_ctx *ctx, const char *path);

/* Runs the stylesheet stage and returns the layout XML (malloc'd, caller frees). */
pd_status pd_layout_file(pd_ctx *ctx, const char *path, const pd_options *opts,
                         char **xml, size_t *len);

/* Renders a project description (or layout XML) to a PDF at out_path, atomically: on failure
 * nothing is written and a previous file stays as it was. out_path "-" is standard output. */
pd_status pd_render_file(pd_ctx *ctx, const char *path, const pd_options *opts,
                         const char *out_path);

/* Lays out the input and prints the placed boxes of every page as text, one per line
 * (page, kind, position, size, content): the engine's decisions, exactly. */
pd_status pd_layout_boxes(pd_ctx *ctx, const char *path, const pd_options *opts, FILE *out);

/* Prints every resolved brand key, its value and its layer (project FILE may be NULL). */
pd_status pd_brand_show(pd_ctx *ctx, const char *project, const pd_options *opts, FILE *out);

/* Prints the commented starter project description. */
pd_status pd_print_starter(pd_ctx *ctx, FILE *out);

/* What a render produced. */
typedef struct {
    int pages;
} pd_render_stats;

/* pd_render_file, reporting what was produced into stats (may be NULL). */
pd_status pd_render_file_stats(pd_ctx *ctx, const char *path, const pd_options *opts,
                               const char *out_path, pd_render_stats *stats);

/* pd_render_file_stats into dir/<project id>-<kind>.<format> (dir NULL: the current folder),
 * the name taken from the same read of the file as the content; <kind> is the brand's word for
 * the kind where it has one ("proposal" for an offer whose brand calls it a Proposal). *used (may be NULL) gets the
 * path written (malloc'd), NULL when no name could be made. */
pd_status pd_render_file_auto(pd_ctx *ctx, const char *path, const pd_options *opts,
                              const char *dir, char **used, pd_render_stats *stats);

/* The project id of a project description, for naming outputs (malloc'd, caller frees). */
pd_status pd_project_id(pd_ctx *ctx, const char *path, char **id);

/* Removes the temporary files of the outputs this process is writing. Async-signal-safe: call
 * it from a handler for SIGINT, SIGTERM or SIGHUP before the process ends (the command-line
 * tool does). A previous output is never touched. */
void pd_signal_cleanup(void);

/* ---- batch: many documents at once, one worker process per core (src/batch) ---------- */

/* Loads what every render shares, so that worker processes forked afterwards inherit it
 * instead of each loading it again: the compiled stylesheet of opts->kind (of every kind when
 * kind is NULL or "all"; the brand's own or opts->stylesheet where the pipeline would use
 * it), the language catalogues, the fonts. opts->brand, ->lang and ->settings are resolved as
 * a render without a project would. Optional: all of it is otherwise loaded on first use.
 * PD_ERR_USAGE for a wrong brand, language or setting; PD_ERR_INPUT when a stylesheet, a
 * catalogue or the fonts cannot be loaded. opts may be NULL. */
pd_status pd_ctx_warm(pd_ctx *ctx, const pd_options *opts);

/* The project id and the customer's name of a project description, read with the hardened
 * loader but not validated (malloc'd, caller frees; NULL when the file has none, e.g. a layout
 * XML file). */
pd_status pd_project_info(pd_ctx *ctx, const char *path, char **id, char **customer);

/* One document of a batch. Strings are borrowed for the duration of pd_batch_run. */
typedef struct {
    const char *input; /* a project description (not "-") */
    const char *kind;  /* NULL: the batch's render.kind, else approval */
    const char *lang;  /* NULL: the batch's render.lang */
    const char *brand; /* NULL: the batch's render.brand */
} pd_batch_job;

/* PD_BATCH_INTERRUPTED: the batch was stopped by a signal before the job finished. */
typedef enum { PD_BATCH_OK, PD_BATCH_FAILED, PD_BATCH_SKIPPED, PD_BATCH_INTERRUPTED } pd_batch_state;

/* What became of one job. output and error are malloc'd: pd_batch_result_clear frees them. */
typedef struct {
    pd_batch_state state;
    pd_status status;  /* why it failed; PD_OK otherwise */
    char *output;      /* OUTDIR/NAME; NULL when no name could be made */
    char *error;       /* the first error, "file:line:column: message"; NULL if none */
    double ms;         /* wall-clock time of the job */
    long pages;        /* -1 when unknown */
    long long bytes;   /* size of the output file; -1 when there is none */
} pd_batch_result;

typedef void (*pd_batch_done_fn)(size_t index, const pd_batch_job *job,
                                 const pd_batch_result *result, void *user);

typedef struct {
    pd_options render;   /* defaults for every job: kind, lang, brand, settings, stylesheet */
    const char *outdir;  /* NULL: "." ; must exist and be writable */
    const char *name;    /* output name pattern, NULL: "{id}-{kind}.pdf"; placeholders {id},
                          * {customer} (reduced to [A-Za-z0-9._-]), {kind}, {lang}, {brand},
                          * {stem} (input file name without .xml) */
    int workers;         /* worker processes; <= 0: the number of online cores */
    double timeout;      /* wall-clock seconds per document, then SIGKILL; <= 0: none */
    long max_rss_mb;     /* resident memory of each worker in MB, watched by the parent (a
                          * worker past it is killed, its document fails); <= 0: none */
    int skip_existing;   /* a document whose output is a complete PDF newer than its input
                          * and brand.xml is skipped */
    const char *report;  /* JSON lines, one per job in job order, written atomically at the
                          * end; NULL: none */
    pd_batch_done_fn on_done; /* called in the calling process as each job ends; may be NULL */
    void *user;
    int *interrupted;    /* set to the signal (SIGINT, SIGTERM, SIGHUP) that stopped the
                          * batch, 0 if none; may be NULL */
} pd_batch_opts;

/* Renders every job in worker processes forked from the calling one (after pd_ctx_warm), one
 * long-lived worker per core taking jobs as it becomes free. A crash, a hang past the
 * timeout, the memory limit or a bad input fails that job only; a killed worker is replaced
 * and its temporary file removed. results (njobs of them) are filled in job order. Clears the
 * context's diagnostics; ignores SIGPIPE while it runs. Returns PD_OK when every job
 * succeeded or was skipped, PD_ERR_INPUT when any failed (after all the others ran),
 * PD_ERR_USAGE for a bad pattern, kind or option (nothing ran), PD_ERR_SYSTEM when the batch
 * could not run (output folder missing or not writable, no worker could start) or the report
 * could not be written.
 * While it runs, SIGINT, SIGTERM and SIGHUP (unless ignored) stop the batch instead of the
 * process: no more jobs start, running ones are abandoned and their temporary files removed,
 * every unfinished job is marked PD_BATCH_INTERRUPTED, the report is written, and it
 * returns PD_ERR_SYSTEM with the signal in *opts->interrupted; the caller then ends as the
 * signal would have (the tool exits 130, 143 or 129). One batch per process at a time.
 * Workers die with the calling process. Temporary files of phasedoc's naming older than a
 * day in the output folder are removed first (a note says so). */
pd_status pd_batch_run(pd_ctx *ctx, const pd_batch_opts *opts, const pd_batch_job *jobs,
                       size_t njobs, pd_batch_result *results);
void pd_batch_result_clear(pd_batch_result *result); /* NULL-safe */

/* --shard I/N: a job belongs to shard I when pd_batch_hash(input, kind) % N == I, input as the
 * user gave it (command line or manifest line). FNV-1a 64 over input, a NUL byte, and kind:
 * the same on every machine and independent of the order of the list. */
unsigned long long pd_batch_hash(const char *input, const char *kind);

/* One entry of a manifest: a list of paths (one a line; blank lines and # comments skipped),
 * or CSV whose header row has a "path" column and optional "kind", "brand" and "lang"
 * columns. given is the path as written; path is resolved against the manifest's folder.
 * kind, brand and lang are NULL when absent or empty; kind may be "all". */
typedef struct {
    char *path, *given, *kind, *brand, *lang;
    int line;
} pd_manifest_entry;

/* Reads a manifest ("-": standard input, paths relative to the current folder). Errors name
 * the manifest's line: PD_ERR_INPUT for a malformed file, PD_ERR_USAGE for an unknown kind. */
pd_status pd_manifest_load(pd_ctx *ctx, const char *path, pd_manifest_entry **entries,
                           size_t *count);
void pd_manifest_free(pd_manifest_entry *entries, size_t count);

/* ---- end of batch -------------------------------------------------------------------- */

/* ---- signing (PAdES B-B signatures in a PDF's signature fields) ------------------------ */

typedef struct {
    const char *field;         /* the signature field to sign (its full name) */
    const char *key_file;      /* the signer's private key, PEM (never written anywhere) */
    const char *cert_file;     /* the signer's certificate, PEM */
    const char *chain_file;    /* intermediate certificates to include, PEM; may be NULL */
    const char *password_file; /* the key's password on its first line; NULL: unencrypted */
    const char *reason, *location, *contact; /* shown by viewers; each may be NULL */
    int certify;               /* a certifying signature (DocMDP: only form filling and
                                  signing allowed afterwards); the document's first only */
} pd_sign_options;

/* Signs the PDF in into out as an incremental update (earlier signatures stay valid): a CMS
 * detached signature (ETSI.CAdES.detached, SHA-256, signing-certificate-v2) over the whole
 * file but the signature's own /Contents. Nothing is written on failure. PD_ERR_USAGE for a
 * field that does not exist; PD_ERR_INPUT for a field already signed, a key that cannot be
 * read (wrong password), a key that does not match the certificate, a certificate that has
 * expired or is not yet valid, a PDF that cannot be updated; PD_ERR_SYSTEM when out cannot be
 * written. */
pd_status pd_sign_file(pd_ctx *ctx, const char *in, const char *out, const pd_sign_options *o);

/* Calls fn for each signature field of the PDF in, in the form's order. */
typedef void (*pd_sign_field_fn)(const char *name, int is_signed, void *user);
pd_status pd_sign_list(pd_ctx *ctx, const char *in, pd_sign_field_fn fn, void *user);

/* ---- end of signing ------------------------------------------------------------------ */

/* ---- authoring: strict checks, kinds and their data ----------------------------------- */

/* Warnings are raised as errors from now on (the tool's --strict, for CI). */
void pd_ctx_set_strict(pd_ctx *ctx, int strict);

/* Which document kinds a project description has the data for, as bits (1 << i for
 * pd_kind_name(i)). Reads and parses the file, without validating it. */
pd_status pd_project_kinds(pd_ctx *ctx, const char *path, unsigned *kinds);

/* The folders a render of path with opts reads besides path and opts->stylesheet: the brand
 * packs of the resolved chain and their fonts/ folders (NULL-terminated, malloc'd, each and
 * the list freed with free). For watching them for changes. */
pd_status pd_watch_folders(pd_ctx *ctx, const char *path, const pd_options *opts,
                           char ***folders);

/* ---- installation: brand pack search path (src/brand) ------------------------------- */

/* A brand pack given by name (-b NAME, <branding brand="NAME">) is looked for in these
 * folders, first match wins: $XDG_DATA_HOME/phasedoc/brands (default
 * ~/.local/share/phasedoc/brands), /etc/phasedoc/brands (SYSCONFDIR at build time), then the
 * data dir's templates/brands. A pack's extends= looks in its own folder's siblings first.
 * pd_brand_search_path prints the folders, one a line; pd_brand_list prints "NAME<TAB>FOLDER"
 * for each pack that a name would find (one hidden by an earlier folder is left out). */
pd_status pd_brand_search_path(pd_ctx *ctx, FILE *out);
pd_status pd_brand_list(pd_ctx *ctx, FILE *out);

/* ---- from memory: a buffer in, a buffer or a callback out (src/pipeline) ------------- */

/* Hands the caller bytes of a finished PDF; returns 0, or non-zero to fail the call. */
typedef int (*pd_write_fn)(const void *data, size_t len, void *user);

/* The *_file operations for a project description (or layout XML) held in memory: data and
 * len (at most 64 MB); name is what diagnostics show as the file (NULL: "<memory>"), and is
 * never opened. A buffer has no folder: a project's images and stylesheet come from its brand
 * packs as for a file, layout XML takes images from the data dir's templates/ only, and
 * opts->stylesheet is a file as for pd_render_file. Diagnostics as for files. opts may be
 * NULL (the defaults); opts->format must be NULL or "pdf". stats may be NULL. */
pd_status pd_validate_memory(pd_ctx *ctx, const char *data, size_t len, const char *name);
pd_status pd_layout_memory(pd_ctx *ctx, const char *data, size_t len, const char *name,
                           const pd_options *opts, char **xml, size_t *xml_len);
/* The PDF in *pdf (malloc'd, the caller frees it with free()) and *pdf_len; NULL and 0 on
 * failure. */
pd_status pd_render_memory(pd_ctx *ctx, const char *data, size_t len, const char *name,
                           const pd_options *opts, char **pdf, size_t *pdf_len,
                           pd_render_stats *stats);
/* The PDF handed to write_fn, only once complete (a failed render never calls it): for a
 * socket, a response body, a database blob. PD_ERR_SYSTEM when write_fn returns non-zero. */
pd_status pd_render_memory_to(pd_ctx *ctx, const char *data, size_t len, const char *name,
                              const pd_options *opts, pd_write_fn write_fn, void *user,
                              pd_render_stats *stats);

#endif
