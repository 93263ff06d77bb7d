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
 * the name taken from the same read of the file as the content. *used (may be NULL) gets the
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

#endif
