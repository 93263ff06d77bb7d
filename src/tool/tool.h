/* tool.h — the command-line tool: a thin client of the library. */
#ifndef PD_TOOL_H
#define PD_TOOL_H

#include "phasedoc.h"

#include <stdio.h>

enum { TOOL_MAX_SETTINGS = 64 };

/* Options shared by the commands that produce documents. */
typedef struct {
    pd_options pd;
    const char *settings[TOOL_MAX_SETTINGS + 1];
    int nsettings;
    const char *out;
    const char *dir;
    int strict;   /* --strict: warnings are errors */
    int operands; /* after "--": every further argument is a file, even "-odd.xml" */
} tool_opts;

/* Parses one shared option at argv[*i] (advancing *i past its value). Returns 1 if taken,
 * 0 if not an option of these, -1 after printing a usage error. "--" is taken and sets
 * o->operands; from then on nothing is taken, and callers treat every argument as a file
 * (check tool_is_option). --strict is taken here too (warnings become errors). */
int tool_common_option(int argc, char **argv, int *i, tool_opts *o);

/* Whether argv[i] is to be parsed as an option: it starts with '-', is not "-" alone, and no
 * "--" came before. */
int tool_is_option(const tool_opts *o, const char *arg);

int cmd_watch(pd_ctx *ctx, int argc, char **argv);
int cmd_render(pd_ctx *ctx, int argc, char **argv);
int cmd_layout(pd_ctx *ctx, int argc, char **argv);
int cmd_validate(pd_ctx *ctx, int argc, char **argv);
int cmd_brand(pd_ctx *ctx, int argc, char **argv);
int cmd_new(pd_ctx *ctx, int argc, char **argv);
int cmd_batch(pd_ctx *ctx, int argc, char **argv);
int cmd_serve(pd_ctx *ctx, int argc, char **argv);
int cmd_sign(pd_ctx *ctx, int argc, char **argv);

/* "phasedoc: message" on stderr; returns PD_ERR_USAGE. */
int tool_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tool_print_diag(const pd_diag *d, void *user);

/* SIGINT, SIGTERM, SIGHUP (unless ignored): the temporary files of outputs being written are
 * removed, then the process dies by the signal (signals.c). */
void tool_signals_clean_exit(void);

/* Memory running out inside libxml2 or libxslt ends the command: temporary files removed,
 * "out of memory", exit 3 (signals.c; see pd_xml_on_no_memory). */
void tool_end_on_no_memory(void);

#endif
